"""The API v3 routes of FakeCircleCI beyond runs, projects and contexts.

Providers, config compile, tool releases, deploy, iOS signing, orb
namespaces, orbs, functions, the catalog, runners (the v3 surface and the
legacy runner service, which share their resource classes and tokens),
notifications and charges. Each organization of the shared state gets a
few seeded objects the first time a v3 request is answered after it
appears (see :func:`sync`).
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any, Callable, Optional

from .clock import isoformat
from .routing import Reply
from .v3_base import V3Call, V3Error, collection, created, entity, no_content, not_found, single

__all__ = ["ROWS", "LegacyError", "sync"]

RELEASES = {"circleci-cli": "0.1.33000", "circleci-runner": "3.2.1"}
CATEGORIES = ("Deployment", "Testing", "Notifications")
FUNCTIONS = ("github.com/circleci-functions/setup-go", "github.com/circleci-functions/setup-node")
PREFERENCES = ("workflow_failed", "workflow_succeeded", "job_failed")


class LegacyError(Exception):
    """A failure of the legacy runner service, answered as ``{"message": ...}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# -- seeding ---------------------------------------------------------------------


def sync(call: V3Call) -> None:
    """Give organizations and projects that appeared since the last request their seeded v3 objects."""
    store, state = call.store, call.state
    for project in list(state.projects.values()):
        if project.id in store.known_projects:
            continue
        store.known_projects.add(project.id)
        now = isoformat(state.clock.now())
        ident = state.new_id()
        config = {"type": "vcs", "file_path": ".circleci/config.yml", "vcs": {"provider": "github_oauth"}}
        store.table("pipeline")[ident] = entity(
            ident,
            {"name": "build", "description": "Runs .circleci/config.yml", "created_at": now, "config": config},
            project=project.id,
        )
        if project.org_id not in store.known_orgs:
            store.known_orgs.add(project.org_id)
            _seed_org(call, project.org_id, project.org, now)
        component = state.new_id()
        store.table("deploy-component")[component] = entity(component, {"name": project.name}, project=project.id)
        version = state.new_id()
        store.table("deploy-component-version")[version] = entity(
            version, {"name": "1.0.0", "created_at": now}, component=component
        )
        env = next(
            e for e in store.table("deploy-environment").values() if e["references"]["org"]["id"] == project.org_id
        )
        deployment = state.new_id()
        store.table("deployment")[deployment] = entity(
            deployment,
            {
                "type": "deployment",
                "status": "succeeded",
                "target_version": {"name": "1.0.0"},
                "is_rollback": False,
                "created_at": now,
                "ended_at": now,
            },
            deploy_component={"id": component, "attributes": {"name": project.name}},
            deploy_environment=env["id"],
            project=project.id,
        )


def _seed_org(call: V3Call, org_id: str, name: str, now: Optional[str]) -> None:
    store, state = call.store, call.state
    ident = state.new_id()
    store.table("deploy-environment")[ident] = entity(ident, {"name": "production"}, org=org_id)
    ident = state.new_id()
    store.table("provider-connection")[ident] = entity(
        ident,
        {"provider": "github_app", "external_id": str(10000 + len(store.known_orgs)), "login": name},
        org=org_id,
    )
    ident = state.new_id()
    store.table("notification-integration")[ident] = entity(
        ident,
        {
            "type": "slack",
            "workspace_name": f"{name}-workspace",
            "team_id": "T0001",
            "status": "active",
            "created_at": now,
            "updated_at": now,
        },
        org={"id": org_id, "attributes": {"name": name}},
    )
    namespace = state.new_id()
    store.table("namespace")[namespace] = entity(namespace, {"name": name}, org=org_id)
    if not store.table("orb-category"):
        for category in CATEGORIES:
            ident = state.new_id()
            store.table("orb-category")[ident] = entity(ident, {"name": category})
        for function in FUNCTIONS:
            ident = state.new_id()
            store.table("function-package")[ident] = entity(
                ident,
                {
                    "name": function,
                    "description": f"The {function.rsplit('/', 1)[-1]} function",
                    "latest_version": "1.0.0",
                },
                versions=[{"id": state.new_id(), "attributes": {"version": "1.0.0"}}],
            )
        for index, preference in enumerate(PREFERENCES):
            ident = state.new_id()
            store.table("notification-preference")[ident] = entity(
                ident,
                {
                    "preference_name": preference,
                    "channel": "email",
                    "scope": "user",
                    "preference_display_order": index,
                    "preference_experimental": False,
                    "group_id": "workflows",
                    "group_name": "Workflows",
                    "group_display_order": 0,
                    "group_experimental": False,
                    "user_configurable": True,
                    "is_enabled": preference != "workflow_succeeded",
                },
                user=state.user.id,
            )


def _ref(found: dict[str, Any], name: str) -> Optional[str]:
    ref = found.get("references", {}).get(name)
    return ref.get("id") if isinstance(ref, dict) else None


def _where(call: V3Call, kind: str, **refs: Optional[str]) -> list[dict[str, Any]]:
    """The entities of a kind whose references match every given (non-None) id."""
    return [
        found
        for found in call.store.table(kind).values()
        if all(value is None or _ref(found, name) == value for name, value in refs.items())
    ]


def _new(call: V3Call, kind: str, attributes: dict[str, Any], **refs: Any) -> dict[str, Any]:
    ident = call.state.new_id()
    found = entity(ident, attributes, **refs)
    call.store.table(kind)[ident] = found
    return found


def _delete(call: V3Call, kind: str, param: str, what: str) -> Reply:
    call.store.get(kind, call.params[param], what)
    del call.store.table(kind)[call.params[param]]
    return no_content()


def _getter(name: str, kind: str, param: str, what: str) -> Callable[[V3Call], Reply]:
    """A handler named ``name`` that answers one entity of ``kind`` by the path parameter ``param``."""

    def get(call: V3Call) -> Reply:
        return single(call.store.get(kind, call.params[param], what))

    get.__name__ = name
    get.__doc__ = f"One {what}."
    return get


# -- providers, config, tools ----------------------------------------------------


def list_provider_connections(call: V3Call) -> Reply:
    """An organization's VCS connections (none is an empty list)."""
    return collection(call, _where(call, "provider-connection", org=call.require_filter("org_id")))


