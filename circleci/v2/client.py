"""The CircleCI API v2 client.

:class:`ApiV2` gathers one method per operation of CircleCI's official v2
OpenAPI spec, grouped in one module per tag of the spec, and
:meth:`ApiV2.iterate` to walk paginated operations lazily.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar, Union

from urllib3.util.retry import Retry

from .._args import VCS_TYPES, method_name, required, walk_limit
from .._client import BaseClient, versioned_url
from .._operation import Operation
from ..error import InvalidArgumentError, PaginationLoopError
from ..transport import (
    DEFAULT_MAX_BODY_SIZE,
    DEFAULT_POOL_SIZE,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Secret,
    Timeout,
    Transport,
)
from ._operation import OPERATIONS
from .context import ContextOperations
from .deploy import DeployOperations
from .groups import GroupsOperations
from .insights import InsightsOperations
from .job import JobOperations
from .oidc import OidcOperations
from .organization import OrganizationOperations
from .otel import OtelOperations
from .pipeline import PipelineOperations
from .pipeline_definition import PipelineDefinitionOperations
from .policy import PolicyOperations
from .project import ProjectOperations
from .rollback import RollbackOperations
from .schedule import ScheduleOperations
from .trigger import TriggerOperations
from .usage import UsageOperations
from .user import UserOperations
from .webhook import WebhookOperations
from .workflow import WorkflowOperations

T = TypeVar("T")

if TYPE_CHECKING:
    from typing_extensions import ReadOnly, TypedDict

    from ..v3 import ApiV3

    class _PageLike(TypedDict, Generic[T], total=False):
        """What :meth:`ApiV2.iterate` needs of a page: both page types of :mod:`circleci.v2.types` match it."""

        items: ReadOnly[list[T]]
        next_page_token: ReadOnly[Optional[str]]


__all__ = ["ApiV2", "project_slug", "DEFAULT_URL", "PageTokenRepeated"]

DEFAULT_URL = "https://circleci.com/api/v2"
_SLUG_PREFIX = {"github": "gh", "gh": "gh", "bitbucket": "bb", "bb": "bb"}


def project_slug(username: str, project: str, vcs_type: str = "github") -> str:
    """Build a v2 project slug from circleci.py 1.2.2-style arguments.

    ``project_slug("org", "repo")`` gives ``"gh/org/repo"``;
    ``vcs_type="bitbucket"`` gives ``"bb/org/repo"``.

    :raises InvalidArgumentError: for an unknown ``vcs_type``, or a
        ``username`` or ``project`` that is not a non-empty ``str`` or holds
        a ``/`` (``project_slug("org", "repo/envvar")`` would otherwise name
        another endpoint).
    """
    if not isinstance(vcs_type, str) or vcs_type not in VCS_TYPES:
        raise InvalidArgumentError(vcs_type, "vcs_type must be one of 'github', 'bitbucket', 'gh' or 'bb'")
    for value, name in ((username, "username"), (project, "project")):
        if not isinstance(required(value, name), str) or "/" in value:
            raise InvalidArgumentError(value, f"{name} must be a non-empty string without '/'")
    return f"{_SLUG_PREFIX[vcs_type]}/{username}/{project}"


class ApiV2(
    ContextOperations,
    InsightsOperations,
    UserOperations,
    PipelineOperations,
    JobOperations,
    WorkflowOperations,
    WebhookOperations,
    ScheduleOperations,
    OidcOperations,
    PolicyOperations,
    DeployOperations,
    PipelineDefinitionOperations,
    ProjectOperations,
    RollbackOperations,
    TriggerOperations,
    UsageOperations,
    GroupsOperations,
    OrganizationOperations,
    OtelOperations,
    BaseClient,
):
    """A client for the CircleCI API v2.

    :param token: a CircleCI personal API token; ``None`` reads
        ``CIRCLE_TOKEN`` from the environment.
    :param url: the API's base URL; for CircleCI server, ``https://<host>/api/v2``.
    :param timeout: seconds to connect and to wait for each read.
    :param retries: retries after a failed attempt, or a urllib3 ``Retry``.
    :param pool_size: connections kept open per host.
    :param transport: share another client's connections, token and policy
        (as :attr:`Api.v2 <circleci.api.Api.v2>` does); the options above are
        then ignored.
    :param max_body_size: the largest JSON answer read, in bytes once
        decompressed; a larger one raises
        :class:`~circleci.error.ResponseTooLarge`. Default 64 MiB.
    """

    _VERBS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})

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

    @functools.cached_property
    def v3(self) -> ApiV3:
        """An :class:`~circleci.v3.ApiV3` sharing this client's token, connections and policy.

        Its URL is this client's with ``v2`` replaced by ``v3``. API v3
        exists on CircleCI Cloud only.
        """
        from ..v3 import ApiV3

        return ApiV3(url=versioned_url(self.url, "v3"), transport=self._transport)

    def iterate(
        self, method: Callable[..., _PageLike[T]], *args: Any, limit: Optional[int] = None, **kwargs: Any
    ) -> Iterator[T]:
        """Yield the items of every page of a paginated operation, lazily.

        Each page is fetched only when the items before it have been used,
        passing the previous page's ``next_page_token`` as ``page-token``; the
        walk ends at ``limit`` items or at a page whose token is null or missing.
        The items have the type of the method's page items, so
        ``for p in api.iterate(api.list_pipelines_for_project, slug)`` gives
        ``p`` the type :class:`~circleci.v2.types.Pipeline`.

        :param method: a paginated method of this client, e.g.
            ``api.list_pipelines_for_project``.
        :param args: its positional arguments.
        :param limit: stop after this many items; ``None`` for all of them.
        :param kwargs: its keyword arguments (``page_token`` starts part way).
        :raises InvalidArgumentError: at once, when ``method`` is not a
            paginated operation of the client, or ``limit`` is not ``None`` or
            an integer of 0 or more.
        :raises PageTokenRepeated: while walking, when the server hands back a
            ``next_page_token`` it already gave, instead of looping forever.
        :returns: an iterator over the items; nothing is requested before its
            first item is asked for.
        """
        record = getattr(method, "operation", None)
        if not isinstance(record, Operation) or OPERATIONS.get(record.key) is not record or not record.paginated:
            raise InvalidArgumentError(
                method_name(method), "iterate takes a paginated method of the client, such as list_pipelines"
            )
        return self._walk(method, record, args, kwargs, walk_limit(limit))

    @staticmethod
    def _walk(
        method: Callable[..., Any],
        record: Operation,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        limit: Optional[int],
    ) -> Iterator[Any]:
        """The generator behind :meth:`iterate`, once its arguments are checked."""
        remaining = limit
        page_token = kwargs.pop("page_token", None)
        seen = {page_token}
        while remaining is None or remaining > 0:
            page = method(*args, page_token=page_token, **kwargs) or {}
            for item in page.get("items") or []:
                yield item
                if remaining is not None:
                    remaining -= 1
                    if remaining == 0:
                        return
            page_token = page.get("next_page_token")
            if not page_token:
                return
            if page_token in seen:
                raise PageTokenRepeated(record.operation_id, page_token)
            seen.add(page_token)


class PageTokenRepeated(PaginationLoopError):
    """A paginated operation answered with a ``next_page_token`` it had already given.

    Following it would fetch the same pages again and again, so
    :meth:`ApiV2.iterate` stops with this error instead; it is v2's
    :class:`~circleci.error.PaginationLoopError`.

    :ivar operation_id: the operation being walked.
    :ivar token: the repeated token.
    """

    def __init__(self, operation_id: str, token: str) -> None:
        super().__init__(token, operation_id)
        self.operation_id = operation_id
        self.token = token

    def __str__(self) -> str:
        return f"{self.operation_id} sent the page token {self.token!r} a second time; iterate stopped to avoid a loop"
