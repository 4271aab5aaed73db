"""Malformed and extreme input, table by table (issue 9, "Also").

Each case gives the input, the exception type it must raise and a pattern that
the culprit (argument, key, cell, location, file) must be named by; valid but
degenerate input gets its defined result instead. Three tables: the Python API
of the study layer, model files, and the command line (where every bad input
prints one line and exits with status 2).
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from pathchoice import china_japan
from pathchoice.exceptions import (
    ArgumentError,
    MethodError,
    ModelError,
    ModelFileError,
    ResultTypeError,
    UnknownNameError,
    WeightsError,
)
from pathchoice.study.analysis import (
    Alternative,
    AlternativeSet,
    Analysis,
    Case,
    DirectWeight,
    Judgement,
    Metadata,
    Scenario,
    Score,
)
from pathchoice.study.cli import main, parse_weights
from pathchoice.study.files import WriteError, write_atomic
from pathchoice.study.modelfile import dumps_model, load_model, loads_model, save_model
from pathchoice.study.report import render_report, render_study, write_report
from pathchoice.study.run import run
from pathchoice.study.summary import robustness_summary

BASE = (Path(__file__).parent / "data" / "base_model.toml").read_text(encoding="utf-8")


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"cost": [3.0, 5.0, 4.0], "reach": [0.4, 0.9, 0.7]}, index=list("XYZ"))


def _toy() -> Analysis:
    return Analysis.from_frame(_frame(), directions={"cost": "cost"}, title="toy")


def test_the_base_model_file_is_valid():
    analysis = loads_model(BASE, source="m.toml")
    assert analysis.rank().best == "C"
    assert analysis.with_scenario("s").weights().global_weights["gain"] == pytest.approx(0.75)


# -- 1. the Python API ------------------------------------------------------------------------

CJ = china_japan()
API = [
    # run(): options
    (
        "run: not an analysis",
        lambda: run(CJ.decision_model()),
        ResultTypeError,
        r"run: expected an Analysis \(e\.g\. from load_model or china_japan\), got Model",
    ),
    (
        "run: a path",
        lambda: run("model.toml"),
        ResultTypeError,
        r"run: expected an Analysis .*, got str 'model\.toml'",
    ),
    (
        "run: method not a name",
        lambda: run(CJ, method=3),
        MethodError,
        r"run: unknown ranking method 3",
    ),
    (
        "run: method typo",
        lambda: run(CJ, method="vikr"),
        MethodError,
        r"'vikr'; did you mean 'vikor'",
    ),
    (
        "run: n_samples float",
        lambda: run(CJ, n_samples=1.5),
        ArgumentError,
        r"run: n_samples must be a whole number >= 1 \(got 1.5\)",
    ),
    (
        "run: n_samples negative",
        lambda: run(CJ, n_samples=-5),
        ArgumentError,
        r"run: n_samples .*\(got -5\)",
    ),
    (
        "run: n_samples string",
        lambda: run(CJ, n_samples="100"),
        ArgumentError,
        r"run: n_samples .*\(got '100'\)",
    ),
    ("run: rng bool", lambda: run(CJ, rng=True), ArgumentError, r"run: rng .*\(got True\)"),
    ("run: rng list", lambda: run(CJ, rng=[1, 2]), ArgumentError, r"run: rng .*\(got \[1, 2\]\)"),
    (
        "run: scenario number",
        lambda: run(CJ, scenario=3),
        ResultTypeError,
        r"run: scenario must be a scenario name .*\(got 3\)",
    ),
    (
        "run: scenario unknown in list",
        lambda: run(CJ, scenario=["rcep-deepens", "war"]),
        UnknownNameError,
        r"run: unknown scenario 'war'",
    ),
    (
        "run: set unknown",
        lambda: run(CJ, alternative_set="path"),
        UnknownNameError,
        r"unknown alternative set 'path'",
    ),
    (
        "run: weights missing a criterion",
        lambda: run(CJ, weights={"shared strengths": 1.0}),
        WeightsError,
        r"shared strengths|missing",
    ),
    (
        "run: weights negative",
        lambda: run(
            CJ, weights=dict(zip(CJ.criterion_names, [-0.1, 0.3, *[0.8 / 12] * 12], strict=True))
        ),
        WeightsError,
        r"negative",
    ),
    (
        "run: weights do not sum to 1",
        lambda: run(CJ, weights=dict.fromkeys(CJ.criterion_names, 0.2)),
        WeightsError,
        r"sum to 1",
    ),
    (
        "run: sections not a list",
        lambda: run(CJ, sections="smaa"),
        ResultTypeError,
        r"run: sections must be a sequence",
    ),
    (
        "run: section unknown",
        lambda: run(CJ, sections=["ranking", "tornado"]),
        ArgumentError,
        r"run: sections must be one of .*\(got 'tornado'\)",
    ),
    (
        "run: consensus unknown",
        lambda: run(CJ, consensus="mean"),
        ArgumentError,
        r"run: consensus .*\(got 'mean'\)",
    ),
    (
        "run: one method to compare",
        lambda: run(CJ, methods=["topsis"]),
        MethodError,
        r"at least two methods",
    ),
    (
        "run: unknown method to compare",
        lambda: run(CJ, methods=["topsis", "magic"]),
        MethodError,
        r"run: methods: unknown ranking method 'magic'",
    ),
    # report
    (
        "render_report: no analysis",
        lambda: render_report(None),
        ResultTypeError,
        r"render_report: expected an Analysis .*, got NoneType",
    ),
    (
        "render_report: a dict",
        lambda: render_report({"title": "x"}),
        ResultTypeError,
        r"render_report: expected an Analysis .*, got dict",
    ),
    (
        "render_report: plots not a flag",
        lambda: render_report(_toy(), n_samples=50, plots="yes"),
        ArgumentError,
        r"render_study: plots must be True or False \(got 'yes'\)",
    ),
    (
        "render_study: an analysis",
        lambda: render_study(_toy()),
        ResultTypeError,
        r"render_study: expected a StudyResult",
    ),
    (
        "write_report: a model",
        lambda: write_report(CJ.decision_model(), "r.html"),
        ResultTypeError,
        r"write_report: expected an Analysis",
    ),
    (
        "write_report: old argument order",
        lambda: write_report("r.html", CJ),
        ResultTypeError,
        r"write_report: expected an Analysis .*, got str 'r\.html'",
    ),
    # model files from Python
    (
        "save_model: not an analysis",
        lambda: save_model({"a": 1}, "m.toml"),
        ModelFileError,
        r"save_model expects an Analysis \(got dict\)",
    ),
    (
        "dumps_model: a model",
        lambda: dumps_model(CJ.decision_model()),
        ModelFileError,
        r"expects an Analysis \(got Model\)",
    ),
    (
        "load_model: a number",
        lambda: load_model(3),
        ModelFileError,
        r"load_model: path must be a file name or path \(got int 3\)",
    ),
    (
        "load_model: missing file",
        lambda: load_model("no/such/model.toml"),
        ModelFileError,
        r"no/such/model\.toml: cannot read the file",
    ),
    (
        "loads_model: bytes",
        lambda: loads_model(b"format = 1"),
        ModelFileError,
        r"<string>: expected the file's text, got bytes",
    ),
    (
        "write_atomic: a number as path",
        lambda: write_atomic(3.5, "x"),
        WriteError,
        r"expected a file name or path to write to, got float",
    ),
    (
        "load_model: a directory",
        lambda: load_model("."),
        ModelFileError,
        r"^\.: cannot read the file \(it is a directory\)",
    ),
    (
        "render_report: rng text",
        lambda: render_report(_toy(), rng="abc", plots=False),
        ArgumentError,
        r"rng must be None, a whole number >= 0, a numpy SeedSequence or Generator \(got 'abc'\)",
    ),
    # the analysis and its records
    (
        "from_frame: not a frame",
        lambda: Analysis.from_frame([[1, 2]]),
        ModelError,
        r"performance must be a pandas DataFrame \(got list\)",
    ),
    (
        "from_frame: unknown direction key",
        lambda: Analysis.from_frame(_frame(), directions={"speed": "cost"}),
        UnknownNameError,
        r"\['speed'\]",
    ),
    (
        "from_frame: a NaN score",
        lambda: Analysis.from_frame(_frame().assign(cost=[1.0, math.nan, 2.0])),
        ModelError,
        r"performance\.alternatives\.Y\.cost: expected a finite number",
    ),
    (
        "from_frame: text score",
        lambda: Analysis.from_frame(_frame().assign(cost=["1", "2", "3"])),
        ModelError,
        r"performance\.alternatives\.X\.cost: expected a number, got '1'",
    ),
    (
        "from_frame: a boolean score",
        lambda: Analysis.from_frame(_frame().assign(cost=[True, False, True])),
        ModelError,
        r"performance\.alternatives\.X\.cost: expected a number, got True",
    ),
    (
        "from_frame: one alternative",
        lambda: Analysis.from_frame(_frame().iloc[:1]),
        ModelError,
        r"at least two alternatives \(got 1\)",
    ),
    (
        "from_frame: weights off by 0.1",
        lambda: Analysis.from_frame(_frame(), weights={"cost": 0.5, "reach": 0.4}),
        WeightsError,
        r"weights must sum to 1 \(got 0\.9",
    ),
    (
        "with_score: unknown criterion",
        lambda: _toy().with_score("alternatives", "X", "speed", 1, reason="r"),
        UnknownNameError,
        r"unknown criterion 'speed'",
    ),
    (
        "with_score: unknown alternative",
        lambda: _toy().with_score("alternatives", "Q", "cost", 1, reason="r"),
        UnknownNameError,
        r"unknown alternative 'Q'",
    ),
    (
        "with_score: text value",
        lambda: _toy().with_score("alternatives", "X", "cost", "high", reason="r"),
        ModelError,
        r"performance\.alternatives\.X\.cost: expected a number, got 'high'",
    ),
    (
        "with_judgement: unknown node",
        lambda: CJ.with_judgement("nowhere", "a", "b", 2, reason="r"),
        UnknownNameError,
        r"unknown hierarchy node 'nowhere'",
    ),
    (
        "with_weights: not summing",
        lambda: _toy().with_weights("goal", {"cost": 0.2, "reach": 0.2}, reason="r"),
        WeightsError,
        r"sum to 1",
    ),
    (
        "with_scenario: a list",
        lambda: CJ.with_scenario(["rcep-deepens", "ageing-first"]),
        ArgumentError,
        r"a scenario name must be a string \(got \['rcep-deepens', 'ageing-first'\]\); to apply several",  # noqa: E501
    ),
    (
        "with_scenario: none there",
        lambda: _toy().with_scenario("x"),
        UnknownNameError,
        r"unknown scenario 'x'; the analysis has no scenarios",
    ),
    (
        "alternative_set: a number",
        lambda: CJ.alternative_set(0),
        ArgumentError,
        r"an alternative set name must be a string \(got 0\)",
    ),
    (
        "cases_for: unknown alternative",
        lambda: CJ.cases_for("Nowhere"),
        UnknownNameError,
        r"unknown alternative 'Nowhere' in set 'paths'",
    ),
    (
        "Metadata: empty title",
        lambda: Metadata(title="  "),
        ModelError,
        r"metadata\.title: expected a non-empty string",
    ),
    (
        "Alternative: a number as name",
        lambda: Alternative(3),
        ModelError,
        r"alternative name: expected a non-empty string, got 3",
    ),
    (
        "AlternativeSet: duplicate",
        lambda: AlternativeSet("s", ("a", "a")),
        ModelError,
        r"sets\.s\.alternatives\[1\]: duplicate alternative 'a'",
    ),
    (
        "Score: infinite",
        lambda: Score("s", "a", "c", math.inf),
        ModelError,
        r"performance\.s\.a\.c: expected a finite number, got inf",
    ),
    (
        "Judgement: boolean value",
        lambda: Judgement("goal", "a", "b", True),
        ModelError,
        r"judgement \('a', 'b'\) at node 'goal': value: expected a number, got True",
    ),
    (
        "DirectWeight: nan",
        lambda: DirectWeight("goal", "a", math.nan),
        ModelError,
        r"weight of 'a' at node 'goal': value: expected a finite number",
    ),
    (
        "Analysis: hierarchy not a Node",
        lambda: dataclasses.replace(CJ, hierarchy_tree="goal"),
        ModelError,
        r"hierarchy: expected an ahp\.Node tree, got str",
    ),
    (
        "Scenario: wrong record",
        lambda: Scenario("s", judgements=("x",)),
        ModelError,
        r"scenarios\.s\.judgements\[0\]: expected Judgement, got 'x'",
    ),
    (
        "Case: bad actors",
        lambda: Case("c", actors=(("China",),)),
        ModelError,
        r"case 'c': actors must be \(party, actor\) string pairs",
    ),
    # the summary
    (
        "robustness_summary: rng text",
        lambda: robustness_summary(_toy().decision_model(), [0.5, 0.5], rng="abc"),
        ArgumentError,
        r"robustness_summary: rng .*\(got 'abc'\)",
    ),
    (
        "robustness_summary: rng -1",
        lambda: robustness_summary(_toy().decision_model(), [0.5, 0.5], rng=-1),
        ArgumentError,
        r"robustness_summary: rng .*\(got -1\)",
    ),
    (
        "robustness_summary: n_samples 0",
        lambda: robustness_summary(_toy().decision_model(), [0.5, 0.5], n_samples=0),
        ArgumentError,
        r"robustness_summary: n_samples must be a whole number >= 1 \(got 0\)",
    ),
    # weights from the command line
    (
        "parse_weights: no '='",
        lambda: parse_weights(["cost"], pd.Series({"cost": 0.5, "reach": 0.5})),
        WeightsError,
        r"--weights: expected NAME=VALUE .* got 'cost'",
    ),
    (
        "parse_weights: not a number",
        lambda: parse_weights(["cost=lots"], pd.Series({"cost": 0.5, "reach": 0.5})),
        WeightsError,
        r"--weights: the weight of 'cost' must be a number .*\(got 'lots'\)",
    ),
    (
        "parse_weights: division by zero",
        lambda: parse_weights(["cost=1/0"], pd.Series({"cost": 0.5, "reach": 0.5})),
        WeightsError,
        r"the weight of 'cost' must be a number",
    ),
    (
        "parse_weights: unknown name",
        lambda: parse_weights(["costs=0.5"], pd.Series({"cost": 0.5, "reach": 0.5})),
        UnknownNameError,
        r"unknown criterion 'costs'; did you mean 'cost'",
    ),
    (
        "parse_weights: infinite",
        lambda: parse_weights(["cost=inf"], pd.Series({"cost": 0.5, "reach": 0.5})),
        WeightsError,
        r"must be a number",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "pattern"), [c[1:] for c in API], ids=[c[0] for c in API]
)
def test_api(call, error, pattern, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=pattern):
        call()
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_degenerate_but_valid_input_has_its_defined_result():
    # every alternative identical: all share rank 1, TOPSIS scores are all 0.5 (Hwang & Yoon's
    # closeness is undefined at 0/0; pathchoice defines it as the midpoint, documented in topsis)
    frame = pd.DataFrame({"a": [2.0, 2.0, 2.0], "b": [1.0, 1.0, 1.0]}, index=list("XYZ"))
    study = run(Analysis.from_frame(frame, title="ties"), n_samples=100)
    assert study.ranking.ranks.tolist() == [1, 1, 1]
    # one criterion: its weight is 1 and the thresholds say it can never lose first place
    one = run(Analysis.from_frame(frame[["a"]].assign(a=[1.0, 2.0, 3.0])), n_samples=100)
    assert one.weights.tolist() == [1.0]
    assert one.top == "Z"
    # a judgement of exactly 1 everywhere gives equal weights
    assert loads_model(
        BASE.replace("value = 2 }]", "value = 1 }]")
    ).weights().global_weights.tolist() == [0.5, 0.5]


# -- 2. model files -----------------------------------------------------------------------------


def _sub(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


FILES = [
    ("empty", "", r"the file is empty"),
    ("only a comment", "# nothing\n", r"the file is empty"),
    ("TOML syntax", _sub('title = "t"', "title = t"), r"TOML syntax error: .*line 3"),
    ("a CSV file", "name,cost\nA,1\n", r"looks like a table \(CSV\), not a model file; use"),
    (
        "no format",
        _sub('format = "pathchoice-model/1"\n', ""),
        r"format: missing; expected format = ",
    ),
    (
        "format not a string",
        _sub('format = "pathchoice-model/1"', "format = 1"),
        r"format: expected a string, got 1",
    ),
    (
        "unknown format",
        _sub("model/1", "model/9"),
        r"format: unsupported format 'pathchoice-model/9'; .* reads "
        r"\['pathchoice-model/1', 'pathchoice-model/2'\]",
    ),
    ("unknown top-level key", _sub("[metadata]", "colour = 1\n[metadata]"), r"colour: unknown key"),
    (
        "no metadata",
        _sub('[metadata]\ntitle = "t"\n', ""),
        r"\(top level\): missing required key 'metadata'",
    ),
    (
        "title empty",
        _sub('title = "t"', 'title = ""'),
        r"metadata\.title: expected a non-empty string",
    ),
    (
        "title a number",
        _sub('title = "t"', "title = 5"),
        r"metadata\.title: expected a string, got 5",
    ),
    (
        "metadata misspelt key",
        _sub('title = "t"', 'title = "t"\ntitel = "u"'),
        r"metadata\.titel: unknown key",
    ),
    (
        "direction unknown",
        _sub('direction = "cost"', 'direction = "costly"'),
        r"criteria\.cost\.direction: expected one of \['benefit', 'cost'\], got 'costly'",
    ),
    (
        "criterion not a table",
        _sub('[criteria.gain]\ndirection = "benefit"\n', "").replace(
            "[criteria.cost]", "[criteria]\ngain = 3\n[criteria.cost]"
        ),
        r"criteria\.gain: expected a table, got 3",
    ),
    (
        "set with one alternative",
        _sub(
            'alternatives = [{ name = "A" }, { name = "B" }, { name = "C" }]',
            'alternatives = [{ name = "A" }]',
        ),
        r"sets\.paths\.alternatives: expected at least two, got 1",
    ),
    (
        "duplicate alternative",
        _sub('{ name = "C" }]', '{ name = "A" }]'),
        r"sets\.paths\.alternatives\[2\]\.name: duplicate alternative 'A' \(also at sets\.paths\.alternatives\[0\]\.name\)",  # noqa: E501
    ),
    (
        "alternative without name",
        _sub('{ name = "C" }', '{ title = "C" }'),
        r"sets\.paths\.alternatives\[2\]\.title: unknown key",
    ),
    (
        "alternatives not an array",
        _sub(
            'alternatives = [{ name = "A" }, { name = "B" }, { name = "C" }]',
            'alternatives = "A, B"',
        ),
        r"sets\.paths\.alternatives: expected an array of tables, got 'A, B'",
    ),
    (
        "no sets",
        _sub(
            '[sets.paths]\nalternatives = [{ name = "A" }, { name = "B" }, { name = "C" }]\n',
            "",
        ).replace("[metadata]", "sets = {}\n[metadata]"),
        r"sets: expected at least one alternative set",
    ),
    (
        "score a string",
        _sub("gain = 3", 'gain = "high"'),
        r"performance\.paths\.A\.gain: expected a number, got 'high'",
    ),
    (
        "score a boolean",
        _sub("gain = 3", "gain = true"),
        r"performance\.paths\.A\.gain: expected a number, got true",
    ),
    (
        "score nan",
        _sub("gain = 3", "gain = nan"),
        r"performance\.paths\.A\.gain: expected a finite number, got nan",
    ),
    (
        "score inf",
        _sub("gain = 3", "gain = -inf"),
        r"performance\.paths\.A\.gain: expected a finite number, got -inf",
    ),
    (
        "score missing",
        _sub("gain = 3\n", ""),
        r"performance\.paths\.A: missing score for criteria \['gain'\]",
    ),
    (
        "score for unknown criterion",
        _sub("gain = 3", "gain = 3\nspeed = 1"),
        r"performance\.paths\.A\.speed: unknown criterion; criteria are \['gain', 'cost'\]",
    ),
    (
        "scores of unknown alternative",
        BASE + "[performance.paths.D]\ngain = 1\ncost = 1\n",
        r"performance\.paths\.D: unknown alternative",
    ),
    (
        "scores of unknown set",
        BASE + "[performance.modes.A]\ngain = 1\n",
        r"performance\.modes: unknown alternative set",
    ),
    (
        "missing alternative's scores",
        _sub("[performance.paths.C]\ngain = 4\ncost = 1\n", ""),
        r"performance\.paths: missing performance of alternative 'C'",
    ),
    (
        "score table without score",
        _sub("gain = 3", 'gain = { reason = "why" }'),
        r"performance\.paths\.A\.gain: missing required key 'score'",
    ),
    (
        "score table unknown key",
        _sub("gain = 3", 'gain = { score = 3, why = "x" }'),
        r"performance\.paths\.A\.gain\.why: unknown key",
    ),
    (
        "reason a number",
        _sub("gain = 3", "gain = { score = 3, reason = 7 }"),
        r"performance\.paths\.A\.gain\.reason: expected a string, got 7",
    ),
    ("no root", _sub('root = "goal"\n', ""), r"hierarchy: missing required key 'root'"),
    ("unknown root", _sub('root = "goal"', 'root = "top"'), r"hierarchy\.root: unknown node 'top'"),
    (
        "node without children",
        _sub('children = ["gain", "cost"]', "children = []"),
        r"hierarchy\.nodes\.goal\.children: expected at least one child",
    ),
    (
        "unknown child",
        _sub('children = ["gain", "cost"]', 'children = ["gain", "cost", "speed"]'),
        r"'speed' is neither a node nor a criterion",
    ),
    (
        "criterion not in hierarchy",
        _sub('children = ["gain", "cost"]', 'children = ["gain"]'),
        r"criteria \['cost'\] are not in the hierarchy",
    ),
    (
        "repeated child",
        _sub('children = ["gain", "cost"]', 'children = ["gain", "cost", "gain"]'),
        r"hierarchy\.nodes\.goal\.children\[2\]: 'gain' is repeated \(also at \[0\]\)",
    ),
    (
        "judgement zero",
        _sub("value = 2 }]", "value = 0 }]"),
        r"hierarchy\.nodes\.goal\.judgements\[0\]: judgement \('gain', 'cost'\) must be positive "
        r"\(got 0\)",
    ),
    ("judgement negative", _sub("value = 2 }]", "value = -3 }]"), r"must be positive \(got -3\)"),
    (
        "judgement fraction by zero",
        _sub("value = 2 }]", 'value = "1/0" }]'),
        r"hierarchy\.nodes\.goal\.judgements\[0\]\.value: expected a number or a fraction like '1/3', got '1/0'",  # noqa: E501
    ),
    (
        "judgement text",
        _sub("value = 2 }]", 'value = "strong" }]'),
        r"judgements\[0\]\.value: expected a number or a fraction",
    ),
    (
        "judgement boolean",
        _sub("value = 2 }]", "value = true }]"),
        r"judgements\[0\]\.value: expected a number or a fraction like '1/3', got true",
    ),
    (
        "judgement of a stranger",
        _sub('{ a = "gain", b = "cost", value = 2 }', '{ a = "gain", b = "speed", value = 2 }'),
        r"hierarchy\.nodes\.goal\.judgements\[0\]: judgement \('gain', 'speed'\) names unknown label 'speed'; labels are \['gain', 'cost'\]",  # noqa: E501
    ),
    (
        "judgement with itself",
        _sub('{ a = "gain", b = "cost", value = 2 }', '{ a = "gain", b = "gain", value = 2 }'),
        r"hierarchy\.nodes\.goal\.judgements\[0\]: self-comparison \('gain', 'gain'\) must be 1 \(a label compared with itself\), got 2",  # noqa: E501
    ),
    (
        "contradictory judgements",
        _sub("value = 2 }]", 'value = 2 }, { a = "cost", b = "gain", value = 2 }]'),
        r"hierarchy\.nodes\.goal\.judgements\[1\]: pair \('gain', 'cost'\) is judged twice with values that disagree: \('gain', 'cost'\) = 2 and \('cost', 'gain'\) = 2 \(expected 1/2\)",  # noqa: E501
    ),
    (
        "pair judged twice, agreeing",
        _sub("value = 2 }]", 'value = 2 }, { a = "cost", b = "gain", value = "1/2" }]'),
        r"hierarchy\.nodes\.goal\.judgements\[1\]: the pair \('cost', 'gain'\) is judged more "
        r"than once",
    ),
    (
        "root as a child",
        BASE.replace("[scenarios.s]", '[hierarchy.nodes.side]\nchildren = ["goal"]\n[scenarios.s]'),
        r"hierarchy\.nodes\.side\.children\[0\]: the root 'goal' cannot be a child",
    ),
    (
        "nodes in a cycle",
        BASE.replace(
            "[scenarios.s]",
            '[hierarchy.nodes.p]\nchildren = ["q"]\n[hierarchy.nodes.q]\nchildren = ["p"]\n'
            "[scenarios.s]",
        ),
        r"hierarchy\.nodes\.p: node is not reachable from the root 'goal'",
    ),
    (
        "orphan node",
        BASE.replace("[scenarios.s]", '[hierarchy.nodes.side]\nchildren = ["gain"]\n[scenarios.s]'),
        r"'gain' is already a child of node 'goal'",
    ),
    (
        "no judgements",
        _sub('judgements = [{ a = "gain", b = "cost", value = 2 }]\n', ""),
        r"hierarchy\.nodes\.goal: node 'goal' has 2 children but neither judgements nor weights",
    ),
    (
        "judgements and weights",
        _sub(
            'judgements = [{ a = "gain", b = "cost", value = 2 }]',
            'judgements = [{ a = "gain", b = "cost", value = 2 }]\nweights = { gain = 0.5, cost = 0.5 }',  # noqa: E501
        ),
        r"hierarchy\.nodes\.goal: a node takes judgements or weights, not both",
    ),
    (
        "weights not summing",
        _sub(
            'judgements = [{ a = "gain", b = "cost", value = 2 }]',
            "weights = { gain = 0.5, cost = 0.6 }",
        ),
        r"hierarchy\.nodes\.goal: node 'goal': weights must sum to 1 \(got 1\.1 for 2 children\)",
    ),
    (
        "weight negative",
        _sub(
            'judgements = [{ a = "gain", b = "cost", value = 2 }]',
            "weights = { gain = 1.5, cost = -0.5 }",
        ),
        r"hierarchy\.nodes\.goal\.weights\.cost: node 'goal': weight of 'cost' must be finite and non-negative \(got -0\.5\)",  # noqa: E501
    ),
    (
        "scenario node unknown",
        _sub('{ node = "goal", a', '{ node = "top", a'),
        r"scenarios\.s\.judgements\[0\]: unknown hierarchy node 'top'",
    ),
    (
        "scenario judgement of itself",
        _sub(
            '{ node = "goal", a = "gain", b = "cost", value = 3 }',
            '{ node = "goal", a = "cost", b = "cost", value = 3 }',
        ),
        r"scenarios\.s\.judgements\[0\]: self-comparison \('cost', 'cost'\) must be 1",
    ),
    (
        "scenario score of unknown alternative",
        BASE + 'scores = [{ set = "paths", alternative = "Q", criterion = "gain", score = 1 }]\n',
        r"scenarios\.s\.scores\[0\]: unknown alternative 'Q'",
    ),
    (
        "scenario scores not an array",
        BASE + "scores = 1\n",
        r"scenarios\.s\.scores: expected an array of tables, got 1",
    ),
    (
        "cases not an array",
        _sub("[metadata]", "cases = 3\n[metadata]"),
        r"cases: expected an array of tables, got 3",
    ),
    ("scenario unknown key", BASE + "colour = 1\n", r"scenarios\.s\.colour: unknown key"),
    (
        "case evidence unknown set",
        BASE + '[[cases]]\nname = "c"\nevidence = [{ set = "modes", alternative = "A" }]\n',
        r"cases\[0\]\.evidence\[0\]: unknown alternative set 'modes'",
    ),
    (
        "case actor a number",
        BASE + '[[cases]]\nname = "c"\nactors = { China = 3 }\n',
        r"cases\[0\]\.actors\.China: expected a string, got 3",
    ),
    (
        "matrix with one party",
        BASE + '[matrix]\nparties = ["China"]\nareas = []\n',
        r"matrix\.parties: expected at least two parties, got 1",
    ),
    ("not UTF-8", None, r"the file is not UTF-8 text \(byte 0\)"),
]


@pytest.mark.parametrize(("text", "pattern"), [c[1:] for c in FILES], ids=[c[0] for c in FILES])
def test_model_file(text, pattern, tmp_path, capsys):
    path = tmp_path / "m.toml"
    if text is None:
        path.write_bytes(b"\xff\xfe" + BASE.encode("utf-16-le"))
    else:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ModelFileError, match=r"^m\.toml: .*?" + pattern):
            loads_model(text, source="m.toml")
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    assert str(info.value).startswith(f"{path}: ")
    assert re.search(pattern, str(info.value))
    # the command line: one line, exit status 2, the same message
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("pathchoice: error: ")
    assert re.search(pattern, captured.err)


# -- 3. the command line ------------------------------------------------------------------------

CLI = [
    (
        ["rank", "--method", "vikr"],
        r"--method: unknown ranking method 'vikr'; did you mean 'vikor'",
    ),
    (["rank", "--method", ""], r"--method: unknown ranking method ''"),
    (["rank", "--set", "mode"], r"--set: unknown alternative set 'mode'; did you mean 'modes'"),
    (["rank", "--scenario", "war"], r"--scenario: unknown scenario 'war'; scenarios are \["),
    (["rank", "--weights", "x"], r"--weights: expected NAME=VALUE"),
    (["rank", "--weights", "shared strengths=2"], r"--weights: the weights must sum to 1"),
    (["rank", "--weights", "shared strengths=-0.1"], r"must not be negative"),
    (["rank", "--format", "xls"], r"invalid choice: 'xls'"),
    (["rank", "no-such.toml"], r"no-such\.toml: cannot read the file"),
    (["rank", "--bogus"], r"unrecognized arguments: --bogus"),
    (["weights", "--set", "paths"], r"unrecognized arguments: --set"),
    (["sensitivity", "--samples", "0"], r"expected a number of at least 1, got 0"),
    (["sensitivity", "--samples", "-3"], r"expected a number of at least 1, got -3"),
    (["sensitivity", "--samples", "2.5"], r"expected a whole number, got '2\.5'"),
    (["sensitivity", "--samples", "ten"], r"expected a whole number, got 'ten'"),
    (["sensitivity", "--seed", "-1"], r"expected a number of at least 0, got -1"),
    (["sensitivity", "--seed", "x"], r"expected a whole number, got 'x'"),
    (["sensitivity", "--table", "tornado"], r"invalid choice: 'tornado'"),
    (["sensitivity", "--method", "magic"], r"unknown ranking method 'magic'"),
    (["compare", "--methods", "topsis"], r"at least two"),
    (["compare", "--methods", "topsis", "topsis"], r"each method may appear once|at least two"),
    (["compare", "--methods", "topsis", "nope"], r"--methods: unknown ranking method 'nope'"),
    (["compare", "--consensus", "mean"], r"invalid choice: 'mean'"),
    (["report"], r"the following arguments are required: --html"),
    (["report", "--html", "r.html", "--method", "magic"], r"unknown ranking method 'magic'"),
    (["report", "--html", "r.html", "--samples", "0"], r"expected a number of at least 1"),
    (["validate"], r"the following arguments are required: model"),
    (["validate", "no-such.toml"], r"no-such\.toml: cannot read the file"),
    (["init", "here.toml", "--example", "extra"], r"unrecognized arguments: extra"),
    (["rnak"], r"unknown command 'rnak'; did you mean 'rank'"),
    (["--scenario"], r"argument --scenario: expected one argument"),
]


@pytest.mark.parametrize(("argv", "pattern"), CLI, ids=[" ".join(c[0]) or "(none)" for c in CLI])
def test_cli(argv, pattern, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert re.search(pattern, err), err
    assert list(tmp_path.iterdir()) == []


def test_there_are_at_least_a_hundred_cases():
    assert len(API) + len(FILES) + len(CLI) >= 100
