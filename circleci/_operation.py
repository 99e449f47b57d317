"""Operation records: each endpoint's verb and path template, written once.

A client method is marked with the operation it implements::

    @operation("getPipelineById", "GET", "/pipeline/{pipeline-id}")
    def get_pipeline_by_id(self, pipeline_id: str) -> Pipeline:
        return self._call("getPipelineById", pipeline_id)

The decorator leaves the method unchanged; it puts the :class:`Operation` on
it (``method.operation``) and in the API's registry. :meth:`OperationClient._call`
reads the record back by its id and builds the request path from its template
with :meth:`Operation.expand`, so the path exists only in the record; the docs
read their ``Endpoint:`` line from it too. A future API version gets its own
registry from :func:`marker` and its own :class:`OperationClient` subclass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Callable, ClassVar, NamedTuple, Optional, TypeVar

from ._args import build_number, required, segment, slug
from ._client import BaseClient
from .error import InvalidArgumentError

F = TypeVar("F", bound=Callable[..., Any])

PLACEHOLDER = re.compile(r"{([^}]+)}")

#: Placeholders whose value is a slug such as ``gh/org/repo``: each part is encoded, the ``/`` kept.
SLUG_PLACEHOLDERS = frozenset({"project-slug", "org-slug", "org-slug-or-id"})

#: Placeholders holding a job number, checked like a v1.1 build number (a positive integer) before sending.
NUMBER_PLACEHOLDERS = frozenset({"job-number"})


def argument_name(placeholder: str) -> str:
    """The Python argument a placeholder comes from: ``project-slug`` -> ``project_slug``."""
    return re.sub(r"[^0-9a-zA-Z]+", "_", placeholder).lower()


def fill(placeholder: str, value: Any) -> str:
    """One placeholder's value, encoded for the path.

    Slugs keep their ``/`` (each part encoded), job numbers must be positive
    integers, and anything else becomes one percent-encoded segment, so no
    value can change which endpoint a request reaches.

    :raises InvalidArgumentError: for an empty value, ``.`` or ``..``, or a
        job number that is not a positive integer.
    """
    name = argument_name(placeholder)
    if placeholder in SLUG_PLACEHOLDERS:
        return slug(value, name)
    if placeholder in NUMBER_PLACEHOLDERS:
        try:
            return build_number(value)
        except InvalidArgumentError:
            raise InvalidArgumentError(value, f"{name} must be a positive integer") from None
    return segment(value, name)


class Operation(NamedTuple):
    """Where a method sits in an API's spec: its operationId, verb and path template."""

    operation_id: str
    verb: str
    path: str
    paginated: bool = False

    def placeholders(self) -> list[str]:
        """The ``{name}`` placeholders of the path, in order."""
        return PLACEHOLDER.findall(self.path)

    def expand(self, *values: Any) -> str:
        """The path below the API's base URL, with the placeholders filled in order (see :func:`fill`).

        ``Operation("x", "GET", "/project/{project-slug}/job/{job-number}").expand("gh/o/r", 7)``
        gives ``"project/gh/o/r/job/7"``.

        :raises TypeError: when the number of values differs from the placeholders'.
        """
        names = self.placeholders()
        if len(values) != len(names):
            raise TypeError(f"{self.operation_id} takes {len(names)} path value(s), got {len(values)}")
        filled = iter([fill(name, value) for name, value in zip(names, values)])
        return PLACEHOLDER.sub(lambda _: next(filled), self.path).lstrip("/")


def marker(registry: dict[str, Operation]) -> Callable[..., Callable[[F], F]]:
    """A decorator factory, ``operation(operation_id, verb, path, *, paginated=False)``, filling ``registry``."""

    def operation(operation_id: str, verb: str, path: str, *, paginated: bool = False) -> Callable[[F], F]:
        """Record on a method the operation it implements, as ``method.operation``.

        The method itself is returned unchanged, so calls cost nothing extra;
        the record gives the request its verb and path, and feeds the
        conformance tests and the docs.

        :param operation_id: the spec's ``operationId``, e.g. ``"triggerPipeline"``.
        :param verb: the HTTP verb.
        :param path: the spec's path template, e.g. ``"/project/{project-slug}/pipeline"``.
        :param paginated: whether the operation answers with ``next_page_token``.
        """
        record = Operation(operation_id, verb, path, paginated)
        if registry.get(operation_id, record) != record:
            raise ValueError(f"operation {operation_id} is recorded twice with different paths")
        registry[operation_id] = record

        def mark(method: F) -> F:
            method.operation = record  # type: ignore[attr-defined]
            return method

        return mark

    return operation


class OperationClient(BaseClient):
    """A client whose methods send their requests through their operation record.

    Subclasses set :attr:`_operations` (the registry their marker fills) and
    :attr:`_required_fields` (operationId -> the body fields the spec
    requires, each with whether it is text).
    """

    _operations: ClassVar[Mapping[str, Operation]] = {}
    _required_fields: ClassVar[Mapping[str, tuple[tuple[str, bool], ...]]] = {}

    def _call(self, operation_id: str, *path: Any, params: Optional[dict[str, Any]] = None, body: Any = None) -> Any:
        """Send the request of an operation and return the decoded JSON.

        :param operation_id: the operation, as recorded with its marker.
        :param path: the values of the path's placeholders, in order.
        :param params: query parameters; ``None`` values are left out.
        :param body: the JSON body. Every field the spec requires must be
            present and not ``None`` (text fields not empty either), checked
            before anything is sent.
        :raises InvalidArgumentError: for a bad path value or a missing
            required body field.
        """
        record = self._operations[operation_id]
        for field, text in self._required_fields.get(operation_id, ()):
            value = body.get(field) if isinstance(body, dict) else None
            name = argument_name(field)
            if text:
                required(value, name)
            elif value is None:
                raise InvalidArgumentError(value, f"{name} is required")
        return self._request(record.verb, record.expand(*path), body, params=params)
