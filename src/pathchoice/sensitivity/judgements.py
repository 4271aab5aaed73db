"""Judgement-level sensitivity: how far must an AHP judgement move to change the top path?

:func:`judgement_sensitivity` takes every pairwise judgement of an AHP
hierarchy in turn and moves it along Saaty's scale (1/9, 1/8, ..., 1/2, 1, 2,
..., 9), up and down, one scale value at a time. For each candidate value the
node's local weights, the criteria's global weights (the product of the local
weights from the root down) and the ranking are recomputed; the result is the
smallest move that takes first place from the current top path.

All candidates are computed at once: for each judged node, the perturbed
matrices form one stack ``(C, n, n)`` weighted in one call of the array core
(:mod:`pathchoice._core.ahp`); all global weight vectors form one batch; the
method ranks that batch in one call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._core.ahp import tree_global_weights
from .._display import FrameDisplay
from .._frozen import FrozenResult
from ..ahp import PRIORITY_METHODS, HierarchyResult, Node, PairwiseMatrix, ahp_weights
from ..ahp.hierarchy import hierarchy_weights, walk_nodes
from ..ahp.pairwise import SAATY_SCALE, format_judgement
from ..exceptions import HierarchyError, PathchoiceError, UnknownNameError
from ..model import Model
from ..ranking import rank, rank_batch
from ..ranking.methods import RankingMethod
from ..results import BatchRankingResult, RankingResult

__all__ = ["JudgementSensitivityResult", "judgement_sensitivity"]

_SCALE = np.array(SAATY_SCALE, dtype=np.float64)

# Relative slack for "the same value as a scale point" (1/3 typed as 0.3333333333).
_ON_SCALE = 1e-9


# -- pure array core (no pandas, no validation) -------------------------------------------


def _moves(value: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate values of one judgement: (values, direction ±1, steps).

    Up: the scale values above ``value``, nearest first; down: those below.
    ``steps`` counts the scale values passed, the new one included, so the
    nearest scale value in either direction is 1 step away whether or not
    ``value`` itself is on the scale (it is not snapped first).
    """
    high, low = value * (1 + _ON_SCALE), value * (1 - _ON_SCALE)
    up = _SCALE[np.greater(_SCALE, high)]
    down = _SCALE[np.less(_SCALE, low)][::-1]
    values = np.concatenate([up, down])
    direction = np.concatenate([np.ones(up.size, np.int64), -np.ones(down.size, np.int64)])
    steps = np.concatenate([np.arange(1, up.size + 1), np.arange(1, down.size + 1)])
    return values, direction, steps


def _perturbed_stack(a: np.ndarray, i: np.ndarray, j: np.ndarray, v: np.ndarray) -> np.ndarray:
    """(C, n, n) copies of the complete matrix ``a`` with ``a[i, j] = v``, ``a[j, i] = 1 / v``."""
    stack = np.broadcast_to(a, (v.shape[0], *a.shape)).copy()
    rows = np.arange(v.shape[0])
    stack[rows, i, j] = v
    stack[rows, j, i] = 1.0 / v
    return stack


