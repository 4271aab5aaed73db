"""The HTML report rendered in a real browser: headless Chromium from Debian's packages.

Chromium (``/usr/bin/chromium``) is driven through Debian's chromedriver
(``/usr/bin/chromedriver``) with selenium; ``Service(executable_path=...)``
means selenium-manager downloads nothing, and the flags below keep Chromium off
the network (the report must need none). The test opens the report file
through a ``file://`` URL and checks that it rendered:

* the screenshot is not blank (its pixels vary);
* the ranking table (``id="ranking"``) is displayed, with the best path in it;
* the browser logged no error (no SEVERE console entry: a broken image, a
  blocked request, a script error);
* no image failed to decode and nothing was fetched from outside the file.

Without Chromium the test is skipped on a developer's machine, but fails when
the ``CI`` environment variable is set: CI installs Chromium
(``apt-get install chromium chromium-driver``), and a browser test that
silently skips there would test nothing.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from pathchoice import china_japan
from pathchoice.study.report import write_report

CHROMIUM = Path(os.environ.get("PATHCHOICE_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("PATHCHOICE_CHROMEDRIVER", "/usr/bin/chromedriver"))
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1400",
)


def _missing() -> str | None:
    """Why the browser test cannot run here, or None if it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install 'pathchoice[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (path.is_file() and os.access(path, os.X_OK)):
            return f"{path} not found (apt-get install chromium chromium-driver)"
    return None


def _require_browser() -> None:
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the browser test cannot run: {reason}")
    pytest.skip(reason)


def _png_pixels(png: bytes) -> np.ndarray:
    """The RGB pixels of a PNG (Pillow, which matplotlib of the test extra brings along)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int64)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tmp_path_factory.mktemp("chromium-profile")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    return write_report(china_japan(), path, n_samples=2_000, rng=0)


def test_the_report_renders_in_chromium(browser, report):
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    assert browser.title.startswith(china_japan().metadata.title)

    # the ranking table is there, displayed, with the best path in its first row
    table = browser.find_element(By.ID, "ranking")
    assert table.is_displayed()
    best = china_japan().rank().best
    first = table.find_element(By.CSS_SELECTOR, "tbody tr")
    assert best in first.text
    assert first.get_attribute("class") == "best"
    assert table.size["height"] > 100 and table.size["width"] > 200

    # a screenshot that is not blank: many distinct colours and real variance
    pixels = _png_pixels(browser.get_screenshot_as_png())
    assert pixels.shape[0] > 500 and pixels.shape[1] > 500
    assert pixels.std() > 20
    colours = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    assert len(np.unique(colours)) > 50

    # every image decoded (a broken data: URI has naturalWidth 0)
    broken = browser.execute_script(
        "return Array.from(document.images)"
        ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt);"
    )
    assert broken == []
    # nothing was requested from outside the page itself
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => !n.startsWith('data:'));"
    )
    assert fetched == []

    # no errors in the console
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_the_console_check_can_fail(browser, tmp_path):
    """A page with a broken image does log a SEVERE entry: the check above is not vacuous."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body>'
        '<img src="missing.png" alt="x"></body></html>',
        encoding="utf-8",
    )
    browser.get_log("browser")  # drop earlier entries
    browser.get(page.as_uri())
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert any("missing.png" in e["message"] for e in severe)


def test_the_blank_check_can_fail(browser, tmp_path):
    """A blank page's screenshot has (almost) no variance: the check above is not vacuous."""
    page = tmp_path / "blank.html"
    page.write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body></body></html>',
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    pixels = _png_pixels(browser.get_screenshot_as_png())
    assert pixels.std() < 1


@pytest.mark.parametrize("ci", ["", "1"])
def test_a_missing_browser_skips_locally_but_fails_in_ci(ci, monkeypatch, tmp_path):
    import sys

    module = sys.modules[__name__]
    monkeypatch.setattr(module, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", ci)
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match="no-chromium not found"):
        _require_browser()


