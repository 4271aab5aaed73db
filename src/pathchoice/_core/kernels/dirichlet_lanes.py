"""Dirichlet weights drawn by the numba kernel, 64 samples side by side (imported by
:mod:`~pathchoice._core.kernels.numba_kernels`).

The numbers of :func:`pathchoice._core.kernels.gamma.dirichlet_points`, bit for bit:
the same stream elements, tables and operations in the same order. Each criterion's
first attempt runs across the lanes (two stream elements, a table look-up, a few
products: it vectorises); the few lanes it does not settle (about 3 %) run the whole
algorithm one by one from the variate's first element, so a lane's value never depends
on its neighbours.
"""

from __future__ import annotations

import math

import numpy as np

from . import gamma, stream
from .jit import KERNEL_OPTIONS, njit

__all__ = ["dirichlet_lanes"]

_bits = njit(inline="always", **KERNEL_OPTIONS)(stream.bits)
_log_core = njit(inline="always", **KERNEL_OPTIONS)(gamma.log_core)
_exp_core = njit(inline="always", **KERNEL_OPTIONS)(gamma.exp_core)
_X, _F = gamma.X, gamma.F
_SPAN, _BOOST, _CAP, _UNIT = gamma.SPAN, np.uint64(gamma.BOOST), gamma.CAP, gamma.UNIT
_SQUEEZE, _THIRD, _BIG = gamma.SQUEEZE, gamma.THIRD, gamma.BIG
_SQRT_HALF, _EXP_MIN, _INV_LN2 = gamma.SQRT_HALF, gamma.EXP_MIN, gamma.INV_LN2
_M8, _B8, _S11, _ONE = np.uint64(255), np.uint64(256), np.uint64(11), np.uint64(1)
_S52, _MANTISSA, _HALF = np.uint64(52), np.uint64((1 << 52) - 1), np.uint64(1022 << 52)
_TINY = gamma.TINY


@njit(**KERNEL_OPTIONS)
def _log(x):
    if not x > 0.0:
        return -np.inf
    m, e = math.frexp(x)
    if m < _SQRT_HALF:
        m, e = m + m, e - 1
    return _log_core(m, np.float64(e))


@njit(**KERNEL_OPTIONS)
def _exp(x):
    if not x >= _EXP_MIN:
        return 0.0
    k = math.floor(x * _INV_LN2 + 0.5)
    return math.ldexp(_exp_core(x, np.float64(k)), k)


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
def _gamma(key, idx, d, c):
    # gamma.gammas for one variate.
    s = 0
    while s < _CAP:
        x, s = _normal(key, idx, s)
        v = 1.0 + c * x
        if not v > 0.0:
            continue
        v = v * v * v
        u = _open(_bits(key, idx + np.uint64(s) * _SPAN))
        s += 1
        x2 = x * x
        if u < 1.0 - _SQUEEZE * (x2 * x2):
            return d * v
        if _log(u) < 0.5 * x2 + d * ((1.0 - v) + _log(max(v, _TINY))):
            return d * v
    return d


@njit(**KERNEL_OPTIONS)
def _split(p, e):
    # p (positive normal floats, as uint64 bits) -> the mantissa m in [1/2, 1) in place,
    # e the exponent: p = m 2**e (frexp, vectorised).
    for s in range(p.size):
        b = p[s]
        e[s] = np.float64(np.int64(b >> _S52)) - 1022.0
        p[s] = (b & _MANTISSA) | _HALF


@njit(inline="always", **KERNEL_OPTIONS)
def _log_split(m, e):
    if m < _SQRT_HALF:
        m, e = m + m, e - 1.0
    return _log_core(m, e)


@njit(**KERNEL_OPTIONS)
def dirichlet_lanes(key, start, valid, alpha, wt, kept, scratch):
    """Lanes ``0..valid`` of ``wt`` (``(n, LANES)``): samples ``start..`` of
    ``Dirichlet(alpha)`` from the stream ``key`` (``gamma.dirichlet_points``, bit for
    bit); ``kept`` is a boolean buffer of ``LANES``, ``scratch`` a float one of
    ``(6, LANES)``."""
    n, lanes = wt.shape
    positive, small, last = 0, False, 0
    for j in range(n):
        if alpha[j] > 0.0:
            positive, small, last = positive + 1, small or alpha[j] < 1.0, j
    for j in range(n):
        for s in range(lanes):
            wt[j, s] = 0.0
    if positive == 1:
        for s in range(lanes):
            wt[last, s] = 1.0
        return
    bits = scratch.view(np.uint64)
    vv, uu, ev, eu, hx, dv = scratch[0], scratch[1], scratch[2], scratch[3], scratch[4], scratch[5]
    for j in range(n):
        a = alpha[j]
        if not a > 0.0:
            continue
        d = (a + 1.0 if a < 1.0 else a) - _THIRD
        c = 1.0 / np.sqrt(9.0 * d)
        base = np.uint64(start * n + j)
        for s in range(lanes):  # the first attempt of every lane (vectorised)
            idx = base + np.uint64(s * n)
            z = _bits(key, idx)
            layer = np.intp(z & _M8)
            x = np.float64(z >> _S11) * _UNIT * _X[layer]
            ok = x < _X[layer + 1]
            x = -x if z & _B8 else x
            v = 1.0 + c * x
            ok &= v > 0.0
            v = v * v * v
            u = _open(_bits(key, idx + _SPAN))
            x2 = x * x
            kept[s] = ok & (u < 1.0 - _SQUEEZE * (x2 * x2))
            wt[j, s] = d * v
            vv[s] = max(v, _TINY) if ok else 1.0
            uu[s] = u
            hx[s] = 0.5 * x2 if ok else -np.inf
            dv[s] = 1.0 - v
        _split(bits[0], ev)
        _split(bits[1], eu)
        for s in range(lanes):  # the logarithmic test (vectorised)
            lv = _log_split(vv[s], ev[s])
            kept[s] |= _log_split(uu[s], eu[s]) < hx[s] + d * (dv[s] + lv)
        for s in range(valid):
            if not kept[s]:
                wt[j, s] = _gamma(key, base + np.uint64(s * n), d, c)
        if small:
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
    for j in range(n):
        if alpha[j] > 0.0:
            for s in range(lanes):
                total[s] += wt[j, s]
    for s in range(lanes):
        total[s] = 1.0 / total[s]
    for j in range(n):
        if alpha[j] > 0.0:
            for s in range(lanes):
                wt[j, s] = wt[j, s] * total[s]
