"""compare_methods and consensus_ranking: published values, pymcdm as oracle, laws, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymcdm import correlations as pc
from scipy.stats import rankdata

from pathchoice import MethodError, Model, PathchoiceError, RankingResult, WeightsError
from pathchoice.exceptions import ArgumentError
from pathchoice.ranking import rank
from pathchoice.sensitivity.compare import (
    CONSENSUS_RULES,
    DEFAULT_METHODS,
    MethodComparison,
    compare_methods,
    consensus_ranking,
)
from pathchoice.study.datasets import china_japan

# -- helpers --------------------------------------------------------------------------------


def fixed_ranking(name, ranks):
    """A conforming ranking method that returns the given ranks whatever the weights."""
    ranks = np.asarray(ranks, dtype=np.int64)

    def method(model, weights):
        index = pd.Index(model.alternatives, name="alternative")
        return RankingResult(
            method=name,
            scores=pd.Series(-ranks.astype(float), index=index, name="score"),
            ranks=pd.Series(ranks, index=index, name="rank"),
            weights=pd.Series(weights, index=pd.Index(model.criterion_names)),
        )

    method.__name__ = name
    return method


def model_with(n_alternatives, n_criteria=2, seed=0):
    values = np.random.default_rng(seed).uniform(1, 9, size=(n_alternatives, n_criteria))
    return Model(
        [f"A{i + 1}" for i in range(n_alternatives)],
        [f"c{j + 1}" for j in range(n_criteria)],
        values,
    )


def equal_weights(model):
    return np.full(model.n_criteria, 1 / model.n_criteria)


@pytest.fixture(scope="module")
def cj():
    # version 1 of the China–Japan model: every default method ranks the same path first
    # there (test_china_japan_consensus_and_frame rests on that); version 2 has no such path
    analysis = china_japan(version=1)
    return analysis.decision_model(), analysis.weights().global_weights


@pytest.fixture(scope="module")
def cj_comparison(cj):
    model, weights = cj
    return compare_methods(model, weights)


# -- published values -----------------------------------------------------------------------


def test_salabun_urbaniak_2020_swap_of_the_first_two_positions():
    """Sałabun & Urbaniak (2020), ICCS 2020, LNCS 12138, 632-645: reference ranking
    (1, 2, 3, 4, 5) against (2, 1, 3, 4, 5). The paper prints r_s = 0.9 for it (the value
    pyfdm's test suite also quotes from this paper). WS and r_w are derived by hand from the
    paper's definitions (eq. for WS; Pinto da Costa & Soares 2005 for r_w), as exact
    fractions: WS = 1 - (2^-1 * 1/4 + 2^-2 * 1/3) = 19/24;
    r_w = 1 - 6 * (1 * (5 + 4) + 1 * (4 + 5)) / (5^4 + 5^3 - 5^2 - 5) = 1 - 108/720 = 0.85.
    Tolerance 1e-12 (exact arithmetic up to rounding)."""
    model = model_with(5)
    reference = fixed_ranking("reference", [1, 2, 3, 4, 5])
    tested = fixed_ranking("tested", [2, 1, 3, 4, 5])
    result = compare_methods(model, equal_weights(model), methods=[reference, tested])
    np.testing.assert_allclose(result.spearman.loc["reference", "tested"], 0.9, atol=1e-12)
    np.testing.assert_allclose(result.ws_similarity.loc["reference", "tested"], 19 / 24, atol=1e-12)
    np.testing.assert_allclose(
        result.weighted_spearman.loc["reference", "tested"], 0.85, atol=1e-12
    )


def test_salabun_urbaniak_2020_ws_weighs_the_top_more_than_the_bottom():
    """Sałabun & Urbaniak (2020): the point of WS is that a swap at the top of the reference
    ranking costs more than the same swap at the bottom, where r_s cannot tell them apart.
    Swap of the last two positions by hand: WS = 1 - (2^-4 * 1/3 + 2^-5 * 1/4) = 1 - 11/384;
    r_w = 1 - 6 * (1 * (2 + 1) + 1 * (1 + 2)) / 720 = 0.95."""
    model = model_with(5)
    reference = fixed_ranking("reference", [1, 2, 3, 4, 5])
    top = fixed_ranking("top", [2, 1, 3, 4, 5])
    bottom = fixed_ranking("bottom", [1, 2, 3, 5, 4])
    result = compare_methods(model, equal_weights(model), methods=[reference, top, bottom])
    np.testing.assert_allclose(result.spearman.loc["reference", ["top", "bottom"]], [0.9, 0.9])
    np.testing.assert_allclose(
        result.ws_similarity.loc["reference", "bottom"], 1 - 11 / 384, atol=1e-12
    )
    np.testing.assert_allclose(
        result.weighted_spearman.loc["reference", "bottom"], 0.95, atol=1e-12
    )
    assert (
        result.ws_similarity.loc["reference", "top"]
        < result.ws_similarity.loc["reference", "bottom"]
    )


def test_paradowski_baczkiewicz_watrobski_2021_printed_rw_and_ws():
    """Paradowski, Bączkiewicz & Wątróbski (2021), Towards proper consumer choices - MCDM
    based product selection, Procedia Computer Science 192, 1347-1358: two rankings of 12
    products with r_w = 0.96 and WS = 0.90 printed to two decimals (the values pyfdm's test
    suite quotes). Tolerance 0.005 (printed to 2 places)."""
    x = [7, 11, 2, 1, 4, 9, 6, 3, 5, 10, 8, 12]
    y = [7, 11, 3, 2, 4, 9, 6, 1, 5, 10, 8, 12]
    model = model_with(12)
    result = compare_methods(
        model, equal_weights(model), methods=[fixed_ranking("x", x), fixed_ranking("y", y)]
    )
    np.testing.assert_allclose(result.weighted_spearman.loc["x", "y"], 0.96, atol=0.005)
    np.testing.assert_allclose(result.ws_similarity.loc["x", "y"], 0.90, atol=0.005)


# The "Tennessee capital" election (Wikipedia, "Borda count" and "Copeland's method"):
# 42 voters Memphis > Nashville > Chattanooga > Knoxville, 26 Nashville > Chattanooga >
# Knoxville > Memphis, 15 Chattanooga > Knoxville > Nashville > Memphis, 17 Knoxville >
# Chattanooga > Nashville > Memphis.
TENNESSEE_CITIES = ["Memphis", "Nashville", "Chattanooga", "Knoxville"]
TENNESSEE_BALLOTS = [  # ranks of (Memphis, Nashville, Chattanooga, Knoxville), voters
    ([1, 2, 3, 4], 42),
    ([4, 1, 2, 3], 26),
    ([4, 3, 1, 2], 15),
    ([4, 3, 2, 1], 17),
]


def tennessee_table():
    columns = np.repeat(
        np.array([r for r, _ in TENNESSEE_BALLOTS]), [n for _, n in TENNESSEE_BALLOTS], axis=0
    )
    return pd.DataFrame(columns.T, index=TENNESSEE_CITIES)


def test_borda_tennessee_published_points():
    """Borda count, Tennessee example (Wikipedia "Borda count", after de Borda 1781):
    Memphis 126, Nashville 194, Chattanooga 173, Knoxville 107 points (m - position per
    ballot); Nashville wins. Exact."""
    result = consensus_ranking(tennessee_table(), rule="borda")
    np.testing.assert_allclose(result["score"], [126, 194, 173, 107], atol=0)
    assert result["rank"].tolist() == [3, 1, 2, 4]


def test_copeland_tennessee_published_wins_minus_losses():
    """Copeland's method, Tennessee example (Wikipedia "Copeland's method", after Copeland
    1951): net pairwise wins Memphis -3, Nashville 3, Chattanooga 1, Knoxville -1; Nashville
    is the Condorcet and Copeland winner. Exact."""
    result = consensus_ranking(tennessee_table(), rule="copeland")
    assert result["score"].tolist() == [-3, 3, 1, -1]
    assert result["rank"].tolist() == [4, 1, 2, 3]


def test_copeland_condorcet_cycle_is_a_three_way_tie():
    """Condorcet's paradox (three voters A>B>C, B>C>A, C>A>B): every candidate wins one
    majority contest and loses one, Copeland score 0 each (Saari & Merlin 1996 discuss the
    ties Copeland leaves in cycles); the tie rule gives all rank 1. Borda is tied too
    (3 points each)."""
    table = pd.DataFrame({"v1": [1, 2, 3], "v2": [3, 1, 2], "v3": [2, 3, 1]}, index=list("ABC"))
    copeland = consensus_ranking(table)
    assert copeland["score"].tolist() == [0, 0, 0]
    assert copeland["rank"].tolist() == [1, 1, 1]
    borda = consensus_ranking(table, rule="borda")
    np.testing.assert_allclose(borda["score"], [3, 3, 3])


# -- pymcdm as the oracle -------------------------------------------------------------------


def test_similarity_tables_equal_pymcdm_called_directly(cj_comparison):
    ranks = cj_comparison.ranks
    for name, fn in [
        ("spearman", pc.spearman),
        ("weighted_spearman", pc.weighted_spearman),
        ("ws_similarity", pc.rank_similarity_coef),
    ]:
        table = getattr(cj_comparison, name)
        expected = np.array(
            [[fn(ranks[a].to_numpy(float), ranks[b].to_numpy(float)) for b in ranks] for a in ranks]
        )
        np.testing.assert_array_equal(table.to_numpy(), expected, err_msg=name)
    # the aliases are the same functions
    a, b = ranks.columns[:2]
    assert cj_comparison.ws_similarity.loc[a, b] == pc.ws(ranks[a], ranks[b])


def test_ws_table_row_is_the_reference(cj_comparison):
    ranks = cj_comparison.ranks
    ws = cj_comparison.ws_similarity
    asymmetric = [
        (a, b) for a in ranks for b in ranks if not np.isclose(ws.loc[a, b], ws.loc[b, a])
    ]
    assert asymmetric, "WS is asymmetric on the China–Japan model"
    a, b = asymmetric[0]
    assert ws.loc[a, b] == pc.rank_similarity_coef(ranks[a].to_numpy(), ranks[b].to_numpy())
    np.testing.assert_array_equal(cj_comparison.spearman, cj_comparison.spearman.T)
    np.testing.assert_array_equal(
        cj_comparison.weighted_spearman, cj_comparison.weighted_spearman.T
    )


def test_rank_and_score_tables_equal_each_method_run_alone(cj, cj_comparison):
    model, weights = cj
    assert cj_comparison.methods == DEFAULT_METHODS
    assert len(DEFAULT_METHODS) >= 7 and DEFAULT_METHODS[0] == "topsis"
    for method in DEFAULT_METHODS:
        alone = rank(model, weights, method)
        np.testing.assert_array_equal(cj_comparison.ranks[method], alone.ranks)
        np.testing.assert_array_equal(cj_comparison.scores[method], alone.scores)
        assert cj_comparison.higher_is_better[method] == alone.higher_is_better
    assert all(np.issubdtype(d, np.integer) for d in cj_comparison.ranks.dtypes)


def test_china_japan_consensus_and_frame(cj, cj_comparison):
    model, _ = cj
    # every default method ranks the same path first, so both consensus rules must too
    assert cj_comparison.best.nunique() == 1
    top = cj_comparison.best.iloc[0]
    assert cj_comparison.consensus[top] == 1
    frame = cj_comparison.to_frame()
    assert frame.shape == (model.n_alternatives, len(DEFAULT_METHODS) + 1)
    assert list(frame.columns) == [*DEFAULT_METHODS, "consensus"]
    assert isinstance(cj_comparison, MethodComparison)
    assert "copeland consensus" in str(cj_comparison)


def test_borda_consensus_on_the_comparison_equals_consensus_ranking(cj):
    model, weights = cj
    result = compare_methods(model, weights, methods=["topsis", "vikor", "wsm"], consensus="borda")
    expected = consensus_ranking(result.ranks, rule="borda")
    np.testing.assert_array_equal(result.consensus_scores, expected["score"])
    np.testing.assert_array_equal(result.consensus, expected["rank"])
    assert result.consensus_rule == "borda"


def test_options_reach_their_method(cj):
    model, weights = cj
    result = compare_methods(
        model, weights, methods=["topsis", "vikor"], options={"vikor": {"v": 0.9}}
    )
    assert result.options["vikor"]["v"] == 0.9
    np.testing.assert_array_equal(result.ranks["vikor"], rank(model, weights, "vikor", v=0.9).ranks)


# -- laws (hypothesis) ----------------------------------------------------------------------


@st.composite
def rankings(draw, min_alternatives=2, max_alternatives=8, min_rankings=1, max_rankings=6):
    """(m, k) integer "min" ranks with ties allowed."""
    m = draw(st.integers(min_alternatives, max_alternatives))
    k = draw(st.integers(min_rankings, max_rankings))
    raw = draw(
        st.lists(st.lists(st.integers(0, m), min_size=m, max_size=m), min_size=k, max_size=k)
    )
    return np.column_stack([rankdata(r, method="min").astype(int) for r in raw])


@given(table=rankings(min_rankings=1, max_rankings=1), copies=st.integers(1, 4))
def test_consensus_of_identical_rankings_is_that_ranking(table, copies):
    """Copeland and Borda give the ranking back, ties included; Kemeny-Young gives a
    strict order that keeps every strict preference of it (a linear extension)."""
    repeated = np.repeat(table, copies, axis=1)
    for rule in ("copeland", "borda"):
        result = consensus_ranking(repeated, rule=rule)
        np.testing.assert_array_equal(result["rank"], table[:, 0], err_msg=rule)
    kemeny = consensus_ranking(repeated, rule="kemeny")["rank"].to_numpy()
    assert sorted(kemeny) == list(range(1, len(kemeny) + 1))
    above = table[:, 0][:, None] < table[:, 0][None, :]
    assert (kemeny[:, None] < kemeny[None, :])[above].all()


@given(table=rankings())
def test_consensus_respects_unanimity(table):
    """If every ranking puts a strictly above b, the consensus never puts b above a."""
    for rule in CONSENSUS_RULES:
        consensus = consensus_ranking(table, rule=rule)["rank"].to_numpy()
        above = (table[:, None, :] < table[None, :, :]).all(axis=2)
        a, b = np.nonzero(above)
        assert (consensus[a] <= consensus[b]).all(), rule


@given(table=rankings())
def test_borda_hands_out_the_same_points_per_ranking(table):
    m, k = table.shape
    result = consensus_ranking(table, rule="borda")
    np.testing.assert_allclose(result["score"].sum(), k * m * (m - 1) / 2)


@given(table=rankings(min_rankings=1, max_rankings=1), seed=st.integers(0, 2**16))
def test_a_method_compared_with_itself_has_similarity_one(table, seed):
    ranks = table[:, 0]
    m = len(ranks)
    model = model_with(m, seed=seed)
    same = [fixed_ranking("a", ranks), fixed_ranking("b", ranks)]
    result = compare_methods(model, equal_weights(model), methods=same)
    np.testing.assert_allclose(result.weighted_spearman.to_numpy(), 1.0, atol=1e-12)
    np.testing.assert_allclose(result.ws_similarity.to_numpy(), 1.0, atol=1e-12)
    if np.ptp(ranks) > 0:
        np.testing.assert_allclose(result.spearman.to_numpy(), 1.0, atol=1e-12)
        assert result.findings == ()
    else:
        assert np.isnan(result.spearman.to_numpy()).all()
        assert "undefined" in result.findings[0]
    np.testing.assert_array_equal(result.consensus, ranks)


def test_real_methods_compared_with_themselves(cj):
    from pathchoice.ranking import pymcdm_method

    model, weights = cj
    result = compare_methods(
        model, weights, methods=["vikor", pymcdm_method("vikor", name="vikor_again")]
    )
    for table in (result.spearman, result.weighted_spearman, result.ws_similarity):
        np.testing.assert_allclose(table.to_numpy(), 1.0, atol=1e-12)


# -- errors ---------------------------------------------------------------------------------


@pytest.fixture
def small():
    return model_with(4, 3)


def test_unknown_method_is_named(small):
    with pytest.raises(MethodError, match=r"unknown ranking method 'electre_42'"):
        compare_methods(small, equal_weights(small), methods=["topsis", "electre_42"])


@pytest.mark.parametrize("methods", [["topsis"], [], "topsis"])
def test_fewer_than_two_methods(small, methods):
    with pytest.raises(MethodError, match=r"at least two methods|single method 'topsis'"):
        compare_methods(small, equal_weights(small), methods=methods)


def test_repeated_method_is_named(small):
    with pytest.raises(MethodError, match=r"repeated: \['vikor'\]"):
        compare_methods(small, equal_weights(small), methods=["vikor", "topsis", "vikor"])


def test_method_entry_of_the_wrong_type_is_named(small):
    with pytest.raises(MethodError, match=r"got int: 3"):
        compare_methods(small, equal_weights(small), methods=["topsis", 3])


def test_bad_consensus_rule_is_named(small):
    with pytest.raises(ArgumentError, match=r"consensus must be one of 'copeland', 'borda', "):
        compare_methods(small, equal_weights(small), methods=["topsis", "wsm"], consensus="mean")
    with pytest.raises(ArgumentError, match=r"rule must be one of .* \(got 'majority'\)"):
        consensus_ranking([[1, 2], [2, 1]], rule="majority")


def test_options_for_a_method_not_compared(small):
    with pytest.raises(MethodError, match=r"options: given for method\(s\) \['vikor'\]"):
        compare_methods(
            small, equal_weights(small), methods=["topsis", "wsm"], options={"vikor": {"v": 1}}
        )


def test_option_a_method_does_not_take(small):
    with pytest.raises(MethodError, match=r"method 'topsis' does not take option\(s\) \['v'\]"):
        compare_methods(
            small, equal_weights(small), methods=["topsis", "vikor"], options={"topsis": {"v": 1}}
        )


def test_a_batch_of_weights_is_refused(small):
    with pytest.raises(WeightsError):
        compare_methods(small, np.tile(equal_weights(small), (2, 1)), methods=["topsis", "wsm"])


@pytest.mark.parametrize(
    ("ranks", "match"),
    [
        ([1, 2, 3], r"2-D table .* got shape \(3,\)"),
        ([[0, 1], [1, 2]], r">= 1"),
        ([[1, np.nan], [2, 1]], r"finite"),
        ([["a", "b"], ["c", "d"]], r"must be numbers"),
    ],
)
def test_consensus_ranking_refuses_malformed_ranks(ranks, match):
    with pytest.raises(PathchoiceError, match=match):
        consensus_ranking(ranks)


# -- rank statistics, Kemeny consensus, methods that cannot take the problem ---------------


def test_kemeny_young_tennessee_published_ranking():
    """Kemeny-Young method, Tennessee example (Wikipedia "Kemeny–Young method", after
    Kemeny 1959 and Young & Levenglick 1978): the Kemeny ranking is Nashville >
    Chattanooga > Knoxville > Memphis, with the highest ranking score, 393 (pairwise
    agreements summed over the 100 voters). With no ties, the Kemeny distance of that
    order to the ballots is 2 * (100 * 6 - 393) = 414. Exact."""
    from pathchoice.ranking import kemeny_young

    result = consensus_ranking(tennessee_table(), rule="kemeny")
    assert result["rank"].tolist() == [4, 1, 2, 3]
    positions, distance, exact = kemeny_young(tennessee_table().to_numpy().T)
    assert positions.tolist() == [4, 1, 2, 3] and distance == 414 and exact


def test_comparison_tables_for_kendall_and_kemeny(cj_comparison):
    """Kendall's tau equals scipy.stats.kendalltau (tau-b) pair by pair; the Kemeny
    distance equals its definition summed over pairs (Kemeny & Snell 1962)."""
    from scipy.stats import kendalltau

    ranks = cj_comparison.ranks
    for a in ranks.columns:
        for b in ranks.columns:
            x, y = ranks[a].to_numpy(), ranks[b].to_numpy()
            expected = 1.0 if a == b else kendalltau(x, y).statistic
            np.testing.assert_allclose(cj_comparison.kendall_tau.loc[a, b], expected, atol=1e-12)
            m = len(x)
            by_pairs = sum(
                abs(np.sign(x[i] - x[j]) - np.sign(y[i] - y[j]))
                for i in range(m)
                for j in range(i + 1, m)
            )
            assert cj_comparison.kemeny_distance.loc[a, b] == by_pairs


def test_comparison_is_frozen_with_designed_equality(small):
    first = compare_methods(small, equal_weights(small), methods=["topsis", "vikor"])
    second = compare_methods(small, equal_weights(small), methods=["topsis", "vikor"])
    table = first.ranks
    table.iloc[0, 0] = 99
    assert first.ranks.iloc[0, 0] != 99
    assert first == second and hash(first) == hash(second)
    with pytest.raises(AttributeError):
        first.consensus_rule = "borda"


def _degenerate_models():
    rng = np.random.default_rng(4)
    values = rng.uniform(1, 9, size=(4, 3))
    names = ["A", "B", "C", "D"]
    return {
        "benefit-only": Model(names, ["x", "y", "z"], values),
        "cost-only": Model(names, ["x", "y", "z"], values, directions="cost"),
        "two alternatives": Model(
            ["A", "B"], ["x", "y", "z"], values[:2], directions=["benefit", "cost", "benefit"]
        ),
        "one criterion": Model(names, ["x"], values[:, :1]),
    }


@pytest.mark.parametrize("kind", ["benefit-only", "cost-only", "two alternatives", "one criterion"])
@pytest.mark.parametrize("rule", CONSENSUS_RULES)
def test_default_methods_work_on_every_valid_model(kind, rule):
    """Issue 9, class 3: the default set runs on benefit-only, cost-only, two-alternative
    and one-criterion models; a method that cannot take the model (COPRAS without a cost
    criterion, ...) is left out with a finding naming it and why."""
    model = _degenerate_models()[kind]
    result = compare_methods(model, equal_weights(model), consensus=rule)
    assert set(result.methods) | set(result.left_out) == set(DEFAULT_METHODS)
    assert len(result.methods) >= 2 and "topsis" in result.methods
    for name, reason in result.left_out.items():
        assert any(f.startswith(f"{name} was left out") and reason in f for f in result.findings)
    assert result.consensus.notna().all()


def test_copras_is_left_out_of_a_benefit_only_model_and_named():
    model = _degenerate_models()["benefit-only"]
    result = compare_methods(model, equal_weights(model))
    assert "copras" in result.left_out and "cost criterion" in result.left_out["copras"]
    assert "copras" not in result.ranks.columns


def test_an_option_error_is_still_an_error(small):
    with pytest.raises(MethodError, match="pymcdm rejected the options"):
        compare_methods(
            small, equal_weights(small), methods=["topsis", "vikor"], options={"vikor": {"v": 2}}
        )
