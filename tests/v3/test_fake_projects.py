"""ApiV3 end to end against FakeCircleCI: projects, orgs, users, pipelines, triggers, contexts, auth."""

from __future__ import annotations

import warnings

import pytest

from circleci.api import Api
from circleci.error import CircleCIDeprecationWarning, ClientError, Forbidden, Gone, NotFound, Unauthorized
from circleci.testing import FakeCircleCI
from circleci.v3 import ApiV3, LookupNotFound

WIDGET = "gh/acme/widget"


def test_projects_by_slug_org_name_and_following(fake: FakeCircleCI, api: ApiV3) -> None:
    widget = fake.project(WIDGET)
    found = api.list_projects(filter_slug=WIDGET)["data"]
    assert [p["id"] for p in found] == [widget.id]
    assert found[0]["references"]["org"] == {"id": widget.org_id, "attributes": {"name": "acme"}}
    assert api.list_projects(filter_slug="github/acme/widget")["data"][0]["id"] == widget.id
    opaque = f"circleci/{widget.org_id}/{widget.id}"
    assert api.project_id(opaque) == widget.id
    assert api.list_projects(filter_slug="gh/acme")["data"] == []
    named = api.list_projects(filter_org_id=widget.org_id, filter_name="GAD")["data"]
    assert [p["attributes"]["name"] for p in named] == ["gadget"]
    assert len(api.list_projects(filter_following=True)["data"]) == 2
    assert api.get_project(widget.id)["data"]["attributes"]["slug"] == WIDGET
    with pytest.raises(ClientError, match="Exactly one"):
        api.list_projects(filter_slug=WIDGET, filter_org_id=widget.org_id)
    with pytest.raises(ClientError, match="Exactly one"):
        api.list_projects(filter_slug=WIDGET, filter_name="w")
    with pytest.raises(ClientError, match="only true"):
        api.list_projects(filter_following=False)
    with pytest.raises(InvalidLimit):
        api.list_projects(filter_following=True, page_limit=51)
    with pytest.raises(LookupNotFound) as raised:
        api.project_id("gh/acme/nothing")
    assert isinstance(raised.value, NotFound) and raised.value.key == "gh/acme/nothing"
    with pytest.raises(NotFound):
        api.get_project("nope")


InvalidLimit = ValueError  # InvalidArgumentError is a ValueError


def test_project_settings_env_vars_dlc_and_rollback(fake: FakeCircleCI, api: ApiV3) -> None:
    project = api.project_id(WIDGET)
    settings = api.get_project_settings(project)["data"]["attributes"]
    assert settings["is_oss"] is False and settings["pr_only_branch_overrides"] == []
    changed = api.update_project_settings(project, is_oss=True, pr_only_branch_overrides=["main"])["data"]
    assert changed["attributes"]["is_oss"] is True and changed["attributes"]["enable_dynamic_config"] is False
    assert api.get_project_settings(project)["data"]["attributes"]["pr_only_branch_overrides"] == ["main"]
    with pytest.raises(ClientError, match="Unexpected field 'bogus'"):
        api.request("POST", f"projects/{project}/update-settings", body={"bogus": 1})
    with pytest.raises(ClientError, match="JSON object"):
        api.request("POST", f"projects/{project}/update-settings", body=[1])
    names = [v["attributes"]["name"] for v in api.list_project_env_vars(project)["data"]]
    assert names == ["API_URL", "DEPLOY_TOKEN"]
    made = api.create_project_env_var(project, name="NEW", value="value-1234")["data"]
    assert made == {"attributes": {"name": "NEW", "value": "xxxx1234"}}
    assert fake.project(WIDGET).env_vars["NEW"].value == "value-1234"
    api.delete_project_env_var(project, "NEW")
    with pytest.raises(NotFound):
        api.delete_project_env_var(project, "NEW")
    with pytest.raises(ClientError, match="'value' is required"):
        api.create_project_env_var(project, name="X")
    assert api.purge_project_dlc(project) is None
    fake.v3.store.dlc_retired = True
    with pytest.raises(Gone):
        api.purge_project_dlc(project)
    org = fake.project(WIDGET).org_id
    component = api.list_deploy_components(filter_org_id=org, filter_project_id=project)["data"][0]["id"]
    environment = api.list_deploy_environments(filter_org_id=org)["data"][0]["id"]
    rollback = api.rollback_project(
        project,
        component_id=component,
        environment_id=environment,
        current_version="1.1.0",
        target_version="1.0.0",
        reason="bad release",
        parameters={"x": 1},
    )["data"]
    assert rollback["attributes"] == {"rollback_type": "pipeline"}
    assert fake.state.pipelines[rollback["id"]].parameters == {"x": 1}
    with pytest.raises(ClientError, match="Invalid version"):
        api.rollback_project(
            project, component_id=component, environment_id=environment, current_version="1", target_version="1"
        )
    with pytest.raises(NotFound):
        api.rollback_project(project, component_id="nope", environment_id=environment, target_version="1")


