"""Operations of the "Policy Management" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class PolicyOperations(BaseClient):
    """Operations of the "Policy Management" tag; part of :class:`~circleci.v2.ApiV2`."""
