"""The whole-matrix checks of PairwiseMatrix against the rules written out pair by pair.

The rules (checks.py): entries positive and finite, diagonal within ``tol`` of 1, NaN only
in pairs and only with ``allow_missing``, ``|a_ij a_ji - 1| <= tol``; then, for each pair
i < j, the entry >= 1 is kept and the other becomes its exact reciprocal
(``u = a_ij if a_ij >= 1 else 1 / a_ji``; ``a_ji = 1 / u``). The matrices built must hold
exactly these numbers and be refused exactly when a rule is broken.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice import PairwiseMatrixError
from pathchoice.ahp import PairwiseMatrix


def rules_broken(a: np.ndarray, allow_missing: bool, tol: float) -> bool:
    n = len(a)
    for i in range(n):
        if not abs(a[i, i] - 1.0) <= tol:
            return True
        for j in range(n):
            if i == j:
                continue
            x, y = a[i, j], a[j, i]
            if np.isnan(x) or np.isnan(y):
                if not (allow_missing and np.isnan(x) and np.isnan(y)):
                    return True
                continue
            if not (0 < x < np.inf) or not abs(x * y - 1.0) <= tol:
                return True
    return False


def reciprocal_by_pairs(a: np.ndarray) -> np.ndarray:
    out = a.copy()
    n = len(a)
    for i in range(n):
        out[i, i] = 1.0
        for j in range(i + 1, n):
            if np.isnan(a[i, j]):
                continue
            u = a[i, j] if a[i, j] >= 1.0 else 1.0 / a[j, i]
            out[i, j], out[j, i] = u, 1.0 / u
    return out


@st.composite
def matrices(draw):
    n = draw(st.integers(2, 7))
    logs = draw(st.lists(st.floats(-3, 3), min_size=n, max_size=n))
    a = np.exp(np.subtract.outer(logs, logs))
    noise = draw(st.lists(st.floats(-0.08, 0.08), min_size=n * n, max_size=n * n))
    a = a * (1.0 + np.reshape(noise, (n, n)))  # some pairs beyond the 5 % tolerance
    kind = draw(st.sampled_from(["none", "nan pair", "nan one", "negative", "inf", "diag"]))
    i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
    if kind == "nan pair" and i != j and n >= 3:  # one pair missing: still connected
        a[i, j] = a[j, i] = np.nan
    elif kind == "nan one" and i != j:
        a[i, j] = np.nan
    elif kind == "negative":
        a[i, j] = -a[i, j]
    elif kind == "inf":
        a[i, j] = np.inf
    elif kind == "diag":
        a[i, i] = 1.2
    return a, draw(st.booleans())


@given(matrices())
def test_refused_exactly_when_a_rule_is_broken_and_built_with_the_pairwise_numbers(case):
    a, allow_missing = case
    labels = [f"c{k}" for k in range(len(a))]
    broken = rules_broken(a, allow_missing, 0.05)
    try:
        m = PairwiseMatrix(a, labels, allow_missing=allow_missing)
    except PairwiseMatrixError:
        assert broken
        return
    assert not broken
    np.testing.assert_array_equal(m.values, reciprocal_by_pairs(a))


def test_a_large_matrix_lists_ten_off_scale_pairs_and_keeps_them_all():
    n = 60
    logs = np.linspace(-3, 3, n)
    a = np.exp(np.subtract.outer(logs, logs))
    m = PairwiseMatrix(a, [f"c{k}" for k in range(n)])
    off = m.off_scale_pairs
    assert off == m.off_scale and len(off) > 10
    assert all(v > 9.09 or v < 0.11 for _, v in off)
    assert f"and {len(off) - 10} more" in m.findings[0]


@pytest.mark.parametrize("labels", [["a", "b", "a"], ["x", "y", "x", "y"]])
def test_repeated_labels_are_named(labels):
    with pytest.raises(PairwiseMatrixError, match="repeated"):
        PairwiseMatrix(np.ones((len(labels), len(labels))), labels)
