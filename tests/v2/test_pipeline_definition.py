"""What the "Pipeline Definition" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.pipeline_definition import PipelineDefinitionOperations

from .wire import Wire, cases, check, make_api, operation_methods

PROJECT = "p/../1"  # must travel as one encoded segment
PREFIX = "/projects/p%2F..%2F1/pipeline-definitions"
CONFIG = {"provider": "github_app", "repo": {"external_id": "42"}, "file_path": ".circleci/config.yml"}
CHECKOUT = {"provider": "github_app", "repo": {"external_id": "42"}}

CASES: dict[str, list[Wire]] = {
    "list_pipeline_definitions": [
        Wire(lambda api: api.list_pipeline_definitions(PROJECT), "GET", PREFIX),
    ],
    "create_pipeline_definition": [
        Wire(
            lambda api: api.create_pipeline_definition(
                PROJECT, name="build", config_source=CONFIG, checkout_source=CHECKOUT, description="main build"
            ),
            "POST",
            PREFIX,
            {},
            {"name": "build", "description": "main build", "config_source": CONFIG, "checkout_source": CHECKOUT},
        ),
        Wire(
            lambda api: api.create_pipeline_definition(
                PROJECT, name="build", config_source=CONFIG, checkout_source=CHECKOUT
            ),
            "POST",
            PREFIX,
            {},
            {"name": "build", "config_source": CONFIG, "checkout_source": CHECKOUT},
        ),
    ],
    "get_pipeline_definition": [
        Wire(lambda api: api.get_pipeline_definition(PROJECT, "d/1"), "GET", f"{PREFIX}/d%2F1"),
    ],
    "update_pipeline_definition": [
        Wire(
            lambda api: api.update_pipeline_definition(
                PROJECT,
                "d1",
                name="n",
                description="d",
                config_source={"file_path": "x.yml"},
                checkout_source=CHECKOUT,
            ),
            "PATCH",
            f"{PREFIX}/d1",
            {},
            {"name": "n", "description": "d", "config_source": {"file_path": "x.yml"}, "checkout_source": CHECKOUT},
        ),
        Wire(
            lambda api: api.update_pipeline_definition(PROJECT, "d1", description="only this"),
            "PATCH",
            f"{PREFIX}/d1",
            {},
            {"description": "only this"},
        ),
    ],
    "delete_pipeline_definition": [
        Wire(lambda api: api.delete_pipeline_definition(PROJECT, "d#1"), "DELETE", f"{PREFIX}/d%231"),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.create_pipeline_definition(PROJECT, name="", config_source=CONFIG, checkout_source=CHECKOUT),
    lambda api: api.create_pipeline_definition(PROJECT, name="b", config_source=None, checkout_source=CHECKOUT),
    lambda api: api.create_pipeline_definition(PROJECT, name="b", config_source=CONFIG, checkout_source=None),
    lambda api: api.list_pipeline_definitions(""),
    lambda api: api.delete_pipeline_definition(PROJECT, None),
    lambda api: api.get_pipeline_definition(PROJECT, ".."),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(PipelineDefinitionOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
