"""ApiV3's own behaviour: auth header, URL derivation, iterate, limits, lookups, errors, raw requests, output."""

from __future__ import annotations

import base64
import json

import pytest
import responses
from responses.matchers import header_matcher

from circleci.api import Api
from circleci.error import (
    BadVerbError,
    ClientError,
    InvalidArgumentError,
    InvalidResponseError,
    RateLimited,
    ServerError,
)
from circleci.testing.v3_base import V3Error
from circleci.v2 import ApiV2
from circleci.v3 import ApiV3, LookupNotFound, RepeatedCursorError
from circleci.v3._base import endpoint_of
from circleci.v3._endpoint import endpoint, envelope
from circleci.v3.client import v3_url

URL = "http://127.0.0.1:9/api/v3"


def page(items: list, following: object = None, **extra: object) -> dict:
    return {"data": items, "page": {"next": following, "prev": None}, **extra}


@responses.activate
def test_token_goes_as_bearer_and_no_token_sends_no_header(monkeypatch: pytest.MonkeyPatch) -> None:
    responses.add("GET", URL + "/orgs", json=page([]))
    ApiV3("t0k", url=URL).list_orgs()
    ApiV3(None, url=URL).list_orgs()
    monkeypatch.setenv("CIRCLE_TOKEN", "from-env")
    ApiV3(url=URL).list_orgs()
    first, second, third = (call.request.headers for call in responses.calls)
    assert first["Authorization"] == "Bearer t0k" and "Circle-Token" not in first
    assert "Authorization" not in second and "Circle-Token" not in second
    assert third["Authorization"] == "Bearer from-env"


def test_default_url_and_derived_urls() -> None:
    assert ApiV3("t").url == "https://circleci.com/api/v3"
    assert v3_url("https://circleci.com/api/v1.1") == "https://circleci.com/api/v3"
    assert v3_url("https://ci.example.com/api/v2/") == "https://ci.example.com/api/v3"
    assert v3_url("https://ci.example.com/custom") == "https://ci.example.com/custom/v3"
    assert v3_url("https://ci.example.com") == "https://ci.example.com/v3"
    api = Api("t", "https://ci.example.com/api/v1.1")
    assert api.v3.url == "https://ci.example.com/api/v3" and api.v3 is api.v3
    assert api.v3.token == "t" and api.v3._transport is api._transport
    v2 = ApiV2("t", "https://ci.example.com/api/v2")
    assert v2.v3.url == "https://ci.example.com/api/v3" and v2.v3 is v2.v3 and v2.v3._transport is v2._transport
    assert repr(ApiV3("t", url=URL)) == f"ApiV3(url={URL!r})"


@responses.activate
def test_the_v1_client_keeps_circle_token_while_v3_sends_bearer() -> None:
    responses.add("GET", "http://127.0.0.1:9/api/v1.1/me", json={})
    responses.add("GET", URL + "/orgs", json=page([]))
    api = Api("t0k", "http://127.0.0.1:9/api/v1.1")
    api.get_user_info()
    api.v3.list_orgs()
    v1, v3 = (call.request.headers for call in responses.calls)
    assert v1["Circle-Token"] == "t0k" and "Authorization" not in v1
    assert v3["Authorization"] == "Bearer t0k" and "Circle-Token" not in v3


@responses.activate
def test_iterate_follows_cursors_sends_the_limit_once_and_stops() -> None:
    responses.add("GET", URL + "/contexts", json=page([{"id": 1}, {"id": 2}], "c2"))
    responses.add("GET", URL + "/contexts", json=page([{"id": 3}], ""))
    api = ApiV3("t", url=URL)
    assert [c["id"] for c in api.iterate(api.list_contexts, filter_org_id="o", page_limit=2)] == [1, 2, 3]
    first, second = (call.request.url for call in responses.calls)
    assert "page%5Blimit%5D=2" in first and "page%5Bcursor%5D" not in first
    assert "page%5Bcursor%5D=c2" in second and "page%5Blimit%5D" not in second and "filter%5Borg_id%5D=o" in second


@responses.activate
def test_iterate_stops_without_page_on_empty_data_and_at_its_limit() -> None:
    responses.add("GET", URL + "/jobs", json={"data": [{"id": 1}]})
    responses.add("GET", URL + "/workflows", json=page([], "more"))
    responses.add("GET", URL + "/orgs", json=page([{"id": 1}, {"id": 2}], "next"))
    api = ApiV3("t", url=URL)
    assert list(api.iterate(api.list_jobs, filter_workflow_id="w")) == [{"id": 1}]
    assert list(api.iterate(api.list_workflows, filter_run_id="r")) == []
    assert list(api.iterate(api.list_orgs, limit=1)) == [{"id": 1}]
    assert list(api.iterate(api.list_orgs, limit=0)) == []
    assert len(responses.calls) == 3


