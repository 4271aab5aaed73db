"""Shared input checks: one wording and one exception type per kind of mistake.

Every public function of pathchoice checks its arguments once, in a private
input-checking function of its own module (the pattern of scipy's
``_bootstrap_iv``), which returns the standardised arguments; the body then
trusts them. The pieces those functions share live here, so a mistake reads the
same wherever it is made:

* options -- :func:`as_count`, :func:`as_real`, :func:`as_probability`,
  :func:`as_flag`, :func:`as_choice`, :func:`as_rng` and :func:`as_executor` raise
  :class:`~pathchoice.exceptions.ArgumentError`;
* numbers in tables -- :func:`as_finite_array` raises the error type the caller
  names (``ModelError`` for a performance table, ``WeightsError`` for weights),
  naming the first offending cell by its labels;
* labelled values -- :func:`values_by_name` matches a mapping or Series to the
  names it belongs to (criterion order), naming unknown and missing names.

Rules applied everywhere: booleans are never numbers (``True`` is not a count,
a weight or a judgement); whole numbers may be numpy integers; a seed ``rng`` is
None, an int >= 0, a :class:`numpy.random.SeedSequence` or a
:class:`numpy.random.Generator`. Each message names the argument as
``where: name`` (``"smaa: n_samples must be ..."``).
"""

from __future__ import annotations

import difflib
import functools
import math
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from numbers import Integral, Real
from typing import Any

import numpy as np

from .exceptions import ArgumentError, PathchoiceError, UnknownNameError

__all__ = [
    "as_choice",
    "as_count",
    "as_executor",
    "as_finite_array",
    "as_flag",
    "as_probability",
    "as_real",
    "as_rng",
    "as_seed",
    "is_number",
    "is_whole",
    "prefix",
    "values_by_name",
]


def prefix(where: str | None, name: str) -> str:
    """``"where: name"`` (or just ``name``): how messages name an argument."""
    return f"{where}: {name}" if where else name


def is_whole(value: object) -> bool:
    """True for a Python or numpy integer, never for a bool."""
    return isinstance(value, Integral | np.integer) and not isinstance(value, bool | np.bool_)


