"""What the API v3 routes of FakeCircleCI share: requests, errors, pages, bodies and views.

v3 answers in envelopes (``{"data": ...}``), pages with opaque cursors
(``page[cursor]``; ``page.next`` is null on the last page), refuses a page
size above each route's maximum with 400, and reports failures as an error
object (``{"error": {"id", "type", "title", "detail", "source"}}``), as
``spec/v3-reference.md`` describes.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, Optional

from .clock import isoformat
from .routing import Reply
from .state import TERMINAL, Job, Pipeline, Project, State, StepPlan, Workflow, default_steps

__all__ = [
    "PREFIX",
    "V3Call",
    "V3Error",
    "V3Route",
    "V3Store",
    "collection",
    "created",
    "entity",
    "no_content",
    "single",
]

PREFIX = "/api/v3"
DEFAULT_LIMIT = 20
_STEP_TYPES = {"Spin up environment": "spinup_environment", "Checkout code": "checkout"}
_OUTCOMES = {"success": "succeeded", "failed": "failed", "canceled": "canceled", "not_run": "not_run"}


class V3Error(Exception):
    """Stop handling a request and answer v3's error object with a status.

    :param status: the HTTP status.
    :param title: the error's title.
    :param detail: the error's detail.
    :param type: the error's type (``validation_error``, ``not_found``, ...).
    :param pointer: where in the request the problem is (``/filter/org_id``).
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: Optional[str] = None,
        *,
        type: Optional[str] = None,
        pointer: Optional[str] = None,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type or {400: "validation_error", 404: "not_found", 409: "conflict"}.get(status, "error")
        self.pointer = pointer

    def body(self) -> dict[str, Any]:
        """The error object."""
        found: dict[str, Any] = {"id": str(uuid.uuid4()), "type": self.type, "title": self.title}
        if self.detail:
            found["detail"] = self.detail
        if self.pointer:
            found["source"] = {"pointer": self.pointer}
        return {"error": found}


def not_found(what: str) -> V3Error:
    """A 404 for an unknown id."""
    return V3Error(404, "Not Found", f"{what} not found")


@dataclass
class V3Store:
    """The v3-only objects of the fake, beside the shared :class:`~circleci.testing.state.State`.

    :ivar tables: entities by kind and id, kept in their wire form
        (``{"id", "attributes", "references"}``).
    :ivar reruns: the ``is_from_failed`` flag of each workflow rerun, in order,
        for tests to assert on.
    :ivar dlc_retired: answer ``DELETE /projects/{id}/dlc`` with 410, as a retired endpoint.
    :ivar extra_headers: headers added to every v3 answer (e.g. ``Deprecation``, ``Sunset``).
    """

    tables: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    reruns: list[bool] = field(default_factory=list)
    dlc_retired: bool = False
    extra_headers: dict[str, str] = field(default_factory=dict)
    known_projects: set[str] = field(default_factory=set)
    known_orgs: set[str] = field(default_factory=set)
    requests: int = 0

    def table(self, kind: str) -> dict[str, dict[str, Any]]:
        """The entities of one kind, by id."""
        return self.tables.setdefault(kind, {})

    def get(self, kind: str, ident: str, what: str) -> dict[str, Any]:
        """One entity, or a 404."""
        found = self.table(kind).get(ident)
        if found is None:
            raise not_found(what)
        return found


