"""The three exceptions of circleci.py 1.2.2: classes, messages, ``str()`` and when the Api raises them."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest
import responses

from circleci.api import Api
from circleci.error import BadKeyError, BadVerbError, CircleCIException, InvalidArgumentError, InvalidFilterError

BASE = "https://ci.example.test/api/v1.1"
VERB_MESSAGE = "verb must be one of 'GET', 'POST', or 'DELETE'"
KEY_MESSAGE = "key must be one of 'deploy-key' or 'github-user-key'"
STATUS_MESSAGE = "status_filter must be one of 'completed''successful', 'failed', or 'running'"
ARTIFACTS_MESSAGE = "must be one of 'completed', 'successful', or 'failed'"


@pytest.fixture
def api() -> Iterator[Api]:
    """An Api whose every request would fail the test: none may be sent."""
    with responses.RequestsMock() as rsps:
        yield Api("token", BASE)
        assert not rsps.calls


def test_class_level_messages_are_those_of_the_manual() -> None:
    assert BadVerbError.message == VERB_MESSAGE
    assert BadKeyError.message == KEY_MESSAGE
    assert InvalidFilterError.filter_message == STATUS_MESSAGE
    assert InvalidFilterError.artifacts_message == ARTIFACTS_MESSAGE


def test_constructors_take_the_manual_arguments() -> None:
    for cls in (CircleCIException, BadVerbError, BadKeyError):
        assert list(inspect.signature(cls).parameters) == ["argument"]
    assert list(inspect.signature(InvalidFilterError).parameters) == ["argument", "filter_type"]


@pytest.mark.parametrize(
    ("error", "argument", "message"),
    [
        (BadVerbError("PUT"), "PUT", VERB_MESSAGE),
        (BadKeyError("ssh-key"), "ssh-key", KEY_MESSAGE),
        (InvalidFilterError("pending", "status"), "pending", STATUS_MESSAGE),
        (InvalidFilterError("running", "artifacts"), "running", ARTIFACTS_MESSAGE),
    ],
)
def test_str_argument_and_message(error: CircleCIException, argument: str, message: str) -> None:
    assert isinstance(error, CircleCIException)
    assert isinstance(error, Exception)
    assert error.argument == argument
    assert error.message == message
    assert str(error) == f"{argument} is invalid. {message}"


def test_invalid_filter_keeps_its_type() -> None:
    assert InvalidFilterError("x", "status").filter_type == "status"
    assert InvalidFilterError("x", "artifacts").filter_type == "artifacts"


def test_bad_status_filter(api: Api) -> None:
    with pytest.raises(InvalidFilterError) as raised:
        api.get_project_build_summary("org", "repo", status_filter="pending")

    assert str(raised.value) == f"pending is invalid. {STATUS_MESSAGE}"
    assert raised.value.argument == "pending"


@pytest.mark.parametrize("status_filter", ["running", "", "COMPLETED"])
def test_bad_artifact_filter(api: Api, status_filter: str) -> None:
    with pytest.raises(InvalidFilterError) as raised:
        api.get_latest_artifact("org", "repo", status_filter=status_filter)

    assert str(raised.value) == f"{status_filter} is invalid. {ARTIFACTS_MESSAGE}"


@pytest.mark.parametrize("key_type", ["ssh-key", "", "Deploy-Key"])
def test_bad_checkout_key_type(api: Api, key_type: str) -> None:
    with pytest.raises(BadKeyError) as raised:
        api.create_checkout_key("org", "repo", key_type)

    assert str(raised.value) == f"{key_type} is invalid. {KEY_MESSAGE}"
    assert raised.value.message == KEY_MESSAGE


@pytest.mark.parametrize("verb", ["BAD", "PUT", "PATCH", "get", ""])
def test_bad_verb(api: Api, verb: str) -> None:
    with pytest.raises(BadVerbError) as raised:
        api._request(verb, "me")

    assert str(raised.value) == f"{verb} is invalid. {VERB_MESSAGE}"


def test_invalid_argument_is_a_value_error_with_the_same_str_form() -> None:
    error = InvalidArgumentError("gitlab", "vcs_type must be github")

    assert isinstance(error, ValueError)
    assert isinstance(error, CircleCIException)
    assert error.message == "vcs_type must be github"
    assert str(error) == "'gitlab' is invalid. vcs_type must be github"
