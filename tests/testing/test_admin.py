"""Organizations, groups, usage exports, OIDC, policies, restrictions, definitions, deploys: behaviour and errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Optional

import pytest
import requests

from circleci.testing import FakeCircleCI, JobPlan, WorkflowPlan
from circleci.testing.v2_admin import USAGE_EXPORT_DELAY, continuation_key

SLUG = "gh/acme/widget"


class Client:
    """Raw calls to the fake's v2 API that check the status (and the message of an error)."""

    def __init__(self, fake: FakeCircleCI) -> None:
        self.fake = fake
        self.session = requests.Session()
        self.session.headers["Circle-Token"] = fake.token

    def __call__(self, verb: str, path: str, status: int = 200, match: Optional[str] = None, **kwargs: Any) -> Any:
        answer = self.session.request(verb, f"{self.fake.url_v2}{path}", timeout=10, **kwargs)
        assert answer.status_code == status, (verb, path, answer.status_code, answer.text)
        if match is not None:
            assert match in answer.json()["message"], answer.text
        return answer.json() if answer.content else None


@pytest.fixture
def call(fake: FakeCircleCI) -> Iterator[Client]:
    yield Client(fake)


def test_organizations_and_projects(call: Client, fake: FakeCircleCI) -> None:
    call("POST", "/organization", 409, "already exists", json={"name": "acme", "vcs_type": "github"})
    call("POST", "/organization/gh/acme/project", 409, "already exists", json={"name": "widget"})
    call("POST", "/project/circleci/acme/x", 405, "Github OAuth and Bitbucket")
    assert call("POST", "/project/gh/acme/widget", 201)["advanced"]["set_github_status"] is True
    call("POST", "/project/bb/acme/fresh", 201)
    assert fake.project("bb/acme/fresh").vcs == "bb"
    call("DELETE", "/organization/gh/acme", 202)
    call("GET", f"/project/{SLUG}", 404, "Project not found")
    call("GET", "/organization/gh/acme", 404, "Organization not found")


def test_allow_list_and_groups(call: Client, fake: FakeCircleCI) -> None:
    call(
        "POST",
        "/organization/gh/acme/url-orb-allow-list",
        400,
        "https://",
        json={"name": "n", "prefix": "http://x", "auth": "none"},
    )
    call("DELETE", "/organization/gh/acme/url-orb-allow-list/nope", 404, "not found")
    org_id = fake.project(SLUG).org_id
    group = call("POST", f"/organizations/{org_id}/groups", 201, json={"name": "g"})
    call("POST", f"/organizations/{org_id}/groups", 409, "already exists", json={"name": "g"})
    call("POST", f"/organizations/{org_id}/groups", 201, json={"name": "h"})
    page = call("GET", f"/organizations/{org_id}/groups", params={"limit": 1})
    assert (len(page["items"]), page["total_count"]) == (1, 2) and page["next_page_token"]
    call("GET", f"/organizations/{org_id}/groups", 400, "whole number", params={"limit": "x"})
    call("GET", f"/organizations/{org_id}/groups/3fa85f64-5717-4562-b3fc-2c963f66afa6", 404, "Group not found")
    context = call("POST", "/context", json={"name": "c", "owner": {"slug": "gh/acme"}})
    restriction = call(
        "POST",
        f"/context/{context['id']}/restrictions",
        201,
        json={"restriction_type": "group", "restriction_value": group["id"]},
    )
    assert restriction["name"] == "g"
    expression = {"restriction_type": "expression", "restriction_value": "pipeline.git.branch == 'main'"}
    assert call("POST", f"/context/{context['id']}/restrictions", 201, json=expression)["name"].startswith("pipeline")
    call("POST", f"/context/{context['id']}/restrictions", 400, "required", json={"restriction_type": "project"})
    call("DELETE", f"/context/{context['id']}/restrictions/nope", 404, "Restriction not found")


