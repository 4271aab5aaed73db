"""The paragraphs of a robustness summary: one per analysis, with the numbers behind it.

Numbers are rounded only here, when written into the text."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..labels import method_name

if TYPE_CHECKING:  # the paragraphs read results; writing them imports no analysis
    from ...results import RankingResult
    from ...sensitivity.compare import MethodComparison
    from ...sensitivity.judgements import JudgementSensitivityResult
    from ...sensitivity.reversal import RankReversalResult
    from ...sensitivity.smaa import SMAAResult
    from ...sensitivity.thresholds import ThresholdResult

__all__ = [
    "CHECK_VERBS",
    "Section",
    "article",
    "join_words",
    "judgement_text",
    "judgements_paragraph",
    "methods_paragraph",
    "ordinal",
    "pct",
    "plural",
    "quote",
    "ranking_paragraph",
    "reversal_paragraph",
    "smaa_paragraph",
    "thresholds_paragraph",
    "weight_text",
]


# -- formatting (display only) -------------------------------------------------------------


def pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def weight_text(value: float) -> str:
    return f"{value:.3g}"


def judgement_text(value: float) -> str:
    """A Saaty-scale judgement: ``5`` or ``1/5``."""
    if value >= 1:
        return f"{value:.3g}"
    return f"1/{1 / value:.3g}"


def ordinal(n: int) -> str:
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def article(noun: str) -> str:
    """ "a" or "an" before ``noun`` (by its first letter)."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def quote(name: str) -> str:
    return f"'{name}'"


