"""Loopback servers for the benchmarks: a fake CircleCI API and a latency proxy.

Run as ``python -m bench.servers CERT_DIR``: it starts, in this one process,
an HTTP and an HTTPS server that answer like CircleCI (prebuilt bodies, so the
server's own cost stays small and equal for every client), and in front of
each a TCP proxy that delays traffic to simulate a 50 ms round trip, plus an
HTTP server that waits 50 ms before each answer (the setting of the SDK's
download target). It prints one JSON line with the five base URLs, then
serves until its stdin closes.

Routes (``GET`` only):

* ``/api/v1.1/project/github/org/repo/<n>``: a 2 KB build, as ``get_build_info``.
* ``/api/v2/project/gh/org/repo/pipeline[?page-token=T]``: 20 pages of 100
  pipelines, chained by ``next_page_token`` (also as ``github/org/repo``,
  the slug pycircleci builds).
* ``/api/v2/project/gh/org/art-<count>-<size>/<job>/artifacts`` (v2) and
  ``/api/v1.1/project/github/org/art-<count>-<size>/<job>/artifacts`` (v1.1):
  ``count`` artifacts of ``size`` bytes each, with URLs on the host the client
  asked for (so downloads go through the same proxy).
* ``/files/<size>/<name>``: ``size`` bytes streamed from a small block, never
  held in memory whole.
"""

from __future__ import annotations

import json
import os
import queue
import re
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional

ONE_WAY_DELAY = 0.025
"""Seconds each chunk of data spends in the proxy: 25 ms each way, a 50 ms round trip."""
CONNECT_DELAY = 0.050
"""Extra seconds before a new connection's first bytes arrive: the TCP handshake's round trip."""
PIPELINE_PAGES = 20
PIPELINES_PER_PAGE = 100
SERVER_DELAY = 0.050  # seconds the "http+delay50" server waits before each answer
BLOCK = bytes(range(256)) * 4096  # 1 MiB of data to stream files from
RELAY_CHUNK = 256 * 1024

_ARTIFACTS = re.compile(r"^/api/(v2|v1\.1)/project/(?:gh|github)/org/art-(\d+)-(\d+)/(\d+)/artifacts$")
_BUILD = re.compile(r"^/api/v1\.1/project/github/org/repo/\d+$")
_FILE = re.compile(r"^/files/(\d+)/[^/]+$")


def build_body() -> bytes:
    """A v1.1 build of about 2 KB, the shape ``get_build_info`` returns."""
    build: dict[str, Any] = {
        "build_num": 7,
        "vcs_url": "https://github.com/org/repo",
        "vcs_revision": "a" * 40,
        "branch": "main",
        "username": "org",
        "reponame": "repo",
        "status": "success",
        "outcome": "success",
        "lifecycle": "finished",
        "build_url": "https://circleci.com/gh/org/repo/7",
        "start_time": "2024-05-01T10:00:00.000Z",
        "stop_time": "2024-05-01T10:04:12.000Z",
        "build_time_millis": 252000,
        "committer_name": "Dev Eloper",
        "committer_email": "dev@example.com",
        "subject": "Make the thing faster",
        "workflows": {"job_name": "test", "workflow_name": "build", "workflow_id": "0" * 36},
        "steps": [
            {"name": f"step {i}", "actions": [{"index": 0, "status": "success", "run_time_millis": 1000 + i}]}
            for i in range(8)
        ],
    }
    body = json.dumps(build).encode()
    build["padding"] = "x" * max(0, 2048 - len(body) - 16)
    return json.dumps(build).encode()


