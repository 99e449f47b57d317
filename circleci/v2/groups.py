"""Operations of the "Groups" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class GroupsOperations(BaseClient):
    """Operations of the "Groups" tag; part of :class:`~circleci.v2.ApiV2`."""
