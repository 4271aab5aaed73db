"""``pathchoice import``: a model file from a workbook (or a CSV performance table)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._parser import CommandError

__all__ = ["HELP", "add_import", "cmd_import", "new_file"]

#: (one-line summary, description, examples) of ``pathchoice import --help``.
HELP: tuple[str, str, str] = (
    "make a model file from a spreadsheet",
    "Read a workbook with a performance sheet (criteria across the first row, "
    "alternatives down the first column, a 'direction' row saying benefit or cost) and "
    "an optional long-form judgements sheet (columns expert, node, a, b, value; expert "
    "and node optional), and write a model file from it. Several experts become an "
    "expert panel whose geometric-mean judgements give the weights. A CSV file gives "
    "the performance table only (equal weights). Reading .xlsx needs openpyxl "
    "(pip install 'pathchoice[excel]').",
    """\
examples:
  pathchoice import table.xlsx model.toml
  pathchoice import table.xlsx model.toml --judgements-sheet "expert survey"
  pathchoice import scores.csv model.toml --title "Coastal and inland options"
""",
)


def add_import(parser: argparse.ArgumentParser) -> None:
    """The options of ``pathchoice import``."""
    parser.add_argument("workbook", help="the spreadsheet: an Excel workbook (.xlsx) or CSV")
    parser.add_argument("path", help="the model file to write (TOML)")
    parser.add_argument(
        "--performance-sheet",
        metavar="NAME",
        help="the sheet with the performance table (default: 'performance', else the first)",
    )
    parser.add_argument(
        "--judgements-sheet",
        metavar="NAME",
        help="the sheet with the judgements (default: 'judgements', if there is one)",
    )
    parser.add_argument("--title", help="the model's title (default: the file name)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def new_file(name: str, force: bool) -> Path:
    """The path a command is to write: not a directory, and not an existing file unless forced."""
    path = Path(name)
    if path.is_dir():
        raise CommandError(
            f"{path}: is a directory; give a file name such as {path / 'model.toml'}"
        )
    if path.exists() and not force:
        raise CommandError(f"{path}: the file already exists; use --force to overwrite it")
    return path


def cmd_import(args: argparse.Namespace) -> int:
    """Read the workbook, write the model file, and say what it holds."""
    from ..files import write_atomic
    from ..modelfile import dumps_model
    from ..workbook import analysis_from_workbook

    path = Path(args.path)
    if path.is_dir():
        raise CommandError(
            f"{path}: is a directory; give a file name such as {path / 'model.toml'}"
        )
    if path.exists() and not args.force:
        raise CommandError(f"{path}: the file already exists; use --force to overwrite it")
    if Path(args.workbook).resolve() == path.resolve():
        raise CommandError(f"{path}: is the spreadsheet itself; write the model to another file")
    try:
        analysis = analysis_from_workbook(
            args.workbook,
            performance_sheet=args.performance_sheet,
            judgements_sheet=args.judgements_sheet,
            title=args.title,
        )
    except ImportError as exc:  # openpyxl missing: one line naming the extra
        raise CommandError(str(exc)) from None
    write_atomic(path, dumps_model(analysis))
    model = analysis.decision_model()
    panel = analysis.panel
    if panel is not None:
        weights = f"an expert panel of {len(panel.members)} ({', '.join(panel.names)})"
    elif analysis.has_judgements:
        weights = "pairwise judgements (AHP)"
    else:
        weights = "equal weights (the spreadsheet has no judgements)"
    stream = sys.stdout if path.is_file() else sys.stderr
    print(
        f"wrote {path}: {model.n_alternatives} alternatives, {model.n_criteria} criteria, "
        f"weights from {weights}. Check it, then rank:",
        file=stream,
    )
    print(f"  pathchoice validate {path}", file=stream)
    print(f"  pathchoice rank {path}", file=stream)
    return 0
