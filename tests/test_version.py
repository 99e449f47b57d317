"""``circleci.version``: ``VERSION`` and ``get_short_version()`` as in the 1.2.2 manual."""

from __future__ import annotations

import re

import pytest

import circleci
from circleci import version


def test_version_is_a_release_after_1_2_2() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", version.VERSION)
    assert tuple(int(part) for part in version.VERSION.split(".")) > (1, 2, 2)


def test_short_version_is_major_and_minor() -> None:
    major, minor, _ = version.VERSION.split(".")
    assert version.get_short_version() == f"{major}.{minor}"


@pytest.mark.parametrize(("full", "short"), [("1.2.2", "1.2"), ("10.20.30", "10.20"), ("2.0.0rc1", "2.0")])
def test_short_version_follows_version(monkeypatch: pytest.MonkeyPatch, full: str, short: str) -> None:
    monkeypatch.setattr(version, "VERSION", full)

    assert version.get_short_version() == short


def test_package_version_is_version() -> None:
    assert circleci.__version__ == version.VERSION
