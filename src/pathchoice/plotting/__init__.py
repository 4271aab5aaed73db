"""Plots of the general results (weights, rankings, sensitivity, SMAA), with matplotlib.

matplotlib comes with the optional ``plot`` extra. The plots of a policy study
(the advantage matrix, every figure of a run) are in :mod:`pathchoice.study.plots`,
which also re-exports everything here. Each result has its natural plot as a
method, e.g. ``result.plot()`` on a :class:`~pathchoice.RankingResult`.

Every function takes one result object and returns the matplotlib
:class:`~matplotlib.figure.Figure` it drew on. Without ``ax`` it makes a new
figure (a :class:`matplotlib.figure.Figure`) without pyplot, so nothing touches
pyplot's global state and no window opens; with ``ax`` it draws on those axes
and returns their figure. None calls ``show()``: save with
``fig.savefig("weights.png")``, or :func:`figure_to_png` for the bytes. In
Jupyter a returned figure shows itself as a PNG, with or without pyplot.

- :func:`plot_weights`: AHP weights with their consistency ratios;
- :func:`plot_ranking`: the scores of a ranking, best on top;
- :func:`plot_weight_sensitivity`: scores as one weight moves, thresholds marked;
- :func:`plot_thresholds`: a tornado of the weight ranges keeping the top path;
- :func:`plot_rank_acceptability`: SMAA rank acceptabilities as stacked bars;
- :func:`plot_method_ranks`: ranks by method as an annotated heatmap.

Colours are Okabe & Ito's palette and the cividis colour map, both readable
with the common forms of colour blindness; ranks and shares are also written
in the bars and cells, so colour is never the only cue. Rank 1 is blue
everywhere, as in the report. Long names are wrapped onto two lines
and cut with an ellipsis beyond that.

matplotlib (a dependency of pathchoice) is imported only when a plot is drawn,
so ``import pathchoice.plotting`` stays fast; in an environment where it is
missing, drawing raises :class:`ImportError` saying so.

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

from ..exceptions import ResultTypeError
from ._common import figure_to_data_uri, figure_to_png
from ._ranking import plot_method_ranks, plot_rank_acceptability, plot_ranking
from ._sensitivity import plot_thresholds, plot_weight_sensitivity
from ._weights import plot_weights

__all__ = [
    "ResultTypeError",
    "figure_to_data_uri",
    "figure_to_png",
    "plot_method_ranks",
    "plot_rank_acceptability",
    "plot_ranking",
    "plot_thresholds",
    "plot_weight_sensitivity",
    "plot_weights",
]
