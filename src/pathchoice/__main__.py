"""``python -m pathchoice``: the command line of :mod:`pathchoice.study.cli`.

With no arguments it does the main job: the criteria weights of the embedded
China–Japan model with their consistency, then the TOPSIS ranking of its paths.
``python -m pathchoice --help`` lists the commands.
"""

from __future__ import annotations

import sys

from .study.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
