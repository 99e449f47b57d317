"""Artifact downloads from real servers: complete files or nothing, in bounded memory."""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from circleci import error, transport
from circleci.api import Api

from .conftest import TOKEN
from .servers import CLOSE, RESET, LoopbackServer, Reply, json_reply, refused_port

PREVIOUS = b"the file from yesterday\n"

FAILURES = {
    "fewer bytes than announced": Reply(body=b"x" * 1000, length=5000, end=CLOSE),
    "connection dropped mid-body": Reply(body=b"x" * 1000, length=5000, end=RESET),
    "error status": json_reply({"message": "Not found"}, 404),
}


@pytest.fixture
def destdir(tmp_path: Path) -> Path:
    folder = tmp_path / "artifacts"
    folder.mkdir()
    return folder


def test_download_writes_the_file(api: Api, server: LoopbackServer, destdir: Path) -> None:
    server.script(Reply(body=b"hello\n"))

    written = api.download_artifact(f"{server.url}/0/logs/build.log", str(destdir))

    assert written == str(destdir / "build.log")
    assert (destdir / "build.log").read_bytes() == b"hello\n"
    assert os.listdir(destdir) == ["build.log"]
    assert server.received[0].header("Circle-Token") == TOKEN


@pytest.mark.parametrize("reply", FAILURES.values(), ids=FAILURES.keys())
def test_failed_download_leaves_no_file(
    api: Api, server: LoopbackServer, destdir: Path, sleeps: list[float], reply: Reply
) -> None:
    server.script(reply)

    with pytest.raises((error.DownloadError, error.NotFound)):
        api.download_artifact(f"{server.url}/0/out.bin", str(destdir))
    assert os.listdir(destdir) == []


@pytest.mark.parametrize("reply", FAILURES.values(), ids=FAILURES.keys())
def test_failed_download_keeps_the_existing_file(
    api: Api, server: LoopbackServer, destdir: Path, sleeps: list[float], reply: Reply
) -> None:
    (destdir / "out.bin").write_bytes(PREVIOUS)
    server.script(reply)

    with pytest.raises(error.CircleCIException):
        api.download_artifact(f"{server.url}/0/out.bin", str(destdir))
    assert (destdir / "out.bin").read_bytes() == PREVIOUS
    assert os.listdir(destdir) == ["out.bin"]


def test_truncated_download_is_a_download_error(api: Api, server: LoopbackServer, destdir: Path) -> None:
    server.script(FAILURES["fewer bytes than announced"])

    with pytest.raises(error.DownloadError) as caught:
        api.download_artifact(f"{server.url}/0/out.bin", str(destdir))
    assert caught.value.path == str(destdir / "out.bin")
    assert "IncompleteRead(1000 bytes read, 4000 more expected)" in str(caught.value)


def test_error_status_keeps_its_type(api: Api, server: LoopbackServer, destdir: Path) -> None:
    server.script(FAILURES["error status"])

    with pytest.raises(error.NotFound, match="Not found"):
        api.download_artifact(f"{server.url}/0/out.bin", str(destdir))


def test_unreachable_host_is_a_connection_error(api: Api, destdir: Path, sleeps: list[float]) -> None:
    with pytest.raises(error.CircleCIConnectionError):
        api.download_artifact(f"http://127.0.0.1:{refused_port()}/0/out.bin", str(destdir))
    assert os.listdir(destdir) == []


def test_encoded_dot_dot_name_stays_in_destdir(api: Api, server: LoopbackServer, destdir: Path) -> None:
    server.script(Reply(body=b"payload"))

    written = api.download_artifact(f"{server.url}/0/..%2F..%2Fx", str(destdir))

    assert written == str(destdir / "x")
    assert os.listdir(destdir) == ["x"]
    assert sorted(os.listdir(destdir.parent)) == ["artifacts"]