@dataclass
class V3Call:
    """One v3 request as a handler sees it.

    :ivar query: the decoded query (``filter[org_id]`` as its own key).
    :ivar headers: the request headers, lower-cased names.
    """

    state: State
    store: V3Store
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    root: str

    def filter(self, name: str) -> Optional[str]:
        """The value of ``filter[<name>]``, or ``None``."""
        return self.query.get(f"filter[{name}]")

    def require_filter(self, name: str) -> str:
        """The value of a filter the route cannot do without; 400 when absent."""
        value = self.filter(name)
        if not value:
            raise V3Error(
                400,
                "Missing Required Filter",
                f"Query parameter 'filter[{name}]' is required.",
                pointer=f"/filter/{name}",
            )
        return value

    def one_filter(self, *names: str) -> tuple[str, str]:
        """The one scope filter of a route that takes exactly one of ``names``; 400 otherwise."""
        given = [(name, value) for name in names if (value := self.filter(name))]
        if len(given) != 1:
            listed = " | ".join(f"filter[{name}]" for name in names)
            raise V3Error(400, "Invalid Filter", f"Exactly one of {listed} is required.")
        return given[0]

    def now(self) -> str:
        """The fake clock's time, as v3 writes it."""
        return str(isoformat(self.state.clock.now()))

    def flat(self, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, Any]:
        """The flat body, refusing members the route does not define and missing required ones."""
        body = self.body if self.body is not None else {}
        if not isinstance(body, dict):
            raise V3Error(400, "Malformed Body", "The request body must be a JSON object.")
        unknown = sorted(set(body) - set(allowed))
        if unknown:
            raise V3Error(400, "Unknown Member", f"Unexpected field '{unknown[0]}'.", pointer=f"/{unknown[0]}")
        for name in required:
            if body.get(name) in (None, ""):
                raise V3Error(400, "Missing Member", f"'{name}' is required.", pointer=f"/{name}")
        return body

    def envelope(
        self, attributes: tuple[str, ...], references: tuple[str, ...] = (), required: tuple[str, ...] = ()
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """The attributes and reference ids of a data-envelope body; unknown members are refused.

        ``required`` names attributes, or references as ``references.<name>``.
        """
        body = self.flat(("data",))
        data = body.get("data")
        if not isinstance(data, dict):
            raise V3Error(400, "Malformed Body", 'The request body must be {"data": {...}}.', pointer="/data")
        unknown = sorted(set(data) - {"attributes", "references"})
        if unknown:
            raise V3Error(400, "Unknown Member", f"Unexpected field '{unknown[0]}'.", pointer=f"/data/{unknown[0]}")
        attrs: dict[str, Any] = data.get("attributes") or {}
        refs: dict[str, Any] = data.get("references") or {}
        extra = sorted(set(attrs) - set(attributes)) or sorted(f"references/{n}" for n in set(refs) - set(references))
        if extra:
            raise V3Error(
                400, "Unknown Member", f"Unexpected field '{extra[0]}'.", pointer=f"/data/attributes/{extra[0]}"
            )
        ids = {name: str(ref["id"]) for name, ref in refs.items() if isinstance(ref, dict) and ref.get("id")}
        for name in required:
            kind, _, ref = name.partition(".")
            missing = ids.get(ref) is None if kind == "references" else attrs.get(name) in (None, "")
            if missing:
                raise V3Error(
                    400, "Missing Member", f"'{name}' is required.", pointer=f"/data/{name.replace('.', '/')}"
                )
        return attrs, ids


Handler = Callable[[V3Call], Reply]


class V3Route(NamedTuple):
    """A verb and path template answered by a handler; ``name`` is the ApiV3 method's."""

    verb: str
    template: str
    handler: Handler
    name: str


def entity(ident: Optional[str], attributes: dict[str, Any], **references: Any) -> dict[str, Any]:
    """An entity in wire form; ``None`` attributes are left out, as v3 omits empty members."""
    found: dict[str, Any] = {} if ident is None else {"id": ident}
    found["attributes"] = {name: value for name, value in attributes.items() if value is not None}
    refs = {name: value for name, value in references.items() if value is not None}
    if refs:
        found["references"] = {
            name: value if isinstance(value, (dict, list)) else {"id": value} for name, value in refs.items()
        }
    return found


def single(found: Any, status: int = 200, headers: Optional[dict[str, str]] = None) -> Reply:
    """``{"data": ...}``."""
    return Reply.json({"data": found}, status, headers)


def created(found: Any) -> Reply:
    """``201 {"data": ...}``."""
    return single(found, 201)


def no_content() -> Reply:
    """``204`` with no body."""
    return Reply(204)


def collection(call: V3Call, items: list[Any], max_limit: Optional[int] = None, *, in_body: bool = False) -> Reply:
    """One cursor page of ``items``: ``{"data": [...], "page": {"next", "prev"}}``.

    :param max_limit: the route's largest ``page[limit]``; above it, 400.
    :param in_body: read ``page.cursor`` / ``page.limit`` from the body (search routes).
    """
    if in_body:
        page = call.body.get("page") if isinstance(call.body, dict) else None
        page = page if isinstance(page, dict) else {}
        raw_limit, cursor = page.get("limit"), page.get("cursor") or None
    else:
        raw_limit, cursor = call.query.get("page[limit]"), call.query.get("page[cursor]")
    if cursor:
        start, limit = _decode_cursor(cursor)
    else:
        start, limit = 0, DEFAULT_LIMIT if max_limit is None else min(DEFAULT_LIMIT, max_limit)
    if raw_limit is not None:
        limit = _limit(raw_limit, max_limit)
    end = start + limit
    following = _cursor(end, limit) if end < len(items) else None
    previous = _cursor(max(start - limit, 0), limit) if start > 0 else None
    return Reply.json({"data": items[start:end], "page": {"next": following, "prev": previous}})


def everything(items: list[Any]) -> Reply:
    """A collection answered whole, without a ``page`` member (as the jobs list and artifacts are)."""
    return Reply.json({"data": items})


def _limit(raw: Any, max_limit: Optional[int]) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    top = max_limit or 1000
    if isinstance(raw, bool) or value < 1 or value > top:
        raise V3Error(400, "Invalid page size", f"page[limit] must be between 1 and {top}.", pointer="/page/limit")
    return value


def _cursor(offset: int, limit: int) -> str:
    return base64.urlsafe_b64encode(f"v3:{offset}:{limit}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[int, int]:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, offset, limit = text.split(":")
        if kind == "v3" and offset.isdigit() and limit.isdigit() and int(limit) > 0:
            return int(offset), int(limit)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise V3Error(400, "Invalid cursor", "page[cursor] was not issued by this server.", pointer="/page/cursor")


# -- views of the shared state ------------------------------------------------


def outcome(status: str) -> str:
    """A v2 job or workflow status as a v3 outcome."""
    return _OUTCOMES.get(status, status)


def job_phase(job: Job) -> str:
    """A job's v3 phase: ``created``, ``blocked``, ``queued``, ``started`` or ``ended``."""
    return {"blocked": "created", "on_hold": "blocked", "queued": "queued", "running": "started"}.get(
        job.status, "ended"
    )


def workflow_view(workflow: Workflow) -> dict[str, Any]:
    """A workflow: ``outcome`` and ``ended_at`` once every job has stopped, ``current_outcome`` before."""
    status = workflow.status
    ended = workflow.stopped_at is not None
    attributes: dict[str, Any] = {
        "name": workflow.name,
        "phase": "ended" if ended else "started",
        "created_at": isoformat(workflow.created_at),
    }
    if ended:
        attributes.update(outcome=outcome(status), ended_at=isoformat(workflow.stopped_at))
    else:
        attributes["current_outcome"] = "failed" if status == "failing" else "succeeded"
    pipeline = workflow.pipeline
    return entity(workflow.id, attributes, run=pipeline.id, project=pipeline.project.id, user=pipeline.actor.id)


def run_view(pipeline: Pipeline) -> dict[str, Any]:
    """A v2 pipeline as a v3 run: ``phase`` and ``current_outcome`` only (never ``outcome``)."""
    views = [workflow_view(workflow) for workflow in pipeline.workflows]
    phases = {view["attributes"]["phase"] for view in views}
    outcomes = {view["attributes"].get("outcome") or view["attributes"].get("current_outcome") for view in views}
    if pipeline.errors:
        phase, current = "ended", "errored"
    elif not views:
        phase, current = "created", None
    else:
        phase = "ended" if phases == {"ended"} else "started"
        current = next((o for o in ("failed", "canceled", "errored") if o in outcomes), "succeeded")
    project = pipeline.project
    vcs: dict[str, Any] = {
        "revision": pipeline.revision,
        "origin_repository_url": project.vcs_url,
        "commit": {
            "subject": f"Change {pipeline.number}",
            "url": f"{project.vcs_url}/commit/{pipeline.revision}",
            "author": {"name": pipeline.actor.name, "login": pipeline.actor.login},
        },
    }
    vcs.update({key: value for key, value in (("branch", pipeline.branch), ("tag", pipeline.tag)) if value})
    attributes = {
        "phase": phase,
        "current_outcome": current,
        "created_at": isoformat(pipeline.created_at),
        "errors": pipeline.errors or None,
    }
    return entity(
        pipeline.id,
        attributes,
        event={"attributes": {"type": "push" if pipeline.trigger_type == "webhook" else "api", "vcs": vcs}},
        trigger={"attributes": {"event_source": {"type": pipeline.trigger_type}}},
        project=project.id,
        user=pipeline.actor.id,
    )


def job_list_view(job: Job) -> dict[str, Any]:
    """A job as the jobs list shows it (with ``number``, once it has one)."""
    ended = job.status in TERMINAL
    attributes = {
        "number": job.number,
        "name": job.name,
        "type": job.plan.type,
        "phase": job_phase(job),
        "outcome": outcome(job.status) if ended else None,
        "started_at": isoformat(job.started_at),
        "ended_at": isoformat(job.stopped_at) if ended else None,
    }
    return entity(job.id, attributes, workflow=job.workflow.id, project=job.project.id)


def steps_of(job: Job) -> list[StepPlan]:
    """The steps a job runs: its plan's, or :func:`~circleci.testing.state.default_steps`."""
    return list(job.plan.steps) or default_steps(job.plan)


def step_number(index: int) -> int:
    """The ``num`` of the step at ``index``: 0 for the first, then 101, 102, ..."""
    return 0 if index == 0 else 100 + index


def step_progress(job: Job, index: int, now: float) -> Optional[float]:
    """How far step ``index`` of a job has got, 0 to 1; ``None`` before it starts or when it never runs."""
    steps = steps_of(job)
    failed_at = next((i for i, step in enumerate(steps) if step.failed), None)
    if job.started_at is None or (failed_at is not None and index > failed_at):
        return None
    if job.status in TERMINAL:
        return 1.0
    share = job.plan.duration / max(len(steps), 1)
    begin = job.started_at + index * share
    if now < begin:
        return None
    return min(1.0, (now - begin) / share) if share > 0 else 1.0


def step_views(job: Job, now: float) -> list[dict[str, Any]]:
    """The steps of a job's single parallel execution, as far as they have got."""
    steps = steps_of(job)
    share = job.plan.duration / max(len(steps), 1)
    views = []
    for index, step in enumerate(steps):
        progress = step_progress(job, index, now)
        if progress is None:
            continue
        begin = (job.started_at or 0.0) + index * share
        done = progress >= 1.0
        kind = _STEP_TYPES.get(step.name, "run")
        view: dict[str, Any] = {
            "name": step.name,
            "type": kind,
            "num": step_number(index),
            "phase": "ended" if done else "started",
            "started_at": isoformat(begin),
        }
        if done:
            view.update(
                outcome="failed" if step.failed else "succeeded",
                ended_at=isoformat(min(begin + share, job.stopped_at or begin + share)),
            )
            if kind == "run":
                view["exit_code"] = 1 if step.failed else 0
                view["command"] = step.name
        views.append(view)
    return views


def job_view(job: Job, now: float) -> dict[str, Any]:
    """One job with its steps per parallel execution (one execution in the fake)."""
    ended = job.status in TERMINAL
    attributes = {
        "name": job.name,
        "type": job.plan.type,
        "phase": job_phase(job),
        "outcome": outcome(job.status) if ended else None,
        "started_at": isoformat(job.started_at),
        "ended_at": isoformat(job.stopped_at) if ended else None,
        "parallel_executions": [{"steps": step_views(job, now)}] if job.started_at is not None else [],
    }
    pipeline = job.workflow.pipeline
    return entity(
        job.id,
        attributes,
        project=job.project.id,
        pipeline=pipeline.id,
        workflow=job.workflow.id,
        user=pipeline.actor.id,
    )


def project_view(project: Project) -> dict[str, Any]:
    """A project, with its org's id and name."""
    return entity(
        project.id,
        {"name": project.name, "slug": project.slug},
        org={"id": project.org_id, "attributes": {"name": project.org}},
    )


def decode_json(body: bytes) -> Any:
    """A request body as JSON; ``None`` when empty."""
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except ValueError:
        raise V3Error(400, "Malformed Body", "The request body is not valid JSON.") from None
