"""ApiV3 end to end against FakeCircleCI: providers, config, tools, deploy, signing, orbs, runners, notifications."""

from __future__ import annotations

import base64

import pytest

from circleci.error import ClientError, Forbidden, InvalidArgumentError, NotFound
from circleci.testing import FakeCircleCI
from circleci.v3 import ApiV3

WIDGET = "gh/acme/widget"


@pytest.fixture
def org(fake: FakeCircleCI) -> str:
    return fake.project(WIDGET).org_id


def test_providers_config_compile_and_tool_releases(fake: FakeCircleCI, api: ApiV3, org: str) -> None:
    connections = api.list_provider_connections(filter_org_id=org)["data"]
    assert connections[0]["attributes"]["provider"] == "github_app"
    setup = api.setup_provider_connection(filter_org_id=org, type="vcs", vcs={"provider": "github_app"})["data"]
    assert setup["attributes"]["next_step"] == "redirect" and setup["attributes"]["state_token"]
    with pytest.raises(ClientError, match=r"vcs\.provider"):
        api.setup_provider_connection(filter_org_id=org, type="vcs", vcs={})
    repos = api.list_provider_repositories(filter_org_id=org, filter_provider="github_app", page_limit=1)
    assert repos["data"][0]["attributes"]["repo_full_name"] == "acme/gadget" and repos["page"]["next"]
    rest = api.list_provider_repositories(filter_org_id=org, page_cursor=repos["page"]["next"])
    assert rest["data"][0]["attributes"]["repo_name"] == "widget" and rest["page"]["next"] is None
    assert [
        r["attributes"]["repo_name"]
        for r in api.iterate(api.list_provider_repositories, filter_org_id=org, page_limit=1)
    ] == ["gadget", "widget"]
    with pytest.raises(InvalidArgumentError, match="first page"):
        api.list_provider_repositories(filter_org_id=org, page_limit=1, page_cursor=repos["page"]["next"])
    with pytest.raises(ClientError, match="cannot be sent"):
        api.request(
            "GET", "provider/repositories", params={"filter[org_id]": org, "page[limit]": 1, "page[cursor]": "x"}
        )
    failed = api.compile_config(config="jobs: {}", org_id=org, pipeline_parameters={"a": 1})
    assert failed["data"]["attributes"]["outcome"] == "failed" and failed["meta"]["messages"]
    with pytest.raises(ClientError, match="Unexpected field"):
        api.request("POST", "configs/compile", body={"data": {"attributes": {"config": "x", "extra": 1}}})
    assert api.list_tool_releases(filter_tool="unknown-tool")["data"] == []
    with pytest.raises(ClientError, match="filter\\[tool\\]"):
        api.list_tool_releases()


def test_deploy_lists_and_settings(fake: FakeCircleCI, api: ApiV3, org: str) -> None:
    project = api.project_id(WIDGET)
    deployments = api.list_deployments(filter_org_id=org)["data"]
    assert len(deployments) == 2
    mine = api.list_deployments(filter_org_id=org, filter_project_id=project, page_limit=5)["data"]
    assert [d["references"]["deploy_component"]["attributes"]["name"] for d in mine] == ["widget"]
    environment = api.list_deploy_environments(filter_org_id=org)["data"][0]
    assert api.get_deploy_environment(environment["id"])["data"]["attributes"]["name"] == "production"
    components = api.list_deploy_components(filter_org_id=org)["data"]
    assert len(components) == 2
    component = api.get_deploy_component(mine[0]["references"]["deploy_component"]["id"])["data"]
    versions = api.list_deploy_component_versions(component["id"], filter_environment_id=environment["id"])["data"]
    assert versions[0]["attributes"]["name"] == "1.0.0"
    assert api.get_deploy_settings(filter_project_id=project)["data"]["references"]["project"]["id"] == project
    with pytest.raises(NotFound):
        api.get_deploy_settings(filter_project_id="nope")
    with pytest.raises(NotFound):
        api.get_deploy_component("nope")
    with pytest.raises(NotFound):
        api.list_deploy_component_versions("nope")


