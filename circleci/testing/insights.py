"""The API v2 Insights routes, computed from the fake's own finished workflows, jobs and tests.

A run counts when it has finished (success, failed or canceled) and was
created in the reporting window (default ``last-90-days``) on the branch asked
for (default: the project's default branch; ``all-branches=true`` for all).
Durations are whole seconds; credits are what each job's plan says it uses
(:attr:`~circleci.testing.JobPlan.credits`, 0 by default). A trend is the
ratio of a figure to the same figure over the window before.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from datetime import datetime
from typing import Any, Callable, Optional

from .clock import isoformat
from .routing import Call, HttpError, Reply, Route, page
from .state import Job, Project, Workflow

__all__ = ["ROUTES", "WINDOWS"]

PREFIX = "/api/v2/insights"
DAY = 86400.0
WINDOWS = {
    "last-24-hours": DAY,
    "last-7-days": 7 * DAY,
    "last-30-days": 30 * DAY,
    "last-60-days": 60 * DAY,
    "last-90-days": 90 * DAY,
}
"""The reporting windows, in seconds."""
_FINISHED = {"success", "failed", "canceled"}


def _window(call: Call) -> tuple[float, float]:
    name = call.query.get("reporting-window", "last-90-days")
    if name not in WINDOWS:
        raise HttpError(400, f"reporting-window must be one of {', '.join(WINDOWS)}")
    now = call.state.clock.now()
    return now - WINDOWS[name], now


def _dates(call: Call) -> tuple[float, float]:
    now = call.state.clock.now()
    start, end = now - 90 * DAY, now
    for name in ("start-date", "end-date"):
        text = call.query.get(name)
        if text is not None:
            try:
                moment = datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
            except ValueError:
                raise HttpError(400, f"{name} is not a date-time") from None
            start, end = (moment, end) if name == "start-date" else (start, moment)
    if end < start:
        raise HttpError(400, "end-date must be after start-date")
    return start, end


def _branch_filter(call: Call, project: Project) -> Callable[[Optional[str]], bool]:
    if call.query.get("all-branches") == "true":
        return lambda branch: True
    wanted = call.query.get("branch", project.default_branch)
    return lambda branch: branch == wanted


def _runs(
    call: Call,
    project: Project,
    start: float,
    end: float,
    name: Optional[str] = None,
    branches: Optional[Callable[[Optional[str]], bool]] = None,
) -> list[Workflow]:
    """The finished workflows of a project created in ``[start, end)``, oldest first."""
    keep = branches or _branch_filter(call, project)
    found = [
        w
        for w in call.state.workflows.values()
        if w.pipeline.project is project
        and w.stopped_at is not None
        and w.status in _FINISHED
        and start <= w.created_at < end
        and name in (None, w.name)
        and keep(w.pipeline.branch)
    ]
    return sorted(found, key=lambda w: (w.created_at, w.id))


def _seconds(workflow: Workflow) -> int:
    return max(0, round((workflow.stopped_at or workflow.created_at) - workflow.created_at))


def _job_seconds(job: Job) -> int:
    return max(0, round((job.stopped_at or 0.0) - (job.started_at or 0.0))) if job.started_at else 0


def _credits(jobs: list[Job]) -> int:
    return sum(job.plan.credits for job in jobs if not job.carried and job.started_at is not None)


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` percentile of ``values`` (nearest rank), 0 for none."""
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _durations(values: list[int]) -> dict[str, Any]:
    if not values:
        return dict.fromkeys(("min", "mean", "median", "p95", "max", "standard_deviation"))
    return {
        "min": min(values),
        "mean": round(statistics.fmean(values)),
        "median": int(statistics.median_low(values)),
        "p95": int(percentile([float(v) for v in values], 0.95)),
        "max": max(values),
        "standard_deviation": float(statistics.pstdev(values)),
    }


def _rate(successes: int, total: int) -> float:
    return successes / total if total else 0.0


def _mttr(runs: list[Workflow]) -> tuple[Optional[int], int]:
    """Mean seconds from a failed run to the next successful one, and how many recoveries."""
    spans, failed_at = [], None
    for run in runs:
        if run.status == "failed" and failed_at is None:
            failed_at = run.stopped_at
        elif run.status == "success" and failed_at is not None:
            spans.append((run.stopped_at or 0.0) - failed_at)
            failed_at = None
    return (round(statistics.fmean(spans)) if spans else None), len(spans)


