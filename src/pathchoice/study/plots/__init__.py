"""Plots of a policy study, with matplotlib (the optional ``plot`` extra).

- :func:`plot_advantage_matrix`: the advantage/disadvantage matrix as a grid;
- :func:`plot_study`: every figure a study run (``StudyResult``) has, keyed by name.

The plots of the general results (:func:`plot_weights`, :func:`plot_ranking`,
:func:`plot_weight_sensitivity`, :func:`plot_thresholds`,
:func:`plot_rank_acceptability`, :func:`plot_method_ranks`) live in
:mod:`pathchoice.plotting` and are re-exported here, so ``from pathchoice.study.plots
import plot_ranking`` keeps working. Every function returns a matplotlib Figure
that Jupyter shows when it is returned; see :mod:`pathchoice.plotting` for the
conventions (no pyplot state, colours readable with colour blindness).
"""

from __future__ import annotations

from ...exceptions import ResultTypeError
from ...plotting import (
    figure_to_data_uri,
    figure_to_png,
    plot_method_ranks,
    plot_rank_acceptability,
    plot_ranking,
    plot_thresholds,
    plot_weight_sensitivity,
    plot_weights,
)
from ._matrix import plot_advantage_matrix
from ._study import STUDY_FIGURES, StudyFigures, plot_study

__all__ = [
    "STUDY_FIGURES",
    "ResultTypeError",
    "StudyFigures",
    "figure_to_data_uri",
    "figure_to_png",
    "plot_advantage_matrix",
    "plot_method_ranks",
    "plot_rank_acceptability",
    "plot_ranking",
    "plot_study",
    "plot_thresholds",
    "plot_weight_sensitivity",
    "plot_weights",
]
