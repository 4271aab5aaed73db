"""Interval and triangular fuzzy pairwise judgements: a judgement as a range.

An analyst unsure whether *a* is 3 or 5 times as important as *b* gives the
range ``(3, 5)``; a triangular fuzzy judgement ``(3, 4, 5)`` adds a most likely
value. :class:`IntervalJudgements` holds such ranges (crisp values allowed),
checked by the same rules as :class:`~pathchoice.ahp.PairwiseMatrix`.

Two things follow from the ranges:

* **bounds on the weights** (:func:`interval_weight_bounds`), by linear
  programming -- the *preference programming* of Arbel (1989) and Salo &
  Hämäläinen (1995): the weight vectors ``w >= 0``, ``sum(w) = 1`` whose ratios
  all lie in the ranges, ``l_ij <= w_i / w_j <= u_ij`` (linear in ``w`` as
  ``w_i - u_ij w_j <= 0`` and ``l_ij w_j - w_i <= 0``), form a polytope; each
  weight's smallest and largest value over it are two linear programs (solved
  with :func:`scipy.optimize.linprog`, HiGHS). Ranges that no weight vector
  satisfies (inconsistent intervals) are reported, not forced;
* **samples within the ranges** (:func:`sample_interval_matrices`,
  :func:`interval_weight_samples`) for Monte Carlo / SMAA: each judgement drawn
  log-uniformly in its range (ratios spread in log terms, so 1/5..1/3 and 3..5
  are treated alike), or log-triangularly around the most likely value, its
  reciprocal mirrored. These are pure functions of the judgements, ``n_samples``
  and ``rng``, for the judgement-uncertainty sampler to call.

References
----------
.. [1] Arbel, A. (1989). Approximate articulation of preference and priority
   derivation. *European Journal of Operational Research* 43(3), 317–326.
.. [2] Salo, A. A., & Hämäläinen, R. P. (1995). Preference programming through
   approximate ratio comparisons. *European Journal of Operational Research*
   82(3), 458–475.
.. [3] Saaty, T. L., & Vargas, L. G. (1987). Uncertainty and rank order in the
   analytic hierarchy process. *European Journal of Operational Research* 32(1),
   107–117 (interval judgements simulated within their ranges).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_count, as_rng, is_number
from ..exceptions import PairwiseMatrixError
from .checks import judgement_error, upper_pairs
from .pairwise import PairwiseMatrix
from .priorities import PRIORITY_METHODS, WeightsResult, ahp_weights

__all__ = [
    "INTERVAL_DISTRIBUTIONS",
    "IntervalJudgements",
    "IntervalWeightsResult",
    "interval_weight_bounds",
    "interval_weight_samples",
    "sample_interval_matrices",
]

#: How :func:`sample_interval_matrices` draws a judgement within its range.
INTERVAL_DISTRIBUTIONS: tuple[str, ...] = ("log_uniform", "log_triangular")

RangeLike = float | tuple[float, float] | tuple[float, float, float]


class IntervalJudgements:
    """Pairwise judgements as ranges ``[low, high]``, with an optional most likely value.

    Build with :meth:`from_judgements`. ``lower``, ``mode`` and ``upper`` are
    reciprocal matrices (``lower[j, i] = 1 / upper[i, j]``), NaN where a pair
    is not judged.

    Examples
    --------
    >>> j = IntervalJudgements.from_judgements({("a", "b"): (2, 4), ("b", "c"): 3,
    ...                                         ("a", "c"): (4, 6, 9)})
    >>> j.labels, j.ranges()[("a", "b")]
    (('a', 'b', 'c'), (2.0, 2.8284271247461903, 4.0))
    >>> j.midpoint.judgements()[("a", "c")]
    6.0
    """

    __slots__ = ("_lower", "_midpoint", "_mode", "_upper")

    def __init__(
        self, lower: np.ndarray, mode: np.ndarray, upper: np.ndarray, labels: Sequence[str]
    ):
        midpoint = PairwiseMatrix(mode, labels, allow_missing=True)
        for name, bound in (("lower", lower), ("upper", upper)):
            if bound.shape != midpoint.readonly_values.shape:
                raise PairwiseMatrixError(f"IntervalJudgements: {name} bounds have the wrong shape")
        for array in (lower, mode, upper):
            array.setflags(write=False)
        object.__setattr__(self, "_lower", lower)
        object.__setattr__(self, "_mode", mode)
        object.__setattr__(self, "_upper", upper)
        object.__setattr__(self, "_midpoint", midpoint)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"IntervalJudgements is immutable; cannot set {name!r}")

    @classmethod
    def from_judgements(
        cls,
        judgements: Mapping[tuple[str, str], RangeLike]
        | Iterable[tuple[tuple[str, str], RangeLike]],
        labels: Sequence[str] | None = None,
    ) -> IntervalJudgements:
        """Ranges from ``{(a, b): (low, high)}``, ``(low, mode, high)`` or a crisp value.

        The most likely value defaults to the geometric middle ``sqrt(low * high)``.
        Labels, repeated or contradictory pairs and connectivity are checked by
        :class:`~pathchoice.ahp.PairwiseMatrix` on the most likely values.

        Raises
        ------
        PairwiseMatrixError
            A range that is not one to three positive finite numbers in
            increasing order (the error names the pair, ``err.pair``); any
            error of :meth:`PairwiseMatrix.from_judgements`.
        """
        items = list(judgements.items() if isinstance(judgements, Mapping) else judgements)
        parsed: dict[tuple[str, str], tuple[float, float, float]] = {}
        for key, raw in items:
            parsed[key] = _range_of(key, raw)
        midpoint = PairwiseMatrix.from_judgements(
            {k: v[1] for k, v in parsed.items()}, labels=labels
        )
        names = midpoint.labels
        index = {x: i for i, x in enumerate(names)}
        n = len(names)
        lower, upper = np.full((n, n), np.nan), np.full((n, n), np.nan)
        np.fill_diagonal(lower, 1.0)
        np.fill_diagonal(upper, 1.0)
        for (a, b), (lo, _, hi) in parsed.items():
            i, j = index[a], index[b]
            if i == j:
                continue
            lower[i, j], upper[i, j] = lo, hi
            lower[j, i], upper[j, i] = 1.0 / hi, 1.0 / lo
        return cls(lower, midpoint.values, upper, names)

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, in matrix order."""
        return self._midpoint.labels

    @property
    def lower(self) -> np.ndarray:
        """Lower bounds (a copy), NaN where not judged."""
        return self._lower.copy()

    @property
    def upper(self) -> np.ndarray:
        """Upper bounds (a copy), NaN where not judged."""
        return self._upper.copy()

    @property
    def mode(self) -> np.ndarray:
        """Most likely values (a copy), NaN where not judged."""
        return self._mode.copy()

    @property
    def midpoint(self) -> PairwiseMatrix:
        """The most likely values as a :class:`~pathchoice.ahp.PairwiseMatrix`."""
        return self._midpoint

    @property
    def is_complete(self) -> bool:
        """Whether every pair is judged."""
        return self._midpoint.is_complete

    def ranges(self) -> dict[tuple[str, str], tuple[float, float, float]]:
        """``{(row, column): (low, mode, high)}`` for the judged pairs of the upper triangle."""
        iu, ju = upper_pairs(len(self.labels))
        keep = ~np.isnan(self._mode[iu, ju])
        return {
            (self.labels[i], self.labels[j]): (
                float(self._lower[i, j]),
                float(self._mode[i, j]),
                float(self._upper[i, j]),
            )
            for i, j in zip(iu[keep].tolist(), ju[keep].tolist(), strict=True)
        }

    def __repr__(self) -> str:
        return f"IntervalJudgements({len(self.labels)} labels, {len(self.ranges())} ranges)"


