"""Gamma variates and Dirichlet points from the counter-based stream, in plain arithmetic.

The numbers depend only on the stream's key and on their place, and use only operations
every engine rounds alike (+, -, ×, ÷, sqrt, comparisons, integer and exponent
operations; no libm ``log``/``exp``, no fused multiply-adds), so this numpy code and the
numba kernel of :mod:`~pathchoice._core.kernels.dirichlet_lanes` give the same bits.

* **Places.** Gamma variate ``(r, j)`` (sample ``r``, criterion ``j`` of ``n``) reads the
  elements ``idx + s * SPAN`` of the stream (:mod:`~pathchoice._core.kernels.stream`),
  ``idx = r n + j``, for ``s = 0, 1, 2, ...`` in order, as its algorithm needs them, and
  its boost uniform (below) at ``s = BOOST``. So any sample range is drawn on its own.
* **Normals**: the ziggurat of Marsaglia & Tsang (2000b) with :data:`LAYERS` = 1024
  layers (``r`` solved so that the top layer closes at 0, as their 128- and 256-layer
  constants 3.442619855899 and 3.6541528853610088 are). Element bits ``z``: layer
  ``z & 1023``, sign bit 10, ``u = (z >> 11) 2**-53``; ``x = u X[i]`` is taken when
  ``x < X[i + 1]`` (99.6 % of draws: a look-up, a product, a comparison),
  otherwise the wedge test ``y < exp(-x**2 / 2)`` with one more uniform, or in the base
  layer the tail ``r + a`` of Marsaglia (1964): ``a = -log(U1) / r`` kept when
  ``-2 log(U2) >= a**2``.
* **Gamma(alpha), alpha >= 1**: Marsaglia & Tsang (2000a): ``d = alpha - 1/3``,
  ``c = 1 / sqrt(9 d)``, ``v = (1 + c x)**3`` for a normal ``x`` (again when ``v <= 0``)
  and a uniform ``U``; ``d v`` is kept when ``log U < h = x**2 / 2 + d (1 - v + log v)``,
  else both are drawn again. The squeeze that spares the logarithms is tighter than
  their ``U < 1 - 0.0331 x**4``, which leaves 8 % of attempts at alpha = 8 to the
  logarithms: with ``t = c x``, ``h = 3 d (log(1 + t) - t + t**2 / 2 - t**3 / 3)``,
  and ``log(1 + t) >= t - t**2 / 2 + t**3 / 3 - t**4 / (4 min(1, 1 + t))`` (for
  ``t >= 0`` the derivative of the difference is ``t**4 / (1 + t)``; for ``-1 < t < 0``
  the series' remaining terms are at least ``-|t|**4 / (4 (1 + t))``), so ``h >=
  -(c**2 / 12) x**4 / min(1, 1 + c x)`` and, as ``log U <= U - 1``, ``(1 - U) min(1, 1
  + c x) > (c**2 / 12) x**4`` implies acceptance: 99.6 % of attempts at alpha = 8,
  93 % at alpha = 1, without a logarithm. **alpha < 1**: their boost ``G(alpha + 1)
  U**(1/alpha)``, in logarithms.
* **Dirichlet**: ``w_j = G_j / sum G``; with a parameter below 1 (or above
  :data:`HUGE`, where the sum could overflow) the logarithms
  ``L_j`` are normalised as ``exp(L_j - max L) / sum exp(L - max L)``, so a tiny
  parameter gives weights near 0 or 1 and never 0/0 (a boost logarithm below the
  largest float is clipped to it). Sums run over the criteria in order.

An attempt is accepted with probability 0.952 at alpha = 1, more for larger alpha (their
acceptance integral, computed numerically), and a normal draw with more than 0.99, so a
variate reading :data:`CAP` elements is practically unreachable (probability far below
``10**-1000``); it would take the value ``d``.

:func:`log` and :func:`exp` are written here (``log1p`` through ``s = f / (2 + f)`` and
the series of ``atanh``; ``exp`` by ``2**k e**r``, ``|r| <= ln 2 / 2``, Taylor to degree
13); both are within a few ulp of the correctly rounded values (tested against
``math``).

References
----------
.. [1] Marsaglia, G., & Tsang, W. W. (2000a). A simple method for generating gamma
   variables. *ACM Transactions on Mathematical Software*, 26(3), 363–372.
.. [2] Marsaglia, G., & Tsang, W. W. (2000b). The ziggurat method for generating random
   variables. *Journal of Statistical Software*, 5(8), 1–7.
.. [3] Marsaglia, G. (1964). Generating a variable from the tail of the normal
   distribution. *Technometrics*, 6(1), 101–102.
"""

