"""The evaluate step: batched TOPSIS, pymcdm methods, user callables, performance samples."""

import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import minmax_normalization

from pathchoice import MethodError, Model, ModelError, WeightsError
from pathchoice.exceptions import ArgumentError, ZeroRangeError
from pathchoice.ranking import rank, rank_batch, topsis
from pathchoice.results import rank_scores
from pathchoice.sensitivity.evaluate import evaluate
from pathchoice.sensitivity.sampling import (
    DirichletSampler,
    FixedWeights,
    UniformSampler,
    dirichlet_weights,
    performance_samples,
    uniform_weights,
)
from pathchoice.study.datasets import china_japan


def random_model(seed: int, m: int = 6, n: int = 4) -> Model:
    rng = np.random.default_rng(seed)
    return Model(
        [f"a{i}" for i in range(m)],
        [f"c{j}" for j in range(n)],
        rng.uniform(1, 10, (m, n)),
        directions=["cost" if j % 3 == 1 else "benefit" for j in range(n)],
    )


def uw(k: int, n: int, seed: int) -> np.ndarray:
    return uniform_weights([f"c{j}" for j in range(n)], n_samples=k, rng=seed).values


@st.composite
def models(draw, max_alternatives=7, max_criteria=5):
    """Integer performance 1..9 (ties and repeated rows are common), mixed directions."""
    m = draw(st.integers(2, max_alternatives))
    n = draw(st.integers(1, max_criteria))
    values = draw(hnp.arrays(np.float64, (m, n), elements=st.integers(1, 9).map(float)))
    assume(bool(np.all(np.ptp(values, axis=0) > 0)))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    return Model(
        [f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], values, directions=directions
    )


# -- TOPSIS with fixed performance -----------------------------------------------------------


