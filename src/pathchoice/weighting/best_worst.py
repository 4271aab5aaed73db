"""The Best-Worst Method (BWM): criteria weights from two vectors of comparisons.

The decision-maker names the best (most important) and the worst (least
important) criterion, then says how much more important the best is than each
other criterion (the best-to-others vector ``a_Bj``, on 1..9) and how much more
important each criterion is than the worst (the others-to-worst vector
``a_jW``). Weights are those that disagree least with the two vectors:

* the non-linear model (Rezaei 2015), ``min ξ`` subject to
  ``|w_B / w_j - a_Bj| <= ξ`` and ``|w_j / w_W - a_jW| <= ξ`` for every ``j``,
  ``sum w = 1``, ``w >= 0``. It can have several optimal weight vectors; the
  range of each weight over them is :attr:`BestWorstResult.weight_intervals`
  (Rezaei 2016, section 2). Its consistency ratio is ``CR = ξ* / CI`` with the
  consistency index ``CI`` of Rezaei (2015, Table 5) for the judgement
  ``a_BW``: 0 (fully consistent) to 1 (as inconsistent as that ``a_BW`` allows);
* the linear model (Rezaei 2016), ``min ξ^L`` subject to
  ``|w_B - a_Bj w_j| <= ξ^L`` and ``|w_j - a_jW w_W| <= ξ^L``, which has one
  solution. Rezaei reads ``ξ^L`` itself as the consistency indicator (closer to
  0, more consistent); no consistency index table is published for it, so
  :attr:`BestWorstResult.consistency_ratio` is None for this model.

How it is solved: the linear model is one linear programme
(:func:`scipy.optimize.linprog`, HiGHS). The non-linear model is quasi-convex:
for a fixed ``ξ`` its constraints, multiplied out (``|w_B - a_Bj w_j| <= ξ
w_j``), are linear in ``w``, and the feasible set grows with ``ξ``. So ``ξ*``
is found by bisection on ``ξ`` with a feasibility linear programme at each step
(to ``tol``): the global optimum, not a local one as a general non-linear
solver would give. The weights reported for the non-linear model are the mean
of the 2n extreme optimal solutions that bound the intervals (an optimal
solution itself, since the optimal set is convex for the fixed ``ξ*``).

References
----------
.. [1] Rezaei, J. (2015). Best-worst multi-criteria decision-making method.
   *Omega*, 53, 49–57.
.. [2] Rezaei, J. (2016). Best-worst multi-criteria decision-making method: Some
   properties and a linear model. *Omega*, 64, 126–130.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_real
from ..exceptions import (
    ContradictoryJudgementError,
    PairwiseMatrixError,
    UnknownNameError,
)
from ..model import Model
from .result import criterion_names, values_by_criterion, weights_series

__all__ = [
    "BWM_CONSISTENCY_INDEX",
    "BestWorstResult",
    "best_worst_weights",
    "bwm_consistency_index",
]

#: Rezaei (2015), Table 5: the consistency index of the non-linear model by ``a_BW``.
BWM_CONSISTENCY_INDEX: dict[int, float] = {
    1: 0.00,
    2: 0.44,
    3: 1.00,
    4: 1.63,
    5: 2.30,
    6: 3.00,
    7: 3.73,
    8: 4.47,
    9: 5.23,
}


# How far above the optimal ξ the optimal set is taken for the weight intervals: above the
# linear-programming solver's own feasibility tolerance (set to 1e-10), so the set is never empty;
# widened step by step if the solver still finds a bound infeasible (badly scaled rows).
_SLACKS = (1e-9, 1e-8, 1e-7, 1e-6, 1e-5)


def bwm_consistency_index(a_bw: float) -> float:
    """The consistency index of the non-linear BWM for the judgement ``a_BW``.

    Rezaei's (2015) Table 5 for whole ``a_BW`` in 1..9 (printed to two places);
    otherwise the root it tabulates, ``ξ = ((1 + 2a) - sqrt(1 + 8a)) / 2``, the
    smaller root of ``ξ² - (1 + 2a) ξ + (a² - a) = 0``.

    Examples
    --------
    >>> bwm_consistency_index(8), round(bwm_consistency_index(8.5), 4)
    (4.47, 4.8467)
    """
    # high=inf: as_real's message cannot yet format an open upper end (reported to the lead)
    a = as_real(a_bw, "a_bw", where="bwm_consistency_index", low=1.0, high=math.inf)
    if a.is_integer() and int(a) in BWM_CONSISTENCY_INDEX:
        return BWM_CONSISTENCY_INDEX[int(a)]
    return ((1.0 + 2.0 * a) - math.sqrt(1.0 + 8.0 * a)) / 2.0


@dataclass(frozen=True, eq=False)
class BestWorstResult(FrozenResult, FrameDisplay):
    """Criteria weights of the Best-Worst Method and how consistent the comparisons are.

    Attributes
    ----------
    weights : pandas.Series
        Weights summing to 1, indexed by criterion in criterion order.
    method : str
        ``"best_worst"``.
    variant : str
        ``"nonlinear"`` (Rezaei 2015) or ``"linear"`` (Rezaei 2016).
    best, worst : str
        The best and the worst criterion.
    xi : float
        The optimal ``ξ*`` (non-linear) or ``ξ^L`` (linear); 0 for fully consistent
        comparisons.
    consistency_index : float or None
        ``CI`` for ``a_BW`` (non-linear model); None for the linear model.
    consistency_ratio : float or None
        ``ξ* / CI`` (non-linear model; 0 when ``a_BW = 1``); None for the linear model.
    weight_intervals : pandas.DataFrame
        Columns ``lower`` and ``upper``: the range of each weight over the optimal
        solutions (equal when the solution is unique).
    message : str
        A plain-language verdict.
    findings : tuple of str
        Soft findings: several optimal solutions, judgements off the 1..9 scale.
    options : mapping
        The two comparison vectors as given, and ``tol``.
    """

    weights: pd.Series
    method: str
    variant: str
    best: str
    worst: str
    xi: float
    consistency_index: float | None
    consistency_ratio: float | None
    weight_intervals: pd.DataFrame
    message: str
    findings: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def criteria(self) -> tuple[str, ...]:
        """The criteria, in criterion order."""
        return tuple(self._raw("weights").index)

    def to_frame(self) -> pd.DataFrame:
        """Columns ``weight``, ``lower``, ``upper``, indexed by criterion."""
        frame = self._raw("weight_intervals").copy()
        frame.insert(0, "weight", self._raw("weights"))
        return frame

    def _display_title(self) -> str:
        return f"Best-Worst Method weights ({self.variant} model)"

    def _display_notes(self) -> tuple[str, ...]:
        return (self.message, *self.findings)


def _infer(
    names: tuple[str, ...], values: np.ndarray, other: np.ndarray, given: str | None, role: str
) -> int:
    """Index of the best (or worst) criterion: given, or the only one compared with itself."""
    where = "best_worst_weights"
    if given is not None:
        if given not in names:
            raise UnknownNameError(
                f"{where}: {role} {given!r} is not a criterion; criteria are {list(names)}"
            )
        return names.index(given)
    candidates = np.flatnonzero(values == 1.0)
    if len(candidates) > 1:  # the best is the one the others-to-worst vector rates highest
        top = other[candidates].max()
        candidates = candidates[other[candidates] == top]
    if len(candidates) != 1:
        raise PairwiseMatrixError(
            f"{where}: cannot tell which criterion is the {role} "
            f"({', '.join(names[i] for i in candidates) or 'none'} compared as 1); "
            f"give {role}=<criterion name>"
        )
    return int(candidates[0])


def _check_vectors(
    names: tuple[str, ...],
    best_to_others: Any,
    others_to_worst: Any,
    best: str | None,
    worst: str | None,
) -> tuple[np.ndarray, np.ndarray, int, int, list[str]]:
    where = "best_worst_weights"
    a_b = values_by_criterion(best_to_others, names, "best_to_others", where)
    a_w = values_by_criterion(others_to_worst, names, "others_to_worst", where)
    for label, vector in (("best_to_others", a_b), ("others_to_worst", a_w)):
        if np.any(vector < 1):
            j = int(np.argmax(vector < 1))
            raise PairwiseMatrixError(
                f"{where}: {label} values must be >= 1 (how many times more important); "
                f"{names[j]!r} has {vector[j]:g}"
            )
    b = _infer(names, a_b, a_w, best, "best")
    w = _infer(names, a_w, a_b, worst, "worst")
    if len(names) >= 2 and b == w:
        raise PairwiseMatrixError(
            f"{where}: the best and the worst criterion are both {names[b]!r}"
        )
    for label, vector, own in (("best_to_others", a_b, b), ("others_to_worst", a_w, w)):
        if vector[own] != 1.0:
            raise PairwiseMatrixError(
                f"{where}: {label} compares {names[own]!r} with itself as {vector[own]:g}, "
                "expected 1"
            )
    if a_b[w] != a_w[b]:
        raise ContradictoryJudgementError(
            f"{where}: best {names[b]!r} over worst {names[w]!r} is {a_b[w]:g} in "
            f"best_to_others but {a_w[b]:g} in others_to_worst; they are the same judgement"
        )
    findings = []
    above = [names[j] for j in range(len(names)) if max(a_b[j], a_w[j]) > a_b[w]]
    if above:
        findings.append(
            f"comparisons larger than best over worst ({a_b[w]:g}) for {', '.join(above)}: "
            "the two vectors disagree on the order of importance, and the consistency "
            "ratio can exceed 1"
        )
    off = [names[j] for j in range(len(names)) if a_b[j] > 9 or a_w[j] > 9]
    if off:
        findings.append(f"comparisons above 9, off the usual 1-9 scale: {', '.join(off)}")
    return a_b, a_w, b, w, findings


def _rows(a_b: np.ndarray, a_w: np.ndarray, b: int, w: int, xi: float | None) -> np.ndarray:
    """Constraint rows ``A @ [w, ξ] <= 0`` (``xi`` None: the linear model with ξ a variable).

    For a fixed ``xi`` (the non-linear model multiplied out) the last column is 0 and the
    ``ξ w_j`` terms sit in the weight columns.
    """
    n = len(a_b)
    rows = []

    def pair(first: int, second: int, factor: float, scaled: int) -> None:
        # ±(w_first - factor * w_second) <= ξ (linear) or ξ * w_scaled (non-linear)
        for sign in (1.0, -1.0):
            r = np.zeros(n + 1)
            r[first] += sign
            r[second] -= sign * factor
            if xi is None:
                r[n] = -1.0
            else:
                r[scaled] -= xi
            rows.append(r)

    for j in range(n):
        if j != b:
            pair(b, j, a_b[j], j)
        if j != w:
            pair(j, w, a_w[j], w)
    return np.array(rows).reshape(-1, n + 1)


def _solve(c: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray | None:
    equal = np.zeros((1, n + 1))
    equal[0, :n] = 1.0
    res = linprog(
        c,
        A_ub=rows if len(rows) else None,
        b_ub=np.zeros(len(rows)) if len(rows) else None,
        A_eq=equal,
        b_eq=[1.0],
        bounds=[(0.0, None)] * (n + 1),
        method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    return res.x if res.status == 0 else None


def _intervals(
    rows_at: Callable[[float], np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Min and max of each weight over the optimal set, and the mean of those 2n points.

    ``rows_at(slack)`` gives the constraint rows of the set within ``slack`` of ``ξ*``.
    """
    for slack in _SLACKS:
        rows = rows_at(slack)
        points = []
        for j in range(n):
            for sense in (1.0, -1.0):
                c = np.zeros(n + 1)
                c[j] = sense
                x = _solve(c, rows, n)
                if x is None:
                    break
                points.append(x[:n])
            else:
                continue
            break
        if len(points) == 2 * n:
            stacked = np.array(points)
            return stacked[0::2].diagonal().copy(), stacked[1::2].diagonal().copy(), stacked.mean(0)
    raise PairwiseMatrixError(  # pragma: no cover - equal weights are feasible for a large ξ
        "best_worst_weights: the linear programmes found no optimal weights; "
        "the comparisons may be too far apart to solve reliably"
    )


