"""Result objects of the ranking methods.

One result type per kind of call: :class:`RankingResult` for one weight vector,
:class:`BatchRankingResult` for many. Both are frozen dataclasses whose headline
numbers are attributes (``result.scores``, ``result.ranks``) and whose
``to_frame()`` has a fixed shape.

Ranks are integers, 1 = best. Ties share the best rank of the tied group and
the next rank is skipped (``scipy.stats.rankdata(method="min")``): scores
``[0.7, 0.9, 0.7]`` give ranks ``[2, 1, 2]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._core.ranks import rank_columns_into
from ._display import FrameDisplay
from ._frozen import FrozenResult
from ._validate import as_flag, as_number_array
from .exceptions import ArgumentError

__all__ = ["BatchRankingResult", "RankingResult", "rank_scores"]


def rank_scores(scores: npt.ArrayLike, *, higher_is_better: bool = True) -> np.ndarray:
    """Integer ranks (1 = best, ties share the minimum rank) along the last axis.

    Works on a 1-D array of scores or on an array with one row per weight
    vector, without a Python loop over rows.

    Examples
    --------
    >>> rank_scores(np.array([0.7, 0.9, 0.7]))
    array([2, 1, 2])
    >>> rank_scores(np.array([[1.0, 3.0, 2.0], [5.0, 5.0, 4.0]]), higher_is_better=False)
    array([[1, 3, 2],
           [2, 2, 1]])
    """
    scores, higher_is_better = _rank_scores_iv(scores, higher_is_better)
    keyed = scores if higher_is_better else -scores
    columns = np.ascontiguousarray(keyed.reshape(-1, keyed.shape[-1]).T)
    ranks = np.empty(columns.shape, dtype=np.int64)
    rank_columns_into(columns, ranks)
    return ranks.T.reshape(scores.shape)


def _rank_scores_iv(scores: object, higher_is_better: object) -> tuple[np.ndarray, bool]:
    """The checked arguments of :func:`rank_scores`: numbers, no NaN, at least 1-D."""
    flag = as_flag(higher_is_better, "higher_is_better", where="rank_scores")
    array = as_number_array(scores, "scores", where="rank_scores")
    if array.ndim < 1 or array.shape[-1] < 1:
        raise ArgumentError(f"rank_scores: scores must be at least 1-D (got shape {array.shape})")
    if np.isnan(array).any():
        raise ArgumentError("rank_scores: scores must not be NaN (a NaN score has no rank)")
    return array, flag


@dataclass(frozen=True, eq=False)
class RankingResult(FrozenResult, FrameDisplay):
    """The outcome of ranking a model's alternatives with one weight vector.

    Attributes
    ----------
    method : str
        Name of the ranking method (``"topsis"``, ``"vikor"``, ...).
    scores : pandas.Series
        The method's score per alternative (indexed by alternative).
    ranks : pandas.Series
        Integer ranks, 1 = best; ties share the minimum rank.
    weights : pandas.Series
        The weights used, indexed by criterion.
    higher_is_better : bool
        Whether a higher score is better (TOPSIS) or worse (VIKOR's Q).
    options : mapping
        The method's options as used (e.g. ``{"normalization": "vector"}``).
    tables : mapping of str to DataFrame or Series
        The method's intermediate step tables (names depend on the method).
    findings : tuple of str
        Soft findings worth reporting (e.g. criteria with zero range).
    """

    method: str
    scores: pd.Series
    ranks: pd.Series
    weights: pd.Series
    higher_is_better: bool = True
    options: Mapping[str, Any] = field(default_factory=dict)
    tables: Mapping[str, pd.DataFrame | pd.Series] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Names of the alternatives, in model order."""
        return tuple(self._raw("scores").index)

    @property
    def best(self) -> str:
        """The alternative ranked first (the first in model order if several tie)."""
        return str(self._raw("ranks").idxmin())

    def order(self) -> list[str]:
        """Alternatives from best to worst (ties in model order)."""
        return list(self._raw("ranks").sort_values(kind="stable").index)

    def plot(self, *, ax: Any = None) -> Any:
        """This ranking's scores as bars, best on top (needs matplotlib).

        Drawn by :func:`pathchoice.plotting.plot_ranking`; returns the matplotlib
        Figure, which a notebook shows. ``ax``: draw on these axes instead of a new figure.
        """
        from .plotting import plot_ranking

        return plot_ranking(self, ax=ax)

    def to_frame(self) -> pd.DataFrame:
        """Columns ``score`` and ``rank``, indexed by alternative, in model order.

        Model order (``model.alternatives``), as pandas keeps rows in the order
        of the data: the frame lines up with the model's performance table and
        with other results of the same model. What ``print`` and Jupyter show is
        sorted by rank, best first; for that order use
        ``result.to_frame().sort_values("rank", kind="stable")`` or
        :meth:`order`.
        """
        return pd.DataFrame({"score": self._raw("scores"), "rank": self._raw("ranks")})

    def __str__(self) -> str:
        table = self.to_frame().sort_values("rank", kind="stable")
        opts = ", ".join(f"{k}={v!r}" for k, v in self.options.items())
        head = f"{self.method} ranking" + (f" ({opts})" if opts else "")
        return f"{head}\n{table.to_string(float_format=lambda x: f'{x:.4f}')}"

    def _display_frame(self) -> pd.DataFrame:
        return self.to_frame().sort_values("rank", kind="stable")

    def _display_notes(self) -> tuple[str, ...]:
        return self.findings


@dataclass(frozen=True, eq=False)
class BatchRankingResult(FrozenResult, FrameDisplay):
    """The outcome of ranking a model's alternatives under K weight vectors.

    Attributes
    ----------
    method : str
        Name of the ranking method.
    scores : numpy.ndarray, shape (K, n_alternatives)
        One row of scores per weight vector.
    ranks : numpy.ndarray of int, shape (K, n_alternatives)
        Integer ranks per row, 1 = best; ties share the minimum rank.
    weights : numpy.ndarray, shape (K, n_criteria)
        The weight vectors used.
    alternatives, criteria : tuple of str
        Column labels of ``scores``/``ranks`` and of ``weights``.
    higher_is_better : bool
        Whether a higher score is better.
    options : mapping
        The method's options as used.
    findings : tuple of str
        Soft findings worth reporting (e.g. criteria with zero range).
    """

    method: str
    scores: np.ndarray
    ranks: np.ndarray
    weights: np.ndarray
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    higher_is_better: bool = True
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Read-only arrays are adopted without the defensive copy: the ranking
        # functions hand over fresh arrays that way (copying 10**7 rows of scores
        # and ranks would cost as much as computing them). Anything else is copied.
        adopted = {}
        for name in ("scores", "ranks"):
            value = self._raw(name)
            if isinstance(value, np.ndarray) and not value.flags.writeable:
                adopted[name] = value
                object.__setattr__(self, name, None)
        super().__post_init__()
        for name, value in adopted.items():
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return self.scores.shape[0]

    def scores_frame(self) -> pd.DataFrame:
        """Scores as a DataFrame: one row per weight vector, one column per alternative."""
        return pd.DataFrame(self.scores, columns=pd.Index(self.alternatives, name="alternative"))

    def ranks_frame(self) -> pd.DataFrame:
        """Ranks as a DataFrame: one row per weight vector, one column per alternative."""
        return pd.DataFrame(self.ranks, columns=pd.Index(self.alternatives, name="alternative"))

    def to_frame(self) -> pd.DataFrame:
        """Long form: columns ``sample``, ``alternative``, ``score``, ``rank``.

        Rows by sample, then alternative in model order (as pandas keeps the
        data's order); what ``print`` and Jupyter show is a summary per
        alternative sorted by mean rank, best first.
        """
        k, m = self.scores.shape
        return pd.DataFrame(
            {
                "sample": np.repeat(np.arange(k), m),
                "alternative": np.tile(np.array(self.alternatives, dtype=object), k),
                "score": self.scores.ravel(),
                "rank": self.ranks.ravel(),
            }
        )

    def _display_title(self) -> str:
        return f"{self.method} rankings under {len(self):,} weight vectors"

    def _display_frame(self) -> pd.DataFrame:
        """Per alternative: mean score, mean rank and the share of rows ranking it first."""
        frame = pd.DataFrame(
            {
                "mean_score": self.scores.mean(axis=0),
                "mean_rank": self.ranks.mean(axis=0),
                "share_first": (self.ranks == 1).mean(axis=0),
            },
            index=pd.Index(self.alternatives, name="alternative"),
        )
        return frame.sort_values("mean_rank", kind="stable")
