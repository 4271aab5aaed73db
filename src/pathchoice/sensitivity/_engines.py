"""The SMAA engines: where samples come from, block by block, and who ranks them.

:func:`~pathchoice.sensitivity.smaa.smaa` checks its input, builds a
:class:`Sources` and a :class:`BlockJob` (:func:`choose_engine` picks its engine) and
hands them to :func:`run_blocks`. Samples are drawn in blocks of
:data:`SAMPLE_BLOCK`; block ``b`` draws weights from the child generator
``SeedSequence(seed, spawn_key=(WEIGHTS, b))`` (performance from stream
``PERFORMANCE``) inside the worker that ranks it, and each block is tallied on
its own (:class:`BlockJob`) and merged in block order. So a run gives the same
numbers whatever runs the blocks: the calling thread, the engine's threads, or
any :class:`concurrent.futures.Executor` the caller passes (processes, or the
workers of a Dask cluster). Engines draw the same samples; their counts agree
as :mod:`pathchoice._core.kernels.numpy_kernels` explains (near-ties). Given weight
rows not checked yet are checked by the worker of their block, so a bad row is named
(the first one: blocks are merged in order) without a serial pass over them all.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, Literal

import numpy as np

from .._core.kernels import numpy_kernels as kern
from .._core.kernels.stream import stream_key
from ..exceptions import MethodError, ModelError
from ..model import Model
from ..weights import SUM_TOLERANCE
from .evaluate import ResolvedMethod, method_scores, performance_array, performance_topsis
from .sampling.samples import check_row_block

__all__ = [
    "ADDRESSABLE_KINDS",
    "CONFIDENCE",
    "ENGINES",
    "NATIVE_KINDS",
    "NUMBA_AUTO_MIN",
    "PERFORMANCE",
    "SAMPLE_BLOCK",
    "WEIGHTS",
    "BlockJob",
    "Engine",
    "Sources",
    "block_generator",
    "choose_engine",
    "ordered_map",
    "run_blocks",
    "task_size",
]

Engine = Literal["auto", "numpy", "numba"]
#: Engines :func:`smaa` accepts.
ENGINES: tuple[str, ...] = ("auto", "numpy", "numba")
#: Samples drawn per block; block ``b`` draws from its own child generator. Changing it
#: changes every seeded result.
SAMPLE_BLOCK = 8_192
#: engine="auto" uses numba for runs at least this long (its compile takes seconds).
NUMBA_AUTO_MIN = 200_000
#: Random streams: weights, performance, and the confidence factors' performance.
WEIGHTS, PERFORMANCE, CONFIDENCE = 0, 1, 2
#: Weight samplers whose numbers the numba engine draws itself (the same as their draw).
NATIVE_KINDS = ("uniform", "ordinal", "interval", "dirichlet", "constrained")
#: Those of them whose sample r it can draw on its own (the others reject in order).
ADDRESSABLE_KINDS = ("uniform", "ordinal", "dirichlet")
_NO_ORDER, _NO_BOUNDS = np.zeros(0, dtype=np.intp), np.zeros(0)
#: The kernel's check of given rows is a hair stricter than check_row_block's (its sums
#: run in another order), so a row it passes passes there too; a block it flags goes to
#: check_row_block, which names the row or, at the boundary, lets it through.
_KERNEL_SUM_TOLERANCE = SUM_TOLERANCE - 1e-12


# -- sample sources ------------------------------------------------------------------------


def block_generator(seed: int, block: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(stream, block)))


@functools.lru_cache(maxsize=256)
def _weight_key(seed: int, block: int) -> np.uint64:
    """The key of block ``block``'s weight stream (made once for the tasks of a block)."""
    return stream_key(block_generator(seed, block, WEIGHTS))


