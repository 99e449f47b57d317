"""The helper commands of issue 15's SDK helpers, end to end against FakeCircleCI, with their exit statuses."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from circleci.cli import EXIT_ERROR, EXIT_FAILED, EXIT_OK, EXIT_TIMEOUT, EXIT_USAGE, helpers
from circleci.testing import FakeCircleCI, JobPlan, StepPlan, WorkflowPlan

from .conftest import SLUG, FakeTime

STEPS = [
    StepPlan("Checkout code", output="cloned\n"),
    StepPlan("Run tests", output="9 passed, 1 failed\n", error_output="AssertionError\n", failed=True),
]
LONG = [WorkflowPlan("test", [JobPlan("unit", duration=600)])]


# -- latest-job ----------------------------------------------------------------


def test_latest_job(fake: FakeCircleCI, cli: Any, in_job: None) -> None:
    result = cli("latest-job", "test", "--branch", "main")

    assert result.status == EXIT_OK
    assert result.json["number"] == 6 and result.json["job"]["name"] == "test"
    assert result.json["job"]["status"] == "success"
    assert result.json["pipeline"]["project_slug"] == SLUG and result.json["workflow"]["name"]
    assert "latest success test job of gh/acme/widget: number 6" in result.err


def test_latest_job_of_any_status(fake: FakeCircleCI, cli: Any) -> None:
    fake.trigger_pipeline(SLUG, plan=[WorkflowPlan("ci", [JobPlan("test", duration=2, outcome="failed")])])
    fake.advance(60)

    failed = cli("latest-job", "test", "--project-slug", SLUG, "--status", "failed", "-q")
    newest = cli("latest-job", "test", "--project-slug", SLUG, "--status", "any", "-q")

    assert failed.status == newest.status == EXIT_OK
    assert failed.json["number"] == newest.json["number"] > 6
    assert failed.err == ""


def test_latest_job_that_finds_nothing_exits_1(fake: FakeCircleCI, cli: Any, in_job: None) -> None:
    result = cli("latest-job", "docs", "--branch", "main")

    assert result.status == EXIT_FAILED
    assert result.out == ""
    assert "circleci-py: no success docs job found in the pipelines of gh/acme/widget on main" in result.err

    anything = cli("latest-job", "docs", "--status", "any", "-q")
    assert anything.status == EXIT_FAILED
    assert anything.err.strip() == "circleci-py: no docs job found in the pipelines of gh/acme/widget"


def test_latest_job_needs_a_project(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("latest-job", "test")

    assert result.status == EXIT_USAGE
    assert "no project" in result.err


def test_latest_job_of_an_unknown_project_is_an_api_error(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("latest-job", "test", "--project-slug", "gh/acme/nothing")

    assert result.status == EXIT_ERROR
    assert "404" in result.err and "check the names" in result.err


# -- find-pipeline -------------------------------------------------------------


def test_find_pipeline_of_the_job_commit(
    fake: FakeCircleCI, fake_time: FakeTime, cli: Any, in_job: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline = fake.trigger_pipeline(SLUG, branch="feature")
    monkeypatch.setenv("CIRCLE_SHA1", pipeline.revision)

    result = cli("find-pipeline")
    short = cli("find-pipeline", "--revision", pipeline.revision[:7].upper(), "--branch", "feature", "-q")

    assert result.status == short.status == EXIT_OK
    assert result.json["id"] == short.json["id"] == pipeline.id
    assert f"found pipeline {pipeline.number}" in result.err


def test_find_pipeline_times_out(fake: FakeCircleCI, fake_time: FakeTime, cli: Any, in_job: None) -> None:
    result = cli("find-pipeline", "--revision", "deadbeef", "--interval", "5", "--timeout", "20")

    assert result.status == EXIT_TIMEOUT
    assert result.out == ""
    assert "no pipeline of gh/acme/widget for revision deadbeef yet; gave up after 20 seconds" in result.err
    assert sum(fake_time.sleeps) == 20


def test_find_pipeline_needs_a_commit(fake: FakeCircleCI, cli: Any, in_job: None) -> None:
    result = cli("find-pipeline")

    assert result.status == EXIT_USAGE
    assert "no commit: pass --revision SHA" in result.err


def test_find_pipeline_refuses_what_is_not_a_sha(fake: FakeCircleCI, cli: Any, in_job: None) -> None:
    result = cli("find-pipeline", "--revision", "main")

    assert result.status == EXIT_USAGE
    assert "revision must be a commit SHA" in result.err


# -- cancel-redundant-workflows --------------------------------------------------


@pytest.fixture
def running(fake: FakeCircleCI) -> list[Any]:
    """Three pipelines of main with a long workflow running."""
    fake.set_plan(SLUG, LONG)
    pipelines = [fake.trigger_pipeline(SLUG, branch="main") for _ in range(3)]
    fake.advance(10)
    return pipelines


@pytest.mark.fake_starts_now  # the SDK's lookback counts back from the real time
def test_cancel_redundant_workflows_in_a_job(
    fake: FakeCircleCI, cli: Any, in_job: None, running: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIRCLE_BRANCH", "main")
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", running[1].id)

    result = cli("cancel-redundant-workflows")

    assert result.status == EXIT_OK
    assert [workflow["pipeline_id"] for workflow in result.json] == [running[0].id]
    assert [wf.status for wf in running[0].workflows] == ["canceled"]
    assert [wf.status for wf in running[2].workflows] == ["running"]  # later than the job's own: kept
    assert "cancelled 1 redundant workflows of gh/acme/widget on main (kept pipeline" in result.err


@pytest.mark.fake_starts_now  # the SDK's lookback counts back from the real time
def test_cancel_redundant_workflows_keeps_the_one_given(fake: FakeCircleCI, cli: Any, running: list[Any]) -> None:
    result = cli("cancel-redundant-workflows", "--project-slug", SLUG, "--branch", "main", "--keep", running[0].id)

    assert result.status == EXIT_OK
    assert result.json == []
    assert all(wf.status == "running" for pipeline in running for wf in pipeline.workflows)


@pytest.mark.fake_starts_now  # the SDK's lookback counts back from the real time
def test_a_refused_cancel_exits_4_and_lists_the_others(fake: FakeCircleCI, cli: Any, running: list[Any]) -> None:
    fake.fail("cancelWorkflow", status=403, message="Permission denied", times=1)

    result = cli("cancel-redundant-workflows", "--project-slug", SLUG, "--branch", "main")

    assert result.status == EXIT_ERROR
    assert [workflow["pipeline_id"] for workflow in result.json] == [running[0].id]
    assert "1 workflows could not be cancelled" in result.err and "the others were cancelled" in result.err


def test_cancel_redundant_workflows_needs_a_branch(fake: FakeCircleCI, cli: Any, in_job: None) -> None:
    result = cli("cancel-redundant-workflows")

    assert result.status == EXIT_USAGE
    assert "no branch: pass --branch" in result.err


# -- failed-steps and job-log ------------------------------------------------------


@pytest.fixture
def failed_job(fake: FakeCircleCI) -> int:
    """A failed job of gh/acme/widget whose steps print; its number."""
    pipeline = fake.trigger_pipeline(
        SLUG, plan=[WorkflowPlan("ci", [JobPlan("test", duration=10, outcome="failed", steps=STEPS)])]
    )
    fake.advance(60)
    number = pipeline.workflows[0].jobs[0].number
    assert number is not None
    return number


def test_failed_steps_in_the_job(
    fake: FakeCircleCI, cli: Any, in_job: None, failed_job: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIRCLE_BUILD_NUM", str(failed_job))

    result = cli("failed-steps")

    assert result.status == EXIT_OK
    assert result.json == [
        {
            "name": "Run tests",
            "index": 0,
            "status": "failed",
            "exit_code": 1,
            "output": STEPS[1].output + "AssertionError\n",
        }
    ]
    assert "Run tests (failed)" in result.err


@pytest.mark.parametrize("v3", [True, False], ids=["v3", "output_url"])
def test_job_log_prints_text(fake: FakeCircleCI, cli: Any, failed_job: int, v3: bool) -> None:
    if not v3:
        fake.fail("get_job", status=404, message="Not Found", times=None)  # as on CircleCI server

    whole = cli("job-log", "--org", "acme", "--repo", "widget", "--job-number", str(failed_job), "-q")
    step = cli("job-log", "--org", "acme", "--repo", "widget", "--build-num", str(failed_job), "--step", "Run tests")

    assert whole.status == step.status == EXIT_OK
    assert whole.out == "cloned\n9 passed, 1 failed\nAssertionError\n"
    assert step.out == "9 passed, 1 failed\nAssertionError\n"


def test_job_log_of_an_unknown_step(fake: FakeCircleCI, cli: Any, in_job: None, failed_job: int) -> None:
    result = cli("job-log", "--job-number", str(failed_job), "--step", "Deploy")

    assert result.status == EXIT_USAGE
    assert "has no step of that name; its steps: ['Checkout code', 'Run tests']" in result.err


def test_a_log_the_storage_host_refuses_exits_4(fake: FakeCircleCI, cli: Any, in_job: None, failed_job: int) -> None:
    fake.fail("get_job", status=404, message="Not Found", times=1)
    fake.fail("storage", status=403, message="Request has expired", times=1)

    result = cli("failed-steps", "--job-number", str(failed_job))

    assert result.status == EXIT_ERROR
    assert "403" in result.err


@pytest.mark.parametrize("command", ["failed-steps", "job-log"])
def test_log_commands_need_a_project_and_a_job(fake: FakeCircleCI, cli: Any, command: str) -> None:
    no_project = cli(command, "--job-number", "1")
    no_job = cli(command, "--org", "acme", "--repo", "widget")

    assert no_project.status == no_job.status == EXIT_USAGE
    assert "pass --org and --repo" in no_project.err
    assert "no job number: pass --job-number" in no_job.err


# -- sync-context and sync-project-env ------------------------------------------------


def context_values(fake: FakeCircleCI, name: str) -> dict[str, str]:
    context = next(c for c in fake.state.contexts.values() if c.name == name)
    return {key: value[0] for key, value in context.variables.items()}


def test_sync_context_from_the_environment(
    fake: FakeCircleCI, cli: Any, in_job: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYPI_TOKEN", "pypi-s3cret")
    monkeypatch.setenv("REGION", "eu-1")

    result = cli("sync-context", "release-keys", "--env", "PYPI_TOKEN", "--env", "REGION")

    assert result.status == EXIT_OK
    assert result.json == {"created": ["PYPI_TOKEN", "REGION"], "updated": [], "deleted": []}
    assert context_values(fake, "release-keys") == {"PYPI_TOKEN": "pypi-s3cret", "REGION": "eu-1"}
    assert "s3cret" not in result.out + result.err and "eu-1" not in result.out + result.err
    assert "created context release-keys of gh/acme." in result.err


def test_sync_context_from_a_file_deletes_the_rest(
    fake: FakeCircleCI, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLD", "x")
    assert cli("sync-context", "deploy", "--owner", "gh/acme", "--env", "OLD").status == EXIT_OK
    values = tmp_path / "deploy.env"
    values.write_text("# deploy settings\n\nTOKEN=a=b c \nREGION=eu-1\n", encoding="utf-8")

    result = cli("sync-context", "deploy", "--owner", "gh/acme", "--from-file", str(values), "--delete-missing")

    assert result.status == EXIT_OK
    assert result.json == {"created": ["REGION", "TOKEN"], "updated": [], "deleted": ["OLD"]}
    assert context_values(fake, "deploy") == {"TOKEN": "a=b c ", "REGION": "eu-1"}


def test_sync_project_env_from_standard_input(
    fake: FakeCircleCI, cli: Any, in_job: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEPLOY_KEY", "k3y")
    monkeypatch.setattr("sys.stdin", io.StringIO("REGION=eu-1\n"))

    result = cli("sync-project-env", "--from-file", "-", "--env", "DEPLOY_KEY")
    again = cli("sync-project-env", "--from-file", "-", "--env", "DEPLOY_KEY", "--delete-missing", "-q")

    assert result.status == EXIT_OK
    assert result.json == {"created": ["DEPLOY_KEY", "REGION"], "updated": [], "deleted": []}
    assert again.status == EXIT_OK  # standard input is empty now: only DEPLOY_KEY
    # the seeded project's own variables go too
    assert again.json == {"created": [], "updated": ["DEPLOY_KEY"], "deleted": ["API_URL", "DEPLOY_TOKEN", "REGION"]}
    assert {name: var.value for name, var in fake.project(SLUG).env_vars.items()} == {"DEPLOY_KEY": "k3y"}
    assert "k3y" not in result.out + result.err + again.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--env", "TOKEN=s3cret"], "expected a variable name: --env NAME reads the value"),
        (["--env", "UNSET_VARIABLE"], "--env UNSET_VARIABLE: the environment variable UNSET_VARIABLE is not set"),
        ([], "no variables: pass --env NAME"),
        (["--from-file", "missing.env"], "cannot read missing.env: No such file or directory"),
    ],
)
def test_sync_refuses_bad_variables_without_showing_values(
    fake: FakeCircleCI,
    cli: Any,
    in_job: None,
    argv: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(fake.project(SLUG).env_vars)
    result = cli("sync-project-env", *argv)

    assert result.status == EXIT_USAGE
    assert message in result.err
    assert "s3cret" not in result.err
    assert set(fake.project(SLUG).env_vars) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("TOKEN s3cret\n", "line 1: expected NAME=VALUE"),
        ("# c\n1BAD=s3cret\n", "line 2: expected NAME=VALUE"),
        ("A=1\nA=s3cret\n", "line 2: A is given twice"),
        ("A=\nB=s3cret\n", "CircleCI refuses empty values: A"),
    ],
)
def test_a_bad_file_is_refused_by_line(
    fake: FakeCircleCI, cli: Any, in_job: None, tmp_path: Path, text: str, message: str
) -> None:
    values = tmp_path / "vars.env"
    values.write_text(text, encoding="utf-8")

    result = cli("sync-project-env", "--from-file", str(values))

    assert result.status == EXIT_USAGE
    assert message in result.err and "s3cret" not in result.err


def test_a_file_that_is_not_text_is_refused(fake: FakeCircleCI, cli: Any, in_job: None, tmp_path: Path) -> None:
    values = tmp_path / "vars.env"
    values.write_bytes(b"A=\xffs3cret\n")

    result = cli("sync-project-env", "--from-file", str(values))

    assert result.status == EXIT_USAGE
    assert result.err.strip().endswith("it is not UTF-8 text") and "s3cret" not in result.err


def test_a_name_in_the_file_and_the_environment_is_refused(
    fake: FakeCircleCI, cli: Any, in_job: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = tmp_path / "vars.env"
    values.write_text("A=1\n", encoding="utf-8")
    monkeypatch.setenv("A", "2")

    result = cli("sync-project-env", "--from-file", str(values), "--env", "A")

    assert result.status == EXIT_USAGE
    assert "A is given twice" in result.err


def test_sync_context_needs_an_owner(fake: FakeCircleCI, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A", "1")

    result = cli("sync-context", "deploy", "--env", "A")

    assert result.status == EXIT_USAGE
    assert "no organization: pass --owner gh/your-org" in result.err


def test_every_sdk_helper_has_a_command() -> None:
    names = [helper.name for helper in helpers.HELPERS]
    for command in (
        "latest-job",
        "find-pipeline",
        "cancel-redundant-workflows",
        "failed-steps",
        "job-log",
        "sync-context",
        "sync-project-env",
        "download-pipeline-artifacts",
    ):
        assert command in names
