"""``demo/sdk/build_singleton.py``, run against ``responses``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

import pytest
import responses
from responses import matchers

from demo.sdk import build_singleton
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://ci.example.test/api/v1.1"
NONE_LEFT = "no running builds found, beginning execution."


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mocked:
        yield mocked


@pytest.fixture
def in_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """The variables a CircleCI job would have, pointing at the mocked API."""
    monkeypatch.setenv("CIRCLE_TOKEN", "job-token")
    monkeypatch.setenv("CIRCLE_PROJECT_USERNAME", "env-org")
    monkeypatch.setenv("CIRCLE_PROJECT_REPONAME", "env-repo")
    monkeypatch.setenv("CIRCLE_BUILD_URL", "https://circleci.com/gh/env-org/env-repo/7")
    monkeypatch.setenv("CIRCLECI_API_URL", BASE)


def expect_running(
    rsps: responses.RequestsMock,
    path: str,
    build_nums: tuple[int, ...] = (),
    base: str = BASE,
    token: str = "job-token",
) -> None:
    """Expect one request for the running builds of ``path`` (``vcs/org/repo``)."""
    org_repo = "/".join(path.split("/")[1:])
    rsps.get(
        f"{base}/project/{path}",
        json=[{"build_url": f"https://circleci.com/gh/{org_repo}/{n}"} for n in build_nums],
        match=[
            matchers.query_param_matcher({"limit": "100", "offset": "0", "filter": "running"}, strict_match=True),
            matchers.header_matcher({"Circle-Token": token}),
        ],
    )


def test_without_token_says_what_to_set(rsps: responses.RequestsMock, capsys: pytest.CaptureFixture[str]) -> None:
    status = build_singleton.main([])

    err = capsys.readouterr().err
    assert status != 0
    assert "CIRCLE_TOKEN" in err
    assert "export CIRCLE_TOKEN=" in err
    assert not rsps.calls


def test_empty_token_counts_as_missing(
    rsps: responses.RequestsMock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", "")

    assert build_singleton.main(["--org", "o", "--repo", "r"]) == 2
    assert "CIRCLE_TOKEN is not set" in capsys.readouterr().err


@pytest.mark.usefixtures("in_job")
def test_in_a_job_uses_the_job_environment(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    expect_running(rsps, "github/env-org/env-repo", (7, 6))
    expect_running(rsps, "github/env-org/env-repo", (7,))

    assert build_singleton.main([]) == 0

    out = capsys.readouterr().out.splitlines()
    assert out == [
        "found running builds, sleeping for 15 seconds.",
        "['https://circleci.com/gh/env-org/env-repo/6']",
        NONE_LEFT,
    ]
    assert clock.sleeps == [15]


@pytest.mark.usefixtures("in_job")
def test_options_override_the_environment(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    other = "http://127.0.0.1:9/api/v1.1"
    expect_running(rsps, "bitbucket/cli-org/cli-repo", (3,), base=other)
    expect_running(rsps, "bitbucket/cli-org/cli-repo", base=other)

    argv = ["--org", "cli-org", "--repo", "cli-repo", "--vcs-type", "bitbucket", "--interval", "0.5", "--url", other]
    assert build_singleton.main(argv) == 0

    assert capsys.readouterr().out.splitlines()[0] == "found running builds, sleeping for 0.5 seconds."
    assert clock.sleeps == [0.5]


@pytest.mark.parametrize("unset_or_empty", [None, ""])
def test_falls_back_to_the_constants(
    rsps: responses.RequestsMock,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    unset_or_empty: Optional[str],
) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", "job-token")
    if unset_or_empty is not None:
        monkeypatch.setenv("CIRCLE_PROJECT_USERNAME", unset_or_empty)
        monkeypatch.setenv("CIRCLE_PROJECT_REPONAME", unset_or_empty)
    expect_running(rsps, f"github/{build_singleton.ORG}/{build_singleton.REPO}")

    assert build_singleton.main(["--url", BASE]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == NONE_LEFT


def test_default_url_is_circleci(monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_singleton.parse_args([]).url == "https://circleci.com/api/v1.1"
    monkeypatch.setenv("CIRCLECI_API_URL", BASE)
    assert build_singleton.parse_args([]).url == BASE


@pytest.mark.usefixtures("in_job")
def test_timeout_exits_non_zero(
    rsps: responses.RequestsMock, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    expect_running(rsps, "github/env-org/env-repo", (5,))
    expect_running(rsps, "github/env-org/env-repo", (5,))

    assert build_singleton.main(["--interval", "1", "--timeout", "1"]) == 1

    err = capsys.readouterr().err
    assert "build_singleton failed" in err
    assert "still running" in err
    assert "job-token" not in err


@pytest.mark.usefixtures("in_job")
def test_api_error_exits_non_zero_without_the_token(
    rsps: responses.RequestsMock, capsys: pytest.CaptureFixture[str]
) -> None:
    rsps.get(f"{BASE}/project/github/env-org/env-repo", status=401, json={"message": "Invalid token provided."})

    assert build_singleton.main([]) == 1

    err = capsys.readouterr().err
    assert "Invalid token provided." in err
    assert "job-token" not in err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_singleton.main(["--help"])

    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m demo.sdk.build_singleton")
    for option in ("--org", "--repo", "--vcs-type", "--interval", "--timeout", "--url"):
        assert option in out


def test_runs_as_a_module() -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE")}
    result = subprocess.run(
        [sys.executable, "-m", "demo.sdk.build_singleton", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr
    assert "Wait until no other build of the project is running." in result.stdout
