"""The CircleCI API v1.1 client, with the interface of circleci.py 1.2.2.

Every method builds its path from encoded segments and hands it to
:meth:`Api._request` (or :meth:`Api._download`); both are kept with their
1.2.2 signatures so code that mocks them keeps working.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Optional, Union
from urllib.parse import urlsplit

from urllib3.util.retry import Retry

from . import _args, _sunset
from ._args import build_number, project_path, query, segment
from ._client import BaseClient, versioned_url
from .error import BadKeyError, Gone, InvalidArgumentError, InvalidFilterError
from .transport import DEFAULT_MAX_BODY_SIZE, DEFAULT_POOL_SIZE, DEFAULT_RETRIES, DEFAULT_TIMEOUT, Secret, Timeout

if TYPE_CHECKING:  # pragma: no cover
    from .v2 import ApiV2
    from .v3 import ApiV3

__all__ = ["Api"]

DEFAULT_URL = "https://circleci.com/api/v1.1"
BUILD_FILTERS = ("completed", "successful", "failed", "running")
ARTIFACT_FILTERS = ("completed", "successful", "failed")
KEY_TYPES = ("deploy-key", "github-user-key")


def _shallow(shallow: bool) -> dict[str, Any]:
    """CircleCI's ``shallow=true`` query parameter, when asked for."""
    return {"shallow": "true"} if shallow else {}


