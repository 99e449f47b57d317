"""The one place that speaks HTTP.

A :class:`Transport` owns a pooled :class:`requests.Session` and applies the
client's policy to every request: the token header (never a URL parameter),
finite timeouts, retries by :class:`RetryPolicy`, status to exception mapping,
JSON decoding, deprecation warnings and streamed, atomic downloads.
``Api`` and ``ApiV2`` build paths and call :meth:`Transport.request`; nothing
else in the package imports :mod:`requests` to send anything.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import math
import os
import random
import re
import secrets
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator
from itertools import takewhile
from typing import Any, Optional, Union
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader, MaxRetryError, ReadTimeoutError, ResponseError
from urllib3.util.retry import Retry

from . import error
from .version import VERSION

__all__ = [
    "DEFAULT_POOL_SIZE",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "RETRY_AFTER_CAP",
    "RetryPolicy",
    "Transport",
    "jitter",
    "resolve_token",
]

log = logging.getLogger("circleci")

TOKEN_HEADER = "Circle-Token"
BEARER = "bearer"
"""``auth`` value of :meth:`Transport.request` that sends ``Authorization: Bearer <token>`` (API v3)."""
RATE_LIMIT_HEADERS = (
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit",
    "RateLimit-Policy",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "Retry-After",
)
"""Rate-limit headers kept from each answer (:attr:`Transport.rate_limit`) and on errors."""
_MASKABLE = 8
CREDENTIAL_HEADERS = (TOKEN_HEADER, "Authorization")
MASK = "***"
DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 60.0)
"""Seconds to wait for a connection, and between bytes of an answer."""
DEFAULT_RETRIES = 3
"""Retries after the first attempt (so at most four requests per call)."""
DEFAULT_POOL_SIZE = 16
"""Connections kept open per host; enough for 16 threads sharing one client."""
RETRY_AFTER_CAP = 60.0
"""Longest ``Retry-After`` the client waits for; a longer one raises at once."""
BACKOFF_FACTOR = 0.5
"""The first backoff wait, in seconds; each further one doubles it."""
BACKOFF_CAP = 8.0
"""The longest backoff wait between two attempts, in seconds."""
DOWNLOAD_CHUNK = 256 * 1024
_PARTIAL_ATTEMPTS = 100
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
UNREDIRECTED = frozenset({"POST", "PATCH"})
_HEADER_PARSER = Retry(0)
_ID_SEGMENT = re.compile(r"/(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?=/|$)")
"""A path segment that is a build number or a UUID: one endpoint, whatever its value."""

Timeout = Union[float, tuple[float, float]]


def resolve_token(token: Optional[str]) -> Optional[str]:
    """The token to use: the one given, else ``CIRCLE_TOKEN``, else ``None``."""
    return token or os.environ.get("CIRCLE_TOKEN") or None


def jitter(delay: float) -> float:
    """Spread a backoff delay over its upper half, so clients do not retry in step."""
    return random.uniform(delay / 2, delay)


class RetryPolicy(Retry):
    """urllib3's :class:`~urllib3.util.Retry` with this client's policy.

    * GET, HEAD, PUT and DELETE retry connection failures, read failures, 429
      and 502/503/504.
    * POST and PATCH retry 429 (the request was refused, not run) and failures
      to connect (nothing was sent), never a 5xx or a broken answer, so a
      trigger is never sent twice.
    * ``Retry-After`` (seconds or an HTTP date) is obeyed up to
      ``retry_after_cap`` seconds; a longer wait gives up at once and the
      client raises the status's error (:class:`~circleci.error.RateLimited`
      for a 429, with ``retry_after`` set). An unreadable ``Retry-After`` is
      treated as absent.
    * Without ``Retry-After`` the wait doubles from 0.5 s up to 8 s, spread
      by :func:`jitter`.

    So one call spends at most ``total * max(retry_after_cap, 8)`` seconds
    waiting between attempts (3 minutes with the defaults), plus the time of
    its ``total + 1`` attempts.

    :param total: retries after the first attempt.
    :param retry_after_cap: the longest ``Retry-After`` to wait for, in seconds.
    :param kwargs: any other :class:`~urllib3.util.Retry` option.
    """

    def __init__(
        self, total: int = DEFAULT_RETRIES, *, retry_after_cap: float = RETRY_AFTER_CAP, **kwargs: Any
    ) -> None:
        kwargs.setdefault("backoff_factor", BACKOFF_FACTOR)
        kwargs.setdefault("status_forcelist", frozenset({429, 502, 503, 504}))
        kwargs.setdefault("allowed_methods", IDEMPOTENT)
        kwargs.setdefault("raise_on_status", False)
        kwargs.setdefault("raise_on_redirect", False)
        super().__init__(total=total, **kwargs)
        self.retry_after_cap = retry_after_cap

    def new(self, **kw: Any) -> RetryPolicy:
        """A copy with some options changed (urllib3 calls this on each retry)."""
        kw.setdefault("retry_after_cap", self.retry_after_cap)
        return super().new(**kw)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        """Whether a status is retried: 429 for every verb, else urllib3's rule."""
        if status_code == 429:
            return True
        return bool(super().is_retry(method, status_code, has_retry_after))

    def get_retry_after(self, response: Any) -> Optional[float]:
        """Seconds from the response's ``Retry-After``, ``None`` when absent or unreadable."""
        return _retry_after_seconds(response.headers.get("Retry-After"))

    def get_backoff_time(self) -> float:
        """The wait before the next retry: doubling per consecutive failure, capped, with jitter."""
        errors = len(list(takewhile(lambda h: h.redirect_location is None, reversed(self.history))))
        if errors == 0:
            return 0.0
        return jitter(min(BACKOFF_CAP, self.backoff_factor * (2 ** (errors - 1))))

    def increment(
        self, method: Optional[str] = None, url: Optional[str] = None, *args: Any, **kwargs: Any
    ) -> RetryPolicy:
        """Count one failure; give up at once on a ``Retry-After`` beyond the cap."""
        response = kwargs.get("response", args[0] if args else None)
        if response is not None:
            wait = self.get_retry_after(response)
            if wait is not None and wait > self.retry_after_cap:
                raise MaxRetryError(kwargs.get("_pool"), url or "", ResponseError("Retry-After beyond cap"))  # type: ignore[arg-type]
        new = super().increment(method, url, *args, **kwargs)
        cause = f"status {response.status}" if response is not None else type(kwargs.get("error")).__name__
        log.info("retrying %s %s after %s (%d retries left)", method, _path(url or ""), cause, new.total or 0)
        return new


