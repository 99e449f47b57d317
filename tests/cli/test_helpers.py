"""The helper commands (waits, singletons, downloads) against FakeCircleCI, with their exit statuses."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from circleci.cli import EXIT_ERROR, EXIT_FAILED, EXIT_OK, EXIT_TIMEOUT, EXIT_USAGE
from circleci.testing import FakeCircleCI, JobPlan, WorkflowPlan

from .conftest import SLUG, FakeTime

FAILING = [WorkflowPlan("deploy", [JobPlan("deploy", duration=2, outcome="failed")])]
WITH_APPROVAL = [
    WorkflowPlan(
        "release",
        [
            JobPlan("build", duration=2, artifacts={"dist/app.tar.gz": b"app"}),
            JobPlan("test", duration=2, artifacts={"reports/junit.xml": b"<testsuite/>"}),
        ],
    ),
    WorkflowPlan("hold", [JobPlan("approve", type="approval")]),
]


def test_wait_pipeline_succeeds(fake: FakeCircleCI, fake_time: FakeTime, cli: Any) -> None:
    pipeline = fake.trigger_pipeline(SLUG)

    result = cli("wait-pipeline", pipeline.id, "--interval", "5")

    assert result.status == EXIT_OK
    assert result.json["pipeline"]["id"] == pipeline.id
    assert [wf["status"] for wf in result.json["workflows"]] == ["success"]
    assert result.json["failed"] == [] and result.json["on_hold"] == []
    assert "done: build-and-test (success)" in result.err


def test_wait_pipeline_defaults_to_the_job_pipeline_and_reports_a_failure(
    fake: FakeCircleCI, fake_time: FakeTime, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline = fake.trigger_pipeline(SLUG, plan=FAILING)
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", pipeline.id)

    result = cli("wait-pipeline", "--interval", "5", "-q")

    assert result.status == EXIT_FAILED
    assert result.json["failed"][0]["name"] == "deploy"
    assert result.err.strip() == f"circleci-py: pipeline {pipeline.number} failed: deploy failed"


def test_wait_pipeline_times_out(fake: FakeCircleCI, fake_time: FakeTime, cli: Any) -> None:
    pipeline = fake.trigger_pipeline(SLUG)

    result = cli("wait-pipeline", pipeline.id, "--interval", "1", "--timeout", "2")

    assert result.status == EXIT_TIMEOUT
    assert result.out == ""
    assert "gave up after 2 seconds (raise --timeout to wait longer)" in result.err


def test_wait_pipeline_needs_a_pipeline(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("wait-pipeline")

    assert result.status == EXIT_USAGE
    assert "PIPELINE_ID" in result.err


def test_trigger_and_wait_in_a_job(fake: FakeCircleCI, fake_time: FakeTime, cli: Any, in_job: None) -> None:
    result = cli("trigger-and-wait", "--branch", "main", "--parameter", "deploy=true", "--parameter", "env=prod")

    assert result.status == EXIT_OK
    pipeline = fake.state.pipeline(result.json["pipeline"]["id"])
    assert pipeline.project.slug == SLUG
    assert pipeline.parameters == {"deploy": True, "env": "prod"}
    assert "triggered pipeline" in result.err


def test_trigger_and_wait_failure(fake: FakeCircleCI, fake_time: FakeTime, cli: Any) -> None:
    fake.set_plan(SLUG, FAILING)

    result = cli("trigger-and-wait", "--project-slug", SLUG, "--interval", "3")

    assert result.status == EXIT_FAILED
    assert "failed: deploy failed" in result.err
    assert result.json["workflows"][0]["status"] == "failed"


def test_an_errored_pipeline_is_a_failure(fake: FakeCircleCI, fake_time: FakeTime, cli: Any) -> None:
    fake.set_plan(SLUG, [])  # a broken config

    result = cli("trigger-and-wait", "--project-slug", SLUG)

    assert result.status == EXIT_FAILED
    assert "errored" in result.err


def test_trigger_and_wait_needs_a_project(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("trigger-and-wait")

    assert result.status == EXIT_USAGE
    assert "no project: pass --project-slug gh/your-org/your-repo" in result.err


@pytest.mark.parametrize("bad", ["deploy", "=true"])
def test_a_parameter_needs_a_name_and_a_value(fake: FakeCircleCI, cli: Any, bad: str) -> None:
    result = cli("trigger-and-wait", "--project-slug", SLUG, "--parameter", bad)

    assert result.status == EXIT_USAGE
    assert "expected NAME=VALUE" in result.err


def test_build_singleton_in_a_job(fake: FakeCircleCI, fake_time: FakeTime, cli: Any, in_job: None) -> None:
    fake.add_running_build(SLUG, duration=10)

    result = cli("build-singleton", "--interval", "4")

    assert result.status == EXIT_OK
    assert result.out == ""
    assert "no running builds found, beginning execution." in result.err
    assert fake_time.sleeps  # it waited for the running build


def test_build_singleton_needs_a_project(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("build-singleton", "--org", "acme")

    assert result.status == EXIT_USAGE
    assert "pass --org and --repo" in result.err


def test_pipeline_singleton(fake: FakeCircleCI, fake_time: FakeTime, cli: Any, in_job: None) -> None:
    fake.trigger_pipeline(SLUG)
    fake.advance(fake.state.setup_delay)

    result = cli("pipeline-singleton", "--interval", "2", "--timeout", "60")

    assert result.status == EXIT_OK
    assert "no earlier pipeline of gh/acme/widget is running" in result.err


def test_download_artifacts(
    fake: FakeCircleCI, cli: Any, in_job: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = next(job for job in fake.state.builds(fake.project(SLUG)) if job.artifacts)
    monkeypatch.setenv("CIRCLE_BUILD_NUM", str(job.number))

    result = cli("download-artifacts", "--dest", str(tmp_path), "--pattern", "*.xml")

    assert result.status == EXIT_OK
    assert result.json == [str(tmp_path / "reports" / "junit.xml")]
    assert (tmp_path / "reports" / "junit.xml").read_bytes().startswith(b"<testsuite")


def test_download_artifacts_needs_a_job(fake: FakeCircleCI, cli: Any, in_job: None) -> None:
    result = cli("download-artifacts")

    assert result.status == EXIT_USAGE
    assert "no job number: pass --job-number" in result.err


def test_a_failed_download_lists_what_was_written(fake: FakeCircleCI, cli: Any, tmp_path: Path) -> None:
    job = next(job for job in fake.state.builds(fake.project(SLUG)) if len(job.artifacts) > 1)
    fake.fail("storage", status=500, times=None)

    result = cli("download-artifacts", "--project-slug", SLUG, "--job-number", str(job.number), "--dest", str(tmp_path))

    assert result.status == EXIT_ERROR
    assert result.json == []
    assert "artifacts failed" in result.err and "the other files were written" in result.err


def test_download_pipeline_artifacts(fake: FakeCircleCI, cli: Any, tmp_path: Path) -> None:
    pipeline = fake.trigger_pipeline(SLUG, plan=WITH_APPROVAL)
    fake.advance(60)

    result = cli("download-pipeline-artifacts", pipeline.id, "--dest", str(tmp_path), "--workers", "2")

    assert result.status == EXIT_OK
    assert result.json == [
        str(tmp_path / "build" / "dist" / "app.tar.gz"),
        str(tmp_path / "test" / "reports" / "junit.xml"),
    ]
    assert (tmp_path / "build" / "dist" / "app.tar.gz").read_bytes() == b"app"
    assert "downloading 2 artifacts" in result.err and "with 2 workers" in result.err


def test_download_pipeline_artifacts_flat_with_a_pattern(fake: FakeCircleCI, cli: Any, tmp_path: Path) -> None:
    pipeline = fake.trigger_pipeline(SLUG, plan=WITH_APPROVAL)
    fake.advance(60)

    result = cli("download-pipeline-artifacts", pipeline.id, "--dest", str(tmp_path), "--flat", "--pattern", "*.xml")

    assert result.status == EXIT_OK
    assert result.json == [str(tmp_path / "reports" / "junit.xml")]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["reports"]


def test_download_pipeline_artifacts_flat_refuses_collisions(fake: FakeCircleCI, cli: Any, tmp_path: Path) -> None:
    same = [
        WorkflowPlan("a", [JobPlan("one", duration=2, artifacts={"out.txt": b"1"})]),
        WorkflowPlan("b", [JobPlan("two", duration=2, artifacts={"out.txt": b"2"})]),
    ]
    pipeline = fake.trigger_pipeline(SLUG, plan=same)
    fake.advance(60)

    result = cli("download-pipeline-artifacts", pipeline.id, "--dest", str(tmp_path), "--flat")

    assert result.status == EXIT_USAGE
    assert "flat=True would write several artifacts to the same file: out.txt" in result.err
    assert list(tmp_path.iterdir()) == []


def test_download_pipeline_artifacts_goes_on_after_a_failure(
    fake: FakeCircleCI, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline = fake.trigger_pipeline(SLUG, plan=WITH_APPROVAL)
    fake.advance(60)
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", pipeline.id)
    fake.fail("storage", status=500, times=1)

    result = cli("download-pipeline-artifacts", "--dest", str(tmp_path), "--workers", "1")

    assert result.status == EXIT_ERROR
    assert len(result.json) == 1 and os.path.isfile(result.json[0])
    assert "1 of 2 artifacts failed: build/dist/app.tar.gz" in result.err


@pytest.mark.parametrize(("choice", "status"), [("return", EXIT_OK), ("fail", EXIT_FAILED), ("wait", EXIT_TIMEOUT)])
def test_on_hold_is_a_choice(fake: FakeCircleCI, fake_time: FakeTime, cli: Any, choice: str, status: int) -> None:
    fake.set_plan(SLUG, WITH_APPROVAL)

    result = cli("trigger-and-wait", "--project-slug", SLUG, "--on-hold", choice, "--interval", "5", "--timeout", "120")

    assert result.status == status, result.err
    if choice == "return":
        assert [wf["name"] for wf in result.json["on_hold"]] == ["hold"]
    elif choice == "fail":
        assert "hold" in result.err
    else:
        assert "gave up after 120 seconds" in result.err


def test_wait_pipeline_takes_on_hold_too(fake: FakeCircleCI, fake_time: FakeTime, cli: Any) -> None:
    pipeline = fake.trigger_pipeline(SLUG, plan=WITH_APPROVAL)

    result = cli("wait-pipeline", pipeline.id, "--on-hold", "fail", "--interval", "5")

    assert result.status == EXIT_FAILED
    assert "hold" in result.err
