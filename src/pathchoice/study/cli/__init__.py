"""The ``pathchoice`` command line (also ``python -m pathchoice``).

Commands (``pathchoice COMMAND --help`` shows each one's options and an example):

``rank`` (the default)
    The criteria weights with their consistency, then the ranking.
``weights``
    The AHP hierarchy: local and global weights and consistency ratios.
``sensitivity``
    The plain-language robustness summary and the weight thresholds.
``compare``
    The ranks given by several methods and their consensus.
``portfolio``
    Which paths to fund within a budget (the model's costs), and how robust that is.
``report``
    A self-contained HTML report (:func:`pathchoice.study.report.write_report`).
``validate``
    Check a model file and report what it holds.
``init``
    Write a commented template model file to start from.
``import``
    Make a model file from a spreadsheet: a performance sheet and a long-form
    judgements sheet (:mod:`pathchoice.study.workbook`).

With no model file the commands work on the embedded China–Japan model
(:func:`pathchoice.china_japan`). With no command, ``pathchoice [MODEL] [options]``
is ``pathchoice rank [MODEL] [options]``.

Tables print readably in a terminal (``--format table``) or as CSV and JSON
(``--format csv|json``; JSON is a list of records) that load straight into
pandas with :func:`pandas.read_csv` and :func:`pandas.read_json`. ``--output``
writes to a file (atomically) instead of standard output.

Bad input (a missing or malformed model file, an unknown criterion, method,
scenario or set, weights that do not sum to 1) prints one line
``pathchoice: error: ...`` to standard error and exits with status 2; no
traceback.
"""

from ._main import main
from ._parser import COMMANDS, EXIT_ERROR, EXIT_WARNINGS, FORMATS, CommandError, build_parser
from ._text import text_table
from ._weights import parse_weights

__all__ = [
    "COMMANDS",
    "EXIT_ERROR",
    "EXIT_WARNINGS",
    "FORMATS",
    "CommandError",
    "build_parser",
    "main",
    "parse_weights",
    "text_table",
]
