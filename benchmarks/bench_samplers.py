"""Benchmark: SMAA-2 end to end with the AHP judgement and the constrained weight samplers.

Figures (samples per second of ``smaa`` at 12 alternatives × 12 criteria: rank
acceptability, central weights, pairwise winning, confidence factors; the sampler
drawn block by block inside the engine's workers), each with its ratio to a
per-call loop over pymcdm's TOPSIS with pymcdm's defaults measured in the same run:

* AHP judgement uncertainty (every judgement moved up to one step on Saaty's
  scale) on a 12-criterion hierarchy: a goal over three groups of four criteria,
  judgements from random weights rounded to Saaty's scale (near-consistent, as
  real judgements are), with the eigenvector and with the geometric mean; and
  the same sampler on judgements drawn at random from the scale (very
  inconsistent: power iteration needs the most steps);
* the same sampler on one complete 12 × 12 matrix, judgements ``min(9, j - i + 1)``
  (the case of ``bench_sensitivity.py``), eigenvector and geometric mean;
* weights under a few ratio and order constraints (``w1 >= 1.5 w2``,
  ``w3 >= w4 >= w5``, ``w6 <= 0.2``: the ratio and the orders build a simplex, the
  cap is checked by rejection, exact), under a complete order of the twelve criteria
  (a simplex: exact mixtures of its vertices), under that order with ``w1 <= 0.3``
  (13 facets: rejection from the ordered simplex, 77 % kept) and the same forced to
  hit-and-run (the documented thinning, 827 steps per kept point at 12 criteria);
* each sampler's draw alone, one thread, 8,192 samples per call (what one block
  costs a worker), as CPU ns per sample (best of 3), and ``cores``: the run's CPU time
  over its wall time (about 2 when both cores work).

``--floor`` prints instead the AHP sampler's draw alone (one thread, 8,192 samples, CPU
ns per sample, the median over the rounds of the best of three) for one complete
``n × n`` matrix, n = 2..12, with the geometric mean and the eigenvector, on the
judgements ``min(9, j - i + 1)`` and on judgements drawn at random from the scale: what
each matrix size costs.

``--baseline SRC`` also runs every figure with another source tree first on the
path (e.g. ``/work/main/src``, the implementation before this change), in a child
process, in the same run, interleaved round by round, and prints the speed-ups.
The machine may be shared: figures are medians of the rounds, and the load
average is printed with each.

Usage::

    python benchmarks/bench_samplers.py                                 # ~1 minute
    python benchmarks/bench_samplers.py --baseline /work/main/src --rounds 3
    python benchmarks/bench_samplers.py --floor --rounds 7                   # ~20 s
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable

import numpy as np

from pathchoice import Model
from pathchoice.ahp import Node
from pathchoice.sensitivity import sampling
from pathchoice.sensitivity.smaa import smaa

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_sensitivity import build_problem, pymcdm_rate

SCALE = np.array(
    [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
)


def judgements(labels: list[str], rng: np.random.Generator, consistent: bool) -> dict:
    """Judgements of every pair: random weights' ratios snapped to Saaty's scale, or
    values drawn from the scale at random."""
    w = rng.uniform(0.2, 1.0, len(labels))
    out = {}
    for i, a in enumerate(labels):
        for j in range(i + 1, len(labels)):
            if consistent:
                out[(a, labels[j])] = float(SCALE[np.argmin(np.abs(np.log(SCALE / (w[i] / w[j]))))])
            else:
                out[(a, labels[j])] = float(rng.choice(SCALE))
    return out


def hierarchy(model: Model, seed: int, consistent: bool) -> Node:
    rng = np.random.default_rng(seed)
    names = list(model.criterion_names)
    groups = [names[k : k + 4] for k in range(0, 12, 4)]
    children = [
        Node(f"group {k + 1}", g, judgements=judgements(g, rng, consistent))
        for k, g in enumerate(groups)
    ]
    tops = [c.name for c in children]
    return Node("goal", children, judgements=judgements(tops, rng, consistent))


def figures(model: Model, scale: float) -> list[tuple[str, object, int]]:
    """(label, sampler, samples) of every figure; ``scale`` shrinks the counts."""
    names = list(model.criterion_names)
    near = hierarchy(model, 5, consistent=True)
    wild = hierarchy(model, 6, consistent=False)
    matrix = {(names[i], names[j]): float(min(9, j - i + 1)) for i in range(12)
              for j in range(i + 1, 12)}  # fmt: skip
    few = {
        "ratios": [(names[0], names[1], 1.5)],
        "order": [(names[2], names[3]), (names[3], names[4])],
        "bounds": {names[5]: (None, 0.2)},
    }
    cap = {"order": names, "bounds": {names[0]: (None, 0.3)}}
    n = lambda base: max(1_000, int(base * scale))  # noqa: E731
    ahp = sampling.AHPJudgementSampler
    constrained = sampling.ConstrainedSampler
    return [
        ("AHP, near-consistent, eigenvector", ahp(model, near), n(400_000)),
        ("AHP, near-consistent, geometric mean",
         ahp(model, near, method="geometric_mean"), n(400_000)),
        ("AHP, random judgements, eigenvector", ahp(model, wild), n(200_000)),
        ("AHP, one 12 × 12 matrix, eigenvector", ahp(model, matrix), n(200_000)),
        ("AHP, one 12 × 12 matrix, geometric mean",
         ahp(model, matrix, method="geometric_mean"), n(400_000)),
        ("constrained, few ratios/orders/bounds", constrained(model, **few), n(400_000)),
        ("constrained, complete order (vertices)", constrained(model, order=names), n(400_000)),
        ("constrained, order + cap (auto)", constrained(model, **cap), n(400_000)),
        ("constrained, order + cap, hit-and-run",
         constrained(model, **cap, method="hit_and_run"), n(20_000)),
    ]  # fmt: skip


def thread_best(run: Callable[[], object]) -> float:
    """The least CPU time of this thread over three runs (less sensitive to other work)."""
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        run()
        best = min(best, time.thread_time() - start)
    return best


def floor(rounds: int) -> None:
    """The AHP draw alone per matrix size (``--floor``)."""
    rng = np.random.default_rng(3)
    print(
        f"AHP draw, one complete n × n matrix, spread 1, one thread (load "
        f"{os.getloadavg()[0]:.2f}); CPU ns per sample, median of {rounds} (best of 3 each)"
    )
    print(f"{'n':>3}{'band gm':>10}{'band eig':>10}{'random gm':>11}{'random eig':>12}")
    for n in (2, 3, 4, 5, 6, 8, 10, 12):
        names = [f"c{k}" for k in range(n)]
        pairs = [(names[i], names[j]) for i in range(n) for j in range(i + 1, n)]
        band = {(a, b): float(min(9, names.index(b) - names.index(a) + 1)) for a, b in pairs}
        wild = {pair: float(rng.choice(SCALE)) for pair in pairs}
        cells = []
        for judged in (band, wild):
            for method in ("geometric_mean", "eigenvector"):
                sampler = sampling.AHPJudgementSampler(names, judged, method=method)
                sampler.draw(8_192, np.random.default_rng(0))  # compile or load
                times = [thread_best(lambda s=sampler, r=r: s.draw(8_192, np.random.default_rng(r)))
                         for r in range(rounds)]  # fmt: skip
                cells.append(statistics.median(times) / 8_192 * 1e9)
        print(
            f"{n:>3}{cells[0]:>10.1f}{cells[1]:>10.1f}{cells[2]:>11.1f}{cells[3]:>12.1f}"
            f"   load {os.getloadavg()[0]:.2f}",
            flush=True,
        )


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def cpu_time(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def one_round(model: Model, scale: float) -> dict[str, dict[str, float]]:
    """Every figure once: SMAA samples/s end to end and one-thread draw samples/s."""
    out = {}
    for label, sampler, count in figures(model, scale):
        # Warm: load (or compile) the sampler's kernels and the engine's.
        smaa(model, sampler, n_samples=min(count, 20_000), rng=0)
        cpu = time.process_time()
        wall = timed(lambda s=sampler, k=count: smaa(model, s, n_samples=k, rng=1))
        cpu = time.process_time() - cpu
        block = min(8_192, count)
        draw = min(cpu_time(lambda s=sampler, k=block, r=r: s.draw(k, np.random.default_rng(r)))
                   for r in range(3))  # fmt: skip
        out[label] = {"smaa": count / wall, "draw": block / draw, "cores": cpu / wall,
                      "load": os.getloadavg()[0]}  # fmt: skip
    return out


def peer_rate(model: Model, samples: int) -> float:
    """The pymcdm TOPSIS loop of bench_sensitivity (pymcdm's defaults, one call per
    uniform weight vector, ranks counted)."""
    weights = np.random.default_rng(2).dirichlet(np.ones(model.n_criteria), samples)
    return pymcdm_rate(model, weights)


def child(source: str, scale: float) -> dict[str, dict[str, float]]:
    """One round in a fresh process with ``source`` first on the path."""
    env = dict(os.environ, PYTHONPATH=source)
    cmd = [sys.executable, __file__, "--child", "--scale", str(scale)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def median(rounds: list[dict[str, dict[str, float]]], label: str, key: str) -> float:
    values = [r[label][key] for r in rounds if label in r]
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the sample counts")
    parser.add_argument("--baseline", default=None, help="another source tree to compare")
    parser.add_argument("--baseline-scale", type=float, default=0.05)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--floor", action="store_true", help="the AHP draw per matrix size")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.floor:
        floor(max(args.rounds, 3))
        return
    model = build_problem(12, 12, 1)
    if args.child:
        print(json.dumps(one_round(model, args.scale)))
        return
    print(f"SMAA-2, 12 × 12, end to end (load {os.getloadavg()[0]:.2f})")
    peer = peer_rate(model, 2_000)
    ours: list[dict[str, dict[str, float]]] = []
    base: list[dict[str, dict[str, float]]] = []
    for _ in range(args.rounds):  # interleaved: ours, then the baseline, every round
        ours.append(one_round(model, args.scale))
        if args.baseline:
            base.append(child(args.baseline, args.baseline_scale))
    peer = statistics.median([peer, peer_rate(model, 2_000)])
    print(f"pymcdm TOPSIS loop (defaults): {peer:,.0f} samples/s\n")
    head = f"{'sampler':<42}{'smaa M/s':>10}{'× pymcdm':>10}{'cores':>7}{'draw ns':>9}"
    if args.baseline:
        head += f"{'base smaa':>11}{'base ns':>9}{'smaa ×':>9}{'draw ×':>9}"
    print(head + "   load")
    for label, _, _ in figures(model, args.scale):
        rate, draw = median(ours, label, "smaa"), median(ours, label, "draw")
        cores = median(ours, label, "cores")
        line = f"{label:<42}{rate / 1e6:>10.3f}{rate / peer:>10,.0f}{cores:>7.2f}{1e9 / draw:>9.0f}"
        loads = [r[label]["load"] for r in ours + base if label in r]
        if args.baseline:
            b_rate, b_draw = median(base, label, "smaa"), median(base, label, "draw")
            line += f"{b_rate / 1e6:>11.4f}{1e9 / b_draw:>9.0f}{rate / b_rate:>8.1f}×"
            line += f"{draw / b_draw:>8.1f}×"
        print(line + f"   {min(loads):.2f}–{max(loads):.2f}")


if __name__ == "__main__":
    main()
