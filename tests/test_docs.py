"""The documentation site: its examples run, it builds with warnings as errors, it is complete.

How the code in ``docs/`` is checked (the convention for writing pages):

* Every fenced ```` ```python ```` block of a page is executed, in page order, in one
  namespace per page: a later block may use what an earlier block defined. Blocks
  show their results as comments or with ``print``.
* Every ```` ```pycon ```` block (a ``>>>`` session with its output) is run with
  :mod:`doctest` in the same namespace, and the output must match (``ELLIPSIS`` and
  ``NORMALIZE_WHITESPACE`` on). Use it where the numbers on the page matter.
* Other fences (``toml``, ``bash``, ``text``, ...) are not run. Fences may be indented
  (inside a list item); a fence's first word is its language.
* Each page runs in a fresh temporary directory as the working directory (examples may
  write files there), with matplotlib's non-interactive Agg backend; figures are closed
  after each page. A failure names the page, the block number (counting from 1 among the
  page's Python and pycon blocks) and the block's line in the page.

The site itself is built by ``mkdocs build --strict`` in a subprocess into a temporary
directory: a broken link, a missing page, a nav entry without a file, a page missing from
the nav or a docstring the numpydoc parser cannot read fails the build. This is the CI
docs build. It is skipped only when mkdocs is not installed and ``CI`` is not set.
The built site's object inventory must then hold every public module of ``pathchoice``
and every name in each module's ``__all__``: the API reference is complete. The table of
``docs/reference/index.md`` must list exactly ``pathchoice.__all__`` (a failure prints
the rows to add).
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import pathchoice
from study import test_report_browser

ROOT = Path(__file__).resolve().parents[1]
browser = test_report_browser.browser  # the headless Chromium fixture of the report's tests
DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))

# An opening fence: indentation, three or more backticks or tildes, the info string.
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")


@dataclass(frozen=True)
class Block:
    language: str
    code: str
    line: int  # 1-based line of the opening fence in the page


def fenced_blocks(text: str) -> list[Block]:
    """Every fenced code block of a Markdown text, dedented by its fence's indentation."""
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence = match["indent"], match["fence"]
        language = (match["info"].split() or [""])[0].lower()
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body: list[str] = []
        start = index
        index += 1
        while index < len(lines) and not closing.match(lines[index]):
            line = lines[index]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            index += 1
        blocks.append(Block(language, "\n".join(body) + "\n", start + 1))
        index += 1
    return blocks


def runnable_blocks(page: str) -> list[Block]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return [b for b in fenced_blocks(text) if b.language in ("python", "pycon")]


def test_fenced_blocks_parser():
    text = (
        "intro\n```python\nx = 1\n```\n\n* item\n\n    ```pycon\n    >>> x + 1\n    2\n"
        "    ```\n\n````text\n```python\nnot a block\n```\n````\n~~~toml\na = 1\n~~~\n"
    )
    blocks = fenced_blocks(text)
    assert [(b.language, b.line) for b in blocks] == [
        ("python", 2),
        ("pycon", 8),
        ("text", 13),
        ("toml", 18),
    ]
    assert blocks[0].code == "x = 1\n"
    assert blocks[1].code == ">>> x + 1\n2\n"
    assert blocks[2].code == "```python\nnot a block\n```\n"


def test_guides_have_runnable_examples():
    guides = [
        p for p in PAGES if p == "getting-started.md" or p.startswith(("tutorial/", "how-to/"))
    ]
    assert "tutorial/china-japan.md" in guides
    assert len([p for p in guides if p.startswith("how-to/")]) >= 5
    for page in guides:
        assert runnable_blocks(page), f"docs/{page} has no python or pycon example"
    assert len(runnable_blocks("tutorial/china-japan.md")) >= 15


class ExampleError(Exception):
    """A documentation example failed; the message names the page and the block."""


def run_blocks(blocks: list[Block], page: str, *, ran: list[str] | None = None) -> dict:
    """Run a page's Python and pycon blocks in order in one namespace; return it.

    ``ran``, if given, gets the place (page, block, line) of each block that ran through
    (a pycon block counts when it holds at least one ``>>>`` example).
    """
    namespace: dict = {"__name__": "docs_" + re.sub(r"\W", "_", page)}
    parser = doctest.DocTestParser()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    for number, block in enumerate(blocks, start=1):
        where = f"docs/{page}, block {number} (line {block.line})"
        if block.language == "python":
            try:
                exec(compile(block.code, where, "exec"), namespace)
            except Exception as error:
                raise ExampleError(
                    f"{where} raised {type(error).__name__}: {error}\n{block.code}"
                ) from error
        elif block.language == "pycon":
            test = parser.get_doctest(block.code, namespace, where, f"docs/{page}", block.line)
            runner = doctest.DocTestRunner(optionflags=flags)
            report: list[str] = []
            runner.run(test, out=report.append, clear_globs=False)
            namespace.update(test.globs)  # DocTest works on a copy of the namespace
            if runner.failures:
                raise ExampleError(f"{where}: doctest failed\n" + "".join(report))
            if not runner.tries:
                continue  # no >>> example in the block: nothing ran
        else:
            continue  # other languages are not run
        if ran is not None:
            ran.append(where)
    return namespace


