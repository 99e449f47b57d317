"""Runnable examples of this package: ``python -m demo.sdk.<name> --help``."""