def test_ios_signing_certificates_and_configs(api: ApiV3, org: str) -> None:
    blob = base64.b64encode(b"p12 bytes").decode()
    certificate = api.create_signing_certificate(file_name="dist.p12", cert_blob=blob, cert_password="pw", org_id=org)
    ident = certificate["data"]["id"]
    assert set(certificate["data"]) == {"id"}
    assert api.get_signing_certificate(ident)["data"]["attributes"]["cert_type"] == "distribution"
    assert [c["id"] for c in api.list_signing_certificates(filter_org_id=org)["data"]] == [ident]
    with pytest.raises(ClientError, match="base64"):
        api.create_signing_certificate(file_name="a.p12", cert_blob="%%%", org_id=org)
    with pytest.raises(ClientError, match="40 characters"):
        api.create_signing_certificate(file_name="a" * 41, cert_blob=blob, org_id=org)
    profiles = [{"file_name": "app.mobileprovision", "blob": blob}]
    config = api.create_signing_config(
        name="release", provisioning_profiles=profiles, org_id=org, signing_certificate_id=ident
    )
    config_id = config["data"]["id"]
    with pytest.raises(ClientError) as raised:
        api.create_signing_config(name="release", org_id=org, signing_certificate_id=ident)
    assert raised.value.status_code == 409
    with pytest.raises(ClientError) as raised:
        api.delete_signing_certificate(ident)
    assert raised.value.status_code == 409
    assert api.update_signing_config_profile(config_id, file_name="other.mobileprovision", blob=blob) is None
    listed = api.list_signing_configs(filter_org_id=org)["data"][0]
    assert "_org" not in listed
    names = [p["file_name"] for p in listed["attributes"]["provisioning_profiles"]]
    assert names == ["app.mobileprovision", "other.mobileprovision"]
    first = listed["attributes"]["provisioning_profiles"][0]["id"]
    assert api.remove_signing_config_profile(config_id, profile_id=first) is None
    assert api.remove_signing_config_profile(config_id, profile_id=first) is None
    api.delete_signing_config(config_id)
    api.delete_signing_certificate(ident)
    with pytest.raises(NotFound):
        api.delete_signing_config(config_id)


