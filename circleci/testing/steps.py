"""The steps of a build as CircleCI's v1.1 shows them, and the logs behind their ``output_url``.

A job's steps come from its plan (:attr:`~circleci.testing.JobPlan.steps`,
or :func:`~circleci.testing.state.default_steps`). They share the job's run
time equally and run one after the other: a step appears once it started, a
step that fails ends the job (the steps after it never run), and a job that
failed without a failing step fails in its last one. Each step has one
action (container 0); its log is a JSON list of ``{"message", "time",
"type"}`` entries (``type`` ``out`` or ``err``) served by the storage host
from a signed link that needs no token.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional

from .clock import isoformat
from .state import Job, StepPlan, default_steps

__all__ = ["StepRun", "log_entries", "step_runs", "steps_view"]

LogLink = Callable[[Job, int], str]
"""Gives the signed storage URL of a job's step log, by step index."""


class StepRun:
    """One step of a build as it ran (or runs) by the fake clock.

    :ivar index: its position among the job's steps.
    :ivar plan: what it runs and prints.
    :ivar status: ``running``, ``success``, ``failed`` or ``canceled``.
    :ivar started_at: when it started (fake epoch seconds).
    :ivar stopped_at: when it stopped, or ``None`` while it runs.
    """

    def __init__(self, index: int, plan: StepPlan, status: str, started_at: float, stopped_at: Optional[float]) -> None:
        self.index = index
        self.plan = plan
        self.status = status
        self.started_at = started_at
        self.stopped_at = stopped_at

    @property
    def failed(self) -> bool:
        """Whether the step failed."""
        return self.status == "failed"


def _planned(job: Job) -> list[StepPlan]:
    return list(job.plan.steps) or default_steps(job.plan)


def step_runs(job: Job, now: float) -> list[StepRun]:
    """The steps of a job that have started by ``now``, with their status and times.

    Steps run one after the other, each for an equal share of the job's
    duration; the first step that has not finished ends the list.
    """
    if job.started_at is None:
        return []
    plans = _planned(job)
    end = job.stopped_at if job.stopped_at is not None else job.started_at + job.plan.duration
    share = job.plan.duration / len(plans)
    failing = next((i for i, plan in enumerate(plans) if plan.failed), None)
    if failing is None and job.status == "failed":
        failing = len(plans) - 1
    runs: list[StepRun] = []
    for index, plan in enumerate(plans):
        started = job.started_at + index * share
        ends = started + share
        stopped: Optional[float] = ends
        if job.status == "running" and ends > now:
            status, stopped = "running", None
        elif job.status == "canceled" and ends >= end:
            status, stopped = "canceled", end
        elif index == failing and job.status == "failed":
            status, stopped = "failed", end
        else:
            status = "success"
        runs.append(StepRun(index, plan, status, started, stopped))
        if status != "success":
            break
    return runs


def log_entries(run: StepRun) -> list[dict[str, Any]]:
    """A step's log as CircleCI serves it: ``{"message", "time", "type"}`` entries."""
    time = isoformat(run.started_at)
    entries = [{"message": run.plan.output, "time": time, "type": "out"}] if run.plan.output else []
    if run.plan.error_output:
        entries.append({"message": run.plan.error_output, "time": time, "type": "err"})
    return entries


def log_document(job: Job, index: int, now: float) -> Optional[bytes]:
    """The JSON log of a job's step, or ``None`` when that step has not run."""
    runs = step_runs(job, now)
    if index >= len(runs):
        return None
    return json.dumps(log_entries(runs[index])).encode()


def steps_view(job: Job, now: float, link: Optional[LogLink]) -> list[dict[str, Any]]:
    """A build's ``steps``: ``[{"name", "actions": [...]}]``, one action per step."""
    steps = []
    for run in step_runs(job, now):
        has_output = bool(run.plan.output or run.plan.error_output)
        stopped = run.stopped_at
        action = {
            "name": run.plan.name,
            "index": 0,
            "step": run.index,
            "type": "test" if run.index >= 2 else "infrastructure",
            "status": run.status,
            "failed": True if run.failed else None,
            "exit_code": None if stopped is None else (1 if run.failed else 0),
            "start_time": isoformat(run.started_at),
            "end_time": isoformat(stopped),
            "run_time_millis": None if stopped is None else round((stopped - run.started_at) * 1000),
            "has_output": has_output,
            "output_url": link(job, run.index) if has_output and link is not None else None,
            "bash_command": run.plan.name if run.index >= 2 else None,
            "background": False,
            "parallel": False,
            "infrastructure_fail": None,
            "timedout": None,
            "canceled": True if run.status == "canceled" else None,
            "messages": [],
        }
        steps.append({"name": run.plan.name, "actions": [action]})
    return steps
