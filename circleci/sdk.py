"""Helpers that combine several API calls into one task.

.. versionadded:: 1.2.0

The SDK sends nothing itself: every helper is built on the methods of the
client it is given.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any, Optional

from .api import Api
from .error import InvalidArgumentError, WaitTimeout

__all__ = ["SDK"]

_PAGE = 100
_MAX_PAGES = 50


class SDK:
    """Multi-call helpers on top of a client.

    :param apiclient: an :class:`~circleci.api.Api` (or
        :class:`~circleci.experimental.Experimental`).
    :param logger: where progress goes, through ``logger.info``; without one
        it is printed.
    """

    def __init__(self, apiclient: Api, logger: Optional[logging.Logger] = None) -> None:
        self.apiclient = apiclient
        self.logger = logger

    def _log(self, msg: Any) -> None:
        if self.logger is not None:
            self.logger.info(msg)
        else:
            print(msg)

    def _running_build_urls(self, username: str, project: str, vcs_type: str) -> list[str]:
        """URLs of every running build of a project, across pages of 100."""
        urls: list[str] = []
        for page in range(_MAX_PAGES):
            builds = (
                self.apiclient.get_project_build_summary(
                    username, project, limit=_PAGE, offset=page * _PAGE, status_filter="running", vcs_type=vcs_type
                )
                or []
            )
            urls.extend(build["build_url"] for build in builds)
            if len(builds) < _PAGE:
                break
        return urls

    def build_singleton(
        self,
        username: str,
        project: str,
        vcs_type: str = "github",
        *,
        interval: float = 15,
        timeout: Optional[float] = None,
    ) -> None:
        """Wait until no other build of the project is running.

        Meant to run early in a CircleCI job so that builds of a project run
        one at a time. It lists the project's running builds, leaves out the
        current one (``CIRCLE_BUILD_URL``), and while any remain prints them
        and ``found running builds, sleeping for 15 seconds.``, then checks
        again. When none remain it prints ``no running builds found,
        beginning execution.`` and returns.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :param interval: seconds between checks. Default 15.
        :param timeout: give up after this many seconds; ``None`` (default)
            waits as long as it takes.
        :raises WaitTimeout: when ``timeout`` passes first.

        .. versionchanged:: 1.2.2
            the current build is not counted as a running build.
        .. versionchanged:: 1.3.0
            sees running builds past the first 100; ``interval`` and ``timeout``.
        """
        if isinstance(interval, bool) or not isinstance(interval, (int, float)) or interval <= 0:
            raise InvalidArgumentError(interval, "interval must be a positive number of seconds")
        current = os.environ.get("CIRCLE_BUILD_URL")
        if current is None:
            self._log("CIRCLE_BUILD_URL was not found. You may be running this script outside of a CircleCI build.")
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            others = [url for url in self._running_build_urls(username, project, vcs_type) if url != current]
            if not others:
                break
            self._log(others)
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise WaitTimeout(
                    f"builds of {username}/{project} still running after {timeout} seconds: {', '.join(others)}",
                    waited_on=others,
                )
            self._log(f"found running builds, sleeping for {interval} seconds.")
            time.sleep(interval if remaining is None else min(interval, remaining))
        self._log("no running builds found, beginning execution.")
