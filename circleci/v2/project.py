"""Operations of the "Project" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class ProjectOperations(BaseClient):
    """Operations of the "Project" tag; part of :class:`~circleci.v2.ApiV2`."""
