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
- :func:`plot_advantage_matrix`: the advantage/disadvantage matrix as a grid.

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

import base64
import io
import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._display import OKABE_ITO, STANCE_COLOURS
from ..exceptions import PathchoiceError, ResultTypeError, UnknownNameError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..ahp import GroupWeightsResult, HierarchyResult, WeightsResult
    from ..results import RankingResult
    from ..sensitivity.compare import MethodComparison
    from ..sensitivity.oat import WeightSensitivityResult
    from ..sensitivity.smaa import SMAAResult
    from ..sensitivity.thresholds import ThresholdResult
    from .matrix import AdvantageMatrix

__all__ = [
    "ResultTypeError",
    "figure_to_data_uri",
    "figure_to_png",
    "plot_advantage_matrix",
    "plot_method_ranks",
    "plot_rank_acceptability",
    "plot_ranking",
    "plot_thresholds",
    "plot_weight_sensitivity",
    "plot_weights",
]


# Which function draws which result, for the hint in a ResultTypeError.
_PLOT_FOR = {
    "WeightsResult": "plot_weights",
    "HierarchyResult": "plot_weights",
    "GroupWeightsResult": "plot_weights",
    "RankingResult": "plot_ranking",
    "WeightSensitivityResult": "plot_weight_sensitivity",
    "ThresholdResult": "plot_thresholds",
    "SMAAResult": "plot_rank_acceptability",
    "MethodComparison": "plot_method_ranks",
    "AdvantageMatrix": "plot_advantage_matrix",
}

_HIGHLIGHT = OKABE_ITO[:7]
_GREY = OKABE_ITO[7]
# Lines of the weight-sensitivity plot: vermillion is kept for the thresholds, yellow comes last.
_LINE_COLOURS = tuple(OKABE_ITO[i] for i in (0, 1, 2, 4, 5, 6))
_LINESTYLES = ("-", "--", "-.", ":")
_LABEL_WIDTH = 30


# -- helpers ----------------------------------------------------------------------------


