"""SMAA-2: stochastic multicriteria acceptability analysis of a ranking.

:func:`smaa` samples weights (and optionally performance), ranks the
alternatives for every sample and reports, with standard errors, the SMAA-2
statistics of Lahdelma & Salminen (2001):

* the rank acceptability index ``b_i^r``: the share of samples in which
  alternative ``i`` takes rank ``r``;
* the central weight vector ``w_i^c``: the mean of the weight vectors that
  put ``i`` first;
* the confidence factor ``p_i^c``: the probability that ``i`` is first when
  ranked with its own central weights, over the performance uncertainty;
* the pairwise winning index ``c_ik``: the share of samples in which ``i``
  ranks above ``k`` (Leskinen et al. 2006);
* the expected rank ``sum_r r * b_i^r``.

:func:`analyse_ranks` computes the same from ranks the user produced (the
"analyse" step after :func:`~pathchoice.sensitivity.evaluate.evaluate` or
after their own policy model).

Runs are streamed: samples are drawn and ranked block by block and only
integer counts are kept, so memory does not grow with ``n_samples`` (10
million samples of a 12 × 12 problem peak below 30 MB; the figures are in
``docs/smaa.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.kernels import numpy_kernels as kern
from .._display import FrameDisplay
from ..exceptions import ModelError, PathchoiceError, WeightsError
from ..model import Model
from ..results import BatchRankingResult
from ..weights import check_weights
from ._engines import (
    ENGINES,
    SAMPLE_BLOCK,
    Engine,
    Sources,
    check_executor,
    choose_engine,
    is_sampler,
    run_numba,
    run_numpy,
)
from .evaluate import (
    LOOP_CHUNK,
    Progress,
    ResolvedMethod,
    check_chunk_size,
    method_scores,
    performance_array,
    performance_chunk,
    performance_topsis,
    progress_reporter,
    resolve_method,
    topsis_model_tables,
    topsis_options,
    weight_samples,
)

__all__ = ["ENGINES", "SAMPLE_BLOCK", "SMAAResult", "analyse_ranks", "smaa"]

#: Default number of performance samples behind each confidence factor.
CONFIDENCE_SAMPLES = 10_000


@dataclass(frozen=True)
class SMAAResult(FrameDisplay):
    """SMAA-2 statistics of a ranking under weight (and performance) uncertainty.

    Attributes
    ----------
    rank_acceptability : DataFrame
        ``b_i^r``: alternatives × ranks 1..m, each row and each column summing
        to 1. A tie of ``s`` alternatives at rank ``r`` gives each of them
        ``1/s`` of ranks ``r..r+s-1`` (the average over a random tie-break).
    rank_acceptability_se : DataFrame
        Binomial standard errors ``sqrt(b (1 - b) / N)``.
    central_weights : DataFrame
        ``w_i^c``: alternatives × criteria; NaN rows for alternatives never
        ranked first (shared first places count with their share).
    confidence_factors : Series
        ``p_i^c``: the probability that the alternative is first when ranked
        with its central weights, over the performance uncertainty; with
        fixed performance it is 1 or 0 (or 1/s in an s-way tie). NaN where
        the central weights are NaN or there is no model (analyse_ranks).
    pairwise_winning : DataFrame
        ``c_ik``: the share of samples where the row alternative ranks
        strictly above the column alternative (ties count for neither).
    pairwise_winning_se : DataFrame
        Binomial standard errors.
    expected_rank : Series
        ``sum_r r * b_i^r``.
    expected_rank_se : Series
        Standard error of the mean rank, ``sqrt(var / N)`` with ``var =
        sum_r r**2 b_i^r - expected_rank**2``.
    n_samples : int
        Number of samples ``N``.
    method : str
        The ranking method.
    options : mapping
        How the run was made: the method's options, ``engine``, ``weights``
        (``"uniform"``, ``"sampler"``, ``"samples"`` or ``"fixed"``),
        ``performance`` (``"fixed"``, ``"sampler"`` or ``"samples"``),
        ``confidence_samples``, ``near_ties`` (samples in which two alternatives'
        closeness ratios were within a relative 2**-20 of each other: ranked
        exactly, the only samples in which engines may count differently).
    findings : tuple of str
        Soft findings: identical alternatives, alternatives never first,
        zero-range criteria.
    """

    rank_acceptability: pd.DataFrame
    rank_acceptability_se: pd.DataFrame
    central_weights: pd.DataFrame
    confidence_factors: pd.Series
    pairwise_winning: pd.DataFrame
    pairwise_winning_se: pd.DataFrame
    expected_rank: pd.Series
    expected_rank_se: pd.Series
    n_samples: int
    method: str
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    @property
    def first_rank_acceptability(self) -> pd.Series:
        """``b_i^1``: the share of samples in which each alternative is first."""
        return self.rank_acceptability[1].rename("first_rank_acceptability")

    @property
    def alternatives(self) -> tuple[str, ...]:
        return tuple(self.rank_acceptability.index)

    def holistic_acceptability(self, meta_weights: npt.ArrayLike | None = None) -> pd.Series:
        """``a_i^h = sum_r alpha_r b_i^r`` with meta-weights ``alpha`` (Lahdelma & Salminen 2001).

        Default meta-weights are the centroid weights
        ``alpha_r = (1/m) sum_{k=r..m} 1/k`` (decreasing, summing to 1).
        """
        m = len(self.rank_acceptability.columns)
        if meta_weights is None:
            alpha = np.cumsum((1.0 / np.arange(1, m + 1))[::-1])[::-1] / m
        else:
            alpha = np.asarray(meta_weights, dtype=np.float64)
            if alpha.shape != (m,) or not np.isfinite(alpha).all():
                raise WeightsError(
                    f"holistic_acceptability: meta_weights must be {m} finite numbers, one per "
                    f"rank (got shape {alpha.shape})"
                )
        return pd.Series(
            self.rank_acceptability.to_numpy() @ alpha,
            index=self.rank_acceptability.index,
            name="holistic_acceptability",
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative (model order): the headline statistics, then ``b_i^r``.

        Columns: ``first_rank_acceptability``, ``first_rank_acceptability_se``,
        ``expected_rank``, ``expected_rank_se``, ``confidence_factor``, then
        ``rank_1`` .. ``rank_m`` (the rank acceptability indices).
        """
        head = pd.DataFrame(
            {
                "first_rank_acceptability": self.rank_acceptability[1],
                "first_rank_acceptability_se": self.rank_acceptability_se[1],
                "expected_rank": self.expected_rank,
                "expected_rank_se": self.expected_rank_se,
                "confidence_factor": self.confidence_factors,
            }
        )
        ranks = self.rank_acceptability.copy()
        ranks.columns = [f"rank_{r}" for r in ranks.columns]
        return pd.concat([head, ranks], axis=1)

    def __str__(self) -> str:
        frame = self.to_frame().iloc[:, :5].sort_values("expected_rank", kind="stable")
        head = f"SMAA-2 ({self.method}, {self.n_samples:,} samples)"
        return f"{head}\n{frame.to_string(float_format=lambda x: f'{x:.4f}')}"

    def _display_frame(self) -> pd.DataFrame:
        return self.to_frame().sort_values("expected_rank", kind="stable")


