"""The "Schedule" operations of ApiV2 on the wire."""

from __future__ import annotations

import pytest

from circleci.error import InvalidArgumentError
from circleci.v2.schedule import ScheduleOperations

from .wire import Wire, cases, check, make_api, operation_methods

SID = "e4d5c6b7-a8b9-4c0d-9e1f-2a3b4c5d6e7f"
TIMETABLE = {"per-hour": 1, "hours-of-day": [3], "days-of-week": ["MON"]}

CASES: dict[str, list[Wire]] = {
    "list_schedules_for_project": [
        Wire(lambda api: api.list_schedules_for_project("gh/org/repo"), "GET", "/project/gh/org/repo/schedule"),
        Wire(
            lambda api: api.list_schedules_for_project("gh/org/repo", page_token="p2"),
            "GET",
            "/project/gh/org/repo/schedule",
            {"page-token": "p2"},
        ),
    ],
    "create_schedule": [
        Wire(
            lambda api: api.create_schedule(
                "gh/org/repo",
                name="nightly",
                timetable=TIMETABLE,
                attribution_actor="system",
                parameters={"branch": "main"},
            ),
            "POST",
            "/project/gh/org/repo/schedule",
            body={
                "name": "nightly",
                "timetable": TIMETABLE,
                "attribution-actor": "system",
                "parameters": {"branch": "main"},
            },
        ),
        Wire(
            lambda api: api.create_schedule(
                "gh/org/repo",
                name="nightly",
                timetable=TIMETABLE,
                attribution_actor="current",
                parameters={"tag": "v1"},
                description="every night",
            ),
            "POST",
            "/project/gh/org/repo/schedule",
            body={
                "name": "nightly",
                "timetable": TIMETABLE,
                "attribution-actor": "current",
                "parameters": {"tag": "v1"},
                "description": "every night",
            },
        ),
    ],
    "delete_schedule_by_id": [
        Wire(lambda api: api.delete_schedule_by_id("a/../b"), "DELETE", "/schedule/a%2F..%2Fb"),
    ],
    "get_schedule_by_id": [Wire(lambda api: api.get_schedule_by_id(SID), "GET", f"/schedule/{SID}")],
    "update_schedule": [
        Wire(lambda api: api.update_schedule(SID), "PATCH", f"/schedule/{SID}", body={}),
        Wire(
            lambda api: api.update_schedule(
                "a/../b",
                description="d",
                name="n",
                timetable=TIMETABLE,
                attribution_actor="current",
                parameters={"branch": "dev"},
            ),
            "PATCH",
            "/schedule/a%2F..%2Fb",
            body={
                "description": "d",
                "name": "n",
                "timetable": TIMETABLE,
                "attribution-actor": "current",
                "parameters": {"branch": "dev"},
            },
        ),
    ],
}


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(ScheduleOperations)


def test_empty_schedule_id_is_refused() -> None:
    with pytest.raises(InvalidArgumentError):
        make_api().update_schedule("", name="n")
