"""Helpers that combine several API calls into one task.

.. versionadded:: 1.2.0

The SDK sends nothing itself: every helper is built on the methods of the
client it is given.

Waits poll as little as they can: while nothing changes, each check costs
one call (one per page of what is read), and the time between checks grows
by half after every check that saw no change, from ``interval`` up to
:data:`MAX_INTERVAL_FACTOR` times ``interval`` (15 to 60 seconds with the
defaults). Any change brings it back to ``interval``.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from fnmatch import fnmatchcase
from typing import Any, Callable, NamedTuple, Optional, TypeVar, Union, cast

from ._client import BaseClient
from .api import Api
from .error import (
    ArtifactDownloadError,
    CancelError,
    CircleCIException,
    DownloadError,
    InvalidArgumentError,
    NotFound,
    PipelineError,
    PipelineFailed,
    WaitTimeout,
)
from .utils import parse_time
from .v2 import ApiV2

__all__ = [
    "JOB_STATUSES",
    "MAX_INTERVAL_FACTOR",
    "ON_HOLD_CHOICES",
    "SDK",
    "ArtifactDownloadError",
    "CancelError",
    "FailedStep",
    "LatestJob",
    "Outcome",
    "SyncReport",
]

_PAGE = 100
_MAX_PAGES = 50

MAX_INTERVAL_FACTOR = 4
"""How far the time between two checks of a wait may grow: up to this many times its ``interval``."""
_GROWTH = 1.5

ON_HOLD_CHOICES = ("return", "wait", "fail")
"""What :meth:`SDK.wait_for_pipeline` does with workflows waiting for an approval."""


class SDK:
    """Multi-call helpers on top of a client.

    :param apiclient: an :class:`~circleci.api.Api` (or
        :class:`~circleci.experimental.Experimental`); the v2 helpers use its
        :attr:`~circleci.api.Api.v2`. An :class:`~circleci.v2.ApiV2` works
        for the v2 helpers (every helper but :meth:`build_singleton`,
        :meth:`download_build_artifacts`, :meth:`failed_steps` and
        :meth:`job_log`).
    :param logger: where progress goes, through ``logger.info``. Without
        one, :meth:`build_singleton` prints its lines as circleci.py 1.2.2
        did, and the other helpers log to the ``circleci.sdk`` logger when
        the application has configured logging, or else write to standard
        error.
    """

    def __init__(self, apiclient: Union[Api, ApiV2], logger: Optional[logging.Logger] = None) -> None:
        self.apiclient = apiclient
        self.logger = logger

    def _log(self, msg: Any) -> None:
        """A line of :meth:`build_singleton`: to the logger, or printed (1.2.2's behaviour)."""
        if self.logger is not None:
            self.logger.info(msg)
        else:
            print(msg)

    def _progress(self, msg: str) -> None:
        """A progress line of the other helpers: to the logger given, else ``circleci.sdk`` or stderr."""
        if self.logger is not None:
            self.logger.info(msg)
        elif _configured(_LOG):
            _LOG.info(msg)
        else:
            print(msg, file=sys.stderr)

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
        builds found, beginning execution.`` and returns. Unlike the v2
        waits, it checks at a fixed ``interval``.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :param interval: seconds between checks. Default 15.
        :param timeout: give up after this many seconds; ``None`` (default)
            waits as long as it takes.
        :raises WaitTimeout: when ``timeout`` passes first.
        :raises InvalidArgumentError: for an ``interval`` that is not a
            positive finite number, or a ``timeout`` that is neither ``None``
            nor a finite number of 0 or more.

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

    def _each(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        """The items of every page of a paginated v2 method, lazily, read as the plain dicts they are."""
        for item in self._v2.iterate(method, *args, **kwargs):
            yield _plain(item)

    def _workflows(self, pipeline_id: str) -> list[dict[str, Any]]:
        """Every workflow of a pipeline, across pages."""
        return list(self._each(self._v2.list_workflows_by_pipeline_id, pipeline_id))

    def _jobs(self, workflow_id: str) -> list[dict[str, Any]]:
        """Every job of a workflow, across pages."""
        return list(self._each(self._v2.list_workflow_jobs, workflow_id))

    def _poll(self, check: Callable[[], Union[T, _Waiting]], interval: float, timeout: Optional[float]) -> T:
        """Call ``check`` until it returns something other than a :class:`_Waiting`.

        The first wait is ``interval`` seconds; each check whose reason is
        the same as the one before makes the next wait half as long again,
        up to ``MAX_INTERVAL_FACTOR * interval``; a new reason brings it back
        to ``interval``. Each wait is logged with its reason; once ``timeout``
        seconds have passed, the last reason is raised as :class:`WaitTimeout`.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        delay, ceiling, last = interval, interval * MAX_INTERVAL_FACTOR, None
        while True:
            state = check()
            if not isinstance(state, _Waiting):
                return state
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise WaitTimeout(f"{state.reason}; gave up after {timeout:g} seconds", waited_on=state.waited_on)
            delay = min(delay * _GROWTH, ceiling) if state.reason == last else interval
            last = state.reason
            self._progress(f"{state.reason}; checking again in {delay:g} seconds.")
            time.sleep(delay if remaining is None else min(delay, remaining))

    # -- one pipeline at a time -------------------------------------------------

    def pipeline_singleton(
        self,
        project_slug: str,
        *,
        branch: Optional[str] = None,
        interval: float = 15,
        timeout: Optional[float] = None,
        lookback: Optional[float] = 86400,
    ) -> None:
        """Wait until no earlier pipeline of the project is running or still being set up.

        The API v2 successor of :meth:`build_singleton`, meant to run early in
        a job. The current pipeline is found from ``CIRCLE_PIPELINE_ID`` (or
        from ``CIRCLE_WORKFLOW_ID``); it is never waited on, and neither is
        any pipeline created after it (a higher ``number``), so two jobs that
        both call this never wait on each other: the later one waits for the
        earlier. An earlier pipeline that has no workflows yet (state
        ``setup-pending``, ``setup`` or ``pending``) is waited on until it
        has them; one that ``errored``, or that was created with no workflow
        to run, is not. Workflows ``on_hold`` do not count as running.

        Only pipelines created in the last ``lookback`` seconds (a day by
        default) are checked: a workflow of an older pipeline that still
        runs, for instance one approved days after it was put on hold, is not
        seen. Pass a longer ``lookback``, or ``None`` to read every pipeline
        of the project, when that can happen.

        The earlier pipelines are listed once; then one pipeline is watched
        at a time, so each check costs one call while nothing changes (a
        pipeline whose workflows have all finished is not read again). Once
        the last has finished, any that were on hold are read again, in case
        one was approved meanwhile. Outside CircleCI (no current pipeline),
        the list is read again at each check, since new pipelines count too.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``;
            the project of the current pipeline.
        :param branch: only consider pipelines of this branch.
        :param interval: seconds before the first check again; it grows while
            nothing changes (see :data:`MAX_INTERVAL_FACTOR`). Default 15.
        :param timeout: give up after this many seconds; ``None`` (default)
            waits as long as it takes.
        :param lookback: how far back, in seconds, to look for earlier
            pipelines (default 86400, a day); ``None`` for no limit.
        :raises WaitTimeout: when ``timeout`` passes first.
        :raises InvalidArgumentError: for a bad ``interval``, ``timeout`` or
            ``lookback`` (including ``nan`` and infinities), before anything
            is sent.

        .. versionadded:: 1.3.0
        """
        _check_wait(interval, timeout)
        _check_seconds(lookback, "lookback")
        current = self._current_pipeline()
        oldest = None if lookback is None else datetime.now(timezone.utc) - timedelta(seconds=lookback)
        watch = _Singleton()
        self._poll(lambda: self._earlier_running(project_slug, branch, current, oldest, watch), interval, timeout)
        self._progress(f"no earlier pipeline of {project_slug} is running, beginning execution.")

    def _current_pipeline(self) -> Optional[dict[str, Any]]:
        """The pipeline this job belongs to, from the job's environment, or ``None`` outside CircleCI."""
        pipeline_id = os.environ.get("CIRCLE_PIPELINE_ID")
        workflow_id = os.environ.get("CIRCLE_WORKFLOW_ID")
        if not pipeline_id and workflow_id:
            pipeline_id = self._v2.get_workflow_by_id(workflow_id)["pipeline_id"]
        if not pipeline_id:
            self._progress("CIRCLE_PIPELINE_ID was not found: every running pipeline of the project is waited on.")
            return None
        return _plain(self._v2.get_pipeline_by_id(pipeline_id))

    def _earlier_running(
        self,
        project_slug: str,
        branch: Optional[str],
        current: Optional[dict[str, Any]],
        oldest: Optional[datetime],
        watch: _Singleton,
    ) -> Optional[_Waiting]:
        """One check: the first earlier pipeline still busy, as a :class:`_Waiting`, or ``None`` when none is."""
        if watch.pending is None or current is None:
            listed = self._earlier_pipelines(project_slug, branch, current, oldest)
            watch.pending = [pipeline for pipeline in listed if pipeline["id"] not in watch.settled]
            watch.held, watch.fresh = [], {pipeline["id"] for pipeline in watch.pending}
        while True:
            while watch.pending:
                pipeline = watch.pending[0]
                busy = self._pipeline_busy(project_slug, pipeline, watch)
                if busy is not None:
                    watch.waited = True
                    return busy
                watch.pending.pop(0)
            if not (watch.waited and watch.held):
                return None
            watch.pending, watch.held, watch.waited = watch.held, [], False

    def _pipeline_busy(self, project_slug: str, pipeline: dict[str, Any], watch: _Singleton) -> Optional[_Waiting]:
        """Why an earlier pipeline is still busy (being set up, or a workflow running), or ``None``.

        A pipeline that will not run anything any more goes to
        ``watch.settled``; one with a workflow on hold goes to ``watch.held``.
        """
        name = f"pipeline {pipeline.get('number')} of {project_slug}"
        if pipeline.get("state") in _SETTING_UP and pipeline["id"] not in watch.fresh:
            pipeline.update(_plain(self._v2.get_pipeline_by_id(pipeline["id"])))
        watch.fresh.discard(pipeline["id"])
        state = pipeline.get("state")
        if state in _SETTING_UP:
            return _Waiting(f"waiting for earlier {name} to be set up (state {state})", [pipeline])
        if state == "errored":
            watch.settled.add(pipeline["id"])
            return None
        workflows = self._workflows(pipeline["id"])
        running = [workflow for workflow in workflows if workflow.get("status") in _RUNNING]
        if running:
            names = ", ".join(f"{wf.get('name')} (pipeline {wf.get('pipeline_number')})" for wf in running)
            return _Waiting(f"waiting for earlier pipelines of {project_slug} to finish: {names} running", running)
        if all(workflow.get("status") in _FINISHED for workflow in workflows):
            watch.settled.add(pipeline["id"])
        else:
            watch.held.append(pipeline)
        return None

    def _earlier_pipelines(
        self, project_slug: str, branch: Optional[str], current: Optional[dict[str, Any]], oldest: Optional[datetime]
    ) -> Iterator[dict[str, Any]]:
        """Pipelines created since ``oldest`` (all if ``None``), newest first, other than ``current`` and later ones."""
        for pipeline in self._each(self._v2.list_pipelines_for_project, project_slug, branch=branch):
            if oldest is not None and _created_at(pipeline) < oldest:
                return
            if current is None or pipeline["number"] < current["number"]:
                yield pipeline

    # -- waiting on a pipeline ------------------------------------------------

    def wait_for_pipeline(
        self, pipeline_id: str, *, interval: float = 15, timeout: Optional[float] = 1800, on_hold: str = "return"
    ) -> Outcome:
        """Wait until every workflow of a pipeline has finished (or waits for an approval).

        A pipeline that has no workflows yet (just triggered, or still in
        ``setup-pending``) is waited on. While it has none, each check reads
        the pipeline and its workflows; from then on only its workflows, one
        call per check while nothing changes.

        What happens to a workflow ``on_hold`` (its approval job waits for a
        person) is chosen with ``on_hold``:

        - ``"return"`` (default): the wait ends when every other workflow has
          finished; the held ones are in :attr:`Outcome.on_hold`.
        - ``"wait"``: keep waiting until someone approves (or cancels) it;
          set a ``timeout`` that leaves people the time to.
        - ``"fail"``: the wait ends as with ``"return"``, then raises
          :class:`PipelineFailed` naming the held workflows.

        Either way a held workflow is never taken for a success when one of
        its jobs failed: its jobs are read when it goes on hold, and a
        failed job puts it in :attr:`Outcome.failed` (and stops a
        ``"wait"``, since an approval can no longer make it succeed).

        :param pipeline_id: the pipeline's UUID.
        :param interval: seconds before the first check again; it grows while
            nothing changes (see :data:`MAX_INTERVAL_FACTOR`). Default 15.
        :param timeout: give up after this many seconds (default 1800);
            ``None`` waits as long as it takes.
        :param on_hold: ``"return"``, ``"wait"`` or ``"fail"``, as above.
        :returns: an :class:`Outcome` with the pipeline and its final
            workflows (every page of them).
        :raises PipelineError: when the pipeline is ``errored`` (for
            instance, invalid config); it carries the pipeline's errors.
        :raises PipelineFailed: with ``on_hold="fail"``, when a workflow is on hold.
        :raises WaitTimeout: when ``timeout`` passes first.
        :raises InvalidArgumentError: for a bad ``interval``, ``timeout`` or
            ``on_hold``, before anything is sent.

        .. versionadded:: 1.3.0
        """
        _check_wait(interval, timeout)
        _check_on_hold(on_hold)
        watch = _PipelineWatch(pipeline_id, on_hold)
        outcome = self._poll(lambda: self._pipeline_progress(watch), interval, timeout)
        self._progress(f"pipeline {outcome.pipeline.get('number')} done: {_statuses(outcome.workflows)}.")
        if on_hold == "fail" and outcome.on_hold:
            raise PipelineFailed(
                f"pipeline {outcome.pipeline.get('number')} is waiting for an approval: {_statuses(outcome.on_hold)}",
                pipeline=outcome.pipeline,
                workflows=outcome.workflows,
                failed=outcome.on_hold,
            )
        return outcome

    def _pipeline_progress(self, watch: _PipelineWatch) -> Union[Outcome, _Waiting]:
        """One check of a pipeline: an :class:`Outcome` when it is done, else why it is not."""
        if watch.pipeline is None or not watch.seen_workflows:
            watch.pipeline = _plain(self._v2.get_pipeline_by_id(watch.pipeline_id))
        pipeline: dict[str, Any] = watch.pipeline
        name = f"pipeline {pipeline.get('number')} ({watch.pipeline_id})"
        if pipeline.get("state") == "errored":
            errors = pipeline.get("errors") or []
            messages = [error.get("message", "") for error in errors]
            raise PipelineError(f"{name} errored: {'; '.join(messages)}", pipeline=pipeline, errors=errors)
        workflows = self._workflows(watch.pipeline_id)
        if not workflows:
            return _Waiting(f"{name} has no workflows yet (state {pipeline.get('state')})", pipeline)
        watch.seen_workflows = True
        held = {workflow["id"] for workflow in workflows if workflow.get("status") == _ON_HOLD}
        watch.held_jobs = {key: jobs for key, jobs in watch.held_jobs.items() if key in held}
        failed_jobs = {
            workflow["id"]: jobs
            for workflow in workflows
            if workflow.get("status") == _ON_HOLD and (jobs := self._failed_jobs_of_held(workflow, watch))
        }
        unfinished = [
            workflow
            for workflow in workflows
            if workflow.get("status") not in _FINISHED
            and not (workflow.get("status") == _ON_HOLD and (watch.on_hold != "wait" or workflow["id"] in failed_jobs))
        ]
        if unfinished:
            return _Waiting(f"waiting for {name}: {_statuses(unfinished)}", unfinished)
        return Outcome(pipeline, workflows, failed_jobs)

    def _failed_jobs_of_held(self, workflow: dict[str, Any], watch: _PipelineWatch) -> list[dict[str, Any]]:
        """The failed jobs of a workflow on hold, read once each time it goes on hold (kept while it stays)."""
        if workflow["id"] not in watch.held_jobs:
            jobs = self._jobs(workflow["id"])
            watch.held_jobs[workflow["id"]] = [job for job in jobs if job.get("status") in _FAILED_JOB]
        return watch.held_jobs[workflow["id"]]

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
        on_hold: str = "return",
    ) -> Outcome:
        """Trigger a pipeline, then wait for it as :meth:`wait_for_pipeline` does.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param branch: the branch to build; not together with ``tag``.
        :param tag: the tag to build; not together with ``branch``.
        :param parameters: pipeline parameters, name to value.
        :param interval: seconds before the first check; it grows while
            nothing changes. Default 15.
        :param timeout: give up after this many seconds, counted from the
            trigger (default 1800); ``None`` waits as long as it takes.
        :param raise_on_failure: raise :class:`PipelineFailed` when a
            workflow failed (default); ``False`` returns the outcome anyway.
        :param on_hold: what to do with a workflow waiting for an approval:
            ``"return"`` (default), ``"wait"`` or ``"fail"``; see
            :meth:`wait_for_pipeline`.
        :returns: the :class:`Outcome`; with ``on_hold="return"``, workflows
            waiting for an approval are in its ``on_hold`` and are not a
            failure, unless one of their jobs failed.
        :raises PipelineFailed: when a workflow ended ``failed``, ``error``,
            ``canceled`` or ``unauthorized``, or is on hold after a job of it
            failed, and ``raise_on_failure`` is true; or, with
            ``on_hold="fail"``, when a workflow is on hold.
        :raises PipelineError: when the pipeline is ``errored``.
        :raises WaitTimeout: when ``timeout`` passes first.
        :raises InvalidArgumentError: for a bad ``interval``, ``timeout`` or
            ``on_hold``, before anything is sent.

        .. versionadded:: 1.3.0
        """
        _check_wait(interval, timeout)
        _check_on_hold(on_hold)
        created = _plain(self._v2.trigger_pipeline(project_slug, branch=branch, tag=tag, parameters=parameters))
        self._progress(f"triggered pipeline {created.get('number')} ({created['id']}) of {project_slug}.")
        outcome = self.wait_for_pipeline(created["id"], interval=interval, timeout=timeout, on_hold=on_hold)
        if raise_on_failure and outcome.failed:
            raise PipelineFailed(
                f"pipeline {created.get('number')} of {project_slug} failed: {_failures(outcome)}",
                pipeline=outcome.pipeline,
                workflows=outcome.workflows,
                failed=outcome.failed,
            )
        return outcome

    def find_pipeline(
        self,
        project_slug: str,
        *,
        revision: str,
        branch: Optional[str] = None,
        timeout: Optional[float] = 300,
        interval: float = 15,
    ) -> dict[str, Any]:
        """The pipeline built for a commit, waiting until CircleCI has created it.

        The first check reads the project's pipelines (of ``branch`` only,
        when given), newest first, page after page until one matches; later
        checks read only the pipelines created since the check before, which
        is one call while none are. When several pipelines built the commit,
        the newest is returned.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param revision: the commit's SHA, full (40 hexadecimal digits) or
            abbreviated (at least 4), in any case.
        :param branch: only look at pipelines of this branch.
        :param timeout: give up after this many seconds (default 300);
            ``None`` waits as long as it takes.
        :param interval: seconds before the first check again; it grows while
            nothing changes. Default 15.
        :returns: the pipeline, as the API lists it (``vcs.revision`` is the
            full SHA).
        :raises WaitTimeout: when no pipeline of that commit exists before
            ``timeout`` passes.
        :raises InvalidArgumentError: for a ``revision`` that is not 4 to 40
            hexadecimal digits, or a bad ``interval`` or ``timeout``, before
            anything is sent.

        .. versionadded:: 1.3.0
        """
        _check_wait(interval, timeout)
        if not isinstance(revision, str) or not re.fullmatch(r"[0-9a-fA-F]{4,40}", revision):
            raise InvalidArgumentError(revision, "revision must be a commit SHA: 4 to 40 hexadecimal digits")
        prefix = revision.lower()
        seen: dict[str, Optional[str]] = {"newest": None}
        where = f"{project_slug}" + (f" on {branch}" if branch else "")
        pipeline = self._poll(lambda: self._pipeline_of(project_slug, branch, prefix, seen, where), interval, timeout)
        self._progress(f"found pipeline {pipeline.get('number')} ({pipeline['id']}) of {where} for {revision}.")
        return pipeline

    def _pipeline_of(
        self, project_slug: str, branch: Optional[str], prefix: str, seen: dict[str, Optional[str]], where: str
    ) -> Union[dict[str, Any], _Waiting]:
        """One check of :meth:`find_pipeline`: the newest pipeline of the commit, or a :class:`_Waiting`."""
        newest = seen["newest"]
        for index, pipeline in enumerate(self._each(self._v2.list_pipelines_for_project, project_slug, branch=branch)):
            if index == 0:
                seen["newest"] = pipeline["id"]
            if pipeline["id"] == newest:
                break
            revision = str((pipeline.get("vcs") or {}).get("revision") or "").lower()
            if revision.startswith(prefix):
                return dict(pipeline)
        return _Waiting(f"no pipeline of {where} for revision {prefix} yet", prefix)

    def latest_job(
        self,
        project_slug: str,
        job_name: str,
        *,
        branch: Optional[str] = None,
        status: Optional[str] = "success",
        max_pipelines: Optional[int] = 100,
    ) -> Optional[LatestJob]:
        """The newest job of a name, and its number: "the latest successful ``docs`` job on main".

        Pipelines are read newest first, a page at a time; for each, its
        workflows (newest first, so a rerun wins over the run before it),
        and for each workflow its jobs, stopping at the first match: when
        the job ran in the latest pipeline this costs three calls. The
        search gives up after ``max_pipelines`` pipelines, so a name that
        never ran does not cost a walk through the project's whole history.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_name: the job's name, as in the config.
        :param branch: only jobs of pipelines of this branch.
        :param status: only jobs with this status (default ``"success"``),
            one of the job statuses of API v2; ``None`` for any status.
        :param max_pipelines: how many of the newest pipelines to look
            through (default 100); ``None`` for all of them.
        :returns: a :class:`LatestJob` (the job as the workflow lists it,
            and its number, plus its workflow and pipeline), or ``None``
            when none of those pipelines has such a job.
        :raises InvalidArgumentError: for an empty ``job_name``, a
            ``status`` that is not a job status, or a bad ``max_pipelines``,
            before anything is sent.

        .. versionadded:: 1.3.0
        """
        if not isinstance(job_name, str) or not job_name:
            raise InvalidArgumentError(job_name, "job_name must be a job's name")
        if status is not None and status not in JOB_STATUSES:
            raise InvalidArgumentError(status, f"status must be None or one of {', '.join(sorted(JOB_STATUSES))}")
        if max_pipelines is not None and (
            isinstance(max_pipelines, bool) or not isinstance(max_pipelines, int) or max_pipelines < 1
        ):
            raise InvalidArgumentError(max_pipelines, "max_pipelines must be a positive integer or None")
        what = f"{status} {job_name}" if status is not None else job_name
        pipelines = self._each(self._v2.list_pipelines_for_project, project_slug, branch=branch)
        for pipeline in itertools.islice(pipelines, max_pipelines):
            workflows = sorted(self._workflows(pipeline["id"]), key=_created_key, reverse=True)
            for workflow in workflows:
                for job in self._jobs(workflow["id"]):
                    if _is_the_job(job, job_name, status):
                        self._progress(
                            f"latest {what} job of {project_slug}: number {job['job_number']}"
                            f" (pipeline {pipeline.get('number')}, workflow {workflow.get('name')})."
                        )
                        return LatestJob(job, int(job["job_number"]), workflow, pipeline)
        newest = "" if max_pipelines is None else f"newest {max_pipelines} "
        self._progress(f"no {what} job found in the {newest}pipelines of {project_slug}.")
        return None

    def cancel_redundant_workflows(
        self, project_slug: str, branch: str, *, keep: Optional[str] = None, lookback: Optional[float] = 86400
    ) -> list[dict[str, Any]]:
        """Cancel the running and on-hold workflows of earlier pipelines of a branch.

        CircleCI's "auto-cancel redundant workflows", for projects that
        cannot turn it on. The pipeline kept is ``keep`` if given, else the
        current job's pipeline (``CIRCLE_PIPELINE_ID`` or
        ``CIRCLE_WORKFLOW_ID``) when it is of this project, else the newest
        pipeline of the branch. The workflows of pipelines created before it
        that are ``running``, ``failing`` or ``on_hold`` are cancelled; the
        kept pipeline, later ones and the current job's own workflow
        (``CIRCLE_WORKFLOW_ID``) never are. A pipeline still being set up
        has nothing to cancel yet.

        A refused cancel does not stop the others: once all were tried,
        :class:`~circleci.error.CancelError` says which were refused and which cancelled.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param branch: the branch whose pipelines are looked at.
        :param keep: the id of the pipeline to keep.
        :param lookback: only pipelines created in the last this many seconds
            (default 86400, a day); ``None`` for every pipeline of the branch.
        :returns: the workflows cancelled, as the API listed them.
        :raises CancelError: when a cancel was refused, after the others.
        :raises InvalidArgumentError: for an empty ``branch`` or a bad
            ``lookback``, before anything is sent.

        .. versionadded:: 1.3.0
        """
        if not isinstance(branch, str) or not branch:
            raise InvalidArgumentError(branch, "branch must be a branch name")
        _check_seconds(lookback, "lookback")
        own_workflow = os.environ.get("CIRCLE_WORKFLOW_ID") or None
        kept = _plain(self._v2.get_pipeline_by_id(keep)) if keep else self._current_pipeline_of(project_slug)
        oldest = None if lookback is None else datetime.now(timezone.utc) - timedelta(seconds=lookback)
        cancelled: list[dict[str, Any]] = []
        refused: dict[str, str] = {}
        for pipeline in self._earlier_pipelines(project_slug, branch, kept, oldest):
            if kept is None:
                kept = pipeline
                continue
            if pipeline.get("state") in _SETTING_UP or pipeline.get("state") == "errored":
                continue
            for workflow in self._workflows(pipeline["id"]):
                if workflow.get("status") not in _CANCELLABLE or workflow["id"] == own_workflow:
                    continue
                label = f"{workflow.get('name')} ({workflow.get('status')}) of pipeline {pipeline.get('number')}"
                try:
                    self._v2.cancel_workflow(workflow["id"])
                except CircleCIException as exc:
                    refused[workflow["id"]] = f"{label}: {exc}"
                    self._progress(f"could not cancel {label}: {exc}")
                    continue
                self._progress(f"cancelled {label}.")
                cancelled.append(workflow)
        if refused:
            raise CancelError(
                f"{len(refused)} workflows could not be cancelled: {'; '.join(refused.values())}",
                cancelled=cancelled,
                refused=refused,
            )
        kept_label = "nothing to keep" if kept is None else f"kept pipeline {kept.get('number')}"
        self._progress(f"cancelled {len(cancelled)} redundant workflows of {project_slug} on {branch} ({kept_label}).")
        return cancelled

    def _current_pipeline_of(self, project_slug: str) -> Optional[dict[str, Any]]:
        """The current job's pipeline when it belongs to ``project_slug``, else ``None``."""
        if not (os.environ.get("CIRCLE_PIPELINE_ID") or os.environ.get("CIRCLE_WORKFLOW_ID")):
            return None
        current = self._current_pipeline()
        if current is not None and current.get("project_slug") not in (None, project_slug):
            return None
        return current

    # -- artifacts -----------------------------------------------------------

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
        :param workers: files downloaded at once, at most (never more than
            there are files), over the client's pooled connections. Default
            8. Keep it at or below the client's ``pool_size`` (16 by
            default): connections beyond the pool are closed after each
            file, and urllib3 warns "Connection pool is full".
        :returns: the local paths written, in the order the API listed the artifacts.
        :raises ArtifactDownloadError: when any file failed (including a
            ``path`` that would leave ``destdir``), after the others finished.
        :raises InvalidArgumentError: for a bad ``workers``.

        .. versionadded:: 1.3.0
        """
        _check_workers(workers)
        artifacts = list(self._each(self._v2.get_job_artifacts, project_slug, job_number))
        planned = _plan(artifacts, pattern, ())
        return self._download_all(self._v2, planned, len(artifacts), destdir, pattern, workers)

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
        :param workers: files downloaded at once, at most. Default 8.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :returns: the local paths written, in the order the API listed the artifacts.
        :raises ArtifactDownloadError: when any file failed, after the others finished.
        :raises InvalidArgumentError: for a bad ``workers``, or when the SDK
            was given an :class:`~circleci.v2.ApiV2`.

        .. versionadded:: 1.3.0
        """
        _check_workers(workers)
        artifacts = self._v1.get_artifacts(username, project, build_num, vcs_type) or []
        return self._download_all(self._v1, _plan(artifacts, pattern, ()), len(artifacts), destdir, pattern, workers)

    def download_pipeline_artifacts(
        self,
        pipeline_id: str,
        destdir: str,
        *,
        pattern: Optional[str] = None,
        workers: int = 8,
        flat: bool = False,
    ) -> list[str]:
        """Download every artifact of every job of every workflow of a pipeline.

        Each job's files go under a folder named after the job
        (``destdir/<job name>/<path>``; when two jobs of the pipeline share
        a name, for instance in two workflows or a rerun, each folder is
        ``<job name>-<job number>``), with a ``node-<index>`` level for a job
        that ran on several nodes. With ``flat=True`` the files go straight
        to ``destdir/<path>``, and two artifacts that would land on the same
        file are refused before anything is downloaded. Writing is the same
        as :meth:`download_artifacts`: atomic, inside ``destdir`` only, in
        parallel, every file tried before failures are raised. Jobs that
        have no number (approvals, jobs that never ran) have no artifacts.

        :param pipeline_id: the pipeline's UUID.
        :param destdir: the folder to write to; created if missing.
        :param pattern: only artifacts whose ``path`` matches this
            :func:`fnmatch.fnmatchcase` pattern.
        :param workers: files downloaded at once, at most. Default 8.
        :param flat: no folder per job.
        :returns: the local paths written: jobs in the order of their
            workflows and of the API, files in the order listed.
        :raises ArtifactDownloadError: when any file failed, after the others finished.
        :raises InvalidArgumentError: for a bad ``workers``, or, with
            ``flat``, artifacts whose paths collide (nothing is downloaded).

        .. versionadded:: 1.3.0
        """
        _check_workers(workers)
        project_slug = self._v2.get_pipeline_by_id(pipeline_id)["project_slug"]
        jobs = [
            job
            for workflow in self._workflows(pipeline_id)
            for job in self._jobs(workflow["id"])
            if job.get("job_number") is not None
        ]
        counts: dict[str, int] = {}
        for job in jobs:
            counts[str(job.get("name"))] = counts.get(str(job.get("name")), 0) + 1
        planned: list[_Planned] = []
        total = 0
        for job in jobs:
            artifacts = list(self._each(self._v2.get_job_artifacts, project_slug, job["job_number"]))
            total += len(artifacts)
            folder = _job_folder(job, counts[str(job.get("name"))] > 1)
            planned.extend(_plan(artifacts, pattern, () if flat else (folder,)))
        if flat:
            _refuse_collisions(planned)
        return self._download_all(self._v2, planned, total, destdir, pattern, workers)

    def _download_all(
        self,
        client: BaseClient,
        planned: list[_Planned],
        total: int,
        destdir: str,
        pattern: Optional[str],
        workers: int,
    ) -> list[str]:
        """Download the planned artifacts with up to ``workers`` threads; raise once all are done."""
        if not planned:
            matching = f" matches {pattern!r}" if pattern is not None and total else ""
            self._progress(f"nothing to download: {'none of the ' if matching else ''}{total} artifacts{matching}.")
            return []
        threads = min(workers, len(planned))
        chosen = f"{len(planned)} of {total}" if len(planned) != total else f"{total}"
        self._progress(f"downloading {chosen} artifacts to {destdir} with {_plural(threads, 'worker')}.")
        if threads > client.pool_size:
            self._progress(
                f"{threads} workers share {client.pool_size} pooled connections: give the client "
                f"pool_size={threads} to keep every connection open."
            )
        clashes = _collisions(planned)
        with ThreadPoolExecutor(max_workers=threads) as pool:
            futures = [
                pool.submit(_fetch, client, item, destdir, clashes.get(index)) for index, item in enumerate(planned)
            ]
            self._log_progress(futures)
        paths: list[str] = []
        failed: dict[str, str] = {}
        for item, future in zip(planned, futures):
            try:
                paths.append(future.result())
            except Exception as exc:  # whatever one file's failure is, the others are kept and reported
                failed[item.label] = str(exc) or repr(exc)
        if failed:
            reasons = "; ".join(f"{path}: {reason}" for path, reason in failed.items())
            raise ArtifactDownloadError(
                f"{len(failed)} of {len(planned)} artifacts failed: {reasons}", failed=failed, downloaded=paths
            )
        return paths

    def _log_progress(self, futures: list[Future[str]]) -> None:
        """Log files and bytes done as each download finishes."""
        done_bytes = 0
        for done, future in enumerate(as_completed(futures), 1):
            if future.exception() is None:
                done_bytes += os.path.getsize(future.result())
            self._progress(f"{done}/{len(futures)} files done, {done_bytes} bytes written.")

    # -- logs ------------------------------------------------------------------

    def failed_steps(
        self, username: str, project: str, build_num: Union[int, str], vcs_type: str = "github"
    ) -> list[FailedStep]:
        """The failed steps of a build, with what each printed.

        Reads the build (API v1.1) and, for each action of its
        ``steps[].actions[]`` that failed (``failed`` true, or a status of
        ``failed``, ``timedout`` or ``infrastructure_fail``), what it
        printed: from API v3's job output when the client reaches v3
        (CircleCI Cloud), else from the log at the action's ``output_url``,
        whose pre-signed link gets no token (see :meth:`job_log` for the
        order). A step that ran on several nodes gives one
        :class:`FailedStep` per failed node.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build's (job's) number.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :returns: the failed steps, in the order they ran; empty for a
            build without a failed step.
        :raises DownloadError: when a log cannot be read or is not a log.
        :raises CircleCIHTTPError: when the API or the log host answers with
            an error status (other than API v3's 404, which falls back to
            ``output_url``).
        :raises InvalidArgumentError: when the SDK was given an
            :class:`~circleci.v2.ApiV2`.

        .. versionadded:: 1.3.0
        .. versionchanged:: 1.3.0
            reads API v3's job output first where it is available.
        """
        build = self._v1.get_build_info(username, project, build_num, vcs_type) or {}
        chosen = [
            (position, action)
            for position, step in enumerate(build.get("steps") or [])
            for action in step.get("actions") or []
            if action.get("failed") or action.get("status") in _FAILED_ACTION
        ]
        read = self._log_reader(build, chosen)
        steps = build.get("steps") or []
        failed = [
            FailedStep(
                name=str(steps[position].get("name") or action.get("name") or ""),
                index=int(action.get("index") or 0),
                status=action.get("status"),
                exit_code=action.get("exit_code"),
                output=read(position, action),
            )
            for position, action in chosen
        ]
        self._progress(
            f"build {build_num} of {username}/{project}: "
            + (", ".join(f"{step.name} ({step.status})" for step in failed) or "no failed step")
            + "."
        )
        return failed

    def job_log(
        self,
        username: str,
        project: str,
        build_num: Union[int, str],
        *,
        step: Optional[str] = None,
        vcs_type: str = "github",
    ) -> str:
        """The text a job printed, or one of its steps.

        The output of each action of the build's ``steps[].actions[]``
        (API v1.1), one step after the other; a step that ran on several
        nodes gives each node's output in turn. Each action's output is
        read from one of two places, in this order:

        1. API v3's job output (``GET /api/v3/jobs/{id}/stdout`` and
           ``/stderr``), when the client reaches API v3 (CircleCI Cloud) and
           the build names its v3 job (``workflows.job_id``). The step is
           found by name among the v3 job's steps of the same parallel
           execution (one extra call per helper call, ``GET
           /api/v3/jobs/{id}``); its standard output comes first, then its
           standard error. v3 comes first because v1.1 is being retired.
        2. The log at the action's ``output_url``, a pre-signed link to
           CircleCI's log storage, fetched without the token; standard
           output and error come in the order printed. This is used when
           API v3 answers 404 (CircleCI server has no v3; a job v3 does not
           know), when the build names no v3 job, and for a step that v3
           does not list.

        An action that CircleCI says printed nothing (``has_output`` false,
        no ``output_url``) is not read at all.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build's (job's) number.
        :param step: only this step (its name as CircleCI shows it, e.g.
            ``"Checkout code"``); ``None`` for the whole job.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :returns: the text printed.
        :raises InvalidArgumentError: when the build has no step of that
            name (the message lists the steps it has), or when the SDK was
            given an :class:`~circleci.v2.ApiV2`.
        :raises DownloadError: when a log cannot be read or is not a log.
        :raises CircleCIHTTPError: when the API or the log host answers with
            an error status (other than API v3's 404, which falls back to
            ``output_url``).

        .. versionadded:: 1.3.0
        .. versionchanged:: 1.3.0
            reads API v3's job output first where it is available.
        """
        build = self._v1.get_build_info(username, project, build_num, vcs_type) or {}
        steps = build.get("steps") or []
        if step is not None and not any(item.get("name") == step for item in steps):
            names = [str(item.get("name")) for item in steps]
            raise InvalidArgumentError(step, f"build {build_num} has no step of that name; its steps: {names}")
        chosen = [
            (position, action)
            for position, item in enumerate(steps)
            if step is None or item.get("name") == step
            for action in item.get("actions") or []
        ]
        read = self._log_reader(build, chosen)
        return "".join(read(position, action) for position, action in chosen)

    def _log_reader(
        self, build: Mapping[str, Any], chosen: list[tuple[int, Mapping[str, Any]]]
    ) -> Callable[[int, Mapping[str, Any]], str]:
        """How to read what the ``chosen`` actions of a build printed: ``read(position, action)``.

        The one place step output is read (see :meth:`job_log` for the
        order): API v3's job output for the actions whose v3 step is known,
        the pre-signed ``output_url`` for the others. ``position`` is the
        step's place in the build's ``steps``.
        """
        wanted = [(position, action) for position, action in chosen if _has_output(action)]
        job_id = str((build.get("workflows") or {}).get("job_id") or "")
        numbers = self._v3_step_numbers(build, job_id) if wanted and job_id else None

        def read(position: int, action: Mapping[str, Any]) -> str:
            if not _has_output(action):
                return ""
            node = int(action.get("index") or 0)
            number = None if numbers is None else numbers.get((position, node))
            if number is not None:
                text = self._v3_output(job_id, node, number)
                if text is not None:
                    return text
            url = action.get("output_url")
            if not url:
                return ""
            return "".join(str(entry.get("message") or "") for entry in _read_log(self._v1, str(url)))

        return read

    def _v3_step_numbers(self, build: Mapping[str, Any], job_id: str) -> Optional[dict[tuple[int, int], int]]:
        """Each ``(position, node)`` of the build's steps mapped to the step's ``num`` in API v3.

        ``None`` when API v3 answers 404 for the job (CircleCI server, or a
        job v3 does not know). v1.1 steps and v3 steps are matched by name,
        in order, within the same parallel execution, so a step missing on
        one side (or two steps of the same name) never takes another's
        output.
        """
        try:
            document = _plain(self._v1.v3.get_job(job_id) or {})
        except NotFound:
            self._progress(f"API v3 has no job {job_id}: reading the step logs at their output_url.")
            return None
        attributes = (document.get("data") or {}).get("attributes") or {}
        by_node: dict[int, dict[str, list[int]]] = {}
        for node, execution in enumerate(attributes.get("parallel_executions") or []):
            names = by_node.setdefault(node, {})
            for v3_step in execution.get("steps") or []:
                if isinstance(v3_step.get("num"), int):
                    names.setdefault(str(v3_step.get("name")), []).append(v3_step["num"])
        numbers: dict[tuple[int, int], int] = {}
        seen: dict[tuple[int, str], int] = {}
        for position, step in enumerate(build.get("steps") or []):
            name = str(step.get("name"))
            for action in step.get("actions") or []:
                node = int(action.get("index") or 0)
                count = seen.get((node, name), 0)
                seen[(node, name)] = count + 1
                listed = by_node.get(node, {}).get(name, [])
                if count < len(listed):
                    numbers[(position, node)] = listed[count]
        return numbers

    def _v3_output(self, job_id: str, node: int, number: int) -> Optional[str]:
        """A v3 step's standard output then standard error, or ``None`` when v3 answers 404 for it."""
        v3 = self._v1.v3
        try:
            out = v3.get_job_stdout(job_id, filter_execution=node, filter_step_num=number)
            err = v3.get_job_stderr(job_id, filter_execution=node, filter_step_num=number)
        except NotFound:
            return None
        return out.text + err.text

    # -- settings ------------------------------------------------------------

    def sync_context(
        self, owner: str, name: str, variables: Mapping[str, str], *, delete_missing: bool = False
    ) -> SyncReport:
        """Make a context hold exactly these variables, creating it if missing.

        The API never shows a context variable's value, so every variable
        given is written (``PUT``, which creates or replaces); those that
        existed are reported as updated. Values appear in no message.

        :param owner: the organization: its slug (``gh/org``) or its id (a UUID).
        :param name: the context's name.
        :param variables: variable name to value.
        :param delete_missing: also delete the context's variables that are
            not in ``variables``.
        :returns: a :class:`SyncReport` of the names created, updated and deleted.
        :raises InvalidArgumentError: for an empty ``owner`` or ``name``, or
            variables that are not names mapped to text, before anything
            is sent.

        .. versionadded:: 1.3.0
        """
        for value, what in ((owner, "owner"), (name, "name")):
            if not isinstance(value, str) or not value:
                raise InvalidArgumentError(value, f"{what} must be a non-empty string")
        wanted = _check_variables(variables)
        by_id = bool(_UUID.fullmatch(owner))
        owner_query: dict[str, Any] = {"owner_id": owner} if by_id else {"owner_slug": owner}
        contexts = self._each(self._v2.list_contexts, **owner_query)
        context = next((found for found in contexts if found.get("name") == name), None)
        if context is None:
            owner_body: Any = {"id": owner, "type": "organization"} if by_id else {"slug": owner}
            context = _plain(self._v2.create_context(name=name, owner=owner_body))
            self._progress(f"created context {name} of {owner}.")
            existing: set[str] = set()
        else:
            listed = self._each(self._v2.list_environment_variables_from_context, context["id"])
            existing = {variable["variable"] for variable in listed}
        for key, value in wanted.items():
            self._v2.add_environment_variable_to_context(context["id"], key, value=value)
        deleted = sorted(existing - set(wanted)) if delete_missing else []
        for key in deleted:
            self._v2.delete_environment_variable_from_context(context["id"], key)
        return self._report(f"context {name}", wanted, existing, deleted)

    def sync_project_env(
        self, project_slug: str, variables: Mapping[str, str], *, delete_missing: bool = False
    ) -> SyncReport:
        """Make a project's environment variables exactly these.

        The API shows only the last characters of a value, so every variable
        given is written (creating it, or replacing it when it exists); those
        that existed are reported as updated. Values appear in no message.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param variables: variable name to value.
        :param delete_missing: also delete the project's variables that are
            not in ``variables``.
        :returns: a :class:`SyncReport` of the names created, updated and deleted.
        :raises InvalidArgumentError: for variables that are not names mapped
            to text, before anything is sent.

        .. versionadded:: 1.3.0
        """
        wanted = _check_variables(variables)
        existing = {variable["name"] for variable in self._each(self._v2.list_env_vars, project_slug)}
        for key, value in wanted.items():
            self._v2.create_env_var(project_slug, name=key, value=value)
        deleted = sorted(existing - set(wanted)) if delete_missing else []
        for key in deleted:
            self._v2.delete_env_var(project_slug, key)
        return self._report(project_slug, wanted, existing, deleted)

    def _report(self, what: str, wanted: Mapping[str, str], existing: set[str], deleted: list[str]) -> SyncReport:
        """The :class:`SyncReport` of a sync, logged by name only."""
        report = SyncReport(
            created=sorted(set(wanted) - existing), updated=sorted(set(wanted) & existing), deleted=deleted
        )
        self._progress(
            f"{what}: created {_names(report.created)}; updated {_names(report.updated)}; "
            f"deleted {_names(report.deleted)}."
        )
        return report


