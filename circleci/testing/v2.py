"""The API v2 routes, with CircleCI's paths and the spec's response shapes.

Each route is named after its ``operationId``; request bodies are checked
against the spec by the server before a handler runs.
"""

from __future__ import annotations

from typing import Any, Optional

from ._spec import OPERATIONS
from .clock import isoformat, isoformat_seconds
from .routing import Call, HttpError, Reply, Route, compile_template, page
from .state import (
    APP_VCS,
    CheckoutKey,
    Context,
    EnvVar,
    Job,
    Pipeline,
    Project,
    Schedule,
    User,
    Workflow,
    find,
    timetable_error,
)
from .v1 import add_checkout_key, artifact_url, masked

__all__ = ["ROUTES", "project_view", "unimplemented"]

PREFIX = "/api/v2"
PROJECT = PREFIX + "/project/{project_slug:slug}"
ACCEPTED = "Accepted."
_PROVIDERS = {"gh": "GitHub", "bb": "Bitbucket", "circleci": "CircleCI", "gitlab": "CircleCI"}
_VCS_NAMES = {"gh": "GitHub", "bb": "Bitbucket", "circleci": "GitHub", "gitlab": "GitLab"}


# -- views ------------------------------------------------------------------


def _user(user: User) -> dict[str, Any]:
    return {"id": user.id, "login": user.login, "name": user.name, "avatar_url": user.avatar_url}


def project_view(project: Project) -> dict[str, Any]:
    """A project as ``getProjectBySlug`` answers it."""
    return {
        "slug": project.slug,
        "name": project.name,
        "id": project.id,
        "organization_name": project.org,
        "organization_slug": project.org_slug,
        "organization_id": project.org_id,
        "vcs_info": {
            "vcs_url": project.vcs_url,
            "provider": _PROVIDERS[project.vcs],
            "default_branch": project.default_branch,
        },
    }


def _pipeline(pipeline: Pipeline) -> dict[str, Any]:
    project = pipeline.project
    vcs: dict[str, Any] = {
        "provider_name": _VCS_NAMES[project.vcs],
        "origin_repository_url": project.vcs_url,
        "target_repository_url": project.vcs_url,
        "revision": pipeline.revision,
        "commit": {"subject": f"Change {pipeline.number}", "body": ""},
    }
    vcs.update({key: value for key, value in (("branch", pipeline.branch), ("tag", pipeline.tag)) if value})
    return {
        "id": pipeline.id,
        "errors": pipeline.errors,
        "warnings": [],
        "project_slug": project.slug,
        "number": pipeline.number,
        "state": pipeline.state,
        "created_at": isoformat(pipeline.created_at),
        "updated_at": isoformat(pipeline.setup_at if pipeline.workflows else pipeline.created_at),
        "trigger_parameters": pipeline.parameters,
        "trigger": {
            "type": pipeline.trigger_type,
            "received_at": isoformat(pipeline.created_at),
            "actor": {"login": pipeline.actor.login, "avatar_url": pipeline.actor.avatar_url},
        },
        "vcs": vcs,
    }


def _workflow(workflow: Workflow) -> dict[str, Any]:
    pipeline = workflow.pipeline
    view = {
        "id": workflow.id,
        "name": workflow.name,
        "pipeline_id": pipeline.id,
        "pipeline_number": pipeline.number,
        "project_slug": pipeline.project.slug,
        "status": workflow.status,
        "started_by": pipeline.actor.id,
        "created_at": isoformat_seconds(workflow.created_at),
        "stopped_at": isoformat_seconds(workflow.stopped_at),
    }
    return _with(view, canceled_by=workflow.canceled_by)


def _workflow_job(job: Job) -> dict[str, Any]:
    view = {
        "id": job.id,
        "name": job.name,
        "type": job.plan.type,
        "status": job.status,
        "project_slug": job.project.slug,
        "dependencies": [dep.id for dep in job.requires],
        "started_at": isoformat(job.started_at),
    }
    return _with(
        view,
        job_number=job.number,
        stopped_at=isoformat(job.stopped_at),
        approved_by=job.approved_by,
        canceled_by=job.canceled_by,
        approval_request_id=job.id if job.plan.type == "approval" else None,
    )


