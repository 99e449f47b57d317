"""Real HTTP servers on the loopback interface, for transport tests.

A :class:`LoopbackServer` answers each request with the next :class:`Reply`
of its script (the last one repeats) and records what it received: the
request line, headers, body and the TCP connection it came on. Replies can
misbehave the way real servers and networks do: reset the connection, hang,
announce more bytes than they send, or stream a large body in chunks.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional

HANG_LIMIT = 10.0
"""Longest time a hanging reply holds its connection (the server's stop ends it sooner)."""

RESET = "reset"
"""``fault``/``end``: abort the connection with a TCP reset."""
HANG = "hang"
"""``fault``: read the request and never answer."""
CLOSE = "close"
"""``end``: close the connection normally after the body."""
DROP = "drop"
"""``fault``: read the request and close the connection cleanly without answering
(what a server does when it times out an idle keep-alive connection just as a request arrives)."""


@dataclass
class Reply:
    """What the server does with one request.

    :ivar status: the status code.
    :ivar body: bytes, text, or a value sent as JSON.
    :ivar headers: extra response headers.
    :ivar content_type: the ``Content-Type``; JSON bodies default to
        ``application/json``, others to ``text/plain``.
    :ivar length: the ``Content-Length`` to announce, when not the body's.
    :ivar chunks: a function giving the body piece by piece (``length`` is then required).
    :ivar fault: ``RESET``, ``HANG`` or ``DROP`` instead of answering.
    :ivar end: after the body: keep the connection (``None``), ``CLOSE`` it or ``RESET`` it.
    """

    status: int = 200
    body: Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: Optional[str] = None
    length: Optional[int] = None
    chunks: Optional[Callable[[], Iterable[bytes]]] = None
    fault: Optional[str] = None
    end: Optional[str] = None

    def payload(self) -> tuple[bytes, str]:
        """The body as bytes, and its content type."""
        if isinstance(self.body, bytes):
            return self.body, self.content_type or "text/plain"
        if isinstance(self.body, str):
            return self.body.encode(), self.content_type or "text/plain; charset=utf-8"
        return json.dumps(self.body).encode(), self.content_type or "application/json"


def json_reply(body: Any, status: int = 200, **headers: str) -> Reply:
    """A JSON reply with optional headers (``Retry_After`` becomes ``Retry-After``)."""
    return Reply(status=status, body=body, headers={name.replace("_", "-"): value for name, value in headers.items()})


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    connection: int

    def header(self, name: str) -> Optional[str]:
        """A request header by case-insensitive name, or ``None``."""
        return next((value for key, value in self.headers.items() if key.lower() == name.lower()), None)


class LoopbackServer:
    """A threaded HTTP/1.1 server with keep-alive on 127.0.0.1.

    :param address_host: the host name put in :attr:`url` (``localhost``
        gives a second host name for the same interface).
    :param port: the port to listen on; 0 picks a free one.
    """

    def __init__(self, address_host: str = "127.0.0.1", port: int = 0) -> None:
        self.received: list[Received] = []
        self.connections = 0
        self.stopping = threading.Event()
        self._script: deque[Reply] = deque([Reply(body={})])
        self._responder: Optional[Callable[[Received], Reply]] = None
        self._lock = threading.Lock()
        self._httpd = _HTTPServer(("127.0.0.1", port), _Handler)
        self._httpd.owner = self
        self.port = self._httpd.server_address[1]
        self.url = f"http://{address_host}:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def script(self, *replies: Reply) -> LoopbackServer:
        """Answer the next requests with ``replies`` in order; the last one repeats."""
        with self._lock:
            self._script = deque(replies)
        return self

    def answer_with(self, responder: Callable[[Received], Reply]) -> LoopbackServer:
        """Answer every request with ``responder(request)`` instead of the script."""
        self._responder = responder
        return self

    def paths(self) -> list[str]:
        """The paths received, in order."""
        return [request.path for request in self.received]

    def start(self) -> LoopbackServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, release hanging replies and close the listening socket."""
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=2)

    def _next(self, request: Received) -> Reply:
        with self._lock:
            self.received.append(request)
            if self._responder is not None:
                return self._responder(request)
            return self._script.popleft() if len(self._script) > 1 else self._script[0]

    def _connected(self) -> None:
        with self._lock:
            self.connections += 1


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    owner: LoopbackServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-answer are part of the tests, not errors."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5
    disable_nagle_algorithm = True
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.owner._connected()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        self._answer()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _answer(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(size) if size else b""
        request = Received(self.command, self.path, dict(self.headers.items()), body, self.client_address[1])
        reply = self.server.owner._next(request)
        if reply.fault == HANG:
            self.server.owner.stopping.wait(HANG_LIMIT)
            self.close_connection = True
            return
        if reply.fault == RESET:
            self._reset()
            return
        if reply.fault == DROP:
            self.close_connection = True
            return
        payload, content_type = reply.payload()
        self.send_response(reply.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(reply.length if reply.length is not None else len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        for piece in _pieces(reply, payload):
            self.wfile.write(piece)
        if reply.end == RESET:
            self._reset()
        elif reply.end == CLOSE:
            self.close_connection = True

    def _reset(self) -> None:
        """Abort the connection with a TCP RST instead of a clean close."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


def _pieces(reply: Reply, payload: bytes) -> Iterator[bytes]:
    if reply.chunks is not None:
        yield from reply.chunks()
    elif payload and reply.status != 204:
        yield payload


def refused_port() -> int:
    """A loopback port with nothing listening (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
