"""The numba kernel of batched TOPSIS: scores and ranks for K weight vectors (imported on use).

One pass per block of :data:`BLOCK` weight vectors, the loops running across
the vectors of a block so that LLVM vectorises them: squared weights (and the
check that each vector is finite, non-negative and sums to 1), the squared
distances ``D+ = A+ @ w**2`` and ``D- = A- @ w**2`` (four criteria per pass)
in order, the closeness ``sqrt(D-) / (sqrt(D+) + sqrt(D-))`` (0.5 where both
are 0), and the ranks by counting, for each alternative, the alternatives
with a strictly higher score. Blocks run in parallel (numba ``prange``).
Identical rows of ``A+``/``A-`` go through identical operations, so identical
alternatives tie exactly. Compiled on first use and cached on disk.
"""

from __future__ import annotations

import numpy as np

try:
    from numba import njit, prange
except ImportError:  # numba is optional (pathchoice[fast]); without it nothing here runs

    def njit(**_options: object):  # type: ignore[no-redef]
        return lambda function: function

    prange = range


from .topsis import TIE_SCORE

__all__ = ["BLOCK", "scores_ranks"]

#: Weight vectors processed together (the loops vectorise across them).
BLOCK = 64


@njit(parallel=True, nogil=True, error_model="numpy", boundscheck=False, cache=True)
def scores_ranks(ap, am, w, tol, scores, ranks):  # pragma: no cover - compiled by numba
    """Fill ``scores`` and ``ranks`` (each (m, K)); return the first bad row per block or -1."""
    k_total, n = w.shape
    m = ap.shape[0]
    n_blocks = (k_total + BLOCK - 1) // BLOCK
    bad = np.full(n_blocks, -1, dtype=np.int64)
    for b in prange(n_blocks):
        lo = b * BLOCK
        c = min(k_total, lo + BLOCK) - lo
        w2 = np.empty((n, BLOCK))
        dp = np.zeros((m, BLOCK))
        dm = np.zeros((m, BLOCK))
        count = np.empty(BLOCK, dtype=np.int64)
        for s in range(c):
            total = 0.0
            ok = True
            for j in range(n):
                v = w[lo + s, j]
                if not (v >= 0.0 and v < np.inf):
                    ok = False
                total += v
                w2[j, s] = v * v
            if (not ok or abs(total - 1.0) > tol) and bad[b] < 0:
                bad[b] = lo + s
        for i in range(m):
            # Four criteria per pass over the block: a quarter of the loads and
            # stores of the accumulators (the additions are grouped by four).
            j0 = 0
            while j0 + 4 <= n:
                x0, x1, x2, x3 = ap[i, j0], ap[i, j0 + 1], ap[i, j0 + 2], ap[i, j0 + 3]
                y0, y1, y2, y3 = am[i, j0], am[i, j0 + 1], am[i, j0 + 2], am[i, j0 + 3]
                for s in range(c):
                    v0, v1, v2, v3 = w2[j0, s], w2[j0 + 1, s], w2[j0 + 2, s], w2[j0 + 3, s]
                    dp[i, s] += (x0 * v0 + x1 * v1) + (x2 * v2 + x3 * v3)
                    dm[i, s] += (y0 * v0 + y1 * v1) + (y2 * v2 + y3 * v3)
                j0 += 4
            for j in range(j0, n):
                x = ap[i, j]
                y = am[i, j]
                for s in range(c):
                    dp[i, s] += x * w2[j, s]
                    dm[i, s] += y * w2[j, s]
            for s in range(c):
                p = np.sqrt(dp[i, s])
                q = np.sqrt(dm[i, s])
                t = p + q
                dp[i, s] = q / t if t > 0.0 else TIE_SCORE
        for i in range(m):
            for s in range(c):
                count[s] = 1
            for other in range(m):
                for s in range(c):
                    if dp[other, s] > dp[i, s]:
                        count[s] += 1
            for s in range(c):
                ranks[i, lo + s] = count[s]
                scores[i, lo + s] = dp[i, s]
    return bad
