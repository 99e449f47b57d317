"""The one table ``make bench`` prints: medians, ratios, targets and PASS/FAIL.

Every number in a row comes from the same run. ``ours/bare`` is this
client's time over the bare session's (lower is better, 1.00 is the floor);
``1.2.2/ours`` and ``pyci/ours`` are how many times faster this client is
than circleci.py 1.2.2 and pycircleci 0.7.0. A row that carries one of issue 7's targets shows the goal, the value
measured and PASS or FAIL.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Callable, Optional

from .workloads import BARE, COLUMNS, LEGACY, OURS, PYCI, Measure

HEADERS = (
    "Workload",
    "Transport",
    "this client",
    "bare session",
    "circleci 1.2.2",
    "pycircleci 0.7.0",
    "ours/bare",
    "1.2.2/ours",
    "pyci/ours",
    "Target (measured)",
    "Result",
)
KIB_PER_MIB = 1024.0


@dataclass
class Row:
    """One line of the table."""

    label: str
    transport: str
    values: dict[str, Optional[float]]
    notes: dict[str, str]
    targets: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)

    def ratio(self, top: str, bottom: str) -> Optional[float]:
        """``values[top] / values[bottom]``, or ``None`` when either is missing."""
        high, low = self.values.get(top), self.values.get(bottom)
        return high / low if high is not None and low else None


@dataclass(frozen=True)
class Target:
    """A goal of issue 7: a value read from the rows, compared with a limit."""

    row: str
    goal: str
    value: Callable[[dict[str, Row]], Optional[float]]
    compare: Callable[[float, float], bool]
    limit: float


def measure_row(measure: Measure, metric: str = "seconds", scale: Optional[float] = None, label: str = "") -> Row:
    """A row of medians from ``measure``; seconds are divided by ``measure.per``."""
    divisor = scale if scale is not None else measure.per
    values = {}
    for column in COLUMNS:
        median = measure.median(column, metric)
        values[column] = median / divisor if median is not None else None
    return Row(label or measure.label, measure.transport, values, dict(measure.notes))


def build_rows(measures: list[Measure]) -> dict[str, Row]:
    """Rows keyed like the measures; each download also gives a peak RSS growth row."""
    rows: dict[str, Row] = {}
    for measure in measures:
        rows[measure.key] = measure_row(measure)
        if measure.key.startswith("download:"):
            rows[measure.key.replace("download", "rss")] = measure_row(
                measure, "rss_growth_kib", KIB_PER_MIB, "peak RSS growth of that download (MiB)"
            )
        if measure.key.startswith("pipelines:") and not measure.transport.endswith("+50ms"):
            rows[measure.key.replace("pipelines", "walk_rss")] = measure_row(
                measure, "rss_growth_kib", KIB_PER_MIB, "peak RSS growth of that walk (MiB)"
            )
    return rows


def _ratio(key: str, top: str, bottom: str) -> Callable[[dict[str, Row]], Optional[float]]:
    return lambda rows: rows[key].ratio(top, bottom) if key in rows else None


def _value(key: str) -> Callable[[dict[str, Row]], Optional[float]]:
    return lambda rows: rows[key].values.get(OURS) if key in rows else None


def _speedup(slow: str, fast: str) -> Callable[[dict[str, Row]], Optional[float]]:
    def speedup(rows: dict[str, Row]) -> Optional[float]:
        if slow not in rows or fast not in rows:
            return None
        one_by_one, parallel = rows[slow].values.get(OURS), rows[fast].values.get(OURS)
        return one_by_one / parallel if one_by_one is not None and parallel else None

    return speedup


def _worst_rss(rows: dict[str, Row]) -> Optional[float]:
    found = [row.values[OURS] for key, row in rows.items() if key.startswith("rss:") and row.values[OURS] is not None]
    return max(found) if found else None


TARGETS = (
    Target("per_call:https", "ours/bare <= 1.10", _ratio("per_call:https", OURS, BARE), operator.le, 1.10),
    Target("per_call:https", "1.2.2/ours >= 3", _ratio("per_call:https", LEGACY, OURS), operator.ge, 3.0),
    Target("per_call:https+50ms", "1.2.2/ours >= 2.5", _ratio("per_call:https+50ms", LEGACY, OURS), operator.ge, 2.5),
    Target("rss:https", "max RSS growth < 32 MiB", _worst_rss, operator.lt, 32.0),
    *(
        Target(
            f"artifacts_sdk:{transport}",
            "one-by-one/workers=8 >= 6",
            _speedup(f"artifacts_seq:{transport}", f"artifacts_sdk:{transport}"),
            operator.ge,
            6.0,
        )
        for transport in ("http+delay50", "http+50ms", "https+50ms")
    ),
    Target("import", "ours/bare <= 1.15", _ratio("import", OURS, BARE), operator.le, 1.15),
)


def judge(rows: dict[str, Row]) -> list[tuple[str, Optional[float], bool]]:
    """Attach each target to its row; return ``(goal, measured, passed)`` for each."""
    verdicts = []
    for target in TARGETS:
        measured = target.value(rows)
        passed = measured is not None and target.compare(measured, target.limit)
        if target.row in rows:
            rows[target.row].targets.append(f"{target.goal} ({number(measured)})")
            rows[target.row].results.append("n/a" if measured is None else "PASS" if passed else "FAIL")
        verdicts.append((target.goal, measured, passed))
    return verdicts


def number(value: Optional[float]) -> str:
    """A value with about three significant digits, or ``-``."""
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def cells(row: Row) -> list[str]:
    """The text of a row's cells, in :data:`HEADERS` order."""
    values = [
        number(row.values[column]) if row.values[column] is not None else row.notes.get(column, "-")
        for column in COLUMNS
    ]
    ratios = (
        ["-", "-", "-"]
        if row.label.startswith("peak RSS")
        else [
            number(row.ratio(OURS, BARE)),
            number(row.ratio(LEGACY, OURS)),
            number(row.ratio(PYCI, OURS)),
        ]
    )
    return [row.label, row.transport, *values, *ratios, "; ".join(row.targets), "; ".join(row.results)]


def render(rows: dict[str, Row]) -> str:
    """The table as reST "simple table" text (readable in a terminal, pasteable into the docs)."""
    # A cell that is only "-" would be read as an empty bullet list: escape it.
    lines = [list(HEADERS)] + [[r"\-" if cell == "-" else cell for cell in cells(row)] for row in rows.values()]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    rule = "  ".join("=" * width for width in widths)

    def join(line: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip()

    return "\n".join([rule, join(lines[0]), rule, *(join(line) for line in lines[1:]), rule])
