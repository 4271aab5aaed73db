"""TOPSIS: rank alternatives by their closeness to the ideal solution.

:func:`topsis` ranks with one weight vector (a :class:`RankingResult` with
every step table); :func:`topsis_batch` with K of them (a
:class:`BatchRankingResult`, computed in chunks without a Python loop over the
weight vectors), which is what :func:`pathchoice.ranking.rank_batch` runs.

The batched path rests on one observation. After normalisation the matrix
``r`` no longer depends on the weights, and with ``w >= 0`` the weighted ideal
on criterion ``j`` is ``w_j * r+_j``. So the squared distance of alternative
``i`` to the ideal is ``sum_j w_j**2 * (r_ij - r+_j)**2``: a matrix product of
the squared weights with the fixed table ``A+_ij = (r_ij - r+_j)**2``. Two
matrix products per chunk of weight vectors give both distances for every
vector and every alternative. ``docs/topsis.md`` has the algebra, the
zero-range rule and the tie rule.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from .._core.kernels.numpy_kernels import numba_available
from .._core.topsis import (
    NUMBA_MIN,
    TIE_SCORE,
    batch_scores_ranks,
    closeness,
    default_chunk_size,
    distinct_rows,
    normalize,
    numba_scores_ranks,
    separations,
)
from .._validate import as_choice, as_count
from ..exceptions import ArgumentError, WeightsError, ZeroRangeError
from ..model import Model, as_model
from ..results import BatchRankingResult, RankingResult, rank_scores
from ..weights import SUM_TOLERANCE, WeightBatch, WeightVector, align_weights, check_weights

__all__ = [
    "NORMALIZATIONS",
    "ZERO_RANGE_RULES",
    "Normalization",
    "ZeroRange",
    "topsis",
    "topsis_batch",
    "zero_range_findings",
]

Normalization = Literal["vector", "minmax"]
ZeroRange = Literal["ignore", "raise"]

#: The normalisations :func:`topsis` accepts.
NORMALIZATIONS: tuple[str, ...] = ("vector", "minmax")
#: What :func:`topsis` may do with a criterion that has the same value everywhere.
ZERO_RANGE_RULES: tuple[str, ...] = ("ignore", "raise")
#: The engines :func:`topsis_batch` can run on.
ENGINES: tuple[str, ...] = ("auto", "numpy", "numba")


# -- input checks (one per public function) -----------------------------------------------


def _topsis_iv(
    model: object,
    weights: object,
    normalization: object,
    zero_range: object,
    chunk_size: object,
    *,
    where: str,
    batch: bool,
    engine: object = "numpy",
) -> tuple[Model, np.ndarray, str, str, int | None, str]:
    """The checked arguments of :func:`topsis` (``batch=False``) or :func:`topsis_batch`.

    With the numba engine the weights' values are checked by the kernel, in
    its own pass (see :func:`_numba_batch`); everything else is checked here.
    """
    model = as_model(model, where)
    normalization = as_choice(normalization, "normalization", NORMALIZATIONS, where=where)
    zero_range = as_choice(zero_range, "zero_range", ZERO_RANGE_RULES, where=where)
    size = None if chunk_size is None else as_count(chunk_size, "chunk_size", where=where)
    engine = as_choice(engine, "engine", ENGINES, where=where)
    names = model.criterion_names
    if batch:
        w = align_weights(weights, names, allow_batch=True, where=where)  # type: ignore[arg-type]
        if engine == "auto":
            engine = "numba" if len(w) >= NUMBA_MIN and numba_available() else "numpy"
        if engine == "numpy":
            w = check_weights(w, names, allow_batch=True, where=where)
        if w.ndim != 2:
            raise WeightsError(
                f"{where}: weights must be 2-D, one row per weight vector (got shape {w.shape}); "
                "rank one vector with pathchoice.ranking.topsis"
            )
    else:
        w = check_weights(weights, names, where=where)  # type: ignore[arg-type]
    return model, w, normalization, zero_range, size, engine


def zero_range_findings(
    model: Model, zero: np.ndarray, zero_range: str, matrix: np.ndarray
) -> tuple[str, ...]:
    """Findings naming the zero-range criteria, or :class:`ZeroRangeError` under ``"raise"``."""
    names = [n for n, z in zip(model.criterion_names, zero, strict=True) if z]
    if not names:
        return ()
    if zero_range == "raise":
        values = {n: float(matrix[0, model.criterion_index(n)]) for n in names}
        detail = ", ".join(f"{n!r} (= {v:g})" for n, v in values.items())
        raise ZeroRangeError(
            f"topsis: criteria {names} have the same value for every alternative and cannot "
            f"discriminate: {detail}; zero_range='raise' refuses them (drop them with "
            "model.select(criteria=...) or pass zero_range='ignore')"
        )
    return tuple(
        f"criterion {n!r} has the same value for every alternative and cannot discriminate; "
        "it contributes nothing"
        for n in names
    )


def _tables(
    model: Model, normalization: str, zero_range: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, tuple[str, ...]]:
    matrix = model.matrix
    r, ideal, anti, zero = normalize(matrix, model.types > 0, normalization)
    findings = zero_range_findings(model, zero, zero_range, matrix)
    a_plus, a_minus = separations(r, ideal, anti, zero)
    return r, ideal, anti, a_plus, a_minus, findings


# -- public labelled shell ------------------------------------------------------------------


def topsis(
    model: Model,
    weights: WeightVector,
    *,
    normalization: Normalization = "vector",
    zero_range: ZeroRange = "ignore",
) -> RankingResult:
    """Rank the model's alternatives by TOPSIS closeness to the ideal solution.

    Parameters
    ----------
    model : Model
        The decision model; cost criteria are handled by their direction.
    weights : Series, mapping or array_like
        One weight vector: a Series or mapping keyed by criterion name, or a
        1-D array in criterion order; non-negative, summing to 1 (see
        :func:`pathchoice.check_weights`). For K vectors use
        :func:`pathchoice.ranking.rank_batch` (or :func:`topsis_batch`).
    normalization : {"vector", "minmax"}, default "vector"
        ``"vector"``: ``r = x / ||x||_2`` per criterion (Hwang & Yoon's original),
        ideal = max for benefit and min for cost criteria. ``"minmax"``:
        ``(x - min) / (max - min)`` for benefit and ``(max - x) / (max - min)``
        for cost criteria (pymcdm's default), ideal = max for every criterion.
        Both are computed on each column divided by its largest absolute
        value, so any finite magnitude (1e-300 to 1e300, ±1e308) is safe.
    zero_range : {"ignore", "raise"}, default "ignore"
        What to do with a criterion on which every alternative has the same
        value. ``"ignore"``: it contributes nothing to either distance and the
        result's ``findings`` names it. ``"raise"``: :class:`ZeroRangeError`.

    Returns
    -------
    RankingResult
        ``scores`` (the closeness coefficient ``D- / (D+ + D-)`` in [0, 1],
        higher is better), integer ``ranks`` (1 = best, ties share the
        minimum rank) and the step tables ``normalized`` and ``weighted``
        (alternatives × criteria), ``ideal`` and ``anti_ideal`` (by
        criterion), ``distance_to_ideal`` and ``distance_to_anti_ideal`` (by
        alternative).

    Raises
    ------
    UnknownNameError, WeightsError
        Weights that name unknown criteria or are malformed, or a 2-D batch
        (the message points to :func:`pathchoice.ranking.rank_batch`).
    ZeroRangeError
        A criterion with zero range and ``zero_range="raise"``.
    ArgumentError
        An unknown ``normalization`` or ``zero_range``.

    Notes
    -----
    If ``D+ + D- = 0`` for an alternative (all the weight sits on criteria
    that cannot discriminate), its score is 0.5: it is as close to the ideal
    as to the anti-ideal. Scores are never NaN.

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision
       Making: Methods and Applications*. Lecture Notes in Economics and
       Mathematical Systems 186. Springer. (TOPSIS, vector normalisation.)
    .. [2] Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM
       methods: A comparative analysis of VIKOR and TOPSIS. *European Journal
       of Operational Research*, 156(2), 445–455.
    .. [3] Kizielewicz, B., Shekhovtsov, A., & Sałabun, W. (2023). pymcdm — The
       universal library for solving multi-criteria decision-making problems.
       *SoftwareX*, 22, 101368. (Min-max normalisation as used here.)

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(
    ...     ["A1", "A2", "A3"], ["risk", "benefit"], [[1, 3000], [2, 3750], [5, 4500]],
    ...     directions={"risk": "cost"},
    ... )
    >>> result = topsis(model, [0.5, 0.5], normalization="minmax")
    >>> result.scores.round(3).tolist()
    [0.5, 0.617, 0.5]
    >>> result.ranks.tolist()
    [2, 1, 2]
    """
    model, w, normalization, zero_range, _, _ = _topsis_iv(
        model, weights, normalization, zero_range, None, where="topsis", batch=False
    )
    r, ideal, anti, a_plus, a_minus, findings = _tables(model, normalization, zero_range)
    options = {"normalization": normalization, "zero_range": zero_range}
    return _single(model, w, r, ideal, anti, a_plus, a_minus, options, findings)


def topsis_batch(
    model: Model,
    weights: WeightBatch,
    *,
    normalization: Normalization = "vector",
    zero_range: ZeroRange = "ignore",
    chunk_size: int | None = None,
    engine: Literal["auto", "numpy", "numba"] = "auto",
) -> BatchRankingResult:
    """TOPSIS for K weight vectors at once: what :func:`rank_batch` runs for ``"topsis"``.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : DataFrame or array_like, shape (K, n_criteria)
        A DataFrame with one column per criterion (aligned by name) or a 2-D
        array with one row per weight vector, columns in criterion order.
    normalization, zero_range
        As for :func:`topsis`.
    chunk_size : int, optional
        How many weight vectors are processed at a time (bounds the memory of
        the temporaries). Default: chosen from the problem's size (3,640 for
        12 alternatives × 12 criteria) so that a chunk's matrix products stay
        single-threaded and its temporaries near 1 MB. Changes the results by
        rounding at most (1e-15). Used by the numpy engine only.
    engine : {"auto", "numpy", "numba"}, default "auto"
        ``"numpy"``: matrix products per chunk and pairwise rank counts.
        ``"numba"``: one compiled pass per block of weight vectors on all
        cores (needs ``pathchoice[fast]``; compiled on first use and cached
        on disk), which also checks the weights in the same pass.
        ``"auto"``: numba from 50,000 weight vectors when it is installed,
        numpy otherwise. The engines agree to rounding (1e-15); each ranks
        its own scores, so identical alternatives tie in both.

    Returns
    -------
    BatchRankingResult
        ``scores`` and ``ranks`` of shape (K, n_alternatives), equal to K
        calls of :func:`topsis` (to rounding). The arrays are Fortran-ordered
        (alternatives contiguous); they compare and index like any other.

    Raises
    ------
    WeightsError, UnknownNameError, ZeroRangeError, ArgumentError
        As for :func:`topsis`; also a bad ``chunk_size`` (ArgumentError) and
        weights that are not 2-D (WeightsError).

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    >>> topsis_batch(model, [[0.5, 0.5], [0.9, 0.1]]).ranks
    array([[2, 1, 2],
           [3, 2, 1]])
    """
    model, w, normalization, zero_range, size, engine = _topsis_iv(
        model,
        weights,
        normalization,
        zero_range,
        chunk_size,
        where="topsis_batch",
        batch=True,
        engine=engine,
    )
    _, _, _, a_plus, a_minus, findings = _tables(model, normalization, zero_range)
    if engine == "numba":
        scores, ranks, w = _numba_batch(model, w, a_plus, a_minus)
    else:
        if size is None:
            size = default_chunk_size(model.n_alternatives, model.n_criteria)
        scores, ranks = batch_scores_ranks(a_plus, a_minus, np.ascontiguousarray(w), size)
        w = np.array(w, copy=True)  # the caller's array may change after the call
    # Fresh arrays nobody else holds: made read-only in place, adopted without a copy.
    return BatchRankingResult._owning(
        method="topsis",
        scores=scores,
        ranks=ranks,
        weights=w,
        alternatives=model.alternatives,
        criteria=model.criterion_names,
        higher_is_better=True,
        options={"normalization": normalization, "zero_range": zero_range, "engine": engine},
        findings=findings,
    )


def _numba_batch(
    model: Model, w: np.ndarray, a_plus: np.ndarray, a_minus: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The numba engine: scores, ranks and the result's copy of the weights, all made in
    the kernel's pass; a weight vector the kernel flags is reported by check_weights."""
    try:
        scores, ranks, copy, bad = numba_scores_ranks(a_plus, a_minus, w, SUM_TOLERANCE)
    except ImportError as exc:
        raise ArgumentError(
            f"topsis_batch: engine='numba' needs numba (pip install 'pathchoice[fast]'): {exc}"
        ) from None
    if bad is not None:
        # The kernel found a row that is not finite, non-negative and summing to 1:
        # the full check names it (row and criterion) in the usual words.
        check_weights(w, model.criterion_names, allow_batch=True, where="topsis_batch")
    return scores, ranks, copy


#: The batched form :func:`pathchoice.ranking.rank_batch` uses for this method.
topsis.batch = topsis_batch  # type: ignore[attr-defined]


def _single(
    model: Model,
    w: np.ndarray,
    r: np.ndarray,
    ideal: np.ndarray,
    anti: np.ndarray,
    a_plus: np.ndarray,
    a_minus: np.ndarray,
    options: dict[str, str],
    findings: tuple[str, ...],
) -> RankingResult:
    w2 = np.square(w)
    distinct_plus, distinct_minus, inverse = distinct_rows(a_plus, a_minus)
    d_plus = np.sqrt(distinct_plus @ w2)
    d_minus = np.sqrt(distinct_minus @ w2)
    if inverse is not None:
        d_plus, d_minus = d_plus[inverse], d_minus[inverse]
    scores = closeness(d_plus, d_minus, squared=False)
    ranks = rank_scores(scores)

    alternatives = pd.Index(model.alternatives, name="alternative")
    criteria = pd.Index(model.criterion_names, name="criterion")
    at_both = [a for a, at in zip(model.alternatives, d_plus + d_minus == 0, strict=True) if at]
    if at_both:
        findings = (
            *findings,
            f"alternatives {at_both} are as close to the ideal as to the anti-ideal on every "
            f"weighted criterion (D+ = D- = 0); their score is set to {TIE_SCORE}",
        )
    weighted = r * w
    tables: dict[str, pd.DataFrame | pd.Series] = {
        "normalized": pd.DataFrame(r, index=alternatives, columns=criteria),
        "weighted": pd.DataFrame(weighted, index=alternatives, columns=criteria),
        "ideal": pd.Series(ideal * w, index=criteria, name="ideal"),
        "anti_ideal": pd.Series(anti * w, index=criteria, name="anti_ideal"),
        "distance_to_ideal": pd.Series(d_plus, index=alternatives, name="distance_to_ideal"),
        "distance_to_anti_ideal": pd.Series(
            d_minus, index=alternatives, name="distance_to_anti_ideal"
        ),
    }
    return RankingResult(
        method="topsis",
        scores=pd.Series(scores, index=alternatives, name="score"),
        ranks=pd.Series(ranks, index=alternatives, name="rank"),
        weights=pd.Series(w, index=criteria, name="weight"),
        higher_is_better=True,
        options=options,
        tables=tables,
        findings=findings,
    )
