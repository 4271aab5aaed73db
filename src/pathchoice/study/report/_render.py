"""Rendering and writing the report: run the study once, then lay out its sections."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..._validate import as_flag
from ...exceptions import ArgumentError, ResultTypeError
from ..files import write_atomic
from ..labels import alternative_noun

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..run import StudyResult

from ..run import FROM_SETTINGS
from ._brief import brief_section, method_in_words, report_date
from ._evidence import evidence_section
from ._html import CSS, Plots, esc
from ._portfolio import portfolio_section
from ._sections import (
    SECTIONS,
    appendix_section,
    cases_section,
    criteria_section,
    matrix_section,
    page_nav,
    ranking_section,
    robustness_section,
)
from ._weights import weights_in_words, weights_section
from ._whatif import SCRIPT, whatif_section

__all__ = [
    "render_report",
    "render_study",
    "write_report",
    "write_text_atomic",
]


# -- writing -------------------------------------------------------------------------------


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return the path.

    The text goes to a temporary file in the same directory, is flushed to
    disk and moved over ``path`` with :func:`os.replace`; if anything fails
    the temporary file is removed and an existing ``path`` is left as it was.
    An existing file keeps its permission bits.

    Raises
    ------
    OSError
        The directory does not exist or is not writable, or the disk is full.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_text_atomic(pathlib.Path(tmp) / "out.txt", "hello\\n")
    ...     path.read_text()
    'hello\\n'
    """
    return write_atomic(path, text)


# -- entry points ---------------------------------------------------------------------------


def render_report(
    analysis: Analysis,
    *,
    alternative_set: str | None = None,
    scenario: str | Sequence[str] | None = None,
    method: str | None = None,
    n_samples: int | None = None,
    rng: Any = FROM_SETTINGS,
    weights: Mapping[str, float] | pd.Series | None = None,
    plots: bool = True,
    date: datetime.date | str | None = None,
) -> str:
    """The HTML report of an analysis, as one self-contained page.

    The study is run once with :func:`pathchoice.study.run.run` and rendered
    with :func:`render_study`.

    Parameters
    ----------
    analysis : Analysis
        The analysis (e.g. :func:`pathchoice.china_japan` or
        :func:`~pathchoice.study.modelfile.load_model`).
    alternative_set : str, optional
        The set to rank (default: the first).
    scenario : str or sequence of str, optional
        Scenarios to apply first, in order.
    method : str, optional
        The ranking method (a key of :data:`pathchoice.METHODS`; default: the
        analysis settings' method, else TOPSIS).
    n_samples : int, optional
        Weight vectors sampled for SMAA (default: the analysis settings', else
        10,000).
    rng : int or None, optional
        Seed of the SMAA sampling; the same seed gives the same report
        (default: the analysis settings' seed, else 0).
    weights : mapping or Series, optional
        Criterion weights to use instead of the AHP hierarchy's (then the
        judgement analysis is left out).
    plots : bool, default True
        Draw the plots (with matplotlib, a dependency of pathchoice; in an
        environment without it the report says so and has everything else).
    date : datetime.date or str, optional
        The date printed on the report (default: ``SOURCE_DATE_EPOCH`` when
        set, else today in UTC). The same analysis, options, seed and date
        give the same bytes.

    Returns
    -------
    str
        The page: HTML5 with inline CSS, PNG images in ``data:`` URIs and
        the what-if panel's inline script; no links to other files.

    Raises
    ------
    ResultTypeError
        ``analysis`` is not an :class:`~pathchoice.study.analysis.Analysis`.
    UnknownNameError
        Unknown alternative set or scenario.
    MethodError
        Unknown method.
    WeightsError
        Weights that are not one non-negative number per criterion summing to 1.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> page = render_report(china_japan(), n_samples=500, plots=False)
    >>> page.startswith("<!DOCTYPE html>") and 'id="ranking"' in page
    True
    >>> page == render_report(china_japan(), n_samples=500, plots=False)  # same date
    True
    """
    from ..run import check_analysis, run

    study = run(
        check_analysis(analysis, "render_report"),
        alternative_set=alternative_set,
        scenario=scenario,
        method=method,
        n_samples=n_samples,
        rng=rng,
        weights=weights,
    )
    return render_study(study, plots=plots, date=date)


