"""Marking each ApiV3 method with the endpoint it implements, and building its request.

The verb and path of an endpoint are written once, in its :func:`endpoint`
record; :meth:`ApiV3._call <circleci.v3.ApiV3._call>` reads that record to
build the request path, so the method, its docs and its tests cannot
disagree about where it goes.
"""

from __future__ import annotations

import re
from typing import Any, Callable, NamedTuple, Optional, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["CONFIDENCES", "Endpoint", "endpoint", "envelope", "flat", "path_parameters"]

CONFIDENCES = ("cli", "cli-newer", "cli-branch", "docs", "third-party")
"""The confidence marks of the vendored reference that get a typed method (``mention`` does not)."""

_PARAMETER = re.compile(r"\{(\w+)\}")


class Endpoint(NamedTuple):
    """Where a method sits in ``spec/v3-endpoints.json`` and how it talks to it.

    :ivar verb: the HTTP verb.
    :ivar path: the absolute path template, e.g. ``/api/v3/runs/{run_id}``.
    :ivar confidence: the reference's confidence mark for the endpoint.
    :ivar body: ``"envelope"`` (``{"data": {"attributes", "references"}}``),
        ``"flat"`` (a plain object), ``"raw"`` (what the caller passes) or
        ``None`` (no body).
    :ivar paginated: whether the endpoint answers cursor pages.
    :ivar page_in_body: whether the cursor travels in the body (search routes)
        rather than as ``page[cursor]`` in the query.
    :ivar max_limit: the largest ``page[limit]`` the endpoint accepts, when known.
    :ivar limit_with_cursor: whether ``page[limit]`` may go with ``page[cursor]``.
    """

    verb: str
    path: str
    confidence: str = "cli"
    body: Optional[str] = None
    paginated: bool = False
    page_in_body: bool = False
    max_limit: Optional[int] = None
    limit_with_cursor: bool = True


def endpoint(
    verb: str,
    path: str,
    *,
    confidence: str = "cli",
    body: Optional[str] = None,
    paginated: bool = False,
    page_in_body: bool = False,
    max_limit: Optional[int] = None,
    limit_with_cursor: bool = True,
) -> Callable[[F], F]:
    """Record on a method the endpoint it implements, as ``method.endpoint``.

    The method is returned unchanged. The fields are those of :class:`Endpoint`.
    """
    if confidence not in CONFIDENCES:
        raise ValueError(f"unknown confidence {confidence!r}")
    record = Endpoint(verb, path, confidence, body, paginated, page_in_body, max_limit, limit_with_cursor)

    def mark(method: F) -> F:
        method.endpoint = record  # type: ignore[attr-defined]
        return method

    return mark


def path_parameters(path: str) -> list[str]:
    """The names of the ``{...}`` segments of a path template, in order."""
    return _PARAMETER.findall(path)


def flat(**fields: Any) -> dict[str, Any]:
    """A flat request body: the fields given, without those that are ``None``."""
    return {name: value for name, value in fields.items() if value is not None}


def envelope(attributes: dict[str, Any], references: Optional[dict[str, Optional[str]]] = None) -> dict[str, Any]:
    """A data-envelope request body, ``{"data": {"attributes": ..., "references": ...}}``.

    :param attributes: the entity's fields; ``None`` values are left out.
    :param references: related entities by name and id (``{"project": "<uuid>"}``
        becomes ``{"project": {"id": "<uuid>"}}``); ``None`` ids are left out.
    :returns: the body; members with nothing in them are left out.
    """
    data: dict[str, Any] = {}
    kept = flat(**attributes)
    if kept:
        data["attributes"] = kept
    linked = {name: {"id": ident} for name, ident in (references or {}).items() if ident is not None}
    if linked:
        data["references"] = linked
    return {"data": data}
