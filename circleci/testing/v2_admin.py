"""The API v2 routes for organizations, project administration, groups, usage exports, OIDC claims,
policies, context restrictions, pipeline definitions and triggers, deploys and rollbacks, and OTel exporters.

Records without behaviour of their own are kept in :meth:`State.table` in the
shape the spec gives them; each route is named after its ``operationId``.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from typing import Any, Optional

from .clock import isoformat
from .routing import Call, HttpError, Reply, Route, page
from .state import SHORT_VCS, Job, Organization, Project, State, find, short_vcs
from .v2 import project_view

__all__ = ["ROUTES", "USAGE_EXPORT_DELAY", "record_deploy", "usage_export_files"]

PREFIX = "/api/v2"
ORG = PREFIX + "/organization/{org_slug_or_id:org}"
USAGE_EXPORT_DELAY = 60.0
"""Fake seconds a usage export takes to produce its files."""
MAX_OTEL_EXPORTERS = 5
_SETTINGS = {
    "autocancel_builds": False,
    "build_fork_prs": False,
    "build_prs_only": False,
    "disable_ssh": False,
    "forks_receive_secret_env_vars": False,
    "oss": False,
    "set_github_status": True,
    "setup_workflows": False,
    "write_settings_requires_admin": False,
    "pr_only_branch_overrides": ["main"],
}
_TTL = re.compile(r"^([0-9]+(ms|s|m|h|d|w)){1,7}$")


def _org_view(org: Organization) -> dict[str, Any]:
    return {"id": org.id, "name": org.name, "slug": org.slug, "vcs_type": org.vcs_type}


def _org(call: Call, name: str = "org_slug_or_id") -> Organization:
    return call.state.org(call.params[name])


# -- organizations and projects ----------------------------------------------


def create_organization(call: Call) -> Reply:
    """``POST /organization``: a new organization (409 when the name is taken)."""
    if any(org.name == call.field("name") for org in call.state.orgs.values()):
        raise HttpError(409, "An organization with this name already exists.")
    org = Organization(call.state.new_id(), call.field("name"), call.field("vcs_type"))
    call.state.orgs[org.id] = org
    return Reply.json(_org_view(org), 201)


def get_organization(call: Call) -> Reply:
    """``GET /organization/{org-slug-or-id}``"""
    return Reply.json(_org_view(_org(call)))


def delete_organization(call: Call) -> Reply:
    """``DELETE /organization/{org-slug-or-id}``: the organization and its projects."""
    org = _org(call)
    for slug in [slug for slug, project in call.state.projects.items() if project.org_id == org.id]:
        del call.state.projects[slug]
    del call.state.orgs[org.id]
    return Reply.message("Organization deleted.", 202)


def create_project(call: Call) -> Reply:
    """``POST /organization/{org-slug-or-id}/project``"""
    org = _org(call)
    vcs = SHORT_VCS.get(org.vcs_type, "circleci")
    if any(p.org_id == org.id and p.name == call.field("name") for p in call.state.projects.values()):
        raise HttpError(409, "Project already exists.")
    return Reply.json(project_view(call.state.add_project(org.name, call.field("name"), vcs=vcs)))


def _vcs_project(call: Call) -> Project:
    return call.state.project(f"{call.params['provider']}/{call.params['organization']}/{call.params['project']}")


def create_project_1(call: Call) -> Reply:
    """``POST /project/{provider}/{organization}/{project}`` (deprecated): follow or create, answer its settings."""
    provider = call.params["provider"]
    if provider == "circleci":
        raise HttpError(
            405,
            "Create projects using the API is currently supported for classic Github OAuth and Bitbucket "
            "projects only.",
        )
    try:
        project = _vcs_project(call)
    except LookupError:
        vcs = short_vcs(provider)
        project = call.state.add_project(call.params["organization"], call.params["project"], vcs=vcs)
    return Reply.json(_settings_view(project), 201)


def delete_project(call: Call) -> Reply:
    """``DELETE /project/{project-slug}``"""
    project = call.state.project(call.params["project_slug"])
    del call.state.projects[project.slug]
    return Reply.message("Project deleted.")


def _settings_view(project: Project) -> dict[str, Any]:
    return {"advanced": {**_SETTINGS, **project.settings}}


def get_project_settings(call: Call) -> Reply:
    """``GET /project/{provider}/{organization}/{project}/settings``"""
    return Reply.json(_settings_view(_vcs_project(call)))


def patch_project_settings(call: Call) -> Reply:
    """``PATCH /project/{provider}/{organization}/{project}/settings``: change the ``advanced`` fields given."""
    project = _vcs_project(call)
    project.settings.update(call.field("advanced") or {})
    return Reply.json(_settings_view(project))


# -- URL orb allow list -----------------------------------------------------------


def list_url_orb_allow_list(call: Call) -> Reply:
    """``GET /organization/{org-slug-or-id}/url-orb-allow-list``"""
    org = _org(call)
    items = [
        {k: v for k, v in entry.items() if k != "org_id"}
        for entry in call.state.table("url_orb_allow_list").values()
        if entry["org_id"] == org.id
    ]
    return Reply.json({"items": items})


def create_url_orb_allow_list_entry(call: Call) -> Reply:
    """``POST /organization/{org-slug-or-id}/url-orb-allow-list``; the prefix must be an https URL."""
    org = _org(call)
    prefix = call.field("prefix")
    if not isinstance(prefix, str) or not prefix.startswith("https://"):
        raise HttpError(400, "prefix must be an https:// URL")
    entry = {"id": call.state.new_id(), "name": call.field("name"), "prefix": prefix, "auth": call.field("auth")}
    call.state.table("url_orb_allow_list")[entry["id"]] = {**entry, "org_id": org.id}
    return Reply.json({"id": entry["id"], "message": "URL orb allow-list entry created."})


def remove_url_orb_allow_list_entry(call: Call) -> Reply:
    """``DELETE /organization/{org-slug-or-id}/url-orb-allow-list/{allow-list-entry-id}``"""
    org, table = _org(call), call.state.table("url_orb_allow_list")
    entry = table.get(call.params["allow_list_entry_id"])
    if entry is None or entry["org_id"] != org.id:
        raise HttpError(404, "URL orb allow-list entry not found.")
    del table[entry["id"]]
    return Reply.json({"id": entry["id"], "message": "URL orb allow-list entry removed."})


# -- groups --------------------------------------------------------------------


def _group(call: Call) -> dict[str, Any]:
    group: Optional[dict[str, Any]] = call.state.table("groups").get(call.params["group_id"])
    if group is None or group["org_id"] != _org(call, "org_id").id:
        raise HttpError(404, "Group not found.")
    return group


def list_groups(call: Call) -> Reply:
    """``GET /organizations/{org_id}/groups``, ``limit`` at a time."""
    org = _org(call, "org_id")
    groups = [{"id": g["id"], "name": g["name"]} for g in call.state.table("groups").values() if g["org_id"] == org.id]
    limit = _int(call.query.get("limit"), "limit", call.state.page_size)
    body = page(groups, call.query.get("page-token"), max(limit, 1))
    return Reply.json({**body, "total_count": len(groups)})


def create_group(call: Call) -> Reply:
    """``POST /organizations/{org_id}/groups``"""
    org = _org(call, "org_id")
    groups = call.state.table("groups")
    if any(g["org_id"] == org.id and g["name"] == call.field("name") for g in groups.values()):
        raise HttpError(409, "A group with this name already exists.")
    group = {"id": call.state.new_id(), "name": call.field("name"), "org_id": org.id}
    groups[group["id"]] = group
    return Reply.json({"id": group["id"], "name": group["name"]}, 201)


def get_group(call: Call) -> Reply:
    """``GET /organizations/{org_id}/groups/{group_id}``"""
    group = _group(call)
    return Reply.json({"id": group["id"], "name": group["name"]})


def delete_group(call: Call) -> Reply:
    """``DELETE /organizations/{org_id}/groups/{group_id}``"""
    del call.state.table("groups")[_group(call)["id"]]
    return Reply.message("Group deleted.")


# -- usage exports ---------------------------------------------------------------


def _moment(text: Any, name: str) -> float:
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise HttpError(400, f"{name} is not a date-time") from None


def create_usage_export(call: Call) -> Reply:
    """``POST /organizations/{org_id}/usage_export_job``: files ready :data:`USAGE_EXPORT_DELAY` fake seconds later.

    As on CircleCI, ``start`` must be before ``end``, at most 32 days before it
    and within the last year.
    """
    org = _org(call, "org_id")
    start, end = _moment(call.field("start"), "start"), _moment(call.field("end"), "end")
    if end <= start:
        raise HttpError(400, "start must be before end")
    if end - start > 32 * 86400:
        raise HttpError(400, "the window must be 32 days or less")
    if start < call.state.clock.now() - 366 * 86400:
        raise HttpError(400, "start must be within the last year")
    job: dict[str, Any] = {
        "usage_export_job_id": call.state.new_id(),
        "org_id": org.id,
        "start": start,
        "end": end,
        "created_at": call.state.clock.now(),
        "shared_org_ids": list(call.field("shared_org_ids") or []),
    }
    call.state.table("usage_exports")[job["usage_export_job_id"]] = job
    view = {**_usage_view(call, job), "start": isoformat(start), "end": isoformat(end)}
    return Reply.json(view, 201)


def _usage_view(call: Call, job: dict[str, Any]) -> dict[str, Any]:
    done = call.state.clock.now() >= job["created_at"] + USAGE_EXPORT_DELAY
    urls = [f"{call.root}/usage-exports/{job['usage_export_job_id']}/usage.csv"] if done else []
    return {
        "usage_export_job_id": job["usage_export_job_id"],
        "state": "completed" if done else "processing",
        "download_urls": urls,
    }


def get_usage_export(call: Call) -> Reply:
    """``GET /organizations/{org_id}/usage_export_job/{usage_export_job_id}``"""
    org = _org(call, "org_id")
    job: Optional[dict[str, Any]] = call.state.table("usage_exports").get(call.params["usage_export_job_id"])
    if job is None or job["org_id"] != org.id:
        raise HttpError(404, "Usage export job not found.")
    return Reply.json(_usage_view(call, job))


def usage_export_files(state: State, job: dict[str, Any]) -> bytes:
    """The CSV of a usage export: one row per job of the organization that ran in its window."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["ORGANIZATION_ID", "PROJECT_NAME", "PIPELINE_ID", "WORKFLOW_NAME", "JOB_NAME", "JOB_ID", "JOB_RUN_SECONDS"]
    )
    for item in sorted(state.jobs.values(), key=lambda j: (j.started_at or 0.0, j.id)):
        if item.carried or item.started_at is None or item.stopped_at is None:
            continue
        if item.project.org_id == job["org_id"] and job["start"] <= item.started_at < job["end"]:
            pipeline, seconds = item.workflow.pipeline, round(item.stopped_at - item.started_at)
            writer.writerow(
                [job["org_id"], item.project.name, pipeline.id, item.workflow.name, item.name, item.id, seconds]
            )
    return out.getvalue().encode()


