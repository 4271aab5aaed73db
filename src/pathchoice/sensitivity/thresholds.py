"""Rank-reversal thresholds: how far can one criterion's weight move before the ranking changes?

For each criterion ``k``, :func:`weight_thresholds` follows the path on which
its weight ``t`` runs over [0, 1] while the other weights keep their ratios
(``w_j' = w_j (1 - t) / (1 - w_k)``, the proportional scheme of
:func:`~pathchoice.sensitivity.oat.weight_sensitivity`). On that path every
pair of alternatives ``(a, b)`` has a score difference ``d_ab(t)``; the
weights at which it changes sign are where ``a`` and ``b`` swap. They are
found in two steps:

1. a batched grid scan: the scores at ``grid + 1`` evenly spaced weights (and
   at the current weight) for every criterion, in one call of the method,
   bracket every sign change of every pair;
2. bisection of every bracket at once, one batched evaluation per step, to
   ``tol`` (1e-9) in the weight, and the linear interpolation across the last
   bracket.

A difference can change sign several times on [0, 1] (TOPSIS scores are not
linear in the weights): every crossing is reported. Two crossings closer than
the grid spacing (1/200 by default) can be missed; raise ``grid`` to look
closer. For the weighted sum model (``method="wsm"``) the scores are linear in
``t`` and the crossing has a closed form (Triantaphyllou & Sánchez 1997,
Theorem 1), used instead of the root finder.

``docs/thresholds.md`` has the conventions, the tie rule and the mapping to
Triantaphyllou & Sánchez's δ.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._core.roots import bisect
from .._core.topsis import closeness, normalize, separations
from .._core.weights import varied_weights
from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_count, as_real
from ..exceptions import MethodError, PathchoiceError, WeightsError
from ..model import Model
from ..ranking import rank, rank_batch
from ..ranking.methods import RankingMethod
from ..ranking.topsis import topsis
from ..results import BatchRankingResult, RankingResult
from ..weights import WeightsLike, check_weights
from .oat import check_criteria
from .threshold_tables import assemble_tables

__all__ = ["SOLVERS", "ThresholdResult", "weight_thresholds"]

Solver = Literal["auto", "roots", "closed_form"]

#: How :func:`weight_thresholds` finds the crossings.
SOLVERS: tuple[str, ...] = ("auto", "roots", "closed_form")

_DEFAULT_GRID = 200


# -- pure array core (no pandas, no validation) -------------------------------------------


def _path(w: np.ndarray, k: int, t: np.ndarray) -> np.ndarray:
    """Weight vectors (len(t), n) on criterion ``k``'s proportional path."""
    t = np.atleast_1d(np.asarray(t, dtype=np.float64))
    return varied_weights(w, np.full(t.shape[0], k), t, "proportional")[0]


def _grids(w: np.ndarray, ks: np.ndarray, size: int) -> np.ndarray:
    """(K, size + 2) sorted grid of weights per criterion: [0, 1] evenly, plus the current one."""
    even = np.linspace(0.0, 1.0, size + 1)
    both = np.concatenate([np.broadcast_to(even, (ks.shape[0], size + 1)), w[ks][:, None]], axis=1)
    return np.sort(both, axis=1)


