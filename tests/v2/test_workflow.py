"""The "Workflow" operations of ApiV2 on the wire."""

from __future__ import annotations

import pytest

from circleci.error import InvalidArgumentError
from circleci.v2.workflow import WorkflowOperations

from .wire import Wire, cases, check, make_api, operation_methods

WID = "fda08377-fe7e-46b1-8992-3a7aaecac9c3"
JOB = "c65b68ef-e73b-4bf2-be9a-7a322a9df150"

CASES: dict[str, list[Wire]] = {
    "get_workflow_by_id": [
        Wire(lambda api: api.get_workflow_by_id(WID), "GET", f"/workflow/{WID}"),
        Wire(lambda api: api.get_workflow_by_id("a/../b"), "GET", "/workflow/a%2F..%2Fb"),
    ],
    "approve_pending_approval_job_by_id": [
        Wire(
            lambda api: api.approve_pending_approval_job_by_id(WID, JOB),
            "POST",
            f"/workflow/{WID}/approve/{JOB}",
        ),
        Wire(
            lambda api: api.approve_pending_approval_job_by_id("a/../b", "c?d"),
            "POST",
            "/workflow/a%2F..%2Fb/approve/c%3Fd",
        ),
    ],
    "cancel_workflow": [
        Wire(lambda api: api.cancel_workflow("a/../b"), "POST", "/workflow/a%2F..%2Fb/cancel"),
    ],
    "list_workflow_jobs": [
        Wire(lambda api: api.list_workflow_jobs(WID), "GET", f"/workflow/{WID}/job"),
        Wire(
            lambda api: api.list_workflow_jobs("a/../b", page_token="p2"),
            "GET",
            "/workflow/a%2F..%2Fb/job",
            {"page-token": "p2"},
        ),
    ],
    "rerun_workflow": [
        Wire(lambda api: api.rerun_workflow(WID), "POST", f"/workflow/{WID}/rerun", body={}),
        Wire(
            lambda api: api.rerun_workflow(WID, from_failed=True),
            "POST",
            f"/workflow/{WID}/rerun",
            body={"from_failed": True},
        ),
        Wire(
            lambda api: api.rerun_workflow("a/../b", enable_ssh=False, jobs=[JOB], sparse_tree=True),
            "POST",
            "/workflow/a%2F..%2Fb/rerun",
            body={"enable_ssh": False, "jobs": [JOB], "sparse_tree": True},
        ),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(WorkflowOperations)


@pytest.mark.parametrize("bad", [None, "", True, "..", "."])
def test_bad_workflow_id_is_refused(bad: object) -> None:
    with pytest.raises(InvalidArgumentError):
        make_api().cancel_workflow(bad)  # type: ignore[arg-type]
