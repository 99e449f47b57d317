"""Every example of docs/common_tasks.rst runs against FakeCircleCI: the Python blocks and the command lines."""

from __future__ import annotations

import os
import re
import shlex
import textwrap
from pathlib import Path
from typing import Any

import pytest

from circleci.cli import EXIT_OK, main
from circleci.testing import FakeCircleCI

from .conftest import SLUG, FakeTime

DOC = Path(__file__).resolve().parents[2] / "docs" / "common_tasks.rst"


def blocks(language: str) -> list[str]:
    """The page's ``.. code-block:: <language>`` blocks, dedented."""
    text = DOC.read_text(encoding="utf-8")
    pattern = rf"\.\. code-block:: {language}\n\n((?:(?: {{4}}.*)?\n)+)"
    return [textwrap.dedent(block) for block in re.findall(pattern, text)]


PYTHON = blocks("python")
COMMANDS = [line[2:] for block in blocks("console") for line in block.splitlines() if line.startswith("$ ")]


def test_the_page_has_its_examples() -> None:
    assert len(PYTHON) == 9
    assert len(COMMANDS) == 23
    assert all(command.startswith("circleci-py ") for command in COMMANDS)


@pytest.fixture
def in_a_folder(fake: FakeCircleCI, fake_time: FakeTime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, with the SDK's waits moving the fake's clock, and the secrets the page syncs."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYPI_TOKEN", "pypi-example")
    monkeypatch.setenv("DEPLOY_KEY", "example-key")
    return tmp_path


@pytest.mark.parametrize("code", PYTHON, ids=[f"python-{n}" for n in range(len(PYTHON))])
def test_python_example(code: str, fake: FakeCircleCI, in_a_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, Any] = {"__name__": "__example__"}

    exec(compile(code, str(DOC), "exec"), namespace)  # the documented code, as a user would run it

    assert capsys.readouterr().out.strip() or "assert" in code or "pipeline_singleton" in code


def test_the_artifacts_example_writes_the_files(fake: FakeCircleCI, in_a_folder: Path) -> None:
    (code,) = [block for block in PYTHON if "download_artifacts" in block]
    exec(compile(code, str(DOC), "exec"), {})
    assert (in_a_folder / "artifacts" / "reports" / "junit.xml").is_file()


@pytest.mark.parametrize("line", COMMANDS, ids=COMMANDS)
def test_command_line_example(
    line: str,
    fake: FakeCircleCI,
    in_a_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pipeline = fake.trigger_pipeline(SLUG)
    fake.advance(60)
    monkeypatch.setenv("PIPELINE_ID", pipeline.id)
    monkeypatch.setenv("CIRCLE_BRANCH", "main")
    monkeypatch.setenv("CIRCLE_SHA1", pipeline.revision)
    fake.state.project(SLUG)  # the seeded project the page uses
    argv = [os.path.expandvars(word) for word in shlex.split(line)][1:]
    if argv[:2] == ["v2", "delete-env-var"]:
        assert main(["v2", "create-env-var", SLUG, "--name", "DEPLOY_KEY", "--value", "x"]) == EXIT_OK

    status = main(argv)

    captured = capsys.readouterr()
    assert status == EXIT_OK, captured.err