def setup_provider_connection(call: V3Call) -> Reply:
    """Start connecting a provider: a redirect URL with a fresh state token."""
    org = call.require_filter("org_id")
    body = call.flat(("type", "vcs", "return_url"), ("type", "vcs"))
    provider = (body.get("vcs") or {}).get("provider")
    if body["type"] != "vcs" or not provider:
        raise V3Error(400, "Invalid Value", "type must be vcs and vcs.provider is required.")
    token = call.state.new_id()
    url = f"https://github.example.com/apps/circleci/installations/new?state={token}&org={org}"
    return single({"attributes": {"next_step": "redirect", "url": url, "state_token": token}})


def list_provider_repositories(call: V3Call) -> Reply:
    """The repositories an organization's connection reaches (its projects); no limit with a cursor."""
    org = call.require_filter("org_id")
    if "page[limit]" in call.query and "page[cursor]" in call.query:
        raise V3Error(400, "Invalid page size", "page[limit] cannot be sent with page[cursor].", pointer="/page/limit")
    provider = call.filter("provider") or "github_app"
    items = [
        entity(
            None,
            {
                "repo_id": str(int(hashlib.sha256(p.id.encode()).hexdigest()[:8], 16)),
                "owner": p.org,
                "repo_name": p.name,
                "repo_full_name": f"{p.org}/{p.name}",
                "default_branch": p.default_branch,
                "is_private": True,
                "provider": provider,
            },
        )
        for p in sorted(call.state.projects.values(), key=lambda p: p.name)
        if p.org_id == org
    ]
    return collection(call, items, 100)


def compile_config(call: V3Call) -> Reply:
    """Compile a config: 200 either way; a config without ``version:`` fails with ``meta.messages``."""
    attrs, _ = call.envelope(
        ("config", "enable_next_preview", "pipeline_parameters", "pipeline_values"), ("org",), ("config",)
    )
    config = str(attrs["config"])
    if "version:" not in config:
        body = {
            "data": {"attributes": {"phase": "ended", "outcome": "failed"}},
            "meta": {"messages": [{"title": "config has no 'version' key"}]},
        }
        return Reply.json(body)
    return single({"attributes": {"phase": "ended", "outcome": "succeeded", "compiled_config": config}})


def list_tool_releases(call: V3Call) -> Reply:
    """The latest release of a tool (``filter[tool]`` required; no token needed)."""
    tool = call.require_filter("tool")
    items = (
        [
            entity(
                f"{tool}-{RELEASES[tool]}",
                {"tool": tool, "version": RELEASES[tool], "published_at": "2026-08-01T00:00:00Z"},
            )
        ]
        if tool in RELEASES
        else []
    )
    return Reply.json({"data": items}, headers={"Cache-Control": "private, max-age=3600"})


# -- deploy ------------------------------------------------------------------------


def list_deployments(call: V3Call) -> Reply:
    """An organization's deployments, optionally of one project."""
    org = call.require_filter("org_id")
    projects = {p.id for p in call.state.projects.values() if p.org_id == org}
    wanted = call.filter("project_id")
    items = [
        d
        for d in _where(call, "deployment")
        if _ref(d, "project") in projects and (not wanted or _ref(d, "project") == wanted)
    ]
    return collection(call, items)


def list_deploy_environments(call: V3Call) -> Reply:
    """An organization's deploy environments."""
    return collection(call, _where(call, "deploy-environment", org=call.require_filter("org_id")))


def list_deploy_components(call: V3Call) -> Reply:
    """An organization's deploy components, optionally of one project."""
    org = call.require_filter("org_id")
    projects = {p.id for p in call.state.projects.values() if p.org_id == org}
    wanted = call.filter("project_id")
    items = [
        c
        for c in _where(call, "deploy-component")
        if _ref(c, "project") in projects and (not wanted or _ref(c, "project") == wanted)
    ]
    return collection(call, items)


def list_deploy_component_versions(call: V3Call) -> Reply:
    """The versions of a component."""
    call.store.get("deploy-component", call.params["component_id"], "component")
    return collection(call, _where(call, "deploy-component-version", component=call.params["component_id"]))


def get_deploy_settings(call: V3Call) -> Reply:
    """A project's deploy settings (``{}`` attributes until configured)."""
    project = call.require_filter("project_id")
    if not any(p.id == project for p in call.state.projects.values()):
        raise not_found("project")
    return single(entity(project, {}, project=project))


# -- signing -------------------------------------------------------------------------


def list_signing_certificates(call: V3Call) -> Reply:
    """An organization's signing certificates."""
    return collection(call, _where(call, "signing-certificate", org=call.require_filter("org_id")))


def create_signing_certificate(call: V3Call) -> Reply:
    """Upload a base64 .p12 certificate; only the id comes back."""
    attrs, refs = call.envelope(
        ("file_name", "cert_blob", "cert_password"), ("org",), ("file_name", "cert_blob", "references.org")
    )
    try:
        blob = base64.b64decode(attrs["cert_blob"], validate=True)
    except ValueError:
        raise V3Error(400, "Invalid Value", "cert_blob must be base64.", pointer="/data/attributes/cert_blob") from None
    if len(attrs["file_name"]) > 40:
        raise V3Error(400, "Invalid Value", "file_name is longer than 40 characters.")
    found = _new(
        call,
        "signing-certificate",
        {
            "file_name": attrs["file_name"],
            "cert_type": "distribution",
            "fingerprint": hashlib.sha1(blob).hexdigest(),
            "created_at": call.now(),
            "expires_at": None,
        },
        org=refs["org"],
    )
    return created({"id": found["id"]})


def delete_signing_certificate(call: V3Call) -> Reply:
    """Delete a certificate; 409 while a signing config uses it."""
    ident = call.params["certificate_id"]
    call.store.get("signing-certificate", ident, "certificate")
    if any(c.get("_certificate") == ident for c in call.store.table("signing-config").values()):
        raise V3Error(409, "Conflict", "A signing config uses this certificate.")
    return _delete(call, "signing-certificate", "certificate_id", "certificate")


def list_signing_configs(call: V3Call) -> Reply:
    """An organization's signing configs."""
    org = call.require_filter("org_id")
    items = [
        {k: v for k, v in c.items() if not k.startswith("_")}
        for c in call.store.table("signing-config").values()
        if c["_org"] == org
    ]
    return collection(call, items)


