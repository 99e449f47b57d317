"""``make demo``: run every demo, offline against FakeCircleCI when no token is set.

Without ``CIRCLE_TOKEN`` it starts :class:`~circleci.testing.FakeCircleCI` in
real time, points the demos at it through the variables CircleCI sets in a
job, prepares what each demo needs (a running build to wait for, an earlier
pipeline, a job with artifacts) and runs them one by one. With
``CIRCLE_TOKEN`` set it prints how to run each demo against circleci.com and
calls nothing.

    python -m demo [--speed N] [--dest DIR] [--keep-serving SECONDS]

Each demo is shown as a command that works when pasted into a shell at the
root of the checkout: the variables it needs are written in front of it. The
offline ones need the fake server, so ``--keep-serving`` keeps it up after
the demos for that long (``make demo DEMO_ARGS="--keep-serving 600"``).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import shlex
import sys
import threading
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
    parser.add_argument(
        "--keep-serving",
        type=float,
        default=0,
        metavar="SECONDS",
        help="keep the fake server up this long after the demos, to paste the commands shown (default 0)",
    )
    return parser.parse_args(argv)


def python() -> str:
    """This interpreter as a shell word: relative to the current folder when it is inside it (``.venv/bin/python``)."""
    relative = os.path.relpath(sys.executable)
    return shlex.quote(sys.executable if relative.startswith("..") else relative)


def command(name: str, args: list[str], env: dict[str, str]) -> str:
    """A demo's command line as it can be pasted into a shell: ``VAR=value ... python demo/sdk/<name>.py args``."""
    words = [f"{key}={shlex.quote(value)}" for key, value in sorted(env.items())]
    words += [python(), f"demo/sdk/{name}.py", *map(shlex.quote, args)]
    return " ".join(words)


def changed(before: dict[str, str]) -> dict[str, str]:
    """The variables of ``os.environ`` that differ from ``before``."""
    return {key: value for key, value in os.environ.items() if before.get(key) != value}


def print_real_commands() -> int:
    """Say how to run each demo against circleci.com; nothing is called."""
    print("CIRCLE_TOKEN is set, so the demos would call circleci.com; `make demo` does not do that for you.")
    print("Run them yourself with the token in your environment (in a CircleCI job, the project and job come")
    print("from its variables; each file also runs on its own, copied anywhere with this package installed):")
    for demo in DEMOS:
        print(f"  {python()} demo/sdk/{demo.name}.py{demo.real_args}")
    print("Unset CIRCLE_TOKEN to run them all offline against FakeCircleCI.")
    return 0


def keep_serving(fake: FakeCircleCI, seconds: float, stop: threading.Event) -> None:
    """Keep ``fake`` up for ``seconds`` (or until ``stop`` is set or Ctrl-C) so the commands shown can be pasted."""
    if seconds <= 0:
        print("The fake server stops now; to paste the commands above, run: make demo DEMO_ARGS='--keep-serving 600'")
        return
    print(f"FakeCircleCI keeps serving {fake.url} for {seconds:g} s: paste the commands above in another shell.")
    print("Press Ctrl-C to stop.", flush=True)
    try:
        stop.wait(seconds)
    except KeyboardInterrupt:
        print("Stopping.")


def run_offline(args: argparse.Namespace, stop: Optional[threading.Event] = None) -> int:
    """Run every demo against a FakeCircleCI; return 1 if any failed."""
    failed: list[str] = []
    before = dict(os.environ)
    with _restored_environment(), FakeCircleCI(realtime=True, speed=args.speed) as fake:
        os.environ.update(fake.environment())
        os.environ.update({"CIRCLE_PROJECT_USERNAME": ORG, "CIRCLE_PROJECT_REPONAME": REPO})
        print(f"FakeCircleCI is serving {fake.url} (project {SLUG}); no account needed.\n")
        for demo in DEMOS:
            module = importlib.import_module(f"demo.sdk.{demo.name}")
            argv = demo.prepare(fake, args)
            print(f"== {demo.name}: {demo.shows}\n$ {command(demo.name, argv, changed(before))}", flush=True)
            started = time.monotonic()
            status = module.main(argv)
            print(f"-> exit status {status} after {time.monotonic() - started:.1f} s\n", flush=True)
            if status != 0:
                failed.append(demo.name)
        keep_serving(fake, args.keep_serving, stop or threading.Event())
    if failed:
        print(f"Failed: {', '.join(failed)}")
        return 1
    print(f"Every demo worked. Downloaded files are in {os.path.abspath(args.dest)}.")
    return 0


def main(argv: Optional[list[str]] = None, *, stop: Optional[threading.Event] = None) -> int:
    """Run the demos; return the exit status.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    :param stop: set it to end ``--keep-serving`` early (tests do).
    """
    args = parse_args(argv)
    if os.environ.get("CIRCLE_TOKEN"):
        return print_real_commands()
    return run_offline(args, stop)


if __name__ == "__main__":
    sys.exit(main())
