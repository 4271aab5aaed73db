"""Rank-based and SWING weights: Barron & Barrett's published values, laws, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice import Model
from pathchoice.exceptions import UnknownNameError, WeightsError
from pathchoice.weighting import RANK_METHODS, rank_weights, swing_weights

# Barron, F. H., & Barrett, B. E. (1996). Decision quality using ranked attribute weights.
# Management Science, 42(11), 1515-1523, Table 1 (ROC weights), printed to 4 places.
ROC_TABLE = {
    2: [0.7500, 0.2500],
    3: [0.6111, 0.2778, 0.1111],
    4: [0.5208, 0.2708, 0.1458, 0.0625],
    5: [0.4567, 0.2567, 0.1567, 0.0900, 0.0400],
}
# Rank sum (RS) and rank reciprocal (RR) weights for n = 4, worked by hand from their
# definitions (Stillwell, Seaver & Edwards 1981): RS = (4, 3, 2, 1) / 10,
# RR = (1, 1/2, 1/3, 1/4) / (25/12).
RS_4 = [0.4000, 0.3000, 0.2000, 0.1000]
RR_4 = [0.4800, 0.2400, 0.1600, 0.1200]


@pytest.mark.parametrize("n", sorted(ROC_TABLE))
def test_roc_matches_barron_barrett(n):
    names = [f"c{i}" for i in range(n)]
    result = rank_weights(names, list(range(1, n + 1)), "roc")
    np.testing.assert_allclose(result.weights.to_numpy(), ROC_TABLE[n], atol=5e-5)
    assert "rank order centroid" in result.message


def test_rank_sum_and_reciprocal_match_barron_barrett():
    names = list("abcd")
    np.testing.assert_allclose(
        rank_weights(names, [1, 2, 3, 4], "rank_sum").weights, RS_4, atol=5e-5
    )
    np.testing.assert_allclose(
        rank_weights(names, [1, 2, 3, 4], "rank_reciprocal").weights, RR_4, atol=5e-5
    )


def test_roc_is_the_centroid_of_the_ordered_simplex():
    # ROC is the mean of uniform weights sorted in decreasing order (Barron & Barrett 1996).
    rng = np.random.default_rng(5)
    w = -np.sort(-rng.dirichlet(np.ones(4), size=200_000), axis=1)
    se = w.std(axis=0) / np.sqrt(len(w))
    roc = rank_weights(list("abcd"), [1, 2, 3, 4]).weights.to_numpy()
    assert np.all(np.abs(w.mean(axis=0) - roc) < 4 * se)


@given(st.lists(st.integers(1, 6), min_size=1, max_size=8), st.sampled_from(sorted(RANK_METHODS)))
def test_laws_of_rank_weights(ranks, method):
    names = [f"c{i}" for i in range(len(ranks))]
    result = RANK_METHODS[method](names, ranks)
    w = result.weights.to_numpy()
    assert abs(w.sum() - 1) < 1e-12 and np.all(w > 0)
    r = np.asarray(ranks)
    # more important (smaller rank) never gets less weight; equal ranks get equal weight
    for i in range(len(r)):
        for j in range(len(r)):
            if r[i] < r[j]:
                assert w[i] > w[j] - 1e-15
            if r[i] == r[j]:
                assert w[i] == pytest.approx(w[j], abs=1e-15)


@given(st.permutations(range(1, 6)))
def test_rank_weights_follow_the_names(perm):
    names = list("abcde")
    by_name = dict(zip(names, perm, strict=True))
    a = rank_weights(names, list(perm)).weights
    b = rank_weights(names[::-1], by_name).weights
    assert a.equals(b.loc[names])


def test_model_gives_the_criterion_order():
    model = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [3, 2, 1]])
    result = rank_weights(model, {"z": 1, "x": 2, "y": 3})
    assert list(result.weights.index) == ["x", "y", "z"]
    assert result.weights.idxmax() == "z"
    assert result.options["ranks"] == {"x": 2, "y": 3, "z": 1}


def test_swing():
    result = swing_weights(["a", "b", "c"], [100, 50, 0])
    np.testing.assert_allclose(result.weights, [2 / 3, 1 / 3, 0])
    assert any("no weight" in f for f in result.findings)


def test_bad_input():
    with pytest.raises(WeightsError, match="ranks must be whole numbers >= 1; 'b' has 0"):
        rank_weights(["a", "b"], [1, 0])
    with pytest.raises(WeightsError, match="one value per criterion"):
        rank_weights(["a", "b"], [1, 2, 3])
    with pytest.raises(UnknownNameError, match="unknown criteria \\['q'\\]"):
        rank_weights(["a", "b"], {"a": 1, "q": 2})
    with pytest.raises(WeightsError, match="missing criteria \\['b'\\]"):
        rank_weights(["a", "b"], {"a": 1})
    with pytest.raises(UnknownNameError, match="method must be one of"):
        rank_weights(["a", "b"], [1, 2], "smarter")
    with pytest.raises(WeightsError, match="must hold numbers, not True/False"):
        rank_weights(["a", "b"], [True, 2])
    with pytest.raises(WeightsError, match="must get 100 points"):
        swing_weights(["a", "b"], [80, 50])
    with pytest.raises(WeightsError, match="in \\[0, 100\\]; 'b' has 120"):
        swing_weights(["a", "b"], [100, 120])
