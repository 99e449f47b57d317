"""ApiV2 itself: construction, token, verbs, Api(...).v2 and project_slug."""

from __future__ import annotations

import pytest
import responses

from circleci.api import Api
from circleci.error import BadVerbError, InvalidArgumentError
from circleci.transport import DEFAULT_TIMEOUT, TOKEN_HEADER
from circleci.v2 import DEFAULT_URL, ApiV2, project_slug

from .wire import URL, make_api


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("org", "repo"), "gh/org/repo"),
        (("org", "repo", "github"), "gh/org/repo"),
        (("org", "repo", "gh"), "gh/org/repo"),
        (("org", "repo", "bitbucket"), "bb/org/repo"),
        (("org", "repo", "bb"), "bb/org/repo"),
    ],
)
def test_project_slug_from_1_2_2_style_arguments(args: tuple[str, ...], expected: str) -> None:
    assert project_slug(*args) == expected


@pytest.mark.parametrize(
    "args", [("org", "repo", "gitlab"), ("", "repo"), ("org", ""), (None, "repo"), ("org", "repo", None)]
)
def test_project_slug_refuses_bad_arguments(args: tuple[object, ...]) -> None:
    with pytest.raises(InvalidArgumentError):
        project_slug(*args)  # type: ignore[arg-type]


def test_defaults() -> None:
    api = ApiV2("t0k")
    assert DEFAULT_URL == "https://circleci.com/api/v2"
    assert api.url == DEFAULT_URL
    assert api.token == "t0k"
    assert api._transport.timeout == DEFAULT_TIMEOUT
    assert repr(api) == "ApiV2(url='https://circleci.com/api/v2')"


def test_a_trailing_slash_on_the_url_is_dropped() -> None:
    assert ApiV2("t0k", url="https://ci.example.invalid/api/v2/").url == "https://ci.example.invalid/api/v2"


def test_token_comes_from_circle_token_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", "from-env")
    assert ApiV2().token == "from-env"
    assert ApiV2("given").token == "given"


def test_without_any_token_none_is_sent() -> None:
    api = ApiV2(url=URL, retries=0)
    assert api.token is None
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add("GET", URL + "/me", json={})
        api.get_current_user()
        assert TOKEN_HEADER not in mock.calls[0].request.headers


def test_the_token_travels_in_the_circle_token_header() -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add("GET", URL + "/me", json={"login": "me"})
        assert make_api().get_current_user() == {"login": "me"}
        request = mock.calls[0].request
        assert request.headers[TOKEN_HEADER] == "t0k"
        assert "t0k" not in request.url


@pytest.mark.parametrize("verb", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_v2_verbs_are_allowed(verb: str) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add(verb, URL + "/x", json={"verb": verb})
        assert make_api()._request(verb, "x") == {"verb": verb}


def test_other_verbs_are_refused_before_sending() -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        with pytest.raises(BadVerbError):
            make_api()._request("HEAD", "x")
        assert len(mock.calls) == 0


def test_api_v2_shares_token_transport_and_policy() -> None:
    api = Api("t0k", url="https://ci.example.invalid/api/v1.1", timeout=3, retries=0)
    v2 = api.v2
    assert isinstance(v2, ApiV2)
    assert v2.url == "https://ci.example.invalid/api/v2"
    assert v2._transport is api._transport
    assert v2._transport.timeout == 3
    assert api.v2 is v2
    api.token = "rotated"
    assert v2.token == "rotated"


def test_api_v2_default_url() -> None:
    assert Api("t0k").v2.url == DEFAULT_URL


def test_api_v2_sends_through_the_parent_session() -> None:
    api = Api("t0k", url="http://127.0.0.1:9/api/v1.1", retries=0)
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add("GET", URL + "/pipeline/p-1", json={"id": "p-1"})
        assert api.v2.get_pipeline_by_id("p-1") == {"id": "p-1"}
        assert mock.calls[0].request.headers[TOKEN_HEADER] == "t0k"


def test_closing_the_client_as_a_context_manager() -> None:
    with ApiV2("t0k", url=URL) as api:
        assert isinstance(api, ApiV2)
