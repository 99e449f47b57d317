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
import ipaddress
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
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import InvalidHeader, MaxRetryError, ReadTimeoutError, ResponseError
from urllib3.util.retry import Retry

from . import error
from .version import VERSION

__all__ = [
    "DEFAULT_POOL_SIZE",
    "DEFAULT_MAX_BODY_SIZE",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "ERROR_BODY_LIMIT",
    "RETRY_AFTER_CAP",
    "RETRY_AFTER_DIGITS",
    "RetryPolicy",
    "Secret",
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
MASK = error.MASK
_URL_TOKEN = re.compile(r"(?i)(circle-token=)[^&#\s]*")
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
DEFAULT_MAX_BODY_SIZE = 64 * 1024 * 1024
"""Largest JSON answer read, in bytes after decompression (64 MiB); a larger one raises
:class:`~circleci.error.ResponseTooLarge`. Set per client with ``max_body_size=``."""
ERROR_BODY_LIMIT = 8 * 1024
"""Bytes of an error answer (or of a redirect's body) read at most, after decompression;
the rest is never read and the connection is closed."""
RETRY_AFTER_DIGITS = 10
"""A ``Retry-After`` in seconds longer than this many digits is unreadable, so ignored."""
DOWNLOAD_CHUNK = 256 * 1024
BODY_CHUNK = 64 * 1024
_PARTIAL_ATTEMPTS = 100
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
UNREDIRECTED = frozenset({"POST", "PATCH"})
_HEADER_PARSER = Retry(0)
_ID_SEGMENT = re.compile(r"/(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?=/|$)")
"""A path segment that is a build number or a UUID: one endpoint, whatever its value."""

Timeout = Union[float, tuple[float, float]]


def resolve_token(token: Union[str, Secret, None]) -> Union[str, Secret, None]:
    """The token to use: the one given, else ``CIRCLE_TOKEN``, else ``None``."""
    return token or os.environ.get("CIRCLE_TOKEN") or None


_TOKEN_CHARACTERS = re.compile(r"[!-~]+")
"""What a token may hold once stripped: visible ASCII, the characters any header value can carry."""


class Secret:
    """An API token that never shows itself.

    ``repr()`` and ``str()`` give ``***``, so a traceback printed with its
    local variables (``traceback.TracebackException(exc, capture_locals=True)``,
    ``pytest -l``, rich's ``show_locals``, Sentry's frame variables) shows
    nothing of it. It is also the requests *auth* callable that writes the
    ``Circle-Token`` header, the only place the text itself is used.

    Build one with :meth:`of`, which applies the token rule: surrounding
    whitespace is stripped; what is left must be visible ASCII characters
    (``!`` to ``~``); an empty token means "no token".
    """

    __slots__ = ("_problem", "_value")

    def __init__(self, value: str, problem: Optional[str] = None) -> None:
        self._value = value
        self._problem = problem

    @classmethod
    def of(cls, token: Any) -> Optional[Secret]:
        """Wrap a token: ``None`` (or only whitespace) for none, a ``Secret`` kept as it is.

        This never raises, so that the caller can replace its own variable
        holding the text before :meth:`check` reports a token that breaks
        the rule.

        :param token: a ``str``, a :class:`Secret` or ``None``.
        :returns: a :class:`Secret` (possibly failing :meth:`check`), or
            ``None`` when there is no token at all.
        """
        if token is None or isinstance(token, Secret):
            return token
        if not isinstance(token, str):
            return cls("", f"the token must be a str, not {type(token).__name__}")
        token = token.strip()
        if not token:
            return None
        if _TOKEN_CHARACTERS.fullmatch(token) is None:
            where = next(i for i, c in enumerate(token) if not ("!" <= c <= "~"))
            return cls(
                "",
                "the token has a character that cannot go in a header "
                f"(a control, space or non-ASCII character) at position {where}",
            )
        return cls(token)

    def check(self) -> Secret:
        """Return this secret, or raise when the token it came from broke the rule.

        :raises InvalidTokenError: naming the problem, never the token.
        """
        if self._problem is not None:
            raise error.InvalidTokenError(self._problem)
        return self

    def reveal(self) -> str:
        """The token's text, for the header and nothing else."""
        return self._value

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        """Write the ``Circle-Token`` header on a request about to be sent (requests' auth hook)."""
        request.headers[TOKEN_HEADER] = self._value
        return request

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    def __str__(self) -> str:
        return MASK

    def __reduce__(self) -> Any:
        raise TypeError("a Secret cannot be pickled")


class Bearer:
    """The requests *auth* hook that writes ``Authorization: Bearer`` from a :class:`Secret` (API v3).

    Like the secret itself, it shows nothing of the token in ``repr()``.
    """

    __slots__ = ("_secret",)

    def __init__(self, secret: Secret) -> None:
        self._secret = secret

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        """Write the header on a request about to be sent."""
        request.headers["Authorization"] = f"Bearer {self._secret.reveal()}"
        return request

    def __repr__(self) -> str:
        return f"Bearer('{MASK}')"


Auth = Union[Secret, Bearer]
"""A credential hook the transport hands to requests."""


def _origin(url: str) -> tuple[str, str, Optional[int]]:
    """A URL's origin: lower-case scheme and host, and the port (the scheme's default when absent)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)


def _is_loopback(host: str) -> bool:
    """Whether a host name is ``localhost`` or a loopback address."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
        remaining = None if response is None else response.length_remaining
        if response is not None and (remaining is None or remaining > ERROR_BODY_LIMIT):
            # urllib3 reads a retried answer to its end to reuse the connection; an
            # endless or huge body would hold the call, so drop the connection instead.
            response.close()
        cause = f"status {response.status}" if response is not None else type(kwargs.get("error")).__name__
        log.info("retrying %s %s after %s (%d retries left)", method, _path(url or ""), cause, new.total or 0)
        return new


def _retry_after_seconds(value: Optional[str]) -> Optional[float]:
    """Seconds from a ``Retry-After`` value, or ``None`` when absent or unreadable.

    Unreadable: neither digits nor an HTTP date, more than
    :data:`RETRY_AFTER_DIGITS` digits, or a date Python cannot represent
    (year 99999).
    """
    text = (value or "").strip()
    if not text or len(text) > 64 or (text.isascii() and text.isdigit() and len(text) > RETRY_AFTER_DIGITS):
        return None
    try:
        return float(_HEADER_PARSER.parse_retry_after(text))
    except (InvalidHeader, ValueError, OverflowError):
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

    def get_redirect_target(self, resp: requests.Response) -> Optional[str]:
        """The redirect's target; its body is read only up to :data:`ERROR_BODY_LIMIT`.

        requests reads a redirect's whole body to free the connection; a
        hostile server can make that body endless or a decompression bomb.
        """
        target: Optional[str] = super().get_redirect_target(resp)
        if target is not None:
            _read_bounded(resp, ERROR_BODY_LIMIT)
        return target


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
    :param max_body_size: the largest JSON answer read, in bytes after
        decompression; see :data:`DEFAULT_MAX_BODY_SIZE`.
    :raises InvalidTokenError: for a token that breaks the rule of :class:`Secret`.
    """

    def __init__(
        self,
        token: Union[str, Secret, None],
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: Union[int, Retry] = DEFAULT_RETRIES,
        pool_size: int = DEFAULT_POOL_SIZE,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
    ) -> None:
        token = Secret.of(token)
        self._set_secret(token)
        self.timeout = _timeout(timeout)
        self.max_body_size = _max_body_size(max_body_size)
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
        self.trusted_origins: set[tuple[str, str, Optional[int]]] = set()
        """Origins (scheme, host, port) of the clients using this transport: plain http gets the token only there."""
        self._warned: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._local = threading.local()

    def __repr__(self) -> str:
        # Safe on a half-built instance too: a traceback printer may show one whose __init__ raised.
        retries = getattr(self, "retries", None)
        return f"<Transport timeout={getattr(self, 'timeout', None)!r} retries={getattr(retries, 'total', None)!r}>"

    @property
    def token(self) -> Optional[str]:
        """The token sent as ``Circle-Token``; never shown in reprs or errors.

        Setting it applies the rule of :class:`Secret` (stripped, visible
        ASCII; ``None`` or only whitespace for no token).
        """
        return self._secret.reveal() if self._secret else None

    @token.setter
    def token(self, value: Union[str, Secret, None]) -> None:
        value = Secret.of(value)
        self._set_secret(value)

    def _set_secret(self, secret: Optional[Secret]) -> None:
        self._secret = secret.check() if secret else None

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    @property
    def rate_limit(self) -> dict[str, str]:
        """The rate-limit headers (:data:`RATE_LIMIT_HEADERS`) of this thread's last answer."""
        return dict(getattr(self._local, "rate_limit", {}))

    def credentials(self, auth: Optional[str] = None) -> Optional[Auth]:
        """What writes the credential header: ``Circle-Token``, or with ``auth=BEARER`` ``Authorization: Bearer``.

        Without a token there is none, so no header at all. Either way the
        token stays inside a :class:`Secret` until the header is written.
        """
        if self._secret is None:
            return None
        return Bearer(self._secret) if auth == BEARER else self._secret

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
        with self._send(method, url, self.credentials(auth), params=params, headers=headers, stream=True) as response:
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
        response = self._send(method, url, self.credentials(auth), params=params, json_body=json_body, stream=True)
        body = self._read_body(method, response)
        if not body or body.isspace():
            return None
        try:
            return json.loads(body)
        except (ValueError, RecursionError) as exc:
            why = "nested too deeply" if isinstance(exc, RecursionError) else "not JSON"
            content_type = response.headers.get("Content-Type", "none")
            failure = error.InvalidResponseError(
                f"{method} {self._safe(response.url)} answered {response.status_code} "
                f"with a body that is {why} (Content-Type: {content_type})",
                status_code=response.status_code,
                content_type=content_type,
            )
        raise failure

    def _read_body(self, method: str, response: requests.Response) -> bytes:
        """The decoded body of a success, refusing more than :attr:`max_body_size` bytes."""
        chunks: list[bytes] = []
        size = 0
        failure: Optional[error.CircleCIException] = None
        try:
            for chunk in response.iter_content(BODY_CHUNK):
                size += len(chunk)
                if size > self.max_body_size:
                    content_type = response.headers.get("Content-Type", "none")
                    failure = error.ResponseTooLarge(
                        f"{method} {self._safe(response.url)} answered {response.status_code} with a body "
                        f"larger than max_body_size={self.max_body_size} bytes once decoded",
                        status_code=response.status_code,
                        content_type=content_type,
                        limit=self.max_body_size,
                    )
                    break
                chunks.append(chunk)
        except requests.RequestException as exc:
            failure = self._transport_error(method, response.url, exc)
        if failure is not None:
            response.close()
            raise failure
        return b"".join(chunks)

    def download(self, url: str, target: str, *, url_token: Optional[Secret] = None) -> str:
        """Stream ``url`` into the file ``target``, atomically.

        The body goes to a temporary file beside ``target`` that is renamed
        into place only once every byte has arrived, so a failure leaves
        neither a partial file nor a temporary one, and an existing file at
        ``target`` is kept. The bytes are written as the server sent them:
        a ``Content-Encoding`` is not undone (``Accept-Encoding: identity``
        is asked for). The token goes in the ``Circle-Token`` header, only
        over HTTPS or to an origin in :attr:`trusted_origins` (the API's
        own: scheme, host and port), and is dropped on a redirect to another
        origin. A ``circle-token`` query parameter (no longer honoured by
        CircleCI) is taken out of the URL and sent as the header when the
        client has no token of its own. An error answer, or a redirect's
        body, is read only up to :data:`ERROR_BODY_LIMIT` bytes.

        :param url: the artifact's URL.
        :param target: the file to write.
        :param url_token: a ``circle-token`` already taken out of ``url``.

        :returns: ``target``.
        :raises DownloadError: when the body is cut short or cannot be written.
        :raises CircleCIHTTPError: when the server answers with an error status.
        :raises CircleCIConnectionError: when the server cannot be reached.
        """
        url, found = _split_token(url)
        url_token = url_token or found
        secret = self._secret or (url_token.check() if url_token else None)
        auth = secret if secret and self._may_send_token(url) else None
        try:
            handle, partial = _open_partial(os.path.dirname(target))
        except OSError as exc:
            raise self._download_error(url, target, exc) from None
        failure: Optional[error.DownloadError] = None
        try:
            with (
                os.fdopen(handle, "wb") as out,
                self._send("GET", url, auth, stream=True, headers=_RAW_BYTES) as response,
            ):
                # The bytes as sent: an artifact stored gzip-encoded stays a .gz file.
                for chunk in response.raw.stream(DOWNLOAD_CHUNK, decode_content=False):
                    out.write(chunk)
            os.replace(partial, target)
        except error.CircleCIException:
            raise
        except (requests.RequestException, Urllib3Error, OSError) as exc:
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
        auth: Optional[Auth],
        *,
        params: Optional[dict[str, Any]] = None,
        json_body: Any = None,
        stream: bool = False,
        headers: Optional[dict[str, str]] = None,
    ) -> requests.Response:
        failure: Optional[error.CircleCIException] = None
        try:
            response = self.session.request(
                method,
                url,
                params=_query(params) if params else None,
                json=json_body,
                headers=headers,
                auth=auth,
                timeout=self.timeout,
                allow_redirects=method not in UNREDIRECTED,
                stream=stream,
                proxies=self._proxies_for(url),
            )
        except requests.RequestException as exc:
            failure = self._transport_error(method, url, exc)
        except (UnicodeError, ValueError) as exc:
            # Text that cannot be sent (a lone surrogate in a query value, say), or a
            # URL urllib3 cannot parse: refused, whatever the layer that noticed.
            failure = error.InvalidArgumentError(self._safe(url), f"cannot be sent: {type(exc).__name__}")
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
        """The origin rule: the token goes over HTTPS, or to the origin (scheme, host, port) of an API client."""
        origin = _origin(url)
        return origin[0] == "https" or origin in self.trusted_origins

    def _safe(self, text: str) -> str:
        """``text`` with the token, and any ``circle-token=`` value, masked."""
        text = _URL_TOKEN.sub(rf"\g<1>{MASK}", text)
        # A token too short to be a real one (CircleCI's are 40 characters) would
        # mask ordinary words of the message, so it is left alone.
        if self._secret and len(self._secret.reveal()) >= _MASKABLE:
            return text.replace(self._secret.reveal(), MASK)
        return text

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
        _read_bounded(response, ERROR_BODY_LIMIT)
        data = _error_data(response)
        message = self._safe(_error_message(response, data))
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
        for name, value in _v3_error(data).items():
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


