"""Operations of the "Workflow" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import Job, MessageResponse, Page, RerunWorkflowResponse, Workflow


class WorkflowOperations(V2Operations):
    """Operations of the "Workflow" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("getWorkflowById", "GET", "/workflow/{id}")
    def get_workflow_by_id(self, workflow_id: str) -> Workflow:
        """Fetch one workflow: its status, pipeline and timing.

        :param workflow_id: the workflow's UUID.
        :returns: the workflow.
        """
        return self._call(self.get_workflow_by_id, workflow_id)

    @operation("approvePendingApprovalJobById", "POST", "/workflow/{id}/approve/{approval_request_id}")
    def approve_pending_approval_job_by_id(self, workflow_id: str, approval_request_id: str) -> MessageResponse:
        """Approve a workflow's approval job that is on hold.

        :param workflow_id: the workflow's UUID.
        :param approval_request_id: the approval job's id (its ``approval_request_id``).
        :returns: the API's message.
        """
        return self._call(self.approve_pending_approval_job_by_id, workflow_id, approval_request_id)

    @operation("cancelWorkflow", "POST", "/workflow/{id}/cancel")
    def cancel_workflow(self, workflow_id: str) -> MessageResponse:
        """Cancel a running workflow.

        :param workflow_id: the workflow's UUID.
        :returns: the API's message.
        """
        return self._call(self.cancel_workflow, workflow_id)

    @operation("listWorkflowJobs", "GET", "/workflow/{id}/job", paginated=True)
    def list_workflow_jobs(self, workflow_id: str, *, page_token: Optional[str] = None) -> Page[Job]:
        """List the jobs of a workflow.

        :param workflow_id: the workflow's UUID.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"page-token": page_token})
        return self._call(self.list_workflow_jobs, workflow_id, params=params)

    @operation("rerunWorkflow", "POST", "/workflow/{id}/rerun")
    def rerun_workflow(
        self,
        workflow_id: str,
        *,
        enable_ssh: Optional[bool] = None,
        from_failed: Optional[bool] = None,
        jobs: Optional[list[str]] = None,
        sparse_tree: Optional[bool] = None,
    ) -> RerunWorkflowResponse:
        """Run a workflow again, whole, from its failed jobs, or only some jobs.

        The v2 replacement of the v1.1 retry.

        :param workflow_id: the workflow's UUID.
        :param enable_ssh: allow SSH into the rerun jobs (needs ``jobs``).
        :param from_failed: rerun from the failed jobs; not together with ``jobs``.
        :param jobs: ids of the jobs to rerun.
        :param sparse_tree: rerun only the given jobs' part of the workflow (needs ``jobs``).
        :returns: ``{"workflow_id": ...}`` of the new workflow.
        """
        body = query(enable_ssh=enable_ssh, from_failed=from_failed, jobs=jobs, sparse_tree=sparse_tree)
        return self._call(self.rerun_workflow, workflow_id, body=body)
