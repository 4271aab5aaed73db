"""numba kernels of the constrained weight sampler (imported only when used).

The polytope is ``{w : w >= 0, sum(w) = 1, G w <= h}``; ``G`` holds only the user's
rows (the simplex's ``-w <= 0`` rows are handled directly), in compressed sparse rows
(``start[k]:start[k + 1]`` index ``column`` and ``value``): a ratio or an order names two
criteria, so its row costs two products instead of ``n``.

:func:`hit_and_run` runs the chains of
:class:`~pathchoice.sensitivity.sampling.constrained.ConstrainedSampler` step by step,
drawing its random numbers in the order of the numpy path there (per step: a
``(chains, n)`` array of standard normals, then ``chains`` uniforms), so both give the
same samples to rounding. :func:`rejection` keeps the uniform simplex points (normalised
standard exponentials, drawn ``n`` at a time) that satisfy ``G w <= h``;
:func:`vertex_mixtures` maps such points onto a simplex given by its vertices.

Compiled on first use and cached on disk (numba ``cache=True``); ``nogil``, so the SMAA
worker threads run them side by side.
"""

from __future__ import annotations

import numpy as np

from .jit import KERNEL_OPTIONS as _OPTIONS
from .jit import njit

__all__ = ["hit_and_run", "rejection", "vertex_mixtures"]


@njit(**_OPTIONS)
def _refresh(w, row, column, value, h, slack):
    # slack = max(h - G w, 0) for every chain (re-anchoring the incremental updates).
    for c in range(w.shape[0]):
        for k in range(h.shape[0]):
            t = 0.0
            for e in range(row[k], row[k + 1]):
                t += value[e] * w[c, column[e]]
            slack[c, k] = max(h[k] - t, 0.0)


@njit(**_OPTIONS)
def hit_and_run(
    rng, start, row, column, value, h, chains, per_chain, burn_in, thinning, refresh, out
):
    """Fill ``out`` (``(per_chain, chains, n)``) with the kept points of ``chains`` chains.

    Every chain starts at ``start``; after ``burn_in`` steps it keeps one point every
    ``thinning`` steps. Each step draws a direction (standard normals projected onto
    ``sum(w) = 0``), finds the chord through the point within the polytope and moves to
    a uniform point on it (Smith 1984). The slacks ``h - G w`` are carried along and
    recomputed every ``refresh`` steps.
    """
    n = start.shape[0]
    m = h.shape[0]
    w = np.empty((chains, n))
    for c in range(chains):
        for j in range(n):
            w[c, j] = start[j]
    slack = np.empty((chains, m))
    _refresh(w, row, column, value, h, slack)
    u = np.empty((chains, n))
    rate = np.empty(m)
    kept = 0
    total = burn_in + per_chain * thinning
    for step in range(1, total + 1):
        for c in range(chains):
            for j in range(n):
                u[c, j] = rng.standard_normal()
        for c in range(chains):
            x = rng.random()
            mean = 0.0
            for j in range(n):
                mean += u[c, j]
            mean /= n
            t_max = np.inf
            t_min = -np.inf
            for j in range(n):  # the rows -w_j <= 0: slack w_j, rate -u_j
                d = u[c, j] - mean
                u[c, j] = d
                s = max(w[c, j], 0.0)
                if d < 0.0:
                    t_max = min(t_max, s / -d)
                elif d > 0.0:
                    t_min = max(t_min, s / -d)
            for k in range(m):
                r = 0.0
                for e in range(row[k], row[k + 1]):
                    r += value[e] * u[c, column[e]]
                rate[k] = r
                if r > 0.0:
                    t_max = min(t_max, slack[c, k] / r)
                elif r < 0.0:
                    t_min = max(t_min, slack[c, k] / r)
            move = t_min + (t_max - t_min) * x
            for j in range(n):
                w[c, j] += move * u[c, j]
            for k in range(m):
                slack[c, k] = max(slack[c, k] - move * rate[k], 0.0)
        if step % refresh == 0:
            _refresh(w, row, column, value, h, slack)
        if step > burn_in and (step - burn_in) % thinning == 0:
            for c in range(chains):
                for j in range(n):
                    out[kept, c, j] = w[c, j]
            kept += 1


@njit(**_OPTIONS)
def rejection(rng, row, column, value, h, out):
    """Fill ``out`` (``(size, n)``) with uniform simplex points satisfying ``G w <= h``.

    Each proposal is ``n`` standard exponentials divided by their sum. Returns the
    number of proposals drawn.
    """
    size, n = out.shape
    m = h.shape[0]
    w = np.empty(n)
    proposals = 0
    kept = 0
    while kept < size:
        proposals += 1
        total = 0.0
        for j in range(n):
            w[j] = rng.standard_exponential()
            total += w[j]
        for j in range(n):
            w[j] /= total
        inside = True
        for k in range(m):
            t = 0.0
            for e in range(row[k], row[k + 1]):
                t += value[e] * w[column[e]]
            if t > h[k]:
                inside = False
                break
        if inside:
            for j in range(n):
                out[kept, j] = w[j]
            kept += 1
    return proposals


@njit(**_OPTIONS)
def vertex_mixtures(rng, vertices, out):
    """Fill ``out`` (``(size, n)``) with uniform points of the simplex whose vertices are the
    rows of ``vertices``: uniform simplex weights (``n`` standard exponentials divided by
    their sum, drawn sample after sample) times the vertices."""
    size, n = out.shape
    k = vertices.shape[0]
    lam = np.empty(k)
    for s in range(size):
        total = 0.0
        for i in range(k):
            lam[i] = rng.standard_exponential()
            total += lam[i]
        for j in range(n):
            out[s, j] = 0.0
        for i in range(k):
            x = lam[i] / total
            for j in range(n):
                out[s, j] += x * vertices[i, j]
