"""Every method of the v1.1 Api, end to end against FakeCircleCI."""

from __future__ import annotations

from pathlib import Path

import pytest

from circleci.api import Api
from circleci.error import CircleCIDeprecationWarning, ClientError, NotFound, Unauthorized
from circleci.experimental import Experimental
from circleci.testing import FakeCircleCI

pytestmark = pytest.mark.filterwarnings("ignore::circleci.error.CircleCIDeprecationWarning")


def test_user_and_projects(api: Api) -> None:
    assert api.get_user_info()["login"] == "fake-user"
    projects = api.get_projects()
    assert [(p["username"], p["reponame"], p["vcs_type"]) for p in projects] == [
        ("acme", "widget", "github"),
        ("acme", "gadget", "github"),
    ]


def test_follow_project(api: Api, fake: FakeCircleCI) -> None:
    fake.project("gh/acme/gadget").following = False
    assert [p["reponame"] for p in api.get_projects()] == ["widget"]

    assert api.follow_project("acme", "gadget")["following"] is True
    assert len(api.get_projects()) == 2


def test_build_summary_is_newest_first_and_filters(api: Api) -> None:
    builds = api.get_project_build_summary("acme", "widget")
    numbers = [b["build_num"] for b in builds]
    assert numbers == sorted(numbers, reverse=True) == [6, 5, 4, 3, 2, 1]
    failed = api.get_project_build_summary("acme", "widget", status_filter="failed")
    assert [b["build_num"] for b in failed] == [4]
    assert failed[0]["status"] == "failed" and failed[0]["lifecycle"] == "finished"
    assert len(api.get_project_build_summary("acme", "widget", status_filter="successful")) == 5
    assert len(api.get_project_build_summary("acme", "widget", status_filter="completed", limit=2, offset=1)) == 2
    assert api.get_project_build_summary("acme", "widget", status_filter="running") == []


def test_build_summary_of_a_branch(api: Api, fake: FakeCircleCI) -> None:
    fake.trigger_pipeline("gh/acme/widget", branch="feature/x")
    fake.advance(1)

    on_branch = api.get_project_build_summary("acme", "widget", branch="feature/x")
    assert [(b["branch"], b["status"]) for b in on_branch] == [("feature/x", "queued")]
    assert api.get_project_build_summary("acme", "widget", branch="nope") == []


def test_recent_builds_cover_every_project(api: Api) -> None:
    builds = api.get_recent_builds(limit=100)
    assert {b["reponame"] for b in builds} == {"widget", "gadget"}
    assert len(builds) == 12


def test_build_info_tests_and_artifacts(api: Api, tmp_path: Path) -> None:
    info = api.get_build_info("acme", "widget", 6)
    assert info["workflows"]["job_name"] == "test"
    assert info["outcome"] == "success" and info["build_time_millis"] == 3000
    assert [t["name"] for t in api.get_test_metadata("acme", "widget", 6)["tests"]] == ["test_adds", "test_subtracts"]
    artifacts = api.get_artifacts("acme", "widget", 6)
    assert [a["path"] for a in artifacts] == ["reports/junit.xml", "coverage/index.html"]

    written = api.download_artifact(artifacts[1]["url"], str(tmp_path))
    assert Path(written).read_bytes() == b"<html><body>Coverage: 100%</body></html>\n"


def test_a_failed_build_keeps_no_artifacts_but_its_test_results(api: Api) -> None:
    assert api.get_artifacts("acme", "widget", 4) == []
    assert api.get_test_metadata("acme", "widget", 4)["tests"][0]["result"] == "failure"


def test_latest_artifacts(api: Api, fake: FakeCircleCI) -> None:
    assert len(api.get_latest_artifact("acme", "widget")) == 2
    assert len(api.get_latest_artifact("acme", "widget", branch="main", status_filter="successful")) == 2
    with pytest.raises(NotFound):
        api.get_latest_artifact("acme", "widget", status_filter="failed")  # build 4 failed, without artifacts
    with pytest.raises(NotFound):
        api.get_latest_artifact("acme", "widget", branch="other")
    with pytest.raises(ClientError, match="Invalid filter"):
        api._request("GET", "project/github/acme/widget/latest/artifacts", params={"filter": "running"})


def test_trigger_build_runs_the_projects_plan(api: Api, fake: FakeCircleCI) -> None:
    with pytest.warns(CircleCIDeprecationWarning):
        build = api.trigger_build("acme", "widget", branch="release", params={"build_parameters": {"DEPLOY": "1"}})
    assert (build["build_num"], build["status"], build["branch"]) == (7, "queued", "release")
    assert build["build_parameters"] == {"DEPLOY": "1"}

    fake.advance(1)
    assert api.get_build_info("acme", "widget", 7)["status"] == "running"
    fake.advance(2)
    assert api.get_build_info("acme", "widget", 7)["status"] == "success"
    assert api.get_build_info("acme", "widget", 8)["workflows"]["job_name"] == "test"


def test_trigger_a_tag_and_a_project_without_jobs(api: Api, fake: FakeCircleCI) -> None:
    with pytest.warns(CircleCIDeprecationWarning):
        build = api.trigger_build("acme", "widget", branch=None, tag="v1.0")
    assert build["vcs_tag"] == "v1.0" and build["branch"] is None

    fake.set_plan("gh/acme/widget", [])
    assert api.trigger_build("acme", "widget")["message"] == "Pipeline created"


