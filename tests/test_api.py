"""What every :class:`circleci.api.Api` method puts on the wire, and its 1.2.2 signature."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any, Callable, NamedTuple, Optional
from unittest import mock

import pytest
import requests
import responses
from responses import matchers

from circleci.api import Api
from circleci.error import CircleCIException, InvalidArgumentError
from circleci.experimental import Experimental
from circleci.sdk import SDK

BASE = "https://ci.example.test/api/v1.1"
TOKEN = "token-from-argument"
ENV_TOKEN = "token-from-environment"
PROJECT = "/project/github/org/repo"


class Case(NamedTuple):
    """One call of an endpoint method and the request it must send."""

    call: Callable[[Api], Any]
    verb: str
    path: str
    query: dict[str, str]
    body: Optional[dict[str, Any]]


CASES: dict[str, Case] = {
    "get_user_info": Case(lambda api: api.get_user_info(), "GET", "/me", {}, None),
    "get_projects": Case(lambda api: api.get_projects(), "GET", "/projects", {}, None),
    "follow_project": Case(lambda api: api.follow_project("org", "repo"), "POST", f"{PROJECT}/follow", {}, None),
    "get_project_build_summary": Case(
        lambda api: api.get_project_build_summary("org", "repo"),
        "GET",
        PROJECT,
        {"limit": "30", "offset": "0"},
        None,
    ),
    "get_project_build_summary-all-options": Case(
        lambda api: api.get_project_build_summary(
            "org", "repo", limit=100, offset=5, status_filter="running", branch="release/1.0", vcs_type="bitbucket"
        ),
        "GET",
        "/project/bitbucket/org/repo/tree/release%2F1.0",
        {"limit": "100", "offset": "5", "filter": "running"},
        None,
    ),
    "get_recent_builds": Case(
        lambda api: api.get_recent_builds(), "GET", "/recent-builds", {"limit": "30", "offset": "0"}, None
    ),
    "get_recent_builds-page": Case(
        lambda api: api.get_recent_builds(1, 200), "GET", "/recent-builds", {"limit": "1", "offset": "200"}, None
    ),
    "get_build_info": Case(lambda api: api.get_build_info("org", "repo", 42), "GET", f"{PROJECT}/42", {}, None),
    "get_build_info-text-number-bitbucket": Case(
        lambda api: api.get_build_info("org", "repo", "42", vcs_type="bitbucket"),
        "GET",
        "/project/bitbucket/org/repo/42",
        {},
        None,
    ),
    "get_artifacts": Case(lambda api: api.get_artifacts("org", "repo", 42), "GET", f"{PROJECT}/42/artifacts", {}, None),
    "get_latest_artifact": Case(
        lambda api: api.get_latest_artifact("org", "repo"),
        "GET",
        f"{PROJECT}/latest/artifacts",
        {"filter": "completed"},
        None,
    ),
    "get_latest_artifact-branch": Case(
        lambda api: api.get_latest_artifact("org", "repo", branch="feature/x", status_filter="failed"),
        "GET",
        f"{PROJECT}/latest/artifacts",
        {"branch": "feature/x", "filter": "failed"},
        None,
    ),
    "get_test_metadata": Case(
        lambda api: api.get_test_metadata("org", "repo", 42), "GET", f"{PROJECT}/42/tests", {}, None
    ),
    "retry_build": Case(lambda api: api.retry_build("org", "repo", 42), "POST", f"{PROJECT}/42/retry", {}, None),
    "retry_build-ssh": Case(
        lambda api: api.retry_build("org", "repo", 42, ssh=True), "POST", f"{PROJECT}/42/ssh", {}, None
    ),
    "cancel_build": Case(lambda api: api.cancel_build("org", "repo", 42), "POST", f"{PROJECT}/42/cancel", {}, None),
    "add_ssh_user": Case(lambda api: api.add_ssh_user("org", "repo", 42), "POST", f"{PROJECT}/42/ssh-users", {}, None),
    "trigger_build": Case(lambda api: api.trigger_build("org", "repo"), "POST", f"{PROJECT}/tree/master", {}, {}),
    "trigger_build-all-options": Case(
        lambda api: api.trigger_build(
            "org",
            "repo",
            "release/1.0",
            "abc123",
            parallel=2,
            params={"build_parameters": {"RUN_EXTRA": "true"}},
            vcs_type="bitbucket",
        ),
        "POST",
        "/project/bitbucket/org/repo/tree/release%2F1.0",
        {},
        {"revision": "abc123", "parallel": 2, "build_parameters": {"RUN_EXTRA": "true"}},
    ),
    "trigger_build-project-level-tag": Case(
        lambda api: api.trigger_build("org", "repo", branch=None, tag="v1.0"), "POST", PROJECT, {}, {"tag": "v1.0"}
    ),
    "add_ssh_key": Case(
        lambda api: api.add_ssh_key("org", "repo", "PRIVATE"),
        "POST",
        f"{PROJECT}/ssh-key",
        {},
        {"private_key": "PRIVATE"},
    ),
    "add_ssh_key-hostname": Case(
        lambda api: api.add_ssh_key("org", "repo", "PRIVATE", hostname="git.example.com"),
        "POST",
        f"{PROJECT}/ssh-key",
        {},
        {"private_key": "PRIVATE", "hostname": "git.example.com"},
    ),
    "delete_ssh_key": Case(
        lambda api: api.delete_ssh_key("org", "repo", "aa:bb"),
        "DELETE",
        f"{PROJECT}/ssh-key",
        {},
        {"fingerprint": "aa:bb"},
    ),
    "delete_ssh_key-hostname": Case(
        lambda api: api.delete_ssh_key("org", "repo", "aa:bb", "git.example.com", "bitbucket"),
        "DELETE",
        "/project/bitbucket/org/repo/ssh-key",
        {},
        {"fingerprint": "aa:bb", "hostname": "git.example.com"},
    ),
    "list_checkout_keys": Case(
        lambda api: api.list_checkout_keys("org", "repo"), "GET", f"{PROJECT}/checkout-key", {}, None
    ),
    "list_checkout_keys-sha256": Case(
        lambda api: api.list_checkout_keys("org", "repo", digest="sha256"),
        "GET",
        f"{PROJECT}/checkout-key",
        {"digest": "sha256"},
        None,
    ),
    "create_checkout_key-deploy": Case(
        lambda api: api.create_checkout_key("org", "repo", "deploy-key"),
        "POST",
        f"{PROJECT}/checkout-key",
        {},
        {"type": "deploy-key"},
    ),
    "create_checkout_key-user": Case(
        lambda api: api.create_checkout_key("org", "repo", "github-user-key"),
        "POST",
        f"{PROJECT}/checkout-key",
        {},
        {"type": "github-user-key"},
    ),
    "get_checkout_key": Case(
        lambda api: api.get_checkout_key("org", "repo", "aa:bb"), "GET", f"{PROJECT}/checkout-key/aa%3Abb", {}, None
    ),
    "delete_checkout_key": Case(
        lambda api: api.delete_checkout_key("org", "repo", "aa:bb"),
        "DELETE",
        f"{PROJECT}/checkout-key/aa%3Abb",
        {},
        None,
    ),
    "clear_cache": Case(lambda api: api.clear_cache("org", "repo"), "DELETE", f"{PROJECT}/build-cache", {}, None),
    "list_envvars": Case(lambda api: api.list_envvars("org", "repo"), "GET", f"{PROJECT}/envvar", {}, None),
    "add_envvar": Case(
        lambda api: api.add_envvar("org", "repo", "NAME", "secret value"),
        "POST",
        f"{PROJECT}/envvar",
        {},
        {"name": "NAME", "value": "secret value"},
    ),
    "get_envvar": Case(lambda api: api.get_envvar("org", "repo", "NAME"), "GET", f"{PROJECT}/envvar/NAME", {}, None),
    "delete_envvar": Case(
        lambda api: api.delete_envvar("org", "repo", "NAME"), "DELETE", f"{PROJECT}/envvar/NAME", {}, None
    ),
    "add_heroku_key": Case(
        lambda api: api.add_heroku_key("heroku-key"), "POST", "/user/heroku-key", {}, {"apikey": "heroku-key"}
    ),
    "add_user_ssh_key": Case(lambda api: api.add_user_ssh_key(), "POST", "/user/ssh-key", {}, None),
}


def no_body(request: requests.PreparedRequest) -> tuple[bool, str]:
    """A ``responses`` matcher for a request that carries no body at all."""
    return request.body is None, f"expected no body, got {request.body!r}"


def sent_token(token: Optional[str]) -> Callable[[requests.PreparedRequest], tuple[bool, str]]:
    """A matcher for the credentials as they are sent (the transport masks them afterwards).

    With ``token`` the request carries exactly that ``Circle-Token`` header
    and ``Accept: application/json``; with ``None`` it carries no credentials.
    """

    def match(request: requests.PreparedRequest) -> tuple[bool, str]:
        credentials = {key: value for key, value in request.headers.items() if key.lower() in CREDENTIAL_HEADERS}
        expected = {"Circle-Token": token} if token else {}
        accept = request.headers.get("Accept")
        no_query_token = "token" not in str(request.url).lower()
        ok = credentials == expected and accept == "application/json" and no_query_token
        return ok, f"credentials {list(credentials)}, Accept {accept!r}, URL {request.url}"

    return match


CREDENTIAL_HEADERS = {"circle-token", "authorization", "cookie"}


def expect(rsps: responses.RequestsMock, case: Case, payload: Any, token: Optional[str] = TOKEN) -> None:
    """Register the one request ``case`` must send, matched strictly, answering ``payload``."""
    body_matcher = no_body if case.body is None else matchers.json_params_matcher(case.body, strict_match=True)
    rsps.add(
        case.verb,
        BASE + case.path,
        json=payload,
        match=[matchers.query_param_matcher(case.query, strict_match=True), body_matcher, sent_token(token)],
    )


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    """A ``responses`` mock that fails the test when a registered answer goes unused."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mocked:
        yield mocked


