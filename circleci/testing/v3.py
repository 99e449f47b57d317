"""The API v3 routes of FakeCircleCI, for the same state it serves v1.1 and v2 from.

A v2 pipeline is a v3 *run*, its workflows and jobs are v3 workflows and
jobs (same ids), and a job's steps and their output come from its plan
(:attr:`JobPlan.steps <circleci.testing.state.JobPlan.steps>`, or
:func:`~circleci.testing.state.default_steps`). Projects, organizations,
contexts and environment variables are the shared ones; what only v3 has
(pipeline definitions, triggers, settings, orbs, runners, ...) lives in a
:class:`~circleci.testing.v3_base.V3Store`.

As ``spec/v3-reference.md`` asks of a fake: the token must come as
``Authorization: Bearer`` (except for config compile and tool releases);
the query is decoded before ``filter[...]`` is read; a lookup that matches
nothing is ``200`` with an empty list; required filters and page sizes
above each route's maximum are 400 with v3's error object; a workflow
rerun records its ``is_from_failed`` flag (:attr:`V3Store.reruns`); job
stdout honours ``Range: bytes=N-`` and says ``X-Terminal: true`` once the
step is complete; creates refuse unknown members; and every answer carries
``RateLimit-*`` headers. Route names (for fault injection) are the
:class:`~circleci.v3.ApiV3` method names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, Callable, Optional
from urllib.parse import SplitResult, parse_qs, unquote

from . import v3_extra
from .clock import isoformat
from .routing import Reply, compile_template
from .state import Context, EnvVar, Job, Project, State, short_vcs
from .v1 import artifact_url, masked
from .v3_base import (
    PREFIX,
    V3Call,
    V3Error,
    V3Route,
    V3Store,
    collection,
    created,
    decode_json,
    entity,
    everything,
    job_list_view,
    job_view,
    no_content,
    not_found,
    project_view,
    run_view,
    single,
    step_number,
    step_progress,
    steps_of,
    workflow_view,
)

__all__ = ["PREFIX", "ROUTES", "V3"]

ANONYMOUS = frozenset({"compile_config", "list_tool_releases"})
PROJECT_SETTINGS = (
    "enable_ai_error_summarization",
    "enable_auto_cancel_redundant_workflows",
    "enable_building_fork_prs",
    "is_build_prs_only",
    "can_pass_secrets_to_fork_pr_jobs",
    "can_set_github_status",
    "is_running_disabled",
    "is_ssh_disabled",
    "enable_dynamic_config",
    "is_admin_required_for_writing_settings",
    "is_oss",
    "pr_only_branch_overrides",
    "enable_unversioned_config",
)
ORG_SETTINGS = (
    "is_runner_terms_of_service_accepted",
    "enable_ai_error_summarization",
    "enable_ai_agents",
    "enable_unversioned_config",
    "enable_certified_public_orbs",
    "enable_chunk_ip_ranges",
    "enable_minor_ai_features",
    "enable_private_orbs",
    "enable_uncertified_public_orbs",
    "is_bitbucket_workspace_member_org_member",
    "is_user_checkout_keys_disabled",
    "is_running_disabled",
    "enable_image_brownouts",
    "is_context_group_restriction_required",
    "enable_resource_class_brownouts",
)
RATE_LIMIT = 1000


# -- lookups ------------------------------------------------------------------


def _project(call: V3Call, project_id: str) -> Project:
    found = next((p for p in call.state.projects.values() if p.id == project_id), None)
    if found is None:
        raise not_found("project")
    return found


def _org_ids(state: State) -> dict[str, tuple[str, str]]:
    """Each organization's id -> (vcs, name), from the projects."""
    return {project.org_id: (project.vcs, project.org) for project in state.projects.values()}


def _job(call: V3Call) -> Job:
    found = call.state.jobs.get(call.params["job_id"])
    if found is None:
        raise not_found("job")
    return found


# -- runs, workflows, jobs ------------------------------------------------------