def _metrics(runs: list[Workflow], days: float) -> dict[str, Any]:
    successes = sum(run.status == "success" for run in runs)
    failures = sum(run.status == "failed" for run in runs)
    mttr, recoveries = _mttr(runs)
    return {
        "total_runs": len(runs),
        "successful_runs": successes,
        "failed_runs": failures,
        "success_rate": _rate(successes, len(runs)),
        "throughput": len(runs) / days if days else 0.0,
        "mttr": mttr,
        "total_recoveries": recoveries,
        "total_credits_used": sum(_credits(run.jobs) for run in runs),
        "duration_metrics": _durations([_seconds(run) for run in runs]),
    }


def _trend(now: float, before: float) -> float:
    return now / before if before else 0.0


def _project(call: Call) -> Project:
    return call.state.project(call.params["project_slug"])


def _names(call: Call, project: Project) -> list[str]:
    return sorted({w.name for w in call.state.workflows.values() if w.pipeline.project is project})


def _paged(call: Call, items: list[Any]) -> Reply:
    return Reply.json(page(items, call.query.get("page-token"), call.state.page_size))


# -- routes ----------------------------------------------------------------------


def get_project_workflow_metrics(call: Call) -> Reply:
    """``GET /insights/{project-slug}/workflows``: one entry per workflow name."""
    project = _project(call)
    start, end = _window(call)
    items = []
    for name in _names(call, project):
        runs = _runs(call, project, start, end, name)
        if runs:
            metrics = _metrics(runs, (end - start) / DAY)
            items.append(
                {
                    "name": name,
                    "metrics": metrics,
                    "window_start": isoformat(runs[0].created_at),
                    "window_end": isoformat(max(run.stopped_at or 0.0 for run in runs)),
                    "project_id": project.id,
                }
            )
    return _paged(call, items)


def get_project_workflow_runs(call: Call) -> Reply:
    """``GET /insights/{project-slug}/workflows/{workflow-name}``: its runs, newest first."""
    project = _project(call)
    start, end = _dates(call)
    runs = _runs(call, project, start, end + 1e-3, call.params["workflow_name"])
    items = [
        {
            "id": run.id,
            "branch": run.pipeline.branch or "",
            "duration": _seconds(run),
            "created_at": isoformat(run.created_at),
            "stopped_at": isoformat(run.stopped_at),
            "credits_used": _credits(run.jobs),
            "status": run.status,
            "is_approval": any(job.plan.type == "approval" for job in run.jobs),
        }
        for run in reversed(runs)
    ]
    return _paged(call, items)


def _job_runs(call: Call, project: Project, start: float, end: float, name: str) -> dict[str, list[Job]]:
    jobs: dict[str, list[Job]] = defaultdict(list)
    for run in _runs(call, project, start, end, name):
        for job in run.jobs:
            if not job.carried and job.status in ("success", "failed") and job.plan.type == "build":
                jobs[job.name].append(job)
    return jobs


def _job_metrics(jobs: list[Job], days: float) -> dict[str, Any]:
    successes = sum(job.status == "success" for job in jobs)
    return {
        "total_runs": len(jobs),
        "successful_runs": successes,
        "failed_runs": len(jobs) - successes,
        "success_rate": _rate(successes, len(jobs)),
        "throughput": len(jobs) / days if days else 0.0,
        "total_credits_used": _credits(jobs),
        "duration_metrics": _durations([_job_seconds(job) for job in jobs]),
    }


def get_project_workflow_job_metrics(call: Call) -> Reply:
    """``GET /insights/{project-slug}/workflows/{workflow-name}/jobs``: one entry per job name."""
    project = _project(call)
    start, end = _window(call)
    wanted = call.query.get("job-name")
    items = [
        {
            "name": name,
            "metrics": _job_metrics(jobs, (end - start) / DAY),
            "window_start": isoformat(min(job.started_at or 0.0 for job in jobs)),
            "window_end": isoformat(max(job.stopped_at or 0.0 for job in jobs)),
        }
        for name, jobs in sorted(_job_runs(call, project, start, end, call.params["workflow_name"]).items())
        if wanted in (None, name)
    ]
    return _paged(call, items)


