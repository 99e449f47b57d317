"""The CircleCI API v1.1 client, with the interface of circleci.py 1.2.2.

Every method builds its path from encoded segments and hands it to
:meth:`Api._request` (or :meth:`Api._download`); both are kept with their
1.2.2 signatures so code that mocks them keeps working.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional, Union
from urllib.parse import urlsplit, urlunsplit

from urllib3.util.retry import Retry

from . import _args
from ._args import build_number, project_path, query, segment
from ._client import BaseClient
from .error import BadKeyError, InvalidArgumentError, InvalidFilterError
from .transport import DEFAULT_POOL_SIZE, DEFAULT_RETRIES, DEFAULT_TIMEOUT, Timeout

if TYPE_CHECKING:  # pragma: no cover
    from .v2 import ApiV2
    from .v3 import ApiV3

__all__ = ["Api"]

DEFAULT_URL = "https://circleci.com/api/v1.1"
BUILD_FILTERS = ("completed", "successful", "failed", "running")
ARTIFACT_FILTERS = ("completed", "successful", "failed")
KEY_TYPES = ("deploy-key", "github-user-key")
_VERSION_SEGMENT = re.compile(r"v\d+(\.\d+)?", re.IGNORECASE)


def _v2_url(url: str) -> str:
    """The API v2 base URL that goes with a v1.1 (or v1) base URL.

    The last path segment is replaced by ``v2`` when it names an API version
    (``v1.1``, ``v1``, in any case); otherwise ``/v2`` is appended, so the
    result is never the v1.1 URL itself.
    """
    parts = urlsplit(url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    path = f"{head}/v2" if _VERSION_SEGMENT.fullmatch(last) else f"{head}/{last}/v2" if last else "/v2"
    return urlunsplit(parts._replace(path=path))


class Api(BaseClient):
    """A client for the CircleCI API v1.1.

    :param token: your CircleCI personal API token; ``None`` reads
        ``CIRCLE_TOKEN`` from the environment, and with neither no
        credentials are sent.
    :param url: the API's base URL. For CircleCI server, the same path on your
        own host, e.g. ``https://circleci.example.com/api/v1.1``.
    :param timeout: seconds to connect and to wait for each read: one number
        or a ``(connect, read)`` pair. Default ``(10, 60)``.
    :param retries: retries after a failed attempt; ``0`` turns them off. Or a
        :class:`~circleci.transport.RetryPolicy`. Default 3.
    :param pool_size: connections kept open per host. Default 16.
    """

    def __init__(
        self,
        token: Optional[str],
        url: str = DEFAULT_URL,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: Union[int, Retry] = DEFAULT_RETRIES,
        pool_size: int = DEFAULT_POOL_SIZE,
    ) -> None:
        super().__init__(token, url, timeout=timeout, retries=retries, pool_size=pool_size)
        self._v2: Optional[ApiV2] = None
        self._v3: Optional[ApiV3] = None

    @property
    def v2(self) -> ApiV2:
        """An :class:`~circleci.v2.ApiV2` sharing this client's token, connections and policy.

        Its URL is derived from this client's: a last path segment that is an
        API version (``v1.1``, ``v1``) is replaced by ``v2``
        (``https://ci.example.com/api/v1.1`` gives
        ``https://ci.example.com/api/v2``); any other URL gets ``/v2`` appended.
        """
        if self._v2 is None:
            from .v2 import ApiV2

            self._v2 = ApiV2(url=_v2_url(self.url), transport=self._transport)
        return self._v2

    @property
    def v3(self) -> ApiV3:
        """An :class:`~circleci.v3.ApiV3` sharing this client's token, connections and policy.

        Its URL is derived from this client's as for :attr:`v2`, with ``v3``
        (``https://circleci.com/api/v1.1`` gives ``https://circleci.com/api/v3``).
        API v3 exists on CircleCI Cloud only.
        """
        if self._v3 is None:
            from .v3 import ApiV3
            from .v3.client import v3_url

            self._v3 = ApiV3(url=v3_url(self.url), transport=self._transport)
        return self._v3

    def get_user_info(self) -> Any:
        """Information about the signed-in user.

        Endpoint: ``GET /me``
        """
        return self._request("GET", "me")

    def get_projects(self) -> Any:
        """Every project you follow on CircleCI.

        Endpoint: ``GET /projects``
        """
        return self._request("GET", "projects")

    def follow_project(self, username: str, project: str, vcs_type: str = "github") -> Any:
        """Follow a project on CircleCI.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``POST /project/:vcs-type/:username/:project/follow``
        """
        return self._request("POST", project_path(vcs_type, username, project, "follow"))

    def get_project_build_summary(
        self,
        username: str,
        project: str,
        limit: int = 30,
        offset: int = 0,
        status_filter: Optional[str] = None,
        branch: Optional[str] = None,
        vcs_type: str = "github",
    ) -> Any:
        """Summaries of a project's builds, newest first.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param limit: how many builds, 1 to 100. Default 30.
        :param offset: how many of the newest builds to skip. Default 0.
        :param status_filter: ``completed``, ``successful``, ``failed`` or
            ``running``; ``None`` (default) for every build.
        :param branch: only builds of this branch.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :raises InvalidFilterError: for any other ``status_filter``.

        Endpoint: ``GET /project/:vcs-type/:username/:project[/tree/:branch]``
        """
        if status_filter is not None and status_filter not in BUILD_FILTERS:
            raise InvalidFilterError(status_filter, "status")
        rest = ["tree", segment(branch, "branch")] if branch is not None else []
        params = query(limit=_args.limit(limit), offset=_args.offset(offset), filter=status_filter)
        return self._request("GET", project_path(vcs_type, username, project, *rest), params=params)

    def get_recent_builds(self, limit: int = 30, offset: int = 0) -> Any:
        """Summaries of the latest builds of every project you follow.

        :param limit: how many builds, 1 to 100. Default 30.
        :param offset: how many of the newest builds to skip. Default 0.

        Endpoint: ``GET /recent-builds``
        """
        params = query(limit=_args.limit(limit), offset=_args.offset(offset))
        return self._request("GET", "recent-builds", params=params)

    def get_build_info(self, username: str, project: str, build_num: Union[int, str], vcs_type: str = "github") -> Any:
        """Full details of one build.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``GET /project/:vcs-type/:username/:project/:build_num``
        """
        return self._request("GET", project_path(vcs_type, username, project, build_number(build_num)))

    def get_artifacts(self, username: str, project: str, build_num: Union[int, str], vcs_type: str = "github") -> Any:
        """The artifacts a build produced.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``GET /project/:vcs-type/:username/:project/:build_num/artifacts``
        """
        return self._request("GET", project_path(vcs_type, username, project, build_number(build_num), "artifacts"))

    def get_latest_artifact(
        self,
        username: str,
        project: str,
        branch: Optional[str] = None,
        status_filter: str = "completed",
        vcs_type: str = "github",
    ) -> Any:
        """The artifacts of the latest build, optionally on one branch.

        CircleCI answers 404 (:class:`~circleci.error.NotFound`) when that
        build has no artifacts.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param branch: look only at this branch; the whole project if omitted.
        :param status_filter: ``completed`` (default), ``successful`` or ``failed``.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :raises InvalidFilterError: for any other ``status_filter``.

        Endpoint: ``GET /project/:vcs-type/:username/:project/latest/artifacts``
        """
        if status_filter not in ARTIFACT_FILTERS:
            raise InvalidFilterError(status_filter, "artifacts")
        params = query(branch=branch, filter=status_filter)
        return self._request("GET", project_path(vcs_type, username, project, "latest", "artifacts"), params=params)

    def get_test_metadata(
        self, username: str, project: str, build_num: Union[int, str], vcs_type: str = "github"
    ) -> Any:
        """The test results a build recorded.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``GET /project/:vcs-type/:username/:project/:build_num/tests``
        """
        return self._request("GET", project_path(vcs_type, username, project, build_number(build_num), "tests"))

    def retry_build(
        self, username: str, project: str, build_num: Union[int, str], ssh: bool = False, vcs_type: str = "github"
    ) -> Any:
        """Run a build again, optionally with SSH enabled.

        CircleCI removes this endpoint on 2027-02-01; its v2 replacement is
        :meth:`ApiV2.rerun_workflow <circleci.v2.ApiV2.rerun_workflow>`.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param ssh: rerun with SSH access. Default ``False``.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``POST /project/:vcs-type/:username/:project/:build_num/retry`` (``/ssh`` with ``ssh``)
        """
        action = "ssh" if ssh else "retry"
        return self._request("POST", project_path(vcs_type, username, project, build_number(build_num), action))

    def cancel_build(self, username: str, project: str, build_num: Union[int, str], vcs_type: str = "github") -> Any:
        """Cancel a build.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``POST /project/:vcs-type/:username/:project/:build_num/cancel``
        """
        return self._request("POST", project_path(vcs_type, username, project, build_number(build_num), "cancel"))

    def add_ssh_user(self, username: str, project: str, build_num: Union[int, str], vcs_type: str = "github") -> Any:
        """Let the token's user SSH into a running build's containers.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``POST /project/:vcs-type/:username/:project/:build_num/ssh-users``
        """
        return self._request("POST", project_path(vcs_type, username, project, build_number(build_num), "ssh-users"))

    def trigger_build(
        self,
        username: str,
        project: str,
        branch: Optional[str] = "master",
        revision: Optional[str] = None,
        tag: Optional[str] = None,
        parallel: Optional[int] = None,
        params: Optional[dict[str, Any]] = None,
        vcs_type: str = "github",
    ) -> Any:
        """Start a new build.

        CircleCI removes this endpoint on 2027-02-01; its v2 replacement is
        :meth:`ApiV2.trigger_pipeline <circleci.v2.ApiV2.trigger_pipeline>`.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param branch: the branch to build. Default ``master``. ``None``
            triggers at the project level, which is how a ``tag`` is built.
        :param revision: a commit to build instead of the branch's head.
        :param tag: a tag to build; not together with ``revision``.
        :param parallel: containers to use (ignored on CircleCI 2.0 and later).
        :param params: build parameters, sent as ``build_parameters``.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :raises InvalidArgumentError: when both ``tag`` and ``revision`` are given.

        Endpoint: ``POST /project/:vcs-type/:username/:project/tree/:branch``,
        or ``POST /project/:vcs-type/:username/:project`` without a branch
        """
        if tag is not None and revision is not None:
            raise InvalidArgumentError(tag, "tag and revision cannot be used together")
        rest = ["tree", segment(branch, "branch")] if branch is not None else []
        data = query(revision=revision, tag=tag, parallel=parallel, build_parameters=params)
        return self._request("POST", project_path(vcs_type, username, project, *rest), data=data)

    def add_ssh_key(
        self, username: str, project: str, ssh_key: str, vcs_type: str = "github", hostname: Optional[str] = None
    ) -> Any:
        """Add an SSH key that builds use to reach other systems.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param ssh_key: the private key, unencrypted.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :param hostname: use the key only for this host.

        Endpoint: ``POST /project/:vcs-type/:username/:project/ssh-key``
        """
        data = query(hostname=hostname, private_key=ssh_key)
        return self._request("POST", project_path(vcs_type, username, project, "ssh-key"), data=data)

    def delete_ssh_key(
        self, username: str, project: str, fingerprint: str, hostname: Optional[str] = None, vcs_type: str = "github"
    ) -> Any:
        """Remove an SSH key from a project.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param fingerprint: the key's fingerprint.
        :param hostname: the host the key was added for, if any.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``DELETE /project/:vcs-type/:username/:project/ssh-key``
        """
        data = query(fingerprint=_args.required(fingerprint, "fingerprint"), hostname=hostname)
        return self._request("DELETE", project_path(vcs_type, username, project, "ssh-key"), data=data)

    def list_checkout_keys(
        self, username: str, project: str, vcs_type: str = "github", *, digest: Optional[str] = None
    ) -> Any:
        """A project's checkout keys.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :param digest: how fingerprints are shown: ``md5`` (CircleCI's
            default) or ``sha256``.

        Endpoint: ``GET /project/:vcs-type/:username/:project/checkout-key``

        .. versionadded:: 1.3.0 ``digest``.
        """
        path = project_path(vcs_type, username, project, "checkout-key")
        return self._request("GET", path, params=query(digest=digest))

    def create_checkout_key(self, username: str, project: str, key_type: str, vcs_type: str = "github") -> Any:
        """Create a checkout key for a project.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param key_type: ``deploy-key`` or ``github-user-key``.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :raises BadKeyError: for any other ``key_type``.

        Endpoint: ``POST /project/:vcs-type/:username/:project/checkout-key``
        """
        if key_type not in KEY_TYPES:
            raise BadKeyError(key_type)
        return self._request("POST", project_path(vcs_type, username, project, "checkout-key"), data={"type": key_type})

    def get_checkout_key(self, username: str, project: str, fingerprint: str, vcs_type: str = "github") -> Any:
        """One checkout key of a project.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param fingerprint: the key's fingerprint.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``GET /project/:vcs-type/:username/:project/checkout-key/:fingerprint``
        """
        key = segment(fingerprint, "fingerprint")
        return self._request("GET", project_path(vcs_type, username, project, "checkout-key", key))

    def delete_checkout_key(self, username: str, project: str, fingerprint: str, vcs_type: str = "github") -> Any:
        """Delete a checkout key.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param fingerprint: the key's fingerprint.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``DELETE /project/:vcs-type/:username/:project/checkout-key/:fingerprint``
        """
        key = segment(fingerprint, "fingerprint")
        return self._request("DELETE", project_path(vcs_type, username, project, "checkout-key", key))

    def clear_cache(self, username: str, project: str, vcs_type: str = "github") -> Any:
        """Clear a project's build cache.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``DELETE /project/:vcs-type/:username/:project/build-cache``
        """
        return self._request("DELETE", project_path(vcs_type, username, project, "build-cache"))

    def list_envvars(self, username: str, project: str, vcs_type: str = "github") -> Any:
        """A project's environment variables, with their values masked.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``GET /project/:vcs-type/:username/:project/envvar``
        """
        return self._request("GET", project_path(vcs_type, username, project, "envvar"))

    def add_envvar(self, username: str, project: str, name: str, value: str, vcs_type: str = "github") -> Any:
        """Add an environment variable to a project.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param name: the variable's name.
        :param value: its value.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``POST /project/:vcs-type/:username/:project/envvar``
        """
        data = {"name": _args.required(name, "name"), "value": value}
        return self._request("POST", project_path(vcs_type, username, project, "envvar"), data=data)

    def get_envvar(self, username: str, project: str, name: str, vcs_type: str = "github") -> Any:
        """One environment variable of a project, with its value masked.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param name: the variable's name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``GET /project/:vcs-type/:username/:project/envvar/:name``
        """
        return self._request("GET", project_path(vcs_type, username, project, "envvar", segment(name, "name")))

    def delete_envvar(self, username: str, project: str, name: str, vcs_type: str = "github") -> Any:
        """Delete an environment variable from a project.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param name: the variable's name.
        :param vcs_type: ``github`` (default) or ``bitbucket``.

        Endpoint: ``DELETE /project/:vcs-type/:username/:project/envvar/:name``
        """
        return self._request("DELETE", project_path(vcs_type, username, project, "envvar", segment(name, "name")))

    def add_heroku_key(self, apikey: str) -> Any:
        """Give CircleCI your Heroku API key.

        :param apikey: the Heroku API key.

        Endpoint: ``POST /user/heroku-key``
        """
        return self._request("POST", "user/heroku-key", data={"apikey": apikey})

    def add_user_ssh_key(self) -> Any:
        """Add a CircleCI key to your GitHub user account.

        Endpoint: ``POST /user/ssh-key``
        """
        return self._request("POST", "user/ssh-key")
