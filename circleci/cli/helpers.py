"""The SDK helpers as commands: waits, singletons, lookups, artifacts, logs and settings.

Each helper is one :class:`Helper` in :data:`HELPERS`: its name, what it
does, the options it adds and a function that runs it with an
:class:`~circleci.sdk.SDK` whose progress goes to standard error. Adding a
helper (as the SDK grows) is one more entry.

Arguments that a CircleCI job's variables give default to them: the project
(``CIRCLE_PROJECT_USERNAME``, ``CIRCLE_PROJECT_REPONAME``), the pipeline
(``CIRCLE_PIPELINE_ID``), the job number (``CIRCLE_BUILD_NUM``), the commit
(``CIRCLE_SHA1``, for ``find-pipeline``) and the branch (``CIRCLE_BRANCH``,
for ``cancel-redundant-workflows``).

The two sync commands never take a value on the command line (where ``ps``,
shell history and CircleCI's step output would show it): ``--env NAME``
reads it from this process's environment, ``--from-file`` from a file of
``NAME=VALUE`` lines. Only names are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..environment import job_value
from ..sdk import ON_HOLD_CHOICES, SDK, Outcome
from . import Failed, Session, UsageError, common_options
from .operations import check_slug

__all__ = ["Helper", "HELPERS", "add_helper_commands", "parameter", "read_variables"]


@dataclass(frozen=True)
class Helper:
    """A helper command.

    :ivar name: the command's name, e.g. ``"trigger-and-wait"``.
    :ivar help: one line for ``--help``.
    :ivar arguments: adds the command's own arguments to its parser.
    :ivar run: does the work with an SDK and the parsed arguments; returns
        the JSON result (``None`` prints nothing) or raises.
    """

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[SDK, argparse.Namespace], Any]


# -- arguments shared by several helpers ---------------------------------------


def _project_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project-slug",
        default=job_value("project_slug"),
        help="gh/org/repo, or circleci/<org-id>/<project-id> (default: this job's project)",
    )


def _wait_options(parser: argparse.ArgumentParser, timeout: Optional[float]) -> None:
    parser.add_argument("--interval", type=float, default=15, help="seconds between checks (default 15)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=timeout,
        help=f"give up after this many seconds, exit status 3 (default {timeout:g})"
        if timeout is not None
        else "give up after this many seconds, exit status 3 (default: wait as long as it takes)",
    )


def _download_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dest", default="artifacts", help="folder to write to (default ./artifacts)")
    parser.add_argument("--pattern", default=None, help="only artifacts whose path matches this glob, e.g. '*.xml'")
    parser.add_argument("--workers", type=int, default=8, help="files downloaded at once (default 8)")


def _pipeline_argument(parser: argparse.ArgumentParser) -> None:
    from_job = job_value("pipeline_id")
    parser.add_argument(
        "pipeline_id",
        metavar="PIPELINE_ID",
        nargs="?" if from_job else None,
        default=from_job,
        help="the pipeline's UUID" + (f" (default from this job: {from_job})" if from_job else ""),
    )


def _project(args: argparse.Namespace) -> str:
    """The ``--project-slug`` given or taken from the job; a usage error when there is neither."""
    if not args.project_slug:
        raise UsageError(
            "no project: pass --project-slug gh/your-org/your-repo, or run inside a CircleCI job "
            "(CIRCLE_PROJECT_USERNAME and CIRCLE_PROJECT_REPONAME)"
        )
    return check_slug("--project-slug", args.project_slug)


def parameter(text: str) -> tuple[str, Any]:
    """Read a ``NAME=VALUE`` pipeline parameter; the value is JSON when it parses (``true``, ``3``), else text."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name, json.loads(value)
    except ValueError:
        return name, value


def _outcome(outcome: Outcome) -> dict[str, Any]:
    """A pipeline's :class:`~circleci.sdk.Outcome` as JSON."""
    return {
        "pipeline": outcome.pipeline,
        "workflows": outcome.workflows,
        "failed": outcome.failed,
        "on_hold": outcome.on_hold,
    }


