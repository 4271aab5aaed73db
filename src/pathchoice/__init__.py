"""pathchoice: multi-criteria decision support for policy path choices.

Derive criteria weights with AHP (or supply them), rank policy paths with
TOPSIS or any pymcdm method, and test how robust the ranking is.

>>> from pathchoice import Model, check_weights
>>> model = Model(["A", "B"], ["x", "y"], [[1, 2], [3, 1]])
>>> model.shape
(2, 2)
"""

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
from .results import BatchRankingResult, RankingResult, rank_scores
from .weights import check_weights

__version__ = "0.1.0.dev0"

__all__ = [
    "BatchRankingResult",
    "ContradictoryJudgementError",
    "Criterion",
    "DisconnectedJudgementsError",
    "HierarchyError",
    "MethodError",
    "Model",
    "ModelError",
    "ModelFileError",
    "PairwiseMatrixError",
    "PathchoiceError",
    "RankingResult",
    "ReciprocityError",
    "ScaleError",
    "UnknownNameError",
    "WeightsError",
    "ZeroRangeError",
    "__version__",
    "check_weights",
    "rank_scores",
]
