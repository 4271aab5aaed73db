"""Hit-and-run sampling of weights under linear constraints (Smith 1984; Tervonen et al. 2013).

Uniformity is checked where the exact distribution is known in closed form: on the
order-constrained simplex ``w1 >= w2 >= ... >= wn`` the marginal means are the rank-order
centroid weights (Barron & Barrett 1996), and every marginal equals that of the exact
sorting sampler (``OrdinalSampler``); with a trade-off ratio ``w_a >= 2 w_b`` on two
criteria ``w_a`` is uniform on [2/3, 1].
"""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.stats import ks_2samp, kstest

from pathchoice import Model, UnknownNameError, WeightsError
from pathchoice._core.kernels import stream
from pathchoice.exceptions import ArgumentError
from pathchoice.sensitivity import _engines, smaa
from pathchoice.sensitivity.sampling import (
    ConstrainedSampler,
    OrdinalSampler,
    WeightSamples,
    constrained,
    constrained_weights,
)
from pathchoice.sensitivity.sampling.constrained import default_thinning
from pathchoice.sensitivity.sampling.polytope import enclosing_simplex, simplex_cuts

ABCD = ["a", "b", "c", "d"]


@pytest.mark.parametrize("method", ["hit_and_run", "vertices"])
def test_order_constrained_means_are_the_rank_order_centroid(method):
    """Barron & Barrett (1996), n = 4, printed to 4 places: .5208 .2708 .1458 .0625.
    40,000 points (hit-and-run: 313 chains); the tolerance is 6 standard errors of
    independent draws (the thinning leaves the kept points nearly uncorrelated) plus the
    5e-5 of rounding."""
    w = constrained_weights(ABCD, order=ABCD, method=method, n_samples=40_000, rng=3).values
    assert np.all(np.diff(w, axis=1) <= 1e-12)
    se = w.std(axis=0, ddof=1) / np.sqrt(len(w))
    published = np.array([0.5208, 0.2708, 0.1458, 0.0625])
    assert np.all(np.abs(w.mean(axis=0) - published) <= 6 * se + 5e-5), (w.mean(axis=0), se)


@pytest.mark.parametrize("method", ["hit_and_run", "vertices"])
def test_order_constrained_marginals_equal_the_exact_sampler(method):
    """Two-sample Kolmogorov–Smirnov test of every marginal against OrdinalSampler, which
    is exactly uniform on the ordered region (sorted uniform simplex points)."""
    hit = constrained_weights(ABCD, order=ABCD, method=method, n_samples=20_000, rng=4).values
    exact = OrdinalSampler(ABCD, ABCD).sample(n_samples=20_000, rng=5).values
    for j in range(4):
        assert ks_2samp(hit[:, j], exact[:, j]).pvalue > 1e-3


@pytest.mark.parametrize("method", ["hit_and_run", "vertices"])
def test_a_trade_off_ratio_on_two_criteria_is_uniform_on_its_segment(method):
    """w_a >= 2 w_b, w_a + w_b = 1: w_a ~ U(2/3, 1), mean 5/6, variance (1/3)**2 / 12."""
    w = constrained_weights(
        ["a", "b"], ratios=[("a", "b", 2.0)], method=method, n_samples=20_000, rng=1
    ).values
    assert w[:, 0].min() >= 2 / 3 - 1e-12
    se = w[:, 0].std(ddof=1) / np.sqrt(len(w))
    assert abs(w[:, 0].mean() - 5 / 6) < 6 * se
    assert abs(w[:, 0].var() - 1 / 108) < 0.0005
    assert ks_2samp(w[:, 0], np.random.default_rng(2).uniform(2 / 3, 1, 20_000)).pvalue > 1e-3


