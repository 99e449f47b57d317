"""``SDK.build_singleton``: its polling, its printed lines and its 1.3 additions (paging, interval, timeout)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
import responses
from responses import matchers
from responses.registries import OrderedRegistry

from circleci import sdk as sdk_module
from circleci.api import Api
from circleci.error import InvalidArgumentError, NotFound, WaitTimeout
from circleci.sdk import SDK
from tests.conftest import FakeClock

BASE = "https://ci.example.test/api/v1.1"
BUILDS = "https://circleci.com/gh/levlaz/circleci-sandbox"
CURRENT = f"{BUILDS}/1149"
FOUND = "found running builds, sleeping for 15 seconds."
NONE_LEFT = "no running builds found, beginning execution."
NOT_IN_CIRCLECI = "CIRCLE_BUILD_URL was not found. You may be running this script outside of a CircleCI build."


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    """Answers given strictly in the order registered; each one must be used."""
    with responses.RequestsMock(registry=OrderedRegistry, assert_all_requests_are_fired=True) as mocked:
        yield mocked


@pytest.fixture
def in_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_BUILD_URL", CURRENT)


def running(rsps: responses.RequestsMock, *numbers: int, offset: int = 0, vcs: str = "github") -> None:
    """Expect one page request for running builds, answered with those build numbers."""
    rsps.get(
        f"{BASE}/project/{vcs}/levlaz/circleci-sandbox",
        json=[{"build_url": f"{BUILDS}/{n}", "status": "running", "build_num": n} for n in numbers],
        match=[
            matchers.query_param_matcher(
                {"limit": "100", "offset": str(offset), "filter": "running"}, strict_match=True
            ),
            matchers.header_matcher({"Circle-Token": "token"}),
        ],
    )


def urls(*numbers: int) -> str:
    """How the list of running build URLs is printed."""
    return str([f"{BUILDS}/{n}" for n in numbers])


def singleton(capsys: pytest.CaptureFixture[str], **kwargs: Any) -> list[str]:
    """Run build_singleton on the manual's project and return the lines it printed."""
    SDK(Api("token", BASE)).build_singleton("levlaz", "circleci-sandbox", **kwargs)
    return capsys.readouterr().out.splitlines()


