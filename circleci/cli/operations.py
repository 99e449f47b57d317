"""One command per API operation, generated from the clients' own methods.

Each client in :data:`CLIENTS` becomes a command group (``v1``, ``v2``, ...)
and each of its public methods a command named after it (``get_build_info``
gives ``get-build-info``). The arguments come from the method's signature,
by parameter name, kind and default (never from annotations):

* a parameter without a default that can be passed by position is a
  positional argument (``circleci-py v1 get-build-info org repo 5``);
* every other parameter is an option named after it (``--branch main``);
  keyword-only parameters without a default are required options;
* a paginated operation (its ``@operation`` record says so) gets ``--all``,
  which walks every page with the client's ``iterate`` and prints one JSON
  list, and ``--max-items N``.

Positional values are passed as text. Option values are read as JSON when
they parse (``3``, ``true``, ``{"deploy": true}``) and as text otherwise,
except that an option whose default is text always stays text; write
``'"123"'`` to pass a number-like text to the others. Arguments that a job's
``CIRCLE_*`` variables give (see :data:`circleci.environment.JOB_VARIABLES`)
may be left out inside a job.

Adding a client is one entry in :data:`CLIENTS`.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .._client import BaseClient
from ..api import Api
from ..environment import job_value
from ..v2 import ApiV2
from ..v3 import ApiV3
from . import Session, UsageError, common_options

__all__ = [
    "ClientCommands",
    "CLIENTS",
    "add_operation_groups",
    "add_operation_command",
    "call_arguments",
    "check_slug",
    "is_paginated",
    "is_positional",
    "methods",
    "option_value",
    "parameters",
]


@dataclass(frozen=True)
class ClientCommands:
    """A client class exposed as a command group.

    :ivar name: the group's name on the command line, e.g. ``"v2"``.
    :ivar cls: the client class whose public methods become commands.
    :ivar client: gets the client instance from the session's
        :class:`~circleci.api.Api` (``lambda api: api.v2``).
    :ivar help: one line for ``--help``.
    :ivar exclude: public methods that are not API operations.
    """

    name: str
    cls: type[BaseClient]
    client: Callable[[Api], Any]
    help: str
    exclude: frozenset[str] = field(default_factory=frozenset)


CLIENTS: list[ClientCommands] = [
    ClientCommands("v1", Api, lambda api: api, "API v1.1 (circleci.api.Api): builds, artifacts, env vars, keys"),
    ClientCommands(
        "v2",
        ApiV2,
        lambda api: api.v2,
        "API v2 (circleci.v2.ApiV2): pipelines, workflows, jobs, contexts, insights, ...",
        frozenset({"iterate"}),
    ),
    ClientCommands(
        "v3",
        ApiV3,
        lambda api: api.v3,
        "API v3 (circleci.v3.ApiV3, Cloud only): runs, workflows, jobs and their output, projects and more",
        frozenset({"iterate", "request"}),
    ),
]
"""The command groups, one per client class."""

_RESERVED = frozenset({"url", "quiet", "all", "max_items", "help", "version"})
"""Option names the command line uses itself; a parameter of that name gets ``--param-<name>``."""


def methods(entry: ClientCommands) -> list[tuple[str, Callable[..., Any]]]:
    """The public methods of ``entry.cls`` that are API operations, by name.

    When some methods carry an ``@operation`` record (API v2 and later), the
    operations are those methods; otherwise (API v1.1) they are every public
    method. Methods of :class:`~circleci._client.BaseClient` (``close``,
    ``download_artifact``), properties and ``entry.exclude`` are left out.
    """
    base = set(dir(BaseClient))
    found: list[tuple[str, Callable[..., Any]]] = []
    for name in sorted(dir(entry.cls)):
        if name.startswith("_") or name in base or name in entry.exclude:
            continue
        attribute = inspect.getattr_static(entry.cls, name)
        if inspect.isfunction(attribute):
            found.append((name, attribute))
    recorded = [(name, method) for name, method in found if _record(method) is not None]
    return recorded or found


def parameters(method: Callable[..., Any]) -> list[inspect.Parameter]:
    """The parameters of an unbound method, without ``self``, ``*args`` and ``**kwargs``."""
    found = list(inspect.signature(method).parameters.values())[1:]
    return [p for p in found if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)]


def is_positional(parameter: inspect.Parameter) -> bool:
    """Whether a parameter becomes a positional argument: no default, and passable by position."""
    return parameter.default is inspect.Parameter.empty and parameter.kind in (
        inspect.Parameter.POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
    )


def _plain(text: str) -> str:
    """Docstring reST made readable in a terminal: roles and literals reduced to their text."""
    text = re.sub(r":[\w:]+:`~?([^`<]*?)(?:\s*<[^>]*>)?`", lambda m: m.group(1).rsplit(".", 1)[-1], text)
    text = text.replace("``", "")
    return " ".join(text.split())


def _docs(method: Callable[..., Any]) -> tuple[str, dict[str, str]]:
    """A method's summary line and its ``:param name:`` texts."""
    doc = inspect.getdoc(method) or ""
    summary = _plain(doc.split("\n\n", 1)[0])
    params = {
        name: _plain(text) for name, text in re.findall(r":param (\w+):(.*?)(?=\n\s*:\w|\n\s*\n|\Z)", doc, re.DOTALL)
    }
    return summary, params