def test_retry_cancel_and_ssh(api: Api, fake: FakeCircleCI) -> None:
    with pytest.warns(CircleCIDeprecationWarning):
        retried = api.retry_build("acme", "widget", 4)
    assert retried["build_num"] == 7 and retried["workflows"]["job_name"] == "test"
    assert api.retry_build("acme", "widget", 4, ssh=True)["build_num"] == 8

    canceled = api.cancel_build("acme", "widget", 7)
    assert (canceled["status"], canceled["outcome"]) == ("canceled", "canceled")
    assert api.add_ssh_user("acme", "widget", 8)["build_num"] == 8
    assert Experimental(fake.token, fake.url).retry_no_cache("acme", "widget", 8)["build_num"] == 9


def test_ssh_keys(api: Api, fake: FakeCircleCI) -> None:
    assert api.add_ssh_key("acme", "widget", "-----BEGIN KEY-----", hostname="example.com") == ""
    (fingerprint,) = fake.project("gh/acme/widget").ssh_keys
    assert api.delete_ssh_key("acme", "widget", fingerprint, hostname="example.com") is None
    assert fake.project("gh/acme/widget").ssh_keys == {}
    with pytest.raises(ClientError, match="private_key is required"):
        api.add_ssh_key("acme", "widget", "")


def test_checkout_keys(api: Api) -> None:
    (seeded,) = api.list_checkout_keys("acme", "widget")
    assert seeded["type"] == "deploy-key"
    created = api.create_checkout_key("acme", "widget", "github-user-key")
    assert api.get_checkout_key("acme", "widget", created["fingerprint"]) == created
    assert api.delete_checkout_key("acme", "widget", created["fingerprint"]) == {"message": "ok"}
    with pytest.raises(NotFound, match="Checkout key not found"):
        api.get_checkout_key("acme", "widget", created["fingerprint"])
    with pytest.raises(ClientError, match="type must be"):
        api._request("POST", "project/github/acme/widget/checkout-key", data={"type": "user-key"})


def test_env_vars_are_masked(api: Api) -> None:
    assert api.list_envvars("acme", "widget") == [
        {"name": "API_URL", "value": "xxxx.com"},
        {"name": "DEPLOY_TOKEN", "value": "xxxxpl0y"},
    ]
    assert api.add_envvar("acme", "widget", "NEW", "value-1234") == {"name": "NEW", "value": "xxxx1234"}
    assert api.get_envvar("acme", "widget", "NEW")["value"] == "xxxx1234"
    assert api.delete_envvar("acme", "widget", "NEW") == {"message": "ok"}
    with pytest.raises(NotFound, match="Environment variable not found"):
        api.get_envvar("acme", "widget", "NEW")
    with pytest.raises(ClientError, match="name and value"):
        api._request("POST", "project/github/acme/widget/envvar", data={"name": "X"})


def test_cache_and_user_keys(api: Api) -> None:
    assert api.clear_cache("acme", "widget") == {"status": "build caches deleted"}
    assert api.add_heroku_key("heroku-key") == ""
    assert api.add_user_ssh_key() is None


def test_unknown_things_get_circlecis_messages(api: Api, fake: FakeCircleCI) -> None:
    with pytest.raises(NotFound, match="Project not found"):
        api.get_build_info("acme", "nope", 1)
    with pytest.raises(NotFound, match="Job not found"):
        api.get_build_info("acme", "widget", 999)
    with pytest.raises(NotFound, match="Not found"):
        api._request("GET", "no/such/endpoint")
    with pytest.raises(ClientError, match="limit must be"):
        api._request("GET", "recent-builds", params={"limit": "x"})
    with pytest.raises(ClientError, match="Invalid filter"):
        api._request("GET", "recent-builds", params={"filter": "bogus"})
    with pytest.raises(ClientError, match="build_parameters must be an object"):
        api._request("POST", "project/github/acme/widget", data={"build_parameters": ["DEPLOY"]})


def test_tokens(fake: FakeCircleCI) -> None:
    with pytest.raises(Unauthorized, match=r"Invalid token provided\."):
        Api("wrong", fake.url, retries=0).get_user_info()
    with pytest.raises(Unauthorized, match=r"You must log in first\."):
        Api(None, fake.url, retries=0).get_user_info()
    fake.add_token("second")
    assert Api("second", fake.url).get_user_info()["login"] == "fake-user"


def test_basic_auth_with_the_token_as_user(fake: FakeCircleCI) -> None:
    import requests

    assert requests.get(f"{fake.url}/me", auth=(fake.token, ""), timeout=5).status_code == 200
    assert requests.get(f"{fake.url}/me", auth=("wrong", ""), timeout=5).status_code == 401
    broken = {"Authorization": "Basic !!!"}
    assert requests.get(f"{fake.url}/me", headers=broken, timeout=5).json() == {"message": "You must log in first."}
    bearer = {"Authorization": f"Bearer {fake.token}"}
    assert requests.get(f"{fake.url}/me", headers=bearer, timeout=5).status_code == 401
