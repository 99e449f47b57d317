"""Receiving CircleCI's outbound webhooks: checking their signature and reading their payloads.

.. versionadded:: 1.3.0

CircleCI signs each delivery with the webhook's secret: the
``circleci-signature`` header lists versioned signatures
(``v1=<hex>,...``), where ``v1`` is the lowercase hex HMAC-SHA256 of the raw
body keyed with the secret. :func:`verify_signature` checks only ``v1`` (older
schemes would allow a downgrade) and compares in constant time. There is no
timestamp in the scheme, and deliveries can repeat: deduplicate on the
payload's ``id``.

Example, in any web framework::

    from circleci.webhooks import parse_event, verify_signature

    if not verify_signature(secret, request_body, headers.get("circleci-signature")):
        return 401
    event = parse_event(request_body)
    if event["type"] == "workflow-completed":
        print(event["workflow"]["name"], event["workflow"]["status"])
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from typing import Any, Optional, TypedDict, Union

__all__ = [
    "EVENT_TYPES",
    "JobCompleted",
    "JobPayload",
    "OrganizationPayload",
    "PipelinePayload",
    "ProjectPayload",
    "WebhookEvent",
    "WebhookPayload",
    "WorkflowCompleted",
    "WorkflowPayload",
    "parse_event",
    "signature",
    "signatures",
    "verify_signature",
]

EVENT_TYPES = ("workflow-completed", "job-completed")
"""The events CircleCI delivers (the ``circleci-event-type`` header and the payload's ``type``)."""


class WebhookPayload(TypedDict):
    """The ``webhook`` part of a payload: which webhook fired."""

    id: str
    name: str


class ProjectPayload(TypedDict):
    """The ``project`` part of a payload."""

    id: str
    name: str
    slug: str


class OrganizationPayload(TypedDict):
    """The ``organization`` part of a payload."""

    id: str
    name: str


class WorkflowPayload(TypedDict, total=False):
    """The ``workflow`` part of a payload; ``status`` is the workflow's final status."""

    id: str
    name: str
    status: str
    created_at: str
    stopped_at: Optional[str]
    url: str


class PipelinePayload(TypedDict, total=False):
    """The ``pipeline`` part of a payload: its id, number, trigger and ``vcs`` details."""

    id: str
    number: int
    created_at: str
    trigger: dict[str, Any]
    trigger_parameters: dict[str, Any]
    vcs: dict[str, Any]


class JobPayload(TypedDict, total=False):
    """The ``job`` part of a ``job-completed`` payload."""

    id: str
    name: str
    number: Optional[int]
    status: str
    started_at: Optional[str]
    stopped_at: Optional[str]


class WorkflowCompleted(TypedDict):
    """A ``workflow-completed`` payload. New fields may appear: treat it as an open map."""

    id: str
    type: str
    happened_at: str
    webhook: WebhookPayload
    project: ProjectPayload
    organization: OrganizationPayload
    workflow: WorkflowPayload
    pipeline: PipelinePayload


class JobCompleted(WorkflowCompleted):
    """A ``job-completed`` payload: a workflow payload plus ``job``."""

    job: JobPayload


WebhookEvent = Union[WorkflowCompleted, JobCompleted]
"""Either payload; tell them apart by ``type``."""


def signature(body: Union[bytes, str], secret: Union[str, bytes]) -> str:
    """The ``v1`` signature of a body: the lowercase hex HMAC-SHA256 keyed with the secret.

    :param body: the raw request body, as received (text is taken as UTF-8).
    :param secret: the webhook's signing secret.
    :returns: 64 hex digits (without the ``v1=`` prefix).
    """
    key = secret.encode() if isinstance(secret, str) else secret
    data = body.encode() if isinstance(body, str) else body
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def signatures(header: str) -> dict[str, list[str]]:
    """The signatures of a ``circleci-signature`` header, by version.

    :param header: e.g. ``"v1=abc...,v1=def..."``.
    :returns: e.g. ``{"v1": ["abc...", "def..."]}``; malformed parts are left out.
    """
    found: dict[str, list[str]] = {}
    for part in header.split(","):
        version, sep, value = part.strip().partition("=")
        if sep and version and value:
            found.setdefault(version, []).append(value.strip())
    return found


def verify_signature(
    secret: Union[str, bytes, Sequence[Union[str, bytes]]], body: Union[bytes, str], header: Optional[str]
) -> bool:
    """Whether a delivery's ``circleci-signature`` header holds a valid ``v1`` signature of its body.

    Only ``v1`` signatures count, and each is compared in constant time, as
    bytes. A header from anyone (text that is not hex, not ASCII, absent)
    gives ``False``, never an exception.

    :param secret: the signing secret, or a list or tuple of secrets (while
        rotating one, accept the old and the new).
    :param body: the raw request body, exactly as received (not re-encoded
        JSON; text is taken as UTF-8).
    :param header: the ``circleci-signature`` header, or ``None`` when it is missing.
    :returns: ``True`` when one ``v1`` signature matches one secret.
    """
    if not header or not isinstance(header, str):
        return False
    secrets = [secret] if isinstance(secret, (str, bytes)) else list(secret)
    given = [candidate.lower().encode("utf-8", "surrogateescape") for candidate in signatures(header).get("v1", [])]
    valid = False
    for key in secrets:
        expected = signature(body, key).encode()
        for candidate in given:
            valid |= hmac.compare_digest(expected, candidate)
    return valid


def parse_event(body: Union[bytes, str]) -> WebhookEvent:
    """The payload of a delivery, as a typed dict.

    :param body: the raw request body.
    :returns: a :class:`WorkflowCompleted` or :class:`JobCompleted` (see ``type``).
    :raises ValueError: when the body is not a JSON object with an ``id`` and a ``type``.
    """
    data: Any = json.loads(body)
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("type"), str):
        raise ValueError("not a CircleCI webhook payload: expected a JSON object with id and type")
    return data  # type: ignore[return-value]