@st.composite
def constraint_sets(draw):
    n = draw(st.integers(2, 5))
    names = [f"c{j}" for j in range(n)]
    centre = np.asarray(draw(st.lists(st.floats(0.5, 3), min_size=n, max_size=n)))
    centre /= centre.sum()  # a point inside every constraint below
    bounds = {names[j]: (centre[j] * 0.5, min(1.0, centre[j] * 1.5 + 0.05)) for j in range(n)}
    a, b = draw(st.permutations(names))[:2]
    ratio = 0.9 * centre[names.index(a)] / centre[names.index(b)]
    order = [(a, b)] if centre[names.index(a)] > centre[names.index(b)] else []
    rows = draw(st.lists(st.lists(st.floats(-1, 1), min_size=n, max_size=n), max_size=3))
    big_a = np.asarray(rows, dtype=float).reshape(-1, n)
    small_b = big_a @ centre + 0.1
    general = {"A": big_a, "b": small_b} if len(rows) else {}
    return names, {"bounds": bounds, "ratios": [(a, b, ratio)], "order": order, **general}


@settings(max_examples=25)
@given(constraint_sets(), st.integers(0, 2**32 - 1), st.sampled_from(["auto", "hit_and_run"]))
def test_every_point_satisfies_every_constraint(problem, seed, method):
    names, spec = problem
    sampler = ConstrainedSampler(names, thinning=5, method=method, **spec)
    samples = sampler.sample(n_samples=300, rng=seed)
    w = samples.values
    assert isinstance(samples, WeightSamples) and samples.kind == "constrained"
    np.testing.assert_allclose(w.sum(axis=1), 1.0, atol=1e-12)
    assert np.all(w >= 0)
    g, h = sampler.params["A"], sampler.params["b"]
    assert np.all(w @ g.T <= h + 1e-9)
    np.testing.assert_array_equal(w, sampler.sample(n_samples=300, rng=seed).values)


def test_an_empty_set_names_the_conflicting_constraints():
    with pytest.raises(WeightsError, match="no weights satisfy") as info:
        ConstrainedSampler(
            ["a", "b", "c"],
            ratios=[("a", "b", 2.0), ("b", "a", 2.0)],
            bounds={"c": (0.05, 0.2)},
        )
    text = str(info.value)
    assert "w['a'] >= 2 × w['b']" in text and "w['b'] >= 2 × w['a']" in text
    assert "w['c'] <= 0.2" in text
    assert "w['c'] >= 0.05" not in text  # not part of the conflict


def test_a_set_without_interior_and_malformed_constraints():
    with pytest.raises(WeightsError, match="leave no room"):
        ConstrainedSampler(["a", "b", "c"], order=[("a", "b"), ("b", "a")])
    with pytest.raises(UnknownNameError, match="unknown criterion 'z'"):
        ConstrainedSampler(["a", "b"], order=["a", "z"])
    with pytest.raises(ArgumentError, match=r"\(a, b, r\)"):
        ConstrainedSampler(["a", "b"], ratios=[("a", "b")])
    with pytest.raises(ArgumentError, match="give both A and b"):
        ConstrainedSampler(["a", "b"], A=[[1.0, 0.0]])
    with pytest.raises(WeightsError, match=r"A must have shape \(k, 2\)"):
        ConstrainedSampler(["a", "b"], A=[[1.0, 0.0, 1.0]], b=[0.5])
    with pytest.raises(ArgumentError, match="thinning must be a whole number"):
        ConstrainedSampler(["a", "b"], thinning=0)


def test_default_thinning_is_the_hitandrun_rule():
    """R hitandrun's default thin.fn(n) = ceiling(log(n + 1) / 4 * n^3), n the dimension."""
    assert [default_thinning(k) for k in (2, 3, 4, 5, 12)] == [1, 3, 10, 26, 827]
    assert ConstrainedSampler(ABCD).params["thinning"] == 10


def test_in_smaa_it_agrees_with_the_exact_ordinal_sampler():
    """SMAA with order constraints by hit-and-run and by the exact sorting sampler:
    first-rank acceptabilities within 5 binomial standard errors of each other."""
    rng = np.random.default_rng(8)
    model = Model([f"p{i}" for i in range(5)], ABCD, rng.uniform(1, 9, (5, 4)))
    n = 20_000
    hit = smaa(model, ConstrainedSampler(model, order=ABCD, method="hit_and_run"), n_samples=n,
               rng=1)  # fmt: skip
    exact = smaa(model, OrdinalSampler(model, ABCD), n_samples=n, rng=1)
    a, b = hit.first_rank_acceptability.to_numpy(), exact.first_rank_acceptability.to_numpy()
    se = np.sqrt(np.clip(b * (1 - b), 1e-4, None) * 2 / n)
    assert np.all(np.abs(a - b) <= 5 * se), (a, b)
    assert hit.options["weight_sampler"] == "constrained"


