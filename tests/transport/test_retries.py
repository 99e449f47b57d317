"""Retry policy against real servers: what is retried, how long it waits, and when it gives up."""

from __future__ import annotations

import email.utils
import logging
import time

import pytest
from urllib3.util.retry import Retry

from circleci import error, transport
from circleci.api import Api
from circleci.transport import RETRY_AFTER_CAP, RetryPolicy, Transport

from .conftest import TOKEN
from .servers import DROP, RESET, LoopbackServer, Reply, json_reply, refused_port

OK = json_reply({"login": "me"})


def test_get_429_waits_retry_after_seconds(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(json_reply({"message": "slow down"}, 429, Retry_After="3"), OK)

    assert api.get_user_info() == {"login": "me"}
    assert sleeps == [3.0]
    assert server.paths() == ["/api/v1.1/me", "/api/v1.1/me"]


def test_get_429_waits_retry_after_http_date(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    in_thirty_seconds = email.utils.formatdate(time.time() + 30, usegmt=True)
    server.script(json_reply({"message": "slow down"}, 429, Retry_After=in_thirty_seconds), OK)

    assert api.get_user_info() == {"login": "me"}
    assert len(sleeps) == 1
    assert 28 <= sleeps[0] <= 30


def test_unreadable_retry_after_falls_back_to_backoff(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(json_reply({"message": "slow down"}, 429, Retry_After="soon"), OK)

    assert api.get_user_info() == {"login": "me"}
    assert sleeps == [0.5]


@pytest.mark.parametrize("status", [502, 503, 504])
def test_get_gateway_errors_are_retried(api: Api, server: LoopbackServer, sleeps: list[float], status: int) -> None:
    server.script(Reply(status=status, body="<html>bad gateway</html>"), OK)

    assert api.get_user_info() == {"login": "me"}
    assert len(server.received) == 2
    assert sleeps == [0.5]


def test_get_500_is_not_retried(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(json_reply({"message": "boom"}, 500), OK)

    with pytest.raises(error.ServerError):
        api.get_user_info()
    assert len(server.received) == 1
    assert sleeps == []


def test_backoff_doubles_then_gives_up(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(json_reply({"message": "unavailable"}, 503))

    with pytest.raises(error.ServerError) as caught:
        api.get_user_info()
    assert caught.value.status_code == 503
    assert len(server.received) == 4
    assert sleeps == [0.5, 1.0, 2.0]


def test_backoff_is_capped(server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(json_reply({"message": "unavailable"}, 503))
    client = Api(TOKEN, url=f"{server.url}/api/v1.1", retries=7)

    with pytest.raises(error.ServerError):
        client.get_user_info()
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def test_get_dropped_connection_is_retried(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(Reply(fault=RESET), OK)

    assert api.get_user_info() == {"login": "me"}
    assert len(server.received) == 2
    assert sleeps == [0.5]


@pytest.mark.parametrize("status", [500, 502, 503])
def test_trigger_build_5xx_is_sent_exactly_once(
    api: Api, server: LoopbackServer, sleeps: list[float], status: int
) -> None:
    server.script(json_reply({"message": "try later"}, status), json_reply({"build_num": 2}))

    with pytest.raises(error.ServerError) as caught:
        api.trigger_build("org", "repo", branch="main")
    assert caught.value.message == "try later"
    assert [(r.method, r.path) for r in server.received] == [("POST", "/api/v1.1/project/github/org/repo/tree/main")]
    assert sleeps == []


def test_patch_503_is_not_retried(server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(json_reply({"message": "unavailable"}, 503), OK)

    with pytest.raises(error.ServerError):
        Transport(TOKEN).request("PATCH", f"{server.url}/api/v2/thing", json_body={"a": 1})
    assert len(server.received) == 1


def test_post_429_is_retried(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(Reply(status=429, body="Rate limited.", headers={"Retry-After": "2"}), json_reply({"build_num": 7}))

    assert api.trigger_build("org", "repo") == {"build_num": 7}
    assert [r.method for r in server.received] == ["POST", "POST"]
    assert sleeps == [2.0]


def test_post_reset_after_sending_is_not_retried(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(Reply(fault=RESET), json_reply({"build_num": 2}))

    with pytest.raises(error.CircleCIConnectionError) as caught:
        api.trigger_build("org", "repo")
    assert not isinstance(caught.value, error.CircleCITimeout)
    assert "Connection aborted" in str(caught.value)
    assert len(server.received) == 1
    assert sleeps == []


def test_post_on_a_reused_connection_the_server_dropped_is_not_retried(
    api: Api, server: LoopbackServer, sleeps: list[float]
) -> None:
    """A keep-alive connection closed by the server as the POST arrives: the client cannot tell
    whether the trigger ran, so it is raised (urllib3 counts it as a read error), never sent twice."""
    server.script(OK, Reply(fault=DROP), json_reply({"build_num": 2}))
    api.get_user_info()

    with pytest.raises(error.CircleCIConnectionError) as caught:
        api.trigger_build("org", "repo")
    assert "closed connection without response" in str(caught.value)
    assert [r.method for r in server.received] == ["GET", "POST"]
    assert server.received[0].connection == server.received[1].connection
    assert sleeps == []


def test_get_on_a_reused_connection_the_server_dropped_is_retried(
    api: Api, server: LoopbackServer, sleeps: list[float]
) -> None:
    server.script(OK, Reply(fault=DROP), OK)
    api.get_user_info()

    assert api.get_user_info() == {"login": "me"}
    assert [r.method for r in server.received] == ["GET", "GET", "GET"]
    assert server.received[0].connection == server.received[1].connection != server.received[2].connection
    assert sleeps == [0.5]


def test_post_refused_connection_is_retried(sleeps: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing was sent while the port refused connections, so the trigger is retried."""
    port = refused_port()
    started: list[LoopbackServer] = []

    def start_server_while_waiting(seconds: float) -> None:
        sleeps.append(seconds)
        if not started:
            started.append(LoopbackServer(port=port).script(json_reply({"build_num": 3})).start())

    monkeypatch.setattr(time, "sleep", start_server_while_waiting)
    client = Api(TOKEN, url=f"http://127.0.0.1:{port}/api/v1.1")
    try:
        assert client.trigger_build("org", "repo") == {"build_num": 3}
        assert len(started[0].received) == 1
        assert sleeps == [0.5]
    finally:
        started[0].stop()


def test_refused_connection_fails_after_retries(sleeps: list[float]) -> None:
    client = Api(TOKEN, url=f"http://127.0.0.1:{refused_port()}/api/v1.1")

    with pytest.raises(error.CircleCIConnectionError) as caught:
        client.get_user_info()
    assert sleeps == [0.5, 1.0, 2.0]
    assert "failed: ConnectionError:" in str(caught.value)
    assert str(caught.value).endswith("Failed to establish a new connection: [Errno 111] Connection refused")


@pytest.mark.parametrize("verb", ["GET", "POST"])
def test_retry_after_beyond_cap_raises_at_once(server: LoopbackServer, sleeps: list[float], verb: str) -> None:
    server.script(Reply(status=429, body="Rate limited.", headers={"Retry-After": "3600"}), OK)

    with pytest.raises(error.RateLimited) as caught:
        Transport(TOKEN).request(verb, f"{server.url}/api/v1.1/me")
    assert caught.value.retry_after == 3600
    assert caught.value.message == "Rate limited. (Retry-After: 3600 s)"
    assert len(server.received) == 1
    assert sleeps == []


def test_503_with_retry_after_beyond_cap_is_not_waited_for(
    api: Api, server: LoopbackServer, sleeps: list[float]
) -> None:
    server.script(json_reply({"message": "maintenance"}, 503, Retry_After="7200"), OK)

    with pytest.raises(error.ServerError, match="maintenance"):
        api.get_user_info()
    assert len(server.received) == 1
    assert sleeps == []


def test_time_spent_waiting_is_bounded(api: Api, server: LoopbackServer, sleeps: list[float]) -> None:
    """The longest a call waits: every retry told to wait the full cap."""
    server.script(json_reply({"message": "slow down"}, 429, Retry_After=str(int(RETRY_AFTER_CAP))))

    with pytest.raises(error.RateLimited) as caught:
        api.get_user_info()
    assert caught.value.retry_after == RETRY_AFTER_CAP
    assert len(server.received) == transport.DEFAULT_RETRIES + 1
    assert sleeps == [RETRY_AFTER_CAP] * transport.DEFAULT_RETRIES


@pytest.mark.parametrize(
    ("reply", "error_class"), [(json_reply({}, 503), error.ServerError), (json_reply({}, 429), error.RateLimited)]
)
def test_retries_zero_sends_one_request(
    server: LoopbackServer, sleeps: list[float], reply: Reply, error_class: type[Exception]
) -> None:
    server.script(reply, OK)
    client = Api(TOKEN, url=f"{server.url}/api/v1.1", retries=0)

    with pytest.raises(error_class):
        client.get_user_info()
    assert len(server.received) == 1
    assert sleeps == []


def test_retries_accepts_a_urllib3_retry(server: LoopbackServer, sleeps: list[float]) -> None:
    own_policy = Retry(total=2, status_forcelist=[500], backoff_factor=0, raise_on_status=False)
    server.script(json_reply({}, 500), json_reply({}, 500), OK)
    client = Api(TOKEN, url=f"{server.url}/api/v1.1", retries=own_policy)

    assert client.get_user_info() == {"login": "me"}
    assert len(server.received) == 3


def test_retries_accepts_a_retry_policy_with_its_own_cap(server: LoopbackServer, sleeps: list[float]) -> None:
    server.script(json_reply({"message": "slow down"}, 429, Retry_After="5"), OK)
    client = Api(TOKEN, url=f"{server.url}/api/v1.1", retries=RetryPolicy(1, retry_after_cap=4))

    with pytest.raises(error.RateLimited) as caught:
        client.get_user_info()
    assert caught.value.retry_after == 5
    assert len(server.received) == 1


def test_retries_are_logged_at_info(
    api: Api, server: LoopbackServer, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    server.script(Reply(status=429, body="Rate limited."), Reply(fault=RESET), OK)

    with caplog.at_level(logging.INFO, logger="circleci"):
        api.get_user_info()
    retries = [r.getMessage() for r in caplog.records if r.name == "circleci" and r.levelno == logging.INFO]
    assert retries == [
        "retrying GET /api/v1.1/me after status 429 (2 retries left)",
        "retrying GET /api/v1.1/me after ProtocolError (1 retries left)",
    ]


def test_backoff_time_is_zero_before_any_failure() -> None:
    assert RetryPolicy().get_backoff_time() == 0.0


def test_jitter_spreads_over_the_upper_half() -> None:
    waits = [transport.jitter(4.0) for _ in range(200)]
    assert all(2.0 <= wait <= 4.0 for wait in waits)
    assert len(set(waits)) > 1