def create_signing_config(call: V3Call) -> Reply:
    """Create a signing config; 409 when the name is taken in the organization."""
    attrs, refs = call.envelope(
        ("name", "provisioning_profiles"),
        ("org", "signing_certificate"),
        ("name", "references.org", "references.signing_certificate"),
    )
    certificate = call.store.get("signing-certificate", refs["signing_certificate"], "certificate")
    if any(
        c["_org"] == refs["org"] and c["attributes"]["name"] == attrs["name"]
        for c in call.store.table("signing-config").values()
    ):
        raise V3Error(409, "Conflict", f"A signing config named {attrs['name']!r} exists.")
    profiles = [
        {"id": call.state.new_id(), "file_name": p.get("file_name", "")}
        for p in attrs.get("provisioning_profiles") or []
    ]
    found = entity(
        call.state.new_id(),
        {"name": attrs["name"], "provisioning_profiles": profiles},
        signing_certificate={"attributes": {k: certificate["attributes"][k] for k in ("file_name", "cert_type")}},
    )
    found.update(_org=refs["org"], _certificate=certificate["id"])
    call.store.table("signing-config")[found["id"]] = found
    return created({"id": found["id"]})


def delete_signing_config(call: V3Call) -> Reply:
    """Delete a signing config."""
    return _delete(call, "signing-config", "config_id", "signing config")


def update_signing_config_profile(call: V3Call) -> Reply:
    """Add or replace a provisioning profile of a signing config."""
    config = call.store.get("signing-config", call.params["config_id"], "signing config")
    body = call.flat(("file_name", "blob"), ("file_name", "blob"))
    profiles = [p for p in config["attributes"]["provisioning_profiles"] if p["file_name"] != body["file_name"]]
    config["attributes"]["provisioning_profiles"] = [
        *profiles,
        {"id": call.state.new_id(), "file_name": body["file_name"]},
    ]
    return no_content()


def remove_signing_config_profile(call: V3Call) -> Reply:
    """Remove a provisioning profile; an absent one is still 204."""
    config = call.store.get("signing-config", call.params["config_id"], "signing config")
    body = call.flat(("profile_id",), ("profile_id",))
    profiles = config["attributes"]["provisioning_profiles"]
    config["attributes"]["provisioning_profiles"] = [p for p in profiles if p["id"] != body["profile_id"]]
    return no_content()


# -- namespaces, orbs, functions, catalog ---------------------------------------------


def _public(found: dict[str, Any]) -> dict[str, Any]:
    return {"id": found["id"], "attributes": found["attributes"]}


def get_namespace_by_name(call: V3Call) -> Reply:
    """One namespace by name: a single entity, 404 when absent."""
    name = call.require_filter("name")
    found = next((n for n in call.store.table("namespace").values() if n["attributes"]["name"] == name), None)
    if found is None:
        raise not_found("namespace")
    return single(_public(found))


def get_namespace(call: V3Call) -> Reply:
    """One namespace by id."""
    return single(_public(call.store.get("namespace", call.params["namespace_id"], "namespace")))


def create_namespace(call: V3Call) -> Reply:
    """Create a namespace (flat body); 409 when the name is taken."""
    body = call.flat(("name", "org_id"), ("name", "org_id"))
    if any(n["attributes"]["name"] == body["name"] for n in call.store.table("namespace").values()):
        raise V3Error(409, "Conflict", f"The namespace {body['name']!r} exists.")
    return created(_public(_new(call, "namespace", {"name": body["name"]}, org=body["org_id"])))


def rename_namespace(call: V3Call) -> Reply:
    """Rename a namespace, and the names of its orbs."""
    found = call.store.get("namespace", call.params["namespace_id"], "namespace")
    body = call.flat(("name",), ("name",))
    old = found["attributes"]["name"]
    found["attributes"]["name"] = body["name"]
    for orb in _where(call, "orb-package", namespace=found["id"]):
        orb["attributes"]["name"] = body["name"] + orb["attributes"]["name"][len(old) :]
    return single(_public(found))


def delete_namespace(call: V3Call) -> Reply:
    """Delete a namespace and its orbs."""
    ident = call.params["namespace_id"]
    call.store.get("namespace", ident, "namespace")
    for orb in _where(call, "orb-package", namespace=ident):
        del call.store.table("orb-package")[orb["id"]]
    return _delete(call, "namespace", "namespace_id", "namespace")


def _orb_view(call: V3Call, orb: dict[str, Any]) -> dict[str, Any]:
    versions = sorted(
        _where(call, "orb-version", orb_package=orb["id"]), key=lambda v: v["attributes"]["created_at"], reverse=True
    )
    view = {"id": orb["id"], "attributes": orb["attributes"], "references": dict(orb["references"])}
    view["references"]["orb_versions"] = [
        {"id": v["id"], "attributes": {"version": v["attributes"]["version"]}} for v in versions
    ]
    return view


def list_orb_packages(call: V3Call) -> Reply:
    """Orbs; ``filter[name]`` is an exact lookup that overrides the other filters."""
    orbs = list(call.store.table("orb-package").values())
    name = call.filter("name")
    if name:
        return Reply.json(
            {
                "data": [_orb_view(call, o) for o in orbs if o["attributes"]["name"] == name],
                "page": {"next": None, "prev": None},
            }
        )
    namespace = call.filter("namespace_id")
    visibility = call.filter("visibility")
    if namespace:
        orbs = [o for o in orbs if _ref(o, "namespace") == namespace]
        if visibility:
            orbs = [o for o in orbs if o["attributes"]["is_private"] == (visibility == "private")]
    if call.filter("certified") == "true":
        orbs = []
    return collection(call, [_orb_view(call, o) for o in orbs], 1000)


