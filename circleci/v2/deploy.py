"""Operations of the "Deploy" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class DeployOperations(BaseClient):
    """Operations of the "Deploy" tag; part of :class:`~circleci.v2.ApiV2`."""
