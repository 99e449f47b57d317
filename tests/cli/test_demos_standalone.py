"""Each demo runs as one copied file with only the package installed, and ``make demo`` shows pasteable commands."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

import demo.__main__ as demo_main

ROOT = Path(__file__).resolve().parents[2]
DEMOS = sorted(path.name for path in (ROOT / "demo" / "sdk").glob("*.py") if path.name != "__init__.py")


@pytest.fixture(scope="module")
def package_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a copy of the ``circleci`` package and nothing else of the checkout."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "circleci", site / "circleci", ignore=shutil.ignore_patterns("__pycache__"))
    return site


@pytest.mark.parametrize("name", DEMOS)
def test_a_copied_demo_runs_on_its_own(name: str, package_only: Path, tmp_path: Path) -> None:
    shutil.copy2(ROOT / "demo" / "sdk" / name, tmp_path / name)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CIRCLE", "PYTHON"))}
    env["PYTHONPATH"] = str(package_only)

    helped = subprocess.run(
        [sys.executable, name, "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    without_token = subprocess.run(
        [sys.executable, name], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )

    assert helped.returncode == 0, helped.stderr
    assert "usage:" in helped.stdout
    assert without_token.returncode == 2, without_token.stderr
    assert "CIRCLE_TOKEN is not set" in without_token.stderr


def test_printed_commands_carry_their_environment() -> None:
    line = demo_main.command("trigger_and_wait", ["--branch", "a b"], {"CIRCLE_TOKEN": "t", "CIRCLECI_API_URL": "u"})

    words = shlex.split(line)
    assert words[:2] == ["CIRCLECI_API_URL=u", "CIRCLE_TOKEN=t"]
    assert words[3:] == ["demo/sdk/trigger_and_wait.py", "--branch", "a b"]


def test_the_interpreter_is_shown_relative_when_inside_the_current_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", os.path.join(os.getcwd(), ".venv", "bin", "python"))
    assert demo_main.python() == os.path.join(".venv", "bin", "python")
    monkeypatch.setattr(sys, "executable", "/elsewhere/bin/python")
    monkeypatch.chdir(ROOT)
    assert demo_main.python() == "/elsewhere/bin/python"


def test_keep_serving_until_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(demo_main, "DEMOS", [])
    stop = threading.Event()
    stop.set()

    assert demo_main.main(["--keep-serving", "600"], stop=stop) == 0

    out = capsys.readouterr().out
    assert "keeps serving" in out and "for 600 s" in out


def test_ctrl_c_stops_serving(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Interrupted(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            raise KeyboardInterrupt

    demo_main.keep_serving(types.SimpleNamespace(url="http://fake"), 5, Interrupted())  # type: ignore[arg-type]

    assert "Stopping." in capsys.readouterr().out


def test_the_commands_make_demo_prints_work_when_pasted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "demo").symlink_to(ROOT / "demo")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(demo_main, "POLL", 0.02)
    stop = threading.Event()
    statuses: list[int] = []
    runner = threading.Thread(
        target=lambda: statuses.append(demo_main.main(["--speed", "100", "--keep-serving", "60"], stop=stop))
    )
    runner.start()
    try:
        printed = ""
        for _ in range(600):  # up to 30 s for the demos to finish
            printed += capsys.readouterr().out
            if "keeps serving" in printed:
                break
            stop.wait(0.05)
        assert "keeps serving" in printed, printed
        commands = [line[2:] for line in printed.splitlines() if line.startswith("$ ")]
        assert len(commands) == len(demo_main.DEMOS)
        (download,) = [command for command in commands if "download_artifacts.py" in command]
        env = {key: value for key, value in os.environ.items() if not key.startswith(("CIRCLE", "PYTHON"))}
        env["PYTHONPATH"] = str(ROOT)
        pasted = subprocess.run(
            ["bash", "-c", download.replace("demo-output/artifacts", "pasted")],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        stop.set()
        runner.join(timeout=30)
    assert pasted.returncode == 0, pasted.stderr
    assert (tmp_path / "pasted" / "reports" / "junit.xml").is_file()
    assert statuses == [0]
