"""SDK.wait_for_pipeline and SDK.trigger_pipeline_and_wait against a fake CircleCI."""

from __future__ import annotations

from typing import Any

import pytest

from circleci.error import InvalidArgumentError, PipelineError, PipelineFailed, WaitTimeout
from circleci.sdk import SDK, Outcome
from circleci.v2 import ApiV2
from tests.conftest import FakeClock

from .fake import V2, FakeCircleCI


@pytest.mark.parametrize("state", ["created", "setup-pending"])
def test_waits_while_the_pipeline_has_no_workflows_yet(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, messages: list[str], state: str
) -> None:
    pipeline = fake.add_pipeline(state=state)
    clock.script = [lambda: fake.add_workflow(pipeline, "build", "success")]

    outcome = sdk.wait_for_pipeline(pipeline["id"], interval=20)

    assert clock.sleeps == [20]
    assert [workflow["name"] for workflow in outcome.workflows] == ["build"]
    assert outcome.pipeline["id"] == pipeline["id"]
    assert (
        f"pipeline 1 ({pipeline['id']}) has no workflows yet (state {state}); checking again in 20 seconds." in messages
    )
    assert messages[-1] == "pipeline 1 done: build (success)."


def test_errored_pipeline_raises_with_its_error_messages(sdk: SDK, fake: FakeCircleCI, clock: FakeClock) -> None:
    errors = [{"type": "config", "message": "Config does not conform"}, {"type": "plan", "message": "No workflow"}]
    pipeline = fake.add_pipeline(state="errored", errors=errors)

    with pytest.raises(PipelineError) as caught:
        sdk.wait_for_pipeline(pipeline["id"])

    assert str(caught.value) == f"pipeline 1 ({pipeline['id']}) errored: Config does not conform; No workflow"
    assert caught.value.errors == errors
    assert caught.value.pipeline["id"] == pipeline["id"]
    assert clock.sleeps == []


def test_on_hold_workflows_are_returned_as_waiting_for_approval(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, messages: list[str]
) -> None:
    pipeline = fake.add_pipeline()
    fake.add_workflow(pipeline, "build", "success")
    deploy = fake.add_workflow(pipeline, "deploy", "running")
    clock.script = [lambda: deploy.update(status="on_hold")]

    outcome = sdk.wait_for_pipeline(pipeline["id"], interval=10, timeout=None)

    assert clock.sleeps == [10]
    assert "waiting for pipeline 1 (" in messages[0] and messages[0].endswith(
        "deploy (running); checking again in 10 seconds."
    )
    assert [workflow["name"] for workflow in outcome.on_hold] == ["deploy"]
    assert outcome.failed == []


def test_an_on_hold_workflow_alone_does_not_keep_the_wait_going(sdk: SDK, fake: FakeCircleCI, clock: FakeClock) -> None:
    pipeline = fake.add_pipeline()
    fake.add_workflow(pipeline, "approve-release", "on_hold")

    outcome = sdk.wait_for_pipeline(pipeline["id"])

    assert clock.sleeps == []
    assert [workflow["status"] for workflow in outcome.on_hold] == ["on_hold"]


def test_unknown_statuses_are_waited_on(sdk: SDK, fake: FakeCircleCI, clock: FakeClock) -> None:
    pipeline = fake.add_pipeline()
    workflow = fake.add_workflow(pipeline, "build", "some-new-status")
    clock.script = [lambda: workflow.update(status="not_run")]

    outcome = sdk.wait_for_pipeline(pipeline["id"], interval=15)

    assert clock.sleeps == [15]
    assert outcome.failed == [] and outcome.on_hold == []


def test_reads_every_page_of_workflows(sdk: SDK, fake: FakeCircleCI, clock: FakeClock) -> None:
    pipeline = fake.add_pipeline()
    for index in range(4):
        fake.add_workflow(pipeline, f"wf{index}", "success")
    last = fake.add_workflow(pipeline, "wf4", "running")
    clock.script = [lambda: last.update(status="failed")]

    outcome = sdk.wait_for_pipeline(pipeline["id"])

    assert [workflow["name"] for workflow in outcome.workflows] == ["wf0", "wf1", "wf2", "wf3", "wf4"]
    assert [workflow["name"] for workflow in outcome.failed] == ["wf4"]
    assert f"GET /api/v2/pipeline/{pipeline['id']}/workflow?page-token=4" in fake.calls
    assert clock.sleeps == [15]


def test_timeout_raises_wait_timeout_naming_what_was_waited_on(sdk: SDK, fake: FakeCircleCI, clock: FakeClock) -> None:
    pipeline = fake.add_pipeline()
    fake.add_workflow(pipeline, "build", "running")

    with pytest.raises(WaitTimeout) as caught:
        sdk.wait_for_pipeline(pipeline["id"], interval=15, timeout=40)

    assert isinstance(caught.value, TimeoutError)
    assert clock.sleeps == [15, 22.5, 2.5]  # nothing changed: the wait grows, and stops at the timeout
    assert str(caught.value) == f"waiting for pipeline 1 ({pipeline['id']}): build (running); gave up after 40 seconds"
    assert [workflow["name"] for workflow in caught.value.waited_on] == ["build"]


