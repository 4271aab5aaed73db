"""The evaluate step: rank a model's alternatives under many sampled weight vectors.

:func:`evaluate` is the middle of sample → evaluate → analyse. It takes the
samples of any sampler of :mod:`.sampling` (or the user's own), ranks the
alternatives for each, and returns a :class:`~pathchoice.results.BatchRankingResult`
that :func:`~pathchoice.sensitivity.smaa.analyse_ranks` turns into SMAA
statistics. The ranking may be pathchoice's batched TOPSIS, any method of
:data:`pathchoice.ranking.METHODS` (pymcdm's, one call per sample), or the
user's own model as a plain function of the weights.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._core.kernels import numpy_kernels as kern
from .._core.topsis import closeness, normalize, ordered_distances, separations
from .._validate import as_count, as_executor
from ..exceptions import ArgumentError, MethodError, ModelError, WeightsError
from ..model import Model
from ..ranking.methods import METHODS, rank_batch
from ..ranking.topsis import NORMALIZATIONS, ZERO_RANGE_RULES, topsis, zero_range_findings
from ..results import BatchRankingResult, RankingResult, rank_scores
from .sampling.inputs import performance_array, performance_input, weight_input
from .sampling.samples import PerformanceSamples, WeightSamples

__all__ = ["Progress", "evaluate", "performance_array"]

#: A progress report: ``progress(done, total)`` after each chunk, or True for a tqdm bar.
Progress = Callable[[int, int], Any] | bool | Literal["tqdm"] | None

# Chunks of the per-sample loop of pymcdm methods and user callables (progress granularity).
LOOP_CHUNK = 1024
# Bytes of the (c, m, n) temporaries of TOPSIS with sampled performance.
_PERFORMANCE_BYTES = 1 << 21


# -- shared helpers (also used by smaa) ----------------------------------------------------


def progress_reporter(
    progress: Progress, total: int, description: str
) -> tuple[Callable[[int], None], Callable[[], None]]:
    """``(advance(k), close())`` for a progress argument.

    None or False: no report; True (or "tqdm"): a tqdm bar; a callable:
    ``progress(done, total)`` after each chunk.
    """
    if progress is None or progress is False:
        return (lambda _k: None), (lambda: None)
    if progress is True or progress == "tqdm":
        try:
            from tqdm.auto import tqdm
        except ImportError:
            raise ArgumentError(
                f"{description}: progress=True shows a tqdm bar, but tqdm is not installed; "
                "install it with `pip install pathchoice[progress]` or pass a callable "
                "progress(done, total)"
            ) from None
        bar = tqdm(total=total, desc=description, unit="sample", unit_scale=True)
        return bar.update, bar.close
    if isinstance(progress, str) or not callable(progress):
        raise ArgumentError(
            f"{description}: progress must be None, True/False (a tqdm bar) or a callable "
            f"progress(done, total) (got {progress!r})"
        )
    done = 0

    def advance(k: int) -> None:
        nonlocal done
        done += k
        progress(done, total)

    return advance, (lambda: None)


def check_chunk_size(chunk_size: object, where: str) -> int | None:
    if chunk_size is None:
        return None
    return as_count(chunk_size, "chunk_size", where=where, minimum=1)


@dataclass(frozen=True)
class ResolvedMethod:
    """A ranking method resolved from a name or a callable."""

    label: str
    kind: Literal["topsis", "registered", "callable"]
    function: Callable[..., Any]


def resolve_method(method: object, where: str) -> ResolvedMethod:
    if isinstance(method, str):
        if method not in METHODS:
            raise MethodError(
                f"{where}: unknown ranking method {method!r}; known: {sorted(METHODS)}"
            )
        function = METHODS[method]
        kind: Literal["topsis", "registered", "callable"] = (
            "topsis" if function is topsis else "registered"
        )
        return ResolvedMethod(method, kind, function)
    if callable(method):
        label = getattr(method, "__name__", type(method).__name__)
        return ResolvedMethod(label, "callable", method)
    raise MethodError(
        f"{where}: method must be a name from pathchoice.ranking.METHODS or a callable "
        f"method(model, weights_2d) -> scores (got {type(method).__name__})"
    )


def topsis_options(options: Mapping[str, Any], where: str) -> dict[str, Any]:
    unknown = [k for k in options if k not in ("normalization", "zero_range")]
    if unknown:
        raise MethodError(
            f"{where}: method 'topsis' does not take option(s) {unknown}; "
            "its options are ['normalization', 'zero_range']"
        )
    normalization = options.get("normalization", "vector")
    zero_range = options.get("zero_range", "ignore")
    if normalization not in NORMALIZATIONS:
        raise MethodError(
            f"{where}: normalization must be one of {list(NORMALIZATIONS)} (got {normalization!r})"
        )
    if zero_range not in ZERO_RANGE_RULES:
        raise MethodError(
            f"{where}: zero_range must be one of {list(ZERO_RANGE_RULES)} (got {zero_range!r})"
        )
    return {"normalization": normalization, "zero_range": zero_range}


def topsis_model_tables(
    model: Model, normalization: str, zero_range: str
) -> tuple[kern.TopsisTables, tuple[str, ...]]:
    """The model's TOPSIS separation tables (identical rows merged) and zero-range findings."""
    matrix = model.matrix
    r, ideal, anti, zero = normalize(matrix, model.types > 0, normalization)
    findings = zero_range_findings(model, zero, zero_range, matrix)
    a_plus, a_minus = separations(r, ideal, anti, zero)
    return kern.topsis_tables(a_plus, a_minus), findings


