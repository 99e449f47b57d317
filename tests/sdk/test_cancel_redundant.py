"""SDK.cancel_redundant_workflows end to end against FakeCircleCI."""

from __future__ import annotations

import pytest

from circleci.error import InvalidArgumentError
from circleci.sdk import SDK, CancelError
from circleci.testing import FakeCircleCI, JobPlan, Pipeline, WorkflowPlan

SLUG = "gh/acme/api"
PLAN = [
    WorkflowPlan("test", [JobPlan("unit", duration=600)]),
    WorkflowPlan("release", [JobPlan("approve", type="approval"), JobPlan("ship", requires=("approve",))]),
    WorkflowPlan("lint", [JobPlan("ruff", duration=1)]),
]

# The lookback is counted from the wall clock, so the fake's pipelines must be created at the real time.
pytestmark = pytest.mark.fake_starts_now


@pytest.fixture
def pipelines(server: FakeCircleCI) -> list[Pipeline]:
    """Pipelines 1 to 3 on main and 4 on a feature branch, each with ``test`` running, ``release`` on hold
    and ``lint`` finished."""
    server.add_project("acme", "api", plan=PLAN)
    triggered = [server.trigger_pipeline(SLUG, branch=branch) for branch in ("main", "main", "main", "feature")]
    server.advance(10)
    return triggered


def statuses(pipeline: Pipeline) -> list[str]:
    return [workflow.status for workflow in pipeline.workflows]


def test_earlier_pipelines_of_the_branch_are_cancelled(
    live: SDK, pipelines: list[Pipeline], messages: list[str]
) -> None:
    assert statuses(pipelines[0]) == ["running", "on_hold", "success"]

    cancelled = live.cancel_redundant_workflows(SLUG, "main")

    assert [(wf["pipeline_number"], wf["name"]) for wf in cancelled] == [
        (2, "test"),
        (2, "release"),
        (1, "test"),
        (1, "release"),
    ]
    assert statuses(pipelines[0]) == statuses(pipelines[1]) == ["canceled", "canceled", "success"]
    assert statuses(pipelines[2]) == statuses(pipelines[3]) == ["running", "on_hold", "success"]
    assert messages[0] == "cancelled test (running) of pipeline 2."
    assert messages[-1] == "cancelled 4 redundant workflows of gh/acme/api on main (kept pipeline 3)."
    assert live.cancel_redundant_workflows(SLUG, "main") == []


def test_keep_and_the_current_workflow_are_never_cancelled(
    live: SDK, pipelines: list[Pipeline], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIRCLE_WORKFLOW_ID", pipelines[0].workflows[0].id)

    cancelled = live.cancel_redundant_workflows(SLUG, "main", keep=pipelines[1].id)

    assert [wf["id"] for wf in cancelled] == [pipelines[0].workflows[1].id]
    assert statuses(pipelines[0]) == ["running", "canceled", "success"]
    assert statuses(pipelines[1]) == statuses(pipelines[2]) == ["running", "on_hold", "success"]


def test_the_current_pipeline_is_kept(live: SDK, pipelines: list[Pipeline], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", pipelines[1].id)

    cancelled = live.cancel_redundant_workflows(SLUG, "main")

    assert {wf["pipeline_number"] for wf in cancelled} == {1}
    assert statuses(pipelines[2]) == ["running", "on_hold", "success"]


def test_a_current_pipeline_of_another_project_is_not_the_one_kept(
    live: SDK, server: FakeCircleCI, pipelines: list[Pipeline], monkeypatch: pytest.MonkeyPatch
) -> None:
    server.add_project("acme", "other")
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", server.trigger_pipeline("gh/acme/other").id)

    cancelled = live.cancel_redundant_workflows(SLUG, "main")

    assert {wf["pipeline_number"] for wf in cancelled} == {1, 2}


def test_a_refused_cancel_does_not_stop_the_others(
    live: SDK, server: FakeCircleCI, pipelines: list[Pipeline], messages: list[str]
) -> None:
    server.fail("cancelWorkflow", status=403, message="Permission denied", times=1)

    with pytest.raises(CancelError) as caught:
        live.cancel_redundant_workflows(SLUG, "main")

    refused = pipelines[1].workflows[0]
    assert list(caught.value.refused) == [refused.id]
    assert "Permission denied" in caught.value.refused[refused.id]
    assert [wf["name"] for wf in caught.value.cancelled] == ["release", "test", "release"]
    assert str(caught.value).startswith("1 workflows could not be cancelled: test (running) of pipeline 2: ")
    assert refused.status == "running" and statuses(pipelines[0])[:2] == ["canceled", "canceled"]
    assert messages[0].startswith("could not cancel test (running) of pipeline 2: ")


def test_pipelines_still_being_set_up_or_errored_are_skipped(live: SDK, server: FakeCircleCI, sent: list[str]) -> None:
    server.add_project("acme", "api", plan=PLAN)
    server.set_plan(SLUG, [])
    errored = server.trigger_pipeline(SLUG, branch="main")
    server.advance(2)
    server.set_plan(SLUG, PLAN)
    pending = server.trigger_pipeline(SLUG, branch="main")
    server.trigger_pipeline(SLUG, branch="main")  # setup takes a second: neither has workflows yet

    assert live.cancel_redundant_workflows(SLUG, "main", lookback=None) == []
    assert not any(errored.id in call or pending.id in call for call in sent)


def test_an_empty_branch_has_nothing_to_cancel(live: SDK, server: FakeCircleCI, messages: list[str]) -> None:
    server.add_project("acme", "api", plan=PLAN)
    assert live.cancel_redundant_workflows(SLUG, "main") == []
    assert messages == ["cancelled 0 redundant workflows of gh/acme/api on main (nothing to keep)."]


@pytest.mark.parametrize(("branch", "lookback"), [("", 1), (None, 1), ("main", float("nan")), ("main", -1)])
def test_bad_arguments_are_refused_first(live: SDK, sent: list[str], branch: object, lookback: float) -> None:
    with pytest.raises(InvalidArgumentError):
        live.cancel_redundant_workflows(SLUG, branch, lookback=lookback)  # type: ignore[arg-type]
    assert sent == []
