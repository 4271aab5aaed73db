"""Performance thresholds: what must a path achieve to reach (or keep) rank k?

:func:`performance_thresholds` asks, for every alternative and every criterion
(and for all criteria of the alternative at once, in proportion), the
smallest change of the alternative's own performance that moves it to rank
``k`` (``target_rank``, default 1: "what must this path achieve to become
first"), or, for an alternative already at rank ``k`` or better, the smallest
worsening that costs it that place. Everything else -- the weights, the other
alternatives' performance -- stays as it is; for TOPSIS the normalisation and
the ideal points are recomputed from the changed table, as they would be.

The answer is exact to ``tol`` by root finding: the change is scanned on a
grid in the direction that helps (or hurts) the alternative, and the first
grid interval in which its rank crosses ``k`` is refined by bisection on the
score difference to the ``k``-th best other alternative, the intervals of every
alternative and criterion at once (:func:`pathchoice._core.roots.bisect`). TOPSIS
is evaluated for a whole stack of tables at once; any other method of
:data:`pathchoice.ranking.METHODS`, or a callable ``method(model, weights_2d) ->
scores``, once per table.

This is the performance side of Triantaphyllou & Sánchez's (1997) sensitivity
analysis ("the most critical measure of performance"), which they give in
closed form for the weighted sum; here the same question is answered for any
method numerically.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._core.roots import bisect
from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_count, as_flag, as_real
from ..exceptions import ModelError, UnknownNameError
from ..model import Model
from ..weights import check_weights
from .evaluate import method_scores, performance_topsis, resolve_method, topsis_options

__all__ = ["ALL_CRITERIA", "PerformanceThresholdResult", "performance_thresholds"]

#: The ``criterion`` label of the rows that change every criterion of an alternative in proportion.
ALL_CRITERIA = "(all criteria, in proportion)"
#: Largest factor searched when every criterion changes in proportion (×10 or ÷10).
MAX_FACTOR = 10.0
#: The columns of :attr:`PerformanceThresholdResult.table`, in order.
COLUMNS = ("alternative", "criterion", "rank", "goal", "direction", "value", "threshold",
           "change", "relative_change", "rival", "reached")  # fmt: skip


@dataclass(frozen=True, eq=False)
class PerformanceThresholdResult(FrozenResult, FrameDisplay):
    """Per alternative and criterion: the performance at which its rank crosses ``target_rank``.

    Attributes
    ----------
    table : DataFrame
        One row per (alternative, criterion), then one per alternative with
        ``criterion`` = :data:`ALL_CRITERIA`. Columns: ``alternative``,
        ``criterion``, ``rank`` (now), ``goal`` ("reach" for an alternative
        ranked worse than ``target_rank``, "keep" for one at it or better),
        ``direction`` ("increase"/"decrease": which way the performance moves;
        for the proportional rows, of the benefit criteria), ``value`` (now;
        1 for the proportional rows), ``threshold`` (the value at which the
        rank crosses: there the alternative ties with the rival; for the
        proportional rows the factor applied to benefit criteria, cost
        criteria divided by it), ``change`` (``threshold - value``),
        ``relative_change`` (``change / |value|``), ``rival`` (the alternative
        it overtakes or that overtakes it) and ``reached`` (False when no
        value in the search range crosses: ``threshold`` is then NaN).
    target_rank : int
        The rank ``k`` asked about.
    method : str
        The ranking method.
    weights : Series
        The weights, in criterion order.
    options : mapping
        The method's options, ``grid`` and ``tol``.
    findings : tuple of str
        Soft findings (e.g. thresholds outside the search range).
    """

    table: pd.DataFrame
    target_rank: int
    method: str
    weights: pd.Series
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The :attr:`table` (a copy)."""
        return self.table

    def for_alternative(self, alternative: str) -> pd.DataFrame:
        """The rows of one alternative, indexed by criterion."""
        table = self._raw("table")
        if alternative not in set(table["alternative"]):
            raise UnknownNameError(f"unknown alternative {alternative!r}")
        return table[table["alternative"] == alternative].set_index("criterion")

    def _display_title(self) -> str:
        return f"performance thresholds for rank {self.target_rank} ({self.method})"


def _keys(
    resolved: Any, model: Model, w: np.ndarray, tables: np.ndarray, options: Mapping[str, Any]
) -> np.ndarray:
    """``(G, m)`` scores, higher is better, of each table in the stack ``tables``."""
    if resolved.kind == "topsis":
        closeness, _ = performance_topsis(tables, w, model.types > 0, options["normalization"])
        return closeness
    batch = np.ascontiguousarray(np.broadcast_to(w, (len(tables), w.size)))
    scores, higher = method_scores(resolved, model, batch, tables, options)
    return scores if higher else -scores


