"""SMAA-2: analytic cases, pyrepo-mcda as an oracle, laws (hypothesis), engines, errors.

Monte Carlo estimates are compared with exact values at 5 standard errors
(binomial for acceptabilities and winning indices), so the checks fail for a
wrong statistic and practically never by chance; seeds are fixed anyway.
"""

import sys
import tracemalloc
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization
from scipy.optimize import brentq

from pathchoice import MethodError, Model, ModelError, PathchoiceError, WeightsError
from pathchoice._core.kernels import numpy_kernels as _kernels
from pathchoice.exceptions import ArgumentError
from pathchoice.ranking import topsis
from pathchoice.sensitivity.evaluate import evaluate
from pathchoice.sensitivity.sampling import (
    AHPJudgementSampler,
    CellSampler,
    CustomSampler,
    DirichletSampler,
    FixedWeights,
    UniformSampler,
    performance_samples,
    uniform_weights,
)
from pathchoice.sensitivity.smaa import SAMPLE_BLOCK, SMAAResult, analyse_ranks, smaa
from pathchoice.study.datasets import china_japan


@pytest.fixture(scope="module")
def numba_ready():
    """Compile the numba kernels once for this module (skipped without numba)."""
    pytest.importorskip("numba")
    return _kernels.numba_kernels()


def random_model(seed: int, m: int = 6, n: int = 4) -> Model:
    rng = np.random.default_rng(seed)
    return Model(
        [f"a{i}" for i in range(m)],
        [f"c{j}" for j in range(n)],
        rng.uniform(1, 10, (m, n)),
        directions=["cost" if j % 3 == 1 else "benefit" for j in range(n)],
    )


def uw(k: int, n: int, seed: int) -> np.ndarray:
    """k uniform weight rows for criteria c0..c{n-1}, as a writable array."""
    return np.array(uniform_weights([f"c{j}" for j in range(n)], n_samples=k, rng=seed).values)


def within(estimate, exact, n, z=5.0):
    """|estimate - exact| within z binomial standard errors (plus 1e-12)."""
    estimate, exact = np.asarray(estimate, dtype=float), np.asarray(exact, dtype=float)
    se = np.sqrt(exact * (1 - exact) / n)
    assert np.all(np.abs(estimate - exact) <= z * se + 1e-12), (estimate, exact)


def weighted_sum(model, weights):
    """A user's own policy model: the plain weighted sum of the raw values."""
    return weights @ model.matrix.T


# -- analytic cases ------------------------------------------------------------------------


