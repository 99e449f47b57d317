"""ApiV2.iterate: lazy walking of paginated operations."""

from __future__ import annotations

from typing import Any, Optional

import pytest
import responses
from responses.matchers import query_param_matcher

from circleci.api import Api
from circleci.error import CircleCIException, InvalidArgumentError
from circleci.v2 import PageTokenRepeated

from .wire import URL, make_api

PIPELINES = URL + "/project/gh/org/repo/pipeline"


def add_page(mock: responses.RequestsMock, token: Optional[str], page: dict[str, Any], **params: str) -> None:
    """Register one page, answered only to a request carrying exactly ``page-token=token`` and ``params``."""
    query = dict(params, **({"page-token": token} if token else {}))
    mock.add("GET", PIPELINES, json=page, match=[query_param_matcher(query, strict_match=True)])


def test_walks_every_page_passing_the_token_back_as_page_token() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [1, 2], "next_page_token": "t2"}, branch="main")
        add_page(mock, "t2", {"items": [3], "next_page_token": "t3"}, branch="main")
        add_page(mock, "t3", {"items": [4, 5], "next_page_token": None}, branch="main")
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo", branch="main")) == [1, 2, 3, 4, 5]
        assert len(mock.calls) == 3


def test_an_empty_page_in_the_middle_does_not_stop_the_walk() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [], "next_page_token": "t2"})
        add_page(mock, "t2", {"items": ["a"], "next_page_token": None})
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo")) == ["a"]


def test_an_empty_last_page_gives_nothing() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [], "next_page_token": None})
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo")) == []


@pytest.mark.parametrize("page", [{"items": ["a", "b"]}, {"items": ["a", "b"], "next_page_token": ""}])
def test_a_missing_or_empty_token_ends_the_walk(page: dict[str, Any]) -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, page)
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo")) == ["a", "b"]
        assert len(mock.calls) == 1


@pytest.mark.parametrize("page", [{}, {"items": None, "next_page_token": None}])
def test_a_page_without_items_gives_nothing(page: dict[str, Any]) -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, page)
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo")) == []


def test_an_empty_body_gives_nothing() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add("GET", PIPELINES, body=b"")
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo")) == []


def test_limit_stops_mid_page_without_fetching_the_next() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [1, 2], "next_page_token": "t2"})
        add_page(mock, "t2", {"items": [3, 4], "next_page_token": "t3"})
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo", limit=3)) == [1, 2, 3]
        assert len(mock.calls) == 2


def test_limit_at_a_page_boundary_fetches_no_further_page() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [1, 2], "next_page_token": "t2"})
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo", limit=2)) == [1, 2]
        assert len(mock.calls) == 1


def test_limit_above_the_total_gives_everything() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [1], "next_page_token": None})
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo", limit=10)) == [1]


def test_limit_zero_sends_nothing() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo", limit=0)) == []
        assert len(mock.calls) == 0


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True])
def test_a_bad_limit_is_refused(bad: Any) -> None:
    api = make_api()
    with pytest.raises(InvalidArgumentError):
        api.iterate(api.list_pipelines_for_project, "gh/org/repo", limit=bad)


def test_the_next_page_is_fetched_only_when_its_first_item_is_asked_for() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [1, 2], "next_page_token": "t2"})
        add_page(mock, "t2", {"items": [3], "next_page_token": None})
        items = api.iterate(api.list_pipelines_for_project, "gh/org/repo")
        assert len(mock.calls) == 0
        assert next(items) == 1
        assert next(items) == 2
        assert len(mock.calls) == 1
        assert next(items) == 3
        assert len(mock.calls) == 2
        assert mock.calls[1].request.params == {"page-token": "t2"}
        assert list(items) == []


def test_a_starting_page_token_is_sent_on_the_first_request() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, "t5", {"items": ["x"], "next_page_token": None})
        assert list(api.iterate(api.list_pipelines_for_project, "gh/org/repo", page_token="t5")) == ["x"]


def test_works_for_an_operation_with_path_arguments_through_api_v2() -> None:
    api = Api("t0k", url="http://127.0.0.1:9/api/v1.1", retries=0).v2
    jobs = URL + "/workflow/w-1/job"
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add("GET", jobs, json={"items": ["j1"], "next_page_token": "n"}, match=[query_param_matcher({})])
        mock.add("GET", jobs, json={"items": ["j2"]}, match=[query_param_matcher({"page-token": "n"})])
        assert list(api.iterate(api.list_workflow_jobs, "w-1")) == ["j1", "j2"]


@pytest.mark.parametrize(
    "method",
    ["get_pipeline_by_id", "list_otel_exporters", "get_collaborations", "trigger_pipeline"],
)
def test_a_method_that_is_not_paginated_is_refused_at_once(method: str) -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        with pytest.raises(InvalidArgumentError, match="paginated method") as raised:
            api.iterate(getattr(api, method), "x")
        assert raised.value.argument == method
        assert len(mock.calls) == 0


def test_something_that_is_not_a_client_method_is_refused() -> None:
    api = make_api()
    with pytest.raises(InvalidArgumentError, match="paginated method"):
        api.iterate(lambda **_: {"items": [1]})  # type: ignore[arg-type,return-value]
    with pytest.raises(InvalidArgumentError):
        api.iterate(print)  # type: ignore[arg-type]


def test_a_repeated_page_token_stops_the_walk_with_a_typed_error() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [1], "next_page_token": "t2"})
        add_page(mock, "t2", {"items": [2], "next_page_token": "t3"})
        add_page(mock, "t3", {"items": [3], "next_page_token": "t2"})
        items = api.iterate(api.list_pipelines_for_project, "gh/org/repo")
        assert [next(items), next(items), next(items)] == [1, 2, 3]
        with pytest.raises(PageTokenRepeated) as raised:
            next(items)
        assert len(mock.calls) == 3
    assert isinstance(raised.value, CircleCIException)
    assert (raised.value.operation_id, raised.value.token) == ("listPipelinesForProject", "t2")
    assert "t2" in str(raised.value) and "second time" in str(raised.value)


def test_a_page_that_names_itself_as_next_is_caught_on_the_first_repeat() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, None, {"items": [1], "next_page_token": "same"})
        add_page(mock, "same", {"items": [2], "next_page_token": "same"})
        with pytest.raises(PageTokenRepeated):
            list(api.iterate(api.list_pipelines_for_project, "gh/org/repo"))
        assert len(mock.calls) == 2


def test_a_starting_token_handed_back_is_a_repeat_too() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        add_page(mock, "t5", {"items": ["x"], "next_page_token": "t5"})
        with pytest.raises(PageTokenRepeated):
            list(api.iterate(api.list_pipelines_for_project, "gh/org/repo", page_token="t5"))
