"""The other clients, each in its own virtual environment.

circleci.py 1.2.2 is imported as ``circleci`` too, so it cannot share an
interpreter with this client; pycircleci 0.7.0 (the other maintained Python
client with API v2) gets a venv of its own as well, so that neither its
dependencies nor ours change what the other measures. :func:`ensure` and
:func:`ensure_pycircleci` create ``bench/.venv-122`` and
``bench/.venv-pycircleci`` with ``python -m venv`` and install the package
from PyPI into it, once; the benchmark then runs ``bench/worker.py`` with
that venv's interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))


@dataclass(frozen=True)
class Venv:
    """A released client in a venv of its own.

    :param package: its name on PyPI.
    :param version: the version measured.
    :param venv: the venv's folder.
    :param probe: Python code that prints the installed version.
    """

    package: str
    version: str
    venv: str
    probe: str

    @property
    def python(self) -> str:
        """The venv's interpreter."""
        return os.path.join(self.venv, "bin", "python")

    def installed_version(self) -> Optional[str]:
        """The version importable in the venv, or ``None``."""
        if not os.path.exists(self.python):
            return None
        probe = subprocess.run(
            [self.python, "-c", self.probe], cwd=self.venv, capture_output=True, text=True, check=False
        )
        return probe.stdout.strip() if probe.returncode == 0 else None

    def ensure(self) -> Optional[str]:
        """Make sure the package is installed in its venv.

        :returns: the venv's interpreter, or ``None`` (with a note on stderr)
            when it cannot be installed, e.g. without access to PyPI.
        """
        if self.installed_version() == self.version:
            return self.python
        wanted = f"{self.package}=={self.version}"
        print(f"bench: installing {wanted} into {self.venv} ...", file=sys.stderr, flush=True)
        steps = [
            [sys.executable, "-m", "venv", self.venv],
            [self.python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wanted],
        ]
        for step in steps:
            if subprocess.run(step, check=False).returncode != 0:
                print(f"bench: could not install {wanted}; its column will be n/a", file=sys.stderr)
                return None
        return self.python if self.installed_version() == self.version else None


CIRCLECI_122 = Venv(
    "circleci", "1.2.2", os.path.join(HERE, ".venv-122"), "from circleci.version import VERSION; print(VERSION)"
)
PYCIRCLECI = Venv(
    "pycircleci",
    "0.7.0",
    os.path.join(HERE, ".venv-pycircleci"),
    "from importlib.metadata import version; print(version('pycircleci'))",
)
VERSION = CIRCLECI_122.version
VENV = CIRCLECI_122.venv
PYTHON = CIRCLECI_122.python


def installed_version() -> Optional[str]:
    """The version of ``circleci`` importable in the 1.2.2 venv, or ``None``."""
    return CIRCLECI_122.installed_version()


def ensure() -> Optional[str]:
    """Make sure circleci.py 1.2.2 is installed in its venv; its interpreter, or ``None``."""
    return CIRCLECI_122.ensure()


def ensure_pycircleci() -> Optional[str]:
    """Make sure pycircleci 0.7.0 is installed in its venv; its interpreter, or ``None``."""
    return PYCIRCLECI.ensure()
