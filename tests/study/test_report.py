"""Tests of the HTML report (:mod:`pathchoice.study.report`): content, self-containment, escaping,
determinism and atomic writing. The browser test is in ``test_report_browser.py``.

The report presents the library's results; the expected values here are those
results (the numbers themselves are tested against published values in the
library's own tests). What is tested is that every section is there and shows
the right thing, that the page needs nothing outside itself, and that no text
from a model can inject markup.
"""

from __future__ import annotations

import base64
import datetime
import html
import os
import re
import sys
import time
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from pathchoice import Analysis, china_japan, load_model
from pathchoice.exceptions import (
    ArgumentError,
    MethodError,
    ResultTypeError,
    UnknownNameError,
    WeightsError,
)
from pathchoice.study.labels import method_name
from pathchoice.study.report import SECTIONS, render_report, weights_frame, write_report

N = 2_000  # SMAA samples: enough for every step, fast
DATE = datetime.date(2026, 3, 4)  # a fixed date: the same inputs give the same bytes
VOID = {"meta", "link", "img", "br", "hr", "input", "col", "area", "base", "source", "wbr"}


class _Page(HTMLParser):
    """Collects tags, attributes and text, and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value))
            if name == "id":
                self.ids.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    assert parser.stack == []
    return parser


def table(page: str, table_id: str) -> pd.DataFrame:
    """The table with ``id=table_id`` as a DataFrame of strings (header row = columns)."""
    start = page.index(f'<table id="{table_id}"')
    chunk = page[start : page.index("</table>", start)]
    head = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", chunk.split("</thead>")[0], flags=re.S)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", chunk.split("<tbody>")[1], flags=re.S)
    cells = [
        [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S)] for r in rows
    ]
    return pd.DataFrame(cells, columns=[html.unescape(h) for h in head])


TIMES: dict[str, float] = {}


@pytest.fixture(scope="module")
def page() -> str:
    start = time.perf_counter()
    out = render_report(china_japan(), n_samples=N, rng=0, date=DATE)
    TIMES["page"] = time.perf_counter() - start
    return out


# -- content --------------------------------------------------------------------------------


def test_every_section_is_there_in_order(page):
    parsed = parse(page)
    # a version-1 model has no evidence section (test_report_v2.py shows both cases); the
    # portfolio section is there only when the model has costs (test_study_portfolio.py)
    optional = ("evidence", "portfolio")
    present = [(sid, t) for sid, t in SECTIONS if sid not in optional or f'id="{sid}"' in page]
    ids = [sid for sid, _ in present]
    positions = [page.index(f'<section id="{sid}">') for sid in ids]
    assert positions == sorted(positions)
    for sid, title in present[1:]:  # the brief opens the page and needs no link
        assert f'<a href="#{sid}">{html.escape(title)}</a>' in page
    assert page.index('<section id="brief">') < page.index("<nav")
    assert len(parsed.ids) == len(set(parsed.ids)), "ids must be unique"


def test_ranking_table_is_the_library_ranking(page):
    ranking = china_japan().rank()
    shown = table(page, "ranking")
    assert list(shown.columns) == ["rank", "alternative", "score"]
    assert shown["alternative"].tolist() == ranking.order()
    assert shown["rank"].tolist() == [str(r) for r in ranking.ranks[ranking.order()]]
    scores = ranking.scores[ranking.order()].to_numpy()
    np.testing.assert_allclose(shown["score"].astype(float), scores, atol=5e-5)
    assert f'<tr class="best"><td class="num">1</td><td>{html.escape(ranking.best)}</td>' in page


def test_weights_and_consistency(page):
    hr = china_japan().weights()
    shown = table(page, "weights-table")
    expected = weights_frame(hr)
    assert shown["node"].str.strip().tolist() == expected["node"].str.strip().tolist()
    np.testing.assert_allclose(
        shown["global weight"].astype(float), expected["global weight"], atol=5e-5
    )
    assert (
        "The weights come from AHP pairwise comparisons (the principal eigenvector" in page
        or "the combined judgements give the weights by the principal eigenvector" in page
    )
    for node, result in hr.local.items():
        if result is not None:
            assert f"&#x27;{node}&#x27; {result.consistency_ratio:.3f} (acceptable)" in page


def test_inconsistent_judgements_are_flagged():
    analysis = (
        china_japan()
        .with_judgement("goal", "complementarity", "exposure", 9, reason="test")
        .with_judgement("goal", "exposure", "relief", 9, reason="test")
        .with_judgement("goal", "relief", "complementarity", 9, reason="test")
    )
    assert not analysis.weights().is_consistent
    page = render_report(analysis, n_samples=200, plots=False)
    assert "The judgements at &#x27;goal&#x27; are inconsistent" in page


def test_matrix_with_every_stance_and_its_complementarity(page):
    matrix = china_japan().matrix
    shown = page.split('<table id="matrix-table">', 1)[1].split("</table>", 1)[0]
    for area in matrix.area_names:
        assert f"<th>{html.escape(area)}</th>" in shown
        for party in matrix.parties:
            cell = matrix.cell(area, party)
            assert f'<span class="stance">{cell.stance}</span>' in shown
            assert html.escape(cell.text) in shown
    for label in matrix.complementarity()["label"]:
        assert f"<td>{html.escape(label)}</td>" in shown


def test_robustness_summary_in_plain_language(page):
    from pathchoice.study.run import run

    summary = run(china_japan(), n_samples=N, rng=0).summary  # what the report renders
    block = page.split('id="robustness-summary">', 1)[1].split("</div>", 1)[0]
    for sentence in summary.sentences.values():
        assert html.escape(sentence) in block
    thresholds = table(page, "thresholds-table")
    expected = summary.thresholds.criteria
    assert thresholds["criterion"].tolist() == expected.index.tolist()
    shown = thresholds["loses first place above"].replace("–", "nan").astype(float)
    np.testing.assert_allclose(shown, expected["increase_to"], atol=5e-5)
    smaa = table(page, "smaa-table")
    first = smaa.set_index("alternative")["1"].str.rstrip("%").astype(float) / 100
    np.testing.assert_allclose(
        first[summary.smaa.first_rank_acceptability.index],
        summary.smaa.first_rank_acceptability,
        atol=5e-4,
    )
    methods = table(page, "methods-table")
    assert methods.columns.tolist() == [
        "alternative",
        *(method_name(m) for m in summary.comparison.methods),
        "consensus",
    ]


def test_provenance_has_every_score_with_reason_and_source(page):
    provenance = china_japan().provenance()
    shown = table(page, "provenance-table")
    assert len(shown) == len(provenance)
    assert shown["reason"].tolist() == provenance["reason"].tolist()
    assert shown["source"].tolist() == provenance["source"].tolist()
    assert shown["location in the model file"].tolist() == provenance["location"].tolist()
    scores = provenance[provenance["kind"] == "score"]
    assert (shown["kind"] == "score").sum() == len(scores) > 0


def test_performance_table_and_criteria(page):
    analysis = china_japan()
    perf = table(page, "performance-table").set_index("alternative")
    expected = analysis.performance_frame().loc[analysis.rank().order()]
    assert perf.index.tolist() == expected.index.tolist()
    np.testing.assert_array_equal(perf.astype(float).to_numpy(), expected.to_numpy())
    criteria = table(page, "criteria-table")
    assert criteria["criterion"].tolist() == list(analysis.criterion_names)


def test_settings_scenario_and_set_are_stated():
    page = render_report(
        china_japan(),
        alternative_set="modes",
        scenario="rcep-deepens",
        method="vikor",
        n_samples=300,
        rng=5,
        plots=False,
    )
    assert "<dt>alternative set</dt><dd>modes (9 alternatives)</dd>" in page
    assert "scenario: rcep-deepens" in page
    assert "method: VIKOR" in page
    assert "<dt>uncertainty (SMAA)</dt><dd>300 weight samples, seed 5</dd>" in page
    expected = china_japan().with_scenario("rcep-deepens").rank("modes", "vikor")
    assert table(page, "ranking")["alternative"].tolist() == expected.order()
    assert "lower score is better" in page


def test_given_weights_replace_the_hierarchy():
    names = china_japan().criterion_names
    weights = dict.fromkeys(names, 1 / len(names))
    page = render_report(china_japan(), weights=weights, n_samples=300, plots=False)
    assert "weights: given for this run" in page
    assert "The weights were given for this run" in page
    for claim in ("AHP pairwise", "AHP hierarchy", "eigenvector", "consistency ratio"):
        assert claim not in page, claim
    assert "The AHP judgement closest" not in page
    expected = china_japan().rank(weights=weights)
    assert table(page, "ranking")["alternative"].tolist() == expected.order()
    shown = table(page, "weights-table")
    np.testing.assert_allclose(shown["weight"].astype(float), 1 / len(names), atol=5e-5)


def test_a_frame_with_given_weights_claims_no_method_that_was_not_used():
    """Issue 12: a model from a DataFrame with given weights claimed AHP, eigenvector, consistency.

    ``Analysis.from_frame(..., weights=...)`` sets the weights directly on a flat
    hierarchy: no pairwise comparison is made, so the report must say the
    weights were set directly and never name AHP, a consistency ratio or an
    eigenvector.
    """
    frame = pd.DataFrame(
        {"cost": [3.0, 5.0, 4.0], "reach": [0.4, 0.9, 0.7], "speed": [2.0, 1.0, 3.0]},
        index=["A", "B", "C"],
    )
    weights = {"cost": 0.5, "reach": 0.3, "speed": 0.2}
    analysis = Analysis.from_frame(frame, directions={"cost": "cost"}, weights=weights)
    page = render_report(analysis, n_samples=300, date=DATE)
    parse(page)
    text = html.unescape("".join(parse(page).text))
    assert "weights: set directly in the model" in text
    assert "The weights are set directly in the model; no pairwise comparisons were made" in text
    for claim in (
        "AHP",
        "eigenvector",
        "acceptably consistent",
        "consistency ratio of",
        "CR ",
        "pairwise judgements",
    ):
        assert claim not in text, claim
    assert 'alt="Criteria weights' not in page  # the AHP weights plot is not drawn for it
    shown = table(page, "weights-table").set_index("criterion")["weight"].astype(float)
    np.testing.assert_allclose(shown[list(weights)], list(weights.values()), atol=5e-5)


def test_the_what_if_panel_holds_the_separation_tables(page):
    """The panel's data are the study's weights and TOPSIS's A+ and A- tables, in model order."""
    import json

    from pathchoice._core.topsis import normalize, separations
    from pathchoice.study.run import run

    study = run(china_japan(), n_samples=N, rng=0)
    raw = page.split('<script type="application/json" id="whatif-data">', 1)[1]
    data = json.loads(raw.split("</script>", 1)[0])
    model = study.model
    r, ideal, anti, zero = normalize(model.matrix, model.types > 0, "vector")
    a_plus, a_minus = separations(r, ideal, anti, zero)
    start, own = data["start"]
    assert start == 0 and data["scenarios"][0]["label"] == "baseline"
    np.testing.assert_array_equal(data["scenarios"][0]["aplus"], a_plus)
    np.testing.assert_array_equal(data["scenarios"][0]["aminus"], a_minus)
    assert data["criteria"] == list(model.criterion_names)
    case = data["cases"][0][own]
    np.testing.assert_array_equal(case["weights"], study.weights[list(model.criterion_names)])
    assert case["top"] == study.top
    assert page.count('type="range"') == len(model.criterion_names)


