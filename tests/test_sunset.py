"""The 1.2.2 behaviours scripts rely on, and the v1.1 sunset fallback, on the wire."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any, Callable

import pytest
import requests
import responses
from responses import matchers

import circleci._sunset
from circleci import error
from circleci.api import Api
from circleci.experimental import Experimental
from tests.conftest import FakeClock

BASE = "https://ci.example.test/api/v1.1"
V2 = "https://ci.example.test/api/v2"
PROJECT = f"{BASE}/project/github/org/repo"
SLUG = "gh/org/repo"
GONE = {"message": "This endpoint has been removed."}
PIPELINE = {"id": "pipe-1", "number": 7, "state": "created", "created_at": "2027-02-01T00:00:00.000Z"}
BUILD = {"build_num": 12, "status": "queued", "lifecycle": "queued", "outcome": None}


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mocked:
        yield mocked


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Make the fallback's waits instant and recorded."""
    fake = FakeClock()
    monkeypatch.setattr(circleci._sunset, "time", fake)
    return fake


def body(call: Any) -> Any:
    return json.loads(call.request.body) if call.request.body else None


# -- section 1: faithful to 1.2.2 ----------------------------------------------


@pytest.mark.parametrize(
    ("params", "sent"),
    [
        ({"build_parameters": {"CIRCLE_JOB": "deploy"}}, {"build_parameters": {"CIRCLE_JOB": "deploy"}}),
        ({"CIRCLE_JOB": "deploy"}, {"CIRCLE_JOB": "deploy"}),
        ({"revision": "from-params", "extra": 1}, {"revision": "from-params", "extra": 1}),
        ({}, {}),
    ],
)
def test_params_are_merged_into_the_top_level_of_the_body(
    rsps: responses.RequestsMock, params: dict[str, Any], sent: dict[str, Any]
) -> None:
    rsps.post(f"{PROJECT}/tree/master", json=BUILD, match=[matchers.json_params_matcher(sent, strict_match=True)])

    assert Api("t", BASE).trigger_build("org", "repo", params=params) == BUILD


def test_params_go_beside_the_other_fields(rsps: responses.RequestsMock) -> None:
    sent = {"revision": "abc", "parallel": 2, "build_parameters": {"CIRCLE_JOB": "deploy"}}
    rsps.post(f"{PROJECT}/tree/main", json=BUILD, match=[matchers.json_params_matcher(sent, strict_match=True)])

    Api("t", BASE).trigger_build(
        "org", "repo", "main", "abc", parallel=2, params={"build_parameters": {"CIRCLE_JOB": "deploy"}}
    )


@pytest.mark.parametrize(
    ("call", "url", "query"),
    [
        (lambda api: api.get_recent_builds(limit="5", offset="10"), f"{BASE}/recent-builds", "limit=5&offset=10"),
        (
            lambda api: api.get_project_build_summary("org", "repo", "100", "0"),
            PROJECT,
            "limit=100&offset=0",
        ),
        (lambda api: api.get_build_info("org", "repo", "3"), f"{PROJECT}/3", ""),
    ],
)
def test_digit_strings_are_sent_as_1_2_2_sent_them(
    rsps: responses.RequestsMock, call: Callable[[Api], Any], url: str, query: str
) -> None:
    rsps.get(url, json=[])

    call(Api("t", BASE))

    assert rsps.calls[0].request.url == (f"{url}?{query}" if query else url)


@pytest.mark.parametrize(
    "call",
    [
        lambda api: api.get_recent_builds(limit="5.0"),
        lambda api: api.get_recent_builds(limit="0"),
        lambda api: api.get_recent_builds(offset="-1"),
        lambda api: api.get_project_build_summary("org", "repo", limit=" 5"),
        lambda api: api.get_build_info("org", "repo", "3a"),
    ],
)
def test_numbers_1_2_2_could_not_send_are_refused_before_sending(
    rsps: responses.RequestsMock, call: Callable[[Api], Any]
) -> None:
    with pytest.raises(error.InvalidArgumentError):
        call(Api("t", BASE))


