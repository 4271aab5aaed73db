"""VIKOR's compromise solution: the published example, the three branches, laws, pymcdm."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymcdm.methods import VIKOR

from pathchoice import Model
from pathchoice.exceptions import ArgumentError
from pathchoice.ranking import vikor_compromise
from pathchoice.ranking.vikor import _compromise

from .strategies import models, weight_vectors


def test_opricovic_tzeng_2004_numerical_example():
    """Opricovic & Tzeng (2004), EJOR 156:445-455, numerical example (f1 cost, f2
    benefit, w = (0.5, 0.5), v = 0.5): S = (0.5, 0.375, 0.5), R = (0.5, 0.25, 0.5),
    Q = (1, 0, 1); A2 has an acceptable advantage (1 >= DQ = 1/2) and is best by S and
    R, so it is the single compromise solution. Exact values (atol 1e-12)."""
    model = Model(
        ["A1", "A2", "A3"],
        ["f1", "f2"],
        [[1, 3000], [2, 3750], [5, 4500]],
        directions=["cost", "benefit"],
    )
    result = vikor_compromise(model, [0.5, 0.5])
    np.testing.assert_allclose(result.values["S"], [0.5, 0.375, 0.5], atol=1e-12)
    np.testing.assert_allclose(result.values["R"], [0.5, 0.25, 0.5], atol=1e-12)
    np.testing.assert_allclose(result.values["Q"], [1.0, 0.0, 1.0], atol=1e-12)
    assert result.dq == 0.5
    assert result.acceptable_advantage and result.acceptable_stability
    assert result.compromise == ("A2",) and result.best == "A2"
    assert result.findings == ()
    assert set(result.ranking.tables) >= {"nmatrix", "fstar", "fminus", "s", "r"}


def test_advantage_below_dq_gives_the_close_alternatives():
    """Hand-derived from the definitions (benefit criteria, w = (0.5, 0.5), v = 0.5):
    f* = (10, 10), f- = (0, 0); S = (0.5, 0.5, 0.4, 0.4), R = (0.5, 0.5, 0.2, 0.25);
    Q(A3) = 0, Q(A4) = 0.5 * 0.05 / 0.3 = 1/12, Q(A1) = Q(A2) = 1. DQ = 1/3 > 1/12, so C1
    fails and the compromise set is {A3, A4} (Q within DQ of the best)."""
    model = Model(["A1", "A2", "A3", "A4"], ["x", "y"], [[10, 0], [0, 10], [6, 6], [7, 5]])
    result = vikor_compromise(model, [0.5, 0.5])
    np.testing.assert_allclose(result.values["Q"], [1, 1, 0, 1 / 12], atol=1e-12)
    assert not result.acceptable_advantage and result.acceptable_stability
    assert result.compromise == ("A3", "A4")
    assert "below DQ" in result.findings[0]


def test_stability_failing_alone_gives_the_two_best():
    """The rule of Opricovic & Tzeng (2004) when only C2 fails: {a', a''}."""
    s = np.array([0.0, 1.0, 0.1, 1.0])
    r = np.array([1.0, 0.0, 0.1, 1.0])
    q = 0.5 * s + 0.5 * r  # S*, R* = 0 and S-, R- = 1
    advantage, stability, chosen, findings = _compromise(("X", "Y", "Z", "W"), s, r, q, 1 / 3)
    assert advantage and not stability
    assert chosen == ["Z", "X"]
    assert "neither by group utility" in findings[0]


@given(models(min_alternatives=3), st.data())
def test_the_compromise_follows_the_rule_and_pymcdm_gives_q(model, data):
    """Q equals pymcdm's VIKOR called directly (1e-12); the set is the rule of
    Opricovic & Tzeng (2004) applied to the result's own S, R, Q."""
    w = data.draw(weight_vectors(model.n_criteria))
    v = data.draw(st.sampled_from([0.0, 0.25, 0.5, 1.0]))
    result = vikor_compromise(model, w, v=v)
    expected = VIKOR(v=v)(model.matrix, w, model.types, validation=False)
    np.testing.assert_allclose(result.values["Q"], expected, rtol=0, atol=1e-12)
    values = result.values
    q = values["Q"].to_numpy()
    order = np.argsort(q, kind="stable")
    best, second = order[0], order[1]
    c1 = q[second] - q[best] >= 1 / (model.n_alternatives - 1)
    c2 = values["S"].iloc[best] == values["S"].min() or values["R"].iloc[best] == values["R"].min()
    assert (result.acceptable_advantage, result.acceptable_stability) == (c1, c2)
    names = model.alternatives
    assert result.compromise[0] == names[best]
    if c1 and c2:
        assert result.compromise == (names[best],)
    elif c1:
        assert result.compromise == (names[best], names[second])
    else:
        close = {names[i] for i in range(len(q)) if q[i] - q[best] < result.dq}
        assert set(result.compromise) == close and len(close) >= 2


def test_v_is_checked():
    model = Model(["A", "B"], ["x"], [[1], [2]])
    with pytest.raises(ArgumentError, match=r"vikor_compromise: v must be in \[0, 1\]"):
        vikor_compromise(model, [1.0], v=1.5)
    with pytest.raises(ArgumentError, match="v must be a finite number"):
        vikor_compromise(model, [1.0], v=True)
