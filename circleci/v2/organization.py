"""Operations of the "Organization" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class OrganizationOperations(BaseClient):
    """Operations of the "Organization" tag; part of :class:`~circleci.v2.ApiV2`."""
