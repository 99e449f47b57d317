"""The vendored v3 endpoint list, and the methods of ApiV3 that implement it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from circleci.v3 import ApiV3
from circleci.v3._base import endpoint_of

SPEC = Path(__file__).resolve().parents[2] / "spec" / "v3-endpoints.json"
ENDPOINTS: list[dict[str, Any]] = json.loads(SPEC.read_text(encoding="utf-8"))
ESTABLISHED = [e for e in ENDPOINTS if e["confidence"] != "mention"]


def methods() -> dict[str, Callable[..., Any]]:
    """Every method of ApiV3 that carries an endpoint record, by name."""
    found = {}
    for name in dir(ApiV3):
        attribute = getattr(ApiV3, name)
        if callable(attribute) and hasattr(attribute, "endpoint"):
            found[name] = attribute
    return found


def method_for(verb: str, path: str) -> str:
    """The name of the one method implementing an endpoint."""
    names = [name for name, method in methods().items() if endpoint_of(method).key == f"{verb} {path}"]
    assert len(names) == 1, (verb, path, names)
    return names[0]