def _finished(outcome: Outcome) -> dict[str, Any]:
    """The outcome's JSON; :class:`~circleci.cli.Failed` when a workflow failed."""
    result = _outcome(outcome)
    if outcome.failed:
        names = ", ".join(f"{wf.get('name')} {wf.get('status')}" for wf in outcome.failed)
        raise Failed(f"pipeline {outcome.pipeline.get('number')} failed: {names}", result)
    return result


# -- the helpers ---------------------------------------------------------------


def _on_hold_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on-hold",
        choices=ON_HOLD_CHOICES,
        default="return",
        help="a workflow waiting for an approval: return when the others finished (default), wait for the "
        "approval, or fail (exit status 1)",
    )


def _wait_pipeline_arguments(parser: argparse.ArgumentParser) -> None:
    _pipeline_argument(parser)
    _wait_options(parser, 1800)
    _on_hold_option(parser)


def _wait_pipeline(sdk: SDK, args: argparse.Namespace) -> Any:
    outcome = sdk.wait_for_pipeline(
        args.pipeline_id, interval=args.interval, timeout=args.timeout, on_hold=args.on_hold
    )
    return _finished(outcome)


def _trigger_and_wait_arguments(parser: argparse.ArgumentParser) -> None:
    _project_option(parser)
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--branch", default=None, help="branch to build (default: the project's default branch)")
    target.add_argument("--tag", default=None, help="tag to build")
    parser.add_argument(
        "--parameter",
        type=parameter,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="pipeline parameter; may be repeated",
    )
    _wait_options(parser, 1800)
    _on_hold_option(parser)


def _trigger_and_wait(sdk: SDK, args: argparse.Namespace) -> Any:
    outcome = sdk.trigger_pipeline_and_wait(
        _project(args),
        branch=args.branch,
        tag=args.tag,
        parameters=dict(args.parameter) or None,
        interval=args.interval,
        timeout=args.timeout,
        raise_on_failure=False,
        on_hold=args.on_hold,
    )
    return _finished(outcome)


def _build_singleton_arguments(parser: argparse.ArgumentParser) -> None:
    _v1_project_options(parser)
    _wait_options(parser, None)


def _build_singleton(sdk: SDK, args: argparse.Namespace) -> Any:
    org, repo = _v1_project(args)
    sdk.build_singleton(org, repo, args.vcs_type, interval=args.interval, timeout=args.timeout)
    return None


def _pipeline_singleton_arguments(parser: argparse.ArgumentParser) -> None:
    _project_option(parser)
    parser.add_argument("--branch", default=None, help="only wait for pipelines of this branch")
    parser.add_argument(
        "--lookback", type=float, default=86400, help="seconds back to look for earlier pipelines (default a day)"
    )
    _wait_options(parser, None)


def _pipeline_singleton(sdk: SDK, args: argparse.Namespace) -> Any:
    sdk.pipeline_singleton(
        _project(args), branch=args.branch, interval=args.interval, timeout=args.timeout, lookback=args.lookback
    )
    return None


def _download_artifacts_arguments(parser: argparse.ArgumentParser) -> None:
    _project_option(parser)
    parser.add_argument(
        "--job-number", default=job_value("job_number"), help="the job's number (default: CIRCLE_BUILD_NUM)"
    )
    _download_options(parser)


def _download_artifacts(sdk: SDK, args: argparse.Namespace) -> Any:
    if not args.job_number:
        raise UsageError("no job number: pass --job-number, or run inside a CircleCI job (CIRCLE_BUILD_NUM)")
    return sdk.download_artifacts(
        _project(args), args.job_number, args.dest, pattern=args.pattern, workers=args.workers
    )


def _download_pipeline_artifacts_arguments(parser: argparse.ArgumentParser) -> None:
    _pipeline_argument(parser)
    _download_options(parser)
    parser.add_argument(
        "--flat",
        action="store_true",
        help="no folder per job: every file straight under --dest (two files of the same path are refused)",
    )


def _download_pipeline_artifacts(sdk: SDK, args: argparse.Namespace) -> Any:
    """Every artifact of every job of the pipeline, in ``<dest>/<job>/`` (or ``<dest>/`` with ``--flat``)."""
    return sdk.download_pipeline_artifacts(
        args.pipeline_id, args.dest, pattern=args.pattern, workers=args.workers, flat=args.flat
    )


def _job_environment(name: str) -> Optional[str]:
    """A variable CircleCI sets in a job (``CIRCLE_SHA1``, ``CIRCLE_BRANCH``), or ``None`` when unset or empty."""
    return os.environ.get(name) or None


def _latest_job_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("job_name", metavar="JOB_NAME", help="the job's name, as in the config")
    _project_option(parser)
    parser.add_argument("--branch", default=None, help="only jobs of pipelines of this branch")
    parser.add_argument(
        "--status", default="success", help="only jobs with this status (default success); 'any' for every status"
    )


def _latest_job(sdk: SDK, args: argparse.Namespace) -> Any:
    status = None if args.status == "any" else args.status
    found = sdk.latest_job(_project(args), args.job_name, branch=args.branch, status=status)
    if found is None:
        what = f"{status} " if status is not None else ""
        where = f" on {args.branch}" if args.branch else ""
        raise Failed(f"no {what}{args.job_name} job found in the pipelines of {args.project_slug}{where}", None)
    return {"number": found.number, "job": found.job, "workflow": found.workflow, "pipeline": found.pipeline}


def _find_pipeline_arguments(parser: argparse.ArgumentParser) -> None:
    _project_option(parser)
    sha = _job_environment("CIRCLE_SHA1")
    parser.add_argument(
        "--revision",
        default=sha,
        help="the commit's SHA, full or abbreviated" + (f" (default CIRCLE_SHA1: {sha})" if sha else ""),
    )
    parser.add_argument("--branch", default=None, help="only pipelines of this branch")
    _wait_options(parser, 300)


def _find_pipeline(sdk: SDK, args: argparse.Namespace) -> Any:
    if not args.revision:
        raise UsageError("no commit: pass --revision SHA, or run inside a CircleCI job (CIRCLE_SHA1)")
    return sdk.find_pipeline(
        _project(args), revision=args.revision, branch=args.branch, timeout=args.timeout, interval=args.interval
    )


def _cancel_redundant_arguments(parser: argparse.ArgumentParser) -> None:
    _project_option(parser)
    branch = _job_environment("CIRCLE_BRANCH")
    parser.add_argument(
        "--branch",
        default=branch,
        help="the branch whose earlier pipelines are cancelled"
        + (f" (default CIRCLE_BRANCH: {branch})" if branch else ""),
    )
    parser.add_argument(
        "--keep",
        default=None,
        metavar="PIPELINE_ID",
        help="the pipeline to keep (default: this job's, CIRCLE_PIPELINE_ID, else the newest of the branch)",
    )
    parser.add_argument(
        "--lookback", type=float, default=86400, help="seconds back to look for earlier pipelines (default a day)"
    )


def _cancel_redundant(sdk: SDK, args: argparse.Namespace) -> Any:
    if not args.branch:
        raise UsageError("no branch: pass --branch, or run inside a CircleCI job (CIRCLE_BRANCH)")
    return sdk.cancel_redundant_workflows(_project(args), args.branch, keep=args.keep, lookback=args.lookback)


def _v1_project_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org", default=job_value("username"), help="org or user name (default: this job's)")
    parser.add_argument("--repo", default=job_value("project"), help="repository name (default: this job's)")
    parser.add_argument("--vcs-type", default="github", help="github (default) or bitbucket")


def _v1_project(args: argparse.Namespace) -> tuple[str, str]:
    """``--org`` and ``--repo``, given or taken from the job; a usage error when either is missing."""
    if not args.org or not args.repo:
        raise UsageError(
            "no project: pass --org and --repo, or run inside a CircleCI job "
            "(CIRCLE_PROJECT_USERNAME and CIRCLE_PROJECT_REPONAME)"
        )
    return args.org, args.repo


def _job_number_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--job-number",
        "--build-num",
        dest="job_number",
        default=job_value("job_number"),
        help="the job's (v1.1 build's) number (default: CIRCLE_BUILD_NUM)",
    )


def _job_number(args: argparse.Namespace) -> str:
    if not args.job_number:
        raise UsageError("no job number: pass --job-number, or run inside a CircleCI job (CIRCLE_BUILD_NUM)")
    return str(args.job_number)


def _failed_steps_arguments(parser: argparse.ArgumentParser) -> None:
    _v1_project_options(parser)
    _job_number_option(parser)


def _failed_steps(sdk: SDK, args: argparse.Namespace) -> Any:
    org, repo = _v1_project(args)
    steps = sdk.failed_steps(org, repo, _job_number(args), args.vcs_type)
    return [
        {
            "name": step.name,
            "index": step.index,
            "status": step.status,
            "exit_code": step.exit_code,
            "output": step.output,
        }
        for step in steps
    ]


def _job_log_arguments(parser: argparse.ArgumentParser) -> None:
    _v1_project_options(parser)
    _job_number_option(parser)
    parser.add_argument("--step", default=None, help="only this step, by its name (e.g. 'Checkout code')")


def _job_log(sdk: SDK, args: argparse.Namespace) -> Any:
    org, repo = _v1_project(args)
    text = sdk.job_log(org, repo, _job_number(args), step=args.step, vcs_type=args.vcs_type)
    return text.encode("utf-8")


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _env_name(text: str) -> str:
    """A variable name for ``--env``; anything else is refused without being echoed (it may be a value)."""
    if not _NAME.fullmatch(text):
        raise argparse.ArgumentTypeError(
            "expected a variable name: --env NAME reads the value from the environment variable NAME "
            "(never put a value on the command line)"
        )
    return text


def _sync_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--env",
        type=_env_name,
        action="append",
        default=[],
        metavar="NAME",
        help="set NAME to the value of the environment variable NAME; may be repeated",
    )
    parser.add_argument(
        "--from-file",
        default=None,
        metavar="PATH",
        help="read NAME=VALUE lines from this file ('-' for standard input); blank lines and '#' comments skipped",
    )
    parser.add_argument("--delete-missing", action="store_true", help="also delete the variables that are not given")


