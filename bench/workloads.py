"""The workloads, and running them side by side over alternating rounds.

Each :class:`Measure` is one workload over one transport, with a job for
each column (this client, a bare ``requests.Session``, circleci.py 1.2.2,
pycircleci 0.7.0 where it has the call).
:func:`run_measure` runs the columns in turn, rotating their order every
round so that none always goes first, each job in a fresh interpreter
(``bench/worker.py``), and keeps every result; the report takes medians.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Optional

OURS, BARE, LEGACY, PYCI = "ours", "bare", "legacy", "pycircleci"
COLUMNS = (OURS, BARE, LEGACY, PYCI)
WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
JOB_TIMEOUT = 600
PIPELINES = 2000


@dataclass(frozen=True)
class Settings:
    """How much work each workload does; ``QUICK`` is a smoke run."""

    rounds: int
    latency_rounds: int
    calls: int
    latency_calls: int
    download_size: int
    download_rounds: int
    artifact_count: int
    artifact_size: int
    import_runs: int


FULL = Settings(
    rounds=5,
    latency_rounds=3,
    calls=300,
    latency_calls=40,
    download_size=1 << 30,
    download_rounds=3,
    artifact_count=100,
    artifact_size=1_000_000,
    import_runs=30,
)
QUICK = Settings(
    rounds=2,
    latency_rounds=1,
    calls=50,
    latency_calls=10,
    download_size=64 << 20,
    download_rounds=1,
    artifact_count=24,
    artifact_size=250_000,
    import_runs=6,
)


@dataclass
class Measure:
    """One workload over one transport, with a job per column (``None``: not applicable).

    :param key: a short identifier the report uses to find this measure.
    :param label: what the table shows in its first column.
    :param transport: ``http``, ``https``, ``http+50ms``, ``https+50ms`` or ``http+delay50``.
    :param jobs: per column, the job for ``bench/worker.py`` (its ``client``
        is ``api``, ``sdk`` or ``bare``).
    :param rounds: how many times each column runs.
    :param per: divide seconds by this to get the unit the table shows.
    """

    key: str
    label: str
    transport: str
    jobs: dict[str, Optional[dict[str, Any]]]
    rounds: int
    per: float = 1.0
    results: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def median(self, column: str, metric: str = "seconds") -> Optional[float]:
        """The median of ``metric`` over the column's rounds, or ``None`` if it has none."""
        values = [result[metric] for result in self.results.get(column, []) if metric in result]
        return statistics.median(values) if values else None


