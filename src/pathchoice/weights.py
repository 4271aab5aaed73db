"""Checking and aligning criteria weights.

Weights live outside the model. Every function that takes weights accepts a
pandas Series (or mapping) keyed by criterion name, or an array in criterion
order; :func:`check_weights` turns either into a float64 array and refuses
anything else with an error that names the offending criterion or row.

Two type aliases name what a signature takes: :data:`WeightVector` (one weight
vector) and :data:`WeightBatch` (K of them, one row each).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

from ._validate import as_number_array, prefix, values_by_name
from .exceptions import WeightsError

__all__ = [
    "SUM_TOLERANCE",
    "WeightBatch",
    "WeightVector",
    "WeightsLike",
    "align_weights",
    "check_weights",
]

#: Absolute tolerance on ``sum(weights) == 1``.
SUM_TOLERANCE = 1e-6

#: One weight vector: a Series or mapping keyed by criterion name, or a 1-D
#: sequence or array in criterion order.
WeightVector: TypeAlias = pd.Series | Mapping[str, float] | Sequence[float] | np.ndarray
#: K weight vectors: a DataFrame with one column per criterion, or a 2-D
#: sequence or array with one row per vector (columns in criterion order).
WeightBatch: TypeAlias = pd.DataFrame | Sequence[Sequence[float]] | np.ndarray
#: Either of the above (for functions documented to take both).
WeightsLike: TypeAlias = WeightVector | WeightBatch

# What to do instead when one vector was expected and a batch was given.
BATCH_HINT = (
    "rank several weight vectors with pathchoice.ranking.rank_batch "
    "(or pathchoice.evaluate for weight samples)"
)


def _from_labels(labels: Sequence[object], names: Sequence[str], where: str | None) -> list[int]:
    """The position of each of ``names`` among the weights' ``labels`` (checked by name)."""
    positions = pd.Series(np.arange(len(labels)), index=pd.Index(list(labels), dtype=object))
    return values_by_name(positions, names, "weights", where=where, error=WeightsError)


def check_weights(
    weights: WeightsLike,
    names: Sequence[str],
    *,
    allow_batch: bool = False,
    tol: float = SUM_TOLERANCE,
    where: str | None = None,
) -> np.ndarray:
    """Return weights as a float64 array in the order of ``names``, checked.

    Parameters
    ----------
    weights : Series, mapping, DataFrame or array_like
        One weight vector (Series or mapping keyed by criterion name, or a 1-D
        array in criterion order), or with ``allow_batch=True`` several: a
        DataFrame with one column per criterion, or a 2-D array with one row
        per weight vector.
    names : sequence of str
        The criterion names, in model order.
    allow_batch : bool, default False
        Accept a 2-D input (returned as shape ``(K, n)``).
    tol : float, default 1e-6
        Absolute tolerance on each vector summing to 1.
    where : str, optional
        The calling function's name, put in front of every message.

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)`` or, for a batch, ``(K, n)``.

    Raises
    ------
    UnknownNameError
        A label that is not a criterion.
    WeightsError
        Missing, repeated or NaN labels, wrong length, booleans, non-numeric,
        non-finite or negative values, a vector not summing to 1, or a batch
        where one vector was expected (the message points to
        :func:`pathchoice.ranking.rank_batch`).

    Examples
    --------
    >>> import pandas as pd
    >>> check_weights(pd.Series({"quality": 0.25, "price": 0.75}), ["price", "quality"])
    array([0.75, 0.25])
    >>> check_weights([0.5, 0.6], ["price", "quality"])
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.WeightsError: weights must sum to 1 (got 1.1 for 2 criteria)
    """
    values = align_weights(weights, names, allow_batch=allow_batch, where=where)
    batch = values.reshape(-1, len(names))
    label = prefix(where, "weights")
    _check_rows(batch, list(names), tol, label, batched=values.ndim == 2)
    return values


def align_weights(
    weights: WeightsLike,
    names: Sequence[str],
    *,
    allow_batch: bool = False,
    where: str | None = None,
) -> np.ndarray:
    """The first half of :func:`check_weights`: labels aligned, shape and types checked.

    Booleans, text and missing values are refused and labels put in the order
    of ``names``, but the values are not checked (finite, non-negative,
    summing to 1): for a caller that checks them in its own pass over the
    data, as the numba engine of TOPSIS does. Arguments as for
    :func:`check_weights`.

    Examples
    --------
    >>> align_weights({"b": 2.0, "a": -1.0}, ["a", "b"])
    array([-1.,  2.])
    """
    names = list(names)
    label = prefix(where, "weights")
    if isinstance(weights, pd.DataFrame):
        if not allow_batch:
            raise WeightsError(f"{label} must be one vector here, not a DataFrame; {BATCH_HINT}")
        order = _from_labels(weights.columns, names, where)
        values = as_number_array(
            weights.to_numpy(), label, labels=[None, list(weights.columns)], error=WeightsError
        )[:, order]
    elif isinstance(weights, (pd.Series, Mapping)):
        series = weights if isinstance(weights, pd.Series) else pd.Series(dict(weights))
        order = _from_labels(series.index, names, where)
        values = as_number_array(
            series.to_numpy(), label, labels=[list(series.index)], error=WeightsError
        )[order]
    else:
        values = as_number_array(weights, label, error=WeightsError)
    if values.ndim == 2 and not allow_batch:
        raise WeightsError(
            f"{label} must be one vector here, got shape {values.shape}; {BATCH_HINT}"
        )
    if values.ndim not in (1, 2):
        raise WeightsError(f"{label} must be 1-D (or 2-D for a batch), got shape {values.shape}")
    if values.shape[-1] != len(names):
        raise WeightsError(
            f"{label} must have one value per criterion ({len(names)}), got {values.shape[-1]}"
        )
    return values


def _check_rows(
    batch: np.ndarray, names: Sequence[str], tol: float, label: str, batched: bool
) -> None:
    where = "" if not batched else " in weight vector {row}"
    finite = np.isfinite(batch)
    if not finite.all():
        row, col = np.argwhere(~finite)[0]
        raise WeightsError(
            f"{label} must be finite: {names[col]!r} = {batch[row, col]}" + where.format(row=row)
        )
    negative = batch < 0
    if negative.any():
        row, col = np.argwhere(negative)[0]
        raise WeightsError(
            f"{label} must not be negative: {names[col]!r} = {batch[row, col]:g}"
            + where.format(row=row)
        )
    totals = batch @ np.ones(batch.shape[1])  # a matrix-vector product: faster than sum
    off = np.abs(totals - 1.0) > tol
    if off.any():
        row = int(np.argmax(off))
        raise WeightsError(
            f"{label} must sum to 1 (got {totals[row]:.6g} for {len(names)} criteria)"
            + where.format(row=row)
        )
