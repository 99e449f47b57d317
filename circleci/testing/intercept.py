"""Putting code under test on the fake without changing it: a URL redirect and a sleeping clock.

Both patch a library function for the length of a ``with`` block and put it
back after: :func:`redirect` wraps ``requests``' :class:`~requests.adapters.HTTPAdapter`
``send`` (every ``requests`` session sends through it), :func:`patch_sleep`
replaces :func:`time.sleep` (and moves :func:`time.monotonic` with it). The
fake's own threads keep the real sleep.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any, Callable

from requests.adapters import HTTPAdapter

__all__ = ["patch_sleep", "redirect"]


@contextlib.contextmanager
def redirect(origin: str, target: str) -> Iterator[None]:
    """Send requests for ``origin`` (``https://circleci.com``) to ``target`` (the fake's root URL).

    :param origin: scheme and host whose requests are redirected.
    :param target: scheme, host and port they go to instead; paths and queries are kept.
    """
    original = HTTPAdapter.send

    def send(adapter: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
        url = request.url or ""
        if url == origin or url.startswith(origin + "/") or url.startswith(origin + "?"):
            request.url = target + url[len(origin) :]
        return original(adapter, request, *args, **kwargs)

    HTTPAdapter.send = send  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        HTTPAdapter.send = original  # type: ignore[method-assign]


@contextlib.contextmanager
def patch_sleep(advance: Callable[[float], None]) -> Iterator[None]:
    """Make :func:`time.sleep` call ``advance(seconds)`` instead of waiting.

    :func:`time.monotonic` moves on by the same seconds, so a deadline that
    polling code measures with it (``time.monotonic() + timeout``) passes
    after the fake time slept, not after as much real time: a wait that
    times out does so at once.

    :param advance: what moves the fake clock (:meth:`FakeCircleCI.advance`).
    """
    original_sleep, original_monotonic = time.sleep, time.monotonic
    slept = [0.0]

    def sleep(seconds: float) -> None:
        seconds = max(0.0, float(seconds))
        slept[0] += seconds
        advance(seconds)

    def monotonic() -> float:
        return original_monotonic() + slept[0]

    time.sleep = sleep  # type: ignore[assignment]
    time.monotonic = monotonic
    try:
        yield
    finally:
        time.sleep, time.monotonic = original_sleep, original_monotonic