def _matplotlib() -> Any:
    """Import matplotlib's Figure lazily, with an error naming the extra if it is missing."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError(
            "pathchoice.study.plots needs matplotlib, which is not installed; install the plot "
            'extra: pip install "pathchoice[plot]"'
        ) from exc
    return Figure


def _wrong_type(function: str, expected: str, got: object) -> ResultTypeError:
    name = type(got).__name__
    hint = ""
    if name == "Analysis":
        hint = (
            "; an Analysis holds several results: pass analysis.matrix, analysis.weights() "
            "or analysis.rank()"
        )
    elif name in _PLOT_FOR and _PLOT_FOR[name] != function:
        hint = f"; a {name} is drawn by {_PLOT_FOR[name]}()"
    return ResultTypeError(f"{function}: result must be {expected} (got {name}){hint}")


def _figure_and_axes(ax: Any, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """A new constrained-layout Figure with one Axes, or ``ax`` and its (root) figure."""
    figure_class = _matplotlib()
    if ax is None:
        fig = figure_class(figsize=size, layout="constrained")
        return fig, fig.add_subplot()
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise ResultTypeError(f"ax must be a matplotlib Axes or None (got {type(ax).__name__})")
    return _root(ax.get_figure()), ax


def _root(fig: Any) -> Figure:
    from matplotlib.figure import SubFigure

    while isinstance(fig, SubFigure):
        fig = fig.figure if fig.figure is not fig else fig.get_figure()
    return fig  # type: ignore[no-any-return]


def _wrap(text: object, width: int = _LABEL_WIDTH, lines: int = 2) -> str:
    """``text`` wrapped at spaces to ``width`` characters, cut to ``lines`` lines with '…'."""
    wrapped = textwrap.wrap(
        str(text), width=width, max_lines=lines, placeholder=" …", break_on_hyphens=False
    )
    return "\n".join(wrapped) if wrapped else str(text)


def _style(i: int, colours: Sequence[str] = _HIGHLIGHT) -> tuple[str, str]:
    """Colour and line style of the i-th highlighted series (colours first, then styles)."""
    return colours[i % len(colours)], _LINESTYLES[(i // len(colours)) % len(_LINESTYLES)]


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _name_ticks(ax: Axes, positions: Any, names: Sequence[object]) -> None:
    """``names`` as the y tick labels at ``positions``, wrapped (:func:`_wrap`)."""
    ax.set_yticks(positions, labels=[_wrap(n) for n in names], fontsize=8)


def _bar_axes(
    ax: Axes, positions: Any, names: Sequence[object], xlabel: str, *, grid: bool = True
) -> None:
    """Axes of horizontal bars: wrapped names, the first on top, an x grid behind the bars."""
    _name_ticks(ax, positions, names)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if grid:
        ax.grid(axis="x", alpha=0.3)
        ax.set_axisbelow(True)


def _legend_below(
    ax: Axes, below: float, ncol: int, *, fontsize: float = 7, **options: Any
) -> None:
    """A frameless legend centred under the axes, ``below`` axes heights under them."""
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -below),
        ncol=ncol,
        fontsize=fontsize,
        frameon=False,
        **options,
    )


def _colour_bar(fig: Figure, mappable: Any, ax: Axes, label: str, **options: Any) -> None:
    """A colour bar beside ``ax``, labelled, with the low ranks on top."""
    bar = fig.colorbar(mappable, ax=ax, fraction=0.04, **options)
    bar.set_label(label, fontsize=8)
    bar.ax.tick_params(labelsize=7)
    bar.ax.invert_yaxis()


def _frameless(ax: Axes) -> None:
    """No tick marks and no spines: for grids of coloured cells."""
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


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
    raise _wrong_type(
        "plot_weights", "a WeightsResult, HierarchyResult or GroupWeightsResult", result
    )


def _weight_bars(ax: Axes, labels: Sequence[str], values: np.ndarray, colours: Any) -> None:
    y = np.arange(len(labels))
    ax.barh(y, values, color=colours, height=0.7)
    for yi, v in zip(y, values, strict=True):
        ax.text(v, yi, f" {v:.3f}", va="center", ha="left", fontsize=8)
    _bar_axes(ax, y, labels, "weight")
    ax.set_xlim(0, max(float(values.max()) * 1.18, 0.05))


def _cr_text(cr: float, threshold: float, is_consistent: bool) -> str:
    verdict = "acceptable" if is_consistent else "inconsistent"
    sign = "≤" if is_consistent else ">"
    return f"CR {cr:.3f} {sign} {threshold:.2f}: {verdict}"


def _plot_local(result: WeightsResult, ax: Axes | None) -> Figure:
    fig, ax = _figure_and_axes(ax, (7.0, 0.45 * result.n + 1.6))
    colour = OKABE_ITO[0] if result.is_consistent else OKABE_ITO[3]
    _weight_bars(ax, result.labels, result.weights.to_numpy(), colour)
    cr = _cr_text(result.consistency_ratio, result.threshold, result.is_consistent)
    ax.set_title(f"AHP weights ({result.method})\n{cr}", fontsize=10)
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
    colour_of = {g: _HIGHLIGHT[i % len(_HIGHLIGHT)] for i, g in enumerate(order)}
    fig, ax = _figure_and_axes(ax, (8.0, 0.42 * len(criteria) + 1.8))
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
        Patch(color=colour_of[g], label=_wrap(f"{g} · {node_cr(g)}", 44))
        for g in order
        if g != root
    ]
    if handles:
        _legend_below(
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
        f"Criteria weights (AHP hierarchy {root!r}, {result.options['method']})",
        f"{root}: {node_cr(root)} · {verdict}",
        *deeper,
    ]
    ax.set_title("\n".join(lines), fontsize=10)
    return fig


def _plot_group(result: GroupWeightsResult, ax: Axes | None) -> Figure:
    labels = list(result.labels)
    fig, ax = _figure_and_axes(ax, (7.5, 0.5 * len(labels) + 2.0))
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
        colour, _ = _style(i + 1)
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
    _bar_axes(ax, y, labels, "weight")
    top = max(float(result.experts[labels].to_numpy().max()), float(group.max()))
    ax.set_xlim(0, top * 1.15)
    _legend_below(ax, 0.14, 2)
    ax.set_title(f"Group AHP weights ({len(result.expert_results)} experts)", fontsize=10)
    return fig


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
    '1. Industrial cooperation and\\nwider rules'
    """
    from ..results import RankingResult

    if not isinstance(result, RankingResult):
        raise _wrong_type("plot_ranking", "a RankingResult", result)
    order = result.order()
    scores = result.scores.reindex(order).to_numpy(dtype=np.float64)
    ranks = result.ranks.reindex(order).to_numpy()
    fig, ax = _figure_and_axes(ax, (7.5, 0.42 * len(order) + 1.6))
    y = np.arange(len(order))
    colours = [OKABE_ITO[2] if r == 1 else OKABE_ITO[0] for r in ranks]
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
    _bar_axes(ax, y, labels, f"{result.method} score ({direction} is better)")
    for tick, r in zip(ax.get_yticklabels(), ranks, strict=True):
        if r == 1:
            tick.set_fontweight("bold")
    opts = ", ".join(f"{k}={v}" for k, v in result.options.items())
    ax.set_title(f"{result.method} ranking" + (f"\n({opts})" if opts else ""), fontsize=10)
    return fig