def _retry_after_seconds(value: Optional[str]) -> Optional[float]:
    """Seconds from a ``Retry-After`` value, or ``None`` when absent or unreadable."""
    if not value:
        return None
    try:
        return float(_HEADER_PARSER.parse_retry_after(value))
    except InvalidHeader:
        return None


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


def _policy(retries: Union[int, Retry]) -> Retry:
    if isinstance(retries, Retry):
        return retries
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise error.InvalidArgumentError(retries, "retries must be an integer of 0 or more, or a Retry")
    return RetryPolicy(retries)


def _timeout(timeout: Timeout) -> Timeout:
    values = timeout if isinstance(timeout, tuple) else (timeout,)
    if len(values) not in (1, 2) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < math.inf for v in values
    ):
        raise error.InvalidArgumentError(
            timeout, "timeout must be a positive, finite number of seconds, or a (connect, read) pair"
        )
    return timeout


def _pool_size(pool_size: int) -> int:
    if isinstance(pool_size, bool) or not isinstance(pool_size, int) or pool_size < 1:
        raise error.InvalidArgumentError(pool_size, "pool_size must be a positive integer")
    return pool_size


class _Session(requests.Session):
    """A session that also drops ``Circle-Token`` when a redirect leaves the host.

    requests removes ``Authorization`` on such a redirect but keeps custom
    headers; artifact downloads redirect to storage hosts that must not see
    the token. "Leaving the host" is requests' own rule: another host name,
    another port, or another scheme (except http to https on default ports).
    """

    def rebuild_auth(self, prepared_request: requests.PreparedRequest, response: requests.Response) -> None:
        """Drop every credential header when the redirect goes to another origin."""
        super().rebuild_auth(prepared_request, response)  # type: ignore[no-untyped-call]
        if self.should_strip_auth(  # type: ignore[no-untyped-call]
            response.request.url, prepared_request.url
        ):
            prepared_request.headers.pop(TOKEN_HEADER, None)