def create_orb_package(call: V3Call) -> Reply:
    """Create an orb in a namespace (its name given bare)."""
    attrs, refs = call.envelope(("name", "is_private"), ("namespace",), ("name", "references.namespace"))
    if "/" in attrs["name"]:
        raise V3Error(400, "Invalid Value", f"Cannot create an Orb named '{attrs['name']}': give the bare name.")
    namespace = call.store.get("namespace", refs["namespace"], "namespace")
    full = f"{namespace['attributes']['name']}/{attrs['name']}"
    if any(o["attributes"]["name"] == full for o in call.store.table("orb-package").values()):
        raise V3Error(409, "Conflict", f"The orb {full!r} exists.")
    attributes = {
        "name": full,
        "is_private": bool(attrs.get("is_private")),
        "is_listed": True,
        "created_at": call.now(),
        "last_30_days_build_count": 0,
        "last_30_days_project_count": 0,
        "last_30_days_org_count": 0,
    }
    found = _new(
        call,
        "orb-package",
        attributes,
        namespace={"id": namespace["id"], "attributes": {"name": namespace["attributes"]["name"]}},
    )
    return created(_orb_view(call, found))


def get_orb_package(call: V3Call) -> Reply:
    """One orb, with its versions (newest first)."""
    return single(_orb_view(call, call.store.get("orb-package", call.params["orb_id"], "orb")))


def _validation(call: V3Call) -> Reply:
    body = call.flat(("yaml", "org_id"), ("yaml",))
    errors = [] if "version:" in str(body["yaml"]) else ["orb has no 'version' key"]
    attributes = {"is_valid": not errors, "output_yaml": str(body["yaml"]) if not errors else "", "errors": errors}
    return single({"attributes": attributes})


def validate_orb(call: V3Call) -> Reply:
    """Validate orb YAML (flat body)."""
    return _validation(call)


def process_orb(call: V3Call) -> Reply:
    """Validate and expand orb YAML (the fake's expansion is the source itself)."""
    return _validation(call)


def set_orb_listed(call: V3Call) -> Reply:
    """Show or hide an orb in the registry."""
    orb = call.store.get("orb-package", call.params["orb_id"], "orb")
    orb["attributes"]["is_listed"] = bool(call.flat(("is_listed",), ("is_listed",))["is_listed"])
    return single(_orb_view(call, orb))


def _category(call: V3Call, add: bool) -> Reply:
    orb = call.store.get("orb-package", call.params["orb_id"], "orb")
    category = call.store.get("orb-category", call.flat(("category_id",), ("category_id",))["category_id"], "category")
    kept = [c for c in orb["references"].get("orb_categories", []) if c["id"] != category["id"]]
    orb["references"]["orb_categories"] = [*kept, _public(category)] if add else kept
    return single(_orb_view(call, orb))


def add_orb_category(call: V3Call) -> Reply:
    """Put an orb in a category."""
    return _category(call, True)


def remove_orb_category(call: V3Call) -> Reply:
    """Take an orb out of a category."""
    return _category(call, False)


def _version_view(found: dict[str, Any], source: bool = False) -> dict[str, Any]:
    attributes = {k: v for k, v in found["attributes"].items() if source or k != "source"}
    return {"id": found["id"], "attributes": attributes, "references": found["references"]}


def list_orb_versions(call: V3Call) -> Reply:
    """An orb's versions, or the one of a ref (``ns/orb@1.2.3``, which overrides the other filters)."""
    versions = list(call.store.table("orb-version").values())
    ref = call.filter("ref")
    if ref:
        name, _, version = ref.partition("@")
        chosen = [
            v
            for v in versions
            if v["references"]["orb_package"]["attributes"]["name"] == name and v["attributes"]["version"] == version
        ]
        return Reply.json({"data": [_version_view(v, True) for v in chosen], "page": {"next": None, "prev": None}})
    orb = call.require_filter("orb_id")
    channel = call.filter("channel")
    chosen = [v for v in versions if _ref(v, "orb_package") == orb]
    if channel:
        chosen = [v for v in chosen if v["attributes"]["version"].startswith("dev:") == (channel == "dev")]
    return collection(call, [_version_view(v, True) for v in chosen])


def publish_orb_version(call: V3Call) -> Reply:
    """Publish a version of an orb; a stable version cannot be published twice."""
    attrs, _ = call.envelope(("orb_id", "yaml", "version"), (), ("orb_id", "yaml", "version"))
    orb = call.store.get("orb-package", attrs["orb_id"], "orb")
    same = [
        v for v in _where(call, "orb-version", orb_package=orb["id"]) if v["attributes"]["version"] == attrs["version"]
    ]
    if same and not attrs["version"].startswith("dev:"):
        raise V3Error(409, "Conflict", f"Version {attrs['version']} is published and cannot change.")
    for old in same:
        del call.store.table("orb-version")[old["id"]]
    found = _new(
        call,
        "orb-version",
        {"version": attrs["version"], "created_at": call.now(), "source": attrs["yaml"]},
        orb_package={"id": orb["id"], "attributes": {"name": orb["attributes"]["name"]}},
    )
    return created(_version_view(found))


def get_orb_version(call: V3Call) -> Reply:
    """One orb version (without its source)."""
    return single(_version_view(call.store.get("orb-version", call.params["version_id"], "orb version")))


def get_orb_version_source(call: V3Call) -> Reply:
    """An orb version's YAML, as ``text/plain``."""
    found = call.store.get("orb-version", call.params["version_id"], "orb version")
    return Reply(200, str(found["attributes"]["source"]).encode(), {"Content-Type": "text/plain; charset=utf-8"})


def promote_orb_version(call: V3Call) -> Reply:
    """Promote a dev version to the next stable one (``segment``) or to ``semantic_version``."""
    found = call.store.get("orb-version", call.params["version_id"], "orb version")
    body = call.flat(("segment", "semantic_version"))
    if bool(body.get("segment")) == bool(body.get("semantic_version")):
        raise V3Error(400, "Invalid Body", "Send exactly one of segment and semantic_version.")
    if not found["attributes"]["version"].startswith("dev:"):
        raise V3Error(400, "Invalid Version", "Only dev versions can be promoted.")
    orb = found["references"]["orb_package"]
    version = body.get("semantic_version") or _next_version(call, orb["id"], body["segment"])
    promoted = _new(
        call,
        "orb-version",
        {"version": version, "created_at": call.now(), "source": found["attributes"]["source"]},
        orb_package=orb,
    )
    return created(_version_view(promoted))


