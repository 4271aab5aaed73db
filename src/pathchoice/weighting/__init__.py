"""Criteria weights without pairwise matrices: objective, rank-based, SWING and Best-Worst.

Each function takes the model (or the criteria) first and returns one frozen result
whose ``weights`` is a Series in criterion order, the same attribute shape as
:class:`pathchoice.ahp.WeightsResult`, so ``result.weights`` goes wherever weights go:

* :func:`objective_weights` (registry :data:`OBJECTIVE_METHODS`): entropy, CRITIC,
  standard deviation, MEREC and the other methods of ``pymcdm.weights``;
* :func:`rank_weights` (registry :data:`RANK_METHODS`): rank order centroid, rank sum,
  rank reciprocal; :func:`swing_weights`;
* :func:`best_worst_weights`: the Best-Worst Method, non-linear and linear models.

>>> from pathchoice import Model, topsis
>>> from pathchoice.weighting import rank_weights
>>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
>>> weights = rank_weights(model, {"x": 1, "y": 2}).weights
>>> topsis(model, weights).best
'C'
"""

from .best_worst import (
    BWM_CONSISTENCY_INDEX,
    BestWorstResult,
    best_worst_weights,
    bwm_consistency_index,
)
from .objective import OBJECTIVE_METHODS, objective_weights
from .rank_based import RANK_METHODS, rank_weights, swing_weights
from .result import WeightingResult

__all__ = [
    "BWM_CONSISTENCY_INDEX",
    "OBJECTIVE_METHODS",
    "RANK_METHODS",
    "BestWorstResult",
    "WeightingResult",
    "best_worst_weights",
    "bwm_consistency_index",
    "objective_weights",
    "rank_weights",
    "swing_weights",
]