T = TypeVar("T")

_LOG = logging.getLogger("circleci.sdk")
_RUNNING = frozenset({"running", "failing"})
_FAILED = frozenset({"failed", "error", "canceled", "unauthorized"})
_FINISHED = _FAILED | {"success", "not_run"}
_ON_HOLD = "on_hold"
_CANCELLABLE = _RUNNING | {_ON_HOLD}
_SETTING_UP = frozenset({"setup-pending", "setup", "pending"})
JOB_STATUSES = frozenset(
    {
        "success", "running", "not_run", "failed", "retried", "queued", "not_running",
        "infrastructure_fail", "timedout", "on_hold", "terminated-unknown", "blocked", "canceled", "unauthorized",
    }
)  # fmt: skip
"""The statuses of a v2 job (the spec's enum), which :meth:`SDK.latest_job` accepts as ``status``."""

_FAILED_JOB = frozenset({"failed", "infrastructure_fail", "timedout", "unauthorized", "terminated-unknown"})
_FAILED_ACTION = frozenset({"failed", "timedout", "infrastructure_fail"})
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


class _Waiting(NamedTuple):
    """Why a poll is not done yet, and what it waits on; the same reason twice means nothing changed."""

    reason: str
    waited_on: Any


@dataclass
class _Singleton:
    """What :meth:`SDK.pipeline_singleton` knows between two checks."""

    pending: Optional[list[dict[str, Any]]] = None
    held: list[dict[str, Any]] = field(default_factory=list)
    settled: set[str] = field(default_factory=set)
    fresh: set[str] = field(default_factory=set)
    waited: bool = False


