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
from pathchoice.study.report import SECTIONS, render_report, weights_frame, write_report
from pathchoice.study.summary import robustness_summary

N = 2_000  # SMAA samples: enough for every step, fast
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
    out = render_report(china_japan(), n_samples=N, rng=0)
    TIMES["page"] = time.perf_counter() - start
    return out


# -- content --------------------------------------------------------------------------------


def test_every_section_is_there_in_order(page):
    parsed = parse(page)
    ids = [sid for sid, _ in SECTIONS]
    positions = [page.index(f'<section id="{sid}">') for sid in ids]
    assert positions == sorted(positions)
    for sid, title in SECTIONS:
        assert f'<a href="#{sid}">{html.escape(title)}</a>' in page
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
    assert "All pairwise judgements are acceptably consistent" in page


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
    analysis = china_japan()
    summary = robustness_summary(
        analysis.decision_model(),
        analysis.weights().global_weights,
        n_samples=N,
        rng=0,
        hierarchy=analysis.hierarchy(),
    )
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
    assert methods.columns.tolist() == ["alternative", *summary.comparison.to_frame().columns]


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
    assert "alternative set: modes (9 alternatives)" in page
    assert "scenario: rcep-deepens" in page
    assert "method: VIKOR" in page
    assert "SMAA: 300 weight samples, seed 5" in page
    expected = china_japan().with_scenario("rcep-deepens").rank("modes", "vikor")
    assert table(page, "ranking")["alternative"].tolist() == expected.order()
    assert "lower score is better" in page


def test_given_weights_replace_the_hierarchy():
    names = china_japan().criterion_names
    weights = dict.fromkeys(names, 1 / len(names))
    page = render_report(china_japan(), weights=weights, n_samples=300, plots=False)
    assert "weights: given by the user" in page
    assert "The AHP judgement closest" not in page
    expected = china_japan().rank(weights=weights)
    assert table(page, "ranking")["alternative"].tolist() == expected.order()
    shown = table(page, "weights-table")
    np.testing.assert_allclose(shown["weight"].astype(float), 1 / len(names), atol=5e-5)


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
    assert "script" not in parsed.tags
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
    assert "script" not in parsed.tags
    assert parsed.tags.count("img") == 0
    assert all(not name.startswith("on") for _, name, _ in parsed.attrs)
    assert html.escape(evil) in page
    assert evil not in page
    # the text still reads right once unescaped
    assert evil in "".join(parsed.text)


def test_same_seed_same_page_other_seed_other_page(page):
    assert render_report(china_japan(), n_samples=N, rng=0) == page  # plots included
    other = render_report(china_japan(), n_samples=N, rng=1, plots=False)
    assert other != render_report(china_japan(), n_samples=N, rng=0, plots=False)


def test_no_timestamp_in_the_page(page):
    year = time.strftime("%Y")
    assert not re.search(rf"\b{year}-\d\d-\d\d\b", page)
    assert time.strftime("%H:%M") not in page


# -- plots -----------------------------------------------------------------------------------


def test_plots_are_inline_png_images(page):
    pytest.importorskip("pathchoice.study.plots")
    images = re.findall(r'<img alt="[^"]*" src="data:image/png;base64,([^"]+)">', page)
    assert len(images) == 7
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
    assert "pip install &#x27;pathchoice[plot]&#x27;" in note
    assert 'id="ranking"' in page


def test_plots_false_leaves_them_out():
    page = render_report(china_japan(), n_samples=200, plots=False)
    assert "<img" not in page
    assert "Plots were left out" in page


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
        ({"weights": {"joint innovation": 1.0}}, WeightsError, r"joint innovation|missing"),
    ],
)
def test_errors_name_the_culprit(options, error, match):
    options = {"n_samples": 100, "plots": False, **options}
    with pytest.raises(error, match=match):
        render_report(china_japan(), **options)


def test_size_and_time_with_plots(page):
    pytest.importorskip("pathchoice.study.plots")
    seconds = TIMES["page"]
    size = len(page.encode("utf-8")) / 1024
    print(f"report: {size:.0f} KB, {seconds:.2f} s with {N:,} samples")
    assert size < 2_000
    assert seconds < 30


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
