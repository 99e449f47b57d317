"""What :class:`~circleci.api.Api` and :class:`~circleci.v2.ApiV2` have in common.

A client is a base URL plus a :class:`~circleci.transport.Transport`. Its
``_request(verb, endpoint, data=None)`` is the funnel every endpoint method
goes through (so tests that replace it with a mock keep working); extra
options come after it as keywords.
"""

from __future__ import annotations

import os
from typing import Any, Optional, TypeVar, Union
from urllib.parse import urlsplit

from urllib3.util.retry import Retry

from ._args import artifact_filename, local_filename
from .error import BadVerbError
from .transport import DEFAULT_POOL_SIZE, DEFAULT_RETRIES, DEFAULT_TIMEOUT, Timeout, Transport, resolve_token

_Client = TypeVar("_Client", bound="BaseClient")


class BaseClient:
    """A base URL and the transport that sends requests to it.

    :param token: a CircleCI personal API token. ``None`` reads
        ``CIRCLE_TOKEN`` from the environment; with neither, no credentials
        are sent (public projects allow read-only calls).
    :param url: the API's base URL.
    :param timeout: seconds to connect and to wait for each read, one number
        or a ``(connect, read)`` pair. Default ``(10, 60)``.
    :param retries: retries after a failed attempt (``0`` turns them off), or
        a urllib3 ``Retry`` such as :class:`~circleci.transport.RetryPolicy`.
        Default 3.
    :param pool_size: connections kept open per host. Default 16.
    """

    _VERBS: frozenset[str] = frozenset({"GET", "POST", "DELETE"})

    def __init__(
        self,
        token: Optional[str],
        url: str,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: Union[int, Retry] = DEFAULT_RETRIES,
        pool_size: int = DEFAULT_POOL_SIZE,
        transport: Optional[Transport] = None,
    ) -> None:
        self.url = url.rstrip("/")
        self._transport = transport or Transport(
            resolve_token(token), timeout=timeout, retries=retries, pool_size=pool_size
        )
        self._transport.trusted_hosts.add(urlsplit(self.url).netloc)

    @property
    def token(self) -> Optional[str]:
        """The API token in use (shown nowhere: not in reprs, errors or logs)."""
        return self._transport.token

    @token.setter
    def token(self, value: Optional[str]) -> None:
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
        return self._transport.request(verb, f"{self.url}/{endpoint}", params=params, json_body=data)

    def _download(self, url: str, destdir: Optional[str] = None, filename: Optional[str] = None) -> str:
        """Download ``url`` to a file and return its path.

        :param url: the artifact's URL.
        :param destdir: the folder to write to; defaults to the current one.
        :param filename: the file's name inside ``destdir`` (a sub-folder that
            exists is allowed); defaults to the last segment of the URL, made
            safe. Either way the file cannot land outside ``destdir``.
        :returns: the path of the file written.
        :raises InvalidArgumentError: for a ``filename`` that is absolute,
            has a ``..`` component or ends in ``/``, before anything is sent.
        :raises DownloadError: when the transfer fails; nothing is left behind
            and an existing file of that name is kept.
        """
        name = local_filename(filename) if filename else artifact_filename(url)
        target = os.path.join(destdir or os.getcwd(), name)
        return self._transport.download(url, target)

    def download_artifact(self, url: str, destdir: Optional[str] = None, filename: Optional[str] = None) -> str:
        """Download an artifact and return the path of the file written.

        :param url: the artifact's URL (the ``url`` field of an artifact).
        :param destdir: the folder to write to; defaults to the current one.
        :param filename: the file's name inside ``destdir``; defaults to the
            artifact's own. It cannot point outside ``destdir``.
        :raises InvalidArgumentError: for a ``filename`` that is absolute, has
            a ``..`` component or ends in ``/``.
        :raises DownloadError: when the transfer fails; nothing is left behind.
        """
        return self._download(url, destdir, filename)
