"""Tests of the advantage/disadvantage matrix and the criteria derived from it.

Reference case: Table 4 of Fang, Li, Song, Chen & Fan, "Policy Assessment and
Path Choice of Digital Economy Cooperation between China and Japan" (the stances
of China and Japan in nine areas). The expected complementarity types follow
from the table's stances and the definitions in ``pathchoice.study.matrix``.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from china_japan_tables import CJ, JC, TABLE_4
from pathchoice.exceptions import ModelError, UnknownNameError
from pathchoice.study.matrix import (
    COMPLEMENTARITY_GROUP,
    EXPOSURE_GROUP,
    RELIEF_GROUP,
    STANCES,
    AdvantageMatrix,
    Area,
    Challenge,
    ChallengeItem,
    Indicator,
    StanceCell,
)


def table4() -> AdvantageMatrix:
    frame = pd.DataFrame(
        {"China": [r[1] for r in TABLE_4], "Japan": [r[2] for r in TABLE_4]},
        index=[r[0] for r in TABLE_4],
    )
    return AdvantageMatrix.from_frame(frame, source="Table 4")


def two_by_two(a: str, b: str) -> AdvantageMatrix:
    return AdvantageMatrix(["A", "B"], ["x"], [StanceCell("x", "A", a), StanceCell("x", "B", b)])


# -- complementarity types -------------------------------------------------------------


def test_table4_complementarity_types():
    # Fang et al., Table 4: infrastructure and social informatization are China's
    # advantage and Japan's disadvantage; the industrial system is an advantage of
    # both; digital talent a disadvantage of both; cells with "Advantage ...
    # Disadvantage ..." are "both", which makes the area mixed.
    comp = table4().complementarity()
    assert comp.loc["Information infrastructure", "label"] == "China → Japan"
    assert comp.loc["Degree of social informatization", "label"] == "China → Japan"
    assert comp.loc["Industrial system", "kind"] == "shared-strength"
    assert comp.loc["Industrial system", "label"] == "joint innovation"
    assert comp.loc["Digital talents", "kind"] == "shared-weakness"
    assert comp.loc["Digital talents", "label"] == "common problem"
    mixed = [a for a, c, j in TABLE_4 if "both" in (c, j)]
    assert list(comp.index[comp["kind"] == "mixed"]) == mixed


@pytest.mark.parametrize(
    ("a", "b", "kind", "label", "relations"),
    [
        ("advantage", "disadvantage", "complementary", "A → B", ["A strengths meet B weaknesses"]),
        ("disadvantage", "advantage", "complementary", "B → A", ["B strengths meet A weaknesses"]),
        ("advantage", "advantage", "shared-strength", "joint innovation", ["joint innovation"]),
        ("disadvantage", "disadvantage", "shared-weakness", "common problem", ["common problems"]),
        (
            "both",
            "advantage",
            "mixed",
            "mixed",
            ["B strengths meet A weaknesses", "joint innovation"],
        ),
        (
            "both",
            "disadvantage",
            "mixed",
            "mixed",
            ["A strengths meet B weaknesses", "common problems"],
        ),
        (
            "both",
            "both",
            "mixed",
            "mixed",
            [
                "A strengths meet B weaknesses",
                "B strengths meet A weaknesses",
                "joint innovation",
                "common problems",
            ],
        ),
    ],
)
def test_two_party_types_and_relations(a, b, kind, label, relations):
    comp = two_by_two(a, b).complementarity_of("x")
    assert (comp.kind, comp.label) == (kind, label)
    assert list(comp.relations) == relations


def test_three_party_generalisation():
    m = AdvantageMatrix(
        ["A", "B", "C"],
        ["x", "y", "z"],
        [
            StanceCell("x", "A", "advantage"),
            StanceCell("x", "B", "advantage"),
            StanceCell("x", "C", "disadvantage"),
            StanceCell("y", "A", "advantage"),
            StanceCell("y", "B", "advantage"),
            StanceCell("y", "C", "advantage"),
            StanceCell("z", "A", "both"),
            StanceCell("z", "B", "disadvantage"),
            StanceCell("z", "C", "disadvantage"),
        ],
    )
    x = m.complementarity_of("x")
    assert (x.kind, x.label) == ("complementary", "A, B → C")
    assert x.relations == (
        "A strengths meet partner weaknesses",
        "B strengths meet partner weaknesses",
        "joint innovation",
    )
    assert m.complementarity_of("y").kind == "shared-strength"
    z = m.complementarity_of("z")
    assert z.kind == "mixed"
    assert z.strong == ("A",)
    assert z.weak == ("A", "B", "C")
    assert z.relations == ("A strengths meet partner weaknesses", "common problems")
    names = [c.name for c in m.criteria()]
    assert names == [
        "A strengths meet partner weaknesses",
        "B strengths meet partner weaknesses",
        "joint innovation",
        "common problems",
    ]


# -- derived criteria --------------------------------------------------------------


def test_table4_relation_criteria_list_their_areas():
    crit = {c.name: c for c in table4().criteria()}
    assert list(crit) == [CJ, JC, "joint innovation", "common problems"]
    assert all(c.direction == "benefit" and c.group == COMPLEMENTARITY_GROUP for c in crit.values())
    assert "Information infrastructure" in crit[CJ].description
    assert "Information infrastructure" not in crit[JC].description
    assert "Digital technology level" in crit[JC].description
    assert "Digital talents" in crit["common problems"].description
    assert "Industrial system" in crit["joint innovation"].description


def test_challenge_criteria_directions_and_groups():
    challenges = [
        Challenge("5.1", "de-Chinaization pressure", criteria=("exposure", "relief")),
        Challenge("5.3", "social dilemmas", criteria=("relief",)),
    ]
    crit = table4().criteria(challenges)
    tail = [(c.name, c.direction, c.group) for c in crit[-3:]]
    assert tail == [
        ("exposure to de-Chinaization pressure", "cost", EXPOSURE_GROUP),
        ("relief of de-Chinaization pressure", "benefit", RELIEF_GROUP),
        ("relief of social dilemmas", "benefit", RELIEF_GROUP),
    ]


def test_changing_a_stance_changes_the_criteria():
    base = table4()
    before = {c.name: c for c in base.criteria()}
    # Japan catching up on network infrastructure: the area stops feeding
    # China→Japan and becomes a shared strength.
    changed = base.with_stance("Information infrastructure", "Japan", "advantage")
    after = {c.name: c for c in changed.criteria()}
    assert "Information infrastructure" in before[CJ].description
    assert "Information infrastructure" not in after[CJ].description
    assert "Information infrastructure" not in before["joint innovation"].description
    assert "Information infrastructure" in after["joint innovation"].description
    assert before[CJ] != after[CJ]
    assert base.complementarity_of("Information infrastructure").label == "China → Japan"
    assert changed.complementarity_of("Information infrastructure").label == "joint innovation"
    # The original is untouched.
    assert base.stance("Information infrastructure", "Japan") == "disadvantage"


def test_a_relation_fed_by_no_area_yields_no_criterion():
    m = table4()
    assert "common problems" in [c.name for c in m.criteria()]
    for area, china, japan in TABLE_4:
        if china in ("disadvantage", "both"):
            m = m.with_stance(area, "China", "advantage")
        if japan == "both":
            m = m.with_stance(area, "Japan", "advantage")
    names = [c.name for c in m.criteria()]
    assert "common problems" not in names
    assert JC not in names
    assert names == [CJ, "joint innovation"]


def test_criteria_by_area():
    m = dataclasses.replace(table4(), criteria_by="area")
    crit = m.criteria()
    assert [c.name for c in crit] == [r[0] for r in TABLE_4]
    infra = crit[1]
    assert "China → Japan" in infra.description
    changed = m.with_stance("Information infrastructure", "Japan", "advantage").criteria()[1]
    assert "joint innovation" in changed.description
    assert changed != infra


def test_derived_name_collision_is_refused():
    m = AdvantageMatrix(
        ["A", "B"],
        ["exposure to risk"],
        [StanceCell("exposure to risk", "A", "both"), StanceCell("exposure to risk", "B", "both")],
        criteria_by="area",
    )
    with pytest.raises(ModelError, match="'exposure to risk' appears more than once"):
        m.criteria([Challenge("1", "risk")])


def test_repeated_challenge_keys_are_refused():
    with pytest.raises(ModelError, match="challenge keys must be unique; '1'"):
        table4().criteria([Challenge("1", "a"), Challenge("1", "b")])


# -- the object ----------------------------------------------------------------------


def test_cells_are_canonically_ordered_and_equal():
    cells = [
        StanceCell("x", "A", "advantage"),
        StanceCell("x", "B", "disadvantage"),
        StanceCell("y", "A", "both"),
        StanceCell("y", "B", "advantage"),
    ]
    m1 = AdvantageMatrix(["A", "B"], ["x", "y"], cells)
    m2 = AdvantageMatrix(["A", "B"], [Area("x"), Area("y")], list(reversed(cells)))
    assert m1 == m2
    assert hash(m1) == hash(m2)
    assert [(c.area, c.party) for c in m2.cells] == [("x", "A"), ("x", "B"), ("y", "A"), ("y", "B")]


def test_matrix_is_immutable():
    m = table4()
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.parties = ("X", "Y")  # type: ignore[misc]
    new = m.with_stance("Digital talents", "China", "both", text="changed")
    assert new.cell("Digital talents", "China").text == "changed"
    assert new.cell("Digital talents", "China").source == "Table 4"
    assert m.cell("Digital talents", "China").text == ""


def test_to_frame_is_readable():
    frame = table4().to_frame(texts=True)
    assert list(frame.columns) == ["China", "China text", "Japan", "Japan text", "complementarity"]
    assert frame.index.name == "area"
    assert frame.shape == (9, 5)
    assert frame.loc["Digital talents", "Japan"] == "disadvantage"
    assert list(table4().to_frame().columns) == ["China", "Japan", "complementarity"]
    assert "Information infrastructure" in str(table4())


def test_indicators_frame():
    m = dataclasses.replace(
        table4(),
        indicators=(
            Indicator(
                "5G base stations",
                2.312,
                unit="million",
                year=2022,
                party="China",
                area="Information infrastructure",
                source="Section 4.1",
            ),
            Indicator("5G essential patents", 10.7, unit="%", party="Japan"),
        ),
    )
    frame = m.indicators_frame()
    assert list(frame["name"]) == ["5G base stations", "5G essential patents"]
    np.testing.assert_allclose(frame["value"], [2.312, 10.7], rtol=0, atol=0)
    assert frame["year"].iloc[0] == 2022
    assert pd.isna(frame["year"].iloc[1])


def test_challenge_normalises_and_holds_items():
    ch = Challenge(
        "5.2",
        "rule fragmentation",
        criteria=["exposure"],  # type: ignore[arg-type]
        items=[ChallengeItem("5.2.1 risks of cross-border data flow")],  # type: ignore[arg-type]
    )
    assert ch.criteria == ("exposure",)
    assert isinstance(ch.items, tuple)
    assert Challenge("k", "n", criteria="relief").criteria == ("relief",)  # type: ignore[arg-type]


# -- errors --------------------------------------------------------------------------


def test_bad_stance():
    with pytest.raises(ModelError, match=r"cell \('x', 'A'\): stance must be one of .* 'strong'"):
        StanceCell("x", "A", "strong")  # type: ignore[arg-type]


def test_bad_stance_in_frame():
    frame = pd.DataFrame({"A": ["high"], "B": ["advantage"]}, index=["x"])
    with pytest.raises(ModelError, match="got 'high'"):
        AdvantageMatrix.from_frame(frame)


def test_unknown_area_and_party_in_cells():
    with pytest.raises(UnknownNameError, match="unknown area 'z'"):
        AdvantageMatrix(["A", "B"], ["x"], [StanceCell("z", "A", "advantage")])
    with pytest.raises(UnknownNameError, match="unknown party 'C'"):
        AdvantageMatrix(["A", "B"], ["x"], [StanceCell("x", "C", "advantage")])


def test_missing_and_repeated_cells():
    with pytest.raises(ModelError, match=r"missing cells \[\('x', 'B'\)\]"):
        AdvantageMatrix(["A", "B"], ["x"], [StanceCell("x", "A", "advantage")])
    cells = [StanceCell("x", "A", "advantage")] * 2 + [StanceCell("x", "B", "both")]
    with pytest.raises(ModelError, match=r"cell \('x', 'A'\) is given more than once"):
        AdvantageMatrix(["A", "B"], ["x"], cells)


def test_party_and_area_counts_and_names():
    with pytest.raises(ModelError, match="at least two parties"):
        AdvantageMatrix(["A"], ["x"], [StanceCell("x", "A", "advantage")])
    with pytest.raises(ModelError, match="party names must be unique; 'A'"):
        AdvantageMatrix(["A", "A"], ["x"], [])
    with pytest.raises(ModelError, match="area names must be unique; 'x'"):
        AdvantageMatrix(["A", "B"], ["x", "x"], [])
    with pytest.raises(ModelError, match="at least one area"):
        AdvantageMatrix(["A", "B"], [], [])
    with pytest.raises(ModelError, match="area name must be a non-empty string"):
        AdvantageMatrix(["A", "B"], [""], [])


def test_bad_criteria_by():
    with pytest.raises(ModelError, match=r"criteria_by must be one of .* 'areas'"):
        dataclasses.replace(table4(), criteria_by="areas")  # type: ignore[arg-type]


def test_unknown_names_in_lookups_and_with_stance():
    m = table4()
    with pytest.raises(UnknownNameError, match="unknown area 'Ports'; areas are"):
        m.stance("Ports", "China")
    with pytest.raises(UnknownNameError, match="unknown party 'Korea'; parties are"):
        m.with_stance("Population", "Korea", "advantage")
    with pytest.raises(ModelError, match="got 'neutral'"):
        m.with_stance("Population", "China", "neutral")  # type: ignore[arg-type]


def test_indicator_errors():
    with pytest.raises(ModelError, match="indicator 'x': value must be a number"):
        Indicator("x", "many")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="indicator 'x': value must be finite"):
        Indicator("x", float("nan"))
    with pytest.raises(ModelError, match="indicator 'x': year must be an integer"):
        Indicator("x", 1.0, year=2022.5)  # type: ignore[arg-type]
    with pytest.raises(UnknownNameError, match="indicator 'x' names unknown party 'Korea'"):
        dataclasses.replace(table4(), indicators=(Indicator("x", 1.0, party="Korea"),))
    with pytest.raises(UnknownNameError, match="indicator 'x' names unknown area 'Ports'"):
        dataclasses.replace(table4(), indicators=(Indicator("x", 1.0, area="Ports"),))


def test_challenge_errors():
    with pytest.raises(ModelError, match=r"challenge '5.1': criteria must be among .* 'risk'"):
        Challenge("5.1", "x", criteria=("risk",))  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=r"challenge '5\.1': criteria must name at least one"):
        Challenge("5.1", "x", criteria=())
    with pytest.raises(ModelError, match=r"challenge '5\.1': criteria must be unique"):
        Challenge("5.1", "x", criteria=("relief", "relief"))
    with pytest.raises(ModelError, match="challenge key must be a non-empty string"):
        Challenge("", "x")
    with pytest.raises(ModelError, match="challenges must be Challenge objects"):
        table4().criteria(["5.1"])  # type: ignore[list-item]


# -- laws ----------------------------------------------------------------------------

stance_rows = st.lists(
    st.lists(st.sampled_from(STANCES), min_size=2, max_size=4), min_size=1, max_size=6
).filter(lambda rows: len({len(r) for r in rows}) == 1)


def _matrix(rows: list[list[str]]) -> AdvantageMatrix:
    parties = [f"P{j}" for j in range(len(rows[0]))]
    areas = [f"a{i}" for i in range(len(rows))]
    cells = [
        StanceCell(a, p, rows[i][j]) for i, a in enumerate(areas) for j, p in enumerate(parties)
    ]
    return AdvantageMatrix(parties, areas, cells)


@given(stance_rows)
def test_every_area_feeds_at_least_one_relation(rows):
    # Any stance pattern has a strong party meeting a weak one, a shared
    # strength, or a shared weakness (n >= 2 parties, three stances).
    relations = _matrix(rows).relations()
    assert relations.any(axis=1).all()


@given(stance_rows)
def test_kind_and_relations_agree(rows):
    m = _matrix(rows)
    n = len(m.parties)
    for comp in m.complementarities:
        if comp.kind == "shared-strength":
            assert comp.relations == ("joint innovation",)
        elif comp.kind == "shared-weakness":
            assert comp.relations == ("common problems",)
        elif comp.kind == "complementary":
            providers = comp.label.split(" → ")[0].split(", ")
            flows = [r for r in comp.relations if "strengths meet" in r]
            assert [f.split(" strengths")[0] for f in flows] == providers
        assert set(comp.strong) | set(comp.weak) == set(m.parties)
        if comp.kind != "mixed":
            assert not set(comp.strong) & set(comp.weak)
    assert m.relations().shape == (len(rows), n + 2)


@given(stance_rows, st.randoms(use_true_random=False))
def test_permuting_parties_permutes_flow_relations(rows, random):
    m = _matrix(rows)
    order = list(range(len(m.parties)))
    random.shuffle(order)
    permuted = AdvantageMatrix(
        [m.parties[j] for j in order],
        m.areas,
        m.cells,
    )
    assert [c.kind for c in m.complementarities] == [c.kind for c in permuted.complementarities]
    assert {c.name for c in m.criteria()} == {c.name for c in permuted.criteria()}
    for c1, c2 in itertools.product(m.criteria(), permuted.criteria()):
        if c1.name == c2.name:
            assert c1.description == c2.description