def test_missing_destdir_fails_before_sending(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    with pytest.raises(error.DownloadError, match="FileNotFoundError"):
        api.download_artifact(f"{server.url}/0/a.txt", str(tmp_path / "missing"))
    assert server.received == []


def test_unwritable_target_fails_cleanly(api: Api, server: LoopbackServer, destdir: Path) -> None:
    (destdir / "a.txt").mkdir()
    server.script(Reply(body=b"payload"))

    with pytest.raises(error.DownloadError, match=r"a\.txt failed"):
        api.download_artifact(f"{server.url}/0/a.txt", str(destdir))
    assert os.listdir(destdir) == ["a.txt"]


def test_token_in_the_url_moves_to_the_header(server: LoopbackServer, destdir: Path) -> None:
    anonymous = Api(None, url=f"{server.url}/api/v1.1")
    server.script(Reply(body=b"ok"))

    anonymous.download_artifact(f"{server.url}/0/a.txt?circle-token={TOKEN}&v=2", str(destdir))

    assert server.paths() == ["/0/a.txt?v=2"]
    assert server.received[0].header("Circle-Token") == TOKEN


def test_client_token_wins_over_a_url_token(api: Api, server: LoopbackServer, destdir: Path) -> None:
    api.download_artifact(f"{server.url}/0/a.txt?Circle-Token=other", str(destdir))

    assert server.paths() == ["/0/a.txt"]
    assert server.received[0].header("Circle-Token") == TOKEN


def test_plain_http_to_an_unknown_host_gets_no_token(api: Api, other_host: LoopbackServer, destdir: Path) -> None:
    api.download_artifact(f"{other_host.url}/0/a.txt", str(destdir))

    assert other_host.received[0].header("Circle-Token") is None


def test_anonymous_download_sends_no_token(server: LoopbackServer, destdir: Path) -> None:
    Api(None, url=f"{server.url}/api/v1.1").download_artifact(f"{server.url}/0/a.txt", str(destdir))

    assert server.received[0].header("Circle-Token") is None


def _fifty_megabytes() -> Iterator[bytes]:
    block = b"z" * (1024 * 1024)
    for _ in range(50):
        yield block


def test_large_download_streams_in_flat_memory(api: Api, server: LoopbackServer, destdir: Path) -> None:
    size = 50 * 1024 * 1024
    server.script(Reply(chunks=_fifty_megabytes, length=size))

    started = time.monotonic()
    tracemalloc.start()
    try:
        written = api.download_artifact(f"{server.url}/0/big.bin", str(destdir))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert os.path.getsize(written) == size
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes"
    assert time.monotonic() - started < 2.0


def test_downloaded_file_gets_the_permissions_of_a_new_file(api: Api, server: LoopbackServer, destdir: Path) -> None:
    """The temporary file is not left at mkstemp's 0600: the result has 0666 less the umask, like open() gives."""
    server.script(Reply(body=b"shared"))
    (destdir / "reference").touch()

    written = api.download_artifact(f"{server.url}/0/report.html", str(destdir))

    assert os.stat(written).st_mode & 0o777 == os.stat(destdir / "reference").st_mode & 0o777


def test_no_free_temporary_name_is_a_download_error(
    api: Api, server: LoopbackServer, destdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transport.secrets, "token_hex", lambda size: "same")
    (destdir / ".circleci-same.part").write_bytes(b"someone else's")

    with pytest.raises(error.DownloadError, match="no free temporary file name"):
        api.download_artifact(f"{server.url}/0/a.txt", str(destdir))
    assert server.received == []
    assert (destdir / ".circleci-same.part").read_bytes() == b"someone else's"


def test_filename_given_by_the_caller_is_used_inside_destdir(api: Api, server: LoopbackServer, destdir: Path) -> None:
    (destdir / "logs").mkdir()
    server.script(Reply(body=b"one"), Reply(body=b"two"))

    first = api.download_artifact(f"{server.url}/0/a/build.log", str(destdir), "first.log")
    second = api.download_artifact(f"{server.url}/0/b/build.log", str(destdir), "logs/second.log")

    assert (first, second) == (str(destdir / "first.log"), str(destdir / "logs" / "second.log"))
    assert (destdir / "first.log").read_bytes() == b"one"
    assert (destdir / "logs" / "second.log").read_bytes() == b"two"


@pytest.mark.parametrize("filename", ["../escaped", "logs/../../escaped", "/tmp/escaped", ".", "logs/", "..\\escaped"])
def test_filename_that_would_leave_destdir_is_refused_before_sending(
    api: Api, server: LoopbackServer, destdir: Path, filename: str
) -> None:
    with pytest.raises(error.InvalidArgumentError, match="filename must name a file inside destdir"):
        api.download_artifact(f"{server.url}/0/a.txt", str(destdir), filename)
    assert server.received == []
    assert os.listdir(destdir) == []
    assert not (destdir.parent / "escaped").exists()