def test_the_what_if_data_hold_every_scenario_and_judgement_set():
    """One table pair per scenario, one weight vector per (scenario, judgement set), as run()."""
    import json

    from pathchoice.study.run import run
    from pathchoice.study.settings import use_judgements

    analysis = china_japan(version=2)
    page = render_report(analysis, n_samples=200, plots=False)
    raw = page.split('<script type="application/json" id="whatif-data">', 1)[1]
    data = json.loads(raw.split("</script>", 1)[0])
    scenarios = [None, *analysis.scenario_names]
    sources = ["panel", *analysis.panel.names]
    assert [s["label"] for s in data["scenarios"]] == [
        "baseline",
        *(n.replace("-", " ") for n in analysis.scenario_names),
    ]
    assert len(data["sets"]) == len(sources) and data["start"] == [0, 0]
    for k in (1, 3):
        for m in (0, 2):
            study = run(use_judgements(analysis, sources[m]), scenario=scenarios[k],
                        n_samples=10, sections=["ranking"])  # fmt: skip
            names = list(study.model.criterion_names)
            np.testing.assert_array_equal(data["cases"][k][m]["weights"], study.weights[names])
            assert data["cases"][k][m]["top"] == study.top
    assert 'id="wi-scenario"' in page and 'id="wi-set"' in page
    assert analysis.scenario(scenarios[1]).description[:40] in html.unescape(raw)


