"""The v2 methods declare the generated types, and mypy holds a user's script to them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any, Optional

import pytest

from circleci.v2 import ApiV2, types

from .test_spec_generate import GENERATED, generate

ROOT = Path(__file__).resolve().parents[2]
METHODS = {name: getattr(ApiV2, name) for name in dir(ApiV2) if hasattr(getattr(ApiV2, name), "operation")}


def test_there_are_115_methods_each_named_after_its_operation() -> None:
    assert len(METHODS) == 115
    assert {generate.snake(method.operation.operation_id) for method in METHODS.values()} == set(METHODS)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_each_method_declares_the_generated_return_type(name: str) -> None:
    annotation = METHODS[name].__annotations__["return"]
    assert annotation == GENERATED.returns[METHODS[name].operation.operation_id]
    assert "Any" not in annotation.replace("dict[str, Any]", "")


def body_parameters() -> list[tuple[str, str, str]]:
    """(method, argument, generated type) for every body field whose type is a generated TypedDict."""
    found = []
    for name, method in sorted(METHODS.items()):
        for field, expression in GENERATED.bodies.get(method.operation.operation_id, {}).items():
            if re.search(r"[A-Z][a-z]+[A-Z]", expression):
                found.append((name, re.sub(r"[^0-9a-zA-Z]+", "_", field).lower(), expression))
    return found


def test_object_body_fields_take_the_generated_typeddicts() -> None:
    found = body_parameters()
    assert len(found) == 13
    for name, argument, expression in found:
        assert METHODS[name].__annotations__[argument] in (expression, f"Optional[{expression}]"), (name, argument)


def test_the_types_module_is_plain_typeddicts_usable_at_run_time() -> None:
    page = types.Page[types.Pipeline]
    assert typing.get_origin(page) is types.Page
    assert typing.is_typeddict(types.Pipeline) and typing.is_typeddict(types.LoosePage)
    assert {"id", "number", "state", "warnings"} <= types.Pipeline.__required_keys__
    assert "verify_tls" in types.Webhook.__required_keys__
    assert "get_pipeline_by_id" in (types.Pipeline.__doc__ or "")


def evaluated(annotation: str) -> Any:
    """A return annotation as the runtime object it names."""
    return eval(annotation, {**vars(types), **vars(typing)})


def access_path(kind: Any) -> Optional[tuple[str, Any]]:
    """How to reach a TypedDict inside a return type (``""``, ``["items"][0]`` or ``[0]``), and that TypedDict."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.Page, types.LoosePage) and typing.is_typeddict(args[0]):
        return '["items"][0]', args[0]
    if origin is list and typing.is_typeddict(args[0]):
        return "[0]", args[0]
    if typing.is_typeddict(kind):
        return "", kind
    return None


def user_script() -> tuple[str, set[int]]:
    """A script reading one real and one misspelt key of every method's result; the misspelt lines."""
    lines = [
        "from typing import Callable, TypeVar",
        "from circleci.v2 import ApiV2",
        'T = TypeVar("T")',
        "def result(method: Callable[..., T]) -> T:",
        "    raise NotImplementedError",
        "def use(api: ApiV2) -> None:",
        '    for p in api.iterate(api.list_pipelines_for_project, "gh/o/r", branch="main"):',
        '        print(p["number"], p["vcs"]["revision"], p["warnings"])',
    ]
    wrong = set()
    lines.append('        print(p["numbr"])')
    wrong.add(len(lines))
    for name, method in sorted(METHODS.items()):
        found = access_path(evaluated(method.__annotations__["return"]))
        if found is None:
            continue
        path, typed = found
        key = sorted(typed.__required_keys__ or typed.__optional_keys__)[0]
        lines.append(f"    r_{name} = result(api.{name})")
        lines.append(f"    print(r_{name}{path}[{key!r}])")
        lines.append(f"    print(r_{name}{path}[{key + '_x'!r}])")
        wrong.add(len(lines))
    lines.append("    api.iterate(api.get_pipeline_by_id, 'x')")
    wrong.add(len(lines))
    lines.append('    api.trigger_pipeline_run("gh", "o", "p", config={"branch": "main"}, checkout={"tag": "v1"})')
    lines.append('    api.trigger_pipeline_run("gh", "o", "p", config={"brnch": "main"})')
    wrong.add(len(lines))
    lines.append('    api.create_otel_exporter(org_id="o", endpoint="h:1", protocol="grpc")')
    lines.append('    api.create_otel_exporter(org_id="o", endpoint="h:1", protocol="tcp")')
    wrong.add(len(lines))
    return "\n".join(lines) + "\n", wrong


def test_mypy_flags_every_misspelt_key_and_accepts_the_real_ones(tmp_path: Path) -> None:
    script, wrong = user_script()
    assert len(wrong) > 100
    (tmp_path / "user.py").write_text(script, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--follow-imports=silent",
            "--python-version",
            "3.10",
            "user.py",
        ],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    flagged = {int(line) for line in re.findall(r"^user\.py:(\d+): error", done.stdout, re.M)}
    assert flagged == wrong, done.stdout


def test_the_client_never_imports_the_types_at_run_time() -> None:
    code = (
        "import sys\n"
        "from circleci.api import Api\n"
        "api = Api('t0k', url='http://127.0.0.1:9/api/v1.1').v2\n"
        "assert 'circleci.v2.client' in sys.modules\n"
        "print('circleci.v2.types' in sys.modules, 'typing_extensions' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.split() == ["False", "False"]
