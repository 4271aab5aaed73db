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

import functools
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import Any

import numpy as np
import pandas as pd

from .._core.kernels import numpy_kernels as kern
from .._validate import as_choice, as_count, as_executor, as_seed
from ..exceptions import ModelError
from ..model import Model
from ._engines import (
    CONFIDENCE,
    ENGINES,
    SAMPLE_BLOCK,
    BlockJob,
    Engine,
    Sources,
    choose_engine,
    run_blocks,
)
from .analyse import SMAAResult, analyse_ranks, first_share, smaa_result
from .evaluate import (
    LOOP_CHUNK,
    Progress,
    ResolvedMethod,
    check_chunk_size,
    method_scores,
    performance_chunk,
    performance_topsis,
    progress_reporter,
    resolve_method,
    topsis_model_tables,
    topsis_options,
)
from .sampling.inputs import WeightInput, performance_input, weight_input
from .sampling.samples import (
    PerformanceSampler,
    PerformanceSamples,
    WeightSampler,
    WeightSamples,
    weight_rows,
)

__all__ = ["ENGINES", "SAMPLE_BLOCK", "SMAAResult", "analyse_ranks", "nothing_varies", "smaa"]

#: Default number of performance samples behind each confidence factor.
CONFIDENCE_SAMPLES = 10_000
#: The TOPSIS tables of the last models analysed, by model and options: a Model never
#: changes, so analysing one again (a what-if varying the weights) reuses its tables.
_TABLES: dict[tuple[int, str, str], tuple[Model, kern.TopsisTables, tuple[str, ...]]] = {}
_TABLES_KEPT = 8
_TABLES_LOCK = threading.Lock()


# -- public shell --------------------------------------------------------------------------


