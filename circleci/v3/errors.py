"""Failures particular to API v3 (the HTTP failures are those of :mod:`circleci.error`)."""

from __future__ import annotations

from typing import Optional

from ..error import CircleCIException, NotFound

__all__ = ["LookupNotFound", "RepeatedCursorError"]


class LookupNotFound(NotFound):
    """A slug or name lookup matched nothing.

    v3 answers such a filter with ``200`` and an empty ``data`` list rather
    than with 404; this error makes both cases one ``except NotFound``.

    :ivar kind: what was looked up (``"project"``, ``"org"``).
    :ivar key: the slug or name that matched nothing.
    """

    def __init__(self, kind: str, key: str, *, url: str) -> None:
        super().__init__(f"no {kind} matches {key!r}", status_code=200, method="GET", url=url)
        self.kind = kind
        self.key = key

    def __str__(self) -> str:
        return f"{self.message} ({self.method} {self.url} answered an empty list)"


class RepeatedCursorError(CircleCIException):
    """A cursor page named, as its next page, a cursor already followed.

    Following it would loop for ever, so :meth:`ApiV3.iterate
    <circleci.v3.ApiV3.iterate>` stops with this error instead.

    :ivar cursor: the cursor that came back a second time.
    """

    def __init__(self, cursor: str, *, endpoint: Optional[str] = None) -> None:
        super().__init__(cursor)
        self.cursor = cursor
        self.endpoint = endpoint
        self.message = f"{endpoint or 'the endpoint'} returned the cursor {cursor!r} a second time; stopping"

    def __str__(self) -> str:
        return self.message or ""
