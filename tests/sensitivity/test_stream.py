"""The counter-based random stream of the simplex samplers and the numba kernel.

Checked against SplitMix64's published outputs, against exact integer arithmetic, for
its statistical quality (uniform bits and values, independent streams, the simplex
distribution's moments and Beta(1, n - 1) marginals), and for the contract that the
numba kernel draws every block bit for bit as the samplers' numpy draw. The gamma
variates and Dirichlet points drawn from it (:mod:`pathchoice._core.kernels.gamma`):
their own ``log``/``exp`` against ``math``, normals and gammas against scipy's
distributions (Kolmogorov–Smirnov tests at fixed keys), Dirichlet moments and Beta
marginals (Kotz, Balakrishnan & Johnson 2000, ch. 49), rows on the simplex for any
positive parameters, and the kernel's lanes equal to the numpy draw bit for bit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from pathchoice._core.kernels import gamma, stream
from pathchoice.sensitivity.sampling import (
    DirichletSampler,
    IntervalSampler,
    OrdinalSampler,
    UniformSampler,
)
from pathchoice.weights import SUM_TOLERANCE

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
        "dirichlet": DirichletSampler.around(names, np.arange(7.0, 0.0, -1) / 28),
        "dirichlet small": DirichletSampler(names, [0.3, 0.0, 2.0, 1.0, 0.05, 1e-3, 7.0]),
        "dirichlet tiny": DirichletSampler(names[:3], [1e-3, 1e-3, 1e-300]),
        "dirichlet one": DirichletSampler(names[:3], [0.0, 2.5, 0.0]),
    }


def kernel_draw(sampler: object, size: int, seed: int, first: int = 0) -> np.ndarray:
    """Rows ``first .. first + size`` of the sampler's block by the numba kernel's
    draw_lanes, 64 lanes at a time, as Sources.native hands them over."""
    nk = pytest.importorskip("pathchoice._core.kernels.numba_kernels")
    params, n = sampler.params, len(sampler.criteria)
    order = np.asarray(params.get("order", np.zeros(0)), dtype=np.intp)
    lower, upper = params.get("lower", np.zeros(0)), params.get("upper", np.zeros(0))
    slack = 1.0 - lower.sum() if sampler.kind == "interval" else 0.0
    if sampler.kind == "dirichlet":
        lower, slack = np.array(params["alpha"]), -1.0
    key = stream.stream_key(np.random.default_rng(seed))
    work = nk.workspace(1, n, order.size)
    rows, at = [], 0
    for start in range(first, first + size, nk.LANES):
        valid = min(nk.LANES, first + size - start)
        at = nk.draw_lanes(key, start, valid, order, lower, upper, slack, at, work)
        rows.append(work[0][:, :valid].T.copy())
    return np.vstack(rows)


@pytest.mark.parametrize("kind", list(samplers()))
def test_the_kernel_draws_the_samplers_numbers_bit_for_bit(kind):
    """The numba kernel's draw of a block, 64 lanes at a time, equals the sampler's numpy
    draw of the block (same key) bit for bit, including a last partial group of lanes."""
    sampler = samplers()[kind]
    size = 64 * 5 + 17
    expected = sampler.draw(size, np.random.default_rng(11))
    if sampler.kind == "dirichlet":  # under NUMBA_MIN_SIZE: the numpy arrays drew it
        key = stream.stream_key(np.random.default_rng(11))
        numpy = gamma.dirichlet_points(key, np.array(sampler.params["alpha"]), 0, size)
        np.testing.assert_array_equal(expected, numpy)
    np.testing.assert_array_equal(kernel_draw(sampler, size, 11), expected)


def test_the_kernel_sorting_network_sorts_every_zero_one_input():
    """Batcher's merge exchange sorts every input of k items if it sorts every 0-1 input
    (Knuth, TAOCP vol. 3, 5.3.4, Theorem Z): all 2**k of them, 64 per call, k up to 13."""
    nk = pytest.importorskip("pathchoice._core.kernels.lane_draws")
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


# -- gamma variates and Dirichlet points -------------------------------------------------


def ulps(got: np.ndarray, exact: np.ndarray) -> float:
    return float(np.max(np.abs(got - exact) / np.spacing(np.abs(exact))))


def test_log_and_exp_are_within_two_ulp_of_math():
    """gamma.log over (0, 1] on the stream's grid, the gamma variates' range and
    subnormals, and gamma.exp over [-745, 0] and up to 709, against math (correctly
    rounded to within an ulp on glibc): at most 2 ulp apart; log(0) = -inf, exp below
    the smallest subnormal = 0."""
    grid = (np.arange(1, 200_001) * 2.0**-53 * 2**35)[:, None] * [1.0, 2.0**18 / 7]
    x = np.concatenate([grid.ravel(), np.geomspace(1e-12, 1e4, 100_001),
                        np.geomspace(5e-324, 1e-300, 5_001), [1.0, 2.0**-53, np.e]])  # fmt: skip
    assert ulps(gamma.log(x), np.array([math.log(t) for t in x])) <= 2
    y = np.concatenate([np.linspace(-745.0, 0.0, 200_001), np.linspace(0.0, 709.0, 20_001)])
    exact = np.array([math.exp(t) for t in y])
    normal = exact >= np.finfo(np.float64).tiny
    assert ulps(gamma.exp(y)[normal], exact[normal]) <= 2
    assert np.abs(gamma.exp(y)[~normal] - exact[~normal]).max() <= 5e-324
    assert gamma.log(np.array([0.0]))[0] == -np.inf
    assert gamma.exp(np.array([-746.0, -1e300]))[:].tolist() == [0.0, 0.0]


def test_ziggurat_tables_have_equal_layers():
    """Every layer of the ziggurat has the same area v (Marsaglia & Tsang 2000b), the base
    with its tail ``sqrt(pi / 2) erfc(r / sqrt 2)`` included, and the edges fall to 0,
    the top layer closing there; with 128 layers the same construction gives their
    published r = 3.442619855899 and v = 9.91256303526217e-3."""
    x, f, n = gamma.X, gamma.F, gamma.LAYERS
    r = gamma.ZIGGURAT_R
    v = r * math.exp(-0.5 * r * r) + math.sqrt(math.pi / 2) * math.erfc(r / math.sqrt(2))
    assert v == pytest.approx(gamma.ZIGGURAT_V, rel=1e-14)
    np.testing.assert_allclose(x[1:n] * (f[2:] - f[1:n]), v, rtol=1e-9)
    assert x[0] * f[1] == pytest.approx(v, rel=1e-12) and x[n] == 0.0 and f[n] == 1.0
    assert (np.diff(x) < 0).all()
    assert x[n - 1] * (1.0 - f[n - 1]) == pytest.approx(v, rel=1e-9)
    r128 = 3.442619855899
    v128 = r128 * math.exp(-0.5 * r128**2) + math.sqrt(math.pi / 2) * math.erfc(r128 / 2**0.5)
    assert v128 == pytest.approx(9.91256303526217e-3, rel=1e-11)
    edge = r128
    for _ in range(126):
        edge = math.sqrt(-2 * math.log(math.exp(-0.5 * edge**2) + v128 / edge))
    assert math.exp(-0.5 * edge**2) + v128 / edge == pytest.approx(1.0, abs=1e-9)


def test_normals_follow_the_standard_normal():
    """400,000 ziggurat normals: Kolmogorov–Smirnov against scipy's normal, and the share
    beyond the base layer's edge r (the tail of Marsaglia 1964) and in the top layer
    within 5 standard errors of the normal's."""
    idx = np.arange(400_000, dtype=np.uint64)
    x = gamma.normals(np.uint64(2024), idx, np.zeros(idx.size, np.uint64))
    assert stats.kstest(x, "norm").pvalue > 1e-4
    for p in (2 * stats.norm.sf(gamma.X[1]), 2 * stats.norm.sf(3.0), 2 * stats.norm.cdf(-0.1)):
        edge = stats.norm.isf(p / 2)
        share = np.mean(np.abs(x) > edge)
        assert abs(share - p) <= 5 * np.sqrt(p * (1 - p) / x.size), (edge, share, p)


