"""Weight and performance samplers: published moments, laws (hypothesis), errors.

Statistical checks use large seeded samples and a tolerance of 5 standard
errors (estimated from the sample itself), so they cannot fail by chance in
practice and do fail for a wrong distribution.
"""

import contextlib
import functools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice import (
    Model,
    ModelError,
    PairwiseMatrix,
    UnknownNameError,
    WeightsError,
    ahp_weights,
    hierarchy_weights,
)
from pathchoice.ahp import Node
from pathchoice.exceptions import ArgumentError, HierarchyError
from pathchoice.sensitivity.sampling import (
    SAATY_STEPS,
    AHPJudgementSampler,
    CellSampler,
    CustomSampler,
    DirichletSampler,
    FixedWeights,
    IntervalSampler,
    OrdinalSampler,
    UniformSampler,
    WeightSamples,
    ahp_judgement_weights,
    dirichlet_weights,
    interval_weights,
    ordinal_weights,
    performance_samples,
    saaty_position,
    saaty_value,
    uniform_weights,
)
from pathchoice.sensitivity.smaa import smaa
from pathchoice.study.datasets import china_japan


def names(n: int) -> list[str]:
    return [f"c{j}" for j in range(n)]


def assert_mean(samples: np.ndarray, expected, z: float = 5.0, atol: float = 0.0) -> None:
    """Column means within ``z`` standard errors (plus ``atol``) of ``expected``."""
    mean = samples.mean(axis=0)
    se = samples.std(axis=0, ddof=1) / np.sqrt(len(samples))
    assert np.all(np.abs(mean - np.asarray(expected)) <= z * se + atol), (mean, expected, se)


def assert_variance(samples: np.ndarray, expected, z: float = 5.0) -> None:
    """Column variances within ``z`` standard errors of ``expected`` (SE from the sample)."""
    dev2 = (samples - samples.mean(axis=0)) ** 2
    var = dev2.mean(axis=0)
    se = dev2.std(axis=0, ddof=1) / np.sqrt(len(samples))
    assert np.all(np.abs(var - np.asarray(expected)) <= z * se), (var, expected, se)


def assert_on_simplex(w: np.ndarray, n: int) -> None:
    assert w.ndim == 2 and w.shape[1] == n
    assert w.dtype == np.float64
    assert np.all(w >= 0)
    np.testing.assert_allclose(w.sum(axis=1), 1.0, rtol=0, atol=1e-12)


# -- uniform on the simplex ---------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 3, 7, 12])
def test_uniform_moments_are_dirichlet_one(n):
    """Uniform on the simplex is Dirichlet(1, ..., 1): marginal mean 1/n and variance
    (n - 1) / (n**2 (n + 1)) (Kotz, Balakrishnan & Johnson 2000, ch. 49, Dirichlet
    moments with all alpha_i = 1); 200,000 samples, 5 standard errors."""
    w = uniform_weights(names(n), n_samples=200_000, rng=11).values
    assert_on_simplex(w, n)
    assert_mean(w, np.full(n, 1 / n))
    assert_variance(w, np.full(n, (n - 1) / (n**2 * (n + 1))))


def test_uniform_two_criteria_marginal_is_uniform():
    """For n = 2 the first weight is U(0, 1): its deciles are 0.1, ..., 0.9 (binomial
    SE of an empirical CDF at N = 100,000 is at most 0.0016; tolerance 0.008)."""
    w = uniform_weights(names(2), n_samples=100_000, rng=5).values[:, 0]
    for q in np.arange(1, 10) / 10:
        assert abs(np.mean(w <= q) - q) < 0.008


def test_uniform_draw_takes_one_key_from_the_generator():
    """A draw takes one raw draw of the generator as its stream's key, whatever its size:
    a shorter draw is the first rows of a longer one, and the generator moves on alike."""
    a = np.random.default_rng(3)
    b = np.random.default_rng(3)
    sampler = UniformSampler(names(5))
    np.testing.assert_array_equal(sampler.draw(37, a), sampler.draw(100, b)[:37])
    assert a.random() == b.random()


def test_uniform_same_seed_same_numbers_and_zero_samples():
    def draw(k, n, seed):
        return uniform_weights(names(n), n_samples=k, rng=seed).values

    np.testing.assert_array_equal(draw(10, 4, 1), draw(10, 4, 1))
    assert not np.array_equal(draw(10, 4, 1), draw(10, 4, 2))
    assert draw(0, 4, 1).shape == (0, 4)
    np.testing.assert_array_equal(draw(3, 1, 0), np.ones((3, 1)))
    assert uniform_weights(names(2), n_samples=1e3, rng=0).n_samples == 1000


