"""Generate everything the package derives from the vendored CircleCI specs.

    python spec/generate.py           # write the generated files
    python spec/generate.py --check   # exit 1 when a checked-in file differs from a fresh generation

The v2 surface is the 2026-08 spec plus the four operations it no longer lists
(:data:`KEPT`), taken from the 2025-10-17 spec. From it this tool writes:

- ``circleci/v2/types.py``: a ``TypedDict`` for every object a v2 operation
  returns or takes as its body, the generic page types, and nothing else;
- ``circleci/testing/_spec.py``: the fake's request-body schemas and operation
  list (``REQUEST_SCHEMAS`` and ``OPERATIONS``);
- ``docs/_generated/v2_operations.rst``: the table of operations, the spec
  versions that list each one, and its return type.

:func:`return_types` gives the annotation each ``ApiV2`` method must carry; the
tests compare the methods with it.
"""

from __future__ import annotations

import json
import keyword
import pprint
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, NamedTuple, Optional

ROOT = Path(__file__).resolve().parents[1]
SPEC_DIR = ROOT / "spec"
CURRENT = SPEC_DIR / "circleci-v2-openapi-2026-08.json"
PREVIOUS = SPEC_DIR / "circleci-v2-openapi.json"
TYPES_OUTPUT = ROOT / "circleci" / "v2" / "types.py"
FAKE_OUTPUT = ROOT / "circleci" / "testing" / "_spec.py"
DOCS_OUTPUT = ROOT / "docs" / "_generated" / "v2_operations.inc"
REQUIRED_OUTPUT = ROOT / "circleci" / "v2" / "_required.py"
TAGS_DIR = ROOT / "docs" / "api_v2"
# The tags whose pages come first in the docs; the others follow alphabetically.
FIRST_TAGS = ("Pipeline", "Workflow", "Job")
VERBS = ("get", "post", "put", "patch", "delete")
# Operations CircleCI's current spec no longer lists; the client keeps them (they may still answer).
KEPT = ("getJobDetails", "getJobArtifacts", "getTests", "createProject1")
NULLABLE = ("x-nullable", "nullable")


class Op(NamedTuple):
    """One v2 operation as the client implements it."""

    operation_id: str
    verb: str
    path: str
    tag: str
    spec: dict[str, Any]
    document: dict[str, Any]
    current: bool
    previous: bool


