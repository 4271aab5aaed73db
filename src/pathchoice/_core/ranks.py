"""Ranks from scores: integer ranks, 1 = best, ties share the minimum rank.

Pure numpy; no labels, no validation.
"""

from __future__ import annotations

import numpy as np

__all__ = ["PAIRWISE_MAX", "rank_columns_into"]


# Up to this many alternatives ranks are counted pairwise; above it they come from a sort.
PAIRWISE_MAX = 64


def rank_columns_into(scores: np.ndarray, out: np.ndarray) -> None:
    """Write ranks (1 = highest, ties share the minimum rank) down each column of ``scores``.

    ``scores`` is ``(m, c)``: one column per weight vector, ``out`` an integer
    array of the same shape. The rank of an entry is 1 + the number of entries
    in its column that are strictly greater. For a few dozen alternatives this
    is counted pairwise, ``(m, m, c)`` comparisons summed over the first axis,
    which numpy vectorises well because the reduction runs over whole
    contiguous rows; for more alternatives a sort is cheaper.
    """
    m = scores.shape[0]
    if m <= PAIRWISE_MAX:
        greater = scores[:, None, :] > scores[None, :, :]  # [i, j, k] = s_ik > s_jk
        counts = greater.sum(axis=0, dtype=np.uint8)
        np.add(counts, 1, out=out)
        return
    order = np.argsort(-scores, axis=0, kind="stable")
    ordered = np.take_along_axis(scores, order, axis=0)
    position = np.zeros(ordered.shape, dtype=np.int64)
    new_value = ordered[1:] != ordered[:-1]
    position[1:] = np.where(new_value, np.arange(1, m)[:, None], 0)
    np.maximum.accumulate(position, axis=0, out=position)
    position += 1
    np.put_along_axis(out, order, position, axis=0)