def _range_of(key: Any, raw: Any) -> tuple[float, float, float]:
    pair = key if isinstance(key, tuple) else (key, None)
    values = (raw,) if is_number(raw) else raw
    if not isinstance(values, tuple | list) or not 1 <= len(values) <= 3:
        raise judgement_error(
            PairwiseMatrixError,
            f"judgement {pair!r} must be a number, (low, high) or (low, most likely, high) "
            f"(got {raw!r})",
            pair,
        )
    for v in values:
        if not is_number(v) or not np.isfinite(float(v)) or float(v) <= 0:
            raise judgement_error(
                PairwiseMatrixError,
                f"judgement {pair!r}: every bound must be a positive finite number (got {raw!r})",
                pair,
            )
    numbers = [float(v) for v in values]
    if numbers != sorted(numbers):
        raise judgement_error(
            PairwiseMatrixError,
            f"judgement {pair!r}: the range must be given low to high (got {raw!r})",
            pair,
        )
    if len(numbers) == 1:
        return numbers[0], numbers[0], numbers[0]
    if len(numbers) == 2:
        return numbers[0], float(np.sqrt(numbers[0] * numbers[1])), numbers[1]
    return numbers[0], numbers[1], numbers[2]


# ---------------------------------------------------------------------- bounds


@dataclass(frozen=True, eq=False)
class IntervalWeightsResult(FrozenResult, FrameDisplay):
    """Weights of interval judgements: their bounds and the most likely weights.

    Attributes
    ----------
    lower, upper : pandas.Series
        The smallest and largest weight of each label over every weight vector
        whose ratios lie within the ranges (NaN if there is none).
    weights : pandas.Series
        Weights of the most likely judgements.
    is_feasible : bool
        Whether some weight vector satisfies every range.
    midpoint : WeightsResult
        The full result for the most likely judgements.
    method : str
        What was computed, with its source.
    findings : tuple of str
    """

    lower: pd.Series
    upper: pd.Series
    weights: pd.Series
    is_feasible: bool
    midpoint: WeightsResult
    method: str
    findings: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        """Columns ``lower``, ``weight``, ``upper``, one row per label."""
        return pd.DataFrame({"lower": self.lower, "weight": self.weights, "upper": self.upper})

    def _display_notes(self) -> tuple[str, ...]:
        return (self.method, *self.findings)