# -- the two methods and the two paths -----------------------------------------------------


def numpy_draw(sampler, size, seed, monkeypatch):
    """The same draw without the numba kernels."""
    with monkeypatch.context() as patch:
        patch.setattr(constrained, "numba_available", lambda: False)
        return sampler.draw(size, np.random.default_rng(seed))


def test_the_hit_and_run_kernel_draws_what_the_numpy_path_draws(monkeypatch):
    pytest.importorskip("numba")
    sampler = ConstrainedSampler(
        ABCD, ratios=[("a", "b", 1.5)], order=[("c", "d")], bounds={"d": (0.05, None)},
        method="hit_and_run",
    )  # fmt: skip
    fast = sampler.draw(700, np.random.default_rng(9))
    np.testing.assert_allclose(fast, numpy_draw(sampler, 700, 9, monkeypatch), atol=1e-12)


@pytest.mark.parametrize("method", ["hit_and_run", "rejection", "vertices"])
def test_one_order_and_one_ratio_on_five_criteria_have_the_closed_form_means(method):
    """On the uniform simplex (Dirichlet(1, ..., 1)) of n = 5 criteria the pair totals
    s1 = w_a + w_b, s2 = w_c + w_d and w_e are Dirichlet(2, 2, 1), and the shares
    x1 = w_a / s1, x2 = w_c / s2 are U(0, 1), all independent (the aggregation property).
    w_a >= w_b is x1 >= 1/2 and w_c >= 2 w_d is x2 >= 2/3, so the means are
    (2/5)(3/4), (2/5)(1/4), (2/5)(5/6), (2/5)(1/6) and 1/5. 30,000 points, 6 SE."""
    names = ["a", "b", "c", "d", "e"]
    sampler = ConstrainedSampler(names, order=[("a", "b")], ratios=[("c", "d", 2.0)],
                                 method=method)  # fmt: skip
    assert sampler.method == method
    w = sampler.sample(n_samples=30_000, rng=2).values
    expected = [0.3, 0.1, 1 / 3, 1 / 15, 0.2]
    se = w.std(axis=0, ddof=1) / np.sqrt(len(w))
    assert np.all(np.abs(w.mean(axis=0) - expected) <= 6 * se), (w.mean(axis=0), se)
    assert np.all(w[:, 0] >= w[:, 1] - 1e-12) and np.all(w[:, 2] >= 2 * w[:, 3] - 1e-12)


