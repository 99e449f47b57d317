"""No page shows an install command that fails today (1.3.0 is not on the package index yet)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.rst"))]
WORKS = [
    r"pip install \.$",  # from a checkout
    r"pip install dist/circleci-[\d.]+-py3-none-any\.whl$",  # the wheel make dist builds
    r'pip install "circleci @ git\+https://[^"]+@[\w.-]+"( pytest.*)?$',  # the git repository
    r"pip install circleci==1\.2\.2$",  # circleci.py 1.2.2 itself, for the benchmark
    r"pip install pycircleci==0\.7\.0$",  # the other client, for the benchmark (on the package index)
    r"pip uninstall circleci$",
]


def install_commands() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for line in page.read_text(encoding="utf-8").splitlines():
            for command in re.findall(r"pip (?:install|uninstall) +[^`\n;&#]+", line):
                found.append((page.name, command.strip()))
    return found


def test_every_install_command_works_today() -> None:
    commands = install_commands()
    assert len(commands) >= 8
    failing = [(page, command) for page, command in commands if not any(re.match(ok, command) for ok in WORKS)]
    assert not failing, failing


def test_installing_by_name_is_never_shown_as_a_command() -> None:
    for page, command in install_commands():
        assert not re.match(r"pip install [\"']?circleci(?![=@ ]|==1\.2\.2)", command), (page, command)
