"""The fake's clock, state, routing and lifecycle."""

from __future__ import annotations

import base64

import pytest
import requests

from circleci.api import Api
from circleci.error import CircleCIConnectionError
from circleci.testing import Clock, FakeCircleCI, JobPlan, State, WorkflowPlan
from circleci.testing.clock import isoformat
from circleci.testing.routing import HttpError, Route, Router, page

from .conftest import SLUG


def test_a_manual_clock_moves_only_when_advanced() -> None:
    clock = Clock(1000.0)
    assert clock.now() == 1000.0
    assert clock.advance(2.5) == 1002.5
    with pytest.raises(ValueError, match="only moves forward"):
        clock.advance(-1)


def test_a_realtime_clock_follows_real_time_at_its_speed() -> None:
    ticks = iter([10.0, 12.0, 13.0])
    clock = Clock(0.0, realtime=True, speed=3, monotonic=lambda: next(ticks))
    assert clock.now() == 6.0
    assert clock.advance(1) == 10.0
    with pytest.raises(ValueError, match="positive"):
        Clock(speed=0)


def test_times_are_written_as_circleci_does() -> None:
    assert isoformat(0.5) == "1970-01-01T00:00:00.500Z"
    assert isoformat(None) is None
    assert Clock().now() > 1.7e9


def test_seeds_make_ids_reproducible() -> None:
    first, second = State(Clock(0.0), seed=7), State(Clock(0.0), seed=7)
    assert first.new_id() == second.new_id() and len(first.new_sha()) == 40


def test_an_unseeded_fake_is_empty_and_projects_can_be_added() -> None:
    with FakeCircleCI(seeded=False, token="t0k3n") as fake:
        api = Api("t0k3n", fake.url)
        assert api.get_projects() == []
        fake.add_project("org", "repo", vcs="bb", plan=[WorkflowPlan("w", [JobPlan("only", 1)])])
        assert api.get_projects()[0]["vcs_type"] == "bitbucket"
        job = fake.add_running_build("bitbucket/org/repo", duration=1, outcome="failed")
        fake.advance(2)
        assert api.get_build_info("org", "repo", job.number, vcs_type="bitbucket")["status"] == "failed"
        assert fake.environment() == {"CIRCLE_TOKEN": "t0k3n", "CIRCLECI_API_URL": fake.url}


def test_jobs_change_in_time_order_whenever_they_are_looked_at() -> None:
    state = State(Clock(0.0))
    project = state.add_project("o", "r", plan=[WorkflowPlan("w", [JobPlan("a", 1), JobPlan("b", 1)])])
    late = state.trigger(project)
    early = state.trigger(project, at=-100)
    state.clock.advance(10)
    state.tick()
    assert [j.number for j in early.workflows[0].jobs] == [1, 2]
    assert [j.number for j in late.workflows[0].jobs] == [3, 4]
    assert state.builds(project)[0].number == 4
    with pytest.raises(LookupError, match=r"Job not found\."):
        state.job_by_number(project, 99)


def test_cancel_an_approval_and_a_finished_job() -> None:
    state = State(Clock(0.0), setup_delay=0)
    project = state.add_project("o", "r", plan=[WorkflowPlan("w", [JobPlan("hold", type="approval")])])
    hold = state.trigger(project).workflows[0].jobs[0]
    assert hold.status == "on_hold"
    state.cancel_job(hold)
    state.cancel_job(hold)
    assert (hold.status, hold.workflow.status) == ("canceled", "canceled")


def test_paging_and_routing() -> None:
    first = page(list(range(5)), None, 2)
    assert first["items"] == [0, 1]
    assert page(list(range(5)), first["next_page_token"], 2)["items"] == [2, 3]
    foreign = base64.urlsafe_b64encode(b"cursor:2").decode()
    with pytest.raises(HttpError, match="Invalid page-token"):
        page([1], foreign, 2)
    route = Route("GET", "/p/{slug:slug}/x/{n:int}/{rest:path}", lambda call: None, "r")  # type: ignore[arg-type,return-value]
    router = Router([route])
    assert router.match("GET", "/p/gh/o/r/x/12/a/b%20c") == (route, {"slug": "gh/o/r", "n": "12", "rest": "a/b c"})
    assert router.match("POST", "/p/gh/o/r/x/12/a") == (None, {})
    assert router.match("GET", "/p/gh/o/r/x/ab/a") == (None, {})


def test_url_before_start_and_restart(fake: FakeCircleCI) -> None:
    idle = FakeCircleCI(seeded=False)
    with pytest.raises(RuntimeError, match="not started"):
        idle.url  # noqa: B018
    with pytest.raises(RuntimeError, match="not started"):
        idle.storage_url  # noqa: B018
    idle.stop()

    api = Api(fake.token, fake.url, retries=0)
    assert api.get_user_info()["login"] == "fake-user"  # keeps a pooled connection open
    fake.stop()
    with pytest.raises(CircleCIConnectionError):
        api.get_user_info()
    assert fake.start() is fake.start()
    assert requests.get(f"{fake.url}/me", headers={"Circle-Token": fake.token}, timeout=5).status_code == 200


def test_project_lookup(fake: FakeCircleCI) -> None:
    assert fake.project("github/acme/widget") is fake.project(SLUG)
    with pytest.raises(LookupError, match="Project not found"):
        fake.project("gh/acme/none")