def download_usage_export(call: Call) -> Reply:
    """``GET /usage-exports/{id}/usage.csv``: a finished export's file (the link needs no token)."""
    job: Optional[dict[str, Any]] = call.state.table("usage_exports").get(call.params["job_id"])
    if job is None or call.state.clock.now() < job["created_at"] + USAGE_EXPORT_DELAY:
        raise HttpError(404, "Not found")
    return Reply(200, usage_export_files(call.state, job), {"Content-Type": "text/csv"})


# -- OIDC claims -------------------------------------------------------------------


def _claims_key(call: Call) -> tuple[str, Optional[str]]:
    org_id = call.params["orgID"]
    project_id = call.params.get("projectID")
    if org_id not in call.state.orgs:
        raise HttpError(404, "Organization not found")
    if project_id is not None:
        project = call.state.project_by_id(project_id)
        if project.org_id != org_id:
            raise HttpError(404, "Project not found")
    return org_id, project_id


def _claims_view(call: Call) -> dict[str, Any]:
    org_id, project_id = _claims_key(call)
    stored = call.state.table("oidc_claims").get(f"{org_id}/{project_id or ''}", {})
    view: dict[str, Any] = {"org_id": org_id, **stored}
    if project_id:
        view["project_id"] = project_id
    return view


def get_claims(call: Call) -> Reply:
    """``GET /org/{orgID}[/project/{projectID}]/oidc-custom-claims``"""
    return Reply.json(_claims_view(call))


