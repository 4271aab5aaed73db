"""The fused numba kernel of TOPSIS SMAA with fixed performance (imported only when used).

:func:`tally_weights` ranks weight samples ``(c, n)`` against the merged
separation tables and accumulates rank counts, pairwise wins and first-place
weight sums, :data:`LANES` samples at a time (the loops run across the
samples, so LLVM vectorises them). Per sample: squared distances
``D = sum_j w_j**2 A_j`` with fused multiply-adds, the ratio ``q = D- / D+``
rounded to float32, and the comparisons ``q_h > q_g * margin``. A sample in
which some pair of groups is closer than that margin (a near-tie) is left
out and its weights are handed back, for the exact tally of
:meth:`~pathchoice._core.kernels.numpy_kernels.Tally.add_keys`; see
:mod:`~pathchoice._core.kernels.numpy_kernels` for why both engines then count
alike. :func:`tally_drawn` draws uniform, ordinal and interval weights itself, 64 rows
at a time with numba's implementation of numpy's generator (the samplers' own
numbers; measured faster than filling a block with numpy's exponentials, which also
costs a pass through memory).

Compiled on first use and cached on disk (numba ``cache=True``).
"""

from __future__ import annotations

import numpy as np

try:
    from numba import njit
except ImportError:  # numba is optional (pathchoice[fast]); without it nothing here runs

    def njit(**_options: object):  # type: ignore[no-redef]
        return lambda function: function


__all__ = ["LANES", "tally_drawn", "tally_weights"]

#: Samples processed together (the comparisons vectorise across them).
LANES = 64

# No nnan/ninf: a ratio is inf when an alternative sits at the ideal.
_FAST = {"contract", "arcp", "nsz"}
_LOW = float(np.finfo(np.float32).tiny)
_HIGH = float(np.finfo(np.float32).max)
_OPTIONS = {"nogil": True, "error_model": "numpy", "boundscheck": False, "cache": True}


@njit(fastmath=_FAST, **_OPTIONS)
def _ratios(w, start, ap, am, margin, w2, dp, dm, q, hi):
    # q[g, s] (float32) and its upper margin hi = q * margin for samples start.. of w.
    n = w.shape[1]
    mg = ap.shape[0]
    valid = min(LANES, w.shape[0] - start)
    for s in range(valid):
        for j in range(n):
            w2[j, s] = w[start + s, j] * w[start + s, j]
    for j in range(n):
        for s in range(valid, LANES):
            w2[j, s] = 0.0
    for g in range(mg):
        for s in range(LANES):
            dp[s] = 0.0
            dm[s] = 0.0
        j = 0
        while j + 4 <= n:  # four criteria per pass: a quarter of the loads and stores
            x0, x1, x2, x3 = ap[g, j], ap[g, j + 1], ap[g, j + 2], ap[g, j + 3]
            y0, y1, y2, y3 = am[g, j], am[g, j + 1], am[g, j + 2], am[g, j + 3]
            for s in range(LANES):
                v0, v1, v2, v3 = w2[j, s], w2[j + 1, s], w2[j + 2, s], w2[j + 3, s]
                dp[s] += v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3
                dm[s] += v0 * y0 + v1 * y1 + v2 * y2 + v3 * y3
            j += 4
        for jj in range(j, n):
            x = ap[g, jj]
            y = am[g, jj]
            for s in range(LANES):
                dp[s] += w2[jj, s] * x
                dm[s] += w2[jj, s] * y
        for s in range(LANES):
            r = dm[s] / dp[s] if dp[s] > 0.0 else (np.inf if dm[s] > 0.0 else 1.0)
            r = min(max(r, _LOW), _HIGH)  # float32's normal range: beyond it, values tie
            q[g, s] = np.float32(r)
            hi[g, s] = np.float32(r) * margin
    return valid


@njit(fastmath=_FAST, **_OPTIONS)
def _block(weights, start, ap, am, mult, pairs, margin, counts, wins, csum, near, nnear, work):
    # Tally rows start.. (at most LANES) of weights; near-ties are appended to near.
    n = weights.shape[1]
    mg = ap.shape[0]
    w2, dp, dm, q, hi, b, total, top, beat = work
    valid = _ratios(weights, start, ap, am, margin, w2, dp, dm, q, hi)
    # b[g, s]: alternatives surely above group g; beat[h, g]: samples with h above g.
    for s in range(LANES):
        total[s] = 0
        top[s] = 0
    for g in range(mg):
        for s in range(LANES):
            b[g, s] = 0
        h = 0
        while h + 4 <= mg:  # four rivals per pass over the samples
            t0, t1, t2, t3 = mult[h], mult[h + 1], mult[h + 2], mult[h + 3]
            c0 = c1 = c2 = c3 = 0
            for s in range(LANES):
                x = hi[g, s]
                e0 = np.int32(q[h, s] > x)
                e1 = np.int32(q[h + 1, s] > x)
                e2 = np.int32(q[h + 2, s] > x)
                e3 = np.int32(q[h + 3, s] > x)
                b[g, s] += (t0 * e0 + t1 * e1) + (t2 * e2 + t3 * e3)
                c0 += e0
                c1 += e1
                c2 += e2
                c3 += e3
            beat[h, g], beat[h + 1, g], beat[h + 2, g], beat[h + 3, g] = c0, c1, c2, c3
            h += 4
        for hh in range(h, mg):
            th = mult[hh]
            cnt = 0
            for s in range(LANES):
                e = np.int32(q[hh, s] > hi[g, s])
                b[g, s] += th * e
                cnt += e
            beat[hh, g] = cnt
        tg = mult[g]
        for s in range(LANES):
            total[s] += tg * b[g, s]
            top[s] = g if b[g, s] == 0 else top[s]
    # Count every sample (padding lanes beat nobody), then take the near-ties back out.
    for g in range(mg):
        for h in range(mg):
            wins[h, g] += beat[h, g]
        for s in range(valid):
            counts[g, b[g, s]] += 1
    for s in range(valid):
        if total[s] == pairs:
            f = top[s]
            for j in range(n):
                csum[f, j] += weights[start + s, j]
            continue
        for j in range(n):
            near[nnear, j] = weights[start + s, j]
        nnear += 1
        for g in range(mg):
            counts[g, b[g, s]] -= 1
            for h in range(mg):
                if q[h, s] > hi[g, s]:
                    wins[h, g] -= 1
    return nnear


