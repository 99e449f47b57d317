"""Artifacts: the API redirects to a second host, which refuses credentials as cloud storage does."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from circleci.api import Api
from circleci.error import CircleCIConnectionError, NotFound
from circleci.testing import FakeCircleCI


def _links(fake: FakeCircleCI, api: Api) -> tuple[str, str]:
    url = api.get_artifacts("acme", "widget", 6)[0]["url"]
    response = requests.get(url, headers={"Circle-Token": fake.token}, allow_redirects=False, timeout=5)
    assert response.status_code == 302
    return url, response.headers["Location"]


def test_the_api_redirects_to_another_host(fake: FakeCircleCI, api: Api) -> None:
    url, location = _links(fake, api)
    assert url.startswith(fake.root_url)
    assert location.startswith(fake.storage_url) and fake.storage_url.startswith("http://localhost:")
    assert requests.get(location, timeout=5).content.startswith(b"<testsuite")


def test_the_storage_host_refuses_the_token(fake: FakeCircleCI, api: Api) -> None:
    _, location = _links(fake, api)
    for headers in ({"Circle-Token": fake.token}, {"Authorization": "Basic eDo="}):
        refused = requests.get(location, headers=headers, timeout=5)
        assert refused.status_code == 400 and b"Only one auth mechanism allowed" in refused.content


def test_the_storage_host_checks_signature_and_expiry(fake: FakeCircleCI, api: Api) -> None:
    _, location = _links(fake, api)
    assert requests.get(location.replace("Signature=", "Signature=0"), timeout=5).status_code == 403
    assert requests.get(location.split("?")[0], timeout=5).status_code == 403
    assert requests.post(location, timeout=5).status_code == 403  # signed for GET only
    not_ascii = requests.get(location.split("Signature=")[0] + "Signature=%C3%A9", timeout=5)
    assert not_ascii.status_code == 403 and b"AccessDenied" in not_ascii.content
    fake.advance(61)
    expired = requests.get(location, timeout=5)
    assert expired.status_code == 403 and b"Request has expired" in expired.content


def test_the_storage_host_answers_404_for_a_deleted_artifact(fake: FakeCircleCI, api: Api) -> None:
    _, location = _links(fake, api)
    fake.state.job_by_number(fake.project("gh/acme/widget"), 6).artifacts.clear()
    assert requests.get(location, timeout=5).status_code == 404
    fake.state.jobs.clear()
    assert requests.get(location, timeout=5).status_code == 404


def test_artifact_links_need_the_token_and_an_existing_artifact(fake: FakeCircleCI, api: Api) -> None:
    url = api.get_artifacts("acme", "widget", 6)[0]["url"]
    assert requests.get(url, timeout=5).status_code == 401
    with pytest.raises(NotFound, match="Artifact not found"):
        api._transport.request("GET", url.replace("junit.xml", "other.xml"))


def test_a_dropped_storage_connection_fails_the_download(fake: FakeCircleCI, api: Api, tmp_path: Path) -> None:
    url = api.get_artifacts("acme", "widget", 6)[0]["url"]
    fake.drop_connections(route="storage", times=None)
    with pytest.raises(CircleCIConnectionError):
        api.download_artifact(url, str(tmp_path))
    assert list(tmp_path.iterdir()) == []
