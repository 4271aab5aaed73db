"""Laws AHP weights, consistency and completion must obey (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.ahp import (
    COMPLETION_METHODS,
    PRIORITY_METHODS,
    SAATY_SCALE,
    PairwiseMatrix,
    ahp_weights,
    diagnose_inconsistency,
)

METHODS = sorted(PRIORITY_METHODS)
COMPLETIONS = sorted(COMPLETION_METHODS)


def labels_for(n: int) -> list[str]:
    return [f"c{i}" for i in range(n)]


@st.composite
def weight_vectors(draw, min_n: int = 1, max_n: int = 9) -> np.ndarray:
    """Positive weights spanning up to three orders of magnitude, summing to 1."""
    n = draw(st.integers(min_n, max_n))
    logs = draw(st.lists(st.floats(-3.5, 3.5), min_size=n, max_size=n))
    w = np.exp(np.asarray(logs))
    return w / w.sum()


def consistent_values(w: np.ndarray) -> np.ndarray:
    return w[:, None] / w[None, :]


@st.composite
def saaty_matrices(draw, min_n: int = 1, max_n: int = 10) -> PairwiseMatrix:
    """Random reciprocal matrices with judgements drawn from Saaty's 1/9..9 scale."""
    n = draw(st.integers(min_n, max_n))
    upper = draw(
        st.lists(st.sampled_from(SAATY_SCALE), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2)
    )
    a = np.eye(n)
    iu, ju = np.triu_indices(n, k=1)
    a[iu, ju] = upper
    a[ju, iu] = 1.0 / np.asarray(upper)
    return PairwiseMatrix(a, labels_for(n))


@given(w=weight_vectors(), method=st.sampled_from(METHODS))
def test_consistent_matrix_gives_back_its_weights(w, method):
    m = PairwiseMatrix(consistent_values(w), labels_for(len(w)))
    result = ahp_weights(m, method=method)
    np.testing.assert_allclose(result.weights.to_numpy(), w, rtol=1e-8)
    assert abs(result.lambda_max - len(w)) < 1e-8
    assert abs(result.consistency_ratio) < 1e-8
    assert result.gci < 1e-12
    assert result.is_consistent


@given(m=saaty_matrices(), method=st.sampled_from(METHODS))
def test_weights_are_positive_and_sum_to_one(m, method):
    result = ahp_weights(m, method=method)
    weights = result.weights.to_numpy()
    assert np.all(weights > 0)
    assert abs(weights.sum() - 1.0) < 1e-12
    assert result.lambda_max >= m.n - 1e-9
    assert result.consistency_ratio >= 0 and result.gci >= 0
    assert result.is_consistent == (result.consistency_ratio <= 0.1)


@given(m=saaty_matrices(min_n=2), method=st.sampled_from(METHODS), data=st.data())
def test_permuting_labels_permutes_weights(m, method, data):
    order = data.draw(st.permutations(range(m.n)))
    values = m.values[np.ix_(order, order)]
    permuted = PairwiseMatrix(values, [m.labels[i] for i in order])
    original = ahp_weights(m, method=method)
    shuffled = ahp_weights(permuted, method=method)
    np.testing.assert_allclose(
        shuffled.weights[list(m.labels)].to_numpy(), original.weights.to_numpy(), rtol=1e-9
    )
    np.testing.assert_allclose(shuffled.consistency_ratio, original.consistency_ratio, atol=1e-10)


@given(w=weight_vectors(min_n=3, max_n=7), completion=st.sampled_from(COMPLETIONS), data=st.data())
def test_removing_judgements_from_a_consistent_matrix_and_completing_gives_back_w(
    w, completion, data
):
    n = len(w)
    labels = labels_for(n)
    m = PairwiseMatrix(consistent_values(w), labels)
    # Keep a random spanning path so the graph stays connected; drop some other pairs.
    path = data.draw(st.permutations(range(n)))
    keep = {frozenset((path[k], path[k + 1])) for k in range(n - 1)}
    others = [(i, j) for i in range(n) for j in range(i + 1, n) if frozenset((i, j)) not in keep]
    dropped = data.draw(st.lists(st.sampled_from(others), min_size=1, unique=True))
    for i, j in dropped:
        m = m.without_judgement((labels[i], labels[j]))
    for method in METHODS:
        result = ahp_weights(m, method=method, completion=completion)
        np.testing.assert_allclose(result.weights.to_numpy(), w, rtol=1e-6)
        assert abs(result.consistency_ratio) < 1e-8
        np.testing.assert_allclose(result.matrix.values, consistent_values(w), rtol=1e-6)


@given(
    n=st.integers(1, 2),
    value=st.floats(1e-4, 1e4),
    method=st.sampled_from(METHODS),
    table=st.sampled_from(["saaty", "alonso_lamata"]),
)
def test_consistency_ratio_is_zero_for_one_or_two_labels(n, value, method, table):
    values = [[1.0]] if n == 1 else [[1.0, value], [1.0 / value, 1.0]]
    result = ahp_weights(PairwiseMatrix(values, labels_for(n)), method=method, ri_table=table)
    assert result.consistency_ratio == 0.0 and result.consistency_index == 0.0
    assert result.is_consistent


@given(m=saaty_matrices(min_n=2))
def test_geometric_mean_of_inverted_judgements_inverts_the_weights(m):
    # Crawford & Williams (1985): the row geometric mean is invariant to transposition,
    # i.e. judging "b over a" instead of "a over b" everywhere gives weights 1/w.
    w = ahp_weights(m, method="geometric_mean").weights.to_numpy()
    inverted = PairwiseMatrix(m.values.T, m.labels)
    v = ahp_weights(inverted, method="geometric_mean").weights.to_numpy()
    np.testing.assert_allclose(v, (1 / w) / (1 / w).sum(), rtol=1e-10)


@given(m=saaty_matrices(min_n=2))
def test_judgements_round_trip(m):
    assert PairwiseMatrix.from_judgements(m.judgements(), labels=m.labels) == m


@given(m=saaty_matrices(min_n=3, max_n=8))
def test_saaty_perturbations_sum_to_lambda_max_by_row(m):
    # Saaty (2003): sum_j a_ij w_j / w_i = lambda_max for every i (eigenvector weights).
    result = ahp_weights(m)
    table = diagnose_inconsistency(result)
    index = {x: i for i, x in enumerate(m.labels)}
    eps = np.eye(m.n)
    for row in table.itertuples():
        i, j = index[row.row], index[row.column]
        eps[i, j], eps[j, i] = row.error, 1.0 / row.error
    np.testing.assert_allclose(eps.sum(axis=1), result.lambda_max, rtol=1e-9)
