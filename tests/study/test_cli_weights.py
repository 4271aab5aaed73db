"""``--weights`` typed with rounded decimals: one rule, the weights used sum to 1.

A sum within 0.01 of 1 is rescaled (each weight divided by the sum) with a note on
standard error; further off is an error. Expected values: the typed weights divided
by their sum, worked out by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pathchoice.exceptions import WeightsError
from pathchoice.study.cli import main, parse_weights
from pathchoice.study.datasets import china_japan

BASE = pd.Series({"a": 0.5, "b": 0.3, "c": 0.2})


def test_a_sum_off_by_rounding_is_rescaled_with_a_note():
    notes: list[str] = []
    out = parse_weights(["a=0.33", "b=0.33", "c=0.33"], BASE, notes=notes)
    np.testing.assert_allclose(out.to_numpy(), [1 / 3] * 3, rtol=1e-15)
    assert notes == [
        "the weights given sum to 0.99, not 1; each was divided by 0.99 so that they sum to 1"
    ]
    # at the limit (1.01) still rescaled: 0.51 / 1.01 = 0.50495..., 0.3 / 1.01, 0.2 / 1.01
    out = parse_weights(["a=0.51"], BASE, notes=notes)
    np.testing.assert_allclose(out.to_numpy(), [0.51 / 1.01, 0.3 / 1.01, 0.2 / 1.01])


def test_a_sum_that_is_exactly_one_is_used_as_typed_without_a_note():
    notes: list[str] = []
    out = parse_weights(["a=1/3", "b=1/3", "c=1/3"], BASE, notes=notes)
    assert out.to_list() == [1 / 3] * 3 and notes == []


@pytest.mark.parametrize("typed", [["a=0.52"], ["a=0.3", "b=0.3", "c=0.3"]])
def test_further_off_is_an_error(typed):
    with pytest.raises(WeightsError, match=r"must sum to 1 .*within 0\.01 of 1 is rescaled"):
        parse_weights(typed, BASE)


def test_the_command_says_it_rescaled(capsys):
    names = [
        "China strengths meet Japan weaknesses",
        "Japan strengths meet China weaknesses",
    ]
    base = china_japan().weights().global_weights  # the default model's weights
    typed = [f"{names[0]}={base[names[0]] + 0.003:.6f}", f"{names[1]}={base[names[1]]:.6f}"]
    code = main(["rank", "--format", "csv", "--weights", *typed])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.startswith("note: the weights given sum to 1.003, not 1;")
    assert captured.out.startswith("alternative,score,rank\n")