def test_auto_chooses_by_the_share_the_constraints_keep():
    """Vertices when the polytope is a simplex; else rejection from the enclosing simplex
    when the share of it kept is at least 1 / thinning, else hit-and-run."""
    twelve = [f"c{j}" for j in range(12)]
    few = ConstrainedSampler(twelve, ratios=[("c0", "c1", 2.0)], order=["c2", "c3", "c4"])
    assert few.method == "vertices"  # 12 facets: c0 >= 2 c1, c1 >= 0, c2 >= c3 >= c4 >= 0, ...
    capped = {"ratios": [("c0", "c1", 2.0)], "order": ["c2", "c3", "c4"],
              "bounds": {"c5": (None, 0.2)}}  # fmt: skip
    more = ConstrainedSampler(twelve, **capped)  # 13 facets
    assert more.method == "rejection"
    # The ratio and the order make a simplex (the proposal); only the cap is checked. On
    # it w5 keeps its Beta(1, 11) marginal: P(w5 <= 0.2) = 1 - 0.8^11 = 0.914.
    assert list(more.params["checked"]) == [3]
    assert abs(more.params["acceptance"] - (1 - 0.8**11)) < 0.005
    assert ConstrainedSampler(twelve, order=twelve).method == "vertices"  # a simplex
    ordered = ConstrainedSampler(twelve, order=twelve, bounds={"c0": (None, 0.3)})
    assert ordered.method == "rejection"  # 13 facets, most of the ordered simplex kept
    assert ordered.params["acceptance"] > 0.5
    corner = ConstrainedSampler(twelve, order=twelve, bounds={"c0": (None, 0.09)})
    assert corner.method == "vertices"  # the cap cuts off all but one vertex: a simplex
    tight = ConstrainedSampler(twelve, order=twelve, bounds={"c0": (None, 0.1)})
    assert tight.method == "hit_and_run"  # w0 >= 1/12 anyway: a share far below 1 / 827
    capped_a = {"bounds": {"a": (None, 0.5)}}  # 5 facets, keeps 1 - 1/8 of the simplex
    assert ConstrainedSampler(ABCD, **capped_a).method == "rejection"
    assert ConstrainedSampler(ABCD).method == "vertices"  # no constraint: the simplex
    with pytest.raises(WeightsError, match="cannot be sampled from vertices"):
        ConstrainedSampler(ABCD, **capped_a, method="vertices")
    with pytest.raises(WeightsError, match="too little to sample by rejection"):
        ConstrainedSampler(twelve, order=twelve, bounds={"c0": (None, 0.1)}, method="rejection")
    with pytest.raises(ArgumentError, match="method"):
        ConstrainedSampler(ABCD, method="gibbs")


@settings(max_examples=25)
@given(constraint_sets(), st.integers(0, 2**32 - 1))
def test_the_enclosing_simplex_holds_the_polytope_and_its_checks_cut_it_out(problem, seed):
    """Every point of the polytope (hit-and-run points) has non-negative barycentric
    coordinates in the enclosing simplex, whose vertices are weights; and every uniform
    point of that simplex satisfying the rows left satisfies every row."""
    names, spec = problem
    sampler = ConstrainedSampler(names, thinning=5, method="hit_and_run", **spec)
    n = len(names)
    g, h = sampler.params["A"], sampler.params["b"]
    vertices, rest = enclosing_simplex(g[n:], h[n:])
    assert np.all(vertices >= -1e-12)
    np.testing.assert_allclose(vertices.sum(axis=1), 1.0, atol=1e-12)
    inside = sampler.sample(n_samples=300, rng=seed).values
    barycentric = np.linalg.solve(vertices.T, inside.T).T
    assert np.all(barycentric >= -1e-9)
    e = np.random.default_rng(seed).standard_exponential((2_000, n))
    mixed = (e / e.sum(axis=1, keepdims=True)) @ vertices
    kept = mixed[np.all(mixed @ g[n:][rest].T <= h[n:][rest], axis=1)]
    assert np.all(kept @ g.T <= h + 1e-9)


def test_chains_side_by_side_have_the_distribution_of_one_chain():
    """The kernel's chains run as lanes of one loop: 64 chains of 64 kept points and one
    chain of 4,096 (seed fixed) on the ordered 4-criterion simplex agree by a two-sample
    Kolmogorov–Smirnov test on every marginal, and both have the rank-order centroid
    means (Barron & Barrett 1996) within 6 standard errors."""
    kernels = pytest.importorskip("pathchoice._core.kernels.hit_and_run")
    sampler = ConstrainedSampler(ABCD, order=ABCD, method="hit_and_run")
    g, h = sampler.params["A"][4:], sampler.params["b"][4:]
    start, thin = sampler.params["start"], sampler.params["thinning"]
    rows, columns = np.nonzero(g)  # G in compressed sparse rows, as the kernel takes it
    sparse = (np.searchsorted(rows, np.arange(len(g) + 1)), columns, g[rows, columns])
    draws = []
    for chains, per_chain in ((64, 64), (1, 4096)):
        out = np.empty((per_chain, chains, 4))
        kernels.hit_and_run(np.random.default_rng(11), start, *sparse, h, chains,
                            per_chain, 10 * thin, thin, 64, out)  # fmt: skip
        draws.append(out.reshape(-1, 4))
    side, one = draws
    for j in range(4):
        assert ks_2samp(side[:, j], one[:, j]).pvalue > 1e-3
    published = np.array([0.5208, 0.2708, 0.1458, 0.0625])
    for w in draws:
        se = w.std(axis=0, ddof=1) / np.sqrt(len(w))
        assert np.all(np.abs(w.mean(axis=0) - published) <= 6 * se + 5e-5)


