"""The fused numba kernel of TOPSIS SMAA with fixed performance (imported only when used).

Per block of :data:`BLOCK` samples it computes the canonical squared
distances ``D = ((0 + w2_0 A_0) + w2_1 A_1) + ...`` (the operations and order
of :func:`pathchoice._core.kernels.numpy_kernels.canonical_q`: no fused
multiply-add, no reassociation), the ratio ``q = D- / D+``, the ranks by
pairwise comparison, and accumulates rank counts, pairwise wins and the
first-place weight sums. Samples in which two different rows tie exactly are
handed back to the caller, which tallies them with the numpy code, so both
engines count identically. The loops run across the samples of a block, so
LLVM vectorises them; four criteria (and four rivals) are handled per pass
to cut the loads and stores of the accumulators without changing the order
of the additions.

Compiled on first use and cached on disk (numba ``cache=True``).
"""

from __future__ import annotations

import numpy as np

try:
    from numba import njit
except ImportError:  # numba is optional (pathchoice[fast]); without it nothing here runs

    def njit(**_options: object):  # type: ignore[no-redef]
        return lambda function: function


__all__ = ["BLOCK", "from_uniform", "from_weights"]

#: Samples processed together (the comparisons vectorise across them).
BLOCK = 64

_OPTIONS = {"nogil": True, "error_model": "numpy", "boundscheck": False, "cache": True}


@njit(**_OPTIONS)
def core(w, n_valid, ap, am, mult, pairs, counts, wins, csum, oddw, nodd, w2, dp, dm, q, b, top):
    # One block of BLOCK samples, rows >= n_valid of w are padding.
    n = w.shape[1]
    mg = ap.shape[0]
    for j in range(n):
        for s in range(BLOCK):
            w2[j, s] = w[s, j] * w[s, j]
    for g in range(mg):
        for s in range(BLOCK):
            dp[g, s] = 0.0
            dm[g, s] = 0.0
    # D = ((0 + w2_0 A_0) + w2_1 A_1) + ..., four criteria per pass over the block
    # (the same additions in the same order, with a quarter of the stores).
    j0 = 0
    while j0 + 4 <= n:
        for g in range(mg):
            x0, x1, x2, x3 = ap[g, j0], ap[g, j0 + 1], ap[g, j0 + 2], ap[g, j0 + 3]
            y0, y1, y2, y3 = am[g, j0], am[g, j0 + 1], am[g, j0 + 2], am[g, j0 + 3]
            for s in range(BLOCK):
                v0, v1, v2, v3 = w2[j0, s], w2[j0 + 1, s], w2[j0 + 2, s], w2[j0 + 3, s]
                a = dp[g, s]
                a = a + v0 * x0
                a = a + v1 * x1
                a = a + v2 * x2
                a = a + v3 * x3
                dp[g, s] = a
                e = dm[g, s]
                e = e + v0 * y0
                e = e + v1 * y1
                e = e + v2 * y2
                e = e + v3 * y3
                dm[g, s] = e
        j0 += 4
    for j in range(j0, n):
        for g in range(mg):
            x = ap[g, j]
            y = am[g, j]
            for s in range(BLOCK):
                dp[g, s] += w2[j, s] * x
                dm[g, s] += w2[j, s] * y
    for g in range(mg):
        for s in range(BLOCK):
            num = dm[g, s]
            den = dp[g, s]
            r = num / den
            alt = np.inf if num > 0.0 else 1.0
            q[g, s] = r if den > 0.0 else alt
    # b[g, s]: alternatives strictly above group g; wins[h, g]: samples with h above g.
    for g in range(mg):
        for s in range(BLOCK):
            b[g, s] = 0
    for g in range(mg):
        h = 0
        while h + 4 <= mg:
            t0, t1, t2, t3 = mult[h], mult[h + 1], mult[h + 2], mult[h + 3]
            c0 = 0
            c1 = 0
            c2 = 0
            c3 = 0
            for s in range(BLOCK):
                qg = q[g, s]
                e0 = np.int32(q[h, s] > qg)
                e1 = np.int32(q[h + 1, s] > qg)
                e2 = np.int32(q[h + 2, s] > qg)
                e3 = np.int32(q[h + 3, s] > qg)
                b[g, s] += (t0 * e0 + t1 * e1) + (t2 * e2 + t3 * e3)
                c0 += e0
                c1 += e1
                c2 += e2
                c3 += e3
            wins[h, g] += c0
            wins[h + 1, g] += c1
            wins[h + 2, g] += c2
            wins[h + 3, g] += c3
            h += 4
        for hh in range(h, mg):
            th = mult[hh]
            cnt = 0
            for s in range(BLOCK):
                c = np.int32(q[hh, s] > q[g, s])
                b[g, s] += th * c
                cnt += c
            wins[hh, g] += cnt
    tot = np.zeros(BLOCK, np.int64)
    for s in range(BLOCK):
        top[s] = 0
    for g in range(mg):
        tg = mult[g]
        for s in range(BLOCK):
            tot[s] += tg * b[g, s]
            top[s] = g if b[g, s] == 0 else top[s]
    clean = True
    for s in range(BLOCK):
        if tot[s] != pairs or s >= n_valid:
            clean = False
    if clean:
        for g in range(mg):
            for s in range(BLOCK):
                counts[g, b[g, s]] += 1
        for s in range(BLOCK):
            f = top[s]
            for j in range(n):
                csum[f, j] += w[s, j]
        return nodd
    for s in range(BLOCK):
        if tot[s] != pairs or s >= n_valid:
            # Not decisive (a tie between different rows) or padding: undo its
            # wins; real samples go back to the caller for the exact tally.
            for g in range(mg):
                for h in range(mg):
                    if q[h, s] > q[g, s]:
                        wins[h, g] -= 1
            if s < n_valid:
                for j in range(n):
                    oddw[nodd, j] = w[s, j]
                nodd += 1
            continue
        for g in range(mg):
            counts[g, b[g, s]] += 1
        f = top[s]
        for j in range(n):
            csum[f, j] += w[s, j]
    return nodd


