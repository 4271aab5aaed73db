"""AHP weights under judgement uncertainty: every judgement moved on Saaty's scale.

:class:`AHPJudgementSampler` perturbs each pairwise judgement of an AHP
hierarchy (or one pairwise matrix) by whole steps of Saaty's scale, recomputes
the priorities of every sample as one stacked computation per node, composes
them down the tree and hands out the global weights **in the model's
criterion order** (the tree's leaves are matched to the criteria by name; a
tree's depth-first order is not the criterion order).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..._core.ahp import tree_global_weights
from ..._validate import as_choice, as_count
from ...ahp.hierarchy import Node
from ...ahp.pairwise import PairwiseMatrix
from ...ahp.priorities import PRIORITY_METHODS, as_pairwise_matrix
from ...exceptions import HierarchyError, WeightsError
from ...model import Model
from .samples import WeightSampler, WeightSamples, criteria_of

__all__ = [
    "SAATY_STEPS",
    "AHPJudgementSampler",
    "ahp_judgement_weights",
    "saaty_position",
    "saaty_value",
]

#: Saaty's scale has ``2 * SAATY_STEPS + 1`` points, positions -8..8:
#: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9 (position p is ``1 + p`` for p >= 0 and
#: ``1 / (1 - p)`` for p < 0).
SAATY_STEPS = 8


def saaty_position(values: npt.ArrayLike) -> np.ndarray:
    """Position of judgements on Saaty's scale: ``x - 1`` for ``x >= 1``, ``1 - 1/x`` below.

    Positions -8..8 are the scale's points 1/9..9; values between points get
    fractional positions (2.5 is 1.5). Positions within 1e-9 of an integer are
    snapped to it, so 1/3 typed as a float sits exactly at -2.

    Examples
    --------
    >>> saaty_position([1 / 9, 1 / 3, 1, 2.5, 9]).tolist()
    [-8.0, -2.0, 0.0, 1.5, 8.0]
    """
    x = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore"):
        p = np.where(x >= 1.0, x - 1.0, 1.0 - 1.0 / x)
    near = np.round(p)
    return np.where(np.abs(p - near) < 1e-9, near, p)


def saaty_value(positions: npt.ArrayLike) -> np.ndarray:
    """The judgement at a position of Saaty's scale (inverse of :func:`saaty_position`).

    Examples
    --------
    >>> saaty_value([-8, -1, 0, 1.5, 8]).round(4).tolist()
    [0.1111, 0.5, 1.0, 2.5, 9.0]
    """
    p = np.asarray(positions, dtype=np.float64)
    return np.where(p >= 0.0, 1.0 + p, 1.0 / (1.0 - np.minimum(p, 0.0)))


def perturbed_stack(
    values: np.ndarray, k: int, spread: int, generator: np.random.Generator
) -> np.ndarray:
    """``k`` copies of a pairwise matrix with each judged upper-triangle entry moved on the scale.

    Each judgement at position ``p`` moves by an integer ``d`` drawn uniformly
    from ``{d : |d| <= spread, -8 <= p + d <= 8}`` (the range is widened to
    include ``p`` itself for a judgement beyond 1/9..9); its mirror entry
    becomes the reciprocal. Missing judgements stay NaN.
    """
    n = values.shape[0]
    iu, ju = np.triu_indices(n, k=1)
    known = ~np.isnan(values[iu, ju])
    iu, ju = iu[known], ju[known]
    stack = np.broadcast_to(values, (k, n, n)).copy()
    if spread == 0 or iu.size == 0:
        return stack
    p = saaty_position(values[iu, ju])
    low = np.minimum(-SAATY_STEPS, p)
    high = np.maximum(SAATY_STEPS, p)
    d_low = np.maximum(-spread, np.ceil(low - p - 1e-9)).astype(np.int64)
    d_high = np.minimum(spread, np.floor(high - p + 1e-9)).astype(np.int64)
    steps = generator.integers(d_low, d_high + 1, size=(k, iu.size))
    new = saaty_value(p + steps)
    stack[:, iu, ju] = new
    stack[:, ju, iu] = 1.0 / new
    return stack


def llsm_complete(stack: np.ndarray) -> np.ndarray:
    """Fill the NaNs of a stack of matrices (same pattern) with the LLSM completion.

    The incomplete logarithmic least squares weights (Kwiesielewicz 1996;
    Bozóki, Fülöp & Rónyai 2010) solve ``(L + J) y = r`` with ``L`` the
    Laplacian of the comparison graph, the same for every matrix of the stack,
    so one solve with many right-hand sides serves all samples; the missing
    entries become ``exp(y_i - y_j)``.
    """
    n = stack.shape[1]
    known = ~np.isnan(stack[0])
    np.fill_diagonal(known, False)
    log_a = np.where(known, np.log(np.where(known, stack, 1.0)), 0.0)
    laplacian = np.diag(known.sum(axis=1)).astype(np.float64) - known
    r = log_a.sum(axis=2)  # (k, n)
    y = np.linalg.solve(laplacian + np.ones((n, n)), r.T).T
    filled = np.exp(y[:, :, None] - y[:, None, :])
    missing = ~known
    np.fill_diagonal(missing, False)
    out = stack.copy()
    out[:, missing] = filled[:, missing]
    return out


def _matrix_weights(
    matrix: PairwiseMatrix, k: int, spread: int, method: str, generator: np.random.Generator
) -> np.ndarray:
    stack = perturbed_stack(matrix.values, k, spread, generator)
    if not matrix.is_complete:
        stack = llsm_complete(stack)
    return PRIORITY_METHODS[method](stack)


def _flatten(
    root: Node,
) -> tuple[list[str], list[int], list[int], list[int], list[tuple[Node, list[int]]]]:
    """The tree as arrays, depth-first pre-order, built with an explicit stack."""
    names: list[str] = []
    parents: list[int] = []
    depths: list[int] = []
    leaves: list[int] = []
    blocks: list[tuple[Node, list[int]]] = []
    stack: list[tuple[Node | str, int, int, list[int] | None]] = [(root, -1, 0, None)]
    while stack:
        item, parent, depth, siblings = stack.pop()
        me = len(names)
        if siblings is not None:
            siblings.append(me)
        names.append(item.name if isinstance(item, Node) else item)
        parents.append(parent)
        depths.append(depth)
        if isinstance(item, Node):
            children: list[int] = []
            blocks.append((item, children))
            stack.extend((c, me, depth + 1, children) for c in reversed(item.children))
        else:
            leaves.append(me)
    return names, parents, depths, leaves, blocks


def hierarchy_samples(
    root: Node, k: int, spread: int, method: str, generator: np.random.Generator
) -> tuple[np.ndarray, tuple[str, ...]]:
    """(k, n_leaves) global weights of perturbed hierarchies, and the leaves in tree order."""
    names, parents, depths, leaves, blocks = _flatten(root)
    local = np.ones((k, len(names)))
    for node, children in blocks:
        if node.matrix is not None:
            weights = _matrix_weights(node.matrix, k, spread, method, generator)
            order = [node.matrix.labels.index(c) for c in node.child_names]
            local[:, children] = weights[:, order]
        elif node.weights is not None:
            local[:, children] = [node.weights[c] for c in node.child_names]
    glob = tree_global_weights(
        np.asarray(parents, dtype=np.int64), local, np.asarray(depths, dtype=np.int64)
    )
    return glob[:, leaves], tuple(names[i] for i in leaves)


class AHPJudgementSampler(WeightSampler):
    """AHP weights under judgement uncertainty, in the model's criterion order.

    Saaty's scale is read as 17 positions, -8..8, for 1/9, ..., 1, ..., 9. In
    each sample every given judgement (each unordered pair once; its
    reciprocal follows) moves by an integer number of steps drawn uniformly
    from ``-spread..spread``, truncated to the steps that stay on the scale:
    with ``spread=1`` a 3 becomes 2, 3 or 4 with probability 1/3 each, a 9
    becomes 8 or 9 with probability 1/2 each. A judgement between scale points
    (2.5) moves by whole steps from where it is. The priorities are then
    recomputed with ``method``, one stacked computation per node, and composed
    down the hierarchy (global weight = product of local weights along the
    path; Saaty 1980). Nodes weighted directly keep their weights. Missing
    judgements are completed in each sample with the logarithmic least squares
    completion (Bozóki, Fülöp & Rónyai 2010).

    The tree's leaves must be the model's criteria; they are matched **by
    name**, so the columns are in the model's criterion order whatever the
    tree's depth-first order.

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    hierarchy : Node, PairwiseMatrix, dict or DataFrame
        An AHP hierarchy (leaves = criteria) or one pairwise matrix (labels =
        criteria), or judgements ``{(a, b): value}`` / a DataFrame.
    spread : int, default 1
        Largest move in scale steps; 0 gives the unperturbed weights.
    method : {"eigenvector", "geometric_mean"}, default "eigenvector"
        Priority method at every node.

    Raises
    ------
    ArgumentError
        ``spread`` not a whole number >= 0, unknown ``method``.
    WeightsError
        Leaves that are not the model's criteria (unknown and missing named).
    HierarchyError, PairwiseMatrixError
        Input that is not a hierarchy or valid judgements.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    .. [2] Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of
       incomplete pairwise comparison matrices. *Mathematical and Computer
       Modelling*, 52(1–2), 318–333.
    .. [3] Tervonen, T., & Figueira, J. R. (2008). A survey on stochastic
       multicriteria acceptability analysis methods. *Journal of Multi-Criteria
       Decision Analysis*, 15(1–2), 1–14.

    Examples
    --------
    >>> from pathchoice.ahp import PairwiseMatrix
    >>> m = PairwiseMatrix.from_judgements({("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2})
    >>> s = ahp_judgement_weights(["c", "b", "a"], m, n_samples=1000, rng=2)
    >>> s.criteria, bool((s.values[:, 2] > s.values[:, 0]).all())
    (('c', 'b', 'a'), True)
    """

    kind = "ahp"

    def __init__(
        self,
        model: Model | Sequence[str],
        hierarchy: Node | PairwiseMatrix | Mapping[tuple[str, str], float] | pd.DataFrame,
        *,
        spread: int = 1,
        method: str = "eigenvector",
    ) -> None:
        where = "AHPJudgementSampler"
        criteria = criteria_of(model, where)
        steps = as_count(spread, "spread", where=where, minimum=0)
        chosen = as_choice(method, "method", sorted(PRIORITY_METHODS), where=where)
        if isinstance(hierarchy, Node):
            tree: Node | PairwiseMatrix = hierarchy
            leaves = hierarchy.leaves
        elif isinstance(hierarchy, PairwiseMatrix | Mapping | pd.DataFrame):
            tree = as_pairwise_matrix(hierarchy)
            leaves = tree.labels
        else:
            raise HierarchyError(
                f"{where}: hierarchy must be an AHP hierarchy (Node), a PairwiseMatrix, a dict "
                f"of judgements or a DataFrame (got {type(hierarchy).__name__})"
            )
        if sorted(leaves) != sorted(criteria):
            unknown = [c for c in leaves if c not in criteria]
            missing = [c for c in criteria if c not in leaves]
            raise WeightsError(
                f"{where}: the hierarchy's criteria must be the model's criteria; not in the "
                f"model: {unknown}, missing from the hierarchy: {missing}"
            )
        column = np.asarray([list(leaves).index(c) for c in criteria], dtype=np.intp)
        text = (
            f"AHP weights with every judgement moved up to {steps} step"
            f"{'s' if steps != 1 else ''} on Saaty's scale"
        )
        super().__init__(criteria, {"spread": steps, "tree_column": column}, text)
        self.hierarchy = tree
        self.method = chosen
        self.varies = steps > 0 and len(criteria) > 1

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        spread = int(self.params["spread"])
        if size == 0:
            return np.empty((0, len(self.criteria)))
        if isinstance(self.hierarchy, Node):
            weights, _ = hierarchy_samples(self.hierarchy, size, spread, self.method, rng)
        else:
            weights = _matrix_weights(self.hierarchy, size, spread, self.method, rng)
        return np.ascontiguousarray(weights[:, self.params["tree_column"]])


def ahp_judgement_weights(
    model: Model | Sequence[str],
    hierarchy: Node | PairwiseMatrix | Mapping[tuple[str, str], float] | pd.DataFrame,
    *,
    spread: int = 1,
    method: str = "eigenvector",
    n_samples: int,
    rng: Any = None,
) -> WeightSamples:
    """AHP weight samples under judgement uncertainty (:class:`AHPJudgementSampler`).

    Examples
    --------
    >>> from pathchoice.ahp import Node
    >>> tree = Node("goal", [Node("g", ["y", "x"], weights={"y": 0.5, "x": 0.5}), "z"],
    ...             weights={"g": 0.6, "z": 0.4})
    >>> ahp_judgement_weights(["x", "y", "z"], tree, n_samples=1).values.round(2).tolist()
    [[0.3, 0.3, 0.4]]
    """
    sampler = AHPJudgementSampler(model, hierarchy, spread=spread, method=method)
    return sampler.sample(n_samples=n_samples, rng=rng)
