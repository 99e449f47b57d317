"""Version information for the ``circleci`` package.

.. versionadded:: 1.2.0
"""

VERSION = "1.3.0"
"""The release of this package, as a ``MAJOR.MINOR.PATCH`` string."""


def get_short_version() -> str:
    """Return the release as ``MAJOR.MINOR``.

    :rtype: str
    :returns: the first two parts of :data:`VERSION`, e.g. ``"1.3"``.
    """
    return ".".join(VERSION.split(".")[:2])