@pytest.mark.parametrize("alpha", [1.0, 1.5, 100 / 12, 60.0])
def test_gamma_variates_follow_scipy_gamma(alpha):
    """Marsaglia & Tsang's gamma variates (every attempt from the full algorithm) against
    scipy.stats.gamma(alpha): Kolmogorov–Smirnov at a fixed key, mean and variance alpha
    within 5 standard errors."""
    n = 200_000
    d = np.full(n, alpha - 1 / 3)
    g = gamma.gammas(np.uint64(77), np.arange(n, dtype=np.uint64), d, 1 / np.sqrt(9 * d))
    assert stats.kstest(g, stats.gamma(alpha).cdf).pvalue > 1e-4
    assert abs(g.mean() - alpha) <= 5 * np.sqrt(alpha / n)
    assert abs(g.var() - alpha) <= 5 * np.sqrt((6 * alpha + 2 * alpha**2) / n)


@pytest.mark.parametrize(
    "alpha",
    [[100 / 12] * 4, [0.3, 1.0, 2.5, 8.0], [0.05, 0.5, 0.9, 0.2], [1e-3, 1e-3, 3.0]],
)
def test_dirichlet_moments_and_beta_marginals(alpha):
    """Dirichlet(alpha): mean alpha_j / alpha0, variance alpha_j (alpha0 - alpha_j) /
    (alpha0**2 (alpha0 + 1)) (Kotz, Balakrishnan & Johnson 2000, ch. 49; scipy's Beta
    agrees), within 5 standard errors (the variance's estimated from the sample), each
    marginal Beta(alpha_j, alpha0 -
    alpha_j) by a Kolmogorov–Smirnov test; parameters below 1 take the boost."""
    a = np.array(alpha)
    a0, size = a.sum(), 200_000
    w = gamma.dirichlet_points(np.uint64(31), a, 0, size)
    assert (w >= 0).all() and np.isfinite(w).all()
    np.testing.assert_allclose(w.sum(axis=1), 1.0, rtol=0, atol=1e-14)
    for j, aj in enumerate(a):
        marginal = stats.beta(aj, a0 - aj)
        mean, var = aj / a0, aj * (a0 - aj) / (a0**2 * (a0 + 1))
        assert marginal.mean() == pytest.approx(mean) and marginal.var() == pytest.approx(var)
        assert abs(w[:, j].mean() - mean) <= 5 * np.sqrt(var / size)
        dev2 = (w[:, j] - mean) ** 2
        assert abs(dev2.mean() - var) <= 5 * dev2.std() / np.sqrt(size)
        if min(aj, a0 - aj) >= 0.05:  # else the mass sits within a few floats of 0 or 1
            assert stats.kstest(w[:, j], marginal.cdf).pvalue > 1e-4


