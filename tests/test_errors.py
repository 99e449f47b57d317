"""The exception hierarchy: classes, ``str()`` forms, the status table and sunset hints."""

from __future__ import annotations

import pytest
import requests

from circleci import error


def http_error(status: int, message: str = "Project not found", **extra: object) -> error.CircleCIHTTPError:
    return error.error_for_status(
        status, message, method="GET", url="https://circleci.com/api/v2/project/gh/o/r", **extra
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (301, error.UnexpectedRedirect),
        (307, error.UnexpectedRedirect),
        (400, error.ClientError),
        (401, error.Unauthorized),
        (403, error.Forbidden),
        (404, error.NotFound),
        (410, error.Gone),
        (422, error.ClientError),
        (429, error.RateLimited),
        (500, error.ServerError),
        (502, error.ServerError),
        (599, error.ServerError),
    ],
)
def test_error_for_status_picks_the_class(status: int, cls: type[error.CircleCIHTTPError]) -> None:
    failure = http_error(status)

    assert type(failure) is cls
    assert failure.status_code == status
    assert failure.message == "Project not found"
    assert failure.method == "GET"
    assert failure.url == "https://circleci.com/api/v2/project/gh/o/r"
    assert failure.argument == failure.url
    assert failure.args == ("Project not found",)
    assert failure.response is None
    assert str(failure) == f"{status} Project not found (GET https://circleci.com/api/v2/project/gh/o/r)"


def test_rate_limited_carries_retry_after() -> None:
    failure = http_error(429, "Rate limited.", retry_after=12.0)

    assert isinstance(failure, error.RateLimited)
    assert failure.retry_after == 12.0
    assert http_error(429).retry_after is None  # type: ignore[attr-defined]


def test_retry_after_is_ignored_for_other_statuses() -> None:
    assert not hasattr(http_error(503, retry_after=5.0), "retry_after")


def test_response_is_kept() -> None:
    response = requests.Response()
    response.status_code = 404
    assert http_error(404, response=response).response is response


@pytest.mark.parametrize(
    ("cls", "bases"),
    [
        (error.CircleCIHTTPError, (error.CircleCIException, requests.exceptions.HTTPError)),
        (error.ClientError, (error.CircleCIHTTPError,)),
        (error.Unauthorized, (error.ClientError,)),
        (error.Forbidden, (error.ClientError,)),
        (error.NotFound, (error.ClientError,)),
        (error.Gone, (error.ClientError,)),
        (error.RateLimited, (error.ClientError,)),
        (error.ServerError, (error.CircleCIHTTPError,)),
        (error.UnexpectedRedirect, (error.CircleCIHTTPError,)),
        (error.CircleCIConnectionError, (error.CircleCIException, requests.exceptions.ConnectionError)),
        (
            error.CircleCITimeout,
            (error.CircleCIConnectionError, requests.exceptions.Timeout, requests.exceptions.RequestException),
        ),
        (error.InvalidArgumentError, (error.CircleCIException, ValueError)),
        (error.InvalidResponseError, (error.CircleCIException,)),
        (error.DownloadError, (error.CircleCIException,)),
        (error.WaitTimeout, (error.CircleCIException, TimeoutError)),
        (error.PipelineError, (error.CircleCIException,)),
        (error.PipelineFailed, (error.CircleCIException,)),
        (error.CircleCIDeprecationWarning, (DeprecationWarning,)),
    ],
)
def test_hierarchy(cls: type, bases: tuple[type, ...]) -> None:
    assert all(issubclass(cls, base) for base in bases)


def test_every_exported_name_exists_and_is_documented() -> None:
    for name in error.__all__:
        assert getattr(error, name).__doc__, name


def test_base_exception_str_is_that_of_circleci_py() -> None:
    class Custom(error.CircleCIException):
        message = "must be blue"

    assert str(Custom("red")) == "red is invalid. must be blue"
    assert str(error.CircleCIException("x")) == "x is invalid. None"


def test_invalid_argument_str_quotes_the_value() -> None:
    failure = error.InvalidArgumentError("", "username must be a non-empty string")
    assert str(failure) == "'' is invalid. username must be a non-empty string"
    assert failure.argument == ""