# -- one-at-a-time weight sensitivity ---------------------------------------------------


def _check_thresholds(result: WeightSensitivityResult, thresholds: object) -> ThresholdResult:
    from ..sensitivity.thresholds import ThresholdResult

    if not isinstance(thresholds, ThresholdResult):
        raise _wrong_type("plot_weight_sensitivity: thresholds", "a ThresholdResult", thresholds)
    if result.scheme != "proportional":
        raise PathchoiceError(
            "plot_weight_sensitivity: thresholds lie on the proportional path, but result "
            f"used scheme={result.scheme!r}; run weight_sensitivity(..., scheme='proportional')"
        )
    if thresholds.method != result.method:
        raise PathchoiceError(
            f"plot_weight_sensitivity: thresholds are for method {thresholds.method!r} but "
            f"result for {result.method!r}"
        )
    mine, theirs = result.base.weights, thresholds.base.weights
    if set(mine.index) != set(theirs.index) or not np.allclose(
        mine.to_numpy(), theirs.reindex(mine.index).to_numpy(), rtol=0, atol=1e-9
    ):
        raise PathchoiceError(
            "plot_weight_sensitivity: thresholds were computed for other weights than result "
            f"(result: {dict(mine.round(4))}; thresholds: {dict(theirs.round(4))})"
        )
    return thresholds


