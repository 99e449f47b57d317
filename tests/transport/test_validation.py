"""Bad input raises before a single byte is sent; user values cannot change the endpoint."""

from __future__ import annotations

import math
from typing import Any, Callable

import pytest

from circleci import error
from circleci.api import Api
from circleci.transport import Transport

from .conftest import TOKEN
from .servers import LoopbackServer

BAD_CALLS: dict[str, Callable[[Api], Any]] = {
    "build number": lambda api: api.get_build_info("org", "repo", "12; rm"),
    "negative build number": lambda api: api.get_artifacts("org", "repo", -1),
    "vcs type": lambda api: api.get_build_info("org", "repo", 1, vcs_type="svn"),
    "empty username": lambda api: api.get_build_info("", "repo", 1),
    "dot-dot project": lambda api: api.get_build_info("org", "..", 1),
    "limit": lambda api: api.get_recent_builds(limit=101),
    "offset": lambda api: api.get_recent_builds(offset=-1),
    "status filter": lambda api: api.get_project_build_summary("org", "repo", status_filter="green"),
    "tag with revision": lambda api: api.trigger_build("org", "repo", tag="v1", revision="abc"),
    "key type": lambda api: api.create_checkout_key("org", "repo", "rsa"),
    "verb": lambda api: api._request("PUT", "me"),
}


@pytest.mark.parametrize("call", BAD_CALLS.values(), ids=BAD_CALLS.keys())
def test_rejected_before_sending(api: Api, server: LoopbackServer, call: Callable[[Api], Any]) -> None:
    with pytest.raises(error.CircleCIException):
        call(api)
    assert server.received == []
    assert server.connections == 0


@pytest.mark.parametrize(
    ("branch", "sent"),
    [("feature/x", "feature%2Fx"), ("../../../me", "..%2F..%2F..%2Fme"), ("a?b#c", "a%3Fb%23c")],
)
def test_names_stay_one_segment(api: Api, server: LoopbackServer, branch: str, sent: str) -> None:
    api.get_project_build_summary("org", "repo", branch=branch)

    assert server.paths() == [f"/api/v1.1/project/github/org/repo/tree/{sent}?limit=30&offset=0"]


@pytest.mark.parametrize("timeout", [0, -1, math.inf, math.nan, True, "5", None, (1, 2, 3), (1, 0)])
def test_bad_timeout(timeout: Any) -> None:
    with pytest.raises(error.InvalidArgumentError, match="timeout"):
        Transport(TOKEN, timeout=timeout)


@pytest.mark.parametrize("retries", [-1, True, "3", 1.5, None])
def test_bad_retries(retries: Any) -> None:
    with pytest.raises(error.InvalidArgumentError, match="retries"):
        Transport(TOKEN, retries=retries)


@pytest.mark.parametrize("pool_size", [0, -1, True, 2.5, "16"])
def test_bad_pool_size(pool_size: Any) -> None:
    with pytest.raises(error.InvalidArgumentError, match="pool_size"):
        Api(TOKEN, pool_size=pool_size)


def test_good_options_are_kept(server: LoopbackServer) -> None:
    client = Transport(TOKEN, timeout=(0.5, 2), retries=0, pool_size=2)
    assert client.timeout == (0.5, 2)
    assert client.retries.total == 0
    assert client.session.get_adapter("http://x")._pool_maxsize == 2  # type: ignore[attr-defined]
    assert repr(client) == "<Transport timeout=(0.5, 2) retries=0>"
