"""Exceptions raised by the client.

The first four classes are those of circleci.py 1.2.2 and keep its messages
and ``str()`` form (``"<argument> is invalid. <message>"``). Everything else
adds detail below :class:`CircleCIException`, so ``except CircleCIException``
catches every failure this package reports. HTTP failures also subclass
:class:`requests.exceptions.HTTPError`, so ``except HTTPError`` written for
1.2.2 keeps working.
"""

from __future__ import annotations

import re
from typing import Any, Optional

import requests

MASK = "***"

__all__ = [
    "CircleCIException",
    "BadVerbError",
    "BadKeyError",
    "InvalidFilterError",
    "InvalidArgumentError",
    "InvalidTokenError",
    "CircleCIHTTPError",
    "UnexpectedRedirect",
    "ClientError",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "LookupNotFound",
    "Gone",
    "NoV2Equivalent",
    "RateLimited",
    "ServerError",
    "CircleCIConnectionError",
    "CircleCITimeout",
    "InvalidResponseError",
    "ResponseTooLarge",
    "DownloadError",
    "ArtifactDownloadError",
    "WaitTimeout",
    "PipelineError",
    "PipelineFailed",
    "CancelError",
    "PaginationLoopError",
    "CircleCIDeprecationWarning",
    "InsecureTokenWarning",
    "error_for_status",
]


class CircleCIException(Exception):
    """Base class of every exception this package raises.

    Every one of them survives :mod:`pickle` (so it crosses a
    ``ProcessPoolExecutor``) with its class and attributes (status, message,
    URL, ...); only an HTTP error's ``response`` and ``request`` are left
    behind, as ``None``.

    :param argument: the value that caused the failure.
    """

    message: Optional[str] = None

    def __init__(self, argument: Any) -> None:
        super().__init__(argument)
        self.argument = argument

    def __str__(self) -> str:
        return f"{self.argument} is invalid. {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        state = dict(self.__dict__)
        for name in ("response", "request"):
            if name in state:
                state[name] = None
        return _rebuild, (type(self), self.args, state)


def _rebuild(cls: type[CircleCIException], args: tuple[Any, ...], state: dict[str, Any]) -> CircleCIException:
    """An exception from its pickled parts, without calling its ``__init__``."""
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class BadVerbError(CircleCIException):
    """An HTTP verb the client does not send was asked for.

    :param argument: the verb that was passed in.
    """

    message = "verb must be one of 'GET', 'POST', or 'DELETE'"


class BadKeyError(CircleCIException):
    """A checkout key type other than the two CircleCI knows was asked for.

    :param argument: the key type that was passed in.
    """

    message = "key must be one of 'deploy-key' or 'github-user-key'"


class InvalidFilterError(CircleCIException):
    """A build status filter CircleCI does not accept was asked for.

    :param argument: the filter that was passed in.
    :param filter_type: ``"status"`` for build lists, anything else for
        artifact lookups; it picks which message applies.
    """

    filter_message = "status_filter must be one of 'completed''successful', 'failed', or 'running'"
    artifacts_message = "must be one of 'completed', 'successful', or 'failed'"

    def __init__(self, argument: Any, filter_type: str) -> None:
        super().__init__(argument)
        self.filter_type = filter_type
        self.message = self.filter_message if filter_type == "status" else self.artifacts_message


class InvalidArgumentError(CircleCIException, ValueError):
    """An argument was rejected before any request was sent.

    :param argument: the offending value.
    :param message: why it was rejected.
    """

    def __init__(self, argument: Any, message: str) -> None:
        super().__init__(argument)
        self.message = message

    def __str__(self) -> str:
        return f"{self.argument!r} is invalid. {self.message}"


class InvalidTokenError(InvalidArgumentError):
    """The API token breaks the token rule; the token itself appears nowhere in the error.

    The rule: surrounding whitespace is stripped, and what is left must be a
    ``str`` of visible ASCII characters (``!`` to ``~``), the characters any
    HTTP header value can carry. ``argument`` is ``"***"``.

    :param message: what is wrong (a type, a position), never the token.
    """

    def __init__(self, message: str) -> None:
        super().__init__(MASK, message)