def smaa(
    model: Model,
    weights: WeightSampler | WeightSamples | pd.DataFrame | np.ndarray | None = None,
    *,
    n_samples: int = 10_000,
    method: str | Callable[..., Any] = "topsis",
    performance: PerformanceSampler | PerformanceSamples | np.ndarray | None = None,
    rng: Any = None,
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
    weights : sampler, WeightSamples, DataFrame, numpy.ndarray or None
        Where the weights come from. A sampler object of
        :mod:`pathchoice.sensitivity.sampling` (a named specification, drawn
        block by block inside the run): :class:`UniformSampler
        <pathchoice.sensitivity.sampling.UniformSampler>` (the default,
        ``None``: no preference information), ``DirichletSampler.around(model,
        w, concentration=...)`` (uncertainty around given weights),
        ``OrdinalSampler``, ``IntervalSampler``, ``AHPJudgementSampler``,
        ``ConstrainedSampler``, ``CustomSampler(model, function)``, or
        ``FixedWeights(model, w)`` (only the performance varies). Or samples
        drawn beforehand (``n_samples`` is then ignored): labelled
        :class:`~pathchoice.sensitivity.sampling.WeightSamples` (columns
        matched by name), a DataFrame with one column per criterion, or a 2-D
        numpy array in the model's criterion order (its width checked at once,
        its rows block by block by the workers that rank them).
    n_samples : int, default 10,000
        Number of samples when they are drawn inside the run.
    method : str or callable, default "topsis"
        As for :func:`~pathchoice.sensitivity.evaluate.evaluate`: TOPSIS, any
        name of :data:`pathchoice.ranking.METHODS` (one call per sample), or
        ``method(model, weights_2d) -> scores``.
    performance : CellSampler, PerformanceSamples, numpy.ndarray or None
        ``None``: the model's values. A performance sampler such as
        ``CellSampler(model, intervals=(lo, hi))``, labelled
        :class:`~pathchoice.sensitivity.sampling.PerformanceSamples`, or an
        ``(N, m, n)`` numpy array in the model's order.
    rng : None, int >= 0, SeedSequence or Generator
        The randomness. The run draws one integer from it and derives an
        independent child stream for each block of 8,192 samples (weights,
        performance and the confidence factors each their own), so results
        do not depend on ``chunk_size`` or ``engine``: block ``b``'s weights
        are ``sampler.draw(size, child)``.
    chunk_size : int, optional
        Samples ranked at once by the numpy engine (bounds temporary memory;
        default from the problem's size). The numba engine works per block.
    progress : callable, bool or None
        ``progress(done, total)`` after each chunk or block, or True for a
        tqdm bar (needs ``pathchoice[progress]``).
    engine : {"auto", "numpy", "numba"}, default "auto"
        ``"numba"``: a fused, compiled kernel on all cores (``pathchoice[fast]``)
        for TOPSIS with fixed performance; ``"numpy"``: batched numpy.
        Both draw the same samples and give the same counts (ranks, winning
        indices, acceptabilities) except, at most, for the near-tie samples
        counted in ``result.options["near_ties"]`` (two alternatives' ratios
        within a relative 2**-20, recomputed exactly); central weights agree
        to rounding (about 1e-15). ``"auto"``: numba
        when it is installed, applicable, and the run is long enough to repay
        its one-off compile (200,000 samples, or already compiled).
    confidence_samples : int, optional
        Performance samples behind each confidence factor when performance is
        uncertain (a whole number >= 1; default ``min(N, 10,000)``).
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
        Unknown method or option; ``engine="numba"`` without numba or for a
        case it does not run.
    ArgumentError
        ``n_samples``, ``chunk_size``, ``confidence_samples`` not whole numbers
        >= 1 (``1e5`` is accepted), ``rng`` not a seed, unknown ``engine``, bad
        ``progress``, an ``executor`` that is not a ``concurrent.futures.Executor``.
    WeightsError, UnknownNameError
        Malformed weight samples (also from a custom sampler), a sampler made
        for other criteria, or weights of a kind not listed above (one vector,
        a list, a plain function: the message says what to pass).
    ModelError
        Malformed performance samples, or counts of weight and performance
        samples that differ.

    Notes
    -----
    With nothing uncertain (fixed weights, or samples that are all the same
    vector, and fixed performance) every sample gives the same ranking; the
    result then carries a finding saying so (see :func:`nothing_varies`).

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
    [0.37, 0.25, 0.37]
    """
    where = "smaa"
    executor = as_executor(executor, where=where)
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    resolved = resolve_method(method, where)
    size = check_chunk_size(chunk_size, where)
    count = as_count(n_samples, "n_samples", where=where, minimum=1)
    asked_confidence = (
        None
        if confidence_samples is None
        else as_count(confidence_samples, "confidence_samples", where=where, minimum=1)
    )
    as_choice(engine, "engine", ENGINES, where=where)
    seed = as_seed(rng, where=where)
    m, n = model.shape
    unchecked = isinstance(weights, np.ndarray) and weights.ndim == 2
    if unchecked:  # rows checked by the workers, block by block
        array = weight_rows(weights, model.criterion_names, where)
        given = WeightInput("samples", None, array, "weight samples")
    else:
        given = weight_input(weights, model, where)
    perf_kind, perf_sampler, perf_array = performance_input(performance, model, where)
    if given.kind == "samples":
        total = len(given.array)
        if perf_kind == "samples" and len(perf_array) != total:
            raise ModelError(
                f"{where}: {total} weight samples but {len(perf_array)} performance samples; "
                "give as many of each"
            )
    elif perf_kind == "samples":
        total = len(perf_array)
    else:
        total = count
    if total < 1:
        raise ModelError(f"{where}: no samples to analyse (got 0 weight samples)")

    findings: list[str] = []
    tables = None
    if resolved.kind == "topsis":
        used = topsis_options(options, where)
        tables, topsis_findings = _model_tables(model, used)
        findings.extend(topsis_findings)
    else:
        used = dict(options)
    fixed_topsis = resolved.kind == "topsis" and perf_kind == "fixed"
    chosen = choose_engine(engine, fixed_topsis, total, resolved, perf_kind)

    sources = Sources(
        model=model,
        seed=seed,
        weight_kind=given.kind,
        weight_array=given.array,
        weight_sampler=given.sampler,
        performance_kind=perf_kind,
        performance_array=perf_array,
        performance_sampler=perf_sampler,
        unchecked=where if unchecked else "",
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
        job = BlockJob(sources, chosen, resolved, tables, used, size)
        run_blocks(tally, job, total, advance, executor)
    finally:
        close()

    final = tally.finalize()
    central = final["central"]
    n_confidence = (
        None if perf_kind == "fixed" else asked_confidence or min(total, CONFIDENCE_SAMPLES)
    )
    findings.extend(nothing_varies(given, perf_kind, perf_sampler, perf_array))
    if n_confidence is None and tables is not None:  # ranked once each, when looked at
        confidence: Any = functools.partial(_topsis_confidence, central, tables)
    else:
        confidence = _confidence(central, sources, resolved, tables, used, n_confidence, size)
    run = {
        **used,
        "engine": chosen,
        "weights": given.kind,
        "weight_sampler": None if given.sampler is None else given.sampler.kind,
        "weight_description": given.description,
        "performance": perf_kind,
        "confidence_samples": n_confidence,
        "near_ties": tally.near_ties,
    }
    return smaa_result(
        tally, model.alternatives, model.criterion_names, confidence, resolved.label, run, findings,
        final,
    )  # fmt: skip


def _model_tables(
    model: Model, used: Mapping[str, str]
) -> tuple[kern.TopsisTables, tuple[str, ...]]:
    """:func:`topsis_model_tables` of ``model``, kept for the next run on it."""
    key = (id(model), used["normalization"], used["zero_range"])
    with _TABLES_LOCK:
        held = _TABLES.get(key)
    if held is not None and held[0] is model:  # (held, so no other model has its id)
        return held[1], held[2]
    tables, findings = topsis_model_tables(model, **used)
    with _TABLES_LOCK:
        while len(_TABLES) >= _TABLES_KEPT:
            del _TABLES[next(iter(_TABLES))]  # the oldest
        _TABLES[key] = (model, tables, tuple(findings))
    return tables, tuple(findings)


def nothing_varies(
    given: WeightInput,
    perf_kind: str,
    perf_sampler: PerformanceSampler | None,
    perf_array: np.ndarray,
) -> list[str]:
    """A finding when neither the weights nor the performance vary (else nothing).

    Weights vary unless they are fixed, drawn by a sampler that cannot vary
    (``sampler.varies`` is False: a spread of 0, a single positive Dirichlet
    parameter, bounds that pin every weight) or given as samples that are all
    the same vector. Performance varies unless it is the model's, or samples
    (or a sampler) whose every table is the same.
    """
    if given.kind == "fixed":
        weights_vary = False
    elif given.kind == "sampler":
        weights_vary = bool(given.sampler is not None and given.sampler.varies)
    else:
        weights_vary = _rows_differ(given.array)
    if weights_vary:
        return []
    if perf_kind == "sampler":
        if getattr(perf_sampler, "varies", True):
            return []
    elif perf_kind == "samples" and _rows_differ(perf_array):
        return []
    return [
        "nothing varies: the weights are the same in every sample and so is the performance, "
        "so every sample gives the same ranking and the acceptabilities are 0 or 1 by "
        "construction, not a measure of robustness; for uncertainty around these weights "
        "sample them with DirichletSampler.around(model, weights, concentration=100)"
    ]


def _rows_differ(samples: np.ndarray, block: int = 1_024) -> bool:
    """Whether some sample differs from the first: block by block, stopping at the first
    difference (random samples differ within the first block)."""
    first = samples[:1]
    for start in range(0, len(samples), block):
        if (samples[start : start + block] != first).any():
            return True
    return False


def _topsis_confidence(central: np.ndarray, tables: kern.TopsisTables) -> np.ndarray:
    """Confidence factors with fixed performance, TOPSIS: 1 for an alternative first with
    its central weights (1/s in an s-way tie), else 0; NaN without central weights."""
    out = np.full(len(central), np.nan)
    valid = np.flatnonzero(~np.isnan(central).any(axis=1))
    if valid.size:
        keys = kern.canonical_q(central[valid], tables)[:, tables.group]
        out[valid] = first_share(keys, valid)
    return out


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
    if count is None and tables is not None:
        return _topsis_confidence(central, tables)
    if count is None:
        scores, higher = method_scores(resolved, model, central[valid], None, options)
        out[valid] = first_share(scores if higher else -scores, valid)
        return out
    if sources.performance_kind == "samples":
        p_all = sources.performance_array[:count]
    else:
        p_all = sources.performance(0, count, CONFIDENCE)
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
            shares.append(first_share(keys, np.full(len(p), a)))
        out[a] = float(np.concatenate(shares).mean())
    return out
