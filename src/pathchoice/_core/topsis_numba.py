"""The numba kernel of batched TOPSIS: scores and ranks for K weight vectors (imported on use).

The weight vectors are cut into tasks of :data:`TASK` vectors, run in parallel
(numba ``prange``, each with its buffers allocated once). A task works
through blocks of :data:`LANES` vectors side by side, the loops running across the
vectors so that LLVM vectorises them. Per block: the rows laid into lanes and
squared (each checked finite, non-negative and summing to 1 in the same pass) and
copied to the result's weights; the squared distances ``dp = D+**2 = A+ @ w**2`` and
``dm = D-**2 = A- @ w**2`` with fused multiply-adds, four criteria per pass; the
closeness ``D- / (D+ + D-) = dm / (dm + sqrt(dp * dm))`` (one square root and one
division; 0.5 where both distances are 0); the ranks by counting, for each
alternative, the alternatives with a strictly higher score. Identical rows of
``A+``/``A-`` go through identical operations, so identical alternatives tie exactly.

The outputs (192 bytes per weight vector at 12 alternatives, and 96 for the weights'
copy; writing them and faulting in their fresh pages costs about as much as the
computation) are written with non-temporal stores, 64 bytes at a time, where the
caller has laid them out for it (64-byte aligned rows, see
:func:`pathchoice._core.topsis.numba_scores_ranks`): they go to memory without first
being read into the cache, which halves the memory traffic, and their fresh pages
are first touched by the thread that fills them. Compiled on first use and cached
on disk.
"""

from __future__ import annotations

import numpy as np

try:
    from llvmlite import ir
    from numba import njit, prange, types
    from numba.core.errors import TypingError
    from numba.extending import intrinsic
except ImportError:  # numba is optional (pathchoice[fast]); without it nothing here runs

    def njit(**_options: object):  # type: ignore[no-redef]
        return lambda function: function

    intrinsic = njit()
    prange = range


from .topsis import TIE_SCORE

__all__ = ["ALIGN", "LANES", "TASK", "lane_distances", "scores_ranks"]

#: Weight vectors processed side by side (the loops vectorise across them).
LANES = 64
#: Weight vectors per parallel task (a whole number of blocks of :data:`LANES`).
TASK = 16 * LANES
#: Bytes to which the rows of streamed outputs must be aligned.
ALIGN = 64
_OPTIONS = {"nogil": True, "error_model": "numpy", "boundscheck": False, "cache": True}
# FMA contraction only: no reassociation, so the sums keep their order.
_FAST = {"contract"}
_NORMAL = float(np.finfo(np.float64).tiny)


@intrinsic
def _stream8(typingctx, dst, at, src, start):  # pragma: no cover - compiled by numba
    """``dst.flat[at:at + 8] = src.flat[start:start + 8]`` by one non-temporal store.

    Both arrays C-contiguous of the same dtype; ``dst`` + ``at`` 64-byte aligned.
    """
    if not (isinstance(dst, types.Array) and isinstance(src, types.Array)):
        raise TypingError("_stream8 takes two arrays")
    if dst.layout != "C" or src.layout != "C" or dst.dtype != src.dtype:
        raise TypingError("_stream8 needs C-contiguous arrays of one dtype")

    def codegen(context, builder, signature, args):
        dty, _, sty, _ = signature.args
        vector = ir.VectorType(context.get_data_type(dty.dtype), 8).as_pointer()
        target = context.make_array(dty)(context, builder, args[0]).data
        source = context.make_array(sty)(context, builder, args[2]).data
        target = builder.gep(target, [args[1]])  # element pointers: gep counts elements
        source = builder.gep(source, [args[3]])
        value = builder.load(builder.bitcast(source, vector), align=8)
        store = builder.store(value, builder.bitcast(target, vector), align=ALIGN)
        store.set_metadata("nontemporal", builder.module.add_metadata([ir.IntType(32)(1)]))
        return context.get_dummy_value()

    return types.void(dst, types.intp, src, types.intp), codegen


