"""Benchmark: AHP weights and consistency at n = 500, λmax completion, deep hierarchies.

Figures (median of interleaved rounds; the machine is shared, so the load
average from ``uptime`` is printed beside them):

* ``ahp_weights`` (eigenvector and geometric mean, weights + λmax + CR + GCI) on
  a prebuilt 500 × 500 reciprocal matrix, and end to end from the array (building
  the checked ``PairwiseMatrix`` included) of Saaty-scale judgements, against
  baselines measured in the same run: ``numpy.linalg.eig`` of the same matrix
  (what the Perron root cost before power iteration) and pymcdm's AHP
  (``AHP(matrix=...)()``, its weights; its ``get_cr`` cannot take n > 15);
* the λmax-optimal completion of a 50 × 50 matrix with 30 % of its judgements
  missing;
* building and weighing a chain hierarchy of 1,500, 3,000 and 6,000 levels (the
  cost must double with the size: linear in the number of nodes).

Targets (issue 10, goal 3; issue 9, class 4): weights + CR at n = 500 under
10 ms; completion at n = 50 / 30 % missing under 50 ms; a 3,000-level chain
built without a recursion limit, in time linear in the number of nodes.

On a loaded machine OpenBLAS's threads cost more than they give on these
small products (the completion's L-BFGS steps took 9 ms each instead of under
0.5 ms at a load of 6 on 2 cores): run once as is and once with
``OPENBLAS_NUM_THREADS=1`` to see both.

Usage::

    python benchmarks/bench_ahp.py            # about a minute
    python benchmarks/bench_ahp.py --rounds 3 # quicker
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
import warnings
from collections.abc import Callable

import numpy as np

from pathchoice.ahp import Node, PairwiseMatrix, ahp_weights, complete, hierarchy_weights

SCALE = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 3.0, 5.0, 7.0, 9.0])


def load() -> str:
    try:
        out = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return "uptime unavailable"
    return out.strip().split("load average:")[-1].strip()


def saaty_matrix(n: int, seed: int, noise: float | None = None) -> np.ndarray:
    """A reciprocal matrix: random Saaty-scale judgements, or consistent weights with noise."""
    rng = np.random.default_rng(seed)
    iu, ju = np.triu_indices(n, k=1)
    if noise is None:
        upper = rng.choice(SCALE, iu.size)
    else:
        log_w = rng.uniform(-2.0, 2.0, n)
        upper = np.exp(log_w[iu] - log_w[ju] + rng.normal(0.0, noise, iu.size))
    a = np.eye(n)
    a[iu, ju], a[ju, iu] = upper, 1.0 / upper
    return a


def median_time(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def chain(levels: int) -> Node:
    node = Node(f"n{levels}", ["a", "b"], judgements={("a", "b"): 2})
    for k in range(levels - 1, -1, -1):
        node = Node(f"n{k}", [node, f"leaf{k}"], judgements={(f"n{k + 1}", f"leaf{k}"): 2})
    return node


def bench_n500(rounds: int) -> None:
    from pymcdm.weights.subjective import AHP

    n = 500
    print(f"\n== AHP weights + consistency at n = {n} (load {load()}) ==")
    for label, values in (
        ("random Saaty-scale judgements", saaty_matrix(n, 1)),
        ("near-consistent judgements", saaty_matrix(n, 2, noise=0.3)),
    ):
        m = PairwiseMatrix(values, [f"c{i}" for i in range(n)])
        contenders = [
            ("ahp_weights eigenvector", lambda m=m: ahp_weights(m)),
            ("ahp_weights geometric_mean", lambda m=m: ahp_weights(m, method="geometric_mean")),
            ("numpy.linalg.eig", lambda v=values: np.linalg.eig(v)),
        ]
        if np.isin(values, SCALE).all():  # pymcdm accepts only values of Saaty's scale
            contenders.append(("pymcdm AHP weights", lambda v=values: AHP(matrix=v)()))
        figures: dict[str, list[float]] = {}
        for _ in range(rounds):  # interleaved: each round times every contender once
            for name, fn in contenders:
                figures.setdefault(name, []).append(median_time(fn, 1))
        eig = statistics.median(figures["numpy.linalg.eig"])
        pymcdm = statistics.median(figures.get("pymcdm AHP weights", [np.nan]))
        print(f"-- {label}")
        for name, times in figures.items():
            t = statistics.median(times)
            print(
                f"   {name:<28} {t * 1e3:8.2f} ms   {eig / t:6.1f}x eig   {pymcdm / t:6.1f}x pymcdm"
            )
        labels = [f"c{i}" for i in range(n)]
        build = median_time(lambda v=values, names=labels: PairwiseMatrix(v, names), rounds)
        print(f"   (building the checked PairwiseMatrix itself: {build * 1e3:.2f} ms)")
        whole = median_time(
            lambda v=values, names=labels: ahp_weights(PairwiseMatrix(v, names)), rounds
        )
        print(
            f"   end to end from the array (check + weights + CR): {whole * 1e3:.2f} ms "
            f"(target 10 ms: {10e-3 / whole:.1f}x under)"
        )
        print(f"   load {load()}")


def bench_completion(rounds: int) -> None:
    n, share = 50, 0.3
    values = saaty_matrix(n, 3, noise=0.3)
    rng = np.random.default_rng(4)
    iu, ju = np.triu_indices(n, k=1)
    drop = rng.random(iu.size) < share
    values[iu[drop], ju[drop]] = values[ju[drop], iu[drop]] = np.nan
    m = PairwiseMatrix(values, [f"c{i}" for i in range(n)], allow_missing=True)
    print(f"\n== λmax completion, n = {n}, {drop.sum()} of {iu.size} judgements missing ==")
    complete(m)  # first call pays scipy.optimize's import
    t = median_time(lambda: complete(m), rounds)
    t_llsm = median_time(lambda: complete(m, "llsm"), rounds)
    print(f"   lambda_max {t * 1e3:8.2f} ms  (target 50 ms: {50e-3 / t:.1f}x under)")
    print(f"   llsm       {t_llsm * 1e3:8.2f} ms  (load {load()})")


def bench_chain() -> None:
    print(f"\n== chain hierarchies (load {load()}) ==")
    previous = None
    for levels in (1500, 3000, 6000):
        start = time.perf_counter()
        root = chain(levels)
        built = time.perf_counter() - start
        start = time.perf_counter()
        hierarchy_weights(root)
        weighed = time.perf_counter() - start
        ratio = "" if previous is None else f"   x{built / previous:.2f} per doubling"
        print(f"   {levels:>5} levels: built {built:6.2f} s, weighed {weighed:6.2f} s{ratio}")
        previous = built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"OPENBLAS_NUM_THREADS={threads}")
    bench_n500(args.rounds)
    bench_completion(args.rounds)
    bench_chain()


if __name__ == "__main__":
    main()
