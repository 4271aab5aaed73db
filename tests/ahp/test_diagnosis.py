"""diagnose_inconsistency: published identities, planted errors, shape, errors."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.ahp import DIAGNOSIS_COLUMNS, PairwiseMatrix, ahp_weights, diagnose_inconsistency
from pathchoice.ahp.diagnosis import nearest_on_scale
from pathchoice.exceptions import ArgumentError

from .reference import case, matrix_of


def epsilon_matrix(table, labels) -> np.ndarray:
    """Rebuild the full perturbation matrix from the table (eps_ji = 1 / eps_ij)."""
    index = {x: i for i, x in enumerate(labels)}
    eps = np.eye(len(labels))
    for row in table.itertuples():
        i, j = index[row.row], index[row.column]
        eps[i, j], eps[j, i] = row.error, 1.0 / row.error
    return eps


@pytest.mark.parametrize(
    "name", ["saaty1990_house", "saaty2008_drinks", "wikipedia_leader_criteria"]
)
def test_rows_of_saaty_perturbations_sum_to_lambda_max(name):
    # Saaty (2003, EJOR 145:85-91): with the principal eigenvector, eps_ij = a_ij w_j / w_i
    # and sum_j eps_ij = (A w)_i / w_i = lambda_max for every row i.
    result = ahp_weights(matrix_of(case(name)))
    table = diagnose_inconsistency(result)
    eps = epsilon_matrix(table, result.labels)
    np.testing.assert_allclose(eps.sum(axis=1), result.lambda_max, rtol=1e-10)


def test_perturbations_from_the_published_house_weights():
    # Saaty (1990): priorities printed to three decimals; eps from those printed weights
    # must be close to ours (loose tolerance because of that rounding).
    item = case("saaty1990_house")
    table = diagnose_inconsistency(matrix_of(item))
    w = dict(zip(item["labels"], item["weights"], strict=True))
    printed = table["judgement"] * table["column"].map(w) / table["row"].map(w)
    np.testing.assert_allclose(table["error"], printed, rtol=0.06)


@pytest.mark.parametrize("name", ["saaty1990_house", "saaty2008_drinks"])
def test_shares_add_up_to_the_gci_with_geometric_mean_weights(name):
    # Aguarón & Moreno-Jiménez (2003): GCI = 2 / ((n - 1)(n - 2)) sum_{i<j} log^2 eps_ij.
    result = ahp_weights(matrix_of(case(name)), method="geometric_mean")
    table = diagnose_inconsistency(result)
    n = result.n
    total = 2.0 / ((n - 1) * (n - 2)) * (np.log(table["error"]) ** 2).sum()
    np.testing.assert_allclose(total, result.gci, rtol=1e-12)
    np.testing.assert_allclose(table["share"].sum(), 1.0)


@pytest.mark.parametrize("method", ["eigenvector", "geometric_mean"])
@pytest.mark.parametrize(
    ("pair", "factor"), [(("a", "d"), 1 / 16), (("b", "e"), 7.0), (("c", "d"), 0.2)]
)
def test_a_planted_error_ranks_first(method, pair, factor):
    # Judgements consistent with w, then one of them multiplied by `factor`.
    w = {"a": 16.0, "b": 8.0, "c": 4.0, "d": 2.0, "e": 1.0}
    labels = list(w)
    judgements = {(x, y): w[x] / w[y] for k, x in enumerate(labels) for y in labels[k + 1 :]}
    judgements[pair] *= factor
    table = diagnose_inconsistency(PairwiseMatrix.from_judgements(judgements), method=method)
    assert (table.loc[0, "row"], table.loc[0, "column"]) == pair
    assert table.loc[0, "consistent_value"] != pytest.approx(judgements[pair])


def test_consistent_matrix_has_no_errors():
    m = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 3, ("a", "c"): 6})
    table = diagnose_inconsistency(m)
    np.testing.assert_allclose(table["error"], 1.0, rtol=1e-12)
    np.testing.assert_allclose(table["abs_log_error"], 0.0, atol=1e-12)
    np.testing.assert_allclose(table["share"], 0.0)
    np.testing.assert_allclose(table["suggested"], table["judgement"])


def test_frame_shape_order_and_top():
    result = ahp_weights(matrix_of(case("saaty1990_house")))
    table = diagnose_inconsistency(result)
    assert tuple(table.columns) == DIAGNOSIS_COLUMNS
    assert len(table) == 8 * 7 // 2
    assert table["abs_log_error"].is_monotonic_decreasing
    assert list(table.index) == list(range(len(table)))
    top = diagnose_inconsistency(result, top=3)
    assert len(top) == 3
    assert top.equals(table.head(3))
    assert set(table["suggested"]).issubset({1 / k for k in range(2, 10)} | set(range(1, 10)))


def test_only_judged_pairs_are_listed_for_an_incomplete_matrix():
    m = matrix_of(case("bozoki2010_house_incomplete"))
    table = diagnose_inconsistency(m)
    assert len(table) == len(m.judgements()) == 16
    listed = set(zip(table["row"], table["column"], strict=True))
    assert listed == set(m.judgements())


def test_a_result_is_diagnosed_with_its_own_weights():
    result = ahp_weights(matrix_of(case("saaty2008_drinks")), method="geometric_mean")
    from_result = diagnose_inconsistency(result)
    from_matrix = diagnose_inconsistency(result.matrix, method="geometric_mean")
    assert from_result.equals(from_matrix)
    assert not from_result.equals(diagnose_inconsistency(result.matrix))  # eigenvector


def test_single_and_two_label_matrices():
    assert diagnose_inconsistency(PairwiseMatrix([[1.0]], ["x"])).empty
    table = diagnose_inconsistency({("x", "y"): 3})
    assert len(table) == 1 and table.loc[0, "error"] == pytest.approx(1.0)


def test_nearest_on_scale_works_in_ratio_terms():
    # 4.4 is nearer to 4 than to 5 as a ratio (4.4/4 = 1.1 < 5/4.4 = 1.136).
    np.testing.assert_allclose(
        nearest_on_scale(np.array([4.4, 1 / 4.4, 1e-3, 100.0])), [4, 1 / 4, 1 / 9, 9]
    )


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("top", [0, -1, 1.5, True, "3"])
def test_bad_top(top):
    with pytest.raises(
        ArgumentError, match=re.escape("diagnose_inconsistency: top must be a whole number")
    ):
        diagnose_inconsistency(matrix_of(case("saaty2008_drinks")), top=top)


def test_method_contradicting_the_result():
    result = ahp_weights(matrix_of(case("saaty2008_drinks")))
    with pytest.raises(
        ArgumentError,
        match="method='geometric_mean' contradicts the result's method 'eigenvector'",
    ):
        diagnose_inconsistency(result, method="geometric_mean")


# ---------------------------------------------------------------- consistent value (issue 13.10)


def test_the_consistent_value_comes_from_the_other_judgements():
    # Issue 13, item 10: the consistent matrix of weights 0.4/0.3/0.2/0.1 with (b, d)
    # set to 1/3 instead of 3. The weights, pulled by the wrong judgement, give
    # w_b / w_d = 0.89; the five other judgements imply exactly 3.
    w = {"a": 0.4, "b": 0.3, "c": 0.2, "d": 0.1}
    judgements = {(x, y): w[x] / w[y] for x, y in itertools.combinations(w, 2)}
    judgements[("b", "d")] = 1 / 3
    for completion in ("lambda_max", "llsm"):
        table = diagnose_inconsistency(
            PairwiseMatrix.from_judgements(judgements), completion=completion
        )
        top = table.iloc[0]
        assert (top["row"], top["column"]) == ("b", "d")
        assert top["consistent_value"] == pytest.approx(3.0, rel=1e-7)
        assert top["suggested"] == 3.0
        assert top["weight_ratio"] == pytest.approx(0.89, abs=0.005)


@st.composite
def corrupted_consistent_matrices(draw):
    n = draw(st.integers(4, 8))
    logs = draw(st.lists(st.floats(-2.0, 2.0), min_size=n, max_size=n))
    w = np.exp(np.asarray(logs))
    i, j = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True)))
    factor = draw(st.sampled_from([1 / 9, 1 / 5, 1 / 3, 3.0, 5.0, 9.0]))
    a = w[:, None] / w[None, :]
    a[i, j] *= factor
    a[j, i] /= factor
    return a, (i, j), w[i] / w[j]


@given(corrupted_consistent_matrices())
def test_one_corrupted_cell_is_found_and_its_true_value_recovered(case):
    a, (i, j), truth = case
    labels = [f"c{k}" for k in range(a.shape[0])]
    table = diagnose_inconsistency(PairwiseMatrix(a, labels))
    top = table.iloc[0]
    assert (top["row"], top["column"]) == (labels[i], labels[j])
    assert top["consistent_value"] == pytest.approx(truth, rel=1e-6)


def test_a_pair_on_no_cycle_is_its_own_consistent_value():
    # a-b-c a path: each judgement is the only link, nothing else implies it.
    m = PairwiseMatrix.from_judgements({("a", "b"): 3, ("b", "c"): 5})
    table = diagnose_inconsistency(m)
    np.testing.assert_allclose(table["consistent_value"], table["judgement"])
