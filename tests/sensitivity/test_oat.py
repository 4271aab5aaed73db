"""One-at-a-time weight sensitivity: laws of the schemes, pyrepo-mcda as an oracle, errors."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pathchoice import MethodError, Model, PathchoiceError, UnknownNameError, WeightsError
from pathchoice.exceptions import ArgumentError
from pathchoice.ranking import rank, topsis
from pathchoice.sensitivity.oat import SCHEMES, weight_sensitivity
from pathchoice.study.datasets import china_japan

# -- strategies (kept here: tests/sensitivity has no package to share them) ------------------


@st.composite
def models(draw, max_alternatives=6, max_criteria=5, min_criteria=1):
    """Integer performance 1..100, mixed directions, no zero-range criterion."""
    m = draw(st.integers(2, max_alternatives))
    n = draw(st.integers(min_criteria, max_criteria))
    values = draw(hnp.arrays(np.float64, (m, n), elements=st.integers(1, 100).map(float)))
    assume(bool(np.all(np.ptp(values, axis=0) > 0)))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    return Model(
        [f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], values, directions=directions
    )


@st.composite
def weight_vectors(draw, n):
    """Non-negative integer counts normalised to sum 1 (zeros allowed)."""
    counts = draw(hnp.arrays(np.float64, n, elements=st.integers(0, 20).map(float)))
    assume(counts.sum() > 0)
    return counts / counts.sum()


@st.composite
def problems(draw, **model_options):
    model = draw(models(**model_options))
    weights = draw(weight_vectors(model.n_criteria))
    values = draw(
        st.lists(st.floats(0.0, 1.0, allow_nan=False), min_size=1, max_size=6).map(np.array)
    )
    return model, weights, values


# -- laws -----------------------------------------------------------------------------------


@given(problems(), st.sampled_from(SCHEMES))
def test_every_step_is_on_the_simplex_and_sets_the_requested_weight(problem, scheme):
    model, w, values = problem
    result = weight_sensitivity(model, w, values=values, scheme=scheme)
    frame = result.weights
    matrix = frame.to_numpy()
    assert (matrix >= 0).all()
    np.testing.assert_allclose(matrix.sum(axis=1), 1.0, atol=1e-12)
    for (criterion, step), row in frame.iterrows():
        assert row[criterion] == values[step]  # exactly the value asked for
    # every (criterion, step) is either computed or skipped, never both
    computed = set(frame.index)
    skipped = set(zip(result.skipped.criterion, result.skipped.step, strict=True))
    assert not computed & skipped
    assert len(computed) + len(skipped) == model.n_criteria * len(values)


@given(problems(min_criteria=2))
def test_proportional_scheme_keeps_the_ratios_of_the_other_weights(problem):
    model, w, values = problem
    result = weight_sensitivity(model, w, values=values)
    assert result.skipped.empty  # proportional never needs to skip (n >= 2)
    names = list(model.criterion_names)
    for (criterion, step), row in result.weights.iterrows():
        k = names.index(criterion)
        others = np.delete(w, k)
        new = np.delete(row.to_numpy(), k)
        if others.sum() > 0:
            # w_j' = w_j (1 - t) / (1 - w_k): every ratio w_j' / w_j is the same
            np.testing.assert_allclose(new, others * (1 - values[step]) / others.sum(), atol=1e-14)
        else:  # w_k = 1: the documented rule shares 1 - t equally
            np.testing.assert_allclose(new, (1 - values[step]) / (len(names) - 1), atol=1e-14)


@given(problems(min_criteria=2))
def test_equal_scheme_moves_the_others_equally_and_skips_exactly_the_negative_steps(problem):
    model, w, values = problem
    result = weight_sensitivity(model, w, values=values, scheme="equal")
    names = list(model.criterion_names)
    n = len(names)
    expected_skips = set()
    for k, name in enumerate(names):
        for step, t in enumerate(values):
            shifted = np.delete(w, k) - (t - w[k]) / (n - 1)
            if shifted.min() < -1e-12:
                expected_skips.add((name, step))
            else:
                row = result.weights.loc[(name, step)].to_numpy()
                np.testing.assert_allclose(np.delete(row, k), np.maximum(shifted, 0), atol=1e-14)
    assert set(zip(result.skipped.criterion, result.skipped.step, strict=True)) == expected_skips
    for reason in result.skipped.reason:
        assert "would be -" in reason


@given(problems(min_criteria=2), st.sampled_from(SCHEMES))
def test_the_current_weight_reproduces_the_base_ranking(problem, scheme):
    model, w, _ = problem
    result = weight_sensitivity(model, w, values=np.unique(w), scheme=scheme)
    names = list(model.criterion_names)
    base = topsis(model, w)
    scores = result.scores_frame()
    for (criterion, step, weight), row in scores.iterrows():
        if weight == w[names.index(criterion)]:
            np.testing.assert_allclose(
                result.weights.loc[(criterion, step)].to_numpy(), w, atol=1e-15
            )
            np.testing.assert_allclose(row.to_numpy(), base.scores.to_numpy(), atol=1e-12)


@given(problems(max_alternatives=5, max_criteria=4))
def test_table_equals_one_ranking_call_per_step(problem):
    """The batched table agrees with ranking every step's weights on their own."""
    model, w, values = problem
    result = weight_sensitivity(model, w, values=values[:3], method="topsis")
    table = result.table.set_index(["criterion", "step", "alternative"])
    for (criterion, step), weights in result.weights.iterrows():
        single = topsis(model, weights.to_numpy())
        got = table.loc[(criterion, step)].reindex(model.alternatives)
        np.testing.assert_allclose(got["score"].to_numpy(), single.scores.to_numpy(), atol=1e-12)
        np.testing.assert_array_equal(got["rank"].to_numpy(), single.ranks.to_numpy())


