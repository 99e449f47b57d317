"""Operations of the "OIDC Token Management" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class OidcOperations(BaseClient):
    """Operations of the "OIDC Token Management" tag; part of :class:`~circleci.v2.ApiV2`."""
