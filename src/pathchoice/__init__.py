"""pathchoice: multi-criteria decision support for policy path choices.

Derive criteria weights with AHP (or supply them), rank policy paths with
TOPSIS or any pymcdm method, and test how robust the ranking is.

The package has three layers, imports pointing down only:

* ``pathchoice._core`` -- the private array core (pure numpy);
* the general decision-analysis layer -- :class:`Model`, weights, results and the
  subpackages :mod:`pathchoice.ahp`, :mod:`pathchoice.ranking` and
  :mod:`pathchoice.sensitivity`, labelled in criterion order everywhere;
* :mod:`pathchoice.study` -- the policy-study application (advantage matrix,
  analysis, model files, report, plots, command line).

This top level re-exports the names most users need; everything else lives in
its subpackage (``pathchoice.ahp.complete``, ``pathchoice.study.AdvantageMatrix``,
``pathchoice.exceptions.ReciprocityError``, ...).

>>> from pathchoice import Model, PairwiseMatrix, ahp_weights, topsis
>>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
>>> judgements = PairwiseMatrix.from_judgements({("x", "y"): 3})
>>> weights = ahp_weights(judgements).weights
>>> weights.tolist()
[0.75, 0.25]
>>> topsis(model, weights).order()
['C', 'B', 'A']
"""

from __future__ import annotations

import importlib
import warnings

from .ahp import (
    GroupWeightsResult,
    HierarchyResult,
    Node,
    PairwiseMatrix,
    WeightsResult,
    ahp_weights,
    group_weights,
    hierarchy_weights,
)
from .exceptions import (
    MethodError,
    ModelError,
    ModelFileError,
    PairwiseMatrixError,
    PathchoiceError,
    UnknownNameError,
    WeightsError,
)
from .model import Criterion, Model
from .ranking import METHODS, rank, rank_batch, topsis
from .results import BatchRankingResult, RankingResult
from .sensitivity import (
    SMAAResult,
    compare_methods,
    evaluate,
    judgement_sensitivity,
    smaa,
    weight_sensitivity,
    weight_thresholds,
)
from .study import Analysis, china_japan, load_model, save_model, write_report
from .weights import check_weights

__version__ = "0.1.0.dev0"

__all__ = [
    "METHODS",
    "Analysis",
    "BatchRankingResult",
    "Criterion",
    "GroupWeightsResult",
    "HierarchyResult",
    "MethodError",
    "Model",
    "ModelError",
    "ModelFileError",
    "Node",
    "PairwiseMatrix",
    "PairwiseMatrixError",
    "PathchoiceError",
    "RankingResult",
    "SMAAResult",
    "UnknownNameError",
    "WeightsError",
    "WeightsResult",
    "__version__",
    "ahp_weights",
    "check_weights",
    "china_japan",
    "compare_methods",
    "evaluate",
    "group_weights",
    "hierarchy_weights",
    "judgement_sensitivity",
    "load_model",
    "rank",
    "rank_batch",
    "save_model",
    "smaa",
    "topsis",
    "weight_sensitivity",
    "weight_thresholds",
    "write_report",
]

# Names the top level exported before the layers were separated, and their homes.
# They still resolve (with a DeprecationWarning naming the new place) so that old
# scripts keep working; new code imports them from the place named.
MOVED: dict[str, str] = {
    **dict.fromkeys(
        [
            "RI_TABLES",
            "aggregate_judgements",
            "ahp_rank",
            "complete",
            "diagnose_inconsistency",
            "random_index",
        ],
        "pathchoice.ahp",
    ),
    **dict.fromkeys(["PymcdmMethod", "methods_frame", "pymcdm_method"], "pathchoice.ranking"),
    **dict.fromkeys(
        [
            "MethodComparison",
            "RankReversalResult",
            "ThresholdResult",
            "WeightSensitivityResult",
            "rank_reversal_checks",
        ],
        "pathchoice.sensitivity",
    ),
    **dict.fromkeys(
        [
            "AdvantageMatrix",
            "Area",
            "Challenge",
            "ChallengeItem",
            "Indicator",
            "RobustnessSummary",
            "StanceCell",
            "datasets",
            "dumps_model",
            "loads_model",
            "render_report",
            "robustness_summary",
        ],
        "pathchoice.study",
    ),
    **dict.fromkeys(
        [
            "ContradictoryJudgementError",
            "DisconnectedJudgementsError",
            "HierarchyError",
            "ReciprocityError",
            "ResultTypeError",
            "ScaleError",
            "ZeroRangeError",
        ],
        "pathchoice.exceptions",
    ),
    "rank_scores": "pathchoice.results",
    "plots": "pathchoice.study",
}


def __getattr__(name: str) -> object:
    home = MOVED.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"pathchoice.{name} has moved: import it from {home} (from {home} import {name})",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(home), name)
