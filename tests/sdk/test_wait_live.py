"""SDK.wait_for_pipeline and trigger_pipeline_and_wait end to end against FakeCircleCI: calls spent,
approvals and failed jobs."""

from __future__ import annotations

import logging

import pytest

from circleci.api import Api
from circleci.error import PipelineFailed, WaitTimeout
from circleci.sdk import SDK
from circleci.testing import FakeCircleCI, JobPlan, WorkflowPlan

from .conftest import ServerClock

SLUG = "gh/acme/app"


def approval_plan(build: str = "success") -> list[WorkflowPlan]:
    """A build, and in parallel an approval that holds a deploy."""
    jobs = [JobPlan("build", duration=30, outcome=build), JobPlan("hold", type="approval")]
    return [WorkflowPlan("release", [*jobs, JobPlan("deploy", duration=30, requires=("build", "hold"))])]


def test_one_call_per_check_while_nothing_changes(
    live: SDK, server: FakeCircleCI, ticking: ServerClock, sent: list[str]
) -> None:
    server.add_project("acme", "app", plan=[WorkflowPlan("slow", [JobPlan("build", duration=600)])])

    outcome = live.trigger_pipeline_and_wait(SLUG, interval=15, timeout=None)

    assert [wf["status"] for wf in outcome.workflows] == ["success"]
    assert ticking.sleeps[:6] == [15, 15, 22.5, 33.75, 50.625, 60]  # grows by half while nothing changes, to 4x
    assert max(ticking.sleeps) == 60
    # the trigger, then the pipeline and its workflows while it has none, then only the workflows
    pipeline_path = f"GET /api/v2/pipeline/{outcome.pipeline['id']}"
    assert sent[:3] == ["POST /api/v2/project/gh/acme/app/pipeline", pipeline_path, f"{pipeline_path}/workflow"]
    assert len(sent) == 3 + 1 + len(ticking.sleeps)


def test_a_failed_job_beside_an_approval_is_a_failure(live: SDK, server: FakeCircleCI, ticking: ServerClock) -> None:
    server.add_project("acme", "app", plan=approval_plan(build="failed"))

    with pytest.raises(PipelineFailed) as caught:
        live.trigger_pipeline_and_wait(SLUG)

    assert str(caught.value) == "pipeline 1 of gh/acme/app failed: release (on_hold: build (failed) failed)"
    assert [wf["name"] for wf in caught.value.failed] == ["release"]


@pytest.mark.parametrize("on_hold", ["return", "wait"])
def test_a_failed_job_is_never_only_on_hold(
    live: SDK, server: FakeCircleCI, ticking: ServerClock, on_hold: str
) -> None:
    server.add_project("acme", "app", plan=approval_plan(build="failed"))

    outcome = live.trigger_pipeline_and_wait(SLUG, raise_on_failure=False, on_hold=on_hold, timeout=600)

    assert outcome.on_hold == []
    assert [wf["name"] for wf in outcome.failed] == ["release"]
    assert [job["name"] for jobs in outcome.failed_jobs.values() for job in jobs] == ["build"]


def test_on_hold_return_ends_the_wait(live: SDK, server: FakeCircleCI, ticking: ServerClock) -> None:
    server.add_project("acme", "app", plan=approval_plan())

    outcome = live.trigger_pipeline_and_wait(SLUG)

    assert [wf["name"] for wf in outcome.on_hold] == ["release"] and outcome.failed == []


def test_on_hold_wait_waits_for_the_approval(
    live: SDK, live_api: Api, server: FakeCircleCI, ticking: ServerClock, sent: list[str]
) -> None:
    server.add_project("acme", "app", plan=approval_plan())
    pipeline = server.trigger_pipeline(SLUG)

    def approve() -> None:
        workflow = pipeline.workflows[0]
        hold = next(job for job in workflow.jobs if job.name == "hold")
        live_api.v2.approve_pending_approval_job_by_id(workflow.id, hold.id)

    ticking.script = [lambda: None] * 5 + [approve]

    outcome = live.wait_for_pipeline(pipeline.id, on_hold="wait", timeout=3600)

    assert [wf["status"] for wf in outcome.workflows] == ["success"]
    job_lists = [call for call in sent if call.endswith("/job")]
    assert len(job_lists) == 1  # the held workflow's jobs are read once while it stays on hold


def test_on_hold_wait_times_out_when_nobody_approves(live: SDK, server: FakeCircleCI, ticking: ServerClock) -> None:
    server.add_project("acme", "app", plan=approval_plan())
    pipeline = server.trigger_pipeline(SLUG)

    with pytest.raises(WaitTimeout, match=r"release \(on_hold\); gave up after 300 seconds"):
        live.wait_for_pipeline(pipeline.id, on_hold="wait", timeout=300)


def test_on_hold_fail_raises(live: SDK, server: FakeCircleCI, ticking: ServerClock) -> None:
    server.add_project("acme", "app", plan=approval_plan())

    with pytest.raises(PipelineFailed, match=r"pipeline 1 is waiting for an approval: release \(on_hold\)") as caught:
        live.trigger_pipeline_and_wait(SLUG, on_hold="fail")

    assert [wf["name"] for wf in caught.value.failed] == ["release"]


@pytest.mark.parametrize("on_hold", ["ignore", None, True])
def test_a_bad_on_hold_is_refused_first(live: SDK, sent: list[str], on_hold: object) -> None:
    with pytest.raises(ValueError, match="on_hold must be one of return, wait, fail"):
        live.wait_for_pipeline("some-id", on_hold=on_hold)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="on_hold must be one of"):
        live.trigger_pipeline_and_wait(SLUG, on_hold=on_hold)  # type: ignore[arg-type]
    assert sent == []


def test_progress_goes_to_stderr_when_logging_is_not_configured(
    live_api: Api,
    server: FakeCircleCI,
    ticking: ServerClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(logging.getLogger("circleci.sdk"), "propagate", False)
    server.add_project("acme", "app")

    SDK(live_api).trigger_pipeline_and_wait(SLUG)

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("triggered pipeline 1 (")
    assert captured.err.endswith("pipeline 1 done: build-and-test (success).\n")


def test_progress_goes_to_the_circleci_sdk_logger_when_logging_is_configured(
    live_api: Api,
    server: FakeCircleCI,
    ticking: ServerClock,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, "circleci.sdk")
    server.add_project("acme", "app")

    SDK(live_api).trigger_pipeline_and_wait(SLUG)

    assert capsys.readouterr().err == ""
    assert caplog.records[-1].name == "circleci.sdk"
    assert caplog.records[-1].getMessage() == "pipeline 1 done: build-and-test (success)."