@dataclasses.dataclass
class Sources:
    """Where weights and performance come from, block by block.

    ``weight_kind`` is ``"sampler"`` (``weight_sampler`` draws each block; every
    sampler object checks what it draws), ``"samples"`` (rows of ``weight_array``,
    handed to each block's task with it) or ``"fixed"`` (its one row). ``unchecked``:
    the caller named when given rows are still to be checked (by the workers), else "".
    """

    model: Model
    seed: int
    weight_kind: str
    weight_array: np.ndarray
    weight_sampler: Any
    performance_kind: str  # "fixed", "sampler", "samples"
    performance_array: np.ndarray  # the samples (empty unless "samples")
    performance_sampler: Any
    unchecked: str = ""

    def native(self, block: int, size: int) -> tuple[Any, ...] | None:
        """What the fused kernel needs to draw block ``block`` itself, ``(key, size, order,
        lower, upper, slack)`` (``key`` the uint64 key of the block's random stream, the
        one the sampler's draw takes from the block's generator), for uniform, ordinal,
        interval and Dirichlet weights, and with the polytope appended for constrained ones
        drawn by rejection; else None (the sampler's draw, in this worker)."""
        kind = getattr(self.weight_sampler, "kind", None)
        if self.weight_kind != "sampler" or kind not in NATIVE_KINDS:
            return None
        params = self.weight_sampler.params
        # Writable copies: the kernel compiles once for all the kinds.
        order, lower, upper, slack = _NO_ORDER, _NO_BOUNDS, _NO_BOUNDS, 0.0
        if kind == "ordinal":
            order = np.array(params["order"], dtype=np.intp)
        elif kind == "dirichlet":  # the kernel's Dirichlet branch: slack < 0, alpha in lower
            lower, slack = np.array(params["alpha"], dtype=np.float64), -1.0
        elif kind == "interval":
            lower, upper = np.array(params["lower"]), np.array(params["upper"])
            slack = 1.0 - lower.sum()
            if slack <= 1e-12:
                return None
        polytope = getattr(self.weight_sampler, "kernel_polytope", None)
        if kind == "constrained" and polytope is None:  # hit-and-run
            return None
        drawn = (_weight_key(self.seed, block), size, order, lower, upper, slack)
        return drawn + ((polytope,) if polytope else ())

    def addressable(self) -> bool:
        """Whether the numba engine can tally any run of whole :data:`kern.SUM_CHUNK
        <pathchoice._core.kernels.numpy_kernels.SUM_CHUNK>` chunks of a block on its own:
        weights given or fixed, or drawn in the kernel sample by sample."""
        kind = getattr(self.weight_sampler, "kind", None)
        return self.weight_kind != "sampler" or kind in ADDRESSABLE_KINDS

    def weights(self, block: int, size: int) -> np.ndarray:
        if self.weight_kind == "fixed":
            return np.broadcast_to(self.weight_array[0], (size, self.model.n_criteria))
        return self.weight_sampler.draw(size, block_generator(self.seed, block, WEIGHTS))

    def performance(self, block: int, size: int, stream: int = PERFORMANCE) -> np.ndarray | None:
        """Block ``block``'s performance samples from the sampler (None when fixed); the
        confidence factors' come from ``stream=CONFIDENCE``."""
        if self.performance_kind == "fixed":
            return None
        raw = self.performance_sampler.draw(size, block_generator(self.seed, block, stream))
        p = performance_array(raw, self.model, "smaa: the performance sampler")
        if len(p) != size:
            raise ModelError(
                f"smaa: the performance sampler returned {len(p)} samples for n_samples={size}"
            )
        return p


def task_size(total: int, cores: int) -> int:
    """Samples per task of the numba engine's threads (for an addressable source): whole
    blocks for long runs, halved down to :data:`kern.SUM_CHUNK
    <pathchoice._core.kernels.numpy_kernels.SUM_CHUNK>` until each core has about four
    tasks, so the last ones even out."""
    size = SAMPLE_BLOCK
    while cores > 1 and size > kern.SUM_CHUNK and total < 4 * cores * size:
        size //= 2
    return size


# -- one block -------------------------------------------------------------------------------

_LOCAL = threading.local()


def _workspace(tables: kern.TopsisTables, chunk: int) -> kern.TopsisWorkspace:
    """This thread's numpy TOPSIS workspace: its buffers depend only on the problem's
    shape, so they are reused block after block and run after run."""
    held = getattr(_LOCAL, "workspace", None)
    shape = (tables.a_plus.shape, tables.n_alternatives, chunk)
    if held is None or (held.tables.a_plus.shape, held.tables.n_alternatives, held.chunk) != shape:
        held = _LOCAL.workspace = kern.TopsisWorkspace(tables, tables.a_plus.shape[1], chunk)
    held.tables = tables
    return held


