"""An in-memory CircleCI (API v1.1 and v2) served through ``responses``.

Only the operations the SDK helpers use are answered. Lists are paged
``page_size`` items at a time, so every helper is exercised across pages.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional, Union
from urllib.parse import parse_qs, unquote, urlsplit

import requests
import responses

API = "https://circleci.test/api/v1.1"
V2 = "https://circleci.test/api/v2"
STORAGE = "https://storage.test"

Reply = tuple[int, dict[str, str], Union[str, bytes]]


class FakeCircleCI:
    """The state of a fake CircleCI and the ``responses`` callback that serves it."""

    def __init__(self, rsps: responses.RequestsMock, *, page_size: int = 2) -> None:
        self.page_size = page_size
        self.pipelines: list[dict[str, Any]] = []
        self.workflows: dict[str, list[dict[str, Any]]] = {}
        self.jobs: dict[str, list[dict[str, Any]]] = {}
        self.artifacts: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[str, Union[bytes, int]] = {}
        self.calls: list[str] = []
        self.on_trigger: list[dict[str, Any]] = []
        self.before_file: Callable[[], None] = lambda: None
        pattern = re.compile(r"https://(circleci|storage)\.test/.*")
        for verb in (responses.GET, responses.POST):
            rsps.add_callback(verb, pattern, callback=self.serve)

    # --- building state -------------------------------------------------

    def add_pipeline(
        self,
        *,
        slug: str = "gh/org/repo",
        branch: str = "main",
        state: str = "created",
        age: timedelta = timedelta(minutes=5),
        errors: Optional[list[dict[str, str]]] = None,
    ) -> dict[str, Any]:
        created = datetime.now(timezone.utc) - age
        pipeline = {
            "id": str(uuid.uuid4()),
            "number": len(self.pipelines) + 1,
            "project_slug": slug,
            "state": state,
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.") + f"{created.microsecond // 1000:03d}Z",
            "errors": errors or [],
            "vcs": {"branch": branch},
        }
        self.pipelines.append(pipeline)
        self.workflows[pipeline["id"]] = []
        return pipeline

    def add_workflow(self, pipeline: dict[str, Any], name: str, status: str) -> dict[str, Any]:
        workflow = {
            "id": str(uuid.uuid4()),
            "name": name,
            "status": status,
            "pipeline_id": pipeline["id"],
            "pipeline_number": pipeline["number"],
        }
        self.workflows[pipeline["id"]].append(workflow)
        return workflow

    def add_job(self, workflow: dict[str, Any], name: str, status: str, number: Optional[int] = None) -> dict[str, Any]:
        """Add a job to a workflow (``number`` ``None`` for an approval or a job that never ran)."""
        job = {"id": str(uuid.uuid4()), "name": name, "status": status, "type": "build", "job_number": number}
        self.jobs.setdefault(workflow["id"], []).append(job)
        return job

    def add_artifact(self, job: Union[int, str], path: str, body: Union[bytes, int], node_index: int = 0) -> str:
        """Add an artifact whose download answers ``body`` (or that status code); return its URL."""
        url = f"{STORAGE}/{job}/{node_index}/{path}"
        self.artifacts.setdefault(str(job), []).append({"path": path, "node_index": node_index, "url": url})
        self.files[url] = body
        return url

    # --- serving --------------------------------------------------------

    def serve(self, request: requests.PreparedRequest) -> Reply:
        parts = urlsplit(str(request.url))
        self.calls.append(f"{request.method} {parts.path}" + (f"?{parts.query}" if parts.query else ""))
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        if parts.netloc == "storage.test":
            return self._file(f"{STORAGE}{parts.path}")
        route = unquote(parts.path)
        for method, regex, handler in self._routes():
            match = re.fullmatch(regex, route)
            if match and method == request.method:
                return handler(request, query, *match.groups())
        return _json(404, {"message": "Not found"})

    def _routes(self) -> list[tuple[str, str, Any]]:
        return [
            ("GET", r"/api/v2/pipeline/([^/]+)", self._pipeline),
            ("GET", r"/api/v2/pipeline/([^/]+)/workflow", self._pipeline_workflows),
            ("GET", r"/api/v2/workflow/([^/]+)", self._workflow),
            ("GET", r"/api/v2/workflow/([^/]+)/job", self._workflow_jobs),
            ("GET", r"/api/v2/project/(\w+/[^/]+/[^/]+)/pipeline", self._project_pipelines),
            ("POST", r"/api/v2/project/(\w+/[^/]+/[^/]+)/pipeline", self._trigger),
            ("GET", r"/api/v2/project/(\w+/[^/]+/[^/]+)/(\d+)/artifacts", self._job_artifacts),
            ("GET", r"/api/v1\.1/project/github/([^/]+)/([^/]+)/(\d+)/artifacts", self._build_artifacts),
        ]

    def _page(self, items: list[Any], query: dict[str, str]) -> Reply:
        start = int(query.get("page-token", "0"))
        end = start + self.page_size
        return _json(200, {"items": items[start:end], "next_page_token": str(end) if end < len(items) else None})

    def _find_pipeline(self, pipeline_id: str) -> Optional[dict[str, Any]]:
        return next((pipeline for pipeline in self.pipelines if pipeline["id"] == pipeline_id), None)

    def _pipeline(self, _request: Any, _query: dict[str, str], pipeline_id: str) -> Reply:
        pipeline = self._find_pipeline(pipeline_id)
        return _json(200, pipeline) if pipeline else _json(404, {"message": "Pipeline not found"})

    def _pipeline_workflows(self, _request: Any, query: dict[str, str], pipeline_id: str) -> Reply:
        return self._page(self.workflows[pipeline_id], query)

    def _workflow(self, _request: Any, _query: dict[str, str], workflow_id: str) -> Reply:
        everything = [workflow for workflows in self.workflows.values() for workflow in workflows]
        return _json(200, next(workflow for workflow in everything if workflow["id"] == workflow_id))

    def _workflow_jobs(self, _request: Any, query: dict[str, str], workflow_id: str) -> Reply:
        return self._page(self.jobs.get(workflow_id, []), query)

    def _project_pipelines(self, _request: Any, query: dict[str, str], slug: str) -> Reply:
        newest_first = [
            pipeline
            for pipeline in reversed(self.pipelines)
            if pipeline["project_slug"] == slug and query.get("branch") in (None, pipeline["vcs"]["branch"])
        ]
        return self._page(newest_first, query)

    def _trigger(self, request: requests.PreparedRequest, _query: dict[str, str], slug: str) -> Reply:
        body = json.loads(request.body or b"{}")
        self.on_trigger.append(body)
        pipeline = self.add_pipeline(slug=slug, branch=body.get("branch", "main"), age=timedelta(0))
        return _json(201, {key: pipeline[key] for key in ("id", "number", "state", "created_at")})

    def _job_artifacts(self, _request: Any, query: dict[str, str], _slug: str, job: str) -> Reply:
        return self._page(self.artifacts.get(job, []), query)

    def _build_artifacts(self, _request: Any, _query: dict[str, str], _org: str, _repo: str, build: str) -> Reply:
        return _json(200, self.artifacts.get(build, []))

    def _file(self, url: str) -> Reply:
        self.before_file()
        body = self.files.get(url, 404)
        if isinstance(body, int):
            return _json(body, {"message": "Artifact not found"})
        return 200, {"Content-Type": "application/octet-stream"}, body


def _json(status: int, body: Any) -> Reply:
    return status, {"Content-Type": "application/json"}, json.dumps(body)