class Transport:
    """Sends requests for one client and the clients that share it.

    One instance is safe to use from several threads at once: the session's
    connection pool hands each thread its own connection, up to
    ``pool_size`` kept open per host (more are opened when needed, and closed
    after use).

    :param token: the CircleCI personal API token, or ``None`` to send no
        credentials.
    :param timeout: seconds for connecting and for each read, as one number
        or a ``(connect, read)`` pair.
    :param retries: retries after a failed attempt (``0`` for none), or a
        urllib3 ``Retry`` such as :class:`RetryPolicy`.
    :param pool_size: connections kept open per host.
    """

    def __init__(
        self,
        token: Optional[str],
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: Union[int, Retry] = DEFAULT_RETRIES,
        pool_size: int = DEFAULT_POOL_SIZE,
    ) -> None:
        self.token = token
        self.timeout = _timeout(timeout)
        self.retries = _policy(retries)
        self.session = _Session()
        self.session.headers["User-Agent"] = f"circleci-python/{VERSION} requests/{requests.__version__}"
        self.session.headers["Accept"] = "application/json"
        self.pool_size = _pool_size(pool_size)
        adapter = HTTPAdapter(max_retries=self.retries, pool_connections=4, pool_maxsize=self.pool_size)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        # With trust_env on, requests scans the environment for proxies and a CA
        # bundle on every call (about a sixth of a loopback call's time). Read the
        # CA bundle once here and each origin's proxies once, on first use.
        self.session.trust_env = False
        self.session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        self._proxies: dict[str, dict[str, str]] = {}
        self.trusted_hosts: set[str] = set()
        self._warned: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"<Transport timeout={self.timeout!r} retries={self.retries.total!r}>"

    @property
    def token(self) -> Optional[str]:
        """The token sent as ``Circle-Token``; never shown in reprs or errors."""
        return self._token

    @token.setter
    def token(self, value: Optional[str]) -> None:
        self._token = value
        self._headers = {TOKEN_HEADER: value} if value else {}

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    @property
    def rate_limit(self) -> dict[str, str]:
        """The rate-limit headers (:data:`RATE_LIMIT_HEADERS`) of this thread's last answer."""
        return dict(getattr(self._local, "rate_limit", {}))

    def credentials(self, auth: Optional[str] = None) -> dict[str, str]:
        """The credential header to send: ``Circle-Token``, or with ``auth=BEARER`` ``Authorization: Bearer``.

        Without a token there is no header at all.
        """
        if auth == BEARER:
            return {"Authorization": f"Bearer {self._token}"} if self._token else {}
        return self._headers

    @contextlib.contextmanager
    def stream(
        self,
        method: str,
        url: str,
        *,
        params: Optional[dict[str, Any]] = None,
        headers: Optional[dict[str, str]] = None,
        auth: Optional[str] = None,
    ) -> Iterator[requests.Response]:
        """Send one request and give its response unread, for streaming its body.

        The policy of :meth:`request` applies (retries, status to exception);
        the connection goes back to the pool when the block ends.

        :param headers: extra request headers (e.g. ``Range``).
        :param auth: ``None`` for ``Circle-Token``, :data:`BEARER` for ``Authorization: Bearer``.
        """
        with self._send(
            method, url, {**self.credentials(auth), **(headers or {})}, params=params, stream=True
        ) as response:
            yield response

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Optional[dict[str, Any]] = None,
        json_body: Any = None,
        auth: Optional[str] = None,
    ) -> Any:
        """Send one API request and return its decoded JSON body.

        :param method: the HTTP verb.
        :param url: the full URL, without credentials.
        :param params: query parameters; ``None`` values are left out.
        :param json_body: a body to send as JSON, or ``None`` for no body.
        :param auth: ``None`` for ``Circle-Token``, :data:`BEARER` for ``Authorization: Bearer``.
        :returns: the decoded JSON, or ``None`` for an empty body.
        :raises CircleCIHTTPError: for a status that is not a success.
        :raises CircleCIConnectionError: when the server cannot be reached.
        :raises CircleCITimeout: when it does not answer in time.
        :raises InvalidResponseError: for a success whose body is not JSON.
        """
        response = self._send(method, url, self.credentials(auth), params=params, json_body=json_body)
        body = response.content
        if not body or body.isspace():
            return None
        try:
            return json.loads(body)
        except ValueError:
            content_type = response.headers.get("Content-Type", "none")
            raise error.InvalidResponseError(
                f"{method} {self._safe(response.url)} answered {response.status_code} "
                f"with a body that is not JSON (Content-Type: {content_type})",
                status_code=response.status_code,
                content_type=content_type,
            ) from None

    def download(self, url: str, target: str) -> str:
        """Stream ``url`` into the file ``target``, atomically.

        The body goes to a temporary file beside ``target`` that is renamed
        into place only once every byte has arrived, so a failure leaves
        neither a partial file nor a temporary one, and an existing file at
        ``target`` is kept. The token goes in the ``Circle-Token`` header,
        only over HTTPS or to a host in :attr:`trusted_hosts` (the API's
        own), and is dropped on a redirect to another host. A
        ``circle-token`` query parameter (no longer honoured by CircleCI) is
        taken out of the URL and sent as the header when the client has no
        token of its own.

        :returns: ``target``.
        :raises DownloadError: when the body is cut short or cannot be written.
        :raises CircleCIHTTPError: when the server answers with an error status.
        :raises CircleCIConnectionError: when the server cannot be reached.
        """
        url, url_token = _split_token(url)
        token = self._token or url_token
        headers = {TOKEN_HEADER: token} if token and self._may_send_token(url) else {}
        try:
            handle, partial = _open_partial(os.path.dirname(target))
        except OSError as exc:
            raise self._download_error(url, target, exc) from None
        failure: Optional[error.DownloadError] = None
        try:
            with os.fdopen(handle, "wb") as out, self._send("GET", url, headers, stream=True) as response:
                for chunk in response.iter_content(DOWNLOAD_CHUNK):
                    out.write(chunk)
            os.replace(partial, target)
        except error.CircleCIException:
            raise
        except (requests.RequestException, OSError) as exc:
            failure = self._download_error(url, target, exc)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)
        if failure is not None:
            # Raised outside the handler so that the requests exception (whose
            # ``request`` carries the token header) is not kept as __context__.
            raise failure
        return target

    def _send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        *,
        params: Optional[dict[str, Any]] = None,
        json_body: Any = None,
        stream: bool = False,
    ) -> requests.Response:
        failure: Optional[error.CircleCIException] = None
        try:
            response = self.session.request(
                method,
                url,
                params=_query(params) if params else None,
                json=json_body,
                headers=headers,
                timeout=self.timeout,
                allow_redirects=method not in UNREDIRECTED,
                stream=stream,
                proxies=self._proxies_for(url),
            )
        except requests.RequestException as exc:
            failure = self._transport_error(method, url, exc)
        if failure is not None:
            # Raised outside the handler: the requests exception keeps the
            # prepared request, token header included, and must not become
            # the __context__ of what the caller sees.
            raise failure
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s -> %d (%.0f ms)",
                method,
                _path(url),
                response.status_code,
                response.elapsed.total_seconds() * 1000,
            )
        self._local.rate_limit = _rate_limit(response.headers)
        if "Deprecation" in response.headers or "Sunset" in response.headers:
            self._warn_deprecated(method, response)
        if response.status_code >= 300:
            raise self._http_error(method, response)
        return response

    def _proxies_for(self, url: str) -> dict[str, str]:
        """The proxies the environment names for ``url``'s origin (``NO_PROXY`` applied), read once per origin."""
        scheme, netloc = urlsplit(url)[:2]
        origin = f"{scheme}://{netloc}"
        proxies = self._proxies.get(origin)
        if proxies is None:
            proxies = self._proxies[origin] = requests.utils.get_environ_proxies(origin)
        return proxies

    def _may_send_token(self, url: str) -> bool:
        """Artifacts get the token over HTTPS, or from a host an API client uses."""
        return url.startswith("https://") or urlsplit(url).netloc in self.trusted_hosts

    def _safe(self, text: str) -> str:
        """``text`` with the token, and any ``circle-token=`` value, masked."""
        text = re.sub(r"(?i)(circle-token=)[^&#\s]*", rf"\g<1>{MASK}", text)
        # A token too short to be a real one (CircleCI's are 40 characters) would
        # mask ordinary words of the message, so it is left alone.
        return text.replace(self._token, MASK) if self._token and len(self._token) >= _MASKABLE else text

    def _transport_error(self, method: str, url: str, exc: requests.RequestException) -> error.CircleCIException:
        reason = exc.args[0] if exc.args else None
        if isinstance(exc, requests.Timeout) or (
            isinstance(reason, MaxRetryError) and isinstance(reason.reason, ReadTimeoutError)
        ):
            return error.CircleCITimeout(
                f"{method} {self._safe(url)} timed out (timeout={self.timeout} s, retries={self.retries.total})"
            )
        return error.CircleCIConnectionError(
            f"{method} {self._safe(url)} failed: {type(exc).__name__}: {self._safe(_reason(exc))}"
        )

    def _download_error(self, url: str, target: str, exc: Exception) -> error.DownloadError:
        return error.DownloadError(
            f"download of {self._safe(url)} to {target} failed: {type(exc).__name__}: {self._safe(_reason(exc))}",
            path=target,
        )

    def _http_error(self, method: str, response: requests.Response) -> error.CircleCIHTTPError:
        _mask_credentials(response)
        message = self._safe(_error_message(response))
        retry_after = _retry_after_seconds(response.headers.get("Retry-After"))
        if response.status_code == 410:
            hint = error.sunset_hint(method, _path(response.url))
            if hint:
                message = f"{message} {hint}"
        elif response.status_code == 429 and retry_after is not None:
            message = f"{message} (Retry-After: {retry_after:.0f} s)"
        elif response.status_code < 400:
            location = self._safe(response.headers.get("Location", "")).split("?")[0]
            message = f"redirect to {location or 'nowhere'} not followed for {method}"
        failure = error.error_for_status(
            response.status_code,
            message,
            method=method,
            url=self._safe(response.url),
            response=response,
            retry_after=retry_after,
        )
        failure.rate_limit = _rate_limit(response.headers)
        fields = _v3_error(response)
        if fields:
            for name, value in fields.items():
                setattr(failure, name, self._safe(value) if isinstance(value, str) else value)
        return failure

    def _warn_deprecated(self, method: str, response: requests.Response) -> None:
        endpoint = _ID_SEGMENT.sub("/{id}", _path(response.url))
        with self._lock:
            if (method, endpoint) in self._warned:
                return
            self._warned.add((method, endpoint))
        sunset = response.headers.get("Sunset")
        when = f"; CircleCI removes it on {_http_date(sunset)}" if sunset else ""
        warnings.warn(
            f"{method} {endpoint} is deprecated by CircleCI{when}",
            error.CircleCIDeprecationWarning,
            stacklevel=_caller_stacklevel(),
        )


