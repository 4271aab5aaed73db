"""Writing small Excel workbooks for the tests of spreadsheet input (needs openpyxl)."""

from __future__ import annotations

from pathlib import Path

import pytest


def workbook(tmp_path: Path, sheets: dict[str, list[tuple]], name: str = "table.xlsx") -> Path:
    """A workbook at ``tmp_path / name`` with one sheet per item, rows as given."""
    openpyxl = pytest.importorskip("openpyxl", reason="the excel extra (openpyxl) is not installed")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
    path = tmp_path / name
    wb.save(path)
    return path
