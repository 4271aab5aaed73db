"""Global sensitivity (Sobol indices via SALib) of the top path's score and of its staying first.

Reference: for an additive output Y = sum_j w_j X_j with independent X_j ~ U(lo_j, hi_j)
the Sobol indices are known in closed form, S1_j = ST_j = w_j² (hi_j - lo_j)² / sum_k
w_k² (hi_k - lo_k)² (Saltelli et al. 2008, *Global Sensitivity Analysis: The Primer*,
§1.2.5, linear models): the weighted sum of raw values with fixed weights gives exactly
that output for the top path's cells.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathchoice import Model, ModelError, topsis
from pathchoice.exceptions import ArgumentError
from pathchoice.sensitivity.global_sensitivity import global_sensitivity
from pathchoice.study.datasets import china_japan

pytest.importorskip("SALib")


def weighted_sum(model, weights):
    return weights @ model.matrix.T


def test_linear_output_has_the_closed_form_indices():
    model = Model(["A", "B"], ["x", "y", "z"], [[9.0, 9.0, 9.0], [1.0, 1.0, 1.0]])
    w = np.array([0.5, 0.3, 0.2])
    lo, hi = model.matrix.copy(), model.matrix.copy()
    lo[0], hi[0] = [8.0, 7.0, 8.5], [10.0, 11.0, 9.5]
    lo[1], hi[1] = [0.5, 0.5, 0.5], [1.5, 1.5, 1.5]  # B's cells: no effect on A's score
    result = global_sensitivity(
        model, w, weight_spread=0, score_ranges=(lo, hi), method=weighted_sum,
        n_samples=4096, rng=1,
    )  # fmt: skip
    v = w**2 * (hi[0] - lo[0]) ** 2
    exact = dict(zip(["score: A / x", "score: A / y", "score: A / z"], v / v.sum(), strict=True))
    table = result.indices
    for name, value in exact.items():
        assert abs(table.loc[name, "S1"] - value) < 0.03
        assert abs(table.loc[name, "ST"] - value) < 0.03
    for j in "xyz":
        assert abs(table.loc[f"score: B / {j}", "ST"]) < 0.01
    assert result.top == "A" and result.n_evaluations == 4096 * (6 + 2)
    assert result.most_influential == ("score: A / y", "score: A / x")


@settings(max_examples=10)
@given(st.lists(st.floats(0.2, 3.0), min_size=2, max_size=4), st.integers(0, 2**16))
def test_an_additive_output_has_first_order_indices_summing_to_one(widths, seed):
    """Law: for an additive model all variance is first order, sum S1 = 1 (up to the
    estimator's error at N = 1024)."""
    n = len(widths)
    model = Model(["A", "B"], [f"c{j}" for j in range(n)], [[5.0] * n, [1.0] * n])
    low, high = model.matrix.copy(), model.matrix.copy()
    low[0] -= np.asarray(widths) / 2
    high[0] += np.asarray(widths) / 2
    w = np.full(n, 1 / n)
    result = global_sensitivity(
        model, w, weight_spread=0, score_ranges=(low, high), method=weighted_sum,
        n_samples=1024, rng=seed,
    )  # fmt: skip
    assert abs(result.indices["S1"].sum() - 1.0) < 0.1
    assert (result.indices["ST"] >= result.indices["S1"] - 0.05).all()


def test_china_japan_top_path_and_reproducibility():
    analysis = china_japan()
    model = analysis.decision_model()
    weights = analysis.weights().global_weights
    ranges = (np.maximum(model.matrix - 1, 0), np.minimum(model.matrix + 1, 10))
    a = global_sensitivity(model, weights, score_ranges=ranges, n_samples=256, rng=3)
    b = global_sensitivity(model, weights, score_ranges=ranges, n_samples=256, rng=3)
    assert a == b
    assert a.top == topsis(model, weights).best  # the top of the ranking analysed
    assert set(a.indices["kind"]) == {"weight", "score"}
    first = global_sensitivity(model, weights, output="top_first", n_samples=256, rng=3)
    assert 0 < first.output_mean <= 1 and first.output == "top_first"


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"weight_spread": 0}, ArgumentError, "nothing is uncertain"),
        ({"weight_spread": 1.0}, ArgumentError, r"weight_spread must be in \[0, 1\)"),
        ({"output": "rank"}, ArgumentError, "output must be one of"),
        ({"n_samples": 1}, ArgumentError, "n_samples must be a whole number >= 2"),
        ({"rng": "x"}, ArgumentError, "rng must be"),
        (
            {"score_ranges": (np.full((2, 2), 7.0), np.full((2, 2), 8.0))},
            ModelError,
            r"must contain the model's value: \['A', 'x'\] = 6",
        ),
    ],
)
def test_errors(kwargs, error, match):
    model = Model(["A", "B"], ["x", "y"], [[6.0, 4.0], [5.0, 5.0]])
    with pytest.raises(error, match=match):
        global_sensitivity(model, [0.5, 0.5], **kwargs)
