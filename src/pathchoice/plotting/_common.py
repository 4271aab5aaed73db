"""What every plot shares: matplotlib loaded on first use, colours, labels, axes, PNG output."""

from __future__ import annotations

import base64
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._display import OKABE_ITO
from ..exceptions import ResultTypeError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


__all__ = [
    "GREY",
    "HIGHLIGHT",
    "LABEL_WIDTH",
    "LINESTYLES",
    "LINE_COLOURS",
    "PLOT_FOR",
    "bar_axes",
    "colour_bar",
    "figure_and_axes",
    "figure_to_data_uri",
    "figure_to_png",
    "format_number",
    "frameless",
    "legend_below",
    "load_matplotlib",
    "name_ticks",
    "pick_style",
    "root_figure",
    "wrap_label",
    "wrong_type",
]


PLOT_FOR = {
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

HIGHLIGHT = OKABE_ITO[:7]
GREY = OKABE_ITO[7]
# Lines of the weight-sensitivity plot: vermillion is kept for the thresholds, yellow comes last.
LINE_COLOURS = tuple(OKABE_ITO[i] for i in (0, 1, 2, 4, 5, 6))
LINESTYLES = ("-", "--", "-.", ":")
LABEL_WIDTH = 30


# -- helpers ----------------------------------------------------------------------------


def load_matplotlib() -> Any:
    """Import matplotlib lazily, with an error naming the extra if it is missing.

    Returns the Figure class the plots draw on (:class:`ResultFigure`, which
    Jupyter shows when it is returned).
    """
    try:
        import matplotlib.figure  # noqa: F401 - first, so that a missing matplotlib says so here

        from ._figure import ResultFigure
    except ImportError as exc:
        raise ImportError(
            "pathchoice.plotting needs matplotlib, a dependency of pathchoice that is missing "
            "from this environment; reinstall pathchoice (pip install pathchoice)"
        ) from exc
    return ResultFigure


def wrong_type(function: str, expected: str, got: object) -> ResultTypeError:
    name = type(got).__name__
    hint = ""
    if name == "Analysis":
        hint = (
            "; an Analysis holds several results: pass analysis.matrix, analysis.weights() "
            "or analysis.rank()"
        )
    elif name in PLOT_FOR and PLOT_FOR[name] != function:
        hint = f"; a {name} is drawn by {PLOT_FOR[name]}()"
    return ResultTypeError(f"{function}: result must be {expected} (got {name}){hint}")


def figure_and_axes(ax: Any, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """A new constrained-layout Figure with one Axes, or ``ax`` and its (root) figure."""
    figure_class = load_matplotlib()
    if ax is None:
        fig = figure_class(figsize=size, layout="constrained")
        return fig, fig.add_subplot()
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise ResultTypeError(f"ax must be a matplotlib Axes or None (got {type(ax).__name__})")
    return root_figure(ax.get_figure()), ax


def root_figure(fig: Any) -> Figure:
    from matplotlib.figure import SubFigure

    while isinstance(fig, SubFigure):
        fig = fig.figure if fig.figure is not fig else fig.get_figure()
    return fig  # type: ignore[no-any-return]


def wrap_label(text: object, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """``text`` wrapped at spaces to ``width`` characters, cut to ``lines`` lines with '…'."""
    wrapped = textwrap.wrap(
        str(text), width=width, max_lines=lines, placeholder=" …", break_on_hyphens=False
    )
    return "\n".join(wrapped) if wrapped else str(text)


def pick_style(i: int, colours: Sequence[str] = HIGHLIGHT) -> tuple[str, str]:
    """Colour and line style of the i-th highlighted series (colours first, then styles)."""
    return colours[i % len(colours)], LINESTYLES[(i // len(colours)) % len(LINESTYLES)]


def format_number(x: float) -> str:
    return f"{x:.3f}"


def name_ticks(ax: Axes, positions: Any, names: Sequence[object]) -> None:
    """``names`` as the y tick labels at ``positions``, wrapped (:func:`wrap_label`)."""
    ax.set_yticks(positions, labels=[wrap_label(n) for n in names], fontsize=8)


def bar_axes(
    ax: Axes, positions: Any, names: Sequence[object], xlabel: str, *, grid: bool = True
) -> None:
    """Axes of horizontal bars: wrapped names, the first on top, an x grid behind the bars."""
    name_ticks(ax, positions, names)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if grid:
        ax.grid(axis="x", alpha=0.3)
        ax.set_axisbelow(True)


def legend_below(ax: Axes, below: float, ncol: int, *, fontsize: float = 7, **options: Any) -> None:
    """A frameless legend centred under the axes, ``below`` axes heights under them."""
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -below),
        ncol=ncol,
        fontsize=fontsize,
        frameon=False,
        **options,
    )


def colour_bar(fig: Figure, mappable: Any, ax: Axes, label: str, **options: Any) -> None:
    """A colour bar beside ``ax``, labelled, with the low ranks on top."""
    bar = fig.colorbar(mappable, ax=ax, fraction=0.04, **options)
    bar.set_label(label, fontsize=8)
    bar.ax.tick_params(labelsize=7)
    bar.ax.invert_yaxis()


def frameless(ax: Axes) -> None:
    """No tick marks and no spines: for grids of coloured cells."""
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


# -- output -----------------------------------------------------------------------------


def figure_to_png(fig: Figure, *, dpi: float = 100) -> bytes:
    """The figure as PNG bytes (cropped to its content).

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.plotting import plot_ranking
    >>> figure_to_png(plot_ranking(china_japan().rank()))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    load_matplotlib()
    from matplotlib.figure import Figure

    from ._figure import png_bytes

    if not isinstance(fig, Figure):
        raise ResultTypeError(f"fig must be a matplotlib Figure (got {type(fig).__name__})")
    return png_bytes(fig, dpi)


def figure_to_data_uri(fig: Figure, *, dpi: float = 100) -> str:
    """The figure as a ``data:image/png;base64,...`` URI, for an ``<img src=...>`` in HTML.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.plotting import plot_ranking
    >>> figure_to_data_uri(plot_ranking(china_japan().rank()))[:22]
    'data:image/png;base64,'
    """
    return "data:image/png;base64," + base64.b64encode(figure_to_png(fig, dpi=dpi)).decode()
