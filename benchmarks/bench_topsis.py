"""Benchmark: batched TOPSIS against a per-call pymcdm TOPSIS loop (issue 10, goal 2).

A 12 alternatives × 12 criteria problem (seeded, a third of the criteria are
costs) ranked under N Dirichlet-sampled weight vectors (seeded) with
``pathchoice.ranking.rank_batch`` (that is ``topsis_batch``), scores and ranks
included, once per engine (numba, numpy), and under the first M of those vectors
with pymcdm's TOPSIS called once per vector, ranks included (``TOPSIS.rank``),
both with pymcdm's defaults (min-max normalisation; the ratio is quoted against
this loop, measured in the same run) and with vector normalisation (the score
cross-check). Prints weight vectors per second, the ratios, the largest score
difference on the shared vectors and the load average (run it on a quiet machine).

Usage::

    python benchmarks/bench_topsis.py                  # N = 1,000,000, M = 2,000
    python benchmarks/bench_topsis.py --vectors 20000  # a quick smoke run
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
import warnings

import numpy as np
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from pathchoice import Model
from pathchoice.ranking import rank_batch


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


def time_batched(
    model: Model, weights: np.ndarray, repeat: int, engine: str
) -> tuple[float, list[float], list[float], np.ndarray]:
    """(first run, later runs, their CPU times, scores). The first run also pays for
    loading the compiled kernel (numba); every run allocates its outputs afresh, as a
    caller's would, so each pays for their first-touch page faults. The CPU time
    (every thread of the process) is less sensitive to other programs than the wall
    time: two idle cores' rate is about 2 / (CPU time per vector)."""
    times, cpu = [], []
    result = None
    for _ in range(repeat + 1):
        result = None  # the last run's arrays are freed before the next one allocates
        start, start_cpu = time.perf_counter(), time.process_time()
        result = rank_batch(model, weights, "topsis", engine=engine)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert result.ranks.shape == (len(weights), model.n_alternatives)
    return times[0], times[1:], cpu[1:], result.scores


def time_pymcdm(model: Model, weights: np.ndarray, **options) -> tuple[float, np.ndarray]:
    matrix, types = model.matrix, model.types
    method = TOPSIS(**options)
    scores = np.empty((len(weights), model.n_alternatives))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymcdm's dominance/weights UserWarnings
        start = time.perf_counter()
        for k, w in enumerate(weights):
            scores[k] = method(matrix, w, types)
            method.rank(scores[k])
        elapsed = time.perf_counter() - start
    return elapsed, scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=int, default=1_000_000, help="weight vectors N")
    parser.add_argument(
        "--pymcdm-vectors", type=int, default=2_000, help="vectors for the pymcdm loop M"
    )
    parser.add_argument("--alternatives", type=int, default=12)
    parser.add_argument("--criteria", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=5, help="timed batched runs after the first")
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args(argv)

    model = build_problem(args.alternatives, args.criteria, args.seed)
    rng = np.random.default_rng(args.seed + 1)
    weights = rng.dirichlet(np.ones(args.criteria), size=args.vectors)
    m_pymcdm = min(args.pymcdm_vectors, args.vectors)
    load_before = os.getloadavg()

    engines = ["numba", "numpy"] if importlib.util.find_spec("numba") else ["numpy"]
    runs = {engine: time_batched(model, weights, args.repeat, engine) for engine in engines}
    default_elapsed, _ = time_pymcdm(model, weights[:m_pymcdm])
    vector_elapsed, reference = time_pymcdm(
        model, weights[:m_pymcdm], normalization_function=vector_normalization
    )
    pymcdm_rate = m_pymcdm / default_elapsed
    load_after = os.getloadavg()

    print(
        f"problem: {args.alternatives} alternatives × {args.criteria} criteria, "
        f"Dirichlet(1) weights, seed {args.seed}; {os.cpu_count()} cores; "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print(
        f"pymcdm TOPSIS loop, pymcdm's defaults (min-max): {m_pymcdm:,} vectors, "
        f"{default_elapsed:.3f} s -> {pymcdm_rate:,.0f} vectors/s, scores and ranks"
    )
    print(
        f"pymcdm TOPSIS loop, vector normalisation:        {m_pymcdm:,} vectors, "
        f"{vector_elapsed:.3f} s -> {m_pymcdm / vector_elapsed:,.0f} vectors/s"
    )
    for engine, (first, times, cpu, scores) in runs.items():
        best, median = min(times), float(np.median(times))
        rate = args.vectors / median
        cpu_ns = float(np.median(cpu)) / args.vectors * 1e9
        diff = float(np.max(np.abs(scores[:m_pymcdm] - reference)))
        print(
            f"pathchoice rank_batch topsis, {engine} engine: {args.vectors:,} vectors, median "
            f"{median:.3f} s (best {best:.3f} s of {args.repeat}) -> {rate / 1e6:.2f} M "
            f"vectors/s (best {args.vectors / best / 1e6:.2f} M/s), scores and ranks; "
            f"{rate / pymcdm_rate:,.0f}× the pymcdm loop; cpu {cpu_ns:.0f} ns per vector; "
            f"first run {first:.3f} s; max |score - pymcdm vector| {diff:.1e}"
        )


if __name__ == "__main__":
    main()
