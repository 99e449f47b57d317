"""ApiV3 end to end against FakeCircleCI: runs, workflows and jobs, with step output."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from circleci.error import ClientError, InvalidArgumentError, NotFound
from circleci.testing import FakeCircleCI, JobPlan, StepPlan, WorkflowPlan
from circleci.v3 import ApiV3

WIDGET = "gh/acme/widget"


def _failed_run(api: ApiV3) -> str:
    project = api.project_id(WIDGET)
    found = api.search_runs(
        scope={"project_ids": [project]}, filter='pipeline.git.branch == "main" and pipeline.status == "failed"'
    )
    assert len(found["data"]) == 1
    return str(found["data"][0]["id"])


def test_a_v2_pipeline_is_a_v3_run(fake: FakeCircleCI, api: ApiV3) -> None:
    pipeline = fake.trigger_pipeline(WIDGET, branch="feature/x")
    run = api.get_run(pipeline.id)["data"]
    assert run["id"] == pipeline.id
    assert run["attributes"]["phase"] == "created"
    assert "outcome" not in run["attributes"] and "current_outcome" not in run["attributes"]
    assert run["references"]["project"]["id"] == fake.project(WIDGET).id
    assert run["references"]["event"]["attributes"]["vcs"]["branch"] == "feature/x"
    with pytest.raises(NotFound) as raised:
        api.list_workflows(filter_run_id=pipeline.id)
    assert raised.value.detail == "run not found" and raised.value.type == "not_found"
    fake.advance(2)
    workflow = api.list_workflows(filter_run_id=pipeline.id)["data"][0]
    assert workflow["attributes"]["phase"] == "started" and workflow["attributes"]["current_outcome"] == "succeeded"
    assert api.get_run(pipeline.id)["data"]["attributes"]["phase"] == "started"
    fake.advance(60)
    ended = api.get_workflow(workflow["id"])["data"]["attributes"]
    assert ended["phase"] == "ended" and ended["outcome"] == "succeeded" and "ended_at" in ended
    assert api.get_run(pipeline.id)["data"]["attributes"]["current_outcome"] == "succeeded"
    with pytest.raises(NotFound):
        api.get_run("no-such-run")
    with pytest.raises(NotFound):
        api.get_workflow("no-such-workflow")


def test_list_runs_filters_and_pages(fake: FakeCircleCI, api: ApiV3) -> None:
    project = api.project_id(WIDGET)
    assert len(api.list_runs(filter_project_id=project)["data"]) == 3
    assert api.list_runs(filter_user_id="me")["data"] == []
    mine = fake.trigger_pipeline(WIDGET)
    assert [r["id"] for r in api.list_runs(filter_user_id="me")["data"]] == [mine.id]
    failed = api.list_runs(filter_phase="ended", filter_current_outcome="failed")["data"]
    assert len(failed) == 1
    created_at = failed[0]["attributes"]["created_at"]
    window = api.list_runs(filter_project_id=project, filter_from=created_at, filter_to=created_at)["data"]
    assert [r["id"] for r in window] == [failed[0]["id"]]
    first = api.list_runs(page_limit=2)
    assert len(first["data"]) == 2 and first["page"]["prev"] is None
    second = api.list_runs(page_cursor=first["page"]["next"])
    assert len(second["data"]) == 2 and second["page"]["prev"]
    everything = list(api.iterate(api.list_runs, page_limit=2))
    assert len(everything) == 7 and len({r["id"] for r in everything}) == 7
    assert len(list(api.iterate(api.list_runs, limit=3))) == 3
    with pytest.raises(InvalidArgumentError):
        api.list_runs(page_limit=21)
    with pytest.raises(ClientError) as raised:
        api.request("GET", "runs", params={"page[limit]": 21})
    assert raised.value.title == "Invalid page size" and raised.value.source == {"pointer": "/page/limit"}
    with pytest.raises(ClientError, match="Invalid cursor"):
        api.list_runs(page_cursor="bogus")


def test_search_runs_reads_filter_expressions_and_pages_in_the_body(fake: FakeCircleCI, api: ApiV3) -> None:
    run_id = _failed_run(api)
    found = api.search_runs(filter=f'pipeline.id == "{run_id}"')["data"]
    assert [r["id"] for r in found] == [run_id]
    assert len(api.search_runs(filter='pipeline.status == "success"')["data"]) == 5
    assert api.search_runs(filter='pipeline.status == "running"')["data"] == []
    assert len(list(api.iterate(api.search_runs, page_limit=1))) == 6
    scope = {"project_ids": [api.project_id(WIDGET)], "from": "2000-01-01T00:00:00Z", "to": "2000-01-02T00:00:00Z"}
    assert api.search_runs(scope=scope)["data"] == []
    with pytest.raises(ClientError, match="Cannot read"):
        api.search_runs(filter="pipeline.id = 1")
    with pytest.raises(ClientError, match="Unknown filter field"):
        api.search_runs(filter='pipeline.actor == "x"')
    with pytest.raises(InvalidArgumentError):
        api.search_runs(page_limit=50)


def test_trigger_run_starts_a_run(fake: FakeCircleCI, api: ApiV3) -> None:
    project = api.project_id(WIDGET)
    run = api.trigger_run({"project_id": project, "branch": "dev", "parameters": {"deploy": True}})["data"]
    assert fake.state.pipelines[run["id"]].branch == "dev"
    with pytest.raises(ClientError, match="project_id"):
        api.trigger_run({"branch": "dev"})
    with pytest.raises(ClientError, match="Unexpected field"):
        api.trigger_run({"project_id": project, "config": {}})


def test_rerun_from_failed_creates_a_new_workflow_and_records_the_flag(fake: FakeCircleCI, api: ApiV3) -> None:
    workflow = api.list_workflows(filter_run_id=_failed_run(api))["data"][0]
    assert workflow["attributes"]["outcome"] == "failed"
    rerun = api.rerun_workflow(workflow["id"], is_from_failed=True)["data"]["id"]
    assert rerun != workflow["id"]
    assert fake.v3.store.reruns == [True]
    jobs = api.list_jobs(filter_workflow_id=rerun)["data"]
    # the job that passed is carried over as it ended; only the failed one runs again
    before = {j["attributes"]["name"]: j for j in api.list_jobs(filter_workflow_id=workflow["id"])["data"]}
    assert [j["attributes"]["name"] for j in jobs] == ["build", "test"]
    assert jobs[0]["attributes"]["number"] == before["build"]["attributes"]["number"]
    assert jobs[1]["attributes"]["number"] != before["test"]["attributes"]["number"]
    again = api.rerun_workflow(workflow["id"])["data"]["id"]
    assert [j["attributes"]["name"] for j in api.list_jobs(filter_workflow_id=again)["data"]] == ["build", "test"]
    assert fake.v3.store.reruns == [True, False]
    old_name = api.request("POST", f"workflows/{workflow['id']}/rerun", body={"from_failed": True})["data"]["id"]
    assert len(api.list_jobs(filter_workflow_id=old_name)["data"]) == 2  # v2's field is ignored: a full rerun
    assert fake.v3.store.reruns == [True, False, False]


def test_cancel_workflow_is_asynchronous_and_answers_the_same_id(fake: FakeCircleCI, api: ApiV3) -> None:
    pipeline = fake.trigger_pipeline(WIDGET)
    fake.advance(2)
    workflow = pipeline.workflows[0]
    assert api.cancel_workflow(workflow.id) == {"data": {"id": workflow.id}}
    assert api.get_workflow(workflow.id)["data"]["attributes"]["outcome"] == "canceled"


def test_jobs_need_their_workflow_filter(api: ApiV3) -> None:
    with pytest.raises(ClientError) as raised:
        api.list_jobs()
    error = raised.value
    assert error.status_code == 400 and error.type == "validation_error"
    assert error.title == "Missing Required Filter"
    assert error.detail == "Query parameter 'filter[workflow_id]' is required."
    assert error.source == {"pointer": "/filter/workflow_id"} and error.id
    assert error.rate_limit["RateLimit-Limit"] == "1000"
    with pytest.raises(NotFound):
        api.list_jobs(filter_workflow_id="nope")
    with pytest.raises(NotFound):
        api.get_job("nope")


def test_job_steps_and_their_output_follow_the_plan(fake: FakeCircleCI, api: ApiV3, tmp_path: Path) -> None:
    steps = [
        StepPlan("Spin up environment", output="spin\n"),
        StepPlan(
            "run tests",
            output="\x1b[32mline one\x1b[0m\nline two\nerror: broken\n",
            error_output="trace\n",
            failed=True,
        ),
        StepPlan("never runs", output="unseen\n"),
    ]
    plan = [WorkflowPlan("ci", [JobPlan("unit", duration=10.0, outcome="failed", steps=steps)])]
    pipeline = fake.trigger_pipeline(WIDGET, plan=plan)
    fake.advance(2)
    job = pipeline.workflows[0].jobs[0]
    listed = api.list_jobs(filter_workflow_id=pipeline.workflows[0].id)
    assert "page" not in listed and listed["data"][0]["attributes"]["phase"] == "started"
    assert job.number is not None and listed["data"][0]["attributes"]["number"] == job.number
    fake.advance(5)  # 4 s into a 10 s job: the second step (from 3.33 s to 6.67 s) is running
    running = api.get_job(job.id)["data"]["attributes"]["parallel_executions"][0]["steps"]
    assert [(s["name"], s["phase"]) for s in running] == [("Spin up environment", "ended"), ("run tests", "started")]
    first = api.get_job_stdout(job.id, filter_execution=0, filter_step_num=101)
    assert not first.terminal and 0 < first.size < 40
    chunks = [bytes(first)]
    offset = first.offset
    for _ in range(10):
        fake.advance(1)
        more = api.get_job_stdout(job.id, filter_execution=0, filter_step_num=101, offset=offset)
        chunks.append(bytes(more))
        offset = more.offset
        if more.terminal:
            break
    assert b"".join(chunks) == steps[1].output.encode()
    fake.advance(10)
    ended = api.get_job(job.id)["data"]["attributes"]
    assert ended["outcome"] == "failed" and ended["phase"] == "ended"
    names = [(s["name"], s["outcome"], s.get("exit_code")) for s in ended["parallel_executions"][0]["steps"]]
    assert names == [("Spin up environment", "succeeded", None), ("run tests", "failed", 1)]
    assert api.get_job_stderr(job.id, filter_step_num=101).text == "trace\n"
    assert api.get_job_stdout_condensed(job.id, filter_step_num=101).text == "error: broken\n"
    assert api.get_job_stdout_condensed(job.id, filter_step_num=0).text == "spin\n"
    empty = api.get_job_stderr(job.id, filter_step_num=0)
    assert empty.size == 0 and empty == b""
    target = tmp_path / "out.log"
    written = api.get_job_stdout(job.id, filter_step_num=101, to=target)
    assert written.path == str(target) and target.read_bytes() == steps[1].output.encode() and written == b""
    buffer = io.BytesIO()
    api.get_job_stdout(job.id, filter_step_num=101, to=buffer)
    assert buffer.getvalue() == steps[1].output.encode()
    cut = api.get_job_stdout(job.id, filter_step_num=101, max_bytes=4)
    assert cut.truncated and not cut.terminal and cut == steps[1].output.encode()[:4] and cut.offset == 4
    assert api.get_job_stdout(job.id, filter_step_num=102).size == 0
    with pytest.raises(ClientError) as raised:
        api.get_job_stdout(job.id, filter_step_num=101, offset=1000)
    assert raised.value.status_code == 416
    with pytest.raises(NotFound, match="step not found"):
        api.get_job_stdout(job.id, filter_step_num=7)
    with pytest.raises(NotFound, match="step not found"):
        api.get_job_stderr(job.id, filter_execution=1, filter_step_num=0)
    with pytest.raises(InvalidArgumentError):
        api.get_job_stdout(job.id, offset=-1)
    with pytest.raises(InvalidArgumentError):
        api.get_job_stdout(job.id, max_bytes=0)


def test_default_steps_end_with_the_job_and_fail_with_it(fake: FakeCircleCI, api: ApiV3) -> None:
    workflow = api.list_workflows(filter_run_id=_failed_run(api))["data"][0]
    test = next(
        j for j in api.list_jobs(filter_workflow_id=workflow["id"])["data"] if j["attributes"]["name"] == "test"
    )
    steps = api.get_job(test["id"])["data"]["attributes"]["parallel_executions"][0]["steps"]
    assert [(s["name"], s["type"], s["num"], s["outcome"]) for s in steps] == [
        ("Spin up environment", "spinup_environment", 0, "succeeded"),
        ("Checkout code", "checkout", 101, "succeeded"),
        ("test", "run", 102, "failed"),
    ]
    assert "exit status 1" in api.get_job_stderr(test["id"], filter_step_num=102).text
    assert next(iter(api.get_job_tests(test["id"])))["result"] == "failure"


def test_artifacts_tests_and_resource_usage(fake: FakeCircleCI, api: ApiV3, tmp_path: Path) -> None:
    project = api.project_id("gh/acme/gadget")
    run = api.list_runs(filter_project_id=project, page_limit=1)["data"][0]
    workflow = api.list_workflows(filter_run_id=run["id"])["data"][0]
    build, test = api.list_jobs(filter_workflow_id=workflow["id"])["data"]
    artifacts = api.list_job_artifacts(test["id"])
    assert "page" not in artifacts
    paths = {a["attributes"]["path"]: a["attributes"] for a in artifacts["data"]}
    assert set(paths) == {"reports/junit.xml", "coverage/index.html"}
    saved = api.download_artifact(paths["coverage/index.html"]["url"], str(tmp_path))
    assert Path(saved).read_bytes().startswith(b"<html>")
    assert [t["name"] for t in api.get_job_tests(test["id"])] == ["test_adds", "test_subtracts"]
    assert list(api.get_job_tests(build["id"])) == []
    usage = api.get_job_resource_usage(test["id"])["data"]
    samples = usage["attributes"]["parallel_executions"][0]
    assert usage["id"] == test["id"] and len(samples["cpu_cores"]) == 3 and samples["interval_ms"] == 1000
    plan = [WorkflowPlan("gate", [JobPlan("hold", type="approval")])]
    pipeline = fake.trigger_pipeline("gh/acme/gadget", plan=plan)
    fake.advance(5)
    hold = pipeline.workflows[0].jobs[0]
    assert api.get_job(hold.id)["data"]["attributes"]["phase"] == "blocked"
    assert api.list_workflows(filter_run_id=pipeline.id)["data"][0]["attributes"]["current_outcome"] == "succeeded"
    with pytest.raises(NotFound):
        api.get_job_resource_usage(hold.id)


def test_a_run_with_a_broken_config_ended_errored(fake: FakeCircleCI, api: ApiV3) -> None:
    pipeline = fake.trigger_pipeline(WIDGET, plan=[])
    fake.advance(2)
    attributes = api.get_run(pipeline.id)["data"]["attributes"]
    assert attributes["phase"] == "ended" and attributes["current_outcome"] == "errored"
    assert attributes["errors"][0]["type"] == "config"


def test_a_failing_workflow_predicts_its_failure(fake: FakeCircleCI, api: ApiV3) -> None:
    plan = [WorkflowPlan("w", [JobPlan("a", duration=1.0, outcome="failed"), JobPlan("b", duration=50.0)])]
    pipeline = fake.trigger_pipeline(WIDGET, plan=plan)
    fake.advance(5)
    failing = api.get_workflow(pipeline.workflows[0].id)["data"]["attributes"]
    assert failing["phase"] == "started" and failing["current_outcome"] == "failed"
    run = api.get_run(pipeline.id)["data"]["attributes"]
    assert run["phase"] == "started" and run["current_outcome"] == "failed"
