"""Shared test configuration: hypothesis profiles, and one numba cache per xdist worker.

``ci`` (the default) is derandomised with a bounded number of examples so a
landing never depends on luck; ``dev`` searches much more widely. Choose with
the ``HYPOTHESIS_PROFILE`` environment variable.
"""

import hashlib
import os
import shutil
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent


def _numba_cache_per_worker() -> None:
    """Give each pytest-xdist worker, and the processes it starts, a numba cache of its own.

    ``python3 tasks.py test`` runs the suite on every core (``pytest -n auto``). numba
    writes each cache file atomically (temporary file, then rename), but adding a compiled
    signature reads the function's index, picks the first free data-file number and rewrites
    the index, with no lock: two workers adding different signatures of one kernel at the
    same moment (``draw_lanes`` has four) can leave an index entry naming the other's machine
    code, which the next process to load it would run. So each worker gets its own
    ``NUMBA_CACHE_DIR`` (set before numba is imported), inherited by the examples, the CLI,
    the docs build and the notebook kernel it starts; nothing writes a cache directory that
    another process writes at the same time. The directory is named by a hash of the
    kernels' sources (``src/pathchoice/_core``): a kernel compiles functions of other
    modules into itself (``gamma``, ``stream``, ``lane_draws``), which numba's own staleness
    check, by the defining file alone, misses; older directories are removed. A
    ``NUMBA_CACHE_DIR`` of one's own is kept, with a folder per worker in it (and nothing
    removed). A run without xdist keeps numba's cache in ``__pycache__``.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return
    own = os.environ.get("NUMBA_CACHE_DIR")
    if own:
        os.environ["NUMBA_CACHE_DIR"] = str(Path(own) / f"xdist-{worker}")
        return
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "pathchoice" / "_core").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    base = ROOT / ".numba-cache"
    key = digest.hexdigest()[:16]
    for old in base.glob("*"):
        if old.name != key:
            shutil.rmtree(old, ignore_errors=True)
    os.environ["NUMBA_CACHE_DIR"] = str(base / key / worker)


def _reload_numba_config() -> None:
    if "numba.core.config" in sys.modules:  # imported already: read the variable again
        sys.modules["numba.core.config"].reload_config()


_numba_cache_per_worker()
_reload_numba_config()

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
