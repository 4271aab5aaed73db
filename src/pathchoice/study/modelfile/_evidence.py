"""Format 1, the evidence: ``[matrix]`` (areas, stances, indicators) and ``[[challenges]]``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..analysis import Analysis
from ..matrix import (
    CHALLENGE_CRITERIA,
    CRITERIA_BY,
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
    "indicator_place",
    "read_challenges",
    "read_matrix",
    "write_challenges",
    "write_matrix",
]


def read_matrix(r: Reader, t: dict[str, Any]) -> AdvantageMatrix:
    p: Path_ = ("matrix",)
    r.keys(t, p, ("parties", "criteria_by", "areas", "indicators"), ("parties", "areas"))
    parties = r.names(t, "parties", p)
    if len(parties) < 2:
        raise r.fail((*p, "parties"), f"expected at least two parties, got {len(parties)}")
    criteria_by = r.choice(t, "criteria_by", p, CRITERIA_BY, "relation")
    areas: list[Area] = []
    cells: list[StanceCell] = []
    seen: dict[str, Path_] = {}
    rows = r.array_of_tables(t, "areas", p, required=True)
    if not rows:
        raise r.fail((*p, "areas"), "expected at least one area")
    for i, row in enumerate(rows):
        ap: Path_ = (*p, "areas", i)
        r.keys(row, ap, ("name", "description", "source", "stances"), ("name", "stances"))
        name = r.string(row, "name", ap, REQUIRED, empty=False)
        r.unique_name(seen, name, (*ap, "name"), "area")
        areas.append(Area(name, r.string(row, "description", ap), r.string(row, "source", ap)))
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
                    name,
                    party,
                    stance,
                    text=r.string(cell, "text", sp),
                    source=r.string(cell, "source", sp),
                )
            )
    indicators = []
    for i, row in enumerate(r.array_of_tables(t, "indicators", p)):
        ip: Path_ = (*p, "indicators", i)
        r.keys(
            row,
            ip,
            ("name", "value", "unit", "year", "party", "area", "source", "note"),
            ("name", "value"),
        )
        year, party, area = indicator_place(r, row, ip, parties, seen)
        indicators.append(
            Indicator(
                r.string(row, "name", ip, REQUIRED, empty=False),
                r.number(row["value"], (*ip, "value")),
                unit=r.string(row, "unit", ip),
                year=year,
                party=party,
                area=area,
                source=r.string(row, "source", ip),
                note=r.string(row, "note", ip),
            )
        )
    return AdvantageMatrix(parties, areas, cells, tuple(indicators), criteria_by=criteria_by)


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


def write_matrix(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[matrix]`` (when the analysis has one) to ``doc``."""
    if analysis.matrix is not None:
        mx = analysis.matrix
        matrix: dict[str, Any] = {"parties": list(mx.parties)}
        if mx.criteria_by != "relation":
            matrix["criteria_by"] = mx.criteria_by
        areas = []
        for area in mx.areas:
            row: dict[str, Any] = {"name": area.name}
            put(row, "description", area.description)
            put(row, "source", area.source)
            stances = {}
            for party in mx.parties:
                cell = mx.cell(area.name, party)
                entry: dict[str, Any] = {"stance": cell.stance}
                put(entry, "text", cell.text)
                put(entry, "source", cell.source)
                stances[party] = entry
            row["stances"] = stances
            areas.append(row)
        matrix["areas"] = areas
        if mx.indicators:
            indicators = []
            for ind in mx.indicators:
                row = {"name": ind.name, "value": number_text(ind.value)}
                put(row, "unit", ind.unit)
                if ind.year is not None:
                    row["year"] = ind.year
                if ind.party is not None:
                    row["party"] = ind.party
                if ind.area is not None:
                    row["area"] = ind.area
                put(row, "source", ind.source)
                put(row, "note", ind.note)
                indicators.append(row)
            matrix["indicators"] = indicators
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
