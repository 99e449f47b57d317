"""Helpers that combine several API calls into one task.

.. versionadded:: 1.2.0

The SDK sends nothing itself: every helper is built on the methods of the
client it is given.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from fnmatch import fnmatchcase
from typing import Any, Callable, NamedTuple, Optional, TypeVar, Union, cast

from ._client import BaseClient
from .api import Api
from .error import (
    ArtifactDownloadError,
    InvalidArgumentError,
    PipelineError,
    PipelineFailed,
    WaitTimeout,
)
from .v2 import ApiV2

__all__ = ["SDK", "Outcome", "ArtifactDownloadError"]

_PAGE = 100
_MAX_PAGES = 50


class SDK:
    """Multi-call helpers on top of a client.

    :param apiclient: an :class:`~circleci.api.Api` (or
        :class:`~circleci.experimental.Experimental`); the v2 helpers use its
        :attr:`~circleci.api.Api.v2`. An :class:`~circleci.v2.ApiV2` works
        for the v2 helpers (``pipeline_singleton``, ``wait_for_pipeline``,
        ``trigger_pipeline_and_wait``, ``download_artifacts``).
    :param logger: where progress goes, through ``logger.info``; without one
        it is printed.
    """

    def __init__(self, apiclient: Union[Api, ApiV2], logger: Optional[logging.Logger] = None) -> None:
        self.apiclient = apiclient
        self.logger = logger

    def _log(self, msg: Any) -> None:
        if self.logger is not None:
            self.logger.info(msg)
        else:
            print(msg)

    def _running_build_urls(self, username: str, project: str, vcs_type: str) -> list[str]:
        """URLs of every running build of a project, across pages of 100."""
        urls: list[str] = []
        for page in range(_MAX_PAGES):
            builds = (
                self._v1.get_project_build_summary(
                    username, project, limit=_PAGE, offset=page * _PAGE, status_filter="running", vcs_type=vcs_type
                )
                or []
            )
            urls.extend(build["build_url"] for build in builds)
            if len(builds) < _PAGE:
                break
        return urls

    def build_singleton(
        self,
        username: str,
        project: str,
        vcs_type: str = "github",
        *,
        interval: float = 15,
        timeout: Optional[float] = None,
    ) -> None:
        """Wait until no other build of the project is running.

        Meant to run early in a CircleCI job so that builds of a project run
        one at a time. It lists the project's running builds, leaves out the
        current one (``CIRCLE_BUILD_URL``), and while any remain prints
        ``found running builds, sleeping for 15 seconds.`` followed by their
        URLs, then checks again. When none remain it prints ``no running
        builds found, beginning execution.`` and returns.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :param interval: seconds between checks. Default 15.
        :param timeout: give up after this many seconds; ``None`` (default)
            waits as long as it takes.
        :raises WaitTimeout: when ``timeout`` passes first.
        :raises InvalidArgumentError: for an ``interval`` that is not a
            positive number, or a ``timeout`` that is neither ``None`` nor a
            number of 0 or more.

        .. versionchanged:: 1.2.2
            the current build is not counted as a running build.
        .. versionchanged:: 1.3.0
            sees running builds past the first 100; ``interval`` and ``timeout``.
        """
        _check_wait(interval, timeout)
        current = os.environ.get("CIRCLE_BUILD_URL") or None
        if current is None:
            self._log("CIRCLE_BUILD_URL was not found. You may be running this script outside of a CircleCI build.")
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            others = [url for url in self._running_build_urls(username, project, vcs_type) if url != current]
            if not others:
                break
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise WaitTimeout(
                    f"builds of {username}/{project} still running after {timeout} seconds: {', '.join(others)}",
                    waited_on=others,
                )
            self._log(f"found running builds, sleeping for {interval:g} seconds.")
            self._log(others)
            time.sleep(interval if remaining is None else min(interval, remaining))
        self._log("no running builds found, beginning execution.")

    @property
    def _v2(self) -> ApiV2:
        """The v2 client: the one given, or the :attr:`~circleci.api.Api.v2` of an ``Api``."""
        client = self.apiclient
        return client if isinstance(client, ApiV2) else client.v2

    @property
    def _v1(self) -> Api:
        """The v1.1 client; helpers built on v1.1 refuse an ``ApiV2``."""
        client: BaseClient = self.apiclient
        if not isinstance(client, Api):
            raise InvalidArgumentError(client, "this helper uses API v1.1: give the SDK an Api, not an ApiV2")
        return client

    def _workflows(self, pipeline_id: str) -> list[dict[str, Any]]:
        """Every workflow of a pipeline, across pages."""
        return cast("list[dict[str, Any]]", list(self._v2.iterate(self._v2.list_workflows_by_pipeline_id, pipeline_id)))

    def _poll(self, check: Callable[[], Union[T, _Waiting]], interval: float, timeout: Optional[float]) -> T:
        """Call ``check`` every ``interval`` seconds until it returns something other than a :class:`_Waiting`.

        Each wait is logged with its reason; once ``timeout`` seconds have
        passed, the last reason is raised as :class:`WaitTimeout`.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            state = check()
            if not isinstance(state, _Waiting):
                return state
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise WaitTimeout(f"{state.reason}; gave up after {timeout:g} seconds", waited_on=state.waited_on)
            self._log(f"{state.reason}; checking again in {interval:g} seconds.")
            time.sleep(interval if remaining is None else min(interval, remaining))

    def pipeline_singleton(
        self,
        project_slug: str,
        *,
        branch: Optional[str] = None,
        interval: float = 15,
        timeout: Optional[float] = None,
        lookback: Optional[float] = 86400,
    ) -> None:
        """Wait until no earlier pipeline of the project has a running workflow.

        The API v2 successor of :meth:`build_singleton`, meant to run early in
        a job. The current pipeline is found from ``CIRCLE_PIPELINE_ID`` (or
        from ``CIRCLE_WORKFLOW_ID``); it is never waited on, and neither is
        any pipeline created after it (a higher ``number``), so two jobs that
        both call this never wait on each other: the later one waits for the
        earlier. Workflows ``on_hold`` do not count as running.

        Only pipelines created in the last ``lookback`` seconds (a day by
        default) are checked: a workflow of an older pipeline that still
        runs, for instance one approved days after it was put on hold, is not
        seen. Pass a longer ``lookback``, or ``None`` to read every pipeline
        of the project, when that can happen. A pipeline whose workflows
        have all finished is not checked again during one call.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``;
            the project of the current pipeline.
        :param branch: only consider pipelines of this branch.
        :param interval: seconds between checks. Default 15.
        :param timeout: give up after this many seconds; ``None`` (default)
            waits as long as it takes.
        :param lookback: how far back, in seconds, to look for earlier
            pipelines (default 86400, a day); ``None`` for no limit.
        :raises WaitTimeout: when ``timeout`` passes first.
        :raises InvalidArgumentError: for a bad ``interval``, ``timeout`` or
            ``lookback``.

        .. versionadded:: 1.3.0
        """
        _check_wait(interval, timeout)
        _check_seconds(lookback, "lookback")
        current = self._current_pipeline()
        settled: set[str] = set()
        oldest = None if lookback is None else datetime.now(timezone.utc) - timedelta(seconds=lookback)
        self._poll(lambda: self._earlier_running(project_slug, branch, current, oldest, settled), interval, timeout)
        self._log(f"no earlier pipeline of {project_slug} is running, beginning execution.")

    def _current_pipeline(self) -> Optional[dict[str, Any]]:
        """The pipeline this job belongs to, from the job's environment, or ``None`` outside CircleCI."""
        pipeline_id = os.environ.get("CIRCLE_PIPELINE_ID")
        workflow_id = os.environ.get("CIRCLE_WORKFLOW_ID")
        if not pipeline_id and workflow_id:
            pipeline_id = self._v2.get_workflow_by_id(workflow_id)["pipeline_id"]
        if not pipeline_id:
            self._log("CIRCLE_PIPELINE_ID was not found: every running pipeline of the project is waited on.")
            return None
        pipeline: dict[str, Any] = cast("dict[str, Any]", self._v2.get_pipeline_by_id(pipeline_id))
        return pipeline

    def _earlier_running(
        self,
        project_slug: str,
        branch: Optional[str],
        current: Optional[dict[str, Any]],
        oldest: Optional[datetime],
        settled: set[str],
    ) -> Optional[_Waiting]:
        """The running workflows of pipelines created before ``current``, as a :class:`_Waiting`, or ``None``.

        Pipelines whose workflows have all finished are added to ``settled``
        and skipped from then on.
        """
        running: list[dict[str, Any]] = []
        for pipeline in self._earlier_pipelines(project_slug, branch, current, oldest):
            if pipeline["id"] in settled:
                continue
            workflows = self._workflows(pipeline["id"])
            running.extend(workflow for workflow in workflows if workflow.get("status") in _RUNNING)
            if workflows and all(workflow.get("status") in _FINISHED for workflow in workflows):
                settled.add(pipeline["id"])
        if not running:
            return None
        names = ", ".join(f"{wf.get('name')} (pipeline {wf.get('pipeline_number')})" for wf in running)
        return _Waiting(f"waiting for earlier pipelines of {project_slug} to finish: {names} running", running)

    def _earlier_pipelines(
        self, project_slug: str, branch: Optional[str], current: Optional[dict[str, Any]], oldest: Optional[datetime]
    ) -> Iterator[dict[str, Any]]:
        """Pipelines created since ``oldest`` (all if ``None``), newest first, other than ``current`` and later ones."""
        pipelines = self._v2.iterate(self._v2.list_pipelines_for_project, project_slug, branch=branch)
        for pipeline in cast("Iterator[dict[str, Any]]", pipelines):
            if oldest is not None and _created_at(pipeline) < oldest:
                return
            if current is None or pipeline["number"] < current["number"]:
                yield pipeline

    def wait_for_pipeline(self, pipeline_id: str, *, interval: float = 15, timeout: Optional[float] = 1800) -> Outcome:
        """Wait until every workflow of a pipeline has finished or is waiting for an approval.

        A pipeline that has no workflows yet (just triggered, or still in
        ``setup-pending``) is waited on. Workflows ``on_hold`` stop the
        wait: they need a person, so they are returned in
        :attr:`Outcome.on_hold` instead of being polled until the timeout.

        :param pipeline_id: the pipeline's UUID.
        :param interval: seconds between checks. Default 15.
        :param timeout: give up after this many seconds (default 1800);
            ``None`` waits as long as it takes.
        :returns: an :class:`Outcome` with the pipeline and its final
            workflows (every page of them).
        :raises PipelineError: when the pipeline is ``errored`` (for
            instance, invalid config); it carries the pipeline's errors.
        :raises WaitTimeout: when ``timeout`` passes first.
        :raises InvalidArgumentError: for a bad ``interval`` or ``timeout``.

        .. versionadded:: 1.3.0
        """
        _check_wait(interval, timeout)
        outcome = self._poll(lambda: self._pipeline_progress(pipeline_id), interval, timeout)
        self._log(f"pipeline {outcome.pipeline.get('number')} done: {_statuses(outcome.workflows)}.")
        return outcome

    def _pipeline_progress(self, pipeline_id: str) -> Union[Outcome, _Waiting]:
        """One check of a pipeline: an :class:`Outcome` when it is done, else why it is not."""
        pipeline = self._v2.get_pipeline_by_id(pipeline_id)
        name = f"pipeline {pipeline.get('number')} ({pipeline_id})"
        if pipeline.get("state") == "errored":
            errors = pipeline.get("errors") or []
            messages = [error.get("message", "") for error in errors]
            raise PipelineError(f"{name} errored: {'; '.join(messages)}", pipeline=pipeline, errors=errors)
        workflows = self._workflows(pipeline_id)
        if not workflows:
            return _Waiting(f"{name} has no workflows yet (state {pipeline.get('state')})", pipeline)
        unfinished = [wf for wf in workflows if wf.get("status") not in _FINISHED and wf.get("status") != _ON_HOLD]
        if unfinished:
            return _Waiting(f"waiting for {name}: {_statuses(unfinished)}", unfinished)
        return Outcome(cast("dict[str, Any]", pipeline), workflows)

    def trigger_pipeline_and_wait(
        self,
        project_slug: str,
        *,
        branch: Optional[str] = None,
        tag: Optional[str] = None,
        parameters: Optional[dict[str, Any]] = None,
        interval: float = 15,
        timeout: Optional[float] = 1800,
        raise_on_failure: bool = True,
    ) -> Outcome:
        """Trigger a pipeline, then wait for it as :meth:`wait_for_pipeline` does.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param branch: the branch to build; not together with ``tag``.
        :param tag: the tag to build; not together with ``branch``.
        :param parameters: pipeline parameters, name to value.
        :param interval: seconds between checks. Default 15.
        :param timeout: give up after this many seconds, counted from the
            trigger (default 1800); ``None`` waits as long as it takes.
        :param raise_on_failure: raise :class:`PipelineFailed` when a
            workflow failed (default); ``False`` returns the outcome anyway.
        :returns: the :class:`Outcome`; workflows waiting for an approval are
            in its ``on_hold`` and are not a failure.
        :raises PipelineFailed: when a workflow ended ``failed``, ``error``,
            ``canceled`` or ``unauthorized`` and ``raise_on_failure`` is true.
        :raises PipelineError: when the pipeline is ``errored``.
        :raises WaitTimeout: when ``timeout`` passes first.

        .. versionadded:: 1.3.0
        """
        _check_wait(interval, timeout)
        created = self._v2.trigger_pipeline(project_slug, branch=branch, tag=tag, parameters=parameters)
        self._log(f"triggered pipeline {created.get('number')} ({created['id']}) of {project_slug}.")
        outcome = self.wait_for_pipeline(created["id"], interval=interval, timeout=timeout)
        if raise_on_failure and outcome.failed:
            raise PipelineFailed(
                f"pipeline {created.get('number')} of {project_slug} failed: {_statuses(outcome.failed)}",
                pipeline=outcome.pipeline,
                workflows=outcome.workflows,
                failed=outcome.failed,
            )
        return outcome

    def download_artifacts(
        self,
        project_slug: str,
        job_number: Union[int, str],
        destdir: str,
        *,
        pattern: Optional[str] = None,
        workers: int = 8,
    ) -> list[str]:
        """Download every artifact of a job (API v2), in parallel.

        Each file goes to its ``path`` under ``destdir``, so files of the
        same name in different folders do not collide; a job that ran on
        several nodes (parallelism) gets a ``node-<index>`` folder per node.
        Each file is written atomically. A failed file does not stop the
        others: the error is raised once all of them are done. Progress is
        logged as files done of the total and bytes written so far; the API
        does not list artifact sizes, so the total in bytes is not known.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number (``CIRCLE_BUILD_NUM`` inside it).
        :param destdir: the folder to write to; created if missing.
        :param pattern: only artifacts whose ``path`` matches this
            :func:`fnmatch.fnmatchcase` pattern (``*`` also matches ``/``),
            e.g. ``"*.xml"`` or ``"reports/*"``.
        :param workers: files downloaded at once, over the client's pooled
            connections. Default 8. Keep it at or below the client's
            ``pool_size`` (16 by default): connections beyond the pool are
            closed after each file, and urllib3 warns "Connection pool is full".
        :returns: the local paths written, in the order the API listed the artifacts.
        :raises ArtifactDownloadError: when any file failed (including a
            ``path`` that would leave ``destdir``), after the others finished.
        :raises InvalidArgumentError: for a bad ``workers``.

        .. versionadded:: 1.3.0
        """
        _check_workers(workers)
        artifacts = cast(
            "list[dict[str, Any]]", list(self._v2.iterate(self._v2.get_job_artifacts, project_slug, job_number))
        )
        return self._download_all(self._v2, artifacts, destdir, pattern, workers)

    def download_build_artifacts(
        self,
        username: str,
        project: str,
        build_num: Union[int, str],
        destdir: str,
        *,
        pattern: Optional[str] = None,
        workers: int = 8,
        vcs_type: str = "github",
    ) -> list[str]:
        """Download every artifact of a build (API v1.1), in parallel.

        The same as :meth:`download_artifacts`, for a v1.1 build; needs an
        :class:`~circleci.api.Api` client.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build's number.
        :param destdir: the folder to write to; created if missing.
        :param pattern: only artifacts whose ``path`` matches this pattern.
        :param workers: files downloaded at once. Default 8.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :returns: the local paths written, in the order the API listed the artifacts.
        :raises ArtifactDownloadError: when any file failed, after the others finished.
        :raises InvalidArgumentError: for a bad ``workers``, or when the SDK
            was given an :class:`~circleci.v2.ApiV2`.

        .. versionadded:: 1.3.0
        """
        _check_workers(workers)
        artifacts = self._v1.get_artifacts(username, project, build_num, vcs_type) or []
        return self._download_all(self._v1, artifacts, destdir, pattern, workers)

    def _download_all(
        self, client: BaseClient, artifacts: list[dict[str, Any]], destdir: str, pattern: Optional[str], workers: int
    ) -> list[str]:
        """Download the artifacts matching ``pattern`` with ``workers`` threads; raise once all are done."""
        chosen = [artifact for artifact in artifacts if pattern is None or fnmatchcase(artifact["path"], pattern)]
        by_node = len({artifact.get("node_index", 0) for artifact in chosen}) > 1
        self._log(f"downloading {len(chosen)} of {len(artifacts)} artifacts to {destdir} with {workers} workers.")
        if workers > client.pool_size:
            self._log(
                f"{workers} workers share {client.pool_size} pooled connections: give the client "
                f"pool_size={workers} to keep every connection open."
            )
        with ThreadPoolExecutor(max_workers=workers) as pool:
            clashes = _clashes(chosen, by_node)
            futures = [
                pool.submit(_fetch, client, artifact, destdir, by_node, clashes.get(index))
                for index, artifact in enumerate(chosen)
            ]
            self._log_progress(futures)
        paths: list[str] = []
        failed: dict[str, str] = {}
        for artifact, future in zip(chosen, futures):
            try:
                paths.append(future.result())
            except Exception as exc:  # whatever one file's failure is, the others are kept and reported
                label = str(artifact.get("path"))
                failed[f"node-{artifact.get('node_index', 0)}/{label}" if by_node else label] = str(exc) or repr(exc)
        if failed:
            reasons = "; ".join(f"{path}: {reason}" for path, reason in failed.items())
            raise ArtifactDownloadError(
                f"{len(failed)} of {len(chosen)} artifacts failed: {reasons}", failed=failed, downloaded=paths
            )
        return paths

    def _log_progress(self, futures: list[Future[str]]) -> None:
        """Log files and bytes done as each download finishes."""
        done_bytes = 0
        for done, future in enumerate(as_completed(futures), 1):
            if future.exception() is None:
                done_bytes += os.path.getsize(future.result())
            self._log(f"{done}/{len(futures)} files done, {done_bytes} bytes written.")