def test_orgs_users_and_slug_lookups(fake: FakeCircleCI, api: ApiV3) -> None:
    org = fake.project(WIDGET).org_id
    assert api.org_id("gh/acme") == org
    assert api.org_id("github/acme") == org
    assert api.org_id(f"circleci/{org}") == org
    assert [o["attributes"]["name"] for o in api.list_orgs()["data"]] == ["acme"]
    with pytest.raises(LookupNotFound, match="no org matches 'gh/nobody'"):
        api.org_id("gh/nobody")
    assert api.get_org(org)["data"] == {"id": org, "attributes": {"name": "acme"}}
    with pytest.raises(NotFound):
        api.get_org("nope")
    assert api.get_org_settings(org)["data"]["attributes"]["enable_ai_agents"] is False
    assert api.update_org_settings(org, enable_ai_agents=True)["data"]["attributes"]["enable_ai_agents"] is True
    me = api.list_users(filter_user_id="me")["data"]
    assert [u["attributes"]["login"] for u in me] == ["fake-user"]
    with pytest.raises(ClientError, match="Only filter"):
        api.list_users(filter_user_id=me[0]["id"])


def test_pipeline_definitions_and_triggers(fake: FakeCircleCI, api: ApiV3) -> None:
    project = api.project_id(WIDGET)
    seeded = api.list_pipelines(filter_project_id=project)["data"]
    assert [p["attributes"]["name"] for p in seeded] == ["build"]
    config = {"type": "vcs", "file_path": ".circleci/deploy.yml", "vcs": {"provider": "github_app", "repo_id": "1"}}
    made = api.create_pipeline(project_id=project, name="deploy", config=config, checkout={"vcs": config["vcs"]})[
        "data"
    ]
    assert made["references"]["project"]["id"] == project
    assert api.get_pipeline(made["id"])["data"]["attributes"]["config"] == config
    with pytest.raises(ClientError, match="Unexpected field 'id'"):
        api.request("POST", "pipelines", body={"data": {"id": "x", "attributes": {"name": "n"}}})
    with pytest.raises(ClientError, match="Unexpected field 'parameters'"):
        api.request("POST", "pipelines", body={"data": {"attributes": {"name": "n", "parameters": {}}}})
    with pytest.raises(ClientError, match="references/org"):
        api.request(
            "POST", "pipelines", body={"data": {"attributes": {"name": "n"}, "references": {"org": {"id": "o"}}}}
        )
    with pytest.raises(ClientError, match="'config' is required"):
        api.create_pipeline(project_id=project, name="n")
    with pytest.raises(ClientError, match="must be"):
        api.request("POST", "pipelines", body={"data": [1]})
    with pytest.raises(ClientError, match="not valid JSON"):
        _raw_post(fake)
    event = {"type": "vcs", "vcs": {"provider": "github_app"}, "filter": {"preset": "all-pushes"}}
    trigger = api.create_trigger(filter_project_id=project, pipeline_id=made["id"], event=event, config={"ref": "main"})
    assert trigger["data"]["attributes"]["is_disabled"] is False
    listed = api.list_triggers(filter_project_id=project, filter_pipeline_id=made["id"])["data"]
    assert [t["id"] for t in listed] == [trigger["data"]["id"]]
    assert api.list_triggers(filter_pipeline_id=made["id"])["data"] == listed
    with pytest.raises(ClientError, match="filter"):
        api.list_triggers()
    other = api.project_id("gh/acme/gadget")
    with pytest.raises(ClientError, match="does not belong"):
        api.create_trigger(filter_project_id=other, pipeline_id=made["id"], event=event)
    api.delete_pipeline(made["id"])
    assert api.list_triggers(filter_project_id=project)["data"] == []
    with pytest.raises(NotFound):
        api.get_pipeline(made["id"])
    with pytest.raises(NotFound):
        api.delete_pipeline(made["id"])
    with pytest.raises(NotFound):
        api.create_pipeline(project_id="nope", name="n", config=config)


def _raw_post(fake: FakeCircleCI) -> None:
    import requests

    from circleci.error import error_for_status

    answer = requests.post(
        fake.url_v3 + "/pipelines", data=b"{not json", headers={"Authorization": f"Bearer {fake.token}"}, timeout=10
    )
    raise error_for_status(answer.status_code, answer.json()["error"]["detail"], method="POST", url=answer.url)


