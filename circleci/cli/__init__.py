"""``circleci-py`` and ``python -m circleci``: the SDK helpers and every API operation as commands.

Two kinds of command:

* helpers (:mod:`circleci.cli.helpers`), such as ``circleci-py
  trigger-and-wait --branch main``, with exit codes a CircleCI job can act on;
* one command per API operation (:mod:`circleci.cli.operations`), generated
  from the clients' method signatures: ``circleci-py v2 get-current-user``,
  ``circleci-py v2 list-pipelines-for-project gh/org/repo --all``,
  ``circleci-py v1 get-build-info org repo 5``.

Results are JSON on standard output; progress and errors go to standard
error. The token comes from ``CIRCLE_TOKEN``, the API URL from ``--url`` or
``CIRCLECI_API_URL``, and arguments a job's ``CIRCLE_*`` variables give (the
project, the pipeline, the job number) default to them.

.. versionadded:: 1.3.0
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterator
from typing import Any, Callable, Optional

import requests

from ..api import Api
from ..environment import api_url
from ..error import (
    ArtifactDownloadError,
    CircleCIConnectionError,
    CircleCIException,
    CircleCIHTTPError,
    Forbidden,
    InvalidArgumentError,
    NotFound,
    PipelineError,
    PipelineFailed,
    RateLimited,
    Unauthorized,
    WaitTimeout,
)
from ..sdk import CancelError
from ..version import VERSION

__all__ = [
    "EXIT_OK",
    "EXIT_FAILED",
    "EXIT_USAGE",
    "EXIT_TIMEOUT",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "UsageError",
    "Failed",
    "Session",
    "build_parser",
    "common_options",
    "explain",
    "print_json",
    "main",
]

EXIT_OK = 0
"""The command did what it was asked (a wait ended with nothing failed)."""
EXIT_FAILED = 1
"""The pipeline or workflow waited for failed, errored or was canceled; or a lookup found nothing (``latest-job``)."""
EXIT_USAGE = 2
"""The command line was wrong: an unknown option, a missing argument, a bad value."""
EXIT_TIMEOUT = 3
"""A wait gave up after its ``--timeout``."""
EXIT_ERROR = 4
"""The API refused the request (401, 404, ...), could not be reached, or a download failed."""
EXIT_INTERRUPTED = 130
"""Stopped with Ctrl-C."""

PROG = "circleci-py"

EPILOG = f"""\
exit status:
  {EXIT_OK}    success
  {EXIT_FAILED}    the pipeline waited for failed (a workflow failed, errored or was canceled),
       or nothing was found (latest-job)
  {EXIT_USAGE}    usage error (bad option or value, missing argument)
  {EXIT_TIMEOUT}    a wait timed out
  {EXIT_ERROR}    API error (401, 404, ...), network error, failed download or refused cancel
  {EXIT_INTERRUPTED}  interrupted

environment:
  CIRCLE_TOKEN        your personal API token (sent as the Circle-Token header)
  CIRCLECI_API_URL    API base URL, e.g. https://circleci.example.com/api/v1.1 (same as --url)
  CIRCLE_PROJECT_USERNAME, CIRCLE_PROJECT_REPONAME, CIRCLE_BUILD_NUM, CIRCLE_PIPELINE_ID,
  CIRCLE_WORKFLOW_ID, CIRCLE_SHA1, CIRCLE_BRANCH
                      set by CircleCI in every job; they give the defaults of the arguments
                      of the same meaning (project, job number, pipeline, workflow, commit
                      for find-pipeline, branch for cancel-redundant-workflows)

Results are JSON on stdout; progress and errors go to stderr."""


class UsageError(CircleCIException):
    """A command-line value that cannot work; reported with exit status :data:`EXIT_USAGE`."""

    def __init__(self, message: str) -> None:
        super().__init__(None)
        self.message = message

    def __str__(self) -> str:
        return self.message or ""


class Failed(Exception):
    """What a helper waited for failed; ``output`` is still printed, the exit status is :data:`EXIT_FAILED`.

    :param message: what failed, for standard error.
    :param output: the JSON result to print on standard output anyway.
    """

    def __init__(self, message: str, output: Any) -> None:
        super().__init__(message)
        self.output = output


Runner = Callable[[argparse.Namespace, "Session"], Any]
"""What a command does: given its arguments and a :class:`Session`, return the JSON result (``None``: print nothing)."""


class Session:
    """The client, logger and output of one run of the command line.

    :param args: the parsed command line (``url`` and ``quiet`` are read).
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.url = api_url(getattr(args, "url", None))
        self.logger = logging.Logger(PROG)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        self.logger.addHandler(handler)
        self.logger.setLevel(logging.WARNING if getattr(args, "quiet", False) else logging.INFO)
        self._api: Optional[Api] = None

    @property
    def api(self) -> Api:
        """The v1.1 client (token from ``CIRCLE_TOKEN``); ``.v2`` and the others share it."""
        if self._api is None:
            self._api = Api(None, self.url)
        return self._api

    def close(self) -> None:
        """Close the client's connections, if one was made."""
        if self._api is not None:
            self._api.close()


