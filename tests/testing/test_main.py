"""``python -m circleci.testing``: the standalone server."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
import requests

from circleci.testing import __main__ as standalone
from circleci.testing import server


def test_once_prints_the_settings(capsys: pytest.CaptureFixture[str]) -> None:
    assert standalone.main(["--once", "--token", "abc"]) == 0
    out = capsys.readouterr().out
    assert "export CIRCLE_TOKEN=abc" in out and "export CIRCLECI_API_URL=http://127.0.0.1:" in out
    assert "gh/acme/widget" in out and "Press Ctrl-C to stop." in out
    assert "In Python: Api('abc', 'http://127.0.0.1:" in out


def test_it_says_where_the_demos_are_without_a_demo_package(capsys: pytest.CaptureFixture[str]) -> None:
    assert standalone.main(["--once"]) == 0
    out = capsys.readouterr().out
    assert "demo/sdk/" in out and "python build_singleton.py" in out and "not part of the installed package" in out
    assert "python -m demo" not in out


def test_it_prints_the_url_of_each_api_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert standalone.main(["--once"]) == 0
    out = capsys.readouterr().out
    v1 = out.split("export CIRCLECI_API_URL=")[1].split()[0]
    root = v1.removesuffix("/api/v1.1")
    assert f"API v2: {root}/api/v2 " in out
    assert f"API v3: {root}/api/v3 " in out


def test_it_serves_until_stopped(capsys: pytest.CaptureFixture[str]) -> None:
    stop = threading.Event()
    runner = threading.Thread(target=standalone.main, args=(["--timeout", "5"],), kwargs={"stop": stop})
    runner.start()
    for _ in range(100):
        out = capsys.readouterr().out
        if "CIRCLECI_API_URL" in out:
            break
        stop.wait(0.02)
    url = out.split("export CIRCLECI_API_URL=")[1].split()[0]
    assert requests.get(f"{url}/me", headers={"Circle-Token": server.DEFAULT_TOKEN}, timeout=5).status_code == 200
    stop.set()
    runner.join(5)
    assert not runner.is_alive()


class _CtrlC(threading.Event):
    """A stop event whose wait is interrupted as Ctrl-C interrupts the real one."""

    def wait(self, timeout: object = None) -> bool:
        raise KeyboardInterrupt


def test_ctrl_c_stops_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert standalone.main([], stop=_CtrlC()) == 0
    assert capsys.readouterr().out.endswith("Stopping.\n")


def test_python_dash_m_runs_it() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "circleci.testing", "--timeout", "0.1", "--speed", "10"],
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    assert "export CIRCLE_TOKEN=fake-circleci-token" in finished.stdout
    help_text = subprocess.run(
        [sys.executable, "-m", "circleci.testing", "--help"], capture_output=True, text=True, timeout=20, check=True
    ).stdout
    assert "--once" in help_text and "--timeout" in help_text