@given(models(), st.integers(0, 2**32 - 1), st.sampled_from(["vector", "minmax"]))
def test_topsis_equals_the_batched_topsis(model, seed, normalization):
    """Oracle: pathchoice.ranking.topsis on the same batch (scores to 1e-12; ranks equal,
    as the scores are never within rounding of each other unless exactly tied)."""
    w = uniform_weights(model, n_samples=50, rng=seed)
    result = evaluate(model, w, normalization=normalization)
    expected = rank_batch(model, w.values, "topsis", normalization=normalization)
    np.testing.assert_allclose(result.scores, expected.scores, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(result.ranks, expected.ranks)
    assert result.method == "topsis"
    assert result.options == {
        "normalization": normalization,
        "zero_range": "ignore",
        "performance": "fixed",
    }


def test_pymcdm_topsis_equals_the_batched_path():
    """pymcdm's own TOPSIS (min-max normalisation), one call per sample, ranks like
    pathchoice's batched TOPSIS with normalization='minmax'; scores to 1e-12."""
    model = random_model(1, 8, 5)
    w = dirichlet_weights(model, np.ones(5), n_samples=300, rng=2).values
    slow = evaluate(model, w, method="pymcdm_topsis")
    fast = evaluate(model, w, normalization="minmax")
    np.testing.assert_array_equal(slow.ranks, fast.ranks)
    np.testing.assert_allclose(slow.scores, fast.scores, rtol=0, atol=1e-12)
    direct = np.array([TOPSIS(minmax_normalization)(model.matrix, row, model.types) for row in w])
    np.testing.assert_allclose(slow.scores, direct, rtol=0, atol=1e-15)


def test_registered_method_equals_rank():
    model = random_model(2)
    w = uw(40, model.n_criteria, 3)
    result = evaluate(model, w, method="vikor", v=0.3)
    expected = rank_batch(model, w, "vikor", v=0.3)
    np.testing.assert_array_equal(result.ranks, expected.ranks)
    np.testing.assert_allclose(result.scores, expected.scores, rtol=0, atol=0)
    assert result.higher_is_better is False
    assert result.options["v"] == 0.3


def test_user_callable_policy_model():
    """A weighted sum written by the user: its scores, ranked (1 = best)."""
    model = random_model(3)

    def weighted_sum(model, weights):
        return weights @ model.matrix.T

    w = uw(25, model.n_criteria, 4)
    result = evaluate(model, w, method=weighted_sum, chunk_size=7)
    np.testing.assert_allclose(result.scores, w @ model.matrix.T, rtol=0, atol=0)
    np.testing.assert_array_equal(result.ranks, rank_scores(w @ model.matrix.T))
    assert result.method == "weighted_sum"

    def cost_like(model, weights):
        return weights @ model.matrix.T

    cost_like.higher_is_better = False
    lower = evaluate(model, w, method=cost_like)
    np.testing.assert_array_equal(
        lower.ranks, rank_scores(w @ model.matrix.T, higher_is_better=False)
    )


def test_identical_alternatives_always_tie():
    rng = np.random.default_rng(5)
    values = rng.uniform(1, 9, (5, 6))
    values[3] = values[1]
    model = Model([f"a{i}" for i in range(5)], [f"c{j}" for j in range(6)], values)
    result = evaluate(model, uniform_weights(model, n_samples=5000, rng=6))
    np.testing.assert_array_equal(result.ranks[:, 1], result.ranks[:, 3])
    np.testing.assert_array_equal(result.scores[:, 1], result.scores[:, 3])


def test_one_row_is_one_sample_and_labels_by_name():
    model = random_model(4)
    one = evaluate(model, np.array([[0.1, 0.2, 0.3, 0.4]]))
    assert one.ranks.shape == (1, model.n_alternatives)
    np.testing.assert_array_equal(one.ranks[0], topsis(model, [0.1, 0.2, 0.3, 0.4]).ranks)
    samples = uniform_weights(model, n_samples=10, rng=1)
    w = samples.values
    frame = evaluate(model, pd.DataFrame(w[:, ::-1], columns=list(model.criterion_names)[::-1]))
    np.testing.assert_array_equal(frame.ranks, evaluate(model, w).ranks)
    np.testing.assert_array_equal(frame.ranks, evaluate(model, samples).ranks)
    reordered = uniform_weights(list(model.criterion_names)[::-1], n_samples=10, rng=1)
    flipped = evaluate(model, reordered)
    np.testing.assert_array_equal(flipped.weights, reordered.values[:, ::-1])


# -- performance samples ---------------------------------------------------------------------


def test_performance_samples_equal_per_sample_topsis():
    """Oracle: topsis(model.with_performance(table), w) for each sample."""
    model = random_model(6, 5, 3)
    p = performance_samples(model, distributions=("normal", 0.5), n_samples=60, rng=7).values
    w = uw(60, 3, 8)
    for normalization in ("vector", "minmax"):
        result = evaluate(model, w, performance=p, normalization=normalization)
        for k in range(60):
            expected = topsis(model.with_performance(p[k]), w[k], normalization=normalization)
            np.testing.assert_allclose(result.scores[k], expected.scores, rtol=0, atol=1e-12)
            np.testing.assert_array_equal(result.ranks[k], expected.ranks)
    assert result.options["performance"] == "sampled"


def test_fixed_tables_as_samples_give_the_fixed_ranks():
    model = random_model(7)
    w = uw(200, model.n_criteria, 9)
    p = np.broadcast_to(model.matrix, (200, *model.shape))
    np.testing.assert_array_equal(evaluate(model, w, performance=p).ranks, evaluate(model, w).ranks)


def test_one_weight_vector_with_performance_samples_and_other_methods():
    model = random_model(8, 4, 3)
    p = performance_samples(
        model, intervals=(model.matrix - 0.5, model.matrix + 0.5), n_samples=12, rng=1
    ).values
    result = evaluate(model, FixedWeights(model, [0.5, 0.25, 0.25]), performance=p, method="vikor")
    row = evaluate(model, np.array([[0.5, 0.25, 0.25]]), performance=p, method="vikor")
    np.testing.assert_array_equal(result.ranks, row.ranks)
    assert result.ranks.shape == (12, 4)
    for k in range(12):
        expected = rank(model.with_performance(p[k]), [0.5, 0.25, 0.25], "vikor")
        np.testing.assert_array_equal(result.ranks[k], expected.ranks)


def test_progress_callback_and_tqdm():
    model = random_model(9)
    calls = []
    evaluate(
        model,
        uw(100, 4, 1),
        chunk_size=30,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls == [(30, 100), (60, 100), (90, 100), (100, 100)]
    result = evaluate(model, uw(50, 4, 1), progress=True)
    assert result.ranks.shape == (50, model.n_alternatives)


def test_china_japan_paths():
    analysis = china_japan()
    model = analysis.decision_model()
    weights = analysis.weights().global_weights[list(model.criterion_names)].to_numpy()
    result = evaluate(model, weights[None, :])
    np.testing.assert_array_equal(result.ranks[0], topsis(model, weights).ranks)


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"method": "nope"}, MethodError, "unknown ranking method 'nope'"),
        ({"method": 3}, MethodError, "method must be a name from pathchoice.ranking.METHODS"),
        (
            {"normalization": "sum"},
            MethodError,
            r"normalization must be one of \['vector', 'minmax'\]",
        ),
        ({"zero_range": "drop"}, MethodError, "zero_range must be one of"),
        ({"v": 0.5}, MethodError, r"'topsis' does not take option\(s\) \['v'\]"),
        ({"method": "vikor", "w": 1}, MethodError, r"'vikor' does not take option\(s\) \['w'\]"),
        ({"chunk_size": 0}, ArgumentError, r"chunk_size must be a whole number >= 1 \(got 0\)"),
        ({"chunk_size": 2.5}, ArgumentError, r"chunk_size must be a whole number >= 1"),
        ({"progress": "bar"}, ArgumentError, r"progress must be None, True/False .* \(got 'bar'\)"),
        ({"progress": 5}, ArgumentError, r"progress must be .* \(got 5\)"),
        ({"performance": [[[1.0]]]}, ArgumentError, "performance must be PerformanceSamples"),
        ({"performance": np.ones((3, 2, 2))}, ModelError, r"shape \(n_samples, 4, 3\)"),
        (
            {"performance": np.ones((5, 4, 3))},
            ModelError,
            "3 weight samples but 5 performance samples",
        ),
        (
            {"performance": np.full((3, 4, 3), np.nan)},
            ModelError,
            r"must hold finite numbers: \[0, 'a0', 'c0'\] is nan",
        ),
        (
            {"method": lambda m, w: np.ones((2, 2))},
            MethodError,
            r"shape \(2, 2\), expected \(3, 4\)",
        ),
        ({"method": lambda m, w: "x"}, MethodError, "returned str"),
        ({"method": lambda m, w: np.full((3, 4), np.nan)}, MethodError, "non-finite scores"),
    ],
)
def test_errors(kwargs, error, match):
    model = random_model(10, 4, 3)
    with pytest.raises(error, match=match):
        evaluate(model, uw(3, 3, 0), **kwargs)


