"""The evidence: ``[matrix]`` (areas, stances, indicators) and ``[[challenges]]``.

Format 1's reading and writing of both, and the pieces format 2 shares with it
(:mod:`._itemised` reads and writes the itemised matrix): the parties and
areas, the indicators (format 2 adds their wording) and an indicator's place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..analysis import Analysis
from ..matrix import (
    CHALLENGE_CRITERIA,
    CRITERIA_BY,
    INDICATOR_QUALIFIERS,
    STANCES,
    AdvantageMatrix,
    Area,
    Challenge,
    ChallengeItem,
    Indicator,
    StanceCell,
)
from ._base import REQUIRED, Path_, Reader, number_text, put, show

__all__ = [
    "INDICATOR_KEYS",
    "WORDED_INDICATOR_KEYS",
    "indicator_place",
    "indicator_row",
    "matrix_areas",
    "matrix_head",
    "read_challenges",
    "read_indicators",
    "read_matrix",
    "write_challenges",
    "write_matrix",
]


def matrix_areas(
    r: Reader,
    t: dict[str, Any],
    keys: Sequence[str],
    required: Sequence[str],
    refused: Mapping[str, str] | None = None,
) -> tuple[list[str], str, list[tuple[Path_, dict[str, Any], Area]]]:
    """The parties, ``criteria_by`` and areas of a ``[matrix]`` table (every format).

    Each area comes with its place in the file and its row, for the keys
    beyond ``name``, ``description`` and ``source`` that ``keys`` allows;
    ``refused`` maps a key an area must not have to the reason.
    """
    p: Path_ = ("matrix",)
    parties = r.names(t, "parties", p)
    if len(parties) < 2:
        raise r.fail((*p, "parties"), f"expected at least two parties, got {len(parties)}")
    criteria_by = r.choice(t, "criteria_by", p, CRITERIA_BY, "relation")
    rows = r.array_of_tables(t, "areas", p, required=True)
    if not rows:
        raise r.fail((*p, "areas"), "expected at least one area")
    seen: dict[str, Path_] = {}
    areas = []
    for i, row in enumerate(rows):
        ap: Path_ = (*p, "areas", i)
        for key, reason in (refused or {}).items():
            if key in row:
                raise r.fail((*ap, key), reason)
        r.keys(row, ap, keys, required)
        name = r.string(row, "name", ap, REQUIRED, empty=False)
        r.unique_name(seen, name, (*ap, "name"), "area")
        area = Area(name, r.string(row, "description", ap), r.string(row, "source", ap))
        areas.append((ap, row, area))
    return parties, criteria_by, areas


#: The keys of an indicator in format 1, and those format 2 adds (its wording).
INDICATOR_KEYS = ("name", "value", "unit", "year", "party", "area", "source", "note")
WORDED_INDICATOR_KEYS = ("qualifier", "low", "high", "worded", "supports")


def _optional_number(r: Reader, row: dict[str, Any], key: str, path: Path_) -> float | None:
    return None if key not in row else r.number(row[key], (*path, key))


def read_indicators(
    r: Reader, t: dict[str, Any], parties: Sequence[str], areas: Iterable[str], *, worded: bool
) -> tuple[Indicator, ...]:
    """The ``[[matrix.indicators]]``; with ``worded`` (format 2) their qualifiers and bounds."""
    p: Path_ = ("matrix",)
    known = list(areas)
    out = []
    for i, row in enumerate(r.array_of_tables(t, "indicators", p)):
        ip: Path_ = (*p, "indicators", i)
        if worded:
            r.keys(row, ip, (*INDICATOR_KEYS, *WORDED_INDICATOR_KEYS), ("name",))
        else:
            r.keys(row, ip, INDICATOR_KEYS, ("name", "value"))
        year, party, area = indicator_place(r, row, ip, parties, known)
        wording: dict[str, Any] = {}
        if worded:
            qualifier = r.choice(row, "qualifier", ip, INDICATOR_QUALIFIERS, "")
            if "value" not in row and qualifier != "between":
                raise r.fail(
                    ip, "missing key 'value' (only a range, qualifier 'between', has none)"
                )
            wording = {
                "qualifier": qualifier,
                "low": _optional_number(r, row, "low", ip),
                "high": _optional_number(r, row, "high", ip),
                "worded": r.string(row, "worded", ip),
                "supports": tuple(r.names(row, "supports", ip, required=False)),
            }
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
                **wording,
            )
        )
    return tuple(out)


def read_matrix(r: Reader, t: dict[str, Any], *, worded: bool = False) -> AdvantageMatrix:
    """The matrix of a ``[matrix]`` table of stances (format 1; format 2 with ``worded``)."""
    p: Path_ = ("matrix",)
    r.keys(t, p, ("parties", "criteria_by", "areas", "indicators"), ("parties", "areas"))
    parties, criteria_by, rows = matrix_areas(
        r, t, ("name", "description", "source", "stances"), ("name", "stances")
    )
    cells: list[StanceCell] = []
    for ap, row, area in rows:
        stances = r.table(row["stances"], (*ap, "stances"))
        for party in stances:
            if party not in parties:
                raise r.fail((*ap, "stances", party), f"unknown party; parties are {parties}")
        for party in parties:
            sp: Path_ = (*ap, "stances", party)
            if party not in stances:
                raise r.fail((*ap, "stances"), f"missing stance for party {party!r}")
            cell = stances[party]
            if isinstance(cell, str):
                cell = {"stance": cell}
            cell = r.table(cell, sp)
            r.keys(cell, sp, ("stance", "text", "source"), ("stance",))
            stance = r.choice(cell, "stance", sp, STANCES)
            cells.append(
                StanceCell(
                    area.name,
                    party,
                    stance,
                    text=r.string(cell, "text", sp),
                    source=r.string(cell, "source", sp),
                )
            )
    areas = [area for _, _, area in rows]
    indicators = read_indicators(r, t, parties, (a.name for a in areas), worded=worded)
    return AdvantageMatrix(parties, areas, cells, indicators, criteria_by=criteria_by)


def read_challenges(r: Reader, doc: dict[str, Any]) -> list[Challenge]:
    out = []
    keys: dict[str, Path_] = {}
    names: dict[str, Path_] = {}
    for i, row in enumerate(r.array_of_tables(doc, "challenges", ())):
        p: Path_ = ("challenges", i)
        r.keys(
            row,
            p,
            ("key", "name", "criteria", "title", "description", "source", "items"),
            ("key", "name"),
        )
        key = r.string(row, "key", p, REQUIRED, empty=False)
        name = r.string(row, "name", p, REQUIRED, empty=False)
        r.unique_name(keys, key, (*p, "key"), "challenge key")
        r.unique_name(names, name, (*p, "name"), "challenge name")
        kinds = row.get("criteria", ["exposure"])
        if isinstance(kinds, str):
            kinds = [kinds]
        kinds = r.names({"criteria": kinds}, "criteria", p)
        if not kinds:
            raise r.fail((*p, "criteria"), f"expected some of {list(CHALLENGE_CRITERIA)}")
        for k, kind in enumerate(kinds):
            if kind not in CHALLENGE_CRITERIA:
                raise r.fail(
                    (*p, "criteria", k),
                    f"expected one of {list(CHALLENGE_CRITERIA)}, got {kind!r}",
                )
        items = []
        for k, item in enumerate(r.array_of_tables(row, "items", p)):
            ip: Path_ = (*p, "items", k)
            r.keys(item, ip, ("name", "text", "source"), ("name",))
            items.append(
                ChallengeItem(
                    r.string(item, "name", ip, REQUIRED, empty=False),
                    r.string(item, "text", ip),
                    r.string(item, "source", ip),
                )
            )
        out.append(
            Challenge(
                key,
                name,
                criteria=tuple(kinds),
                title=r.string(row, "title", p),
                description=r.string(row, "description", p),
                source=r.string(row, "source", p),
                items=tuple(items),
            )
        )
    return out


def matrix_head(mx: AdvantageMatrix) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``[matrix]`` table's parties and ``criteria_by``, and a row per area (every format)."""
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
    return matrix, areas


