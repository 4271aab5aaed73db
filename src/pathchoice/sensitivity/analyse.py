"""SMAA-2 statistics from ranks: the result type and the "analyse" step.

:class:`SMAAResult` holds the SMAA-2 statistics of Lahdelma & Salminen (2001)
with their standard errors; :func:`analyse_ranks` computes them from ranks
produced anywhere (after :func:`~pathchoice.sensitivity.evaluate.evaluate` or
the user's own policy model). :func:`~pathchoice.sensitivity.smaa.smaa` fills
the same result from its streamed tally.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.kernels import numpy_kernels as kern
from .._display import FrameDisplay
from .._frozen import FrozenResult
from ..exceptions import PathchoiceError, WeightsError
from ..results import BatchRankingResult
from ..weights import check_weights
from .evaluate import check_chunk_size

__all__ = ["SMAAResult", "analyse_ranks", "first_share", "smaa_result"]


class _Later(NamedTuple):
    """A frame of a result built on first use: ``make(*args)`` (the frames of an SMAA run
    cost more than its samples when the run is short; most are never looked at)."""

    make: Callable[..., Any]
    args: tuple[Any, ...]


@dataclass(frozen=True, eq=False)
class SMAAResult(FrozenResult, FrameDisplay):
    """SMAA-2 statistics of a ranking under weight (and performance) uncertainty.

    Attributes
    ----------
    rank_acceptability : DataFrame
        ``b_i^r``: alternatives × ranks 1..m, each row and each column summing
        to 1. A tie of ``s`` alternatives at rank ``r`` gives each of them
        ``1/s`` of ranks ``r..r+s-1`` (the average over a random tie-break).
    rank_acceptability_se : DataFrame
        Binomial standard errors ``sqrt(b (1 - b) / N)``.
    central_weights : DataFrame
        ``w_i^c``: alternatives × criteria; NaN rows for alternatives never
        ranked first (shared first places count with their share).
    confidence_factors : Series
        ``p_i^c``: the probability that the alternative is first when ranked
        with its central weights, over the performance uncertainty; with
        fixed performance it is 1 or 0 (or 1/s in an s-way tie). NaN where
        the central weights are NaN or there is no model (analyse_ranks).
    pairwise_winning : DataFrame
        ``c_ik``: the share of samples where the row alternative ranks
        strictly above the column alternative (ties count for neither).
    pairwise_winning_se : DataFrame
        Binomial standard errors.
    expected_rank : Series
        ``sum_r r * b_i^r``.
    expected_rank_se : Series
        Standard error of the mean rank, ``sqrt(var / N)`` with ``var =
        sum_r r**2 b_i^r - expected_rank**2``.
    n_samples : int
        Number of samples ``N``.
    method : str
        The ranking method.
    options : mapping
        How the run was made: the method's options, ``engine``, ``weights``
        (``"sampler"``, ``"samples"`` or ``"fixed"``), ``weight_sampler`` (the
        sampler's kind: ``"uniform"``, ``"dirichlet"``, ... or None for
        samples), ``weight_description`` (the weights in plain words),
        ``performance`` (``"fixed"``, ``"sampler"`` or ``"samples"``),
        ``confidence_samples``, ``near_ties`` (samples in which two alternatives'
        closeness ratios were within a relative 2**-20 of each other: ranked
        exactly, the only samples in which engines may count differently).
    findings : tuple of str
        Soft findings: nothing varying (every sample ranks alike), identical
        alternatives, alternatives never first, zero-range criteria.
    """

    rank_acceptability: pd.DataFrame
    rank_acceptability_se: pd.DataFrame
    central_weights: pd.DataFrame
    confidence_factors: pd.Series
    pairwise_winning: pd.DataFrame
    pairwise_winning_se: pd.DataFrame
    expected_rank: pd.Series
    expected_rank_se: pd.Series
    n_samples: int
    method: str
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    def _raw(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if type(value) is _Later:
            value = value.make(*value.args)
            object.__setattr__(self, name, value)
        return value

    def __getattribute__(self, name: str) -> Any:
        if type(object.__getattribute__(self, name)) is _Later:
            SMAAResult._raw(self, name)
        return super().__getattribute__(name)

    @property
    def first_rank_acceptability(self) -> pd.Series:
        """``b_i^1``: the share of samples in which each alternative is first."""
        return self.rank_acceptability[1].rename("first_rank_acceptability")

    @property
    def alternatives(self) -> tuple[str, ...]:
        return tuple(self.rank_acceptability.index)

    def holistic_acceptability(self, meta_weights: npt.ArrayLike | None = None) -> pd.Series:
        """``a_i^h = sum_r alpha_r b_i^r`` with meta-weights ``alpha`` (Lahdelma & Salminen 2001).

        Default meta-weights are the centroid weights
        ``alpha_r = (1/m) sum_{k=r..m} 1/k`` (decreasing, summing to 1).
        """
        m = len(self.rank_acceptability.columns)
        if meta_weights is None:
            alpha = np.cumsum((1.0 / np.arange(1, m + 1))[::-1])[::-1] / m
        else:
            alpha = np.asarray(meta_weights, dtype=np.float64)
            if alpha.shape != (m,) or not np.isfinite(alpha).all():
                raise WeightsError(
                    f"holistic_acceptability: meta_weights must be {m} finite numbers, one per "
                    f"rank (got shape {alpha.shape})"
                )
        return pd.Series(
            self.rank_acceptability.to_numpy() @ alpha,
            index=self.rank_acceptability.index,
            name="holistic_acceptability",
        )

    def plot(self, *, ax: Any = None) -> Any:
        """The rank acceptabilities as stacked bars (needs matplotlib).

        Drawn by :func:`pathchoice.plotting.plot_rank_acceptability`; returns the matplotlib
        Figure, which a notebook shows. ``ax``: draw on these axes instead of a new figure.
        """
        from ..plotting import plot_rank_acceptability

        return plot_rank_acceptability(self, ax=ax)

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative (model order): the headline statistics, then ``b_i^r``.

        Columns: ``first_rank_acceptability``, ``first_rank_acceptability_se``,
        ``expected_rank``, ``expected_rank_se``, ``confidence_factor``, then
        ``rank_1`` .. ``rank_m`` (the rank acceptability indices).
        """
        head = pd.DataFrame(
            {
                "first_rank_acceptability": self.rank_acceptability[1],
                "first_rank_acceptability_se": self.rank_acceptability_se[1],
                "expected_rank": self.expected_rank,
                "expected_rank_se": self.expected_rank_se,
                "confidence_factor": self.confidence_factors,
            }
        )
        ranks = self.rank_acceptability.copy()
        ranks.columns = [f"rank_{r}" for r in ranks.columns]
        return pd.concat([head, ranks], axis=1)

    def __str__(self) -> str:
        frame = self.to_frame().iloc[:, :5].sort_values("expected_rank", kind="stable")
        head = f"SMAA-2 ({self.method}, {self.n_samples:,} samples)"
        return f"{head}\n{frame.to_string(float_format=lambda x: f'{x:.4f}')}"

    def _display_frame(self) -> pd.DataFrame:
        return self.to_frame().sort_values("expected_rank", kind="stable")


