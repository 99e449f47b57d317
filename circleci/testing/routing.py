"""Requests, replies and the routing table of the fake server.

A route is a verb, a path template and a handler. Templates name their
parameters in braces: ``{name}`` is one path segment, ``{name:int}`` a
number, ``{name:slug}`` a three-part project slug such as ``gh/org/repo``,
``{name:org}`` an organization slug (``gh/org``) or id, and ``{name:path}``
the rest of the path.
Parameters reach the handler percent-decoded.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import unquote

from .state import State

__all__ = ["Call", "HttpError", "Reply", "Route", "Router", "page"]

_PARAMETER = re.compile(r"\{([\w-]+)(?::(\w+))?\}")
_KINDS = {
    None: r"[^/]+",
    "int": r"[0-9]+",
    "slug": r"[^/]+/[^/]+/[^/]+",
    "org": r"[^/]+(?:/[^/]+)?",
    "path": r".+",
}
_SPEC_KINDS = {"project-slug": "slug", "org-slug": "org", "org-slug-or-id": "org"}


class HttpError(Exception):
    """Stop handling a request and answer ``{"message": ...}`` with a status.

    :param status: the HTTP status.
    :param message: the message of the JSON body.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Reply:
    """What the server answers: a status, a body and headers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data: Any, status: int = 200, headers: Optional[dict[str, str]] = None) -> Reply:
        """A JSON reply, with extra ``headers`` if given."""
        return cls(status, json.dumps(data).encode(), {"Content-Type": "application/json", **(headers or {})})

    @classmethod
    def message(cls, text: str, status: int = 200) -> Reply:
        """CircleCI's ``{"message": ...}`` reply."""
        return cls.json({"message": text}, status)


@dataclass
class Call:
    """One request to a route, as its handler sees it.

    :ivar state: the server's state (its lock is held).
    :ivar params: the path parameters, decoded.
    :ivar query: the query parameters (the last value of each).
    :ivar body: the decoded JSON body, or ``None``.
    :ivar root: the server's base URL, ``http://127.0.0.1:<port>``.
    """

    state: State
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    root: str

    def field(self, name: str, default: Any = None) -> Any:
        """A field of the JSON body, or ``default``."""
        return self.body.get(name, default) if isinstance(self.body, dict) else default


Handler = Callable[[Call], Reply]


@dataclass
class Route:
    """A verb and path template answered by a handler.

    :ivar name: what fault injection calls the route: the v2 ``operationId``,
        or the :class:`~circleci.api.Api` method name for v1.1.
    """

    verb: str
    template: str
    handler: Handler
    name: str
    pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.pattern = compile_template(self.template)

    def match(self, verb: str, path: str) -> Optional[dict[str, str]]:
        """The decoded parameters when the request is for this route, else ``None``."""
        found = self.pattern.fullmatch(path) if verb == self.verb else None
        return {name: unquote(value) for name, value in found.groupdict().items()} if found else None


def compile_template(template: str) -> re.Pattern[str]:
    """The regular expression of a path template (spec templates such as ``{project-slug}`` work too)."""

    def parameter(found: re.Match[str]) -> str:
        name, kind = found.group(1), found.group(2)
        if kind is None:
            kind = _SPEC_KINDS.get(name)
        return f"(?P<{name.replace('-', '_')}>{_KINDS[kind]})"

    pieces, position = [], 0
    for found in _PARAMETER.finditer(template):
        pieces += [re.escape(template[position : found.start()]), parameter(found)]
        position = found.end()
    pieces.append(re.escape(template[position:]))
    return re.compile("".join(pieces))


class Router:
    """A routing table: the first route whose verb and template match wins.

    :param routes: the routes, most specific first.
    """

    def __init__(self, routes: list[Route]) -> None:
        self.routes = routes

    def match(self, verb: str, path: str) -> tuple[Optional[Route], dict[str, str]]:
        """The route for a request and its parameters, or ``(None, {})``."""
        for route in self.routes:
            params = route.match(verb, path)
            if params is not None:
                return route, params
        return None, {}

    def names(self) -> list[str]:
        """The names of every route."""
        return [route.name for route in self.routes]


def page(items: list[Any], page_token: Optional[str], size: int) -> dict[str, Any]:
    """One page of a v2 list: ``{"items": [...], "next_page_token": ...}``.

    :param items: the whole list.
    :param page_token: the ``page-token`` the client sent, if any.
    :param size: items per page.
    :raises HttpError: 400 for a token this server did not issue.
    """
    start = _offset(page_token) if page_token else 0
    end = start + size
    following = base64.urlsafe_b64encode(f"offset:{end}".encode()).decode() if end < len(items) else None
    return {"items": items[start:end], "next_page_token": following}


def _offset(token: str) -> int:
    try:
        kind, _, offset = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if kind == "offset" and offset.isdigit():
            return int(offset)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise HttpError(400, "Invalid page-token")