def test_no_what_if_panel_for_another_method():
    page = render_report(china_japan(), method="vikor", n_samples=200, plots=False)
    parse(page)
    assert 'id="whatif-data"' not in page
    assert "this report ranks with VIKOR, so it has no panel" in page


def test_plain_labels_only(page):
    """Options in words, methods by their names: no option strings or identifiers reach readers."""
    text = html.unescape("".join(parse(page).text))
    assert "TOPSIS with vector normalisation" in text
    assert "PROMETHEE II" in text
    for developer in ("normalization=", "zero_range", "promethee_ii", "topsis", "n_samples"):
        assert developer not in text, developer


def test_the_brief_answers_the_four_questions(page):
    from pathchoice.study.run import run

    study = run(china_japan(), n_samples=N, rng=0)
    facts = study.summary.facts
    brief = page.split('<section id="brief">', 1)[1].split("</section>", 1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", "", brief))
    for heading in ("The question", "Recommended", "How sure", "What would overturn it"):
        assert f"<h2>{heading}</h2>" in brief
    assert china_japan().metadata.description in text
    assert f"'{study.top}'" in text
    share = facts["smaa"]["first_rank_acceptability"]
    assert f"first in {100 * share:.1f}% of the weightings tried" in text
    assert share < 0.5 and "Low:" in text
    th = facts["thresholds"]
    verb = "Raising" if th["direction"] == "increase" else "Lowering"
    assert (
        f"{verb} the weight of '{th['criterion']}' from {th['weight']:.3f} to "
        f"{th['threshold']:.3f}" in text
    )
    assert f"makes '{th['new_top']}' first" in text
    assert "4 March 2026" in text and "pathchoice " in text


def test_rank_one_has_one_colour(page):
    """Rank 1 is marked with the same class colour in the ranking and the method comparison."""
    assert '<tr class="best">' in page
    methods = page.split('<table id="methods-table"', 1)[1].split("</table>", 1)[0]
    rows = methods.split("<tbody>", 1)[1].split("</tr>")[:-1]
    cells = [re.findall(r'<td class="num( rank1)?">(\d+)</td>', row) for row in rows]
    marked = [(mark == " rank1", rank == "1") for row in cells for mark, rank in row]
    assert marked and all(is_marked == is_first for is_marked, is_first in marked)
    assert any(is_first for _, is_first in marked)
    assert "td.rank1" in page and "tr.best td, td.rank1" in page


def test_provenance_is_a_collapsible_appendix(page):
    appendix = page.split('<section id="appendix">', 1)[1]
    assert '<details id="provenance"><summary>' in appendix
    assert '<table id="provenance-table"' in appendix
    assert '<table id="indicators-table"' in appendix
    assert page.index('<section id="appendix">') > page.index('<section id="cases">')


def test_a_model_without_matrix_or_cases(tmp_path):
    from importlib import resources

    text = resources.files("pathchoice.study").joinpath("data", "template.toml").read_text("utf-8")
    path = tmp_path / "model.toml"
    path.write_text(text, encoding="utf-8")
    page = render_report(load_model(path), n_samples=300, plots=False)
    parse(page)
    assert '<section id="matrix">' not in page
    assert '<a href="#matrix">' not in page
    assert '<section id="cases">' not in page
    assert load_model(path).rank().best in table(page, "ranking")["alternative"].iloc[0]


# -- self-contained, escaped, deterministic --------------------------------------------------


def test_the_page_needs_nothing_outside_itself(page):
    parsed = parse(page)
    # two inline scripts: the what-if panel's data (JSON) and its code; nothing loaded
    assert parsed.tags.count("script") == 2
    assert not [a for a in parsed.attrs if a[0] == "script" and a[1] == "src"]
    assert '<script type="application/json" id="whatif-data">' in page
    assert "fetch(" not in page and "XMLHttpRequest" not in page
    assert "iframe" not in parsed.tags and "object" not in parsed.tags
    for tag, name, value in parsed.attrs:
        if name in ("src", "href", "action", "poster", "srcset"):
            assert value.startswith(("data:", "#")), (tag, name, value[:60])
    css = "".join(re.findall(r"<style>(.*?)</style>", page, flags=re.S))
    assert "@import" not in css
    assert "url(" not in css
    assert "@font-face" not in css


@pytest.mark.parametrize(
    "evil",
    ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "\" onmouseover='x' a=\""],
)
def test_text_from_the_model_is_escaped(evil):
    frame = pd.DataFrame(
        {"cost & risk": [3.0, 5.0, 4.0], evil: [0.4, 0.9, 0.7]},
        index=[f"A {evil}", "B", "C"],
    )
    reasons = pd.DataFrame(evil, index=frame.index, columns=frame.columns)
    analysis = Analysis.from_frame(
        frame,
        directions={"cost & risk": "cost"},
        reasons=reasons,
        source=evil,
        title=evil,
        notice=evil,
    )
    page = render_report(analysis, n_samples=200, plots=False)
    parsed = parse(page)
    assert parsed.tags.count("script") == 2  # the what-if panel's own, nothing from the model
    assert parsed.tags.count("img") == 0
    assert all(not name.startswith("on") for _, name, _ in parsed.attrs)
    assert html.escape(evil) in page
    assert evil not in page
    # the text still reads right once unescaped
    assert evil in "".join(parsed.text)


