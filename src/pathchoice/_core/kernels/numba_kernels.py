"""The fused numba kernel of TOPSIS SMAA with fixed performance (imported only when used).

:func:`tally` ranks weight samples ``(c, n)`` against the merged
separation tables and accumulates rank counts, pairwise wins and first-place
weight sums, :data:`LANES` samples at a time (the loops run across the
samples, so LLVM vectorises them; up to 16 alternatives, ranks are counted in
8-bit counters packed into two words, not by one increment per sample). Per
sample: squared distances ``D = sum_j w_j**2 A_j`` with fused multiply-adds, the
ratio ``q = D- / D+`` rounded to float32, and the comparisons
``q_h > q_g * margin``. A sample in
which some pair of groups is closer than that margin (a near-tie) is left
out and its weights are handed back, for the exact tally of
:meth:`~pathchoice._core.kernels.numpy_kernels.Tally.add_keys`; see
:mod:`~pathchoice._core.kernels.numpy_kernels` for why both engines then count
alike. Or it draws uniform, ordinal, interval, Dirichlet and constrained (rejection)
weights itself (:func:`draw_lanes`, :func:`draw_polytope`), 64 samples side by side from
the counter-based stream of :mod:`~pathchoice._core.kernels.stream`: the samplers' own
numbers, bit for bit, already lane-major.

Compiled on first use and cached on disk (numba ``cache=True``).
"""

from __future__ import annotations

import numpy as np

from . import stream
from .dirichlet_lanes import dirichlet_lanes
from .jit import njit

__all__ = ["DRAWING", "LANES", "draw_lanes", "draw_polytope", "polytope_rows", "tally", "workspace"]

#: Samples processed together (the comparisons vectorise across them).
LANES = 64
#: The buffers of :func:`workspace` that :func:`draw_lanes` uses (the first ones).
DRAWING = 6

# No nnan/ninf: a ratio is inf when an alternative sits at the ideal.
_FAST = {"contract", "arcp", "nsz"}
_LOW = float(np.finfo(np.float32).tiny)
_HIGH = float(np.finfo(np.float32).max)
_OPTIONS = {"nogil": True, "error_model": "numpy", "boundscheck": False, "cache": True}


@njit(fastmath=_FAST, **_OPTIONS)
def _ratios(wt, valid, ap, am, margin, w2, dp, dm, q, hi):
    # q[g, s] (float32) and its upper margin hi = q * margin for the lane-major weights
    # wt[j, s] of samples s < valid (the other lanes get weight 0: they beat nobody).
    n, mg = wt.shape[0], ap.shape[0]
    for j in range(n):
        for s in range(LANES):
            w2[j, s] = wt[j, s] * wt[j, s] if s < valid else 0.0
    for g in range(mg):
        dp[:] = 0.0
        dm[:] = 0.0
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
            x, y = ap[g, jj], am[g, jj]
            for s in range(LANES):
                dp[s] += w2[jj, s] * x
                dm[s] += w2[jj, s] * y
        for s in range(LANES):
            r = dm[s] / dp[s] if dp[s] > 0.0 else (np.inf if dm[s] > 0.0 else 1.0)
            r = min(max(r, _LOW), _HIGH)  # float32's normal range: beyond it, values tie
            q[g, s] = np.float32(r)
            hi[g, s] = np.float32(r) * margin


@njit(fastmath=_FAST, **_OPTIONS)
def _block(valid, ap, am, mult, pairs, margin, counts, wins, csum, near, nnear, work):
    # Tally the samples s < valid of the lane-major weights wt[j, s] = work[0]; near-ties
    # are appended to near.
    mg, n = ap.shape
    wt = work[0]
    w2, dp, dm, q, hi, b, total, top, beat = work[DRAWING:]
    _ratios(wt, valid, ap, am, margin, w2, dp, dm, q, hi)
    # b[g, s]: alternatives surely above group g; beat[h, g]: samples with h above g.
    total[:] = 0
    top[:] = 0
    b[:] = 0
    for g in range(mg):
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
        _count(b[g], valid, counts[g])
    for s in range(valid):
        if total[s] == pairs:
            f = top[s]
            for j in range(n):
                csum[f, j] += wt[j, s]
            continue
        for j in range(n):
            near[nnear, j] = wt[j, s]
        nnear += 1
        for g in range(mg):
            counts[g, b[g, s]] -= 1
            for h in range(mg):
                if q[h, s] > hi[g, s]:
                    wins[h, g] -= 1
    return nnear


