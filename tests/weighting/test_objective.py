"""Objective weights: published worked examples, pymcdm as an oracle, laws and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pathchoice import Model
from pathchoice.exceptions import ModelError, UnknownNameError, ZeroRangeError
from pathchoice.weighting import OBJECTIVE_METHODS, WeightingResult, objective_weights

CASES = json.loads((Path(__file__).parent / "data" / "objective_references.json").read_text())[
    "cases"
]


def _model(matrix, types) -> Model:
    matrix = np.asarray(matrix, dtype=float)
    names = [f"c{j + 1}" for j in range(matrix.shape[1])]
    directions = ["benefit" if t > 0 else "cost" for t in types]
    return Model([f"a{i + 1}" for i in range(len(matrix))], names, matrix, directions=directions)


@pytest.mark.parametrize("name", sorted(CASES))
def test_published_example(name):
    # The paper's printed weights to the precision printed (half a unit in the last place).
    case = CASES[name]
    result = objective_weights(_model(case["matrix"], case["types"]), case["method"])
    atol = 0.5 * 10.0 ** -case["decimals"] + 1e-12
    np.testing.assert_allclose(result.weights.to_numpy(), case["weights"], atol=atol)


@pytest.mark.parametrize("method", sorted(OBJECTIVE_METHODS))
def test_agrees_with_pymcdm_oracle(method):
    import pymcdm.weights as pw

    case = CASES["entropy_zavadskas_2016"]
    model = _model(case["matrix"], case["types"])
    function = getattr(pw, f"{method}_weights")
    expected = function(np.asarray(case["matrix"], float), np.asarray(case["types"]))
    result = OBJECTIVE_METHODS[method](model)
    assert isinstance(result, WeightingResult)
    assert result.method == method
    np.testing.assert_allclose(result.weights.to_numpy(), expected, rtol=1e-12, atol=1e-15)
    assert list(result.weights.index) == list(model.criterion_names)


tables = hnp.arrays(
    np.float64,
    st.tuples(st.integers(3, 7), st.integers(2, 5)),
    elements=st.integers(1, 50).map(float),
)


@given(tables)
def test_weights_are_a_distribution_in_criterion_order(matrix):
    model = Model(
        [f"a{i}" for i in range(len(matrix))], [f"c{j}" for j in range(matrix.shape[1])], matrix
    )
    for method in ("equal", "entropy", "standard_deviation", "gini", "angle"):
        try:
            result = objective_weights(model, method)
        except ZeroRangeError:
            assert model.zero_range_criteria() == model.criterion_names
            continue
        w = result.weights.to_numpy()
        assert np.all(w >= 0) and abs(w.sum() - 1) < 1e-12
        assert tuple(result.weights.index) == model.criterion_names


@given(tables, st.floats(0.5, 20.0))
def test_entropy_does_not_depend_on_the_unit_of_a_criterion(matrix, factor):
    # Entropy reads the sum-normalised columns: rescaling one criterion changes nothing.
    model = Model(
        [f"a{i}" for i in range(len(matrix))], [f"c{j}" for j in range(matrix.shape[1])], matrix
    )
    assume(len(model.zero_range_criteria()) < model.n_criteria)
    scaled = matrix.copy()
    scaled[:, 0] *= factor
    a = objective_weights(model, "entropy").weights.to_numpy()
    b = objective_weights(model.with_performance(scaled), "entropy").weights.to_numpy()
    np.testing.assert_allclose(a, b, atol=1e-10)


def test_equal_weights_and_message():
    model = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [2, 3, 1]])
    result = objective_weights(model, "equal")
    np.testing.assert_allclose(result.weights, 1 / 3)
    assert "equal weights" in result.message


def test_constant_criterion_gets_no_weight_and_a_finding():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 5], [2, 5], [4, 5]])
    result = objective_weights(model, "standard_deviation")
    assert result.weights["y"] == 0
    assert any("no weight" in f and "y" in f for f in result.findings)


def test_bad_input_is_refused_by_name():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 5], [0, 6], [4, 7]])
    with pytest.raises(ModelError, match=r"entropy method needs positive values; \['B', 'x'\]"):
        objective_weights(model, "entropy")
    with pytest.raises(UnknownNameError, match=r"method must be one of .* \(got 'ahp'\)"):
        objective_weights(model, "ahp")
    with pytest.raises(ModelError, match="model must be a Model"):
        objective_weights([[1, 2]], "entropy")  # type: ignore[arg-type]
    constant = Model(["A", "B"], ["x", "y"], [[1, 5], [2, 5]])
    with pytest.raises(ZeroRangeError, match=r"CRITIC method cannot weight .* y"):
        objective_weights(constant, "critic")


def test_result_is_frozen_and_hands_out_copies():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 5], [2, 6], [4, 9]])
    result = objective_weights(model, "critic")
    w = result.weights
    w.iloc[0] = 99.0
    assert result.weights.iloc[0] != 99.0
    assert result == objective_weights(model, "critic")
    with pytest.raises(AttributeError):
        result.method = "x"  # type: ignore[misc]
