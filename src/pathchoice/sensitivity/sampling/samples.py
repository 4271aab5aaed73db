"""Labelled samples and the sampler objects that make them.

A *sampler* is a named specification of uncertainty about the weights (or the
performance table) of one model: it knows the model's criteria, says what it
is (``kind``, ``params``, ``description``) and draws samples with
``draw(n_samples, rng)``. Its ``sample(n_samples=..., rng=...)`` returns
*labelled samples*: a frozen :class:`WeightSamples` (or
:class:`PerformanceSamples`) whose columns are the model's criteria, so a
weight can never be paired with the wrong criterion. :func:`~pathchoice.sensitivity.smaa.smaa`
takes either: samples, or a sampler that it calls block by block inside its
workers.

This module holds the two sample types, the sampler base classes, the two
samplers that need no distribution of their own (:class:`FixedWeights`,
:class:`CustomSampler`) and the checks shared by the samplers and by
``smaa``/``evaluate``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..._display import FrameDisplay
from ..._frozen import FrozenMapping, FrozenResult
from ..._validate import as_count, as_finite_array, as_rng, values_by_name
from ...exceptions import ArgumentError, ModelError, WeightsError
from ...model import Model
from ...weights import SUM_TOLERANCE, check_weights

__all__ = [
    "CustomSampler",
    "FixedWeights",
    "PerformanceSampler",
    "PerformanceSamples",
    "WeightSampler",
    "WeightSamples",
    "check_row_block",
    "check_weight_rows",
    "criteria_of",
    "performance_model",
    "weight_rows",
    "weight_vector",
]

# Rows of weight samples validated at a time (a block stays in cache for its two passes).
_CHECK_ROWS = 1 << 13


# -- shared checks -----------------------------------------------------------------------


def criteria_of(model: object, where: str) -> tuple[str, ...]:
    """The criterion names of ``model``: a Model, or a sequence of distinct names."""
    if isinstance(model, Model):
        return model.criterion_names
    if isinstance(model, str) or not isinstance(model, Sequence | pd.Index):
        raise ArgumentError(
            f"{where}: model must be a Model or a sequence of criterion names "
            f"(got {type(model).__name__})"
        )
    names = tuple(str(c) for c in model)
    if not names:
        raise ArgumentError(f"{where}: model must name at least one criterion (got none)")
    if len(set(names)) != len(names):
        repeated = sorted({c for c in names if names.count(c) > 1})
        raise WeightsError(f"{where}: the criteria repeat names {repeated}")
    return names


def weight_vector(
    values: object, criteria: tuple[str, ...], what: str, where: str, *, simplex: bool = False
) -> np.ndarray:
    """A per-criterion vector in criterion order: by name (Series, mapping) or in order.

    With ``simplex=True`` it must be a weight vector (non-negative, summing to 1).
    """
    if simplex:
        raw = (
            list(values.values())
            if isinstance(values, Mapping)
            else values.to_numpy()
            if isinstance(values, pd.Series)
            else values
        )
        as_finite_array(raw, what, where=where, error=WeightsError)  # no booleans, no NA
        try:
            return np.asarray(check_weights(values, criteria), dtype=np.float64)  # type: ignore[arg-type]
        except WeightsError as err:
            raise type(err)(f"{where}: {what}: {err}") from err
    if isinstance(values, pd.Series | Mapping):
        series = values if isinstance(values, pd.Series) else pd.Series(dict(values), dtype=object)
        series = series.set_axis([str(k) for k in series.index])  # criterion names are text
        values = values_by_name(series, criteria, what, where=where, error=WeightsError)
    array = as_finite_array(values, what, where=where, labels=[criteria], error=WeightsError)
    if array.ndim == 0:
        array = np.full(len(criteria), float(array))
    if array.shape != (len(criteria),):
        raise WeightsError(
            f"{where}: {what} must have one value per criterion {list(criteria)} "
            f"(got shape {array.shape})"
        )
    return array


def weight_rows(values: object, criteria: tuple[str, ...], where: str) -> np.ndarray:
    """Weight samples as a float64 ``(K, n)`` array in criterion order (not copied): numbers
    of that shape. Their rows are checked by :func:`check_row_block`."""
    if isinstance(values, np.ndarray) and values.dtype == np.bool_:
        raise WeightsError(f"{where}: weight samples must be numbers, not True/False")
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise WeightsError(
            f"{where}: weight samples must be numbers (got {type(values).__name__})"
        ) from None
    n = len(criteria)
    if array.ndim != 2 or array.shape[1] != n:
        raise WeightsError(
            f"{where}: weight samples must have shape (n_samples, {n}), one column per "
            f"criterion {list(criteria)} in that order (got shape {array.shape})"
        )
    return array


def check_row_block(block: np.ndarray, start: int, criteria: tuple[str, ...], where: str) -> None:
    """Check weight rows ``block`` (samples ``start ..``): finite, non-negative, each row
    summing to 1 within :data:`pathchoice.weights.SUM_TOLERANCE`; errors name the first
    bad sample. The SMAA workers call it on each block of given samples."""
    # Row sums and one minimum: NaN and infinities make a row sum miss 1 (or the minimum
    # fail), so only a bad block is searched for the culprit. einsum, not a BLAS product:
    # OpenBLAS may split a product this size across its own threads (gemv past 9,216
    # elements), beside the SMAA worker threads that call this.
    sums = np.einsum("ij->i", block)
    if not block.size or (block.min() >= 0 and (np.abs(sums - 1.0) <= SUM_TOLERANCE).all()):
        return
    for bad, problem in ((~np.isfinite(block), "be finite"), (block < 0, "not be negative")):
        if bad.any():
            row, col = np.argwhere(bad)[0]
            raise WeightsError(
                f"{where}: weights must {problem}: {criteria[col]!r} = "
                f"{block[row, col]:g} in weight sample {start + row}"
            )
    row = int(np.argmax(np.abs(sums - 1.0) > SUM_TOLERANCE))
    raise WeightsError(
        f"{where}: weights must sum to 1 (got {block[row].sum():.6g} for {len(criteria)} "
        f"criteria) in weight sample {start + row}"
    )


def check_weight_rows(values: object, criteria: tuple[str, ...], where: str) -> np.ndarray:
    """Weight samples ``(K, n)`` in criterion order, checked block by block (not copied):
    :func:`weight_rows`, then :func:`check_row_block` on every block."""
    array = weight_rows(values, criteria, where)
    for start in range(0, len(array), _CHECK_ROWS):
        check_row_block(array[start : start + _CHECK_ROWS], start, criteria, where)
    return array


# -- labelled samples --------------------------------------------------------------------


class _Counted:
    """``n_samples`` and ``len()`` from the first axis of ``values``."""

    __slots__ = ()

    @property
    def n_samples(self) -> int:
        """Number of samples (the first axis of ``values``)."""
        return int(self._raw("values").shape[0])  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return self.n_samples


@dataclass(frozen=True, eq=False)
class WeightSamples(_Counted, FrozenResult, FrameDisplay):
    """Weight samples with their criteria: one row per sample, one column per criterion.

    Attributes
    ----------
    values : numpy.ndarray, shape (n_samples, n_criteria)
        Read-only, float64, rows on the simplex (checked when made, a
        ``WeightsError`` otherwise), columns in ``criteria`` order (the model's
        criterion order).
    criteria : tuple of str
        The criterion of each column.
    kind : str
        The sampler's kind (``"uniform"``, ``"dirichlet"``, ``"ordinal"``,
        ``"interval"``, ``"ahp"``, ``"constrained"``, ``"fixed"``, ``"custom"``).
    description : str
        The sampler in plain words, for reports.
    params : mapping
        The sampler's parameters.

    Examples
    --------
    >>> from pathchoice.sensitivity.sampling import uniform_weights
    >>> s = uniform_weights(["cost", "risk"], n_samples=3, rng=0)
    >>> s.criteria, s.values.shape, s.values.flags.writeable
    (('cost', 'risk'), (3, 2), False)
    >>> list(s.to_frame().columns)
    ['cost', 'risk']
    """

    values: np.ndarray
    criteria: tuple[str, ...]
    kind: str = "custom"
    description: str = "weight samples"
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Checked once, here (one fused pass per block): smaa and evaluate trust them.
        criteria = tuple(self.criteria)
        object.__setattr__(self, "criteria", criteria)
        values = check_weight_rows(self.values, criteria, "WeightSamples")
        object.__setattr__(self, "values", values)
        super().__post_init__()

    def to_frame(self) -> pd.DataFrame:
        """The samples as a DataFrame: index ``sample`` 0..N-1, one column per criterion."""
        return pd.DataFrame(
            np.array(self._raw("values")),
            index=pd.RangeIndex(self.n_samples, name="sample"),
            columns=pd.Index(self.criteria, name="criterion"),
        )

    def __str__(self) -> str:
        return f"{self.n_samples:,} weight samples: {self.description}"

    def _display_frame(self) -> pd.DataFrame:
        return self.to_frame().describe().T[["mean", "std", "min", "max"]]


@dataclass(frozen=True, eq=False)
class PerformanceSamples(_Counted, FrozenResult, FrameDisplay):
    """Sampled performance tables of one model: samples × alternatives × criteria.

    Attributes
    ----------
    values : numpy.ndarray, shape (n_samples, n_alternatives, n_criteria)
        Read-only, float64, axes in the model's alternative and criterion order.
    alternatives, criteria : tuple of str
        The labels of axes 1 and 2.
    kind, description : str
        The distribution and its plain-words description.
    params : mapping
        The distribution's parameters (per-cell arrays).
    """

    values: np.ndarray
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    kind: str = "custom"
    description: str = "performance samples"
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Long form: index (sample, alternative), one column per criterion."""
        v = self._raw("values")
        index = pd.MultiIndex.from_product(
            [range(v.shape[0]), self.alternatives], names=["sample", "alternative"]
        )
        return pd.DataFrame(
            v.reshape(-1, v.shape[2]),
            index=index,
            columns=pd.Index(self.criteria, name="criterion"),
        )

    def __str__(self) -> str:
        return f"{self.n_samples:,} performance tables: {self.description}"

    def _display_frame(self) -> pd.DataFrame:
        v = self._raw("values")
        return pd.DataFrame(
            v.mean(axis=0),
            index=pd.Index(self.alternatives, name="alternative"),
            columns=pd.Index(self.criteria, name="criterion"),
        )