def list_runs(call: V3Call) -> Reply:
    """Runs, newest first, filtered by user (``me``), project, phase, outcome and time."""
    user = call.filter("user_id")
    user = call.state.user.id if user == "me" else user
    project, phase, current = call.filter("project_id"), call.filter("phase"), call.filter("current_outcome")
    since, until = call.filter("from"), call.filter("to")
    views = []
    for pipeline in sorted(call.state.pipelines.values(), key=lambda p: p.created_at, reverse=True):
        view = run_view(pipeline)
        attributes = view["attributes"]
        if (
            (user and pipeline.actor.id != user)
            or (project and pipeline.project.id != project)
            or (phase and attributes["phase"] != phase)
            or (current and attributes.get("current_outcome") != current)
            or (since and attributes["created_at"] < since)
            or (until and attributes["created_at"] > until)
        ):
            continue
        views.append(view)
    return collection(call, views, 20)


def get_run(call: V3Call) -> Reply:
    """One run."""
    pipeline = call.state.pipelines.get(call.params["run_id"])
    if pipeline is None:
        raise not_found("run")
    return single(run_view(pipeline))


_CLAUSE = re.compile(r'\s*([\w.]+)\s*==\s*"((?:[^"\\]|\\.)*)"\s*')
_STATUS = {
    "success": ("ended", "succeeded"),
    "failed": ("ended", "failed"),
    "canceled": ("ended", "canceled"),
    "error": ("ended", "errored"),
    "running": ("started", None),
    "failing": ("started", "failed"),
    "queued": ("queued", None),
}


def search_runs(call: V3Call) -> Reply:
    """Runs of some projects in a time window, matching ``field == "value"`` clauses joined by ``and``."""
    body = call.flat(("scope", "filter", "order_by", "page"))
    scope = body.get("scope") or {}
    projects = set(scope.get("project_ids") or [])
    clauses = []
    for text in (body.get("filter") or "").split(" and ") if body.get("filter") else []:
        found = _CLAUSE.fullmatch(text)
        if found is None:
            raise V3Error(400, "Invalid filter", f"Cannot read the filter clause {text.strip()!r}.", pointer="/filter")
        clauses.append((found.group(1), found.group(2).replace('\\"', '"')))
    views = []
    for pipeline in sorted(call.state.pipelines.values(), key=lambda p: p.created_at, reverse=True):
        view = run_view(pipeline)
        created_at = view["attributes"]["created_at"]
        if projects and pipeline.project.id not in projects:
            continue
        if (scope.get("from") and created_at < scope["from"]) or (scope.get("to") and created_at > scope["to"]):
            continue
        if all(_matches(pipeline.id, view, name, value) for name, value in clauses):
            views.append(view)
    return collection(call, views, 20, in_body=True)


def _matches(run_id: str, view: dict[str, Any], name: str, value: str) -> bool:
    attributes = view["attributes"]
    vcs = view["references"]["event"]["attributes"]["vcs"]
    if name == "pipeline.id":
        return run_id == value
    if name == "pipeline.git.branch":
        return bool(vcs.get("branch") == value)
    if name == "pipeline.status":
        phase, current = _STATUS.get(value, (value, None))
        return attributes["phase"] == phase and (current is None or attributes.get("current_outcome") == current)
    raise V3Error(400, "Invalid filter", f"Unknown filter field {name!r}.", pointer="/filter")


def trigger_run(call: V3Call) -> Reply:
    """Start a run of a project: ``{"project_id", "branch"?, "tag"?, "parameters"?}`` (the body is the fake's own)."""
    body = call.flat(("project_id", "branch", "tag", "parameters", "definition_id"), ("project_id",))
    project = _project(call, body["project_id"])
    pipeline = call.state.trigger(
        project, branch=body.get("branch"), tag=body.get("tag"), parameters=body.get("parameters")
    )
    return created(run_view(pipeline))


def list_workflows(call: V3Call) -> Reply:
    """The workflows of a run; 404 while the run has none yet."""
    run_id = call.require_filter("run_id")
    pipeline = call.state.pipelines.get(run_id)
    if pipeline is None or not pipeline.workflows:
        raise V3Error(404, "Not Found", "run not found")
    return collection(call, [workflow_view(workflow) for workflow in pipeline.workflows])


def _workflow(call: V3Call) -> Any:
    found = call.state.workflows.get(call.params["workflow_id"])
    if found is None:
        raise not_found("workflow")
    return found


