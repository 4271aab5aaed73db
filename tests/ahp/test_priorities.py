"""ahp_weights against published numbers, pymcdm, closed forms; result shape; errors."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymcdm.weights.subjective import AHP as PymcdmAHP

from pathchoice.ahp import (
    PairwiseMatrix,
    WeightsResult,
    ahp_weights,
    gci_threshold,
)
from pathchoice.exceptions import ArgumentError, PathchoiceError

from .reference import case, load_cases, matrix_of, values_of

WEIGHT_CASES = [c for c in load_cases() if "weights" in c]


@pytest.mark.parametrize("item", WEIGHT_CASES, ids=lambda c: c["name"])
def test_weights_match_published_values(item):
    result = ahp_weights(
        matrix_of(item),
        method=item["method"],
        ri_table=item["ri_table"],
        completion=item.get("completion", "lambda_max"),
    )
    np.testing.assert_allclose(
        result.weights.to_numpy(), item["weights"], atol=item["weights_atol"]
    )
    assert list(result.weights.index) == item["labels"]


@pytest.mark.parametrize(
    "item", [c for c in load_cases() if "lambda_max" in c], ids=lambda c: c["name"]
)
def test_lambda_max_matches_published_value(item):
    result = ahp_weights(matrix_of(item), method=item["method"], ri_table=item["ri_table"])
    np.testing.assert_allclose(result.lambda_max, item["lambda_max"], atol=item["lambda_max_atol"])


@pytest.mark.parametrize(
    "item", [c for c in load_cases() if "consistency_index" in c], ids=lambda c: c["name"]
)
def test_consistency_index_matches_published_value(item):
    result = ahp_weights(matrix_of(item), method=item["method"], ri_table=item["ri_table"])
    np.testing.assert_allclose(
        result.consistency_index, item["consistency_index"], atol=item["consistency_index_atol"]
    )


@pytest.mark.parametrize(
    "item", [c for c in load_cases() if "consistency_ratio" in c], ids=lambda c: c["name"]
)
def test_consistency_ratio_matches_published_value(item):
    result = ahp_weights(matrix_of(item), method=item["method"], ri_table=item["ri_table"])
    np.testing.assert_allclose(
        result.consistency_ratio, item["consistency_ratio"], atol=item["consistency_ratio_atol"]
    )
    assert result.is_consistent is item["is_consistent"]


def test_scaled_geometric_mean_weights_match_published_global_weights():
    item = case("ahpy_leader_education_geometric_mean")
    result = ahp_weights(matrix_of(item), method="geometric_mean")
    np.testing.assert_allclose(
        result.weights.to_numpy() * item["scaled_by"],
        item["scaled_weights"],
        atol=item["scaled_weights_atol"],
    )


def test_inconsistent_published_matrix_is_a_finding_not_an_error():
    # Saaty (1990): the house criteria matrix has C.R. = 0.169 > 0.10.
    result = ahp_weights(matrix_of(case("saaty1990_house")))
    assert not result.is_consistent
    assert result.message.startswith("CR = 0.169 > 0.10: inconsistent")
    assert "diagnose_inconsistency" in result.message


# ---------------------------------------------------------------- pymcdm as an oracle

PYMCDM_CASES = ["saaty1990_house", "saaty2008_drinks", "wikipedia_leader_criteria"]


@pytest.mark.parametrize("name", PYMCDM_CASES)
def test_eigenvector_weights_and_consistency_index_agree_with_pymcdm(name):
    # pymcdm 1.4 (Shekhovtsov), pymcdm.weights.subjective.AHP: principal eigenvector
    # weights; its get_cr() divides the CI by its own table AHP.RI_M (Tummala & Ling
    # 1998), so CI = get_cr() * RI_M[n - 1] is compared.
    values = values_of(case(name))
    oracle = PymcdmAHP(matrix=values)
    ours = ahp_weights(PairwiseMatrix(values, case(name)["labels"]))
    np.testing.assert_allclose(ours.weights.to_numpy(), oracle(), rtol=1e-10, atol=1e-12)
    n = values.shape[0]
    np.testing.assert_allclose(
        ours.consistency_index, oracle.get_cr() * PymcdmAHP.RI_M[n - 1], rtol=1e-9
    )


# ---------------------------------------------------------------- closed forms, n = 3


@pytest.mark.parametrize(
    ("a12", "a13", "a23"), [(2, 4, 2), (3, 5, 4), (1 / 4, 4, 9), (9, 1 / 9, 9)]
)
def test_three_by_three_closed_forms(a12, a13, a23):
    # For n = 3 with delta = a12 a23 / a13: lambda_max = 1 + delta^(1/3) + delta^(-1/3)
    # (Saaty 1980; Aguarón & Moreno-Jiménez 2003), the eigenvector and the
    # row geometric mean coincide, w_i proportional to (prod_j a_ij)^(1/3) (Crawford &
    # Williams 1985), and every log(e_ij) = +-log(delta)/3, so GCI = log(delta)^2 / 3.
    m = PairwiseMatrix.from_judgements({("x", "y"): a12, ("x", "z"): a13, ("y", "z"): a23})
    delta = a12 * a23 / a13
    ev = ahp_weights(m)
    gm = ahp_weights(m, method="geometric_mean")
    np.testing.assert_allclose(ev.lambda_max, 1 + delta ** (1 / 3) + delta ** (-1 / 3), rtol=1e-12)
    rows = np.array([a12 * a13, a23 / a12, 1 / (a13 * a23)]) ** (1 / 3)
    np.testing.assert_allclose(gm.weights.to_numpy(), rows / rows.sum(), rtol=1e-12)
    np.testing.assert_allclose(ev.weights.to_numpy(), rows / rows.sum(), rtol=1e-10)
    np.testing.assert_allclose(gm.gci, math.log(delta) ** 2 / 3, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(ev.gci, gm.gci, rtol=1e-12)


def test_gci_threshold_for_three_labels_corresponds_to_cr_of_ten_percent():
    # Aguarón & Moreno-Jiménez (2003) derive GCI = 0.31 for n = 3 as the value that
    # corresponds to CR = 0.1 with RI(3) = 0.525 (their simulation; 0.5245 in Alonso &
    # Lamata 2006). Build a 3x3 matrix with exactly that CR and check its GCI.
    ri = 0.5245
    t = math.acosh(1 + 0.1 * ri)  # lambda_max = 3 + 2 CI = 1 + 2 cosh(log(delta) / 3)
    delta = math.exp(3 * t)
    m = PairwiseMatrix.from_judgements({("x", "y"): delta, ("y", "z"): 1.0, ("x", "z"): 1.0})
    result = ahp_weights(m, method="geometric_mean", ri_table="alonso_lamata")
    assert result.consistency_ratio == pytest.approx(0.1, rel=1e-9)
    assert result.gci == pytest.approx(0.31, abs=0.005)
    assert result.gci_threshold == 0.31


def test_gci_thresholds_by_size():
    assert [gci_threshold(n) for n in (1, 2, 3, 4, 5, 6, 15)] == [
        None,
        None,
        0.31,
        0.35,
        0.37,
        0.37,
        0.37,
    ]


# ---------------------------------------------------------------- small n


@pytest.mark.parametrize("method", ["eigenvector", "geometric_mean"])
def test_one_label(method):
    result = ahp_weights(PairwiseMatrix([[1.0]], ["only"]), method=method)
    assert result.weights.to_dict() == {"only": 1.0}
    assert result.consistency_ratio == 0.0 and result.consistency_index == 0.0
    assert result.is_consistent and result.gci == 0.0 and result.gci_threshold is None
    assert result.lambda_max == 1.0


@pytest.mark.parametrize("method", ["eigenvector", "geometric_mean"])
def test_two_labels_are_always_consistent(method):
    result = ahp_weights({("a", "b"): 7}, method=method)
    np.testing.assert_allclose(result.weights.to_numpy(), [7 / 8, 1 / 8])
    assert result.consistency_ratio == 0.0 and result.is_consistent
    assert result.random_index == 0.0
    assert result.message == "n = 2: a reciprocal matrix of 2 labels is always consistent (CR = 0)"


# ---------------------------------------------------------------- result object


def test_result_shape_and_echoed_choices():
    item = case("saaty2008_drinks")
    result = ahp_weights(matrix_of(item), method="geometric_mean", ri_table="alonso_lamata")
    assert isinstance(result, WeightsResult)
    assert result.method == "geometric_mean"
    assert result.ri_table == "alonso_lamata_2006"
    assert result.random_index == 1.3417
    assert result.completion is None
    assert result.matrix == result.input_matrix == matrix_of(item)
    assert result.labels == tuple(item["labels"])
    assert result.n == 7
    frame = result.to_frame()
    assert list(frame.columns) == ["weight"] and list(frame.index) == item["labels"]
    assert result.weights.name == "weight"
    assert result.weights.sum() == pytest.approx(1.0)
    assert result.consistency_ratio == pytest.approx(result.consistency_index / 1.3417)
    assert "GCI = " in result.message and "<= 0.37" in result.message
    with pytest.raises(AttributeError):
        result.method = "eigenvector"
    assert "AHP weights (geometric_mean" in str(result)


def test_threshold_is_applied_and_echoed():
    m = matrix_of(case("saaty2008_drinks"))  # CR = 0.022
    assert ahp_weights(m).is_consistent
    strict = ahp_weights(m, threshold=0.02)
    assert not strict.is_consistent and strict.threshold == 0.02
    assert "> 0.02: inconsistent" in strict.message


def test_dataframe_and_dict_inputs():
    item = case("wikipedia_leader_criteria")
    m = matrix_of(item)
    via_frame = ahp_weights(m.to_frame())
    via_dict = ahp_weights(m.judgements())
    pd.testing.assert_series_equal(via_frame.weights, ahp_weights(m).weights)
    pd.testing.assert_series_equal(via_dict.weights, ahp_weights(m).weights)


def test_off_scale_judgements_are_reported_in_the_result():
    result = ahp_weights({("a", "b"): 15, ("b", "c"): 2, ("a", "c"): 20})
    assert any("off Saaty's 1/9..9 scale" in f and "('a', 'b') = 15" in f for f in result.findings)


def test_incomplete_matrix_records_the_completion():
    item = case("bozoki2010_example3_incomplete")
    result = ahp_weights(matrix_of(item))
    assert result.completion == "lambda_max"
    assert result.matrix.is_complete and not result.input_matrix.is_complete
    assert any("1 missing judgement completed with 'lambda_max'" in f for f in result.findings)
    assert any("('c', 'd') = 0.7303" in f for f in result.findings)


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        (
            {"method": "power"},
            "method must be one of 'eigenvector', 'geometric_mean', 'column_average', "
            "'row_sum' (got 'power')",
        ),
        (
            {"ri_table": "dd"},
            "ri_table must be one of ['alonso_lamata', 'alonso_lamata_2006', 'donegan_dodd', "
            "'donegan_dodd_1991', 'saaty', 'saaty_1980', 'saaty_2005'] (got 'dd')",
        ),
        (
            {"completion": "harker"},
            "completion must be one of 'lambda_max', 'llsm' (got 'harker')",
        ),
    ],
)
def test_unknown_choices_name_the_options(kwargs, pattern):
    with pytest.raises(ArgumentError, match=re.escape(pattern)):
        ahp_weights(matrix_of(case("wikipedia_leader_criteria")), **kwargs)


@pytest.mark.parametrize("threshold", [0, -0.1, np.nan, "high"])
def test_bad_threshold(threshold):
    with pytest.raises(PathchoiceError, match=re.escape(f"(got {threshold!r})")):
        ahp_weights(matrix_of(case("wikipedia_leader_criteria")), threshold=threshold)


def test_unsupported_matrix_type():
    with pytest.raises(PathchoiceError, match=r"matrix must be a PairwiseMatrix.*\(got list\)"):
        ahp_weights([[1, 2], [0.5, 1]])


# ---------------------------------------------------------------- array core on stacks


def test_array_core_handles_stacks_of_matrices_without_a_loop():
    # The private core (used by the hierarchy/group modules) accepts (..., n, n).
    from pathchoice._core.ahp import eigenvector_weights, gci, geometric_mean_weights, perron

    stack = np.stack(
        [
            values_of(case(name))
            for name in ("wikipedia_leader_criteria", "ahpy_readme_complete_abcd")
        ]
    )
    lam, vec = perron(stack)
    for k in range(2):
        single = ahp_weights(PairwiseMatrix(stack[k], list("wxyz")))
        np.testing.assert_allclose(lam[k], single.lambda_max, rtol=1e-12)
        np.testing.assert_allclose(vec[k], single.weights.to_numpy(), rtol=1e-10)
        np.testing.assert_allclose(
            eigenvector_weights(stack)[k], single.weights.to_numpy(), rtol=1e-10
        )
        gm = ahp_weights(PairwiseMatrix(stack[k], list("wxyz")), method="geometric_mean")
        np.testing.assert_allclose(
            geometric_mean_weights(stack)[k], gm.weights.to_numpy(), rtol=1e-12
        )
        np.testing.assert_allclose(gci(stack)[k], gm.gci, rtol=1e-12)


# ---------------------------------------------------------------- approximations (issue 13.2)


def test_column_average_reproduces_a_textbook_computed_by_hand():
    """Anderson, Sweeney & Williams, *An Introduction to Management Science*,
    chapter "Multicriteria Decisions", car-selection example: the criteria matrix
    priced by "synthesization" (divide each column by its total, average the rows)
    gives Price .398, MPG .085, Comfort .218, Style .299 and CR = 0.068; printed to
    three places, atol 5e-4. The eigenvector differs in the third place (.402, .083,
    .214, .301), which is why the approximation needs its own name."""
    m = PairwiseMatrix(
        [[1, 3, 2, 2], [1 / 3, 1, 1 / 4, 1 / 4], [1 / 2, 4, 1, 1 / 2], [1 / 2, 4, 2, 1]],
        ["Price", "MPG", "Comfort", "Style"],
    )
    result = ahp_weights(m, method="column_average")
    np.testing.assert_allclose(result.weights, [0.398, 0.085, 0.218, 0.299], atol=5e-4)
    assert result.consistency_ratio == pytest.approx(0.068, abs=5e-4)
    assert any("approximation of the eigenvector" in f for f in result.findings)
    eigen = ahp_weights(m).weights
    assert np.abs(eigen.to_numpy() - result.weights.to_numpy()).max() > 1e-3


@given(
    w=st.lists(st.floats(-3.0, 3.0), min_size=1, max_size=9),
    method=st.sampled_from(["column_average", "row_sum"]),
)
def test_approximations_are_exact_for_consistent_matrices(w, method):
    weights = np.exp(np.asarray(w))
    weights /= weights.sum()
    m = PairwiseMatrix(weights[:, None] / weights[None, :], [f"c{i}" for i in range(len(w))])
    np.testing.assert_allclose(ahp_weights(m, method=method).weights.to_numpy(), weights, rtol=1e-9)


# ---------------------------------------------------------------- power iteration (issue 10.3)


@pytest.mark.parametrize("n", [3, 10, 60])
def test_power_iteration_agrees_with_a_full_eigen_solver(n):
    from pathchoice._core.ahp import perron, perron_eig

    rng = np.random.default_rng(n)
    scale = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])
    a = np.eye(n)
    iu, ju = np.triu_indices(n, k=1)
    values = rng.choice(scale, iu.size)
    a[iu, ju], a[ju, iu] = values, 1 / values
    lam, w = perron(a)
    lam_eig, w_eig = perron_eig(a)
    assert lam == pytest.approx(lam_eig, rel=1e-12)
    np.testing.assert_allclose(w, w_eig, rtol=1e-9, atol=1e-15)
    stack = np.stack([a, a.T])
    lams, _ = perron(stack)
    np.testing.assert_allclose(lams, [lam_eig, perron_eig(a.T)[0]], rtol=1e-12)


def test_power_iteration_falls_back_to_eig_when_it_does_not_converge():
    from pathchoice._core.ahp import perron, perron_eig

    a = np.array([[1.0, 2.0, 0.5], [0.5, 1.0, 4.0], [2.0, 0.25, 1.0]])
    lam, w = perron(a, max_iter=1)
    lam_eig, w_eig = perron_eig(a)
    assert lam == pytest.approx(lam_eig, rel=1e-12)
    np.testing.assert_allclose(w, w_eig, rtol=1e-12)