def _next_version(call: V3Call, orb_id: str, segment: str) -> str:
    if segment not in ("major", "minor", "patch"):
        raise V3Error(400, "Invalid Value", "segment must be major, minor or patch.", pointer="/segment")
    stable = [
        tuple(int(part) for part in v["attributes"]["version"].split("."))
        for v in _where(call, "orb-version", orb_package=orb_id)
        if not v["attributes"]["version"].startswith("dev:")
    ]
    major, minor, patch = max(stable, default=(0, 0, 0))
    bumped = {"major": (major + 1, 0, 0), "minor": (major, minor + 1, 0), "patch": (major, minor, patch + 1)}[segment]
    return ".".join(str(part) for part in bumped)


def list_orb_categories(call: V3Call) -> Reply:
    """Orb categories (``filter[name]`` exact)."""
    name = call.filter("name")
    items = [c for c in call.store.table("orb-category").values() if not name or c["attributes"]["name"] == name]
    return collection(call, items)


def list_function_packages(call: V3Call) -> Reply:
    """Published CircleCI functions (``filter[name]`` exact)."""
    name = call.filter("name")
    items = [f for f in call.store.table("function-package").values() if not name or f["attributes"]["name"] == name]
    return collection(call, items)


def get_catalog_offerings(call: V3Call) -> Reply:
    """The execution catalog: resource classes and images per platform."""
    attributes = {
        "linux": {"medium": ["cimg/base:current"], "large": ["cimg/base:current"]},
        "windows": {"windows.medium": ["windows-server-2022-gui:current"]},
        "macos": {"m4pro.medium": ["xcode:16.4.0"]},
        "deprecated": {},
    }
    return single({"attributes": attributes})


# -- runners: the v3 surface -------------------------------------------------------


def _resource_class_view(found: dict[str, Any]) -> dict[str, Any]:
    return {"id": found["id"], "attributes": found["attributes"]}


def _resource_classes(call: V3Call, scope: tuple[str, str]) -> list[dict[str, Any]]:
    name, value = scope
    classes = list(call.store.table("runner-resource-class").values())
    if name == "org_id":
        return [c for c in classes if c["_org"] == value]
    if name == "namespace":
        return [c for c in classes if c["attributes"]["resource_class"].split("/")[0] == value]
    if name == "resource_class_id":
        return [c for c in classes if c["id"] == value]
    return [c for c in classes if c["attributes"]["resource_class"] == value]


def list_runner_resource_classes(call: V3Call) -> Reply:
    """Resource classes of one org, namespace or name (exactly one of those filters)."""
    scope = call.one_filter("org_id", "namespace", "resource_class")
    chosen = _resource_classes(call, scope)
    if scope[0] == "resource_class" and not chosen:
        raise not_found("resource class")
    return collection(call, [_resource_class_view(c) for c in chosen])


def _create_resource_class(call: V3Call, name: str, description: str, org: str) -> dict[str, Any]:
    if "/" not in name:
        raise V3Error(400, "Invalid Value", "resource_class must be <namespace>/<name>.")
    if any(c["attributes"]["resource_class"] == name for c in call.store.table("runner-resource-class").values()):
        raise V3Error(409, "Conflict", f"The resource class {name!r} exists.")
    ident = call.state.new_id()
    found = {"id": ident, "attributes": {"resource_class": name, "description": description}, "_org": org}
    call.store.table("runner-resource-class")[ident] = found
    return found


def create_runner_resource_class(call: V3Call) -> Reply:
    """Create a resource class."""
    attrs, refs = call.envelope(("resource_class", "description"), ("org",), ("resource_class", "references.org"))
    found = _create_resource_class(call, attrs["resource_class"], attrs.get("description", ""), refs["org"])
    return created(_resource_class_view(found))


def _resource_class(call: V3Call) -> dict[str, Any]:
    return call.store.get("runner-resource-class", call.params["resource_class_id"], "resource class")


def get_runner_resource_class(call: V3Call) -> Reply:
    """One resource class."""
    return single(_resource_class_view(_resource_class(call)))


def update_runner_resource_class(call: V3Call) -> Reply:
    """Change a resource class's description."""
    found = _resource_class(call)
    found["attributes"]["description"] = call.flat(("description",), ("description",))["description"]
    return single(_resource_class_view(found))


def _tokens_of(call: V3Call, class_id: str) -> list[dict[str, Any]]:
    return [t for t in call.store.table("runner-token").values() if t["references"]["resource_class"]["id"] == class_id]


def _remove_class(call: V3Call, class_id: str, force: bool) -> bool:
    """Remove a resource class; ``False`` when it still has tokens and ``force`` is off."""
    tokens = _tokens_of(call, class_id)
    if tokens and not force:
        return False
    for token in tokens:
        del call.store.table("runner-token")[token["id"]]
    del call.store.table("runner-resource-class")[class_id]
    return True


def delete_runner_resource_class(call: V3Call) -> Reply:
    """Delete a resource class; 409 while it has tokens unless ``force=true``."""
    found = _resource_class(call)
    if not _remove_class(call, found["id"], call.query.get("force") == "true"):
        raise V3Error(409, "Conflict", "The resource class has tokens; delete them or pass force=true.")
    return no_content()


def _token_view(found: dict[str, Any], secret: bool = False) -> dict[str, Any]:
    attributes = {k: v for k, v in found["attributes"].items() if secret or k != "token"}
    return {"id": found["id"], "attributes": attributes, "references": found["references"]}


def list_runner_tokens(call: V3Call) -> Reply:
    """The tokens of one resource class (by name or id)."""
    scope = call.one_filter("resource_class", "resource_class_id")
    classes = {c["id"] for c in _resource_classes(call, scope)}
    items = [
        _token_view(t)
        for t in call.store.table("runner-token").values()
        if t["references"]["resource_class"]["id"] in classes
    ]
    return collection(call, items)


def _create_token(call: V3Call, class_id: str, nickname: str) -> dict[str, Any]:
    rc = call.store.get("runner-resource-class", class_id, "resource class")
    found = _new(
        call,
        "runner-token",
        {
            "nickname": nickname,
            "created_at": call.now(),
            "token": hashlib.sha256(call.state.new_id().encode()).hexdigest(),
        },
        resource_class={"id": rc["id"], "attributes": {"resource_class": rc["attributes"]["resource_class"]}},
    )
    return found


def create_runner_token(call: V3Call) -> Reply:
    """Create a runner token; its secret is in this answer only."""
    attrs, refs = call.envelope(("nickname",), ("resource_class",), ("nickname", "references.resource_class"))
    return created(_token_view(_create_token(call, refs["resource_class"], attrs["nickname"]), secret=True))


