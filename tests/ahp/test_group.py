"""Group AHP (AIJ, AIP): a published case, the aggregation laws, result shape, errors.

The reference case lives in ``data/group_references.json`` with its source and
tolerance.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.ahp import PairwiseMatrix, WeightsResult, ahp_weights
from pathchoice.ahp.group import (
    AGGREGATIONS,
    GroupWeightsResult,
    aggregate_judgements,
    group_weights,
)
from pathchoice.exceptions import (
    ArgumentError,
    PairwiseMatrixError,
    ReciprocityError,
    UnknownNameError,
    WeightsError,
)

from .test_hierarchy import judgements_of, load_references

PRIZE = load_references("group")[0]


def _prize_panel() -> dict[str, PairwiseMatrix]:
    return {
        k: PairwiseMatrix.from_judgements(judgements_of(rows), labels=PRIZE["labels"])
        for k, rows in PRIZE["experts"].items()
    }


# ---------------------------------------------------------------------- published case


def test_weighted_aij_matrix_matches_prize():
    """Prize (Bioconductor; D. Dargahi), inst/unitTests/test_gaggregate.R: the AIJ
    matrix of four experts with weights (0.45, 0.30, 0.10, 0.15), printed to 7
    significant digits and checked there to 5 decimals; atol 6e-6."""
    group = aggregate_judgements(_prize_panel(), expert_weights=PRIZE["expert_weights"])
    assert group.labels == tuple(PRIZE["labels"])
    np.testing.assert_allclose(
        group.values, PRIZE["expected"]["aij"], atol=PRIZE["tolerance"]["aij"]
    )


def test_expert_priorities_match_prize_arithmetic_aip():
    """Prize's AIP is the weighted arithmetic mean of the experts' row-geometric-mean
    priorities: (0.45240240, 0.35504904, 0.11942840, 0.07312017). Our
    ``expert_results`` (method="geometric_mean") combined the same way must give
    it (Forman & Peniwati 1998 allow this arithmetic AIP; ours is geometric);
    atol 6e-6."""
    result = group_weights(
        _prize_panel(),
        aggregation="aip",
        expert_weights=PRIZE["expert_weights"],
        method="geometric_mean",
    )
    lam = result.expert_weights.to_numpy()
    individual = result.experts[PRIZE["labels"]].to_numpy()
    np.testing.assert_allclose(
        lam @ individual, PRIZE["expected"]["aip_arithmetic"], atol=PRIZE["tolerance"]["aip"]
    )


def test_aij_group_weights_are_the_weights_of_the_prize_matrix():
    """The AIJ group weights are ahp_weights of the published Prize AIJ matrix
    (to the matrix's printed precision; atol 1e-5)."""
    result = group_weights(_prize_panel(), expert_weights=PRIZE["expert_weights"])
    published = PairwiseMatrix(np.array(PRIZE["expected"]["aij"]), PRIZE["labels"], tol=1e-5)
    np.testing.assert_allclose(
        result.weights.to_numpy(), ahp_weights(published).weights.to_numpy(), atol=1e-5
    )
    assert isinstance(result.aggregated, WeightsResult)


def test_aip_is_weighted_geometric_mean_of_priorities_by_hand():
    """AIP as defined (Forman & Peniwati 1998, geometric variant):
    w_i ∝ prod_k w_i(k)^λ_k, computed by hand from the experts' vectors."""
    lam = PRIZE["expert_weights"]
    result = group_weights(_prize_panel(), aggregation="aip", expert_weights=lam)
    individual = result.experts[PRIZE["labels"]].to_numpy()
    by_hand = np.prod(individual ** np.array(list(lam.values()))[:, None], axis=0)
    np.testing.assert_allclose(result.weights.to_numpy(), by_hand / by_hand.sum(), rtol=1e-12)
    assert result.aggregated is None


def test_incomplete_experts_are_aggregated_over_those_who_judged():
    """The documented rule, by hand: alice (λ = 0.75) judged (a, b) = 4 and
    (b, c) = 2; bob (λ = 0.25) judged (a, b) = 1 and (a, c) = 3. Group:
    (a, b) = 4^0.75 · 1^0.25, (b, c) = 2 (alice alone, weight renormalised to 1),
    (a, c) = 3 (bob alone)."""
    alice = PairwiseMatrix.from_judgements({("a", "b"): 4, ("b", "c"): 2})
    bob = PairwiseMatrix.from_judgements({("a", "b"): 1, ("a", "c"): 3}, labels=["a", "b", "c"])
    group = aggregate_judgements({"alice": alice, "bob": bob}, expert_weights=[0.75, 0.25])
    j = group.judgements()
    np.testing.assert_allclose(
        [j[("a", "b")], j[("b", "c")], j[("a", "c")]], [4**0.75, 2.0, 3.0], rtol=1e-12
    )


def test_pair_nobody_judged_stays_missing_and_is_completed():
    alice = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 2})
    bob = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 2})
    group = aggregate_judgements([alice, bob])
    assert group.missing_pairs() == [("a", "c")]
    result = group_weights([alice, bob])
    # a consistent chain: the lambda_max completion fills (a, c) = 4 -> 4/7, 2/7, 1/7
    np.testing.assert_allclose(result.weights.to_numpy(), [4 / 7, 2 / 7, 1 / 7], atol=1e-6)
    assert result.aggregated.completion == "lambda_max"


