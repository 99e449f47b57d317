"""The helpers v1.1, v2 and v3 share: one URL rule, one limit check, one way to name a refused method."""

from __future__ import annotations

import pytest
import responses

from circleci import _sunset
from circleci._args import method_name, walk_limit
from circleci._client import BaseClient, versioned_url
from circleci.api import Api
from circleci.error import InvalidArgumentError
from circleci.transport import BEARER
from circleci.v2 import ApiV2
from circleci.v3 import ApiV3
from circleci.v3.client import v3_url


@pytest.mark.parametrize(
    ("url", "version", "expected"),
    [
        ("https://circleci.com/api/v1.1", "v2", "https://circleci.com/api/v2"),
        ("https://circleci.com/api/V1/", "v3", "https://circleci.com/api/v3"),
        ("https://ci.example.com/api/v2", "v3", "https://ci.example.com/api/v3"),
        ("https://ci.example.com/custom", "v2", "https://ci.example.com/custom/v2"),
        ("https://ci.example.com", "v3", "https://ci.example.com/v3"),
        ("http://127.0.0.1:8080/api/v1.1?x=1", "v2", "http://127.0.0.1:8080/api/v2?x=1"),
    ],
)
def test_one_rule_derives_every_versioned_url(url: str, version: str, expected: str) -> None:
    assert versioned_url(url, version) == expected
    if version == "v3":
        assert v3_url(url) == expected


def test_the_clients_use_that_rule() -> None:
    api = Api("t", "https://ci.example.com/api/v1.1")
    assert api.v2.url == "https://ci.example.com/api/v2"
    assert api.v3.url == api.v2.v3.url == "https://ci.example.com/api/v3"


def test_only_v3_sends_the_token_as_bearer() -> None:
    assert BaseClient._AUTH is None
    assert Api._AUTH is None and ApiV2._AUTH is None
    assert ApiV3._AUTH == BEARER


@responses.activate
def test_the_shared_funnel_sends_each_versions_header() -> None:
    responses.get("https://ci.example.com/api/v2/me", json={"id": "u"})
    responses.get("https://ci.example.com/api/v3/whatever", json={"ok": True})
    ApiV2("tok-v2-0123456789", "https://ci.example.com/api/v2")._request("GET", "me")
    ApiV3("tok-v3-0123456789", "https://ci.example.com/api/v3")._request("GET", "whatever")
    v2_headers, v3_headers = (call.request.headers for call in responses.calls)
    assert v2_headers["Circle-Token"] == "tok-v2-0123456789" and "Authorization" not in v2_headers
    assert v3_headers["Authorization"] == "Bearer tok-v3-0123456789" and "Circle-Token" not in v3_headers


@pytest.mark.parametrize("limit", [None, 0, 1, 500])
def test_walk_limit_passes_none_and_whole_numbers(limit: int | None) -> None:
    assert walk_limit(limit) == limit


@pytest.mark.parametrize("limit", [-1, True, 1.5, "3"])
def test_walk_limit_refuses_the_rest(limit: object) -> None:
    with pytest.raises(InvalidArgumentError, match="limit must be an integer of 0 or more"):
        walk_limit(limit)


def test_both_iterates_name_a_refused_method_by_its_name() -> None:
    with ApiV2("t", "http://127.0.0.1:9") as v2, ApiV3("t", "http://127.0.0.1:9") as v3:
        with pytest.raises(InvalidArgumentError) as from_v2:
            v2.iterate(v2.get_pipeline_by_id, "x")
        with pytest.raises(InvalidArgumentError, match="not paginated") as from_v3:
            v3.iterate(v3.get_run, "r")
        with pytest.raises(InvalidArgumentError, match="not an ApiV3 endpoint") as foreign:
            v3.iterate(v2.list_pipelines)
    assert from_v2.value.argument == "get_pipeline_by_id"
    assert from_v3.value.argument == "get_run"
    assert foreign.value.argument == "list_pipelines"
    assert method_name(len) == "len"
    assert method_name(object()).startswith("<object object")


@pytest.mark.parametrize(
    ("vcs_type", "username", "project", "slug"),
    [
        ("github", "org", "repo", "gh/org/repo"),
        ("gh", "org", "repo", "gh/org/repo"),
        ("bitbucket", "org", "repo", "bb/org/repo"),
        ("bb", "org", "repo", "bb/org/repo"),
        ("github", 123, 456, "gh/123/456"),
    ],
)
def test_the_sunset_bridge_builds_v2_slugs_as_project_slug_does(
    vcs_type: str, username: str, project: str, slug: str
) -> None:
    assert _sunset.Project(vcs_type, username, project).slug == slug


def test_the_sunset_bridge_refuses_a_name_that_would_change_the_slug() -> None:
    with pytest.raises(InvalidArgumentError, match="without '/'"):
        _sunset.Project("github", "org/extra", "repo").slug  # noqa: B018


def test_cancel_error_lives_with_the_other_sdk_errors() -> None:
    from circleci import error, sdk

    assert sdk.CancelError is error.CancelError
    assert error.CancelError.__module__ == "circleci.error"
    assert "CancelError" in error.__all__ and "CancelError" in sdk.__all__
    exc = error.CancelError("1 of 2 refused", cancelled=[{"id": "w1"}], refused={"w2": "finished"})
    assert isinstance(exc, error.CircleCIException)
    assert str(exc) == "1 of 2 refused" and exc.refused == {"w2": "finished"} and exc.cancelled == [{"id": "w1"}]
