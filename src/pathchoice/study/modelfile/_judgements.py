"""Format 1, the weighting: ``[hierarchy]`` (nodes, judgements, weights) and ``[scenarios]``."""

from __future__ import annotations

from typing import Any

from ..analysis import (
    Analysis,
    DirectWeight,
    HierarchyNode,
    HierarchySpec,
    Judgement,
    Scenario,
)
from ._base import OVERLAYS, REQUIRED, Path_, Reader, put, record_table

__all__ = [
    "read_hierarchy",
    "read_scenarios",
    "write_hierarchy",
    "write_scenarios",
]


def read_hierarchy(r: Reader, t: dict[str, Any]) -> HierarchySpec:
    p: Path_ = ("hierarchy",)
    r.keys(t, p, ("root", "nodes"), ("root", "nodes"))
    root = r.string(t, "root", p, REQUIRED, empty=False)
    nodes_t = r.table(t["nodes"], (*p, "nodes"))
    nodes, judgements, weights = [], [], []
    for name, raw in nodes_t.items():
        np_: Path_ = (*p, "nodes", name)
        row = r.table(raw, np_)
        r.keys(row, np_, ("children", "description", "judgements", "weights"), ("children",))
        children = r.names(row, "children", np_)
        if not children:
            raise r.fail((*np_, "children"), "expected at least one child")
        nodes.append(HierarchyNode(name, tuple(children), r.string(row, "description", np_)))
        if "judgements" in row and "weights" in row:
            raise r.fail(np_, "a node takes judgements or weights, not both")
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
    return HierarchySpec(root, tuple(nodes), tuple(judgements), tuple(weights))


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
    """Add ``[hierarchy]`` to ``doc``."""
    spec = analysis.hierarchy_spec
    nodes: dict[str, Any] = {}
    for node in spec.nodes:
        row = {"children": list(node.children)}
        put(row, "description", node.description)
        judgements = [record_table(j, "node") for j in spec.judgements_at(node.name)]
        if judgements:
            row["judgements"] = judgements
        weights = {
            w.child: record_table(w, "node", "child", bare=True) for w in spec.weights_at(node.name)
        }
        if weights:
            row["weights"] = weights
        nodes[node.name] = row
    doc["hierarchy"] = {"root": spec.root, "nodes": nodes}


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
