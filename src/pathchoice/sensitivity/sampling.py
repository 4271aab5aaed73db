"""Samplers for Monte Carlo sensitivity analysis and SMAA: weights and performance.

Every weight sampler returns an ``(n_samples, n_criteria)`` float64 array whose
rows lie on the simplex (non-negative, summing to 1), draws its randomness from
``rng`` (a seed or a :class:`numpy.random.Generator`, passed to
:func:`numpy.random.default_rng`), and is vectorised over the samples:

* :func:`uniform_weights` -- uniform on the simplex: no preference information;
* :func:`dirichlet_weights` -- a Dirichlet distribution centred on given weights;
* :func:`ordinal_weights` -- uniform over the weights that respect a ranking of
  the criteria (``w_a >= w_b >= ...``);
* :func:`interval_weights` -- uniform over the weights inside per-criterion
  bounds;
* :func:`ahp_judgement_weights` -- AHP weights recomputed after perturbing each
  pairwise judgement on Saaty's scale.

:func:`performance_samples` draws ``(n_samples, n_alternatives, n_criteria)``
performance tables around a model's values, per-cell intervals or
distributions.

Any of them can feed :func:`pathchoice.sensitivity.smaa.smaa` chunk by chunk:
bind every argument but ``n_samples`` and ``rng`` (``functools.partial``) and
pass the result as ``weights=`` or ``performance=``; SMAA then calls it as
``sampler(n_samples=k, rng=generator)`` for each block of samples, so a
10-million-sample run never holds all its samples at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.ahp import tree_global_weights
from ..ahp.hierarchy import Node
from ..ahp.pairwise import PairwiseMatrix
from ..ahp.priorities import PRIORITY_METHODS, as_pairwise_matrix
from ..exceptions import (
    HierarchyError,
    ModelError,
    PathchoiceError,
    UnknownNameError,
    WeightsError,
)
from ..model import Model

__all__ = [
    "DISTRIBUTIONS",
    "SAATY_STEPS",
    "ahp_judgement_weights",
    "dirichlet_weights",
    "interval_weights",
    "ordinal_weights",
    "performance_samples",
    "saaty_position",
    "saaty_value",
    "uniform_weights",
]

#: Saaty's scale has ``2 * SAATY_STEPS + 1`` points, positions -8..8:
#: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9 (position p is ``1 + p`` for p >= 0 and
#: ``1 / (1 - p)`` for p < 0).
SAATY_STEPS = 8

#: Performance distributions :func:`performance_samples` knows.
DISTRIBUTIONS: tuple[str, ...] = ("uniform", "normal", "triangular")

# interval_weights gives up when fewer than this share of candidates is accepted ...
_MIN_ACCEPTANCE = 1e-4
# ... after at least this many candidates.
_MIN_CANDIDATES = 100_000
# Candidates drawn at once by interval_weights (bounds its temporary memory).
_MAX_BATCH = 1 << 18


# -- argument checks ---------------------------------------------------------------------


def _count(value: object, name: str, error: type[PathchoiceError] = WeightsError) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise error(f"{name} must be a non-negative integer (got {value!r})")
    if value < 0:
        raise error(f"{name} must be a non-negative integer (got {value})")
    return int(value)


def _criteria_names(criteria: object, n: int | None, where: str) -> tuple[str, ...] | None:
    """``criteria`` as names (None if not given); an int means that many unnamed criteria."""
    if criteria is None:
        return None
    if isinstance(criteria, (int, np.integer)) and not isinstance(criteria, bool):
        if criteria < 1:
            raise WeightsError(f"{where}: criteria must be at least 1 (got {criteria})")
        return tuple(str(j) for j in range(int(criteria)))
    if isinstance(criteria, str) or not isinstance(criteria, Sequence | pd.Index):
        raise WeightsError(
            f"{where}: criteria must be a sequence of criterion names or a count (got {criteria!r})"
        )
    names = tuple(str(c) for c in criteria)
    if len(set(names)) != len(names):
        repeated = sorted({c for c in names if names.count(c) > 1})
        raise WeightsError(f"{where}: criteria repeat names {repeated}")
    if n is not None and len(names) != n:
        raise WeightsError(f"{where}: criteria has {len(names)} names but {n} values were given")
    return names


def _vector(
    values: Any, criteria: tuple[str, ...] | None, what: str, where: str
) -> tuple[np.ndarray, tuple[str, ...]]:
    """A per-criterion vector as float64 in criterion order, and the names used."""
    if isinstance(values, (pd.Series, Mapping)):
        series = values if isinstance(values, pd.Series) else pd.Series(dict(values))
        labels = tuple(str(k) for k in series.index)
        if criteria is None:
            criteria = labels
        unknown = [k for k in labels if k not in criteria]
        if unknown:
            raise UnknownNameError(
                f"{where}: {what} names unknown criteria {unknown}; criteria are {list(criteria)}"
            )
        missing = [c for c in criteria if c not in labels]
        if missing:
            raise WeightsError(f"{where}: {what} is missing criteria {missing}")
        raw = series.reindex(list(criteria)).to_numpy()
    else:
        raw = values
    try:
        array = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise WeightsError(f"{where}: {what} must be numbers (got {values!r})") from None
    if array.ndim != 1 or array.size == 0:
        raise WeightsError(
            f"{where}: {what} must be a non-empty 1-D vector (got shape {array.shape})"
        )
    if criteria is None:
        criteria = tuple(str(j) for j in range(array.size))
    if array.size != len(criteria):
        raise WeightsError(
            f"{where}: {what} has {array.size} values for {len(criteria)} criteria {list(criteria)}"
        )
    bad = ~np.isfinite(array)
    if bad.any():
        j = int(np.argmax(bad))
        raise WeightsError(f"{where}: {what} must be finite: {criteria[j]!r} = {array[j]}")
    return array, criteria


# -- uniform on the simplex --------------------------------------------------------------


def _normalised_columns(e: np.ndarray) -> np.ndarray:
    """Rows of ``e`` (k, n) divided by their sums, returned transposed: ``(n, k)``, C order.

    Each row is scaled by the reciprocal of its sum, the sum taken over the
    criteria in order: the arithmetic of the fused kernel of :mod:`._kernels`,
    so both produce the same bits. Working on the transpose keeps every
    operation on contiguous rows.
    """
    et = np.ascontiguousarray(e.T)
    total = et[0].copy()
    for j in range(1, et.shape[0]):
        total += et[j]
    et *= 1.0 / total
    return et


def uniform_weights(
    n_samples: int, n_criteria: int, *, rng: int | np.random.Generator | None = None
) -> np.ndarray:
    """Weight vectors uniformly distributed on the simplex (no preference information).

    Each row is ``e / sum(e)`` for ``n_criteria`` independent standard
    exponential draws ``e`` (normalised exponential spacings), which is
    uniform on ``{w >= 0, sum(w) = 1}``, i.e. Dirichlet(1, ..., 1)
    (Rubinstein 1982; the weight generation of Tervonen & Lahdelma 2007).

    Parameters
    ----------
    n_samples : int
        Number of weight vectors (rows).
    n_criteria : int
        Number of criteria (columns), at least 1.
    rng : int, Generator or None
        Seed or generator; the draws are consumed row by row, so two calls of
        ``a`` and ``b`` rows on one generator give the same rows as one call
        of ``a + b``.

    Returns
    -------
    numpy.ndarray, shape (n_samples, n_criteria)
        Fortran-ordered (each criterion's column is contiguous, which suits
        the batched ranking); it indexes like any other array.

    Raises
    ------
    WeightsError
        ``n_samples`` negative or not an integer, ``n_criteria`` below 1.

    References
    ----------
    .. [1] Rubinstein, R. Y. (1982). Generating random vectors uniformly
       distributed inside and on the surface of different regions. *European
       Journal of Operational Research*, 10(2), 205–209.
    .. [2] Tervonen, T., & Lahdelma, R. (2007). Implementing stochastic
       multicriteria acceptability analysis. *European Journal of Operational
       Research*, 178(2), 500–513.

    Examples
    --------
    >>> w = uniform_weights(4, 3, rng=1)
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1.0)), bool((w >= 0).all())
    ((4, 3), True, True)
    """
    k = _count(n_samples, "uniform_weights: n_samples")
    if isinstance(n_criteria, bool) or not isinstance(n_criteria, (int, np.integer)):
        raise WeightsError(
            f"uniform_weights: n_criteria must be a positive integer (got {n_criteria!r})"
        )
    if n_criteria < 1:
        raise WeightsError(
            f"uniform_weights: n_criteria must be a positive integer (got {n_criteria})"
        )
    generator = np.random.default_rng(rng)
    return _normalised_columns(generator.standard_exponential((k, int(n_criteria)))).T


# -- Dirichlet around given weights ------------------------------------------------------


def dirichlet_weights(
    center: pd.Series | Mapping[str, float] | npt.ArrayLike,
    concentration: float,
    n_samples: int,
    *,
    criteria: Sequence[str] | None = None,
    rng: int | np.random.Generator | None = None,
) -> np.ndarray:
    """Weight vectors from a Dirichlet distribution centred on ``center``.

    ``w ~ Dirichlet(concentration * center)``: the mean is ``center`` and the
    variance of ``w_j`` is ``c_j (1 - c_j) / (concentration + 1)``, so a large
    concentration keeps the samples close to the centre (1000: about ±3 % of
    a weight of 0.3) and ``concentration = n_criteria`` with equal centre
    weights is the uniform distribution. A criterion whose centre weight is 0
    stays at 0.

    Parameters
    ----------
    center : Series, mapping or array_like
        The centre weights, non-negative and summing to 1 (within 1e-6); by
        criterion name (Series or mapping) or in criterion order.
    concentration : float
        Positive and finite: the sum of the Dirichlet parameters.
    n_samples : int
        Number of weight vectors.
    criteria : sequence of str, optional
        Criterion names in output column order (aligns a named ``center``).
        Default: the centre's own order.
    rng : int, Generator or None
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (n_samples, n_criteria)

    Raises
    ------
    WeightsError, UnknownNameError
        A centre that is not a weight vector (negative, not summing to 1,
        non-finite, wrong names), or a concentration that is not a positive
        finite number.

    References
    ----------
    .. [1] Kotz, S., Balakrishnan, N., & Johnson, N. L. (2000). *Continuous
       Multivariate Distributions, Vol. 1: Models and Applications* (2nd ed.),
       ch. 49 (the Dirichlet distribution: mean and variance). Wiley.

    Examples
    --------
    >>> w = dirichlet_weights([0.5, 0.3, 0.2], 500.0, 20_000, rng=7)
    >>> w.mean(axis=0).round(2).tolist()
    [0.5, 0.3, 0.2]
    """
    where = "dirichlet_weights"
    names = _criteria_names(criteria, None, where)
    c, names = _vector(center, names, "center", where)
    negative = c < 0
    if negative.any():
        j = int(np.argmax(negative))
        raise WeightsError(f"{where}: center must not be negative: {names[j]!r} = {c[j]:g}")
    if abs(c.sum() - 1.0) > 1e-6:
        raise WeightsError(
            f"{where}: center must sum to 1 (got {c.sum():.6g} for {c.size} criteria)"
        )
    try:
        alpha0 = float(concentration)
    except (TypeError, ValueError):
        raise WeightsError(
            f"{where}: concentration must be a positive number (got {concentration!r})"
        ) from None
    if not np.isfinite(alpha0) or alpha0 <= 0:
        raise WeightsError(
            f"{where}: concentration must be a positive finite number (got {concentration!r})"
        )
    k = _count(n_samples, f"{where}: n_samples")
    generator = np.random.default_rng(rng)
    out = np.zeros((k, c.size))
    positive = np.flatnonzero(c > 0)
    if positive.size == 1:
        out[:, positive[0]] = 1.0
    else:
        # numpy's dirichlet switches to a stick-breaking method for small
        # parameters, so low concentrations do not underflow to 0/0.
        out[:, positive] = generator.dirichlet(alpha0 * c[positive] / c[positive].sum(), size=k)
    return out


# -- ordinal ranking of criteria ---------------------------------------------------------


def _order_indices(order: Any, names: tuple[str, ...] | None, where: str) -> tuple[np.ndarray, int]:
    if isinstance(order, (str, bytes)) or not isinstance(order, Sequence | np.ndarray | pd.Index):
        raise WeightsError(
            f"{where}: order must be a sequence of criterion names or indices, most important "
            f"first (got {order!r})"
        )
    items = list(order)
    if not items:
        raise WeightsError(f"{where}: order must name at least one criterion (got [])")
    index: list[int] = []
    for item in items:
        if isinstance(item, (int, np.integer)) and not isinstance(item, bool):
            limit = len(names) if names is not None else len(items)
            if not 0 <= item < limit:
                raise WeightsError(
                    f"{where}: order index {item} is out of range for {limit} criteria"
                )
            index.append(int(item))
        elif isinstance(item, str):
            if names is None:
                raise WeightsError(
                    f"{where}: order names criterion {item!r}; pass criteria=<names> to say "
                    "which column each name is"
                )
            if item not in names:
                raise UnknownNameError(
                    f"{where}: order names unknown criterion {item!r}; criteria are {list(names)}"
                )
            index.append(names.index(item))
        else:
            raise WeightsError(
                f"{where}: order entries must be criterion names or integer indices (got {item!r})"
            )
    if len(set(index)) != len(index):
        repeated = sorted({items[p] for p, i in enumerate(index) if index.count(i) > 1}, key=str)
        raise WeightsError(f"{where}: order repeats criteria {repeated}")
    if names is None:
        if sorted(index) != list(range(len(index))):
            raise WeightsError(
                f"{where}: without criteria=, order must rank every criterion: a permutation "
                f"of 0..{len(index) - 1} (got {items})"
            )
        return np.asarray(index, dtype=np.intp), len(index)
    return np.asarray(index, dtype=np.intp), len(names)


def ordinal_weights(
    order: Sequence[str] | Sequence[int],
    n_samples: int,
    *,
    criteria: Sequence[str] | int | None = None,
    rng: int | np.random.Generator | None = None,
) -> np.ndarray:
    """Weight vectors uniform over the region where the weights follow a ranking.

    ``order`` lists criteria from most to least important; every sample
    satisfies ``w[order[0]] >= w[order[1]] >= ...`` and is uniform over that
    part of the simplex: uniform simplex samples are sorted into the ranked
    positions (Lahdelma, Hokkanen & Salminen 1998; Tervonen & Lahdelma 2007).
    The uniform distribution is exchangeable, so sorting maps it onto the
    ordered region uniformly. Criteria left out of ``order`` are
    unconstrained. The mean of the samples is the rank-order centroid
    ``w_(i) = (1/n) * sum_{k=i..n} 1/k`` when every criterion is ranked
    (Barron & Barrett 1996).

    Parameters
    ----------
    order : sequence of str or int
        Criterion names (with ``criteria=``) or column indices, most important
        first. Without ``criteria``, a permutation of ``0..n-1``.
    n_samples : int
        Number of weight vectors.
    criteria : sequence of str or int, optional
        The criterion names in column order (or their number), needed when
        ``order`` uses names or ranks only some criteria.
    rng : int, Generator or None
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (n_samples, n_criteria)

    Raises
    ------
    WeightsError, UnknownNameError
        An empty or repeated order, an index out of range, a name without
        ``criteria``, an unknown name.

    References
    ----------
    .. [1] Lahdelma, R., Hokkanen, J., & Salminen, P. (1998). SMAA —
       Stochastic multiobjective acceptability analysis. *European Journal of
       Operational Research*, 106(1), 137–143.
    .. [2] Tervonen, T., & Lahdelma, R. (2007). Implementing stochastic
       multicriteria acceptability analysis. *European Journal of Operational
       Research*, 178(2), 500–513.
    .. [3] Barron, F. H., & Barrett, B. E. (1996). Decision quality using
       ranked attribute weights. *Management Science*, 42(11), 1515–1523.

    Examples
    --------
    >>> w = ordinal_weights(["cost", "risk"], 1000, criteria=["risk", "cost", "time"], rng=3)
    >>> bool((w[:, 1] >= w[:, 0]).all())
    True
    """
    where = "ordinal_weights"
    names = _criteria_names(criteria, None, where)
    index, n = _order_indices(order, names, where)
    w = uniform_weights(_count(n_samples, f"{where}: n_samples"), n, rng=rng)
    if index.size > 1:
        ranked = w[:, index]
        ranked.sort(axis=1)
        w[:, index] = ranked[:, ::-1]
    return w


# -- intervals per weight ----------------------------------------------------------------


def interval_weights(
    lower: pd.Series | Mapping[str, float] | npt.ArrayLike,
    upper: pd.Series | Mapping[str, float] | npt.ArrayLike,
    n_samples: int,
    *,
    criteria: Sequence[str] | None = None,
    rng: int | np.random.Generator | None = None,
) -> np.ndarray:
    """Weight vectors uniform over the simplex within per-criterion bounds.

    The region is ``{w : lower <= w <= upper, sum(w) = 1}``. Samples are drawn
    uniformly from the sub-simplex ``{w >= lower, sum(w) = 1}`` (an affine
    image of the simplex: ``lower + (1 - sum(lower)) * u`` with ``u`` uniform
    on the simplex) and those above an upper bound are rejected, in batches.
    The accepted samples are uniform over the region (rejection sampling:
    Tervonen & Lahdelma 2007 discuss it for SMAA weight constraints). Only the
    upper bounds cost rejections; when they are loose every draw is kept.

    Parameters
    ----------
    lower, upper : Series, mapping or array_like
        Bounds per criterion, ``0 <= lower <= upper <= 1``; by name or in
        criterion order. A scalar applies to every criterion (the other bound
        or ``criteria`` gives their number).
    n_samples : int
        Number of weight vectors.
    criteria : sequence of str, optional
        Criterion names in output column order.
    rng : int, Generator or None
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (n_samples, n_criteria)

    Raises
    ------
    WeightsError, UnknownNameError
        Bounds outside [0, 1] or crossed (the criterion is named), an empty
        region (``sum(lower) > 1`` or ``sum(upper) < 1``), or a region so
        small that fewer than 1 in 10,000 candidates is accepted (after
        100,000 candidates): narrow the lower bounds instead or sample the
        region another way.

    References
    ----------
    .. [1] Tervonen, T., & Lahdelma, R. (2007). Implementing stochastic
       multicriteria acceptability analysis. *European Journal of Operational
       Research*, 178(2), 500–513.

    Examples
    --------
    >>> w = interval_weights([0.1, 0.2, 0.0], [0.5, 0.6, 0.3], 1000, rng=5)
    >>> bool((w >= [0.1, 0.2, 0.0]).all() and (w <= [0.5, 0.6, 0.3]).all())
    True
    """
    where = "interval_weights"
    names = _criteria_names(criteria, None, where)
    bounds: dict[str, np.ndarray] = {}
    given = {"lower": lower, "upper": upper}
    # Named bounds first (they fix the criterion order), then arrays, then scalars.
    rank = {
        what: 0 if isinstance(v, (pd.Series, Mapping)) else 2 if np.ndim(v) == 0 else 1
        for what, v in given.items()
    }
    for what in sorted(given, key=rank.__getitem__):
        if rank[what] < 2:
            bounds[what], names = _vector(given[what], names, what, where)
        elif names is None:
            raise WeightsError(
                f"{where}: lower and upper are both scalars; pass criteria=<names or count> "
                "to say how many criteria there are"
            )
        else:
            bounds[what] = np.full(len(names), _scalar(given[what], what, where))
    lo, hi = bounds["lower"], bounds["upper"]
    names = tuple(names or ())
    for j, name in enumerate(names):
        if lo[j] < 0 or hi[j] > 1:
            raise WeightsError(
                f"{where}: bounds for criterion {name!r} must lie in [0, 1] "
                f"(got [{lo[j]:g}, {hi[j]:g}])"
            )
        if lo[j] > hi[j]:
            raise WeightsError(
                f"{where}: lower bound above upper bound for criterion {name!r} "
                f"({lo[j]:g} > {hi[j]:g})"
            )
    if lo.sum() > 1 + 1e-12:
        raise WeightsError(
            f"{where}: the region is empty: the lower bounds sum to {lo.sum():.6g} > 1"
        )
    if hi.sum() < 1 - 1e-12:
        raise WeightsError(
            f"{where}: the region is empty: the upper bounds sum to {hi.sum():.6g} < 1"
        )
    k = _count(n_samples, f"{where}: n_samples")
    generator = np.random.default_rng(rng)
    slack = 1.0 - lo.sum()
    n = lo.size
    if slack <= 1e-12:
        return np.tile(lo / lo.sum(), (k, 1))
    out = np.empty((k, n))
    filled = drawn = 0
    while filled < k:
        rate = filled / drawn if drawn else 1.0
        batch = int(min(_MAX_BATCH, max(1024, 1.2 * (k - filled) / max(rate, _MIN_ACCEPTANCE))))
        candidates = lo + slack * uniform_weights(batch, n, rng=generator)
        keep = candidates[(candidates <= hi).all(axis=1)]
        drawn += batch
        take = min(len(keep), k - filled)
        out[filled : filled + take] = keep[:take]
        filled += take
        if filled < k and drawn >= _MIN_CANDIDATES and filled / drawn < _MIN_ACCEPTANCE:
            bounds_text = dict(zip(names, hi.tolist(), strict=True))
            raise WeightsError(
                f"{where}: the region inside the bounds is too small for rejection sampling: "
                f"{filled} of {drawn:,} candidates accepted (acceptance below "
                f"{_MIN_ACCEPTANCE:g}); the upper bounds {bounds_text} cut away almost all "
                "of the simplex above the lower bounds"
            )
    return out


def _scalar(value: object, what: str, where: str) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise WeightsError(f"{where}: {what} must be a number (got {value!r})") from None


# -- AHP judgement uncertainty -----------------------------------------------------------


def saaty_position(values: npt.ArrayLike) -> np.ndarray:
    """Position of judgements on Saaty's scale: ``x - 1`` for ``x >= 1``, ``1 - 1/x`` below.

    Positions -8..8 are the scale's points 1/9..9; values between points get
    fractional positions (2.5 is 1.5). Positions within 1e-9 of an integer are
    snapped to it, so 1/3 typed as a float sits exactly at -2.

    Examples
    --------
    >>> saaty_position([1 / 9, 1 / 3, 1, 2.5, 9]).tolist()
    [-8.0, -2.0, 0.0, 1.5, 8.0]
    """
    x = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore"):
        p = np.where(x >= 1.0, x - 1.0, 1.0 - 1.0 / x)
    near = np.round(p)
    return np.where(np.abs(p - near) < 1e-9, near, p)


def saaty_value(positions: npt.ArrayLike) -> np.ndarray:
    """The judgement at a position of Saaty's scale (inverse of :func:`saaty_position`).

    Examples
    --------
    >>> saaty_value([-8, -1, 0, 1.5, 8]).round(4).tolist()
    [0.1111, 0.5, 1.0, 2.5, 9.0]
    """
    p = np.asarray(positions, dtype=np.float64)
    return np.where(p >= 0.0, 1.0 + p, 1.0 / (1.0 - np.minimum(p, 0.0)))


def _perturbed_stack(
    values: np.ndarray, k: int, spread: int, generator: np.random.Generator
) -> np.ndarray:
    """``k`` copies of a pairwise matrix with each judged upper-triangle entry moved on the scale.

    Each judgement at position ``p`` moves by an integer ``d`` drawn uniformly
    from ``{d : |d| <= spread, -8 <= p + d <= 8}`` (the range is widened to
    include ``p`` itself for a judgement beyond 1/9..9); its mirror entry
    becomes the reciprocal. Missing judgements stay NaN.
    """
    n = values.shape[0]
    iu, ju = np.triu_indices(n, k=1)
    known = ~np.isnan(values[iu, ju])
    iu, ju = iu[known], ju[known]
    stack = np.broadcast_to(values, (k, n, n)).copy()
    if spread == 0 or iu.size == 0:
        return stack
    p = saaty_position(values[iu, ju])
    low = np.minimum(-SAATY_STEPS, p)
    high = np.maximum(SAATY_STEPS, p)
    d_low = np.maximum(-spread, np.ceil(low - p - 1e-9)).astype(np.int64)
    d_high = np.minimum(spread, np.floor(high - p + 1e-9)).astype(np.int64)
    steps = generator.integers(d_low, d_high + 1, size=(k, iu.size))
    new = saaty_value(p + steps)
    stack[:, iu, ju] = new
    stack[:, ju, iu] = 1.0 / new
    return stack


def _llsm_complete(stack: np.ndarray) -> np.ndarray:
    """Fill the NaNs of a stack of matrices (same pattern) with the LLSM completion.

    The incomplete logarithmic least squares weights (Kwiesielewicz 1996;
    Bozóki, Fülöp & Rónyai 2010) solve ``(L + J) y = r`` with ``L`` the
    Laplacian of the comparison graph, the same for every matrix of the
    stack, so one solve with many right-hand sides serves all samples; the
    missing entries become ``exp(y_i - y_j)``.
    """
    n = stack.shape[1]
    known = ~np.isnan(stack[0])
    np.fill_diagonal(known, False)
    log_a = np.where(known, np.log(np.where(known, stack, 1.0)), 0.0)
    laplacian = np.diag(known.sum(axis=1)).astype(np.float64) - known
    r = log_a.sum(axis=2)  # (k, n)
    y = np.linalg.solve(laplacian + np.ones((n, n)), r.T).T
    filled = np.exp(y[:, :, None] - y[:, None, :])
    missing = ~known
    np.fill_diagonal(missing, False)
    out = stack.copy()
    out[:, missing] = filled[:, missing]
    return out


def _matrix_weights(
    matrix: PairwiseMatrix, k: int, spread: int, method: str, generator: np.random.Generator
) -> np.ndarray:
    stack = _perturbed_stack(matrix.values, k, spread, generator)
    if not matrix.is_complete:
        stack = _llsm_complete(stack)
    return PRIORITY_METHODS[method](stack)


def _hierarchy_weights(
    root: Node, k: int, spread: int, method: str, generator: np.random.Generator
) -> tuple[np.ndarray, tuple[str, ...]]:
    """(k, n_leaves) global weights of perturbed hierarchies, and the leaf names."""
    names: list[str] = []
    parents: list[int] = []
    depths: list[int] = []
    leaves: list[int] = []
    blocks: list[tuple[Node, list[int]]] = []

    def visit(node: Node, parent: int, depth: int) -> None:
        me = len(names)
        names.append(node.name)
        parents.append(parent)
        depths.append(depth)
        children: list[int] = []
        blocks.append((node, children))
        for child in node.children:
            children.append(len(names))
            if isinstance(child, Node):
                visit(child, me, depth + 1)
            else:
                names.append(child)
                parents.append(me)
                depths.append(depth + 1)
                leaves.append(len(names) - 1)

    visit(root, -1, 0)
    local = np.ones((k, len(names)))
    for node, children in blocks:
        if node.matrix is not None:
            weights = _matrix_weights(node.matrix, k, spread, method, generator)
            order = [node.matrix.labels.index(c) for c in node.child_names]
            local[:, children] = weights[:, order]
        elif node.weights is not None:
            local[:, children] = [node.weights[c] for c in node.child_names]
    glob = tree_global_weights(
        np.asarray(parents, dtype=np.int64), local, np.asarray(depths, dtype=np.int64)
    )
    return glob[:, leaves], tuple(names[i] for i in leaves)


def ahp_judgement_weights(
    hierarchy_or_matrix: Node | PairwiseMatrix | Mapping[tuple[str, str], float] | pd.DataFrame,
    n_samples: int,
    *,
    spread: int = 1,
    method: str = "eigenvector",
    criteria: Sequence[str] | None = None,
    rng: int | np.random.Generator | None = None,
) -> np.ndarray:
    """AHP weights under judgement uncertainty: every judgement moved on Saaty's scale.

    Saaty's scale is read as 17 positions, -8..8, for 1/9, 1/8, ..., 1/2, 1,
    2, ..., 9. In each sample every given judgement (each unordered pair once;
    its reciprocal follows) moves by an integer number of steps drawn
    uniformly from ``-spread..spread``, truncated to the steps that stay on
    the scale: with ``spread=1`` a 3 becomes 2, 3 or 4 with probability 1/3
    each, a 9 becomes 8 or 9 with probability 1/2 each, a 1 becomes 1/2, 1 or
    2. A judgement between scale points (2.5) moves by whole steps from where
    it is (1.5, 2.5, 3.5). The priorities are then recomputed for every
    sample with ``method``, as one stacked computation per node, and composed
    down the hierarchy (global weight = product of local weights along the
    path; Saaty 1980). Nodes weighted directly (``Node(weights=...)``) keep
    their weights. Missing judgements are completed in each sample with the
    logarithmic least squares completion (Bozóki, Fülöp & Rónyai 2010) — the
    ``lambda_max`` completion is an optimisation per matrix and is not used
    here.

    Parameters
    ----------
    hierarchy_or_matrix : Node, PairwiseMatrix, dict or DataFrame
        An AHP hierarchy (its leaves are the criteria) or one pairwise matrix
        (its labels are the criteria), or judgements
        ``{(a, b): value}``/a DataFrame as :func:`pathchoice.ahp.ahp_weights`
        accepts them.
    n_samples : int
        Number of weight vectors.
    spread : int, default 1
        Largest move in scale steps; 0 returns the unperturbed weights.
    method : {"eigenvector", "geometric_mean"}, default "eigenvector"
        Priority method used at every node.
    criteria : sequence of str, optional
        Output column order: the same names as the leaves (or labels) in any
        order, e.g. ``model.criterion_names``. Default: leaves/labels order.
    rng : int, Generator or None
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (n_samples, n_criteria)

    Raises
    ------
    WeightsError
        ``spread`` not a non-negative integer, ``criteria`` not the same names.
    UnknownNameError
        Unknown ``method``.
    HierarchyError, PairwiseMatrixError
        Input that is not a hierarchy or valid judgements.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    .. [2] Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion
       of incomplete pairwise comparison matrices. *Mathematical and Computer
       Modelling*, 52(1–2), 318–333.
    .. [3] Tervonen, T., & Figueira, J. R. (2008). A survey on stochastic
       multicriteria acceptability analysis methods. *Journal of
       Multi-Criteria Decision Analysis*, 15(1–2), 1–14.

    Examples
    --------
    >>> from pathchoice.ahp import PairwiseMatrix
    >>> m = PairwiseMatrix.from_judgements({("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2})
    >>> w = ahp_judgement_weights(m, 1000, spread=1, rng=2)
    >>> w.shape, bool((w[:, 0] > w[:, 2]).all())
    ((1000, 3), True)
    """
    where = "ahp_judgement_weights"
    if isinstance(spread, bool) or not isinstance(spread, (int, np.integer)) or spread < 0:
        raise WeightsError(f"{where}: spread must be a non-negative integer (got {spread!r})")
    if method not in PRIORITY_METHODS:
        raise UnknownNameError(
            f"{where}: method must be one of {sorted(PRIORITY_METHODS)} (got {method!r})"
        )
    k = _count(n_samples, f"{where}: n_samples")
    generator = np.random.default_rng(rng)
    if isinstance(hierarchy_or_matrix, Node):
        weights, labels = _hierarchy_weights(hierarchy_or_matrix, k, int(spread), method, generator)
    elif isinstance(hierarchy_or_matrix, (PairwiseMatrix, Mapping, pd.DataFrame)):
        matrix = as_pairwise_matrix(hierarchy_or_matrix)
        weights = _matrix_weights(matrix, k, int(spread), method, generator)
        labels = matrix.labels
    else:
        raise HierarchyError(
            f"{where}: expected an AHP hierarchy (Node), a PairwiseMatrix, a dict of "
            f"judgements or a DataFrame (got {type(hierarchy_or_matrix).__name__})"
        )
    if criteria is None:
        return np.ascontiguousarray(weights)
    names = _criteria_names(criteria, None, where) or ()
    if sorted(names) != sorted(labels):
        unknown = [c for c in names if c not in labels]
        missing = [c for c in labels if c not in names]
        raise WeightsError(
            f"{where}: criteria must be the hierarchy's criteria in some order; "
            f"not in the hierarchy: {unknown}, missing: {missing}"
        )
    return np.ascontiguousarray(weights[:, [labels.index(c) for c in names]])


# -- performance uncertainty -------------------------------------------------------------


def _cell_name(model: Model, i: int, j: int) -> str:
    """The cell (alternative ``i``, criterion ``j``) as it is named in messages."""
    return f"[{model.alternatives[i]!r}, {model.criterion_names[j]!r}]"


def _cells(value: Any, model: Model, what: str) -> np.ndarray:
    """A per-cell table as an (m, n) float64 array aligned with the model."""
    m, n = model.shape
    if isinstance(value, pd.DataFrame):
        rows = [str(r) for r in value.index]
        cols = [str(c) for c in value.columns]
        unknown_rows = [r for r in rows if r not in model.alternatives]
        unknown_cols = [c for c in cols if c not in model.criterion_names]
        if unknown_rows or unknown_cols:
            raise ModelError(
                f"performance_samples: {what} names unknown alternatives {unknown_rows} or "
                f"criteria {unknown_cols}"
            )
        missing_rows = [r for r in model.alternatives if r not in rows]
        missing_cols = [c for c in model.criterion_names if c not in cols]
        if missing_rows or missing_cols:
            raise ModelError(
                f"performance_samples: {what} is missing alternatives {missing_rows} or "
                f"criteria {missing_cols}"
            )
        frame = value.copy()
        frame.index = rows
        frame.columns = cols
        value = frame.loc[list(model.alternatives), list(model.criterion_names)].to_numpy()
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ModelError(f"performance_samples: {what} must be numbers (got {value!r})") from None
    if array.ndim == 0:
        array = np.full((m, n), float(array))
    if array.shape != (m, n):
        raise ModelError(
            f"performance_samples: {what} must have the model's shape ({m}, {n}) "
            f"(alternatives × criteria), got {array.shape}"
        )
    bad = ~np.isfinite(array)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ModelError(
            f"performance_samples: {what} must be finite: {_cell_name(model, i, j)} = {array[i, j]}"
        )
    return array


def _check_order(model: Model, low: np.ndarray, high: np.ndarray, lo: str, hi: str) -> None:
    crossed = low > high
    if crossed.any():
        i, j = np.argwhere(crossed)[0]
        raise ModelError(
            f"performance_samples: {lo} above {hi} for {_cell_name(model, i, j)} "
            f"({low[i, j]:g} > {high[i, j]:g})"
        )


def performance_samples(
    model: Model,
    *,
    intervals: tuple[Any, Any] | None = None,
    distributions: tuple[Any, ...] | None = None,
    n_samples: int,
    rng: int | np.random.Generator | None = None,
) -> np.ndarray:
    """Sampled performance tables around a model: per-cell intervals or distributions.

    Every cell (alternative, criterion) is drawn independently.

    Parameters
    ----------
    model : Model
        The decision model; its values are the centres (normal) or modes
        (triangular).
    intervals : (lower, upper), optional
        Uniform on ``[lower, upper]`` per cell; each bound an array of the
        model's shape, a DataFrame labelled like the model, or a scalar.
    distributions : tuple, optional
        ``("normal", sd)``: the model's value plus normal noise with standard
        deviation ``sd`` (per cell or scalar, >= 0; values may leave the
        natural range of a criterion). ``("triangular", lower, upper)``:
        triangular with mode at the model's value (``lower <= value <=
        upper``), drawn by inverting its distribution function.
        ``("uniform", lower, upper)`` is the same as ``intervals``.
    n_samples : int
        Number of tables.
    rng : int, Generator or None
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (n_samples, n_alternatives, n_criteria)

    Raises
    ------
    ModelError
        Bounds or deviations of the wrong shape or labels, non-finite,
        crossed bounds, negative deviations, a mode outside its triangle
        (each names the cell).
    PathchoiceError
        Neither or both of ``intervals`` and ``distributions``, an unknown
        distribution, a bad ``n_samples``.

    Notes
    -----
    To bound memory in :func:`~pathchoice.sensitivity.smaa.smaa`, pass
    ``functools.partial(performance_samples, model, intervals=...)``: it is
    called once per block of samples with ``n_samples`` and ``rng``.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B"], ["x", "y"], [[1.0, 2.0], [3.0, 4.0]])
    >>> p = performance_samples(model, distributions=("normal", 0.1), n_samples=5, rng=0)
    >>> p.shape
    (5, 2, 2)
    >>> low, high = model.matrix - 0.5, model.matrix + 0.5
    >>> p = performance_samples(model, intervals=(low, high), n_samples=100, rng=0)
    >>> bool(((p >= low) & (p <= high)).all())
    True
    """
    if (intervals is None) == (distributions is None):
        raise PathchoiceError(
            "performance_samples: give exactly one of intervals=(lower, upper) and "
            "distributions=(kind, ...)"
        )
    if intervals is not None:
        spec: tuple[Any, ...] = ("uniform", *_pair(intervals, "intervals"))
    else:
        if not isinstance(distributions, tuple) or not distributions:
            raise PathchoiceError(
                "performance_samples: distributions must be a tuple such as ('normal', sd) or "
                f"('triangular', lower, upper) (got {distributions!r})"
            )
        spec = distributions
    kind = spec[0]
    if kind not in DISTRIBUTIONS:
        raise PathchoiceError(
            f"performance_samples: unknown distribution {kind!r}; known: {list(DISTRIBUTIONS)}"
        )
    expected = {"uniform": 3, "normal": 2, "triangular": 3}[kind]
    if len(spec) != expected:
        form = {"uniform": "(lower, upper)", "normal": "(sd,)", "triangular": "(lower, upper)"}
        raise PathchoiceError(
            f"performance_samples: distribution {kind!r} takes parameters {form[kind]} "
            f"(got {len(spec) - 1})"
        )
    k = _count(n_samples, "performance_samples: n_samples", PathchoiceError)
    generator = np.random.default_rng(rng)
    m, n = model.shape
    value = model.matrix
    if kind == "normal":
        sd = _cells(spec[1], model, "sd")
        negative = sd < 0
        if negative.any():
            i, j = np.argwhere(negative)[0]
            raise ModelError(
                f"performance_samples: sd must not be negative: {_cell_name(model, i, j)} = "
                f"{sd[i, j]:g}"
            )
        return value + sd * generator.standard_normal((k, m, n))
    low = _cells(spec[1], model, "lower")
    high = _cells(spec[2], model, "upper")
    _check_order(model, low, high, "lower", "upper")
    if kind == "uniform":
        return low + (high - low) * generator.random((k, m, n))
    _check_order(model, low, value, "lower", "the model's value (the mode)")
    _check_order(model, value, high, "the model's value (the mode)", "upper")
    width = high - low
    u = generator.random((k, m, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        split = np.where(width > 0, (value - low) / width, 0.0)
        left = low + np.sqrt(u * width * (value - low))
        right = high - np.sqrt((1.0 - u) * width * (high - value))
    return np.where(width > 0, np.where(u < split, left, right), value)


def _pair(value: Any, what: str) -> tuple[Any, Any]:
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise PathchoiceError(
            f"performance_samples: {what} must be a pair (lower, upper) (got {value!r})"
        )
    return value[0], value[1]
