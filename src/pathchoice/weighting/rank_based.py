"""Rank-based and SWING weights: weights from an order of importance, or from points.

When a group can only agree on the order of importance of the criteria, a
surrogate weight vector turns that order into numbers (:func:`rank_weights`):

* rank order centroid (ROC), the centroid of the weights consistent with the
  order: ``w_r = (1/n) sum_{k=r..n} 1/k`` (Barron & Barrett 1996);
* rank sum (RS): ``w_r = 2 (n + 1 - r) / (n (n + 1))``;
* rank reciprocal (RR): ``w_r = (1/r) / sum_k 1/k`` (Stillwell, Seaver &
  Edwards 1981).

Rank 1 is the most important criterion. Tied criteria share equally the
weights of the positions they occupy (two criteria tied at rank 2 of 4 each
get the mean of the weights of positions 2 and 3), so tying never changes the
weight of the others.

SWING (:func:`swing_weights`): the criterion whose swing from worst to best
matters most gets 100 points, each other criterion the points its own swing is
worth in comparison (0 to 100); the weights are the points divided by their
sum (von Winterfeldt & Edwards 1986; Edwards & Barron 1994).

References
----------
.. [1] Barron, F. H., & Barrett, B. E. (1996). Decision quality using ranked
   attribute weights. *Management Science*, 42(11), 1515–1523.
.. [2] Stillwell, W. G., Seaver, D. A., & Edwards, W. (1981). A comparison of weight
   approximation techniques in multiattribute utility decision making.
   *Organizational Behavior and Human Performance*, 28(1), 62–77.
.. [3] von Winterfeldt, D., & Edwards, W. (1986). *Decision Analysis and Behavioral
   Research*. Cambridge University Press.
.. [4] Edwards, W., & Barron, F. H. (1994). SMARTS and SMARTER: improved simple
   methods for multiattribute utility measurement. *Organizational Behavior and
   Human Decision Processes*, 60(3), 306–325.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import UnknownNameError, WeightsError
from ..model import Model
from .result import (
    WeightingResult,
    criterion_names,
    values_by_criterion,
    weights_series,
    zero_weight_findings,
)

__all__ = ["RANK_METHODS", "rank_weights", "swing_weights"]


def _roc(n: int) -> np.ndarray:
    return np.cumsum((1.0 / np.arange(1, n + 1))[::-1])[::-1] / n


def _rank_sum(n: int) -> np.ndarray:
    return 2.0 * (n + 1 - np.arange(1, n + 1)) / (n * (n + 1))


def _rank_reciprocal(n: int) -> np.ndarray:
    inverse = 1.0 / np.arange(1, n + 1)
    return inverse / inverse.sum()


_POSITIONS: dict[str, tuple[Callable[[int], np.ndarray], str]] = {
    "roc": (_roc, "rank order centroid weights (Barron & Barrett 1996)"),
    "rank_sum": (_rank_sum, "rank sum weights"),
    "rank_reciprocal": (_rank_reciprocal, "rank reciprocal weights (Stillwell et al. 1981)"),
}


def rank_weights(
    criteria: Model | Sequence[str],
    ranks: Mapping[str, int] | pd.Series | Sequence[int],
    method: str = "roc",
) -> WeightingResult:
    """Surrogate weights from the criteria's order of importance.

    Parameters
    ----------
    criteria : Model or sequence of str
        The criteria, in the order the weights are returned (a model's criterion order).
    ranks : mapping, Series or sequence of int
        The importance rank of each criterion, 1 = most important, by name or in
        criterion order. Ranks are whole numbers; ties share (``[1, 2, 2, 4]``), and
        dense ranks (``[1, 2, 2, 3]``) are read the same way.
    method : {"roc", "rank_sum", "rank_reciprocal"}, default "roc"
        A key of :data:`RANK_METHODS`.

    Returns
    -------
    WeightingResult
        ``weights`` in criterion order; ``options["ranks"]`` the ranks as read.

    Raises
    ------
    UnknownNameError
        Unknown method, or ranks naming an unknown criterion.
    WeightsError
        Ranks missing a criterion, not whole numbers, or below 1.

    References
    ----------
    See :mod:`pathchoice.weighting.rank_based`.

    Examples
    --------
    >>> rank_weights(["a", "b", "c", "d"], [1, 2, 3, 4]).weights.round(4).tolist()
    [0.5208, 0.2708, 0.1458, 0.0625]
    >>> rank_weights(["a", "b", "c"], {"c": 1, "a": 2, "b": 3}, "rank_sum").weights.tolist()
    [0.3333333333333333, 0.16666666666666666, 0.5]
    """
    where = "rank_weights"
    names = criterion_names(criteria, where)
    if not isinstance(method, str) or method not in _POSITIONS:
        raise UnknownNameError(
            f"{where}: method must be one of {', '.join(_POSITIONS)} (got {method!r})"
        )
    given = values_by_criterion(ranks, names, "ranks", where)
    if np.any(given < 1) or np.any(given != np.round(given)):
        bad = int(np.argmax((given < 1) | (given != np.round(given))))
        raise WeightsError(
            f"{where}: ranks must be whole numbers >= 1; {names[bad]!r} has {given[bad]:g}"
        )
    n = len(names)
    positions, label = _POSITIONS[method]
    by_position = positions(n)
    # Criteria sorted by rank occupy positions 0..n-1; a tied group shares the mean weight
    # of its positions (a stable sort keeps it deterministic).
    order = np.argsort(given, kind="stable")
    sorted_ranks = given[order]
    _, group, counts = np.unique(sorted_ranks, return_inverse=True, return_counts=True)
    shares = np.bincount(group, weights=by_position) / counts
    weights = np.empty(n)
    weights[order] = shares[group]
    tied = len(counts) < n
    message = f"Weights from the order of importance: {label}"
    message += ", tied criteria sharing their positions' weights." if tied else "."
    return WeightingResult(
        weights=weights_series(weights, names),
        method=method,
        message=message,
        options={"ranks": dict(zip(names, given.astype(int).tolist(), strict=True))},
        findings=(),
    )


def swing_weights(
    criteria: Model | Sequence[str],
    points: Mapping[str, float] | pd.Series | Sequence[float],
) -> WeightingResult:
    """SWING weights: points for each criterion's swing from worst to best, normalised.

    Parameters
    ----------
    criteria : Model or sequence of str
        The criteria, in the order the weights are returned.
    points : mapping, Series or sequence of float
        Points per criterion, by name or in criterion order: 100 for the swing that
        matters most, 0 to 100 for the others.

    Returns
    -------
    WeightingResult

    Raises
    ------
    WeightsError
        Points missing a criterion, outside [0, 100], or no criterion at 100.
    UnknownNameError
        Points naming an unknown criterion.

    References
    ----------
    .. [1] von Winterfeldt, D., & Edwards, W. (1986). *Decision Analysis and
       Behavioral Research*. Cambridge University Press.

    Examples
    --------
    >>> points = {"reach": 100, "cost": 60, "risk": 40}
    >>> swing_weights(["cost", "reach", "risk"], points).weights.tolist()
    [0.3, 0.5, 0.2]
    """
    where = "swing_weights"
    names = criterion_names(criteria, where)
    given = values_by_criterion(points, names, "points", where)
    if np.any(given < 0) or np.any(given > 100):
        bad = int(np.argmax((given < 0) | (given > 100)))
        raise WeightsError(
            f"{where}: points must be in [0, 100]; {names[bad]!r} has {given[bad]:g}"
        )
    if not np.any(given == 100):
        raise WeightsError(
            f"{where}: the most important swing must get 100 points "
            f"(highest given: {given.max():g})"
        )
    weights = given / given.sum()
    return WeightingResult(
        weights=weights_series(weights, names),
        method="swing",
        message="Weights from SWING points (von Winterfeldt & Edwards 1986), divided by their sum.",
        options={"points": dict(zip(names, given.tolist(), strict=True))},
        findings=zero_weight_findings(weights, names),
    )


def _bound(name: str) -> Callable[..., WeightingResult]:
    def method(criteria: Model | Sequence[str], ranks: Any) -> WeightingResult:
        return rank_weights(criteria, ranks, name)

    method.__name__ = f"{name}_weights"
    method.__qualname__ = method.__name__
    method.__doc__ = f"``rank_weights(criteria, ranks, {name!r})``."
    return method


#: Rank-based weighting methods by name: ``method(criteria, ranks) -> WeightingResult``.
RANK_METHODS: dict[str, Callable[..., WeightingResult]] = {
    name: _bound(name) for name in _POSITIONS
}
