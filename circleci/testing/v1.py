"""The API v1.1 routes: every endpoint :class:`~circleci.api.Api` calls.

They follow CircleCI's calendar on the fake clock: ``/projects`` entries
carry ``branches`` until :data:`BRANCHES_REMOVED` (2026-12-07), and the
trigger, retry and ssh endpoints answer with ``Deprecation`` and ``Sunset``
headers until :data:`TRIGGERS_REMOVED` (2027-02-01), then 410 Gone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Callable, Optional
from urllib.parse import quote

from .clock import isoformat
from .routing import Call, HttpError, Reply, Route
from .state import (
    TERMINAL,
    Artifact,
    CheckoutKey,
    EnvVar,
    Job,
    NotFoundError,
    Project,
    State,
    WorkflowPlan,
    find,
    fingerprint,
    short_vcs,
)
from .steps import steps_view

__all__ = ["BRANCHES_REMOVED", "ROUTES", "TRIGGERS_REMOVED", "artifact_url", "build_view", "masked"]

PREFIX = "/api/v1.1"
PROJECT = PREFIX + "/project/{vcs}/{username}/{project}"
BUILD = PROJECT + "/{build_num:int}"
SUNSET = {"Deprecation": "true", "Sunset": "Mon, 01 Feb 2027 00:00:00 GMT"}
"""Headers CircleCI sends on the v1.1 trigger and retry endpoints until it removes them."""
BRANCHES_REMOVED = datetime(2026, 12, 7, tzinfo=timezone.utc).timestamp()
"""When CircleCI drops ``branches`` from v1.1 ``/projects`` (fake clock, epoch seconds)."""
TRIGGERS_REMOVED = datetime(2027, 2, 1, tzinfo=timezone.utc).timestamp()
"""When CircleCI's v1.1 trigger, retry and ssh endpoints start answering 410 Gone."""
GONE_MESSAGE = "This endpoint has been removed. Trigger and rerun pipelines with API v2 or v3."
"""The message of that 410."""
_VCS_NAMES = {"gh": "github", "bb": "bitbucket"}
_FILTERS: dict[str, Callable[[Job], bool]] = {
    "completed": lambda job: job.status in TERMINAL,
    "successful": lambda job: job.status == "success",
    "failed": lambda job: job.status == "failed",
    "running": lambda job: job.status in ("queued", "running"),
}


def masked(value: str) -> str:
    """An environment variable's value as CircleCI shows it: ``xxxx`` and its last four characters."""
    return "xxxx" + value[-4:]


def artifact_url(root: str, job: Job, artifact: Artifact) -> str:
    """The URL an artifact is listed with; it needs the token and redirects to storage."""
    return f"{root}/output/job/{job.id}/artifacts/{artifact.node_index}/{quote(artifact.path)}"


def build_view(job: Job, root: str, state: Optional[State] = None) -> dict[str, Any]:
    """A numbered job as a v1.1 build.

    :param state: the fake's state; with it the build carries its ``steps``
        (with log links), ``previous_successful_build`` and the ``fixed``
        status, which need the clock and the project's other builds.
    """
    project, pipeline = job.project, job.workflow.pipeline
    finished = job.status in TERMINAL
    duration = (
        None if job.stopped_at is None or job.started_at is None else int((job.stopped_at - job.started_at) * 1000)
    )
    earlier = _earlier_builds(job, state)
    previous_success = next((b for b in earlier if b.status == "success"), None)
    previous_finished = next((b for b in earlier if b.status in ("success", "failed")), None)
    status = job.status
    if status == "success" and previous_finished is not None and previous_finished.status == "failed":
        status = "fixed"
    actor = pipeline.actor
    return {
        "build_num": job.number,
        "build_url": f"{root}/{project.slug}/{job.number}",
        "status": status,
        "lifecycle": _LIFECYCLES.get(job.status, "finished"),
        "outcome": job.status if finished else None,
        "failed": (job.status == "failed") if finished else None,
        "timedout": False,
        "canceled": job.status == "canceled",
        "infrastructure_fail": False,
        "username": project.org,
        "reponame": project.name,
        "vcs_type": _VCS_NAMES[project.vcs],
        "vcs_url": project.vcs_url,
        "branch": pipeline.branch,
        "vcs_tag": pipeline.tag,
        "vcs_revision": pipeline.revision,
        "subject": f"Change {pipeline.number}",
        "committer_name": actor.name,
        "committer_email": f"{actor.login}@example.com",
        "committer_date": _seconds(pipeline.created_at),
        "author_name": actor.name,
        "author_date": _seconds(pipeline.created_at),
        "user": {"is_user": True, "login": actor.login, "name": actor.name, "vcs_type": "github", "id": actor.id},
        "why": pipeline.trigger_type,
        "job_name": job.name,
        "parallel": 1,
        "queued_at": isoformat(job.queued_at),
        "usage_queued_at": isoformat(job.queued_at),
        "start_time": isoformat(job.started_at),
        "stop_time": isoformat(job.stopped_at),
        "build_time_millis": duration,
        "build_parameters": pipeline.parameters,
        "no_dependency_cache": job.no_dependency_cache,
        "previous_successful_build": _summary(previous_success),
        "previous": _summary(earlier[0] if earlier else None),
        "workflows": {
            "job_id": job.id,
            "job_name": job.name,
            "workflow_id": job.workflow.id,
            "workflow_name": job.workflow.name,
            "upstream_job_ids": [dep.id for dep in job.requires],
        },
        "steps": steps_view(job, state.clock.now(), state.log_link) if state is not None else [],
        "messages": [],
    }


