"""One client shared by several threads: right answers, no errors, pooled connections."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from circleci.api import Api
from circleci.transport import DEFAULT_POOL_SIZE

from .servers import LoopbackServer, Received, Reply, json_reply

THREADS = 8
CALLS_PER_THREAD = 25


def _echo_build_number(request: Received) -> Reply:
    return json_reply({"build_num": int(request.path.rsplit("/", 1)[1]), "token": request.header("Circle-Token")})


def test_eight_threads_share_one_client(api: Api, server: LoopbackServer) -> None:
    server.answer_with(_echo_build_number)

    def worker(thread: int) -> list[tuple[int, object]]:
        numbers = range(thread * 1000 + 1, thread * 1000 + 1 + CALLS_PER_THREAD)
        return [(n, api.get_build_info("org", "repo", n)) for n in numbers]

    with ThreadPoolExecutor(THREADS) as pool:
        results = [pair for batch in pool.map(worker, range(THREADS)) for pair in batch]

    assert len(results) == THREADS * CALLS_PER_THREAD
    for number, body in results:
        assert body == {"build_num": number, "token": api.token}
    assert len(server.received) == THREADS * CALLS_PER_THREAD
    assert server.connections <= THREADS < DEFAULT_POOL_SIZE
