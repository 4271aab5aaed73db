"""The evidence behind the scores: the itemised matrix, the indicators as worded, score ranges.

Two parts, both collapsible (closed ``<details>`` print as their titles only):

* beside the advantage/disadvantage matrix, its items topic by topic: each
  party's advantages and disadvantages with their source, and what the topic
  yields in words (one-way, two-way, joint strength, shared weakness,
  unmatched; or counted under a challenge instead);
* the section "Evidence behind the scores": per criterion, the indicators its
  scores rest on, worded as the source words them ("more than 29%"), and every
  score of the ranked set with its range (low, high) and the basis that sets
  the range's width.

A model without items, indicator links or ranges (a version-1 model) gets
neither part; the indicators then stay in the appendix as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..settings import score_ranges
from ._html import esc, html_section, html_table, para

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..matrix import AdvantageMatrix, Item

__all__ = ["evidence_section", "indicator_rows", "topic_words", "topics_part"]


def topic_words(label: str, strong: tuple[str, ...], weak: tuple[str, ...]) -> str:
    """What a topic yields, in words, from its derived label.

    Examples
    --------
    >>> topic_words("one-way: China → Japan", ("China",), ("Japan",))
    "one-way: China's strength meets Japan's weakness"
    >>> topic_words("unmatched", ("Japan",), ())
    'unmatched: only Japan is stated strong, no one weak'
    """
    words = []
    for part in label.split(" + "):
        if part.startswith("one-way: "):
            a, b = part.removeprefix("one-way: ").split(" → ")
            words.append(f"one-way: {a}'s strength meets {b}'s weakness")
        elif part == "two-way":
            words.append("two-way: each side's strength meets the other's weakness")
        elif part == "joint strength":
            words.append("joint strength: " + " and ".join(strong) + " are both strong")
        elif part == "shared weakness":
            words.append("shared weakness: " + " and ".join(weak) + " are both weak")
        elif part == "unmatched":
            if strong:
                words.append(
                    f"unmatched: only {' and '.join(strong)} is stated strong, no one weak"
                    if not weak
                    else "unmatched"
                )
            else:
                words.append(f"unmatched: only {' and '.join(weak)} is stated weak")
        else:
            words.append(part)
    return "; ".join(words)


def _items_html(items: list[Item]) -> str:
    """One party's items on one topic: + advantage, − disadvantage, each with its source."""
    lines = []
    for item in items:
        sign = "+" if item.kind == "advantage" else "−"
        source = f' <span class="muted">({esc(item.source)})</span>' if item.source else ""
        lines.append(f"{sign} {esc(item.text or item.topic)}{source}")
    return "<br>".join(lines)


