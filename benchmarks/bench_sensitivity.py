"""Benchmark: SMAA-2 engines against a pymcdm loop and against the machine's limit.

Figures (samples per second of ``smaa``: rank acceptability, central weights and
pairwise winning, confidence factors, the result frames):

* 12 alternatives × 12 criteria (seeded, a third of the criteria costs): the numba
  and numpy engines with weight samples given as an array, and end to end with
  every built-in weight sampler drawn inside the workers (uniform, Dirichlet,
  ordinal, interval, AHP judgement uncertainty);
* 50 × 20 with uniform weights;
* a 20,000-sample run: its CPU time over its wall time (about 2 when both cores
  work), for the whole call and for its ranking alone (the Python before and after the
  ranking, checks and result tables, runs on one core);
* a 10,000-sample SMAA of the embedded China–Japan model, warm (milliseconds);
* a per-call loop over pymcdm's TOPSIS with pymcdm's defaults (its own
  normalisation) and rank counting, on the same problem, measured in the same run;
* optionally the peak memory of a long run in a fresh process;
* the size of the engine code (issue 10, goal 5: smaller than before the issue).

Every figure is printed with its ratio to the pymcdm loop and its share of the
estimated limit of two idle cores at 12 × 12 (about 600 floating-point
operations per sample: ~55 M/s with sampling, ~80 M/s evaluation only). The
machine is shared, so figures are medians of interleaved rounds (every figure
once per round), and the load average is printed with each. ``cpu`` is the
process's CPU time per sample (all threads), less sensitive to other jobs:
``2 / cpu`` is what two idle cores would give. BLAS runs on one thread
(``--blas-threads``; threadpoolctl from the ``bench`` extra): OpenBLAS's idle threads
busy-wait after each call, and would take a core from the figure after a numpy one.

Usage::

    python benchmarks/bench_sensitivity.py                       # N = 1,000,000, 5 rounds
    python benchmarks/bench_sensitivity.py --samples 200000 --rounds 3 --memory-samples 0
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pymcdm.methods import TOPSIS

import pathchoice
from pathchoice import Model
from pathchoice._core.kernels import numpy_kernels as _kernels
from pathchoice.ahp import PairwiseMatrix
from pathchoice.sensitivity import sampling
from pathchoice.sensitivity.smaa import smaa
from pathchoice.study.datasets import china_japan

LIMIT_SAMPLING = 55e6
LIMIT_EVALUATION = 80e6
#: Issue 10, goal 1 (samples/s), by the start of a figure's label.
GOALS = {
    "12 × 12 numba, weight samples": 25e6,
    "12 × 12 numba, WeightSamples": 25e6,
    "12 × 12 numba, uniform": 20e6,
    "12 × 12 numba, dirichlet": 20e6,
    "12 × 12 numba, ordinal": 20e6,
    "12 × 12 numba, interval": 20e6,
    "12 × 12 numba, ahp": 20e6,
    "12 × 12 numba, constrained": 20e6,
    "50 × 20 numba": 3e6,
}

#: The SMAA engine code (issue 10, goal 5), under src/pathchoice, and its lines before the
#: issue; and the samplers' kernels (new in the issue: the samplers' numbers drawn inside
#: the workers, in lanes, bit for bit with their numpy draws), counted apart.
ENGINE_FILES = (
    "sensitivity/_engines.py",
    "_core/kernels/numpy_kernels.py",
    "_core/kernels/numba_kernels.py",
    "_core/kernels/jit.py",
)
ENGINE_LINES_BEFORE = 1_153
SAMPLER_FILES = (
    "_core/kernels/stream.py",
    "_core/kernels/lane_draws.py",
    "_core/kernels/gamma.py",
    "_core/kernels/dirichlet_lanes.py",
    "_core/kernels/ahp_sampling.py",
    "_core/kernels/hit_and_run.py",
)


def engine_lines() -> str:
    """The engine code's line count, per file and in total, against before the issue."""
    root = Path(pathchoice.__file__).parent

    def lines(name: str) -> int:
        path = root / name
        return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0

    def listed(names: tuple[str, ...]) -> tuple[int, str]:
        counts = {Path(name).name: lines(name) for name in names}
        return sum(counts.values()), ", ".join(f"{k} {v}" for k, v in counts.items())

    (total, files), (drawing, sampler_files) = listed(ENGINE_FILES), listed(SAMPLER_FILES)
    return (f"engine code: {total:,} lines ({files}); before issue 10: "
            f"{ENGINE_LINES_BEFORE:,} ({total - ENGINE_LINES_BEFORE:+,}); the samplers' "
            f"kernels, apart: {drawing:,} ({sampler_files})")  # fmt: skip