from __future__ import annotations

import math

import numpy as np

from . import stream

__all__ = ["BOOST", "CAP", "SPAN", "dirichlet_points", "exp", "gammas", "log", "normals"]

#: Elements of one variate are ``SPAN`` apart in the stream (``idx < SPAN``).
SPAN = np.uint64(1 << 40)
#: The element index ``s`` of a variate's boost uniform; ``s`` of its algorithm stays below.
BOOST = (1 << 24) - 1
#: A variate reads at most this many elements.
CAP = BOOST - 3

LN2_HI = int(math.log(2) * 2**32) / 2**32  # 32 bits: k * LN2_HI is exact for |k| < 2**20
# ln 2 - LN2_HI, rounded, from ln 2 = 0.69314718055994530941723212145817656807550013436
LN2_LO = 1.9082149292705877e-10
INV_LN2 = 1 / math.log(2)
SQRT_HALF = math.sqrt(0.5)
EXP_MIN = -746.0  # exp(x) rounds to 0 below
LOG_TERMS = tuple(2 / (2 * k + 1) for k in range(1, 11))  # atanh series: 2 z**k / (2k+1)
EXP_TERMS = tuple(1 / math.factorial(k) for k in range(14))  # Taylor: 1 / k!
BIG = float(np.finfo(np.float64).max)
TINY = float(np.finfo(np.float64).tiny)  # v below it is tested as TINY (never met)
HUGE = 1e299  # a parameter above it normalises in logarithms (the sum could overflow)
UNIT = 2.0**-53
THIRD = 1.0 / 3.0
#: Ziggurat layers, the base layer's edge and every layer's area.
LAYERS, ZIGGURAT_R, ZIGGURAT_V = 1024, 4.038849846109504, 0.0012263246463530893
_MASK, _SIGN = np.uint64(LAYERS - 1), np.uint64(LAYERS)
_CHUNK = 8_192  # variates per step of the numpy draw


def log_core(m, e):
    """``log(m 2**e)`` for ``m`` in ``[sqrt(1/2), sqrt(2))`` (scalars or arrays)."""
    f = m - 1.0
    s = f / (2.0 + f)
    z = s * s
    t = LOG_TERMS[-1]
    for c in LOG_TERMS[-2::-1]:
        t = c + z * t
    hfsq = 0.5 * f * f
    return e * LN2_HI + ((f - hfsq) + (s * (hfsq + z * t) + e * LN2_LO))


def exp_core(x, k):
    """``exp(x)`` over ``2**k``, ``k`` the integer nearest ``x / ln 2``."""
    r = (x - k * LN2_HI) - k * LN2_LO
    p = EXP_TERMS[-1]
    for c in EXP_TERMS[-2::-1]:
        p = c + r * p
    return p


def log(x: np.ndarray) -> np.ndarray:
    """The natural logarithm of ``x >= 0`` (``-inf`` at 0), a few ulp from correct.

    Examples
    --------
    >>> float(log(np.array([np.e]))[0])
    1.0
    """
    m, e = np.frexp(x)
    low = m < SQRT_HALF
    out = log_core(np.where(low, m + m, m), (e - low).astype(np.float64))
    return np.where(x > 0.0, out, -np.inf)


def exp(x: np.ndarray) -> np.ndarray:
    """``e**x`` for ``x <= 709``, a few ulp from correct (0 below -746).

    Examples
    --------
    >>> x = np.array([-700.0, -1.0, 0.0, 1.0])
    >>> bool(np.all(np.abs(exp(x) - np.exp(x)) <= 2 * np.spacing(np.exp(x))))
    True
    """
    x = np.asarray(x, dtype=np.float64)
    keep = x >= EXP_MIN
    x = np.where(keep, x, 0.0)
    k = np.floor(x * INV_LN2 + 0.5)
    return np.where(keep, np.ldexp(exp_core(x, k), k.astype(np.int64)), 0.0)


