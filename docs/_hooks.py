"""MkDocs hook: draw the tutorial's figures from the China–Japan model at build time.

The tutorial (docs/tutorial/china-japan.md) shows the code that draws each figure, and the
docs test runs that code; this hook runs the same calls on the same model when the site is
built and adds the PNGs to the site as ``tutorial/img/<name>.png``, so the pictures are
never stale and no image is kept in the repository. It needs matplotlib (the ``docs``
extra has it) and takes a few seconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from mkdocs.structure.files import File, Files

FIGURE_DIR = "tutorial/img"
DPI = 80


def _figures() -> dict[str, Callable[[], Any]]:
    from pathchoice import china_japan, topsis
    from pathchoice.sensitivity.compare import compare_methods
    from pathchoice.sensitivity.oat import weight_sensitivity
    from pathchoice.sensitivity.smaa import smaa
    from pathchoice.sensitivity.thresholds import weight_thresholds
    from pathchoice.study.plots import (
        plot_advantage_matrix,
        plot_method_ranks,
        plot_rank_acceptability,
        plot_ranking,
        plot_thresholds,
        plot_weight_sensitivity,
        plot_weights,
    )
    from pathchoice.study.settings import performance_sampler

    analysis = china_japan()
    paths = analysis.decision_model("paths")
    weights = analysis.weights()
    w = weights.global_weights
    thresholds = weight_thresholds(paths, w)
    oat = weight_sensitivity(paths, w, steps=41)
    return {
        "advantage-matrix": lambda: plot_advantage_matrix(analysis.matrix),
        "weights": lambda: plot_weights(weights),
        "ranking": lambda: plot_ranking(topsis(paths, w)),
        "weight-sensitivity": lambda: plot_weight_sensitivity(
            oat, thresholds=thresholds, criterion="relief of rule fragmentation"
        ),
        "thresholds": lambda: plot_thresholds(thresholds),
        "rank-acceptability": lambda: plot_rank_acceptability(
            smaa(paths, n_samples=10_000, rng=0, performance=performance_sampler(analysis, "paths"))
        ),
        "method-ranks": lambda: plot_method_ranks(compare_methods(paths, w)),
    }


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    os.environ.setdefault("MPLBACKEND", "Agg")
    from pathchoice.study.plots import figure_to_png

    for name, draw in _figures().items():
        figure = draw()
        content = figure_to_png(figure, dpi=DPI)
        files.append(File.generated(config, f"{FIGURE_DIR}/{name}.png", content=content))
    return files