def test_pair_judged_only_by_zero_weight_experts_is_missing():
    alice = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 2})
    bob = PairwiseMatrix.from_judgements({("a", "b"): 5, ("a", "c"): 9}, labels=["a", "b", "c"])
    group = aggregate_judgements(
        {"alice": alice, "bob": bob}, expert_weights={"alice": 1, "bob": 0}
    )
    assert group.judgements() == {("a", "b"): 2.0, ("b", "c"): 2.0}


# ---------------------------------------------------------------------- result shape


def test_result_shape_and_frames():
    panel = _prize_panel()
    result = group_weights(panel, expert_weights=PRIZE["expert_weights"])
    assert isinstance(result, GroupWeightsResult)
    assert result.aggregation == "aij"
    assert result.labels == tuple(PRIZE["labels"])
    assert list(result.weights.index) == PRIZE["labels"]
    np.testing.assert_allclose(result.weights.sum(), 1.0, atol=1e-12)
    assert list(result.expert_weights.index) == ["ind1", "ind2", "ind3", "ind4"]
    assert list(result.experts.columns) == [
        "expert_weight",
        "consistency_ratio",
        "is_consistent",
        "lambda_max",
        *PRIZE["labels"],
    ]
    assert result.experts.index.name == "expert"
    for k, r in result.expert_results.items():
        assert result.experts.loc[k, "consistency_ratio"] == r.consistency_ratio
        np.testing.assert_allclose(result.experts.loc[k, PRIZE["labels"]], r.weights.to_numpy())
    frame = result.to_frame()
    assert list(frame.columns) == ["group", "ind1", "ind2", "ind3", "ind4"]
    assert list(frame.index) == PRIZE["labels"]
    assert result.inconsistent_experts == []
    assert "AIJ" in str(result) and "4 experts" in str(result)
    assert dict(result.options) == {
        "method": "eigenvector",
        "ri_table": "saaty_1980",
        "completion": "lambda_max",
        "threshold": 0.1,
    }


def test_sequence_panel_names_experts_and_default_weights_are_equal():
    m = PairwiseMatrix.from_judgements({("x", "y"): 2})
    result = group_weights([m, m, m])
    assert list(result.expert_weights.index) == ["expert 1", "expert 2", "expert 3"]
    np.testing.assert_allclose(result.expert_weights.to_numpy(), 1 / 3)


