"""Array core of the AHP: Perron root and vector, geometric means, GCI, LLSM, tree weights.

Pure numpy on float64 arrays, no labels, no validation. Functions taking a
matrix accept a stack ``(..., n, n)`` where that is natural, so callers can
process many matrices (experts, sensitivity samples) without a Python loop.

The Perron root and vector come from power iteration, not from a full
eigen-decomposition: a pairwise comparison matrix is positive, so by Perron's
theorem its largest eigenvalue is real and simple and the iteration converges
to it from any positive start. Convergence is checked with the
Collatz–Wielandt bounds ``min_i (Aw)_i / w_i <= λmax <= max_i (Aw)_i / w_i``
(Horn & Johnson, *Matrix Analysis*, 2nd ed., Cor. 8.1.31): the iteration stops
when their relative gap is at most :data:`PERRON_TOL` (or ``8 n`` ulps for very
large n, the rounding floor of a sum of n terms), which bounds the error of
λmax by the same amount. A matrix that has not converged after
:data:`PERRON_MAX_ITER` steps (possible only when the second eigenvalue is
close to λmax in modulus) goes to ``numpy.linalg.eig``. Each step costs one
matrix-vector product, O(n²), where ``eig`` costs O(n³).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "PERRON_MAX_ITER",
    "PERRON_TOL",
    "column_average_weights",
    "eigenvector_weights",
    "gci",
    "geometric_mean_weights",
    "leaf_totals",
    "llsm_log_weights",
    "perron",
    "perron_eig",
    "perron_left_right",
    "row_sum_weights",
    "tree_global_weights",
]

#: Relative gap of the Collatz–Wielandt bounds at which power iteration stops.
PERRON_TOL = 1e-13

#: Power-iteration steps before falling back to ``numpy.linalg.eig``.
PERRON_MAX_ITER = 500


def perron_eig(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Perron root and vector by a full eigen-decomposition (the fallback, and an oracle).

    For a positive matrix the Perron root is real, simple and has the largest
    real part of all eigenvalues, so it is picked by the real part; its
    eigenvector has entries of one sign, and dividing by their sum makes them
    positive.
    """
    eigvals, eigvecs = np.linalg.eig(a)
    k = np.argmax(eigvals.real, axis=-1)
    lam = np.take_along_axis(eigvals.real, k[..., None], axis=-1)[..., 0]
    vec = np.take_along_axis(eigvecs.real, k[..., None, None], axis=-1)[..., 0]
    vec = vec / vec.sum(axis=-1, keepdims=True)
    return lam, vec


def perron(
    a: np.ndarray,
    start: np.ndarray | None = None,
    *,
    tol: float = PERRON_TOL,
    max_iter: int = PERRON_MAX_ITER,
) -> tuple[np.ndarray, np.ndarray]:
    """Perron root and right Perron vector (summing to 1) of positive matrices ``(..., n, n)``.

    Power iteration from ``start`` (positive, shape ``(..., n)``; default the
    normalised row sums) until the Collatz–Wielandt bounds agree to ``tol``
    relative; members of a stack that do not converge within ``max_iter``
    steps are solved with :func:`perron_eig`.
    """
    a = np.asarray(a, dtype=np.float64)
    n = a.shape[-1]
    if n == 1:
        return a[..., 0, 0].copy(), np.ones(a.shape[:-1])
    # Each ratio (Aw)_i / w_i is a sum of n positive terms, exact to about n ulps: a
    # gap below that is rounding, so the stopping test never asks for less.
    tol = max(tol, 8.0 * n * np.finfo(np.float64).eps)
    w = a.sum(axis=-1) if start is None else np.array(start, dtype=np.float64)
    w = w / w.sum(axis=-1, keepdims=True)
    lam = np.empty(a.shape[:-2])
    done = np.zeros(a.shape[:-2], dtype=bool)
    for _ in range(max_iter):
        aw = np.matmul(a, w[..., None])[..., 0]
        ratio = aw / w
        hi = ratio.max(axis=-1)
        lo = ratio.min(axis=-1)
        total = aw.sum(axis=-1)
        lam = total  # sum(w) = 1, so sum(Aw) is the Rayleigh-type estimate of λmax
        w = aw / total[..., None]
        done = (hi - lo) <= tol * hi
        if done.all():
            return lam, w
    lam = np.array(lam, copy=True)
    bad = ~done
    if lam.ndim == 0:
        return perron_eig(a)
    lam[bad], w[bad] = perron_eig(a[bad])
    return lam, w


def perron_left_right(
    a: np.ndarray,
    right: np.ndarray | None = None,
    left: np.ndarray | None = None,
    *,
    tol: float = PERRON_TOL,
) -> tuple[float, np.ndarray, np.ndarray]:
    """Perron root, right and left Perron vectors of one positive matrix (warm starts allowed).

    The left vector of ``a`` is the right vector of ``a.T``; for a reciprocal
    matrix both iterations converge at the same rate.
    """
    lam, w = perron(a, right, tol=tol)
    _, v = perron(a.T, left, tol=tol)
    return float(lam), w, v


def eigenvector_weights(a: np.ndarray) -> np.ndarray:
    """Saaty's principal right eigenvector, normalised to sum 1."""
    return perron(a)[1]


def _row_log_means(log_a: np.ndarray) -> np.ndarray:
    return log_a.mean(axis=-1)


