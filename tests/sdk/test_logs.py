"""SDK.failed_steps and SDK.job_log, with v1.1 build dicts and step logs on a separate log host (``responses``)."""

from __future__ import annotations

import json
from typing import Any, Optional

import pytest
import responses

from circleci.error import DownloadError, Forbidden, InvalidArgumentError
from circleci.sdk import SDK, FailedStep
from circleci.v2 import ApiV2

from .fake import API

BUILD = f"{API}/project/github/org/repo/42"
LOGS = "https://circle-production-action-output.s3.amazonaws.com"


def action(step: int, name: str, status: str = "success", *, index: int = 0, output: bool = True) -> dict[str, Any]:
    """A v1.1 action as CircleCI sends it; its log is at a pre-signed link."""
    failed = status != "success"
    return {
        "name": name,
        "index": index,
        "step": step,
        "type": "test",
        "status": status,
        "failed": True if status == "failed" else None,
        "exit_code": (1 if failed else 0) if output else None,
        "has_output": output,
        "output_url": f"{LOGS}/{step}-{index}?X-Amz-Signature=abc" if output else None,
        "start_time": "2026-11-30T10:00:00.000Z",
        "end_time": "2026-11-30T10:00:05.000Z",
        "run_time_millis": 5000,
        "background": False,
        "bash_command": "make test",
        "infrastructure_fail": None,
        "canceled": None,
        "timedout": None,
        "parallel": index > 0,
    }


def log(*messages: tuple[str, str]) -> str:
    return json.dumps([{"message": text, "time": "2026-11-30T10:00:01.000Z", "type": kind} for kind, text in messages])


@pytest.fixture
def build(rsps: responses.RequestsMock) -> dict[str, Any]:
    """Build 42: spin up, checkout, tests on two nodes (node 1 fails), a deploy that timed out, no-output step."""
    steps = [
        {"name": "Spin up environment", "actions": [action(0, "Spin up environment", output=False)]},
        {"name": "Checkout code", "actions": [action(1, "Checkout code")]},
        {"name": "Run tests", "actions": [action(2, "Run tests"), action(2, "Run tests", "failed", index=1)]},
        {"name": "Deploy", "actions": [action(3, "Deploy", "timedout")]},
    ]
    body = {"build_num": 42, "status": "failed", "outcome": "failed", "steps": steps}
    rsps.get(BUILD, json=body)
    rsps.get(f"{LOGS}/1-0", body=log(("out", "Cloning into '.'...\n")))
    rsps.get(f"{LOGS}/2-0", body=log(("out", "10 passed\n")))
    rsps.get(f"{LOGS}/2-1", body=log(("out", "9 passed, 1 failed\n"), ("err", "AssertionError: 1 != 2\n")))
    rsps.get(f"{LOGS}/3-0", body=log(("err", "Too long with no output (exceeded 10m0s)\n")))
    return body


def log_requests(rsps: responses.RequestsMock) -> list[Any]:
    return [call.request for call in rsps.calls if str(call.request.url).startswith(LOGS)]


def test_failed_steps_with_their_output(
    sdk: SDK, build: dict[str, Any], rsps: responses.RequestsMock, messages: list[str]
) -> None:
    failed = sdk.failed_steps("org", "repo", 42)

    assert failed == [
        FailedStep("Run tests", 1, "failed", 1, "9 passed, 1 failed\nAssertionError: 1 != 2\n"),
        FailedStep("Deploy", 0, "timedout", 1, "Too long with no output (exceeded 10m0s)\n"),
    ]
    assert len(log_requests(rsps)) == 2  # only the failed actions' logs are read
    assert all("Circle-Token" not in request.headers for request in log_requests(rsps))
    assert "Circle-Token" in rsps.calls[0].request.headers  # the API call has it
    assert messages == ["build 42 of org/repo: Run tests (failed), Deploy (timedout)."]


def test_a_build_without_failed_steps(sdk: SDK, rsps: responses.RequestsMock, messages: list[str]) -> None:
    rsps.get(BUILD, json={"build_num": 42, "steps": [{"name": "Spin up", "actions": [action(0, "Spin up")]}]})
    rsps.get(f"{LOGS}/0-0", body=log(("out", "ok\n")))

    assert sdk.failed_steps("org", "repo", 42) == []
    assert messages == ["build 42 of org/repo: no failed step."]


def test_the_whole_job_log(sdk: SDK, build: dict[str, Any], rsps: responses.RequestsMock) -> None:
    text = sdk.job_log("org", "repo", 42)

    assert text == (
        "Cloning into '.'...\n10 passed\n9 passed, 1 failed\nAssertionError: 1 != 2\n"
        "Too long with no output (exceeded 10m0s)\n"
    )
    assert all("Circle-Token" not in request.headers for request in log_requests(rsps))


@pytest.mark.parametrize(
    ("step", "text"),
    [
        ("Checkout code", "Cloning into '.'...\n"),
        ("Run tests", "10 passed\n9 passed, 1 failed\nAssertionError: 1 != 2\n"),
        ("Spin up environment", ""),
    ],
)
def test_one_step_of_the_log(
    sdk: SDK, build: dict[str, Any], rsps: responses.RequestsMock, step: str, text: str
) -> None:
    assert sdk.job_log("org", "repo", 42, step=step, vcs_type="github") == text


