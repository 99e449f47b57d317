"""SDK.download_pipeline_artifacts end to end against FakeCircleCI (artifacts served by its storage host)."""

from __future__ import annotations

from pathlib import Path

import pytest

from circleci.error import InvalidArgumentError
from circleci.sdk import SDK, ArtifactDownloadError
from circleci.testing import FakeCircleCI, JobPlan, Pipeline, WorkflowPlan

SLUG = "gh/acme/site"


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def pipeline(server: FakeCircleCI) -> Pipeline:
    """Two workflows; ``test`` runs in both, ``build`` and ``docs`` once, ``approve`` is an approval."""
    report = {"reports/junit.xml": b"<testsuite/>"}
    server.add_project(
        "acme",
        "site",
        plan=[
            WorkflowPlan(
                "ci",
                [
                    JobPlan("build", artifacts={"dist/app.whl": b"wheel", "dist/app.tar.gz": b"sdist"}),
                    JobPlan("test", artifacts=report, requires=("build",)),
                    JobPlan("approve", type="approval"),
                ],
            ),
            WorkflowPlan(
                "nightly", [JobPlan("test", artifacts=report), JobPlan("docs", artifacts={"html/i.html": b"i"})]
            ),
        ],
    )
    triggered = server.trigger_pipeline(SLUG)
    server.advance(60)
    return triggered


def test_every_artifact_of_every_job_laid_out_by_job(
    live: SDK, pipeline: Pipeline, tmp_path: Path, messages: list[str]
) -> None:
    paths = live.download_pipeline_artifacts(pipeline.id, str(tmp_path))

    numbers = {job.name + job.workflow.name: job.number for wf in pipeline.workflows for job in wf.jobs}
    ci_test, nightly_test = f"test-{numbers['testci']}", f"test-{numbers['testnightly']}"
    assert tree(tmp_path) == {
        "build/dist/app.whl": b"wheel",
        "build/dist/app.tar.gz": b"sdist",
        f"{ci_test}/reports/junit.xml": b"<testsuite/>",
        f"{nightly_test}/reports/junit.xml": b"<testsuite/>",
        "docs/html/i.html": b"i",
    }
    assert [Path(p).relative_to(tmp_path).as_posix() for p in paths][:2] == [
        "build/dist/app.whl",
        "build/dist/app.tar.gz",
    ]
    assert messages[0] == f"downloading 5 artifacts to {tmp_path} with 5 workers."


def test_a_pattern_and_flat(live: SDK, pipeline: Pipeline, tmp_path: Path, messages: list[str]) -> None:
    paths = live.download_pipeline_artifacts(pipeline.id, str(tmp_path), pattern="dist/*", flat=True, workers=1)

    assert tree(tmp_path) == {"dist/app.whl": b"wheel", "dist/app.tar.gz": b"sdist"}
    assert paths == [str(tmp_path / "dist/app.whl"), str(tmp_path / "dist/app.tar.gz")]
    assert messages[0] == f"downloading 2 of 5 artifacts to {tmp_path} with 1 worker."


def test_flat_refuses_collisions_before_downloading_anything(
    live: SDK, pipeline: Pipeline, tmp_path: Path, sent: list[str]
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"same file: reports/junit\.xml"):
        live.download_pipeline_artifacts(pipeline.id, str(tmp_path), flat=True)

    assert tree(tmp_path) == {}
    assert sent and all(call.startswith("GET /api/v2/") for call in sent)  # nothing from the storage host


def test_a_download_that_fails_is_reported_after_the_others(
    live: SDK, server: FakeCircleCI, pipeline: Pipeline, tmp_path: Path
) -> None:
    server.fail("storage", status=500, message="storage is down", times=1)

    with pytest.raises(ArtifactDownloadError) as caught:
        live.download_pipeline_artifacts(pipeline.id, str(tmp_path), workers=1)

    assert list(caught.value.failed) == ["build/dist/app.whl"]
    assert "500" in caught.value.failed["build/dist/app.whl"]
    assert len(caught.value.downloaded) == 4 and len(tree(tmp_path)) == 4


def test_a_pipeline_without_artifacts(live: SDK, server: FakeCircleCI, tmp_path: Path, messages: list[str]) -> None:
    server.add_project("acme", "bare", plan=[WorkflowPlan("ci", [JobPlan("build")])])
    bare = server.trigger_pipeline("gh/acme/bare")
    server.advance(60)

    assert live.download_pipeline_artifacts(bare.id, str(tmp_path)) == []
    assert messages == ["nothing to download: 0 artifacts."]


def test_job_names_are_made_safe_as_folders(live: SDK, server: FakeCircleCI, tmp_path: Path) -> None:
    server.add_project("acme", "odd", plan=[WorkflowPlan("ci", [JobPlan("a/b:c", artifacts={"x.txt": b"x"})])])
    odd = server.trigger_pipeline("gh/acme/odd")
    server.advance(60)

    live.download_pipeline_artifacts(odd.id, str(tmp_path))

    assert tree(tmp_path) == {"a_b_c/x.txt": b"x"}


@pytest.mark.parametrize("workers", [0, True, "8"])
def test_workers_is_checked_first(live: SDK, sent: list[str], tmp_path: Path, workers: object) -> None:
    with pytest.raises(InvalidArgumentError, match="workers"):
        live.download_pipeline_artifacts("some-id", str(tmp_path), workers=workers)  # type: ignore[arg-type]
    assert sent == []
