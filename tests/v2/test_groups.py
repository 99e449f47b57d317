"""What the "Groups" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.groups import GroupsOperations

from .wire import Wire, cases, check, make_api, operation_methods

ORG = "o/../1"  # must travel as one encoded segment
PREFIX = "/organizations/o%2F..%2F1/groups"

CASES: dict[str, list[Wire]] = {
    "get_organization_groups": [
        Wire(lambda api: api.get_organization_groups(ORG), "GET", PREFIX),
        Wire(
            lambda api: api.get_organization_groups(ORG, limit=50, page_token="n2"),
            "GET",
            PREFIX,
            {"limit": "50", "page-token": "n2"},
        ),
    ],
    "create_organization_group": [
        Wire(lambda api: api.create_organization_group(ORG, name="devs"), "POST", PREFIX, {}, {"name": "devs"}),
        Wire(
            lambda api: api.create_organization_group(ORG, name="devs", description="all developers"),
            "POST",
            PREFIX,
            {},
            {"name": "devs", "description": "all developers"},
        ),
    ],
    "get_group": [
        Wire(lambda api: api.get_group(ORG, "g/1"), "GET", f"{PREFIX}/g%2F1"),
    ],
    "delete_group": [
        Wire(lambda api: api.delete_group(ORG, "g 1"), "DELETE", f"{PREFIX}/g%201"),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.create_organization_group(ORG, name=None),
    lambda api: api.get_organization_groups(""),
    lambda api: api.get_group(ORG, ""),
    lambda api: api.delete_group(None, "g1"),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(GroupsOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
