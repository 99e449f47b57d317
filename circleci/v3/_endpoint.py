"""Marking each ApiV3 method with the endpoint it implements.

The mechanism is the one API v2 uses (see :mod:`circleci._operation`): the
:func:`endpoint` decorator, made by :func:`~circleci._operation.marker`, puts
an :class:`Endpoint` record on the method (as ``method.endpoint`` and
``method.operation``) and in :data:`ENDPOINTS`; the method sends its request
with ``self._call(self.<method>, *path_values, params=..., body=...)``, which
builds the path from the record, so the method, its docs and its tests cannot
disagree about where it goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Optional

from .._operation import PLACEHOLDER, Operation, marker

__all__ = ["CONFIDENCES", "ENDPOINTS", "Endpoint", "endpoint", "envelope", "flat", "path_parameters"]

CONFIDENCES = ("cli", "cli-newer", "cli-branch", "docs", "third-party")
"""The confidence marks of the vendored reference that get a typed method (``mention`` does not)."""


@dataclass(frozen=True)
class Endpoint(Operation):
    """Where a method sits in ``spec/v3-endpoints.json`` and how it talks to it.

    An :class:`~circleci._operation.Operation` (v3 has no operationIds: its
    ``operation_id`` is empty and its ``key`` is ``"VERB /path"``) with v3's
    own facts:

    :ivar confidence: the reference's confidence mark for the endpoint.
    :ivar body: ``"envelope"`` (``{"data": {"attributes", "references"}}``),
        ``"flat"`` (a plain object), ``"raw"`` (what the caller passes) or
        ``None`` (no body).
    :ivar page_in_body: whether the cursor travels in the body (search routes)
        rather than as ``page[cursor]`` in the query.
    :ivar max_limit: the largest ``page[limit]`` the endpoint accepts, when known.
    :ivar limit_with_cursor: whether ``page[limit]`` may go with ``page[cursor]``.
    """

    confidence: str = "cli"
    body: Optional[str] = None
    page_in_body: bool = False
    max_limit: Optional[int] = None
    limit_with_cursor: bool = True

    #: v3 paths are absolute (``/api/v3/runs``); the client's base URL ends in ``/api/v3``.
    root: ClassVar[str] = "/api/v3/"

    @classmethod
    def at(
        cls,
        verb: str,
        path: str,
        *,
        confidence: str = "cli",
        body: Optional[str] = None,
        paginated: bool = False,
        page_in_body: bool = False,
        max_limit: Optional[int] = None,
        limit_with_cursor: bool = True,
    ) -> Endpoint:
        """The record of ``VERB path``, with the fields of :class:`Endpoint`.

        :raises ValueError: for a confidence not in :data:`CONFIDENCES`.
        """
        if confidence not in CONFIDENCES:
            raise ValueError(f"unknown confidence {confidence!r}")
        return cls("", verb, path, paginated, confidence, body, page_in_body, max_limit, limit_with_cursor)


#: ``"VERB /path"`` -> record, filled as the ApiV3 modules are imported.
ENDPOINTS: dict[str, Endpoint] = {}

endpoint = marker(ENDPOINTS, Endpoint.at, also="endpoint")
"""Record on a method the endpoint it implements, as ``method.endpoint`` (and ``method.operation``).

``@endpoint(verb, path, *, confidence="cli", body=None, paginated=False,
page_in_body=False, max_limit=None, limit_with_cursor=True)``; the method is
returned unchanged. The fields are those of :class:`Endpoint`.
"""


def path_parameters(path: str) -> list[str]:
    """The names of the ``{...}`` segments of a path template, in order."""
    return PLACEHOLDER.findall(path)


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