def _ratio_constraints(judged: IntervalJudgements) -> np.ndarray:
    """Rows of ``A_ub w <= 0`` for every range: ``w_i - u w_j <= 0``, ``l w_j - w_i <= 0``."""
    n = len(judged.labels)
    iu, ju = upper_pairs(n)
    lo, hi = judged.lower[iu, ju], judged.upper[iu, ju]
    keep = ~np.isnan(lo)
    i, j, lo, hi = iu[keep], ju[keep], lo[keep], hi[keep]
    rows = np.zeros((2 * i.size, n))
    k = np.arange(i.size)
    rows[2 * k, i], rows[2 * k, j] = 1.0, -hi
    rows[2 * k + 1, i], rows[2 * k + 1, j] = -1.0, lo
    return rows


def interval_weight_bounds(
    judgements: IntervalJudgements | Mapping[tuple[str, str], RangeLike],
    *,
    method: str = "eigenvector",
) -> IntervalWeightsResult:
    """Smallest and largest weight of each label over the weight vectors the ranges allow.

    Parameters
    ----------
    judgements : IntervalJudgements or dict of ranges
        A dict goes through :meth:`IntervalJudgements.from_judgements`.
    method : str, default "eigenvector"
        Priority method for the most likely judgements (``weights``).

    Returns
    -------
    IntervalWeightsResult

    References
    ----------
    .. [1] Salo, A. A., & Hämäläinen, R. P. (1995). Preference programming through
       approximate ratio comparisons. *EJOR* 82(3), 458–475.

    Examples
    --------
    One range on two labels: ``w_a / w_b`` in [2, 4] means ``w_a`` in [2/3, 4/5].

    >>> r = interval_weight_bounds({("a", "b"): (2, 4)})
    >>> r.lower.round(4).tolist(), r.upper.round(4).tolist()
    ([0.6667, 0.2], [0.8, 0.3333])
    """
    from scipy.optimize import linprog  # imported on first use: 0.2 s

    judged = _as_intervals(judgements)
    method = as_choice(method, "method", PRIORITY_METHODS, where="interval_weight_bounds")
    n = len(judged.labels)
    a_ub = _ratio_constraints(judged)
    b_ub = np.zeros(a_ub.shape[0])
    a_eq, b_eq = np.ones((1, n)), np.array([1.0])
    lower, upper = np.full(n, np.nan), np.full(n, np.nan)
    feasible = True
    for i in range(n):
        for sign, out in ((1.0, lower), (-1.0, upper)):
            c = np.zeros(n)
            c[i] = sign
            res = linprog(
                c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs"
            )
            if res.status == 2:  # infeasible: the ranges contradict each other
                feasible = False
                break
            out[i] = res.x[i]
        if not feasible:
            lower[:], upper[:] = np.nan, np.nan
            break
    mid = ahp_weights(judged.midpoint, method=method)  # type: ignore[arg-type]
    findings = list(mid.findings)
    if not feasible:
        findings.append(
            "no weight vector has all its ratios within the ranges (the ranges are "
            "inconsistent); widen the ranges that disagree -- diagnose_inconsistency on the "
            "most likely values ranks them"
        )
    else:
        w = mid.weights.to_numpy()
        off = (w < lower - 1e-9) | (w > upper + 1e-9)
        if off.any():
            names = [judged.labels[k] for k in np.flatnonzero(off)]
            findings.append(
                f"the weights of the most likely values fall outside the bounds for {names}: "
                "the most likely values, taken together, are not consistent with the ranges"
            )
    index = pd.Index(judged.labels)
    return IntervalWeightsResult(
        lower=pd.Series(lower, index=index, name="lower"),
        upper=pd.Series(upper, index=index, name="upper"),
        weights=mid.weights,
        is_feasible=feasible,
        midpoint=mid,
        method="weight bounds by preference programming (Arbel 1989; Salo & Hämäläinen 1995)",
        findings=tuple(findings),
    )


