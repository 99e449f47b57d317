"""``python -m demo`` (``make demo``) in both modes."""

from __future__ import annotations

import importlib
import os
import socket
import sys
import types
from pathlib import Path

import pytest

import demo.__main__ as demo_main


def test_with_a_token_it_only_prints_the_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", "real-token")
    monkeypatch.setattr(demo_main, "FakeCircleCI", None)  # nothing may be started
    monkeypatch.setattr(socket.socket, "connect", None)  # and nothing may be called
    assert demo_main.main([]) == 0
    out = capsys.readouterr().out
    for demo in demo_main.DEMOS:
        assert f"demo/sdk/{demo.name}.py" in out


def test_offline_every_demo_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(demo_main, "POLL", 0.02)
    before = dict(os.environ)

    assert demo_main.main(["--speed", "100"]) == 0

    out = capsys.readouterr().out
    assert "Every demo worked." in out
    assert "no running builds found, beginning execution." in out
    assert (tmp_path / "demo-output" / "artifacts" / "reports" / "junit.xml").is_file()
    assert dict(os.environ) == before


def test_a_failing_demo_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    failing = types.ModuleType("demo.sdk.always_fails")
    failing.main = lambda argv: 1  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "demo.sdk.always_fails", failing)
    monkeypatch.setattr(
        demo_main, "DEMOS", [demo_main.Demo("always_fails", "a failure", lambda fake, args: ["--x"], "")]
    )
    monkeypatch.chdir(tmp_path)

    assert demo_main.main([]) == 1

    out = capsys.readouterr().out
    assert "-> exit status 1" in out and "Failed: always_fails" in out


def test_a_demo_that_cannot_be_imported_is_an_error_not_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_main, "DEMOS", [demo_main.Demo("no_such_demo", "nothing", lambda fake, args: [], "")])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModuleNotFoundError, match=r"demo\.sdk\.no_such_demo"):
        demo_main.main([])


def test_every_printed_command_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    for demo in demo_main.DEMOS:
        module = importlib.import_module(f"demo.sdk.{demo.name}")
        args = demo.real_args.split()
        assert module.parse_args(args) is not None, demo.name
