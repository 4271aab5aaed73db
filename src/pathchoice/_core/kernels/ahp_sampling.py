"""numba kernel of the AHP judgement-uncertainty sampler (imported only when used).

:func:`judgement_weights` makes, for each sample, one random 32-bit word per judged pair
of every pairwise matrix of a hierarchy (the matrices in the plan's order, each matrix's
judged pairs in row-major upper-triangle order): the halves of the elements of the
counter-based stream of :mod:`~pathchoice._core.kernels.stream` (sample ``s`` reads
elements ``s h .. s h + h - 1``, ``h`` = half the pairs rounded up, the low half first),
computed in the lanes. It turns each word into an integer move on Saaty's scale
(``(word * count) >> 32``), computes each matrix's priorities and multiplies the local
weights down the tree. The numpy path of
:mod:`pathchoice.sensitivity.sampling.ahp_judgements` makes the same words and moves, so
both give the same samples to rounding.

The samples are processed :data:`LANES` at a time, every array laid out with the lane
last, so every loop runs across the lanes and LLVM vectorises it; nothing is allocated
inside the loop over samples. A pair with at most three moves (every pair at spread 1)
picks its values by selects; wider ones look them up (gathers).

* **Geometric mean** (and the eigenvector of 3 × 3 and smaller matrices, equal to it;
  Crawford & Williams 1985): the judgements move on a discrete scale, so the ``n``-th
  roots ``a^(1/n)`` of the values a pair can take, and their reciprocals, are looked up
  in a table; each moved pair multiplies the product of its row by its root and that of
  its column by the reciprocal (``a_ji = 1 / a_ij``), so a complete matrix costs one
  look-up and two products per judgement, and no logarithm or ``exp``. Missing
  judgements are completed by the logarithmic least squares completion (LLSM, Bozóki,
  Fülöp & Rónyai 2010), on the looked-up logarithms: ``y = (L + J)^-1 r`` with ``r``
  the row sums over the judged entries, a completed entry being ``exp(y_i - y_j)``.
* **Eigenvector** (Perron vector): power iteration ``w <- A w / sum(A w)`` started from the
  row geometric means, stopped when ``|v_i - w_i| <= (tol / 2) w_i`` for every ``i`` and
  every lane, ``v = A w / sum(A w)``: this implies the test of
  :func:`pathchoice._core.ahp.perron` (the Collatz–Wielandt bounds
  ``min (A w)_i / w_i <= lambda_max <= max (A w)_i / w_i`` agree to ``tol`` relative)
  without a division; ``w`` is then ``v``. Only a step of ``A`` ends the iteration, and
  a lane that has not passed within ``max_iter`` steps is flagged: the caller recomputes
  that sample (numpy's power iteration, then the full eigen-solver).
  After step :data:`SHIFT_STEP` (the second), when some lane has not passed, **shifted
  inverse iteration** ``w <- (s I - A)^-1 w`` (normalised) moves ``w`` next to the Perron
  vector: ``s`` is the mean of that step's Collatz–Wielandt ratios, ``(1 / n) sum_i
  (A w)_i / w_i``, the two-sided Rayleigh quotient ``u A w / u w`` with ``u = 1 / w``
  (the geometric-mean estimate of the left Perron vector of a reciprocal matrix), so its
  error is of the order of the product of the two vectors' errors (about ``1e-4``
  relative after a step from the geometric means of inconsistent judgements; a shift
  from the first step cost about two more solves, one from the third a step more than
  it saved, measured). Each solve then
  shrinks the error by ``|s - lambda_max| / |s - lambda_2|`` (three digits or so, where
  a power step gains half a digit: ``|lambda_2| / lambda_max`` is about 0.3 for an
  inconsistent 12 × 12 matrix); the solves stop when one moves ``w`` by at most
  :data:`INVERSE_TOL` relative, :data:`SOLVES` at most. ``s I - A`` is factored once per
  lane, without pivoting (``s`` near ``lambda_max`` exceeds the Perron root of every
  leading block, so ``s I - A`` is close to a nonsingular M-matrix, whose elimination
  needs no pivoting; a pivot below ``eps * s`` is raised to it: the iteration needs only
  the direction). A lane whose result is not positive (a shift nearer another
  eigenvalue) goes back to where the solves began. At 12 × 12 a factorisation costs
  about 500 multiply-adds and each solve or step about 150: about 1,500 per sample in
  all, against 25 steps (3,600) of plain power iteration.
* Column averages and row sums of the rebuilt matrices (for completeness).

Compiled on first use and cached on disk (numba ``cache=True``); ``nogil``, so the SMAA
worker threads run it side by side.
"""

