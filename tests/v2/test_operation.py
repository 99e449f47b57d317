"""circleci._operation: paths written once, in the operation record."""

from __future__ import annotations

from typing import Any

import pytest
import responses

from circleci._operation import Operation, fill, marker
from circleci.error import InvalidArgumentError
from circleci.v2._operation import OPERATIONS
from circleci.v2.client import ApiV2

from .wire import Wire, check, make_api


def test_expand_fills_placeholders_in_order_slugs_keeping_their_slashes() -> None:
    record = Operation("x", "GET", "/project/{project-slug}/job/{job-number}/{name}")
    assert record.placeholders() == ["project-slug", "job-number", "name"]
    assert record.expand("gh/org/re po", 7, "a/b?") == "project/gh/org/re%20po/job/7/a%2Fb%3F"


@pytest.mark.parametrize(("placeholder", "value"), [("name", ".."), ("name", ""), ("project-slug", "gh//r")])
def test_a_value_that_could_reach_another_endpoint_is_refused(placeholder: str, value: str) -> None:
    with pytest.raises(InvalidArgumentError):
        fill(placeholder, value)


def test_the_number_of_values_must_match_the_placeholders() -> None:
    with pytest.raises(TypeError, match="takes 1 path value"):
        Operation("getThing", "GET", "/thing/{id}").expand()


def test_a_marker_records_each_operation_once() -> None:
    registry: dict[str, Operation] = {}
    operation = marker(registry)

    @operation("getThing", "GET", "/thing/{id}", paginated=True)
    def get_thing() -> None:
        """Nothing."""

    assert registry == {"getThing": Operation("getThing", "GET", "/thing/{id}", True)}
    assert get_thing.operation is registry["getThing"]  # type: ignore[attr-defined]
    operation("getThing", "GET", "/thing/{id}", paginated=True)  # the same record again is fine
    with pytest.raises(ValueError, match="recorded twice"):
        operation("getThing", "GET", "/other/{id}")


def test_every_v2_method_carries_the_record_its_requests_use() -> None:
    for name in dir(ApiV2):
        record = getattr(getattr(ApiV2, name), "operation", None)
        if record is not None:
            assert OPERATIONS[record.operation_id] is record
    assert len(OPERATIONS) == 115


def test_an_empty_required_text_field_is_refused_before_sending() -> None:
    api = make_api()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        with pytest.raises(InvalidArgumentError, match="name"):
            api.create_context(name="", owner={"id": "o-1"})
        with pytest.raises(InvalidArgumentError, match="prefix"):
            api.create_url_orb_allow_list_entry("gh/org", name="n", prefix="", auth="none")
        assert len(mock.calls) == 0


def test_a_required_field_that_is_false_or_empty_structure_is_sent() -> None:
    scope: Any = {"id": "p-1", "type": "project"}
    check(
        Wire(
            lambda api: api.create_webhook(
                name="w", events=[], url="https://h", verify_tls=False, signing_secret="s", scope=scope
            ),
            "POST",
            "/webhook",
            body={
                "name": "w",
                "events": [],
                "url": "https://h",
                "verify-tls": False,
                "signing-secret": "s",
                "scope": scope,
            },
        )
    )