POSITIVE = st.floats(1e-4, 1e3).map(float)


@given(alpha=st.lists(st.one_of(POSITIVE, st.just(0.0)), min_size=2, max_size=9).filter(any),
       key=KEYS, first=st.integers(0, 10_000), a=st.integers(0, 70),
       b=st.integers(1, 70))  # fmt: skip
def test_dirichlet_points_are_on_the_simplex_and_row_addressable(alpha, key, first, a, b):
    """For any non-negative parameters with one positive: rows finite, non-negative,
    zero where alpha is 0, summing to 1 within the library's tolerance; samples first ..
    first + a + b in one call equal two calls split at a."""
    alpha = np.array(alpha)
    whole = gamma.dirichlet_points(key, alpha, first, a + b)
    parts = np.vstack([gamma.dirichlet_points(key, alpha, first, a),
                       gamma.dirichlet_points(key, alpha, first + a, b)])  # fmt: skip
    np.testing.assert_array_equal(whole, parts)
    assert np.isfinite(whole).all() and (whole >= 0).all()
    assert (whole[:, alpha == 0] == 0).all()
    assert np.abs(whole.sum(axis=1) - 1.0).max() <= SUM_TOLERANCE


@given(alpha=st.lists(POSITIVE, min_size=2, max_size=13), key=KEYS, first=st.integers(0, 5000),
       size=st.integers(1, 150))  # fmt: skip
