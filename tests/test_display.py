"""Tests of how results show themselves: ``_repr_html_`` in Jupyter, ``str()`` in a terminal.

Every result class gives an HTML block with a heading and a ``<table``
naming its alternatives (or criteria), everything escaped, and a readable
``str()`` (a heading line and a table, never the dataclass repr).

Published reference values:

- Saaty, T. L. (1990). "How to make a decision: The analytic hierarchy
  process". European Journal of Operational Research 48(1), 9-26, the house
  example: C.R. = 0.169, not acceptable (``tests/ahp/data/reference_cases.json``).
- Fang, Z., Li, J., Song, R., Chen, Y. and Fan, Y. "Policy Assessment and Path
  Choice of Digital Economy Cooperation between China and Japan", Table 4
  (``tests/china_japan_tables.py``): the stance of each party in each area,
  which the matrix's HTML must colour.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ahp.reference import case, matrix_of
from china_japan_tables import TABLE_4
from pathchoice import Model, ahp_weights, china_japan, group_weights, topsis
from pathchoice._display import (
    STANCE_TINTS,
    frame_html,
    frame_text,
    paragraphs_html,
    stance_table_html,
)
from pathchoice.ranking import rank_batch
from pathchoice.sensitivity.compare import compare_methods
from pathchoice.sensitivity.judgements import judgement_sensitivity
from pathchoice.sensitivity.oat import weight_sensitivity
from pathchoice.sensitivity.reversal import rank_reversal_checks
from pathchoice.sensitivity.smaa import smaa
from pathchoice.sensitivity.thresholds import weight_thresholds
from pathchoice.study.summary import robustness_summary


class Cells(HTMLParser):
    """Collects the rows of the first table: each row a list of (tag, attrs, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, dict, str]]] = []
        self._cell: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = [tag, dict(attrs), ""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(tuple(self._cell))
            self._cell = None


def cells(html: str) -> list[list[tuple[str, dict, str]]]:
    parser = Cells()
    parser.feed(html)
    return parser.rows


@pytest.fixture(scope="module")
def cj():
    # Version 1 of the China–Japan model: the matrix display is checked against Table 4 as
    # printed (one stance per cell, tests/china_japan_tables.py); version 2's matrix adds
    # items stated outside Table 4 (Digital talents becomes "both" for China).
    analysis = china_japan(version=1)
    model = analysis.decision_model()
    weights = analysis.weights().weights
    return {
        "analysis": analysis,
        "model": model,
        "weights": weights,
        "alternatives": list(model.alternatives),
        "criteria": list(model.criterion_names),
    }


def results(cj):
    """(name, result, names that must appear) for every displayable result type."""
    a, m, w = cj["analysis"], cj["model"], cj["weights"]
    alts, crit = cj["alternatives"], cj["criteria"]
    rng = np.random.default_rng(0)
    hierarchy = a.weights()
    return [
        ("RankingResult", a.rank(), alts),
        ("BatchRankingResult", rank_batch(m, rng.dirichlet(np.ones(len(crit)), 40)), alts),
        ("WeightsResult", hierarchy.local["complementarity"], crit[:4]),
        ("HierarchyResult", hierarchy, crit),
        ("WeightSensitivityResult", weight_sensitivity(m, w), crit),
        ("ThresholdResult", weight_thresholds(m, w), crit),
        ("JudgementSensitivityResult", judgement_sensitivity(m, a.hierarchy()), crit),
        ("MethodComparison", compare_methods(m, w), alts),
        ("SMAAResult", smaa(m, n_samples=500, rng=0), alts),
        ("RankReversalResult", rank_reversal_checks(m, w), ["remove", "copy", "dominated"]),
        ("Analysis", a, crit),
    ]


def test_every_result_shows_an_html_table_naming_its_items(cj):
    for name, result, names in results(cj):
        html = result._repr_html_()
        assert html.startswith('<div class="pathchoice-result">'), name
        assert "<table" in html, name
        for item in names:
            assert escape(item) in html, (name, item)


def test_every_result_prints_a_heading_and_a_table_not_its_repr(cj):
    for name, result, names in results(cj):
        text = str(result)
        head = text.split("\n", 1)[0]
        assert not head.startswith(f"{name}("), name
        assert "DataFrame" not in text and "array(" not in text, name
        assert len(text.split("\n")) > 2, name
        for item in names:
            assert item[:30] in text, (name, item)


def test_html_heading_is_the_first_line_of_str_where_the_class_has_one(cj):
    ranking = cj["analysis"].rank()
    head = str(ranking).split("\n", 1)[0]
    assert f"<p><strong>{escape(head)}</strong></p>" in ranking._repr_html_()


def test_ranking_html_lists_alternatives_best_first_with_score_and_rank(cj):
    ranking = cj["analysis"].rank()
    rows = [r for r in cells(ranking._repr_html_()) if len(r) == 3 and r[1][0] == "td"]
    body = [(r[0][2], float(r[1][2]), int(r[2][2])) for r in rows]
    assert [b[0] for b in body] == ranking.order()
    for alt, score, rank in body:
        assert rank == ranking.ranks[alt]
        np.testing.assert_allclose(score, ranking.scores[alt], atol=5e-5)  # shown to 4 places


def test_batch_summary_counts_first_places_and_mean_ranks(cj):
    rng = np.random.default_rng(1)
    batch = rank_batch(cj["model"], rng.dirichlet(np.ones(len(cj["criteria"])), 50))
    frame = batch._display_frame()
    ranks = pd.DataFrame(batch.ranks, columns=batch.alternatives)
    np.testing.assert_allclose(frame["mean_rank"], ranks.mean()[frame.index])
    np.testing.assert_allclose(frame["share_first"], (ranks == 1).mean()[frame.index])
    assert frame["mean_rank"].is_monotonic_increasing
    assert str(batch).startswith("topsis rankings under 50 weight vectors")


def test_weights_html_carries_saaty_1990_published_inconsistency():
    # Saaty (1990), house example: C.R. = 0.169 > 0.1.
    result = ahp_weights(matrix_of(case("saaty1990_house")))
    html = result._repr_html_()
    assert "CR = 0.169" in html
    assert "<li>" in html and "size of house" in html


def test_hierarchy_html_gives_every_nodes_cr_and_the_verdict(cj):
    h = cj["analysis"].weights()
    rows = cells(h._repr_html_())
    header = [c[2] for c in rows[0]]
    assert header == ["", "parent", "local_weight", "global_weight", "consistency_ratio"]
    nodes = [r[0][2] for r in rows[2:]]
    assert nodes == list(h.to_frame()["node"])
    assert "all judgements acceptably consistent" in h._repr_html_()


def test_group_html_lists_each_experts_consistency():
    result = group_weights(
        {
            "A": {("x", "y"): 2, ("x", "z"): 4, ("y", "z"): 2},
            "B": {("x", "y"): 1 / 3, ("x", "z"): 5, ("y", "z"): 7},
        }
    )
    html = result._repr_html_()
    for name, expert in result.expert_results.items():
        assert escape(f"{name}: {expert.message}") in html


def test_threshold_html_shows_the_taker_for_each_threshold(cj):
    th = weight_thresholds(cj["model"], cj["weights"])
    html = th._repr_html_()
    for name in th.criteria["new_top_if_increased"].dropna():
        assert escape(name) in html
    assert escape(th.top) in html


def test_weight_sensitivity_str_gives_the_top_by_weight_range(cj):
    ws = weight_sensitivity(cj["model"], cj["weights"], criteria="joint innovation")
    frame = ws._display_frame()
    tops = ws.top_frame()
    row = frame.loc["joint innovation"]
    assert row["top_changes"] == bool(tops["changed"].any())
    first, last = tops.iloc[0], tops.iloc[-1]
    assert row["top_by_weight"].startswith(f"{first['top']} [{first['weight']:.2f}-")
    assert row["top_by_weight"].endswith(f"-{last['weight']:.2f}]")


def test_summary_html_is_one_paragraph_per_section_escaped(cj):
    s = robustness_summary(
        cj["model"], cj["weights"], n_samples=500, rng=0, sections=["ranking", "thresholds"]
    )
    html = s._repr_html_()
    assert html.count("<p>") == 1 + len(s.sentences)
    for sentence in s.sentences.values():
        assert f"<p>{escape(sentence)}</p>" in html
    assert str(s) == s.text


def test_advantage_matrix_html_colours_table_4_stances(cj):
    matrix = cj["analysis"].matrix
    rows = cells(matrix._repr_html_())
    assert [c[2] for c in rows[0]] == ["area", "China", "Japan", "complementarity"]
    for (area, china, japan), row in zip(TABLE_4, rows[1:], strict=True):  # Fang et al., Table 4
        assert row[0][2] == area
        for (_, attrs, text), stance in zip(row[1:3], (china, japan), strict=True):
            assert text == stance
            if stance == "both":
                assert "linear-gradient" in attrs["style"]
            else:
                assert f"background: {STANCE_TINTS[stance]}" in attrs["style"]
        assert "style" not in row[3][1]
        assert row[3][2] == matrix.complementarity_of(area).label
    # the reason for each stance is the cell's hover text
    china_cell = rows[1][1][1]
    assert china_cell["title"] == matrix.cell("Population", "China").text


def test_names_are_escaped():
    model = Model(["<b>A</b>", "B & C"], ["x", "y"], [[1.0, 2.0], [2.0, 1.0]])
    html = topsis(model, [0.6, 0.4])._repr_html_()
    assert "<b>A</b>" not in html
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "B &amp; C" in html
    table = stance_table_html("<t>", pd.DataFrame({"P": ["advantage"]}, index=["<x>"]), ["P"], None)
    assert "<x>" not in table and "&lt;x&gt;" in table and "&lt;t&gt;" in table


@given(title=st.text(max_size=40), notes=st.lists(st.text(max_size=30), max_size=3))
def test_html_blocks_escape_any_text(title, notes):
    out = frame_html(title, None, notes) + paragraphs_html(title, notes)
    stripped = out
    for tag in ("<div", "</div>", "<p>", "</p>", "<strong>", "</strong>", "<ul>", "</ul>"):
        stripped = stripped.replace(tag, "")
    stripped = stripped.replace("<li>", "").replace("</li>", "")
    stripped = stripped.replace(' class="pathchoice-result">', "")
    assert "<" not in stripped and ">" not in stripped
    assert escape(title) in out


def test_long_frames_are_cut_for_display():
    frame = pd.DataFrame({"v": np.arange(500.0)})
    assert frame_html("t", frame, max_rows=20).count("<tr>") < 30
    assert len(frame_text("t", frame, max_rows=20).split("\n")) < 30
    assert frame_text("t", frame["v"]).split("\n")[1].strip() == "v"


def test_smaa_html_rows_follow_expected_rank(cj):
    result = smaa(cj["model"], n_samples=500, rng=0)
    rows = [r for r in cells(result._repr_html_()) if len(r) > 3 and r[1][0] == "td"]
    assert [r[0][2] for r in rows] == list(result.expected_rank.sort_values(kind="stable").index)
    assert result._repr_html_().count("<th>rank_") == len(cj["alternatives"])