@dataclass
class _PipelineWatch:
    """What :meth:`SDK.wait_for_pipeline` knows between two checks."""

    pipeline_id: str
    on_hold: str
    pipeline: Optional[dict[str, Any]] = None
    seen_workflows: bool = False
    held_jobs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """Where a pipeline ended up, as returned by :meth:`SDK.wait_for_pipeline`.

    :ivar pipeline: the pipeline, as the API returned it.
    :ivar workflows: all its workflows, each finished or ``on_hold``.
    :ivar failed_jobs: for a workflow on hold with failed jobs, its id
        mapped to those jobs.
    """

    pipeline: dict[str, Any]
    workflows: list[dict[str, Any]]
    failed_jobs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def on_hold(self) -> list[dict[str, Any]]:
        """The workflows waiting for an approval (their approval job is on hold), none of whose jobs failed."""
        return [wf for wf in self.workflows if wf.get("status") == _ON_HOLD and wf["id"] not in self.failed_jobs]

    @property
    def failed(self) -> list[dict[str, Any]]:
        """The workflows that ended ``failed``, ``error``, ``canceled`` or ``unauthorized``, or are on hold
        after a job of theirs failed."""
        return [wf for wf in self.workflows if wf.get("status") in _FAILED or wf.get("id") in self.failed_jobs]


