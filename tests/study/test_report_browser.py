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
