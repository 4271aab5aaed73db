"""A self-contained HTML report of an analysis: one file to hand to people who never open Python.

:func:`render_report` returns the page as a string and :func:`write_report`
writes it atomically. The page holds, in order:

1. at a glance: the path ranked first and how robust that is, in two sentences;
2. the advantage/disadvantage matrix (when the model has one), coloured by stance;
3. the criteria, with their direction;
4. the weights of the AHP hierarchy and the consistency of its judgements
   (or the weights given, when they were given);
5. the performance table and the ranking (table ``id="ranking"``);
6. robustness in plain language
   (:func:`~pathchoice.study.summary.robustness_summary`), the weight
   thresholds, SMAA rank acceptabilities and the ranks given by other methods;
7. the cases linked to the alternatives (when the model has any);
8. provenance: every score, judgement and direct weight with its reason and
   source (:meth:`~pathchoice.study.analysis.Analysis.provenance`);
9. how the report was made (settings, version, references).

The plots of :mod:`pathchoice.study.plots` sit beside their tables when matplotlib is
installed (``pip install 'pathchoice[plot]'``); without it the report says so
and is otherwise complete.

The file needs nothing but a browser: the CSS is inline, the plots are PNG
images in ``data:`` URIs, and there are no scripts, fonts or links to other
files. All text from the model is HTML-escaped. Nothing in it depends on the
time it is made: the same analysis, options and seed give the same bytes.
"""

from __future__ import annotations

import base64
import math
import os
from collections.abc import Callable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._validate import as_flag
from ..exceptions import ArgumentError, ResultTypeError
from .files import write_atomic
from .labels import method_name as _method_label
from .labels import thresholds_frame, weights_frame

if TYPE_CHECKING:
    from ..ahp import HierarchyResult
    from .analysis import Analysis
    from .run import StudyResult

__all__ = ["render_report", "render_study", "weights_frame", "write_report", "write_text_atomic"]

#: Section ids of the report, in page order (``matrix`` and ``cases`` only when present).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "At a glance"),
    ("matrix", "Advantages and disadvantages"),
    ("criteria", "Criteria"),
    ("weights", "Weights and consistency"),
    ("ranking-section", "Ranking"),
    ("robustness", "Robustness"),
    ("cases", "Cases"),
    ("provenance", "Provenance of every number"),
    ("about", "How this report was made"),
)

_SUMMARY_LABELS: Mapping[str, str] = {
    "ranking": "Ranking",
    "smaa": "Uncertain weights (SMAA)",
    "thresholds": "Weight thresholds",
    "methods": "Other methods",
    "reversal": "Rank reversal",
    "judgements": "AHP judgements",
}

_REFERENCES: tuple[str, ...] = (
    "Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.",
    "Hwang, C. L., & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and "
    "Applications. Springer.",
    "Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability "
    "analysis for group decision making. Operations Research, 49(3), 444–454.",
    "Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for some "
    "deterministic multi-criteria decision-making methods. Decision Sciences, 28(1), 151–194.",
    "Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings similarity in "
    "decision-making problems. ICCS 2020, LNCS 12138, 632–645.",
)

