"""Fixtures shared by the whole suite."""

from __future__ import annotations

from typing import Callable

import pytest

import circleci.sdk
from circleci.testing import FakeCircleCI

CIRCLECI_ENVIRONMENT = (
    "CIRCLE_TOKEN",
    "CIRCLE_BUILD_URL",
    "CIRCLE_BUILD_NUM",
    "CIRCLE_WORKFLOW_ID",
    "CIRCLE_PIPELINE_ID",
    "CIRCLE_PROJECT_USERNAME",
    "CIRCLE_PROJECT_REPONAME",
    "CIRCLECI_API_URL",
    "CIRCLE_REPOSITORY_URL",
)


#: Where the clock of every FakeCircleCI built by the suite starts, unless the test passes
#: ``start=``: before CircleCI's 2026-12-07 and 2027-02-01 changes, whatever the real date is.
FAKE_START = "2026-11-16T12:00:00Z"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fake_starts_now: FakeCircleCI's clock starts at the real time, its public default "
        "(for a test that compares the fake's times with the wall clock and does not depend on the date)",
    )


@pytest.fixture(autouse=True)
def fake_circleci_start(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start every FakeCircleCI of the test at :data:`FAKE_START` unless it is given ``start=``.

    Only the keyword's default changes, for this test's duration; ``FakeCircleCI()``
    outside the suite still starts now.
    """
    if request.node.get_closest_marker("fake_starts_now") is None:
        defaults = FakeCircleCI.__init__.__kwdefaults__
        assert defaults is not None and defaults["start"] is None
        monkeypatch.setitem(defaults, "start", FAKE_START)


@pytest.fixture(autouse=True)
def clean_circleci_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test without the CircleCI variables of the developer's shell or CI job."""
    for name in CIRCLECI_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


class FakeClock:
    """Stands in for the ``time`` module of :mod:`circleci.sdk`: sleeping only moves the clock.

    Each sleep runs the next function of :attr:`script`, if any, so a test can
    change a fake server's state between two polls.
    """

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.script: list[Callable[[], object]] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert len(self.sleeps) < 100, "a poll loop did not stop"
        self.sleeps.append(seconds)
        self.now += seconds
        if self.script:
            self.script.pop(0)()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Make the SDK's waits instant and recorded."""
    fake = FakeClock()
    monkeypatch.setattr(circleci.sdk, "time", fake)
    return fake