def test_an_unknown_step_lists_the_steps(sdk: SDK, build: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgumentError, match=r"no step of that name; its steps: \['Spin up environment', "):
        sdk.job_log("org", "repo", 42, step="Run test")


def test_a_log_that_cannot_be_downloaded_raises(sdk: SDK, rsps: responses.RequestsMock) -> None:
    rsps.get(BUILD, json={"steps": [{"name": "Run tests", "actions": [action(2, "Run tests", "failed")]}]})
    rsps.get(f"{LOGS}/2-0", status=403, body="<Error><Code>AccessDenied</Code></Error>")

    with pytest.raises(Forbidden):
        sdk.failed_steps("org", "repo", 42)
    with pytest.raises(Forbidden):
        sdk.job_log("org", "repo", 42)


@pytest.mark.parametrize(("body", "content_type"), [("<html>", "text/html"), ('{"message": "x"}', None), ("[1]", None)])
def test_a_log_that_is_not_a_log_raises(
    sdk: SDK, rsps: responses.RequestsMock, body: str, content_type: Optional[str]
) -> None:
    rsps.get(BUILD, json={"steps": [{"name": "Run tests", "actions": [action(2, "Run tests", "failed")]}]})
    rsps.get(f"{LOGS}/2-0", body=body, content_type=content_type or "application/json")

    with pytest.raises(DownloadError, match=rf"the step log at {LOGS}/2-0 is not a JSON list of entries"):
        sdk.failed_steps("org", "repo", 42)


def test_a_build_without_steps(sdk: SDK, rsps: responses.RequestsMock) -> None:
    rsps.get(BUILD, json={"build_num": 42, "steps": None, "lifecycle": "queued"})
    assert sdk.failed_steps("org", "repo", 42) == []
    assert sdk.job_log("org", "repo", 42) == ""


def test_v1_helpers_need_an_api_client(rsps: responses.RequestsMock) -> None:
    with ApiV2("secret-token", API.replace("v1.1", "v2")) as client:
        with pytest.raises(InvalidArgumentError, match=r"uses API v1\.1"):
            SDK(client).failed_steps("org", "repo", 42)
        with pytest.raises(InvalidArgumentError, match=r"uses API v1\.1"):
            SDK(client).job_log("org", "repo", 42)
    assert len(rsps.calls) == 0


def test_v3_output_with_a_parallel_step(sdk: SDK, rsps: responses.RequestsMock) -> None:
    """Steps are matched to v3 by name per parallel execution; a v3 step without a number is not used."""
    job_id = "4405c050-a8b8-474f-aa70-79efcf25bc4a"
    v3 = API.replace("v1.1", "v3")
    quiet = {**action(0, "Spin up environment"), "output_url": None}
    del quiet["has_output"]  # CircleCI does not say: v3 is asked, and has no number for it
    steps = [
        {"name": "Spin up environment", "actions": [quiet]},
        {"name": "Run tests", "actions": [action(101, "Run tests"), action(101, "Run tests", "failed", index=1)]},
    ]
    rsps.get(BUILD, json={"build_num": 42, "workflows": {"job_id": job_id}, "steps": steps})
    executions = [
        {"steps": [{"name": "Spin up environment", "num": None}, {"name": "Run tests", "num": 101}]},
        {"steps": [{"name": "Spin up environment", "num": None}, {"name": "Run tests", "num": 101}]},
    ]
    rsps.get(f"{v3}/jobs/{job_id}", json={"data": {"id": job_id, "attributes": {"parallel_executions": executions}}})
    for node, text in ((0, b"10 passed\n"), (1, b"9 passed\n")):
        query = {"filter[execution]": str(node), "filter[step_num]": "101"}
        match = [responses.matchers.query_param_matcher(query)]
        rsps.get(f"{v3}/jobs/{job_id}/stdout", body=text, match=match)
        rsps.get(f"{v3}/jobs/{job_id}/stderr", body=b"E\n" if node else b"", match=match)

    assert sdk.job_log("org", "repo", 42) == "10 passed\n9 passed\nE\n"
    assert sdk.failed_steps("org", "repo", 42) == [FailedStep("Run tests", 1, "failed", 1, "9 passed\nE\n")]
    assert log_requests(rsps) == []
    assert all(call.request.headers["Authorization"] == "Bearer secret-token" for call in rsps.calls[1:4])


def test_an_empty_v3_job_falls_back_to_output_url(sdk: SDK, rsps: responses.RequestsMock) -> None:
    job_id = "4405c050-a8b8-474f-aa70-79efcf25bc4a"
    body = {
        "workflows": {"job_id": job_id},
        "steps": [{"name": "Checkout code", "actions": [action(1, "Checkout code")]}],
    }
    rsps.get(BUILD, json=body)
    rsps.get(f"{API.replace('v1.1', 'v3')}/jobs/{job_id}", body=b"")
    rsps.get(f"{LOGS}/1-0", body=log(("out", "Cloning into '.'...\n")))

    assert sdk.job_log("org", "repo", 42) == "Cloning into '.'...\n"
