"""The FakeCircleCI examples of docs/sunset.rst run as written."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "sunset.rst"


def fake_examples() -> list[str]:
    """The python code blocks of the page that use FakeCircleCI, dedented."""
    blocks = re.findall(r"\.\. code-block:: python\n\n((?:(?: {4}.*)?\n)+)", DOC.read_text(encoding="utf-8"))
    return [textwrap.dedent(block) for block in blocks if "FakeCircleCI(" in block]


def test_the_examples_print_what_they_say(capsys: pytest.CaptureFixture[str]) -> None:
    examples = fake_examples()
    assert len(examples) == 2
    for example in examples:
        exec(compile(example, str(DOC), "exec"), {})
    assert capsys.readouterr().out.splitlines() == [
        "7 queued",
        "test out Running test",
        "test err Exited with code exit status 1",
    ]
