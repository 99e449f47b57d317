"""Operations of the "Job" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class JobOperations(BaseClient):
    """Operations of the "Job" tag; part of :class:`~circleci.v2.ApiV2`."""
