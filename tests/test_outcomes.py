"""from_outcomes: a long-form outcome table as a model and per-scenario performance samples.

Expected values: a hand-made table whose medians and means are worked out by
hand below, and pandas' ``groupby(...).median()`` as an independent oracle.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.exceptions import ArgumentError, ModelError, UnknownNameError
from pathchoice.outcomes import Outcomes, from_outcomes
from pathchoice.sensitivity import FixedWeights, PerformanceSamples, smaa

# Three policies × four scenarios. By hand, per policy over the scenarios:
#   cost   tax: 1, 2, 4, 10 -> median 3.0, mean 4.25
#          cap: 5, 5, 6, 6  -> median 5.5, mean 5.5
#          none: 0, 0, 0, 8 -> median 0.0, mean 2.0
#   jobs   tax: 3, 1, 2, 9  -> median 2.5, mean 3.75
#          cap: 4, 4, 4, 4  -> median 4.0, mean 4.0
#          none: 7, 5, 6, 2 -> median 5.5, mean 5.0
TABLE = pd.DataFrame(
    {
        "policy": ["tax"] * 4 + ["cap"] * 4 + ["none"] * 4,
        "scenario": [0, 1, 2, 3] * 3,
        "cost": [1, 2, 4, 10, 5, 5, 6, 6, 0, 0, 0, 8],
        "jobs": [3, 1, 2, 9, 4, 4, 4, 4, 7, 5, 6, 2],
    }
)
MEDIANS = {"cap": [5.5, 4.0], "none": [0.0, 5.5], "tax": [3.0, 2.5]}
MEANS = {"cap": [5.5, 4.0], "none": [2.0, 5.0], "tax": [4.25, 3.75]}


def outcomes(table=TABLE, **options):
    options.setdefault("criteria", ["cost", "jobs"])
    options.setdefault("directions", {"cost": "cost"})
    return from_outcomes(table, **options)


def test_known_medians_and_means():
    o = outcomes()
    assert isinstance(o, Outcomes)
    assert o.model.alternatives == ("cap", "none", "tax")  # sorted labels
    assert o.model.directions == ("cost", "benefit")
    np.testing.assert_array_equal(o.model.matrix, [MEDIANS[a] for a in o.model.alternatives])
    mean = outcomes(summary="mean")
    np.testing.assert_array_equal(mean.model.matrix, [MEANS[a] for a in o.model.alternatives])
    assert o.summary == "median" and mean.summary == "mean"


def test_samples_hold_every_scenario_in_the_model_order():
    o = outcomes()
    assert isinstance(o.samples, PerformanceSamples)
    assert o.scenarios == (0, 1, 2, 3)
    assert o.samples.alternatives == o.model.alternatives
    assert o.samples.criteria == ("cost", "jobs")
    # scenario 3, policy "tax": cost 10, jobs 9
    np.testing.assert_array_equal(o.samples.values[3, 2], [10, 9])
    assert o.samples.values.shape == (4, 3, 2)


def test_agrees_with_pandas_groupby():
    expected = TABLE.groupby("policy")[["cost", "jobs"]].median()
    np.testing.assert_allclose(outcomes().model.matrix, expected.to_numpy())


def test_ema_workbench_pair_of_experiments_and_outcomes():
    experiments = TABLE[["scenario", "policy"]].assign(model="m", rate=np.linspace(0, 1, 12))
    result = {"cost": TABLE["cost"].to_numpy(), "jobs": TABLE["jobs"].to_numpy()}
    o = from_outcomes((experiments, result), directions={"cost": "cost"})
    assert o.model == outcomes().model
    assert o.samples == outcomes().samples


def test_ready_for_smaa_over_the_scenarios():
    o = outcomes()
    result = smaa(o.model, FixedWeights(o.model, [0.5, 0.5]), performance=o.samples, rng=0)
    assert result.n_samples == 4
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0)


@st.composite
def permuted(draw):
    order = draw(st.permutations(range(len(TABLE))))
    return TABLE.iloc[list(order)].reset_index(drop=True)


@given(permuted(), st.sampled_from(["median", "mean"]))
def test_row_order_does_not_change_the_result(table, summary):
    assert outcomes(table, summary=summary) == outcomes(summary=summary)


@given(
    st.integers(2, 4),
    st.integers(1, 5),
    st.data(),
)
def test_medians_match_pandas_for_any_table(m, s, data):
    values = data.draw(
        st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=m * s, max_size=m * s)
    )
    table = pd.DataFrame(
        {
            "policy": [f"p{i}" for i in range(m) for _ in range(s)],
            "scenario": list(range(s)) * m,
            "x": values,
        }
    )
    table = table.sample(frac=1.0, random_state=data.draw(st.integers(0, 99)))
    o = from_outcomes(table, criteria=["x"], directions="benefit")
    expected = table.groupby("policy")["x"].median()
    np.testing.assert_allclose(o.model.matrix[:, 0], expected.to_numpy(), rtol=1e-12)


def test_duplicate_and_missing_pairs_are_named():
    doubled = pd.concat([TABLE, TABLE.iloc[[5]]], ignore_index=True)
    with pytest.raises(
        ModelError,
        match=r"alternative 'cap' in scenario 1 appears 2 times "
        r"\(rows \[5, 12\]\)",
    ):
        outcomes(doubled)
    with pytest.raises(
        ModelError,
        match=r"alternative 'tax' has no row for scenario 3 "
        r"\(1 of 12 pairs missing\)",
    ):
        outcomes(TABLE.drop(index=3))


@pytest.mark.parametrize(
    ("value", "shown"), [(np.nan, "missing"), ("high", "'high'"), (np.inf, "inf"), (True, "True")]
)
def test_bad_outcomes_name_alternative_scenario_and_criterion(value, shown):
    table = TABLE.astype({"jobs": object})
    table.loc[6, "jobs"] = value
    with pytest.raises(
        ModelError,
        match=rf"the outcome 'jobs' of alternative 'cap' in "
        rf"scenario 2 \(row 6\) is {shown}",
    ):
        outcomes(table)


def test_bad_arguments():
    with pytest.raises(ArgumentError, match="criteria must name the outcome columns"):
        from_outcomes(TABLE, directions="cost")
    with pytest.raises(ArgumentError, match="directions must say whether more"):
        from_outcomes(TABLE, criteria=["cost"], directions=None)
    with pytest.raises(UnknownNameError, match=r"criteria \['wages'\] are not columns"):
        outcomes(criteria=["cost", "wages"])
    with pytest.raises(UnknownNameError, match="no alternative column 'option'"):
        outcomes(alternative="option")
    with pytest.raises(ArgumentError, match="summary"):
        outcomes(summary="max")
    with pytest.raises(ArgumentError, match="table must be a DataFrame"):
        from_outcomes([1, 2], criteria=["x"], directions="cost")
    with pytest.raises(ArgumentError, match=r"columns \['scenario'\] are given in two roles"):
        outcomes(criteria=["cost", "scenario"])
    series = {"cost": np.ones((12, 5))}
    with pytest.raises(ModelError, match=r"outcome 'cost' has shape \(12, 5\); one number"):
        from_outcomes((TABLE[["policy", "scenario"]], series), directions="cost")