class LatestJob(NamedTuple):
    """A job found by :meth:`SDK.latest_job`; unpacks as ``job, number``.

    .. versionadded:: 1.3.0
    """

    job: dict[str, Any]
    """The job, as its workflow lists it (``id``, ``name``, ``status``, ``job_number``, ...)."""
    number: int
    """Its number, for the job endpoints (artifacts, tests, details) and v1.1's ``build_num``."""
    workflow: dict[str, Any]
    """The workflow it ran in."""
    pipeline: dict[str, Any]
    """The pipeline it ran in."""


@dataclass(frozen=True)
class FailedStep:
    """A step of a build that failed on one node, as returned by :meth:`SDK.failed_steps`.

    :ivar name: the step's name (``"Run tests"``).
    :ivar index: the node (parallel container) it failed on.
    :ivar status: its status (``failed``, ``timedout``, ...).
    :ivar exit_code: the exit code of its command, if it had one.
    :ivar output: what it printed (standard output and error).

    .. versionadded:: 1.3.0
    """

    name: str
    index: int
    status: Optional[str]
    exit_code: Optional[int]
    output: str


@dataclass(frozen=True)
class SyncReport:
    """What :meth:`SDK.sync_context` and :meth:`SDK.sync_project_env` changed: variable names, sorted.

    :ivar created: variables that did not exist.
    :ivar updated: variables that existed and were written again.
    :ivar deleted: variables removed (with ``delete_missing``).

    .. versionadded:: 1.3.0
    """

    created: list[str]
    updated: list[str]
    deleted: list[str]