# -- sampler base classes ----------------------------------------------------------------


class WeightSampler:
    """A named specification of weight uncertainty for one model's criteria.

    Subclasses set ``kind``, ``criteria``, ``params`` and ``description`` at
    construction (after checking their arguments) and implement :meth:`draw`.

    Attributes
    ----------
    kind : str
        What the sampler is; the SMAA engines run the built-in kinds natively.
    criteria : tuple of str
        The model's criteria: the columns of every draw, in this order.
    params : mapping
        The parameters (numpy arrays in criterion order, floats).
    description : str
        The sampler in plain words.
    varies : bool
        False when every draw is the same weight vector (no uncertainty).
    """

    kind: str = "custom"
    varies: bool = True

    def __init__(
        self, criteria: tuple[str, ...], params: Mapping[str, Any], description: str
    ) -> None:
        self.criteria = criteria
        self.params: Mapping[str, Any] = FrozenMapping(params)
        self.description = description

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """``(size, n_criteria)`` float64 C-contiguous weights, rows on the simplex.

        The arguments are trusted (a whole number >= 0 and a Generator): this is
        what the SMAA workers call for each block.
        """
        raise NotImplementedError

    def sample(self, *, n_samples: int, rng: object = None) -> WeightSamples:
        """Draw ``n_samples`` weight vectors as labelled :class:`WeightSamples`.

        Parameters
        ----------
        n_samples : int
            Number of samples (a whole number >= 0; ``1e5`` is accepted).
        rng : None, int >= 0, SeedSequence or Generator
            The randomness.
        """
        where = f"{type(self).__name__}.sample"
        k = as_count(n_samples, "n_samples", where=where, minimum=0)
        generator = as_rng(rng, where=where)
        return WeightSamples(
            values=self.draw(k, generator),
            criteria=self.criteria,
            kind=self.kind,
            description=self.description,
            params=self.params,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.description}; criteria {list(self.criteria)})"


