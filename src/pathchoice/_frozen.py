"""Immutable result objects with designed equality.

:class:`FrozenResult` is the base of every result class of pathchoice, used as
``@dataclass(frozen=True, eq=False)``. At construction it stores

* numpy arrays as read-only copies;
* pandas Series and DataFrames as private copies, handed out as fresh copies on
  every attribute access (so ``result.scores.iloc[0] = 99`` changes a copy, never
  the result, and ``scores`` cannot drift from ``ranks`` or ``best``);
* mappings as read-only mappings whose values are frozen the same way;
* lists as tuples.

Equality is designed, not generated (the idea of scikit-criteria's
``DiffEqualityMixin.aequals``): :meth:`FrozenResult.equals` compares every field
with a tolerance for numbers and exactly for labels and text; ``==`` is
``equals`` with no tolerance, and ``hash`` is consistent with it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["FrozenMapping", "FrozenResult", "freeze", "values_equal"]


class FrozenMapping(Mapping[str, Any]):
    """A read-only mapping whose pandas values are handed out as copies."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = {k: freeze(v) for k, v in data.items()}

    def __getitem__(self, key: str) -> Any:
        return _handout(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMapping({dict(self._data)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return values_equal(self, other, rtol=0.0, atol=0.0)

    __hash__ = None  # type: ignore[assignment]


#: Values that are immutable as they are (looked up before the isinstance chain: a result
#: holds dozens of them, and each abstract-class check costs about a microsecond).
_AS_THEY_ARE = frozenset({int, float, str, bool, type(None), np.float64, np.int64})


def freeze(value: Any) -> Any:
    """An immutable copy of ``value`` (arrays read-only, pandas copied, mappings frozen)."""
    if type(value) in _AS_THEY_ARE or isinstance(value, tuple):  # (tuples are kept)
        return value
    if isinstance(value, np.ndarray):
        out = np.array(value, copy=True)
        out.setflags(write=False)
        return out
    if isinstance(value, pd.Series | pd.DataFrame):
        return value.copy(deep=True)
    if isinstance(value, FrozenMapping):
        return value
    if isinstance(value, Mapping | MappingProxyType):
        return FrozenMapping(value)
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


@functools.cache
def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(cls)  # type: ignore[arg-type]


def _handout(value: Any) -> Any:
    if isinstance(value, pd.Series | pd.DataFrame):
        return value.copy(deep=True)
    return value


def _numeric(a: np.ndarray) -> bool:
    return a.dtype.kind in "fiuc"


def values_equal(a: Any, b: Any, *, rtol: float, atol: float) -> bool:
    """Whether two field values are equal: numbers within tolerance, the rest exactly."""
    if isinstance(a, pd.Series | pd.DataFrame) or isinstance(b, pd.Series | pd.DataFrame):
        if type(a) is not type(b) or a.shape != b.shape:
            return False
        if not a.index.equals(b.index):
            return False
        if isinstance(a, pd.DataFrame) and not a.columns.equals(b.columns):
            return False
        return values_equal(a.to_numpy(), b.to_numpy(), rtol=rtol, atol=atol)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        x, y = np.asarray(a), np.asarray(b)
        if x.shape != y.shape:
            return False
        if _numeric(x) and _numeric(y):
            return bool(np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True))
        return all(
            values_equal(p, q, rtol=rtol, atol=atol)
            for p, q in zip(x.ravel(), y.ravel(), strict=True)
        )
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if list(a) != list(b):
            return False
        return all(values_equal(a[k], b[k], rtol=rtol, atol=atol) for k in a)
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return len(a) == len(b) and all(
            values_equal(p, q, rtol=rtol, atol=atol) for p, q in zip(a, b, strict=True)
        )
    if isinstance(a, FrozenResult) and isinstance(b, FrozenResult):
        return a.equals(b, rtol=rtol, atol=atol)
    if isinstance(a, float | np.floating) and isinstance(b, float | int | np.number):
        if np.isnan(a) and np.isnan(b):
            return True
        return bool(np.isclose(a, b, rtol=rtol, atol=atol))
    if _is_missing(a) or _is_missing(b):
        return _is_missing(a) and _is_missing(b)
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _is_missing(value: Any) -> bool:
    """None, NaN, pd.NA or NaT (a missing cell equals only another missing cell)."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _hash_key(value: Any) -> Any:
    """A hashable summary that equal values share (labels and shapes, not numbers)."""
    if isinstance(value, pd.Series):
        return ("series", tuple(value.index))
    if isinstance(value, pd.DataFrame):
        return ("frame", tuple(value.index), tuple(value.columns))
    if isinstance(value, np.ndarray):
        return ("array", value.shape)
    if isinstance(value, Mapping):
        return ("mapping", tuple(value))
    if isinstance(value, tuple):
        return tuple(_hash_key(v) for v in value)
    if isinstance(value, str | int | bool | type(None)):
        return value
    return type(value).__name__


class FrozenResult:
    """Base of the frozen result dataclasses: read-only fields, copies out, ``equals``.

    Subclasses are declared ``@dataclass(frozen=True, eq=False)`` and call
    ``super().__post_init__()`` if they define their own ``__post_init__``.

    Examples
    --------
    >>> from pathchoice import Model, topsis
    >>> model = Model(["A", "B"], ["x", "y"], [[1, 2], [2, 1]])
    >>> r = topsis(model, [0.6, 0.4])
    >>> s = r.scores
    >>> s.iloc[0] = 99.0          # changes a copy
    >>> float(r.scores.iloc[0]) != 99.0
    True
    >>> r == topsis(model, [0.6, 0.4]), r.equals(topsis(model, [0.6 + 1e-12, 0.4 - 1e-12]))
    (True, True)
    """

    def __post_init__(self) -> None:
        for f in _fields(type(self)):
            object.__setattr__(self, f.name, freeze(object.__getattribute__(self, f.name)))

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if isinstance(value, pd.Series | pd.DataFrame) and not name.startswith("_"):
            return value.copy(deep=True)
        return value

    @classmethod
    def _owning(cls, **values: Any) -> Any:
        """``cls(**values)`` for values made for this result alone (nothing else refers to
        them), without the constructor's defensive copies: arrays are made read-only in
        place and pandas objects kept; the rest is frozen as usual. For the library's own
        assembly of results it makes often (an SMAA run's frames)."""
        result = cls.__new__(cls)
        for f in _fields(cls):
            if f.name in values:
                value = values[f.name]
            else:
                value = f.default_factory() if f.default is dataclasses.MISSING else f.default  # type: ignore[misc]
            if isinstance(value, np.ndarray):
                value.setflags(write=False)
            elif not isinstance(value, pd.Series | pd.DataFrame):
                value = freeze(value)
            object.__setattr__(result, f.name, value)
        return result

    def _raw(self, name: str) -> Any:
        """A field without the defensive copy (for read-only use inside the class)."""
        return object.__getattribute__(self, name)

    def equals(self, other: object, *, rtol: float = 1e-9, atol: float = 0.0) -> bool:
        """Whether ``other`` is a result of the same type with the same content.

        Numbers (scores, weights, acceptabilities) are compared with
        ``numpy.allclose(rtol=rtol, atol=atol)`` (NaN equal to NaN); labels,
        text, integer counts and options must match exactly.

        Parameters
        ----------
        other : object
            The object to compare with.
        rtol, atol : float
            Relative and absolute tolerance for floating-point fields.

        Returns
        -------
        bool
        """
        if type(other) is not type(self):
            return False
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if not values_equal(self._raw(f.name), other._raw(f.name), rtol=rtol, atol=atol):
                return False
        return True

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.equals(other, rtol=0.0, atol=0.0)

    def __hash__(self) -> int:
        fields = dataclasses.fields(self)  # type: ignore[arg-type]
        return hash((type(self).__name__, *(_hash_key(self._raw(f.name)) for f in fields)))