T = TypeVar("T")

_RUNNING = frozenset({"running", "failing"})
_FAILED = frozenset({"failed", "error", "canceled", "unauthorized"})
_FINISHED = _FAILED | {"success", "not_run"}
_ON_HOLD = "on_hold"


class _Waiting(NamedTuple):
    """Why a poll is not done yet, and what it waits on."""

    reason: str
    waited_on: Any


@dataclass(frozen=True)
class Outcome:
    """Where a pipeline ended up, as returned by :meth:`SDK.wait_for_pipeline`.

    :ivar pipeline: the pipeline, as the API returned it.
    :ivar workflows: all its workflows, each finished or ``on_hold``.
    """

    pipeline: dict[str, Any]
    workflows: list[dict[str, Any]]

    @property
    def on_hold(self) -> list[dict[str, Any]]:
        """The workflows waiting for an approval (their approval job is on hold)."""
        return [workflow for workflow in self.workflows if workflow.get("status") == _ON_HOLD]

    @property
    def failed(self) -> list[dict[str, Any]]:
        """The workflows that ended ``failed``, ``error``, ``canceled`` or ``unauthorized``."""
        return [workflow for workflow in self.workflows if workflow.get("status") in _FAILED]


def _check_wait(interval: Any, timeout: Any) -> None:
    """Refuse an ``interval`` that is not a positive number and a ``timeout`` that is not ``None`` or 0 or more."""
    if isinstance(interval, bool) or not isinstance(interval, (int, float)) or interval <= 0:
        raise InvalidArgumentError(interval, "interval must be a positive number of seconds")
    _check_seconds(timeout, "timeout")


