"""Objects inside a v2 request body must hold what the spec requires of them; checked before sending."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2

URL = "https://circleci.example.com/api/v2"
TIMETABLE = {"per-hour": 1, "hours-of-day": [1], "days-of-week": ["MON"]}


@pytest.fixture
def client() -> ApiV2:
    return ApiV2("token", URL)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.create_context(name="c", owner={"type": "organization"}), "owner must have 'id' or 'slug'"),
        (
            lambda c: c.create_schedule(
                "gh/o/r", name="s", timetable={"per-hour": 1}, attribution_actor="current", parameters={}
            ),
            "timetable must have 'per-hour' and 'hours-of-day' and 'days-of-week' or",
        ),
        (
            lambda c: c.create_webhook(
                name="w",
                events=["job-completed"],
                url="https://x",
                verify_tls=True,
                signing_secret="",
                scope={"id": "x"},
            ),
            "scope must have 'id' and 'type'",
        ),
    ],
)
def test_an_incomplete_object_is_refused_before_sending(
    client: ApiV2, call: Callable[[ApiV2], Any], message: str
) -> None:
    with responses.RequestsMock() as rsps, pytest.raises(InvalidArgumentError, match=message):
        call(client)
    assert len(rsps.calls) == 0


@responses.activate
def test_either_choice_is_accepted(client: ApiV2) -> None:
    responses.post(f"{URL}/context", json={"id": "c-1"})
    responses.post(f"{URL}/project/gh/o/r/schedule", json={"id": "s-1"})
    client.create_context(name="c", owner={"slug": "gh/o"})
    client.create_context(name="c", owner={"id": "5b0f5d6a-0000-4000-8000-000000000000", "type": "organization"})
    monthly = {"per-hour": 1, "hours-of-day": [1], "days-of-month": [1]}
    for timetable in (TIMETABLE, monthly):
        client.create_schedule("gh/o/r", name="s", timetable=timetable, attribution_actor="current", parameters={})  # type: ignore[arg-type]
    assert len(responses.calls) == 4
