"""The SDK helpers as commands: waits, singletons and artifact downloads.

Each helper is one :class:`Helper` in :data:`HELPERS`: its name, what it
does, the options it adds and a function that runs it with an
:class:`~circleci.sdk.SDK` whose progress goes to standard error. Adding a
helper (as the SDK grows) is one more entry.

Arguments that a CircleCI job's variables give default to them: the project
(``CIRCLE_PROJECT_USERNAME``, ``CIRCLE_PROJECT_REPONAME``), the pipeline
(``CIRCLE_PIPELINE_ID``) and the job number (``CIRCLE_BUILD_NUM``).
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..environment import job_value
from ..error import ArtifactDownloadError
from ..sdk import SDK, Outcome
from . import Failed, Session, UsageError, common_options
from .operations import check_slug

__all__ = ["Helper", "HELPERS", "add_helper_commands", "parameter"]


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


def _wait_pipeline_arguments(parser: argparse.ArgumentParser) -> None:
    _pipeline_argument(parser)
    _wait_options(parser, 1800)


def _wait_pipeline(sdk: SDK, args: argparse.Namespace) -> Any:
    return _finished(sdk.wait_for_pipeline(args.pipeline_id, interval=args.interval, timeout=args.timeout))


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


def _trigger_and_wait(sdk: SDK, args: argparse.Namespace) -> Any:
    outcome = sdk.trigger_pipeline_and_wait(
        _project(args),
        branch=args.branch,
        tag=args.tag,
        parameters=dict(args.parameter) or None,
        interval=args.interval,
        timeout=args.timeout,
        raise_on_failure=False,
    )
    return _finished(outcome)


def _build_singleton_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org", default=job_value("username"), help="org or user name (default: this job's)")
    parser.add_argument("--repo", default=job_value("project"), help="repository name (default: this job's)")
    parser.add_argument("--vcs-type", default="github", help="github (default) or bitbucket")
    _wait_options(parser, None)


def _build_singleton(sdk: SDK, args: argparse.Namespace) -> Any:
    if not args.org or not args.repo:
        raise UsageError(
            "no project: pass --org and --repo, or run inside a CircleCI job "
            "(CIRCLE_PROJECT_USERNAME and CIRCLE_PROJECT_REPONAME)"
        )
    sdk.build_singleton(args.org, args.repo, args.vcs_type, interval=args.interval, timeout=args.timeout)
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


def _safe(name: str) -> str:
    """A workflow or job name as one folder name."""
    return name.replace("/", "_").replace("\\", "_").strip(".") or "_"


def _download_pipeline_artifacts(sdk: SDK, args: argparse.Namespace) -> Any:
    """Every artifact of every job of the pipeline, in ``<dest>/<workflow>/<job>/``."""
    v2 = sdk._v2
    project_slug = v2.get_pipeline_by_id(args.pipeline_id)["project_slug"]
    paths: list[str] = []
    failed: dict[str, str] = {}
    for workflow in v2.iterate(v2.list_workflows_by_pipeline_id, args.pipeline_id):
        for job in v2.iterate(v2.list_workflow_jobs, workflow["id"]):
            if job.get("job_number") is None:  # approval jobs have no number and no artifacts
                continue
            folder = os.path.join(args.dest, _safe(workflow["name"]), _safe(job["name"]))
            try:
                paths += sdk.download_artifacts(
                    project_slug, job["job_number"], folder, pattern=args.pattern, workers=args.workers
                )
            except ArtifactDownloadError as exc:
                paths += exc.downloaded
                failed.update({f"{workflow['name']}/{job['name']}/{path}": why for path, why in exc.failed.items()})
    if failed:
        reasons = "; ".join(f"{path}: {reason}" for path, reason in failed.items())
        raise ArtifactDownloadError(f"{len(failed)} artifacts failed: {reasons}", failed=failed, downloaded=paths)
    return paths


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
        "download every artifact of every job of a pipeline, into WORKFLOW/JOB folders",
        _download_pipeline_artifacts_arguments,
        _download_pipeline_artifacts,
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
