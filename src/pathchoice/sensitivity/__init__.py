"""Sensitivity and robustness analysis: how far can a ranking of paths be trusted?

Separate steps a user can call alone:

* weights: one at a time (:mod:`~pathchoice.sensitivity.oat`), the weights at which
  the ranking reverses (:mod:`~pathchoice.sensitivity.thresholds`), the performance a
  path must reach to move to rank k (:mod:`~pathchoice.sensitivity.performance_thresholds`),
  the AHP judgements
  that would change the top path (:mod:`~pathchoice.sensitivity.judgements`);
* Monte Carlo / SMAA-2: sample weights (:mod:`~pathchoice.sensitivity.sampling`) →
  evaluate them (:mod:`~pathchoice.sensitivity.evaluate`, TOPSIS, any pymcdm method or
  your own policy model) → analyse the ranks (:mod:`~pathchoice.sensitivity.smaa`);
  SMAA-O for criteria known only as ranks and cross-confidence factors
  (:mod:`~pathchoice.sensitivity.ordinal`);
* global sensitivity (Sobol indices, with SALib) of the top path's score to every
  uncertain weight and score (:mod:`~pathchoice.sensitivity.global_sensitivity`);
* other methods on the same model (:mod:`~pathchoice.sensitivity.compare`), rank-reversal
  checks (:mod:`~pathchoice.sensitivity.reversal`).

The plain-language robustness summary of a policy study is in
:mod:`pathchoice.study.summary`.
"""

from .analyse import SMAAResult, analyse_ranks
from .compare import DEFAULT_METHODS, MethodComparison, compare_methods
from .consensus import CONSENSUS_RULES, consensus_ranking
from .evaluate import evaluate
from .global_sensitivity import GlobalSensitivityResult, global_sensitivity
from .judgements import JudgementSensitivityResult, judgement_sensitivity
from .oat import SCHEMES, WeightSensitivityResult, weight_sensitivity
from .ordinal import CrossConfidenceResult, cross_confidence_factors, smaa_o
from .performance_thresholds import PerformanceThresholdResult, performance_thresholds
from .reversal import CHECKS as REVERSAL_CHECKS
from .reversal import RankReversalResult, rank_reversal_checks
from .sampling import (
    DISTRIBUTIONS,
    SAATY_STEPS,
    AHPJudgementSampler,
    CellSampler,
    ConstrainedSampler,
    CustomSampler,
    DirichletSampler,
    FixedWeights,
    IntervalSampler,
    OrdinalSampler,
    PerformanceSamples,
    UniformSampler,
    WeightSamples,
    ahp_judgement_weights,
    constrained_weights,
    dirichlet_weights,
    interval_weights,
    ordinal_weights,
    performance_samples,
    uniform_weights,
)
from .smaa import ENGINES, smaa
from .thresholds import SOLVERS, ThresholdResult, weight_thresholds

__all__ = [
    "CONSENSUS_RULES",
    "DEFAULT_METHODS",
    "DISTRIBUTIONS",
    "ENGINES",
    "REVERSAL_CHECKS",
    "SAATY_STEPS",
    "SCHEMES",
    "SOLVERS",
    "AHPJudgementSampler",
    "CellSampler",
    "ConstrainedSampler",
    "CrossConfidenceResult",
    "CustomSampler",
    "DirichletSampler",
    "FixedWeights",
    "GlobalSensitivityResult",
    "IntervalSampler",
    "JudgementSensitivityResult",
    "MethodComparison",
    "OrdinalSampler",
    "PerformanceSamples",
    "PerformanceThresholdResult",
    "RankReversalResult",
    "SMAAResult",
    "ThresholdResult",
    "UniformSampler",
    "WeightSamples",
    "WeightSensitivityResult",
    "ahp_judgement_weights",
    "analyse_ranks",
    "compare_methods",
    "consensus_ranking",
    "constrained_weights",
    "cross_confidence_factors",
    "dirichlet_weights",
    "evaluate",
    "global_sensitivity",
    "interval_weights",
    "judgement_sensitivity",
    "ordinal_weights",
    "performance_samples",
    "performance_thresholds",
    "rank_reversal_checks",
    "smaa",
    "smaa_o",
    "uniform_weights",
    "weight_sensitivity",
    "weight_thresholds",
]
