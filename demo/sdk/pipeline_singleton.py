"""Make a project's pipelines run one at a time (API v2).

Run this early in a CircleCI job: while an earlier pipeline of the same
project still has a running workflow it waits, checking every 15 seconds;
pipelines started after this one are ignored, so two jobs never wait on each
other. The token comes from ``CIRCLE_TOKEN``; the project from
``CIRCLE_PROJECT_USERNAME`` and ``CIRCLE_PROJECT_REPONAME`` and the current
pipeline from ``CIRCLE_PIPELINE_ID``, which CircleCI sets in every job.

    python -m demo.sdk.pipeline_singleton [--project-slug gh/ORG/REPO] [--branch BRANCH]

This file needs nothing but the ``circleci`` package: copied on its own into
any folder, it runs as ``python pipeline_singleton.py``. ``circleci-py pipeline-singleton`` is the same
from the command line.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

from circleci.api import Api
from circleci.environment import MISSING_TOKEN, api_url, project_slug
from circleci.error import CircleCIException
from circleci.sdk import SDK

PLACEHOLDER_SLUG = "gh/your-org/your-repo"
"""The project outside a CircleCI job when --project-slug is not given: put yours here."""


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """Read the command line; the defaults come from the CircleCI job's environment.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    """
    parser = argparse.ArgumentParser(
        prog="python -m demo.sdk.pipeline_singleton",
        description="Wait until no earlier pipeline of the project has a running workflow.",
    )
    parser.add_argument(
        "--project-slug", default=project_slug() or PLACEHOLDER_SLUG, help="gh/org/repo (default: this job's)"
    )
    parser.add_argument("--branch", default=None, help="only wait for pipelines of this branch")
    parser.add_argument("--interval", type=float, default=15, help="seconds between checks (default 15)")
    parser.add_argument("--timeout", type=float, default=None, help="give up after this many seconds")
    parser.add_argument(
        "--lookback", type=float, default=86400, help="seconds back to look for earlier pipelines (default a day)"
    )
    parser.add_argument("--url", default=api_url(), help="API v1.1 base URL")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    """Wait for earlier pipelines of the project; return the exit status.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    :returns: 0 once no earlier pipeline is running, 1 when the wait or an
        API call fails, 2 when ``CIRCLE_TOKEN`` is not set.
    """
    args = parse_args(argv)
    token = os.environ.get("CIRCLE_TOKEN")
    if not token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    try:
        with Api(token, args.url) as api:
            SDK(api).pipeline_singleton(
                args.project_slug,
                branch=args.branch,
                interval=args.interval,
                timeout=args.timeout,
                lookback=args.lookback,
            )
    except CircleCIException as exc:
        print(f"pipeline_singleton failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
