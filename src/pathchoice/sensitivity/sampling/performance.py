"""Performance uncertainty: sampled tables around a model's values.

:class:`PerformanceSampler` draws every cell (alternative, criterion)
independently, uniform within intervals, normal around the model's value, or
triangular with its mode at the model's value. :func:`performance_samples`
returns labelled :class:`~pathchoice.sensitivity.sampling.samples.PerformanceSamples`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..._validate import as_finite_array
from ...exceptions import ArgumentError, ModelError
from ...model import Model
from .samples import PerformanceSampler, PerformanceSamples, performance_model

__all__ = ["DISTRIBUTIONS", "CellSampler", "performance_samples"]

#: Performance distributions :class:`CellSampler` knows.
DISTRIBUTIONS: tuple[str, ...] = ("uniform", "normal", "triangular")

_WHERE = "performance_samples"


def _cell_name(model: Model, i: int, j: int) -> str:
    return f"[{model.alternatives[i]!r}, {model.criterion_names[j]!r}]"


def _cells(value: Any, model: Model, what: str) -> np.ndarray:
    """A per-cell table as an (m, n) float64 array aligned with the model (by labels if a frame)."""
    m, n = model.shape
    if isinstance(value, pd.DataFrame):
        rows = [str(r) for r in value.index]
        cols = [str(c) for c in value.columns]
        unknown = [r for r in rows if r not in model.alternatives] + [
            c for c in cols if c not in model.criterion_names
        ]
        missing = [r for r in model.alternatives if r not in rows] + [
            c for c in model.criterion_names if c not in cols
        ]
        if unknown or missing:
            raise ModelError(
                f"{_WHERE}: {what} must be labelled like the model; unknown labels {unknown}, "
                f"missing {missing}"
            )
        frame = value.copy()
        frame.index, frame.columns = rows, cols
        value = frame.loc[list(model.alternatives), list(model.criterion_names)].to_numpy()
    labels = [model.alternatives, model.criterion_names]
    array = as_finite_array(value, what, where=_WHERE, labels=labels, error=ModelError)
    if array.ndim == 0:
        array = np.full((m, n), float(array))
    if array.shape != (m, n):
        raise ModelError(
            f"{_WHERE}: {what} must have the model's shape ({m}, {n}) "
            f"(alternatives × criteria), got {array.shape}"
        )
    return array


def _check_order(model: Model, low: np.ndarray, high: np.ndarray, lo: str, hi: str) -> None:
    crossed = low > high
    if crossed.any():
        i, j = np.argwhere(crossed)[0]
        raise ModelError(
            f"{_WHERE}: {lo} above {hi} for {_cell_name(model, i, j)} "
            f"({low[i, j]:g} > {high[i, j]:g})"
        )


def _pair(value: Any, what: str) -> tuple[Any, Any]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ArgumentError(f"{_WHERE}: {what} must be a pair (lower, upper) (got {value!r})")
    return value[0], value[1]


class CellSampler(PerformanceSampler):
    """Performance tables with every cell drawn independently around the model.

    Parameters
    ----------
    model : Model
        The decision model; its values are the centres (normal) or modes
        (triangular).
    intervals : (lower, upper), optional
        Uniform on ``[lower, upper]`` per cell; each bound an array of the
        model's shape, a DataFrame labelled like the model, or a scalar.
    distributions : tuple, optional
        ``("normal", sd)``: the model's value plus normal noise with standard
        deviation ``sd`` (per cell or scalar, >= 0; values may leave the
        natural range of a criterion). ``("triangular", lower, upper)``:
        triangular with mode at the model's value (``lower <= value <=
        upper``), drawn by inverting its distribution function.
        ``("uniform", lower, upper)`` is the same as ``intervals``.

    Raises
    ------
    ModelError
        Bounds or deviations of the wrong shape or labels, non-finite, crossed
        bounds, negative deviations, a mode outside its triangle (each names
        the cell).
    ArgumentError
        Neither or both of ``intervals`` and ``distributions``, an unknown
        distribution or the wrong number of parameters.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B"], ["x", "y"], [[1.0, 2.0], [3.0, 4.0]])
    >>> CellSampler(model, distributions=("normal", 0.1)).sample(n_samples=5, rng=0).values.shape
    (5, 2, 2)
    """

    def __init__(
        self,
        model: Model,
        *,
        intervals: tuple[Any, Any] | None = None,
        distributions: tuple[Any, ...] | None = None,
    ) -> None:
        model = performance_model(model, _WHERE)
        if (intervals is None) == (distributions is None):
            raise ArgumentError(
                f"{_WHERE}: give exactly one of intervals=(lower, upper) and "
                "distributions=(kind, ...)"
            )
        if intervals is not None:
            spec: tuple[Any, ...] = ("uniform", *_pair(intervals, "intervals"))
        else:
            if not isinstance(distributions, tuple) or not distributions:
                raise ArgumentError(
                    f"{_WHERE}: distributions must be a tuple such as ('normal', sd) or "
                    f"('triangular', lower, upper) (got {distributions!r})"
                )
            spec = distributions
        kind = spec[0]
        if kind not in DISTRIBUTIONS:
            raise ArgumentError(
                f"{_WHERE}: unknown distribution {kind!r}; known: {list(DISTRIBUTIONS)}"
            )
        expected = {"uniform": 3, "normal": 2, "triangular": 3}[kind]
        if len(spec) != expected:
            form = {"uniform": "(lower, upper)", "normal": "(sd,)", "triangular": "(lower, upper)"}
            raise ArgumentError(
                f"{_WHERE}: distribution {kind!r} takes parameters {form[kind]} "
                f"(got {len(spec) - 1})"
            )
        value = model.matrix
        if kind == "normal":
            sd = _cells(spec[1], model, "sd")
            negative = sd < 0
            if negative.any():
                i, j = np.argwhere(negative)[0]
                raise ModelError(
                    f"{_WHERE}: sd must not be negative: {_cell_name(model, i, j)} = {sd[i, j]:g}"
                )
            params: dict[str, Any] = {"mean": value, "sd": sd}
            text = "performance with normal noise around the model's values"
        else:
            low = _cells(spec[1], model, "lower")
            high = _cells(spec[2], model, "upper")
            _check_order(model, low, high, "lower", "upper")
            params = {"lower": low, "upper": high}
            text = "performance drawn uniformly within ranges"
            if kind == "triangular":
                _check_order(model, low, value, "lower", "the model's value (the mode)")
                _check_order(model, value, high, "the model's value (the mode)", "upper")
                params["mode"] = value
                text = "performance from triangular ranges peaking at the model's values"
        self.kind = kind
        super().__init__(model, params, text)
        spread = params["sd"] > 0 if kind == "normal" else params["upper"] > params["lower"]
        self.varies = bool(spread.any())

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        m, n = self.model.shape
        p = self.params
        if self.kind == "normal":
            return p["mean"] + p["sd"] * rng.standard_normal((size, m, n))
        low, high = p["lower"], p["upper"]
        if self.kind == "uniform":
            return low + (high - low) * rng.random((size, m, n))
        mode = p["mode"]
        width = high - low
        u = rng.random((size, m, n))
        with np.errstate(divide="ignore", invalid="ignore"):
            split = np.where(width > 0, (mode - low) / width, 0.0)
            left = low + np.sqrt(u * width * (mode - low))
            right = high - np.sqrt((1.0 - u) * width * (high - mode))
        return np.where(width > 0, np.where(u < split, left, right), mode)


def performance_samples(
    model: Model,
    *,
    intervals: tuple[Any, Any] | None = None,
    distributions: tuple[Any, ...] | None = None,
    n_samples: int,
    rng: Any = None,
) -> PerformanceSamples:
    """Sampled performance tables around a model (:class:`CellSampler`).

    Parameters
    ----------
    model : Model
        The decision model.
    intervals, distributions
        As for :class:`CellSampler`: exactly one.
    n_samples : int
        Number of tables.
    rng : None, int >= 0, SeedSequence or Generator
        The randomness.

    Returns
    -------
    PerformanceSamples
        ``values`` of shape (n_samples, n_alternatives, n_criteria).

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B"], ["x", "y"], [[1.0, 2.0], [3.0, 4.0]])
    >>> low, high = model.matrix - 0.5, model.matrix + 0.5
    >>> p = performance_samples(model, intervals=(low, high), n_samples=100, rng=0)
    >>> bool(((p.values >= low) & (p.values <= high)).all())
    True
    """
    sampler = CellSampler(model, intervals=intervals, distributions=distributions)
    return sampler.sample(n_samples=n_samples, rng=rng)
