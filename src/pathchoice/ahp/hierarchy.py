"""AHP hierarchies: goal → criterion groups (any depth) → leaves, global weights.

A hierarchy is a tree of :class:`~pathchoice.ahp.Node` objects (see
:mod:`pathchoice.ahp.node`). A leaf's global weight is the product of the local
weights on the path from the root down to it (Saaty 1980, ch. 3, "hierarchic
composition"), summed over the leaf's occurrences when it appears under
several parents, so the global weights of the leaves sum to 1.

:func:`hierarchy_weights` computes every local priority vector with
:func:`~pathchoice.ahp.ahp_weights` and composes them in one vectorised pass
over the tree's levels. The global weights come in *criterion order*: the
order of ``criteria=`` (a sequence of names or a
:class:`~pathchoice.Model`), or, without it, the leaves in depth-first order;
that tree order stays available as :attr:`HierarchyResult.tree_order`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from ..exceptions import HierarchyError, UnknownNameError
from ..model import Model
from .node import Node, TreeLayout, walk_nodes
from .priorities import (
    CONSISTENCY_THRESHOLD,
    AHPOptions,
    WeightsResult,
    check_ahp_options,
    weigh,
)
from .random_index import RISpec, as_ri_table

# Node and walk_nodes live in .node; importable from here too, where they used to be.
__all__ = ["HierarchyResult", "Node", "check_criteria", "hierarchy_weights", "walk_nodes"]


@dataclass(frozen=True, eq=False)
class HierarchyResult(FrozenResult, FrameDisplay):
    """Local and global weights of an AHP hierarchy.

    Attributes
    ----------
    global_weights : pandas.Series
        Weight of each leaf, summing to 1, in criterion order (the order of
        ``criteria=``; without it, :attr:`tree_order`): the product of the
        local weights on its path from the root, summed over its occurrences.
        Named ``"weight"``, index named ``"criterion"``.
    tree_order : tuple of str
        The leaves in depth-first order (each once), the order of the tree.
    local : mapping of str to WeightsResult or None
        For every node, the :class:`~pathchoice.ahp.WeightsResult` of its
        judgements; None where weights were given directly or the node has a
        single child.
    local_weights : pandas.Series
        Local weight of every child, indexed by ``(parent, child)``.
    node_weights : pandas.Series
        Global weight of every node (root 1, then sub-nodes) and of every
        distinct leaf, in depth-first order of first appearance.
    is_consistent : bool
        Whether every node's judgements are acceptably consistent.
    inconsistent_nodes : tuple of str
        Nodes whose judgements exceed the CR threshold.
    root : Node
        The hierarchy.
    options : mapping
        ``method``, ``ri_table`` (default table name), ``completion``,
        ``threshold`` and ``node_ri_tables`` (node name → table name) as used.
    findings : tuple of str
        Soft findings of the nodes' judgements, prefixed with the node.
    """

    global_weights: pd.Series
    tree_order: tuple[str, ...]
    local: Mapping[str, WeightsResult | None]
    local_weights: pd.Series
    node_weights: pd.Series
    is_consistent: bool
    inconsistent_nodes: tuple[str, ...]
    root: Node
    options: Mapping[str, Any]
    findings: tuple[str, ...]
    _table: pd.DataFrame

    @property
    def criteria(self) -> tuple[str, ...]:
        """Criterion names (the leaves), in the order of :attr:`global_weights`."""
        return tuple(self._raw("global_weights").index)

    @property
    def weights(self) -> pd.Series:
        """Alias of :attr:`global_weights`, so the result can stand where weights go."""
        return self.global_weights

    @property
    def tree_order_weights(self) -> pd.Series:
        """The global weights in :attr:`tree_order` (depth-first) instead of criterion order."""
        return self.global_weights.reindex(list(self.tree_order))

    def plot(self, *, ax: Any = None) -> Any:
        """The criteria weights as bars, with the consistency of each group (needs matplotlib).

        Drawn by :func:`pathchoice.plotting.plot_weights`; returns the matplotlib
        Figure, which a notebook shows. ``ax``: draw on these axes instead of a new figure.
        """
        from ..plotting import plot_weights

        return plot_weights(self, ax=ax)

    def to_frame(self) -> pd.DataFrame:
        """One row per entry of the tree (root first, depth-first), fixed columns.

        Columns: ``parent`` (None for the root), ``node``, ``level`` (root 0),
        ``is_leaf``, ``local_weight``, ``global_weight`` (of this occurrence)
        and ``consistency_ratio`` of the parent's matrix (NaN where the
        parent's weights were given directly, for a single child and for the
        root).
        """
        return self._table.copy()

    def __str__(self) -> str:
        table = self._raw("_table")
        shown = table.assign(
            node=[("  " * lv) + str(n) for lv, n in zip(table.level, table.node, strict=True)]
        )[["node", "local_weight", "global_weight", "consistency_ratio"]]
        head = f"AHP hierarchy {self.root.name!r} ({self.options['method']})"
        body = shown.to_string(index=False, float_format=lambda x: f"{x:.4f}", na_rep="-")
        return f"{head}\n{body}\n{self._display_notes()[0]}"

    def _display_frame(self) -> pd.DataFrame:
        table = self._raw("_table")
        table = table.assign(parent=table.parent.fillna(""))
        return table.set_index("node")[
            ["parent", "local_weight", "global_weight", "consistency_ratio"]
        ]

    def _display_notes(self) -> tuple[str, ...]:
        if self.is_consistent:
            return ("all judgements acceptably consistent",)
        return (f"inconsistent judgements at {list(self.inconsistent_nodes)}",)


def check_criteria(
    criteria: Sequence[str] | Model | None, leaves: Sequence[str], *, where: str
) -> tuple[str, ...]:
    """The leaf order ``criteria`` asks for: the same names as ``leaves``, else an error.

    Shared by every function that turns a tree into weights per criterion, so a
    mismatch reads the same everywhere.
    """
    if criteria is None:
        return tuple(leaves)
    if isinstance(criteria, Model):
        names = tuple(criteria.criterion_names)
    elif isinstance(criteria, str) or not isinstance(criteria, Sequence | pd.Index):
        raise HierarchyError(
            f"{where}: criteria must be a sequence of criterion names or a Model "
            f"(got {type(criteria).__name__})"
        )
    else:
        names = tuple(criteria)
    repeated = (
        sorted({x for x in names if names.count(x) > 1}) if len(set(names)) < len(names) else []
    )
    if repeated:
        raise HierarchyError(f"{where}: criteria name {repeated} more than once")
    known = set(leaves)
    extra = [x for x in names if x not in known]
    given = set(names)
    missing = [x for x in leaves if x not in given]
    if extra or missing:
        parts = []
        if missing:
            parts.append(f"leaves not among the criteria: {missing}")
        if extra:
            parts.append(f"criteria that are not leaves: {extra}")
        raise HierarchyError(
            f"{where}: the hierarchy's leaves and the criteria differ ({'; '.join(parts)}); "
            "every criterion must be a leaf and every leaf a criterion"
        )
    return names


def hierarchy_weights(
    root: Node,
    *,
    criteria: Sequence[str] | Model | None = None,
    method: str = "eigenvector",
    ri_table: RISpec = "saaty_1980",
    node_ri_tables: Mapping[str, RISpec] | None = None,
    completion: str = "lambda_max",
    threshold: float = CONSISTENCY_THRESHOLD,
    strict: bool = False,
) -> HierarchyResult:
    """Local and global weights of every node and leaf of an AHP hierarchy.

    Each node's judgements are weighted with
    :func:`~pathchoice.ahp.ahp_weights` (same ``method``, ``completion`` and
    ``threshold`` everywhere; ``ri_table`` unless ``node_ri_tables`` names
    another for that node); weights given directly are used as they are. The
    global weight of a leaf is the product of the local weights from the root
    down to it, summed over its occurrences, so at any depth the leaves'
    global weights are positive (for judged nodes) and sum to 1.

    Parameters
    ----------
    root : Node
        The goal node.
    criteria : sequence of str or Model, optional
        The order of :attr:`HierarchyResult.global_weights`: the same names as
        the leaves (a Model gives its criterion names). Default: the leaves in
        depth-first order (:attr:`HierarchyResult.tree_order`).
    method : str, default "eigenvector"
        Priority method for every judged node (see
        :data:`~pathchoice.ahp.PRIORITY_METHODS`).
    ri_table : str, number, mapping or callable, default "saaty_1980"
        Random-index table for the consistency ratios (see
        :func:`~pathchoice.ahp.ahp_weights`).
    node_ri_tables : mapping of node name to table, optional
        A different random-index table for some nodes.
    completion : {"lambda_max", "llsm"}, default "lambda_max"
        How missing judgements are completed.
    threshold : float, default 0.1
        Acceptable consistency ratio.
    strict : bool, default False
        Raise when a node's size lies past the end of its random-index table.

    Returns
    -------
    HierarchyResult

    Raises
    ------
    HierarchyError
        ``root`` is not a :class:`Node`; the tree breaks a tree-wide name rule;
        ``criteria`` and the leaves differ (the message lists the differences).
    ArgumentError
        Unknown ``method``, ``ri_table`` or ``completion``.
    UnknownNameError
        ``node_ri_tables`` names something that is not a node.

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
    >>> order = ["Safety", "Price", "Fuel", "Maintenance", "Resale", "Style", "Cargo", "Passenger"]
    >>> hierarchy_weights(goal, criteria=order).global_weights.index[:2].tolist()
    ['Safety', 'Price']
    """
    where = "hierarchy_weights"
    if not isinstance(root, Node):
        raise HierarchyError(f"{where}: root must be a Node (got {type(root).__name__}: {root!r})")
    options = check_ahp_options(where, method, ri_table, completion, threshold, strict)
    layout = root.layout()
    order = check_criteria(criteria, layout.leaves, where=where)
    per_node = _node_options(node_ri_tables, options, layout, where)
    return _compose(root, layout, order, options, per_node)


def _node_options(
    node_ri_tables: Mapping[str, RISpec] | None,
    options: AHPOptions,
    layout: TreeLayout,
    where: str,
) -> dict[str, AHPOptions]:
    if node_ri_tables is None:
        return {}
    if not isinstance(node_ri_tables, Mapping):
        raise HierarchyError(
            f"{where}: node_ri_tables must be a mapping from node name to a random-index "
            f"table (got {type(node_ri_tables).__name__})"
        )
    names = {node.name for node in layout.nodes}
    unknown = [k for k in node_ri_tables if k not in names]
    if unknown:
        raise UnknownNameError(
            f"{where}: node_ri_tables names {unknown}, which are not nodes; nodes are "
            f"{[n.name for n in layout.nodes]}"
        )
    return {
        k: replace(options, table=as_ri_table(v, where=f"{where}: node_ri_tables[{k!r}]"))
        for k, v in node_ri_tables.items()
    }


def _compose(
    root: Node,
    layout: TreeLayout,
    order: tuple[str, ...],
    options: AHPOptions,
    per_node: Mapping[str, AHPOptions],
) -> HierarchyResult:
    n_entries = len(layout.entries)
    local_w = np.ones(n_entries)
    cr = np.full(n_entries, np.nan)
    local: dict[str, WeightsResult | None] = {}
    findings: list[str] = []
    for node, kids in zip(layout.nodes, layout.children, strict=True):
        result = None
        if node.matrix is not None:
            result = weigh(node.matrix, per_node.get(node.name, options))
            local_w[kids] = result.weights.reindex(list(node.child_names)).to_numpy()
            cr[kids] = result.consistency_ratio
            findings.extend(f"node {node.name!r}: {f}" for f in result.findings)
        elif node.weights is not None:
            local_w[kids] = [node.weights[k] for k in node.child_names]
        local[node.name] = result
    glob = layout.entry_weights(local_w)
    leaf_w = layout.leaf_weights(local_w, order)

    entries = list(layout.entries)
    parent = layout.parent
    parent_names = [entries[p] if p >= 0 else None for p in parent]
    table = pd.DataFrame(
        {
            "parent": pd.Series(parent_names, dtype=object),
            "node": pd.Series(entries, dtype=object),
            "level": np.array(layout.depth),
            "is_leaf": np.array(layout.is_leaf),
            "local_weight": local_w,
            "global_weight": glob,
            "consistency_ratio": cr,
        }
    )
    children = np.arange(1, n_entries)
    local_weights = pd.Series(
        local_w[children],
        index=pd.MultiIndex.from_arrays(
            [[parent_names[i] for i in children], [entries[i] for i in children]],
            names=["parent", "child"],
        ),
        name="local_weight",
    )
    global_weights = pd.Series(leaf_w, index=pd.Index(order, name="criterion"), name="weight")
    tree_leaf_w = layout.leaf_weights(local_w)
    node_glob = dict(zip((n.name for n in layout.nodes), glob[layout.node_entry], strict=True))
    node_glob.update(zip(layout.leaves, tree_leaf_w, strict=True))
    first = dict.fromkeys(entries)
    node_weights = pd.Series(
        [node_glob[x] for x in first],
        index=pd.Index(list(first), name="node"),
        name="global_weight",
    )
    inconsistent = tuple(k for k, r in local.items() if r is not None and not r.is_consistent)
    echoed = options.as_dict()
    echoed["node_ri_tables"] = {k: o.table.name for k, o in per_node.items()}
    return HierarchyResult(
        global_weights=global_weights,
        tree_order=layout.leaves,
        local=local,
        local_weights=local_weights,
        node_weights=node_weights,
        is_consistent=not inconsistent,
        inconsistent_nodes=inconsistent,
        root=root,
        options=echoed,
        findings=tuple(findings),
        _table=table,
    )