# -- rejection drawn from the counter-based stream ---------------------------------------------

TWELVE = [f"c{j}" for j in range(12)]


def rejection_samplers() -> dict[str, ConstrainedSampler]:
    """Rejection and vertex samplers: the benchmarks' cases and small ones."""
    return {
        "ratio and cap": ConstrainedSampler(
            TWELVE, ratios=[("c0", "c1", 1.5)], bounds={"c2": (None, 0.2)}
        ),
        "order and cap": ConstrainedSampler(TWELVE, order=TWELVE, bounds={"c0": (None, 0.3)}),
        "complete order": ConstrainedSampler(TWELVE, order=TWELVE),
        "solved vertices": ConstrainedSampler(TWELVE, order=TWELVE, bounds={"c0": (None, 0.09)}),
        "cap": ConstrainedSampler(ABCD, bounds={"a": (None, 0.5)}),
        "general rows": ConstrainedSampler(
            ABCD, A=[[1.0, -0.5, 0.3, 0.0]], b=[0.2], order=[("c", "d")]
        ),
        "two": ConstrainedSampler(["a", "b"], bounds={"a": (None, 0.7)}, method="rejection"),
    }


def test_the_bench_cases_use_rejection_or_vertices():
    methods = {k: s.method for k, s in rejection_samplers().items()}
    vertices = {"complete order", "solved vertices"}
    assert methods == {k: "vertices" if k in vertices else "rejection" for k in methods}


@pytest.mark.parametrize("kind", list(rejection_samplers()))
def test_numpy_and_numba_draw_rejection_bit_for_bit(kind, monkeypatch):
    """The numpy draw and the numba kernel (the fused SMAA kernel's code, 64 lanes at a
    time, a last partial group included) give the same numbers from the same key."""
    nk = pytest.importorskip("pathchoice._core.kernels.numba_kernels")
    sampler = rejection_samplers()[kind]
    size, n = 64 * 7 + 23, len(sampler.criteria)
    expected = numpy_draw(sampler, size, 11, monkeypatch)
    np.testing.assert_array_equal(sampler.draw(size, np.random.default_rng(11)), expected)
    key = stream.stream_key(np.random.default_rng(11))
    work = nk.workspace(1, n, 0)
    rows, at = [], 0
    for start in range(0, size, nk.LANES):  # as the fused tally kernel draws a block
        valid = min(nk.LANES, size - start)
        at = nk.draw_polytope(key, start, valid, sampler.kernel_polytope, at, work)
        rows.append(work[0][:, :valid].T.copy())
    np.testing.assert_array_equal(np.vstack(rows), expected)


def truncated_beta_cdf(x: np.ndarray, n: int, cap: float) -> np.ndarray:
    """CDF of a Beta(1, n - 1) variable (a coordinate of a uniform point of a simplex of n
    vertices: Kotz, Balakrishnan & Johnson 2000, ch. 49) conditioned on being <= cap."""
    return (1 - (1 - x) ** (n - 1)) / (1 - (1 - cap) ** (n - 1))


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_a_cap_keeps_the_truncated_beta_marginal(engine, monkeypatch):
    """Rejection from the weight simplex, w_a <= 1/2 on 4 criteria: w_a has the Beta(1, 3)
    law truncated at 1/2 (one-sample Kolmogorov–Smirnov test), mean
    3 (c²/2 - 2c³/3 + c⁴/4) / (1 - (1 - c)³) = 0.19643 for c = 1/2; given w_a the other
    three are exchangeable, so each has mean (1 - E w_a) / 3. 30,000 points, 6 SE."""
    if engine == "numba":
        pytest.importorskip("numba")
    else:
        monkeypatch.setattr(constrained, "numba_available", lambda: False)
    sampler = ConstrainedSampler(ABCD, bounds={"a": (None, 0.5)}, method="rejection")
    assert sampler.params["acceptance"] == pytest.approx(1 - 0.5**3, abs=0.01)
    w = sampler.sample(n_samples=30_000, rng=5).values
    assert w[:, 0].max() <= 0.5
    assert kstest(w[:, 0], lambda x: truncated_beta_cdf(x, 4, 0.5)).pvalue > 1e-3
    c = 0.5
    mean_a = 3 * (c**2 / 2 - 2 * c**3 / 3 + c**4 / 4) / (1 - (1 - c) ** 3)
    expected = [mean_a, *[(1 - mean_a) / 3] * 3]
    se = w.std(axis=0, ddof=1) / np.sqrt(len(w))
    assert np.all(np.abs(w.mean(axis=0) - expected) <= 6 * se), (w.mean(axis=0), se)


