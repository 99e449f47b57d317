"""Operations of the "Workflow" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class WorkflowOperations(BaseClient):
    """Operations of the "Workflow" tag; part of :class:`~circleci.v2.ApiV2`."""
