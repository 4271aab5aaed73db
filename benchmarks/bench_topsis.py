"""Benchmark: batched TOPSIS against a per-call pymcdm TOPSIS loop.

A 12 alternatives × 12 criteria problem (seeded, a third of the criteria are
costs) ranked under N Dirichlet-sampled weight vectors (seeded) with
``pathchoice.ranking.topsis`` in one batched call, scores and ranks included,
and under the first M of those vectors with pymcdm's TOPSIS (vector
normalisation) called once per vector, ranks included (``TOPSIS.rank``).
Prints weight vectors per second for both, their ratio, and the largest score
difference between the two on the shared vectors.

Usage::

    python benchmarks/bench_topsis.py                  # N = 1,000,000, M = 2,000
    python benchmarks/bench_topsis.py --vectors 20000  # a quick smoke run
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from pathchoice import Model
from pathchoice.ranking import topsis


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
    model: Model, weights: np.ndarray, repeat: int, chunk_size: int | None
) -> tuple[float, list[float], np.ndarray]:
    """(first run, later runs, scores). The first run also pays for first-touch page
    faults on the freshly allocated output arrays; the later runs are the steady state."""
    times = []
    scores = np.empty(0)
    for _ in range(repeat + 1):
        start = time.perf_counter()
        result = topsis(model, weights, chunk_size=chunk_size)
        times.append(time.perf_counter() - start)
        assert result.ranks.shape == (len(weights), model.n_alternatives)
        scores = result.scores
    return times[0], times[1:], scores


def time_pymcdm(model: Model, weights: np.ndarray) -> tuple[float, np.ndarray]:
    matrix, types = model.matrix, model.types
    method = TOPSIS(normalization_function=vector_normalization)
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
    parser.add_argument("--chunk-size", type=int, default=None, help="default: automatic")
    parser.add_argument("--repeat", type=int, default=5, help="timed batched runs after the first")
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args(argv)

    model = build_problem(args.alternatives, args.criteria, args.seed)
    rng = np.random.default_rng(args.seed + 1)
    weights = rng.dirichlet(np.ones(args.criteria), size=args.vectors)
    m_pymcdm = min(args.pymcdm_vectors, args.vectors)

    first, times, scores = time_batched(model, weights, args.repeat, args.chunk_size)
    best, median = min(times), float(np.median(times))
    elapsed, reference = time_pymcdm(model, weights[:m_pymcdm])
    batched_rate = args.vectors / median
    pymcdm_rate = m_pymcdm / elapsed
    diff = float(np.max(np.abs(scores[:m_pymcdm] - reference)))

    print(
        f"problem: {args.alternatives} alternatives × {args.criteria} criteria, "
        f"Dirichlet(1) weights, seed {args.seed}"
    )
    print(
        f"pathchoice batched topsis: {args.vectors:,} vectors, median {median:.3f} s "
        f"(best {best:.3f} s of {args.repeat}) -> {batched_rate:,.0f} vectors/s "
        f"(best {args.vectors / best:,.0f}/s), scores and ranks"
    )
    print(f"  first (cold-memory) run: {first:.3f} s -> {args.vectors / first:,.0f} vectors/s")
    print(
        f"pymcdm TOPSIS loop:        {m_pymcdm:,} vectors, {elapsed:.3f} s "
        f"-> {pymcdm_rate:,.0f} vectors/s, scores and ranks"
    )
    print(f"speed-up (median batched / pymcdm loop): {batched_rate / pymcdm_rate:,.0f}×")
    print(f"max |score difference| on the shared {m_pymcdm:,} vectors: {diff:.2e}")


if __name__ == "__main__":
    main()