def get_workflow(call: V3Call) -> Reply:
    """One workflow."""
    return single(workflow_view(_workflow(call)))


def rerun_workflow(call: V3Call) -> Reply:
    """Rerun a workflow as a new one (only ``is_from_failed`` is read; other members are ignored)."""
    workflow = _workflow(call)
    body = call.body if isinstance(call.body, dict) else {}
    from_failed = bool(body.get("is_from_failed"))
    call.store.reruns.append(from_failed)
    rerun = call.state.rerun(workflow, from_failed=from_failed)
    return single({"id": rerun.id}, 201, {"Location": f"{PREFIX}/workflows/{rerun.id}"})


def cancel_workflow(call: V3Call) -> Reply:
    """Cancel a workflow (asynchronously, so 202)."""
    workflow = _workflow(call)
    call.state.cancel_workflow(workflow)
    return single({"id": workflow.id}, 202)


def list_jobs(call: V3Call) -> Reply:
    """The jobs of a workflow (``filter[workflow_id]`` required), with no ``page`` member, as CircleCI answers."""
    workflow = call.state.workflows.get(call.require_filter("workflow_id"))
    if workflow is None:
        raise not_found("workflow")
    return everything([job_list_view(job) for job in workflow.jobs])


def get_job(call: V3Call) -> Reply:
    """One job, with its steps."""
    return single(job_view(_job(call), call.state.clock.now()))


def list_job_artifacts(call: V3Call) -> Reply:
    """A job's artifacts, with URLs that the artifact route of the fake serves."""
    job = _job(call)
    items = [
        entity(
            f"{job.id[:24]}{index:012d}",
            {"path": artifact.path, "url": artifact_url(call.root, job, artifact), "execution": artifact.node_index},
        )
        for index, artifact in enumerate(job.artifacts)
    ]
    return everything(items)


def _step_output(call: V3Call, error: bool) -> tuple[bytes, bool]:
    job = _job(call)
    execution = call.filter("execution") or "0"
    number = call.filter("step_num")
    steps = steps_of(job)
    index = next((i for i in range(len(steps)) if str(step_number(i)) == number), None)
    if execution != "0" or index is None:
        raise V3Error(404, "Not Found", "step not found")
    progress = step_progress(job, index, call.state.clock.now())
    text = (steps[index].error_output if error else steps[index].output).encode()
    if progress is None:
        return b"", False
    return text[: int(len(text) * progress)], progress >= 1.0


def _output_reply(data: bytes, terminal: bool) -> Reply:
    headers = {"Content-Type": "application/octet-stream", "X-Terminal": "true" if terminal else "false"}
    return Reply(200 if data else 204, data, headers)


def get_job_stdout(call: V3Call) -> Reply:
    """A step's standard output; ``Range: bytes=N-`` skips what was read, ``X-Terminal`` says when complete."""
    data, terminal = _step_output(call, error=False)
    found = re.fullmatch(r"bytes=(\d+)-", call.headers.get("range", "").strip())
    start = int(found.group(1)) if found else 0
    if start and start > len(data):
        raise V3Error(416, "Range Not Satisfiable", f"The output has {len(data)} bytes so far.")
    reply = _output_reply(data[start:], terminal)
    if found and data[start:]:
        reply.status = 206
        reply.headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{'*' if not terminal else len(data)}"
    return reply


def get_job_stdout_condensed(call: V3Call) -> Reply:
    """The lines of a step's output that explain a failure (those that mention it), or all of a short output."""
    data, terminal = _step_output(call, error=False)
    lines = [line for line in data.splitlines(keepends=True) if re.search(rb"(?i)fail|error", line)]
    return _output_reply(b"".join(lines) if lines else data, terminal)


def get_job_stderr(call: V3Call) -> Reply:
    """A step's standard error."""
    data, terminal = _step_output(call, error=True)
    return _output_reply(data, terminal)


def get_job_tests(call: V3Call) -> Reply:
    """A job's test results as JSON Lines (an empty body when there are none)."""
    job = _job(call)
    fields = ("classname", "name", "result", "run_time", "message")
    lines = [json.dumps({name: test.get(name) for name in fields}) + "\n" for test in job.tests]
    return Reply(200, "".join(lines).encode(), {"Content-Type": "application/x-ndjson"})