_LIFECYCLES = {"queued": "queued", "running": "running", "blocked": "not_running", "not_run": "not_run"}


def _seconds(moment: Optional[float]) -> Optional[str]:
    """An epoch time as CircleCI writes commit dates: ``2014-04-17T08:41:40Z``."""
    text = isoformat(moment)
    return None if text is None else text[:19] + "Z"


def _earlier_builds(job: Job, state: Optional[State]) -> list[Job]:
    """The project's builds of the same job and branch numbered before this one, newest first."""
    if state is None:
        return []
    branch = job.workflow.pipeline.branch
    return [
        other
        for other in state.builds(job.project)
        if other.name == job.name
        and other.workflow.pipeline.branch == branch
        and (other.number or 0) < (job.number or 0)
    ]


def _summary(job: Optional[Job]) -> Optional[dict[str, Any]]:
    if job is None:
        return None
    duration = (
        None if job.stopped_at is None or job.started_at is None else int((job.stopped_at - job.started_at) * 1000)
    )
    return {"build_num": job.number, "status": job.status, "build_time_millis": duration}


def _project(call: Call) -> Project:
    """The project of the path; CircleCI matches org and repository names without regard to case."""
    vcs = short_vcs(call.params["vcs"])
    wanted = f"{vcs}/{call.params['username']}/{call.params['project']}".lower()
    for project in call.state.projects.values():
        if project.slug.lower() == wanted:
            return project
    raise NotFoundError("Project not found")


def _build(call: Call) -> Job:
    return call.state.job_by_number(_project(call), int(call.params["build_num"]))


def _number(call: Call, name: str, default: int) -> int:
    value = call.query.get(name, str(default))
    if not value.isdigit():
        raise HttpError(400, f"{name} must be a non-negative integer")
    return int(value)


def _builds(call: Call, project: Optional[Project]) -> Reply:
    status_filter = call.query.get("filter")
    if status_filter == "None":  # circleci.py 1.2.2 sent filter=None; CircleCI ignores it
        status_filter = None
    if status_filter is not None and status_filter not in _FILTERS:
        raise HttpError(400, f"Invalid filter: {status_filter}")
    builds = [
        job
        for job in call.state.builds(project)
        if (status_filter is None or _FILTERS[status_filter](job))
        and ("branch" not in call.params or job.workflow.pipeline.branch == call.params["branch"])
    ]
    offset, limit = _number(call, "offset", 0), min(_number(call, "limit", 30), 100)
    shallow = call.query.get("shallow") == "true"
    views = [build_view(job, call.root, None if shallow else call.state) for job in builds[offset : offset + limit]]
    if shallow:
        views = [{key: view[key] for key in _SHALLOW_BUILD} for view in views]
    return Reply.json(views)


_SHALLOW_BUILD = (
    "build_num",
    "build_url",
    "status",
    "lifecycle",
    "outcome",
    "username",
    "reponame",
    "vcs_type",
    "vcs_url",
    "branch",
    "vcs_tag",
    "vcs_revision",
    "why",
    "queued_at",
    "start_time",
    "stop_time",
    "build_time_millis",
    "workflows",
)


def _artifacts(call: Call, job: Job) -> Reply:
    return Reply.json(
        [
            {"path": a.path, "pretty_path": a.path, "node_index": a.node_index, "url": artifact_url(call.root, job, a)}
            for a in job.artifacts
        ]
    )


