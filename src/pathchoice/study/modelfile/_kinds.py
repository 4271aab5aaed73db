"""Files that are not model files: a spreadsheet, a CSV table, a report, said in plain words.

A command that reads a model file and is given a workbook should not answer "TOML
syntax error": :func:`not_a_model_file` recognises the usual other files by their
first bytes and their name and says what the file is and what to do with it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["looks_like_a_table", "not_a_model_file"]

_SPREADSHEETS = (".xlsx", ".xlsm", ".ods")
_IMPORT = "use `pathchoice import {path} model.toml` to make one from it"


def not_a_model_file(path: Path, data: bytes) -> str | None:
    """Why ``path`` is not a model file, in words (``None`` if it may be one).

    Examples
    --------
    >>> print(not_a_model_file(Path("model.xlsx"), b"PK\\x03\\x04..."))
    model.xlsx: is a spreadsheet, not a model file; use `pathchoice import model.xlsx model.toml` to make one from it
    >>> not_a_model_file(Path("model.toml"), b'format = "pathchoice-model/1"') is None
    True
    """  # noqa: E501
    suffix = path.suffix.lower()
    hint = _IMPORT.format(path=path)
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        if suffix in _SPREADSHEETS:
            return f"{path}: is a spreadsheet, not a model file; {hint}"
        return f"{path}: is a ZIP archive (a Word document, a zipped folder...), not a model file"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix == ".xls":
            return (
                f"{path}: is an old Excel 97–2003 workbook, not a model file; save it as .xlsx, "
                f"then {_IMPORT.format(path=path.with_suffix('.xlsx'))}"
            )
        return f"{path}: is an old Microsoft Office file, not a model file"
    if head.startswith(b"%PDF"):
        return f"{path}: is a PDF document, not a model file"
    if suffix in (".csv", ".tsv"):
        return f"{path}: is a table (CSV), not a model file; {hint}"
    if suffix in (".html", ".htm") or head.lstrip().lower().startswith((b"<!doctype", b"<html")):
        return f"{path}: is a web page (an HTML report?), not a model file"
    return None


def looks_like_a_table(text: str) -> bool:
    """Whether text that is not TOML reads like a CSV table (a header row with separators).

    Examples
    --------
    >>> looks_like_a_table("option,jobs,cost\\ndirection,benefit,cost\\n")
    True
    >>> looks_like_a_table("format = 'x'\\n[metadata\\n")
    False
    """
    lines = [line for line in text.splitlines() if line.strip()][:2]
    return len(lines) == 2 and all(
        "=" not in line
        and not line.lstrip().startswith(("[", "#"))
        and any(sep in line for sep in ",;\t")
        for line in lines
    )