# -- labelled shell -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class JudgementSensitivityResult(FrozenResult, FrameDisplay):
    """The smallest move of each AHP judgement on Saaty's scale that changes the top path.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per pairwise judgement (judged pairs of every node, upper
        triangle in the node's matrix order): ``node``, ``row``, ``column``,
        ``judgement`` (how many times ``row`` is more important than
        ``column``), then for each direction (``up`` = towards 9, favouring
        ``row``; ``down`` = towards 1/9) the nearest scale value at which the
        top path loses first place, ``up_value``/``down_value`` (NaN if none on
        the scale), ``up_steps``/``down_steps`` (scale values passed, as
        floats: **infinity when no value on the scale changes the top path**,
        i.e. "never", so sorting by steps puts those last) and
        ``up_new_top``/``down_new_top`` (the path first there), then
        ``min_steps`` (the smaller move; infinity if neither direction changes
        the top path) and ``verdict`` (plain text, e.g. "no change on the
        scale").
    candidates : pandas.DataFrame
        Every candidate computed: ``node``, ``row``, ``column``,
        ``direction`` ("up"/"down"), ``steps``, ``value``, ``top`` (the path
        first at that value) and ``changed`` (whether the current top lost
        first place).
    top : str
        The top path with the judgements as given.
    base : RankingResult
        The ranking with the judgements as given.
    base_weights : pandas.Series
        The criteria's global weights from the hierarchy as given (model order).
    method : str
        The ranking method's name.
    ahp_method : str
        The priority method used at every node.
    options : mapping
        The ranking method's options as used.
    findings : tuple of str
        Soft findings (off-scale judgements, completed matrices, ...).
    """

    table: pd.DataFrame
    candidates: pd.DataFrame
    top: str
    base: RankingResult
    base_weights: pd.Series
    method: str
    ahp_method: str
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The per-judgement :attr:`table` (a copy)."""
        return self.table.copy()

    def _display_title(self) -> str:
        return f"judgement sensitivity ({self.method}, AHP {self.ahp_method}): top {self.top!r}"

    def _display_frame(self) -> pd.DataFrame:
        return self.table[["node", "row", "column", "judgement", "min_steps", "verdict"]]


def _as_root(hierarchy: object) -> Node:
    if isinstance(hierarchy, HierarchyResult):
        return hierarchy.root
    if isinstance(hierarchy, PairwiseMatrix):
        return Node("goal", list(hierarchy.labels), judgements=hierarchy)
    if isinstance(hierarchy, Node):
        return hierarchy
    raise HierarchyError(
        "hierarchy must be a Node (the goal of an AHP hierarchy), a HierarchyResult or a "
        f"PairwiseMatrix (got {type(hierarchy).__name__})"
    )


def _check_leaves(root: Node, names: tuple[str, ...]) -> None:
    leaves = root.leaves
    unknown = [c for c in leaves if c not in names]
    if unknown:
        raise UnknownNameError(
            f"hierarchy {root.name!r} weighs criteria {unknown} that the model does not have; "
            f"model criteria are {list(names)}"
        )
    missing = [c for c in names if c not in leaves]
    if missing:
        raise HierarchyError(
            f"hierarchy {root.name!r} does not weigh model criteria {missing}; every criterion "
            "of the model must be a leaf of the hierarchy"
        )


def _node_candidates(
    node: Node, matrix: PairwiseMatrix, ahp_method: str, completion: str
) -> tuple[
    list[tuple[str, str, float]], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray
]:
    """Judgements of one node and the local weights (child order) of every candidate.

    Returns ``(judgements, which, direction, steps, value, local)``: ``which``
    indexes ``judgements`` for each candidate row of ``local`` (C, n_children).
    """
    judged = matrix.judgements()
    pairs = list(judged)
    moves = [_moves(judged[p]) for p in pairs]
    which = np.concatenate([np.full(mv[0].size, n) for n, mv in enumerate(moves)])
    value = np.concatenate([mv[0] for mv in moves])
    direction = np.concatenate([mv[1] for mv in moves])
    steps = np.concatenate([mv[2] for mv in moves])
    labels = matrix.labels
    order = [labels.index(c) for c in node.child_names]
    if matrix.is_complete:
        i = np.array([labels.index(pairs[n][0]) for n in which], dtype=np.int64)
        j = np.array([labels.index(pairs[n][1]) for n in which], dtype=np.int64)
        stack = _perturbed_stack(matrix.values, i, j, value)
        local = PRIORITY_METHODS[ahp_method](stack)[:, order]
    else:  # completion is an optimisation per matrix: one call per candidate
        local = np.array(
            [
                ahp_weights(
                    matrix.with_judgement(pairs[n], float(v)),
                    method=ahp_method,  # type: ignore[arg-type]
                    completion=completion,
                )
                .weights.reindex(list(node.child_names))
                .to_numpy()
                for n, v in zip(which, value, strict=True)
            ]
        ).reshape(value.size, len(order))
    listed = [(a, b, judged[(a, b)]) for a, b in pairs]
    return listed, which, direction, steps, value, local


def judgement_sensitivity(
    model: Model,
    hierarchy: Node | HierarchyResult | PairwiseMatrix,
    *,
    method: str | RankingMethod = "topsis",
    ahp_method: str = "eigenvector",
    completion: str = "lambda_max",
    **options: Any,
) -> JudgementSensitivityResult:
    """The smallest change of each AHP judgement on Saaty's scale that changes the top path.

    Parameters
    ----------
    model : Model
        The decision model; its criteria must be the hierarchy's leaves.
    hierarchy : Node, HierarchyResult or PairwiseMatrix
        The AHP hierarchy (its goal node), a result of
        :func:`~pathchoice.ahp.hierarchy_weights` (its ``root`` is used), or
        one pairwise matrix over the criteria (a one-level hierarchy).
    method : str or callable, default "topsis"
        The ranking method (a key of :data:`pathchoice.ranking.METHODS` or a
        conforming callable that ranks 2-D batches).
    ahp_method : {"eigenvector", "geometric_mean"}, default "eigenvector"
        The priority method at every judged node.
    completion : {"lambda_max", "llsm"}, default "lambda_max"
        How an incomplete node's missing judgements are filled, for the
        judgements as given and for every candidate.
    **options
        The ranking method's options.

    Returns
    -------
    JudgementSensitivityResult
        ``table`` (one row per judgement: the nearest value up and down the
        scale at which the top path loses first place, the steps, the new top,
        or "no change on the scale"), ``candidates``, ``top``, ``base``.

    Raises
    ------
    HierarchyError
        ``hierarchy`` is not a hierarchy, has no pairwise judgements at all,
        or leaves out a criterion of the model.
    UnknownNameError
        The hierarchy weighs a criterion the model lacks; an unknown
        ``ahp_method`` or ``completion``.
    MethodError
        An unknown ranking method or an option it does not take.

    Notes
    -----
    *Moves.* A judgement ``a[row, column] = v`` is moved to each value of
    Saaty's scale above it (up, towards 9) and below it (down, towards 1/9);
    its mirror becomes ``1 / value``. The given value is not snapped to the
    scale first: ``steps`` counts the scale values passed, the new one
    included, so from 3 to 4 is 1 step and from 2.5 to 3 is also 1 step.
    Nodes whose weights are given directly have no judgements to move.

    *Top change.* The top path is the one ranked first with the judgements
    as given (the first in model order if several tie). It changes when
    another path is strictly ahead of it (its rank is no longer 1); a tie for
    first place is not a change. ``up_new_top``/``down_new_top`` is then the
    path ranked first (the first in model order if several tie).

    *Cost.* Complete matrices are perturbed as one stack and weighted by
    the array core; an incomplete matrix is completed once per candidate
    (an optimisation per matrix), which is slower.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
       (The 1-9 scale and hierarchic composition.)
    .. [2] Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis
       approach for some deterministic multi-criteria decision-making
       methods. *Decision Sciences*, 28(1), 151–194. (Sensitivity of an AHP
       ranking to its inputs.)

    Examples
    --------
    >>> from pathchoice import Model, Node
    >>> model = Model(["A", "B"], ["cost", "quality"], [[1, 1], [2, 4]],
    ...               directions={"cost": "cost"})
    >>> goal = Node("goal", ["cost", "quality"], judgements={("cost", "quality"): 2})
    >>> result = judgement_sensitivity(model, goal)
    >>> result.top
    'A'
    >>> row = result.table.iloc[0]
    >>> float(row["judgement"]), float(row["down_value"]), int(row["down_steps"])
    (2.0, 1.0, 1)
    >>> row["down_new_top"]
    'B'
    >>> row["verdict"]
    "up: no change on the scale; down to 1 (1 step): 'B' takes first place"
    """
    root = _as_root(hierarchy)
    names = model.criterion_names
    _check_leaves(root, names)
    judged = [(node, node.matrix) for node, _, _ in walk_nodes(root) if node.matrix is not None]
    if not judged:
        raise HierarchyError(
            f"hierarchy {root.name!r} has no pairwise judgements (every node gives its weights "
            "directly or has one child); judgement_sensitivity needs at least one judged node"
        )
    base_h = hierarchy_weights(root, method=ahp_method, completion=completion)
    frame = base_h.to_frame()
    entries = frame["node"].tolist()
    position = {name: p for p, name in enumerate(entries)}
    parent = np.array([position[p] if p is not None else -1 for p in frame["parent"]])
    depth = frame["level"].to_numpy(dtype=np.int64)
    local = frame["local_weight"].to_numpy(dtype=np.float64)
    leaves = np.array([position[c] for c in names], dtype=np.int64)
    base_w = tree_global_weights(parent, local, depth)[leaves]
    base = rank(model, base_w, method, **options)
    if not isinstance(base, RankingResult):  # pragma: no cover - one vector in, one result out
        raise PathchoiceError("the ranking method returned a batch for one weight vector")
    top = int(np.asarray(base.ranks).argmin())

    findings = [f"node {n.name!r}: {f}" for n, a in judged for f in a.findings]
    incomplete = [n.name for n, a in judged if not a.is_complete]
    if incomplete:
        findings.append(
            f"nodes {incomplete} have missing judgements, completed with {completion!r} for "
            "every candidate"
        )

    keys: list[tuple[str, str, str, float]] = []
    blocks, which_all, direction_all, steps_all, value_all = [], [], [], [], []
    for node, matrix in judged:
        listed, which, direction, steps, value, node_local = _node_candidates(
            node, matrix, ahp_method, completion
        )
        block = np.broadcast_to(local, (value.size, local.size)).copy()
        block[:, [position[c] for c in node.child_names]] = node_local
        blocks.append(block)
        which_all.append(which + len(keys))
        direction_all.append(direction)
        steps_all.append(steps)
        value_all.append(value)
        keys.extend((node.name, a, b, v) for a, b, v in listed)
    stack = np.concatenate(blocks)
    which = np.concatenate(which_all)
    direction = np.concatenate(direction_all)
    steps = np.concatenate(steps_all)
    value = np.concatenate(value_all)

    m = model.n_alternatives
    if stack.shape[0]:
        weights = tree_global_weights(parent, stack, depth)[:, leaves]
        batch = rank_batch(model, weights, method, **options)
        if not isinstance(batch, BatchRankingResult):
            raise PathchoiceError(
                f"method {base.method!r} returned {type(batch).__name__} for a 2-D batch of "
                "weights; judgement_sensitivity needs a method that ranks batches"
            )
        ranks = np.asarray(batch.ranks)
    else:
        ranks = np.empty((0, m), dtype=np.int64)
    changed = ranks[:, top] > 1
    firsts = ranks.argmin(axis=1)
    alts = np.array(model.alternatives, dtype=object)

    key_arr = np.array([k[:3] for k in keys], dtype=object).reshape(-1, 3)
    candidates = pd.DataFrame(
        {
            "node": pd.Series(key_arr[which, 0], dtype=object),
            "row": pd.Series(key_arr[which, 1], dtype=object),
            "column": pd.Series(key_arr[which, 2], dtype=object),
            "direction": pd.Series(np.where(direction > 0, "up", "down"), dtype=object),
            "steps": steps.astype(np.int64),
            "value": value,
            "top": pd.Series(alts[firsts], dtype=object),
            "changed": changed,
        }
    )
    table = _table(keys, which, direction, steps, value, changed, alts[firsts])
    return JudgementSensitivityResult(
        table=table,
        candidates=candidates,
        top=model.alternatives[top],
        base=base,
        base_weights=pd.Series(base_w, index=pd.Index(names, name="criterion"), name="weight"),
        method=base.method,
        ahp_method=ahp_method,
        options=dict(base.options),
        findings=tuple(findings),
    )


def _table(
    keys: list[tuple[str, str, str, float]],
    which: np.ndarray,
    direction: np.ndarray,
    steps: np.ndarray,
    value: np.ndarray,
    changed: np.ndarray,
    new_top: np.ndarray,
) -> pd.DataFrame:
    """One row per judgement: the nearest changing move up and down."""
    count = len(keys)
    out: dict[str, Any] = {
        "node": pd.Series([k[0] for k in keys], dtype=object),
        "row": pd.Series([k[1] for k in keys], dtype=object),
        "column": pd.Series([k[2] for k in keys], dtype=object),
        "judgement": np.array([k[3] for k in keys], dtype=np.float64),
    }
    for sign, label in ((1, "up"), (-1, "down")):
        hit = changed & (direction == sign)
        best_steps = np.full(count, np.iinfo(np.int64).max)
        np.minimum.at(best_steps, which[hit], steps[hit])
        found = best_steps < np.iinfo(np.int64).max
        pick = np.full(count, -1)
        rows = np.flatnonzero(hit)
        first = rows[steps[rows] == best_steps[which[rows]]]
        pick[which[first]] = first
        out[f"{label}_value"] = np.where(found, value[np.maximum(pick, 0)], np.nan)
        out[f"{label}_steps"] = np.where(found, best_steps.astype(np.float64), np.inf)
        out[f"{label}_new_top"] = pd.Series(
            [new_top[p] if p >= 0 else None for p in pick], dtype=object
        )
    out["min_steps"] = np.minimum(out["up_steps"], out["down_steps"])
    out["verdict"] = pd.Series(
        [_verdict(out, r) for r in range(count)],
        dtype=object,
    )
    return pd.DataFrame(out)


def _verdict(out: dict[str, Any], r: int) -> str:
    parts = []
    for label in ("up", "down"):
        if not np.isfinite(out[f"{label}_steps"][r]):
            parts.append(f"{label}: no change on the scale")
            continue
        steps = int(out[f"{label}_steps"][r])
        value = format_judgement(float(out[f"{label}_value"][r]))
        plural = "s" if steps > 1 else ""
        who = out[f"{label}_new_top"].iloc[r]
        parts.append(f"{label} to {value} ({steps} step{plural}): {who!r} takes first place")
    if all(p.endswith("no change on the scale") for p in parts):
        return "no change on the scale"
    return "; ".join(parts)
