"""AHP weights with their consistency: one matrix, a hierarchy or an expert panel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._display import OKABE_ITO

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..ahp import GroupWeightsResult, HierarchyResult, WeightsResult

from ._common import (
    HIGHLIGHT,
    bar_axes,
    figure_and_axes,
    legend_below,
    pick_style,
    wrap_label,
    wrong_type,
)

__all__ = [
    "plot_weights",
]


# -- weights ----------------------------------------------------------------------------


def plot_weights(
    result: WeightsResult | HierarchyResult | GroupWeightsResult, *, ax: Axes | None = None
) -> Figure:
    """Criteria weights as horizontal bars, with the consistency of the judgements.

    - :class:`~pathchoice.ahp.WeightsResult`: one bar per label; the title
      carries the consistency verdict (CR against its threshold).
    - :class:`~pathchoice.ahp.HierarchyResult`: the global weight of each
      criterion, coloured by the top-level group it belongs to; the legend
      gives each group's CR and the title the root's CR and the verdict.
    - :class:`~pathchoice.ahp.GroupWeightsResult`: the group weights as bars,
      each expert's own weights as markers; the legend gives every CR.

    Parameters
    ----------
    result : WeightsResult, HierarchyResult or GroupWeightsResult
        From :func:`~pathchoice.ahp_weights`, :func:`~pathchoice.hierarchy_weights`
        or :func:`~pathchoice.group_weights`.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ResultTypeError
        ``result`` is not one of those types.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> fig = plot_weights(china_japan().weights())
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
    ['China strengths meet Japan\\nweaknesses', 'Japan strengths meet China\\nweaknesses']

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill
       (consistency ratio, threshold 0.1).
    """
    from ..ahp import GroupWeightsResult, HierarchyResult, WeightsResult

    if isinstance(result, HierarchyResult):
        return _plot_hierarchy(result, ax)
    if isinstance(result, GroupWeightsResult):
        return _plot_group(result, ax)
    if isinstance(result, WeightsResult):
        return _plot_local(result, ax)
    raise wrong_type(
        "plot_weights", "a WeightsResult, HierarchyResult or GroupWeightsResult", result
    )


def _weight_bars(ax: Axes, labels: Sequence[str], values: np.ndarray, colours: Any) -> None:
    y = np.arange(len(labels))
    ax.barh(y, values, color=colours, height=0.7)
    for yi, v in zip(y, values, strict=True):
        ax.text(v, yi, f" {v:.3f}", va="center", ha="left", fontsize=8)
    bar_axes(ax, y, labels, "weight")
    ax.set_xlim(0, max(float(values.max()) * 1.18, 0.05))


def _words(option: object) -> str:
    return str(option).replace("_", " ")


def _cr_text(cr: float, threshold: float, is_consistent: bool) -> str:
    verdict = "acceptable" if is_consistent else "inconsistent"
    sign = "≤" if is_consistent else ">"
    return f"CR {cr:.3f} {sign} {threshold:.2f}: {verdict}"


def _plot_local(result: WeightsResult, ax: Axes | None) -> Figure:
    fig, ax = figure_and_axes(ax, (7.0, 0.45 * result.n + 1.6))
    colour = OKABE_ITO[0] if result.is_consistent else OKABE_ITO[3]
    _weight_bars(ax, result.labels, result.weights.to_numpy(), colour)
    cr = _cr_text(result.consistency_ratio, result.threshold, result.is_consistent)
    ax.set_title(f"AHP weights ({_words(result.method)} method)\n{cr}", fontsize=10)
    return fig


def _plot_hierarchy(result: HierarchyResult, ax: Axes | None) -> Figure:
    table = result.to_frame()
    parent = dict(zip(table["node"], table["parent"], strict=True))
    root = result.root.name

    def group_of(node: str) -> str:
        while parent[node] is not None and parent[node] != root:
            node = parent[node]
        return node

    criteria = list(result.criteria)
    groups = [group_of(c) for c in criteria]
    order = list(dict.fromkeys(groups))
    colour_of = {g: HIGHLIGHT[i % len(HIGHLIGHT)] for i, g in enumerate(order)}
    fig, ax = figure_and_axes(ax, (8.0, 0.42 * len(criteria) + 1.8))
    values = result.global_weights.to_numpy()
    _weight_bars(ax, criteria, values, [colour_of[g] for g in groups])
    threshold = float(result.options["threshold"])

    def node_cr(node: str) -> str:
        local = result.local.get(node)
        if local is None:
            return "no judgements"
        return _cr_text(local.consistency_ratio, threshold, local.is_consistent)

    from matplotlib.patches import Patch

    handles = [
        Patch(color=colour_of[g], label=wrap_label(f"{g} · {node_cr(g)}", 44))
        for g in order
        if g != root
    ]
    if handles:
        legend_below(
            ax,
            0.1,
            min(3, len(handles)),
            handles=handles,
            title="group · consistency of its judgements",
            title_fontsize=8,
        )
    deeper = [
        f"{n} {node_cr(n)}"
        for n, lv, leaf in zip(table["node"], table["level"], table["is_leaf"], strict=True)
        if lv >= 2 and not leaf
    ]
    verdict = (
        "all judgements acceptably consistent"
        if result.is_consistent
        else f"inconsistent at {', '.join(result.inconsistent_nodes)}"
    )
    lines = [
        f"Criteria weights (AHP hierarchy {root!r}, {_words(result.options['method'])} method)",
        f"{root}: {node_cr(root)} · {verdict}",
        *deeper,
    ]
    ax.set_title("\n".join(lines), fontsize=10)
    return fig


def _plot_group(result: GroupWeightsResult, ax: Axes | None) -> Figure:
    labels = list(result.labels)
    fig, ax = figure_and_axes(ax, (7.5, 0.5 * len(labels) + 2.0))
    threshold = float(result.options["threshold"])
    y = np.arange(len(labels))
    group = result.weights.reindex(labels).to_numpy()
    if result.aggregated is not None:
        agg = result.aggregated
        group_label = f"group ({result.aggregation.upper()}) · " + _cr_text(
            agg.consistency_ratio, threshold, agg.is_consistent
        )
    else:
        group_label = f"group ({result.aggregation.upper()})"
    ax.barh(y, group, color=OKABE_ITO[5], height=0.7, label=group_label)
    markers = ("o", "s", "^", "D", "v", "P", "X", "*")
    for i, (name, expert) in enumerate(result.expert_results.items()):
        colour, _ = pick_style(i + 1)
        ax.scatter(
            expert.weights.reindex(labels).to_numpy(),
            y,
            marker=markers[i % len(markers)],
            color=colour,
            edgecolor="black",
            linewidth=0.5,
            zorder=3,
            label=f"{name} · {_cr_text(expert.consistency_ratio, threshold, expert.is_consistent)}",
        )
    bar_axes(ax, y, labels, "weight")
    top = max(float(result.experts[labels].to_numpy().max()), float(group.max()))
    ax.set_xlim(0, top * 1.15)
    legend_below(ax, 0.14, 2)
    ax.set_title(f"Group AHP weights ({len(result.expert_results)} experts)", fontsize=10)
    return fig