@dataclasses.dataclass(frozen=True)
class BlockJob:
    """Everything a worker needs to tally one block (picklable for process executors)."""

    sources: Sources
    engine: str  # "numpy" or "numba"
    resolved: ResolvedMethod | None
    tables: kern.TopsisTables | None
    options: Mapping[str, Any]
    chunk: int

    def __call__(
        self, block: int, first: int, size: int, rows: np.ndarray | None, tables_p: Any
    ) -> kern.Tally:
        """The tally of samples ``first .. first + size`` of block ``block`` (``first`` is 0
        unless :meth:`Sources.addressable`); ``rows`` and ``tables_p`` are their given
        weight and performance samples, if any."""
        sources, tables = self.sources, self.tables
        model = sources.model
        numba = self.engine == "numba" and tables is not None
        fused = functools.partial(kern.numba_tally, tables, first=first)
        if rows is not None and sources.unchecked:
            if numba:  # checked by the kernel as it lays the rows out; named here
                rows = np.ascontiguousarray(rows, dtype=np.float64)
                found = fused(rows, tol=_KERNEL_SUM_TOLERANCE)
                if found is not None:
                    return found
            start = block * SAMPLE_BLOCK + first
            check_row_block(rows, start, model.criterion_names, sources.unchecked)
        native = sources.native(block, size) if numba and rows is None else None
        found = fused(drawn=native) if native is not None else None
        if found is not None:
            return found
        w_block = rows if rows is not None else sources.weights(block, size)
        if numba:
            return fused(np.ascontiguousarray(w_block, dtype=np.float64))  # type: ignore[return-value]
        p_block = tables_p if tables_p is not None else sources.performance(block, size)
        if tables is not None and p_block is None:  # TOPSIS with fixed performance
            tally = kern.Tally(*model.shape, tables.group, tables.mult)
            workspace = _workspace(tables, min(self.chunk, SAMPLE_BLOCK))
            for lo in range(0, size, self.chunk):
                workspace.tally(tally, w_block[lo : lo + self.chunk])
            return tally
        tally = kern.Tally.plain(*model.shape)
        for lo in range(0, size, self.chunk):
            w = w_block[lo : lo + self.chunk]
            p = None if p_block is None else p_block[lo : lo + self.chunk]
            if tables is not None:
                _, keys = performance_topsis(p, w, model.types > 0, self.options["normalization"])
            else:
                scores, higher = method_scores(self.resolved, model, w, p, self.options)  # type: ignore[arg-type]
                keys = scores if higher else -scores
            tally.add_keys(keys, w)
        return tally


# -- running the blocks ------------------------------------------------------------------------


@functools.cache
def _cores() -> int:
    """The cores this process may run on (when first asked: the threads are made then)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


@functools.cache
def _threads() -> ThreadPoolExecutor:
    """The numba engine's threads, one per core, made once per process."""
    return ThreadPoolExecutor(max_workers=_cores(), thread_name_prefix="pathchoice")


