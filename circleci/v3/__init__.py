"""CircleCI's API v3: :class:`ApiV3`, its typed answers and its errors."""

from .client import DEFAULT_URL, ApiV3
from .errors import LookupNotFound, RepeatedCursorError
from .output import DEFAULT_MAX_BYTES, StepOutput

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_URL", "ApiV3", "LookupNotFound", "RepeatedCursorError", "StepOutput"]
