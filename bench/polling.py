"""API calls spent waiting for a 10-minute pipeline with 3 workflows of 5 jobs.

CircleCI's rate limits are per token and unpublished, and a job that waits on
a pipeline shares them with every other job of that token: what a wait costs
is the number of calls it sends, not its speed. This counts them, against an
in-process :class:`~circleci.testing.FakeCircleCI` on a fake clock (each
sleep of the SDK moves the fake's clock instead of waiting), so the figures
are exact and take a second to compute.

Each row is one way of waiting for the same pipeline: three workflows of
five jobs that run one after the other for 2 minutes each (10 minutes, plus
a second of setup and of queueing per job), polled every 15 seconds to
start with. The naive loop is what most public scripts do: every 15 seconds,
read the pipeline, its workflows and the jobs of each workflow.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Callable, Optional
from unittest import mock

import circleci.sdk
from circleci.api import Api
from circleci.sdk import SDK
from circleci.testing import FakeCircleCI, JobPlan, WorkflowPlan

SLUG = "gh/bench/app"
INTERVAL = 15.0
JOB_SECONDS = 120.0
PLAN = [
    WorkflowPlan(
        name,
        [
            JobPlan(f"{name}-{index}", duration=JOB_SECONDS, requires=(f"{name}-{index - 1}",) if index else ())
            for index in range(5)
        ],
    )
    for name in ("build", "test", "deploy")
]
LABEL = "API calls spent waiting for a 10-minute pipeline with 3 workflows of 5 jobs"


@dataclass(frozen=True)
class Spent:
    """What one way of waiting cost: calls sent, checks made, and how late it noticed the end."""

    way: str
    calls: int
    polls: int
    late: float


class _Clock:
    """Stands in for the ``time`` module: sleeping moves the fake server's clock."""

    def __init__(self, server: FakeCircleCI) -> None:
        self.server = server
        self.now = 0.0
        self.sleeps = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        self.now += seconds
        self.server.advance(seconds)


@contextlib.contextmanager
def _world() -> Iterator[tuple[FakeCircleCI, Api, list[str], _Clock]]:
    """A fake with the project, a client that counts its calls, and the fake clock in the SDK."""
    with FakeCircleCI(seeded=False) as server, Api(server.token, server.url, retries=0) as api:
        server.add_project("bench", "app", plan=PLAN)
        calls: list[str] = []
        api._transport.session.hooks["response"].append(lambda response, *a, **k: calls.append(response.url))
        clock = _Clock(server)
        with mock.patch.object(circleci.sdk, "time", clock):
            yield server, api, calls, clock


def _finished_at(server: FakeCircleCI) -> float:
    """When the last job of the fake's pipelines stopped (fake epoch seconds)."""
    return max(job.stopped_at or 0.0 for job in server.state.jobs.values())


def _measure(way: str, run: Callable[[FakeCircleCI, Api, _Clock], Any]) -> Spent:
    with _world() as (server, api, calls, clock):
        start = server.clock.now()
        run(server, api, clock)
        late = server.clock.now() - _finished_at(server)
        if not server.state.jobs or any(job.status != "success" for job in server.state.jobs.values()):
            raise AssertionError(f"{way}: returned before the pipeline finished")
        if server.clock.now() - start < 10 * JOB_SECONDS / 2:
            raise AssertionError(f"{way}: the pipeline did not take 10 minutes")
        return Spent(way, len(calls), clock.sleeps + 1, late)


def naive_loop(server: FakeCircleCI, api: Api, clock: _Clock) -> None:
    """Every 15 s: the pipeline, its workflows and each workflow's jobs, until every workflow is done."""
    pipeline = server.trigger_pipeline(SLUG)
    v2 = api.v2
    while True:
        v2.get_pipeline_by_id(pipeline.id)
        workflows = v2.list_workflows_by_pipeline_id(pipeline.id)["items"]
        for workflow in workflows:
            v2.list_workflow_jobs(workflow["id"])
        if workflows and all(workflow["status"] not in ("running", "failing", "on_hold") for workflow in workflows):
            return
        clock.sleep(INTERVAL)


def wait_for_pipeline(server: FakeCircleCI, api: Api, clock: _Clock) -> None:
    pipeline = server.trigger_pipeline(SLUG)
    SDK(api, _quiet()).wait_for_pipeline(pipeline.id, interval=INTERVAL, timeout=None)


def trigger_pipeline_and_wait(server: FakeCircleCI, api: Api, clock: _Clock) -> None:
    SDK(api, _quiet()).trigger_pipeline_and_wait(SLUG, interval=INTERVAL, timeout=None)


def pipeline_singleton(server: FakeCircleCI, api: Api, clock: _Clock) -> None:
    """The job of a pipeline triggered just after the 10-minute one waits for it."""
    server.trigger_pipeline(SLUG)
    current = server.trigger_pipeline(SLUG, plan=[])
    with mock.patch.dict("os.environ", {"CIRCLE_PIPELINE_ID": current.id}):
        SDK(api, _quiet()).pipeline_singleton(SLUG, interval=INTERVAL)


def build_singleton(server: FakeCircleCI, api: Api, clock: _Clock) -> None:
    """v1.1, at the fixed interval of circleci.py 1.2.2 (``CIRCLE_BUILD_URL`` of a build of another project)."""
    server.trigger_pipeline(SLUG)
    server.advance(2)  # the first job is queued: a build is running
    with mock.patch.dict("os.environ", {"CIRCLE_BUILD_URL": "https://circleci.com/gh/bench/other/1"}):
        SDK(api, _quiet()).build_singleton("bench", "app", interval=INTERVAL)


def _quiet() -> logging.Logger:
    """A logger that drops the SDK's progress lines."""
    logger = logging.getLogger("bench.polling")
    logger.propagate = False
    logger.addHandler(logging.NullHandler())
    return logger


WAYS: list[tuple[str, Callable[[FakeCircleCI, Api, _Clock], Any]]] = [
    ("naive loop: pipeline, workflows, jobs every 15 s", naive_loop),
    ("SDK.wait_for_pipeline", wait_for_pipeline),
    ("SDK.trigger_pipeline_and_wait", trigger_pipeline_and_wait),
    ("SDK.pipeline_singleton (the next pipeline waits)", pipeline_singleton),
    ("SDK.build_singleton (v1.1, fixed 15 s)", build_singleton),
]


def measure_all() -> list[Spent]:
    """Every way of waiting, measured."""
    return [_measure(way, run) for way, run in WAYS]


def render(spent: list[Spent], started: Optional[float] = None) -> str:
    """The figures as a reST simple table."""
    lines = [["Way of waiting", "API calls", "checks", "noticed the end after (s)"]]
    lines += [[item.way, str(item.calls), str(item.polls), f"{item.late:.0f}"] for item in spent]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    rule = "  ".join("=" * width for width in widths)

    def join(line: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip()

    took = "" if started is None else f" (computed in {time.monotonic() - started:.1f} s, no timing involved)"
    return "\n".join([f"{LABEL}{took}:", "", rule, join(lines[0]), rule, *(join(line) for line in lines[1:]), rule])


def main() -> None:
    """Print the table."""
    started = time.monotonic()
    print(render(measure_all(), started))


if __name__ == "__main__":
    main()