@dataclass(frozen=True)
class _Planned:
    """An artifact to download, the folders above its own ``path``, and its name in messages."""

    artifact: dict[str, Any]
    folders: tuple[str, ...]
    label: str


def _plain(value: Any) -> dict[str, Any]:
    """A v2 response as a plain dict: what it is at run time, whatever type the method declares."""
    return cast("dict[str, Any]", value)


def _configured(logger: logging.Logger) -> bool:
    """Whether a handler other than a ``NullHandler`` would receive the logger's records."""
    current: Optional[logging.Logger] = logger
    while current is not None:
        if any(not isinstance(handler, logging.NullHandler) for handler in current.handlers):
            return True
        current = current.parent if current.propagate else None
    return False


def _check_wait(interval: Any, timeout: Any) -> None:
    """Refuse an ``interval`` that is not a positive finite number and a bad ``timeout``."""
    if isinstance(interval, bool) or not isinstance(interval, (int, float)) or not 0 < interval < math.inf:
        raise InvalidArgumentError(interval, "interval must be a positive finite number of seconds")
    _check_seconds(timeout, "timeout")


def _check_seconds(value: Any, name: str) -> None:
    """Refuse a duration that is neither ``None`` nor a finite number of 0 or more (``nan`` and infinities too)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < math.inf:
        raise InvalidArgumentError(value, f"{name} must be None or a finite number of seconds of 0 or more")


def _check_on_hold(on_hold: Any) -> None:
    """Refuse an ``on_hold`` that is not one of :data:`ON_HOLD_CHOICES`."""
    if on_hold not in ON_HOLD_CHOICES:
        raise InvalidArgumentError(on_hold, f"on_hold must be one of {', '.join(ON_HOLD_CHOICES)}")


def _check_workers(workers: Any) -> None:
    """Refuse a ``workers`` that is not a positive integer."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InvalidArgumentError(workers, "workers must be a positive integer")