def load(path: Path) -> dict[str, Any]:
    """A vendored spec, decoded."""
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _ops_of(document: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    found = {}
    for path, item in document["paths"].items():
        for verb in VERBS:
            if verb in item:
                found[item[verb]["operationId"]] = (verb.upper(), path, item[verb])
    return found


def operations(current: dict[str, Any], previous: dict[str, Any]) -> list[Op]:
    """The client's operations: every one of the current spec, then the kept ones of the previous, by path."""
    now, before = _ops_of(current), _ops_of(previous)
    ops = [
        Op(oid, verb, path, (spec.get("tags") or ["Other"])[0], spec, current, True, oid in before)
        for oid, (verb, path, spec) in now.items()
    ]
    for oid in KEPT:
        if oid in now:  # pragma: no cover - only when CircleCI lists it again
            continue
        verb, path, spec = before[oid]
        ops.append(Op(oid, verb, path, (spec.get("tags") or ["Other"])[0], spec, previous, False, True))
    return sorted(ops, key=lambda op: (op.path, VERBS.index(op.verb.lower())))


def resolve(node: Any, document: dict[str, Any]) -> Any:
    """Follow local ``$ref``s until a node that is not a reference."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def pascal(name: str) -> str:
    """``pipeline_definition`` / ``getJobResponse`` / ``verify-tls`` -> ``PipelineDefinition`` / ... ."""
    parts = re.split(r"[^0-9A-Za-z]+", name)
    return "".join(part[:1].upper() + part[1:] for part in parts if part)


# Methods not named after their operationId in snake_case.
METHOD_NAMES = {"createProject1": "create_project_from_repo"}


def snake(name: str) -> str:
    """A camelCase operationId as a method name: ``getJobDetails`` -> ``get_job_details``."""
    if name in METHOD_NAMES:
        return METHOD_NAMES[name]
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^0-9a-zA-Z]+", "_", name).lower()


def responses(op: Op) -> list[Optional[dict[str, Any]]]:
    """The JSON schema of each 2xx response (``None`` for one without a JSON body)."""
    found = []
    for status, response in sorted(op.spec.get("responses", {}).items()):
        if status.startswith("2"):
            json_body = resolve(response, op.document).get("content", {}).get("application/json")
            found.append(json_body.get("schema") if json_body else None)
    return found


def body_schema(op: Op) -> Optional[dict[str, Any]]:
    """The request body's JSON schema, ``None`` without one."""
    body = resolve(op.spec.get("requestBody"), op.document)
    if not body:
        return None
    schema: dict[str, Any] = body["content"]["application/json"]["schema"]
    return schema


# --- TypedDicts -----------------------------------------------------------------------------------------


class TypeBuilder:
    """Turns spec schemas into Python type expressions, collecting the ``TypedDict``s they need.

    Objects with the same shape share one class. A class is named after the
    schema's ``title`` or component name when it has one, else after where it
    was found (``ListWorkflowJobsResponseItem``).
    """

    def __init__(self) -> None:
        self.classes: dict[str, list[tuple[str, str]]] = {}  # name -> fields, in dependency order
        self.shapes: dict[tuple[str, str], str] = {}  # (preferred name, canonical shape) -> name
        self.owner = ""  # the operation being read, to name a class whose preferred name is taken

    def expression(self, node: Any, document: dict[str, Any], context: str) -> str:
        """The type expression of a schema; ``context`` names an object class without a name of its own."""
        if isinstance(node, dict) and "$ref" in node:
            context = pascal(node["$ref"].rsplit("/", 1)[-1])
        node = resolve(node, document)
        if not isinstance(node, dict) or node in ({}, True):
            return "Any"
        text = self._plain(node, document, context)
        if any(node.get(flag) for flag in NULLABLE) and text != "Any":
            return f"Optional[{text}]"
        return text

    def _plain(self, node: dict[str, Any], document: dict[str, Any], context: str) -> str:
        if "allOf" in node:
            parts = node["allOf"]
            if len(parts) == 1:
                return self.expression(parts[0], document, context)
            merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
            for part in parts:
                part = resolve(part, document)
                merged["properties"].update(part.get("properties", {}))
                merged["required"] += part.get("required", [])
            return self._plain(merged, document, context)
        for key in ("oneOf", "anyOf"):
            if key in node:
                choices: list[str] = []
                unnamed = [sub for sub in node[key] if "$ref" not in sub and not sub.get("title")]
                for index, sub in enumerate(node[key]):
                    text = self.expression(sub, document, f"{context}{index + 1}" if len(unnamed) > 1 else context)
                    if text not in choices:
                        choices.append(text)
                if "Any" in choices:
                    return "Any"
                return choices[0] if len(choices) == 1 else f"Union[{', '.join(choices)}]"
        if "enum" in node and all(isinstance(value, str) for value in node["enum"]):
            return f"Literal[{', '.join(json.dumps(value) for value in sorted(node['enum']))}]"
        kind = node.get("type")
        if kind == "array":
            return f"list[{self.expression(node.get('items', {}), document, context + 'Item')}]"
        if kind == "object" or "properties" in node:
            if node.get("properties"):
                return self._object(node, document, pascal(node.get("title", "")) or context)
            extra = node.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return f"dict[str, {self.expression(extra, document, context + 'Value')}]"
            return "dict[str, Any]"
        return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(str(kind), "Any")

    def _object(self, node: dict[str, Any], document: dict[str, Any], name: str) -> str:
        properties: dict[str, Any] = node["properties"]
        required = set(node.get("required", []))
        page = self._page(properties, required, document, name)
        if page:
            return page
        fields = []
        for field, sub in properties.items():
            text = self.expression(sub, document, name + pascal(field))
            fields.append((field, text if field in required else f"NotRequired[{text}]"))
        key = (name, json.dumps(fields))
        if key in self.shapes:
            return self.shapes[key]
        candidate = name if name not in self.classes else self.owner + name
        number = 2
        while candidate in self.classes:
            candidate, number = f"{self.owner}{name}{number}", number + 1
        self.shapes[key] = candidate
        self.classes[candidate] = fields
        return candidate

    def _page(self, properties: dict[str, Any], required: set[str], document: dict[str, Any], name: str) -> str:
        """``Page[Item]`` / ``LoosePage[Item]`` for an object that is exactly a page, else ``""``."""
        if (
            set(properties) != {"items", "next_page_token"}
            or resolve(properties["items"], document).get("type") != "array"
        ):
            return ""
        item = resolve(properties["items"], document).get("items", {})
        generic = "Page" if required == {"items", "next_page_token"} else "LoosePage"
        context = name[: -len("Response")] if name.endswith("Response") else name
        return f"{generic}[{self.expression(item, document, context + 'Item')}]"


def render_class(name: str, fields: list[tuple[str, str]], methods: list[str]) -> str:
    """One ``TypedDict``, in class syntax when every key is an identifier, else in the functional one."""
    links = ", ".join(f":meth:`~circleci.v2.ApiV2.{method}`" for method in methods)
    text = f"An object of the v2 spec, used by {links}." if methods else "An object of the v2 spec."
    doc = textwrap.fill(text, width=110, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False)
    doc += "\n\n    Keys:\n"
    for field, expression in fields:
        shown = (
            expression[len("NotRequired[") : -1] + "``, not required"
            if expression.startswith("NotRequired[")
            else (expression + "``")
        )
        item = f"- ``{field}``: ``{shown}"
        doc += "\n" + textwrap.fill(
            item,
            width=110,
            initial_indent="    ",
            subsequent_indent="      ",
            break_on_hyphens=False,
            break_long_words=False,
        )
    if all(field.isidentifier() and not keyword.iskeyword(field) for field, _ in fields):
        body = [f"    {field}: {text}" for field, text in fields]
        return "\n".join([f"class {name}(TypedDict):", f'    """{doc.strip()}\n    """', "", *body])
    items = "".join(f"        {json.dumps(field)}: {text},\n" for field, text in fields)
    functional = f"{name} = TypedDict(\n    {json.dumps(name)},\n    {{\n{items}    }},\n)\n"
    return functional + f'{name}.__doc__ = """\n{doc}\n"""'


TYPES_HEADER = '''"""Types of what the CircleCI API v2 returns and takes, generated from its spec.

Generated by spec/generate.py from spec/circleci-v2-openapi-2026-08.json (and, for the
operations it no longer lists, spec/circleci-v2-openapi.json); do not edit by hand.

Each ``TypedDict`` describes a plain ``dict``: nothing here exists at run time
beyond the class objects, and :class:`~circleci.v2.ApiV2` never imports this
module. Keys the spec does not require are ``NotRequired``; values it lets be
null are ``Optional``.
"""

import sys
from typing import Any, Generic, Literal, Optional, TypeVar, Union

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover - typing_extensions is a dependency on Python < 3.11
    from typing_extensions import NotRequired, TypedDict

T = TypeVar("T")


class Page(TypedDict, Generic[T]):
    """One page of a paginated operation: pass ``next_page_token`` as ``page_token`` for the next one."""

    items: list[T]
    next_page_token: Optional[str]


class LoosePage(TypedDict, Generic[T], total=False):
    """A page whose keys the spec does not promise (older operations promise both)."""

    items: list[T]
    next_page_token: Optional[str]

'''


class Generated(NamedTuple):
    """What the generator derives from the specs."""

    types: str
    returns: dict[str, str]
    bodies: dict[str, dict[str, str]]
    fake: str
    docs: str
    required: str
    tags: dict[str, str]


def method_types(ops: list[Op]) -> tuple[TypeBuilder, dict[str, str], dict[str, dict[str, str]]]:
    """Build the types; return them, the return annotation per operation and the body field types."""
    builder = TypeBuilder()
    returns: dict[str, str] = {}
    bodies: dict[str, dict[str, str]] = {}
    for op in ops:
        base = builder.owner = pascal(op.operation_id)
        schema = body_schema(op)
        if schema is not None:
            resolved = resolve(schema, op.document)
            fields: dict[str, str] = {}
            for field, sub in resolved.get("properties", {}).items():
                fields[field] = builder.expression(sub, op.document, base + "Body" + pascal(field))
            if not resolved.get("properties"):
                fields[""] = builder.expression(schema, op.document, base + "Body")
            bodies[op.operation_id] = fields
        choices: list[str] = []
        for response in responses(op):
            text = "None" if response is None else builder.expression(response, op.document, base + "Response")
            if text not in choices:
                choices.append(text)
        returns[op.operation_id] = choices[0] if len(choices) == 1 else f"Union[{', '.join(choices)}]"
    return builder, returns, bodies


def _names(expression: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expression))