def get_job_resource_usage(call: V3Call) -> Reply:
    """Samples of CPU and memory, one per second of the job; 404 for a job that never ran an executor."""
    job = _job(call)
    if job.plan.type == "approval" or job.started_at is None:
        raise V3Error(404, "Not Found", "no resource usage recorded for this job")
    samples = max(1, int(job.plan.duration))
    execution = {
        "execution": 0,
        "interval_ms": 1000,
        "cpu_cores": [round(0.25 + 0.5 * (i % 2), 2) for i in range(samples)],
        "memory_bytes": [256 * 1024 * 1024 + i * 1024 * 1024 for i in range(samples)],
        "network_rx_bytes": 4096 * samples,
        "network_tx_bytes": 1024 * samples,
    }
    usage = {
        "resource_class": {"name": "medium", "cpu_count": 2, "memory_limit_bytes": 4 * 1024**3},
        "parallel_executions": [execution],
    }
    return single(entity(job.id, usage))


# -- pipelines (definitions) and triggers --------------------------------------


def _definitions(call: V3Call) -> dict[str, dict[str, Any]]:
    return call.store.table("pipeline")


def list_pipelines(call: V3Call) -> Reply:
    """A project's pipeline definitions (``filter[project_id]`` required)."""
    project = call.require_filter("project_id")
    items = [p for p in _definitions(call).values() if p["references"]["project"]["id"] == project]
    return collection(call, items)


def create_pipeline(call: V3Call) -> Reply:
    """Create a pipeline definition; unknown members are refused."""
    attrs, refs = call.envelope(
        ("name", "description", "config", "checkout"), ("project",), ("name", "config", "references.project")
    )
    _project(call, refs["project"])
    ident = call.state.new_id()
    found = entity(ident, {**attrs, "created_at": call.now()}, project=refs["project"])
    _definitions(call)[ident] = found
    return created(found)


def get_pipeline(call: V3Call) -> Reply:
    """One pipeline definition."""
    return single(call.store.get("pipeline", call.params["pipeline_id"], "pipeline"))


def delete_pipeline(call: V3Call) -> Reply:
    """Delete a pipeline definition and its triggers."""
    call.store.get("pipeline", call.params["pipeline_id"], "pipeline")
    del _definitions(call)[call.params["pipeline_id"]]
    triggers = call.store.table("trigger")
    for ident in [i for i, t in triggers.items() if t["references"]["pipeline"]["id"] == call.params["pipeline_id"]]:
        del triggers[ident]
    return no_content()


def list_triggers(call: V3Call) -> Reply:
    """A project's triggers, optionally of one pipeline definition."""
    project, pipeline = call.filter("project_id"), call.filter("pipeline_id")
    if not project and not pipeline:
        call.require_filter("project_id")
    items = [
        t
        for t in call.store.table("trigger").values()
        if (not project or t["references"]["project"]["id"] == project)
        and (not pipeline or t["references"]["pipeline"]["id"] == pipeline)
    ]
    return collection(call, items)


def create_trigger(call: V3Call) -> Reply:
    """Create a trigger (project in ``filter[project_id]``, pipeline in the references); unknown members refused."""
    project = call.require_filter("project_id")
    attrs, refs = call.envelope(
        ("is_disabled", "event", "config", "checkout"), ("pipeline",), ("event", "references.pipeline")
    )
    definition = call.store.get("pipeline", refs["pipeline"], "pipeline")
    if definition["references"]["project"]["id"] != project:
        raise V3Error(400, "Invalid Reference", "The pipeline does not belong to the project.")
    ident = call.state.new_id()
    found = entity(
        ident,
        {"is_disabled": False, **attrs, "created_at": call.now()},
        project=project,
        pipeline=refs["pipeline"],
    )
    call.store.table("trigger")[ident] = found
    return created(found)


# -- projects ------------------------------------------------------------------


