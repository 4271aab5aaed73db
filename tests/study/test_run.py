"""The application service: run(analysis) -> StudyResult, computed once and frozen."""

from __future__ import annotations

import numpy as np
import pytest

from pathchoice import china_japan
from pathchoice.exceptions import (
    ArgumentError,
    MethodError,
    ResultTypeError,
    UnknownNameError,
)
from pathchoice.ranking import rank
from pathchoice.study.run import StudyResult, run
from pathchoice.study.settings import performance_sampler
from pathchoice.study.summary import robustness_summary


@pytest.fixture(scope="module")
def study() -> StudyResult:
    return run(china_japan(), n_samples=500, rng=3)


def test_the_study_holds_what_the_pipeline_gives(study):
    cj = china_japan()
    assert study.analysis == cj
    assert study.weights.equals(cj.weights().global_weights)
    assert study.hierarchy is cj.weights()  # computed once, the same object
    assert study.ranking == rank(cj.decision_model(), cj.weights().global_weights, "topsis")
    assert study.top == cj.rank().best
    expected = robustness_summary(
        cj.decision_model(),
        cj.weights().global_weights,
        n_samples=500,
        rng=3,
        hierarchy=cj.hierarchy(),
        performance=performance_sampler(cj),  # the model's settings: scores within ranges
        # the run names where its weights come from (version 2: the expert panel)
        weights_origin="the expert panel's weights" if cj.panel else "the AHP weights",
        noun="path",  # the word of the set 'paths'
    )
    assert study.summary.sentences == expected.sentences
    assert study.settings["n_samples"] == 500 and study.settings["rng"] == 3
    assert study.settings["weights"] == "ahp" and study.settings["scenarios"] == ()


def test_the_hierarchy_and_weights_are_built_once():
    cj = china_japan()
    assert cj.hierarchy() is cj.hierarchy()
    assert cj.weights() is cj.weights()
    assert cj.weights(method="geometric_mean") is cj.weights(method="geometric_mean")
    assert cj.weights(method="geometric_mean").options["method"] == "geometric_mean"


def test_the_study_is_frozen(study):
    with pytest.raises(AttributeError):
        study.method = "vikor"  # type: ignore[misc]
    w = study.weights
    w.iloc[0] = 99.0
    assert study.weights.iloc[0] != 99.0
    with pytest.raises(TypeError):
        study.summary.facts["smaa"]["first_rank_acceptability"] = 1.0  # type: ignore[index]
    again = run(china_japan(), n_samples=500, rng=3)
    assert again.ranking == study.ranking and again.weights.equals(study.weights)
    assert again.summary.sentences == study.summary.sentences
    assert hash(again) == hash(study)
    # (study == again) holds once every sensitivity result is a FrozenResult with designed
    # equality; until then the analyses' generated __eq__ cannot compare their DataFrames.


def test_same_seed_same_study_other_seed_other_smaa():
    a = run(china_japan(), n_samples=400, rng=1, sections=["ranking", "smaa"])
    b = run(
        china_japan(), n_samples=400, rng=np.random.default_rng(1), sections=["ranking", "smaa"]
    )
    acc = a.summary.smaa.rank_acceptability
    assert acc.equals(b.summary.smaa.rank_acceptability)
    assert b.settings["rng"] == "generator"
    c = run(china_japan(), n_samples=400, rng=2, sections=["ranking", "smaa"])
    assert not acc.equals(c.summary.smaa.rank_acceptability)


def test_given_weights_and_a_scenario():
    names = china_japan().criterion_names
    weights = dict.fromkeys(names, 1 / len(names))
    study = run(china_japan(), weights=weights, scenario="rcep-deepens", n_samples=300)
    assert study.weights_given and study.hierarchy is None
    assert study.scenarios == ("rcep-deepens",)
    assert "judgements" not in study.summary.sentences
    expected = china_japan().with_scenario("rcep-deepens").rank(weights=weights)
    assert study.ranking == expected


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        (
            {"method": "topsys"},
            MethodError,
            r"run: unknown ranking method 'topsys'; did you mean 'topsis'",
        ),
        ({"method": 3}, MethodError, r"run: unknown ranking method 3"),
        ({"scenario": "war"}, UnknownNameError, r"run: unknown scenario 'war'; scenarios are \["),
        (
            {"scenario": ["rcep-deepens", 1]},
            ResultTypeError,
            r"run: scenario must be a scenario name",
        ),
        ({"n_samples": 0}, ArgumentError, r"run: n_samples must be a whole number >= 1 \(got 0\)"),
        ({"n_samples": True}, ArgumentError, r"run: n_samples must be a whole number"),
        ({"rng": "abc"}, ArgumentError, r"run: rng must be None, a whole number >= 0"),
        ({"rng": -1}, ArgumentError, r"run: rng must be None, a whole number >= 0.*\(got -1\)"),
        ({"rng": 1.5}, ArgumentError, r"run: rng .*\(got 1.5\)"),
        ({"sections": "smaa"}, ResultTypeError, r"run: sections must be a sequence"),
        ({"sections": ["smaa", "magic"]}, ArgumentError, r"run: sections must be one of"),
        (
            {"consensus": "majority"},
            ArgumentError,
            r"run: consensus must be one of 'copeland', 'borda'",
        ),
        ({"alternative_set": "routes"}, UnknownNameError, r"unknown alternative set 'routes'"),
        (
            {"alternative_set": 3},
            ArgumentError,
            r"an alternative set name must be a string \(got 3\)",
        ),
    ],
)
def test_bad_options_name_the_culprit(options, error, match):
    with pytest.raises(error, match=match):
        run(china_japan(), **options)


