"""v2 and v3 share one mechanism: one record, one marker, one path filler, one ``_call``; one error family."""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from typing import Any, ClassVar

import pytest

from circleci import error
from circleci._operation import Operation, OperationClient, fill, marker
from circleci.error import CircleCIException, InvalidArgumentError, LookupNotFound, NotFound, PaginationLoopError
from circleci.v2 import ApiV2, PageTokenRepeated
from circleci.v3 import ApiV3, RepeatedCursorError
from circleci.v3 import LookupNotFound as V3LookupNotFound
from circleci.v3._endpoint import ENDPOINTS, Endpoint, endpoint
from circleci.v3.errors import LookupNotFound as ErrorsLookupNotFound


def test_a_v3_record_is_an_operation_reachable_under_both_names() -> None:
    record = ApiV3.get_job.endpoint  # type: ignore[attr-defined]
    assert isinstance(record, Operation) and isinstance(record, Endpoint)
    assert ApiV3.get_job.operation is record  # type: ignore[attr-defined]
    assert (record.operation_id, record.key) == ("", "GET /api/v3/jobs/{job_id}")
    assert ENDPOINTS[record.key] is record
    assert record.expand("a b/c") == "jobs/a%20b%2Fc"


def test_every_v3_method_is_in_the_registry() -> None:
    records = [getattr(ApiV3, name).operation for name in dir(ApiV3) if hasattr(getattr(ApiV3, name), "endpoint")]
    assert {record.key for record in records} == set(ENDPOINTS)


def test_the_v3_decorator_refuses_an_unknown_confidence() -> None:
    with pytest.raises(ValueError, match="unknown confidence"):
        endpoint("GET", "/api/v3/things", confidence="guess")


@pytest.mark.parametrize(("placeholder", "value", "text"), [("job-id", "a/b", "a%2Fb"), ("job_id", "a/b", "a%2Fb")])
def test_the_filler_takes_both_spellings_of_a_placeholder(placeholder: str, value: str, text: str) -> None:
    assert fill(placeholder, value) == text


@pytest.mark.parametrize("placeholder", ["job-id", "job_id"])
def test_a_missing_value_names_the_argument(placeholder: str) -> None:
    with pytest.raises(InvalidArgumentError, match="job_id"):
        fill(placeholder, None)


def test_a_job_number_must_be_a_positive_integer() -> None:
    assert fill("job-number", "12") == "12"
    with pytest.raises(InvalidArgumentError, match="job_number must be a positive integer"):
        fill("job-number", "0")


def test_a_path_without_placeholders_and_one_outside_the_root() -> None:
    assert Operation("x", "GET", "/me").expand() == "me"
    assert Endpoint("x", "GET", "/elsewhere/{id}").expand("7") == "elsewhere/7"


def test_the_marker_can_put_the_record_under_a_second_name() -> None:
    registry: dict[str, Operation] = {}
    mark = marker(registry, Operation, also="route")

    @mark("getThing", "GET", "/thing/{id}")
    def get_thing() -> None:
        """Nothing."""

    assert get_thing.route is get_thing.operation is registry["getThing"]  # type: ignore[attr-defined]


class _Stub(OperationClient):
    """A client whose transport answers every request with what it was asked."""

    _required_fields: ClassVar[Mapping[str, tuple[tuple[str, bool], ...]]] = {
        "makeThing": (("name", True), ("size", False))
    }

    def _request(self, verb: str, endpoint: str, data: Any = None, *, params: Any = None) -> Any:
        return (verb, endpoint, data, params)

    @marker({})("makeThing", "POST", "/thing/{thing-id}")
    def make_thing(self, thing_id: str, *, name: str, size: Any = None, flag: Any = None) -> Any:
        return self._call(self.make_thing, thing_id, params={"flag": flag}, body={"name": name, "size": size})


def test_call_sends_through_the_record_leaving_none_parameters_out() -> None:
    with _Stub("t", "http://127.0.0.1:9") as client:
        assert client.make_thing("a", name="n", size=0) == ("POST", "thing/a", {"name": "n", "size": 0}, None)
        assert client.make_thing("a", name="n", size=0, flag=True)[3] == {"flag": True}
        with pytest.raises(InvalidArgumentError, match="size is required"):
            client.make_thing("a", name="n")
        with pytest.raises(InvalidArgumentError):
            client.make_thing("a", name="", size=1)


def test_both_loop_errors_share_one_base() -> None:
    v2 = PageTokenRepeated("listPipelines", "t2")
    v3 = RepeatedCursorError("c1", endpoint="GET /api/v3/runs")
    for raised, repeated, walked in ((v2, "t2", "listPipelines"), (v3, "c1", "GET /api/v3/runs")):
        assert isinstance(raised, PaginationLoopError) and isinstance(raised, CircleCIException)
        assert (raised.repeated, raised.walked) == (repeated, walked)
        copy = pickle.loads(pickle.dumps(raised))
        assert type(copy) is type(raised) and str(copy) == str(raised)
    assert (v2.operation_id, v2.token, v3.cursor, v3.endpoint) == ("listPipelines", "t2", "c1", "GET /api/v3/runs")
    assert "a second time" in str(v2) and "a second time" in str(v3)


def test_the_base_loop_error_says_what_came_back() -> None:
    assert str(PaginationLoopError("tok")) == (
        "the paginated endpoint handed back 'tok' a second time; the walk stopped to avoid a loop"
    )
    assert str(PaginationLoopError("tok", "GET /x")).startswith("GET /x handed back 'tok'")
    assert "PaginationLoopError" in error.__all__ and "LookupNotFound" in error.__all__


def test_lookup_not_found_is_one_class_importable_from_three_places() -> None:
    assert LookupNotFound is V3LookupNotFound is ErrorsLookupNotFound
    raised = LookupNotFound("project", "gh/o/r", url="http://h/api/v3/projects")
    assert isinstance(raised, NotFound)
    assert str(raised) == "no project matches 'gh/o/r' (GET http://h/api/v3/projects answered an empty list)"


def test_v2_iterate_refuses_a_method_without_a_record() -> None:
    with ApiV2("t", "http://127.0.0.1:9") as api, pytest.raises(InvalidArgumentError):
        api.iterate(api.close)


def test_each_iterate_refuses_the_other_versions_methods() -> None:
    with ApiV2("t", "http://127.0.0.1:9") as v2, ApiV3("t", "http://127.0.0.1:9") as v3:
        with pytest.raises(InvalidArgumentError, match="paginated method of the client"):
            v2.iterate(v3.list_runs)
        with pytest.raises(InvalidArgumentError, match="not an ApiV3 endpoint"):
            v3.iterate(v2.list_pipelines)
