"""Exact acceptability of a weighted sum: known answers, Monte Carlo agreement, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pathchoice import Model
from pathchoice.exceptions import ArgumentError, ModelError, WeightsError
from pathchoice.sensitivity import smaa
from pathchoice.sensitivity.exact import (
    MAX_EXACT_CRITERIA,
    ExactAcceptabilityResult,
    exact_acceptability,
)
from pathchoice.sensitivity.sampling import uniform_weights


def _model(matrix, directions=None) -> Model:
    matrix = np.asarray(matrix, dtype=float)
    m, n = matrix.shape
    return Model(
        [f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], matrix, directions=directions
    )


def _monte_carlo(values: np.ndarray, n_samples: int, seed: int):
    """First-rank shares and central weights of a weighted sum under uniform weights."""
    criteria = [f"c{j}" for j in range(values.shape[1])]
    w = uniform_weights(criteria, n_samples=n_samples, rng=seed).values
    scores = w @ values.T
    first = scores >= scores.max(axis=1, keepdims=True) - 1e-12
    share = first / first.sum(axis=1, keepdims=True)
    acceptability = share.mean(axis=0)
    with np.errstate(invalid="ignore"):
        central = (share.T @ w) / share.sum(axis=0)[:, None]
    return acceptability, central, w, share


def test_two_criteria_known_answer():
    # Min-max value scores (0, 1), (5/8, 5/8), (1, 0): A first iff w_y > 5/8, C iff
    # w_x > 5/8, B in between; the central weights are the midpoints of the intervals.
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    result = exact_acceptability(model)
    assert isinstance(result, ExactAcceptabilityResult)
    np.testing.assert_allclose(result.first_rank_acceptability, [3 / 8, 1 / 4, 3 / 8], atol=1e-12)
    np.testing.assert_allclose(
        result.central_weights.to_numpy(), [[3 / 16, 13 / 16], [1 / 2, 1 / 2], [13 / 16, 3 / 16]]
    )
    np.testing.assert_allclose(result.weight_lower["x"], [0, 3 / 8, 5 / 8], atol=1e-9)
    np.testing.assert_allclose(result.weight_upper["x"], [3 / 8, 5 / 8, 1], atol=1e-9)
    np.testing.assert_allclose(result.best_margin, [3 / 8, 1 / 8, 3 / 8], atol=1e-9)
    assert result.never_first == ()


def test_two_alternatives_two_criteria():
    # A = (1, 0), B = (0, 1) after min-max: each is first on half of the segment.
    result = exact_acceptability(Model(["A", "B"], ["x", "y"], [[3, 1], [1, 3]]))
    np.testing.assert_allclose(result.first_rank_acceptability, [0.5, 0.5], atol=1e-12)
    np.testing.assert_allclose(result.central_weights.loc["A"], [0.75, 0.25], atol=1e-12)


@pytest.mark.parametrize("n", [3, 4, 5, 6])
def test_identity_table_centroids_are_rank_order_centroids(n):
    # Alternative i best only on criterion i: it is first where w_i is the largest weight,
    # 1/n of the simplex, and its central weight on criterion i is E[max of a uniform
    # simplex point] = (1/n) sum_k 1/k, the rank order centroid's first weight
    # (Barron & Barrett 1996); the other criteria share the rest equally.
    result = exact_acceptability(_model(np.eye(n)))
    np.testing.assert_allclose(result.first_rank_acceptability, 1 / n, atol=1e-10)
    top = np.sum(1 / np.arange(1, n + 1)) / n
    expected = np.full((n, n), (1 - top) / (n - 1))
    np.fill_diagonal(expected, top)
    np.testing.assert_allclose(result.central_weights.to_numpy(), expected, atol=1e-10)


def test_identical_and_dominated_alternatives():
    model = Model(["A", "B", "C", "D"], ["x", "y"], [[1, 9], [1, 9], [9, 1], [0, 0]])
    result = exact_acceptability(model)
    np.testing.assert_allclose(result.first_rank_acceptability, [0.25, 0.25, 0.5, 0], atol=1e-12)
    assert result.never_first == ("D",)
    assert result.best_margin["D"] < 0
    assert result.central_weights.loc["D"].isna().all()
    assert result.weight_lower.loc["D"].isna().all()
    assert any("identical value scores" in f for f in result.findings)
    assert "never first: D" in result.message


def test_cost_criteria_and_normalizations():
    model = Model(
        ["A", "B"], ["price", "quality"], [[200, 5], [300, 9]], directions={"price": "cost"}
    )
    result = exact_acceptability(model)
    np.testing.assert_allclose(result.values.to_numpy(), [[1, 0], [0, 1]])
    np.testing.assert_allclose(result.first_rank_acceptability, [0.5, 0.5])
    assert exact_acceptability(model, normalization="vector").normalization == "vector"
    with pytest.raises(ModelError, match="every criterion to be a benefit criterion"):
        exact_acceptability(model, normalization="none")
    with pytest.raises(ArgumentError, match="normalization must be one of"):
        exact_acceptability(model, normalization="zscore")


def test_refuses_above_the_stated_size():
    model = _model(np.random.default_rng(0).random((3, MAX_EXACT_CRITERIA + 1)))
    with pytest.raises(ModelError, match=f"up to {MAX_EXACT_CRITERIA} criteria.*smaa"):
        exact_acceptability(model)
    with pytest.raises(ModelError, match="model must be a Model"):
        exact_acceptability([[1, 2], [3, 4]])  # type: ignore[arg-type]


problems = hnp.arrays(
    np.float64,
    st.tuples(st.integers(2, 6), st.integers(2, 5)),
    elements=st.integers(0, 9).map(float),
)

N_MC = 40_000


@settings(max_examples=25)
@given(problems)
def test_agrees_with_monte_carlo_within_three_standard_errors(matrix):
    model = _model(matrix)
    result = exact_acceptability(model)
    exact = result.first_rank_acceptability.to_numpy()
    assert exact.sum() == pytest.approx(1.0, abs=1e-9)
    mc, central, w, share = _monte_carlo(result.values.to_numpy(), N_MC, seed=7)
    se = np.sqrt(np.maximum(exact * (1 - exact), 1 / N_MC) / N_MC)
    assert np.all(np.abs(mc - exact) <= 3 * se), (exact, mc)
    # central weights: within 4 standard errors of the sampled mean where enough samples
    for i in np.flatnonzero(exact > 0.1):
        weights_i = w[share[:, i] > 0]
        se_w = weights_i.std(axis=0) / np.sqrt(len(weights_i)) + 1e-12
        centre = result.central_weights.iloc[i].to_numpy()
        assert np.all(np.abs(central[i] - centre) <= 4 * se_w + 1e-9)
    # the weight bounds hold every sampled weight vector that puts the alternative first
    for i in range(model.n_alternatives):
        alone = w[share[:, i] == 1]
        if len(alone):
            assert np.all(alone >= result.weight_lower.iloc[i].to_numpy() - 1e-9)
            assert np.all(alone <= result.weight_upper.iloc[i].to_numpy() + 1e-9)
        if i in [model.alternative_index(a) for a in result.never_first]:
            assert share[:, i].sum() == 0


def test_agrees_with_smaa_weighted_sum():
    # pathchoice.smaa with pymcdm's WSM and the same min-max value scores.
    matrix = [[7, 3, 5], [4, 8, 2], [6, 6, 6], [9, 1, 4]]
    model = _model(matrix, directions=["benefit", "benefit", "cost"])
    exact = exact_acceptability(model).first_rank_acceptability.to_numpy()
    sampled = smaa(model, n_samples=4000, method="wsm", normalization_function="minmax", rng=3)
    b1 = sampled.first_rank_acceptability.to_numpy()
    se = np.sqrt(np.maximum(exact * (1 - exact), 1 / 4000) / 4000)
    assert np.all(np.abs(b1 - exact) <= 3 * se), (exact, b1)


def test_result_display_and_frame():
    result = exact_acceptability(Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]]))
    frame = result.to_frame()
    assert list(frame.columns[:2]) == ["first_rank_acceptability", "best_margin"]
    assert "Exact first-rank acceptability" in str(result)
    assert result.alternatives == ("A", "B", "C")


@settings(max_examples=20)
@given(problems, st.randoms(use_true_random=False), st.floats(0.5, 50.0))
def test_laws_criterion_order_and_units_do_not_matter(matrix, random, factor):
    model = _model(matrix)
    base = exact_acceptability(model)
    perm = list(range(model.n_criteria))
    random.shuffle(perm)
    shuffled = model.select(criteria=[model.criterion_names[j] for j in perm])
    other = exact_acceptability(shuffled)
    np.testing.assert_allclose(
        other.first_rank_acceptability, base.first_rank_acceptability, atol=1e-9
    )
    np.testing.assert_allclose(
        other.central_weights[list(base.central_weights.columns)].to_numpy(),
        base.central_weights.to_numpy(),
        atol=1e-8,
    )
    rescaled = model.with_performance(matrix * factor + 3.0)  # min-max ignores the unit
    np.testing.assert_allclose(
        exact_acceptability(rescaled).first_rank_acceptability,
        base.first_rank_acceptability,
        atol=1e-9,
    )


def test_weight_constraints_known_answer():
    # w_x >= w_y leaves w_x in [1/2, 1]: A (first for w_x < 3/8) never, B on [1/2, 5/8]
    # (a quarter of the region), C on [5/8, 1] (three quarters).
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    result = exact_acceptability(model, constraints=([[-1.0, 1.0]], [0.0]))
    np.testing.assert_allclose(result.first_rank_acceptability, [0, 0.25, 0.75], atol=1e-12)
    assert result.never_first == ("A",)
    np.testing.assert_allclose(result.central_weights.loc["B"], [9 / 16, 7 / 16])
    assert result.options["constrained_share_of_simplex"] == pytest.approx(0.5)
    frame = pd.DataFrame({"y": [1.0], "x": [-1.0]})  # the same constraint, by name
    again = exact_acceptability(model, constraints=(frame, [0.0]))
    assert again.first_rank_acceptability.equals(result.first_rank_acceptability)


def test_weight_constraints_that_leave_no_room():
    model = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [3, 2, 1]])
    with pytest.raises(WeightsError, match="leave no room"):
        exact_acceptability(model, constraints=([[1, 0, 0], [-1, 0, 0]], [0.2, -0.5]))
    with pytest.raises(WeightsError, match="must be \\(rows, 3\\)"):
        exact_acceptability(model, constraints=([[1, 0]], [0.2]))
    with pytest.raises(WeightsError, match="pair \\(A, b\\)"):
        exact_acceptability(model, constraints=[[1, 0, 0]])  # type: ignore[arg-type]


@settings(max_examples=15)
@given(problems)
def test_constrained_agrees_with_rejection_sampling(matrix):
    # Weights uniform on {w_0 >= w_1} ∩ simplex: sample uniformly and keep those rows.
    model = _model(matrix)
    n = model.n_criteria
    row = np.zeros(n)
    row[0], row[1] = -1.0, 1.0
    result = exact_acceptability(model, constraints=([row], [0.0]))
    exact = result.first_rank_acceptability.to_numpy()
    w = uniform_weights(model, n_samples=60_000, rng=11).values
    w = w[w[:, 0] >= w[:, 1]]
    scores = w @ result.values.to_numpy().T
    first = scores >= scores.max(axis=1, keepdims=True) - 1e-12
    mc = (first / first.sum(axis=1, keepdims=True)).mean(axis=0)
    se = np.sqrt(np.maximum(exact * (1 - exact), 1 / len(w)) / len(w))
    assert np.all(np.abs(mc - exact) <= 3 * se), (exact, mc)


def test_one_criterion():
    model = Model(["A", "B", "C"], ["x"], [[1], [3], [3]])
    result = exact_acceptability(model)
    np.testing.assert_allclose(result.first_rank_acceptability, [0, 0.5, 0.5])
    assert result.never_first == ("A",)
