"""Keeping the v1.1 trigger and rerun calls working after CircleCI removes them.

On 2027-02-01 CircleCI answers 410 Gone on the v1.1 (and v1) trigger, retry
and ssh endpoints. A 410 means nothing ran, so :class:`~circleci.api.Api`
re-expresses the call in API v2 on the same host, waits a bounded time for
the build it started to exist, and returns that build as the v1.1 GET (which
stays) shows it: what circleci.py 1.2.2 returned. What v2 cannot express
raises :class:`~circleci.error.NoV2Equivalent` before anything more is sent.

The ``sunset`` option of :class:`~circleci.api.Api` chooses the mode:
:data:`FALLBACK` (the default: v1.1 first, v2 after its 410, and directly
from then on), :data:`V2` (v2 from the first call) or :data:`OFF` (the 410
is raised as it is).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional

from .error import Gone, InvalidResponseError, NoV2Equivalent, PipelineError, WaitTimeout

if TYPE_CHECKING:  # pragma: no cover
    from .api import Api

__all__ = ["FALLBACK", "MODES", "OFF", "POLL_INTERVAL", "V2", "WAIT_TIMEOUT", "Project"]

FALLBACK = "fallback"
V2 = "v2"
OFF = "off"
MODES = (FALLBACK, V2, OFF)

POLL_INTERVAL = 2.0
"""Seconds between two looks for the build a v2 trigger or rerun started."""
WAIT_TIMEOUT = 120.0
"""Seconds to wait at most for that build to exist."""


def call(api: Api, via_v1: Callable[[], Any], via_v2: Callable[[Optional[Gone]], Any]) -> Any:
    """Send a v1.1 trigger or rerun, or its v2 form when the v1.1 endpoint is gone.

    :param api: the client; its ``sunset`` mode and what it has seen decide the way.
    :param via_v1: sends the v1.1 request.
    :param via_v2: does the call through v2; it receives the 410 that led
        there, or ``None`` when v1.1 was not tried.
    :raises Gone: the 410 itself, in ``off`` mode.
    """
    if api.sunset == V2 or (api.sunset == FALLBACK and api._v1_gone):
        return via_v2(None)
    try:
        return via_v1()
    except Gone as gone:
        if api.sunset == OFF:
            raise
        api._v1_gone = True
        return via_v2(gone)


def refuse(api: Api, path: str, gone: Optional[Gone], argument: str, message: str) -> NoV2Equivalent:
    """The error for an argument v2 cannot express (to raise; nothing more is sent)."""
    return NoV2Equivalent(
        argument,
        f"CircleCI removed the v1.1 endpoint on 2027-02-01 and API v2 has no form for {argument}: {message}",
        method="POST",
        url=gone.url if gone is not None else f"{api.url}/{path}",
        response=gone.response if gone is not None else None,
    )


class Project(NamedTuple):
    """A v1.1 project: ``vcs_type``, ``username`` and ``project``, as the caller gave them."""

    vcs_type: str
    username: str
    project: str

    @property
    def slug(self) -> str:
        """The v2 project slug, ``gh/org/repo`` (a number given as a name is written as its digits, as v1.1 did)."""
        from .v2.client import project_slug

        return project_slug(str(self.username), str(self.project), self.vcs_type)


def trigger(api: Api, where: Project, branch: Optional[str], tag: Optional[str]) -> Any:
    """Trigger a pipeline with v2 ``triggerPipeline`` and return its first build, as v1.1 shows it.

    A tag wins over a branch (v1.1 built the tag; v2 takes one of the two);
    with neither, the project's default branch is built.
    """
    slug = where.slug
    pipeline = api.v2.trigger_pipeline(slug, tag=tag, branch=None if tag is not None else branch)

    def first_build() -> Optional[int]:
        workflows = list(api.v2.iterate(api.v2.list_workflows_by_pipeline_id, pipeline["id"]))
        if not workflows:
            state = api.v2.get_pipeline_by_id(pipeline["id"])
            if state.get("state") == "errored":
                raise PipelineError(
                    f"pipeline {pipeline.get('number')} of {slug} errored", pipeline=state, errors=state.get("errors")
                )
        for workflow in workflows:
            for job in api.v2.iterate(api.v2.list_workflow_jobs, workflow["id"]):
                if job.get("job_number") is not None:
                    return int(job["job_number"])
        return None

    return _build(api, where, _wait(first_build, f"the first build of pipeline {pipeline.get('number')} of {slug}"))


def retry(api: Api, where: Project, build_num: str, ssh: bool) -> Any:
    """Rerun one build with v2 ``rerunWorkflow`` (``jobs`` = that job) and return the new build."""
    slug = where.slug
    details = api.v2.get_job_details(slug, build_num)
    workflow_id = details["latest_workflow"]["id"]
    jobs = api.v2.iterate(api.v2.list_workflow_jobs, workflow_id)
    job = next((job for job in jobs if job.get("job_number") == int(build_num)), None)
    if job is None:
        raise InvalidResponseError(
            f"build {build_num} of {slug} is not among the jobs of its workflow {workflow_id}",
            status_code=200,
            content_type="application/json",
        )
    rerun = api.v2.rerun_workflow(workflow_id, jobs=[job["id"]], enable_ssh=True if ssh else None)

    def new_build() -> Optional[int]:
        for candidate in api.v2.iterate(api.v2.list_workflow_jobs, rerun["workflow_id"]):
            if candidate.get("name") == job["name"] and candidate.get("job_number") is not None:
                return int(candidate["job_number"])
        return None

    return _build(api, where, _wait(new_build, f"the rerun of build {build_num} of {slug}"))


def _wait(look: Callable[[], Optional[int]], what: str) -> int:
    """Look for a build number every :data:`POLL_INTERVAL` seconds, for :data:`WAIT_TIMEOUT` at most."""
    deadline = time.monotonic() + WAIT_TIMEOUT
    while True:
        number = look()
        if number is not None:
            return number
        if time.monotonic() + POLL_INTERVAL > deadline:
            raise WaitTimeout(f"{what} has no build number after {WAIT_TIMEOUT:g} s; it was started", waited_on=what)
        time.sleep(POLL_INTERVAL)


def _build(api: Api, where: Project, number: int) -> Any:
    """A build read with the v1.1 GET that stays."""
    return api.get_build_info(where.username, where.project, number, where.vcs_type)
