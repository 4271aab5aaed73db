"""Weight sensitivity: scores as one weight moves, and the thresholds tornado."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .._display import OKABE_ITO, method_name
from ..exceptions import PathchoiceError, UnknownNameError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..sensitivity.oat import WeightSensitivityResult
    from ..sensitivity.thresholds import ThresholdResult

from ._common import (
    GREY,
    LINE_COLOURS,
    bar_axes,
    figure_and_axes,
    format_number,
    legend_below,
    load_matplotlib,
    pick_style,
    wrap_label,
    wrong_type,
)

__all__ = [
    "plot_thresholds",
    "plot_weight_sensitivity",
]


# -- one-at-a-time weight sensitivity ---------------------------------------------------


def _check_thresholds(result: WeightSensitivityResult, thresholds: object) -> ThresholdResult:
    from ..sensitivity.thresholds import ThresholdResult

    if not isinstance(thresholds, ThresholdResult):
        raise wrong_type("plot_weight_sensitivity: thresholds", "a ThresholdResult", thresholds)
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
    ...     criterion="shared strengths",
    ... )
    >>> fig.axes[0].get_title()
    'shared strengths'

    References
    ----------
    .. [1] Triantaphyllou, E. and Sánchez, A. (1997). "A sensitivity analysis
       approach for some deterministic multi-criteria decision-making
       methods". *Decision Sciences* 28(1), 151-194.
    """
    from ..sensitivity.oat import WeightSensitivityResult

    if not isinstance(result, WeightSensitivityResult):
        raise wrong_type("plot_weight_sensitivity", "a WeightSensitivityResult", result)
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
    style = {a: pick_style(i, LINE_COLOURS) for i, a in enumerate(shown)}
    style[base_top] = ("black", "-")
    shown.insert(0, base_top)

    if ax is None:
        figure_class = load_matplotlib()
        ncols = min(3, len(panels))
        nrows = math.ceil(len(panels) / ncols)
        size = (9.0, 4.8) if len(panels) == 1 else (3.6 * ncols + 3.2, 2.9 * nrows + 1.0)
        fig = figure_class(figsize=size, layout="constrained")
        grid = fig.subplots(nrows, ncols, squeeze=False, sharey=True)
        axes = list(grid.ravel())
        for extra in axes[len(panels) :]:
            extra.set_visible(False)
    else:
        fig, ax = figure_and_axes(ax, (0, 0))
        axes = [ax]

    direction = "higher" if result.higher_is_better else "lower"
    for panel, name in zip(axes, panels, strict=False):
        sub = scores.xs(name, level="criterion")
        x = sub.index.get_level_values("weight").to_numpy(dtype=np.float64)
        for a in alternatives:
            if a not in highlighted:
                panel.plot(x, sub[a].to_numpy(), color=GREY, lw=0.7, alpha=0.6, zorder=1)
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
                        f" {format_number(value)} → {wrap_label(row[new], 22, 1)}",
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
        panel.set_title(wrap_label(name, 40), fontsize=9)
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
            label=wrap_label(a + (" (current top)" if a == base_top else ""), 34),
        )
        for a in shown
    ]
    if len(shown) < len(alternatives):
        handles.append(Line2D([], [], color=GREY, lw=0.7, label="other alternatives"))
    handles.append(Line2D([], [], color="#555555", ls=":", lw=1.4, label="current weight"))
    if thresholds is not None:
        handles.append(
            Line2D([], [], color=OKABE_ITO[3], ls="--", lw=1.4, label="rank-reversal threshold")
        )
    rest = "change in proportion" if result.scheme == "proportional" else "share the change equally"
    title = (
        f"One-at-a-time weight sensitivity ({method_name(result.method)}; the other weights {rest})"
    )
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
    'relief of de-Chinaization\\npressure'

    References
    ----------
    .. [1] Triantaphyllou, E. and Sánchez, A. (1997). "A sensitivity analysis
       approach for some deterministic multi-criteria decision-making
       methods". *Decision Sciences* 28(1), 151-194.
    """
    from ..sensitivity.thresholds import ThresholdResult

    if not isinstance(result, ThresholdResult):
        raise wrong_type("plot_thresholds", "a ThresholdResult", result)
    table = result.criteria
    w = table["weight"].to_numpy(dtype=np.float64)
    up = table["increase_to"].to_numpy(dtype=np.float64)
    down = table["decrease_to"].to_numpy(dtype=np.float64)
    distance = np.fmin(np.abs(up - w), np.abs(w - down))  # NaN only where neither side reverses
    order = np.argsort(np.where(np.isnan(distance), np.inf, distance), kind="stable")
    names = [table.index[i] for i in order]
    fig, ax = figure_and_axes(ax, (9.0, 0.55 * len(names) + 2.4))
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
                ax.text(value, y + 0.27, format_number(value), ha="center", va="top", fontsize=7)
        takers = []
        lines = 1 if np.isfinite(up[i]) and np.isfinite(down[i]) else 2
        if np.isfinite(up[i]):
            takers.append(f"↑ {wrap_label(table['new_top_if_increased'].iloc[i], 32, lines)}")
        if np.isfinite(down[i]):
            takers.append(f"↓ {wrap_label(table['new_top_if_decreased'].iloc[i], 32, lines)}")
        ax.text(
            1.02,
            y,
            "\n".join(takers) or "no reversal on [0, 1]",
            ha="left",
            va="center",
            fontsize=7,
            transform=ax.get_yaxis_transform(),
        )
    bar_axes(
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
    legend_below(ax, 0.12, 2, handles=handles)
    ax.set_title(
        wrap_label(
            f"Weight ranges keeping {result.top!r} first ({method_name(result.method)})", 80
        ),
        fontsize=10,
    )
    return fig
