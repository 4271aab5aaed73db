"""pathchoice: multi-criteria decision support for policy path choices.

Derive criteria weights with AHP (or supply them), rank policy paths with
TOPSIS or any pymcdm method, and test how robust the ranking is.

>>> from pathchoice import Model, PairwiseMatrix, ahp_weights, topsis
>>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
>>> judgements = PairwiseMatrix.from_judgements({("x", "y"): 3})
>>> weights = ahp_weights(judgements).weights
>>> weights.tolist()
[0.75, 0.25]
>>> topsis(model, weights).order()
['C', 'B', 'A']
"""

from .ahp import (
    RI_TABLES,
    GroupWeightsResult,
    HierarchyResult,
    Node,
    PairwiseMatrix,
    WeightsResult,
    aggregate_judgements,
    ahp_rank,
    ahp_weights,
    complete,
    diagnose_inconsistency,
    group_weights,
    hierarchy_weights,
    random_index,
)
from .exceptions import (
    ContradictoryJudgementError,
    DisconnectedJudgementsError,
    HierarchyError,
    MethodError,
    ModelError,
    ModelFileError,
    PairwiseMatrixError,
    PathchoiceError,
    ReciprocityError,
    ScaleError,
    UnknownNameError,
    WeightsError,
    ZeroRangeError,
)
from .model import Criterion, Model
from .ranking import METHODS, PymcdmMethod, methods_frame, pymcdm_method, rank, topsis
from .results import BatchRankingResult, RankingResult, rank_scores
from .weights import check_weights

__version__ = "0.1.0.dev0"

__all__ = [
    "METHODS",
    "RI_TABLES",
    "BatchRankingResult",
    "ContradictoryJudgementError",
    "Criterion",
    "DisconnectedJudgementsError",
    "GroupWeightsResult",
    "HierarchyError",
    "HierarchyResult",
    "MethodError",
    "Model",
    "ModelError",
    "ModelFileError",
    "Node",
    "PairwiseMatrix",
    "PairwiseMatrixError",
    "PathchoiceError",
    "PymcdmMethod",
    "RankingResult",
    "ReciprocityError",
    "ScaleError",
    "UnknownNameError",
    "WeightsError",
    "WeightsResult",
    "ZeroRangeError",
    "__version__",
    "aggregate_judgements",
    "ahp_rank",
    "ahp_weights",
    "check_weights",
    "complete",
    "diagnose_inconsistency",
    "group_weights",
    "hierarchy_weights",
    "methods_frame",
    "pymcdm_method",
    "random_index",
    "rank",
    "rank_scores",
    "topsis",
]
