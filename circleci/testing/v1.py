"""The API v1.1 routes: every endpoint :class:`~circleci.api.Api` calls."""

from __future__ import annotations

from typing import Any, Callable, Optional
from urllib.parse import quote

from .clock import isoformat
from .routing import Call, HttpError, Reply, Route
from .state import TERMINAL, Artifact, CheckoutKey, EnvVar, Job, Project, find, fingerprint

__all__ = ["ROUTES", "artifact_url", "build_view", "masked"]

PREFIX = "/api/v1.1"
PROJECT = PREFIX + "/project/{vcs}/{username}/{project}"
BUILD = PROJECT + "/{build_num:int}"
SUNSET = {"Deprecation": "true", "Sunset": "Mon, 01 Feb 2027 00:00:00 GMT"}
"""Headers CircleCI sends on the v1.1 trigger and retry endpoints until it removes them."""
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


def build_view(job: Job, root: str) -> dict[str, Any]:
    """A numbered job as a v1.1 build."""
    project, pipeline = job.project, job.workflow.pipeline
    finished = job.status in TERMINAL
    duration = (
        None if job.stopped_at is None or job.started_at is None else int((job.stopped_at - job.started_at) * 1000)
    )
    return {
        "build_num": job.number,
        "build_url": f"{root}/{project.slug}/{job.number}",
        "status": job.status,
        "lifecycle": "finished" if finished else job.status,
        "outcome": job.status if finished else None,
        "username": project.org,
        "reponame": project.name,
        "vcs_type": _VCS_NAMES[project.vcs],
        "vcs_url": project.vcs_url,
        "branch": pipeline.branch,
        "vcs_tag": pipeline.tag,
        "vcs_revision": pipeline.revision,
        "subject": f"Change {pipeline.number}",
        "committer_name": pipeline.actor.name,
        "committer_email": f"{pipeline.actor.login}@example.com",
        "why": pipeline.trigger_type,
        "queued_at": isoformat(job.queued_at),
        "start_time": isoformat(job.started_at),
        "stop_time": isoformat(job.stopped_at),
        "build_time_millis": duration,
        "build_parameters": pipeline.parameters,
        "workflows": {
            "job_id": job.id,
            "job_name": job.name,
            "workflow_id": job.workflow.id,
            "workflow_name": job.workflow.name,
            "upstream_job_ids": [dep.id for dep in job.requires],
        },
        "steps": [],
        "messages": [],
    }


def _project(call: Call) -> Project:
    return call.state.project(f"{call.params['vcs']}/{call.params['username']}/{call.params['project']}")


def _build(call: Call) -> Job:
    return call.state.job_by_number(_project(call), int(call.params["build_num"]))


def _number(call: Call, name: str, default: int) -> int:
    value = call.query.get(name, str(default))
    if not value.isdigit():
        raise HttpError(400, f"{name} must be a non-negative integer")
    return int(value)


def _builds(call: Call, project: Optional[Project]) -> Reply:
    status_filter = call.query.get("filter")
    if status_filter is not None and status_filter not in _FILTERS:
        raise HttpError(400, f"Invalid filter: {status_filter}")
    builds = [
        job
        for job in call.state.builds(project)
        if (status_filter is None or _FILTERS[status_filter](job))
        and ("branch" not in call.params or job.workflow.pipeline.branch == call.params["branch"])
    ]
    offset, limit = _number(call, "offset", 0), min(_number(call, "limit", 30), 100)
    return Reply.json([build_view(job, call.root) for job in builds[offset : offset + limit]])


def _artifacts(call: Call, job: Job) -> Reply:
    return Reply.json(
        [
            {"path": a.path, "pretty_path": a.path, "node_index": a.node_index, "url": artifact_url(call.root, job, a)}
            for a in job.artifacts
        ]
    )


def _project_view(project: Project) -> dict[str, Any]:
    return {
        "vcs_url": project.vcs_url,
        "vcs_type": _VCS_NAMES[project.vcs],
        "username": project.org,
        "reponame": project.name,
        "following": project.following,
        "default_branch": project.default_branch,
        "branches": {project.default_branch: {}},
    }


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
    """``GET /projects``"""
    return Reply.json([_project_view(p) for p in call.state.projects.values() if p.following])


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
    return Reply.json(build_view(_build(call), call.root))


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


def retry(call: Call) -> Reply:
    """``POST /project/.../:build_num/retry`` (and ``/ssh``)"""
    return Reply.json(build_view(call.state.retry_build(_build(call)), call.root), headers=SUNSET)


def cancel(call: Call) -> Reply:
    """``POST /project/.../:build_num/cancel``"""
    job = _build(call)
    call.state.cancel_job(job)
    return Reply.json(build_view(job, call.root))


def ssh_users(call: Call) -> Reply:
    """``POST /project/.../:build_num/ssh-users``"""
    return Reply.json(build_view(_build(call), call.root))


def trigger(call: Call) -> Reply:
    """``POST /project/...[/tree/:branch]``: a pipeline whose first build is answered."""
    parameters = call.field("build_parameters")
    if parameters is not None and not isinstance(parameters, dict):
        raise HttpError(400, "build_parameters must be an object")
    pipeline = call.state.trigger(
        _project(call),
        branch=call.params.get("branch"),
        tag=call.field("tag"),
        parameters=parameters,
        setup_delay=0,
    )
    builds = [job for workflow in pipeline.workflows for job in workflow.jobs if job.number is not None]
    if not builds:
        return Reply.json({"pipeline_id": pipeline.id, "message": "Pipeline created"}, headers=SUNSET)
    return Reply.json(build_view(builds[0], call.root), headers=SUNSET)


def add_ssh_key(call: Call) -> Reply:
    """``POST /project/.../ssh-key``"""
    key = call.field("private_key")
    if not isinstance(key, str) or not key:
        raise HttpError(400, "private_key is required")
    _project(call).ssh_keys[fingerprint(key)] = call.field("hostname")
    return Reply()


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
    return Reply.message("OK")


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
    return Reply.message("OK")


def user_key(call: Call) -> Reply:
    """``POST /user/heroku-key`` and ``POST /user/ssh-key``: accepted, nothing to show."""
    return Reply()


ROUTES = [
    Route("GET", PREFIX + "/me", me, "get_user_info"),
    Route("GET", PREFIX + "/projects", projects, "get_projects"),
    Route("GET", PREFIX + "/recent-builds", recent_builds, "get_recent_builds"),
    Route("POST", PREFIX + "/user/heroku-key", user_key, "add_heroku_key"),
    Route("POST", PREFIX + "/user/ssh-key", user_key, "add_user_ssh_key"),
    Route("POST", PROJECT + "/follow", follow, "follow_project"),
    Route("GET", PROJECT, build_summary, "get_project_build_summary"),
    Route("GET", PROJECT + "/tree/{branch}", build_summary, "get_project_build_summary"),
    Route("POST", PROJECT, trigger, "trigger_build"),
    Route("POST", PROJECT + "/tree/{branch}", trigger, "trigger_build"),
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