# ---------------------------------------------------------------------- sampling


def _as_intervals(judgements: Any) -> IntervalJudgements:
    if isinstance(judgements, IntervalJudgements):
        return judgements
    if isinstance(judgements, Mapping):
        return IntervalJudgements.from_judgements(judgements)
    raise PairwiseMatrixError(
        "judgements must be IntervalJudgements or a dict {(a, b): (low, high)} "
        f"(got {type(judgements).__name__})"
    )


def sample_interval_matrices(
    judgements: IntervalJudgements | Mapping[tuple[str, str], RangeLike],
    *,
    n_samples: int,
    rng: Any = None,
    distribution: Literal["log_uniform", "log_triangular"] = "log_uniform",
) -> np.ndarray:
    """Reciprocal matrices ``(n_samples, n, n)`` with judgements drawn within their ranges.

    A pure function (no state beyond ``rng``) for the judgement-uncertainty
    sampler: each judged pair of the upper triangle is drawn independently,
    log-uniformly in ``[low, high]`` (``"log_uniform"``) or from a triangular
    distribution of ``log a`` with the most likely value as its mode
    (``"log_triangular"``, for triangular fuzzy judgements); the lower triangle
    holds the reciprocals, the diagonal 1, unjudged pairs NaN. Crisp
    judgements are constant.

    Examples
    --------
    >>> j = IntervalJudgements.from_judgements({("a", "b"): (2, 4), ("b", "c"): 3})
    >>> s = sample_interval_matrices(j, n_samples=1000, rng=0)
    >>> s.shape, bool(((s[:, 0, 1] >= 2) & (s[:, 0, 1] <= 4)).all())
    ((1000, 3, 3), True)
    >>> bool(np.allclose(s[:, 0, 1] * s[:, 1, 0], 1.0)), float(s[0, 1, 2])
    (True, 3.0)
    """
    where = "sample_interval_matrices"
    judged = _as_intervals(judgements)
    k = as_count(n_samples, "n_samples", where=where)
    generator = as_rng(rng, where=where)
    distribution = as_choice(distribution, "distribution", INTERVAL_DISTRIBUTIONS, where=where)  # type: ignore[assignment]
    n = len(judged.labels)
    iu, ju = upper_pairs(n)
    lo, mode, hi = judged.lower[iu, ju], judged.mode[iu, ju], judged.upper[iu, ju]
    keep = ~np.isnan(lo)
    i, j = iu[keep], ju[keep]
    log_lo, log_mode, log_hi = np.log(lo[keep]), np.log(mode[keep]), np.log(hi[keep])
    width = log_hi - log_lo
    if distribution == "log_uniform":
        logs = log_lo + generator.random((k, i.size)) * width
    else:
        # Inverse CDF of the triangular distribution on [0, 1] with mode c, vectorised.
        c = np.divide(log_mode - log_lo, width, out=np.full_like(width, 0.5), where=width > 0)
        u = generator.random((k, i.size))
        left = np.sqrt(u * c)
        right = 1.0 - np.sqrt((1.0 - u) * (1.0 - c))
        logs = log_lo + np.where(u < c, left, right) * width
    out = np.full((k, n, n), np.nan)
    out[:, np.arange(n), np.arange(n)] = 1.0
    values = np.exp(logs)
    out[:, i, j] = values
    out[:, j, i] = 1.0 / values
    return out