def patch_claims(call: Call) -> Reply:
    """``PATCH .../oidc-custom-claims``: set ``audience`` and/or ``ttl``."""
    org_id, project_id = _claims_key(call)
    stored = call.state.table("oidc_claims").setdefault(f"{org_id}/{project_id or ''}", {})
    now = isoformat(call.state.clock.now())
    if call.field("audience") is not None:
        stored.update(audience=list(call.field("audience")), audience_updated_at=now)
    if call.field("ttl") is not None:
        stored.update(ttl=call.field("ttl"), ttl_updated_at=now)
    return Reply.json(_claims_view(call))


def delete_claims(call: Call) -> Reply:
    """``DELETE .../oidc-custom-claims?claims=audience,ttl``: remove the claims named."""
    org_id, project_id = _claims_key(call)
    names = [name.strip() for name in call.query.get("claims", "").split(",") if name.strip()]
    if not names or set(names) - {"audience", "ttl"}:
        raise HttpError(400, "claims must list audience and/or ttl")
    stored = call.state.table("oidc_claims").setdefault(f"{org_id}/{project_id or ''}", {})
    for name in names:
        stored.pop(name, None)
        stored.pop(f"{name}_updated_at", None)
    return Reply.json(_claims_view(call))


# -- policies and decisions -----------------------------------------------------------


def _owner(call: Call) -> str:
    owner, context = call.params["ownerID"], call.params["context"]
    if owner not in call.state.orgs:
        raise HttpError(403, "Forbidden")
    if context != "config":
        raise HttpError(400, "context must be config")
    return owner


def get_policy_bundle(call: Call) -> Reply:
    """``GET /owner/{ownerID}/context/{context}/policy-bundle``"""
    bundle = call.state.table("policy_bundles").get(_owner(call), {})
    return Reply.json({name: [doc] for name, doc in bundle.items()})


def create_policy_bundle(call: Call) -> Reply:
    """``POST .../policy-bundle``: replace the bundle (``?dry=true`` only reports); answers what changed."""
    owner, policies = _owner(call), call.field("policies") or {}
    current = call.state.table("policy_bundles").get(owner, {})
    diff = {
        "created": sorted(set(policies) - set(current)),
        "deleted": sorted(set(current) - set(policies)),
        "modified": sorted(n for n in set(policies) & set(current) if current[n]["content"] != policies[n]),
    }
    if call.query.get("dry") == "true":
        return Reply.json(diff)
    now, login = isoformat(call.state.clock.now()), call.state.user.id
    call.state.table("policy_bundles")[owner] = {
        name: {"name": name, "content": content, "created_at": now, "created_by": login}
        for name, content in policies.items()
    }
    return Reply.json(diff, 201)


def get_policy_document(call: Call) -> Reply:
    """``GET .../policy-bundle/{policyName}``"""
    bundle = call.state.table("policy_bundles").get(_owner(call), {})
    return Reply.json(find(bundle, call.params["policyName"], "policy not found"))


