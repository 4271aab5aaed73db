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
    ResultTypeError,
    ScaleError,
    UnknownNameError,
    WeightsError,
    ZeroRangeError,
)
from .model import Criterion, Model
from .modelfile import dumps_model, load_model, loads_model, save_model
from .ranking import METHODS, PymcdmMethod, methods_frame, pymcdm_method, rank, topsis
from .report import render_report, write_report
from .results import BatchRankingResult, RankingResult, rank_scores
from .sensitivity import (
    MethodComparison,
    RankReversalResult,
    RobustnessSummary,
    SMAAResult,
    ThresholdResult,
    WeightSensitivityResult,
    compare_methods,
    evaluate,
    judgement_sensitivity,
    rank_reversal_checks,
    robustness_summary,
    smaa,
    weight_sensitivity,
    weight_thresholds,
)
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
    "MethodComparison",
    "MethodError",
    "Model",
    "ModelError",
    "ModelFileError",
    "Node",
    "PairwiseMatrix",
    "PairwiseMatrixError",
    "PathchoiceError",
    "PymcdmMethod",
    "RankReversalResult",
    "RankingResult",
    "ReciprocityError",
    "ResultTypeError",
    "RobustnessSummary",
    "SMAAResult",
    "ScaleError",
    "StanceCell",
    "ThresholdResult",
    "UnknownNameError",
    "WeightSensitivityResult",
    "WeightsError",
    "WeightsResult",
    "ZeroRangeError",
    "__version__",
    "aggregate_judgements",
    "ahp_rank",
    "ahp_weights",
    "check_weights",
    "china_japan",
    "compare_methods",
    "complete",
    "datasets",
    "diagnose_inconsistency",
    "dumps_model",
    "evaluate",
    "group_weights",
    "hierarchy_weights",
    "judgement_sensitivity",
    "load_model",
    "loads_model",
    "methods_frame",
    "plots",
    "pymcdm_method",
    "random_index",
    "rank",
    "rank_reversal_checks",
    "rank_scores",
    "render_report",
    "robustness_summary",
    "save_model",
    "smaa",
    "topsis",
    "weight_sensitivity",
    "weight_thresholds",
    "write_report",
]


def __getattr__(name: str) -> object:
    # ``pathchoice.plots`` is imported on first use: it needs matplotlib (the
    # ``plot`` extra), which plain ranking and sensitivity analysis do not.
    if name == "plots":
        import importlib

        return importlib.import_module(".plots", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