def get_workflow_summary(call: Call) -> Reply:
    """``GET /insights/{project-slug}/workflows/{workflow-name}/summary``: the last 90 days, with trends."""
    project, name = _project(call), call.params["workflow_name"]
    now = call.state.clock.now()
    start = now - 90 * DAY
    runs = _runs(call, project, start, now, name)
    before = _runs(call, project, start - 90 * DAY, start, name)
    metrics, previous = _metrics(runs, 90), _metrics(before, 90)
    metrics.update(completed_runs=len(runs), window_start=isoformat(start), window_end=isoformat(now))
    del metrics["total_recoveries"]

    def p(values: dict[str, Any], key: str) -> float:
        return float(values["duration_metrics"][key] or 0)

    trends = {
        key: _trend(float(metrics[key] or 0), float(previous[key] or 0))
        for key in ("total_runs", "failed_runs", "success_rate", "total_credits_used", "mttr", "throughput")
    }
    trends["p95_duration_secs"] = _trend(p(metrics, "p95"), p(previous, "p95"))
    trends["median_duration_secs"] = _trend(p(metrics, "median"), p(previous, "median"))
    return Reply.json({"metrics": metrics, "trends": trends, "workflow_names": _names(call, project)})


def _test_key(test: dict[str, Any]) -> tuple[str, str]:
    return str(test.get("classname") or ""), str(test["name"])


def get_project_workflow_test_metrics(call: Call) -> Reply:
    """``GET /insights/{project-slug}/workflows/{workflow-name}/test-metrics``: the last 10 runs' tests."""
    project = _project(call)
    now = call.state.clock.now()
    runs = _runs(call, project, now - 90 * DAY, now, call.params["workflow_name"])[-10:]
    stats: dict[tuple[str, tuple[str, str]], list[dict[str, Any]]] = defaultdict(list)
    test_runs: list[dict[str, Any]] = []
    for run in runs:
        counts = dict.fromkeys(("error", "failure", "skipped", "success"), 0)
        for job in run.jobs:
            for test in job.tests:
                stats[(job.name, _test_key(test))].append(test)
                result = test.get("result", "success")
                counts[result if result in counts else "error"] += 1
        total = sum(counts.values())
        test_runs.append(
            {
                "pipeline_number": run.pipeline.number,
                "workflow_id": run.id,
                "success_rate": _rate(counts["success"], total),
                "test_counts": {**counts, "total": total},
            }
        )
    flaky = _flaky_keys(call, project)
    summaries = [
        {
            "test_name": key[1],
            "classname": key[0] or None,
            "job_name": job_name,
            "file": tests[-1].get("file"),
            "source": tests[-1].get("source"),
            "total_runs": len(tests),
            "failed_runs": sum(t.get("result") == "failure" for t in tests),
            "p95_duration": percentile([float(t.get("run_time", 0.0)) for t in tests], 0.95),
            "flaky": key in flaky,
        }
        for (job_name, key), tests in sorted(stats.items())
    ]
    failed = sorted((s for s in summaries if s["failed_runs"]), key=lambda s: -s["failed_runs"])
    slowest = sorted(summaries, key=lambda s: -s["p95_duration"])
    total_tests = sum(r["test_counts"]["total"] for r in test_runs)
    return Reply.json(
        {
            "average_test_count": total_tests // len(test_runs) if test_runs else 0,
            "most_failed_tests": failed[:10],
            "most_failed_tests_extra": max(0, len(failed) - 10),
            "slowest_tests": slowest[:10],
            "slowest_tests_extra": max(0, len(slowest) - 10),
            "total_test_runs": total_tests,
            "test_runs": test_runs,
        }
    )


def _flaky_keys(call: Call, project: Project) -> set[tuple[str, str]]:
    return {key for key, _ in _flaky(call, project)}


def _flaky(call: Call, project: Project) -> list[tuple[tuple[str, str], list[tuple[Job, dict[str, Any]]]]]:
    """Tests that both failed and passed on the same commit, with their failed runs."""
    by_commit: dict[tuple[tuple[str, str], str], list[tuple[Job, dict[str, Any]]]] = defaultdict(list)
    for job in call.state.jobs.values():
        if job.project is project and not job.carried:
            for test in job.tests:
                by_commit[(_test_key(test), job.workflow.pipeline.revision)].append((job, test))
    flaky: dict[tuple[str, str], list[tuple[Job, dict[str, Any]]]] = defaultdict(list)
    for (key, _), runs in by_commit.items():
        results = {test.get("result") for _, test in runs}
        if "success" in results and "failure" in results:
            flaky[key] += [(job, test) for job, test in runs if test.get("result") == "failure"]
    return sorted(flaky.items())


