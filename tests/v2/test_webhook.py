"""The "Webhook" operations of ApiV2 on the wire."""

from __future__ import annotations

import pytest

from circleci.error import InvalidArgumentError
from circleci.v2.webhook import WebhookOperations

from .wire import Wire, cases, check, make_api, operation_methods

WH = "0c1b4b1e-7e5a-4d0c-9b7a-1e2f3a4b5c6d"
PROJECT = "7b1c3f1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"

CASES: dict[str, list[Wire]] = {
    "get_webhooks": [
        Wire(
            lambda api: api.get_webhooks(scope_id=PROJECT),
            "GET",
            "/webhook",
            {"scope-id": PROJECT, "scope-type": "project"},
        ),
        Wire(
            lambda api: api.get_webhooks(scope_id=PROJECT, scope_type="project", page_token="p2"),
            "GET",
            "/webhook",
            {"scope-id": PROJECT, "scope-type": "project", "page-token": "p2"},
        ),
    ],
    "create_webhook": [
        Wire(
            lambda api: api.create_webhook(
                name="notify",
                events=["workflow-completed"],
                url="https://example.invalid/hook",
                verify_tls=False,
                signing_secret="s",
                scope={"id": PROJECT, "type": "project"},
            ),
            "POST",
            "/webhook",
            body={
                "name": "notify",
                "events": ["workflow-completed"],
                "url": "https://example.invalid/hook",
                "verify-tls": False,
                "signing-secret": "s",
                "scope": {"id": PROJECT, "type": "project"},
            },
        ),
    ],
    "delete_webhook": [Wire(lambda api: api.delete_webhook("a/../b"), "DELETE", "/webhook/a%2F..%2Fb")],
    "get_webhook_by_id": [Wire(lambda api: api.get_webhook_by_id(WH), "GET", f"/webhook/{WH}")],
    "update_webhook": [
        Wire(lambda api: api.update_webhook(WH), "PUT", f"/webhook/{WH}", body={}),
        Wire(
            lambda api: api.update_webhook(
                "a/../b",
                name="n",
                events=["job-completed"],
                url="https://example.invalid/h",
                signing_secret="s2",
                verify_tls=True,
            ),
            "PUT",
            "/webhook/a%2F..%2Fb",
            body={
                "name": "n",
                "events": ["job-completed"],
                "url": "https://example.invalid/h",
                "signing-secret": "s2",
                "verify-tls": True,
            },
        ),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(WebhookOperations)


def test_empty_webhook_id_is_refused() -> None:
    with pytest.raises(InvalidArgumentError):
        make_api().get_webhook_by_id("")