def test_namespaces_orbs_and_versions(fake: FakeCircleCI, api: ApiV3, org: str) -> None:
    seeded = api.get_namespace_by_name(filter_name="acme")["data"]
    assert api.get_namespace(seeded["id"])["data"] == seeded
    with pytest.raises(NotFound):
        api.get_namespace_by_name(filter_name="nobody")
    made = api.create_namespace(name="tools", org_id=org)["data"]
    with pytest.raises(ClientError) as raised:
        api.create_namespace(name="tools", org_id=org)
    assert raised.value.status_code == 409
    orb = api.create_orb_package(name="deploy", is_private=False, namespace_id=made["id"])["data"]
    assert orb["attributes"]["name"] == "tools/deploy"
    with pytest.raises(ClientError, match="bare name"):
        api.create_orb_package(name="tools/x", namespace_id=made["id"])
    with pytest.raises(ClientError) as raised:
        api.create_orb_package(name="deploy", namespace_id=made["id"])
    assert raised.value.status_code == 409
    private = api.create_orb_package(name="secret", is_private=True, namespace_id=made["id"])["data"]
    assert [
        o["id"] for o in api.list_orb_packages(filter_namespace_id=made["id"], filter_visibility="private")["data"]
    ] == [private["id"]]
    assert len(api.list_orb_packages(filter_namespace_id=made["id"], page_limit=1000)["data"]) == 2
    assert api.list_orb_packages(filter_certified=True)["data"] == []
    with pytest.raises(InvalidArgumentError):
        api.list_orb_packages(page_limit=1001)
    renamed = api.rename_namespace(made["id"], name="kit")["data"]
    assert renamed["attributes"]["name"] == "kit"
    assert api.list_orb_packages(filter_name="kit/deploy")["data"][0]["id"] == orb["id"]
    yaml = "version: 2.1\ndescription: deploy\n"
    assert api.validate_orb(yaml=yaml, org_id=org)["data"]["attributes"]["is_valid"] is True
    invalid = api.process_orb(yaml="description: no version\n")["data"]["attributes"]
    assert invalid["is_valid"] is False and invalid["errors"]
    dev = api.publish_orb_version(orb_id=orb["id"], yaml=yaml, version="dev:alpha")["data"]
    assert "source" not in dev["attributes"]
    assert (
        api.publish_orb_version(orb_id=orb["id"], yaml=yaml + "# 2\n", version="dev:alpha")["data"]["id"] != dev["id"]
    )
    dev = api.list_orb_versions(filter_orb_id=orb["id"], filter_channel="dev")["data"][0]
    assert api.get_orb_version_source(dev["id"]) == yaml + "# 2\n"
    stable = api.promote_orb_version(dev["id"], segment="minor")["data"]
    assert stable["attributes"]["version"] == "0.1.0"
    assert api.promote_orb_version(dev["id"], segment="major")["data"]["attributes"]["version"] == "1.0.0"
    assert api.promote_orb_version(dev["id"], segment="patch")["data"]["attributes"]["version"] == "1.0.1"
    assert api.promote_orb_version(dev["id"], semantic_version="3.0.0")["data"]["attributes"]["version"] == "3.0.0"
    with pytest.raises(ClientError, match="exactly one"):
        api.promote_orb_version(dev["id"])
    with pytest.raises(ClientError, match="segment must be"):
        api.promote_orb_version(dev["id"], segment="huge")
    with pytest.raises(ClientError, match="Only dev"):
        api.promote_orb_version(stable["id"], segment="patch")
    with pytest.raises(ClientError) as raised:
        api.publish_orb_version(orb_id=orb["id"], yaml=yaml, version="0.1.0")
    assert raised.value.status_code == 409
    assert api.get_orb_version(stable["id"])["data"]["references"]["orb_package"]["id"] == orb["id"]
    by_ref = api.list_orb_versions(filter_ref="kit/deploy@3.0.0")["data"]
    assert by_ref[0]["attributes"]["source"] == yaml + "# 2\n"
    assert len(api.list_orb_versions(filter_orb_id=orb["id"], filter_channel="stable", page_limit=2)["data"]) == 2
    detail = api.get_orb_package(orb["id"])["data"]
    assert detail["references"]["orb_versions"][0]["attributes"]["version"]
    assert api.set_orb_listed(orb["id"], is_listed=False)["data"]["attributes"]["is_listed"] is False
    category = api.list_orb_categories(filter_name="Deployment")["data"][0]
    assert len(api.list_orb_categories()["data"]) == 3
    added = api.add_orb_category(orb["id"], category_id=category["id"])["data"]
    assert added["references"]["orb_categories"] == [category]
    assert api.remove_orb_category(orb["id"], category_id=category["id"])["data"]["references"]["orb_categories"] == []
    api.delete_namespace(made["id"])
    with pytest.raises(NotFound):
        api.get_orb_package(orb["id"])
    with pytest.raises(NotFound):
        api.get_namespace(made["id"])


def test_functions_and_the_catalog(api: ApiV3, org: str) -> None:
    api.list_provider_connections(filter_org_id=org)
    functions = api.list_function_packages()["data"]
    assert len(functions) == 2
    named = api.list_function_packages(filter_name=functions[0]["attributes"]["name"])["data"]
    assert named == [functions[0]]
    catalog = api.get_catalog_offerings()["data"]["attributes"]
    assert "medium" in catalog["linux"]


