"""What the API v2 demos read from the CircleCI job they run in."""

from __future__ import annotations

import os

ORG = "your-org"
REPO = "your-repo"

MISSING_TOKEN = (
    "CIRCLE_TOKEN is not set. Create a personal API token in CircleCI (User Settings > Personal API Tokens) "
    "and run: export CIRCLE_TOKEN=<token>."
)


def default_project_slug() -> str:
    """``gh/<org>/<repo>`` (``bb/...`` for Bitbucket) of the job this runs in, from CircleCI's variables.

    GitHub App and GitLab projects have an opaque ``circleci/<org-id>/<project-id>``
    slug that these variables do not give: pass ``--project-slug`` for them.
    """
    org = os.environ.get("CIRCLE_PROJECT_USERNAME") or ORG
    repo = os.environ.get("CIRCLE_PROJECT_REPONAME") or REPO
    vcs = "bb" if "bitbucket.org" in os.environ.get("CIRCLE_REPOSITORY_URL", "") else "gh"
    return f"{vcs}/{org}/{repo}"