@pytest.mark.parametrize("name", CASES)
def test_request_on_the_wire_with_token(rsps: responses.RequestsMock, name: str) -> None:
    case = CASES[name]
    payload = {"answer": name, "items": [1, 2, 3]}
    expect(rsps, case, payload)

    result = case.call(Api(TOKEN, BASE))

    assert result == payload
    assert len(rsps.calls) == 1


@pytest.mark.parametrize("name", CASES)
def test_no_credentials_without_token_or_environment(rsps: responses.RequestsMock, name: str) -> None:
    case = CASES[name]
    expect(rsps, case, ["decoded", "list"], token=None)

    assert case.call(Api(None, BASE)) == ["decoded", "list"]


@pytest.mark.parametrize("name", ["get_user_info", "get_build_info", "trigger_build-project-level-tag"])
def test_token_from_environment_when_none_given(
    rsps: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", ENV_TOKEN)
    case = CASES[name]
    expect(rsps, case, {"ok": True}, token=ENV_TOKEN)

    assert case.call(Api(None, BASE)) == {"ok": True}


def test_given_token_wins_over_environment(rsps: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", ENV_TOKEN)
    expect(rsps, CASES["get_user_info"], {}, token=TOKEN)

    Api(TOKEN, BASE).get_user_info()


def test_default_url_is_circleci_v1_1() -> None:
    assert Api(None).url == "https://circleci.com/api/v1.1"
    assert Api(TOKEN, url=BASE + "/").url == BASE


@pytest.mark.parametrize("name", CASES)
def test_every_endpoint_goes_through_request(name: str) -> None:
    case = CASES[name]
    api = Api(TOKEN, BASE)
    api._request = mock.MagicMock(return_value={"mocked": name})  # type: ignore[method-assign]

    assert case.call(api) == {"mocked": name}

    api._request.assert_called_once()
    verb, endpoint = api._request.call_args.args[:2]
    assert (verb, "/" + endpoint) == (case.verb, case.path)


def test_download_artifact_goes_through_download() -> None:
    api = Api(TOKEN, BASE)
    api._download = mock.MagicMock(return_value="/tmp/x")  # type: ignore[method-assign]

    assert api.download_artifact("https://output.example/a.txt", "/tmp", "x") == "/tmp/x"

    api._download.assert_called_once_with("https://output.example/a.txt", "/tmp", "x")


def test_request_with_bad_verb_sends_nothing(rsps: responses.RequestsMock) -> None:
    from circleci.error import BadVerbError

    with pytest.raises(BadVerbError) as raised:
        Api(TOKEN, BASE)._request("BAD", "x")

    assert str(raised.value) == "BAD is invalid. verb must be one of 'GET', 'POST', or 'DELETE'"
    assert not rsps.calls


# --- encoding of path segments -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (
            lambda api: api.get_project_build_summary("org", "repo", branch="release/1.0"),
            f"{PROJECT}/tree/release%2F1.0",
        ),
        (lambda api: api.trigger_build("org", "repo", "feature/a b"), f"{PROJECT}/tree/feature%2Fa%20b"),
        (lambda api: api.get_build_info("org", "a/../b", 1), "/project/github/org/a%2F..%2Fb/1"),
        (lambda api: api.get_build_info("org", "...", 1), "/project/github/org/.../1"),
        (lambda api: api.get_build_info(".org", "repo.", 1), "/project/github/.org/repo./1"),
        (lambda api: api.follow_project("org?x=1", "repo#frag"), "/project/github/org%3Fx%3D1/repo%23frag/follow"),
        (lambda api: api.get_envvar("org", "repo", "../../me"), f"{PROJECT}/envvar/..%2F..%2Fme"),
        (lambda api: api.delete_checkout_key("org", "repo", "ab/cd"), f"{PROJECT}/checkout-key/ab%2Fcd"),
    ],
)
def test_path_segments_are_encoded(rsps: responses.RequestsMock, call: Callable[[Api], Any], path: str) -> None:
    rsps.add_callback(responses.GET, BASE + path, callback=lambda request: (200, {}, "{}"))
    rsps.add_callback(responses.POST, BASE + path, callback=lambda request: (200, {}, "{}"))
    rsps.add_callback(responses.DELETE, BASE + path, callback=lambda request: (200, {}, "{}"))
    rsps.assert_all_requests_are_fired = False

    call(Api(TOKEN, BASE))

    (sent,) = rsps.calls
    assert sent.request.path_url.split("?")[0] == "/api/v1.1" + path