def is_number(value: object) -> bool:
    """True for a real Python or numpy number, never for a bool."""
    return isinstance(value, Real | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def as_count(
    value: object,
    name: str,
    *,
    where: str | None = None,
    minimum: int = 1,
    maximum: int | None = None,
    error: type[PathchoiceError] = ArgumentError,
) -> int:
    """``value`` as an ``int`` in ``[minimum, maximum]``.

    A float holding a whole number (``1e5``, ``20000.0``) is accepted: a user
    typing ``n_samples=1e5`` means a hundred thousand. Booleans and fractions are
    refused.

    Examples
    --------
    >>> as_count(1e5, "n_samples")
    100000
    >>> as_count(True, "n_samples")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ArgumentError: n_samples must be a whole number >= 1 (got True)
    """
    label = prefix(where, name)
    bound = f">= {minimum}" if maximum is None else f"in [{minimum}, {maximum}]"
    if is_whole(value):
        number = int(value)  # type: ignore[call-overload]
    elif (
        is_number(value)
        and math.isfinite(float(value))  # type: ignore[arg-type]
        and float(value).is_integer()  # type: ignore[arg-type]
    ):
        number = int(float(value))  # type: ignore[arg-type]
    else:
        raise error(f"{label} must be a whole number {bound} (got {value!r})")
    if number < minimum or (maximum is not None and number > maximum):
        raise error(f"{label} must be a whole number {bound} (got {number})")
    return number


def as_real(
    value: object,
    name: str,
    *,
    where: str | None = None,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    error: type[PathchoiceError] = ArgumentError,
) -> float:
    """``value`` as a finite ``float`` within the given bounds.

    Examples
    --------
    >>> as_real(0.25, "spread", low=0.0, low_open=True)
    0.25
    >>> as_real(float("nan"), "spread")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ArgumentError: spread must be a finite number (got nan)
    """
    label = prefix(where, name)
    if not is_number(value) or not math.isfinite(float(value)):  # type: ignore[arg-type]
        raise error(f"{label} must be a finite number (got {value!r})")
    number = float(value)  # type: ignore[arg-type]
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        left = "(" if low_open or low is None else "["
        right = ")" if high_open or high is None else "]"
        lo = -math.inf if low is None else low
        hi = math.inf if high is None else high
        span = f"{left}{lo:g}, {hi:g}{right}"
        raise error(f"{label} must be in {span} (got {number:g})")
    return number


def as_probability(
    value: object,
    name: str,
    *,
    where: str | None = None,
    error: type[PathchoiceError] = ArgumentError,
) -> float:
    """``value`` as a float in [0, 1].

    Examples
    --------
    >>> as_probability(0.9, "level")
    0.9
    """
    return as_real(value, name, where=where, low=0.0, high=1.0, error=error)


def as_flag(value: object, name: str, *, where: str | None = None) -> bool:
    """``value`` as a bool; only ``True``/``False`` (or numpy's) are accepted.

    Examples
    --------
    >>> as_flag(False, "strict")
    False
    """
    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise ArgumentError(f"{prefix(where, name)} must be True or False (got {value!r})")


def as_choice(value: object, name: str, choices: Iterable[str], *, where: str | None = None) -> str:
    """``value`` as one of ``choices`` (strings), or an error listing them.

    Examples
    --------
    >>> as_choice("vector", "normalization", ["vector", "minmax"])
    'vector'
    >>> as_choice("max", "normalization", ["vector", "minmax"])
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ArgumentError: normalization must be one of 'vector', 'minmax' (got 'max')
    """
    options = list(choices)
    if isinstance(value, str) and value in options:
        return value
    listed = ", ".join(repr(c) for c in options)
    raise ArgumentError(f"{prefix(where, name)} must be one of {listed} (got {value!r})")


def as_rng(value: object, name: str = "rng", *, where: str | None = None) -> np.random.Generator:
    """A :class:`numpy.random.Generator` from None, an int >= 0, a SeedSequence or a Generator.

    A Generator is used as it is (drawing from it advances it); anything else
    seeds a new one with :func:`numpy.random.default_rng`.

    Examples
    --------
    >>> int(as_rng(0).integers(10))
    8
    >>> as_rng(-1)
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ArgumentError: rng must be None, a whole number >= 0, ... (got -1)
    """
    if isinstance(value, np.random.Generator):
        return value
    if value is None or isinstance(value, np.random.SeedSequence):
        return np.random.default_rng(value)
    if is_whole(value) and int(value) >= 0:  # type: ignore[call-overload]
        return np.random.default_rng(int(value))  # type: ignore[call-overload]
    raise ArgumentError(
        f"{prefix(where, name)} must be None, a whole number >= 0, a numpy SeedSequence "
        f"or Generator (got {value!r})"
    )


def as_seed(value: object, name: str = "rng", *, where: str | None = None) -> int:
    """A run's seed in ``0 .. 2**63 - 1``: ``int(as_rng(value).integers(2**63))``.

    For a whole number it is remembered (seeding a Generator costs tens of
    microseconds, as much as a short SMAA run's ranking); a Generator advances.

    Examples
    --------
    >>> as_seed(1) == int(np.random.default_rng(1).integers(2**63))
    True
    """
    if is_whole(value) and int(value) >= 0:  # type: ignore[call-overload]
        return _whole_seed(int(value))  # type: ignore[call-overload]
    return int(as_rng(value, name, where=where).integers(2**63))


@functools.lru_cache(maxsize=256)
def _whole_seed(value: int) -> int:
    return int(np.random.default_rng(value).integers(2**63))


def as_executor(
    value: object, name: str = "executor", *, where: str | None = None
) -> Executor | None:
    """``value`` if it is None or a :class:`concurrent.futures.Executor`.

    Examples
    --------
    >>> as_executor(None) is None
    True
    >>> as_executor("dask", where="smaa")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ArgumentError: smaa: executor must be None or a ... got str
    """
    if value is None or isinstance(value, Executor):
        return value
    raise ArgumentError(
        f"{prefix(where, name)} must be None or a concurrent.futures.Executor (a thread or "
        f"process pool, or a Dask client's get_executor()); got {type(value).__name__}"
    )


def _cell_label(index: tuple[int, ...], labels: Sequence[Sequence[Any] | None]) -> str:
    parts = []
    for axis, i in enumerate(index):
        names = labels[axis] if axis < len(labels) else None
        parts.append(repr(names[i]) if names is not None else str(i))
    return "[" + ", ".join(parts) + "]"


def as_finite_array(
    values: object,
    name: str,
    *,
    where: str | None = None,
    ndim: int | None = None,
    labels: Sequence[Sequence[Any] | None] = (),
    error: type[PathchoiceError] = ArgumentError,
) -> np.ndarray:
    """``values`` as a float64 array of finite numbers; booleans, text and NaN are refused.

    ``labels`` names the positions along each axis (e.g. alternatives and
    criteria) so that the message points at the first offending cell. pandas
    nullable values (``pd.NA``) count as missing.

    Examples
    --------
    >>> as_finite_array([[1, 2], [3, 4]], "matrix", ndim=2).dtype
    dtype('float64')
    >>> as_finite_array([1.0, float("nan")], "weights", labels=[["x", "y"]])
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ArgumentError: weights must hold finite numbers: ['y'] is nan
    """
    label = prefix(where, name)
    raw = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    if raw.dtype == np.bool_ or (raw.dtype == object and raw.size and _has_bool(raw)):
        raise error(f"{label} must hold numbers, not True/False")
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        array = None
    if array is None:
        flat = raw.reshape(-1) if raw.ndim else raw.reshape(1)
        for k, item in enumerate(flat):
            if not is_number(item):
                where_k = np.unravel_index(k, raw.shape) if raw.ndim else ()
                cell = _cell_label(tuple(int(i) for i in where_k), labels)
                shown = "missing" if _is_missing(item) else repr(item)
                raise error(f"{label} must hold numbers: {cell} is {shown}")
        raise error(f"{label} must be an array of numbers")
    if ndim is not None and array.ndim != ndim:
        raise error(f"{label} must be {ndim}-dimensional (got shape {array.shape})")
    bad = ~np.isfinite(array)
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        cell = _cell_label(first, labels)
        raise error(f"{label} must hold finite numbers: {cell} is {array[first]}")
    return array


def _has_bool(raw: np.ndarray) -> bool:
    return any(isinstance(v, bool | np.bool_) for v in raw.reshape(-1))


def _is_missing(item: object) -> bool:
    if item is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(item))
    except (TypeError, ValueError):
        return False


