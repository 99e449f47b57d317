"""Checking what a v2 method puts on the wire, with ``responses``.

A :class:`Wire` case describes one call and the one request it must send:
verb, encoded path, the exact query and the exact JSON body (or none).
:func:`check` makes the call against a strict mock that fails on any other
request and on a registered request that is never sent.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Optional

import requests
import responses
from responses.matchers import json_params_matcher, query_param_matcher

from circleci.v2 import ApiV2

URL = "http://127.0.0.1:9/api/v2"
REPLY: dict[str, Any] = {"items": [], "next_page_token": None, "echo": "decoded"}


def make_api() -> ApiV2:
    """A client that can reach nothing but the mock."""
    return ApiV2("t0k", url=URL, retries=0)


class Wire(NamedTuple):
    """One call and the request it must send."""

    call: Callable[[ApiV2], Any]
    verb: str
    path: str
    params: Optional[dict[str, Any]] = None
    body: Optional[Any] = None


def _no_body(request: requests.PreparedRequest) -> tuple[bool, str]:
    """A matcher accepting only requests without a body."""
    return request.body is None, f"expected no body, got {request.body!r}"


def check(case: Wire) -> None:
    """Make the call and assert it sent exactly the request described and returned the decoded reply."""
    body = _no_body if case.body is None else json_params_matcher(case.body, strict_match=True)
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add(
            case.verb,
            URL + case.path,
            json=REPLY,
            match=[query_param_matcher(case.params or {}, strict_match=True), body],
        )
        assert case.call(make_api()) == REPLY
        assert len(mock.calls) == 1


def cases(table: dict[str, list[Wire]]) -> list[Any]:
    """``pytest.param``s for a table of method name -> cases, with readable ids."""
    import pytest

    return [
        pytest.param(case, id=f"{name}-{index}") for name, wires in table.items() for index, case in enumerate(wires)
    ]


def operation_methods(cls: type) -> set[str]:
    """Names of the methods a tag class defines that carry an ``operation`` record."""
    return {name for name, value in vars(cls).items() if hasattr(value, "operation")}
