"""Fixtures for the SDK tests: a fake CircleCI, a fake clock, clients pointed at them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests
import responses

import circleci.sdk
from circleci import testing
from circleci.api import Api
from circleci.sdk import SDK
from tests.conftest import FakeClock

from .fake import API, FakeCircleCI


@pytest.fixture(autouse=True)
def no_job_number(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite-wide fixture clears the other CircleCI variables; this one is only read here."""
    monkeypatch.delenv("CIRCLE_BUILD_NUM", raising=False)
    monkeypatch.delenv("CIRCLE_REPOSITORY_URL", raising=False)


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def fake(rsps: responses.RequestsMock) -> FakeCircleCI:
    return FakeCircleCI(rsps)


@pytest.fixture
def api() -> Iterator[Api]:
    with Api("secret-token", API, retries=0) as client:
        yield client


class ListHandler(logging.Handler):
    """Keeps the messages logged, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def messages() -> Iterator[list[str]]:
    handler = ListHandler()
    logger = logging.getLogger("tests.sdk")
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


@pytest.fixture
def sdk(api: Api, messages: list[str]) -> SDK:
    return SDK(api, logger=logging.getLogger("tests.sdk"))


class ServerClock(FakeClock):
    """A :class:`FakeClock` whose sleeps also move a FakeCircleCI's clock."""

    def __init__(self, server: testing.FakeCircleCI) -> None:
        super().__init__()
        self.server = server

    def sleep(self, seconds: float) -> None:
        self.server.advance(seconds)
        super().sleep(seconds)


@pytest.fixture
def server() -> Iterator[testing.FakeCircleCI]:
    """A started FakeCircleCI with no history and a manual clock; v2 lists come in pages of 3."""
    with testing.FakeCircleCI(seeded=False, page_size=3) as fake_server:
        yield fake_server


@pytest.fixture
def ticking(server: testing.FakeCircleCI, monkeypatch: pytest.MonkeyPatch) -> ServerClock:
    """The SDK's sleeps move the server's clock."""
    clock = ServerClock(server)
    monkeypatch.setattr(circleci.sdk, "time", clock)
    return clock


@pytest.fixture
def live_api(server: testing.FakeCircleCI) -> Iterator[Api]:
    with Api(server.token, server.url, retries=0) as client:
        yield client


@pytest.fixture
def sent(live_api: Api) -> list[str]:
    """``VERB /path`` of every request the client sends, in order."""
    calls: list[str] = []

    def record(response: requests.Response, *args: object, **kwargs: object) -> None:
        calls.append(f"{response.request.method} {urlsplit(str(response.request.url)).path}")

    live_api._transport.session.hooks["response"].append(record)
    return calls


@pytest.fixture
def live(live_api: Api, messages: list[str]) -> SDK:
    """An SDK on the FakeCircleCI server, logging to ``messages``."""
    return SDK(live_api, logger=logging.getLogger("tests.sdk"))