from __future__ import annotations

import numpy as np

from . import stream
from .jit import KERNEL_OPTIONS as _OPTIONS
from .jit import njit

__all__ = ["LANES", "judgement_weights"]

_EPS = float(np.finfo(np.float64).eps)

#: Samples processed together (the loops run across them, so LLVM vectorises them). 128
#: rather than 64: each short loop's set-up (its runtime alias checks, broadcasts of the
#: looked-up values) is shared by twice the samples; measured 20-25 % less per sample for
#: the geometric mean and 5-20 % for the eigenvector (32 lanes: 1.5-2 times slower,
#: 256: a little slower than 128, the arrays outgrowing the caches).
LANES = 128
#: The power step whose Collatz–Wielandt ratios give the inverse iteration's shift.
SHIFT_STEP = 2
#: Inverse-iteration solves at most, before the power steps that test convergence.
SOLVES = 8
#: A solve that moves w by at most this relative ends the inverse iteration (the error
#: left is about this times the rate, |s - lambda| / |s - lambda_2|).
INVERSE_TOL = 1e-11


_LOW = np.uint64(0xFFFFFFFF)
_S32 = np.uint64(32)
_M1, _M2 = stream._M1, stream._M2
_S27, _S30, _S31 = stream._S27, stream._S30, stream._S31


@njit(inline="always", **_OPTIONS)
def _mix(z):
    # stream.bits after its counter step: SplitMix64's output function of z = key + c GOLDEN.
    z ^= z >> _S30
    z *= _M1
    z ^= z >> _S27
    z *= _M2
    return z ^ (z >> _S31)


@njit(**_OPTIONS)
def _log_rows(n, p0, p1, pair_i, pair_j, move, table_start, table_log, fixed, r):
    # r[i, l] = sum over the judged j of log a_ij in lane l: the unmoved part ``fixed``
    # plus each moved pair's looked-up logarithm (minus it in the mirrored row).
    for i in range(n):
        for lane in range(LANES):
            r[i, lane] = fixed[i]
    for p in range(p0, p1):
        i = pair_i[p]
        j = pair_j[p]
        t = table_start[p]
        for lane in range(LANES):
            x = table_log[t + move[p, lane]]
            r[i, lane] += x
            r[j, lane] -= x


@njit(**_OPTIONS)
def _complete(n, off, m0, m1, missing_i, missing_j, inverse, r, y):
    # LLSM: y = (L + J)^-1 r per lane; a missing pair (i, j) adds y_i - y_j to row i's
    # logarithm sum and y_j - y_i to row j's.
    for i in range(n):
        for lane in range(LANES):
            y[i, lane] = 0.0
        for j in range(n):
            g = inverse[off + i * n + j]
            for lane in range(LANES):
                y[i, lane] += g * r[j, lane]
    for p in range(m0, m1):
        i = missing_i[p]
        j = missing_j[p]
        for lane in range(LANES):
            d = y[i, lane] - y[j, lane]
            r[i, lane] += d
            r[j, lane] -= d


