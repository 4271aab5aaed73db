"""rank_reversal_checks: a hand-derived TOPSIS reversal, pymcdm as oracle, laws, errors."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm.methods import TOPSIS as PymcdmTOPSIS
from pymcdm.normalizations import vector_normalization

from pathchoice import (
    MethodError,
    Model,
    PathchoiceError,
    RankingResult,
    UnknownNameError,
    WeightsError,
)
from pathchoice.results import rank_scores
from pathchoice.sensitivity.reversal import CHECKS, RankReversalResult, rank_reversal_checks
from pathchoice.study.datasets import china_japan

# -- helpers --------------------------------------------------------------------------------


def fixed_scale_sum(model, weights):
    """A weighted sum on fixed scales: score = sum_j w_j * s_j * x_ij (s = +1 benefit, -1
    cost). No normalisation depends on the set of alternatives, so it satisfies independence
    of irrelevant alternatives: the law the checks must find."""
    w = np.asarray(weights, dtype=float)
    scores = (model.matrix * model.types) @ w
    index = pd.Index(model.alternatives, name="alternative")
    return RankingResult(
        method="fixed_scale_sum",
        scores=pd.Series(scores, index=index, name="score"),
        ranks=pd.Series(rank_scores(scores), index=index, name="rank"),
        weights=pd.Series(w, index=pd.Index(model.criterion_names)),
    )


@st.composite
def problems(draw, min_alternatives=2, max_alternatives=6, max_criteria=4):
    m = draw(st.integers(min_alternatives, max_alternatives))
    n = draw(st.integers(1, max_criteria))
    values = draw(
        arrays(np.float64, (m, n), elements=st.integers(1, 9).map(float))
    )  # small integers: ties and zero ranges happen
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    raw = draw(arrays(np.float64, n, elements=st.integers(0, 10).map(float)))
    assume(raw.sum() > 0)
    model = Model(
        [f"A{i + 1}" for i in range(m)],
        [f"c{j + 1}" for j in range(n)],
        values,
        directions=directions,
    )
    return model, raw / raw.sum()


# -- a worked TOPSIS reversal (hand-derived) ------------------------------------------------

GC_MODEL = Model(["A1", "A2", "A3", "A4"], ["x", "y"], [[6, 3], [9, 1], [8, 6], [3, 7]])


def test_topsis_reversal_when_the_alternative_that_sets_the_ideal_is_removed():
    """TOPSIS with vector normalisation (Hwang & Yoon 1981), two benefit criteria, equal
    weights. The mechanism is the one García-Cascales & Lamata (2012) describe: the norms and
    the ideal point depend on the set. (Their own numerical example could not be retrieved
    here; this one is constructed and derived by hand.)

    With A4: norms sqrt(190) and sqrt(95); in units of 0.5/sqrt(190) the weighted matrix is
    (x, sqrt(2) y), ideal (9, 7 sqrt(2)), anti-ideal (3, sqrt(2)):
    C(A1) = sqrt(17) / (sqrt(17) + sqrt(41)) ~ 0.3917, C(A2) = 1 / (1 + sqrt(2)) ~ 0.4142,
    so A2 is above A1.
    Without A4: norms sqrt(181) and sqrt(46), ideal (9/sqrt(181), 6/sqrt(46)), anti-ideal
    (6/sqrt(181), 1/sqrt(46)) before weighting:
    C(A1) = sqrt(4/46) / (sqrt(4/46) + sqrt(9/181 + 9/46)) ~ 0.3732,
    C(A2) = sqrt(9/181) / (sqrt(9/181) + sqrt(25/46)) ~ 0.2322: A1 is above A2.
    Tolerance 1e-12 on the closeness values."""
    c_a1 = math.sqrt(17) / (math.sqrt(17) + math.sqrt(41))
    c_a2 = 1 / (1 + math.sqrt(2))
    d_a1 = math.sqrt(4 / 46) / (math.sqrt(4 / 46) + math.sqrt(9 / 181 + 9 / 46))
    d_a2 = math.sqrt(9 / 181) / (math.sqrt(9 / 181) + math.sqrt(25 / 46))
    assert c_a2 > c_a1 and d_a1 > d_a2  # the derivation itself shows the reversal

    result = rank_reversal_checks(GC_MODEL, [0.5, 0.5], checks=["remove"])
    np.testing.assert_allclose(
        result.baseline.scores[["A1", "A2"]], [c_a1, c_a2], rtol=0, atol=1e-12
    )
    removal = result.pairs[result.pairs["alternative"] == "A4"]
    assert removal[["a", "b", "change"]].values.tolist() == [["A2", "A1", "reversed"]]
    row = result.checks.set_index("alternative").loc["A4"]
    assert row["n_reversed"] == 1 and row["n_pairs"] == 3
    # the re-ranked scores are the hand-derived ones
    from pathchoice import topsis

    reduced = topsis(GC_MODEL.select(alternatives=["A1", "A2", "A3"]), [0.5, 0.5])
    np.testing.assert_allclose(reduced.scores[["A1", "A2"]], [d_a1, d_a2], rtol=0, atol=1e-12)


def test_min_max_topsis_also_reverses_here_but_a_fixed_scale_sum_does_not():
    minmax = rank_reversal_checks(GC_MODEL, [0.5, 0.5], normalization="minmax")
    assert minmax.options["normalization"] == "minmax"
    fixed = rank_reversal_checks(GC_MODEL, [0.5, 0.5], method=fixed_scale_sum)
    assert fixed.n_with_reversal == 0 and fixed.pairs.empty
    assert fixed.n_checks == 12


# -- pymcdm as the oracle -------------------------------------------------------------------


def pymcdm_reversed_pairs(matrix, weights, types, keep, extra=None):
    """Pairs (a, b) of `keep` indices with a above b on the full matrix and b above a after
    re-ranking with pymcdm's TOPSIS (vector normalisation) on rows `keep` (+ `extra`)."""
    method = PymcdmTOPSIS(normalization_function=vector_normalization)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = method(matrix, weights, types)
        rows = matrix[keep] if extra is None else np.vstack([matrix[keep], extra])
        part = method(rows, weights, types)[: len(keep)]
    pairs = set()
    for (i, a), (j, b) in itertools.combinations(enumerate(keep), 2):
        if full[a] > full[b] and part[i] < part[j]:
            pairs.add((a, b))
        elif full[b] > full[a] and part[j] < part[i]:
            pairs.add((b, a))
    return pairs