def indicator_row(ind: Indicator) -> dict[str, Any]:
    """An indicator as a ``[[matrix.indicators]]`` row (the wording only where it has some)."""
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


def write_matrix(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add a ``[matrix]`` of stances (when the analysis has one) to ``doc``."""
    mx = analysis.matrix
    if mx is None:
        return
    matrix, areas = matrix_head(mx)
    for area, row in zip(mx.areas, areas, strict=True):
        stances = {}
        for party in mx.parties:
            cell = mx.cell(area.name, party)
            entry: dict[str, Any] = {"stance": cell.stance}
            put(entry, "text", cell.text)
            put(entry, "source", cell.source)
            stances[party] = entry
        row["stances"] = stances
    if mx.indicators:
        matrix["indicators"] = [indicator_row(ind) for ind in mx.indicators]
    doc["matrix"] = matrix


def write_challenges(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[[challenges]]`` (when there are any) to ``doc``."""
    if analysis.challenges:
        challenges = []
        for ch in analysis.challenges:
            row = {"key": ch.key, "name": ch.name, "criteria": list(ch.criteria)}
            for key in ("title", "description", "source"):
                put(row, key, getattr(ch, key))
            if ch.items:
                items = []
                for item in ch.items:
                    entry = {"name": item.name}
                    put(entry, "text", item.text)
                    put(entry, "source", item.source)
                    items.append(entry)
                row["items"] = items
            challenges.append(row)
        doc["challenges"] = challenges


def indicator_place(
    r: Reader, row: dict[str, Any], ip: Path_, parties: Sequence[str], areas: Iterable[str]
) -> tuple[int | None, str | None, str | None]:
    """An indicator's ``year``, ``party`` and ``area``, each checked (every format)."""
    year = row.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise r.fail((*ip, "year"), f"expected an integer, got {show(year)}")
    party = r.string(row, "party", ip, None)
    if party is not None and party not in parties:
        raise r.fail((*ip, "party"), f"unknown party {party!r}; parties are {list(parties)}")
    known = list(areas)
    area = r.string(row, "area", ip, None)
    if area is not None and area not in known:
        raise r.fail((*ip, "area"), f"unknown area {area!r}; areas are {known}")
    return year, party, area
