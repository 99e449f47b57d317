"""Status codes and bodies, as a real server sends them, become typed errors or values."""

from __future__ import annotations

import pytest
import requests

from circleci import error
from circleci.api import Api
from circleci.transport import Transport

from .conftest import TOKEN
from .servers import LoopbackServer, Reply, json_reply


@pytest.fixture
def no_retries(server: LoopbackServer) -> Api:
    return Api(TOKEN, url=f"{server.url}/api/v1.1", retries=0)


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, error.ClientError),
        (401, error.Unauthorized),
        (403, error.Forbidden),
        (404, error.NotFound),
        (409, error.ClientError),
        (410, error.Gone),
        (418, error.ClientError),
        (429, error.RateLimited),
        (500, error.ServerError),
        (501, error.ServerError),
        (503, error.ServerError),
    ],
)
def test_status_maps_to_its_class(no_retries: Api, server: LoopbackServer, status: int, error_class: type) -> None:
    server.script(json_reply({"message": "Project not found"}, status))

    with pytest.raises(error_class) as caught:
        no_retries.get_build_info("org", "repo", 12)
    failure = caught.value
    assert type(failure) is error_class
    assert isinstance(failure, requests.exceptions.HTTPError)
    assert isinstance(failure, error.CircleCIHTTPError)
    assert failure.status_code == status
    assert failure.message == "Project not found"
    assert failure.method == "GET"
    assert failure.url == f"{server.url}/api/v1.1/project/github/org/repo/12"
    assert str(failure) == f"{status} Project not found (GET {failure.url})"
    assert failure.response is not None
    assert failure.response.status_code == status


def test_plain_text_429_is_rate_limited(no_retries: Api, server: LoopbackServer) -> None:
    server.script(Reply(status=429, body="Rate limited."))

    with pytest.raises(error.RateLimited) as caught:
        no_retries.get_user_info()
    assert caught.value.message == "Rate limited."
    assert caught.value.retry_after is None


def test_html_error_page_gives_a_short_snippet(no_retries: Api, server: LoopbackServer) -> None:
    page = "<html><head><title>500 Internal Server Error</title></head><body>" + "<p>x</p>" * 2000 + "</body></html>"
    server.script(Reply(status=500, body=page, content_type="text/html"))

    with pytest.raises(error.ServerError) as caught:
        no_retries.get_user_info()
    assert caught.value.message.startswith("500 Internal Server Error x x")
    assert len(caught.value.message) <= 200
    assert "<" not in caught.value.message


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (json_reply({"error": "Invalid token provided."}, 401), "Invalid token provided."),
        (json_reply({"message": ""}, 401), "Unauthorized"),
        (json_reply(["not", "an", "object"], 401), "Unauthorized"),
        (Reply(status=401, body=b""), "Unauthorized"),
        (Reply(status=499, body=b""), "HTTP 499"),
    ],
)
def test_error_message_falls_back_to_the_reason(
    no_retries: Api, server: LoopbackServer, reply: Reply, message: str
) -> None:
    server.script(reply)

    with pytest.raises(error.ClientError) as caught:
        no_retries.get_user_info()
    assert caught.value.message == message


def test_edn_success_body_is_an_invalid_response(no_retries: Api, server: LoopbackServer) -> None:
    server.script(Reply(body='{:login "me"}', content_type="application/edn"))

    with pytest.raises(error.InvalidResponseError) as caught:
        no_retries.get_user_info()
    assert caught.value.status_code == 200
    assert caught.value.content_type == "application/edn"
    assert str(caught.value) == (
        f"GET {server.url}/api/v1.1/me answered 200 with a body that is not JSON (Content-Type: application/edn)"
    )


@pytest.mark.parametrize("reply", [Reply(body=b""), Reply(body=b" \r\n"), Reply(status=204)])
def test_empty_success_body_is_none(no_retries: Api, server: LoopbackServer, reply: Reply) -> None:
    server.script(reply)

    assert no_retries.get_user_info() is None


def test_query_leaves_out_none_and_spells_booleans(server: LoopbackServer) -> None:
    Transport(TOKEN).request("GET", f"{server.url}/api/v2/x", params={"a": None, "b": True, "c": False, "d": 3})

    assert server.paths() == ["/api/v2/x?b=true&c=false&d=3"]


@pytest.mark.parametrize(
    ("call", "replacement"),
    [
        (lambda api: api.trigger_build("org", "repo", branch="feature/x"), "ApiV2.trigger_pipeline"),
        (lambda api: api.trigger_build("org", "repo", branch=None, tag="v1"), "ApiV2.trigger_pipeline"),
        (lambda api: api.retry_build("org", "repo", 41), "ApiV2.rerun_workflow"),
        (lambda api: api.retry_build("org", "repo", 41, ssh=True), "ApiV2.rerun_workflow"),
    ],
)
def test_gone_v1_trigger_names_its_v2_replacement(server: LoopbackServer, call: object, replacement: str) -> None:
    server.script(json_reply({"message": "This endpoint has been removed."}, 410))

    with pytest.raises(error.Gone) as caught:
        call(Api(TOKEN, url=f"{server.url}/api/v1.1", retries=0, sunset="off"))  # type: ignore[operator]
    message = caught.value.message
    assert message.startswith("This endpoint has been removed. CircleCI removed this v1.1 endpoint on 2027-02-01")
    assert replacement in message
    assert server.received[0].method == "POST"


@pytest.mark.parametrize(
    "call", [lambda api: api.get_build_info("org", "repo", 41), lambda api: api.cancel_build("org", "repo", 41)]
)
def test_other_gone_endpoints_get_no_sunset_hint(no_retries: Api, server: LoopbackServer, call: object) -> None:
    server.script(json_reply({"message": "Gone"}, 410))

    with pytest.raises(error.Gone) as caught:
        call(no_retries)  # type: ignore[operator]
    assert caught.value.message == "Gone"
