"""ApiV3 against the vendored spec/v3-endpoints.json: they cannot drift apart."""

from __future__ import annotations

import importlib.util
import inspect
import re
from pathlib import Path
from types import ModuleType

import pytest

from circleci.testing.v3 import ROUTES
from circleci.v3._base import endpoint_of
from circleci.v3._endpoint import path_parameters

from .spec import ENDPOINTS, ESTABLISHED, method_for, methods


def _docs_extension() -> ModuleType:
    """The docs' ``v2_operations`` extension, whose hook writes each method's ``Endpoint:`` line."""
    path = Path(__file__).resolve().parents[2] / "docs" / "_ext" / "v2_operations.py"
    spec = importlib.util.spec_from_file_location("_v2_operations_for_tests", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXTENSION = _docs_extension()


def _id(endpoint: dict) -> str:
    return f"{endpoint['verb']} {endpoint['path']}"


def test_the_vendored_list_is_the_reference_list() -> None:
    assert len(ENDPOINTS) == 134
    assert len(ESTABLISHED) == 122
    assert {e["confidence"] for e in ENDPOINTS} == {"cli", "cli-newer", "cli-branch", "docs", "third-party", "mention"}


def test_every_method_implements_an_established_endpoint_exactly_once() -> None:
    records = [(endpoint_of(method).verb, endpoint_of(method).path) for method in methods().values()]
    assert len(records) == len(set(records)) == len(ESTABLISHED)
    assert set(records) == {(e["verb"], e["path"]) for e in ESTABLISHED}


def test_mention_endpoints_have_no_method() -> None:
    mentioned = {(e["verb"], e["path"]) for e in ENDPOINTS if e["confidence"] == "mention"}
    assert mentioned
    assert not mentioned & {(endpoint_of(method).verb, endpoint_of(method).path) for method in methods().values()}


@pytest.mark.parametrize("endpoint", ESTABLISHED, ids=_id)
def test_method_matches_its_endpoint(endpoint: dict) -> None:
    name = method_for(endpoint["verb"], endpoint["path"])
    method = methods()[name]
    record = endpoint_of(method)
    assert record.confidence == endpoint["confidence"]
    assert record.paginated == endpoint["paginated"]
    expected_style = None if not endpoint["body"] else "envelope" if endpoint["body"][0].startswith("data.") else "flat"
    assert record.body == ("raw" if name == "trigger_run" else expected_style)
    assert record.page_in_body == any(field.startswith("page.") for field in endpoint["body"])
    signature = inspect.signature(method)
    positional = [p.name for p in signature.parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD][1:]
    if name != "trigger_run":
        assert positional == path_parameters(endpoint["path"])
    query = {n for n in endpoint["query"]} | (
        {"page[cursor]"} if endpoint["paginated"] and endpoint["verb"] == "GET" else set()
    )
    expected_kwargs = {re.sub(r"^(filter|page)\[(\w+)\]$", r"\1_\2", q).replace("-", "_") for q in query}
    keywords = {p.name for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY}
    assert expected_kwargs <= keywords
    doc = inspect.getdoc(method) or ""
    assert "Endpoint:" not in doc  # the path is written once, in the record; the docs add the line
    lines = doc.splitlines()
    EXTENSION.endpoint_line(None, "method", name, method, None, lines)
    (line,) = [text for text in lines if text.startswith("Endpoint:")]
    iterate = " (paginated: works with :meth:`~circleci.v3.ApiV3.iterate`)" if endpoint["paginated"] else ""
    assert line == f"Endpoint: ``{endpoint['verb']} {endpoint['path']}``{iterate}"
    if endpoint["confidence"] != "cli":
        assert f"``{endpoint['confidence']}``" in doc
    assert re.match(
        r"(get|list|create|delete|update|set|rerun|cancel|search|trigger|rollback|purge|setup|compile|"
        r"validate|process|add|remove|publish|promote|rename|force|analyze)_",
        name,
    )


def test_the_fake_answers_every_method() -> None:
    assert sorted(route.name for route in ROUTES) == sorted(methods())


def test_every_method_has_an_end_to_end_test() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_fake*.py"))
    missing = [name for name in methods() if f".{name}(" not in text and f".{name}," not in text]
    assert missing == []
