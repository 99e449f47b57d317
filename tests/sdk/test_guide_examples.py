"""The examples of docs/sdk_guide.rst's "The jobs scripts write by hand" run as they are."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from tests.conftest import FakeClock

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "sdk_guide.rst"


def python_blocks(text: str) -> list[str]:
    """The ``.. code-block:: python`` blocks of a piece of reST, dedented."""
    found = re.findall(r"\.\. code-block:: python\n\n((?:(?: {4}.*)?\n)+)", text)
    return [textwrap.dedent(block) for block in found]


@pytest.mark.fake_starts_now  # cancel_redundant_workflows' lookback is counted from the wall clock
def test_the_examples_run_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("The jobs scripts write by hand\n") : text.index("The demos\n---")]
    blocks = python_blocks(section)
    assert len(blocks) == 8
    monkeypatch.chdir(tmp_path)

    exec(compile("\n".join(blocks), str(GUIDE), "exec"), {})  # the guide's own code

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("test job ") and out[0].endswith(": success")
    assert (tmp_path / "latest-test" / "reports" / "junit.xml").is_file()
    assert out[2] == "['pipeline-artifacts/test/reports/junit.xml']"
    assert out[3] == "[4, 5]"
    assert "['AWS_REGION'] ['AWS_ACCESS_KEY_ID'] []" in out
    assert "['DEPLOY_TOKEN']" in out
    assert re.fullmatch(r"pipeline \d+ took \d+ s", out[-1])
    assert clock.sleeps == []
