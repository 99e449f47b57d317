"""The "Pipeline" operations of ApiV2 on the wire."""

from __future__ import annotations

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2.pipeline import PipelineOperations

from .wire import Wire, cases, check, make_api, operation_methods

PID = "5034460f-c7c4-4c43-9457-de07e2029e7b"

CASES: dict[str, list[Wire]] = {
    "list_pipelines": [
        Wire(lambda api: api.list_pipelines(), "GET", "/pipeline"),
        Wire(
            lambda api: api.list_pipelines(org_slug="gh/org", mine=True, page_token="p2"),
            "GET",
            "/pipeline",
            {"org-slug": "gh/org", "mine": "true", "page-token": "p2"},
        ),
    ],
    "continue_pipeline": [
        Wire(
            lambda api: api.continue_pipeline(continuation_key="k", configuration="version: 2.1"),
            "POST",
            "/pipeline/continue",
            body={"continuation-key": "k", "configuration": "version: 2.1"},
        ),
        Wire(
            lambda api: api.continue_pipeline(continuation_key="k", configuration="{}", parameters={"deploy": True}),
            "POST",
            "/pipeline/continue",
            body={"continuation-key": "k", "configuration": "{}", "parameters": {"deploy": True}},
        ),
    ],
    "get_pipeline_by_id": [
        Wire(lambda api: api.get_pipeline_by_id(PID), "GET", f"/pipeline/{PID}"),
        Wire(lambda api: api.get_pipeline_by_id("a/../b"), "GET", "/pipeline/a%2F..%2Fb"),
    ],
    "get_pipeline_config_by_id": [
        Wire(lambda api: api.get_pipeline_config_by_id("a/../b"), "GET", "/pipeline/a%2F..%2Fb/config"),
    ],
    "get_pipeline_values_by_id": [
        Wire(lambda api: api.get_pipeline_values_by_id(PID), "GET", f"/pipeline/{PID}/values"),
        Wire(lambda api: api.get_pipeline_values_by_id("a/../b"), "GET", "/pipeline/a%2F..%2Fb/values"),
    ],
    "list_workflows_by_pipeline_id": [
        Wire(lambda api: api.list_workflows_by_pipeline_id(PID), "GET", f"/pipeline/{PID}/workflow"),
        Wire(
            lambda api: api.list_workflows_by_pipeline_id("a/../b", page_token="p2"),
            "GET",
            "/pipeline/a%2F..%2Fb/workflow",
            {"page-token": "p2"},
        ),
    ],
    "list_pipelines_for_project": [
        Wire(lambda api: api.list_pipelines_for_project("gh/org/repo"), "GET", "/project/gh/org/repo/pipeline"),
        Wire(
            lambda api: api.list_pipelines_for_project("gh/org/repo", branch="feature/x", page_token="p2"),
            "GET",
            "/project/gh/org/repo/pipeline",
            {"branch": "feature/x", "page-token": "p2"},
        ),
        Wire(
            lambda api: api.list_pipelines_for_project("circleci/o-1/p 2"),
            "GET",
            "/project/circleci/o-1/p%202/pipeline",
        ),
    ],
    "trigger_pipeline": [
        Wire(lambda api: api.trigger_pipeline("gh/org/repo"), "POST", "/project/gh/org/repo/pipeline", body={}),
        Wire(
            lambda api: api.trigger_pipeline("gh/org/repo", branch="main", parameters={"n": 1, "go": False}),
            "POST",
            "/project/gh/org/repo/pipeline",
            body={"branch": "main", "parameters": {"n": 1, "go": False}},
        ),
        Wire(
            lambda api: api.trigger_pipeline("bb/org/repo", tag="v1.0"),
            "POST",
            "/project/bb/org/repo/pipeline",
            body={"tag": "v1.0"},
        ),
    ],
    "list_my_pipelines": [
        Wire(lambda api: api.list_my_pipelines("gh/org/repo"), "GET", "/project/gh/org/repo/pipeline/mine"),
        Wire(
            lambda api: api.list_my_pipelines("gh/org/repo", page_token="p2"),
            "GET",
            "/project/gh/org/repo/pipeline/mine",
            {"page-token": "p2"},
        ),
    ],
    "get_pipeline_by_number": [
        Wire(lambda api: api.get_pipeline_by_number("gh/org/repo", 42), "GET", "/project/gh/org/repo/pipeline/42"),
        Wire(
            lambda api: api.get_pipeline_by_number("gh/org/repo", "4/2"), "GET", "/project/gh/org/repo/pipeline/4%2F2"
        ),
    ],
    "trigger_pipeline_run": [
        Wire(
            lambda api: api.trigger_pipeline_run("gh", "org", "repo"),
            "POST",
            "/project/gh/org/repo/pipeline/run",
            body={},
        ),
        Wire(
            lambda api: api.trigger_pipeline_run(
                "circleci",
                "o/1",
                "p 2",
                definition_id=PID,
                config={"branch": "main"},
                checkout={"tag": "v2"},
                parameters={"x": "y"},
            ),
            "POST",
            "/project/circleci/o%2F1/p%202/pipeline/run",
            body={
                "definition_id": PID,
                "config": {"branch": "main"},
                "checkout": {"tag": "v2"},
                "parameters": {"x": "y"},
            },
        ),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(PipelineOperations)


@pytest.mark.parametrize("bad", [None, "", "gh//repo", "gh/org/", "gh/../repo", "gh/org/."])
def test_bad_project_slug_is_refused_before_sending(bad: object) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        with pytest.raises(InvalidArgumentError):
            make_api().list_pipelines_for_project(bad)  # type: ignore[arg-type]
        assert len(mock.calls) == 0


def test_empty_pipeline_id_is_refused() -> None:
    with pytest.raises(InvalidArgumentError):
        make_api().get_pipeline_by_id("")