# -- Dirichlet ------------------------------------------------------------------------


def test_dirichlet_moments():
    """Dirichlet(alpha0 * c): mean c and variance c (1 - c) / (alpha0 + 1) (Kotz,
    Balakrishnan & Johnson 2000, ch. 49); 200,000 samples, 5 standard errors."""
    center = np.array([0.5, 0.3, 0.15, 0.05])
    for alpha0 in (4.0, 50.0):
        w = dirichlet_weights(names(4), alpha0 * center, n_samples=200_000, rng=2).values
        around = DirichletSampler.around(names(4), center, concentration=alpha0)
        np.testing.assert_array_equal(w, around.sample(n_samples=200_000, rng=2).values)
        assert_on_simplex(w, 4)
        assert_mean(w, center)
        assert_variance(w, center * (1 - center) / (alpha0 + 1))


def test_dirichlet_named_center_and_zero_weights():
    center = pd.Series({"b": 0.0, "a": 0.25, "c": 0.75})
    sampler = DirichletSampler.around(["a", "b", "c"], center, concentration=100.0)
    w = sampler.sample(n_samples=20_000, rng=4).values
    assert_on_simplex(w, 3)
    assert np.all(w[:, 1] == 0)
    assert_mean(w, [0.25, 0.0, 0.75])
    one = dirichlet_weights(["a", "b"], [0.0, 5.0], n_samples=10, rng=1).values
    assert not DirichletSampler(["a", "b"], [0.0, 5.0]).varies
    np.testing.assert_array_equal(one, np.tile([0.0, 1.0], (10, 1)))


def test_dirichlet_tiny_concentration_stays_on_simplex():
    w = dirichlet_weights(names(12), np.full(12, 0.05 / 12), n_samples=5_000, rng=8).values
    assert_on_simplex(w, 12)
    tiny = dirichlet_weights(names(4), [1e-3, 1e-3, 1e-3, 1e-300], n_samples=5_000, rng=8)
    assert_on_simplex(tiny.values, 4)


@pytest.mark.parametrize("alpha", [[8.0, 8.0, 0.0, 4.0], [0.2, 3.0, 0.0, 1e-3]])
def test_dirichlet_draw_is_the_same_with_and_without_numba(alpha):
    """Draws of NUMBA_MIN_SIZE rows or more run in the numba kernel when it is installed:
    the rows of the numpy arrays of gamma.dirichlet_points, bit for bit, for the same
    generator (one key drawn from it, as the uniform sampler does)."""
    pytest.importorskip("numba")
    from pathchoice._core.kernels import gamma, stream
    from pathchoice.sensitivity.sampling.simplex import NUMBA_MIN_SIZE

    sampler = DirichletSampler(names(4), alpha)
    size = NUMBA_MIN_SIZE + 77
    drawn = sampler.draw(size, np.random.default_rng(21))
    key = stream.stream_key(np.random.default_rng(21))
    np.testing.assert_array_equal(drawn, gamma.dirichlet_points(key, np.array(alpha), 0, size))
    assert_on_simplex(drawn, 4)


# -- ordinal -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "published"),
    [
        (3, [0.6111, 0.2778, 0.1111]),
        (4, [0.5208, 0.2708, 0.1458, 0.0625]),
    ],
)
def test_ordinal_mean_is_rank_order_centroid(n, published):
    """The centroid of {w1 >= ... >= wn} is the rank-order-centroid weights of Barron &
    Barrett (1996), printed to 4 places (n = 3: .6111 .2778 .1111; n = 4: .5208 .2708
    .1458 .0625); 200,000 samples, 5 standard errors plus the 5e-5 of rounding."""
    order = list(range(n))[::-1]  # the last column is the most important
    w = ordinal_weights(names(n), names(n)[::-1], n_samples=200_000, rng=9).values
    assert_on_simplex(w, n)
    assert np.all(np.diff(w[:, order], axis=1) <= 0)
    assert_mean(w[:, order], published, atol=5e-5)


