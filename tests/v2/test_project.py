"""What the "Project" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.project import ProjectOperations

from .wire import Wire, cases, check, make_api, operation_methods

SLUG = "gh/my org/re#po"  # "/" kept, each part encoded
SLUG_PATH = "/project/gh/my%20org/re%23po"

CASES: dict[str, list[Wire]] = {
    "create_project": [
        Wire(
            lambda api: api.create_project("circleci/0e5a1c1e", name="new-repo"),
            "POST",
            "/organization/circleci/0e5a1c1e/project",
            {},
            {"name": "new-repo"},
        ),
    ],
    "get_project_by_slug": [
        Wire(lambda api: api.get_project_by_slug("gh/org/repo"), "GET", "/project/gh/org/repo"),
        Wire(
            lambda api: api.get_project_by_slug("circleci/org-id/project-id"),
            "GET",
            "/project/circleci/org-id/project-id",
        ),
    ],
    "delete_project_by_slug": [
        Wire(lambda api: api.delete_project_by_slug(SLUG), "DELETE", SLUG_PATH),
    ],
    "list_checkout_keys": [
        Wire(lambda api: api.list_checkout_keys(SLUG), "GET", f"{SLUG_PATH}/checkout-key"),
        Wire(
            lambda api: api.list_checkout_keys(SLUG, digest="sha256", page_token="n2"),
            "GET",
            f"{SLUG_PATH}/checkout-key",
            {"digest": "sha256", "page-token": "n2"},
        ),
    ],
    "create_checkout_key": [
        Wire(
            lambda api: api.create_checkout_key(SLUG, type="deploy-key"),
            "POST",
            f"{SLUG_PATH}/checkout-key",
            {},
            {"type": "deploy-key"},
        ),
    ],
    "get_checkout_key": [
        Wire(
            lambda api: api.get_checkout_key(SLUG, "SHA256:a/b+c"),
            "GET",
            f"{SLUG_PATH}/checkout-key/SHA256%3Aa%2Fb%2Bc",
        ),
    ],
    "delete_checkout_key": [
        Wire(lambda api: api.delete_checkout_key(SLUG, "c6:6e:ab"), "DELETE", f"{SLUG_PATH}/checkout-key/c6%3A6e%3Aab"),
    ],
    "list_env_vars": [
        Wire(lambda api: api.list_env_vars(SLUG), "GET", f"{SLUG_PATH}/envvar"),
        Wire(lambda api: api.list_env_vars(SLUG, page_token="n2"), "GET", f"{SLUG_PATH}/envvar", {"page-token": "n2"}),
    ],
    "create_env_var": [
        Wire(
            lambda api: api.create_env_var(SLUG, name="API_KEY", value="s3cret"),
            "POST",
            f"{SLUG_PATH}/envvar",
            {},
            {"name": "API_KEY", "value": "s3cret"},
        ),
    ],
    "get_env_var": [
        Wire(lambda api: api.get_env_var(SLUG, "A/B"), "GET", f"{SLUG_PATH}/envvar/A%2FB"),
    ],
    "delete_env_var": [
        Wire(lambda api: api.delete_env_var(SLUG, "A B"), "DELETE", f"{SLUG_PATH}/envvar/A%20B"),
    ],
    "create_project_from_repo": [
        Wire(lambda api: api.create_project_from_repo("gh", "my org", "re/po"), "POST", "/project/gh/my%20org/re%2Fpo"),
    ],
    "get_project_settings": [
        Wire(lambda api: api.get_project_settings("github", "org", "repo"), "GET", "/project/github/org/repo/settings"),
    ],
    "patch_project_settings": [
        Wire(
            lambda api: api.patch_project_settings("gh", "o/rg", "repo", advanced={"autocancel_builds": True}),
            "PATCH",
            "/project/gh/o%2Frg/repo/settings",
            {},
            {"advanced": {"autocancel_builds": True}},
        ),
        Wire(
            lambda api: api.patch_project_settings("gh", "org", "repo"),
            "PATCH",
            "/project/gh/org/repo/settings",
            {},
            {},
        ),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.create_project("gh/org", name=""),
    lambda api: api.create_project("", name="repo"),
    lambda api: api.get_project_by_slug("gh/../repo"),
    lambda api: api.get_project_by_slug("gh//repo"),
    lambda api: api.create_checkout_key(SLUG, type=None),
    lambda api: api.create_env_var(SLUG, name="", value="v"),
    lambda api: api.create_env_var(SLUG, name="N", value=None),
    lambda api: api.get_checkout_key(SLUG, ""),
    lambda api: api.delete_env_var(SLUG, ".."),
    lambda api: api.get_project_settings("gh", "", "repo"),
    lambda api: api.create_project_from_repo(None, "org", "repo"),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(ProjectOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
