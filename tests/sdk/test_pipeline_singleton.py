"""SDK.pipeline_singleton against a fake CircleCI."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from circleci.error import InvalidArgumentError, WaitTimeout
from circleci.sdk import SDK
from tests.conftest import FakeClock

from .fake import FakeCircleCI

DONE = "no earlier pipeline of gh/org/repo is running, beginning execution."


def workflow_calls(fake: FakeCircleCI, pipeline_id: str) -> int:
    return sum(call.startswith(f"GET /api/v2/pipeline/{pipeline_id}/workflow") for call in fake.calls)


def test_two_concurrent_runs_never_wait_on_each_other(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    finished = fake.add_pipeline(age=timedelta(minutes=30))
    fake.add_workflow(finished, "build", "success")
    first = fake.add_pipeline(age=timedelta(minutes=2))
    first_build = fake.add_workflow(first, "build", "running")
    second = fake.add_pipeline(age=timedelta(minutes=1))
    fake.add_workflow(second, "build", "running")

    # The earlier run goes ahead at once although the later pipeline is running too.
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", first["id"])
    sdk.pipeline_singleton("gh/org/repo")
    assert clock.sleeps == []
    assert messages == [DONE]

    # The later run waits for the earlier one, and goes once it has finished.
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", second["id"])
    clock.script = [lambda: first_build.update(status="success")]
    sdk.pipeline_singleton("gh/org/repo", interval=12)
    assert clock.sleeps == [12]
    assert messages[1:] == [
        "waiting for earlier pipelines of gh/org/repo to finish: build (pipeline 2) running; "
        "checking again in 12 seconds.",
        DONE,
    ]


def test_finds_the_current_pipeline_from_the_workflow_id(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = fake.add_pipeline()
    fake.add_workflow(earlier, "build", "running")
    current = fake.add_pipeline()
    own = fake.add_workflow(current, "build", "running")
    fake.add_workflow(current, "sibling", "running")
    monkeypatch.setenv("CIRCLE_WORKFLOW_ID", own["id"])

    with pytest.raises(WaitTimeout) as caught:
        sdk.pipeline_singleton("gh/org/repo", interval=5, timeout=5)

    assert [workflow["pipeline_id"] for workflow in caught.value.waited_on] == [earlier["id"]]
    assert f"GET /api/v2/workflow/{own['id']}" in fake.calls


def test_outside_circleci_every_running_pipeline_is_waited_on(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, messages: list[str]
) -> None:
    pipeline = fake.add_pipeline()
    workflow = fake.add_workflow(pipeline, "deploy", "failing")
    clock.script = [lambda: workflow.update(status="failed")]

    sdk.pipeline_singleton("gh/org/repo")

    assert messages[0] == "CIRCLE_PIPELINE_ID was not found: every running pipeline of the project is waited on."
    assert clock.sleeps == [15]
    assert messages[-1] == DONE


def test_on_hold_and_finished_workflows_do_not_block(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    waiting = fake.add_pipeline()
    fake.add_workflow(waiting, "release", "on_hold")
    fake.add_workflow(waiting, "build", "success")
    filtered_out = fake.add_pipeline()  # created, with no workflow to run: nothing will come
    current = fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    sdk.pipeline_singleton("gh/org/repo")

    assert clock.sleeps == []
    assert workflow_calls(fake, filtered_out["id"]) == 1


def test_an_earlier_pipeline_still_being_set_up_is_waited_on(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    not_started = fake.add_pipeline(state="setup-pending")
    current = fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    def set_up() -> None:
        not_started.update(state="created")
        fake.add_workflow(not_started, "build", "running")

    def finish() -> None:
        fake.workflows[not_started["id"]][0].update(status="success")

    clock.script = [lambda: None, set_up, finish]

    sdk.pipeline_singleton("gh/org/repo", interval=10)

    assert clock.sleeps == [10, 15, 10]
    assert (
        messages[0] == "waiting for earlier pipeline 1 of gh/org/repo to be set up (state setup-pending); "
        "checking again in 10 seconds."
    )
    assert fake.calls.count(f"GET /api/v2/pipeline/{not_started['id']}") == 2  # one call per check while set up
    assert workflow_calls(fake, not_started["id"]) == 2


def test_an_errored_earlier_pipeline_is_not_waited_on(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    errored = fake.add_pipeline(state="errored")
    current = fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    sdk.pipeline_singleton("gh/org/repo")

    assert clock.sleeps == []
    assert workflow_calls(fake, errored["id"]) == 0


def test_a_held_pipeline_is_read_again_after_a_wait_in_case_it_was_approved(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = fake.add_pipeline()
    build = fake.add_workflow(running, "build", "running")
    held = fake.add_pipeline()  # newer: read first, found on hold, then the older one is waited on
    release = fake.add_workflow(held, "release", "on_hold")
    current = fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    def approve_while_waiting() -> None:
        build.update(status="success")
        release.update(status="running")

    clock.script = [approve_while_waiting, lambda: release.update(status="success")]

    sdk.pipeline_singleton("gh/org/repo")

    assert clock.sleeps == [15, 15]
    assert workflow_calls(fake, held["id"]) == 3


def test_only_the_given_branch_is_considered(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_branch = fake.add_pipeline(branch="feature")
    fake.add_workflow(other_branch, "build", "running")
    current = fake.add_pipeline(branch="main")
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    sdk.pipeline_singleton("gh/org/repo", branch="main")

    assert clock.sleeps == []
    assert "GET /api/v2/project/gh/org/repo/pipeline?branch=main" in fake.calls


def test_pipelines_older_than_a_day_are_not_read(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = [fake.add_pipeline(age=timedelta(days=2)) for _ in range(3)]
    for pipeline in old:
        fake.add_workflow(pipeline, "stuck", "running")
    fake.add_pipeline()
    current = fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    sdk.pipeline_singleton("gh/org/repo")

    assert clock.sleeps == []
    assert "GET /api/v2/project/gh/org/repo/pipeline?page-token=2" in fake.calls
    assert "GET /api/v2/project/gh/org/repo/pipeline?page-token=4" not in fake.calls
    assert all(workflow_calls(fake, pipeline["id"]) == 0 for pipeline in old)


def test_finished_pipelines_are_read_once_and_every_page_is_read(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    finished = fake.add_pipeline()
    for name in ("a", "b", "c"):
        fake.add_workflow(finished, name, "success")
    running = fake.add_pipeline()
    fake.add_workflow(running, "a", "success")
    fake.add_workflow(running, "b", "success")
    late = fake.add_workflow(running, "c", "running")
    for _ in range(3):
        fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", fake.pipelines[-1]["id"])
    clock.script = [lambda: None, lambda: late.update(status="success")]

    sdk.pipeline_singleton("gh/org/repo")

    assert clock.sleeps == [15, 22.5]  # nothing changed at the second check: the wait grows
    assert workflow_calls(fake, finished["id"]) == 2  # two pages, once
    assert workflow_calls(fake, running["id"]) == 6  # two pages on each of three checks
    listings = [call for call in fake.calls if call.startswith("GET /api/v2/project/gh/org/repo/pipeline")]
    assert len(listings) == 3  # the pipelines are listed once (three pages), not at every check


def test_timeout_raises_wait_timeout(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = fake.add_pipeline()
    fake.add_workflow(earlier, "build", "running")
    current = fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    with pytest.raises(TimeoutError, match=r"build \(pipeline 1\) running; gave up after 30 seconds"):
        sdk.pipeline_singleton("gh/org/repo", timeout=30)

    assert clock.sleeps == [15, 15]


def test_a_longer_lookback_sees_an_old_pipeline_still_running(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An approval granted days after its pipeline started: the deploy runs in a 3-day-old pipeline.
    approved = fake.add_pipeline(age=timedelta(days=3))
    deploy = fake.add_workflow(approved, "deploy", "running")
    current = fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    sdk.pipeline_singleton("gh/org/repo")  # the default day does not reach it
    assert clock.sleeps == []

    for lookback in (4 * 86400, None):
        deploy.update(status="running")
        clock.script = [lambda: deploy.update(status="success")]
        sdk.pipeline_singleton("gh/org/repo", lookback=lookback)
    assert clock.sleeps == [15, 15]


def test_a_shorter_lookback_reads_fewer_pipelines(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = fake.add_pipeline(age=timedelta(hours=2))
    fake.add_workflow(earlier, "build", "running")
    current = fake.add_pipeline()
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])

    sdk.pipeline_singleton("gh/org/repo", lookback=3600)

    assert clock.sleeps == []
    assert workflow_calls(fake, earlier["id"]) == 0


@pytest.mark.parametrize("lookback", [-1, True, "1d", float("nan"), float("inf")])
def test_a_bad_lookback_is_refused_before_anything_is_sent(sdk: SDK, fake: FakeCircleCI, lookback: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="lookback must be None or a finite number of seconds"):
        sdk.pipeline_singleton("gh/org/repo", lookback=lookback)
    assert fake.calls == []