@responses.activate
def test_iterate_raises_when_a_cursor_repeats() -> None:
    responses.add("GET", URL + "/orgs", json=page([{"id": 1}], "same"))
    api = ApiV3("t", url=URL)
    walk = api.iterate(api.list_orgs)
    with pytest.raises(RepeatedCursorError) as raised:
        list(walk)
    assert raised.value.cursor == "same" and "GET /api/v3/orgs" in str(raised.value)
    assert len(responses.calls) == 2


@responses.activate
def test_iterate_pages_search_routes_in_the_body() -> None:
    responses.add("POST", URL + "/runs/search", json=page([{"id": 1}], "c2"))
    responses.add("POST", URL + "/runs/search", json=page([{"id": 2}]))
    api = ApiV3("t", url=URL)
    assert [r["id"] for r in api.iterate(api.search_runs, filter="x", page_limit=5)] == [1, 2]
    bodies = [json.loads(call.request.body) for call in responses.calls]
    assert bodies == [{"filter": "x", "page": {"limit": 5}}, {"filter": "x", "page": {"cursor": "c2"}}]


def test_iterate_refuses_what_it_cannot_walk() -> None:
    api = ApiV3("t", url=URL)
    with pytest.raises(InvalidArgumentError, match="not paginated"):
        api.iterate(api.get_run, "r")
    for bad in (-1, True, 1.5):
        with pytest.raises(InvalidArgumentError):
            api.iterate(api.list_orgs, limit=bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="not an ApiV3 endpoint"):
        api.iterate(len)


@pytest.mark.parametrize("limit", [0, -1, True, "5", 21])
def test_page_limit_is_checked_before_sending(limit: object) -> None:
    api = ApiV3("t", url=URL)
    with responses.RequestsMock():
        with pytest.raises(InvalidArgumentError, match="from 1 to 20"):
            api.list_runs(page_limit=limit)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError):
            api.search_runs(page_limit=limit)  # type: ignore[arg-type]


def test_page_limit_without_a_known_maximum_only_needs_to_be_positive() -> None:
    api = ApiV3("t", url=URL)
    with responses.RequestsMock(), pytest.raises(InvalidArgumentError, match="of 1 or more"):
        api.list_deployments(page_limit=0)
    with responses.RequestsMock() as mock:
        mock.add("GET", URL + "/deploy/deployments", json=page([]))
        api.list_deployments(page_limit=5000)


def test_path_values_are_encoded_and_checked() -> None:
    api = ApiV3("t", url=URL)
    with responses.RequestsMock() as mock:
        mock.add("DELETE", URL + "/projects/p/environment-variables/A%2FB%20C", status=204)
        api.delete_project_env_var("p", "A/B C")
    with pytest.raises(InvalidArgumentError):
        api.get_run("..")
    with pytest.raises(InvalidArgumentError):
        api.get_run("")


@responses.activate
def test_slug_lookups_turn_an_empty_list_into_not_found() -> None:
    responses.add("GET", URL + "/projects", json=page([{"id": "p1", "references": {"org": {"id": "o1"}}}]))
    responses.add("GET", URL + "/projects", json=page([]))
    responses.add("GET", URL + "/orgs", json=page([{"attributes": {}}]))
    api = ApiV3("t", url=URL)
    assert api.project_id("gh/acme/widget") == "p1"
    assert "filter%5Bslug%5D=gh%2Facme%2Fwidget" in responses.calls[0].request.url
    with pytest.raises(LookupNotFound) as raised:
        api.project_id("gh/acme/none")
    assert raised.value.kind == "project" and raised.value.status_code == 200
    assert "empty list" in str(raised.value)
    with pytest.raises(LookupNotFound):
        api.org_id("gh/acme")
    with pytest.raises(InvalidArgumentError):
        api.project_id("")


@responses.activate
def test_v3_error_objects_are_kept_on_the_exception() -> None:
    error = {
        "id": "e-1",
        "type": "validation_error",
        "title": "Missing Required Filter",
        "detail": "Query parameter 'filter[workflow_id]' is required.",
        "source": {"pointer": "/filter/workflow_id", "offset": 12, "error": "missing"},
    }
    responses.add("GET", URL + "/jobs", json={"error": error}, status=400, headers={"RateLimit-Remaining": "9"})
    with pytest.raises(ClientError) as raised:
        ApiV3("t", url=URL).list_jobs()
    failure = raised.value
    assert (failure.id, failure.type, failure.title, failure.detail) == (
        "e-1",
        "validation_error",
        "Missing Required Filter",
        "Query parameter 'filter[workflow_id]' is required.",
    )
    assert failure.source == error["source"] and failure.rate_limit == {"RateLimit-Remaining": "9"}
    assert failure.message == (
        "Missing Required Filter: Query parameter 'filter[workflow_id]' is required. "
        "at /filter/workflow_id (offset 12), missing (error id: e-1)"
    )


