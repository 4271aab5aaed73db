"""Exact first-rank acceptability of an additive (weighted-sum) model, by polytope volumes.

For a weighted sum ``s_i(w) = sum_j w_j v_ij`` of value scores ``v_ij`` (the
performance normalised so that more is better), alternative ``i`` is first for
the weights in its *favourable weight polytope*

    ``W_i = {w >= 0, sum w = 1, (v_i - v_k) . w >= 0 for every k}``.

With weights uniform on the simplex (SMAA's "no preference information"), the
first-rank acceptability ``b_i^1`` is the volume of ``W_i`` divided by the volume
of the simplex, and the central weight vector ``w_i^c`` is the centroid of
``W_i`` (Lahdelma, Hokkanen & Salminen 1998; Lahdelma & Salminen 2001). Both are
computed here exactly, without sampling: each polytope is built as a halfspace
intersection (:class:`scipy.spatial.HalfspaceIntersection`, from an interior
point found by :func:`scipy.optimize.linprog`), its volume and centroid from the
convex hull of its vertices, triangulated by coning each facet to the interior
point. The weight bounds of each alternative (the least and the most weight each
criterion can have while the alternative is first) and whether it can be first
at all are linear programmes.

Linear weight information (``A w <= b``: trade-offs, bounds, partial orders) is
intersected with every polytope; the weights are then uniform on the part of the
simplex that meets it, the acceptabilities shares of that part (an exact answer
against which a constrained sampler, such as hit-and-run, can be tested).

Alternatives with identical value scores share their polytope equally (as SMAA
splits ties). Vertex enumeration grows quickly with the number of criteria: the
function refuses models with more than :data:`MAX_EXACT_CRITERIA` criteria
(use :func:`pathchoice.sensitivity.smaa.smaa` with ``method="wsm"`` there).

References
----------
.. [1] Lahdelma, R., Hokkanen, J., & Salminen, P. (1998). SMAA — Stochastic
   multiobjective acceptability analysis. *European Journal of Operational
   Research*, 106(1), 137–143.
.. [2] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
   acceptability analysis for group decision making. *Operations Research*,
   49(3), 444–454.
.. [3] Barber, C. B., Dobkin, D. P., & Huhdanpaa, H. (1996). The Quickhull algorithm
   for convex hulls. *ACM Transactions on Mathematical Software*, 22(4), 469–483.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.optimize import linprog
from scipy.spatial import ConvexHull, HalfspaceIntersection, QhullError

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_finite_array
from ..exceptions import ModelError, WeightsError
from ..model import Model

__all__ = [
    "MAX_EXACT_CRITERIA",
    "NORMALIZATIONS",
    "ExactAcceptabilityResult",
    "exact_acceptability",
]

#: The largest number of criteria the exact computation accepts (polytopes of dimension 8;
#: the 12 × 9 China–Japan model takes about 10 s).
MAX_EXACT_CRITERIA = 9

#: Value scores by name: pymcdm's normalisations (direction-aware), or ``"none"``.
NORMALIZATIONS = (
    "minmax",
    "max",
    "sum",
    "vector",
    "linear",
    "none",
)

# Margins and radii below this are zero (the value scores are O(1) after normalisation).
_EPS = 1e-10


@dataclass(frozen=True, eq=False)
class ExactAcceptabilityResult(FrozenResult, FrameDisplay):
    """Exact first-rank acceptability, central weights and weight bounds of a weighted sum.

    Attributes
    ----------
    first_rank_acceptability : pandas.Series
        ``b_i^1``: the share of the weight simplex on which each alternative is first
        (summing to 1).
    central_weights : pandas.DataFrame
        ``w_i^c``: alternatives × criteria, the centroid of each alternative's
        favourable weights; NaN rows for alternatives with no volume.
    weight_lower, weight_upper : pandas.DataFrame
        Alternatives × criteria: the least and the most weight each criterion can
        have while the alternative is (at least jointly) first; NaN rows for
        alternatives that can never be first.
    best_margin : pandas.Series
        The largest lead, in value score, that each alternative can have over its
        strongest rival for some weights: positive if it can be first alone, 0 if
        only jointly, negative if never.
    never_first : tuple of str
        Alternatives first for no weights at all.
    values : pandas.DataFrame
        The value scores ``v_ij`` used (normalised performance, more is better).
    normalization : str
        How the performance was turned into value scores.
    method : str
        ``"exact_wsm"``.
    message : str
        One plain sentence summarising the result.
    findings : tuple of str
        Soft findings: identical alternatives, alternatives only jointly first.
    options : mapping
        ``normalization`` and the polytope counts.
    """

    first_rank_acceptability: pd.Series
    central_weights: pd.DataFrame
    weight_lower: pd.DataFrame
    weight_upper: pd.DataFrame
    best_margin: pd.Series
    never_first: tuple[str, ...]
    values: pd.DataFrame
    normalization: str
    method: str
    message: str
    findings: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The alternatives, in model order."""
        return tuple(self._raw("first_rank_acceptability").index)

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative: acceptability, best margin and the central weights."""
        frame = self._raw("central_weights").add_prefix("central ")
        frame.insert(0, "best_margin", self._raw("best_margin"))
        frame.insert(0, "first_rank_acceptability", self._raw("first_rank_acceptability"))
        return frame

    def _display_title(self) -> str:
        return "Exact first-rank acceptability (weighted sum, uniform weights)"

    def _display_notes(self) -> tuple[str, ...]:
        return (self.message, *self.findings)


def _values(model: Model, normalization: str, where: str) -> np.ndarray:
    if normalization == "none":
        if any(d == "cost" for d in model.directions):
            raise ModelError(
                f"{where}: normalization='none' uses the performance as value scores, which "
                "needs every criterion to be a benefit criterion"
            )
        return model.matrix
    helpers = importlib.import_module("pymcdm.helpers")
    normalizations = importlib.import_module("pymcdm.normalizations")
    function = getattr(normalizations, f"{normalization}_normalization")
    with np.errstate(all="ignore"):
        values = np.asarray(helpers.normalize_matrix(model.matrix, function, model.types), float)
    constant = np.ptp(model.matrix, axis=0) == 0
    values[:, constant] = 0.0  # a constant criterion never changes the order
    return as_finite_array(
        values,
        "value scores",
        where=where,
        labels=[model.alternatives, model.criterion_names],
        error=ModelError,
    )


def _reduced(diff: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Halfspaces ``A u + c <= 0`` in the first n-1 weights for ``diff . w >= 0`` on the simplex.

    ``w = (u, 1 - sum u)``; the simplex itself is ``u >= 0``, ``sum u <= 1``.
    """
    n = diff.shape[1]
    a_pref = -(diff[:, : n - 1] - diff[:, n - 1 : n])
    c_pref = -diff[:, n - 1]
    a_simplex = np.vstack([-np.eye(n - 1), np.ones((1, n - 1))])
    c_simplex = np.concatenate([np.zeros(n - 1), [-1.0]])
    return np.vstack([a_pref, a_simplex]), np.concatenate([c_pref, c_simplex])


