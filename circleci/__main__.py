"""``python -m circleci``: the same command line as ``circleci-py`` (see :mod:`circleci.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m circleci"))
