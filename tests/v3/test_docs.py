"""The v3 examples of the docs, run against FakeCircleCI."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from circleci.testing import FakeCircleCI, JobPlan, StepPlan, WorkflowPlan
from circleci.v3 import ApiV3

DOCS = Path(__file__).resolve().parents[2] / "docs"


def python_blocks(name: str) -> list[str]:
    """The ``.. code-block:: python`` blocks of a page, dedented."""
    text = (DOCS / name).read_text(encoding="utf-8")
    return [textwrap.dedent(b) for b in re.findall(r"\.\. code-block:: python\n\n((?:(?: {4}.*)?\n)+)", text)]


def test_the_fake_example_of_the_reference_runs() -> None:
    (block,) = [b for b in python_blocks("api_v3.rst") if "FakeCircleCI" in b]
    exec(compile(block, "api_v3.rst", "exec"), {})


def test_the_job_output_example_of_the_sdk_guide_prints_failed_steps(capsys: pytest.CaptureFixture[str]) -> None:
    (block,) = [b for b in python_blocks("sdk_guide.rst") if "def follow_failed_steps" in b]
    namespace: dict[str, Any] = {}
    exec(compile(block, "sdk_guide.rst", "exec"), namespace)
    steps = [
        StepPlan("Checkout code", output="ok\n"),
        StepPlan("pytest", output="1 failed\n", error_output="boom\n", failed=True),
    ]
    with FakeCircleCI() as fake:
        plan = [WorkflowPlan("ci", [JobPlan("test", outcome="failed", steps=steps)])]
        pipeline = fake.trigger_pipeline("gh/acme/widget", plan=plan)
        fake.advance(60)
        namespace["follow_failed_steps"](ApiV3(fake.token, fake.url_v3), pipeline.workflows[0].id)
    assert capsys.readouterr().out == "--- test / pytest\n1 failed\nboom\n\n"