_CSS = """
:root { --ink: #1b1f23; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa;
        --accent: #0072B2; --warn: #fff4d6; --warn-line: #E69F00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; }
header, main, footer, nav { max-width: 1100px; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.25rem;
     border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
p { margin: 0.4rem 0 0.7rem; }
.muted, .meta { color: var(--muted); }
.meta { font-size: 0.9rem; }
.notice { background: var(--warn); border-left: 4px solid var(--warn-line);
          padding: 0.6rem 0.9rem; margin: 0.8rem 0; }
.callout { background: var(--soft); border-left: 4px solid var(--accent);
           padding: 0.6rem 0.9rem; margin: 0.8rem 0; font-size: 1.05rem; }
nav { margin-top: 0.8rem; }
nav ol { margin: 0; padding-left: 1.3rem; columns: 2; }
a { color: var(--accent); }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.88rem;
        width: auto; max-width: 100%; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.2rem 0; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; vertical-align: top;
         text-align: left; }
thead th { background: var(--soft); position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.best td { font-weight: 600; background: #e8f3fb; }
.scroll { overflow-x: auto; }
table.names td:first-child { min-width: 15em; }
.small { font-size: 0.8rem; }
.stance { font-weight: 600; }
figure { margin: 0.8rem 0 1.4rem; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: 0.85rem; }
.placeholder { border: 1px dashed var(--line); padding: 0.6rem 0.9rem; color: var(--muted); }
dl.settings { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.settings dt { font-weight: 600; }
dl.settings dd { margin: 0; }
footer { margin: 2.5rem auto 2rem; color: var(--muted); font-size: 0.85rem; }
@media print { nav, .placeholder { display: none; } thead th { position: static; } }
"""


# -- writing -------------------------------------------------------------------------------


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return the path.

    The text goes to a temporary file in the same directory, is flushed to
    disk and moved over ``path`` with :func:`os.replace`; if anything fails
    the temporary file is removed and an existing ``path`` is left as it was.
    An existing file keeps its permission bits.

    Raises
    ------
    OSError
        The directory does not exist or is not writable, or the disk is full.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_text_atomic(pathlib.Path(tmp) / "out.txt", "hello\\n")
    ...     path.read_text()
    'hello\\n'
    """
    return write_atomic(path, text)


# -- small HTML builders (everything escaped) -----------------------------------------------


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _is_missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or (isinstance(value, (float, np.floating)) and math.isnan(value))
    )


def _fmt(value: object, digits: int = 4) -> str:
    if _is_missing(value):
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return f"{value:.{digits}f}"
    return str(value)


def _pct(value: object) -> str:
    return "–" if _is_missing(value) else f"{100 * float(value):.1f}%"


Formatter = Callable[[Any], str]


def _table(
    frame: pd.DataFrame,
    *,
    table_id: str | None = None,
    caption: str | None = None,
    formats: Mapping[str, Formatter] | None = None,
    row_classes: Sequence[str] | None = None,
    cell_styles: Mapping[str, Sequence[str]] | None = None,
    header_titles: Mapping[str, str] | None = None,
    classes: str | None = None,
) -> str:
    """An HTML table of ``frame``'s columns (the index is not shown); numbers right-aligned."""
    formats = formats or {}
    cell_styles = cell_styles or {}
    header_titles = header_titles or {}
    columns = [str(c) for c in frame.columns]
    numeric = {
        str(c): pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    }
    head = []
    for c in columns:
        cls = ' class="num"' if numeric[c] else ""
        title = f' title="{_e(header_titles[c])}"' if c in header_titles else ""
        head.append(f"<th{cls}{title}>{_e(c)}</th>")
    body = []
    values = [frame[c].tolist() for c in frame.columns]
    for i in range(len(frame)):
        cells = []
        for c, col in zip(columns, values, strict=True):
            text = formats[c](col[i]) if c in formats else _fmt(col[i])
            cls = ' class="num"' if numeric[c] else ""
            style = f' style="{_e(cell_styles[c][i])}"' if c in cell_styles else ""
            cells.append(f"<td{cls}{style}>{_e(text)}</td>")
        row_class = f' class="{_e(row_classes[i])}"' if row_classes and row_classes[i] else ""
        body.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    attrs = f' id="{_e(table_id)}"' if table_id else ""
    attrs += f' class="{_e(classes)}"' if classes else ""
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return (
        f'<div class="scroll"><table{attrs}>{cap}<thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>\n{chr(10).join(body)}\n</tbody></table></div>"
    )


def _p(text: str, cls: str | None = None) -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{_e(text)}</p>"


