"""Developer tasks for pathchoice, needing nothing but Python 3.10+ with venv and pip.

Usage::

    python3 tasks.py demo    # rank the embedded model (the main job)
    python3 tasks.py test    # run the test suite, doctests included
    python3 tasks.py lint    # ruff
    python3 tasks.py bench   # the benchmark scripts under benchmarks/
    python3 tasks.py docs    # build the documentation site into site/ (strict)

Each task creates ``.venv`` beside this file on first use and installs pathchoice
into it (editable, with the ``test``, ``bench`` and ``docs`` extras). The install is
redone only when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".pathchoice-install-stamp"


def _run(*args: str | os.PathLike[str]) -> None:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, check=False)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def ensure_env() -> None:
    """Create the virtual environment and install the project when needed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not PYTHON.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("installing pathchoice and its test dependencies", flush=True)
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    # --no-compile: not byte-compiling every installed module (numba, scipy, pandas,
    # matplotlib, ...) halves the install (58 s to 28 s here); Python compiles the modules
    # a run imports on first import, writing each .pyc atomically.
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--no-compile", "-e", ".[test,bench,docs]")
    STAMP.write_text(wanted)


def demo(args: list[str]) -> None:
    _run(PYTHON, "-m", "pathchoice", *args)


#: Options of ours that choose how pytest-xdist runs (or that it does not run).
_XDIST_CHOSEN = ("-n", "--numprocesses", "--dist", "--pdb", "no:xdist")


def test(args: list[str]) -> None:
    """The suite on every core: pytest-xdist, each test module on one worker.

    ``--dist loadscope`` keeps a module's tests together, so a module's expensive fixture
    (the docs site build, the browser, a rendered report) is built once, not once per
    worker. Any ``-n``, ``--dist``, ``--pdb`` or ``-p no:xdist`` given is used instead.
    """
    chosen = any(a.startswith(_XDIST_CHOSEN) for a in args)
    parallel = [] if chosen else ["-n", "auto", "--dist", "loadscope"]
    _run(PYTHON, "-m", "pytest", *parallel, *args)


def lint(args: list[str]) -> None:
    _run(PYTHON, "-m", "ruff", "check", "src", "tests", "examples", "benchmarks", "tasks.py", *args)
    _run(
        PYTHON,
        "-m",
        "ruff",
        "format",
        "--check",
        "src",
        "tests",
        "examples",
        "benchmarks",
        "tasks.py",
    )


def bench(args: list[str]) -> None:
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        _run(PYTHON, script, *args)


def docs(args: list[str]) -> None:
    _run(PYTHON, "-m", "mkdocs", "build", "--strict", "-d", "site", *args)
    print(f"built the documentation: open {ROOT / 'site' / 'index.html'}")


TASKS = {"demo": demo, "test": test, "lint": lint, "bench": bench, "docs": docs}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in TASKS:
        print(__doc__)
        sys.exit(2)
    ensure_env()
    TASKS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
