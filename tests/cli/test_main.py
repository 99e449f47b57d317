"""The command line as a whole: help, exit statuses, error messages, ``python -m circleci``."""

from __future__ import annotations

import argparse
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from circleci import cli as cli_module
from circleci.cli import (
    EXIT_ERROR,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    Failed,
    UsageError,
    explain,
    helpers,
)
from circleci.error import (
    ArtifactDownloadError,
    BadKeyError,
    CircleCIConnectionError,
    ClientError,
    Forbidden,
    InvalidArgumentError,
    PipelineError,
    PipelineFailed,
    RateLimited,
    ServerError,
    WaitTimeout,
)
from circleci.version import VERSION

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_commands_exit_statuses_and_variables(cli: Any) -> None:
    result = cli("--help")

    assert result.status == EXIT_OK
    for word in ("trigger-and-wait", "download-pipeline-artifacts", "v1", "v2", "CIRCLE_TOKEN", "CIRCLECI_API_URL"):
        assert word in result.out
    for status in ("0    success", "1    the pipeline waited for failed", "2    usage error", "3    a wait timed out"):
        assert status in result.out


def test_version(cli: Any) -> None:
    result = cli("--version")

    assert (result.status, result.out.strip()) == (EXIT_OK, f"circleci-py {VERSION}")


def test_a_command_is_required(cli: Any) -> None:
    result = cli()

    assert result.status == EXIT_USAGE
    assert "COMMAND" in result.err


def test_an_unknown_operation_is_a_usage_error(cli: Any) -> None:
    result = cli("v2", "get-everything")

    assert result.status == EXIT_USAGE
    assert "invalid choice: 'get-everything'" in result.err


def http(cls: type[ClientError], status: int, **extra: Any) -> ClientError:
    return cls("Nope", status_code=status, method="GET", url="https://ci.example.test/api/v2/x", **extra)


@pytest.mark.parametrize(
    ("exc", "status", "says"),
    [
        (Failed("pipeline 3 failed: deploy failed", {}), EXIT_FAILED, "pipeline 3 failed"),
        (PipelineFailed("pipeline 3 failed"), EXIT_FAILED, "pipeline 3 failed"),
        (PipelineError("pipeline 3 errored: bad config"), EXIT_FAILED, "bad config"),
        (WaitTimeout("still running; gave up after 9 seconds"), EXIT_TIMEOUT, "raise --timeout"),
        (UsageError("no project"), EXIT_USAGE, "no project"),
        (InvalidArgumentError(-1, "workers must be positive"), EXIT_USAGE, "workers must be positive"),
        (
            http(Forbidden, 403),
            EXIT_ERROR,
            "403 Nope (GET https://ci.example.test/api/v2/x): your token is not allowed",
        ),
        (http(RateLimited, 429, retry_after=30), EXIT_ERROR, "try again after 30 seconds"),
        (http(RateLimited, 429), EXIT_ERROR, "try again later"),
        (http(ServerError, 503), EXIT_ERROR, "CircleCI failed to answer: try again later"),  # type: ignore[arg-type]
        (http(ClientError, 400), EXIT_ERROR, "check the arguments"),
        (CircleCIConnectionError("connection refused"), EXIT_ERROR, "check the URL (--url or CIRCLECI_API_URL)"),
        (ArtifactDownloadError("1 of 2 failed", failed={}, downloaded=[]), EXIT_ERROR, "the other files were written"),
        (BadKeyError("x"), EXIT_ERROR, "x is invalid"),
        (requests.ConnectionError(), EXIT_ERROR, "ConnectionError"),
    ],
)
def test_each_failure_has_its_status_and_advice(exc: BaseException, status: int, says: str) -> None:
    got_status, message = explain(exc)

    assert got_status == status
    assert says in message


def test_ctrl_c_exits_130(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(sdk: object, args: object) -> None:
        raise KeyboardInterrupt

    helper = helpers.HELPERS[0]
    replaced = helpers.Helper(helper.name, helper.help, helper.arguments, interrupted)
    monkeypatch.setattr(helpers, "HELPERS", [replaced, *helpers.HELPERS[1:]])

    result = cli(helper.name, "some-pipeline")

    assert result.status == EXIT_INTERRUPTED
    assert "interrupted" in result.err


def test_system_exit_codes() -> None:
    assert cli_module._exit_code(None) == EXIT_OK
    assert cli_module._exit_code(2) == EXIT_USAGE
    assert cli_module._exit_code("message") == EXIT_USAGE


def test_python_dash_m_circleci() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "circleci", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert finished.returncode == 0
    assert finished.stdout.startswith("usage: python -m circleci")


def test_a_session_makes_one_client_and_closes_it_if_made() -> None:
    unused = cli_module.Session(argparse.Namespace(url="https://ci.example.test", quiet=True))
    unused.close()
    assert unused._api is None

    session = cli_module.Session(argparse.Namespace())
    assert session.api is session.api
    assert session.api.url == "https://circleci.com/api/v1.1"
    session.close()


def test_the_main_module_runs_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["python -m circleci", "--version"])
    # The package ships a pytest plugin, so pytest's assertion rewriter claims its modules and
    # cannot hand runpy their code: run the module as `python -m` does, without that finder.
    finders = [finder for finder in sys.meta_path if type(finder).__name__ != "AssertionRewritingHook"]
    monkeypatch.setattr(sys, "meta_path", finders)
    monkeypatch.delitem(sys.modules, "circleci.__main__", raising=False)

    with pytest.raises(SystemExit) as exited:
        runpy.run_module("circleci", run_name="__main__")

    assert exited.value.code == EXIT_OK
    assert capsys.readouterr().out.strip() == f"python -m circleci {VERSION}"
