"""SDK.sync_context and SDK.sync_project_env end to end against FakeCircleCI."""

from __future__ import annotations

from typing import Any

import pytest

from circleci.error import InvalidArgumentError, NotFound
from circleci.sdk import SDK, SyncReport
from circleci.testing import FakeCircleCI

SLUG = "gh/acme/app"


@pytest.fixture
def org(server: FakeCircleCI) -> FakeCircleCI:
    server.add_project("acme", "app")
    return server


def context_values(server: FakeCircleCI, name: str) -> dict[str, str]:
    context = next(c for c in server.state.contexts.values() if c.name == name)
    return {key: value[0] for key, value in context.variables.items()}


def test_a_missing_context_is_created_with_the_variables(
    live: SDK, org: FakeCircleCI, messages: list[str], sent: list[str]
) -> None:
    report = live.sync_context("gh/acme", "deploy", {"TOKEN": "s3cret", "REGION": "eu-1"})

    assert report == SyncReport(created=["REGION", "TOKEN"], updated=[], deleted=[])
    assert context_values(org, "deploy") == {"TOKEN": "s3cret", "REGION": "eu-1"}
    assert messages == [
        "created context deploy of gh/acme.",
        "context deploy: created REGION, TOKEN; updated none; deleted none.",
    ]
    assert sent[0] == "GET /api/v2/context" and sent[1] == "POST /api/v2/context"


def test_an_existing_context_is_updated_and_extra_variables_deleted(
    live: SDK, org: FakeCircleCI, messages: list[str]
) -> None:
    live.sync_context("gh/acme", "deploy", {"TOKEN": "old", "REGION": "eu-1", "LEGACY": "x"})
    org_id = org.project(SLUG).org_id

    report = live.sync_context(org_id, "deploy", {"TOKEN": "new", "EXTRA": "1"}, delete_missing=True)

    assert report == SyncReport(created=["EXTRA"], updated=["TOKEN"], deleted=["LEGACY", "REGION"])
    assert context_values(org, "deploy") == {"TOKEN": "new", "EXTRA": "1"}
    assert not any("new" in message or "old" in message for message in messages)


def test_without_delete_missing_extra_variables_stay(live: SDK, org: FakeCircleCI) -> None:
    live.sync_context("gh/acme", "deploy", {"A": "1", "B": "2"})

    assert live.sync_context("gh/acme", "deploy", {"A": "3"}) == SyncReport([], ["A"], [])
    assert context_values(org, "deploy") == {"A": "3", "B": "2"}
    assert len(org.state.contexts) == 1


def test_an_unknown_organization_is_a_404(live: SDK, org: FakeCircleCI) -> None:
    with pytest.raises(NotFound):
        live.sync_context("gh/nobody", "deploy", {"A": "1"})


def test_project_variables_are_made_exactly_these(live: SDK, org: FakeCircleCI, messages: list[str]) -> None:
    assert live.sync_project_env(SLUG, {"A": "1", "B": "2"}) == SyncReport(["A", "B"], [], [])

    report = live.sync_project_env(SLUG, {"B": "two", "C": "3"}, delete_missing=True)

    assert report == SyncReport(created=["C"], updated=["B"], deleted=["A"])
    assert {name: var.value for name, var in org.project(SLUG).env_vars.items()} == {"B": "two", "C": "3"}
    assert messages[-1] == "gh/acme/app: created C; updated B; deleted A."
    assert not any("two" in message for message in messages)


@pytest.mark.parametrize("variables", [{"": "x"}, {"A": 1}, {"A": None}, [("A", "1")], "A=1"])
def test_bad_variables_are_refused_before_anything_is_sent(live: SDK, sent: list[str], variables: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        live.sync_project_env(SLUG, variables)
    with pytest.raises(InvalidArgumentError):
        live.sync_context("gh/acme", "deploy", variables)
    assert sent == []


@pytest.mark.parametrize(("owner", "name"), [("", "deploy"), ("gh/acme", ""), (None, "deploy")])
def test_owner_and_name_are_required(live: SDK, sent: list[str], owner: Any, name: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        live.sync_context(owner, name, {"A": "1"})
    assert sent == []
