"""A hostile server on loopback: every failure typed, memory bounded, bytes kept, paths inside destdir."""

from __future__ import annotations

import gzip
import json
import pickle
import re
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable

import pytest

from circleci import error, transport
from circleci.api import Api
from circleci.sdk import SDK
from circleci.v2 import ApiV2
from circleci.v3 import ApiV3

from .conftest import TOKEN
from .servers import LoopbackServer, Received, Reply, json_reply

MiB = 1 << 20


def _bomb(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed in pieces (the whole is never held in memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MiB)
    parts = [packer.compress(zeros) for _ in range(size // MiB)]
    return b"".join(parts) + packer.flush()


BOMB = _bomb(256 * MiB)
"""256 MiB once decoded, about 250 KiB on the wire."""


def _peak(call: Callable[[], object]) -> tuple[int, Any]:
    """The Python heap's peak growth while ``call`` runs, and what it returned (or raised)."""
    tracemalloc.start()
    try:
        try:
            outcome: Any = call()
        except Exception as exc:
            outcome = exc
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, outcome


# Every failure is typed ------------------------------------------------------


@pytest.mark.parametrize("value", ["5" * 5000, "9" * 11, "Fri, 31 Dec 99999 23:59:59 GMT", "in a while"])
def test_an_unreadable_retry_after_is_ignored(
    api: Api, server: LoopbackServer, sleeps: list[float], value: str
) -> None:
    server.script(json_reply({"message": "slow"}, 429, Retry_After=value), json_reply({"ok": True}))

    assert api.get_user_info() == {"ok": True}
    assert sleeps == [transport.BACKOFF_FACTOR]
    assert transport._retry_after_seconds(value) is None


def test_an_unreadable_retry_after_on_the_last_attempt_is_left_out_of_the_error(
    server: LoopbackServer, sleeps: list[float]
) -> None:
    server.script(json_reply({"message": "slow"}, 429, Retry_After="9" * 5000))

    with pytest.raises(error.RateLimited) as caught:
        Api(TOKEN, url=f"{server.url}/api/v1.1", retries=0).get_user_info()
    assert caught.value.retry_after is None
    assert caught.value.message == "slow"


def test_readable_retry_after_values_still_count() -> None:
    assert transport._retry_after_seconds(" 30 ") == 30.0
    assert transport._retry_after_seconds("9" * transport.RETRY_AFTER_DIGITS) > transport.RETRY_AFTER_CAP
    assert transport._retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert transport._retry_after_seconds("soon") is None
    assert transport._retry_after_seconds("") is None


def test_deeply_nested_json_on_a_success_is_an_invalid_response(api: Api, server: LoopbackServer) -> None:
    server.script(Reply(body=b"[" * 200_000 + b"]" * 200_000, content_type="application/json"))

    with pytest.raises(error.InvalidResponseError, match="nested too deeply") as caught:
        api.get_user_info()
    assert caught.value.status_code == 200


def test_deeply_nested_json_on_a_404_is_still_not_found(api: Api, server: LoopbackServer) -> None:
    server.script(Reply(status=404, body=b"[" * 200_000, content_type="application/json"))

    with pytest.raises(error.NotFound) as caught:
        api.get_build_info("org", "repo", 1)
    assert caught.value.status_code == 404


@pytest.mark.parametrize(
    "call",
    [
        lambda api: api.get_build_info("org\udcff", "repo", 1),
        lambda api: api.get_project_build_summary("org", "repo\ud800"),
        lambda api: api.get_project_build_summary("org", "repo", branch="main\udcff"),
        lambda api: api.v2.list_pipelines_for_project("gh/org\udcff/repo"),
        lambda api: api.v2.list_pipelines_for_project("gh/org/repo", branch="main\udcff"),
        lambda api: api.v2.get_pipeline_by_id("\udcff"),
    ],
)
def test_a_lone_surrogate_is_refused_before_sending(
    api: Api, server: LoopbackServer, call: Callable[[Api], object]
) -> None:
    with pytest.raises(error.InvalidArgumentError):
        call(api)
    assert server.received == []


def _raise_not_found() -> None:
    raise error.NotFound("Project not found", status_code=404, method="GET", url="https://ci.example/api/v2/x")


def test_an_error_crosses_a_process_pool() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_raise_not_found)
        with pytest.raises(error.NotFound) as caught:
            future.result(timeout=60)
    assert (caught.value.status_code, caught.value.message) == (404, "Project not found")
    assert caught.value.url == "https://ci.example/api/v2/x"


def test_errors_from_the_wire_survive_pickle(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    caught: list[error.CircleCIException] = []
    replies: list[tuple[Reply, Callable[[], object]]] = [
        (json_reply({"message": "Build not found"}, 404), lambda: api.get_build_info("org", "repo", 1)),
        (json_reply({"message": "slow"}, 429, Retry_After="3600"), api.get_user_info),
        (json_reply({"message": "no"}, 401), api.get_user_info),
        (Reply(body="nope"), api.get_user_info),
        (json_reply({"message": "gone"}, 410), lambda: api.download_artifact(f"{server.url}/a", str(tmp_path))),
    ]
    for reply, call in replies:
        server.script(reply)
        with pytest.raises(error.CircleCIException) as raised:
            call()
        caught.append(raised.value)
    with pytest.raises(error.CircleCIException) as raised:
        api.download_artifact(f"{server.url}/a", str(tmp_path / "missing"))
    caught.append(raised.value)

    for failure in caught:
        copy = pickle.loads(pickle.dumps(failure))
        assert type(copy) is type(failure)
        assert str(copy) == str(failure)
        assert copy.args == failure.args
        for name in ("status_code", "message", "url", "method", "retry_after", "argument", "path", "content_type"):
            assert getattr(copy, name, None) == getattr(failure, name, None)
        assert getattr(copy, "response", None) is None
    assert caught[0].status_code == 404  # type: ignore[attr-defined]
    assert caught[1].retry_after == 3600  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "failure",
    [
        error.InvalidArgumentError(b"org", "username must be a non-empty string"),
        error.InvalidTokenError("the token must be a str, not bytes"),
        error.BadVerbError("PUT"),
        error.BadKeyError("x"),
        error.InvalidFilterError("x", "status"),
        error.CircleCIConnectionError("refused"),
        error.CircleCITimeout("slow"),
        error.ResponseTooLarge("big", status_code=200, content_type="application/json", limit=10),
        error.ArtifactDownloadError("1 of 2 failed", failed={"a": "b"}, downloaded=["c"]),
        error.WaitTimeout("waited", waited_on="p"),
        error.PipelineError("errored", pipeline={"id": "p"}, errors=[{"type": "config"}]),
        error.PipelineFailed("failed", pipeline={"id": "p"}, workflows=[{}], failed=[{}]),
        error.Gone("gone", status_code=410, method="POST", url="u"),
    ],
    ids=lambda failure: type(failure).__name__,
)
def test_every_exception_class_survives_pickle(failure: error.CircleCIException) -> None:
    copy = pickle.loads(pickle.dumps(failure))
    assert type(copy) is type(failure)
    assert str(copy) == str(failure)
    assert copy.__dict__ == failure.__dict__


# Memory stays bounded --------------------------------------------------------


def test_a_success_cut_short_is_a_connection_error(server: LoopbackServer) -> None:
    server.script(Reply(body=b'{"a": 1', length=100, end="close", content_type="application/json"))

    with pytest.raises(error.CircleCIConnectionError, match=r"GET .*/me failed"):
        Api(TOKEN, url=f"{server.url}/api/v1.1", retries=0).get_user_info()


def test_an_error_body_cut_short_still_gives_the_status_error(server: LoopbackServer) -> None:
    server.script(Reply(status=500, body=b"half an answer", length=100, end="close"))

    with pytest.raises(error.ServerError, match="Internal Server Error") as caught:
        Api(TOKEN, url=f"{server.url}/api/v1.1", retries=0).get_user_info()
    assert caught.value.status_code == 500


def test_a_decoded_json_body_beyond_the_cap_is_refused_with_bounded_memory(server: LoopbackServer) -> None:
    server.script(Reply(body=BOMB, headers={"Content-Encoding": "gzip"}, content_type="application/json"))
    api = Api(TOKEN, url=f"{server.url}/api/v1.1", max_body_size=MiB)

    peak, failure = _peak(api.get_user_info)
    assert isinstance(failure, error.ResponseTooLarge)
    assert (failure.status_code, failure.limit) == (200, MiB)
    assert "max_body_size=1048576" in str(failure)
    assert peak < 8 * MiB


def test_v2_and_v3_clients_take_the_cap_too(server: LoopbackServer) -> None:
    body = json.dumps({"x": "y" * 1000}).encode()
    v2 = ApiV2(TOKEN, url=f"{server.url}/api/v2", max_body_size=100)
    v3 = ApiV3(TOKEN, url=f"{server.url}/api/v3", max_body_size=100)
    for call in (v2.get_current_user, lambda: v3.get_job("5b0f5d6a-0000-4000-8000-000000000000")):
        server.script(Reply(body=body, content_type="application/json"))
        with pytest.raises(error.ResponseTooLarge):
            call()


def test_the_default_cap_is_documented_and_bounds_a_bomb(api: Api, server: LoopbackServer) -> None:
    assert api._transport.max_body_size == transport.DEFAULT_MAX_BODY_SIZE == 64 * MiB
    server.script(Reply(body=BOMB, headers={"Content-Encoding": "gzip"}, content_type="application/json"))

    peak, failure = _peak(api.get_user_info)
    assert isinstance(failure, error.ResponseTooLarge)
    assert peak < 3 * transport.DEFAULT_MAX_BODY_SIZE
    server.script(json_reply({"still": "usable"}))
    assert api.get_user_info() == {"still": "usable"}


def test_a_body_up_to_the_cap_is_read(server: LoopbackServer) -> None:
    body = json.dumps({"x": "y" * 1000}).encode()
    server.script(
        Reply(body=gzip.compress(body), headers={"Content-Encoding": "gzip"}, content_type="application/json")
    )

    assert Api(TOKEN, url=f"{server.url}/api/v1.1", max_body_size=len(body)).get_user_info() == {"x": "y" * 1000}


@pytest.mark.parametrize("size", [0, -1, 1.5, True, "1"])
def test_max_body_size_must_be_a_positive_integer(size: Any) -> None:
    with pytest.raises(error.InvalidArgumentError, match="max_body_size"):
        Api(TOKEN, max_body_size=size)


def _endless() -> Iterator[bytes]:
    piece = b"error " * 10_000
    for _ in range(200_000):  # 12 GB: far more than any test waits for
        yield piece


def test_a_failed_download_reads_only_the_start_of_an_endless_error_body(
    server: LoopbackServer, tmp_path: Path
) -> None:
    server.script(Reply(status=500, chunks=_endless, length=1 << 40))
    api = Api(TOKEN, url=f"{server.url}/api/v1.1", retries=0)

    started = time.monotonic()
    peak, failure = _peak(lambda: api.download_artifact(f"{server.url}/a.txt", str(tmp_path)))
    assert isinstance(failure, error.ServerError)
    assert time.monotonic() - started < 10
    assert failure.message.startswith("error error")
    assert failure.response is not None
    assert len(failure.response.content) <= transport.ERROR_BODY_LIMIT
    assert peak < 4 * MiB
    assert list(tmp_path.iterdir()) == []


def test_a_failed_download_reads_only_the_start_of_a_large_error_body(server: LoopbackServer, tmp_path: Path) -> None:
    server.script(Reply(status=404, body=b"x" * (48 * MiB)), Reply(body=b"next"))

    peak, failure = _peak(
        lambda: Api(TOKEN, url=f"{server.url}/api/v1.1").download_artifact(f"{server.url}/a.txt", str(tmp_path))
    )
    assert isinstance(failure, error.NotFound)
    assert peak < 4 * MiB


def test_a_retried_answer_with_an_endless_body_is_not_read_to_its_end(
    api: Api, server: LoopbackServer, sleeps: list[float]
) -> None:
    server.script(Reply(status=503, chunks=_endless, length=1 << 40), json_reply({"ok": True}))

    started = time.monotonic()
    assert api.get_user_info() == {"ok": True}
    assert time.monotonic() - started < 10
    assert server.received[0].connection != server.received[1].connection


def test_a_retried_answer_with_a_short_body_keeps_its_connection(
    api: Api, server: LoopbackServer, sleeps: list[float]
) -> None:
    server.script(json_reply({"message": "busy"}, 503), json_reply({"ok": True}))

    assert api.get_user_info() == {"ok": True}
    assert server.received[0].connection == server.received[1].connection


def test_a_gzip_bomb_error_body_is_read_only_in_part(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    server.script(Reply(status=404, body=BOMB, headers={"Content-Encoding": "gzip"}))

    peak, failure = _peak(lambda: api.download_artifact(f"{server.url}/a.txt", str(tmp_path)))
    assert isinstance(failure, error.NotFound)
    assert peak < 8 * MiB


def test_a_redirect_during_a_download_is_not_read_in_full(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    server.script(
        Reply(status=302, body=BOMB, headers={"Location": "/storage/a.txt", "Content-Encoding": "gzip"}),
        Reply(body=b"artifact"),
    )

    peak, written = _peak(lambda: api.download_artifact(f"{server.url}/a.txt", str(tmp_path)))
    assert written == str(tmp_path / "a.txt")
    assert (tmp_path / "a.txt").read_bytes() == b"artifact"
    assert peak < 8 * MiB
    assert server.paths() == ["/a.txt", "/storage/a.txt"]


def test_an_endless_redirect_body_does_not_hold_a_download(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    server.script(Reply(status=302, chunks=_endless, length=1 << 40, headers={"Location": "/b"}), Reply(body=b"ok"))

    started = time.monotonic()
    api.download_artifact(f"{server.url}/a.txt", str(tmp_path))
    assert time.monotonic() - started < 10
    assert (tmp_path / "a.txt").read_bytes() == b"ok"


def test_a_small_redirect_body_keeps_the_connection(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    server.script(Reply(status=302, body=b"moved", headers={"Location": "/b"}), Reply(body=b"ok"))

    api.download_artifact(f"{server.url}/a.txt", str(tmp_path))
    assert server.received[0].connection == server.received[1].connection


def test_urllib3_without_the_decompression_advisories_is_required() -> None:
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    assert re.search(r'"urllib3>=2\.6\.3"', pyproject)


# Downloads keep the artifact's bytes ----------------------------------------


def test_an_artifact_served_gzip_encoded_is_written_as_sent(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    wire = gzip.compress(b"log line\n" * (2 * MiB // 9))
    server.script(Reply(body=wire, headers={"Content-Encoding": "gzip"}, content_type="application/gzip"))

    path = api.download_artifact(f"{server.url}/logs.tar.gz", str(tmp_path))
    assert Path(path).read_bytes() == wire
    assert server.received[0].header("Accept-Encoding") == "identity"


def test_a_truncated_encoded_artifact_is_still_a_download_error(
    api: Api, server: LoopbackServer, tmp_path: Path
) -> None:
    wire = gzip.compress(b"x" * 100_000)
    server.script(Reply(body=wire[:100], length=len(wire), headers={"Content-Encoding": "gzip"}, end="close"))

    with pytest.raises(error.DownloadError):
        api.download_artifact(f"{server.url}/a.gz", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


# Paths stay inside the destination ------------------------------------------


def test_a_symlinked_folder_cannot_lead_out_of_destdir(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    destdir, elsewhere = tmp_path / "dest", tmp_path / "elsewhere"
    destdir.mkdir()
    elsewhere.mkdir()
    (destdir / "logs").symlink_to(elsewhere, target_is_directory=True)

    with pytest.raises(error.InvalidArgumentError, match="outside destdir"):
        api.download_artifact(f"{server.url}/k", str(destdir), "logs/authorized_keys")
    assert server.received == []
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_destdir_itself_is_fine(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "logs").mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    server.script(Reply(body=b"data"))

    api.download_artifact(f"{server.url}/k", str(tmp_path / "link"), "logs/build.log")
    assert (real / "logs" / "build.log").read_bytes() == b"data"


@pytest.mark.parametrize("filename", ["C:evil.exe", "c:/x", "C:\\x", "a\x00b", "logs/\x00", b"name", 5, ["a"]])
def test_filename_with_a_drive_nul_or_wrong_type_is_refused_before_sending(
    api: Api, server: LoopbackServer, tmp_path: Path, filename: Any
) -> None:
    with pytest.raises(error.InvalidArgumentError):
        api.download_artifact(f"{server.url}/a", str(tmp_path), filename)
    assert server.received == []


@pytest.mark.parametrize(
    ("path", "saved"),
    [
        ("/0/C:evil.exe", "C_evil.exe"),
        ("/0/x%5CC%3Aevil.exe", "C_evil.exe"),
        ("/0/d%3A", "d_"),
        ("/0/a:b", "a_b"),
        ("/0/ab:c", "ab:c"),
    ],
)
def test_a_url_never_gives_a_drive(api: Api, server: LoopbackServer, tmp_path: Path, path: str, saved: str) -> None:
    server.script(Reply(body=b"data"))

    assert api.download_artifact(f"{server.url}{path}", str(tmp_path)) == str(tmp_path / saved)
    assert (tmp_path / saved).read_bytes() == b"data"


@pytest.mark.parametrize("path", ["/0/a%00b", "/0/%00"])
def test_a_nul_in_the_url_file_name_is_refused_before_sending(
    api: Api, server: LoopbackServer, tmp_path: Path, path: str
) -> None:
    with pytest.raises(error.InvalidArgumentError, match="NUL"):
        api.download_artifact(f"{server.url}{path}", str(tmp_path))
    assert server.received == []


def test_a_nul_or_unencodable_destdir_is_refused_before_sending(
    api: Api, server: LoopbackServer, tmp_path: Path
) -> None:
    for destdir in (f"{tmp_path}\x00x", f"{tmp_path}/\ud800"):
        with pytest.raises(error.InvalidArgumentError):
            api.download_artifact(f"{server.url}/a", destdir, "a")
    assert server.received == []


def _artifact_server(server: LoopbackServer, artifacts: list[dict[str, Any]]) -> None:
    def answer(request: Received) -> Reply:
        if request.path.endswith("/artifacts"):
            return json_reply(artifacts)
        return Reply(body=f"content of {request.path}".encode())

    server.answer_with(answer)


def test_artifacts_that_differ_only_by_slash_direction_are_not_silently_merged(
    api: Api, server: LoopbackServer, tmp_path: Path
) -> None:
    artifacts = [
        {"path": "a/b.txt", "url": f"{server.url}/0/a/b.txt", "node_index": 0},
        {"path": "a\\b.txt", "url": f"{server.url}/0/a%5Cb.txt", "node_index": 0},
        {"path": "c.txt", "url": f"{server.url}/0/c.txt", "node_index": 0},
    ]
    _artifact_server(server, artifacts)

    with pytest.raises(error.ArtifactDownloadError) as caught:
        SDK(api).download_build_artifacts("org", "repo", 1, str(tmp_path))
    assert list(caught.value.failed) == ["a\\b.txt"]
    assert "'a/b.txt'" in caught.value.failed["a\\b.txt"]
    assert "'a\\\\b.txt'" in caught.value.failed["a\\b.txt"]
    assert sorted(caught.value.downloaded) == sorted([str(tmp_path / "a" / "b.txt"), str(tmp_path / "c.txt")])
    assert (tmp_path / "a" / "b.txt").read_bytes() == b"content of /0/a/b.txt"
    assert "/0/a%5Cb.txt" not in server.paths()


def test_the_same_path_on_two_nodes_is_kept_twice(api: Api, server: LoopbackServer, tmp_path: Path) -> None:
    artifacts = [
        {"path": "a/b.txt", "url": f"{server.url}/0/a/b.txt", "node_index": 0},
        {"path": "a\\b.txt", "url": f"{server.url}/1/a/b.txt", "node_index": 1},
    ]
    _artifact_server(server, artifacts)

    paths = SDK(api).download_build_artifacts("org", "repo", 1, str(tmp_path))
    assert sorted(paths) == [str(tmp_path / "node-0" / "a" / "b.txt"), str(tmp_path / "node-1" / "a" / "b.txt")]


# Arguments are refused, not stringified --------------------------------------


@pytest.mark.parametrize("name", [b"org", ["org"], ("org",), 1.5, None, True, {"a": 1}, object()], ids=repr)
def test_names_that_are_not_text_are_refused_before_sending(api: Api, server: LoopbackServer, name: Any) -> None:
    calls: list[Callable[[], object]] = [
        lambda: api.get_build_info(name, "repo", 1),
        lambda: api.get_project_build_summary("org", name),
        lambda: api.get_test_metadata("org", "repo", 1, vcs_type=name),
        lambda: api.v2.get_pipeline_by_id(name),
        lambda: api.v2.list_pipelines_for_project(name),
        lambda: api.v2.get_project_by_slug(name),
    ]
    for call in calls:
        with pytest.raises(error.InvalidArgumentError):
            call()
    assert server.received == []


def test_numbers_stay_allowed_where_numbers_are_expected(api: Api, server: LoopbackServer) -> None:
    server.script(json_reply({}))

    api.get_build_info("org", "repo", 7)
    api.get_build_info("org", "repo", "8")
    api.v2.get_pipeline_by_number("gh/org/repo", 9)
    assert server.paths() == [
        "/api/v1.1/project/github/org/repo/7",
        "/api/v1.1/project/github/org/repo/8",
        "/api/v2/project/gh/org/repo/pipeline/9",
    ]


@pytest.mark.parametrize(
    "project_slug",
    ["gh/org/repo/envvar", "gh/org/repo/envvar/SECRET", "gh/org", "org", "gh/org/repo/", "/gh/org/repo", "gh//repo"],
)
def test_a_project_slug_has_exactly_three_parts(api: Api, server: LoopbackServer, project_slug: str) -> None:
    calls: list[Callable[[], object]] = [
        lambda: api.v2.get_project_by_slug(project_slug),
        lambda: api.v2.delete_project_by_slug(project_slug),
        lambda: api.v2.list_env_vars(project_slug),
        lambda: api.v2.list_pipelines_for_project(project_slug),
    ]
    for call in calls:
        with pytest.raises(error.InvalidArgumentError):
            call()
    assert server.received == []


def test_three_part_slugs_of_every_kind_are_sent(api: Api, server: LoopbackServer) -> None:
    server.script(json_reply({}))

    for project_slug in ("gh/org/repo", "bb/org/repo", "circleci/6f1d2b9e/0a7c3d4e", "gh/org/my%repo"):
        api.v2.get_project_by_slug(project_slug)
    assert server.paths() == [
        "/api/v2/project/gh/org/repo",
        "/api/v2/project/bb/org/repo",
        "/api/v2/project/circleci/6f1d2b9e/0a7c3d4e",
        "/api/v2/project/gh/org/my%25repo",
    ]


def test_project_slug_refuses_a_slash_inside_its_parts(api: Api, server: LoopbackServer) -> None:
    from circleci.v2 import project_slug

    for username, project in (("org", "repo/envvar"), ("org/x", "repo"), (b"org", "repo"), ("org", 5)):
        with pytest.raises(error.InvalidArgumentError):
            project_slug(username, project)  # type: ignore[arg-type]
    with pytest.raises(error.InvalidArgumentError):
        project_slug("org", "repo", ["gh"])  # type: ignore[arg-type]
    assert project_slug("org", "repo", "bitbucket") == "bb/org/repo"
    assert server.received == []


def test_an_org_slug_has_one_or_two_parts(server: LoopbackServer) -> None:
    server.script(json_reply({}))
    v2 = ApiV2(TOKEN, url=f"{server.url}/api/v2")

    with pytest.raises(error.InvalidArgumentError):
        v2.get_org_summary_data("gh/org/extra")
    v2.get_org_summary_data("gh/org")
    assert server.paths() == ["/api/v2/insights/gh/org/summary"]
