"""Redirects between real servers: credentials never follow the request to another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from circleci import error
from circleci.api import Api
from circleci.transport import Transport

from .conftest import TOKEN
from .servers import LoopbackServer, Reply, json_reply


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location})


@pytest.fixture
def same_name_other_port() -> Iterator[LoopbackServer]:
    """A third server on 127.0.0.1: same host name as :func:`server`, another port."""
    running = LoopbackServer().start()
    yield running
    running.stop()


def test_cross_host_redirect_drops_every_credential(
    api: Api, server: LoopbackServer, other_host: LoopbackServer
) -> None:
    api._transport.session.headers["Authorization"] = "Basic dG9rOg=="
    server.script(redirect(f"{other_host.url}/storage/me?sig=abc"))
    other_host.script(json_reply({"login": "me"}))

    assert api.get_user_info() == {"login": "me"}
    assert server.received[0].header("Circle-Token") == TOKEN
    assert server.received[0].header("Authorization") == "Basic dG9rOg=="
    landed = other_host.received[0]
    assert landed.path == "/storage/me?sig=abc"
    assert landed.header("Host") == f"localhost:{other_host.port}"
    assert landed.header("Circle-Token") is None
    assert landed.header("Authorization") is None


def test_same_host_redirect_keeps_the_token(api: Api, server: LoopbackServer) -> None:
    server.script(redirect("/api/v1.1/me/moved", status=301), json_reply({"login": "me"}))

    assert api.get_user_info() == {"login": "me"}
    assert server.paths() == ["/api/v1.1/me", "/api/v1.1/me/moved"]
    assert [r.header("Circle-Token") for r in server.received] == [TOKEN, TOKEN]


def test_another_port_counts_as_another_host(
    api: Api, server: LoopbackServer, same_name_other_port: LoopbackServer
) -> None:
    """requests' rule, kept: a change of port (or scheme) is a change of origin."""
    server.script(redirect(f"{same_name_other_port.url}/elsewhere"))

    api.get_user_info()
    assert same_name_other_port.received[0].header("Circle-Token") is None


def test_token_stays_dropped_when_redirected_back(api: Api, server: LoopbackServer, other_host: LoopbackServer) -> None:
    server.script(redirect(f"{other_host.url}/hop"), json_reply({"login": "me"}))
    other_host.script(redirect(f"{server.url}/api/v1.1/back"))

    assert api.get_user_info() == {"login": "me"}
    assert server.received[1].path == "/api/v1.1/back"
    assert server.received[1].header("Circle-Token") is None


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_post_redirect_is_not_followed(
    api: Api, server: LoopbackServer, other_host: LoopbackServer, status: int
) -> None:
    server.script(redirect(f"{other_host.url}/trigger?circle-token={TOKEN}", status=status))

    with pytest.raises(error.UnexpectedRedirect) as caught:
        api.trigger_build("org", "repo")
    assert other_host.received == []
    assert caught.value.status_code == status
    assert caught.value.message == f"redirect to {other_host.url}/trigger not followed for POST"
    assert isinstance(caught.value, error.CircleCIHTTPError)


def test_patch_redirect_is_not_followed(server: LoopbackServer, other_host: LoopbackServer) -> None:
    server.script(redirect(f"{other_host.url}/x", status=307))

    with pytest.raises(error.UnexpectedRedirect):
        Transport(TOKEN).request("PATCH", f"{server.url}/api/v2/x", json_body={})
    assert other_host.received == []


def test_redirect_without_location_is_an_error(api: Api, server: LoopbackServer) -> None:
    server.script(Reply(status=302))

    with pytest.raises(error.UnexpectedRedirect, match="redirect to nowhere not followed for GET"):
        api.get_user_info()


def test_artifact_redirect_to_storage_drops_the_token(
    api: Api, server: LoopbackServer, other_host: LoopbackServer, tmp_path: Path
) -> None:
    server.script(redirect(f"{other_host.url}/bucket/report.txt?X-Amz-Signature=s"))
    other_host.script(Reply(body=b"all green\n"))

    written = api.download_artifact(f"{server.url}/0/report.txt", str(tmp_path))

    assert Path(written).read_bytes() == b"all green\n"
    assert server.received[0].header("Circle-Token") == TOKEN
    assert other_host.received[0].header("Circle-Token") is None
    assert other_host.received[0].header("Authorization") is None
