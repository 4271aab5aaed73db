"""AHP hierarchies: goal → criterion groups (any depth) → criteria, global weights.

A hierarchy is a tree of :class:`Node` objects whose leaves are criterion
names. Each node with more than one child weighs its children locally, either
by pairwise judgements (any :class:`~pathchoice.ahp.PairwiseMatrix`, possibly
incomplete but connected) or by local weights given directly. A criterion's
global weight is the product of the local weights on the path from the root
down to it (Saaty 1980, ch. 3, "hierarchic composition"), so the global
weights of the criteria sum to 1.

The tree is checked once, when each :class:`Node` is built: names unique in
the whole tree, judgements and weights naming exactly the node's children.
:func:`hierarchy_weights` then computes every local priority vector with
:func:`~pathchoice.ahp.ahp_weights` and composes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .._core.ahp import tree_global_weights
from .._display import FrameDisplay
from ..exceptions import HierarchyError, PathchoiceError, UnknownNameError, WeightsError
from ..weights import SUM_TOLERANCE
from .completion import check_completion
from .pairwise import PairwiseMatrix
from .priorities import (
    CONSISTENCY_THRESHOLD,
    PRIORITY_METHODS,
    WeightsResult,
    ahp_weights,
    check_threshold,
)
from .random_index import RI_TABLES

__all__ = ["HierarchyResult", "Node", "hierarchy_weights"]

JudgementsLike = Mapping[tuple[str, str], float] | PairwiseMatrix | pd.DataFrame


@dataclass(frozen=True, repr=False)
class Node:
    """One node of an AHP hierarchy: a name, its children, and how they are weighed.

    Parameters
    ----------
    name : str
        Unique, non-empty name (the goal, a criterion group, ...).
    children : sequence of Node or str
        The sub-nodes; a string is a leaf, i.e. a criterion. At least one.
    judgements : dict, PairwiseMatrix or DataFrame, optional (keyword only)
        Pairwise comparisons among the children's names, ``{(a, b): 3}``
        meaning "a is 3 times as important as b". May be incomplete if every
        child stays connected to the others; the missing ones are completed by
        :func:`hierarchy_weights`.
    weights : mapping of str to float, optional (keyword only)
        Local weights given directly, one per child, non-negative, summing to 1.

    Raises
    ------
    HierarchyError
        Empty or non-string name, no children, a child that is neither a Node
        nor a non-empty string, a name used twice anywhere in the subtree, both
        or neither of ``judgements`` and ``weights`` on a node with several
        children, judgements that do not compare every child.
    UnknownNameError
        Judgements or weights naming something that is not a child.
    WeightsError
        Weights missing a child, negative, non-finite or not summing to 1.
    PairwiseMatrixError
        Invalid judgements (non-reciprocal, contradictory, disconnected, ...);
        the message is prefixed with the node's name.

    Attributes
    ----------
    matrix : PairwiseMatrix or None
        The checked judgements (None when weights are given or the node has
        one child).

    Notes
    -----
    A node with two or more children takes exactly one of ``judgements`` and
    ``weights``; a node with one child needs neither (its local weight is 1).

    Examples
    --------
    >>> goal = Node("goal", [
    ...     Node("cost", ["price", "upkeep"], weights={"price": 0.75, "upkeep": 0.25}),
    ...     "safety",
    ... ], judgements={("cost", "safety"): 3})
    >>> goal.leaves
    ('price', 'upkeep', 'safety')
    >>> goal.children[0]
    Node('cost', ['price', 'upkeep'], weights={'price': 0.75, 'upkeep': 0.25})
    >>> Node("goal", ["a", "b"], weights={"a": 0.5, "c": 0.5})
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.UnknownNameError: node 'goal': weights name 'c', which is not a child; ...
    """

    name: str
    children: tuple[Node | str, ...]
    judgements: JudgementsLike | None = field(default=None, kw_only=True)
    weights: Mapping[str, float] | None = field(default=None, kw_only=True)
    matrix: PairwiseMatrix | None = field(init=False, repr=False, compare=False)
    _names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        name = self.name
        if not isinstance(name, str) or not name.strip():
            raise HierarchyError(f"node name must be a non-empty string (got {name!r})")
        children = _check_children(name, self.children)
        object.__setattr__(self, "children", children)
        names = [name]
        for child in children:
            names.extend(child._names if isinstance(child, Node) else (child,))
        repeated = sorted({x for x in names if names.count(x) > 1})
        if repeated:
            raise HierarchyError(
                f"node {name!r}: names must be unique in the hierarchy (node and criterion "
                f"names alike); used more than once: {repeated}"
            )
        object.__setattr__(self, "_names", tuple(names))
        child_names = self.child_names
        if self.judgements is not None and self.weights is not None:
            raise HierarchyError(
                f"node {name!r}: give either judgements or weights for its children, not both"
            )
        if self.weights is not None:
            object.__setattr__(
                self, "weights", _check_local_weights(name, child_names, self.weights)
            )
        matrix = None
        if self.judgements is not None:
            matrix = _check_judgements(name, child_names, self.judgements)
            if isinstance(self.judgements, Mapping):
                object.__setattr__(self, "judgements", MappingProxyType(dict(self.judgements)))
        elif self.weights is None and len(children) > 1:
            raise HierarchyError(
                f"node {name!r} has {len(children)} children {list(child_names)} but neither "
                f"judgements nor weights; give one of them"
            )
        object.__setattr__(self, "matrix", matrix if len(children) > 1 else None)

    def __repr__(self) -> str:
        parts = [repr(self.name), repr(list(self.children))]
        if isinstance(self.judgements, Mapping):
            parts.append(f"judgements={dict(self.judgements)!r}")
        elif self.judgements is not None:
            parts.append(
                f"judgements=<{type(self.judgements).__name__} of {list(self.child_names)}>"
            )
        if self.weights is not None:
            parts.append(f"weights={dict(self.weights)!r}")
        return f"Node({', '.join(parts)})"

    def __hash__(self) -> int:
        weights = None if self.weights is None else tuple(self.weights.items())
        return hash((self.name, self.children, self.matrix, weights))

    @property
    def child_names(self) -> tuple[str, ...]:
        """Names of the direct children, in order."""
        return tuple(c.name if isinstance(c, Node) else c for c in self.children)

    @property
    def leaves(self) -> tuple[str, ...]:
        """Criterion names under this node, depth-first, left to right."""
        out: list[str] = []
        for child in self.children:
            out.extend(child.leaves if isinstance(child, Node) else (child,))
        return tuple(out)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name in the subtree (this node, sub-nodes and criteria), depth-first."""
        return self._names

    def find(self, name: str) -> Node:
        """The sub-node called ``name`` (this node included).

        Raises :class:`~pathchoice.exceptions.UnknownNameError` if there is no
        such node (criteria are leaves, not nodes).
        """
        for node, _, _ in walk_nodes(self):
            if node.name == name:
                return node
        kind = "a criterion (leaf), not a node" if name in self._names else "not in the hierarchy"
        raise UnknownNameError(f"{name!r} is {kind}; nodes are {self.node_names}")

    @property
    def node_names(self) -> list[str]:
        """Names of this node and its sub-nodes (not the criteria), depth-first."""
        return [node.name for node, _, _ in walk_nodes(self)]