def test_two_criteria_weighted_sum_is_the_share_of_the_weight_segment():
    """Analytic case. With two criteria, uniform weights are w = (t, 1 - t), t ~ U(0, 1),
    and an acceptability is the length of the set of t where the alternative takes the
    rank: the volume of its favourable weight space (Lahdelma, Hokkanen & Salminen
    1998). A = (1, 0), B = (0, 1), C = (0.6, 0.6): u_A = t, u_B = 1 - t, u_C = 0.6.
    A is first for t > 0.6, C for 0.4 < t < 0.6, B for t < 0.4; A is last for t < 0.5.
    Central weights are the midpoints of those intervals: A (0.8, 0.2), C (0.5, 0.5),
    B (0.2, 0.8). Winning: A over B 1/2, A over C 0.4, C over A 0.6."""
    model = Model(["A", "B", "C"], ["x", "y"], [[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    n = 100_000
    result = smaa(model, n_samples=n, method=weighted_sum, rng=20240611)
    exact = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])
    within(result.rank_acceptability.to_numpy(), exact, n)
    np.testing.assert_allclose(
        result.rank_acceptability_se.to_numpy(),
        np.sqrt(result.rank_acceptability * (1 - result.rank_acceptability) / n),
        rtol=1e-12,
    )
    winning = np.array([[0.0, 0.5, 0.4], [0.5, 0.0, 0.4], [0.6, 0.6, 0.0]])
    within(result.pairwise_winning.to_numpy(), winning, n)
    # SE of a conditional mean of t: sd 0.4/sqrt(12) or 0.2/sqrt(12) over 40,000 or 20,000.
    central = np.array([[0.8, 0.2], [0.2, 0.8], [0.5, 0.5]])
    np.testing.assert_allclose(result.central_weights.to_numpy(), central, rtol=0, atol=0.004)
    np.testing.assert_allclose(result.confidence_factors.to_numpy(), [1.0, 1.0, 1.0])
    np.testing.assert_allclose(result.expected_rank.to_numpy(), [2.1, 2.1, 1.8], atol=0.02)
    holistic = result.holistic_acceptability()  # meta-weights 11/18, 5/18, 2/18
    np.testing.assert_allclose(holistic.to_numpy(), [5.9 / 18, 5.9 / 18, 6.2 / 18], atol=0.005)


def test_two_criteria_topsis_against_pymcdm_crossings():
    """Independent oracle: pymcdm's TOPSIS (vector normalisation) on a fine grid of
    w = (t, 1 - t) with each change of the leader located by brentq; the exact
    first-rank acceptabilities are the lengths of the t-intervals each alternative
    leads. 200,000 samples, 5 binomial standard errors."""
    values = np.array([[7.0, 2.0], [5.0, 5.0], [2.0, 8.0], [6.0, 3.0], [1.0, 1.0]])
    model = Model([f"p{i}" for i in range(5)], ["x", "y"], values)
    method = TOPSIS(vector_normalization)

    def scores(t: float) -> np.ndarray:
        return method(values, np.array([t, 1 - t]), np.ones(2), validation=False)

    grid = np.linspace(0, 1, 401)
    leaders = np.array([np.argmax(scores(t)) for t in grid])
    exact = np.zeros(5)
    left = 0.0
    for k in np.flatnonzero(np.diff(leaders)):
        a, b = leaders[k], leaders[k + 1]
        cross = brentq(lambda t, a=a, b=b: scores(t)[a] - scores(t)[b], grid[k], grid[k + 1])
        exact[a] += cross - left
        left = cross
    exact[leaders[-1]] += 1.0 - left
    n = 200_000
    result = smaa(model, n_samples=n, rng=7)
    within(result.first_rank_acceptability.to_numpy(), exact, n)
    assert exact[1] > 0.1 and exact[4] == 0  # the case is not degenerate


def test_pyrepo_mcda_vikor_smaa_is_an_oracle():
    """Oracle: pyrepo-mcda's VIKOR_SMAA on the same weight samples (its VIKOR and
    pymcdm's agree on this model): rank acceptabilities and central weights to 1e-12."""
    mcda = pytest.importorskip("pyrepo_mcda.mcda_methods")
    model = random_model(3, 6, 4)
    w = uw(3_000, 4, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        acceptability, central, _ = mcda.VIKOR_SMAA()(model.matrix, w, model.types)
    result = smaa(model, w, method="vikor")
    np.testing.assert_allclose(result.rank_acceptability.to_numpy(), acceptability, atol=1e-12)
    ours = result.central_weights.fillna(0.0).to_numpy()
    np.testing.assert_allclose(ours, central, atol=1e-12)


# -- laws --------------------------------------------------------------------------------------


@st.composite
def problems(draw, max_alternatives=6, max_criteria=4):
    """Integer performance 1..5 (repeated rows and ties are common), mixed directions,
    and weight samples with some weights exactly 0 (ties between different rows)."""
    m = draw(st.integers(2, max_alternatives))
    n = draw(st.integers(1, max_criteria))
    values = draw(hnp.arrays(np.float64, (m, n), elements=st.integers(1, 5).map(float)))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    model = Model(
        [f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], values, directions=directions
    )
    seed = draw(st.integers(0, 2**32 - 1))
    w = uw(draw(st.integers(1, 300)), n, seed)
    if n > 1 and draw(st.booleans()):
        w[::2, draw(st.integers(0, n - 1))] = 0.0
        w /= w.sum(axis=1, keepdims=True)
    return model, w


@given(problems())
def test_acceptabilities_are_doubly_stochastic_and_statistics_consistent(problem):
    model, w = problem
    result = smaa(model, w, engine="numpy")
    acc = result.rank_acceptability.to_numpy()
    np.testing.assert_allclose(acc.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(acc.sum(axis=0), 1.0, atol=1e-12)
    assert np.all(acc >= 0)
    win = result.pairwise_winning.to_numpy()
    assert np.all(np.diag(win) == 0)
    assert np.all(win + win.T <= 1 + 1e-12)
    m = model.n_alternatives
    np.testing.assert_allclose(result.expected_rank, acc @ np.arange(1, m + 1), rtol=1e-12)
    assert result.n_samples == len(w)
    first = result.first_rank_acceptability.to_numpy()
    never = first == 0
    assert (
        result.central_weights.to_numpy()[never].size == 0
        or np.isnan(result.central_weights.to_numpy()[never]).all()
    )
    central = result.central_weights.to_numpy()[~never]
    np.testing.assert_allclose(central.sum(axis=1), 1.0, atol=1e-9)


@given(problems())
def test_ranks_agree_with_evaluate_and_analyse(problem):
    """smaa == analyse_ranks(evaluate(...)), exactly: one ranking, two routes."""
    model, w = problem
    direct = smaa(model, w, engine="numpy", chunk_size=37)
    stepwise = analyse_ranks(evaluate(model, w))
    np.testing.assert_array_equal(direct.rank_acceptability, stepwise.rank_acceptability)
    np.testing.assert_array_equal(direct.pairwise_winning, stepwise.pairwise_winning)
    np.testing.assert_allclose(
        direct.central_weights, stepwise.central_weights, rtol=1e-12, atol=1e-15
    )


def agree_up_to_near_ties(a, b):
    """The engines' contract: counts (rank acceptabilities and winning indices times N)
    differ by at most the near-ties either engine counted; identical without any."""
    allowed = max(a.options["near_ties"], b.options["near_ties"])
    n = a.n_samples
    for name in ("rank_acceptability", "pairwise_winning"):
        diff = np.abs(getattr(a, name).to_numpy() - getattr(b, name).to_numpy()) * n
        assert diff.max() <= allowed + 1e-6, (name, diff.max(), allowed)
        if allowed == 0:
            np.testing.assert_array_equal(getattr(a, name), getattr(b, name))


@settings(max_examples=25)
@given(problems(max_alternatives=9, max_criteria=5))
def test_numba_and_numpy_agree_up_to_near_ties(numba_ready, problem):
    """The fused kernel and the numpy path on problems with repeated rows and zero
    weights: counts agree up to the near-ties; central weights to rounding when no
    near-tie moved a first place."""
    model, w = problem
    a = smaa(model, w, engine="numpy")
    b = smaa(model, w, engine="numba")
    assert a.options["engine"] == "numpy" and b.options["engine"] == "numba"
    agree_up_to_near_ties(a, b)
    if a.options["near_ties"] == b.options["near_ties"] == 0:
        np.testing.assert_allclose(a.central_weights, b.central_weights, rtol=1e-12, atol=1e-15)
        np.testing.assert_array_equal(a.confidence_factors, b.confidence_factors)


def test_engines_agree_with_many_alternatives_ties_and_zero_weights(numba_ready):
    """Above 16 alternatives the numpy path counts ranks with bincount instead of
    one-hot comparisons; repeated rows and rows equal on the weighted criteria tie
    (near-ties, counted exactly by both engines and by evaluate)."""
    rng = np.random.default_rng(21)
    values = rng.integers(1, 6, (20, 4)).astype(float)
    values[7] = values[3]
    values[12, :2] = values[5, :2]
    model = Model([f"a{i}" for i in range(20)], [f"c{j}" for j in range(4)], values)
    w = uw(30_000, 4, 3)
    w[::3, 2:] = 0.0
    w /= w.sum(axis=1, keepdims=True)
    a = smaa(model, w, engine="numpy")
    b = smaa(model, w, engine="numba")
    c = analyse_ranks(evaluate(model, w))
    assert a.options["near_ties"] >= 10_000  # every third sample ties a5 and a12
    agree_up_to_near_ties(a, b)
    np.testing.assert_array_equal(a.rank_acceptability, c.rank_acceptability)
    np.testing.assert_array_equal(a.pairwise_winning, c.pairwise_winning)
    np.testing.assert_allclose(a.rank_acceptability.sum(axis=0), 1.0, atol=1e-12)


def test_engines_agree_on_internal_uniform_sampling_across_blocks(numba_ready):
    """More than one block, drawn inside the run (the numba kernel draws them itself):
    the same samples, so counts agree up to near-ties, whatever the engine or chunk
    size, and the numpy engine's do not depend on the chunk size at all."""
    model = random_model(4, 7, 5)
    n = SAMPLE_BLOCK + 4_321
    a = smaa(model, n_samples=n, rng=5, engine="numpy")
    b = smaa(model, n_samples=n, rng=5, engine="numba")
    c = smaa(model, n_samples=n, rng=5, engine="numpy", chunk_size=1_000)
    agree_up_to_near_ties(a, b)
    np.testing.assert_array_equal(a.rank_acceptability, c.rank_acceptability)
    np.testing.assert_allclose(a.central_weights, b.central_weights, rtol=1e-11)
    np.testing.assert_allclose(a.central_weights, c.central_weights, rtol=1e-11)
    sampled = smaa(model, UniformSampler(model), n_samples=n, rng=5)
    np.testing.assert_array_equal(a.rank_acceptability, sampled.rank_acceptability)


def test_identical_rows_share_their_ranks(numba_ready):
    rng = np.random.default_rng(6)
    values = rng.uniform(1, 9, (5, 3))
    values[4] = values[0]
    model = Model([f"a{i}" for i in range(5)], ["x", "y", "z"], values)
    for engine in ("numpy", "numba"):
        result = smaa(model, n_samples=20_000, rng=1, engine=engine)
        acc = result.rank_acceptability
        np.testing.assert_array_equal(acc.loc["a0"], acc.loc["a4"])
        assert result.pairwise_winning.loc["a0", "a4"] == 0
        assert any("always tie" in f for f in result.findings)
        np.testing.assert_allclose(acc.sum(axis=0), 1.0, atol=1e-12)


def test_an_alternative_dominating_every_other_is_always_first():
    rng = np.random.default_rng(7)
    values = rng.uniform(1, 9, (5, 4))
    values = np.vstack([values, values.max(axis=0) + 1])  # benefit criteria: best everywhere
    model = Model([f"a{i}" for i in range(6)], [f"c{j}" for j in range(4)], values)
    for method in ("topsis", "vikor", weighted_sum):
        result = smaa(model, n_samples=3_000, rng=2, method=method)
        assert result.first_rank_acceptability["a5"] == 1.0
        assert result.expected_rank["a5"] == 1.0
        assert result.confidence_factors["a5"] == 1.0
        assert result.central_weights.drop(index="a5").isna().all().all()


def test_same_seed_same_numbers():
    model = random_model(8)
    a = smaa(model, n_samples=5_000, rng=42)
    b = smaa(model, n_samples=5_000, rng=np.random.default_rng(42))
    c = smaa(model, n_samples=5_000, rng=43)
    pd.testing.assert_frame_equal(a.rank_acceptability, b.rank_acceptability)
    assert not a.rank_acceptability.equals(c.rank_acceptability)


# -- performance uncertainty -----------------------------------------------------------------


def test_zero_width_intervals_are_fixed_performance():
    model = random_model(9, 5, 3)
    sampler = CellSampler(model, intervals=(model.matrix, model.matrix))
    w = uw(4_000, 3, 3)
    fixed = smaa(model, w)
    sampled = smaa(model, w, performance=sampler, rng=1)
    np.testing.assert_array_equal(fixed.rank_acceptability, sampled.rank_acceptability)
    np.testing.assert_array_equal(fixed.confidence_factors, sampled.confidence_factors)
    assert sampled.options["performance"] == "sampler"


def test_performance_uncertainty_lowers_confidence():
    """Two alternatives equal on average: with fixed performance each is first with its
    own central weights (confidence 1); with noisy performance that drops below 1."""
    model = Model(["A", "B"], ["x", "y"], [[5.0, 4.0], [4.0, 5.0]])
    noisy = CellSampler(model, distributions=("normal", 1.0))
    result = smaa(model, n_samples=4_000, performance=noisy, rng=2, confidence_samples=2_000)
    assert np.all(result.confidence_factors < 0.95)
    assert np.all(result.confidence_factors > 0.5)
    assert result.options["confidence_samples"] == 2_000
    p = noisy.sample(n_samples=300, rng=1)
    arrays = smaa(
        model, uniform_weights(model, n_samples=300, rng=1), performance=p, method="vikor"
    )
    np.testing.assert_allclose(arrays.rank_acceptability.sum(axis=0), 1.0)


def test_fixed_weights_with_performance_samples():
    model = random_model(10, 4, 3)
    p = performance_samples(model, distributions=("normal", 0.5), n_samples=500, rng=4)
    fixed = FixedWeights(model, [0.5, 0.3, 0.2])
    result = smaa(model, fixed, performance=p)
    expected = analyse_ranks(evaluate(model, fixed, performance=p))
    assert not any("nothing varies" in f for f in result.findings)
    np.testing.assert_array_equal(result.rank_acceptability, expected.rank_acceptability)
    assert result.options["weights"] == "fixed"


# -- streaming, progress, the China–Japan model ------------------------------------------------


def test_memory_does_not_grow_with_the_number_of_samples():
    """Counts are accumulated block by block: the peak of a 200,000-sample run is about
    that of a 20,000-sample run (numpy engine; tracemalloc)."""
    model = random_model(11, 12, 12)

    def peak(samples: int) -> int:
        tracemalloc.start()
        smaa(model, n_samples=samples, rng=1, engine="numpy")
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(20_000), peak(200_000)
    assert large < 1.5 * small + 2**20
    assert large < 40 * 2**20


def test_progress_reports_each_block(numba_ready):
    model = random_model(12)
    for engine in ("numpy", "numba"):
        calls = []
        smaa(
            model,
            n_samples=70_000,
            rng=1,
            engine=engine,
            progress=lambda d, t, calls=calls: calls.append((d, t)),
        )
        done = [d for d, _ in calls]
        assert done == sorted(done) and done[-1] == 70_000
        assert {t for _, t in calls} == {70_000}
    result = smaa(model, n_samples=1_000, rng=1, progress=True)
    assert result.n_samples == 1_000


def test_china_japan_with_ahp_judgement_uncertainty():
    """With spread 0 the AHP sampler returns the model's own weights: every sample ranks
    the paths as topsis does. With spread 1 the run is a real SMAA."""
    analysis = china_japan()
    model = analysis.decision_model()
    names = model.criterion_names
    hierarchy = analysis.hierarchy()
    exact = AHPJudgementSampler(model, hierarchy, spread=0)
    result = smaa(model, exact, n_samples=200, rng=1)
    assert any("nothing varies" in f for f in result.findings)
    weights = analysis.weights().global_weights[list(names)]
    ranks = topsis(model, weights).ranks
    for path, r in ranks.items():
        assert result.rank_acceptability.loc[path, r] == 1.0
    uncertain = AHPJudgementSampler(model, hierarchy, spread=1)
    spread = smaa(model, uncertain, n_samples=2_000, rng=2)
    np.testing.assert_allclose(spread.rank_acceptability.sum(axis=0), 1.0, atol=1e-12)
    assert spread.first_rank_acceptability[ranks.idxmin()] > 0.2
    frame = spread.to_frame()
    assert list(frame.columns[:5]) == [
        "first_rank_acceptability",
        "first_rank_acceptability_se",
        "expected_rank",
        "expected_rank_se",
        "confidence_factor",
    ]
    assert list(frame.columns[5:]) == [f"rank_{r}" for r in range(1, model.n_alternatives + 1)]
    assert "SMAA-2 (topsis, 2,000 samples)" in str(spread)


def test_analyse_ranks_from_a_frame_and_without_weights():
    ranks = pd.DataFrame([[1, 2, 3], [3, 1, 2], [1, 1, 3]], columns=["x", "y", "z"])
    result = analyse_ranks(ranks)
    np.testing.assert_allclose(
        result.rank_acceptability.to_numpy(),
        [[1.5 / 3, 0.5 / 3, 1 / 3], [1.5 / 3, 1.5 / 3, 0], [0, 1 / 3, 2 / 3]],
    )
    assert result.alternatives == ("x", "y", "z")
    assert result.central_weights.shape == (3, 0)
    assert result.confidence_factors.isna().all()
    named = analyse_ranks(ranks.to_numpy(), [[0.5, 0.5]] * 3, criteria=["p", "q"])
    assert named.central_weights.loc["alternative 1"].tolist() == [0.5, 0.5]
    assert isinstance(named, SMAAResult)


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"engine": "gpu"}, ArgumentError, r"engine must be one of 'auto', 'numpy', 'numba'"),
        ({"engine": "numba", "method": "vikor"}, MethodError, "numba' runs TOPSIS with fixed"),
        ({"method": "nope"}, MethodError, "unknown ranking method 'nope'"),
        ({"n_samples": 0}, ArgumentError, r"smaa: n_samples must be a whole number >= 1 \(got 0"),
        ({"n_samples": "10"}, ArgumentError, "n_samples must be a whole number"),
        ({"n_samples": 2.5}, ArgumentError, "n_samples must be a whole number"),
        ({"rng": "abc"}, ArgumentError, "smaa: rng must be None"),
        ({"rng": -1}, ArgumentError, "smaa: rng must be None"),
        ({"rng": 1.5}, ArgumentError, "smaa: rng must be None"),
        ({"rng": True}, ArgumentError, "smaa: rng must be None"),
        ({"chunk_size": -1}, ArgumentError, "chunk_size must be a whole number"),
        ({"progress": "bar"}, ArgumentError, "progress must be None"),
        ({"confidence_samples": -1}, ArgumentError, "confidence_samples must be a whole number"),
        (
            {"confidence_samples": 0, "performance": np.ones((10, 3, 2))},
            ArgumentError,
            "confidence_samples",
        ),
        (
            {"weights": np.full((5, 2), 0.5), "performance": np.ones((4, 3, 2))},
            ModelError,
            "5 weight samples but 4",
        ),
        ({"weights": np.array([[0.7, 0.7]])}, WeightsError, r"sum to 1 \(got 1.4"),
        ({"weights": np.array([[0.5, 0.2, 0.3]])}, WeightsError, r"shape \(n_samples, 2\)"),
        ({"weights": [[0.5, 0.5]]}, WeightsError, "convert a list with numpy.asarray"),
        ({"weights": np.array([0.5, 0.5])}, WeightsError, "one weight vector is not a sample"),
        ({"weights": pd.Series({"x": 0.5, "y": 0.5})}, WeightsError, "FixedWeights"),
        ({"weights": UniformSampler(["y", "x"])}, WeightsError, "made for criteria"),
        ({"performance": np.ones((4, 2, 2))}, ModelError, r"shape \(n_samples, 3, 2\)"),
        ({"performance": [[1.0]]}, ArgumentError, "performance must be PerformanceSamples"),
        (
            {"weights": lambda n_samples, rng: np.ones((n_samples, 2)) / 2},
            WeightsError,
            r"wrap a function in CustomSampler\(model, function\)",
        ),
        (
            {"weights": CustomSampler(["x", "y"], lambda n_samples, rng: np.ones((n_samples, 3)))},
            WeightsError,
            r"weight samples must have shape \(n_samples, 2\)",
        ),
        (
            {"weights": CustomSampler(["x", "y"], lambda n_samples, rng: np.full((2, 2), 0.5))},
            WeightsError,
            "returned 2 samples for n_samples=10",
        ),
    ],
)
def test_errors(kwargs, error, match):
    model = Model(["A", "B", "C"], ["x", "y"], [[1.0, 2.0], [2.0, 1.0], [1.5, 1.5]])
    options = {"n_samples": 10, "rng": 0, **kwargs}
    with pytest.raises(error, match=match):
        smaa(model, **options)


