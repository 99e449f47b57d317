"""Loopback servers, a client pointed at them, and recorded waits."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from circleci import transport
from circleci.api import Api

from .servers import LoopbackServer

TOKEN = "tok-9f3c2a7e51b84d06a2c4"
"""A token distinctive enough to search for in logs, reprs and errors."""


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """A loopback server addressed as ``127.0.0.1``."""
    running = LoopbackServer().start()
    yield running
    running.stop()


@pytest.fixture
def other_host() -> Iterator[LoopbackServer]:
    """A second server, addressed by another host name: ``localhost``."""
    running = LoopbackServer(address_host="localhost").start()
    yield running
    running.stop()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the waits requested instead of waiting; :func:`~circleci.transport.jitter` is pinned to the full delay."""
    requested: list[float] = []
    monkeypatch.setattr(time, "sleep", requested.append)
    monkeypatch.setattr(transport, "jitter", lambda delay: delay)
    return requested


@pytest.fixture
def api(server: LoopbackServer) -> Iterator[Api]:
    """An :class:`Api` with the default policy, talking to :func:`server`."""
    client = Api(TOKEN, url=f"{server.url}/api/v1.1")
    yield client
    client.close()
