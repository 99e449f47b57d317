"""Sphinx extension: the ``v3-endpoints`` directive.

``.. v3-endpoints::`` renders, for each group of :class:`circleci.v3.ApiV3`
methods, the table method -> ``VERB /path`` -> confidence -> paging, read
from the :class:`~circleci.v3._endpoint.Endpoint` record that
:func:`circleci.v3._endpoint.endpoint` puts on each method (as
``method.operation``, the attribute every v2 and v3 method carries), so the table is rebuilt from the code at every docs build.

Enable it in ``conf.py`` with ``sys.path.insert(0, <docs>/_ext)`` and
``extensions.append("v3_endpoints")``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

__all__ = ["V3EndpointsDirective", "endpoint_rows", "setup"]


def endpoint_rows() -> list[tuple[str, str, Any]]:
    """``(group title, method name, endpoint record)`` for every ApiV3 method, in source order per group."""
    from circleci.v3 import ApiV3
    from circleci.v3._endpoint import Endpoint

    rows = []
    for cls in ApiV3.__mro__:
        if not cls.__module__.startswith("circleci.v3.") or cls is ApiV3:
            continue
        title = (cls.__doc__ or cls.__name__).split(";")[0].strip()
        for name, member in vars(cls).items():
            record = getattr(member, "operation", None)
            if isinstance(record, Endpoint):
                rows.append((title, name, record))
    return rows


def _paging(record: Any) -> str:
    if not record.paginated:
        return ""
    where = "body" if record.page_in_body else "query"
    bound = f", limit <= {record.max_limit}" if record.max_limit else ""
    return f"cursor in {where}{bound}"


class V3EndpointsDirective(SphinxDirective):
    """``.. v3-endpoints::``: the endpoint table of :class:`circleci.v3.ApiV3`."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        rows = endpoint_rows()
        lines = [f"{len(rows)} endpoints, {sum(r[2].paginated for r in rows)} of them paginated.", ""]
        groups: dict[str, list[tuple[str, str, Any]]] = {}
        for row in rows:
            groups.setdefault(row[0], []).append(row)
        for title, group in groups.items():
            lines += [f".. rubric:: {title} ({len(group)})", "", ".. list-table::", "   :header-rows: 1", ""]
            lines += ["   * - Method", "     - Request", "     - Confidence", "     - Body", "     - Pages"]
            for _, name, record in group:
                lines += [
                    f"   * - :meth:`~circleci.v3.ApiV3.{name}`",
                    f"     - ``{record.verb} {record.path}``",
                    f"     - ``{record.confidence}``",
                    f"     - {record.body or ''}",
                    f"     - {_paging(record)}",
                ]
            lines.append("")
        container = nodes.container(classes=["v3-endpoints"])
        self.state.nested_parse(StringList(lines, source="<v3-endpoints>"), self.content_offset, container)
        return [container]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("v3-endpoints", V3EndpointsDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