def test_steps_spread_over_the_unit_interval():
    model = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [3, 1, 2]])
    result = weight_sensitivity(model, [0.2, 0.3, 0.5], steps=5, criteria=["y"])
    np.testing.assert_array_equal(result.weights["y"].to_numpy(), [0, 0.25, 0.5, 0.75, 1.0])
    assert list(result.table.columns) == [
        "criterion",
        "step",
        "weight",
        "alternative",
        "score",
        "rank",
    ]
    assert len(result.table) == 5 * 2


def test_per_criterion_values_and_a_criterion_holding_all_the_weight():
    model = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [3, 1, 2]])
    result = weight_sensitivity(model, [1.0, 0.0, 0.0], values={"x": [0.4], "y": [0.1, 0.2]})
    # x held all the weight: the documented rule shares 1 - t = 0.6 equally
    np.testing.assert_allclose(result.weights.loc[("x", 0)].to_numpy(), [0.4, 0.3, 0.3])
    # y had 0: the others keep their ratios (x takes all of 1 - t)
    np.testing.assert_allclose(result.weights.loc[("y", 1)].to_numpy(), [0.8, 0.2, 0.0])
    assert any("hold all the weight" in f for f in result.findings)


# -- a second library: pyrepo-mcda's equal scheme -------------------------------------------


def test_equal_scheme_matches_pyrepo_mcda_weights_and_ranks():
    """Oracle: pyrepo-mcda's Sensitivity_analysis_weights_percentages (w_j - change/(n-1)).

    pyrepo-mcda (Bączkiewicz & Wątróbski) changes weight j by a percentage p,
    ``w_j (1 + p)``, and takes ``change / (n - 1)`` from each other weight;
    with its min-max TOPSIS it ranks every step. Our equal scheme at
    ``t = w_j (1 + p)`` with ``normalization="minmax"`` must give the same
    weights (1e-12) and ranks. Percentages are kept small enough that no
    weight goes negative (pyrepo-mcda would compute negative weights there).
    """
    pytest.importorskip("pyrepo_mcda")
    from pyrepo_mcda.mcda_methods import TOPSIS
    from pyrepo_mcda.sensitivity_analysis_weights_percentages import (
        Sensitivity_analysis_weights_percentages,
    )

    rng = np.random.default_rng(20240611)
    matrix = rng.uniform(1, 10, size=(7, 4))
    types = np.array([1, -1, 1, 1])
    weights = np.array([0.35, 0.25, 0.25, 0.15])
    percentages = np.array([0.1, 0.2, 0.3])
    model = Model(
        [f"A{i}" for i in range(7)],
        ["c0", "c1", "c2", "c3"],
        matrix,
        directions=["benefit", "cost", "benefit", "benefit"],
    )
    sens = Sensitivity_analysis_weights_percentages()
    for j, name in enumerate(model.criterion_names):
        for sign in (1, -1):
            targets = weights[j] * (1 + sign * percentages)
            ours = weight_sensitivity(
                model,
                weights,
                criteria=name,
                values=targets,
                scheme="equal",
                normalization="minmax",
            )
            assert ours.skipped.empty
            theirs = sens(matrix, weights, types, percentages, TOPSIS(), j, [sign])
            for step, p in enumerate(percentages):
                expected = sens._change_weights(j, weights, sign * p)
                np.testing.assert_allclose(
                    ours.weights.loc[(name, step)].to_numpy(), expected, atol=1e-12
                )
                column = f"{sign * p * 100:.0f}%"
                np.testing.assert_array_equal(
                    ours.ranks_frame().xs(step, level="step").to_numpy()[0],
                    theirs[column].to_numpy(),
                )


