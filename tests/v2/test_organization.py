"""What the "Organization" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.organization import OrganizationOperations

from .wire import Wire, cases, check, make_api, operation_methods

ORG = "gh/my org"  # a slug: its "/" is kept, each part encoded
ORG_PATH = "/organization/gh/my%20org"

CASES: dict[str, list[Wire]] = {
    "create_organization": [
        Wire(
            lambda api: api.create_organization(name="acme", vcs_type="circleci"),
            "POST",
            "/organization",
            {},
            {"name": "acme", "vcs_type": "circleci"},
        ),
    ],
    "get_organization": [
        Wire(lambda api: api.get_organization(ORG), "GET", ORG_PATH),
        Wire(lambda api: api.get_organization("a?b"), "GET", "/organization/a%3Fb"),
    ],
    "delete_organization": [
        Wire(lambda api: api.delete_organization(ORG), "DELETE", ORG_PATH),
        Wire(
            lambda api: api.delete_organization("0e5a1c1e-0000-4000-8000-000000000001"),
            "DELETE",
            "/organization/0e5a1c1e-0000-4000-8000-000000000001",
        ),
    ],
    "list_url_orb_allow_list_entries": [
        Wire(lambda api: api.list_url_orb_allow_list_entries(ORG), "GET", f"{ORG_PATH}/url-orb-allow-list"),
    ],
    "create_url_orb_allow_list_entry": [
        Wire(
            lambda api: api.create_url_orb_allow_list_entry(
                ORG, name="public", prefix="https://example.com/orbs/", auth="none"
            ),
            "POST",
            f"{ORG_PATH}/url-orb-allow-list",
            {},
            {"name": "public", "prefix": "https://example.com/orbs/", "auth": "none"},
        ),
    ],
    "remove_url_orb_allow_list_entry": [
        Wire(
            lambda api: api.remove_url_orb_allow_list_entry(ORG, "e/1"),
            "DELETE",
            f"{ORG_PATH}/url-orb-allow-list/e%2F1",
        ),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.create_organization(name="", vcs_type="circleci"),
    lambda api: api.create_organization(name="acme", vcs_type=None),
    lambda api: api.create_url_orb_allow_list_entry(ORG, name="n", prefix=None, auth="none"),
    lambda api: api.create_url_orb_allow_list_entry(ORG, name=None, prefix="https://x/", auth="none"),
    lambda api: api.create_url_orb_allow_list_entry(ORG, name="n", prefix="https://x/", auth=""),
    lambda api: api.delete_organization("gh//org"),
    lambda api: api.remove_url_orb_allow_list_entry(ORG, ""),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(OrganizationOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
