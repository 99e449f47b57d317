"""The pytest plugin of :mod:`circleci.testing`, registered as the ``circleci`` ``pytest11`` entry point.

It is a top-level module so that pytest can load it without importing the
``circleci`` package early (which would hide that package from coverage
measurement in the user's own suite); the fixtures import the fake when used.

Installing the package makes two fixtures available to every test suite:

``circleci_fake``
    A started :class:`~circleci.testing.FakeCircleCI`, seeded, fresh for
    each test: one server per session, :meth:`~circleci.testing.FakeCircleCI.reset`
    before each test (a fraction of a millisecond).
``circleci_redirect``
    The same fake, with requests to ``https://circleci.com`` sent to it and
    ``time.sleep`` moving its clock, so code that builds ``Api(token)`` or
    ``ApiV2(token)`` with the default URL and polls runs unchanged and at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from circleci.testing import FakeCircleCI

__all__ = ["circleci_fake", "circleci_redirect"]


@pytest.fixture(scope="session")
def _circleci_fake_server() -> Iterator[FakeCircleCI]:
    from circleci.testing import FakeCircleCI

    with FakeCircleCI() as fake:
        yield fake


@pytest.fixture
def circleci_fake(_circleci_fake_server: FakeCircleCI) -> FakeCircleCI:
    """A started, seeded FakeCircleCI, reset for this test."""
    _circleci_fake_server.reset()
    return _circleci_fake_server


@pytest.fixture
def circleci_redirect(circleci_fake: FakeCircleCI) -> Iterator[FakeCircleCI]:
    """:func:`circleci_fake`, reached by code that uses CircleCI's default URL, with a clock that moves on sleep."""
    with circleci_fake.redirect(), circleci_fake.patch_sleep():
        yield circleci_fake
