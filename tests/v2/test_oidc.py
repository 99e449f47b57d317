"""What the "OIDC Token Management" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.oidc import OidcOperations

from .wire import Wire, cases, check, make_api, operation_methods

ORG = "o/../x"  # must travel as one encoded segment
ORG_PATH = "o%2F..%2Fx"

CASES: dict[str, list[Wire]] = {
    "delete_org_claims": [
        Wire(
            lambda api: api.delete_org_claims(ORG, claims="audience,ttl"),
            "DELETE",
            f"/org/{ORG_PATH}/oidc-custom-claims",
            {"claims": "audience,ttl"},
        ),
    ],
    "get_org_claims": [
        Wire(lambda api: api.get_org_claims(ORG), "GET", f"/org/{ORG_PATH}/oidc-custom-claims"),
    ],
    "patch_org_claims": [
        Wire(
            lambda api: api.patch_org_claims(ORG, audience=["a", "b"], ttl="1h"),
            "PATCH",
            f"/org/{ORG_PATH}/oidc-custom-claims",
            {},
            {"audience": ["a", "b"], "ttl": "1h"},
        ),
        Wire(
            lambda api: api.patch_org_claims(ORG, ttl="30m"),
            "PATCH",
            f"/org/{ORG_PATH}/oidc-custom-claims",
            {},
            {"ttl": "30m"},
        ),
    ],
    "delete_project_claims": [
        Wire(
            lambda api: api.delete_project_claims(ORG, "p 1", claims="ttl"),
            "DELETE",
            f"/org/{ORG_PATH}/project/p%201/oidc-custom-claims",
            {"claims": "ttl"},
        ),
    ],
    "get_project_claims": [
        Wire(
            lambda api: api.get_project_claims(ORG, "p/1"), "GET", f"/org/{ORG_PATH}/project/p%2F1/oidc-custom-claims"
        ),
    ],
    "patch_project_claims": [
        Wire(
            lambda api: api.patch_project_claims(ORG, "p1", audience=["aud"], ttl="2h"),
            "PATCH",
            f"/org/{ORG_PATH}/project/p1/oidc-custom-claims",
            {},
            {"audience": ["aud"], "ttl": "2h"},
        ),
        Wire(
            lambda api: api.patch_project_claims(ORG, "p1"),
            "PATCH",
            f"/org/{ORG_PATH}/project/p1/oidc-custom-claims",
            {},
            {},
        ),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.delete_org_claims(ORG, claims=""),
    lambda api: api.delete_project_claims(ORG, "p1", claims=None),
    lambda api: api.get_project_claims("", "p1"),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(OidcOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
