"""Every command and the report on the smallest valid models (issue 9, class 3):
benefit-only, cost-only, two alternatives, one criterion, and a table on which
every alternative ties. A method that cannot take a model is left out of the
comparison with a finding that names it; nothing fails."""

from __future__ import annotations

import pandas as pd
import pytest

from pathchoice.study.analysis import Analysis
from pathchoice.study.cli import main
from pathchoice.study.modelfile import save_model
from pathchoice.study.report import render_report
from pathchoice.study.run import run

TABLES = {
    "benefit-only": (
        pd.DataFrame({"a": [1.0, 2, 4], "b": [3.0, 1, 2], "c": [2.0, 5, 1]}, index=["X", "Y", "Z"]),
        "benefit",
    ),
    "cost-only": (
        pd.DataFrame({"a": [1.0, 2, 4], "b": [3.0, 1, 2], "c": [2.0, 5, 1]}, index=["X", "Y", "Z"]),
        "cost",
    ),
    "two alternatives": (
        pd.DataFrame({"a": [1.0, 2], "b": [3.0, 1]}, index=["X", "Y"]),
        {"b": "cost"},
    ),
    "one criterion": (pd.DataFrame({"a": [1.0, 2, 3]}, index=["X", "Y", "Z"]), "benefit"),
    # a Latin square with equal weights: every alternative ties under every method
    "all tie": (
        pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2], "c": [2.0, 3, 1]}, index=["X", "Y", "Z"]),
        "benefit",
    ),
}
COMMANDS = [
    ["rank"],
    ["rank", "--format", "json"],
    ["weights"],
    ["sensitivity", "--samples", "200"],
    ["sensitivity", "--samples", "200", "--table", "smaa"],
    ["sensitivity", "--samples", "200", "--table", "facts", "--format", "csv"],
    ["compare"],
    ["compare", "--methods", "topsis", "vikor", "copras", "spotis"],
    ["validate"],
]


def _analysis(name: str) -> Analysis:
    frame, directions = TABLES[name]
    return Analysis.from_frame(frame, directions=directions, title=name)


@pytest.fixture(scope="module", params=list(TABLES))
def model_file(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("degenerate") / "model.toml"
    save_model(_analysis(request.param), path)
    return request.param, path


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_every_command_works(model_file, argv, capsys):
    _, path = model_file
    command, *options = argv
    assert main([command, str(path), *options]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out


def test_the_report_works(model_file, tmp_path, capsys):
    name, path = model_file
    out = tmp_path / "report.html"
    assert main(["report", str(path), "--html", str(out), "--samples", "200"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="ranking"' in page
    assert render_report(_analysis(name), n_samples=200, plots=False).count('id="ranking"') == 1


def test_a_method_that_cannot_rank_is_left_out_with_a_finding():
    study = run(_analysis("one criterion"), n_samples=200)
    assert "copras" not in study.settings["methods"]
    assert "topsis" in study.settings["methods"]
    assert any(f.startswith("COPRAS was left out of the comparison") for f in study.findings)
    assert "copras" not in study.summary.comparison.methods
    both = run(_analysis("two alternatives"), n_samples=200)
    assert "copras" in both.settings["methods"] and both.findings == ()


def test_a_comparison_that_cannot_be_made_is_said_so(capsys):
    path_free = _analysis("one criterion")
    study = run(path_free, n_samples=200, methods=["topsis", "copras"])
    assert study.summary.comparison is None
    assert "methods" not in study.summary.sentences
    assert study.findings[-1].startswith("The comparison of methods was left out")