@pytest.mark.usefixtures("in_build")
def test_output_of_the_manual(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    running(rsps, 1149, 1148, 1147, 1146)
    running(rsps, 1149, 1146)
    running(rsps, 1146, 1149)
    running(rsps, 1149)

    assert singleton(capsys) == [
        FOUND,
        urls(1148, 1147, 1146),
        FOUND,
        urls(1146),
        FOUND,
        urls(1146),
        NONE_LEFT,
    ]
    assert clock.sleeps == [15, 15, 15]


@pytest.mark.usefixtures("in_build")
def test_only_the_current_build_running(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    running(rsps, 1149)

    assert singleton(capsys) == [NONE_LEFT]
    assert clock.sleeps == []


def test_outside_circleci_says_so_and_counts_every_build(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    running(rsps, 1149)
    running(rsps)

    assert singleton(capsys) == [NOT_IN_CIRCLECI, FOUND, urls(1149), NONE_LEFT]
    assert clock.sleeps == [15]


def test_empty_build_url_counts_as_unset(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIRCLE_BUILD_URL", "")
    running(rsps)

    assert singleton(capsys) == [NOT_IN_CIRCLECI, NONE_LEFT]


@pytest.mark.usefixtures("in_build")
def test_messages_go_to_the_logger_when_given(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    running(rsps, 1148)
    running(rsps)
    logger = mock.Mock(spec=logging.Logger)

    SDK(Api("token", BASE), logger).build_singleton("levlaz", "circleci-sandbox")

    assert logger.info.call_args_list == [mock.call(FOUND), mock.call([f"{BUILDS}/1148"]), mock.call(NONE_LEFT)]
    assert capsys.readouterr().out == ""


def test_logger_gets_the_outside_circleci_notice(rsps: responses.RequestsMock, clock: FakeClock) -> None:
    running(rsps)
    logger = mock.Mock(spec=logging.Logger)

    SDK(Api("token", BASE), logger=logger).build_singleton("levlaz", "circleci-sandbox")

    assert logger.info.call_args_list == [mock.call(NOT_IN_CIRCLECI), mock.call(NONE_LEFT)]


@pytest.mark.usefixtures("in_build")
def test_running_builds_beyond_the_first_page(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    first_page = list(range(2000, 1900, -1))
    running(rsps, *first_page, offset=0)
    running(rsps, 1149, 1800, offset=100)
    running(rsps, *first_page, offset=0)
    running(rsps, offset=100)
    running(rsps, 1149, offset=0)

    lines = singleton(capsys)

    assert lines == [FOUND, urls(*first_page, 1800), FOUND, urls(*first_page), NONE_LEFT]


@pytest.mark.usefixtures("in_build")
def test_vcs_type_is_passed_on(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    running(rsps, vcs="bitbucket")

    assert singleton(capsys, vcs_type="bitbucket") == [NONE_LEFT]


@pytest.mark.usefixtures("in_build")
@pytest.mark.parametrize(("interval", "shown"), [(0.5, "0.5"), (2, "2"), (60.0, "60")])
def test_interval(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str], interval: float, shown: str
) -> None:
    running(rsps, 1148)
    running(rsps)

    lines = singleton(capsys, interval=interval)

    assert lines[0] == f"found running builds, sleeping for {shown} seconds."
    assert clock.sleeps == [interval]


@pytest.mark.usefixtures("in_build")
@pytest.mark.parametrize(("timeout", "sleeps"), [(30, [15, 15]), (20, [15, 5]), (10, [10]), (0, [])])
def test_timeout_raises_wait_timeout(
    rsps: responses.RequestsMock,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    timeout: float,
    sleeps: list[float],
) -> None:
    for _ in range(len(sleeps) + 1):
        running(rsps, 1148, 1149)

    with pytest.raises(WaitTimeout) as raised:
        singleton(capsys, timeout=timeout)

    assert isinstance(raised.value, TimeoutError)
    assert raised.value.waited_on == [f"{BUILDS}/1148"]
    assert "levlaz/circleci-sandbox" in str(raised.value)
    assert f"{BUILDS}/1148" in str(raised.value)
    assert clock.sleeps == sleeps
    assert NONE_LEFT not in capsys.readouterr().out


@pytest.mark.usefixtures("in_build")
def test_timeout_not_reached(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    running(rsps, 1148)
    running(rsps)

    assert singleton(capsys, timeout=16)[-1] == NONE_LEFT
    assert clock.sleeps == [15]


@pytest.mark.parametrize(
    "options",
    [
        {"interval": 0},
        {"interval": -1},
        {"interval": True},
        {"interval": "15"},
        {"interval": None},
        {"timeout": -1},
        {"timeout": "60"},
        {"timeout": False},
    ],
)
def test_bad_interval_or_timeout_refused_before_any_call(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str], options: dict[str, Any]
) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        singleton(capsys, **options)

    assert isinstance(raised.value, ValueError)
    assert not rsps.calls
    assert clock.sleeps == []
    assert capsys.readouterr().out == ""


def test_errors_from_the_api_propagate(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    rsps.get(f"{BASE}/project/github/levlaz/circleci-sandbox", status=404, json={"message": "Project not found"})

    with pytest.raises(NotFound, match="Project not found"):
        singleton(capsys)


@pytest.mark.usefixtures("in_build")
def test_paging_is_bounded(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sdk_module, "_MAX_PAGES", 2)
    full_page = list(range(3000, 2900, -1))
    running(rsps, *full_page, offset=0)
    running(rsps, *full_page, offset=100)
    running(rsps, 1149, offset=0)

    lines = singleton(capsys)

    assert lines == [FOUND, urls(*full_page, *full_page), NONE_LEFT]
