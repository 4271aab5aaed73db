"""The one-page brief that opens the report, and the words it and the evidence share.

The brief answers four questions from the study run alone (no analysis is run
again): what was asked, which path is recommended, how sure that is under the
study's uncertainty (SMAA-2 first-rank acceptability), and the smallest change
of one weight that would overturn it (the weight thresholds). The words for a
method with its options and for how the weights were obtained are here too, so
that the brief, the evidence and the appendix say the same thing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..labels import method_name
from ._html import esc, para, pct
from ._weights import weights_in_words

if TYPE_CHECKING:
    from ..run import StudyResult

__all__ = [
    "brief_section",
    "certainty_words",
    "method_in_words",
    "report_date",
]

_NORMALIZATIONS = {
    "vector": "vector normalisation",
    "minmax": "min–max normalisation",
    "max": "max normalisation",
    "sum": "sum normalisation",
}


def report_date(date: dt.date | str | None) -> str:
    """The date printed on the report: ``date``, or ``SOURCE_DATE_EPOCH`` if set, or today (UTC).

    Examples
    --------
    >>> report_date(dt.date(2026, 3, 4))
    '4 March 2026'
    >>> report_date("draft of 4 March")
    'draft of 4 March'
    """
    if isinstance(date, str):
        return date
    if date is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        if epoch.isdigit():  # reproducible builds: the same bytes on every machine
            date = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        else:
            date = dt.datetime.now(tz=dt.UTC).date()
    return f"{date.day} {date:%B %Y}"


def method_in_words(method: str, options: Mapping[str, Any]) -> str:
    """The method with its options as a reader says it: "TOPSIS with vector normalisation".

    Examples
    --------
    >>> method_in_words("topsis", {"normalization": "vector", "zero_range": "ignore"})
    'TOPSIS with vector normalisation'
    >>> method_in_words("promethee_ii", {})
    'PROMETHEE II'
    """
    name = method_name(method)
    norm = options.get("normalization")
    if isinstance(norm, str):
        return f"{name} with {_NORMALIZATIONS.get(norm, norm.replace('_', ' ') + ' normalisation')}"
    return name


def certainty_words(share: float) -> str:
    """How sure a first place is, from its first-rank acceptability (share of samples).

    Examples
    --------
    >>> certainty_words(0.95), certainty_words(0.391)
    ('High', 'Low')
    """
    if share >= 0.9:
        return "High"
    if share >= 0.7:
        return "Fair"
    if share >= 0.5:
        return "Moderate"
    return "Low"


def _quoted(names: Sequence[str]) -> str:
    return " and ".join(f"'{n}'" for n in names)


def brief_section(
    study: StudyResult, *, date: str, version: str, method_words: str, noun: str = "alternative"
) -> str:
    """The brief: question, recommendation, how sure, what would overturn it, date and version."""
    analysis = study.analysis
    facts = study.summary.facts
    ranking = facts["ranking"]
    chosen = analysis.alternative_set(study.alternative_set)
    top = [str(ranking["top"]), *map(str, ranking.get("tied_with", ()))]
    question = analysis.metadata.description or (
        f"Which of the {len(chosen.alternatives)} alternatives of '{chosen.name}' serves best "
        f"on the {len(analysis.criterion_names)} criteria?"
    )
    better = "higher" if ranking["higher_is_better"] else "lower"
    recommended = (
        f'<p class="answer">{esc(_quoted(top))}</p><p>Ranked first by {esc(method_words)} '
        f"(score {ranking['top_score']:.3f}, {better} is better)"
        + (
            f", ahead of '{esc(ranking['runner_up'])}' ({ranking['runner_up_score']:.3f})."
            if ranking.get("runner_up") is not None and len(top) == 1
            else "."
        )
        + "</p>"
    )
    smaa = facts.get("smaa")
    if smaa is not None:
        share = float(smaa["first_rank_acceptability"])
        sure = (
            f'<p class="answer">{certainty_words(share)}: first in '
            f'<span class="figure">{pct(share)}</span> of the weightings tried</p>'
            + para(_how_sure(smaa, top[0], share))
        )
    else:
        sure = para("Not assessed: the uncertainty of the weights was not sampled in this run.")
    overturn = _overturn(facts, noun)
    basis = " · ".join(
        [
            f"alternatives: {chosen.name} ({len(chosen.alternatives)})",
            f"method: {method_words}",
            f"weights: {weights_in_words(study)[0]}",
            f"scenario: {', '.join(study.scenarios) or 'baseline'}",
        ]
    )
    parts = [
        f'<p class="dateline">Decision brief · {esc(date)} · pathchoice {esc(version)}</p>',
        f"<h1>{esc(analysis.metadata.title)}</h1>",
        '<div class="brief-grid">',
        f"<h2>The question</h2>{para(question)}",
        f"<h2>Recommended</h2>{recommended}",
        f"<h2>How sure</h2>{sure}",
        f"<h2>What would overturn it</h2>{overturn}",
        "</div>",
        para(basis, "meta"),
    ]
    if analysis.metadata.notice:
        parts.append(
            f'<div class="notice"><strong>Note.</strong> {esc(analysis.metadata.notice)}</div>'
        )
    return '<section id="brief">\n' + "\n".join(parts) + "\n</section>"


def _how_sure(smaa: Mapping[str, Any], top: str, share: float) -> str:
    """The SMAA sentence of the brief: how often the top is first, and who is first more often."""
    text = (
        f"Among {smaa['n_samples']:,} {smaa['samples']}, '{top}' is first in {pct(share)} "
        f"(± {pct(smaa['first_rank_acceptability_se'])})"
    )
    leader = smaa.get("most_often_first")
    if leader is not None and leader != top:
        return text + (
            f"; '{leader}' is first more often, in {pct(smaa['most_often_first_share'])} of "
            "them, so the recommendation depends on the weights."
        )
    if smaa.get("next_most_often_first") is not None:
        return text + (
            f"; the next most often first is '{smaa['next_most_often_first']}' "
            f"({pct(smaa['next_most_often_first_share'])})."
        )
    return text + "."


def _overturn(facts: Mapping[str, Any], noun: str) -> str:
    th = facts.get("thresholds")
    lines: list[str] = []
    if th is None:
        lines.append("Not assessed: the weight thresholds were not computed in this run.")
    elif th.get("criterion") is None:
        lines.append("No change of a single criterion weight, anywhere from 0 to 1, changes it.")
    else:
        verb = "Raising" if th["direction"] == "increase" else "Lowering"
        lines.append(
            f"{verb} the weight of '{th['criterion']}' from {th['weight']:.3f} to "
            f"{th['threshold']:.3f} (a change of {abs(th['change']):.3f}, the other weights "
            f"rescaled in proportion) makes '{th['new_top']}' first. No smaller change of one "
            f"weight changes the top {noun}."
        )
    judgement = facts.get("judgements")
    if judgement is not None and judgement.get("row") is not None:
        lines.append(
            f"Or: the judgement of '{judgement['row']}' against '{judgement['column']}' moved "
            f"from {judgement['judgement']:.3g} to {judgement['new_judgement']:.3g} makes "
            f"'{judgement['new_top']}' first."
        )
    return "".join(para(line) for line in lines)
