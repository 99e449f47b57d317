"""Fault injection: what the fake does instead of answering normally.

Each :class:`Fault` applies to the requests of one route (by name) or of
every route, for a number of requests or until cleared. Latency faults add
their delay and let the request go on; the first other matching fault
decides the answer: an error status, or a connection closed without one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Optional

from .routing import Reply

__all__ = ["DROP", "Fault", "Faults"]

DROP = "drop"
"""The kind of fault that closes the connection without answering."""
LATENCY = "latency"
STATUS = "status"


@dataclass
class Fault:
    """One injected fault.

    :param kind: ``"status"``, ``"latency"`` or ``"drop"``.
    :param route: the route name it applies to (an ``operationId`` such as
        ``getPipelineById``, an :class:`~circleci.api.Api` method name such as
        ``get_build_info``, ``download_artifact`` or ``storage``), or ``None``
        for every request.
    :param times: how many requests it applies to; ``None`` for all of them.
    :param reply: the answer of a ``status`` fault.
    :param delay: the seconds a ``latency`` fault waits.
    """

    kind: str
    route: Optional[str] = None
    times: Optional[int] = 1
    reply: Reply = field(default_factory=Reply)
    delay: float = 0.0


class Faults:
    """The faults waiting to be applied, in the order they were added."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        """Add a fault and return it."""
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._faults.clear()

    def take(self, route: str) -> tuple[float, Optional[Fault]]:
        """Use up the faults that apply to a request of ``route``.

        :returns: the seconds to wait first, and the fault that replaces the
            answer (``None`` to answer normally).
        """
        delay, action = 0.0, None
        with self._lock:
            for fault in list(self._faults):
                if fault.route not in (None, route) or (fault.kind != LATENCY and action is not None):
                    continue
                if fault.kind == LATENCY:
                    delay += fault.delay
                else:
                    action = fault
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
        return delay, action
