"""Consensus ranking: several rankings of the same alternatives aggregated into one.

:func:`consensus_ranking` aggregates any table of rankings (methods, experts,
scenarios); :func:`~pathchoice.sensitivity.compare.compare_methods` uses the
same rules for the methods it compares.

Consensus rules, each over the rankings' integer ranks
(1 = best; ties share the minimum rank):

* ``"copeland"`` (Copeland 1951; Saari & Merlin 1996): alternative ``a``
  beats ``b`` when more methods rank ``a`` strictly above ``b`` than the
  other way round. Score = pairwise wins - pairwise losses; a pair that the
  methods split evenly counts for neither.
* ``"borda"`` (de Borda 1781): an alternative in position ``p`` of ``m``
  gets ``m - p`` points from a method; alternatives tied by a method share the
  positions they occupy (average position), so every method hands out the
  same ``m (m - 1) / 2`` points. Score = total points.
* ``"kemeny"`` (Kemeny 1959; Young & Levenglick 1978): the strict order with
  the smallest total Kemeny distance to the methods' rankings; exact up to
  :data:`~pathchoice.ranking.KEMENY_EXACT_MAX` alternatives, above that the
  local-Kemenisation heuristic of Dwork et al. (2001) from the Borda order
  (see :func:`~pathchoice.ranking.kemeny_young`). Score = minus the position,
  so the consensus never ties.

Tie rule of the consensus: alternatives with equal scores share the best rank
of their group and the next rank is skipped (as everywhere in pathchoice,
``scipy.stats.rankdata(method="min")``); ties are not broken.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._validate import as_choice
from ..exceptions import PathchoiceError
from ..ranking import kemeny_young
from ..results import rank_scores

__all__ = ["CONSENSUS_RULES", "ConsensusRule", "consensus_ranking", "rule_scores"]

ConsensusRule = Literal["copeland", "borda", "kemeny"]

#: The consensus rules :func:`consensus_ranking` and
#: :func:`~pathchoice.sensitivity.compare.compare_methods` accept.
CONSENSUS_RULES: tuple[str, ...] = ("copeland", "borda", "kemeny")


# -- pure array core (no pandas, no validation) -------------------------------------------


def _pairwise_majority(ranks: np.ndarray) -> np.ndarray:
    """``(m, m)`` counts: entry ``[a, b]`` = rankings (rows of ``ranks``) with ``a`` above ``b``."""
    above = ranks[:, :, None] < ranks[:, None, :]
    return above.sum(axis=0)


def _copeland_scores(ranks: np.ndarray) -> np.ndarray:
    """Copeland scores (pairwise majority wins - losses) of the columns of a (k, m) rank array."""
    counts = _pairwise_majority(ranks)
    return (counts > counts.T).sum(axis=1) - (counts < counts.T).sum(axis=1)


def _borda_scores(ranks: np.ndarray) -> np.ndarray:
    """Borda points (``m - average position``, summed over rows) of a (k, m) rank array.

    With "min" ranks a group of ``t`` tied alternatives at rank ``r`` occupies
    positions ``r .. r + t - 1``; its average position is ``r + (t - 1) / 2``.
    """
    m = ranks.shape[1]
    tied = (ranks[:, :, None] == ranks[:, None, :]).sum(axis=2)
    positions = ranks + (tied - 1) / 2.0
    return (m - positions).sum(axis=0)


def _kemeny_scores(ranks: np.ndarray) -> np.ndarray:
    """Minus the Kemeny-Young position of each column of a (k, m) rank array."""
    return -kemeny_young(ranks)[0]


_RULES: Mapping[str, Callable[[np.ndarray], np.ndarray]] = {
    "copeland": _copeland_scores,
    "borda": _borda_scores,
    "kemeny": _kemeny_scores,
}


def rule_scores(ranks: np.ndarray, rule: str) -> np.ndarray:
    """Consensus scores (higher is better) of the columns of a checked (k, m) rank array.

    ``rule`` is one of :data:`CONSENSUS_RULES`, already checked; no validation here.
    """
    return _RULES[rule](ranks)


# -- labelled shell -------------------------------------------------------------------------


def _consensus_iv(ranks: object, rule: object) -> tuple[np.ndarray, pd.Index, str]:
    """The checked arguments of :func:`consensus_ranking`: ``(m, k)`` ranks, index, rule."""
    rule = as_choice(rule, "rule", CONSENSUS_RULES, where="consensus_ranking")
    if isinstance(ranks, pd.DataFrame):
        index = ranks.index.copy()
        values = ranks.to_numpy()
    else:
        values = np.asarray(ranks)
        index = pd.RangeIndex(values.shape[0] if values.ndim else 0)
    try:
        values = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise PathchoiceError("ranks must be numbers (integer ranks, 1 = best)") from None
    if values.ndim != 2 or values.shape[0] < 1 or values.shape[1] < 1:
        raise PathchoiceError(
            f"ranks must be a 2-D table (alternatives × rankings), got shape {values.shape}"
        )
    if not np.isfinite(values).all() or (values < 1).any():
        raise PathchoiceError("ranks must be finite numbers >= 1 (1 = best)")
    return values, index, rule


def consensus_ranking(
    ranks: pd.DataFrame | npt.ArrayLike, *, rule: ConsensusRule = "copeland"
) -> pd.DataFrame:
    """Aggregate several rankings of the same alternatives into one.

    Parameters
    ----------
    ranks : DataFrame or array_like, shape (n_alternatives, n_rankings)
        One column per ranking (a method, an expert, a scenario), one row per
        alternative; integer ranks, 1 = best, ties allowed. A DataFrame's index
        names the alternatives.
    rule : {"copeland", "borda", "kemeny"}, default "copeland"
        ``"copeland"``: pairwise majority, score = wins - losses;
        ``"borda"``: score = sum over rankings of ``m - position`` (tied
        alternatives share the average of the positions they occupy);
        ``"kemeny"``: the Kemeny-Young ranking, score = minus its position.
        See the module notes.

    Returns
    -------
    DataFrame
        Columns ``score`` (higher is better) and ``rank`` (1 = best; equal
        scores share the best rank of their group), one row per alternative,
        in input order.

    Raises
    ------
    ArgumentError
        An unknown ``rule``.
    ValueError (PathchoiceError)
        ``ranks`` is not a 2-D table of finite ranks >= 1.

    References
    ----------
    .. [1] Copeland, A. H. (1951). A "reasonable" social welfare function.
       Seminar on Applications of Mathematics to the Social Sciences,
       University of Michigan.
    .. [2] Saari, D. G., & Merlin, V. R. (1996). The Copeland method I:
       Relationships and the dictionary. *Economic Theory*, 8(1), 51–76.
    .. [3] de Borda, J.-C. (1781). Mémoire sur les élections au scrutin.
       *Histoire de l'Académie Royale des Sciences*, Paris.

    Examples
    --------
    Three rankings of A, B, C (columns); B is above A in two of them:

    >>> table = pd.DataFrame({"m1": [1, 2, 3], "m2": [2, 1, 3], "m3": [2, 1, 3]},
    ...                      index=["A", "B", "C"])
    >>> consensus_ranking(table)
       score  rank
    A      0     2
    B      2     1
    C     -2     3
    >>> consensus_ranking(table, rule="borda")["score"].tolist()
    [4.0, 5.0, 0.0]
    >>> consensus_ranking(table, rule="kemeny")["rank"].tolist()
    [2, 1, 3]
    """
    values, index, rule = _consensus_iv(ranks, rule)
    scores = rule_scores(values.T, rule)
    return pd.DataFrame(
        {"score": scores, "rank": rank_scores(scores)},
        index=index,
    )