_RAW_BYTES = {"Accept-Encoding": "identity"}
"""Downloads ask for the artifact as stored; whatever encoding comes anyway is written as is."""


def _max_body_size(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise error.InvalidArgumentError(value, "max_body_size must be a positive integer (bytes)")
    return value


def _read_bounded(response: requests.Response, limit: int) -> None:
    """Read at most ``limit`` decoded bytes of a body not read yet and keep them as its content.

    The connection is closed when the body is longer (so the rest is never
    read), or returned to the pool when it was read whole. A failure while
    reading keeps what arrived before it.
    """
    if response._content is not False:  # type: ignore[comparison-overlap]
        return
    chunks: list[bytes] = []
    size = 0
    complete = False
    try:
        for chunk in response.iter_content(BODY_CHUNK if limit > BODY_CHUNK else limit):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                break
        else:
            complete = True
    except requests.RequestException:
        pass
    if not complete:
        response.close()
    response._content = b"".join(chunks)[:limit]
    response._content_consumed = True


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


class _TokenURL(str):
    """A URL that still carries a ``circle-token`` parameter: the same text, but its ``repr`` masks the value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(_URL_TOKEN.sub(rf"\g<1>{MASK}", str(self)))


def _hide_url_token(url: str) -> str:
    """``url`` as a :class:`_TokenURL` when it carries a ``circle-token``, so frames that hold it do not show it."""
    return _TokenURL(url) if isinstance(url, str) and "circle-token" in url.lower() else url


def _split_token(url: str) -> tuple[str, Optional[Secret]]:
    """``url`` without its ``circle-token`` query parameter, and that parameter's value."""
    parts = urlsplit(url)
    if "circle-token" not in parts.query.lower():
        return url, None
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    tokens = [value for key, value in pairs if key.lower() == "circle-token"]
    kept = urlencode([(key, value) for key, value in pairs if key.lower() != "circle-token"])
    return urlunsplit(parts._replace(query=kept)), (Secret.of(tokens[0]) if tokens and tokens[0] else None)


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


def _error_data(response: requests.Response) -> Any:
    """An error answer's body (already read, and bounded) decoded as JSON; ``None`` when it is not JSON."""
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError):
        return None


def _v3_error(data: Any) -> dict[str, Any]:
    """The fields of an API v3 error object (``{"error": {"id", "type", "title", "detail", "source"}}``).

    :param data: the decoded error body.
    :returns: ``id``, ``type``, ``title``, ``detail`` and
        ``source`` for the members present; empty for any other body.
    """
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


def _error_message(response: requests.Response, data: Any) -> str:
    """The API's ``message`` (v3: its error object), or a short snippet of a body that is not JSON.

    :param data: the body decoded by :func:`_error_data`.
    """
    body = response.content
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
