"""``pathchoice validate`` says in words what it found in the judgements.

A judgement off Saaty's 1/9..9 scale is a warning (exit 1 under --strict), not a
silent OK; pairs not judged are named with the values they were completed with.
Expected completion: with 'x' over 'y' = 2 and 'x' over 'z' = 4 a consistent
completion exists, 'y' over 'z' = 4 / 2 = 2, and it is the λmax-optimal one
(λmax = n exactly; Bozóki, Fülöp & Rónyai 2010, Section 2).
"""

from __future__ import annotations

from pathlib import Path

from pathchoice.study.cli import main

MODEL = """\
format = "pathchoice-model/1"
[metadata]
title = "three"
[criteria.x]
[criteria.y]
[criteria.z]
direction = "cost"
[sets.s]
[[sets.s.alternatives]]
name = "A"
[[sets.s.alternatives]]
name = "B"
[performance.s.A]
x = 1
y = 2
z = 3
[performance.s.B]
x = 2
y = 1
z = 2
[hierarchy]
root = "goal"
[hierarchy.nodes.goal]
children = ["x", "y", "z"]
judgements = [ { a = "x", b = "y", value = XY }, { a = "x", b = "z", value = 4 } ]
"""

SCENARIO = """
[scenarios.wild]
judgements = [ { node = "goal", a = "y", b = "z", value = 20 } ]
"""


def validate(capsys, tmp_path: Path, text: str, *options: str) -> tuple[int, str]:
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    code = main(["validate", str(path), *options])
    out = capsys.readouterr().out
    return code, " ".join(out.split())


def test_missing_pairs_are_named_with_their_completed_values(capsys, tmp_path):
    code, out = validate(capsys, tmp_path, MODEL.replace("XY", "2"), "--strict")
    assert code == 0
    assert "hierarchy: 1 node, 2 judgements, 0 direct weights; consistent" in out
    assert (
        "completed: node 'goal': 1 pair not judged, completed with the values that make the "
        "node's judgements most consistent: 'y' over 'z' = 2"
    ) in out
    assert "warning" not in out


def test_a_judgement_off_the_scale_is_a_warning(capsys, tmp_path):
    code, out = validate(capsys, tmp_path, MODEL.replace("XY", "12"))
    assert code == 0
    assert out.startswith(f"{tmp_path / 'm.toml'}: OK, with 1 warning (below)")
    assert (
        "warning: node 'goal': the judgement 'x' over 'y' = 12 is outside Saaty's scale of "
        "1/9 to 9; it is used as given"
    ) in out
    code, _ = validate(capsys, tmp_path, MODEL.replace("XY", "12"), "--strict")
    assert code == 1


def test_a_scenario_says_what_its_own_judgements_add(capsys, tmp_path):
    code, out = validate(capsys, tmp_path, MODEL.replace("XY", "2") + SCENARIO, "--strict")
    assert code == 1
    assert (
        "warning: scenario 'wild': node 'goal': the judgement 'y' over 'z' = 20 is outside "
        "Saaty's scale"
    ) in out
    assert out.count("outside Saaty's scale") == 1
    assert out.count("not judged") == 1  # the scenario judges the pair the baseline completes
