"""Issue 9, class 1: TOPSIS is right at every finite magnitude, in every path.

Mathematically, both normalisations are invariant to multiplying a column by a
positive constant (vector: ``c x / ||c x|| = x / ||x||``; min-max: ``(c x - c
min) / (c max - c min)``). So the ranking of a table whose columns were
rescaled by anything from 1e-300 to 1e300 must be the ranking of the original
table. Squaring raw values (``x**2`` overflows above ~1e154 and underflows
below ~1e-162) and ``max - min`` of ±1e308 broke that before the columns were
scaled by their largest absolute value.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice import Model
from pathchoice.ranking import rank_batch, topsis, topsis_batch
from pathchoice.sensitivity import evaluate, smaa

from .strategies import assert_same_order, models, weight_batches, weight_vectors

NORMALIZATIONS = st.sampled_from(["vector", "minmax"])


def rescaled(model: Model, exponents: list[int]) -> Model:
    factors = 10.0 ** np.array(exponents, dtype=np.float64)
    return model.with_performance(model.matrix * factors)


@given(models(zero_range=True), NORMALIZATIONS, st.data())
def test_ranks_are_invariant_to_rescaling_any_column(model, normalization, data):
    """Property: columns rescaled by 10**e, e in [-300, 300] each (values up to 1e302
    and down to 1e-300), rank as the original table, single and batched: scores equal
    to 1e-12 (they are the same numbers up to rounding) and every pair of scores more
    than 1e-9 apart in the same order; no warning of any kind."""
    exponents = data.draw(
        st.lists(st.integers(-300, 300), min_size=model.n_criteria, max_size=model.n_criteria)
    )
    big = rescaled(model, exponents)
    w = data.draw(weight_vectors(model.n_criteria))
    batch = data.draw(weight_batches(model.n_criteria, max_rows=4))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        single, base = (topsis(m, w, normalization=normalization) for m in (big, model))
        many, many_base = (
            topsis_batch(m, batch, normalization=normalization) for m in (big, model)
        )
    assert [str(c.message) for c in caught] == []
    np.testing.assert_allclose(single.scores, base.scores, rtol=0, atol=1e-12)
    assert_same_order(single.scores.to_numpy(), base.scores.to_numpy(), tol=1e-9)
    np.testing.assert_allclose(many.scores, many_base.scores, rtol=0, atol=1e-12)
    for k in range(len(batch)):
        assert_same_order(many.scores[k], many_base.scores[k], tol=1e-9)


@given(models(), NORMALIZATIONS, st.data())
def test_sampled_performance_stacks_are_invariant_too(model, normalization, data):
    """The stacked path (evaluate with performance samples): the same law per table."""
    exponents = data.draw(
        st.lists(st.integers(-300, 300), min_size=model.n_criteria, max_size=model.n_criteria)
    )
    factors = 10.0 ** np.array(exponents, dtype=np.float64)
    rng = np.random.default_rng(0)
    tables = model.matrix * rng.uniform(0.5, 1.5, size=(6, *model.shape))
    w = data.draw(weight_batches(model.n_criteria, max_rows=1))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        base = evaluate(model, w, performance=tables, normalization=normalization)
        big = evaluate(
            rescaled(model, exponents), w, performance=tables * factors, normalization=normalization
        )
    assert [str(c.message) for c in caught] == []
    np.testing.assert_allclose(big.scores, base.scores, rtol=0, atol=1e-12)


CASES = {
    # Values near 1e155 square to inf: before the fix the column dropped out.
    "huge": [[3e155, 1.0], [2e155, 3.0], [1e155, 2.0]],
    # Values near 1e-155 square to 0: the column's norm was 0 and it dropped out.
    "tiny": [[3e-170, 1.0], [2e-170, 3.0], [1e-170, 2.0]],
    # max - min of +-1e308 is inf: min-max gave every alternative 0.5.
    "extreme": [[1e308, 1.0], [-1e308, 3.0], [0.0, 2.0]],
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_extreme_columns_rank_as_their_unit_scale_copy(case, normalization):
    """Each table ranks as the same table with its first column divided by its largest
    absolute value (a copy at magnitude 1, computed without any overflow), in the single,
    batched, evaluate and SMAA paths; no RuntimeWarning."""
    values = np.array(CASES[case])
    model = Model(["A", "B", "C"], ["x", "y"], values)
    unit = values.copy()
    unit[:, 0] /= np.abs(unit[:, 0]).max()
    reference = Model(["A", "B", "C"], ["x", "y"], unit)
    w = np.array([0.7, 0.3])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        single = topsis(model, w, normalization=normalization)
        batch = rank_batch(model, np.vstack([w, w[::-1]]), normalization=normalization)
        sampled = evaluate(model, w[None, :], normalization=normalization)
        acceptability = smaa(model, np.tile(w, (4, 1)), normalization=normalization)
    assert [str(c.message) for c in caught] == []
    expected = topsis(reference, w, normalization=normalization)
    np.testing.assert_allclose(single.scores, expected.scores, rtol=0, atol=1e-12)
    assert single.ranks.tolist() == expected.ranks.tolist()
    assert len(set(single.scores.round(6))) == 3  # the column still discriminates
    np.testing.assert_array_equal(batch.ranks[0], expected.ranks)
    np.testing.assert_array_equal(sampled.ranks[0], expected.ranks)
    assert str(acceptability.to_frame().index[0]) in model.alternatives


def test_pymcdm_methods_say_when_magnitudes_are_unsafe_for_them():
    """pymcdm computes on the raw values; the adapter's result says so for a criterion
    beyond 1e+-150 (what holds for pymcdm methods is documented, not changed)."""
    from pathchoice.ranking import METHODS

    model = Model(["A", "B", "C"], ["x", "y"], [[3e200, 1.0], [2e200, 3.0], [1e200, 2.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = METHODS["vikor"](model, [0.5, 0.5])
    assert any("'x' has values of magnitude 3e+200" in f for f in result.findings)
    plain = METHODS["vikor"](Model(["A", "B"], ["x"], [[1.0], [2.0]]), [1.0])
    assert not any("magnitude" in f for f in plain.findings)
