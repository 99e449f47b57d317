"""FakeCircleCI(start=...): the moment its clock starts at."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from circleci.testing import FakeCircleCI

from ..conftest import FAKE_START

SUNSET = datetime(2027, 2, 1, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize(
    "start",
    [
        "2027-02-01T00:00:00Z",
        "2027-02-01T00:00:00+00:00",
        "2027-02-01T00:00:00",
        datetime(2027, 2, 1, tzinfo=timezone.utc),
        datetime(2027, 2, 1),
        SUNSET,
        int(SUNSET),
    ],
)
def test_the_clock_starts_at_the_given_moment(start: object) -> None:
    fake = FakeCircleCI(start=start, seeded=False)  # type: ignore[arg-type]
    assert fake.clock.now() == SUNSET


@pytest.mark.fake_starts_now
def test_without_start_the_clock_starts_now() -> None:
    before = datetime.now(timezone.utc).timestamp()
    fake = FakeCircleCI(seeded=False)
    assert before <= fake.clock.now() <= datetime.now(timezone.utc).timestamp()


def test_the_suite_starts_its_fakes_at_a_fixed_moment_unless_told() -> None:
    pinned = datetime.fromisoformat(FAKE_START.replace("Z", "+00:00")).timestamp()
    assert FakeCircleCI(seeded=False).clock.now() == pinned
    assert FakeCircleCI(start=SUNSET, seeded=False).clock.now() == SUNSET