def test_every_check_agrees_with_pymcdm_topsis_on_the_china_japan_model():
    analysis = china_japan()
    model, weights = analysis.decision_model(), analysis.weights().global_weights
    result = rank_reversal_checks(model, weights, worsen=0.05)
    assert isinstance(result, RankReversalResult)
    assert len(result.checks) == 3 * model.n_alternatives
    assert (result.checks["status"] == "ok").all()
    names = list(model.alternatives)
    matrix, types = model.matrix, model.types
    w = weights[list(model.criterion_names)].to_numpy()
    spread = np.ptp(matrix, axis=0)
    reversed_pairs = result.pairs[result.pairs["change"] == "reversed"]
    assert len(reversed_pairs) > 20  # vector TOPSIS reverses often here: the test has teeth
    for i, name in enumerate(names):
        others = [j for j in range(len(names)) if j != i]
        expected = {
            "remove": pymcdm_reversed_pairs(matrix, w, types, others),
            "copy": pymcdm_reversed_pairs(matrix, w, types, list(range(len(names))), matrix[i]),
            "dominated": pymcdm_reversed_pairs(
                matrix, w, types, list(range(len(names))), matrix[i] - types * 0.05 * spread
            ),
        }
        for kind, pairs in expected.items():
            mine = reversed_pairs[
                (reversed_pairs["check"] == kind) & (reversed_pairs["alternative"] == name)
            ]
            got = {
                (names.index(a), names.index(b)) for a, b in zip(mine["a"], mine["b"], strict=True)
            }
            assert got == pairs, (kind, name)


