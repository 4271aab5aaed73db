"""The sections of the report, in page order, each from the analysis or the study run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..labels import method_name, thresholds_frame

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..run import StudyResult

from ._evidence import indicator_rows, topics_part
from ._html import Formatter, Plots, esc, fmt_value, html_section, html_table, is_missing, para, pct

__all__ = [
    "REFERENCES",
    "SECTIONS",
    "SUMMARY_LABELS",
    "appendix_section",
    "cases_section",
    "criteria_section",
    "indicators_part",
    "matrix_section",
    "page_nav",
    "ranking_section",
    "robustness_section",
]


SECTIONS: tuple[tuple[str, str], ...] = (
    ("brief", "Brief"),
    ("ranking-section", "Ranking"),
    ("robustness", "Robustness"),
    ("whatif", "What if the weights were different?"),
    ("portfolio", "Which paths to fund within the budget"),  # _portfolio.py, with costs only
    ("weights", "Weights"),
    ("criteria", "Criteria"),
    ("matrix", "Advantages and disadvantages"),
    ("evidence", "Evidence behind the scores"),
    ("cases", "Cases"),
    ("appendix", "Appendix: sources and settings"),
)

SUMMARY_LABELS: Mapping[str, str] = {
    "ranking": "Ranking",
    "smaa": "Uncertain weights (SMAA)",
    "thresholds": "Weight thresholds",
    "methods": "Other methods",
    "reversal": "Rank reversal",
    "judgements": "AHP judgements",
    "influence": "Most influential inputs",
}

REFERENCES: tuple[str, ...] = (
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


# -- the sections ---------------------------------------------------------------------------


def page_nav(present: Sequence[str]) -> str:
    items = [
        f'<li><a href="#{sid}">{esc(title)}</a></li>'
        for sid, title in SECTIONS
        if sid in present and sid != "brief"
    ]
    return '<nav aria-label="Contents"><ol>' + "".join(items) + "</ol></nav>"


def stance_style(stance: str) -> str:
    from ..._display import STANCE_TINTS

    if stance == "both":
        return (
            f"background: linear-gradient(135deg, {STANCE_TINTS['advantage']} 50%, "
            f"{STANCE_TINTS['disadvantage']} 50%); color: #000"
        )
    tint = STANCE_TINTS.get(stance)
    return f"background: {tint}; color: #000" if tint else ""


def matrix_section(analysis: Analysis) -> str | None:
    matrix = analysis.matrix
    if matrix is None:
        return None
    parties = list(matrix.parties)
    labels = matrix.complementarity()
    head = "".join(f"<th>{esc(p)}</th>" for p in parties)
    rows = []
    for area in matrix.area_names:
        cells = []
        for party in parties:
            cell = matrix.cell(area, party)
            text = f'<br><span class="small">{esc(cell.text)}</span>' if cell.text else ""
            cells.append(
                f'<td style="{esc(stance_style(cell.stance))}">'
                f'<span class="stance">{esc(cell.stance)}</span>{text}</td>'
            )
        label = labels.loc[area, "label"] if area in labels.index else ""
        rows.append(f"<tr><th>{esc(area)}</th>{''.join(cells)}<td>{esc(label)}</td></tr>")
    legend = " ".join(
        f'<span style="{esc(stance_style(s))}; padding: 0 0.4em">{s}</span>'
        for s in ("advantage", "disadvantage", "both")
    )
    table = (
        '<div class="scroll"><table id="matrix-table"><thead><tr><th>area</th>'
        f"{head}<th>complementarity</th></tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )
    parts = [
        para(
            "Where each party is strong (advantage), weak (disadvantage) or both, area by area, "
            "and the complementarity this gives. The complementarity criteria of the model are "
            "derived from this matrix. The indicators behind it are in the appendix."
        ),
        table,
        f'<p class="small">{legend}</p>',
        topics_part(matrix),
    ]
    return html_section("matrix", "Advantages and disadvantages", parts)


def indicators_part(analysis: Analysis) -> str:
    """The indicators behind the advantage matrix, worded as the source words them (or ``""``)."""
    matrix = analysis.matrix
    if matrix is None or not matrix.indicators:
        return ""
    rows = indicator_rows(matrix)
    if (rows["scores of"] == "–").all():
        rows = rows.drop(columns="scores of")
    return html_table(
        rows,
        table_id="indicators-table",
        caption="Indicators behind the advantage/disadvantage matrix",
        cell_styles={"scores of": ["white-space: pre-line"] * len(rows)}
        if "scores of" in rows
        else None,
    )


def criteria_section(analysis: Analysis) -> str:
    frame = analysis.criteria_frame().reset_index()
    frame["group"] = frame["group"].fillna("")
    frame["direction"] = [
        "benefit (higher is better)" if d == "benefit" else "cost (higher is worse)"
        for d in frame["direction"]
    ]
    parts = [html_table(frame, table_id="criteria-table")]
    if analysis.metadata.scale:
        parts.append(para(f"Scale of the scores: {analysis.metadata.scale}", "muted"))
    return html_section("criteria", "Criteria", parts)


def shade(values: np.ndarray, cost: bool) -> list[str]:
    """Cell backgrounds: darker blue for better values within a column."""
    lo, hi = float(np.min(values)), float(np.max(values))
    if hi == lo:
        return [""] * len(values)
    good = (values - lo) / (hi - lo)
    if cost:
        good = 1.0 - good
    return [f"background: rgba(0, 114, 178, {0.08 + 0.32 * g:.3f})" for g in good]


def ranking_section(analysis: Analysis, set_name: str, ranking: Any, method_words: str) -> str:
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
        str(c): shade(perf[c].to_numpy(dtype=float), directions[c] == "cost") for c in perf.columns
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
        para(
            f"The {len(order)} alternatives of the set '{set_name}' ranked by {method_words} "
            f"(rank 1 is the best and is marked in blue throughout the report; {better} score "
            "is better)."
        ),
        html_table(
            frame,
            table_id="ranking",
            caption=f"Ranking ({method_words})",
            row_classes=rows,
        ),
    ]
    parts += [para(f"Finding: {f}", "muted") for f in ranking.findings]
    parts.append("<h3>Performance of the alternatives</h3>")
    parts.append(
        para(
            "The scores the ranking rests on, alternatives in rank order. Darker cells are "
            "better within a criterion (for a cost criterion, lower scores are better). The "
            "reason and source of every score are in the appendix."
        )
    )
    parts.append(
        html_table(
            perf_frame,
            table_id="performance-table",
            classes="names wide",
            formats=dict.fromkeys(styles, lambda v: f"{v:g}"),
            cell_styles=styles,
            header_titles=titles,
        )
    )
    if (descriptions["description"] != "").any():
        desc = descriptions.loc[order].reset_index()
        parts.append("<h3>The alternatives</h3>")
        parts.append(html_table(desc, table_id="alternatives-table"))
    return html_section("ranking-section", "Ranking", parts)


def robustness_section(study: StudyResult, plots: Plots, noun: str = "alternative") -> str:
    summary = study.summary
    parts = [
        para(
            "How far the ranking can be trusted, in plain language. Each paragraph comes from "
            "one analysis; the numbers behind it follow."
        ),
        '<div class="callout" id="robustness-summary">',
    ]
    for key, sentence in summary.sentences.items():
        label = SUMMARY_LABELS.get(key, key)
        parts.append(f"<p><strong>{esc(label)}.</strong> {esc(sentence)}</p>")
    parts.append("</div>")
    parts += [para(f"Finding: {f}", "muted") for f in study.findings]

    thresholds = summary.thresholds
    if thresholds is not None:
        view = thresholds_frame(thresholds)
        for column in ("then first", "then first "):
            view[column] = ["–" if is_missing(v) else str(v) for v in view[column]]
        parts.append("<h3>Weight thresholds</h3>")
        parts.append(
            para(
                f"The weight of one criterion at which '{summary.top}' loses first place, the "
                "other weights rescaled in proportion (– : never, anywhere between 0 and 1)."
            )
        )
        parts.append(html_table(view, table_id="thresholds-table", classes="names"))
        parts.append(
            plots.figure(
                "thresholds",
                f"How far each criterion's weight can move before the top {noun} changes.",
            )
        )
        oat = study.weight_sensitivity
        if oat is not None and plots.module is not None:
            critical = str(oat.table["criterion"].iloc[0])
            parts.append(
                plots.figure(
                    "weight_sensitivity",
                    f"Scores as the weight of '{critical}' moves (the others rescaled in "
                    "proportion), with the thresholds marked.",
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
        formats: dict[str, Formatter] = {str(r): pct for r in acc.columns}
        formats["expected rank"] = lambda v: fmt_value(v, 2)
        parts.append("<h3>Rank acceptability (SMAA-2)</h3>")
        parts.append(
            para(
                f"The expected rank of each alternative and the share of {smaa.n_samples:,} "
                "sampled weight vectors in which it takes rank 1, 2, ... (darker: more often)."
            )
        )
        parts.append(
            html_table(
                view,
                table_id="smaa-table",
                formats=formats,
                cell_styles=styles,
                classes="names wide",  # a column per rank: 13 for the China–Japan paths
            )
        )

    comparison = summary.comparison
    if comparison is not None:
        frame = comparison.to_frame().sort_values("consensus", kind="stable")
        frame = frame.rename_axis("alternative").reset_index()
        columns = [*comparison.methods, "consensus"]
        firsts = {
            method_name(c) if c != "consensus" else c: ["rank1" if r == 1 else "" for r in frame[c]]
            for c in columns
        }
        frame = frame.rename(columns={m: method_name(m) for m in comparison.methods})
        parts.append("<h3>Ranks by other methods</h3>")
        parts.append(
            para(
                f"The same model and weights ranked by {len(comparison.methods)} methods (rank 1 "
                f"is the best), with their {comparison.consensus_rule.capitalize()} consensus."
            )
        )
        parts.append(
            html_table(
                frame,
                table_id="methods-table",
                classes="names",
                formats=dict.fromkeys(firsts, str),
                cell_classes=firsts,
            )
        )
    return html_section("robustness", "Robustness", parts)


def cases_section(analysis: Analysis) -> str | None:
    if not analysis.cases:
        return None
    frame = analysis.cases_frame().reset_index()
    parts = [
        para("Precedents linked to alternatives as evidence that they can work."),
        html_table(frame, table_id="cases-table"),
    ]
    return html_section("cases", "Cases", parts)


def provenance_part(analysis: Analysis) -> str:
    """Every score, judgement and direct weight with its reason, source and place in the file."""
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
    kinds = [
        f"{int(counts[kind])} {label}"
        for kind, label in (
            ("score", "scores"),
            ("judgement", "pairwise judgements"),
            ("weight", "direct weights"),
        )
        if counts.get(kind, 0)
    ]
    listed = ", ".join(kinds[:-1]) + " and " + kinds[-1] if len(kinds) > 1 else "".join(kinds)
    parts = [
        para(
            f"Every number the analysis rests on: {listed} (baseline and scenarios), "
            f"{n_reason} of them with a reason, each with the place it lives in the model file."
        ),
        html_table(
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
    return "\n".join(parts)


def about_part(settings: Mapping[str, str], source: str) -> str:
    """The settings of the run, the model's source and the references."""
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in settings.items())
    parts = [
        f'<dl class="settings">{rows}</dl>',
        para(f"Source of the model: {source}", "muted") if source else "",
        para("The same model, settings, seed and date give the same report, byte for byte."),
        "<h3>References</h3>",
        "<ol>" + "".join(f"<li>{esc(r)}</li>" for r in REFERENCES) + "</ol>",
    ]
    return "\n".join(p for p in parts if p)


def appendix_section(analysis: Analysis, settings: Mapping[str, str]) -> str:
    """The appendix: provenance, the matrix's indicators and the settings, each collapsible.

    Closed ``<details>`` print as their one-line summary only; open one in the
    browser to print it.
    """
    blocks = [
        ("provenance", "Provenance of every number", provenance_part(analysis)),
        ("indicators", "Indicators behind the matrix", indicators_part(analysis)),
        ("about", "How this report was made", about_part(settings, analysis.metadata.source)),
    ]
    parts = [
        para(
            "Open a part to read it; a closed part prints as its title only.",
            "muted",
        )
    ]
    for block_id, title, content in blocks:
        if content:
            parts.append(
                f'<details id="{block_id}"><summary>{esc(title)}</summary>\n{content}\n</details>'
            )
    return html_section("appendix", "Appendix: sources and settings", parts)
