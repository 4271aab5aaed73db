"""The best portfolio for given values: a mixed-integer programme solved exactly.

``max sum_i v_i x_i`` over ``x in {0, 1}^m`` subject to the rules of a
:class:`~pathchoice.portfolio.problem.PortfolioProblem` (budgets, must-include
and must-exclude, requirements, exclusive groups, group minimums and maximums),
solved by :func:`scipy.optimize.milp` (HiGHS' branch and bound, with the
relative optimality gap set to 0, so to proven optimality rather than HiGHS'
default 0.01 %). The values are the alternatives' scores (e.g. TOPSIS closeness,
where more is better) or any other value per alternative.

References
----------
.. [1] Kleinmuntz, D. N. (2007). Resource allocation decisions. In W. Edwards,
   R. F. Miles & D. von Winterfeldt (Eds.), *Advances in Decision Analysis*,
   400–418. Cambridge University Press.
.. [2] Huangfu, Q., & Hall, J. A. J. (2018). Parallelizing the dual revised simplex
   method. *Mathematical Programming Computation*, 10(1), 119–142. (HiGHS.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_finite_array
from ..exceptions import ModelError, ResultTypeError, UnknownNameError
from ..results import RankingResult
from .problem import PortfolioProblem

__all__ = ["PortfolioResult", "optimal_portfolio"]


@dataclass(frozen=True, eq=False)
class PortfolioResult(FrozenResult, FrameDisplay):
    """The best portfolio for one set of values.

    Attributes
    ----------
    selected : tuple of str
        The chosen alternatives, in the problem's order.
    chosen : pandas.Series
        True/False per alternative.
    total_value : float
        The sum of the chosen alternatives' values.
    values : pandas.Series
        The value of each alternative used.
    usage : pandas.DataFrame
        One row per resource: ``used`` by the portfolio, ``budget`` (NaN if none),
        ``left``.
    method : str
        ``"milp"``.
    message : str
        A plain-language summary.
    findings : tuple of str
        Soft findings (e.g. alternatives of negative value that the rules force in).
    options : mapping
        How it was solved (solver status and message).
    """

    selected: tuple[str, ...]
    chosen: pd.Series
    total_value: float
    values: pd.Series
    usage: pd.DataFrame
    method: str
    message: str
    findings: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative: ``value`` and ``chosen``."""
        return pd.DataFrame({"value": self._raw("values"), "chosen": self._raw("chosen")})

    def _display_title(self) -> str:
        return "Best portfolio"

    def _display_notes(self) -> tuple[str, ...]:
        return (self.message, *self.findings)


def portfolio_values(problem: PortfolioProblem, values: Any, where: str) -> np.ndarray:
    """The value of each alternative in the problem's order, from a mapping, Series or result."""
    if isinstance(values, RankingResult):
        if not values.higher_is_better:
            raise ResultTypeError(
                f"{where}: the ranking's scores are better when lower ({values.method}); a "
                "portfolio adds values up, so give values where more is better"
            )
        values = values.scores
    if isinstance(values, pd.Series | Mapping):
        series = values if isinstance(values, pd.Series) else pd.Series(dict(values))
        unknown = [str(a) for a in series.index if a not in problem.alternatives]
        if unknown:
            raise UnknownNameError(
                f"{where}: values name unknown alternatives {unknown}; alternatives are "
                f"{list(problem.alternatives)}"
            )
        missing = [a for a in problem.alternatives if a not in series.index]
        if missing:
            raise ModelError(f"{where}: values are missing alternatives {missing}")
        raw = series.loc[list(problem.alternatives)].to_numpy(dtype=object)
    else:
        raw = values
    array = as_finite_array(
        raw, "values", where=where, ndim=1, labels=[problem.alternatives], error=ModelError
    )
    if array.shape != (problem.n_alternatives,):
        raise ModelError(
            f"{where}: values must have one number per alternative ({problem.n_alternatives}), "
            f"got {array.size}"
        )
    return array


