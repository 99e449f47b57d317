"""The server itself: concurrent requests, and what a bug in a handler looks like to a client."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from circleci.api import Api
from circleci.testing import FakeCircleCI
from circleci.testing.routing import Call, Reply

from .conftest import SLUG


def test_concurrent_triggers_and_reads_stay_consistent() -> None:
    with FakeCircleCI(realtime=True, speed=100) as fake, Api(fake.token, fake.url, retries=0) as api:
        with ThreadPoolExecutor(8) as pool:
            created = list(pool.map(lambda _: api.v2.trigger_pipeline(SLUG), range(40)))
            states = list(pool.map(lambda p: api.v2.get_pipeline_by_id(p["id"])["state"], created * 2))
        assert sorted(p["number"] for p in created) == list(range(4, 44))  # no number given twice
        assert set(states) <= {"setup-pending", "created"}
        builds = [build["build_num"] for build in api.get_project_build_summary("acme", "widget", limit=100)]
        assert len(builds) == len(set(builds))


def test_a_failing_handler_answers_500_instead_of_dropping_the_connection(
    fake: FakeCircleCI, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(call: Call) -> Reply:
        raise KeyError("oops")

    route = next(route for route in fake.router.routes if route.name == "get_user_info")
    monkeypatch.setattr(route, "handler", broken)  # the routes are shared by every FakeCircleCI
    with caplog.at_level(logging.ERROR, logger="circleci.testing"):
        answer = requests.get(f"{fake.url}/me", headers={"Circle-Token": fake.token}, timeout=5)
    assert answer.status_code == 500
    assert answer.json() == {"message": "FakeCircleCI failed: KeyError: 'oops'"}
    assert "FakeCircleCI failed on GET /api/v1.1/me" in caplog.text