def _project_view(project: Project, state: Optional[State] = None) -> dict[str, Any]:
    """A project as v1.1 lists it; with ``state``, its ``branches`` too."""
    view: dict[str, Any] = {
        "vcs_url": project.vcs_url,
        "vcs_type": _VCS_NAMES[project.vcs],
        "username": project.org,
        "reponame": project.name,
        "following": project.following,
        "followed": project.following,
        "default_branch": project.default_branch,
    }
    if state is not None:
        view["branches"] = _branches(project, state)
    return view


def _branch_build(job: Job) -> dict[str, Any]:
    return {
        "build_num": job.number,
        "status": job.status,
        "outcome": job.status if job.status in TERMINAL else None,
        "vcs_revision": job.workflow.pipeline.revision,
        "pushed_at": isoformat(job.workflow.pipeline.created_at),
        "added_at": isoformat(job.queued_at),
        "is_workflow_job": True,
        "is_2_0_job": True,
    }


def _branches(project: Project, state: State) -> dict[str, Any]:
    """``branches`` of a v1.1 project: per branch, recent, running and last non-success builds and workflows."""
    names = [project.default_branch]
    builds = state.builds(project)
    for job in builds:
        branch = job.workflow.pipeline.branch
        if branch is not None and branch not in names:
            names.append(branch)
    result: dict[str, Any] = {}
    for name in names:
        mine = [job for job in builds if job.workflow.pipeline.branch == name]
        entry: dict[str, Any] = {
            "pusher_logins": sorted({job.workflow.pipeline.actor.login for job in mine}),
            "recent_builds": [_branch_build(job) for job in mine[:5]],
            "running_builds": [_branch_build(job) for job in mine if job.status in ("queued", "running")],
            "latest_workflows": {},
        }
        failed = next((job for job in mine if job.status in ("failed", "canceled")), None)
        entry["last_non_success"] = None if failed is None else _branch_build(failed)
        succeeded = next((job for job in mine if job.status == "success"), None)
        entry["last_success"] = None if succeeded is None else _branch_build(succeeded)
        for job in reversed(mine):
            workflow = job.workflow
            entry["latest_workflows"][workflow.name] = {
                "id": workflow.id,
                "status": workflow.status,
                "created_at": isoformat(workflow.created_at),
            }
        result[name] = entry
    return result


def _key_view(key: CheckoutKey) -> dict[str, Any]:
    return {
        "public_key": key.public_key,
        "type": key.type,
        "fingerprint": key.fingerprint,
        "preferred": key.preferred,
        "time": isoformat(key.created_at),
    }


def _checkout_key(call: Call) -> CheckoutKey:
    return find(_project(call).checkout_keys, call.params["fingerprint"], "Checkout key not found")


def _env_var(call: Call) -> EnvVar:
    return find(_project(call).env_vars, call.params["name"], "Environment variable not found")


def me(call: Call) -> Reply:
    """``GET /me``"""
    user = call.state.user
    return Reply.json({"login": user.login, "name": user.name, "avatar_url": user.avatar_url, "admin": False})


def projects(call: Call) -> Reply:
    """``GET /projects``: with ``branches`` until 2026-12-07 (fake clock), unless ``shallow=true``."""
    full = call.query.get("shallow") != "true" and call.state.clock.now() < BRANCHES_REMOVED
    return Reply.json(
        [_project_view(p, call.state if full else None) for p in call.state.projects.values() if p.following]
    )


def follow(call: Call) -> Reply:
    """``POST /project/.../follow``"""
    project = _project(call)
    project.following = True
    return Reply.json(_project_view(project))


def build_summary(call: Call) -> Reply:
    """``GET /project/...[/tree/:branch]``"""
    return _builds(call, _project(call))


def recent_builds(call: Call) -> Reply:
    """``GET /recent-builds``"""
    return _builds(call, None)


def build_info(call: Call) -> Reply:
    """``GET /project/.../:build_num``"""
    return Reply.json(build_view(_build(call), call.root, call.state))


def artifacts(call: Call) -> Reply:
    """``GET /project/.../:build_num/artifacts``"""
    return _artifacts(call, _build(call))


def latest_artifacts(call: Call) -> Reply:
    """``GET /project/.../latest/artifacts``: the artifacts of the newest matching build."""
    status_filter = call.query.get("filter", "completed")
    if status_filter not in ("completed", "successful", "failed"):
        raise HttpError(400, f"Invalid filter: {status_filter}")
    branch = call.query.get("branch")
    for job in call.state.builds(_project(call)):
        if _FILTERS[status_filter](job) and branch in (None, job.workflow.pipeline.branch):
            if job.artifacts:
                return _artifacts(call, job)
            break
    raise HttpError(404, "Not found")