def _check_variables(variables: Any) -> dict[str, str]:
    """The variables as a dict, refusing anything but non-empty names mapped to text."""
    if not isinstance(variables, Mapping):
        raise InvalidArgumentError(type(variables).__name__, "variables must be a mapping of names to values")
    for key, value in variables.items():
        if not isinstance(key, str) or not key or not isinstance(value, str):
            raise InvalidArgumentError(key, "each variable must be a non-empty name mapped to a string value")
    return dict(variables)


def _statuses(workflows: Iterable[dict[str, Any]]) -> str:
    """``name (status)`` of each workflow, for messages."""
    return ", ".join(f"{workflow.get('name')} ({workflow.get('status')})" for workflow in workflows)


def _failures(outcome: Outcome) -> str:
    """The failed workflows of an outcome, naming the failed jobs of held ones."""
    parts = []
    for workflow in outcome.failed:
        jobs = outcome.failed_jobs.get(workflow["id"])
        detail = f": {_statuses(jobs)} failed" if jobs else ""
        parts.append(f"{workflow.get('name')} ({workflow.get('status')}{detail})")
    return ", ".join(parts)


def _names(names: list[str]) -> str:
    """Names for a message, or ``none``."""
    return ", ".join(names) if names else "none"


def _plural(count: int, word: str) -> str:
    """``1 worker``, ``2 workers``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _created_at(pipeline: Mapping[str, Any]) -> datetime:
    """A pipeline's ``created_at`` as an aware datetime."""
    return parse_time(pipeline["created_at"]) or datetime.min.replace(tzinfo=timezone.utc)


