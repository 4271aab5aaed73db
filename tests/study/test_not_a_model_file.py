"""A command that reads a model file, given another kind of file, says what it is."""

from __future__ import annotations

import pytest

from pathchoice import load_model
from pathchoice.exceptions import ModelFileError
from pathchoice.study.cli import main


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "model.xlsx",
            b"PK\x03\x04" + bytes(40),
            "model.xlsx: is a spreadsheet, not a model file; "
            "use `pathchoice import model.xlsx model.toml` to make one from it",
        ),
        ("model.ods", b"PK\x03\x04" + bytes(40), "model.ods: is a spreadsheet"),
        ("notes.docx", b"PK\x03\x04" + bytes(40), "notes.docx: is a ZIP archive"),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0" + bytes(40),
            "old.xls: is an old Excel 97–2003 workbook, "
            "not a model file; save it as .xlsx, then use `pathchoice import old.xlsx",
        ),
        ("paper.pdf", b"%PDF-1.7\n", "paper.pdf: is a PDF document, not a model file"),
        (
            "scores.csv",
            b"option,jobs\ndirection,benefit\n",
            "scores.csv: is a table (CSV), not a "
            "model file; use `pathchoice import scores.csv model.toml`",
        ),
        (
            "scores.txt",
            b"option;jobs\nA;1\n",
            "scores.txt: looks like a table (CSV), not a model "
            "file; use `pathchoice import scores.txt",
        ),
        ("report.html", b"<!DOCTYPE html><html></html>", "report.html: is a web page"),
    ],
)
def test_other_files_are_named_for_what_they_are(
    tmp_path, monkeypatch, capsys, name, data, message
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ModelFileError) as caught:
        load_model(name)
    assert str(caught.value).startswith(message)
    assert "TOML" not in str(caught.value)
    assert main(["rank", name]) == 2
    assert capsys.readouterr().err == f"pathchoice: error: {caught.value}\n"


def test_a_broken_model_file_still_gets_the_toml_message(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text('format = "pathchoice-model/1"\n[metadata\n', encoding="utf-8")
    with pytest.raises(ModelFileError, match="TOML syntax error"):
        load_model(path)