def test_contexts_their_variables_and_restrictions(fake: FakeCircleCI, api: ApiV3) -> None:
    org = fake.project(WIDGET).org_id
    seeded = api.list_contexts(filter_org_id=org)["data"]
    assert [c["attributes"]["name"] for c in seeded] == ["deploy-secrets"]
    made = api.create_context(name="staging", org_id=org)["data"]
    assert made["references"]["org"]["id"] == org
    assert fake.state.contexts[made["id"]].name == "staging"
    with pytest.raises(ClientError) as raised:
        api.create_context(name="staging", org_id=org)
    assert raised.value.status_code == 409
    assert [c["attributes"]["name"] for c in api.list_contexts(filter_org_id=org, filter_name="STAG")["data"]] == [
        "staging"
    ]
    assert api.get_context(made["id"])["data"]["attributes"]["name"] == "staging"
    assert api.set_context_env_var(made["id"], name="KEY", value="secret-value") == {"data": {}}
    assert api.set_context_env_var(made["id"], name="KEY", value="other-value") == {"data": {}}
    variables = api.list_context_env_vars(made["id"])["data"]
    assert variables[0]["attributes"]["name"] == "KEY" and variables[0]["attributes"]["truncated_value"] == "xxxxalue"
    assert api.delete_context_env_var(made["id"], filter_name="KEY") is None
    with pytest.raises(NotFound):
        api.delete_context_env_var(made["id"], filter_name="KEY")
    project = api.project_id(WIDGET)
    restriction = api.create_context_restriction(
        context_id=made["id"], restriction_type="project", match_pattern=project
    )
    listed = api.list_context_restrictions(filter_context_id=made["id"])["data"]
    assert [r["id"] for r in listed] == [restriction["data"]["id"]]
    with pytest.raises(ClientError, match="restriction_type"):
        api.create_context_restriction(context_id=made["id"], restriction_type="team", match_pattern="x")
    with pytest.raises(NotFound):
        api.delete_context_restriction(restriction["data"]["id"], filter_context_id=seeded[0]["id"])
    api.delete_context_restriction(restriction["data"]["id"], filter_context_id=made["id"])
    assert api.list_context_restrictions(filter_context_id=made["id"])["data"] == []
    api.delete_context(made["id"])
    with pytest.raises(NotFound):
        api.get_context(made["id"])


def test_tokens_are_required_as_bearer(fake: FakeCircleCI) -> None:
    anonymous = ApiV3(None, fake.url_v3, retries=0)
    with pytest.raises(Unauthorized) as raised:
        anonymous.list_orgs()
    assert raised.value.type == "unauthorized"
    with pytest.raises(Unauthorized, match="Invalid token"):
        ApiV3("wrong", fake.url_v3, retries=0).list_orgs()
    import requests

    answer = requests.get(fake.url_v3 + "/orgs", headers={"Circle-Token": fake.token}, timeout=10)
    assert answer.status_code == 401
    compiled = anonymous.compile_config(config="version: 2.1\njobs: {}\n")
    assert compiled["data"]["attributes"]["outcome"] == "succeeded"
    assert anonymous.list_tool_releases(filter_tool="circleci-cli")["data"][0]["attributes"]["version"] == "0.1.33000"


def test_api_v3_shares_the_v1_client_and_its_faults(fake: FakeCircleCI) -> None:
    api = Api(fake.token, fake.url)
    assert api.v3.url == fake.url_v3 and api.v3 is api.v3 and api.v3._transport is api._transport
    assert api.v2.v3.url == fake.url_v3
    fake.fail("list_orgs", status=503, times=1)
    assert api.v3.list_orgs()["data"]
    assert api.v3.rate_limit["RateLimit-Limit"] == "1000"
    fake.fail("get_org", status=403, message="Forbidden.")
    with pytest.raises(Forbidden):
        api.v3.get_org("x")
    with pytest.raises(ValueError):
        fake.fail("no_such_route")
    assert "list_runs" in fake.route_names()
    with pytest.raises(NotFound) as raised:
        api.v3.request("GET", "/api/v3/no/such/route")
    assert raised.value.type == "not_found"


def test_deprecation_headers_warn_once(fake: FakeCircleCI, api: ApiV3) -> None:
    fake.v3.store.extra_headers.update({"Deprecation": "true", "Sunset": "Sat, 01 Jan 2028 00:00:00 GMT"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        api.list_orgs()
        api.list_orgs()
    assert [w.category for w in caught] == [CircleCIDeprecationWarning]
    assert "2028-01-01" in str(caught[0].message)
