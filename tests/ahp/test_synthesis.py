"""Classic AHP synthesis (ahp_rank): published cases, ideal vs distributive, laws, errors.

Reference cases live in ``data/synthesis_references.json`` with their source and
tolerance.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.ahp import PairwiseMatrix, ahp_weights
from pathchoice.ahp.hierarchy import Node, hierarchy_weights
from pathchoice.ahp.synthesis import SYNTHESIS_MODES, _synthesise, ahp_rank
from pathchoice.exceptions import (
    ArgumentError,
    HierarchyError,
    ReciprocityError,
    UnknownNameError,
    WeightsError,
)
from pathchoice.results import RankingResult

from .test_hierarchy import build_node, hierarchy_case, judgements_of, load_references, number

CASES = {c["name"]: c for c in load_references("synthesis")}


def _alternatives(item: dict) -> dict[str, dict[tuple[str, str], float]]:
    if "alternatives" in item:
        return {c: judgements_of(rows) for c, rows in item["alternatives"].items()}
    pairs = list(itertools.combinations(item["pairs_of"], 2))
    return {
        c: {p: number(v) for p, v in zip(pairs, values, strict=True)}
        for c, values in item["pair_values"].items()
    }


def _criteria(item: dict):
    if "hierarchy" in item:
        return hierarchy_weights(build_node(hierarchy_case(item["hierarchy"])["root"]))
    return ahp_weights(judgements_of(item["criteria_judgements"]))


def _rank(name: str, **options) -> tuple[dict, RankingResult]:
    item = CASES[name]
    return item, ahp_rank(_criteria(item), _alternatives(item), **options)


# ---------------------------------------------------------------------- published cases


@pytest.mark.parametrize("name", list(CASES))
def test_distributive_scores_match_published_values(name):
    """Global priorities of the alternatives against the printed values.

    wikipedia_leader: Wikipedia "AHP - leader example" (Dick .493, Tom .358,
    Harry .149), atol 1.1e-3; ahpy_vehicle: AHPy README "Purchasing a vehicle"
    (3 places), atol 1e-3; saaty_cities: Saaty (2005) as in AHPy's test suite
    (4 places), atol 6e-5.
    """
    item, result = _rank(name)
    expected = item["expected"]["scores"]
    np.testing.assert_allclose(
        result.scores.reindex(list(expected)).to_numpy(),
        list(expected.values()),
        atol=item["tolerance"]["scores"],
    )
    assert result.best == max(expected, key=expected.get)


@pytest.mark.parametrize("name", ["wikipedia_leader", "ahpy_vehicle"])
def test_local_priorities_match_published_values(name):
    """AHPy README: Experience (leader), Price and Cargo (vehicle) local weights,
    3 places; atol 6e-4."""
    item, result = _rank(name)
    local = result.tables["local_priorities"]
    for criterion, expected in item["expected"]["local"].items():
        np.testing.assert_allclose(
            local[criterion].reindex(list(expected)).to_numpy(),
            list(expected.values()),
            atol=item["tolerance"]["local"],
        )
        np.testing.assert_allclose(local[criterion].sum(), 1.0, atol=1e-12)


def test_leader_weighted_contributions_match_ahpy_global_weights():
    """AHPy README, leader: Education global weights Harry 0.093, Tom 0.024,
    Dick 0.01 = criterion weight × local priority (our ``weighted`` table);
    atol 1.1e-3 (3 places plus rounding of the factors)."""
    item, result = _rank("wikipedia_leader")
    expected = item["expected"]["global"]["Education"]
    np.testing.assert_allclose(
        result.tables["weighted"]["Education"].reindex(list(expected)).to_numpy(),
        list(expected.values()),
        atol=item["tolerance"]["global"],
    )


def test_leader_consistency_matches_ahpy():
    """AHPy README, leader (random_index='saaty', whose RI(3) is 0.52, Saaty 2005):
    CR Experience 0.035, Education 0.062. Our default table has RI(3) = 0.58
    (Saaty 1980), so compare the table-free quantity CI = CR × RI = (λmax - 3)/2:
    0.035 × 0.52 and 0.062 × 0.52; atol 0.0005 × 0.52 + 1e-6."""
    item, result = _rank("wikipedia_leader")
    consistency = result.tables["consistency"]
    for criterion, cr_052 in item["expected"]["consistency_ratio_ri_052"].items():
        ci = (consistency.loc[criterion, "lambda_max"] - 3) / 2
        np.testing.assert_allclose(ci, cr_052 * 0.52, atol=0.0005 * 0.52 + 1e-6)
        np.testing.assert_allclose(
            result.tables["consistency_ratio"][criterion], ci / 0.58, rtol=1e-12
        )


def test_vehicle_style_matrix_is_reported_inconsistent():
    """AHPy README vehicle case: the Style matrix's CR is 0.102 with Saaty's RI(6) =
    1.24 (AHPy prints 0.1 with Donegan & Dodd's table): a finding, not an error."""
    _, result = _rank("ahpy_vehicle")
    assert not result.tables["consistency"].loc["Style", "is_consistent"]
    assert any("'Style'" in f and "inconsistent" in f for f in result.findings)


# ---------------------------------------------------------------------- ideal mode


def _belton_gear(with_copy: bool):
    """Belton & Gear (1983), Omega 11(3): three criteria of equal weight; A, B, C
    judged by consistent matrices with local priorities (1/11, 9/11, 1/11),
    (9/11, 1/11, 1/11), (8/18, 9/18, 1/18); D an exact copy of B."""
    alts = ["A", "B", "C", "D"] if with_copy else ["A", "B", "C"]
    local = {
        "c1": {"A": 1, "B": 9, "C": 1, "D": 9},
        "c2": {"A": 9, "B": 1, "C": 1, "D": 1},
        "c3": {"A": 8, "B": 9, "C": 1, "D": 9},
    }
    matrices = {
        c: PairwiseMatrix.from_judgements(
            {(a, b): v[a] / v[b] for a, b in itertools.combinations(alts, 2)}
        )
        for c, v in local.items()
    }
    return {"c1": 1 / 3, "c2": 1 / 3, "c3": 1 / 3}, matrices


def test_belton_gear_distributive_rank_reversal_by_hand():
    """Hand algebra on the Belton & Gear (1983) example (consistent matrices, so
    the local priorities are exact fractions): distributive priorities
    A = (1/11 + 9/11 + 8/18)/3 = 0.4512, B = (9/11 + 1/11 + 9/18)/3 = 0.4697,
    C = 0.0791; with a copy D of B: A = (1/20 + 9/12 + 8/27)/3 = 0.3654,
    B = D = (9/20 + 1/12 + 9/27)/3 = 0.2889 -- A overtakes B. (The paper's printed
    rounded values were not checked against the paper here, so the test asserts
    only the exact fractions.) atol 1e-12 on the fractions."""
    weights, matrices = _belton_gear(with_copy=False)
    before = ahp_rank(weights, matrices).scores
    f = Fraction
    expected = [
        (f(1, 11) + f(9, 11) + f(8, 18)) / 3,
        (f(9, 11) + f(1, 11) + f(9, 18)) / 3,
        (f(1, 11) + f(1, 11) + f(1, 18)) / 3,
    ]
    np.testing.assert_allclose(before.to_numpy(), [float(x) for x in expected], atol=1e-12)
    np.testing.assert_allclose(before.round(2).to_numpy(), [0.45, 0.47, 0.08], atol=1e-12)
    weights, matrices = _belton_gear(with_copy=True)
    after = ahp_rank(weights, matrices).scores
    a = (f(1, 20) + f(9, 12) + f(8, 27)) / 3
    b = (f(9, 20) + f(1, 12) + f(9, 27)) / 3
    c = (f(1, 20) + f(1, 12) + f(1, 27)) / 3
    np.testing.assert_allclose(after.to_numpy(), [float(x) for x in (a, b, c, b)], atol=1e-12)
    np.testing.assert_allclose(after.round(2).to_numpy(), [0.37, 0.29, 0.06, 0.29], atol=1e-12)
    assert before["B"] > before["A"] and after["A"] > after["B"]


def test_belton_gear_ideal_mode_preserves_rank_by_hand():
    """Ideal mode on the same example (Belton & Gear 1983's remedy; Saaty 1994):
    each criterion's priorities divided by their maximum give
    A = (1/9 + 1 + 8/9)/3 = 2/3, B = (1 + 1/9 + 1)/3 = 19/27, C = (1/9)·3/3 = 1/9,
    normalised by 40/27: 18/40, 19/40, 3/40. Adding the copy D leaves A, B, C's
    unnormalised priorities unchanged, so B stays ahead of A. atol 1e-12."""
    weights, matrices = _belton_gear(with_copy=False)
    before = ahp_rank(weights, matrices, synthesis="ideal")
    np.testing.assert_allclose(before.scores.to_numpy(), [18 / 40, 19 / 40, 3 / 40], atol=1e-12)
    raw = before.tables["weighted"].sum(axis=1)
    np.testing.assert_allclose(raw.to_numpy(), [2 / 3, 19 / 27, 1 / 9], atol=1e-12)
    weights, matrices = _belton_gear(with_copy=True)
    after = ahp_rank(weights, matrices, synthesis="ideal")
    raw_after = after.tables["weighted"].sum(axis=1)
    np.testing.assert_allclose(raw_after[["A", "B", "C"]].to_numpy(), raw.to_numpy(), atol=1e-12)
    assert after.order()[:2] == ["B", "D"] and after.ranks["A"] == 3
    synthesised = after.tables["synthesised"]
    np.testing.assert_allclose(synthesised.max(axis=0).to_numpy(), 1.0, atol=1e-12)


def test_leader_ideal_mode_by_hand_from_local_priorities():
    """Ideal synthesis of the leader example, checked against hand algebra on the
    local priorities: score_i ∝ sum_j w_j p_ij / max_i p_ij (Saaty 1994)."""
    _, dist = _rank("wikipedia_leader")
    _, ideal = _rank("wikipedia_leader", synthesis="ideal")
    local = dist.tables["local_priorities"].to_numpy()
    w = dist.weights.to_numpy()
    raw = (local / local.max(axis=0)) @ w
    np.testing.assert_allclose(ideal.scores.to_numpy(), raw / raw.sum(), rtol=1e-12)
    assert ideal.options["synthesis"] == "ideal" and ideal.order() == ["Dick", "Tom", "Harry"]


# ---------------------------------------------------------------------- result shape


def test_result_shape():
    _, result = _rank("saaty_cities")
    assert isinstance(result, RankingResult)
    assert result.method == "ahp" and result.higher_is_better
    alts = ["Bethesda", "Pittsburgh", "Boston", "Santa Fe"]  # first criterion's order
    assert list(result.scores.index) == alts
    assert result.ranks.tolist() == [3, 1, 2, 4]
    assert list(result.weights.index) == ["Culture", "Housing", "Transportation", "Family", "Jobs"]
    assert set(result.tables) == {
        "local_priorities",
        "synthesised",
        "weighted",
        "consistency_ratio",
        "consistency",
    }
    local = result.tables["local_priorities"]
    assert local.shape == (4, 5) and list(local.index) == alts
    assert list(result.tables["consistency"].columns) == [
        "lambda_max",
        "consistency_ratio",
        "is_consistent",
    ]
    np.testing.assert_allclose(result.scores.sum(), 1.0, atol=1e-12)
    np.testing.assert_allclose(
        result.tables["weighted"].sum(axis=1).to_numpy(), result.scores.to_numpy(), atol=1e-12
    )
    assert dict(result.options) == {
        "synthesis": "distributive",
        "method": "eigenvector",
        "ri_table": "saaty_1980",
        "completion": "lambda_max",
        "threshold": 0.1,
    }


def test_weights_as_series_mapping_and_results_agree():
    item = CASES["saaty_cities"]
    crit = _criteria(item)
    alts = _alternatives(item)
    by_result = ahp_rank(crit, alts).scores
    by_series = ahp_rank(crit.weights, alts).scores
    by_dict = ahp_rank(crit.weights.to_dict(), alts).scores
    pd.testing.assert_series_equal(by_result, by_series)
    pd.testing.assert_series_equal(by_result, by_dict)


def test_alternatives_in_other_orders_are_aligned():
    weights = {"x": 0.5, "y": 0.5}
    one = PairwiseMatrix([[1, 2], [0.5, 1]], ["p", "q"])
    two = PairwiseMatrix([[1, 3], [1 / 3, 1]], ["q", "p"])
    result = ahp_rank(weights, {"x": one, "y": two})
    assert list(result.scores.index) == ["p", "q"]
    np.testing.assert_allclose(result.scores.to_numpy(), [(2 / 3 + 1 / 4) / 2, (1 / 3 + 3 / 4) / 2])


def test_incomplete_alternative_matrix_is_completed():
    weights = {"x": 1.0}
    m = {("p", "q"): 2, ("q", "r"): 2}
    result = ahp_rank(weights, {"x": m})
    # lambda_max completion of a consistent chain fills (p, r) = 4: weights 4/7, 2/7, 1/7
    np.testing.assert_allclose(result.scores.to_numpy(), [4 / 7, 2 / 7, 1 / 7], atol=1e-6)
    assert any("completed" in f for f in result.findings)


# ---------------------------------------------------------------------- properties

SCALE = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9]


