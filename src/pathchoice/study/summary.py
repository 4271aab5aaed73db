"""A plain-language robustness summary of a ranking, with the numbers behind it.

:func:`robustness_summary` runs the robustness analyses of
:mod:`pathchoice.sensitivity` on one model and one weight vector and writes
what they say in a few sentences, one short paragraph per analysis:

``"ranking"``
    Which path the method ranks first, and by how much.
``"smaa"``
    How often it is first when the weights are sampled (SMAA-2 first-rank
    acceptability with its standard error, expected rank), from
    :func:`~pathchoice.sensitivity.smaa.smaa`.
``"thresholds"``
    The smallest change of a single criterion weight (the others rescaled
    proportionally) that costs it first place, from
    :func:`~pathchoice.sensitivity.thresholds.weight_thresholds`.
``"methods"``
    How other methods rank it and the consensus ranking, from
    :func:`~pathchoice.sensitivity.compare.compare_methods`.
``"reversal"``
    Whether removing a path or adding a copy or a slightly worse copy changes
    the order of the others, from
    :func:`~pathchoice.sensitivity.reversal.rank_reversal_checks`.
``"judgements"`` (when an AHP hierarchy is given)
    The single pairwise judgement closest to changing the top path, from
    :func:`~pathchoice.sensitivity.judgements.judgement_sensitivity`.

The text is for reading; the numbers are in ``facts`` (one mapping per
paragraph, unrounded) so that a report can render them its own way. Numbers
are rounded only when written into the text: shares as percentages with one
decimal (``"87.3%"``), weights with three significant digits (``"0.312"``),
scores with three decimals, correlations with two, expected ranks with two
decimals. The same model, weights, options and ``rng`` give the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._display import FrameDisplay, paragraphs_html
from ..exceptions import PathchoiceError, UnknownNameError
from ..model import Model
from ..ranking import PYMCDM_CLASSES, RankingMethod, rank
from ..results import RankingResult
from ..sensitivity.compare import (
    DEFAULT_METHODS,
    ConsensusRule,
    MethodComparison,
    compare_methods,
    method_label,
)
from ..sensitivity.judgements import JudgementSensitivityResult, judgement_sensitivity
from ..sensitivity.reversal import RankReversalResult, rank_reversal_checks
from ..sensitivity.smaa import SMAAResult, smaa
from ..sensitivity.thresholds import ThresholdResult, weight_thresholds
from ..weights import check_weights

__all__ = ["SECTIONS", "RobustnessSummary", "robustness_summary"]

#: The paragraphs of a summary, in the order they are written.
SECTIONS: tuple[str, ...] = ("ranking", "smaa", "thresholds", "methods", "reversal", "judgements")


# -- formatting (display only) -------------------------------------------------------------


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def _weight(value: float) -> str:
    return f"{value:.3g}"


def _judgement(value: float) -> str:
    """A Saaty-scale judgement: ``5`` or ``1/5``."""
    if value >= 1:
        return f"{value:.3g}"
    return f"1/{1 / value:.3g}"


def _ordinal(n: int) -> str:
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _method_label(name: str) -> str:
    """TOPSIS, VIKOR, PROMETHEE II ... for registered names; a user method's own name."""
    if name == "pymcdm_topsis":
        return "pymcdm's TOPSIS"
    if name == "topsis" or name in PYMCDM_CLASSES:
        return name.replace("_", " ").upper()
    return name


def _quote(name: str) -> str:
    return f"'{name}'"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# -- the paragraphs -------------------------------------------------------------------------

Section = tuple[str, dict[str, Any]]


