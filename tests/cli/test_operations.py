"""Generated operation commands: ``circleci-py v1 ...`` and ``circleci-py v2 ...`` against FakeCircleCI."""

from __future__ import annotations

import inspect
from typing import Any, NamedTuple, Optional

import pytest

from circleci._client import BaseClient
from circleci.api import Api
from circleci.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, build_parser, operations
from circleci.testing import FakeCircleCI
from circleci.v2 import ApiV2

from .conftest import SLUG, Sent


def test_every_public_method_of_each_client_is_a_command() -> None:
    parser = build_parser()
    groups = {action.dest: action for action in parser._subparsers._group_actions}  # type: ignore[union-attr]
    commands = groups["command"].choices  # type: ignore[attr-defined]
    for entry in operations.CLIENTS:
        group = commands[entry.name]._subparsers._group_actions[0].choices
        names = {name for name, _ in operations.methods(entry)}
        assert set(group) == {name.replace("_", "-") for name in names}
    v2 = {name for name, _ in operations.methods(operations.CLIENTS[1])}
    assert v2 == {name for name in dir(ApiV2) if hasattr(getattr(ApiV2, name), "operation")}
    v1 = {name for name, _ in operations.methods(operations.CLIENTS[0])}
    assert {"get_build_info", "trigger_build", "get_user_info"} <= v1
    assert not v1 & {"close", "download_artifact", "v2", "token"}