def test_usage_exports_produce_their_file_on_the_fake_clock(call: Client, fake: FakeCircleCI) -> None:
    org_id = fake.project(SLUG).org_id
    path = f"/organizations/{org_id}/usage_export_job"
    now = fake.clock.now()
    from circleci.testing.clock import isoformat

    window = {"start": isoformat(now - 86400), "end": isoformat(now)}
    job = call("POST", path, 201, json=window)
    assert (job["state"], job["download_urls"]) == ("processing", [])
    (link_path,) = [f"/usage-exports/{job['usage_export_job_id']}/usage.csv"]
    assert requests.get(fake.root_url + link_path, timeout=5).status_code == 404
    fake.advance(USAGE_EXPORT_DELAY)
    done = call("GET", f"{path}/{job['usage_export_job_id']}")
    assert done["state"] == "completed"
    (url,) = done["download_urls"]
    rows = requests.get(url, timeout=5).text.splitlines()
    assert rows[0].startswith("ORGANIZATION_ID,PROJECT_NAME") and len(rows) == 1 + 12  # 6 pipelines of 2 jobs
    call("GET", f"{path}/3fa85f64-5717-4562-b3fc-2c963f66afa6", 404, "not found")
    call("POST", path, 400, "before end", json={"start": window["end"], "end": window["start"]})
    call("POST", path, 400, "32 days", json={"start": isoformat(now - 40 * 86400), "end": window["end"]})
    call(
        "POST",
        path,
        400,
        "last year",
        json={"start": isoformat(now - 400 * 86400), "end": isoformat(now - 399 * 86400)},
    )
    call("POST", path, 400, "not a date-time", json={"start": "yesterday", "end": window["end"]})


def test_oidc_claims(call: Client, fake: FakeCircleCI) -> None:
    project = fake.project(SLUG)
    base = f"/org/{project.org_id}/oidc-custom-claims"
    assert call("PATCH", base, json={"ttl": "2h"}) == {
        "org_id": project.org_id,
        "ttl": "2h",
        "ttl_updated_at": call("GET", base)["ttl_updated_at"],
    }
    assert "ttl" not in call("DELETE", base, params={"claims": "ttl"})
    call("DELETE", base, 400, "claims must list", params={"claims": "colour"})
    call("GET", "/org/3fa85f64-5717-4562-b3fc-2c963f66afa6/oidc-custom-claims", 404, "Organization not found")
    other = fake.add_project("elsewhere", "x")
    call("GET", f"/org/{project.org_id}/project/{other.id}/oidc-custom-claims", 404, "Project not found")


def test_policies_and_decisions(call: Client, fake: FakeCircleCI) -> None:
    owner = f"/owner/{fake.project(SLUG).org_id}/context/config"
    assert call("POST", f"{owner}/decision", json={"input": "x"}) == {"status": "NO_POLICIES"}
    call("POST", f"{owner}/policy-bundle", 201, json={"policies": {"a": "package org", "b": "package org"}})
    dry = call(
        "POST", f"{owner}/policy-bundle", params={"dry": "true"}, json={"policies": {"a": "changed", "c": "new"}}
    )
    assert dry == {"created": ["c"], "deleted": ["b"], "modified": ["a"]}
    assert call("POST", f"{owner}/decision", json={"input": "x"}) == {"status": "PASS", "enabled_rules": ["a", "b"]}
    assert [d["decision"]["status"] for d in call("GET", f"{owner}/decision", params={"status": "PASS"})] == ["PASS"]
    call("GET", f"{owner}/decision", 400, "whole number", params={"offset": "-1"})
    call("GET", f"{owner}/decision/nope", 404, "decision log not found")
    assert call("PATCH", f"{owner}/decision/settings", json={}) == {"enabled": False}
    call("GET", "/owner/nobody/context/config/policy-bundle", 403, "Forbidden")
    call("GET", f"/owner/{fake.project(SLUG).org_id}/context/other/policy-bundle", 400, "context must be config")


def test_continuation_getjob_and_otel(call: Client, fake: FakeCircleCI) -> None:
    pipeline = fake.trigger_pipeline(SLUG)
    body = {"continuation-key": continuation_key(pipeline.id), "configuration": "{}"}
    call("POST", "/pipeline/continue", json=body)
    call("POST", "/pipeline/continue", 409, "already been continued", json=body)
    call("POST", "/pipeline/continue", 400, "Invalid continuation key", json={**body, "continuation-key": "x"})
    call("GET", "/otel/exporters", 400, "org-id is required")
    org_id = fake.project(SLUG).org_id
    exporter = {"org_id": org_id, "endpoint": "e", "protocol": "http"}
    call("POST", "/otel/exporters", 404, "Organization not found", json={**exporter, "org_id": fake.state.user.id})
    call("POST", "/otel/exporters", 400, "protocol", json={**exporter, "protocol": "udp"})
    for _ in range(5):
        call("POST", "/otel/exporters", 201, json=exporter)
    call("POST", "/otel/exporters", 400, "at most 5", json=exporter)