def delete_runner_token(call: V3Call) -> Reply:
    """Delete a runner token."""
    return _delete(call, "runner-token", "token_id", "token")


def _agents(call: V3Call, classes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        entity(
            hashlib.sha256(c["id"].encode()).hexdigest()[:32],
            {
                "name": f"{c['attributes']['resource_class'].split('/')[-1]}-agent-1",
                "is_busy": False,
                "version": "3.2.1",
                "first_connected_at": isoformat(0.0),
                "last_connected_at": call.now(),
            },
            resource_class={"id": c["id"], "attributes": {"resource_class": c["attributes"]["resource_class"]}},
        )
        for c in classes
        if _tokens_of(call, c["id"])
    ]


def list_runner_agents(call: V3Call) -> Reply:
    """Connected agents: one per resource class that has a token."""
    classes = _resource_classes(call, call.one_filter("org_id", "namespace", "resource_class"))
    return collection(call, _agents(call, classes), 250)


def _fleet(call: V3Call, found: dict[str, Any], detail: bool) -> dict[str, Any]:
    agents = _agents(call, [found])
    attributes = {
        "name": found["attributes"]["resource_class"],
        "active_agents": 0,
        "idle_agents": len(agents),
        "disconnected_agents": 0,
        "agent_count": len(agents),
        "running_tasks": 0 if detail else None,
        "queued_tasks": 0 if detail else None,
    }
    agent_refs = [{"id": a["id"], "attributes": {"name": a["attributes"]["name"]}} for a in agents]
    return entity(found["id"], attributes, resource_class=found["id"], runner_agents=agent_refs)


def list_runner_fleets(call: V3Call) -> Reply:
    """Per-resource-class summaries (exactly one scope filter)."""
    classes = _resource_classes(call, call.one_filter("org_id", "namespace", "resource_class", "resource_class_id"))
    return collection(call, [_fleet(call, c, False) for c in classes], 250)


def get_runner_fleet(call: V3Call) -> Reply:
    """One fleet, with its task counts."""
    return single(_fleet(call, _resource_class(call), True))


# -- runners: the legacy runner service (``{"items": ...}``, ``{"message": ...}``) ---


def _legacy_class(found: dict[str, Any]) -> dict[str, Any]:
    return {"id": found["id"], **found["attributes"]}


def _legacy_scope(call: V3Call, *names: str) -> tuple[str, str]:
    given = [(name, call.query[name]) for name in names if call.query.get(name)]
    if not given:
        raise LegacyError(400, f"one of {', '.join(names)} is required")
    name, value = given[-1] if "org-id" in dict(given) else given[0]
    return {"org-id": "org_id", "resource-class": "resource_class"}.get(name, name), value


def list_runner_instances(call: V3Call) -> Reply:
    """Connected runners of a resource class, namespace or org."""
    classes = _resource_classes(call, _legacy_scope(call, "resource-class", "namespace", "org-id"))
    items = [
        {
            "resource_class": a["references"]["resource_class"]["attributes"]["resource_class"],
            "hostname": f"{a['attributes']['name']}.local",
            "name": a["attributes"]["name"],
            "first_connected": a["attributes"]["first_connected_at"],
            "last_connected": a["attributes"]["last_connected_at"],
            "last_used": a["attributes"]["last_connected_at"],
            "ip": "127.0.0.1",
            "version": a["attributes"]["version"],
        }
        for a in _agents(call, classes)
    ]
    return Reply.json({"items": items})


def list_legacy_resource_classes(call: V3Call) -> Reply:
    """Resource classes by namespace or org (``org-id`` wins)."""
    classes = _resource_classes(call, _legacy_scope(call, "namespace", "org-id"))
    return Reply.json({"items": [_legacy_class(c) for c in classes]})


def create_legacy_resource_class(call: V3Call) -> Reply:
    """Create a resource class (flat body)."""
    body = call.body if isinstance(call.body, dict) else {}
    if not body.get("resource_class"):
        raise LegacyError(400, "resource_class is required")
    namespace = body["resource_class"].split("/")[0]
    owner = next(
        (
            n["references"]["org"]["id"]
            for n in call.store.table("namespace").values()
            if n["attributes"]["name"] == namespace
        ),
        "",
    )
    try:
        found = _create_resource_class(call, body["resource_class"], str(body.get("description", "")), owner)
    except V3Error as exc:
        raise LegacyError(exc.status, exc.detail or exc.title) from None
    return Reply.json(_legacy_class(found), 201)


def _legacy_delete_class(call: V3Call, force: bool) -> Reply:
    if call.params["resource_class_id"] not in call.store.table("runner-resource-class"):
        raise LegacyError(404, "resource class not found")
    if not _remove_class(call, call.params["resource_class_id"], force):
        raise LegacyError(409, "resource class has tokens")
    return Reply.message("resource class deleted")


def delete_legacy_resource_class(call: V3Call) -> Reply:
    """Delete a resource class; 409 while it has tokens."""
    return _legacy_delete_class(call, False)


def force_delete_legacy_resource_class(call: V3Call) -> Reply:
    """Delete a resource class and its tokens."""
    return _legacy_delete_class(call, True)


def _legacy_token(found: dict[str, Any], secret: bool = False) -> dict[str, Any]:
    view = {
        "id": found["id"],
        "resource_class": found["references"]["resource_class"]["attributes"]["resource_class"],
        "nickname": found["attributes"]["nickname"],
        "created_at": found["attributes"]["created_at"],
    }
    if secret:
        view["token"] = found["attributes"]["token"]
    return view


def list_legacy_runner_tokens(call: V3Call) -> Reply:
    """The tokens of a resource class (``resource-class`` required)."""
    classes = _resource_classes(call, _legacy_scope(call, "resource-class"))
    return Reply.json({"items": [_legacy_token(t) for c in classes for t in _tokens_of(call, c["id"])]})


def create_legacy_runner_token(call: V3Call) -> Reply:
    """Create a token for a resource class named in the body."""
    body = call.body if isinstance(call.body, dict) else {}
    classes = _resource_classes(call, ("resource_class", str(body.get("resource_class", ""))))
    if not classes:
        raise LegacyError(404, "resource class not found")
    return Reply.json(_legacy_token(_create_token(call, classes[0]["id"], str(body.get("nickname", ""))), True), 201)


