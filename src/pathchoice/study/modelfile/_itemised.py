"""Format 2's ``[matrix]``: areas, items (each with its topic) and indicators as worded.

A format-2 matrix holds either stances per area (as in format 1) or
``[[matrix.items]]``, from which the stances follow; indicators may carry the
source's qualifier (``"more than"``, ``"nearly"``, ``"between"``...), bounds,
wording and the criteria they support.
"""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis
from ..matrix import ITEM_KINDS, AdvantageMatrix, Item
from ._base import REQUIRED, Path_, Reader, put
from ._evidence import (
    indicator_row,
    matrix_areas,
    matrix_head,
    read_indicators,
    read_matrix,
    write_matrix,
)

__all__ = ["needs_v2_matrix", "read_matrix_v2", "write_matrix_v2"]

_ITEM_KEYS = ("party", "area", "topic", "kind", "text", "source", "challenge", "note")


def read_matrix_v2(r: Reader, t: dict[str, Any]) -> AdvantageMatrix:
    """The matrix of a format-2 ``[matrix]`` table (stances or items)."""
    p: Path_ = ("matrix",)
    r.keys(t, p, ("parties", "criteria_by", "areas", "indicators", "items"), ("parties", "areas"))
    if "items" not in t:
        return read_matrix(r, t, worded=True)
    parties, criteria_by, rows = matrix_areas(
        r,
        t,
        ("name", "description", "source"),
        ("name",),
        refused={"stances": "an itemised matrix takes no stances (its items give them)"},
    )
    areas = [area for _, _, area in rows]
    names = [a.name for a in areas]
    items = []
    for i, row in enumerate(r.array_of_tables(t, "items", p)):
        ip: Path_ = (*p, "items", i)
        r.keys(row, ip, _ITEM_KEYS, ("party", "area", "topic", "kind"))
        party = r.string(row, "party", ip, REQUIRED, empty=False)
        if party not in parties:
            raise r.fail((*ip, "party"), f"unknown party {party!r}; parties are {parties}")
        area = r.string(row, "area", ip, REQUIRED, empty=False)
        if area not in names:
            raise r.fail((*ip, "area"), f"unknown area {area!r}; areas are {names}")
        items.append(
            Item(
                party,
                area,
                r.string(row, "topic", ip, REQUIRED, empty=False),
                r.choice(row, "kind", ip, ITEM_KINDS),
                text=r.string(row, "text", ip),
                source=r.string(row, "source", ip),
                challenge=r.string(row, "challenge", ip, None),
                note=r.string(row, "note", ip),
            )
        )
    indicators = read_indicators(r, t, parties, names, worded=True)
    return AdvantageMatrix.from_items(
        parties, areas, items, indicators=indicators, criteria_by=criteria_by
    )


def needs_v2_matrix(matrix: AdvantageMatrix | None) -> bool:
    """Whether the matrix uses what only format 2 holds (items, worded indicators)."""
    if matrix is None:
        return False
    return matrix.itemised or any(
        ind.value is None
        or ind.qualifier
        or ind.worded
        or ind.supports
        or ind.low is not None
        or ind.high is not None
        for ind in matrix.indicators
    )


def write_matrix_v2(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add a format-2 ``[matrix]`` (when the analysis has one) to ``doc``."""
    mx = analysis.matrix
    if mx is None or not mx.itemised:
        write_matrix(analysis, doc)
        return
    matrix, _ = matrix_head(mx)
    items = []
    for item in mx.items:
        row = {"party": item.party, "area": item.area, "topic": item.topic, "kind": item.kind}
        put(row, "text", item.text)
        put(row, "source", item.source)
        if item.challenge is not None:
            row["challenge"] = item.challenge
        put(row, "note", item.note)
        items.append(row)
    matrix["items"] = items
    if mx.indicators:
        matrix["indicators"] = [indicator_row(ind) for ind in mx.indicators]
    doc["matrix"] = matrix
