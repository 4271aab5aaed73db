"""The summary's influence paragraph: Sobol indices of the first place, named in plain words.

The indices themselves are SALib's (tested in tests/sensitivity/test_global_sensitivity.py);
here: the paragraph reports the very indices a direct call gives for the same inputs,
names exactly the inputs with a total index of at least 0.05, stays within its budget
of model evaluations, and obeys two laws that cannot depend on sampling luck -- a
criterion on which every path scores the same never matters (TOPSIS closeness is
unchanged when the other weights are rescaled together), and a path that dominates
every other is first whatever the inputs (zero variance: nothing is named).
"""

from __future__ import annotations

import numpy as np
import pytest

from pathchoice import Model
from pathchoice.ranking import rank
from pathchoice.sensitivity.global_sensitivity import global_sensitivity
from pathchoice.study.datasets import china_japan
from pathchoice.study.run import run
from pathchoice.study.summary import SECTIONS, robustness_summary
from pathchoice.study.summary import _summary as summary_module
from pathchoice.study.summary._influence import (
    MAX_EVALUATIONS,
    NAMED,
    WEIGHT_SPREAD,
    influence_analysis,
)

pytest.importorskip("SALib")


@pytest.fixture(scope="module")
def v2_study():
    return run(china_japan(version=2), n_samples=1000, rng=5, sections=["smaa", "influence"])


def test_paragraph_reports_the_indices_of_a_direct_call(v2_study):
    summary = v2_study.summary
    result = summary.influence
    facts = summary.facts["influence"]
    assert result.n_evaluations <= MAX_EVALUATIONS
    assert f"over {result.n_evaluations:,} evaluations" in summary.sentences["influence"]
    # the same inputs by hand: weights ±50 %, the contenders' scores within their ranges
    from pathchoice.study.settings import score_ranges

    model = v2_study.model
    low, high = (f.to_numpy() for f in score_ranges(v2_study.analysis, "paths"))
    keep = np.zeros(model.shape, bool)
    keep[[model.alternative_index(a) for a in facts["contenders"]]] = True
    bounds = (np.where(keep, low, model.matrix), np.where(keep, high, model.matrix))
    direct = global_sensitivity(
        model,
        v2_study.weights,
        weight_spread=WEIGHT_SPREAD,
        score_ranges=bounds,
        output="top_first",
        n_samples=result.options["n_samples"],
        rng=5,
    )
    assert direct.indices.equals(result.indices)
    named = tuple(direct.indices.index[direct.indices["ST"] >= NAMED])
    assert facts["influential"] == named
    assert facts["contenders"] == (v2_study.top,)


def test_plain_words(v2_study):
    text = v2_study.summary.sentences["influence"]
    assert text.startswith("Varying the 14 criterion weights (each up to half its value")
    assert "(each within its range)" in text and "Sobol indices by SALib" in text
    assert "weight:" not in text and "ST" not in text and "_" not in text


def test_a_criterion_where_all_paths_score_the_same_is_never_named():
    model = Model(
        ["A", "B", "C"],
        ["x", "y", "flat"],
        [[8, 2, 5], [3, 7, 5], [5, 5, 5]],
    )
    w = [0.4, 0.35, 0.25]
    result, (text, facts) = influence_analysis(model, w, rank(model, w, "topsis"), rng=1)
    st_flat = float(result.indices.loc["weight: flat", "ST"])
    assert abs(st_flat) < 1e-12
    assert "weight: flat" not in facts["influential"]
    assert "the weight of 'x'" in text


def test_a_dominating_path_is_first_whatever_the_inputs():
    model = Model(["A", "B"], ["x", "y"], [[9, 9], [1, 2]])
    result, (text, facts) = influence_analysis(
        model,
        [0.5, 0.5],
        rank(model, [0.5, 0.5], "topsis"),
        ranges=(np.array([[8, 8], [1, 1]]), np.array([[9, 9], [3, 3]])),
        rng=0,
    )
    assert result.output_mean == 1.0 and facts["influential"] == ()
    assert "No input changes which alternative is first" in text


def test_skipped_by_default_without_salib(monkeypatch):
    monkeypatch.setattr(summary_module, "has_salib", lambda: False)
    model = Model(["A", "B", "C"], ["x", "y"], [[6, 4], [5, 5], [3, 8]])
    summary = robustness_summary(model, [0.5, 0.5], n_samples=200, rng=0, methods=["topsis", "wsm"])
    assert "influence" not in summary.sentences and summary.influence is None
    assert "influence" in SECTIONS


def test_leading_inputs_keep_their_order_across_seeds():
    """With the top path's scores only, the two leading inputs do not depend on the seed."""
    leads = {
        tuple(run(china_japan(version=2), sections=["influence"], rng=seed)
              .summary.facts["influence"]["influential"][:2])
        for seed in (0, 1, 2)
    }  # fmt: skip
    assert leads == {
        ("weight: relief of de-Chinaization pressure", "weight: relief of rule fragmentation")
    }