def interval_weight_samples(
    judgements: IntervalJudgements | Mapping[tuple[str, str], RangeLike],
    *,
    n_samples: int,
    method: str = "eigenvector",
    rng: Any = None,
    distribution: Literal["log_uniform", "log_triangular"] = "log_uniform",
) -> pd.DataFrame:
    """Weights of matrices sampled within the ranges, one row per sample, one column per label.

    Missing judgements are filled in every sample with the incomplete LLSM
    ratios (one linear solve for all samples: the missing pattern is shared),
    then ``method`` is applied to the whole stack at once.

    Examples
    --------
    >>> w = interval_weight_samples({("a", "b"): (2, 4), ("b", "c"): (1, 2),
    ...                              ("a", "c"): (3, 6)}, n_samples=500, rng=1)
    >>> list(w.columns), bool(np.allclose(w.sum(axis=1), 1.0))
    (['a', 'b', 'c'], True)
    """
    where = "interval_weight_samples"
    judged = _as_intervals(judgements)
    method = as_choice(method, "method", PRIORITY_METHODS, where=where)
    stack = sample_interval_matrices(
        judged, n_samples=n_samples, rng=rng, distribution=distribution
    )
    if not judged.is_complete:
        stack = _llsm_fill(stack)
    weights = PRIORITY_METHODS[method](stack)
    return pd.DataFrame(weights, columns=pd.Index(judged.labels, name="criterion"))


def _llsm_fill(stack: np.ndarray) -> np.ndarray:
    """Fill the NaNs shared by every matrix of the stack with incomplete-LLSM ratios.

    The stacked form of :func:`pathchoice._core.ahp.llsm_log_weights`: the
    Laplacian ``L`` is the same for every matrix, so ``(L + J) y = r`` is one
    solve with one right-hand side per sample.
    """
    first = stack[0]
    missing = np.isnan(first)
    known = ~missing
    np.fill_diagonal(known, False)
    n = first.shape[0]
    laplacian = np.diag(known.sum(axis=1)).astype(np.float64) - known + np.ones((n, n))
    r = np.where(known, np.log(np.where(known, stack, 1.0)), 0.0).sum(axis=2)
    y = np.linalg.solve(laplacian, r.T).T  # (K, n), each row sums to 0
    ratio = np.exp(y[:, :, None] - y[:, None, :])
    return np.where(missing, ratio, stack)
