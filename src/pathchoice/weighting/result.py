"""The result of a weighting method: criteria weights, how they were made, what to note.

:class:`WeightingResult` has the attribute shape of :class:`pathchoice.ahp.WeightsResult`
(``weights``, ``method``, ``message``, ``findings``), so ``result.weights`` goes wherever
weights go (:func:`pathchoice.topsis`, :func:`pathchoice.smaa`, ...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_finite_array, values_by_name
from ..exceptions import ArgumentError, ModelError, WeightsError
from ..model import Model

__all__ = ["WeightingResult"]


@dataclass(frozen=True, eq=False)
class WeightingResult(FrozenResult, FrameDisplay):
    """Criteria weights from an objective or a rank-based weighting method.

    Attributes
    ----------
    weights : pandas.Series
        Non-negative weights summing to 1, indexed by criterion in criterion order,
        named ``"weight"``.
    method : str
        The method's name in its registry (``"entropy"``, ``"roc"``, ...).
    message : str
        One plain sentence saying how the weights were made.
    options : mapping
        What the method was given besides the table (e.g. the ranks of the criteria).
    findings : tuple of str
        Soft findings, e.g. criteria that got no weight at all.

    Examples
    --------
    >>> from pathchoice.weighting import rank_weights
    >>> result = rank_weights(["cost", "reach", "risk"], [1, 2, 3], method="roc")
    >>> result.weights.round(4).tolist()
    [0.6111, 0.2778, 0.1111]
    """

    weights: pd.Series
    method: str
    message: str
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    @property
    def criteria(self) -> tuple[str, ...]:
        """The criteria, in criterion order."""
        return tuple(self._raw("weights").index)

    def to_frame(self) -> pd.DataFrame:
        """One column ``weight``, indexed by criterion, in criterion order."""
        return self._raw("weights").to_frame(name="weight")

    def _display_title(self) -> str:
        return f"Criteria weights ({self.method})"

    def _display_notes(self) -> tuple[str, ...]:
        return (self.message, *self.findings)


def criterion_names(criteria: Model | Sequence[str], where: str) -> tuple[str, ...]:
    """The criterion names of a model, or a sequence of unique non-empty names, checked."""
    if isinstance(criteria, Model):
        return criteria.criterion_names
    if isinstance(criteria, str) or not isinstance(criteria, Sequence | pd.Index | np.ndarray):
        raise ArgumentError(
            f"{where}: criteria must be a Model or a sequence of criterion names "
            f"(got {type(criteria).__name__})"
        )
    names = tuple(criteria)
    bad = [n for n in names if not isinstance(n, str) or not n.strip()]
    if bad:
        raise ModelError(f"{where}: criterion names must be non-empty strings (got {bad[0]!r})")
    if len(set(names)) != len(names):
        repeated = sorted({n for n in names if names.count(n) > 1})
        raise ModelError(f"{where}: criterion names must be unique; repeated: {repeated}")
    if not names:
        raise ModelError(f"{where}: at least one criterion is needed")
    return names


def weights_series(values: np.ndarray, names: Sequence[str]) -> pd.Series:
    """``values`` as the ``weight`` Series indexed by criterion."""
    return pd.Series(
        np.asarray(values, dtype=np.float64),
        index=pd.Index(list(names), name="criterion"),
        name="weight",
    )


def zero_weight_findings(values: np.ndarray, names: Sequence[str]) -> tuple[str, ...]:
    """A finding naming the criteria that got no weight, if any."""
    zero = [n for n, v in zip(names, values, strict=True) if v <= 1e-12]
    if not zero:
        return ()
    label = "criterion gets" if len(zero) == 1 else "criteria get"
    return (f"{len(zero)} {label} no weight at all: {', '.join(zero)}",)


def values_by_criterion(
    values: Mapping[str, Any] | pd.Series | npt.ArrayLike,
    names: tuple[str, ...],
    what: str,
    where: str,
) -> np.ndarray:
    """Values in criterion order from a mapping/Series by name or a sequence in order."""
    if isinstance(values, Mapping | pd.Series):
        raw: Any = values_by_name(values, names, what, where=where, error=WeightsError)
    else:
        raw = values
    array = as_finite_array(raw, what, where=where, ndim=1, labels=[names], error=WeightsError)
    if array.shape != (len(names),):
        raise WeightsError(
            f"{where}: {what} must have one value per criterion ({len(names)}), got {array.size}"
        )
    return array