def _section(section_id: str, title: str, parts: Sequence[str]) -> str:
    return (
        f'<section id="{section_id}">\n<h2>{_e(title)}</h2>\n' + "\n".join(parts) + "\n</section>"
    )


# -- plots ----------------------------------------------------------------------------------


class _Plots:
    """Draws figures with :mod:`pathchoice.study.plots` as PNG ``<figure>``s, or says why not."""

    def __init__(self, enabled: bool) -> None:
        self.problem: str | None = None
        self.module: Any = None
        if not enabled:
            self.problem = "Plots were left out (plots=False)."
            return
        try:
            from . import plots

            self.module = plots
        except ImportError as exc:
            self._missing(exc)

    def _missing(self, exc: ImportError) -> None:
        self.module = None
        self.problem = (
            f"The plots could not be drawn ({exc}). They need matplotlib: install it with "
            "pip install 'pathchoice[plot]' and make the report again."
        )

    def figure(self, function: str, caption: str, *args: Any, **kwargs: Any) -> str:
        """A ``<figure>`` with the PNG of ``plots.<function>(*args, **kwargs)``, or ``""``."""
        if self.module is None:
            return ""
        try:
            fig = getattr(self.module, function)(*args, **kwargs)
        except ImportError as exc:  # matplotlib missing: said once, at the top of the page
            self._missing(exc)
            return ""
        try:
            png = self.module.figure_to_png(fig)
        finally:
            _close(fig)
        data = base64.b64encode(png).decode("ascii")
        return (
            f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>"
        )


def _close(fig: Any) -> None:
    """Release a figure if pyplot tracks it (figures made without pyplot are simply dropped)."""
    import sys

    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(fig)


# -- the sections ---------------------------------------------------------------------------


def _header(analysis: Analysis, settings: Mapping[str, str]) -> str:
    meta = analysis.metadata
    parts = [f"<h1>{_e(meta.title)}</h1>"]
    line = " · ".join(f"{k}: {v}" for k, v in settings.items())
    parts.append(_p(line, "meta"))
    if meta.notice:
        parts.append(f'<div class="notice"><strong>Note.</strong> {_e(meta.notice)}</div>')
    if meta.description:
        parts.append(_p(meta.description))
    if meta.source:
        parts.append(_p(f"Source: {meta.source}", "muted small"))
    return "<header>\n" + "\n".join(parts) + "\n</header>"


def _nav(present: Sequence[str]) -> str:
    items = [
        f'<li><a href="#{sid}">{_e(title)}</a></li>' for sid, title in SECTIONS if sid in present
    ]
    return '<nav aria-label="Contents"><ol>' + "".join(items) + "</ol></nav>"


def _stance_style(stance: str) -> str:
    from .._display import STANCE_TINTS

    if stance == "both":
        return (
            f"background: linear-gradient(135deg, {STANCE_TINTS['advantage']} 50%, "
            f"{STANCE_TINTS['disadvantage']} 50%); color: #000"
        )
    tint = STANCE_TINTS.get(stance)
    return f"background: {tint}; color: #000" if tint else ""


