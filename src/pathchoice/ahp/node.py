"""The nodes of an AHP hierarchy: names, children, judgements or weights, provenance.

A hierarchy is a tree of :class:`Node` objects whose leaves are names (the
criteria, or in a classic AHP tree the alternatives). Each node with more than
one child weighs its children locally, either by pairwise judgements (any
:class:`~pathchoice.ahp.PairwiseMatrix`, possibly incomplete but connected) or
by local weights given directly. The node is the only authority on its
judgements: they are checked by :class:`~pathchoice.ahp.PairwiseMatrix`, and
every error about one of them names the node (``err.node``) and the pair
(``err.pair``), so a model-file reader can add its file location by wrapping
the error instead of checking the judgement itself.

What a node owns is checked when it is built, in time proportional to its
number of children: its name, its children (distinct names, none called like
the node), its judgements or weights, its notes. The rules that span the
whole tree -- every node name used once, no node named like a leaf -- are
checked in one iterative, linear pass the first time the tree is used
(:meth:`Node.layout`, :attr:`Node.leaves`, :func:`~pathchoice.ahp.hierarchy_weights`;
the pass is in :mod:`~pathchoice.ahp.layout`),
and the result is kept. So a tree of any depth is built in linear time and
walked without recursion.

A leaf name may appear under several parents: the textbook AHP tree with the
same alternatives under every criterion is one tree, and a leaf's global
weight is the sum over its occurrences (Saaty 1980, hierarchic composition).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import HierarchyError, PathchoiceError, UnknownNameError, WeightsError
from ..weights import SUM_TOLERANCE
from .checks import judgement_error
from .layout import TreeLayout, build_layout
from .layout import walk_nodes as walk_nodes  # its home before the layout had a module
from .pairwise import PairwiseMatrix

__all__ = ["JudgementsLike", "Node", "Note"]

JudgementsLike = Mapping[tuple[str, str], float] | PairwiseMatrix | pd.DataFrame


@dataclass(frozen=True)
class Note:
    """Where a judgement or a weight comes from: the reason given and its source.

    Examples
    --------
    >>> Note("field visits show cost dominates", source="panel, 2024-03")
    Note(reason='field visits show cost dominates', source='panel, 2024-03')
    """

    reason: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        for name in ("reason", "source"):
            if not isinstance(getattr(self, name), str):
                raise HierarchyError(
                    f"Note.{name} must be text (got {type(getattr(self, name)).__name__})"
                )


@dataclass(frozen=True, repr=False, eq=False)
class Node:
    """One node of an AHP hierarchy: a name, its children, how they are weighed, provenance.

    Parameters
    ----------
    name : str
        Non-empty name (the goal, a criterion group, ...), unique among the
        nodes of the tree and different from every leaf name.
    children : sequence of Node or str
        The sub-nodes; a string is a leaf (a criterion or an alternative). At
        least one; no two with the same name. A leaf name may repeat under
        other parents.
    judgements : dict, PairwiseMatrix or DataFrame, optional (keyword only)
        Pairwise comparisons among the children's names, ``{(a, b): 3}``
        meaning "a is 3 times as important as b". May be incomplete if every
        child stays connected to the others; the missing ones are completed by
        :func:`~pathchoice.ahp.hierarchy_weights`.
    weights : mapping of str to float, optional (keyword only)
        Local weights given directly, one per child, non-negative, summing to 1.
    description : str, optional (keyword only)
        What the node stands for.
    source : str, optional (keyword only)
        Where the node's judgements or weights come from (a panel, a report).
    notes : mapping, optional (keyword only)
        Provenance of single judgements or weights: a judged pair ``(a, b)``
        (either orientation) or, for direct weights, a child name, mapped to a
        :class:`Note` or to the reason as text.

    Raises
    ------
    HierarchyError
        Empty or non-string name, no children, a child that is neither a Node
        nor a non-empty string, two children with the same name, a child named
        like the node, both or neither of ``judgements`` and ``weights`` on a
        node with several children, judgements that do not compare every
        child, notes about something the node does not judge or weigh. Raised
        when the tree is first used: a node name used twice in the tree, or a
        node named like a leaf.
    UnknownNameError
        Judgements or weights naming something that is not a child.
    WeightsError
        Weights missing a child, negative, non-finite or not summing to 1.
    PairwiseMatrixError
        Invalid judgements (non-reciprocal, contradictory, disconnected, ...):
        the error of :class:`~pathchoice.ahp.PairwiseMatrix`, same type,
        message prefixed with the node, ``err.node`` and ``err.pair`` set.

    Attributes
    ----------
    matrix : PairwiseMatrix or None
        The checked judgements (None when weights are given or the node has
        one child).

    Examples
    --------
    >>> goal = Node("goal", [
    ...     Node("cost", ["price", "upkeep"], weights={"price": 0.75, "upkeep": 0.25}),
    ...     "safety",
    ... ], judgements={("cost", "safety"): 3},
    ...    notes={("cost", "safety"): Note("budget is tight", source="board minutes")})
    >>> goal.leaves
    ('price', 'upkeep', 'safety')
    >>> goal.children[0]
    Node('cost', ['price', 'upkeep'], weights={'price': 0.75, 'upkeep': 0.25})
    >>> goal.notes[("cost", "safety")].source
    'board minutes'
    >>> Node("goal", ["a", "b"], weights={"a": 0.5, "c": 0.5})
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.UnknownNameError: node 'goal': weights name 'c', which is not a child; ...
    """

    name: str
    children: tuple[Node | str, ...]
    judgements: JudgementsLike | None = field(default=None, kw_only=True)
    weights: Mapping[str, float] | None = field(default=None, kw_only=True)
    description: str = field(default="", kw_only=True)
    source: str = field(default="", kw_only=True)
    notes: Mapping[Any, Note] = field(default_factory=dict, kw_only=True)
    matrix: PairwiseMatrix | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        name = self.name
        if not isinstance(name, str) or not name.strip():
            raise HierarchyError(f"node name must be a non-empty string (got {name!r})")
        for attr in ("description", "source"):
            if not isinstance(getattr(self, attr), str):
                raise HierarchyError(f"node {name!r}: {attr} must be text")
        children = _check_children(name, self.children)
        object.__setattr__(self, "children", children)
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
        matrix = matrix if len(children) > 1 else None
        object.__setattr__(self, "matrix", matrix)
        object.__setattr__(self, "notes", _check_notes(name, child_names, matrix, self))
        weights = None if self.weights is None else tuple(self.weights.items())
        kids = tuple(c._hash if isinstance(c, Node) else c for c in children)
        object.__setattr__(self, "_hash", hash((name, kids, matrix, weights)))
        object.__setattr__(self, "_layout", None)

    # ------------------------------------------------------------------ structure

    @property
    def child_names(self) -> tuple[str, ...]:
        """Names of the direct children, in order."""
        return tuple(c.name if isinstance(c, Node) else c for c in self.children)

    def layout(self) -> TreeLayout:
        """The tree as flat arrays (checked once, cached): see :class:`TreeLayout`."""
        cached = object.__getattribute__(self, "_layout")
        if cached is None:
            cached = build_layout(self)
            object.__setattr__(self, "_layout", cached)
        return cached

    @property
    def leaves(self) -> tuple[str, ...]:
        """Leaf names under this node, depth-first, left to right, each once."""
        return self.layout().leaves

    @property
    def names(self) -> tuple[str, ...]:
        """Every distinct name in the subtree (nodes and leaves), depth-first."""
        return tuple(dict.fromkeys(self.layout().entries))

    @property
    def node_names(self) -> list[str]:
        """Names of this node and its sub-nodes (not the leaves), depth-first."""
        return [node.name for node in self.layout().nodes]

    def find(self, name: str) -> Node:
        """The sub-node called ``name`` (this node included).

        Raises :class:`~pathchoice.exceptions.UnknownNameError` if there is no
        such node (leaves are names, not nodes).
        """
        layout = self.layout()
        for node in layout.nodes:
            if node.name == name:
                return node
        kind = "a leaf, not a node" if name in layout.leaves else "not in the hierarchy"
        raise UnknownNameError(f"{name!r} is {kind}; nodes are {self.node_names}")

    # ------------------------------------------------------------------ protocol

    def __hash__(self) -> int:
        return object.__getattribute__(self, "_hash")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        stack: list[tuple[Node, Node]] = [(self, other)]
        while stack:
            a, b = stack.pop()
            if a is b:
                continue
            if (
                a._hash != b._hash  # type: ignore[attr-defined]
                or a.name != b.name
                or a.child_names != b.child_names
                or a.matrix != b.matrix
                or (None if a.weights is None else dict(a.weights))
                != (None if b.weights is None else dict(b.weights))
                or (a.description, a.source, dict(a.notes))
                != (b.description, b.source, dict(b.notes))
            ):
                return False
            for x, y in zip(a.children, b.children, strict=True):
                if isinstance(x, Node) != isinstance(y, Node):
                    return False
                if isinstance(x, Node):
                    stack.append((x, y))  # type: ignore[arg-type]
        return True

    def __repr__(self) -> str:
        # Post-order over an explicit stack: each node's text is built once from
        # its children's, so any depth is shown without recursion.
        text: dict[int, str] = {}
        stack: list[tuple[Node, bool]] = [(self, False)]
        while stack:
            node, ready = stack.pop()
            if not ready:
                stack.append((node, True))
                stack.extend((c, False) for c in node.children if isinstance(c, Node))
                continue
            kids = ", ".join(text[id(c)] if isinstance(c, Node) else repr(c) for c in node.children)
            text[id(node)] = f"Node({', '.join([repr(node.name), f'[{kids}]', *node._options()])})"
        return text[id(self)]

    def _options(self) -> list[str]:
        parts = []
        if isinstance(self.judgements, Mapping):
            parts.append(f"judgements={dict(self.judgements)!r}")
        elif self.judgements is not None:
            parts.append(
                f"judgements=<{type(self.judgements).__name__} of {list(self.child_names)}>"
            )
        if self.weights is not None:
            parts.append(f"weights={dict(self.weights)!r}")
        return parts


# ---------------------------------------------------------------------- checks


def _check_children(name: str, children: Any) -> tuple[Node | str, ...]:
    if isinstance(children, (str, Node)) or not isinstance(children, Sequence):
        raise HierarchyError(
            f"node {name!r}: children must be a sequence of Node or str (got {children!r})"
        )
    out = tuple(children)
    if not out:
        raise HierarchyError(f"node {name!r} has no children; a node needs at least one")
    seen: set[str] = set()
    repeated: list[str] = []
    for pos, child in enumerate(out):
        if isinstance(child, Node):
            child_name = child.name
        elif isinstance(child, str) and child.strip():
            child_name = child
        else:
            raise HierarchyError(
                f"node {name!r}: child at position {pos} must be a Node or a non-empty "
                f"name (got {child!r})"
            )
        if child_name in seen or child_name == name:
            repeated.append(child_name)
        seen.add(child_name)
    if repeated:
        raise HierarchyError(
            f"node {name!r}: names must be unique in the hierarchy (a node and its children "
            f"alike); used more than once: {sorted(set(repeated))}"
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
        if isinstance(raw, bool | np.bool_):
            raise WeightsError(f"node {name!r}: weight of {child!r} must be a number (got {raw!r})")
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
        matrix = _at_node(name, lambda: PairwiseMatrix.from_frame(judgements, allow_missing=True))
    elif isinstance(judgements, Mapping):
        for key in judgements:
            _check_pair_names(name, child_names, key)
        if len(child_names) == 1:
            return None
        matrix = _at_node(
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


def _check_pair_names(name: str, child_names: tuple[str, ...], key: Any) -> None:
    if isinstance(key, tuple) and len(key) == 2:
        for x in key:
            if x not in child_names:
                reason = (
                    f"judgement {key!r} names {x!r}, which is not a child; "
                    f"children are {list(child_names)}"
                )
                err = judgement_error(UnknownNameError, f"node {name!r}: {reason}", key)
                err.node, err.reason = name, reason  # type: ignore[union-attr]
                raise err


def _at_node(name: str, build: Any) -> PairwiseMatrix:
    """Run ``build()``; re-raise its errors as the same type, naming the node.

    The pair the matrix named (``err.pair``) and the reason (``err.reason``)
    are kept, and ``err.node`` is set, so a caller can locate the judgement.
    """
    try:
        return build()
    except PathchoiceError as err:
        reason = getattr(err, "reason", str(err))
        new = type(err)(f"node {name!r}: {err}")
        new.__dict__.update(err.__dict__)
        new.node, new.reason = name, reason  # type: ignore[attr-defined]
        new.pair = getattr(err, "pair", None)  # type: ignore[attr-defined]
        raise new from err


def _check_notes(
    name: str, child_names: tuple[str, ...], matrix: PairwiseMatrix | None, node: Node
) -> MappingProxyType[Any, Note]:
    raw = node.notes
    if not isinstance(raw, Mapping):
        raise HierarchyError(
            f"node {name!r}: notes must be a mapping from a judged pair or a child name to a "
            f"Note or text (got {type(raw).__name__})"
        )
    judged = set() if matrix is None else set(matrix.judgements())
    out: dict[Any, Note] = {}
    for key, value in raw.items():
        if isinstance(key, tuple):
            ok = len(key) == 2 and (key in judged or key[::-1] in judged)
            what = "a judged pair"
        else:
            ok = node.weights is not None and key in child_names
            what = "a child with a weight given directly"
        if not ok:
            raise HierarchyError(
                f"node {name!r}: note on {key!r}, which is not {what} of this node"
            )
        note = Note(value) if isinstance(value, str) else value
        if not isinstance(note, Note):
            raise HierarchyError(
                f"node {name!r}: note on {key!r} must be a Note or text (got {value!r})"
            )
        out[key] = note
    return MappingProxyType(out)