def get_flaky_tests(call: Call) -> Reply:
    """``GET /insights/{project-slug}/flaky-tests``"""
    project = _project(call)
    items = []
    for (classname, name), failures in _flaky(call, project):
        job, test = failures[-1]
        items.append(
            {
                "test-name": name,
                "classname": classname or None,
                "times-flaked": len(failures),
                "time-wasted": int(sum(_job_seconds(j) for j, _ in failures)),
                "workflow-created-at": isoformat(job.workflow.created_at),
                "workflow-id": job.workflow.id,
                "workflow-name": job.workflow.name,
                "pipeline-number": job.workflow.pipeline.number,
                "job-name": job.name,
                "job-number": job.number or 0,
                "source": test.get("source"),
                "file": test.get("file"),
            }
        )
    return Reply.json({"flaky-tests": items, "total-flaky-tests": float(len(items))})


def get_all_insights_branches(call: Call) -> Reply:
    """``GET /insights/{project-slug}/branches``, optionally of one ``workflow-name``."""
    project, name = _project(call), call.query.get("workflow-name")
    branches = {
        w.pipeline.branch
        for w in call.state.workflows.values()
        if w.pipeline.project is project and name in (None, w.name) and w.pipeline.branch
    }
    return Reply.json(
        {"org_id": project.org_id, "project_id": project.id, "branches": sorted(b for b in branches if b)}
    )


def _summary(runs: list[Workflow], before: list[Workflow], days: float) -> dict[str, Any]:
    def figures(items: list[Workflow]) -> dict[str, Any]:
        successes = sum(w.status == "success" for w in items)
        return {
            "total_runs": len(items),
            "total_duration_secs": sum(_seconds(w) for w in items),
            "total_credits_used": sum(_credits(w.jobs) for w in items),
            "success_rate": _rate(successes, len(items)),
            "throughput": len(items) / days if days else 0.0,
            "p95_duration_secs": percentile([float(_seconds(w)) for w in items], 0.95),
        }

    now, previous = figures(runs), figures(before)
    return {"metrics": now, "trends": {key: _trend(float(now[key]), float(previous[key])) for key in now}}


def _pick(values: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: values[key] for key in keys}


_ORG_KEYS = ("total_runs", "total_duration_secs", "total_credits_used", "success_rate", "throughput")
_PART_KEYS = ("total_credits_used", "p95_duration_secs", "total_runs", "success_rate")