def _check_children(name: str, children: Any) -> tuple[Node | str, ...]:
    if isinstance(children, (str, Node)) or not isinstance(children, Sequence):
        raise HierarchyError(
            f"node {name!r}: children must be a sequence of Node or str (got {children!r})"
        )
    out = tuple(children)
    if not out:
        raise HierarchyError(f"node {name!r} has no children; a node needs at least one")
    for pos, child in enumerate(out):
        if isinstance(child, Node):
            continue
        if not isinstance(child, str) or not child.strip():
            raise HierarchyError(
                f"node {name!r}: child at position {pos} must be a Node or a non-empty "
                f"criterion name (got {child!r})"
            )
    return out


def _check_local_weights(
    name: str, child_names: tuple[str, ...], weights: Any
) -> MappingProxyType[str, float]:
    if not isinstance(weights, (Mapping, pd.Series)):
        raise WeightsError(
            f"node {name!r}: weights must be a mapping from child name to weight "
            f"(got {type(weights).__name__})"
        )
    items = dict(weights.items())
    unknown = [k for k in items if k not in child_names]
    if unknown:
        listed = ", ".join(repr(k) for k in unknown)
        raise UnknownNameError(
            f"node {name!r}: weights name {listed}, which is not a child; "
            f"children are {list(child_names)}"
        )
    missing = [c for c in child_names if c not in items]
    if missing:
        raise WeightsError(f"node {name!r}: weights are missing children {missing}")
    values: dict[str, float] = {}
    for child in child_names:
        raw = items[child]
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise WeightsError(
                f"node {name!r}: weight of {child!r} must be a number (got {raw!r})"
            ) from None
        if not np.isfinite(value) or value < 0:
            raise WeightsError(
                f"node {name!r}: weight of {child!r} must be finite and non-negative "
                f"(got {value:g})"
            )
        values[child] = value
    total = sum(values.values())
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise WeightsError(
            f"node {name!r}: weights must sum to 1 (got {total:.6g} for "
            f"{len(child_names)} children)"
        )
    return MappingProxyType(values)


