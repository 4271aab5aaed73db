"""Array core of SMAA: rank tallies for TOPSIS and any ranking, in numpy and numba.

Nothing here validates or labels; :mod:`pathchoice.sensitivity.smaa` and
:mod:`pathchoice.sensitivity.evaluate` do that.

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

**Near-ties.** The engines compute ``q`` as fast as they can (a BLAS product
in numpy, fused multiply-adds in numba), so it carries a relative rounding
error of order ``n * 2**-53``, different in each. Ratios are compared in
single precision with a relative margin :data:`NEAR_TIE` (``2**-20``, about
1e-6): group ``h`` is above group ``g`` when ``q_h > q_g * (1 + NEAR_TIE)``.
A sample in which some pair of different groups is not that far apart (an
exact tie, a near-tie, or two ratios beyond float32's range) is a *near-tie
sample*: every engine hands it to the same exact routine
(:func:`canonical_q`, sums in criterion order with separate multiply and
add, then exact comparisons with ties shared) and counts it in
:attr:`Tally.near_ties`. Rounding to float32 is monotonic and the margin is
about 10**8 times either engine's rounding error, so a sample outside the
margin is ranked alike by every engine; the engines may disagree only on
whether a sample whose closest pair lies within a rounding error of the
margin itself is a near-tie, and they then still rank it alike. So rank
counts and winning counts of the engines agree except, at most, for the
samples counted in ``near_ties``; central weights agree to rounding.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..topsis import closeness, ordered_distances, row_groups

__all__ = [
    "NEAR_TIE",
    "SUM_CHUNK",
    "TIE_RATIO",
    "Tally",
    "TopsisTables",
    "TopsisWorkspace",
    "canonical_q",
    "numba_available",
    "numba_kernels",
    "numba_tally",
    "ratio",
    "topsis_tables",
]

#: ``q`` of an alternative at distance 0 from both the ideal and the anti-ideal.
TIE_RATIO = 1.0
#: Relative margin below which two ratios are a near-tie, recomputed exactly.
NEAR_TIE = 2.0**-20
#: The fused kernel sums first-place weights per chunk of this many samples of a block,
#: and tallies add the chunks' sums in order: a block tallied whole or in parts made of
#: whole chunks gives the same bits.
SUM_CHUNK = 2_048
_SLACK = np.float32(1.0 + NEAR_TIE)
_LOW = float(np.finfo(np.float32).tiny)  # float32's normal range (floats: also numba's)
_HIGH = float(np.finfo(np.float32).max)
# Up to this many alternatives, rank counts come from one-hot comparisons, else bincount.
_ONEHOT_MAX = 16
# Temporaries of the pairwise comparisons: about this many bytes per chunk.
_PAIRWISE_BYTES = 1 << 19
# Comparison flags of the numpy TOPSIS path: at most this many bytes per chunk.
_WORKSPACE_BYTES = 1 << 20


def ratio(d_plus: np.ndarray, d_minus: np.ndarray) -> np.ndarray:
    """``q = D- / D+`` with ``inf`` for ``D+ = 0 < D-`` and :data:`TIE_RATIO` for ``0 / 0``."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.divide(d_minus, d_plus)
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
    (``(m**2 - sum(mult**2)) / 2``), which is what a decided sample's ranks
    add up to; ``stacked`` is ``[a_plus; a_minus]`` for one matrix product;
    ``n_groups`` is ``m'`` and ``n_alternatives`` ``m``.
    """

    a_plus: np.ndarray
    a_minus: np.ndarray
    stacked: np.ndarray
    group: np.ndarray
    mult: np.ndarray
    pairs: int
    n_groups: int
    n_alternatives: int


def topsis_tables(a_plus: np.ndarray, a_minus: np.ndarray) -> TopsisTables:
    """Merge identical rows of the separation tables ``A+``/``A-`` (each ``(m, n)``)."""
    rows, group = row_groups(a_plus, a_minus)
    m = group.size
    ap = np.ascontiguousarray(a_plus[rows])
    am = np.ascontiguousarray(a_minus[rows])
    mult = np.bincount(group, minlength=rows.size).astype(np.int64)
    return TopsisTables(
        a_plus=ap,
        a_minus=am,
        stacked=np.ascontiguousarray(np.vstack([ap, am])),
        group=group,
        mult=mult,
        pairs=int((m * m - int((mult * mult).sum())) // 2),
        n_groups=rows.size,
        n_alternatives=m,
    )


def canonical_q(w: np.ndarray, tables: TopsisTables) -> np.ndarray:
    """The exact ratio ``q`` (``(c, m')``, one column per group) for weights ``w`` (c, n).

    ``D = ((w2_0 A_0 + w2_1 A_1) + w2_2 A_2) + ...`` in criterion order with separate
    multiply and add (:func:`~pathchoice._core.topsis.ordered_distances`): one definition,
    whatever the engine, for the near-ties. D+ and D- side by side (the rows of
    ``stacked``), in slices of at most :data:`_PAIRWISE_BYTES` of terms.
    """
    mg, step = tables.n_groups, max(1, _PAIRWISE_BYTES // (8 * tables.stacked.size))
    d = np.empty((w.shape[0], 2 * mg))
    for lo in range(0, w.shape[0], step):
        w2 = np.square(w[lo : lo + step].T)[:, :, None]  # [criterion, sample, row of stacked]
        d[lo : lo + step] = ordered_distances(w2, tables.stacked.T[:, None, :])
    return ratio(d[:, :mg], d[:, mg:])


# -- the numpy TOPSIS path ---------------------------------------------------------------


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
    """Samples per chunk of the numpy TOPSIS path: a power of two (so chunks tile the
    sample blocks) whose ``(m', m', chunk)`` comparison flags take at most 1 MB.

    Measured on a 1 MB L2 cache: 12 alternatives ran fastest at 4,000-7,000
    samples per chunk, a quarter slower at 3,000 and at 12,000.
    """
    raw = _WORKSPACE_BYTES // (n_groups * n_groups)
    return int(max(64, min(1 << 15, 1 << (raw.bit_length() - 1))))


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
        # OpenBLAS splits a product across threads past about 2**19 multiply-adds
        # (interface/gemm.c); these skinny products do not gain from that and stall on
        # busy cores, so each is issued in column blocks below that size.
        self.step = max(64, ((1 << 19) - 1) // tables.stacked.size)
        self.w2 = np.empty((n_criteria, chunk))
        self.d = np.empty((2 * mg, chunk))
        self.single = np.empty((mg, chunk), dtype=np.float32)
        self.high = np.empty((mg, chunk), dtype=np.float32)
        self.greater = np.empty((mg, mg, chunk), dtype=bool)
        small = self.plain and mg < 256
        self.better = np.empty((mg, chunk), dtype=np.uint8 if small else np.int64)
        self.onehot = np.empty((mg, m, chunk), dtype=bool) if m <= _ONEHOT_MAX else None
        self.rank_values = np.arange(m, dtype=self.better.dtype)[None, :, None]
        self.first = np.empty((mg, chunk))

    def _compare(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(greater, better, near)`` for weights ``w`` (c, n): ``greater[h, g, k]``
        group ``h`` above group ``g`` by the margin in sample ``k``, ``better[g, k]``
        how many alternatives are, and the near-tie samples. Views of the buffers."""
        tables = self.tables
        c, mg = w.shape[0], tables.n_groups
        w2 = self.w2[:, :c]
        np.multiply(w.T, w.T, out=w2)
        d = self.d[:, :c]
        for start in range(0, c, self.step):
            stop = min(start + self.step, c)
            np.matmul(tables.stacked, w2[:, start:stop], out=d[:, start:stop])
        single = self.single[:, :c]
        # Ratios beyond float32's normal range are clipped to its ends, where they tie.
        with np.errstate(over="ignore"):
            np.copyto(single, ratio(d[:mg], d[mg:]), casting="same_kind")
            np.clip(single, _LOW, _HIGH, out=single)
            high = np.multiply(single, _SLACK, out=self.high[:, :c])
        greater = self.greater[:, :, :c]
        np.greater(single[:, None, :], high[None, :, :], out=greater)
        better = self.better[:, :c]
        if self.plain:
            greater.sum(axis=0, dtype=better.dtype, out=better)
            total = better.sum(axis=0, dtype=np.int64)
        else:
            np.einsum("hgk,h->gk", greater, tables.mult, out=better)
            total = tables.mult @ better
        return greater, better, total != tables.pairs

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
        return counts[:, :m], better == 0

    def tally(self, tally: Tally, w: np.ndarray) -> None:
        """Tally a chunk of weight samples ``w`` (c, n) for TOPSIS with fixed performance."""
        tables = self.tables
        greater, better, near = self._compare(w)
        c, mg = w.shape[0], tables.n_groups
        odd = np.flatnonzero(near)
        if odd.size:
            tally.add_keys(canonical_q(w[odd], tables), w[odd])
            tally.near_ties += odd.size
            better[:, odd] = tables.n_alternatives  # matches no rank
            greater[:, :, odd] = False
        counts, first = self._rank_counts(better)
        tally.counts += counts
        tally.wins += _count_true(greater.reshape(mg * mg, c)).reshape(mg, mg)
        weights_first = self.first[:, :c]
        np.copyto(weights_first, first)
        tally.csum += weights_first @ w
        tally.n_samples += c - odd.size

    def scores_ranks(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Closeness scores and min-ranks (1 = best), each ``(c, m)``.

        The ranks are those the tally counts (module docstring): by the margin,
        near-ties exactly. They equal the ranks of the scores except where
        scores closer than about 1e-15 are separated or merged by rounding.
        """
        tables = self.tables
        _, better, near = self._compare(w)
        mg = tables.n_groups
        scores = closeness(self.d[:mg, : w.shape[0]], self.d[mg:, : w.shape[0]]).T
        ranks = better.T.astype(np.int64) + 1
        odd = np.flatnonzero(near)
        if odd.size:  # min-ranks from the exact keys: 1 + how many are above
            keys = canonical_q(w[odd], tables)
            ranks[odd] = 1 + (keys[:, None, :] > keys[:, :, None]).astype(np.int64) @ tables.mult
        return scores[:, tables.group], ranks[:, tables.group]


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
    ``g`` tied for first in a group of ``s`` (the two are ``sums[0]`` and ``sums[1]``).
    ``near_ties``: samples counted by the exact near-tie routine (module docstring).
    ``parts``: the sums of a tally of the fused kernel per chunk of
    :data:`SUM_CHUNK` samples, ``(2, chunks, m', n)``, which :meth:`merge` adds in order.
    """

    n_alternatives: int
    n_criteria: int
    group: np.ndarray
    mult: np.ndarray
    counts: np.ndarray = field(init=False)
    wins: np.ndarray = field(init=False)
    csum: np.ndarray = field(init=False)
    tie_csum: np.ndarray = field(init=False)
    ties: Counter[tuple[int, int, int]] = field(init=False, default_factory=Counter)
    n_samples: int = field(init=False, default=0)
    has_weights: bool = field(init=False, default=True)
    near_ties: int = field(init=False, default=0)
    sums: np.ndarray = field(init=False, repr=False)
    parts: np.ndarray | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        mg, m, n = self.mult.size, self.n_alternatives, self.n_criteria
        self.counts = np.zeros((mg, m), dtype=np.int64)
        self.wins = np.zeros((mg, mg), dtype=np.int64)
        self.sums = np.zeros((2, mg, n))
        self.csum, self.tie_csum = self.sums

    def __setstate__(self, state: dict[str, Any]) -> None:  # (pickling copies views apart)
        self.__dict__.update(state)
        self.csum, self.tie_csum = self.sums

    @classmethod
    def plain(cls, m: int, n: int) -> Tally:
        """A tally without duplicate groups (each alternative its own group)."""
        return cls(m, n, np.arange(m), np.ones(m, dtype=np.int64))

    def chunk_size(self) -> int:
        """Samples per chunk that keep the ``(m', m', c)`` comparisons near 2 MB."""
        mg = self.mult.size
        return int(max(16, min(1 << 16, _PAIRWISE_BYTES // (2 * mg * mg))))

    def add_keys(self, keys: np.ndarray, w: np.ndarray | None, sums: Any = None) -> None:
        """Tally samples from their keys ``(c, m')`` (higher is better), exactly.

        ``w`` (c, n) are the samples' weight vectors, or None to skip the
        central-weight sums; they go to ``sums`` (default :attr:`sums`).
        """
        c, mg = keys.shape
        if c == 0:
            return
        m = self.n_alternatives
        mult = self.mult
        kt = keys.T if c < mg else np.ascontiguousarray(keys.T)  # inner loops: the longer side
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
            self.ties.update(dict(zip(map(tuple, found.tolist()), number.tolist(), strict=True)))
        self.wins += greater.sum(axis=2, dtype=np.int64).T
        if w is None:
            self.has_weights = False
        else:
            sums = self.sums if sums is None else sums
            first = better == 0
            sums[0] += (first & regular).astype(np.float64) @ w
            tied_first = first & ~regular
            if tied_first.any():
                sums[1] += np.where(tied_first, 1.0 / size, 0.0) @ w
        self.n_samples += c

    def merge(self, other: Tally) -> None:
        """Add the counts of ``other`` (a tally of other samples of the same problem)."""
        self.counts += other.counts
        self.wins += other.wins
        for part in (other.sums,) if other.parts is None else other.parts.swapaxes(0, 1):
            self.sums += part
        self.ties.update(other.ties)
        self.n_samples += other.n_samples
        self.has_weights = self.has_weights and other.has_weights
        self.near_ties += other.near_ties

    def finalize(self) -> dict[str, np.ndarray]:
        """Per-alternative arrays: ``acceptability`` (m, m) and ``winning`` (m, m) shares,
        ``central`` (m, n) weights (NaN rows when never first, or without weights) and
        ``first`` (m,) first-place credits (counts, ties shared).
        """
        m, total = self.n_alternatives, self.n_samples
        mult, group, wins = self.mult, self.group, self.wins
        merged = mult.size < m  # (else group is 0 .. m - 1)
        acc = np.zeros((mult.size, m)) if merged else self.counts.astype(np.float64)
        # A group at min-rank r with its t duplicates: 1/t to each of ranks r..r+t-1.
        for t in np.unique(mult).tolist() if merged else ():
            rows = np.flatnonzero(mult == t)
            share = self.counts[rows] / t
            for d in range(t):
                acc[rows, d:] += share[:, : m - d]
        first_credit = self.counts[:, 0] / mult
        for (g, r, s), count in sorted(self.ties.items()):
            acc[g, r : r + s] += count / s
            if r == 0:
                first_credit[g] += count / s
        with np.errstate(invalid="ignore", divide="ignore"):
            central = (self.csum / mult[:, None] + self.tie_csum) / first_credit[:, None]
        if not self.has_weights:
            central[:] = np.nan
        central[first_credit == 0] = np.nan
        if merged:
            acc, central, first_credit = acc[group], central[group], first_credit[group]
            wins = wins[np.ix_(group, group)]
        scale = 1.0 / total if total else np.nan
        return {
            "acceptability": acc * scale,
            "winning": wins * scale,
            "central": central,
            "first": first_credit,
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
        _COMPILED["kernels"] = importlib.import_module(f"{__package__}.numba_kernels")
    return _COMPILED["kernels"]


# The kernel's polytope when it draws no constrained weights (its flag: v_start empty).
_NO_POLYTOPE = (*(np.zeros(0, np.int64),) * 2, np.zeros(0)) * 3 + (np.zeros(0),)


def numba_tally(
    tables: TopsisTables,
    weights: np.ndarray | None = None,
    drawn: tuple[Any, ...] | None = None,
    tol: float = -1.0,
    first: int = 0,
) -> Tally | None:
    """The tally of one block, or of its samples ``first ..`` (a multiple of
    :data:`SUM_CHUNK`), by the fused kernel: of the weight rows ``weights`` (c, n),
    C-contiguous float64, or of the weights it draws itself, ``drawn = (key, size, order,
    lower, upper, slack[, polytope])`` (as :func:`~pathchoice._core.kernels.numba_kernels.tally`
    takes them). The near-ties it hands back are counted exactly here
    (:meth:`Tally.add_keys`). None when the region to sample proved too small for
    rejection, or when ``tol >= 0`` and some row of ``weights`` is negative, not a number,
    or misses a sum of 1 by more than ``tol`` (the caller then names it)."""
    kernels = numba_kernels()
    n = tables.a_plus.shape[1]
    tally = Tally(tables.n_alternatives, n, tables.group, tables.mult)
    if drawn is None:  # the kernel's inputs for drawing, unused
        drawn = (np.uint64(0), len(weights), np.zeros(0, np.intp), np.zeros(0), np.zeros(0), 0.0)
    size = drawn[1]
    chunks = -(-size // SUM_CHUNK)
    tally.parts = parts = np.zeros((2, chunks, tables.n_groups, n))
    ends, near = np.zeros(chunks, np.int64), np.empty((size, n))
    args = (tables.a_plus, tables.a_minus, tables.mult.astype(np.int32), np.int32(tables.pairs))
    args += (_SLACK, tally.counts, tally.wins, parts[0], near, ends)
    rows = np.empty((0, n)) if weights is None else weights
    polytope = drawn[6] if len(drawn) > 6 else _NO_POLYTOPE
    count = kernels.tally(rows, float(tol), first, SUM_CHUNK, *drawn[:6], *args, polytope)
    if count < 0:
        return None
    tally.n_samples = size - count
    if count:  # their exact ratios at once, tallied chunk by chunk
        keys, starts = canonical_q(near[:count], tables), np.concatenate(([0], ends[:-1]))
        for i in np.flatnonzero(ends > starts).tolist():
            rows = slice(starts[i], ends[i])
            tally.add_keys(keys[rows], near[rows], parts[:, i])
        tally.near_ties = count
    np.add.reduce(parts, axis=1, out=tally.sums)  # the chunks' sums in chunk order
    return tally
