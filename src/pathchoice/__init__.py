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

from . import datasets
from .advantage import AdvantageMatrix, Area, Challenge, ChallengeItem, Indicator, StanceCell
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
from .analysis import Analysis
from .datasets import china_japan
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
from .modelfile import dumps_model, load_model, loads_model, save_model
from .ranking import METHODS, PymcdmMethod, methods_frame, pymcdm_method, rank, topsis
from .results import BatchRankingResult, RankingResult, rank_scores
from .weights import check_weights

__version__ = "0.1.0.dev0"

__all__ = [
    "METHODS",
    "RI_TABLES",
    "AdvantageMatrix",
    "Analysis",
    "Area",
    "BatchRankingResult",
    "Challenge",
    "ChallengeItem",
    "ContradictoryJudgementError",
    "Criterion",
    "DisconnectedJudgementsError",
    "GroupWeightsResult",
    "HierarchyError",
    "HierarchyResult",
    "Indicator",
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
    "StanceCell",
    "UnknownNameError",
    "WeightsError",
    "WeightsResult",
    "ZeroRangeError",
    "__version__",
    "aggregate_judgements",
    "ahp_rank",
    "ahp_weights",
    "check_weights",
    "china_japan",
    "complete",
    "datasets",
    "diagnose_inconsistency",
    "dumps_model",
    "group_weights",
    "hierarchy_weights",
    "load_model",
    "loads_model",
    "methods_frame",
    "pymcdm_method",
    "random_index",
    "rank",
    "rank_scores",
    "save_model",
    "topsis",
]
