"""Plots of pathchoice results, with matplotlib (the optional ``plot`` extra).

Every function takes one result object and returns the matplotlib
:class:`~matplotlib.figure.Figure` it drew on. Without ``ax`` it makes a new
figure with :class:`matplotlib.figure.Figure` directly, so nothing touches
pyplot's global state and no window opens; with ``ax`` it draws on those axes
and returns their figure. None calls ``show()``: save with
``fig.savefig("weights.png")``, or :func:`figure_to_png` for the bytes. In
Jupyter, with the inline backend, a returned figure shows itself.

- :func:`plot_weights`: AHP weights with their consistency ratios;
- :func:`plot_ranking`: the scores of a ranking, best on top;
- :func:`plot_weight_sensitivity`: scores as one weight moves, thresholds marked;
- :func:`plot_thresholds`: a tornado of the weight ranges keeping the top path;
- :func:`plot_rank_acceptability`: SMAA rank acceptabilities as stacked bars;
- :func:`plot_method_ranks`: ranks by method as an annotated heatmap;
- :func:`plot_advantage_matrix`: the advantage/disadvantage matrix as a grid;
- :func:`plot_study`: every figure above that a study run (``StudyResult``) has.

Colours are Okabe & Ito's palette and the cividis colour map, both readable
with the common forms of colour blindness; the stance of a cell is also written
in it, so colour is never the only cue. Long names are wrapped onto two lines
and cut with an ellipsis beyond that.

matplotlib is imported only when a plot is drawn: ``import pathchoice.study.plots``
works without it, and drawing without it raises :class:`ImportError` naming
the extra to install (``pip install "pathchoice[plot]"``).

References
----------
.. [1] Okabe, M. and Ito, K. (2008). "Color Universal Design (CUD): how to make
   figures and presentations that are friendly to colorblind people".
   https://jfly.uni-koeln.de/color/
.. [2] Nuñez, J. R., Anderton, C. R. and Renslow, R. S. (2018). "Optimizing
   colormaps with consideration for color vision deficiency to enable
   accurate interpretation of scientific data". PLoS ONE 13(7): e0199239
   (the cividis colour map).
"""

from __future__ import annotations

from ...exceptions import ResultTypeError
from ._common import figure_to_data_uri, figure_to_png
from ._matrix import plot_advantage_matrix
from ._ranking import plot_method_ranks, plot_rank_acceptability, plot_ranking
from ._sensitivity import plot_thresholds, plot_weight_sensitivity
from ._study import STUDY_FIGURES, plot_study  # noqa: F401 - the names plot_study uses
from ._weights import plot_weights

__all__ = [
    "ResultTypeError",
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