@dataclass
class Runner:
    """Runs jobs in fresh interpreters: this repository's, or the 1.2.2 or pycircleci venv's.

    :param legacy_python: the 1.2.2 venv's interpreter, or ``None`` if it is missing.
    :param env: the environment for every job (CA bundle, no proxies).
    :param workdir: a directory outside the repository to run jobs in.
    :param pycircleci_python: the pycircleci venv's interpreter, or ``None`` if it is missing.
    """

    legacy_python: Optional[str]
    env: dict[str, str]
    workdir: str
    pycircleci_python: Optional[str] = None

    def python(self, column: str) -> Optional[str]:
        """The interpreter for a column."""
        if column == LEGACY:
            return self.legacy_python
        if column == PYCI:
            return self.pycircleci_python
        return sys.executable

    def run_job(self, column: str, job: dict[str, Any]) -> dict[str, Any]:
        """Run one job and return its result (``{"error": ...}`` if the worker failed)."""
        python = self.python(column)
        if python is None:
            return {"unavailable": f"{'pycircleci' if column == PYCI else 'circleci.py 1.2.2'} not installed"}
        try:
            done = subprocess.run(
                [python, WORKER, json.dumps(job)],
                cwd=self.workdir,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=JOB_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {JOB_TIMEOUT} s"}
        if done.returncode != 0:
            print(f"bench: {column} {job['kind']} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
            return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return result

    def run_measure(self, measure: Measure) -> Measure:
        """Run every column of ``measure`` ``measure.rounds`` times, rotating their order."""
        columns = [column for column, job in measure.jobs.items() if job is not None]
        started = time.monotonic()
        for round_number in range(measure.rounds):
            shift = round_number % len(columns)
            for column in columns[shift:] + columns[:shift]:
                if column in measure.notes:
                    continue
                result = self.run_job(column, measure.jobs[column] or {})
                if "unavailable" in result or "error" in result:
                    measure.notes[column] = f"n/a ({result.get('unavailable') or result.get('error')})"
                    continue
                measure.results.setdefault(column, []).append(result)
        print(f"bench: {measure.label} over {measure.transport}: {time.monotonic() - started:.1f} s", file=sys.stderr)
        return measure

    def time_imports(self, key: str, statements: dict[str, str], runs: int) -> Measure:
        """Time ``python -c <statement>`` per column, alternating, after one warm-up each.

        :param key: the measure's key.
        :param statements: per column, the statement to time.
        :param runs: timed runs per column.
        """
        measure = Measure(key, f"python -c '{statements[OURS]}' (ms)", "-", {}, runs, per=1e-3)
        columns = [column for column in statements if self.python(column) is not None]
        for column in COLUMNS:
            if column not in columns:
                measure.notes[column] = "n/a (not installed)" if column in statements else "-"
        for round_number in range(runs + 1):
            shift = round_number % len(columns)
            for column in columns[shift:] + columns[:shift]:
                command = [self.python(column) or "", "-c", statements[column]]
                started = time.perf_counter()
                subprocess.run(command, cwd=self.workdir, env=self.env, check=True, timeout=60)
                if round_number:  # round 0 warms the file cache and writes .pyc files
                    measure.results.setdefault(column, []).append({"seconds": time.perf_counter() - started})
        return measure


def api_jobs(kind: str, *, pycircleci: bool = False, **params: Any) -> dict[str, Optional[dict[str, Any]]]:
    """The same job for this client, 1.2.2 (both through ``circleci.api.Api``) and the bare session,
    and with ``pycircleci`` for pycircleci's ``Api``."""
    return {
        OURS: {"kind": kind, "client": "api", **params},
        BARE: {"kind": kind, "client": "bare", **params},
        LEGACY: {"kind": kind, "client": "api", **params},
        PYCI: {"kind": kind, "client": "pycircleci", **params} if pycircleci else None,
    }


def measures(settings: Settings, urls: dict[str, str]) -> list[Measure]:
    """Every HTTP workload, in the order they run and are shown."""
    found: list[Measure] = []
    for transport in ("http", "https", "http+50ms", "https+50ms"):
        slow = transport.endswith("+50ms")
        calls = settings.latency_calls if slow else settings.calls
        rounds = settings.latency_rounds if slow else settings.rounds
        found.append(
            Measure(
                f"per_call:{transport}",
                f"get_build_info x{calls} (ms/call)",
                transport,
                api_jobs("per_call", pycircleci=True, base=urls[transport], calls=calls),
                rounds,
                per=calls * 1e-3,
            )
        )
        found.append(
            Measure(
                f"pipelines:{transport}",
                f"iterate {PIPELINES} v2 pipelines (ms)",
                transport,
                api_jobs(
                    "pipelines", pycircleci=True, base=urls[transport], expected=PIPELINES, walks=1 if slow else 5
                ),
                rounds,
                per=1e-3,
            )
        )
    size_label = f"{settings.download_size >> 20} MiB" if settings.download_size < 1 << 30 else "1 GiB"
    for transport in ("http", "https"):
        found.append(
            Measure(
                f"download:{transport}",
                f"download {size_label} artifact (s)",
                transport,
                api_jobs("download", base=urls[transport], size=settings.download_size),
                settings.download_rounds,
            )
        )
    artifacts = {"count": settings.artifact_count, "size": settings.artifact_size}
    for transport in ("https", "http+delay50", "http+50ms", "https+50ms"):
        sequential = api_jobs("artifacts", base=urls[transport], workers=1, **artifacts)
        found.append(
            Measure(
                f"artifacts_seq:{transport}",
                f"{settings.artifact_count} artifacts, one by one (s)",
                transport,
                sequential,
                settings.latency_rounds,
            )
        )
        parallel = api_jobs("artifacts", base=urls[transport], workers=8, **artifacts)
        parallel.update({OURS: {**(parallel[OURS] or {}), "client": "sdk"}, LEGACY: None})
        found.append(
            Measure(
                f"artifacts_sdk:{transport}",
                f"{settings.artifact_count} artifacts, 8 at a time (s)",
                transport,
                parallel,
                settings.latency_rounds,
            )
        )
    return found
