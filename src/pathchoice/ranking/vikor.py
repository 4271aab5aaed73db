"""VIKOR's compromise solution (Opricovic & Tzeng 2004) as a named result.

VIKOR ranks alternatives three ways -- by the group utility ``S`` (weighted sum
of normalised regrets), the individual regret ``R`` (the largest of them) and
``Q = v (S - S*) / (S- - S*) + (1 - v) (R - R*) / (R- - R*)`` -- all lower is
better. The values come from pymcdm's VIKOR (its verbose mode, through
:func:`~pathchoice.ranking.pymcdm_method`); the compromise rule is
pathchoice's, as pymcdm does not implement it. With ``a'`` the best and
``a''`` the second alternative by ``Q`` and ``m`` alternatives:

* **C1, acceptable advantage:** ``Q(a'') - Q(a') >= DQ`` with ``DQ = 1 / (m - 1)``;
* **C2, acceptable stability:** ``a'`` is also best by ``S`` or by ``R``.

The compromise set is ``{a'}`` if both hold; ``{a', a''}`` if only C2 fails;
and, if C1 fails, every alternative ``a`` with ``Q(a) - Q(a') < DQ`` (``a'``,
``a''``, ..., ``a^(M)``).

References
----------
.. [1] Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM
   methods: A comparative analysis of VIKOR and TOPSIS. *European Journal of
   Operational Research*, 156(2), 445-455.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_real
from ..model import Model, as_model
from ..results import RankingResult, rank_scores
from ..weights import WeightVector
from .pymcdm_adapter import pymcdm_method

__all__ = ["VikorResult", "vikor_compromise"]

_VIKOR = pymcdm_method("vikor")


@dataclass(frozen=True, eq=False)
class VikorResult(FrozenResult, FrameDisplay):
    """VIKOR's S, R and Q and the compromise solution of Opricovic & Tzeng (2004).

    Attributes
    ----------
    values : DataFrame
        Columns ``S`` (group utility), ``R`` (individual regret) and ``Q``, by
        alternative; lower is better for each.
    ranks : DataFrame of int
        Ranks by ``S``, ``R`` and ``Q`` (1 = best, ties share the minimum rank).
    v : float
        The weight of the strategy of the majority of criteria in ``Q``.
    dq : float
        ``DQ = 1 / (m - 1)``.
    acceptable_advantage : bool
        C1: ``Q(a'') - Q(a') >= DQ``.
    acceptable_stability : bool
        C2: ``a'`` is also best by ``S`` or by ``R``.
    compromise : tuple of str
        The compromise set, best by ``Q`` first.
    ranking : RankingResult
        The Q ranking with pymcdm's step tables (normalised matrix, best and
        worst values, S, R, Q).
    findings : tuple of str
        Which condition failed and what the compromise set then is, in words.
    """

    values: pd.DataFrame
    ranks: pd.DataFrame
    v: float
    dq: float
    acceptable_advantage: bool
    acceptable_stability: bool
    compromise: tuple[str, ...]
    ranking: RankingResult
    findings: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def best(self) -> str:
        """The alternative best by ``Q`` (first of the compromise set)."""
        return self.compromise[0]

    def to_frame(self) -> pd.DataFrame:
        """S, R, Q, their ranks and membership of the compromise set, by alternative."""
        values = self._raw("values")
        ranks = self._raw("ranks").add_prefix("rank_")
        frame = pd.concat([values, ranks], axis=1)
        frame["compromise"] = [a in self.compromise for a in frame.index]
        return frame

    def _display_title(self) -> str:
        return f"VIKOR compromise (v = {self.v:g}): {', '.join(self.compromise)}"

    def _display_frame(self) -> pd.DataFrame:
        return self.to_frame().sort_values("rank_Q", kind="stable")

    def _display_notes(self) -> tuple[str, ...]:
        return self.findings


def _vikor_iv(model: object, v: object) -> tuple[Model, float]:
    """The checked arguments of :func:`vikor_compromise` (weights are checked by the method)."""
    where = "vikor_compromise"
    return as_model(model, where), as_real(v, "v", where=where, low=0.0, high=1.0)


def _compromise(
    names: tuple[str, ...], s: np.ndarray, r: np.ndarray, q: np.ndarray, dq: float
) -> tuple[bool, bool, list[str], list[str]]:
    """C1, C2, the compromise set (best by Q first) and the findings."""
    order = np.argsort(q, kind="stable")
    first, second = order[0], order[1]
    advantage = bool(q[second] - q[first] >= dq)
    stability = bool(s[first] == s.min() or r[first] == r.min())
    best = names[first]
    findings = []
    if advantage and stability:
        chosen = [best]
    elif advantage:
        chosen = [best, names[second]]
        findings.append(
            f"{best} is best by Q with an acceptable advantage, but it is best neither by "
            f"group utility (S) nor by individual regret (R): the compromise is {best} and "
            f"{names[second]}"
        )
    else:
        # C1 fails, so a'' is within DQ of a': the set has at least two members.
        chosen = [names[i] for i in order if q[i] - q[first] < dq]
        findings.append(
            f"{best}'s advantage in Q over {names[second]} ({q[second] - q[first]:.3g}) is "
            f"below DQ = {dq:.3g}: the compromise set is {', '.join(chosen)}"
        )
        if not stability:
            findings.append(f"{best} is also best neither by S nor by R")
    return advantage, stability, chosen, findings


def vikor_compromise(model: Model, weights: WeightVector, *, v: float = 0.5) -> VikorResult:
    """VIKOR's S, R, Q rankings and the compromise solution of Opricovic & Tzeng (2004).

    Parameters
    ----------
    model : Model
        The decision model (at least two alternatives).
    weights : Series, mapping or array_like
        One weight vector, by criterion name or in criterion order.
    v : float, default 0.5
        Weight of the strategy of "the majority of criteria" (S) against the
        individual regret (R) in Q, in [0, 1].

    Returns
    -------
    VikorResult
        ``values`` (S, R, Q), ``ranks``, ``dq``, ``acceptable_advantage``,
        ``acceptable_stability``, the ``compromise`` set and the Q
        ``ranking`` with pymcdm's step tables.

    Raises
    ------
    ArgumentError
        ``v`` outside [0, 1].
    WeightsError, UnknownNameError
        Malformed weights.
    MethodRefusedError, ZeroRangeError
        pymcdm's VIKOR cannot rank the model (e.g. every alternative equal on
        a criterion, which makes a normalised regret 0/0).

    References
    ----------
    .. [1] Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM
       methods: A comparative analysis of VIKOR and TOPSIS. *European Journal
       of Operational Research*, 156(2), 445-455.

    Examples
    --------
    The numerical example of Opricovic & Tzeng (2004):

    >>> from pathchoice import Model
    >>> model = Model(
    ...     ["A1", "A2", "A3"], ["f1", "f2"], [[1, 3000], [2, 3750], [5, 4500]],
    ...     directions=["cost", "benefit"],
    ... )
    >>> result = vikor_compromise(model, [0.5, 0.5])
    >>> result.values
                     S      R    Q
    alternative
    A1           0.500  0.50  1.0
    A2           0.375  0.25  0.0
    A3           0.500  0.50  1.0
    >>> result.compromise, result.acceptable_advantage, result.acceptable_stability
    (('A2',), True, True)
    """
    model, v = _vikor_iv(model, v)
    ranking = _VIKOR(model, weights, v=v)
    tables = ranking.tables
    s = tables["s"].to_numpy(dtype=np.float64)
    r = tables["r"].to_numpy(dtype=np.float64)
    q = ranking.scores.to_numpy(dtype=np.float64)
    names = model.alternatives
    dq = 1.0 / (model.n_alternatives - 1)
    advantage, stability, chosen, findings = _compromise(names, s, r, q, dq)
    index = pd.Index(names, name="alternative")
    values = pd.DataFrame({"S": s, "R": r, "Q": q}, index=index)
    ranks = pd.DataFrame(
        {
            "S": rank_scores(s, higher_is_better=False),
            "R": rank_scores(r, higher_is_better=False),
            "Q": rank_scores(q, higher_is_better=False),
        },
        index=index.copy(),
    )
    return VikorResult(
        values=values,
        ranks=ranks,
        v=v,
        dq=dq,
        acceptable_advantage=advantage,
        acceptable_stability=stability,
        compromise=tuple(chosen),
        ranking=ranking,
        findings=(*ranking.findings, *findings),
        options=dict(ranking.options),
    )
