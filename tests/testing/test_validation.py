"""Request bodies are checked against the v2 spec's request schemas, with or without jsonschema."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from circleci.testing import FakeCircleCI
from circleci.testing._spec import OPERATIONS, REQUEST_SCHEMAS
from circleci.testing.validation import body_error, schema_error

from .conftest import SLUG

UUID = "2f6a4a5c-2d43-4c36-9d38-1e2ae4b6d2a1"
OWNER = {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}, "required": ["id"]}
CASES: list[tuple[dict[str, Any], Any, bool]] = [
    ({"type": "integer"}, True, False),
    ({"type": "integer"}, 3, True),
    ({"type": "number"}, 1.5, True),
    ({"type": "string", "nullable": True}, None, True),
    ({"type": "string"}, None, False),
    ({"enum": ["a", "b"], "type": "string"}, "c", False),
    ({"type": "string", "pattern": "^[0-9]+s$"}, "10s", True),
    ({"type": "string", "pattern": "^[0-9]+s$"}, "ten", False),
    ({"type": "string", "format": "uuid"}, "nope", False),
    ({"type": "array", "items": {"type": "string"}}, ["a", 1], False),
    ({"type": "object", "additionalProperties": False, "properties": {"a": {}}}, {"b": 1}, False),
    ({"type": "object", "additionalProperties": {"type": "boolean"}}, {"b": 1}, False),
    ({"type": "object", "additionalProperties": {"type": "boolean"}}, {"b": True}, True),
    ({"anyOf": [{"type": "integer"}, {"type": "string"}]}, [], False),
    ({"oneOf": [OWNER, {"type": "object", "required": ["slug"]}]}, {"id": UUID, "slug": "y"}, False),
    ({"oneOf": [OWNER, {"type": "object", "required": ["slug"]}]}, {"slug": "y"}, True),
    ({"type": "object", "required": ["name"]}, {}, False),
]


@pytest.mark.parametrize(("schema", "value", "valid"), CASES)
def test_the_validator_agrees_with_jsonschema(schema: dict[str, Any], value: Any, valid: bool) -> None:
    assert (schema_error(schema, value) is None) is valid
    jsonschema = pytest.importorskip("jsonschema")
    reference = dict(schema)
    if reference.pop("nullable", False):
        reference["type"] = [reference["type"], "null"]
    validator = jsonschema.Draft202012Validator
    checker = validator(reference, format_checker=validator.FORMAT_CHECKER)
    assert checker.is_valid(value) is valid


def test_every_shipped_schema_is_a_valid_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    for schema in REQUEST_SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    assert len(OPERATIONS) == 115 and "triggerPipeline" in REQUEST_SCHEMAS


def test_messages_say_where_and_what() -> None:
    assert body_error("createEnvVar", {"name": "A"}) == "body: missing required field(s) value"
    assert body_error("createEnvVar", None) == "body: missing required field(s) name, value"
    assert body_error("triggerPipeline", {"parameters": {"x": [1]}}) == (
        "body.parameters.x: [1] matches none of the allowed forms"
    )
    assert body_error("getPipelineById", {"anything": 1}) is None


def _post(fake: FakeCircleCI, path: str, body: bytes) -> requests.Response:
    headers = {"Circle-Token": fake.token, "Content-Type": "application/json"}
    return requests.post(f"{fake.url_v2}/{path}", data=body, headers=headers, timeout=5)


def test_the_server_answers_400_with_the_reason(fake: FakeCircleCI) -> None:
    bad = _post(fake, f"project/{SLUG}/pipeline", json.dumps({"branch": "main", "parameters": {"x": None}}).encode())
    assert bad.status_code == 400
    assert bad.json() == {
        "message": "Invalid request body for triggerPipeline: body.parameters.x: None matches none of the allowed forms"
    }
    not_json = _post(fake, f"project/{SLUG}/pipeline", b"{oops")
    assert (not_json.status_code, not_json.json()) == (400, {"message": "Request body is not valid JSON"})
    assert _post(fake, f"project/{SLUG}/pipeline", b"").status_code == 201
