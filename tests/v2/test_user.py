"""The "User" operations of ApiV2 on the wire."""

from __future__ import annotations

import pytest

from circleci.error import InvalidArgumentError
from circleci.v2.user import UserOperations

from .wire import Wire, cases, check, make_api, operation_methods

CASES: dict[str, list[Wire]] = {
    "get_current_user": [Wire(lambda api: api.get_current_user(), "GET", "/me")],
    "get_collaborations": [Wire(lambda api: api.get_collaborations(), "GET", "/me/collaborations")],
    "get_user": [
        Wire(
            lambda api: api.get_user("1d3f2c4e-0000-4000-8000-000000000000"),
            "GET",
            "/user/1d3f2c4e-0000-4000-8000-000000000000",
        ),
        Wire(lambda api: api.get_user("a/../b"), "GET", "/user/a%2F..%2Fb"),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(UserOperations)


def test_empty_user_id_is_refused() -> None:
    with pytest.raises(InvalidArgumentError):
        make_api().get_user("")