def as_number_array(
    values: object,
    name: str,
    *,
    where: str | None = None,
    labels: Sequence[Sequence[Any] | None] = (),
    error: type[PathchoiceError] = ArgumentError,
) -> np.ndarray:
    """``values`` as a float64 array of numbers; booleans, text and missing values refused.

    Like :func:`as_finite_array` but leaves NaN and infinities to the caller,
    which can then name them in its own words (a weight vector row, say).

    Examples
    --------
    >>> as_number_array([1, float("inf")], "weights")
    array([ 1., inf])
    >>> as_number_array([[1, "high"]], "performance", labels=[["A"], ["x", "y"]])
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ArgumentError: performance must hold numbers: ['A', 'y'] is 'high'
    """
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        return np.asarray(values, dtype=np.float64)
    try:
        return as_finite_array(values, name, where=where, labels=labels, error=error)
    except PathchoiceError as exc:
        if "must hold finite numbers" not in str(exc):
            raise
    return np.asarray(values, dtype=np.float64)


#: The default of :func:`values_by_name` that makes every name required.
REQUIRED: Any = object()


def values_by_name(
    values: Any,
    names: Sequence[str],
    what: str,
    *,
    where: str | None = None,
    error: type[PathchoiceError] = PathchoiceError,
    kind: str = "criteria",
    default: Any = REQUIRED,
) -> list[Any]:
    """The values of a mapping or Series keyed by name, in the order of ``names``.

    The one way labelled values (weights, ranks, bounds, expert weights) are
    matched to the names they belong to. The values are returned as given; the
    caller checks them as numbers in its own words.

    Parameters
    ----------
    values : mapping or pandas.Series
        Keyed by name (anything with ``items()``).
    names : sequence of str
        The names, in the order wanted (criterion order, say).
    what : str
        The argument, for messages (``"weights"``).
    where : str, optional
        The calling function, put in front of every message.
    error : type, default PathchoiceError
        The exception for a missing name, a repeated label or a NaN label.
    kind : str, default "criteria"
        What the names are, plural, for messages (``"experts"``).
    default : optional
        The value of a name without one; without it, every name needs a value.

    Raises
    ------
    UnknownNameError
        A label that is not one of ``names`` (with the closest name, if one is close).
    error
        A NaN label, a name without a value, a label given twice.

    Examples
    --------
    >>> values_by_name({"reach": 0.7, "cost": 0.3}, ["cost", "reach"], "weights")
    [0.3, 0.7]
    >>> values_by_name({"costs": 1.0}, ["cost", "reach"], "weights", where="topsis")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.UnknownNameError: topsis: weights names unknown criteria ['costs'];
    criteria are ['cost', 'reach']; did you mean 'cost'?
    """
    label = prefix(where, what)
    pairs = list(values.items())
    keys = [k for k, _ in pairs]
    if any(isinstance(k, float) and k != k for k in keys):
        raise error(f"{label} has a missing (NaN) label; label every value by name")
    unknown = [str(k) for k in keys if k not in names]
    if unknown:
        close = difflib.get_close_matches(unknown[0], [str(n) for n in names], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UnknownNameError(
            f"{label} names unknown {kind} {unknown}; {kind} are {list(names)}{hint}"
        )
    missing = [n for n in names if n not in keys]
    if missing and default is REQUIRED:
        raise error(f"{label} is missing {kind} {missing}")
    if len(set(keys)) != len(keys):
        repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
        raise error(f"{label} repeats {kind} {repeated}")
    by_key = dict(pairs)
    return [by_key.get(n, default) for n in names]