def delete_legacy_runner_token(call: V3Call) -> Reply:
    """Delete a token."""
    if call.store.table("runner-token").pop(call.params["token_id"], None) is None:
        raise LegacyError(404, "token not found")
    return Reply.message("token deleted")


def get_runner_unclaimed_task_count(call: V3Call) -> Reply:
    """Tasks waiting for a runner of a resource class (none in the fake)."""
    _legacy_scope(call, "resource-class")
    return Reply.json({"unclaimed_task_count": 0})


def get_runner_running_task_count(call: V3Call) -> Reply:
    """Tasks running on runners of a resource class (none in the fake)."""
    _legacy_scope(call, "resource-class")
    return Reply.json({"running_runner_tasks": 0})


# -- notifications and charges ----------------------------------------------------


def list_notification_integrations(call: V3Call) -> Reply:
    """An organization's notification integrations (revoked ones are gone)."""
    kind = call.filter("type")
    items = [
        i
        for i in _where(call, "notification-integration", org=call.require_filter("org_id"))
        if not kind or i["attributes"]["type"] == kind
    ]
    return collection(call, items)


def set_notification_integration_status(call: V3Call) -> Reply:
    """Set an integration ``active`` or ``disabled``."""
    found = call.store.get("notification-integration", call.params["integration_id"], "integration")
    attrs, _ = call.envelope(("status",), (), ("status",))
    if attrs["status"] not in ("active", "disabled"):
        raise V3Error(400, "Invalid Value", "status must be active or disabled.", pointer="/data/attributes/status")
    found["attributes"].update(status=attrs["status"], updated_at=call.now())
    return single(found)


def delete_notification_integration(call: V3Call) -> Reply:
    """Revoke an integration."""
    return _delete(call, "notification-integration", "integration_id", "integration")


def _scoped(call: V3Call, kind: str) -> list[dict[str, Any]]:
    scope = call.filter("scope") or "user"
    project, org = call.filter("project_id"), call.filter("org_id")
    if scope == "project" and not project:
        call.require_filter("project_id")
    return [
        f
        for f in call.store.table(kind).values()
        if f["attributes"]["scope"] == scope
        and (not project or _ref(f, "project") == project)
        and (not org or _ref(f, "org") in (org, None))
    ]


def list_notification_preferences(call: V3Call) -> Reply:
    """The preference matrix of the caller (``scope=user``) or of a project."""
    return collection(call, _scoped(call, "notification-preference"))


def update_notification_preferences(call: V3Call) -> Reply:
    """Switch preference rows on or off; answer the whole matrix."""
    attrs, _ = call.envelope(("scope", "updates"), ("project", "org"), ("scope", "updates"))
    table = call.store.table("notification-preference")
    for update in attrs["updates"]:
        row = table.get(str(update.get("preference_id")))
        if row is None:
            raise not_found("preference")
        row["attributes"]["is_enabled"] = bool(update.get("is_enabled"))
    rows = [r for r in table.values() if r["attributes"]["scope"] == attrs["scope"]]
    return Reply.json({"data": rows, "page": {"next": None, "prev": None}})


def list_notification_channel_configs(call: V3Call) -> Reply:
    """Channel configs of the caller or of a project."""
    return collection(call, _scoped(call, "notification-channel-config"))


def create_notification_channel_config(call: V3Call) -> Reply:
    """Create a channel config (an upsert on scope, entity and channel type)."""
    attrs, refs = call.envelope(
        ("scope", "channel_type", "target", "is_enabled"), ("project", "org"), ("scope", "channel_type")
    )
    table = call.store.table("notification-channel-config")
    for found in table.values():
        same = (
            found["attributes"]["scope"] == attrs["scope"]
            and found["attributes"]["channel_type"] == attrs["channel_type"]
        )
        if same and _ref(found, "project") == refs.get("project"):
            found["attributes"].update(attrs)
            return created(found)
    user = call.state.user.id if attrs["scope"] == "user" else None
    found = _new(
        call,
        "notification-channel-config",
        {"is_enabled": True, **attrs},
        user=user,
        project=refs.get("project"),
        org=refs.get("org"),
    )
    return created(found)


def update_notification_channel_config(call: V3Call) -> Reply:
    """Replace a channel config's target and switch."""
    found = call.store.get("notification-channel-config", call.params["config_id"], "channel config")
    attrs, _ = call.envelope(("target", "is_enabled"))
    found["attributes"].update(attrs)
    return single(found)


def delete_notification_channel_config(call: V3Call) -> Reply:
    """Delete a channel config."""
    return _delete(call, "notification-channel-config", "config_id", "channel config")


def list_notification_links(call: V3Call) -> Reply:
    """The caller's external identity links (``filter[user_id]`` is ``me`` or the caller's id)."""
    user = call.require_filter("user_id")
    if user not in ("me", call.state.user.id):
        raise V3Error(403, "Forbidden", "Links of another user cannot be read.", type="forbidden")
    link = entity(
        None,
        {
            "connection_type": "slack",
            "external_id": "U0001",
            "external_scope_id": "T0001",
            "display_name": call.state.user.login,
        },
        user=call.state.user.id,
    )
    kind = call.filter("connection_type")
    return collection(call, [link] if not kind or kind == "slack" else [])


def analyze_charges(call: V3Call) -> Reply:
    """Credits spent per job, workflow or pipeline name of some projects (the page in the body; at most 20)."""
    body = call.flat(("analysis", "scope", "filter", "order_by", "page"), ("analysis",))
    level = {"charge.job": "job", "charge.workflow": "workflow", "charge.pipeline": "pipeline"}.get(body["analysis"])
    if level is None:
        raise V3Error(400, "Invalid Value", "analysis must be charge.job, charge.workflow or charge.pipeline.")
    projects = set((body.get("scope") or {}).get("project_ids") or [])
    totals: dict[tuple[str, str], list[float]] = {}
    for job in call.state.jobs.values():
        if job.started_at is None or (projects and job.project.id not in projects):
            continue
        name = {"job": job.name, "workflow": job.workflow.name, "pipeline": job.project.name}[level]
        credits = totals.setdefault((job.project.id, name), [0.0, 0.0])
        credits[0] += 10 * job.plan.duration
        credits[1] += 1
    items = [
        entity(
            None, {"name": name, "credits": int(c), "runs": int(n), "credits_per_run": round(c / n, 2)}, project=project
        )
        for (project, name), (c, n) in sorted(totals.items())
    ]
    return collection(call, items, 20, in_body=True)