class PerformanceSampler:
    """A named specification of performance uncertainty for one model.

    Attributes
    ----------
    kind : str
        The distribution (``"uniform"``, ``"normal"``, ``"triangular"``, ``"custom"``).
    params : mapping
        Per-cell arrays of shape (n_alternatives, n_criteria).
    alternatives, criteria : tuple of str
        The model's labels.
    description : str
        The distribution in plain words.
    """

    kind: str = "custom"
    varies: bool = True

    def __init__(self, model: Model, params: Mapping[str, Any], description: str) -> None:
        self.model = model
        self.alternatives = model.alternatives
        self.criteria = model.criterion_names
        self.params: Mapping[str, Any] = FrozenMapping(params)
        self.description = description

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """``(size, m, n)`` float64 performance tables (trusted arguments)."""
        raise NotImplementedError

    def sample(self, *, n_samples: int, rng: object = None) -> PerformanceSamples:
        """Draw ``n_samples`` tables as labelled :class:`PerformanceSamples`."""
        where = f"{type(self).__name__}.sample"
        k = as_count(n_samples, "n_samples", where=where, minimum=0)
        return PerformanceSamples(
            values=self.draw(k, as_rng(rng, where=where)),
            alternatives=self.alternatives,
            criteria=self.criteria,
            kind=self.kind,
            description=self.description,
            params=self.params,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.description})"


