"""``pathchoice import`` and :func:`analysis_from_workbook`: a model file from a workbook.

Expected values: the panel's hierarchy judgements are the geometric means of the
experts' judgements (Forman & Peniwati 1998, aggregation of individual judgements),
worked out by hand below; the scores are the cells as typed; the model file
round-trips (load_model(saved) == the analysis, panel included).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathchoice import load_model
from pathchoice.exceptions import ModelError, PathchoiceError, UnknownNameError
from pathchoice.study.analysis import hierarchy_records
from pathchoice.study.cli import main
from pathchoice.study.workbook import analysis_from_workbook
from spreadsheets import workbook

pytest.importorskip("openpyxl", reason="the excel extra (openpyxl) is not installed")

PERFORMANCE = [
    ("option", "jobs", "emissions", "cost"),
    ("direction", "benefit", "cost", "cost"),
    ("Carbon tax", 4, 3, 2),
    ("EV subsidy", 6, 5, 8),
    ("Do nothing", 5, 9, 1),
]
# Two experts; economy = {jobs, cost} under the goal, beside emissions.
JUDGEMENTS = [
    ("expert", "node", "a", "b", "value", "reason"),
    ("economist", "goal", "economy", "emissions", 4, "growth first"),
    ("economist", "economy", "jobs", "cost", 2, None),
    ("ecologist", "goal", "economy", "emissions", "1/4", None),
    ("ecologist", "economy", "jobs", "cost", 8, None),
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_two_experts_become_a_panel_whose_geometric_means_give_the_weights(tmp_path):
    path = workbook(tmp_path, {"performance": PERFORMANCE, "judgements": JUDGEMENTS})
    analysis = analysis_from_workbook(path)
    assert analysis.panel is not None
    assert analysis.panel.names == ("economist", "ecologist")
    assert analysis.settings is not None and analysis.settings.weights == "panel"
    group = {(j.node, j.a, j.b): j.value for j in hierarchy_records(analysis.hierarchy_tree)[0]}
    group |= {(n, b, a): 1 / v for (n, a, b), v in group.items()}  # either orientation
    # sqrt(4 * 1/4) = 1 at the goal, sqrt(2 * 8) = 4 under economy
    assert math.isclose(group["goal", "economy", "emissions"], 1.0, rel_tol=1e-12)
    assert math.isclose(group["economy", "jobs", "cost"], 4.0, rel_tol=1e-12)
    w = analysis.weights().global_weights
    # goal 1:1 -> economy 0.5, emissions 0.5; economy 4:1 -> jobs 0.4, cost 0.1
    assert w.to_dict() == pytest.approx({"jobs": 0.4, "emissions": 0.5, "cost": 0.1})
    assert analysis.decision_model().directions == ("benefit", "cost", "cost")


def test_the_model_file_round_trips_with_its_panel(tmp_path, capsys):
    path = workbook(tmp_path, {"performance": PERFORMANCE, "judgements": JUDGEMENTS})
    target = tmp_path / "model.toml"
    code, out, err = run(capsys, "import", str(path), str(target))
    assert code == 0, err
    assert out.startswith(
        f"wrote {target}: 3 alternatives, 3 criteria, weights from an expert panel of 2 "
        "(economist, ecologist)."
    )
    text = target.read_text(encoding="utf-8")
    assert 'format = "pathchoice-model/2"' in text
    loaded = load_model(target)
    assert loaded == analysis_from_workbook(path)
    assert loaded.panel == analysis_from_workbook(path).panel
    member = loaded.panel.member("economist")
    assert next((j.a, j.b, j.value, j.reason) for j in member.judgements) == (
        "economy",
        "emissions",
        4.0,
        "growth first",
    )
    assert member.judgements[0].source == "table.xlsx, sheet 'judgements', row 2"
    score = next(
        s for s in loaded.performance if (s.alternative, s.criterion) == ("EV subsidy", "cost")
    )
    assert (score.value, score.source) == (8.0, "table.xlsx, sheet 'performance', cell D4")
    code, out, _ = run(capsys, "validate", str(target))
    assert code == 0 and "panel:            2 judgement sets" in out


def test_one_expert_without_node_column_is_a_flat_ahp(tmp_path):
    rows = [
        ("a", "b", "value"),
        ("jobs", "emissions", 2),
        ("jobs", "cost", 4),
        ("emissions", "cost", 2),
    ]
    analysis = analysis_from_workbook(
        workbook(tmp_path, {"performance": PERFORMANCE, "judgements": rows}), title="flat"
    )
    assert analysis.panel is None and analysis.metadata.title == "flat"
    # a consistent 4:2:1 matrix: weights 4/7, 2/7, 1/7 exactly
    w = analysis.weights().global_weights
    assert w.to_dict() == pytest.approx({"jobs": 4 / 7, "emissions": 2 / 7, "cost": 1 / 7})


def test_a_csv_file_gives_equal_weights(tmp_path, capsys):
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(",".join(map(str, r)) for r in PERFORMANCE) + "\n", "utf-8")
    target = tmp_path / "m.toml"
    code, out, _ = run(capsys, "import", str(path), str(target))
    assert code == 0
    assert "weights from equal weights (the spreadsheet has no judgements)" in out
    assert load_model(target).weights().global_weights.tolist() == pytest.approx([1 / 3] * 3)


@pytest.mark.parametrize(
    ("rows", "error", "match"),
    [
        (
            [*JUDGEMENTS, ("economist", "goal", "economy", "emissions", 3, None)],
            ModelError,
            r"sheet 'judgements', row 6: 'economist' judges 'economy' against 'emissions' at node "
            r"'goal' twice \(also in row 2\)",
        ),
        ([("a", "b", "worth")], ModelError, r"cell C1: unknown column 'worth'"),
        ([("a", "value"), ("jobs", 2)], ModelError, r"has no column 'b'"),
        (
            [("a", "b", "value"), ("jobs", "cost", "high")],
            ModelError,
            r"cell C2 \(judgement value\): expected a number, got 'high'",
        ),
        (
            [("a", "b", "value"), ("jobs", "cost", 0)],
            ModelError,
            r"cell C2: a judgement must be positive",
        ),
        (
            [("a", "b", "value"), ("jobs", "cost", "1/0")],
            ModelError,
            r"cell C2: expected a positive number or a fraction",
        ),
        (
            [("a", "b", "value"), ("jobs", "jobs", 2)],
            ModelError,
            r"cell B2: 'jobs' is compared with itself",
        ),
        (
            [("a", "b", "value"), ("jobs", "wages", 2)],
            UnknownNameError,
            r"row 2: 'wages' is neither a criterion of the performance sheet nor a node",
        ),
        (
            [("a", "b", "value"), ("jobs", "cost", 2)],
            ModelError,
            r"criteria \['emissions'\] are compared in no judgement",
        ),
        (
            [
                ("node", "a", "b", "value"),
                ("x", "jobs", "cost", 2),
                ("y", "emissions", "x", 2),
                ("z", "jobs", "emissions", 1),
            ],
            ModelError,
            r"one top node, found several: 'y', 'z'",
        ),
    ],
)
def test_bad_judgements_are_named_by_cell(tmp_path, rows, error, match):
    path = workbook(tmp_path, {"performance": PERFORMANCE, "judgements": rows})
    with pytest.raises(error, match=match):
        analysis_from_workbook(path)


def test_command_errors_are_one_line(tmp_path, capsys):
    path = workbook(tmp_path, {"scores": PERFORMANCE})
    target = tmp_path / "m.toml"
    target.write_text("old", "utf-8")
    code, out, err = run(capsys, "import", str(path), str(target))
    assert code == 2 and out == ""
    assert (
        err
        == f"pathchoice: error: {target}: the file already exists; use --force to overwrite it\n"
    )
    code, _, err = run(
        capsys, "import", str(path), str(target), "--judgements-sheet", "survey", "--force"
    )
    assert code == 2 and "has no sheet 'survey' (sheets: 'scores')" in err
    assert target.read_text("utf-8") == "old"  # nothing written on an error
    code, _, _ = run(capsys, "import", str(path), str(target), "--force")
    assert code == 0 and load_model(target).set_names == ("alternatives",)


@settings(max_examples=15)
@given(st.permutations(range(1, len(JUDGEMENTS))))
def test_row_order_of_the_judgements_does_not_change_the_weights(tmp_path_factory, order):
    tmp = tmp_path_factory.mktemp("order")
    shuffled = [JUDGEMENTS[0], *(JUDGEMENTS[i] for i in order)]
    base = analysis_from_workbook(
        workbook(tmp, {"performance": PERFORMANCE, "judgements": JUDGEMENTS}, "a.xlsx")
    )
    moved = analysis_from_workbook(
        workbook(tmp, {"performance": PERFORMANCE, "judgements": shuffled}, "b.xlsx")
    )
    pd.testing.assert_series_equal(
        moved.weights().global_weights, base.weights().global_weights, rtol=1e-12
    )


def test_judgements_that_leave_criteria_unconnected_name_the_sheet(tmp_path):
    perf = [
        (*row, extra) for row, extra in zip(PERFORMANCE, ("wages", "benefit", 1, 2, 3), strict=True)
    ]
    rows = [("a", "b", "value"), ("jobs", "wages", 2), ("emissions", "cost", 2)]
    path = workbook(tmp_path, {"performance": perf, "judgements": rows})
    with pytest.raises(
        PathchoiceError, match=r"table\.xlsx, sheet 'judgements': .*separate groups"
    ):
        analysis_from_workbook(path)


def test_validate_names_a_panel_member_judgement_off_the_scale(tmp_path, capsys):
    rows = [*JUDGEMENTS[:-1], ("ecologist", "economy", "jobs", "cost", 12, None)]
    path = workbook(tmp_path, {"performance": PERFORMANCE, "judgements": rows})
    target = tmp_path / "m.toml"
    assert main(["import", str(path), str(target)]) == 0
    code, out, _ = run(capsys, "validate", str(target), "--strict")
    assert code == 1
    assert (
        "warning: panel member 'ecologist': node 'economy': the judgement 'jobs' over 'cost' = "
        "12 is outside Saaty's scale of 1/9 to 9"
    ) in " ".join(out.split())
