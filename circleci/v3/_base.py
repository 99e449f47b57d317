"""The request funnel every ApiV3 method goes through."""

from __future__ import annotations

import contextlib
from typing import Any, Callable, Optional, cast

import requests

from .._args import method_name
from .._operation import Operation, OperationClient, caller_record
from ..error import InvalidArgumentError
from ..transport import BEARER
from ._endpoint import Endpoint

__all__ = ["V3Client", "endpoint_of"]


def endpoint_of(method: Callable[..., Any]) -> Endpoint:
    """The :class:`~circleci.v3._endpoint.Endpoint` record of an ApiV3 method.

    :raises InvalidArgumentError: when the callable carries none.
    """
    record = getattr(method, "operation", None)
    if not isinstance(record, Endpoint):
        raise InvalidArgumentError(method_name(method), "not an ApiV3 endpoint method")
    return record


class V3Client(OperationClient):
    """A client of API v3: the token goes as ``Authorization: Bearer``, paths come from the endpoint records."""

    _VERBS = frozenset({"GET", "POST", "DELETE"})
    _PREFIX = Endpoint.root
    _AUTH = BEARER

    @property
    def rate_limit(self) -> dict[str, str]:
        """The rate-limit headers of this thread's last answer (``RateLimit-*``, ``X-RateLimit-*``,
        ``Retry-After``)."""
        return self._transport.rate_limit

    def _check(self, record: Operation, params: Optional[dict[str, Any]], body: Any) -> None:
        """Refuse a ``page[limit]`` the endpoint would answer with 400, before anything is sent.

        Besides the shared checks of :meth:`OperationClient._check
        <circleci._operation.OperationClient._check>`, the limit is read from
        the query, or from ``page.limit`` in the body of a search route; it is
        checked against the endpoint's maximum, and refused beside
        ``page[cursor]`` where the endpoint does not take both.

        :raises InvalidArgumentError: for a limit out of range or in the wrong place.
        """
        super()._check(record, params, body)
        endpoint = cast(Endpoint, record)
        if params is None and not endpoint.page_in_body:
            return
        page = body.get("page") if endpoint.page_in_body and isinstance(body, dict) else None
        query = params or {}
        limit = page.get("limit") if isinstance(page, dict) else query.get("page[limit]")
        _check_limit(endpoint, limit)
        if not endpoint.limit_with_cursor and "page[limit]" in query and "page[cursor]" in query:
            raise InvalidArgumentError(
                limit, f"{endpoint.path} refuses page[limit] with page[cursor]; send it on the first page only"
            )

    def _stream(
        self,
        method: Callable[..., Any],
        *path: Any,
        params: Optional[dict[str, Any]] = None,
        headers: Optional[dict[str, str]] = None,
    ) -> contextlib.AbstractContextManager[requests.Response]:
        """Send the GET of an endpoint method and give its response unread, for streaming.

        The record, path values and parameters are those of :meth:`_call`.
        """
        record = getattr(method, "operation", None)
        if not isinstance(record, Endpoint):
            record = cast(Endpoint, caller_record())
        params = {name: value for name, value in (params or {}).items() if value is not None}
        url = f"{self.url}/{record.expand(*path)}"
        return self._transport.stream(record.verb, url, params=params or None, headers=headers, auth=BEARER)


def _check_limit(record: Endpoint, limit: Any) -> None:
    if limit is None:
        return
    top = record.max_limit
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1 or (top is not None and limit > top):
        bound = f"from 1 to {top}" if top is not None else "of 1 or more"
        raise InvalidArgumentError(limit, f"page_limit for {record.verb} {record.path} must be an integer {bound}")