def _created_key(workflow: Mapping[str, Any]) -> str:
    """A workflow's ``created_at`` as sortable text (missing sorts first)."""
    moment = parse_time(workflow.get("created_at"))
    return moment.isoformat() if moment is not None else ""


def _is_the_job(job: Mapping[str, Any], name: str, status: Optional[str]) -> bool:
    """Whether a workflow's job is the one :meth:`SDK.latest_job` looks for (it must have a number)."""
    return (
        job.get("name") == name
        and job.get("job_number") is not None
        and (status is None or job.get("status") == status)
    )


def _plan(artifacts: list[dict[str, Any]], pattern: Optional[str], folders: tuple[str, ...]) -> list[_Planned]:
    """The artifacts matching ``pattern``, under ``folders``, with a ``node-<index>`` folder when on several nodes."""
    chosen = [artifact for artifact in artifacts if pattern is None or fnmatchcase(str(artifact["path"]), pattern)]
    by_node = len({artifact.get("node_index", 0) for artifact in chosen}) > 1
    planned = []
    for artifact in chosen:
        node = (f"node-{artifact.get('node_index', 0)}",) if by_node else ()
        label = "/".join((*folders, *node, str(artifact.get("path"))))
        planned.append(_Planned(artifact, (*folders, *node), label))
    return planned