class CircleCIHTTPError(CircleCIException, requests.exceptions.HTTPError):
    """The API answered with a status that is not a success.

    :ivar status_code: the HTTP status.
    :ivar message: the API's ``message`` field, or a short snippet of a body
        that was not JSON.
    :ivar method: the HTTP verb of the request.
    :ivar url: the URL of the request (it never carries the token).
    :ivar response: the :class:`requests.Response`, whose request has its
        token header masked.
    :ivar rate_limit: the answer's rate-limit headers (``RateLimit-*``,
        ``X-RateLimit-*``, ``Retry-After``) by name; empty when none came.
    :ivar id: API v3 error object: the error's id, for CircleCI support.
    :ivar type: API v3 error object: its ``type`` (``validation_error``, ``not_found``, ...).
    :ivar title: API v3 error object: its ``title``.
    :ivar detail: API v3 error object: its ``detail``.
    :ivar source: API v3 error object: its ``source`` (``pointer``, ``offset``, ``error``).

    The v3 fields are ``None`` when the body carried no v3 error object.
    """

    id: Optional[str] = None
    type: Optional[str] = None
    title: Optional[str] = None
    detail: Optional[str] = None
    source: Optional[dict[str, Any]] = None

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str,
        url: str,
        response: Optional[requests.Response] = None,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        Exception.__init__(self, message)
        self.argument = url
        self.message = message
        self.response = response
        self.request = None
        self.rate_limit: dict[str, str] = {}

    def __str__(self) -> str:
        return f"{self.status_code} {self.message} ({self.method} {self.url})"


class UnexpectedRedirect(CircleCIHTTPError):
    """A POST or PATCH was answered with a redirect, which is not followed."""


class ClientError(CircleCIHTTPError):
    """A 4xx status without a class of its own."""


class Unauthorized(ClientError):
    """401: the token is missing, wrong or expired."""


class Forbidden(ClientError):
    """403: the token may not do this."""


class NotFound(ClientError):
    """404: no such resource, or the token cannot see it."""


class LookupNotFound(NotFound):
    """A slug or name lookup matched nothing.

    API v3 answers such a filter with ``200`` and an empty ``data`` list
    rather than with 404; this error makes both cases one ``except NotFound``.
    Raised by :meth:`ApiV3.project_id <circleci.v3.ApiV3.project_id>` and
    :meth:`ApiV3.org_id <circleci.v3.ApiV3.org_id>`; also importable as
    ``circleci.v3.LookupNotFound``.

    :ivar kind: what was looked up (``"project"``, ``"org"``).
    :ivar key: the slug or name that matched nothing.
    """

    def __init__(self, kind: str, key: str, *, url: str) -> None:
        super().__init__(f"no {kind} matches {key!r}", status_code=200, method="GET", url=url)
        self.kind = kind
        self.key = key

    def __str__(self) -> str:
        return f"{self.message} ({self.method} {self.url} answered an empty list)"


class Gone(ClientError):
    """410: the endpoint was removed from the API."""


class NoV2Equivalent(Gone):
    """A removed v1.1 call asked for something API v2 cannot do, so nothing was sent in its place.

    Raised by :meth:`Api.trigger_build <circleci.api.Api.trigger_build>`,
    :meth:`Api.retry_build <circleci.api.Api.retry_build>` and
    :meth:`Experimental.retry_no_cache <circleci.experimental.Experimental.retry_no_cache>`
    once the v1.1 endpoint is gone (or the client was told to use v2) and the
    call carries an argument v2 has no form for: a ``revision``, v1.1 build
    ``params``, or a rerun without the cache. It is a :class:`Gone` (410), so
    ``except HTTPError`` and ``except Gone`` still catch it.

    :ivar argument: the name of the argument v2 cannot express.
    :ivar message: why, and what to do instead.
    :ivar response: the 410 response, or ``None`` when no v1.1 request was sent.
    """

    def __init__(
        self, argument: str, message: str, *, method: str, url: str, response: Optional[requests.Response] = None
    ) -> None:
        super().__init__(message, status_code=410, method=method, url=url, response=response)
        self.argument = argument