@pytest.mark.parametrize(
    ("call", "url", "query"),
    [
        (lambda api: api.get_projects(shallow=True), f"{BASE}/projects", "?shallow=true"),
        (lambda api: api.get_projects(), f"{BASE}/projects", ""),
        (lambda api: api.get_recent_builds(shallow=True), f"{BASE}/recent-builds", "?limit=30&offset=0&shallow=true"),
        (
            lambda api: api.get_project_build_summary("org", "repo", status_filter="running", shallow=True),
            PROJECT,
            "?limit=30&offset=0&filter=running&shallow=true",
        ),
        (
            lambda api: api.get_project_build_summary("org", "repo", branch="a/b"),
            f"{PROJECT}/tree/a%2Fb",
            "?limit=30&offset=0",
        ),
    ],
)
def test_shallow(rsps: responses.RequestsMock, call: Callable[[Api], Any], url: str, query: str) -> None:
    rsps.get(url, json=[])

    call(Api("t", BASE))

    assert rsps.calls[0].request.url == url + query


@pytest.mark.parametrize("url", ["https://circleci.com/api", "https://circleci.com/api/", "https://ci.example.com/API"])
def test_a_url_without_version_warns_and_is_kept(url: str) -> None:
    with pytest.warns(UserWarning, match=r"has no API version.*'https://<host>/api/v1\.1'") as caught:
        api = Api("t", url)

    assert api.url == url.rstrip("/")
    assert caught[0].filename == __file__
    assert "/v1.1'?" in str(caught[0].message)