def test_ordinal_subset_by_name_leaves_others_free():
    criteria = ["risk", "cost", "time", "quality"]
    w = ordinal_weights(criteria, ["cost", "risk"], n_samples=50_000, rng=1).values
    assert_on_simplex(w, 4)
    assert np.all(w[:, 1] >= w[:, 0])
    # The two free criteria are exchangeable with each other and unconstrained:
    # their mean is 1/4 (the ranked pair shares the other half: 3/8 and 1/8).
    assert_mean(w, [1 / 8, 3 / 8, 1 / 4, 1 / 4])


# -- intervals -------------------------------------------------------------------------


def test_interval_two_criteria_is_uniform_on_the_segment():
    """n = 2, lower (0.2, 0.3), upper (0.6, 1.0): the region is w1 in [0.2, 0.6]
    (w2 = 1 - w1 in [0.4, 0.8]), uniform: mean 0.4, variance 0.4**2 / 12."""
    w = interval_weights(names(2), ([0.2, 0.3], [0.6, 1.0]), n_samples=100_000, rng=6).values
    assert_on_simplex(w, 2)
    assert w[:, 0].min() >= 0.2 and w[:, 0].max() <= 0.6
    assert_mean(w[:, :1], [0.4])
    assert_variance(w[:, :1], [0.4**2 / 12])


def test_interval_matches_plain_rejection_from_the_simplex():
    """Oracle: uniform simplex samples (numpy's dirichlet) kept when inside the box.
    Both are uniform over the same region, so their means agree (5 SE)."""
    lower = np.array([0.1, 0.0, 0.2])
    upper = np.array([0.5, 0.35, 0.9])
    w = interval_weights(names(3), (lower, upper), n_samples=50_000, rng=3).values
    assert np.all((w >= lower) & (w <= upper))
    oracle = np.random.default_rng(4).dirichlet(np.ones(3), 400_000)
    oracle = oracle[np.all((oracle >= lower) & (oracle <= upper), axis=1)]
    assert_mean(w, oracle.mean(axis=0), atol=4 * oracle.std(axis=0).max() / np.sqrt(len(oracle)))


def test_interval_scalar_and_named_bounds():
    upper = pd.Series({"y": 0.5, "x": 0.6, "z": 0.4})
    w = interval_weights(["x", "y", "z"], (0.1, upper), n_samples=1000, rng=1).values
    assert_on_simplex(w, 3)
    assert np.all(w >= 0.1) and np.all(w <= [0.6, 0.5, 0.4])
    by_name = interval_weights(["x", "y"], {"y": (0.2, 0.3)}, n_samples=100, rng=1).values
    assert np.all((by_name[:, 1] >= 0.2) & (by_name[:, 1] <= 0.3))
    point = interval_weights(names(2), ([0.2, 0.8], [0.5, 0.9]), n_samples=4, rng=1).values
    np.testing.assert_allclose(point, np.tile([0.2, 0.8], (4, 1)))


# -- AHP judgement uncertainty ------------------------------------------------------------


def test_saaty_scale_positions():
    scale = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    np.testing.assert_array_equal(saaty_position(scale), np.arange(-8, 9))
    np.testing.assert_allclose(saaty_value(np.arange(-8, 9)), scale, rtol=1e-15)
    assert SAATY_STEPS == 8


@given(st.floats(min_value=1 / 20, max_value=20))
def test_saaty_position_and_value_invert(x):
    np.testing.assert_allclose(saaty_value(saaty_position(x)), x, rtol=1e-12)


@pytest.mark.parametrize(
    ("judgement", "outcomes"),
    [(3.0, [2.0, 3.0, 4.0]), (9.0, [8.0, 9.0]), (1.0, [0.5, 1.0, 2.0]), (1 / 9, [1 / 9, 1 / 8])],
)
def test_one_step_perturbation_is_uniform_over_admissible_steps(judgement, outcomes):
    """With spread=1 a judgement moves -1, 0 or +1 step with equal probability, steps off
    the scale removed. For a 2 x 2 matrix the weight of 'a' is a / (1 + a), so the
    judgement is recovered from each sample; N = 30,000, frequencies within 5 SE."""
    matrix = PairwiseMatrix.from_judgements({("a", "b"): judgement})
    w = ahp_judgement_weights(["a", "b"], matrix, n_samples=30_000, spread=1, rng=12).values
    seen = w[:, 0] / w[:, 1]
    np.testing.assert_allclose(np.sort(np.unique(np.round(seen, 9))), outcomes, rtol=1e-9)
    p = 1 / len(outcomes)
    for value in outcomes:
        share = np.mean(np.isclose(seen, value, rtol=1e-9))
        assert abs(share - p) < 5 * np.sqrt(p * (1 - p) / len(seen))


