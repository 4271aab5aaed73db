"""Tests of the expert panel (group AHP over a hierarchy) and of the study settings.

Reference for the aggregation: Aczél, J. & Saaty, T. L. (1983), "Procedures for
synthesizing ratio judgements", J. Math. Psychol. 27(1): the geometric mean of the
experts' judgements (AIJ) is the only aggregation that keeps reciprocity and unanimity;
for judgements 4 and 1 of two equally weighted experts it is 2, for 4, 1 and 2 of three
it is 2 (4 * 1 * 2 = 8, cube root 2). Forman & Peniwati (1998), EJOR 108(1): weighted
AIJ is the weighted geometric mean, e.g. 4 ** 0.75 * 1 ** 0.25 = 2.828.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.ahp import Node
from pathchoice.exceptions import ModelError, UnknownNameError, WeightsError
from pathchoice.study.analysis import Analysis, Judgement, Score
from pathchoice.study.panel import Panel, PanelMember
from pathchoice.study.settings import (
    ScoreBasis,
    StudySettings,
    performance_sampler,
    score_range,
    score_ranges,
    use_judgements,
)

TREE = Node(
    "goal",
    ["cost", "risk", "reach"],
    judgements={("cost", "risk"): 4, ("cost", "reach"): 2, ("risk", "reach"): 0.5},
)


def _panel(*values: float, weights=None) -> Panel:
    members = [
        PanelMember(f"e{k}", judgements=(Judgement("goal", "cost", "risk", v),), weight=w)
        for k, (v, w) in enumerate(zip(values, weights or [None] * len(values), strict=True))
    ]
    return Panel(tuple(members))


def _cost_risk(tree: Node) -> float:
    return float(tree.matrix.to_frame().loc["cost", "risk"])


def test_geometric_mean_of_judgements():
    # Aczél & Saaty (1983): 4 and 1 -> 2; 4, 1, 2 -> 2
    assert _cost_risk(_panel(4, 1).group_tree(TREE)) == pytest.approx(2, rel=1e-12)
    assert _cost_risk(_panel(4, 1, 2).group_tree(TREE)) == pytest.approx(2, rel=1e-12)
    # Forman & Peniwati (1998): weights 0.75, 0.25 -> 4 ** 0.75
    weighted = _panel(4, 1, weights=[0.75, 0.25]).group_tree(TREE)
    assert _cost_risk(weighted) == pytest.approx(4**0.75, rel=1e-12)


def test_a_member_keeps_the_hierarchys_other_judgements_in_either_orientation():
    member = PanelMember("m", judgements=(Judgement("goal", "risk", "cost", 2),))
    tree = Panel((member,)).member_tree(TREE, "m")
    assert _cost_risk(tree) == pytest.approx(0.5)
    assert len(tree.judgements) == 3


def test_overridden_pairs_apply_to_every_member():
    panel = _panel(4, 1).overridden_by((Judgement("goal", "risk", "cost", 3),))
    assert all(not m.judgements for m in panel.members)


def test_direct_weights_replace_every_members_judgements_at_their_node():
    from pathchoice.study.datasets import china_japan

    v2 = china_japan(version=2)
    children = v2.hierarchy_tree.find("feasibility").child_names
    changed = v2.with_weights("feasibility", {c: 1 / 4 for c in children}, reason="r")
    assert all(j.node != "feasibility" for m in changed.panel.members for j in m.judgements)
    w = changed.weights().global_weights[list(children)].to_numpy()
    np.testing.assert_allclose(w, w[0], rtol=1e-12)


def test_consistency_table():
    table = _panel(4, 1).consistency(TREE)
    assert list(table.index) == ["e0", "e1", "panel"]
    assert (table.to_numpy() >= 0).all()


@given(st.lists(st.floats(1 / 9, 9), min_size=1, max_size=5))
def test_unanimity_and_reciprocity(values):
    group = _cost_risk(_panel(*values).group_tree(TREE))
    assert group == pytest.approx(math.prod(values) ** (1 / len(values)), rel=1e-9)
    flipped = _cost_risk(_panel(*[1 / v for v in values]).group_tree(TREE))
    assert group * flipped == pytest.approx(1, rel=1e-9)


def test_panel_errors():
    with pytest.raises(ModelError, match="at least one member"):
        Panel(())
    with pytest.raises(ModelError, match="more than once"):
        Panel((PanelMember("a"), PanelMember("a")))
    with pytest.raises(ModelError, match="aggregation"):
        Panel((PanelMember("a"),), "aip")
    with pytest.raises(WeightsError, match="some members"):
        Panel((PanelMember("a", weight=1), PanelMember("b")))
    with pytest.raises(WeightsError, match="sum to 1"):
        Panel((PanelMember("a", weight=0.5), PanelMember("b", weight=0.2)))
    with pytest.raises(WeightsError, match=">= 0"):
        PanelMember("a", weight=-1)
    with pytest.raises(WeightsError, match="finite"):
        PanelMember("a", weight=True)
    with pytest.raises(ModelError, match="judged twice"):
        PanelMember(
            "a",
            judgements=(Judgement("goal", "cost", "risk", 2), Judgement("goal", "risk", "cost", 2)),
        )
    bad = Panel((PanelMember("a", judgements=(Judgement("goal", "cost", "speed", 2),)),))
    with pytest.raises(UnknownNameError, match="'speed' is not a child"):
        bad.member_tree(TREE, "a")
    with pytest.raises(UnknownNameError, match="unknown panel member 'z'"):
        bad.member("z")


# -- settings and score ranges --------------------------------------------------------------


def _analysis(**extra) -> Analysis:
    frame = pd.DataFrame({"cost": [3.0, 5.0], "reach": [0.5, 9.0]}, index=["A", "B"])
    a = Analysis.from_frame(frame, directions={"cost": "cost"}, title="toy")
    return replace(a, **extra)


def test_score_range_from_its_basis_clipped_to_the_scale():
    s = StudySettings(scale=(0, 10), bases=(ScoreBasis("inferred", 2),))
    assert score_range(Score("x", "A", "c", 1, basis="inferred"), s) == (0, 3)
    assert score_range(Score("x", "A", "c", 9, basis="inferred"), s) == (7, 10)
    assert score_range(Score("x", "A", "c", 5, low=4, basis="inferred"), s) == (4, 7)
    assert score_range(Score("x", "A", "c", 5), s) == (5, 5)


def test_score_ranges_and_sampler():
    settings = StudySettings(performance="ranges", scale=(0, 10), bases=(ScoreBasis("b", 1),))
    a = _analysis(settings=settings)
    assert performance_sampler(a) is None  # no score has a range yet
    from dataclasses import replace

    perf = tuple(replace(s, basis="b") for s in a.performance)
    a = replace(a, performance=perf)
    low, high = score_ranges(a)
    assert low.loc["A", "cost"] == 2 and high.loc["B", "reach"] == 10
    draws = performance_sampler(a).sample(n_samples=200, rng=1).values
    assert draws.shape == (200, 2, 2)
    assert (draws >= low.to_numpy()).all() and (draws <= high.to_numpy()).all()


def test_use_judgements_and_settings_errors():
    with pytest.raises(UnknownNameError, match="unknown judgement set 'x'"):
        use_judgements(_analysis(), "x")
    with pytest.raises(ModelError, match="needs a panel"):
        use_judgements(_analysis(), "panel")
    with pytest.raises(ModelError, match="performance must be one of"):
        StudySettings(performance="fuzzy")
    with pytest.raises(ModelError, match="smaa_samples"):
        StudySettings(smaa_samples=0)
    with pytest.raises(ModelError, match="seed"):
        StudySettings(seed=-1)
    with pytest.raises(ModelError, match="more than once"):
        StudySettings(bases=(ScoreBasis("a", 1), ScoreBasis("a", 2)))
    with pytest.raises(ModelError, match="half_width must be >= 0"):
        ScoreBasis("a", -1)
    with pytest.raises(ModelError, match="does not contain the score"):
        Score("x", "A", "c", 5, low=6)
    settings = StudySettings(bases=(ScoreBasis("b", 1),))
    a = _analysis(settings=settings)
    with pytest.raises(UnknownNameError, match="unknown basis 'zz'"):
        replace(a, performance=tuple(replace(s, basis="zz") for s in a.performance))
    np.testing.assert_allclose(a.weights().global_weights.sum(), 1)