def list_projects(call: V3Call) -> Reply:
    """Projects by slug, by org (and name substring) or followed; exactly one scope, slug alone."""
    slug, org, following = call.filter("slug"), call.filter("org_id"), call.filter("following")
    if following is not None and following != "true":
        raise V3Error(400, "Invalid Filter", "filter[following] accepts only true.", pointer="/filter/following")
    scopes = [value for value in (slug, org, following) if value]
    if len(scopes) != 1 or (slug and call.filter("name")):
        raise V3Error(400, "Invalid Filter", "Exactly one of filter[slug] | filter[org_id] | filter[following].")
    projects = sorted(call.state.projects.values(), key=lambda p: (p.org, p.name))
    if slug:
        chosen = [p for p in projects if _slug_matches(p, slug)]
    elif org:
        name = (call.filter("name") or "").lower()
        chosen = [p for p in projects if p.org_id == org and name in p.name.lower()]
    else:
        chosen = [p for p in projects if p.following]
    return collection(call, [project_view(p) for p in chosen], 50)


def _slug_matches(project: Project, slug: str) -> bool:
    parts = slug.split("/")
    if len(parts) != 3:
        return False
    vcs = short_vcs(parts[0])
    if vcs == "circleci":
        return parts[1] == project.org_id and parts[2] == project.id
    return (vcs, parts[1], parts[2]) == (project.vcs, project.org, project.name)


def get_project(call: V3Call) -> Reply:
    """One project."""
    return single(project_view(_project(call, call.params["project_id"])))


def _settings(call: V3Call, key: str, names: tuple[str, ...]) -> dict[str, Any]:
    return call.store.settings.setdefault(
        key, {name: [] if name == "pr_only_branch_overrides" else False for name in names}
    )


def get_project_settings(call: V3Call) -> Reply:
    """A project's settings (a singleton: attributes only)."""
    project = _project(call, call.params["project_id"])
    return single({"attributes": _settings(call, project.id, PROJECT_SETTINGS)})


def update_project_settings(call: V3Call) -> Reply:
    """Change the settings sent (a flat body); answer all of them."""
    project = _project(call, call.params["project_id"])
    settings = _settings(call, project.id, PROJECT_SETTINGS)
    settings.update(call.flat(PROJECT_SETTINGS))
    return single({"attributes": settings})


def rollback_project(call: V3Call) -> Reply:
    """Roll a component back: a new pipeline run carries it out."""
    project = _project(call, call.params["project_id"])
    fields = (
        "component_id",
        "environment_id",
        "namespace",
        "current_version",
        "target_version",
        "reason",
        "parameters",
        "checkout_ref",
        "config_ref",
    )
    body = call.flat(fields, ("component_id", "environment_id", "target_version"))
    call.store.get("deploy-component", body["component_id"], "component")
    call.store.get("deploy-environment", body["environment_id"], "environment")
    if body.get("current_version") == body["target_version"]:
        raise V3Error(400, "Invalid version", "The target version is the current version.")
    pipeline = call.state.trigger(project, parameters=dict(body.get("parameters") or {}))
    found = entity(
        pipeline.id,
        {"rollback_type": "pipeline"},
        project=project.id,
        deploy_component=body["component_id"],
        deploy_environment=body["environment_id"],
    )
    return single(found)


def purge_project_dlc(call: V3Call) -> Reply:
    """Purge the Docker layer cache: 204, or 410 when the fake plays a retired endpoint."""
    _project(call, call.params["project_id"])
    if call.store.dlc_retired:
        raise V3Error(410, "Gone", "This endpoint was retired; upgrade your client.", type="gone")
    return no_content()


def _env_var(var: EnvVar) -> dict[str, Any]:
    return entity(None, {"name": var.name, "value": masked(var.value)})


def list_project_env_vars(call: V3Call) -> Reply:
    """A project's environment variables (values masked; no ``page`` member)."""
    project = _project(call, call.params["project_id"])
    return everything([_env_var(var) for var in sorted(project.env_vars.values(), key=lambda v: v.name)])


def create_project_env_var(call: V3Call) -> Reply:
    """Create or replace a project environment variable (shared with v1.1 and v2)."""
    project = _project(call, call.params["project_id"])
    body = call.flat(("name", "value"), ("name", "value"))
    var = EnvVar(body["name"], str(body["value"]), call.state.clock.now())
    project.env_vars[var.name] = var
    return created(_env_var(var))