def make_decision(call: Call) -> Reply:
    """``POST .../decision``: the fake does not evaluate Rego; with policies a decision passes, without it says so."""
    owner = _owner(call)
    bundle = call.state.table("policy_bundles").get(owner, {})
    decision: dict[str, Any] = {"status": "PASS", "enabled_rules": sorted(bundle)} if bundle else {}
    if not bundle:
        decision = {"status": "NO_POLICIES"}
    record: dict[str, Any] = {
        "id": call.state.new_id(),
        "owner": owner,
        "created_at": isoformat(call.state.clock.now()),
        "decision": decision,
        "metadata": call.field("metadata") or {},
        "policies": {},
        "time_taken_ms": 1,
    }
    call.state.table("decisions")[record["id"]] = record
    return Reply.json(decision)


def _decision_view(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "owner"}


def get_decision_logs(call: Call) -> Reply:
    """``GET .../decision``: the decisions made, newest first, filtered by ``status``."""
    owner = _owner(call)
    status = call.query.get("status")
    offset = _int(call.query.get("offset"), "offset", 0)
    logs = [
        _decision_view(r)
        for r in reversed(list(call.state.table("decisions").values()))
        if r["owner"] == owner and status in (None, r["decision"]["status"])
    ]
    return Reply.json(logs[offset:])


def _decision(call: Call) -> dict[str, Any]:
    record: Optional[dict[str, Any]] = call.state.table("decisions").get(call.params["decisionID"])
    if record is None or record["owner"] != _owner(call):
        raise HttpError(404, "decision log not found")
    return record


def get_decision_log(call: Call) -> Reply:
    """``GET .../decision/{decisionID}``"""
    return Reply.json(_decision_view(_decision(call)))


def get_decision_log_policy_bundle(call: Call) -> Reply:
    """``GET .../decision/{decisionID}/policy-bundle``: the bundle the decision was made with (names only here)."""
    record = _decision(call)
    bundle = call.state.table("policy_bundles").get(record["owner"], {})
    return Reply.json(
        {name: [doc] for name, doc in bundle.items() if name in record["decision"].get("enabled_rules", [])}
    )


def get_decision_settings(call: Call) -> Reply:
    """``GET .../decision/settings``"""
    return Reply.json({"enabled": call.state.table("decision_settings").get(_owner(call), False)})


def set_decision_settings(call: Call) -> Reply:
    """``PATCH .../decision/settings``"""
    owner = _owner(call)
    if call.field("enabled") is not None:
        call.state.table("decision_settings")[owner] = call.field("enabled")
    return Reply.json({"enabled": call.state.table("decision_settings").get(owner, False)})


# -- context restrictions ---------------------------------------------------------------


def get_context_restrictions(call: Call) -> Reply:
    """``GET /context/{context_id}/restrictions``"""
    context = call.state.context(call.params["context_id"])
    items = [r for r in call.state.table("context_restrictions").values() if r["context_id"] == context.id]
    return Reply.json({"items": items, "next_page_token": None})


def create_context_restriction(call: Call) -> Reply:
    """``POST /context/{context_id}/restrictions``; a ``project`` restriction names a project id."""
    context = call.state.context(call.params["context_id"])
    kind, value = call.field("restriction_type"), call.field("restriction_value")
    if kind is None or not isinstance(value, str) or not value:
        raise HttpError(400, "restriction_type and restriction_value are required")
    view: dict[str, Any] = {"id": call.state.new_id(), "restriction_type": kind, "restriction_value": value}
    if kind == "project":
        project = call.state.project_by_id(value)
        view.update(project_id=project.id, name=project.name)
    elif kind == "group":
        group = find(call.state.table("groups"), value, "Group not found.")
        view["name"] = group["name"]
    else:
        view["name"] = value
    call.state.table("context_restrictions")[view["id"]] = {**view, "context_id": context.id}
    return Reply.json(view, 201)


def delete_context_restriction(call: Call) -> Reply:
    """``DELETE /context/{context_id}/restrictions/{restriction_id}``"""
    context, table = call.state.context(call.params["context_id"]), call.state.table("context_restrictions")
    found = table.get(call.params["restriction_id"])
    if found is None or found["context_id"] != context.id:
        raise HttpError(404, "Restriction not found.")
    del table[found["id"]]
    return Reply.message("Context restriction deleted.")


# -- pipelines: continuation and jobs by id -----------------------------------------------


def continuation_key(pipeline_id: str) -> str:
    """The key a pipeline's setup workflow continues it with (``CIRCLE_CONTINUATION_KEY``)."""
    return f"continuation-{pipeline_id}"


def continue_pipeline(call: Call) -> Reply:
    """``POST /pipeline/continue``: continue a pipeline once, with the key of :func:`continuation_key`."""
    key = call.field("continuation-key")
    pipeline_id = key[len("continuation-") :] if key.startswith("continuation-") else ""
    if pipeline_id not in call.state.pipelines:
        raise HttpError(400, "Invalid continuation key.")
    continued = call.state.table("continued")
    if pipeline_id in continued:
        raise HttpError(409, "Pipeline has already been continued.")
    continued[pipeline_id] = {"configuration": call.field("configuration"), "parameters": call.field("parameters")}
    return Reply.message("Pipeline continued.")


def _job_view(job: Job) -> dict[str, Any]:
    view = {
        "id": job.id,
        "name": job.name,
        "type": job.plan.type,
        "status": job.status,
        "project_id": job.project.id,
        "pipeline_id": job.workflow.pipeline.id,
        "workflow_id": job.workflow.id,
    }
    optional = {
        "job_number": job.number,
        "started_at": isoformat(job.started_at),
        "stopped_at": isoformat(job.stopped_at),
    }
    return {**view, **{k: v for k, v in optional.items() if v is not None}}


