"""``circleci.experimental.Experimental``: an Api with ``retry_no_cache``."""

from __future__ import annotations

from unittest import mock

import pytest
import responses
from responses import matchers

from circleci.api import Api
from circleci.error import InvalidArgumentError
from circleci.experimental import Experimental

BASE = "https://ci.example.test/api/v1.1"


def test_is_an_api_built_the_same_way() -> None:
    client = Experimental("token", BASE)

    assert isinstance(client, Api)
    assert client.url == BASE
    assert Experimental(None).url == "https://circleci.com/api/v1.1"


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (("org", "repo", 42), "/project/github/org/repo/42/retry"),
        (("org", "my/repo", "7", "bitbucket"), "/project/bitbucket/org/my%2Frepo/7/retry"),
    ],
)
@responses.activate(assert_all_requests_are_fired=True)
def test_retry_no_cache_posts_no_cache_body(args: tuple[object, ...], path: str) -> None:
    responses.post(
        BASE + path,
        json={"build_num": 43},
        match=[
            matchers.json_params_matcher({"no-cache": "true"}, strict_match=True),
            matchers.query_param_matcher({}, strict_match=True),
            matchers.header_matcher({"Circle-Token": "token"}),
        ],
    )

    assert Experimental("token", BASE).retry_no_cache(*args) == {"build_num": 43}  # type: ignore[arg-type]


def test_retry_no_cache_goes_through_request() -> None:
    client = Experimental("token", BASE)
    client._request = mock.MagicMock(return_value={"mocked": True})  # type: ignore[method-assign]

    assert client.retry_no_cache("org", "repo", 5) == {"mocked": True}

    client._request.assert_called_once_with("POST", "project/github/org/repo/5/retry", data={"no-cache": "true"})


@pytest.mark.parametrize("args", [("org", "repo", "x"), ("org", "", 1), ("org", "repo", 1, "gitlab"), ("org", "..", 1)])
@responses.activate
def test_retry_no_cache_refuses_bad_arguments(args: tuple[object, ...]) -> None:
    with pytest.raises(InvalidArgumentError):
        Experimental("token", BASE).retry_no_cache(*args)  # type: ignore[arg-type]

    assert not responses.calls