# -- assembling a result ---------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _labels(alternatives: tuple[str, ...], criteria: tuple[str, ...]) -> tuple[pd.Index, ...]:
    """The axes of a result's frames (pandas indexes are immutable; frames handed out are
    copies, so results may share them): alternatives, ranks, criteria, other alternatives."""
    alt = pd.Index(alternatives, name="alternative")
    ranks = pd.Index(np.arange(1, len(alternatives) + 1), name="rank")
    return alt, ranks, pd.Index(criteria, name="criterion"), alt.rename("other")


def smaa_result(
    tally: kern.Tally,
    alternatives: tuple[str, ...],
    criteria: tuple[str, ...],
    confidence: np.ndarray | Callable[[], np.ndarray],
    method: str,
    options: Mapping[str, Any],
    findings: list[str],
    final: Mapping[str, np.ndarray] | None = None,
) -> SMAAResult:
    """An :class:`SMAAResult` from a finished tally (counts, central-weight sums), with
    findings; ``final`` is ``tally.finalize()`` if the caller has it already. ``confidence``
    may be a (picklable) function computing the factors when they are first looked at."""
    final = tally.finalize() if final is None else final
    total = tally.n_samples
    m = len(alternatives)
    acc = final["acceptability"]
    win = final["winning"]
    alt, rank_index, crit, other = _labels(tuple(alternatives), tuple(criteria))
    ranks = np.arange(1, m + 1, dtype=np.float64)
    mean = acc @ ranks
    var = np.maximum(acc @ ranks**2 - mean**2, 0.0)
    never = [a for a, credit in zip(alternatives, final["first"], strict=True) if credit == 0]
    if never:
        findings.append(
            f"alternatives {never} were never ranked first: their central weights and "
            "confidence factors are NaN"
        )

    frame, series = pd.DataFrame, pd.Series
    return SMAAResult._owning(  # the frames are new (no copies), built on first use
        rank_acceptability=_Later(frame, (acc, alt, rank_index)),
        rank_acceptability_se=_Later(_se_frame, (acc, total, alt, rank_index)),
        central_weights=_Later(frame, (final["central"], alt, crit)),
        confidence_factors=_Later(_confidence_series, (confidence, alt)),
        pairwise_winning=_Later(frame, (win, alt, other)),
        pairwise_winning_se=_Later(_se_frame, (win, total, alt, other)),
        expected_rank=_Later(series, (mean, alt, None, "expected_rank")),
        expected_rank_se=_Later(series, (np.sqrt(var / total), alt, None, "expected_rank_se")),
        n_samples=total,
        method=method,
        options=dict(options),
        findings=tuple(findings),
    )


def _se_frame(p: np.ndarray, total: int, index: pd.Index, columns: pd.Index) -> pd.DataFrame:
    """Binomial standard errors ``sqrt(p (1 - p) / total)`` of the shares ``p``."""
    return pd.DataFrame(np.sqrt(np.clip(p * (1.0 - p), 0.0, None) / total), index, columns)


