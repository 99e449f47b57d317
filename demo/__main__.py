"""``make demo``: run every demo, offline against FakeCircleCI when no token is set.

Without ``CIRCLE_TOKEN`` it starts :class:`~circleci.testing.FakeCircleCI` in
real time, points the demos at it through the variables CircleCI sets in a
job, prepares what each demo needs (a running build to wait for, an earlier
pipeline, a job with artifacts) and runs them one by one. With
``CIRCLE_TOKEN`` set it prints how to run each demo against circleci.com and
calls nothing.

    python -m demo [--speed N] [--dest DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable, Optional

from circleci.testing import FakeCircleCI

ORG, REPO = "acme", "widget"
SLUG = f"gh/{ORG}/{REPO}"
POLL = 0.5
"""Real seconds between checks in the demos."""


@dataclass
class Demo:
    """A demo module of demo.sdk, what it shows, and how to prepare the fake server for it.

    ``prepare`` seeds the fake server, may set environment variables, and
    returns the demo's command-line arguments.
    """

    name: str
    shows: str
    prepare: Callable[[FakeCircleCI, argparse.Namespace], list[str]]
    real_args: str


def _build_singleton(fake: FakeCircleCI, args: argparse.Namespace) -> list[str]:
    own = fake.add_running_build(SLUG, duration=3)
    fake.add_running_build(SLUG, duration=3, name="deploy")
    os.environ["CIRCLE_BUILD_URL"] = fake.build_url(own)
    return ["--interval", f"{POLL:g}", "--timeout", "60"]


def _pipeline_singleton(fake: FakeCircleCI, args: argparse.Namespace) -> list[str]:
    fake.trigger_pipeline(SLUG)
    fake.advance(fake.state.setup_delay)  # the earlier pipeline has its workflows running
    os.environ["CIRCLE_PIPELINE_ID"] = fake.trigger_pipeline(SLUG).id
    return ["--interval", f"{POLL:g}", "--timeout", "60"]


def _trigger_and_wait(fake: FakeCircleCI, args: argparse.Namespace) -> list[str]:
    return ["--branch", "main", "--interval", f"{POLL:g}", "--timeout", "60"]


def _download_artifacts(fake: FakeCircleCI, args: argparse.Namespace) -> list[str]:
    with_artifacts = next(job for job in fake.state.builds(fake.project(SLUG)) if job.artifacts)
    os.environ["CIRCLE_BUILD_NUM"] = str(with_artifacts.number)
    return ["--dest", os.path.join(args.dest, "artifacts")]


DEMOS = [
    Demo("build_singleton", "waits until another running build finishes", _build_singleton, " --org ORG --repo REPO"),
    Demo(
        "pipeline_singleton",
        "waits until an earlier pipeline finishes",
        _pipeline_singleton,
        " --project-slug gh/ORG/REPO",
    ),
    Demo(
        "trigger_and_wait",
        "triggers a pipeline and waits for it to succeed",
        _trigger_and_wait,
        " --project-slug gh/ORG/REPO --branch main",
    ),
    Demo(
        "download_artifacts",
        "downloads a job's artifacts",
        _download_artifacts,
        " --project-slug gh/ORG/REPO --job-number N --dest ./artifacts",
    ),
]


@contextlib.contextmanager
def _restored_environment() -> Iterator[None]:
    """Undo the demos' changes to ``os.environ`` when they are done."""
    saved = dict(os.environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m demo", description="Run the demos, offline without CIRCLE_TOKEN.")
    parser.add_argument("--speed", type=float, default=2.0, help="fake seconds per real second (default 2)")
    parser.add_argument(
        "--dest", default="demo-output", help="folder for files the demos write (default ./demo-output)"
    )
    return parser.parse_args(argv)


def print_real_commands() -> int:
    """Say how to run each demo against circleci.com; nothing is called."""
    print("CIRCLE_TOKEN is set, so the demos would call circleci.com; `make demo` does not do that for you.")
    print("Run them yourself (inside a CircleCI job the project and job come from its environment):")
    for demo in DEMOS:
        print(f"  python -m demo.sdk.{demo.name}{demo.real_args}")
    print("Unset CIRCLE_TOKEN to run them all offline against FakeCircleCI.")
    return 0


def run_offline(args: argparse.Namespace) -> int:
    """Run every demo against a FakeCircleCI; return 1 if any failed."""
    failed: list[str] = []
    with _restored_environment(), FakeCircleCI(realtime=True, speed=args.speed) as fake:
        os.environ.update(fake.environment())
        os.environ.update({"CIRCLE_PROJECT_USERNAME": ORG, "CIRCLE_PROJECT_REPONAME": REPO})
        print(f"FakeCircleCI is serving {fake.url} (project {SLUG}); no account needed.\n")
        for demo in DEMOS:
            module = importlib.import_module(f"demo.sdk.{demo.name}")
            argv = demo.prepare(fake, args)
            print(f"== {demo.name}: {demo.shows}\n$ python -m demo.sdk.{demo.name} {' '.join(argv)}", flush=True)
            started = time.monotonic()
            status = module.main(argv)
            print(f"-> exit status {status} after {time.monotonic() - started:.1f} s\n", flush=True)
            if status != 0:
                failed.append(demo.name)
    if failed:
        print(f"Failed: {', '.join(failed)}")
        return 1
    print(f"Every demo worked. Downloaded files are in {os.path.abspath(args.dest)}.")
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    """Run the demos; return the exit status."""
    args = parse_args(argv)
    if os.environ.get("CIRCLE_TOKEN"):
        return print_real_commands()
    return run_offline(args)


if __name__ == "__main__":
    sys.exit(main())
