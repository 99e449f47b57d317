"""The "Context" operations of ApiV2 on the wire."""

from __future__ import annotations

import pytest

from circleci.error import InvalidArgumentError
from circleci.v2.context import ContextOperations

from .wire import Wire, cases, check, make_api, operation_methods

CID = "be8bb2e5-c3d6-4098-9f34-8be1d6d0ee2b"
OWNER = "c5a5d7a0-2b8e-4c5e-9d3c-6a1b2c3d4e5f"

CASES: dict[str, list[Wire]] = {
    "list_contexts": [
        Wire(lambda api: api.list_contexts(), "GET", "/context"),
        Wire(
            lambda api: api.list_contexts(owner_slug="gh/org", owner_type="organization", page_token="p2"),
            "GET",
            "/context",
            {"owner-slug": "gh/org", "owner-type": "organization", "page-token": "p2"},
        ),
        Wire(lambda api: api.list_contexts(owner_id=OWNER), "GET", "/context", {"owner-id": OWNER}),
    ],
    "create_context": [
        Wire(
            lambda api: api.create_context(name="deploy", owner={"slug": "gh/org"}),
            "POST",
            "/context",
            body={"name": "deploy", "owner": {"slug": "gh/org"}},
        ),
    ],
    "delete_context": [Wire(lambda api: api.delete_context("a/../b"), "DELETE", "/context/a%2F..%2Fb")],
    "get_context": [Wire(lambda api: api.get_context(CID), "GET", f"/context/{CID}")],
    "list_environment_variables_from_context": [
        Wire(
            lambda api: api.list_environment_variables_from_context(CID),
            "GET",
            f"/context/{CID}/environment-variable",
        ),
        Wire(
            lambda api: api.list_environment_variables_from_context("a/../b", page_token="p2"),
            "GET",
            "/context/a%2F..%2Fb/environment-variable",
            {"page-token": "p2"},
        ),
    ],
    "delete_environment_variable_from_context": [
        Wire(
            lambda api: api.delete_environment_variable_from_context(CID, "A/B"),
            "DELETE",
            f"/context/{CID}/environment-variable/A%2FB",
        ),
    ],
    "add_environment_variable_to_context": [
        Wire(
            lambda api: api.add_environment_variable_to_context("a/../b", "TOKEN", value="s3cret"),
            "PUT",
            "/context/a%2F..%2Fb/environment-variable/TOKEN",
            body={"value": "s3cret"},
        ),
    ],
    "get_context_restrictions": [
        Wire(lambda api: api.get_context_restrictions(CID), "GET", f"/context/{CID}/restrictions"),
        Wire(
            lambda api: api.get_context_restrictions(CID, page_token="p2"),
            "GET",
            f"/context/{CID}/restrictions",
            {"page-token": "p2"},
        ),
    ],
    "create_context_restriction": [
        Wire(lambda api: api.create_context_restriction(CID), "POST", f"/context/{CID}/restrictions", body={}),
        Wire(
            lambda api: api.create_context_restriction(
                CID, restriction_type="expression", restriction_value='pipeline.git.branch == "main"'
            ),
            "POST",
            f"/context/{CID}/restrictions",
            body={"restriction_type": "expression", "restriction_value": 'pipeline.git.branch == "main"'},
        ),
    ],
    "delete_context_restriction": [
        Wire(
            lambda api: api.delete_context_restriction("a/../b", "r/1"),
            "DELETE",
            "/context/a%2F..%2Fb/restrictions/r%2F1",
        ),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(ContextOperations)


def test_empty_variable_name_is_refused() -> None:
    with pytest.raises(InvalidArgumentError):
        make_api().add_environment_variable_to_context(CID, "", value="v")
