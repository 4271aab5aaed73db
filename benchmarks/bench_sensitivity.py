"""Benchmark: SMAA rank acceptability, pathchoice (numpy and numba) against its peers.

For a 12 alternatives × 12 criteria and a 50 × 20 problem (seeded, a third
of the criteria are costs), SMAA-2 with weights uniform on the simplex:

* pathchoice ``smaa(engine="numpy")`` and ``smaa(engine="numba")``, each
  *with sampling* (weights drawn inside the run, the figure that counts) and
  *without* (the same samples passed as an array, so only ranking and
  counting are timed); N samples, median of several runs;
* the sampling alone (``uniform_weights``);
* a per-call loop over pymcdm's TOPSIS (vector normalisation, the same
  method) with rank counting, on a subset;
* pyrepo-mcda's ``VIKOR_SMAA`` on a subset, given the same weight samples.
  It is VIKOR, not TOPSIS: a comparable amount of work per sample, not the
  same ranking;
* peak memory (tracemalloc, and the process's maximum resident size) of a
  10-million-sample run of each engine.

Other processes share the two cores, so each figure is the median of
several runs and the load average is printed beside it.

Usage::

    python benchmarks/bench_sensitivity.py                     # N = 2,000,000
    python benchmarks/bench_sensitivity.py --samples 200000 --memory-samples 0   # quick
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable

import numpy as np
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from pathchoice import Model
from pathchoice._core.kernels import numpy_kernels as _kernels
from pathchoice.sensitivity.sampling import uniform_weights
from pathchoice.sensitivity.smaa import smaa


def build_problem(m: int, n: int, seed: int) -> Model:
    rng = np.random.default_rng(seed)
    values = rng.uniform(1.0, 100.0, size=(m, n))
    directions = ["cost" if j % 3 == 2 else "benefit" for j in range(n)]
    return Model(
        [f"path {i + 1}" for i in range(m)],
        [f"criterion {j + 1}" for j in range(n)],
        values,
        directions=directions,
    )


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, str]:
    """(median, best) seconds of ``repeat`` runs, and the load average before them."""
    before = load()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), min(times), before


def pymcdm_loop(model: Model, weights: np.ndarray) -> float:
    """Seconds for pymcdm TOPSIS per weight vector, ranks counted into acceptabilities."""
    matrix, types = model.matrix, model.types
    method = TOPSIS(normalization_function=vector_normalization)
    m = model.n_alternatives
    counts = np.zeros((m, m), dtype=np.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for w in weights:
            prefs = method(matrix, w, types)
            ranks = method.rank(prefs).astype(int)
            counts[np.arange(m), ranks - 1] += 1
        return time.perf_counter() - start


def pyrepo_vikor_smaa(model: Model, weights: np.ndarray) -> float | None:
    try:
        from pyrepo_mcda.mcda_methods import VIKOR_SMAA
    except ImportError:
        return None
    method = VIKOR_SMAA()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        method(model.matrix, weights, model.types)
        return time.perf_counter() - start


def peak_resident_mb() -> float:
    """The process's peak resident set size in MB: VmHWM of /proc/self/status on Linux
    (reset by exec, unlike getrusage's ru_maxrss, which Linux keeps across fork and
    exec and would report the parent's peak), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_run(samples: int, engine: str, seed: int) -> None:
    """Print the tracemalloc peak, time and peak RSS of one run (called in a child)."""
    model = build_problem(12, 12, seed)
    smaa(model, n_samples=1_000, rng=0, engine=engine)  # imports, compiled kernels loaded
    before = peak_resident_mb()
    tracemalloc.start()
    start = time.perf_counter()
    smaa(model, n_samples=samples, rng=1, engine=engine)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(
        f"tracemalloc peak {peak:,.1f} MB, process peak RSS {peak_resident_mb():,.0f} MB "
        f"({before:,.0f} MB before the run), {elapsed:.1f} s ({samples / elapsed:,.0f}/s; "
        "tracemalloc slows numpy)"
    )


def memory(samples: int, engine: str, seed: int) -> str:
    """:func:`memory_run` in a fresh process, so its RSS is the run's own."""
    command = [sys.executable, os.path.abspath(__file__), "--memory-run", engine]
    command += ["--memory-samples", str(samples), "--seed", str(seed)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def rate(samples: int, seconds: float) -> str:
    return f"{samples / seconds:>14,.0f}/s"


def line(label: str, samples: int, median: float, best: float, before: str) -> str:
    return f"{label:<36}{rate(samples, median)}  (best {rate(samples, best)}, {before})"


def run_problem(model: Model, args: argparse.Namespace, has_numba: bool) -> None:
    """Print the figures for one problem."""
    m, n = model.shape
    n_total = args.samples
    print(f"\n== {m} alternatives × {n} criteria ==")
    weights = uniform_weights(model, n_samples=n_total, rng=args.seed).values
    figures: dict[str, float] = {}
    med, best, ld = timed(lambda: uniform_weights(model, n_samples=n_total, rng=1), args.repeat)
    print(line("sampling only (uniform_weights)", n_total, med, best, ld))
    engines = ["numpy"] + (["numba"] if has_numba else [])
    results = {}
    for engine in engines:

        def with_sampling(engine: str = engine) -> None:
            results[engine] = smaa(model, n_samples=n_total, rng=1, engine=engine)

        med, best, ld = timed(with_sampling, args.repeat)
        figures[engine] = n_total / med
        print(line(f"pathchoice {engine} with sampling", n_total, med, best, ld))
        med, best, ld = timed(lambda e=engine: smaa(model, weights, engine=e), args.repeat)
        print(line(f"pathchoice {engine} without sampling", n_total, med, best, ld))
    if has_numba:
        same = np.array_equal(
            results["numpy"].rank_acceptability, results["numba"].rank_acceptability
        ) and np.array_equal(results["numpy"].pairwise_winning, results["numba"].pairwise_winning)
        print(f"numpy and numba acceptabilities and winning indices identical: {same}")
    k = min(args.peer_samples, n_total)
    seconds = pymcdm_loop(model, weights[:k])
    figures["pymcdm"] = k / seconds
    print(
        f"{'pymcdm TOPSIS loop (' + format(k, ',') + ' samples)':<36}{rate(k, seconds)}  ({load()})"
    )
    seconds_vikor = pyrepo_vikor_smaa(model, weights[:k])
    if seconds_vikor is not None:
        figures["pyrepo"] = k / seconds_vikor
        print(
            f"{'pyrepo-mcda VIKOR_SMAA (' + format(k, ',') + ')':<36}{rate(k, seconds_vikor)}  "
            f"({load()})  [VIKOR, not TOPSIS: comparable work per sample, not the same ranking]"
        )
    else:
        print("pyrepo-mcda not installed (pip install pathchoice[bench]): skipped")
    print("ratios (pathchoice with sampling / peer):")
    for engine in engines:
        for peer in ("pymcdm", "pyrepo"):
            if peer in figures:
                print(f"  {engine} / {peer}: {figures[engine] / figures[peer]:,.0f}×")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=2_000_000, help="weight samples N")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure")
    parser.add_argument("--peer-samples", type=int, default=2_000, help="samples for the peers")
    parser.add_argument(
        "--memory-samples", type=int, default=10_000_000, help="samples of the memory run (0: skip)"
    )
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument("--memory-run", choices=["numpy", "numba"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_run:
        memory_run(args.memory_samples, args.memory_run, args.seed)
        return
    has_numba = _kernels.numba_available()
    print(f"pathchoice SMAA benchmark: N = {args.samples:,} samples, median of {args.repeat} runs")
    print(f"cores: {os.cpu_count()}, {load()} at start; numba: {has_numba}")

    if has_numba:
        start = time.perf_counter()
        smaa(build_problem(3, 2, 0), n_samples=10, engine="numba", rng=0)
        print(f"numba kernels compiled in {time.perf_counter() - start:.1f} s (once per process)")

    for m, n in ((12, 12), (50, 20)):
        run_problem(build_problem(m, n, args.seed), args, has_numba)

    if args.memory_samples:
        print(f"\n== memory: {args.memory_samples:,} samples, 12 × 12, fresh process each ==")
        for engine in ["numpy"] + (["numba"] if has_numba else []):
            print(f"{engine:5}: {memory(args.memory_samples, engine, args.seed)}  ({load()})")


if __name__ == "__main__":
    main()
