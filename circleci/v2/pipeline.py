"""Operations of the "Pipeline" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class PipelineOperations(BaseClient):
    """Operations of the "Pipeline" tag; part of :class:`~circleci.v2.ApiV2`."""
