"""Portfolio robustness: how often each alternative belongs to the best portfolio under SMAA.

A best portfolio computed from one set of weights can hide how fragile it is.
:func:`portfolio_robustness` samples weights (uniform on the simplex by default,
or any sampler or samples of :mod:`pathchoice.sensitivity.sampling`) and,
optionally, performance tables; scores every sample with a ranking method
(:func:`pathchoice.sensitivity.evaluate.evaluate`, batched); finds the best
portfolio of every sample; and reports the share of samples in which each
alternative is in the best portfolio (its *membership*, with a binomial standard
error) and the most frequent best portfolios. This is SMAA's acceptability idea
(Lahdelma & Salminen 2001) applied to portfolios, as in Liesiö, Mild & Salo's
robust portfolio modelling (2007), here with sampled rather than set-valued
weights.

How the best portfolio of every sample is found, exactly either way:

* ``"enumerate"`` (the default up to :data:`ENUMERATION_LIMIT` alternatives): every
  subset is checked against the rules once, vectorised; then for a block of
  samples the totals of all feasible portfolios are one matrix product and the
  best is an ``argmax`` per row — no loop over samples;
* ``"milp"`` (more alternatives): one :func:`scipy.optimize.milp` per distinct
  score vector (samples with the same scores are solved once). The best portfolio
  depends on the values themselves, not only on their order, once a budget binds,
  so samples are not grouped by ranking.

References
----------
.. [1] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
   acceptability analysis for group decision making. *Operations Research*,
   49(3), 444–454.
.. [2] Liesiö, J., Mild, P., & Salo, A. (2007). Preference programming for robust
   portfolio modeling and project selection. *European Journal of Operational
   Research*, 181(3), 1488–1505.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_count, as_rng
from ..exceptions import ModelError, ResultTypeError
from ..model import Model
from ..sensitivity.evaluate import evaluate
from ..sensitivity.sampling.simplex import uniform_draw
from ..weights import check_weights
from .optimal import solve_milp
from .problem import PortfolioProblem

__all__ = ["ENUMERATION_LIMIT", "PortfolioRobustnessResult", "portfolio_robustness"]

#: Up to this many alternatives the feasible portfolios are enumerated (2**16 subsets).
ENUMERATION_LIMIT = 16

# Floats held at once by a block of portfolio totals (samples × feasible portfolios).
_BLOCK = 4_000_000


@dataclass(frozen=True, eq=False)
class PortfolioRobustnessResult(FrozenResult, FrameDisplay):
    """How often each alternative, and each portfolio, is best under sampled weights.

    Attributes
    ----------
    membership : pandas.Series
        The share of samples in which each alternative is in the best portfolio.
    membership_se : pandas.Series
        Binomial standard errors ``sqrt(p (1 - p) / N)``.
    portfolios : pandas.DataFrame
        The most frequent best portfolios, most frequent first (index 1, 2, ...):
        ``portfolio`` (tuple of names), ``share``, ``share_se``, ``size`` and the use
        of each resource.
    n_samples : int
        Number of samples ``N``.
    method : str
        The ranking method whose scores are the values.
    solver : str
        ``"enumerate"`` or ``"milp"``.
    message : str
        A plain-language summary.
    findings : tuple of str
        Soft findings (e.g. alternatives never in the best portfolio).
    options : mapping
        The method's options, ``weights`` and ``performance`` (how they were given),
        ``feasible_portfolios`` (enumerate) or ``distinct_score_vectors`` (milp).
    """

    membership: pd.Series
    membership_se: pd.Series
    portfolios: pd.DataFrame
    n_samples: int
    method: str
    solver: str
    message: str
    findings: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative: ``membership`` and ``membership_se``."""
        return pd.DataFrame(
            {"membership": self._raw("membership"), "membership_se": self._raw("membership_se")}
        )

    def _display_title(self) -> str:
        return "Portfolio robustness (share of samples in the best portfolio)"

    def _display_notes(self) -> tuple[str, ...]:
        return (self.message, *self.findings)


def all_feasible(problem: PortfolioProblem) -> np.ndarray:
    """Every feasible portfolio as rows of 0/1 (enumerated; at most 2**ENUMERATION_LIMIT)."""
    m = problem.n_alternatives
    codes = np.arange(2**m, dtype=np.int64)
    subsets = ((codes[:, None] >> np.arange(m)) & 1).astype(np.float64)
    return subsets[problem.feasible(subsets)]


