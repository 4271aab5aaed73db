"""Samplers for Monte Carlo sensitivity analysis and SMAA: weights and performance.

Every sampler takes the model (or its criterion names) first, as SALib's
``sample(problem, N)`` does, and hands out **labelled samples**: a frozen
:class:`WeightSamples` whose columns are the model's criteria (or
:class:`PerformanceSamples`, samples × alternatives × criteria). Each is
available two ways:

* a sampler object -- a named specification (``kind``, ``params``,
  ``description``) that :func:`~pathchoice.sensitivity.smaa.smaa` draws from
  block by block inside its workers, so a 10-million-sample run never holds
  its samples at once: :class:`UniformSampler`, :class:`DirichletSampler`
  (and :meth:`DirichletSampler.around` for a spread around given weights),
  :class:`OrdinalSampler`, :class:`IntervalSampler`,
  :class:`AHPJudgementSampler`, :class:`ConstrainedSampler` (hit-and-run under
  linear constraints), :class:`FixedWeights`, :class:`CustomSampler` (your own
  function), and :class:`CellSampler` for performance;
* a function returning samples: ``uniform_weights(model, n_samples=...,
  rng=...)``, :func:`dirichlet_weights`, :func:`ordinal_weights`,
  :func:`interval_weights`, :func:`ahp_judgement_weights`,
  :func:`constrained_weights`, :func:`performance_samples`.

Randomness is ``rng``: None, an int >= 0, a SeedSequence or a Generator.

Examples
--------
>>> from pathchoice import Model
>>> model = Model(["A", "B"], ["cost", "risk"], [[1, 2], [2, 1]])
>>> samples = ordinal_weights(model, ["risk", "cost"], n_samples=4, rng=0)
>>> samples.to_frame().columns.tolist()
['cost', 'risk']
"""

from .ahp_judgements import (
    SAATY_STEPS,
    AHPJudgementSampler,
    ahp_judgement_weights,
    saaty_position,
    saaty_value,
)
from .constrained import ConstrainedSampler, constrained_weights
from .performance import DISTRIBUTIONS, CellSampler, performance_samples
from .samples import (
    CustomSampler,
    FixedWeights,
    PerformanceSampler,
    PerformanceSamples,
    WeightSampler,
    WeightSamples,
)
from .simplex import (
    DEFAULT_CONCENTRATION,
    DirichletSampler,
    IntervalSampler,
    OrdinalSampler,
    UniformSampler,
    dirichlet_weights,
    interval_weights,
    ordinal_weights,
    uniform_weights,
)

__all__ = [
    "DEFAULT_CONCENTRATION",
    "DISTRIBUTIONS",
    "SAATY_STEPS",
    "AHPJudgementSampler",
    "CellSampler",
    "ConstrainedSampler",
    "CustomSampler",
    "DirichletSampler",
    "FixedWeights",
    "IntervalSampler",
    "OrdinalSampler",
    "PerformanceSampler",
    "PerformanceSamples",
    "UniformSampler",
    "WeightSampler",
    "WeightSamples",
    "ahp_judgement_weights",
    "constrained_weights",
    "dirichlet_weights",
    "interval_weights",
    "ordinal_weights",
    "performance_samples",
    "saaty_position",
    "saaty_value",
    "uniform_weights",
]
