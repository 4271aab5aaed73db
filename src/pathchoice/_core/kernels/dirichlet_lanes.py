"""Dirichlet weights drawn by the numba kernel, 64 samples side by side (imported by
:mod:`~pathchoice._core.kernels.lane_draws`).

The numbers of :func:`pathchoice._core.kernels.gamma.dirichlet_points`, bit for bit:
the same stream elements, tables and operations in the same order (``log``/``exp`` by
LLVM bitcasts instead of ``frexp``/``ldexp``: the same values). Each criterion's first
attempt runs across the lanes (two stream elements, two table look-ups, a few products
and the squeeze: it vectorises; on this machine the two look-ups, AVX-512 gathers, are
its largest cost, not the hashing). The lanes it does not settle (1 % at alpha = 8, 9 %
at alpha = 1; about 0.16 variates a sample at 12 criteria around given weights with
concentration 100) are listed from a bit mask, the whole block's together, and settled
in rounds across the list, one attempt each from the variate's next element (its
normal from the core or the wedge, the squeeze, the logarithms): the same steps as the
one-by-one algorithm, computed for every listed variate without branches (vectorised),
in place of a branchy draw per variate, which cost about 100 ns each (mispredictions
and the logarithms' latency). A normal in the ziggurat's tail is drawn one by one. So a
lane's value never depends on its neighbours and any sample range can be drawn alone.

numba's disk cache of the kernels that compile this code in (with the tables of
:mod:`~pathchoice._core.kernels.gamma` as constants) is keyed by their own modules:
after editing this module or ``gamma.py`` alone, delete the ``numba_kernels.*`` and
``lane_draws.*`` ``.nbi``/``.nbc`` files in ``__pycache__`` (the bit-for-bit tests fail
otherwise).
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir  # numba's own dependency
from numba import types
from numba.extending import intrinsic

from . import gamma, stream
from .jit import KERNEL_OPTIONS, njit

__all__ = ["SCRATCH", "dirichlet_lanes", "dirichlet_rows"]

#: Rows of the scratch buffer of :func:`dirichlet_lanes`.
SCRATCH = 8

_bits = njit(inline="always", **KERNEL_OPTIONS)(stream.bits)
_log_core = njit(inline="always", **KERNEL_OPTIONS)(gamma.log_core)
_exp_core = njit(inline="always", **KERNEL_OPTIONS)(gamma.exp_core)
_X, _F = gamma.X, gamma.F
_SPAN, _BOOST, _CAP, _UNIT = gamma.SPAN, np.uint64(gamma.BOOST), gamma.CAP, gamma.UNIT
_THIRD, _BIG, _HUGE = gamma.THIRD, gamma.BIG, gamma.HUGE
_SQRT_HALF, _EXP_MIN, _INV_LN2 = gamma.SQRT_HALF, gamma.EXP_MIN, gamma.INV_LN2
_M8, _B8 = np.uint64(gamma.LAYERS - 1), np.uint64(gamma.LAYERS)  # layer mask, sign bit
_S11, _ONE = np.uint64(11), np.uint64(1)
_S52, _MANTISSA, _HALF = np.uint64(52), np.uint64((1 << 52) - 1), np.uint64(1022 << 52)
_TINY, _TWO54, _TWO_M54 = gamma.TINY, 2.0**54, 2.0**-54


@intrinsic
def _as_bits(typingctx, x):  # a float64's bits (LLVM bitcast: free, vectorises)
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))

    return types.uint64(types.float64), codegen


@intrinsic
def _as_float(typingctx, b):  # the float64 of these bits
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return types.float64(types.uint64), codegen


@njit(inline="always", **KERNEL_OPTIONS)
def _log(x):
    # gamma.log: frexp by the bits (subnormals scaled by 2**54 first), then log_core.
    sub = x < _TINY
    b = _as_bits(x * _TWO54 if sub else x)
    e = np.float64(np.int64(b >> _S52)) - (1076.0 if sub else 1022.0)
    m = _as_float((b & _MANTISSA) | _HALF)
    if m < _SQRT_HALF:
        m, e = m + m, e - 1.0
    r = _log_core(m, e)
    return r if x > 0.0 else -np.inf


@njit(inline="always", **KERNEL_OPTIONS)
def _exp(x):
    # gamma.exp: 2**k by its bits; below 2**-1022 in two exact steps (as ldexp rounds).
    keep = x >= _EXP_MIN
    x = x if keep else 0.0
    k = np.floor(x * _INV_LN2 + 0.5)
    p = _exp_core(x, k)
    i = np.int64(k)
    if i < -1022:
        p = p * _as_float(np.uint64(i + 1077) << _S52) * _TWO_M54
    else:
        p = p * _as_float(np.uint64(i + 1023) << _S52)
    return p if keep else 0.0


@njit(inline="always", **KERNEL_OPTIONS)
def _open(z):  # a uniform in (0, 1]
    return np.float64((z >> _S11) + _ONE) * _UNIT


@njit(**KERNEL_OPTIONS)
def _normal(key, idx, s):
    # gamma.normals for one variate: the normal and the next element.
    while s < _CAP:
        z = _bits(key, idx + np.uint64(s) * _SPAN)
        s += 1
        layer = np.intp(z & _M8)
        x = np.float64(z >> _S11) * _UNIT * _X[layer]
        done = x < _X[layer + 1]
        if not done and layer > 0:
            y = _F[layer] + _open(_bits(key, idx + np.uint64(s) * _SPAN)) * (
                _F[layer + 1] - _F[layer]
            )
            s += 1
            done = y < _exp(-0.5 * (x * x))
        elif not done:
            while s < _CAP:
                a = -_log(_open(_bits(key, idx + np.uint64(s) * _SPAN))) / _X[1]
                b = -_log(_open(_bits(key, idx + np.uint64(s + 1) * _SPAN)))
                s += 2
                if b + b >= a * a:
                    x, done = _X[1] + a, True
                    break
        if done:
            return (-x if z & _B8 else x), s
    return 0.0, s


@njit(**KERNEL_OPTIONS)
def _gamma(key, idx, d, c, k, s):
    # gamma.gammas for one variate, from its element s (an attempt's first).
    while s < _CAP:
        x, s = _normal(key, idx, s)
        v = 1.0 + c * x
        if not v > 0.0:
            continue
        u = _open(_bits(key, idx + np.uint64(s) * _SPAN))
        s += 1
        x2 = x * x
        if (1.0 - u) * min(v, 1.0) > k * (x2 * x2):
            return d * (v * v * v)
        v = v * v * v
        if _log(u) < 0.5 * x2 + d * ((1.0 - v) + _log(max(v, _TINY))):
            return d * v
    return d


@intrinsic
def _lowest(typingctx, m):  # the index of the lowest set bit of m, 64 for 0 (cttz)
    def codegen(context, builder, signature, args):
        return builder.cttz(args[0], ir.Constant(ir.IntType(1), 0))

    return types.uint64(types.uint64), codegen


@intrinsic
def _count(typingctx, m):  # the set bits of m (ctpop)
    def codegen(context, builder, signature, args):
        return builder.ctpop(args[0])

    return types.uint64(types.uint64), codegen


@njit(**KERNEL_OPTIONS)
def _settle(key, wt, open_, q):
    # The variates open_[:, :q] left open (rows: index, lane j * 64 + s, next element e,
    # d, c), by rounds of one attempt each across them (branch-free: vectorised): a
    # normal from element e (the core; or the wedge, with element e + 1), then the
    # attempt (v > 0, its uniform, the squeeze, else the logarithms), _gamma's steps in
    # its order; res: the round's value, next element and outcome (1 a value, 0 open, 2
    # a normal in the tail). An attempt that ends without a value leaves the variate open
    # from its next element; a normal in the tail (or a variate past its tenth round) is
    # drawn on by _gamma, one by one. (Rows indexed in place: row views would be
    # reference-counted; res an array of its own, which LLVM knows aliases nothing: the
    # round vectorises then, not with the results in open_.)
    res = np.empty((3, 64))
    for _ in range(10):
        if q == 0:
            return
        width = min(64, (q + 7) // 8 * 8)  # whole vectors (the padding: copies)
        for t in range(q, width):
            for r in range(5):
                open_[r, t] = open_[r, 0]
        for t in range(width):
            idx, e = np.uint64(open_[0, t]), np.uint64(open_[2, t])
            d, c = open_[3, t], open_[4, t]
            z = _bits(key, idx + e * _SPAN)
            layer = np.intp(z & _M8)
            x = np.float64(z >> _S11) * _UNIT * _X[layer]
            core = x < _X[layer + 1]
            w = _open(_bits(key, idx + (e + _ONE) * _SPAN))
            y = _F[layer] + w * (_F[layer + 1] - _F[layer])
            wedge = layer > 0 and y < _exp(-0.5 * (x * x))
            x = -x if z & _B8 else x
            eu = e + (_ONE if core else np.uint64(2))  # the attempt's uniform
            u = w if core else _open(_bits(key, idx + eu * _SPAN))
            v = 1.0 + c * x
            x2 = x * x
            k = c * c / 12.0
            v3 = v * v * v
            squeeze = (1.0 - u) * min(v, 1.0) > k * (x2 * x2)
            logs = _log(u) < 0.5 * x2 + d * ((1.0 - v3) + _log(max(v3, _TINY)))
            normal = core or wedge
            done = normal and v > 0.0 and (squeeze or logs)
            res[0, t] = d * v3
            res[1, t] = np.float64(eu + _ONE if v > 0.0 else eu) if normal else open_[2, t] + 2.0
            res[2, t] = 1.0 if done else (0.0 if normal or layer > 0 else 2.0)
        kept = 0
        for t in range(q):  # values written, the variates still open kept in order
            lane = np.intp(open_[1, t])
            j, s = lane >> 6, lane & 63
            wt[j, s] = res[0, t]
            if res[2, t] == 2.0:  # the tail: one by one
                wt[j, s] = _gamma_at(key, open_, t)
            for r in range(5):
                open_[r, kept] = open_[r, t]
            open_[2, kept] = res[1, t]
            kept += res[2, t] == 0.0
        q = kept
    for t in range(q):
        lane = np.intp(open_[1, t])
        wt[lane >> 6, lane & 63] = _gamma_at(key, open_, t)


@njit(inline="always", **KERNEL_OPTIONS)
def _gamma_at(key, open_, t):  # _gamma for the open variate t, from its next element
    c = open_[4, t]
    return _gamma(key, np.uint64(open_[0, t]), open_[3, t], c, c * c / 12.0, np.intp(open_[2, t]))


@njit(**KERNEL_OPTIONS)
def dirichlet_lanes(key, start, valid, alpha, wt, scratch):
    """Lanes ``0..valid`` of ``wt`` (``(n, LANES)``): samples ``start..`` of
    ``Dirichlet(alpha)`` from the stream ``key`` (``gamma.dirichlet_points``, bit for
    bit); ``scratch`` is a float buffer of ``(SCRATCH, LANES)``."""
    n, lanes = wt.shape  # (lanes: 64)
    positive, small = 0, False
    for j in range(n):
        if alpha[j] > 0.0:
            positive, small = positive + 1, small or alpha[j] < 1.0 or alpha[j] > _HUGE
    for j in range(n):
        a = alpha[j]
        if not a > 0.0 or positive == 1:  # weight 0, or 1 on the only positive parameter
            for s in range(lanes):
                wt[j, s] = 0.0 if not a > 0.0 else 1.0
    if positive == 1:
        return
    q = 0  # variates left open, in scratch's columns
    for j in range(n):
        a = alpha[j]
        if not a > 0.0:
            continue
        d = (a + 1.0 if a < 1.0 else a) - _THIRD
        c = 1.0 / np.sqrt(9.0 * d)
        k = c * c / 12.0
        base, missed = np.uint64(start * n + j), np.uint64(0)
        for s in range(lanes):  # the first attempt of every lane (vectorised)
            idx = base + np.uint64(s * n)
            z = _bits(key, idx)
            layer = np.intp(z & _M8)
            x = np.float64(z >> _S11) * _UNIT * _X[layer]
            ok = x < _X[layer + 1]
            x = -x if z & _B8 else x
            v = 1.0 + c * x
            ok &= v > 0.0
            u = _open(_bits(key, idx + _SPAN))
            x2 = x * x
            ok &= (1.0 - u) * min(v, 1.0) > k * (x2 * x2)
            wt[j, s] = d * (v * v * v)
            missed |= np.uint64(not ok) << np.uint64(s)
        if valid < lanes:
            missed &= (_ONE << np.uint64(valid)) - _ONE
        if q + np.intp(_count(missed)) > lanes - 2:
            _settle(key, wt, scratch, q)
            q = 0
        for i in range(64):  # the lanes left open, listed (the first two without a branch)
            if i >= 2 and not missed:
                break
            s = _lowest(missed)  # 64 when none are left: written, not counted
            scratch[0, q] = np.float64(base + s * np.uint64(n))
            scratch[1, q] = np.float64(j * 64 + s)
            scratch[2, q], scratch[3, q], scratch[4, q] = 0.0, d, c
            q += missed != 0
            missed &= missed - _ONE
    _settle(key, wt, scratch, q)
    if small:  # the logarithms, with the boost of a parameter below 1
        for j in range(n):
            a = alpha[j]
            if not a > 0.0:
                continue
            base = np.uint64(start * n + j)
            for s in range(valid):
                g = _log(wt[j, s])
                if a < 1.0:
                    z = _bits(key, base + np.uint64(s * n) + _BOOST * _SPAN)
                    g += max(_log(_open(z)) / a, -_BIG)
                wt[j, s] = g
    _normalise(wt, valid, alpha, small, scratch[0], scratch[1])


@njit(**KERNEL_OPTIONS)
def _normalise(wt, valid, alpha, small, top, total):
    # w_j = g_j / sum g (sums over the criteria in order); from logarithms with a small
    # parameter: exp(L_j - max L) / sum exp(L - max L).
    n, lanes = wt.shape
    top[:] = -np.inf
    total[:] = 0.0
    if small:
        for j in range(n):
            if alpha[j] > 0.0:
                for s in range(valid):
                    top[s] = max(top[s], wt[j, s])
        for j in range(n):
            if alpha[j] > 0.0:
                for s in range(valid):
                    wt[j, s] = _exp(wt[j, s] - top[s])
    # Every row, four per pass over the lanes (a weight 0 adds exactly nothing).
    j = 0
    while j + 4 <= n:
        for s in range(lanes):
            total[s] = (((total[s] + wt[j, s]) + wt[j + 1, s]) + wt[j + 2, s]) + wt[j + 3, s]
        j += 4
    for i in range(j, n):
        for s in range(lanes):
            total[s] += wt[i, s]
    for s in range(lanes):
        total[s] = 1.0 / total[s]
    j = 0
    while j + 4 <= n:
        for s in range(lanes):
            r = total[s]
            wt[j, s], wt[j + 1, s] = wt[j, s] * r, wt[j + 1, s] * r
            wt[j + 2, s], wt[j + 3, s] = wt[j + 2, s] * r, wt[j + 3, s] * r
        j += 4
    for i in range(j, n):
        for s in range(lanes):
            wt[i, s] = wt[i, s] * total[s]


@njit(**KERNEL_OPTIONS)
def dirichlet_rows(key, alpha, first, out):
    """``out`` (``(count, n)``): samples ``first .. first + count`` of ``Dirichlet(alpha)``
    from the stream ``key``, the rows of ``gamma.dirichlet_points``, 64 at a time."""
    count, n = out.shape
    wt, scratch = np.empty((n, 64)), np.empty((SCRATCH, 64))
    for start in range(0, count, 64):
        valid = min(64, count - start)
        dirichlet_lanes(key, first + start, valid, alpha, wt, scratch)
        for s in range(valid):
            for j in range(n):
                out[start + s, j] = wt[j, s]
