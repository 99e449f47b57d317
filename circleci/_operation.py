"""Operation records: each endpoint's verb and path template, written once, for every API version.

A client method is marked with the record of the endpoint it implements and
sends its request through that record::

    @operation("getPipelineById", "GET", "/pipeline/{pipeline-id}")
    def get_pipeline_by_id(self, pipeline_id: str) -> Pipeline:
        return self._call(self.get_pipeline_by_id, pipeline_id)

The decorator leaves the method unchanged; it puts the :class:`Operation` on
it (``method.operation``, and under any other names the API version keeps,
such as v3's ``method.endpoint``) and in the version's registry.
:meth:`OperationClient._call` reads the record back from the method and
builds the request path from its template with :meth:`Operation.expand`, so
the path exists only in the record; the docs read their ``Endpoint:`` line
from it too.

Each API version makes its decorator with :func:`marker` (its registry, its
record class) and its client base from :class:`OperationClient`. API v2 uses
:class:`Operation` as it is; API v3's :class:`~circleci.v3._endpoint.Endpoint`
extends it with v3's paging facts.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import CodeType, FrameType
from typing import Any, Callable, ClassVar, Optional, TypeVar, cast, overload

from ._args import build_number, required, segment, slug
from ._client import BaseClient
from .error import InvalidArgumentError

if sys.version_info >= (3, 10):
    from typing import ParamSpec
else:  # pragma: no cover - typing_extensions is a dependency on Python < 3.11
    from typing_extensions import ParamSpec

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R", bound="Operation")
T = TypeVar("T")
P = ParamSpec("P")

#: A ``{name}`` placeholder of a path template; names may be v2's ``{job-id}`` or v3's ``{job_id}``.
PLACEHOLDER = re.compile(r"{([^}]+)}")

#: Placeholders whose value is a slug such as ``gh/org/repo``: each part is encoded, the ``/`` kept.
SLUG_PLACEHOLDERS = frozenset({"project-slug", "org-slug", "org-slug-or-id"})

#: Placeholders holding a job number, checked like a v1.1 build number (a positive integer) before sending.
NUMBER_PLACEHOLDERS = frozenset({"job-number"})


def argument_name(placeholder: str) -> str:
    """The Python argument a placeholder comes from: ``project-slug`` -> ``project_slug``, ``job_id`` -> ``job_id``."""
    return re.sub(r"[^0-9a-zA-Z]+", "_", placeholder).lower()


def filler(placeholder: str) -> Callable[[Any], str]:
    """The function that encodes a placeholder's values for the path (see :func:`fill`).

    A record makes one per placeholder when it is created, so a call does not
    work out again which kind of value each placeholder holds.
    """
    name = argument_name(placeholder)
    if placeholder in SLUG_PLACEHOLDERS:
        return lambda value: slug(value, name)
    if placeholder in NUMBER_PLACEHOLDERS:

        def number(value: Any) -> str:
            try:
                return build_number(value)
            except InvalidArgumentError:
                raise InvalidArgumentError(value, f"{name} must be a positive integer") from None

        return number
    return lambda value: segment(value, name)


def fill(placeholder: str, value: Any) -> str:
    """One placeholder's value, encoded for the path.

    Slugs keep their ``/`` (each part encoded), job numbers must be positive
    integers, and anything else becomes one percent-encoded segment, so no
    value can change which endpoint a request reaches. v2's ``{job-id}`` and
    v3's ``{job_id}`` spellings are both understood.

    :param placeholder: the placeholder's name, without its braces.
    :param value: the value to put in its place.
    :raises InvalidArgumentError: for a missing or empty value, ``.`` or
        ``..``, or a job number that is not a positive integer.
    :returns: the encoded text.
    """
    return filler(placeholder)(value)


@dataclass(frozen=True)
class Operation:
    """Where a method sits in an API's spec: its operationId, verb and path template.

    Records compare equal when their fields are equal.

    :ivar operation_id: the spec's ``operationId``, e.g. ``"getPipelineById"``;
        empty for an API whose spec gives none (v3).
    :ivar verb: the HTTP verb.
    :ivar path: the spec's path template, e.g. ``"/pipeline/{pipeline-id}"``.
    :ivar paginated: whether the operation answers pages.
    """

    operation_id: str
    verb: str
    path: str
    paginated: bool = False
    #: The literal pieces of the path below :attr:`root`, between the placeholders (one more than them).
    _pieces: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: The placeholder names, in order.
    _names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: Each placeholder's :func:`filler`, in order.
    _fills: tuple[Callable[[Any], str], ...] = field(init=False, repr=False, compare=False)

    #: The part of every path that the client's base URL already holds.
    root: ClassVar[str] = "/"

    def __post_init__(self) -> None:
        relative = self.path[len(self.root) :] if self.path.startswith(self.root) else self.path.lstrip("/")
        split = PLACEHOLDER.split(relative)
        object.__setattr__(self, "_pieces", tuple(split[0::2]))
        object.__setattr__(self, "_names", tuple(split[1::2]))
        object.__setattr__(self, "_fills", tuple(filler(name) for name in self._names))

    @property
    def key(self) -> str:
        """What the record is known by in its registry and in messages: the operationId, else ``"VERB /path"``."""
        return self.operation_id or f"{self.verb} {self.path}"

    def placeholders(self) -> list[str]:
        """The ``{name}`` placeholders of the path, in order."""
        return list(self._names)

    def expand(self, *values: Any) -> str:
        """The path below the API's base URL, with the placeholders filled in order (see :func:`fill`).

        ``Operation("x", "GET", "/project/{project-slug}/job/{job-number}").expand("gh/o/r", 7)``
        gives ``"project/gh/o/r/job/7"``.

        :raises TypeError: when the number of values differs from the placeholders'.
        :raises InvalidArgumentError: for a value :func:`fill` refuses.
        """
        fills = self._fills
        if len(values) != len(fills):
            raise TypeError(f"{self.key} takes {len(fills)} path value(s), got {len(values)}")
        pieces = self._pieces
        if not fills:
            return pieces[0]
        text = [pieces[0]]
        for index, encode in enumerate(fills):
            text.append(encode(values[index]))
            text.append(pieces[index + 1])
        return "".join(text)


_BY_CODE: dict[CodeType, Operation] = {}
"""Every marked method's record by the method's code object (see :meth:`OperationClient._call`)."""


def caller_record() -> Operation:
    """The record of the nearest marked method up the call stack.

    A method hands itself to the funnel (``self._call(self.get_job, ...)``);
    when the method was replaced on the instance or the class (a mock with
    ``wraps=``, a wrapper that calls the original), what the funnel receives
    carries no record, and the record is found from the code of the marked
    method that is running (itself, or through a helper of its own).

    :raises InvalidArgumentError: when no marked method is running.
    """
    frame: Optional[FrameType] = sys._getframe(2)
    while frame is not None:
        found = _BY_CODE.get(frame.f_code)
        if found is not None:
            return found
        frame = frame.f_back
    raise InvalidArgumentError(None, "an operation's request must be sent from its method")


@overload
def marker(registry: dict[str, Operation]) -> Callable[..., Callable[[F], F]]: ...


@overload
def marker(registry: dict[str, R], record: Callable[P, R], *, also: str = ...) -> Callable[P, Callable[[F], F]]: ...


def marker(registry: dict[str, Any], record: Callable[..., Any] = Operation, *, also: str = "") -> Callable[..., Any]:
    """Make an API version's decorator: it builds a record, fills ``registry`` and marks the method.

    ``operation = marker(OPERATIONS)`` gives v2's
    ``operation(operation_id, verb, path, paginated=False)``; v3 passes its
    own record builder (same parameters as the builder) and ``also="endpoint"``.

    :param registry: each record by its :attr:`~Operation.key`, filled as methods are decorated.
    :param record: what builds a record from the decorator's arguments.
    :param also: another attribute name the record is put under, besides ``operation``.
    :returns: the decorator factory.
    """

    def decorator(*args: Any, **kwargs: Any) -> Callable[[F], F]:
        """Record on a method the operation it implements, as ``method.operation``.

        The method itself is returned unchanged, so calls cost nothing extra;
        the record gives the request its verb and path, and feeds the
        conformance tests, the command line and the docs.
        """
        made = record(*args, **kwargs)
        if registry.get(made.key, made) != made:
            raise ValueError(f"operation {made.key} is recorded twice with different paths")
        registry[made.key] = made

        def mark(method: F) -> F:
            _BY_CODE[method.__code__] = made
            method.operation = made  # type: ignore[attr-defined]
            if also:
                setattr(method, also, made)
            return method

        return mark

    return decorator


class OperationClient(BaseClient):
    """A client whose methods send their requests through their operation record.

    Subclasses may set :attr:`_required_fields` (operationId -> the body
    fields the spec requires, each with whether it is text) and extend
    :meth:`_check` with their API's own checks.
    """

    _required_fields: ClassVar[Mapping[str, tuple[tuple[str, bool], ...]]] = {}
    _nested_required: ClassVar[Mapping[str, tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]]] = {}

    def _call(
        self,
        method: Callable[..., T],
        *path: Any,
        params: Optional[dict[str, Any]] = None,
        body: Any = None,
    ) -> T:
        """Send the request of an operation method and return the decoded JSON.

        :param method: the method sending, e.g. ``self.get_pipeline_by_id``;
            its record gives the verb and the path template.
        :param path: the values of the path's placeholders, in order.
        :param params: query parameters by wire name; ``None`` values are left out.
        :param body: the JSON body.
        :raises InvalidArgumentError: for a bad path value, or what
            :meth:`_check` refuses, before anything is sent.
        :returns: the decoded JSON, or ``None`` for an empty body.
        """
        record = getattr(method, "operation", None)
        if not isinstance(record, Operation):
            record = caller_record()
        if params:
            params = {name: value for name, value in params.items() if value is not None} or None
        self._check(record, params, body)
        return cast(T, self._request(record.verb, record.expand(*path), body, params=params or None))

    def _check(self, record: Operation, params: Optional[dict[str, Any]], body: Any) -> None:
        """Refuse a request before it is sent: every body field the spec requires must be there.

        A required field must be present and not ``None``; a text one must not
        be empty either. An object given inside the body must hold the fields
        the spec requires of it (one of the sets, where the spec gives a
        choice: a context's ``owner`` has an ``id`` or a ``slug``).

        :raises InvalidArgumentError: for a missing required field.
        """
        for name, text in self._required_fields.get(record.operation_id, ()):
            value = body.get(name) if isinstance(body, dict) else None
            if text:
                required(value, argument_name(name))
            elif value is None:
                raise InvalidArgumentError(value, f"{argument_name(name)} is required")
        for path, choices in self._nested_required.get(record.operation_id, ()):
            found: Any = body
            for key in path:
                found = found.get(key) if isinstance(found, dict) else None
            if isinstance(found, dict) and not any(all(found.get(key) is not None for key in keys) for keys in choices):
                where = argument_name(path[0]) + "".join(f"[{key!r}]" for key in path[1:])
                needs = " or ".join(" and ".join(repr(key) for key in keys) for keys in choices)
                raise InvalidArgumentError(found, f"{where} must have {needs}")
