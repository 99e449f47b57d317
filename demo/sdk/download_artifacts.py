"""Download every artifact of a job (API v2), keeping their folders.

Fetches the job's artifacts (every page) in parallel into a local folder,
each at its path relative to the job, and prints the files written. Run it
in a later job of a workflow to collect what an earlier job stored, or on
your machine with ``--job-number``. The token comes from ``CIRCLE_TOKEN``;
the project and job number default to the job's own (``CIRCLE_BUILD_NUM``).

    python -m demo.sdk.download_artifacts [--project-slug gh/ORG/REPO] [--job-number N] [--dest DIR] [--pattern GLOB]

This file needs nothing but the ``circleci`` package: copied on its own into
any folder, it runs as ``python download_artifacts.py``. ``circleci-py download-artifacts`` is the same
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
from circleci.sdk import SDK, ArtifactDownloadError

PLACEHOLDER_SLUG = "gh/your-org/your-repo"
"""The project outside a CircleCI job when --project-slug is not given: put yours here."""

MISSING_JOB = "No job number: pass --job-number, or run inside a CircleCI job (CIRCLE_BUILD_NUM)."


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """Read the command line; the defaults come from the CircleCI job's environment.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    """
    parser = argparse.ArgumentParser(
        prog="python -m demo.sdk.download_artifacts", description="Download every artifact of a job."
    )
    parser.add_argument(
        "--project-slug", default=project_slug() or PLACEHOLDER_SLUG, help="gh/org/repo (default: this job's)"
    )
    parser.add_argument(
        "--job-number", default=os.environ.get("CIRCLE_BUILD_NUM") or None, help="default: CIRCLE_BUILD_NUM"
    )
    parser.add_argument("--dest", default="artifacts", help="folder to write to (default ./artifacts)")
    parser.add_argument("--pattern", default=None, help="only artifacts whose path matches this glob, e.g. '*.xml'")
    parser.add_argument("--workers", type=int, default=8, help="files downloaded at once (default 8)")
    parser.add_argument("--url", default=api_url(), help="API v1.1 base URL")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    """Download the job's artifacts and print the files written; return the exit status.

    :param argv: the arguments, without the program name; ``None`` reads ``sys.argv``.
    :returns: 0 when every file was written, 1 when one failed or an API
        call failed, 2 when ``CIRCLE_TOKEN`` or the job number is missing.
    """
    args = parse_args(argv)
    token = os.environ.get("CIRCLE_TOKEN")
    if not token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    if not args.job_number:
        print(MISSING_JOB, file=sys.stderr)
        return 2
    try:
        with Api(token, args.url) as api:
            paths = SDK(api).download_artifacts(
                args.project_slug, args.job_number, args.dest, pattern=args.pattern, workers=args.workers
            )
    except ArtifactDownloadError as exc:
        print("\n".join(exc.downloaded))
        print(f"download_artifacts: {exc}", file=sys.stderr)
        return 1
    except CircleCIException as exc:
        print(f"download_artifacts failed: {exc}", file=sys.stderr)
        return 1
    print("\n".join(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
