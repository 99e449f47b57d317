"""Fixtures for the end-to-end tests against FakeCircleCI."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from circleci.api import Api
from circleci.testing import FakeCircleCI

SLUG = "gh/acme/widget"


@pytest.fixture
def fake() -> Iterator[FakeCircleCI]:
    """A started FakeCircleCI with its seeded state and a manual clock."""
    with FakeCircleCI() as server:
        yield server


@pytest.fixture
def api(fake: FakeCircleCI) -> Iterator[Api]:
    """A v1.1 client of the fake, without retries so failures show at once."""
    with Api(fake.token, fake.url, retries=0) as client:
        yield client
