"""Small polytopes of weights: the Chebyshev centre, conflicting constraints, simplex vertices.

The polytopes are ``{w : G w <= h, sum(w) = 1}`` of :class:`~pathchoice.sensitivity.
sampling.constrained.ConstrainedSampler` (``G`` includes the rows ``-w <= 0``), solved
with scipy's HiGHS linear programmes; :func:`enclosing_simplex` needs none.
"""

from __future__ import annotations

import numpy as np

from ...exceptions import WeightsError

__all__ = [
    "chebyshev_centre",
    "enclosing_simplex",
    "simplex_cuts",
    "simplex_vertices",
    "smallest_conflict",
]

#: A constraint is redundant when dropping it raises its maximum by at most this.
REDUNDANT_TOL = 1e-10
#: Redundancy is looked for (one linear programme per row) up to this many rows.
MAX_ROWS = 200
#: A vertex within this (relative) of a constraint's hyperplane lies on it.
ON_PLANE_TOL = 1e-12


def chebyshev_centre(g: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The centre and radius of the largest ball in ``{G w <= h, sum w = 1}`` (None if empty).

    Distances are measured within the plane ``sum w = 1``, so each row's norm is
    that of its projection onto the plane.
    """
    from scipy.optimize import linprog

    n = g.shape[1]
    projected = g - g.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(projected, axis=1)
    cost = np.zeros(n + 1)
    cost[-1] = -1.0
    a_ub = np.hstack([g, norms[:, None]])
    a_eq = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    bounds = [(None, None)] * n + [(0.0, 1.0)]
    res = linprog(cost, A_ub=a_ub, b_ub=h, A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs")
    if res.status == 2:
        return None
    if res.status != 0:  # pragma: no cover - HiGHS reports no other outcome for a bounded LP
        raise WeightsError(f"ConstrainedSampler: the linear programme failed: {res.message}")
    return np.asarray(res.x[:n]), float(res.x[-1])


def smallest_conflict(g_user: np.ndarray, h_user: np.ndarray, labels: list[str]) -> list[str]:
    """A smallest conflicting subset of the user's constraints (deletion filter)."""
    n = g_user.shape[1]
    simplex_g, simplex_h = -np.eye(n), np.zeros(n)
    keep = list(range(len(labels)))
    for k in list(keep):
        trial = [i for i in keep if i != k]
        g = np.vstack([simplex_g, g_user[trial]])
        h = np.concatenate([simplex_h, h_user[trial]])
        if chebyshev_centre(g, h) is None:
            keep = trial
    return [labels[i] for i in keep]


def _largest(g: np.ndarray, h: np.ndarray, row: np.ndarray) -> float:
    """The largest ``row · w`` over ``{G w <= h, sum w = 1}`` (inf if unbounded)."""
    from scipy.optimize import linprog

    n = g.shape[1]
    res = linprog(-row, A_ub=g, b_ub=h, A_eq=np.ones((1, n)), b_eq=[1.0],
                  bounds=[(None, None)] * n, method="highs")  # fmt: skip
    return float(-res.fun) if res.status == 0 else np.inf


def simplex_vertices(g: np.ndarray, h: np.ndarray) -> np.ndarray | None:
    """The vertices ``(n, n)`` (one per row) when the polytope is itself a simplex, else None.

    A bounded polytope of dimension ``n - 1`` with exactly ``n`` facets is a simplex
    (for example ``w1 >= w2 >= ... >= wn``, whose vertices are ``(1, 0, ..., 0)``,
    ``(1/2, 1/2, 0, ...)``, ..., ``(1/n, ..., 1/n)``). Redundant rows are removed one at
    a time (a row is redundant if the others already bound it: one linear programme
    each, Caron, McDonald & Ponic 1989); with ``n`` rows left, vertex ``k`` is where all
    facets but ``k`` meet. The polytope must have an interior. None when more facets
    remain or there are more than :data:`MAX_ROWS` rows.
    """
    n = g.shape[1]
    if g.shape[0] > MAX_ROWS or n < 2:
        return None
    keep = list(range(g.shape[0]))
    for k in range(g.shape[0]):
        others = [i for i in keep if i != k]
        if len(others) < n:
            continue
        if _largest(g[others], h[others], g[k]) <= h[k] + REDUNDANT_TOL * max(1.0, abs(h[k])):
            keep = others
    if len(keep) != n:
        return None
    facets, bounds = g[keep], h[keep]
    vertices = np.empty((n, n))
    for k in range(n):
        rows = [i for i in range(n) if i != k]
        system = np.vstack([facets[rows], np.ones((1, n))])
        vertices[k] = np.linalg.solve(system, np.append(bounds[rows], 1.0))
    if not np.all(vertices @ g.T <= h + 1e-9):  # pragma: no cover - a simplex by construction
        return None
    return vertices


def enclosing_simplex(g: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A simplex containing ``{w >= 0, sum w = 1, G w <= h}`` and the rows it leaves to check.

    Starts from the weight simplex (vertices the unit vectors) and takes in, one at a
    time and until none fits, every row of ``G w <= h`` whose half-space cuts the
    current simplex into a simplex again: a row that every vertex satisfies is dropped
    (it holds everywhere); a row that exactly one vertex ``v_q`` satisfies strictly cuts
    off a corner, whose vertices are ``v_q``, the vertices on the row's hyperplane, and
    for every vertex ``v_p`` beyond it the point where the edge ``v_q v_p`` crosses the
    hyperplane. An order ``w_a >= w_b`` or a ratio ``w_a >= r w_b`` always fits (only
    ``v_b`` is beyond it, only ``v_a`` strictly inside, the others on it), and so does a
    lower bound ``w_a >= l``; an upper bound does not, until other rows make it fit.
    Uniform points of the returned simplex that satisfy the rows left are uniform
    points of the polytope, and the simplex is usually far smaller than the weight
    simplex (a complete order keeps ``1 / n!`` of it).

    Returns the vertices ``(n, n)`` (one per row) and the indices of the rows left
    (:func:`simplex_cuts` also returns the cuts that made the vertices).

    Examples
    --------
    >>> v, rest = enclosing_simplex(np.array([[-1.0, 1.0, 0.0], [1.0, 0.0, 0.0]]),
    ...                             np.array([0.0, 0.6]))  # w0 >= w1, w0 <= 0.6
    >>> v.tolist(), rest.tolist()
    ([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.0, 0.0, 1.0]], [1])
    """
    vertices, rest, _ = simplex_cuts(g, h)
    return vertices, rest


def simplex_cuts(g: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`enclosing_simplex`'s vertices and rows left, and its cuts ``(k, 3)``.

    Each cut moves one vertex: row ``(q, p, t)`` replaces vertex ``v_p`` by ``(1 - t) v_q
    + t v_p`` (where the edge ``v_q v_p`` crosses a row's hyperplane), in the order made.
    So the point with barycentric coordinates ``lam`` in the returned simplex, ``w = lam
    V``, is also what the cuts, undone from the last, make of ``lam``: ``lam_q += (1 - t)
    lam_p``, then ``lam_p *= t`` -- two products a cut, where ``lam V`` takes ``n (n + 1)
    / 2`` for a complete order.

    Examples
    --------
    >>> _, _, cuts = simplex_cuts(np.array([[-1.0, 1.0, 0.0]]), np.array([0.0]))  # w0 >= w1
    >>> cuts.tolist()   # v_1 becomes (v_0 + v_1) / 2
    [[0.0, 1.0, 0.5]]
    """
    n = g.shape[1]
    vertices = np.eye(n)
    rest = list(range(g.shape[0]))
    cuts: list[tuple[int, int, float]] = []
    changed = True
    while changed:
        changed = False
        for k in list(rest):
            s = vertices @ g[k] - h[k]
            near = ON_PLANE_TOL * max(1.0, abs(h[k]), float(np.abs(g[k]).max()))
            beyond = np.flatnonzero(s > near)
            inside = np.flatnonzero(s < -near)
            if beyond.size and inside.size != 1:
                continue
            if beyond.size:
                q = inside[0]
                t = s[q] / (s[q] - s[beyond])  # in (0, 1): where s = 0 on the edge
                vertices[beyond] = (1.0 - t[:, None]) * vertices[q] + t[:, None] * vertices[beyond]
                cuts.extend((int(q), int(p), float(tp)) for p, tp in zip(beyond, t, strict=True))
            rest.remove(k)
            changed = True
    return vertices, np.asarray(rest, dtype=np.int64), np.asarray(cuts, dtype=float).reshape(-1, 3)