def _confidence_series(
    confidence: np.ndarray | Callable[[], np.ndarray], index: pd.Index
) -> pd.Series:
    values = confidence() if callable(confidence) else confidence
    return pd.Series(np.array(values), index=index, name="confidence_factor")


def first_share(keys: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per row, the share of first place of alternative ``target[row]`` (1/s in an s-way tie)."""
    top = keys.max(axis=1, keepdims=True)
    at_top = keys == top
    mine = at_top[np.arange(len(keys)), target]
    return mine / at_top.sum(axis=1)


def analyse_ranks(
    ranks: BatchRankingResult | pd.DataFrame | npt.ArrayLike,
    weights: pd.DataFrame | npt.ArrayLike | None = None,
    alternatives: tuple[str, ...] | list[str] | None = None,
    criteria: tuple[str, ...] | list[str] | None = None,
    *,
    chunk_size: int | None = None,
) -> SMAAResult:
    """SMAA-2 statistics from ranks computed elsewhere (the "analyse" step).

    Parameters
    ----------
    ranks : BatchRankingResult, DataFrame or array_like, shape (N, m)
        One row per sample, one column per alternative; lower is better and
        equal values are ties (any numbers: 1-based ranks, dense ranks,
        positions). A :class:`~pathchoice.results.BatchRankingResult` (from
        :func:`~pathchoice.sensitivity.evaluate.evaluate`) also supplies the
        weights and labels.
    weights : DataFrame or array_like, shape (N, n_criteria), optional
        The sample's weight vectors, for the central weights (NaN without).
    alternatives, criteria : sequence of str, optional
        Labels. Default: from the result or DataFrame, else "alternative 1",
        ..., "criterion 1", ...
    chunk_size : int, optional
        Rows analysed at once (bounds memory).

    Returns
    -------
    SMAAResult
        Confidence factors are NaN (they need the model; use :func:`smaa`).

    Raises
    ------
    PathchoiceError
        Ranks that are not a finite 2-D array.
    WeightsError, UnknownNameError
        Weights that do not match the ranks or are not on the simplex.
    MethodError
        A bad ``chunk_size``.

    Examples
    --------
    >>> import numpy as np
    >>> ranks = np.array([[1, 2], [2, 1], [1, 2], [1, 1]])
    >>> result = analyse_ranks(ranks, alternatives=["A", "B"])
    >>> result.rank_acceptability.to_numpy().tolist()
    [[0.625, 0.375], [0.375, 0.625]]
    >>> float(result.pairwise_winning.loc["A", "B"])
    0.5
    """
    where = "analyse_ranks"
    size = check_chunk_size(chunk_size, where)
    method = "ranks"
    if isinstance(ranks, BatchRankingResult):
        method = ranks.method
        if weights is None:
            weights = ranks.weights
        alternatives = alternatives or ranks.alternatives
        criteria = criteria or ranks.criteria
        values = ranks.ranks
    elif isinstance(ranks, pd.DataFrame):
        alternatives = alternatives or tuple(str(c) for c in ranks.columns)
        values = ranks.to_numpy()
    else:
        values = ranks
    try:
        r = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise PathchoiceError(
            f"{where}: ranks must be numbers (got {type(values).__name__})"
        ) from None
    if r.ndim != 2 or r.shape[0] == 0 or r.shape[1] == 0:
        raise PathchoiceError(
            f"{where}: ranks must be a 2-D array, one row per sample and one column per "
            f"alternative (got shape {r.shape})"
        )
    if not np.isfinite(r).all():
        row, col = np.argwhere(~np.isfinite(r))[0]
        raise PathchoiceError(
            f"{where}: ranks must be finite: row {row}, column {col} = {r[row, col]}"
        )
    total, m = r.shape
    alternatives = (
        tuple(alternatives) if alternatives else tuple(f"alternative {i + 1}" for i in range(m))
    )
    if len(alternatives) != m:
        raise PathchoiceError(
            f"{where}: {len(alternatives)} alternative names for {m} columns of ranks"
        )
    w = None
    if weights is not None:
        if criteria is None:
            n = np.shape(weights)[-1] if not isinstance(weights, pd.DataFrame) else weights.shape[1]
            criteria = (
                tuple(str(c) for c in weights.columns)
                if isinstance(weights, pd.DataFrame)
                else tuple(f"criterion {j + 1}" for j in range(n))
            )
        w = check_weights(weights, tuple(criteria), allow_batch=True)
        w = np.ascontiguousarray(w.reshape(-1, len(criteria)))
        if len(w) != total:
            raise WeightsError(f"{where}: {len(w)} weight vectors for {total} rows of ranks")
    criteria = tuple(criteria) if criteria is not None else ()
    tally = kern.Tally.plain(m, len(criteria))
    step = size or tally.chunk_size()
    for lo in range(0, total, step):
        hi = min(lo + step, total)
        tally.add_keys(-r[lo:hi], None if w is None else w[lo:hi])
    findings = ["confidence factors need the model and a ranking method: use smaa()"]
    return smaa_result(
        tally, alternatives, criteria, np.full(m, np.nan), method, {"weights": "samples"}, findings
    )