def render_study(
    study: StudyResult, *, plots: bool = True, date: datetime.date | str | None = None
) -> str:
    """The HTML report of a study already run, as one self-contained page.

    Parameters
    ----------
    study : StudyResult
        From :func:`pathchoice.study.run.run`.
    plots : bool, default True
        Draw the plots (needs matplotlib).
    date : datetime.date or str, optional
        The date printed on the report (see :func:`render_report`).

    Returns
    -------
    str
        The page (see :func:`render_report`).

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.study.run import run
    >>> study = run(china_japan(), n_samples=500)
    >>> render_study(study, plots=False) == render_report(china_japan(), n_samples=500, plots=False)
    True
    """
    from ... import __version__
    from ..run import StudyResult

    if not isinstance(study, StudyResult):
        raise ResultTypeError(
            f"render_study: expected a StudyResult from run(), got {type(study).__name__}"
        )
    as_flag(plots, "plots", where="render_study")
    if date is not None and not isinstance(date, str | datetime.date):
        raise ArgumentError(
            f"render_study: date must be a datetime.date, a string or None (got {date!r})"
        )
    analysis = study.analysis
    chosen = analysis.alternative_set(study.alternative_set)
    noun = alternative_noun(chosen.name)
    method_words = method_in_words(study.method, study.ranking.options)
    drawer = Plots(plots, study)
    seed = study.settings["rng"]
    day = report_date(date)
    settings = {
        "date": day,
        "alternative set": f"{chosen.name} ({len(chosen.alternatives)} alternatives)",
        "method": method_words,
        "weights": weights_in_words(study)[0],
        "scenario": ", ".join(study.scenarios) or "baseline",
        "uncertainty (SMAA)": f"{study.settings['n_samples']:,} weight samples, seed {seed}",
        "pathchoice": __version__,
    }
    body = [
        ranking_section(analysis, chosen.name, study.ranking, method_words),
        robustness_section(study, drawer, noun),
        whatif_section(study, noun),
        portfolio_section(study),
        weights_section(study, drawer),
        criteria_section(analysis),
        matrix_section(analysis),
        evidence_section(analysis, chosen.name),
        cases_section(analysis),
        appendix_section(analysis, settings),
    ]
    drawer.close_rest()
    sections = [s for s in body if s is not None]
    present = [sid for sid, _ in SECTIONS if any(f'<section id="{sid}">' in s for s in sections)]
    if drawer.problem:
        sections.insert(0, f'<p class="placeholder" id="plots-note">{esc(drawer.problem)}</p>')
    title = f"{analysis.metadata.title}: {chosen.name} ({study.method_name})"
    brief = brief_section(
        study, date=day, version=__version__, method_words=method_words, noun=noun
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="pathchoice {esc(__version__)}">',
            '<link rel="icon" href="data:,">',
            f"<title>{esc(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            brief,
            page_nav(present),
            *sections,
            "</main>",
            f"<script>{SCRIPT}</script>",
            f"<footer>Made with pathchoice {esc(__version__)} on {esc(day)}.</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def write_report(
    analysis: Analysis | StudyResult,
    path: str | os.PathLike[str],
    **options: Any,
) -> Path:
    """Write the HTML report of ``analysis`` to ``path`` (the argument order of ``save_model``).

    Parameters
    ----------
    analysis : Analysis or StudyResult
        The analysis (run with ``options``), or a study already run (then
        only ``plots`` may be given).
    path : str or path-like
        The HTML file to write, atomically (see :func:`~pathchoice.study.files.write_atomic`:
        a symbolic link is followed, a device or pipe is written directly).
    **options
        ``alternative_set``, ``scenario``, ``method``, ``n_samples``, ``rng``,
        ``weights``, ``plots``, ``date``: as for :func:`render_report`.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pathchoice import china_japan
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_report(
    ...         china_japan(), pathlib.Path(tmp) / "report.html", n_samples=500, plots=False
    ...     )
    ...     path.read_text(encoding="utf-8").count('<table id="ranking"')
    1
    """
    from ..run import StudyResult, check_analysis

    if isinstance(analysis, StudyResult):
        unknown = sorted(set(options) - {"plots", "date"})
        if unknown:
            raise ArgumentError(
                f"write_report: a StudyResult was already run; {unknown} cannot change it "
                "(give them to run() instead)"
            )
        page = render_study(analysis, **options)
    else:
        page = render_report(check_analysis(analysis, "write_report"), **options)
    return write_atomic(path, page)
