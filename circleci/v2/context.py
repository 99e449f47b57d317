"""Operations of the "Context" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class ContextOperations(BaseClient):
    """Operations of the "Context" tag; part of :class:`~circleci.v2.ApiV2`."""
