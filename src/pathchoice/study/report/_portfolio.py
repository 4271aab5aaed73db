"""The report's portfolio section: which paths to fund within the budget, and how robustly.

Present only when the study run has a portfolio (the analysis has costs for the
set ranked, :attr:`pathchoice.study.run.StudyResult.portfolio`). It holds the
run's plain-language paragraphs, a table of every path (its cost, whether it is
in the best set, how often it is in the best set under sampled weights) and the
most frequent best sets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ._html import html_section, html_table, para, pct

if TYPE_CHECKING:
    from ..portfolio import StudyPortfolio
    from ..run import StudyResult

__all__ = ["PORTFOLIO_SECTION", "portfolio_section"]

#: The section's id and title, for the page's table of contents.
PORTFOLIO_SECTION = ("portfolio", "Which paths to fund within the budget")


def portfolio_section(study: StudyResult) -> str | None:
    """The portfolio section of the page (None when the run has no portfolio)."""
    result = getattr(study, "portfolio", None)
    if result is None:
        return None
    sentences = result.sentences
    notice = sentences.get("notice")
    parts = [para(notice, "notice")] if notice else []
    parts += [para(sentences[key]) for key in ("best", "rules") if key in sentences]
    frame = result.to_frame()
    resources = list(result.resources.resource_names)
    view = pd.DataFrame(
        {
            "path": frame.index,
            **{r: frame[r].to_numpy() for r in resources},
            "score": frame["value"].to_numpy(),
            "in the best set": frame["in best"].to_numpy(),
            "in the best set under sampled weights": frame["share"].to_numpy(),
        }
    )
    view = view.sort_values(
        ["in the best set", "in the best set under sampled weights"],
        ascending=False,
        kind="stable",
    )
    parts.append(
        html_table(
            view,
            table_id="portfolio-table",
            caption="Every path: what it uses, its score, and whether it is funded",
            formats={
                "in the best set under sampled weights": pct,
                "score": lambda v: f"{v:.3f}",
                **dict.fromkeys(resources, _amount),
            },
            header_titles={r: _unit(result, r) for r in resources},
            row_classes=["best" if chosen else "" for chosen in view["in the best set"]],
        )
    )
    if "robustness" in sentences:
        parts.append(para(sentences["robustness"]))
    rob = result.robustness
    if rob is not None and len(rob.portfolios):
        table = rob.portfolios
        frequent = pd.DataFrame(
            {
                "": [f"{i}." for i in table.index],
                "paths funded": ["; ".join(p) for p in table["portfolio"]],
                "paths": table["size"].to_numpy(),
                **{r: table[r].to_numpy() for r in resources},
                "best in": table["share"].to_numpy(),
            }
        )
        parts.append(
            html_table(
                frequent,
                table_id="portfolio-frequent",
                caption=f"The most frequent best sets over {rob.n_samples:,} samples",
                formats={"best in": pct, **dict.fromkeys(resources, _amount)},
                header_titles={r: _unit(result, r) for r in resources},
            )
        )
    if "frequent" in sentences:
        parts.append(para(sentences["frequent"]))
    return html_section(*PORTFOLIO_SECTION, parts)


def _amount(value: object) -> str:
    return f"{float(value):g}"  # type: ignore[arg-type]


def _unit(result: StudyPortfolio, resource: str) -> str:
    unit = result.resources.resource(resource).unit
    return f"in {unit}" if unit else resource