def test_spread_zero_gives_the_ahp_weights():
    judgements = {("x", "y"): 3, ("x", "z"): 5, ("y", "z"): 2}
    for method in ("eigenvector", "geometric_mean"):
        w = ahp_judgement_weights(
            ["x", "y", "z"], judgements, n_samples=3, spread=0, method=method, rng=0
        ).values
        expected = ahp_weights(judgements, method=method).weights.to_numpy()
        np.testing.assert_allclose(w, np.tile(expected, (3, 1)), rtol=0, atol=1e-14)


def test_spread_zero_on_the_china_japan_hierarchy_gives_its_global_weights():
    analysis = china_japan()
    model = analysis.decision_model()
    criteria = model.criterion_names
    w = ahp_judgement_weights(model, analysis.hierarchy(), n_samples=5, spread=0, rng=0).values
    expected = hierarchy_weights(analysis.hierarchy()).global_weights[list(criteria)].to_numpy()
    np.testing.assert_allclose(w, np.tile(expected, (5, 1)), rtol=0, atol=1e-14)
    perturbed = ahp_judgement_weights(
        model, analysis.hierarchy(), n_samples=2_000, spread=2, rng=1
    ).values
    assert_on_simplex(perturbed, len(criteria))
    assert np.unique(perturbed.round(12), axis=0).shape[0] > 100


def test_incomplete_matrix_uses_the_llsm_completion():
    """Spread 0 on an incomplete matrix equals ahp_weights with completion='llsm'."""
    values = [[1, 2, np.nan], [1 / 2, 1, 3], [np.nan, 1 / 3, 1]]
    matrix = PairwiseMatrix(values, ["a", "b", "c"], allow_missing=True)
    for method in ("eigenvector", "geometric_mean"):
        w = ahp_judgement_weights(
            ["a", "b", "c"], matrix, n_samples=2, spread=0, method=method, rng=0
        ).values
        expected = ahp_weights(matrix, method=method, completion="llsm").weights.to_numpy()
        np.testing.assert_allclose(w[0], expected, rtol=0, atol=1e-12)
    assert_on_simplex(
        ahp_judgement_weights(["a", "b", "c"], matrix, n_samples=500, spread=1, rng=2).values, 3
    )


def test_direct_weights_nodes_stay_fixed():
    root = Node(
        "goal",
        [Node("cost", ["price", "upkeep"], weights={"price": 0.75, "upkeep": 0.25}), "safety"],
        judgements={("cost", "safety"): 3},
    )
    w = ahp_judgement_weights(
        ["price", "upkeep", "safety"], root, n_samples=2_000, spread=1, rng=3
    ).values
    np.testing.assert_allclose(w[:, 0] / w[:, 1], 3.0, rtol=1e-12)
    assert set(np.round(w[:, 2], 12)) == {round(1 / 3, 12), round(1 / 4, 12), round(1 / 5, 12)}


# -- laws for every sampler (hypothesis) --------------------------------------------------------


@st.composite
def weight_samplers(draw):
    n = draw(st.integers(2, 6))
    criteria = names(n)
    kind = draw(st.sampled_from(["uniform", "dirichlet", "ordinal", "interval", "ahp"]))
    if kind == "uniform":
        return UniformSampler(criteria)
    if kind == "dirichlet":
        raw = np.array(draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)), dtype=float)
        raw[0] += 1
        alpha0 = draw(st.floats(0.1, 500))
        return DirichletSampler.around(criteria, raw / raw.sum(), concentration=alpha0)
    if kind == "ordinal":
        order = draw(st.permutations(criteria))
        return OrdinalSampler(criteria, order)
    if kind == "interval":
        lower = np.array(draw(st.lists(st.integers(0, 10), min_size=n, max_size=n))) / (10 * n)
        width = np.array(draw(st.lists(st.integers(3, 10), min_size=n, max_size=n))) / 10
        upper = np.minimum(lower + width, 1.0)
        if upper.sum() < 1:
            upper = np.ones(n)
        return IntervalSampler(criteria, (lower, upper))
    values = draw(st.lists(st.sampled_from([1 / 5, 1 / 2, 1, 2, 3, 7]), min_size=n, max_size=n))
    judgements = {(criteria[j], criteria[j + 1]): values[j] for j in range(n - 1)}
    spread = draw(st.integers(0, 3))
    return AHPJudgementSampler(draw(st.permutations(criteria)), judgements, spread=spread)


