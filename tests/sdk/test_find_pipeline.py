"""SDK.find_pipeline end to end against FakeCircleCI."""

from __future__ import annotations

from typing import Any

import pytest

from circleci.error import InvalidArgumentError, WaitTimeout
from circleci.sdk import SDK
from circleci.testing import FakeCircleCI

from .conftest import ServerClock

SLUG = "gh/acme/app"
SHA = "DEADBEEF" + "0" * 32


@pytest.fixture
def project(server: FakeCircleCI) -> FakeCircleCI:
    server.add_project("acme", "app")
    for _ in range(7):  # more than two pages of 3
        server.trigger_pipeline(SLUG, branch="main")
    return server


def push(server: FakeCircleCI, sha: str = SHA, branch: str = "main") -> None:
    """A push of commit ``sha``: CircleCI creates its pipeline."""
    with server.state.lock:
        server.trigger_pipeline(SLUG, branch=branch).revision = sha.lower()


def test_an_old_commit_is_found_at_once_across_pages(live: SDK, project: FakeCircleCI, ticking: ServerClock) -> None:
    first = min(project.state.pipelines.values(), key=lambda p: p.number)

    found = live.find_pipeline(SLUG, revision=first.revision[:7].upper())

    assert found["id"] == first.id and found["vcs"]["revision"] == first.revision
    assert ticking.sleeps == []


def test_waits_until_the_pipeline_of_a_push_exists(
    live: SDK, project: FakeCircleCI, ticking: ServerClock, sent: list[str], messages: list[str]
) -> None:
    ticking.script = [lambda: None, lambda: None, lambda: push(project)]

    found = live.find_pipeline(SLUG, revision="deadbeef", branch="main", interval=10)

    assert found["number"] == 8
    assert ticking.sleeps == [10, 15, 22.5]  # nothing changed: the wait grows by half each time
    listings = [call for call in sent if call.endswith("/pipeline")]
    assert len(listings) == len(sent) == 3 + 1 + 1 + 1  # all three pages once, then one page per check
    assert messages[0] == "no pipeline of gh/acme/app on main for revision deadbeef yet; checking again in 10 seconds."
    assert messages[-1] == f"found pipeline 8 ({found['id']}) of gh/acme/app on main for deadbeef."


def test_the_newest_of_several_pipelines_of_a_commit(live: SDK, project: FakeCircleCI, ticking: ServerClock) -> None:
    push(project)
    push(project)

    assert live.find_pipeline(SLUG, revision=SHA)["number"] == 9


def test_other_branches_are_not_looked_at(live: SDK, project: FakeCircleCI, ticking: ServerClock) -> None:
    push(project, branch="feature")

    with pytest.raises(WaitTimeout) as caught:
        live.find_pipeline(SLUG, revision=SHA, branch="main", timeout=40)

    assert (
        str(caught.value) == f"no pipeline of {SLUG} on main for revision {SHA.lower()} yet; gave up after 40 seconds"
    )
    assert ticking.sleeps == [15, 22.5, 2.5]
    assert live.find_pipeline(SLUG, revision=SHA)["vcs"]["branch"] == "feature"


def test_nothing_found_before_the_timeout(live: SDK, server: FakeCircleCI, ticking: ServerClock) -> None:
    server.add_project("acme", "app")
    with pytest.raises(WaitTimeout, match="gave up after 0 seconds"):
        live.find_pipeline(SLUG, revision="abcd", timeout=0)
    assert ticking.sleeps == []


@pytest.mark.parametrize("revision", ["", "abc", "xyz1234", "a" * 41, None, 1234])
def test_a_revision_that_is_not_a_sha_is_refused(live: SDK, sent: list[str], revision: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="4 to 40 hexadecimal digits"):
        live.find_pipeline(SLUG, revision=revision)
    assert sent == []