@intrinsic
def _fence(typingctx):  # pragma: no cover - compiled by numba
    """A full memory fence: the non-temporal stores before it are visible to all threads."""

    def codegen(context, builder, signature, args):
        builder.fence("seq_cst")
        return context.get_dummy_value()

    return types.void(), codegen


@njit(**_OPTIONS)
def _lay(w, lo, c, tol, w2, copy, stream):  # pragma: no cover - compiled by numba
    # Rows lo..lo+c of w, squared, into the lanes of w2 (the other lanes 0) and into
    # copy; whether they are finite, non-negative and sum to 1 within tol (NaN and
    # infinities make the sum fail).
    n = w.shape[1]
    fine = True
    for s in range(c):
        total = 0.0
        low = 0.0
        for j in range(n):
            v = w[lo + s, j]
            w2[j, s] = v * v
            total += v
            low = min(low, v)
        fine &= low >= 0.0 and abs(total - 1.0) <= tol
    for j in range(n):
        for s in range(c, LANES):
            w2[j, s] = 0.0
    if stream and c == LANES:
        for t in range(lo * n, (lo + LANES) * n, 8):
            _stream8(copy, t, w, t)
    else:
        for s in range(c):
            for j in range(n):
                copy[lo + s, j] = w[lo + s, j]
    return fine


@njit(fastmath=_FAST, inline="always", **_OPTIONS)
def lane_distances(ap, am, w2, i, dp, dm):  # pragma: no cover - compiled by numba
    """``dp[s] = sum_j ap[i, j] * w2[j, s]`` and ``dm[s]`` likewise with ``am``, for the
    :data:`LANES` lanes of the lane-major squared weights ``w2`` (n, LANES): the squared
    distances of alternative ``i`` to the ideal and the anti-ideal, with fused
    multiply-adds, four criteria per pass (a quarter of the accumulators' traffic)."""
    n = ap.shape[1]
    dp[:] = 0.0
    dm[:] = 0.0
    j = 0
    while j + 4 <= n:
        x0, x1, x2, x3 = ap[i, j], ap[i, j + 1], ap[i, j + 2], ap[i, j + 3]
        y0, y1, y2, y3 = am[i, j], am[i, j + 1], am[i, j + 2], am[i, j + 3]
        for s in range(LANES):
            v0, v1, v2, v3 = w2[j, s], w2[j + 1, s], w2[j + 2, s], w2[j + 3, s]
            dp[s] += v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3
            dm[s] += v0 * y0 + v1 * y1 + v2 * y2 + v3 * y3
        j += 4
    for jj in range(j, n):
        x, y = ap[i, jj], am[i, jj]
        for s in range(LANES):
            dp[s] += w2[jj, s] * x
            dm[s] += w2[jj, s] * y


@njit(fastmath=_FAST, **_OPTIONS)
def _closeness(ap, am, w2, dp, dm, sc):  # pragma: no cover - compiled by numba
    # sc[i, s]: the closeness of alternative i under the squared weights w2[:, s].
    for i in range(ap.shape[0]):
        lane_distances(ap, am, w2, i, dp, dm)
        # D- / (D+ + D-) = dm / (dm + sqrt(dp * dm)) with dp = D+**2, dm = D-**2: one
        # square root and one division instead of two and one. Where the product of
        # two non-zero distances falls below float64's normal range (tiny distances)
        # it loses digits or vanishes: the block's row is then redone the textbook way.
        tiny = False
        for s in range(LANES):
            d = dm[s]
            g = dp[s] * d
            tiny |= (g < _NORMAL) & (dp[s] > 0.0) & (d > 0.0)
            v = d / (d + np.sqrt(g))
            sc[i, s] = v if d > 0.0 else (0.0 if dp[s] > 0.0 else TIE_SCORE)
        if tiny:
            for s in range(LANES):
                p = np.sqrt(dp[s])
                q = np.sqrt(dm[s])
                t = p + q
                sc[i, s] = q / t if t > 0.0 else TIE_SCORE