def test_numba_requested_but_missing(monkeypatch):
    monkeypatch.setattr(_kernels, "numba_available", lambda: False)
    model = random_model(13)
    with pytest.raises(
        MethodError, match=r"engine='numba' needs the numba package.*pathchoice\[fast\]"
    ):
        smaa(model, n_samples=10, engine="numba")
    result = smaa(model, n_samples=300_000, rng=1, engine="auto", chunk_size=50_000)
    assert result.options["engine"] == "numpy"


def test_numba_installed_but_broken(monkeypatch):
    def broken():
        raise ImportError("numba needs a different numpy")

    monkeypatch.setattr(_kernels, "numba_available", lambda: True)
    monkeypatch.setattr(_kernels, "numba_compiled", lambda: False)
    monkeypatch.setattr(_kernels, "numba_kernels", broken)
    model = random_model(15)
    with pytest.raises(
        MethodError, match=r"could not import numba \(numba needs a different numpy\)"
    ):
        smaa(model, n_samples=10, engine="numba")
    result = smaa(model, n_samples=250_000, rng=1, engine="auto", chunk_size=50_000)
    assert result.options["engine"] == "numpy"


def test_tqdm_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ArgumentError, match="tqdm is not installed"):
        smaa(random_model(14), n_samples=10, progress=True)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (([1, 2, 3],), {}, PathchoiceError, r"2-D array, .* \(got shape \(3,\)\)"),
        (([[1, np.nan]],), {}, PathchoiceError, "ranks must be finite: row 0, column 1"),
        (([["a", "b"]],), {}, PathchoiceError, "ranks must be numbers"),
        (
            ([[1, 2]],),
            {"alternatives": ["x"]},
            PathchoiceError,
            "1 alternative names for 2 columns",
        ),
        (([[1, 2]], [[0.5, 0.5], [0.5, 0.5]]), {}, WeightsError, "2 weight vectors for 1 rows"),
        (([[1, 2]], [[0.5, 0.6]]), {}, WeightsError, "must sum to 1"),
        (([[1, 2]],), {"chunk_size": 0}, ArgumentError, "chunk_size"),
    ],
)
def test_analyse_ranks_errors(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        analyse_ranks(*args, **kwargs)


def test_holistic_meta_weights_error_and_model_type():
    result = analyse_ranks([[1, 2], [2, 1]])
    with pytest.raises(WeightsError, match=r"meta_weights must be 2 finite numbers"):
        result.holistic_acceptability([1.0])
    with pytest.raises(ModelError, match="model must be a Model"):
        smaa([[1, 2], [3, 4]])


def test_dirichlet_sampler_around_the_china_japan_weights():
    analysis = china_japan()
    model = analysis.decision_model()
    center = analysis.weights().global_weights[list(model.criterion_names)].to_numpy()
    sampler = DirichletSampler.around(model, center, concentration=200.0)
    result = smaa(model, sampler, n_samples=3_000, rng=4)
    best = topsis(model, center).best
    assert result.first_rank_acceptability.idxmax() == best


def test_n_samples_as_a_float_and_nothing_varies():
    model = Model(["A", "B", "C"], ["x", "y"], [[1.0, 2.0], [2.0, 1.0], [1.5, 1.5]])
    assert smaa(model, n_samples=1e3, rng=0).n_samples == 1000
    fixed = smaa(model, FixedWeights(model, [0.5, 0.5]), n_samples=50)
    assert any(f.startswith("nothing varies") for f in fixed.findings)
    same = smaa(model, np.tile([0.3, 0.7], (20, 1)))
    assert any(f.startswith("nothing varies") for f in same.findings)
    zero = CellSampler(model, intervals=(model.matrix, model.matrix))
    assert any(
        "nothing varies" in f
        for f in smaa(
            model, FixedWeights(model, [0.5, 0.5]), performance=zero, n_samples=20
        ).findings
    )
    around = smaa(model, DirichletSampler.around(model, [0.5, 0.5]), n_samples=2_000, rng=1)
    assert not any("nothing varies" in f for f in around.findings)
    assert around.options["weight_sampler"] == "dirichlet"
    assert "concentration 100" in around.options["weight_description"]


def test_result_is_frozen_with_designed_equality():
    model = random_model(16)
    a = smaa(model, n_samples=2_000, rng=3)
    b = smaa(model, n_samples=2_000, rng=3)
    assert a == b and hash(a) == hash(b)
    table = a.rank_acceptability
    table.iloc[0, 0] = 99.0
    assert a.rank_acceptability.iloc[0, 0] != 99.0
    with pytest.raises(AttributeError):
        a.n_samples = 3
    assert a != smaa(model, n_samples=2_000, rng=4)
    assert a.equals(b, rtol=0.0)
    # Results of one model share their frames' axes: renaming a handed-out copy's axes
    # changes neither result.
    table.index.name, table.columns.name = "x", "y"
    weights = b.central_weights
    weights.index.name = "z"
    for result in (a, b):
        assert result.rank_acceptability.index.name == "alternative"
        assert result.rank_acceptability.columns.name == "rank"
        assert result.central_weights.index.name == "alternative"


def test_engines_agree_on_labelled_read_only_samples_and_built_in_samplers(numba_ready):
    """WeightSamples hand out read-only arrays; both engines take them, and a built-in
    sampler drawn block by block gives the same counts in both engines."""
    model = random_model(17, 7, 5)
    samples = uniform_weights(model, n_samples=5_000, rng=1)
    assert not samples.values.flags.writeable
    a, b = smaa(model, samples, engine="numpy"), smaa(model, samples, engine="numba")
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)
    near = DirichletSampler.around(model, np.full(5, 0.2), concentration=20)
    c = smaa(model, near, n_samples=SAMPLE_BLOCK + 10, rng=2, engine="numpy")
    d = smaa(model, near, n_samples=SAMPLE_BLOCK + 10, rng=2, engine="numba")
    np.testing.assert_array_equal(c.rank_acceptability, d.rank_acceptability)
    np.testing.assert_array_equal(c.pairwise_winning, d.pairwise_winning)
