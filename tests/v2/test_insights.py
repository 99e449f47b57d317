"""The "Insights" operations of ApiV2 on the wire."""

from __future__ import annotations

import pytest

from circleci.error import InvalidArgumentError
from circleci.v2.insights import InsightsOperations

from .wire import Wire, cases, check, make_api, operation_methods

P = "gh/org/repo"
START, END = "2024-01-01T00:00:00Z", "2024-01-31T00:00:00Z"

CASES: dict[str, list[Wire]] = {
    "get_project_workflows_page_data": [
        Wire(lambda api: api.get_project_workflows_page_data(P), "GET", "/insights/pages/gh/org/repo/summary"),
        Wire(
            lambda api: api.get_project_workflows_page_data(
                P, reporting_window="last-7-days", branches=["main", "dev"], workflow_names="build"
            ),
            "GET",
            "/insights/pages/gh/org/repo/summary",
            {"reporting-window": "last-7-days", "branches": ["main", "dev"], "workflow-names": "build"},
        ),
    ],
    "get_job_timeseries": [
        Wire(
            lambda api: api.get_job_timeseries(P, "build/test"),
            "GET",
            "/insights/time-series/gh/org/repo/workflows/build%2Ftest/jobs",
        ),
        Wire(
            lambda api: api.get_job_timeseries(
                P, "build", branch="main", granularity="daily", start_date=START, end_date=END, page_token="p2"
            ),
            "GET",
            "/insights/time-series/gh/org/repo/workflows/build/jobs",
            {"branch": "main", "granularity": "daily", "start-date": START, "end-date": END, "page-token": "p2"},
        ),
    ],
    "get_org_summary_data": [
        Wire(lambda api: api.get_org_summary_data("gh/org"), "GET", "/insights/gh/org/summary"),
        Wire(
            lambda api: api.get_org_summary_data("gh/org", reporting_window="last-90-days", project_names=["a", "b"]),
            "GET",
            "/insights/gh/org/summary",
            {"reporting-window": "last-90-days", "project-names": ["a", "b"]},
        ),
    ],
    "get_all_insights_branches": [
        Wire(lambda api: api.get_all_insights_branches(P), "GET", "/insights/gh/org/repo/branches"),
        Wire(
            lambda api: api.get_all_insights_branches(P, workflow_name="build"),
            "GET",
            "/insights/gh/org/repo/branches",
            {"workflow-name": "build"},
        ),
    ],
    "get_flaky_tests": [Wire(lambda api: api.get_flaky_tests(P), "GET", "/insights/gh/org/repo/flaky-tests")],
    "get_project_workflow_metrics": [
        Wire(lambda api: api.get_project_workflow_metrics(P), "GET", "/insights/gh/org/repo/workflows"),
        Wire(
            lambda api: api.get_project_workflow_metrics(
                P, all_branches=True, branch="main", reporting_window="last-30-days", page_token="p2"
            ),
            "GET",
            "/insights/gh/org/repo/workflows",
            {"all-branches": "true", "branch": "main", "reporting-window": "last-30-days", "page-token": "p2"},
        ),
    ],
    "get_project_workflow_runs": [
        Wire(lambda api: api.get_project_workflow_runs(P, "a b"), "GET", "/insights/gh/org/repo/workflows/a%20b"),
        Wire(
            lambda api: api.get_project_workflow_runs(
                P, "build", all_branches=False, branch="main", start_date=START, end_date=END, page_token="p2"
            ),
            "GET",
            "/insights/gh/org/repo/workflows/build",
            {"all-branches": "false", "branch": "main", "start-date": START, "end-date": END, "page-token": "p2"},
        ),
    ],
    "get_project_workflow_job_metrics": [
        Wire(
            lambda api: api.get_project_workflow_job_metrics(P, "build"),
            "GET",
            "/insights/gh/org/repo/workflows/build/jobs",
        ),
        Wire(
            lambda api: api.get_project_workflow_job_metrics(
                P,
                "build",
                all_branches=True,
                branch="main",
                reporting_window="last-24-hours",
                job_name="lint",
                page_token="p2",
            ),
            "GET",
            "/insights/gh/org/repo/workflows/build/jobs",
            {
                "all-branches": "true",
                "branch": "main",
                "reporting-window": "last-24-hours",
                "job-name": "lint",
                "page-token": "p2",
            },
        ),
    ],
    "get_workflow_summary": [
        Wire(lambda api: api.get_workflow_summary(P, "build"), "GET", "/insights/gh/org/repo/workflows/build/summary"),
        Wire(
            lambda api: api.get_workflow_summary(P, "build", all_branches=True, branch="main"),
            "GET",
            "/insights/gh/org/repo/workflows/build/summary",
            {"all-branches": "true", "branch": "main"},
        ),
    ],
    "get_project_workflow_test_metrics": [
        Wire(
            lambda api: api.get_project_workflow_test_metrics("circleci/o/p", "build"),
            "GET",
            "/insights/circleci/o/p/workflows/build/test-metrics",
        ),
        Wire(
            lambda api: api.get_project_workflow_test_metrics(P, "build", branch="main", all_branches=False),
            "GET",
            "/insights/gh/org/repo/workflows/build/test-metrics",
            {"branch": "main", "all-branches": "false"},
        ),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(InsightsOperations)


def test_empty_workflow_name_is_refused() -> None:
    with pytest.raises(InvalidArgumentError):
        make_api().get_workflow_summary(P, "")


def test_org_slug_errors_name_the_org_slug() -> None:
    with pytest.raises(InvalidArgumentError, match="org_slug"):
        make_api().get_org_summary_data("gh//org")
