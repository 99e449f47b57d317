"""ApiV2 end to end against FakeCircleCI: pipelines, workflows, jobs, settings, contexts, schedules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from circleci.api import Api
from circleci.error import ClientError, NotFound, ServerError
from circleci.testing import FakeCircleCI, JobPlan, WorkflowPlan
from circleci.v2 import ApiV2

from .conftest import SLUG


@pytest.fixture
def v2(fake: FakeCircleCI) -> Iterator[ApiV2]:
    with ApiV2(fake.token, fake.url_v2, retries=0) as client:
        yield client


def test_user_project_and_collaborations(v2: ApiV2, fake: FakeCircleCI) -> None:
    me = v2.get_current_user()
    assert me["login"] == "fake-user"
    assert v2.get_user(me["id"]) == me
    with pytest.raises(NotFound, match="User not found"):
        v2.get_user("nobody")
    project = v2.get_project_by_slug(SLUG)
    assert project["vcs_info"] == {
        "vcs_url": "https://github.com/acme/widget",
        "provider": "GitHub",
        "default_branch": "main",
    }
    assert v2.get_collaborations() == [
        {
            "id": project["organization_id"],
            "vcs-type": "github",
            "name": "acme",
            "slug": "gh/acme",
            "avatar_url": "https://avatars.example.com/acme",
        }
    ]
    with pytest.raises(NotFound, match="Project not found"):
        v2.get_project_by_slug("gh/acme/nope")


def test_a_triggered_pipeline_runs_on_the_clock(v2: ApiV2, fake: FakeCircleCI) -> None:
    created = v2.trigger_pipeline(SLUG, branch="feature/x", parameters={"deploy": True})
    assert (created["number"], created["state"]) == (4, "pending")
    pipeline = v2.get_pipeline_by_id(created["id"])
    assert (pipeline["state"], pipeline["vcs"]["branch"], pipeline["trigger_parameters"]) == (
        "setup-pending",
        "feature/x",
        {"deploy": True},
    )
    assert v2.list_workflows_by_pipeline_id(created["id"]) == {"items": [], "next_page_token": None}

    fake.advance(1)  # setup
    (workflow,) = v2.list_workflows_by_pipeline_id(created["id"])["items"]
    assert (workflow["status"], workflow["stopped_at"]) == ("running", None)
    jobs = v2.list_workflow_jobs(workflow["id"])["items"]
    assert [(j["name"], j["status"], j.get("job_number")) for j in jobs] == [
        ("build", "queued", 7),
        ("test", "blocked", None),
    ]
    assert jobs[1]["dependencies"] == [jobs[0]["id"]]

    fake.advance(1)
    assert v2.get_job_details(SLUG, 7)["status"] == "running"
    fake.advance(2)
    details = v2.get_job_details(SLUG, 7)
    assert (details["status"], details["duration"]) == ("success", 2000)
    assert v2.get_workflow_by_id(workflow["id"])["status"] == "running"
    fake.advance(4)
    finished = v2.get_workflow_by_id(workflow["id"])
    assert finished["status"] == "success" and finished["stopped_at"] is not None
    assert v2.get_pipeline_by_number(SLUG, 4)["state"] == "created"
    assert [a["path"] for a in v2.get_job_artifacts(SLUG, 8)["items"]] == [
        "reports/junit.xml",
        "coverage/index.html",
    ]
    assert len(v2.get_tests(SLUG, 8)["items"]) == 2


def test_a_failing_job_fails_the_workflow_and_skips_the_rest(v2: ApiV2, fake: FakeCircleCI) -> None:
    jobs = [JobPlan("lint", 1, "failed"), JobPlan("unit", 3), JobPlan("deploy", 1, requires=("lint", "unit"))]
    fake.set_plan(SLUG, [WorkflowPlan("ci", jobs)])
    created = v2.trigger_pipeline(SLUG)
    fake.advance(3.5)  # set up at 1, queued until 2, lint failed at 3
    (workflow,) = v2.list_workflows_by_pipeline_id(created["id"])["items"]
    listed = v2.list_workflow_jobs(workflow["id"])["items"]
    assert (workflow["status"], [j["status"] for j in listed]) == ("failing", ["failed", "running", "blocked"])
    fake.advance(2)
    listed = v2.list_workflow_jobs(workflow["id"])["items"]
    assert [j["status"] for j in listed] == ["failed", "success", "not_run"]
    assert v2.get_workflow_by_id(workflow["id"])["status"] == "failed"


def test_approvals_hold_the_workflow(v2: ApiV2, fake: FakeCircleCI) -> None:
    plan = [WorkflowPlan("release", [JobPlan("hold", type="approval"), JobPlan("ship", 1, requires=("hold",))])]
    pipeline = fake.trigger_pipeline(SLUG, plan=plan)
    fake.advance(1)
    workflow = pipeline.workflows[0]
    assert v2.get_workflow_by_id(workflow.id)["status"] == "on_hold"
    hold = v2.list_workflow_jobs(workflow.id)["items"][0]
    assert hold["approval_request_id"] == hold["id"] and hold["type"] == "approval"

    with pytest.raises(NotFound, match="Approval request not found"):
        v2.approve_pending_approval_job_by_id(workflow.id, workflow.jobs[1].id)
    assert v2.approve_pending_approval_job_by_id(workflow.id, hold["id"]) == {"message": "Accepted."}
    fake.advance(2)
    jobs = v2.list_workflow_jobs(workflow.id)["items"]
    assert [(j["status"], j.get("approved_by")) for j in jobs] == [("success", fake.state.user.id), ("success", None)]


def test_cancel_workflow_and_jobs(v2: ApiV2, fake: FakeCircleCI) -> None:
    first = fake.trigger_pipeline(SLUG)
    second = fake.trigger_pipeline(SLUG)
    fake.advance(1)
    workflow = first.workflows[0]
    assert v2.cancel_workflow(workflow.id) == {"message": "Accepted."}
    canceled = v2.get_workflow_by_id(workflow.id)
    assert (canceled["status"], canceled["canceled_by"]) == ("canceled", fake.state.user.id)

    build, test = second.workflows[0].jobs
    assert v2.cancel_job_by_job_number(SLUG, build.number) == {"message": "Job canceled."}
    assert [j.status for j in (build, test)] == ["canceled", "not_run"]
    third = fake.trigger_pipeline(SLUG)
    fake.advance(1)
    assert v2.cancel_job_by_job_id(third.workflows[0].jobs[0].id) == {"message": "Job canceled."}
    assert v2.get_workflow_by_id(third.workflows[0].id)["status"] == "canceled"
    with pytest.raises(NotFound, match=r"Job not found\."):
        v2.cancel_job_by_job_id("nope")


def test_rerun_workflow(v2: ApiV2, fake: FakeCircleCI) -> None:
    pipeline = fake.state.pipelines[next(iter(fake.state.pipelines))]
    workflow = pipeline.workflows[0]
    rerun = v2.rerun_workflow(workflow.id, from_failed=True)
    assert [w["id"] for w in v2.list_workflows_by_pipeline_id(pipeline.id)["items"]] == [
        workflow.id,
        rerun["workflow_id"],
    ]
    assert v2.rerun_workflow(workflow.id, jobs=[workflow.jobs[0].id])["workflow_id"]
    with pytest.raises(ClientError, match="mutually exclusive"):
        v2.rerun_workflow(workflow.id, jobs=[workflow.jobs[0].id], from_failed=True)
    with pytest.raises(ClientError, match="Jobs not in this workflow"):
        v2.rerun_workflow(workflow.id, jobs=["2f6a4a5c-2d43-4c36-9d38-1e2ae4b6d2a1"])
    with pytest.raises(ClientError, match="is not a UUID"):
        v2.rerun_workflow(workflow.id, jobs=["not-a-uuid"])


def test_a_rerun_runs_the_jobs_the_workflow_ran_even_when_the_plan_changed(v2: ApiV2, fake: FakeCircleCI) -> None:
    workflow = next(iter(fake.state.workflows.values()))
    fake.set_plan(SLUG, [])
    rerun = v2.rerun_workflow(workflow.id)
    names = [job["name"] for job in v2.list_workflow_jobs(rerun["workflow_id"])["items"]]
    assert names == [job.name for job in workflow.jobs]


def test_pipeline_lists_filter_and_page(v2: ApiV2, fake: FakeCircleCI) -> None:
    for _ in range(25):
        fake.trigger_pipeline(SLUG)
    fake.trigger_pipeline(SLUG, branch="dev")
    first = v2.list_pipelines_for_project(SLUG)
    assert len(first["items"]) == 20 and first["items"][0]["number"] == 29
    second = v2.list_pipelines_for_project(SLUG, page_token=first["next_page_token"])
    assert [p["number"] for p in second["items"]] == list(range(9, 0, -1)) and second["next_page_token"] is None
    assert [p["number"] for p in v2.list_pipelines_for_project(SLUG, branch="dev")["items"]] == [29]
    assert len(list(v2.iterate(v2.list_my_pipelines, SLUG))) == 26  # the seeded ones are the teammate's
    everything = list(v2.iterate(v2.list_pipelines, org_slug="gh/acme"))
    assert len(everything) == 32
    assert v2.list_pipelines(org_slug="gh/other")["items"] == []
    assert len(v2.list_pipelines()["items"]) == 20
    with pytest.raises(ClientError, match="Invalid page-token"):
        v2.list_pipelines_for_project(SLUG, page_token="bogus")
    with pytest.raises(NotFound, match="Pipeline not found"):
        v2.get_pipeline_by_number(SLUG, 99)


def test_pipeline_config_and_values(v2: ApiV2, fake: FakeCircleCI) -> None:
    pipeline = fake.trigger_pipeline(SLUG, branch="main")
    config = v2.get_pipeline_config_by_id(pipeline.id)
    assert "  build-and-test:\n    jobs:\n      - build\n      - test\n" in config["source"]
    values = v2.get_pipeline_values_by_id(pipeline.id)
    assert values["pipeline.git.branch"] == "main" and values["pipeline.number"] == pipeline.number
    with pytest.raises(NotFound, match="Pipeline not found"):
        v2.get_pipeline_by_id("nope")


def test_trigger_pipeline_run_and_a_broken_config(v2: ApiV2, fake: FakeCircleCI) -> None:
    created = v2.trigger_pipeline_run("gh", "acme", "widget", config={"branch": "dev"}, parameters={"n": 1})
    assert fake.state.pipeline(created["id"]).branch == "dev"
    fake.set_plan(SLUG, [])
    broken = v2.trigger_pipeline(SLUG, tag="v2")
    fake.advance(1)
    pipeline = v2.get_pipeline_by_id(broken["id"])
    assert pipeline["state"] == "errored" and pipeline["errors"][0]["type"] == "config"
    assert pipeline["vcs"]["tag"] == "v2" and "branch" not in pipeline["vcs"]


def test_trigger_rejects_a_branch_with_a_tag(v2: ApiV2) -> None:
    with pytest.raises(ClientError, match="branch and tag are mutually exclusive"):
        v2.trigger_pipeline(SLUG, branch="main", tag="v1")


def test_job_artifacts_download_through_the_storage_host(v2: ApiV2, tmp_path: Path) -> None:
    (artifact, _) = v2.get_job_artifacts(SLUG, 6)["items"]
    written = v2.download_artifact(artifact["url"], str(tmp_path))
    assert Path(written).read_text() == '<testsuite name="app" tests="2" failures="0"/>\n'
    assert v2.get_job_details(SLUG, 6)["latest_workflow"]["name"] == "build-and-test"


def test_project_env_vars(v2: ApiV2) -> None:
    assert [v["name"] for v in v2.list_env_vars(SLUG)["items"]] == ["API_URL", "DEPLOY_TOKEN"]
    created = v2.create_env_var(SLUG, name="NEW", value="abcd1234")
    assert (created["name"], created["value"]) == ("NEW", "xxxx1234")
    assert v2.get_env_var(SLUG, "NEW")["value"] == "xxxx1234"
    assert v2.delete_env_var(SLUG, "NEW") == {"message": "Environment variable deleted."}
    with pytest.raises(NotFound):
        v2.get_env_var(SLUG, "NEW")


def test_project_checkout_keys(v2: ApiV2) -> None:
    (seeded,) = v2.list_checkout_keys(SLUG)["items"]
    assert seeded["type"] == "deploy-key"
    created = v2.create_checkout_key(SLUG, type="user-key")
    assert created["type"] == "github-user-key"
    assert v2.create_checkout_key(SLUG, type="deploy-key")["type"] == "deploy-key"
    assert v2.get_checkout_key(SLUG, created["fingerprint"]) == created
    assert v2.delete_checkout_key(SLUG, created["fingerprint"]) == {"message": "Checkout key deleted."}
    with pytest.raises(NotFound, match=r"Checkout key not found\."):
        v2.delete_checkout_key(SLUG, created["fingerprint"])
    with pytest.raises(ClientError, match="is not one of user-key, deploy-key"):
        v2.create_checkout_key(SLUG, type="github-user-key")


def test_contexts_and_their_variables(v2: ApiV2, fake: FakeCircleCI) -> None:
    org_id = fake.project(SLUG).org_id
    (seeded,) = v2.list_contexts(owner_slug="gh/acme")["items"]
    assert seeded["name"] == "deploy-secrets"
    created = v2.create_context(name="staging", owner={"id": org_id, "type": "organization"})
    assert v2.get_context(created["id"]) == created
    assert len(v2.list_contexts(owner_id=org_id)["items"]) == 2
    with pytest.raises(ClientError, match="owner-id or owner-slug is required"):
        v2.list_contexts()
    with pytest.raises(NotFound, match="Organization not found"):
        v2.list_contexts(owner_slug="gh/other")

    added = v2.add_environment_variable_to_context(created["id"], "KEY", value="v1")
    fake.advance(5)
    replaced = v2.add_environment_variable_to_context(created["id"], "KEY", value="v2")
    assert replaced["created_at"] == added["created_at"] != replaced["updated_at"]
    assert [v["variable"] for v in v2.list_environment_variables_from_context(created["id"])["items"]] == ["KEY"]
    deleted = v2.delete_environment_variable_from_context(created["id"], "KEY")
    assert deleted == {"message": "Environment variable deleted."}
    with pytest.raises(NotFound):
        v2.delete_environment_variable_from_context(created["id"], "KEY")
    assert v2.delete_context(created["id"]) == {"message": "Context deleted."}
    with pytest.raises(NotFound, match="Context not found"):
        v2.get_context(created["id"])


def test_schedules(v2: ApiV2) -> None:
    (nightly,) = v2.list_schedules_for_project(SLUG)["items"]
    assert nightly["name"] == "nightly"
    timetable = {"per-hour": 2, "hours-of-day": [1, 13], "days-of-week": ["SAT"]}
    created = v2.create_schedule(
        SLUG,
        name="weekend",
        timetable=timetable,
        attribution_actor="current",
        parameters={"branch": "main"},
    )
    assert (created["timetable"], created["project-slug"]) == (timetable, SLUG)
    assert v2.get_schedule_by_id(created["id"]) == created
    updated = v2.update_schedule(created["id"], name="weekends", parameters={"tag": "v1"})
    assert (updated["name"], updated["parameters"]) == ("weekends", {"tag": "v1"})
    assert v2.update_schedule(created["id"], description="d")["description"] == "d"
    with pytest.raises(ClientError, match="must contain branch or tag"):
        v2.update_schedule(created["id"], parameters={"x": 1})
    with pytest.raises(ClientError, match="must contain branch or tag"):
        v2.create_schedule(SLUG, name="n", timetable=timetable, attribution_actor="system", parameters={})
    assert v2.delete_schedule_by_id(created["id"]) == {"message": "Schedule deleted."}
    with pytest.raises(NotFound, match="Schedule not found"):
        v2.get_schedule_by_id(created["id"])


def test_an_operation_the_fake_does_not_implement_says_so(v2: ApiV2, fake: FakeCircleCI) -> None:
    fake.router.routes = [route for route in fake.router.routes if route.name != "getFlakyTests"]
    with pytest.raises(ServerError, match="FakeCircleCI does not implement getFlakyTests"):
        v2._request("GET", "insights/gh/acme/widget/flaky-tests")


def test_v2_slugs_match_case_exactly_where_v1_1_paths_ignore_it(v2: ApiV2, fake: FakeCircleCI) -> None:
    with pytest.raises(NotFound):
        v2.get_project_by_slug("gh/ACME/Widget")
    assert v2.get_project_by_slug(SLUG)["slug"] == SLUG
    with Api(fake.token, fake.url, retries=0) as api:
        assert api.get_project_build_summary("ACME", "Widget", limit=1)[0]["reponame"] == "widget"