def tests(call: Call) -> Reply:
    """``GET /project/.../:build_num/tests``"""
    return Reply.json({"tests": _build(call).tests})


def _until_removed(call: Call) -> dict[str, str]:
    """The ``Deprecation``/``Sunset`` headers; from 2027-02-01 (fake clock) a 410 instead."""
    if call.state.clock.now() >= TRIGGERS_REMOVED:
        raise HttpError(410, GONE_MESSAGE)
    return SUNSET


def retry(call: Call) -> Reply:
    """``POST /project/.../:build_num/retry`` (and ``/ssh``); ``{"no-cache": "true"}`` skips the cache."""
    headers = _until_removed(call)
    build = call.state.retry_build(_build(call))
    build.no_dependency_cache = call.field("no-cache") in ("true", True)
    return Reply.json(build_view(build, call.root, call.state), headers=headers)


def cancel(call: Call) -> Reply:
    """``POST /project/.../:build_num/cancel``"""
    job = _build(call)
    call.state.cancel_job(job)
    return Reply.json(build_view(job, call.root, call.state))


def ssh_users(call: Call) -> Reply:
    """``POST /project/.../:build_num/ssh-users``"""
    return Reply.json(build_view(_build(call), call.root, call.state))


def trigger(call: Call) -> Reply:
    """``POST /project/...[/tree/:branch]``: a pipeline whose first build is answered.

    A ``CIRCLE_JOB`` build parameter runs only that job of the project's
    plan, as CircleCI did for v1.1 triggers.
    """
    headers = _until_removed(call)
    parameters = call.field("build_parameters")
    if parameters is not None and not isinstance(parameters, dict):
        raise HttpError(400, "build_parameters must be an object")
    project = _project(call)
    plan = None
    if parameters and "CIRCLE_JOB" in parameters:
        name = parameters["CIRCLE_JOB"]
        chosen = [job for workflow in project.plan for job in workflow.jobs if job.name == name]
        if not chosen:
            raise HttpError(400, f"Job '{name}' does not exist in the project's config")
        plan = [WorkflowPlan(str(name), [replace(chosen[0], requires=())])]
    pipeline = call.state.trigger(
        project,
        branch=call.params.get("branch"),
        tag=call.field("tag"),
        parameters=parameters,
        setup_delay=0,
        plan=plan,
    )
    builds = [job for workflow in pipeline.workflows for job in workflow.jobs if job.number is not None]
    if not builds:
        return Reply.json({"pipeline_id": pipeline.id, "message": "Pipeline created"}, headers=headers)
    return Reply.json(build_view(builds[0], call.root, call.state), headers=headers)


def add_ssh_key(call: Call) -> Reply:
    """``POST /project/.../ssh-key``"""
    key = call.field("private_key")
    if not isinstance(key, str) or not key:
        raise HttpError(400, "private_key is required")
    _project(call).ssh_keys[fingerprint(key)] = call.field("hostname")
    return Reply.json("")


def delete_ssh_key(call: Call) -> Reply:
    """``DELETE /project/.../ssh-key``"""
    _project(call).ssh_keys.pop(str(call.field("fingerprint")), None)
    return Reply()


def list_checkout_keys(call: Call) -> Reply:
    """``GET /project/.../checkout-key``"""
    return Reply.json([_key_view(key) for key in _project(call).checkout_keys.values()])


def create_checkout_key(call: Call) -> Reply:
    """``POST /project/.../checkout-key``"""
    key_type = call.field("type")
    if key_type not in ("deploy-key", "github-user-key"):
        raise HttpError(400, "type must be deploy-key or github-user-key")
    return Reply.json(_key_view(add_checkout_key(call, _project(call), key_type)))


def add_checkout_key(call: Call, project: Project, key_type: str) -> CheckoutKey:
    """Create a checkout key of a type on a project (v1.1 and v2 share it)."""
    public_key = f"ssh-rsa AAAAB3NzaC1yc2E{call.state.new_id().replace('-', '')} {key_type}"
    key = CheckoutKey(fingerprint(public_key), key_type, public_key, call.state.clock.now())
    project.checkout_keys[key.fingerprint] = key
    return key


def get_checkout_key(call: Call) -> Reply:
    """``GET /project/.../checkout-key/:fingerprint``"""
    return Reply.json(_key_view(_checkout_key(call)))