def _check_judgements(
    name: str, child_names: tuple[str, ...], judgements: Any
) -> PairwiseMatrix | None:
    if isinstance(judgements, PairwiseMatrix):
        matrix = judgements
    elif isinstance(judgements, pd.DataFrame):
        matrix = _prefixed(name, lambda: PairwiseMatrix.from_frame(judgements, allow_missing=True))
    elif isinstance(judgements, Mapping):
        for key in judgements:
            if isinstance(key, tuple) and len(key) == 2:
                for x in key:
                    if x not in child_names:
                        raise UnknownNameError(
                            f"node {name!r}: judgement {key!r} names {x!r}, which is not a "
                            f"child; children are {list(child_names)}"
                        )
        if len(child_names) == 1:
            return None
        matrix = _prefixed(
            name, lambda: PairwiseMatrix.from_judgements(judgements, labels=child_names)
        )
    else:
        raise HierarchyError(
            f"node {name!r}: judgements must be a dict {{(a, b): value}}, a PairwiseMatrix or "
            f"a DataFrame (got {type(judgements).__name__})"
        )
    unknown = [x for x in matrix.labels if x not in child_names]
    if unknown:
        listed = ", ".join(repr(x) for x in unknown)
        raise UnknownNameError(
            f"node {name!r}: judgements compare {listed}, which is not a child; "
            f"children are {list(child_names)}"
        )
    missing = [c for c in child_names if c not in matrix.labels]
    if missing:
        raise HierarchyError(
            f"node {name!r}: judgements do not compare children {missing}; "
            f"every child must be in the matrix"
        )
    return matrix


def _prefixed(name: str, build: Any) -> PairwiseMatrix:
    """Run ``build()``; re-raise its errors as the same type, prefixed with the node."""
    try:
        return build()
    except PathchoiceError as err:
        raise type(err)(f"node {name!r}: {err}") from err


def walk_nodes(root: Node) -> Iterator[tuple[Node, str | None, int]]:
    """(node, parent name, depth) for every Node of the tree, depth-first, pre-order.

    Iterative (an explicit stack), so a tree of any depth is walked without
    recursion.
    """
    stack: list[tuple[Node, str | None, int]] = [(root, None, 0)]
    while stack:
        node, parent, depth = stack.pop()
        yield node, parent, depth
        kids = [c for c in node.children if isinstance(c, Node)]
        stack.extend((child, node.name, depth + 1) for child in reversed(kids))


# ---------------------------------------------------------------------- labelled shell


