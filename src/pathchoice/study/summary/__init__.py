"""A plain-language robustness summary of a ranking, with the numbers behind it.

:func:`robustness_summary` runs the robustness analyses of
:mod:`pathchoice.sensitivity` on one model and one weight vector and writes
what they say in a few sentences, one short paragraph per analysis:

``"ranking"``
    Which alternative the method ranks first, and by how much.
``"smaa"``
    How often it is first when the weights are sampled (SMAA-2 first-rank
    acceptability with its standard error, expected rank), from
    :func:`~pathchoice.sensitivity.smaa.smaa`.
``"thresholds"``
    The smallest change of a single criterion weight (the others rescaled
    proportionally) that costs it first place, from
    :func:`~pathchoice.sensitivity.thresholds.weight_thresholds`.
``"methods"``
    How other methods rank it and the consensus ranking, from
    :func:`~pathchoice.sensitivity.compare.compare_methods`.
``"reversal"``
    Whether removing an alternative or adding a copy or a slightly worse copy changes
    the order of the others, from
    :func:`~pathchoice.sensitivity.reversal.rank_reversal_checks`.
``"judgements"`` (when an AHP hierarchy is given)
    The single pairwise judgement closest to changing the top alternative, from
    :func:`~pathchoice.sensitivity.judgements.judgement_sensitivity`.
``"influence"`` (when SALib is installed)
    Which uncertain inputs (criterion weights, the scores of the paths in
    contention) decide most whether the top path stays first: variance-based
    (Sobol) indices by SALib from
    :func:`~pathchoice.sensitivity.global_sensitivity.global_sensitivity`, with
    at most 4,096 model evaluations.

The text is for reading; the numbers are in ``facts`` (one mapping per
paragraph, unrounded) so that a report can render them its own way. Numbers
are rounded only when written into the text: shares as percentages with one
decimal (``"87.3%"``), weights with three significant digits (``"0.312"``),
scores with three decimals, correlations with two, expected ranks with two
decimals. The same model, weights, options and ``rng`` give the same text.
"""

from __future__ import annotations

from ._summary import SECTIONS, RobustnessSummary, robustness_summary

__all__ = ["SECTIONS", "RobustnessSummary", "robustness_summary"]
