"""The SDK demos, run through their main() against a fake CircleCI."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from demo.sdk import download_artifacts, pipeline_singleton, trigger_and_wait
from tests.conftest import FakeClock

from .fake import API, FakeCircleCI

DEMOS = [pipeline_singleton, trigger_and_wait, download_artifacts]


@pytest.fixture
def job_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The variables CircleCI sets in a job, pointed at the fake server."""
    monkeypatch.setenv("CIRCLE_TOKEN", "secret-token")
    monkeypatch.setenv("CIRCLECI_API_URL", API)
    monkeypatch.setenv("CIRCLE_PROJECT_USERNAME", "org")
    monkeypatch.setenv("CIRCLE_PROJECT_REPONAME", "repo")


@pytest.mark.parametrize("demo", DEMOS, ids=lambda demo: demo.__name__)
def test_help_describes_the_options(demo: object, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        demo.main(["--help"])  # type: ignore[attr-defined]

    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert f"python -m {demo.__name__}" in out  # type: ignore[attr-defined]
    assert "--project-slug" in out and "--url" in out


@pytest.mark.parametrize("demo", DEMOS, ids=lambda demo: demo.__name__)
def test_a_missing_token_is_explained(
    demo: object, fake: FakeCircleCI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIRCLE_BUILD_NUM", "7")

    assert demo.main([]) == 2  # type: ignore[attr-defined]

    assert "CIRCLE_TOKEN is not set" in capsys.readouterr().err
    assert fake.calls == []


def test_project_slug_defaults_to_placeholders_outside_a_job() -> None:
    assert pipeline_singleton.parse_args([]).project_slug == "gh/your-org/your-repo"
    assert download_artifacts.parse_args([]).url == "https://circleci.com/api/v1.1"


@pytest.mark.usefixtures("job_environment")
def test_pipeline_singleton_waits_for_the_earlier_pipeline(
    fake: FakeCircleCI, clock: FakeClock, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO, "circleci.sdk")
    earlier = fake.add_pipeline(branch="main")
    build = fake.add_workflow(earlier, "build", "running")
    current = fake.add_pipeline(branch="main")
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", current["id"])
    clock.script = [lambda: build.update(status="success")]

    assert pipeline_singleton.main(["--branch", "main", "--interval", "10"]) == 0

    assert clock.sleeps == [10]
    # progress goes through the circleci.sdk logger (to standard error when logging is not configured)
    progress = [record.getMessage() for record in caplog.records if record.name == "circleci.sdk"]
    assert "build (pipeline 1) running; checking again in 10 seconds." in progress[0]
    assert progress[-1] == "no earlier pipeline of gh/org/repo is running, beginning execution."
    assert "GET /api/v2/project/gh/org/repo/pipeline?branch=main" in fake.calls


@pytest.mark.usefixtures("job_environment")
def test_pipeline_singleton_reports_a_timeout(
    fake: FakeCircleCI, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.add_workflow(fake.add_pipeline(), "build", "running")

    assert pipeline_singleton.main(["--project-slug", "gh/org/repo", "--timeout", "20"]) == 1

    assert clock.sleeps == [15, 5]
    assert (
        "pipeline_singleton failed: waiting for earlier pipelines of gh/org/repo to finish" in capsys.readouterr().err
    )


@pytest.mark.usefixtures("job_environment")
def test_trigger_and_wait_prints_the_workflows(
    fake: FakeCircleCI, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    def start() -> None:
        fake.add_workflow(fake.pipelines[-1], "build", "success")
        fake.add_workflow(fake.pipelines[-1], "release", "on_hold")

    clock.script = [start]

    status = trigger_and_wait.main(["--branch", "dev", "--parameter", "deploy=true", "--parameter", "target=eu-1"])

    assert status == 0
    assert fake.on_trigger == [{"branch": "dev", "parameters": {"deploy": True, "target": "eu-1"}}]
    out = capsys.readouterr().out
    assert "build: success\nrelease: on_hold\nrelease is waiting for an approval in the CircleCI app.\n" in out


@pytest.mark.usefixtures("job_environment")
def test_trigger_and_wait_exits_1_when_a_workflow_failed(
    fake: FakeCircleCI, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    clock.script = [lambda: fake.add_workflow(fake.pipelines[-1], "test", "failed")]

    assert trigger_and_wait.main(["--tag", "v2.0"]) == 1

    assert "trigger_and_wait: pipeline 1 of gh/org/repo failed: test (failed)" in capsys.readouterr().err
    assert fake.on_trigger == [{"tag": "v2.0"}]


@pytest.mark.usefixtures("job_environment")
def test_trigger_and_wait_exits_1_on_timeout(
    fake: FakeCircleCI, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    assert trigger_and_wait.main(["--timeout", "0"]) == 1

    assert "trigger_and_wait failed: pipeline 1 (" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["deploy", "=true"])
def test_trigger_and_wait_refuses_a_malformed_parameter(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        trigger_and_wait.main(["--parameter", bad])

    assert caught.value.code == 2
    assert "expected NAME=VALUE" in capsys.readouterr().err


@pytest.mark.usefixtures("job_environment")
def test_download_artifacts_writes_the_job_artifacts(
    fake: FakeCircleCI, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIRCLE_BUILD_NUM", "42")
    fake.add_artifact(42, "reports/junit.xml", b"<xml/>")
    fake.add_artifact(42, "coverage/index.html", b"<html/>")

    assert download_artifacts.main(["--dest", str(tmp_path), "--pattern", "*.xml"]) == 0

    assert capsys.readouterr().out.splitlines()[-1] == str(tmp_path / "reports/junit.xml")
    assert (tmp_path / "reports/junit.xml").read_bytes() == b"<xml/>"
    assert not (tmp_path / "coverage").exists()


@pytest.mark.usefixtures("job_environment")
def test_download_artifacts_needs_a_job_number(fake: FakeCircleCI, capsys: pytest.CaptureFixture[str]) -> None:
    assert download_artifacts.main([]) == 2

    assert "No job number" in capsys.readouterr().err


@pytest.mark.usefixtures("job_environment")
def test_download_artifacts_exits_1_naming_the_failed_file(
    fake: FakeCircleCI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.add_artifact(5, "ok.txt", b"ok")
    fake.add_artifact(5, "gone.txt", 404)

    assert download_artifacts.main(["--job-number", "5", "--dest", str(tmp_path)]) == 1

    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == str(tmp_path / "ok.txt")
    assert "download_artifacts: 1 of 2 artifacts failed: gone.txt: " in captured.err


@pytest.mark.usefixtures("job_environment")
def test_download_artifacts_exits_1_on_a_bad_option(fake: FakeCircleCI, capsys: pytest.CaptureFixture[str]) -> None:
    assert download_artifacts.main(["--job-number", "5", "--workers", "0"]) == 1

    assert "download_artifacts failed: 0 is invalid. workers must be a positive integer" in capsys.readouterr().err


@pytest.mark.parametrize("demo", DEMOS, ids=lambda demo: demo.__name__)
def test_a_bitbucket_job_gets_a_bb_slug(demo: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_PROJECT_USERNAME", "org")
    monkeypatch.setenv("CIRCLE_PROJECT_REPONAME", "repo")
    monkeypatch.setenv("CIRCLE_REPOSITORY_URL", "git@bitbucket.org:org/repo.git")
    assert demo.parse_args([]).project_slug == "bb/org/repo"  # type: ignore[attr-defined]
    monkeypatch.setenv("CIRCLE_REPOSITORY_URL", "git@github.com:org/repo.git")
    assert demo.parse_args([]).project_slug == "gh/org/repo"  # type: ignore[attr-defined]


@pytest.mark.usefixtures("job_environment")
def test_pipeline_singleton_lookback_reaches_an_older_running_pipeline(
    fake: FakeCircleCI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = fake.add_workflow(fake.add_pipeline(age=timedelta(days=2)), "deploy", "running")
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", fake.add_pipeline()["id"])
    clock.script = [lambda: build.update(status="success")]

    assert pipeline_singleton.main(["--lookback", str(3 * 86400)]) == 0

    assert clock.sleeps == [15]