def render_types(builder: TypeBuilder, returns: dict[str, str], bodies: dict[str, dict[str, str]]) -> str:
    """The text of ``circleci/v2/types.py``."""
    refers = {name: set().union(*(_names(text) for _, text in fields)) for name, fields in builder.classes.items()}
    used: dict[str, set[str]] = {}
    roots = [(oid, text) for oid, text in returns.items()]
    roots += [(oid, text) for oid, fields in bodies.items() for text in fields.values()]
    for oid, expression in roots:
        todo = list(_names(expression) & set(builder.classes))
        while todo:
            name = todo.pop()
            if snake(oid) not in used.setdefault(name, set()):
                used[name].add(snake(oid))
                todo += list(refers[name] & set(builder.classes))
    blocks = [TYPES_HEADER]
    for name, fields in builder.classes.items():
        blocks.append(render_class(name, fields, sorted(used.get(name, ()))) + "\n\n")
    return "\n".join(blocks)


# --- the fake's schemas ---------------------------------------------------------------------------------

KEPT_KEYWORDS = frozenset(
    {"type", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "oneOf", "pattern", "format"}
)
DROPPED_KEYWORDS = frozenset(
    {"description", "example", "title", "x-go-name", "uniqueItems", "minLength", "maxLength", "deprecated", *NULLABLE}
)