@njit(**_OPTIONS)
def _geometric(n, r, w, total):
    # w[:n, l] = exp(r[:n, l] / n), normalised (shifted by row 0's value: no overflow).
    for lane in range(LANES):
        total[lane] = 0.0
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] = np.exp((r[i, lane] - r[0, lane]) / n)
            total[lane] += w[i, lane]
    _normalise(n, w, total)


@njit(inline="always", **_OPTIONS)
def _three(table, t, stride, width):
    # table[t], table[t + stride], table[t + 2 stride] for a pair of width 1..3 moves, the
    # last repeated past the width (never chosen: the move is below the width).
    x0 = table[t]
    x1 = table[t + stride] if width > 1 else x0
    x2 = table[t + 2 * stride] if width > 2 else x1
    return x0, x1, x2


@njit(inline="always", **_OPTIONS)
def _pick(d, x0, x1, x2):
    # x_d for a move d of 0, 1 or 2 (selects, no gather).
    return x0 if d == 0 else (x1 if d == 1 else x2)


@njit(**_OPTIONS)
def _root_products(n, p0, p1, pair_i, pair_j, move, table_start, table_root, fixed, w, total):
    # Row geometric means of a complete matrix without exp: w_i = prod_j a_ij^(1/n), each
    # moved pair multiplying row i by its looked-up root and row j by the reciprocal
    # (the table holds root and reciprocal side by side); normalised. Two pairs of one
    # row of at most three moves each are done in one loop (row i loaded and stored once,
    # multiplied in the same order).
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] = fixed[i]
    p = p0
    while p < p1:
        i = pair_i[p]
        j = pair_j[p]
        t = 2 * table_start[p]
        width = table_start[p + 1] - table_start[p]
        if width > 3:  # gathers
            for lane in range(LANES):
                k = t + 2 * move[p, lane]
                w[i, lane] *= table_root[k]
                w[j, lane] *= table_root[k + 1]
            p += 1
            continue
        r0, r1, r2 = _three(table_root, t, 2, width)
        q0, q1, q2 = _three(table_root, t + 1, 2, width)
        if p + 1 < p1 and pair_i[p + 1] == i and table_start[p + 2] - table_start[p + 1] <= 3:
            h = pair_j[p + 1]
            u = 2 * table_start[p + 1]
            v = table_start[p + 2] - table_start[p + 1]
            s0, s1, s2 = _three(table_root, u, 2, v)
            o0, o1, o2 = _three(table_root, u + 1, 2, v)
            for lane in range(LANES):
                d = move[p, lane]
                e = move[p + 1, lane]
                w[i, lane] = w[i, lane] * _pick(d, r0, r1, r2) * _pick(e, s0, s1, s2)
                w[j, lane] *= _pick(d, q0, q1, q2)
                w[h, lane] *= _pick(e, o0, o1, o2)
            p += 2
            continue
        for lane in range(LANES):
            d = move[p, lane]
            w[i, lane] *= _pick(d, r0, r1, r2)
            w[j, lane] *= _pick(d, q0, q1, q2)
        p += 1
    _total(n, w, total)
    _normalise(n, w, total)


@njit(**_OPTIONS)
def _total(n, x, total):
    # total[l] = sum_i x[i, l].
    for lane in range(LANES):
        total[lane] = 0.0
    for i in range(n):
        for lane in range(LANES):
            total[lane] += x[i, lane]


@njit(**_OPTIONS)
def _worst(gap):
    # The largest gap across the lanes.
    worst = gap[0]
    for lane in range(1, LANES):
        worst = max(worst, gap[lane])
    return worst


@njit(**_OPTIONS)
def _normalise(n, w, total):
    # w[:n, l] /= total[l] (total is overwritten by its reciprocal).
    for lane in range(LANES):
        total[lane] = 1.0 / total[lane]
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] *= total[lane]


