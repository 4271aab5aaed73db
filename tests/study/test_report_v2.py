"""The report of a version-2 model: the expert panel described as it was used, the evidence
behind the scores (itemised matrix, indicators as worded, score ranges), and the same report
of a version-1 model, which has none of these, leaving them out.

The expected values are the library's own results (items, topics, indicators, ranges, each
judgement set's AHP result), computed here independently of the report code.
"""

from __future__ import annotations

import html
import re

import pytest

from pathchoice import china_japan
from pathchoice.study.report import render_report
from pathchoice.study.settings import score_ranges, use_judgements


def _text(fragment: str) -> str:
    """What a reader sees of an HTML fragment (no scripts, styles or tags)."""
    fragment = re.sub(r"<script.*?</script>|<style>.*?</style>", "", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def _section(page: str, ident: str) -> str:
    return page.split(f'<section id="{ident}">', 1)[1].split("</section>", 1)[0]


@pytest.fixture(scope="module")
def v2_page() -> str:
    return render_report(china_japan(version=2), n_samples=300, plots=False, date="4 March 2026")


@pytest.fixture(scope="module")
def v1_page() -> str:
    return render_report(china_japan(version=1), n_samples=300, plots=False, date="4 March 2026")


def test_the_panel_is_described_with_each_sets_cr_and_the_aggregation(v2_page):
    analysis = china_japan(version=2)
    weights = _text(_section(v2_page, "weights"))
    brief = _text(_section(v2_page, "brief"))
    assert "expert panel of 3 sets of AHP pairwise judgements" in weights
    assert "geometric mean" in weights and "AIJ" in weights and "equal weights" in weights
    for member in analysis.panel.members:
        hr = use_judgements(analysis, member.name).weights()
        worst = max(float(r.consistency_ratio) for r in hr.local.values() if r is not None)
        assert f"'{member.title}' {worst:.3f}" in weights
    assert "expert panel of 3 judgement sets" in brief and "AIJ, equal weights" in brief
    assert 'id="panel-consistency-table"' in v2_page and 'id="panel-weights-table"' in v2_page


def test_one_judgement_set_is_named_as_such():
    analysis = use_judgements(china_japan(version=2), "china-side")
    page = render_report(analysis, n_samples=200, plots=False)
    weights = _text(_section(page, "weights"))
    assert "one judgement set of the model's expert panel, 'A China-side perspective'" in weights
    assert "not from the panel's combined judgements" in weights
    assert "expert panel of 3 sets" not in weights


def test_no_panel_words_without_a_panel(v1_page):
    text = _text(v1_page)
    for claim in ("expert panel", "AIJ", "judgement set"):
        assert claim not in text, claim
    assert 'id="panel-consistency-table"' not in v1_page


def test_the_itemised_matrix_shows_every_topic_in_words(v2_page):
    matrix = china_japan(version=2).matrix
    part = v2_page.split('<details id="topics">', 1)[1].split("</details>", 1)[0]
    rows = part.split("<tbody>", 1)[1].count("<tr>")
    assert rows == len(matrix.topic_relations)
    text = _text(part)
    for item in matrix.items:
        assert (item.text or item.topic) in text
    assert "one-way: China's strength meets Japan's weakness" in text
    assert "shared weakness: China and Japan are both weak" in text
    assert "(counted under challenge 5.3, not under complementarity)" in text
    assert "two-way" in text  # the derivation is explained even where no topic is two-way


def test_indicators_are_shown_as_worded_beside_the_scores_they_support(v2_page):
    analysis = china_japan(version=2)
    evidence = _section(v2_page, "evidence")
    text = _text(evidence)
    assert "more than 29%" in text and "25 million to 30 million" in text
    for j, criterion in enumerate(analysis.criterion_names):
        block = evidence.split(f'<details id="evidence-{j}">', 1)[1].split("</details>", 1)[0]
        assert f"<summary>{html.escape(criterion)}</summary>" in block
        for indicator in analysis.matrix.indicators_for(criterion):
            assert html.escape(indicator.shown) in block, (criterion, indicator.name)
    # an indicator shows up only under the criteria it supports
    gap = next(i for i in analysis.matrix.indicators if i.name == "Digital talent gap")
    for j, criterion in enumerate(analysis.criterion_names):
        block = evidence.split(f'<details id="evidence-{j}">', 1)[1].split("</details>", 1)[0]
        assert ("Digital talent gap" in block) == (criterion in gap.supports)


def test_every_score_is_shown_with_its_range(v2_page):
    analysis = china_japan(version=2)
    low, high = score_ranges(analysis)
    perf = analysis.performance_frame()
    evidence = _section(v2_page, "evidence")
    for j, criterion in enumerate(analysis.criterion_names[:4]):
        block = evidence.split(f'<details id="evidence-{j}">', 1)[1].split("</details>", 1)[0]
        scores = block.rsplit("<table", 1)[1]
        for alternative in perf.index:
            lo, hi = low.loc[alternative, criterion], high.loc[alternative, criterion]
            cells = (
                f'<td>{html.escape(alternative)}</td><td class="num">'
                f"{perf.loc[alternative, criterion]:g}</td><td>{lo:g} to {hi:g}</td>"
            )
            assert cells in scores, (criterion, alternative)
    assert 'id="bases-table"' in evidence


def test_a_version_1_model_has_no_evidence_section_but_its_indicators(v1_page):
    assert '<section id="evidence">' not in v1_page
    assert '<a href="#evidence">' not in v1_page
    assert '<details id="topics">' not in v1_page
    assert '<table id="indicators-table"' in v1_page
    assert "figure, as worded" in v1_page


@pytest.mark.parametrize("version", [1, 2])
def test_no_identifiers_reach_the_reader(version, v1_page, v2_page):
    """No option strings, function names or snake_case identifiers in what a reader sees."""
    page = v1_page if version == 1 else v2_page
    text = _text(page)
    for developer in ("normalization", "zero_range", "topsis", "r_s", "n_samples", "()"):
        assert developer not in text, developer
    assert re.findall(r"\w+=\S+", text) == []  # an option string (the model's anchors
    # such as "0 = none" are words for a reader)
    # snake_case names, except in the model file locations of the provenance table and in
    # the model's own notice (the model file's text, which the report shows as it is)
    before = _text(page.split('<details id="provenance">', 1)[0])
    notice = china_japan(version=version).metadata.notice
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", before.replace(notice, "")) == []


def test_the_brief_says_who_is_first_more_often(v2_page):
    """When SMAA finds another alternative first more often than the top, the brief says so."""
    from pathchoice.study.run import run

    facts = run(china_japan(version=2), n_samples=300).summary.facts["smaa"]  # as the page
    leader, share = facts["most_often_first"], facts["most_often_first_share"]
    brief = _text(_section(v2_page, "brief"))
    assert leader != run(china_japan(version=2), n_samples=10, sections=["ranking"]).top
    assert f"'{leader}' is first more often, in {100 * share:.1f}% of them" in " ".join(
        brief.split()
    )
