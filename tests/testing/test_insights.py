"""Insights figures computed from the fake's own history, through the client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from circleci.testing import FakeCircleCI, JobPlan, WorkflowPlan
from circleci.v2 import ApiV2

SLUG = "gh/acme/widget"


@pytest.fixture
def v2(fake: FakeCircleCI) -> Iterator[ApiV2]:
    with ApiV2(fake.token, fake.url_v2, retries=0) as client:
        yield client


def test_workflow_metrics_come_from_the_seeded_history(v2: ApiV2) -> None:
    (item,) = v2._request("GET", f"insights/{SLUG}/workflows")["items"]
    metrics = item["metrics"]
    assert (item["name"], metrics["total_runs"], metrics["successful_runs"], metrics["failed_runs"]) == (
        "build-and-test",
        3,
        2,
        1,
    )
    assert metrics["success_rate"] == pytest.approx(2 / 3)
    # each run: build queued 1 s, runs 2 s; test queued 1 s, runs 3 s
    assert metrics["duration_metrics"]["min"] == metrics["duration_metrics"]["max"] == 7
    assert (metrics["mttr"], metrics["total_recoveries"]) == (3600, 1)
    jobs = {
        j["name"]: j["metrics"] for j in v2._request("GET", f"insights/{SLUG}/workflows/build-and-test/jobs")["items"]
    }
    assert (jobs["build"]["total_runs"], jobs["test"]["failed_runs"], jobs["test"]["duration_metrics"]["p95"]) == (
        3,
        1,
        3,
    )


def test_credits_branches_and_flaky_tests(v2: ApiV2, fake: FakeCircleCI) -> None:
    def plan(result: str) -> list[WorkflowPlan]:
        job = JobPlan("unit", credits=12, outcome="failed" if result == "failure" else "success")
        job.tests = [{"name": "test_sometimes", "classname": "tests.t", "result": result}]
        return [WorkflowPlan("nightly", [job])]

    project = fake.add_project("acme", "flaky")
    for result in ("failure", "success"):
        fake.trigger_pipeline(project.slug, plan=plan(result), revision="b" * 40, branch="dev")
        fake.advance(30)
    fake.trigger_pipeline(project.slug, plan=plan("failure"), revision="c" * 40, branch="dev")
    fake.advance(30)
    assert v2._request("GET", f"insights/{project.slug}/workflows")["items"] == []  # default branch only
    (item,) = v2._request("GET", f"insights/{project.slug}/workflows", params={"branch": "dev"})["items"]
    assert (item["metrics"]["total_runs"], item["metrics"]["total_credits_used"]) == (3, 36)
    flaky = v2._request("GET", f"insights/{project.slug}/flaky-tests")
    assert flaky["total-flaky-tests"] == 1
    (test,) = flaky["flaky-tests"]
    assert (test["test-name"], test["classname"], test["times-flaked"], test["job-name"]) == (
        "test_sometimes",
        "tests.t",
        1,
        "unit",
    )
    branches = v2._request("GET", f"insights/{project.slug}/branches")["branches"]
    assert branches == ["dev"]
    metrics = v2._request("GET", f"insights/{project.slug}/workflows/nightly/test-metrics", params={"branch": "dev"})
    assert (metrics["total_test_runs"], metrics["most_failed_tests"][0]["failed_runs"]) == (3, 2)
    assert metrics["most_failed_tests"][0]["flaky"] is True
