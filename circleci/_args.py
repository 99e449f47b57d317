"""Checking arguments and turning them into URL path segments.

Everything a caller passes that ends up in a path goes through
:func:`segment`, which percent-encodes it as one segment (``/`` becomes
``%2F``) and refuses a bare ``.`` or ``..`` (requests would send ``%2E``
back as ``.``, and the server would resolve it), so no value can change
which endpoint a request reaches. A name must be a ``str`` (an ``int`` is
taken where a number is expected); bytes, lists and other objects are
refused rather than sent as their ``repr``. Checks raise
:class:`~circleci.error.InvalidArgumentError` before anything is sent.
"""

from __future__ import annotations

import os
import re
from typing import Any, Optional
from urllib.parse import quote, unquote, urlsplit

from .error import InvalidArgumentError

VCS_TYPES = frozenset({"github", "bitbucket", "gh", "bb"})


def required(value: Any, name: str = "value") -> Any:
    """Refuse ``None``, booleans and values that are empty as text; return the value.

    :param value: a name, number or identifier.
    :param name: what the value is, for the error message.
    """
    if value is None or isinstance(value, bool) or not str(value):
        raise InvalidArgumentError(value, f"{name} must be a non-empty string")
    return value


def method_name(method: Any) -> str:
    """The name a refusal gives a method: its ``__name__`` (``list_runs``), else its ``repr``."""
    return str(getattr(method, "__name__", repr(method)))


def walk_limit(limit: Any) -> Optional[int]:
    """Check the ``limit`` of an ``iterate``: ``None`` or an integer of 0 or more; return it.

    :raises InvalidArgumentError: for anything else (a ``bool``, a ``float``, a negative number).
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise InvalidArgumentError(limit, "limit must be an integer of 0 or more, or None")
    return limit


def segment(value: Any, name: str = "value") -> str:
    """Encode one path segment, refusing empty values and the dot segments ``.`` and ``..``.

    :param value: a name or identifier (``str``), or a number (``int``).
    :param name: what the value is, for the error message.
    :raises InvalidArgumentError: for anything else (bytes, a list, ``None``),
        an empty name, ``.``, ``..``, or text that has no UTF-8 form (a lone
        surrogate such as ``"\\udcff"``).
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidArgumentError(value, f"{name} must be a non-empty string")
    text = str(value)
    if text in ("", ".", ".."):
        raise InvalidArgumentError(value, f"{name} must be a non-empty string, and not '.' or '..'")
    try:
        return quote(text, safe="")
    except UnicodeEncodeError:
        raise InvalidArgumentError(value, f"{name} has a character that cannot be sent (a lone surrogate)") from None


def vcs(vcs_type: Any) -> str:
    """Check a v1.1 ``vcs_type`` and return it encoded."""
    if not isinstance(vcs_type, str) or vcs_type not in VCS_TYPES:
        raise InvalidArgumentError(vcs_type, "vcs_type must be one of 'github', 'bitbucket', 'gh' or 'bb'")
    return str(vcs_type)


