"""Operations of the "Rollback" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class RollbackOperations(BaseClient):
    """Operations of the "Rollback" tag; part of :class:`~circleci.v2.ApiV2`."""