def _ranking_section(baseline: RankingResult) -> Section:
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
    label = _method_label(baseline.method)
    if tied:
        text = (
            f"Under {label} with the given weights, {_quote(top)} shares first place with "
            f"{_join([_quote(t) for t in tied])} (score {scores[top]:.3f})."
        )
        return text, facts
    runner_up = next((a for a in order if ranks[a] > ranks[top]), None)
    if runner_up is None:  # pragma: no cover - a model has at least two alternatives
        return f"Under {label}, {_quote(top)} ranks first.", facts
    margin = abs(float(scores[top]) - float(scores[runner_up]))
    facts.update(runner_up=runner_up, runner_up_score=float(scores[runner_up]), margin=margin)
    direction = "" if baseline.higher_is_better else "; lower is better"
    text = (
        f"Under {label} with the given weights, {_quote(top)} ranks first "
        f"(score {scores[top]:.3f}{direction}), ahead of {_quote(runner_up)} "
        f"({scores[runner_up]:.3f})."
    )
    return text, facts


def _smaa_section(result: SMAAResult, top: str, sampled: str) -> Section:
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
        f"{_quote(top)} is first in {_pct(share)} (± {_pct(se)}) of {n_samples:,} "
        f"{sampled}; its expected rank is {expected:.2f} (± {expected_se:.2f})."
    )
    if leader != top:
        text += f" {_quote(leader)} is first more often, in {_pct(float(first[leader]))} of them."
    else:
        rest = first.drop(top)
        if len(rest) and rest.max() > 0:
            runner = str(rest.idxmax())
            share = float(rest[runner])
            facts.update(next_most_often_first=runner, next_most_often_first_share=share)
            text += f" The next most often first is {_quote(runner)} ({_pct(share)})."
    return text, facts


def _thresholds_section(result: ThresholdResult, top: str) -> Section:
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
            f"moves {_quote(top)} from first place."
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
        f"It loses first place if the weight on {_quote(criterion)} {way} "
        f"{_weight(threshold)} (from {_weight(weight)})"
    )
    if facts["new_top"] is not None:
        text += f", when {_quote(facts['new_top'])} takes over"
    text += "."
    if len(stable) == 1:
        text += f" The weight on {_quote(stable[0])} cannot change first place on its own."
    elif stable:
        text += (
            f" The weights on {len(stable)} of the {len(table)} criteria cannot change first "
            "place on their own."
        )
    return text, facts


def _methods_section(comparison: MethodComparison, top: str, reference: str) -> Section:
    ranks = comparison.ranks.loc[top]
    n = len(ranks)
    first = [m for m in comparison.methods if ranks[m] == 1]
    others = [m for m in comparison.methods if ranks[m] != 1]
    consensus_rank = int(comparison.consensus[top])
    rs = comparison.spearman.loc[reference].drop(reference)
    facts: dict[str, Any] = {
        "n_methods": n,
        "n_first": len(first),
        "ranks": {m: int(ranks[m]) for m in comparison.methods},
        "consensus_rule": comparison.consensus_rule,
        "consensus_rank": consensus_rank,
        "consensus_top": tuple(comparison.consensus.index[comparison.consensus == 1]),
        "reference": reference,
        "mean_spearman": float(rs.mean()),
        "lowest_spearman_method": str(rs.idxmin()),
        "lowest_spearman": float(rs.min()),
    }
    text = (
        f"All {n} methods rank it first"
        if not others
        else f"{len(first)} of {n} methods rank it first"
    )
    if others:
        text += "; " + _join([f"{_method_label(m)} ranks it {_ordinal(ranks[m])}" for m in others])
    rule = comparison.consensus_rule.capitalize()
    text += f". The {rule} consensus of the {n} methods ranks it {_ordinal(consensus_rank)}"
    if consensus_rank != 1:
        text += f" (first: {_join([_quote(t) for t in facts['consensus_top']])})"
    text += (
        f". The other methods' rankings correlate with {_method_label(reference)}'s at "
        f"r_s = {facts['mean_spearman']:.2f} on average (lowest: "
        f"{_method_label(facts['lowest_spearman_method'])}, {facts['lowest_spearman']:.2f})."
    )
    return text, facts