def test_kernel_lanes_equal_the_numpy_dirichlet_draw(alpha, key, first, size):
    """Any positive parameters, any sample range: the numba lanes give the numpy draw's
    rows bit for bit (a range starting anywhere: Dirichlet blocks can be split)."""
    nk = pytest.importorskip("pathchoice._core.kernels.numba_kernels")
    alpha = np.array(alpha)
    work = nk.workspace(1, alpha.size, 0)
    rows = []
    for start in range(first, first + size, nk.LANES):
        valid = min(nk.LANES, first + size - start)
        nk.draw_lanes(key, start, valid, np.zeros(0, np.intp), alpha, np.zeros(0), -1.0, 0, work)
        rows.append(work[0][:, :valid].T.copy())
    np.testing.assert_array_equal(np.vstack(rows), gamma.dirichlet_points(key, alpha, first, size))


@pytest.mark.parametrize("alpha", [np.full(40, 1.0), np.full(64, 0.5), np.linspace(0.01, 60, 25)])
def test_kernel_lanes_settle_many_open_variates_like_numpy(alpha):
    """Wide models near alpha = 1: more variates than a block's list holds are left open
    by the lanes' first attempts (settled in several batches, some in the ziggurat's
    wedge or tail, some after several attempts); still the numpy rows, bit for bit."""
    lanes = pytest.importorskip("pathchoice._core.kernels.dirichlet_lanes")
    key = stream.stream_key(np.random.default_rng(alpha.size))
    out = np.empty((1_000, alpha.size))
    lanes.dirichlet_rows(key, alpha, 3, out)
    np.testing.assert_array_equal(out, gamma.dirichlet_points(key, alpha, 3, 1_000))


def test_tiny_parameters_give_no_nan():
    """alpha = 1e-3 for 12 criteria (numpy's dirichlet needs stick-breaking there): rows
    on the simplex, almost all weight on one criterion (E max w -> 1 as alpha0 -> 0)."""
    w = gamma.dirichlet_points(np.uint64(5), np.full(12, 1e-3), 0, 20_000)
    assert np.isfinite(w).all() and (w >= 0).all()
    np.testing.assert_allclose(w.sum(axis=1), 1.0, rtol=0, atol=1e-14)
    assert np.median(w.max(axis=1)) > 0.99


def test_huge_parameters_stay_on_the_simplex():
    """Parameters near the largest float (their gamma variates' sum would overflow): the
    rows are normalised in logarithms, finite and on the simplex, with the Dirichlet
    mean alpha / alpha0 (here 1/2, 1/2, 0 to within 1e-150), in both engines alike."""
    alpha = np.array([1e306, 1e306, 1.0])
    w = gamma.dirichlet_points(np.uint64(8), alpha, 0, 300)
    assert np.isfinite(w).all() and (w >= 0).all()
    np.testing.assert_allclose(w, np.tile([0.5, 0.5, 0.0], (300, 1)), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(
        kernel_draw(DirichletSampler(["a", "b", "c"], alpha), 300, 8),
        gamma.dirichlet_points(stream.stream_key(np.random.default_rng(8)), alpha, 0, 300),
    )
