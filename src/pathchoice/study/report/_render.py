"""Rendering and writing the report: run the study once, then lay out its sections."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..._validate import as_flag
from ...exceptions import ArgumentError, ResultTypeError
from ..files import write_atomic

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..run import StudyResult

from ._html import CSS, Plots, esc, html_section, para
from ._sections import (
    SECTIONS,
    about_section,
    cases_section,
    criteria_section,
    matrix_section,
    page_header,
    page_nav,
    provenance_section,
    ranking_section,
    robustness_section,
    weights_section,
)

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
    method: str = "topsis",
    n_samples: int = 10_000,
    rng: int | None = 0,
    weights: Mapping[str, float] | pd.Series | None = None,
    plots: bool = True,
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
    method : str, default "topsis"
        The ranking method (a key of :data:`pathchoice.METHODS`).
    n_samples : int, default 10,000
        Weight vectors sampled for SMAA.
    rng : int or None, default 0
        Seed of the SMAA sampling; the same seed gives the same report.
    weights : mapping or Series, optional
        Criterion weights to use instead of the AHP hierarchy's (then the
        judgement analysis is left out).
    plots : bool, default True
        Draw the plots (needs matplotlib, ``pip install 'pathchoice[plot]'``;
        without it the report says so and has everything else).

    Returns
    -------
    str
        The page: HTML5 with inline CSS and PNG images in ``data:`` URIs, no
        scripts and no links to other files.

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
    >>> page == render_report(china_japan(), n_samples=500, plots=False)
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
    return render_study(study, plots=plots)


def render_study(study: StudyResult, *, plots: bool = True) -> str:
    """The HTML report of a study already run, as one self-contained page.

    Parameters
    ----------
    study : StudyResult
        From :func:`pathchoice.study.run.run`.
    plots : bool, default True
        Draw the plots (needs matplotlib).

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
    analysis = study.analysis
    chosen = analysis.alternative_set(study.alternative_set)
    hr = study.hierarchy
    w = study.weights
    summary = study.summary
    ranking = study.ranking
    method = study.method
    drawer = Plots(plots, study)
    seed = study.settings["rng"]
    settings = {
        "alternative set": f"{chosen.name} ({len(chosen.alternatives)} alternatives)",
        "method": study.method_name,
        "weights": "AHP hierarchy" if hr is not None else "given by the user",
        "scenario": ", ".join(study.scenarios) or "baseline",
        "SMAA": f"{study.settings['n_samples']:,} weight samples, seed {seed}",
        "pathchoice": __version__,
    }
    body = [
        html_section(
            "summary",
            "At a glance",
            [
                f'<div class="callout">{esc(summary.sentences["ranking"])}'
                + (f" {esc(summary.sentences['smaa'])}" if "smaa" in summary.sentences else "")
                + "</div>",
                para(
                    "The rest of the report shows what this rests on: the matrix, the criteria "
                    "and their weights, the scores, and how robust the ranking is."
                ),
            ],
        ),
        matrix_section(analysis, drawer),
        criteria_section(analysis),
        weights_section(hr, w, drawer),
        ranking_section(analysis, chosen.name, ranking, method, drawer),
        robustness_section(study, drawer),
        cases_section(analysis),
        provenance_section(analysis),
        about_section(settings, dict(ranking.options)),
    ]
    sections = [s for s in body if s is not None]
    present = [sid for sid, _ in SECTIONS if any(f'<section id="{sid}">' in s for s in sections)]
    if drawer.problem:
        sections.insert(0, f'<p class="placeholder" id="plots-note">{esc(drawer.problem)}</p>')
    title = f"{analysis.metadata.title}: {chosen.name} ({study.method_name})"
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
            page_header(analysis, settings),
            page_nav(present),
            "<main>",
            *sections,
            "</main>",
            f"<footer>Made with pathchoice {esc(__version__)}. {esc(analysis.metadata.notice)}"
            "</footer>",
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
        ``weights``, ``plots``: as for :func:`render_report`.

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
        unknown = sorted(set(options) - {"plots"})
        if unknown:
            raise ArgumentError(
                f"write_report: a StudyResult was already run; {unknown} cannot change it "
                "(give them to run() instead)"
            )
        page = render_study(analysis, **options)
    else:
        page = render_report(check_analysis(analysis, "write_report"), **options)
    return write_atomic(path, page)