# --- arguments refused before anything is sent --------------------------------------------------------------------

REFUSED: dict[str, Callable[[Api], Any]] = {
    "unknown vcs_type": lambda api: api.follow_project("org", "repo", vcs_type="gitlab"),
    "vcs_type in capitals": lambda api: api.get_build_info("org", "repo", 1, vcs_type="GitHub"),
    "empty username": lambda api: api.get_build_info("", "repo", 1),
    "empty project": lambda api: api.list_envvars("org", ""),
    "username None": lambda api: api.clear_cache(None, "repo"),  # type: ignore[arg-type]
    "project ..": lambda api: api.get_build_info("org", "..", 1),
    "username .": lambda api: api.list_envvars(".", "repo"),
    "branch ..": lambda api: api.get_project_build_summary("org", "repo", branch=".."),
    "envvar name ..": lambda api: api.delete_envvar("org", "repo", ".."),
    "fingerprint .": lambda api: api.get_checkout_key("org", "repo", "."),
    "empty envvar name to get": lambda api: api.get_envvar("org", "repo", ""),
    "empty envvar name to add": lambda api: api.add_envvar("org", "repo", "", "value"),
    "empty envvar name to delete": lambda api: api.delete_envvar("org", "repo", ""),
    "empty checkout fingerprint": lambda api: api.get_checkout_key("org", "repo", ""),
    "empty checkout fingerprint to delete": lambda api: api.delete_checkout_key("org", "repo", ""),
    "empty ssh fingerprint": lambda api: api.delete_ssh_key("org", "repo", ""),
    "empty branch": lambda api: api.trigger_build("org", "repo", branch=""),
    "tag with revision": lambda api: api.trigger_build("org", "repo", revision="abc", tag="v1"),
    "tag with revision at project level": lambda api: api.trigger_build("org", "repo", None, "abc", "v1"),
    "limit 0": lambda api: api.get_project_build_summary("org", "repo", limit=0),
    "limit 101": lambda api: api.get_project_build_summary("org", "repo", limit=101),
    "limit as other text": lambda api: api.get_recent_builds(limit="3O"),
    "limit True": lambda api: api.get_recent_builds(limit=True),
    "recent limit 0": lambda api: api.get_recent_builds(limit=0),
    "negative offset": lambda api: api.get_project_build_summary("org", "repo", offset=-1),
    "recent negative offset": lambda api: api.get_recent_builds(offset=-30),
    "build_num text": lambda api: api.get_build_info("org", "repo", "abc"),
    "build_num with path": lambda api: api.get_artifacts("org", "repo", "1/../2"),
    "build_num zero": lambda api: api.cancel_build("org", "repo", 0),
    "build_num negative": lambda api: api.retry_build("org", "repo", -3),
    "build_num float": lambda api: api.add_ssh_user("org", "repo", 1.5),  # type: ignore[arg-type]
    "build_num None": lambda api: api.get_test_metadata("org", "repo", None),  # type: ignore[arg-type]
    "build_num True": lambda api: api.get_build_info("org", "repo", True),
}


