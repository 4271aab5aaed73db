"""Weight samplers on the simplex: uniform, Dirichlet, ordinal and interval information.

Each sampler takes the model (or its criterion names) first, checks its
parameters once at construction, and draws ``(n_samples, n_criteria)`` rows
in the model's criterion order. The functions ``uniform_weights(model,
n_samples=..., rng=...)`` etc. are ``Sampler(model, ...).sample(...)``: they
return labelled :class:`~pathchoice.sensitivity.sampling.samples.WeightSamples`.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..._core.kernels import gamma, stream
from ..._core.kernels.numpy_kernels import numba_available
from ..._frozen import FrozenMapping
from ..._validate import as_real, values_by_name
from ...exceptions import ArgumentError, UnknownNameError, WeightsError
from ...model import Model
from .samples import WeightSampler, WeightSamples, criteria_of, weight_vector

__all__ = [
    "DEFAULT_CONCENTRATION",
    "DirichletSampler",
    "IntervalSampler",
    "OrdinalSampler",
    "UniformSampler",
    "dirichlet_weights",
    "interval_weights",
    "ordinal_weights",
    "uniform_draw",
    "uniform_weights",
]

#: Concentration of :meth:`DirichletSampler.around` unless told otherwise: the sum of
#: the Dirichlet parameters; a weight of 0.3 then varies with a standard deviation of
#: about 0.046 (``sqrt(0.3 * 0.7 / 101)``).
DEFAULT_CONCENTRATION = 100.0

# interval sampling gives up when fewer than this share of candidates is accepted ...
_MIN_ACCEPTANCE = 1e-4
# ... after at least this many candidates.
_MIN_CANDIDATES = 100_000
# Candidates drawn at once by the interval sampler (bounds its temporary memory).
_MAX_BATCH = 1 << 18
#: Dirichlet draws at least this large run in the numba kernel when numba is installed
#: (smaller ones are not worth loading it); both give the same rows, bit for bit.
NUMBA_MIN_SIZE = 2048


def uniform_draw(size: int, n_criteria: int, rng: np.random.Generator) -> np.ndarray:
    """``(size, n_criteria)`` rows uniform on the simplex, C order.

    Row ``r`` is the spacings of ``n_criteria - 1`` sorted uniforms of a counter-based
    stream keyed by one draw of ``rng``
    (:func:`~pathchoice._core.kernels.stream.simplex_points`): the numbers the SMAA
    kernels draw themselves, bit for bit, and rows that sum to exactly 1.
    """
    return stream.simplex_points(stream.stream_key(rng), n_criteria, 0, size)


class UniformSampler(WeightSampler):
    """Weights uniform on the simplex: no preference information.

    Each row is the spacings ``u_(1), u_(2) - u_(1), ..., 1 - u_(n-1)`` of
    ``n - 1`` sorted independent uniforms, uniform on ``{w >= 0, sum(w) = 1}``,
    i.e. Dirichlet(1, ..., 1) (Devroye 1986, ch. V.2; Rubin 1981; the weight
    generation of Tervonen & Lahdelma 2007). The uniforms come from a
    counter-based stream (:mod:`pathchoice._core.kernels.stream`) keyed by the
    generator, so the SMAA kernels draw the same rows in vector registers.

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).

    References
    ----------
    .. [1] Devroye, L. (1986). *Non-Uniform Random Variate Generation*,
       ch. V.2 (uniform spacings). Springer.
    .. [2] Rubin, D. B. (1981). The Bayesian bootstrap. *The Annals of
       Statistics*, 9(1), 130–134.
    .. [3] Tervonen, T., & Lahdelma, R. (2007). Implementing stochastic
       multicriteria acceptability analysis. *European Journal of Operational
       Research*, 178(2), 500–513.

    Examples
    --------
    >>> s = UniformSampler(["a", "b", "c"]).sample(n_samples=4, rng=1)
    >>> s.values.shape, bool(np.allclose(s.values.sum(axis=1), 1.0))
    ((4, 3), True)
    """

    kind = "uniform"

    def __init__(self, model: Model | Sequence[str]) -> None:
        criteria = criteria_of(model, "UniformSampler")
        super().__init__(criteria, {}, "weights drawn uniformly from all possible weights")
        self.varies = len(criteria) > 1

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        return uniform_draw(size, len(self.criteria), rng)


class DirichletSampler(WeightSampler):
    """Weights from a Dirichlet distribution with parameters ``alpha``.

    ``w ~ Dirichlet(alpha)``: the mean is ``alpha / sum(alpha)`` and the
    variance of ``w_j`` is ``c_j (1 - c_j) / (sum(alpha) + 1)`` with ``c`` the
    mean (Kotz, Balakrishnan & Johnson 2000, ch. 49). A criterion with
    ``alpha_j = 0`` stays at weight 0. :meth:`around` centres the distribution
    on given weights with a stated concentration ``sum(alpha)``.

    Each row is independent gamma variates divided by their sum, drawn by
    Marsaglia & Tsang's (2000) method from a counter-based stream keyed by the
    generator (:mod:`pathchoice._core.kernels.gamma`), so the SMAA kernels draw
    the same rows in vector registers; parameters below 1 are handled in
    logarithms, so even tiny ones give rows on the simplex. With numba
    installed, draws of :data:`NUMBA_MIN_SIZE` rows or more run in that kernel
    (the same rows, bit for bit).

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    alpha : Series, mapping or array_like
        Non-negative, finite, at least one positive; by criterion name or in
        criterion order.

    References
    ----------
    .. [1] Kotz, S., Balakrishnan, N., & Johnson, N. L. (2000). *Continuous
       Multivariate Distributions, Vol. 1: Models and Applications* (2nd ed.),
       ch. 49. Wiley.
    .. [2] Marsaglia, G., & Tsang, W. W. (2000). A simple method for generating
       gamma variables. *ACM Transactions on Mathematical Software*, 26(3),
       363–372.

    Examples
    --------
    >>> s = DirichletSampler.around(["a", "b", "c"], [0.5, 0.3, 0.2], concentration=500)
    >>> s.sample(n_samples=20_000, rng=7).values.mean(axis=0).round(2).tolist()
    [0.5, 0.3, 0.2]
    """

    kind = "dirichlet"

    def __init__(
        self, model: Model | Sequence[str], alpha: object, *, description: str | None = None
    ) -> None:
        where = "DirichletSampler"
        criteria = criteria_of(model, where)
        a = weight_vector(alpha, criteria, "alpha", where)
        negative = a < 0
        if negative.any():
            j = int(np.argmax(negative))
            raise WeightsError(f"{where}: alpha must not be negative: {criteria[j]!r} = {a[j]:g}")
        if not (a > 0).any():
            raise WeightsError(f"{where}: alpha must have at least one positive value (all 0)")
        shown = [round(float(x), 4) for x in a]  # (np.round overflows near the largest float)
        text = description or f"Dirichlet weights with parameters {shown}"
        super().__init__(criteria, {"alpha": a}, text)
        self.varies = int((a > 0).sum()) > 1

    @classmethod
    def around(
        cls,
        model: Model | Sequence[str],
        weights: object,
        *,
        concentration: float = DEFAULT_CONCENTRATION,
    ) -> DirichletSampler:
        """Uncertainty around given weights: ``Dirichlet(concentration * weights)``.

        The mean is ``weights``; the standard deviation of a weight ``c`` is
        ``sqrt(c (1 - c) / (concentration + 1))``: with the default 100, about
        ±0.046 for a weight of 0.3; 1000 keeps it within about ±0.015. A
        weight of 0 stays 0.

        Parameters
        ----------
        model : Model or sequence of str
            The model (or its criterion names).
        weights : Series, mapping or array_like
            The centre: a weight vector (non-negative, summing to 1).
        concentration : float, default :data:`DEFAULT_CONCENTRATION` (100)
            Positive: the sum of the Dirichlet parameters.
        """
        where = "DirichletSampler.around"
        criteria = criteria_of(model, where)
        c = weight_vector(weights, criteria, "weights", where, simplex=True)
        k = as_real(concentration, "concentration", where=where, low=0.0, low_open=True)
        text = f"weights spread around the given weights (Dirichlet, concentration {k:g})"
        sampler = cls(criteria, k * c, description=text)
        sampler.params = FrozenMapping({"alpha": k * c, "center": c, "concentration": k})
        return sampler

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        a = np.array(self.params["alpha"], dtype=np.float64)
        key = stream.stream_key(rng)
        if size >= NUMBA_MIN_SIZE and numba_available():  # the same rows, compiled
            try:
                lanes = importlib.import_module("pathchoice._core.kernels.dirichlet_lanes")
            except ImportError:  # pragma: no cover - a broken numba install
                return gamma.dirichlet_points(key, a, 0, size)
            out = np.empty((size, a.size))
            lanes.dirichlet_rows(key, a, 0, out)
            return out
        return gamma.dirichlet_points(key, a, 0, size)


class OrdinalSampler(WeightSampler):
    """Weights uniform over the region where they follow a ranking of the criteria.

    ``order`` lists criterion names from most to least important; every sample
    satisfies ``w[order[0]] >= w[order[1]] >= ...`` and is uniform over that
    part of the simplex: uniform simplex samples with the ranked criteria's
    weights put in order (Lahdelma, Hokkanen & Salminen 1998; Tervonen &
    Lahdelma 2007). Instead of sorting the ``k`` ranked weights ``v``, their
    ascending order is made as the partial sums of ``v_i / (k - i)``, ``i = 0
    .. k-1``: Rényi's representation of ordered exponential spacings gives it
    the distribution of the sorted weights (Devroye 1986, ch. V.2), and it
    costs ``k`` additions. Criteria left out of ``order`` are unconstrained.
    With every criterion ranked the mean is the rank-order centroid ``w_(i) =
    (1/n) sum_{k=i..n} 1/k`` (Barron & Barrett 1996).

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    order : sequence of str
        Criterion names, most important first (at least one, no repeats).

    References
    ----------
    .. [1] Lahdelma, R., Hokkanen, J., & Salminen, P. (1998). SMAA — Stochastic
       multiobjective acceptability analysis. *European Journal of Operational
       Research*, 106(1), 137–143.
    .. [2] Barron, F. H., & Barrett, B. E. (1996). Decision quality using ranked
       attribute weights. *Management Science*, 42(11), 1515–1523.

    Examples
    --------
    >>> s = ordinal_weights(["risk", "cost", "time"], ["cost", "risk"], n_samples=1000, rng=3)
    >>> bool((s.values[:, 1] >= s.values[:, 0]).all())
    True
    """

    kind = "ordinal"

    def __init__(self, model: Model | Sequence[str], order: Sequence[str]) -> None:
        where = "OrdinalSampler"
        criteria = criteria_of(model, where)
        index = order_indices(order, criteria, where)
        text = "weights in the order of importance " + " ≥ ".join(criteria[i] for i in index)
        super().__init__(criteria, {"order": index}, text)
        self.varies = len(criteria) > 1

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        w = uniform_draw(size, len(self.criteria), rng)
        index = self.params["order"]
        if index.size > 1:  # ascending: partial sums of v_i / (k - i); the largest first
            ranked = w[:, index] / np.arange(index.size, 0, -1.0)
            np.cumsum(ranked, axis=1, out=ranked)
            w[:, index[::-1]] = ranked
        return w


def order_indices(order: object, criteria: tuple[str, ...], where: str) -> np.ndarray:
    """Column indices of an order of criterion names (most important first)."""
    if isinstance(order, str | bytes) or not isinstance(order, Sequence | np.ndarray | pd.Index):
        raise ArgumentError(
            f"{where}: order must be a sequence of criterion names, most important first "
            f"(got {order!r})"
        )
    items = list(order)
    if not items:
        raise ArgumentError(f"{where}: order must name at least one criterion (got [])")
    index: list[int] = []
    for item in items:
        if not isinstance(item, str):
            raise ArgumentError(f"{where}: order entries must be criterion names (got {item!r})")
        if item not in criteria:
            raise UnknownNameError(
                f"{where}: order names unknown criterion {item!r}; criteria are {list(criteria)}"
            )
        index.append(criteria.index(item))
    if len(set(index)) != len(index):
        repeated = sorted({c for c in items if items.count(c) > 1})
        raise WeightsError(f"{where}: order repeats criteria {repeated}")
    return np.asarray(index, dtype=np.intp)


class IntervalSampler(WeightSampler):
    """Weights uniform over the simplex within per-criterion bounds.

    The region is ``{w : lower <= w <= upper, sum(w) = 1}``. Samples are drawn
    uniformly from ``{w >= lower, sum(w) = 1}`` (an affine image of the simplex,
    ``lower + (1 - sum(lower)) u``) and those above an upper bound are rejected,
    in batches; the accepted samples are uniform over the region (Tervonen &
    Lahdelma 2007). For tight upper bounds use
    :class:`~pathchoice.sensitivity.sampling.constrained.ConstrainedSampler`
    (hit-and-run), which has no rejection.

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    bounds : mapping or (lower, upper)
        ``{criterion: (low, high)}`` (criteria left out are in [0, 1]), or a
        pair ``(lower, upper)`` of vectors (by name or in criterion order) or
        scalars.

    Raises
    ------
    WeightsError
        Bounds outside [0, 1] or crossed (the criterion is named), or an empty
        region (``sum(lower) > 1`` or ``sum(upper) < 1``). Drawing raises it
        when fewer than 1 in 10,000 candidates is accepted.

    Examples
    --------
    >>> s = interval_weights(["a", "b", "c"], ([0.1, 0.2, 0.0], [0.5, 0.6, 0.3]), n_samples=9)
    >>> bool((s.values >= [0.1, 0.2, 0.0]).all() and (s.values <= [0.5, 0.6, 0.3]).all())
    True
    """

    kind = "interval"

    def __init__(self, model: Model | Sequence[str], bounds: object) -> None:
        where = "IntervalSampler"
        criteria = criteria_of(model, where)
        lo, hi = interval_bounds(bounds, criteria, where)
        for j, name in enumerate(criteria):
            if lo[j] < 0 or hi[j] > 1:
                raise WeightsError(
                    f"{where}: bounds for criterion {name!r} must lie in [0, 1] "
                    f"(got [{lo[j]:g}, {hi[j]:g}])"
                )
            if lo[j] > hi[j]:
                raise WeightsError(
                    f"{where}: lower bound above upper bound for criterion {name!r} "
                    f"({lo[j]:g} > {hi[j]:g})"
                )
        if lo.sum() > 1 + 1e-12:
            raise WeightsError(
                f"{where}: the region is empty: the lower bounds sum to {lo.sum():.6g} > 1"
            )
        if hi.sum() < 1 - 1e-12:
            raise WeightsError(
                f"{where}: the region is empty: the upper bounds sum to {hi.sum():.6g} < 1"
            )
        super().__init__(criteria, {"lower": lo, "upper": hi}, "weights within given bounds")
        self.varies = 1.0 - lo.sum() > 1e-12 and len(criteria) > 1

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        lo, hi = self.params["lower"], self.params["upper"]
        slack = 1.0 - lo.sum()
        n = lo.size
        if slack <= 1e-12:
            return np.tile(lo / lo.sum(), (size, 1))
        out = np.empty((size, n))
        key = stream.stream_key(rng)  # candidate c is sample c of this stream
        filled = drawn = 0
        while filled < size:
            rate = filled / drawn if drawn else 1.0
            need = 1.2 * (size - filled) / max(rate, _MIN_ACCEPTANCE)
            batch = int(min(_MAX_BATCH, max(1024, need)))
            candidates = lo + slack * stream.simplex_points(key, n, drawn, batch)
            keep = candidates[(candidates <= hi).all(axis=1)]
            drawn += batch
            take = min(len(keep), size - filled)
            out[filled : filled + take] = keep[:take]
            filled += take
            if filled < size and drawn >= _MIN_CANDIDATES and filled / drawn < _MIN_ACCEPTANCE:
                bounds_text = dict(zip(self.criteria, hi.tolist(), strict=True))
                raise WeightsError(
                    f"IntervalSampler: the region inside the bounds is too small for rejection "
                    f"sampling: {filled} of {drawn:,} candidates accepted (acceptance below "
                    f"{_MIN_ACCEPTANCE:g}); the upper bounds {bounds_text} cut away almost all "
                    "of the simplex above the lower bounds; use ConstrainedSampler instead"
                )
        return out


def interval_bounds(
    bounds: object, criteria: tuple[str, ...], where: str
) -> tuple[np.ndarray, np.ndarray]:
    """``(lower, upper)`` arrays in criterion order from a mapping or a pair."""
    n = len(criteria)
    if isinstance(bounds, Mapping):
        given = {str(k): v for k, v in bounds.items()}  # criterion names are text
        pairs = values_by_name(given, criteria, "bounds", where=where, default=(0.0, 1.0))
        lo, hi = np.zeros(n), np.ones(n)
        for j, (key, pair) in enumerate(zip(criteria, pairs, strict=True)):
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                raise ArgumentError(
                    f"{where}: bounds[{key!r}] must be a pair (low, high) (got {pair!r})"
                )
            lo[j] = as_real(pair[0], f"bounds[{key!r}] low", where=where, error=WeightsError)
            hi[j] = as_real(pair[1], f"bounds[{key!r}] high", where=where, error=WeightsError)
        return lo, hi
    if isinstance(bounds, tuple | list) and len(bounds) == 2:
        return (
            weight_vector(bounds[0], criteria, "lower", where),
            weight_vector(bounds[1], criteria, "upper", where),
        )
    raise ArgumentError(
        f"{where}: bounds must be a mapping {{criterion: (low, high)}} or a pair (lower, upper) "
        f"(got {type(bounds).__name__})"
    )


# -- the functions: one sampler, labelled samples out -----------------------------------


def uniform_weights(
    model: Model | Sequence[str], *, n_samples: int, rng: Any = None
) -> WeightSamples:
    """Weight samples uniform on the simplex (:class:`UniformSampler`).

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    n_samples : int
        Number of samples.
    rng : None, int >= 0, SeedSequence or Generator
        The randomness.

    Returns
    -------
    WeightSamples

    Examples
    --------
    >>> uniform_weights(["a", "b"], n_samples=2, rng=0).values.shape
    (2, 2)
    """
    return UniformSampler(model).sample(n_samples=n_samples, rng=rng)


def dirichlet_weights(
    model: Model | Sequence[str], alpha: object, *, n_samples: int, rng: Any = None
) -> WeightSamples:
    """Weight samples from ``Dirichlet(alpha)`` (:class:`DirichletSampler`).

    For a spread around given weights use ``DirichletSampler.around(model,
    weights, concentration=...)``.

    Examples
    --------
    >>> dirichlet_weights(["a", "b"], [2.0, 2.0], n_samples=3, rng=0).values.shape
    (3, 2)
    """
    return DirichletSampler(model, alpha).sample(n_samples=n_samples, rng=rng)


def ordinal_weights(
    model: Model | Sequence[str], order: Sequence[str], *, n_samples: int, rng: Any = None
) -> WeightSamples:
    """Weight samples that follow an order of importance (:class:`OrdinalSampler`).

    Examples
    --------
    >>> s = ordinal_weights(["a", "b"], ["b", "a"], n_samples=50, rng=0)
    >>> bool((s.values[:, 1] >= s.values[:, 0]).all())
    True
    """
    return OrdinalSampler(model, order).sample(n_samples=n_samples, rng=rng)


def interval_weights(
    model: Model | Sequence[str], bounds: object, *, n_samples: int, rng: Any = None
) -> WeightSamples:
    """Weight samples within per-criterion bounds (:class:`IntervalSampler`).

    Examples
    --------
    >>> s = interval_weights(["a", "b"], {"a": (0.2, 0.4)}, n_samples=50, rng=0)
    >>> bool(((s.values[:, 0] >= 0.2) & (s.values[:, 0] <= 0.4)).all())
    True
    """
    return IntervalSampler(model, bounds).sample(n_samples=n_samples, rng=rng)