def simplify(node: Any, document: dict[str, Any]) -> Any:
    """A copy of a schema with ``$ref`` inlined and only the keywords the fake's validator knows."""
    node = resolve(node, document)
    if "allOf" in node and len(node["allOf"]) == 1:
        merged = {key: value for key, value in node.items() if key != "allOf"}
        return simplify({**resolve(node["allOf"][0], document), **merged}, document)
    unknown = set(node) - KEPT_KEYWORDS - DROPPED_KEYWORDS
    if unknown:
        raise ValueError(f"schema keyword(s) the validator does not support: {sorted(unknown)}")
    out: dict[str, Any] = {key: node[key] for key in ("type", "required", "enum", "pattern", "format") if key in node}
    if any(node.get(flag) for flag in NULLABLE):
        out["nullable"] = True
    if "properties" in node:
        out["properties"] = {name: simplify(sub, document) for name, sub in node["properties"].items()}
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            out[key] = simplify(node[key], document)
        elif key in node and (key != "additionalProperties" or "properties" in node):
            # The spec puts "additionalProperties: false" beside a oneOf for context owners, where
            # JSON Schema would refuse every owner; CircleCI accepts them, so it is dropped there.
            out[key] = node[key]
    for key in ("anyOf", "oneOf"):
        if key in node:
            out[key] = [simplify(sub, document) for sub in node[key]]
    return out


def derive_fake(ops: list[Op]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """The request-body schemas by operationId, and every (operationId, VERB, path)."""
    bodies: dict[str, Any] = {}
    for op in ops:
        schema = body_schema(op)
        if schema is not None:
            bodies[op.operation_id] = simplify(schema, op.document)
    listed = sorted(((op.operation_id, op.verb, op.path) for op in ops), key=lambda row: (row[2], row[1]))
    return dict(sorted(bodies.items())), listed


FAKE_HEADER = '''"""Request-body schemas and operations of CircleCI's API v2, derived from its OpenAPI spec.

Generated by spec/generate.py from spec/circleci-v2-openapi-2026-08.json (and, for the four
operations it no longer lists, spec/circleci-v2-openapi.json); do not edit by hand.
"""

from typing import Any

'''


def render_fake(bodies: dict[str, Any], listed: list[tuple[str, str, str]]) -> str:
    """The text of ``circleci/testing/_spec.py``."""
    return (
        FAKE_HEADER
        + f"REQUEST_SCHEMAS: dict[str, Any] = {pprint.pformat(bodies, width=110, sort_dicts=True)}\n\n"
        + f"OPERATIONS: tuple[tuple[str, str, str], ...] = {pprint.pformat(tuple(listed), width=110)}\n"
    )


REQUIRED_HEADER = '''"""The request-body fields each v2 operation requires, checked before a request is sent.

Generated by spec/generate.py from the vendored v2 specs; do not edit by hand. Each top-level
field comes with whether it is text (text must not be empty either); NESTED_REQUIRED says what
objects inside a body must hold (one of several sets of fields where the spec gives a choice).
"""

'''


# Required text fields where an empty string means something: CircleCI creates an unsigned
# webhook when its signing secret is empty (the secret is optional in CircleCI's own UI).
EMPTY_ALLOWED = frozenset({"signing-secret"})


def required_fields(ops: list[Op]) -> dict[str, tuple[tuple[str, bool], ...]]:
    """operationId -> ((wire name, is text), ...) for every body field the spec requires."""
    table: dict[str, tuple[tuple[str, bool], ...]] = {}
    for op in ops:
        schema = resolve(body_schema(op), op.document)
        if schema and schema.get("required"):
            properties = schema.get("properties", {})
            table[op.operation_id] = tuple(
                (field, field not in EMPTY_ALLOWED and _is_text(properties.get(field, {}), op.document))
                for field in schema["required"]
            )
    return dict(sorted(table.items()))


Nested = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]


