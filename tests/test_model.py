"""Tests of pathchoice.model: construction checks, copies, derived models."""

import numpy as np
import pandas as pd
import pytest

from pathchoice import Criterion, Model, ModelError, UnknownNameError


def small_model() -> Model:
    return Model(
        ["A", "B", "C"],
        ["price", "quality"],
        [[250, 7], [200, 5], [300, 9]],
        directions={"price": "cost"},
    )


def test_names_directions_and_types():
    model = small_model()
    assert model.alternatives == ("A", "B", "C")
    assert model.criterion_names == ("price", "quality")
    assert model.directions == ("cost", "benefit")
    np.testing.assert_array_equal(model.types, [-1, 1])
    assert model.shape == (3, 2)


def test_accessors_hand_out_copies():
    model = small_model()
    matrix = model.matrix
    matrix[0, 0] = -1.0
    frame = model.performance
    frame.iloc[1, 1] = -1.0
    np.testing.assert_array_equal(model.matrix, [[250, 7], [200, 5], [300, 9]])


def test_constructor_does_not_alias_input():
    values = np.array([[1.0, 2.0], [3.0, 4.0]])
    model = Model(["a", "b"], ["x", "y"], values)
    values[0, 0] = 99.0
    assert model.matrix[0, 0] == 1.0


def test_from_frame_keeps_labels_and_metadata():
    frame = pd.DataFrame({"cost": [3.0, 5.0], "reach": [0.4, 0.9]}, index=["X", "Y"])
    model = Model.from_frame(
        frame, directions={"cost": "cost"}, groups={"reach": "impact"}, descriptions={"cost": "€"}
    )
    assert model.criteria == (
        Criterion("cost", "cost", None, "€"),
        Criterion("reach", "benefit", "impact", ""),
    )
    pd.testing.assert_frame_equal(model.performance, frame, check_names=False)


def test_select_and_with_performance_return_new_models():
    model = small_model()
    sub = model.select(alternatives=["C", "A"], criteria=["quality"])
    assert sub.alternatives == ("C", "A")
    np.testing.assert_array_equal(sub.matrix, [[9.0], [7.0]])
    changed = model.with_performance(model.performance * 2)
    np.testing.assert_array_equal(changed.matrix, model.matrix * 2)
    assert model.matrix[0, 0] == 250.0


def test_equality_and_zero_range():
    model = Model(["a", "b"], ["x", "y"], [[1, 2], [1, 3]])
    assert model == Model(["a", "b"], ["x", "y"], [[1, 2], [1, 3]])
    assert model != Model(["a", "b"], ["x", "y"], [[1, 2], [1, 4]])
    assert model.zero_range_criteria() == ("x",)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (dict(alternatives=["A", "A"]), ModelError, r"alternative names must be unique.*'A'"),
        (dict(alternatives=["A"]), ModelError, "at least two alternatives"),
        (dict(alternatives=["A", ""]), ModelError, "non-empty strings"),
        (dict(criteria=["x", "x"]), ModelError, r"criterion names must be unique.*'x'"),
        (dict(performance=[[1, 2], [3, 4], [5, 6]]), ModelError, r"shape.*\(2, 2\).*\(3, 2\)"),
        (dict(performance=[[1, np.nan], [3, 4]]), ModelError, r"finite: \['A', 'y'\]"),
        (dict(performance=[[1, 2], [np.inf, 4]]), ModelError, r"finite.*\['B', 'x'\]"),
        (dict(performance=[[1, "high"], [3, 4]]), ModelError, "table of numbers"),
        (dict(directions={"z": "cost"}), UnknownNameError, r"unknown criteria \['z'\]"),
        (dict(directions="up"), ModelError, "'benefit' or 'cost'.*'up'"),
        (dict(directions=["cost"]), ModelError, r"one entry per criterion \(2\), got 1"),
    ],
)
def test_invalid_models_raise_naming_the_culprit(kwargs, error, match):
    args = dict(alternatives=["A", "B"], criteria=["x", "y"], performance=[[1, 2], [3, 4]])
    args.update(kwargs)
    with pytest.raises(error, match=match):
        Model(args.pop("alternatives"), args.pop("criteria"), args.pop("performance"), **args)


def test_criterion_checks():
    with pytest.raises(ModelError, match=r"direction must be 'benefit' or 'cost'.*'more'"):
        Criterion("x", direction="more")
    with pytest.raises(ModelError, match="non-empty string"):
        Criterion("")
    with pytest.raises(ModelError, match="all Criterion objects or all names"):
        Model(["a", "b"], [Criterion("x"), "y"], [[1, 2], [3, 4]])
    with pytest.raises(ModelError, match="cannot be given with Criterion objects"):
        Model(["a", "b"], [Criterion("x")], [[1], [3]], directions="cost")


def test_unknown_names_in_lookups():
    model = small_model()
    with pytest.raises(UnknownNameError, match="unknown criterion 'speed'"):
        model.criterion("speed")
    with pytest.raises(UnknownNameError, match="unknown alternative 'D'"):
        model.select(alternatives=["D", "A"])
    with pytest.raises(UnknownNameError, match=r"unknown criteria: \['speed'\]"):
        model.with_performance(pd.DataFrame({"speed": [1, 2, 3]}, index=["A", "B", "C"]))


# -- types at the boundary (issue 9, class 5) ----------------------------------------------


def test_booleans_are_refused_as_performance():
    with pytest.raises(ModelError, match="performance must hold numbers, not True/False"):
        Model(["A", "B"], ["x"], [[True], [False]])
    with pytest.raises(ModelError, match="not True/False"):
        Model(["A", "B"], ["x", "y"], np.array([[1, True], [2, False]], dtype=object))


def test_a_nullable_column_with_na_names_the_cell_and_column():
    frame = pd.DataFrame(
        {"cost": pd.array([3.0, None], dtype="Float64"), "reach": [0.4, 0.9]}, index=["X", "Y"]
    )
    with pytest.raises(ModelError, match=r"\['Y', 'cost'\] is missing"):
        Model.from_frame(frame)
    ints = pd.DataFrame({"n": pd.array([1, pd.NA], dtype="Int64")}, index=["X", "Y"])
    with pytest.raises(ModelError, match=r"\['Y', 'n'\] is missing"):
        Model.from_frame(ints)


def test_a_nan_index_label_is_refused_not_named_nan():
    frame = pd.DataFrame({"x": [1.0, 2.0]}, index=["X", np.nan])
    with pytest.raises(ModelError, match="alternative label at position 1 is missing"):
        Model.from_frame(frame)
    columns = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], columns=["x", None], index=["A", "B"])
    with pytest.raises(ModelError, match="criterion label at position 1 is missing"):
        Model.from_frame(columns)