def test_a_cap_on_the_simplex_a_ratio_builds_keeps_its_marginal():
    """w_a >= 2 w_b moves the vertex e_b of the weight simplex to (2/3, 1/3, 0, 0); w_c is
    still the coordinate of the vertex e_c of a uniform point, Beta(1, 3), and the cap
    w_c <= 0.3 (checked by rejection) truncates it (one-sample Kolmogorov–Smirnov)."""
    sampler = ConstrainedSampler(ABCD, ratios=[("a", "b", 2.0)], bounds={"c": (None, 0.3)})
    assert sampler.method == "rejection" and list(sampler.params["checked"]) == [1]
    w = sampler.sample(n_samples=20_000, rng=6).values
    assert np.all(w[:, 0] >= 2 * w[:, 1] - 1e-12) and w[:, 2].max() <= 0.3 + 1e-12
    assert kstest(w[:, 2], lambda x: truncated_beta_cdf(x, 4, 0.3)).pvalue > 1e-3


def test_an_order_and_a_cap_match_the_exact_sorting_sampler_filtered():
    """The complete order of 12 criteria with w_1 <= 0.3 (rejection from the ordered
    simplex, 77 % kept) against OrdinalSampler's exact ordered points that satisfy the
    cap (two-sample Kolmogorov–Smirnov test of every marginal); and the order's
    rank-order-centroid means E[w_i] = (1/n) sum_{k >= i} 1/k (Barron & Barrett 1996) from
    the vertices alone."""
    capped = rejection_samplers()["order and cap"]
    w = capped.sample(n_samples=20_000, rng=7).values
    exact = OrdinalSampler(TWELVE, TWELVE).sample(n_samples=26_000, rng=8).values
    exact = exact[exact[:, 0] <= 0.3]
    for j in range(12):
        assert ks_2samp(w[:, j], exact[:, j]).pvalue > 1e-3, j
    ordered = rejection_samplers()["complete order"].sample(n_samples=30_000, rng=9).values
    centroid = np.cumsum(1 / np.arange(12, 0, -1))[::-1] / 12
    se = ordered.std(axis=0, ddof=1) / np.sqrt(len(ordered))
    assert np.all(np.abs(ordered.mean(axis=0) - centroid) <= 6 * se)


def test_the_numba_engine_draws_constrained_weights_in_its_kernel(monkeypatch):
    """The fused kernel draws the block itself (Sources.native hands it the polytope), and
    tallies what the sampler's draw gives: the same numbers as the numba engine tallying
    the draw's rows, and, for a seed, whatever runs the blocks (the engine's threads, a
    thread pool, or one thread) and in the numpy engine too."""
    pytest.importorskip("numba")
    rng = np.random.default_rng(12)
    model = Model([f"p{i}" for i in range(6)], TWELVE, rng.uniform(1, 9, (6, 12)))
    sampler = ConstrainedSampler(model, order=TWELVE, bounds={"c0": (None, 0.3)})
    sources = _engines.Sources(model, 3, "sampler", np.empty((0, 12)), sampler, "fixed",
                               np.empty((0, 12)), None)  # fmt: skip
    assert len(sources.native(0, 100)) == 7
    n = 2 * _engines.SAMPLE_BLOCK + 300
    fused = smaa(model, sampler, n_samples=n, rng=3, engine="numba")
    with ThreadPoolExecutor(3) as pool:
        pooled = smaa(model, sampler, n_samples=n, rng=3, engine="numba", executor=pool)
    in_numpy = smaa(model, sampler, n_samples=n, rng=3, engine="numpy")
    with monkeypatch.context() as patch:  # the draw's rows, copied in
        patch.setattr(_engines, "NATIVE_KINDS", ("uniform", "ordinal", "interval"))
        copied = smaa(model, sampler, n_samples=n, rng=3, engine="numba")
    for other in (pooled, copied):
        for name in ("rank_acceptability", "pairwise_winning", "central_weights"):
            np.testing.assert_array_equal(getattr(fused, name), getattr(other, name))
    np.testing.assert_allclose(fused.rank_acceptability, in_numpy.rank_acceptability,
                               atol=2 * fused.options["near_ties"] / n + 1e-12)  # fmt: skip


