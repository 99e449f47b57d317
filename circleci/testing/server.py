"""FakeCircleCI: the two HTTP listeners and what they answer.

The API listener (``127.0.0.1``) answers v1.1 and v2 through one routing
table, and v3 through the v3 modules, with one token check for all three;
the storage listener (reached as ``localhost``, a different host for HTTP
clients) serves artifacts. Every request goes the same way: faults, then the
token, then the route, then the body's schema, then the handler, under the
state's lock.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
import selectors
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from time import sleep
from typing import Any, Callable, Optional, Union
from urllib.parse import parse_qs, urlsplit

from . import hooks, insights, v1, v2, v2_admin, v3
from .artifacts import Storage, download_route
from .clock import Clock
from .faults import DROP, LATENCY, STATUS, Fault, Faults
from .intercept import patch_sleep, redirect
from .routing import Call, HttpError, Reply, Route, Router
from .seed import seed as seed_state
from .state import Job, JobPlan, NotFoundError, Pipeline, Project, State, WorkflowPlan
from .validation import body_error

_real_sleep = sleep

__all__ = ["DEFAULT_TOKEN", "SEEDED_START", "FakeCircleCI", "LoggedRequest"]

log = logging.getLogger("circleci.testing")

SEEDED_START = "2026-11-16T12:00:00Z"
"""Where the clock of a :class:`FakeCircleCI` given a ``seed`` (and no ``start``) starts: a fixed moment,
before CircleCI's 2026-12-07 and 2027-02-01 removals, so seeded runs are identical whenever they run."""

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
    """A threaded HTTP server on 127.0.0.1 that stops at once and cuts its open connections when it does."""

    daemon_threads = True

    def __init__(self, port: int, answer: Answer) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.answer = answer
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stopping = False
        self._wake_read, self._wake_write = os.pipe()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        """Accept connections until :meth:`close` writes to the wake-up pipe (no polling delay)."""
        with selectors.DefaultSelector() as selector:
            selector.register(self, selectors.EVENT_READ)
            selector.register(self._wake_read, selectors.EVENT_READ)
            while not self._stopping:
                for key, _ in selector.select():
                    if key.fileobj is self and not self._stopping:
                        self.handle_request()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (it timed out, or was cut) is no error of the server: log it quietly."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            log.debug("client %s went away", client_address)
            return
        super().handle_error(request, client_address)  # pragma: no cover (a bug of the fake, shown as usual)

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
        self._stopping = True
        os.write(self._wake_write, b"x")
        self._thread.join()
        os.close(self._wake_read)
        os.close(self._wake_write)
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        self.server_close()


@dataclass(frozen=True)
class LoggedRequest:
    """One request the fake answered, as :attr:`FakeCircleCI.requests` keeps it.

    :ivar operation: the route's name (a v2 ``operationId``, an
        :class:`~circleci.api.Api` method name for v1.1), or ``None`` for a
        path the fake does not know.
    :ivar method: the HTTP verb.
    :ivar path: the path, without the query.
    :ivar query: the query parameters (the last value of each).
    :ivar body: the decoded JSON body, or ``None``.
    :ivar status: the status it got (``None`` when a fault dropped the connection).
    """

    operation: Optional[str]
    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: Optional[int]


