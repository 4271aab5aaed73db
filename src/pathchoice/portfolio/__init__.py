"""Portfolios of alternatives under a budget, and how robust the best portfolio is.

Governments rarely fund one path: they fund a set of them under a budget. The steps:

* :class:`PortfolioProblem`: each alternative's cost (and other resources), the
  budgets and the rules (must-include / must-exclude, "a needs b", mutually exclusive
  groups, the fewest and the most per group);
* :func:`optimal_portfolio`: the set of greatest total value (e.g. the sum of TOPSIS
  closeness scores) meeting every rule, solved exactly by ``scipy.optimize.milp``;
* :func:`portfolio_robustness`: under SMAA's sampled weights (and performance), the
  share of samples in which each alternative belongs to the best portfolio, and the
  most frequent best portfolios.

>>> from pathchoice.portfolio import PortfolioProblem, optimal_portfolio
>>> problem = PortfolioProblem({"A": 4, "B": 3, "C": 2}, budgets=5, exclusive=[["B", "C"]])
>>> optimal_portfolio(problem, {"A": 0.9, "B": 0.5, "C": 0.45}).selected
('A',)
"""

from typing import TYPE_CHECKING

from .optimal import PortfolioResult, optimal_portfolio
from .problem import PortfolioProblem

if TYPE_CHECKING:
    from .robustness import ENUMERATION_LIMIT, PortfolioRobustnessResult, portfolio_robustness

#: Imported on first use: the robustness analysis needs the SMAA engines, a model's cost
#: check (PortfolioProblem) does not.
_ROBUSTNESS = frozenset({"ENUMERATION_LIMIT", "PortfolioRobustnessResult", "portfolio_robustness"})


def __getattr__(name: str) -> object:
    if name in _ROBUSTNESS:
        from . import robustness

        return getattr(robustness, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ENUMERATION_LIMIT",
    "PortfolioProblem",
    "PortfolioResult",
    "PortfolioRobustnessResult",
    "optimal_portfolio",
    "portfolio_robustness",
]