@pytest.mark.parametrize(
    "url", [BASE, "https://circleci.com/api/v1", "https://proxy.example.com/circleci", "http://127.0.0.1:9"]
)
def test_versioned_and_deliberate_urls_do_not_warn(url: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Api("t", url).url == url


@pytest.mark.parametrize("url", ["https://circleci.com", "https://circleci.com/", "https://CircleCI.com"])
def test_circleci_com_without_a_path_warns_naming_the_full_url(url: str) -> None:
    with pytest.warns(UserWarning, match=r"has no API version") as caught:
        api = Api("t", url)

    assert api.url == url.rstrip("/")
    assert f"did you mean {url.rstrip('/') + '/api/v1.1'!r}" in str(caught[0].message)


def test_experimental_warns_at_the_caller_too() -> None:
    with pytest.warns(UserWarning, match="has no API version") as caught:
        Experimental("t", "https://circleci.com/api")
    assert caught[0].filename == __file__


# -- section 2: after the 410 ---------------------------------------------------


def expect_v2_trigger(rsps: responses.RequestsMock, sent: dict[str, Any]) -> None:
    """The v2 requests of a trigger whose pipeline has its first build at once."""
    rsps.post(f"{V2}/project/{SLUG}/pipeline", json=PIPELINE, status=201, match=[matchers.json_params_matcher(sent)])
    rsps.get(f"{V2}/pipeline/pipe-1/workflow", json={"items": [{"id": "wf-1"}], "next_page_token": None})
    rsps.get(
        f"{V2}/workflow/wf-1/job",
        json={"items": [{"id": "j-0", "name": "hold"}, {"id": "j-1", "name": "build", "job_number": 12}]},
    )
    rsps.get(f"{PROJECT}/12", json=BUILD)


@pytest.mark.parametrize(
    ("call", "v1_url", "sent"),
    [
        (lambda api: api.trigger_build("org", "repo"), f"{PROJECT}/tree/master", {"branch": "master"}),
        (
            lambda api: api.trigger_build("org", "repo", "feature/x", parallel=3),
            f"{PROJECT}/tree/feature%2Fx",
            {"branch": "feature/x"},
        ),
        (lambda api: api.trigger_build("org", "repo", None, tag="v1.0"), PROJECT, {"tag": "v1.0"}),
        (lambda api: api.trigger_build("org", "repo", "main", tag="v2"), f"{PROJECT}/tree/main", {"tag": "v2"}),
        (lambda api: api.trigger_build("org", "repo", None), PROJECT, {}),
    ],
)
def test_a_gone_trigger_goes_through_v2_and_returns_the_v1_1_build(
    rsps: responses.RequestsMock, call: Callable[[Api], Any], v1_url: str, sent: dict[str, Any]
) -> None:
    rsps.post(v1_url, json=GONE, status=410)
    expect_v2_trigger(rsps, sent)

    assert call(Api("t", BASE)) == BUILD
    assert body(rsps.calls[1]) == sent


def test_the_410_is_paid_once_per_client(rsps: responses.RequestsMock) -> None:
    rsps.post(f"{PROJECT}/tree/master", json=GONE, status=410)
    expect_v2_trigger(rsps, {"branch": "master"})
    api = Api("t", BASE)
    api.trigger_build("org", "repo")
    rsps.reset()
    expect_v2_trigger(rsps, {"branch": "dev"})

    assert api.trigger_build("org", "repo", "dev") == BUILD
    assert [call.request.method for call in rsps.calls] == ["POST", "GET", "GET", "GET"]


def test_the_fallback_waits_for_the_first_build(rsps: responses.RequestsMock, clock: FakeClock) -> None:
    rsps.post(f"{V2}/project/{SLUG}/pipeline", json=PIPELINE, status=201)
    rsps.get(f"{V2}/pipeline/pipe-1/workflow", json={"items": [], "next_page_token": None})
    rsps.get(f"{V2}/pipeline/pipe-1", json={**PIPELINE, "state": "setup-pending"})
    clock.script.append(
        lambda: rsps.replace(
            responses.GET, f"{V2}/pipeline/pipe-1/workflow", json={"items": [{"id": "wf-1"}], "next_page_token": None}
        )
    )
    rsps.get(f"{V2}/workflow/wf-1/job", json={"items": [{"id": "j-1", "name": "build"}]})
    clock.script.append(
        lambda: rsps.replace(
            responses.GET, f"{V2}/workflow/wf-1/job", json={"items": [{"id": "j-1", "name": "b", "job_number": 3}]}
        )
    )
    rsps.get(f"{PROJECT}/3", json=BUILD)

    assert Api("t", BASE, sunset="v2").trigger_build("org", "repo") == BUILD
    assert clock.sleeps == [circleci._sunset.POLL_INTERVAL] * 2
    paths = [call.request.path_url for call in rsps.calls]
    assert paths.count("/api/v2/pipeline/pipe-1/workflow") == 3 and paths.count("/api/v2/workflow/wf-1/job") == 2


def test_the_wait_is_bounded(rsps: responses.RequestsMock, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(circleci._sunset, "WAIT_TIMEOUT", 10.0)
    rsps.post(f"{V2}/project/{SLUG}/pipeline", json=PIPELINE, status=201)
    rsps.get(f"{V2}/pipeline/pipe-1/workflow", json={"items": [], "next_page_token": None})
    rsps.get(f"{V2}/pipeline/pipe-1", json={**PIPELINE, "state": "setup-pending"})

    with pytest.raises(error.WaitTimeout, match="pipeline 7 of gh/org/repo has no build number after 10 s"):
        Api("t", BASE, sunset="v2").trigger_build("org", "repo")
    assert sum(clock.sleeps) <= 10.0
    assert len([c for c in rsps.calls if c.request.method == "POST"]) == 1


def test_an_errored_pipeline_stops_the_wait(rsps: responses.RequestsMock, clock: FakeClock) -> None:
    errors = [{"type": "config", "message": "No workflow in the config to run."}]
    rsps.post(f"{V2}/project/{SLUG}/pipeline", json=PIPELINE, status=201)
    rsps.get(f"{V2}/pipeline/pipe-1/workflow", json={"items": [], "next_page_token": None})
    rsps.get(f"{V2}/pipeline/pipe-1", json={**PIPELINE, "state": "errored", "errors": errors})

    with pytest.raises(error.PipelineError) as caught:
        Api("t", BASE, sunset="v2").trigger_build("org", "repo")
    assert caught.value.errors == errors
    assert clock.sleeps == []


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda api: api.trigger_build("org", "repo", revision="abc"), "revision"),
        (lambda api: api.trigger_build("org", "repo", params={"build_parameters": {"CIRCLE_JOB": "x"}}), "params"),
        (lambda api: api.trigger_build("org", "repo", params={"CIRCLE_JOB": "x"}), "params"),
    ],
)
def test_what_v2_cannot_express_is_refused_after_the_410(
    rsps: responses.RequestsMock, call: Callable[[Api], Any], argument: str
) -> None:
    gone = rsps.post(f"{PROJECT}/tree/master", json=GONE, status=410)
    api = Api("t", BASE)

    with pytest.raises(error.NoV2Equivalent) as caught:
        call(api)

    refused = caught.value
    assert isinstance(refused, error.Gone) and isinstance(refused, requests.HTTPError)
    assert (refused.status_code, refused.argument, refused.method) == (410, argument, "POST")
    assert refused.url == f"{PROJECT}/tree/master" and refused.response is not None
    assert f"no form for {argument}" in refused.message
    assert len(rsps.calls) == 1 and gone.call_count == 1
    with pytest.raises(error.NoV2Equivalent):  # still refused, and now nothing is sent at all
        call(api)
    assert len(rsps.calls) == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda api: api.trigger_build("org", "repo", revision="abc"),
        lambda api: api.trigger_build("org", "repo", params={"CIRCLE_JOB": "x"}),
        lambda api: api.retry_no_cache("org", "repo", 5),
    ],
)
def test_v2_mode_refuses_without_sending_anything(rsps: responses.RequestsMock, call: Callable[[Any], Any]) -> None:
    with pytest.raises(error.NoV2Equivalent) as caught:
        call(Experimental("t", BASE, sunset="v2"))
    assert caught.value.response is None
    assert caught.value.url.startswith(f"{PROJECT}/")
    assert str(caught.value).startswith("410 CircleCI removed the v1.1 endpoint on 2027-02-01")


