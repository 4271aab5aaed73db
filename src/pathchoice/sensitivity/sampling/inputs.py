"""What ``smaa`` and ``evaluate`` accept as weights and performance, checked once.

Weights are labelled :class:`~pathchoice.sensitivity.sampling.samples.WeightSamples`,
a sampler object (:class:`~pathchoice.sensitivity.sampling.samples.WeightSampler`),
a DataFrame with one column per criterion, or a bare 2-D ``numpy.ndarray`` in
the model's criterion order (its width checked). Nothing else is guessed at:
a single weight vector, a list or a plain function is refused with a message
saying what to pass instead.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..._validate import as_finite_array
from ...exceptions import ArgumentError, ModelError, WeightsError
from ...model import Model
from ...weights import check_weights
from .samples import (
    FixedWeights,
    PerformanceSampler,
    PerformanceSamples,
    WeightSampler,
    WeightSamples,
    check_weight_rows,
)
from .simplex import UniformSampler

__all__ = ["WeightInput", "performance_array", "performance_input", "weight_input"]

WeightKind = Literal["sampler", "samples", "fixed"]
PerformanceKind = Literal["fixed", "sampler", "samples"]


class WeightInput:
    """Checked weights: ``kind``, the sampler (or None) and the array (samples or one row)."""

    __slots__ = ("array", "description", "kind", "sampler")

    def __init__(
        self, kind: WeightKind, sampler: WeightSampler | None, array: np.ndarray, description: str
    ) -> None:
        self.kind = kind
        self.sampler = sampler
        self.array = array
        self.description = description


def _refusal(value: object, where: str) -> WeightsError:
    if callable(value):
        hint = "wrap a function in CustomSampler(model, function)"
    elif np.ndim(value) == 1 or isinstance(value, pd.Series | dict):  # type: ignore[arg-type]
        hint = (
            "one weight vector is not a sample (to rank with it use "
            "pathchoice.rank(model, weights)): for uncertainty around it pass "
            "DirichletSampler.around(model, weights, concentration=...); to hold it fixed "
            "while the performance varies pass FixedWeights(model, weights)"
        )
    else:
        hint = "convert a list with numpy.asarray (columns in the model's criterion order)"
    return WeightsError(
        f"{where}: weights must be WeightSamples, a sampler such as UniformSampler(model), "
        f"a DataFrame with one column per criterion or a 2-D numpy array in criterion order "
        f"(got {type(value).__name__}); {hint}"
    )


def weight_input(value: object, model: Model, where: str) -> WeightInput:
    """Standardise the weights argument of ``smaa``/``evaluate``."""
    names = model.criterion_names
    if value is None:
        sampler: WeightSampler = UniformSampler(model)
        return WeightInput("sampler", sampler, np.empty((0, len(names))), sampler.description)
    if isinstance(value, WeightSampler):
        if value.criteria != names:
            raise WeightsError(
                f"{where}: the sampler was made for criteria {list(value.criteria)}, the model "
                f"has {list(names)} (in this order); build the sampler from the model"
            )
        if isinstance(value, FixedWeights):
            return WeightInput("fixed", value, value.params["weights"][None, :], value.description)
        return WeightInput("sampler", value, np.empty((0, len(names))), value.description)
    if isinstance(value, WeightSamples):
        if value.criteria == names:
            array = value.values
        elif sorted(value.criteria) == sorted(names):
            array = np.ascontiguousarray(value.values[:, [value.criteria.index(c) for c in names]])
        else:
            raise WeightsError(
                f"{where}: the weight samples are for criteria {list(value.criteria)}, the "
                f"model has {list(names)}"
            )
        return WeightInput("samples", None, array, value.description)
    if isinstance(value, pd.DataFrame):
        try:
            array = check_weights(value, names, allow_batch=True)
        except WeightsError as err:
            raise type(err)(f"{where}: {err}") from err
        return WeightInput("samples", None, np.ascontiguousarray(array), "weight samples")
    if isinstance(value, np.ndarray) and value.ndim == 2:
        array = check_weight_rows(value, names, where)
        return WeightInput("samples", None, array, "weight samples")
    raise _refusal(value, where)


def performance_array(performance: object, model: Model, where: str) -> np.ndarray:
    """Checked performance samples ``(K, m, n)`` for the model (finite numbers, its shape)."""
    labels = [None, model.alternatives, model.criterion_names]
    p = as_finite_array(
        performance, "performance samples", where=where, labels=labels, error=ModelError
    )
    m, n = model.shape
    if p.ndim != 3 or p.shape[1:] != (m, n):
        raise ModelError(
            f"{where}: performance samples must have shape (n_samples, {m}, {n}) "
            f"(samples × alternatives × criteria), got {p.shape}"
        )
    return p


def performance_input(
    value: object, model: Model, where: str
) -> tuple[PerformanceKind, PerformanceSampler | None, np.ndarray]:
    """Standardise the performance argument: ``(kind, sampler, samples)``."""
    m, n = model.shape
    empty = np.empty((0, m, n))
    if value is None:
        return "fixed", None, empty
    if isinstance(value, PerformanceSampler):
        if value.alternatives != model.alternatives or value.criteria != model.criterion_names:
            raise ModelError(
                f"{where}: the performance sampler was made for another model (alternatives "
                f"{list(value.alternatives)}, criteria {list(value.criteria)})"
            )
        return "sampler", value, empty
    if isinstance(value, PerformanceSamples):
        if sorted(value.alternatives) != sorted(model.alternatives) or sorted(
            value.criteria
        ) != sorted(model.criterion_names):
            raise ModelError(
                f"{where}: the performance samples are labelled for alternatives "
                f"{list(value.alternatives)} and criteria {list(value.criteria)}, not the model's"
            )
        rows = [value.alternatives.index(a) for a in model.alternatives]
        cols = [value.criteria.index(c) for c in model.criterion_names]
        array = value.values
        if rows != list(range(m)) or cols != list(range(n)):
            array = np.ascontiguousarray(array[:, rows][:, :, cols])
        return "samples", None, array
    if isinstance(value, np.ndarray):
        return "samples", None, performance_array(value, model, where)
    raise ArgumentError(
        f"{where}: performance must be PerformanceSamples, a performance sampler such as "
        f"CellSampler(model, ...), or a 3-D numpy array (samples × alternatives × criteria) "
        f"(got {type(value).__name__})"
    )
