"""What :class:`~circleci.api.Api` and :class:`~circleci.v2.ApiV2` have in common.

A client is a base URL plus a :class:`~circleci.transport.Transport`. Its
``_request(verb, endpoint, data=None)`` is the funnel every endpoint method
goes through (so tests that replace it with a mock keep working); extra
options come after it as keywords.
"""

from __future__ import annotations

import os
import re
import threading
import warnings
from typing import Any, Optional, TypeVar, Union
from urllib.parse import urlsplit, urlunsplit

from urllib3.util.retry import Retry

from ._args import artifact_filename, local_filename
from .error import BadVerbError, InsecureTokenWarning, InvalidArgumentError
from .transport import (
    DEFAULT_MAX_BODY_SIZE,
    DEFAULT_POOL_SIZE,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Secret,
    Timeout,
    Transport,
    _caller_stacklevel,
    _hide_url_token,
    _is_loopback,
    _origin,
    _split_token,
    resolve_token,
)

_Client = TypeVar("_Client", bound="BaseClient")
_warned_origins: set[tuple[str, str, Optional[int]]] = set()
_warned_lock = threading.Lock()
_VERSION_SEGMENT = re.compile(r"v\d+(\.\d+)?", re.IGNORECASE)


def versioned_url(url: str, version: str) -> str:
    """The base URL of API ``version`` (``"v2"``, ``"v3"``) that goes with another version's base URL.

    A last path segment naming an API version (``v1.1``, ``v1``, ``v2``, in
    any case) is replaced by ``version``; any other URL gets ``/<version>``
    appended, so the result is never the URL given.
    """
    parts = urlsplit(url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if _VERSION_SEGMENT.fullmatch(last):
        path = f"{head}/{version}"
    else:
        path = f"{head}/{last}/{version}" if last else f"/{version}"
    return urlunsplit(parts._replace(path=path))


class BaseClient:
    """A base URL and the transport that sends requests to it.

    :param token: a CircleCI personal API token. ``None`` reads
        ``CIRCLE_TOKEN`` from the environment; with neither, no credentials
        are sent (public projects allow read-only calls). Surrounding
        whitespace (the newline of a token file) is stripped; a token that
        is not a ``str`` of visible ASCII characters raises
        :class:`~circleci.error.InvalidTokenError`, which never shows it.
        The token is sent only to this URL's origin (scheme, host, port) or
        over HTTPS; a plain ``http://`` URL on a host that is not loopback
        gives an :class:`~circleci.error.InsecureTokenWarning`, once.
    :param url: the API's base URL.
    :param timeout: seconds to connect and to wait for each read, one number
        or a ``(connect, read)`` pair. Default ``(10, 60)``.
    :param retries: retries after a failed attempt (``0`` turns them off), or
        a urllib3 ``Retry`` such as :class:`~circleci.transport.RetryPolicy`.
        Default 3.
    :param pool_size: connections kept open per host. Default 16.
    :param max_body_size: the largest JSON answer read, in bytes once
        decompressed; a larger one raises
        :class:`~circleci.error.ResponseTooLarge`. Default 64 MiB
        (:data:`~circleci.transport.DEFAULT_MAX_BODY_SIZE`).
    """

    _VERBS: frozenset[str] = frozenset({"GET", "POST", "DELETE"})
    _AUTH: Optional[str] = None
    """How the token is sent: ``None`` for the ``Circle-Token`` header, :data:`~circleci.transport.BEARER` for v3."""

    def __init__(
        self,
        token: Union[str, Secret, None],
        url: str,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: Union[int, Retry] = DEFAULT_RETRIES,
        pool_size: int = DEFAULT_POOL_SIZE,
        transport: Optional[Transport] = None,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
    ) -> None:
        # From here on the token is held by a Secret, so no frame of a traceback shows it.
        token = Secret.of(resolve_token(token)) if transport is None else None
        self.url = url.rstrip("/")
        self._transport = transport or Transport(
            token, timeout=timeout, retries=retries, pool_size=pool_size, max_body_size=max_body_size
        )
        origin = _origin(self.url)
        self._transport.trusted_origins.add(origin)
        if self._transport.token and origin[0] == "http" and not _is_loopback(origin[1]):
            _warn_insecure(origin)

    @property
    def token(self) -> Optional[str]:
        """The API token in use (shown nowhere: not in reprs, errors or logs)."""
        return self._transport.token

    @token.setter
    def token(self, value: Optional[str]) -> None:
        value = Secret.of(value)  # type: ignore[assignment]
        self._transport.token = value

    @property
    def pool_size(self) -> int:
        """Connections kept open per host (shared with clients derived from this one)."""
        return self._transport.pool_size

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.url!r})"

    def __enter__(self: _Client) -> _Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the client's pooled connections (shared with clients derived from it)."""
        self._transport.close()

    def _request(self, verb: str, endpoint: str, data: Any = None, *, params: Optional[dict[str, Any]] = None) -> Any:
        """Send a request to ``<url>/<endpoint>`` and return the decoded JSON.

        :param verb: the HTTP verb; anything this client does not send raises
            :class:`~circleci.error.BadVerbError` before any byte goes out.
        :param endpoint: the path below the base URL, already encoded.
        :param data: a body to send as JSON.
        :param params: query parameters; ``None`` values are left out.
        :raises requests.exceptions.HTTPError: (a
            :class:`~circleci.error.CircleCIHTTPError`) when the status is
            not a success.
        :returns: the decoded JSON, or ``None`` for an empty body.
        """
        if verb not in self._VERBS:
            raise BadVerbError(verb)
        return self._transport.request(verb, f"{self.url}/{endpoint}", params=params, json_body=data, auth=self._AUTH)

    def _download(self, url: str, destdir: Optional[str] = None, filename: Optional[str] = None) -> str:
        """Download ``url`` to a file and return its path.

        :param url: the artifact's URL.
        :param destdir: the folder to write to; defaults to the current one.
        :param filename: the file's name inside ``destdir`` (a sub-folder that
            exists is allowed); defaults to the last segment of the URL, made
            safe. Either way the file cannot land outside ``destdir``.
        :returns: the path of the file written.
        :raises InvalidArgumentError: for a ``filename`` that is absolute,
            has a drive, a ``..`` component or a NUL, or ends in ``/``; or
            whose folder resolves (through symbolic links) outside
            ``destdir``; before anything is sent.
        :raises DownloadError: when the transfer fails; nothing is left behind
            and an existing file of that name is kept.
        """
        url, url_token = _split_token(url)  # from here on a circle-token= value is held masked
        name = local_filename(filename) if filename else artifact_filename(url)
        root = destdir or os.getcwd()
        target = os.path.join(root, name)
        _check_inside(root, target, filename or name)
        return self._transport.download(url, target, url_token=url_token)

    def download_artifact(self, url: str, destdir: Optional[str] = None, filename: Optional[str] = None) -> str:
        """Download an artifact and return the path of the file written.

        :param url: the artifact's URL (the ``url`` field of an artifact).
        :param destdir: the folder to write to; defaults to the current one.
        :param filename: the file's name inside ``destdir``; defaults to the
            artifact's own. It cannot point outside ``destdir``.
        :raises InvalidArgumentError: for a ``filename`` that is absolute, has
            a drive, a ``..`` component or a NUL, ends in ``/``, or leads
            outside ``destdir`` through a symbolic link.
        :raises DownloadError: when the transfer fails; nothing is left behind.
        """
        url = _hide_url_token(url)
        return self._download(url, destdir, filename)


def _check_inside(root: str, target: str, name: Any) -> None:
    """Refuse a target whose folder, once symbolic links are resolved, is not ``root`` or below it."""
    try:
        os.fsencode(target)
        if "\0" in target:
            raise ValueError("embedded null character")
        real_root = os.path.realpath(root)
        inside = os.path.commonpath([real_root, os.path.realpath(os.path.dirname(target))]) == real_root
    except ValueError:  # a NUL, text with no file-system form, or another drive (Windows)
        inside = False
    if not inside:
        raise InvalidArgumentError(name, "the file would be written outside destdir (or cannot be named there)")


def _warn_insecure(origin: tuple[str, str, Optional[int]]) -> None:
    """Warn, once per origin, that a token is about to travel in clear."""
    with _warned_lock:
        if origin in _warned_origins:
            return
        _warned_origins.add(origin)
    warnings.warn(
        f"the API token will be sent in clear to http://{origin[1]}:{origin[2]}: use https:// for a host "
        "that is not loopback",
        InsecureTokenWarning,
        stacklevel=_caller_stacklevel(),
    )