def test_run_blocks_shares_one_namespace_and_checks_output():
    blocks = fenced_blocks(
        "```python\nx = 2\n```\n```pycon\n>>> y = x * 3\n>>> y\n6\n```\n```python\nz = y + 1\n```\n"
    )
    assert run_blocks(blocks, "page.md")["z"] == 7


def test_run_blocks_names_page_and_block_on_wrong_output():
    blocks = fenced_blocks("```python\nx = 2\n```\ntext\n```pycon\n>>> x + 1\n4\n```\n")
    with pytest.raises(ExampleError, match=r"docs/page\.md, block 2 \(line 5\): doctest failed"):
        run_blocks(blocks, "page.md")


def test_run_blocks_names_page_and_block_on_error():
    blocks = fenced_blocks("```python\nx = 2\n```\n```python\n1 / 0\n```\n")
    with pytest.raises(ExampleError, match=r"docs/page\.md, block 2 \(line 4\) raised Zero"):
        run_blocks(blocks, "page.md")


def _close_figures() -> None:
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.mark.parametrize("page", [page for page in PAGES if runnable_blocks(page)])
def test_page_examples_run(page, tmp_path, monkeypatch):
    blocks = runnable_blocks(page)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    if "matplotlib" in sys.modules:
        sys.modules["matplotlib"].use("Agg")
    # Pages may register methods, as users do; undo that after the page. (RI tables
    # are read-only: a page passes its own table per call.)
    registries = [pathchoice.METHODS]
    saved = [dict(registry) for registry in registries]
    ran: list[str] = []
    try:
        run_blocks(blocks, page, ran=ran)
    except ExampleError as error:
        pytest.fail(str(error))
    finally:
        _close_figures()
        for registry, before in zip(registries, saved, strict=True):
            registry.clear()
            registry.update(before)
    assert blocks
    assert len(ran) == len(blocks), f"docs/{page}: ran {len(ran)} of {len(blocks)} blocks"


# --- the site build ----------------------------------------------------------------------


def _mkdocs_available() -> bool:
    try:
        importlib.import_module("mkdocs")
        importlib.import_module("mkdocstrings")
        importlib.import_module("material")
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    if not _mkdocs_available():
        if os.environ.get("CI"):
            pytest.fail("mkdocs, mkdocs-material or mkdocstrings is not installed (docs extra)")
        pytest.skip("mkdocs is not installed (install the docs extra)")
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    seconds = time.perf_counter() - start
    assert completed.returncode == 0, (
        f"mkdocs build --strict failed after {seconds:.1f} s:\n"
        f"{completed.stderr[-6000:]}\n{completed.stdout[-2000:]}"
    )
    return site


def test_site_builds_strict(built_site):
    for page in PAGES:
        html = built_site / page.replace(".md", ".html")
        assert html.is_file(), f"docs/{page} was not built"
    # Nothing is fetched when the site is viewed: no web fonts, no script from elsewhere.
    for page in PAGES:
        html = (built_site / page.replace(".md", ".html")).read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html, page
        assert not re.search(r"<(script|img|link)[^>]+(src|href)=\"https?://", html), page
    # The tutorial's figures are drawn at build time (docs/_hooks.py) and all present.
    tutorial = (DOCS / "tutorial" / "china-japan.md").read_text(encoding="utf-8")
    figures = re.findall(r"!\[[^\]]*\]\((img/[\w-]+\.png)\)", tutorial)
    assert len(figures) >= 7
    for figure in figures:
        png = (built_site / "tutorial" / figure).read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000, figure


def _public_modules() -> list[str]:
    names = ["pathchoice"]
    for info in pkgutil.walk_packages(pathchoice.__path__, "pathchoice."):
        parts = info.name.split(".")
        if any(part.startswith("_") for part in parts):
            continue
        names.append(info.name)
    return sorted(names)


def _inventory(site: Path) -> set[str]:
    from mkdocstrings import Inventory

    with open(site / "objects.inv", "rb") as file:
        return set(Inventory.parse_sphinx(file))


