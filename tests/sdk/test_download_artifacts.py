"""SDK.download_artifacts (v2) and SDK.download_build_artifacts (v1.1) against a fake CircleCI."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from circleci.api import Api
from circleci.error import DownloadError, InvalidArgumentError
from circleci.sdk import SDK, ArtifactDownloadError
from circleci.v2 import ApiV2

from .fake import API, V2, FakeCircleCI

SLUG = "gh/org/repo"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, by path relative to it."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_same_named_files_in_different_folders_do_not_collide(
    sdk: SDK, fake: FakeCircleCI, tmp_path: Path, messages: list[str]
) -> None:
    fake.add_artifact(7, "unit/report.xml", b"unit")
    fake.add_artifact(7, "integration/report.xml", b"integration!")
    fake.add_artifact(7, "report.xml", b"top")

    paths = sdk.download_artifacts(SLUG, 7, str(tmp_path / "out"))

    out = tmp_path / "out"
    assert paths == [str(out / "unit/report.xml"), str(out / "integration/report.xml"), str(out / "report.xml")]
    assert tree(out) == {"unit/report.xml": b"unit", "integration/report.xml": b"integration!", "report.xml": b"top"}
    assert f"GET /api/v2/project/{SLUG}/7/artifacts?page-token=2" in fake.calls
    assert messages[0] == f"downloading 3 artifacts to {out} with 3 workers."  # no more workers than files
    assert messages[-1] == "3/3 files done, 19 bytes written."


@pytest.mark.parametrize(
    "hostile",
    ["../escape.txt", "a/../../escape.txt", "/tmp/escape.txt", "..\\escape.txt", "\\escape.txt", "", "./."],
)
def test_paths_that_leave_destdir_are_refused_and_the_rest_downloaded(
    sdk: SDK, fake: FakeCircleCI, tmp_path: Path, hostile: str
) -> None:
    fake.add_artifact(7, "good.txt", b"good")
    fake.add_artifact(7, hostile, b"evil")
    out = tmp_path / "out"

    with pytest.raises(ArtifactDownloadError) as caught:
        sdk.download_artifacts(SLUG, 7, str(out))

    assert list(caught.value.failed) == [hostile]
    assert "must be relative and stay inside destdir" in caught.value.failed[hostile]
    assert caught.value.downloaded == [str(out / "good.txt")]
    assert tree(tmp_path) == {"out/good.txt": b"good"}


def test_a_symlink_out_of_destdir_is_refused(sdk: SDK, fake: FakeCircleCI, tmp_path: Path) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "link").symlink_to(outside)
    fake.add_artifact(7, "link/escape.txt", b"evil")

    with pytest.raises(ArtifactDownloadError, match=r"link/escape\.txt: .*would resolve outside destdir"):
        sdk.download_artifacts(SLUG, 7, str(out))

    assert list(outside.iterdir()) == []


def test_one_failing_file_does_not_stop_the_others(sdk: SDK, fake: FakeCircleCI, tmp_path: Path) -> None:
    fake.add_artifact(7, "a.txt", b"a")
    fake.add_artifact(7, "logs/missing.txt", 404)
    fake.add_artifact(7, "logs/b.txt", b"b")
    fake.add_artifact(7, "c.txt", b"c")

    with pytest.raises(DownloadError) as caught:
        sdk.download_artifacts(SLUG, 7, str(tmp_path), workers=2)

    error = caught.value
    assert isinstance(error, ArtifactDownloadError)
    assert str(error).startswith("1 of 4 artifacts failed: logs/missing.txt: ")
    assert list(error.failed) == ["logs/missing.txt"] and "404" in error.failed["logs/missing.txt"]
    assert error.downloaded == [str(tmp_path / "a.txt"), str(tmp_path / "logs/b.txt"), str(tmp_path / "c.txt")]
    assert tree(tmp_path) == {"a.txt": b"a", "c.txt": b"c", "logs/b.txt": b"b"}  # no partial or temporary file


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("*.xml", ["reports/unit.xml", "top.xml"]), ("reports/*", ["reports/unit.xml", "reports/log.txt"]), ("nope", [])],
)
def test_pattern_filters_on_the_artifact_path(
    sdk: SDK, fake: FakeCircleCI, tmp_path: Path, pattern: str, expected: list[str]
) -> None:
    for path in ("reports/unit.xml", "reports/log.txt", "top.xml", "TOP.XML.txt"):
        fake.add_artifact(7, path, path.encode())

    paths = sdk.download_artifacts(SLUG, 7, str(tmp_path), pattern=pattern)

    assert paths == [str(tmp_path / path) for path in expected]
    assert sorted(tree(tmp_path)) == sorted(expected)


def test_nodes_of_a_parallel_job_get_a_folder_each(sdk: SDK, fake: FakeCircleCI, tmp_path: Path) -> None:
    fake.add_artifact(7, "results.json", b"zero", node_index=0)
    fake.add_artifact(7, "results.json", b"one", node_index=1)

    paths = sdk.download_artifacts(SLUG, 7, str(tmp_path))

    assert paths == [str(tmp_path / "node-0/results.json"), str(tmp_path / "node-1/results.json")]
    assert tree(tmp_path) == {"node-0/results.json": b"zero", "node-1/results.json": b"one"}


@pytest.mark.parametrize("workers", [1, 4])
def test_downloads_run_in_parallel_up_to_workers(sdk: SDK, fake: FakeCircleCI, tmp_path: Path, workers: int) -> None:
    for index in range(8):
        fake.add_artifact(7, f"f{index}.bin", bytes([index]) * 1000)
    lock = threading.Lock()
    active = [0]
    peak = [0]
    barrier = threading.Barrier(workers, timeout=2)

    def count_concurrency() -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        barrier.wait()  # breaks (and fails the test) unless `workers` downloads are in flight together
        with lock:
            active[0] -= 1

    fake.before_file = count_concurrency

    paths = sdk.download_artifacts(SLUG, 7, str(tmp_path), workers=workers)

    assert peak[0] == workers
    assert [os.path.getsize(path) for path in paths] == [1000] * 8


@pytest.mark.parametrize("workers", [0, -1, True, 2.5, "8", None])
def test_workers_is_checked_before_anything_is_sent(sdk: SDK, fake: FakeCircleCI, tmp_path: Path, workers: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="workers must be a positive integer"):
        sdk.download_artifacts(SLUG, 7, str(tmp_path), workers=workers)
    with pytest.raises(InvalidArgumentError, match="workers must be a positive integer"):
        sdk.download_build_artifacts("org", "repo", 7, str(tmp_path), workers=workers)

    assert fake.calls == []


def test_build_artifacts_come_from_api_v1_1(sdk: SDK, fake: FakeCircleCI, tmp_path: Path) -> None:
    fake.add_artifact(12, "dist/app.whl", b"wheel")
    fake.add_artifact(12, "docs/index.html", b"<html>")
    fake.add_artifact(12, "dist/app.tar.gz", b"sdist")

    paths = sdk.download_build_artifacts("org", "repo", 12, str(tmp_path), pattern="dist/*", workers=2)

    assert paths == [str(tmp_path / "dist/app.whl"), str(tmp_path / "dist/app.tar.gz")]
    assert fake.calls[0] == "GET /api/v1.1/project/github/org/repo/12/artifacts"


def test_build_artifacts_need_a_v1_1_client(fake: FakeCircleCI, tmp_path: Path) -> None:
    with ApiV2("secret-token", V2) as client, pytest.raises(InvalidArgumentError, match=r"uses API v1\.1"):
        SDK(client).download_build_artifacts("org", "repo", 12, str(tmp_path))

    assert fake.calls == []


def test_same_path_failing_on_two_nodes_is_reported_for_each(sdk: SDK, fake: FakeCircleCI, tmp_path: Path) -> None:
    fake.add_artifact(7, "results.json", 404, node_index=0)
    fake.add_artifact(7, "results.json", 500, node_index=1)
    fake.add_artifact(7, "ok.txt", b"ok", node_index=1)

    with pytest.raises(ArtifactDownloadError) as caught:
        sdk.download_artifacts(SLUG, 7, str(tmp_path), workers=1)

    assert sorted(caught.value.failed) == ["node-0/results.json", "node-1/results.json"]
    assert str(caught.value).startswith("2 of 3 artifacts failed: ")
    assert caught.value.downloaded == [str(tmp_path / "node-1/ok.txt")]


def test_an_unexpected_error_in_one_file_is_reported_with_the_others(
    sdk: SDK, fake: FakeCircleCI, tmp_path: Path
) -> None:
    fake.add_artifact(7, "a.txt", b"a")
    fake.add_artifact(7, "b.txt", b"b")
    del fake.artifacts["7"][0]["url"]  # a malformed listing entry

    with pytest.raises(ArtifactDownloadError) as caught:
        sdk.download_artifacts(SLUG, 7, str(tmp_path))

    assert list(caught.value.failed) == ["a.txt"] and "url" in caught.value.failed["a.txt"]
    assert tree(tmp_path) == {"b.txt": b"b"}


def test_more_workers_than_pooled_connections_is_pointed_out(
    fake: FakeCircleCI, tmp_path: Path, messages: list[str]
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        fake.add_artifact(7, name, b"a")
    with Api("secret-token", API, retries=0, pool_size=2) as small:
        assert small.pool_size == small.v2.pool_size == 2
        SDK(small, logger=logging.getLogger("tests.sdk")).download_artifacts(SLUG, 7, str(tmp_path), workers=3)

    assert (
        messages[1]
        == "3 workers share 2 pooled connections: give the client pool_size=3 to keep every connection open."
    )


def test_no_pool_advice_when_the_files_are_fewer_than_the_pool(
    fake: FakeCircleCI, tmp_path: Path, messages: list[str]
) -> None:
    fake.add_artifact(7, "a.txt", b"a")
    fake.add_artifact(7, "b.txt", b"b")
    with Api("secret-token", API, retries=0, pool_size=2) as small:
        SDK(small, logger=logging.getLogger("tests.sdk")).download_artifacts(SLUG, 7, str(tmp_path), workers=8)

    assert messages == [
        f"downloading 2 artifacts to {tmp_path} with 2 workers.",
        "1/2 files done, 1 bytes written.",
        "2/2 files done, 2 bytes written.",
    ]


def test_a_pattern_that_matches_nothing_says_so_and_downloads_nothing(
    sdk: SDK, fake: FakeCircleCI, tmp_path: Path, messages: list[str]
) -> None:
    fake.add_artifact(7, "a.txt", b"a")
    fake.add_artifact(7, "b.txt", b"b")

    assert sdk.download_artifacts(SLUG, 7, str(tmp_path / "out"), pattern="*.xml") == []

    assert messages == ["nothing to download: none of the 2 artifacts matches '*.xml'."]
    assert not (tmp_path / "out").exists()


def test_a_job_without_artifacts_says_so(sdk: SDK, fake: FakeCircleCI, tmp_path: Path, messages: list[str]) -> None:
    assert sdk.download_artifacts(SLUG, 7, str(tmp_path), pattern="*.xml") == []
    assert sdk.download_artifacts(SLUG, 7, str(tmp_path)) == []

    assert messages == ["nothing to download: 0 artifacts.", "nothing to download: 0 artifacts."]


def test_one_file_is_downloaded_by_one_worker(
    sdk: SDK, fake: FakeCircleCI, tmp_path: Path, messages: list[str]
) -> None:
    fake.add_artifact(7, "a.txt", b"a")
    fake.add_artifact(7, "b.xml", b"b")

    sdk.download_artifacts(SLUG, 7, str(tmp_path), pattern="*.txt")

    assert messages[0] == f"downloading 1 of 2 artifacts to {tmp_path} with 1 worker."
