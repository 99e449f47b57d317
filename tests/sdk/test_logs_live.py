"""SDK.failed_steps and SDK.job_log end to end against FakeCircleCI, whose storage host refuses credentials.

The fake's v1.1 builds carry ``steps[].actions[].output_url`` once issue 11's
work is merged; until then these tests skip themselves.
"""

from __future__ import annotations

import pytest

from circleci.api import Api
from circleci.error import CircleCIHTTPError
from circleci.sdk import SDK, FailedStep
from circleci.testing import FakeCircleCI, JobPlan, StepPlan, WorkflowPlan

STEPS = [
    StepPlan("Checkout code", output="cloned\n"),
    StepPlan("Run tests", output="9 passed, 1 failed\n", error_output="AssertionError\n", failed=True),
]


@pytest.fixture
def build_num(server: FakeCircleCI, live_api: Api) -> int:
    plan = [WorkflowPlan("ci", [JobPlan("test", duration=10, outcome="failed", steps=STEPS)])]
    server.add_project("acme", "app", plan=plan)
    server.trigger_pipeline("gh/acme/app")
    server.advance(60)
    if not live_api.get_build_info("acme", "app", 1).get("steps"):
        pytest.skip("this FakeCircleCI does not serve build steps yet (issue 11)")
    return 1


def test_failed_steps_and_logs_from_the_storage_host(live: SDK, build_num: int) -> None:
    assert live.failed_steps("acme", "app", build_num) == [
        FailedStep("Run tests", 0, "failed", 1, "9 passed, 1 failed\nAssertionError\n")
    ]
    assert live.job_log("acme", "app", build_num) == "cloned\n9 passed, 1 failed\nAssertionError\n"
    assert live.job_log("acme", "app", build_num, step="Checkout code") == "cloned\n"


def test_a_log_the_storage_host_refuses_raises(live: SDK, server: FakeCircleCI, build_num: int) -> None:
    server.fail("storage", status=403, message="Request has expired", times=1)
    with pytest.raises(CircleCIHTTPError):
        live.job_log("acme", "app", build_num)