@given(weight_samplers(), st.integers(0, 40), st.integers(0, 2**32 - 1))
def test_samples_lie_on_the_simplex_and_repeat_with_the_seed(sampler, k, seed):
    samples = sampler.sample(n_samples=k, rng=seed)
    w = samples.values
    assert isinstance(samples, WeightSamples) and samples.criteria == sampler.criteria
    assert samples.kind == sampler.kind and not w.flags.writeable
    assert w.shape == (k, len(sampler.criteria)) and w.flags.c_contiguous
    if k:
        assert_on_simplex(w, len(sampler.criteria))
    np.testing.assert_array_equal(w, sampler.sample(n_samples=k, rng=seed).values)
    if sampler.kind == "ordinal":
        order = list(sampler.params["order"])
        assert np.all(np.diff(w[:, order], axis=1) <= 0)
    if sampler.kind == "interval":
        lower, upper = sampler.params["lower"], sampler.params["upper"]
        assert np.all(w >= lower - 1e-15) and np.all(w <= upper + 1e-15)


def test_samples_are_frozen_and_labelled():
    samples = uniform_weights(["b", "a"], n_samples=5, rng=0)
    with pytest.raises(ValueError, match="read-only"):
        samples.values[0, 0] = 1.0
    frame = samples.to_frame()
    assert list(frame.columns) == ["b", "a"] and frame.index.name == "sample"
    frame.iloc[0, 0] = 99.0
    assert samples.values[0, 0] != 99.0
    assert samples == uniform_weights(["b", "a"], n_samples=5, rng=0)
    assert "uniformly" in samples.description and len(samples) == 5


def test_ahp_sampler_maps_leaves_to_criteria_by_name():
    """The tree's depth-first order (z, y, x) is not the criterion order (x, y, z)."""
    tree = Node(
        "goal",
        [Node("g", ["z", "y"], judgements={("z", "y"): 3}), "x"],
        judgements={("g", "x"): 4},
    )
    expected = hierarchy_weights(tree).global_weights
    w = ahp_judgement_weights(["x", "y", "z"], tree, n_samples=2, spread=0).values
    np.testing.assert_allclose(w[0], expected[["x", "y", "z"]].to_numpy(), rtol=1e-14)
    assert w[0, 2] > w[0, 1]  # z = 3 y


def test_fixed_and_custom_samplers():
    fixed = FixedWeights(["a", "b"], pd.Series({"b": 0.3, "a": 0.7}))
    assert not fixed.varies and fixed.kind == "fixed"
    np.testing.assert_array_equal(fixed.sample(n_samples=2).values, [[0.7, 0.3]] * 2)

    def reversed_frame(n_samples, rng):
        w = rng.dirichlet([1.0, 2.0], size=n_samples)
        return pd.DataFrame(w, columns=["b", "a"])

    custom = CustomSampler(["a", "b"], reversed_frame)
    w = custom.sample(n_samples=4000, rng=1).values
    assert w[:, 0].mean() > w[:, 1].mean()  # column 'a' got the Dirichlet's second parameter

    def bad(n_samples, rng):
        return np.full((n_samples, 2), 0.6)

    with pytest.raises(WeightsError, match=r"must sum to 1 .* in weight sample 0"):
        CustomSampler(["a", "b"], bad).sample(n_samples=3)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ([0.5, np.nan], r"weights must be finite: 'b' = nan in weight sample 9000"),
        ([np.inf, 0.0], r"weights must be finite: 'a' = inf in weight sample 9000"),
        ([1.5, -0.5], r"weights must not be negative: 'b' = -0.5 in weight sample 9000"),
        ([0.5, 0.6], r"weights must sum to 1 \(got 1\.1 for 2 criteria\) in weight sample 9000"),
    ],
)
def test_weight_samples_are_checked_when_made(row, message):
    """WeightSamples check their rows once, when made (smaa and evaluate then trust them):
    the one fused pass per block finds a bad row past the first block and names it."""
    values = np.full((10_000, 2), 0.5)
    values[9_000] = row
    with pytest.raises(WeightsError, match=f"WeightSamples: {message}"):
        WeightSamples(values=values, criteria=("a", "b"))
    with pytest.raises(WeightsError, match=message):
        smaa(Model(["x", "y"], ["a", "b"], [[1, 2], [2, 1]]), values)


