"""What the "Usage" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.usage import UsageOperations

from .wire import Wire, cases, check, make_api, operation_methods

START = "2025-01-01T00:00:00Z"
END = "2025-01-31T23:59:59Z"

CASES: dict[str, list[Wire]] = {
    "create_usage_export": [
        Wire(
            lambda api: api.create_usage_export("o/1", start=START, end=END),
            "POST",
            "/organizations/o%2F1/usage_export_job",
            {},
            {"start": START, "end": END},
        ),
        Wire(
            lambda api: api.create_usage_export("o1", start=START, end=END, shared_org_ids=["o2", "o3"]),
            "POST",
            "/organizations/o1/usage_export_job",
            {},
            {"start": START, "end": END, "shared_org_ids": ["o2", "o3"]},
        ),
    ],
    "get_usage_export": [
        Wire(lambda api: api.get_usage_export("o1", "j/../1"), "GET", "/organizations/o1/usage_export_job/j%2F..%2F1"),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.create_usage_export("o1", start=None, end=END),
    lambda api: api.create_usage_export("o1", start=START, end=""),
    lambda api: api.create_usage_export("", start=START, end=END),
    lambda api: api.get_usage_export("o1", None),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(UsageOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
