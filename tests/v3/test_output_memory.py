"""Job output streams through a small buffer: a large step log does not land in memory."""

from __future__ import annotations

import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from circleci.v3 import ApiV3

CHUNK = b"x" * 65535 + b"\n"
CHUNKS = 512  # 32 MiB


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(CHUNK) * CHUNKS))
        self.send_header("X-Terminal", "true")
        self.end_headers()
        for _ in range(CHUNKS):
            self.wfile.write(CHUNK)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that stops reading (``max_bytes``) breaks the pipe: expected, not worth a traceback."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api/v3"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_32_mib_of_output_go_to_a_file_through_less_than_2_mib(server: str, tmp_path: Path) -> None:
    api = ApiV3("t", url=server)
    target = tmp_path / "step.log"
    tracemalloc.start()
    try:
        out = api.get_job_stdout("j", filter_step_num=101, to=target)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.size == len(CHUNK) * CHUNKS == target.stat().st_size and out.terminal
    assert peak < 2 * 1024 * 1024


def test_in_memory_reads_stop_at_max_bytes(server: str) -> None:
    api = ApiV3("t", url=server)
    tracemalloc.start()
    try:
        out = api.get_job_stdout("j", max_bytes=1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(out) == 1024 * 1024 and out.truncated and not out.terminal and out.offset == 1024 * 1024
    assert peak < 4 * 1024 * 1024
