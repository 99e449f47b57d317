"""Marking each ApiV2 method with the spec operation it implements.

The mechanism is shared with API v3 (see :mod:`circleci._operation`); this
module holds the v2 registry, its marker :func:`operation`, and
:class:`V2Operations`, the base of every tag class, whose ``_call`` sends a
request from the record.
"""

from __future__ import annotations

from .._operation import Operation, OperationClient, marker
from ._required import NESTED_REQUIRED, REQUIRED_FIELDS

__all__ = ["OPERATIONS", "Operation", "V2Operations", "operation"]

#: operationId -> record, filled as the tag modules are imported.
OPERATIONS: dict[str, Operation] = {}

operation = marker(OPERATIONS)


class V2Operations(OperationClient):
    """The base of the v2 tag classes: requests go out through their operation records."""

    _required_fields = REQUIRED_FIELDS
    _nested_required = NESTED_REQUIRED
