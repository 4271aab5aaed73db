"""Array core of the AHP: Perron root and vector, geometric means, GCI, LLSM.

Pure numpy on float64 arrays, no labels, no validation. Functions taking a
matrix accept a stack ``(..., n, n)`` where that is natural, so callers can
process many matrices (experts, sensitivity samples) without a Python loop.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "eigenvector_weights",
    "gci",
    "geometric_mean_weights",
    "llsm_log_weights",
    "perron",
    "tree_global_weights",
]


def perron(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Perron root and right Perron vector (normalised to sum 1) of positive matrices.

    ``a`` has shape ``(..., n, n)``. For a positive matrix the Perron root is
    real, simple and has the largest real part of all eigenvalues (Perron's
    theorem), so it is picked by the real part; its eigenvector has entries of
    one sign, and dividing by their sum makes them positive.
    """
    eigvals, eigvecs = np.linalg.eig(a)
    k = np.argmax(eigvals.real, axis=-1)
    lam = np.take_along_axis(eigvals.real, k[..., None], axis=-1)[..., 0]
    vec = np.take_along_axis(eigvecs.real, k[..., None, None], axis=-1)[..., 0]
    vec = vec / vec.sum(axis=-1, keepdims=True)
    return lam, vec


def eigenvector_weights(a: np.ndarray) -> np.ndarray:
    """Saaty's principal right eigenvector, normalised to sum 1."""
    return perron(a)[1]


def geometric_mean_weights(a: np.ndarray) -> np.ndarray:
    """Row geometric means normalised to sum 1 (the LLSM solution of a complete matrix)."""
    log_w = np.log(a).mean(axis=-1)
    log_w = log_w - log_w.max(axis=-1, keepdims=True)
    w = np.exp(log_w)
    return w / w.sum(axis=-1, keepdims=True)


def gci(a: np.ndarray) -> np.ndarray:
    """Geometric consistency index of complete matrices (0 for n <= 2).

    ``GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} log^2(a_ij w_j / w_i)`` with ``w``
    the row-geometric-mean weights (Aguarón & Moreno-Jiménez 2003).
    """
    n = a.shape[-1]
    if n <= 2:
        return np.zeros(a.shape[:-2])
    log_w = np.log(a).mean(axis=-1)
    log_e = np.log(a) + log_w[..., None, :] - log_w[..., :, None]
    iu, ju = np.triu_indices(n, k=1)
    return 2.0 / ((n - 1) * (n - 2)) * (log_e[..., iu, ju] ** 2).sum(axis=-1)


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
    level. Works on a stack of local-weight vectors ``(..., n_entries)``; the
    only loop is over the levels of the tree.
    """
    out = np.array(local, dtype=np.float64, copy=True)
    for level in range(1, int(depth.max(initial=0)) + 1):
        idx = np.flatnonzero(depth == level)
        out[..., idx] = out[..., parent[idx]] * local[..., idx]
    return out
