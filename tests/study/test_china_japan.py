"""Tests of the embedded China–Japan reference model against the paper it is built from.

Reference: Fang, Z., Li, J., Song, R., Chen, Y. and Fan, Y. "Policy Assessment and Path
Choice of Digital Economy Cooperation between China and Japan" (shared/seeds/000_...):
Table 4 (stances), Sections 3-6 (figures, challenges, paths), Table 5 (cases), Table 6
(modes), Table 7 (co-authored AI papers). Figures are compared exactly (the paper prints
them to the digits stored; tolerance 0).

The scores and judgements are illustrative and have no published values; they are
tested for completeness (reason, source, scale), never for a particular ranking. The
one ranking test at the end is a regression snapshot, labelled as such.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from china_japan_tables import CJ, JC, TABLE_4
from pathchoice.ahp import PairwiseMatrix, ahp_weights
from pathchoice.exceptions import UnknownNameError
from pathchoice.study.datasets import china_japan, china_japan_text

EXP1 = "exposure to de-Chinaization pressure"
REL1 = "relief of de-Chinaization pressure"
EXP2 = "exposure to rule fragmentation"
REL2 = "relief of rule fragmentation"
REL3 = "relief of social dilemmas"
CRITERIA = [CJ, JC, "joint innovation", "common problems", EXP1, REL1, EXP2, REL2, REL3]

# Paper, Table 6 (type × level).
TABLE_6 = [
    "Direct delivery of standardized digital products",
    "Direct export of standardized software solutions",
    "Cross-border expansion of standardized platform services",
    "Localized development of digital products",
    "Localized customization of software application technology",
    "Localized customization of platform services",
    "Joint development of new generation digital products",
    "Joint development of software application technology",
    "Joint innovation of platform services",
]

# Paper, Table 5: (China side, Japan side) of the eleven cases.
TABLE_5 = [
    ("Alibaba", "Tokyo Olympics Sports"),
    ("Pony Smart (Pony.ai)", "Toyota"),
    ("Ada International", "Panasonic"),
    ("National Palace Museum", "Toppan Printing Co."),
    ("Nanjing Azure Technology Co.", "Sumitomo Mitsui"),
    ("Jiangsu Meike Solar Energy Technology Co.", "Hitachi Group"),
    ("Tsinghua University", "Hitachi Group"),
    (
        "Alibaba Group",
        "Japanese retail companies, e-commerce platforms, logistics companies, "
        "payment institutions",
    ),
    ("Huawei", "Japanese operators"),
    ("Tencent", "Kadokawa, Bandai Namco, Aiming and other game companies"),
    ("Haier Group", "Panasonic, Sanyo Electric, etc."),
]

# Section 6: the twelve paths and the subsection each comes from.
PATHS = {
    "High-level policy dialogue": "6.1",
    "Civil, city and regional platforms": "6.1",
    "Data white-list mutual recognition": "6.2.1",
    "Governance experience and standards (DFFT)": "6.2.1",
    "Cross-border data pilot zones": "6.2.1",
    "Joint data regulation and enforcement": "6.2.1",
    "AI norms and mutual testing platform": "6.2.2",
    "Trusted supply chain and joint core R&D": "6.2.2",
    "Industrial cooperation and wider rules": "6.2.2",
    "Smart cities, elderly care and healthcare": "6.3",
    "Digital disaster prevention and relief": "6.3",
    "Joint digital-talent training and certification": "6.3",
}

CITATION = re.compile(r"(?:Section \d|Table \d|Abstract|forum report)")


@pytest.fixture(scope="module")
def model():
    return china_japan()


# -- content against the paper -----------------------------------------------------------


def test_matrix_is_table_4(model):
    m = model.matrix
    assert m.parties == ("China", "Japan")
    assert m.area_names == tuple(a for a, _, _ in TABLE_4)
    for area, china, japan in TABLE_4:
        assert (m.stance(area, "China"), m.stance(area, "Japan")) == (china, japan), area
    assert (
        "Global leader in network infrastructure"
        in m.cell("Information infrastructure", "China").text
    )
    assert "Tokyo's unipolar dominance" in m.cell("Digital talents", "Japan").text
    assert all(c.source == "Table 4" for c in m.cells)


def test_complementarity_of_table_4(model):
    comp = model.matrix.complementarity()
    assert comp.loc["Information infrastructure", "label"] == "China → Japan"
    assert comp.loc["Industrial system", "label"] == "joint innovation"
    assert comp.loc["Digital talents", "label"] == "common problem"


def _indicator(model, name, party=None, year=None):
    found = [
        i
        for i in model.matrix.indicators
        if i.name == name and i.party == party and (year is None or i.year == year)
    ]
    assert len(found) == 1, (name, party, year)
    return found[0]


@pytest.mark.parametrize(
    ("name", "party", "year", "value", "unit"),
    [
        # Section 4.1: 2.312 million 5G base stations at end-2022
        ("5G base stations built and opened", "China", 2022, 2.312, "million"),
        # Section 4.1: Japan's 5G coverage about 30% in March 2022
        ("5G coverage rate", "Japan", 2022, 30, "%"),
        # Section 4.1: shares of 5G essential patents
        ("Share of 5G essential patents", "Japan", None, 10.7, "%"),
        ("Share of 5G essential patents", "China", None, 15.8, "%"),
        # Section 4.1: AI adoption rates, energy/finance/healthcare/media
        ("AI adoption rate, energy", "China", None, 86, "%"),
        ("AI adoption rate, finance", "China", None, 86, "%"),
        ("AI adoption rate, healthcare", "China", None, 83, "%"),
        ("AI adoption rate, media", "China", None, 89, "%"),
        ("AI adoption rate, energy", "Japan", None, 38, "%"),
        ("AI adoption rate, finance", "Japan", None, 42, "%"),
        ("AI adoption rate, healthcare", "Japan", None, 23, "%"),
        ("AI adoption rate, media", "Japan", None, 60, "%"),
        # Section 3.1: digital economy 41.5% of GDP in 2022
        ("Digital economy share of GDP", "China", 2022, 41.5, "%"),
        # Section 4.1: Internet penetration 75.6% in 2022
        ("Internet penetration rate", "China", 2022, 75.6, "%"),
        # Section 5.3.1: population aged 65+ in 2023
        ("Population aged 65 and over", "Japan", 2023, 29, "%"),
        ("Population aged 65 and over", "China", 2023, 15.4, "%"),
        # Section 5.3.1: digital talent gap 25-30 million
        ("Digital talent gap", "China", None, 25, "million people"),
        # Section 4.2: Japan's digital service exports to China
        (
            "Digital service exports to China (telecom, computer and information services)",
            "Japan",
            2020,
            681,
            "USD million",
        ),
        (
            "Digital service exports to China (telecom, computer and information services)",
            "Japan",
            2021,
            332,
            "USD million",
        ),
        # Section 5.2.3: Open Data Barometer ranks
        ("Open Data Barometer rank", "Japan", None, 7, "rank"),
        ("Open Data Barometer rank", "China", None, 24, "rank"),
        # Section 6: bilateral goods trade 2023
        ("Bilateral trade in goods", None, 2023, 317.999, "USD billion"),
        # Table 7: China's AI papers co-authored with Japan
        ("AI co-authored papers, China with Japan", None, 2010, 518, "papers"),
        ("AI co-authored papers, China with Japan", None, 2016, 794, "papers"),
        ("AI co-authored papers, China with Japan", None, 2021, 1439, "papers"),
    ],
)
def test_indicators_match_the_paper(model, name, party, year, value, unit):
    ind = _indicator(model, name, party, year)
    np.testing.assert_allclose(ind.value, value, rtol=0, atol=0)
    assert ind.unit == unit
    assert CITATION.search(ind.source), ind


def test_challenges_are_section_5(model):
    assert [(c.key, c.criteria) for c in model.challenges] == [
        ("5.1", ("exposure", "relief")),
        ("5.2", ("exposure", "relief")),
        ("5.3", ("relief",)),
    ]
    items = {c.key: [i.name for i in c.items] for c in model.challenges}
    assert "Semiconductor export controls" in items["5.1"]
    assert "Risks of cross-border data flow" in items["5.2"]
    assert items["5.3"] == [
        "Ageing and low birth rates",
        "Digital-talent shortage",
        "Natural disasters",
    ]
    text = " ".join(i.text for c in model.challenges for i in c.items)
    for fact in ("23 types", "Economic Security Promotion Act", "Huawei", "GDPR", "Noto"):
        assert fact in text


def test_criteria_are_derived_from_table_4_and_section_5(model):
    assert list(model.criterion_names) == CRITERIA
    directions = dict(
        zip(model.criterion_names, (c.direction for c in model.criteria), strict=True)
    )
    assert directions[EXP1] == directions[EXP2] == "cost"
    assert {d for k, d in directions.items() if k not in (EXP1, EXP2)} == {"benefit"}
    assert model.criteria == model.matrix.criteria(model.challenges)


def test_paths_are_section_6(model):
    paths = model.alternative_set("paths")
    assert list(paths.names) == list(PATHS)
    for alt in paths.alternatives:
        assert f"Section {PATHS[alt.name]}" in alt.source, alt.name
        assert alt.description


def test_modes_are_table_6(model):
    modes = model.alternative_set("modes")
    assert list(modes.names) == TABLE_6
    assert all("Table 6" in a.source for a in modes.alternatives)


def test_cases_are_table_5_and_link_to_alternatives(model):
    assert [dict(c.actors)["China"] for c in model.cases] == [c for c, _ in TABLE_5]
    assert [dict(c.actors)["Japan"] for c in model.cases] == [j for _, j in TABLE_5]
    assert all("Table 5" in c.source for c in model.cases)
    assert all(c.links for c in model.cases)
    huawei = model.cases_for("Joint development of new generation digital products", "modes")
    assert "Huawei – Japanese operators" in [c.name for c in huawei]


# -- provenance and honesty ------------------------------------------------------------


def test_every_score_and_judgement_has_a_reason_and_a_source(model):
    prov = model.provenance()
    assert len(prov[(prov.kind == "score") & (prov.scenario == "")]) == 12 * 9 + 9 * 9
    assert len(prov[(prov.kind == "judgement") & (prov.scenario == "")]) == 13
    empty_reason = prov[prov.reason.str.strip() == ""]
    empty_source = prov[prov.source.str.strip() == ""]
    assert empty_reason.empty, empty_reason.location.tolist()
    assert empty_source.empty, empty_source.location.tolist()
    uncited = prov[~prov.source.str.contains(CITATION)]
    assert uncited.empty, uncited.location.tolist()


def test_every_item_carries_its_source(model):
    m = model.matrix
    items = [
        *m.areas,
        *m.cells,
        *m.indicators,
        *model.challenges,
        *(i for c in model.challenges for i in c.items),
        *model.alternative_sets,
        *(a for s in model.alternative_sets for a in s.alternatives),
        *model.cases,
        *model.scenarios,
    ]
    missing = [item for item in items if not CITATION.search(item.source)]
    assert not missing, missing


def test_scores_are_on_the_documented_scale(model):
    scores = np.array([s.value for s in model.performance])
    overlays = np.array([s.value for sc in model.scenarios for s in sc.scores])
    for values in (scores, overlays):
        assert values.min() >= 0 and values.max() <= 10
        np.testing.assert_array_equal(values, np.round(values))
    assert "0 to 10" in model.metadata.scale


def test_model_says_its_defaults_are_illustrative(model):
    notice = model.metadata.notice
    assert "illustrative judgements" in notice
    assert "Replace them" in notice
    assert "ILLUSTRATIVE JUDGEMENTS" in china_japan_text()


def test_judgements_are_consistent_at_every_node(model):
    for node in model.hierarchy_tree.layout().nodes:
        matrix = PairwiseMatrix.from_judgements(dict(node.judgements), labels=node.child_names)
        result = ahp_weights(matrix)
        assert result.is_consistent, node.name
    for name in model.scenario_names:
        for node in model.with_scenario(name).hierarchy_tree.layout().nodes:
            matrix = PairwiseMatrix.from_judgements(dict(node.judgements), labels=node.child_names)
            assert ahp_weights(matrix).consistency_ratio < 0.1, (name, node.name)


# -- scenarios ---------------------------------------------------------------------------


def test_scenarios_are_applied_by_name(model):
    assert model.scenario_names == ("relations-deteriorate", "rcep-deepens", "ageing-first")
    with pytest.raises(UnknownNameError, match=r"unknown scenario 'war'; scenarios are \["):
        model.with_scenario("war")
    for name in model.scenario_names:
        changed = model.with_scenario(name)
        assert changed != model
        assert changed.metadata.applied_scenarios == (name,)
        assert changed.scenario_names == model.scenario_names


def _local(analysis, node):
    n = analysis.hierarchy_tree.find(node)
    matrix = PairwiseMatrix.from_judgements(dict(n.judgements), labels=n.child_names)
    return ahp_weights(matrix).weights


def test_relations_deteriorate_weighs_exposure_to_5_1_more(model):
    base, worse = model, model.with_scenario("relations-deteriorate")
    # Consistent 2×2 matrices: a judgement of 2 gives (2/3, 1/3), of 4 gives (4/5, 1/5).
    np.testing.assert_allclose(_local(base, "exposure")[EXP1], 2 / 3, rtol=1e-9)
    np.testing.assert_allclose(_local(worse, "exposure")[EXP1], 4 / 5, rtol=1e-9)
    assert _local(worse, "goal")["exposure"] > _local(base, "goal")["exposure"]
    b, w = base.performance_frame(), worse.performance_frame()
    assert (w[EXP1] >= b[EXP1]).all() and (w[EXP1] > b[EXP1]).any()


def test_rcep_deepens_lowers_exposure_to_rule_fragmentation(model):
    base, rcep = model, model.with_scenario("rcep-deepens")
    for s in ("paths", "modes"):
        b, r = base.performance_frame(s), rcep.performance_frame(s)
        assert (r[EXP2] <= b[EXP2]).all() and (r[EXP2] < b[EXP2]).any()
    assert _local(rcep, "exposure")[EXP2] < _local(base, "exposure")[EXP2]


def test_ageing_first_weighs_social_dilemmas_more(model):
    base, ageing = model, model.with_scenario("ageing-first")
    # relief node: baseline (1, 1, 1/2) normalised -> 0.2 for social dilemmas;
    # scenario (1/3, 1/3, 1) -> 0.6.
    np.testing.assert_allclose(_local(base, "relief")[REL3], 0.2, rtol=1e-9)
    np.testing.assert_allclose(_local(ageing, "relief")[REL3], 0.6, rtol=1e-9)
    assert (
        _local(ageing, "complementarity")["common problems"]
        > _local(base, "complementarity")["common problems"]
    )


def test_a_stance_change_changes_the_model_criteria(model):
    m2 = model.matrix.with_stance("Information infrastructure", "Japan", "advantage")
    changed = model.with_matrix(m2)
    assert changed.criterion_names == model.criterion_names
    assert changed.criteria != model.criteria
    descriptions = dict(zip(changed.criterion_names, changed.criteria, strict=True))
    assert "Information infrastructure" in descriptions["joint innovation"].description


# -- weights and ranking ------------------------------------------

# Hand computation: every default judgement matrix is consistent, so each node's local
# weights are proportional to any column of its matrix: goal (2, 1, 2)/5;
# complementarity (1, 1, 2, 1)/5; exposure (2, 1)/3; relief (2, 2, 1)/5.
HAND_WEIGHTS = {
    CJ: 0.4 * 0.2,
    JC: 0.4 * 0.2,
    "joint innovation": 0.4 * 0.4,
    "common problems": 0.4 * 0.2,
    EXP1: 0.2 * 2 / 3,
    REL1: 0.4 * 0.4,
    EXP2: 0.2 / 3,
    REL2: 0.4 * 0.4,
    REL3: 0.4 * 0.2,
}


def test_global_weights_match_hand_computation(model):
    for method in ("eigenvector", "geometric_mean"):
        weights = model.weights(method=method).global_weights
        expected = pd.Series(HAND_WEIGHTS)[weights.index]
        np.testing.assert_allclose(weights.to_numpy(), expected.to_numpy(), atol=1e-9)


def test_rank_uses_hierarchy_weights_or_given_ones(model):
    result = model.rank("paths")
    assert result.method == "topsis"
    assert set(result.scores.index) == set(PATHS)
    assert sorted(result.ranks) == list(range(1, 13))
    equal = pd.Series(1 / 9, index=CRITERIA)
    other = model.rank("paths", weights=equal)
    assert not np.allclose(other.scores.to_numpy(), result.scores.to_numpy())
    vikor = model.rank("modes", method="vikor")
    assert not vikor.higher_is_better


def test_regression_snapshot_of_the_default_ranking(model):
    """REGRESSION SNAPSHOT, not a reference value: the default TOPSIS order of the paths
    and modes as first observed (v0.1). It guards against accidental change of the
    model file or the engine; a deliberate change of scores or judgements updates it."""
    paths = model.rank("paths").order()
    assert paths == [
        "Industrial cooperation and wider rules",
        "Joint digital-talent training and certification",
        "High-level policy dialogue",
        "Smart cities, elderly care and healthcare",
        "Digital disaster prevention and relief",
        "Governance experience and standards (DFFT)",
        "Civil, city and regional platforms",
        "AI norms and mutual testing platform",
        "Cross-border data pilot zones",
        "Trusted supply chain and joint core R&D",
        "Data white-list mutual recognition",
        "Joint data regulation and enforcement",
    ]
    modes = model.rank("modes").order()
    assert modes[:3] == [
        "Joint innovation of platform services",
        "Joint development of software application technology",
        "Joint development of new generation digital products",
    ]
