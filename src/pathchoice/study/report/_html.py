"""Small HTML builders for the report (everything escaped), its stylesheet, and its plots."""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Mapping, Sequence
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from ..run import StudyResult

__all__ = [
    "CSS",
    "Formatter",
    "Plots",
    "close_figure",
    "esc",
    "fmt_value",
    "html_section",
    "html_table",
    "is_missing",
    "para",
    "pct",
]


#: The page's stylesheet (``report.css`` beside this module), inlined in every report.
CSS = resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")


# -- small HTML builders (everything escaped) -----------------------------------------------


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def is_missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or (isinstance(value, (float, np.floating)) and math.isnan(value))
    )


def fmt_value(value: object, digits: int = 4) -> str:
    if is_missing(value):
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return f"{value:.{digits}f}"
    return str(value)


def pct(value: object) -> str:
    return "–" if is_missing(value) else f"{100 * float(value):.1f}%"


Formatter = Callable[[Any], str]


def html_table(
    frame: pd.DataFrame,
    *,
    table_id: str | None = None,
    caption: str | None = None,
    formats: Mapping[str, Formatter] | None = None,
    row_classes: Sequence[str] | None = None,
    cell_styles: Mapping[str, Sequence[str]] | None = None,
    header_titles: Mapping[str, str] | None = None,
    classes: str | None = None,
    cell_classes: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """An HTML table of ``frame``'s columns (the index is not shown); numbers right-aligned."""
    formats = formats or {}
    cell_styles = cell_styles or {}
    header_titles = header_titles or {}
    cell_classes = cell_classes or {}
    columns = [str(c) for c in frame.columns]
    numeric = {
        str(c): pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    }
    head = []
    for c in columns:
        cls = ' class="num"' if numeric[c] else ""
        title = f' title="{esc(header_titles[c])}"' if c in header_titles else ""
        head.append(f"<th{cls}{title}>{esc(c)}</th>")
    body = []
    values = [frame[c].tolist() for c in frame.columns]
    for i in range(len(frame)):
        cells = []
        for c, col in zip(columns, values, strict=True):
            text = formats[c](col[i]) if c in formats else fmt_value(col[i])
            names = " ".join(
                n
                for n in ("num" if numeric[c] else "", cell_classes.get(c, [""] * (i + 1))[i])
                if n
            )
            cls = f' class="{names}"' if names else ""
            style = f' style="{esc(cell_styles[c][i])}"' if c in cell_styles else ""
            cells.append(f"<td{cls}{style}>{esc(text)}</td>")
        row_class = f' class="{esc(row_classes[i])}"' if row_classes and row_classes[i] else ""
        body.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    attrs = f' id="{esc(table_id)}"' if table_id else ""
    attrs += f' class="{esc(classes)}"' if classes else ""
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="scroll"><table{attrs}>{cap}<thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>\n{chr(10).join(body)}\n</tbody></table></div>"
    )


def para(text: str, cls: str | None = None) -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"


def html_section(section_id: str, title: str, parts: Sequence[str]) -> str:
    return (
        f'<section id="{section_id}">\n<h2>{esc(title)}</h2>\n' + "\n".join(parts) + "\n</section>"
    )


# -- plots ----------------------------------------------------------------------------------


class Plots:
    """The figures of a study (:func:`pathchoice.study.plots.plot_study`) as PNG ``<figure>``s.

    Without matplotlib (or with ``plots=False``) every figure is ``""`` and
    :attr:`problem` says why, once, for the top of the page.
    """

    def __init__(self, enabled: bool, study: StudyResult) -> None:
        self.problem: str | None = None
        self.module: Any = None
        self.drawn: dict[str, Any] = {}
        if not enabled:
            self.problem = "The plots were left out of this report on request."
            return
        try:
            from .. import plots

            self.drawn = plots.plot_study(study)
            self.module = plots
        except ImportError as exc:
            self.module = None
            self.problem = (
                f"The plots could not be drawn ({exc}). They need matplotlib, which is "
                "missing from this installation: reinstall pathchoice and make the report again."
            )

    def close_rest(self) -> None:
        """Release the figures the page did not use."""
        for fig in self.drawn.values():
            close_figure(fig)
        self.drawn.clear()

    def figure(self, name: str, caption: str) -> str:
        """A ``<figure>`` with the PNG of the study's figure ``name``, or ``""``."""
        fig = self.drawn.pop(name, None)
        if fig is None or self.module is None:
            return ""
        try:
            png = self.module.figure_to_png(fig)
        finally:
            close_figure(fig)
        data = base64.b64encode(png).decode("ascii")
        return (
            f'<figure><img alt="{esc(caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>"
        )


def close_figure(fig: Any) -> None:
    """Release a figure if pyplot tracks it (figures made without pyplot are simply dropped)."""
    import sys

    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(fig)