# -- assembling a result ---------------------------------------------------------------------


def _result(
    tally: kern.Tally,
    alternatives: tuple[str, ...],
    criteria: tuple[str, ...],
    confidence: np.ndarray,
    method: str,
    options: Mapping[str, Any],
    findings: list[str],
) -> SMAAResult:
    final = tally.finalize()
    total = tally.n_samples
    m = len(alternatives)
    acc = final["acceptability"]
    win = final["winning"]
    alt_index = pd.Index(alternatives, name="alternative")
    rank_index = pd.Index(np.arange(1, m + 1), name="rank")
    ranks = np.arange(1, m + 1, dtype=np.float64)
    mean = acc @ ranks
    var = np.maximum(acc @ ranks**2 - mean**2, 0.0)
    never = [a for a, credit in zip(alternatives, final["first"], strict=True) if credit == 0]
    if never:
        findings.append(
            f"alternatives {never} were never ranked first: their central weights and "
            "confidence factors are NaN"
        )

    def se(p: np.ndarray) -> np.ndarray:
        return np.sqrt(np.clip(p * (1.0 - p), 0.0, None) / total)

    return SMAAResult(
        rank_acceptability=pd.DataFrame(acc, index=alt_index, columns=rank_index),
        rank_acceptability_se=pd.DataFrame(se(acc), index=alt_index, columns=rank_index),
        central_weights=pd.DataFrame(
            final["central"], index=alt_index, columns=pd.Index(criteria, name="criterion")
        ),
        confidence_factors=pd.Series(confidence, index=alt_index, name="confidence_factor"),
        pairwise_winning=pd.DataFrame(
            win, index=alt_index, columns=pd.Index(alternatives, name="other")
        ),
        pairwise_winning_se=pd.DataFrame(
            se(win), index=alt_index, columns=pd.Index(alternatives, name="other")
        ),
        expected_rank=pd.Series(mean, index=alt_index, name="expected_rank"),
        expected_rank_se=pd.Series(np.sqrt(var / total), index=alt_index, name="expected_rank_se"),
        n_samples=total,
        method=method,
        options=dict(options),
        findings=tuple(findings),
    )