def test_china_japan_summary_counts_are_consistent():
    analysis = china_japan()
    model, weights = analysis.decision_model(), analysis.weights().global_weights
    result = rank_reversal_checks(model, weights, method="vikor")
    summary = result.summary()
    assert list(summary.index) == list(CHECKS)
    n_checks = len(CHECKS) * model.n_alternatives  # one check of each kind per alternative
    assert summary["n_checks"].sum() == result.n_checks == n_checks
    assert summary["n_with_reversal"].sum() == result.n_with_reversal
    assert summary["n_reversed_pairs"].sum() == (result.pairs["change"] == "reversed").sum()
    assert result.to_frame().equals(result.checks)
    assert "rank-reversal checks (vikor)" in str(result)
    assert result.reversal_share == result.n_with_reversal / n_checks


# -- laws (hypothesis) ----------------------------------------------------------------------


@given(problem=problems(min_alternatives=3))
def test_a_fixed_scale_sum_never_reverses_on_removal(problem):
    model, weights = problem
    result = rank_reversal_checks(model, weights, method=fixed_scale_sum, checks=["remove"])
    assert result.n_checks == model.n_alternatives
    assert result.pairs.empty, result.pairs


@given(problem=problems())
def test_a_fixed_scale_sum_never_reverses_on_an_exact_copy(problem):
    model, weights = problem
    result = rank_reversal_checks(model, weights, method=fixed_scale_sum, checks=["copy"])
    assert result.pairs.empty, result.pairs
    assert (result.checks["added_vs_original"] == "tied").all()


@given(problem=problems(), worsen=st.sampled_from([0.01, 0.05, 0.5, 1.0]))
@pytest.mark.parametrize(
    ("method", "options"),
    [("topsis", {}), ("topsis", {"normalization": "minmax"}), (fixed_scale_sum, {})],
)
def test_a_dominated_variant_never_ranks_above_its_original(problem, worsen, method, options):
    model, weights = problem
    result = rank_reversal_checks(
        model, weights, method=method, checks=["dominated"], worsen=worsen, **options
    )
    checks = result.checks
    assert (checks["status"] == "ok").all()
    assert (checks["added_rank"] >= checks["original_rank"]).all()
    assert (checks["added_vs_original"] != "above").all()


@given(problem=problems(min_alternatives=3))
def test_pairs_and_counts_agree(problem):
    model, weights = problem
    result = rank_reversal_checks(model, weights)
    counts = result.pairs.groupby(["check", "alternative", "change"]).size()
    for _, row in result.checks.iterrows():
        for change in ("reversed", "tied", "untied"):
            expected = counts.get((row["check"], row["alternative"], change), 0)
            assert row[f"n_{change}"] == expected
    # a removed alternative never appears in its own check's pairs
    removed = result.pairs[result.pairs["check"] == "remove"]
    assert not (
        (removed["a"] == removed["alternative"]) | (removed["b"] == removed["alternative"])
    ).any()


def test_dominated_variant_values_follow_the_documented_rule():
    model = Model(
        ["A", "B", "C"], ["gain", "cost", "flat"], [[1, 10, 5], [3, 20, 5], [5, 30, 5]],
        directions={"cost": "cost"},
    )  # fmt: skip
    result = rank_reversal_checks(
        model, [0.5, 0.3, 0.2], method=fixed_scale_sum, checks=["dominated"], worsen=0.25
    )
    # gain range 4 -> -1; cost range 20 -> +5; the flat criterion stays: B' = (2, 25, 5)
    b = result.checks.set_index("alternative").loc["B"]
    assert b["added"] == "B (dominated)"
    expected_score = 0.5 * 2 - 0.3 * 25 + 0.2 * 5
    scores = np.array([0.5 * 1 - 3 + 1, 0.5 * 3 - 6 + 1, 0.5 * 5 - 9 + 1, expected_score])
    assert b["added_rank"] == rank_scores(scores)[-1]


def test_names_of_added_alternatives_do_not_collide():
    model = Model(["A", "A (copy)"], ["x"], [[1.0], [2.0]])
    result = rank_reversal_checks(model, [1.0], checks=["copy"])
    assert result.checks["added"].tolist() == ["A (copy 2)", "A (copy) (copy)"]


