"""Tests of model-file format 2: items, worded indicators, score ranges, settings, panel.

Every malformed file is one ModelFileError naming the file, the location and the
problem; format-1 files still load and are still written as format 1; a format-2
analysis survives a save and a load unchanged.
"""

from __future__ import annotations

import pytest

from pathchoice.exceptions import ModelFileError
from pathchoice.study.datasets import china_japan
from pathchoice.study.findings import study_findings
from pathchoice.study.modelfile import dumps_model, loads_model

SMALL = """
format = "pathchoice-model/2"
[metadata]
title = "two ports"
[analysis]
weights = "panel"
performance = "ranges"
scale = [0, 10]
smaa_samples = 500
seed = 7
[bases.stated]
half_width = 1
reason = "said so"
[matrix]
parties = ["A", "B"]
[[matrix.areas]]
name = "ports"
[[matrix.items]]
party = "A"
area = "ports"
topic = "cranes"
kind = "advantage"
text = "many cranes"
[[matrix.items]]
party = "B"
area = "ports"
topic = "cranes"
kind = "disadvantage"
[[matrix.indicators]]
name = "cranes"
value = 40
qualifier = "more than"
party = "A"
area = "ports"
supports = ["A strengths meet B weaknesses"]
[criteria.cost]
direction = "cost"
[sets.plans]
alternatives = [{ name = "P" }, { name = "Q" }]
[performance.plans.P]
"A strengths meet B weaknesses" = { score = 6, basis = "stated", reason = "r", source = "s" }
cost = { score = 3, low = 1, high = 4, reason = "r" }
[performance.plans.Q]
"A strengths meet B weaknesses" = { score = 2, basis = "stated" }
cost = 5
[hierarchy]
root = "goal"
[hierarchy.nodes.goal]
children = ["A strengths meet B weaknesses", "cost"]
judgements = [{ a = "A strengths meet B weaknesses", b = "cost", value = 2 }]
[panel]
[[panel.members]]
name = "one"
[[panel.members]]
name = "two"
judgements = [
    { node = "goal", a = "cost", b = "A strengths meet B weaknesses", value = 2, reason = "r" },
]
"""


def test_a_small_format_2_file():
    a = loads_model(SMALL)
    assert a.matrix.itemised
    assert a.matrix.indicators[0].low == 40
    assert [s.basis for s in a.performance] == ["stated", "", "stated", ""]
    assert a.settings.smaa_samples == 500 and a.settings.seed == 7
    assert a.panel.names == ("one", "two")
    # the panel: 2 and 1/2 -> 1, equal weights
    w = a.weights().global_weights
    assert w["cost"] == pytest.approx(0.5)
    assert loads_model(dumps_model(a)) == a


def test_format_1_files_still_load_and_are_written_as_format_1():
    v1 = china_japan(version=1)
    text = dumps_model(v1)
    assert 'format = "pathchoice-model/1"' in text
    assert loads_model(text) == v1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "cost = { score = 3, low = 1,",
            "cost = { score = 3, low = 'x',",
            r"performance\.plans\.P\.cost\.low: expected a number",
        ),
        (
            'basis = "stated", reason = "r"',
            'basis = "guess", reason = "r"',
            r"unknown basis 'guess'",
        ),
        ("low = 1, high = 4", "low = 4, high = 5", r"does not contain the score"),
        ('qualifier = "more than"', 'qualifier = "roughly"', r"qualifier: expected one of"),
        ('kind = "disadvantage"', 'kind = "weakness"', r"kind: expected one of"),
        ('weights = "panel"', 'weights = "three"', r"weights must be 'hierarchy', 'panel'"),
        ('performance = "ranges"', 'performance = "fuzzy"', r"performance: expected one of"),
        ("scale = [0, 10]", "scale = [10, 0]", r"analysis\.scale: expected low < high"),
        ("smaa_samples = 500", "smaa_samples = 0", r"smaa_samples: expected a whole number"),
        ('node = "goal", a = "cost"', 'node = "goal", a = "speed"', r"'speed' is not a child"),
        (
            'topic = "cranes"\nkind = "advantage"',
            'topic = "cranes"\nkind = "advantage"\nstance = 1',
            r"matrix\.items\[0\]\.stance: unknown key",
        ),
        (
            'name = "ports"\n',
            'name = "ports"\nstances = {}\n',
            r"an itemised matrix takes no stances",
        ),
        (
            'supports = ["A strengths meet B weaknesses"]',
            "supports = 3",
            r"matrix\.indicators\[0\]\.supports: expected an array",
        ),
    ],
)
def test_malformed_format_2_is_one_message(old, new, message):
    assert old in SMALL
    with pytest.raises(ModelFileError, match=r"^small\.toml: .*" + message):
        loads_model(SMALL.replace(old, new, 1), source="small.toml")


def test_findings_report_ranges_panel_and_settings():
    lines, warnings = study_findings(loads_model(SMALL))
    text = "\n".join(lines)
    assert "items:            2 in 1 topics" in text
    assert "score ranges:     3 of 4 scores have a range" in text
    assert "panel:            2 judgement sets" in text
    assert "runs with:        TOPSIS, weights from the panel, 500 SMAA samples (seed 7)" in text
    assert any("1 scores have no range" in w for w in warnings)
    bad = SMALL.replace('supports = ["A strengths meet B weaknesses"]', 'supports = ["speed"]')
    _, warnings = study_findings(loads_model(bad))
    assert any("indicator 'cranes' supports ['speed']" in w for w in warnings)
