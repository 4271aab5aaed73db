"""numba kernels of the constrained weight sampler (imported only when used).

The polytope is ``{w : w >= 0, sum(w) = 1, G w <= h}``; ``G`` holds only the user's
rows (the simplex's ``-w <= 0`` rows are handled directly), in compressed sparse rows
(``start[k]:start[k + 1]`` index ``column`` and ``value``): a ratio or an order names two
criteria, so its row costs two products instead of ``n``.

:func:`hit_and_run` runs the chains of
:class:`~pathchoice.sensitivity.sampling.constrained.ConstrainedSampler` step by step,
drawing its random numbers in the order of the numpy path there (per step: a
``(chains, n)`` array of standard normals, then ``chains`` uniforms), so both give the
same samples to rounding. (The sampler's rejection from a simplex is drawn by
:func:`~pathchoice._core.kernels.lane_draws.draw_polytope`, in the fused SMAA kernel.)

Compiled on first use and cached on disk (numba ``cache=True``); ``nogil``, so the SMAA
worker threads run them side by side.
"""

from __future__ import annotations

import numpy as np

from .jit import KERNEL_OPTIONS as _OPTIONS
from .jit import njit

__all__ = ["hit_and_run"]


@njit(**_OPTIONS)
def _product(row, column, value, x, out):
    # out[k, c] = (G x)_k for every chain c (column c of x), G in compressed sparse rows.
    for k in range(row.shape[0] - 1):
        for c in range(x.shape[1]):
            out[k, c] = 0.0
        for e in range(row[k], row[k + 1]):
            j = column[e]
            g = value[e]
            for c in range(x.shape[1]):
                out[k, c] += g * x[j, c]


@njit(**_OPTIONS)
def _refresh(w, row, column, value, h, slack):
    # slack[k, c] = max(h_k - (G w)_k, 0) for every chain c (re-anchoring the updates).
    _product(row, column, value, w, slack)
    for k in range(h.shape[0]):
        for c in range(w.shape[1]):
            slack[k, c] = max(h[k] - slack[k, c], 0.0)


@njit(**_OPTIONS)
def _step(rng, w, slack, row, column, value, u, rate, low, high, x):
    # One hit-and-run step of every chain c (column c of w), in place. The random numbers
    # are drawn first, in the numpy path's order (the normals chain after chain, then one
    # uniform per chain); everything else runs across the chains, so it vectorises.
    n, chains = w.shape
    for c in range(chains):
        for j in range(n):
            u[j, c] = rng.standard_normal()
    for c in range(chains):
        x[c] = rng.random()
    for c in range(chains):
        low[c] = 0.0
    for j in range(n):
        for c in range(chains):
            low[c] += u[j, c]
    for c in range(chains):
        low[c] /= n  # the mean, projected out: the direction lies in sum(w) = 0
    for j in range(n):
        for c in range(chains):
            u[j, c] -= low[c]
    for c in range(chains):
        low[c] = -np.inf
        high[c] = np.inf
    for j in range(n):  # the rows -w_j <= 0: slack w_j, rate -u_j
        for c in range(chains):
            d = u[j, c]
            t = max(w[j, c], 0.0) / -d
            high[c] = min(high[c], t) if d < 0.0 else high[c]
            low[c] = max(low[c], t) if d > 0.0 else low[c]
    _product(row, column, value, u, rate)  # how fast each slack shrinks along u
    for k in range(slack.shape[0]):
        for c in range(chains):
            r = rate[k, c]
            t = slack[k, c] / r
            high[c] = min(high[c], t) if r > 0.0 else high[c]
            low[c] = max(low[c], t) if r < 0.0 else low[c]
    for c in range(chains):
        x[c] = low[c] + (high[c] - low[c]) * x[c]  # the move along u
    for j in range(n):
        for c in range(chains):
            w[j, c] += x[c] * u[j, c]
    for k in range(slack.shape[0]):
        for c in range(chains):
            slack[k, c] = max(slack[k, c] - x[c] * rate[k, c], 0.0)


@njit(**_OPTIONS)
def hit_and_run(
    rng, start, row, column, value, h, chains, per_chain, burn_in, thinning, refresh, out
):
    """Fill ``out`` (``(per_chain, chains, n)``) with the kept points of ``chains`` chains.

    Every chain starts at ``start``; after ``burn_in`` steps it keeps one point every
    ``thinning`` steps. Each step draws a direction (standard normals projected onto
    ``sum(w) = 0``), finds the chord through the point within the polytope and moves to
    a uniform point on it (Smith 1984). The slacks ``h - G w`` are carried along and
    recomputed every ``refresh`` steps. The chains are the lanes: every array holds one
    chain per column, and each step runs across all of them at once.
    """
    n = start.shape[0]
    m = h.shape[0]
    w = np.empty((n, chains))
    for j in range(n):
        for c in range(chains):
            w[j, c] = start[j]
    slack = np.empty((m, chains))
    _refresh(w, row, column, value, h, slack)
    u = np.empty((n, chains))
    rate = np.empty((max(m, 1), chains))
    low = np.empty(chains)
    high = np.empty(chains)
    x = np.empty(chains)
    kept = 0
    total = burn_in + per_chain * thinning
    for step in range(1, total + 1):
        _step(rng, w, slack, row, column, value, u, rate, low, high, x)
        if step % refresh == 0:
            _refresh(w, row, column, value, h, slack)
        if step > burn_in and (step - burn_in) % thinning == 0:
            for c in range(chains):
                for j in range(n):
                    out[kept, c, j] = w[j, c]
            kept += 1
