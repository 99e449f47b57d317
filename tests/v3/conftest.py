"""A FakeCircleCI and an ApiV3 pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from circleci.testing import FakeCircleCI
from circleci.v3 import ApiV3


@pytest.fixture
def fake() -> Iterator[FakeCircleCI]:
    """A started fake with the seeded organization ``acme`` and its projects."""
    with FakeCircleCI() as server:
        yield server


@pytest.fixture
def api(fake: FakeCircleCI) -> Iterator[ApiV3]:
    """A v3 client of the fake, without retries."""
    with ApiV3(fake.token, fake.url_v3, retries=0) as client:
        yield client