def _description(summary: str, method: Callable[..., Any]) -> str:
    """The command's ``--help`` description: the summary and the endpoint."""
    record = _record(method)
    verb, path = getattr(record, "verb", None), getattr(record, "path", None)
    if verb and path:
        operation_id = getattr(record, "operation_id", None)
        summary += f"\n\nEndpoint: {verb} {path}" + (f" (operationId {operation_id})" if operation_id else "")
    return summary


def is_paginated(method: Callable[..., Any]) -> bool:
    """Whether the method's ``@operation`` record marks it as paginated."""
    return bool(getattr(_record(method), "paginated", False))


def _record(method: Callable[..., Any]) -> Any:
    """The operation record a v2 or v3 method carries (``method.operation``), or ``None``."""
    return getattr(method, "operation", None)


def option_value(text: str, default: Any) -> Any:
    """An option's value: text when its default is text, else JSON when it parses, else text."""
    if isinstance(default, str):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def check_slug(name: str, value: str) -> str:
    """Refuse a slug that cannot be one (a URL, empty parts), naming it as given."""
    if "://" in value:
        raise UsageError(
            f"{name} {value!r} looks like a URL: give the project as vcs/org/repo (e.g. gh/your-org/your-repo), "
            "or circleci/<org-id>/<project-id> for GitHub App and GitLab projects"
        )
    if "" in value.split("/"):
        raise UsageError(f"{name} {value!r} has an empty part: give it as vcs/org/repo (e.g. gh/your-org/your-repo)")
    return value


def _dest(name: str) -> str:
    return f"param_{name}"


def add_operation_command(
    group: Any, entry: ClientCommands, name: str, method: Callable[..., Any]
) -> argparse.ArgumentParser:
    """Add the command of one method to a group's sub-parsers and return its parser."""
    summary, param_help = _docs(method)
    parser: argparse.ArgumentParser = group.add_parser(
        name.replace("_", "-"),
        help=summary,
        description=_description(summary, method),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for parameter in parameters(method):
        text = param_help.get(parameter.name, "")
        if is_positional(parameter):
            from_job = job_value(parameter.name)
            parser.add_argument(
                _dest(parameter.name),
                metavar=parameter.name.upper(),
                nargs="?" if from_job else None,
                default=from_job,
                help=f"{text} (default from this job: {from_job})" if from_job else text,
            )
        else:
            flag = f"--param-{parameter.name}" if parameter.name in _RESERVED else f"--{parameter.name}"
            required = parameter.default is inspect.Parameter.empty
            parser.add_argument(
                flag.replace("_", "-"),
                dest=_dest(parameter.name),
                metavar="VALUE",
                required=required,
                default=argparse.SUPPRESS,
                help=text if required or parameter.default is None else f"{text} (default: {parameter.default!r})",
            )
    if is_paginated(method):
        parser.add_argument("--all", action="store_true", help="walk every page and print one JSON list of the items")
        parser.add_argument("--max-items", type=int, default=None, metavar="N", help="with --all, stop after N items")
    common_options(parser, top=False)
    parser.set_defaults(run=_runner(entry, name))
    return parser


def call_arguments(method: Callable[..., Any], args: argparse.Namespace) -> tuple[list[Any], dict[str, Any]]:
    """The positional and keyword arguments for ``method`` from the parsed command line."""
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    for parameter in parameters(method):
        dest = _dest(parameter.name)
        if not hasattr(args, dest):
            continue
        value = getattr(args, dest)
        if is_positional(parameter):
            positional.append(check_slug(parameter.name, value) if parameter.name.endswith("slug") else value)
        else:
            value = option_value(value, parameter.default)
            if parameter.name.endswith("slug") and isinstance(value, str):
                check_slug(parameter.name, value)
            keywords[parameter.name] = value
    return positional, keywords


def _runner(entry: ClientCommands, name: str) -> Callable[[argparse.Namespace, Session], Any]:
    """What running the command of ``entry``'s method ``name`` does."""

    def run(args: argparse.Namespace, session: Session) -> Any:
        client = entry.client(session.api)
        method = getattr(client, name)
        positional, keywords = call_arguments(inspect.getattr_static(entry.cls, name), args)
        if getattr(args, "all", False):
            return list(client.iterate(method, *positional, limit=args.max_items, **keywords))
        return method(*positional, **keywords)

    return run


def add_operation_groups(commands: Any) -> None:
    """Add a command group per entry of :data:`CLIENTS`, with a command per operation."""
    for entry in CLIENTS:
        parser = commands.add_parser(
            entry.name,
            help=entry.help,
            description=f"{entry.help.rstrip('.')}. One command per operation; see OPERATION --help.",
        )
        group = parser.add_subparsers(title="operations", metavar="OPERATION", dest="operation", required=True)
        for name, method in methods(entry):
            add_operation_command(group, entry, name, method)