def test_experts_in_other_label_orders_are_aligned():
    a = PairwiseMatrix([[1, 4], [0.25, 1]], ["x", "y"])
    b = PairwiseMatrix([[1, 4], [0.25, 1]], ["y", "x"])
    group = aggregate_judgements({"a": a, "b": b})
    assert group.labels == ("x", "y")
    np.testing.assert_allclose(group.values, np.ones((2, 2)), rtol=1e-12)


def test_inconsistent_expert_is_reported():
    bad = PairwiseMatrix.from_judgements({("x", "y"): 9, ("y", "z"): 9, ("z", "x"): 9})
    good = PairwiseMatrix.from_judgements({("x", "y"): 2, ("y", "z"): 2, ("x", "z"): 4})
    result = group_weights({"bad": bad, "good": good})
    assert result.inconsistent_experts == ["bad"]
    assert not result.experts.loc["bad", "is_consistent"]
    assert "inconsistent experts: ['bad']" in str(result)


# ---------------------------------------------------------------------- properties

SCALE = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9]


@st.composite
def panels(draw, *, min_experts: int = 1):
    n = draw(st.integers(2, 6))
    k = draw(st.integers(min_experts, 5))
    labels = [f"l{i}" for i in range(n)]
    matrices = [
        PairwiseMatrix.from_judgements(
            {(a, b): draw(st.sampled_from(SCALE)) for a, b in itertools.combinations(labels, 2)}
        )
        for _ in range(k)
    ]
    raw = draw(st.lists(st.floats(0.01, 1.0), min_size=k, max_size=k))
    lam = (np.array(raw) / sum(raw)).tolist()
    return matrices, lam


@given(panels(), st.integers(1, 5), st.sampled_from(AGGREGATIONS), st.data())
def test_identical_experts_give_that_experts_weights(panel, k, aggregation, data):
    matrices, _ = panel
    m = matrices[0]
    raw = data.draw(st.lists(st.floats(0.01, 1.0), min_size=k, max_size=k))
    lam = [x / sum(raw) for x in raw]
    method = data.draw(st.sampled_from(["eigenvector", "geometric_mean"]))
    result = group_weights([m] * k, aggregation=aggregation, expert_weights=lam, method=method)
    np.testing.assert_allclose(
        result.weights.to_numpy(), ahp_weights(m, method=method).weights.to_numpy(), rtol=1e-9
    )


@given(panels())
def test_aij_of_reciprocal_matrices_is_reciprocal(panel):
    matrices, lam = panel
    a = aggregate_judgements(matrices, expert_weights=lam).values
    np.testing.assert_allclose(a * a.T, np.ones_like(a), rtol=1e-12)
    np.testing.assert_allclose(np.diag(a), 1.0)


@given(panels(min_experts=2), st.randoms(use_true_random=False), st.sampled_from(AGGREGATIONS))
def test_permuting_experts_changes_nothing(panel, random, aggregation):
    matrices, lam = panel
    names = [f"e{i}" for i in range(len(matrices))]
    order = list(range(len(matrices)))
    random.shuffle(order)
    first = group_weights(
        dict(zip(names, matrices, strict=True)),
        aggregation=aggregation,
        expert_weights=dict(zip(names, lam, strict=True)),
    )
    second = group_weights(
        {names[i]: matrices[i] for i in order},
        aggregation=aggregation,
        expert_weights={names[i]: lam[i] for i in order},
    )
    np.testing.assert_allclose(first.weights.to_numpy(), second.weights.to_numpy(), rtol=1e-10)
    pd.testing.assert_frame_equal(first.experts, second.experts.loc[first.experts.index])


@given(panels())
def test_group_weights_positive_and_sum_to_one(panel):
    matrices, lam = panel
    for aggregation in AGGREGATIONS:
        w = group_weights(matrices, aggregation=aggregation, expert_weights=lam).weights
        assert (w > 0).all()
        np.testing.assert_allclose(w.sum(), 1.0, atol=1e-12)