@st.composite
def problems(draw):
    m = draw(st.integers(2, 5))
    n = draw(st.integers(1, 4))
    alts = [f"a{i}" for i in range(m)]
    crits = [f"c{j}" for j in range(n)]
    raw = draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n).filter(lambda v: sum(v) > 0))
    weights = dict(zip(crits, (np.array(raw) / sum(raw)).tolist(), strict=True))
    matrices = {
        c: {(a, b): draw(st.sampled_from(SCALE)) for a, b in itertools.combinations(alts, 2)}
        for c in crits
    }
    return weights, matrices


@given(problems(), st.sampled_from(SYNTHESIS_MODES))
def test_scores_positive_sum_to_one_and_ranks_follow_scores(problem, mode):
    weights, matrices = problem
    result = ahp_rank(weights, matrices, synthesis=mode)
    s = result.scores.to_numpy()
    assert (s > 0).all()
    np.testing.assert_allclose(s.sum(), 1.0, atol=1e-12)
    order = np.argsort(-s, kind="stable")
    assert (np.diff(result.ranks.to_numpy()[order]) >= 0).all()


@given(problems(), st.sampled_from(SYNTHESIS_MODES))
def test_all_weight_on_one_criterion_gives_its_local_priorities(problem, mode):
    weights, matrices = problem
    first = next(iter(weights))
    one_hot = {c: float(c == first) for c in weights}
    result = ahp_rank(one_hot, matrices, synthesis=mode)
    local = result.tables["local_priorities"][first].to_numpy()
    np.testing.assert_allclose(result.scores.to_numpy(), local, rtol=1e-12)


