"""Proxy variables and the CA bundle come from the environment, read once rather than on every call."""

from __future__ import annotations

import pytest
import requests

from circleci import error
from circleci.api import Api
from circleci.transport import Transport

from .conftest import TOKEN
from .servers import LoopbackServer, json_reply, refused_port


@pytest.fixture(autouse=True)
def no_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


def test_http_proxy_from_the_environment_carries_the_request(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", server.url)
    server.script(json_reply({"login": "via-proxy"}))
    with pytest.warns(error.InsecureTokenWarning):
        api = Api(TOKEN, "http://proxied.example.invalid/api/v1.1")

    assert api.get_user_info() == {"login": "via-proxy"}
    assert server.paths() == ["http://proxied.example.invalid/api/v1.1/me"]


def test_no_proxy_sends_the_request_directly(server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{refused_port()}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    server.script(json_reply({"login": "direct"}))

    assert Api(TOKEN, f"{server.url}/api/v1.1").get_user_info() == {"login": "direct"}
    assert server.paths() == ["/api/v1.1/me"]


def test_proxies_are_read_once_per_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[str] = []

    def lookup(url: str) -> dict[str, str]:
        looked_up.append(url)
        return {"http": "http://proxy.invalid:3128"}

    monkeypatch.setattr(requests.utils, "get_environ_proxies", lookup)
    transport = Transport(TOKEN)

    for path in ("/a", "/b?x=1", "/c"):
        assert transport._proxies_for(f"http://ci.example.invalid{path}") == {"http": "http://proxy.invalid:3128"}
    transport._proxies_for("https://storage.example.invalid/file")
    assert looked_up == ["http://ci.example.invalid", "https://storage.example.invalid"]


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_the_ca_bundle_variable_is_honoured(variable: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    monkeypatch.setenv(variable, "/etc/ssl/private-ca.pem")

    assert Transport(TOKEN).session.verify == "/etc/ssl/private-ca.pem"


def test_without_a_ca_bundle_variable_the_default_store_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)

    assert Transport(TOKEN).session.verify is True
