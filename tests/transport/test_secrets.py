"""The token rule, the Secret that holds it, traceback locals, and the origin rule, on loopback servers."""

from __future__ import annotations

import pickle
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest

from circleci import _client, error, transport
from circleci.api import Api
from circleci.transport import Secret, Transport
from circleci.v2 import ApiV2
from circleci.v3 import ApiV3

from .conftest import TOKEN
from .servers import HANG, LoopbackServer, Reply, json_reply, refused_port


def _shown(failure: BaseException) -> str:
    """Everything a traceback printer that shows locals would print, chained exceptions included."""
    return "".join(traceback.TracebackException.from_exception(failure, capture_locals=True).format())


class _Hidden:
    """A value the test itself keeps out of traceback locals (its frames are in the traceback too)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<hidden>"


def _failure(call: Callable[[], object]) -> error.CircleCIException:
    """The exception ``call`` raises (it must raise one of ours)."""
    with pytest.raises(error.CircleCIException) as caught:
        call()
    return caught.value


@pytest.mark.parametrize("written", [f"{TOKEN}\n", f"  {TOKEN}\r\n", f"\t{TOKEN} "])
def test_surrounding_whitespace_is_stripped(server: LoopbackServer, written: str) -> None:
    server.script(json_reply({"login": "me"}))
    api = Api(written, url=f"{server.url}/api/v1.1")

    assert api.get_user_info() == {"login": "me"}
    assert server.received[0].header("Circle-Token") == TOKEN
    assert api.token == TOKEN


def test_token_from_the_environment_is_stripped_too(server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", f"{TOKEN}\n")
    server.script(json_reply({}))

    Api(None, url=f"{server.url}/api/v1.1").get_user_info()
    assert server.received[0].header("Circle-Token") == TOKEN


def test_a_token_of_only_whitespace_is_no_token(server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIRCLE_TOKEN", raising=False)
    server.script(json_reply({}))

    api = Api(" \n", url=f"{server.url}/api/v1.1")
    api.get_user_info()
    assert api.token is None
    assert server.received[0].header("Circle-Token") is None


BAD_TOKENS: list[Any] = [
    TOKEN.encode(),
    bytearray(TOKEN.encode()),
    f"{TOKEN[:10]}\u00e9{TOKEN[10:]}",
    f"{TOKEN[:10]}\u20ac{TOKEN[10:]}",
    f"{TOKEN[:10]}\n{TOKEN[10:]}",
    f"{TOKEN[:10]}\x00{TOKEN[10:]}",
    f"{TOKEN[:10]}\x7f{TOKEN[10:]}",
    f"{TOKEN[:10]} {TOKEN[10:]}",
    f"{TOKEN[:10]}\udcff{TOKEN[10:]}",
    12345678901234567890,
    [TOKEN],
]


@pytest.mark.parametrize("token", BAD_TOKENS, ids=range(len(BAD_TOKENS)))
def test_a_token_that_breaks_the_rule_is_refused_without_being_shown(server: LoopbackServer, token: Any) -> None:
    hidden = _Hidden(token)
    del token
    failure = _failure(lambda: Api(hidden.value, url=f"{server.url}/api/v1.1"))

    assert isinstance(failure, error.InvalidTokenError)
    assert isinstance(failure, error.InvalidArgumentError)
    assert failure.argument == "***"
    for shown in (str(failure), repr(failure), repr(failure.args), _shown(failure)):
        assert TOKEN[10:] not in shown
        assert TOKEN[:10] not in shown
    assert server.received == []


@pytest.mark.parametrize("token", BAD_TOKENS[:3], ids=range(3))
def test_every_way_in_applies_the_rule(server: LoopbackServer, token: Any) -> None:
    api = Api(TOKEN, url=f"{server.url}/api/v1.1")
    with pytest.raises(error.InvalidTokenError):
        api.token = token
    with pytest.raises(error.InvalidTokenError):
        ApiV2(token, url=f"{server.url}/api/v2")
    with pytest.raises(error.InvalidTokenError):
        Transport(token)
    assert api.token == TOKEN


def test_a_bad_token_in_an_artifact_url_is_refused_before_sending(server: LoopbackServer, tmp_path: Path) -> None:
    api = Api(None, url=f"{server.url}/api/v1.1")
    api.token = None

    with pytest.raises(error.InvalidTokenError):
        api.download_artifact(f"{server.url}/a.txt?circle-token=abc%0Adef", str(tmp_path))
    assert server.received == []
    assert list(tmp_path.iterdir()) == []


def test_secret_masks_itself_and_cannot_be_pickled() -> None:
    secret = Secret.of(f" {TOKEN}\n")
    assert secret is not None
    assert secret.reveal() == TOKEN
    assert TOKEN not in repr(secret)
    assert TOKEN not in str(secret)
    assert TOKEN not in f"{secret} {secret!r}"
    assert Secret.of(secret) is secret
    assert Secret.of(None) is None
    with pytest.raises(TypeError):
        pickle.dumps(secret)


@pytest.fixture
def v2(server: LoopbackServer) -> Iterator[ApiV2]:
    client = ApiV2(TOKEN, url=f"{server.url}/api/v2")
    yield client
    client.close()


def test_token_is_not_in_traceback_locals_of_a_404(api: Api, v2: ApiV2, server: LoopbackServer) -> None:
    server.script(json_reply({"message": "Not found"}, 404))

    for call in (
        api.get_user_info,
        lambda: api.get_build_info("org", "repo", 7),
        v2.get_current_user,
        api.v2.get_current_user,
    ):
        failure = _failure(call)
        assert isinstance(failure, error.NotFound)
        shown = _shown(failure)
        assert "Circle-Token" not in shown
        assert TOKEN not in shown
    assert all(received.header("Circle-Token") == TOKEN for received in server.received)


def test_bearer_token_is_not_in_traceback_locals_of_a_v3_404(api: Api, server: LoopbackServer) -> None:
    server.script(json_reply({"error": {"type": "not_found", "title": "Not found"}}, 404))
    failure = _failure(lambda: api.v3.get_job("5b0f5d6a-0000-4000-8000-000000000000"))
    assert isinstance(failure, error.NotFound)
    shown = _shown(failure)
    assert TOKEN not in shown
    assert TOKEN not in repr(transport.Bearer(Secret(TOKEN)))
    assert server.received[-1].header("Authorization") == f"Bearer {TOKEN}"
    assert server.received[-1].header("Circle-Token") is None


def test_token_is_not_in_traceback_locals_on_other_failure_paths(
    api: Api, server: LoopbackServer, tmp_path: Path, sleeps: list[float]
) -> None:
    base = f"{server.url}/api/v1.1"
    steps: list[tuple[tuple[Reply, ...], Callable[[], object]]] = [
        ((json_reply({"message": "no"}, 401),), api.get_projects),
        ((json_reply({"message": "slow"}, 429, Retry_After="3600"),), api.get_projects),
        ((Reply(body="not json"),), api.get_projects),
        ((Reply(body=b"[" * 100_000),), api.get_projects),
        ((Reply(status=307, headers={"Location": f"{server.url}/x"}),), lambda: api.trigger_build("o", "r")),
        ((json_reply({"message": "gone"}, 404),), lambda: api.download_artifact(f"{server.url}/a.txt", str(tmp_path))),
        (
            (json_reply({"message": "gone"}, 404),),
            lambda: api.download_artifact(f"{server.url}/a.txt?circle-token={TOKEN}", str(tmp_path)),
        ),
        ((), lambda: api.download_artifact(f"{server.url}/a.txt", str(tmp_path / "missing"))),
        ((Reply(fault=HANG),), lambda: Api(TOKEN, url=base, timeout=0.1, retries=0).get_projects()),
        ((), lambda: Api(TOKEN, url=f"http://127.0.0.1:{refused_port()}/api/v1.1", retries=0).get_projects()),
        ((json_reply([1] * 1000),), lambda: Api(TOKEN, url=base, max_body_size=100).get_projects()),
    ]
    kinds = set()
    for replies, call in steps:
        if replies:
            server.script(*replies)
        failure = _failure(call)
        kinds.add(type(failure))
        shown = _shown(failure)
        assert TOKEN not in shown, type(failure)
    assert {
        error.Unauthorized,
        error.RateLimited,
        error.InvalidResponseError,
        error.UnexpectedRedirect,
        error.NotFound,
        error.DownloadError,
        error.CircleCITimeout,
        error.CircleCIConnectionError,
        error.ResponseTooLarge,
    } <= kinds


def test_token_is_not_in_traceback_locals_when_construction_fails() -> None:
    failure = _failure(lambda: Api(TOKEN, timeout=-1))
    assert isinstance(failure, error.InvalidArgumentError)
    assert TOKEN not in _shown(failure)
    hidden = _Hidden(f"{TOKEN}\x01")
    failure = _failure(lambda: Api(hidden.value))
    assert TOKEN[:10] not in _shown(failure)
    for client in (ApiV2, ApiV3):
        failure = _failure(lambda: client(TOKEN, timeout=-1))  # noqa: B023
        assert isinstance(failure, error.InvalidArgumentError)
        assert TOKEN not in _shown(failure)


def test_plain_http_to_the_api_host_on_another_scheme_gets_no_token(server: LoopbackServer, tmp_path: Path) -> None:
    """Same host and port written the same way, but http instead of the API's https: another origin."""
    api = Api(TOKEN, url=f"https://127.0.0.1:{server.port}/api/v1.1")
    server.script(Reply(body=b"data"))

    api.download_artifact(f"http://127.0.0.1:{server.port}/0/a.txt", str(tmp_path))
    assert server.received[0].header("Circle-Token") is None
    assert (tmp_path / "a.txt").read_bytes() == b"data"


