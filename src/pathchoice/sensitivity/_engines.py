"""The SMAA engines: where samples come from, block by block, and how they are ranked.

:func:`~pathchoice.sensitivity.smaa.smaa` checks its input, builds a
:class:`Sources` and a tally, and hands them to :func:`run_numpy` or
:func:`run_numba` (:func:`choose_engine` picks). Samples are drawn in blocks of
:data:`SAMPLE_BLOCK`; block ``b`` draws weights from the child generator
``SeedSequence(seed, spawn_key=(WEIGHTS, b))`` (performance from stream
``PERFORMANCE``), so a run is reproducible whatever engine or threads run it.
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._core.kernels import numpy_kernels as kern
from ..exceptions import MethodError
from ..model import Model
from .evaluate import (
    ResolvedMethod,
    method_scores,
    performance_topsis,
)

__all__ = [
    "CONFIDENCE",
    "ENGINES",
    "NUMBA_AUTO_MIN",
    "PERFORMANCE",
    "SAMPLE_BLOCK",
    "WEIGHTS",
    "Engine",
    "Sources",
    "block_generator",
    "choose_engine",
    "is_sampler",
    "is_uniform",
    "run_numba",
    "run_numpy",
    "sample_blocks",
]

Engine = Literal["auto", "numpy", "numba"]
#: Engines :func:`smaa` accepts.
ENGINES: tuple[str, ...] = ("auto", "numpy", "numba")
#: Samples drawn per block; block ``b`` draws from its own child generator.
SAMPLE_BLOCK = 65_536
#: engine="auto" uses numba for runs at least this long (its compile takes seconds).
NUMBA_AUTO_MIN = 200_000
#: Random streams: weights, performance, and the confidence factors' performance.
WEIGHTS, PERFORMANCE, CONFIDENCE = 0, 1, 2


# -- sample sources ------------------------------------------------------------------------


def block_generator(seed: int, block: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(stream, block)))


def is_sampler(value: object) -> bool:
    return callable(value) and not isinstance(value, (pd.Series, pd.DataFrame, Mapping, np.ndarray))


@dataclass
class Sources:
    """Where weights and performance come from, block by block."""

    model: Model
    seed: int
    weight_kind: str  # "sampler", "samples", "fixed"
    weight_array: np.ndarray  # the samples, or the fixed vector as one row
    weight_sampler: Any  # a WeightSampler: .kind, .params, .criteria, .draw(n, rng)
    performance_kind: str  # "fixed", "sampler", "samples"
    performance_array: np.ndarray  # the samples (empty unless "samples")
    performance_sampler: Any  # a PerformanceSampler: .kind, .params, .draw(n, rng)

    def weights(self, block: int, start: int, size: int) -> np.ndarray:
        n = self.model.n_criteria
        if self.weight_kind == "fixed":
            return np.broadcast_to(self.weight_array[0], (size, n))
        if self.weight_kind == "samples":
            return self.weight_array[start : start + size]
        # Built-in samplers return valid rows; a custom one checks its own output.
        return self.weight_sampler.draw(size, block_generator(self.seed, block, WEIGHTS))

    def performance(self, block: int, start: int, size: int) -> np.ndarray | None:
        if self.performance_kind == "fixed":
            return None
        if self.performance_kind == "samples":
            return self.performance_array[start : start + size]
        generator = block_generator(self.seed, block, PERFORMANCE)
        return self.performance_sampler.draw(size, generator)

    def confidence_performance(self, count: int) -> np.ndarray:
        if self.performance_kind == "samples":
            return self.performance_array[:count]
        generator = block_generator(self.seed, 0, CONFIDENCE)
        return self.performance_sampler.draw(count, generator)


def is_uniform(sources: Sources) -> bool:
    """Whether the weights are uniform on the simplex, drawn natively by the kernels."""
    return sources.weight_kind == "sampler" and sources.weight_sampler.kind == "uniform"


def sample_blocks(total: int) -> list[tuple[int, int, int]]:
    return [
        (b, start, min(SAMPLE_BLOCK, total - start))
        for b, start in enumerate(range(0, total, SAMPLE_BLOCK))
    ]


# -- the two engines -----------------------------------------------------------------------


def run_numpy(
    tally: kern.Tally,
    sources: Sources,
    resolved: ResolvedMethod,
    tables: kern.TopsisTables | None,
    options: Mapping[str, Any],
    total: int,
    chunk: int,
    advance: Callable[[int], None],
) -> None:
    model = sources.model
    benefit = model.types > 0
    n = model.n_criteria
    workspace = None
    if tables is not None and sources.performance_kind == "fixed":
        workspace = kern.TopsisWorkspace(tables, n, min(chunk, total))
    for block, start, size in sample_blocks(total):
        # Uniform weights are drawn chunk by chunk from the block's generator: the
        # same stream as one draw for the whole block, in cache-sized pieces.
        uniform = is_uniform(sources)
        generator = block_generator(sources.seed, block, WEIGHTS) if uniform else None
        w_block = None if uniform else sources.weights(block, start, size)
        p_block = sources.performance(block, start, size)
        for lo in range(0, size, chunk):
            hi = min(lo + chunk, size)
            if w_block is not None:
                w = w_block[lo:hi]
            elif workspace is not None:
                w = workspace.uniform(generator, hi - lo)
            else:
                w = sources.weight_sampler.draw(hi - lo, generator)
            p = None if p_block is None else p_block[lo:hi]
            if workspace is not None:
                workspace.tally(tally, w)
            elif resolved.kind == "topsis":
                _, q = performance_topsis(p, w, benefit, options["normalization"])
                tally.add_keys(q, w)
            else:
                scores, higher = method_scores(resolved, model, w, p, options)
                tally.add_keys(scores if higher else -scores, w)
            advance(hi - lo)


def run_numba(
    tally: kern.Tally,
    sources: Sources,
    tables: kern.TopsisTables,
    total: int,
    advance: Callable[[int], None],
) -> None:
    kernels = kern.numba_kernels()
    threads = max(1, int(importlib.import_module("numba").get_num_threads()))
    n = sources.model.n_criteria

    def uniform(block: int, size: int) -> tuple[Any, ...]:
        generator = block_generator(sources.seed, block, WEIGHTS)
        return kern.numba_block(kernels, tables, n, generator=generator, size=size)

    def given(w: np.ndarray) -> tuple[Any, ...]:
        return kern.numba_block(kernels, tables, n, weights=w)

    def collect(future: Future[tuple[Any, ...]], size: int) -> None:
        counts, wins, csum, odd, regular = future.result()
        tally.add_counts(counts, wins, csum, regular)
        if len(odd):
            tally.add_keys(kern.canonical_q(odd, tables), odd)
        advance(size)

    pending: deque[tuple[Future[tuple[Any, ...]], int]] = deque()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for block, start, size in sample_blocks(total):
            if is_uniform(sources):
                future = pool.submit(uniform, block, size)
            else:
                # Samplers run here, one block at a time (they need not be thread-safe).
                w = sources.weights(block, start, size)
                future = pool.submit(given, np.ascontiguousarray(w, dtype=np.float64))
            pending.append((future, size))
            if len(pending) >= 2 * threads:
                collect(*pending.popleft())
        while pending:
            collect(*pending.popleft())


def choose_engine(engine: object, fixed_topsis: bool, total: int, resolved: ResolvedMethod,
                   performance_kind: str) -> str:  # fmt: skip
    if engine not in ENGINES:
        raise MethodError(f"smaa: engine must be one of {list(ENGINES)} (got {engine!r})")
    if engine == "numpy":
        return "numpy"
    if engine == "numba":
        if not fixed_topsis:
            raise MethodError(
                "smaa: engine='numba' runs TOPSIS with fixed performance only (got "
                f"method={resolved.label!r}, performance {performance_kind}); use "
                "engine='numpy' or 'auto'"
            )
        if not kern.numba_available():
            raise MethodError(
                "smaa: engine='numba' needs the numba package, which is not installed; install "
                "it with `pip install pathchoice[fast]` or use engine='numpy' (same results)"
            )
        try:
            kern.numba_kernels()
        except ImportError as err:
            raise MethodError(
                f"smaa: engine='numba' could not import numba ({err}); use engine='numpy' "
                "(same results)"
            ) from err
        return "numba"
    long_enough = total >= NUMBA_AUTO_MIN or kern.numba_compiled()
    if fixed_topsis and long_enough and kern.numba_available():
        try:
            kern.numba_kernels()
        except ImportError:
            return "numpy"
        return "numba"
    return "numpy"