def _split(summary: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {"metrics": _pick(summary["metrics"], *keys), "trends": _pick(summary["trends"], *keys)}


def get_org_summary_data(call: Call) -> Reply:
    """``GET /insights/{org-slug}/summary``: every project of the organization (or the ``project-names`` given)."""
    org = call.state.org(call.params["org_slug"])
    start, end = _window(call)
    span = end - start
    wanted = call.query.get("project-names")
    projects = [p for p in call.state.projects.values() if p.org_id == org.id]
    everyone: Callable[[Optional[str]], bool] = lambda branch: True  # noqa: E731
    all_runs, all_before, parts = [], [], []
    for project in projects:
        if wanted is not None and project.name not in wanted.split(","):
            continue
        runs = _runs(call, project, start, end, branches=everyone)
        before = _runs(call, project, start - span, start, branches=everyone)
        all_runs += runs
        all_before += before
        summary = _split(_summary(runs, before, span / DAY), ("total_credits_used", "total_runs", "success_rate"))
        duration = sum(_seconds(w) for w in runs)
        previous = sum(_seconds(w) for w in before)
        summary["metrics"]["total_duration_secs"] = duration
        summary["trends"]["total_duration_secs"] = _trend(duration, previous)
        parts.append({"project_name": project.name, **summary})
    return Reply.json(
        {
            "org_data": _split(_summary(all_runs, all_before, span / DAY), _ORG_KEYS),
            "org_project_data": parts,
            "all_projects": sorted(p.name for p in projects),
        }
    )


def get_project_workflows_page_data(call: Call) -> Reply:
    """``GET /insights/pages/{project-slug}/summary``: the project, its workflows and their branches."""
    project = _project(call)
    start, end = _window(call)
    span = end - start
    everyone: Callable[[Optional[str]], bool] = lambda branch: True  # noqa: E731
    runs = _runs(call, project, start, end, branches=everyone)
    before = _runs(call, project, start - span, start, branches=everyone)
    workflows, branches = [], []
    for name in sorted({w.name for w in runs}):
        mine = [w for w in runs if w.name == name]
        old = [w for w in before if w.name == name]
        workflows.append({"workflow_name": name, **_split(_summary(mine, old, span / DAY), _PART_KEYS)})
        for branch in sorted({w.pipeline.branch or "" for w in mine}):
            on = [w for w in mine if (w.pipeline.branch or "") == branch]
            old_on = [w for w in old if (w.pipeline.branch or "") == branch]
            part = _split(_summary(on, old_on, span / DAY), _PART_KEYS)
            branches.append({"workflow_name": name, "branch": branch, **part})
    return Reply.json(
        {
            "org_id": project.org_id,
            "project_id": project.id,
            "project_data": _split(_summary(runs, before, span / DAY), _ORG_KEYS),
            "project_workflow_data": workflows,
            "project_workflow_branch_data": branches,
            "all_branches": sorted({w.pipeline.branch or "" for w in runs}),
            "all_workflows": sorted({w.name for w in runs}),
        }
    )


def get_job_timeseries(call: Call) -> Reply:
    """``GET /insights/time-series/{project-slug}/workflows/{workflow-name}/jobs``: per job name and day (or hour)."""
    project = _project(call)
    start, end = _dates(call)
    granularity = call.query.get("granularity", "daily")
    if granularity not in ("daily", "hourly"):
        raise HttpError(400, "granularity must be daily or hourly")
    bucket = DAY if granularity == "daily" else 3600.0
    groups: dict[tuple[str, float], list[Job]] = defaultdict(list)
    for name, jobs in _job_runs(call, project, start, end + 1e-3, call.params["workflow_name"]).items():
        for job in jobs:
            groups[(name, (job.started_at or 0.0) // bucket * bucket)].append(job)
    items = []
    for (name, moment), jobs in sorted(groups.items()):
        metrics = _job_metrics(jobs, bucket / DAY)
        durations = metrics["duration_metrics"]
        del durations["mean"], durations["standard_deviation"]
        durations["total"] = sum(_job_seconds(job) for job in jobs)
        credits = sorted(job.plan.credits for job in jobs)
        items.append(
            {
                "name": name,
                "min_started_at": isoformat(min(job.started_at or 0.0 for job in jobs)),
                "max_ended_at": isoformat(max(job.stopped_at or 0.0 for job in jobs)),
                "timestamp": isoformat(moment),
                "metrics": {
                    **{k: v for k, v in metrics.items() if k != "success_rate"},
                    "median_credits_used": credits[(len(credits) - 1) // 2],
                },
            }
        )
    return Reply.json({"items": items, "next_page_token": None})


PROJECT = PREFIX + "/{project_slug:slug}"
ROUTES = [
    Route(
        "GET",
        PREFIX + "/pages/{project_slug:slug}/summary",
        get_project_workflows_page_data,
        "getProjectWorkflowsPageData",
    ),
    Route(
        "GET",
        PREFIX + "/time-series/{project_slug:slug}/workflows/{workflow_name}/jobs",
        get_job_timeseries,
        "getJobTimeseries",
    ),
    Route("GET", PROJECT + "/branches", get_all_insights_branches, "getAllInsightsBranches"),
    Route("GET", PROJECT + "/flaky-tests", get_flaky_tests, "getFlakyTests"),
    Route("GET", PROJECT + "/workflows", get_project_workflow_metrics, "getProjectWorkflowMetrics"),
    Route("GET", PROJECT + "/workflows/{workflow_name}", get_project_workflow_runs, "getProjectWorkflowRuns"),
    Route(
        "GET",
        PROJECT + "/workflows/{workflow_name}/jobs",
        get_project_workflow_job_metrics,
        "getProjectWorkflowJobMetrics",
    ),
    Route("GET", PROJECT + "/workflows/{workflow_name}/summary", get_workflow_summary, "getWorkflowSummary"),
    Route(
        "GET",
        PROJECT + "/workflows/{workflow_name}/test-metrics",
        get_project_workflow_test_metrics,
        "getProjectWorkflowTestMetrics",
    ),
    Route("GET", PREFIX + "/{org_slug:org}/summary", get_org_summary_data, "getOrgSummaryData"),
]
"""The Insights routes, each named after its ``operationId``."""
