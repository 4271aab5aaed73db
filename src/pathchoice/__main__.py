"""The main job: ``python -m pathchoice`` ranks the embedded model and prints the result."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m pathchoice`` and the ``pathchoice`` command."""
    print("pathchoice: the main job is being built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