def topics_part(matrix: AdvantageMatrix) -> str:
    """The matrix's items topic by topic, with what each topic yields (``""`` without items)."""
    if not matrix.itemised:
        return ""
    parties = list(matrix.parties)
    by_topic: dict[tuple[str, str, str], list[Item]] = {}
    for item in matrix.items:
        by_topic.setdefault((item.area, item.topic, item.party), []).append(item)
    rows = []
    for rel in matrix.topic_relations:
        cells = "".join(
            f'<td class="small">{_items_html(by_topic.get((rel.area, rel.topic, p), []))}</td>'
            for p in parties
        )
        yields = topic_words(rel.label, rel.strong, rel.weak)
        if rel.challenge:
            yields += f" (counted under challenge {rel.challenge}, not under complementarity)"
        elif rel.relations:
            yields += "; feeds " + " and ".join(f"'{r}'" for r in rel.relations)
        rows.append(
            f"<tr><td>{esc(rel.area)}</td><td>{esc(rel.topic)}</td>{cells}"
            f'<td class="small">{esc(yields)}</td></tr>'
        )
    head = "".join(f"<th>{esc(p)}</th>" for p in parties)
    table = (
        '<div class="scroll"><table id="topics-table" class="wide"><thead><tr><th>area</th>'
        f"<th>topic</th>{head}<th>what the topic yields</th></tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )
    n_items = len(matrix.items)
    intro = para(
        f"The matrix holds {n_items} items, each an advantage (+) or a disadvantage (−) of one "
        f"party on one topic, with where the source states it. Complementarity is derived "
        f"topic by topic: one party's strength meeting another's weakness on the same topic "
        "is one-way (two-way when it runs both ways), two strengths a joint strength, two "
        "weaknesses a shared weakness. A topic that is the subject of a challenge counts "
        "under that challenge's criteria only, so nothing is counted twice."
    )
    return (
        f'<details id="topics"><summary>Items and topics: how complementarity is derived '
        f"({len(matrix.topic_relations)} topics)</summary>\n{intro}\n{table}\n</details>"
    )


def indicator_rows(matrix: AdvantageMatrix, criterion: str | None = None) -> pd.DataFrame:
    """Indicators (all, or those ``criterion``'s scores rest on), the figure as worded."""
    frame = matrix.indicators_frame()
    if criterion is not None:
        frame = frame[[criterion in s.split("; ") for s in frame["supports"]]]
    view = pd.DataFrame(
        {
            "indicator": frame["name"],
            "figure, as worded": frame["shown"],
            "year": [("–" if pd.isna(y) else str(int(y))) for y in frame["year"]],
            "party": frame["party"].fillna("–"),
            "source": frame["source"],
        }
    )
    if criterion is None:
        view["scores of"] = [s.replace("; ", "\n") or "–" for s in frame["supports"]]
    return view.reset_index(drop=True)


def _has_evidence(analysis: Analysis, low: pd.DataFrame, high: pd.DataFrame) -> bool:
    linked = analysis.matrix is not None and any(i.supports for i in analysis.matrix.indicators)
    return linked or bool((low.to_numpy() != high.to_numpy()).any())


def evidence_section(analysis: Analysis, set_name: str) -> str | None:
    """Per criterion: the indicators its scores rest on, and each score with its range.

    None when the model links no indicator to a criterion and no score has a
    range (nothing to show beyond the performance table).
    """
    perf = analysis.performance_frame(set_name)
    low, high = score_ranges(analysis, set_name)
    if not _has_evidence(analysis, low, high):
        return None
    bases = {s.key: s.basis for s in analysis.performance if s.alternative_set == set_name}
    settings = analysis.settings
    parts = [
        para(
            "What each criterion's scores rest on: the figures from the sources, worded as the "
            "sources word them, and every score with its range (the lowest and highest value "
            "the evidence allows). The reason of each score is in the appendix. Open a "
            "criterion to read it."
        )
    ]
    if settings is not None and settings.bases:
        view = pd.DataFrame(
            {
                "basis": [b.name for b in settings.bases],
                "range": [f"± {b.half_width:g}" for b in settings.bases],
                "why": [b.reason for b in settings.bases],
            }
        )
        parts += [
            para(
                "How wide a range is, unless a score gives its own: by the basis of the score, "
                "how closely the sources pin it down."
            ),
            html_table(view, table_id="bases-table"),
        ]
    for j, criterion in enumerate(analysis.criterion_names):
        blocks = []
        if analysis.matrix is not None:
            rows = indicator_rows(analysis.matrix, criterion)
            if len(rows):
                blocks.append(html_table(rows, caption="Indicators these scores rest on"))
        if not blocks:
            blocks.append(para("No indicator of the sources is linked to these scores.", "muted"))
        scores = pd.DataFrame(
            {
                "alternative": [str(a) for a in perf.index],
                "score": perf[criterion].to_numpy(dtype=float),
                "range": [
                    f"{lo:g} to {hi:g}" if lo != hi else "–"
                    for lo, hi in zip(low[criterion], high[criterion], strict=True)
                ],
                "basis": [bases.get((set_name, str(a), criterion), "") or "–" for a in perf.index],
            }
        )
        blocks.append(html_table(scores, caption="Scores", formats={"score": lambda v: f"{v:g}"}))
        parts.append(
            f'<details id="evidence-{j}"><summary>{esc(criterion)}</summary>\n'
            + "\n".join(blocks)
            + "\n</details>"
        )
    return html_section("evidence", "Evidence behind the scores", parts)