def plot_weight_sensitivity(
    result: WeightSensitivityResult,
    *,
    thresholds: ThresholdResult | None = None,
    criterion: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Scores of the alternatives as one criterion's weight moves, reversal thresholds marked.

    One panel per criterion (or only ``criterion``). The paths ranked first
    somewhere along a panel's weights, and the top path at the current
    weights, get a colour (the same in every panel); the others are thin grey
    lines. A dotted line marks the current weight; with ``thresholds`` a
    dashed line marks each weight at which the top path is overtaken
    (:attr:`ThresholdResult.criteria`'s ``decrease_to`` and ``increase_to``),
    labelled with the path that takes over.

    Parameters
    ----------
    result : WeightSensitivityResult
        From :func:`~pathchoice.sensitivity.oat.weight_sensitivity`.
    thresholds : ThresholdResult, optional
        From :func:`~pathchoice.sensitivity.thresholds.weight_thresholds` with
        the same model, weights and method. Thresholds lie on the proportional
        path, so ``result`` must use ``scheme="proportional"``.
    criterion : str, optional
        Draw only this criterion. Needed with ``ax`` when ``result`` varied
        more than one criterion.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure (one criterion only).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ResultTypeError
        ``result`` or ``thresholds`` of the wrong type.
    UnknownNameError
        ``criterion`` was not varied in ``result``.
    PathchoiceError
        ``ax`` given without ``criterion`` for several criteria; thresholds
        for another method, other weights, or with the equal scheme.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.sensitivity.oat import weight_sensitivity
    >>> from pathchoice.sensitivity.thresholds import weight_thresholds
    >>> a = china_japan()
    >>> model, weights = a.decision_model(), a.weights().weights
    >>> fig = plot_weight_sensitivity(
    ...     weight_sensitivity(model, weights),
    ...     thresholds=weight_thresholds(model, weights),
    ...     criterion="joint innovation",
    ... )
    >>> fig.axes[0].get_title()
    'joint innovation'

    References
    ----------
    .. [1] Triantaphyllou, E. and Sánchez, A. (1997). "A sensitivity analysis
       approach for some deterministic multi-criteria decision-making
       methods". *Decision Sciences* 28(1), 151-194.
    """
    from ..sensitivity.oat import WeightSensitivityResult

    if not isinstance(result, WeightSensitivityResult):
        raise _wrong_type("plot_weight_sensitivity", "a WeightSensitivityResult", result)
    if thresholds is not None:
        thresholds = _check_thresholds(result, thresholds)
    varied = list(dict.fromkeys(result.table["criterion"]))
    if criterion is not None:
        if criterion not in varied:
            raise UnknownNameError(
                f"plot_weight_sensitivity: criterion {criterion!r} was not varied in result; "
                f"varied: {varied}"
            )
        panels = [criterion]
    else:
        panels = varied
    if not panels:
        raise PathchoiceError("plot_weight_sensitivity: result has no computed step to draw")
    if ax is not None and len(panels) > 1:
        raise PathchoiceError(
            "plot_weight_sensitivity: to draw on ax, choose one criterion with criterion=... "
            f"(result varied {len(panels)}: {panels})"
        )
    scores = result.scores_frame()
    ranks = result.ranks_frame()
    alternatives = list(scores.columns)
    base_top = result.base.best
    highlighted = {base_top}
    for name in panels:
        highlighted |= set(ranks.xs(name, level="criterion").idxmin(axis=1))
        if thresholds is not None:
            row = thresholds.criteria.loc[name]
            highlighted |= {
                t for t in (row["new_top_if_increased"], row["new_top_if_decreased"]) if t
            }
    shown = [a for a in alternatives if a in highlighted and a != base_top]
    style = {a: _style(i, _LINE_COLOURS) for i, a in enumerate(shown)}
    style[base_top] = ("black", "-")
    shown.insert(0, base_top)

    if ax is None:
        figure_class = _matplotlib()
        ncols = min(3, len(panels))
        nrows = math.ceil(len(panels) / ncols)
        size = (9.0, 4.8) if len(panels) == 1 else (3.6 * ncols + 3.2, 2.9 * nrows + 1.0)
        fig = figure_class(figsize=size, layout="constrained")
        grid = fig.subplots(nrows, ncols, squeeze=False, sharey=True)
        axes = list(grid.ravel())
        for extra in axes[len(panels) :]:
            extra.set_visible(False)
    else:
        fig, ax = _figure_and_axes(ax, (0, 0))
        axes = [ax]

    direction = "higher" if result.higher_is_better else "lower"
    for panel, name in zip(axes, panels, strict=False):
        sub = scores.xs(name, level="criterion")
        x = sub.index.get_level_values("weight").to_numpy(dtype=np.float64)
        for a in alternatives:
            if a not in highlighted:
                panel.plot(x, sub[a].to_numpy(), color=_GREY, lw=0.7, alpha=0.6, zorder=1)
        for a in shown:
            colour, ls = style[a]
            lw = 2.4 if a == base_top else 1.5
            panel.plot(x, sub[a].to_numpy(), color=colour, ls=ls, lw=lw, zorder=3 if lw > 2 else 2)
        panel.axvline(float(result.base.weights[name]), color="#555555", ls=":", lw=1.4)
        if thresholds is not None:
            row = thresholds.criteria.loc[name]
            for key, new in (
                ("decrease_to", "new_top_if_decreased"),
                ("increase_to", "new_top_if_increased"),
            ):
                value = float(row[key])
                if np.isfinite(value):
                    panel.axvline(value, color=OKABE_ITO[3], ls="--", lw=1.4)
                    panel.text(
                        value,
                        0.98,
                        f" {_fmt(value)} → {_wrap(row[new], 22, 1)}",
                        transform=panel.get_xaxis_transform(),
                        rotation=90,
                        va="top",
                        ha="right",
                        fontsize=7,
                        color=OKABE_ITO[3],
                        zorder=4,
                        bbox={
                            "boxstyle": "square,pad=0.1",
                            "fc": "white",
                            "ec": "none",
                            "alpha": 0.8,
                        },
                    )
        panel.set_title(_wrap(name, 40), fontsize=9)
        panel.set_xlim(0, 1)
        panel.set_xlabel("weight of the criterion", fontsize=8)
        panel.tick_params(labelsize=7)
        panel.grid(alpha=0.3)
    for panel in axes[:: min(3, len(panels))] if ax is None else axes:
        panel.set_ylabel(f"score ({direction} is better)", fontsize=8)

    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            color=style[a][0],
            ls=style[a][1],
            lw=2.4 if a == base_top else 1.5,
            label=_wrap(a + (" (current top)" if a == base_top else ""), 34),
        )
        for a in shown
    ]
    if len(shown) < len(alternatives):
        handles.append(Line2D([], [], color=_GREY, lw=0.7, label="other paths"))
    handles.append(Line2D([], [], color="#555555", ls=":", lw=1.4, label="current weight"))
    if thresholds is not None:
        handles.append(
            Line2D([], [], color=OKABE_ITO[3], ls="--", lw=1.4, label="rank-reversal threshold")
        )
    title = f"One-at-a-time weight sensitivity ({result.method}, {result.scheme} scheme)"
    if ax is None:
        fig.legend(handles=handles, loc="outside right upper", fontsize=8)
        fig.suptitle(title, fontsize=10)
    else:
        axes[0].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=7)
    return fig


# -- thresholds tornado -----------------------------------------------------------------


def plot_thresholds(result: ThresholdResult, *, ax: Axes | None = None) -> Figure:
    """Tornado of the weight ranges within which the top path stays first.

    One bar per criterion, from ``decrease_to`` to ``increase_to``
    (:attr:`ThresholdResult.criteria`) around the current weight (black tick);
    the most sensitive criterion, the one closest to a reversal, on top. A
    side with no reversal on [0, 1] runs to 0 or 1 hatched and pale. The
    threshold is written under each finite end, and the path that takes over
    at the right of the bar (``↑`` if the weight rises, ``↓`` if it falls).

    Parameters
    ----------
    result : ThresholdResult
        From :func:`~pathchoice.sensitivity.thresholds.weight_thresholds`.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ResultTypeError
        ``result`` is not a ThresholdResult.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.sensitivity.thresholds import weight_thresholds
    >>> a = china_japan()
    >>> fig = plot_thresholds(weight_thresholds(a.decision_model(), a.weights().weights))
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    'relief of social dilemmas'

    References
    ----------
    .. [1] Triantaphyllou, E. and Sánchez, A. (1997). "A sensitivity analysis
       approach for some deterministic multi-criteria decision-making
       methods". *Decision Sciences* 28(1), 151-194.
    """
    from ..sensitivity.thresholds import ThresholdResult

    if not isinstance(result, ThresholdResult):
        raise _wrong_type("plot_thresholds", "a ThresholdResult", result)
    table = result.criteria
    w = table["weight"].to_numpy(dtype=np.float64)
    up = table["increase_to"].to_numpy(dtype=np.float64)
    down = table["decrease_to"].to_numpy(dtype=np.float64)
    distance = np.fmin(np.abs(up - w), np.abs(w - down))  # NaN only where neither side reverses
    order = np.argsort(np.where(np.isnan(distance), np.inf, distance), kind="stable")
    names = [table.index[i] for i in order]
    fig, ax = _figure_and_axes(ax, (9.0, 0.55 * len(names) + 2.4))
    from matplotlib.patches import Patch

    open_style = {"alpha": 0.35, "hatch": "///", "edgecolor": "white", "linewidth": 0}
    for y, i in enumerate(order):
        lo = down[i] if np.isfinite(down[i]) else 0.0
        hi = up[i] if np.isfinite(up[i]) else 1.0
        ax.barh(
            y,
            w[i] - lo,
            left=lo,
            height=0.5,
            color=OKABE_ITO[1],
            **({} if np.isfinite(down[i]) else open_style),
        )
        ax.barh(
            y,
            hi - w[i],
            left=w[i],
            height=0.5,
            color=OKABE_ITO[0],
            **({} if np.isfinite(up[i]) else open_style),
        )
        ax.plot([w[i], w[i]], [y - 0.34, y + 0.34], color="black", lw=2)
        for value in (down[i], up[i]):
            if np.isfinite(value):
                ax.text(value, y + 0.27, _fmt(value), ha="center", va="top", fontsize=7)
        takers = []
        lines = 1 if np.isfinite(up[i]) and np.isfinite(down[i]) else 2
        if np.isfinite(up[i]):
            takers.append(f"↑ {_wrap(table['new_top_if_increased'].iloc[i], 32, lines)}")
        if np.isfinite(down[i]):
            takers.append(f"↓ {_wrap(table['new_top_if_decreased'].iloc[i], 32, lines)}")
        ax.text(
            1.02,
            y,
            "\n".join(takers) or "no reversal on [0, 1]",
            ha="left",
            va="center",
            fontsize=7,
            transform=ax.get_yaxis_transform(),
        )
    _bar_axes(
        ax,
        np.arange(len(names)),
        names,
        "weight of the criterion (the other weights keep their ratios)",
    )
    ax.set_ylim(len(names) - 0.5, -0.6)  # first on top, with room for its threshold labels
    ax.set_xlim(0, 1)
    handles = [
        Patch(color=OKABE_ITO[1], label="weight may fall to here"),
        Patch(color=OKABE_ITO[0], label="weight may rise to here"),
        Patch(
            facecolor="#BBBBBB",
            hatch="///",
            edgecolor="white",
            label="no reversal on that side (up to 0 or 1)",
        ),
        Patch(color="black", label="current weight"),
    ]
    _legend_below(ax, 0.12, 2, handles=handles)
    ax.set_title(
        _wrap(f"Weight ranges keeping {result.top!r} first ({result.method})", 80), fontsize=10
    )
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
        raise _wrong_type("plot_rank_acceptability", "an SMAAResult", result)
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import BoundaryNorm, ListedColormap

    order = list(result.expected_rank.sort_values(kind="stable").index)
    acc = result.rank_acceptability.reindex(order)
    m = acc.shape[1]
    fig, ax = _figure_and_axes(ax, (8.5, 0.42 * len(order) + 1.8))
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
    _bar_axes(ax, y, order, "share of samples at each rank (rank acceptability)", grid=False)
    ax.set_xlim(0, 1)
    ax.set_title(
        f"Rank acceptability (SMAA-2, {result.method}, {result.n_samples:,} samples)", fontsize=10
    )
    mappable = ScalarMappable(
        norm=BoundaryNorm(np.arange(0.5, m + 1.5), m), cmap=ListedColormap(colours)
    )
    step = max(1, math.ceil(m / 12))
    _colour_bar(fig, mappable, ax, "rank", ticks=np.arange(1, m + 1, step), pad=0.12)
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
    ['topsis', 'vikor', 'promethee_ii']
    """
    from ..sensitivity.compare import MethodComparison

    if not isinstance(result, MethodComparison):
        raise _wrong_type("plot_method_ranks", "a MethodComparison", result)
    frame = result.to_frame().sort_values("consensus", kind="stable")
    values = frame.to_numpy(dtype=np.float64)
    n_alt, n_col = values.shape
    fig, ax = _figure_and_axes(ax, (0.75 * n_col + 4.2, 0.42 * n_alt + 2.0))
    image = ax.imshow(values, cmap="cividis_r", vmin=1, vmax=max(n_alt, 2), aspect="auto")
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
    columns = [*result.methods, f"consensus\n({result.consensus_rule})"]
    ax.set_xticks(
        np.arange(n_col),
        labels=columns,
        fontsize=8,
        rotation=45,
        ha="right",
        rotation_mode="anchor",
    )
    _name_ticks(ax, np.arange(n_alt), frame.index)
    _frameless(ax)
    _colour_bar(fig, image, ax, "rank (1 = best)")
    ax.set_title("Ranks by method", fontsize=10)
    return fig


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
    from .matrix import AdvantageMatrix

    if not isinstance(matrix, AdvantageMatrix):
        raise _wrong_type("plot_advantage_matrix", "an AdvantageMatrix", matrix)
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.patches import Patch, Polygon, Rectangle

    areas = matrix.area_names
    parties = matrix.parties
    n_area, n_party = len(areas), len(parties)
    comp_width = 1.8
    fig, ax = _figure_and_axes(ax, (2.8 + 1.3 * n_party + 2.2, 0.5 * n_area + 1.9))
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
    _name_ticks(ax, np.arange(n_area) + 0.5, areas)
    _frameless(ax)
    handles = [Patch(color=adv), Patch(color=dis), (Patch(color=adv), Patch(color=dis))]
    _legend_below(
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


# -- output -----------------------------------------------------------------------------


def figure_to_png(fig: Figure, *, dpi: float = 100) -> bytes:
    """The figure as PNG bytes (cropped to its content).

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> figure_to_png(plot_ranking(china_japan().rank()))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    figure_class = _matplotlib()
    if not isinstance(fig, figure_class):
        raise ResultTypeError(f"fig must be a matplotlib Figure (got {type(fig).__name__})")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def figure_to_data_uri(fig: Figure, *, dpi: float = 100) -> str:
    """The figure as a ``data:image/png;base64,...`` URI, for an ``<img src=...>`` in HTML.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> figure_to_data_uri(plot_ranking(china_japan().rank()))[:22]
    'data:image/png;base64,'
    """
    return "data:image/png;base64," + base64.b64encode(figure_to_png(fig, dpi=dpi)).decode()