@pytest.mark.parametrize("engine", ["numpy", "numba"])
@pytest.mark.parametrize("pool", [None, 1, 3])
def test_given_rows_are_checked_in_the_workers(engine, pool):
    """A plain array is checked block by block by the workers that rank it: whatever runs
    the blocks, the first bad row is named (here in the third block of 8,192, with a
    later block bad too), and nothing is returned."""
    if engine == "numba":
        pytest.importorskip("numba")
    values = np.full((30_000, 2), 0.5)
    values[[17_000, 29_000]] = [0.5, 0.6]
    model = Model(["x", "y"], ["a", "b"], [[1, 2], [2, 1]])
    with (
        ThreadPoolExecutor(pool) if pool else contextlib.nullcontext() as executor,
        pytest.raises(WeightsError, match=r"smaa: .*sum to 1 .* in weight sample 17000$"),
    ):
        smaa(model, values, engine=engine, executor=executor)


@pytest.mark.parametrize("engine", ["numpy", "numba"])
@pytest.mark.parametrize(
    ("row", "message"),
    [
        ([np.nan, 1.0], r"weights must be finite: 'a' = nan in weight sample 20000$"),
        ([-np.inf, 1.0], r"weights must be finite: 'a' = -inf in weight sample 20000$"),
        ([1.5, -0.5], r"weights must not be negative: 'b' = -0.5 in weight sample 20000$"),
        ([-0.0, 0.999], r"weights must sum to 1 \(got 0\.999 .*in weight sample 20000$"),
    ],
)
def test_every_kind_of_bad_row_is_named_by_either_engine(engine, row, message):
    """The numba engine checks given rows in the pass that lays them out for its kernel
    and the numpy engine in one pass per block: a bad row of each kind, in the third
    block, is named alike."""
    if engine == "numba":
        pytest.importorskip("numba")
    values = np.full((25_000, 2), 0.5)
    values[20_000] = row
    model = Model(["x", "y"], ["a", "b"], [[1, 2], [2, 1]])
    with pytest.raises(WeightsError, match=message):
        smaa(model, values, engine=engine)


def test_rows_at_the_sum_tolerance_pass_in_either_engine():
    """A row that misses 1 by just under the tolerance is accepted by both engines (the
    kernel's stricter pre-check hands such a block to the exact check, which lets it
    through) and both engines count the same ranks."""
    pytest.importorskip("numba")
    from pathchoice.weights import SUM_TOLERANCE

    rng = np.random.default_rng(5)
    values = rng.dirichlet(np.ones(3), 10_000)
    values[9_000] = [0.5, 0.25, 0.25 + SUM_TOLERANCE * (1 - 1e-7)]
    assert abs(values[9_000].sum() - 1) <= SUM_TOLERANCE
    model = Model(["x", "y", "z"], ["a", "b", "c"], [[1, 2, 3], [2, 1, 3], [3, 2, 1]])
    fast, plain = (smaa(model, values, engine=e) for e in ("numba", "numpy"))
    np.testing.assert_array_equal(fast.rank_acceptability, plain.rank_acceptability)


# -- performance samples ----------------------------------------------------------------------


def small_model() -> Model:
    return Model(
        ["A", "B", "C"],
        ["x", "y"],
        [[2.0, 5.0], [4.0, 1.0], [3.0, 3.0]],
        directions=["benefit", "cost"],
    )


def test_performance_intervals_uniform_per_cell():
    model = small_model()
    low, high = model.matrix - 1.0, model.matrix + np.array([[1.0, 2.0]] * 3)
    p = performance_samples(model, intervals=(low, high), n_samples=50_000, rng=1).values
    assert p.shape == (50_000, 3, 2)
    assert np.all((p >= low) & (p <= high))
    assert_mean(p.reshape(len(p), -1), ((low + high) / 2).ravel())
    assert_variance(p.reshape(len(p), -1), ((high - low) ** 2 / 12).ravel())


def test_performance_normal_moments_and_frames():
    model = small_model()
    sd = pd.DataFrame(
        [[0.1, 0.2], [0.3, 0.0], [0.5, 0.05]], index=["A", "B", "C"], columns=["x", "y"]
    )
    p = performance_samples(
        model, distributions=("normal", sd.iloc[::-1]), n_samples=50_000, rng=2
    ).values
    flat = p.reshape(len(p), -1)
    assert_mean(flat[:, sd.to_numpy().ravel() > 0], model.matrix.ravel()[sd.to_numpy().ravel() > 0])
    np.testing.assert_array_equal(p[:, 1, 1], 1.0)  # sd 0: the model's value
    assert_variance(flat, (sd.to_numpy() ** 2).ravel())


