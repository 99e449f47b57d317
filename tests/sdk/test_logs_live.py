"""SDK.failed_steps and SDK.job_log end to end against FakeCircleCI: API v3's job output, and the fallback.

FakeCircleCI serves a job's steps (from the same ``JobPlan.steps``) both as
v1.1 build steps whose ``output_url`` logs are on a storage host that
refuses credentials, and as API v3 job output. The helpers read v3 first;
a 404 from v3 (CircleCI server has no v3) sends them to ``output_url``.
"""

from __future__ import annotations

import pytest

from circleci.api import Api
from circleci.error import CircleCIHTTPError, Forbidden
from circleci.sdk import SDK, FailedStep
from circleci.testing import FakeCircleCI, JobPlan, StepPlan, WorkflowPlan

STEPS = [
    StepPlan("Checkout code", output="cloned\n"),
    StepPlan("Quiet step"),
    StepPlan("Run tests", output="9 passed, 1 failed\n", error_output="AssertionError\n", failed=True),
]
WHOLE = "cloned\n9 passed, 1 failed\nAssertionError\n"
FAILED = [FailedStep("Run tests", 0, "failed", 1, "9 passed, 1 failed\nAssertionError\n")]


@pytest.fixture
def build_num(server: FakeCircleCI) -> int:
    plan = [WorkflowPlan("ci", [JobPlan("test", duration=10, outcome="failed", steps=STEPS)])]
    server.add_project("acme", "app", plan=plan)
    server.trigger_pipeline("gh/acme/app")
    server.advance(60)
    return 1


def v3_reads(sent: list[str]) -> list[str]:
    return [call for call in sent if "/api/v3/" in call]


def storage_reads(sent: list[str]) -> list[str]:
    return [call for call in sent if "/api/" not in call]


def test_failed_steps_from_v3_job_output(live: SDK, live_api: Api, build_num: int, sent: list[str]) -> None:
    job_id = live_api.get_build_info("acme", "app", build_num)["workflows"]["job_id"]
    sent.clear()

    assert live.failed_steps("acme", "app", build_num) == FAILED

    assert sent == [
        f"GET /api/v1.1/project/github/acme/app/{build_num}",
        f"GET /api/v3/jobs/{job_id}",
        f"GET /api/v3/jobs/{job_id}/stdout",
        f"GET /api/v3/jobs/{job_id}/stderr",
    ]


def test_job_log_from_v3_job_output(live: SDK, live_api: Api, build_num: int, sent: list[str]) -> None:
    assert live.job_log("acme", "app", build_num) == WHOLE
    assert live.job_log("acme", "app", build_num, step="Checkout code") == "cloned\n"
    assert live.job_log("acme", "app", build_num, step="Quiet step") == ""

    assert storage_reads(sent) == []
    # the quiet step prints nothing and says so: it is never read
    assert len([call for call in v3_reads(sent) if call.endswith("/stdout")]) == 3


def test_v3_and_output_url_give_the_same_text(
    live: SDK, server: FakeCircleCI, live_api: Api, build_num: int, sent: list[str]
) -> None:
    from_v3 = (live.job_log("acme", "app", build_num), live.failed_steps("acme", "app", build_num))
    server.fail("get_job", status=404, message="Not Found", times=None)  # as CircleCI server answers /api/v3
    sent.clear()

    from_v1 = (live.job_log("acme", "app", build_num), live.failed_steps("acme", "app", build_num))

    assert from_v1 == from_v3 == (WHOLE, FAILED)
    assert [call for call in v3_reads(sent) if not call.startswith("GET /api/v3/jobs/") or "/std" in call] == []
    assert len(storage_reads(sent)) == 3  # two steps with output, then the failed one


def test_the_fallback_is_logged(live: SDK, server: FakeCircleCI, build_num: int, messages: list[str]) -> None:
    server.fail("get_job", status=404, message="Not Found", times=1)

    live.failed_steps("acme", "app", build_num)

    assert messages[0].startswith("API v3 has no job ") and "output_url" in messages[0]


def test_a_step_v3_does_not_have_is_read_from_output_url(
    live: SDK, server: FakeCircleCI, live_api: Api, build_num: int, sent: list[str]
) -> None:
    server.fail("get_job_stdout", status=404, message="step not found", times=1)

    assert live.job_log("acme", "app", build_num) == WHOLE
    assert len(storage_reads(sent)) == 1  # only the first step's


def test_v3_errors_other_than_404_are_raised(live: SDK, server: FakeCircleCI, build_num: int) -> None:
    server.fail("get_job_stderr", status=403, message="Forbidden", times=1)

    with pytest.raises(Forbidden):
        live.failed_steps("acme", "app", build_num)


def test_a_log_the_storage_host_refuses_raises(live: SDK, server: FakeCircleCI, build_num: int) -> None:
    server.fail("get_job", status=404, message="Not Found", times=1)
    server.fail("storage", status=403, message="Request has expired", times=1)

    with pytest.raises(CircleCIHTTPError):
        live.job_log("acme", "app", build_num)


def test_a_build_v3_has_no_step_for_reads_output_url(
    live: SDK, live_api: Api, build_num: int, sent: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """v1.1 and v3 steps are matched by name: a step v3 does not list is read from its output_url."""
    original = live_api.v3.get_job

    def renamed(job_id: str) -> dict[str, object]:
        document = dict(original(job_id))
        for execution in document["data"]["attributes"]["parallel_executions"]:  # type: ignore[index]
            for step in execution["steps"]:
                if step["name"] == "Checkout code":
                    step["name"] = "Check out"
        return document

    monkeypatch.setattr(live_api.v3, "get_job", renamed)

    assert live.job_log("acme", "app", build_num) == WHOLE
    assert len(storage_reads(sent)) == 1
