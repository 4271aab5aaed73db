"""Tests of the itemised advantage matrix: complementarity derived per topic.

Reference case: Table 4 of Fang, Li, Song, Chen & Fan, "Policy Assessment and Path
Choice of Digital Economy Cooperation between China and Japan", read item by item.
"Level of industrial digitization": China's "Low digitalization penetration rate of
primary and secondary industries" meets Japan's "high digitalization penetration rate
of primary and secondary industries", and Japan's "low rate and narrow scope of
application of digital technology" meets China's "high application rate of artificial
intelligence technology": a clean two-way match (the cell-level derivation called it
"mixed" and also a common problem). "Population": both sides' ageing is a shared
weakness, both sides' population a shared strength, and nothing crosses.
The expected values follow from the table's words and the definitions in
``pathchoice.study.matrix``.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.exceptions import ModelError, UnknownNameError
from pathchoice.study.matrix import (
    AdvantageMatrix,
    Area,
    Challenge,
    Indicator,
    Item,
    StanceCell,
)

C, J = "China", "Japan"
CJ = "China strengths meet Japan weaknesses"
JC = "Japan strengths meet China weaknesses"
DIGI = "Level of industrial digitization"
POP = "Population"


def table4_two_areas() -> AdvantageMatrix:
    items = [
        Item(C, DIGI, "application", "advantage", "high application rate of AI"),
        Item(C, DIGI, "primary and secondary", "disadvantage", "Low digitalization penetration"),
        Item(J, DIGI, "primary and secondary", "advantage", "high digitalization penetration"),
        Item(J, DIGI, "application", "disadvantage", "low rate and narrow scope"),
        Item(C, POP, "size", "advantage", "more than 1.4 billion people"),
        Item(C, POP, "ageing", "disadvantage", "aging", challenge="5.3"),
        Item(J, POP, "size", "advantage", "more than 120 million people"),
        Item(J, POP, "ageing", "disadvantage", "aging", challenge="5.3"),
    ]
    return AdvantageMatrix.from_items([C, J], [POP, DIGI], items)


SOCIAL = Challenge("5.3", "social dilemmas", criteria=("exposure", "relief"))


def test_two_way_area_is_named_two_way_and_feeds_both_directions_only():
    m = table4_two_areas()
    comp = m.complementarity_of(DIGI)
    assert comp.kind == "two-way"
    assert comp.label == "two-way"
    assert comp.relations == (CJ, JC)
    assert m.stance(DIGI, C) == m.stance(DIGI, J) == "both"


def test_population_has_no_cross_links_and_its_ageing_counts_under_the_challenge():
    m = table4_two_areas()
    comp = m.complementarity_of(POP)
    assert comp.label == "joint strength + shared weakness"
    # ageing is the subject of 5.3, so only the shared strength feeds a relation criterion
    assert comp.relations == ("shared strengths",)
    names = [c.name for c in m.criteria([SOCIAL])]
    assert names == [CJ, JC, "shared strengths", "exposure to social dilemmas",
                     "relief of social dilemmas"]  # fmt: skip
    relief = {c.name: c for c in m.criteria([SOCIAL])}["relief of social dilemmas"]
    assert "Population (ageing)" in relief.description


def test_topic_table():
    topics = table4_two_areas().topics()
    assert topics.loc[(DIGI, "application"), "label"] == "one-way: China → Japan"
    assert topics.loc[(DIGI, "primary and secondary"), "label"] == "one-way: Japan → China"
    assert topics.loc[(POP, "ageing"), "label"] == "shared weakness"
    assert topics.loc[(POP, "ageing"), "challenge"] == "5.3"
    assert topics.loc[(POP, "size"), "relations"] == "shared strengths"


def test_changing_an_item_changes_the_criteria():
    m = table4_two_areas()
    # Japan's weakness in application removed: no China → Japan flow is left
    items = [i for i in m.items if not (i.party == J and i.topic == "application")]
    items.append(Item(J, DIGI, "application", "advantage", "as strong"))
    changed = m.with_items(items)
    names = [c.name for c in changed.criteria([SOCIAL])]
    assert CJ not in names
    assert changed.complementarity_of(DIGI).label == "one-way: Japan → China + joint strength"
    assert m.criteria([SOCIAL]) != changed.criteria([SOCIAL])


def test_criterion_descriptions_list_the_topics():
    crit = {c.name: c for c in table4_two_areas().criteria([SOCIAL])}
    assert "Level of industrial digitization (application)" in crit[CJ].description
    assert "(primary and secondary)" in crit[JC].description


def test_an_unmatched_strength_feeds_nothing():
    m = AdvantageMatrix.from_items(
        [C, J],
        ["tech"],
        [Item(C, "tech", "5G", "advantage"), Item(J, "tech", "chips", "advantage")],
    )
    assert m.complementarity_of("tech").label == "unmatched"
    assert m.criteria() == ()
    assert m.stance("tech", C) == "advantage"


def test_cells_follow_items_and_name_their_texts():
    cell = table4_two_areas().cell(DIGI, C)
    assert cell.text == (
        "Advantage: high application rate of AI Disadvantage: Low digitalization penetration"
    )


def test_item_errors():
    with pytest.raises(ModelError, match="kind must be one of"):
        Item(C, DIGI, "x", "strength")
    with pytest.raises(ModelError, match="topic"):
        Item(C, DIGI, "", "advantage")
    with pytest.raises(ModelError, match="has no item in area"):
        AdvantageMatrix.from_items([C, J], ["x"], [Item(C, "x", "t", "advantage")])
    with pytest.raises(UnknownNameError, match="unknown party"):
        AdvantageMatrix(
            [C, J],
            ["x"],
            [StanceCell("x", C, "advantage"), StanceCell("x", J, "advantage")],
            items=(Item("Korea", "x", "t", "advantage"),),
        )
    with pytest.raises(ModelError, match="does not match its items"):
        AdvantageMatrix(
            [C, J],
            ["x"],
            [StanceCell("x", C, "both"), StanceCell("x", J, "advantage")],
            items=(Item(C, "x", "t", "advantage"), Item(J, "x", "t", "advantage")),
        )
    with pytest.raises(ModelError, match="same challenge"):
        AdvantageMatrix.from_items(
            [C, J],
            ["x"],
            [Item(C, "x", "t", "advantage", challenge="5.3"), Item(J, "x", "t", "disadvantage")],
        )
    with pytest.raises(UnknownNameError, match="not among the challenges"):
        table4_two_areas().criteria()
    with pytest.raises(ModelError, match="with_items"):
        table4_two_areas().with_stance(DIGI, C, "advantage")


def test_stance_matrices_keep_their_names():
    m = AdvantageMatrix(
        [C, J], [Area("x")], [StanceCell("x", C, "both"), StanceCell("x", J, "both")]
    )
    assert not m.itemised
    assert m.topics().empty
    assert [c.name for c in m.criteria()] == [CJ, JC, "joint innovation", "common problems"]


# -- indicators as worded ------------------------------------------------------------


def test_indicator_bounds_follow_the_wording():
    # Fang et al., Section 5.3.1: "more than 29%"; "25 million to 30 million";
    # Section 4.1: "nearly four-fifths"; Section 4.2: "up to 45%".
    older = Indicator("Aged 65+", 29, unit="%", qualifier="more than")
    assert (older.low, older.high, older.shown) == (29.0, None, "more than 29%")
    gap = Indicator("Talent gap", None, unit="million", qualifier="between", low=25, high=30)
    assert (gap.value, gap.shown) == (None, "25 to 30 million")
    robots = Indicator("Exported", 80, unit="%", qualifier="nearly", worded="nearly four-fifths")
    assert (robots.high, robots.shown) == (80.0, "nearly four-fifths")
    assert Indicator("To China", 45, unit="%", qualifier="up to").high == 45.0


def test_indicator_errors():
    with pytest.raises(ModelError, match="qualifier must be one of"):
        Indicator("x", 1, qualifier="roughly")
    with pytest.raises(ModelError, match="only for a range"):
        Indicator("x", None)
    with pytest.raises(ModelError, match="needs low and high"):
        Indicator("x", None, qualifier="between", low=1)
    with pytest.raises(ModelError, match="outside its bounds"):
        Indicator("x", 5, low=6)
    with pytest.raises(ModelError, match="above high"):
        Indicator("x", None, qualifier="between", low=6, high=5)


def test_indicators_frame_shows_the_wording():
    m = AdvantageMatrix.from_items(
        [C, J],
        ["x"],
        [Item(C, "x", "t", "advantage"), Item(J, "x", "t", "disadvantage")],
        indicators=[
            Indicator("gap", None, qualifier="between", low=25, high=30, supports=(CJ,)),
        ],
    )
    frame = m.indicators_frame()
    assert frame.loc[0, "shown"] == "25 to 30"
    assert np.isnan(frame.loc[0, "value"])
    assert frame.loc[0, "supports"] == CJ
    assert [i.name for i in m.indicators_for(CJ)] == ["gap"]
    assert m.indicators_for(JC) == ()


# -- laws --------------------------------------------------------------------------------

kinds = st.sampled_from(["advantage", "disadvantage"])
item_rows = st.lists(
    st.tuples(st.sampled_from([C, J]), st.sampled_from(["t1", "t2", "t3"]), kinds),
    min_size=1,
    max_size=12,
)


def _matrix(rows) -> AdvantageMatrix:
    items = [Item(p, "x", t, k) for p, t, k in rows]
    for party in (C, J):  # every party needs an item in the area
        if not any(i.party == party for i in items):
            items.append(Item(party, "x", "own", "advantage"))
    return AdvantageMatrix.from_items([C, J], ["x"], items)


@given(item_rows)
def test_a_flow_needs_a_strength_meeting_a_weakness_on_one_topic(rows):
    m = _matrix(rows)
    for t in m.topic_relations:
        assert (CJ in t.relations) == (C in t.strong and J in t.weak)
        assert (JC in t.relations) == (J in t.strong and C in t.weak)
        assert ("shared strengths" in t.relations) == (len(t.strong) == 2)
        assert ("shared weaknesses" in t.relations) == (len(t.weak) == 2)
        assert (t.label == "unmatched") == (not t.relations)


@given(item_rows)
def test_swapping_the_parties_swaps_the_directions(rows):
    m = _matrix(rows)
    swapped = _matrix([(J if p == C else C, t, k) for p, t, k in rows])
    for a, b in zip(m.topic_relations, swapped.topic_relations, strict=True):
        flip = {CJ: JC, JC: CJ}
        assert {flip.get(r, r) for r in a.relations} == set(b.relations)
