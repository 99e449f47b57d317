"""The pytest examples of docs/testing.rst, run as a user would run them."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "testing.rst"


def literal_blocks(text: str) -> list[str]:
    """The reST literal blocks (``::`` then indented lines) of a page, dedented."""
    found = re.findall(r"::\n\n((?:(?: {4}.*)?\n)+)", text)
    return [textwrap.dedent(block) for block in found]


def test_the_pytest_examples_pass(tmp_path: Path) -> None:
    blocks = literal_blocks(DOC.read_text(encoding="utf-8"))
    (release,) = [block for block in blocks if block.startswith("# release.py")]
    tests = [block for block in blocks if "def test_" in block]
    assert len(tests) == 9  # every example that defines a test
    (tmp_path / "release.py").write_text(release)
    (tmp_path / "test_release.py").write_text("\n\n".join(tests))
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:cov", "test_release.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert f"{len(tests)} passed" in finished.stdout