# -- print: A4, nothing clipped, the brief on one page ---------------------------------------

#: A4 less the report's @page margins (13 mm left and right, 14 mm top and bottom), in CSS px.
PRINT_WIDTH = round((210 - 2 * 13) / 25.4 * 96)
PRINT_HEIGHT = round((297 - 2 * 14) / 25.4 * 96)

#: Tables wider than their container, or reaching past the page body (JavaScript, in the page).
CLIPPED = """
const main = document.querySelector('main').getBoundingClientRect();
return Array.from(document.querySelectorAll('table')).filter(t => {
  const box = t.getBoundingClientRect();
  return t.scrollWidth > t.parentElement.clientWidth + 1 || box.right > main.right + 1;
}).map(t => t.id || t.outerHTML.slice(0, 80));
"""


def _print_media(browser, width: int) -> None:
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": PRINT_HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )


def _screen_media(browser) -> None:
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _pdf(browser) -> bytes:
    import base64

    from selenium.webdriver.common.print_page_options import PrintOptions

    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7  # A4, in cm
    options.background = True
    return base64.b64decode(browser.print_page(options))


def _pages(pdf: bytes) -> int:
    """Pages of a PDF from Chromium (its page objects, ``/Type /Page``; ``/Pages`` is the tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_report_prints_on_a4_with_nothing_clipped(browser, report):
    browser.get(report.as_uri())
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true);")
    try:
        _print_media(browser, PRINT_WIDTH)
        assert browser.execute_script(CLIPPED) == []
        n_tables = browser.execute_script("return document.querySelectorAll('table').length")
        assert n_tables >= 8  # the appendix's tables are checked too
        brief = browser.execute_script(
            "return document.getElementById('brief').getBoundingClientRect().height"
        )
        assert 0 < brief <= PRINT_HEIGHT, "the brief must print on one page"
    finally:
        _screen_media(browser)
    browser.get(report.as_uri())  # details closed, as a reader prints it
    pdf = _pdf(browser)
    assert pdf.startswith(b"%PDF")
    pages = _pages(pdf)
    print(f"report printed on A4: {pages} pages")
    assert 3 <= pages <= 26  # version 1: 15 pages; version 2 with plots and portfolio: 23
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45]\.\d+ 84[12]\.\d+\s*\]", pdf)


def test_the_clipping_check_can_fail(browser, tmp_path):
    """A table wider than the page is found: the check above is not vacuous."""
    page = tmp_path / "wide.html"
    cells = "".join(f"<td>{'x' * 40}{i}</td>" for i in range(12))
    page.write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><main>'
        f'<div><table id="wide" style="white-space: nowrap"><tr>{cells}</tr></table></div>'
        "</main></body></html>",
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    try:
        _print_media(browser, PRINT_WIDTH)
        assert browser.execute_script(CLIPPED) == ["wide"]
    finally:
        _screen_media(browser)


# -- the live what-if panel ------------------------------------------------------------------

#: Set criterion ``j``'s weight through the page's number box, as a reader types it.
TYPE_WEIGHT = """
const box = document.getElementById('wi-n-' + arguments[0]);
box.value = String(arguments[1]);
box.dispatchEvent(new Event('input', {bubbles: true}));
const rows = Array.from(document.querySelectorAll('#whatif-table tbody tr'));
return [document.getElementById('wi-top').dataset.top,
        Object.fromEntries(rows.map(r => [r.dataset.alternative, Number(r.dataset.score)])),
        window.pathchoiceWhatIf.weights()];
