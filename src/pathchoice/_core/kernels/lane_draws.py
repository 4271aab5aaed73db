"""The samplers' numbers drawn by the numba kernel, 64 samples side by side (imported by
:mod:`~pathchoice._core.kernels.numba_kernels`, which ranks them).

Uniform, ordinal, interval and Dirichlet weights (:func:`draw_lanes`) and constrained
weights by rejection (:func:`draw_polytope`) come from the counter-based stream of
:mod:`~pathchoice._core.kernels.stream`, every array lane-major (``(n, LANES)``), so each
loop runs across the lanes and LLVM vectorises it. They are the numbers of the samplers'
own ``draw``, bit for bit: plain arithmetic in the same order, no fused multiply-add.

Compiled on first use and cached on disk (numba ``cache=True``). numba's cache of a
kernel is keyed by its own module: after editing this module alone, delete the
``numba_kernels.*`` cache files in ``__pycache__`` (the tally compiles these functions
in; an installed upgrade is unaffected).
"""

from __future__ import annotations

import numpy as np

from . import stream
from .dirichlet_lanes import SCRATCH, dirichlet_lanes
from .jit import KERNEL_OPTIONS as _OPTIONS
from .jit import njit

__all__ = ["DRAWING", "LANES", "draw_lanes", "draw_polytope", "drawing_buffers", "polytope_rows"]

#: Samples processed together (the comparisons vectorise across them).
LANES = 64
#: The buffers of :func:`drawing_buffers`, the first ones of the tally's workspace.
DRAWING = 6


@njit(**_OPTIONS)
def drawing_buffers(n, ranked):
    """The buffers of :func:`draw_lanes` and :func:`draw_polytope` for ``n`` criteria:
    lane-major weights, candidates, uniforms, ranked weights (SCRATCH rows at least: the
    Dirichlet sampler's scratch), accepted, the sorting network of the uniforms."""
    lanes = (n, LANES)
    return (np.empty(lanes), np.empty(lanes), np.empty((max(n - 1, 1), LANES)),
            np.empty((max(ranked, SCRATCH), LANES)), np.empty(LANES, np.bool_),
            _network(n - 1))  # fmt: skip


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
        dirichlet_lanes(key, start, valid, lower, wt, vals)
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
    work = drawing_buffers(n, 0)
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
