"""Tests of the Analysis container: construction checks, overlays, provenance, ranking glue."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from pathchoice.ahp import Node, Note
from pathchoice.exceptions import (
    ContradictoryJudgementError,
    DisconnectedJudgementsError,
    HierarchyError,
    ModelError,
    PairwiseMatrixError,
    UnknownNameError,
    WeightsError,
)
from pathchoice.model import Criterion, Model
from pathchoice.study.analysis import (
    Alternative,
    AlternativeSet,
    Analysis,
    Case,
    CaseLink,
    DirectWeight,
    Judgement,
    Metadata,
    Scenario,
    Score,
    hierarchy_records,
    key_path,
)
from pathchoice.study.matrix import AdvantageMatrix, Challenge, StanceCell


def small_matrix() -> AdvantageMatrix:
    return AdvantageMatrix(
        ["A", "B"],
        ["infra", "talent"],
        [
            StanceCell("infra", "A", "advantage", "A builds networks", "T1"),
            StanceCell("infra", "B", "disadvantage", "B lags", "T1"),
            StanceCell("talent", "A", "disadvantage", "gap", "T1"),
            StanceCell("talent", "B", "disadvantage", "gap", "T1"),
        ],
    )


CRIT = ["A strengths meet B weaknesses", "common problems", "exposure to politics"]
WHY = Note("why", "Sec. 2")


def tree(*, flipped: bool = False) -> Node:
    """goal -> (benefits, risks) -> criteria; ``flipped`` lists risks first."""
    benefits = Node(
        "benefits",
        [CRIT[0], CRIT[1]],
        judgements={(CRIT[0], CRIT[1]): 2.0},
        notes={(CRIT[0], CRIT[1]): WHY},
    )
    risks = Node("risks", [CRIT[2]])
    return Node(
        "goal",
        [risks, benefits] if flipped else [benefits, risks],
        judgements={("benefits", "risks"): 3.0},
        notes={("benefits", "risks"): WHY},
    )


def judgements_at(analysis: Analysis, node: str) -> list[Judgement]:
    return [j for j in hierarchy_records(analysis.hierarchy_tree)[0] if j.node == node]


def weights_at(analysis: Analysis, node: str) -> list[DirectWeight]:
    return [w for w in hierarchy_records(analysis.hierarchy_tree)[1] if w.node == node]


def build(**changes) -> Analysis:
    """A small two-level analysis: goal -> (benefits, risks) -> criteria."""
    perf = [
        Score("paths", alt, crit, v, reason=f"reason {alt}/{crit}", source="Sec. 1")
        for alt, row in {"P1": [3, 5, 2], "P2": [6, 2, 7], "P3": [4, 4, 4]}.items()
        for crit, v in zip(CRIT, row, strict=True)
    ]
    fields = dict(
        metadata=Metadata("small", source="test", notice="illustrative"),
        alternative_sets=(
            AlternativeSet("paths", (Alternative("P1"), Alternative("P2"), Alternative("P3"))),
        ),
        performance=tuple(perf),
        hierarchy_tree=tree(),
        matrix=small_matrix(),
        challenges=(Challenge("C1", "politics"),),
        scenarios=(
            Scenario(
                "tension",
                judgements=(Judgement("goal", "risks", "benefits", 2.0, "tension", "Sec. 3"),),
                scores=(Score("paths", "P1", CRIT[2], 5.0, "more exposed", "Sec. 3"),),
            ),
        ),
        cases=(Case("case 1", (("A", "firm a"),), links=(CaseLink("paths", "P2"),)),),
    )
    fields.update(changes)
    return Analysis(**fields)


# -- construction ---------------------------------------------------------------------


def test_criteria_are_derived_from_matrix_and_challenges():
    a = build()
    assert a.criterion_names == tuple(CRIT)
    assert [c.direction for c in a.criteria] == ["benefit", "benefit", "cost"]
    model = a.decision_model()
    assert isinstance(model, Model)
    assert model.alternatives == ("P1", "P2", "P3")
    np.testing.assert_array_equal(model.matrix, [[3, 5, 2], [6, 2, 7], [4, 4, 4]])
    assert model.criteria == a.criteria


def test_performance_is_kept_in_canonical_order():
    a = build()
    shuffled = build(performance=tuple(reversed(a.performance)))
    assert shuffled == a
    assert shuffled.performance == a.performance


def test_frames():
    a = build()
    assert a.performance_frame().loc["P2", CRIT[2]] == 7.0
    assert a.reasons_frame().loc["P2", CRIT[2]] == f"reason P2/{CRIT[2]}"
    assert list(a.alternatives_frame().index) == ["P1", "P2", "P3"]
    assert a.criteria_frame().loc[CRIT[2], "direction"] == "cost"
    assert a.cases_frame().loc["case 1", "evidence for"] == "paths: P2"
    assert [c.name for c in a.cases_for("P2")] == ["case 1"]
    assert a.cases_for("P1") == ()


def test_analysis_is_immutable_and_hashable_records():
    a = build()
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.matrix = None  # type: ignore[misc]
    assert hash(a.performance[0]) == hash(dataclasses.replace(a.performance[0]))


def test_from_frame_with_matrix_derives_criteria_and_extra_columns():
    frame = pd.DataFrame(
        {CRIT[0]: [1.0, 2.0], CRIT[1]: [2.0, 1.0], "cost": [5.0, 3.0]}, index=["X", "Y"]
    )
    a = Analysis.from_frame(frame, matrix=small_matrix(), directions={"cost": "cost"})
    assert a.criterion_names == (CRIT[0], CRIT[1], "cost")
    assert a.extra_criteria == (Criterion("cost", "cost"),)
    weights = dict(a.hierarchy_tree.weights)
    np.testing.assert_allclose(list(weights.values()), [1 / 3] * 3, rtol=1e-12)


def test_from_frame_errors():
    frame = pd.DataFrame({CRIT[0]: [1.0, 2.0]}, index=["X", "Y"])
    with pytest.raises(ModelError, match=r"missing derived criteria \['common problems'\]"):
        Analysis.from_frame(frame, matrix=small_matrix())
    with pytest.raises(UnknownNameError, match="directions names unknown or derived criteria"):
        Analysis.from_frame(frame, directions={"nope": "cost"})
    with pytest.raises(ModelError, match="performance must be a pandas DataFrame"):
        Analysis.from_frame([[1.0]])  # type: ignore[arg-type]


# -- construction errors (each names the location) ---------------------------------------


def test_missing_score():
    a = build()
    with pytest.raises(ModelError, match=r"performance\.paths\.P3: missing score for criteria"):
        build(performance=a.performance[:-1])


def test_unknown_criterion_in_score():
    a = build()
    bad = (*a.performance, Score("paths", "P1", "speed", 1.0))
    with pytest.raises(UnknownNameError, match=r"performance\.paths\.P1\.speed: unknown criterion"):
        build(performance=bad)


def test_duplicate_score():
    a = build()
    with pytest.raises(ModelError, match="score given more than once"):
        build(performance=(*a.performance, a.performance[0]))


def test_non_numeric_score():
    with pytest.raises(
        ModelError, match=r"performance\.paths\.P1\.x: expected a number, got 'high'"
    ):
        Score("paths", "P1", "x", "high")  # type: ignore[arg-type]


def test_duplicate_alternative_and_small_sets():
    with pytest.raises(ModelError, match=r"sets\.paths\.alternatives\[1\]: duplicate alternative"):
        AlternativeSet("paths", (Alternative("P1"), Alternative("P1")))
    with pytest.raises(ModelError, match="at least two alternatives"):
        AlternativeSet("paths", (Alternative("P1"),))
    s = AlternativeSet("paths", (Alternative("P1"), Alternative("P2")))
    with pytest.raises(ModelError, match="duplicate alternative set 'paths'"):
        build(alternative_sets=(s, s))


def test_hierarchy_must_cover_every_criterion_once():
    goal = tree()
    benefits, risks = goal.children
    short = Node("benefits", [CRIT[0]])
    with pytest.raises(HierarchyError, match=r"criteria \['common problems'\] are not in"):
        build(hierarchy_tree=dataclasses.replace(goal, children=(short, risks)))
    twice = Node("risks", [CRIT[2], CRIT[0]], weights={CRIT[2]: 0.5, CRIT[0]: 0.5})
    with pytest.raises(HierarchyError, match="already a child of node 'benefits'"):
        build(hierarchy_tree=dataclasses.replace(goal, children=(benefits, twice)))
    with pytest.raises(ModelError, match=r"hierarchy: expected an ahp\.Node tree, got tuple"):
        build(hierarchy_tree=("goal", CRIT))


def test_hierarchy_structure_errors():
    goal = tree()
    benefits, _ = goal.children
    speed = Node("risks", [CRIT[2], "speed"], weights={CRIT[2]: 0.5, "speed": 0.5})
    with pytest.raises(UnknownNameError, match="'speed' is neither a node nor a criterion"):
        build(hierarchy_tree=dataclasses.replace(goal, children=(benefits, speed)))
    again = Node("risks", [Node("benefits", [CRIT[2]])])
    with pytest.raises(HierarchyError, match="'benefits' is used for a node and for another node"):
        build(hierarchy_tree=dataclasses.replace(goal, children=(benefits, again)))
    named = Node("risks", [Node(CRIT[2], ["x"])])
    with pytest.raises(
        HierarchyError, match="node name 'exposure to politics' is also a criterion"
    ):
        build(hierarchy_tree=dataclasses.replace(goal, children=(benefits, named)))
    with pytest.raises(HierarchyError, match=r"used more than once: \['a'\]"):
        Node("n", ["a", "a"])
    with pytest.raises(
        HierarchyError, match=r"has 2 children .* but neither judgements nor weights"
    ):
        Node("benefits", [CRIT[0], CRIT[1]])


def test_judgement_errors():
    a = build(scenarios=())
    # judgements are checked by PairwiseMatrix and ahp.Node alone; the analysis adds where
    with pytest.raises(
        UnknownNameError,
        match=(
            r"hierarchy\.nodes\.goal\.judgements\[1\]: judgement \('costs', 'risks'\) names "
            r"unknown label 'costs'"
        ),
    ):
        a.with_judgement("goal", "costs", "risks", 2.0, reason="")
    with pytest.raises(
        ContradictoryJudgementError,
        match=(
            r"node 'goal': pair .* is judged twice with values that disagree: .*\(expected 1/3\)"
        ),
    ):
        Node(
            "goal",
            ["benefits", "risks"],
            judgements={("benefits", "risks"): 3, ("risks", "benefits"): 3},
        )
    with pytest.raises(
        PairwiseMatrixError,
        match=r"hierarchy\.nodes\.goal\.judgements\[0\]: judgement .* must be positive",
    ):
        a.with_judgement("goal", "benefits", "risks", -1.0, reason="")
    with pytest.raises(
        PairwiseMatrixError,
        match=r"hierarchy\.nodes\.goal\.judgements\[1\]: self-comparison \('risks', 'risks'\)",
    ):
        a.with_judgement("goal", "risks", "risks", 2.0, reason="")
    with pytest.raises(UnknownNameError, match="unknown hierarchy node 'nowhere'"):
        a.with_judgement("nowhere", "a", "b", 1.0, reason="")


def test_disconnected_judgements():
    a = build()
    m = dataclasses.replace(a.matrix, criteria_by="area")
    # areas "infra", "talent" and challenge criterion; three children at the root
    perf = [
        Score("paths", alt, crit, 1.0 + i)
        for i, alt in enumerate(("P1", "P2", "P3"))
        for crit in ("infra", "talent", CRIT[2])
    ]
    with pytest.raises(
        DisconnectedJudgementsError,
        match=r"node 'goal': judgements leave the labels in separate groups: "
        r"\['infra', 'talent'\] \| \['exposure to",
    ):
        goal = Node("goal", ["infra", "talent", CRIT[2]], judgements={("infra", "talent"): 2.0})
        build(matrix=m, performance=tuple(perf), hierarchy_tree=goal, scenarios=())


def test_direct_weight_errors():
    def flat(weights, **options):
        return build(hierarchy_tree=Node("goal", CRIT, weights=weights, **options), scenarios=())

    ok = flat(dict.fromkeys(CRIT, 1 / 3), notes=dict.fromkeys(CRIT, "equal"))
    assert len(ok.hierarchy_tree.weights) == 3
    assert [w.reason for w in weights_at(ok, "goal")] == ["equal"] * 3
    with pytest.raises(WeightsError, match=r"weights must sum to 1 \(got 0.9 for 3 children\)"):
        flat(dict.fromkeys(CRIT, 0.3))
    with pytest.raises(WeightsError, match=r"node 'goal': weights are missing children"):
        flat({CRIT[0]: 1.0})
    with pytest.raises(WeightsError, match=r"weight of .* must be finite and non-negative"):
        flat({CRIT[0]: 1.5, CRIT[1]: -0.5, CRIT[2]: 0.0})
    with pytest.raises(UnknownNameError, match=r"weights name 'speed', which is not a child"):
        flat({"speed": 1.0})
    with pytest.raises(HierarchyError, match="judgements or weights for its children, not both"):
        flat(
            dict.fromkeys(CRIT, 1 / 3),
            judgements={(CRIT[0], CRIT[1]): 2.0, (CRIT[1], CRIT[2]): 2.0},
        )
    twice = (DirectWeight("goal", "risks", 0.5), DirectWeight("goal", "risks", 0.5))
    with pytest.raises(WeightsError, match=r"weight for 'risks' given more than once"):
        build(scenarios=(Scenario("s", weights=twice),))


def test_weights_come_in_criterion_order_whatever_the_tree_order():
    a, b = build(), build(hierarchy_tree=tree(flipped=True))
    assert b.hierarchy_tree.leaves == (CRIT[2], CRIT[0], CRIT[1])
    for analysis in (a, b):
        assert tuple(analysis.weights().global_weights.index) == tuple(CRIT)
    # goal: benefits 3 times risks -> (3/4, 1/4); benefits: 2 -> (2/3, 1/3) (Saaty 1980)
    expected = [3 / 4 * 2 / 3, 3 / 4 * 1 / 3, 1 / 4]
    for analysis in (a, b):
        np.testing.assert_allclose(analysis.weights().global_weights, expected, rtol=1e-12)
    assert a.rank().ranks.equals(b.rank().ranks)


def test_the_tree_carries_each_judgements_reason_and_source():
    a = build()
    assert a.hierarchy_tree.notes[("benefits", "risks")] == WHY
    assert [(j.a, j.b, j.reason, j.source) for j in judgements_at(a, "goal")] == [
        ("benefits", "risks", "why", "Sec. 2")
    ]
    b = a.with_judgement("goal", "risks", "benefits", 2, reason="tension", source="Sec. 3")
    assert b.hierarchy_tree.notes == {("risks", "benefits"): Note("tension", "Sec. 3")}


def test_removed_hierarchy_records_name_their_replacement():
    with pytest.raises(ImportError, match=r"HierarchySpec was removed: .*pathchoice\.ahp\.Node"):
        from pathchoice.study.analysis import HierarchySpec  # noqa: F401
    with pytest.raises(ImportError, match=r"HierarchyNode was removed: .*pathchoice\.ahp\.Node"):
        from pathchoice.study.analysis import HierarchyNode  # noqa: F401
    with pytest.raises(AttributeError, match=r"hierarchy_spec was removed: .*hierarchy_tree"):
        build().hierarchy_spec


def test_scenario_errors():
    with pytest.raises(
        UnknownNameError, match=r"scenarios\.s\.judgements\[0\]: unknown hierarchy node"
    ):
        build(scenarios=(Scenario("s", judgements=(Judgement("nowhere", "a", "b", 2.0),)),))
    with pytest.raises(
        UnknownNameError, match=r"scenarios\.s\.scores\[0\]: unknown alternative 'P9'"
    ):
        build(scenarios=(Scenario("s", scores=(Score("paths", "P9", CRIT[0], 1.0),)),))
    with pytest.raises(UnknownNameError, match=r"scenarios\.s\.scores\[0\]: unknown criterion"):
        build(scenarios=(Scenario("s", scores=(Score("paths", "P1", "speed", 1.0),)),))
    with pytest.raises(UnknownNameError, match="unknown alternative set 'modes'"):
        build(scenarios=(Scenario("s", scores=(Score("modes", "P1", CRIT[0], 1.0),)),))
    twice = (
        Judgement("goal", "risks", "benefits", 2.0),
        Judgement("goal", "benefits", "risks", 2.0),
    )
    with pytest.raises(ContradictoryJudgementError, match="overlaid more than once"):
        build(scenarios=(Scenario("s", judgements=twice),))
    with pytest.raises(WeightsError, match="weights must sum to 1"):
        build(
            scenarios=(
                Scenario(
                    "s",
                    weights=(
                        DirectWeight("goal", "risks", 0.5),
                        DirectWeight("goal", "benefits", 0.6),
                    ),
                ),
            )
        )
    with pytest.raises(ModelError, match="duplicate scenario 'tension'"):
        a = build()
        build(scenarios=(a.scenarios[0], a.scenarios[0]))


def test_case_errors():
    with pytest.raises(
        UnknownNameError, match=r"cases\[0\]\.evidence\[0\]: unknown alternative 'P9'"
    ):
        build(cases=(Case("c", links=(CaseLink("paths", "P9"),)),))
    with pytest.raises(UnknownNameError, match=r"cases\[0\]\.actors: unknown party 'C'"):
        build(cases=(Case("c", (("C", "firm"),)),))
    with pytest.raises(ModelError, match="duplicate case 'c'"):
        build(cases=(Case("c"), Case("c")))


def test_metadata_errors():
    with pytest.raises(ModelError, match=r"metadata\.title: expected a non-empty string"):
        Metadata("")
    with pytest.raises(UnknownNameError, match="unknown scenario 'war'"):
        build(metadata=Metadata("t", applied_scenarios=("war",)))


# -- overlays --------------------------------------------------------------------------


def test_with_scenario_applies_overlays_and_records_it():
    a = build()
    b = a.with_scenario("tension")
    assert b.metadata.applied_scenarios == ("tension",)
    assert a.metadata.applied_scenarios == ()
    goal = judgements_at(b, "goal")
    assert [(j.a, j.b, j.value, j.reason) for j in goal] == [("risks", "benefits", 2.0, "tension")]
    assert b.performance_frame().loc["P1", CRIT[2]] == 5.0
    assert a.performance_frame().loc["P1", CRIT[2]] == 2.0
    assert b.reasons_frame().loc["P1", CRIT[2]] == "more exposed"


def test_unknown_scenario_lists_known_ones():
    with pytest.raises(
        UnknownNameError, match=r"unknown scenario 'war'; scenarios are \['tension'\]"
    ):
        build().with_scenario("war")


def test_with_score_judgement_weights():
    a = build()
    b = a.with_score("paths", "P3", CRIT[0], 9, reason="new evidence", source="Sec. 9")
    assert b.performance_frame().loc["P3", CRIT[0]] == 9.0
    assert a.performance_frame().loc["P3", CRIT[0]] == 4.0
    with pytest.raises(UnknownNameError, match="unknown alternative 'P9'"):
        a.with_score("paths", "P9", CRIT[0], 1, reason="x")
    c = a.with_judgement("benefits", CRIT[1], CRIT[0], 4, reason="flip")
    (j,) = judgements_at(c, "benefits")
    assert (j.a, j.b, j.value) == (CRIT[1], CRIT[0], 4.0)
    with pytest.raises(
        HierarchyError, match=r"scenarios\.tension\.judgements\[0\]: node 'goal' uses"
    ):
        a.with_weights("goal", {"benefits": 0.25, "risks": 0.75}, reason="direct")
    d = build(scenarios=()).with_weights("goal", {"benefits": 0.25, "risks": 0.75}, reason="x")
    assert judgements_at(d, "goal") == []
    assert [w.value for w in weights_at(d, "goal")] == [0.25, 0.75]
    with pytest.raises(HierarchyError, match="uses direct weights"):
        d.with_judgement("goal", "benefits", "risks", 2, reason="x")
    with pytest.raises(UnknownNameError, match="unknown hierarchy node 'top'"):
        a.with_judgement("top", "a", "b", 2, reason="x")


def test_with_matrix_changes_criteria_and_needs_scores():
    a = build()
    changed = a.matrix.with_stance("talent", "A", "advantage")
    with pytest.raises(UnknownNameError, match="unknown criterion 'common problems'"):
        a.with_matrix(changed)


# -- provenance --------------------------------------------------------------------------


def test_provenance_lists_every_score_judgement_and_overlay():
    a = build()
    prov = a.provenance()
    assert list(prov.columns) == [
        "kind",
        "scenario",
        "alternative_set",
        "alternative",
        "criterion",
        "node",
        "a",
        "b",
        "value",
        "reason",
        "source",
        "location",
    ]
    counts = prov.groupby(["kind", "scenario"]).size().to_dict()
    assert counts == {
        ("judgement", ""): 2,
        ("judgement", "tension"): 1,
        ("score", ""): 9,
        ("score", "tension"): 1,
    }
    row = prov[(prov.kind == "score") & (prov.alternative == "P2") & (prov.scenario == "")].iloc[2]
    assert row["location"] == 'performance.paths.P2."exposure to politics"'
    assert row["value"] == 7.0


def test_key_path_quotes_when_needed():
    assert key_path("a", "b c", 3, "d") == 'a."b c"[3].d'
    assert key_path("x", 'say "hi"') == 'x."say \\"hi\\""'


def test_unknown_set_and_alternative_lookups():
    a = build()
    with pytest.raises(UnknownNameError, match=r"unknown alternative set 'modes'; .* \['paths'\]"):
        a.decision_model("modes")
    with pytest.raises(UnknownNameError, match="unknown alternative set 'modes'"):
        a.performance_frame("modes")
    with pytest.raises(UnknownNameError, match="unknown alternative 'P9' in set 'paths'"):
        a.cases_for("P9")
    with pytest.raises(UnknownNameError, match="'top' is not in the hierarchy"):
        a.hierarchy_tree.find("top")
    assert "small" in repr(a) and "3 criteria" in repr(a)
