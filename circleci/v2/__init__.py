"""CircleCI API v2: :class:`ApiV2` and the :func:`project_slug` helper."""

from .client import DEFAULT_URL, ApiV2, PageTokenRepeated, project_slug

__all__ = ["ApiV2", "DEFAULT_URL", "PageTokenRepeated", "project_slug"]
