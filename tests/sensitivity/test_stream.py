"""The counter-based random stream of the simplex samplers and the numba kernel.

Checked against SplitMix64's published outputs, against exact integer arithmetic, for
its statistical quality (uniform bits and values, independent streams, the simplex
distribution's moments and Beta(1, n - 1) marginals), and for the contract that the
numba kernel draws every block bit for bit as the samplers' numpy draw.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from pathchoice._core.kernels import stream
from pathchoice.sensitivity.sampling import IntervalSampler, OrdinalSampler, UniformSampler

MASK = (1 << 64) - 1
KEYS = st.integers(0, MASK).map(np.uint64)


def reference_hash(key: int, counter: int) -> int:
    """SplitMix64's output function on key + counter * golden, in Python's exact integers."""
    z = (key + counter * 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def test_published_splitmix64_outputs():
    """SplitMix64 seeded with 1234567 returns 6457827717110365317, 3203168211198807973,
    9817491932198370423, 4593380528125082431, 16408922859458223821 (Rosetta Code,
    "Pseudo-random numbers/Splitmix64", from Vigna's splitmix64.c): its i-th output is
    element i of the stream keyed 1234567, whose top 53 bits give the uniform."""
    published = [6457827717110365317, 3203168211198807973, 9817491932198370423,
                 4593380528125082431, 16408922859458223821]  # fmt: skip
    got = stream.uniform(np.uint64(1234567), np.arange(1, 6, dtype=np.uint64))
    expected = [(z >> 11) * 2.0**-53 for z in published]
    assert got.tolist() == expected
    assert [reference_hash(1234567, i) for i in range(1, 6)] == published


@given(key=KEYS, first=st.integers(0, 2**40))
def test_numpy_wraps_like_exact_integers(key, first):
    counters = np.arange(first, first + 8, dtype=np.uint64)
    expected = [(reference_hash(int(key), c) >> 11) * 2.0**-53 for c in range(first, first + 8)]
    assert stream.uniform(key, counters).tolist() == expected


def test_uniform_bits_and_values():
    """Every one of the 53 bits is 1 about half of the time, and the values fall evenly in
    100 bins (chi-square), over 400,000 elements of one stream (fixed key: no flakes)."""
    u = stream.uniform(np.uint64(20240611), np.arange(400_000, dtype=np.uint64))
    bits = (u * 2.0**53).astype(np.uint64)
    ones = np.array([((bits >> np.uint64(b)) & np.uint64(1)).sum() for b in range(53)])
    z = (ones - len(u) / 2) / np.sqrt(len(u) / 4)
    assert np.abs(z).max() < 4.5  # 53 two-sided tests at about 1e-5 each
    counts = np.bincount((u * 100).astype(int), minlength=100)
    assert stats.chisquare(counts).pvalue > 1e-4
    assert stats.kstest(u, "uniform").pvalue > 1e-4


def test_neighbouring_counters_and_keys_are_uncorrelated():
    """Consecutive elements, and the same elements of streams with neighbouring keys, have
    correlations within 5 standard errors of 0; distinct keys give distinct streams."""
    counters = np.arange(200_000, dtype=np.uint64)
    a = stream.uniform(np.uint64(7), counters)
    b = stream.uniform(np.uint64(8), counters)
    bound = 5 / np.sqrt(len(a))
    assert abs(np.corrcoef(a[:-1], a[1:])[0, 1]) < bound
    assert abs(np.corrcoef(a, b)[0, 1]) < bound
    assert not np.array_equal(a, b)


@pytest.mark.parametrize("n", [2, 3, 12])
def test_simplex_points_are_uniform_on_the_simplex(n):
    """Dirichlet(1, ..., 1) moments: mean 1/n, variance (n - 1) / (n**2 (n + 1)),
    covariance -1 / (n**2 (n + 1)) (Kotz, Balakrishnan & Johnson 2000, ch. 49), and every
    marginal Beta(1, n - 1) by a Kolmogorov–Smirnov test, at a fixed key."""
    w = stream.simplex_points(np.uint64(99), n, 0, 100_000)
    assert (w >= 0).all() and (w.sum(axis=1) == 1.0).all()
    se = np.sqrt((n - 1) / (n**2 * (n + 1)) / len(w))
    np.testing.assert_allclose(w.mean(axis=0), 1 / n, atol=5 * se)
    cov = np.cov(w, rowvar=False)
    var, off = (n - 1) / (n**2 * (n + 1)), -1 / (n**2 * (n + 1))
    expected = np.full((n, n), off) + np.eye(n) * (var - off)
    np.testing.assert_allclose(cov, expected, atol=0.03 * var)
    for j in range(n):
        assert stats.kstest(w[:, j], stats.beta(1, n - 1).cdf).pvalue > 1e-4


@given(key=KEYS, n=st.integers(1, 9), first=st.integers(0, 10_000), a=st.integers(0, 40),
       b=st.integers(0, 40))  # fmt: skip
def test_simplex_points_depend_only_on_their_index(key, n, first, a, b):
    """Samples first .. first + a + b in one call equal two calls split at a; each row sums
    to exactly 1 (the spacings of multiples of 2**-53 are exact)."""
    whole = stream.simplex_points(key, n, first, a + b)
    parts = np.vstack([stream.simplex_points(key, n, first, a),
                       stream.simplex_points(key, n, first + a, b)])  # fmt: skip
    np.testing.assert_array_equal(whole, parts)
    assert (whole >= 0).all() and (whole.sum(axis=1) == 1.0).all()


def test_stream_key_is_one_draw_of_the_generator():
    g, h = np.random.default_rng(3), np.random.default_rng(3)
    assert stream.stream_key(g) == np.uint64(h.bit_generator.random_raw())
    assert stream.stream_key(g) != stream.stream_key(np.random.default_rng(3))


def samplers() -> dict[str, object]:
    names = [f"c{j}" for j in range(7)]
    low = [0.1, 0.0, 0.1, 0.05, 0.0, 0.0, 0.1]
    high = [0.5, 0.4, 0.6, 0.3, 0.5, 0.2, 0.4]
    return {
        "uniform": UniformSampler(names),
        "ordinal": OrdinalSampler(names, ["c3", "c0", "c4", "c6"]),
        "interval": IntervalSampler(names, (low, high)),
        "two": UniformSampler(names[:2]),
        "one": OrdinalSampler(names[:1], ["c0"]),
    }


@pytest.mark.parametrize("kind", ["uniform", "ordinal", "interval", "two", "one"])
def test_the_kernel_draws_the_samplers_numbers_bit_for_bit(kind):
    """The numba kernel's draw of a block, 64 lanes at a time, equals the sampler's numpy
    draw of the block (same key) bit for bit, including a last partial group of lanes."""
    nk = pytest.importorskip("pathchoice._core.kernels.numba_kernels")
    sampler = samplers()[kind]
    size, n = 64 * 5 + 17, len(sampler.criteria)
    expected = sampler.draw(size, np.random.default_rng(11))
    params = sampler.params
    order = np.asarray(params.get("order", np.zeros(0)), dtype=np.intp)
    lower, upper = params.get("lower", np.zeros(0)), params.get("upper", np.zeros(0))
    slack = 1.0 - lower.sum() if kind == "interval" else 0.0
    key = stream.stream_key(np.random.default_rng(11))
    work = nk.workspace(1, n, order.size)
    rows, at = [], 0
    for start in range(0, size, nk.LANES):
        valid = min(nk.LANES, size - start)
        at = nk.draw_lanes(key, start, valid, order, lower, upper, slack, at, work)
        rows.append(work[0][:, :valid].T.copy())
    np.testing.assert_array_equal(np.vstack(rows), expected)


def test_the_kernel_sorting_network_sorts_every_zero_one_input():
    """Batcher's merge exchange sorts every input of k items if it sorts every 0-1 input
    (Knuth, TAOCP vol. 3, 5.3.4, Theorem Z): all 2**k of them, 64 per call, k up to 13."""
    nk = pytest.importorskip("pathchoice._core.kernels.numba_kernels")
    for k in range(1, 14):
        network = nk._network(k)
        codes = np.arange(2**k)
        codes = np.concatenate([codes, np.zeros(-len(codes) % nk.LANES, dtype=int)])
        bits = ((codes[None, :] >> np.arange(k)[:, None]) & 1).astype(float)
        for start in range(0, bits.shape[1], nk.LANES):
            u = bits[:, start : start + nk.LANES].copy()
            nk._sort_lanes(u, network)
            np.testing.assert_array_equal(u, np.sort(bits[:, start : start + nk.LANES], axis=0))


@pytest.mark.parametrize(("n", "ranked"), [(5, 5), (6, 3)])
def test_ordinal_partial_sums_have_the_sorted_weights_distribution(n, ranked):
    """The ordinal sampler orders the ranked weights by Rényi's partial sums instead of
    sorting: each order statistic has the distribution of the sorted weights of uniform
    simplex points (two-sample Kolmogorov–Smirnov tests at fixed seeds), the free
    criteria keep theirs."""
    names = [f"c{j}" for j in range(n)]
    order = names[:ranked]
    w = OrdinalSampler(names, order).draw(40_000, np.random.default_rng(5))
    plain = UniformSampler(names).draw(40_000, np.random.default_rng(6))
    sorted_plain = -np.sort(-plain[:, :ranked], axis=1)
    assert (np.diff(w[:, :ranked], axis=1) <= 0).all()
    np.testing.assert_allclose(w.sum(axis=1), 1.0, rtol=1e-14)
    for j in range(ranked):
        assert stats.ks_2samp(w[:, j], sorted_plain[:, j]).pvalue > 1e-4
    for j in range(ranked, n):
        assert stats.ks_2samp(w[:, j], plain[:, j]).pvalue > 1e-4