def nested_required(ops: list[Op]) -> dict[str, tuple[Nested, ...]]:
    """operationId -> ((path, choices), ...): what objects inside a body must hold.

    ``path`` leads from the body to an object (``("owner",)``,
    ``("checkout_source", "repo")``); ``choices`` are the sets of fields it
    must hold, one of them when the spec gives alternatives (``oneOf`` /
    ``anyOf``: a context's owner has an ``id`` or a ``slug``). Objects inside
    one alternative only are not followed.
    """
    table: dict[str, tuple[Nested, ...]] = {}
    for op in ops:
        found: list[Nested] = []
        schema = resolve(body_schema(op), op.document) or {}
        for name, node in (schema.get("properties") or {}).items():
            _nested(resolve(node, op.document), (name,), op.document, found)
        if found:
            table[op.operation_id] = tuple(found)
    return dict(sorted(table.items()))


def _nested(node: dict[str, Any], path: tuple[str, ...], document: dict[str, Any], found: list[Nested]) -> None:
    """Collect what the object at ``path`` (and the objects under it) must hold."""
    alternatives = [resolve(sub, document) for sub in node.get("oneOf") or node.get("anyOf") or []]
    if alternatives:
        choices = tuple(tuple(sub.get("required") or ()) for sub in alternatives)
        if all(choices):
            found.append((path, choices))
        return
    if node.get("required"):
        found.append((path, (tuple(node["required"]),)))
    for name, sub in (node.get("properties") or {}).items():
        _nested(resolve(sub, document), (*path, name), document, found)


def _is_text(node: Any, document: dict[str, Any]) -> bool:
    """Whether a field holds text: typed ``string``, or untyped and not a structure (``prefix`` of an allow-list)."""
    node = resolve(node, document)
    if "type" in node:
        return bool(node["type"] == "string")
    return not any(key in node for key in ("properties", "items", "oneOf", "anyOf", "allOf", "additionalProperties"))


def render_required(table: dict[str, tuple[tuple[str, bool], ...]], nested: dict[str, tuple[Nested, ...]]) -> str:
    """The text of ``circleci/v2/_required.py``."""
    return (
        REQUIRED_HEADER
        + f"REQUIRED_FIELDS: dict[str, tuple[tuple[str, bool], ...]] = {pprint.pformat(table)}\n\n"
        + "Nested = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]\n\n"
        + f"NESTED_REQUIRED: dict[str, tuple[Nested, ...]] = {pprint.pformat(nested)}\n"
    )


# --- docs -----------------------------------------------------------------------------------------------


def _returns_cell(returned: str) -> str:
    """A return annotation as reST, each generated type name linked to its entry."""
    if returned == "None":
        return "``None``"
    parts = re.split(r"([A-Za-z_][A-Za-z0-9_]*)", returned)
    plain = {"Union", "Optional", "list", "dict", "str", "Any", "int", "bool"}
    return "".join(
        f":class:`~circleci.v2.types.{part}`"
        if part and part[0].isalpha() and part not in plain
        else part.replace("[", "\\[")
        for part in parts
        if part
    )


def _table(ops: list[Op], returns: dict[str, str], *, versions: bool) -> list[str]:
    """A reST list-table of operations: method, request, (spec versions,) return type."""
    widths = "28 30 10 10 22" if versions else "30 40 30"
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    lines += ["   * - Method", "     - Request"]
    lines += ["     - 2025-10-17", "     - 2026-08"] if versions else []
    lines += ["     - Returns"]
    for op in ops:
        lines += [f"   * - :meth:`~circleci.v2.ApiV2.{snake(op.operation_id)}`", f"     - ``{op.verb} {op.path}``"]
        if versions:
            lines += [f"     - {'yes' if op.previous else 'no'}", f"     - {'yes' if op.current else 'no'}"]
        lines += [f"     - {_returns_cell(returns[op.operation_id])}"]
    return [*lines, ""]


