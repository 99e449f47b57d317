"""Operations of the "Schedule" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class ScheduleOperations(BaseClient):
    """Operations of the "Schedule" tag; part of :class:`~circleci.v2.ApiV2`."""
