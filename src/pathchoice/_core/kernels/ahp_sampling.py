"""numba kernel of the AHP judgement-uncertainty sampler (imported only when used).

:func:`judgement_weights` draws, for each sample, one uniform number per judged pair of
every pairwise matrix of a hierarchy (sample after sample, the matrices in the plan's
order, each matrix's judged pairs in row-major upper-triangle order -- the order of
``rng.random((size, n_pairs))``), turns it into an integer move on Saaty's scale,
rebuilds each matrix, completes its missing entries by the logarithmic least squares
completion, computes its priorities (Perron vector by power iteration, or row
geometric means) and multiplies the local weights down the tree. The numpy path of
:mod:`pathchoice.sensitivity.sampling.ahp_judgements` does the same arithmetic on the
same random numbers, so both give the same samples to rounding.

Power iteration stops as :func:`pathchoice._core.ahp.perron` does (the Collatz–Wielandt
bounds agree to ``tol`` relative); a sample whose iteration has not converged within
``max_iter`` steps is flagged, and the caller recomputes it with the full eigen-solver.

Compiled on first use and cached on disk (numba ``cache=True``); ``nogil``, so the SMAA
worker threads run it side by side.
"""

from __future__ import annotations

import numpy as np

from .jit import KERNEL_OPTIONS as _OPTIONS
from .jit import njit

__all__ = ["judgement_weights"]

_EPS = float(np.finfo(np.float64).eps)


#: Samples processed together (the loops run across them, so LLVM vectorises them).
LANES = 8


@njit(**_OPTIONS)
def _square(x, n, y):
    # y[:n, :n, l] = x[:n, :n, l] @ x[:n, :n, l] for every lane.
    for i in range(n):
        for j in range(n):
            for lane in range(LANES):
                y[i, j, lane] = 0.0
            for k in range(n):
                for lane in range(LANES):
                    y[i, j, lane] += x[i, k, lane] * x[k, j, lane]


@njit(**_OPTIONS)
def _product(m, n, w, out):
    # out[:n, l] = m[:n, :n, l] @ w[:n, l] for every lane.
    for i in range(n):
        for lane in range(LANES):
            out[i, lane] = 0.0
        for j in range(n):
            for lane in range(LANES):
                out[i, lane] += m[i, j, lane] * w[j, lane]


@njit(**_OPTIONS)
def _row_sums(a, n, w, total):
    # Normalised row sums of a[:n, :n, l] into w[:n, l] (total: scratch per lane).
    for lane in range(LANES):
        total[lane] = 0.0
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] = 0.0
        for j in range(n):
            for lane in range(LANES):
                w[i, lane] += a[i, j, lane]
        for lane in range(LANES):
            total[lane] += w[i, lane]
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] /= total[lane]


@njit(**_OPTIONS)
def _eigen(a, n, tol, max_iter, w, aw, b, b2, scratch):
    # Perron vectors of a[:n, :n, l] into w[:n, l] for every lane, stopping as perron()
    # does: from the normalised row sums until the Collatz–Wielandt bounds of A agree to
    # tol relative; w is then one more step A w / sum(A w). The iteration itself runs on
    # B = A^4 (same Perron vector, four steps per product, no division but one per
    # lane), and the bounds of A are computed only once w has stopped moving by more
    # than tol / 8 relative. Lanes that have converged keep iterating until all have.
    # False if some lane has not converged within max_iter steps of A.
    hi, lo, total = scratch[0], scratch[1], scratch[2]
    _square(a, n, b2)
    _square(b2, n, b)
    _row_sums(a, n, w, total)
    tol = max(tol, 8.0 * n * _EPS)  # the rounding floor of a sum of n terms, as perron()
    screen = tol / 8.0
    steps = 0
    while steps < max_iter:
        # One A-step and the bounds of A at w (the check perron() makes).
        for lane in range(LANES):
            hi[lane] = -np.inf
            lo[lane] = np.inf
            total[lane] = 0.0
        _product(a, n, w, aw)
        for i in range(n):
            for lane in range(LANES):
                r = aw[i, lane] / w[i, lane]
                hi[lane] = max(hi[lane], r)
                lo[lane] = min(lo[lane], r)
                total[lane] += aw[i, lane]
        steps += 1
        finished = True
        for lane in range(LANES):
            finished = finished and hi[lane] - lo[lane] <= tol * hi[lane]
        if finished:
            for i in range(n):
                for lane in range(LANES):
                    w[i, lane] = aw[i, lane] / total[lane]
            return True
        # Steps on B until w moves by at most tol / 8 relative in every lane.
        while steps < max_iter:
            for lane in range(LANES):
                total[lane] = 0.0
            _product(b, n, w, aw)
            for i in range(n):
                for lane in range(LANES):
                    total[lane] += aw[i, lane]
            for lane in range(LANES):
                total[lane] = 1.0 / total[lane]
            still = False
            for i in range(n):
                for lane in range(LANES):
                    x = aw[i, lane] * total[lane]
                    still = still or abs(x - w[i, lane]) > screen * w[i, lane]
                    w[i, lane] = x
            steps += 4
            if not still:
                break
    return False


