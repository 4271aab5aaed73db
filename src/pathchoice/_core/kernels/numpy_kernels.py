"""Array core of SMAA: exact rank tallies for TOPSIS and any ranking, in numpy and numba.

Nothing here validates or labels; :mod:`.smaa` and :mod:`.evaluate` do that.

**What is counted.** A :class:`Tally` accumulates, over weight samples, the
integer counts from which every SMAA-2 statistic follows: how often each
alternative took each rank, how often each beat each other, and the sums of
the weight vectors that put each first. Ranks use the min-rank convention
(ties share the best rank of their group); a tie of ``s`` alternatives at
rank ``r`` is recorded as such and later shared out as ``1/s`` to each of
ranks ``r .. r+s-1`` for every member, which is the average over a random
tie-break. Alternatives with identical rows always tie; they are ranked once
as a *group* with a multiplicity.

**What TOPSIS ranks by.** After normalisation the squared distances to the
ideal and anti-ideal are ``D+ = sum_j w_j**2 * A+_ij`` and
``D- = sum_j w_j**2 * A-_ij`` (see :mod:`pathchoice.ranking.topsis`), and the
closeness ``sqrt(D-) / (sqrt(D+) + sqrt(D-))`` is increasing in the ratio
``q = D- / D+``. So ranks are taken on ``q`` — no square roots — with
``q = inf`` when only ``D+`` is 0 and ``q = 1`` (closeness 0.5) when both are.
To make the ranks a well-defined function of the weights, independent of
BLAS, chunk sizes, threads and engine, ``q`` is defined by one *canonical*
computation: ``w2_j = w_j * w_j``, ``D = ((0 + w2_0*A_0) + w2_1*A_1) + ...``
summed over the criteria in order with separate multiply and add (no fused
multiply-add), and ``q = D- / D+``. :func:`canonical_q` computes it in numpy;
the numba kernel computes the same operations in the same order (LLVM does
not reorder or fuse floating-point operations without fast-math), so both
give the same bits.

**The fast numpy path** computes ``D`` with one BLAS matrix product, whose
rounding differs from the canonical sum. It still gives canonical ranks:
both computations have a relative error below ``gamma_n = n u / (1 - n u)``
per distance (non-negative terms, any summation order, with or without FMA;
Higham 2002, §3.1), so when two ratios differ by more than
``ratio_slack(n) = 16 (n + 2) u`` their order is the same in both. A sample
in which every pair of ratios is that far apart is *decisive*; the others
(near-ties, exact ties, ``inf`` against ``inf``) are recomputed canonically.
Products cannot underflow unless a squared weight or a table entry is below
``2**-400``; chunks where that happens are computed canonically throughout.
The comparisons themselves are first made on the ratios rounded to float32,
with a margin of ``2**-20`` that covers that rounding as well (ratios outside
float32's normal range are clipped to its ends, where they tie and so fall
through); the few pairs that margin leaves open are compared in float64 with
``ratio_slack``, and only what remains open goes to the canonical computation.

The numba kernel (:mod:`._numba_kernels`) computes the canonical ``q``
directly and hands back the samples with exact ties between different rows,
which :meth:`Tally.add_keys` counts, so both engines count identically.

References
----------
.. [1] Higham, N. J. (2002). *Accuracy and Stability of Numerical
   Algorithms* (2nd ed.), §3.1 (inner products). SIAM.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "TIE_RATIO",
    "Tally",
    "TopsisTables",
    "TopsisWorkspace",
    "canonical_q",
    "closeness",
    "numba_available",
    "numba_kernels",
    "ratio",
    "topsis_tables",
]

_U = 2.0**-53
#: Squared weights or table entries below this (and above 0) could underflow.
_TINY = 2.0**-400
#: ``q`` of an alternative at distance 0 from both the ideal and the anti-ideal.
TIE_RATIO = 1.0
# Up to this many alternatives, rank counts come from one-hot comparisons, else bincount.
_ONEHOT_MAX = 16
# Temporaries of the pairwise comparisons: about this many bytes per chunk.
_PAIRWISE_BYTES = 1 << 19
# Comparison flags of the numpy TOPSIS path: at most this many bytes per chunk.
_WORKSPACE_BYTES = 1 << 20


def ratio_slack(n: int) -> float:
    """Relative gap beyond which the BLAS and canonical ratios surely agree in order."""
    return 16.0 * (n + 2) * _U


def ratio(d_plus: np.ndarray, d_minus: np.ndarray) -> np.ndarray:
    """``q = D- / D+`` with ``inf`` for ``D+ = 0 < D-`` and :data:`TIE_RATIO` for ``0 / 0``."""
    return ratio_into(d_plus, d_minus, np.empty(np.shape(d_plus)))


def ratio_into(d_plus: np.ndarray, d_minus: np.ndarray, out: np.ndarray) -> np.ndarray:
    """:func:`ratio` written into ``out``."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        np.divide(d_minus, d_plus, out=out)
    if d_plus.size and d_plus.min() <= 0:  # (a min is cheaper than .all() on floats)
        out[(d_plus == 0) & (d_minus == 0)] = TIE_RATIO
    return out


