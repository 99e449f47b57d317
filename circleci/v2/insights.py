"""Operations of the "Insights" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import (
        GetAllInsightsBranchesResponse,
        GetFlakyTestsResponse,
        GetJobTimeseriesItem,
        GetOrgSummaryDataResponse,
        GetProjectWorkflowJobMetricsItem,
        GetProjectWorkflowMetricsItem,
        GetProjectWorkflowRunsItem,
        GetProjectWorkflowsPageDataResponse,
        GetProjectWorkflowTestMetricsResponse,
        GetWorkflowSummaryResponse,
        Page,
    )

Names = Union[str, list[str]]
"""One name, or a list of names sent as a repeated query parameter."""


class InsightsOperations(V2Operations):
    """Operations of the "Insights" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("getProjectWorkflowsPageData", "GET", "/insights/pages/{project-slug}/summary")
    def get_project_workflows_page_data(
        self,
        project_slug: str,
        *,
        reporting_window: Optional[str] = None,
        branches: Optional[Names] = None,
        workflow_names: Optional[Names] = None,
    ) -> GetProjectWorkflowsPageDataResponse:
        """Fetch the summary metrics and trends shown on a project's Insights page.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param reporting_window: ``"last-24-hours"``, ``"last-7-days"``, ``"last-30-days"``,
            ``"last-60-days"`` or ``"last-90-days"``.
        :param branches: the branches to include.
        :param workflow_names: the workflows to include.
        :returns: the project's metrics and trends.
        """
        params = query(**{"reporting-window": reporting_window, "branches": branches, "workflow-names": workflow_names})
        return self._call(self.get_project_workflows_page_data, project_slug, params=params)

    @operation(
        "getJobTimeseries",
        "GET",
        "/insights/time-series/{project-slug}/workflows/{workflow-name}/jobs",
        paginated=True,
    )
    def get_job_timeseries(
        self,
        project_slug: str,
        workflow_name: str,
        *,
        branch: Optional[str] = None,
        granularity: Optional[str] = None,
        start_date: Optional[str] = None,
        end_date: Optional[str] = None,
        page_token: Optional[str] = None,
    ) -> Page[GetJobTimeseriesItem]:
        """Fetch job metrics of a workflow over time, per hour or per day.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param workflow_name: the workflow's name.
        :param branch: only this branch (default: the project's default branch).
        :param granularity: ``"daily"`` or ``"hourly"``.
        :param start_date: the start, an ISO 8601 date-time.
        :param end_date: the end, an ISO 8601 date-time.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(
            **{
                "branch": branch,
                "granularity": granularity,
                "start-date": start_date,
                "end-date": end_date,
                "page-token": page_token,
            }
        )
        return self._call(self.get_job_timeseries, project_slug, workflow_name, params=params)

    @operation("getOrgSummaryData", "GET", "/insights/{org-slug}/summary")
    def get_org_summary_data(
        self, org_slug: str, *, reporting_window: Optional[str] = None, project_names: Optional[Names] = None
    ) -> GetOrgSummaryDataResponse:
        """Fetch the aggregated metrics of an organization and of each of its projects.

        :param org_slug: the organization, e.g. ``gh/org``.
        :param reporting_window: the period, e.g. ``"last-30-days"``.
        :param project_names: the projects to include.
        :returns: the organization's and its projects' metrics.
        """
        params = query(**{"reporting-window": reporting_window, "project-names": project_names})
        return self._call(self.get_org_summary_data, org_slug, params=params)

    @operation("getAllInsightsBranches", "GET", "/insights/{project-slug}/branches")
    def get_all_insights_branches(
        self, project_slug: str, *, workflow_name: Optional[str] = None
    ) -> GetAllInsightsBranchesResponse:
        """List the branches that have Insights data.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param workflow_name: only branches that ran this workflow.
        :returns: ``{"org_id": ..., "project_id": ..., "branches": [...]}``.
        """
        params = query(**{"workflow-name": workflow_name})
        return self._call(self.get_all_insights_branches, project_slug, params=params)

    @operation("getFlakyTests", "GET", "/insights/{project-slug}/flaky-tests")
    def get_flaky_tests(self, project_slug: str) -> GetFlakyTestsResponse:
        """List a project's flaky tests.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :returns: ``{"flaky-tests": [...], "total-flaky-tests": ...}``.
        """
        return self._call(self.get_flaky_tests, project_slug)

    @operation("getProjectWorkflowMetrics", "GET", "/insights/{project-slug}/workflows", paginated=True)
    def get_project_workflow_metrics(
        self,
        project_slug: str,
        *,
        all_branches: Optional[bool] = None,
        branch: Optional[str] = None,
        reporting_window: Optional[str] = None,
        page_token: Optional[str] = None,
    ) -> Page[GetProjectWorkflowMetricsItem]:
        """Fetch summary metrics of each workflow of a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param all_branches: ``True`` for all branches; not together with ``branch``.
        :param branch: only this branch (default: the project's default branch).
        :param reporting_window: the period, e.g. ``"last-30-days"``.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(
            **{
                "all-branches": all_branches,
                "branch": branch,
                "reporting-window": reporting_window,
                "page-token": page_token,
            }
        )
        return self._call(self.get_project_workflow_metrics, project_slug, params=params)

    @operation("getProjectWorkflowRuns", "GET", "/insights/{project-slug}/workflows/{workflow-name}", paginated=True)
    def get_project_workflow_runs(
        self,
        project_slug: str,
        workflow_name: str,
        *,
        all_branches: Optional[bool] = None,
        branch: Optional[str] = None,
        start_date: Optional[str] = None,
        end_date: Optional[str] = None,
        page_token: Optional[str] = None,
    ) -> Page[GetProjectWorkflowRunsItem]:
        """List recent runs of a workflow with their status and duration.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param workflow_name: the workflow's name.
        :param all_branches: ``True`` for all branches; not together with ``branch``.
        :param branch: only this branch (default: the project's default branch).
        :param start_date: the start, an ISO 8601 date-time.
        :param end_date: the end, an ISO 8601 date-time.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(
            **{
                "all-branches": all_branches,
                "branch": branch,
                "start-date": start_date,
                "end-date": end_date,
                "page-token": page_token,
            }
        )
        return self._call(self.get_project_workflow_runs, project_slug, workflow_name, params=params)

    @operation(
        "getProjectWorkflowJobMetrics",
        "GET",
        "/insights/{project-slug}/workflows/{workflow-name}/jobs",
        paginated=True,
    )
    def get_project_workflow_job_metrics(
        self,
        project_slug: str,
        workflow_name: str,
        *,
        all_branches: Optional[bool] = None,
        branch: Optional[str] = None,
        reporting_window: Optional[str] = None,
        job_name: Optional[str] = None,
        page_token: Optional[str] = None,
    ) -> Page[GetProjectWorkflowJobMetricsItem]:
        """Fetch summary metrics of each job of a workflow.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param workflow_name: the workflow's name.
        :param all_branches: ``True`` for all branches; not together with ``branch``.
        :param branch: only this branch (default: the project's default branch).
        :param reporting_window: the period, e.g. ``"last-30-days"``.
        :param job_name: only jobs whose name contains this text.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(
            **{
                "all-branches": all_branches,
                "branch": branch,
                "reporting-window": reporting_window,
                "job-name": job_name,
                "page-token": page_token,
            }
        )
        return self._call(self.get_project_workflow_job_metrics, project_slug, workflow_name, params=params)

    @operation("getWorkflowSummary", "GET", "/insights/{project-slug}/workflows/{workflow-name}/summary")
    def get_workflow_summary(
        self,
        project_slug: str,
        workflow_name: str,
        *,
        all_branches: Optional[bool] = None,
        branch: Optional[str] = None,
    ) -> GetWorkflowSummaryResponse:
        """Fetch a workflow's metrics and their trends.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param workflow_name: the workflow's name.
        :param all_branches: ``True`` for all branches; not together with ``branch``.
        :param branch: only this branch (default: the project's default branch).
        :returns: ``{"metrics": ..., "trends": ..., "workflow_names": [...]}``.
        """
        params = query(**{"all-branches": all_branches, "branch": branch})
        return self._call(self.get_workflow_summary, project_slug, workflow_name, params=params)

    @operation(
        "getProjectWorkflowTestMetrics", "GET", "/insights/{project-slug}/workflows/{workflow-name}/test-metrics"
    )
    def get_project_workflow_test_metrics(
        self,
        project_slug: str,
        workflow_name: str,
        *,
        branch: Optional[str] = None,
        all_branches: Optional[bool] = None,
    ) -> GetProjectWorkflowTestMetricsResponse:
        """Fetch test metrics of a workflow: most failed and slowest tests.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param workflow_name: the workflow's name.
        :param branch: only this branch (default: the project's default branch).
        :param all_branches: ``True`` for all branches; not together with ``branch``.
        :returns: the workflow's test metrics.
        """
        params = query(**{"branch": branch, "all-branches": all_branches})
        return self._call(self.get_project_workflow_test_metrics, project_slug, workflow_name, params=params)
