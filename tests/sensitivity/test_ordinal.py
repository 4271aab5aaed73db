"""SMAA-O (ordinal criteria) and cross-confidence factors.

No worked example with printed numbers was available for SMAA-O (Lahdelma, Miettinen &
Salminen 2003 report their case study graphically), so the reference is an analytic case:
A, B, C ranked 1st, 2nd, 3rd on an ordinal criterion o and worth 0, 0.5, 1 on a cardinal
criterion x, weights (t, 1 - t) with t ~ U(0, 1). The middle level of o is U ~ U(0, 1), so
u_A = t, u_B = tU + (1 - t)/2, u_C = 1 - t and, integrating over t and U,
b_A = 3/4 - ln(2)/2, b_B = ln(4/3)/2, b_C = 1 - b_A - b_B.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pathchoice import Model, ModelError, UnknownNameError
from pathchoice.exceptions import ArgumentError
from pathchoice.sensitivity import performance_samples, smaa
from pathchoice.sensitivity.ordinal import cross_confidence_factors, smaa_o, value_levels
from pathchoice.sensitivity.sampling import FixedWeights, UniformSampler


def within(estimate, exact, n, z=5.0):
    se = np.sqrt(np.asarray(exact) * (1 - np.asarray(exact)) / n)
    assert np.all(np.abs(np.asarray(estimate) - exact) <= z * se + 1e-12), (estimate, exact)


def test_analytic_three_alternatives_one_ordinal_criterion():
    model = Model(["A", "B", "C"], ["o", "x"], [[3, 0.0], [2, 0.5], [1, 1.0]])
    n = 200_000
    result = smaa_o(model, ordinal=["o"], n_samples=n, rng=1)
    b_a = 0.75 - math.log(2) / 2
    b_b = math.log(4 / 3) / 2
    within(result.first_rank_acceptability.to_numpy(), [b_a, b_b, 1 - b_a - b_b], n)
    assert result.method == "SMAA-O (additive value)"
    assert result.options["ordinal"] == ("o",)


def test_levels_follow_the_direction_and_ties():
    level, count = value_levels(np.array([3.0, 1.0, 3.0, 2.0]), benefit=True)
    assert level.tolist() == [2, 0, 2, 1] and count == 3
    level, count = value_levels(np.array([3.0, 1.0, 3.0, 2.0]), benefit=False)
    assert level.tolist() == [0, 2, 0, 1]


@st.composite
def problems(draw):
    m = draw(st.integers(2, 6))
    n = draw(st.integers(1, 4))
    values = draw(hnp.arrays(np.float64, (m, n), elements=st.integers(1, 4).map(float)))
    names = [f"c{j}" for j in range(n)]
    ordinal = draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
    return Model([f"a{i}" for i in range(m)], names, values), ordinal


@settings(max_examples=25)
@given(problems(), st.integers(0, 2**32 - 1))
def test_laws_doubly_stochastic_and_order_invariant(problem, seed):
    """Acceptabilities form a doubly stochastic matrix; an ordinal criterion's values matter
    only through their order (a monotone transform leaves the result unchanged)."""
    model, ordinal = problem
    a = smaa_o(model, ordinal=ordinal, n_samples=300, rng=seed)
    acc = a.rank_acceptability.to_numpy()
    np.testing.assert_allclose(acc.sum(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(acc.sum(axis=1), 1.0, atol=1e-12)
    table = model.matrix.copy()
    for c in ordinal:
        j = model.criterion_names.index(c)
        table[:, j] = np.exp(table[:, j])  # same order, other numbers
    b = smaa_o(model.with_performance(table), ordinal=ordinal, n_samples=300, rng=seed)
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)


def test_fixed_weights_and_samples_and_same_seed():
    model = Model(["A", "B", "C"], ["o", "x"], [[3, 0.0], [2, 0.5], [1, 1.0]])
    fixed = smaa_o(model, FixedWeights(model, [0.5, 0.5]), ordinal=["o"], n_samples=4_000, rng=2)
    # u_A = u_C = 0.5 and u_B = U/2 + 1/4: B is first exactly when U > 1/2 (4 SE at N = 4,000)
    assert fixed.first_rank_acceptability["B"] == pytest.approx(0.5, abs=0.03)
    samples = UniformSampler(model).sample(n_samples=500, rng=3)
    assert smaa_o(model, samples, ordinal=["o"], rng=4).n_samples == 500
    assert smaa_o(model, ordinal=["o"], n_samples=500, rng=5) == smaa_o(
        model, ordinal=["o"], n_samples=500, rng=5
    )


def test_cross_confidence_diagonal_is_the_confidence_factor():
    rng = np.random.default_rng(3)
    model = Model([f"p{i}" for i in range(5)], ["x", "y", "z"], rng.uniform(1, 9, (5, 3)))
    result = smaa(model, n_samples=5_000, rng=1)
    fixed = cross_confidence_factors(model, result)
    factors = fixed.factors
    np.testing.assert_allclose(factors.sum(axis=1), 1.0)
    for name in factors.index:
        assert factors.loc[name, name] == result.confidence_factors[name]
    noisy = performance_samples(model, distributions=("normal", 1.0), n_samples=400, rng=2)
    cross = cross_confidence_factors(model, result, performance=noisy)
    np.testing.assert_allclose(cross.factors.sum(axis=1), 1.0, atol=1e-12)
    assert cross.n_samples == 400 and (cross.factors.to_numpy() < 1).any()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"ordinal": []}, ArgumentError, "at least one criterion"),
        ({"ordinal": "o"}, ArgumentError, "at least one criterion"),
        ({"ordinal": ["q"]}, UnknownNameError, r"unknown criteria \['q'\]"),
        ({"ordinal": ["o"], "rng": -1}, ArgumentError, "rng must be"),
        ({"ordinal": ["o"], "n_samples": 0}, ArgumentError, "n_samples must be"),
    ],
)
def test_errors(kwargs, error, match):
    model = Model(["A", "B"], ["o", "x"], [[1, 2.0], [2, 1.0]])
    with pytest.raises(error, match=match):
        smaa_o(model, **kwargs)
    with pytest.raises(ModelError, match="SMAAResult for this model"):
        cross_confidence_factors(model, "not a result")
