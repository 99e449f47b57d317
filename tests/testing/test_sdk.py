"""The SDK's helpers end to end against FakeCircleCI in real time (sped up)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from circleci.api import Api
from circleci.error import PipelineError
from circleci.sdk import SDK
from circleci.testing import FakeCircleCI

from .conftest import SLUG

FAST = 0.05  # real seconds between polls


@pytest.fixture
def fast() -> Iterator[FakeCircleCI]:
    """A real-time fake at 100 fake seconds per real second."""
    with FakeCircleCI(realtime=True, speed=100) as server:
        yield server


@pytest.fixture
def sdk(fast: FakeCircleCI) -> Iterator[SDK]:
    with Api(fast.token, fast.url, retries=0) as api:
        yield SDK(api, logger=None)


def test_build_singleton_waits_for_the_other_build(
    sdk: SDK, fast: FakeCircleCI, capsys: pytest.CaptureFixture[str]
) -> None:
    own = fast.add_running_build(SLUG, duration=2)
    other = fast.add_running_build(SLUG, duration=2)
    os.environ["CIRCLE_BUILD_URL"] = fast.build_url(own)

    sdk.build_singleton("acme", "widget", interval=FAST, timeout=5)

    out = capsys.readouterr().out
    assert fast.build_url(other) in out and fast.build_url(own) not in out
    assert out.rstrip().endswith("no running builds found, beginning execution.")


def test_trigger_pipeline_and_wait_to_success(sdk: SDK) -> None:
    outcome = sdk.trigger_pipeline_and_wait(SLUG, branch="main", interval=FAST, timeout=5)
    assert [w["status"] for w in outcome.workflows] == ["success"]


def test_wait_for_an_errored_pipeline_raises(sdk: SDK, fast: FakeCircleCI) -> None:
    fast.set_plan(SLUG, [])
    pipeline = fast.trigger_pipeline(SLUG)
    fast.advance(1)
    with pytest.raises(PipelineError, match=r"No workflow in the config to run\."):
        sdk.wait_for_pipeline(pipeline.id, interval=FAST, timeout=5)


@pytest.mark.fake_starts_now  # the lookback is counted from the wall clock
def test_pipeline_singleton_waits_for_the_earlier_pipeline(sdk: SDK, fast: FakeCircleCI) -> None:
    earlier = fast.trigger_pipeline(SLUG)
    fast.advance(1)
    os.environ["CIRCLE_PIPELINE_ID"] = fast.trigger_pipeline(SLUG).id

    sdk.pipeline_singleton(SLUG, interval=FAST, timeout=5)

    assert earlier.workflows[0].status == "success"


def test_download_artifacts_through_the_storage_host(sdk: SDK, tmp_path: Path) -> None:
    paths = sdk.download_artifacts(SLUG, 6, str(tmp_path))
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in paths) == [
        "coverage/index.html",
        "reports/junit.xml",
    ]
