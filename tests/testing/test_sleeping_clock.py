"""Code that polls with time.sleep and measures its deadline with time.monotonic, under FakeCircleCI.patch_sleep."""

from __future__ import annotations

import time

import pytest

from circleci.api import Api
from circleci.error import WaitTimeout
from circleci.sdk import SDK
from circleci.testing import FakeCircleCI
from circleci.v2 import ApiV2


def test_a_wait_that_times_out_does_so_at_once_and_cheaply() -> None:
    with FakeCircleCI() as fake, ApiV2(fake.token, fake.url_v2) as client, fake.patch_sleep():
        started = fake.clock.now()
        with pytest.raises(WaitTimeout):
            SDK(client).find_pipeline("gh/acme/widget", revision="deadbee", timeout=300, interval=15)
        assert fake.clock.now() - started >= 300 - 60  # the fake time slept, up to the last grown interval
        assert len(fake.requests) < 60


def test_monotonic_moves_with_the_sleeps_and_comes_back() -> None:
    with FakeCircleCI() as fake:
        before = time.monotonic()
        with fake.patch_sleep():
            time.sleep(3600)
            assert time.monotonic() - before >= 3600
        assert time.monotonic() - before < 60


def test_the_sunset_fallback_finishes_on_a_clock_that_only_moves_when_slept() -> None:
    with FakeCircleCI(start="2027-02-02T00:00:00Z") as fake, Api(fake.token, fake.url) as api, fake.patch_sleep():
        build = api.trigger_build("acme", "widget", "main")
    assert build["branch"] == "main" and build["build_num"] > 0