class RateLimited(ClientError):
    """429: CircleCI throttled the request.

    :ivar retry_after: seconds the server asked to wait, or ``None``.
    """

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(CircleCIHTTPError):
    """5xx: CircleCI failed to answer the request."""


class CircleCIConnectionError(CircleCIException, requests.exceptions.ConnectionError):
    """The server could not be reached, or the connection broke, after retries."""

    def __init__(self, message: str) -> None:
        Exception.__init__(self, message)
        self.argument = None
        self.message = message
        self.response = None
        self.request = None

    def __str__(self) -> str:
        return self.message or ""


class CircleCITimeout(CircleCIConnectionError, requests.exceptions.Timeout):
    """The server did not answer within the timeout, after retries."""


class InvalidResponseError(CircleCIException):
    """A successful status came with a body that is not the JSON promised.

    :ivar status_code: the HTTP status.
    :ivar content_type: the response's ``Content-Type`` header.
    """

    def __init__(self, message: str, *, status_code: int, content_type: str) -> None:
        super().__init__(None)
        self.message = message
        self.status_code = status_code
        self.content_type = content_type

    def __str__(self) -> str:
        return self.message or ""


class ResponseTooLarge(InvalidResponseError):
    """A JSON answer was larger, once decompressed, than the client's ``max_body_size``.

    Reading stopped at the limit; the connection was closed.

    :ivar limit: the ``max_body_size`` in bytes.
    """

    def __init__(self, message: str, *, status_code: int, content_type: str, limit: int) -> None:
        super().__init__(message, status_code=status_code, content_type=content_type)
        self.limit = limit


class DownloadError(CircleCIException):
    """An artifact transfer failed; no partial file was left behind.

    :ivar path: the file that was being written.
    """

    def __init__(self, message: str, *, path: Optional[str] = None) -> None:
        super().__init__(path)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message or ""


class ArtifactDownloadError(DownloadError):
    """Some artifacts of a job could not be downloaded; the others were.

    :ivar failed: each failed artifact's ``path`` mapped to the reason.
    :ivar downloaded: the local paths that were written.
    """

    def __init__(self, message: str, *, failed: dict[str, str], downloaded: list[str]) -> None:
        super().__init__(message)
        self.failed = failed
        self.downloaded = downloaded


class WaitTimeout(CircleCIException, TimeoutError):
    """An SDK helper waited longer than its ``timeout``.

    :ivar waited_on: what was being waited for.
    """

    def __init__(self, message: str, *, waited_on: Any = None) -> None:
        super().__init__(waited_on)
        self.message = message
        self.waited_on = waited_on

    def __str__(self) -> str:
        return self.message or ""


class PipelineError(CircleCIException):
    """A pipeline ended in the ``errored`` state (for instance, invalid config).

    :ivar pipeline: the pipeline as the API returned it.
    :ivar errors: its list of ``{"type", "message"}`` errors.
    """

    def __init__(self, message: str, *, pipeline: Any = None, errors: Any = None) -> None:
        super().__init__(pipeline)
        self.message = message
        self.pipeline = pipeline
        self.errors = errors or []

    def __str__(self) -> str:
        return self.message or ""


class PipelineFailed(CircleCIException):
    """A pipeline finished with workflows that did not succeed.

    :ivar pipeline: the pipeline as the API returned it.
    :ivar workflows: its final workflows.
    :ivar failed: the workflows that did not succeed.
    """

    def __init__(self, message: str, *, pipeline: Any = None, workflows: Any = None, failed: Any = None) -> None:
        super().__init__(pipeline)
        self.message = message
        self.pipeline = pipeline
        self.workflows = workflows or []
        self.failed = failed or []

    def __str__(self) -> str:
        return self.message or ""


class CancelError(CircleCIException):
    """Some workflows could not be cancelled by an SDK helper; the others were.

    Raised by :meth:`SDK.cancel_redundant_workflows <circleci.sdk.SDK.cancel_redundant_workflows>`.

    :ivar cancelled: the workflows cancelled.
    :ivar refused: each refused workflow's id mapped to the reason.

    .. versionadded:: 1.3.0
    """

    def __init__(self, message: str, *, cancelled: list[dict[str, Any]], refused: dict[str, str]) -> None:
        super().__init__(refused)
        self.message = message
        self.cancelled = cancelled
        self.refused = refused

    def __str__(self) -> str:
        return self.message or ""