def delete_project_env_var(call: V3Call) -> Reply:
    """Delete a project environment variable by name."""
    project = _project(call, call.params["project_id"])
    if project.env_vars.pop(call.params["name"], None) is None:
        raise not_found("environment variable")
    return no_content()


# -- orgs and users --------------------------------------------------------------


def _org_view(ident: str, name: str) -> dict[str, Any]:
    return entity(ident, {"name": name})


def list_orgs(call: V3Call) -> Reply:
    """Organizations, or the one whose slug (``gh/acme``, ``circleci/<id>``) is given; none matching is ``[]``."""
    slug = call.filter("slug")
    orgs = sorted(_org_ids(call.state).items(), key=lambda pair: pair[1][1])
    if slug:
        vcs, _, name = slug.partition("/")
        vcs = short_vcs(vcs)
        orgs = [(i, org) for i, org in orgs if (vcs == "circleci" and name == i) or org == (vcs, name)]
    return collection(call, [_org_view(ident, org[1]) for ident, org in orgs])


def _org(call: V3Call, org_id: str) -> str:
    found = _org_ids(call.state).get(org_id)
    if found is None:
        raise not_found("organization")
    return found[1]


def get_org(call: V3Call) -> Reply:
    """One organization."""
    return single(_org_view(call.params["org_id"], _org(call, call.params["org_id"])))


def get_org_settings(call: V3Call) -> Reply:
    """An organization's settings (a singleton)."""
    _org(call, call.params["org_id"])
    return single({"attributes": _settings(call, call.params["org_id"], ORG_SETTINGS)})


def update_org_settings(call: V3Call) -> Reply:
    """Change the organization settings sent (a flat body); answer all of them."""
    _org(call, call.params["org_id"])
    settings = _settings(call, call.params["org_id"], ORG_SETTINGS)
    settings.update(call.flat(ORG_SETTINGS))
    return single({"attributes": settings})


def list_users(call: V3Call) -> Reply:
    """Who the token belongs to: only ``filter[user_id]=me`` is supported."""
    if call.require_filter("user_id") != "me":
        raise V3Error(400, "Invalid Filter", "Only filter[user_id]=me is supported.", pointer="/filter/user_id")
    user = call.state.user
    found = entity(user.id, {"name": user.name, "login": user.login, "avatar_url": user.avatar_url})
    return Reply.json({"data": [found], "page": {"next": None, "prev": None}})


# -- contexts (shared with v2) ---------------------------------------------------


def _context_view(context: Any) -> dict[str, Any]:
    return entity(context.id, {"name": context.name, "created_at": isoformat(context.created_at)}, org=context.owner_id)


def _context(call: V3Call, ident: str) -> Any:
    found = call.state.contexts.get(ident)
    if found is None:
        raise not_found("context")
    return found


def list_contexts(call: V3Call) -> Reply:
    """An organization's contexts; ``filter[name]`` is a case-insensitive substring."""
    org = call.require_filter("org_id")
    name = (call.filter("name") or "").lower()
    chosen = [c for c in call.state.contexts.values() if c.owner_id == org and name in c.name.lower()]
    return collection(call, [_context_view(c) for c in sorted(chosen, key=lambda c: c.name)], 250)


def create_context(call: V3Call) -> Reply:
    """Create a context in an organization."""
    attrs, refs = call.envelope(("name",), ("org",), ("name", "references.org"))
    if any(c.owner_id == refs["org"] and c.name == attrs["name"] for c in call.state.contexts.values()):
        raise V3Error(409, "Conflict", f"A context named {attrs['name']!r} exists.")
    context = Context(call.state.new_id(), attrs["name"], refs["org"], call.state.clock.now())
    call.state.contexts[context.id] = context
    return created(_context_view(context))


def get_context(call: V3Call) -> Reply:
    """One context."""
    return single(_context_view(_context(call, call.params["context_id"])))


def delete_context(call: V3Call) -> Reply:
    """Delete a context and its restrictions."""
    _context(call, call.params["context_id"])
    del call.state.contexts[call.params["context_id"]]
    return no_content()


def list_context_env_vars(call: V3Call) -> Reply:
    """A context's variables (no values)."""
    context = _context(call, call.params["context_id"])
    items = [
        entity(
            None,
            {
                "name": name,
                "truncated_value": masked(value),
                "created_at": isoformat(made),
                "updated_at": isoformat(changed),
            },
            context=context.id,
        )
        for name, (value, made, changed) in sorted(context.variables.items())
    ]
    return collection(call, items, 250)


