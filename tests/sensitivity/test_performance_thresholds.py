"""Performance thresholds: the change of one path's performance that moves it to rank k.

Oracles: the closed form of Triantaphyllou & Sánchez (1997) for the weighted sum of raw
values (changing a_ij by delta changes only P_i, by w_j * delta, so A_i ties A_r at
a_ij + (P_r - P_i) / w_j), and pymcdm's TOPSIS just either side of each threshold.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from pathchoice import Model, ModelError, UnknownNameError, topsis
from pathchoice.exceptions import ArgumentError
from pathchoice.sensitivity.performance_thresholds import ALL_CRITERIA, performance_thresholds
from pathchoice.study.datasets import china_japan


def weighted_sum(model, weights):
    return weights @ model.matrix.T


def test_weighted_sum_matches_the_closed_form():
    """Triantaphyllou & Sánchez (1997), weighted sum: the threshold of a_ij against the
    rival r is a_ij + (P_r - P_i) / w_j; exact to 1e-9."""
    values = np.array([[7.0, 3.0, 5.0], [4.0, 8.0, 2.0], [6.0, 5.0, 6.0], [2.0, 2.0, 9.0]])
    model = Model(list("ABCD"), ["x", "y", "z"], values)
    w = np.array([0.5, 0.3, 0.2])
    scores = values @ w  # A 5.4, B 4.8, C 5.7, D 3.4: C first
    result = performance_thresholds(model, w, method=weighted_sum, proportional=False)
    table = result.table.set_index(["alternative", "criterion"])
    for i, name in enumerate("ABCD"):
        for j, criterion in enumerate(["x", "y", "z"]):
            row = table.loc[(name, criterion)]
            if name == "C":  # keep first: falls to A's score
                expected = values[i, j] + (scores[0] - scores[2]) / w[j]
                assert row["goal"] == "keep" and row["rival"] == "A"
            else:
                expected = values[i, j] + (scores[2] - scores[i]) / w[j]
                if expected > values[:, j].max() + np.ptp(values[:, j]):  # D on z: 20.5 > 16
                    assert not row["reached"] and np.isnan(row["threshold"])
                    continue
                assert row["goal"] == "reach" and row["rival"] == "C"
            np.testing.assert_allclose(row["threshold"], expected, rtol=0, atol=1e-9)
    assert result.findings and "never cross rank 1" in result.findings[0]


def test_topsis_thresholds_flip_pymcdm_rankings():
    """pymcdm's TOPSIS (vector normalisation) as an independent oracle: just before the
    threshold the path is not first, just after it is (or the reverse for the leader)."""
    analysis = china_japan()
    model = analysis.decision_model()
    w = analysis.weights().global_weights[list(model.criterion_names)].to_numpy()
    result = performance_thresholds(model, w, proportional=False)
    method = TOPSIS(vector_normalization)
    checked = 0
    for row in result.table[result.table["reached"]].itertuples():
        a = model.alternatives.index(row.alternative)
        j = model.criterion_names.index(row.criterion)
        step = 1e-6 * max(1.0, abs(row.threshold))
        sign = 1.0 if row.direction == "increase" else -1.0
        first = []
        for x in (row.threshold - sign * step, row.threshold + sign * step):
            table = model.matrix.copy()
            table[a, j] = x
            prefs = method(table, w, model.types, validation=False)
            first.append(int(np.argmax(prefs)) == a)
        assert first == ([False, True] if row.goal == "reach" else [True, False]), row
        checked += 1
    assert checked > 20


@st.composite
def problems(draw):
    m = draw(st.integers(2, 5))
    n = draw(st.integers(1, 4))
    values = draw(hnp.arrays(np.float64, (m, n), elements=st.floats(1, 9)))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    raw = np.asarray(draw(st.lists(st.floats(0.05, 1), min_size=n, max_size=n)))
    k = draw(st.integers(1, m - 1))
    model = Model([f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], values,
                  directions=directions)  # fmt: skip
    return model, raw / raw.sum(), k


@settings(max_examples=30)
@given(problems())
def test_every_threshold_is_where_the_rank_crosses_k(problem):
    """Law: a small move past the threshold changes whether the rank is <= k, a move
    short of it does not; the proportional rows as well."""
    model, w, k = problem
    result = performance_thresholds(model, w, target_rank=k)
    for row in result.table[result.table["reached"]].itertuples():
        a = model.alternatives.index(row.alternative)
        step = 1e-6 * max(1.0, abs(row.threshold))
        sign = 1.0 if row.direction == "increase" else -1.0
        outcomes = []
        for x in (row.threshold - sign * step, row.threshold + sign * step):
            table = model.matrix.copy()
            if row.criterion == ALL_CRITERIA:
                factor = x
                table[a] = np.where(model.types > 0, table[a] * factor, table[a] / factor)
            else:
                table[a, model.criterion_names.index(row.criterion)] = x
            scores = topsis(model.with_performance(table), w).scores.to_numpy()
            outcomes.append(int((scores > scores[a] + 1e-12).sum()) + 1 <= k)
        assert outcomes == ([False, True] if row.goal == "reach" else [True, False])


def test_any_method_by_name_and_a_table_for_every_alternative():
    model = Model(["A", "B", "C"], ["x", "y"], [[8.0, 2.0], [5.0, 5.0], [2.0, 8.0]])
    result = performance_thresholds(model, [0.6, 0.4], method="vikor")
    assert len(result.table) == 3 * 3
    assert set(result.table["alternative"]) == {"A", "B", "C"}
    assert result.method == "vikor"
    one = performance_thresholds(model, [0.6, 0.4], alternatives=["B"], target_rank=2)
    assert set(one.table["alternative"]) == {"B"} and one.target_rank == 2
    assert one == performance_thresholds(model, [0.6, 0.4], alternatives=["B"], target_rank=2)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"target_rank": 0}, ArgumentError, "target_rank must be a whole number"),
        ({"target_rank": 3}, ArgumentError, r"target_rank .* in \[1, 2\]"),
        ({"grid": 1}, ArgumentError, "grid must be a whole number >= 2"),
        ({"tol": 0}, ArgumentError, "tol must be in"),
        ({"alternatives": ["Z"]}, UnknownNameError, r"unknown alternatives \['Z'\]"),
        ({"proportional": 1}, ArgumentError, "proportional must be True or False"),
        ({"method": "nope"}, Exception, "unknown ranking method 'nope'"),
    ],
)
def test_errors(kwargs, error, match):
    model = Model(["A", "B", "C"], ["x", "y"], [[8.0, 2.0], [5.0, 5.0], [2.0, 8.0]])
    with pytest.raises(error, match=match):
        performance_thresholds(model, [0.6, 0.4], **kwargs)


def test_proportional_needs_positive_values():
    model = Model(["A", "B"], ["x", "y"], [[0.0, 2.0], [1.0, 1.0]])
    with pytest.raises(ModelError, match=r"positive performance; \['A', 'x'\] = 0"):
        performance_thresholds(model, [0.5, 0.5])
    assert len(performance_thresholds(model, [0.5, 0.5], proportional=False).table) == 4
