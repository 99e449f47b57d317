"""circleci._operation: paths written once, in the operation record."""

from __future__ import annotations

import pytest

from circleci._operation import Operation, fill, marker
from circleci.error import InvalidArgumentError
from circleci.v2._operation import OPERATIONS
from circleci.v2.client import ApiV2


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
