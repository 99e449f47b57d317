"""Fixtures for the command-line tests: a FakeCircleCI, the job's variables, and waits on the fake clock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import circleci.sdk
from circleci.cli import main
from circleci.testing import FakeCircleCI
from circleci.transport import Transport

SLUG = "gh/acme/widget"


@dataclass
class Result:
    """What one run of the command line did."""

    status: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(autouse=True)
def no_commit_or_branch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The job variables only the command line reads (``find-pipeline``, ``cancel-redundant-workflows``)."""
    monkeypatch.delenv("CIRCLE_SHA1", raising=False)
    monkeypatch.delenv("CIRCLE_BRANCH", raising=False)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCircleCI]:
    """A started FakeCircleCI; ``CIRCLE_TOKEN`` and ``CIRCLECI_API_URL`` point at it."""
    with FakeCircleCI() as server:
        for name, value in server.environment().items():
            monkeypatch.setenv(name, value)
        yield server


class FakeTime:
    """Stands in for the SDK's ``time``: a sleep moves the fake server's clock instead of waiting."""

    def __init__(self, fake: FakeCircleCI) -> None:
        self.fake = fake
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert len(self.sleeps) < 200, "a poll loop did not stop"
        self.sleeps.append(seconds)
        self.now += seconds
        self.fake.advance(seconds)


@pytest.fixture
def fake_time(fake: FakeCircleCI, monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    """Make the helpers' waits instant: each sleep advances the fake server."""
    clock = FakeTime(fake)
    monkeypatch.setattr(circleci.sdk, "time", clock)
    return clock


@pytest.fixture
def in_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """The project variables CircleCI sets in a job of gh/acme/widget."""
    monkeypatch.setenv("CIRCLE_PROJECT_USERNAME", "acme")
    monkeypatch.setenv("CIRCLE_PROJECT_REPONAME", "widget")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run ``circleci-py`` in-process: ``cli("v2", "get-current-user")`` gives a :class:`Result`."""

    def run(*argv: str) -> Result:
        status = main(list(argv))
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


@dataclass
class Sent:
    """One API request the client sent: verb, URL without query, and query parameters."""

    verb: str
    url: str
    params: dict[str, Any]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[Sent]:
    """Record every API request the client sends (still sending it)."""
    calls: list[Sent] = []
    original = Transport.request

    def recording(self: Transport, method: str, url: str, **kwargs: Any) -> Any:
        calls.append(Sent(method, url, dict(kwargs.get("params") or {})))
        return original(self, method, url, **kwargs)

    monkeypatch.setattr(Transport, "request", recording)
    return calls
