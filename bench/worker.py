"""Run one benchmark job in a fresh interpreter and print its result as JSON.

Usage: ``python bench/worker.py '<job as JSON>'``. This file is run as a
script, never imported from the ``bench`` package, so that the same code runs
under this repository's interpreter (``circleci`` is this client) and under
``bench/.venv-122`` (``circleci`` is circleci.py 1.2.2). It imports nothing
from ``bench``. It is started with its working directory outside the
repository, so ``import circleci`` never picks up the checkout by accident.

A job is ``{"kind": ..., "client": ..., "base": ..., ...}``:

* ``client``: ``api`` (``circleci.api.Api``: this client, or 1.2.2 under its venv; the calls are
  the same 1.2.2 surface), ``sdk`` (this client's ``SDK.download_artifacts``),
  ``pycircleci`` (``pycircleci.api.Api(token, url=".../api")`` under its
  venv: ``get_build_info``, and ``get_project_pipelines(..., paginate=True)``)
  or ``bare`` (a ``requests.Session`` with hand-built URLs and the
  ``Circle-Token`` header).
* ``kind``: ``per_call``, ``pipelines``, ``download`` or ``artifacts``
  (``workers``: threads for ``sdk`` and ``bare``; 1.2.2 and ``api`` go one
  by one, as a script using ``download_artifact`` in a loop does).

The result is ``{"seconds": ...}`` plus ``rss_growth_kib`` for downloads and
pipeline walks, or
``{"unavailable": "<why>"}`` when this client cannot run the workload. Every
workload checks what it received, so a fast wrong answer fails loudly.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import requests

TOKEN = "bench-token"
SLUG = "gh/org/repo"
HEADERS = {"Circle-Token": TOKEN, "Accept": "application/json"}
BARE_CHUNK = 1024 * 1024


class Unavailable(Exception):
    """This client has no way to run the workload."""


def peak_rss_kib() -> int:
    """The process's peak resident set size so far, in KiB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def api_client(base: str) -> Any:
    """``circleci.api.Api`` on the server's v1.1 URL (ours or 1.2.2, whichever is importable)."""
    from circleci.api import Api

    return Api(TOKEN, url=f"{base}/api/v1.1")


def pycircleci_client(base: str) -> Any:
    """pycircleci's ``Api``, whose URL is the API root (it adds ``/v1.1`` or ``/v2`` itself)."""
    from pycircleci.api import Api

    return Api(TOKEN, url=f"{base}/api")


def bare_get(session: requests.Session, url: str, **kwargs: Any) -> requests.Response:
    """One GET the way a careful hand-written script does it."""
    response = session.get(url, headers=HEADERS, **kwargs)
    response.raise_for_status()
    return response


