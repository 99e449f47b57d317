"""A Python client for the CircleCI REST API (v1.1, v2 and v3).

``from circleci.api import Api`` works as it did in circleci.py 1.2.2; the
v2 client is :class:`circleci.v2.ApiV2`, also reachable as ``Api(...).v2``,
and the v3 client (CircleCI Cloud only) :class:`circleci.v3.ApiV3`, also
reachable as ``Api(...).v3``.
"""

import logging
import sys
import warnings

from .error import CircleCIDeprecationWarning
from .version import VERSION

__version__ = VERSION
__all__ = ["__version__"]

logging.getLogger("circleci").addHandler(logging.NullHandler())


def _show_deprecations(warnoptions: list[str]) -> None:
    """Show CircleCI's deprecation notices (endpoints being removed) once per endpoint.

    Python hides ``DeprecationWarning`` outside ``__main__`` by default; these
    concern the user's script, so they are shown, unless the user chose
    warning options of their own (``-W``, ``PYTHONWARNINGS``).
    """
    if not warnoptions:
        warnings.filterwarnings("default", category=CircleCIDeprecationWarning)


_show_deprecations(sys.warnoptions)