def _whole_number(value: Any) -> Optional[int]:
    """The integer a numeric argument stands for, or ``None`` when it is not one.

    1.2.2 wrote numbers into URLs as text, so an ``int`` and a string of
    ASCII digits (``"5"``) reached CircleCI the same way; a boolean, a float
    or any other text did not, and is refused.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def build_number(value: Any) -> str:
    """Check a build number: a positive integer, or a string of digits."""
    number = _whole_number(value)
    if number is None or number < 1:
        raise InvalidArgumentError(value, "build_num must be a positive integer")
    return str(number)


def limit(value: Any) -> int:
    """Check a v1.1 page size: an integer from 1 to 100, or a string of its digits (``"5"``)."""
    number = _whole_number(value)
    if number is None or not 1 <= number <= 100:
        raise InvalidArgumentError(value, "limit must be an integer from 1 to 100")
    return number


def offset(value: Any) -> int:
    """Check a v1.1 offset: an integer of zero or more, or a string of its digits (``"10"``)."""
    number = _whole_number(value)
    if number is None or number < 0:
        raise InvalidArgumentError(value, "offset must be an integer of 0 or more")
    return number


def project_path(vcs_type: str, username: str, project: str, *rest: str) -> str:
    """The v1.1 path ``project/<vcs>/<username>/<project>[/rest...]``.

    Items of ``rest`` are joined as given: callers encode user values with
    :func:`segment` and pass fixed words as they are.
    """
    parts = ["project", vcs(vcs_type), segment(username, "username"), segment(project, "project")]
    return "/".join(parts + list(rest))


def query(**params: Optional[Any]) -> dict[str, Any]:
    """A query dict without the parameters that are ``None``."""
    return {key: value for key, value in params.items() if value is not None}


PROJECT_SLUG_PARTS = 3
"""A project slug has exactly three parts: ``gh/org/repo``, ``bb/org/repo``, ``circleci/<org-id>/<project-id>``."""


def slug(value: Any, name: str = "project_slug") -> str:
    """Encode a v2 slug such as ``gh/org/repo`` keeping its ``/`` separators.

    The slug rule: a ``project_slug`` has exactly three parts (``gh/org/repo``,
    ``bb/org/repo`` or the opaque ``circleci/<org-id>/<project-id>``); any
    other slug (an organization's, ``gh/org``, or an id) one or two. Each
    part is encoded like a :func:`segment`, so a part cannot be empty, ``.``
    or ``..``. So ``gh/org/repo/envvar/NAME`` is refused before anything is
    sent instead of reaching another endpoint.

    :raises InvalidArgumentError: for a slug that is not a ``str`` or has
        the wrong number of parts.
    """
    if not isinstance(value, str) or not value:
        raise InvalidArgumentError(value, f"{name} must be a non-empty string")
    parts = value.split("/")
    if name == "project_slug" and len(parts) != PROJECT_SLUG_PARTS:
        raise InvalidArgumentError(
            value,
            "project_slug must have exactly three parts: "
            "'gh/org/repo', 'bb/org/repo' or 'circleci/<org-id>/<project-id>'",
        )
    if name != "project_slug" and len(parts) > 2:
        raise InvalidArgumentError(value, f"{name} must be an id or have two parts, such as 'gh/org'")
    return "/".join(segment(part, name) for part in parts)


_DRIVE = re.compile(r"^[A-Za-z]:")


def artifact_filename(url: str) -> str:
    """A safe local file name for an artifact URL.

    The last segment of the URL's path, percent-decoded, reduced to a base
    name: ``..%2F..%2Fx`` gives ``x``, and a name that is empty, ``.`` or
    ``..`` gives ``artifact``. A name that would start with a Windows drive
    (``C:evil.exe``) gets ``_`` for its colon (``C_evil.exe``).

    :raises InvalidArgumentError: when the name holds a NUL character, which
        no file system accepts.
    """
    name = unquote(urlsplit(url).path).replace("\\", "/").rsplit("/", 1)[-1]
    if "\0" in name:
        raise InvalidArgumentError(name, "an artifact URL whose file name holds a NUL character cannot be saved")
    if _DRIVE.match(name):
        name = f"{name[0]}_{name[2:]}"
    return name if name not in ("", ".", "..") else "artifact"


def local_filename(filename: Any) -> str:
    """Check a file name given for a download: a relative path that stays inside the folder.

    A sub-folder is allowed (``logs/build.log``, the folder must exist), but
    not an absolute path, a drive (``C:evil.exe``), a ``..`` component, a
    NUL character, or a name that ends in ``/`` or ``.``: the file is always
    written inside ``destdir``.

    :param filename: the name the caller asked for (a string or a path object).
    """
    text: Any = os.fspath(filename) if isinstance(filename, (str, os.PathLike)) else None
    if not isinstance(text, str):
        raise InvalidArgumentError(filename, "filename must be a str or a path object naming text")
    parts = text.replace("\\", "/").split("/")
    if (
        os.path.isabs(text)
        or parts[0] == ""
        or ".." in parts
        or parts[-1] in ("", ".")
        or "\0" in text
        or _DRIVE.match(text)
    ):
        raise InvalidArgumentError(
            filename,
            "filename must name a file inside destdir: relative, without a drive, '..' or NUL, not ending in '/'",
        )
    return text