@njit(inline="always", **_OPTIONS)
def _count(ranks, valid, out):
    # out[r] += the lanes s < valid with ranks[s] == r. Up to 16 ranks: 8-bit counters,
    # eight to a uint64 word, summed across the lanes (vectorised; 64 lanes fit in 8 bits);
    # beyond, one increment per lane.
    if out.size > 16:
        for s in range(valid):
            out[ranks[s]] += 1
        return
    low = high = np.uint64(0)
    for s in range(LANES):
        r = ranks[s]
        one = np.uint64(s < valid) << np.uint64((r & 7) << 3)
        low += one if r < 8 else np.uint64(0)
        high += np.uint64(0) if r < 8 else one
    for r in range(out.size):
        out[r] += np.int64(((low if r < 8 else high) >> np.uint64((r & 7) << 3)) & np.uint64(255))


@njit(**_OPTIONS)
def workspace(mg, n, ranked):
    """Buffers of :func:`draw_lanes` (the first :data:`DRAWING`: lane-major weights,
    candidates, uniforms, ranked weights (two rows at least: the Dirichlet sampler's
    scratch), accepted, the sorting network of the uniforms)
    and of the tally, for ``mg`` groups and ``n`` criteria."""
    lanes, ints, f32, i32 = (n, LANES), (mg, LANES), np.float32, np.int32
    return (np.empty(lanes), np.empty(lanes), np.empty((max(n - 1, 1), LANES)),
            np.empty((max(ranked, 2), LANES)), np.empty(LANES, np.bool_), _network(n - 1),
            np.empty(lanes), np.empty(LANES), np.empty(LANES),
            np.empty(ints, f32), np.empty(ints, f32), np.empty(ints, i32), np.empty(LANES, i32),
            np.empty(LANES, i32), np.empty((mg, mg), i32))  # fmt: skip


_uniform = njit(inline="always", **_OPTIONS)(stream.uniform)


@njit(**_OPTIONS)
def _network(k):
    # Batcher's merge exchange for k items (Knuth, TAOCP vol. 3, 5.2.2, Algorithm M): the
    # compare-exchanges (i, i + d), in order; about k log2(k)**2 / 4 of them.
    pairs, m, t = np.empty((max(k * k, 1), 2), np.intp), 0, 0
    while (1 << t) < k:
        t += 1
    p = (1 << t) >> 1
    while p > 0:
        q, r, d = (1 << t) >> 1, 0, p
        while True:
            for i in range(k - d):
                if i & p == r:
                    pairs[m, 0], pairs[m, 1], m = i, i + d, m + 1
            if q == p:
                break
            q, r, d = q >> 1, p, q - p
        p >>= 1
    return pairs[:m]


@njit(**_OPTIONS)
def _sort_lanes(u, network):
    # The rows of u sorted in every lane by a sorting network: branch-free min/max across
    # the lanes (vectorised).
    for c in range(network.shape[0]):
        i, j = network[c, 0], network[c, 1]
        for s in range(LANES):
            a, b = u[i, s], u[j, s]
            u[i, s] = min(a, b)
            u[j, s] = max(a, b)


@njit(**_OPTIONS)
def _simplex_lanes(key, first, u, wt, network):
    # wt[:, s]: the uniform simplex point of sample first + s of stream key (the numbers
    # of stream.simplex_points): the spacings of its n - 1 sorted uniforms.
    k = wt.shape[0] - 1
    for i in range(k):
        for s in range(LANES):
            u[i, s] = _uniform(key, np.uint64((first + s) * k + i))
    _sort_lanes(u, network)
    for i in range(k + 1):  # (exact: multiples of 2**-53 in [0, 1])
        for s in range(LANES):
            wt[i, s] = (u[i, s] if i < k else 1.0) - (u[i - 1, s] if i else 0.0)


