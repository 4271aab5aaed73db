"""The analysis's AHP hierarchy as :class:`pathchoice.ahp.Node` trees, with provenance.

An analysis holds one :class:`~pathchoice.ahp.Node` tree. Each judgement and
each direct weight of the model file (or of a scenario, a panel member, a call
to :meth:`Analysis.with_judgement`) becomes part of a node, its reason and
source a :class:`~pathchoice.ahp.Note` of that node. This module turns such
records into nodes (:func:`make_node`, :func:`assemble`), nodes back into
records (:func:`hierarchy_records`), and lays records over a tree
(:func:`overlay`). The judgements themselves are checked only by
:class:`~pathchoice.ahp.PairwiseMatrix` and :class:`~pathchoice.ahp.Node`;
their errors are re-raised with the location of the record they name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ...exceptions import (
    HierarchyError,
    ModelError,
    PairwiseMatrixError,
    PathchoiceError,
    UnknownNameError,
    WeightsError,
)
from ._records import DirectWeight, Judgement, key_path

if TYPE_CHECKING:  # imported where used, so reading a record needs no AHP
    from ...ahp import Node

__all__ = [
    "Shape",
    "assemble",
    "check_tree",
    "hierarchy_records",
    "make_node",
    "overlay",
]

#: One node's place in a tree: name, child names, description and source.
Shape = tuple[str, tuple[str, ...], str, str]
#: Where the record an error names lives: ``locate(node, judgements, weights, error)``.
Locate = Callable[[str, Sequence[Judgement], Sequence[DirectWeight], str], str]


def make_node(
    name: str,
    children: Sequence[Node | str],
    judgements: Sequence[Judgement] = (),
    weights: Sequence[DirectWeight] = (),
    *,
    description: str = "",
    source: str = "",
) -> Node:
    """A :class:`~pathchoice.ahp.Node` from its judgement or weight records.

    Each record's reason and source become the node's note on the pair (or the
    child); the judgements keep the order and orientation of the records, so
    :func:`hierarchy_records` gives them back as they were. One record per item:
    a pair judged twice, even with values that agree, is an error.
    """
    from ...ahp import Node, Note, PairwiseMatrix

    labels = [c.name if isinstance(c, Node) else c for c in children]
    common = {"description": description, "source": source}
    if weights:
        given = [w.child for w in weights]
        repeated = [c for i, c in enumerate(given) if c in given[:i]]
        if repeated:
            raise WeightsError(f"weights: weight for {repeated[0]!r} given more than once")
        notes = {w.child: Note(w.reason, w.source) for w in weights if w.reason or w.source}
        return Node(
            name, children, weights={w.child: w.value for w in weights}, notes=notes, **common
        )
    if judgements:
        pairs = [((j.a, j.b), j.value) for j in judgements]
        seen = [frozenset(pair) for pair, _ in pairs]
        once = len(set(seen)) == len(seen)
        notes = {(j.a, j.b): Note(j.reason, j.source) for j in judgements if j.reason or j.source}
        if once and len(labels) > 1:
            # The node builds the same matrix from the same pairs: build it once, and only
            # when the node refuses them, build it alone for the judgements' own wording.
            try:
                return Node(name, children, judgements=dict(pairs), notes=notes, **common)
            except PathchoiceError:
                PairwiseMatrix.from_judgements(pairs, labels=labels)
                raise
        PairwiseMatrix.from_judgements(pairs, labels=labels)  # the judgements' own wording
        for i, (pair, j) in enumerate(zip(seen, judgements, strict=True)):
            if pair in seen[:i]:  # one record per item, even when the two agree
                raise PairwiseMatrixError(
                    f"the pair ({j.a!r}, {j.b!r}) is judged more than once (one record a pair)"
                )
        return Node(name, children, judgements=dict(pairs), notes=notes, **common)
    return Node(name, children, **common)


def hierarchy_records(tree: Node) -> tuple[tuple[Judgement, ...], tuple[DirectWeight, ...]]:
    """The judgements and direct weights of ``tree`` as records, with their notes.

    Nodes in depth-first order; a node's judgements in the order (and
    orientation) they were given, its weights in child order.

    Examples
    --------
    >>> from pathchoice.ahp import Node, Note
    >>> tree = Node("goal", ["cost", "risk"], judgements={("cost", "risk"): 3},
    ...             notes={("cost", "risk"): Note("tight budget", "minutes")})
    >>> (j,), w = hierarchy_records(tree)
    >>> (j.node, j.a, j.b, j.value, j.reason, j.source), w
    (('goal', 'cost', 'risk', 3.0, 'tight budget', 'minutes'), ())
    """
    from ...ahp import Note

    judgements: list[Judgement] = []
    weights: list[DirectWeight] = []
    for node in tree.layout().nodes:
        notes = node.notes
        if node.weights is not None:
            for child, value in node.weights.items():
                note = notes.get(child, Note())
                weights.append(DirectWeight(node.name, child, value, note.reason, note.source))
            continue
        if isinstance(node.judgements, Mapping):
            items: Iterable = node.judgements.items()
        elif node.matrix is not None:
            items = node.matrix.judgements().items()
        else:
            items = ()
        for (a, b), value in items:
            note = notes.get((a, b)) or notes.get((b, a)) or Note()
            judgements.append(Judgement(node.name, a, b, float(value), note.reason, note.source))
    return tuple(judgements), tuple(weights)


def shapes(tree: Node) -> list[Shape]:
    """The nodes of ``tree`` as :data:`Shape`, depth-first (root first)."""
    return [(n.name, n.child_names, n.description, n.source) for n in tree.layout().nodes]


def assemble(
    nodes: Sequence[Shape],
    judgements: Sequence[Judgement],
    weights: Sequence[DirectWeight],
    locate: Locate,
    original: Node | None = None,
) -> Node:
    """The tree of ``nodes`` (depth-first, root first) with the records at their nodes.

    Built from the leaves up, without recursion. An error of a node is
    re-raised, same type, prefixed with ``locate(name, judgements, weights,
    message)``: the location of the record it names. With the ``original``
    tree these ``nodes`` come from, a subtree whose records are all unchanged
    is that tree's (already built and checked) instead of a new copy.
    """
    names = {shape[0] for shape in nodes}
    built: dict[str, Node] = {}
    kept = _records_by_node(original) if original is not None else {}
    for name, children, description, source in reversed(nodes):
        kids = [built[c] if c in names else c for c in children]
        js = [j for j in judgements if j.node == name]
        ws = [w for w in weights if w.node == name]
        if name in kept and kept[name][1:] == (js, ws):
            node = kept[name][0]
            same = zip(kids, node.children, strict=True)
            if all(k is old or (isinstance(k, str) and k == old) for k, old in same):
                built[name] = node
                continue
        try:
            built[name] = make_node(name, kids, js, ws, description=description, source=source)
        except PathchoiceError as exc:
            raise type(exc)(f"{locate(name, js, ws, str(exc))}: {exc}") from None
    return built[nodes[0][0]]


def _records_by_node(
    tree: Node,
) -> dict[str, tuple[Node, list[Judgement], list[DirectWeight]]]:
    """node name -> (the node, its judgement records, its weight records)."""
    judgements, weights = hierarchy_records(tree)
    out = {node.name: (node, [], []) for node in tree.layout().nodes}
    for j in judgements:
        out[j.node][1].append(j)
    for w in weights:
        out[w.node][2].append(w)
    return out  # type: ignore[return-value]


def _names_pair(j: Judgement, message: str) -> bool:
    return repr((j.a, j.b)) in message or repr((j.b, j.a)) in message


def _names_child(w: DirectWeight, message: str) -> bool:
    return f"weight of {w.child!r}" in message


def in_hierarchy(
    name: str, judgements: Sequence[Judgement], weights: Sequence[DirectWeight], message: str
) -> str:
    """The model-file location of the node's record an error names, else of the node.

    For a pair judged twice the later record is the culprit, so the last record
    of the pair named is taken.
    """
    at = ("hierarchy", "nodes", name)
    found = [i for i, j in enumerate(judgements) if _names_pair(j, message)]
    if found:
        return key_path(*at, "judgements", found[-1])
    for w in weights:
        if _names_child(w, message):
            return key_path(*at, "weights", w.child)
    return key_path(*at)


def in_overlay(
    at: tuple[str | int, ...], judgements: Sequence[Judgement], weights: Sequence[DirectWeight]
) -> Locate:
    """Locate errors in the records an overlay at ``at`` brings (a scenario, a panel member)."""

    def locate(name: str, _js: object, _ws: object, message: str) -> str:
        for kind, records, match in (
            ("judgements", judgements, _names_pair),
            ("weights", weights, _names_child),
        ):
            found = [i for i, r in enumerate(records) if r.node == name and match(r, message)]
            if found:
                return key_path(*at, kind, found[-1])
        return f"{key_path(*at)}: {key_path('hierarchy', 'nodes', name)}"

    return locate


def overlay(
    tree: Node,
    judgements: Sequence[Judgement] = (),
    weights: Sequence[DirectWeight] = (),
    *,
    at: tuple[str | int, ...] | None = None,
) -> Node:
    """``tree`` with ``judgements`` (replacing the same pair) and node ``weights`` laid over it.

    Direct weights replace the whole weighting of their node. Errors name the
    overlaid record's location under ``at`` (e.g. ``("scenarios", "s")``), or
    its place in the hierarchy when ``at`` is None.
    """
    shape = shapes(tree)
    node_names = [s[0] for s in shape]
    for rec in (*judgements, *weights):
        if rec.node not in node_names:
            raise UnknownNameError(f"unknown hierarchy node {rec.node!r}; nodes are {node_names}")
    old_j, old_w = hierarchy_records(tree)
    reweighted = {w.node for w in weights}
    new_j = [j for j in old_j if j.node not in reweighted]
    new_w = [w for w in old_w if w.node not in reweighted] + list(weights)
    weighted = {w.node for w in old_w}
    for j in judgements:
        if j.node in weighted and j.node not in reweighted:
            raise HierarchyError(
                f"node {j.node!r} uses direct weights; a judgement cannot be overlaid on it"
            )
        pair = {j.a, j.b}
        idx = [i for i, old in enumerate(new_j) if old.node == j.node and {old.a, old.b} == pair]
        if idx:
            new_j[idx[0]] = j
            for i in reversed(idx[1:]):
                del new_j[i]
        else:
            new_j.append(j)
    locate = in_hierarchy if at is None else in_overlay(at, judgements, weights)
    return assemble(shape, new_j, new_w, locate, original=tree)


def check_tree(tree: object, criteria: Sequence[str]) -> None:
    """An analysis's hierarchy: a :class:`~pathchoice.ahp.Node` whose leaves are the criteria.

    Each criterion is a leaf exactly once, no node is named like a criterion,
    and the tree keeps :class:`~pathchoice.ahp.Node`'s tree-wide name rules.
    """
    from ...ahp import Node, walk_nodes

    if not isinstance(tree, Node):
        raise ModelError(f"hierarchy: expected an ahp.Node tree, got {type(tree).__name__}")
    known = set(criteria)
    parent: dict[str, str] = {}
    for node, _, _ in walk_nodes(tree):
        if node.name in known:
            raise HierarchyError(
                f"{key_path('hierarchy', 'nodes', node.name)}: node name {node.name!r} is also "
                "a criterion"
            )
        for i, child in enumerate(node.children):
            if isinstance(child, Node):
                continue
            where = key_path("hierarchy", "nodes", node.name, "children", i)
            if child not in known:
                raise UnknownNameError(
                    f"{where}: {child!r} is neither a node nor a criterion; criteria are "
                    f"{list(criteria)}"
                )
            if child in parent:
                raise HierarchyError(
                    f"{where}: {child!r} is already a child of node {parent[child]!r}"
                )
            parent[child] = node.name
    tree.layout()  # the tree-wide name rules
    missing = [c for c in criteria if c not in parent]
    if missing:
        raise HierarchyError(f"hierarchy: criteria {missing} are not in the hierarchy")