# -- TOPSIS tables -----------------------------------------------------------------------


@dataclass(frozen=True)
class TopsisTables:
    """The fixed TOPSIS separation tables of a model, with identical rows merged.

    ``a_plus``/``a_minus`` are the distinct rows ``(m', n)``; ``group[i]`` is
    the row of alternative ``i``; ``mult[g]`` how many alternatives share row
    ``g``; ``pairs`` the number of alternative pairs in different groups
    (``(m**2 - sum(mult**2)) / 2``), which is what a decisive sample's ranks
    add up to; ``stacked`` is ``[a_plus; a_minus]`` for one matrix product.
    """

    a_plus: np.ndarray
    a_minus: np.ndarray
    stacked: np.ndarray
    group: np.ndarray
    mult: np.ndarray
    pairs: int
    slack: float
    tiny: bool

    @property
    def n_groups(self) -> int:
        return self.a_plus.shape[0]

    @property
    def n_alternatives(self) -> int:
        return self.group.size


def topsis_tables(a_plus: np.ndarray, a_minus: np.ndarray) -> TopsisTables:
    """Merge identical rows of the separation tables ``A+``/``A-`` (each ``(m, n)``)."""
    stacked = np.hstack([a_plus, a_minus])
    _, first, inverse = np.unique(stacked, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first)  # groups in order of first appearance
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    group = rank[inverse.reshape(-1)]
    rows = first[order]
    ap = np.ascontiguousarray(a_plus[rows])
    am = np.ascontiguousarray(a_minus[rows])
    mult = np.bincount(group, minlength=rows.size).astype(np.int64)
    m = group.size
    positive = np.concatenate([ap[ap > 0], am[am > 0]])
    return TopsisTables(
        a_plus=ap,
        a_minus=am,
        stacked=np.ascontiguousarray(np.vstack([ap, am])),
        group=group.astype(np.intp),
        mult=mult,
        pairs=int((m * m - int((mult * mult).sum())) // 2),
        slack=ratio_slack(a_plus.shape[1]),
        tiny=bool(positive.size and positive.min() < _TINY),
    )


def canonical_q(w: np.ndarray, tables: TopsisTables) -> np.ndarray:
    """The canonical ratio ``q`` (``(c, m')``, one column per group) for weights ``w`` (c, n)."""
    w2 = w * w
    c = w.shape[0]
    mg = tables.n_groups
    d_plus = np.zeros((c, mg))
    d_minus = np.zeros((c, mg))
    for j in range(w.shape[1]):
        d_plus += w2[:, j, None] * tables.a_plus[:, j]
        d_minus += w2[:, j, None] * tables.a_minus[:, j]
    return ratio(d_plus, d_minus)


def _small_weights(w2t: np.ndarray) -> bool:
    """Whether some squared weight is positive but small enough for products to underflow."""
    small = w2t < _TINY
    return bool(small.any() and (w2t[small] > 0).any())


def _blas_columns(tables: TopsisTables) -> int:
    """Columns per matrix product that keep OpenBLAS on one thread.

    OpenBLAS splits a product across threads only past about 2**19
    multiply-adds (interface/gemm.c); the skinny products here do not gain
    from threads and stall when the cores are busy, so a chunk's product is
    issued in column blocks below that size.
    """
    return max(64, ((1 << 19) - 1) // tables.stacked.size)


class _Fast(NamedTuple):
    distances: np.ndarray  # (2m', c): D+ rows then D- rows, from BLAS
    greater: np.ndarray  # (m', m', c): [h, g, k] group h surely above group g in sample k
    better: np.ndarray  # (m', c): alternatives surely above group g
    ambiguous: np.ndarray  # (c,): samples that are not decisive


def _decide(
    q: np.ndarray, q_high: np.ndarray, tables: TopsisTables
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Margin comparisons of keys ``(m', c)``: (greater, better, ambiguous), see :class:`_Fast`."""
    greater = q[:, None, :] > q_high[None, :, :]
    mult = tables.mult
    if tables.n_groups == tables.n_alternatives:
        better = greater.sum(axis=0, dtype=np.uint8 if mult.size < 256 else np.int64)
        total = better.sum(axis=0, dtype=np.int64)
    else:
        better = np.einsum("hgk,h->gk", greater, mult)
        total = mult @ better
    return greater, better, total != tables.pairs


#: Relative margin of the single-precision comparisons (the float32 rounding of two
#: ratios and of the margin product is below 2**-22; this leaves a factor of 4).
_SINGLE_SLACK = np.float32(1.0 + 2.0**-20)
_SINGLE_TINY = np.finfo(np.float32).tiny
_SINGLE_MAX = np.finfo(np.float32).max


def _count_true(flags: np.ndarray) -> np.ndarray:
    """Row sums of a 2-D bool array whose rows are contiguous, as int64.

    Eight flags are read as one 64-bit word and words are added byte-lane by
    byte-lane, 128 words at a time (no lane can exceed 128 < 256), so the
    bulk of the sum is integer additions of whole words; the tail is summed
    directly.
    """
    rows, c = flags.shape
    bulk = (c // 1024) * 1024
    out = np.zeros(rows, dtype=np.int64)
    if bulk:
        words = flags[:, :bulk].view(np.uint8).view(np.uint64)
        lanes = words.reshape(rows, bulk // 1024, 128).sum(axis=2, dtype=np.uint64)
        out += lanes.view(np.uint8).reshape(rows, -1).sum(axis=1, dtype=np.int64)
    if bulk < c:
        out += flags[:, bulk:].sum(axis=1, dtype=np.int64)
    return out


def default_chunk(n_groups: int) -> int:
    """Samples per chunk of the numpy TOPSIS path.

    The ``(m', m', c)`` comparison flags take at most 1 MB (measured on a 1 MB
    L2 cache: 12 alternatives ran fastest at 6,000-7,000 samples per chunk,
    a quarter slower at 3,000 and at 12,000); a multiple of 1024 (for the
    word-wise sums) when possible, else of 64.
    """
    raw = _WORKSPACE_BYTES // (n_groups * n_groups)
    step = 1024 if raw >= 1024 else 64
    return int(max(64, min(1 << 15, (raw // step) * step)))


class TopsisWorkspace:
    """The numpy TOPSIS path for chunks of up to ``chunk`` samples, with reused buffers.

    Every temporary of a chunk lives in a buffer allocated once, so a long run
    neither churns the allocator nor leaves the cache (measured: allocating
    them per chunk made runs two to three times slower, erratically).
    """

    def __init__(self, tables: TopsisTables, n_criteria: int, chunk: int) -> None:
        mg, m = tables.n_groups, tables.n_alternatives
        self.tables = tables
        self.chunk = chunk
        self.plain = mg == m
        self.step = _blas_columns(tables)
        self.w2 = np.empty((n_criteria, chunk))
        self.d = np.empty((2 * mg, chunk))
        self.q = np.empty((mg, chunk))
        self.single = np.empty((mg, chunk), dtype=np.float32)
        self.high = np.empty((mg, chunk), dtype=np.float32)
        self.greater = np.empty((mg, mg, chunk), dtype=bool)
        small = self.plain and mg < 256
        self.better = np.empty((mg, chunk), dtype=np.uint8 if small else np.int64)
        self.total = np.empty(chunk, dtype=np.int64)
        self.flags = np.empty((mg, chunk), dtype=bool)
        self.first = np.empty((mg, chunk))
        self.onehot = np.empty((mg, m, chunk), dtype=bool) if m <= _ONEHOT_MAX else None
        self.rank_values = np.arange(m, dtype=self.better.dtype)[None, :, None]
        self.rank_weights = np.arange(m, dtype=np.int64)
        # uniform sampling
        self.draws = np.empty((chunk, n_criteria))
        self.weights = np.empty((n_criteria, chunk))
        self.sums = np.empty(chunk)

    def uniform(self, generator: np.random.Generator, c: int) -> np.ndarray:
        """``uniform_weights(c, n, rng=generator)``, the same bits, in the buffers (F order)."""
        draws = self.draws[:c]
        generator.standard_exponential(out=draws)
        et = self.weights[:, :c]
        np.copyto(et, draws.T)
        # Rows added strictly in order: the sum of sampling._normalised_columns. (A ufunc
        # accumulate along axis 0 gives the same bits but runs down the columns: slow.)
        total = self.sums[:c]
        np.copyto(total, et[0])
        for j in range(1, et.shape[0]):
            total += et[j]
        np.divide(1.0, total, out=total)
        et *= total
        return et.T

    def _margins(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """``(q, greater, better)`` for weights ``w`` (c, n) from the float32 comparisons.

        ``q`` is the BLAS ratio, ``greater[h, g, k]`` whether group ``h`` is
        surely above group ``g`` in sample ``k`` (float32 ratios, margin
        2**-20, half the memory traffic of float64), ``better[g, k]`` how many
        alternatives are surely above ``g``. None when the chunk must be
        computed canonically throughout (products could underflow). Views of
        the buffers, valid until the next call.
        """
        tables = self.tables
        if tables.tiny:
            return None
        c = w.shape[0]
        w2 = self.w2[:, :c]
        np.multiply(w.T, w.T, out=w2)
        if w2.min() < _TINY and _small_weights(w2):
            return None
        mg = tables.n_groups
        d = self.d[:, :c]
        for start in range(0, c, self.step):
            stop = min(start + self.step, c)
            np.matmul(tables.stacked, w2[:, start:stop], out=d[:, start:stop])
        q = self.q[:, :c]
        ratio_into(d[:mg], d[mg:], q)
        # Ratios outside float32's normal range are clipped to its ends: they then tie
        # with each other (and go to the float64 check) and still order against the rest.
        single = self.single[:, :c]
        with np.errstate(over="ignore"):
            np.copyto(single, q, casting="same_kind")
            np.clip(single, _SINGLE_TINY, _SINGLE_MAX, out=single)
            high = np.multiply(single, _SINGLE_SLACK, out=self.high[:, :c])
        greater = self.greater[:, :, :c]
        np.greater(single[:, None, :], high[None, :, :], out=greater)
        better = self.better[:, :c]
        if self.plain:
            greater.sum(axis=0, dtype=better.dtype, out=better)
        else:
            np.einsum("hgk,h->gk", greater, tables.mult, out=better)
        return q, greater, better

    def _settle(self, q: np.ndarray, greater: np.ndarray, better: np.ndarray) -> np.ndarray:
        """Redo the samples the float32 margin left undecided in float64; return the
        mask of samples still undecided (to be computed canonically)."""
        tables = self.tables
        c = better.shape[1]
        if self.plain:
            total = better.sum(axis=0, dtype=np.int64, out=self.total[:c])
        else:
            total = tables.mult @ better
        ambiguous = total != tables.pairs
        if ambiguous.any():
            odd = np.flatnonzero(ambiguous)
            sub = q[:, odd]
            with np.errstate(over="ignore"):
                g2, b2, a2 = _decide(sub, sub * (1.0 + tables.slack), tables)
            greater[:, :, odd] = g2
            better[:, odd] = b2
            ambiguous[odd] = a2
        return ambiguous

    def decide(self, w: np.ndarray) -> _Fast | None:
        """BLAS distances, margin comparisons and decisiveness for weights ``w`` (c, n)."""
        found = self._margins(w)
        if found is None:
            return None
        q, greater, better = found
        ambiguous = self._settle(q, greater, better)
        return _Fast(self.d[:, : w.shape[0]], greater, better, ambiguous)

    def _rank_counts(self, better: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``counts[g, r]``: samples in which ``r`` alternatives are above group ``g``;
        and the flags ``better == 0`` (first place), ``(m', c)``.

        Values of ``better`` outside ``0..m-1`` are not counted. For a few
        alternatives a one-hot comparison and word-wise sums beat
        ``np.bincount`` (which converts its input to intp); for many it does not.
        """
        mg, m = better.shape[0], self.tables.n_alternatives
        c = better.shape[1]
        if self.onehot is not None:
            onehot = self.onehot[:, :, :c]
            np.equal(better[:, None, :], self.rank_values, out=onehot)
            counts = _count_true(onehot.reshape(mg * m, c)).reshape(mg, m)
            return counts, onehot[:, 0, :]
        codes = np.minimum(better, m).astype(np.int64)
        codes += (np.arange(mg) * (m + 1))[:, None]
        counts = np.bincount(codes.ravel(), minlength=mg * (m + 1)).reshape(mg, m + 1)
        return counts[:, :m], np.equal(better, 0, out=self.flags[:, :c])

    def tally(self, tally: Tally, w: np.ndarray) -> None:
        """Tally a chunk of weight samples ``w`` (c, n) for TOPSIS with fixed performance.

        Every sample's ranks add up to ``pairs`` exactly when it is decisive
        (fewer otherwise), so the chunk is decisive throughout when the rank
        counts add up to ``c * pairs``: the per-sample check is only made when
        they do not.
        """
        tables = self.tables
        found = self._margins(w)
        if found is None:
            tally.add_keys(canonical_q(w, tables), w)
            return
        q, greater, better = found
        c = w.shape[0]
        counts, first = self._rank_counts(better)
        regular = c
        if (counts @ self.rank_weights) @ tables.mult != c * tables.pairs:
            ambiguous = self._settle(q, greater, better)
            if ambiguous.any():
                odd = np.flatnonzero(ambiguous)
                tally.add_keys(canonical_q(w[odd], tables), w[odd])
                better[:, odd] = self.tables.n_alternatives  # matches no rank
                greater[:, :, odd] = False
                regular -= odd.size
            counts, first = self._rank_counts(better)
        mg = tables.n_groups
        tally.counts += counts
        tally.wins += _count_true(greater.reshape(mg * mg, c)).reshape(mg, mg)
        weights_first = self.first[:, :c]
        np.copyto(weights_first, first)
        tally.csum += weights_first @ w
        tally.n_samples += regular

    def scores_ranks(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Closeness scores and canonical min-ranks (1 = best), each ``(c, m)``.

        The ranks are those of the canonical ratio (module docstring); they
        equal the ranks of the scores except where rounding separates or
        merges scores closer than about 1e-15.
        """
        tables = self.tables
        fast = self.decide(w)
        group = tables.group
        mg = tables.n_groups
        if fast is None:
            w2 = w * w
            scores = closeness(w2 @ tables.a_plus.T, w2 @ tables.a_minus.T)
            ranks = _ranks_from_keys(canonical_q(w, tables), tables.mult)
            return scores[:, group], ranks[:, group]
        d, _, better, ambiguous = fast
        scores = closeness(d[:mg], d[mg:]).T
        ranks = np.empty((w.shape[0], mg), dtype=np.int64)
        ranks[...] = better.T
        ranks += 1
        if ambiguous.any():
            odd = np.flatnonzero(ambiguous)
            ranks[odd] = _ranks_from_keys(canonical_q(w[odd], tables), tables.mult)
        return scores[:, group], ranks[:, group]


def closeness(d_plus: np.ndarray, d_minus: np.ndarray) -> np.ndarray:
    """TOPSIS closeness ``sqrt(D-) / (sqrt(D+) + sqrt(D-))`` from squared distances (0.5 at 0/0)."""
    root_plus = np.sqrt(d_plus)
    root_minus = np.sqrt(d_minus)
    total = root_plus + root_minus
    out = np.full(total.shape, 0.5)
    np.divide(root_minus, total, out=out, where=total > 0)
    return out


def _ranks_from_keys(keys: np.ndarray, mult: np.ndarray) -> np.ndarray:
    """Min-ranks ``(c, m')`` of groups from keys (higher is better) and multiplicities."""
    greater = keys[:, None, :] > keys[:, :, None]  # [k, g, h]: h above g
    return 1 + greater.astype(np.int64) @ mult


# -- the tally ---------------------------------------------------------------------------


@dataclass
class Tally:
    """Integer rank counts, pairwise wins and first-place weight sums over samples.

    Indices are groups (rows of identical alternatives; one per alternative
    when there are no duplicates). ``counts[g, r]``: samples where group
    ``g``'s min-rank was ``r + 1`` and it tied only with its own duplicates.
    ``ties[(g, r, s)]``: samples where it tied with others, in a tie group of
    ``s`` alternatives. ``wins[g, h]``: samples where ``g`` ranked strictly
    above ``h``. ``csum[g]``: sum of the weight vectors of the samples in
    ``counts[g, 0]``; ``tie_csum[g]``: sum of ``w / s`` over the samples where
    ``g`` tied for first in a group of ``s``.
    """

    n_alternatives: int
    n_criteria: int
    group: np.ndarray
    mult: np.ndarray
    counts: np.ndarray = field(init=False)
    wins: np.ndarray = field(init=False)
    csum: np.ndarray = field(init=False)
    tie_csum: np.ndarray = field(init=False)
    ties: dict[tuple[int, int, int], int] = field(init=False, default_factory=dict)
    n_samples: int = field(init=False, default=0)
    has_weights: bool = field(init=False, default=True)

    def __post_init__(self) -> None:
        mg, m, n = self.mult.size, self.n_alternatives, self.n_criteria
        self.counts = np.zeros((mg, m), dtype=np.int64)
        self.wins = np.zeros((mg, mg), dtype=np.int64)
        self.csum = np.zeros((mg, n))
        self.tie_csum = np.zeros((mg, n))

    @classmethod
    def plain(cls, m: int, n: int) -> Tally:
        """A tally without duplicate groups (each alternative its own group)."""
        return cls(m, n, np.arange(m), np.ones(m, dtype=np.int64))

    def chunk_size(self) -> int:
        """Samples per chunk that keep the ``(m', m', c)`` comparisons near 2 MB."""
        mg = self.mult.size
        return int(max(16, min(1 << 16, _PAIRWISE_BYTES // (2 * mg * mg))))

    def add_keys(self, keys: np.ndarray, w: np.ndarray | None) -> None:
        """Tally samples from their keys ``(c, m')`` (higher is better), exactly.

        ``w`` (c, n) are the samples' weight vectors, or None to skip the
        central-weight sums.
        """
        c, mg = keys.shape
        if c == 0:
            return
        m = self.n_alternatives
        mult = self.mult
        kt = np.ascontiguousarray(keys.T)
        greater = kt[None, :, :] > kt[:, None, :]  # [g, h, k]: h above g
        equal = kt[None, :, :] == kt[:, None, :]
        if mg == m:
            better = greater.sum(axis=1, dtype=np.int64)
            size = equal.sum(axis=1, dtype=np.int64)
        else:
            better = np.einsum("ghk,h->gk", greater, mult)
            size = np.einsum("ghk,h->gk", equal, mult)
        regular = size == mult[:, None]
        codes = better + (m * np.arange(mg))[:, None]
        codes = np.where(regular, codes, mg * m)
        self.counts += np.bincount(codes.ravel(), minlength=mg * m + 1)[:-1].reshape(mg, m)
        if not regular.all():
            g, k = np.nonzero(~regular)
            events = np.stack([g, better[g, k], size[g, k]], axis=1)
            found, number = np.unique(events, axis=0, return_counts=True)
            for (gg, rr, ss), count in zip(found.tolist(), number.tolist(), strict=True):
                key = (gg, rr, ss)
                self.ties[key] = self.ties.get(key, 0) + count
        self.wins += greater.sum(axis=2, dtype=np.int64).T
        if w is None:
            self.has_weights = False
        else:
            first = better == 0
            self.csum += (first & regular).astype(np.float64) @ w
            tied_first = first & ~regular
            if tied_first.any():
                self.tie_csum += np.where(tied_first, 1.0 / size, 0.0) @ w
        self.n_samples += c

    def add_counts(self, counts: np.ndarray, wins: np.ndarray, csum: np.ndarray, n: int) -> None:
        """Add counts computed elsewhere (the numba kernel) for ``n`` regular samples."""
        self.counts += counts
        self.wins += wins
        self.csum += csum
        self.n_samples += n

    def finalize(self) -> dict[str, np.ndarray]:
        """Per-alternative arrays: ``acceptability`` (m, m) and ``winning`` (m, m) shares,
        ``central`` (m, n) weights (NaN rows when never first, or without weights) and
        ``first`` (m,) first-place credits (counts, ties shared).
        """
        m, total = self.n_alternatives, self.n_samples
        mult = self.mult
        acc = np.zeros((mult.size, m))
        # A group at min-rank r with its t duplicates: 1/t to each of ranks r..r+t-1.
        for t in np.unique(mult).tolist():
            rows = np.flatnonzero(mult == t)
            share = self.counts[rows] / t
            for d in range(t):
                acc[rows, d:] += share[:, : m - d]
        for (g, r, s), count in sorted(self.ties.items()):
            acc[g, r : r + s] += count / s
        first_credit = self.counts[:, 0] / mult
        tie_csum = self.tie_csum
        for (g, r, s), count in sorted(self.ties.items()):
            if r == 0:
                first_credit[g] += count / s
        with np.errstate(invalid="ignore", divide="ignore"):
            central = (self.csum / mult[:, None] + tie_csum) / first_credit[:, None]
        if not self.has_weights:
            central[:] = np.nan
        central[first_credit == 0] = np.nan
        group = self.group
        winning = self.wins[np.ix_(group, group)].astype(np.float64)
        scale = 1.0 / total if total else np.nan
        return {
            "acceptability": acc[group] * scale,
            "winning": winning * scale,
            "central": central[group],
            "first": first_credit[group],
        }


# -- the fused numba kernel --------------------------------------------------------------

# The compiled kernels, by name, once built.
_COMPILED: dict[str, Any] = {}


def numba_available() -> bool:
    """Whether numba is installed (found without importing it)."""
    return importlib.util.find_spec("numba") is not None


def numba_compiled() -> bool:
    """Whether the numba kernels are already loaded in this process."""
    return "kernels" in _COMPILED


def numba_kernels() -> Any:
    """The numba kernels (imported, and compiled or loaded from cache, on first use).

    Raises ImportError when numba is missing or cannot be imported.
    """
    if "kernels" not in _COMPILED:
        importlib.import_module("numba")
        _COMPILED["kernels"] = _build_kernels()
    return _COMPILED["kernels"]


def _build_kernels() -> Any:  # pragma: no cover - exercised only with numba installed
    return importlib.import_module("pathchoice._core.kernels.numba_kernels")


def numba_block(
    kernels: Any,
    tables: TopsisTables,
    n_criteria: int,
    weights: np.ndarray | None = None,
    generator: np.random.Generator | None = None,
    size: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Run the fused kernel on one block: given weights, or ``size`` uniform samples.

    Returns ``(counts, wins, csum, odd_weights, n_regular)``; the odd samples
    (ties between different rows) are left for :meth:`Tally.add_keys`.
    """
    mg, m = tables.n_groups, tables.n_alternatives
    counts = np.zeros((mg, m), dtype=np.int64)
    wins = np.zeros((mg, mg), dtype=np.int64)
    csum = np.zeros((mg, n_criteria))
    mult = tables.mult.astype(np.int32)
    pairs = np.int64(tables.pairs)
    if weights is not None:
        c = weights.shape[0]
        oddw = np.empty((c, n_criteria))
        nodd = kernels.from_weights(
            weights, tables.a_plus, tables.a_minus, mult, pairs, counts, wins, csum, oddw
        )
    else:
        c = size
        oddw = np.empty((c, n_criteria))
        nodd = kernels.from_uniform(
            generator, c, n_criteria, tables.a_plus, tables.a_minus, mult, pairs,
            counts, wins, csum, oddw,
        )  # fmt: skip
    return counts, wins, csum, oddw[:nodd], c - nodd