def ordered_map(
    executor: Executor | None, function: Callable[..., Any], items: Iterable[tuple[Any, ...]],
    ahead: int = 64,
) -> Iterator[Any]:  # fmt: skip
    """``function(*item)`` for each item, in order; on ``executor`` with at most
    ``ahead`` tasks in flight (memory stays bounded), or here when it is None."""
    if executor is None:
        for item in items:
            yield function(*item)
        return
    pending: deque[Future[Any]] = deque()
    try:
        for item in items:
            pending.append(executor.submit(function, *item))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def run_blocks(
    tally: kern.Tally, job: BlockJob, total: int, advance: Callable[[int], None],
    executor: Executor | None = None,
) -> None:  # fmt: skip
    """Tally ``total`` samples into ``tally``, block by block in block order: on
    ``executor``, else the numba engine on its threads (one per core; a short run's blocks
    cut in tasks of :func:`task_size` when the source is addressable) and the numpy
    engine here (threads gain nothing there: the many small numpy calls of a chunk hold
    the GIL; measured, two threads made 10,000-sample runs twice as slow and
    300,000-sample runs no faster)."""
    sources = job.sources
    own = executor is None and job.engine == "numba"
    step = task_size(total, _cores()) if own and sources.addressable() else SAMPLE_BLOCK
    tasks = [  # (block, its first sample in the task, the run's, the task's samples)
        (start // SAMPLE_BLOCK, first, start + first, min(step, total - start - first))
        for start in range(0, total, SAMPLE_BLOCK)
        for first in range(0, min(SAMPLE_BLOCK, total - start), step)
    ]
    # Given samples travel with their task, so a task sent away carries only its own rows.
    given_w = sources.weight_kind == "samples"
    given_p = sources.performance_kind == "samples"
    empty = {"weight_array": sources.weight_array[:0]} if given_w else {}
    if given_p:
        empty["performance_array"] = sources.performance_array[:0]
    if empty and not own:
        job = dataclasses.replace(job, sources=dataclasses.replace(sources, **empty))
    items = (
        (
            b, first, size,
            sources.weight_array[start : start + size] if given_w else None,
            sources.performance_array[start : start + size] if given_p else None,
        )
        for b, first, start, size in tasks
    )  # fmt: skip
    if own:
        return _share(tally, job, list(items), advance)
    for (*_, size), part in zip(tasks, ordered_map(executor, job, items), strict=True):
        tally.merge(part)
        advance(size)


def _share(
    tally: kern.Tally, job: BlockJob, items: list[tuple[Any, ...]], advance: Callable[[int], None]
) -> None:
    """The numba engine's tasks on this thread and ``cores - 1`` of its threads: each takes
    the next task, and whoever finishes one merges the finished ones in task order, so the
    calling thread neither hands out nor merges tasks one by one. At most ``4 * cores``
    tasks wait to be merged; progress is reported in this thread; the first failing task
    (in task order) raises."""
    done: list[Any] = [None] * len(items)
    lock, ahead = threading.Condition(), 4 * _cores()
    taken = merged = samples = reported = 0
    error: BaseException | None = None

    def may_take() -> bool:
        return taken - merged < ahead or error is not None

    def runner(here: bool) -> None:
        nonlocal taken, merged, samples, reported, error
        while True:
            with lock:
                lock.wait_for(may_take)
                if taken >= len(items) or error is not None:
                    return
                i, taken = taken, taken + 1
            try:
                part: Any = job(*items[i])
            except BaseException as err:  # raised once the tasks before it are merged
                part = err
            with lock:
                done[i] = part
                while merged < taken and done[merged] is not None and error is None:
                    part, done[merged] = done[merged], None
                    if isinstance(part, BaseException):
                        error = part
                    else:
                        tally.merge(part)
                        samples, merged = samples + items[merged][2], merged + 1
                lock.notify_all()
                now = samples
            if here and now > reported:
                advance(now - reported)
                reported = now

    helpers = [_threads().submit(runner, False) for _ in range(min(_cores(), len(items)) - 1)]
    try:
        runner(True)
    except BaseException as err:  # an interrupt: stop the helpers too
        with lock:
            error = error or err
            lock.notify_all()
        raise
    finally:
        for helper in helpers:
            if not helper.cancel():
                helper.result()
    if error is not None:
        raise error
    if samples > reported:
        advance(samples - reported)


def choose_engine(engine: str, fixed_topsis: bool, total: int, resolved: ResolvedMethod,
                  performance_kind: str) -> str:  # fmt: skip
    """The engine of a run: ``engine`` (one of :data:`ENGINES`, checked by the caller)
    made concrete; "numba" only for TOPSIS with fixed performance, and for "auto" only
    when the run is long enough to repay the compile (or it is done)."""
    if engine == "numba" and not fixed_topsis:
        raise MethodError(
            "smaa: engine='numba' runs TOPSIS with fixed performance only (got "
            f"method={resolved.label!r}, performance {performance_kind}); use "
            "engine='numpy' or 'auto'"
        )
    long_enough = total >= NUMBA_AUTO_MIN or kern.numba_compiled()
    if engine == "numpy" or (engine == "auto" and not (fixed_topsis and long_enough)):
        return "numpy"
    if not kern.numba_available():
        problem = (
            "needs the numba package, which is not installed; install it with "
            "`pip install pathchoice[fast]`"
        )
    else:
        try:
            kern.numba_kernels()
            return "numba"
        except ImportError as err:
            problem = f"could not import numba ({err})"
    if engine == "auto":
        return "numpy"
    raise MethodError(f"smaa: engine='numba' {problem}; engine='numpy' gives the same results")
