"""Operations of the "Pipeline Definition" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class PipelineDefinitionOperations(BaseClient):
    """Operations of the "Pipeline Definition" tag; part of :class:`~circleci.v2.ApiV2`."""
