"""``make demo``: run the demos."""

from __future__ import annotations

import sys

from demo.sdk import build_singleton


def main() -> int:
    return build_singleton.main([])


if __name__ == "__main__":
    sys.exit(main())
