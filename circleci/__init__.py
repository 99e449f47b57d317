"""A Python client for the CircleCI REST API (v1.1 and v2).

``from circleci.api import Api`` works as it did in circleci.py 1.2.2; the
v2 client is :class:`circleci.v2.ApiV2`, also reachable as ``Api(...).v2``.
"""

import logging
import warnings

from .error import CircleCIDeprecationWarning
from .version import VERSION

__version__ = VERSION
__all__ = ["__version__"]

logging.getLogger("circleci").addHandler(logging.NullHandler())
# CircleCI's deprecation notices concern endpoints being removed; show them
# once per endpoint even though Python hides DeprecationWarning by default.
warnings.filterwarnings("default", category=CircleCIDeprecationWarning)