def join_words(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# -- the paragraphs -------------------------------------------------------------------------

Section = tuple[str, dict[str, Any]]


def ranking_paragraph(baseline: RankingResult, origin: str = "the given weights") -> Section:
    order = baseline.order()
    top = baseline.best
    ranks = baseline.ranks
    tied = [a for a in order if ranks[a] == ranks[top] and a != top]
    scores = baseline.scores
    facts: dict[str, Any] = {
        "method": baseline.method,
        "top": top,
        "top_score": float(scores[top]),
        "tied_with": tuple(tied),
        "higher_is_better": bool(baseline.higher_is_better),
    }
    label = method_name(baseline.method)
    if tied:
        text = (
            f"Under {label} with {origin}, {quote(top)} shares first place with "
            f"{join_words([quote(t) for t in tied])} (score {scores[top]:.3f})."
        )
        return text, facts
    runner_up = next((a for a in order if ranks[a] > ranks[top]), None)
    if runner_up is None:  # pragma: no cover - a model has at least two alternatives
        return f"Under {label}, {quote(top)} ranks first.", facts
    margin = abs(float(scores[top]) - float(scores[runner_up]))
    facts.update(runner_up=runner_up, runner_up_score=float(scores[runner_up]), margin=margin)
    direction = "" if baseline.higher_is_better else "; lower is better"
    text = (
        f"Under {label} with {origin}, {quote(top)} ranks first "
        f"(score {scores[top]:.3f}{direction}), ahead of {quote(runner_up)} "
        f"({scores[runner_up]:.3f})."
    )
    return text, facts


def smaa_paragraph(result: SMAAResult, top: str, sampled: str) -> Section:
    first = result.first_rank_acceptability
    first_se = result.rank_acceptability_se.iloc[:, 0]
    share = float(first[top])
    se = float(first_se[top])
    n_samples = int(result.n_samples)
    expected = float(result.expected_rank[top])
    expected_se = float(result.expected_rank_se[top])
    leader = str(first.idxmax())
    facts: dict[str, Any] = {
        "first_rank_acceptability": share,
        "first_rank_acceptability_se": se,
        "n_samples": n_samples,
        "samples": sampled,
        "expected_rank": expected,
        "expected_rank_se": expected_se,
        "most_often_first": leader,
        "most_often_first_share": float(first[leader]),
    }
    confidence = getattr(result, "confidence_factors", None)
    if confidence is not None and top in confidence.index and np.isfinite(confidence[top]):
        facts["confidence_factor"] = float(confidence[top])
    text = (
        f"{quote(top)} is first in {pct(share)} (± {pct(se)}) of {n_samples:,} "
        f"{sampled}; its expected rank is {expected:.2f} (± {expected_se:.2f})."
    )
    if leader != top:
        text += f" {quote(leader)} is first more often, in {pct(float(first[leader]))} of them."
    else:
        rest = first.drop(top)
        if len(rest) and rest.max() > 0:
            runner = str(rest.idxmax())
            share = float(rest[runner])
            facts.update(next_most_often_first=runner, next_most_often_first_share=share)
            text += f" The next most often first is {quote(runner)} ({pct(share)})."
    return text, facts


def thresholds_paragraph(result: ThresholdResult, top: str) -> Section:
    table = result.criteria
    if "criterion" in table.columns:
        table = table.set_index("criterion")
    candidates = []
    for criterion, row in table.iterrows():
        for way, to, new, delta in (
            ("rises above", "increase_to", "new_top_if_increased", "delta_up"),
            ("falls below", "decrease_to", "new_top_if_decreased", "delta_down"),
        ):
            if pd.notna(row[to]):
                change = (
                    abs(float(row[delta]))
                    if pd.notna(row[delta])
                    else abs(float(row[to]) - float(row["weight"]))
                )
                candidates.append((change, str(criterion), way, float(row[to]),
                                   float(row["weight"]), row[new]))  # fmt: skip
    stable = [
        str(c) for c, row in table.iterrows()
        if pd.isna(row["increase_to"]) and pd.isna(row["decrease_to"])
    ]  # fmt: skip
    facts: dict[str, Any] = {
        "n_criteria": len(table),
        "n_criteria_without_reversal": len(stable),
    }
    if not candidates:
        text = (
            f"No change of a single criterion's weight (the others rescaled in proportion) "
            f"moves {quote(top)} from first place."
        )
        return text, facts
    change, criterion, way, threshold, weight, new_top = min(candidates, key=lambda c: c[0])
    facts.update(
        criterion=criterion,
        direction="increase" if way == "rises above" else "decrease",
        threshold=threshold,
        weight=weight,
        change=change,
        new_top=None if pd.isna(new_top) else str(new_top),
    )
    text = (
        f"It loses first place if the weight on {quote(criterion)} {way} "
        f"{weight_text(threshold)} (from {weight_text(weight)})"
    )
    if facts["new_top"] is not None:
        text += f", when {quote(facts['new_top'])} takes over"
    text += "."
    if len(stable) == 1:
        text += f" The weight on {quote(stable[0])} cannot change first place on its own."
    elif stable:
        text += (
            f" The weights on {len(stable)} of the {len(table)} criteria cannot change first "
            "place on their own."
        )
    return text, facts


def methods_paragraph(comparison: MethodComparison, top: str, reference: str) -> Section:
    ranks = comparison.ranks.loc[top]
    n = len(ranks)
    first = [m for m in comparison.methods if ranks[m] == 1]
    others = [m for m in comparison.methods if ranks[m] != 1]
    consensus_rank = int(comparison.consensus[top])
    rs = comparison.spearman.loc[reference].drop(reference).dropna()
    facts: dict[str, Any] = {
        "n_methods": n,
        "n_first": len(first),
        "ranks": {m: int(ranks[m]) for m in comparison.methods},
        "consensus_rule": comparison.consensus_rule,
        "consensus_rank": consensus_rank,
        "consensus_top": tuple(comparison.consensus.index[comparison.consensus == 1]),
        "reference": reference,
        # a method that ties every alternative has no rank correlation: left out, or NaN
        "mean_spearman": float(rs.mean()) if len(rs) else math.nan,
        "lowest_spearman_method": str(rs.idxmin()) if len(rs) else "",
        "lowest_spearman": float(rs.min()) if len(rs) else math.nan,
    }
    text = (
        f"All {n} methods rank it first"
        if not others
        else f"{len(first)} of {n} methods rank it first"
    )
    if others:
        text += "; " + join_words(
            [f"{method_name(m)} ranks it {ordinal(ranks[m])}" for m in others]
        )
    rule = comparison.consensus_rule.capitalize()
    text += f". The {rule} consensus of the {n} methods ranks it {ordinal(consensus_rank)}"
    if consensus_rank != 1:
        text += f" (first: {join_words([quote(t) for t in facts['consensus_top']])})"
    if len(rs):
        text += (
            f". The other methods' rankings correlate with {method_name(reference)}'s with a "
            f"mean Spearman rank correlation of {facts['mean_spearman']:.2f} (lowest: "
            f"{method_name(facts['lowest_spearman_method'])}, {facts['lowest_spearman']:.2f})."
        )
    else:
        text += (
            f". No rank correlation with {method_name(reference)}'s ranking can be given: "
            "a ranking that ties every alternative has none."
        )
    return text, facts


CHECK_VERBS: Mapping[str, str] = {
    "remove": "removing",
    "copy": "adding a copy of",
    "dominated": "adding a slightly worse copy of",
}


def plural(noun: str) -> str:
    """The plural of a regular English noun: path → paths, policy → policies."""
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def reversal_paragraph(
    result: RankReversalResult, baseline: RankingResult, noun: str = "alternative"
) -> Section:
    n_checks, n_reversing = result.n_checks, result.n_with_reversal
    summary = result.summary()
    ok = result.checks[result.checks["status"] == "ok"]
    n_top = int(ok["top_changed"].sum())
    facts: dict[str, Any] = {
        "n_checks": n_checks,
        "n_with_reversal": n_reversing,
        "n_top_changed": n_top,
        "by_check": {
            kind: {"n_checks": int(row["n_checks"]), "n_with_reversal": int(row["n_with_reversal"])}
            for kind, row in summary.iterrows()
        },
    }
    if n_checks == 0:
        return "No rank-reversal check could be run.", facts
    if n_reversing == 0:
        text = (
            f"None of the {n_checks} rank-reversal checks (removing {article(noun)} {noun}, "
            f"adding a copy or a slightly worse copy of one) changes the order of the other "
            f"{plural(noun)}."
        )
        return text, facts
    reversed_pairs = result.pairs[result.pairs["change"] == "reversed"]
    position = baseline.ranks
    # the example: the reversed pair nearest the top of the original ranking
    nearest = np.minimum(
        reversed_pairs["a"].map(position).to_numpy(), reversed_pairs["b"].map(position).to_numpy()
    )
    example = reversed_pairs.iloc[int(np.argmin(nearest))]
    facts.update(
        example_check=str(example["check"]),
        example_alternative=str(example["alternative"]),
        example_pair=(str(example["a"]), str(example["b"])),
    )
    text = (
        f"In {n_reversing} of {n_checks} rank-reversal checks the order of some other pair "
        f"changes; for example, {CHECK_VERBS[example['check']]} "
        f"{quote(example['alternative'])} reverses the order of {quote(example['a'])} and "
        f"{quote(example['b'])}."
    )
    text += (
        " First place never changes in these checks."
        if n_top == 0
        else f" In {n_top} of them another {noun} overtakes the one that was first."
    )
    return text, facts


def judgements_paragraph(
    result: JudgementSensitivityResult, top: str, noun: str = "alternative"
) -> Section:
    table = result.table
    moving = table[np.isfinite(table["min_steps"])]
    facts: dict[str, Any] = {
        "n_judgements": len(table),
        "n_without_change": len(table) - len(moving),
        "top": str(result.top),
    }
    if str(result.top) != top:
        facts["note"] = f"the hierarchy's own weights rank another {noun} first"
    if moving.empty:
        text = (
            f"No single AHP judgement, moved anywhere on Saaty's scale, takes first place "
            f"from {quote(str(result.top))}."
        )
        return text, facts
    row = moving.iloc[int(np.argmin(moving["min_steps"].to_numpy()))]
    up = row["up_steps"] <= row["down_steps"]  # infinity: no change that way
    side = "up" if up else "down"
    facts.update(
        node=str(row["node"]),
        row=str(row["row"]),
        column=str(row["column"]),
        judgement=float(row["judgement"]),
        direction=side,
        new_judgement=float(row[f"{side}_value"]),
        steps=int(row[f"{side}_steps"]),
        new_top=str(row[f"{side}_new_top"]),
    )
    text = (
        f"The AHP judgement closest to changing first place compares {quote(facts['row'])} "
        f"with {quote(facts['column'])} (under {quote(facts['node'])}): moving it from "
        f"{judgement_text(facts['judgement'])} to {judgement_text(facts['new_judgement'])} "
        f"({facts['steps']} step{'s' if facts['steps'] != 1 else ''} on Saaty's scale) makes "
        f"{quote(facts['new_top'])} first."
    )
    if facts["n_without_change"]:
        text += (
            f" {facts['n_without_change']} of the {len(table)} judgements cannot change first "
            "place anywhere on the scale."
        )
    if "note" in facts:
        text += (
            f" (With the hierarchy's own weights {quote(facts['top'])} is first, not {quote(top)}.)"
        )
    return text, facts