def _warn_without_version(url: str) -> None:
    """Warn when a base URL has no API version: it ends with ``/api`` (pycircleci's form), or is circleci.com bare."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.rpartition("/")[2].lower() == "api":
        meant = url.rstrip("/") + "/v1.1"
    elif not path and (parts.hostname or "").lower() == "circleci.com":
        # CircleCI's own host serves the API under /api only; elsewhere a bare host may be a proxy of yours
        meant = url.rstrip("/") + "/api/v1.1"
    else:
        return
    warnings.warn(
        f"Api url {url!r} has no API version, so v1.1 calls go to {url.rstrip('/')}/me, "
        f"{url.rstrip('/')}/project/... and CircleCI answers 404. Api expects the v1.1 base URL, "
        f"'https://<host>/api/v1.1' (e.g. {DEFAULT_URL!r}): did you mean {meant!r}?",
        UserWarning,
        stacklevel=3,
    )


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
    :param max_body_size: the largest JSON answer read, in bytes once
        decompressed; a larger one raises
        :class:`~circleci.error.ResponseTooLarge`. Default 64 MiB.
    :param sunset: what :meth:`trigger_build`, :meth:`retry_build` (and
        :meth:`Experimental.retry_no_cache <circleci.experimental.Experimental.retry_no_cache>`)
        do about CircleCI's removal of the v1.1 trigger and rerun endpoints on
        2027-02-01. ``"fallback"`` (default): call v1.1; after its 410 Gone,
        do the same through API v2 on the same host, and go to v2 directly
        from then on. ``"v2"``: use v2 from the first call. ``"off"``: only
        v1.1; its 410 is raised as :class:`~circleci.error.Gone`. See
        :doc:`/sunset`.
    :raises InvalidArgumentError: for any other ``sunset``.

    A ``url`` that ends with ``/api`` and no version (pycircleci's form), or
    that is ``https://circleci.com`` without a path, is used as given, with a
    :class:`UserWarning` naming the expected ``.../api/v1.1``: v1.1 calls
    would go to ``/api/me`` (or ``/me``) and get 404. Other custom URLs (a
    proxy, a path of your own) are used as given, silently.

    .. versionadded:: 1.3.0 ``sunset``.
    """

    def __init__(
        self,
        token: Optional[str],
        url: str = DEFAULT_URL,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: Union[int, Retry] = DEFAULT_RETRIES,
        pool_size: int = DEFAULT_POOL_SIZE,
        sunset: str = _sunset.FALLBACK,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
    ) -> None:
        token = Secret.of(token)  # type: ignore[assignment]  # held masked from here on
        if sunset not in _sunset.MODES:
            raise InvalidArgumentError(sunset, "sunset must be one of 'fallback', 'v2' or 'off'")
        super().__init__(token, url, timeout=timeout, retries=retries, pool_size=pool_size, max_body_size=max_body_size)
        self._v2: Optional[ApiV2] = None
        self.sunset = sunset
        self._v1_gone = False
        _warn_without_version(self.url)
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

            self._v2 = ApiV2(url=versioned_url(self.url, "v2"), transport=self._transport)
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

            self._v3 = ApiV3(url=versioned_url(self.url, "v3"), transport=self._transport)
        return self._v3

    def get_user_info(self) -> Any:
        """Information about the signed-in user.

        Endpoint: ``GET /me``
        """
        return self._request("GET", "me")

    def get_projects(self, *, shallow: bool = False) -> Any:
        """Every project you follow on CircleCI.

        :param shallow: ask for the lighter entries (CircleCI's
            ``?shallow=true``): without ``branches``, which is how every
            entry looks after CircleCI removes ``branches`` on 2026-12-07.

        Endpoint: ``GET /projects``

        .. versionadded:: 1.3.0 ``shallow``.
        """
        return self._request("GET", "projects", params=_shallow(shallow))

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
        limit: Union[int, str] = 30,
        offset: Union[int, str] = 0,
        status_filter: Optional[str] = None,
        branch: Optional[str] = None,
        vcs_type: str = "github",
        *,
        shallow: bool = False,
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
        :param shallow: ask for lighter summaries (CircleCI's ``?shallow=true``).
        :raises InvalidFilterError: for any other ``status_filter``.

        Endpoint: ``GET /project/:vcs-type/:username/:project[/tree/:branch]``

        .. versionadded:: 1.3.0 ``shallow``; ``limit`` and ``offset`` may be
           strings of digits, as 1.2.2 allowed.
        """
        if status_filter is not None and status_filter not in BUILD_FILTERS:
            raise InvalidFilterError(status_filter, "status")
        rest = ["tree", segment(branch, "branch")] if branch is not None else []
        params = query(limit=_args.limit(limit), offset=_args.offset(offset), filter=status_filter)
        params.update(_shallow(shallow))
        return self._request("GET", project_path(vcs_type, username, project, *rest), params=params)

    def get_recent_builds(
        self, limit: Union[int, str] = 30, offset: Union[int, str] = 0, *, shallow: bool = False
    ) -> Any:
        """Summaries of the latest builds of every project you follow.

        :param limit: how many builds, 1 to 100. Default 30.
        :param offset: how many of the newest builds to skip. Default 0.
        :param shallow: ask for lighter summaries (CircleCI's ``?shallow=true``).

        Endpoint: ``GET /recent-builds``

        .. versionadded:: 1.3.0 ``shallow``; ``limit`` and ``offset`` may be
           strings of digits, as 1.2.2 allowed.
        """
        params = query(limit=_args.limit(limit), offset=_args.offset(offset), **_shallow(shallow))
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
        """Run a build again, optionally with SSH enabled, and return the new build.

        CircleCI removes this endpoint on 2027-02-01. After its 410 Gone (or
        with ``sunset="v2"``) the build's job is rerun with
        :meth:`ApiV2.rerun_workflow <circleci.v2.ApiV2.rerun_workflow>`
        (``jobs=[<its id>]``, and ``enable_ssh`` with ``ssh``) and the new
        build is returned as :meth:`get_build_info` shows it, once it exists;
        see :doc:`/sunset`.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param build_num: the build number.
        :param ssh: rerun with SSH access. Default ``False``.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :raises WaitTimeout: when, through v2, the new build has no number
            after :data:`circleci._sunset.WAIT_TIMEOUT` seconds (the rerun was started).

        Endpoint: ``POST /project/:vcs-type/:username/:project/:build_num/retry`` (``/ssh`` with ``ssh``)
        """
        number = build_number(build_num)
        path = project_path(vcs_type, username, project, number, "ssh" if ssh else "retry")
        where = _sunset.Project(vcs_type, username, project)
        return _sunset.call(
            self, lambda: self._request("POST", path), lambda gone: _sunset.retry(self, where, number, ssh)
        )

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
        """Start a new build and return it.

        CircleCI removes this endpoint on 2027-02-01. After its 410 Gone (or
        with ``sunset="v2"``) a pipeline of the branch or tag is triggered
        with :meth:`ApiV2.trigger_pipeline <circleci.v2.ApiV2.trigger_pipeline>`
        and its first build is returned as :meth:`get_build_info` shows it,
        once it exists; see :doc:`/sunset`.

        :param username: org or user name.
        :param project: case-sensitive repository name.
        :param branch: the branch to build. Default ``master``. ``None``
            triggers at the project level, which is how a ``tag`` is built.
        :param revision: a commit to build instead of the branch's head.
        :param tag: a tag to build; not together with ``revision``.
        :param parallel: containers to use (ignored on CircleCI 2.0 and later).
        :param params: fields merged into the top level of the request body,
            as 1.2.2 did: ``{"build_parameters": {"CIRCLE_JOB": "deploy"}}``
            runs the ``deploy`` job with build parameters.
        :param vcs_type: ``github`` (default) or ``bitbucket``.
        :raises InvalidArgumentError: when both ``tag`` and ``revision`` are given.
        :raises NoV2Equivalent: (a :class:`~circleci.error.Gone`) when the
            v1.1 endpoint is gone and ``revision`` or ``params`` is given, which
            API v2 cannot express; nothing is triggered.
        :raises WaitTimeout: when, through v2, the pipeline has no build after
            :data:`circleci._sunset.WAIT_TIMEOUT` seconds (it was triggered).
        :raises PipelineError: when, through v2, the pipeline errored (for
            instance, an invalid config).

        Endpoint: ``POST /project/:vcs-type/:username/:project/tree/:branch``,
        or ``POST /project/:vcs-type/:username/:project`` without a branch
        """
        if tag is not None and revision is not None:
            raise InvalidArgumentError(tag, "tag and revision cannot be used together")
        rest = ["tree", segment(branch, "branch")] if branch is not None else []
        path = project_path(vcs_type, username, project, *rest)
        data = query(revision=revision, tag=tag, parallel=parallel)
        if params:
            data.update(params)
        where = _sunset.Project(vcs_type, username, project)

        def via_v2(gone: Optional[Gone]) -> Any:
            if revision is not None:
                raise _sunset.refuse(
                    self,
                    path,
                    gone,
                    "revision",
                    "v2 builds the head of a branch or a tag. Trigger the branch (or a tag) that points at the "
                    "commit, or use Api(..., sunset='off') and CircleCI's v3 POST /api/v3/runs on CircleCI cloud.",
                )
            if params:
                raise _sunset.refuse(
                    self,
                    path,
                    gone,
                    "params",
                    "v1.1 build parameters (CIRCLE_JOB included) do not exist in v2. Declare pipeline parameters "
                    "in .circleci/config.yml and trigger with Api(...).v2.trigger_pipeline(slug, branch=..., "
                    "parameters={...}); choose jobs with parameter-driven workflow conditions.",
                )
            return _sunset.trigger(self, where, branch, tag)

        return _sunset.call(self, lambda: self._request("POST", path, data=data), via_v2)

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