def test_definitions_and_triggers(call: Client, fake: FakeCircleCI) -> None:
    app = fake.add_project("acme-app", "svc", vcs="circleci")
    base = f"/projects/{app.id}/pipeline-definitions"
    definition = call(
        "POST",
        base,
        json={
            "name": "d",
            "config_source": {"provider": "circleci", "file_path": "c.yml"},
            "checkout_source": {"provider": "github_app", "repo": {"external_id": "9"}},
        },
    )
    assert "repo" not in definition["config_source"]
    patch = {"config_source": {"file_path": "other.yml"}, "checkout_source": {"repo": {"external_id": "10"}}}
    updated = call("PATCH", f"{base}/{definition['id']}", json=patch)
    assert (updated["config_source"]["file_path"], updated["checkout_source"]["repo"]["external_id"]) == (
        "other.yml",
        "10",
    )
    source = {"provider": "webhook", "webhook": {"sender": "me"}}
    trigger = call("POST", f"{base}/{definition['id']}/triggers", json={"event_source": source, "event_name": "go"})
    assert trigger["event_source"]["webhook"]["url"].endswith(trigger["id"])
    path = f"/projects/{app.id}/triggers/{trigger['id']}"
    schedule = {"schedule": {"cron_expression": "0 * * * *", "attribution_actor": "system"}}
    system = call("PATCH", path, json={"event_source": schedule})
    assert system["event_source"]["schedule"] == {"cron_expression": "0 * * * *"}
    current = {"schedule": {"cron_expression": "5 * * * *"}}
    assert call("PATCH", path, json={"event_source": current})["event_source"]["schedule"]["attribution_actor"] == {
        "id": fake.state.user.id
    }
    hourly = {"provider": "schedule", **schedule}
    created = call("POST", f"{base}/{definition['id']}/triggers", json={"event_source": hourly, "event_name": "tick"})
    assert created["event_source"] == {"provider": "schedule", "schedule": {"cron_expression": "0 * * * *"}}
    assert call("GET", f"/projects/{app.id}/triggers/{created['id']}") == created
    call("DELETE", f"{base}/{definition['id']}")
    call("GET", f"/projects/{app.id}/triggers/{trigger['id']}", 404, "Trigger not found")
    call("GET", f"{base}/{definition['id']}", 404, "Pipeline definition not found")


def test_deploys_and_rollbacks(call: Client, fake: FakeCircleCI) -> None:
    project = fake.project(SLUG)
    call("GET", "/deploy/environments", 400, "org-id is required")
    call("GET", "/deploy/components", 400, "org-id is required")
    call("GET", "/deploy/environments", 400, "page-size", params={"org-id": project.org_id, "page-size": 0})
    fake.record_deploy(SLUG, component="api", environment="prod", version="1")
    fake.record_deploy(SLUG, component="api", environment="prod", version="2")
    fake.record_deploy(SLUG, component="api", environment="staging", version="3")
    (component,) = call("GET", "/deploy/components", params={"org-id": project.org_id, "page-size": 5})["items"]
    versions = call("GET", f"/deploy/components/{component['id']}/versions")["items"]
    assert [(v["name"], v["is_live"]) for v in versions] == [("3", True), ("2", True), ("1", False)]
    body = {"environment_name": "prod", "component_name": "api", "current_version": "2", "target_version": "1"}
    path = f"/projects/{project.id}/rollback"
    call("POST", path, 404, "Environment or component not found", json={**body, "component_name": "web"})
    call("POST", path, 400, "not the live version (2)", json={**body, "current_version": "1"})
    call("POST", path, 404, "Target version not found", json={**body, "target_version": "9"})
    declared = fake.add_project("acme", "declared", parameters={})
    fake.record_deploy(declared.slug, component="api", environment="prod", version="1")
    fake.record_deploy(declared.slug, component="api", environment="prod", version="2")
    rollback = call("POST", f"/projects/{declared.id}/rollback", 202, json={**body, "parameters": {"x": 1}})
    assert fake.state.pipeline(rollback["id"]).parameters == {}


def test_insights_parameters_are_checked_and_filter(call: Client, fake: FakeCircleCI) -> None:
    base = f"/insights/{SLUG}/workflows"
    call("GET", base, 400, "reporting-window", params={"reporting-window": "last-year"})
    call("GET", f"{base}/build-and-test", 400, "not a date-time", params={"start-date": "soon"})
    call(
        "GET",
        f"{base}/build-and-test",
        400,
        "after start-date",
        params={"start-date": "2030-01-01T00:00:00Z", "end-date": "2029-01-01T00:00:00Z"},
    )
    runs = call("GET", f"{base}/build-and-test", params={"all-branches": "true", "start-date": "2000-01-01T00:00:00Z"})
    assert [r["status"] for r in runs["items"]] == ["success", "failed", "success"]
    assert call("GET", f"{base}/build-and-test", params={"branch": "nope"})["items"] == []
    fake.trigger_pipeline(SLUG, plan=[], branch="main")  # a pipeline with no workflows
    old = [WorkflowPlan("weekly", [JobPlan("x")])]
    fake.trigger_pipeline(SLUG, plan=old, at=fake.clock.now() - 3 * 86400)
    assert [w["name"] for w in call("GET", base, params={"reporting-window": "last-24-hours"})["items"]] == [
        "build-and-test"
    ]
    call(
        "GET",
        f"/insights/time-series/{SLUG}/workflows/build-and-test/jobs",
        400,
        "granularity",
        params={"granularity": "weekly"},
    )
    hourly = call(
        "GET", f"/insights/time-series/{SLUG}/workflows/build-and-test/jobs", params={"granularity": "hourly"}
    )
    assert {item["name"] for item in hourly["items"]} == {"build", "test"}
    summary = call("GET", "/insights/gh/acme/summary", params={"project-names": "gadget"})
    assert [p["project_name"] for p in summary["org_project_data"]] == ["gadget"]


