"""Runs and workflows: endpoints of CircleCI's API v3."""

from __future__ import annotations

from typing import Any, Optional

from ._base import V3Client
from ._endpoint import endpoint, flat
from .types import IdDocument, RunDocument, RunList, RunScope, WorkflowDocument, WorkflowList


class RunOperations(V3Client):
    """Runs and workflows; part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/runs", paginated=True, max_limit=20)
    def list_runs(
        self,
        *,
        filter_user_id: Optional[str] = None,
        filter_project_id: Optional[str] = None,
        filter_phase: Optional[str] = None,
        filter_current_outcome: Optional[str] = None,
        filter_from: Optional[str] = None,
        filter_to: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> RunList:
        """List runs (what v2 calls pipelines), newest first, by user (``me``), project, phase, outcome or time.

        From the reference: List runs (pipeline executions). Used with filter[user_id]=me ('my runs');
        filter[project_id] also accepted.

        :param filter_user_id: a user's id, or ``"me"``, sent as ``filter[user_id]``.
        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :param filter_phase: a phase (``created``, ``queued``, ``started``, ``ended``), sent as ``filter[phase]``.
        :param filter_current_outcome: an outcome (``succeeded``, ``failed``, ...), sent as
            ``filter[current_outcome]``.
        :param filter_from: the earliest time, RFC 3339, sent as ``filter[from]``.
        :param filter_to: the latest time, RFC 3339, sent as ``filter[to]``.
        :param page_limit: entities per page (at most 20; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunList`.
        """
        return self._call(
            self.list_runs,
            params={
                "filter[user_id]": filter_user_id,
                "filter[project_id]": filter_project_id,
                "filter[phase]": filter_phase,
                "filter[current_outcome]": filter_current_outcome,
                "filter[from]": filter_from,
                "filter[to]": filter_to,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("GET", "/api/v3/runs/{run_id}")
    def get_run(self, run_id: str) -> RunDocument:
        """Fetch one run: its phase, current outcome, event (branch, commit) and project.

        :param run_id: the run's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunDocument`.
        """
        return self._call(self.get_run, run_id)

    @endpoint("POST", "/api/v3/runs/search", body="flat", paginated=True, page_in_body=True, max_limit=20)
    def search_runs(
        self,
        *,
        scope: Optional[RunScope] = None,
        filter: Optional[str] = None,
        order_by: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> RunList:
        """Search the runs of some projects in a time window with a filter expression (the page travels in the body).

        From the reference: Search runs of given projects in a time window with a filter expression; paginates in
        the body.

        :param scope: the ``scope`` field (``project_ids``, ``from``, ``to``).
        :param filter: the ``filter`` field.
        :param order_by: the ``order_by`` field.
        :param page_limit: entities per page (at most 20; checked before sending), sent as ``page.limit`` in the body.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page.cursor`` in the body.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunList`.
        """
        return self._call(
            self.search_runs,
            body=flat(
                **{
                    "scope": scope,
                    "filter": filter,
                    "order_by": order_by,
                    "page": flat(cursor=page_cursor, limit=page_limit) or None,
                }
            ),
        )

    @endpoint("GET", "/api/v3/workflows", paginated=True)
    def list_workflows(self, *, filter_run_id: Optional[str] = None, page_cursor: Optional[str] = None) -> WorkflowList:
        """List the workflows of a run; CircleCI answers 404 while a new run has none yet.

        From the reference: List the workflows of a run (404 while a run's workflows have not materialised).

        :param filter_run_id: a run's id, sent as ``filter[run_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.WorkflowList`.
        """
        return self._call(self.list_workflows, params={"filter[run_id]": filter_run_id, "page[cursor]": page_cursor})

    @endpoint("GET", "/api/v3/workflows/{workflow_id}")
    def get_workflow(self, workflow_id: str) -> WorkflowDocument:
        """Fetch one workflow: its phase, and its outcome once ended (``current_outcome`` before).

        :param workflow_id: the workflow's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.WorkflowDocument`.
        """
        return self._call(self.get_workflow, workflow_id)

    @endpoint("POST", "/api/v3/workflows/{workflow_id}/rerun", body="flat")
    def rerun_workflow(self, workflow_id: str, *, is_from_failed: Optional[bool] = None) -> IdDocument:
        """Run a workflow again, whole or from its failed jobs, as a new workflow (whose id comes back).

        From the reference: Rerun a workflow (all jobs, or only failed ones); creates a NEW workflow.

        :param workflow_id: the workflow's id.
        :param is_from_failed: the ``is_from_failed`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.IdDocument`.
        """
        return self._call(self.rerun_workflow, workflow_id, body=flat(**{"is_from_failed": is_from_failed}))

    @endpoint("POST", "/api/v3/workflows/{workflow_id}/cancel")
    def cancel_workflow(self, workflow_id: str) -> IdDocument:
        """Ask CircleCI to cancel a workflow; cancellation happens asynchronously (202).

        :param workflow_id: the workflow's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.IdDocument`.
        """
        return self._call(self.cancel_workflow, workflow_id)

    @endpoint("POST", "/api/v3/runs", confidence="docs", body="raw")
    def trigger_run(self, body: Optional[dict[str, Any]] = None) -> RunDocument:
        """Start a new run of a pipeline: CircleCI's named v3 replacement of the v1.1 trigger endpoints.

        Confidence: ``docs``. CircleCI's documentation names this route, but
        its request body could not be established offline, so ``body`` is
        sent exactly as given (no field is added or renamed). Until the body
        is known, :meth:`~circleci.v2.ApiV2.trigger_pipeline_run` is the
        fully specified way to trigger; its pipeline id is the v3 run id.

        :param body: the JSON body to send, or ``None`` for none.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunDocument`.
        """
        return self._call(self.trigger_run, body=body)