@given(panels())
def test_aij_and_aip_agree_for_consistent_experts(panel):
    """For consistent matrices AIJ's group matrix is consistent with weights the
    (renormalised) weighted geometric mean of the experts' weights: AIJ = AIP."""
    matrices, lam = panel
    consistent = []
    for m in matrices:
        w = ahp_weights(m).weights.to_numpy()
        consistent.append(PairwiseMatrix(w[:, None] / w[None, :], m.labels))
    aij = group_weights(consistent, expert_weights=lam).weights.to_numpy()
    aip = group_weights(consistent, aggregation="aip", expert_weights=lam).weights.to_numpy()
    np.testing.assert_allclose(aij, aip, rtol=1e-9)


# ---------------------------------------------------------------------- errors

M = PairwiseMatrix.from_judgements({("x", "y"): 2, ("y", "z"): 2, ("x", "z"): 4})


@pytest.mark.parametrize("empty", [{}, []])
def test_error_empty_panel(empty):
    with pytest.raises(PairwiseMatrixError, match=r"at least one expert's matrix \(got none\)"):
        aggregate_judgements(empty)
    with pytest.raises(PairwiseMatrixError, match="at least one expert"):
        group_weights(empty)


def test_error_experts_with_different_labels_name_the_expert():
    other = PairwiseMatrix.from_judgements({("x", "y"): 2, ("y", "w"): 2, ("x", "w"): 4})
    with pytest.raises(
        PairwiseMatrixError,
        match=r"expert 'bob' compares \['x', 'y', 'w'\] but expert 'ann'"
        r".*missing \['z'\], extra \['w'\]",
    ):
        aggregate_judgements({"ann": M, "bob": other})
    smaller = PairwiseMatrix.from_judgements({("x", "y"): 2})
    with pytest.raises(PairwiseMatrixError, match="expert 'expert 2'"):
        group_weights([M, smaller])


def test_error_invalid_expert_matrix_names_the_expert():
    bad = pd.DataFrame([[1, 3], [0.5, 1]], index=["x", "y"], columns=["x", "y"])
    with pytest.raises(ReciprocityError, match="expert 'bob'"):
        aggregate_judgements({"ann": M, "bob": bad})


def test_error_panel_of_the_wrong_type():
    with pytest.raises(
        PairwiseMatrixError, match=r"matrices must be a mapping .*\(got PairwiseMatrix\)"
    ):
        aggregate_judgements(M)  # type: ignore[arg-type]
    with pytest.raises(
        PairwiseMatrixError, match=r"expert names must be non-empty strings \(got 1\)"
    ):
        aggregate_judgements({1: M})  # type: ignore[dict-item]


def test_error_expert_weights_unknown_expert():
    with pytest.raises(UnknownNameError, match=r"expert_weights names unknown experts \['carl'\]"):
        aggregate_judgements({"ann": M, "bob": M}, expert_weights={"ann": 0.5, "carl": 0.5})


def test_error_expert_weights_missing_expert():
    with pytest.raises(WeightsError, match=r"expert_weights is missing experts \['bob'\]"):
        group_weights({"ann": M, "bob": M}, expert_weights={"ann": 1.0})


@pytest.mark.parametrize(
    ("weights", "error", "pattern"),
    [
        ([1.0], WeightsError, r"one value per expert \(2: \['ann', 'bob'\]\), got shape \(1,\)"),
        ([1.5, -0.5], WeightsError, "finite and non-negative: expert 'bob' = -0.5"),
        ([0.5, 0.6], WeightsError, r"must sum to 1 \(got 1.1 for 2 experts\)"),
        (["a", "b"], WeightsError, "expert_weights must be numbers"),
    ],
)
def test_error_expert_weights_values(weights, error, pattern):
    with pytest.raises(error, match=pattern):
        aggregate_judgements({"ann": M, "bob": M}, expert_weights=weights)


