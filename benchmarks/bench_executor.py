"""Benchmark: a slow external policy model evaluated over a Dask cluster.

An external model taking ``--delay`` seconds (default 0.05) per weight vector is
evaluated for ``--samples`` weight vectors (default 10,000: 500 s one after the
other) with ``evaluate(..., executor=client.get_executor())`` on a local Dask
cluster of ``--workers`` × ``--threads`` worker threads (the stand-in model sleeps,
so threads run it side by side as processes or machines would run a real one).
Prints the wall time, the serial time it replaces, the speed-up, and checks that
the ranks equal those of the serial run on a prefix.

Usage::

    python benchmarks/bench_executor.py                       # 10,000 samples, 2 × 50 threads
    python benchmarks/bench_executor.py --samples 1000 --threads 10
"""

from __future__ import annotations

import argparse
import functools
import os
import time

import numpy as np
from distributed import Client, LocalCluster

from pathchoice.sensitivity.evaluate import evaluate
from pathchoice.sensitivity.sampling import uniform_weights
from pathchoice.study.datasets import china_japan


def external_model(model, weights, delay=0.05):
    """A stand-in for a simulation: ``delay`` seconds per weight vector."""
    time.sleep(delay * len(weights))
    return weights @ model.matrix.T


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per call")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--chunk", type=int, default=10, help="samples per task")
    args = parser.parse_args(argv)
    slow = functools.partial(external_model, delay=args.delay)
    model = china_japan().decision_model()
    weights = uniform_weights(model, n_samples=args.samples, rng=1).values
    with (
        LocalCluster(n_workers=args.workers, threads_per_worker=args.threads, processes=False,
                     dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        start = time.perf_counter()
        ranked = evaluate(model, weights, method=slow, chunk_size=args.chunk,
                          executor=client.get_executor())  # fmt: skip
        wall = time.perf_counter() - start
    serial = args.samples * args.delay
    prefix = evaluate(model, weights[:20], method=slow).ranks
    print(
        f"{args.samples:,} calls of {args.delay * 1e3:.0f} ms on {args.workers} × {args.threads} "
        f"threads: {wall:.1f} s (serial {serial:,.0f} s, {serial / wall:.0f}× faster; "
        f"load {os.getloadavg()[0]:.2f}); ranks as serial: "
        f"{bool(np.array_equal(ranked.ranks[:20], prefix))}"
    )


if __name__ == "__main__":
    main()
