"""Which paths to fund within the budget, and how robust that choice is: the study's portfolio.

When an analysis has :mod:`~pathchoice.study.resources` for the set being ranked,
:func:`study_portfolio` (called by :func:`pathchoice.study.run.run`) finds the set
of paths of greatest total score that the budget and the rules allow
(:func:`pathchoice.portfolio.optimal_portfolio`, exact by mixed-integer
programming) and, under weights drawn as for SMAA (and scores drawn within their
ranges when the run draws them), how often each path and each set of paths is
the best (:func:`pathchoice.portfolio.portfolio_robustness`). The result holds
both analyses, their plain-language paragraphs and the numbers behind them, for
the report and the command line to render.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._display import FrameDisplay, paragraphs_html
from .._frozen import FrozenResult
from ..exceptions import ModelError
from ..model import Model
from ..portfolio import (
    PortfolioResult,
    PortfolioRobustnessResult,
    optimal_portfolio,
    portfolio_robustness,
)
from ..results import RankingResult
from .analysis import Analysis
from .labels import method_name
from .resources import Resources
from .summary._prose import join_words, ordinal, pct, plural, quote

__all__ = ["StudyPortfolio", "study_portfolio"]

#: How many of the most frequent best portfolios a study lists.
TOP_PORTFOLIOS = 5


@dataclass(frozen=True, eq=False)
class StudyPortfolio(FrozenResult, FrameDisplay):
    """The best portfolio of a study run within its budget, and how robust it is.

    Attributes
    ----------
    resources : Resources
        The amounts, budgets and rules used.
    best : PortfolioResult
        The best portfolio with the run's weights and scores.
    robustness : PortfolioRobustnessResult or None
        Membership shares and the most frequent best portfolios under sampled
        weights (and scores); None when it was not computed.
    sentences : mapping of str to str
        ``"best"``, ``"rules"``, ``"robustness"``, ``"frequent"`` (the most frequent
        best sets) and ``"notice"`` (what the numbers are) paragraphs, in plain words.
    facts : mapping
        The numbers behind them, unrounded.
    """

    resources: Resources
    best: PortfolioResult
    robustness: PortfolioRobustnessResult | None
    sentences: Mapping[str, str]
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The paragraphs, separated by blank lines."""
        return "\n\n".join(self._raw("sentences").values())

    def to_frame(self) -> pd.DataFrame:
        """One row per path: its amounts, ``in best`` (True/False), ``share`` and ``share_se``.

        ``share`` is the share of samples in which the path is in the best portfolio
        (NaN without the robustness analysis).
        """
        best = self._raw("best")
        frame = self._raw("resources").frame().reindex(list(best.values.index))
        frame["value"] = best.values
        frame["in best"] = best.chosen
        rob = self._raw("robustness")
        frame["share"] = rob.membership if rob is not None else np.nan
        frame["share_se"] = rob.membership_se if rob is not None else np.nan
        frame.columns.name = None
        return frame

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return paragraphs_html("portfolio within the budget", list(self.sentences.values()))


def _amount_text(value: float) -> str:
    return f"{value:g}"


def _unit(resources: Resources, name: str) -> str:
    unit = resources.resource(name).unit
    return f" {unit}" if unit else f" of {name}"


def _budget_words(resources: Resources, best: PortfolioResult) -> str:
    usage = best.usage
    parts = []
    for name, limit in resources.budgets.items():
        used = float(usage.loc[name, "used"])
        parts.append(
            f"{_amount_text(used)} of the budget of {_amount_text(limit)}{_unit(resources, name)}"
        )
    return join_words(parts) if parts else "no budget"


def _count(k: int, noun: str) -> str:
    words = ("no", "one", "two", "three", "four", "five")
    return f"{words[k] if k < len(words) else k} {noun if k == 1 else plural(noun)}"


def _rules_text(resources: Resources, noun: str) -> str:
    rules: list[str] = []
    for name in resources.include:
        rules.append(f"{quote(name)} is always funded")
    for name in resources.exclude:
        rules.append(f"{quote(name)} is never funded")
    for req in resources.requires:
        rules.append(f"{quote(req.alternative)} only together with {quote(req.needs)}")
    for g in resources.groups:
        low, high = g.at_least or 0, g.at_most
        if high == 1 and low == 0:
            rules.append(
                f"at most one {noun} of the group {quote(g.name)} (they exclude each other)"
            )
        elif high is not None and low == high:
            rules.append(f"exactly {_count(low, noun)} of the group {quote(g.name)}")
        else:
            if low:
                rules.append(f"at least {_count(low, noun)} of the group {quote(g.name)}")
            if high is not None:
                rules.append(f"at most {_count(high, noun)} of the group {quote(g.name)}")
    if not rules:
        return "No rule other than the budget limits the choice."
    return "The rules the portfolio follows: " + "; ".join(rules) + "."


def _best_text(
    best: PortfolioResult, resources: Resources, ranking: RankingResult, noun: str, origin: str
) -> str:
    chosen = list(best.selected)
    n = len(best.values)
    label = method_name(ranking.method)
    top = str(ranking.best)
    if not chosen:
        return f"Within {_budget_words(resources, best)}, no {noun} can be funded under the rules."
    text = (
        f"With {origin}, the best set of {plural(noun)} to fund within the budget is "
        f"{len(chosen)} of the {n}: "
        f"{join_words([quote(a) for a in chosen])}. It uses {_budget_words(resources, best)}, "
        f"and its {label} scores add up to {best.total_value:.3f}, the most any set within "
        "the budget and the rules reaches."
    )
    if top not in chosen:
        text += (
            f" The {noun} ranked first on its own, {quote(top)}, is not in it: the "
            f"{plural(noun)} chosen instead are worth more together for what they cost."
        )
    return text


