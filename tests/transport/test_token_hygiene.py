"""The token never shows: not in logs at DEBUG, reprs, exception text, args, URLs or recorded headers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Optional

import pytest
import requests

from circleci import error, transport
from circleci.api import Api
from circleci.transport import Transport

from .conftest import TOKEN
from .servers import HANG, RESET, LoopbackServer, Reply, json_reply, refused_port


def _failures(api: Api, server: LoopbackServer, other_host: LoopbackServer, tmp_path: Path) -> list[Exception]:
    """Drive the client through success, retries, redirects and every kind of failure."""
    base = f"{server.url}/api/v1.1"
    artifact = f"{server.url}/0/a.txt?circle-token={TOKEN}"
    other_host.script(json_reply({"message": "nope"}, 404))
    steps: list[tuple[tuple[Reply, ...], Callable[[], object]]] = [
        ((json_reply({"message": "slow"}, 429, Retry_After="1"), json_reply({})), api.get_user_info),
        ((json_reply({"message": f"bad token {TOKEN}"}, 401),), api.get_user_info),
        (
            (Reply(status=302, headers={"Location": f"{other_host.url}/x"}),),
            lambda: api.download_artifact(artifact, str(tmp_path)),
        ),
        (
            (Reply(status=307, headers={"Location": f"{other_host.url}/x?circle-token={TOKEN}"}),),
            lambda: api.trigger_build("o", "r"),
        ),
        ((Reply(body=f"not json {TOKEN}"),), api.get_projects),
        ((Reply(fault=RESET),), lambda: api.trigger_build("o", "r")),
        ((Reply(fault=HANG),), lambda: Api(TOKEN, url=base, timeout=0.1, retries=0).trigger_build("o", "r")),
        ((), lambda: Api(TOKEN, url=f"http://127.0.0.1:{refused_port()}/api/v1.1", retries=0).get_user_info()),
        ((), lambda: api.download_artifact(artifact, str(tmp_path / "missing"))),
        (
            (),
            lambda: api.download_artifact(f"https://127.0.0.1:{refused_port()}/a?circle-token={TOKEN}", str(tmp_path)),
        ),
    ]
    failures: list[Exception] = []
    for replies, call in steps:
        if replies:
            server.script(*replies)
        try:
            call()
        except error.CircleCIException as failure:
            failures.append(failure)
    return failures


def test_token_appears_nowhere(
    api: Api,
    server: LoopbackServer,
    other_host: LoopbackServer,
    tmp_path: Path,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    failures = _failures(api, server, other_host, tmp_path)

    kinds = {type(f) for f in failures}
    assert {
        error.Unauthorized,
        error.NotFound,
        error.UnexpectedRedirect,
        error.InvalidResponseError,
        error.CircleCIConnectionError,
        error.CircleCITimeout,
        error.DownloadError,
    } <= kinds
    assert {r.name for r in caplog.records} >= {"circleci", "urllib3.connectionpool"}
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(record.args)
    for failure in failures:
        assert TOKEN not in str(failure)
        assert TOKEN not in repr(failure.args)
        assert TOKEN not in str(getattr(failure, "url", ""))
        assert TOKEN not in str(failure.argument)
    for shown in (api, api.v2, api._transport):
        assert TOKEN not in repr(shown)
        assert TOKEN not in str(shown)


def _chain(failure: BaseException) -> list[BaseException]:
    """``failure`` and every exception chained to it as ``__cause__`` or ``__context__``."""
    links: list[BaseException] = []
    link: Optional[BaseException] = failure
    while link is not None and not any(link is seen for seen in links):
        links.append(link)
        link = link.__cause__ or link.__context__
    return links


def test_token_is_not_reachable_through_chained_exceptions(
    api: Api, server: LoopbackServer, other_host: LoopbackServer, tmp_path: Path, sleeps: list[float]
) -> None:
    """requests' exceptions keep the prepared request, token header included: none may hang off ours."""
    failures = _failures(api, server, other_host, tmp_path)

    assert any(isinstance(f, error.CircleCIConnectionError) for f in failures)
    for failure in failures:
        for link in _chain(failure):
            assert TOKEN not in str(link)
            assert TOKEN not in repr(link.args)
            response = getattr(link, "response", None)
            for sent in (getattr(link, "request", None), getattr(response, "request", None)):
                if sent is not None:
                    assert TOKEN not in str(sent.url)
                    assert TOKEN not in str(dict(sent.headers))


def test_error_response_has_its_token_header_masked(
    api: Api, server: LoopbackServer, other_host: LoopbackServer
) -> None:
    api._transport.session.headers["Authorization"] = "Basic dG9rOg=="
    server.script(Reply(status=302, headers={"Location": "/api/v1.1/moved"}), json_reply({"message": "x"}, 404))

    with pytest.raises(error.NotFound) as caught:
        api.get_user_info()
    response = caught.value.response
    assert isinstance(response, requests.Response)
    for sent in (response.history[0].request, response.request):
        assert sent.headers["Circle-Token"] == "***"
        assert sent.headers["Authorization"] == "***"
    assert server.received[1].header("Circle-Token") == TOKEN


def test_anonymous_error_has_no_token_header(server: LoopbackServer) -> None:
    server.script(json_reply({"message": "x"}, 404))

    with pytest.raises(error.NotFound) as caught:
        Api(None, url=f"{server.url}/api/v1.1").get_user_info()
    assert caught.value.response is not None
    assert "Circle-Token" not in caught.value.response.request.headers


def test_safe_masks_the_token_and_any_circle_token_parameter() -> None:
    masked = Transport(TOKEN)._safe(f"https://x/a?Circle-Token=other&b=1 and {TOKEN} and circle-token={TOKEN}#f")
    assert masked == "https://x/a?Circle-Token=***&b=1 and *** and circle-token=***#f"
    assert Transport(None)._safe("circle-token=abc") == "circle-token=***"


def test_reason_drops_object_reprs_and_keeps_the_cause() -> None:
    refused = requests.exceptions.ConnectionError(OSError("<urllib3.connection.HTTPConnection object at 0x1>: refused"))
    assert transport._reason(refused) == "refused"
    assert transport._reason(requests.exceptions.InvalidURL(f"Invalid URL 'x?circle-token={TOKEN}'")).startswith(
        "Invalid URL"
    )
    assert transport._reason(requests.exceptions.ConnectionError()) == ""


def test_a_token_too_short_to_be_real_does_not_mask_words_of_messages() -> None:
    assert Transport("t")._safe("Build not found") == "Build not found"
    assert Transport("x" * 8)._safe("a xxxxxxxx b") == f"a {transport.MASK} b"
