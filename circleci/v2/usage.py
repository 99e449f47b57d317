"""Operations of the "Usage" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class UsageOperations(BaseClient):
    """Operations of the "Usage" tag; part of :class:`~circleci.v2.ApiV2`."""