def test_retry_no_cache_after_the_410(rsps: responses.RequestsMock) -> None:
    rsps.post(f"{PROJECT}/5/retry", json=GONE, status=410, match=[matchers.json_params_matcher({"no-cache": "true"})])
    api = Experimental("t", BASE)

    with pytest.raises(error.NoV2Equivalent) as caught:
        api.retry_no_cache("org", "repo", 5)
    assert caught.value.argument == "no_cache"
    assert "Api.retry_build" in caught.value.message


@pytest.mark.parametrize("status", [400, 404, 500])
def test_other_statuses_are_raised_as_they_are(rsps: responses.RequestsMock, status: int) -> None:
    rsps.post(f"{PROJECT}/tree/master", json={"message": "nope"}, status=status)
    rsps.post(f"{PROJECT}/tree/master", json={"message": "nope"}, status=status)
    api = Api("t", BASE, retries=0)

    for _ in range(2):
        with pytest.raises(error.CircleCIHTTPError) as caught:
            api.trigger_build("org", "repo")
        assert caught.value.status_code == status and not isinstance(caught.value, error.Gone)
    assert all(call.request.url.startswith(BASE) for call in rsps.calls)


def test_off_raises_the_410_with_the_hint(rsps: responses.RequestsMock) -> None:
    rsps.post(f"{PROJECT}/42/retry", json=GONE, status=410)

    with pytest.raises(error.Gone) as caught:
        Api("t", BASE, sunset="off").retry_build("org", "repo", 42)
    assert not isinstance(caught.value, error.NoV2Equivalent)
    assert "rerunWorkflow" in caught.value.message and "/api/v3/workflows/{id}/rerun" in caught.value.message


def test_the_trigger_hint_names_what_circleci_names(rsps: responses.RequestsMock) -> None:
    rsps.post(PROJECT, json=GONE, status=410)

    with pytest.raises(error.Gone) as caught:
        Api("t", BASE, sunset="off").trigger_build("org", "repo", None, tag="v1")
    assert "triggerPipelineRun" in caught.value.message and "POST /api/v3/runs" in caught.value.message


