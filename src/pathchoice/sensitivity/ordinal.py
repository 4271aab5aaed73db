"""SMAA-O: criteria known only as ranks, and cross-confidence factors.

**SMAA-O** (Lahdelma, Miettinen & Salminen 2003) handles criteria on which the
alternatives are only *ranked* (first, second, ...; ties allowed) inside an
additive value model ``u_i = sum_j w_j u_j(x_ij)``. The cardinal values of the
rank levels are unknown, so they are simulated: on an ordinal criterion with
``L`` levels the best level is worth 1, the worst 0, and the ``L - 2`` levels
between get sorted independent uniform values in (0, 1) -- every value function
consistent with the ranking is equally likely. Cardinal criteria get the linear
value function ``(x - worst) / (best - worst)``. Each sample draws weights (any
weight sampler) and level values, ranks the alternatives by ``u``, and the
SMAA-2 statistics follow (:class:`~pathchoice.sensitivity.analyse.SMAAResult`;
the confidence factors are over the simulated level values).

**Cross-confidence factors** (Lahdelma & Salminen 2006) ask, for the central
weight vector of each alternative ``i``, how often each alternative ``k`` is
first with it over the performance uncertainty: ``p_ik``. The diagonal is the
confidence factor of SMAA-2; a large ``p_ik`` says that ``k`` is a strong rival
in ``i``'s favourable region.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._core.kernels import numpy_kernels as kern
from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_count, as_seed
from ..exceptions import ArgumentError, ModelError, UnknownNameError
from ..model import Model
from ._engines import SAMPLE_BLOCK, block_generator
from .analyse import SMAAResult, first_share, smaa_result
from .evaluate import (
    method_scores,
    performance_topsis,
    progress_reporter,
    resolve_method,
    topsis_options,
)
from .sampling.inputs import performance_input, weight_input

__all__ = ["CrossConfidenceResult", "cross_confidence_factors", "smaa_o", "value_levels"]

# Random streams of smaa_o: weights, level values, the confidence factors' level values.
_WEIGHTS, _LEVELS, _CONFIDENCE = 0, 1, 2


def value_levels(column: np.ndarray, benefit: bool) -> tuple[np.ndarray, int]:
    """The rank level of each alternative on an ordinal criterion (0 = worst) and their count."""
    distinct = np.unique(column)  # ascending
    level = np.searchsorted(distinct, column)
    if not benefit:
        level = distinct.size - 1 - level
    return level.astype(np.intp), int(distinct.size)


def _level_values(levels: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """``(size, levels)`` value of each level per sample: 0, sorted uniforms, 1."""
    inner = np.sort(rng.random((size, max(levels - 2, 0))), axis=1)
    return np.hstack([np.zeros((size, 1)), inner, np.ones((size, 1))])[:, :levels]


class _ValueTables:
    """Value tables ``(size, m, n)``: linear on cardinal criteria, simulated on ordinal ones."""

    def __init__(self, model: Model, ordinal: Sequence[int]) -> None:
        x = model.matrix
        benefit = model.types > 0
        best = np.where(benefit, x.max(axis=0), x.min(axis=0))
        worst = np.where(benefit, x.min(axis=0), x.max(axis=0))
        span = best - worst
        with np.errstate(divide="ignore", invalid="ignore"):
            self.base = np.where(span != 0, (x - worst) / span, 1.0)
        self.ordinal = list(ordinal)
        self.levels = [value_levels(x[:, j], bool(benefit[j])) for j in self.ordinal]

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        out = np.broadcast_to(self.base, (size, *self.base.shape)).copy()
        for j, (level, count) in zip(self.ordinal, self.levels, strict=True):
            if count == 1:
                out[:, :, j] = 1.0
                continue
            out[:, :, j] = _level_values(count, size, rng)[:, level]
        return out


def smaa_o(
    model: Model,
    weights: Any = None,
    *,
    ordinal: Sequence[str],
    n_samples: int = 10_000,
    rng: Any = None,
    confidence_samples: int | None = None,
    progress: Any = None,
) -> SMAAResult:
    """SMAA-O: SMAA-2 with an additive value model where some criteria are only ranks.

    Parameters
    ----------
    model : Model
        The decision model. On an ordinal criterion its values are read only for
        their order (with the criterion's direction: on a benefit criterion the
        highest value is the best level; equal values are one level).
    weights : sampler, WeightSamples, DataFrame, numpy.ndarray or None
        As for :func:`~pathchoice.sensitivity.smaa.smaa` (default: uniform).
    ordinal : sequence of str
        The criteria known only as ranks (at least one).
    n_samples : int, default 10,000
        Samples when the weights are drawn inside the run.
    rng : None, int >= 0, SeedSequence or Generator
        The randomness (weights, level values, confidence samples: one child
        stream each per block of 65,536 samples).
    confidence_samples : int, optional
        Level-value samples behind each confidence factor (default ``min(N, 10,000)``).
    progress : callable, bool or None
        As for :func:`~pathchoice.sensitivity.smaa.smaa`.

    Returns
    -------
    SMAAResult
        ``method`` is "SMAA-O (additive value)"; ``options`` name the ordinal criteria.

    References
    ----------
    .. [1] Lahdelma, R., Miettinen, K., & Salminen, P. (2003). Ordinal criteria in
       stochastic multicriteria acceptability analysis (SMAA). *European Journal
       of Operational Research*, 147(1), 117–127.
    .. [2] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
       acceptability analysis for group decision making. *Operations Research*,
       49(3), 444–454.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["rank", "cost"], [[1, 5.0], [2, 3.0], [3, 4.0]],
    ...               directions={"rank": "cost", "cost": "cost"})
    >>> result = smaa_o(model, ordinal=["rank"], n_samples=4_000, rng=1)
    >>> result.rank_acceptability.sum(axis=1).round(12).tolist()
    [1.0, 1.0, 1.0]
    """
    where = "smaa_o"
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    count = as_count(n_samples, "n_samples", where=where, minimum=1)
    asked = (
        None
        if confidence_samples is None
        else as_count(confidence_samples, "confidence_samples", where=where, minimum=1)
    )
    seed = as_seed(rng, where=where)
    if isinstance(ordinal, str) or not isinstance(ordinal, Sequence) or not ordinal:
        raise ArgumentError(f"{where}: ordinal must name at least one criterion (got {ordinal!r})")
    unknown = [c for c in ordinal if c not in model.criterion_names]
    if unknown:
        raise UnknownNameError(
            f"{where}: ordinal names unknown criteria {unknown}; criteria are "
            f"{list(model.criterion_names)}"
        )
    given = weight_input(weights, model, where)
    total = len(given.array) if given.kind == "samples" else count
    values = _ValueTables(model, [model.criterion_names.index(c) for c in ordinal])
    m, n = model.shape
    tally = kern.Tally.plain(m, n)
    advance, close = progress_reporter(progress, total, where)
    try:
        for block, start in enumerate(range(0, total, SAMPLE_BLOCK)):
            size = min(SAMPLE_BLOCK, total - start)
            if given.kind == "samples":
                w = given.array[start : start + size]
            elif given.kind == "fixed":
                w = np.broadcast_to(given.array[0], (size, n))
            else:
                w = given.sampler.draw(size, block_generator(seed, block, _WEIGHTS))  # type: ignore[union-attr]
            u = values.draw(size, block_generator(seed, block, _LEVELS))
            tally.add_keys(np.einsum("kmn,kn->km", u, w), np.ascontiguousarray(w))
            advance(size)
    finally:
        close()
    central = tally.finalize()["central"]
    confidence = np.full(m, np.nan)
    valid = np.flatnonzero(~np.isnan(central).any(axis=1))
    if valid.size:
        u = values.draw(asked or min(total, 10_000), block_generator(seed, 0, _CONFIDENCE))
        keys = np.einsum("kmn,an->akm", u, central[valid])  # (valid, K, m)
        for row, a in enumerate(valid):
            confidence[a] = float(first_share(keys[row], np.full(len(u), a)).mean())
    options = {
        "ordinal": tuple(ordinal),
        "weights": given.kind,
        "weight_description": given.description,
        "confidence_samples": asked or min(total, 10_000),
    }
    return smaa_result(
        tally,
        model.alternatives,
        model.criterion_names,
        confidence,
        "SMAA-O (additive value)",
        options,
        [],
    )


@dataclass(frozen=True, eq=False)
class CrossConfidenceResult(FrozenResult, FrameDisplay):
    """Cross-confidence factors ``p_ik``: how often ``k`` is first with ``i``'s central weights.

    Attributes
    ----------
    factors : DataFrame
        Rows: the alternatives with central weights (``i``), columns: every
        alternative (``k``); each row sums to 1 (ties share). The diagonal is
        the confidence factor.
    n_samples : int
        Performance samples behind each row (1 with fixed performance).
    method : str
        The ranking method.
    options : mapping
        The method's options.
    """

    factors: pd.DataFrame
    n_samples: int
    method: str
    options: Mapping[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The :attr:`factors` (a copy)."""
        return self.factors


