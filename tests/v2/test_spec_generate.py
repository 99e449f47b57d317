"""spec/generate.py: the checked-in generated files are what a fresh generation writes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_generator() -> ModuleType:
    """Import ``spec/generate.py`` (the spec folder is not a package)."""
    spec = importlib.util.spec_from_file_location("spec_generate", ROOT / "spec" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["spec_generate"] = module
    spec.loader.exec_module(module)
    return module


generate = load_generator()
GENERATED = generate.generate()


@pytest.mark.parametrize("path", sorted(generate.outputs(GENERATED)), ids=lambda path: path.name)
def test_a_checked_in_file_matches_a_fresh_generation(path: Path) -> None:
    expected = generate.outputs(GENERATED)[path]
    assert path.read_text(encoding="utf-8") == expected, f"{path} is stale: run make spec"


def test_check_mode_reports_stale_files_and_writing_fixes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert generate.main(["--check"]) == 0
    monkeypatch.setattr(generate, "ROOT", tmp_path)
    monkeypatch.setattr(generate, "TAGS_DIR", tmp_path / "out" / "tags")
    for name in ("TYPES_OUTPUT", "FAKE_OUTPUT", "DOCS_OUTPUT", "REQUIRED_OUTPUT"):
        monkeypatch.setattr(generate, name, tmp_path / "out" / getattr(generate, name).name)
    assert generate.main(["--check"]) == 1
    assert "stale: out/types.py (run make spec)" in capsys.readouterr().out
    assert generate.main([]) == 0
    assert generate.main(["--check"]) == 0
    assert (tmp_path / "out" / "types.py").read_text(encoding="utf-8") == (ROOT / "circleci/v2/types.py").read_text(
        encoding="utf-8"
    )


def test_the_fake_gets_every_operation_of_the_client() -> None:
    from circleci.testing import _spec

    assert len(_spec.OPERATIONS) == 115
    assert ("getJob", "GET", "/jobs/{job_id}") in _spec.OPERATIONS
    assert ("getJobArtifacts", "GET", "/project/{project-slug}/{job-number}/artifacts") in _spec.OPERATIONS


def test_an_unsupported_schema_keyword_is_refused() -> None:
    with pytest.raises(ValueError, match="minimum"):
        generate.simplify({"type": "integer", "minimum": 1}, {})


def test_a_single_allof_is_merged_into_its_schema() -> None:
    document = {"components": {"schemas": {"e": {"type": "string", "enum": ["a", "b"]}}}}
    node = {"allOf": [{"$ref": "#/components/schemas/e"}], "description": "x"}
    assert generate.simplify(node, document) == {"type": "string", "enum": ["a", "b"]}