def _open_partial(directory: str) -> tuple[int, str]:
    """Create a new, empty temporary file in ``directory``; return its descriptor and path.

    Unlike :func:`tempfile.mkstemp`, which always gives mode 0600, the file is
    created with mode 0666 less the process umask, so a finished download has
    the permissions of any other file the program writes.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_PARTIAL_ATTEMPTS):
        partial = os.path.join(directory, f".circleci-{secrets.token_hex(8)}.part")
        try:
            return os.open(partial, flags, 0o666), partial
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name in {directory!r}")


def _caller_stacklevel() -> int:
    """The ``stacklevel`` of the first caller outside this package, for warnings."""
    frames = traceback.walk_stack(sys._getframe(1))
    return next(level for level, (frame, _) in enumerate(frames, 1) if not _in_package(frame.f_globals.get("__name__")))


def _in_package(module: Optional[str]) -> bool:
    return module == "circleci" or str(module).startswith("circleci.")


def _http_date(value: str) -> str:
    """An HTTP date as ``YYYY-MM-DD``; any other text unchanged."""
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return value


def _query(params: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values and spell booleans the way the API expects."""
    return {
        key: ("true" if value else "false") if isinstance(value, bool) else value
        for key, value in params.items()
        if value is not None
    }


def _split_token(url: str) -> tuple[str, Optional[str]]:
    """``url`` without its ``circle-token`` query parameter, and that parameter's value."""
    parts = urlsplit(url)
    if "circle-token" not in parts.query.lower():
        return url, None
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    tokens = [value for key, value in pairs if key.lower() == "circle-token"]
    kept = urlencode([(key, value) for key, value in pairs if key.lower() != "circle-token"])
    return urlunsplit(parts._replace(query=kept)), (tokens[0] if tokens else None)


