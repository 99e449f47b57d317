"""``python -m circleci.testing``: run FakeCircleCI until Ctrl-C (or ``--timeout``).

It prints the URLs and the token to use, as shell ``export`` lines::

    python -m circleci.testing --port 8080
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Optional

from .server import DEFAULT_TOKEN, FakeCircleCI

__all__ = ["main"]


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(
        prog="python -m circleci.testing", description="Run an in-memory CircleCI server on 127.0.0.1."
    )
    parser.add_argument("--port", type=int, default=0, help="API port (default: a free one)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help=f"the token it accepts (default: {DEFAULT_TOKEN})")
    parser.add_argument("--speed", type=float, default=1.0, help="fake seconds per real second (default 1)")
    parser.add_argument("--timeout", type=float, default=None, help="stop after this many seconds")
    parser.add_argument("--once", action="store_true", help="start, print the settings and stop at once")
    return parser.parse_args(argv)


def serve(fake: FakeCircleCI, timeout: Optional[float], stop: threading.Event) -> None:
    """Print the settings and block until ``stop`` is set, ``timeout`` passes, or Ctrl-C."""
    print("FakeCircleCI is running. The demos are single files in demo/sdk/ of the circleci repository")
    print("(not part of the installed package); with this environment, run one as python build_singleton.py etc.:")
    print(f"  export CIRCLECI_API_URL={fake.url}")
    print(f"  export CIRCLE_TOKEN={fake.token}")
    print(f"In Python: Api({fake.token!r}, {fake.url!r}) (Api itself does not read CIRCLECI_API_URL)")
    print(f"API v2: {fake.url_v2}   API v3: {fake.url_v3}   artifacts: {fake.storage_url}")
    print("Projects: " + ", ".join(sorted(fake.state.projects)))
    print("Press Ctrl-C to stop.", flush=True)
    try:
        stop.wait(timeout)
    except KeyboardInterrupt:
        print("Stopping.")


def main(argv: Optional[list[str]] = None, *, stop: Optional[threading.Event] = None) -> int:
    """Run the server; return the exit status.

    :param argv: command-line arguments (``sys.argv[1:]`` when ``None``).
    :param stop: set it to stop the server from another thread.
    """
    args = parse_args(argv)
    with FakeCircleCI(realtime=True, speed=args.speed, token=args.token, port=args.port) as fake:
        serve(fake, 0 if args.once else args.timeout, stop or threading.Event())
    return 0


if __name__ == "__main__":
    sys.exit(main())