@njit(**_OPTIONS)
def draw_lanes(key, start, valid, order, lower, upper, slack, at, work):
    """Lanes ``0..valid`` of ``work[0]`` (``(n, LANES)``): samples ``start..`` of the
    uniform, ordinal (``order``) or interval (``slack > 0``, from candidate ``at``) sampler
    keyed ``key``, bit for bit; return the next candidate, -1 to give up (under 1 in
    10,000 candidates accepted after 100,000: the interval sampler's rule). ``slack < 0``:
    the Dirichlet sampler with parameters ``lower``."""
    wt, wc, u, vals, ok, network = work[:DRAWING]
    if slack < 0.0:
        dirichlet_lanes(key, start, valid, lower, wt, ok, vals)
        return at
    n = wt.shape[0]
    if slack <= 0.0:
        _simplex_lanes(key, start, u, wt, network)
    filled = valid if slack <= 0.0 else 0
    while filled < valid:  # candidates in order, any above an upper bound rejected
        c = at % LANES
        if c == 0:  # wc: candidates at.. (lower + slack * w), ok: inside the upper bounds
            _simplex_lanes(key, at, u, wc, network)
            ok[:] = True
            for j in range(n):
                for s in range(LANES):
                    wc[j, s] = lower[j] + slack * wc[j, s]
                    ok[s] &= wc[j, s] <= upper[j]
        if ok[c]:
            for j in range(n):
                wt[j, filled] = wc[j, c]
            filled += 1
        at += 1
        if at >= 100_000 and start + filled < 1e-4 * at:
            return -1
    k = order.size  # the ordinal sampler: ranked weights ascending by Rényi's partial sums
    for i in range(k):
        row, prior, den = order[i], max(i - 1, 0), np.float64(k - i)
        for s in range(LANES):
            vals[i, s] = wt[row, s] / den + (vals[prior, s] if i else 0.0)
    for i in range(k):  # the largest first
        for s in range(LANES):
            wt[order[k - 1 - i], s] = vals[i, s]
    return at


@njit(**_OPTIONS)
def _sparse_lanes(start, column, value, x, out):
    # out[r, s] = sum_e value[e] * x[column[e], s] over the non-zeros e of row r of a matrix
    # in compressed sparse rows, in order (zeros skipped add nothing), no fused
    # multiply-add: the numbers of the numpy draw. Four terms per pass over the lanes,
    # added one after the other: a quarter of the loads and stores of the accumulator.
    for r in range(start.shape[0] - 1):
        out[r, :] = 0.0
        e, end = start[r], start[r + 1]
        while e + 4 <= end:
            k0, k1, k2, k3 = column[e], column[e + 1], column[e + 2], column[e + 3]
            v0, v1, v2, v3 = value[e], value[e + 1], value[e + 2], value[e + 3]
            for s in range(LANES):
                out[r, s] = (
                    ((out[r, s] + v0 * x[k0, s]) + v1 * x[k1, s]) + v2 * x[k2, s]
                ) + v3 * x[k3, s]
            e += 4
        for q in range(e, end):
            k, v = column[q], value[q]
            for s in range(LANES):
                out[r, s] += v * x[k, s]


@njit(**_OPTIONS)
def _mix_lanes(polytope, lam, wt):
    # wt = V^T lam in every lane: by V^T's sparse rows or, with none, by undoing the cuts
    # (q, p, t) that made V, from the last: lam_q += (1 - t) lam_p, then lam_p *= t (two
    # products a cut). The numbers of the numpy draw.
    v_start, v_column, v_value, cut_q, cut_p, cut_t = polytope[:6]
    if v_column.size:
        _sparse_lanes(v_start, v_column, v_value, lam, wt)
        return
    for j in range(wt.shape[0]):
        for s in range(LANES):
            wt[j, s] = lam[j, s]
    for e in range(cut_q.size - 1, -1, -1):
        q, p, t = cut_q[e], cut_p[e], cut_t[e]
        a = 1.0 - t
        for s in range(LANES):
            wt[q, s] += a * wt[p, s]
            wt[p, s] *= t