def get_job(call: Call) -> Reply:
    """``GET /jobs/{job_id}``"""
    return Reply.json(_job_view(call.state.job(call.params["job_id"])))


# -- OTel exporters ---------------------------------------------------------------------


def list_otel_exporters(call: Call) -> Reply:
    """``GET /otel/exporters?org-id=...``"""
    org_id = call.query.get("org-id")
    if not org_id:
        raise HttpError(400, "org-id is required")
    return Reply.json([e for e in call.state.table("otel_exporters").values() if e["org_id"] == org_id])


def create_otel_exporter(call: Call) -> Reply:
    """``POST /otel/exporters``: at most five per organization (the body is checked against the spec first)."""
    org_id = call.field("org_id")
    if org_id not in call.state.orgs:
        raise HttpError(404, "Organization not found")
    table = call.state.table("otel_exporters")
    if sum(e["org_id"] == org_id for e in table.values()) >= MAX_OTEL_EXPORTERS:
        raise HttpError(400, f"An organization can have at most {MAX_OTEL_EXPORTERS} exporters.")
    exporter = {
        "id": call.state.new_id(),
        "org_id": org_id,
        "endpoint": call.field("endpoint"),
        "protocol": call.field("protocol"),
        "insecure": bool(call.field("insecure", False)),
        "headers": dict(call.field("headers") or {}),
        "issues": [],
    }
    table[exporter["id"]] = exporter
    return Reply.json(exporter, 201)


def delete_otel_exporter(call: Call) -> Reply:
    """``DELETE /otel/exporters/{otel_exporter_id}``: 204, no body."""
    table = call.state.table("otel_exporters")
    del table[find(table, call.params["otel_exporter_id"], "Exporter not found.")["id"]]
    return Reply(204)


# -- pipeline definitions and triggers ---------------------------------------------------


def _repo(project: Project, source: dict[str, Any]) -> dict[str, Any]:
    view = {"provider": source.get("provider", "github_app")}
    if "repo" in source:
        view["repo"] = {"full_name": f"{project.org}/{project.name}", "external_id": source["repo"]["external_id"]}
    return view


def _definition_project(call: Call) -> Project:
    return call.state.project_by_id(call.params["project_id"])


def _definition(call: Call) -> dict[str, Any]:
    project = _definition_project(call)
    found: Optional[dict[str, Any]] = call.state.table("pipeline_definitions").get(
        call.params["pipeline_definition_id"]
    )
    if found is None or found["project_id"] != project.id:
        raise HttpError(404, "Pipeline definition not found.")
    return found


def _definition_view(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "project_id"}


def list_pipeline_definitions(call: Call) -> Reply:
    """``GET /projects/{project_id}/pipeline-definitions``"""
    project = _definition_project(call)
    table = call.state.table("pipeline_definitions").values()
    return Reply.json({"items": [_definition_view(d) for d in table if d["project_id"] == project.id]})


def create_pipeline_definition(call: Call) -> Reply:
    """``POST /projects/{project_id}/pipeline-definitions``"""
    project = _definition_project(call)
    config, checkout = call.field("config_source"), call.field("checkout_source")
    record = {
        "id": call.state.new_id(),
        "name": call.field("name"),
        "created_at": isoformat(call.state.clock.now()),
        "config_source": {**_repo(project, config), "file_path": config["file_path"]},
        "checkout_source": _repo(project, checkout),
        "project_id": project.id,
    }
    call.state.table("pipeline_definitions")[record["id"]] = record
    return Reply.json(_definition_view(record))


def get_pipeline_definition(call: Call) -> Reply:
    """``GET /projects/{project_id}/pipeline-definitions/{pipeline_definition_id}``"""
    return Reply.json(_definition_view(_definition(call)))


def update_pipeline_definition(call: Call) -> Reply:
    """``PATCH .../pipeline-definitions/{pipeline_definition_id}``: change the fields given."""
    record, project = _definition(call), _definition_project(call)
    if call.field("name") is not None:
        record["name"] = call.field("name")
    if (call.field("config_source") or {}).get("file_path") is not None:
        record["config_source"]["file_path"] = call.field("config_source")["file_path"]
    if call.field("checkout_source") is not None:
        record["checkout_source"] = _repo(project, {**record["checkout_source"], **call.field("checkout_source")})
    return Reply.json(_definition_view(record))


def delete_pipeline_definition(call: Call) -> Reply:
    """``DELETE .../pipeline-definitions/{pipeline_definition_id}`` and its triggers."""
    record = _definition(call)
    del call.state.table("pipeline_definitions")[record["id"]]
    triggers = call.state.table("triggers")
    for trigger_id in [t for t, v in triggers.items() if v["definition_id"] == record["id"]]:
        del triggers[trigger_id]
    return Reply.message("Pipeline definition deleted.")


def _trigger_view(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ("project_id", "definition_id")}


