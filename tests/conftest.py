"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

CIRCLECI_ENVIRONMENT = (
    "CIRCLE_TOKEN",
    "CIRCLE_BUILD_URL",
    "CIRCLE_BUILD_NUM",
    "CIRCLE_WORKFLOW_ID",
    "CIRCLE_PIPELINE_ID",
    "CIRCLE_PROJECT_USERNAME",
    "CIRCLE_PROJECT_REPONAME",
    "CIRCLECI_API_URL",
    "CIRCLE_REPOSITORY_URL",
)


@pytest.fixture(autouse=True)
def clean_circleci_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test without the CircleCI variables of the developer's shell or CI job."""
    for name in CIRCLECI_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
