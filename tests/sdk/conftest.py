"""Fixtures for the SDK tests: a fake CircleCI, a fake clock, clients pointed at them."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import responses

from circleci.api import Api
from circleci.sdk import SDK

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
