"""Laws TOPSIS must obey, checked with hypothesis, and pymcdm as an independent oracle."""

import importlib.util

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from pathchoice import Model
from pathchoice.ranking import topsis, topsis_batch
from pathchoice.results import rank_scores

from .strategies import assert_same_order, models, weight_batches, weight_vectors

NORMALIZATIONS = st.sampled_from(["vector", "minmax"])
PYMCDM_NORMALIZATION = {
    "vector": normalizations.vector_normalization,
    "minmax": normalizations.minmax_normalization,
}


@st.composite
def problems(draw, **model_options):
    model = draw(models(**model_options))
    return model, draw(weight_vectors(model.n_criteria))


@given(problems(), NORMALIZATIONS)
def test_agrees_with_pymcdm(problem, normalization):
    """Oracle: pymcdm.methods.TOPSIS with pymcdm's vector_normalization or
    minmax_normalization, on random problems without zero-range criteria; atol 1e-12."""
    model, w = problem
    expected = TOPSIS(PYMCDM_NORMALIZATION[normalization])(
        model.matrix, w, model.types, validation=False
    )
    result = topsis(model, w, normalization=normalization)
    np.testing.assert_allclose(result.scores.to_numpy(), expected, rtol=0, atol=1e-12)


@given(problems(zero_range=True), NORMALIZATIONS)
def test_scores_in_unit_interval_and_ranks_follow_scores(problem, normalization):
    model, w = problem
    result = topsis(model, w, normalization=normalization)
    scores = result.scores.to_numpy()
    assert np.all(np.isfinite(scores))
    assert np.all((scores >= 0) & (scores <= 1))
    np.testing.assert_array_equal(result.ranks.to_numpy(), rank_scores(scores))


@given(problems(), NORMALIZATIONS, st.data())
def test_permuting_alternatives_permutes_results(problem, normalization, data):
    model, w = problem
    perm = data.draw(st.permutations(range(model.n_alternatives)))
    names = [model.alternatives[i] for i in perm]
    before = topsis(model, w, normalization=normalization)
    after = topsis(model.select(alternatives=names), w, normalization=normalization)
    np.testing.assert_allclose(
        after.scores.to_numpy(), before.scores[names].to_numpy(), rtol=0, atol=1e-12
    )
    # Same labels, same scores: the Series line up by alternative name.
    assert after.scores.index.tolist() == names
    assert_same_order(after.scores.to_numpy(), before.scores[names].to_numpy(), tol=1e-9)


@given(problems(), NORMALIZATIONS, st.data())
def test_rescaling_a_criterion_changes_nothing(problem, normalization, data):
    """x -> c*x (c > 0) on one criterion: scores within 1e-9, order kept for every
    pair more than 1e-9 apart (closer pairs may swap by rounding)."""
    model, w = problem
    j = data.draw(st.integers(0, model.n_criteria - 1))
    c = data.draw(st.floats(1e-3, 1e3))
    matrix = model.matrix
    matrix[:, j] *= c
    scaled = topsis(model.with_performance(matrix), w, normalization=normalization)
    base = topsis(model, w, normalization=normalization)
    np.testing.assert_allclose(scaled.scores, base.scores, rtol=0, atol=1e-9)
    assert_same_order(scaled.scores.to_numpy(), base.scores.to_numpy(), tol=1e-9)


@given(problems(), NORMALIZATIONS, st.data())
def test_rescaling_by_a_power_of_two_is_exact(problem, normalization, data):
    """c = 2**k scales every step exactly in binary floating point, so scores and
    ranks must be identical, ties included."""
    model, w = problem
    j = data.draw(st.integers(0, model.n_criteria - 1))
    k = data.draw(st.integers(-20, 20))
    matrix = model.matrix
    matrix[:, j] *= 2.0**k
    scaled = topsis(model.with_performance(matrix), w, normalization=normalization)
    base = topsis(model, w, normalization=normalization)
    np.testing.assert_array_equal(scaled.scores, base.scores)
    np.testing.assert_array_equal(scaled.ranks, base.ranks)


@given(problems(min_alternatives=2), NORMALIZATIONS, st.data())
def test_a_dominating_alternative_never_ranks_below(problem, normalization, data):
    """Make alternative a at least as good as b on every criterion (max of the two on
    benefit, min on cost criteria): a's score is >= b's (up to 1e-12 rounding) and a
    never ranks below b unless their scores are within that rounding."""
    model, w = problem
    a, b = data.draw(
        st.lists(st.integers(0, model.n_alternatives - 1), min_size=2, max_size=2, unique=True)
    )
    matrix = model.matrix
    benefit = model.types > 0
    better = np.where(benefit, np.maximum(matrix[a], matrix[b]), np.minimum(matrix[a], matrix[b]))
    matrix[a] = better
    result = topsis(model.with_performance(matrix), w, normalization=normalization)
    s, r = result.scores.to_numpy(), result.ranks.to_numpy()
    assert s[a] >= s[b] - 1e-12
    assert r[a] <= r[b] or abs(s[a] - s[b]) <= 1e-12


@given(models(zero_range=True), NORMALIZATIONS, st.data())
def test_batched_equals_looped(model, normalization, data):
    """K weight vectors at once (chunked, chunk_size 1..5) equal K single calls: scores
    to 1e-12, ranks consistent with the batched scores and in the same order as the
    single calls for every pair more than 1e-9 apart."""
    weights = data.draw(weight_batches(model.n_criteria))
    chunk = data.draw(st.integers(1, 5))
    batch = topsis_batch(model, weights, normalization=normalization, chunk_size=chunk)
    assert batch.scores.shape == batch.ranks.shape == (len(weights), model.n_alternatives)
    np.testing.assert_array_equal(batch.ranks, rank_scores(batch.scores))
    for k, w in enumerate(weights):
        single = topsis(model, w, normalization=normalization)
        np.testing.assert_allclose(batch.scores[k], single.scores, rtol=0, atol=1e-12)
        assert_same_order(batch.scores[k], single.scores.to_numpy(), tol=1e-9)


