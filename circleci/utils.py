"""Small helpers for the values CircleCI sends.

.. versionadded:: 1.3.0
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone
from typing import Optional, Union

from .error import InvalidArgumentError

__all__ = ["parse_time"]

_TIMESTAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)"
    r"(?:[.,](?P<fraction>\d+))?"
    r"\s*(?P<zone>Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?"
)


def parse_time(value: Union[str, int, float, datetime, None]) -> Optional[datetime]:
    """Read a timestamp of the API as an aware :class:`~datetime.datetime` in UTC.

    Every form CircleCI sends is read the same way: v1.1 build times
    (``2013-02-12T21:33:38Z``, or with milliseconds), v2 pipeline times with
    milliseconds (``2021-05-21T14:39:08.123Z``), v2 workflow times without
    (``2021-05-21T14:39:08Z``), any number of fraction digits (digits past
    microseconds are dropped), offsets such as ``+02:00`` or ``+0200``, and
    text without a zone, taken as UTC. A number is seconds since the epoch;
    a :class:`~datetime.datetime` is converted to UTC (a naive one is taken
    as UTC). ``None`` (a job not started or not stopped yet) gives ``None``.

    :param value: the timestamp as the API sent it.
    :returns: the moment in UTC, or ``None`` for ``None``.
    :raises InvalidArgumentError: for text that is not a timestamp, or a
        number that is not finite.

    .. versionadded:: 1.3.0
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidArgumentError(value, "a timestamp must be text, a number of seconds or a datetime")
    if not isinstance(value, str):
        if not math.isfinite(value):
            raise InvalidArgumentError(value, "a timestamp in seconds must be a finite number")
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise InvalidArgumentError(value, "a timestamp in seconds out of the range of dates") from None
    match = _TIMESTAMP.fullmatch(value.strip())
    if match is None:
        raise InvalidArgumentError(value, "not a timestamp CircleCI sends (ISO 8601 expected)")
    clock = match["time"] if match["time"].count(":") == 2 else f"{match['time']}:00"
    fraction = (match["fraction"] or "")[:6].ljust(6, "0")
    try:
        moment = datetime.fromisoformat(f"{match['date']}T{clock}.{fraction}")
    except ValueError:
        raise InvalidArgumentError(value, "not a valid date and time") from None
    try:
        return moment.replace(tzinfo=_zone(match["zone"])).astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise InvalidArgumentError(value, "a date and time out of the range of dates once in UTC") from None


def _utc(moment: datetime) -> datetime:
    """A datetime in UTC; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _zone(text: Optional[str]) -> timezone:
    """The zone of a timestamp's suffix: none, ``Z`` and ``UTC`` are UTC, else ``+hh[:mm]``."""
    if text is None or text.upper() in ("Z", "UTC"):
        return timezone.utc
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return timezone(-offset if text[0] == "-" else offset)