def pipeline_pages() -> dict[Optional[str], bytes]:
    """The pages of a project's pipelines, keyed by the page token that fetches them."""
    pages: dict[Optional[str], bytes] = {}
    for page in range(PIPELINE_PAGES):
        items = [
            {
                "id": f"{page:08d}-0000-4000-8000-{n:012d}",
                "errors": [],
                "project_slug": "gh/org/repo",
                "number": 5000 - page * PIPELINES_PER_PAGE - n,
                "state": "created",
                "created_at": "2024-05-01T10:00:00.000Z",
                "updated_at": "2024-05-01T10:00:00.000Z",
                "trigger": {
                    "type": "webhook",
                    "received_at": "2024-05-01T10:00:00.000Z",
                    "actor": {"login": "dev", "avatar_url": "https://avatars.example.com/u/1"},
                },
                "vcs": {
                    "provider_name": "GitHub",
                    "origin_repository_url": "https://github.com/org/repo",
                    "target_repository_url": "https://github.com/org/repo",
                    "revision": "b" * 40,
                    "branch": "main",
                },
            }
            for n in range(PIPELINES_PER_PAGE)
        ]
        next_token = f"page{page + 1}" if page + 1 < PIPELINE_PAGES else None
        pages[f"page{page}" if page else None] = json.dumps({"items": items, "next_page_token": next_token}).encode()
    return pages


