"""Rank statistics: Kendall's tau (scipy oracle), the Kemeny distance and Kemeny-Young."""

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import kendalltau, rankdata

from pathchoice.ranking import KEMENY_EXACT_MAX, kemeny_distance, kemeny_young, kendall_taus
from pathchoice.ranking.agreement import kemeny_distances

rankings = st.integers(2, 7).flatmap(
    lambda m: st.lists(
        st.lists(st.integers(0, m), min_size=m, max_size=m).map(
            lambda r: rankdata(r, method="min").astype(int)
        ),
        min_size=1,
        max_size=5,
    ).map(np.array)
)


def brute_force(ranks):
    """Smallest total Kemeny distance over every strict order (the definition)."""
    m = ranks.shape[1]
    best = None
    for order in itertools.permutations(range(m)):
        positions = np.empty(m, dtype=int)
        positions[list(order)] = np.arange(1, m + 1)
        total = sum(kemeny_distance(positions, r) for r in ranks)
        best = total if best is None else min(best, total)
    return best


@given(rankings)
def test_kendall_tau_equals_scipy(ranks):
    taus = kendall_taus(ranks)
    for a, b in itertools.combinations(range(len(ranks)), 2):
        if np.ptp(ranks[a]) and np.ptp(ranks[b]):
            expected = kendalltau(ranks[a], ranks[b]).statistic
            np.testing.assert_allclose(taus[a, b], expected, rtol=0, atol=1e-12)
        else:
            assert np.isnan(taus[a, b])


@given(rankings)
def test_kemeny_distance_is_a_metric(ranks):
    d = kemeny_distances(ranks)
    np.testing.assert_array_equal(d, d.T)
    assert (np.diag(d) == 0).all()
    k = len(ranks)
    for a, b, c in itertools.product(range(k), repeat=3):
        assert d[a, c] <= d[a, b] + d[b, c]


@given(st.integers(2, 8).flatmap(lambda m: st.permutations(range(1, m + 1))))
def test_kemeny_distance_of_strict_orders_is_twice_the_discordant_pairs(order):
    """Without ties, d = 2 * discordant pairs = (1 - tau) * m (m - 1) / 2."""
    x = np.arange(1, len(order) + 1)
    y = np.array(order)
    m = len(x)
    tau = kendalltau(x, y).statistic
    np.testing.assert_allclose(kemeny_distance(x, y), (1 - tau) * m * (m - 1) / 2, atol=1e-9)


@given(rankings)
def test_kemeny_young_is_the_optimum_by_brute_force(ranks):
    positions, distance, exact = kemeny_young(ranks)
    assert exact and sorted(positions) == list(range(1, ranks.shape[1] + 1))
    assert distance == sum(kemeny_distance(positions, r) for r in ranks)
    assert distance == brute_force(ranks)


def test_heuristic_above_the_exact_limit_is_locally_optimal():
    """Above KEMENY_EXACT_MAX alternatives: no adjacent swap lowers the distance (local
    Kemenisation, Dwork et al. 2001)."""
    rng = np.random.default_rng(0)
    m = KEMENY_EXACT_MAX + 3
    base = np.arange(1, m + 1)
    ranks = np.array([rankdata(base + rng.normal(0, 3, m), method="min") for _ in range(5)])
    positions, distance, exact = kemeny_young(ranks)
    assert not exact
    order = list(np.argsort(positions))
    for i in range(m - 1):
        swapped = positions.copy()
        swapped[order[i]], swapped[order[i + 1]] = positions[order[i + 1]], positions[order[i]]
        assert sum(kemeny_distance(swapped, r) for r in ranks) >= distance


def test_malformed_rankings_are_refused_naming_the_function():
    import pytest

    from pathchoice.exceptions import ArgumentError

    with pytest.raises(ArgumentError, match="kemeny_young: ranks must be 2-dimensional"):
        kemeny_young([1, 2, 3])
    with pytest.raises(ArgumentError, match=r"kendall_taus: ranks must be .* ranks >= 1"):
        kendall_taus([[0, 1], [1, 2]])
    with pytest.raises(ArgumentError, match="kemeny_distance: the two rankings must rank"):
        kemeny_distance([1, 2], [1, 2, 3])
    with pytest.raises(ArgumentError, match="not True/False"):
        kemeny_distances([[True, False]])