def _tables() -> tuple[np.ndarray, np.ndarray]:
    # Layer edges X[0] = v / f(r) (the base with its tail), X[1] = r, ... X[N] = 0 of the
    # N-layer ziggurat of f(x) = exp(-x**2 / 2), each layer of area v, and F = f(X); r
    # by bisection (double precision) on the top layer's closure, v = r f(r) + the tail.
    # On Python floats (fast at import): the arithmetic of log and exp, frexp and ldexp
    # from math.
    def log1(t: float) -> float:
        m, e = math.frexp(t)
        return log_core(m + m, e - 1.0) if m < SQRT_HALF else log_core(m, float(e))

    def exp1(t: float) -> float:
        k = math.floor(t * INV_LN2 + 0.5)
        return math.ldexp(exp_core(t, float(k)), k)

    r, v = ZIGGURAT_R, ZIGGURAT_V
    x = [v / exp1(-0.5 * r * r), r]
    for i in range(1, LAYERS - 1):  # the next edge: f(X[i+1]) = f(X[i]) + v / X[i]
        x.append(math.sqrt(-2.0 * log1(v / x[i] + exp1(-0.5 * x[i] * x[i]))))
    edges = np.array([*x, 0.0])
    return edges, exp(-0.5 * edges * edges)


#: Ziggurat layer edges and the density there.
X, F = _tables()


def _bits(key: np.uint64, idx: np.ndarray, s: np.ndarray) -> np.ndarray:
    return stream.bits(key, idx + s * SPAN)


def _open(z: np.ndarray) -> np.ndarray:  # a uniform in (0, 1]
    return np.float64((z >> np.uint64(11)) + np.uint64(1)) * UNIT


