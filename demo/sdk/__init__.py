"""Examples of :class:`circleci.sdk.SDK`, meant to run inside CircleCI jobs."""
