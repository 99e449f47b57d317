"""Operation methods keep working when a test wraps or replaces them (mock.patch.object with wraps=, wrappers)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
import responses

from circleci.error import InvalidArgumentError
from circleci.v2 import ApiV2
from circleci.v3 import ApiV3

V2 = "https://circleci.example.com/api/v2"
V3 = "https://circleci.example.com/api/v3"


@responses.activate
def test_a_v2_method_wrapped_by_a_mock_on_the_instance_or_the_class() -> None:
    responses.get(f"{V2}/pipeline/p-1", json={"id": "p-1"})
    client = ApiV2("token", V2)
    with mock.patch.object(client, "get_pipeline_by_id", wraps=client.get_pipeline_by_id) as spy:
        assert client.get_pipeline_by_id("p-1") == {"id": "p-1"}
    spy.assert_called_once_with("p-1")
    with mock.patch.object(ApiV2, "get_pipeline_by_id", autospec=True, side_effect=ApiV2.get_pipeline_by_id) as spy:
        assert client.get_pipeline_by_id("p-1") == {"id": "p-1"}
    assert spy.call_count == 1
    assert [call.request.url for call in responses.calls] == [f"{V2}/pipeline/p-1"] * 2


@responses.activate
def test_a_v3_method_replaced_by_a_wrapper_that_calls_the_original() -> None:
    responses.get(f"{V3}/jobs/j-1", json={"data": {"id": "j-1"}})
    responses.get(f"{V3}/jobs/j-1/stdout", body=b"hello\n")
    client = ApiV3("token", V3)
    calls: list[str] = []
    original, original_stdout = client.get_job, client.get_job_stdout

    def wrapper(job_id: str) -> Any:
        calls.append(job_id)
        return original(job_id)

    def stdout_wrapper(job_id: str, **options: Any) -> Any:
        calls.append(f"stdout {job_id}")
        return original_stdout(job_id, **options)

    client.get_job = wrapper  # type: ignore[method-assign]
    client.get_job_stdout = stdout_wrapper  # type: ignore[method-assign]

    assert client.get_job("j-1") == {"data": {"id": "j-1"}}
    assert bytes(client.get_job_stdout("j-1")) == b"hello\n"
    assert calls == ["j-1", "stdout j-1"]


def test_the_funnel_refuses_a_request_from_outside_an_operation_method() -> None:
    client = ApiV2("token", V2)
    with pytest.raises(InvalidArgumentError, match="sent from its method"):
        client._call(lambda: None)
