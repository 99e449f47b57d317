"""FakeCircleCI: the two HTTP listeners and what they answer.

The API listener (``127.0.0.1``) answers v1.1 and v2 through one routing
table; the storage listener (reached as ``localhost``, a different host for
HTTP clients) serves artifacts. Every request goes the same way: faults,
then the token, then the route, then the body's schema, then the handler,
under the state's lock.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import socket
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional, Union
from urllib.parse import parse_qs, urlsplit

from . import v1, v2, v3
from .artifacts import Storage, download_route
from .clock import Clock
from .faults import DROP, LATENCY, STATUS, Fault, Faults
from .routing import Call, HttpError, Reply, Router
from .seed import seed as seed_state
from .state import Job, JobPlan, NotFoundError, Pipeline, Project, State, WorkflowPlan
from .validation import body_error

__all__ = ["DEFAULT_TOKEN", "FakeCircleCI"]

log = logging.getLogger("circleci.testing")

DEFAULT_TOKEN = "fake-circleci-token"
"""The token a :class:`FakeCircleCI` accepts unless told otherwise."""

Answer = Callable[[str, str, dict[str, str], bytes], Optional[Reply]]


class _Handler(BaseHTTPRequestHandler):
    """Hands each request to its listener's ``answer`` and writes the reply (or drops the connection)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: do not hold the body back
    server: _Listener

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, verb: str) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            reply = self.server.answer(verb, self.path, headers, body)
        except Exception as exc:  # a bug of the fake: answer it, rather than drop the connection like a fault
            log.exception("FakeCircleCI failed on %s %s", verb, self.path)
            reply = Reply.message(f"FakeCircleCI failed: {type(exc).__name__}: {exc}", 500)
        if reply is None:
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class _Listener(ThreadingHTTPServer):
    """A threaded HTTP server on 127.0.0.1 that can also cut its open connections when it stops."""

    daemon_threads = True

    def __init__(self, port: int, answer: Answer) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.answer = answer
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close(self) -> None:
        """Stop serving, close every open connection and the listening socket."""
        self.shutdown()
        self._thread.join()
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        self.server_close()


