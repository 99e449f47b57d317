"""What ``import circleci`` provides: the 1.2.2 import paths, the logger, warnings, typing marker."""

from __future__ import annotations

import importlib
import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import circleci

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("circleci.api", ["Api"]),
        ("circleci.experimental", ["Experimental"]),
        ("circleci.sdk", ["SDK"]),
        ("circleci.error", ["CircleCIException", "BadVerbError", "BadKeyError", "InvalidFilterError"]),
        ("circleci.version", ["VERSION", "get_short_version"]),
    ],
)
def test_1_2_2_import_paths(module: str, names: list[str]) -> None:
    loaded = importlib.import_module(module)

    for name in names:
        assert hasattr(loaded, name), f"{module}.{name}"


def test_public_names_are_documented() -> None:
    for module_name in ("circleci", "circleci.api", "circleci.experimental", "circleci.version"):
        module = importlib.import_module(module_name)
        assert module.__doc__
        for name in getattr(module, "__all__", []):
            assert getattr(module, name) is not None
            if callable(getattr(module, name)):
                assert getattr(module, name).__doc__, f"{module_name}.{name}"


def test_library_logger_is_silent_by_default() -> None:
    handlers = logging.getLogger("circleci").handlers

    assert any(isinstance(handler, logging.NullHandler) for handler in handlers)


def test_circleci_deprecation_warnings_are_shown_outside_main() -> None:
    code = (
        "import warnings, circleci\n"
        "from circleci.error import CircleCIDeprecationWarning as W\n"
        'emit = \'import warnings\\nwarnings.warn("endpoint going", W)\\nwarnings.warn("plain", DeprecationWarning)\'\n'
        "exec(compile(emit, 'elsewhere.py', 'exec'), {'__name__': 'elsewhere', 'W': W})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30, env=_plain_env()
    )

    assert result.returncode == 0, result.stderr
    assert "CircleCIDeprecationWarning: endpoint going" in result.stderr
    assert "plain" not in result.stderr


def _plain_env() -> dict[str, str]:
    """The environment without options that change which warnings are shown."""
    return {key: value for key, value in os.environ.items() if key not in ("PYTHONWARNINGS", "PYTHONDEVMODE")}


def test_package_is_typed() -> None:
    assert (Path(circleci.__file__).parent / "py.typed").is_file()


def test_users_own_warning_options_decide_about_deprecation_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = (
        "import warnings, circleci\n"
        "from circleci.error import CircleCIDeprecationWarning as W\n"
        "print(any(f[0] == 'default' and f[2] is W for f in warnings.filters))\n"
    )
    run = [sys.executable, "-c", shown]
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    assert subprocess.run(run, capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip() == "True"
    run.insert(1, "-Werror::DeprecationWarning")
    assert subprocess.run(run, capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip() == "False"


@pytest.mark.parametrize(("options", "added"), [([], True), (["error::DeprecationWarning"], False)])
def test_the_deprecation_filter_is_added_only_without_warning_options(options: list[str], added: bool) -> None:
    from circleci.error import CircleCIDeprecationWarning

    with warnings.catch_warnings():
        warnings.resetwarnings()
        circleci._show_deprecations(options)
        assert any(f[2] is CircleCIDeprecationWarning for f in warnings.filters) is added