def test_performance_triangular_moments():
    """Triangular(a, c, b): mean (a + b + c) / 3 and variance
    (a² + b² + c² - ab - ac - bc) / 18 (Evans, Hastings & Peacock, *Statistical
    Distributions*, 3rd ed. 2000, ch. 40); mode c = the model's value."""
    model = small_model()
    a, c = model.matrix - np.array([[1.0, 0.5]] * 3), model.matrix
    b = model.matrix + np.array([[2.0, 0.0]] * 3)  # y: mode at the upper end
    p = performance_samples(
        model, distributions=("triangular", a, b), n_samples=100_000, rng=3
    ).values
    assert np.all((p >= a) & (p <= b))
    flat = p.reshape(len(p), -1)
    assert_mean(flat, ((a + b + c) / 3).ravel())
    var = (a**2 + b**2 + c**2 - a * b - a * c - b * c) / 18
    assert_variance(flat, var.ravel())


def test_performance_same_seed_same_numbers():
    model = small_model()
    run = functools.partial(performance_samples, model, distributions=("normal", 0.2))
    np.testing.assert_array_equal(run(n_samples=5, rng=9).values, run(n_samples=5, rng=9).values)
    assert CellSampler(model, distributions=("normal", 0.2)).varies
    assert not CellSampler(model, intervals=(model.matrix, model.matrix)).varies
    samples = run(n_samples=2, rng=0)
    assert samples.alternatives == model.alternatives and samples.to_frame().shape == (6, 2)


# -- errors ----------------------------------------------------------------------------------------