@st.composite
def consistent_problems(draw):
    """Criteria weights and, per criterion, the alternatives' generating priorities."""
    m = draw(st.integers(2, 5))
    n = draw(st.integers(1, 4))
    alts = [f"a{i}" for i in range(m)]
    raw = draw(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n))
    weights = {f"c{j}": w / sum(raw) for j, w in enumerate(raw)}
    values = st.lists(st.floats(0.05, 1.0), min_size=m, max_size=m)
    priorities = {c: dict(zip(alts, draw(values), strict=True)) for c in weights}
    return weights, priorities, draw(st.sampled_from(alts))


def _consistent(priorities: dict[str, float]) -> PairwiseMatrix:
    names = list(priorities)
    return PairwiseMatrix.from_judgements(
        {(a, b): priorities[a] / priorities[b] for a, b in itertools.combinations(names, 2)}
    )


@given(consistent_problems())
def test_ideal_mode_keeps_order_when_a_copy_is_added(problem):
    """Adding an exact copy of an alternative leaves the others' ideal-mode
    priorities, hence their order, unchanged (Belton & Gear 1983; Saaty 1994;
    Millet & Saaty 2000). Consistent judgements, so the law is exact: rtol 1e-9."""
    weights, priorities, original = problem
    before = ahp_rank(
        weights, {c: _consistent(p) for c, p in priorities.items()}, synthesis="ideal"
    )
    copied = {c: _consistent({**p, "copy": p[original]}) for c, p in priorities.items()}
    after = ahp_rank(weights, copied, synthesis="ideal")
    alts = list(before.scores.index)
    raw_before = before.tables["weighted"].sum(axis=1)
    raw_after = after.tables["weighted"].sum(axis=1)
    np.testing.assert_allclose(raw_after[alts].to_numpy(), raw_before.to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(raw_after["copy"], raw_before[original], rtol=1e-9)


def test_synthesise_core_batched_equals_looped():
    rng = np.random.default_rng(7)
    local = rng.dirichlet(np.ones(5), size=3).T  # 5 alternatives x 3 criteria
    weights = rng.dirichlet(np.ones(3), size=40)
    for ideal in (False, True):
        _, _, batched = _synthesise(local, weights, ideal)
        looped = np.stack([_synthesise(local, w, ideal)[2] for w in weights])
        np.testing.assert_allclose(batched, looped, rtol=1e-14)


# ---------------------------------------------------------------------- errors


def _two():
    return {"x": {("p", "q"): 2}, "y": {("p", "q"): 3}}


def test_error_criterion_without_matrix():
    with pytest.raises(HierarchyError, match=r"criteria \['z'\] have no pairwise matrix"):
        ahp_rank({"x": 0.4, "y": 0.4, "z": 0.2}, _two())


def test_error_matrix_for_unknown_criterion():
    with pytest.raises(
        UnknownNameError, match=r"alternative_judgements name \['y'\], which are not"
    ):
        ahp_rank({"x": 1.0}, _two())


def test_error_matrices_with_different_alternatives():
    judged = {"x": {("p", "q"): 2}, "y": {("p", "r"): 3}}
    with pytest.raises(
        HierarchyError,
        match=r"under criterion 'y' compares \['p', 'r'\].*missing \['q'\], extra \['r'\]",
    ):
        ahp_rank({"x": 0.5, "y": 0.5}, judged)


def test_error_invalid_alternative_matrix_names_the_criterion():
    bad = pd.DataFrame([[1, 3], [0.5, 1]], index=["p", "q"], columns=["p", "q"])
    with pytest.raises(ReciprocityError, match="alternatives under criterion 'y'"):
        ahp_rank({"x": 0.5, "y": 0.5}, {"x": {("p", "q"): 2}, "y": bad})


def test_error_unknown_synthesis():
    with pytest.raises(ArgumentError, match=r"synthesis must be one of .*\(got 'mean'\)"):
        ahp_rank({"x": 0.5, "y": 0.5}, _two(), synthesis="mean")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        ("method", "power", ArgumentError),
        ("ri_table", "nope", ArgumentError),
        ("completion", "zero", ArgumentError),
        ("threshold", -1, ArgumentError),
    ],
)
def test_error_unknown_options(option, value, error):
    with pytest.raises(error, match=f"{option} must be"):
        ahp_rank({"x": 0.5, "y": 0.5}, _two(), **{option: value})


def test_error_criteria_weights_not_summing_to_one():
    with pytest.raises(WeightsError, match=r"weights must sum to 1 \(got 0.9 for 2 criteria\)"):
        ahp_rank({"x": 0.5, "y": 0.4}, _two())
    with pytest.raises(WeightsError, match="must not be negative: 'x'"):
        ahp_rank({"x": -0.5, "y": 1.5}, _two())


def test_error_criteria_weights_of_the_wrong_type():
    with pytest.raises(HierarchyError, match=r"criteria_weights must be .*\(got list\)"):
        ahp_rank([0.5, 0.5], _two())  # type: ignore[arg-type]


def test_error_alternative_judgements_not_a_mapping():
    with pytest.raises(
        HierarchyError, match=r"alternative_judgements must be a mapping .*\(got list\)"
    ):
        ahp_rank({"x": 1.0}, [{("p", "q"): 2}])  # type: ignore[arg-type]


def test_error_hierarchy_leaf_without_matrix():
    root = Node("goal", ["x", "y"], judgements={("x", "y"): 2})
    with pytest.raises(HierarchyError, match=r"criteria \['y'\]"):
        ahp_rank(hierarchy_weights(root), {"x": {("p", "q"): 2}})