def _parse_lines(text: str, where: str) -> dict[str, str]:
    """``NAME=VALUE`` lines; errors name the line, never its value."""
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition("=")
        name = name.strip()
        if not sep or not _NAME.fullmatch(name):
            raise UsageError(f"{where}, line {number}: expected NAME=VALUE")
        if name in found:
            raise UsageError(f"{where}, line {number}: {name} is given twice")
        found[name] = value
    return found


def read_variables(names: list[str], path: Optional[str]) -> dict[str, str]:
    """The variables a sync command sets: from ``--env`` names and a ``--from-file`` file.

    Values never appear in an error message: a missing environment variable
    or a bad line is named by its name or line number.

    :param names: variables whose value is that of the environment
        variable of the same name.
    :param path: a file of ``NAME=VALUE`` lines (the value is everything
        after the first ``=``, kept as it is), ``-`` for standard input, or
        ``None``.
    :raises UsageError: for an unset environment variable, a bad line, a
        name given twice, an empty value, or no variable at all.
    """
    variables: dict[str, str] = {}
    if path is not None:
        where = "standard input" if path == "-" else path
        try:
            text = sys.stdin.read() if path == "-" else _read_text(path)
        except OSError as exc:
            raise UsageError(f"cannot read {where}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise UsageError(f"cannot read {where}: it is not UTF-8 text") from None
        variables = _parse_lines(text, where)
    for name in names:
        if name in variables:
            raise UsageError(f"{name} is given twice")
        value = os.environ.get(name)
        if value is None:
            raise UsageError(f"--env {name}: the environment variable {name} is not set")
        variables[name] = value
    if not variables:
        raise UsageError("no variables: pass --env NAME (repeatable) or --from-file PATH")
    empty = sorted(name for name, value in variables.items() if not value)
    if empty:
        raise UsageError(f"CircleCI refuses empty values: {', '.join(empty)}")
    return variables


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8") as file:
        return file.read()


def _report(report: Any) -> dict[str, list[str]]:
    return {"created": report.created, "updated": report.updated, "deleted": report.deleted}


def _sync_context_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="CONTEXT", help="the context's name")
    org = job_value("username")
    parser.add_argument(
        "--owner",
        default=f"gh/{org}" if org else None,
        help="the organization: its slug (gh/org) or id (a UUID)"
        + (f" (default: this job's, gh/{org})" if org else ""),
    )
    _sync_options(parser)