@njit(**_OPTIONS)
def _matrix(n, off, p0, p1, m0, m1, pair_i, pair_j, move, table_start, table_value,
            missing_i, missing_j, y, a):  # fmt: skip
    # The moved and the completed entries of a[off + i * n + j, l] (the unmoved ones were
    # written once, before the first sample).
    for p in range(p0, p1):
        i = pair_i[p]
        j = pair_j[p]
        t = table_start[p]
        if table_start[p + 1] - t <= 3:  # three moves at most: selects, no division
            v0, v1, v2 = _three(table_value, t, 1, table_start[p + 1] - t)
            u0, u1, u2 = 1.0 / v0, 1.0 / v1, 1.0 / v2
            for lane in range(LANES):
                d = move[p, lane]
                a[off + i * n + j, lane] = v0 if d == 0 else (v1 if d == 1 else v2)
                a[off + j * n + i, lane] = u0 if d == 0 else (u1 if d == 1 else u2)
            continue
        for lane in range(LANES):
            x = table_value[t + move[p, lane]]
            a[off + i * n + j, lane] = x
            a[off + j * n + i, lane] = 1.0 / x
    for p in range(m0, m1):
        i = missing_i[p]
        j = missing_j[p]
        for lane in range(LANES):
            x = np.exp(y[i, lane] - y[j, lane])
            a[off + i * n + j, lane] = x
            a[off + j * n + i, lane] = 1.0 / x


@njit(**_OPTIONS)
def _step(n, off, a, w, aw, half, gap, total, sigma, first):
    # One step w <- A w / sum(A w) of a[off + i * n + j, l] in every lane; gap[l] > 0 while
    # some |v_i - w_i| > half * w_i. When first, also sigma[l] = sum_i (A w)_i / w_i
    # (n times the shift of the inverse iteration). Returns the largest gap.
    for i in range(n):
        for lane in range(LANES):
            aw[i, lane] = 0.0
        row = off + i * n
        for j in range(n):
            for lane in range(LANES):
                aw[i, lane] += a[row + j, lane] * w[j, lane]
    _total(n, aw, total)
    if first:
        for lane in range(LANES):
            sigma[lane] = 0.0
        for i in range(n):
            for lane in range(LANES):
                sigma[lane] += aw[i, lane] / w[i, lane]
    for lane in range(LANES):
        total[lane] = 1.0 / total[lane]
        gap[lane] = -np.inf
    for i in range(n):
        for lane in range(LANES):
            v = aw[i, lane] * total[lane]
            gap[lane] = max(gap[lane], abs(v - w[i, lane]) - half * w[i, lane])
            w[i, lane] = v
    return _worst(gap)


@njit(**_OPTIONS)
def _factor(n, off, a, sigma, lu, pivot):
    # lu = s I - A, s[l] = sigma[l] / n (sigma is overwritten by s), factored in place
    # without pivoting, row by row (each row reduced by the rows of U above it): L (unit,
    # below the diagonal) and U; pivot[k, l] = 1 / u_kk. A pivot smaller than eps * s is
    # taken as eps * s: inverse iteration only needs the direction.
    for lane in range(LANES):
        sigma[lane] /= n
    for i in range(n):
        row = i * n
        for j in range(n):
            for lane in range(LANES):
                lu[row + j, lane] = -a[off + row + j, lane]
        for lane in range(LANES):
            lu[row + i, lane] += sigma[lane]
        for k in range(i):
            for lane in range(LANES):
                lu[row + k, lane] *= pivot[k, lane]
            for j in range(k + 1, n):
                for lane in range(LANES):
                    lu[row + j, lane] -= lu[row + k, lane] * lu[k * n + j, lane]
        for lane in range(LANES):
            p = lu[row + i, lane]
            floor = _EPS * sigma[lane]
            pivot[i, lane] = 1.0 / p if abs(p) > floor else 1.0 / floor