def _ratio_error(weights: np.ndarray, a_b: np.ndarray, a_w: np.ndarray, b: int, w: int) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        e1 = np.abs(weights[b] / weights - a_b)
        e2 = np.abs(weights / weights[w] - a_w)
    return float(np.nanmax(np.concatenate([e1, e2])))


def best_worst_weights(
    criteria: Model | Sequence[str],
    best_to_others: Mapping[str, float] | pd.Series | Sequence[float],
    others_to_worst: Mapping[str, float] | pd.Series | Sequence[float],
    *,
    best: str | None = None,
    worst: str | None = None,
    variant: Literal["nonlinear", "linear"] = "nonlinear",
    tol: float = 1e-10,
) -> BestWorstResult:
    """Criteria weights by the Best-Worst Method (Rezaei 2015; linear model Rezaei 2016).

    Parameters
    ----------
    criteria : Model or sequence of str
        The criteria, in the order the weights are returned.
    best_to_others : mapping, Series or sequence of float
        ``a_Bj``: how many times more important the best criterion is than each
        criterion (1 for itself), by name or in criterion order.
    others_to_worst : mapping, Series or sequence of float
        ``a_jW``: how many times more important each criterion is than the worst
        (1 for the worst itself).
    best, worst : str, optional
        The best and the worst criterion. By default the criterion each vector
        compares as 1 (when several are, the one the other vector rates highest).
    variant : {"nonlinear", "linear"}, default "nonlinear"
        Rezaei's (2015) min-max model of weight ratios, or his (2016) linear model.
    tol : float, default 1e-10
        Absolute tolerance of the bisection on ``ξ`` (non-linear model). The weight
        intervals are taken over the solutions within 1e-9 of the optimal ``ξ``
        (above the solver's feasibility tolerance of 1e-10).

    Returns
    -------
    BestWorstResult

    Raises
    ------
    PairwiseMatrixError
        Comparisons below 1, a criterion compared with itself as other than 1, best
        and worst not identifiable or the same criterion.
    ContradictoryJudgementError
        ``a_BW`` differs between the two vectors.
    UnknownNameError, WeightsError
        Vectors naming unknown criteria or missing some.
    ArgumentError
        Bad ``variant`` or ``tol``.

    References
    ----------
    .. [1] Rezaei, J. (2015). Best-worst multi-criteria decision-making method.
       *Omega*, 53, 49–57.
    .. [2] Rezaei, J. (2016). Best-worst multi-criteria decision-making method: Some
       properties and a linear model. *Omega*, 64, 126–130.

    Examples
    --------
    Rezaei's (2016) second example (buying a car; price best, style worst):

    >>> names = ["quality", "price", "comfort", "safety", "style"]
    >>> result = best_worst_weights(names, [2, 1, 4, 3, 8], [4, 8, 2, 3, 1], variant="linear")
    >>> result.weights.round(4).tolist(), round(result.xi, 4)
    ([0.2295, 0.4481, 0.1148, 0.153, 0.0546], 0.0109)
    >>> result.best, result.worst
    ('price', 'style')
    """
    where = "best_worst_weights"
    names = criterion_names(criteria, where)
    variant = as_choice(variant, "variant", ["nonlinear", "linear"], where=where)  # type: ignore[assignment]
    tol = as_real(tol, "tol", where=where, low=0.0, low_open=True, high=math.inf)
    a_b, a_w, b, w, findings = _check_vectors(names, best_to_others, others_to_worst, best, worst)
    n = len(names)
    a_bw = float(a_b[w])
    cost = np.zeros(n + 1)
    cost[n] = 1.0
    if variant == "linear":
        rows = _rows(a_b, a_w, b, w, None)
        x = _solve(cost, rows, n)
        if x is None:  # pragma: no cover - equal weights with a large ξ are always feasible
            raise PairwiseMatrixError(f"{where}: the linear model found no solution")
        xi = float(x[n])
        lower, upper, _ = _intervals(lambda e: _fixed_xi_rows(rows, xi + e, n), n)
        weights = x[:n]
        ci = cr = None
        message = (
            f"Linear Best-Worst model: ξ^L = {xi:.4f} "
            "(0 means fully consistent comparisons; closer to 0 is more consistent)."
        )
    else:
        xi = _nonlinear_xi(a_b, a_w, b, w, tol)
        lower, upper, weights = _intervals(lambda e: _rows(a_b, a_w, b, w, xi + e), n)
        ci = bwm_consistency_index(a_bw)
        cr = 0.0 if ci == 0 else xi / ci
        message = (
            f"Non-linear Best-Worst model: ξ* = {xi:.4f}, consistency ratio "
            f"{cr:.3f} (0 = fully consistent, 1 = as inconsistent as a_BW = {a_bw:g} allows)."
        )
    if variant == "nonlinear" and np.any(upper - lower > 1e-6):
        spread = ", ".join(
            f"{names[j]} {lower[j]:.4f}–{upper[j]:.4f}"
            for j in range(n)
            if upper[j] - lower[j] > 1e-6
        )
        findings.append(
            f"several weight vectors are optimal; the weights range over: {spread} "
            "(the reported weights are a central optimal solution)"
        )
    intervals = pd.DataFrame(
        {"lower": lower, "upper": upper}, index=pd.Index(list(names), name="criterion")
    )
    return BestWorstResult(
        weights=weights_series(weights / weights.sum(), names),
        method="best_worst",
        variant=variant,
        best=names[b],
        worst=names[w],
        xi=xi,
        consistency_index=ci,
        consistency_ratio=cr,
        weight_intervals=intervals,
        message=message,
        findings=tuple(findings),
        options={
            "best_to_others": dict(zip(names, a_b.tolist(), strict=True)),
            "others_to_worst": dict(zip(names, a_w.tolist(), strict=True)),
            "tol": tol,
        },
    )


