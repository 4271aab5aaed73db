"""Format 1, the weighting: ``[hierarchy]`` (nodes, judgements, weights) and ``[scenarios]``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..analysis import Analysis, DirectWeight, Judgement, Scenario, hierarchy_records
from ..analysis._tree import assemble, in_hierarchy
from ._base import OVERLAYS, REQUIRED, Path_, Reader, put, record_table, wrapped

if TYPE_CHECKING:
    from ...ahp import Node

__all__ = [
    "read_hierarchy",
    "read_scenarios",
    "write_hierarchy",
    "write_scenarios",
]


def read_hierarchy(r: Reader, t: dict[str, Any], criteria: Sequence[str]) -> Node:
    """The hierarchy's :class:`~pathchoice.ahp.Node` tree, each record's reason and source a note.

    The reader checks the table's shape (a root, each node reached once from it,
    every other child one of the ``criteria``);
    the judgements and weights are checked by the nodes, whose errors are given the
    location of the record they name.
    """
    p: Path_ = ("hierarchy",)
    r.keys(t, p, ("root", "nodes"), ("root", "nodes"))
    root = r.string(t, "root", p, REQUIRED, empty=False)
    nodes_t = r.table(t["nodes"], (*p, "nodes"))
    children: dict[str, list[str]] = {}
    descriptions: dict[str, str] = {}
    judgements: list[Judgement] = []
    weights: list[DirectWeight] = []
    for name, raw in nodes_t.items():
        np_: Path_ = (*p, "nodes", name)
        row = r.table(raw, np_)
        r.keys(row, np_, ("children", "description", "judgements", "weights"), ("children",))
        kids = r.names(row, "children", np_)
        if not kids:
            raise r.fail((*np_, "children"), "expected at least one child")
        children[name] = kids
        descriptions[name] = r.string(row, "description", np_)
        if "judgements" in row and "weights" in row:
            raise r.fail(np_, "a node takes judgements or weights, not both")
        if "judgements" not in row and "weights" not in row and len(kids) > 1:
            raise r.fail(
                np_, f"node {name!r} has {len(kids)} children but neither judgements nor weights"
            )
        for i, j in enumerate(r.array_of_tables(row, "judgements", np_)):
            judgements.append(r.record(Judgement, j, (*np_, "judgements", i), node=name))
        if "weights" in row:
            wt = r.table(row["weights"], (*np_, "weights"))
            for child, cell in wt.items():
                wp: Path_ = (*np_, "weights", child)
                if isinstance(cell, dict):
                    weights.append(r.record(DirectWeight, cell, wp, node=name, child=child))
                else:
                    weights.append(DirectWeight(name, child, r.number(cell, wp)))
    order = _tree_order(r, root, children, criteria)
    shapes = [(n, tuple(children[n]), descriptions[n], "") for n in order]
    return wrapped(r, lambda: assemble(shapes, judgements, weights, in_hierarchy))  # type: ignore[no-any-return]


def _tree_order(
    r: Reader, root: str, children: dict[str, list[str]], criteria: Sequence[str]
) -> list[str]:
    """The node names depth-first from ``root``: each node a child of one node, none left out."""
    if root not in children:
        raise r.fail(("hierarchy", "root"), f"unknown node {root!r}; nodes are {list(children)}")
    parent: dict[str, str] = {}
    for name, kids in children.items():
        for i, child in enumerate(kids):
            where = ("hierarchy", "nodes", name, "children", i)
            if child not in children and child not in criteria:
                raise r.fail(
                    where,
                    f"{child!r} is neither a node nor a criterion; criteria are {list(criteria)}",
                )
            if child == root:
                raise r.fail(where, f"the root {child!r} cannot be a child")
            if child in parent:
                raise r.fail(where, f"{child!r} is already a child of node {parent[child]!r}")
            parent[child] = name
    missing = [c for c in criteria if c not in parent]
    if missing:
        raise r.fail(("hierarchy",), f"criteria {missing} are not in the hierarchy")
    order: list[str] = []
    stack = [root]
    while stack:  # one parent each and a parentless root: no cycle can be reached
        name = stack.pop()
        order.append(name)
        stack.extend(reversed([c for c in children[name] if c in children]))
    unreached = [n for n in children if n not in order]
    if unreached:
        raise r.fail(
            ("hierarchy", "nodes", unreached[0]), f"node is not reachable from the root {root!r}"
        )
    return order


def read_scenarios(r: Reader, doc: dict[str, Any]) -> list[Scenario]:
    if "scenarios" not in doc:
        return []
    t = r.table(doc["scenarios"], ("scenarios",))
    out = []
    for name, raw in t.items():
        p: Path_ = ("scenarios", name)
        row = r.table(raw, p)
        r.keys(row, p, ("description", "source", "judgements", "weights", "scores"))
        overlays = {
            key: tuple(
                r.record(kind, rec, (*p, key, i))
                for i, rec in enumerate(r.array_of_tables(row, key, p))
            )
            for key, kind in OVERLAYS
        }
        out.append(
            Scenario(
                name,
                description=r.string(row, "description", p),
                source=r.string(row, "source", p),
                **overlays,
            )
        )
    return out


def write_hierarchy(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[hierarchy]`` to ``doc``: the nodes depth-first, each record with its note."""
    tree = analysis.hierarchy_tree
    records, direct = hierarchy_records(tree)
    nodes: dict[str, Any] = {}
    for node in tree.layout().nodes:
        row: dict[str, Any] = {"children": list(node.child_names)}
        put(row, "description", node.description)
        judgements = [record_table(j, "node") for j in records if j.node == node.name]
        if judgements:
            row["judgements"] = judgements
        weights = {
            w.child: record_table(w, "node", "child", bare=True)
            for w in direct
            if w.node == node.name
        }
        if weights:
            row["weights"] = weights
        nodes[node.name] = row
    doc["hierarchy"] = {"root": tree.name, "nodes": nodes}


def write_scenarios(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[scenarios]`` (when there are any) to ``doc``."""
    if analysis.scenarios:
        scenarios: dict[str, Any] = {}
        for sc in analysis.scenarios:
            row = {}
            put(row, "description", sc.description)
            put(row, "source", sc.source)
            for key, _ in OVERLAYS:
                records = getattr(sc, key)
                if records:
                    row[key] = [record_table(r) for r in records]
            scenarios[sc.name] = row
        doc["scenarios"] = scenarios