def _matrix_section(analysis: Analysis, plots: _Plots) -> str | None:
    matrix = analysis.matrix
    if matrix is None:
        return None
    parties = list(matrix.parties)
    labels = matrix.complementarity()
    head = "".join(f"<th>{_e(p)}</th>" for p in parties)
    rows = []
    for area in matrix.area_names:
        cells = []
        for party in parties:
            cell = matrix.cell(area, party)
            text = f'<br><span class="small">{_e(cell.text)}</span>' if cell.text else ""
            cells.append(
                f'<td style="{_e(_stance_style(cell.stance))}">'
                f'<span class="stance">{_e(cell.stance)}</span>{text}</td>'
            )
        label = labels.loc[area, "label"] if area in labels.index else ""
        rows.append(f"<tr><th>{_e(area)}</th>{''.join(cells)}<td>{_e(label)}</td></tr>")
    legend = " ".join(
        f'<span style="{_e(_stance_style(s))}; padding: 0 0.4em">{s}</span>'
        for s in ("advantage", "disadvantage", "both")
    )
    table = (
        '<div class="scroll"><table id="matrix-table"><thead><tr><th>area</th>'
        f"{head}<th>complementarity</th></tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )
    parts = [
        _p(
            "Where each party is strong (advantage), weak (disadvantage) or both, area by area, "
            "and the complementarity this gives. The complementarity criteria of the model are "
            "derived from this matrix."
        ),
        table,
        f'<p class="small">{legend}</p>',
        plots.figure("plot_advantage_matrix", "The advantage/disadvantage matrix.", matrix),
    ]
    indicators = matrix.indicators_frame()
    if len(indicators):
        parts.append(
            _table(
                indicators,
                table_id="indicators-table",
                caption="Indicators behind the matrix",
                formats={"value": lambda v: _fmt(v) if _is_missing(v) else f"{v:,.6g}"},
            )
        )
    return _section("matrix", "Advantages and disadvantages", parts)


def _criteria_section(analysis: Analysis) -> str:
    frame = analysis.criteria_frame().reset_index()
    frame["group"] = frame["group"].fillna("")
    frame["direction"] = [
        "benefit (higher is better)" if d == "benefit" else "cost (higher is worse)"
        for d in frame["direction"]
    ]
    parts = [_table(frame, table_id="criteria-table")]
    if analysis.metadata.scale:
        parts.append(_p(f"Scale of the scores: {analysis.metadata.scale}", "muted"))
    return _section("criteria", "Criteria", parts)


def _weights_section(hr: HierarchyResult | None, weights: pd.Series, plots: _Plots) -> str:
    if hr is None:
        frame = pd.DataFrame({"criterion": list(weights.index), "weight": weights.to_numpy()})
        parts = [
            _p("The weights were given by the user (not derived from the AHP hierarchy)."),
            _table(frame, table_id="weights-table"),
        ]
        return _section("weights", "Weights and consistency", parts)
    if hr.is_consistent:
        verdict = (
            "All pairwise judgements are acceptably consistent (every consistency ratio is at "
            f"most {hr.options.get('threshold', 0.1):g})."
        )
    else:
        verdict = (
            f"The judgements at {', '.join(repr(n) for n in hr.inconsistent_nodes)} are "
            f"inconsistent (consistency ratio above {hr.options.get('threshold', 0.1):g}): "
            "revise them before relying on the weights."
        )
    frame = weights_frame(hr)
    parts = [
        _p(
            "Weights of the AHP hierarchy: the local weight of each entry under its parent, its "
            f"global weight (the product down from the goal), and CR, the consistency ratio "
            f"of a node's pairwise judgements ({hr.options.get('method', 'eigenvector')} "
            f"method, {hr.options.get('ri_table', 'saaty')} random indices)."
        ),
        f'<div class="callout">{_e(verdict)}</div>',
        _table(
            frame,
            table_id="weights-table",
            formats={"CR": lambda v: _fmt(v, 3)},
            cell_styles={"node": ["white-space: pre"] * len(frame)},
        ),
        plots.figure(
            "plot_weights", "Criteria weights with the consistency of the judgements.", hr
        ),
    ]
    return _section("weights", "Weights and consistency", parts)


def _shade(values: np.ndarray, cost: bool) -> list[str]:
    """Cell backgrounds: darker blue for better values within a column."""
    lo, hi = float(np.min(values)), float(np.max(values))
    if hi == lo:
        return [""] * len(values)
    good = (values - lo) / (hi - lo)
    if cost:
        good = 1.0 - good
    return [f"background: rgba(0, 114, 178, {0.08 + 0.32 * g:.3f})" for g in good]


def _ranking_section(
    analysis: Analysis, set_name: str, ranking: Any, method: str, plots: _Plots
) -> str:
    order = ranking.order()
    best = ranking.best
    frame = ranking.to_frame().sort_values("rank", kind="stable").reset_index()
    frame = frame[["rank", "alternative", "score"]]
    better = "higher" if ranking.higher_is_better else "lower"
    rows = ["best" if a == best else "" for a in frame["alternative"]]
    perf = analysis.performance_frame(set_name).loc[order]
    directions = dict(
        zip(analysis.criterion_names, [c.direction for c in analysis.criteria], strict=True)
    )
    perf_frame = perf.reset_index()
    styles = {
        str(c): _shade(perf[c].to_numpy(dtype=float), directions[c] == "cost") for c in perf.columns
    }
    titles = {
        str(c): (
            "cost: higher is worse" if directions[c] == "cost" else "benefit: higher is better"
        )
        for c in perf.columns
    }
    perf_frame.columns = ["alternative", *[str(c) for c in perf.columns]]
    descriptions = analysis.alternatives_frame(set_name)
    parts = [
        _p(
            f"{_method_label(method)} ranking of the {len(order)} alternatives of the set "
            f"'{set_name}' (rank 1 = best; {better} score is better)."
        ),
        _table(
            frame,
            table_id="ranking",
            caption=f"{_method_label(method)} ranking",
            row_classes=rows,
        ),
    ]
    parts += [_p(f"Finding: {f}", "muted") for f in ranking.findings]
    parts.append(plots.figure("plot_ranking", f"{_method_label(method)} scores.", ranking))
    parts.append("<h3>Performance of the alternatives</h3>")
    parts.append(
        _p(
            "The scores the ranking rests on, alternatives in rank order. Darker cells are "
            "better within a criterion (for a cost criterion, lower scores are better). The "
            "reason and source of every score are in the provenance table below."
        )
    )
    parts.append(
        _table(
            perf_frame,
            table_id="performance-table",
            classes="names",
            formats=dict.fromkeys(styles, lambda v: f"{v:g}"),
            cell_styles=styles,
            header_titles=titles,
        )
    )
    if (descriptions["description"] != "").any():
        desc = descriptions.loc[order].reset_index()
        parts.append("<h3>The alternatives</h3>")
        parts.append(_table(desc, table_id="alternatives-table"))
    return _section("ranking-section", "Ranking", parts)


def _robustness_section(study: StudyResult, plots: _Plots) -> str:
    summary = study.summary
    parts = [
        _p(
            "How far the ranking can be trusted, in plain language. Each paragraph comes from "
            "one analysis; the numbers behind it follow."
        ),
        '<div class="callout" id="robustness-summary">',
    ]
    for key, sentence in summary.sentences.items():
        label = _SUMMARY_LABELS.get(key, key)
        parts.append(f"<p><strong>{_e(label)}.</strong> {_e(sentence)}</p>")
    parts.append("</div>")

    thresholds = summary.thresholds
    if thresholds is not None:
        view = thresholds_frame(thresholds)
        for column in ("then first", "then first "):
            view[column] = ["–" if _is_missing(v) else str(v) for v in view[column]]
        parts.append("<h3>Weight thresholds</h3>")
        parts.append(
            _p(
                f"The weight of one criterion at which '{summary.top}' loses first place, the "
                "other weights rescaled in proportion (– : never, anywhere between 0 and 1)."
            )
        )
        parts.append(_table(view, table_id="thresholds-table", classes="names"))
        parts.append(
            plots.figure(
                "plot_thresholds",
                "How far each criterion's weight can move before the top path changes.",
                thresholds,
            )
        )
        oat = study.weight_sensitivity
        if oat is not None and plots.module is not None:
            critical = str(oat.table["criterion"].iloc[0])
            parts.append(
                plots.figure(
                    "plot_weight_sensitivity",
                    f"Scores as the weight of '{critical}' moves (the others rescaled in "
                    "proportion), with the thresholds marked.",
                    oat,
                    thresholds=thresholds,
                    criterion=critical,
                )
            )

    smaa = summary.smaa
    if smaa is not None:
        acc = smaa.rank_acceptability
        view = pd.DataFrame(
            {
                "alternative": [str(a) for a in acc.index],
                "expected rank": smaa.expected_rank.to_numpy(dtype=float),
            }
        )
        styles: dict[str, list[str]] = {}
        for r in acc.columns:
            shares = acc[r].to_numpy(dtype=float)
            view[str(r)] = shares
            styles[str(r)] = [f"background: rgba(0, 114, 178, {0.6 * v:.3f})" for v in shares]
        view = view.sort_values("expected rank", kind="stable")
        order = view.index.to_numpy()
        styles = {k: [v[i] for i in order] for k, v in styles.items()}
        formats: dict[str, Formatter] = {str(r): _pct for r in acc.columns}
        formats["expected rank"] = lambda v: _fmt(v, 2)
        parts.append("<h3>Rank acceptability (SMAA-2)</h3>")
        parts.append(
            _p(
                f"The expected rank of each alternative and the share of {smaa.n_samples:,} "
                "sampled weight vectors in which it takes rank 1, 2, ... (darker: more often)."
            )
        )
        parts.append(
            _table(
                view,
                table_id="smaa-table",
                formats=formats,
                cell_styles=styles,
                classes="names",
            )
        )
        parts.append(
            plots.figure("plot_rank_acceptability", "Rank acceptability of each alternative.", smaa)
        )

    comparison = summary.comparison
    if comparison is not None:
        frame = comparison.to_frame().sort_values("consensus", kind="stable")
        frame = frame.rename_axis("alternative").reset_index()
        parts.append("<h3>Ranks by other methods</h3>")
        parts.append(
            _p(
                f"The same model and weights ranked by {len(comparison.methods)} methods (1 = "
                f"best), with their {comparison.consensus_rule.capitalize()} consensus."
            )
        )
        parts.append(
            _table(
                frame,
                table_id="methods-table",
                classes="names",
                formats=dict.fromkeys([*comparison.methods, "consensus"], str),
            )
        )
        parts.append(plots.figure("plot_method_ranks", "Ranks by method (1 = best).", comparison))
    return _section("robustness", "Robustness", parts)


def _cases_section(analysis: Analysis) -> str | None:
    if not analysis.cases:
        return None
    frame = analysis.cases_frame().reset_index()
    parts = [
        _p("Precedents linked to alternatives as evidence that they can work."),
        _table(frame, table_id="cases-table"),
    ]
    return _section("cases", "Cases", parts)


def _provenance_section(analysis: Analysis) -> str:
    frame = analysis.provenance()

    def item(row: pd.Series) -> str:
        if row["kind"] == "score":
            return f"{row['alternative_set']}: {row['alternative']} — {row['criterion']}"
        if row["kind"] == "judgement":
            return f"{row['node']}: {row['a']} vs {row['b']}"
        return f"{row['node']}: {row['a']}"

    view = pd.DataFrame(
        {
            "kind": frame["kind"],
            "scenario": frame["scenario"].replace("", "baseline"),
            "item": [item(row) for _, row in frame.iterrows()],
            "value": frame["value"].to_numpy(dtype=float),
            "reason": frame["reason"],
            "source": frame["source"],
            "location in the model file": frame["location"],
        }
    )
    counts = frame["kind"].value_counts()
    n_reason = int((frame["reason"] != "").sum())
    parts = [
        _p(
            f"Every number the analysis rests on: {int(counts.get('score', 0))} scores, "
            f"{int(counts.get('judgement', 0))} pairwise judgements and "
            f"{int(counts.get('weight', 0))} direct weights (baseline and scenarios), "
            f"{n_reason} of them with a reason, each with the place it lives in the model file."
        ),
        _table(
            view,
            table_id="provenance-table",
            formats={"value": lambda v: f"{v:g}"},
            cell_styles={
                "reason": ["min-width: 18em"] * len(view),
                "location in the model file": [
                    "font-size: 0.78rem; color: #57606a; min-width: 16em; overflow-wrap: anywhere"
                ]
                * len(view),
            },
        ),
    ]
    return _section("provenance", "Provenance of every number", parts)


def _about_section(settings: Mapping[str, str], options: Mapping[str, Any]) -> str:
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in settings.items())
    opts = ", ".join(f"{k}={v!r}" for k, v in options.items())
    parts = [
        f'<dl class="settings">{rows}<dt>method options</dt><dd>{_e(opts or "defaults")}</dd></dl>',
        _p(
            "The same model, settings and seed give the same report: nothing in it depends on "
            "the time it was made."
        ),
        "<h3>References</h3>",
        "<ol>" + "".join(f"<li>{_e(r)}</li>" for r in _REFERENCES) + "</ol>",
    ]
    return _section("about", "How this report was made", parts)