def tag_slug(tag: str) -> str:
    """A tag's page name: ``Pipeline Definition`` -> ``pipeline_definition``."""
    return re.sub(r"[^0-9a-z]+", "_", tag.lower()).strip("_")


def tag_order(ops: list[Op]) -> list[str]:
    """The tags, :data:`FIRST_TAGS` first, then alphabetically."""
    tags = sorted({op.tag for op in ops})
    return [tag for tag in FIRST_TAGS if tag in tags] + [tag for tag in tags if tag not in FIRST_TAGS]


def render_docs(ops: list[Op], returns: dict[str, str]) -> str:
    """The reST table of every operation: spec versions listing it and the method's return type."""
    ordered = sorted(ops, key=lambda op: (tag_order(ops).index(op.tag), snake(op.operation_id)))
    lines = [".. Generated by spec/generate.py; do not edit by hand.", ""]
    return "\n".join(lines + _table(ordered, returns, versions=True))


def render_tag_pages(ops: list[Op], returns: dict[str, str]) -> dict[str, str]:
    """One page per tag (file name -> text), and ``index.rst`` with their toctree."""
    pages: dict[str, str] = {}
    order = tag_order(ops)
    for tag in order:
        tagged = sorted((op for op in ops if op.tag == tag), key=lambda op: snake(op.operation_id))
        lines = [".. Generated by spec/generate.py; do not edit by hand.", "", tag, "=" * len(tag), ""]
        lines += [".. currentmodule:: circleci.v2", ""]
        lines += [
            f"The {len(tagged)} operation(s) of the ``{tag}`` tag of CircleCI's API v2, as methods of",
            ":class:`ApiV2`. Each returns the decoded JSON; its type, generated from the spec, is on",
            ":doc:`types`.",
            "",
        ]
        gone = [op for op in tagged if not op.current]
        if gone:
            names = ", ".join(f":meth:`~ApiV2.{snake(op.operation_id)}`" for op in gone)
            lines += [f"CircleCI's current spec (2026-08) no longer lists {names}; kept because scripts use them.", ""]
        lines += _table(tagged, returns, versions=False)
        for op in tagged:
            lines += [f".. automethod:: ApiV2.{snake(op.operation_id)}", ""]
        pages[tag_slug(tag) + ".rst"] = "\n".join(lines)
    toc = [".. Generated by spec/generate.py; do not edit by hand.", "", ".. toctree::", "   :maxdepth: 1", ""]
    toc += [f"   api_v2/{tag_slug(tag)}" for tag in order] + ["   api_v2/types", ""]
    pages["../_generated/v2_tags.inc"] = "\n".join(toc)
    return pages


# --- entry point ----------------------------------------------------------------------------------------


def generate() -> Generated:
    """Derive everything from the vendored specs."""
    ops = operations(load(CURRENT), load(PREVIOUS))
    builder, returns, bodies = method_types(ops)
    fake_bodies, listed = derive_fake(ops)
    return Generated(
        render_types(builder, returns, bodies),
        returns,
        bodies,
        render_fake(fake_bodies, listed),
        render_docs(ops, returns),
        render_required(required_fields(ops), nested_required(ops)),
        render_tag_pages(ops, returns),
    )


def formatted(text: str, path: Path) -> str:
    """Python source as ``ruff format`` (the project's formatter, a dev dependency) writes it."""
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", path.name, "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],  # where pyproject.toml sets the line length
    )
    return done.stdout


def outputs(generated: Generated) -> dict[Path, str]:
    """Each generated file and its text."""
    return {
        TYPES_OUTPUT: formatted(generated.types, TYPES_OUTPUT),
        FAKE_OUTPUT: formatted(generated.fake, FAKE_OUTPUT),
        DOCS_OUTPUT: generated.docs,
        REQUIRED_OUTPUT: formatted(generated.required, REQUIRED_OUTPUT),
        **{(TAGS_DIR / name).resolve(): text for name, text in generated.tags.items()},
    }


def main(argv: list[str]) -> int:
    """Write the generated files, or with ``--check`` report the ones that differ."""
    files = outputs(generate())
    if "--check" in argv:
        stale = [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run make spec)")
        return 1 if stale else 0
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
