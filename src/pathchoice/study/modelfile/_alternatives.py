"""Format 1, what is ranked: ``[metadata]``, ``[criteria]``, ``[sets]`` and ``[performance]``."""

from __future__ import annotations

from typing import Any

from ...model import Criterion
from ..analysis import Alternative, AlternativeSet, Analysis, Metadata, Score
from ._base import DIRECTIONS, REQUIRED, Path_, Reader, put, record_table, show

__all__ = [
    "read_criteria",
    "read_metadata",
    "read_performance",
    "read_sets",
    "write_criteria",
    "write_metadata",
    "write_performance",
    "write_sets",
]


def read_metadata(r: Reader, t: dict[str, Any]) -> Metadata:
    p: Path_ = ("metadata",)
    fields = ("title", "source", "notice", "description", "scale", "applied_scenarios")
    r.keys(t, p, fields, ("title",))
    return Metadata(
        title=r.string(t, "title", p, REQUIRED, empty=False),
        source=r.string(t, "source", p),
        notice=r.string(t, "notice", p),
        description=r.string(t, "description", p),
        scale=r.string(t, "scale", p),
        applied_scenarios=tuple(r.names(t, "applied_scenarios", p, required=False)),
    )


def read_criteria(r: Reader, doc: dict[str, Any]) -> list[Criterion]:
    if "criteria" not in doc:
        return []
    t = r.table(doc["criteria"], ("criteria",))
    out = []
    for name, raw in t.items():
        p: Path_ = ("criteria", name)
        row = r.table(raw, p)
        r.keys(row, p, ("direction", "group", "description"))
        out.append(
            Criterion(
                name,
                direction=r.choice(row, "direction", p, DIRECTIONS, "benefit"),
                group=r.string(row, "group", p, None),
                description=r.string(row, "description", p),
            )
        )
    return out


def read_sets(r: Reader, t: dict[str, Any]) -> list[AlternativeSet]:
    if not t:
        raise r.fail(("sets",), "expected at least one alternative set")
    out = []
    for set_name, raw in t.items():
        p: Path_ = ("sets", set_name)
        row = r.table(raw, p)
        r.keys(row, p, ("description", "source", "alternatives"), ("alternatives",))
        alts = []
        seen: dict[str, Path_] = {}
        for i, alt in enumerate(r.array_of_tables(row, "alternatives", p, required=True)):
            ap: Path_ = (*p, "alternatives", i)
            r.keys(alt, ap, ("name", "description", "source"), ("name",))
            name = r.string(alt, "name", ap, REQUIRED, empty=False)
            r.unique_name(seen, name, (*ap, "name"), "alternative")
            alts.append(
                Alternative(name, r.string(alt, "description", ap), r.string(alt, "source", ap))
            )
        if len(alts) < 2:
            raise r.fail((*p, "alternatives"), f"expected at least two, got {len(alts)}")
        out.append(
            AlternativeSet(
                set_name,
                tuple(alts),
                description=r.string(row, "description", p),
                source=r.string(row, "source", p),
            )
        )
    return out


def read_performance(
    r: Reader, t: dict[str, Any], sets: list[AlternativeSet], criteria: list[str]
) -> list[Score]:
    by_name = {s.name: s for s in sets}
    for set_name in t:
        if set_name not in by_name:
            raise r.fail(
                ("performance", set_name),
                f"unknown alternative set; alternative sets are {list(by_name)}",
            )
    out = []
    for s in sets:
        if s.name not in t:
            raise r.fail(("performance",), f"missing performance of set {s.name!r}")
        rows = r.table(t[s.name], ("performance", s.name))
        for alt in rows:
            if alt not in s.names:
                raise r.fail(
                    ("performance", s.name, alt),
                    f"unknown alternative; alternatives of set {s.name!r} are {list(s.names)}",
                )
        for alt in s.names:
            if alt not in rows:
                raise r.fail(("performance", s.name), f"missing performance of alternative {alt!r}")
            ap: Path_ = ("performance", s.name, alt)
            row = r.table(rows[alt], ap)
            for crit in row:
                if crit not in criteria:
                    raise r.fail((*ap, crit), f"unknown criterion; criteria are {list(criteria)}")
            missing = [c for c in criteria if c not in row]
            if missing:
                raise r.fail(ap, f"missing score for criteria {missing}")
            for crit in criteria:
                cp: Path_ = (*ap, crit)
                cell = row[crit]
                if isinstance(cell, dict):
                    score = r.record(Score, cell, cp, set=s.name, alternative=alt, criterion=crit)
                else:
                    if isinstance(cell, bool) or not isinstance(cell, (int, float)):
                        raise r.fail(
                            cp,
                            f"expected a number, got {show(cell)} (a score is a number or "
                            "a table with score, reason and source)",
                        )
                    score = Score(s.name, alt, crit, r.number(cell, cp))
                out.append(score)
    return out


def write_metadata(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[metadata]`` to ``doc``."""
    m = analysis.metadata
    meta: dict[str, Any] = {"title": m.title}
    for key in ("source", "notice", "description", "scale"):
        put(meta, key, getattr(m, key))
    if m.applied_scenarios:
        meta["applied_scenarios"] = list(m.applied_scenarios)
    doc["metadata"] = meta


def write_criteria(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[criteria]`` (the extra criteria, if any) to ``doc``."""
    if analysis.extra_criteria:
        criteria: dict[str, Any] = {}
        for c in analysis.extra_criteria:
            row = {"direction": c.direction}
            if c.group is not None:
                row["group"] = c.group
            put(row, "description", c.description)
            criteria[c.name] = row
        doc["criteria"] = criteria


def write_sets(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[sets]`` to ``doc``."""
    sets: dict[str, Any] = {}
    for s in analysis.alternative_sets:
        row = {}
        put(row, "description", s.description)
        put(row, "source", s.source)
        alts = []
        for alt in s.alternatives:
            entry = {"name": alt.name}
            put(entry, "description", alt.description)
            put(entry, "source", alt.source)
            alts.append(entry)
        row["alternatives"] = alts
        sets[s.name] = row
    doc["sets"] = sets


def write_performance(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[performance]`` to ``doc``."""
    performance: dict[str, Any] = {}
    for score in analysis.performance:
        cells = performance.setdefault(score.alternative_set, {}).setdefault(score.alternative, {})
        cells[score.criterion] = record_table(score, "set", "alternative", "criterion", bare=True)
    doc["performance"] = performance
