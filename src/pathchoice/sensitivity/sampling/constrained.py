"""Weights under linear constraints, sampled uniformly: exactly where possible, else by hit-and-run.

Preference information often comes as linear statements about the weights:
trade-off ratios (``w_a >= 2 w_b``), a partial order of importance
(``w_a >= w_b``), bounds (``0.1 <= w_c <= 0.4``) or any ``A w <= b``. Together
with the simplex (``w >= 0``, ``sum w = 1``) they define a convex polytope.
:class:`ConstrainedSampler` samples it uniformly with the hit-and-run Markov
chain (Smith 1984), as Tervonen et al. (2013) do for SMAA: from a point inside,
pick a direction uniformly at random within the simplex's plane, find the
segment of the line that stays inside, and move to a uniform point on it.

**Burn-in and thinning.** Successive points of one chain are correlated; a
point is kept every ``thinning`` steps, after a burn-in of ``burn_in`` steps
from the start (the Chebyshev centre of the polytope, found by linear
programming). The default thinning is ``ceil(log(d + 1) / 4 * d**3)`` steps
for a polytope of dimension ``d = n_criteria - 1`` -- the default of the R
package *hitandrun* by van Valkenhoef and Tervonen, which their experiments
found enough for uniformity (Tervonen et al. 2013; the worst-case mixing bound
of Lovász 1999 is of order ``d**3``). Many chains run side by side, each
contributing a stretch of at least :data:`PER_CHAIN` kept points, so each chain
must forget its start: the default burn-in is ``10 * thinning`` steps (with a
burn-in of one thinning interval the means of a 4-criterion ordered simplex
were off by up to 6 standard errors; from five intervals on they were within
1.5), at most 8 % of the steps of a chain of 128 kept points.

**Exact when the polytope is a simplex.** Constraints such as a complete order
``w1 >= w2 >= ... >= wn``, or a chain of ratios, leave a polytope with exactly
``n`` facets: a simplex, whose uniform points are the uniform (Dirichlet(1))
mixtures of its vertices -- exact, independent and as cheap as uniform weights.
With ``method="auto"`` this is used whenever it applies
(:func:`~pathchoice.sensitivity.sampling.polytope.simplex_vertices`: redundant
constraints dropped by linear programming, then the vertices solved for).

**Rejection from the simplex the constraints build.** Orders, ratios and lower
bounds cut corners off the weight simplex and leave a simplex
(:func:`~pathchoice.sensitivity.sampling.polytope.enclosing_simplex` takes in every
constraint that does, by linear algebra alone); the constraints left (upper bounds,
say) are checked on uniform points of that simplex -- Dirichlet(1) mixtures of its
vertices, tested in the vertices' coordinates before the mixture is formed. The points
kept are exactly uniform on the polytope and independent. The mixing weights of
candidate ``c`` are the uniform simplex point ``c`` of the counter-based stream of
:mod:`pathchoice._core.kernels.stream` keyed by one draw of the generator (the uniform
sampler's numbers); the first candidates that pass are kept, in order, and mixed by
undoing the corner cuts that made the simplex, two products a cut
(:func:`~pathchoice.sensitivity.sampling.polytope.simplex_cuts`). Under 1 kept in
10,000 after 100,000 candidates (the interval sampler's rule) the draw gives up with an
error naming the constraints checked. With ``method="auto"`` (the
default), when the polytope is not a simplex, the share kept is estimated once, from
:data:`PILOT` fixed-seed points of that simplex, and rejection is used when it is at
least ``1 / thinning`` (so a kept point costs at most about ``thinning`` proposals, each
about the price of one hit-and-run step) and at least :data:`PILOT_MIN` pilot points
were kept.

With numba installed, the SMAA engine's fused kernel draws rejection's (and the
vertices') samples itself, 64 candidates side by side
(:func:`~pathchoice._core.kernels.lane_draws.draw_polytope`, which ``draw`` runs
too); the numpy code here computes the same numbers bit for bit (every sum in a fixed
order, no fused multiply-add). Hit-and-run runs as a compiled ``nogil`` kernel
(:mod:`pathchoice._core.kernels.hit_and_run`) inside the SMAA worker threads; its chains
are the lanes of one loop (each step computes every chain's chord and move at once),
each chain following the burn-in and thinning rule above, and the numpy code draws the
same random numbers in the same order and gives the same samples to rounding.

An empty polytope is an error naming a smallest set of the given constraints
that conflict (found by a deletion filter over linear programmes, Chinneck &
Dravnieks 1991).
"""