def geometric_mean_weights(a: np.ndarray, log_a: np.ndarray | None = None) -> np.ndarray:
    """Row geometric means normalised to sum 1 (the LLSM solution of a complete matrix)."""
    log_w = _row_log_means(np.log(a) if log_a is None else log_a)
    log_w = log_w - log_w.max(axis=-1, keepdims=True)
    w = np.exp(log_w)
    return w / w.sum(axis=-1, keepdims=True)


def column_average_weights(a: np.ndarray) -> np.ndarray:
    """Saaty's approximation: divide each column by its sum, average the rows.

    ``w_i = (1/n) sum_j a_ij / sum_k a_kj`` -- the "normalised column average"
    or "additive normalisation" of textbooks (Saaty 1980, §1.4, approximation 3).
    """
    return (a / a.sum(axis=-2, keepdims=True)).mean(axis=-1)


def row_sum_weights(a: np.ndarray) -> np.ndarray:
    """Saaty's crudest approximation: row sums normalised to sum 1 (Saaty 1980, §1.4)."""
    s = a.sum(axis=-1)
    return s / s.sum(axis=-1, keepdims=True)


def gci(a: np.ndarray, log_a: np.ndarray | None = None) -> np.ndarray:
    """Geometric consistency index of complete reciprocal matrices (0 for n <= 2).

    ``GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} log^2(a_ij w_j / w_i)`` with ``w``
    the row-geometric-mean weights (Aguarón & Moreno-Jiménez 2003). With
    ``L = log A`` antisymmetric and ``y`` its row means (``sum(y) = 0``), the
    sum over ``i < j`` is half of ``sum_ij (L_ij - y_i + y_j)^2``, which expands
    to ``sum_ij L_ij^2 - 2 n sum_i y_i^2``: two dot products, no n × n
    temporary (at n = 500 the direct form spends milliseconds allocating).
    The cancellation costs about ``eps * sum L^2`` in absolute terms (1e-14 for
    n = 10), far below any threshold; the result is clipped at 0.
    """
    n = a.shape[-1]
    if n <= 2:
        return np.zeros(a.shape[:-2])
    log_a = np.log(a) if log_a is None else log_a
    y = _row_log_means(log_a)
    flat = log_a.reshape(*log_a.shape[:-2], n * n)
    total = np.einsum("...k,...k->...", flat, flat) - 2 * n * np.einsum("...k,...k->...", y, y)
    return np.maximum(total, 0.0) / ((n - 1) * (n - 2))


def llsm_log_weights(a: np.ndarray) -> np.ndarray:
    """Log-weights ``y`` (summing to 0) of the incomplete LLSM for one matrix with NaNs.

    Minimises ``sum over judged (i, j) of (log a_ij - y_i + y_j)^2``. The
    normal equations are ``L y = r`` with ``L`` the Laplacian of the comparison
    graph and ``r_i = sum_j log a_ij`` over judged ``j`` (Bozóki, Fülöp &
    Rónyai 2010; Kwiesielewicz 1996). ``L`` has rank n - 1 when the
    graph is connected; ``L + J`` (``J`` the all-ones matrix) is then
    invertible and, because ``sum(r) = 0``, its solution is the one with
    ``sum(y) = 0``.
    """
    n = a.shape[0]
    known = ~np.isnan(a)
    np.fill_diagonal(known, False)
    log_a = np.where(known, np.log(np.where(known, a, 1.0)), 0.0)
    laplacian = np.diag(known.sum(axis=1)).astype(np.float64) - known
    r = log_a.sum(axis=1)
    return np.linalg.solve(laplacian + np.ones((n, n)), r)


def tree_global_weights(parent: np.ndarray, local: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Global weights of every tree entry: the product of local weights down the path.

    ``parent[i]`` is the index of entry ``i``'s parent (-1 for the root),
    ``local[..., i]`` its local weight (the root's is 1), ``depth[i]`` its
    level. Works on a stack of local-weight vectors ``(..., n_entries)``. The
    entries are grouped by level once (a stable sort), then each level is one
    vectorised product, so the cost is linear in the number of entries whatever
    the shape of the tree (a chain of 3,000 levels or a star of 3,000 leaves).
    """
    out = np.array(local, dtype=np.float64, copy=True)
    depth = np.asarray(depth, dtype=np.int64)
    if depth.size == 0:
        return out
    order = np.argsort(depth, kind="stable")
    bounds = np.searchsorted(depth[order], np.arange(int(depth.max()) + 2))
    parent = np.asarray(parent, dtype=np.int64)
    for level in range(1, bounds.size - 1):
        idx = order[bounds[level] : bounds[level + 1]]
        out[..., idx] = out[..., parent[idx]] * out[..., idx]
    return out


def leaf_totals(
    entry_weights: np.ndarray, leaf_entries: np.ndarray, leaf_column: np.ndarray, n_leaves: int
) -> np.ndarray:
    """Sum the global weights of tree entries into one column per distinct leaf name.

    ``entry_weights`` is ``(..., n_entries)``; ``leaf_entries[k]`` is the entry
    index of the k-th leaf occurrence and ``leaf_column[k]`` the column of its
    name. A leaf that appears under several parents (the same alternative under
    every criterion) gets the sum of its occurrences -- Saaty's hierarchic
    composition.
    """
    picked = entry_weights[..., leaf_entries]
    out = np.zeros((*entry_weights.shape[:-1], n_leaves))
    if np.unique(leaf_column).size == leaf_column.size:
        out[..., leaf_column] = picked
    else:
        np.add.at(out, (..., leaf_column), picked)
    return out
