"""The policy-study application, built on the public API of the general layer.

An :class:`Analysis` holds what a policy study knows — the advantage/disadvantage
matrix, the challenges, the candidate paths and their reasoned scores, the AHP
hierarchy and its judgements, scenarios and cases — and turns it into a decision
model. Model files hold an analysis on disk (:func:`load_model`, :func:`save_model`);
the report, the plots and the command line present it.

* :mod:`~pathchoice.study.matrix` -- the advantage/disadvantage matrix and challenges;
* :mod:`~pathchoice.study.analysis` -- :class:`Analysis` and its records;
* :mod:`~pathchoice.study.modelfile` -- model files (TOML) read and written safely;
* :mod:`~pathchoice.study.files` -- writes that respect what is at a path;
* :mod:`~pathchoice.study.datasets` -- the embedded China–Japan study;
* :mod:`~pathchoice.study.run` -- :func:`~pathchoice.study.run.run`, one study run:
  weights, ranking, robustness and summary as one frozen :class:`StudyResult`;
* :mod:`~pathchoice.study.summary` -- the plain-language robustness summary;
* :mod:`~pathchoice.study.labels` -- the words for methods and tables, in one place;
* :mod:`~pathchoice.study.report` -- the self-contained HTML report (renders a ``StudyResult``);
* :mod:`~pathchoice.study.plots` -- figures (needs matplotlib);
* :mod:`~pathchoice.study.cli` -- the ``pathchoice`` command (renders a ``StudyResult``).

>>> from pathchoice.study import china_japan
>>> china_japan().rank().best
'High-level policy dialogue'
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

#: Where each name lives. Names are imported on first use (PEP 562): ``import
#: pathchoice.study.cli`` or ``pathchoice.study.datasets`` loads only what that needs, so
#: ranking the embedded model never imports the robustness analyses, the report or the plots.
_LAZY: dict[str, str] = {
    **dict.fromkeys(["Analysis"], "analysis"),
    **dict.fromkeys(["china_japan"], "datasets"),
    **dict.fromkeys(["WriteError"], "files"),
    **dict.fromkeys(
        ["AdvantageMatrix", "Area", "Challenge", "ChallengeItem", "Indicator", "StanceCell"],
        "matrix",
    ),
    **dict.fromkeys(["dumps_model", "load_model", "loads_model", "save_model"], "modelfile"),
    **dict.fromkeys(["StudyResult"], "run"),
    **dict.fromkeys(["RobustnessSummary", "robustness_summary"], "summary"),
    **dict.fromkeys(["render_report", "render_study", "write_report"], "report"),
}

if TYPE_CHECKING:  # what type checkers and documentation tools see
    from . import datasets
    from .analysis import Analysis
    from .datasets import china_japan
    from .files import WriteError
    from .matrix import AdvantageMatrix, Area, Challenge, ChallengeItem, Indicator, StanceCell
    from .modelfile import dumps_model, load_model, loads_model, save_model
    from .report import render_report, render_study, write_report
    from .run import StudyResult
    from .summary import RobustnessSummary, robustness_summary

__all__ = [
    "AdvantageMatrix",
    "Analysis",
    "Area",
    "Challenge",
    "ChallengeItem",
    "Indicator",
    "RobustnessSummary",
    "StanceCell",
    "StudyResult",
    "WriteError",
    "china_japan",
    "datasets",
    "dumps_model",
    "load_model",
    "loads_model",
    "render_report",
    "render_study",
    "robustness_summary",
    "save_model",
    "write_report",
]


def __getattr__(name: str) -> object:
    # The names above and the submodules (``study.run``, ``study.plots`` -- matplotlib --,
    # ...) load on first use; the module keeps each name it hands out.
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
