"""Read-only calls against circleci.com.

They run only when both ``CIRCLE_TOKEN`` and ``CIRCLE_TEST_PROJECT``
(``gh/org/repo``) are set, and are skipped otherwise (as in CI). The
variables are read when this module is imported, because the suite's
autouse fixture removes them from the environment of every test.
"""

from __future__ import annotations

import os

import pytest

from circleci.api import Api

TOKEN = os.environ.get("CIRCLE_TOKEN", "")
PROJECT = os.environ.get("CIRCLE_TEST_PROJECT", "")
PROJECT_PARTS = PROJECT.split("/")

pytestmark = [
    pytest.mark.skipif(
        not (TOKEN and PROJECT),
        reason="live tests need CIRCLE_TOKEN and CIRCLE_TEST_PROJECT (form gh/org/repo) to be set",
    ),
    pytest.mark.skipif(
        bool(PROJECT) and (len(PROJECT_PARTS) != 3 or not all(PROJECT_PARTS)),
        reason=f"CIRCLE_TEST_PROJECT must have the form gh/org/repo, not {PROJECT!r}",
    ),
]


def test_get_user_info() -> None:
    with Api(TOKEN) as api:
        user = api.get_user_info()

    assert isinstance(user, dict)
    assert user.get("login")


def test_get_project_build_summary() -> None:
    vcs_type, org, repo = PROJECT_PARTS
    with Api(TOKEN) as api:
        builds = api.get_project_build_summary(org, repo, limit=3, vcs_type=vcs_type)

    assert isinstance(builds, list)
    assert len(builds) <= 3
    assert all(build["reponame"].lower() == repo.lower() for build in builds)