class PaginationLoopError(CircleCIException):
    """A paginated walk was handed, as its next page, a page token or cursor it had already followed.

    Following it would fetch the same pages again and again, so the walk stops
    with this error instead of looping for ever. Each API version raises its
    own subclass: :class:`circleci.v2.PageTokenRepeated` from
    :meth:`ApiV2.iterate <circleci.v2.ApiV2.iterate>` and
    :class:`circleci.v3.RepeatedCursorError` from
    :meth:`ApiV3.iterate <circleci.v3.ApiV3.iterate>`; ``except
    PaginationLoopError`` catches both.

    :param repeated: the token or cursor that came back a second time.
    :param walked: what was being walked (v2's operationId, v3's ``VERB /path``), when known.
    :ivar repeated: the token or cursor that came back a second time.
    :ivar walked: what was being walked, or ``None``.
    """

    def __init__(self, repeated: str, walked: Optional[str] = None) -> None:
        super().__init__(repeated)
        self.repeated = repeated
        self.walked = walked

    def __str__(self) -> str:
        where = self.walked or "the paginated endpoint"
        return f"{where} handed back {self.repeated!r} a second time; the walk stopped to avoid a loop"


class CircleCIDeprecationWarning(DeprecationWarning):
    """CircleCI announced that an endpoint in use is deprecated or will be removed."""


class InsecureTokenWarning(UserWarning):
    """A client with a token was given a plain ``http://`` URL on a host that is not loopback.

    Its token would cross the network in clear. Given once per origin.
    """


_STATUS_CLASSES: dict[int, type[CircleCIHTTPError]] = {
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    410: Gone,
    429: RateLimited,
}

# v1.1 (and v1) endpoints CircleCI removed on 2027-02-01, with what CircleCI names instead.
_SUNSET_REPLACEMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"/v1(\.1)?/project/([^/]+/)?[^/]+/[^/]+/\d+/(retry|ssh)$"),
        "the v2 operation rerunWorkflow (POST /api/v2/workflow/{id}/rerun; ApiV2.rerun_workflow) "
        "or, on CircleCI cloud, v3 POST /api/v3/workflows/{id}/rerun",
    ),
    (
        re.compile(r"/v1(\.1)?/project/([^/]+/)?[^/]+/[^/]+(/tree/[^/]+|/build)?$"),
        "the v2 operation triggerPipelineRun "
        "(POST /api/v2/project/{provider}/{organization}/{project}/pipeline/run; ApiV2.trigger_pipeline_run) "
        "or, on CircleCI cloud, v3 POST /api/v3/runs",
    ),
)


def sunset_hint(method: str, path: str) -> Optional[str]:
    """Name the v2 replacement of a removed v1.1 trigger or retry endpoint.

    :param method: the HTTP verb.
    :param path: the URL path of the request.
    :returns: a sentence for the error message, or ``None`` when the endpoint
        is not one of those removed on 2027-02-01.
    """
    if method != "POST":
        return None
    for pattern, replacement in _SUNSET_REPLACEMENTS:
        if pattern.search(path):
            return f"CircleCI removed this v1.1 endpoint on 2027-02-01; use {replacement} instead."
    return None


def error_for_status(
    status_code: int,
    message: str,
    *,
    method: str,
    url: str,
    response: Optional[requests.Response] = None,
    retry_after: Optional[float] = None,
) -> CircleCIHTTPError:
    """Build the exception for a failed status.

    The class comes from a status table; statuses missing from it fall back
    to :class:`ServerError` (5xx), :class:`ClientError` (4xx) or
    :class:`UnexpectedRedirect` (3xx).
    """
    cls = _STATUS_CLASSES.get(status_code)
    if cls is None:
        if status_code >= 500:
            cls = ServerError
        elif status_code >= 400:
            cls = ClientError
        else:
            cls = UnexpectedRedirect
    kwargs: dict[str, Any] = {
        "status_code": status_code,
        "method": method,
        "url": url,
        "response": response,
    }
    if cls is RateLimited:
        kwargs["retry_after"] = retry_after
    return cls(message, **kwargs)