def _best_margin(diff: np.ndarray, held: np.ndarray) -> float:
    """``max t`` with ``diff . w >= t`` and ``held . w >= 0`` over the simplex (-inf if none)."""
    k, n = diff.shape
    if k == 0:
        return math.inf
    # variables (w, t); minimise -t; -diff w + t <= 0; -held w <= 0; sum w = 1; w >= 0
    a_ub = np.vstack(
        [np.hstack([-diff, np.ones((k, 1))]), np.hstack([-held, np.zeros((len(held), 1))])]
    )
    res = linprog(
        np.r_[np.zeros(n), -1.0],
        A_ub=a_ub,
        b_ub=np.zeros(len(a_ub)),
        A_eq=np.r_[np.ones(n), 0.0].reshape(1, -1),
        b_eq=[1.0],
        bounds=[(0.0, None)] * n + [(None, None)],
        method="highs",
    )
    return float(-res.fun) if res.status == 0 else -math.inf


def _bounds(diff: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least and most weight of each criterion over ``{w in simplex, diff . w >= 0}``."""
    k, n = diff.shape
    lower, upper = np.empty(n), np.empty(n)
    for j in range(n):
        for sense in (1.0, -1.0):
            c = np.zeros(n)
            c[j] = sense
            res = linprog(
                c,
                A_ub=-diff if k else None,
                b_ub=np.zeros(k) if k else None,
                A_eq=np.ones((1, n)),
                b_eq=[1.0],
                bounds=[(0.0, None)] * n,
                method="highs",
            )
            value = float(res.x[j]) if res.status == 0 else math.nan
            if sense > 0:
                lower[j] = value
            else:
                upper[j] = value
    return lower, upper


def _volume_centroid(diff: np.ndarray, n: int) -> tuple[float, np.ndarray]:
    """Volume (as a share of the simplex) and centroid (as weights) of the favourable polytope."""
    if n == 1:  # the simplex is the single point w = (1,)
        inside = bool(np.all(diff[:, 0] >= -_EPS))
        return (1.0, np.ones(1)) if inside else (0.0, np.full(1, math.nan))
    a, c = _reduced(diff)
    norms = np.linalg.norm(a, axis=1)
    # Chebyshev centre: max r with a u + norms r <= -c
    res = linprog(
        np.r_[np.zeros(n - 1), -1.0],
        A_ub=np.hstack([a, norms[:, None]]),
        b_ub=-c,
        bounds=[(None, None)] * (n - 1) + [(0.0, None)],
        method="highs",
    )
    if res.status != 0 or -res.fun <= _EPS:
        return 0.0, np.full(n, math.nan)
    inside = res.x[: n - 1]
    if n == 2:  # an interval of w_1
        lo = max([0.0] + [-ci / ai for ai, ci in zip(a[:, 0], c, strict=True) if ai < 0])
        hi = min([1.0] + [-ci / ai for ai, ci in zip(a[:, 0], c, strict=True) if ai > 0])
        u = np.array([(lo + hi) / 2])
        return hi - lo, np.r_[u, 1.0 - u.sum()]
    vertices = HalfspaceIntersection(np.hstack([a, c[:, None]]), inside).intersections
    hull = ConvexHull(vertices)  # triangulated facets ("Qt")
    # Cone each facet simplex to the interior point: a triangulation of the polytope.
    cones = np.concatenate(
        [np.broadcast_to(inside, (len(hull.simplices), 1, n - 1)), vertices[hull.simplices]],
        axis=1,
    )  # (s, n, n-1)
    edges = cones[:, 1:, :] - cones[:, :1, :]
    volumes = np.abs(np.linalg.det(edges))
    centroid_u = (volumes[:, None] * cones.mean(axis=1)).sum(axis=0) / volumes.sum()
    share = float(hull.volume) * math.factorial(n - 1)  # the simplex has volume 1/(n-1)!
    return share, np.r_[centroid_u, 1.0 - centroid_u.sum()]


def _constraint_rows(
    constraints: tuple[npt.ArrayLike, npt.ArrayLike] | None, model: Model, where: str
) -> tuple[np.ndarray, float]:
    """Rows ``H`` with ``H . w >= 0`` on the simplex for ``A w <= b``, and their region's share.

    With ``sum w = 1``, ``A w <= b`` is ``(b 1^T - A) w >= 0``.
    """
    n = model.n_criteria
    if constraints is None:
        return np.zeros((0, n)), 1.0
    if not isinstance(constraints, tuple | list) or len(constraints) != 2:
        raise WeightsError(f"{where}: constraints must be a pair (A, b) meaning A @ w <= b")
    a, b = constraints
    if isinstance(a, pd.DataFrame):
        missing = [c for c in model.criterion_names if c not in a.columns]
        unknown = [str(c) for c in a.columns if c not in model.criterion_names]
        if unknown or missing:
            raise WeightsError(
                f"{where}: constraints A must have one column per criterion "
                f"(unknown {unknown}, missing {missing})"
            )
        a = a[list(model.criterion_names)].to_numpy()
    a = as_finite_array(a, "constraints A", where=where, ndim=2, error=WeightsError)
    b = as_finite_array(b, "constraints b", where=where, ndim=1, error=WeightsError)
    if a.shape[1] != n or len(b) != len(a):
        raise WeightsError(
            f"{where}: constraints A must be (rows, {n}) and b one number per row "
            f"(got A {a.shape}, b {b.shape})"
        )
    held = b[:, None] - a
    share, _ = _volume_centroid(held, n)
    if share <= _EPS:
        raise WeightsError(
            f"{where}: the weight constraints leave no room on the simplex (no weights, or "
            "only a set of no volume, meet them all)"
        )
    return held, float(share)


def exact_acceptability(
    model: Model,
    *,
    normalization: str = "minmax",
    constraints: tuple[npt.ArrayLike, npt.ArrayLike] | None = None,
) -> ExactAcceptabilityResult:
    """Exact SMAA first-rank acceptability of a weighted-sum model, with central weights.

    Parameters
    ----------
    model : Model
        The decision model, at most :data:`MAX_EXACT_CRITERIA` criteria.
    normalization : str, default "minmax"
        How performance becomes value scores (more is better), one of
        :data:`NORMALIZATIONS`: pymcdm's normalisation of that name, applied per
        criterion with its direction (``"minmax"``: 0 for the worst alternative, 1
        for the best), or ``"none"`` (the performance as it is; benefit criteria
        only). The same as ``smaa(model, method="wsm", normalization_function=...)``.
    constraints : (A, b), optional
        Linear weight information ``A @ w <= b`` (trade-offs such as ``w_x >= 2 w_y``
        as the row ``[-1, 2] . w <= 0``, bounds, partial orders): ``A`` an array with
        one column per criterion in criterion order, or a DataFrame with criterion
        columns; ``b`` one number per row. The weights are then uniform on the part
        of the simplex that meets them, and the acceptabilities are shares of that
        part.

    Returns
    -------
    ExactAcceptabilityResult

    Raises
    ------
    ModelError
        More criteria than :data:`MAX_EXACT_CRITERIA`, ``normalization="none"`` with a
        cost criterion, or value scores that are not finite.
    WeightsError
        Malformed ``constraints``, or constraints that leave no room on the simplex
        (no weights, or a set of no volume, meet them).
    ArgumentError
        Unknown ``normalization``.

    Notes
    -----
    Exact up to floating point: the volumes come from Qhull's triangulation (relative
    error about 1e-12 here), not from samples. The acceptabilities sum to 1 because
    the polytopes tile the simplex (overlapping only on boundaries of zero volume).

    References
    ----------
    .. [1] Lahdelma, R., Hokkanen, J., & Salminen, P. (1998). SMAA — Stochastic
       multiobjective acceptability analysis. *European Journal of Operational
       Research*, 106(1), 137–143.
    .. [2] Lahdelma, R., & Salminen, P. (2001). SMAA-2. *Operations Research*, 49(3),
       444–454.

    Examples
    --------
    Min-max value scores (0, 1), (5/8, 5/8), (1, 0): A is first when ``w_y > 5/8``,
    C when ``w_x > 5/8``, B in between.

    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    >>> result = exact_acceptability(model)
    >>> result.first_rank_acceptability.round(6).tolist()
    [0.375, 0.25, 0.375]
    >>> result.central_weights.loc["B"].round(4).tolist()
    [0.5, 0.5]
    """
    where = "exact_acceptability"
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    normalization = as_choice(normalization, "normalization", NORMALIZATIONS, where=where)
    m, n = model.shape
    if n > MAX_EXACT_CRITERIA:
        raise ModelError(
            f"{where}: exact volumes are computed for up to {MAX_EXACT_CRITERIA} criteria "
            f"(this model has {n}); estimate the acceptability by sampling instead, with "
            "smaa(model, method='wsm')"
        )
    values = _values(model, normalization, where)
    held, region = _constraint_rows(constraints, model, where)
    # identical value rows share one polytope
    _, first_of, group = np.unique(values, axis=0, return_index=True, return_inverse=True)
    group = group.reshape(-1)
    counts = np.bincount(group)
    share = np.zeros(m)
    centres = np.full((m, n), math.nan)
    lower = np.full((m, n), math.nan)
    upper = np.full((m, n), math.nan)
    margin = np.empty(m)
    for g, i in enumerate(first_of):  # one polytope per distinct alternative
        rivals = group != g
        diff = values[i] - values[rivals]
        members = group == g
        margin[members] = _best_margin(diff, held)
        if margin[i] < -_EPS:
            continue
        lo, hi = _bounds(np.vstack([diff, held]))
        lower[members], upper[members] = lo, hi
        try:
            volume, centre = _volume_centroid(np.vstack([diff, held]), n)
            volume /= region
        except QhullError:  # a sliver Qhull cannot triangulate: below any printed precision
            volume, centre = 0.0, np.full(n, math.nan)
        share[members] = volume / counts[g]
        if volume > 0:
            centres[members] = centre
    names, crit = list(model.alternatives), list(model.criterion_names)
    index = pd.Index(names, name="alternative")
    columns = pd.Index(crit, name="criterion")
    never = tuple(a for a, t in zip(names, margin, strict=True) if t < -_EPS)
    findings = []
    for g in np.flatnonzero(counts > 1):
        tied = [a for a, k in zip(names, group, strict=True) if k == g]
        findings.append(
            f"alternatives {tied} have identical value scores and split their acceptability equally"
        )
    jointly = [a for a, t, s in zip(names, margin, share, strict=True) if abs(t) <= _EPS and s == 0]
    if jointly:
        findings.append(f"only ever jointly first (on a boundary of no volume): {jointly}")
    total = share.sum()
    if abs(total - 1.0) > 1e-6:  # pragma: no cover - the polytopes tile the simplex
        findings.append(f"the acceptabilities sum to {total:.6f}, not 1 (numerical trouble)")
    top = names[int(np.argmax(share))]
    message = (
        f"With weights uniform on the simplex, {top} is first for {share.max():.1%} of them"
        + (f"; never first: {', '.join(never)}." if never else "; every alternative can be first.")
    )
    return ExactAcceptabilityResult(
        first_rank_acceptability=pd.Series(share, index=index, name="first_rank_acceptability"),
        central_weights=pd.DataFrame(centres, index=index, columns=columns),
        weight_lower=pd.DataFrame(lower, index=index, columns=columns),
        weight_upper=pd.DataFrame(upper, index=index, columns=columns),
        best_margin=pd.Series(margin, index=index, name="best_margin"),
        never_first=never,
        values=pd.DataFrame(values, index=index, columns=columns),
        normalization=normalization,
        method="exact_wsm",
        message=message,
        findings=tuple(findings),
        options={
            "normalization": normalization,
            "polytopes": len(first_of),
            "constraints": len(held),
            "constrained_share_of_simplex": region,
        },
    )