def test_connection_error_forms() -> None:
    failure = error.CircleCITimeout("GET https://x/me timed out")
    assert str(failure) == "GET https://x/me timed out"
    assert failure.message == "GET https://x/me timed out"
    assert failure.argument is None
    assert failure.response is None
    assert failure.request is None
    assert str(error.CircleCIConnectionError("")) == ""


def test_invalid_response_forms() -> None:
    failure = error.InvalidResponseError("not JSON", status_code=200, content_type="text/html")
    assert (str(failure), failure.status_code, failure.content_type) == ("not JSON", 200, "text/html")
    assert failure.argument is None


def test_download_error_forms() -> None:
    failure = error.DownloadError("stopped at 10 of 20 bytes", path="/tmp/a")
    assert (str(failure), failure.path, failure.argument) == ("stopped at 10 of 20 bytes", "/tmp/a", "/tmp/a")
    assert error.DownloadError("x").path is None


def test_wait_timeout_forms() -> None:
    failure = error.WaitTimeout("pipeline p still running after 60 s", waited_on="p")
    assert (str(failure), failure.waited_on, failure.argument) == ("pipeline p still running after 60 s", "p", "p")


def test_pipeline_error_forms() -> None:
    problems = [{"type": "config", "message": "bad"}]
    failure = error.PipelineError("pipeline errored", pipeline={"id": "p"}, errors=problems)
    assert (str(failure), failure.pipeline, failure.errors) == ("pipeline errored", {"id": "p"}, problems)
    assert error.PipelineError("x").errors == []


def test_pipeline_failed_forms() -> None:
    failure = error.PipelineFailed("1 workflow failed", pipeline={"id": "p"}, workflows=["a", "b"], failed=["b"])
    assert (str(failure), failure.workflows, failure.failed) == ("1 workflow failed", ["a", "b"], ["b"])
    empty = error.PipelineFailed("x")
    assert (empty.workflows, empty.failed) == ([], [])


RERUN = (
    "the v2 operation rerunWorkflow (POST /api/v2/workflow/{id}/rerun; ApiV2.rerun_workflow) "
    "or, on CircleCI cloud, v3 POST /api/v3/workflows/{id}/rerun"
)
TRIGGER = (
    "the v2 operation triggerPipelineRun "
    "(POST /api/v2/project/{provider}/{organization}/{project}/pipeline/run; ApiV2.trigger_pipeline_run) "
    "or, on CircleCI cloud, v3 POST /api/v3/runs"
)


@pytest.mark.parametrize(
    ("path", "replacement"),
    [
        ("/api/v1.1/project/github/org/repo/tree/feature%2Fx", TRIGGER),
        ("/api/v1.1/project/github/org/repo", TRIGGER),
        ("/api/v1/project/bitbucket/org/repo", TRIGGER),
        ("/api/v1.1/project/github/org/repo/41/retry", RERUN),
        ("/api/v1.1/project/gh/org/repo/41/ssh", RERUN),
        ("/api/v1.1/project/github/org/repo/build", TRIGGER),
        ("/api/v1/project/org/repo/tree/main", TRIGGER),
        ("/api/v1/project/org/repo/41/retry", RERUN),
    ],
)
def test_sunset_hint_names_the_v2_operation(path: str, replacement: str) -> None:
    assert error.sunset_hint("POST", path) == (
        f"CircleCI removed this v1.1 endpoint on 2027-02-01; use {replacement} instead."
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1.1/project/github/org/repo"),
        ("POST", "/api/v2/project/gh/org/repo/pipeline"),
        ("POST", "/api/v1.1/project/github/org/repo/follow"),
        ("POST", "/api/v1.1/project/github/org/repo/41/cancel"),
        ("POST", "/api/v1.1/project/github/project/repo/41/cancel"),
        ("POST", "/api/v1.1/project/github/org/repo/envvar"),
    ],
)
def test_sunset_hint_ignores_other_endpoints(method: str, path: str) -> None:
    assert error.sunset_hint(method, path) is None
