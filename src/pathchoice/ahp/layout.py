"""An AHP hierarchy as flat arrays: one pass over the tree, checked once.

:class:`TreeLayout` lists every place of a :class:`~pathchoice.ahp.Node` tree
(the root, the sub-nodes, each occurrence of a leaf) in depth-first pre-order,
with its parent and depth, so that the hierarchy weights and the samplers fill
one array of local weights and get the global weights with numpy.
:func:`build_layout` makes it in one iterative pass, checking the rules that
span the whole tree (every node name used once, no node named like a leaf);
:meth:`~pathchoice.ahp.Node.layout` keeps the result.
:func:`walk_nodes` walks the nodes without checking them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .._core.ahp import leaf_totals, tree_global_weights
from ..exceptions import HierarchyError

if TYPE_CHECKING:  # a node is told from a leaf by not being a string: no import cycle
    from .node import Node

__all__ = ["TreeLayout", "build_layout", "walk_nodes"]


@dataclass(frozen=True, eq=False)
class TreeLayout:
    """A hierarchy as flat arrays, entries in depth-first pre-order (root first).

    An *entry* is one place in the tree: the root, a sub-node, or one
    occurrence of a leaf. This is what the samplers and the hierarchy weights
    share: fill ``local`` (one local weight per entry, a stack allowed) and
    :meth:`leaf_weights` gives the global weight of each distinct leaf.

    Attributes
    ----------
    entries : tuple of str
        The name at each entry.
    parent, depth : numpy.ndarray
        Index of each entry's parent (-1 for the root) and its level (root 0).
    is_leaf : numpy.ndarray of bool
    nodes : tuple of Node
        The Node at each non-leaf entry, in pre-order.
    node_entry : numpy.ndarray
        Entry index of each of ``nodes``.
    children : tuple of numpy.ndarray
        For each of ``nodes``, the entry indices of its children in child order.
    leaves : tuple of str
        Distinct leaf names, in order of first appearance, depth-first.
    leaf_entries, leaf_column : numpy.ndarray
        Entry index of every leaf occurrence and the position of its name in
        ``leaves``.
    """

    entries: tuple[str, ...]
    parent: np.ndarray
    depth: np.ndarray
    is_leaf: np.ndarray
    nodes: tuple[Node, ...]
    node_entry: np.ndarray
    children: tuple[np.ndarray, ...]
    leaves: tuple[str, ...]
    leaf_entries: np.ndarray
    leaf_column: np.ndarray

    def entry_weights(self, local: np.ndarray) -> np.ndarray:
        """Global weight of every entry from local weights ``(..., n_entries)``."""
        return tree_global_weights(self.parent, local, self.depth)

    def leaf_weights(self, local: np.ndarray, order: Sequence[str] | None = None) -> np.ndarray:
        """Global weight of every distinct leaf ``(..., n_leaves)``, summed over occurrences.

        ``order`` (a permutation of :attr:`leaves`) sets the column order;
        default :attr:`leaves`.
        """
        totals = leaf_totals(
            self.entry_weights(local), self.leaf_entries, self.leaf_column, len(self.leaves)
        )
        if order is None:
            return totals
        position = {x: k for k, x in enumerate(self.leaves)}
        return totals[..., [position[x] for x in order]]


def walk_nodes(root: Node) -> Iterator[tuple[Node, str | None, int]]:
    """(node, parent name, depth) for every Node of the tree, depth-first, pre-order.

    Iterative (an explicit stack), so a tree of any depth is walked without
    recursion. It does not check the tree-wide rules (see
    :meth:`~pathchoice.ahp.Node.layout`).
    """
    stack: list[tuple[Node, str | None, int]] = [(root, None, 0)]
    while stack:
        node, parent, depth = stack.pop()
        yield node, parent, depth
        kids = [c for c in node.children if not isinstance(c, str)]
        stack.extend((child, node.name, depth + 1) for child in reversed(kids))


def build_layout(root: Node) -> TreeLayout:
    """One iterative pre-order pass: flat arrays, and the tree-wide name rules."""
    entries: list[str] = []
    parent: list[int] = []
    depth: list[int] = []
    is_leaf: list[bool] = []
    nodes: list[Node] = []
    node_entry: list[int] = []
    kids_of: list[list[int]] = []
    seen_nodes: dict[str, Node] = {}
    leaf_parent: dict[str, str] = {}
    stack: list[tuple[Node | str, int, int, list[int] | None, str | None]] = [
        (root, -1, 0, None, None)
    ]
    while stack:
        item, up, level, siblings, up_name = stack.pop()
        me = len(entries)
        if siblings is not None:
            siblings.append(me)
        parent.append(up)
        depth.append(level)
        if isinstance(item, str):
            entries.append(item)
            is_leaf.append(True)
            if item in seen_nodes:
                raise HierarchyError(_clash(root, item, "a node", f"a leaf under {up_name!r}"))
            leaf_parent.setdefault(item, up_name or "")
            continue
        name = item.name
        if name in seen_nodes or name in leaf_parent:
            other = "another node" if name in seen_nodes else f"a leaf under {leaf_parent[name]!r}"
            raise HierarchyError(_clash(root, name, "a node", other))
        seen_nodes[name] = item
        entries.append(name)
        is_leaf.append(False)
        nodes.append(item)
        node_entry.append(me)
        kids: list[int] = []
        kids_of.append(kids)
        stack.extend((child, me, level + 1, kids, name) for child in reversed(item.children))
    leaves = tuple(dict.fromkeys(e for e, leaf in zip(entries, is_leaf, strict=True) if leaf))
    column = {x: k for k, x in enumerate(leaves)}
    leaf_entries = np.flatnonzero(np.asarray(is_leaf, dtype=bool))
    return TreeLayout(
        entries=tuple(entries),
        parent=_frozen(np.asarray(parent, dtype=np.int64)),
        depth=_frozen(np.asarray(depth, dtype=np.int64)),
        is_leaf=_frozen(np.asarray(is_leaf, dtype=bool)),
        nodes=tuple(nodes),
        node_entry=_frozen(np.asarray(node_entry, dtype=np.int64)),
        children=tuple(_frozen(np.asarray(k, dtype=np.int64)) for k in kids_of),
        leaves=leaves,
        leaf_entries=_frozen(leaf_entries),
        leaf_column=_frozen(np.asarray([column[entries[i]] for i in leaf_entries], dtype=np.int64)),
    )


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def _clash(root: Node, name: str, first: str, second: str) -> str:
    return (
        f"hierarchy {root.name!r}: {name!r} is used for {first} and for {second}; node names "
        f"must be unique in the hierarchy and differ from every leaf name"
    )