from __future__ import annotations

import importlib
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..._core.kernels import numpy_kernels, stream
from ..._core.kernels.numpy_kernels import numba_available
from ..._validate import as_choice, as_count, as_finite_array, as_real
from ...exceptions import ArgumentError, UnknownNameError, WeightsError
from ...model import Model
from .polytope import chebyshev_centre, simplex_cuts, simplex_vertices, smallest_conflict
from .samples import WeightSampler, WeightSamples, criteria_of

__all__ = ["ConstrainedSampler", "constrained_weights", "default_thinning"]

#: Chains run side by side in one draw (at most).
MAX_CHAINS = 4096
#: Points kept per chain (at least, when there are fewer than ``MAX_CHAINS`` chains).
PER_CHAIN = 128
#: Simplex points drawn once (fixed seed) to estimate the share the constraints keep.
PILOT = 65_536
#: Rejection needs at least this many pilot points kept (a share known to about 20 %).
PILOT_MIN = 32
#: The sampling methods: chosen by cost, or one of the two forced.
METHODS = ("auto", "vertices", "hit_and_run", "rejection")
# Steps between exact recomputations of the slacks (carried along incrementally).
_REFRESH = 64
# A polytope whose inscribed ball is thinner than this has no usable interior.
_MIN_RADIUS = 1e-10
# Rejection gives up when fewer than this share of candidates is kept ...
_MIN_ACCEPTANCE = 1e-4
# ... after at least this many (the rule of the interval sampler and the numba kernel).
_MIN_CANDIDATES = 100_000
# Elements of the product arrays of one batch of rejection's candidates (16 MB).
_BATCH_ELEMENTS = 1 << 21


def default_thinning(n_criteria: int) -> int:
    """Steps between kept points: ``ceil(log(d + 1) / 4 * d**3)``, ``d = n_criteria - 1``.

    Examples
    --------
    >>> default_thinning(3), default_thinning(12)
    (3, 827)
    """
    d = max(n_criteria - 1, 1)
    return max(1, math.ceil(math.log(d + 1) / 4 * d**3))


def _index(name: object, criteria: tuple[str, ...], where: str, what: str) -> int:
    if not isinstance(name, str):
        raise ArgumentError(f"{where}: {what} must name criteria (got {name!r})")
    if name not in criteria:
        raise UnknownNameError(
            f"{where}: {what} names unknown criterion {name!r}; criteria are {list(criteria)}"
        )
    return criteria.index(name)


