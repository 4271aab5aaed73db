"""The advantage/disadvantage matrix as a grid of stances."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..._display import STANCE_COLOURS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..matrix import AdvantageMatrix

from ...plotting._common import (
    figure_and_axes,
    frameless,
    legend_below,
    name_ticks,
    wrong_type,
)

__all__ = [
    "plot_advantage_matrix",
]


# -- advantage matrix -------------------------------------------------------------------


def plot_advantage_matrix(matrix: AdvantageMatrix, *, ax: Axes | None = None) -> Figure:
    """The advantage/disadvantage matrix as a coloured grid, areas × parties.

    Each cell is blue for an advantage, orange for a disadvantage and split
    diagonally for both, with the stance written in it; the last column gives
    each area's complementarity (e.g. ``China → Japan``, ``joint innovation``)
    and its type.

    Parameters
    ----------
    matrix : AdvantageMatrix
        E.g. ``china_japan().matrix``.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ResultTypeError
        ``matrix`` is not an AdvantageMatrix.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> fig = plot_advantage_matrix(china_japan().matrix)
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ['China', 'Japan', 'complementarity']

    References
    ----------
    .. [1] Fang, Z. et al. "Policy Assessment and Path Choice of Digital Economy
       Cooperation between China and Japan", Table 4.
    """
    from ..matrix import AdvantageMatrix

    if not isinstance(matrix, AdvantageMatrix):
        raise wrong_type("plot_advantage_matrix", "an AdvantageMatrix", matrix)
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.patches import Patch, Polygon, Rectangle

    areas = matrix.area_names
    parties = matrix.parties
    n_area, n_party = len(areas), len(parties)
    comp_width = 1.8
    fig, ax = figure_and_axes(ax, (2.8 + 1.3 * n_party + 2.2, 0.5 * n_area + 1.9))
    adv, dis = STANCE_COLOURS["advantage"], STANCE_COLOURS["disadvantage"]
    for i, area in enumerate(areas):
        for j, party in enumerate(parties):
            stance = matrix.stance(area, party)
            if stance == "both":
                ax.add_patch(Polygon([(j, i), (j + 1, i), (j, i + 1)], color=adv, lw=0))
                ax.add_patch(Polygon([(j + 1, i), (j + 1, i + 1), (j, i + 1)], color=dis, lw=0))
            else:
                ax.add_patch(Rectangle((j, i), 1, 1, color=adv if stance == "advantage" else dis))
            ax.add_patch(Rectangle((j, i), 1, 1, fill=False, edgecolor="white", lw=2))
            ax.text(
                j + 0.5,
                i + 0.5,
                stance,
                ha="center",
                va="center",
                fontsize=8,
                color="black" if stance != "advantage" else "white",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7}
                if stance == "both"
                else None,
            )
        comp = matrix.complementarity_of(area)
        ax.add_patch(Rectangle((n_party, i), comp_width, 1, color="#F2F2F2", ec="white", lw=2))
        two = comp.kind != comp.label
        ax.text(
            n_party + comp_width / 2,
            i + (0.42 if two else 0.5),
            comp.label,
            ha="center",
            va="center",
            fontsize=8,
        )
        ax.text(
            n_party + comp_width / 2,
            i + 0.75,
            comp.kind if two else "",
            ha="center",
            va="center",
            fontsize=6.5,
            color="#555555",
            style="italic",
        )
    ax.set_xlim(0, n_party + comp_width)
    ax.set_ylim(n_area, 0)
    ax.xaxis.tick_top()
    ax.set_xticks(
        [*(np.arange(n_party) + 0.5), n_party + comp_width / 2],
        labels=[*parties, "complementarity"],
        fontsize=9,
    )
    name_ticks(ax, np.arange(n_area) + 0.5, areas)
    frameless(ax)
    handles = [Patch(color=adv), Patch(color=dis), (Patch(color=adv), Patch(color=dis))]
    legend_below(
        ax,
        0.02,
        3,
        fontsize=8,
        handles=handles,
        labels=["advantage", "disadvantage", "both"],
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0)},
    )
    ax.set_title(f"Advantages and disadvantages: {', '.join(parties)}", fontsize=10)
    return fig
