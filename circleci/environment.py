"""What a CircleCI job's environment tells a script: the API URL, the project, the job.

CircleCI sets ``CIRCLE_PROJECT_USERNAME``, ``CIRCLE_PROJECT_REPONAME``,
``CIRCLE_BUILD_NUM``, ``CIRCLE_PIPELINE_ID`` and friends in every job. The
command line (``circleci-py``) and the demos take their defaults from them
through this module, so a script copied into a job needs no settings beyond
``CIRCLE_TOKEN``.

.. versionadded:: 1.3.0
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Optional
from urllib.parse import urlsplit

from .api import DEFAULT_URL

__all__ = ["MISSING_TOKEN", "JOB_VARIABLES", "api_url", "job_value", "project_slug"]

MISSING_TOKEN = (
    "CIRCLE_TOKEN is not set. Create a personal API token in CircleCI (User Settings > Personal API Tokens) "
    "and run: export CIRCLE_TOKEN=<token>."
)
"""What to tell a user who has not set ``CIRCLE_TOKEN``."""

JOB_VARIABLES: dict[str, str] = {
    "username": "CIRCLE_PROJECT_USERNAME",
    "project": "CIRCLE_PROJECT_REPONAME",
    "build_num": "CIRCLE_BUILD_NUM",
    "job_number": "CIRCLE_BUILD_NUM",
    "pipeline_id": "CIRCLE_PIPELINE_ID",
    "workflow_id": "CIRCLE_WORKFLOW_ID",
}
"""Argument names whose value a job's environment gives, and the variable that gives it.

``project_slug`` is not listed: it is built by :func:`project_slug`.
"""


def _environ(env: Optional[Mapping[str, str]]) -> Mapping[str, str]:
    return os.environ if env is None else env


def project_slug(env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The v2 slug of the job's project (``gh/<org>/<repo>``, ``bb/...`` for Bitbucket), or ``None``.

    It is ``None`` outside a job, where ``CIRCLE_PROJECT_USERNAME`` or
    ``CIRCLE_PROJECT_REPONAME`` is missing. GitHub App and GitLab projects
    have an opaque ``circleci/<org-id>/<project-id>`` slug that these
    variables do not give: pass it explicitly for them.

    :param env: the variables to read; default ``os.environ``.
    """
    env = _environ(env)
    org = env.get("CIRCLE_PROJECT_USERNAME")
    repo = env.get("CIRCLE_PROJECT_REPONAME")
    if not org or not repo:
        return None
    vcs = "bb" if "bitbucket.org" in env.get("CIRCLE_REPOSITORY_URL", "") else "gh"
    return f"{vcs}/{org}/{repo}"


def job_value(name: str, env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The job's value for an argument named ``name`` (see :data:`JOB_VARIABLES`), or ``None``.

    ``project_slug`` comes from :func:`project_slug`; any other name not in
    :data:`JOB_VARIABLES`, or a variable that is unset or empty, gives ``None``.

    :param name: an argument name such as ``pipeline_id`` or ``build_num``.
    :param env: the variables to read; default ``os.environ``.
    """
    if name == "project_slug":
        return project_slug(env)
    variable = JOB_VARIABLES.get(name)
    return (_environ(env).get(variable) or None) if variable else None


def api_url(url: Optional[str] = None, env: Optional[Mapping[str, str]] = None) -> str:
    """The API v1.1 base URL to use: ``url``, else ``CIRCLECI_API_URL``, else circleci.com's.

    A bare host such as ``https://circleci.example.com`` (CircleCI server)
    gets ``/api/v1.1`` appended; a URL with a path is used as given. The v2
    and v3 URLs are derived from it as :attr:`Api.v2 <circleci.api.Api.v2>`
    does.

    :param url: the URL given on the command line, if any.
    :param env: the variables to read; default ``os.environ``.
    """
    chosen = url or _environ(env).get("CIRCLECI_API_URL") or DEFAULT_URL
    if urlsplit(chosen).path.strip("/") == "":
        return chosen.rstrip("/") + "/api/v1.1"
    return chosen
