"""What every client shares (:mod:`circleci._client`): URL, token, repr, closing, ``_request``, ``_download``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Callable, Optional
from unittest import mock

import pytest
import requests
import responses
from responses import matchers

from circleci.api import Api
from circleci.error import BadVerbError
from circleci.experimental import Experimental
from circleci.v2 import ApiV2

BASE = "https://ci.example.test/api/v1.1"
TOKEN = "s3cr3t-token-value"
ARTIFACT_HOST = "https://output.example.test/0/home/circleci/project/artifacts"


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    """A ``responses`` mock that fails the test when a registered answer goes unused."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mocked:
        yield mocked


def token_sent(expected: Optional[str]) -> Callable[[requests.PreparedRequest], tuple[bool, str]]:
    """A matcher for the ``Circle-Token`` header as it was sent (``None``: no header)."""

    def match(request: requests.PreparedRequest) -> tuple[bool, str]:
        sent = request.headers.get("Circle-Token")
        return sent == expected, f"Circle-Token {'absent' if sent is None else 'differs'}"

    return match


# --- construction, token, repr ---------------------------------------------------------------------------------------


def test_url_loses_trailing_slash() -> None:
    assert Api(None, BASE + "/").url == BASE


@pytest.mark.parametrize("client", [Api(TOKEN, BASE), Experimental(TOKEN, BASE), Api(TOKEN, BASE).v2])
def test_repr_and_str_never_show_the_token(client: Api) -> None:
    assert TOKEN not in repr(client)
    assert TOKEN not in str(client)
    assert client.url in repr(client)
    assert TOKEN not in repr(client._transport)


def test_token_property_reads_and_replaces_the_token(rsps: responses.RequestsMock) -> None:
    api = Api(TOKEN, BASE)
    rsps.get(BASE + "/me", json={}, match=[token_sent("replaced")])
    rsps.get(BASE + "/me", json={}, match=[token_sent(None)])

    assert api.token == TOKEN
    api.token = "replaced"
    api.get_user_info()
    api.token = None
    api.get_user_info()


def test_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", "from-env")

    assert Api(None, BASE).token == "from-env"
    assert Api("given", BASE).token == "given"


def test_no_token_anywhere() -> None:
    assert Api(None, BASE).token is None


def test_context_manager_returns_the_client_and_closes_it() -> None:
    api = Api(TOKEN, BASE)
    with mock.patch.object(api._transport, "close", wraps=api._transport.close) as close:
        with api as entered:
            assert entered is api
            close.assert_not_called()
        close.assert_called_once_with()


def test_context_manager_closes_on_error_and_lets_it_through() -> None:
    api = Api(TOKEN, BASE)
    with mock.patch.object(api._transport, "close") as close, pytest.raises(KeyError), api:
        raise KeyError("boom")
    close.assert_called_once_with()


# --- Api.v2 ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("v1_url", "v2_url"),
    [
        ("https://circleci.com/api/v1.1", "https://circleci.com/api/v2"),
        ("https://circleci.example.com/api/v1.1/", "https://circleci.example.com/api/v2"),
        ("http://127.0.0.1:8080/ci/v1.1/api/v1.1", "http://127.0.0.1:8080/ci/v1.1/api/v2"),
        ("https://circleci.example.com/api/v1", "https://circleci.example.com/api/v2"),
        ("https://circleci.example.com/API/V1.1", "https://circleci.example.com/API/v2"),
        ("https://circleci.example.com/api", "https://circleci.example.com/api/v2"),
        ("https://gateway.example.com/circleci/", "https://gateway.example.com/circleci/v2"),
        ("https://gateway.example.com/v1.1-proxy", "https://gateway.example.com/v1.1-proxy/v2"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v2"),
    ],
)
@pytest.mark.filterwarnings("ignore:Api url .* has no API version:UserWarning")
def test_v2_url_is_derived_from_the_v1_1_url(v1_url: str, v2_url: str) -> None:
    assert Api(None, v1_url).v2.url == v2_url


