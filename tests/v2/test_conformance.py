"""Every operation of each vendored v2 spec has exactly one ApiV2 method that sends what the spec describes.

The specs are in ``spec/`` at the repository root (see its SOURCE.md): the
2025-10-17 file and CircleCI's live document of 2026-08. Every test runs once
per spec version. For each operation the test finds the method by its
``operation`` record, generates arguments from the spec's schemas, calls it
against a mock that records the request, and checks the request against the
operation: verb, path, query parameters, and the JSON body, validated with
``jsonschema``. The records follow the 2026-08 file; against the older one a
path may differ only in the names of its placeholders (four were renamed).
"""

from __future__ import annotations

import inspect
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, Optional
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import referencing
import referencing.jsonschema
import requests
import responses
from jsonschema import Draft4Validator

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2

from .wire import URL, make_api

SPEC_DIR = Path(__file__).resolve().parents[2] / "spec"
SPECS: dict[str, dict[str, Any]] = {
    version: json.loads((SPEC_DIR / name).read_text(encoding="utf-8"))
    for version, name in (("2025-10-17", "circleci-v2-openapi.json"), ("2026-08", "circleci-v2-openapi-2026-08.json"))
}
CURRENT = "2026-08"
SPEC_URI = "urn:circleci-v2-openapi"
VERBS = ("get", "post", "put", "patch", "delete")
SLUG_PARAMS = {"project-slug": "gh/org/re po", "org-slug": "gh/o rg", "org-slug-or-id": "gh/o rg"}
UUID = "5034460f-c7c4-4c43-9457-de07e2029e7b"
SAMPLE_STRINGS = {"uuid": UUID, "date-time": "2024-01-02T03:04:05Z", "date": "2024-01-02"}
# Strings for the patterns the spec uses; a new pattern fails loudly rather than guessing.
PATTERN_SAMPLES = {"^([0-9]+(ms|s|m|h|d|w)){1,7}$": "1h30m"}
# A few query parameters are typed "object" in the spec but are lists of names on the wire
# (branches, workflow-names, project-names): they are given as a list and sent repeated.
OBJECT_QUERY_SAMPLE = ["main", "dev"]


class Operation(NamedTuple):
    """One operation of the spec, with the pointer to it for schema references."""

    version: str
    operation_id: str
    verb: str
    path: str
    spec: dict[str, Any]
    parameters: list[dict[str, Any]]
    pointer: str


def resolve(schema: Any, version: str = CURRENT) -> Any:
    """Follow local ``$ref``s (``#/components/...``) until a schema that is not a reference."""
    while isinstance(schema, dict) and "$ref" in schema:
        target: Any = SPECS[version]
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        schema = target
    return schema


def _pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def operations(version: str) -> list[Operation]:
    """All operations of one spec version, in file order."""
    found = []
    for path, item in SPECS[version]["paths"].items():
        for verb in VERBS:
            if verb in item:
                spec = item[verb]
                parameters = [resolve(p, version) for p in item.get("parameters", []) + spec.get("parameters", [])]
                pointer = _pointer("paths", path, verb)
                found.append(Operation(version, spec["operationId"], verb.upper(), path, spec, parameters, pointer))
    return found


OPERATIONS = [op for version in SPECS for op in operations(version)]


def methods_by_operation_id() -> dict[str, list[str]]:
    """operationId -> the names of the ApiV2 methods that say they implement it."""
    table: dict[str, list[str]] = {}
    for name in dir(ApiV2):
        record = getattr(getattr(ApiV2, name), "operation", None)
        if record is not None:
            table.setdefault(record.operation_id, []).append(name)
    return table