# -- entry points ---------------------------------------------------------------------------


def render_report(
    analysis: Analysis,
    *,
    alternative_set: str | None = None,
    scenario: str | Sequence[str] | None = None,
    method: str = "topsis",
    n_samples: int = 10_000,
    rng: int | None = 0,
    weights: Mapping[str, float] | pd.Series | None = None,
    plots: bool = True,
) -> str:
    """The HTML report of an analysis, as one self-contained page.

    The study is run once with :func:`pathchoice.study.run.run` and rendered
    with :func:`render_study`.

    Parameters
    ----------
    analysis : Analysis
        The analysis (e.g. :func:`pathchoice.china_japan` or
        :func:`~pathchoice.study.modelfile.load_model`).
    alternative_set : str, optional
        The set to rank (default: the first).
    scenario : str or sequence of str, optional
        Scenarios to apply first, in order.
    method : str, default "topsis"
        The ranking method (a key of :data:`pathchoice.METHODS`).
    n_samples : int, default 10,000
        Weight vectors sampled for SMAA.
    rng : int or None, default 0
        Seed of the SMAA sampling; the same seed gives the same report.
    weights : mapping or Series, optional
        Criterion weights to use instead of the AHP hierarchy's (then the
        judgement analysis is left out).
    plots : bool, default True
        Draw the plots (needs matplotlib, ``pip install 'pathchoice[plot]'``;
        without it the report says so and has everything else).

    Returns
    -------
    str
        The page: HTML5 with inline CSS and PNG images in ``data:`` URIs, no
        scripts and no links to other files.

    Raises
    ------
    ResultTypeError
        ``analysis`` is not an :class:`~pathchoice.study.analysis.Analysis`.
    UnknownNameError
        Unknown alternative set or scenario.
    MethodError
        Unknown method.
    WeightsError
        Weights that are not one non-negative number per criterion summing to 1.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> page = render_report(china_japan(), n_samples=500, plots=False)
    >>> page.startswith("<!DOCTYPE html>") and 'id="ranking"' in page
    True
    >>> page == render_report(china_japan(), n_samples=500, plots=False)
    True
    """
    from .run import check_analysis, run

    study = run(
        check_analysis(analysis, "render_report"),
        alternative_set=alternative_set,
        scenario=scenario,
        method=method,
        n_samples=n_samples,
        rng=rng,
        weights=weights,
    )
    return render_study(study, plots=plots)


