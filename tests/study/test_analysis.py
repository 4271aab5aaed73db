"""Tests of the Analysis container: construction checks, overlays, provenance, ranking glue."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

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
    HierarchyNode,
    HierarchySpec,
    Judgement,
    Metadata,
    Scenario,
    Score,
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
        hierarchy_spec=HierarchySpec(
            "goal",
            (
                HierarchyNode("goal", ("benefits", "risks")),
                HierarchyNode("benefits", (CRIT[0], CRIT[1])),
                HierarchyNode("risks", (CRIT[2],)),
            ),
            judgements=(
                Judgement("goal", "benefits", "risks", 3.0, "why", "Sec. 2"),
                Judgement("benefits", CRIT[0], CRIT[1], 2.0, "why", "Sec. 2"),
            ),
        ),
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
    weights = {w.child: w.value for w in a.hierarchy_spec.weights}
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
    spec = build().hierarchy_spec
    nodes = (spec.nodes[0], HierarchyNode("benefits", (CRIT[0],)), spec.nodes[2])
    with pytest.raises(HierarchyError, match=r"criteria \['common problems'\] are not in"):
        build(hierarchy_spec=HierarchySpec("goal", nodes))
    nodes = (spec.nodes[0], spec.nodes[1], HierarchyNode("risks", (CRIT[2], CRIT[0])))
    with pytest.raises(HierarchyError, match="already a child of node 'benefits'"):
        build(hierarchy_spec=dataclasses.replace(spec, nodes=nodes))


def test_hierarchy_structure_errors():
    spec = build().hierarchy_spec
    with pytest.raises(UnknownNameError, match=r"hierarchy\.root: unknown node 'top'"):
        build(hierarchy_spec=dataclasses.replace(spec, root="top"))
    nodes = (*spec.nodes[:2], HierarchyNode("risks", (CRIT[2], "speed")))
    with pytest.raises(UnknownNameError, match="'speed' is neither a node nor a criterion"):
        build(hierarchy_spec=dataclasses.replace(spec, nodes=nodes))
    nodes = (*spec.nodes, HierarchyNode("orphan", ("x",)))
    with pytest.raises(UnknownNameError, match="'x' is neither a node"):
        build(hierarchy_spec=dataclasses.replace(spec, nodes=nodes))
    with pytest.raises(HierarchyError, match="node defined more than once"):
        HierarchySpec("goal", (spec.nodes[0], spec.nodes[0]))
    with pytest.raises(HierarchyError, match="child 'a' appears more than once"):
        HierarchyNode("n", ("a", "a"))
    nodes = (spec.nodes[0], HierarchyNode("benefits", (CRIT[0], CRIT[1])), spec.nodes[2])
    with pytest.raises(HierarchyError, match="has 2 children but neither judgements nor weights"):
        build(hierarchy_spec=HierarchySpec("goal", nodes, spec.judgements[:1]))


def test_unreachable_node():
    spec = build().hierarchy_spec
    nodes = (
        HierarchyNode("goal", ("benefits",)),
        spec.nodes[1],
        HierarchyNode("risks", (CRIT[2],)),
        HierarchyNode("side", ("risks",)),
    )
    with pytest.raises(HierarchyError, match=r"hierarchy\.nodes\.risks: node is not reachable"):
        build(hierarchy_spec=HierarchySpec("goal", nodes[:3], spec.judgements[1:]))


def test_judgement_errors():
    spec = build().hierarchy_spec

    def with_judgements(*extra):
        return build(
            hierarchy_spec=dataclasses.replace(spec, judgements=(*spec.judgements, *extra))
        )

    # judgements are checked by PairwiseMatrix and ahp.Node alone; the analysis adds where
    with pytest.raises(
        UnknownNameError,
        match=(
            r"hierarchy\.nodes\.goal\.judgements\[1\]: judgement \('costs', 'risks'\) names "
            r"unknown label 'costs'"
        ),
    ):
        with_judgements(Judgement("goal", "costs", "risks", 2.0))
    with pytest.raises(
        ContradictoryJudgementError,
        match=(
            r"hierarchy\.nodes\.goal\.judgements\[1\]: pair .* is judged twice with values that "
            r"disagree: .*\(expected 1/3\)"
        ),
    ):
        with_judgements(Judgement("goal", "risks", "benefits", 3.0))
    with pytest.raises(PairwiseMatrixError, match="judged more than once"):
        with_judgements(Judgement("goal", "risks", "benefits", 1 / 3))
    with pytest.raises(PairwiseMatrixError, match="must be positive"):
        build(
            hierarchy_spec=dataclasses.replace(
                spec, judgements=(Judgement("goal", "benefits", "risks", -1.0), spec.judgements[1])
            )
        )
    with pytest.raises(
        PairwiseMatrixError, match=r"self-comparison \('risks', 'risks'\) must be 1"
    ):
        with_judgements(Judgement("goal", "risks", "risks", 2.0))
    with pytest.raises(UnknownNameError, match="judgement names unknown node 'nowhere'"):
        with_judgements(Judgement("nowhere", "a", "b", 1.0))


def test_disconnected_judgements():
    nodes = (
        HierarchyNode("goal", ("benefits", "risks")),
        HierarchyNode("benefits", (CRIT[0], CRIT[1])),
        HierarchyNode("risks", (CRIT[2],)),
    )
    spec = HierarchySpec(
        "goal",
        (
            HierarchyNode("goal", ("benefits", "risks", "extra")),
            *nodes[1:],
            HierarchyNode("extra", (CRIT[1],)),
        ),
    )
    del spec
    a = build()
    m = dataclasses.replace(a.matrix, criteria_by="area")
    # areas "infra", "talent" and challenge criterion; three children at the root
    perf = [
        Score("paths", alt, crit, 1.0 + i)
        for i, alt in enumerate(("P1", "P2", "P3"))
        for crit in ("infra", "talent", CRIT[2])
    ]
    spec = HierarchySpec(
        "goal",
        (HierarchyNode("goal", ("infra", "talent", CRIT[2])),),
        judgements=(Judgement("goal", "infra", "talent", 2.0),),
    )
    with pytest.raises(
        DisconnectedJudgementsError,
        match=r"hierarchy\.nodes\.goal: judgements leave the labels in separate groups: "
        r"\['infra', 'talent'\] \| \['exposure to",
    ):
        build(matrix=m, performance=tuple(perf), hierarchy_spec=spec, scenarios=())


def test_direct_weight_errors():
    def flat(*weights):
        spec = HierarchySpec("goal", (HierarchyNode("goal", tuple(CRIT)),), weights=weights)
        return build(hierarchy_spec=spec, scenarios=())

    ok = flat(*(DirectWeight("goal", c, 1 / 3, "equal") for c in CRIT))
    assert len(ok.hierarchy_spec.weights) == 3
    with pytest.raises(WeightsError, match=r"weights must sum to 1 \(got 0.9 for 3 children\)"):
        flat(*(DirectWeight("goal", c, 0.3) for c in CRIT))
    with pytest.raises(WeightsError, match=r"node 'goal': weights are missing children"):
        flat(DirectWeight("goal", CRIT[0], 1.0))
    with pytest.raises(WeightsError, match=r"weight of .* must be finite and non-negative"):
        flat(
            DirectWeight("goal", CRIT[0], 1.5),
            DirectWeight("goal", CRIT[1], -0.5),
            DirectWeight("goal", CRIT[2], 0.0),
        )
    with pytest.raises(UnknownNameError, match=r"weights name 'speed', which is not a child"):
        flat(DirectWeight("goal", "speed", 1.0))
    spec = HierarchySpec(
        "goal",
        (HierarchyNode("goal", tuple(CRIT)),),
        judgements=(
            Judgement("goal", CRIT[0], CRIT[1], 2.0),
            Judgement("goal", CRIT[1], CRIT[2], 2.0),
        ),
        weights=tuple(DirectWeight("goal", c, 1 / 3) for c in CRIT),
    )
    with pytest.raises(HierarchyError, match="judgements or weights, not both"):
        build(hierarchy_spec=spec, scenarios=())


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
    goal = b.hierarchy_spec.judgements_at("goal")
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
    (j,) = c.hierarchy_spec.judgements_at("benefits")
    assert (j.a, j.b, j.value) == (CRIT[1], CRIT[0], 4.0)
    with pytest.raises(
        HierarchyError, match=r"scenarios\.tension\.judgements\[0\]: node 'goal' uses"
    ):
        a.with_weights("goal", {"benefits": 0.25, "risks": 0.75}, reason="direct")
    d = build(scenarios=()).with_weights("goal", {"benefits": 0.25, "risks": 0.75}, reason="x")
    assert d.hierarchy_spec.judgements_at("goal") == ()
    assert [w.value for w in d.hierarchy_spec.weights_at("goal")] == [0.25, 0.75]
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
    with pytest.raises(UnknownNameError, match="unknown hierarchy node 'top'"):
        a.hierarchy_spec.node("top")
    assert "small" in repr(a) and "3 criteria" in repr(a)