def test_runner_resource_classes_tokens_agents_and_fleets(api: ApiV3, org: str) -> None:
    made = api.create_runner_resource_class(resource_class="acme/linux", description="Linux boxes", org_id=org)["data"]
    with pytest.raises(ClientError, match="namespace"):
        api.create_runner_resource_class(resource_class="linux", org_id=org)
    with pytest.raises(ClientError) as raised:
        api.create_runner_resource_class(resource_class="acme/linux", org_id=org)
    assert raised.value.status_code == 409
    assert api.list_runner_resource_classes(filter_org_id=org)["data"] == [made]
    assert api.list_runner_resource_classes(filter_namespace="acme")["data"] == [made]
    assert api.list_runner_resource_classes(filter_resource_class="acme/linux")["data"] == [made]
    with pytest.raises(NotFound):
        api.list_runner_resource_classes(filter_resource_class="acme/none")
    with pytest.raises(ClientError, match="Exactly one"):
        api.list_runner_resource_classes(filter_org_id=org, filter_namespace="acme")
    assert api.get_runner_resource_class(made["id"])["data"]["attributes"]["description"] == "Linux boxes"
    updated = api.update_runner_resource_class(made["id"], description="Faster")["data"]
    assert updated["attributes"]["description"] == "Faster"
    assert api.list_runner_agents(filter_org_id=org)["data"] == []
    token = api.create_runner_token(nickname="ci", resource_class_id=made["id"])["data"]
    assert token["attributes"]["token"]
    listed = api.list_runner_tokens(filter_resource_class="acme/linux")["data"]
    assert [t["id"] for t in listed] == [token["id"]] and "token" not in listed[0]["attributes"]
    assert api.list_runner_tokens(filter_resource_class_id=made["id"])["data"] == listed
    agents = api.list_runner_agents(filter_namespace="acme", page_limit=250)["data"]
    assert agents[0]["references"]["resource_class"]["id"] == made["id"]
    fleets = api.list_runner_fleets(filter_resource_class_id=made["id"])["data"]
    assert fleets[0]["attributes"]["agent_count"] == 1 and "running_tasks" not in fleets[0]["attributes"]
    assert api.get_runner_fleet(made["id"])["data"]["attributes"]["running_tasks"] == 0
    with pytest.raises(ClientError) as raised:
        api.delete_runner_resource_class(made["id"])
    assert raised.value.status_code == 409
    second = api.create_runner_token(nickname="two", resource_class_id=made["id"])["data"]
    api.delete_runner_token(second["id"])
    assert api.delete_runner_resource_class(made["id"], force=True) is None
    assert api.list_runner_tokens(filter_resource_class_id=made["id"])["data"] == []
    with pytest.raises(NotFound):
        api.get_runner_resource_class(made["id"])


def test_the_legacy_runner_service(api: ApiV3, org: str) -> None:
    created = api.create_legacy_resource_class(resource_class="acme/mac", description="Macs")
    assert created == {"id": created["id"], "resource_class": "acme/mac", "description": "Macs"}
    with pytest.raises(ClientError, match="exists"):
        api.create_legacy_resource_class(resource_class="acme/mac")
    with pytest.raises(ClientError, match="resource_class is required"):
        api.create_legacy_resource_class(description="x")
    assert api.list_legacy_resource_classes(namespace="acme") == {"items": [created]}
    assert api.list_legacy_resource_classes(namespace="other", org_id=org) == {"items": [created]}
    with pytest.raises(ClientError, match="one of namespace, org-id"):
        api.list_legacy_resource_classes()
    token = api.create_legacy_runner_token(resource_class="acme/mac", nickname="m1")
    assert token["token"] and token["resource_class"] == "acme/mac"
    with pytest.raises(NotFound, match="resource class not found"):
        api.create_legacy_runner_token(resource_class="acme/none", nickname="x")
    assert [t["id"] for t in api.list_legacy_runner_tokens(resource_class="acme/mac")["items"]] == [token["id"]]
    instances = api.list_runner_instances(resource_class="acme/mac")["items"]
    assert instances[0]["resource_class"] == "acme/mac"
    assert api.get_runner_unclaimed_task_count(resource_class="acme/mac") == {"unclaimed_task_count": 0}
    assert api.get_runner_running_task_count(resource_class="acme/mac") == {"running_runner_tasks": 0}
    with pytest.raises(ClientError, match="resource-class is required"):
        api.get_runner_running_task_count()
    with pytest.raises(ClientError, match="has tokens"):
        api.delete_legacy_resource_class(created["id"])
    assert api.delete_legacy_runner_token(token["id"]) == {"message": "token deleted"}
    with pytest.raises(NotFound, match="token not found"):
        api.delete_legacy_runner_token(token["id"])
    assert api.delete_legacy_resource_class(created["id"]) == {"message": "resource class deleted"}
    again = api.create_legacy_resource_class(resource_class="acme/mac")
    api.create_legacy_runner_token(resource_class="acme/mac", nickname="m2")
    assert api.force_delete_legacy_resource_class(again["id"]) == {"message": "resource class deleted"}
    with pytest.raises(NotFound):
        api.force_delete_legacy_resource_class(again["id"])


