"""TOPSIS array core: normalisation, separations and closeness for one table or a stack.

Pure numpy on float64 arrays; no labels, no validation (the labelled shell is
:func:`pathchoice.ranking.topsis`). ``matrix`` is ``(m, n)`` -- alternatives by
criteria -- or a stack ``(..., m, n)``; ``benefit`` is an ``(n,)`` bool mask.
"""

from __future__ import annotations

import numpy as np

from .ranks import PAIRWISE_MAX, rank_columns_into

__all__ = [
    "NUMBA_MIN",
    "STREAM_MIN_BYTES",
    "TIE_SCORE",
    "aligned_empty",
    "batch_scores_ranks",
    "closeness",
    "closeness_into",
    "default_chunk_size",
    "distinct_rows",
    "normalize",
    "numba_scores_ranks",
    "ordered_distances",
    "row_groups",
    "separations",
]

#: Score given to an alternative whose distances to the ideal and to the
#: anti-ideal are both zero (it sits at both, so it is neither closer nor farther).
TIE_SCORE = 0.5


def normalize(
    matrix: np.ndarray, benefit: np.ndarray, normalization: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Normalised matrix, its ideal and anti-ideal rows, and the zero-range mask.

    ``matrix`` is (..., m, n) float64 -- one table, or a stack of sampled
    tables -- and ``benefit`` an (n,) bool mask. The ideal and anti-ideal,
    (..., n), are those of the *unweighted* normalised columns; weighting them
    by ``w >= 0`` gives the weighted ideal and anti-ideal.

    Safe at every finite magnitude: each column is first divided by its
    largest absolute value, so the values are in [-1, 1] and one of them is
    +-1. Squares then cannot overflow, their sum is at least 1 (no underflow to
    a zero norm), and min-max differences are at most 2. Both normalisations
    are invariant to that positive rescaling, so the result is the textbook one
    (to rounding) for columns from 1e-300 to 1e300 and for +-1e308.
    """
    scale = np.abs(matrix).max(axis=-2)
    # An all-zero column stays 0 (its scale would be 0/0).
    x = matrix / np.where(scale > 0, scale, 1.0)[..., None, :]
    low = x.min(axis=-2)
    high = x.max(axis=-2)
    zero = matrix.max(axis=-2) == matrix.min(axis=-2)
    if normalization == "vector":
        norm = np.sqrt(np.einsum("...ij,...ij->...j", x, x))
        r = x / np.where(norm > 0, norm, 1.0)[..., None, :]
        r_max = r.max(axis=-2)
        r_min = r.min(axis=-2)
        ideal = np.where(benefit, r_max, r_min)
        anti = np.where(benefit, r_min, r_max)
    else:
        span = np.where(zero, 1.0, high - low)[..., None, :]
        r = np.where(benefit, x - low[..., None, :], high[..., None, :] - x) / span
        # pymcdm's convention for a constant column (every alternative "at the top").
        r = np.where(zero[..., None, :], 1.0, r)
        ideal = r.max(axis=-2)
        anti = r.min(axis=-2)
    return r, ideal, anti, zero


def separations(
    r: np.ndarray, ideal: np.ndarray, anti: np.ndarray, zero: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``A+_ij = (r_ij - r+_j)**2`` and ``A-_ij = (r_ij - r-_j)**2``, zero-range columns 0.

    Works on one table (m, n) or a stack (..., m, n), like :func:`normalize`.
    """
    constant = zero[..., None, :]
    a_plus = np.where(constant, 0.0, np.square(r - ideal[..., None, :]))
    a_minus = np.where(constant, 0.0, np.square(r - anti[..., None, :]))
    return a_plus, a_minus


def row_groups(a_plus: np.ndarray, a_minus: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(first, group)`` for the rows of ``[A+ A-]``: the first row of each distinct one,
    in order (so groups are numbered in order of first appearance), and each row's group.

    Rows are sorted lexicographically (stable) and a group starts wherever a row differs
    from the one before (``np.unique(axis=0)`` does this through a structured view, ten
    times slower).
    """
    stacked = np.hstack([a_plus, a_minus])
    m = stacked.shape[0]
    order = np.lexsort(stacked.T[::-1])
    ordered = stacked[order]
    starts = np.ones(m, dtype=bool)
    starts[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    first = order[starts]  # each group's first row (the sort is stable)
    rank = np.empty_like(first)
    rank[np.argsort(first)] = np.arange(first.size)
    group = np.empty(m, dtype=np.intp)
    group[order] = rank[np.cumsum(starts) - 1]
    return np.sort(first), group


def distinct_rows(
    a_plus: np.ndarray, a_minus: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The distinct rows of (A+, A-) and, if some repeat, the map back to all rows.

    Two alternatives with the same normalised values must get the same score,
    bit for bit, so that they tie. A BLAS matrix product does not promise that
    for two equal rows (it may round them differently depending on where they
    sit in the block it is working on), so equal rows are computed once.
    """
    first, group = row_groups(a_plus, a_minus)
    if len(first) == len(group):
        return a_plus, a_minus, None
    return a_plus[first], a_minus[first], group


def ordered_distances(w2: np.ndarray, tables: np.ndarray) -> np.ndarray:
    """``sum_j w2[j] * tables[j]``, criterion ``j`` first, added in criterion order.

    ``w2`` and ``tables`` broadcast with the criteria on their first axis (squared
    weights ``(n, c, 1)`` against separations ``(n, c, m)`` or ``(n, 1, m)``, say).
    The products are written into a C-ordered array, so numpy adds them along that
    outermost axis one criterion after the other, separate multiply and add (it sums
    pairwise only along the innermost axis): ``((p_0 + p_1) + p_2) + ...``, the same
    bits in every engine and for any number of samples.

    Examples
    --------
    >>> import numpy as np
    >>> ordered_distances(np.array([[0.25], [0.0625]]), np.array([[4.0], [16.0]])).tolist()
    [2.0]
    """
    shape = np.broadcast_shapes(w2.shape, tables.shape)
    return np.add.reduce(np.multiply(w2, tables, out=np.empty(shape)), axis=0)


def closeness(d_plus: np.ndarray, d_minus: np.ndarray, *, squared: bool = True) -> np.ndarray:
    """TOPSIS closeness ``D- / (D+ + D-)`` from the distances (their squares when
    ``squared``), :data:`TIE_SCORE` where both are 0."""
    if squared:
        d_plus, d_minus = np.sqrt(d_plus), np.sqrt(d_minus)
    total = d_plus + d_minus
    out = np.full(total.shape, TIE_SCORE)
    np.divide(d_minus, total, out=out, where=total > 0)
    return out


def closeness_into(
    a_plus: np.ndarray, a_minus: np.ndarray, w2t: np.ndarray, out: np.ndarray
) -> None:
    """Write ``D- / (D+ + D-)`` for squared weights ``w2t`` (n, c) into ``out`` (m, c).

    Where ``D+ + D- == 0`` the score is :data:`TIE_SCORE`. Call under
    ``np.errstate(invalid="ignore")``: 0/0 is computed and then replaced.
    """
    d_plus = a_plus @ w2t
    d_minus = a_minus @ w2t
    np.sqrt(d_plus, out=d_plus)
    np.sqrt(d_minus, out=d_minus)
    d_plus += d_minus
    np.divide(d_minus, d_plus, out=out)
    if not d_plus.all():
        out[d_plus == 0] = TIE_SCORE


def default_chunk_size(m: int, n: int) -> int:
    """Weight vectors per chunk, from the problem's size.

    Two bounds. The matrix products of a chunk stay single-threaded: OpenBLAS
    gives each thread at least 2**18 multiply-adds (interface/gemm.c), so a
    product with m * n * chunk < 2**19 runs on one thread. Threads do not pay
    for these skinny products, and they stall badly when the cores are busy
    (measured: 5x slower with a second process running). The per-chunk
    temporaries (the (m, m, chunk) comparisons for the ranks) stay near 1 MB,
    inside the cache.
    """
    blas = ((1 << 19) - 1) // (m * n)
    cache = (1 << 20) // (m * m) if m <= PAIRWISE_MAX else (1 << 17) // m
    return max(64, min(blas, cache))


def batch_scores_ranks(
    a_plus: np.ndarray, a_minus: np.ndarray, weights: np.ndarray, chunk_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and ranks, each (K, m), for K weight vectors (rows of ``weights``).

    The outputs are Fortran-ordered (each alternative's column is contiguous):
    they are computed as (m, K) arrays, one chunk of columns at a time.
    """
    k = weights.shape[0]
    m = a_plus.shape[0]
    scores = np.empty((m, k), dtype=np.float64)
    ranks = np.empty((m, k), dtype=np.int64)
    a_plus, a_minus, inverse = distinct_rows(a_plus, a_minus)
    with np.errstate(invalid="ignore", divide="ignore"):
        for start in range(0, k, chunk_size):
            stop = min(start + chunk_size, k)
            w2t = np.square(weights[start:stop]).T
            block = scores[:, start:stop]
            if inverse is None:
                closeness_into(a_plus, a_minus, w2t, block)
            else:
                distinct = np.empty((a_plus.shape[0], stop - start))
                closeness_into(a_plus, a_minus, w2t, distinct)
                block[...] = distinct[inverse]
            rank_columns_into(block, ranks[:, start:stop])
    return scores.T, ranks.T


#: From this many weight vectors the ``"auto"`` engine uses numba (when installed):
#: below it, loading the compiled kernel costs more than it saves.
NUMBA_MIN = 50_000

#: From this many bytes of output (scores, ranks and the weights' copy) the numba kernel
#: writes them with non-temporal stores, past the cache: smaller outputs stay in the
#: cache (a last-level cache holds tens of MB), where ordinary stores cost as little.
#: Measured at 12 x 12 (rank_batch, interleaved, load 1.3), streaming was 10-30 % faster
#: from 60,000 vectors (16 MB) to 1,000,000 (275 MB).
STREAM_MIN_BYTES = 16 << 20


def aligned_empty(shape: tuple[int, ...], dtype: type = np.float64, align: int = 64) -> np.ndarray:
    """An uninitialised C-contiguous array whose data start at a multiple of ``align`` bytes.

    A view into a buffer a few elements longer (numpy itself aligns to 16 bytes).
    """
    itemsize = np.dtype(dtype).itemsize
    size = int(np.prod(shape))
    buffer = np.empty(size + align // itemsize, dtype=dtype)
    offset = (-buffer.ctypes.data % align) // itemsize
    return buffer[offset : offset + size].reshape(shape)


def numba_scores_ranks(
    a_plus: np.ndarray, a_minus: np.ndarray, weights: np.ndarray, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int | None]:
    """Scores and ranks (each (K, m), Fortran-ordered) by the numba kernel, and a copy of
    ``weights`` (C-ordered) made in the same pass.

    Also checks each weight vector in the same pass (finite, non-negative,
    summing to 1 within ``tol``) and returns the first row of the first block
    of :data:`~pathchoice._core.topsis_numba.LANES` rows holding one that is
    not, or None. Requires numba (ImportError otherwise).
    """
    from . import topsis_numba

    k, m = weights.shape[0], a_plus.shape[0]
    align = topsis_numba.ALIGN
    scores = aligned_empty((m, k), np.float64, align)
    ranks = aligned_empty((m, k), np.int64, align)
    copy = aligned_empty(weights.shape, np.float64, align)
    # Rows of (m, k) float64/int64 start aligned when k is a multiple of 8; the copy's
    # blocks of LANES rows always do. Outputs that fit in the cache are not streamed.
    large = (2 * m + weights.shape[1]) * k * 8 >= STREAM_MIN_BYTES
    streams = (large and k % (align // 8) == 0, large)
    bad = topsis_numba.scores_ranks(
        np.ascontiguousarray(a_plus),
        np.ascontiguousarray(a_minus),
        np.ascontiguousarray(weights),
        float(tol),
        scores,
        ranks,
        copy,
        streams,
    )
    flagged = bad[bad >= 0]
    return scores.T, ranks.T, copy, (int(flagged[0]) if flagged.size else None)