@njit(**_OPTIONS)
def draw_polytope(key, start, valid, polytope, at, work):
    """Lanes ``0..valid`` of ``work[0]``: samples ``start..`` of the constrained sampler's
    rejection keyed ``key`` (from candidate ``at``), bit for bit; return the next
    candidate, -1 to give up (under 1 in 10,000 candidates kept after 100,000, as
    :func:`draw_lanes`).

    ``polytope`` is ``(v_start, v_column, v_value, cut_q, cut_p, cut_t, c_start,
    c_column, c_value, h)``: the proposal simplex's vertices as ``V^T`` in compressed
    sparse rows (column ``j`` of ``V`` in row ``j``) or, when ``V^T`` has no non-zeros,
    as the cuts that made them from the weight simplex (see :func:`_mix_lanes`); the rows
    left to check in the vertices' coordinates, ``C = G V^T``, in compressed sparse rows;
    and ``h``. Candidate ``c`` is the uniform simplex point ``lam`` of sample ``c`` of the
    stream: kept when ``C lam <= h`` (each sum in order), then mixed, ``w = V^T lam``.
    With no rows every candidate is kept: sample ``r`` is candidate ``r``.
    """
    c_start, c_column, c_value, h = polytope[6:]
    wt, wc, u, ok, network = work[0], work[1], work[2], work[4], work[5]
    n = wt.shape[0]
    lam = np.empty((n, LANES))
    if h.size == 0:
        _simplex_lanes(key, start, u, lam, network)
        _mix_lanes(polytope, lam, wt)
        return start + valid
    t = np.empty((h.size, LANES))
    filled = 0
    while filled < valid:  # candidates in order, those outside a row rejected
        first = c = at % LANES
        if c == 0:  # wc: candidates at.., ok: inside every row
            _simplex_lanes(key, at, u, wc, network)
            _sparse_lanes(c_start, c_column, c_value, wc, t)
            ok[:] = True
            for r in range(h.size):
                for s in range(LANES):
                    ok[s] &= t[r, s] <= h[r]
        kept = filled  # every candidate copied, then kept or overwritten: no branch
        while c < LANES and kept < valid:
            for j in range(n):
                lam[j, kept] = wc[j, c]
            kept += ok[c]
            c += 1
        filled = kept
        at += c - first
        if at >= 100_000 and start + filled < 1e-4 * at:
            return -1
    _mix_lanes(polytope, lam, wt)
    return at


@njit(**_OPTIONS)
def polytope_rows(key, polytope, out):
    """Fill ``out`` ``(size, n)`` with the samples :func:`draw_polytope` draws for a block
    of ``size`` (the constrained sampler's draw); return the candidates drawn, or -1 when
    it gives up."""
    size, n = out.shape
    work = workspace(1, n, 0)
    at = 0
    for start in range(0, size, LANES):
        valid = min(LANES, size - start)
        at = draw_polytope(key, start, valid, polytope, at, work)
        if at < 0:
            return -1
        for s in range(valid):
            for j in range(n):
                out[start + s, j] = work[0][j, s]
    return at


@njit(**_OPTIONS)
def _lay_rows(weights, first, valid, tol, wt):
    # Rows first.. of weights into lanes 0..valid of wt; with tol >= 0, whether they are
    # non-negative and sum to 1 within tol (NaN fails), summed in the same pass.
    fine = True
    for s in range(valid):
        total, low = 0.0, 0.0
        for j in range(wt.shape[0]):
            x = weights[first + s, j]
            wt[j, s] = x
            total += x
            low = min(low, x)
        fine &= low >= 0.0 and abs(total - 1.0) <= tol
    return fine or tol < 0.0


@njit(**_OPTIONS)
def tally(weights, tol, first, chunk, key, size, order, lower, upper, slack, ap, am, mult,
          pairs, margin, counts, wins, csum, near, ends, polytope):  # fmt: skip
    """Tally ``size`` samples: the rows of ``weights`` ``(size, n)`` if it has any, else
    uniform, ordinal (``order``), interval (``slack > 0``, then ``first = 0``), Dirichlet
    (``slack < 0``, parameters ``lower``) or constrained (``polytope`` not empty:
    :func:`draw_polytope`, then ``first = 0``) weights drawn here from the stream ``key``,
    its samples ``first ..`` (the numbers of the samplers' draw). First-place weights are
    summed per ``chunk`` samples (a multiple of :data:`LANES`) into ``csum[i]`` for chunk
    ``i``, whose near-ties end at ``ends[i]``. Return the count of near-ties copied to
    ``near``, -1 when the interval or constrained region is too small, or -2 when
    ``tol >= 0`` and some row is negative, not a number, or misses a sum of 1 by more than
    ``tol`` (checked in the pass that lays the rows into lanes)."""
    n = ap.shape[1]
    work = workspace(ap.shape[0], n, order.size)
    nnear = at = 0
    for start in range(0, size, LANES):
        valid, i = min(LANES, size - start), start // chunk
        if weights.shape[0]:
            if not _lay_rows(weights, start, valid, tol, work[0]):
                return -2
        else:
            if polytope[0].size:
                at = draw_polytope(key, start, valid, polytope, at, work)
            else:
                at = draw_lanes(key, first + start, valid, order, lower, upper, slack, at, work)
            if at < 0:
                return -1
        nnear = _block(valid, ap, am, mult, pairs, margin, counts, wins, csum[i], near, nnear,
                       work)  # fmt: skip
        ends[i] = nnear
    return nnear