class FakeCircleCI:
    """An in-memory CircleCI server for tests and demos.

    Start it (``with FakeCircleCI() as fake:`` or :meth:`start`), point a
    client at :attr:`url` with :attr:`token`, and it answers the v1.1, v2 and
    v3 APIs from a seeded state (see :mod:`circleci.testing.seed`). Triggered
    pipelines run their workflows on the fake clock: :meth:`advance` moves it,
    or ``realtime=True`` lets it follow real time.

    :param realtime: let the clock follow real time (for demos); by default
        it stands still until :meth:`advance`.
    :param speed: fake seconds per real second, with ``realtime``.
    :param token: the token it accepts; more with :meth:`add_token`.
    :param seeded: start with the seeded user, projects and history.
    :param seed: makes ids, revisions and timestamps reproducible: given,
        and without ``start``, the clock starts at :data:`SEEDED_START`
        rather than now. Without it, ids follow seed 0 and the clock starts now.
    :param page_size: items per page of a v2 list.
    :param queue_delay: fake seconds a job is queued before it runs.
    :param setup_delay: fake seconds before a triggered pipeline has workflows.
    :param port: the API's port; 0 (default) picks a free one.
    :param start: the moment the fake clock starts at: an aware
        :class:`~datetime.datetime`, an ISO 8601 text (``"2027-02-01T00:00:00Z"``)
        or seconds since the epoch; default: now (:data:`SEEDED_START` with
        a ``seed``). Date-dependent behaviour (CircleCI's 2026-12-07 and
        2027-02-01 removals) follows this clock. With a ``seed``, ids and
        timestamps are the same from one run to the next.
    """

    def __init__(
        self,
        *,
        realtime: bool = False,
        speed: float = 1.0,
        token: str = DEFAULT_TOKEN,
        seeded: bool = True,
        seed: Optional[int] = None,
        page_size: int = 20,
        queue_delay: float = 1.0,
        setup_delay: float = 1.0,
        port: int = 0,
        start: Union[float, str, datetime, None] = None,
    ) -> None:
        self._options: dict[str, Any] = {
            "realtime": realtime,
            "speed": speed,
            "seeded": seeded,
            "seed": 0 if seed is None else seed,
            "page_size": page_size,
            "queue_delay": queue_delay,
            "setup_delay": setup_delay,
            "start": _epoch(SEEDED_START if start is None and seed is not None else start),
        }
        self.token = token
        self.tokens = {token}
        self.faults = Faults()
        self.requests: list[LoggedRequest] = []
        """Every request answered so far, oldest first (see :class:`LoggedRequest`)."""
        self.deliveries = hooks.Deliveries()
        self._build_state()
        self.router = Router(
            [
                *v1.ROUTES,
                *v2.ROUTES,
                *v2_admin.ROUTES,
                *insights.ROUTES,
                *hooks.ROUTES,
                download_route(self.storage),
            ]
        )
        self.port = port
        self._any_token = False
        self._api: Optional[_Listener] = None
        self._storage: Optional[_Listener] = None

    def _build_state(self) -> None:
        options = self._options
        self.clock = Clock(options["start"], realtime=options["realtime"], speed=options["speed"])
        self.state = State(
            self.clock,
            seed=options["seed"],
            queue_delay=options["queue_delay"],
            setup_delay=options["setup_delay"],
            page_size=options["page_size"],
        )
        if options["seeded"]:
            seed_state(self.state)
        self.deliveries.attach(self.state)
        storage = getattr(self, "storage", None)
        self.storage = Storage(self.state)
        if storage is not None:
            self.storage.base_url = storage.base_url
        self.v3 = v3.V3(self.state)
        """The API v3 side of the fake, over the same state."""

    def reset(self) -> None:
        """Forget everything since construction: state, clock, tokens added, faults, the request log
        and webhook deliveries. The server keeps listening on the same ports (fast: use it between tests)."""
        with self.state.lock:
            self.deliveries.wait()
            self.deliveries.log.clear()
            self.faults.clear()
            self.requests.clear()
            self.tokens = {self.token}
            self._any_token = False
            self._build_state()

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
        self.deliveries.close()

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
        self,
        org: str,
        name: str,
        *,
        vcs: str = "gh",
        plan: Optional[list[WorkflowPlan]] = None,
        parameters: Optional[dict[str, Any]] = None,
        first_build_number: int = 1,
    ) -> Project:
        """Add a project (no history); ``plan`` is what its pipelines run (default: build, then test).

        :param vcs: ``gh`` (GitHub OAuth), ``bb`` (Bitbucket), ``circleci``
            (GitHub App) or ``gitlab``; the last two get a
            ``circleci/<org-id>/<project-id>`` slug (:attr:`Project.slug`).
        :param parameters: the pipeline parameters the project's config
            declares, with their defaults; triggers with others are refused
            (400). ``None`` (default) accepts any.
        :param first_build_number: the number of its first job (v1.1 build).
        """
        with self.state.lock:
            return self.state.add_project(
                org, name, vcs=vcs, plan=plan, parameters=parameters, first_build_number=first_build_number
            )

    def set_user(self, *, login: Optional[str] = None, name: Optional[str] = None) -> None:
        """Change the login or name of the token's user (``getCurrentUser``, ``me()``)."""
        with self.state.lock:
            self.state.user.login = login or self.state.user.login
            self.state.user.name = name or self.state.user.name

    def add_user(self, login: str, name: Optional[str] = None) -> Any:
        """Add another user, e.g. to be the ``actor`` of :meth:`trigger_pipeline`."""
        with self.state.lock:
            return self.state.add_user(login, name or login)

    def record_deploy(
        self, slug: str, *, component: str, environment: str, version: str, job: Optional[Job] = None
    ) -> dict[str, Any]:
        """Record that a version of a component went live in an environment (what the deploy
        operations list and ``rollbackProject`` rolls back)."""
        with self.state.lock:
            project = self.state.project(slug)
            return v2_admin.record_deploy(
                self.state, project, component=component, environment=environment, version=version, job=job
            )

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
        tag: Optional[str] = None,
        revision: Optional[str] = None,
        at: Union[float, str, datetime, None] = None,
        actor: Optional[str] = None,
        trigger_type: str = "webhook",
    ) -> Pipeline:
        """Trigger a pipeline, as a push would (optionally with its own ``plan``).

        :param revision: the commit (default: a new one).
        :param at: when it was triggered (default: now); a past moment (an
            aware datetime, ISO 8601 text or epoch seconds) replays its
            history up to now, so it is already finished if it had time to.
        :param actor: the login of the user who triggered it (added if new);
            default the token's user.
        :param trigger_type: ``webhook`` (a push), ``api`` or ``schedule``.
        :raises ValueError: for parameters the project does not declare.
        """
        with self.state.lock:
            project = self.state.project(slug)
            user = None
            if actor is not None:
                user = next((u for u in self.state.users.values() if u.login == actor), None)
                user = user or self.state.add_user(actor, actor)
            return self.state.trigger(
                project,
                branch=branch,
                tag=tag,
                plan=plan,
                parameters=parameters,
                trigger_type=trigger_type,
                at=_epoch(at),
                actor=user,
                revision=revision,
            )

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

    # -- putting code under test on the fake ---------------------------------

    @contextlib.contextmanager
    def redirect(self, *, any_token: bool = True) -> Iterator[FakeCircleCI]:
        """Send the requests that code under test makes to ``https://circleci.com`` to this fake instead.

        It patches ``requests``' transport adapter (what :class:`~circleci.api.Api`
        and :class:`~circleci.v2.ApiV2` send through) for the ``with`` block, so
        code that builds ``Api(token)`` with the default URL reaches the fake
        unchanged. With ``any_token`` (default) every token but a missing one
        is accepted, since such code reads its own.
        """
        previous, self._any_token = self._any_token, any_token
        try:
            with redirect("https://circleci.com", self.root_url):
                yield self
        finally:
            self._any_token = previous

    def patch_sleep(self) -> contextlib.AbstractContextManager[None]:
        """A context manager in which ``time.sleep(n)`` does not wait but moves the fake clock ``n`` seconds,
        so a script that polls between sleeps finishes at once."""
        return patch_sleep(self.advance)

    # -- faults -------------------------------------------------------------

    def route_names(self) -> list[str]:
        """The names faults can target.

        They are the v2 operation ids (``triggerPipeline``), the
        :class:`~circleci.api.Api` and :class:`~circleci.v3.ApiV3` method
        names (``get_build_info``, ``list_runs``),
        ``download_artifact`` (the API's artifact link) and ``storage`` (the
        storage host).
        """
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
            _real_sleep(delay)
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
        query = {name: values[-1] for name, values in parse_qs(url.query).items()}
        try:
            logged_body: Any = json.loads(body) if body.strip() else None
        except ValueError:
            logged_body = body.decode("utf-8", "replace")
        name: Optional[str]
        if url.path.startswith(v3.PREFIX + "/"):
            found, _ = self.v3.match(verb, url.path)
            name = found.name if found else None
            faulted, reply = self._apply_faults(name or "")
            if not faulted:
                reply = self.v3.answer(verb, url, headers, body, self.root_url, self._accepts)
        else:
            route, params = self.router.match(verb, url.path)
            name = route.name if route else None
            reply = self._answer_route(verb, url.path, route, params, query, headers, body)
        self.requests.append(
            LoggedRequest(
                name,
                verb,
                url.path,
                query,
                logged_body,
                reply.status if reply else None,
            )
        )
        return reply

    def _answer_route(
        self,
        verb: str,
        path: str,
        route: Optional[Route],
        params: dict[str, str],
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
    ) -> Optional[Reply]:
        faulted, reply = self._apply_faults(route.name if route else "")
        if faulted:
            return reply
        try:
            if route is None or route.name != "download_usage_export":
                self._authenticate(headers, bearer=not path.startswith("/api/v1"))
            if route is None:
                raise _unknown_route(verb, path)
            data = _decode(body)
            problem = body_error(route.name, data)
            if problem:
                raise HttpError(400, f"Invalid request body for {route.name}: {problem}")
            with self.state.lock:
                self.state.tick()
                return route.handler(Call(self.state, params, query, data, self.root_url))
        except HttpError as exc:
            return Reply.message(exc.message, exc.status)
        except NotFoundError as exc:
            return Reply.message(str(exc), 404)

    def _authenticate(self, headers: dict[str, str], bearer: bool = True) -> None:
        """Check the token: ``Circle-Token``, HTTP basic, or (not on v1.1) ``Authorization: Bearer``."""
        authorization = headers.get("authorization", "")
        if bearer and authorization.lower().startswith("bearer "):
            authorization, bearer_token = "", authorization[7:].strip()
        else:
            bearer_token = None
        token = headers.get("circle-token") or bearer_token or _basic_user(authorization)
        if not token:
            raise HttpError(401, "You must log in first.")
        if not self._accepts(token):
            raise HttpError(401, "Invalid token provided.")

    def _accepts(self, token: str) -> bool:
        """Whether a token is taken: one of :attr:`tokens`, or any real one inside :meth:`redirect`."""
        return token in self.tokens or (self._any_token and token != "None")


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
