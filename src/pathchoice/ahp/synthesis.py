"""Classic AHP: alternatives compared pairwise under each criterion, then synthesised.

Under every criterion the alternatives get local priorities from their own
pairwise matrix (:func:`~pathchoice.ahp.ahp_weights`); the criteria weights
(given, or the global weights of a :func:`~pathchoice.ahp.hierarchy.hierarchy_weights`
result) then combine them into one global priority per alternative. Two
synthesis modes, selectable by name:

``"distributive"``
    Local priorities sum to 1 under each criterion (as AHP derives them) and
    the global priority is ``sum_j w_j p_ij`` (Saaty 1980). Adding or removing
    an alternative can reverse the order of the others (Belton & Gear 1983).
``"ideal"``
    Each criterion's local priorities are divided by their largest value, so
    the best alternative under a criterion gets that criterion's full weight
    (Belton & Gear 1983; Saaty 1994). Adding a copy, or any alternative that
    is not a new best somewhere, leaves the others' order unchanged.

In both modes the reported scores are normalised to sum to 1 (in the
distributive mode they already do); the unnormalised contributions
``w_j p_ij`` are in ``tables["weighted"]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._validate import as_choice
from ..exceptions import HierarchyError, PathchoiceError, UnknownNameError
from ..results import RankingResult, rank_scores
from ..weights import check_weights
from .hierarchy import HierarchyResult
from .pairwise import PairwiseMatrix
from .priorities import (
    CONSISTENCY_THRESHOLD,
    WeightsResult,
    as_pairwise_matrix,
    check_ahp_options,
    weigh,
)
from .random_index import RISpec

__all__ = ["SYNTHESIS_MODES", "ahp_rank"]

Synthesis = Literal["distributive", "ideal"]

#: Synthesis modes by name.
SYNTHESIS_MODES: tuple[str, ...] = ("distributive", "ideal")


def _synthesise(local: np.ndarray, weights: np.ndarray, ideal: bool) -> tuple[np.ndarray, ...]:
    """Global priorities of alternatives from local priorities and criteria weights.

    ``local`` has shape ``(m, n)`` (alternatives × criteria, columns summing
    to 1), ``weights`` shape ``(..., n)``. Returns the synthesised local
    priorities ``(m, n)``, the weighted contributions ``(..., m, n)`` and the
    normalised scores ``(..., m)``; a stack of weight vectors is processed
    without a Python loop.
    """
    used = local / local.max(axis=0, keepdims=True) if ideal else local
    weighted = used * weights[..., None, :]
    raw = weighted.sum(axis=-1)
    return used, weighted, raw / raw.sum(axis=-1, keepdims=True)


def _criteria_weights(criteria_weights: Any) -> pd.Series:
    if isinstance(criteria_weights, HierarchyResult):
        return criteria_weights.global_weights.copy()
    if isinstance(criteria_weights, WeightsResult):
        return criteria_weights.weights.copy()
    if isinstance(criteria_weights, pd.Series):
        series = criteria_weights
    elif isinstance(criteria_weights, Mapping):
        series = pd.Series(dict(criteria_weights), dtype=object)
    else:
        raise HierarchyError(
            "criteria_weights must be a Series or mapping keyed by criterion, a "
            f"HierarchyResult or a WeightsResult (got {type(criteria_weights).__name__})"
        )
    names = list(series.index)
    values = check_weights(series, names)
    return pd.Series(values, index=pd.Index(names, name="criterion"), name="weight")


def _alternative_matrices(
    criteria: list[str], alternative_judgements: Any
) -> dict[str, PairwiseMatrix]:
    if not isinstance(alternative_judgements, Mapping):
        raise HierarchyError(
            "alternative_judgements must be a mapping from criterion name to the "
            f"alternatives' pairwise matrix (got {type(alternative_judgements).__name__})"
        )
    unknown = [k for k in alternative_judgements if k not in criteria]
    if unknown:
        raise UnknownNameError(
            f"alternative_judgements name {unknown}, which are not criteria; "
            f"criteria are {criteria}"
        )
    missing = [c for c in criteria if c not in alternative_judgements]
    if missing:
        raise HierarchyError(
            f"criteria {missing} have no pairwise matrix of the alternatives in "
            f"alternative_judgements; every criterion needs one"
        )
    matrices: dict[str, PairwiseMatrix] = {}
    first: tuple[str, tuple[str, ...]] | None = None
    for criterion in criteria:
        try:
            matrix = as_pairwise_matrix(alternative_judgements[criterion])
        except PathchoiceError as err:
            raise type(err)(f"alternatives under criterion {criterion!r}: {err}") from err
        if first is None:
            first = (criterion, matrix.labels)
        elif set(matrix.labels) != set(first[1]):
            ref_name, ref = first
            extra = [x for x in matrix.labels if x not in ref]
            lacking = [x for x in ref if x not in matrix.labels]
            raise HierarchyError(
                f"the alternatives' matrix under criterion {criterion!r} compares "
                f"{list(matrix.labels)}, but under {ref_name!r} it compares {list(ref)} "
                f"(missing {lacking}, extra {extra}); every criterion must compare the "
                f"same alternatives"
            )
        matrices[criterion] = matrix
    return matrices


def ahp_rank(
    criteria_weights: pd.Series | Mapping[str, float] | HierarchyResult | WeightsResult,
    alternative_judgements: Mapping[str, PairwiseMatrix],
    *,
    synthesis: Synthesis = "distributive",
    method: str = "eigenvector",
    ri_table: RISpec = "saaty_1980",
    completion: str = "lambda_max",
    threshold: float = CONSISTENCY_THRESHOLD,
) -> RankingResult:
    """Rank alternatives by classic AHP: pairwise priorities under each criterion, synthesised.

    Parameters
    ----------
    criteria_weights : Series, mapping, HierarchyResult or WeightsResult
        Weight of each criterion (non-negative, summing to 1), keyed by
        criterion name; or the result of
        :func:`~pathchoice.ahp.hierarchy.hierarchy_weights` (its global
        weights) or of :func:`~pathchoice.ahp.ahp_weights`.
    alternative_judgements : mapping of str to PairwiseMatrix
        For every criterion, the pairwise comparison of the alternatives with
        respect to it (a dict of judgements or a DataFrame is accepted too).
        Every matrix must compare the same alternatives; their order is taken
        from the first criterion's matrix.
    synthesis : {"distributive", "ideal"}, default "distributive"
        How local priorities are combined (see the module notes).
    method, ri_table, completion, threshold
        As for :func:`~pathchoice.ahp.ahp_weights`, applied to every
        alternatives' matrix.

    Returns
    -------
    RankingResult
        ``method="ahp"``; ``scores`` the global priorities (summing to 1),
        ``ranks`` (1 = best, ties share the minimum rank), ``weights`` the
        criteria weights, ``options`` the choices made, and ``tables``:

        * ``"local_priorities"`` -- alternatives × criteria, each column the
          local priorities under that criterion (summing to 1);
        * ``"synthesised"`` -- the local priorities as used by the synthesis
          (divided by each column's maximum in the ideal mode);
        * ``"weighted"`` -- contributions ``w_j × synthesised_ij``;
        * ``"consistency_ratio"`` -- CR of each criterion's matrix;
        * ``"consistency"`` -- per criterion ``lambda_max``,
          ``consistency_ratio``, ``is_consistent``.

        ``findings`` lists the criteria whose alternatives' judgements are
        inconsistent.

    Raises
    ------
    HierarchyError
        A criterion without a matrix, matrices comparing different
        alternatives, a malformed argument.
    UnknownNameError
        A matrix keyed by something that is not a criterion; an unknown
        ``synthesis``, ``method``, ``ri_table`` or ``completion``.
    WeightsError
        Criteria weights negative or not summing to 1.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    .. [2] Belton, V., & Gear, T. (1983). On a short-coming of Saaty's method of
       analytic hierarchies. *Omega* 11(3), 228–230.
    .. [3] Saaty, T. L. (1994). *Fundamentals of Decision Making and Priority
       Theory with the Analytic Hierarchy Process*. RWS Publications (ideal mode).
    .. [4] Millet, I., & Saaty, T. L. (2000). On the relativity of relative
       measures -- accommodating both rank preservation and rank reversals in
       the AHP. *European Journal of Operational Research* 121(1), 205–212.

    Examples
    --------
    Wikipedia's "choosing a leader" example (final priorities Tom .358,
    Dick .493, Harry .149):

    >>> from pathchoice.ahp.hierarchy import Node, hierarchy_weights
    >>> goal = Node("goal", ["Experience", "Education", "Charisma", "Age"], judgements={
    ...     ("Experience", "Education"): 4, ("Experience", "Charisma"): 3,
    ...     ("Experience", "Age"): 7, ("Education", "Charisma"): 1 / 3,
    ...     ("Education", "Age"): 3, ("Charisma", "Age"): 5})
    >>> pm = PairwiseMatrix.from_judgements
    >>> candidates = {
    ...     "Experience": pm({("Tom", "Dick"): 1 / 4, ("Tom", "Harry"): 4, ("Dick", "Harry"): 9}),
    ...     "Education": pm({("Tom", "Dick"): 3, ("Tom", "Harry"): 1 / 5,
    ...                      ("Dick", "Harry"): 1 / 7}),
    ...     "Charisma": pm({("Tom", "Dick"): 5, ("Tom", "Harry"): 9, ("Dick", "Harry"): 4}),
    ...     "Age": pm({("Tom", "Dick"): 1 / 3, ("Tom", "Harry"): 5, ("Dick", "Harry"): 9}),
    ... }
    >>> result = ahp_rank(hierarchy_weights(goal), candidates)
    >>> result.scores.round(3).tolist(), result.best
    ([0.358, 0.493, 0.149], 'Dick')
    >>> ahp_rank(hierarchy_weights(goal), candidates, synthesis="ideal").order()
    ['Dick', 'Tom', 'Harry']
    """
    synthesis = as_choice(synthesis, "synthesis", SYNTHESIS_MODES, where="ahp_rank")  # type: ignore[assignment]
    options = check_ahp_options("ahp_rank", method, ri_table, completion, threshold)
    threshold = options.threshold
    weights = _criteria_weights(criteria_weights)
    criteria = list(weights.index)
    matrices = _alternative_matrices(criteria, alternative_judgements)
    alternatives = list(matrices[criteria[0]].labels)

    results = {c: weigh(m, options) for c, m in matrices.items()}
    local = np.column_stack([results[c].weights.reindex(alternatives).to_numpy() for c in criteria])
    used, weighted, scores = _synthesise(local, weights.to_numpy(), synthesis == "ideal")

    alt_index = pd.Index(alternatives, name="alternative")
    crit_index = pd.Index(criteria, name="criterion")

    def frame(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=alt_index, columns=crit_index)

    consistency = pd.DataFrame(
        {
            "lambda_max": [results[c].lambda_max for c in criteria],
            "consistency_ratio": [results[c].consistency_ratio for c in criteria],
            "is_consistent": [results[c].is_consistent for c in criteria],
        },
        index=crit_index,
    )
    findings = [
        f"alternatives' judgements under {c!r} are inconsistent: {results[c].message}"
        for c in criteria
        if not results[c].is_consistent
    ]
    for c in criteria:
        findings.extend(f"under {c!r}: {f}" for f in results[c].findings)
    score_series = pd.Series(scores, index=alt_index, name="score")
    return RankingResult(
        method="ahp",
        scores=score_series,
        ranks=pd.Series(rank_scores(scores), index=alt_index, name="rank"),
        weights=weights,
        higher_is_better=True,
        options=MappingProxyType(
            {
                "synthesis": synthesis,
                "method": method,
                "ri_table": options.table.name,
                "completion": completion,
                "threshold": threshold,
            }
        ),
        tables=MappingProxyType(
            {
                "local_priorities": frame(local),
                "synthesised": frame(used),
                "weighted": frame(weighted),
                "consistency_ratio": consistency["consistency_ratio"].rename("consistency_ratio"),
                "consistency": consistency,
            }
        ),
        findings=tuple(findings),
    )