@njit(**_OPTIONS)
def _solve(n, lu, pivot, w, old, half, gap, total):
    # w <- (s I - A)^-1 w / sum(...) in every lane (old keeps the previous w); gap[l] > 0
    # while some |w_i - old_i| > half * old_i. Returns the largest gap.
    for i in range(n):
        for lane in range(LANES):
            old[i, lane] = w[i, lane]
    for i in range(1, n):
        for j in range(i):
            for lane in range(LANES):
                w[i, lane] -= lu[i * n + j, lane] * w[j, lane]
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n):
            for lane in range(LANES):
                w[i, lane] -= lu[i * n + j, lane] * w[j, lane]
        for lane in range(LANES):
            w[i, lane] *= pivot[i, lane]
    _total(n, w, total)
    _normalise(n, w, total)
    for lane in range(LANES):
        gap[lane] = -np.inf
    for i in range(n):
        for lane in range(LANES):
            gap[lane] = max(gap[lane], abs(w[i, lane] - old[i, lane]) - half * old[i, lane])
    return _worst(gap)


@njit(**_OPTIONS)
def _inverse(n, off, a, sigma, lu, pivot, w, start, old, gap, total):
    # Inverse iteration w <- (s I - A)^-1 w / sum(...), s = sigma / n, at most SOLVES
    # solves, until one moves w by at most INVERSE_TOL relative in every lane; a lane left
    # with an entry that is not positive (or NaN) goes back to where it started.
    for i in range(n):
        for lane in range(LANES):
            start[i, lane] = w[i, lane]
    _factor(n, off, a, sigma, lu, pivot)
    for _ in range(SOLVES):
        if _solve(n, lu, pivot, w, old, INVERSE_TOL, gap, total) <= 0.0:
            break
    for lane in range(LANES):
        total[lane] = 1.0  # 0 once an entry is not positive (NaN is not: min would miss it)
    for i in range(n):
        for lane in range(LANES):
            total[lane] = total[lane] if w[i, lane] > 0.0 else 0.0
    for i in range(n):
        for lane in range(LANES):
            if total[lane] == 0.0:
                w[i, lane] = start[i, lane]


@njit(**_OPTIONS)
def _perron(n, off, a, tol, max_iter, w, start, aw, lu, pivot, gap, total, sigma, bad):
    # Power iteration w <- A w / sum(A w) from w (summing to 1) in every lane, until
    # |v_i - w_i| <= (tol / 2) w_i for every i, v = A w / sum(A w): then every
    # Collatz–Wielandt ratio (A w)_i / w_i = lambda v_i / w_i (lambda = sum(A w)) lies in
    # lambda (1 -+ tol / 2), and since max v_i / w_i >= 1 (both sum to 1) the bounds agree
    # to tol relative, the test of perron(), without a division. w is then v. After
    # step SHIFT_STEP (when some lane has not passed), inverse iteration shifted by the
    # mean of that step's ratios moves w close to the Perron vector (see the module's
    # docstring) before the next steps. bad[l] where lane l has not converged within
    # max_iter steps of A.
    half = max(tol, 8.0 * n * _EPS) / 2.0  # the floor: rounding of a sum of n terms
    steps = 0
    while steps < max_iter:
        steps += 1
        if _step(n, off, a, w, aw, half, gap, total, sigma, steps == SHIFT_STEP) <= 0.0:
            return
        if steps == SHIFT_STEP and steps < max_iter:
            _inverse(n, off, a, sigma, lu, pivot, w, start, aw, gap, total)
    for lane in range(LANES):
        if gap[lane] > 0.0:
            bad[lane] = True