def _margin_of(keys: np.ndarray, a: np.ndarray, k: int) -> np.ndarray:
    """``key_a[i] - (k-th best other key)`` of each row ``i``, its own alternative ``a[i]``."""
    rows = np.arange(keys.shape[0])
    others = keys.copy()
    others[rows, a] = -np.inf
    return keys[rows, a] + np.sort(-others, axis=1)[:, k - 1]


def _margin(keys: np.ndarray, a: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``key_a - (k-th best other key)`` per row (>= 0: rank <= k) and that rival's index."""
    others = np.delete(keys, a, axis=1)
    index = np.delete(np.arange(keys.shape[1]), a)
    order = np.argsort(-others, axis=1, kind="stable")[:, k - 1]
    rival = others[np.arange(len(keys)), order]
    return keys[:, a] - rival, index[order]


def _tables(
    base: np.ndarray, sign: np.ndarray, a: np.ndarray, j: np.ndarray, end: np.ndarray,
    s: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """The tables ``(len(s), m, n)`` with alternative ``a[i]``'s performance moved to the
    parameter ``s[i]`` of its line: criterion ``j[i]`` from its value towards ``end[i]``,
    or, where ``j[i] < 0``, every criterion in proportion (benefit criteria times
    ``f = end[i] ** s[i]``, cost criteria divided by it)."""
    a, j, end, s = np.broadcast_arrays(a, j, end, s)  # one line for every s, or a line each
    stack = np.broadcast_to(base, (s.size, *base.shape)).copy()
    rows = np.arange(s.size)
    one, every = rows[j >= 0], rows[j < 0]
    start = base[a[one], j[one]]
    stack[one, a[one], j[one]] = start + s[one] * (end[one] - start)
    f = np.power(end[every], s[every])[:, None]
    stack[every, a[every], :] = base[a[every]] * np.where(sign > 0, f, 1.0 / f)
    return stack


def _scan(
    tables: Callable[[np.ndarray], np.ndarray],
    score: Callable[[np.ndarray], np.ndarray],
    a: int,
    k: int,
    keep: bool,
    grid: int,
) -> tuple[float, float, bool, int] | None:
    """The first grid cell of (0, 1] in which the rank crosses k: its ends, whether the
    alternative ties there at the lower end, and the rival at the upper; None when it never
    crosses."""
    s = np.linspace(0.0, 1.0, grid + 1)
    margin, rivals = _margin(score(tables(s)), a, k)
    crossed = margin < 0 if keep else margin >= 0
    hits = np.flatnonzero(crossed[1:]) + 1
    if hits.size == 0:
        return None
    hi = int(hits[0])
    return float(s[hi - 1]), float(s[hi]), bool(margin[hi - 1] == 0.0), int(rivals[hi])


def performance_thresholds(
    model: Model,
    weights: Any,
    *,
    target_rank: int = 1,
    alternatives: Sequence[str] | None = None,
    proportional: bool = True,
    method: str | Callable[..., Any] = "topsis",
    grid: int = 200,
    tol: float = 1e-12,
    **options: Any,
) -> PerformanceThresholdResult:
    """What each alternative must achieve, criterion by criterion, to reach rank ``target_rank``.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : Series, mapping or array_like
        One weight vector (by criterion name, or in criterion order).
    target_rank : int, default 1
        The rank ``k``: alternatives ranked worse get the improvement that
        brings them to rank ``k``; those at ``k`` or better, the worsening
        that drops them below it.
    alternatives : sequence of str, optional
        The alternatives to analyse (default: all).
    proportional : bool, default True
        Also change all criteria of an alternative at once in proportion (a
        factor ``f`` on benefit criteria, ``1/f`` on cost criteria, searched up
        to ×10); needs positive performance.
    method : str or callable, default "topsis"
        A name of :data:`pathchoice.ranking.METHODS` or ``method(model,
        weights_2d) -> scores``, as for :func:`~pathchoice.sensitivity.evaluate.evaluate`.
    grid : int, default 200
        Grid intervals scanned along each line of change before root finding.
        A crossing and a crossing back within one interval can be missed.
    tol : float, default 1e-12
        Tolerance of the root finder, on the parameter of the line (0 = the
        current value, 1 = the end of the search range).
    **options
        The method's options.

    Returns
    -------
    PerformanceThresholdResult

    Notes
    -----
    The search range of one criterion runs from the current value to one
    column range (max − min; the value's size or 1 if the column is constant)
    beyond the column's best value (improving) or worst value (worsening).
    At the threshold the alternative ties with its rival; any further move
    crosses.

    References
    ----------
    .. [1] Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis
       approach for some deterministic multi-criteria decision-making methods.
       *Decision Sciences*, 28(1), 151–194.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B"], ["x", "y"], [[6.0, 4.0], [5.0, 4.0]])
    >>> result = performance_thresholds(model, [0.5, 0.5], proportional=False)
    >>> row = result.for_alternative("B").loc["x"]
    >>> row["goal"], row["direction"], round(float(row["threshold"]), 6)
    ('reach', 'increase', 6.0)
    """
    where = "performance_thresholds"
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    m = model.n_alternatives
    w = np.asarray(check_weights(weights, model.criterion_names), dtype=np.float64)
    k = as_count(target_rank, "target_rank", where=where, minimum=1, maximum=max(m - 1, 1))
    steps = as_count(grid, "grid", where=where, minimum=2)
    xtol = as_real(tol, "tol", where=where, low=0.0, low_open=True, high=1e-3)
    proportional = as_flag(proportional, "proportional", where=where)
    chosen = list(model.alternatives) if alternatives is None else list(alternatives)
    unknown = [a for a in chosen if a not in model.alternatives]
    if unknown:
        raise UnknownNameError(
            f"{where}: unknown alternatives {unknown}; alternatives are {list(model.alternatives)}"
        )
    resolved = resolve_method(method, where)
    used = topsis_options(options, where) if resolved.kind == "topsis" else dict(options)
    base = model.matrix
    if proportional and (base <= 0).any():
        i, j = np.argwhere(base <= 0)[0]
        raise ModelError(
            f"{where}: proportional=True needs positive performance; "
            f"[{model.alternatives[i]!r}, {model.criterion_names[j]!r}] = {base[i, j]:g} "
            "(pass proportional=False)"
        )

    def score(tables: np.ndarray) -> np.ndarray:
        return _keys(resolved, model, w, tables, used)

    now = score(base[None])[0]
    ranks = 1 + (now[None, :] > now[:, None]).sum(axis=1)
    sign = model.types.astype(np.float64)
    low, high = base.min(axis=0), base.max(axis=0)
    span = np.where(high > low, high - low, np.maximum(np.abs(base).max(axis=0), 1.0))
    rows: list[dict[str, Any]] = []
    cells: list[tuple[Any, ...]] = []  # (row, a, j, end, lo, hi, tied at lo)
    missed = 0
    for name in chosen:
        a = model.alternatives.index(name)
        keep = bool(ranks[a] <= k)
        helps = -1.0 if keep else 1.0  # +1: move so that the alternative gains
        lines: list[tuple[str, int | None, float, str]] = []
        for j, criterion in enumerate(model.criterion_names):
            up = helps * sign[j] > 0
            end = high[j] + span[j] if up else low[j] - span[j]
            lines.append((criterion, j, end, "increase" if up else "decrease"))
        if proportional:
            factor = MAX_FACTOR if helps > 0 else 1.0 / MAX_FACTOR
            lines.append((ALL_CRITERIA, None, factor, "increase" if helps > 0 else "decrease"))
        for criterion, j, end, direction in lines:
            line = (np.array([a]), np.array([-1 if j is None else j]), np.array([end]))
            found = _scan(lambda s, line=line: _tables(base, sign, *line, s), score, a, k,
                          keep, steps)  # fmt: skip
            rows.append(
                {
                    "alternative": name,
                    "criterion": criterion,
                    "rank": int(ranks[a]),
                    "goal": "keep" if keep else "reach",
                    "direction": direction,
                    "value": 1.0 if j is None else float(base[a, j]),
                    "rival": None if found is None else model.alternatives[found[3]],
                    "reached": found is not None,
                }
            )
            if found is None:
                missed += 1
            else:
                cells.append((len(rows) - 1, a, line[1][0], end, *found[:3]))
    # Every crossing's grid cell refined at once (the cells' ends are their grid points).
    value = np.array([r["value"] for r in rows], dtype=np.float64)
    threshold = np.full(len(rows), np.nan)
    if cells:
        row, a_of, j_of, end_of, lo, hi, at_lo = (np.array(x) for x in zip(*cells, strict=True))

        def margins(i: np.ndarray, s: np.ndarray) -> np.ndarray:
            keys = score(_tables(base, sign, a_of[i], j_of[i], end_of[i], s))
            return _margin_of(keys, a_of[i], k)

        s = np.where(at_lo, lo, bisect(margins, lo, hi, xtol))
        threshold[row] = value[row] + s * (end_of - value[row])
        every = j_of < 0  # in proportion: the factor
        threshold[row[every]] = np.power(end_of[every], s[every])
    change = threshold - value
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(value != 0, change / np.abs(value), np.nan)
    for r, t, c, q in zip(rows, threshold, change, relative, strict=True):
        r.update(threshold=float(t), change=float(c), relative_change=float(q))
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    findings = []
    if missed:
        findings.append(
            f"{missed} of {len(rows)} changes never cross rank {k} within the search range "
            "(one column range beyond the column's best or worst value; ×10 in proportion): "
            "their threshold is NaN"
        )
    return PerformanceThresholdResult(
        table=table,
        target_rank=k,
        method=resolved.label,
        weights=pd.Series(
            w, index=pd.Index(model.criterion_names, name="criterion"), name="weight"
        ),
        options={**used, "grid": steps, "tol": xtol},
        findings=tuple(findings),
    )
