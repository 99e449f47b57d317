"""The built wheel, alone in a fresh virtual environment, runs ``circleci-py`` against FakeCircleCI.

Nothing is downloaded: the wheel is built without build isolation (the dev
extra brings setuptools), installed with ``--no-deps --no-index``, and its
dependencies (requests, urllib3) come from this test run's own environment
through a ``.pth`` file, placed after the fresh environment's site-packages
so that the wheel's ``circleci`` is the one imported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from circleci.testing import FakeCircleCI
from circleci.version import VERSION

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["circleci", "pyproject.toml", "setup.py", "README.md", "LICENSE"]


def run(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(arg) for arg in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel installed; returns its ``bin`` folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                "-q", "-w", tmp / "dist", source, cwd=tmp)  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("circleci-*.whl")
    assert wheel.name == f"circleci-{VERSION}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    assert "circleci/cli/__init__.py" in names and "circleci/py.typed" in names
    assert not [name for name in names if name.startswith(("tests/", "demo/", "bench/"))]

    venv = tmp / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    done = run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel,
               cwd=tmp)  # fmt: skip
    assert done.returncode == 0, done.stderr
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip()
    (Path(purelib) / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


@pytest.fixture
def job(tmp_path: Path) -> tuple[FakeCircleCI, dict[str, str]]:
    """A FakeCircleCI and the environment of a job pointed at it, without this checkout on the path."""
    fake = FakeCircleCI().start()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CIRCLE", "PYTHON"))}
    env.update(fake.environment(), CIRCLE_PROJECT_USERNAME="acme", CIRCLE_PROJECT_REPONAME="widget")
    yield fake, env
    fake.stop()


def test_help_from_the_installed_script(installed: Path, tmp_path: Path) -> None:
    finished = run(installed / "circleci-py", "--help", cwd=tmp_path)

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith("usage: circleci-py")
    assert "exit status:" in finished.stdout


def test_the_wheel_is_what_runs(installed: Path, tmp_path: Path) -> None:
    finished = run(installed / "python", "-c", "import circleci; print(circleci.__file__)", cwd=tmp_path)

    assert finished.stdout.startswith(str(installed.parent)), finished.stdout + finished.stderr


def test_a_helper_command(installed: Path, job: tuple[FakeCircleCI, dict[str, str]], tmp_path: Path) -> None:
    fake, env = job
    number = next(build for build in fake.state.builds(fake.project("gh/acme/widget")) if build.artifacts).number
    env["CIRCLE_BUILD_NUM"] = str(number)

    finished = run(installed / "circleci-py", "download-artifacts", "--dest", "out", cwd=tmp_path, env=env)

    assert finished.returncode == 0, finished.stderr
    assert "files done" in finished.stderr
    paths = json.loads(finished.stdout)
    assert os.path.join("out", "reports", "junit.xml") in paths
    assert (tmp_path / "out" / "reports" / "junit.xml").is_file()


def test_generated_commands(installed: Path, job: tuple[FakeCircleCI, dict[str, str]], tmp_path: Path) -> None:
    _fake, env = job

    pipelines = run(installed / "circleci-py", "v2", "list-pipelines-for-project", "--all", cwd=tmp_path, env=env)
    build = run(installed / "python", "-m", "circleci", "v1", "get-build-info", "acme", "widget", "1",
                cwd=tmp_path, env=env)  # fmt: skip

    assert pipelines.returncode == 0, pipelines.stderr
    assert {pipeline["project_slug"] for pipeline in json.loads(pipelines.stdout)} == {"gh/acme/widget"}
    assert build.returncode == 0, build.stderr
    assert json.loads(build.stdout)["build_num"] == 1