@njit(**_OPTIONS)
def _sums(n, off, a, method, w, col):
    # Normalised column averages (method 2) or normalised row sums (method 3) of a.
    for i in range(n):
        for lane in range(LANES):
            w[i, lane] = 0.0
    if method == 3:
        for i in range(n):
            for j in range(n):
                for lane in range(LANES):
                    w[i, lane] += a[off + i * n + j, lane]
        for lane in range(LANES):
            col[lane] = 0.0
        for i in range(n):
            for lane in range(LANES):
                col[lane] += w[i, lane]
        for i in range(n):
            for lane in range(LANES):
                w[i, lane] /= col[lane]
        return
    for j in range(n):
        for lane in range(LANES):
            col[lane] = 0.0
        for i in range(n):
            for lane in range(LANES):
                col[lane] += a[off + i * n + j, lane]
        for lane in range(LANES):
            col[lane] = 1.0 / (n * col[lane])
        for i in range(n):
            for lane in range(LANES):
                w[i, lane] += a[off + i * n + j, lane] * col[lane]


@njit(**_OPTIONS)
def _write(s0, valid, column_entry, local, out):
    # out[s0 + l, c] = local[column_entry[c], l]: a transposition, eight lanes at a time
    # (eight loads from one row of local, eight stores down a column of out: about 40 %
    # less than a lane at a time, measured).
    n_columns = column_entry.shape[0]
    whole = valid - valid % 8
    for l8 in range(0, whole, 8):
        for c in range(n_columns):
            e = column_entry[c]
            for k in range(8):
                out[s0 + l8 + k, c] = local[e, l8 + k]
    for lane in range(whole, valid):
        for c in range(n_columns):
            out[s0 + lane, c] = local[column_entry[c], lane]