@dataclass(frozen=True)
class HierarchyResult(FrameDisplay):
    """Local and global weights of an AHP hierarchy.

    Attributes
    ----------
    global_weights : pandas.Series
        Weight of each criterion (leaf), depth-first order, summing to 1: the
        product of the local weights on its path from the root. Named
        ``"weight"``, index named ``"criterion"``.
    local : dict of str to WeightsResult or None
        For every node, the :class:`~pathchoice.ahp.WeightsResult` of its
        judgements; None where weights were given directly or the node has a
        single child.
    local_weights : pandas.Series
        Local weight of every child, indexed by ``(parent, child)``.
    node_weights : pandas.Series
        Global weight of every entry of the tree (root 1, sub-nodes, criteria),
        depth-first.
    is_consistent : bool
        Whether every node's judgements are acceptably consistent.
    inconsistent_nodes : tuple of str
        Nodes whose judgements exceed the CR threshold.
    root : Node
        The hierarchy.
    options : mapping
        ``method``, ``ri_table``, ``completion`` and ``threshold`` as used.
    """

    global_weights: pd.Series
    local: dict[str, WeightsResult | None]
    local_weights: pd.Series
    node_weights: pd.Series
    is_consistent: bool
    inconsistent_nodes: tuple[str, ...]
    root: Node
    options: Mapping[str, Any]
    _table: pd.DataFrame = field(repr=False, compare=False)

    @property
    def criteria(self) -> tuple[str, ...]:
        """Criterion names (the leaves), depth-first."""
        return tuple(self.global_weights.index)

    @property
    def weights(self) -> pd.Series:
        """Alias of :attr:`global_weights`, so the result can stand where weights go."""
        return self.global_weights

    def to_frame(self) -> pd.DataFrame:
        """One row per entry of the tree (root first, depth-first), fixed columns.

        Columns: ``parent`` (None for the root), ``node``, ``level`` (root 0),
        ``is_leaf``, ``local_weight``, ``global_weight`` and
        ``consistency_ratio`` of the parent's matrix (NaN where the parent's
        weights were given directly, for a single child and for the root).
        """
        return self._table.copy()

    def __str__(self) -> str:
        table = self._table.assign(
            node=[
                ("  " * lv) + str(n)
                for lv, n in zip(self._table.level, self._table.node, strict=True)
            ]
        )[["node", "local_weight", "global_weight", "consistency_ratio"]]
        head = f"AHP hierarchy {self.root.name!r} ({self.options['method']})"
        body = table.to_string(index=False, float_format=lambda x: f"{x:.4f}", na_rep="-")
        return f"{head}\n{body}\n{self._display_notes()[0]}"

    def _display_frame(self) -> pd.DataFrame:
        table = self._table.assign(parent=self._table.parent.fillna(""))
        return table.set_index("node")[
            ["parent", "local_weight", "global_weight", "consistency_ratio"]
        ]

    def _display_notes(self) -> tuple[str, ...]:
        if self.is_consistent:
            return ("all judgements acceptably consistent",)
        return (f"inconsistent judgements at {list(self.inconsistent_nodes)}",)


def check_options(method: str, ri_table: str, completion: str, threshold: float) -> float:
    if method not in PRIORITY_METHODS:
        raise UnknownNameError(f"method must be one of {sorted(PRIORITY_METHODS)} (got {method!r})")
    if ri_table not in RI_TABLES:
        raise UnknownNameError(f"ri_table must be one of {sorted(RI_TABLES)} (got {ri_table!r})")
    check_completion(completion)
    return check_threshold(threshold)


