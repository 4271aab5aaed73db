"""Rankings: the scores of one ranking, SMAA rank acceptabilities, ranks by method."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .._display import OTHER_RANK_COLOUR, RANK1_COLOUR, method_name, options_words

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..results import RankingResult
    from ..sensitivity.compare import MethodComparison
    from ..sensitivity.smaa import SMAAResult

from ._common import (
    bar_axes,
    colour_bar,
    figure_and_axes,
    frameless,
    name_ticks,
    wrong_type,
)

__all__ = [
    "plot_method_ranks",
    "plot_rank_acceptability",
    "plot_ranking",
]


# -- ranking ----------------------------------------------------------------------------


def plot_ranking(result: RankingResult, *, ax: Axes | None = None) -> Figure:
    """A ranking's scores as horizontal bars, best on top, each labelled with its rank.

    Parameters
    ----------
    result : RankingResult
        From :func:`~pathchoice.topsis`, :func:`~pathchoice.rank` or
        :meth:`Analysis.rank <pathchoice.Analysis.rank>`.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ResultTypeError
        ``result`` is not a RankingResult.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> fig = plot_ranking(china_japan().rank())
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    '1. High-level policy dialogue'
    """
    from ..results import RankingResult

    if not isinstance(result, RankingResult):
        raise wrong_type("plot_ranking", "a RankingResult", result)
    order = result.order()
    scores = result.scores.reindex(order).to_numpy(dtype=np.float64)
    ranks = result.ranks.reindex(order).to_numpy()
    fig, ax = figure_and_axes(ax, (7.5, 0.42 * len(order) + 1.6))
    y = np.arange(len(order))
    colours = [RANK1_COLOUR if r == 1 else OTHER_RANK_COLOUR for r in ranks]
    ax.barh(y, scores, color=colours, height=0.7)
    span = float(np.ptp(scores)) or float(np.abs(scores).max()) or 1.0
    for yi, s in zip(y, scores, strict=True):
        ax.text(
            s,
            yi,
            f" {s:.3f} ",
            va="center",
            ha="left" if s >= 0 else "right",
            fontsize=8,
        )
    lo, hi = min(0.0, float(scores.min())), max(0.0, float(scores.max()))
    ax.set_xlim(lo - (0.15 * span if lo < 0 else 0), hi + 0.15 * span)
    direction = "higher" if result.higher_is_better else "lower"
    labels = [f"{r}. {a}" for r, a in zip(ranks, order, strict=True)]
    name = method_name(result.method)
    bar_axes(ax, y, labels, f"{name} score ({direction} is better)")
    for tick, r in zip(ax.get_yticklabels(), ranks, strict=True):
        if r == 1:
            tick.set_fontweight("bold")
    opts = options_words(result.options)
    ax.set_title(f"{name} ranking" + (f"\n({opts})" if opts else ""), fontsize=10)
    return fig


# -- SMAA rank acceptability ------------------------------------------------------------


def plot_rank_acceptability(result: SMAAResult, *, ax: Axes | None = None) -> Figure:
    """SMAA-2 rank acceptability indices as stacked horizontal bars.

    One bar per alternative, best expected rank on top, split into the share
    of samples giving it rank 1, 2, ... (colour from dark to light along
    cividis, with a colour bar). The first-rank acceptability is written in
    its segment and the expected rank to the right of the bar.

    Parameters
    ----------
    result : SMAAResult
        From :func:`~pathchoice.sensitivity.smaa.smaa`.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ResultTypeError
        ``result`` is not an SMAAResult.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.sensitivity.smaa import smaa
    >>> fig = plot_rank_acceptability(smaa(china_japan().decision_model(), n_samples=500, rng=0))
    >>> fig.axes[0].get_xlabel()
    'share of samples at each rank (rank acceptability)'

    References
    ----------
    .. [1] Lahdelma, R. and Salminen, P. (2001). "SMAA-2: Stochastic
       multicriteria acceptability analysis for group decision making".
       *Operations Research* 49(3), 444-454.
    """
    from ..sensitivity.smaa import SMAAResult

    if not isinstance(result, SMAAResult):
        raise wrong_type("plot_rank_acceptability", "an SMAAResult", result)
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import BoundaryNorm, ListedColormap

    order = list(result.expected_rank.sort_values(kind="stable").index)
    acc = result.rank_acceptability.reindex(order)
    m = acc.shape[1]
    fig, ax = figure_and_axes(ax, (8.5, 0.42 * len(order) + 1.8))
    colours = colormaps["cividis"](np.linspace(0.0, 1.0, m))
    y = np.arange(len(order))
    left = np.zeros(len(order))
    values = acc.to_numpy(dtype=np.float64)
    for r in range(m):
        ax.barh(y, values[:, r], left=left, color=colours[r], height=0.7, linewidth=0)
        left += values[:, r]
    for yi, b1 in zip(y, values[:, 0], strict=True):
        if b1 >= 0.07:
            ax.text(b1 / 2, yi, f"{b1:.0%}", ha="center", va="center", fontsize=7, color="white")
    for yi, a in zip(y, order, strict=True):
        ax.text(
            1.01,
            yi,
            f"E[rank] {result.expected_rank[a]:.2f}",
            va="center",
            fontsize=7,
            transform=ax.get_yaxis_transform(),
        )
    bar_axes(ax, y, order, "share of samples at each rank (rank acceptability)", grid=False)
    ax.set_xlim(0, 1)
    ax.set_title(
        f"Rank acceptability (SMAA-2, {method_name(result.method)}, {result.n_samples:,} samples)",
        fontsize=10,
    )
    mappable = ScalarMappable(
        norm=BoundaryNorm(np.arange(0.5, m + 1.5), m), cmap=ListedColormap(colours)
    )
    step = max(1, math.ceil(m / 12))
    colour_bar(fig, mappable, ax, "rank", ticks=np.arange(1, m + 1, step), pad=0.12)
    return fig


# -- ranks by method --------------------------------------------------------------------


def plot_method_ranks(result: MethodComparison, *, ax: Axes | None = None) -> Figure:
    """Ranks of the alternatives by method as a heatmap, each cell annotated with its rank.

    Rows are the alternatives in consensus order (best on top), columns the
    methods, then the consensus rank set off by a white gap.

    Parameters
    ----------
    result : MethodComparison
        From :func:`~pathchoice.sensitivity.compare.compare_methods`.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ResultTypeError
        ``result`` is not a MethodComparison.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.sensitivity.compare import compare_methods
    >>> a = china_japan()
    >>> fig = plot_method_ranks(compare_methods(a.decision_model(), a.weights().weights))
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()][:3]
    ['TOPSIS', 'VIKOR', 'PROMETHEE II']
    """
    from ..sensitivity.compare import MethodComparison

    if not isinstance(result, MethodComparison):
        raise wrong_type("plot_method_ranks", "a MethodComparison", result)
    frame = result.to_frame().sort_values("consensus", kind="stable")
    values = frame.to_numpy(dtype=np.float64)
    n_alt, n_col = values.shape
    fig, ax = figure_and_axes(ax, (0.75 * n_col + 4.2, 0.42 * n_alt + 2.0))
    # Whole ranks only, one colour band each; rank 1 at cividis's dark-blue end as everywhere.
    from matplotlib import colormaps
    from matplotlib.colors import BoundaryNorm, ListedColormap

    n_ranks = max(n_alt, 2)
    bands = ListedColormap(colormaps["cividis"](np.linspace(0.0, 1.0, n_ranks)))
    norm = BoundaryNorm(np.arange(0.5, n_ranks + 1.5), n_ranks)
    image = ax.imshow(values, cmap=bands, norm=norm, aspect="auto")
    rgba = image.cmap(image.norm(values))
    luminance = rgba[..., :3] @ np.array([0.2126, 0.7152, 0.0722])
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j,
            i,
            f"{v:.0f}",
            ha="center",
            va="center",
            fontsize=8,
            color="black" if luminance[i, j] > 0.5 else "white",
        )
    ax.axvline(n_col - 1.5, color="white", lw=4)
    columns = [
        *map(method_name, result.methods),
        f"consensus\n({result.consensus_rule.capitalize()})",
    ]
    ax.set_xticks(
        np.arange(n_col),
        labels=columns,
        fontsize=8,
        rotation=45,
        ha="right",
        rotation_mode="anchor",
    )
    name_ticks(ax, np.arange(n_alt), frame.index)
    frameless(ax)
    step = max(1, math.ceil(n_ranks / 12))
    colour_bar(fig, image, ax, "rank (1 = best)", ticks=np.arange(1, n_ranks + 1, step))
    ax.set_title("Ranks by method", fontsize=10)
    return fig