def _fixed_xi_rows(rows: np.ndarray, xi: float, n: int) -> np.ndarray:
    """The linear model's rows ``A w - ξ <= 0`` with ``ξ`` fixed, as ``(A - ξ) w <= 0``.

    ``sum(w) = 1`` turns the constant into ``ξ * sum(w)``; the ξ column is left at 0.
    """
    fixed = rows.copy()
    fixed[:, n] = 0.0
    fixed[:, :n] -= xi
    return fixed


def _nonlinear_xi(a_b: np.ndarray, a_w: np.ndarray, b: int, w: int, tol: float) -> float:
    """``ξ*`` of the non-linear model by bisection on ``ξ``."""
    n = len(a_b)
    zero = np.zeros(n + 1)
    if _solve(zero, _rows(a_b, a_w, b, w, 0.0), n) is not None:
        return 0.0
    # An upper bound: the ratio error of the linear model's solution (positive weights), or
    # of equal weights if the linear solution has a zero weight.
    x = _solve(np.eye(n + 1)[n], _rows(a_b, a_w, b, w, None), n)
    start = x[:n] if x is not None and np.all(x[:n] > 0) else np.full(n, 1.0 / n)
    low, high = 0.0, _ratio_error(start, a_b, a_w, b, w)
    while _solve(zero, _rows(a_b, a_w, b, w, high), n) is None:  # pragma: no cover - safety
        high *= 2.0
    while high - low > tol:
        mid = 0.5 * (low + high)
        if _solve(zero, _rows(a_b, a_w, b, w, mid), n) is None:
            low = mid
        else:
            high = mid
    return high
