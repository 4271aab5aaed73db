"""The study's portfolio: run(), the report section and ``pathchoice portfolio``.

The best portfolio of a run is checked against brute-force enumeration of all
2**13 subsets of the China–Japan v2 paths under the model's (illustrative)
budget and rules, each rule checked directly; the robustness shares against a
per-sample reference (the best subset of each sample's scores, found by the same
enumeration). The report and the CLI are checked to show what the run computed.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from pathchoice.exceptions import ModelError
from pathchoice.ranking import rank_batch
from pathchoice.study.cli import main
from pathchoice.study.datasets import china_japan, china_japan_text
from pathchoice.study.report import render_study
from pathchoice.study.resources import AlternativeGroup
from pathchoice.study.run import run

N = 400  # samples: enough to exercise every step, fast


@pytest.fixture(scope="module")
def v2():
    return china_japan(version=2)


@pytest.fixture(scope="module")
def study(v2):
    return run(v2, n_samples=N, rng=3, sections=["ranking"], score_ranges=False)


def brute_best(resources, alternatives, values):
    """The greatest-value subset meeting each rule, by checking every subset directly."""
    cost = resources.frame().loc[list(alternatives), "cost"].to_numpy()
    budget = resources.budgets["cost"]
    index = {a: i for i, a in enumerate(alternatives)}
    best, best_value = None, -np.inf
    for bits in itertools.product([0, 1], repeat=len(alternatives)):
        x = np.array(bits, bool)
        if cost @ x > budget + 1e-9:
            continue
        if any(x[index[r.alternative]] and not x[index[r.needs]] for r in resources.requires):
            continue
        if any(
            (g.at_least is not None and sum(x[index[a]] for a in g.alternatives) < g.at_least)
            or (g.at_most is not None and sum(x[index[a]] for a in g.alternatives) > g.at_most)
            for g in resources.groups
        ):
            continue
        if any(x[index[a]] for a in resources.exclude) or not all(
            x[index[a]] for a in resources.include
        ):
            continue
        value = float(values @ x)
        if value > best_value + 1e-12:
            best, best_value = x, value
    return best, best_value


def test_run_best_portfolio_equals_brute_force(v2, study):
    result = study.portfolio
    assert result is not None
    alternatives = study.model.alternatives
    values = study.ranking.scores.loc[list(alternatives)].to_numpy()
    x, value = brute_best(v2.resources, alternatives, values)
    assert result.best.selected == tuple(a for a, c in zip(alternatives, x, strict=True) if c)
    np.testing.assert_allclose(result.best.total_value, value, rtol=1e-12)
    assert result.best.usage.loc["cost", "used"] <= v2.resources.budgets["cost"]


def test_run_membership_matches_a_per_sample_reference(v2, study):
    """Shares re-derived sample by sample from the same kind of draw (uniform weights, seed)."""
    from pathchoice.sensitivity.sampling.simplex import uniform_draw

    rob = study.portfolio.robustness
    model = study.model
    w = uniform_draw(N, model.n_criteria, np.random.default_rng(3))
    scores = np.asarray(rank_batch(model, w, "topsis").scores)
    problem = v2.resources.problem(model.alternatives)
    subsets = np.array(list(itertools.product([0, 1], repeat=model.n_alternatives)), float)
    feasible = subsets[problem.feasible(subsets)]
    chosen = feasible[np.argmax(scores @ feasible.T, axis=1)]
    np.testing.assert_allclose(rob.membership.to_numpy(), chosen.mean(axis=0), atol=1e-12)
    assert rob.n_samples == N


def test_text_is_plain_words_and_says_the_costs_are_illustrative(study):
    s = study.portfolio.sentences
    assert s["notice"].startswith("ILLUSTRATIVE")
    assert s["best"].startswith(
        "With the expert panel's weights, the best set of paths to fund within the budget is"
    )
    assert "at least one path of the group 'society'" in s["rules"]
    assert f"With {N:,} weight vectors drawn uniformly" in s["robustness"]
    assert s["frequent"].startswith("The most frequent best sets: 1st, best in ")
    for text in s.values():
        assert "milp" not in text and "portfolio_robustness" not in text and "_" not in text
    frame = study.portfolio.to_frame()
    assert list(frame.columns) == ["cost", "value", "in best", "share", "share_se"]
    assert frame["in best"].sum() == len(study.portfolio.best.selected)


def test_no_portfolio_without_costs_other_set_or_lower_is_better(v2):
    assert run(replace(v2, resources=None), n_samples=50, sections=["ranking"]).portfolio is None
    other = run(v2, n_samples=50, sections=["ranking"], alternative_set="modes")
    assert other.portfolio is None
    vikor = run(v2, n_samples=50, sections=["ranking"], method="vikor")
    assert vikor.portfolio is None


def test_score_ranges_are_drawn_when_the_run_draws_them(v2):
    ranged = run(v2, n_samples=N, rng=3, sections=["ranking"], score_ranges=True)
    assert "each with scores drawn within their ranges" in ranged.portfolio.sentences["robustness"]
    assert ranged.portfolio.robustness.options["performance"] == "sampler"


def test_infeasible_rules_are_a_finding_of_the_run(v2):
    groups = tuple(
        AlternativeGroup(g.name, g.alternatives, at_least=len(g.alternatives))
        for g in v2.resources.groups
    )
    tight = replace(v2, resources=replace(v2.resources, groups=groups))
    study = run(tight, n_samples=50, sections=["ranking"])
    assert study.portfolio is None
    assert study.findings[-1].startswith(
        "No portfolio was chosen: no set of paths meets every rule within the budget (cost 20)"
    )
    with pytest.raises(ModelError, match="no set of alternatives meets every rule"):
        from pathchoice.study.portfolio import study_portfolio

        study_portfolio(tight, "paths", study.model, study.ranking, n_samples=10, rng=0)


def test_report_has_the_portfolio_section_only_with_costs(v2, study):
    page = render_study(study, plots=False, date="2026-12-01")
    assert '<section id="portfolio">' in page and 'href="#portfolio"' in page
    assert page.count('<tr class="best">') >= len(study.portfolio.best.selected)
    assert 'id="portfolio-frequent"' in page and "ILLUSTRATIVE" in page
    bare = run(replace(v2, resources=None), n_samples=50, sections=["ranking"])
    assert '<section id="portfolio">' not in render_study(bare, plots=False, date="2026-12-01")


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "cj2.toml"
    path.write_text(china_japan_text(2), encoding="utf-8")
    return str(path)


def test_cli_prints_what_the_run_computed(capsys, model_file, v2):
    assert main(["portfolio", model_file, "--samples", str(N), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    study = run(v2, n_samples=N, rng=3, sections=["ranking"])
    for key in ("best", "robustness"):
        first_words = " ".join(study.portfolio.sentences[key].split()[:8])
        assert first_words in " ".join(out.split())
    assert "Note: ILLUSTRATIVE" in out


def test_cli_budget_and_minimums_change_the_answer(capsys, model_file, v2):
    argv = ["portfolio", model_file, "--samples", "200", "--format", "csv"]
    assert main([*argv, "--budget", "30", "--min-per-group", "society=2"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(frame.columns) == ["path", "cost", "score", "funded", "share", "share_se"]
    assert frame.loc[frame["funded"], "cost"].sum() <= 30
    society = v2.resources.groups[-1].alternatives
    assert frame.set_index("path").loc[list(society), "funded"].sum() >= 2
    resources = v2.resources.with_budget(30).with_minimums({"society": 2})
    alternatives = tuple(frame["path"])
    x, value = brute_best(resources, alternatives, frame["score"].to_numpy())
    assert frame["funded"].tolist() == x.tolist()
    np.testing.assert_allclose(frame.loc[frame["funded"], "score"].sum(), value)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--budget", "-3"], "--budget: expected a number >= 0"),
        (["--budget", "12", "--min-per-group", "society=2"], "no set of paths meets every rule"),
        (["--min-per-group", "soc=2"], "unknown group 'soc'"),
        (["--min-per-group", "society"], "expected GROUP=K"),
        (["--resource", "cost"], "give --budget too"),
        (["--method", "vikor"], "VIKOR scores are better when lower"),
        (["--set", "modes"], "costs are for the set 'paths', not 'modes'"),
    ],
)
def test_cli_errors_are_one_line(capsys, model_file, extra, message):
    code = main(["portfolio", model_file, "--samples", "50", *extra])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err


def test_cli_model_without_costs(capsys, tmp_path):
    path = tmp_path / "cj1.toml"
    path.write_text(china_japan_text(1), encoding="utf-8")
    assert main(["portfolio", str(path), "--samples", "50"]) == 2
    assert "the model has no costs" in capsys.readouterr().err


def test_validate_says_what_the_resources_hold(capsys, model_file):
    main(["validate", model_file])
    out = " ".join(capsys.readouterr().out.split())  # lines may be wrapped
    assert (
        "resources: cost, budget 20 cost points (illustrative) for the 13 alternatives "
        "of 'paths'; 2 requirements, 4 groups"
    ) in " ".join(out.split())  # long lines are wrapped to the terminal