def delete_checkout_key(call: Call) -> Reply:
    """``DELETE /project/.../checkout-key/:fingerprint``"""
    del _project(call).checkout_keys[_checkout_key(call).fingerprint]
    return Reply.message("ok")


def clear_cache(call: Call) -> Reply:
    """``DELETE /project/.../build-cache``"""
    _project(call)
    return Reply.json({"status": "build caches deleted"})


def list_envvars(call: Call) -> Reply:
    """``GET /project/.../envvar``"""
    return Reply.json([{"name": v.name, "value": masked(v.value)} for v in _project(call).env_vars.values()])


def add_envvar(call: Call) -> Reply:
    """``POST /project/.../envvar``"""
    name, value = call.field("name"), call.field("value")
    if not isinstance(name, str) or not name or not isinstance(value, str):
        raise HttpError(400, "name and value are required strings")
    _project(call).env_vars[name] = EnvVar(name, value, call.state.clock.now())
    return Reply.json({"name": name, "value": masked(value)})


def get_envvar(call: Call) -> Reply:
    """``GET /project/.../envvar/:name``"""
    var = _env_var(call)
    return Reply.json({"name": var.name, "value": masked(var.value)})


def delete_envvar(call: Call) -> Reply:
    """``DELETE /project/.../envvar/:name``"""
    del _project(call).env_vars[_env_var(call).name]
    return Reply.message("ok")


def heroku_key(call: Call) -> Reply:
    """``POST /user/heroku-key``: accepted; CircleCI answers ``""``."""
    return Reply.json("")


def user_key(call: Call) -> Reply:
    """``POST /user/ssh-key``: accepted, nothing to show."""
    return Reply()


ROUTES = [
    Route("GET", PREFIX + "/me", me, "get_user_info"),
    Route("GET", PREFIX + "/projects", projects, "get_projects"),
    Route("GET", PREFIX + "/recent-builds", recent_builds, "get_recent_builds"),
    Route("POST", PREFIX + "/user/heroku-key", heroku_key, "add_heroku_key"),
    Route("POST", PREFIX + "/user/ssh-key", user_key, "add_user_ssh_key"),
    Route("POST", PROJECT + "/follow", follow, "follow_project"),
    Route("GET", PROJECT, build_summary, "get_project_build_summary"),
    Route("GET", PROJECT + "/tree/{branch}", build_summary, "get_project_build_summary"),
    Route("POST", PROJECT, trigger, "trigger_build"),
    Route("POST", PROJECT + "/tree/{branch}", trigger, "trigger_build"),
    Route("POST", PROJECT + "/build", trigger, "trigger_build"),
    Route("GET", PROJECT + "/latest/artifacts", latest_artifacts, "get_latest_artifact"),
    Route("GET", BUILD, build_info, "get_build_info"),
    Route("GET", BUILD + "/artifacts", artifacts, "get_artifacts"),
    Route("GET", BUILD + "/tests", tests, "get_test_metadata"),
    Route("POST", BUILD + "/retry", retry, "retry_build"),
    Route("POST", BUILD + "/ssh", retry, "retry_build"),
    Route("POST", BUILD + "/cancel", cancel, "cancel_build"),
    Route("POST", BUILD + "/ssh-users", ssh_users, "add_ssh_user"),
    Route("POST", PROJECT + "/ssh-key", add_ssh_key, "add_ssh_key"),
    Route("DELETE", PROJECT + "/ssh-key", delete_ssh_key, "delete_ssh_key"),
    Route("GET", PROJECT + "/checkout-key", list_checkout_keys, "list_checkout_keys"),
    Route("POST", PROJECT + "/checkout-key", create_checkout_key, "create_checkout_key"),
    Route("GET", PROJECT + "/checkout-key/{fingerprint}", get_checkout_key, "get_checkout_key"),
    Route("DELETE", PROJECT + "/checkout-key/{fingerprint}", delete_checkout_key, "delete_checkout_key"),
    Route("DELETE", PROJECT + "/build-cache", clear_cache, "clear_cache"),
    Route("GET", PROJECT + "/envvar", list_envvars, "list_envvars"),
    Route("POST", PROJECT + "/envvar", add_envvar, "add_envvar"),
    Route("GET", PROJECT + "/envvar/{name}", get_envvar, "get_envvar"),
    Route("DELETE", PROJECT + "/envvar/{name}", delete_envvar, "delete_envvar"),
]
"""Every v1.1 route, named after the :class:`~circleci.api.Api` method that calls it."""
