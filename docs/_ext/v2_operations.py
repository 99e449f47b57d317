"""Sphinx extension: the ``v2-operations`` directive and the v2/v3 docstring hooks.

``.. v2-operations::`` renders the table operationId -> ApiV2 method ->
``VERB /path``, one table per tag module, read from the ``operation`` record
that :func:`circleci.v2._operation.operation` puts on each method. The table
is built from the code at every docs build, so it cannot go stale.

Two hooks finish the method docs from the same records:

- each v2 and v3 method documented gets an ``Endpoint: VERB /path`` line, read
  from its record (the path is written only there, never in the docstring);
  a paginated method's line links the ``iterate`` of the client that owns it
  (:meth:`circleci.v2.ApiV2.iterate` or :meth:`circleci.v3.ApiV3.iterate`);
- the v2 modules import the generated types only for type checkers
  (``TYPE_CHECKING``); while the docs build, the names of
  :mod:`circleci.v2.types` are made visible to them so that autodoc resolves
  each method's return type and links it to its entry.

Enable it in ``conf.py`` with ``sys.path.insert(0, <docs>/_ext)`` and
``extensions.append("v2_operations")``.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any, NamedTuple

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

__all__ = ["V2OperationsDirective", "Row", "endpoint_line", "expose_types", "iterate_of", "operation_rows", "setup"]

_TAG = re.compile(r'"([^"]+)" tag')


class Row(NamedTuple):
    """One line of the table."""

    group: str
    operation_id: str
    method: str
    verb: str
    path: str
    paginated: bool


def _group_title(cls: type) -> str:
    """The spec tag a class implements, read from its docstring, else its module's name."""
    match = _TAG.search(cls.__doc__ or "")
    return match.group(1) if match else cls.__module__.rsplit(".", 1)[-1]


def operation_rows(client: type) -> list[Row]:
    """Every method of ``client`` that carries an ``operation`` record, grouped by the class defining it.

    Groups follow the client's method resolution order (the order of its
    base classes); methods keep their order in the source.
    """
    rows = []
    for cls in client.__mro__:
        for name, value in vars(cls).items():
            record = getattr(value, "operation", None)
            if record is not None and not name.startswith("_"):
                rows.append(
                    Row(_group_title(cls), record.operation_id, name, record.verb, record.path, bool(record.paginated))
                )
    return rows


def _literal(text: str) -> str:
    """Text as an inline literal that survives any character."""
    return "``" + text.replace("`", "\\`") + "``" if text else ""


def _table(rows: list[Row], target: str) -> list[str]:
    """A reST list-table for one group of rows."""
    lines = [".. list-table::", "   :header-rows: 1", "   :widths: 30 35 35", ""]
    lines += ["   * - operationId", "     - Method", "     - Request"]
    for row in rows:
        page = " (paginated)" if row.paginated else ""
        lines += [
            f"   * - {_literal(row.operation_id)}",
            f"     - :meth:`~{target}.{row.method}`",
            f"     - {_literal(row.verb + ' ' + row.path)}{page}",
        ]
    return [*lines, ""]


class V2OperationsDirective(SphinxDirective):
    """``.. v2-operations:: [module.Class]``: the operation table of a client class (default ``circleci.v2.ApiV2``)."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0] if self.arguments else "circleci.v2.ApiV2"
        module_name, _, class_name = target.rpartition(".")
        try:
            client = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError, ValueError) as exc:
            raise self.error(f"v2-operations: cannot import {target!r}: {exc}") from exc
        rows = operation_rows(client)
        if not rows:
            raise self.error(f"v2-operations: {target} has no methods marked with an operation")
        lines = [f"{len(rows)} operations, {sum(r.paginated for r in rows)} of them paginated.", ""]
        groups: dict[str, list[Row]] = {}
        for row in rows:
            groups.setdefault(row.group, []).append(row)
        for title, group in groups.items():
            lines += [f".. rubric:: {title} ({len(group)})", "", *_table(group, target)]
        container = nodes.container(classes=["v2-operations"])
        self.state.nested_parse(StringList(lines, source="<v2-operations>"), self.content_offset, container)
        return [container]


def iterate_of(record: Any) -> str:
    """The ``iterate`` that follows the pages of a record's method: ApiV3's for v3 records, else ApiV2's."""
    from circleci.v3._endpoint import Endpoint

    return "circleci.v3.ApiV3.iterate" if isinstance(record, Endpoint) else "circleci.v2.ApiV2.iterate"


def endpoint_line(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """``autodoc-process-docstring``: end an operation method's docstring with its ``Endpoint:`` line."""
    record = getattr(obj, "operation", None)
    if what != "method" or record is None or not hasattr(record, "verb"):
        return
    paginated = f" (paginated: works with :meth:`~{iterate_of(record)}`)" if record.paginated else ""
    while lines and not lines[-1].strip():
        lines.pop()
    lines += ["", f"Endpoint: ``{record.verb} {record.path}``{paginated}", ""]


def expose_types(app: Sphinx) -> None:
    """``builder-inited``: let autodoc resolve the v2 annotations that name generated types."""
    import circleci.v2
    from circleci.v2 import types

    public = {name: value for name, value in vars(types).items() if not name.startswith("_")}
    for module_name in sorted(sys.modules):
        if module_name.startswith("circleci.v2.") and module_name != "circleci.v2.types":
            namespace = vars(sys.modules[module_name])
            for name, value in public.items():
                namespace.setdefault(name, value)
    del circleci


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and the hooks."""
    app.add_directive("v2-operations", V2OperationsDirective)
    app.connect("autodoc-process-docstring", endpoint_line)
    app.connect("builder-inited", expose_types)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
