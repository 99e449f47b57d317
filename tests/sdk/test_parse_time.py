"""circleci.utils.parse_time: every timestamp form CircleCI sends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from circleci.error import InvalidArgumentError
from circleci.utils import parse_time

MOMENT = datetime(2021, 5, 21, 14, 39, 8, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-05-21T14:39:08Z", MOMENT),  # v2 workflow, v1.1 build
        ("2021-05-21T14:39:08.123Z", MOMENT.replace(microsecond=123000)),  # v2 pipeline
        ("2021-05-21T14:39:08.1Z", MOMENT.replace(microsecond=100000)),
        ("2021-05-21T14:39:08.123456789Z", MOMENT.replace(microsecond=123456)),  # digits past micro dropped
        ("2021-05-21T16:39:08+02:00", MOMENT),
        ("2021-05-21T16:39:08.000+0200", MOMENT),
        ("2021-05-21T10:39:08-04", MOMENT),
        ("2021-05-21T09:09:08-05:30", MOMENT),
        ("2021-05-21T14:39:08", MOMENT),  # no zone: UTC
        ("2021-05-21 14:39:08 UTC", MOMENT),
        ("2021-05-21t14:39:08z".replace("t", "T"), MOMENT),
        ("2021-05-21T14:39Z", MOMENT.replace(second=0)),
        (" 2021-05-21T14:39:08Z\n", MOMENT),
    ],
)
def test_every_text_form(text: str, expected: datetime) -> None:
    parsed = parse_time(text)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == timedelta(0)


def test_none_numbers_and_datetimes() -> None:
    assert parse_time(None) is None
    assert parse_time(MOMENT.timestamp()) == MOMENT
    assert parse_time(int(MOMENT.timestamp())) == MOMENT
    assert parse_time(datetime(2021, 5, 21, 14, 39, 8)) == MOMENT  # naive: UTC
    paris = MOMENT.astimezone(timezone(timedelta(hours=2)))
    converted = parse_time(paris)
    assert converted == MOMENT and converted is not None and converted.tzinfo == timezone.utc


@pytest.mark.parametrize(
    "bad", ["", "yesterday", "2021-05-21", "2021-13-01T00:00:00Z", "2021-05-21T14:39:08+2", float("nan"), True, [1]]
)
def test_what_is_not_a_timestamp_is_refused(bad: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        parse_time(bad)


@pytest.mark.parametrize("value", [1e20, -1e15, "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"])
def test_values_out_of_the_range_of_dates_are_refused_typed(value: object) -> None:
    with pytest.raises(InvalidArgumentError):
        parse_time(value)  # type: ignore[arg-type]