@pytest.mark.parametrize(
    "body, message",
    [
        ({"error": {"title": "Forbidden."}}, "Forbidden."),
        ({"error": {"detail": "only detail"}}, "only detail"),
        ({"error": {"source": {"pointer": "/x"}}}, "at /x"),
        ({"error": {}}, "Bad Request"),
        ({"error": "a string error"}, "a string error"),
        ({"message": "old shape"}, "old shape"),
    ],
)
@responses.activate
def test_older_error_shapes_still_give_a_message(body: dict, message: str) -> None:
    responses.add("GET", URL + "/orgs", json=body, status=400)
    with pytest.raises(ClientError) as raised:
        ApiV3("t", url=URL).list_orgs()
    assert raised.value.message == message
    if not isinstance(body.get("error"), dict):
        assert raised.value.id is None and raised.value.title is None


@responses.activate
def test_rate_limits_are_retried_after_retry_after_and_read() -> None:
    responses.add("GET", URL + "/orgs", body="Rate limited.", status=429, headers={"Retry-After": "0"})
    responses.add("GET", URL + "/orgs", json=page([]), headers={"RateLimit-Limit": "100", "X-RateLimit-Remaining": "7"})
    api = ApiV3("t", url=URL, retries=1)
    assert api.list_orgs() == page([])
    assert api.rate_limit == {"RateLimit-Limit": "100", "X-RateLimit-Remaining": "7"}
    responses.add(
        "GET",
        URL + "/orgs/x",
        json={"error": {"title": "Too Many Requests"}},
        status=429,
        headers={"Retry-After": "3600"},
    )
    with pytest.raises(RateLimited) as raised:
        api.get_org("x")
    assert raised.value.retry_after == 3600 and raised.value.rate_limit == {"Retry-After": "3600"}


@responses.activate
def test_raw_requests_reach_mention_endpoints() -> None:
    responses.add(
        "POST",
        URL + "/usage/exports",
        json={"data": {"id": "u"}},
        status=201,
        match=[header_matcher({"Authorization": "Bearer t"})],
    )
    responses.add("DELETE", URL + "/notification/links", status=204)
    api = ApiV3("t", url=URL)
    assert api.request("POST", "/api/v3/usage/exports", body={"start": "2026-01-01"}) == {"data": {"id": "u"}}
    assert json.loads(responses.calls[0].request.body) == {"start": "2026-01-01"}
    assert api.request("DELETE", "notification/links", params={"filter[team_id]": "T1", "x": None}) is None
    assert responses.calls[1].request.url.endswith("/notification/links?filter%5Bteam_id%5D=T1")
    with pytest.raises(BadVerbError):
        api.request("PATCH", "runs")


@responses.activate
def test_server_errors_on_stream_endpoints_are_typed() -> None:
    responses.add("GET", URL + "/jobs/j/stdout", json={"error": {"title": "boom"}}, status=500)
    responses.add("GET", URL + "/jobs/j/tests", body=b'{"name": "a"}\n[1]\n')
    api = ApiV3("t", url=URL, retries=0)
    with pytest.raises(ServerError, match="boom"):
        api.get_job_stdout("j")
    results = api.get_job_tests("j")
    assert next(results) == {"name": "a"}
    with pytest.raises(InvalidResponseError, match="not a JSON object"):
        next(results)
    responses.add("GET", URL + "/jobs/k/tests", body=b"not json\n")
    with pytest.raises(InvalidResponseError):
        list(api.get_job_tests("k"))


def test_endpoint_records_and_helpers() -> None:
    record = endpoint_of(ApiV3.list_runs)
    assert (record.verb, record.path, record.max_limit, record.paginated) == ("GET", "/api/v3/runs", 20, True)
    with pytest.raises(ValueError, match="unknown confidence"):
        endpoint("GET", "/x", confidence="mention")
    assert envelope({"a": None}, {"b": None}) == {"data": {}}
    assert envelope({"a": 1}, {"b": "id"}) == {"data": {"attributes": {"a": 1}, "references": {"b": {"id": "id"}}}}


def test_the_fake_error_object_leaves_out_what_it_lacks() -> None:
    body = V3Error(500, "Broken").body()["error"]
    assert set(body) == {"id", "type", "title"} and body["type"] == "error"


def test_cursor_base64_is_not_enough_for_the_fake() -> None:
    from circleci.testing.v3_base import _decode_cursor

    with pytest.raises(V3Error):
        _decode_cursor(base64.urlsafe_b64encode(b"zz:1:2").decode())


def test_step_output_is_the_bytes_read() -> None:
    from circleci.v3 import StepOutput

    out = StepOutput(b"ok\n", offset=3, terminal=True)
    assert out == b"ok\n" and out.text == "ok\n" and out.size == 3 and not out.truncated and out.path is None
    assert repr(out) == "StepOutput(b'ok\\n', size=3, offset=3, terminal=True, truncated=False, path=None)"
    assert StepOutput(size=10, path="f").size == 10


@responses.activate
def test_iterate_from_a_cursor_refuses_to_come_back_to_it() -> None:
    responses.add("GET", URL + "/orgs", json=page([{"id": 1}], "start"))
    api = ApiV3("t", url=URL)
    with pytest.raises(RepeatedCursorError):
        list(api.iterate(api.list_orgs, page_cursor="start"))
    assert len(responses.calls) == 1