def _event_source(call: Call, project: Project, source: dict[str, Any], trigger_id: str) -> dict[str, Any]:
    view: dict[str, Any] = {"provider": source.get("provider", "github_app")}
    if "repo" in source:
        view["repo"] = {"full_name": f"{project.org}/{project.name}", "external_id": source["repo"]["external_id"]}
    if "webhook" in source:
        view["webhook"] = {"url": f"{call.root}/api/v2/trigger/{trigger_id}", **source["webhook"]}
    if "schedule" in source:
        schedule = source["schedule"]
        actor = call.state.user.id if schedule.get("attribution_actor", "current") == "current" else None
        view["schedule"] = {"cron_expression": schedule.get("cron_expression", "")}
        if actor:
            view["schedule"]["attribution_actor"] = {"id": actor}
    return view


def list_triggers(call: Call) -> Reply:
    """``GET .../pipeline-definitions/{pipeline_definition_id}/triggers``"""
    record = _definition(call)
    triggers = call.state.table("triggers").values()
    return Reply.json({"items": [_trigger_view(t) for t in triggers if t["definition_id"] == record["id"]]})


def create_trigger(call: Call) -> Reply:
    """``POST .../pipeline-definitions/{pipeline_definition_id}/triggers``"""
    record, project = _definition(call), _definition_project(call)
    trigger_id = call.state.new_id()
    trigger: dict[str, Any] = {
        "id": trigger_id,
        "event_name": call.field("event_name", ""),
        "event_source": _event_source(call, project, call.field("event_source"), trigger_id),
        "checkout_ref": call.field("checkout_ref", ""),
        "config_ref": call.field("config_ref", ""),
        "disabled": bool(call.field("disabled", False)),
        "project_id": project.id,
        "definition_id": record["id"],
    }
    for name in ("event_preset", "parameters"):
        if call.field(name) is not None:
            trigger[name] = call.field(name)
    call.state.table("triggers")[trigger_id] = trigger
    return Reply.json(_trigger_view(trigger))


def _trigger(call: Call) -> dict[str, Any]:
    project = _definition_project(call)
    found: Optional[dict[str, Any]] = call.state.table("triggers").get(call.params["trigger_id"])
    if found is None or found["project_id"] != project.id:
        raise HttpError(404, "Trigger not found.")
    return found


def get_trigger(call: Call) -> Reply:
    """``GET /projects/{project_id}/triggers/{trigger_id}``"""
    return Reply.json(_trigger_view(_trigger(call)))


def update_trigger(call: Call) -> Reply:
    """``PATCH /projects/{project_id}/triggers/{trigger_id}``: change the fields given."""
    trigger, project = _trigger(call), _definition_project(call)
    for name in ("event_preset", "checkout_ref", "config_ref", "event_name", "disabled", "parameters"):
        if call.field(name) is not None:
            trigger[name] = call.field(name)
    if call.field("event_source") is not None:
        source = {"provider": trigger["event_source"]["provider"], **call.field("event_source")}
        trigger["event_source"] = {
            **trigger["event_source"],
            **_event_source(call, project, source, trigger["id"]),
        }
    return Reply.json(_trigger_view(trigger))


def delete_trigger(call: Call) -> Reply:
    """``DELETE /projects/{project_id}/triggers/{trigger_id}``"""
    del call.state.table("triggers")[_trigger(call)["id"]]
    return Reply.message("Trigger deleted.")


# -- deploys and rollbacks ---------------------------------------------------------------


def record_deploy(
    state: State,
    project: Project,
    *,
    component: str,
    environment: str,
    version: str,
    job: Optional[Job] = None,
    namespace: str = "default",
) -> dict[str, Any]:
    """Record that ``version`` of a component went live in an environment (as CircleCI's deploy
    markers do); environment and component are created on first use. Returns the version record."""
    now = isoformat(state.clock.now())
    environments, components = state.table("deploy_environments"), state.table("deploy_components")
    env = next((e for e in environments.values() if e["name"] == environment and e["org_id"] == project.org_id), None)
    if env is None:
        env = {"id": state.new_id(), "name": environment, "created_at": now, "updated_at": now, "labels": []}
        environments[env["id"]] = {**env, "org_id": project.org_id}
        env = environments[env["id"]]
    comp = next((c for c in components.values() if c["name"] == component and c["project_id"] == project.id), None)
    if comp is None:
        comp = {"id": state.new_id(), "name": component, "project_id": project.id, "labels": [], "created_at": now}
        components[comp["id"]] = {**comp, "org_id": project.org_id, "release_count": 0, "updated_at": now}
        comp = components[comp["id"]]
    comp["release_count"] += 1
    comp["updated_at"] = env["updated_at"] = now
    versions = state.table("deploy_versions")
    for other in versions.values():
        if other["component_id"] == comp["id"] and other["environment_id"] == env["id"]:
            other["is_live"] = False
    record: dict[str, Any] = {
        "name": version,
        "environment_id": env["id"],
        "namespace": namespace,
        "is_live": True,
        "last_deployed_at": now,
        "component_id": comp["id"],
    }
    if job is not None:
        record.update(
            pipeline_id=job.workflow.pipeline.id, workflow_id=job.workflow.id, job_id=job.id, job_number=job.number
        )
    versions[state.new_id()] = record
    return record


def _int(text: Optional[str], name: str, default: int) -> int:
    if text is None:
        return default
    if not text.isdigit():
        raise HttpError(400, f"{name} must be a whole number")
    return int(text)


def _deploy_page(call: Call, items: list[dict[str, Any]]) -> Reply:
    size = _int(call.query.get("page-size"), "page-size", call.state.page_size)
    if not 1 <= size <= 100:
        raise HttpError(400, "page-size must be from 1 to 100")
    return Reply.json(page(items, call.query.get("page-token"), size))


