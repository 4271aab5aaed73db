"""Roots of many one-dimensional functions at once, each in a bracket of its own.

The threshold searches (:mod:`pathchoice.sensitivity.thresholds`,
:mod:`pathchoice.sensitivity.performance_thresholds`) scan a grid and then refine every
grid cell in which a difference changes sign. Refining them one by one with a scalar root
finder costs a Python-level evaluation per step and bracket; :func:`bisect` halves all the
brackets side by side instead, with one batched evaluation per step.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["bisect"]


def bisect(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    tol: float,
) -> np.ndarray:
    """The root of each function ``i`` in its bracket ``[lo[i], hi[i]]``, to ``tol``.

    ``f(rows, t)`` evaluates the functions numbered ``rows`` at the points ``t`` (two
    arrays of one length) and returns their values. Every bracket is halved at once,
    ``log2(width / tol)`` steps (23 for a bracket of 1/200 at 1e-9), so each ends at most
    ``tol`` wide around a sign change; the root returned is the linear interpolation of
    the function across it (for a smooth function, exact to about the square of that
    width), so it is within ``tol`` of a sign change. An end where the function is
    exactly 0 is the root; where both ends have one sign (a sign change the caller saw
    that is rounding here) the end nearer 0 is.

    Examples
    --------
    >>> import numpy as np
    >>> targets = np.array([0.25, 2.0])
    >>> roots = bisect(lambda rows, t: t**2 - targets[rows], np.zeros(2), np.full(2, 2.0), 1e-12)
    >>> np.round(roots, 9).tolist()
    [0.5, 1.414213562]
    """
    rows = np.arange(lo.shape[0])
    f_lo, f_hi = f(rows, lo), f(rows, hi)
    root = np.where(np.abs(f_lo) <= np.abs(f_hi), lo, hi)
    change = np.flatnonzero(f_lo * f_hi < 0.0)
    if change.size == 0:
        return root
    lo, hi, f_lo, f_hi = lo[change], hi[change], f_lo[change], f_hi[change]
    for _ in range(max(0, int(np.ceil(np.log2(np.max(hi - lo) / tol))))):
        mid = 0.5 * (lo + hi)
        f_mid = f(change, mid)
        below = np.sign(f_mid) == np.sign(f_lo)  # the sign change is above mid
        lo, f_lo = np.where(below, mid, lo), np.where(below, f_mid, f_lo)
        hi, f_hi = np.where(below, hi, mid), np.where(below, f_hi, f_mid)
    with np.errstate(divide="ignore", invalid="ignore"):
        line = lo - f_lo * (hi - lo) / (f_hi - f_lo)
    root[change] = np.where(np.isfinite(line), np.clip(line, lo, hi), 0.5 * (lo + hi))
    return root
