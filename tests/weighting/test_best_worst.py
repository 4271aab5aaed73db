"""The Best-Worst Method: Rezaei's published cases, the consistency index, laws, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize

from pathchoice.exceptions import ContradictoryJudgementError, PairwiseMatrixError
from pathchoice.weighting import (
    BWM_CONSISTENCY_INDEX,
    BestWorstResult,
    best_worst_weights,
    bwm_consistency_index,
)

CAR = ["quality", "price", "comfort", "safety", "style"]


def test_rezaei_2016_example_1_consistent_both_models():
    # Rezaei (2016), Omega 64, Example 1 (buying a car; price best, style worst): the
    # comparisons are fully consistent (a_Bj * a_jW = a_BW = 8), so both models give the
    # weights w_j = a_jW / sum(a_W) exactly: 4/19, 8/19, 2/19, 4/19, 1/19 and ξ = 0.
    expected = np.array([4, 8, 2, 4, 1]) / 19
    for variant in ("nonlinear", "linear"):
        result = best_worst_weights(CAR, [2, 1, 4, 2, 8], [4, 8, 2, 4, 1], variant=variant)
        np.testing.assert_allclose(result.weights.to_numpy(), expected, atol=1e-7)
        assert result.xi == pytest.approx(0.0, abs=1e-9)
        assert (result.best, result.worst) == ("price", "style")
    assert result.consistency_ratio is None  # linear model: no published CI table
    nonlinear = best_worst_weights(CAR, [2, 1, 4, 2, 8], [4, 8, 2, 4, 1])
    assert nonlinear.consistency_ratio == pytest.approx(0.0, abs=1e-9)


def test_rezaei_2016_example_2_linear_model():
    # Rezaei (2016), Example 2: a_B = (2, 1, 4, 3, 8), a_W = (4, 8, 2, 3, 1); linear model
    # weights 0.2295, 0.4481, 0.1148, 0.1530, 0.0546 and ξ^L = 0.0109, printed to 4 places.
    result = best_worst_weights(CAR, [2, 1, 4, 3, 8], [4, 8, 2, 3, 1], variant="linear")
    np.testing.assert_allclose(
        result.weights.to_numpy(), [0.2295, 0.4481, 0.1148, 0.1530, 0.0546], atol=5e-5
    )
    assert result.xi == pytest.approx(0.0109, abs=5e-5)
    # the linear model's solution is unique (Rezaei 2016, section 3)
    intervals = result.weight_intervals
    np.testing.assert_allclose(intervals["lower"], intervals["upper"], atol=1e-5)


def test_consistency_index_table_is_the_root_rezaei_tabulates():
    # Rezaei (2015), Table 5, printed to 2 places, is the smaller root of
    # ξ² - (1 + 2 a_BW) ξ + (a_BW² - a_BW) = 0 (his equation for the maximum ξ).
    for a, ci in BWM_CONSISTENCY_INDEX.items():
        root = ((1 + 2 * a) - np.sqrt((1 + 2 * a) ** 2 - 4 * (a * a - a))) / 2
        assert ci == pytest.approx(root, abs=0.005)
        assert bwm_consistency_index(a) == ci
    assert bwm_consistency_index(2.5) == pytest.approx((6 - np.sqrt(21)) / 2)


def test_most_inconsistent_case_has_consistency_ratio_one():
    # Rezaei (2015), section 2.1: with a_Bj = a_jW = a_BW for the third criterion the
    # comparisons are as inconsistent as they can be, ξ* = CI and CR = 1 (up to Table 5's
    # 2-place rounding).
    for a in (3, 5, 9):
        result = best_worst_weights(["b", "j", "w"], [1, a, a], [a, a, 1])
        exact = ((1 + 2 * a) - np.sqrt(1 + 8 * a)) / 2
        assert result.xi == pytest.approx(exact, abs=1e-7)
        assert result.consistency_ratio == pytest.approx(1.0, abs=0.01)


def _ratio_error(w, a_b, a_w, b, wst):
    return max(np.max(np.abs(w[b] / w - a_b)), np.max(np.abs(w / w[wst] - a_w)))


comparisons = st.integers(3, 6).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.integers(2, 9), min_size=n - 2, max_size=n - 2),
        st.lists(st.integers(1, 9), min_size=n - 2, max_size=n - 2),
        st.integers(2, 9),
    )
)


@given(comparisons)
def test_nonlinear_optimum_is_global_and_feasible(case):
    n, to_others, to_worst, a_bw = case
    a_b = np.array([1.0, *to_others, a_bw])  # criterion 0 best, n-1 worst
    a_w = np.array([a_bw, *to_worst, 1.0])
    names = [f"c{i}" for i in range(n)]
    result = best_worst_weights(names, a_b, a_w, best="c0", worst=f"c{n - 1}")
    w = result.weights.to_numpy()
    assert abs(w.sum() - 1) < 1e-9 and np.all(w > 0)
    # the reported weights attain ξ* (within the optimal set's slack)
    assert _ratio_error(w, a_b, a_w, 0, n - 1) <= result.xi + 1e-5
    # no local search from several starts does better (scipy's SLSQP as an oracle)
    for seed in range(3):
        start = np.random.default_rng(seed).dirichlet(np.ones(n))
        res = minimize(
            lambda x: _ratio_error(x / x.sum(), a_b, a_w, 0, n - 1),
            start,
            method="Nelder-Mead",
            bounds=[(1e-6, 1)] * n,
            options={"maxiter": 4000, "xatol": 1e-9, "fatol": 1e-10},
        )
        assert res.fun >= result.xi - 1e-6
    ordinal = max(a_b.max(), a_w.max()) <= a_bw
    if ordinal:  # Rezaei's CI bounds ξ* when a_BW is the largest comparison
        assert 0 <= result.consistency_ratio <= 1.0 + 0.01
    else:
        assert any("disagree on the order" in f for f in result.findings)
    lower, upper = result.weight_intervals["lower"], result.weight_intervals["upper"]
    assert np.all(lower.to_numpy() <= w + 1e-9) and np.all(w <= upper.to_numpy() + 1e-9)


@given(comparisons)
def test_linear_model_is_feasible_and_no_worse_than_other_weights(case):
    n, to_others, to_worst, a_bw = case
    a_b = np.array([1.0, *to_others, a_bw])
    a_w = np.array([a_bw, *to_worst, 1.0])
    names = [f"c{i}" for i in range(n)]
    result = best_worst_weights(names, a_b, a_w, best="c0", worst=f"c{n - 1}", variant="linear")
    w = result.weights.to_numpy()
    linear_error = max(np.max(np.abs(w[0] - a_b * w)), np.max(np.abs(w - a_w * w[-1])))
    assert linear_error == pytest.approx(result.xi, abs=1e-7)
    other = np.full(n, 1.0 / n)
    assert (
        result.xi
        <= max(np.max(np.abs(other[0] - a_b * other)), np.max(np.abs(other - a_w * other[-1])))
        + 1e-9
    )


def test_result_shape_and_display():
    result = best_worst_weights(CAR, [2, 1, 4, 3, 8], [4, 8, 2, 3, 1])
    assert isinstance(result, BestWorstResult)
    assert list(result.to_frame().columns) == ["weight", "lower", "upper"]
    assert result.method == "best_worst" and result.variant == "nonlinear"
    assert "consistency ratio" in result.message
    assert "Best-Worst" in str(result)
    assert result.options["best_to_others"]["style"] == 8


def test_bad_input():
    with pytest.raises(ContradictoryJudgementError, match="same judgement"):
        best_worst_weights(CAR, [2, 1, 4, 3, 8], [4, 7, 2, 3, 1])
    with pytest.raises(PairwiseMatrixError, match=r"values must be >= 1.*'comfort' has 0.5"):
        best_worst_weights(CAR, [2, 1, 0.5, 3, 8], [4, 8, 2, 3, 1])
    with pytest.raises(PairwiseMatrixError, match="cannot tell which criterion is the best"):
        best_worst_weights(["a", "b", "c"], [1, 1, 3], [3, 3, 1])
    with pytest.raises(PairwiseMatrixError, match="compares 'a' with itself as 2"):
        best_worst_weights(["a", "b", "c"], [2, 2, 3], [3, 2, 1], best="a")
    assert best_worst_weights(["a", "b", "c"], [1, 1, 3], [3, 3, 1], best="a").best == "a"


def test_options_of_the_wrong_kind():
    from pathchoice.exceptions import ArgumentError

    with pytest.raises(ArgumentError, match="variant must be one of 'nonlinear', 'linear'"):
        best_worst_weights(CAR, [2, 1, 4, 3, 8], [4, 8, 2, 3, 1], variant="quadratic")
    with pytest.raises(ArgumentError, match="tol must be in"):
        best_worst_weights(CAR, [2, 1, 4, 3, 8], [4, 8, 2, 3, 1], tol=0)
    with pytest.raises(ArgumentError, match="criteria must be a Model or a sequence"):
        best_worst_weights("quality", [1], [1])
    with pytest.raises(ArgumentError, match="a_bw must be in"):
        bwm_consistency_index(0.5)
