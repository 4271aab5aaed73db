"""Model.from_csv / Model.from_excel: performance tables from spreadsheets.

The oracle for the values read is pandas (``pandas.read_csv`` of the same
file) and the model written out cell by cell; the errors are checked to name
the cell the way a spreadsheet does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice import Model
from pathchoice.exceptions import ArgumentError, ModelError, UnknownNameError
from pathchoice.tables import cell_name, read_sheet, sheet_names
from spreadsheets import workbook

SHOPS = "shop,price,quality\ndirection,cost,benefit\nA,250,7\nB,200,5\nC,300,9\n"


def write(tmp_path, text, name="shops.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_csv_reads_names_directions_and_numbers(tmp_path):
    model = Model.from_csv(write(tmp_path, SHOPS))
    assert model.alternatives == ("A", "B", "C")
    assert model.criterion_names == ("price", "quality")
    assert model.directions == ("cost", "benefit")
    assert model.name == "shops"
    np.testing.assert_array_equal(model.matrix, [[250, 7], [200, 5], [300, 9]])


def test_csv_agrees_with_pandas(tmp_path):
    path = write(tmp_path, SHOPS)
    frame = pd.read_csv(path, index_col=0).drop(index="direction").astype(float)
    expected = Model.from_frame(frame, directions={"price": "cost"}, name="shops")
    assert Model.from_csv(path) == expected


def test_semicolons_bom_and_numbers_as_text(tmp_path):
    text = "\ufeffshop;price;quality\nDirection;COST;benefit\nA; 250 ;7\nB;200;5.5\n"
    model = Model.from_csv(write(tmp_path, text))
    assert model.directions == ("cost", "benefit")
    np.testing.assert_array_equal(model.matrix, [[250, 7], [200, 5.5]])


def test_directions_argument_instead_of_a_row(tmp_path):
    path = write(tmp_path, "shop,price,quality\nA,250,7\nB,200,5\n")
    model = Model.from_csv(path, directions={"price": "cost"}, name="two shops")
    assert model.directions == ("cost", "benefit")
    assert model.name == "two shops"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            SHOPS.replace("B,200,5", "B,,5"),
            r"shops\.csv, cell B4 \(alternative 'B', "
            r"criterion 'price'\): is empty; expected a number",
        ),
        (SHOPS.replace("B,200,5", "B,NaN,5"), r"cell B4 .*is empty"),
        (
            SHOPS.replace("B,200,5", "B,200,high"),
            r"cell C4 \(alternative 'B', criterion "
            r"'quality'\): expected a number, got 'high'",
        ),
        (SHOPS.replace("B,200,5", "B,inf,5"), r"cell B4 .*expected a finite number"),
        (SHOPS.replace("B,200,5", "B,#DIV/0!,5"), r"cell B4 .*spreadsheet error #DIV/0!"),
        (
            SHOPS.replace("cost,benefit", "cost,"),
            r"cell C2 \(direction of 'quality'\) is "
            r"empty; expected benefit .* or cost",
        ),
        (SHOPS.replace("cost,benefit", "cost,more"), r"cell C2 .* is 'more'"),
        (SHOPS.replace("direction,cost,benefit\n", ""), r"shops\.csv, row 2: no directions"),
        (
            SHOPS.replace("shop,price,quality", "shop,price,price"),
            r"cell C1: criterion "
            r"'price' is named twice \(also in B1\)",
        ),
        (
            SHOPS.replace("shop,price,quality", "shop,,quality"),
            r"cell B1: the criterion has "
            r"no name",
        ),
        (
            SHOPS.replace("C,300", "A,300"),
            r"cell A5: alternative 'A' is named twice "
            r"\(also in A3\)",
        ),
        (
            SHOPS.replace("C,300,9", ",300,9"),
            r"cell A5: the alternative of this row has no "
            r"name",
        ),
        (SHOPS + "directions,cost,cost\n", r"row 6: a second directions row"),
        (
            "shop,price\ndirection,cost\nA,1\n",
            r"shops\.csv: a model needs at least two "
            r"alternatives",
        ),
        ("", r"shops\.csv, row 1: expected a performance table"),
    ],
)
def test_bad_cells_are_named(tmp_path, text, match):
    with pytest.raises(ModelError, match=match):
        Model.from_csv(write(tmp_path, text))


def test_directions_in_two_places_are_refused(tmp_path):
    with pytest.raises(ArgumentError, match="directions row and directions= was given too"):
        Model.from_csv(write(tmp_path, SHOPS), directions="cost")


def test_a_file_that_is_not_utf8_text(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("shop,prix\ndirection,cost\nCafé,1\nB,2\n".encode("latin-1"))
    with pytest.raises(ModelError, match="not a UTF-8 text file"):
        Model.from_csv(path)


def test_excel_reads_the_same_as_csv(tmp_path):
    rows = [
        ("shop", "price", "quality"),
        ("direction", "cost", "benefit"),
        ("A", 250, 7),
        ("B", 200, 5),
        ("C", 300, 9),
    ]
    path = workbook(tmp_path, {"notes": [("read me",)], "performance": rows}, "shops.xlsx")
    assert sheet_names(path) == ("notes", "performance")
    assert Model.from_excel(path, sheet="performance") == Model.from_csv(write(tmp_path, SHOPS))
    assert Model.from_excel(path, sheet=1) == Model.from_excel(path, sheet="performance")


def test_excel_errors_name_the_sheet_and_cell(tmp_path):
    rows = [("shop", "price"), ("direction", "cost"), ("A", True), ("B", 2)]
    path = workbook(tmp_path, {"table": rows})
    with pytest.raises(
        ModelError,
        match=r"table\.xlsx, sheet 'table', cell B3 \(alternative "
        r"'A', criterion 'price'\): expected a number, got True",
    ):
        Model.from_excel(path)
    with pytest.raises(UnknownNameError, match=r"has no sheet 'perf' \(sheets: 'table'\)"):
        Model.from_excel(path, sheet="perf")
    with pytest.raises(UnknownNameError, match="no sheet at position 3"):
        Model.from_excel(path, sheet=3)


def test_the_wrong_reader_says_which_to_use(tmp_path):
    rows = [("shop", "price"), ("direction", "cost"), ("A", 1), ("B", 2)]
    xlsx = workbook(tmp_path, {"table": rows})
    with pytest.raises(
        ModelError, match=r"is an Excel workbook, not a CSV file; read it with Model\.from_excel"
    ):
        Model.from_csv(xlsx)
    with pytest.raises(ModelError, match="is not an Excel workbook; read a CSV file with from_csv"):
        Model.from_excel(write(tmp_path, SHOPS))
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    with pytest.raises(ModelError, match=r"old Excel 97–2003 workbook \(\.xls\)"):
        Model.from_excel(old)
    with pytest.raises(ArgumentError, match="a CSV file has no sheets"):
        read_sheet(write(tmp_path, SHOPS), sheet="x")


def test_cell_names_follow_spreadsheets():
    assert [cell_name(0, j) for j in (0, 25, 26, 51, 52, 701, 702)] == [
        "A1",
        "Z1",
        "AA1",
        "AZ1",
        "BA1",
        "ZZ1",
        "AAA1",
    ]


names = st.text(alphabet="abcdefghij XYZ", min_size=1, max_size=8).map(str.strip).filter(bool)


@given(
    st.lists(names, min_size=2, max_size=5, unique=True),
    st.lists(names, min_size=1, max_size=4, unique=True),
    st.data(),
)
def test_a_model_written_out_reads_back_the_same(tmp_path_factory, alternatives, criteria, data):
    """Writing any model as CSV (numbers as Python prints them) and reading it gives it back."""
    values = data.draw(
        st.lists(
            st.lists(
                st.floats(-1e9, 1e9, allow_nan=False),
                min_size=len(criteria),
                max_size=len(criteria),
            ),
            min_size=len(alternatives),
            max_size=len(alternatives),
        )
    )
    directions = data.draw(
        st.lists(
            st.sampled_from(["benefit", "cost"]), min_size=len(criteria), max_size=len(criteria)
        )
    )
    model = Model(alternatives, criteria, values, directions=directions, name="m")
    lines = [",".join(["alternative", *criteria]), ",".join(["direction", *directions])]
    lines += [",".join([a, *map(repr, row)]) for a, row in zip(alternatives, values, strict=True)]
    path = tmp_path_factory.mktemp("csv") / "m.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert Model.from_csv(path) == model