def set_context_env_var(call: V3Call) -> Reply:
    """Create or overwrite a context variable; ``{"data": {}}`` either way."""
    context = _context(call, call.params["context_id"])
    body = call.flat(("name", "value"), ("name", "value"))
    now = call.state.clock.now()
    made = context.variables.get(body["name"], (None, now, now))[1]
    context.variables[body["name"]] = (str(body["value"]), made, now)
    return single({})


def delete_context_env_var(call: V3Call) -> Reply:
    """Delete the context variable named by ``filter[name]``."""
    context = _context(call, call.params["context_id"])
    if context.variables.pop(call.require_filter("name"), None) is None:
        raise not_found("environment variable")
    return no_content()


def list_context_restrictions(call: V3Call) -> Reply:
    """A context's restrictions."""
    context = call.require_filter("context_id")
    items = [r for r in call.store.table("restriction").values() if r["references"]["context"]["id"] == context]
    return collection(call, items)


def create_context_restriction(call: V3Call) -> Reply:
    """Restrict a context to a group, a project or an expression."""
    attrs, refs = call.envelope(
        ("restriction_type", "match_pattern"),
        ("context",),
        ("restriction_type", "match_pattern", "references.context"),
    )
    _context(call, refs["context"])
    if attrs["restriction_type"] not in {"group", "project", "expression"}:
        raise V3Error(400, "Invalid Value", "restriction_type must be group, project or expression.")
    ident = call.state.new_id()
    found = entity(ident, attrs, context=refs["context"])
    call.store.table("restriction")[ident] = found
    return created(found)


def delete_context_restriction(call: V3Call) -> Reply:
    """Remove a restriction (``filter[context_id]`` required)."""
    context = call.require_filter("context_id")
    found = call.store.get("restriction", call.params["restriction_id"], "restriction")
    if found["references"]["context"]["id"] != context:
        raise not_found("restriction")
    del call.store.table("restriction")[call.params["restriction_id"]]
    return no_content()


def _routes(rows: Iterable[tuple[str, str, Callable[[V3Call], Reply]]]) -> list[V3Route]:
    return [V3Route(verb, PREFIX + path, handler, handler.__name__) for verb, path, handler in rows]


ROUTES: list[V3Route] = _routes(
    [
        ("GET", "/runs", list_runs),
        ("POST", "/runs/search", search_runs),
        ("GET", "/runs/{run_id}", get_run),
        ("POST", "/runs", trigger_run),
        ("GET", "/workflows", list_workflows),
        ("GET", "/workflows/{workflow_id}", get_workflow),
        ("POST", "/workflows/{workflow_id}/rerun", rerun_workflow),
        ("POST", "/workflows/{workflow_id}/cancel", cancel_workflow),
        ("GET", "/jobs", list_jobs),
        ("GET", "/jobs/{job_id}", get_job),
        ("GET", "/jobs/{job_id}/artifacts", list_job_artifacts),
        ("GET", "/jobs/{job_id}/stdout", get_job_stdout),
        ("GET", "/jobs/{job_id}/stdout/condensed", get_job_stdout_condensed),
        ("GET", "/jobs/{job_id}/stderr", get_job_stderr),
        ("GET", "/jobs/{job_id}/tests", get_job_tests),
        ("GET", "/jobs/{job_id}/resource-usage", get_job_resource_usage),
        ("GET", "/pipelines", list_pipelines),
        ("POST", "/pipelines", create_pipeline),
        ("GET", "/pipelines/{pipeline_id}", get_pipeline),
        ("DELETE", "/pipelines/{pipeline_id}", delete_pipeline),
        ("GET", "/triggers", list_triggers),
        ("POST", "/triggers", create_trigger),
        ("GET", "/projects", list_projects),
        ("GET", "/projects/{project_id}", get_project),
        ("GET", "/projects/{project_id}/settings", get_project_settings),
        ("POST", "/projects/{project_id}/update-settings", update_project_settings),
        ("POST", "/projects/{project_id}/rollback", rollback_project),
        ("DELETE", "/projects/{project_id}/dlc", purge_project_dlc),
        ("GET", "/projects/{project_id}/environment-variables", list_project_env_vars),
        ("POST", "/projects/{project_id}/environment-variables", create_project_env_var),
        ("DELETE", "/projects/{project_id}/environment-variables/{name}", delete_project_env_var),
        ("GET", "/orgs", list_orgs),
        ("GET", "/orgs/{org_id}", get_org),
        ("GET", "/orgs/{org_id}/settings", get_org_settings),
        ("POST", "/orgs/{org_id}/update-settings", update_org_settings),
        ("GET", "/users", list_users),
        ("GET", "/contexts", list_contexts),
        ("POST", "/contexts", create_context),
        ("GET", "/contexts/{context_id}", get_context),
        ("DELETE", "/contexts/{context_id}", delete_context),
        ("GET", "/contexts/{context_id}/env-vars", list_context_env_vars),
        ("POST", "/contexts/{context_id}/env-vars/set", set_context_env_var),
        ("DELETE", "/contexts/{context_id}/env-vars", delete_context_env_var),
        ("GET", "/context-restrictions", list_context_restrictions),
        ("POST", "/context-restrictions", create_context_restriction),
        ("DELETE", "/context-restrictions/{restriction_id}", delete_context_restriction),
        *v3_extra.ROWS,
    ]
)
_PATTERNS = [(route, compile_template(route.template)) for route in ROUTES]


