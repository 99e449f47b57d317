"""What every ApiV3 method puts on the wire, checked against the vendored endpoint list.

For each established endpoint of ``spec/v3-endpoints.json`` the expected
request is built from the JSON alone (path with sample ids, every query
parameter with brackets percent-encoded, every body field nested by its
dotted name) and the method is called with the arguments the naming
convention gives (``filter[x]`` -> ``filter_x``; envelope attributes by
name; ``data.references.<r>.id`` -> ``<r>_id``; flat fields by name). The
mock accepts only that request, with ``Authorization: Bearer``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
from responses.matchers import header_matcher, json_params_matcher

from circleci.v3 import ApiV3

from .spec import ESTABLISHED, method_for

URL = "http://127.0.0.1:9/api/v3"
RAW = {"get_job_stdout", "get_job_stdout_condensed", "get_job_stderr", "get_job_tests", "get_orb_version_source"}
REPLY = {"data": [], "page": {"next": None, "prev": None}}


def sample(name: str) -> Any:
    """A value for a field, by its name's convention."""
    last = name.split(".")[-1].strip("]").split("[")[-1]
    if last in ("limit", "execution", "step_num"):
        return 3
    if re.match(r"(is|enable|can)_", last) or last in ("following", "certified", "force"):
        return True
    if last in ("pr_only_branch_overrides", "project_ids"):
        return ["a", "b/c"]
    if last in ("provisioning_profiles", "updates"):
        return [{"k": "v"}]
    if last in ("parameters", "pipeline_parameters", "pipeline_values", "schedule"):
        return {"x": 1}
    return f"v-{last}"


def nest(fields: list[str]) -> dict[str, Any]:
    """Dotted field names as a nested body with sample values."""
    body: dict[str, Any] = {}
    for field in fields:
        *parents, last = field.split(".")
        place = body
        for parent in parents:
            place = place.setdefault(parent, {})
        place[last] = sample(field)
    return body


