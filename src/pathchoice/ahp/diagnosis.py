"""Which judgements make a pairwise matrix inconsistent, and what would agree.

Which: for weights ``w`` derived from the matrix, each judged pair gets Saaty's
perturbation ``ε_ij = a_ij w_j / w_i`` (Saaty 2003): ``ε_ij = 1`` when the
judgement agrees exactly with the weights, and ``w_i / w_j`` is the value that
would. Pairs are ranked by ``|log ε_ij|``, which treats over- and
under-statement alike (``ε_ji = 1 / ε_ij``). The ``share`` column is each pair's
part of ``sum log² ε_ij``; with geometric-mean weights that sum is the GCI up to
the factor ``2 / ((n - 1)(n - 2))`` (Aguarón & Moreno-Jiménez 2003), so the
share is the pair's contribution to the GCI. This is the per-judgement view that
Expert Choice ("most inconsistent judgements") and R's ahpsurvey
(``ahp.error``, ``ahp.pwerror``) offer.

What would agree: the ``consistent_value`` of a judgement is derived from the
*other* judgements only -- the pair is left out and the matrix completed (the
incomplete-matrix machinery of :mod:`pathchoice.ahp.completion`), which is
what the rest of the matrix implies for it. The weights cannot serve: a wrong
judgement pulls them towards itself (in the consistent matrix of weights
0.4 : 0.3 : 0.2 : 0.1 with (b, d) typed 1/3 instead of 3, ``w_b / w_d`` is
0.89, while the other five judgements imply exactly 3). A pair that lies on no
cycle of judged pairs (removing it disconnects the labels) is implied by
nothing else; its own value is then the consistent one.

References
----------
.. [1] Saaty, T. L. (2003). Decision-making with the AHP: Why is the principal
   eigenvector necessary. *European Journal of Operational Research* 145(1), 85–91.
.. [2] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency index:
   Approximated thresholds. *European Journal of Operational Research* 147(1), 137–145.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validate import as_choice, as_count
from ..exceptions import ArgumentError, DisconnectedJudgementsError
from .completion import check_completion, complete
from .pairwise import SAATY_SCALE, PairwiseMatrix
from .priorities import PRIORITY_METHODS, WeightsResult, ahp_weights, as_pairwise_matrix

__all__ = ["DIAGNOSIS_COLUMNS", "diagnose_inconsistency", "nearest_on_scale"]

#: Columns of the frame :func:`diagnose_inconsistency` returns, in order.
DIAGNOSIS_COLUMNS = (
    "row",
    "column",
    "judgement",
    "consistent_value",
    "suggested",
    "weight_ratio",
    "error",
    "abs_log_error",
    "share",
)

_LOG_SCALE = np.log(np.asarray(SAATY_SCALE))


def nearest_on_scale(values: np.ndarray) -> np.ndarray:
    """The nearest value(s) on Saaty's 1/9..9 scale, nearest in ratio (log) terms.

    Examples
    --------
    >>> nearest_on_scale(np.array([2.4, 0.3, 40.0])).round(4).tolist()
    [2.0, 0.3333, 9.0]
    """
    logs = np.log(np.asarray(values, dtype=np.float64))
    k = np.abs(logs[..., None] - _LOG_SCALE).argmin(axis=-1)
    return np.asarray(SAATY_SCALE)[k]


def _implied_by_the_others(
    matrix: PairwiseMatrix, rows: np.ndarray, cols: np.ndarray, completion: str
) -> np.ndarray:
    """For each judged pair, the completed value with that pair left out.

    A pair whose removal disconnects the comparison graph is on no cycle: no
    other judgement implies anything about it, and its own value is returned.
    """
    labels = matrix.labels
    out = np.empty(rows.size)
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        pair = (labels[i], labels[j])
        try:
            rest = matrix.without_judgement(pair)
        except DisconnectedJudgementsError:
            out[k] = matrix.readonly_values[i, j]
            continue
        out[k] = complete(rest, completion).readonly_values[i, j]
    return out


def diagnose_inconsistency(
    matrix_or_result: WeightsResult
    | PairwiseMatrix
    | Mapping[tuple[str, str], float]
    | pd.DataFrame,
    *,
    method: str | None = None,
    completion: str = "lambda_max",
    top: int | None = None,
) -> pd.DataFrame:
    """The judged pairs ranked by how much they disagree with the derived weights.

    Parameters
    ----------
    matrix_or_result : WeightsResult, PairwiseMatrix, dict of judgements or DataFrame
        A result of :func:`~pathchoice.ahp.ahp_weights` (its weights and method
        are used), or judgements to weight first.
    method : {"eigenvector", "geometric_mean"}, optional
        Weighting method when judgements are given (default ``"eigenvector"``).
        For a result, it must be None or the result's own method.
    completion : {"lambda_max", "llsm"}, default "lambda_max"
        Completion for an incomplete matrix given directly, and for deriving
        each ``consistent_value`` from the other judgements.
    top : int, optional
        Keep only the ``top`` largest contributors.

    Returns
    -------
    pandas.DataFrame
        One row per judged pair (upper triangle; completed entries are not
        judgements and are left out), largest ``abs_log_error`` first, columns:

        ``row``, ``column``
            The pair, ``judgement = a[row, column]``.
        ``judgement``
            ``a_ij`` as given.
        ``consistent_value``
            What the other judgements imply for the pair: the pair left out,
            the matrix completed with ``completion`` (the judgement itself if
            no other judgement links the two labels).
        ``suggested``
            The value of Saaty's 1/9..9 scale nearest to ``consistent_value``.
        ``weight_ratio``
            ``w_i / w_j``: the value that would agree with the weights (which
            the judgement itself has pulled towards it).
        ``error``
            Saaty's ``ε_ij = a_ij w_j / w_i`` (1 = agrees).
        ``abs_log_error``
            ``|log ε_ij|``, the ranking key.
        ``share``
            ``log² ε_ij`` over its sum across judged pairs (0 if all agree to
            rounding, ``sum log² ε <= 1e-20``).

    Raises
    ------
    ArgumentError
        ``top`` not a whole number >= 1, an unknown ``method`` or one
        contradicting the result's; any error of :func:`~pathchoice.ahp.ahp_weights`.

    References
    ----------
    .. [1] Saaty, T. L. (2003). Decision-making with the AHP: Why is the principal
       eigenvector necessary. *European Journal of Operational Research* 145(1), 85–91.
    .. [2] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency
       index: Approximated thresholds. *EJOR* 147(1), 137–145.

    Examples
    --------
    Judgements consistent with weights 8 : 4 : 2 : 1, except "a over d", given as
    1/2 where the others imply 8:

    >>> m = PairwiseMatrix.from_judgements({
    ...     ("a", "b"): 2, ("a", "c"): 4, ("a", "d"): 1 / 2,
    ...     ("b", "c"): 2, ("b", "d"): 4, ("c", "d"): 2})
    >>> result = ahp_weights(m)
    >>> result.is_consistent
    False
    >>> table = diagnose_inconsistency(result, top=1)
    >>> columns = ["row", "column", "judgement", "consistent_value", "suggested", "weight_ratio"]
    >>> table[columns].round(2)
      row column  judgement  consistent_value  suggested  weight_ratio
    0   a      d        0.5               8.0        8.0          1.65
    """
    where = "diagnose_inconsistency"
    if top is not None:
        top = as_count(top, "top", where=where)
    check_completion(completion, where=where)
    if method is not None:
        as_choice(method, "method", PRIORITY_METHODS, where=where)
    if isinstance(matrix_or_result, WeightsResult):
        result = matrix_or_result
        if method is not None and method != result.method:
            raise ArgumentError(
                f"{where}: method={method!r} contradicts the result's method {result.method!r}; "
                "leave method=None to diagnose a WeightsResult"
            )
    else:
        given = as_pairwise_matrix(matrix_or_result)
        result = ahp_weights(given, method=method or "eigenvector", completion=completion)

    judged = result.input_matrix
    labels = judged.labels
    a = judged.values
    w = result.weights.reindex(list(labels)).to_numpy()
    n = len(labels)
    iu, ju = np.triu_indices(n, k=1)
    keep = ~np.isnan(a[iu, ju])
    i, j = iu[keep], ju[keep]
    judgement = a[i, j]
    ratio = w[i] / w[j]
    error = judgement / ratio
    consistent = _implied_by_the_others(judged, i, j, completion)
    log_error = np.log(error)
    squared = log_error**2
    total = squared.sum()
    # A consistent matrix leaves only rounding noise (|log eps| ~ 1e-16): no shares.
    share = squared / total if total > 1e-20 else np.zeros_like(squared)
    names = np.asarray(labels, dtype=object)
    frame = pd.DataFrame(
        {
            "row": names[i],
            "column": names[j],
            "judgement": judgement,
            "consistent_value": consistent,
            "suggested": nearest_on_scale(consistent),
            "weight_ratio": ratio,
            "error": error,
            "abs_log_error": np.abs(log_error),
            "share": share,
        },
        columns=list(DIAGNOSIS_COLUMNS),
    )
    frame = frame.sort_values("abs_log_error", ascending=False, kind="stable")
    if top is not None:
        frame = frame.head(int(top))
    return frame.reset_index(drop=True)
