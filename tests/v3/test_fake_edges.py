"""Corners of the fake's v3 routes: new organizations, odd page parameters, steps not yet started."""

from __future__ import annotations

import pytest

from circleci.error import ClientError, NotFound
from circleci.testing import FakeCircleCI, JobPlan, StepPlan, WorkflowPlan
from circleci.v3 import ApiV3


def test_a_new_organization_gets_its_own_seeded_objects(fake: FakeCircleCI, api: ApiV3) -> None:
    api.list_orgs()
    project = fake.add_project("other", "tool")
    assert api.list_provider_connections(filter_org_id=project.org_id)["data"][0]["attributes"]["login"] == "other"
    assert len(api.list_orb_categories()["data"]) == 3
    assert [p["attributes"]["name"] for p in api.list_pipelines(filter_project_id=project.id)["data"]] == ["build"]


def test_page_parameters_the_fake_refuses(api: ApiV3) -> None:
    with pytest.raises(ClientError, match="Invalid page size"):
        api.request("GET", "orgs", params={"page[limit]": "many"})
    with pytest.raises(ClientError, match="Invalid page size"):
        api.request("POST", "runs/search", body={"page": {"limit": True}})
    assert api.request("POST", "runs/search", body={"page": "x"})["data"]


def test_a_step_that_has_not_started_has_no_output_yet(fake: FakeCircleCI, api: ApiV3) -> None:
    steps = [StepPlan("one", output="1\n"), StepPlan("two", output="2\n")]
    pipeline = fake.trigger_pipeline(
        "gh/acme/widget", plan=[WorkflowPlan("w", [JobPlan("j", duration=10, steps=steps)])]
    )
    fake.advance(3)
    job = pipeline.workflows[0].jobs[0]
    later = api.get_job_stdout(job.id, filter_step_num=101)
    assert later.size == 0 and not later.terminal
    all_versions = api.list_orb_versions(filter_orb_id="none")
    assert all_versions["data"] == []


def test_an_approval_job_runs_no_steps(fake: FakeCircleCI, api: ApiV3) -> None:
    pipeline = fake.trigger_pipeline("gh/acme/widget", plan=[WorkflowPlan("w", [JobPlan("hold", type="approval")])])
    fake.advance(3)
    hold = pipeline.workflows[0].jobs[0]
    with pytest.raises(NotFound, match="step not found"):
        api.get_job_stdout(hold.id, filter_step_num=0)