def test_the_remaining_checks(call: Client, fake: FakeCircleCI) -> None:
    project = fake.project(SLUG)
    call("GET", "/webhook", 400, "scope-id", params={"scope-id": project.id})
    scope = {"id": project.id, "type": "project"}
    hook = {
        "name": "h",
        "events": ["job-completed"],
        "url": "http://127.0.0.1:9/",
        "verify-tls": True,
        "signing-secret": "",
        "scope": scope,
    }
    made = call("POST", "/webhook", 201, json=hook)
    assert call("PUT", f"/webhook/{made['id']}", json={"events": ["workflow-completed"]})["events"] == [
        "workflow-completed"
    ]
    call(
        "POST",
        f"/project/{SLUG}/pipeline/run",
        400,
        "mutually exclusive",
        json={"checkout": {"branch": "a", "tag": "b"}},
    )
    timetable = {"per-hour": 1, "hours-of-day": [3], "days-of-week": ["TUE"]}
    body = {"name": "n", "timetable": timetable, "attribution-actor": "system", "parameters": {"branch": "main"}}
    first = call("POST", f"/project/{SLUG}/schedule", 201, json=body)
    call("POST", f"/project/{SLUG}/schedule", 201, json=body)  # the system actor exists already
    call("PATCH", f"/schedule/{first['id']}", 400, "per-hour", json={"timetable": {**timetable, "per-hour": 0}})
    assert (
        call("PATCH", f"/schedule/{first['id']}", json={"attribution-actor": "current"})["actor"]["login"]
        == "fake-user"
    )
    assert (
        call("PATCH", f"/schedule/{first['id']}", json={"attribution-actor": "system", "timetable": timetable})[
            "actor"
        ]["login"]
        == "system-actor"
    )
    base = f"/org/{project.org_id}/oidc-custom-claims"
    assert call("PATCH", base, json={"audience": ["x"]})["audience"] == ["x"]
    with pytest.raises(LookupError):
        fake.state.project_by_id("nope")
    bearer = requests.get(f"{fake.url_v2}/me", headers={"Authorization": f"Bearer {fake.token}"}, timeout=5)
    assert bearer.status_code == 200
    with fake.redirect():
        assert requests.get(f"{fake.url_v2}/me", headers={"Circle-Token": fake.token}, timeout=5).status_code == 200


def test_a_schedule_whose_parameters_are_no_longer_declared_is_skipped(fake: FakeCircleCI) -> None:
    project = fake.add_project("acme", "later")
    from circleci.testing.state import Schedule

    timetable = {
        "per-hour": 60,
        "hours-of-day": list(range(24)),
        "days-of-week": ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"],
    }
    with fake.state.lock:
        now = fake.clock.now()
        schedule = Schedule("s", project, "s", timetable, {"branch": "main", "x": 1}, fake.state.user, now, now)
        fake.state.schedules["s"] = schedule
        project.parameters = {}
    fake.advance(300)
    assert project.pipeline_count == 0
    project.parameters = None
    fake.advance(120)
    assert project.pipeline_count == 2


def test_usage_exports_skip_jobs_of_other_orgs_and_unfinished_ones(call: Client, fake: FakeCircleCI) -> None:
    from circleci.testing.v2_admin import usage_export_files

    fake.trigger_pipeline(SLUG, plan=[WorkflowPlan("long", [JobPlan("slow", duration=1000)])])
    other = fake.add_project("other", "x")
    fake.trigger_pipeline(other.slug)
    fake.advance(10)
    job = {"org_id": fake.project(SLUG).org_id, "start": fake.clock.now() - 60, "end": fake.clock.now()}
    rows = usage_export_files(fake.state, job).decode().splitlines()
    assert len(rows) == 1