def test_get_current_user_prints_json(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("v2", "get-current-user")

    assert result.status == EXIT_OK
    assert result.json["login"] == "fake-user"
    assert result.err == ""


def test_v1_positional_arguments(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("v1", "get-build-info", "acme", "widget", "1")

    assert result.status == EXIT_OK
    assert result.json["build_num"] == 1 and result.json["reponame"] == "widget"


def test_options_are_json_when_they_parse_and_text_otherwise(fake: FakeCircleCI, cli: Any, sent: list[Sent]) -> None:
    result = cli("v1", "get-project-build-summary", "acme", "widget", "--limit", "2", "--branch", "main")

    assert result.status == EXIT_OK
    assert len(result.json) == 2
    assert {build["branch"] for build in result.json} == {"main"}
    assert sent[-1].params == {"limit": 2, "offset": 0}
    assert sent[-1].url.endswith("/project/github/acme/widget/tree/main")


def test_option_values() -> None:
    assert operations.option_value("3", None) == 3
    assert operations.option_value("true", None) is True
    assert operations.option_value('{"a": [1]}', None) == {"a": [1]}
    assert operations.option_value("main", None) == "main"
    assert operations.option_value("123", "github") == "123"  # a text default keeps text


def test_all_walks_every_page(fake: FakeCircleCI, cli: Any) -> None:
    fake.state.page_size = 2
    with ApiV2(fake.token, fake.url_v2) as v2:
        expected = [pipeline["id"] for pipeline in v2.iterate(v2.list_pipelines_for_project, SLUG)]
        first_page = v2.list_pipelines_for_project(SLUG)
    assert first_page["next_page_token"], "the fake's history should span pages"

    everything = cli("v2", "list-pipelines-for-project", SLUG, "--all")
    some = cli("v2", "list-pipelines-for-project", SLUG, "--all", "--max-items", "3")
    page = cli("v2", "list-pipelines-for-project", SLUG)

    assert everything.status == some.status == page.status == EXIT_OK
    assert [pipeline["id"] for pipeline in everything.json] == expected
    assert [pipeline["id"] for pipeline in some.json] == expected[:3]
    assert page.json["next_page_token"] == first_page["next_page_token"]


def test_required_keyword_only_option(fake: FakeCircleCI, cli: Any) -> None:
    missing = cli("v2", "continue-pipeline", "--configuration", "{}")

    assert missing.status == EXIT_USAGE
    assert "--continuation-key" in missing.err


def test_a_url_given_as_slug_is_named_as_given(fake: FakeCircleCI, cli: Any, sent: list[Sent]) -> None:
    result = cli("v2", "get-project-by-slug", "https://github.com/acme/widget")

    assert result.status == EXIT_USAGE
    assert "'https://github.com/acme/widget' looks like a URL" in result.err
    assert "gh/your-org/your-repo" in result.err
    assert "empty" not in result.err
    assert sent == []


def test_a_slug_with_an_empty_part_is_refused(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("v2", "get-project-by-slug", "gh//widget")

    assert result.status == EXIT_USAGE
    assert "'gh//widget' has an empty part" in result.err


def test_a_slug_option_is_checked_too(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("v2", "list-pipelines", "--org-slug", "https://github.com/acme")

    assert result.status == EXIT_USAGE
    assert "org_slug 'https://github.com/acme' looks like a URL" in result.err


def test_no_token_says_to_set_circle_token(fake: FakeCircleCI, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIRCLE_TOKEN")

    result = cli("v2", "get-current-user")

    assert result.status == EXIT_ERROR
    assert result.out == ""
    assert "401" in result.err and "no token was sent: set CIRCLE_TOKEN" in result.err


def test_a_refused_token_is_explained(fake: FakeCircleCI, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_TOKEN", "not-the-token")

    result = cli("v1", "get-user-info")

    assert result.status == EXIT_ERROR
    assert "refused the token in CIRCLE_TOKEN" in result.err
    assert "not-the-token" not in result.err


def test_not_found_says_what_to_check(fake: FakeCircleCI, cli: Any) -> None:
    result = cli("v2", "get-project-by-slug", "gh/acme/nothing")

    assert result.status == EXIT_ERROR
    assert "404" in result.err and "case-sensitive" in result.err


def test_arguments_default_to_the_job(fake: FakeCircleCI, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = fake.trigger_pipeline(SLUG)
    monkeypatch.setenv("CIRCLE_PIPELINE_ID", pipeline.id)
    monkeypatch.setenv("CIRCLE_PROJECT_USERNAME", "acme")
    monkeypatch.setenv("CIRCLE_PROJECT_REPONAME", "widget")
    monkeypatch.setenv("CIRCLE_BUILD_NUM", "1")

    by_id = cli("v2", "get-pipeline-by-id")
    build = cli("v1", "get-build-info")
    other = cli("v1", "get-build-info", "acme", "gadget", "1")
    project = cli("v2", "get-project-by-slug")

    assert by_id.json["id"] == pipeline.id
    assert (build.json["reponame"], build.json["build_num"]) == ("widget", 1)
    assert other.json["reponame"] == "gadget"
    assert project.json["slug"] == SLUG


def test_url_before_or_after_the_command_and_as_a_bare_host(
    fake: FakeCircleCI, cli: Any, monkeypatch: pytest.MonkeyPatch, sent: list[Sent]
) -> None:
    monkeypatch.delenv("CIRCLECI_API_URL")

    before = cli("--url", fake.url, "v2", "get-current-user")
    after = cli("v2", "get-current-user", "--url", fake.root_url)

    assert before.status == after.status == EXIT_OK
    assert before.json == after.json
    assert [call.url for call in sent] == [f"{fake.url_v2}/me"] * 2


class Record(NamedTuple):
    verb: str
    path: str
    paginated: bool


class Gadgets(BaseClient):
    """A client of some future API, to show that a new client is one table entry."""

    def list_gadgets(self, owner: str, *args: Any, url: Optional[str] = None, **kwargs: Any) -> Any:
        """List the gadgets of an owner.

        :param owner: who owns them.
        :param url: a parameter that has the name of a common option.
        """
        return self._request("GET", f"gadgets/{owner}", params={"url": url})

    list_gadgets.operation = Record("GET", "/gadgets/{owner}", False)  # type: ignore[attr-defined]


def test_a_new_client_is_one_table_entry(
    fake: FakeCircleCI, cli: Any, monkeypatch: pytest.MonkeyPatch, sent: list[Sent]
) -> None:
    entry = operations.ClientCommands("v9", Gadgets, lambda api: Gadgets(None, api.url), "API v9")
    monkeypatch.setattr(operations, "CLIENTS", [*operations.CLIENTS, entry])

    helped = cli("v9", "list-gadgets", "--help")
    called = cli("v9", "list-gadgets", "acme", "--param-url", "x")

    assert "Endpoint: GET /gadgets/{owner}\n" in helped.out  # no operationId in this record
    assert "--param-url" in helped.out and "who owns them." in helped.out
    assert called.status == EXIT_ERROR  # the fake has no such route
    assert (sent[-1].url, sent[-1].params) == (f"{fake.url}/gadgets/acme", {"url": "x"})


def test_docstrings_are_plain_in_help() -> None:
    summary, params = operations._docs(Api.get_latest_artifact)

    assert summary == "The artifacts of the latest build, optionally on one branch."
    assert params["status_filter"] == "completed (default), successful or failed."
    assert operations._plain("raises :class:`~circleci.error.NotFound` or :meth:`x <a.b>`") == "raises NotFound or x"


def test_parameters_skip_self_and_variadics() -> None:
    names = [parameter.name for parameter in operations.parameters(Gadgets.list_gadgets)]

    assert names == ["owner", "url"]
    assert operations.is_positional(inspect.signature(Gadgets.list_gadgets).parameters["owner"])