def test_rejection_gives_up_below_one_in_ten_thousand(monkeypatch):
    """With the pilot's check lifted, a cap that keeps almost nothing of the ordered
    simplex makes the draw give up after 100,000 candidates, naming the constraint
    checked; in numpy, in the numba kernel, and in SMAA (the fused kernel hands the block
    back to the draw, which raises)."""
    monkeypatch.setattr(constrained, "PILOT_MIN", 0)
    sampler = ConstrainedSampler(TWELVE, order=TWELVE, bounds={"c0": (None, 0.1)},
                                 method="rejection")  # fmt: skip
    assert sampler.params["acceptance"] < 1e-4
    message = r"constraints w\['c0'\] <= 0.1 keep too little .* 100,000 candidates"
    with pytest.raises(WeightsError, match=message):
        numpy_draw(sampler, 50, 1, monkeypatch)
    if constrained.numba_available():
        with pytest.raises(WeightsError, match=message):
            sampler.draw(50, np.random.default_rng(1))
        model = Model(["x", "y"], TWELVE, np.arange(24.0).reshape(2, 12) + 1)
        with pytest.raises(WeightsError, match=message):
            smaa(model, sampler, n_samples=50, rng=1, engine="numba")


@settings(max_examples=25)
@given(constraint_sets(), st.integers(0, 2**32 - 1))
def test_rejection_points_satisfy_every_constraint_in_both_paths(problem, seed):
    """Forced rejection (where the pilot allows it): every kept point satisfies every
    constraint, sums to 1, and the numba draw equals the numpy draw bit for bit."""
    names, spec = problem
    try:
        sampler = ConstrainedSampler(names, method="rejection", **spec)
    except WeightsError:  # too little kept for rejection
        assume(False)
    w = sampler.draw(300, np.random.default_rng(seed))
    np.testing.assert_allclose(w.sum(axis=1), 1.0, atol=1e-12)
    assert np.all(w >= 0)
    g, h = sampler.params["A"], sampler.params["b"]
    assert np.all(w @ g.T <= h + 1e-9)
    if constrained.numba_available():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(constrained, "numba_available", lambda: False)
            np.testing.assert_array_equal(w, sampler.draw(300, np.random.default_rng(seed)))


@settings(max_examples=25)
@given(constraint_sets(), st.integers(0, 2**32 - 1))
def test_undoing_the_cuts_mixes_the_vertices(problem, seed):
    """The cuts that made the enclosing simplex, undone from the last on barycentric
    coordinates lam, give lam V (to rounding): the mixture the kernels compute that way."""
    names, spec = problem
    sampler = ConstrainedSampler(names, thinning=5, method="hit_and_run", **spec)
    n = len(names)
    g, h = sampler.params["A"][n:], sampler.params["b"][n:]
    vertices, _, cuts = simplex_cuts(g, h)
    lam = np.random.default_rng(seed).dirichlet(np.ones(n), 50)
    w = lam.T.copy()
    for q, p, t in cuts[::-1]:
        w[int(q)] += (1.0 - t) * w[int(p)]
        w[int(p)] *= t
    np.testing.assert_allclose(w.T, lam @ vertices, atol=1e-13)