def build_problem(m: int, n: int, seed: int) -> Model:
    rng = np.random.default_rng(seed)
    return Model(
        [f"path {i + 1}" for i in range(m)],
        [f"criterion {j + 1}" for j in range(n)],
        rng.uniform(1.0, 100.0, size=(m, n)),
        directions=["cost" if j % 3 == 2 else "benefit" for j in range(n)],
    )


def samplers(model: Model) -> dict[str, object]:
    """Every built-in weight sampler for the model's criteria, as smaa takes them."""
    names = model.criterion_names
    n = len(names)
    center = np.arange(n, 0, -1.0)
    center /= center.sum()
    judgements = {
        (names[i], names[j]): float(min(9, j - i + 1)) for i in range(n) for j in range(i + 1, n)
    }
    matrix = PairwiseMatrix.from_judgements(judgements)
    low, high = np.full(n, 0.2 / n), np.full(n, 3.0 / n)
    if hasattr(sampling, "DirichletSampler"):  # sampler objects, drawn in the workers
        found = {
            "dirichlet": sampling.DirichletSampler.around(model, center, concentration=100.0),
            "ordinal": sampling.OrdinalSampler(model, list(names)),
            "interval": sampling.IntervalSampler(model, (low, high)),
            "ahp": sampling.AHPJudgementSampler(model, matrix),
        }
        if hasattr(sampling, "ConstrainedSampler"):  # both by rejection from a simplex
            found["constrained"] = sampling.ConstrainedSampler(
                model, ratios=[(names[0], names[1], 1.5)], bounds={names[2]: (None, 0.2)}
            )
            found["constrained (an order and a cap)"] = sampling.ConstrainedSampler(
                model, order=list(names), bounds={names[0]: (None, 0.3)}
            )
        return found
    return {  # the sampling functions of an older pathchoice, as callables
        "dirichlet": functools.partial(sampling.dirichlet_weights, center, 100.0),
        "ordinal": functools.partial(sampling.ordinal_weights, list(range(n))),
        "interval": functools.partial(sampling.interval_weights, low, high),
        "ahp": functools.partial(sampling.ahp_judgement_weights, matrix, criteria=names),
    }


def uniform_rows(n_samples: int, n: int, seed: int) -> np.ndarray:
    """Weight rows uniform on the simplex, C-contiguous, in criterion order."""
    return np.random.default_rng(seed).dirichlet(np.ones(n), n_samples)


def speed(rate: float) -> str:
    """Samples per second, in M/s, or in k/s below 10,000/s."""
    return f"{rate / 1e6:8.2f} M/s" if rate >= 1e4 else f"{rate / 1e3:8.2f} k/s"


def load() -> float:
    return os.getloadavg()[0]


def pymcdm_rate(model: Model, weights: np.ndarray) -> float:
    """Samples/s of pymcdm's TOPSIS with its defaults, one call per weight vector, ranks
    counted into acceptabilities."""
    method = TOPSIS()
    m = model.n_alternatives
    counts = np.zeros((m, m), dtype=np.int64)
    matrix, types = model.matrix, model.types
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for w in weights:
            ranks = method.rank(method(matrix, w, types)).astype(int)
            counts[np.arange(m), ranks - 1] += 1
        return len(weights) / (time.perf_counter() - start)


