"""The "Job" operations of ApiV2 on the wire."""

from __future__ import annotations

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2.job import JobOperations

from .wire import Wire, cases, check, make_api, operation_methods

CASES: dict[str, list[Wire]] = {
    "cancel_job_by_job_id": [
        Wire(lambda api: api.cancel_job_by_job_id("a/../b"), "POST", "/jobs/a%2F..%2Fb/cancel"),
    ],
    "get_job": [
        Wire(lambda api: api.get_job("a/../b"), "GET", "/jobs/a%2F..%2Fb"),
    ],
    "get_job_details": [
        Wire(lambda api: api.get_job_details("gh/org/repo", 7), "GET", "/project/gh/org/repo/job/7"),
        Wire(lambda api: api.get_job_details("circleci/o/p", "8"), "GET", "/project/circleci/o/p/job/8"),
    ],
    "cancel_job_by_job_number": [
        Wire(lambda api: api.cancel_job_by_job_number("gh/org/repo", 7), "POST", "/project/gh/org/repo/job/7/cancel"),
    ],
    "get_job_artifacts": [
        Wire(lambda api: api.get_job_artifacts("gh/org/repo", 7), "GET", "/project/gh/org/repo/7/artifacts"),
        Wire(
            lambda api: api.get_job_artifacts("gh/org/re po", "7", page_token="p2"),
            "GET",
            "/project/gh/org/re%20po/7/artifacts",
            {"page-token": "p2"},
        ),
    ],
    "get_tests": [
        Wire(lambda api: api.get_tests("gh/org/repo", 7), "GET", "/project/gh/org/repo/7/tests"),
        Wire(
            lambda api: api.get_tests("bb/org/re po", 7, page_token="p2"),
            "GET",
            "/project/bb/org/re%20po/7/tests",
            {"page-token": "p2"},
        ),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(JobOperations)


@pytest.mark.parametrize("bad", [None, "", False])
def test_bad_job_number_is_refused(bad: object) -> None:
    with pytest.raises(InvalidArgumentError):
        make_api().get_job_details("gh/org/repo", bad)  # type: ignore[arg-type]


JOB_NUMBER_METHODS = ["get_job_details", "cancel_job_by_job_number", "get_job_artifacts", "get_tests"]


@pytest.mark.parametrize("method", JOB_NUMBER_METHODS)
@pytest.mark.parametrize("bad", [-1, 0, "abc", 1.5, "7/8", "", None, True])
def test_a_job_number_that_is_not_a_positive_integer_is_refused_before_sending(method: str, bad: object) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        with pytest.raises(InvalidArgumentError, match="job_number must be a positive integer"):
            getattr(make_api(), method)("gh/org/repo", bad)
        assert len(mock.calls) == 0