def test_notifications(fake: FakeCircleCI, api: ApiV3, org: str) -> None:
    integrations = api.list_notification_integrations(filter_org_id=org, filter_type="slack")["data"]
    ident = integrations[0]["id"]
    assert api.list_notification_integrations(filter_org_id=org, filter_type="teams")["data"] == []
    assert api.get_notification_integration(ident)["data"]["attributes"]["status"] == "active"
    assert (
        api.set_notification_integration_status(ident, status="disabled")["data"]["attributes"]["status"] == "disabled"
    )
    with pytest.raises(ClientError, match="active or disabled"):
        api.set_notification_integration_status(ident, status="revoked")
    api.delete_notification_integration(ident)
    with pytest.raises(NotFound):
        api.get_notification_integration(ident)
    preferences = api.list_notification_preferences(filter_scope="user", filter_org_id=org)["data"]
    assert len(preferences) == 3
    first = preferences[0]
    updates = [{"preference_id": first["id"], "is_enabled": not first["attributes"]["is_enabled"]}]
    matrix = api.update_notification_preferences(scope="user", updates=updates)["data"]
    assert (
        next(p for p in matrix if p["id"] == first["id"])["attributes"]["is_enabled"]
        is not first["attributes"]["is_enabled"]
    )
    with pytest.raises(NotFound):
        api.update_notification_preferences(scope="user", updates=[{"preference_id": "nope", "is_enabled": True}])
    with pytest.raises(ClientError, match="filter\\[project_id\\]"):
        api.list_notification_preferences(filter_scope="project")
    project = api.project_id(WIDGET)
    email = api.create_notification_channel_config(
        scope="user", channel_type="email", target="a@example.com", is_enabled=True
    )["data"]
    upsert = api.create_notification_channel_config(scope="user", channel_type="email", target="b@example.com")["data"]
    assert upsert["id"] == email["id"] and upsert["attributes"]["target"] == "b@example.com"
    slack = api.create_notification_channel_config(
        scope="project", channel_type="slack", target="#ci", project_id=project, org_id=org
    )["data"]
    assert [
        c["id"]
        for c in api.list_notification_channel_configs(filter_scope="project", filter_project_id=project)["data"]
    ] == [slack["id"]]
    assert [c["id"] for c in api.list_notification_channel_configs()["data"]] == [email["id"]]
    updated = api.update_notification_channel_config(slack["id"], target="#deploys", is_enabled=False)["data"]
    assert updated["attributes"]["target"] == "#deploys" and updated["attributes"]["is_enabled"] is False
    assert api.get_notification_channel_config(slack["id"])["data"] == updated
    api.delete_notification_channel_config(slack["id"])
    with pytest.raises(NotFound):
        api.get_notification_channel_config(slack["id"])
    links = api.list_notification_links(filter_user_id="me", filter_connection_type="slack")["data"]
    assert links[0]["attributes"]["connection_type"] == "slack"
    assert (
        api.list_notification_links(filter_user_id="me", filter_team_id="T0001", filter_connection_type="email")["data"]
        == []
    )
    with pytest.raises(Forbidden):
        api.list_notification_links(filter_user_id="someone-else")


def test_charges_page_in_the_body(fake: FakeCircleCI, api: ApiV3) -> None:
    project = api.project_id(WIDGET)
    jobs = api.analyze_charges(analysis="charge.job", scope={"project_ids": [project]})["data"]
    assert {c["attributes"]["name"] for c in jobs} == {"build", "test"}
    assert all(c["references"]["project"]["id"] == project for c in jobs)
    workflows = api.analyze_charges(analysis="charge.workflow")["data"]
    assert [c["attributes"]["runs"] for c in workflows] == [6, 6]
    pages = list(api.iterate(api.analyze_charges, analysis="charge.pipeline", page_limit=1))
    assert {c["attributes"]["name"] for c in pages} == {"widget", "gadget"}
    with pytest.raises(ClientError, match="analysis must be"):
        api.analyze_charges(analysis="charge.org")
    with pytest.raises(InvalidArgumentError):
        api.analyze_charges(analysis="charge.job", page_limit=21)
