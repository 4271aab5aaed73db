"""Interval and triangular fuzzy judgements: bounds by linear programming, sampling."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.ahp import (
    IntervalJudgements,
    ahp_weights,
    interval_weight_bounds,
    interval_weight_samples,
    sample_interval_matrices,
)
from pathchoice.exceptions import ArgumentError, ContradictoryJudgementError, PairwiseMatrixError


def test_two_labels_have_closed_form_bounds():
    # w_a / w_b in [l, u] with w_a + w_b = 1 gives w_a in [l / (1 + l), u / (1 + u)].
    r = interval_weight_bounds({("a", "b"): (2, 4)})
    np.testing.assert_allclose(r.lower, [2 / 3, 1 / 5], rtol=1e-9)
    np.testing.assert_allclose(r.upper, [4 / 5, 1 / 3], rtol=1e-9)
    assert r.is_feasible


def test_crisp_consistent_ranges_collapse_to_the_weights():
    w = np.array([0.5, 0.3, 0.2])
    labels = ["a", "b", "c"]
    ranges = {(labels[i], labels[j]): w[i] / w[j] for i, j in itertools.combinations(range(3), 2)}
    r = interval_weight_bounds(ranges)
    np.testing.assert_allclose(r.lower, w, atol=1e-9)
    np.testing.assert_allclose(r.upper, w, atol=1e-9)
    np.testing.assert_allclose(r.weights, w, rtol=1e-9)


@st.composite
def ranges_around_weights(draw):
    n = draw(st.integers(2, 6))
    logs = draw(st.lists(st.floats(-2.0, 2.0), min_size=n, max_size=n))
    w = np.exp(np.asarray(logs))
    w /= w.sum()
    labels = [f"c{i}" for i in range(n)]
    ranges = {}
    for i, j in itertools.combinations(range(n), 2):
        below = draw(st.floats(1.0, 3.0))
        above = draw(st.floats(1.0, 3.0))
        ranges[(labels[i], labels[j])] = (w[i] / w[j] / below, w[i] / w[j] * above)
    return ranges, w


@given(ranges_around_weights())
def test_bounds_contain_every_weight_vector_the_ranges_allow(case):
    ranges, w = case
    r = interval_weight_bounds(ranges)
    assert r.is_feasible
    assert (r.lower.to_numpy() <= w + 1e-9).all() and (w <= r.upper.to_numpy() + 1e-9).all()
    outside = (r.weights < r.lower - 1e-9) | (r.weights > r.upper + 1e-9)
    assert outside.any() == any("fall outside" in f for f in r.findings)


def test_inconsistent_ranges_are_a_finding():
    r = interval_weight_bounds({("a", "b"): (4, 5), ("b", "c"): (4, 5), ("a", "c"): (1, 2)})
    assert not r.is_feasible
    assert r.lower.isna().all() and r.upper.isna().all()
    assert any("ranges are inconsistent" in f for f in r.findings)


@given(ranges_around_weights(), st.sampled_from(["log_uniform", "log_triangular"]))
def test_samples_stay_within_the_ranges_and_are_reciprocal(case, distribution):
    ranges, _ = case
    judged = IntervalJudgements.from_judgements(ranges)
    s = sample_interval_matrices(judged, n_samples=64, rng=3, distribution=distribution)
    lo, hi = judged.lower, judged.upper
    assert ((s >= lo * (1 - 1e-12)) & (s <= hi * (1 + 1e-12))).all()
    np.testing.assert_allclose(s * np.swapaxes(s, 1, 2), 1.0, rtol=1e-12)
    again = sample_interval_matrices(judged, n_samples=64, rng=3, distribution=distribution)
    np.testing.assert_array_equal(s, again)


def test_log_triangular_samples_centre_on_the_most_likely_value():
    s = sample_interval_matrices(
        {("a", "b"): (1, 4, 8)}, n_samples=20000, rng=0, distribution="log_triangular"
    )
    logs = np.log(s[:, 0, 1])
    # Mean of a triangular distribution: (left + mode + right) / 3 in log terms.
    assert logs.mean() == pytest.approx((np.log(1) + np.log(4) + np.log(8)) / 3, abs=0.02)
    uniform = sample_interval_matrices({("a", "b"): (1, 8)}, n_samples=20000, rng=0)
    assert np.log(uniform[:, 0, 1]).mean() == pytest.approx(np.log(8) / 2, abs=0.02)


def test_weight_samples_are_labelled_and_fill_missing_pairs():
    w = interval_weight_samples(
        {("a", "b"): (2, 4), ("b", "c"): (1, 2)}, n_samples=300, rng=2, method="geometric_mean"
    )
    assert list(w.columns) == ["a", "b", "c"] and len(w) == 300
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    ratio = w["a"] / w["b"]
    assert ((ratio >= 2 - 1e-9) & (ratio <= 4 + 1e-9)).all()  # a-b is the only path: kept exactly


def test_most_likely_values_and_ranges():
    j = IntervalJudgements.from_judgements(
        {("a", "b"): (2, 3, 5), ("b", "c"): (1, 2), ("a", "c"): 6}
    )
    assert j.ranges()[("a", "b")] == (2.0, 3.0, 5.0)
    assert j.ranges()[("b", "c")][1] == pytest.approx(np.sqrt(2))
    assert j.midpoint.judgements()[("a", "c")] == 6.0
    assert ahp_weights(j.midpoint).n == 3
    with pytest.raises(AttributeError):
        j.labels = ("x",)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("ranges", "error", "pattern"),
    [
        ({("a", "b"): (4, 2)}, PairwiseMatrixError, "low to high"),
        ({("a", "b"): (0, 2)}, PairwiseMatrixError, "positive finite"),
        ({("a", "b"): (1, True)}, PairwiseMatrixError, "positive finite"),
        ({("a", "b"): "wide"}, PairwiseMatrixError, "must be a number, \\(low, high\\)"),
        ({("a", "b"): (1, 2, 3, 4)}, PairwiseMatrixError, "must be a number, \\(low, high\\)"),
        ({("a", "b"): (2, 3), ("b", "a"): (2, 3)}, ContradictoryJudgementError, "judged twice"),
    ],
)
def test_bad_ranges_name_the_pair(ranges, error, pattern):
    with pytest.raises(error, match=pattern) as info:
        IntervalJudgements.from_judgements(ranges)
    assert info.value.pair is not None


def test_bad_sampling_options():
    with pytest.raises(ArgumentError, match="n_samples"):
        sample_interval_matrices({("a", "b"): (1, 2)}, n_samples=0)
    with pytest.raises(ArgumentError, match="rng"):
        sample_interval_matrices({("a", "b"): (1, 2)}, n_samples=5, rng=-1)
    with pytest.raises(ArgumentError, match="distribution"):
        sample_interval_matrices({("a", "b"): (1, 2)}, n_samples=5, distribution="beta")  # type: ignore[arg-type]
