"""FrozenResult: immutable fields, copies handed out, designed equality (pathchoice._frozen)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest

from pathchoice._frozen import FrozenResult, values_equal


@dataclass(frozen=True, eq=False)
class Example(FrozenResult):
    name: str
    scores: pd.Series
    counts: np.ndarray
    tables: dict


def make(shift: float = 0.0) -> Example:
    return Example(
        name="x",
        scores=pd.Series([0.25 + shift, 0.75], index=["a", "b"]),
        counts=np.array([1.0, np.nan]),
        tables={"t": pd.DataFrame({"k": pd.array([1, None], dtype="Int64")})},
    )


def test_fields_cannot_be_changed_through_what_is_handed_out():
    r = make()
    s = r.scores
    s.iloc[0] = 99.0
    assert r.scores.iloc[0] == 0.25
    with pytest.raises(ValueError, match="read-only"):
        r.counts[0] = 5.0
    with pytest.raises(TypeError):
        r.tables["u"] = 1  # type: ignore[index]
    t = r.tables["t"]
    t.iloc[0, 0] = 7
    assert r.tables["t"].iloc[0, 0] == 1
    with pytest.raises(AttributeError):
        r.name = "y"  # type: ignore[misc]


def test_owning_makes_the_constructors_result_without_its_copies():
    """The library's assembly path: equal to the constructor's result, the same contract
    (arrays read-only, pandas handed out as copies, mappings frozen), defaults filled."""
    fields = {"name": "x", "scores": pd.Series([0.25, 0.75], index=["a", "b"])}
    counts = np.array([1.0, np.nan])
    r = Example._owning(**fields, counts=counts, tables={"t": 1})
    assert r == Example(**fields, counts=np.array([1.0, np.nan]), tables={"t": 1})
    assert r.counts is counts and not counts.flags.writeable  # not copied, made read-only
    s = r.scores
    s.iloc[0] = 99.0
    assert r.scores.iloc[0] == 0.25
    with pytest.raises(TypeError):
        r.tables["u"] = 2  # type: ignore[index]
    assert WithDefaults._owning(name="y") == WithDefaults(name="y")


@dataclass(frozen=True, eq=False)
class WithDefaults(FrozenResult):
    name: str
    notes: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


def test_equality_is_exact_with_nan_and_na_equal_to_themselves():
    assert make() == make()
    assert hash(make()) == hash(make())
    assert make() != make(shift=1e-12)
    assert make().equals(make(shift=1e-12), rtol=1e-9)
    assert not make().equals(make(shift=1e-3), rtol=1e-9)


def test_values_equal_compares_labels_exactly():
    a = pd.Series([1.0, 2.0], index=["a", "b"])
    assert not values_equal(a, a.set_axis(["a", "c"]), rtol=1.0, atol=1.0)
    assert values_equal(pd.NA, None, rtol=0.0, atol=0.0)
    assert not values_equal(pd.NA, 1, rtol=0.0, atol=0.0)