@njit(**_OPTIONS)
def _workspace(mg, n):
    return (
        np.empty((n, LANES)),
        np.empty(LANES),
        np.empty(LANES),
        np.empty((mg, LANES), np.float32),
        np.empty((mg, LANES), np.float32),
        np.empty((mg, LANES), np.int32),
        np.empty(LANES, np.int32),
        np.empty(LANES, np.int32),
        np.empty((mg, mg), np.int32),
    )


@njit(**_OPTIONS)
def tally_weights(weights, ap, am, mult, pairs, margin, counts, wins, csum, near):
    """Tally weight rows ``(c, n)``; return how many near-tie rows were copied to ``near``."""
    work = _workspace(ap.shape[0], weights.shape[1])
    nnear = 0
    for start in range(0, weights.shape[0], LANES):
        nnear = _block(
            weights, start, ap, am, mult, pairs, margin, counts, wins, csum, near, nnear, work
        )
    return nnear


@njit(**_OPTIONS)
def _simplex_rows(rng, wb, valid, n):
    # Rows 0..valid of wb: n standard exponentials over their sum (uniform_draw's order
    # and arithmetic).
    for s in range(valid):
        for j in range(n):
            wb[s, j] = rng.standard_exponential()
    for s in range(valid):
        total = wb[s, 0]
        for j in range(1, n):
            total += wb[s, j]
        inv = 1.0 / total
        for j in range(n):
            wb[s, j] = wb[s, j] * inv


@njit(**_OPTIONS)
def _interval_rows(rng, wb, valid, lower, upper, slack, drawn, accepted):
    # lower + slack * u for uniform u, drawn candidate by candidate and rejected above an
    # upper bound (the sampler's numbers); returns the candidates drawn (-1: give up).
    n = lower.size
    for s in range(valid):
        while True:
            _simplex_rows(rng, wb[s : s + 1], 1, n)
            drawn += 1
            inside = True
            for j in range(n):
                wb[s, j] = lower[j] + slack * wb[s, j]
                inside = inside and wb[s, j] <= upper[j]
            if inside:
                break
            if drawn >= 100_000 and accepted + s < 1e-4 * drawn:
                return -1
    return drawn


@njit(**_OPTIONS)
def _rank_order(wb, valid, order, vals, rank):
    # The ordinal sampler: the ranked criteria's values of each row in descending order,
    # each placed by its rank (counted across the rows, so the loops vectorise).
    k = order.size
    for i in range(k):
        for s in range(valid):
            vals[i, s] = wb[s, order[i]]
            rank[i, s] = 0
    for i in range(k):
        for j in range(k):
            if j < i:  # equal values keep their order
                for s in range(valid):
                    rank[i, s] += vals[j, s] >= vals[i, s]
            elif j > i:
                for s in range(valid):
                    rank[i, s] += vals[j, s] > vals[i, s]
    for i in range(k):
        for s in range(valid):
            wb[s, order[rank[i, s]]] = vals[i, s]


@njit(**_OPTIONS)
def tally_drawn(rng, size, order, lower, upper, slack, ap, am, mult, pairs, margin, counts, wins,
                csum, near):  # fmt: skip
    """Tally ``size`` samples of uniform, ordinal (``order``) or interval (``slack > 0``)
    weights drawn here from ``rng`` (the numbers of the samplers' draw); return the count
    of near-ties copied to ``near``, or -1 when the interval region is too small."""
    n = ap.shape[1]
    work = _workspace(ap.shape[0], n)
    wb = np.empty((LANES, n))
    vals = np.empty((order.size, LANES))
    rank = np.empty((order.size, LANES), np.int64)
    nnear = drawn = 0
    for start in range(0, size, LANES):
        valid = min(LANES, size - start)
        if slack > 0.0:
            drawn = _interval_rows(rng, wb, valid, lower, upper, slack, drawn, start)
            if drawn < 0:
                return -1
        else:
            _simplex_rows(rng, wb, valid, n)
        if order.size > 1:
            _rank_order(wb, valid, order, vals, rank)
        nnear = _block(
            wb[:valid], 0, ap, am, mult, pairs, margin, counts, wins, csum, near, nnear, work
        )
    return nnear