def normals(key: np.uint64, idx: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Standard normals of variates ``idx`` reading elements ``s, s + 1, ...`` (``s`` is
    advanced in place) by the ziggurat."""
    out = np.zeros(idx.size)  # the value at the (unreachable) cap
    todo = np.arange(idx.size)
    while todo.size:
        i_, s_ = idx[todo], s[todo]
        z = _bits(key, i_, s_)
        s_ += np.uint64(1)
        layer = (z & _MASK).astype(np.intp)
        neg = (z & _SIGN) != 0
        x = np.float64(z >> np.uint64(11)) * UNIT * X[layer]
        done = x < X[layer + 1]
        wedge = np.flatnonzero(~done & (layer > 0))
        if wedge.size:
            lw = layer[wedge]
            y = F[lw] + _open(_bits(key, i_[wedge], s_[wedge])) * (F[lw + 1] - F[lw])
            s_[wedge] += np.uint64(1)
            xw = x[wedge]
            done[wedge] = y < exp(-0.5 * (xw * xw))
        tail = np.flatnonzero(~done & (layer == 0))
        while tail.size:  # Marsaglia (1964): r + a, a = -log(U1) / r, if -2 log U2 >= a**2
            a = -log(_open(_bits(key, i_[tail], s_[tail]))) / X[1]
            b = -log(_open(_bits(key, i_[tail], s_[tail] + np.uint64(1))))
            s_[tail] += np.uint64(2)
            ok = b + b >= a * a
            x[tail[ok]] = X[1] + a[ok]
            done[tail[ok]] = True
            tail = tail[~ok & (s_[tail] < CAP)]
        s[todo] = s_
        out[todo[done]] = np.where(neg, -x, x)[done]
        todo = todo[~done & (s_ < CAP)]
    return out


def gammas(key: np.uint64, idx: np.ndarray, d: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Gamma(``d + 1/3``) variates ``idx`` (``c = 1 / sqrt(9 d)``, ``d >= 2/3``) by
    Marsaglia & Tsang's method."""
    out = d.copy()  # the value at the (unreachable) cap
    s = np.zeros(idx.size, np.uint64)
    todo = np.arange(idx.size)
    while todo.size:
        i_, s_, d_, c_ = idx[todo], s[todo], d[todo], c[todo]
        x = normals(key, i_, s_)
        v = 1.0 + c_ * x
        pos = np.flatnonzero(v > 0.0)
        done = np.zeros(todo.size, np.bool_)
        v, x, d_, c_ = v[pos], x[pos], d_[pos], c_[pos]
        u = _open(_bits(key, i_[pos], s_[pos]))
        s_[pos] += np.uint64(1)
        x2 = x * x
        ok = _squeezed(u, v, x2, c_)
        v = v * v * v
        slow = np.flatnonzero(~ok)
        if slow.size:
            vs, ds = v[slow], d_[slow]
            ok[slow] = log(u[slow]) < 0.5 * x2[slow] + ds * ((1.0 - vs) + log(np.maximum(vs, TINY)))
        done[pos[ok]] = True
        out[todo[done]] = (d_ * v)[ok]
        s[todo] = s_
        todo = todo[~done & (s_ < CAP)]
    return out


def _squeezed(u, v, x2, c):
    # log U < h surely: (1 - U) min(1, 1 + c x) > (c**2 / 12) x**4 (see the module text).
    return (1.0 - u) * np.minimum(v, 1.0) > (c * c / 12.0) * (x2 * x2)


def _first_attempts(key, idx, d, c):
    # Every variate's first attempt, kept when its normal is in a layer's core and the
    # squeeze accepts (the numba kernel's vector pass): the values and whether kept.
    z = _bits(key, idx, np.uint64(0))
    layer = (z & _MASK).astype(np.intp)
    x = np.float64(z >> np.uint64(11)) * UNIT * X[layer]
    kept = x < X[layer + 1]
    x = np.where((z & _SIGN) != 0, -x, x)
    v = 1.0 + c * x
    kept &= v > 0.0
    u = _open(_bits(key, idx, np.uint64(1)))
    x2 = x * x
    kept &= _squeezed(u, v, x2, c)
    return d * (v * v * v), kept


def dirichlet_points(key: np.uint64, alpha: np.ndarray, first: int, count: int) -> np.ndarray:
    """Samples ``first .. first + count`` of the stream ``key`` as ``(count, n)`` points
    of ``Dirichlet(alpha)`` (``alpha >= 0``, some positive; a criterion with ``alpha_j =
    0`` has weight 0).

    Examples
    --------
    >>> w = dirichlet_points(np.uint64(7), np.array([8.0, 0.0, 0.5]), 0, 5)
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1.0)), bool((w[:, 1] == 0).all())
    ((5, 3), True, True)
    """
    n = alpha.size
    out = np.zeros((count, n))
    pos = np.flatnonzero(alpha > 0)
    if pos.size == 1:
        out[:, pos[0]] = 1.0
        return out
    a = alpha[pos]
    small = a < 1.0
    d = (np.where(small, a + 1.0, a) - THIRD)[:, None]
    c = 1.0 / np.sqrt(9.0 * d)
    rows = np.arange(first, first + count, dtype=np.uint64) * np.uint64(n)
    idx = rows[None, :] + pos.astype(np.uint64)[:, None]  # (criteria, samples)
    g, kept = np.empty(idx.shape), np.empty(idx.shape, np.bool_)
    step = max(1, _CHUNK // pos.size)  # temporaries that stay in the cache
    for lo in range(0, count, step):
        part = slice(lo, lo + step)
        g[:, part], kept[:, part] = _first_attempts(key, idx[:, part], d, c)
    j, r = np.nonzero(~kept)
    g[j, r] = gammas(key, idx[j, r], d[j, 0], c[j, 0])
    if small.any() or a.max() > HUGE:
        g = log(g)
        z = _bits(key, idx[small], np.uint64(BOOST))
        with np.errstate(over="ignore"):  # a tiny parameter: clipped to -BIG
            g[small] += np.maximum(log(_open(z)) / a[small, None], -BIG)
        g = exp(g - g.max(axis=0))
    total = np.cumsum(g, axis=0)[-1]  # over the criteria in order (a sum may go pairwise)
    out[:, pos] = (g * (1.0 / total)).T
    return out