def hierarchy_weights(
    root: Node,
    *,
    method: str = "eigenvector",
    ri_table: str = "saaty",
    completion: str = "lambda_max",
    threshold: float = CONSISTENCY_THRESHOLD,
) -> HierarchyResult:
    """Local and global weights of every node and criterion of an AHP hierarchy.

    Each node's judgements are weighted with
    :func:`~pathchoice.ahp.ahp_weights` (same ``method``, ``ri_table``,
    ``completion`` and ``threshold`` everywhere); weights given directly are
    used as they are. The global weight of a criterion is the product of the
    local weights from the root down to it, so at any depth the criteria's
    global weights are positive (for judged nodes) and sum to 1.

    Parameters
    ----------
    root : Node
        The goal node.
    method : {"eigenvector", "geometric_mean"}, default "eigenvector"
        Priority method for every judged node.
    ri_table : str, default "saaty"
        Random-index table for the consistency ratios.
    completion : {"lambda_max", "llsm"}, default "lambda_max"
        How missing judgements are completed.
    threshold : float, default 0.1
        Acceptable consistency ratio.

    Returns
    -------
    HierarchyResult

    Raises
    ------
    HierarchyError
        ``root`` is not a :class:`Node`.
    UnknownNameError
        Unknown ``method``, ``ri_table`` or ``completion``.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill,
       ch. 3 (hierarchic composition).
    .. [2] Saaty, T. L. (1990). How to make a decision: The analytic hierarchy
       process. *European Journal of Operational Research* 48(1), 9–26.

    Examples
    --------
    The criteria of AHPy's "purchasing a vehicle" example (Wikipedia's car
    example). AHPy prints Price 0.249, Fuel 0.129, Resale 0.082, Maintenance
    0.051: it rounds each local weight to three places before multiplying
    (0.51 × 0.252 = 0.129), where the product of unrounded weights is 0.128.

    >>> cost = Node("Cost", ["Price", "Fuel", "Maintenance", "Resale"], judgements={
    ...     ("Price", "Fuel"): 2, ("Price", "Maintenance"): 5, ("Price", "Resale"): 3,
    ...     ("Fuel", "Maintenance"): 2, ("Fuel", "Resale"): 2, ("Maintenance", "Resale"): 1 / 2})
    >>> capacity = Node("Capacity", ["Cargo", "Passenger"],
    ...                 judgements={("Cargo", "Passenger"): 1 / 5})
    >>> goal = Node("Criteria", [cost, "Safety", "Style", capacity], judgements={
    ...     ("Cost", "Safety"): 3, ("Cost", "Style"): 7, ("Cost", "Capacity"): 3,
    ...     ("Safety", "Style"): 9, ("Safety", "Capacity"): 1, ("Style", "Capacity"): 1 / 7})
    >>> result = hierarchy_weights(goal)
    >>> result.global_weights.round(3)
    criterion
    Price          0.249
    Fuel           0.128
    Maintenance    0.051
    Resale         0.082
    Safety         0.234
    Style          0.041
    Cargo          0.036
    Passenger      0.179
    Name: weight, dtype: float64
    >>> result.is_consistent
    True
    """
    if not isinstance(root, Node):
        raise HierarchyError(f"root must be a Node (got {type(root).__name__}: {root!r})")
    threshold = check_options(method, ri_table, completion, threshold)

    names: list[str] = []
    parents: list[int] = []
    depths: list[int] = []
    leaf: list[bool] = []
    local_w: list[float] = []
    cr: list[float] = []
    local: dict[str, WeightsResult | None] = {}

    def visit(node: Node, parent: int, depth: int, weight: float, parent_cr: float) -> None:
        me = len(names)
        names.append(node.name)
        parents.append(parent)
        depths.append(depth)
        leaf.append(False)
        local_w.append(weight)
        cr.append(parent_cr)
        child_w, child_cr, result = _local_weights(node, method, ri_table, completion, threshold)
        local[node.name] = result
        for child, w in zip(node.children, child_w, strict=True):
            if isinstance(child, Node):
                visit(child, me, depth + 1, w, child_cr)
            else:
                names.append(child)
                parents.append(me)
                depths.append(depth + 1)
                leaf.append(True)
                local_w.append(w)
                cr.append(child_cr)

    visit(root, -1, 0, 1.0, np.nan)
    parent_arr = np.array(parents, dtype=np.int64)
    depth_arr = np.array(depths, dtype=np.int64)
    leaf_arr = np.array(leaf, dtype=bool)
    local_arr = np.array(local_w, dtype=np.float64)
    glob = tree_global_weights(parent_arr, local_arr, depth_arr)

    parent_names = [names[p] if p >= 0 else None for p in parents]
    table = pd.DataFrame(
        {
            "parent": pd.Series(parent_names, dtype=object),
            "node": pd.Series(names, dtype=object),
            "level": depth_arr,
            "is_leaf": leaf_arr,
            "local_weight": local_arr,
            "global_weight": glob,
            "consistency_ratio": np.array(cr, dtype=np.float64),
        }
    )
    leaves = np.flatnonzero(leaf_arr)
    global_weights = pd.Series(
        glob[leaves], index=pd.Index([names[i] for i in leaves], name="criterion"), name="weight"
    )
    children = np.arange(1, len(names))
    local_weights = pd.Series(
        local_arr[children],
        index=pd.MultiIndex.from_arrays(
            [[parent_names[i] for i in children], [names[i] for i in children]],
            names=["parent", "child"],
        ),
        name="local_weight",
    )
    node_weights = pd.Series(glob, index=pd.Index(names, name="node"), name="global_weight")
    inconsistent = tuple(k for k, r in local.items() if r is not None and not r.is_consistent)
    return HierarchyResult(
        global_weights=global_weights,
        local=local,
        local_weights=local_weights,
        node_weights=node_weights,
        is_consistent=not inconsistent,
        inconsistent_nodes=inconsistent,
        root=root,
        options=MappingProxyType(
            {
                "method": method,
                "ri_table": ri_table,
                "completion": completion,
                "threshold": threshold,
            }
        ),
        _table=table,
    )


def _local_weights(
    node: Node, method: str, ri_table: str, completion: str, threshold: float
) -> tuple[list[float], float, WeightsResult | None]:
    """Local weights of a node's children (child order), the CR used, the WeightsResult."""
    kids = node.child_names
    if node.matrix is not None:
        result = ahp_weights(
            node.matrix,
            method=method,  # type: ignore[arg-type]
            ri_table=ri_table,
            completion=completion,
            threshold=threshold,
        )
        return result.weights.reindex(list(kids)).tolist(), result.consistency_ratio, result
    if node.weights is not None:
        return [node.weights[k] for k in kids], np.nan, None
    return [1.0], np.nan, None