def _job_details(job: Job, root: str) -> dict[str, Any]:
    project, finished = job.project, job.stopped_at is not None and job.started_at is not None
    return {
        "number": job.number,
        "name": job.name,
        "status": job.status,
        "web_url": f"{root}/{project.slug}/{job.number}",
        "project": {"id": project.id, "slug": project.slug, "name": project.name, "external_url": project.vcs_url},
        "organization": {"name": project.org},
        "pipeline": {"id": job.workflow.pipeline.id},
        "latest_workflow": {"id": job.workflow.id, "name": job.workflow.name},
        "parallelism": 1,
        "parallel_runs": [{"index": 0, "status": job.status}],
        "executor": {"resource_class": "medium", "type": "docker"},
        "contexts": [],
        "messages": [],
        "created_at": isoformat(job.queued_at),
        "queued_at": isoformat(job.queued_at),
        "started_at": isoformat(job.started_at),
        "stopped_at": isoformat(job.stopped_at),
        "duration": int(((job.stopped_at or 0) - (job.started_at or 0)) * 1000) if finished else None,
    }


def _env_var(var: EnvVar) -> dict[str, Any]:
    return {"name": var.name, "value": masked(var.value), "created-at": isoformat(var.created_at)}


def _checkout_key(key: CheckoutKey) -> dict[str, Any]:
    return {
        "public-key": key.public_key,
        "type": key.type,
        "fingerprint": key.fingerprint,
        "preferred": key.preferred,
        "created-at": isoformat(key.created_at),
    }


def _context(context: Context) -> dict[str, Any]:
    return {"id": context.id, "name": context.name, "created_at": isoformat(context.created_at)}


def _context_var(context: Context, name: str) -> dict[str, Any]:
    _, created, updated = context.variables[name]
    return {
        "variable": name,
        "context_id": context.id,
        "created_at": isoformat(created),
        "updated_at": isoformat(updated),
    }


def _schedule(schedule: Schedule) -> dict[str, Any]:
    return {
        "id": schedule.id,
        "name": schedule.name,
        "description": schedule.description,
        "project-slug": schedule.project.slug,
        "timetable": schedule.timetable,
        "parameters": schedule.parameters,
        "actor": _user(schedule.actor),
        "created-at": isoformat(schedule.created_at),
        "updated-at": isoformat(schedule.updated_at),
    }