def arguments(endpoint: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The positional and keyword arguments of the call, by convention."""
    args = [f"id-{name}" for name in re.findall(r"\{(\w+)\}", endpoint["path"])]
    kwargs = {re.sub(r"^(filter|page)\[(\w+)\]$", r"\1_\2", q).replace("-", "_"): sample(q) for q in queried(endpoint)}
    body = nest(endpoint["body"])
    if "data" in body:
        kwargs.update(body["data"].get("attributes", {}))
        kwargs.update({f"{name}_id": ref["id"] for name, ref in body["data"].get("references", {}).items()})
    else:
        page = body.pop("page", None)
        kwargs.update(body)
        if page:
            kwargs.update(page_cursor=page["cursor"], page_limit=page["limit"])
    return args, kwargs


def queried(endpoint: dict[str, Any]) -> list[str]:
    """The query parameters to send: all of them, except the cursor where the limit may not go with it."""
    alone = endpoint["path"] == "/api/v3/provider/repositories"
    return [q for q in endpoint["query"] if not (alone and q == "page[cursor]")]


def _encoded(value: Any) -> str:
    return "true" if value is True else str(value)


def typed_endpoints() -> list[Any]:
    return [
        pytest.param(e, id=f"{e['verb']} {e['path']}")
        for e in ESTABLISHED
        if method_for(e["verb"], e["path"]) not in RAW | {"trigger_run"}
    ]


@pytest.mark.parametrize("endpoint", typed_endpoints())
def test_method_sends_the_endpoints_request(endpoint: dict[str, Any]) -> None:
    name = method_for(endpoint["verb"], endpoint["path"])
    args, kwargs = arguments(endpoint)
    path = endpoint["path"]
    for value in args:
        path = re.sub(r"\{\w+\}", value, path, count=1)
    body = nest(endpoint["body"])
    query = {q: _encoded(sample(q)) for q in queried(endpoint)}
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        matchers = [header_matcher({"Authorization": "Bearer t0k", "Accept": "application/json"})]
        if body:
            matchers.append(json_params_matcher(body, strict_match=True))
        mock.add(endpoint["verb"], "http://127.0.0.1:9" + path, json=REPLY, match=matchers)
        result = getattr(ApiV3("t0k", url=URL, retries=0), name)(*args, **kwargs)
        sent = mock.calls[0].request
    assert result == (None if endpoint["entity"] == "none" else REPLY)
    assert sent.method == endpoint["verb"]
    url = urlsplit(sent.url)
    assert url.path == path
    assert dict(parse_qsl(url.query)) == query
    assert "[" not in url.query and "]" not in url.query
    for name_ in queried(endpoint):
        if name_.startswith(("filter[", "page[")):
            assert name_.replace("[", "%5B").replace("]", "%5D") in url.query
    if not body:
        assert sent.body is None
    elif "data" in body:
        assert set(body) == {"data"}


@pytest.mark.parametrize("endpoint", typed_endpoints())
def test_method_without_options_sends_no_query_and_no_padding(endpoint: dict[str, Any]) -> None:
    name = method_for(endpoint["verb"], endpoint["path"])
    args, _ = arguments(endpoint)
    path = endpoint["path"]
    for value in args:
        path = re.sub(r"\{\w+\}", value, path, count=1)
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add(endpoint["verb"], "http://127.0.0.1:9" + path, json=REPLY)
        getattr(ApiV3("t0k", url=URL, retries=0), name)(*args)
        sent = mock.calls[0].request
    assert urlsplit(sent.url).query == ""
    import json

    assert sent.body is None or json.loads(sent.body) in ({}, {"data": {}})


@responses.activate
def test_trigger_run_sends_the_body_as_given() -> None:
    responses.add(
        "POST",
        URL + "/runs",
        json={"data": {"id": "r"}},
        status=201,
        match=[
            json_params_matcher({"definition_id": "d", "x": [1]}, strict_match=True),
            header_matcher({"Authorization": "Bearer t0k"}),
        ],
    )
    assert ApiV3("t0k", url=URL).trigger_run({"definition_id": "d", "x": [1]}) == {"data": {"id": "r"}}


@responses.activate
def test_stdout_sends_filters_range_and_bearer() -> None:
    responses.add(
        "GET",
        URL + "/jobs/j%2F1/stdout",
        body=b"\x1b[32mok\x1b[0m\n",
        headers={"X-Terminal": "true"},
        match=[header_matcher({"Authorization": "Bearer t0k", "Range": "bytes=5-"})],
    )
    out = ApiV3("t0k", url=URL).get_job_stdout("j/1", filter_execution=0, filter_step_num=101, offset=5)
    sent = responses.calls[0].request
    assert urlsplit(sent.url).query == "filter%5Bexecution%5D=0&filter%5Bstep_num%5D=101"
    assert out == b"\x1b[32mok\x1b[0m\n" and out.terminal and out.offset == 5 + len(out)


@pytest.mark.parametrize(
    "name, suffix", [("get_job_stderr", "stderr"), ("get_job_stdout_condensed", "stdout/condensed")]
)
@responses.activate
def test_stderr_and_condensed_send_no_range(name: str, suffix: str) -> None:
    responses.add("GET", f"{URL}/jobs/j/{suffix}", body=b"e\n", match=[header_matcher({"Authorization": "Bearer t0k"})])
    out = getattr(ApiV3("t0k", url=URL), name)("j", filter_execution=1, filter_step_num=0)
    sent = responses.calls[0].request
    assert "Range" not in sent.headers
    assert urlsplit(sent.url).query == "filter%5Bexecution%5D=1&filter%5Bstep_num%5D=0"
    assert out.text == "e\n" and not out.terminal


@responses.activate
def test_tests_and_orb_source_are_read_as_lines_and_text() -> None:
    responses.add(
        "GET",
        URL + "/jobs/j/tests",
        body=b'{"name": "a"}\n\n{"name": "b"}\n',
        content_type="application/x-ndjson",
        match=[header_matcher({"Authorization": "Bearer t0k"})],
    )
    responses.add(
        "GET",
        URL + "/orb/versions/v/source",
        body="version: 2.1\n",
        content_type="text/plain",
        match=[header_matcher({"Authorization": "Bearer t0k"})],
    )
    api = ApiV3("t0k", url=URL)
    assert list(api.get_job_tests("j")) == [{"name": "a"}, {"name": "b"}]
    assert api.get_orb_version_source("v") == "version: 2.1\n"
