"""Format 2's ``[matrix]``: areas, items (each with its topic) and indicators as worded.

A format-2 matrix holds either stances per area (as in format 1) or
``[[matrix.items]]``, from which the stances follow; indicators may carry the
source's qualifier (``"more than"``, ``"nearly"``, ``"between"``...), bounds,
wording and the criteria they support.
"""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis
from ..matrix import (
    INDICATOR_QUALIFIERS,
    ITEM_KINDS,
    AdvantageMatrix,
    Area,
    Indicator,
    Item,
)
from ._base import REQUIRED, Path_, Reader, number_text, put
from ._evidence import indicator_place, read_matrix, write_matrix

__all__ = ["needs_v2_matrix", "read_matrix_v2", "write_matrix_v2"]

_INDICATOR_KEYS = (
    "name",
    "value",
    "unit",
    "year",
    "party",
    "area",
    "source",
    "note",
    "qualifier",
    "low",
    "high",
    "worded",
    "supports",
)
_ITEM_KEYS = ("party", "area", "topic", "kind", "text", "source", "challenge", "note")


def _optional_number(r: Reader, row: dict[str, Any], key: str, path: Path_) -> float | None:
    return None if key not in row else r.number(row[key], (*path, key))


def _indicators(
    r: Reader, t: dict[str, Any], parties: list[str], areas: list[str]
) -> tuple[Indicator, ...]:
    p: Path_ = ("matrix",)
    out = []
    for i, row in enumerate(r.array_of_tables(t, "indicators", p)):
        ip: Path_ = (*p, "indicators", i)
        r.keys(row, ip, _INDICATOR_KEYS, ("name",))
        year, party, area = indicator_place(r, row, ip, parties, areas)
        qualifier = r.choice(row, "qualifier", ip, INDICATOR_QUALIFIERS, "")
        if "value" not in row and qualifier != "between":
            raise r.fail(ip, "missing key 'value' (only a range, qualifier 'between', has none)")
        out.append(
            Indicator(
                r.string(row, "name", ip, REQUIRED, empty=False),
                _optional_number(r, row, "value", ip),
                unit=r.string(row, "unit", ip),
                year=year,
                party=party,
                area=area,
                source=r.string(row, "source", ip),
                note=r.string(row, "note", ip),
                qualifier=qualifier,
                low=_optional_number(r, row, "low", ip),
                high=_optional_number(r, row, "high", ip),
                worded=r.string(row, "worded", ip),
                supports=tuple(r.names(row, "supports", ip, required=False)),
            )
        )
    return tuple(out)


def read_matrix_v2(r: Reader, t: dict[str, Any]) -> AdvantageMatrix:
    """The matrix of a format-2 ``[matrix]`` table (stances or items)."""
    p: Path_ = ("matrix",)
    r.keys(t, p, ("parties", "criteria_by", "areas", "indicators", "items"), ("parties", "areas"))
    if "items" not in t:
        base = read_matrix(r, {k: v for k, v in t.items() if k != "indicators"})
        indicators = _indicators(r, t, list(base.parties), list(base.area_names))
        return AdvantageMatrix(
            base.parties, base.areas, base.cells, indicators, criteria_by=base.criteria_by
        )
    parties = r.names(t, "parties", p)
    if len(parties) < 2:
        raise r.fail((*p, "parties"), f"expected at least two parties, got {len(parties)}")
    criteria_by = r.choice(t, "criteria_by", p, ("relation", "area"), "relation")
    areas: list[Area] = []
    seen: dict[str, Path_] = {}
    rows = r.array_of_tables(t, "areas", p, required=True)
    if not rows:
        raise r.fail((*p, "areas"), "expected at least one area")
    for i, row in enumerate(rows):
        ap: Path_ = (*p, "areas", i)
        if "stances" in row:
            raise r.fail(
                (*ap, "stances"), "an itemised matrix takes no stances (its items give them)"
            )
        r.keys(row, ap, ("name", "description", "source"), ("name",))
        name = r.string(row, "name", ap, REQUIRED, empty=False)
        r.unique_name(seen, name, (*ap, "name"), "area")
        areas.append(Area(name, r.string(row, "description", ap), r.string(row, "source", ap)))
    items = []
    for i, row in enumerate(r.array_of_tables(t, "items", p)):
        ip: Path_ = (*p, "items", i)
        r.keys(row, ip, _ITEM_KEYS, ("party", "area", "topic", "kind"))
        party = r.string(row, "party", ip, REQUIRED, empty=False)
        if party not in parties:
            raise r.fail((*ip, "party"), f"unknown party {party!r}; parties are {parties}")
        area = r.string(row, "area", ip, REQUIRED, empty=False)
        if area not in seen:
            raise r.fail((*ip, "area"), f"unknown area {area!r}; areas are {list(seen)}")
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
    indicators = _indicators(r, t, parties, list(seen))
    return AdvantageMatrix.from_items(
        parties, areas, items, indicators=indicators, criteria_by=criteria_by
    )


def _indicator_row(ind: Indicator) -> dict[str, Any]:
    row: dict[str, Any] = {"name": ind.name}
    if ind.value is not None:
        row["value"] = number_text(ind.value)
    put(row, "unit", ind.unit)
    put(row, "qualifier", ind.qualifier)
    # bounds implied by the qualifier are not written again
    implied_low = ind.qualifier in ("more than", "at least") and ind.low == ind.value
    implied_high = ind.qualifier in ("less than", "nearly", "up to") and ind.high == ind.value
    if ind.low is not None and not implied_low:
        row["low"] = number_text(ind.low)
    if ind.high is not None and not implied_high:
        row["high"] = number_text(ind.high)
    put(row, "worded", ind.worded)
    if ind.year is not None:
        row["year"] = ind.year
    if ind.party is not None:
        row["party"] = ind.party
    if ind.area is not None:
        row["area"] = ind.area
    put(row, "source", ind.source)
    put(row, "note", ind.note)
    if ind.supports:
        row["supports"] = list(ind.supports)
    return row


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
    if mx is None:
        return
    if not mx.itemised:
        write_matrix(analysis, doc)
    else:
        matrix: dict[str, Any] = {"parties": list(mx.parties)}
        if mx.criteria_by != "relation":
            matrix["criteria_by"] = mx.criteria_by
        areas = []
        for area in mx.areas:
            row: dict[str, Any] = {"name": area.name}
            put(row, "description", area.description)
            put(row, "source", area.source)
            areas.append(row)
        matrix["areas"] = areas
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
        doc["matrix"] = matrix
    if mx.indicators:
        doc["matrix"]["indicators"] = [_indicator_row(ind) for ind in mx.indicators]