def solve_milp(problem: PortfolioProblem, values: np.ndarray) -> tuple[np.ndarray, Any]:
    """The 0/1 choice vector maximising ``values @ x`` under the problem's rules."""
    # imported on first use: loading a model with costs (python -m pathchoice) needs no solver
    from scipy.optimize import Bounds, LinearConstraint, milp

    a, lower, upper, x_low, x_high = problem.linear_constraints()
    constraints = [LinearConstraint(a, lower, upper)] if len(a) else []
    res = milp(
        -values,
        constraints=constraints,
        integrality=np.ones(len(values)),
        bounds=Bounds(x_low, x_high),
        # HiGHS stops at a 0.01 % relative gap by default; a portfolio is solved to optimality
        options={"mip_rel_gap": 0.0},
    )
    if res.status != 0 or res.x is None:
        raise ModelError(
            "optimal_portfolio: no portfolio meets all the rules together (budgets, "
            f"requirements, groups); the solver says: {res.message}"
        )
    return np.round(res.x).astype(bool), res


def usage_frame(problem: PortfolioProblem, chosen: np.ndarray) -> pd.DataFrame:
    """Resources used by a portfolio, its budgets and what is left."""
    used = problem.resources.to_numpy().T @ chosen.astype(float)
    budgets = problem.budgets.reindex(list(problem.resource_names)).to_numpy(dtype=float)
    return pd.DataFrame(
        {"used": used, "budget": budgets, "left": budgets - used},
        index=pd.Index(list(problem.resource_names), name="resource"),
    )


def optimal_portfolio(problem: PortfolioProblem, values: Any) -> PortfolioResult:
    """The set of alternatives of greatest total value that meets every rule of ``problem``.

    Parameters
    ----------
    problem : PortfolioProblem
        Resources, budgets and rules.
    values : Series, mapping, array_like or RankingResult
        The value of each alternative, by name (or in the problem's order): e.g. the
        TOPSIS closeness of each path. A :class:`~pathchoice.results.RankingResult`
        gives its scores (only for methods whose higher scores are better).

    Returns
    -------
    PortfolioResult

    Raises
    ------
    ModelError
        Values missing or not finite, or no portfolio meeting all the rules together.
    UnknownNameError
        Values naming an unknown alternative.
    ResultTypeError
        A ranking whose scores are better when lower.

    Notes
    -----
    When several portfolios have the same greatest value, the solver returns one of
    them. Budgets are met to within 1e-9.

    References
    ----------
    .. [1] Kleinmuntz, D. N. (2007). Resource allocation decisions. In *Advances in
       Decision Analysis*, 400–418. Cambridge University Press.

    Examples
    --------
    >>> problem = PortfolioProblem({"A": 4.0, "B": 3.0, "C": 2.0}, budgets=6.0)
    >>> result = optimal_portfolio(problem, {"A": 0.9, "B": 0.5, "C": 0.45})
    >>> result.selected, round(result.total_value, 2)
    (('A', 'C'), 1.35)
    >>> result.usage.loc["cost"].tolist()
    [6.0, 6.0, 0.0]
    """
    where = "optimal_portfolio"
    if not isinstance(problem, PortfolioProblem):
        raise ResultTypeError(
            f"{where}: problem must be a PortfolioProblem (got {type(problem).__name__})"
        )
    v = portfolio_values(problem, values, where)
    chosen, res = solve_milp(problem, v)
    names = problem.alternatives
    selected = tuple(a for a, c in zip(names, chosen, strict=True) if c)
    total = float(v[chosen].sum())
    findings = []
    negative = [a for a in selected if v[names.index(a)] < 0]
    if negative:
        findings.append(f"the rules force in alternatives of negative value: {negative}")
    usage = usage_frame(problem, chosen)
    spent = "; ".join(
        f"{r} {row.used:g} of {row.budget:g}"
        for r, row in usage.iterrows()
        if np.isfinite(row.budget)
    )
    message = (
        f"The best portfolio holds {len(selected)} of {len(names)} alternatives "
        f"({', '.join(selected) or 'none'}), total value {total:.4g}"
        + (f"; uses {spent}." if spent else ".")
    )
    index = pd.Index(list(names), name="alternative")
    return PortfolioResult(
        selected=selected,
        chosen=pd.Series(chosen, index=index, name="chosen"),
        total_value=total,
        values=pd.Series(v, index=index, name="value"),
        usage=usage,
        method="milp",
        message=message,
        findings=tuple(findings),
        options={"status": int(res.status), "solver_message": str(res.message)},
    )
