"""Shared input checks: values_by_name (labelled values to their names), as_seed, as_executor."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice._validate import as_executor, as_seed, values_by_name
from pathchoice.exceptions import ArgumentError, MethodError, UnknownNameError, WeightsError

NAMES = ("cost", "reach", "risk")


@given(st.permutations(NAMES), st.sampled_from([dict, pd.Series]))
def test_values_come_in_the_order_of_the_names_whatever_the_order_given(order, kind):
    given_values = {name: float(NAMES.index(name)) for name in order}
    values = given_values if kind is dict else pd.Series(given_values)
    assert values_by_name(values, NAMES, "weights") == [0.0, 1.0, 2.0]


def test_an_unknown_name_is_named_with_the_closest_known_one():
    with pytest.raises(
        UnknownNameError,
        match=r"^topsis: weights names unknown criteria \['costs'\]; criteria are "
        r"\['cost', 'reach', 'risk'\]; did you mean 'cost'\?$",
    ):
        values_by_name({"costs": 1, "reach": 0, "risk": 0}, NAMES, "weights", where="topsis")
    with pytest.raises(UnknownNameError, match=r"unknown experts \['zed'\]; experts are .*\]$"):
        values_by_name({"zed": 1}, ["ann", "bob"], "expert_weights", kind="experts")


def test_missing_repeated_and_nan_labels_raise_the_callers_error():
    with pytest.raises(WeightsError, match=r"^weights is missing criteria \['risk'\]$"):
        values_by_name({"cost": 1, "reach": 0}, NAMES, "weights", error=WeightsError)
    repeated = pd.Series([0.5, 0.2, 0.2, 0.1], index=["cost", "cost", "reach", "risk"])
    with pytest.raises(MethodError, match=r"repeats criteria \['cost'\]"):
        values_by_name(repeated, NAMES, "option 'bounds'", error=MethodError)
    nan = pd.Series([0.5, 0.5, 0.0], index=["cost", np.nan, "risk"])
    with pytest.raises(WeightsError, match=r"missing \(NaN\) label"):
        values_by_name(nan, NAMES, "weights", error=WeightsError)


def test_a_default_fills_the_names_without_a_value():
    got = values_by_name({"reach": (0.2, 0.4)}, NAMES, "bounds", default=(0.0, 1.0))
    assert got == [(0.0, 1.0), (0.2, 0.4), (0.0, 1.0)]


@given(st.integers(min_value=0, max_value=2**64))
def test_a_whole_seed_is_the_generators_first_draw(value):
    expected = int(np.random.default_rng(value).integers(2**63))
    assert as_seed(value) == expected
    assert as_seed(np.uint64(value % 2**64)) == int(
        np.random.default_rng(value % 2**64).integers(2**63)
    )
    assert as_seed(value) == expected  # remembered, unchanged


def test_a_generator_seed_advances_it_and_bad_seeds_are_named():
    generator, twin = np.random.default_rng(7), np.random.default_rng(7)
    assert as_seed(generator) == int(twin.integers(2**63))
    assert as_seed(generator) == int(twin.integers(2**63))  # the next draw, not the first
    sequence = np.random.SeedSequence(3)
    assert as_seed(sequence) == int(np.random.default_rng(sequence).integers(2**63))
    for bad in (-1, 1.5, True, "1"):
        with pytest.raises(ArgumentError, match=r"smaa: rng must be None, a whole number"):
            as_seed(bad, where="smaa")


def test_an_executor_or_none_passes_anything_else_is_named():
    assert as_executor(None) is None
    with ThreadPoolExecutor(1) as pool:
        assert as_executor(pool) is pool
    with pytest.raises(ArgumentError, match=r"evaluate: executor must be .* got list"):
        as_executor([], where="evaluate")