def performance_chunk(model: Model) -> int:
    return max(16, _PERFORMANCE_BYTES // (8 * model.n_alternatives * model.n_criteria))


# -- TOPSIS with sampled performance (array core) -----------------------------------------


def performance_topsis(
    p: np.ndarray, w: np.ndarray, benefit: np.ndarray, normalization: str
) -> tuple[np.ndarray, np.ndarray]:
    """Closeness and canonical ratio ``q``, each ``(c, m)``, for tables ``p`` (c, m, n).

    ``w`` is ``(c, n)`` (one weight vector per table) or ``(n,)``. The
    normalisation, ideal and anti-ideal are those of each sampled table; the
    squared distances are summed over the criteria in order, elementwise, so
    equal rows of a table get equal distances and tie.
    """
    r, ideal, anti, zero = normalize(p, benefit, normalization)
    a_plus, a_minus = separations(r, ideal, anti, zero)
    w2 = np.broadcast_to(w * w, (p.shape[0], p.shape[2])).T[:, :, None]
    # [criterion, table, alternative], added in criterion order (the canonical order)
    d_plus, d_minus = (ordered_distances(w2, a.transpose(2, 0, 1)) for a in (a_plus, a_minus))
    return closeness(d_plus, d_minus), kern.ratio(d_plus, d_minus)


# -- other methods, one sample at a time ------------------------------------------------------


def _callable_scores(
    resolved: ResolvedMethod, model: Model, w: np.ndarray, options: Mapping[str, Any]
) -> tuple[np.ndarray, bool]:
    """Scores ``(c, m)`` and direction from a registered method or a user callable."""
    registered = resolved.kind == "registered"
    out = (
        rank_batch(model, w, resolved.function, **options)
        if registered
        else resolved.function(model, w, **options)
    )
    if isinstance(out, BatchRankingResult):
        return np.asarray(out.scores, dtype=np.float64), bool(out.higher_is_better)
    if isinstance(out, RankingResult):
        return out.scores.to_numpy(dtype=np.float64)[None, :], bool(out.higher_is_better)
    try:
        scores = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        raise MethodError(
            f"method {resolved.label!r} returned {type(out).__name__}; expected scores of shape "
            f"({len(w)}, {model.n_alternatives}) or a BatchRankingResult"
        ) from None
    if scores.ndim == 1 and len(w) == 1:
        scores = scores[None, :]
    if scores.shape != (len(w), model.n_alternatives):
        raise MethodError(
            f"method {resolved.label!r} returned scores of shape {scores.shape}, expected "
            f"({len(w)}, {model.n_alternatives}) (one row per weight vector, one column per "
            "alternative)"
        )
    if not np.isfinite(scores).all():
        raise MethodError(f"method {resolved.label!r} returned non-finite scores")
    return scores, bool(getattr(resolved.function, "higher_is_better", True))


def method_scores(
    resolved: ResolvedMethod,
    model: Model,
    w: np.ndarray,
    p: np.ndarray | None,
    options: Mapping[str, Any],
) -> tuple[np.ndarray, bool]:
    """Scores ``(c, m)`` of a non-TOPSIS method for weight rows ``w`` (and tables ``p``)."""
    if p is None:
        return _callable_scores(resolved, model, w, options)
    rows = []
    direction = True
    for k in range(len(p)):
        sample = model.with_performance(p[k])
        scores, direction = _callable_scores(resolved, sample, w[k : k + 1], options)
        rows.append(scores[0])
    return np.asarray(rows).reshape(len(p), model.n_alternatives), direction


# -- public shell ------------------------------------------------------------------------------


def evaluate(
    model: Model,
    weights: WeightSamples | pd.DataFrame | np.ndarray,
    *,
    method: str | Callable[..., Any] = "topsis",
    performance: PerformanceSamples | np.ndarray | None = None,
    chunk_size: int | None = None,
    progress: Progress = None,
    executor: Executor | None = None,
    **options: Any,
) -> BatchRankingResult:
    """Rank the alternatives under each sampled weight vector (and performance table).

    The batch counterpart of :func:`pathchoice.ranking.rank` (one weight
    vector): one :class:`~pathchoice.results.BatchRankingResult` whatever the
    number of samples.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : WeightSamples, DataFrame or numpy.ndarray
        Weight samples, one row per sample: labelled samples from any sampler
        of :mod:`pathchoice.sensitivity.sampling` (columns matched by name), a
        DataFrame with one column per criterion, or a 2-D numpy array whose
        columns are the model's criteria **in criterion order** (its width is
        checked). With ``performance``, one row (or :class:`FixedWeights
        <pathchoice.sensitivity.sampling.FixedWeights>`) is used with every
        performance sample.
    method : str or callable, default "topsis"
        ``"topsis"``: pathchoice's batched TOPSIS (options ``normalization``,
        ``zero_range``). Any other name of :data:`pathchoice.ranking.METHODS`
        (pymcdm's methods): called once per sample — a Python loop, about
        3,500 samples per second on 12 × 12, but exact. Or your own model:
        ``method(model, weights_2d, **options)`` returning scores of shape
        ``(len(weights_2d), n_alternatives)`` (higher is better unless the
        callable has ``higher_is_better = False``) or a
        :class:`~pathchoice.results.BatchRankingResult`.
    performance : PerformanceSamples or numpy.ndarray, optional
        Sampled performance tables, shape (K, n_alternatives, n_criteria)
        (e.g. from :func:`~pathchoice.sensitivity.sampling.performance_samples`),
        paired row by row with the weights. TOPSIS normalises each table on its
        own; other methods get ``model.with_performance(table)`` per sample.
    chunk_size : int, optional
        Samples per batch (bounds memory; default from the problem's size).
    progress : callable, bool or None
        ``progress(done, total)`` after each chunk, or True for a tqdm bar.
    executor : concurrent.futures.Executor, optional
        Where the chunks of a method other than TOPSIS are scored: a process
        pool, or ``client.get_executor()`` of a Dask cluster, for a slow
        policy model (the method and model must be picklable; ``chunk_size``
        sets the samples per task). The result is identical to the run
        without it. TOPSIS runs here, batched.
    **options
        The method's options.

    Returns
    -------
    BatchRankingResult
        ``scores`` and integer ``ranks`` (1 = best, ties share the best rank)
        of shape (K, n_alternatives), the weights used, ``options`` (the
        method's options and ``performance``: ``"fixed"`` or ``"sampled"``).

    Raises
    ------
    MethodError
        Unknown method or option, a callable returning scores of the wrong shape.
    ArgumentError
        Bad ``chunk_size``, ``progress`` or ``executor``.
    WeightsError, UnknownNameError
        Malformed weights, or a sampler instead of samples.
    ModelError
        Performance samples of the wrong shape or non-finite, or a number of
        them that does not match the weights.
    ZeroRangeError
        TOPSIS with ``zero_range="raise"`` on a model with a constant criterion.

    Notes
    -----
    TOPSIS ranks are computed on the ratio of squared distances ``D- / D+``
    (no square roots), canonically: the same ranks as
    :func:`~pathchoice.sensitivity.smaa.smaa` for the same weights, whatever
    the chunking or engine (see :mod:`pathchoice._core.kernels.numpy_kernels`). They
    match the ranks of the closeness scores except for scores within about
    1e-15 of each other. Identical alternatives always tie.

    Examples
    --------
    >>> from pathchoice import Model
    >>> from pathchoice.sensitivity.sampling import uniform_weights
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    >>> result = evaluate(model, uniform_weights(model, n_samples=1000, rng=0))
    >>> result.ranks.shape
    (1000, 3)
    >>> def weighted_sum(model, w):
    ...     return w @ model.matrix.T
    >>> evaluate(model, np.array([[0.5, 0.5], [0.9, 0.1]]), method=weighted_sum).ranks
    array([[2, 1, 2],
           [3, 2, 1]])
    """
    where = "evaluate"
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    resolved = resolve_method(method, where)
    executor = as_executor(executor, where=where)
    size = check_chunk_size(chunk_size, where)
    given = weight_input(weights, model, where)
    if given.kind == "sampler":
        raise WeightsError(
            f"{where}: weights must be samples, not a sampler ({given.description}); draw "
            "them first with sampler.sample(n_samples=..., rng=...), or use smaa()"
        )
    w = given.array
    perf_kind, _, perf = performance_input(performance, model, where)
    if perf_kind == "sampler":
        raise ArgumentError(
            f"{where}: performance must be samples, not a sampler; draw them first with "
            "sampler.sample(n_samples=..., rng=...)"
        )
    p = None if perf_kind == "fixed" else perf
    if p is None and given.kind == "fixed":
        raise WeightsError(
            f"{where}: fixed weights need performance samples; to rank one weight vector "
            "use pathchoice.rank(model, weights)"
        )
    if p is not None:
        if len(w) == 1:
            w = np.ascontiguousarray(np.broadcast_to(w, (len(p), model.n_criteria)))
        elif len(w) != len(p):
            raise ModelError(
                f"{where}: {len(w)} weight samples but {len(p)} performance samples; give as "
                "many of each (or one weight vector for every performance sample)"
            )
    total, m = len(w), model.n_alternatives
    scores = np.empty((total, m))
    ranks = np.empty((total, m), dtype=np.int64)
    findings: tuple[str, ...] = ()
    used: dict[str, Any] = {}
    higher = True
    advance, close = progress_reporter(progress, total, "evaluate")
    try:
        if resolved.kind == "topsis":
            used = topsis_options(options, where)
            tables, findings = topsis_model_tables(model, **used)
            if p is None:
                step = size or kern.default_chunk(tables.n_groups)
                workspace = kern.TopsisWorkspace(tables, model.n_criteria, min(step, total))
                for start in range(0, total, step):
                    stop = min(start + step, total)
                    scores[start:stop], ranks[start:stop] = workspace.scores_ranks(w[start:stop])
                    advance(stop - start)
            else:
                benefit = model.types > 0
                step = size or performance_chunk(model)
                for start in range(0, total, step):
                    stop = min(start + step, total)
                    s, q = performance_topsis(
                        p[start:stop], w[start:stop], benefit, used["normalization"]
                    )
                    scores[start:stop] = s
                    ranks[start:stop] = rank_scores(q)
                    advance(stop - start)
        else:
            from ._engines import ordered_map  # (_engines imports this module)

            step = size or LOOP_CHUNK
            bounds = [(start, min(start + step, total)) for start in range(0, total, step)]
            items = ((w[a:b], None if p is None else p[a:b], options) for a, b in bounds)
            score = functools.partial(method_scores, resolved, model)
            for (start, stop), (s, higher) in zip(
                bounds, ordered_map(executor, score, items), strict=True
            ):
                scores[start:stop] = s
                ranks[start:stop] = rank_scores(s, higher_is_better=higher)
                advance(stop - start)
            used = {k: v for k, v in options.items()}
    finally:
        close()
    used["performance"] = "fixed" if p is None else "sampled"
    return BatchRankingResult(
        method=resolved.label,
        scores=scores,
        ranks=ranks,
        weights=w,
        alternatives=model.alternatives,
        criteria=model.criterion_names,
        higher_is_better=higher,
        options=used,
        findings=findings,
    )