# -- samplers without a distribution of their own ----------------------------------------


class FixedWeights(WeightSampler):
    """One weight vector, held fixed: for SMAA where only the performance varies.

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    weights : Series, mapping or array_like
        The weights, by criterion name or in criterion order.

    Examples
    --------
    >>> FixedWeights(["cost", "risk"], {"risk": 0.25, "cost": 0.75}).draw(2, None).tolist()
    [[0.75, 0.25], [0.75, 0.25]]
    """

    kind = "fixed"
    varies = False

    def __init__(self, model: Model | Sequence[str], weights: object) -> None:
        criteria = criteria_of(model, "FixedWeights")
        w = weight_vector(weights, criteria, "weights", "FixedWeights", simplex=True)
        super().__init__(criteria, {"weights": w}, "the given weights, held fixed")

    def draw(self, size: int, rng: np.random.Generator | None) -> np.ndarray:
        return np.ascontiguousarray(np.tile(self.params["weights"], (size, 1)))


class CustomSampler(WeightSampler):
    """Your own weight sampler: a function ``function(n_samples=k, rng=generator)``.

    The function returns ``(k, n_criteria)`` weights in criterion order, a
    DataFrame with criterion columns, or :class:`WeightSamples`; every draw is
    checked (shape, finite, non-negative, rows summing to 1) before use. SMAA
    calls it once per block of samples, from one thread at a time.

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    function : callable
        ``function(n_samples=k, rng=generator)``.
    description : str, optional
        The sampler in plain words (default: the function's name).

    Examples
    --------
    >>> import numpy as np
    >>> def halves(n_samples, rng):
    ...     return np.full((n_samples, 2), 0.5)
    >>> CustomSampler(["a", "b"], halves).sample(n_samples=2).values.tolist()
    [[0.5, 0.5], [0.5, 0.5]]
    """

    kind = "custom"

    def __init__(
        self,
        model: Model | Sequence[str],
        function: Callable[..., Any],
        *,
        description: str | None = None,
    ) -> None:
        criteria = criteria_of(model, "CustomSampler")
        if not callable(function):
            raise ArgumentError(
                f"CustomSampler: function must be callable function(n_samples=k, rng=generator) "
                f"(got {type(function).__name__})"
            )
        label = getattr(function, "__name__", type(function).__name__)
        super().__init__(criteria, {}, description or f"weights from {label}")
        self.function = function

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        where = f"the weight sampler {self.description!r}"
        raw = self.function(n_samples=size, rng=rng)
        if isinstance(raw, WeightSamples):
            raw = raw.to_frame() if raw.criteria != self.criteria else raw.values
        if isinstance(raw, pd.DataFrame):
            raw = check_weights(raw, self.criteria, allow_batch=True)
        w = check_weight_rows(raw, self.criteria, where)
        if len(w) != size:
            raise WeightsError(
                f"{where} returned {len(w)} samples for n_samples={size}; expected "
                f"({size}, {len(self.criteria)})"
            )
        return np.ascontiguousarray(w, dtype=np.float64)


def performance_model(model: object, where: str) -> Model:
    """``model`` if it is a :class:`~pathchoice.Model`, else a ModelError naming ``where``."""
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    return model