def test_api_reference_lists_every_public_module_and_name(built_site):
    inventory = _inventory(built_site)
    missing = []
    for module_name in _public_modules():
        if module_name not in inventory:
            missing.append(module_name)
            continue
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            if name.startswith("__"):
                continue
            if f"{module_name}.{name}" in inventory:
                continue
            home = getattr(getattr(module, name), "__module__", None)
            if isinstance(home, str) and home.startswith("pathchoice"):
                found = f"{home}.{name}" in inventory
            else:  # a constant re-exported from a submodule: documented there
                found = any(
                    entry.startswith(module_name + ".") and entry.endswith("." + name)
                    for entry in inventory
                )
            if not found:
                missing.append(f"{module_name}.{name}")
    assert not missing, (
        "not in the API reference (add a ::: block to a page under docs/reference/): "
        + ", ".join(missing)
    )


def _index_row(name: str) -> str:
    obj = getattr(pathchoice, name)
    if inspect.ismodule(obj):
        kind, target = "module", obj.__name__
    elif isinstance(obj, type):
        kind = "exception" if issubclass(obj, Exception) else "class"
        target = f"{obj.__module__}.{name}"
    elif callable(obj):
        kind, target = "function", f"{obj.__module__}.{name}"
    else:
        kind, target = "constant", f"pathchoice.<module>.{name}"
    summary = inspect.getdoc(obj) or "" if kind != "constant" else "(what it holds)"
    summary = summary.split("\n\n")[0].replace("\n", " ")
    return f"| [`{name}`][{target}] | {kind} | {summary} |"


def test_reference_index_names_every_top_level_export():
    text = (DOCS / "reference" / "index.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| \[`([^`]+)`\]", text, flags=re.M))
    expected = {name for name in pathchoice.__all__ if not name.startswith("__")}
    missing = sorted(expected - listed)
    assert not missing, "add these rows to the table of docs/reference/index.md:\n" + "\n".join(
        _index_row(name) for name in missing
    )
    assert listed - expected == set(), "listed in docs/reference/index.md, not exported"


# -- maths, lists and search as a reader sees them (issue 12) ----------------------------


def test_formulas_are_built_into_mathml(built_site):
    # docs/_maths.py turns every $...$ and $$...$$ into MathML, which browsers draw
    # themselves: no TeX left for a script to typeset, and no script that would.
    for page in PAGES:
        html = (built_site / page.replace(".md", ".html")).read_text(encoding="utf-8")
        assert not re.search(r'class="arithmatex">\\[(\[]', html), page
        assert "katex" not in html.lower() and "mathjax" not in html.lower(), page
    topsis = (built_site / "topsis.html").read_text(encoding="utf-8")
    closeness = r"C_i = \frac{D^-_i}{D^+_i + D^-_i}"
    assert f'<annotation encoding="application/x-tex">{closeness}</annotation>' in topsis
    assert topsis.count('<math xmlns="http://www.w3.org/1998/Math/MathML"') >= 20
    assert 'display="block"' in topsis


def test_the_topsis_steps_render_as_five_steps(built_site):
    # The steps once rendered as 1-7: the normalisations' bullets were not nested.
    topsis = (built_site / "topsis.html").read_text(encoding="utf-8")
    section = topsis[topsis.index('id="what-topsis-computes"') :]
    steps = section[section.index("<ol>") : section.index("</ol>")]
    depth, top_level = 0, 0
    for tag in re.findall(r"</?(?:ol|ul)>|<li>", steps[len("<ol>") :]):
        if tag in ("<ol>", "<ul>"):
            depth += 1
        elif tag in ("</ol>", "</ul>"):
            depth -= 1
        elif depth == 0:
            top_level += 1
    assert top_level == 5
    assert "<ul>" in steps  # the two normalisations nested under step 1


def test_search_works_when_the_site_is_opened_from_disk(built_site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    assert (built_site / "search" / "search_index.js").read_text("utf-8").startswith("var __index")
    browser.get((built_site / "how-to" / "own-model.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, "[data-md-component=search-query]")
    WebDriverWait(browser, 20).until(lambda d: box.is_displayed())  # Material's script started
    box.click()
    box.send_keys("consistency ratio")
    wait = WebDriverWait(browser, 20)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item a"))
    meta = browser.find_element(By.CSS_SELECTOR, ".md-search-result__meta")
    wait.until(lambda d: re.fullmatch(r"\d+ matching documents", meta.text))
    links = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")
    first = links[0].get_attribute("href")
    assert first.startswith((built_site / "ahp.html").as_uri()), first
    links[0].click()
    wait.until(lambda d: d.current_url.startswith((built_site / "ahp.html").as_uri()))
    box = browser.find_element(By.CSS_SELECTOR, "[data-md-component=search-query]")
    box.click()
    box.send_keys("zzqqxx")
    wait.until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
            == "No matching documents"
        )
    )