_CHECK_VERBS: Mapping[str, str] = {
    "remove": "removing",
    "copy": "adding a copy of",
    "dominated": "adding a slightly worse copy of",
}


def _reversal_section(result: RankReversalResult, baseline: RankingResult) -> Section:
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
            f"None of the {n_checks} rank-reversal checks (removing a path, adding a copy or a "
            "slightly worse copy of one) changes the order of the other paths."
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
        f"changes; for example, {_CHECK_VERBS[example['check']]} "
        f"{_quote(example['alternative'])} reverses the order of {_quote(example['a'])} and "
        f"{_quote(example['b'])}."
    )
    text += (
        " First place never changes in these checks."
        if n_top == 0
        else f" In {n_top} of them another path overtakes the one that was first."
    )
    return text, facts


def _judgements_section(result: JudgementSensitivityResult, top: str) -> Section:
    table = result.table
    moving = table[np.isfinite(table["min_steps"])]
    facts: dict[str, Any] = {
        "n_judgements": len(table),
        "n_without_change": len(table) - len(moving),
        "top": str(result.top),
    }
    if str(result.top) != top:
        facts["note"] = "the hierarchy's own weights rank another path first"
    if moving.empty:
        text = (
            f"No single AHP judgement, moved anywhere on Saaty's scale, takes first place "
            f"from {_quote(str(result.top))}."
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
        f"The AHP judgement closest to changing first place compares {_quote(facts['row'])} "
        f"with {_quote(facts['column'])} (under {_quote(facts['node'])}): moving it from "
        f"{_judgement(facts['judgement'])} to {_judgement(facts['new_judgement'])} "
        f"({facts['steps']} step{'s' if facts['steps'] != 1 else ''} on Saaty's scale) makes "
        f"{_quote(facts['new_top'])} first."
    )
    if facts["n_without_change"]:
        text += (
            f" {facts['n_without_change']} of the {len(table)} judgements cannot change first "
            "place anywhere on the scale."
        )
    if "note" in facts:
        text += (
            f" (With the hierarchy's own weights {_quote(facts['top'])} is first, not "
            f"{_quote(top)}.)"
        )
    return text, facts


# -- result and entry point ---------------------------------------------------------------


@dataclass(frozen=True)
class RobustnessSummary(FrameDisplay):
    """A plain-language summary of how robust a ranking is, with its numbers.

    Attributes
    ----------
    text : str
        The summary: one paragraph per section, separated by blank lines.
    sentences : mapping of str to str
        Each section's paragraph, keyed by section name (:data:`SECTIONS`
        order; sections not run are absent).
    facts : mapping of str to mapping
        The unrounded numbers (and names) behind each paragraph, keyed like
        ``sentences``; e.g. ``facts["smaa"]["first_rank_acceptability"]``.
    top : str
        The path the method ranks first with the given weights.
    method : str
        The ranking method summarised.
    baseline : RankingResult
        The ranking with the given weights.
    smaa, thresholds, comparison, reversal, judgements : result or None
        The analyses the paragraphs were written from (None when not run), for
        drilling down.
    """

    text: str
    sentences: Mapping[str, str]
    facts: Mapping[str, Mapping[str, Any]]
    top: str
    method: str
    baseline: RankingResult
    smaa: SMAAResult | None = None
    thresholds: ThresholdResult | None = None
    comparison: MethodComparison | None = None
    reversal: RankReversalResult | None = None
    judgements: JudgementSensitivityResult | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Long form, one row per fact: columns ``section``, ``fact``, ``value``.

        Nested facts get dotted names (``ranks.vikor``, ``by_check.remove.n_checks``).
        """
        rows = [
            {"section": section, "fact": name, "value": value}
            for section, facts in self.facts.items()
            for name, value in _flat(facts)
        ]
        return pd.DataFrame(rows, columns=["section", "fact", "value"])

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        title = f"robustness of the {self.method} ranking (top path: {self.top})"
        return paragraphs_html(title, list(self.sentences.values()))


def _flat(facts: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(dotted name, value) pairs of a nested mapping of facts."""
    out: list[tuple[str, Any]] = []
    for name, value in facts.items():
        if isinstance(value, Mapping):
            out.extend(_flat(value, f"{prefix}{name}."))
        else:
            out.append((f"{prefix}{name}", value))
    return out


