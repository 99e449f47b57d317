"""Calls that rely on undocumented behaviour of the CircleCI API.

.. warning:: CircleCI does not document or support these; they may change or
   stop working at any time.
"""

from __future__ import annotations

from typing import Any, Optional, Union

from . import _sunset
from ._args import build_number, project_path
from .api import Api
from .error import Gone

__all__ = ["Experimental"]


class Experimental(Api):
    """:class:`~circleci.api.Api` plus undocumented calls; built the same way."""

    def retry_no_cache(self, username: str, project: str, build_num: Union[int, str], vcs_type: str = "github") -> Any:
        """Run a build again without restoring its cache.

        CircleCI removes this endpoint on 2027-02-01 and API v2 cannot rerun
        without the cache: once the endpoint is gone (or with
        ``sunset="v2"``) this raises :class:`~circleci.error.NoV2Equivalent`
        and reruns nothing.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :raises NoV2Equivalent: (a :class:`~circleci.error.Gone`) once the
            v1.1 endpoint is gone.

        Endpoint: ``POST /project/:vcs-type/:username/:project/:build_num/retry``
        """
        path = project_path(vcs_type, username, project, build_number(build_num), "retry")

        def via_v2(gone: Optional[Gone]) -> Any:
            raise _sunset.refuse(
                self,
                path,
                gone,
                "no_cache",
                "v2 rerunWorkflow always restores the cache. Rerun with Api.retry_build, or change the cache "
                "key in .circleci/config.yml (e.g. a version prefix) so the rerun starts without it.",
            )

        return _sunset.call(self, lambda: self._request("POST", path, data={"no-cache": "true"}), via_v2)
