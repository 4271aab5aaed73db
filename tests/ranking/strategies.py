"""Seeded factories and hypothesis strategies for random decision problems.

Performance values are small integers: ties between alternatives and repeated
rows are then common, which is where ranking code goes wrong. Weights are
integer counts normalised to sum to 1, with zeros allowed.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pathchoice import Model

DATA = Path(__file__).parent / "data"


def reference_case(name: str) -> tuple[Model, np.ndarray, dict, dict, dict]:
    """(model, weights, case, expected, tolerance) of a published case in data/."""
    case = json.loads((DATA / "topsis_references.json").read_text())["cases"][name]
    model = Model(
        case["alternatives"],
        case["criteria"],
        case["performance"],
        directions=case["directions"],
    )
    return model, np.array(case["weights"]), case, case["expected"], case["tolerance"]


def random_model(
    rng: np.random.Generator, m: int, n: int, *, low: float = 1.0, high: float = 10.0
) -> Model:
    """A seeded random model with mixed directions (factory for non-hypothesis tests)."""
    values = rng.uniform(low, high, size=(m, n))
    directions = ["cost" if j % 3 == 1 else "benefit" for j in range(n)]
    return Model(
        [f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], values, directions=directions
    )


@st.composite
def models(
    draw: st.DrawFn,
    *,
    min_alternatives: int = 2,
    max_alternatives: int = 8,
    max_criteria: int = 6,
    zero_range: bool = False,
) -> Model:
    """A model with integer performance 1..100; no zero-range criterion unless asked."""
    m = draw(st.integers(min_alternatives, max_alternatives))
    n = draw(st.integers(1, max_criteria))
    values = draw(hnp.arrays(np.float64, (m, n), elements=st.integers(1, 100).map(float)))
    if not zero_range:
        assume(bool(np.all(np.ptp(values, axis=0) > 0)))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    return Model(
        [f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], values, directions=directions
    )


@st.composite
def weight_vectors(draw: st.DrawFn, n: int) -> np.ndarray:
    """A non-negative weight vector of length n summing to 1 (zeros allowed)."""
    counts = draw(hnp.arrays(np.float64, n, elements=st.integers(0, 20).map(float)))
    assume(counts.sum() > 0)
    return counts / counts.sum()


@st.composite
def weight_batches(draw: st.DrawFn, n: int, max_rows: int = 12) -> np.ndarray:
    """K weight vectors of length n, one per row."""
    k = draw(st.integers(1, max_rows))
    return np.array([draw(weight_vectors(n)) for _ in range(k)])


def assert_same_order(a: np.ndarray, b: np.ndarray, tol: float) -> None:
    """Every pair of entries more than ``tol`` apart in ``a`` is ordered the same in ``b``.

    Pairs closer than ``tol`` are mathematical near-ties whose order floating
    point may flip; everything else must agree.
    """
    da = a[:, None] - a[None, :]
    db = b[:, None] - b[None, :]
    separated = np.abs(da) > tol
    np.testing.assert_array_equal(np.sign(da[separated]), np.sign(db[separated]))