def _public(record: dict[str, Any], *hidden: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ("org_id", *hidden)}


def _require_org(call: Call) -> str:
    org_id = call.query.get("org-id")
    if not org_id:
        raise HttpError(400, "org-id is required")
    return org_id


def list_environments(call: Call) -> Reply:
    """``GET /deploy/environments?org-id=...&page-size=...``"""
    org_id = _require_org(call)
    items = [_public(e) for e in call.state.table("deploy_environments").values() if e["org_id"] == org_id]
    return _deploy_page(call, items)


def get_environment(call: Call) -> Reply:
    """``GET /deploy/environments/{environment_id}``"""
    return Reply.json(
        _public(find(call.state.table("deploy_environments"), call.params["environment_id"], "Environment not found."))
    )


def list_components(call: Call) -> Reply:
    """``GET /deploy/components?org-id=...&page-size=...`` (optionally one ``project-id``)."""
    org_id, project_id = _require_org(call), call.query.get("project-id")
    items = [
        _public(c)
        for c in call.state.table("deploy_components").values()
        if c["org_id"] == org_id and project_id in (None, c["project_id"])
    ]
    return _deploy_page(call, items)


def get_component(call: Call) -> Reply:
    """``GET /deploy/components/{component_id}``"""
    return Reply.json(
        _public(find(call.state.table("deploy_components"), call.params["component_id"], "Component not found."))
    )


def list_component_versions(call: Call) -> Reply:
    """``GET /deploy/components/{component_id}/versions`` (optionally in one ``environment-id``), newest first."""
    component = find(call.state.table("deploy_components"), call.params["component_id"], "Component not found.")
    env_id = call.query.get("environment-id")
    items = [
        _public(v, "component_id")
        for v in reversed(list(call.state.table("deploy_versions").values()))
        if v["component_id"] == component["id"] and env_id in (None, v["environment_id"])
    ]
    return Reply.json({"items": items, "next_page_token": None})


def rollback_project(call: Call) -> Reply:
    """``POST /projects/{project_id}/rollback``: a pipeline that makes ``target_version`` live again.

    The environment, component and both versions must be known, and
    ``current_version`` must be the live one.
    """
    project = _definition_project(call)
    env = next(
        (e for e in call.state.table("deploy_environments").values() if e["name"] == call.field("environment_name")),
        None,
    )
    comp = next(
        (
            c
            for c in call.state.table("deploy_components").values()
            if c["name"] == call.field("component_name") and c["project_id"] == project.id
        ),
        None,
    )
    if env is None or comp is None:
        raise HttpError(404, "Environment or component not found.")
    versions = [
        v
        for v in call.state.table("deploy_versions").values()
        if v["component_id"] == comp["id"] and v["environment_id"] == env["id"]
    ]
    live = next((v["name"] for v in versions if v["is_live"]), None)
    if live != call.field("current_version"):
        raise HttpError(400, f"current_version is not the live version ({live})")
    if call.field("target_version") not in {v["name"] for v in versions}:
        raise HttpError(404, "Target version not found.")
    parameters = dict(call.field("parameters") or {})
    pipeline = call.state.trigger(project, parameters=parameters if project.parameters is None else {})
    record_deploy(
        call.state,
        project,
        component=comp["name"],
        environment=env["name"],
        version=call.field("target_version"),
        namespace=call.field("namespace") or "default",
    )
    return Reply.json({"id": pipeline.id, "rollback_type": "PIPELINE"}, 202)


OWNER = PREFIX + "/owner/{ownerID}/context/{context}"
CLAIMS_ORG = PREFIX + "/org/{orgID}/oidc-custom-claims"
CLAIMS_PROJECT = PREFIX + "/org/{orgID}/project/{projectID}/oidc-custom-claims"
VCS_PROJECT = PREFIX + "/project/{provider}/{organization}/{project}"
DEFINITIONS = PREFIX + "/projects/{project_id}/pipeline-definitions"