def _pairs(base_ranks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (first, second): first ranked better at the base (ties: model order)."""
    order = np.lexsort((np.arange(base_ranks.shape[0]), base_ranks))
    i, j = np.triu_indices(base_ranks.shape[0], k=1)
    return order[i], order[j]


def _sign_changes(
    d: np.ndarray, grid: np.ndarray, base: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every sign change of ``d`` (K, P, T) along its last axis, on the grids (K, T).

    Returns ``(k, p, lo, hi, exact, rising)``: the crossing lies between grid
    points ``lo`` and ``hi`` of row ``(k, p)``. Where ``hi == lo + 1`` the
    root is inside that cell and ``exact`` is NaN (to be refined). Where the
    difference is exactly 0 on grid points in between (a tie on the grid),
    ``exact`` is the one of them nearest to the current weight ``base[k]``.
    ``rising`` says whether the difference goes from negative to positive as
    the weight increases. Exact zeros at either end of [0, 1] are not sign
    changes: a tie reached only at an end is not a reversal.
    """
    sign = np.sign(d)
    size = sign.shape[-1]
    steps = np.arange(size)
    last = np.maximum.accumulate(np.where(sign != 0, steps, -1), axis=-1)
    prev = np.full(last.shape, -1)
    prev[..., 1:] = last[..., :-1]
    prev_sign = np.take_along_axis(sign, np.maximum(prev, 0), axis=-1)
    cross = (sign != 0) & (prev >= 0) & (prev_sign * sign < 0)
    k, p, hi = np.nonzero(cross)
    lo = prev[k, p, hi]
    rising = sign[k, p, hi] > 0
    exact = np.full(k.shape[0], np.nan)
    run = hi > lo + 1
    if run.any():
        first = grid[k[run], lo[run] + 1]
        final = grid[k[run], hi[run] - 1]
        exact[run] = np.clip(base[k[run]], first, final)
    return k, p, lo, hi, exact, rising


def _wsm_crossings(
    r: np.ndarray, w: np.ndarray, ks: np.ndarray, first: np.ndarray, second: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Closed-form crossings of the weighted sum on each proportional path.

    ``r`` is the (m, n) normalised matrix, scores ``r @ w``. On criterion
    ``k``'s path ``s_i(t) = t r_ik + (1 - t) q_ik`` with ``q_ik`` the average
    of ``r_ij`` (j != k) weighted by the other weights, so
    ``d(t) = (1 - t) dq + t dr`` is linear and crosses 0 once, at
    ``t* = dq / (dq - dr)``, when ``d(0) = dq`` and ``d(1) = dr`` have
    opposite signs. Returns ``(k, p, root, rising)`` like the grid scan.
    """
    n = w.shape[0]
    others = np.broadcast_to(w, (ks.shape[0], n)).copy()
    others[np.arange(ks.shape[0]), ks] = 0.0
    total = others.sum(axis=1)
    degenerate = total <= 0.0
    if degenerate.any():  # the equal share of varied_weights
        others[degenerate] = 1.0
        others[degenerate, ks[degenerate]] = 0.0
        total = others.sum(axis=1)
    q = r @ (others / total[:, None]).T  # (m, K)
    rk = r[:, ks]  # (m, K)
    dq = (q[first] - q[second]).T  # (K, P)
    dr = (rk[first] - rk[second]).T
    cross = np.sign(dq) * np.sign(dr) < 0
    k, p = np.nonzero(cross)
    root = dq[k, p] / (dq[k, p] - dr[k, p])
    rising = dr[k, p] > dq[k, p]
    return k, p, np.clip(root, 0.0, 1.0), rising


# -- evaluators: oriented score differences of pairs on paths, many at once ------------------

#: An evaluator ``f(k, a, b, t)``: the oriented score difference of alternatives ``a[i]``
#: and ``b[i]`` at weight ``t[i]`` on criterion ``k[i]``'s path, for every ``i`` at once.
Difference = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def _topsis_difference(model: Model, w: np.ndarray, normalization: str) -> Difference:
    """A fast evaluator for TOPSIS: the separation tables once, only the rows needed."""
    r, ideal, anti, zero = normalize(model.matrix, model.types > 0, normalization)
    a_plus, a_minus = separations(r, ideal, anti, zero)

    def f(k: np.ndarray, a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
        w2 = np.square(varied_weights(w, k, t, "proportional")[0])

        def score(rows: np.ndarray) -> np.ndarray:
            d = (np.einsum("ij,ij->i", table[rows], w2) for table in (a_plus, a_minus))
            return closeness(*d)

        return score(a) - score(b)

    return f


def _generic_difference(
    model: Model,
    w: np.ndarray,
    method: str | RankingMethod,
    options: Mapping[str, Any],
    sign: float,
) -> Difference:
    def f(k: np.ndarray, a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
        weights = varied_weights(w, k, t, "proportional")[0]
        scores = np.asarray(rank_batch(model, weights, method, **options).scores, dtype=np.float64)
        rows = np.arange(t.shape[0])
        return sign * (scores[rows, a] - scores[rows, b])

    return f


# -- labelled shell -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ThresholdResult(FrozenResult, FrameDisplay):
    """Weights at which the ranking changes, criterion by criterion.

    Every threshold is a weight of one criterion on its proportional path
    (the other weights keep their ratios). NaN means no reversal on [0, 1].

    Attributes
    ----------
    criteria : pandas.DataFrame
        One row per criterion (index ``criterion``): ``weight`` (current),
        ``increase_to`` and ``decrease_to`` (the nearest weights above and
        below the current one at which the top path is overtaken; NaN = no
        reversal in [0, 1]), ``new_top_if_increased`` and
        ``new_top_if_decreased`` (the path that overtakes it; None if none),
        ``delta_up = increase_to - weight`` (>= 0) and ``delta_down =
        decrease_to - weight`` (<= 0), ``relative_up`` and ``relative_down``
        (those changes in percent of the current weight; ±inf for a zero
        weight), and the flags ``reversal_up`` and ``reversal_down``.
    pairs : pandas.DataFrame
        Long form, every crossing of every pair of alternatives on every
        criterion's path: ``criterion``, ``weight`` (current), ``alternative``
        (the one ranked better at the current weights) and ``other``,
        ``swap_weight`` (where they swap), ``direction`` (``"increase"`` if
        the swap lies above the current weight, ``"decrease"`` below),
        ``order`` (1 = the nearest crossing on that side, the one that
        reverses the current order; 2 swaps them back, ...), ``delta`` and
        ``relative`` (as in ``criteria``), and ``ts_delta`` and
        ``ts_relative``, the same change in Triantaphyllou & Sánchez's
        convention (see Notes of :func:`weight_thresholds`). A pair that
        never swaps on a criterion's path has one row with NaN
        ``swap_weight`` and ``order`` 0.
    most_critical : pandas.DataFrame
        Triantaphyllou & Sánchez's most critical criterion, one row each for
        ``"absolute-top"``, ``"absolute-any"``, ``"percent-top"`` and
        ``"percent-any"``: the smallest ``|ts_delta|`` (absolute) or
        ``|ts_relative|`` (percent) over the crossings that overtake the top
        path (top) or reverse any pair (any). Columns as in ``pairs``; a row
        of NaN/None where nothing reverses.
    top : str
        The top path at the current weights (the first in model order if
        several tie).
    base : RankingResult
        The ranking at the current weights.
    method : str
        The ranking method's name.
    solver : str
        ``"roots"`` (grid scan and bisection) or ``"closed_form"`` (WSM).
    grid : int
        Intervals of the grid scan on [0, 1].
    tol : float
        Absolute tolerance of the roots, in weight.
    options : mapping
        The method's options as used.
    findings : tuple of str
        Soft findings (a tied top, a criterion holding all the weight, ...).
    """

    criteria: pd.DataFrame
    pairs: pd.DataFrame
    most_critical: pd.DataFrame
    top: str
    base: RankingResult
    method: str
    solver: str
    grid: int
    tol: float
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    def plot(self, *, ax: Any = None) -> Any:
        """The weight ranges keeping the top alternative first, as a tornado (needs matplotlib).

        Drawn by :func:`pathchoice.plotting.plot_thresholds`; returns the matplotlib
        Figure, which a notebook shows. ``ax``: draw on these axes instead of a new figure.
        """
        from ..plotting import plot_thresholds

        return plot_thresholds(self, ax=ax)

    def to_frame(self) -> pd.DataFrame:
        """The per-criterion table :attr:`criteria` (a copy)."""
        return self.criteria.copy()

    def _display_title(self) -> str:
        return f"rank-reversal thresholds ({self.method}): weights keeping {self.top!r} first"

    def _display_frame(self) -> pd.DataFrame:
        columns = ["weight", "decrease_to", "new_top_if_decreased"]
        return self.criteria[[*columns, "increase_to", "new_top_if_increased"]]


def _check_solver(solver: object, method: object) -> str:
    as_choice(solver, "solver", SOLVERS, where="weight_thresholds")
    if solver == "closed_form" and method != "wsm":
        raise MethodError(
            f"solver='closed_form' exists only for the weighted sum, method='wsm' "
            f"(got method {method!r}); use solver='roots'"
        )
    if solver == "auto":
        return "closed_form" if method == "wsm" else "roots"
    return str(solver)


def _check_tol(tol: object) -> float:
    return as_real(tol, "tol", where="weight_thresholds", low=0.0, low_open=True, high=1e-3)


def _check_grid(grid: object) -> int:
    return as_count(grid, "grid", where="weight_thresholds", minimum=2)


def weight_thresholds(
    model: Model,
    weights: WeightsLike,
    *,
    method: str | RankingMethod = "topsis",
    criteria: str | Sequence[str] | None = None,
    tol: float = 1e-9,
    grid: int = _DEFAULT_GRID,
    solver: Solver = "auto",
    **options: Any,
) -> ThresholdResult:
    """Weights at which the top path, and each pair of paths, change places.

    Parameters
    ----------
    model : Model
        The decision model (not changed).
    weights : Series, mapping or array_like
        The current weights: non-negative, summing to 1 (for AHP weights pass
        ``HierarchyResult.global_weights``).
    method : str or callable, default "topsis"
        A key of :data:`pathchoice.ranking.METHODS` or a conforming callable
        that ranks 2-D batches. TOPSIS has a fast path for the root finder;
        other methods rank a batch per bisection step (slower).
    criteria : str or sequence of str, optional
        The criteria whose weight moves. Default: every criterion.
    tol : float, default 1e-9
        Absolute tolerance of each threshold, in weight.
    grid : int, default 200
        Intervals of the scan on [0, 1] that brackets the crossings. Two
        crossings of one pair closer than ``1 / grid`` may be missed.
    solver : {"auto", "roots", "closed_form"}, default "auto"
        ``"roots"``: grid scan and bisection. ``"closed_form"``: the
        weighted sum's exact crossing (only ``method="wsm"``). ``"auto"``:
        closed form for ``"wsm"``, roots otherwise.
    **options
        The method's options (``normalization="minmax"`` for TOPSIS, ...).

    Returns
    -------
    ThresholdResult
        ``criteria`` (one row per criterion: ``increase_to``,
        ``decrease_to``, the new top, absolute and relative changes),
        ``pairs`` (every swap of every pair), ``most_critical`` (in the
        sense of Triantaphyllou & Sánchez), ``top``.

    Raises
    ------
    UnknownNameError
        Unknown criteria or ``solver``.
    WeightsError
        Weights that are negative, non-finite or do not sum to 1.
    MethodError
        An unknown method, an option it does not take, or
        ``solver="closed_form"`` with a method other than ``"wsm"``.
    PathchoiceError
        ``tol`` not in (0, 1e-3]; ``grid`` not an integer >= 2.

    Notes
    -----
    *Path.* Criterion ``k``'s weight becomes ``t``; the others become
    ``w_j (1 - t) / (1 - w_k)``. If ``w_k = 1`` (every other weight 0),
    ``1 - t`` is shared equally among the others.

    *Ties.* The threshold is the weight at which the two scores are equal.
    There the two paths tie (they share rank 1); the incumbent keeps first
    place up to and including the threshold and is strictly behind beyond
    it. A pair that only draws level at 0 or 1, or touches without
    crossing, does not swap. If paths tie at the current weights, ``top``
    is the first of them in model order, and a crossing exactly at the
    current weight is put on the side where ``other`` goes ahead.

    *Triantaphyllou & Sánchez's convention.* They change one weight,
    ``W_k* = W_k - δ`` with the others unchanged, and then renormalise. With
    every weight divided by ``1 - δ`` the others keep their ratios, so their
    change δ lands on this path at ``t = (w_k - δ) / (1 - δ)``; conversely
    ``ts_delta = (w_k - t) / (1 - t)`` (positive for a decrease) and
    ``ts_relative = 100 ts_delta / w_k``, their δ'. For the weighted sum
    their Theorem 1 gives ``δ_{k,i,j} = (P_j - P_i) / (a_jk - a_ik)`` for
    alternatives ``A_i`` ahead of ``A_j``. Along one side of the current
    weight δ is monotone in ``t``, so the nearest crossing is the same in
    both conventions; the criterion that is *most critical* can differ,
    and ``most_critical`` follows theirs. Both are reported.

    References
    ----------
    .. [1] Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis
       approach for some deterministic multi-criteria decision-making
       methods. *Decision Sciences*, 28(1), 151–194.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[2, 9], [6, 7], [9, 3]])
    >>> result = weight_thresholds(model, [0.6, 0.4])
    >>> result.top
    'C'
    >>> result.criteria[["increase_to", "decrease_to", "new_top_if_decreased"]].round(4)
               increase_to  decrease_to new_top_if_decreased
    criterion
    x                  NaN       0.5453                    B
    y               0.4547          NaN                 None
    >>> wsm = weight_thresholds(model, [0.6, 0.4], method="wsm")
    >>> wsm.solver, round(float(wsm.criteria.loc["x", "decrease_to"]), 4)
    ('closed_form', 0.544)
    """
    solver = _check_solver(solver, method)
    tol = _check_tol(tol)
    size = _check_grid(grid)
    names = model.criterion_names
    w = check_weights(weights, names)
    chosen = check_criteria(criteria, names)
    base = rank(model, w, method, **options)
    if not isinstance(base, RankingResult):
        raise WeightsError("weights must be one vector (got a batch)")
    sign = 1.0 if base.higher_is_better else -1.0
    base_ranks = np.asarray(base.ranks, dtype=np.int64)
    m = model.n_alternatives
    top = int(np.flatnonzero(base_ranks == base_ranks.min())[0])
    first, second = _pairs(base_ranks)
    ks = np.array([names.index(c) for c in chosen], dtype=np.int64)
    findings = list(base.findings)

    if solver == "closed_form":
        unit = rank_batch(model, np.eye(len(names)), method, **options)
        r = np.asarray(unit.scores, dtype=np.float64).T
        linear = r @ w
        if sign < 0 or not np.allclose(linear, base.scores.to_numpy(), rtol=1e-9, atol=1e-12):
            raise MethodError(
                f"method {method!r} is not a weighted sum here (its scores are not linear in "
                "the weights, or lower is better); the closed form does not apply: use "
                "solver='roots'"
            )
        kk, pp, root, rising = _wsm_crossings(r, w, ks, first, second)
    else:
        grids = _grids(w, ks, size)
        flat = np.concatenate([_path(w, int(k), g) for k, g in zip(ks, grids, strict=True)])
        batch = rank_batch(model, flat, method, **options)
        if not isinstance(batch, BatchRankingResult):
            raise PathchoiceError(
                f"method {base.method!r} returned {type(batch).__name__} for a 2-D batch of "
                "weights; weight_thresholds needs a method that ranks batches"
            )
        scores = sign * np.asarray(batch.scores, dtype=np.float64).reshape(len(ks), -1, m)
        d = np.transpose(scores[:, :, first] - scores[:, :, second], (0, 2, 1))
        kk, pp, lo, hi, root, rising = _sign_changes(d, grids, w[ks])
        if method == "topsis" or method is topsis:
            f = _topsis_difference(model, w, options.get("normalization", "vector"))
            if sign < 0:  # pragma: no cover - TOPSIS scores are higher-is-better
                raise MethodError("topsis scores must be higher-is-better")
        else:
            f = _generic_difference(model, w, method, options, sign)
        rows = np.flatnonzero(np.isnan(root))
        if rows.size:  # every bracket at once: ks[path], first[pair], second[pair] each
            path, pair = kk[rows], pp[rows]
            ends = grids[path, lo[rows]], grids[path, hi[rows]]
            k_of, a_of, b_of = ks[path], first[pair], second[pair]
            root[rows] = bisect(lambda i, t: f(k_of[i], a_of[i], b_of[i], t), *ends, tol)

    pairs, critical, table = assemble_tables(
        model, w, ks, first, second, kk, pp, root, rising, top, findings
    )
    ties = [model.alternatives[i] for i in np.flatnonzero(base_ranks == 1) if i != top]
    if ties:
        findings.append(
            f"{model.alternatives[top]!r} ties for first place with {ties} at the current "
            "weights; thresholds are for it"
        )
    full = [names[k] for k in ks if w[k] >= 1.0 and np.all(np.delete(w, k) == 0.0)]
    if full:
        findings.append(
            f"criteria {full} hold all the weight: their path shares 1 - t equally among "
            "the others, and Triantaphyllou & Sánchez's δ is undefined (NaN) there"
        )
    return ThresholdResult(
        criteria=table,
        pairs=pairs,
        most_critical=critical,
        top=model.alternatives[top],
        base=base,
        method=base.method,
        solver=solver,
        grid=size,
        tol=tol,
        options=dict(base.options),
        findings=tuple(findings),
    )