def _sync_context(sdk: SDK, args: argparse.Namespace) -> Any:
    if not args.owner:
        raise UsageError("no organization: pass --owner gh/your-org (or its id), or run inside a CircleCI job")
    variables = read_variables(args.env, args.from_file)
    return _report(sdk.sync_context(args.owner, args.name, variables, delete_missing=args.delete_missing))


def _sync_project_env_arguments(parser: argparse.ArgumentParser) -> None:
    _project_option(parser)
    _sync_options(parser)


def _sync_project_env(sdk: SDK, args: argparse.Namespace) -> Any:
    project = _project(args)
    variables = read_variables(args.env, args.from_file)
    return _report(sdk.sync_project_env(project, variables, delete_missing=args.delete_missing))


HELPERS: list[Helper] = [
    Helper(
        "wait-pipeline",
        "wait until every workflow of a pipeline has finished; exit 1 if one failed",
        _wait_pipeline_arguments,
        _wait_pipeline,
    ),
    Helper(
        "trigger-and-wait",
        "trigger a pipeline and wait for it; exit 1 if a workflow failed",
        _trigger_and_wait_arguments,
        _trigger_and_wait,
    ),
    Helper(
        "build-singleton",
        "wait until no other build of the project is running (API v1.1)",
        _build_singleton_arguments,
        _build_singleton,
    ),
    Helper(
        "pipeline-singleton",
        "wait until no earlier pipeline of the project is running (API v2; recommended)",
        _pipeline_singleton_arguments,
        _pipeline_singleton,
    ),
    Helper(
        "download-artifacts",
        "download every artifact of a job, keeping their folders",
        _download_artifacts_arguments,
        _download_artifacts,
    ),
    Helper(
        "download-pipeline-artifacts",
        "download every artifact of every job of a pipeline, into a folder per job (or --flat)",
        _download_pipeline_artifacts_arguments,
        _download_pipeline_artifacts,
    ),
    Helper(
        "latest-job",
        "the newest job of a name (successful by default) and its number; exit 1 if there is none",
        _latest_job_arguments,
        _latest_job,
    ),
    Helper(
        "find-pipeline",
        "the pipeline built for a commit, waiting until CircleCI has created it; exit 3 if it never comes",
        _find_pipeline_arguments,
        _find_pipeline,
    ),
    Helper(
        "cancel-redundant-workflows",
        "cancel the running and on-hold workflows of earlier pipelines of a branch",
        _cancel_redundant_arguments,
        _cancel_redundant,
    ),
    Helper(
        "failed-steps",
        "the failed steps of a job with what they printed",
        _failed_steps_arguments,
        _failed_steps,
    ),
    Helper(
        "job-log",
        "print what a job (or one --step of it) printed, as text",
        _job_log_arguments,
        _job_log,
    ),
    Helper(
        "sync-context",
        "make a context (created if missing) hold these variables; values from the environment or a file",
        _sync_context_arguments,
        _sync_context,
    ),
    Helper(
        "sync-project-env",
        "make a project's environment variables these; values from the environment or a file",
        _sync_project_env_arguments,
        _sync_project_env,
    ),
]
"""The helper commands, in the order ``--help`` lists them."""


def _runner(helper: Helper) -> Callable[[argparse.Namespace, Session], Any]:
    def run(args: argparse.Namespace, session: Session) -> Any:
        return helper.run(SDK(session.api, logger=session.logger), args)

    return run


def add_helper_commands(commands: Any) -> None:
    """Add a command per entry of :data:`HELPERS`."""
    for helper in HELPERS:
        parser = commands.add_parser(
            helper.name, help=helper.help, description=helper.help[:1].upper() + helper.help[1:]
        )
        helper.arguments(parser)
        common_options(parser, top=False)
        parser.set_defaults(run=_runner(helper))
