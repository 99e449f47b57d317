"""The "OTel" operations of ApiV2 on the wire (experimental in CircleCI's spec)."""

from __future__ import annotations

import pytest

from circleci.v2.otel import OtelOperations

from .wire import Wire, cases, check, operation_methods

ORG_ID = "b9291e0d-a11e-41fb-8517-c545388b5953"

CASES: dict[str, list[Wire]] = {
    "list_otel_exporters": [
        Wire(lambda api: api.list_otel_exporters(org_id=ORG_ID), "GET", "/otel/exporters", {"org-id": ORG_ID}),
    ],
    "create_otel_exporter": [
        Wire(
            lambda api: api.create_otel_exporter(org_id=ORG_ID, endpoint="otel.example.com:4317", protocol="grpc"),
            "POST",
            "/otel/exporters",
            body={"org_id": ORG_ID, "endpoint": "otel.example.com:4317", "protocol": "grpc"},
        ),
        Wire(
            lambda api: api.create_otel_exporter(
                org_id=ORG_ID, endpoint="h:4318", protocol="http", insecure=False, headers={"x-key": "v"}
            ),
            "POST",
            "/otel/exporters",
            body={
                "org_id": ORG_ID,
                "endpoint": "h:4318",
                "protocol": "http",
                "insecure": False,
                "headers": {"x-key": "v"},
            },
        ),
    ],
    "delete_otel_exporter": [
        Wire(lambda api: api.delete_otel_exporter("e/1"), "DELETE", "/otel/exporters/e%2F1"),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(OtelOperations)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_docstring_says_experimental(name: str) -> None:
    assert "experimental" in (getattr(OtelOperations, name).__doc__ or "")
