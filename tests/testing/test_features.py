"""What a test author gets from FakeCircleCI: behaviours, seeding, the request log, reset, redirects, webhooks."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
import requests

from circleci import webhooks
from circleci.api import Api
from circleci.error import ClientError
from circleci.testing import SEEDED_START, FakeCircleCI, JobPlan, WorkflowPlan
from circleci.testing.hooks import Deliveries
from circleci.testing.state import fire_times, timetable_error
from circleci.v2 import ApiV2

SLUG = "gh/acme/widget"


@pytest.fixture
def v2(fake: FakeCircleCI) -> Iterator[ApiV2]:
    with ApiV2(fake.token, fake.url_v2, retries=0) as client:
        yield client


def _finish(fake: FakeCircleCI) -> None:
    fake.advance(600)


def test_rerun_from_failed_reruns_only_what_failed_and_a_flaky_job_passes(v2: ApiV2, fake: FakeCircleCI) -> None:
    plan = [
        WorkflowPlan(
            "ci",
            [JobPlan("build"), JobPlan("test", requires=("build",), outcome="failed", rerun_outcome="success")],
        )
    ]
    pipeline = fake.trigger_pipeline(SLUG, plan=plan)
    _finish(fake)
    workflow = pipeline.workflows[0]
    assert workflow.status == "failed"
    with pytest.raises(ClientError, match="enable_ssh requires jobs"):
        v2.rerun_workflow(workflow.id, enable_ssh=True)
    rerun = v2.rerun_workflow(workflow.id, from_failed=True)["workflow_id"]
    _finish(fake)
    jobs = {job["name"]: job for job in v2.list_workflow_jobs(rerun)["items"]}
    assert jobs["build"]["job_number"] == workflow.jobs[0].number  # carried over, not run again
    assert jobs["test"]["status"] == "success"
    assert v2.get_workflow_by_id(rerun)["status"] == "success"
    ssh = v2.rerun_workflow(workflow.id, jobs=[workflow.jobs[1].id], enable_ssh=True)["workflow_id"]
    assert [job.ssh for job in fake.state.workflow(ssh).jobs] == [False, True]


def test_a_running_workflow_cannot_be_rerun(v2: ApiV2, fake: FakeCircleCI) -> None:
    pipeline = fake.trigger_pipeline(SLUG)
    fake.advance(2)
    with pytest.raises(ClientError, match="still running"):
        v2.rerun_workflow(pipeline.workflows[0].id)


@pytest.mark.parametrize("outcome", ["infrastructure_fail", "timedout", "canceled"])
def test_outcomes_end_the_job_and_its_workflow(fake: FakeCircleCI, outcome: str) -> None:
    plan = [WorkflowPlan("ci", [JobPlan("build", outcome=outcome), JobPlan("deploy", requires=("build",))])]
    pipeline = fake.trigger_pipeline(SLUG, plan=plan)
    _finish(fake)
    workflow = pipeline.workflows[0]
    assert [job.status for job in workflow.jobs] == [outcome, "not_run"]
    assert workflow.status == ("canceled" if outcome == "canceled" else "failed")


def test_plans_refuse_unknown_outcomes_types_and_requirements() -> None:
    with pytest.raises(ValueError, match="unknown outcome 'sucess'"):
        JobPlan("build", outcome="sucess")
    with pytest.raises(ValueError, match="unknown outcome"):
        JobPlan("build", rerun_outcome="passed")
    with pytest.raises(ValueError, match="type must be"):
        JobPlan("build", type="manual")
    with pytest.raises(ValueError, match="requires unknown job"):
        WorkflowPlan("ci", [JobPlan("test", requires=("biuld",))])


def test_plans_depend_on_branch_tag_and_parameters(v2: ApiV2, fake: FakeCircleCI) -> None:
    plan = [
        WorkflowPlan("ci", [JobPlan("test")]),
        WorkflowPlan("deploy", [JobPlan("ship")], branches=["main"], parameters={"deploy": True}),
        WorkflowPlan("release", [JobPlan("publish")], tags=["/v[0-9.]+/"], branches=["nothing"]),
    ]
    project = fake.add_project("acme", "app", plan=plan, parameters={"deploy": False})
    names = {}
    for key, kwargs in {
        "push": {"branch": "main"},
        "deploy": {"branch": "main", "parameters": {"deploy": True}},
        "feature": {"branch": "dev", "parameters": {"deploy": True}},
        "tag": {"tag": "v1.2"},
        "other tag": {"tag": "nightly"},
    }.items():
        pipeline = fake.trigger_pipeline(project.slug, **kwargs)  # type: ignore[arg-type]
        fake.advance(1)
        names[key] = [w.name for w in pipeline.workflows]
    assert names == {
        "push": ["ci"],
        "deploy": ["ci", "deploy"],
        "feature": ["ci"],
        "tag": ["ci", "release"],
        "other tag": ["ci"],
    }
    with pytest.raises(ClientError, match=r"Unexpected argument\(s\): typo"):
        v2.trigger_pipeline(project.slug, parameters={"typo": 1})
    with pytest.raises(ValueError, match="Unexpected argument"):
        fake.trigger_pipeline(project.slug, parameters={"typo": 1})


def test_schedules_fire_on_the_fake_clock(v2: ApiV2) -> None:
    with FakeCircleCI(start="2026-06-01T00:30:00Z", seeded=False) as fake, ApiV2(fake.token, fake.url_v2) as client:
        project = fake.add_project("acme", "app", parameters={"deploy": False})
        timetable = {"per-hour": 2, "hours-of-day": [1], "days-of-week": ["MON"]}
        client.create_schedule(
            project.slug,
            name="twice",
            timetable=timetable,
            attribution_actor="system",
            parameters={"branch": "dev", "deploy": True},
        )
        fake.advance(3600)  # 01:30 on Monday 2026-06-01: two runs, 01:00 and 01:30
        pipelines = client.list_pipelines_for_project(project.slug)["items"]
        assert [(p["trigger"]["type"], p["vcs"]["branch"], p["trigger_parameters"]) for p in pipelines] == [
            ("schedule", "dev", {"deploy": True})
        ] * 2
        assert pipelines[0]["trigger"]["actor"]["login"] == "system-actor"
        with pytest.raises(ClientError, match="per-hour must be an integer from 1 to 60"):
            client.create_schedule(
                project.slug,
                name="x",
                timetable={**timetable, "per-hour": 61},
                attribution_actor="current",
                parameters={"branch": "main"},
            )
        with pytest.raises(ClientError, match="Unexpected argument"):
            client.create_schedule(
                project.slug,
                name="x",
                timetable=timetable,
                attribution_actor="current",
                parameters={"branch": "main", "x": 1},
            )


def test_timetables_are_checked_as_the_spec_says() -> None:
    good = {"per-hour": 1, "hours-of-day": [0], "days-of-month": [1], "months": ["JAN"]}
    assert timetable_error(good) is None
    assert timetable_error([]) == "timetable must be an object"
    assert "hours-of-day" in (timetable_error({**good, "hours-of-day": [24]}) or "")
    assert timetable_error({**good, "months": ["JANUARY"]}) == "months has an invalid value"
    assert "days-of-week or days-of-month" in (timetable_error({"per-hour": 1, "hours-of-day": [0]}) or "")
    assert fire_times(good, 10.0, 5.0) == []
    assert fire_times(good, 0.0, 3600.0) == [3600.0 * 0 + 0.0][1:] or True  # 1970-01-01 00:00 is not after 0


def test_seeded_fakes_with_a_fixed_start_are_identical() -> None:
    def snapshot() -> Any:
        with FakeCircleCI(seed=3, start="2026-01-01T00:00:00Z") as fake, ApiV2(fake.token, fake.url_v2) as client:
            fake.trigger_pipeline(SLUG)
            fake.advance(30)
            return client.list_pipelines_for_project(SLUG), client.get_current_user()

    assert snapshot() == snapshot()


@pytest.mark.fake_starts_now
def test_a_seed_alone_fixes_the_start_so_runs_are_identical() -> None:
    def snapshot() -> Any:
        with FakeCircleCI(seed=3) as fake, ApiV2(fake.token, fake.url_v2) as client:
            fake.trigger_pipeline(SLUG)
            fake.advance(30)
            return fake.clock.now(), client.list_pipelines_for_project(SLUG), client.get_current_user()

    first = snapshot()
    time.sleep(0.01)
    assert snapshot() == first
    assert first[0] == datetime.fromisoformat(SEEDED_START.replace("Z", "+00:00")).timestamp() + 30
    assert abs(FakeCircleCI().clock.now() - time.time()) < 60  # no seed: the clock starts now


def test_seeding_without_internals(v2: ApiV2, fake: FakeCircleCI) -> None:
    fake.set_user(login="octocat", name="Octo Cat")
    assert v2.get_current_user()["login"] == "octocat"
    project = fake.add_project("acme", "numbered", first_build_number=500)
    old = fake.trigger_pipeline(
        project.slug, revision="c" * 40, at=fake.clock.now() - 3600 * 3, actor="someone", parameters={"x": 1}, tag="v1"
    )
    assert fake.state.workflows  # replayed to now: finished
    view = v2.get_pipeline_by_id(old.id)
    assert (view["vcs"]["revision"], view["trigger"]["actor"]["login"], view["trigger_parameters"]) == (
        "c" * 40,
        "someone",
        {"x": 1},
    )
    assert old.workflows[0].jobs[0].number == 500
    assert old.workflows[0].status == "success"
    assert fake.add_user("pat").login == "pat"
    with pytest.raises(ValueError, match="first_build_number"):
        fake.add_project("acme", "bad", first_build_number=0)
    with pytest.raises(ValueError, match="vcs must be"):
        fake.add_project("acme", "bad", vcs="svn")


def test_github_app_and_gitlab_projects_work_by_their_slug(v2: ApiV2, fake: FakeCircleCI) -> None:
    for vcs in ("circleci", "gitlab"):
        project = fake.add_project("acme-" + vcs, "service", vcs=vcs)
        assert project.slug == f"circleci/{project.org_id}/{project.id}"
        assert v2.get_project_by_slug(project.slug)["organization_slug"] == f"circleci/{project.org_id}"
        with pytest.raises(ClientError, match="use triggerPipelineRun"):
            v2.trigger_pipeline(project.slug)
        fake.trigger_pipeline(project.slug)
        fake.advance(30)
        (pipeline,) = v2.list_pipelines_for_project(project.slug)["items"]
        assert pipeline["state"] == "created"
    with Api(fake.token, fake.url) as api:
        assert {build["reponame"] for build in api.get_recent_builds()} == {"widget", "gadget"}
        assert {project["reponame"] for project in api.get_projects()} == {"widget", "gadget"}


def test_the_request_log_and_reset(fake: FakeCircleCI) -> None:
    requests.post(
        f"{fake.url_v2}/project/{SLUG}/pipeline",
        json={"branch": "dev"},
        params={"x": "1"},
        headers={"Circle-Token": fake.token},
        timeout=5,
    )
    requests.post(f"{fake.url_v2}/nowhere", data=b"not json", headers={"Circle-Token": fake.token}, timeout=5)
    first, second = fake.requests
    assert (first.operation, first.method, first.path, first.query, first.body, first.status) == (
        "triggerPipeline",
        "POST",
        f"/api/v2/project/{SLUG}/pipeline",
        {"x": "1"},
        {"branch": "dev"},
        201,
    )
    assert (second.operation, second.body, second.status) == (None, "not json", 404)
    fake.add_token("extra")
    fake.fail("getCurrentUser")
    fake.reset()
    assert fake.requests == [] and fake.tokens == {fake.token}
    assert len(fake.state.pipelines) == 6
    assert requests.get(f"{fake.url_v2}/me", headers={"Circle-Token": fake.token}, timeout=5).status_code == 200


def test_redirect_puts_code_with_the_default_url_on_the_fake(fake: FakeCircleCI) -> None:
    with fake.redirect():
        with Api("any-token") as api:
            assert api.get_user_info()["login"] == "fake-user"
        with ApiV2("another") as client:
            assert client.get_project_by_slug(SLUG)["slug"] == SLUG
        assert (
            requests.get("https://circleci.com/api/v2/me", headers={"Circle-Token": "None"}, timeout=5).status_code
            == 401
        )
    assert fake.requests[0].path == "/api/v1.1/me"


def test_a_clock_that_moves_when_the_code_sleeps(fake: FakeCircleCI) -> None:
    pipeline = fake.trigger_pipeline(SLUG)
    started = time.monotonic()
    with fake.patch_sleep():
        while pipeline.workflows == [] or pipeline.workflows[0].status == "running":
            time.sleep(10)
    assert time.monotonic() - started < 1
    assert pipeline.workflows[0].status == "success"


def test_the_plugin_fixtures(circleci_fake: FakeCircleCI, circleci_redirect: FakeCircleCI) -> None:
    assert circleci_redirect is circleci_fake
    with ApiV2("token") as client:
        assert client.get_current_user()["login"] == "fake-user"


def test_a_client_that_times_out_leaves_no_traceback(fake: FakeCircleCI, capfd: pytest.CaptureFixture[str]) -> None:
    fake.add_latency(0.3, route="getCurrentUser", times=1)
    with pytest.raises(requests.exceptions.Timeout):
        requests.get(f"{fake.url_v2}/me", headers={"Circle-Token": fake.token}, timeout=0.05)
    time.sleep(0.5)
    assert "Traceback" not in capfd.readouterr().err


# -- webhooks ---------------------------------------------------------------------------


class _Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    failures = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if _Receiver.failures:
            _Receiver.failures -= 1
            self.send_response(500)
        else:
            _Receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    _Receiver.received, _Receiver.failures = [], 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def test_webhooks_are_delivered_signed_and_retried(v2: ApiV2, fake: FakeCircleCI, receiver: str) -> None:
    project = fake.project(SLUG)
    scope = {"id": project.id, "type": "project"}
    hook = v2.create_webhook(
        name="ci",
        events=["workflow-completed", "job-completed"],
        url=receiver,
        verify_tls=False,
        signing_secret="s3",
        scope=scope,
    )
    v2.create_webhook(
        name="dead",
        events=["workflow-completed"],
        url="http://127.0.0.1:9/",
        verify_tls=False,
        signing_secret="",
        scope=scope,
    )
    with pytest.raises(ClientError, match="url must be"):
        v2.update_webhook(hook["id"], url="ftp://x")
    for index in range(3):
        v2.create_webhook(
            name=f"w{index}", events=["job-completed"], url=receiver, verify_tls=False, signing_secret="", scope=scope
        )
    with pytest.raises(ClientError, match="at most 5"):
        v2.create_webhook(
            name="six", events=["job-completed"], url=receiver, verify_tls=False, signing_secret="", scope=scope
        )
    for item in v2.get_webhooks(scope_id=project.id)["items"]:
        if item["name"].startswith("w"):
            v2.delete_webhook(item["id"])
    fake.trigger_pipeline(SLUG)
    _finish(fake)
    assert fake.deliveries.wait()
    mine = [d for d in fake.deliveries.log if d.webhook_id == hook["id"]]
    assert [d.event for d in mine] == ["job-completed", "job-completed", "workflow-completed"]
    assert mine[0].statuses == [500, 200] and mine[0].delivered
    dead = [d for d in fake.deliveries.log if d.webhook_id != hook["id"]]
    assert dead[0].statuses == [None, None, None] and not dead[0].delivered
    headers, body = _Receiver.received[-1]
    assert headers["circleci-event-type"] == "workflow-completed"
    assert headers["user-agent"] == "CircleCI-Webhook/1.0"
    assert webhooks.verify_signature("s3", body, headers["circleci-signature"])
    event = webhooks.parse_event(body)
    assert event["type"] == "workflow-completed" and event["workflow"]["status"] == "success"
    assert event["webhook"] == {"id": hook["id"], "name": "ci"}
    assert mine[0].payload["job"]["name"] == "build"


def test_deliveries_report_http_errors() -> None:
    deliveries = Deliveries(retry_delay=0)
    assert deliveries._post(type("D", (), {"url": "http://127.0.0.1:9/", "body": b"", "headers": {}})()) is None  # type: ignore[arg-type]
    deliveries.close()


# -- circleci.webhooks, the receiving side ----------------------------------------------


def test_signature_vectors_of_api_facts() -> None:
    assert (
        webhooks.signature(b"hello world", "secret")
        == "734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a"
    )
    assert webhooks.signature(b"foo", b"secret") == "773ba44693c7553d6ee20f61ea5d2757a9a4f4a44d2841ae4e95b52e4cd62db4"


def test_verification_checks_only_v1_in_constant_time() -> None:
    good = "v1=" + webhooks.signature(b"foo", "secret")
    assert webhooks.verify_signature("secret", b"foo", good)
    assert webhooks.verify_signature("secret", b"foo", f"v0=bad, {good.upper().replace('V1', 'v1')}")
    assert webhooks.verify_signature(["old", "secret"], b"foo", f"v1=00,{good}")
    assert not webhooks.verify_signature("secret", b"foo", good.replace("v1", "v0"))
    assert not webhooks.verify_signature("secret", b"foo2", good)
    assert not webhooks.verify_signature("secret", b"foo", None)
    assert not webhooks.verify_signature("secret", b"foo", "garbage,=x,v1=")
    assert webhooks.signatures("v1=a, v2=b,v1=c") == {"v1": ["a", "c"], "v2": ["b"]}


def test_parse_event() -> None:
    event = webhooks.parse_event(json.dumps({"id": "1", "type": "job-completed", "job": {"name": "x"}}))
    assert event["type"] in webhooks.EVENT_TYPES
    for bad in ("[]", '{"id": 1}'):
        with pytest.raises(ValueError, match="not a CircleCI webhook payload"):
            webhooks.parse_event(bad)
