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
weights itself, 64 samples side by side, by the functions of
:mod:`~pathchoice._core.kernels.lane_draws` (re-exported here): the samplers' own numbers,
bit for bit, already lane-major.

Compiled on first use and cached on disk (numba ``cache=True``). The distances are
:func:`~pathchoice._core.topsis_numba.lane_distances`, batched TOPSIS's loop (compiled
into these kernels: after editing it alone, delete this module's cache files too).
"""

from __future__ import annotations

import numpy as np

from ..topsis_numba import lane_distances
from .jit import KERNEL_OPTIONS as _OPTIONS
from .jit import njit
from .lane_draws import DRAWING, LANES, draw_lanes, draw_polytope, drawing_buffers, polytope_rows
from .numpy_kernels import _HIGH, _LOW

__all__ = ["DRAWING", "LANES", "draw_lanes", "draw_polytope", "polytope_rows", "tally", "workspace"]

# No nnan/ninf: a ratio is inf when an alternative sits at the ideal.
_FAST = {"contract", "arcp", "nsz"}


@njit(fastmath=_FAST, **_OPTIONS)
def _ratios(wt, valid, ap, am, margin, w2, dp, dm, q, hi):
    # q[g, s] (float32) and its upper margin hi = q * margin for the lane-major weights
    # wt[j, s] of samples s < valid (the other lanes get weight 0: they beat nobody).
    n, mg = wt.shape[0], ap.shape[0]
    for j in range(n):
        for s in range(LANES):
            w2[j, s] = wt[j, s] * wt[j, s] if s < valid else 0.0
    for g in range(mg):
        lane_distances(ap, am, w2, g, dp, dm)
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
    total[:] = 0  # (top needs no reset: a decided sample has one group with b 0)
    b[:] = 0
    for g in range(mg):
        for h in range(0, q.shape[0], 4):  # four rivals per pass (the last padded: q 0, mult 0)
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
    """The buffers of :func:`~pathchoice._core.kernels.lane_draws.draw_lanes` (the first
    :data:`DRAWING`, see :func:`~pathchoice._core.kernels.lane_draws.drawing_buffers`) and
    of the tally, for ``mg`` groups and ``n`` criteria."""
    lanes, ints, f32, i32, rivals = (n, LANES), (mg, LANES), np.float32, np.int32, -mg // 4 * -4
    return drawing_buffers(n, ranked) + (  # noqa: RUF005 (numba adds tuples)
        np.empty(lanes), np.empty(LANES), np.empty(LANES), np.zeros((rivals, LANES), f32),
        np.empty(ints, f32), np.empty(ints, i32), np.empty(LANES, i32), np.empty(LANES, i32),
        np.empty((rivals, mg), i32))  # fmt: skip


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
    rivals = np.zeros(-mult.size // 4 * -4, np.int32)  # mult padded to whole passes of _block
    rivals[: mult.size] = mult
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
        nnear = _block(valid, ap, am, rivals, pairs, margin, counts, wins, csum[i], near, nnear,
                       work)  # fmt: skip
        ends[i] = nnear
    return nnear