@njit(**_OPTIONS)
def _geometric(la, n, w):
    # Row geometric means of exp(la[:n, :n, l]), normalised, into w[:n, l].
    top = np.full(LANES, -np.inf)
    total = np.zeros(LANES)
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] = 0.0
        for j in range(n):
            for lane in range(LANES):
                w[i, lane] += la[i, j, lane]
        for lane in range(LANES):
            w[i, lane] /= n
            top[lane] = max(top[lane], w[i, lane])
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] = np.exp(w[i, lane] - top[lane])
            total[lane] += w[i, lane]
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] /= total[lane]


@njit(**_OPTIONS)
def _sums(a, n, method, w, col):
    # Normalised column averages (method 2) or normalised row sums (method 3); col is
    # scratch per lane.
    if method == 3:
        _row_sums(a, n, w, col)
        return
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] = 0.0
    for j in range(n):
        for lane in range(LANES):
            col[lane] = 0.0
        for i in range(n):
            for lane in range(LANES):
                col[lane] += a[i, j, lane]
        for i in range(n):
            for lane in range(LANES):
                w[i, lane] += a[i, j, lane] / col[lane]
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] /= n


@njit(**_OPTIONS)
def judgement_weights(
    rng,
    size,
    base,
    base_log,
    node_size,
    node_offset,
    pair_start,
    pair_i,
    pair_j,
    pair_low,
    pair_width,
    table_start,
    table_value,
    table_log,
    missing_start,
    missing_i,
    missing_j,
    inverse,
    target_start,
    target,
    base_local,
    parent,
    column_entry,
    method,
    tol,
    max_iter,
    out,
    drawn,
    failed,
):
    """Fill ``out[:size]`` (criterion order) with perturbed-hierarchy weights.

    Matrix ``b`` has ``node_size[b]`` labels; its judged values and their logarithms
    (NaN where missing) are ``base[node_offset[b]:...]`` and ``base_log[...]``
    row-major; its judged pairs are ``pair_start[b]:pair_start[b+1]``, pair ``p`` moving
    by one of ``pair_width[p]`` steps, the value and logarithm after move ``d`` being
    ``table_value[table_start[p] + d]`` and ``table_log[...]``; its missing upper
    pairs are ``missing_start[b]:...`` and, when it has any,
    ``inverse[node_offset[b]:...]`` is ``(L + J)^-1`` of its comparison graph; label
    ``l`` is tree entry ``target[target_start[b] + l]``. Entries are in depth-first
    pre-order (a parent before its children); ``column_entry[c]`` is the entry of
    criterion ``c``. ``method`` is 0 (eigenvector; the row geometric means for n <= 3,
    where they are equal), 1 (geometric mean), 2 (column averages) or 3 (row sums).
    The uniform numbers drawn go to ``drawn[s, p]``; ``failed[s]`` is set where power
    iteration did not converge. Returns the number of such samples.
    """
    n_nodes = node_size.shape[0]
    n_pairs = pair_i.shape[0]
    n_entries = base_local.shape[0]
    n_max = 1
    for b in range(n_nodes):
        n_max = max(n_max, node_size[b])
    a = np.empty((n_max, n_max, LANES))
    la = np.empty((n_max, n_max, LANES))
    w = np.empty((n_max, LANES))
    aw = np.empty((n_max, LANES))
    r = np.empty((n_max, LANES))
    b4 = np.empty((n_max, n_max, LANES))
    b2 = np.empty((n_max, n_max, LANES))
    scratch = np.empty((3, LANES))
    bad = np.empty(LANES, dtype=np.bool_)
    local = np.empty((n_entries, LANES))
    n_failed = 0
    for s0 in range(0, size, LANES):
        valid = min(LANES, size - s0)
        for lane in range(valid):  # sample after sample, as rng.random((size, n_pairs))
            for p in range(n_pairs):
                drawn[s0 + lane, p] = rng.random()
        for e in range(n_entries):
            for lane in range(LANES):
                local[e, lane] = base_local[e]
        for lane in range(LANES):
            bad[lane] = False
        for b in range(n_nodes):
            n = node_size[b]
            off = node_offset[b]
            for i in range(n):
                for j in range(n):
                    for lane in range(LANES):
                        a[i, j, lane] = base[off + i * n + j]
                        la[i, j, lane] = base_log[off + i * n + j]
            for p in range(pair_start[b], pair_start[b + 1]):
                i = pair_i[p]
                j = pair_j[p]
                for lane in range(LANES):
                    u = drawn[s0 + lane, p] if lane < valid else 0.0
                    d = min(int(u * pair_width[p]), pair_width[p] - 1)
                    a[i, j, lane] = table_value[table_start[p] + d]
                    a[j, i, lane] = 1.0 / a[i, j, lane]
                    la[i, j, lane] = table_log[table_start[p] + d]
                    la[j, i, lane] = -la[i, j, lane]
            if missing_start[b + 1] > missing_start[b]:
                # LLSM: y = (L + J)^-1 r, r_i = sum of log a_ij over judged j; missing
                # entries become exp(y_i - y_j).
                for i in range(n):
                    for lane in range(LANES):
                        r[i, lane] = 0.0
                    for j in range(n):
                        if j != i and not np.isnan(base[off + i * n + j]):
                            for lane in range(LANES):
                                r[i, lane] += la[i, j, lane]
                for i in range(n):
                    for lane in range(LANES):
                        aw[i, lane] = 0.0
                    for j in range(n):
                        for lane in range(LANES):
                            aw[i, lane] += inverse[off + i * n + j] * r[j, lane]
                for p in range(missing_start[b], missing_start[b + 1]):
                    i = missing_i[p]
                    j = missing_j[p]
                    for lane in range(LANES):
                        la[i, j, lane] = aw[i, lane] - aw[j, lane]
                        la[j, i, lane] = -la[i, j, lane]
                        a[i, j, lane] = np.exp(la[i, j, lane])
                        a[j, i, lane] = np.exp(la[j, i, lane])
            if method == 1 or (method == 0 and n <= 3):
                _geometric(la, n, w)
            elif method == 0:
                if not _eigen(a, n, tol, max_iter, w, aw, b4, b2, scratch):
                    for lane in range(LANES):
                        bad[lane] = True
            else:
                _sums(a, n, method, w, scratch[2])
            t0 = target_start[b]
            for lab in range(n):
                for lane in range(LANES):
                    local[target[t0 + lab], lane] = w[lab, lane]
        for e in range(1, n_entries):
            for lane in range(LANES):
                local[e, lane] *= local[parent[e], lane]
        for lane in range(valid):
            for c in range(column_entry.shape[0]):
                out[s0 + lane, c] = local[column_entry[c], lane]
        for lane in range(valid):
            if bad[lane]:
                failed[s0 + lane] = True
                n_failed += 1
    return n_failed
