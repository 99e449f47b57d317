"""The CircleCI API v3 client.

:class:`ApiV3` gathers one method per endpoint of ``spec/v3-endpoints.json``
whose confidence is ``cli``, ``cli-newer``, ``cli-branch``, ``docs`` or
``third-party``; :meth:`ApiV3.iterate` walks cursor pages; :meth:`ApiV3.request`
reaches the endpoints whose shape is not established (confidence ``mention``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar, Union

from urllib3.util.retry import Retry

from .._args import method_name, required, walk_limit
from .._client import versioned_url
from ..error import InvalidArgumentError
from ..transport import (
    DEFAULT_MAX_BODY_SIZE,
    DEFAULT_POOL_SIZE,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Secret,
    Timeout,
    Transport,
)
from ._base import endpoint_of
from .contexts import ContextOperations
from .deploy import DeployOperations
from .errors import LookupNotFound, RepeatedCursorError
from .jobs import JobOperations
from .notifications import NotificationOperations
from .orbs import OrbOperations
from .orgs import OrgOperations
from .projects import ProjectOperations
from .runner import RunnerOperations
from .runs import RunOperations

T = TypeVar("T")

if TYPE_CHECKING:
    from typing_extensions import ReadOnly, TypedDict

    class _PageLike(TypedDict, Generic[T], total=False):
        """What :meth:`ApiV3.iterate` needs of a page: every list type of :mod:`circleci.v3.types` matches it."""

        data: ReadOnly[list[T]]


__all__ = ["ApiV3", "DEFAULT_URL", "v3_url"]

DEFAULT_URL = "https://circleci.com/api/v3"


def v3_url(url: str) -> str:
    """The API v3 base URL that goes with another version's base URL.

    A last path segment naming an API version (``v1.1``, ``v1``, ``v2``) is
    replaced by ``v3`` (``https://circleci.com/api/v2`` gives
    ``https://circleci.com/api/v3``); any other URL gets ``/v3`` appended.
    """
    return versioned_url(url, "v3")


class ApiV3(
    RunOperations,
    JobOperations,
    ProjectOperations,
    OrgOperations,
    ContextOperations,
    DeployOperations,
    OrbOperations,
    RunnerOperations,
    NotificationOperations,
):
    """A client for CircleCI's API v3 (CircleCI Cloud only; CircleCI server keeps v2).

    The token is sent as ``Authorization: Bearer <token>``; without a token
    no credential header is sent at all. Answers are returned as decoded
    JSON (``{"data": ...}`` envelopes), typed by :mod:`circleci.v3.types`.

    :param token: a CircleCI personal API token; ``None`` reads
        ``CIRCLE_TOKEN`` from the environment.
    :param url: the API's base URL.
    :param timeout: seconds to connect and to wait for each read.
    :param retries: retries after a failed attempt, or a urllib3 ``Retry``;
        ``Retry-After`` is honoured as for v1.1 and v2.
    :param pool_size: connections kept open per host.
    :param transport: share another client's connections, token and policy
        (as :attr:`Api.v3 <circleci.api.Api.v3>` does); the options above are
        then ignored.
    :param max_body_size: the largest JSON answer read, in bytes once
        decompressed; a larger one raises
        :class:`~circleci.error.ResponseTooLarge`. Default 64 MiB.
    """

    def __init__(
        self,
        token: Optional[str] = None,
        url: str = DEFAULT_URL,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: Union[int, Retry] = DEFAULT_RETRIES,
        pool_size: int = DEFAULT_POOL_SIZE,
        transport: Optional[Transport] = None,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
    ) -> None:
        token = Secret.of(token)  # type: ignore[assignment]  # held masked from here on
        super().__init__(
            token,
            url,
            timeout=timeout,
            retries=retries,
            pool_size=pool_size,
            transport=transport,
            max_body_size=max_body_size,
        )

    def request(self, verb: str, path: str, *, params: Optional[dict[str, Any]] = None, body: Any = None) -> Any:
        """Send any v3 request: the way to reach endpoints without a method of their own.

        Endpoints the reference marks ``mention`` (their shapes are not
        established, e.g. ``POST /api/v3/usage/exports``, ``POST
        /api/v3/analysis/jobs``, ``DELETE /api/v3/notification/links``) have
        no method with guessed arguments; call them here with the body and
        query that CircleCI's current documentation gives. The transport's
        policy applies as for every method (Bearer token, retries, errors).

        :param verb: ``GET``, ``POST`` or ``DELETE``.
        :param path: the path, absolute (``/api/v3/usage/exports``) or below
            :attr:`url` (``usage/exports``); it is sent as given, so encode
            any value placed in it.
        :param params: query parameters by wire name (``{"filter[org_id]": ...}``);
            ``None`` values are left out.
        :param body: a JSON body, or ``None`` for none.
        :raises BadVerbError: for a verb v3 does not use.
        :returns: the decoded JSON, or ``None`` for an empty body.
        """
        relative = path[len(self._PREFIX) :] if path.startswith(self._PREFIX) else path.lstrip("/")
        return self._request(verb, relative, body, params=params)

    def iterate(
        self, method: Callable[..., _PageLike[T]], *args: Any, limit: Optional[int] = None, **kwargs: Any
    ) -> Iterator[T]:
        """Yield the entities of every page of a paginated endpoint, lazily.

        The first request carries the arguments given (``page_limit``
        included, checked against the endpoint's maximum before anything is
        sent); each later one carries only the cursor of the page before
        (``page[cursor]``, or ``page.cursor`` in the body of a search route),
        since a cursor remembers its page size. The walk ends at ``limit``
        entities, or at a page with no ``page``, a null or empty
        ``page.next``, or no entities.
        The entities have the type of the method's list items, so
        ``for run in api.iterate(api.list_runs, filter_project_id=pid)`` gives ``run``
        the type :class:`~circleci.v3.types.Run`.

        :param method: a paginated method of this client, e.g. ``api.list_runs``.
        :param args: its positional arguments.
        :param limit: stop after this many entities; ``None`` for all of them.
        :param kwargs: its keyword arguments (``page_cursor`` starts part way).
        :raises InvalidArgumentError: at once, for a method that is not
            paginated or a ``limit`` that is not ``None`` or an integer of 0 or more.
        :raises RepeatedCursorError: when a page names a cursor already
            followed (the walk would never end).
        :returns: an iterator over the entities (the ``data`` items).
        """
        record = endpoint_of(method)
        if not record.paginated:
            raise InvalidArgumentError(method_name(method), f"{record.verb} {record.path} is not paginated")
        return _walk(method, args, kwargs, walk_limit(limit), f"{record.verb} {record.path}")

    def project_id(self, project_slug: str) -> str:
        """The id of a project, looked up by its slug (``gh/org/repo`` or ``circleci/<org-id>/<project-id>``).

        :param project_slug: the slug, sent unchanged as ``filter[slug]``.
        :raises LookupNotFound: (a :class:`~circleci.error.NotFound`) when no
            project has that slug or the token cannot see it.
        :returns: the project's id.
        """
        return self._lookup(
            self.list_projects(filter_slug=required(project_slug, "project_slug")), "project", project_slug
        )

    def org_id(self, org_slug: str) -> str:
        """The id of an organization, looked up by its slug (``gh/acme``, ``bb/acme``, ``circleci/<uuid>``).

        :param org_slug: the slug, sent unchanged as ``filter[slug]``.
        :raises LookupNotFound: (a :class:`~circleci.error.NotFound`) when no
            organization has that slug.
        :returns: the organization's id.
        """
        return self._lookup(self.list_orgs(filter_slug=required(org_slug, "org_slug")), "org", org_slug)

    def _lookup(self, answer: Any, kind: str, key: str) -> str:
        found = answer.get("data") if isinstance(answer, dict) else None
        if not found or not isinstance(found, list) or not found[0].get("id"):
            raise LookupNotFound(kind, key, url=f"{self.url}/{kind}s")
        return str(found[0]["id"])


def _walk(
    method: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], limit: Optional[int], name: str
) -> Iterator[Any]:
    """The generator behind :meth:`ApiV3.iterate`, once its arguments are checked."""
    remaining = limit
    seen: set[str] = {kwargs["page_cursor"]} if kwargs.get("page_cursor") else set()
    while remaining is None or remaining > 0:
        page = method(*args, **kwargs) or {}
        items = page.get("data") or []
        for item in items:
            yield item
            if remaining is not None:
                remaining -= 1
                if remaining == 0:
                    return
        following = (page.get("page") or {}).get("next")
        if not following or not items:
            return
        if following in seen:
            raise RepeatedCursorError(following, endpoint=name)
        seen.add(following)
        kwargs = {key: value for key, value in kwargs.items() if key != "page_limit"}
        kwargs["page_cursor"] = following