def expect_v2_rerun(rsps: responses.RequestsMock, sent: dict[str, Any]) -> None:
    rsps.get(f"{V2}/project/{SLUG}/job/42", json={"number": 42, "latest_workflow": {"id": "wf-1", "name": "w"}})
    rsps.get(
        f"{V2}/workflow/wf-1/job",
        json={
            "items": [
                {"id": "j-41", "name": "build", "job_number": 41},
                {"id": "j-42", "name": "test", "job_number": 42},
            ],
            "next_page_token": None,
        },
    )
    rsps.post(
        f"{V2}/workflow/wf-1/rerun",
        json={"workflow_id": "wf-2"},
        status=202,
        match=[matchers.json_params_matcher(sent, strict_match=True)],
    )
    rsps.get(
        f"{V2}/workflow/wf-2/job",
        json={"items": [{"id": "j-new", "name": "test", "job_number": 50}], "next_page_token": None},
    )
    rsps.get(f"{PROJECT}/50", json={**BUILD, "build_num": 50})


@pytest.mark.parametrize(
    ("ssh", "action", "sent"),
    [(False, "retry", {"jobs": ["j-42"]}), (True, "ssh", {"jobs": ["j-42"], "enable_ssh": True})],
)
def test_a_gone_retry_reruns_the_job_through_v2(
    rsps: responses.RequestsMock, ssh: bool, action: str, sent: dict[str, Any]
) -> None:
    rsps.post(f"{PROJECT}/42/{action}", json=GONE, status=410)
    expect_v2_rerun(rsps, sent)

    assert Api("t", BASE).retry_build("org", "repo", "42", ssh=ssh)["build_num"] == 50


def test_a_rerun_waits_for_the_new_build(rsps: responses.RequestsMock, clock: FakeClock) -> None:
    rsps.get(f"{V2}/project/gh/org/repo/job/42", json={"latest_workflow": {"id": "wf-1"}})
    rsps.get(f"{V2}/workflow/wf-1/job", json={"items": [{"id": "j-42", "name": "test", "job_number": 42}]})
    rsps.post(f"{V2}/workflow/wf-1/rerun", json={"workflow_id": "wf-2"}, status=202)
    rsps.get(f"{V2}/workflow/wf-2/job", json={"items": [{"id": "j-new", "name": "test"}]})
    clock.script.append(
        lambda: rsps.replace(
            responses.GET, f"{V2}/workflow/wf-2/job", json={"items": [{"id": "j-new", "name": "test", "job_number": 9}]}
        )
    )
    rsps.get(f"{BASE}/project/gh/org/repo/9", json={"build_num": 9})

    assert Api("t", BASE, sunset="v2").retry_build("org", "repo", 42, vcs_type="gh") == {"build_num": 9}
    assert clock.sleeps == [circleci._sunset.POLL_INTERVAL]


def test_a_job_missing_from_its_workflow_is_an_invalid_response(rsps: responses.RequestsMock) -> None:
    rsps.get(f"{V2}/project/bb/org/repo/job/42", json={"latest_workflow": {"id": "wf-1"}})
    rsps.get(f"{V2}/workflow/wf-1/job", json={"items": [{"id": "j-41", "name": "build", "job_number": 41}]})

    with pytest.raises(error.InvalidResponseError, match="build 42 of bb/org/repo is not among the jobs"):
        Api("t", BASE, sunset="v2").retry_build("org", "repo", 42, vcs_type="bitbucket")


def test_before_the_date_nothing_goes_to_v2(rsps: responses.RequestsMock) -> None:
    headers = {"Deprecation": "true", "Sunset": "Mon, 01 Feb 2027 00:00:00 GMT"}
    rsps.post(f"{PROJECT}/tree/master", json=BUILD, headers=headers)
    rsps.post(f"{PROJECT}/12/retry", json=BUILD, headers=headers)

    api = Api("t", BASE)
    with pytest.warns(error.CircleCIDeprecationWarning):
        assert api.trigger_build("org", "repo") == BUILD
        assert api.retry_build("org", "repo", 12) == BUILD
    assert not api._v1_gone


def test_an_unknown_sunset_mode_is_refused() -> None:
    with pytest.raises(error.InvalidArgumentError, match="sunset must be one of"):
        Api("t", BASE, sunset="v3")


def test_the_sunset_mode_is_kept() -> None:
    assert Api("t", BASE).sunset == "fallback"
    assert Experimental("t", BASE, sunset="off").sunset == "off"