def snake(name: str) -> str:
    """A wire name as a Python argument name: ``page-token`` -> ``page_token``, ``orgID`` -> ``org_id``."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^0-9a-zA-Z]+", "_", name).lower()


def sample(schema: Any, version: str) -> Any:
    """A value valid against ``schema``: required fields only, first choice of every enum and oneOf."""
    schema = resolve(schema, version)
    if not isinstance(schema, dict):
        return "x"
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return sample(schema[key][0], version)
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return sample(schema["allOf"][0], version)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(sample(part, version))
        return merged
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        return {field: sample(properties.get(field, {}), version) for field in schema.get("required", [])}
    if kind == "array":
        return [sample(schema.get("items", {}), version)] * max(1, schema.get("minItems", 1))
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(1.5, schema.get("minimum", 1.5))
    if kind == "boolean":
        return True
    if "pattern" in schema:
        return PATTERN_SAMPLES[schema["pattern"]]
    return SAMPLE_STRINGS.get(schema.get("format", ""), "a b" + "c" * schema.get("minLength", 0))


def query_sample(parameter: dict[str, Any], version: str) -> Any:
    """A value for a query parameter (see :data:`OBJECT_QUERY_SAMPLE` for the "object" ones)."""
    schema = resolve(parameter.get("schema", {}), version)
    return OBJECT_QUERY_SAMPLE if schema.get("type") == "object" else sample(schema, version)


def path_value(parameter: dict[str, Any], version: str) -> Any:
    """A value for a path parameter.

    Slugs keep their ``/``; an enum gives its first value; anything else gets
    a value with ``/``, ``?`` and a space, to prove it is sent as one encoded
    segment (numbers without a schema, like ``job-number``, get ``7``).
    """
    if parameter["name"] in SLUG_PARAMS:
        return SLUG_PARAMS[parameter["name"]]
    if parameter["name"] == "job-number":
        return 7
    schema = resolve(parameter.get("schema", {}), version)
    if "enum" in schema:
        return schema["enum"][0]
    return f"{parameter['name']}/x? y" if schema.get("type") else 7


def encoded(parameter: dict[str, Any], value: Any) -> str:
    """How a path value must appear in the URL: slugs keep ``/``, everything else is one encoded segment."""
    if parameter["name"] in SLUG_PARAMS:
        return "/".join(quote(part, safe="") for part in str(value).split("/"))
    return quote(str(value), safe="")


def path_parameters(op: Operation) -> list[dict[str, Any]]:
    """The path parameters in the order they appear in the path template."""
    by_name = {p["name"]: p for p in op.parameters if p["in"] == "path"}
    return [by_name[name] for name in re.findall(r"{([^}]+)}", op.path)]


def query_parameters(op: Operation) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in op.parameters if p["in"] == "query"}


def body_schema(op: Operation) -> Optional[dict[str, Any]]:
    """The resolved JSON schema of the request body, or None without one."""
    body = resolve(op.spec.get("requestBody"), op.version)
    if not body:
        return None
    schema: dict[str, Any] = resolve(body["content"]["application/json"]["schema"], op.version)
    return schema


def is_paginated(op: Operation) -> bool:
    """The spec's idea of a paginated operation: ``page-token`` in, or ``next_page_token`` out."""
    if "page-token" in query_parameters(op):
        return True
    for status, response in op.spec.get("responses", {}).items():
        content = resolve(response, op.version).get("content", {})
        if status.startswith("2") and "application/json" in content:
            schema = resolve(content["application/json"].get("schema", {}), op.version)
            if "next_page_token" in schema.get("properties", {}):
                return True
    return False


