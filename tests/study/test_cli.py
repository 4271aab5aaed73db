"""Tests of the ``pathchoice`` command line (:mod:`pathchoice.study.cli`).

The command line is an interface to the library, so the expected values here are
the library's own results for the same request (the numbers themselves are
tested against published values in the library's tests); what is tested is
that the CLI asks for the right thing and hands it over intact: tables that
round-trip through ``pandas.read_csv`` / ``pandas.read_json`` to the library's
frames, one clear message per bad input, help with examples, atomic files.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pathchoice import Analysis, china_japan, load_model, save_model
from pathchoice.exceptions import UnknownNameError, WeightsError
from pathchoice.sensitivity.compare import compare_methods
from pathchoice.study.cli import COMMANDS, main, parse_weights, text_table
from pathchoice.study.datasets import china_japan_text
from pathchoice.study.run import run as run_study
from pathchoice.study.settings import performance_sampler, use_judgements
from pathchoice.study.summary import robustness_summary

MALFORMED = Path(__file__).parent / "data" / "malformed"
SAMPLES = "500"  # SMAA samples in these tests: enough to run every step, fast


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ok(capsys, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert err == ""
    return out


def error(capsys, *argv: str) -> str:
    """Run a command that must fail: exit 2, nothing on stdout, one line on stderr."""
    code, out, err = run(capsys, *argv)
    assert code == 2, (out, err)
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("pathchoice")
    assert "error:" in err
    assert "Traceback" not in err
    return err


# -- help -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_command_has_help_with_an_example(command, capsys):
    argv = ["--help"] if command is None else [command, "--help"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "example" in out.lower()
    assert "usage: pathchoice" in out
    if command is not None:
        assert f"pathchoice {command}" in out.split("example", 1)[1]


def test_top_level_help_lists_every_command(capsys):
    out = run(capsys, "--help")[1]
    for command in COMMANDS:
        assert f"    {command}" in out


def test_version(capsys):
    from pathchoice import __version__

    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"pathchoice {__version__}"


# -- rank -------------------------------------------------------------------------------


def test_no_command_is_rank(capsys):
    assert ok(capsys) == ok(capsys, "rank")
    assert ok(capsys, "--set", "modes") == ok(capsys, "rank", "--set", "modes")


def test_rank_csv_round_trips_to_the_library_ranking(capsys):
    out = ok(capsys, "rank", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == ["alternative", "score", "rank"]
    expected = china_japan().rank().to_frame().sort_values("rank", kind="stable")
    assert frame["alternative"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(frame["score"], expected["score"], rtol=1e-15)
    assert frame["rank"].tolist() == expected["rank"].tolist()


def test_rank_json_round_trips_with_a_method_a_set_and_a_scenario(capsys):
    out = ok(
        capsys,
        "rank",
        "--set",
        "modes",
        "--scenario",
        "ageing-first",
        "--method",
        "vikor",
        "--format",
        "json",
    )
    frame = pd.read_json(io.StringIO(out))
    expected = china_japan().with_scenario("ageing-first").rank("modes", "vikor").to_frame()
    expected = expected.sort_values("rank", kind="stable")
    assert frame["alternative"].tolist() == expected.index.tolist()
    # JSON keeps 15 significant digits
    np.testing.assert_allclose(frame["score"], expected["score"], rtol=1e-14)
    assert frame["rank"].tolist() == expected["rank"].tolist()


def test_rank_table_says_lower_is_better_for_vikor(capsys):
    out = ok(capsys, "rank", "--method", "vikor")
    assert "VIKOR ranking of 'paths' (1 = best; lower score is better)" in out


def test_several_scenarios_apply_in_order(capsys):
    out = ok(
        capsys,
        "rank",
        "--scenario",
        "rcep-deepens",
        "--scenario",
        "ageing-first",
        "--format",
        "csv",
    )
    frame = pd.read_csv(io.StringIO(out))
    expected = china_japan().with_scenario("rcep-deepens").with_scenario("ageing-first").rank()
    assert frame["alternative"].tolist() == expected.order()


def test_rank_with_weights_moved_between_two_criteria(capsys):
    base = china_japan().weights().global_weights
    # move 0.02 from 'shared strengths' to 'shared weaknesses' (the total stays 1)
    weights = base.copy()
    weights["shared strengths"] -= 0.02
    weights["shared weaknesses"] += 0.02
    out = ok(
        capsys,
        "rank",
        "--weights",
        f"shared strengths={float(weights['shared strengths'])!r}",
        f"shared weaknesses={float(weights['shared weaknesses'])!r}",
        "--format",
        "csv",
    )
    expected = china_japan().rank(weights=weights).to_frame().sort_values("rank", kind="stable")
    frame = pd.read_csv(io.StringIO(out))
    assert frame["alternative"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(frame["score"], expected["score"], rtol=1e-15)


def test_rank_with_every_weight_given_shows_the_given_weights(capsys):
    names = china_japan().criterion_names
    items = [f"{name}=1/{len(names)}" for name in names]
    out = ok(capsys, "rank", "--weights", *items)
    assert "Criteria weights (given with --weights)" in out
    assert "Consistency" not in out
    equal = china_japan().rank(weights=dict.fromkeys(names, 1 / len(names)))
    assert f"{equal.scores[equal.best]:.4f}" in out


def test_rank_a_model_file_to_an_output_file(tmp_path, capsys):
    model = tmp_path / "model.toml"
    save_model(china_japan(), model)
    target = tmp_path / "ranking.csv"
    code, out, err = run(capsys, "rank", str(model), "--format", "csv", "--output", str(target))
    assert code == 0
    assert out == ""
    assert err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == ok(capsys, "rank", "--format", "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.toml", "ranking.csv"]


def test_output_replaces_an_existing_file(tmp_path, capsys):
    target = tmp_path / "ranking.json"
    target.write_text("old", encoding="utf-8")
    run(capsys, "rank", "--format", "json", "-o", str(target))
    n_paths = len(china_japan().alternative_set("paths").alternatives)
    assert pd.read_json(target)["rank"].tolist() == list(range(1, n_paths + 1))


# -- weights ----------------------------------------------------------------------------


def test_weights_json_round_trips_to_the_hierarchy_frame(capsys):
    out = ok(capsys, "weights", "--format", "json")
    frame = pd.read_json(io.StringIO(out))
    expected = china_japan().weights().to_frame()
    assert frame["node"].tolist() == expected["node"].tolist()
    np.testing.assert_allclose(frame["global_weight"], expected["global_weight"], rtol=1e-14)
    np.testing.assert_allclose(frame["local_weight"], expected["local_weight"], rtol=1e-14)


def test_weights_table_shows_the_scenario_weights(capsys):
    out = ok(capsys, "weights", "--scenario", "relations-deteriorate")
    hr = china_japan().with_scenario("relations-deteriorate").weights()
    assert "Scenario: relations-deteriorate" in out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("exposure to de-Chin"))
    assert f"{hr.global_weights['exposure to de-Chinaization pressure']:.4f}" in line


def test_weights_csv_round_trips(capsys):
    frame = pd.read_csv(io.StringIO(ok(capsys, "weights", "--format", "csv")))
    expected = china_japan().weights().to_frame()
    assert list(frame.columns) == list(expected.columns)
    np.testing.assert_allclose(frame["global_weight"], expected["global_weight"], rtol=1e-15)


# -- sensitivity ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def summary():
    """What the command must print: the summary with the model's own settings (version 2
    draws every score within its range) and the seed given on the command line."""
    analysis = china_japan()
    return robustness_summary(
        analysis.decision_model(),
        analysis.weights().global_weights,
        n_samples=int(SAMPLES),
        rng=3,
        hierarchy=analysis.hierarchy(),
        performance=performance_sampler(analysis),
        weights_origin="the expert panel's weights",
        noun="path",
    )


def test_sensitivity_prints_the_summary_and_the_threshold_table(capsys, summary):
    out = ok(capsys, "sensitivity", "--samples", SAMPLES, "--seed", "3")
    flat = " ".join(out.split())
    for sentence in summary.sentences.values():
        assert " ".join(sentence.split()) in flat
    assert "Weight thresholds" in out
    table = summary.thresholds.criteria
    line = next(ln for ln in out.splitlines() if ln.startswith("relief of social dilemmas"))
    assert f"{table.loc['relief of social dilemmas', 'increase_to']:.4f}" in line


def test_sensitivity_csv_is_the_threshold_table(capsys, summary):
    out = ok(capsys, "sensitivity", "--samples", SAMPLES, "--seed", "3", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    expected = summary.thresholds.criteria
    assert frame["criterion"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(frame["increase_to"], expected["increase_to"], rtol=1e-15)
    np.testing.assert_allclose(frame["decrease_to"], expected["decrease_to"], rtol=1e-15)


def test_sensitivity_smaa_json_round_trips(capsys, summary):
    argv = ["sensitivity", "--samples", SAMPLES, "--seed", "3", "--table", "smaa"]
    out = ok(capsys, *argv, "--format", "json")
    frame = pd.read_json(io.StringIO(out))
    expected = summary.smaa.to_frame()
    assert frame["alternative"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(
        frame["first_rank_acceptability"], expected["first_rank_acceptability"], rtol=1e-14
    )
    table = ok(capsys, *argv)
    assert f"SMAA-2 over {int(SAMPLES):,} weight vectors" in table


def test_sensitivity_facts_csv(capsys, summary):
    argv = ["sensitivity", "--samples", SAMPLES, "--seed", "3", "--table", "facts"]
    frame = pd.read_csv(io.StringIO(ok(capsys, *argv, "--format", "csv")))
    assert list(frame.columns) == ["section", "fact", "value"]
    row = frame[(frame["section"] == "smaa") & (frame["fact"] == "first_rank_acceptability")]
    assert float(row["value"].iloc[0]) == pytest.approx(
        summary.facts["smaa"]["first_rank_acceptability"], rel=1e-15
    )


def test_sensitivity_same_seed_same_output_other_seed_other_output(capsys):
    argv = ["sensitivity", "--samples", SAMPLES, "--table", "smaa", "--format", "csv"]
    first = ok(capsys, *argv, "--seed", "1")
    assert ok(capsys, *argv, "--seed", "1") == first
    assert ok(capsys, *argv, "--seed", "2") != first


def given_pair_rest() -> float:
    """The weight of 'shared weaknesses' that keeps the total 1 when 'shared strengths' is 0.06."""
    base = china_japan().weights().global_weights
    return float(base["shared strengths"] + base["shared weaknesses"] - 0.06)


def test_sensitivity_with_given_weights_has_no_judgement_paragraph(capsys):
    out = ok(
        capsys,
        "sensitivity",
        "--samples",
        SAMPLES,
        "--weights",
        "shared strengths=0.06",
        f"shared weaknesses={given_pair_rest()!r}",
    )
    assert "The AHP judgement closest" not in out
    assert "The AHP judgement closest" in ok(capsys, "sensitivity", "--samples", SAMPLES)
    assert "Weight thresholds" in out


# -- compare ----------------------------------------------------------------------------


def test_compare_csv_round_trips_to_the_library_comparison(capsys):
    analysis = china_japan()
    comparison = compare_methods(analysis.decision_model(), analysis.weights().global_weights)
    frame = pd.read_csv(io.StringIO(ok(capsys, "compare", "--format", "csv")))
    expected = comparison.to_frame().sort_values("consensus", kind="stable")
    assert frame["alternative"].tolist() == expected.index.tolist()
    assert list(frame.columns) == ["alternative", *expected.columns]
    for column in expected.columns:
        assert frame[column].tolist() == expected[column].tolist()


def test_compare_chosen_methods_and_borda(capsys):
    out = ok(
        capsys,
        "compare",
        "--set",
        "modes",
        "--methods",
        "topsis",
        "vikor",
        "--consensus",
        "borda",
        "--format",
        "json",
    )
    frame = pd.read_json(io.StringIO(out))
    assert list(frame.columns) == ["alternative", "topsis", "vikor", "consensus"]
    analysis = china_japan()
    expected = compare_methods(
        analysis.decision_model("modes"),
        analysis.weights().global_weights,
        methods=["topsis", "vikor"],
        consensus="borda",
    ).consensus
    assert dict(zip(frame["alternative"], frame["consensus"], strict=True)) == expected.to_dict()
    table = ok(capsys, "compare", "--methods", "topsis", "vikor")
    assert "Copeland consensus" in table
    assert "Spearman correlation with TOPSIS's ranking: VIKOR" in table


# -- bad input: one message, exit 2, no traceback ----------------------------------------


@pytest.mark.parametrize(
    ("argv", "culprit"),
    [
        (["rank", "no-such-file.toml"], "no-such-file.toml: cannot read the file"),
        (["weights", "no-such-file.toml"], "no-such-file.toml: cannot read the file"),
        (
            ["rank", str(MALFORMED / "toml_syntax_error.toml")],
            "toml_syntax_error.toml: TOML syntax error",
        ),
        (
            ["rank", str(MALFORMED / "score_not_a_number.toml")],
            "score_not_a_number.toml: performance.",
        ),
        (
            ["sensitivity", str(MALFORMED / "weights_not_summing_to_one.toml")],
            "weights must sum to 1",
        ),
        (["rank", "--weights", "shared strenghts=0.2"], "unknown criterion 'shared strenghts'"),
        (["rank", "--weights", "shared strenghts=0.2"], "did you mean 'shared strengths'?"),
        (["rank", "--weights", "shared strengths=0.5"], "the weights must sum to 1 (got 1.427"),
        (["rank", "--weights", "shared strengths"], "expected NAME=VALUE"),
        (["rank", "--weights", "shared=0.2"], "did you mean 'shared strengths'?"),
        (["rank", "--weights", "Shared Weaknesses=0.2"], "did you mean 'shared weaknesses'?"),
        (
            ["rank", "--weights", "shared strengths=0.16", "model.toml"],
            "got 'model.toml'; put the model file before --weights",
        ),
        (["rank", "--weights", "shared strengths=high"], "must be a number or a fraction"),
        (
            ["rank", "--weights", "shared strengths=-0.1", "shared weaknesses=0.34"],
            "'shared strengths' must not be negative",
        ),
        (
            ["rank", "--weights", "shared strengths=0.1", "shared strengths=0.1"],
            "'shared strengths' is given more than once",
        ),
        (
            ["rank", "--judgements", "chna-side"],
            "unknown judgement set 'chna-side'; did you mean 'china-side'? (judgement sets: "
            "'hierarchy', 'panel', 'paper', 'china-side', 'japan-side')",
        ),
        (["report", "--html", "r.html", "--judgements", "x"], "unknown judgement set 'x'"),
        (["compare", "--weights", "x=1"], "unknown criterion 'x'"),
        (["report", "--html", "r.html", "--weights", "x=1"], "unknown criterion 'x'"),
        (["rank", "--method", "topsys"], "unknown ranking method 'topsys'; did you mean 'topsis'?"),
        (["sensitivity", "--method", "magic"], "unknown ranking method 'magic'"),
        (["compare", "--methods", "topsis", "magic"], "unknown ranking method 'magic'"),
        (["compare", "--methods", "topsis"], "at least two"),
        (["rank", "--scenario", "rcep"], "unknown scenario 'rcep'"),
        (["weights", "--scenario", "nope"], "unknown scenario 'nope'"),
        (["rank", "--set", "routes"], "unknown alternative set 'routes'"),
        (["rank", "--set", "path"], "unknown alternative set 'path'; did you mean 'paths'?"),
        (["report", "--html", "r.html", "--set", "routes"], "unknown alternative set 'routes'"),
        (["rnak"], "unknown command 'rnak'; did you mean 'rank'?"),
        (["rank", "--format", "xml"], "invalid choice: 'xml'"),
        (["sensitivity", "--samples", "0"], "expected a number of at least 1, got 0"),
        (["sensitivity", "--samples", "many"], "expected a whole number, got 'many'"),
        (["sensitivity", "--seed", "-1"], "expected a number of at least 0"),
        (["rank", "--bogus"], "unrecognized arguments: --bogus"),
        (["report"], "the following arguments are required: --html"),
        (["validate"], "the following arguments are required: model"),
    ],
)
def test_bad_input_is_one_clear_message(argv, culprit, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    err = error(capsys, *argv)
    assert culprit in err
    assert not (tmp_path / "r.html").exists()


def test_output_to_a_missing_directory_is_one_message(tmp_path, capsys):
    err = error(capsys, "rank", "--output", str(tmp_path / "missing" / "out.txt"))
    assert "No such file or directory" in err


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, capsys, monkeypatch):
    target = tmp_path / "ranking.csv"
    target.write_text("old\n", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", fail)
    err = error(capsys, "rank", "--format", "csv", "-o", str(target))
    assert "No space left on device" in err
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ranking.csv"]


# -- parse_weights ----------------------------------------------------------------------


def test_parse_weights_keeps_the_others_and_reads_fractions():
    base = pd.Series({"a": 0.5, "b": 0.25, "c": 0.25})
    out = parse_weights(["a=1/4", "b = 0.5"], base)
    np.testing.assert_allclose(out.to_numpy(), [0.25, 0.5, 0.25], rtol=0, atol=0)
    assert out.name == "weight"


def test_parse_weights_errors_name_the_culprit():
    base = pd.Series({"cost": 0.5, "quality": 0.5})
    with pytest.raises(UnknownNameError, match=r"unknown criterion 'qualty'; did you mean"):
        parse_weights(["qualty=0.5"], base)
    with pytest.raises(WeightsError, match=r"must sum to 1 \(got 1\.3: 0\.8 given \+ 0\.5"):
        parse_weights(["cost=0.8"], base)
    with pytest.raises(WeightsError, match=r"must sum to 1 \(got 0\.9: 0\.9 given\)"):
        parse_weights(["cost=0.4", "quality=0.5"], base)
    with pytest.raises(WeightsError, match=r"fraction like 1/3 \(got '1/0'\)"):
        parse_weights(["cost=1/0"], base)


# -- init and validate ------------------------------------------------------------------


def test_init_writes_a_template_that_loads_and_ranks(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = ok(capsys, "init")
    path = tmp_path / "model.toml"
    assert out.startswith("wrote model.toml: a template model")
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") > 20  # commented
    analysis = load_model(path)
    assert len(analysis.criteria) >= 3
    assert analysis.scenario_names
    # it ranks, and validates without warnings even under --strict
    frame = pd.read_csv(io.StringIO(ok(capsys, "rank", "model.toml", "--format", "csv")))
    assert frame["alternative"].tolist() == analysis.rank().order()
    assert ok(capsys, "validate", "model.toml", "--strict").startswith("model.toml: OK")
    scenario = analysis.scenario_names[0]
    assert f"Scenario: {scenario}" in ok(capsys, "model.toml", "--scenario", scenario)


def test_init_refuses_to_overwrite_without_force(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text("keep me", encoding="utf-8")
    err = error(capsys, "init", str(path))
    assert f"{path}: the file already exists; use --force" in err
    assert path.read_text(encoding="utf-8") == "keep me"
    ok(capsys, "init", str(path), "--force")
    load_model(path)


def test_init_into_a_directory_is_an_error(tmp_path, capsys):
    err = error(capsys, "init", str(tmp_path), "--force")
    assert "is a directory" in err


def test_init_example_writes_the_china_japan_model(tmp_path, capsys):
    path = tmp_path / "cj.toml"
    ok(capsys, "init", "--example", str(path))
    assert path.read_text(encoding="utf-8") == china_japan_text()
    assert load_model(path) == china_japan()


def test_validate_reports_what_the_file_holds(tmp_path, capsys):
    path = tmp_path / "cj.toml"
    save_model(china_japan(), path)
    out = ok(capsys, "validate", str(path))
    assert out.splitlines()[0] == f"{path}: OK"
    # version 2 (the default): Table 4 and Section 5 give ten benefit and three exposure
    # criteria, the language barrier is the fourth cost; Section 6 divided gives 13 paths
    assert "criteria:         14 (10 benefit, 4 cost)" in out
    assert "alternative sets: paths (13), modes (9)" in out
    flat = " ".join(out.split())  # the lines wrap at the terminal's width
    assert "relations-deteriorate, rcep-deepens, ageing-first, detente-2022" in flat
    assert "runs with: TOPSIS, weights from the panel" in flat
    assert "warning" not in out


def test_validate_names_a_long_path_whole_on_its_first_line(tmp_path, capsys):
    """The first line is the file's path and OK, however long: it once wrapped at 79
    columns, breaking the path at a hyphen."""
    folder = tmp_path / ("a-long-folder-name-with-hyphens-" * 3)
    folder.mkdir()
    path = folder / "cj.toml"
    save_model(china_japan(), path)
    assert len(f"{path}: OK") > 100
    out = ok(capsys, "validate", str(path))
    assert out.splitlines()[0] == f"{path}: OK"


def _inconsistent_template(tmp_path: Path) -> Path:
    """The template with a third benefit criterion and an intransitive 3×3 at 'benefits'."""
    text = (Path(__file__).parents[2] / "src/pathchoice/study/data/template.toml").read_text(
        "utf-8"
    )
    text = text.replace(
        '[criteria."implementation cost"]',
        '[criteria."public support"]\n\n[criteria."implementation cost"]',
    )
    text = text.replace(
        'children = ["economic gain", "political feasibility"]',
        'children = ["economic gain", "political feasibility", "public support"]',
    )
    text = text.replace(
        '    { a = "economic gain", b = "political feasibility", value = "1/2", reason = '
        '"Without agreement there is no gain.", source = "example" },',
        '    { a = "economic gain", b = "political feasibility", value = 9 },\n'
        '    { a = "political feasibility", b = "public support", value = 9 },\n'
        '    { a = "public support", b = "economic gain", value = 9 },',
    )
    for alternative in ("Policy dialogue", "Joint standards", "Talent exchange"):
        text = text.replace(
            f'[performance.paths."{alternative}"]',
            f'[performance.paths."{alternative}"]\n"public support" = 5',
        )
    path = tmp_path / "inconsistent.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_warns_about_inconsistent_judgements(tmp_path, capsys):
    path = _inconsistent_template(tmp_path)
    assert not load_model(path).weights().is_consistent
    out = ok(capsys, "validate", str(path))
    assert "warning: inconsistent judgements (consistency ratio > 0.1) at nodes ['benefits']" in (
        " ".join(out.split())
    )
    code, out, _ = run(capsys, "validate", str(path), "--strict")
    assert code == 1
    assert "warning" in out
    rank = ok(capsys, "rank", str(path))
    assert "the judgements at ['benefits'] are inconsistent" in " ".join(rank.split())


@pytest.mark.parametrize("name", sorted(p.name for p in MALFORMED.glob("*.toml")))
def test_validate_every_malformed_file_is_one_message(name, capsys):
    err = error(capsys, "validate", str(MALFORMED / name))
    assert err.startswith(f"pathchoice: error: {MALFORMED / name}")


# -- report -----------------------------------------------------------------------------


def test_report_command_writes_the_html_file(tmp_path, capsys):
    path = tmp_path / "report.html"
    out = ok(capsys, "report", "--set", "modes", "--samples", SAMPLES, "--html", str(path))
    assert out.startswith(f"wrote {path} (")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    best = china_japan().rank("modes").best
    ranking = page.split('<table id="ranking">', 1)[1].split("</table>", 1)[0]
    assert best in ranking


# -- text tables ------------------------------------------------------------------------


def test_text_table_aligns_text_left_and_numbers_right():
    frame = pd.DataFrame({"name": ["a", "bbb"], "value": [1.5, 10.25], "n": [1, 20]})
    assert text_table(frame).splitlines() == [
        "name    value   n",
        "a      1.5000   1",
        "bbb   10.2500  20",
    ]
    frame = pd.DataFrame({"x": [np.nan, 0.1], "ok": [True, False]})
    assert text_table(frame).splitlines() == ["     x  ok", "     -  yes", "0.1000  no"]


def test_sensitivity_of_a_model_with_direct_weights_only(tmp_path, capsys):
    frame = pd.DataFrame(
        {"price": [3.0, 5.0, 4.0, 6.0], "quality": [0.4, 0.9, 0.7, 0.8]},
        index=["A", "B", "C", "D"],
    )
    path = tmp_path / "flat.toml"
    save_model(
        Analysis.from_frame(
            frame, directions={"price": "cost"}, weights={"price": 0.4, "quality": 0.6}
        ),
        path,
    )
    out = ok(capsys, "sensitivity", str(path), "--samples", SAMPLES)
    assert "The AHP judgement closest" not in out
    assert "Weight thresholds" in out


# -- issue 9, class 7: options read as a person writes them, messages true to the model -----


@pytest.mark.parametrize("samples", ["1e3", "1000", "1_000", "1E3", "1000.0"])
def test_samples_in_scientific_notation(samples, capsys):
    assert main(["sensitivity", "--samples", samples, "--table", "smaa"]) == 0
    assert "SMAA-2 over 1,000 weight vectors" in capsys.readouterr().out


@pytest.mark.parametrize("samples", ["1.5", "1e-3", "inf", "nan", "1e", ""])
def test_samples_that_are_not_whole_are_refused(samples, capsys):
    assert main(["sensitivity", "--samples", samples]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"expected a whole number, got {samples!r}" in err


def test_a_scenario_on_a_model_without_scenarios_says_it_has_none(tmp_path, capsys):
    import pandas as pd

    from pathchoice.study.analysis import Analysis

    frame = pd.DataFrame({"cost": [3.0, 5.0], "reach": [0.4, 0.9]}, index=["X", "Y"])
    path = save_model(Analysis.from_frame(frame, title="no scenarios"), tmp_path / "m.toml")
    assert main(["rank", str(path), "--scenario", "x"]) == 2
    err = capsys.readouterr().err
    assert "unknown scenario 'x'; the model has no scenarios" in err
    assert "(scenarios: )" not in err and "scenarios are []" not in err


# -- judgement sets and the model file's analysis settings ------------------------------


@pytest.mark.parametrize("name", ["paper", "china-side", "japan-side", "hierarchy", "panel"])
def test_judgements_ranks_with_one_set(capsys, name):
    out = ok(capsys, "rank", "--judgements", name, "--format", "csv")
    expected = use_judgements(china_japan(), name).rank()
    frame = pd.read_csv(io.StringIO(out))
    assert frame["alternative"].tolist() == expected.order()
    np.testing.assert_allclose(frame["score"], expected.scores[expected.order()], rtol=1e-15)


def test_judgements_table_names_the_set_and_weights_follow_it(capsys):
    out = ok(capsys, "rank", "--judgements", "japan-side")
    assert "Judgements: one judgement set, 'japan-side': A Japan-side perspective." in out
    default = ok(capsys, "rank")
    assert "Judgements: the expert panel's 3 judgement sets" in " ".join(default.split())
    frame = pd.read_json(
        io.StringIO(ok(capsys, "weights", "--judgements", "paper", "--format", "json"))
    )
    expected = use_judgements(china_japan(), "paper").weights().to_frame()
    np.testing.assert_allclose(frame["global_weight"], expected["global_weight"], rtol=1e-14)


def test_judgements_of_a_model_without_a_panel(tmp_path, capsys):
    path = tmp_path / "v1.toml"
    save_model(china_japan(version=1), path)
    assert "Judgements: the hierarchy's own judgements." in ok(capsys, "rank", str(path))
    err = error(capsys, "rank", str(path), "--judgements", "panel")
    assert "unknown judgement set 'panel'" in err and "(judgement sets: 'hierarchy')" in err


def test_judgements_help_says_the_default_in_plain_words(capsys):
    for command in ("rank", "weights", "sensitivity", "compare", "report"):
        flat = " ".join(ok(capsys, command, "--help").split())
        assert "--judgements NAME" in flat
        assert (
            "Default: what the model file says; for the embedded China–Japan model, the panel "
            "of three judgement sets combined by the geometric mean of their judgements (AIJ), "
            "each set weighted equally" in flat
        )


def test_sensitivity_uses_the_model_files_samples_and_seed_unless_given(capsys):
    settings = china_japan().settings  # [analysis] smaa_samples and seed of the model file
    assert (settings.smaa_samples, settings.seed) == (10_000, 20240501)
    out = ok(capsys, "sensitivity", "--table", "smaa", "--format", "csv", "--samples", SAMPLES)
    expected = run_study(china_japan(), n_samples=int(SAMPLES)).summary.smaa.to_frame()
    frame = pd.read_csv(io.StringIO(out)).set_index("alternative")
    np.testing.assert_allclose(
        frame.loc[expected.index, "first_rank_acceptability"],
        expected["first_rank_acceptability"],
        rtol=1e-14,
    )
    text = ok(capsys, "sensitivity", "--samples", SAMPLES)
    assert f"({int(SAMPLES):,} sampled weight vectors, seed {settings.seed})" in text
