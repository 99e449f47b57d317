"""SDK.latest_job end to end against FakeCircleCI."""

from __future__ import annotations

import pytest

from circleci.error import InvalidArgumentError
from circleci.sdk import SDK, LatestJob
from circleci.testing import FakeCircleCI, JobPlan, WorkflowPlan

SLUG = "gh/acme/docs"


def plan(docs: str = "success") -> list[WorkflowPlan]:
    return [WorkflowPlan("main", [JobPlan("build"), JobPlan("docs", outcome=docs, requires=("build",))])]


@pytest.fixture
def history(server: FakeCircleCI) -> FakeCircleCI:
    """Pipelines 1 and 2 on main (docs succeeds), 3 on main (docs fails), 4 on a feature branch."""
    server.add_project("acme", "docs", plan=plan())
    for branch, outcome in (("main", "success"), ("main", "success"), ("main", "failed"), ("feature", "success")):
        server.trigger_pipeline(SLUG, branch=branch, plan=plan(outcome))
        server.advance(60)
    return server


def test_the_latest_successful_job_of_a_branch(
    live: SDK, history: FakeCircleCI, sent: list[str], messages: list[str]
) -> None:
    found = live.latest_job(SLUG, "docs", branch="main")

    assert isinstance(found, LatestJob)
    job, number = found[:2]
    assert job["name"] == "docs" and job["status"] == "success"
    assert number == job["job_number"] == 4  # pipeline 2's docs job: builds are numbered 1, 2 per pipeline
    assert found.pipeline["number"] == 2 and found.workflow["name"] == "main"
    # pipeline 3 (docs failed) then pipeline 2: one page of pipelines, a workflow list and a job list each
    assert len(sent) == 5
    assert messages == ["latest success docs job of gh/acme/docs: number 4 (pipeline 2, workflow main)."]


def test_any_status_and_any_branch(live: SDK, history: FakeCircleCI) -> None:
    failed = live.latest_job(SLUG, "docs", branch="main", status=None)
    newest = live.latest_job(SLUG, "docs")

    assert failed is not None and failed.job["status"] == "failed" and failed.pipeline["number"] == 3
    assert newest is not None and newest.pipeline["number"] == 4 and newest.pipeline["vcs"]["branch"] == "feature"


def test_a_rerun_wins_over_the_run_before_it(live: SDK, history: FakeCircleCI) -> None:
    pipeline = history.project(SLUG)
    first = next(p for p in history.state.pipelines.values() if p.project is pipeline and p.number == 3)
    live.apiclient.v2.rerun_workflow(first.workflows[0].id)  # type: ignore[union-attr]
    history.advance(60)

    found = live.latest_job(SLUG, "docs", branch="main", status=None)

    assert found is not None and found.workflow["id"] == first.workflows[1].id


def test_nothing_found_is_none(live: SDK, history: FakeCircleCI, messages: list[str]) -> None:
    assert live.latest_job(SLUG, "deploy", status=None) is None
    assert live.latest_job(SLUG, "docs", branch="gone") is None
    assert messages == [
        "no deploy job found in the newest 100 pipelines of gh/acme/docs.",
        "no success docs job found in the newest 100 pipelines of gh/acme/docs.",
    ]


def test_a_job_still_blocked_has_no_number_and_is_not_found(live: SDK, server: FakeCircleCI) -> None:
    server.add_project("acme", "docs", plan=plan())
    server.trigger_pipeline(SLUG, branch="main")
    server.advance(2)  # build is queued, docs is blocked

    assert live.latest_job(SLUG, "docs", status=None) is None


@pytest.mark.parametrize("name", ["", None])
def test_a_job_name_is_required(live: SDK, sent: list[str], name: object) -> None:
    with pytest.raises(InvalidArgumentError):
        live.latest_job(SLUG, name)  # type: ignore[arg-type]
    assert sent == []


def test_the_search_stops_after_max_pipelines(live: SDK, history: FakeCircleCI, sent: list[str]) -> None:
    # the newest pipeline of main is 3, where docs failed
    assert live.latest_job(SLUG, "docs", branch="main", max_pipelines=1) is None
    assert sum(line.endswith("/workflow") for line in sent) == 1
    found = live.latest_job(SLUG, "docs", max_pipelines=None, branch="main")
    assert found is not None and found.job["status"] == "success"


@pytest.mark.parametrize(
    ("options", "bad"),
    [({"status": "succeeded"}, "succeeded"), ({"max_pipelines": 0}, 0), ({"max_pipelines": True}, True)],
)
def test_bad_status_or_bound_is_refused_before_sending(
    live: SDK, sent: list[str], options: dict[str, object], bad: object
) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        live.latest_job(SLUG, "docs", **options)  # type: ignore[arg-type]
    assert raised.value.argument == bad
    assert sent == []