ROWS: list[tuple[str, str, Callable[[V3Call], Reply]]] = [
    ("GET", "/provider/connections", list_provider_connections),
    ("POST", "/provider/connections/setup", setup_provider_connection),
    ("GET", "/provider/repositories", list_provider_repositories),
    ("POST", "/configs/compile", compile_config),
    ("GET", "/tool/releases", list_tool_releases),
    ("GET", "/deploy/deployments", list_deployments),
    ("GET", "/deploy/environments", list_deploy_environments),
    (
        "GET",
        "/deploy/environments/{environment_id}",
        _getter("get_deploy_environment", "deploy-environment", "environment_id", "environment"),
    ),
    ("GET", "/deploy/components", list_deploy_components),
    (
        "GET",
        "/deploy/components/{component_id}",
        _getter("get_deploy_component", "deploy-component", "component_id", "component"),
    ),
    ("GET", "/deploy/components/{component_id}/versions", list_deploy_component_versions),
    ("GET", "/deploy/settings", get_deploy_settings),
    ("GET", "/signing/certificates", list_signing_certificates),
    ("POST", "/signing/certificates", create_signing_certificate),
    (
        "GET",
        "/signing/certificates/{certificate_id}",
        _getter("get_signing_certificate", "signing-certificate", "certificate_id", "certificate"),
    ),
    ("DELETE", "/signing/certificates/{certificate_id}", delete_signing_certificate),
    ("GET", "/signing/configs", list_signing_configs),
    ("POST", "/signing/configs", create_signing_config),
    ("DELETE", "/signing/configs/{config_id}", delete_signing_config),
    ("POST", "/signing/configs/{config_id}/update-profile", update_signing_config_profile),
    ("POST", "/signing/configs/{config_id}/remove-profile", remove_signing_config_profile),
    ("GET", "/namespaces", get_namespace_by_name),
    ("GET", "/namespaces/{namespace_id}", get_namespace),
    ("POST", "/namespaces", create_namespace),
    ("POST", "/namespaces/{namespace_id}/rename", rename_namespace),
    ("DELETE", "/namespaces/{namespace_id}", delete_namespace),
    ("GET", "/orb/packages", list_orb_packages),
    ("POST", "/orb/packages", create_orb_package),
    ("POST", "/orb/packages/validate", validate_orb),
    ("POST", "/orb/packages/process", process_orb),
    ("GET", "/orb/packages/{orb_id}", get_orb_package),
    ("POST", "/orb/packages/{orb_id}/set-listed", set_orb_listed),
    ("POST", "/orb/packages/{orb_id}/add-category", add_orb_category),
    ("POST", "/orb/packages/{orb_id}/remove-category", remove_orb_category),
    ("GET", "/orb/versions", list_orb_versions),
    ("POST", "/orb/versions", publish_orb_version),
    ("GET", "/orb/versions/{version_id}", get_orb_version),
    ("GET", "/orb/versions/{version_id}/source", get_orb_version_source),
    ("POST", "/orb/versions/{version_id}/promote", promote_orb_version),
    ("GET", "/orb/categories", list_orb_categories),
    ("GET", "/function/packages", list_function_packages),
    ("GET", "/catalog/offerings", get_catalog_offerings),
    ("GET", "/runner/resource-classes", list_runner_resource_classes),
    ("POST", "/runner/resource-classes", create_runner_resource_class),
    ("GET", "/runner/resource-classes/{resource_class_id}", get_runner_resource_class),
    ("POST", "/runner/resource-classes/{resource_class_id}/update", update_runner_resource_class),
    ("DELETE", "/runner/resource-classes/{resource_class_id}", delete_runner_resource_class),
    ("GET", "/runner/tokens", list_runner_tokens),
    ("POST", "/runner/tokens", create_runner_token),
    ("DELETE", "/runner/tokens/{token_id}", delete_runner_token),
    ("GET", "/runner/agents", list_runner_agents),
    ("GET", "/runner/fleets", list_runner_fleets),
    ("GET", "/runner/fleets/{resource_class_id}", get_runner_fleet),
    ("GET", "/runner", list_runner_instances),
    ("GET", "/runner/resource", list_legacy_resource_classes),
    ("POST", "/runner/resource", create_legacy_resource_class),
    ("DELETE", "/runner/resource/{resource_class_id}", delete_legacy_resource_class),
    ("DELETE", "/runner/resource/{resource_class_id}/force", force_delete_legacy_resource_class),
    ("GET", "/runner/token", list_legacy_runner_tokens),
    ("POST", "/runner/token", create_legacy_runner_token),
    ("DELETE", "/runner/token/{token_id}", delete_legacy_runner_token),
    ("GET", "/runner/tasks", get_runner_unclaimed_task_count),
    ("GET", "/runner/tasks/running", get_runner_running_task_count),
    ("GET", "/notification/integrations", list_notification_integrations),
    (
        "GET",
        "/notification/integrations/{integration_id}",
        _getter("get_notification_integration", "notification-integration", "integration_id", "integration"),
    ),
    ("POST", "/notification/integrations/{integration_id}/set-status", set_notification_integration_status),
    ("DELETE", "/notification/integrations/{integration_id}", delete_notification_integration),
    ("GET", "/notification/preferences", list_notification_preferences),
    ("POST", "/notification/preferences", update_notification_preferences),
    ("GET", "/notification/channel-configs", list_notification_channel_configs),
    ("POST", "/notification/channel-configs", create_notification_channel_config),
    (
        "GET",
        "/notification/channel-configs/{config_id}",
        _getter("get_notification_channel_config", "notification-channel-config", "config_id", "channel config"),
    ),
    ("POST", "/notification/channel-configs/{config_id}/update", update_notification_channel_config),
    ("DELETE", "/notification/channel-configs/{config_id}", delete_notification_channel_config),
    ("GET", "/notification/links", list_notification_links),
    ("POST", "/analysis/charges", analyze_charges),
]
