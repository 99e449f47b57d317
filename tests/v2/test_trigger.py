"""What the "Trigger" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.trigger import TriggerOperations

from .wire import Wire, cases, check, make_api, operation_methods

PROJECT = "p/../1"  # must travel as one encoded segment
PROJECT_PATH = "/projects/p%2F..%2F1"
SOURCE = {"provider": "github_app", "repo": {"external_id": "42"}}

CASES: dict[str, list[Wire]] = {
    "list_pipeline_definition_triggers": [
        Wire(
            lambda api: api.list_pipeline_definition_triggers(PROJECT, "d/1"),
            "GET",
            f"{PROJECT_PATH}/pipeline-definitions/d%2F1/triggers",
        ),
    ],
    "create_trigger": [
        Wire(
            lambda api: api.create_trigger(PROJECT, "d1", event_source=SOURCE),
            "POST",
            f"{PROJECT_PATH}/pipeline-definitions/d1/triggers",
            {},
            {"event_source": SOURCE},
        ),
        Wire(
            lambda api: api.create_trigger(
                PROJECT,
                "d1",
                event_source=SOURCE,
                event_preset="all-pushes",
                checkout_ref="main",
                config_ref="cfg",
                event_name="push",
                disabled=True,
            ),
            "POST",
            f"{PROJECT_PATH}/pipeline-definitions/d1/triggers",
            {},
            {
                "event_source": SOURCE,
                "event_preset": "all-pushes",
                "checkout_ref": "main",
                "config_ref": "cfg",
                "event_name": "push",
                "disabled": True,
            },
        ),
    ],
    "get_trigger": [
        Wire(lambda api: api.get_trigger(PROJECT, "t/1"), "GET", f"{PROJECT_PATH}/triggers/t%2F1"),
    ],
    "update_trigger": [
        Wire(
            lambda api: api.update_trigger(
                PROJECT,
                "t1",
                event_preset="only-tags",
                checkout_ref="dev",
                config_ref="cfg2",
                event_name="hook",
                disabled=False,
                event_source={"webhook": {"sender": "bot"}},
            ),
            "PATCH",
            f"{PROJECT_PATH}/triggers/t1",
            {},
            {
                "event_preset": "only-tags",
                "checkout_ref": "dev",
                "config_ref": "cfg2",
                "event_name": "hook",
                "disabled": False,
                "event_source": {"webhook": {"sender": "bot"}},
            },
        ),
        Wire(
            lambda api: api.update_trigger(PROJECT, "t1", disabled=True),
            "PATCH",
            f"{PROJECT_PATH}/triggers/t1",
            {},
            {"disabled": True},
        ),
    ],
    "delete_trigger": [
        Wire(lambda api: api.delete_trigger(PROJECT, "t 1"), "DELETE", f"{PROJECT_PATH}/triggers/t%201"),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.create_trigger(PROJECT, "d1", event_source=None),
    lambda api: api.list_pipeline_definition_triggers(PROJECT, ""),
    lambda api: api.get_trigger("", "t1"),
    lambda api: api.delete_trigger(PROJECT, None),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(TriggerOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