# -- other methods through the adapter ------------------------------------------------------


def test_pymcdm_method_through_the_adapter_agrees_with_single_calls():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]], directions={"y": "cost"})
    result = weight_sensitivity(model, [0.5, 0.5], values=[0.2, 0.7], method="vikor")
    assert result.method == "vikor" and result.higher_is_better is False
    for (_criterion, step), weights in result.weights.iterrows():
        single = rank(model, weights.to_numpy(), "vikor")
        got = result.ranks_frame().xs(step, level="step").iloc[0]
        np.testing.assert_array_equal(got.to_numpy(), single.ranks.to_numpy())


# -- the China–Japan model ------------------------------------------------------------------


def test_china_japan_runs_from_the_public_api():
    analysis = china_japan()
    model = analysis.decision_model()
    weights = analysis.weights().global_weights
    result = weight_sensitivity(model, weights, steps=11)
    assert len(result.weights) == 11 * model.n_criteria
    assert len(result.table) == 11 * model.n_criteria * model.n_alternatives
    top = result.top_frame()
    assert set(top.columns) == {"criterion", "step", "weight", "top", "changed"}
    # where the top is reported unchanged, the base top is still ranked first
    ranks = result.ranks_frame()
    np.testing.assert_array_equal(
        (ranks[result.base.best] > 1).to_numpy(), top["changed"].to_numpy()
    )
    assert result.base.best == topsis(model, weights).best


# -- errors ---------------------------------------------------------------------------------

MODEL = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [3, 1, 2]])
W = [0.2, 0.3, 0.5]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"criteria": ["x", "nope"]}, UnknownNameError, r"unknown criteria \['nope'\]"),
        ({"criteria": "nope"}, UnknownNameError, "nope"),
        ({"criteria": ["x", "x"]}, PathchoiceError, r"repeats criteria \['x'\]"),
        ({"criteria": []}, PathchoiceError, "at least one criterion"),
        ({"values": {"x": [0.1], "nope": [0.2]}}, UnknownNameError, "nope"),
        ({"criteria": ["y"], "values": {"x": [0.1]}}, PathchoiceError, r"criteria \['y'\]"),
        ({"scheme": "linear"}, ArgumentError, r"scheme must be one of .* \(got 'linear'\)"),
        ({"values": [0.2, 1.5]}, WeightsError, r"\[0, 1\].*got 1.5 at position 1"),
        ({"values": [-0.1]}, WeightsError, "got -0.1 at position 0"),
        ({"values": [np.nan]}, WeightsError, "got nan"),
        ({"values": {"x": [2.0]}}, WeightsError, "values for 'x'.*got 2"),
        ({"values": "abc"}, WeightsError, "numbers in"),
        ({"values": [[0.1, 0.2]]}, WeightsError, "1-D"),
        ({"steps": 1}, ArgumentError, r"steps must be a whole number >= 2 \(got 1\)"),
        ({"steps": 2.5}, PathchoiceError, "got 2.5"),
        ({"method": "nope"}, MethodError, "unknown ranking method 'nope'"),
        ({"v": 0.5}, MethodError, r"does not take option\(s\) \['v'\]"),
    ],
)
def test_errors_name_the_culprit(kwargs, error, match):
    with pytest.raises(error, match=match):
        weight_sensitivity(MODEL, W, **kwargs)


@pytest.mark.parametrize(
    ("weights", "error", "match"),
    [
        ([0.2, 0.3, 0.4], WeightsError, r"sum to 1 \(got 0.9"),
        ([0.7, 0.5, -0.2], WeightsError, "'z' = -0.2"),
        (pd.Series({"x": 0.5, "q": 0.5}), UnknownNameError, "q"),
    ],
)
def test_bad_base_weights(weights, error, match):
    with pytest.raises(error, match=match):
        weight_sensitivity(MODEL, weights)