def test_timeout_zero_checks_once(sdk: SDK, fake: FakeCircleCI, clock: FakeClock) -> None:
    pipeline = fake.add_pipeline()

    with pytest.raises(WaitTimeout, match="has no workflows yet"):
        sdk.wait_for_pipeline(pipeline["id"], timeout=0)

    assert clock.sleeps == []


@pytest.mark.parametrize(
    ("options", "bad"),
    [
        ({"interval": 0}, 0),
        ({"interval": -1}, -1),
        ({"interval": True}, True),
        ({"interval": "15"}, "15"),
        ({"timeout": -1}, -1),
        ({"timeout": False}, False),
        ({"timeout": "60"}, "60"),
        ({"interval": float("inf")}, float("inf")),
        ({"timeout": float("inf")}, float("inf")),
        ({"timeout": -float("inf")}, -float("inf")),
    ],
)
def test_interval_and_timeout_are_checked_before_anything_is_sent(
    sdk: SDK, fake: FakeCircleCI, options: dict[str, Any], bad: Any
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        sdk.wait_for_pipeline("some-id", **options)
    with pytest.raises(InvalidArgumentError):
        sdk.trigger_pipeline_and_wait("gh/org/repo", **options)
    with pytest.raises(InvalidArgumentError):
        sdk.pipeline_singleton("gh/org/repo", **options)

    assert caught.value.argument == bad
    assert fake.calls == []


@pytest.mark.parametrize("option", ["interval", "timeout"])
def test_nan_is_refused_before_anything_is_sent(sdk: SDK, fake: FakeCircleCI, option: str) -> None:
    for call in (
        lambda: sdk.wait_for_pipeline("some-id", **{option: float("nan")}),
        lambda: sdk.trigger_pipeline_and_wait("gh/org/repo", **{option: float("nan")}),
        lambda: sdk.pipeline_singleton("gh/org/repo", **{option: float("nan")}),
        lambda: sdk.find_pipeline("gh/org/repo", revision="abcd", **{option: float("nan")}),
        lambda: sdk.build_singleton("org", "repo", **{option: float("nan")}),
    ):
        with pytest.raises(InvalidArgumentError, match="finite number"):
            call()
    assert fake.calls == []


def test_trigger_and_wait_sends_the_trigger_then_returns_the_outcome(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock, messages: list[str]
) -> None:
    def start_workflows() -> None:
        pipeline = fake.pipelines[-1]
        fake.add_workflow(pipeline, "build", "success")
        fake.add_workflow(pipeline, "release", "on_hold")

    clock.script = [start_workflows]

    outcome = sdk.trigger_pipeline_and_wait("gh/org/repo", branch="feature/x", parameters={"deploy": True})

    assert fake.on_trigger == [{"branch": "feature/x", "parameters": {"deploy": True}}]
    assert isinstance(outcome, Outcome)
    assert [workflow["name"] for workflow in outcome.on_hold] == ["release"]
    assert messages[0] == f"triggered pipeline 1 ({fake.pipelines[0]['id']}) of gh/org/repo."
    assert clock.sleeps == [15]


def test_trigger_and_wait_raises_pipeline_failed_listing_failed_workflows(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock
) -> None:
    def finish() -> None:
        pipeline = fake.pipelines[-1]
        fake.add_workflow(pipeline, "build", "success")
        fake.add_workflow(pipeline, "test", "failed")
        fake.add_workflow(pipeline, "lint", "canceled")

    clock.script = [finish]

    with pytest.raises(PipelineFailed) as caught:
        sdk.trigger_pipeline_and_wait("gh/org/repo", tag="v1.0", interval=30)

    assert str(caught.value) == "pipeline 1 of gh/org/repo failed: test (failed), lint (canceled)"
    assert [workflow["name"] for workflow in caught.value.failed] == ["test", "lint"]
    assert len(caught.value.workflows) == 3
    assert fake.on_trigger == [{"tag": "v1.0"}]


def test_trigger_and_wait_can_return_a_failed_outcome(sdk: SDK, fake: FakeCircleCI, clock: FakeClock) -> None:
    clock.script = [lambda: fake.add_workflow(fake.pipelines[-1], "test", "error")]

    outcome = sdk.trigger_pipeline_and_wait("gh/org/repo", raise_on_failure=False)

    assert [workflow["name"] for workflow in outcome.failed] == ["test"]


def test_works_with_an_apiv2_client(fake: FakeCircleCI, clock: FakeClock) -> None:
    pipeline = fake.add_pipeline()
    fake.add_workflow(pipeline, "build", "success")

    with ApiV2("secret-token", V2, retries=0) as client:
        outcome = SDK(client).wait_for_pipeline(pipeline["id"])

    assert outcome.workflows[0]["name"] == "build"


def test_errored_pipeline_without_an_errors_field_still_raises_pipeline_error(
    sdk: SDK, fake: FakeCircleCI, clock: FakeClock
) -> None:
    pipeline = fake.add_pipeline(state="errored")
    del pipeline["errors"]

    with pytest.raises(PipelineError) as caught:
        sdk.wait_for_pipeline(pipeline["id"])

    assert str(caught.value) == f"pipeline 1 ({pipeline['id']}) errored: "
    assert caught.value.errors == []
