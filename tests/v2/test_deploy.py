"""What the "Deploy" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from responses.matchers import query_param_matcher

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.deploy import DeployOperations

from .wire import URL, Wire, cases, check, make_api, operation_methods

ORG = "0e5a1c1e-0000-4000-8000-000000000001"

CASES: dict[str, list[Wire]] = {
    "list_environments": [
        Wire(
            lambda api: api.list_environments(org_id=ORG, page_size=10),
            "GET",
            "/deploy/environments",
            {"org-id": ORG, "page-size": "10"},
        ),
        Wire(
            lambda api: api.list_environments(org_id=ORG, page_size=10, page_token="n2"),
            "GET",
            "/deploy/environments",
            {"org-id": ORG, "page-size": "10", "page-token": "n2"},
        ),
    ],
    "get_environment": [
        Wire(lambda api: api.get_environment("e/../1"), "GET", "/deploy/environments/e%2F..%2F1"),
    ],
    "list_components": [
        Wire(
            lambda api: api.list_components(org_id=ORG, page_size=5),
            "GET",
            "/deploy/components",
            {"org-id": ORG, "page-size": "5"},
        ),
        Wire(
            lambda api: api.list_components(org_id=ORG, page_size=5, project_id="p1", page_token="n2"),
            "GET",
            "/deploy/components",
            {"org-id": ORG, "page-size": "5", "project-id": "p1", "page-token": "n2"},
        ),
    ],
    "get_component": [
        Wire(lambda api: api.get_component("c/1"), "GET", "/deploy/components/c%2F1"),
    ],
    "list_component_versions": [
        Wire(lambda api: api.list_component_versions("c 1"), "GET", "/deploy/components/c%201/versions"),
        Wire(
            lambda api: api.list_component_versions("c1", environment_id="e1", page_token="n2"),
            "GET",
            "/deploy/components/c1/versions",
            {"environment-id": "e1", "page-token": "n2"},
        ),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.list_environments(org_id=None, page_size=10),
    lambda api: api.list_environments(org_id=ORG, page_size=None),
    lambda api: api.list_components(org_id="", page_size=10),
    lambda api: api.get_component(""),
    lambda api: api.list_component_versions(None),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(DeployOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())


def test_iterate_walks_environment_pages_with_the_required_query() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        first = {"org-id": ORG, "page-size": "2"}
        second = {**first, "page-token": "n2"}
        page1 = {"items": [{"id": 1}, {"id": 2}], "next_page_token": "n2"}
        page2 = {"items": [{"id": 3}], "next_page_token": None}
        rsps.get(f"{URL}/deploy/environments", json=page1, match=[query_param_matcher(first, strict_match=True)])
        rsps.get(f"{URL}/deploy/environments", json=page2, match=[query_param_matcher(second, strict_match=True)])
        items = [item["id"] for item in api.iterate(api.list_environments, org_id=ORG, page_size=2)]
    assert items == [1, 2, 3]
