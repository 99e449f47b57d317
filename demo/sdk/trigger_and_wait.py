"""Trigger a pipeline and wait for it to finish (API v2).

Starts a pipeline of a project, polls it every 15 seconds until every
workflow has finished or waits for an approval, prints each workflow's
status and exits 0 when none failed. Handy in one project's job to run
another project's pipeline (integration tests, a deploy) and gate on it.
The token comes from ``CIRCLE_TOKEN``; the project defaults to the job's own.

    python -m demo.sdk.trigger_and_wait [--project-slug gh/ORG/REPO] [--branch BRANCH] [--parameter NAME=VALUE]

This file needs nothing but the ``circleci`` package: copied on its own into
any folder, it runs as ``python trigger_and_wait.py``. ``circleci-py trigger-and-wait`` is the same
from the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Optional

from circleci.api import Api
from circleci.environment import MISSING_TOKEN, api_url, project_slug
from circleci.error import CircleCIException, PipelineFailed
from circleci.sdk import SDK

PLACEHOLDER_SLUG = "gh/your-org/your-repo"
"""The project outside a CircleCI job when --project-slug is not given: put yours here."""


def parameter(text: str) -> tuple[str, Any]:
    """Read ``NAME=VALUE``; the value is JSON when it parses (``true``, ``3``), else text."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name, json.loads(value)
    except ValueError:
        return name, value


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """Read the command line; the defaults come from the CircleCI job's environment.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    """
    parser = argparse.ArgumentParser(
        prog="python -m demo.sdk.trigger_and_wait", description="Trigger a pipeline and wait for it to finish."
    )
    parser.add_argument(
        "--project-slug", default=project_slug() or PLACEHOLDER_SLUG, help="gh/org/repo (default: this job's)"
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--branch", default=None, help="branch to build (default: the project's default branch)")
    target.add_argument("--tag", default=None, help="tag to build")
    parser.add_argument(
        "--parameter", type=parameter, action="append", default=[], metavar="NAME=VALUE", help="pipeline parameter"
    )
    parser.add_argument("--interval", type=float, default=15, help="seconds between checks (default 15)")
    parser.add_argument("--timeout", type=float, default=1800, help="give up after this many seconds (default 1800)")
    parser.add_argument("--url", default=api_url(), help="API v1.1 base URL")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    """Trigger the pipeline, wait for it and print its workflows; return the exit status.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    :returns: 0 when no workflow failed, 1 when one failed or the wait or an
        API call failed, 2 when ``CIRCLE_TOKEN`` is not set.
    """
    args = parse_args(argv)
    token = os.environ.get("CIRCLE_TOKEN")
    if not token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    try:
        with Api(token, args.url) as api:
            outcome = SDK(api).trigger_pipeline_and_wait(
                args.project_slug,
                branch=args.branch,
                tag=args.tag,
                parameters=dict(args.parameter) or None,
                interval=args.interval,
                timeout=args.timeout,
            )
    except PipelineFailed as exc:
        print(f"trigger_and_wait: {exc}", file=sys.stderr)
        return 1
    except CircleCIException as exc:
        print(f"trigger_and_wait failed: {exc}", file=sys.stderr)
        return 1
    for workflow in outcome.workflows:
        print(f"{workflow['name']}: {workflow['status']}")
    for workflow in outcome.on_hold:
        print(f"{workflow['name']} is waiting for an approval in the CircleCI app.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