"""


@pytest.fixture(scope="module")
def study():
    from pathchoice.study.run import run

    return run(china_japan(), n_samples=2_000, rng=0)


def _proportional(weights, j: int, value: float) -> np.ndarray:
    """Weight ``j`` set to ``value``, the others rescaled in proportion (the thresholds' scheme)."""
    w = np.asarray(weights, dtype=float)
    out = w * (1 - value) / (1 - w[j])
    out[j] = value
    return out


def test_the_what_if_panel_gives_the_scores_of_python(browser, report, study):
    from pathchoice.ranking import topsis

    browser.get(report.as_uri())
    names = list(study.model.criterion_names)
    base = study.weights.reindex(names).to_numpy()
    for j, value in [(0, 0.3), (4, 0.01), (8, 0.5), (2, 0.0), (5, 1.0)]:
        browser.get(report.as_uri())  # from the study's weights each time
        top, scores, weights = browser.execute_script(TYPE_WEIGHT, j, value)
        expected_w = _proportional(base, j, value)
        np.testing.assert_allclose(weights, expected_w, rtol=0, atol=1e-15)
        expected = topsis(study.model, dict(zip(names, expected_w, strict=True)))
        shown = np.array([scores[a] for a in expected.scores.index])
        np.testing.assert_allclose(shown, expected.scores.to_numpy(), rtol=0, atol=1e-9)
        assert top == expected.best
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def _flips(table, names: list[str]) -> list[tuple[int, float, int, str]]:
    """(criterion index, threshold, +1 up / -1 down, new top) of every finite weight threshold."""
    return [
        (j, float(table.loc[name, at]), side, table.loc[name, new])
        for j, name in enumerate(names)
        for at, new, side in (
            ("increase_to", "new_top_if_increased", 1),
            ("decrease_to", "new_top_if_decreased", -1),
        )
        if np.isfinite(table.loc[name, at])
    ]


def test_the_top_path_changes_exactly_at_the_thresholds(browser, report, study):
    """At the weight thresholds' value ± 1e-6 the page's top path is the old one, then the new."""
    table = study.summary.thresholds.criteria
    cases = _flips(table, list(study.model.criterion_names))
    for j, value, side, new_top in cases:
        browser.get(report.as_uri())
        before, _, _ = browser.execute_script(TYPE_WEIGHT, j, value - side * 1e-6)
        browser.get(report.as_uri())
        after, _, _ = browser.execute_script(TYPE_WEIGHT, j, value + side * 1e-6)
        assert before == study.top, (j, value)
        assert after == new_top, (j, value)
    assert len(cases) >= 5
    # the marks on the sliders are those values
    marks = browser.execute_script(
        "return Array.from(document.querySelectorAll('.wi-mark')).map(m => Number(m.dataset.at))"
    )
    finite = [v for v in table[["decrease_to", "increase_to"]].to_numpy().ravel() if np.isfinite(v)]
    np.testing.assert_allclose(sorted(marks), sorted(finite), rtol=0, atol=1e-12)


# -- the toggles: scenarios and judgement sets -----------------------------------------------

#: Click the page's toggles for scenario ``k`` and judgement set ``l``; what the panel shows.
CHOOSE = """
for (const [name, index] of [['wi-scenario', arguments[0]], ['wi-set', arguments[1]]]) {
  const box = document.getElementById(name + '-' + index);
  if (!box.checked) { box.click(); }
}
const rows = Array.from(document.querySelectorAll('#whatif-table tbody tr'));
return [document.getElementById('wi-top').dataset.top,
        Object.fromEntries(rows.map(r => [r.dataset.alternative, Number(r.dataset.score)])),
        window.pathchoiceWhatIf.weights(),
        Array.from(document.querySelectorAll('.wi-mark')).map(m => Number(m.dataset.at))];
"""


@pytest.fixture(scope="module")
def panel_report(tmp_path_factory) -> Path:
    """The version-2 model: four scenarios and an expert panel of three judgement sets."""
    path = tmp_path_factory.mktemp("report-v2") / "report.html"
    return write_report(china_japan(version=2), path, n_samples=500, rng=0, plots=False)


def _run_for(scenario: str | None, source: str):
    """Python's own run of the model for a scenario and a judgement set (the page's oracle)."""
    from pathchoice.study.run import run
    from pathchoice.study.settings import use_judgements

    analysis = use_judgements(china_japan(version=2), source)
    return run(analysis, scenario=scenario, n_samples=10, sections=["ranking"])


def _choices():
    analysis = china_japan(version=2)
    scenarios = [None, *analysis.scenario_names]
    sources = ["panel", *analysis.panel.names]
    return scenarios, sources


def test_the_toggles_give_the_scores_of_run_for_every_scenario_and_expert(browser, panel_report):
    scenarios, sources = _choices()
    browser.get(panel_report.as_uri())
    labels = browser.execute_script(
        "return ['wi-scenario', 'wi-set'].map(n => Array.from("
        "document.querySelectorAll('input[name=' + n + ']')).map(b => b.parentElement.textContent))"
    )
    assert len(labels[0]) == len(scenarios) and len(labels[1]) == len(sources)
    assert labels[0][0].strip() == "baseline" and "expert panel" in labels[1][0]
    seen_tops = set()
    for k, scenario in enumerate(scenarios):
        for m, source in enumerate(sources):
            top, scores, weights, _ = browser.execute_script(CHOOSE, k, m)
            study = _run_for(scenario, source)
            names = list(study.model.criterion_names)
            np.testing.assert_allclose(
                weights, study.weights.reindex(names).to_numpy(), rtol=0, atol=1e-12
            )
            expected = study.ranking.scores
            shown = np.array([scores[a] for a in expected.index])
            np.testing.assert_allclose(shown, expected.to_numpy(), rtol=0, atol=1e-9)
            assert top == study.top, (scenario, source)
            seen_tops.add(top)
    assert len(seen_tops) > 1  # the toggles do change the answer: the test can fail
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_the_marks_follow_the_chosen_scenario_and_expert(browser, panel_report):
    """After a toggle the marks are that case's weight thresholds; the top flips there ± 1e-6."""
    from pathchoice.sensitivity.thresholds import weight_thresholds

    scenarios, sources = _choices()
    k, m = scenarios.index("detente-2022"), sources.index("japan-side")
    study = _run_for(scenarios[k], sources[m])
    table = weight_thresholds(study.model, study.weights).criteria
    names = list(study.model.criterion_names)
    browser.get(panel_report.as_uri())
    *_, marks = browser.execute_script(CHOOSE, k, m)
    finite = [v for v in table[["decrease_to", "increase_to"]].to_numpy().ravel() if np.isfinite(v)]
    np.testing.assert_allclose(sorted(marks), sorted(finite), rtol=0, atol=1e-12)
    cases = _flips(table, names)[:6]
    for j, value, side, new_top in cases:
        for delta, expected in ((-side * 1e-6, study.top), (side * 1e-6, new_top)):
            browser.get(panel_report.as_uri())
            browser.execute_script(CHOOSE, k, m)
            top, _, _ = browser.execute_script(TYPE_WEIGHT, j, value + delta)
            assert top == expected, (j, value, delta)
    assert len(cases) >= 3


def test_the_version_2_report_prints_on_a4_with_nothing_clipped(browser, panel_report):
    """The evidence (topics, indicators, ranges) and the panel's tables fit the page too."""
    browser.get(panel_report.as_uri())
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true);")
    try:
        _print_media(browser, PRINT_WIDTH)
        assert browser.execute_script(CLIPPED) == []
        ids = browser.execute_script(
            "return Array.from(document.querySelectorAll('table[id]')).map(t => t.id)"
        )
        for table in ("topics-table", "bases-table", "panel-consistency-table"):
            assert table in ids
        brief = browser.execute_script(
            "return document.getElementById('brief').getBoundingClientRect().height"
        )
        assert 0 < brief <= PRINT_HEIGHT, "the brief must print on one page"
    finally:
        _screen_media(browser)
    browser.get(panel_report.as_uri())
    pages = _pages(_pdf(browser))
    print(f"version-2 report printed on A4: {pages} pages")
    assert 3 <= pages <= 24
