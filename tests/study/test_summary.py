"""robustness_summary: the text says what the facts say, facts equal the analyses, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pathchoice import MethodError, Model, PathchoiceError, RankingResult, UnknownNameError
from pathchoice.results import rank_scores
from pathchoice.sensitivity.compare import compare_methods
from pathchoice.sensitivity.reversal import rank_reversal_checks
from pathchoice.study.datasets import china_japan
from pathchoice.study.summary import (
    SECTIONS,
    RobustnessSummary,
    robustness_summary,
)
from pathchoice.study.summary._prose import ordinal as _ordinal

OFFLINE = ["methods", "reversal"]  # sections that need only compare.py and reversal.py


@pytest.fixture(scope="module")
def cj():
    analysis = china_japan()
    return analysis.decision_model(), analysis.weights().global_weights


@pytest.fixture(scope="module")
def cj_partial(cj):
    model, weights = cj
    return robustness_summary(model, weights, sections=OFFLINE)


def fixed_scale_sum(model, weights):
    w = np.asarray(weights, dtype=float)
    scores = (model.matrix * model.types) @ w
    index = pd.Index(model.alternatives, name="alternative")
    return RankingResult(
        method="fixed_scale_sum",
        scores=pd.Series(scores, index=index),
        ranks=pd.Series(rank_scores(scores), index=index),
        weights=pd.Series(w, index=pd.Index(model.criterion_names)),
    )


def test_ranking_paragraph_names_the_top_and_its_score(cj, cj_partial):
    model, weights = cj
    facts = cj_partial.facts["ranking"]
    from pathchoice.ranking import topsis

    baseline = topsis(model, weights)
    assert cj_partial.top == baseline.best == facts["top"]
    assert facts["top_score"] == baseline.scores[baseline.best]
    text = cj_partial.sentences["ranking"]
    assert f"'{facts['top']}'" in text
    assert f"{facts['top_score']:.3f}" in text and f"{facts['runner_up_score']:.3f}" in text
    assert f"'{facts['runner_up']}'" in text
    assert cj_partial.text.startswith(text)


def test_methods_paragraph_numbers_equal_the_comparison(cj, cj_partial):
    model, weights = cj
    comparison = compare_methods(model, weights)
    facts = cj_partial.facts["methods"]
    top = cj_partial.top
    assert facts["ranks"] == comparison.ranks.loc[top].to_dict()
    assert facts["n_first"] == int((comparison.ranks.loc[top] == 1).sum())
    rs = comparison.spearman.loc["topsis"].drop("topsis")
    assert facts["mean_spearman"] == rs.mean()
    assert facts["lowest_spearman"] == rs.min()
    text = cj_partial.sentences["methods"]
    assert f"{facts['mean_spearman']:.2f}" in text and f"{facts['lowest_spearman']:.2f}" in text
    assert f"ranks it {_ordinal(facts['consensus_rank'])}" in text
    pd.testing.assert_frame_equal(cj_partial.comparison.ranks, comparison.ranks)


def test_reversal_paragraph_numbers_equal_the_checks(cj, cj_partial):
    model, weights = cj
    checks = rank_reversal_checks(model, weights)
    facts = cj_partial.facts["reversal"]
    assert facts["n_checks"] == checks.n_checks
    assert facts["n_with_reversal"] == checks.n_with_reversal
    text = cj_partial.sentences["reversal"]
    assert f"In {checks.n_with_reversal} of {checks.n_checks} rank-reversal checks" in text
    a, b = facts["example_pair"]
    assert f"'{a}' and '{b}'" in text
    example = checks.pairs[
        (checks.pairs["check"] == facts["example_check"])
        & (checks.pairs["alternative"] == facts["example_alternative"])
        & (checks.pairs["a"] == a)
        & (checks.pairs["b"] == b)
    ]
    assert example["change"].tolist() == ["reversed"]


def test_sections_are_in_order_and_frame_is_long_form(cj_partial):
    assert list(cj_partial.sentences) == ["ranking", *OFFLINE]
    assert list(cj_partial.facts) == list(cj_partial.sentences)
    assert cj_partial.text == "\n\n".join(cj_partial.sentences.values())
    assert str(cj_partial) == cj_partial.text
    frame = cj_partial.to_frame()
    assert list(frame.columns) == ["section", "fact", "value"]
    flat = frame.set_index(["section", "fact"])["value"]
    assert flat["methods", "ranks.vikor"] == cj_partial.facts["methods"]["ranks"]["vikor"]
    assert isinstance(cj_partial, RobustnessSummary)
    assert cj_partial.smaa is None and cj_partial.thresholds is None


def test_same_inputs_same_text(cj, cj_partial):
    model, weights = cj
    again = robustness_summary(model, weights, sections=OFFLINE)
    assert again.text == cj_partial.text


def test_a_top_not_shared_by_every_method_is_spelled_out():
    model = Model(
        ["A", "B", "C", "D"],
        ["cost", "quality", "reach"],
        [[250, 7, 3], [200, 5, 4], [300, 9, 6], [275, 6, 5]],
        directions={"cost": "cost"},
    )
    summary = robustness_summary(
        model, [0.3, 0.4, 0.3], method="wsm", methods=["topsis", "vikor"], sections=["methods"]
    )
    facts = summary.facts["methods"]
    assert summary.comparison.methods == ("wsm", "topsis", "vikor")  # the summarised method first
    for method, position in facts["ranks"].items():
        if position != 1:
            label = method.upper()
            assert f"{label} ranks it {_ordinal(position)}" in summary.sentences["methods"]


def test_no_reversal_is_said_plainly():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    summary = robustness_summary(
        model, [0.5, 0.5], method=fixed_scale_sum, methods=["topsis", "wsm"], sections=OFFLINE
    )
    assert summary.facts["reversal"]["n_with_reversal"] == 0
    assert summary.sentences["reversal"].startswith("None of the 9 rank-reversal checks")
    assert summary.comparison.methods[0] == "fixed_scale_sum"


def test_method_options_reach_every_analysis(cj):
    model, weights = cj
    summary = robustness_summary(model, weights, method="vikor", v=0.7, sections=OFFLINE)
    assert summary.options["v"] == 0.7
    assert summary.comparison.options["vikor"]["v"] == 0.7
    assert summary.reversal.options["v"] == 0.7
    assert summary.sentences["ranking"].startswith("Under VIKOR")
    assert "lower is better" in summary.sentences["ranking"]


def test_ordinals():
    numbers = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112]
    assert [_ordinal(n) for n in numbers] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st",
        "111th", "112th",
    ]  # fmt: skip


# -- errors ---------------------------------------------------------------------------------


def test_unknown_section_is_named(cj):
    model, weights = cj
    with pytest.raises(UnknownNameError, match=r"unknown section\(s\) \['tornado'\]"):
        robustness_summary(model, weights, sections=["methods", "tornado"])


def test_judgements_without_a_hierarchy(cj):
    model, weights = cj
    with pytest.raises(PathchoiceError, match=r"'judgements' needs the AHP hierarchy"):
        robustness_summary(model, weights, sections=["judgements"])


def test_unknown_method_is_named(cj):
    model, weights = cj
    with pytest.raises(MethodError, match=r"unknown ranking method 'nope'"):
        robustness_summary(model, weights, method="nope", sections=OFFLINE)


def test_sections_constant():
    assert SECTIONS == (
        "ranking",
        "smaa",
        "thresholds",
        "methods",
        "reversal",
        "judgements",
        "influence",
    )


# -- thresholds paragraph -------------------------------------------------------------------


def test_thresholds_paragraph_numbers_equal_weight_thresholds(cj):
    from pathchoice.sensitivity.thresholds import weight_thresholds

    model, weights = cj
    summary = robustness_summary(model, weights, sections=["thresholds"])
    table = weight_thresholds(model, weights).criteria
    facts = summary.facts["thresholds"]
    changes = pd.concat([table["delta_up"].abs(), table["delta_down"].abs()]).dropna()
    assert facts["change"] == changes.min()
    column = "increase_to" if facts["direction"] == "increase" else "decrease_to"
    assert facts["threshold"] == table.loc[facts["criterion"], column]
    assert facts["weight"] == table.loc[facts["criterion"], "weight"]
    text = summary.sentences["thresholds"]
    assert f"'{facts['criterion']}'" in text
    assert f"{facts['threshold']:.3g} (from {facts['weight']:.3g})" in text
    assert f"'{facts['new_top']}' takes over" in text
    stable = table["increase_to"].isna() & table["decrease_to"].isna()
    assert facts["n_criteria_without_reversal"] == stable.sum()
    assert summary.thresholds is not None and summary.thresholds.top == summary.top


def test_thresholds_paragraph_when_no_weight_can_change_the_top():
    # A dominates every other path on every criterion: no weight moves it
    model = Model(["A", "B", "C"], ["x", "y"], [[9, 9], [5, 1], [1, 5]])
    summary = robustness_summary(model, [0.5, 0.5], sections=["thresholds"])
    assert summary.facts["thresholds"]["n_criteria_without_reversal"] == 2
    assert summary.sentences["thresholds"] == (
        "No change of a single criterion's weight (the others rescaled in proportion) "
        "moves 'A' from first place."
    )


# -- judgements paragraph -------------------------------------------------------------------


def test_judgements_paragraph_numbers_equal_judgement_sensitivity(cj):
    from pathchoice.sensitivity.judgements import judgement_sensitivity

    model, weights = cj
    hierarchy = china_japan().hierarchy()
    summary = robustness_summary(model, weights, hierarchy=hierarchy, sections=["judgements"])
    table = judgement_sensitivity(model, hierarchy).table
    facts = summary.facts["judgements"]
    moving = table[np.isfinite(table["min_steps"])]
    assert facts["steps"] == moving["min_steps"].min()
    assert facts["n_without_change"] == np.isinf(table["min_steps"]).sum()
    row = table[
        (table["node"] == facts["node"])
        & (table["row"] == facts["row"])
        & (table["column"] == facts["column"])
    ].iloc[0]
    side = facts["direction"]
    assert row[f"{side}_steps"] == facts["steps"]
    assert row[f"{side}_value"] == facts["new_judgement"]
    assert row[f"{side}_new_top"] == facts["new_top"]
    text = summary.sentences["judgements"]
    for name in ("row", "column", "node", "new_top"):
        assert f"'{facts[name]}'" in text
    assert "note" not in facts  # the weights are the hierarchy's own


def test_saaty_judgements_are_written_as_fractions_below_one():
    from pathchoice.study.summary._prose import judgement_text as _judgement

    assert [_judgement(v) for v in (9.0, 1.0, 0.5, 1 / 3, 1 / 9)] == ["9", "1", "1/2", "1/3", "1/9"]


# -- SMAA paragraph and the whole summary ---------------------------------------------------


@pytest.fixture(scope="module")
def cj_full(cj):
    model, weights = cj
    return robustness_summary(
        model, weights, hierarchy=china_japan().hierarchy(), n_samples=4_000, rng=2024
    )


def test_smaa_paragraph_numbers_equal_smaa(cj, cj_full):
    from pathchoice.sensitivity.smaa import smaa

    model, _ = cj
    result = smaa(model, None, n_samples=4_000, rng=2024)
    facts = cj_full.facts["smaa"]
    top = cj_full.top
    assert facts["first_rank_acceptability"] == result.first_rank_acceptability[top]
    assert facts["first_rank_acceptability_se"] == result.rank_acceptability_se[1][top]
    assert facts["expected_rank"] == result.expected_rank[top]
    assert facts["n_samples"] == 4_000
    text = cj_full.sentences["smaa"]
    share, se = facts["first_rank_acceptability"], facts["first_rank_acceptability_se"]
    assert text.startswith(f"'{top}' is first in {100 * share:.1f}% (± {100 * se:.1f}%) of 4,000 ")
    assert f"expected rank is {facts['expected_rank']:.2f}" in text
    if facts["most_often_first"] == top:
        runner = facts["next_most_often_first"]
        assert f"'{runner}' ({100 * facts['next_most_often_first_share']:.1f}%)" in text
    else:
        assert f"'{facts['most_often_first']}' is first more often" in text


def test_whole_summary_on_the_china_japan_model(cj_full):
    assert list(cj_full.sentences) == list(SECTIONS)
    assert cj_full.top == cj_full.baseline.best  # the summary is of the ranking given
    for section in SECTIONS[1:]:
        assert getattr(cj_full, "comparison" if section == "methods" else section) is not None
    assert cj_full.text.count("\n\n") == len(SECTIONS) - 1
    assert f"'{cj_full.top}'" in cj_full.text
    frame = cj_full.to_frame()
    assert set(frame["section"]) == set(SECTIONS)


def test_same_seed_same_text_other_seed_other_numbers(cj, cj_full):
    model, weights = cj
    kwargs = dict(hierarchy=china_japan().hierarchy(), n_samples=4_000)
    again = robustness_summary(model, weights, rng=2024, **kwargs)
    assert again.text == cj_full.text
    assert again.facts == cj_full.facts
    other = robustness_summary(model, weights, rng=2025, sections=["smaa"], n_samples=4_000)
    assert other.facts["smaa"] != cj_full.facts["smaa"]
    assert other.sentences["ranking"] == cj_full.sentences["ranking"]


def test_given_weight_samples_are_used(cj):
    from pathchoice.sensitivity.sampling import DirichletSampler

    model, weights = cj
    near = DirichletSampler.around(model, weights, concentration=200)
    samples = near.sample(n_samples=1_500, rng=3)
    summary = robustness_summary(model, weights, samples=samples, sections=["smaa"])
    assert summary.smaa.n_samples == 1_500
    assert "of 1,500 sampled weight vectors" in summary.sentences["smaa"]


# -- words: where the weights come from, the word for an alternative ---------------------------


def test_the_weights_are_named_as_obtained_and_the_alternatives_by_their_word():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    summary = robustness_summary(
        model,
        [0.5, 0.5],
        method=fixed_scale_sum,
        methods=["topsis", "wsm"],
        sections=["reversal"],
        weights_origin="the expert panel's weights",
        noun="policy",
    )
    assert summary.sentences["ranking"].startswith("Under fixed_scale_sum with the expert panel")
    assert "removing a policy" in summary.sentences["reversal"]
    assert "order of the other policies." in summary.sentences["reversal"]
    default = robustness_summary(model, [0.5, 0.5], method=fixed_scale_sum, sections=["reversal"])
    assert "with the given weights" in default.sentences["ranking"]
    assert "removing an alternative" in default.sentences["reversal"]
    assert "path" not in default.text


@pytest.mark.parametrize("name", ["weights_origin", "noun"])
@pytest.mark.parametrize("value", ["", "  ", 3, None])
def test_the_words_must_be_words(cj, name, value):
    from pathchoice.exceptions import ArgumentError

    model, weights = cj
    with pytest.raises(ArgumentError, match=f"robustness_summary: {name} must be a non-empty"):
        robustness_summary(model, weights, sections=["ranking"], **{name: value})


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("path", "paths"), ("policy", "policies"), ("box", "boxes"), ("day", "days")],
)
def test_plurals(noun, expected):
    from pathchoice.study.summary._prose import plural

    assert plural(noun) == expected


def test_a_run_names_its_weights_and_its_alternatives():
    """The study run passes where its weights come from and the set's word to the prose."""
    from pathchoice.study.run import run
    from pathchoice.study.settings import use_judgements

    v2 = china_japan(version=2)
    sections = ["ranking", "reversal"]
    panel = run(v2, n_samples=10, sections=sections).summary.sentences
    assert panel["ranking"].startswith("Under TOPSIS with the expert panel's weights,")
    assert "another path" in panel["reversal"] or "other paths" in panel["reversal"]
    one = run(use_judgements(v2, "japan-side"), n_samples=10, sections=["ranking"])
    assert (
        "with the weights of the judgement set 'A Japan-side perspective'"
        in (one.summary.sentences["ranking"])
    )
    given = run(v2, weights=v2.weights().global_weights, n_samples=10, sections=["ranking"])
    assert "with the given weights" in given.summary.sentences["ranking"]
    modes = run(china_japan(version=1), alternative_set="modes", n_samples=10, sections=sections)
    assert "with the AHP weights" in modes.summary.sentences["ranking"]
    assert "path" not in modes.summary.sentences["reversal"]
