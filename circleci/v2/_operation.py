"""Marking each ApiV2 method with the spec operation it implements."""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class Operation(NamedTuple):
    """Where a method sits in CircleCI's v2 OpenAPI spec."""

    operation_id: str
    verb: str
    path: str
    paginated: bool = False


def operation(operation_id: str, verb: str, path: str, *, paginated: bool = False) -> Callable[[F], F]:
    """Record on a method the operation it implements, as ``method.operation``.

    The method itself is returned unchanged, so calls cost nothing extra; the
    record feeds the conformance tests and the operation table in the docs.

    :param operation_id: the spec's ``operationId``, e.g. ``"triggerPipeline"``.
    :param verb: the HTTP verb.
    :param path: the spec's path template, e.g. ``"/project/{project-slug}/pipeline"``.
    :param paginated: whether the operation answers with ``next_page_token``.
    """

    def mark(method: F) -> F:
        method.operation = Operation(operation_id, verb, path, paginated)  # type: ignore[attr-defined]
        return method

    return mark