def test_v2_shares_transport_and_token(rsps: responses.RequestsMock) -> None:
    api = Api(TOKEN, BASE)
    rsps.get("https://ci.example.test/api/v2/me", json={"login": "me"}, match=[token_sent(TOKEN)])

    v2 = api.v2

    assert isinstance(v2, ApiV2)
    assert v2 is api.v2
    assert v2._transport is api._transport
    assert v2.token == TOKEN
    assert v2._request("GET", "me") == {"login": "me"}
    api.token = "changed"
    assert v2.token == "changed"


# --- _request --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["BAD", "PUT", "PATCH", "HEAD", "get"])
def test_request_refuses_other_verbs_before_sending(rsps: responses.RequestsMock, verb: str) -> None:
    with pytest.raises(BadVerbError) as raised:
        Api(TOKEN, BASE)._request(verb, "me")

    assert raised.value.argument == verb
    assert not rsps.calls


def test_request_sends_data_as_json_and_params_without_none(rsps: responses.RequestsMock) -> None:
    rsps.post(
        BASE + "/x/y",
        json=[1, 2],
        match=[
            matchers.json_params_matcher({"a": [1, {"b": None}]}, strict_match=True),
            matchers.query_param_matcher({"keep": "1", "flag": "true"}, strict_match=True),
        ],
    )

    result = Api(TOKEN, BASE)._request(
        "POST", "x/y", {"a": [1, {"b": None}]}, params={"keep": 1, "drop": None, "flag": True}
    )

    assert result == [1, 2]


def test_request_data_is_the_third_positional_argument(rsps: responses.RequestsMock) -> None:
    rsps.delete(BASE + "/z", body="", match=[matchers.json_params_matcher({"k": "v"})])

    assert Api(TOKEN, BASE)._request("DELETE", "z", {"k": "v"}) is None


# --- download_artifact / _download on the happy path -------------------------------------------------------------


def test_download_writes_the_file_and_returns_its_path(rsps: responses.RequestsMock, tmp_path: Path) -> None:
    url = f"{ARTIFACT_HOST}/report.html"
    rsps.get(url, body=b"<html>ok</html>", match=[token_sent(TOKEN)])

    path = Api(TOKEN, BASE).download_artifact(url, str(tmp_path))

    assert path == os.path.join(str(tmp_path), "report.html")
    assert Path(path).read_bytes() == b"<html>ok</html>"
    assert os.listdir(tmp_path) == ["report.html"]


def test_download_with_file_name(rsps: responses.RequestsMock, tmp_path: Path) -> None:
    url = f"{ARTIFACT_HOST}/coverage.xml"
    rsps.get(url, body=b"<coverage/>")

    path = Api(TOKEN, BASE)._download(url, str(tmp_path), "renamed.xml")

    assert path == os.path.join(str(tmp_path), "renamed.xml")
    assert Path(path).read_bytes() == b"<coverage/>"


def test_download_defaults_to_the_current_directory(
    rsps: responses.RequestsMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"{ARTIFACT_HOST}/build%20log.txt"
    rsps.get(url, body=b"line 1\nline 2\n")

    path = Api(TOKEN, BASE).download_artifact(url)

    assert path == os.path.join(os.getcwd(), "build log.txt")
    assert (tmp_path / "build log.txt").read_bytes() == b"line 1\nline 2\n"


def test_download_name_from_url_cannot_leave_destdir(rsps: responses.RequestsMock, tmp_path: Path) -> None:
    destdir = tmp_path / "inside"
    destdir.mkdir()
    url = f"{ARTIFACT_HOST}/..%2F..%2Fx"
    rsps.get(url, body=b"payload")

    path = Api(TOKEN, BASE).download_artifact(url, str(destdir))

    assert path == os.path.join(str(destdir), "x")
    assert os.listdir(destdir) == ["x"]
    assert sorted(os.listdir(tmp_path)) == ["inside"]


def test_download_of_a_large_body(rsps: responses.RequestsMock, tmp_path: Path) -> None:
    body = bytes(range(256)) * 4096  # 1 MiB, several chunks
    rsps.get(f"{ARTIFACT_HOST}/blob.bin", body=body)

    path = Api(None, BASE).download_artifact(f"{ARTIFACT_HOST}/blob.bin", str(tmp_path))

    assert Path(path).read_bytes() == body
