"""How result objects show themselves: readable text in a terminal, HTML tables in Jupyter.

One mixin, :class:`FrameDisplay`, gives a result class ``_repr_html_`` (what
Jupyter shows) and, where the class has none of its own, ``__str__`` (what
``print`` shows). Both are a heading, a table and a few notes, taken from three
hooks a class may override:

- ``_display_title()``: the heading. By default the first line of the class's
  own ``__str__`` if it has one, else the class name and its ``method``;
- ``_display_frame()``: the table, ``to_frame()`` by default (None for none);
- ``_display_notes()``: lines under the table, the ``findings`` by default.

The colours shared with :mod:`pathchoice.study.plots` (the Okabe–Ito palette,
readable with the common forms of colour blindness, and the stance colours of an
advantage matrix) live here so that this module, like ``import pathchoice``,
never needs matplotlib.

References
----------
.. [1] Okabe, M. and Ito, K. (2008). "Color Universal Design (CUD): how to make
   figures and presentations that are friendly to colorblind people".
   https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

import pandas as pd

__all__ = [
    "OKABE_ITO",
    "OTHER_RANK_COLOUR",
    "RANK1_COLOUR",
    "STANCE_COLOURS",
    "STANCE_TINTS",
    "FrameDisplay",
    "frame_html",
    "frame_text",
    "method_name",
    "model_html",
    "options_words",
    "paragraphs_html",
    "stance_table_html",
]

#: Okabe & Ito's colour-blind-safe qualitative palette (black left out), in their order.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#999999",  # grey (for "everything else")
)

#: Stance colours of an advantage matrix: blue for a strength, orange for a weakness.
STANCE_COLOURS: Mapping[str, str] = {"advantage": "#0072B2", "disadvantage": "#E69F00"}

#: Light tints of the stance colours, as HTML cell backgrounds under dark text.
STANCE_TINTS: Mapping[str, str] = {"advantage": "#A9D1EE", "disadvantage": "#F6D58E"}

_MAX_ROWS = 60


def _format_float(x: float) -> str:
    return f"{x:.4f}"


def frame_html(
    title: str,
    frame: pd.DataFrame | pd.Series | None,
    notes: Sequence[str] = (),
    *,
    max_rows: int = _MAX_ROWS,
) -> str:
    """An HTML block: the escaped ``title``, ``frame`` as a table, then ``notes`` as a list.

    Floats are shown to 4 places and missing values as ``–``; a frame longer
    than ``max_rows`` is cut in the middle, as pandas does.

    Examples
    --------
    >>> html = frame_html("ranks <b>", pd.DataFrame({"rank": [1, 2]}, index=["A", "B"]))
    >>> "ranks &lt;b&gt;" in html and "<table" in html
    True
    """
    parts = ['<div class="pathchoice-result">', f"<p><strong>{escape(title)}</strong></p>"]
    if frame is not None:
        if isinstance(frame, pd.Series):
            frame = frame.to_frame()
        parts.append(
            frame.to_html(
                float_format=_format_float,
                na_rep="–",
                max_rows=max_rows,
                border=0,
                classes="pathchoice",
            )
        )
    if notes:
        items = "".join(f"<li>{escape(str(n))}</li>" for n in notes)
        parts.append(f"<ul>{items}</ul>")
    parts.append("</div>")
    return "\n".join(parts)


def frame_text(
    title: str,
    frame: pd.DataFrame | pd.Series | None,
    notes: Sequence[str] = (),
    *,
    max_rows: int = _MAX_ROWS,
) -> str:
    """Plain text: ``title``, ``frame`` as a full-width table, then ``notes``, one per line.

    Examples
    --------
    >>> print(frame_text("weights", pd.Series([0.25, 0.75], index=["x", "y"], name="w")))
    weights
           w
    x 0.2500
    y 0.7500
    """
    lines = [title]
    if frame is not None:
        if isinstance(frame, pd.Series):
            frame = frame.to_frame()
        lines.append(
            frame.to_string(
                float_format=_format_float, na_rep="-", max_rows=max_rows, max_colwidth=60
            )
        )
    lines += [f"note: {n}" for n in notes]
    return "\n".join(lines)


def paragraphs_html(title: str, paragraphs: Sequence[str]) -> str:
    """An HTML block: the escaped ``title``, then each paragraph escaped in its own ``<p>``.

    Examples
    --------
    >>> paragraphs_html("summary", ["A < B.", "C."]).count("<p>")
    3
    """
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<div class="pathchoice-result">\n<p><strong>{escape(title)}</strong></p>\n{body}\n</div>'
    )


def stance_table_html(
    title: str,
    frame: pd.DataFrame,
    parties: Sequence[str],
    tooltips: pd.DataFrame | None = None,
) -> str:
    """An advantage matrix as an HTML table whose party cells are coloured by stance.

    ``frame`` has one row per area and a column per party holding
    ``"advantage"``, ``"disadvantage"`` or ``"both"`` (drawn half blue, half
    orange), then any other columns (e.g. the complementarity label), shown
    uncoloured. The stance stays written in each cell, so the colours are never
    the only cue. ``tooltips`` (same index, a column per party) gives each party
    cell a hover text, e.g. the reason for its stance.
    """
    both = (
        f"background: linear-gradient(135deg, {STANCE_TINTS['advantage']} 50%, "
        f"{STANCE_TINTS['disadvantage']} 50%)"
    )
    styles = {s: f"background: {c}" for s, c in STANCE_TINTS.items()} | {"both": both}
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for area, row in frame.iterrows():
        cells = []
        for column, value in row.items():
            style = styles.get(str(value), "") if column in parties else ""
            attr = f' style="{style}; color: #000"' if style else ""
            if tooltips is not None and column in tooltips.columns:
                attr += f' title="{escape(str(tooltips.loc[area, column]))}"'
            cells.append(f"<td{attr}>{escape(str(value))}</td>")
        rows.append(f"<tr><th>{escape(str(area))}</th>{''.join(cells)}</tr>")
    index_name = escape(str(frame.index.name or ""))
    legend = " ".join(
        f'<span style="{styles[s]}; color: #000; padding: 0 0.4em">{s}</span>'
        for s in ("advantage", "disadvantage", "both")
    )
    return "\n".join(
        [
            '<div class="pathchoice-result">',
            f"<p><strong>{escape(title)}</strong></p>",
            '<table class="dataframe pathchoice" border="0">',
            f"<thead><tr><th>{index_name}</th>{head}</tr></thead>",
            f"<tbody>{''.join(rows)}</tbody>",
            "</table>",
            f"<p>{legend}</p>",
            "</div>",
        ]
    )


class FrameDisplay:
    """Mixin: ``_repr_html_`` for Jupyter and a default ``__str__`` from three hooks.

    A class using it needs a ``to_frame()`` (or an override of
    ``_display_frame``). Its own ``__str__``, if it has one, is kept and gives
    the HTML heading.
    """

    __slots__ = ()

    def _display_title(self) -> str:
        if type(self).__str__ is not FrameDisplay.__str__:
            return str(self).split("\n", 1)[0]
        method = getattr(self, "method", None)
        name = type(self).__name__
        return f"{name} ({method})" if isinstance(method, str) else name

    def _display_frame(self) -> pd.DataFrame | pd.Series | None:
        return self.to_frame()  # type: ignore[attr-defined, no-any-return]

    def _display_notes(self) -> Sequence[str]:
        findings: Any = getattr(self, "findings", ())
        return tuple(str(f) for f in findings or ())

    def _repr_html_(self) -> str:
        return frame_html(self._display_title(), self._display_frame(), self._display_notes())

    def __str__(self) -> str:
        return frame_text(self._display_title(), self._display_frame(), self._display_notes())


# -- words for the reader, shared by the plots and the displays --------------------------


def method_name(method: Any) -> str:
    """A ranking method as a reader knows it: TOPSIS, VIKOR, PROMETHEE II, ... or a callable's name.

    Examples
    --------
    >>> method_name("topsis"), method_name("promethee_ii"), method_name("pymcdm_topsis")
    ('TOPSIS', 'PROMETHEE II', "pymcdm's TOPSIS")
    """
    # Imported here: the ranking and sensitivity packages import this module.
    from .ranking import PYMCDM_CLASSES

    if not isinstance(method, str):
        from .sensitivity.compare import method_label  # only for a callable

        return method_label(method)
    if method == "pymcdm_topsis":
        return "pymcdm's TOPSIS"
    if method == "topsis" or method in PYMCDM_CLASSES:
        return method.replace("_", " ").upper()
    return method


def options_words(options: Mapping[str, Any]) -> str:
    """A method's options in words: ``vector normalisation, zero range: ignore``.

    Examples
    --------
    >>> options_words({"normalization": "vector", "zero_range": "ignore"})
    'vector normalisation, zero range: ignore'
    """
    words = []
    for key, value in options.items():
        if key == "normalization":
            words.append(f"{str(value).replace('_', ' ')} normalisation")
        else:
            words.append(f"{key.replace('_', ' ')}: {value}")
    return ", ".join(words)


#: Rank 1 has one colour everywhere, the report's accent: the bar of the best
#: alternative, the low end of every rank colour scale (cividis starts in dark blue).
RANK1_COLOUR = "#0072B2"
#: The other alternatives' bars beside a rank-1 bar: a light tint of the same blue.
OTHER_RANK_COLOUR = "#A9D1EE"


def model_html(title: str, performance: pd.DataFrame, directions: Sequence[str]) -> str:
    """A decision model as HTML: the performance table under a header row of directions.

    Examples
    --------
    >>> table = pd.DataFrame({"cost <x>": [1.0, 2.0]}, index=pd.Index(["A", "B"]))
    >>> html = model_html("Model: 2 alternatives × 1 criterion", table, ["cost"])
    >>> "cost &lt;x&gt;" in html and "cost ↓" in html
    True
    """
    arrows = {"benefit": "benefit ↑", "cost": "cost ↓"}
    frame = performance.copy()
    if bool((frame == frame.round()).all().all()):  # scores on a whole-number scale: 3, not 3.0000
        frame = frame.astype("int64")
    frame.columns = pd.MultiIndex.from_arrays(
        [list(performance.columns), [arrows.get(d, d) for d in directions]],
        names=["criterion", "direction"],
    )
    frame.index.name = None  # the header rows name the levels; an index name adds an empty row
    notes = ("↑ benefit: higher is better; ↓ cost: lower is better",)
    return frame_html(title, frame, notes)