def bare_download(session: requests.Session, url: str, destdir: str) -> str:
    """Stream ``url`` into ``destdir`` under its last path segment."""
    path = os.path.join(destdir, url.rsplit("/", 1)[-1])
    with bare_get(session, url, stream=True) as response, open(path, "wb") as out:
        for chunk in response.iter_content(BARE_CHUNK):
            out.write(chunk)
    return path


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``action`` and return the seconds it took and its result."""
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def per_call(job: dict[str, Any]) -> dict[str, Any]:
    """``job["calls"]`` sequential ``get_build_info`` calls on a 2 KB body."""
    base, calls = job["base"], job["calls"]
    if job["client"] == "bare":
        session = requests.Session()

        def call(number: int) -> Any:
            return bare_get(session, f"{base}/api/v1.1/project/github/org/repo/{number}").json()
    elif job["client"] == "pycircleci":
        other = pycircleci_client(base)

        def call(number: int) -> Any:
            return other.get_build_info("org", "repo", number)
    else:
        api = api_client(base)

        def call(number: int) -> Any:
            return api.get_build_info("org", "repo", number)

    seconds, builds = timed(lambda: [call(number) for number in range(1, calls + 1)])
    if len(builds) != calls or any(build["build_num"] != 7 for build in builds):
        raise AssertionError("unexpected build bodies")
    return {"seconds": seconds}


def pipelines(job: dict[str, Any]) -> dict[str, Any]:
    """Every pipeline of a project, 20 pages of 100; the median of ``job["walks"]`` walks and their peak RSS growth.

    This client and the bare session walk lazily (items are counted, not
    kept); pycircleci's ``paginate=True`` returns them all in one list.
    """
    base = job["base"]
    if job["client"] == "bare":
        session = requests.Session()

        def walk() -> int:
            count, token = 0, None
            while True:
                params = {"page-token": token} if token else None
                page = bare_get(session, f"{base}/api/v2/project/{SLUG}/pipeline", params=params).json()
                count += len(page["items"])
                token = page.get("next_page_token")
                if not token:
                    return count
    elif job["client"] == "pycircleci":
        other = pycircleci_client(base)

        def walk() -> int:
            return len(other.get_project_pipelines("org", "repo", paginate=True))
    else:
        api = api_client(base)
        v2 = getattr(api, "v2", None)
        if v2 is None or not hasattr(v2, "iterate") or not hasattr(v2, "list_pipelines_for_project"):
            raise Unavailable("no v2")

        def walk() -> int:
            return sum(1 for _ in v2.iterate(v2.list_pipelines_for_project, SLUG))

    before = peak_rss_kib()
    walks = [timed(walk) for _ in range(job["walks"])]
    growth = peak_rss_kib() - before
    if any(count != job["expected"] for _, count in walks):
        raise AssertionError(f"got {[count for _, count in walks]} pipelines, expected {job['expected']}")
    return {"seconds": statistics.median(seconds for seconds, _ in walks), "rss_growth_kib": growth}


def download(job: dict[str, Any]) -> dict[str, Any]:
    """One large artifact to a temporary folder: seconds and peak RSS growth."""
    size = job["size"]
    url = f"{job['base']}/files/{size}/big.bin"
    with tempfile.TemporaryDirectory(prefix="circleci-bench-") as destdir:
        if job["client"] == "bare":
            session = requests.Session()

            def fetch() -> str:
                return bare_download(session, url, destdir)
        else:
            api = api_client(job["base"])

            def fetch() -> str:
                return str(api.download_artifact(url, destdir))

        before = peak_rss_kib()
        seconds, path = timed(fetch)
        growth = peak_rss_kib() - before
        if os.path.getsize(path) != size:
            raise AssertionError(f"downloaded {os.path.getsize(path)} of {size} bytes")
    return {"seconds": seconds, "rss_growth_kib": growth}


def artifacts(job: dict[str, Any]) -> dict[str, Any]:
    """All of a job's artifacts: ``sdk`` and ``bare`` with ``job["workers"]`` threads, ``api`` one by one."""
    base, count, size, job_number = job["base"], job["count"], job["size"], 42
    project = f"art-{count}-{size}"
    with tempfile.TemporaryDirectory(prefix="circleci-bench-") as destdir:
        seconds, _ = timed(_artifact_runner(job["client"], base, project, job_number, destdir, job["workers"]))
        sizes = [os.path.getsize(os.path.join(folder, name)) for folder, _, names in os.walk(destdir) for name in names]
        if len(sizes) != count or any(found != size for found in sizes):
            raise AssertionError(f"expected {count} files of {size} bytes, got {len(sizes)}")
    return {"seconds": seconds}


def _artifact_runner(client: str, base: str, project: str, job_number: int, destdir: str, workers: int) -> Any:
    """The function that downloads every artifact for ``client``."""
    if client == "bare":
        session = requests.Session()
        session.mount(base, requests.adapters.HTTPAdapter(pool_maxsize=max(workers, 10)))

        def by_hand() -> None:
            listing = bare_get(session, f"{base}/api/v2/project/gh/org/{project}/{job_number}/artifacts").json()
            urls = [item["url"] for item in listing["items"]]
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(lambda url: bare_download(session, url, destdir), urls))

        return by_hand
    api = api_client(base)
    if client == "sdk":
        try:
            from circleci.sdk import SDK
        except ImportError as exc:
            raise Unavailable("no circleci.sdk") from exc
        if not hasattr(SDK, "download_artifacts"):
            raise Unavailable("not available")
        quiet = logging.getLogger("bench.quiet")  # the SDK prints a line per file without a logger
        return lambda: SDK(api, quiet).download_artifacts(f"gh/org/{project}", job_number, destdir, workers=workers)

    def sequential() -> None:
        v2 = getattr(api, "v2", None)
        if v2 is not None and hasattr(v2, "get_job_artifacts"):
            items = v2.get_job_artifacts(f"gh/org/{project}", job_number)["items"]
        else:  # circleci.py 1.2.2 has only the v1.1 listing
            items = api.get_artifacts("org", project, job_number)
        for item in items:
            api.download_artifact(item["url"], destdir)

    return sequential


KINDS = {"per_call": per_call, "pipelines": pipelines, "download": download, "artifacts": artifacts}


def main() -> None:
    """Run the job given as the first argument and print its result."""
    job = json.loads(sys.argv[1])
    try:
        result = KINDS[job["kind"]](job)
    except Unavailable as exc:
        result = {"unavailable": str(exc)}
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
