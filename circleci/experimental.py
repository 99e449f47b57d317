"""Calls that rely on undocumented behaviour of the CircleCI API.

.. warning:: CircleCI does not document or support these; they may change or
   stop working at any time.
"""

from __future__ import annotations

from typing import Any, Union

from ._args import build_number, project_path
from .api import Api

__all__ = ["Experimental"]


class Experimental(Api):
    """:class:`~circleci.api.Api` plus undocumented calls; built the same way."""

    def retry_no_cache(self, username: str, project: str, build_num: Union[int, str], vcs_type: str = "github") -> Any:
        """Run a build again without restoring its cache.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``POST /project/:vcs-type/:username/:project/:build_num/retry``
        """
        path = project_path(vcs_type, username, project, build_number(build_num), "retry")
        return self._request("POST", path, data={"no-cache": "true"})
