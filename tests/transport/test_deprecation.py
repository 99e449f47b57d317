"""Deprecation and Sunset headers warn once per endpoint, at the caller's line."""

from __future__ import annotations

import warnings

import pytest

from circleci import error
from circleci.api import Api
from circleci.transport import Transport

from .servers import LoopbackServer, json_reply

SUNSET = "Mon, 01 Feb 2027 00:00:00 GMT"


def _warnings_of(calls: list) -> list[warnings.WarningMessage]:  # type: ignore[type-arg]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for call in calls:
            call()
    return [w for w in caught if issubclass(w.category, error.CircleCIDeprecationWarning)]


def test_one_warning_per_endpoint_naming_the_sunset(api: Api, server: LoopbackServer) -> None:
    server.script(json_reply({"build_num": 1}, Deprecation="true", Sunset=SUNSET))

    caught = _warnings_of([lambda n=n: api.get_build_info("org", "repo", n) for n in (1, 2, 3)])

    assert len(caught) == 1
    assert str(caught[0].message) == (
        "GET /api/v1.1/project/github/org/repo/{id} is deprecated by CircleCI; CircleCI removes it on 2027-02-01"
    )
    assert issubclass(caught[0].category, DeprecationWarning)
    assert caught[0].filename == __file__
    assert len(server.received) == 3


def test_each_endpoint_warns_once(api: Api, server: LoopbackServer) -> None:
    server.script(json_reply({}, Deprecation="true"))

    caught = _warnings_of([api.get_user_info, api.get_projects, api.get_user_info, api.get_projects])

    assert [str(w.message) for w in caught] == [
        "GET /api/v1.1/me is deprecated by CircleCI",
        "GET /api/v1.1/projects is deprecated by CircleCI",
    ]


def test_sunset_that_is_not_a_date_is_quoted_as_sent(api: Api, server: LoopbackServer) -> None:
    server.script(json_reply({}, Sunset="soon"))

    caught = _warnings_of([api.get_user_info])

    assert [str(w.message) for w in caught] == [
        "GET /api/v1.1/me is deprecated by CircleCI; CircleCI removes it on soon"
    ]


def test_a_deprecated_error_still_raises(api: Api, server: LoopbackServer) -> None:
    server.script(json_reply({"message": "nope"}, 404, Deprecation="true"))

    with pytest.warns(error.CircleCIDeprecationWarning), pytest.raises(error.NotFound):
        api.get_user_info()


def test_uuids_count_as_one_endpoint(server: LoopbackServer) -> None:
    server.script(json_reply({}, Deprecation="true"))
    client = Transport(None)
    ids = ["5034460f-c7c4-4c43-9457-de07e2029e7b", "9D3F0C2A-1B4E-4E6F-8A0B-2C4D6E8F0A1B"]

    caught = _warnings_of(
        [lambda pipeline=p: client.request("GET", f"{server.url}/api/v2/pipeline/{pipeline}/config") for p in ids]
    )

    assert [str(w.message) for w in caught] == ["GET /api/v2/pipeline/{id}/config is deprecated by CircleCI"]
