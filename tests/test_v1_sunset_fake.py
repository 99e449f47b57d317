"""1.2.2 calls against FakeCircleCI before and after CircleCI's 2026-12-07 and 2027-02-01 removals."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any, Callable, Optional

import pytest
import requests

import circleci.api
from circleci import error
from circleci.api import Api
from circleci.experimental import Experimental
from circleci.sdk import SDK
from circleci.testing import FakeCircleCI, JobPlan, StepPlan, WorkflowPlan
from circleci.testing.state import default_steps
from tests.conftest import FakeClock

BEFORE_BRANCHES_GO = "2026-12-06T12:00:00Z"
BEFORE_SUNSET = "2027-01-31T23:00:00Z"
AFTER_SUNSET = "2027-02-01T00:00:00Z"
SLUG = "gh/acme/widget"


@pytest.fixture
def after() -> Iterator[FakeCircleCI]:
    """The fake on 2027-02-01: the v1.1 triggers answer 410. Workflows start at once."""
    with FakeCircleCI(start=AFTER_SUNSET, setup_delay=0) as fake:
        yield fake


@pytest.fixture
def before() -> Iterator[FakeCircleCI]:
    with FakeCircleCI(start=BEFORE_SUNSET, setup_delay=0) as fake:
        yield fake


class Recorder:
    """The requests a client sent, as ``VERB path``."""

    def __init__(self, api: Api) -> None:
        self.sent: list[str] = []
        api._transport.session.hooks["response"].append(self._record)

    def _record(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        path = requests.utils.urlparse(response.url).path
        self.sent.append(f"{response.request.method} {path} {response.status_code}")


def client(fake: FakeCircleCI, cls: type[Api] = Api, **options: Any) -> tuple[Any, Recorder]:
    api = cls(fake.token, fake.url, retries=0, **options)
    return api, Recorder(api)


def pipelines(fake: FakeCircleCI) -> int:
    return len(fake.state.pipelines)


# -- 2027-02-01: the removal ------------------------------------------------------


def test_the_fake_answers_410_like_circleci_from_the_date(after: FakeCircleCI) -> None:
    headers = {"Circle-Token": after.token}
    for path in ("tree/main", "", "build", "4/retry", "4/ssh"):
        response = requests.post(f"{after.url}/project/github/acme/widget/{path}".rstrip("/"), headers=headers)
        assert response.status_code == 410
        assert response.json() == {
            "message": "This endpoint has been removed. Trigger and rerun pipelines with API v2 or v3."
        }
    assert requests.get(f"{after.url}/project/github/acme/widget/4", headers=headers).status_code == 200


def test_before_the_date_the_fake_sends_deprecation_and_sunset(before: FakeCircleCI) -> None:
    headers = {"Circle-Token": before.token}
    response = requests.post(f"{before.url}/project/github/acme/widget/tree/main", headers=headers)

    assert response.status_code == 200
    assert response.headers["Deprecation"] == "true"
    assert response.headers["Sunset"] == "Mon, 01 Feb 2027 00:00:00 GMT"


@pytest.mark.parametrize(
    ("call", "branch", "tag"),
    [
        (lambda api: api.trigger_build("acme", "widget", "release/1"), "release/1", None),
        (lambda api: api.trigger_build("acme", "widget", None, tag="v1.0"), None, "v1.0"),
        (lambda api: api.trigger_build("acme", "widget", None), "main", None),
        (lambda api: api.trigger_build("acme", "widget"), "master", None),
    ],
)
def test_trigger_build_after_the_date_returns_the_v1_1_build(
    after: FakeCircleCI, call: Callable[[Api], Any], branch: Optional[str], tag: Optional[str]
) -> None:
    api, recorder = client(after)
    known = pipelines(after)

    build = call(api)

    assert pipelines(after) == known + 1
    assert (build["build_num"], build["branch"], build["vcs_tag"]) == (7, branch, tag)
    assert build["workflows"]["job_name"] == "build" and build["status"] == "queued" and build["outcome"] is None
    assert recorder.sent[0].endswith(" 410") and recorder.sent[1].startswith("POST /api/v2/project/gh/")
    assert recorder.sent[-1].startswith("GET /api/v1.1/project/github/") and recorder.sent[-1].endswith("/7 200")


def test_the_second_trigger_goes_to_v2_directly(after: FakeCircleCI) -> None:
    api, recorder = client(after)
    api.trigger_build("acme", "widget")
    recorder.sent.clear()

    assert api.trigger_build("acme", "widget", "dev")["branch"] == "dev"
    assert not any(line.startswith("POST /api/v1.1") for line in recorder.sent)


@pytest.mark.parametrize("ssh", [False, True])
def test_retry_build_after_the_date_returns_the_new_build(after: FakeCircleCI, ssh: bool) -> None:
    api, recorder = client(after)

    build = api.retry_build("acme", "widget", 4, ssh=ssh)

    assert build["build_num"] == 7 and build["workflows"]["job_name"] == "test"
    assert build["status"] == "queued"
    assert any(line.startswith("POST /api/v2/workflow/") for line in recorder.sent)
    assert recorder.sent[0] == f"POST /api/v1.1/project/github/acme/widget/4/{'ssh' if ssh else 'retry'} 410"


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda api: api.trigger_build("acme", "widget", revision="abc123"), "revision"),
        (lambda api: api.trigger_build("acme", "widget", params={"build_parameters": {"CIRCLE_JOB": "x"}}), "params"),
        (lambda api: api.retry_no_cache("acme", "widget", 4), "no_cache"),
    ],
)
def test_what_v2_cannot_express_triggers_nothing(
    after: FakeCircleCI, call: Callable[[Any], Any], argument: str
) -> None:
    api, recorder = client(after, Experimental)
    known, builds = pipelines(after), len(after.state.jobs)

    with pytest.raises(error.NoV2Equivalent) as caught:
        call(api)

    assert isinstance(caught.value, error.Gone) and caught.value.argument == argument
    assert (pipelines(after), len(after.state.jobs)) == (known, builds)
    assert len(recorder.sent) == 1 and recorder.sent[0].endswith(" 410")


def test_a_500_is_raised_as_it_is(after: FakeCircleCI) -> None:
    api, recorder = client(after)
    after.fail("trigger_build", status=500)
    known = pipelines(after)

    with pytest.raises(error.ServerError):
        api.trigger_build("acme", "widget")
    assert pipelines(after) == known and len(recorder.sent) == 1


def test_before_the_date_nothing_goes_to_v2(before: FakeCircleCI) -> None:
    api, recorder = client(before, Experimental)

    with pytest.warns(error.CircleCIDeprecationWarning):
        built = api.trigger_build("acme", "widget", params={"build_parameters": {"CIRCLE_JOB": "test"}})
        retried = api.retry_build("acme", "widget", 4)
        no_cache = api.retry_no_cache("acme", "widget", 5)

    assert built["workflows"]["job_name"] == "test" and built["build_parameters"] == {"CIRCLE_JOB": "test"}
    assert retried["workflows"]["job_name"] == "test"
    assert no_cache["no_dependency_cache"] is True and retried["no_dependency_cache"] is False
    assert all(line.startswith("POST /api/v1.1/") for line in recorder.sent)


def test_choosing_v2_before_the_date(before: FakeCircleCI) -> None:
    api, recorder = client(before, sunset="v2")

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert api.trigger_build("acme", "widget", "main")["branch"] == "main"
    assert not any(line.startswith("POST /api/v1.1") for line in recorder.sent)


def test_turning_the_fallback_off(after: FakeCircleCI) -> None:
    api, _ = client(after, sunset="off")

    with pytest.raises(error.Gone, match="triggerPipelineRun"):
        api.trigger_build("acme", "widget")


# -- 2026-12-07: branches leave /projects ------------------------------------------


def test_projects_carry_branches_until_2026_12_07() -> None:
    with FakeCircleCI(start=BEFORE_BRANCHES_GO) as fake:
        api = Api(fake.token, fake.url)
        widget = next(p for p in api.get_projects() if p["reponame"] == "widget")
        main = widget["branches"]["main"]
        assert set(main) >= {"latest_workflows", "recent_builds", "running_builds", "last_non_success"}
        assert [b["build_num"] for b in main["recent_builds"]] == [6, 5, 4, 3, 2]
        assert main["last_non_success"]["build_num"] == 4 and main["running_builds"] == []
        assert main["latest_workflows"]["build-and-test"]["status"] == "success"
        assert all("branches" not in p for p in api.get_projects(shallow=True))

        fake.advance(24 * 3600)
        assert all("branches" not in p for p in api.get_projects())


def test_running_builds_and_other_branches_show_in_branches() -> None:
    with FakeCircleCI(start=BEFORE_BRANCHES_GO, setup_delay=0) as fake:
        fake.add_running_build(SLUG, duration=60)
        api = Api(fake.token, fake.url)
        with pytest.warns(error.CircleCIDeprecationWarning):
            api.trigger_build("acme", "widget", None, tag="v1")
            api.trigger_build("acme", "widget", "dev")
        fake.advance(1)
        widget = next(p for p in api.get_projects() if p["reponame"] == "widget")
        assert [b["build_num"] for b in widget["branches"]["main"]["running_builds"]] == [7]
        assert list(widget["branches"]) == ["main", "dev"]
        assert widget["branches"]["dev"]["recent_builds"][0]["build_num"] == 9
        assert widget["branches"]["dev"]["last_non_success"] is None
        assert widget["branches"]["dev"]["last_success"] is None


# -- what scripts read from v1.1 builds ----------------------------------------------


def test_a_build_carries_what_scripts_read(before: FakeCircleCI) -> None:
    api = Api(before.token, before.url)
    failed, fixed = api.get_build_info("acme", "widget", 4), api.get_build_info("acme", "widget", 6)

    assert (failed["status"], failed["outcome"], failed["failed"], failed["lifecycle"]) == (
        "failed",
        "failed",
        True,
        "finished",
    )
    assert fixed["status"] == "fixed" and fixed["outcome"] == "success" and fixed["failed"] is False
    assert fixed["previous_successful_build"]["build_num"] == 2
    assert fixed["previous"]["build_num"] == 4
    assert fixed["user"]["login"] == "teammate" and fixed["committer_date"].endswith("Z")
    assert len(fixed["committer_date"]) == len("2027-01-31T22:00:00Z")
    assert (fixed["timedout"], fixed["canceled"], fixed["no_dependency_cache"]) == (False, False, False)
    assert fixed["workflows"]["workflow_name"] == "build-and-test"
    assert api.get_build_info("acme", "widget", 2)["previous_successful_build"] is None


def test_steps_and_their_logs(before: FakeCircleCI) -> None:
    build = Api(before.token, before.url).get_build_info("acme", "widget", 4)

    names = [step["name"] for step in build["steps"]]
    assert names == ["Spin up environment", "Checkout code", "test"]
    action = build["steps"][2]["actions"][0]
    assert (action["status"], action["failed"], action["has_output"], action["exit_code"]) == ("failed", True, True, 1)
    assert action["run_time_millis"] == 1000 and action["start_time"] < action["end_time"]
    assert action["output_url"].startswith(before.storage_url)
    log = requests.get(action["output_url"]).json()  # pre-signed: no token
    assert [(entry["type"], entry["message"]) for entry in log] == [
        ("out", "Running test\n"),
        ("err", "Exited with code exit status 1\n"),
    ]
    assert all(set(entry) == {"message", "time", "type"} for entry in log)
    assert build["steps"][0]["actions"][0]["failed"] is None


def test_steps_follow_the_clock_and_the_plan() -> None:
    steps = [
        StepPlan("Checkout code", output="cloned\n"),
        StepPlan("Run tests", output="2 passed\n", error_output="warning: slow\n"),
        StepPlan("Quiet"),
        StepPlan("Deploy", output="deploying\n", failed=True),
        StepPlan("Never runs", output="no\n"),
    ]
    plan = [WorkflowPlan("wf", [JobPlan("deploy", duration=10, outcome="failed", steps=steps)])]
    with FakeCircleCI(start=BEFORE_SUNSET, setup_delay=0, queue_delay=0) as fake:
        fake.set_plan(SLUG, plan)
        api = Api(fake.token, fake.url)
        with pytest.warns(error.CircleCIDeprecationWarning):
            number = api.trigger_build("acme", "widget")["build_num"]
        running = api.get_build_info("acme", "widget", number)
        assert [s["actions"][0]["status"] for s in running["steps"]] == ["running"]
        assert running["steps"][0]["actions"][0]["end_time"] is None

        fake.advance(5)
        partway = api.get_build_info("acme", "widget", number)["steps"]
        assert [s["actions"][0]["status"] for s in partway] == ["success", "success", "running"]
        quiet = partway[2]["actions"][0]
        assert quiet["has_output"] is False and quiet["output_url"] is None

        fake.advance(5)
        done = api.get_build_info("acme", "widget", number)["steps"]
        assert [s["name"] for s in done] == ["Checkout code", "Run tests", "Quiet", "Deploy"]
        assert done[3]["actions"][0]["end_time"] == api.get_build_info("acme", "widget", number)["stop_time"]
        assert requests.get(done[1]["actions"][0]["output_url"]).json()[1]["type"] == "err"


def test_a_canceled_build_stops_at_its_step() -> None:
    with FakeCircleCI(start=BEFORE_SUNSET, queue_delay=0) as fake:
        job = fake.add_running_build(SLUG, duration=30)
        api = Api(fake.token, fake.url)
        fake.advance(15)
        api.cancel_build("acme", "widget", job.number or 0)
        fake.advance(60)
        steps = api.get_build_info("acme", "widget", job.number or 0)["steps"]
        assert [s["actions"][0]["status"] for s in steps] == ["success", "canceled"]
        assert steps[1]["actions"][0]["canceled"] is True


def test_log_links_are_signed_and_for_steps_that_ran(before: FakeCircleCI) -> None:
    action = Api(before.token, before.url).get_build_info("acme", "widget", 4)["steps"][0]["actions"][0]
    url = action["output_url"]

    assert [entry["type"] for entry in requests.get(url).json()] == ["out"]
    assert requests.get(url.replace("Signature=", "Signature=0")).status_code == 403
    base, _, query = url.partition("?")
    assert requests.get(f"{base[: base.rindex('/')]}/9?{query}").status_code == 403
    job = before.state.job_by_number(before.project(SLUG), 4)
    for key in (f"/step-logs/{job.id}/9", f"/step-logs/{job.id}/x", "/step-logs/nope/0"):
        assert requests.get(before.storage._signed(key)).status_code == 404


def test_a_failed_job_without_a_failing_step_fails_in_its_last() -> None:
    steps = [StepPlan("Checkout code", output="cloned\n"), StepPlan("Lint", error_output="E501\n")]
    plan = [WorkflowPlan("wf", [JobPlan("lint", duration=4, outcome="failed", steps=steps)])]
    with FakeCircleCI(start=BEFORE_SUNSET, setup_delay=0, queue_delay=0) as fake:
        fake.set_plan(SLUG, plan)
        api = Api(fake.token, fake.url, sunset="v2")
        number = api.trigger_build("acme", "widget")["build_num"]
        fake.advance(10)
        build = api.get_build_info("acme", "widget", number)
        assert [s["actions"][0]["status"] for s in build["steps"]] == ["success", "failed"]
        assert print_failed_step_logs(api, "acme", "widget", number) == ["Lint: E501"]


def test_default_steps() -> None:
    assert [s.name for s in default_steps(JobPlan("lint"))] == ["Spin up environment", "Checkout code", "lint"]
    failing = default_steps(JobPlan("lint", outcome="failed"))[-1]
    assert failing.failed and failing.error_output
    assert not any(s.failed or s.error_output for s in default_steps(JobPlan("lint")))


def test_circle_job_unknown_is_refused(before: FakeCircleCI) -> None:
    with pytest.raises(error.ClientError, match="Job 'nope' does not exist"):
        Api(before.token, before.url).trigger_build(
            "acme", "widget", params={"build_parameters": {"CIRCLE_JOB": "nope"}}
        )


def test_build_parameters_must_be_an_object(before: FakeCircleCI) -> None:
    with pytest.raises(error.ClientError, match="build_parameters must be an object"):
        Api(before.token, before.url).trigger_build("acme", "widget", params={"build_parameters": "x"})


def test_what_1_2_2_sent_is_accepted(before: FakeCircleCI) -> None:
    headers = {"Circle-Token": before.token}
    url = f"{before.url}/project/github/ACME/widget?limit=2&offset=0&filter=None"
    assert [b["build_num"] for b in requests.get(url, headers=headers).json()] == [6, 5]
    shallow = Api(before.token, before.url).get_recent_builds(limit="1", shallow=True)
    assert "steps" not in shallow[0] and shallow[0]["build_num"] == 6


def test_v2_workflow_times_have_seconds_pipeline_times_milliseconds(before: FakeCircleCI) -> None:
    v2 = Api(before.token, before.url).v2
    pipeline = v2.list_pipelines_for_project(SLUG)["items"][0]
    workflow = v2.list_workflows_by_pipeline_id(pipeline["id"])["items"][0]

    assert len(workflow["created_at"]) == len("2027-01-31T22:00:00Z")
    assert len(pipeline["created_at"]) == len("2027-01-31T22:00:00.000Z")


# -- scripts written for 1.2.2 ----------------------------------------------------


def test_the_1_2_2_demo_build_singleton(
    before: FakeCircleCI, monkeypatch: pytest.MonkeyPatch, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manual's demo, as written (ORG and REPO replaced), with ``Api`` pointed at the fake."""
    job = before.add_running_build(SLUG, duration=20)
    url = before.url

    class PointedApi(Api):
        def __init__(self, token: Optional[str], url: str = url, **options: Any) -> None:
            super().__init__(token, url, **options)

    monkeypatch.setattr(circleci.api, "Api", PointedApi)
    monkeypatch.setenv("CIRCLE_TOKEN", before.token)
    clock.script.append(lambda: before.advance(30))
    demo = (
        "import os\n"
        "from circleci.api import Api\n"
        "from circleci.sdk import SDK\n"
        "ORG = 'acme'\n"
        "REPO = 'widget'\n"
        "circleci = Api(os.environ.get('CIRCLE_TOKEN'))\n"
        "sdk = SDK(circleci)\n"
        "if __name__ == '__main__':\n"
        "    sdk.build_singleton(ORG, REPO)\n"
    )
    exec(compile(demo, "build_singleton.py", "exec"), {"__name__": "__main__"})

    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == [
        "found running builds, sleeping for 15 seconds.",
        str([before.build_url(job)]),
        "no running builds found, beginning execution.",
    ]
    assert clock.sleeps == [15]
    assert SDK is not None


def print_failed_step_logs(api: Api, username: str, project: str, build_num: int) -> list[str]:
    """What public scripts do with ``steps``: print the log of every failed step (no token for the log)."""
    printed = []
    for step in api.get_build_info(username, project, build_num)["steps"]:
        for action in step["actions"]:
            if action["failed"] and action["has_output"]:
                for entry in requests.get(action["output_url"]).json():
                    printed.append(f"{step['name']}: {entry['message'].strip()}")
    return printed


def test_a_script_printing_failed_step_logs(before: FakeCircleCI) -> None:
    api = Api(before.token, before.url)

    assert print_failed_step_logs(api, "acme", "widget", 4) == [
        "test: Running test",
        "test: Exited with code exit status 1",
    ]
    assert print_failed_step_logs(api, "acme", "widget", 6) == []


def test_a_build_view_without_state_has_no_steps(before: FakeCircleCI) -> None:
    from circleci.testing.v1 import build_view

    view = build_view(before.state.job_by_number(before.project(SLUG), 4), before.root_url)
    assert view["steps"] == [] and view["previous_successful_build"] is None
    assert json.dumps(view)
