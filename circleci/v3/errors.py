"""Failures particular to API v3 (the HTTP failures are those of :mod:`circleci.error`).

:class:`~circleci.error.LookupNotFound` lives in :mod:`circleci.error` and is
importable from here too.
"""

from __future__ import annotations

from typing import Optional

from ..error import LookupNotFound, PaginationLoopError

__all__ = ["LookupNotFound", "RepeatedCursorError"]


class RepeatedCursorError(PaginationLoopError):
    """A cursor page named, as its next page, a cursor already followed.

    Following it would loop for ever, so :meth:`ApiV3.iterate
    <circleci.v3.ApiV3.iterate>` stops with this error instead; it is v3's
    :class:`~circleci.error.PaginationLoopError`.

    :ivar cursor: the cursor that came back a second time.
    :ivar endpoint: the endpoint being walked (``VERB /path``), when known.
    """

    def __init__(self, cursor: str, *, endpoint: Optional[str] = None) -> None:
        super().__init__(cursor, endpoint)
        self.cursor = cursor
        self.endpoint = endpoint
        self.message = f"{endpoint or 'the endpoint'} returned the cursor {cursor!r} a second time; stopping"

    def __str__(self) -> str:
        return self.message or ""