def _check_seconds(value: Any, name: str) -> None:
    """Refuse a duration that is neither ``None`` nor a number of 0 or more."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
        raise InvalidArgumentError(value, f"{name} must be None or a number of seconds of 0 or more")


def _check_workers(workers: Any) -> None:
    """Refuse a ``workers`` that is not a positive integer."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InvalidArgumentError(workers, "workers must be a positive integer")


def _statuses(workflows: list[dict[str, Any]]) -> str:
    """``name (status)`` of each workflow, for messages."""
    return ", ".join(f"{workflow.get('name')} ({workflow.get('status')})" for workflow in workflows)


def _created_at(pipeline: dict[str, Any]) -> datetime:
    """A pipeline's ``created_at`` as an aware datetime."""
    return datetime.fromisoformat(pipeline["created_at"].replace("Z", "+00:00"))


def _artifact_target(destdir: str, artifact: dict[str, Any], by_node: bool) -> str:
    """The local path of an artifact: its ``path`` under ``destdir``, refusing any way out of it."""
    path = str(artifact.get("path") or "")
    parts = [part for part in re.split(r"[\\/]", path) if part not in ("", ".")]
    if not parts or ".." in parts or os.path.isabs(path) or path.startswith("\\"):
        raise InvalidArgumentError(path, "artifact path must be relative and stay inside destdir")
    if by_node:
        parts.insert(0, f"node-{artifact.get('node_index', 0)}")
    target = os.path.join(destdir, *parts)
    root = os.path.realpath(destdir)
    if os.path.commonpath([root, os.path.realpath(target)]) != root:
        raise InvalidArgumentError(path, "artifact path would resolve outside destdir")
    return target