def _check_sections(sections: object, hierarchy: object) -> tuple[str, ...]:
    if sections is None:
        wanted = [s for s in SECTIONS if s != "judgements" or hierarchy is not None]
    else:
        if isinstance(sections, str):
            sections = (sections,)
        wanted = list(sections)  # type: ignore[call-overload]
        unknown = [s for s in wanted if s not in SECTIONS]
        if unknown:
            raise UnknownNameError(
                f"sections: unknown section(s) {unknown}; known: {list(SECTIONS)}"
            )
        if "judgements" in wanted and hierarchy is None:
            raise PathchoiceError(
                "sections: 'judgements' needs the AHP hierarchy the weights came from "
                "(hierarchy=...)"
            )
    return tuple(s for s in SECTIONS if s == "ranking" or s in wanted)


def robustness_summary(
    model: Model,
    weights: Any,
    *,
    method: str | RankingMethod = "topsis",
    n_samples: int = 10_000,
    rng: int | np.random.Generator | None = None,
    hierarchy: Any = None,
    samples: npt.ArrayLike | Callable[..., np.ndarray] | None = None,
    methods: Sequence[str | RankingMethod] = DEFAULT_METHODS,
    consensus: ConsensusRule = "copeland",
    sections: Sequence[str] | None = None,
    **options: Any,
) -> RobustnessSummary:
    """Summarise in plain language how far a ranking of paths can be trusted.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : Series, mapping or array_like
        The weight vector of the ranking being summarised.
    method : str or callable, default "topsis"
        The ranking method (a key of :data:`pathchoice.ranking.METHODS` or a
        conforming callable).
    n_samples : int, default 10_000
        Weight vectors sampled for SMAA when ``samples`` is None.
    rng : int, Generator or None
        Seed or generator for the SMAA sampling (the only random step).
    hierarchy : pathchoice.ahp.Node, optional
        The AHP hierarchy the weights came from; adds the ``"judgements"``
        paragraph.
    samples : WeightSamples, sampler or 2-D numpy array, optional
        Weight samples for SMAA, as :func:`~pathchoice.sensitivity.smaa.smaa`
        takes them: labelled samples (``n_samples`` is then ignored) or a
        sampler object such as ``DirichletSampler.around(model, weights)``.
        Default: uniform on the simplex, i.e. no preference information.
    methods : sequence, default :data:`~pathchoice.sensitivity.compare.DEFAULT_METHODS`
        Methods for the comparison paragraph (``method`` is added if missing).
    consensus : {"copeland", "borda"}, default "copeland"
        Consensus rule of the comparison.
    sections : sequence of str, optional
        Paragraphs to write, from :data:`SECTIONS` (``"ranking"`` is always
        written). Default: all, ``"judgements"`` only with a hierarchy.
    **options
        The method's options, passed to every analysis.

    Returns
    -------
    RobustnessSummary
        ``text`` (also ``str(summary)``), ``sentences`` and ``facts`` per
        paragraph, and the analyses themselves.

    Raises
    ------
    MethodError, WeightsError, UnknownNameError
        As the analyses raise them (unknown method or option, bad weights);
        an unknown section.
    PathchoiceError
        The ``"judgements"`` section without a hierarchy.

    Notes
    -----
    Each paragraph comes from one analysis and is only as good as it: SMAA's
    shares are Monte Carlo estimates (their standard errors are quoted), the
    thresholds rescale the other weights proportionally, and the reversal
    checks are those of :func:`~pathchoice.sensitivity.reversal.rank_reversal_checks`.

    References
    ----------
    .. [1] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
       acceptability analysis for group decision making. *Operations Research*,
       49(3), 444–454.
    .. [2] Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis
       approach for some deterministic multi-criteria decision-making methods.
       *Decision Sciences*, 28(1), 151–194.
    .. [3] Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings
       similarity in decision-making problems. *ICCS 2020*, LNCS 12138, 632–645.
    .. [4] García-Cascales, M. S., & Lamata, M. T. (2012). On rank reversal and
       TOPSIS method. *Mathematical and Computer Modelling*, 56(5–6), 123–132.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(
    ...     ["Pilot zones", "Talent", "Dialogue"], ["benefit", "exposure"],
    ...     [[8, 6], [5, 2], [3, 3]], directions={"exposure": "cost"},
    ... )
    >>> summary = robustness_summary(model, [0.6, 0.4], n_samples=2_000, rng=7)
    >>> print(summary.sentences["ranking"])
    Under TOPSIS with the given weights, 'Talent' ranks first (score 0.587), ahead of
    'Pilot zones' (0.570).
    >>> print(summary.sentences["thresholds"])
    It loses first place if the weight on 'benefit' rises above 0.61 (from 0.6), when
    'Pilot zones' takes over.
    >>> first = summary.smaa.first_rank_acceptability["Talent"]
    >>> summary.facts["smaa"]["first_rank_acceptability"] == float(first)
    True
    """
    kinds = _check_sections(sections, hierarchy)
    w = check_weights(weights, model.criterion_names)
    baseline = rank(model, w, method, **options)
    top = baseline.best  # type: ignore[union-attr]
    label = baseline.method
    parts: dict[str, Section] = {"ranking": _ranking_section(baseline)}  # type: ignore[arg-type]
    analyses: dict[str, Any] = {}

    if "smaa" in kinds:
        if samples is None:
            result = smaa(model, None, n_samples=n_samples, method=method, rng=rng, **options)
            sampled = "weight vectors drawn uniformly from all possible weights"
        else:
            result = smaa(model, samples, n_samples=n_samples, method=method, rng=rng, **options)
            sampled = "sampled weight vectors"
        analyses["smaa"] = result
        parts["smaa"] = _smaa_section(result, top, sampled)
    if "thresholds" in kinds:
        result = weight_thresholds(model, w, method=method, **options)
        analyses["thresholds"] = result
        parts["thresholds"] = _thresholds_section(result, top)
    if "methods" in kinds:
        own = method if isinstance(method, str) else method_label(method)
        chosen: Any = methods
        if not isinstance(methods, (str, bytes)):
            chosen = list(methods)
            labels = [
                m if isinstance(m, str) else method_label(m)
                for m in chosen
                if callable(m) or isinstance(m, str)
            ]
            if own not in labels:
                chosen.insert(0, method)
        per_method = {own: options} if options else None
        result = compare_methods(model, w, methods=chosen, consensus=consensus, options=per_method)
        analyses["comparison"] = result
        parts["methods"] = _methods_section(result, top, own)
    if "reversal" in kinds:
        result = rank_reversal_checks(model, w, method=method, **options)
        analyses["reversal"] = result
        parts["reversal"] = _reversal_section(result, baseline)  # type: ignore[arg-type]
    if "judgements" in kinds:
        result = judgement_sensitivity(model, hierarchy, method=method, **options)
        analyses["judgements"] = result
        parts["judgements"] = _judgements_section(result, top)

    sentences = {k: parts[k][0] for k in SECTIONS if k in parts}
    facts = {k: parts[k][1] for k in SECTIONS if k in parts}
    return RobustnessSummary(
        text="\n\n".join(sentences.values()),
        sentences=sentences,
        facts=facts,
        top=top,
        method=label,
        baseline=baseline,  # type: ignore[arg-type]
        options=dict(baseline.options),
        **analyses,
    )
