"""Job step output as API v3 serves it: raw bytes, streamed."""

from __future__ import annotations

import os
from typing import IO, Optional, Union

import requests

__all__ = ["DEFAULT_MAX_BYTES", "StepOutput", "Destination", "read_output"]

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""The most bytes of step output held in memory when no file is given (16 MiB)."""
_CHUNK = 64 * 1024

Destination = Union[str, "os.PathLike[str]", IO[bytes]]


class StepOutput(bytes):
    """What one read of a step's output gave: the bytes themselves, and where the read got to.

    A :class:`StepOutput` is the :class:`bytes` that were read (empty when
    they went to a file), so ``output == b"..."`` and ``output.decode()``
    work as for plain bytes.

    :ivar size: bytes received by this read (also when written to a file).
    :ivar offset: where the next read should start (the ``offset`` asked for
        plus ``size``); pass it back to continue a step that is still running.
    :ivar terminal: whether the server said the output is complete
        (``X-Terminal: true``); until then, read again from :attr:`offset`.
    :ivar truncated: whether the read stopped at ``max_bytes`` with more to come.
    :ivar path: the file written, when a path was given.
    """

    size: int
    offset: int
    terminal: bool
    truncated: bool
    path: Optional[str]

    def __new__(
        cls,
        data: bytes = b"",
        *,
        size: Optional[int] = None,
        offset: int = 0,
        terminal: bool = False,
        truncated: bool = False,
        path: Optional[str] = None,
    ) -> StepOutput:
        made = super().__new__(cls, data)
        made.size = len(data) if size is None else size
        made.offset = offset
        made.terminal = terminal
        made.truncated = truncated
        made.path = path
        return made

    @property
    def text(self) -> str:
        """The bytes decoded as UTF-8 (undecodable bytes replaced); empty when written to a file."""
        return self.decode("utf-8", "replace")

    def __repr__(self) -> str:
        return (
            f"StepOutput({bytes(self)!r}, size={self.size}, offset={self.offset}, "
            f"terminal={self.terminal}, truncated={self.truncated}, path={self.path!r})"
        )


def read_output(response: requests.Response, start: int, to: Optional[Destination], max_bytes: int) -> StepOutput:
    """Read a step-output response into a file, a file object or memory (at most ``max_bytes``).

    :param response: the streamed response.
    :param start: the offset the read started at.
    :param to: a path to write (replaced), a binary file object to write to,
        or ``None`` to keep the bytes in memory.
    :param max_bytes: the most bytes kept in memory when ``to`` is ``None``.
    """
    terminal = response.headers.get("X-Terminal", "").strip().lower() == "true"
    if to is None:
        kept = bytearray()
        truncated = False
        for chunk in response.iter_content(_CHUNK):
            room = max_bytes - len(kept)
            kept += chunk[:room]
            if len(chunk) > room:
                truncated = True
                break
        return StepOutput(
            bytes(kept), offset=start + len(kept), terminal=terminal and not truncated, truncated=truncated
        )
    if isinstance(to, (str, os.PathLike)):
        path = os.fspath(to)
        with open(path, "wb") as out:
            size = _copy(response, out)
        return StepOutput(size=size, offset=start + size, terminal=terminal, path=path)
    size = _copy(response, to)
    return StepOutput(size=size, offset=start + size, terminal=terminal)


def _copy(response: requests.Response, out: IO[bytes]) -> int:
    size = 0
    for chunk in response.iter_content(_CHUNK):
        out.write(chunk)
        size += len(chunk)
    return size
