"""What the "Policy Management" methods of ApiV2 put on the wire."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v2.policy import PolicyOperations

from .wire import Wire, cases, check, make_api, operation_methods

OWNER = "own/er"  # must travel as one encoded segment
PREFIX = "/owner/own%2Fer/context/config"

CASES: dict[str, list[Wire]] = {
    "get_decision_logs": [
        Wire(lambda api: api.get_decision_logs("own/er", "config"), "GET", f"{PREFIX}/decision"),
        Wire(
            lambda api: api.get_decision_logs(
                OWNER,
                "config",
                status="PASS",
                after="2025-01-01T00:00:00Z",
                before="2025-02-01T00:00:00Z",
                branch="feature/x",
                project_id="p1",
                build_number="7",
                offset=20,
            ),
            "GET",
            f"{PREFIX}/decision",
            {
                "status": "PASS",
                "after": "2025-01-01T00:00:00Z",
                "before": "2025-02-01T00:00:00Z",
                "branch": "feature/x",
                "project_id": "p1",
                "build_number": "7",
                "offset": "20",
            },
        ),
    ],
    "make_decision": [
        Wire(
            lambda api: api.make_decision(OWNER, "config", input="version: 2.1"),
            "POST",
            f"{PREFIX}/decision",
            {},
            {"input": "version: 2.1"},
        ),
        Wire(
            lambda api: api.make_decision(OWNER, "config", input="version: 2.1", metadata={"branch": "main"}),
            "POST",
            f"{PREFIX}/decision",
            {},
            {"input": "version: 2.1", "metadata": {"branch": "main"}},
        ),
    ],
    "get_decision_settings": [
        Wire(lambda api: api.get_decision_settings(OWNER, "config"), "GET", f"{PREFIX}/decision/settings"),
    ],
    "set_decision_settings": [
        Wire(
            lambda api: api.set_decision_settings(OWNER, "config", enabled=False),
            "PATCH",
            f"{PREFIX}/decision/settings",
            {},
            {"enabled": False},
        ),
        Wire(lambda api: api.set_decision_settings(OWNER, "config"), "PATCH", f"{PREFIX}/decision/settings", {}, {}),
    ],
    "get_decision_log": [
        Wire(lambda api: api.get_decision_log(OWNER, "config", "d/1"), "GET", f"{PREFIX}/decision/d%2F1"),
    ],
    "get_decision_log_policy_bundle": [
        Wire(
            lambda api: api.get_decision_log_policy_bundle(OWNER, "con fig", "d?1"),
            "GET",
            "/owner/own%2Fer/context/con%20fig/decision/d%3F1/policy-bundle",
        ),
    ],
    "get_policy_bundle": [
        Wire(lambda api: api.get_policy_bundle(OWNER, "config"), "GET", f"{PREFIX}/policy-bundle"),
    ],
    "create_policy_bundle": [
        Wire(
            lambda api: api.create_policy_bundle(OWNER, "config", policies={"a.rego": "package org"}, dry=True),
            "POST",
            f"{PREFIX}/policy-bundle",
            {"dry": "true"},
            {"policies": {"a.rego": "package org"}},
        ),
        Wire(lambda api: api.create_policy_bundle(OWNER, "config"), "POST", f"{PREFIX}/policy-bundle", {}, {}),
    ],
    "get_policy_document": [
        Wire(lambda api: api.get_policy_document(OWNER, "config", "a/b"), "GET", f"{PREFIX}/policy-bundle/a%2Fb"),
    ],
}

REFUSED: list[Callable[[ApiV2], Any]] = [
    lambda api: api.make_decision(OWNER, "config", input=None),
    lambda api: api.get_policy_bundle("", "config"),
    lambda api: api.get_policy_bundle(OWNER, None),
    lambda api: api.get_policy_document(OWNER, "config", ""),
    lambda api: api.get_decision_log(OWNER, "config", ".."),
]


@pytest.mark.parametrize("case", cases(CASES))
def test_request_on_the_wire(case: Wire) -> None:
    check(case)


def test_every_operation_is_checked() -> None:
    assert set(CASES) == operation_methods(PolicyOperations)


@pytest.mark.parametrize("call", REFUSED)
def test_missing_values_are_refused_before_sending(call: Callable[[ApiV2], Any]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True), pytest.raises(InvalidArgumentError):
        call(make_api())
