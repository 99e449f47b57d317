"""Checking request bodies against the v2 spec's request schemas.

The package depends on nothing but ``requests``, so this is a small validator
of its own for the part of JSON Schema that CircleCI's request schemas use:
``type`` (with OpenAPI's ``nullable``), ``properties``, ``required``,
``additionalProperties``, ``items``, ``enum``, ``anyOf``, ``oneOf``,
``pattern`` and the ``uuid`` format. The derivation script refuses a spec that
uses any other keyword, so nothing is silently left unchecked.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Callable, Optional

from ._spec import REQUEST_SCHEMAS

__all__ = ["body_error", "schema_error"]

_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
}


def body_error(operation_id: str, body: Any) -> Optional[str]:
    """Why ``body`` is not a valid request body for an operation, or ``None`` when it is.

    :param operation_id: the spec's ``operationId``; an operation without a
        request schema accepts any body.
    :param body: the decoded JSON body; ``None`` (no body) is checked as
        ``{}``, so required fields are still reported.
    """
    schema = REQUEST_SCHEMAS.get(operation_id)
    if schema is None:
        return None
    return schema_error(schema, {} if body is None else body)


def schema_error(schema: dict[str, Any], value: Any, where: str = "body") -> Optional[str]:
    """The first way ``value`` breaks ``schema``, as ``"<where>: <problem>"``, or ``None``.

    :param schema: a schema in the subset described above.
    :param value: the decoded JSON value.
    :param where: how to name the value in the message.
    """
    if value is None and schema.get("nullable"):
        return None
    for check in (_type, _enum, _pattern, _format, _properties, _items, _choices):
        problem = check(schema, value, where)
        if problem:
            return problem
    return None


def _type(schema: dict[str, Any], value: Any, where: str) -> Optional[str]:
    expected = schema.get("type")
    if expected is None or _TYPES[expected](value):
        return None
    return f"{where}: {value!r} is not of type {expected}"


def _enum(schema: dict[str, Any], value: Any, where: str) -> Optional[str]:
    if "enum" not in schema or value in schema["enum"]:
        return None
    return f"{where}: {value!r} is not one of {', '.join(map(str, schema['enum']))}"


def _pattern(schema: dict[str, Any], value: Any, where: str) -> Optional[str]:
    if "pattern" not in schema or not isinstance(value, str) or re.search(schema["pattern"], value):
        return None
    return f"{where}: {value!r} does not match {schema['pattern']}"


def _format(schema: dict[str, Any], value: Any, where: str) -> Optional[str]:
    if schema.get("format") != "uuid" or not isinstance(value, str):
        return None
    try:
        uuid.UUID(value)
    except ValueError:
        return f"{where}: {value!r} is not a UUID"
    return None


def _properties(schema: dict[str, Any], value: Any, where: str) -> Optional[str]:
    if not isinstance(value, dict):
        return None
    missing = [name for name in schema.get("required", ()) if name not in value]
    if missing:
        return f"{where}: missing required field(s) {', '.join(missing)}"
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            problem = schema_error(properties[name], item, f"{where}.{name}")
        elif extra is False:
            problem = f"{where}: unexpected field {name!r}"
        else:
            problem = schema_error(extra, item, f"{where}.{name}") if isinstance(extra, dict) else None
        if problem:
            return problem
    return None


def _items(schema: dict[str, Any], value: Any, where: str) -> Optional[str]:
    if "items" not in schema or not isinstance(value, list):
        return None
    for index, item in enumerate(value):
        problem = schema_error(schema["items"], item, f"{where}[{index}]")
        if problem:
            return problem
    return None


def _choices(schema: dict[str, Any], value: Any, where: str) -> Optional[str]:
    if "anyOf" in schema and _matches(schema["anyOf"], value, where) == 0:
        return f"{where}: {value!r} matches none of the allowed forms"
    if "oneOf" in schema and _matches(schema["oneOf"], value, where) != 1:
        return f"{where}: {value!r} must match exactly one of the allowed forms"
    return None


def _matches(choices: list[dict[str, Any]], value: Any, where: str) -> int:
    return sum(schema_error(choice, value, where) is None for choice in choices)