def render_study(study: StudyResult, *, plots: bool = True) -> str:
    """The HTML report of a study already run, as one self-contained page.

    Parameters
    ----------
    study : StudyResult
        From :func:`pathchoice.study.run.run`.
    plots : bool, default True
        Draw the plots (needs matplotlib).

    Returns
    -------
    str
        The page (see :func:`render_report`).

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.study.run import run
    >>> study = run(china_japan(), n_samples=500)
    >>> render_study(study, plots=False) == render_report(china_japan(), n_samples=500, plots=False)
    True
    """
    from .. import __version__
    from .run import StudyResult

    if not isinstance(study, StudyResult):
        raise ResultTypeError(
            f"render_study: expected a StudyResult from run(), got {type(study).__name__}"
        )
    as_flag(plots, "plots", where="render_study")
    analysis = study.analysis
    chosen = analysis.alternative_set(study.alternative_set)
    hr = study.hierarchy
    w = study.weights
    summary = study.summary
    ranking = study.ranking
    method = study.method
    drawer = _Plots(plots)
    seed = study.settings["rng"]
    settings = {
        "alternative set": f"{chosen.name} ({len(chosen.alternatives)} alternatives)",
        "method": study.method_name,
        "weights": "AHP hierarchy" if hr is not None else "given by the user",
        "scenario": ", ".join(study.scenarios) or "baseline",
        "SMAA": f"{study.settings['n_samples']:,} weight samples, seed {seed}",
        "pathchoice": __version__,
    }
    body = [
        _section(
            "summary",
            "At a glance",
            [
                f'<div class="callout">{_e(summary.sentences["ranking"])}'
                + (f" {_e(summary.sentences['smaa'])}" if "smaa" in summary.sentences else "")
                + "</div>",
                _p(
                    "The rest of the report shows what this rests on: the matrix, the criteria "
                    "and their weights, the scores, and how robust the ranking is."
                ),
            ],
        ),
        _matrix_section(analysis, drawer),
        _criteria_section(analysis),
        _weights_section(hr, w, drawer),
        _ranking_section(analysis, chosen.name, ranking, method, drawer),
        _robustness_section(study, drawer),
        _cases_section(analysis),
        _provenance_section(analysis),
        _about_section(settings, dict(ranking.options)),
    ]
    sections = [s for s in body if s is not None]
    present = [sid for sid, _ in SECTIONS if any(f'<section id="{sid}">' in s for s in sections)]
    if drawer.problem:
        sections.insert(0, f'<p class="placeholder" id="plots-note">{_e(drawer.problem)}</p>')
    title = f"{analysis.metadata.title}: {chosen.name} ({study.method_name})"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="pathchoice {_e(__version__)}">',
            '<link rel="icon" href="data:,">',
            f"<title>{_e(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            _header(analysis, settings),
            _nav(present),
            "<main>",
            *sections,
            "</main>",
            f"<footer>Made with pathchoice {_e(__version__)}. {_e(analysis.metadata.notice)}"
            "</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def write_report(
    analysis: Analysis | StudyResult,
    path: str | os.PathLike[str],
    **options: Any,
) -> Path:
    """Write the HTML report of ``analysis`` to ``path`` (the argument order of ``save_model``).

    Parameters
    ----------
    analysis : Analysis or StudyResult
        The analysis (run with ``options``), or a study already run (then
        only ``plots`` may be given).
    path : str or path-like
        The HTML file to write, atomically (see :func:`~pathchoice.study.files.write_atomic`:
        a symbolic link is followed, a device or pipe is written directly).
    **options
        ``alternative_set``, ``scenario``, ``method``, ``n_samples``, ``rng``,
        ``weights``, ``plots``: as for :func:`render_report`.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pathchoice import china_japan
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_report(
    ...         china_japan(), pathlib.Path(tmp) / "report.html", n_samples=500, plots=False
    ...     )
    ...     path.read_text(encoding="utf-8").count('<table id="ranking"')
    1
    """
    from .run import StudyResult, check_analysis

    if isinstance(analysis, StudyResult):
        unknown = sorted(set(options) - {"plots"})
        if unknown:
            raise ArgumentError(
                f"write_report: a StudyResult was already run; {unknown} cannot change it "
                "(give them to run() instead)"
            )
        page = render_study(analysis, **options)
    else:
        page = render_report(check_analysis(analysis, "write_report"), **options)
    return write_atomic(path, page)