@given(models(zero_range=True), NORMALIZATIONS, st.data())
def test_identical_alternatives_always_tie(model, normalization, data):
    """Two alternatives with identical performance get bit-identical scores and the
    same rank, single and batched (BLAS alone does not promise that)."""
    a, b = data.draw(
        st.lists(st.integers(0, model.n_alternatives - 1), min_size=2, max_size=2, unique=True)
    )
    matrix = model.matrix
    matrix[b] = matrix[a]
    twin = model.with_performance(matrix)
    weights = data.draw(weight_batches(model.n_criteria))
    batch = topsis_batch(twin, weights, normalization=normalization)
    np.testing.assert_array_equal(batch.scores[:, a], batch.scores[:, b])
    np.testing.assert_array_equal(batch.ranks[:, a], batch.ranks[:, b])
    single = topsis(twin, weights[0], normalization=normalization)
    assert single.scores.iloc[a] == single.scores.iloc[b]
    assert single.ranks.iloc[a] == single.ranks.iloc[b]


@given(models(max_criteria=5), NORMALIZATIONS, st.data())
def test_zero_range_criterion_contributes_nothing(model, normalization, data):
    """Add a constant criterion z with weight w_z < 1 and the other weights w_rest.

    What holds exactly: z adds 0 to both distances, so D+ and D- equal those of the
    model without z under the (unnormalised) weights w_rest. Scaling every weight by
    the same factor scales both distances by it and leaves D-/(D+ + D-) unchanged, so
    the scores equal TOPSIS on the reduced model with w_rest / (1 - w_z), the weights
    renormalised to sum to 1. Checked to 1e-12, for a constant column of any value
    (zero included, the vector-normalisation 0/0 case).
    """
    w_rest = data.draw(weight_vectors(model.n_criteria))
    w_z = data.draw(st.sampled_from([0.0, 0.1, 0.5, 0.9]))
    value = data.draw(st.sampled_from([0.0, 1.0, 7.5, -3.0]))
    position = data.draw(st.integers(0, model.n_criteria))
    matrix = np.insert(model.matrix, position, value, axis=1)
    names = list(model.criterion_names)
    names.insert(position, "z")
    directions = list(model.directions)
    directions.insert(position, data.draw(st.sampled_from(["benefit", "cost"])))
    full = Model(model.alternatives, names, matrix, directions=directions)
    weights = np.insert(w_rest * (1 - w_z), position, w_z)

    result = topsis(full, weights / weights.sum(), normalization=normalization)
    reduced = topsis(model, w_rest, normalization=normalization)

    assert np.all(np.isfinite(result.scores))
    np.testing.assert_allclose(result.scores, reduced.scores, rtol=0, atol=1e-12)
    assert result.findings == (
        "criterion 'z' has the same value for every alternative and cannot discriminate; "
        "it contributes nothing",
    )
    # The distances themselves are those of the reduced model under w_rest * (1 - w_z).
    scaled = topsis(model, w_rest, normalization=normalization).tables
    np.testing.assert_allclose(
        result.tables["distance_to_ideal"],
        scaled["distance_to_ideal"] * (1 - w_z),
        rtol=0,
        atol=1e-12,
    )


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
@pytest.mark.parametrize("value", [0.0, 4.0])
def test_all_weight_on_a_constant_criterion_scores_one_half(normalization, value):
    """D+ = D- = 0 for every alternative: each score is 0.5 (documented), all tie at
    rank 1, a finding says so, and no RuntimeWarning is emitted (pytest turns
    pathchoice RuntimeWarnings into errors)."""
    model = Model(["A", "B", "C"], ["x", "z"], [[1, value], [2, value], [3, value]])
    result = topsis(model, [0.0, 1.0], normalization=normalization)
    np.testing.assert_array_equal(result.scores, [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(result.ranks, [1, 1, 1])
    assert any("D+ = D- = 0" in f for f in result.findings)
    batch = topsis_batch(model, [[0.0, 1.0], [0.5, 0.5]], normalization=normalization)
    np.testing.assert_array_equal(batch.scores[0], [0.5, 0.5, 0.5])
    assert np.all(np.isfinite(batch.scores))


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_all_alternatives_identical(normalization):
    """Every criterion constant: no NaN, every score 0.5, every rank 1."""
    model = Model(["A", "B"], ["x", "y"], [[3, 0], [3, 0]])
    result = topsis(model, [0.4, 0.6], normalization=normalization)
    np.testing.assert_array_equal(result.scores, [0.5, 0.5])
    np.testing.assert_array_equal(result.ranks, [1, 1])
    assert len(result.findings) == 3


@pytest.mark.skipif(
    importlib.util.find_spec("numba") is None, reason="numba (pathchoice[fast]) not installed"
)
@given(models(zero_range=True), NORMALIZATIONS, st.data())
def test_numba_engine_equals_the_numpy_engine(model, normalization, data):
    """Both engines of topsis_batch: scores to 1e-15, each ranking its own scores, and
    every pair of scores more than 1e-9 apart in the same order."""
    weights = data.draw(weight_batches(model.n_criteria))
    fast = topsis_batch(model, weights, normalization=normalization, engine="numba")
    slow = topsis_batch(model, weights, normalization=normalization, engine="numpy")
    np.testing.assert_allclose(fast.scores, slow.scores, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(fast.ranks, rank_scores(fast.scores))
    for k in range(len(weights)):
        assert_same_order(fast.scores[k], slow.scores[k], tol=1e-9)
