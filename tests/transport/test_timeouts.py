"""A server that accepts and never answers: calls end with CircleCITimeout, in bounded time."""

from __future__ import annotations

import time

import pytest
import requests

from circleci import error
from circleci.api import Api

from .conftest import TOKEN
from .servers import HANG, LoopbackServer, Reply


def test_hung_get_times_out_after_each_attempt(server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(Reply(fault=HANG))
    client = Api(TOKEN, url=f"{server.url}/api/v1.1", timeout=0.2, retries=1)

    started = time.monotonic()
    with pytest.raises(error.CircleCITimeout) as caught:
        client.get_user_info()
    elapsed = time.monotonic() - started

    assert 0.35 <= elapsed < 1.5
    assert len(server.received) == 2
    assert sleeps == [0.5]
    assert isinstance(caught.value, requests.exceptions.Timeout)
    assert isinstance(caught.value, error.CircleCIException)
    assert str(caught.value) == f"GET {server.url}/api/v1.1/me timed out (timeout=0.2 s, retries=1)"


def test_hung_post_times_out_once(server: LoopbackServer, sleeps: list[float]) -> None:
    """A read timeout on a trigger is not retried: the build may have started."""
    server.script(Reply(fault=HANG))
    client = Api(TOKEN, url=f"{server.url}/api/v1.1", timeout=(1.0, 0.2), retries=3)

    started = time.monotonic()
    with pytest.raises(error.CircleCITimeout):
        client.trigger_build("org", "repo")
    elapsed = time.monotonic() - started

    assert 0.15 <= elapsed < 1.0
    assert len(server.received) == 1
    assert sleeps == []