@pytest.mark.parametrize("reason", REFUSED)
def test_bad_arguments_are_refused_before_sending(rsps: responses.RequestsMock, reason: str) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        REFUSED[reason](Api(TOKEN, BASE))

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, CircleCIException)
    assert " is invalid. " in str(raised.value)
    assert not rsps.calls


# --- the 1.2.2 signatures, as the manual lists them ----------------------------------------------------------------

GITHUB = "vcs_type='github'"
MANUAL_SIGNATURES: dict[tuple[type, str], str] = {
    (Api, "__init__"): "token, url='https://circleci.com/api/v1.1'",
    (Api, "_download"): "url, destdir=None, filename=None",
    (Api, "_request"): "verb, endpoint, data=None",
    (Api, "add_envvar"): f"username, project, name, value, {GITHUB}",
    (Api, "add_heroku_key"): "apikey",
    (Api, "add_ssh_key"): f"username, project, ssh_key, {GITHUB}, hostname=None",
    (Api, "add_ssh_user"): f"username, project, build_num, {GITHUB}",
    (Api, "cancel_build"): f"username, project, build_num, {GITHUB}",
    (Api, "clear_cache"): f"username, project, {GITHUB}",
    (Api, "create_checkout_key"): f"username, project, key_type, {GITHUB}",
    (Api, "delete_checkout_key"): f"username, project, fingerprint, {GITHUB}",
    (Api, "delete_envvar"): f"username, project, name, {GITHUB}",
    (Api, "download_artifact"): "url, destdir=None, filename=None",
    (Api, "follow_project"): f"username, project, {GITHUB}",
    (Api, "get_artifacts"): f"username, project, build_num, {GITHUB}",
    (Api, "get_build_info"): f"username, project, build_num, {GITHUB}",
    (Api, "get_checkout_key"): f"username, project, fingerprint, {GITHUB}",
    (Api, "get_envvar"): f"username, project, name, {GITHUB}",
    (Api, "get_latest_artifact"): f"username, project, branch=None, status_filter='completed', {GITHUB}",
    (Api, "get_project_build_summary"): (
        f"username, project, limit=30, offset=0, status_filter=None, branch=None, {GITHUB}"
    ),
    (Api, "get_projects"): "",
    (Api, "get_recent_builds"): "limit=30, offset=0",
    (Api, "get_test_metadata"): f"username, project, build_num, {GITHUB}",
    (Api, "get_user_info"): "",
    (Api, "list_checkout_keys"): f"username, project, {GITHUB}",
    (Api, "list_envvars"): f"username, project, {GITHUB}",
    (Api, "retry_build"): f"username, project, build_num, ssh=False, {GITHUB}",
    (Api, "trigger_build"): (
        f"username, project, branch='master', revision=None, tag=None, parallel=None, params=None, {GITHUB}"
    ),
    # v1.1 endpoints that 1.2.2 lacked (issue 2).
    (Api, "add_user_ssh_key"): "",
    (Api, "delete_ssh_key"): f"username, project, fingerprint, hostname=None, {GITHUB}",
    (Experimental, "__init__"): "token, url='https://circleci.com/api/v1.1'",
    (Experimental, "retry_no_cache"): f"username, project, build_num, {GITHUB}",
    (SDK, "__init__"): "apiclient, logger=None",
    (SDK, "build_singleton"): f"username, project, {GITHUB}",
}