def test_run_needs_an_analysis():
    for wrong in (None, "model.toml", china_japan().decision_model()):
        with pytest.raises(ResultTypeError, match=r"run: expected an Analysis"):
            run(wrong)  # type: ignore[arg-type]


def test_with_scenario_of_a_list_says_what_to_do():
    with pytest.raises(
        ArgumentError,
        match=r"a scenario name must be a string \(got \['a', 'b'\]\); to apply several",
    ) as info:
        china_japan().with_scenario(["a", "b"])  # type: ignore[arg-type]
    assert "unknown scenario" not in str(info.value)


def test_the_version_2_model_runs_with_its_score_ranges_by_default():
    # China–Japan model version 2: every score has a range, and the study's SMAA draws the
    # scores within them (performance uncertainty) unless told otherwise.
    from pathchoice import china_japan, run

    study = run(china_japan(version=2), n_samples=2_000, rng=1)
    assert study.summary.smaa.options["performance"] == "sampler"
    assert study.ranking.best in study.model.alternatives


# -- the analysis settings (model-file format 2) ---------------------------------------


def _with_settings(**changes):
    from dataclasses import replace

    cj = china_japan()
    return replace(cj, settings=replace(cj.settings, **changes))


def test_the_settings_seed_is_the_default_and_an_explicit_rng_wins():
    cj = china_japan()
    seed = cj.settings.seed  # the model file's [analysis] seed
    assert seed is not None
    sections = ["ranking", "smaa"]
    default = run(cj, n_samples=300, sections=sections)
    assert default.settings["rng"] == seed
    same = run(cj, n_samples=300, rng=seed, sections=sections)
    assert default.summary.smaa.rank_acceptability.equals(same.summary.smaa.rank_acceptability)
    other = run(cj, n_samples=300, rng=0, sections=sections)
    assert other.settings["rng"] == 0
    assert not other.summary.smaa.rank_acceptability.equals(default.summary.smaa.rank_acceptability)
    # no settings (version 1): seed 0, as before
    assert run(china_japan(version=1), n_samples=200, sections=sections).settings["rng"] == 0


def test_the_settings_normalisation_is_used_and_an_explicit_one_wins():
    cj = china_japan()
    model, w = cj.decision_model(), cj.weights().global_weights
    minmax = _with_settings(normalization="minmax")
    study = run(minmax, sections=["ranking"])
    assert study.settings["normalization"] == "minmax"
    assert study.ranking == rank(model, w, "topsis", normalization="minmax")
    assert study.ranking != rank(model, w, "topsis", normalization="vector")
    explicit = run(minmax, normalization="vector", sections=["ranking"])
    assert explicit.ranking == rank(model, w, "topsis", normalization="vector")
    assert run(cj, sections=["ranking"]).settings["normalization"] == "vector"


def test_the_settings_method_is_used_and_an_explicit_one_wins():
    cj = china_japan()
    model, w = cj.decision_model(), cj.weights().global_weights
    vikor = _with_settings(method="vikor", normalization="minmax")
    study = run(vikor, sections=["ranking"])
    assert study.method == "vikor"
    assert study.ranking == rank(model, w, "vikor", normalization_function="minmax")
    # the settings' normalisation belongs to the settings' method: not to another one
    topsis = run(vikor, method="topsis", sections=["ranking"])
    assert topsis.ranking == rank(model, w, "topsis")
    assert topsis.settings["normalization"] == "vector"  # TOPSIS's own default


def test_a_normalisation_the_method_cannot_take_is_an_error():
    with pytest.raises(ArgumentError, match=r"run: the ranking method 'copras' takes no norm"):
        run(china_japan(), method="copras", normalization="minmax", sections=["ranking"])
    with pytest.raises(ArgumentError, match=r"run: normalization must be one of"):
        run(china_japan(), normalization="sum", sections=["ranking"])


def test_the_judgement_set_is_recorded():
    from pathchoice.study.settings import use_judgements

    assert run(china_japan(), sections=["ranking"]).settings["judgements"] == "panel"
    one = run(use_judgements(china_japan(), "paper"), sections=["ranking"])
    assert one.settings["judgements"] == "paper"
    given = run(china_japan(), weights=one.weights, sections=["ranking"])
    assert given.settings["judgements"] is None