def loosened(node: Any) -> Any:
    """The spec with one OpenAPI habit made valid JSON Schema.

    CircleCI writes ``additionalProperties: false`` beside a ``oneOf`` whose
    branches list the properties (``context_created.owner``). In JSON Schema
    that forbids every property, so no body could pass; the branches carry
    their own ``additionalProperties: false``, so dropping the outer one keeps
    the intent.
    """
    if isinstance(node, list):
        return [loosened(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: loosened(value) for key, value in node.items()}
    if node.get("additionalProperties") is False and "properties" not in node and ("oneOf" in node or "anyOf" in node):
        del node["additionalProperties"]
    return node


@cache
def body_validator(pointer: str, version: str) -> Draft4Validator:
    """A validator for the request body schema at ``pointer``, resolving ``$ref``s against the whole spec."""
    resource = referencing.jsonschema.DRAFT4.create_resource(loosened(SPECS[version]))
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(SPEC_URI, resource)
    schema_pointer = pointer + _pointer("requestBody", "content", "application/json", "schema")
    return Draft4Validator({"$ref": f"{SPEC_URI}#{quote(schema_pointer)}"}, registry=registry)


class Sent(NamedTuple):
    """The request a method sent."""

    verb: str
    path: str
    query: dict[str, list[str]]
    body: Any


def call(method_name: str, args: list[Any], kwargs: dict[str, Any]) -> Sent:
    """Call an ApiV2 method against a mock that accepts anything, and return the one request it sent."""
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for verb in VERBS:
            mock.add(verb.upper(), re.compile(re.escape(URL) + r"/.*"), json={})
        getattr(api, method_name)(*args, **kwargs)
        assert len(mock.calls) == 1
        request: requests.PreparedRequest = mock.calls[0].request
    url = urlsplit(str(request.url))
    body = json.loads(request.body) if request.body else None
    return Sent(str(request.method), url.path, parse_qs(url.query, keep_blank_values=True), body)


def arguments(op: Operation, method_name: str, *, optional: bool) -> tuple[list[Any], dict[str, Any], dict[str, Any]]:
    """Positional arguments, keyword arguments, and the wire name -> value the request must carry.

    Required query parameters and body fields are always given; with
    ``optional``, so is every other one the method accepts.
    """
    accepted = inspect.signature(getattr(ApiV2, method_name)).parameters
    args = [path_value(p, op.version) for p in path_parameters(op)]
    kwargs: dict[str, Any] = {}
    expected: dict[str, Any] = {}
    for name, parameter in query_parameters(op).items():
        if parameter.get("required") or (optional and snake(name) in accepted):
            kwargs[snake(name)] = expected[name] = query_sample(parameter, op.version)
    schema = body_schema(op)
    if schema is not None and "properties" in schema:
        for field, field_schema in schema["properties"].items():
            if field in schema.get("required", []) or (optional and snake(field) in accepted):
                kwargs[snake(field)] = expected[field] = sample(field_schema, op.version)
    elif schema is not None:
        kwargs["body"] = expected["body"] = sample(schema, op.version)
    return args, kwargs, expected


def wire_query(value: Any) -> list[str]:
    """How a query value appears in the URL once sent."""
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def check_request(op: Operation, sent: Sent, args: list[Any], expected: dict[str, Any]) -> None:
    """Assert the request sent matches the operation and carries the expected values."""
    assert sent.verb == op.verb
    path = op.path
    for parameter, value in zip(path_parameters(op), args):
        path = path.replace("{" + parameter["name"] + "}", encoded(parameter, value))
    assert sent.path == urlsplit(URL).path + path
    defined = set(query_parameters(op)) | ({"page-token"} if is_paginated(op) else set())
    assert set(sent.query) <= defined, f"undefined query parameters: {set(sent.query) - defined}"
    for name in query_parameters(op):
        if name in expected:
            assert sent.query.get(name) == wire_query(expected[name]), name
    schema = body_schema(op)
    if schema is None:
        assert sent.body is None
        return
    body = {} if sent.body is None else sent.body
    body_validator(op.pointer, op.version).validate(body)
    if "body" in expected:
        assert body == expected["body"]
    for field in schema.get("properties", {}):
        if field in expected:
            assert body.get(field) == expected[field], field


BY_ID = methods_by_operation_id()
PARAMS = [pytest.param(op, id=f"{op.version}-{op.operation_id}") for op in OPERATIONS]
# Listed in 2025-10-17, gone from CircleCI's current document, kept as methods.
KEPT = {"getJobDetails", "getJobArtifacts", "getTests", "createProject1"}
ADDED = {"getJob", "getOrganization", "listOtelExporters", "createOtelExporter", "deleteOtelExporter"}


def ids(version: str) -> set[str]:
    return {op.operation_id for op in OPERATIONS if op.version == version}


def the_method(op: Operation) -> str:
    names = BY_ID.get(op.operation_id, [])
    assert len(names) == 1, f"{op.operation_id}: methods {names}"
    return names[0]


def placeholders_unnamed(path: str) -> str:
    return re.sub(r"{[^}]+}", "{}", path)


@pytest.mark.parametrize(("version", "count"), [("2025-10-17", 110), ("2026-08", 111)])
def test_each_vendored_spec_has_its_operations_with_distinct_ids(version: str, count: int) -> None:
    assert len([op for op in OPERATIONS if op.version == version]) == count
    assert len(ids(version)) == count


def test_the_current_spec_adds_five_operations_and_drops_the_four_kept_ones() -> None:
    assert ids("2026-08") - ids("2025-10-17") == ADDED
    assert ids("2025-10-17") - ids("2026-08") == KEPT


def test_the_client_has_115_methods_none_claiming_an_operation_no_spec_has() -> None:
    assert set(BY_ID) == ids("2026-08") | ids("2025-10-17")
    assert sum(len(names) for names in BY_ID.values()) == 115


@pytest.mark.parametrize("op", PARAMS)
def test_exactly_one_method_with_the_same_verb_and_path(op: Operation) -> None:
    record = getattr(ApiV2, the_method(op)).operation
    assert record.verb == op.verb
    if op.version == CURRENT or op.operation_id in KEPT:
        assert record.path == op.path
    else:
        assert placeholders_unnamed(record.path) == placeholders_unnamed(op.path)


@pytest.mark.parametrize("op", PARAMS)
def test_a_call_with_the_required_arguments_sends_what_the_spec_describes(op: Operation) -> None:
    name = the_method(op)
    args, kwargs, expected = arguments(op, name, optional=False)
    check_request(op, call(name, args, kwargs), args, expected)


@pytest.mark.parametrize("op", PARAMS)
def test_a_call_with_every_argument_sends_each_under_its_wire_name(op: Operation) -> None:
    name = the_method(op)
    args, kwargs, expected = arguments(op, name, optional=True)
    check_request(op, call(name, args, kwargs), args, expected)


@pytest.mark.parametrize("op", [p for p, op in zip(PARAMS, OPERATIONS) if is_paginated(op)])
def test_a_paginated_operation_is_marked_and_passes_page_token_on(op: Operation) -> None:
    name = the_method(op)
    assert getattr(ApiV2, name).operation.paginated is True
    assert "page_token" in inspect.signature(getattr(ApiV2, name)).parameters
    args, kwargs, _ = arguments(op, name, optional=False)
    sent = call(name, args, dict(kwargs, page_token="tok 2"))
    assert sent.query["page-token"] == ["tok 2"]


@pytest.mark.parametrize("op", [p for p, op in zip(PARAMS, OPERATIONS) if not is_paginated(op)])
def test_an_operation_that_is_not_paginated_is_not_marked(op: Operation) -> None:
    assert getattr(ApiV2, the_method(op)).operation.paginated is False


WITH_REQUIRED_FIELDS = [p for p, op in zip(PARAMS, OPERATIONS) if (body_schema(op) or {}).get("required")]


def test_the_checked_fields_are_the_required_body_fields_of_the_specs() -> None:
    from circleci.v2._required import REQUIRED_FIELDS

    fields = {(op.operation_id, field) for op in OPERATIONS for field in (body_schema(op) or {}).get("required", [])}
    assert (len({operation_id for operation_id, _ in fields}), len(fields)) == (17, 39)
    assert fields == {(operation_id, field) for operation_id, pairs in REQUIRED_FIELDS.items() for field, _ in pairs}


@pytest.mark.parametrize("op", WITH_REQUIRED_FIELDS)
def test_every_required_body_field_is_checked_before_sending(op: Operation) -> None:
    """One policy: leaving out any field the spec requires raises InvalidArgumentError, and nothing is sent."""
    name = the_method(op)
    for field in (body_schema(op) or {})["required"]:
        args, kwargs, _ = arguments(op, name, optional=False)
        kwargs[snake(field)] = None
        with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
            with pytest.raises(InvalidArgumentError, match=snake(field)):
                getattr(make_api(), name)(*args, **kwargs)
            assert len(mock.calls) == 0


@pytest.mark.parametrize("op", [p for p, op in zip(PARAMS, OPERATIONS) if op.version == CURRENT])
def test_every_body_field_and_query_parameter_of_the_current_spec_is_an_argument(op: Operation) -> None:
    accepted = inspect.signature(getattr(ApiV2, the_method(op))).parameters
    schema = body_schema(op) or {}
    wanted = [*schema.get("properties", {}), *(name for name in query_parameters(op) if name != "page-token")]
    assert [name for name in wanted if snake(name) not in accepted] == []
