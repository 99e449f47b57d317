"""Fault injection: rate limits, errors on chosen routes, latency, dropped connections."""

from __future__ import annotations

import time

import pytest
import requests

from circleci.api import Api
from circleci.error import CircleCIConnectionError, CircleCITimeout, NotFound, RateLimited, ServerError
from circleci.testing import FakeCircleCI


def test_rate_limit_is_plain_text_with_retry_after(fake: FakeCircleCI, api: Api) -> None:
    fake.rate_limit(retry_after=7)
    with pytest.raises(RateLimited) as caught:
        api.get_user_info()
    assert caught.value.retry_after == 7
    raw = requests.get(f"{fake.url}/me", headers={"Circle-Token": fake.token}, timeout=5)
    assert raw.status_code == 200  # the fault was used up


def test_a_client_with_retries_gets_through_a_short_rate_limit(
    fake: FakeCircleCI, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr("urllib3.util.retry.time.sleep", sleeps.append)
    fake.rate_limit(times=2, retry_after=0)
    assert Api(fake.token, fake.url).get_user_info()["login"] == "fake-user"
    assert len(sleeps) == 2
    fake.rate_limit(times=1, retry_after=0.5)
    response = requests.get(f"{fake.url}/me", timeout=5)
    assert (response.status_code, response.text, response.headers["Retry-After"]) == (429, "Rate limited.", "0.5")
    assert response.headers["Content-Type"] == "text/plain"


def test_errors_on_one_route_only(fake: FakeCircleCI, api: Api) -> None:
    fake.fail("get_build_info", status=503, message="Service unavailable", times=None)
    assert api.get_user_info()["login"] == "fake-user"
    for _ in range(2):
        with pytest.raises(ServerError, match="Service unavailable"):
            api.get_build_info("acme", "widget", 1)
    fake.clear_faults()
    assert api.get_build_info("acme", "widget", 1)["build_num"] == 1


def test_errors_by_operation_id(fake: FakeCircleCI, api: Api) -> None:
    fake.fail("getPipelineById", status=404, message="Pipeline not found")
    pipeline = next(iter(fake.state.pipelines))
    with pytest.raises(NotFound, match="Pipeline not found"):
        api.v2.get_pipeline_by_id(pipeline)
    assert api.v2.get_pipeline_by_id(pipeline)["id"] == pipeline


def test_latency_makes_a_client_time_out(fake: FakeCircleCI) -> None:
    fake.add_latency(0.3, route="get_user_info", times=1)
    with pytest.raises(CircleCITimeout):
        Api(fake.token, fake.url, timeout=0.1, retries=0).get_user_info()
    started = time.monotonic()
    Api(fake.token, fake.url).get_projects()
    assert time.monotonic() - started < 0.3


def test_latency_adds_up_and_keeps_the_answer(fake: FakeCircleCI, api: Api) -> None:
    fake.add_latency(0.05, times=2)
    fake.add_latency(0.05)
    started = time.monotonic()
    assert api.get_user_info()["login"] == "fake-user"
    assert time.monotonic() - started >= 0.1


def test_dropped_connections(fake: FakeCircleCI, api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("urllib3.util.retry.time.sleep", lambda seconds: None)
    fake.drop_connections()
    with pytest.raises(CircleCIConnectionError):
        api.get_user_info()
    fake.drop_connections(times=1)
    assert Api(fake.token, fake.url).get_user_info()["login"] == "fake-user"  # a GET is retried


def test_route_names(fake: FakeCircleCI) -> None:
    names = fake.route_names()
    assert {"get_build_info", "triggerPipeline", "download_artifact", "storage"} <= set(names)
    assert names == sorted(set(names))


def test_a_fault_for_a_route_that_does_not_exist_is_refused(fake: FakeCircleCI, api: Api) -> None:
    for inject in (
        lambda: fake.fail("getPipelinById"),
        lambda: fake.rate_limit(route="get_build"),
        lambda: fake.add_latency(1, route="nope"),
        lambda: fake.drop_connections(route="Storage"),
    ):
        with pytest.raises(ValueError, match="route_names"):
            inject()
    assert api.get_user_info()["login"] == "fake-user"  # nothing was added
