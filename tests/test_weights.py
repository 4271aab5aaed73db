"""Tests of pathchoice.weights.check_weights."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice import UnknownNameError, WeightsError, check_weights

NAMES = ["price", "quality", "risk"]


def test_series_and_mapping_are_reordered_to_criterion_order():
    expected = np.array([0.5, 0.3, 0.2])
    series = pd.Series({"risk": 0.2, "price": 0.5, "quality": 0.3})
    np.testing.assert_array_equal(check_weights(series, NAMES), expected)
    np.testing.assert_array_equal(check_weights(dict(series), NAMES), expected)


def test_batches_of_arrays_and_frames():
    batch = np.array([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]])
    np.testing.assert_array_equal(check_weights(batch, NAMES, allow_batch=True), batch)
    frame = pd.DataFrame(batch, columns=NAMES)[["risk", "price", "quality"]]
    np.testing.assert_array_equal(check_weights(frame, NAMES, allow_batch=True), batch)


@pytest.mark.parametrize(
    ("weights", "error", "match"),
    [
        ({"price": 0.5, "quality": 0.3, "speed": 0.2}, UnknownNameError, r"\['speed'\]"),
        ({"price": 0.7, "quality": 0.3}, WeightsError, r"missing criteria \['risk'\]"),
        ([0.5, 0.5], WeightsError, r"one value per criterion \(3\), got 2"),
        ([0.5, 0.6, -0.1], WeightsError, "must not be negative: 'risk' = -0.1"),
        ([0.5, np.nan, 0.5], WeightsError, "finite: 'quality' = nan"),
        ([0.5, 0.3, 0.13], WeightsError, r"sum to 1 \(got 0.93 for 3 criteria\)"),
        (["a", "b", "c"], WeightsError, "must hold numbers"),
        ([True, False, False], WeightsError, "not True/False"),
        ({"price": 0.5, "quality": pd.NA, "risk": 0.5}, WeightsError, r"\[.quality.\] is missing"),
        ([[0.2, 0.3, 0.5]], WeightsError, r"one vector here, got shape \(1, 3\); .*rank_batch"),
    ],
)
def test_invalid_weights_raise_naming_the_culprit(weights, error, match):
    with pytest.raises(error, match=match):
        check_weights(weights, NAMES)


def test_batch_errors_name_the_row():
    batch = np.array([[0.2, 0.3, 0.5], [0.2, 0.3, 0.4]])
    with pytest.raises(WeightsError, match="in weight vector 1"):
        check_weights(batch, NAMES, allow_batch=True)
    with pytest.raises(WeightsError, match="not a DataFrame"):
        check_weights(pd.DataFrame(batch, columns=NAMES), NAMES)


@given(st.lists(st.floats(0.01, 100), min_size=3, max_size=3))
def test_normalised_positive_vectors_pass_unchanged(raw):
    weights = np.array(raw) / np.sum(raw)
    np.testing.assert_array_equal(check_weights(weights, NAMES), weights)