def print_json(value: Any) -> None:
    """Write ``value`` on standard output: bytes (a job's output) as they are, anything else as indented JSON.

    An iterator (API v3's test results, read as a stream) is written as the
    JSON list of its items.
    """
    if isinstance(value, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(value)
        sys.stdout.buffer.flush()
        return
    if isinstance(value, Iterator):
        value = list(value)
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def common_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Add ``--url`` and ``--quiet`` to a parser.

    On the top-level parser they have defaults; on a command's parser they
    are suppressed unless given, so ``circleci-py --url U v2 ...`` and
    ``circleci-py v2 ... --url U`` both work.
    """
    default: Any = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--url",
        default=default,
        help="API base URL: CircleCI server's https://HOST/api/v1.1, or just https://HOST "
        "(default: CIRCLECI_API_URL, else https://circleci.com/api/v1.1)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=False if top else argparse.SUPPRESS, help="no progress on stderr"
    )


def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    """The whole command line: the helper commands and one group per API version."""
    from .helpers import add_helper_commands
    from .operations import add_operation_groups

    parser = argparse.ArgumentParser(
        prog=prog,
        description="CircleCI from the command line: wait for pipelines, download artifacts, "
        "and call any API operation. Token from CIRCLE_TOKEN.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {VERSION}")
    common_options(parser, top=True)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command", required=True)
    add_helper_commands(commands)
    add_operation_groups(commands)
    return parser


def explain(exc: BaseException) -> tuple[int, str]:
    """The exit status and the message (with what to do) for a failure.

    :param exc: what was raised while running a command.
    """
    if isinstance(exc, Failed):
        return EXIT_FAILED, str(exc)
    if isinstance(exc, (PipelineFailed, PipelineError)):
        return EXIT_FAILED, str(exc)
    if isinstance(exc, WaitTimeout):
        return EXIT_TIMEOUT, f"{exc} (raise --timeout to wait longer)"
    if isinstance(exc, (UsageError, InvalidArgumentError)):
        return EXIT_USAGE, str(exc)
    if isinstance(exc, CircleCIHTTPError):
        return EXIT_ERROR, f"{exc}: {_http_hint(exc)}"
    if isinstance(exc, CircleCIConnectionError):
        return EXIT_ERROR, f"{exc}: check the URL (--url or CIRCLECI_API_URL) and the network"
    if isinstance(exc, ArtifactDownloadError):
        return EXIT_ERROR, f"{exc}; the other files were written"
    if isinstance(exc, CancelError):
        return EXIT_ERROR, f"{exc}; the others were cancelled"
    return EXIT_ERROR, str(exc) or type(exc).__name__


def _http_hint(exc: CircleCIHTTPError) -> str:
    """What to do about an HTTP error."""
    if isinstance(exc, Unauthorized):
        if not os.environ.get("CIRCLE_TOKEN"):
            return "no token was sent: set CIRCLE_TOKEN to a personal API token (User Settings > Personal API Tokens)"
        return "CircleCI refused the token in CIRCLE_TOKEN: check that it is a personal API token for this host"
    if isinstance(exc, NotFound):
        return "check the names (project slugs are case-sensitive: gh/org/repo) and that your token can see the project"
    if isinstance(exc, Forbidden):
        return "your token is not allowed to do this: check your role in the organization"
    if isinstance(exc, RateLimited):
        wait = f" after {exc.retry_after:g} seconds" if exc.retry_after is not None else " later"
        return f"CircleCI is rate limiting this token: try again{wait}"
    if exc.status_code >= 500:
        return "CircleCI failed to answer: try again later"
    return "CircleCI refused the request as sent: check the arguments (see --help)"


def _partial_output(exc: BaseException) -> Any:
    """What a command got done before it failed, printed anyway: ``None`` when there is nothing."""
    if isinstance(exc, Failed):
        return exc.output
    if isinstance(exc, ArtifactDownloadError):
        return exc.downloaded
    if isinstance(exc, CancelError):
        return exc.cancelled
    return None


def _exit_code(code: object) -> int:
    """An ``argparse`` ``SystemExit`` code as an exit status."""
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_USAGE


def main(argv: Optional[list[str]] = None, *, prog: str = PROG) -> int:
    """Run the command line and return its exit status (see :data:`EXIT_OK` and the others).

    :param argv: the arguments without the program name; ``None`` reads ``sys.argv``.
    :param prog: the program's name in help and error messages.
    """
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return _exit_code(exc.code)
    session = Session(args)
    try:
        result = args.run(args, session)
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (CircleCIException, Failed, requests.RequestException) as exc:
        status, message = explain(exc)
        output = _partial_output(exc)
        if output is not None:
            print_json(output)
        print(f"{prog}: error: {message}" if status != EXIT_FAILED else f"{prog}: {message}", file=sys.stderr)
        return status
    finally:
        session.close()
    if result is not None:
        print_json(result)
    return EXIT_OK
