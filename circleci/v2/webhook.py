"""Operations of the "Webhook" tag of the CircleCI API v2."""

from __future__ import annotations

from .._client import BaseClient


class WebhookOperations(BaseClient):
    """Operations of the "Webhook" tag; part of :class:`~circleci.v2.ApiV2`."""