def _clashes(artifacts: list[dict[str, Any]], by_node: bool) -> dict[int, str]:
    """For each artifact whose local path an earlier one already takes (``a/b`` and ``a\\b``), that earlier path."""
    first: dict[tuple[Any, ...], str] = {}
    clashes: dict[int, str] = {}
    for index, artifact in enumerate(artifacts):
        path = str(artifact.get("path") or "")
        key = (
            artifact.get("node_index", 0) if by_node else 0,
            *(p for p in re.split(r"[\\/]", path) if p not in ("", ".")),
        )
        if key in first:
            clashes[index] = first[key]
        else:
            first[key] = path
    return clashes


def _fetch(
    client: BaseClient, artifact: dict[str, Any], destdir: str, by_node: bool, clash: Optional[str] = None
) -> str:
    """Download one artifact to its place under ``destdir`` and return the local path.

    :param clash: the path of an earlier artifact that takes the same local
        file; this one is then refused (naming both) rather than overwriting it.
    """
    if clash is not None:
        raise InvalidArgumentError(
            artifact.get("path"), f"artifacts {clash!r} and {artifact.get('path')!r} would be saved as the same file"
        )
    target = _artifact_target(destdir, artifact, by_node)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    return client._download(artifact["url"], os.path.dirname(target), os.path.basename(target))