def _mask_credentials(response: requests.Response) -> None:
    """Mask the credential headers of every request that led to ``response``."""
    for answer in (*response.history, response):
        for name in CREDENTIAL_HEADERS:
            if name in answer.request.headers:
                answer.request.headers[name] = MASK


def _reason(exc: BaseException) -> str:
    """The innermost reason of a requests/urllib3 failure, without the URL."""
    reason: Any = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    reason = getattr(reason, "reason", reason)
    text = str(reason)
    return re.sub(r"<[^>]*>:?\s*", "", text)[:200]


def _rate_limit(headers: Any) -> dict[str, str]:
    """The rate-limit headers of an answer, by their canonical names."""
    return {name: headers[name] for name in RATE_LIMIT_HEADERS if name in headers}


def _v3_error(response: requests.Response) -> dict[str, Any]:
    """The fields of an API v3 error object (``{"error": {"id", "type", "title", "detail", "source"}}``).

    :returns: ``id``, ``type``, ``title``, ``detail`` and
        ``source`` for the members present; empty for any other body.
    """
    try:
        data = json.loads(response.content)
    except ValueError:
        return {}
    found = data.get("error") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items() if key in ("id", "type", "title", "detail", "source")}


def _v3_message(found: dict[str, Any]) -> str:
    """An API v3 error object as one line: ``title: detail at <pointer> (offset N), error, error id: <id>``."""
    text = ": ".join(str(found[key]) for key in ("title", "detail") if found.get(key))
    source: dict[str, Any] = found["source"] if isinstance(found.get("source"), dict) else {}
    if source.get("pointer"):
        text += f" at {source['pointer']}" + (f" (offset {source['offset']})" if "offset" in source else "")
    if source.get("error"):
        text += f", {source['error']}"
    if found.get("id"):
        text += f" (error id: {found['id']})"
    return text.strip(" ,")


def _error_message(response: requests.Response) -> str:
    """The API's ``message`` (v3: its error object), or a short snippet of a body that is not JSON."""
    body = response.content
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        text = _v3_message(data["error"])
        if text:
            return text
    if isinstance(data, dict):
        for key in ("message", "error"):
            if isinstance(data.get(key), str) and data[key]:
                return str(data[key])
    if data is not None:
        return response.reason or f"HTTP {response.status_code}"
    text = re.sub(r"<[^>]+>", " ", body[:2000].decode("utf-8", "replace"))
    text = " ".join(text.split())[:200]
    return text or response.reason or f"HTTP {response.status_code}"