class FakeCircleCI:
    """An in-memory CircleCI server for tests and demos.

    Start it (``with FakeCircleCI() as fake:`` or :meth:`start`), point a
    client at :attr:`url` with :attr:`token`, and it answers the v1.1 and v2
    API from a seeded state (see :mod:`circleci.testing.seed`). Triggered
    pipelines run their workflows on the fake clock: :meth:`advance` moves it,
    or ``realtime=True`` lets it follow real time.

    :param realtime: let the clock follow real time (for demos); by default
        it stands still until :meth:`advance`.
    :param speed: fake seconds per real second, with ``realtime``.
    :param token: the token it accepts; more with :meth:`add_token`.
    :param seeded: start with the seeded user, projects and history.
    :param seed: makes ids and revisions reproducible.
    :param page_size: items per page of a v2 list.
    :param queue_delay: fake seconds a job is queued before it runs.
    :param setup_delay: fake seconds before a triggered pipeline has workflows.
    :param port: the API's port; 0 (default) picks a free one.
    :param start: the moment the fake clock starts at: an aware
        :class:`~datetime.datetime`, an ISO 8601 text (``"2027-02-01T00:00:00Z"``)
        or seconds since the epoch; default: now. Date-dependent behaviour
        (CircleCI's 2026-12-07 and 2027-02-01 removals) follows this clock.
    """

    def __init__(
        self,
        *,
        realtime: bool = False,
        speed: float = 1.0,
        token: str = DEFAULT_TOKEN,
        seeded: bool = True,
        seed: int = 0,
        page_size: int = 20,
        queue_delay: float = 1.0,
        setup_delay: float = 1.0,
        port: int = 0,
        start: Union[float, str, datetime, None] = None,
    ) -> None:
        self.clock = Clock(_epoch(start), realtime=realtime, speed=speed)
        self.state = State(self.clock, seed=seed, queue_delay=queue_delay, setup_delay=setup_delay, page_size=page_size)
        if seeded:
            seed_state(self.state)
        self.token = token
        self.tokens = {token}
        self.faults = Faults()
        self.storage = Storage(self.state)
        self.router = Router([*v1.ROUTES, *v2.ROUTES, download_route(self.storage)])
        self.v3 = v3.V3(self.state)
        self.port = port
        self._api: Optional[_Listener] = None
        self._storage: Optional[_Listener] = None

    # -- lifecycle ----------------------------------------------------------

    def start(self) -> FakeCircleCI:
        """Start listening (the API on 127.0.0.1, artifacts on localhost); return the server."""
        if self._api is None:
            self._api = _Listener(self.port, self._answer_api)
            self._storage = _Listener(0, self._answer_storage)
            self.storage.base_url = f"http://localhost:{self._storage.port}"
        return self

    def stop(self) -> None:
        """Stop listening and close open connections; the state is kept, and :meth:`start` serves it again."""
        for listener in (self._api, self._storage):
            if listener is not None:
                listener.close()
        self._api = self._storage = None

    def __enter__(self) -> FakeCircleCI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:<port>``, where the API and artifact links live."""
        if self._api is None:
            raise RuntimeError("FakeCircleCI is not started: call start() or use it in a with block")
        return f"http://127.0.0.1:{self._api.port}"

    @property
    def url(self) -> str:
        """The API v1.1 base URL, for ``Api(token, url)``."""
        return f"{self.root_url}/api/v1.1"

    @property
    def url_v2(self) -> str:
        """The API v2 base URL, for ``ApiV2(token, url)``."""
        return f"{self.root_url}/api/v2"

    @property
    def url_v3(self) -> str:
        """The API v3 base URL, for ``ApiV3(token, url)``."""
        return f"{self.root_url}/api/v3"

    @property
    def storage_url(self) -> str:
        """The storage host's base URL (``http://localhost:<port>``)."""
        self.root_url  # noqa: B018 (raises when not started)
        return self.storage.base_url

    def environment(self) -> dict[str, str]:
        """The variables a script needs to talk to this server: ``CIRCLE_TOKEN`` and ``CIRCLECI_API_URL``."""
        return {"CIRCLE_TOKEN": self.token, "CIRCLECI_API_URL": self.url}

    # -- state --------------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Move the fake clock forward; jobs that were due to start or finish do."""
        with self.state.lock:
            self.clock.advance(seconds)
            self.state.tick()

    def add_token(self, token: str) -> None:
        """Accept another token."""
        self.tokens.add(token)

    def project(self, slug: str) -> Project:
        """A project by slug, e.g. ``gh/acme/widget``; raises :class:`LookupError` when unknown."""
        return self.state.project(slug)

    def add_project(
        self, org: str, name: str, *, vcs: str = "gh", plan: Optional[list[WorkflowPlan]] = None
    ) -> Project:
        """Add a project (no history); ``plan`` is what its pipelines run (default: build, then test)."""
        with self.state.lock:
            return self.state.add_project(org, name, vcs=vcs, plan=plan)

    def set_plan(self, slug: str, plan: list[WorkflowPlan]) -> None:
        """Set what the project's next pipelines run; ``[]`` makes them error as a broken config would."""
        with self.state.lock:
            self.state.project(slug).plan = list(plan)

    def trigger_pipeline(
        self,
        slug: str,
        *,
        branch: Optional[str] = None,
        plan: Optional[list[WorkflowPlan]] = None,
        parameters: Optional[dict[str, Any]] = None,
    ) -> Pipeline:
        """Trigger a pipeline now, as a push would (optionally with its own ``plan``)."""
        with self.state.lock:
            project = self.state.project(slug)
            return self.state.trigger(project, branch=branch, plan=plan, parameters=parameters, trigger_type="webhook")

    def add_running_build(
        self, slug: str, *, duration: float = 5.0, name: str = "build", outcome: str = "success"
    ) -> Job:
        """Start a one-job pipeline whose job (a v1.1 build) is queued now and runs for ``duration``."""
        plan = [WorkflowPlan("workflow", [JobPlan(name, duration=duration, outcome=outcome)])]
        with self.state.lock:
            pipeline = self.state.trigger(self.state.project(slug), plan=plan, setup_delay=0)
            return pipeline.workflows[0].jobs[0]

    def build_url(self, job: Job) -> str:
        """The ``build_url`` of a numbered job, as CircleCI sets ``CIRCLE_BUILD_URL``."""
        return f"{self.root_url}/{job.project.slug}/{job.number}"

    # -- faults -------------------------------------------------------------

    def route_names(self) -> list[str]:
        """The names faults can target: v2 ``operationId``s, :class:`~circleci.api.Api` method names,
        ``download_artifact`` (the API's artifact link) and ``storage`` (the storage host)."""
        return sorted({*self.router.names(), *self.v3.route_names(), "storage"})

    def rate_limit(self, *, times: Optional[int] = 1, retry_after: float = 1, route: Optional[str] = None) -> Fault:
        """Answer 429 ``Rate limited.`` (plain text) with ``Retry-After`` to the next ``times`` requests."""
        reply = Reply(429, b"Rate limited.", {"Content-Type": "text/plain", "Retry-After": f"{retry_after:g}"})
        return self._add_fault(Fault(STATUS, route, times, reply))

    def fail(
        self,
        route: Optional[str] = None,
        *,
        status: int = 500,
        message: str = "Internal server error",
        times: Optional[int] = 1,
    ) -> Fault:
        """Answer ``status`` with ``{"message": message}`` to the next ``times`` requests of a route."""
        return self._add_fault(Fault(STATUS, route, times, Reply.message(message, status)))

    def add_latency(self, seconds: float, *, route: Optional[str] = None, times: Optional[int] = None) -> Fault:
        """Wait ``seconds`` (real time) before answering requests of a route (all of them by default)."""
        return self._add_fault(Fault(LATENCY, route, times, delay=seconds))

    def drop_connections(self, *, times: Optional[int] = 1, route: Optional[str] = None) -> Fault:
        """Close the connection without an answer for the next ``times`` requests."""
        return self._add_fault(Fault(DROP, route, times))

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        self.faults.clear()

    def _add_fault(self, fault: Fault) -> Fault:
        """Add a fault; a route name that no request can have (a typo) raises :class:`ValueError`."""
        if fault.route is not None and fault.route not in self.route_names():
            raise ValueError(f"no route is named {fault.route!r}; route_names() lists them")
        return self.faults.add(fault)

    # -- answering ----------------------------------------------------------

    def _apply_faults(self, route: str) -> tuple[bool, Optional[Reply]]:
        """Apply the faults of a route: whether one replaces the answer, and with what (``None`` to drop)."""
        delay, fault = self.faults.take(route)
        if delay:
            time.sleep(delay)
        if fault is None:
            return False, None
        return True, None if fault.kind == DROP else fault.reply

    def _answer_storage(self, verb: str, target: str, headers: dict[str, str], body: bytes) -> Optional[Reply]:
        faulted, reply = self._apply_faults("storage")
        if faulted:
            return reply
        with self.state.lock:
            return self.storage.answer(verb, target, headers)

    def _answer_api(self, verb: str, target: str, headers: dict[str, str], body: bytes) -> Optional[Reply]:
        url = urlsplit(target)
        if url.path.startswith(v3.PREFIX + "/"):
            found, _ = self.v3.match(verb, url.path)
            faulted, reply = self._apply_faults(found.name if found else "")
            return reply if faulted else self.v3.answer(verb, url, headers, body, self.root_url, self.tokens)
        route, params = self.router.match(verb, url.path)
        faulted, reply = self._apply_faults(route.name if route else "")
        if faulted:
            return reply
        try:
            self._authenticate(headers)
            if route is None:
                raise _unknown_route(verb, url.path)
            data = _decode(body)
            problem = body_error(route.name, data)
            if problem:
                raise HttpError(400, f"Invalid request body for {route.name}: {problem}")
            query = {name: values[-1] for name, values in parse_qs(url.query).items()}
            with self.state.lock:
                self.state.tick()
                return route.handler(Call(self.state, params, query, data, self.root_url))
        except HttpError as exc:
            return Reply.message(exc.message, exc.status)
        except NotFoundError as exc:
            return Reply.message(str(exc), 404)

    def _authenticate(self, headers: dict[str, str]) -> None:
        token = headers.get("circle-token") or _basic_user(headers.get("authorization", ""))
        if not token:
            raise HttpError(401, "You must log in first.")
        if token not in self.tokens:
            raise HttpError(401, "Invalid token provided.")


def _epoch(start: Union[float, str, datetime, None]) -> Optional[float]:
    """A start moment as seconds since the epoch (``None`` stays ``None``); naive times are UTC."""
    if start is None or isinstance(start, (int, float)):
        return start
    moment = datetime.fromisoformat(start.replace("Z", "+00:00")) if isinstance(start, str) else start
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _basic_user(authorization: str) -> Optional[str]:
    """The user of HTTP basic credentials (CircleCI takes the token as the user)."""
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return base64.b64decode(credentials, validate=True).decode().partition(":")[0]
    except (binascii.Error, UnicodeDecodeError):
        return None


def _decode(body: bytes) -> Any:
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except ValueError:
        raise HttpError(400, "Request body is not valid JSON") from None


def _unknown_route(verb: str, path: str) -> HttpError:
    operation_id = v2.unimplemented(verb, path)
    if operation_id is not None:
        return HttpError(501, f"FakeCircleCI does not implement {operation_id} ({verb} {path})")
    return HttpError(404, "Not found")
