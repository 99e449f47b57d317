"""Operations of the "Insights" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class InsightsOperations(BaseClient):
    """Operations of the "Insights" tag; part of :class:`~circleci.v2.ApiV2`."""
