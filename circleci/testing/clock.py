"""The fake server's clock: moved by the test, or running with real time."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Callable, Optional

__all__ = ["Clock", "isoformat", "isoformat_seconds"]


def isoformat(seconds: Optional[float]) -> Optional[str]:
    """An epoch time as CircleCI writes it (``2025-01-02T03:04:05.678Z``); ``None`` stays ``None``."""
    if seconds is None:
        return None
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def isoformat_seconds(seconds: Optional[float]) -> Optional[str]:
    """An epoch time to the second (``2025-01-02T03:04:05Z``), as CircleCI writes v2 workflow times."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Clock:
    """The time in the fake's world, in seconds since the epoch.

    A manual clock (the default) stands still until :meth:`advance` moves it,
    so a test decides when builds finish. A real-time clock follows
    ``time.monotonic`` multiplied by ``speed``, which is what demos and the
    standalone server use; :meth:`advance` still jumps it forward.

    :param start: the time at which the clock starts; default: now.
    :param realtime: follow real time instead of standing still.
    :param speed: fake seconds per real second, for a real-time clock.
    :param monotonic: the real-time source (for tests of the clock itself).
    """

    def __init__(
        self,
        start: Optional[float] = None,
        *,
        realtime: bool = False,
        speed: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be a positive number")
        self.realtime = realtime
        self.speed = speed
        self._monotonic = monotonic
        self._started = monotonic()
        self._base = time.time() if start is None else start
        self._lock = threading.Lock()

    def now(self) -> float:
        """The current fake time, in seconds since the epoch."""
        with self._lock:
            elapsed = (self._monotonic() - self._started) * self.speed if self.realtime else 0.0
            return self._base + elapsed

    def advance(self, seconds: float) -> float:
        """Move the clock forward and return the new time.

        :param seconds: how far, zero or more.
        """
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._base += seconds
        return self.now()
