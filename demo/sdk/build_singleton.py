"""Make a project's builds run one at a time.

Run this early in a CircleCI job: while other builds of the same project are
running it waits, checking every 15 seconds; once none are left the job goes
on. The token comes from ``CIRCLE_TOKEN``; the organisation and repository
from ``CIRCLE_PROJECT_USERNAME`` and ``CIRCLE_PROJECT_REPONAME``, which
CircleCI sets in every job, or from the constants below.

    python -m demo.sdk.build_singleton [--org ORG] [--repo REPO]

This file needs nothing but the ``circleci`` package: copied on its own into
any folder, it runs as ``python build_singleton.py``. ``circleci-py build-singleton`` is the same
from the command line.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

from circleci.api import DEFAULT_URL, Api
from circleci.error import CircleCIException
from circleci.sdk import SDK

ORG = "your-org"
REPO = "your-repo"

MISSING_TOKEN = (
    "CIRCLE_TOKEN is not set. Create a personal API token in CircleCI (User Settings > Personal API Tokens) "
    "and run: export CIRCLE_TOKEN=<token>. Outside a CircleCI job also set CIRCLE_PROJECT_USERNAME and "
    "CIRCLE_PROJECT_REPONAME, or pass --org and --repo."
)


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """Read the command line; the defaults come from the CircleCI job's environment.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    """
    parser = argparse.ArgumentParser(
        prog="python -m demo.sdk.build_singleton", description="Wait until no other build of the project is running."
    )
    parser.add_argument("--org", default=os.environ.get("CIRCLE_PROJECT_USERNAME") or ORG, help="org or user name")
    parser.add_argument("--repo", default=os.environ.get("CIRCLE_PROJECT_REPONAME") or REPO, help="repository name")
    parser.add_argument("--vcs-type", default="github", help="github (default) or bitbucket")
    parser.add_argument("--interval", type=float, default=15, help="seconds between checks (default 15)")
    parser.add_argument("--timeout", type=float, default=None, help="give up after this many seconds")
    parser.add_argument("--url", default=os.environ.get("CIRCLECI_API_URL") or DEFAULT_URL, help="API v1.1 base URL")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    """Wait until no other build of the project is running; return the exit status.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    :returns: 0 once no other build is running, 1 when the wait or an API
        call fails, 2 when ``CIRCLE_TOKEN`` is not set.
    """
    args = parse_args(argv)
    token = os.environ.get("CIRCLE_TOKEN")
    if not token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    try:
        with Api(token, args.url) as api:
            SDK(api).build_singleton(args.org, args.repo, args.vcs_type, interval=args.interval, timeout=args.timeout)
    except CircleCIException as exc:
        print(f"build_singleton failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