def cross_confidence_factors(
    model: Model,
    result: SMAAResult,
    *,
    performance: Any = None,
    method: str | Callable[..., Any] = "topsis",
    **options: Any,
) -> CrossConfidenceResult:
    """Cross-confidence factors from an SMAA result's central weights (Lahdelma & Salminen 2006).

    Parameters
    ----------
    model : Model
        The decision model the SMAA result is for.
    result : SMAAResult
        Its central weights are used (alternatives never first have none).
    performance : PerformanceSamples, numpy.ndarray or None
        Sampled performance tables (as :func:`~pathchoice.sensitivity.smaa.smaa`
        takes them; a sampler must be sampled first); None: the model's values.
    method : str or callable, default "topsis"
        The ranking method, as for :func:`~pathchoice.sensitivity.evaluate.evaluate`.
    **options
        The method's options.

    Returns
    -------
    CrossConfidenceResult

    References
    ----------
    .. [1] Lahdelma, R., & Salminen, P. (2006). Classifying efficient alternatives
       in SMAA using cross confidence factors. *European Journal of Operational
       Research*, 170(1), 228–240.

    Examples
    --------
    >>> from pathchoice import Model
    >>> from pathchoice.sensitivity import smaa
    >>> model = Model(["A", "B"], ["x", "y"], [[1.0, 0.0], [0.0, 1.0]])
    >>> r = smaa(model, n_samples=2_000, rng=0)
    >>> cross_confidence_factors(model, r).factors.to_numpy().tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    where = "cross_confidence_factors"
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    if not isinstance(result, SMAAResult) or result.alternatives != model.alternatives:
        raise ModelError(f"{where}: result must be an SMAAResult for this model's alternatives")
    resolved = resolve_method(method, where)
    used = topsis_options(options, where) if resolved.kind == "topsis" else dict(options)
    kind, _, tables = performance_input(performance, model, where)
    if kind == "sampler":
        raise ModelError(f"{where}: draw the performance samples first (sampler.sample(...))")
    central = result.central_weights.to_numpy()
    valid = np.flatnonzero(~np.isnan(central).any(axis=1))
    m = model.n_alternatives
    rows = np.zeros((valid.size, m))
    p = model.matrix[None] if kind == "fixed" else tables
    eye = np.eye(m)
    for row, a in enumerate(valid):
        w = np.ascontiguousarray(np.broadcast_to(central[a], (len(p), model.n_criteria)))
        if resolved.kind == "topsis":
            _, keys = performance_topsis(p, w, model.types > 0, used["normalization"])
        else:
            scores, higher = method_scores(resolved, model, w, None if kind == "fixed" else p, used)
            keys = scores if higher else -scores
        shares = np.stack([first_share(keys, np.full(len(p), k)) for k in range(m)], axis=1)
        rows[row] = shares.mean(axis=0) if len(p) else eye[a]
    names = [model.alternatives[a] for a in valid]
    frame = pd.DataFrame(
        rows,
        index=pd.Index(names, name="central weights of"),
        columns=pd.Index(model.alternatives, name="first"),
    )
    return CrossConfidenceResult(
        factors=frame, n_samples=len(p), method=resolved.label, options=used
    )