def test_error_unknown_aggregation_and_options():
    with pytest.raises(ArgumentError, match=r"aggregation must be one of .*\(got 'mean'\)"):
        group_weights([M], aggregation="mean")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"method must be one of .*\(got 'power'\)"):
        group_weights([M], method="power")
    with pytest.raises(ArgumentError, match=r"ri_table must be one of .*\(got 'x'\)"):
        group_weights([M], ri_table="x")
    with pytest.raises(ArgumentError, match=r"threshold must be in \(0, inf\] \(got 0\)"):
        group_weights([M], threshold=0)


# ---------------------------------------------------------------- consensus (issue 13.9)


@st.composite
def panels(draw):
    n = draw(st.integers(3, 6))
    k = draw(st.integers(2, 5))
    labels = [f"c{i}" for i in range(n)]
    scale = [1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5]
    pairs = list(itertools.combinations(labels, 2))
    experts = {
        f"e{e}": PairwiseMatrix.from_judgements(
            {p: draw(st.sampled_from(scale)) for p in pairs}, labels=labels
        )
        for e in range(k)
    }
    raw = np.asarray(draw(st.lists(st.floats(0.1, 1.0), min_size=k, max_size=k)))
    return experts, raw / raw.sum()


@given(panels())
def test_consensus_index_is_group_gci_plus_judgement_dispersion(case):
    # Escobar, Aguarón & Moreno-Jiménez (2004), EJOR 153:318-322: with AIJ and row
    # geometric means, sum_k lambda_k GCCI(k) = GCI(group matrix) + the weighted
    # variance of the log-judgements (so the group GCI never exceeds the experts'
    # weighted mean incompatibility). Dong et al. (2010) GCCI, complete matrices.
    experts, lam = case
    result = group_weights(experts, expert_weights=lam, method="geometric_mean")
    n = len(result.labels)
    spread = (result.judgement_dispersion["log_sd"] ** 2).sum() * 2 / ((n - 1) * (n - 2))
    assert result.consensus_index == pytest.approx(
        result.aggregated.gci + spread, rel=1e-9, abs=1e-12
    )
    assert result.aggregated.gci <= result.consensus_index + 1e-12
    assert result.farthest_expert == result.consensus.index[0]
    assert result.consensus["gcci"].max() == result.consensus.loc[result.farthest_expert, "gcci"]


def test_a_single_expert_gcci_is_their_gci_and_identical_experts_do_not_disperse():
    m = PairwiseMatrix.from_judgements({("a", "b"): 3, ("b", "c"): 2, ("a", "c"): 5})
    alone = group_weights([m], method="geometric_mean")
    assert alone.consensus["gcci"].iloc[0] == pytest.approx(
        ahp_weights(m, method="geometric_mean").gci, rel=1e-12
    )
    same = group_weights({"ann": m, "bob": m})
    np.testing.assert_allclose(same.judgement_dispersion["log_sd"], 0.0, atol=1e-15)
    np.testing.assert_allclose(same.priority_dispersion["sd"], 0.0, atol=1e-15)


def test_the_expert_far_from_the_group_is_named_and_the_aggregation_stated():
    agree = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 2, ("a", "c"): 4})
    odd = PairwiseMatrix.from_judgements({("a", "b"): 1 / 4, ("b", "c"): 1 / 3, ("a", "c"): 1 / 9})
    for aggregation in ("aij", "aip"):
        result = group_weights({"ann": agree, "bob": agree, "cy": odd}, aggregation=aggregation)
        assert result.farthest_expert == "cy"
        assert result.aggregation == aggregation
        text = str(result)
        assert ("judgements (AIJ)" if aggregation == "aij" else "priorities (AIP)") in text
        assert "farthest from the group: 'cy'" in text
        top = result.judgement_dispersion.index[0]
        assert top == ("a", "c")  # 4 against 1/9: the widest spread
        assert (
            result.priority_dispersion.loc["a", "max"] >= result.priority_dispersion.loc["a", "min"]
        )
