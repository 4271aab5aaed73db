"""Portfolios under a budget: brute-force agreement, the rules, robustness, bad input."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathchoice import Model, topsis
from pathchoice.exceptions import ArgumentError, ModelError, ResultTypeError, UnknownNameError
from pathchoice.portfolio import (
    PortfolioProblem,
    PortfolioResult,
    PortfolioRobustnessResult,
    optimal_portfolio,
    portfolio_robustness,
)
from pathchoice.ranking import rank_batch
from pathchoice.sensitivity.sampling import uniform_weights


def brute_force(values, costs, budget, include, exclude, requires, exclusive, group, at_least):
    """The greatest total value over all 2**m subsets, checking each rule directly."""
    m = len(values)
    subsets = np.array(list(itertools.product([0, 1], repeat=m)), dtype=bool)
    ok = subsets @ costs <= budget + 1e-9
    for i in include:
        ok &= subsets[:, i]
    for i in exclude:
        ok &= ~subsets[:, i]
    for a, b in requires:
        ok &= ~subsets[:, a] | subsets[:, b]
    for g in exclusive:
        ok &= subsets[:, g].sum(axis=1) <= 1
    if group:
        ok &= subsets[:, group].sum(axis=1) >= at_least
    if not ok.any():
        return None
    totals = np.where(ok, subsets @ values, -np.inf)
    return float(totals.max())


@st.composite
def problems(draw):
    m = draw(st.integers(1, 15))
    values = np.array(draw(st.lists(st.integers(-2, 20), min_size=m, max_size=m)), float)
    costs = np.array(draw(st.lists(st.integers(0, 10), min_size=m, max_size=m)), float)
    budget = float(draw(st.integers(0, 40)))
    idx = st.integers(0, m - 1)
    include = sorted(set(draw(st.lists(idx, max_size=2))))
    exclude = sorted(set(draw(st.lists(idx, max_size=2))) - set(include))
    requires = [(a, b) for a, b in draw(st.lists(st.tuples(idx, idx), max_size=3)) if a != b]
    exclusive = [
        sorted(set(g)) for g in draw(st.lists(st.lists(idx, min_size=2, max_size=4), max_size=2))
    ]
    group = sorted(set(draw(st.lists(idx, max_size=5))))
    at_least = draw(st.integers(0, len(group))) if group else 0
    return values, costs, budget, include, exclude, requires, exclusive, group, at_least


@settings(max_examples=60)
@given(problems())
def test_equals_brute_force_enumeration(case):
    values, costs, budget, include, exclude, requires, exclusive, group, at_least = case
    names = [f"p{i}" for i in range(len(values))]
    expected = brute_force(*case)
    kwargs = dict(
        include=[names[i] for i in include],
        exclude=[names[i] for i in exclude],
        requires=[(names[a], names[b]) for a, b in requires],
        exclusive=[[names[i] for i in g] for g in exclusive],
        groups={"g": [names[i] for i in group]} if group else None,
        at_least={"g": at_least} if group else None,
    )
    try:
        problem = PortfolioProblem(dict(zip(names, costs, strict=True)), budget, **kwargs)
        result = optimal_portfolio(problem, values)
    except ModelError:
        assert expected is None  # refused only when no portfolio meets the rules
        return
    assert expected is not None
    assert result.total_value == pytest.approx(expected, abs=1e-9)
    chosen = result.chosen.to_numpy()
    assert problem.feasible(chosen[None, :].astype(float))[0]
    assert result.usage.loc["cost", "used"] <= budget + 1e-9
    # the vectorised enumeration used by the robustness analysis agrees
    from pathchoice.portfolio.robustness import all_feasible, best_by_enumeration

    best = best_by_enumeration(values[None, :], all_feasible(problem))[0]
    assert float(values[best].sum()) == pytest.approx(expected, abs=1e-9)


def test_small_knapsack_checked_by_hand():
    # Values 10, 7, 6, 1, costs 5, 4, 3, 1, budget 8. The subsets within budget of
    # greatest value: {A, C} (cost 8, value 16), {A, D} (11), {B, C, D} (14), {A, B} is
    # over budget (9). So {A, C}.
    problem = PortfolioProblem({"A": 5, "B": 4, "C": 3, "D": 1}, budgets=8)
    result = optimal_portfolio(problem, {"A": 10, "B": 7, "C": 6, "D": 1})
    assert result.selected == ("A", "C")
    assert result.total_value == 16
    assert isinstance(result, PortfolioResult)
    assert "total value 16" in result.message


def test_rules_change_the_answer():
    costs = {"A": 5, "B": 4, "C": 3, "D": 1}
    values = {"A": 10, "B": 7, "C": 6, "D": 1}
    assert optimal_portfolio(PortfolioProblem(costs, 8, include=["B"]), values).selected == (
        "B",
        "C",
        "D",
    )
    assert optimal_portfolio(PortfolioProblem(costs, 8, exclude=["A"]), values).selected == (
        "B",
        "C",
        "D",
    )
    assert optimal_portfolio(
        PortfolioProblem(costs, 8, requires=[("A", "D")]), values
    ).selected in {
        ("A", "D"),
        ("B", "C", "D"),
    }
    assert optimal_portfolio(
        PortfolioProblem(costs, 8, exclusive=[["A", "C"]]), values
    ).selected == (
        "B",
        "C",
        "D",
    )
    grouped = PortfolioProblem(costs, 8, groups={"small": ["C", "D"]}, at_least={"small": 2})
    assert optimal_portfolio(grouped, values).selected == ("B", "C", "D")
    capped = PortfolioProblem(costs, 100, groups={"all": list(costs)}, at_most={"all": 2})
    assert optimal_portfolio(capped, values).selected == ("A", "B")


def test_several_resources_and_a_ranking_as_values():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    resources = pd.DataFrame({"cost": [3, 2, 2], "staff": [1, 2, 2]}, index=["A", "B", "C"])
    problem = PortfolioProblem(resources, {"cost": 4, "staff": 3})
    # A + B costs 5 > 4, A + C costs 5 > 4, B + C needs 4 staff > 3: one path only,
    # and B has the greatest TOPSIS closeness at equal weights.
    result = optimal_portfolio(problem, topsis(model, [0.5, 0.5]))
    assert result.selected == ("B",)
    assert list(result.usage.columns) == ["used", "budget", "left"]
    assert (result.usage["left"] >= -1e-9).all()
    vikor = pytest.importorskip("pathchoice.ranking").rank(model, [0.5, 0.5], "vikor")
    with pytest.raises(ResultTypeError, match="better when lower"):
        optimal_portfolio(problem, vikor)


def test_rules_that_cannot_be_met_are_refused_by_name():
    costs = {"A": 5, "B": 4, "C": 3}
    with pytest.raises(ModelError, match=r"\['A'\] are both included and excluded"):
        PortfolioProblem(costs, 8, include=["A"], exclude=["A"])
    with pytest.raises(ModelError, match=r"need \['C'\], which are excluded"):
        PortfolioProblem(costs, 8, include=["A"], requires=[("A", "B"), ("B", "C")], exclude=["C"])
    with pytest.raises(ModelError, match="use 9 of 'cost', over its budget of 8"):
        PortfolioProblem(costs, 8, include=["A", "B"])
    with pytest.raises(ModelError, match="one exclusive group"):
        PortfolioProblem(costs, 20, include=["A", "B"], exclusive=[["A", "B"]])
    with pytest.raises(ModelError, match="needs at least 3 but only 2"):
        PortfolioProblem(costs, 20, groups={"g": ["A", "B"]}, at_least={"g": 3})
    with pytest.raises(UnknownNameError, match=r"unknown alternatives \['Z'\]"):
        PortfolioProblem(costs, 8, include=["Z"])
    with pytest.raises(UnknownNameError, match="unknown group 'h'"):
        PortfolioProblem(costs, 8, groups={"g": ["A"]}, at_least={"h": 1})
    with pytest.raises(ModelError, match=r"resources must hold finite numbers: \['B', 'cost'\]"):
        PortfolioProblem({"A": 1, "B": float("nan")}, 3)
    with pytest.raises(ModelError, match="no portfolio meets all the rules"):
        problem = PortfolioProblem(costs, 8, groups={"g": ["A", "B"]}, at_least={"g": 2})
        optimal_portfolio(problem, {"A": 1, "B": 1, "C": 1})
    problem = PortfolioProblem(costs, 8)
    with pytest.raises(ModelError, match=r"missing alternatives \['C'\]"):
        optimal_portfolio(problem, {"A": 1, "B": 2})
    with pytest.raises(ModelError, match=r"values must hold numbers: \['B'\] is 'x'"):
        optimal_portfolio(problem, {"A": 1, "B": "x", "C": 1})


def test_robustness_matches_a_per_sample_reference():
    # The membership equals solving every sample's portfolio one by one with milp.
    model = Model(
        ["A", "B", "C", "D", "E"],
        ["x", "y", "z"],
        [[1, 9, 4], [6, 6, 5], [9, 1, 2], [5, 5, 9], [3, 7, 7]],
    )
    problem = PortfolioProblem(
        {"A": 3, "B": 4, "C": 2, "D": 5, "E": 3}, budgets=9, exclusive=[["A", "C"]]
    )
    w = uniform_weights(model, n_samples=300, rng=4).values
    result = portfolio_robustness(problem, model, w)
    assert isinstance(result, PortfolioRobustnessResult)
    assert result.solver == "enumerate" and result.n_samples == 300
    scores = rank_batch(model, w).scores
    chosen = np.array(
        [
            optimal_portfolio(problem, dict(zip(model.alternatives, s, strict=True))).chosen
            for s in scores
        ]
    )
    np.testing.assert_allclose(result.membership, chosen.mean(axis=0))
    by_milp = portfolio_robustness(problem, model, w, solver="milp")
    np.testing.assert_allclose(by_milp.membership, result.membership)
    assert result.portfolios["share"].sum() <= 1 + 1e-12
    assert result.portfolios["share"].is_monotonic_decreasing


def test_robustness_with_sampled_performance_and_fixed_weights():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    problem = PortfolioProblem({"A": 1, "B": 1, "C": 1}, budgets=1)
    rng = np.random.default_rng(0)
    tables = model.matrix[None] + rng.normal(0, 2.0, (500, 3, 2))
    result = portfolio_robustness(problem, model, [0.5, 0.5], performance=tables)
    assert result.n_samples == 500
    assert result.membership.sum() == pytest.approx(1.0)  # one path funded per sample
    assert result.options["performance"] == "given"
    with pytest.raises(ResultTypeError, match="better when lower"):
        portfolio_robustness(problem, model, n_samples=10, method="vikor", rng=0)
    other = Model(["A", "B", "Z"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    with pytest.raises(ModelError, match="are not the model's"):
        portfolio_robustness(problem, other, n_samples=10)


@settings(max_examples=30)
@given(problems(), st.integers(1, 10), st.floats(0.1, 10.0))
def test_laws_more_budget_never_hurts_and_scaling_values(case, extra, factor):
    values, costs, budget, include, exclude, requires, exclusive, _, _ = case
    names = [f"p{i}" for i in range(len(values))]
    rules = dict(
        include=[names[i] for i in include],
        exclude=[names[i] for i in exclude],
        requires=[(names[a], names[b]) for a, b in requires],
        exclusive=[[names[i] for i in g] for g in exclusive],
    )
    costs_by_name = dict(zip(names, costs, strict=True))
    try:
        tight = optimal_portfolio(PortfolioProblem(costs_by_name, budget, **rules), values)
    except ModelError:
        return
    loose = optimal_portfolio(PortfolioProblem(costs_by_name, budget + extra, **rules), values)
    assert loose.total_value >= tight.total_value - 1e-9
    scaled = optimal_portfolio(PortfolioProblem(costs_by_name, budget, **rules), values * factor)
    assert scaled.total_value == pytest.approx(tight.total_value * factor, abs=1e-7)


@settings(max_examples=15)
@given(
    st.integers(2, 7).flatmap(
        lambda m: st.tuples(
            st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=2), min_size=m, max_size=m),
            st.lists(st.integers(1, 5), min_size=m, max_size=m),
            st.integers(1, 12),
        )
    )
)
def test_robustness_enumeration_equals_milp(case):
    table, costs, budget = case
    m = len(table)
    names = [f"p{i}" for i in range(m)]
    model = Model(names, ["x", "y"], np.asarray(table, float) + np.arange(m)[:, None] * 1e-3)
    problem = PortfolioProblem(dict(zip(names, map(float, costs), strict=True)), float(budget))
    w = uniform_weights(model, n_samples=50, rng=1).values
    scores = rank_batch(model, w).scores
    from pathchoice.portfolio.robustness import all_feasible, best_by_enumeration, best_by_milp

    by_enumeration = best_by_enumeration(scores, all_feasible(problem))
    by_milp, _ = best_by_milp(problem, scores)
    # the best totals agree sample by sample (the sets may differ only where optima tie)
    np.testing.assert_allclose(
        (scores * by_enumeration).sum(axis=1), (scores * by_milp).sum(axis=1), atol=1e-9
    )
    a = portfolio_robustness(problem, model, w, solver="enumerate")
    assert np.all((a.membership >= 0) & (a.membership <= 1))
    assert a.portfolios["share"].sum() <= 1 + 1e-12
    np.testing.assert_allclose(a.membership, by_enumeration.mean(axis=0))


def test_arguments_of_the_wrong_kind():
    with pytest.raises(ArgumentError, match=r"requires must hold pairs \(a, b\)"):
        PortfolioProblem({"A": 1, "B": 2}, 3, requires=[3])
    with pytest.raises(ArgumentError, match="exclusive must be alternative names"):
        PortfolioProblem({"A": 1, "B": 2}, 3, exclusive=[3])
    with pytest.raises(ArgumentError, match="budgets must be a mapping"):
        PortfolioProblem(pd.DataFrame({"cost": [1, 2], "staff": [1, 1]}, index=["A", "B"]), 3)
    with pytest.raises(ModelError, match="budgets must hold numbers, not True/False"):
        PortfolioProblem({"A": 1, "B": 2}, True)
    with pytest.raises(ArgumentError, match="resources must be a DataFrame"):
        PortfolioProblem([1, 2], 3)
    problem = PortfolioProblem({"A": 1, "B": 2}, 3)
    model = Model(["A", "B"], ["x"], [[1], [2]])
    with pytest.raises(ArgumentError, match="n_samples must be a whole number"):
        portfolio_robustness(problem, model, n_samples=0)
    with pytest.raises(ArgumentError, match="solver must be one of"):
        portfolio_robustness(problem, model, n_samples=5, solver="greedy")