class Figure:
    """One measured figure: wall seconds, CPU seconds and the load of every round."""

    def __init__(self, label: str, samples: int, run: Callable[[], object], limit: float):
        self.label, self.samples, self.run, self.limit = label, samples, run, limit
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.loads: list[float] = []

    def measure(self) -> None:
        self.loads.append(load())
        cpu, wall = time.process_time(), time.perf_counter()
        self.run()
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)

    def rate(self) -> float:
        return self.samples / float(np.median(self.wall))

    def report(self, peer: float) -> str:
        rate = self.rate()
        cpu_ns = float(np.median(self.cpu)) / self.samples * 1e9
        share = f"{rate / self.limit:6.0%}" if self.limit else "     -"
        goal = next((g for key, g in GOALS.items() if self.label.startswith(key)), 0.0)
        target = f"≥{goal / 1e6:3.0f} M/s" if goal else "       -"
        return (
            f"{self.label:<44}{speed(rate)}  {rate / peer:>9,.1f}×  {share}  {target}  "
            f"cpu {cpu_ns:8.1f} ns/sample (2 idle cores: {2e3 / cpu_ns:5.1f} M/s)  "
            f"load {min(self.loads):.2f}–{max(self.loads):.2f}"
        )


def peak_resident_mb() -> float:
    """Peak resident set size in MB (VmHWM, which exec resets, else ru_maxrss)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_run(samples: int, engine: str, seed: int) -> None:
    """Print the tracemalloc peak and peak RSS of one run (called in a fresh process)."""
    model = build_problem(12, 12, seed)
    smaa(model, n_samples=1_000, rng=0, engine=engine)
    before = peak_resident_mb()
    tracemalloc.start()
    smaa(model, n_samples=samples, rng=1, engine=engine)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"tracemalloc peak {peak:,.1f} MB, peak RSS {peak_resident_mb():,.0f} MB "
          f"({before:,.0f} MB before the run)")  # fmt: skip


def figures(args: argparse.Namespace, has_numba: bool) -> tuple[list[Figure], dict[str, float]]:
    n_total = args.samples
    engines = (["numba"] if has_numba else []) + ["numpy"]
    out: list[Figure] = []
    peers: dict[str, float] = {}
    for m, n in ((12, 12), (50, 20)):
        model = build_problem(m, n, args.seed)
        size = f"{m} × {n}"
        peers[size] = pymcdm_rate(model, uniform_rows(args.peer_samples, n, 2))
        limit = LIMIT_SAMPLING if (m, n) == (12, 12) else 0.0
        for engine in engines:
            count = n_total if engine == "numba" else n_total // 4
            out.append(Figure(f"{size} {engine}, uniform weights", count,
                              functools.partial(smaa, model, n_samples=count, rng=1,
                                                engine=engine), limit))  # fmt: skip
            if (m, n) != (12, 12):
                continue
            given = uniform_rows(count, n, 3)
            out.append(Figure(f"{size} {engine}, weight samples given", count,
                              functools.partial(smaa, model, given, engine=engine),
                              LIMIT_EVALUATION))  # fmt: skip
            if hasattr(sampling, "UniformSampler"):  # labelled samples: checked when made
                labelled = sampling.UniformSampler(model).sample(n_samples=count, rng=3)
                out.append(Figure(f"{size} {engine}, WeightSamples given", count,
                                  functools.partial(smaa, model, labelled, engine=engine),
                                  LIMIT_EVALUATION))  # fmt: skip
            if engine != engines[0]:
                continue
            for name, sampler in samplers(model).items():
                # The AHP and constrained samplers are slower: a quarter as many samples.
                k = count // 4 if name.startswith(("ahp", "constrained")) else count
                out.append(Figure(f"{size} {engine}, {name} sampler", k,
                                  functools.partial(smaa, model, sampler, n_samples=k, rng=1,
                                                    engine=engine), limit))  # fmt: skip
    model = build_problem(12, 12, args.seed)
    short = functools.partial(timing_ranking(smaa), model, n_samples=20_000, rng=1)
    out.append(Figure("12 × 12, 20,000 samples", 20_000, short, LIMIT_SAMPLING))
    embedded = china_japan().decision_model()
    smaa(embedded, n_samples=10_000, rng=1)
    out.append(Figure("China–Japan model, 10,000 samples (warm)", 10_000,
                      functools.partial(smaa, embedded, n_samples=10_000, rng=1), 0.0))  # fmt: skip
    return out, peers


#: Wall and CPU seconds of the ranking (the blocks' tasks, ``run_blocks``) in each call of
#: a function made by :func:`timing_ranking`.
RANKING: dict[str, list[float]] = {"wall": [], "cpu": []}


def timing_ranking(function: Callable[..., object]) -> Callable[..., object]:
    """``function`` (a call of smaa), recording in :data:`RANKING` the wall and CPU time of
    its ranking apart from the Python around it (checks before, result tables after)."""
    module = sys.modules[smaa.__module__]
    blocks = module.run_blocks

    def timed_blocks(*args: object, **kwargs: object) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        blocks(*args, **kwargs)
        RANKING["wall"].append(time.perf_counter() - wall)
        RANKING["cpu"].append(time.process_time() - cpu)

    def timed(*args: object, **kwargs: object) -> object:
        module.run_blocks = timed_blocks
        try:
            return function(*args, **kwargs)
        finally:
            module.run_blocks = blocks

    return timed


def stage_profile(m: int, n: int, seed: int, repeats: int = 40) -> str:
    """CPU nanoseconds per sample of each stage of the numba engine on one thread, for one
    block of 8,192 uniform samples drawn in the kernel: drawing (the random stream, sorting,
    spacings), squaring the lane-major weights, distances and ratios, pairwise comparisons
    with the counting, and the Python around a task (its tally, the call, the near-ties);
    and, for weight samples given, transposing their rows into lanes."""
    from numba import njit

    from pathchoice._core.kernels import numba_kernels as nk
    from pathchoice.sensitivity import _engines
    from pathchoice.sensitivity.evaluate import topsis_model_tables

    model = build_problem(m, n, seed)
    tables, _ = topsis_model_tables(model, "vector", "ignore")
    size, lanes = 8_192, nk.LANES
    none, empty = np.zeros(0, dtype=np.intp), np.zeros(0)
    first, last = nk.DRAWING, nk.DRAWING + 5  # the buffers of nk._ratios

    @njit(nogil=True)
    def draw(key, stage, ap, am, margin):  # the kernel's loop up to stage 0, 1 or 2
        work = nk.workspace(ap.shape[0], ap.shape[1], 0)
        wt, (w2, dp, dm, q, hi) = work[0], work[first:last]
        for start in range(0, size, lanes):
            nk.draw_lanes(key, start, lanes, none, empty, empty, 0.0, 0, work)
            if stage == 1:  # the first loop of nk._ratios alone
                for j in range(ap.shape[1]):
                    for s in range(lanes):
                        w2[j, s] = wt[j, s] * wt[j, s]
            elif stage == 2:
                nk._ratios(wt, lanes, ap, am, margin, w2, dp, dm, q, hi)
        return w2[0, 0]

    uniform = sampling.UniformSampler(model)
    sources = _engines.Sources(model, seed, "sampler", w0 := np.empty((0, n)), uniform, "fixed",
                               w0, None)  # fmt: skip
    w = uniform.draw(size, np.random.default_rng(seed))
    counts = np.zeros((tables.n_groups, m), dtype=np.int64)
    wins = np.zeros((tables.n_groups, tables.n_groups), dtype=np.int64)
    csum, near = np.zeros((1, tables.n_groups, n)), np.empty_like(w)
    mult, pairs = tables.mult.astype(np.int32), np.int32(tables.pairs)
    slack = _kernels._SLACK
    ap, am = tables.a_plus, tables.a_minus
    tally = (ap, am, mult, pairs, slack, counts, wins, csum, near, np.zeros(1, np.int64),
             _kernels._NO_POLYTOPE)  # fmt: skip
    key = sources.native(1, size)[0]
    steps = {
        "draw": lambda: draw(key, 0, ap, am, slack),
        "square": lambda: draw(key, 1, ap, am, slack),
        "ratios": lambda: draw(key, 2, ap, am, slack),
        "kernel": lambda: nk.tally(w0, -1.0, 0, size, key, size, none, empty, empty, 0.0, *tally),
        "drawn": lambda: _kernels.numba_tally(tables, drawn=sources.native(1, size)),
        "given": lambda: nk.tally(w, -1.0, 0, size, key, size, none, empty, empty, 0.0, *tally),
    }
    for step in steps.values():
        step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(7):  # interleaved rounds: a busy spell of the machine hits every stage
        for name, step in steps.items():
            start = time.process_time()
            for _ in range(repeats):
                step()
            times[name].append((time.process_time() - start) / repeats / size * 1e9)
    best = {name: min(found) for name, found in times.items()}
    parts = {
        "drawing": best["draw"],
        "squaring": best["square"] - best["draw"],
        "distances+ratio": best["ratios"] - best["square"],
        "pairwise+counting": best["kernel"] - best["ratios"],
        "task overhead": best["drawn"] - best["kernel"],
    }
    text = "; ".join(f"{k} {v:.1f}" for k, v in parts.items())
    given = best["given"] - best["kernel"] + best["draw"]
    return (f"stages {m} × {n}, ns/sample, one thread: {text}; total {best['drawn']:.1f}; "
            f"weights given: transposing {given:.1f} (load {load():.2f})")  # fmt: skip


def pin_blas(threads: int) -> str:
    """Pin BLAS to ``threads`` for this process (threadpoolctl), so figures do not depend on
    their order: OpenBLAS's idle threads busy-wait for a while after each call, and after a
    numpy-engine figure they took one of the two cores from the next numba figure
    (measured 1 December 2026: 12 × 12 uniform 17.1 M/s with BLAS's default threads, 22.4
    M/s pinned to one, in runs a minute apart)."""
    if threads <= 0:
        return "BLAS's default"
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return "BLAS's default (threadpoolctl is not installed: pip install pathchoice[bench])"
    threadpool_limits(limits=threads, user_api="blas")
    return str(threads)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000, help="samples per numba run")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--peer-samples", type=int, default=1_000, help="pymcdm loop samples")
    parser.add_argument("--memory-samples", type=int, default=0, help="memory run (0: skip)")
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument("--stages", action="store_true", help="only the numba stage profile")
    parser.add_argument("--blas-threads", type=int, default=1, help="BLAS threads (0: default)")
    parser.add_argument("--memory-run", choices=["numpy", "numba"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_run:
        memory_run(args.memory_samples, args.memory_run, args.seed)
        return
    has_numba = _kernels.numba_available()
    if args.stages:
        for m, n in ((12, 12), (50, 20)):
            print(stage_profile(m, n, args.seed))
        return
    print(f"SMAA-2 engines: {args.rounds} interleaved rounds, cores {os.cpu_count()}, "
          f"load {load():.2f} at start, numba {has_numba}, "
          f"BLAS threads {pin_blas(args.blas_threads)}")  # fmt: skip
    print(engine_lines())
    if has_numba:
        start = time.perf_counter()
        smaa(build_problem(3, 2, 0), n_samples=10, engine="numba", rng=0)
        print(f"numba kernels loaded or compiled in {time.perf_counter() - start:.1f} s")
    found, peers = figures(args, has_numba)
    for figure in found:  # warm-up: imports, compiled variants, caches
        figure.run()
    for _ in range(args.rounds):
        for figure in found:
            figure.measure()
    for size, rate in peers.items():
        print(f"pymcdm TOPSIS loop, defaults, {size}: {rate:,.0f}/s (load {load():.2f})")
    print(f"{'figure':<44}{'rate':>12}  {'÷ pymcdm':>10}  {'limit':>6}  {'goal':>8}")
    for figure in found:
        peer = peers["50 × 20" if figure.label.startswith("50") else "12 × 12"]
        print(figure.report(peer))
        if figure.label.endswith("20,000 samples"):
            used = np.median(figure.cpu) / np.median(figure.wall)
            wall, cpu = (np.median(RANKING[k][-len(figure.wall) :]) for k in ("wall", "cpu"))
            print(f"{'':<44}cores used: {used:.2f} (goal: both, 2.0); while ranking: "
                  f"{cpu / wall:.2f}, {wall * 1e3:.2f} ms; the Python before and after it: "
                  f"{(np.median(figure.wall) - wall) * 1e6:.0f} µs")  # fmt: skip
        if "China" in figure.label:
            print(f"{'':<44}{np.median(figure.wall) * 1e3:.2f} ms per run (goal: under 5 ms)")
    if args.memory_samples:
        for engine in ["numpy"] + (["numba"] if has_numba else []):
            command = [sys.executable, os.path.abspath(__file__), "--memory-run", engine,
                       "--memory-samples", str(args.memory_samples)]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            print(f"memory, {args.memory_samples:,} samples, {engine}: {done.stdout.strip()}")


if __name__ == "__main__":
    main()