def _first_share(keys: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per row, the share of first place of alternative ``target[row]`` (1/s in an s-way tie)."""
    top = keys.max(axis=1, keepdims=True)
    at_top = keys == top
    mine = at_top[np.arange(len(keys)), target]
    return mine / at_top.sum(axis=1)


# -- public shell --------------------------------------------------------------------------


def smaa(
    model: Model,
    weights: Any = None,
    *,
    n_samples: int = 10_000,
    method: str | Callable[..., Any] = "topsis",
    performance: Any = None,
    rng: int | np.random.Generator | None = None,
    chunk_size: int | None = None,
    progress: Progress = None,
    engine: Engine = "auto",
    confidence_samples: int | None = None,
    executor: Executor | None = None,
    **options: Any,
) -> SMAAResult:
    """SMAA-2 rank acceptability, central weights, confidence factors and winning indices.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : None, array_like, DataFrame, vector or callable
        ``None``: uniform on the simplex (no preference information), drawn
        inside the run. An ``(N, n_criteria)`` array or DataFrame: the samples
        themselves (``n_samples`` is then ignored). One weight vector: fixed
        weights (only the performance varies). A sampler: a callable
        ``sampler(n_samples=k, rng=generator)`` returning ``(k, n_criteria)``
        samples, e.g. ``functools.partial(dirichlet_weights, w, 100)`` or
        ``functools.partial(ahp_judgement_weights, hierarchy,
        criteria=model.criterion_names)``; it is called once per block.
    n_samples : int, default 10,000
        Number of samples when they are drawn inside the run.
    method : str or callable, default "topsis"
        As for :func:`~pathchoice.sensitivity.evaluate.evaluate`: TOPSIS, any
        name of :data:`pathchoice.ranking.METHODS` (one call per sample), or
        ``method(model, weights_2d) -> scores``.
    performance : None, array or callable
        ``None``: the model's values. An ``(N, m, n)`` array of sampled
        tables, or a sampler ``sampler(n_samples=k, rng=generator)`` such as
        ``functools.partial(performance_samples, model, intervals=(lo, hi))``.
    rng : int, Generator or None
        Seed or generator. The run draws one integer from it and derives an
        independent child stream for each block of 65,536 samples (weights,
        performance and the confidence factors each their own), so results
        do not depend on ``chunk_size`` or ``engine``: block ``b``'s uniform
        weights are ``uniform_weights(size, n, rng=child)``.
    chunk_size : int, optional
        Samples ranked at once by the numpy engine (bounds temporary memory;
        default from the problem's size). The numba engine works per block.
    progress : callable, "tqdm" or None
        ``progress(done, total)`` after each chunk or block, or a tqdm bar
        (needs ``pathchoice[progress]``).
    engine : {"auto", "numpy", "numba"}, default "auto"
        ``"numba"``: a fused, compiled kernel on all cores (``pathchoice[fast]``)
        for TOPSIS with fixed performance; ``"numpy"``: batched numpy.
        Both give identical counts (ranks, winning indices, acceptabilities);
        central weights agree to rounding (about 1e-15). ``"auto"``: numba
        when it is installed, applicable, and the run is long enough to repay
        its one-off compile (200,000 samples, or already compiled).
    confidence_samples : int, optional
        Performance samples behind each confidence factor when performance is
        uncertain (default ``min(N, 10,000)``).
    executor : concurrent.futures.Executor, optional
        Where the blocks of samples are ranked: a process pool, or
        ``client.get_executor()`` of a Dask cluster, to spread a long run or a
        slow ``method`` over processes or machines (the method, samplers and
        model must then be picklable). The result is identical to the run
        without it for the same seed. Default: the engine's own threads.
    **options
        The method's options (``normalization="minmax"`` for TOPSIS, ...).

    Returns
    -------
    SMAAResult

    Raises
    ------
    MethodError
        Unknown method, option or engine; ``engine="numba"`` without numba
        or for a case it does not run; bad ``chunk_size`` or ``progress``.
    WeightsError, UnknownNameError
        Malformed weight samples (also from a sampler).
    ModelError
        Malformed performance samples, or counts of weight and performance
        samples that differ.
    PathchoiceError
        ``n_samples`` not a positive integer.

    Notes
    -----
    TOPSIS ranks by the ratio of squared distances ``D- / D+`` (the same
    order as the closeness, without square roots) computed canonically, so
    the ranks are a function of the weights alone; see
    :mod:`pathchoice._core.kernels.numpy_kernels`. The confidence factor is computed
    by ranking with each central weight vector: over ``confidence_samples``
    performance samples, or once with fixed performance (then 1 or 0).

    References
    ----------
    .. [1] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic
       multicriteria acceptability analysis for group decision making.
       *Operations Research*, 49(3), 444–454.
    .. [2] Tervonen, T., & Figueira, J. R. (2008). A survey on stochastic
       multicriteria acceptability analysis methods. *Journal of
       Multi-Criteria Decision Analysis*, 15(1–2), 1–14.
    .. [3] Tervonen, T., & Lahdelma, R. (2007). Implementing stochastic
       multicriteria acceptability analysis. *European Journal of
       Operational Research*, 178(2), 500–513.
    .. [4] Leskinen, P., Viitanen, J., Kangas, A., & Kangas, J. (2006).
       Alternatives to incorporate uncertainty and risk attitude in
       multicriteria evaluation of forest plans. *Forest Science*, 52(3),
       304–312. (Pairwise winning indices.)

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    >>> result = smaa(model, n_samples=20_000, rng=1)
    >>> result.rank_acceptability.sum(axis=1).round(12).tolist()
    [1.0, 1.0, 1.0]
    >>> result.first_rank_acceptability.round(2).tolist()
    [0.38, 0.25, 0.37]
    """
    where = "smaa"
    executor = check_executor(executor, where)
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    resolved = resolve_method(method, where)
    size = check_chunk_size(chunk_size, where)
    m, n = model.shape

    weight_kind, weight_array, weight_sampler = "uniform", np.empty((0, n)), None
    if is_sampler(weights):
        weight_kind, weight_sampler = "sampler", weights
    elif weights is not None:
        weight_array = weight_samples(weights, model, where)
        one_vector = not isinstance(weights, pd.DataFrame) and np.ndim(weights) == 1
        fixed = one_vector or isinstance(weights, (pd.Series, Mapping))
        weight_kind = "fixed" if fixed else "samples"
    perf_kind, perf_array, perf_sampler = "fixed", np.empty((0, m, n)), None
    if is_sampler(performance):
        perf_kind, perf_sampler = "sampler", performance
    elif performance is not None:
        perf_kind, perf_array = "samples", performance_array(performance, model, where)

    if weight_kind == "samples":
        total = len(weight_array)
        if perf_kind == "samples" and len(perf_array) != total:
            raise ModelError(
                f"{where}: {total} weight samples but {len(perf_array)} performance samples; "
                "give as many of each"
            )
    elif perf_kind == "samples":
        total = len(perf_array)
    else:
        if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
            raise PathchoiceError(
                f"{where}: n_samples must be a positive integer (got {n_samples!r})"
            )
        if n_samples < 1:
            raise PathchoiceError(
                f"{where}: n_samples must be a positive integer (got {n_samples})"
            )
        total = int(n_samples)
    if total < 1:
        raise PathchoiceError(f"{where}: no samples to analyse (got 0 weight samples)")

    findings: list[str] = []
    tables = None
    if resolved.kind == "topsis":
        used = topsis_options(options, where)
        tables, topsis_findings = topsis_model_tables(model, **used)
        findings.extend(topsis_findings)
    else:
        used = dict(options)
    fixed_topsis = resolved.kind == "topsis" and perf_kind == "fixed"
    chosen = choose_engine(engine, fixed_topsis, total, resolved, perf_kind)

    generator = np.random.default_rng(rng)
    sources = Sources(
        model=model,
        seed=int(generator.integers(2**63)),
        weight_kind=weight_kind,
        weight_array=weight_array,
        weight_sampler=weight_sampler,
        performance_kind=perf_kind,
        performance_array=perf_array,
        performance_sampler=perf_sampler,
    )
    if fixed_topsis and tables is not None:
        tally = kern.Tally(m, n, tables.group, tables.mult)
        duplicates = [
            [a for a, g in zip(model.alternatives, tables.group, strict=True) if g == group]
            for group in np.flatnonzero(tables.mult > 1)
        ]
        for names in duplicates:
            findings.append(
                f"alternatives {names} have identical normalised performance and always tie; "
                "they share their ranks equally"
            )
    else:
        tally = kern.Tally.plain(m, n)
    if size is None:
        if fixed_topsis and tables is not None:
            size = kern.default_chunk(tables.n_groups)
        elif resolved.kind == "topsis":
            size = min(tally.chunk_size(), performance_chunk(model))
        else:
            size = LOOP_CHUNK

    advance, close = progress_reporter(progress, total, where)
    try:
        if chosen == "numba" and tables is not None:
            run_numba(tally, sources, tables, total, advance, executor)
        else:
            run_numpy(tally, sources, resolved, tables, used, total, size, advance, executor)
    finally:
        close()

    central = tally.finalize()["central"]
    n_confidence = None if perf_kind == "fixed" else _confidence_count(confidence_samples, total)
    confidence = _confidence(central, sources, resolved, tables, used, n_confidence, size)
    run = {
        **used,
        "engine": chosen,
        "weights": weight_kind,
        "performance": perf_kind,
        "confidence_samples": n_confidence,
        "near_ties": tally.near_ties,
    }
    return _result(
        tally, model.alternatives, model.criterion_names, confidence, resolved.label, run, findings
    )


def _confidence_count(value: object, total: int) -> int:
    if value is None:
        return min(total, CONFIDENCE_SAMPLES)
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise PathchoiceError(
            f"smaa: confidence_samples must be a positive integer (got {value!r})"
        )
    return int(value)


def _confidence(
    central: np.ndarray,
    sources: Sources,
    resolved: ResolvedMethod,
    tables: kern.TopsisTables | None,
    options: Mapping[str, Any],
    count: int | None,
    chunk: int,
) -> np.ndarray:
    """Confidence factors: rank each alternative with its own central weights."""
    model = sources.model
    m = model.n_alternatives
    out = np.full(m, np.nan)
    valid = np.flatnonzero(~np.isnan(central).any(axis=1))
    if valid.size == 0:
        return out
    if count is None:
        w = central[valid]
        if tables is not None:
            keys = kern.canonical_q(w, tables)[:, tables.group]
        else:
            scores, higher = method_scores(resolved, model, w, None, options)
            keys = scores if higher else -scores
        out[valid] = _first_share(keys, valid)
        return out
    p_all = sources.confidence_performance(count)
    benefit = model.types > 0
    for a in valid:
        shares = []
        for lo in range(0, len(p_all), chunk):
            p = p_all[lo : lo + chunk]
            w = np.broadcast_to(central[a], (len(p), model.n_criteria))
            if resolved.kind == "topsis":
                _, keys = performance_topsis(p, w, benefit, options["normalization"])
            else:
                scores, higher = method_scores(resolved, model, np.ascontiguousarray(w), p, options)
                keys = scores if higher else -scores
            shares.append(_first_share(keys, np.full(len(p), a)))
        out[a] = float(np.concatenate(shares).mean())
    return out


def analyse_ranks(
    ranks: BatchRankingResult | pd.DataFrame | npt.ArrayLike,
    weights: pd.DataFrame | npt.ArrayLike | None = None,
    alternatives: tuple[str, ...] | list[str] | None = None,
    criteria: tuple[str, ...] | list[str] | None = None,
    *,
    chunk_size: int | None = None,
) -> SMAAResult:
    """SMAA-2 statistics from ranks computed elsewhere (the "analyse" step).

    Parameters
    ----------
    ranks : BatchRankingResult, DataFrame or array_like, shape (N, m)
        One row per sample, one column per alternative; lower is better and
        equal values are ties (any numbers: 1-based ranks, dense ranks,
        positions). A :class:`~pathchoice.results.BatchRankingResult` (from
        :func:`~pathchoice.sensitivity.evaluate.evaluate`) also supplies the
        weights and labels.
    weights : DataFrame or array_like, shape (N, n_criteria), optional
        The sample's weight vectors, for the central weights (NaN without).
    alternatives, criteria : sequence of str, optional
        Labels. Default: from the result or DataFrame, else "alternative 1",
        ..., "criterion 1", ...
    chunk_size : int, optional
        Rows analysed at once (bounds memory).

    Returns
    -------
    SMAAResult
        Confidence factors are NaN (they need the model; use :func:`smaa`).

    Raises
    ------
    PathchoiceError
        Ranks that are not a finite 2-D array.
    WeightsError, UnknownNameError
        Weights that do not match the ranks or are not on the simplex.
    MethodError
        A bad ``chunk_size``.

    Examples
    --------
    >>> import numpy as np
    >>> ranks = np.array([[1, 2], [2, 1], [1, 2], [1, 1]])
    >>> result = analyse_ranks(ranks, alternatives=["A", "B"])
    >>> result.rank_acceptability.to_numpy().tolist()
    [[0.625, 0.375], [0.375, 0.625]]
    >>> float(result.pairwise_winning.loc["A", "B"])
    0.5
    """
    where = "analyse_ranks"
    size = check_chunk_size(chunk_size, where)
    method = "ranks"
    if isinstance(ranks, BatchRankingResult):
        method = ranks.method
        if weights is None:
            weights = ranks.weights
        alternatives = alternatives or ranks.alternatives
        criteria = criteria or ranks.criteria
        values = ranks.ranks
    elif isinstance(ranks, pd.DataFrame):
        alternatives = alternatives or tuple(str(c) for c in ranks.columns)
        values = ranks.to_numpy()
    else:
        values = ranks
    try:
        r = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise PathchoiceError(
            f"{where}: ranks must be numbers (got {type(values).__name__})"
        ) from None
    if r.ndim != 2 or r.shape[0] == 0 or r.shape[1] == 0:
        raise PathchoiceError(
            f"{where}: ranks must be a 2-D array, one row per sample and one column per "
            f"alternative (got shape {r.shape})"
        )
    if not np.isfinite(r).all():
        row, col = np.argwhere(~np.isfinite(r))[0]
        raise PathchoiceError(
            f"{where}: ranks must be finite: row {row}, column {col} = {r[row, col]}"
        )
    total, m = r.shape
    alternatives = (
        tuple(alternatives) if alternatives else tuple(f"alternative {i + 1}" for i in range(m))
    )
    if len(alternatives) != m:
        raise PathchoiceError(
            f"{where}: {len(alternatives)} alternative names for {m} columns of ranks"
        )
    w = None
    if weights is not None:
        if criteria is None:
            n = np.shape(weights)[-1] if not isinstance(weights, pd.DataFrame) else weights.shape[1]
            criteria = (
                tuple(str(c) for c in weights.columns)
                if isinstance(weights, pd.DataFrame)
                else tuple(f"criterion {j + 1}" for j in range(n))
            )
        w = check_weights(weights, tuple(criteria), allow_batch=True)
        w = np.ascontiguousarray(w.reshape(-1, len(criteria)))
        if len(w) != total:
            raise WeightsError(f"{where}: {len(w)} weight vectors for {total} rows of ranks")
    criteria = tuple(criteria) if criteria is not None else ()
    tally = kern.Tally.plain(m, len(criteria))
    step = size or tally.chunk_size()
    for lo in range(0, total, step):
        hi = min(lo + step, total)
        tally.add_keys(-r[lo:hi], None if w is None else w[lo:hi])
    findings = ["confidence factors need the model and a ranking method: use smaa()"]
    return _result(
        tally, alternatives, criteria, np.full(m, np.nan), method, {"weights": "samples"}, findings
    )