@njit(inline="always", **_OPTIONS)
def _above(sc, h, s, x):  # pragma: no cover - compiled by numba
    # How many of alternatives h..h+3 score strictly above x in lane s.
    return (np.int64(sc[h, s] > x) + np.int64(sc[h + 1, s] > x)) + (
        np.int64(sc[h + 2, s] > x) + np.int64(sc[h + 3, s] > x)
    )


@njit(**_OPTIONS)
def _rank(sc, rk):  # pragma: no cover - compiled by numba
    # rk[i, s] = 1 + the alternatives scoring strictly above i (ties share the minimum).
    m = sc.shape[0]
    for i in range(m):
        for s in range(LANES):
            rk[i, s] = 1
        h = 0
        while h + 8 <= m:  # eight rivals per pass over the lanes, then four, then one
            for s in range(LANES):
                x = sc[i, s]
                rk[i, s] += _above(sc, h, s, x) + _above(sc, h + 4, s, x)
            h += 8
        while h + 4 <= m:
            for s in range(LANES):
                rk[i, s] += _above(sc, h, s, sc[i, s])
            h += 4
        for hh in range(h, m):
            for s in range(LANES):
                rk[i, s] += np.int64(sc[hh, s] > sc[i, s])


@njit(**_OPTIONS)
def _store(sc, rk, lo, c, stream, scores, ranks):  # pragma: no cover - compiled by numba
    # Lanes 0..c of sc and rk into columns lo.. of scores and ranks.
    m, k = scores.shape
    if stream and c == LANES:
        for i in range(m):
            for s in range(0, LANES, 8):
                _stream8(scores, i * k + lo + s, sc, i * LANES + s)
                _stream8(ranks, i * k + lo + s, rk, i * LANES + s)
    else:
        for i in range(m):
            for s in range(c):
                scores[i, lo + s] = sc[i, s]
                ranks[i, lo + s] = rk[i, s]


@njit(**_OPTIONS)
def _task(ap, am, w, tol, start, stop, scores, ranks, copy, streams):  # pragma: no cover
    # Weight vectors start..stop (start a multiple of LANES); the first bad row or -1.
    m, n = ap.shape
    w2 = np.empty((n, LANES))
    dp = np.empty(LANES)
    dm = np.empty(LANES)
    sc = np.empty((m, LANES))
    rk = np.empty((m, LANES), dtype=np.int64)
    bad = -1
    for lo in range(start, stop, LANES):
        c = min(stop - lo, LANES)
        if not _lay(w, lo, c, tol, w2, copy, streams[1]) and bad < 0:
            bad = lo  # the block's first row: the caller's full check names the row
        _closeness(ap, am, w2, dp, dm, sc)
        _rank(sc, rk)
        _store(sc, rk, lo, c, streams[0], scores, ranks)
    _fence()
    return bad


@njit(parallel=True, **_OPTIONS)
def scores_ranks(ap, am, w, tol, scores, ranks, copy, streams):  # pragma: no cover
    """Fill ``scores`` and ``ranks`` (each (m, K)) and ``copy`` (K, n) = ``w``.

    ``streams``: whether to write (``scores`` and ``ranks``, ``copy``) with
    non-temporal stores, a tuple of two booleans; only for arrays whose rows start
    64-byte aligned. Returns, per task, the first row of the first
    block holding a weight vector that is not finite, non-negative and summing to
    1 within ``tol``, or -1.
    """
    k = w.shape[0]
    n_tasks = (k + TASK - 1) // TASK
    bad = np.full(n_tasks, -1, dtype=np.int64)
    # prange splits the tasks evenly between the threads. Measured against one loop per
    # thread claiming tasks from an atomic counter (in turn, or from both ends), that
    # split was as fast at 1,000,000 vectors and faster for short batches (60,000:
    # 11 ms against 20) on a loaded machine.
    for t in prange(n_tasks):
        start = t * TASK
        stop = min(k, start + TASK)
        bad[t] = _task(ap, am, w, tol, start, stop, scores, ranks, copy, streams)
    return bad