@pytest.mark.parametrize(
    ("weights", "error", "match"),
    [
        (
            np.array([[0.5, 0.5, 0.5]]),
            WeightsError,
            r"sum to 1 \(got 1.5 for 3 criteria\) in weight sample 0",
        ),
        (np.array([[0.5, 0.5, 0], [1.2, -0.2, 0]]), WeightsError, "'c1' = -0.2 in weight sample 1"),
        (np.array([[np.nan, 0.5, 0.5]]), WeightsError, "'c0' = nan in weight sample 0"),
        (np.array([[0.5, 0.5]]), WeightsError, "one column per criterion"),
        (np.array([[True, False, False]]), WeightsError, "not True/False"),
        ([[0.5, 0.5, 0.0]], WeightsError, "convert a list with numpy.asarray"),
        (np.array([0.2, 0.3, 0.5]), WeightsError, "rank"),
        (UniformSampler(["c0", "c1", "c2"]), WeightsError, "not a sampler"),
        (FixedWeights(["c0", "c1", "c2"], [0.2, 0.3, 0.5]), WeightsError, "need performance"),
        (uniform_weights, WeightsError, "CustomSampler"),
        (
            DirichletSampler.around(["c0", "c1", "c2"], [0.2, 0.3, 0.5]),
            WeightsError,
            "sampler.sample",
        ),
    ],
)
def test_weight_errors(weights, error, match):
    with pytest.raises(error, match=match):
        evaluate(random_model(11, 4, 3), weights)


def test_zero_range_raise_and_model_type():
    model = Model(["a", "b"], ["x", "y"], [[1, 2], [1, 3]])
    with pytest.raises(ZeroRangeError, match=r"criteria \['x'\]"):
        evaluate(model, np.array([[0.5, 0.5]]), zero_range="raise")
    with pytest.raises(ModelError, match="model must be a Model"):
        evaluate(model.matrix, np.array([[0.5, 0.5]]))


def test_tqdm_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ArgumentError, match=r"tqdm is not installed.*pathchoice\[progress\]"):
        evaluate(random_model(12), uw(3, 4, 0), progress=True)
