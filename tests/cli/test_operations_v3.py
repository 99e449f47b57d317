"""Generated API v3 commands (``circleci-py v3 ...``) against FakeCircleCI: JSON, job output bytes, streams."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from circleci.cli import EXIT_OK, operations, print_json
from circleci.testing import FakeCircleCI
from circleci.v3 import ApiV3

from .conftest import SLUG


def _failed_job_id(fake: FakeCircleCI) -> str:
    return next(job.id for job in fake.state.jobs.values() if job.status == "failed")


def test_every_v3_endpoint_method_is_a_command() -> None:
    entry = next(entry for entry in operations.CLIENTS if entry.name == "v3")
    names = {name for name, _ in operations.methods(entry)}
    assert names == {name for name in dir(ApiV3) if hasattr(getattr(ApiV3, name), "endpoint")}
    assert not names & {"iterate", "request", "project_id", "org_id"}


def test_a_v3_command_prints_json(fake: FakeCircleCI, cli: Any) -> None:
    project = fake.project(SLUG)

    result = cli("v3", "list-runs", "--filter-project-id", project.id, "--all", "--max-items", "2")

    assert result.status == EXIT_OK, result.err
    runs = result.json
    assert len(runs) == 2 and all(run["references"]["project"]["id"] == project.id for run in runs)


def test_job_output_is_written_as_the_bytes_the_job_printed(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("v3", "get-job-stderr", _failed_job_id(fake), "--filter-step-num", "102")

    assert result.status == EXIT_OK, result.err
    assert "Exited with code exit status 1" in result.out


def test_a_stream_of_results_is_printed_as_a_list(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("v3", "get-job-tests", _failed_job_id(fake))

    assert result.status == EXIT_OK, result.err
    assert isinstance(result.json, list)


def test_print_json_writes_bytes_raw(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", out)

    print_json(b"\x1b[32mok\x1b[0m\n")
    print_json(iter([{"a": 1}]))

    out.flush()
    written = out.buffer.getvalue()  # type: ignore[attr-defined]
    assert written.startswith(b"\x1b[32mok\x1b[0m\n")
    assert written.endswith(b'[\n  {\n    "a": 1\n  }\n]\n')