AB = ["a", "b"]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: uniform_weights(AB, n_samples=-1), ArgumentError, "n_samples must be a whole"),
        (lambda: uniform_weights(AB, n_samples=2.5), ArgumentError, r"n_samples .* \(got 2.5\)"),
        (lambda: uniform_weights(AB, n_samples=True), ArgumentError, r"\(got True\)"),
        (lambda: uniform_weights(AB, n_samples=3, rng="abc"), ArgumentError, "rng must be"),
        (lambda: uniform_weights(AB, n_samples=3, rng=-1), ArgumentError, "rng must be"),
        (lambda: uniform_weights(AB, n_samples=3, rng=1.5), ArgumentError, "rng must be"),
        (lambda: uniform_weights([], n_samples=5), ArgumentError, "at least one criterion"),
        (lambda: uniform_weights("ab", n_samples=5), ArgumentError, "model must be a Model"),
        (lambda: uniform_weights(["a", "a"], n_samples=5), WeightsError, r"repeat names \['a'\]"),
        (lambda: DirichletSampler.around(AB, [0.5, 0.6]), WeightsError, r"sum to 1 \(got 1.1"),
        (lambda: DirichletSampler(AB, [1.5, -0.5]), WeightsError, "not be negative: 'b'"),
        (lambda: DirichletSampler(AB, [0.0, 0.0]), WeightsError, "at least one positive"),
        (lambda: DirichletSampler(AB, {"a": 1.0, "q": 2.0}), UnknownNameError, r"\['q'\]"),
        (lambda: DirichletSampler(AB, {"a": 1.0}), WeightsError, r"missing criteria \['b'\]"),
        (
            lambda: DirichletSampler.around(AB, [0.5, 0.5], concentration=0),
            ArgumentError,
            r"concentration must be in \(0",
        ),
        (
            lambda: DirichletSampler.around(AB, [0.5, 0.5], concentration="x"),
            ArgumentError,
            "concentration must be a finite number",
        ),
        (lambda: DirichletSampler.around(AB, {"a": 0.5, "q": 0.5}), UnknownNameError, "'q'"),
        (lambda: DirichletSampler(AB, [True, 1.0]), WeightsError, "not True/False"),
        (lambda: OrdinalSampler(AB, []), ArgumentError, "at least one criterion"),
        (lambda: OrdinalSampler(AB, ["a", "a"]), WeightsError, r"repeats criteria \['a'\]"),
        (lambda: OrdinalSampler(AB, [0, 1]), ArgumentError, "must be criterion names"),
        (lambda: OrdinalSampler(AB, ["z"]), UnknownNameError, "unknown criterion 'z'"),
        (lambda: OrdinalSampler(AB, "ab"), ArgumentError, "order must be a sequence"),
        (
            lambda: IntervalSampler(AB, ([0.5, 0.6], [0.7, 0.8])),
            WeightsError,
            "lower bounds sum to 1.1 > 1",
        ),
        (
            lambda: IntervalSampler(AB, ([0.0, 0.0], [0.3, 0.6])),
            WeightsError,
            "upper bounds sum to 0.9 < 1",
        ),
        (
            lambda: IntervalSampler(AB, ([0.4, 0.0], [0.3, 1.0])),
            WeightsError,
            r"criterion 'a' \(0.4 > 0.3\)",
        ),
        (
            lambda: IntervalSampler(AB, ([-0.1, 0.0], [1.0, 1.0])),
            WeightsError,
            "criterion 'a' must lie in",
        ),
        (lambda: IntervalSampler(AB, {"q": (0, 1)}), UnknownNameError, r"\['q'\]"),
        (lambda: IntervalSampler(AB, {"a": 0.3}), ArgumentError, "must be a pair"),
        (lambda: IntervalSampler(AB, 0.3), ArgumentError, "bounds must be a mapping"),
        (
            lambda: interval_weights(names(4), ([0] * 4, [1, 1e-3, 1e-3, 1e-3]), n_samples=10),
            WeightsError,
            "too small for rejection sampling",
        ),
        (
            lambda: AHPJudgementSampler(AB, {("a", "b"): 3}, spread=-1),
            ArgumentError,
            "spread must be a whole number",
        ),
        (lambda: AHPJudgementSampler(AB, {("a", "b"): 3}, method="mean"), ArgumentError, "'mean'"),
        (lambda: AHPJudgementSampler(AB, [[1, 2], [0.5, 1]]), HierarchyError, "got list"),
        (
            lambda: AHPJudgementSampler(["a", "c"], {("a", "b"): 3}),
            WeightsError,
            r"not in the model: \['b'\], missing from the hierarchy: \['c'\]",
        ),
        (lambda: FixedWeights(AB, [0.5, 0.6]), WeightsError, "sum to 1"),
        (lambda: FixedWeights(AB, [True, False]), WeightsError, "not True/False"),
        (lambda: DirichletSampler.around(AB, {"a": True, "b": False}), WeightsError, "True/False"),
        (lambda: CustomSampler(AB, 3), ArgumentError, "function must be callable"),
    ],
)
def test_weight_sampler_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({}, ArgumentError, "exactly one of intervals"),
        ({"intervals": (0, 1), "distributions": ("normal", 1)}, ArgumentError, "exactly one"),
        ({"distributions": ("gamma", 1)}, ArgumentError, "unknown distribution 'gamma'"),
        ({"distributions": ("normal",)}, ArgumentError, r"takes parameters \(sd,\)"),
        ({"distributions": "normal"}, ArgumentError, "must be a tuple"),
        ({"intervals": (0.0,)}, ArgumentError, r"intervals must be a pair"),
        ({"distributions": ("normal", -1.0)}, ModelError, r"sd must not be negative: \['A', 'x'\]"),
        ({"distributions": ("normal", np.ones((2, 2)))}, ModelError, r"shape \(3, 2\)"),
        (
            {"intervals": (np.full((3, 2), 5.0), np.full((3, 2), 4.0))},
            ModelError,
            r"lower above upper for \['A', 'x'\] \(5 > 4\)",
        ),
        (
            {"distributions": ("triangular", np.full((3, 2), 2.5), np.full((3, 2), 9.0))},
            ModelError,
            r"lower above the model's value \(the mode\) for \['A', 'x'\]",
        ),
        (
            {"intervals": (pd.DataFrame({"x": [1.0], "q": [1.0]}, index=["A"]), 9)},
            ModelError,
            r"unknown labels \['q'\], missing \['B', 'C', 'y'\]",
        ),
        ({"distributions": ("normal", np.nan)}, ModelError, r"sd must hold finite numbers"),
        ({"distributions": ("normal", np.ones((3, 2), bool))}, ModelError, "not True/False"),
    ],
)
def test_performance_sampler_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        performance_samples(small_model(), n_samples=3, rng=0, **kwargs)


def test_performance_sampler_n_samples_error():
    with pytest.raises(ArgumentError, match="n_samples must be a whole number >= 0"):
        performance_samples(small_model(), distributions=("normal", 0.1), n_samples=-2)
    with pytest.raises(ModelError, match="model must be a Model"):
        performance_samples([[1, 2]], distributions=("normal", 0.1), n_samples=2)