def test_same_seed_same_page_other_seed_other_page(page):
    assert render_report(china_japan(), n_samples=N, rng=0, date=DATE) == page  # with plots
    other = render_report(china_japan(), n_samples=N, rng=1, plots=False)
    assert other != render_report(china_japan(), n_samples=N, rng=0, plots=False)


def test_the_date_is_the_one_given_or_today(page, monkeypatch):
    assert "Decision brief · 4 March 2026 · pathchoice " in page
    assert time.strftime("%H:%M") not in page  # a date, never a time
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert "1 January 1970" in render_report(china_japan(), n_samples=100, plots=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    today = datetime.datetime.now(tz=datetime.UTC).date()
    shown = render_report(china_japan(), n_samples=100, plots=False)
    assert f"{today.day} {today:%B %Y}" in shown
    with pytest.raises(ArgumentError, match=r"render_study: date must be a datetime.date"):
        render_report(china_japan(), n_samples=100, plots=False, date=20260304)


# -- plots -----------------------------------------------------------------------------------


def test_plots_are_inline_png_images(page):
    pytest.importorskip("pathchoice.study.plots")
    images = re.findall(r'<img alt="[^"]*" src="data:image/png;base64,([^"]+)">', page)
    assert len(images) == 3  # weights, thresholds, weight sensitivity; the rest are tables
    for data in images:
        png = base64.b64decode(data, validate=True)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(png) > 5_000
    assert 'id="plots-note"' not in page


def test_without_matplotlib_the_report_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    page = render_report(china_japan(), n_samples=200)
    parse(page)
    assert "<img" not in page
    note = page.split('id="plots-note">', 1)[1].split("</p>", 1)[0]
    assert "reinstall pathchoice" in note
    assert 'id="ranking"' in page


def test_plots_false_leaves_them_out():
    page = render_report(china_japan(), n_samples=200, plots=False)
    assert "<img" not in page
    assert "The plots were left out of this report on request." in page


# -- writing and errors ----------------------------------------------------------------------


def test_write_report_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "report.html"
    assert write_report(china_japan(), path, n_samples=200, plots=False) == path
    first = path.read_text(encoding="utf-8")
    assert first == render_report(china_japan(), n_samples=200, plots=False)

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_report(china_japan(), path, n_samples=200, rng=9, plots=False)
    assert path.read_text(encoding="utf-8") == first
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"method": "magic"}, MethodError, r"unknown ranking method 'magic'"),
        ({"alternative_set": "routes"}, UnknownNameError, r"unknown alternative set 'routes'"),
        ({"scenario": "nope"}, UnknownNameError, r"unknown scenario 'nope'"),
        ({"n_samples": 0}, ValueError, r"n_samples must be a whole number >= 1 \(got 0\)"),
        ({"weights": {"shared strengths": 1.0}}, WeightsError, r"shared strengths|missing"),
    ],
)
def test_errors_name_the_culprit(options, error, match):
    options = {"n_samples": 100, "plots": False, **options}
    with pytest.raises(error, match=match):
        render_report(china_japan(), **options)


