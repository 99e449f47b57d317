"""circleci.py 1.2.2 in its own virtual environment.

It is imported as ``circleci`` too, so it cannot share an interpreter with
this client: :func:`ensure` creates ``bench/.venv-122`` with ``python -m
venv`` and installs ``circleci==1.2.2`` from PyPI into it, once; the
benchmark then runs ``bench/worker.py`` with that venv's interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Optional

VERSION = "1.2.2"
VENV = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".venv-122")
PYTHON = os.path.join(VENV, "bin", "python")


def installed_version() -> Optional[str]:
    """The version of ``circleci`` importable in the legacy venv, or ``None``."""
    if not os.path.exists(PYTHON):
        return None
    probe = subprocess.run(
        [PYTHON, "-c", "from circleci.version import VERSION; print(VERSION)"],
        cwd=VENV,
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


def ensure() -> Optional[str]:
    """Make sure circleci.py 1.2.2 is installed in its venv.

    :returns: the venv's interpreter, or ``None`` (with a note on stderr) when
        it cannot be installed, e.g. without access to PyPI.
    """
    if installed_version() == VERSION:
        return PYTHON
    print(f"bench: installing circleci=={VERSION} into {VENV} ...", file=sys.stderr, flush=True)
    steps = [
        [sys.executable, "-m", "venv", VENV],
        [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"circleci=={VERSION}"],
    ]
    for step in steps:
        if subprocess.run(step, check=False).returncode != 0:
            print(f"bench: could not install circleci=={VERSION}; its column will be n/a", file=sys.stderr)
            return None
    return PYTHON if installed_version() == VERSION else None