def _with(view: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """The view plus the optional fields that have a value (the spec has no nulls for them)."""
    view.update({key: value for key, value in optional.items() if value is not None})
    return view


def _paged(call: Call, items: list[Any]) -> Reply:
    return Reply.json(page(items, call.query.get("page-token"), call.state.page_size))


# -- lookups ----------------------------------------------------------------


def _slug_project(call: Call) -> Project:
    return call.state.project(call.params["project_slug"])


def _numbered_job(call: Call) -> Job:
    return call.state.job_by_number(_slug_project(call), int(call.params["job_number"]))


def _project_pipelines(call: Call, project: Optional[Project]) -> list[Pipeline]:
    pipelines = [p for p in call.state.pipelines.values() if project is None or p.project is project]
    return sorted(pipelines, key=lambda p: (p.created_at, p.number), reverse=True)


# -- user and project -------------------------------------------------------


def get_current_user(call: Call) -> Reply:
    """``GET /me``"""
    return Reply.json(_user(call.state.user))


def get_collaborations(call: Call) -> Reply:
    """``GET /me/collaborations``: one entry per organization."""
    return Reply.json(
        [
            {
                "id": org.id,
                "vcs-type": org.vcs_type,
                "name": org.name,
                "slug": org.slug,
                "avatar_url": f"https://avatars.example.com/{org.name}",
            }
            for org in call.state.orgs.values()
        ]
    )


def get_user(call: Call) -> Reply:
    """``GET /user/{id}``"""
    return Reply.json(_user(find(call.state.users, call.params["id"], "User not found")))


def get_project_by_slug(call: Call) -> Reply:
    """``GET /project/{project-slug}``"""
    return Reply.json(project_view(_slug_project(call)))


# -- pipelines --------------------------------------------------------------


def list_pipelines(call: Call) -> Reply:
    """``GET /pipeline``, optionally for one ``org-slug``."""
    org_slug = call.query.get("org-slug")
    pipelines = _project_pipelines(call, None)
    if org_slug is not None:
        pipelines = [p for p in pipelines if p.project.org_slug == org_slug]
    return _paged(call, [_pipeline(p) for p in pipelines])


def list_pipelines_for_project(call: Call) -> Reply:
    """``GET /project/{project-slug}/pipeline``, optionally for one ``branch``."""
    branch = call.query.get("branch")
    pipelines = [p for p in _project_pipelines(call, _slug_project(call)) if branch in (None, p.branch)]
    return _paged(call, [_pipeline(p) for p in pipelines])


def list_my_pipelines(call: Call) -> Reply:
    """``GET /project/{project-slug}/pipeline/mine``"""
    pipelines = _project_pipelines(call, _slug_project(call))
    return _paged(call, [_pipeline(p) for p in pipelines if p.actor is call.state.user])


def trigger_pipeline(call: Call) -> Reply:
    """``POST /project/{project-slug}/pipeline``"""
    if call.field("branch") is not None and call.field("tag") is not None:
        raise HttpError(400, "branch and tag are mutually exclusive")
    project = _slug_project(call)
    if project.vcs in APP_VCS:
        raise HttpError(
            400, "triggerPipeline is not available for GitHub App and GitLab projects: use triggerPipelineRun"
        )
    return _created(_trigger(call, project, call.field("branch"), call.field("tag")))


def _trigger(call: Call, project: Project, branch: Optional[str], tag: Optional[str]) -> Pipeline:
    try:
        return call.state.trigger(project, branch=branch, tag=tag, parameters=call.field("parameters"))
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None


def trigger_pipeline_run(call: Call) -> Reply:
    """``POST /project/{provider}/{organization}/{project}/pipeline/run``"""
    slug = f"{call.params['provider']}/{call.params['organization']}/{call.params['project']}"
    checkout = call.field("checkout") or {}
    config = call.field("config") or {}
    branch, tag = checkout.get("branch", config.get("branch")), checkout.get("tag", config.get("tag"))
    if branch is not None and tag is not None:
        raise HttpError(400, "branch and tag are mutually exclusive")
    return _created(_trigger(call, call.state.project(slug), branch, tag))


def _created(pipeline: Pipeline) -> Reply:
    body = {
        "id": pipeline.id,
        "state": "pending",
        "number": pipeline.number,
        "created_at": isoformat(pipeline.created_at),
    }
    return Reply.json(body, 201)


def get_pipeline_by_id(call: Call) -> Reply:
    """``GET /pipeline/{pipeline-id}``"""
    return Reply.json(_pipeline(call.state.pipeline(call.params["pipeline_id"])))


def get_pipeline_by_number(call: Call) -> Reply:
    """``GET /project/{project-slug}/pipeline/{pipeline-number}``"""
    number = int(call.params["pipeline_number"])
    for pipeline in _project_pipelines(call, _slug_project(call)):
        if pipeline.number == number:
            return Reply.json(_pipeline(pipeline))
    raise HttpError(404, "Pipeline not found")


def get_pipeline_config(call: Call) -> Reply:
    """``GET /pipeline/{pipeline-id}/config``: a config that lists the pipeline's workflows and jobs."""
    pipeline = call.state.pipeline(call.params["pipeline_id"])
    lines = ["version: 2.1", "workflows:"]
    for plan in pipeline.plan:
        lines += [f"  {plan.name}:", "    jobs:"] + [f"      - {job.name}" for job in plan.jobs]
    source = "\n".join(lines) + "\n"
    return Reply.json({"source": source, "compiled": source})


def get_pipeline_values(call: Call) -> Reply:
    """``GET /pipeline/{pipeline-id}/values``"""
    pipeline = call.state.pipeline(call.params["pipeline_id"])
    values = {
        "pipeline.id": pipeline.id,
        "pipeline.number": pipeline.number,
        "pipeline.project.git_url": pipeline.project.vcs_url,
        "pipeline.git.revision": pipeline.revision,
        "pipeline.git.branch": pipeline.branch or "",
        "pipeline.git.tag": pipeline.tag or "",
        "pipeline.trigger_source": pipeline.trigger_type,
    }
    return Reply.json(values)


def list_workflows_by_pipeline_id(call: Call) -> Reply:
    """``GET /pipeline/{pipeline-id}/workflow``"""
    pipeline = call.state.pipeline(call.params["pipeline_id"])
    return _paged(call, [_workflow(w) for w in pipeline.workflows])


# -- workflows --------------------------------------------------------------


def get_workflow_by_id(call: Call) -> Reply:
    """``GET /workflow/{id}``"""
    return Reply.json(_workflow(call.state.workflow(call.params["id"])))


def list_workflow_jobs(call: Call) -> Reply:
    """``GET /workflow/{id}/job``"""
    return _paged(call, [_workflow_job(job) for job in call.state.workflow(call.params["id"]).jobs])


def cancel_workflow(call: Call) -> Reply:
    """``POST /workflow/{id}/cancel``"""
    call.state.cancel_workflow(call.state.workflow(call.params["id"]))
    return Reply.message(ACCEPTED, 202)


def approve_pending_approval_job(call: Call) -> Reply:
    """``POST /workflow/{id}/approve/{approval_request_id}``"""
    call.state.approve(call.state.workflow(call.params["id"]), call.params["approval_request_id"])
    return Reply.message(ACCEPTED, 202)


def rerun_workflow(call: Call) -> Reply:
    """``POST /workflow/{id}/rerun``"""
    workflow = call.state.workflow(call.params["id"])
    job_ids = call.field("jobs") or []
    from_failed, ssh = bool(call.field("from_failed")), bool(call.field("enable_ssh"))
    if job_ids and from_failed:
        raise HttpError(400, "jobs and from_failed are mutually exclusive")
    if ssh and not job_ids:
        raise HttpError(400, "enable_ssh requires jobs")
    unknown = set(job_ids) - {job.id for job in workflow.jobs}
    if unknown:
        raise HttpError(400, f"Jobs not in this workflow: {', '.join(sorted(unknown))}")
    if workflow.stopped_at is None:
        raise HttpError(400, "Cannot rerun a workflow that is still running.")
    rerun = call.state.rerun(workflow, from_failed=from_failed, jobs=job_ids, ssh=ssh)
    return Reply.json({"workflow_id": rerun.id}, 202)


# -- jobs -------------------------------------------------------------------


def get_job_details(call: Call) -> Reply:
    """``GET /project/{project-slug}/job/{job-number}``"""
    return Reply.json(_job_details(_numbered_job(call), call.root))


def cancel_job_by_number(call: Call) -> Reply:
    """``POST /project/{project-slug}/job/{job-number}/cancel``"""
    call.state.cancel_job(_numbered_job(call))
    return Reply.message("Job canceled.")


def cancel_job_by_id(call: Call) -> Reply:
    """``POST /jobs/{job-id}/cancel``"""
    call.state.cancel_job(call.state.job(call.params["job_id"]))
    return Reply.message("Job canceled.")


def get_job_artifacts(call: Call) -> Reply:
    """``GET /project/{project-slug}/{job-number}/artifacts``"""
    job = _numbered_job(call)
    items = [
        {"path": a.path, "node_index": a.node_index, "url": artifact_url(call.root, job, a)} for a in job.artifacts
    ]
    return _paged(call, items)


def get_tests(call: Call) -> Reply:
    """``GET /project/{project-slug}/{job-number}/tests``"""
    return _paged(call, _numbered_job(call).tests)


# -- project settings -------------------------------------------------------


def list_env_vars(call: Call) -> Reply:
    """``GET /project/{project-slug}/envvar``"""
    return _paged(call, [_env_var(var) for var in _slug_project(call).env_vars.values()])


def create_env_var(call: Call) -> Reply:
    """``POST /project/{project-slug}/envvar``"""
    var = EnvVar(call.field("name"), call.field("value"), call.state.clock.now())
    _slug_project(call).env_vars[var.name] = var
    return Reply.json(_env_var(var), 201)


def _project_env_var(call: Call) -> EnvVar:
    return find(_slug_project(call).env_vars, call.params["name"], "Environment variable not found.")


def get_env_var(call: Call) -> Reply:
    """``GET /project/{project-slug}/envvar/{name}``"""
    return Reply.json(_env_var(_project_env_var(call)))


def delete_env_var(call: Call) -> Reply:
    """``DELETE /project/{project-slug}/envvar/{name}``"""
    del _slug_project(call).env_vars[_project_env_var(call).name]
    return Reply.message("Environment variable deleted.")


def list_checkout_keys(call: Call) -> Reply:
    """``GET /project/{project-slug}/checkout-key``"""
    return _paged(call, [_checkout_key(key) for key in _slug_project(call).checkout_keys.values()])


def create_checkout_key(call: Call) -> Reply:
    """``POST /project/{project-slug}/checkout-key``; a ``user-key`` is stored as ``github-user-key``."""
    key_type = {"user-key": "github-user-key"}.get(call.field("type"), "deploy-key")
    return Reply.json(_checkout_key(add_checkout_key(call, _slug_project(call), key_type)), 201)


def _project_checkout_key(call: Call) -> CheckoutKey:
    return find(_slug_project(call).checkout_keys, call.params["fingerprint"], "Checkout key not found.")


def get_checkout_key(call: Call) -> Reply:
    """``GET /project/{project-slug}/checkout-key/{fingerprint}``"""
    return Reply.json(_checkout_key(_project_checkout_key(call)))


def delete_checkout_key(call: Call) -> Reply:
    """``DELETE /project/{project-slug}/checkout-key/{fingerprint}``"""
    del _slug_project(call).checkout_keys[_project_checkout_key(call).fingerprint]
    return Reply.message("Checkout key deleted.")


# -- contexts ---------------------------------------------------------------


def _owner_id(call: Call, owner: dict[str, Any]) -> str:
    """The organization id of a context owner given by ``id`` or by ``slug`` (``gh/org``)."""
    try:
        return call.state.org(owner.get("id") or owner.get("slug") or "").id
    except LookupError:
        raise HttpError(404, "Organization not found") from None


def list_contexts(call: Call) -> Reply:
    """``GET /context``, for the owner given by ``owner-id`` or ``owner-slug`` (one is required)."""
    owner = {"id": call.query.get("owner-id"), "slug": call.query.get("owner-slug")}
    if not (owner["id"] or owner["slug"]):
        raise HttpError(400, "Either owner-id or owner-slug is required.")
    owner_id = _owner_id(call, owner)
    return _paged(call, [_context(c) for c in call.state.contexts.values() if c.owner_id == owner_id])


def create_context(call: Call) -> Reply:
    """``POST /context``"""
    owner_id = _owner_id(call, call.field("owner"))
    context = Context(call.state.new_id(), call.field("name"), owner_id, call.state.clock.now())
    call.state.contexts[context.id] = context
    return Reply.json(_context(context))


def get_context(call: Call) -> Reply:
    """``GET /context/{context_id}``"""
    return Reply.json(_context(call.state.context(call.params["context_id"])))


def delete_context(call: Call) -> Reply:
    """``DELETE /context/{context_id}``"""
    del call.state.contexts[call.state.context(call.params["context_id"]).id]
    return Reply.message("Context deleted.")


def list_context_variables(call: Call) -> Reply:
    """``GET /context/{context_id}/environment-variable``"""
    context = call.state.context(call.params["context_id"])
    return _paged(call, [_context_var(context, name) for name in context.variables])


def add_context_variable(call: Call) -> Reply:
    """``PUT /context/{context_id}/environment-variable/{env_var_name}``: create or replace."""
    context, name, now = (
        call.state.context(call.params["context_id"]),
        call.params["env_var_name"],
        call.state.clock.now(),
    )
    created = context.variables[name][1] if name in context.variables else now
    context.variables[name] = (call.field("value"), created, now)
    return Reply.json(_context_var(context, name))


def delete_context_variable(call: Call) -> Reply:
    """``DELETE /context/{context_id}/environment-variable/{env_var_name}``"""
    context = call.state.context(call.params["context_id"])
    if context.variables.pop(call.params["env_var_name"], None) is None:
        raise HttpError(404, "Environment variable not found.")
    return Reply.message("Environment variable deleted.")


# -- schedules --------------------------------------------------------------


def list_schedules(call: Call) -> Reply:
    """``GET /project/{project-slug}/schedule``"""
    project = _slug_project(call)
    return _paged(call, [_schedule(s) for s in call.state.schedules.values() if s.project is project])


def _check_schedule_parameters(project: Project, parameters: dict[str, Any]) -> None:
    if "branch" not in parameters and "tag" not in parameters:
        raise HttpError(400, "parameters must contain branch or tag")
    try:
        project.check_parameters({k: v for k, v in parameters.items() if k not in ("branch", "tag")})
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None


def _check_timetable(timetable: Any) -> None:
    problem = timetable_error(timetable)
    if problem:
        raise HttpError(400, f"Invalid timetable: {problem}")


def create_schedule(call: Call) -> Reply:
    """``POST /project/{project-slug}/schedule``: ``per-hour`` from 1 to 60, valid hours and days."""
    _check_schedule_parameters(_slug_project(call), call.field("parameters"))
    _check_timetable(call.field("timetable"))
    actor = call.state.user
    if call.field("attribution-actor") == "system":
        actor = _system_actor(call)
    now = call.state.clock.now()
    schedule = Schedule(
        id=call.state.new_id(),
        project=_slug_project(call),
        name=call.field("name"),
        timetable=call.field("timetable"),
        parameters=call.field("parameters"),
        actor=actor,
        created_at=now,
        updated_at=now,
        description=call.field("description"),
    )
    call.state.schedules[schedule.id] = schedule
    return Reply.json(_schedule(schedule), 201)


def _system_actor(call: Call) -> User:
    """CircleCI's ``system`` actor, the one scheduled runs of ``attribution-actor: system`` carry."""
    for user in call.state.users.values():
        if user.login == "system-actor":
            return user
    return call.state.add_user("system-actor", "Scheduled")


def get_schedule(call: Call) -> Reply:
    """``GET /schedule/{schedule-id}``"""
    return Reply.json(_schedule(call.state.schedule(call.params["schedule_id"])))


def update_schedule(call: Call) -> Reply:
    """``PATCH /schedule/{schedule-id}``: change the fields given."""
    schedule = call.state.schedule(call.params["schedule_id"])
    if call.field("parameters") is not None:
        _check_schedule_parameters(schedule.project, call.field("parameters"))
    if call.field("timetable") is not None:
        _check_timetable(call.field("timetable"))
    if call.field("attribution-actor") is not None:
        schedule.actor = _system_actor(call) if call.field("attribution-actor") == "system" else call.state.user
    for name in ("name", "timetable", "parameters", "description"):
        if call.field(name) is not None:
            setattr(schedule, name, call.field(name))
    schedule.updated_at = call.state.clock.now()
    return Reply.json(_schedule(schedule))


def delete_schedule(call: Call) -> Reply:
    """``DELETE /schedule/{schedule-id}``"""
    del call.state.schedules[call.state.schedule(call.params["schedule_id"]).id]
    return Reply.message("Schedule deleted.")


ROUTES = [
    Route("GET", PREFIX + "/me", get_current_user, "getCurrentUser"),
    Route("GET", PREFIX + "/me/collaborations", get_collaborations, "getCollaborations"),
    Route("GET", PREFIX + "/user/{id}", get_user, "getUser"),
    Route("GET", PREFIX + "/pipeline", list_pipelines, "listPipelines"),
    Route("GET", PREFIX + "/pipeline/{pipeline_id}", get_pipeline_by_id, "getPipelineById"),
    Route("GET", PREFIX + "/pipeline/{pipeline_id}/config", get_pipeline_config, "getPipelineConfigById"),
    Route("GET", PREFIX + "/pipeline/{pipeline_id}/values", get_pipeline_values, "getPipelineValuesById"),
    Route(
        "GET", PREFIX + "/pipeline/{pipeline_id}/workflow", list_workflows_by_pipeline_id, "listWorkflowsByPipelineId"
    ),
    Route("GET", PROJECT, get_project_by_slug, "getProjectBySlug"),
    Route("GET", PROJECT + "/pipeline", list_pipelines_for_project, "listPipelinesForProject"),
    Route("POST", PROJECT + "/pipeline", trigger_pipeline, "triggerPipeline"),
    Route("GET", PROJECT + "/pipeline/mine", list_my_pipelines, "listMyPipelines"),
    Route("GET", PROJECT + "/pipeline/{pipeline_number:int}", get_pipeline_by_number, "getPipelineByNumber"),
    Route(
        "POST",
        PREFIX + "/project/{provider}/{organization}/{project}/pipeline/run",
        trigger_pipeline_run,
        "triggerPipelineRun",
    ),
    Route("GET", PREFIX + "/workflow/{id}", get_workflow_by_id, "getWorkflowById"),
    Route("GET", PREFIX + "/workflow/{id}/job", list_workflow_jobs, "listWorkflowJobs"),
    Route("POST", PREFIX + "/workflow/{id}/cancel", cancel_workflow, "cancelWorkflow"),
    Route("POST", PREFIX + "/workflow/{id}/rerun", rerun_workflow, "rerunWorkflow"),
    Route(
        "POST",
        PREFIX + "/workflow/{id}/approve/{approval_request_id}",
        approve_pending_approval_job,
        "approvePendingApprovalJobById",
    ),
    Route("GET", PROJECT + "/job/{job_number:int}", get_job_details, "getJobDetails"),
    Route("POST", PROJECT + "/job/{job_number:int}/cancel", cancel_job_by_number, "cancelJobByJobNumber"),
    Route("POST", PREFIX + "/jobs/{job_id}/cancel", cancel_job_by_id, "cancelJobByJobID"),
    Route("GET", PROJECT + "/{job_number:int}/artifacts", get_job_artifacts, "getJobArtifacts"),
    Route("GET", PROJECT + "/{job_number:int}/tests", get_tests, "getTests"),
    Route("GET", PROJECT + "/envvar", list_env_vars, "listEnvVars"),
    Route("POST", PROJECT + "/envvar", create_env_var, "createEnvVar"),
    Route("GET", PROJECT + "/envvar/{name}", get_env_var, "getEnvVar"),
    Route("DELETE", PROJECT + "/envvar/{name}", delete_env_var, "deleteEnvVar"),
    Route("GET", PROJECT + "/checkout-key", list_checkout_keys, "listCheckoutKeys"),
    Route("POST", PROJECT + "/checkout-key", create_checkout_key, "createCheckoutKey"),
    Route("GET", PROJECT + "/checkout-key/{fingerprint}", get_checkout_key, "getCheckoutKey"),
    Route("DELETE", PROJECT + "/checkout-key/{fingerprint}", delete_checkout_key, "deleteCheckoutKey"),
    Route("GET", PREFIX + "/context", list_contexts, "listContexts"),
    Route("POST", PREFIX + "/context", create_context, "createContext"),
    Route("GET", PREFIX + "/context/{context_id}", get_context, "getContext"),
    Route("DELETE", PREFIX + "/context/{context_id}", delete_context, "deleteContext"),
    Route(
        "GET",
        PREFIX + "/context/{context_id}/environment-variable",
        list_context_variables,
        "listEnvironmentVariablesFromContext",
    ),
    Route(
        "PUT",
        PREFIX + "/context/{context_id}/environment-variable/{env_var_name}",
        add_context_variable,
        "addEnvironmentVariableToContext",
    ),
    Route(
        "DELETE",
        PREFIX + "/context/{context_id}/environment-variable/{env_var_name}",
        delete_context_variable,
        "deleteEnvironmentVariableFromContext",
    ),
    Route("GET", PROJECT + "/schedule", list_schedules, "listSchedulesForProject"),
    Route("POST", PROJECT + "/schedule", create_schedule, "createSchedule"),
    Route("GET", PREFIX + "/schedule/{schedule_id}", get_schedule, "getScheduleById"),
    Route("PATCH", PREFIX + "/schedule/{schedule_id}", update_schedule, "updateSchedule"),
    Route("DELETE", PREFIX + "/schedule/{schedule_id}", delete_schedule, "deleteScheduleById"),
]
"""The v2 routes the fake implements, each named after its ``operationId``."""

_SPEC_OPERATIONS = [(verb, compile_template(PREFIX + path), operation_id) for operation_id, verb, path in OPERATIONS]


def unimplemented(verb: str, path: str) -> Optional[str]:
    """The ``operationId`` of a spec operation that the fake does not implement, if the request is for one."""
    for spec_verb, pattern, operation_id in _SPEC_OPERATIONS:
        if spec_verb == verb and pattern.fullmatch(path):
            return operation_id
    return None
