"""circleci.environment: what a CircleCI job's variables give."""

from __future__ import annotations

import pytest

from circleci.environment import api_url, job_value, project_slug

JOB = {"CIRCLE_PROJECT_USERNAME": "acme", "CIRCLE_PROJECT_REPONAME": "widget", "CIRCLE_BUILD_NUM": "7"}


def test_project_slug() -> None:
    assert project_slug(JOB) == "gh/acme/widget"
    assert project_slug({**JOB, "CIRCLE_REPOSITORY_URL": "git@bitbucket.org:acme/widget.git"}) == "bb/acme/widget"
    assert project_slug({"CIRCLE_PROJECT_USERNAME": "acme"}) is None
    assert project_slug({}) is None


def test_project_slug_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    assert project_slug() is None
    monkeypatch.setenv("CIRCLE_PROJECT_USERNAME", "acme")
    monkeypatch.setenv("CIRCLE_PROJECT_REPONAME", "widget")
    assert project_slug() == job_value("project_slug") == "gh/acme/widget"


def test_job_value() -> None:
    assert job_value("build_num", JOB) == job_value("job_number", JOB) == "7"
    assert job_value("project_slug", JOB) == "gh/acme/widget"
    assert job_value("pipeline_id", JOB) is None
    assert job_value("pipeline_id", {"CIRCLE_PIPELINE_ID": ""}) is None
    assert job_value("branch", JOB) is None


def test_api_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert api_url() == "https://circleci.com/api/v1.1"
    assert api_url("https://ci.example.test/api/v1.1") == "https://ci.example.test/api/v1.1"
    assert api_url("https://ci.example.test/") == "https://ci.example.test/api/v1.1"
    assert api_url(None, {"CIRCLECI_API_URL": "http://127.0.0.1:9/api/v1.1"}) == "http://127.0.0.1:9/api/v1.1"
    monkeypatch.setenv("CIRCLECI_API_URL", "https://server.example.test")
    assert api_url() == "https://server.example.test/api/v1.1"