def _robustness_text(
    rob: PortfolioRobustnessResult, best: PortfolioResult, sampled: str, noun: str
) -> str:
    table = rob.portfolios
    match = [i for i, p in zip(table.index, table["portfolio"], strict=True) if p == best.selected]
    if match:
        share = float(table.loc[match[0], "share"])
        place = int(match[0])
        own = f"this exact set is the best in {pct(share)} of them" + (
            " (the most frequent best set)" if place == 1 else f" ({ordinal(place)} most frequent)"
        )
    else:
        own = (
            f"this exact set is not among the {len(table)} most frequent best sets"
            if len(table)
            else "this exact set is never the best"
        )
    membership = rob.membership.sort_values(ascending=False, kind="stable")
    always = [a for a, s in membership.items() if s >= 0.995]
    never = [a for a, s in membership.items() if s == 0]
    middle = [(a, s) for a, s in membership.items() if 0 < s < 0.995]
    parts = [f"With {rob.n_samples:,} {sampled}, {own}."]
    if always:
        parts.append(
            f"{join_words([quote(a) for a in always])} "
            + ("is" if len(always) == 1 else "are")
            + " in the best set almost every time (99.5% or more)."
        )
    if middle:
        parts.append(
            (
                f"How often the other {plural(noun)} are in it: "
                if always or never
                else f"How often each {noun} is in it: "
            )
            + "; ".join(f"{quote(a)} {pct(s)}" for a, s in middle)
            + "."
        )
    if never:
        parts.append(
            f"{join_words([quote(a) for a in never])} "
            + ("is" if len(never) == 1 else "are")
            + " never in it."
        )
    return " ".join(parts)


def _frequent_text(rob: PortfolioRobustnessResult, best: PortfolioResult, origin: str) -> str:
    """The most frequent best sets, each said as its difference from the run's best set."""
    rows = []
    for place, row in rob.portfolios.iterrows():
        chosen = row["portfolio"]
        added = [a for a in chosen if a not in best.selected]
        dropped = [a for a in best.selected if a not in chosen]
        if not added and not dropped:
            how = f"the set chosen with {origin}"
        else:
            how = []
            if added:
                how.append(f"adds {join_words([quote(a) for a in added])}")
            if dropped:
                how.append(f"leaves out {join_words([quote(a) for a in dropped])}")
            how = " and ".join(how)
        rows.append(f"{ordinal(int(place))}, best in {pct(float(row['share']))}: {how}")
    return "The most frequent best sets: " + "; ".join(rows) + "."


def study_portfolio(
    analysis: Analysis,
    alternative_set: str,
    model: Model,
    ranking: RankingResult,
    *,
    n_samples: int,
    rng: Any,
    performance: Any = None,
    sampled: str = "weight vectors drawn uniformly from all possible weights",
    noun: str = "alternative",
    origin: str = "the given weights",
) -> StudyPortfolio | None:
    """The portfolio of a study run, or None when the analysis has no resources for the set.

    Parameters
    ----------
    analysis : Analysis
        With :attr:`~pathchoice.study.analysis.Analysis.resources` for ``alternative_set``.
    alternative_set : str
        The set ranked.
    model : Model
        Its decision model.
    ranking : RankingResult
        The run's ranking; its scores are the paths' values (they must be better
        when higher).
    n_samples : int
        Weight vectors drawn (uniformly on the simplex, as for SMAA).
    rng : None, int, SeedSequence or Generator
        Seed of the draw.
    performance : sampler, optional
        Scores drawn within their ranges, as for SMAA.
    sampled : str
        How the samples are described in the text.
    noun : str, default "alternative"
        The word for one alternative (``"path"``).
    origin : str, default "the given weights"
        Where the run's weights come from, as the text names them.

    Returns
    -------
    StudyPortfolio or None
        None also when the method's scores are better when lower (a portfolio adds
        scores up).

    Examples
    --------
    >>> from pathchoice.study.datasets import china_japan
    >>> from pathchoice.study.run import run
    >>> study = run(china_japan(version=2), n_samples=500, sections=["ranking"])
    >>> len(study.portfolio.best.selected) > 0
    True
    """
    resources = analysis.resources
    if resources is None or resources.alternative_set != alternative_set:
        return None
    if not ranking.higher_is_better:
        return None
    problem = resources.problem(model.alternatives)
    try:
        best = optimal_portfolio(problem, ranking)
    except ModelError:
        budgets = ", ".join(f"{k} {v:g}" for k, v in resources.budgets.items()) or "none"
        raise ModelError(
            f"no set of {plural(noun)} meets every rule within the budget ({budgets}); "
            "raise the budget or relax a rule"
        ) from None
    rob = portfolio_robustness(
        problem,
        model,
        n_samples=n_samples,
        method=ranking.method,
        performance=performance,
        rng=rng,
        top=TOP_PORTFOLIOS,
        **dict(ranking.options),
    )
    sentences = {
        "best": _best_text(best, resources, ranking, noun, origin),
        "rules": _rules_text(resources, noun),
        "robustness": _robustness_text(rob, best, sampled, noun),
        "frequent": _frequent_text(rob, best, origin),
    }
    if resources.notice:
        sentences["notice"] = resources.notice
    facts = {
        "selected": best.selected,
        "total_value": best.total_value,
        "budgets": resources.budgets,
        "used": {str(k): float(v) for k, v in best.usage["used"].items()},
        "membership": {str(k): float(v) for k, v in rob.membership.items()},
        "n_samples": rob.n_samples,
        "most_frequent": tuple(rob.portfolios["portfolio"]),
        "most_frequent_share": tuple(float(s) for s in rob.portfolios["share"]),
    }
    return StudyPortfolio(
        resources=resources, best=best, robustness=rob, sentences=sentences, facts=facts
    )