@njit(**_OPTIONS)
def _scratch(mg, n):
    # The work arrays of core for one block: w2, dp, dm, q, b, top.
    return (
        np.empty((n, BLOCK)),
        np.empty((mg, BLOCK)),
        np.empty((mg, BLOCK)),
        np.empty((mg, BLOCK)),
        np.empty((mg, BLOCK), np.int32),
        np.empty(BLOCK, np.int64),
    )


@njit(**_OPTIONS)
def from_weights(weights, ap, am, mult, pairs, counts, wins, csum, oddw):
    c, n = weights.shape
    mg = ap.shape[0]
    w2, dp, dm, q, b, top = _scratch(mg, n)
    pad = np.zeros((BLOCK, n))
    nodd = 0
    for start in range(0, c, BLOCK):
        nv = min(BLOCK, c - start)
        if nv == BLOCK:
            nodd = core(
                weights[start : start + BLOCK], BLOCK, ap, am, mult, pairs,
                counts, wins, csum, oddw, nodd, w2, dp, dm, q, b, top,
            )  # fmt: skip
        else:
            pad[:nv] = weights[start : start + nv]
            nodd = core(
                pad, nv, ap, am, mult, pairs, counts, wins, csum, oddw, nodd,
                w2, dp, dm, q, b, top,
            )  # fmt: skip
    return nodd


@njit(**_OPTIONS)
def from_uniform(rng, c, n, ap, am, mult, pairs, counts, wins, csum, oddw):
    # The samples of uniform_weights(c, n, rng=rng), drawn in the same order.
    mg = ap.shape[0]
    w2, dp, dm, q, b, top = _scratch(mg, n)
    wb = np.zeros((BLOCK, n))
    nodd = 0
    for start in range(0, c, BLOCK):
        nv = min(BLOCK, c - start)
        for s in range(nv):
            for j in range(n):
                wb[s, j] = rng.standard_exponential()
        for s in range(nv):
            total = wb[s, 0]
            for j in range(1, n):
                total += wb[s, j]
            inv = 1.0 / total
            for j in range(n):
                wb[s, j] = wb[s, j] * inv
        nodd = core(
            wb, nv, ap, am, mult, pairs, counts, wins, csum, oddw, nodd,
            w2, dp, dm, q, b, top,
        )  # fmt: skip
    return nodd