def _constraint_rows(
    criteria: tuple[str, ...],
    ratios: Iterable[Any],
    order: Sequence[Any],
    bounds: Mapping[str, Any] | None,
    a_matrix: Any,
    b_vector: Any,
    where: str,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The user's constraints as rows of ``G w <= h``, each with a label in words."""
    n = len(criteria)
    rows: list[np.ndarray] = []
    rhs: list[float] = []
    labels: list[str] = []
    for item in ratios:
        if not isinstance(item, tuple | list) or len(item) != 3:
            raise ArgumentError(
                f"{where}: each ratio must be (a, b, r), meaning w[a] >= r * w[b] (got {item!r})"
            )
        a = _index(item[0], criteria, where, "ratios")
        b = _index(item[1], criteria, where, "ratios")
        r = as_real(item[2], "ratio", where=where, low=0.0, error=WeightsError)
        g = np.zeros(n)
        g[a] -= 1.0
        g[b] += r
        rows.append(g)
        rhs.append(0.0)
        labels.append(f"w[{criteria[a]!r}] >= {r:g} × w[{criteria[b]!r}]")
    pairs: list[tuple[Any, Any]] = []
    if order and all(isinstance(o, str) for o in order):
        pairs = list(itertools.pairwise(order))
    else:
        for item in order:
            if not isinstance(item, tuple | list) or len(item) != 2:
                raise ArgumentError(
                    f"{where}: order must be criterion names (most important first) or pairs "
                    f"(a, b) meaning w[a] >= w[b] (got {item!r})"
                )
            pairs.append((item[0], item[1]))
    for first, second in pairs:
        a = _index(first, criteria, where, "order")
        b = _index(second, criteria, where, "order")
        g = np.zeros(n)
        g[a], g[b] = -1.0, 1.0
        rows.append(g)
        rhs.append(0.0)
        labels.append(f"w[{criteria[a]!r}] >= w[{criteria[b]!r}]")
    for name, pair in (bounds or {}).items():
        j = _index(name, criteria, where, "bounds")
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise ArgumentError(f"{where}: bounds[{name!r}] must be (low, high) (got {pair!r})")
        low, high = pair
        if low is not None:
            lo = as_real(low, f"bounds[{name!r}] low", where=where, error=WeightsError)
            g = np.zeros(n)
            g[j] = -1.0
            rows.append(g)
            rhs.append(-lo)
            labels.append(f"w[{name!r}] >= {lo:g}")
        if high is not None:
            hi = as_real(high, f"bounds[{name!r}] high", where=where, error=WeightsError)
            g = np.zeros(n)
            g[j] = 1.0
            rows.append(g)
            rhs.append(hi)
            labels.append(f"w[{name!r}] <= {hi:g}")
    if (a_matrix is None) != (b_vector is None):
        raise ArgumentError(f"{where}: give both A and b (A w <= b), or neither")
    if a_matrix is not None:
        if isinstance(a_matrix, pd.DataFrame):
            unknown = [str(c) for c in a_matrix.columns if str(c) not in criteria]
            if unknown:
                raise UnknownNameError(
                    f"{where}: A names unknown criteria {unknown}; criteria are {list(criteria)}"
                )
            a_matrix = a_matrix.reindex(columns=list(criteria), fill_value=0.0).to_numpy()
        big_a = as_finite_array(a_matrix, "A", where=where, error=WeightsError)
        if big_a.ndim == 1:
            big_a = big_a[None, :]
        small_b = np.atleast_1d(as_finite_array(b_vector, "b", where=where, error=WeightsError))
        if big_a.ndim != 2 or big_a.shape[1] != n or small_b.shape != (big_a.shape[0],):
            raise WeightsError(
                f"{where}: A must have shape (k, {n}) (one column per criterion, in criterion "
                f"order) and b shape (k,) (got {big_a.shape} and {small_b.shape})"
            )
        for k in range(big_a.shape[0]):
            rows.append(big_a[k])
            rhs.append(float(small_b[k]))
            labels.append(f"row {k} of A·w <= b")
    g_all = np.asarray(rows, dtype=np.float64).reshape(-1, n)
    return g_all, np.asarray(rhs, dtype=np.float64), labels


class ConstrainedSampler(WeightSampler):
    """Weights uniform under linear constraints: exact where possible, else hit-and-run.

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    ratios : iterable of (a, b, r), optional
        Trade-off ratios: ``w[a] >= r * w[b]`` (``r >= 0``).
    order : sequence, optional
        A partial order of importance: criterion names most important first (a
        chain ``w[o0] >= w[o1] >= ...``) or pairs ``(a, b)`` meaning ``w[a] >= w[b]``.
    bounds : mapping, optional
        ``{criterion: (low, high)}``; either end may be None.
    A, b : array_like, optional
        General constraints ``A w <= b``: ``A`` of shape (k, n_criteria) in
        criterion order (or a DataFrame with criterion columns), ``b`` of shape (k,).
    thinning : int, optional
        Steps between kept points (default :func:`default_thinning`).
    burn_in : int, optional
        Steps before the first kept point of each chain (default:
        ``10 * thinning``).
    method : {"auto", "vertices", "hit_and_run", "rejection"}, default "auto"
        Exact sampling from the vertices when the constraints make the weights a
        simplex, hit-and-run, rejection from uniform points of the simplex the
        constraints build (:func:`~pathchoice.sensitivity.sampling.polytope.
        enclosing_simplex`), or the cheapest that applies (see the module notes).
        The chosen one is the attribute ``method``; ``params["proposal"]`` holds
        the vertices rejection draws from and ``params["checked"]`` the user's
        constraints it checks (their indices, in the order given).

    Raises
    ------
    WeightsError
        The constraints leave no weights (the message names a smallest set of
        them that conflict), or leave no room (they force some equality: the
        polytope has no interior and cannot be sampled uniformly).
    ArgumentError, UnknownNameError
        Malformed constraints or unknown criteria.

    References
    ----------
    .. [1] Smith, R. L. (1984). Efficient Monte Carlo procedures for generating
       points uniformly distributed over bounded regions. *Operations
       Research*, 32(6), 1296–1308.
    .. [2] Tervonen, T., van Valkenhoef, G., Baştürk, N., & Postmus, D. (2013).
       Hit-And-Run enables efficient weight generation for simulation-based
       multiple criteria decision analysis. *European Journal of Operational
       Research*, 224(3), 552–559.
    .. [3] Lovász, L. (1999). Hit-and-run mixes fast. *Mathematical
       Programming*, 86(3), 443–461.
    .. [4] Chinneck, J. W., & Dravnieks, E. W. (1991). Locating minimal
       infeasible constraint sets in linear programs. *ORSA Journal on
       Computing*, 3(2), 157–168.

    Examples
    --------
    >>> s = ConstrainedSampler(["a", "b", "c"], ratios=[("a", "b", 2.0)], bounds={"c": (None, 0.3)})
    >>> w = s.sample(n_samples=500, rng=1).values
    >>> bool((w[:, 0] >= 2 * w[:, 1] - 1e-12).all() and (w[:, 2] <= 0.3 + 1e-12).all())
    True
    """

    kind = "constrained"

    def __init__(
        self,
        model: Model | Sequence[str],
        *,
        ratios: Iterable[Any] = (),
        order: Sequence[Any] = (),
        bounds: Mapping[str, Any] | None = None,
        A: Any = None,
        b: Any = None,
        thinning: int | None = None,
        burn_in: int | None = None,
        method: str = "auto",
    ) -> None:
        where = "ConstrainedSampler"
        chosen = as_choice(method, "method", METHODS, where=where)
        criteria = criteria_of(model, where)
        n = len(criteria)
        g_user, h_user, labels = _constraint_rows(criteria, ratios, order, bounds, A, b, where)
        g = np.vstack([-np.eye(n), g_user])
        h = np.concatenate([np.zeros(n), h_user])
        centre = chebyshev_centre(g, h)
        if centre is None:
            conflict = smallest_conflict(g_user, h_user, labels)
            raise WeightsError(
                f"{where}: no weights satisfy the constraints; these conflict (with the "
                f"weights being non-negative and summing to 1): {'; '.join(conflict)}"
            )
        start, radius = centre
        if n > 1 and radius < _MIN_RADIUS:
            raise WeightsError(
                f"{where}: the constraints leave no room: they force an equality between "
                "weights, so the weights cannot be sampled uniformly; state the equality by "
                "merging those criteria or loosen a constraint"
            )
        thin = (
            default_thinning(n)
            if thinning is None
            else as_count(thinning, "thinning", where=where, minimum=1)
        )
        burn = (
            10 * thin if burn_in is None else as_count(burn_in, "burn_in", where=where, minimum=0)
        )
        text = "weights satisfying the stated constraints" + (
            f" ({'; '.join(labels)})" if labels else ""
        )
        proposal, rest, cuts = simplex_cuts(g_user, h_user)
        vertices = None
        if chosen in ("auto", "vertices"):
            vertices = proposal if rest.size == 0 else simplex_vertices(g, h)
        if chosen == "vertices" and vertices is None:
            raise WeightsError(
                f"{where}: the constraints do not make the weights a simplex (more than "
                f"{n} of them bind), so they cannot be sampled from vertices; use "
                "method='auto'"
            )
        if vertices is not None:
            chosen = "vertices"
            if vertices is not proposal:  # solved for by linear algebra, not made by cuts
                cuts = None
            proposal, rest = vertices, rest[:0]
        share = _kept_share(proposal, g_user[rest], h_user[rest])
        if chosen == "auto":
            cheaper = share >= 1.0 / thin and share * PILOT >= PILOT_MIN
            chosen = "rejection" if cheaper else "hit_and_run"
        elif chosen == "rejection" and share * PILOT < PILOT_MIN:
            raise WeightsError(
                f"{where}: the constraints keep {share:.2g} of the simplex the sampler draws "
                f"from, too little to sample by rejection; use method='hit_and_run' or 'auto'"
            )
        proposal = np.clip(proposal, 0.0, None)  # (solved vertices: -1e-17 is 0)
        params = {"A": g, "b": h, "start": start, "thinning": thin, "burn_in": burn,
                  "proposal": proposal, "checked": rest, "acceptance": share}  # fmt: skip
        if vertices is not None:
            params["vertices"] = vertices
        super().__init__(criteria, params, text)
        self.constraints = tuple(labels)
        self.method = chosen
        self.varies = n > 1
        # The vertices, the cuts that made them (or None), the rows rejection checks in
        # the vertices' coordinates (G V^T), and h.
        self._proposal = (proposal, cuts, g_user[rest] @ proposal.T, h_user[rest])
        #: Rejection's proposal and checks as the fused SMAA kernel takes them (see
        #: :func:`~pathchoice._core.kernels.lane_draws.draw_polytope`): ``V^T`` in
        #: compressed sparse rows or the cuts, ``G V^T`` in compressed sparse rows, and
        #: ``h``; None for hit-and-run.
        self.kernel_polytope: tuple[np.ndarray, ...] | None = None
        if chosen in ("vertices", "rejection") and n > 1:
            none, empty = np.zeros(0, dtype=np.int64), np.zeros(0)
            if cuts is None:
                mixing = (*_sparse_rows(proposal.T), none, none, empty)
            else:
                q, p = cuts[:, 0].astype(np.int64), cuts[:, 1].astype(np.int64)
                mixing = (np.zeros(n + 1, np.int64), none, empty, q, p, cuts[:, 2].copy())
            self.kernel_polytope = (*mixing, *_sparse_rows(self._proposal[2]),
                                    np.array(h_user[rest], dtype=np.float64))  # fmt: skip

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        n = len(self.criteria)
        if size == 0:
            return np.empty((0, n))
        if n == 1:
            return np.ones((size, 1))
        if self.kernel_polytope is not None:
            key = stream.stream_key(rng)  # candidate c is sample c of this stream
            if numba_available():  # the fused SMAA kernel's code: the same numbers
                out = np.empty((size, n))
                if numpy_kernels.numba_kernels().polytope_rows(key, self.kernel_polytope, out) < 0:
                    raise self._too_little()
                return out
            out = _rejection(key, *self._proposal, size, float(self.params["acceptance"]))
            if out is None:
                raise self._too_little()
            return out
        kernels = _kernels()
        g, h = self.params["A"][n:], self.params["b"][n:]
        thin, burn = int(self.params["thinning"]), int(self.params["burn_in"])
        # Each chain keeps at least PER_CHAIN points, so that its burn-in is shared.
        chains = min(MAX_CHAINS, -(-size // PER_CHAIN))
        per_chain = -(-size // chains)
        start = self.params["start"]
        if kernels is not None:
            out = np.empty((per_chain, chains, n))
            kernels.hit_and_run(
                rng, start, *_sparse_rows(g), h, chains, per_chain, burn, thin, _REFRESH,
                out,
            )  # fmt: skip
        else:
            out = _hit_and_run(self.params["A"], self.params["b"], start, chains, per_chain,
                               burn, thin, rng)  # fmt: skip
        flat = out.reshape(-1, n)[:size]
        np.clip(flat, 0.0, None, out=flat)
        flat /= flat.sum(axis=1, keepdims=True)
        return np.ascontiguousarray(flat)

    def _too_little(self) -> WeightsError:
        """The error of a rejection that gives up."""
        checked = [self.constraints[i] for i in self.params["checked"]]
        return WeightsError(
            f"ConstrainedSampler: the constraints {'; '.join(checked)} keep too little of the "
            f"simplex the sampler draws from: fewer than 1 in {1 / _MIN_ACCEPTANCE:,.0f} of at "
            f"least {_MIN_CANDIDATES:,} candidates satisfied them; use method='hit_and_run'"
        )


def _kernels() -> Any:
    """The numba kernels of this sampler, or None without numba."""
    if not numba_available():
        return None
    return importlib.import_module("pathchoice._core.kernels.hit_and_run")


def _sparse_rows(g: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``G`` as compressed sparse rows: row starts, columns and values of the non-zeros."""
    rows, columns = np.nonzero(g)
    start = np.searchsorted(rows, np.arange(g.shape[0] + 1)).astype(np.int64)
    return start, columns.astype(np.int64), np.ascontiguousarray(g[rows, columns])


def _hit_and_run(
    g: np.ndarray,
    h: np.ndarray,
    start: np.ndarray,
    chains: int,
    per_chain: int,
    burn: int,
    thin: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """The chains of :meth:`ConstrainedSampler.draw` in numpy, vectorised over the chains
    (the numba kernel draws the same random numbers in the same order)."""
    n = g.shape[1]
    # (n, k), C order: w @ g.T on a transposed view is ~100 times slower in numpy.
    gt = np.ascontiguousarray(g.T)
    w = np.broadcast_to(start, (chains, n)).copy()
    slack = np.maximum(h - w @ gt, 0.0)
    out = np.empty((per_chain, chains, n))
    kept = 0
    for step in range(1, burn + per_chain * thin + 1):
        _step(w, slack, gt, rng)
        if step % _REFRESH == 0:  # the slacks are updated incrementally: re-anchor them
            np.maximum(h - w @ gt, 0.0, out=slack)
        if step > burn and (step - burn) % thin == 0:
            out[kept] = w
            kept += 1
    return out


def _step(w: np.ndarray, slack: np.ndarray, gt: np.ndarray, rng: np.random.Generator) -> None:
    """One hit-and-run step for every chain (rows of ``w``), in place.

    ``slack = h - w G.T`` is carried along (``gt`` is ``G.T`` in C order: a product
    with a transposed view is about 100 times slower in numpy). The direction is
    a Gaussian vector projected onto the plane ``sum(w) = 1`` (uniform within it);
    its length does not matter, since the new point is uniform on the chord.
    """
    u = rng.standard_normal(w.shape)
    u -= u.mean(axis=1, keepdims=True)
    rate = u @ gt  # (chains, k): how fast each slack shrinks along u
    with np.errstate(divide="ignore", invalid="ignore"):
        t = slack / rate
    t_max = np.where(rate > 0.0, t, np.inf).min(axis=1)
    t_min = np.where(rate < 0.0, t, -np.inf).max(axis=1)
    move = t_min + (t_max - t_min) * rng.random(len(w))
    w += move[:, None] * u
    slack -= move[:, None] * rate
    np.maximum(slack, 0.0, out=slack)


def _mix(w: np.ndarray, g: np.ndarray) -> np.ndarray:
    """``w @ g`` without BLAS: these products are small, and OpenBLAS's threads inside the
    SMAA worker threads (or on a loaded machine) cost 20-50 times the product."""
    return np.einsum("sj,jk->sk", w, g)


def _kept_share(proposal: np.ndarray, g: np.ndarray, h: np.ndarray) -> float:
    """The share of :data:`PILOT` fixed-seed uniform points of the simplex with vertices
    ``proposal`` that satisfy ``G w <= h``."""
    if g.shape[0] == 0:
        return 1.0
    e = np.random.default_rng(20_131_552).standard_exponential((PILOT, proposal.shape[0]))
    w = _mix(e / e.sum(axis=1, keepdims=True), proposal)
    return float(np.mean(np.all(_mix(w, g.T) <= h, axis=1)))


def _in_order(matrix: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``matrix @ x`` for lane-major ``x`` ``(k, count)``, each sum taken over ``k`` in
    order, as the numba kernel takes it: along the first (slowest) axis of the products,
    where numpy adds in order (its pairwise summation is used only along the fastest axis:
    the note of ``numpy.sum``); the kernel skips the zero terms, which add nothing."""
    return np.add.reduce(matrix.T[:, :, None] * x[:, None, :], axis=0)


def _mixtures(vertices: np.ndarray, cuts: np.ndarray | None, lam: np.ndarray) -> np.ndarray:
    """``lam V`` ``(count, n)`` for lane-major ``lam`` ``(n, count)`` as the numba kernel
    computes it: by undoing the ``cuts`` that made ``V``, from the last
    (:func:`~pathchoice.sensitivity.sampling.polytope.simplex_cuts`), else as the sums in
    order of :func:`_in_order`, in batches (``n * n`` products a point)."""
    n = vertices.shape[0]
    if cuts is None:
        out = np.empty((lam.shape[1], n))
        step = max(64, _BATCH_ELEMENTS // (n * n))
        for lo in range(0, lam.shape[1], step):
            out[lo : lo + step] = _in_order(vertices.T, lam[:, lo : lo + step]).T
        return out
    w = lam.copy()
    for q, p, t in cuts[::-1].tolist():  # one pass over the points a cut
        w[int(q)] += (1.0 - t) * w[int(p)]
        w[int(p)] *= t
    return np.ascontiguousarray(w.T)


def _rejection(
    key: np.uint64, vertices: np.ndarray, cuts: np.ndarray | None, checked: np.ndarray,
    h: np.ndarray, size: int, acceptance: float,
) -> np.ndarray | None:  # fmt: skip
    """``size`` uniform points of the simplex with vertices ``vertices`` (made by ``cuts``,
    if given) satisfying the rows ``checked`` (``G V^T``) ``<= h``; None when under 1 in
    10,000 candidates is kept after 100,000. Candidate ``c`` is the uniform simplex point
    ``lam`` of sample ``c`` of the stream ``key``, kept when ``checked @ lam <= h``; the
    first ``size`` kept, in order, are mixed, ``w = lam V`` (:func:`_mixtures`): the
    numbers of the numba kernel (:func:`~pathchoice._core.kernels.lane_draws.
    draw_polytope`), bit for bit."""
    n = vertices.shape[0]
    lam = np.empty((n, size))
    chunk = max(1024, _BATCH_ELEMENTS // (n * max(len(h), 1)))
    filled = drawn = 0
    while filled < size:
        rate = filled / drawn if drawn else acceptance
        batch = int(min(chunk, 1.2 * (size - filled) / max(rate, _MIN_ACCEPTANCE) + 64))
        candidates = stream.simplex_points(key, n, drawn, batch).T
        kept = np.all(_in_order(checked, candidates) <= h[:, None], axis=0)
        drawn += batch
        take = min(int(kept.sum()), size - filled)
        lam[:, filled : filled + take] = candidates[:, kept][:, :take]
        filled += take
        if filled < size and drawn >= _MIN_CANDIDATES and filled / drawn < _MIN_ACCEPTANCE:
            return None
    return _mixtures(vertices, cuts, lam)


def constrained_weights(
    model: Model | Sequence[str],
    *,
    ratios: Iterable[Any] = (),
    order: Sequence[Any] = (),
    bounds: Mapping[str, Any] | None = None,
    A: Any = None,
    b: Any = None,
    thinning: int | None = None,
    burn_in: int | None = None,
    method: str = "auto",
    n_samples: int,
    rng: Any = None,
) -> WeightSamples:
    """Weight samples under linear constraints (:class:`ConstrainedSampler`).

    Examples
    --------
    >>> s = constrained_weights(["a", "b"], ratios=[("a", "b", 2.0)], n_samples=2000, rng=0)
    >>> round(float(s.values[:, 0].mean()), 2)   # uniform on [2/3, 1]: mean 5/6
    0.83
    """
    sampler = ConstrainedSampler(
        model, ratios=ratios, order=order, bounds=bounds, A=A, b=b, thinning=thinning,
        burn_in=burn_in, method=method,
    )  # fmt: skip
    return sampler.sample(n_samples=n_samples, rng=rng)
