"""Spreadsheets in: a performance table from a CSV file or an Excel workbook.

A performance table is laid out as people lay it out in a spreadsheet:

===========  ========  =========  ======
alternative  price     quality    reach
direction    cost      benefit    benefit
A            250       7          0.4
B            200       5          0.9
===========  ========  =========  ======

* the first row names the criteria (its first cell, which labels the
  alternatives' column, may say anything or nothing);
* the first column names the alternatives;
* one row whose first cell is ``direction`` (or ``directions``) says for each
  criterion whether more is better (``benefit``) or less is better (``cost``);
  instead of that row, the directions may be given as an argument
  (``directions=``, as for :class:`~pathchoice.model.Model`), but not both;
* every other cell is a number. Numbers stored as text (``"250"``) are read as
  numbers; empty cells, text, ``True``/``False``, dates, spreadsheet errors
  (``#DIV/0!``) and infinities are refused.

Every problem raises :class:`~pathchoice.exceptions.ModelError` naming the file,
the sheet and the cell as a spreadsheet does (``C4``) together with its
alternative and criterion: ``table.csv, cell C4 (alternative 'B', criterion
'quality'): expected a number, got 'high'``.

:func:`read_sheet` gives the cells of one sheet (CSV or Excel) as a
:class:`Sheet`, for readers of other layouts (the policy study's ``pathchoice
import`` reads its judgements sheet with it). Excel files need openpyxl
(``pip install "pathchoice[excel]"``).
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .exceptions import ArgumentError, ModelError, UnknownNameError
from .model import Criterion, DirectionsLike, Model

__all__ = [
    "DIRECTION_LABELS",
    "EXCEL_SUFFIXES",
    "Sheet",
    "cell_name",
    "model_from_csv",
    "model_from_excel",
    "model_from_sheet",
    "read_sheet",
    "sheet_names",
]

#: Suffixes read as Excel workbooks (everything else is read as CSV).
EXCEL_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm")
#: First cells that mark the directions row (compared without case and spaces).
DIRECTION_LABELS: tuple[str, ...] = ("direction", "directions")

_MISSING_TEXT = frozenset({"", "na", "n/a", "nan", "null", "none", "#n/a"})
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


def cell_name(row: int, column: int) -> str:
    """The spreadsheet name of a cell from 0-based indices: ``cell_name(3, 2) == "C4"``.

    Examples
    --------
    >>> cell_name(0, 0), cell_name(3, 2), cell_name(9, 27)
    ('A1', 'C4', 'AB10')
    """
    letters = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


@dataclass(frozen=True)
class Sheet:
    """The cells of one sheet, as read: rows of Python values (str, int, float, None, ...).

    Attributes
    ----------
    rows : tuple of tuple
        The cells, row by row; every row as long as the widest; trailing empty
        rows and columns dropped. CSV cells are strings (empty ones None).
    source : str
        The file, as it is named in messages.
    name : str or None
        The sheet's name in a workbook (None for a CSV file).
    """

    rows: tuple[tuple[Any, ...], ...]
    source: str
    name: str | None = None

    def where(self, row: int, column: int | None = None) -> str:
        """``"file, sheet 'x', cell C4"`` (or ``"..., row 4"``) for messages."""
        place = f"cell {cell_name(row, column)}" if column is not None else f"row {row + 1}"
        sheet = f", sheet {self.name!r}" if self.name is not None else ""
        return f"{self.source}{sheet}, {place}"

    def text(self, row: int, column: int) -> str:
        """The cell as stripped text ("" for an empty cell; a whole float without ``.0``)."""
        value = self.rows[row][column]
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def number(self, row: int, column: int, what: str = "") -> float:
        """The cell as a finite number, else a :class:`ModelError` naming the cell."""
        value = self.rows[row][column]
        about = f" ({what})" if what else ""
        if isinstance(value, bool):
            raise ModelError(
                f"{self.where(row, column)}{about}: expected a number, got {value} (true/false)"
            )
        if isinstance(value, int | float):
            number = float(value)
        else:
            text = "" if value is None else str(value).strip()
            if text.lower() in _MISSING_TEXT:
                raise ModelError(f"{self.where(row, column)}{about}: is empty; expected a number")
            if not isinstance(value, str):
                raise ModelError(
                    f"{self.where(row, column)}{about}: expected a number, got "
                    f"{type(value).__name__} {text!r}"
                )
            if text.startswith("#") and (text.endswith(("!", "?")) or text.upper() == "#N/A"):
                raise ModelError(
                    f"{self.where(row, column)}{about}: holds the spreadsheet error {text}; "
                    "expected a number"
                )
            try:
                number = float(text.replace("_", "x"))  # float() would accept 1_000
            except ValueError:
                raise ModelError(
                    f"{self.where(row, column)}{about}: expected a number, got {text!r}"
                ) from None
        if not math.isfinite(number):
            raise ModelError(
                f"{self.where(row, column)}{about}: expected a finite number, got {number}"
            )
        return number


def _trimmed(rows: Sequence[Sequence[Any]]) -> tuple[tuple[Any, ...], ...]:
    """Rows padded to one width, with trailing empty rows and columns removed."""

    def empty(v: Any) -> bool:
        return v is None or (isinstance(v, str) and not v.strip())

    rows = [list(r) for r in rows]
    while rows and all(empty(v) for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    while width and all(empty(r[width - 1]) for r in rows):
        width -= 1
    return tuple(tuple(None if empty(v) else v for v in r[:width]) for r in rows)


def _kind(path: Path) -> str:
    """``"excel"``, ``"xls"`` or ``"csv"``: by the first bytes, then by the suffix."""
    with open(path, "rb") as f:
        head = f.read(4)
    if head == _ZIP_MAGIC:
        return "excel"
    if head == _OLE_MAGIC or path.suffix.lower() == ".xls":
        return "xls"
    return "excel" if path.suffix.lower() in EXCEL_SUFFIXES else "csv"


def _read_csv(path: Path) -> tuple[tuple[Any, ...], ...]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModelError(
            f"{path}: is not a UTF-8 text file (byte {exc.start}); save the table as "
            "CSV UTF-8, or read an Excel workbook with from_excel"
        ) from None
    try:
        dialect: Any = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _trimmed(list(csv.reader(text.splitlines(), dialect)))


def _workbook(path: Path) -> Any:
    try:
        import openpyxl
    except ImportError as exc:
        raise ImportError(
            f"reading the Excel workbook {path} needs openpyxl, which is not installed; "
            'install the excel extra: pip install "pathchoice[excel]"'
        ) from exc
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors
        raise ModelError(f"{path}: cannot be read as an Excel workbook ({exc})") from None


def _check_excel(path: Path) -> None:
    kind = _kind(path)
    if kind == "xls":
        raise ModelError(
            f"{path}: is an old Excel 97–2003 workbook (.xls); save it as .xlsx and read that"
        )
    if kind == "csv":
        raise ModelError(f"{path}: is not an Excel workbook; read a CSV file with from_csv")


def sheet_names(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """The names of the sheets of an Excel workbook, in order.

    Raises
    ------
    ModelError
        The file is not an Excel workbook.
    """
    path = Path(path)
    _check_excel(path)
    workbook = _workbook(path)
    try:
        return tuple(workbook.sheetnames)
    finally:
        workbook.close()


def read_sheet(path: str | os.PathLike[str], sheet: str | int | None = None) -> Sheet:
    """The cells of a CSV file, or of one sheet of an Excel workbook (``.xlsx``).

    Parameters
    ----------
    path : str or path-like
        A CSV file (comma, semicolon or tab separated, UTF-8) or an Excel
        workbook, recognised by its first bytes.
    sheet : str, int or None, default None
        The sheet of a workbook, by name or 0-based position (default: the
        first sheet). Must be None for a CSV file.

    Raises
    ------
    ModelError
        A file that cannot be read as a table (an old ``.xls``, not UTF-8).
    UnknownNameError
        No sheet of that name (the message lists the sheets).
    ArgumentError
        ``sheet`` given for a CSV file, or not a name or position.
    """
    path = Path(path)
    kind = _kind(path)
    if kind == "xls":
        _check_excel(path)
    if kind == "csv":
        if sheet is not None:
            raise ArgumentError(f"{path}: a CSV file has no sheets (got sheet={sheet!r})")
        return Sheet(_read_csv(path), str(path))
    if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, str | int)):
        raise ArgumentError(f"sheet must be a sheet name or a position (got {sheet!r})")
    workbook = _workbook(path)
    try:
        names = list(workbook.sheetnames)
        if sheet is None:
            sheet = 0
        if isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise UnknownNameError(
                    f"{path}: has {len(names)} sheet(s), no sheet at position {sheet} "
                    f"(sheets: {', '.join(map(repr, names))})"
                )
            sheet = names[sheet]
        if sheet not in names:
            raise UnknownNameError(
                f"{path}: has no sheet {sheet!r} (sheets: {', '.join(map(repr, names))})"
            )
        rows = _trimmed(list(workbook[sheet].iter_rows(values_only=True)))
    finally:
        workbook.close()
    return Sheet(rows, str(path), sheet)


def _header(sheet: Sheet) -> tuple[str, ...]:
    rows = sheet.rows
    if len(rows) < 2 or len(rows[0]) < 2:
        raise ModelError(
            f"{sheet.where(0)}: expected a performance table: criteria names in the first row, "
            "alternative names in the first column, numbers in the other cells"
        )
    names: list[str] = []
    seen: dict[str, int] = {}
    for j in range(1, len(rows[0])):
        name = sheet.text(0, j)
        if not name:
            raise ModelError(f"{sheet.where(0, j)}: the criterion has no name")
        if name in seen:
            raise ModelError(
                f"{sheet.where(0, j)}: criterion {name!r} is named twice "
                f"(also in {cell_name(0, seen[name])})"
            )
        seen[name] = j
        names.append(name)
    return tuple(names)


def _direction(sheet: Sheet, i: int, j: int, criterion: str) -> str:
    text = sheet.text(i, j).lower()
    if text in ("benefit", "cost"):
        return text
    got = "is empty" if not text else f"is {sheet.text(i, j)!r}"
    raise ModelError(
        f"{sheet.where(i, j)} (direction of {criterion!r}) {got}; expected benefit "
        "(more is better) or cost (less is better)"
    )


def model_from_sheet(
    sheet: Sheet, directions: DirectionsLike = None, *, name: str | None = None
) -> Model:
    """A :class:`~pathchoice.model.Model` from the cells of a performance sheet.

    The layout and the errors are those of the module docstring;
    :func:`model_from_csv` and :func:`model_from_excel` read the sheet first.

    Examples
    --------
    >>> sheet = Sheet(
    ...     (("", "price", "quality"), ("direction", "cost", "benefit"),
    ...      ("A", 250, 7), ("B", "200", 5)),
    ...     source="shops.csv",
    ... )
    >>> model_from_sheet(sheet).directions
    ('cost', 'benefit')
    >>> bad = Sheet(sheet.rows[:3] + (("B", "n/a", 5),), source="shops.csv")
    >>> model_from_sheet(bad)
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ModelError: shops.csv, cell B4 (alternative 'B', criterion 'price'): is empty; expected a number
    """  # noqa: E501
    criteria = _header(sheet)
    direction_rows = [
        i
        for i in range(1, len(sheet.rows))
        if sheet.text(i, 0).lower().replace(" ", "") in DIRECTION_LABELS
    ]
    if len(direction_rows) > 1:
        raise ModelError(
            f"{sheet.where(direction_rows[1])}: a second directions row (the first is row "
            f"{direction_rows[0] + 1}); keep one"
        )
    if direction_rows and directions is not None:
        raise ArgumentError(
            f"{sheet.where(direction_rows[0])}: the table has a directions row and directions= "
            "was given too; give the directions in one place"
        )
    if not direction_rows and directions is None:
        raise ModelError(
            f"{sheet.where(1)}: no directions: add a row whose first cell is 'direction' and "
            "which says benefit or cost under every criterion, or pass directions= "
            "(e.g. directions='benefit' for all)"
        )
    rows = [i for i in range(1, len(sheet.rows)) if i not in direction_rows]
    alternatives: list[str] = []
    seen: dict[str, int] = {}
    for i in rows:
        alternative = sheet.text(i, 0)
        if not alternative:
            raise ModelError(f"{sheet.where(i, 0)}: the alternative of this row has no name")
        if alternative in seen:
            raise ModelError(
                f"{sheet.where(i, 0)}: alternative {alternative!r} is named twice "
                f"(also in {cell_name(seen[alternative], 0)})"
            )
        seen[alternative] = i
        alternatives.append(alternative)
    values = [
        [
            sheet.number(i, j + 1, f"alternative {a!r}, criterion {c!r}")
            for j, c in enumerate(criteria)
        ]
        for i, a in zip(rows, alternatives, strict=True)
    ]
    if direction_rows:
        d = direction_rows[0]
        crits: list[Criterion | str] = [
            Criterion(c, direction=_direction(sheet, d, j + 1, c))  # type: ignore[arg-type]
            for j, c in enumerate(criteria)
        ]
        directions = None
    else:
        crits = list(criteria)
    if name is None:
        name = Path(sheet.source).stem
    try:
        return Model(alternatives, crits, values, directions=directions, name=name)
    except ModelError as exc:
        raise ModelError(f"{sheet.source}: {exc}") from None


def model_from_csv(
    path: str | os.PathLike[str], directions: DirectionsLike = None, *, name: str | None = None
) -> Model:
    """A model from a CSV performance table; see :meth:`pathchoice.Model.from_csv`."""
    path = Path(path)
    if _kind(path) != "csv":
        raise ModelError(
            f"{path}: is an Excel workbook, not a CSV file; read it with Model.from_excel"
        )
    return model_from_sheet(read_sheet(path), directions, name=name)


def model_from_excel(
    path: str | os.PathLike[str],
    sheet: str | int | None = None,
    directions: DirectionsLike = None,
    *,
    name: str | None = None,
) -> Model:
    """A model from a performance sheet of a workbook; see :meth:`pathchoice.Model.from_excel`."""
    path = Path(path)
    _check_excel(path)
    return model_from_sheet(read_sheet(path, sheet), directions, name=name)
