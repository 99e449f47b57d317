"""The shipped request schemas are what the derivation script makes of the official spec."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circleci.testing import _spec

from . import derive_schemas


def test_the_shipped_module_matches_the_spec(tmp_path: Path) -> None:
    bodies, operations = derive_schemas.derive(json.loads(derive_schemas.DEFAULT_SPEC.read_text(encoding="utf-8")))
    assert bodies == _spec.REQUEST_SCHEMAS
    assert tuple(operations) == _spec.OPERATIONS

    output = tmp_path / "spec.py"
    assert derive_schemas.main([str(derive_schemas.DEFAULT_SPEC), str(output)]) == 0
    namespace: dict[str, object] = {}
    exec(output.read_text(encoding="utf-8"), namespace)
    assert namespace["REQUEST_SCHEMAS"] == _spec.REQUEST_SCHEMAS


def test_an_unsupported_keyword_is_refused() -> None:
    with pytest.raises(ValueError, match="minimum"):
        derive_schemas.simplify({"type": "integer", "minimum": 1}, {})
