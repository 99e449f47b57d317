"""Operations of the "Trigger" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class TriggerOperations(BaseClient):
    """Operations of the "Trigger" tag; part of :class:`~circleci.v2.ApiV2`."""
