"""What the "Rollback" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.rollback import RollbackOperations

from .wire import Wire, cases, check, make_api, operation_methods

REQUIRED = {
    "environment_name": "production",
    "component_name": "frontend",
    "current_version": "1.1.0",
    "target_version": "1.0.0",
}

CASES: dict[str, list[Wire]] = {
    "rollback_project": [
        Wire(lambda api: api.rollback_project("p/1", **REQUIRED), "POST", "/projects/p%2F1/rollback", {}, REQUIRED),
        Wire(
            lambda api: api.rollback_project(
                "p1", **REQUIRED, namespace="web", parameters={"fast": True}, reason="bad release"
            ),
            "POST",
            "/projects/p1/rollback",
            {},
            {**REQUIRED, "namespace": "web", "parameters": {"fast": True}, "reason": "bad release"},
        ),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.rollback_project("p1", **{**REQUIRED, "environment_name": None}),
    lambda api: api.rollback_project("p1", **{**REQUIRED, "component_name": ""}),
    lambda api: api.rollback_project("p1", **{**REQUIRED, "current_version": None}),
    lambda api: api.rollback_project("p1", **{**REQUIRED, "target_version": ""}),
    lambda api: api.rollback_project("", **REQUIRED),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(RollbackOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