class V3:
    """The v3 side of a :class:`~circleci.testing.FakeCircleCI`: its store and how it answers.

    :ivar store: the v3-only objects; :attr:`V3Store.reruns`, :attr:`V3Store.dlc_retired`
        and :attr:`V3Store.extra_headers` are there for tests.
    """

    def __init__(self, state: State) -> None:
        self.state = state
        self.store = V3Store()

    @staticmethod
    def route_names() -> list[str]:
        """The names of the v3 routes (the :class:`~circleci.v3.ApiV3` method names), for fault injection."""
        return [route.name for route in ROUTES]

    @staticmethod
    def match(verb: str, path: str) -> tuple[Optional[V3Route], dict[str, str]]:
        """The route of a request and its decoded path parameters."""
        for route, pattern in _PATTERNS:
            found = pattern.fullmatch(path) if verb == route.verb else None
            if found:
                return route, {name: unquote(value) for name, value in found.groupdict().items()}
        return None, {}

    def answer(
        self,
        verb: str,
        url: SplitResult,
        headers: dict[str, str],
        body: bytes,
        root: str,
        accepts: Callable[[str], bool],
    ) -> Reply:
        """Answer one v3 request (faults were applied by the server before).

        :param accepts: whether the server takes a token (the same check as for v1.1 and v2).
        """
        route, params = self.match(verb, url.path)
        try:
            if route is None or route.name not in ANONYMOUS:
                _authenticate(headers, accepts)
            if route is None:
                raise V3Error(404, "Not Found", f"No route {verb} {url.path}.")
            query = {name: values[-1] for name, values in parse_qs(url.query, keep_blank_values=True).items()}
            call = V3Call(self.state, self.store, params, query, decode_json(body), headers, root)
            with self.state.lock:
                self.state.tick()
                v3_extra.sync(call)
                reply = route.handler(call)
        except V3Error as exc:
            reply = Reply.json(exc.body(), exc.status)
        except v3_extra.LegacyError as exc:
            reply = Reply.message(exc.message, exc.status)
        with self.state.lock:
            self.store.requests += 1
            remaining = RATE_LIMIT - self.store.requests % RATE_LIMIT
        reply.headers.update(
            {"RateLimit-Limit": str(RATE_LIMIT), "RateLimit-Remaining": str(remaining), "RateLimit-Reset": "60"}
        )
        reply.headers.update(self.store.extra_headers)
        return reply


def _authenticate(headers: dict[str, str], accepts: Callable[[str], bool]) -> None:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise V3Error(401, "Unauthorized", "Send the token as 'Authorization: Bearer <token>'.", type="unauthorized")
    if not accepts(token.strip()):
        raise V3Error(401, "Unauthorized", "Invalid token provided.", type="unauthorized")
