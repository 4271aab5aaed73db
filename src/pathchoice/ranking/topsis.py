"""TOPSIS: rank alternatives by their closeness to the ideal solution.

One function, :func:`topsis`, for one weight vector (a :class:`RankingResult`
with every step table) or for many (a :class:`BatchRankingResult`, computed in
chunks without a Python loop over the weight vectors).

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

from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.topsis import (
    TIE_SCORE,
    batch_scores_ranks,
    default_chunk_size,
    distinct_rows,
    normalize,
    separations,
)
from ..exceptions import MethodError, ZeroRangeError
from ..model import Model
from ..results import (
    BatchRankingResult,
    RankingResult,
    rank_scores,
)
from ..weights import check_weights

__all__ = ["NORMALIZATIONS", "ZERO_RANGE_RULES", "Normalization", "ZeroRange", "topsis"]

Normalization = Literal["vector", "minmax"]
ZeroRange = Literal["ignore", "raise"]

#: The normalisations :func:`topsis` accepts.
NORMALIZATIONS: tuple[str, ...] = ("vector", "minmax")
#: What :func:`topsis` may do with a criterion that has the same value everywhere.
ZERO_RANGE_RULES: tuple[str, ...] = ("ignore", "raise")


# One weight vector: a Series/mapping by criterion name or a 1-D sequence/array.
VectorWeights = (
    pd.Series | Mapping[str, float] | Sequence[float] | np.ndarray[tuple[int], np.dtype[Any]]
)
# Many weight vectors: a DataFrame (columns = criteria) or a 2-D sequence/array.
BatchWeights = pd.DataFrame | Sequence[Sequence[float]] | np.ndarray[tuple[int, int], np.dtype[Any]]


# -- public labelled shell ------------------------------------------------------------------


def _check_options(normalization: object, zero_range: object, chunk_size: object) -> None:
    if normalization not in NORMALIZATIONS:
        raise MethodError(
            f"topsis: normalization must be one of {list(NORMALIZATIONS)} (got {normalization!r})"
        )
    if zero_range not in ZERO_RANGE_RULES:
        raise MethodError(
            f"topsis: zero_range must be one of {list(ZERO_RANGE_RULES)} (got {zero_range!r})"
        )
    if chunk_size is not None and (
        isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer))
    ):
        raise MethodError(f"topsis: chunk_size must be a positive integer (got {chunk_size!r})")
    if chunk_size is not None and chunk_size < 1:
        raise MethodError(f"topsis: chunk_size must be a positive integer (got {chunk_size!r})")


def zero_range_findings(
    model: Model, zero: np.ndarray, zero_range: str, matrix: np.ndarray
) -> tuple[str, ...]:
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


@overload
def topsis(
    model: Model,
    weights: VectorWeights,
    *,
    normalization: Normalization = ...,
    zero_range: ZeroRange = ...,
    chunk_size: int | None = ...,
) -> RankingResult: ...


@overload
def topsis(
    model: Model,
    weights: BatchWeights,
    *,
    normalization: Normalization = ...,
    zero_range: ZeroRange = ...,
    chunk_size: int | None = ...,
) -> BatchRankingResult: ...


@overload
def topsis(
    model: Model,
    weights: npt.ArrayLike,
    *,
    normalization: Normalization = ...,
    zero_range: ZeroRange = ...,
    chunk_size: int | None = ...,
) -> RankingResult | BatchRankingResult: ...


def topsis(
    model: Model,
    weights: VectorWeights | BatchWeights | npt.ArrayLike,
    *,
    normalization: Normalization = "vector",
    zero_range: ZeroRange = "ignore",
    chunk_size: int | None = None,
) -> RankingResult | BatchRankingResult:
    """Rank the model's alternatives by TOPSIS closeness to the ideal solution.

    Parameters
    ----------
    model : Model
        The decision model; cost criteria are handled by their direction.
    weights : Series, mapping, DataFrame or array_like
        One weight vector (a Series or mapping keyed by criterion name, or a
        1-D array in criterion order) or K of them (a DataFrame with one column
        per criterion, or a 2-D array with one row per vector). Each vector must
        be non-negative and sum to 1 (see :func:`pathchoice.check_weights`).
    normalization : {"vector", "minmax"}, default "vector"
        ``"vector"``: ``r = x / ||x||_2`` per criterion (Hwang & Yoon's original),
        ideal = max for benefit and min for cost criteria. ``"minmax"``:
        ``(x - min) / (max - min)`` for benefit and ``(max - x) / (max - min)``
        for cost criteria (pymcdm's default), ideal = max for every criterion.
    zero_range : {"ignore", "raise"}, default "ignore"
        What to do with a criterion on which every alternative has the same
        value. ``"ignore"``: it contributes nothing to either distance and the
        result's ``findings`` names it. ``"raise"``: :class:`ZeroRangeError`.
    chunk_size : int, optional
        For a batch, how many weight vectors are processed at a time (bounds
        the memory of the temporaries). Default: chosen from the problem's size
        (3,640 for 12 alternatives × 12 criteria) so that a chunk's matrix
        products stay single-threaded and its temporaries near 1 MB. Changes
        the results by rounding at most (1e-15).

    Returns
    -------
    RankingResult or BatchRankingResult
        For one vector, a :class:`RankingResult` with ``scores`` (the
        closeness coefficient ``D- / (D+ + D-)`` in [0, 1], higher is better),
        integer ``ranks`` (1 = best, ties share the minimum rank) and the step
        tables ``normalized`` and ``weighted`` (alternatives × criteria),
        ``ideal`` and ``anti_ideal`` (by criterion), ``distance_to_ideal`` and
        ``distance_to_anti_ideal`` (by alternative). For K vectors, a
        :class:`BatchRankingResult` with ``scores`` and ``ranks`` of shape
        (K, n_alternatives), equal to K single calls.

    Raises
    ------
    UnknownNameError, WeightsError
        Weights that name unknown criteria or are malformed.
    ZeroRangeError
        A criterion with zero range and ``zero_range="raise"``.
    MethodError
        An unknown ``normalization`` or ``zero_range``, or a bad ``chunk_size``.

    Notes
    -----
    If ``D+ + D- = 0`` for an alternative (all the weight sits on criteria
    that cannot discriminate), its score is 0.5: it is as close to the ideal
    as to the anti-ideal. Scores are never NaN.

    The batched result's arrays are Fortran-ordered (alternatives contiguous);
    they compare and index like any other (K, m) array.

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
    >>> batch = topsis(model, [[0.5, 0.5], [0.9, 0.1]])
    >>> batch.ranks
    array([[1, 2, 3],
           [1, 2, 3]])
    """
    _check_options(normalization, zero_range, chunk_size)
    names = model.criterion_names
    w = check_weights(weights, names, allow_batch=True)
    matrix = model.matrix
    benefit = model.types > 0
    r, ideal, anti, zero = normalize(matrix, benefit, normalization)
    findings = zero_range_findings(model, zero, zero_range, matrix)
    a_plus, a_minus = separations(r, ideal, anti, zero)
    options = {"normalization": normalization, "zero_range": zero_range}

    if w.ndim == 2:
        m = model.n_alternatives
        size = default_chunk_size(m, len(names)) if chunk_size is None else int(chunk_size)
        scores, ranks = batch_scores_ranks(a_plus, a_minus, np.ascontiguousarray(w), size)
        return BatchRankingResult(
            method="topsis",
            scores=scores,
            ranks=ranks,
            weights=w,
            alternatives=model.alternatives,
            criteria=names,
            higher_is_better=True,
            options=options,
            findings=findings,
        )
    return _single(model, w, r, ideal, anti, a_plus, a_minus, options, findings)


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
    total = d_plus + d_minus
    scores = np.full(total.shape, TIE_SCORE)
    np.divide(d_minus, total, out=scores, where=total > 0)
    ranks = rank_scores(scores)

    alternatives = pd.Index(model.alternatives, name="alternative")
    criteria = pd.Index(model.criterion_names, name="criterion")
    at_both = [a for a, t in zip(model.alternatives, total, strict=True) if t == 0]
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
