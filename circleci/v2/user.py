"""Operations of the "User" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class UserOperations(BaseClient):
    """Operations of the "User" tag; part of :class:`~circleci.v2.ApiV2`."""
