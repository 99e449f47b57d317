"""FakeCircleCI.redirect (and the circleci_redirect fixture) put API v3 on the fake too, with any real token."""

from __future__ import annotations

import pytest

from circleci.api import Api
from circleci.error import Unauthorized
from circleci.sdk import SDK
from circleci.testing import FakeCircleCI


def _failed_build(fake: FakeCircleCI) -> int:
    return next(job.number for job in fake.state.jobs.values() if job.status == "failed" and job.number)


def test_v3_answers_any_token_inside_redirect_and_only_then() -> None:
    with FakeCircleCI() as fake:
        with fake.redirect(), Api("whatever-token") as api:
            project = api.v3.project_id("gh/acme/widget")
            assert project == fake.project("gh/acme/widget").id
        with Api("whatever-token", fake.url) as api, pytest.raises(Unauthorized):
            api.v3.project_id("gh/acme/widget")


def test_the_sdk_log_helpers_under_the_redirect_fixture(circleci_redirect: FakeCircleCI) -> None:
    build = _failed_build(circleci_redirect)
    with Api("whatever-token") as api:
        log = SDK(api).job_log("acme", "widget", build)
        steps = SDK(api).failed_steps("acme", "widget", build)
    assert "Exited with code exit status 1" in log
    assert [step.name for step in steps] == ["test"]