ROUTES = [
    Route("POST", PREFIX + "/organization", create_organization, "createOrganization"),
    Route("POST", ORG + "/project", create_project, "createProject"),
    Route("GET", ORG + "/url-orb-allow-list", list_url_orb_allow_list, "listURLOrbAllowListEntries"),
    Route("POST", ORG + "/url-orb-allow-list", create_url_orb_allow_list_entry, "createURLOrbAllowListEntry"),
    Route(
        "DELETE",
        ORG + "/url-orb-allow-list/{allow_list_entry_id}",
        remove_url_orb_allow_list_entry,
        "removeURLOrbAllowListEntry",
    ),
    Route("GET", ORG, get_organization, "getOrganization"),
    Route("DELETE", ORG, delete_organization, "deleteOrganization"),
    Route("DELETE", PREFIX + "/project/{project_slug:slug}", delete_project, "deleteProjectBySlug"),
    Route("GET", VCS_PROJECT + "/settings", get_project_settings, "getProjectSettings"),
    Route("PATCH", VCS_PROJECT + "/settings", patch_project_settings, "patchProjectSettings"),
    Route("POST", VCS_PROJECT, create_project_1, "createProject1"),
    Route("GET", PREFIX + "/organizations/{org_id}/groups", list_groups, "getOrganizationGroups"),
    Route("POST", PREFIX + "/organizations/{org_id}/groups", create_group, "createOrganizationGroup"),
    Route("GET", PREFIX + "/organizations/{org_id}/groups/{group_id}", get_group, "getGroup"),
    Route("DELETE", PREFIX + "/organizations/{org_id}/groups/{group_id}", delete_group, "deleteGroup"),
    Route("POST", PREFIX + "/organizations/{org_id}/usage_export_job", create_usage_export, "createUsageExport"),
    Route(
        "GET",
        PREFIX + "/organizations/{org_id}/usage_export_job/{usage_export_job_id}",
        get_usage_export,
        "getUsageExport",
    ),
    Route("GET", "/usage-exports/{job_id}/usage.csv", download_usage_export, "download_usage_export"),
    Route("GET", CLAIMS_ORG, get_claims, "GetOrgClaims"),
    Route("PATCH", CLAIMS_ORG, patch_claims, "PatchOrgClaims"),
    Route("DELETE", CLAIMS_ORG, delete_claims, "DeleteOrgClaims"),
    Route("GET", CLAIMS_PROJECT, get_claims, "GetProjectClaims"),
    Route("PATCH", CLAIMS_PROJECT, patch_claims, "PatchProjectClaims"),
    Route("DELETE", CLAIMS_PROJECT, delete_claims, "DeleteProjectClaims"),
    Route("GET", OWNER + "/policy-bundle", get_policy_bundle, "GetPolicyBundle"),
    Route("POST", OWNER + "/policy-bundle", create_policy_bundle, "CreatePolicyBundle"),
    Route("GET", OWNER + "/policy-bundle/{policyName}", get_policy_document, "GetPolicyDocument"),
    Route("GET", OWNER + "/decision", get_decision_logs, "GetDecisionLogs"),
    Route("POST", OWNER + "/decision", make_decision, "MakeDecision"),
    Route("GET", OWNER + "/decision/settings", get_decision_settings, "GetDecisionSettings"),
    Route("PATCH", OWNER + "/decision/settings", set_decision_settings, "SetDecisionSettings"),
    Route("GET", OWNER + "/decision/{decisionID}", get_decision_log, "GetDecisionLog"),
    Route(
        "GET",
        OWNER + "/decision/{decisionID}/policy-bundle",
        get_decision_log_policy_bundle,
        "GetDecisionLogPolicyBundle",
    ),
    Route("GET", PREFIX + "/context/{context_id}/restrictions", get_context_restrictions, "getContextRestrictions"),
    Route(
        "POST", PREFIX + "/context/{context_id}/restrictions", create_context_restriction, "createContextRestriction"
    ),
    Route(
        "DELETE",
        PREFIX + "/context/{context_id}/restrictions/{restriction_id}",
        delete_context_restriction,
        "deleteContextRestriction",
    ),
    Route("POST", PREFIX + "/pipeline/continue", continue_pipeline, "continuePipeline"),
    Route("GET", PREFIX + "/jobs/{job_id}", get_job, "getJob"),
    Route("GET", PREFIX + "/otel/exporters", list_otel_exporters, "listOtelExporters"),
    Route("POST", PREFIX + "/otel/exporters", create_otel_exporter, "createOtelExporter"),
    Route("DELETE", PREFIX + "/otel/exporters/{otel_exporter_id}", delete_otel_exporter, "deleteOtelExporter"),
    Route("GET", DEFINITIONS, list_pipeline_definitions, "listPipelineDefinitions"),
    Route("POST", DEFINITIONS, create_pipeline_definition, "createPipelineDefinition"),
    Route("GET", DEFINITIONS + "/{pipeline_definition_id}", get_pipeline_definition, "getPipelineDefinition"),
    Route("PATCH", DEFINITIONS + "/{pipeline_definition_id}", update_pipeline_definition, "updatePipelineDefinition"),
    Route("DELETE", DEFINITIONS + "/{pipeline_definition_id}", delete_pipeline_definition, "deletePipelineDefinition"),
    Route("GET", DEFINITIONS + "/{pipeline_definition_id}/triggers", list_triggers, "listPipelineDefinitionTriggers"),
    Route("POST", DEFINITIONS + "/{pipeline_definition_id}/triggers", create_trigger, "createTrigger"),
    Route("GET", PREFIX + "/projects/{project_id}/triggers/{trigger_id}", get_trigger, "getTrigger"),
    Route("PATCH", PREFIX + "/projects/{project_id}/triggers/{trigger_id}", update_trigger, "updateTrigger"),
    Route("DELETE", PREFIX + "/projects/{project_id}/triggers/{trigger_id}", delete_trigger, "deleteTrigger"),
    Route("POST", PREFIX + "/projects/{project_id}/rollback", rollback_project, "rollbackProject"),
    Route("GET", PREFIX + "/deploy/environments", list_environments, "listEnvironments"),
    Route("GET", PREFIX + "/deploy/environments/{environment_id}", get_environment, "getEnvironment"),
    Route("GET", PREFIX + "/deploy/components", list_components, "listComponents"),
    Route("GET", PREFIX + "/deploy/components/{component_id}", get_component, "getComponent"),
    Route(
        "GET", PREFIX + "/deploy/components/{component_id}/versions", list_component_versions, "listComponentVersions"
    ),
]
"""The routes of this module, each named after its ``operationId``."""
