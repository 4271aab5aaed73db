"""Ranking methods: TOPSIS and pymcdm's 28 methods through one adapter; one vector or K.

>>> from pathchoice import Model
>>> from pathchoice.ranking import rank, topsis
>>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
>>> topsis(model, [0.5, 0.5]).order()
['B', 'A', 'C']
>>> rank(model, [0.8, 0.2], "vikor").best
'C'
>>> rank_batch(model, [[0.5, 0.5], [0.8, 0.2]], "vikor").ranks.tolist()
[[2, 1, 2], [3, 2, 1]]
"""

from .agreement import KEMENY_EXACT_MAX, kemeny_distance, kemeny_young, kendall_taus
from .methods import METHODS, RankingMethod, methods_frame, rank, rank_batch
from .pymcdm_adapter import (
    PYMCDM_CLASSES,
    MethodRefusedError,
    PymcdmMethod,
    pymcdm_method,
)
from .pymcdm_options import PREFERENCE_FUNCTIONS
from .topsis import NORMALIZATIONS, TIE_SCORE, ZERO_RANGE_RULES, topsis, topsis_batch
from .vikor import VikorResult, vikor_compromise

__all__ = [
    "KEMENY_EXACT_MAX",
    "METHODS",
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "PYMCDM_CLASSES",
    "TIE_SCORE",
    "ZERO_RANGE_RULES",
    "MethodRefusedError",
    "PymcdmMethod",
    "RankingMethod",
    "VikorResult",
    "kemeny_distance",
    "kemeny_young",
    "kendall_taus",
    "methods_frame",
    "pymcdm_method",
    "rank",
    "rank_batch",
    "topsis",
    "topsis_batch",
    "vikor_compromise",
]