def _job_folder(job: Mapping[str, Any], shared_name: bool) -> str:
    """The folder of a job's artifacts: its name (``-<number>`` added when the name is shared), made safe."""
    name = re.sub(r"[\\/:\x00]", "_", str(job.get("name") or "job")).strip(" .") or "job"
    return f"{name}-{job['job_number']}" if shared_name else name


def _relative_parts(path: str) -> list[str]:
    """The components of an artifact's ``path``, without empty and ``.`` ones."""
    return [part for part in re.split(r"[\\/]", path) if part not in ("", ".")]


def _local_file(item: _Planned) -> str:
    """Where an artifact lands under ``destdir``, ``/``-separated: two artifacts with the same one collide."""
    return "/".join([*item.folders, *_relative_parts(str(item.artifact.get("path") or ""))])


def _collisions(planned: list[_Planned]) -> dict[int, str]:
    """For each planned artifact whose local file an earlier one already takes, the earlier one's ``path``."""
    first: dict[str, str] = {}
    found: dict[int, str] = {}
    for index, item in enumerate(planned):
        key = _local_file(item)
        if key in first:
            found[index] = first[key]
        else:
            first[key] = str(item.artifact.get("path"))
    return found


def _refuse_collisions(planned: list[_Planned]) -> None:
    """Refuse artifacts that would be written to the same local file."""
    collisions = sorted({_local_file(planned[index]) for index in _collisions(planned)})
    if collisions:
        raise InvalidArgumentError(
            collisions, f"flat=True would write several artifacts to the same file: {', '.join(collisions)}"
        )


def _artifact_target(destdir: str, item: _Planned) -> str:
    """The local path of an artifact: its ``path`` under ``destdir`` and its folders, refusing any way out."""
    path = str(item.artifact.get("path") or "")
    parts = _relative_parts(path)
    if not parts or ".." in parts or os.path.isabs(path) or path.startswith("\\"):
        raise InvalidArgumentError(path, "artifact path must be relative and stay inside destdir")
    target = os.path.join(destdir, *item.folders, *parts)
    root = os.path.realpath(destdir)
    if os.path.commonpath([root, os.path.realpath(target)]) != root:
        raise InvalidArgumentError(path, "artifact path would resolve outside destdir")
    return target


def _fetch(client: BaseClient, item: _Planned, destdir: str, clash: Optional[str] = None) -> str:
    """Download one artifact to its place under ``destdir`` and return the local path.

    :param clash: the path of an earlier artifact that takes the same local
        file (``a/b.txt`` and ``a\\b.txt``); this one is then refused, naming
        both, rather than overwriting it.
    """
    path = item.artifact.get("path")
    if clash is not None:
        raise InvalidArgumentError(path, f"artifacts {clash!r} and {path!r} would be saved as the same file")
    target = _artifact_target(destdir, item)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    return client._download(item.artifact["url"], os.path.dirname(target), os.path.basename(target))


def _has_output(action: Mapping[str, Any]) -> bool:
    """Whether an action may have printed something: it has a log link, or does not say it printed nothing."""
    return bool(action.get("output_url")) or action.get("has_output") is not False


def _read_log(client: BaseClient, url: str) -> list[dict[str, Any]]:
    """The entries of a step's log at a pre-signed ``output_url``, fetched through the client without its token."""
    response = client._transport._send("GET", url, None)
    try:
        entries = json.loads(response.content)
    except ValueError:
        entries = None
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        content_type = response.headers.get("Content-Type", "none")
        raise DownloadError(f"the step log at {url.split('?')[0]} is not a JSON list of entries ({content_type})")
    return entries
