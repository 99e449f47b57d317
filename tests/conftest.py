"""Fixtures shared by the whole suite."""

from __future__ import annotations

from typing import Callable

import pytest

import circleci.sdk

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
