"""Putting code under test on the fake without changing it: a URL redirect and a sleeping clock.

Both patch a library function for the length of a ``with`` block and put it
back after: :func:`redirect` wraps ``requests``' :class:`~requests.adapters.HTTPAdapter`
``send`` (every ``requests`` session sends through it), :func:`patch_sleep`
replaces :func:`time.sleep`. The fake's own threads keep the real sleep.
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

    :param advance: what moves the fake clock (:meth:`FakeCircleCI.advance`).
    """
    original = time.sleep

    def sleep(seconds: float) -> None:
        advance(max(0.0, float(seconds)))

    time.sleep = sleep  # type: ignore[assignment]
    try:
        yield
    finally:
        time.sleep = original