def test_removal_from_two_alternatives_is_skipped_not_failed():
    model = Model(["A", "B"], ["x"], [[1.0], [2.0]])
    result = rank_reversal_checks(model, [1.0], checks=["remove"])
    assert result.checks["status"].tolist() == ["skipped", "skipped"]
    assert result.n_checks == 0 and np.isnan(result.reversal_share)


def test_a_check_the_method_refuses_is_reported_as_failed():
    # without A3 the criterion y is constant, which pymcdm's VIKOR cannot normalise
    model = Model(["A1", "A2", "A3", "A4"], ["x", "y"], [[1, 2], [3, 2], [2, 5], [4, 2]])
    result = rank_reversal_checks(model, [0.5, 0.5], method="vikor", checks=["remove"])
    row = result.checks.set_index("alternative").loc["A3"]
    assert row["status"] == "failed"
    assert "['y']" in row["message"] and "same value" in row["message"]
    failed = result.checks[result.checks["status"] == "failed"]
    assert (failed["message"] != "").all() and (failed["n_pairs"] == 0).all()
    assert result.n_checks == (result.checks["status"] == "ok").sum() >= 1


def test_ties_that_form_or_break_are_listed_but_not_counted_as_reversals():
    def scripted(model, weights):
        # A above B above C normally; when D is present A and B tie
        values = {"A": 3.0, "B": 2.0, "C": 1.0, "D": 0.0}
        if "D" not in model.alternatives:
            values["B"] = 3.0
        scores = np.array([values[a] for a in model.alternatives])
        index = pd.Index(model.alternatives, name="alternative")
        return RankingResult(
            "scripted",
            pd.Series(scores, index=index),
            pd.Series(rank_scores(scores), index=index),
            pd.Series(weights, index=pd.Index(model.criterion_names)),
        )

    model = Model(list("ABCD"), ["x"], [[1.0], [2.0], [3.0], [4.0]])
    result = rank_reversal_checks(model, [1.0], method=scripted, checks=["remove"])
    d = result.pairs[result.pairs["alternative"] == "D"]
    assert d[["a", "b", "change"]].values.tolist() == [["A", "B", "tied"]]
    assert result.n_with_reversal == 0


# -- errors ---------------------------------------------------------------------------------


def test_unknown_method_is_named():
    with pytest.raises(MethodError, match=r"unknown ranking method 'nope'"):
        rank_reversal_checks(GC_MODEL, [0.5, 0.5], method="nope")


def test_option_the_method_does_not_take_is_named():
    with pytest.raises(MethodError, match=r"does not take option\(s\) \['v'\]"):
        rank_reversal_checks(GC_MODEL, [0.5, 0.5], v=0.5)


@pytest.mark.parametrize(
    ("checks", "match"), [(["remove", "swap"], r"\['swap'\]"), ([], "at least one")]
)
def test_unknown_check_is_named(checks, match):
    with pytest.raises(UnknownNameError, match=match):
        rank_reversal_checks(GC_MODEL, [0.5, 0.5], checks=checks)


@pytest.mark.parametrize("worsen", [0, -0.1, 1.5, float("nan"), "a lot"])
def test_worsen_outside_the_unit_interval_is_named(worsen):
    with pytest.raises(PathchoiceError, match=r"rank_reversal_checks: worsen must be"):
        rank_reversal_checks(GC_MODEL, [0.5, 0.5], worsen=worsen)


def test_a_batch_of_weights_is_refused():
    with pytest.raises(WeightsError):
        rank_reversal_checks(GC_MODEL, [[0.5, 0.5], [0.2, 0.8]])


def test_result_is_frozen_with_designed_equality():
    first = rank_reversal_checks(GC_MODEL, [0.5, 0.5])
    second = rank_reversal_checks(GC_MODEL, [0.5, 0.5])
    checks = first.checks
    checks.iloc[0, 0] = "changed"
    assert first.checks.iloc[0, 0] != "changed"
    # pd.NA cells (checks' Int64 columns) compare as unequal in _frozen.values_equal, so
    # the whole results are not compared here; their parts are.
    assert first.baseline == second.baseline and hash(first) == hash(second)
    assert first.pairs.equals(second.pairs)
    with pytest.raises(AttributeError):
        first.worsen = 0.5