def test_the_api_origin_gets_the_token_over_plain_http(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    server.script(Reply(body=b"data"))

    api.download_artifact(f"{server.url.upper()}/0/a.txt".replace("HTTP://", "http://"), str(tmp_path))
    assert server.received[0].header("Circle-Token") == TOKEN


def test_another_port_on_the_api_host_gets_no_token(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    second = LoopbackServer().start()
    try:
        second.script(Reply(body=b"data"))
        api.download_artifact(f"{second.url}/0/a.txt", str(tmp_path))
        assert second.received[0].header("Circle-Token") is None
    finally:
        second.stop()


def test_origins_compare_scheme_host_and_port() -> None:
    assert transport._origin("HTTP://Example.COM/x") == ("http", "example.com", 80)
    assert transport._origin("https://example.com:8443/") == ("https", "example.com", 8443)
    assert transport._origin("https://example.com:99999/") == ("https", "example.com", 443)
    assert transport._origin("ftp://h/") == ("ftp", "h", None)
    assert (
        transport._is_loopback("localhost") and transport._is_loopback("127.0.0.2") and transport._is_loopback("[::1]")
    )
    assert not transport._is_loopback("example.com") and not transport._is_loopback("10.0.0.1")


@pytest.fixture
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_client, "_warned_origins", set())


@pytest.mark.usefixtures("fresh_warnings")
def test_a_token_over_plain_http_off_loopback_warns_once() -> None:
    with pytest.warns(error.InsecureTokenWarning, match=r"http://ci\.example\.invalid:80") as caught:
        api = Api(TOKEN, "http://ci.example.invalid/api/v1.1")
    assert len(caught) == 1
    assert caught[0].filename == __file__
    assert TOKEN not in str(caught[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Api(TOKEN, "http://ci.example.invalid/api/v1.1")
        assert api.v2.url == "http://ci.example.invalid/api/v2"
        ApiV2(TOKEN, "http://ci.example.invalid/api/v2")


@pytest.mark.usefixtures("fresh_warnings")
@pytest.mark.parametrize(
    ("token", "url"),
    [
        (None, "http://ci.example.invalid/api/v1.1"),
        (TOKEN, "https://ci.example.invalid/api/v1.1"),
        (TOKEN, "http://127.0.0.1:8080/api/v1.1"),
        (TOKEN, "http://localhost/api/v1.1"),
        (TOKEN, "http://[::1]:8080/api/v1.1"),
    ],
)
def test_no_warning_without_a_token_over_https_or_on_loopback(
    token: Any, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CIRCLE_TOKEN", raising=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Api(token, url)
