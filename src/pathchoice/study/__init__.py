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

from . import datasets
from .analysis import Analysis
from .datasets import china_japan
from .files import WriteError
from .matrix import AdvantageMatrix, Area, Challenge, ChallengeItem, Indicator, StanceCell
from .modelfile import dumps_model, load_model, loads_model, save_model
from .run import StudyResult
from .summary import RobustnessSummary, robustness_summary

#: Names imported on first use: the report (its templates and plots) is not needed to rank.
_LAZY = {"render_report": "report", "render_study": "report", "write_report": "report"}

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
    # ``pathchoice.study.plots`` (matplotlib) and the report are imported on first use.
    import importlib

    if name == "plots":
        return importlib.import_module(".plots", __name__)
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