def test_size_with_plots(page):
    pytest.importorskip("pathchoice.study.plots")
    size = len(page.encode("utf-8")) / 1024
    print(f"report: {size:.0f} KB, {TIMES['page']:.2f} s with {N:,} samples")
    assert size < 2_000


def test_a_report_needs_an_analysis():
    """No silent fall-back to the China–Japan model; a wrong object is a library error."""
    with pytest.raises(TypeError):
        render_report(n_samples=100, plots=False)  # type: ignore[call-arg]
    for wrong in ("model.toml", None, china_japan().decision_model()):
        with pytest.raises(ResultTypeError, match=r"render_report: expected an Analysis"):
            render_report(wrong, n_samples=100, plots=False)
        with pytest.raises(ResultTypeError, match=r"write_report: expected an Analysis"):
            write_report(wrong, "report.html", n_samples=100, plots=False)


def test_write_report_takes_a_study_already_run(tmp_path):
    from pathchoice.study.run import run

    study = run(china_japan(), n_samples=200)
    path = write_report(study, tmp_path / "r.html", plots=False)
    assert path.read_text(encoding="utf-8") == render_report(
        china_japan(), n_samples=200, plots=False
    )
    with pytest.raises(ArgumentError, match=r"\['n_samples'\] cannot change it"):
        write_report(study, tmp_path / "r.html", n_samples=10)