def positional_signature(func: Callable[..., Any]) -> str:
    """The parameters a 1.2.2 caller can pass by position, as the manual writes them."""
    params = list(inspect.signature(func).parameters.values())[1:]  # without self
    assert all(p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY) for p in params)
    return ", ".join(
        p.name if p.default is p.empty else f"{p.name}={p.default!r}"
        for p in params
        if p.kind is p.POSITIONAL_OR_KEYWORD
    )


@pytest.mark.parametrize(("cls", "method"), MANUAL_SIGNATURES, ids=lambda v: v if isinstance(v, str) else v.__name__)
def test_signature_matches_manual(cls: type, method: str) -> None:
    func = getattr(cls, method)

    assert positional_signature(func) == MANUAL_SIGNATURES[cls, method]
    added = [p for p in inspect.signature(func).parameters.values() if p.kind is p.KEYWORD_ONLY]
    assert all(p.default is not p.empty for p in added), "new options must be optional"


def test_every_public_endpoint_is_in_the_table() -> None:
    public = {name for name, _ in inspect.getmembers(Api, inspect.isfunction) if not name.startswith("_")}
    public.remove("close")
    assert public == {method for cls, method in MANUAL_SIGNATURES if cls is Api and not method.startswith("_")}
    assert public - {"download_artifact"} == {name.split("-")[0] for name in CASES}