def best_by_enumeration(scores: np.ndarray, feasible: np.ndarray) -> np.ndarray:
    """The best feasible portfolio of every row of ``scores`` (rows of 0/1), vectorised."""
    if len(feasible) == 0:
        raise ModelError("portfolio_robustness: no portfolio meets all the rules together")
    best = np.empty(len(scores), dtype=np.int64)
    step = max(1, _BLOCK // len(feasible))
    for start in range(0, len(scores), step):  # blocks bound memory, not a per-sample loop
        block = scores[start : start + step] @ feasible.T
        best[start : start + step] = np.argmax(block, axis=1)
    return feasible[best].astype(bool)


def best_by_milp(problem: PortfolioProblem, scores: np.ndarray) -> tuple[np.ndarray, int]:
    """The best portfolio of every row of ``scores`` by one MILP per distinct row."""
    distinct, inverse = np.unique(scores, axis=0, return_inverse=True)
    solved = np.array([solve_milp(problem, row)[0] for row in distinct]).reshape(len(distinct), -1)
    return solved[inverse.reshape(-1)], len(distinct)


def _draw(source: Any, n_samples: int, generator: np.random.Generator, n: int) -> Any:
    if source is None:
        return uniform_draw(n_samples, n, generator)
    if hasattr(source, "draw"):  # a sampler object of pathchoice.sensitivity.sampling
        return source.draw(n_samples, generator)
    if callable(source):
        return source(n_samples=n_samples, rng=generator)
    return source


def _how(source: Any) -> str:
    """How samples were given: by a sampler (an object with ``draw`` or a callable), or as such."""
    return "sampler" if hasattr(source, "draw") or callable(source) else "given"


def portfolio_robustness(
    problem: PortfolioProblem,
    model: Model,
    weights: Any = None,
    *,
    n_samples: int = 2_000,
    method: str | Callable[..., Any] = "topsis",
    performance: Any = None,
    rng: int | np.random.Generator | np.random.SeedSequence | None = None,
    solver: Literal["auto", "enumerate", "milp"] = "auto",
    top: int = 10,
    **options: Any,
) -> PortfolioRobustnessResult:
    """Share of SMAA samples in which each alternative is in the best portfolio.

    Parameters
    ----------
    problem : PortfolioProblem
        Resources, budgets and rules; its alternatives must be the model's.
    model : Model
        The decision model whose scores are the alternatives' values.
    weights : None, array_like, DataFrame, vector or callable
        ``None``: ``n_samples`` weight vectors uniform on the simplex. An
        ``(N, n_criteria)`` array or DataFrame: the samples. One vector: fixed weights
        (with sampled performance). A sampler ``sampler(n_samples=k, rng=generator)``.
    n_samples : int, default 2,000
        Number of samples drawn (when weights are drawn or sampled).
    method : str or callable, default "topsis"
        The ranking method giving the values, as for
        :func:`~pathchoice.sensitivity.evaluate.evaluate`; its scores must be better
        when higher (TOPSIS closeness, WSM, ...).
    performance : None, array or callable
        Sampled performance tables ``(N, m, n)`` or a sampler, paired with the weights.
    rng : int, Generator, SeedSequence or None
        Seed or generator for the samples drawn here.
    solver : {"auto", "enumerate", "milp"}, default "auto"
        How each sample's best portfolio is found (both exact; see the module notes).
        ``"auto"``: enumerate up to :data:`ENUMERATION_LIMIT` alternatives.
    top : int, default 10
        How many of the most frequent portfolios to list.
    **options
        The ranking method's options.

    Returns
    -------
    PortfolioRobustnessResult

    Raises
    ------
    ModelError
        The problem's and the model's alternatives differ, or no portfolio meets the
        rules, or ``"enumerate"`` asked for above :data:`ENUMERATION_LIMIT`.
    ResultTypeError
        A method whose scores are better when lower, or ``problem`` of the wrong type.
    ArgumentError
        Bad ``n_samples``, ``top``, ``solver`` or ``rng``.

    References
    ----------
    .. [1] Lahdelma, R., & Salminen, P. (2001). SMAA-2. *Operations Research*, 49(3),
       444–454.
    .. [2] Liesiö, J., Mild, P., & Salo, A. (2007). Preference programming for robust
       portfolio modeling and project selection. *European Journal of Operational
       Research*, 181(3), 1488–1505.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    >>> problem = PortfolioProblem({"A": 1.0, "B": 1.0, "C": 1.0}, budgets=2.0)
    >>> result = portfolio_robustness(problem, model, n_samples=4000, rng=0)
    >>> result.membership.round(2).tolist()
    [0.48, 1.0, 0.52]
    >>> result.portfolios[["portfolio", "share"]]
         portfolio  share
    rank
    1       (B, C)  0.516
    2       (A, B)  0.484
    """
    where = "portfolio_robustness"
    if not isinstance(problem, PortfolioProblem):
        raise ResultTypeError(
            f"{where}: problem must be a PortfolioProblem (got {type(problem).__name__})"
        )
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    if set(model.alternatives) != set(problem.alternatives):
        raise ModelError(
            f"{where}: the problem's alternatives {list(problem.alternatives)} are not the "
            f"model's {list(model.alternatives)}"
        )
    n_samples = as_count(n_samples, "n_samples", where=where)
    top = as_count(top, "top", where=where)
    solver = as_choice(solver, "solver", ["auto", "enumerate", "milp"], where=where)  # type: ignore[assignment]
    m = problem.n_alternatives
    if solver == "enumerate" and m > ENUMERATION_LIMIT:
        raise ModelError(
            f"{where}: enumeration is for up to {ENUMERATION_LIMIT} alternatives (this problem "
            f"has {m}); use solver='milp'"
        )
    chosen_solver = (
        solver if solver != "auto" else ("enumerate" if m <= ENUMERATION_LIMIT else "milp")
    )
    generator = as_rng(rng, where=where)
    w = _draw(weights, n_samples, generator, model.n_criteria)
    p = (
        _draw(performance, n_samples, generator, model.n_criteria)
        if performance is not None
        else None
    )
    if isinstance(w, pd.Series | Mapping) or (not hasattr(w, "draw") and np.ndim(w) == 1):
        w = check_weights(w, model.criterion_names)[None, :]  # one vector, aligned by name
    elif isinstance(w, list | tuple):
        w = np.asarray(w, dtype=np.float64)  # rows in criterion order
    if isinstance(p, list | tuple):
        p = np.asarray(p, dtype=np.float64)
    batch = evaluate(model, w, method=method, performance=p, **options)
    if not batch.higher_is_better:
        raise ResultTypeError(
            f"{where}: the method's scores are better when lower ({batch.method}); a portfolio "
            "adds values up, so use a method whose higher scores are better"
        )
    order = [model.alternative_index(a) for a in problem.alternatives]
    scores = np.asarray(batch.scores)[:, order]
    total = len(scores)
    run: dict[str, Any] = {
        **{k: v for k, v in batch.options.items()},
        "weights": "uniform" if weights is None else _how(weights),
        "performance": "fixed" if performance is None else _how(performance),
    }
    if chosen_solver == "enumerate":
        feasible = all_feasible(problem)
        choices = best_by_enumeration(scores, feasible)
        run["feasible_portfolios"] = len(feasible)
    else:
        choices, distinct = best_by_milp(problem, scores)
        run["distinct_score_vectors"] = distinct
    names = problem.alternatives
    share = choices.mean(axis=0)
    se = np.sqrt(share * (1 - share) / total)
    index = pd.Index(list(names), name="alternative")
    portfolios = _portfolio_table(problem, choices, top)
    never = [a for a, s in zip(names, share, strict=True) if s == 0]
    always = [a for a, s in zip(names, share, strict=True) if s == 1]
    findings = []
    if never:
        findings.append(f"never in the best portfolio: {', '.join(never)}")
    leader = portfolios.iloc[0]
    message = (
        f"Over {total:,} samples, the most frequent best portfolio "
        f"({', '.join(leader['portfolio']) or 'none'}) is best in {leader['share']:.1%} of them"
        + (f"; always in it: {', '.join(always)}." if always else ".")
    )
    return PortfolioRobustnessResult(
        membership=pd.Series(share, index=index, name="membership"),
        membership_se=pd.Series(se, index=index, name="membership_se"),
        portfolios=portfolios,
        n_samples=total,
        method=batch.method,
        solver=chosen_solver,
        message=message,
        findings=tuple(findings),
        options=run,
    )


def _portfolio_table(problem: PortfolioProblem, choices: np.ndarray, top: int) -> pd.DataFrame:
    rows, counts = np.unique(choices, axis=0, return_counts=True)
    order = np.lexsort((np.arange(len(counts)), -counts))[:top]
    names = problem.alternatives
    total = len(choices)
    share = counts[order] / total
    used = rows[order].astype(float) @ problem.resources.to_numpy()
    frame = pd.DataFrame(
        {
            "portfolio": [
                tuple(a for a, c in zip(names, row, strict=True) if c) for row in rows[order]
            ],
            "share": share,
            "share_se": np.sqrt(share * (1 - share) / total),
            "size": rows[order].sum(axis=1).astype(int),
        },
        index=pd.RangeIndex(1, len(order) + 1, name="rank"),
    )
    for j, resource in enumerate(problem.resource_names):
        frame[resource] = used[:, j]
    return frame