class Handler(BaseHTTPRequestHandler):
    """Answers the routes listed in the module docstring, with keep-alive."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    build = build_body()
    pages = pipeline_pages()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the benchmark prints its own table."""

    def do_GET(self) -> None:
        """Route one request, after the server's own delay (``Server.delay``)."""
        if self.server.delay:  # type: ignore[attr-defined]
            time.sleep(self.server.delay)  # type: ignore[attr-defined]
        path, _, query = self.path.partition("?")
        if _BUILD.match(path):
            self._send_json(self.build)
        elif path in ("/api/v2/project/gh/org/repo/pipeline", "/api/v2/project/github/org/repo/pipeline"):
            token = query.split("page-token=", 1)[1].split("&")[0] if "page-token=" in query else None
            page = self.pages.get(token)
            self._send_json(page) if page is not None else self._send_json(b'{"message": "bad token"}', 404)
        elif match := _ARTIFACTS.match(path):
            self._send_artifacts(match.group(1), int(match.group(2)), int(match.group(3)))
        elif match := _FILE.match(path):
            self._send_file(int(match.group(1)))
        else:
            self._send_json(b'{"message": "Not found"}', 404)

    def _send_json(self, body: bytes, status: int = 200) -> None:
        head = (
            f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Found'}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.wfile.write(head.encode() + body)

    def _send_artifacts(self, version: str, count: int, size: int) -> None:
        host = self.headers.get("Host", "127.0.0.1")
        scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
        items = [
            {"path": f"out/file{i:03d}.bin", "node_index": 0, "url": f"{scheme}://{host}/files/{size}/file{i:03d}.bin"}
            for i in range(count)
        ]
        if version == "v1.1":
            listing: Any = [{**item, "pretty_path": item["path"]} for item in items]
        else:
            listing = {"items": items, "next_page_token": None}
        self._send_json(json.dumps(listing).encode())

    def _send_file(self, size: int) -> None:
        self.wfile.write(
            f"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {size}\r\n\r\n".encode()
        )
        block = memoryview(BLOCK)
        remaining = size
        while remaining > 0:
            part = block[: min(remaining, len(block))]
            self.wfile.write(part)
            remaining -= len(part)


class Server(ThreadingHTTPServer):
    """A threaded HTTP server; with ``context``, each connection is TLS, handshaken in its own thread."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, context: Optional[ssl.SSLContext] = None, delay: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.context = context
        self.delay = delay

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Wrap the connection in TLS (in the connection's thread) before handling it."""
        if self.context is not None:
            try:
                request = self.context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        super().finish_request(request, client_address)


class LatencyProxy:
    """A TCP proxy on loopback that makes every byte take 25 ms each way.

    Each chunk read from one side is stamped on arrival and written to the
    other side 25 ms later, in order, so a request and its answer cost a 50 ms
    round trip while data in flight is still pipelined. The first bytes of a
    connection also wait one extra round trip, the TCP handshake that a real
    network would charge; a TLS handshake pays its own round trip on top.

    :param upstream: the port of the server to forward to.
    """

    def __init__(self, upstream: int) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.listener.getsockname()[1]

    def serve_forever(self) -> None:
        """Accept connections and relay each in its own threads."""
        while True:
            client, _ = self.listener.accept()
            accepted = time.monotonic()
            server = socket.create_connection(("127.0.0.1", self.upstream))
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._relay(client, server, accepted + CONNECT_DELAY)
            self._relay(server, client, accepted)

    def _relay(self, source: socket.socket, sink: socket.socket, not_before: float) -> None:
        pending: queue.Queue[tuple[float, bytes]] = queue.Queue()
        threading.Thread(target=self._read, args=(source, pending, not_before), daemon=True).start()
        threading.Thread(target=self._write, args=(source, sink, pending), daemon=True).start()

    @staticmethod
    def _read(source: socket.socket, pending: queue.Queue[tuple[float, bytes]], not_before: float) -> None:
        try:
            while data := source.recv(RELAY_CHUNK):
                pending.put((max(time.monotonic(), not_before) + ONE_WAY_DELAY, data))
        except OSError:
            pass
        pending.put((time.monotonic() + ONE_WAY_DELAY, b""))

    @staticmethod
    def _write(source: socket.socket, sink: socket.socket, pending: queue.Queue[tuple[float, bytes]]) -> None:
        try:
            while True:
                due, data = pending.get()
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                if not data:
                    sink.shutdown(socket.SHUT_WR)
                    return
                sink.sendall(data)
        except OSError:
            source.close()
            sink.close()


def write_certificates(directory: str) -> str:
    """Make a private CA and a certificate for 127.0.0.1 with ``trustme``.

    Writes ``server.pem`` (key and chain) for the server and returns the path
    of a CA bundle for ``REQUESTS_CA_BUNDLE``: certifi's bundle followed by the
    private CA, so a client that builds a new TLS context per connection (as
    circleci.py 1.2.2 does) pays what it would pay against circleci.com.
    """
    import certifi
    import trustme

    authority = trustme.CA()
    authority.issue_cert("127.0.0.1", "localhost").private_key_and_cert_chain_pem.write_to_path(
        os.path.join(directory, "server.pem")
    )
    bundle = os.path.join(directory, "ca-bundle.pem")
    with open(certifi.where(), "rb") as public, open(bundle, "wb") as out:
        out.write(public.read() + b"\n" + authority.cert_pem.bytes())
    return bundle


@contextmanager
def running(cert_dir: str) -> Iterator[dict[str, str]]:
    """Start ``python -m bench.servers`` in its own process and yield its base URLs by transport."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.servers", cert_dir], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        yield json.loads(process.stdout.readline())
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _start(target: Any) -> None:
    threading.Thread(target=target, daemon=True).start()


def main(cert_dir: str) -> None:
    """Start the servers and proxies, print their base URLs, serve until stdin closes."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(f"{cert_dir}/server.pem")
    plain, tls, slow = Server(), Server(context), Server(delay=SERVER_DELAY)
    plain_proxy, tls_proxy = LatencyProxy(plain.server_port), LatencyProxy(tls.server_port)
    for server in (plain, tls, slow, plain_proxy, tls_proxy):
        _start(server.serve_forever)
    urls = {
        "http": f"http://127.0.0.1:{plain.server_port}",
        "https": f"https://127.0.0.1:{tls.server_port}",
        "http+50ms": f"http://127.0.0.1:{plain_proxy.port}",
        "https+50ms": f"https://127.0.0.1:{tls_proxy.port}",
        "http+delay50": f"http://127.0.0.1:{slow.server_port}",
    }
    print(json.dumps(urls), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main(sys.argv[1])