@njit(**_OPTIONS)
def judgement_weights(key, size, base, fixed_log, fixed_root, node_size, node_offset,
                      pair_start, pair_i, pair_j, pair_width, table_start, table_value,
                      table_log, table_root, missing_start, missing_i, missing_j, inverse,
                      target_start, target, base_local, parent, column_entry, method, tol,
                      max_iter, out, failed):  # fmt: skip
    """Fill ``out[:size]`` (criterion order) with perturbed-hierarchy weights.

    Matrix ``b`` has ``n = node_size[b]`` labels; its judged values are
    ``base[node_offset[b]:...]`` row-major (NaN where missing) and the sums of the
    logarithms of its judged entries that do not move are ``fixed_log[row_offset:...]``
    (``row_offset`` the sum of the earlier matrices' sizes), ``fixed_root`` their
    ``exp(fixed_log / n)``; its judged pairs are
    ``pair_start[b]:pair_start[b+1]``, pair ``p`` moving by one of ``pair_width[p]``
    steps chosen by its word (move ``(word * width) >> 32``), the value and
    logarithm after move ``d`` being ``table_value[table_start[p] + d]`` and
    ``table_log[...]``, ``table_root[2 * (table_start[p] + d)]`` and ``[... + 1]`` the
    value's ``n``-th root and its reciprocal; its missing upper pairs are
    ``missing_start[b]:...`` and, when it has any, ``inverse[node_offset[b]:...]`` is
    ``(L + J)^-1`` of its comparison graph;
    label ``l`` is tree entry ``target[target_start[b] + l]``. Entries are in depth-first
    pre-order (a parent before its children); ``column_entry[c]`` is the entry of
    criterion ``c``. ``method`` is 0 (eigenvector; the row geometric means for n <= 3,
    where they are equal), 1 (geometric mean), 2 (column averages) or 3 (row sums).
    ``failed[s]`` is set where power iteration did not converge. Returns the number of
    such samples. The moves of samples ``0 .. size - 1`` come from the stream ``key``
    (uint64).
    """
    n_nodes = node_size.shape[0]
    n_pairs = pair_i.shape[0]
    n_entries = base_local.shape[0]
    n_max = 1
    for b in range(n_nodes):
        n_max = max(n_max, node_size[b])
    a = np.empty((max(base.shape[0], 1), LANES))  # every matrix, row-major, lane last
    for e in range(base.shape[0]):
        for lane in range(LANES):
            a[e, lane] = base[e]
    move = np.zeros((n_pairs + 2, LANES), dtype=np.int64)
    r = np.empty((n_max, LANES))
    y = np.empty((n_max, LANES))
    w = np.empty((n_max, LANES))
    aw = np.empty((n_max, LANES))
    lu = np.empty((n_max * n_max, LANES))
    pivot = np.empty((n_max, LANES))
    scratch = np.empty((3, LANES))
    bad = np.empty(LANES, dtype=np.bool_)
    local = np.empty((n_entries, LANES))
    fresh = np.zeros(n_entries, dtype=np.bool_)  # the entries every block writes anew
    for k in range(target.shape[0]):
        fresh[target[k]] = True
    n_failed = 0
    n_words = (n_pairs + 1) // 2  # a sample's stream elements: two moves each
    # key + c * GOLDEN for element c = (s0 + lane) n_words of the block's first sample;
    # element c + m adds m * GOLDEN (wrapping), so no multiply per element.
    start = np.empty(LANES, dtype=np.uint64)
    for lane in range(LANES):
        start[lane] = key + np.uint64(lane * n_words) * stream.GOLDEN
    block_step = np.uint64(LANES * n_words) * stream.GOLDEN
    for s0 in range(0, size, LANES):
        valid = min(LANES, size - s0)
        for m in range(n_words):
            p = 2 * m
            # 32-bit widths: the moves are 32 x 32-bit products (no 64-bit multiply).
            low = np.uint64(np.uint32(pair_width[p]))
            high = np.uint64(np.uint32(pair_width[p + 1])) if p + 1 < n_pairs else np.uint64(0)
            step = np.uint64(m) * stream.GOLDEN
            for lane in range(LANES):
                z = _mix(start[lane] + step)
                move[p, lane] = (np.uint64(np.uint32(z & _LOW)) * low) >> _S32
                move[p + 1, lane] = ((z >> _S32) * high) >> _S32
        for lane in range(LANES):
            start[lane] += block_step
        for e in range(n_entries):
            if not fresh[e]:
                x = base_local[e]
                for lane in range(LANES):
                    local[e, lane] = x
        for lane in range(LANES):
            bad[lane] = False
        row_offset = 0
        for b in range(n_nodes):
            n = node_size[b]
            off = node_offset[b]
            p0, p1 = pair_start[b], pair_start[b + 1]
            m0, m1 = missing_start[b], missing_start[b + 1]
            fixed = fixed_root[row_offset : row_offset + n]
            row_offset += n
            if m1 > m0:  # logarithms, for the completion; then exp
                _log_rows(n, p0, p1, pair_i, pair_j, move, table_start, table_log,
                          fixed_log[row_offset - n : row_offset], r)  # fmt: skip
                _complete(n, off, m0, m1, missing_i, missing_j, inverse, r, y)
                if method <= 1:
                    _geometric(n, r, w, scratch[0])
            elif method <= 1:
                _root_products(n, p0, p1, pair_i, pair_j, move, table_start, table_root,
                               fixed, w, scratch[0])  # fmt: skip
            if method != 1 and (method != 0 or n > 3):
                _matrix(n, off, p0, p1, m0, m1, pair_i, pair_j, move, table_start,
                        table_value, missing_i, missing_j, y, a)  # fmt: skip
                if method == 0:
                    _perron(n, off, a, tol, max_iter, w, y, aw, lu, pivot, scratch[0],
                            scratch[1], scratch[2], bad)  # fmt: skip
                else:
                    _sums(n, off, a, method, w, scratch[0])
            t0 = target_start[b]
            for lab in range(n):
                e = target[t0 + lab]
                for lane in range(LANES):
                    local[e, lane] = w[lab, lane]
        for e in range(1, n_entries):
            q = parent[e]
            if q == 0:  # the root's weight is 1
                continue
            for lane in range(LANES):
                local[e, lane] *= local[q, lane]
        _write(s0, valid, column_entry, local, out)
        for lane in range(valid):
            if bad[lane]:
                failed[s0 + lane] = True
                n_failed += 1
    return n_failed
