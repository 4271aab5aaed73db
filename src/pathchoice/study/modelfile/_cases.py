"""Format 1, the precedents: ``[[cases]]``, their actors and what they are evidence for."""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis, Case, CaseLink
from ._base import REQUIRED, Path_, Reader, put, show

__all__ = [
    "read_cases",
    "write_cases",
]


def read_cases(r: Reader, doc: dict[str, Any]) -> list[Case]:
    out = []
    for i, row in enumerate(r.array_of_tables(doc, "cases", ())):
        p: Path_ = ("cases", i)
        r.keys(row, p, ("name", "actors", "fields", "contents", "source", "evidence"), ("name",))
        actors = r.table(row.get("actors", {}), (*p, "actors"))
        pairs = []
        for party, actor in actors.items():
            if not isinstance(actor, str):
                raise r.fail((*p, "actors", party), f"expected a string, got {show(actor)}")
            pairs.append((party, actor))
        links = []
        for k, link in enumerate(r.array_of_tables(row, "evidence", p)):
            lp: Path_ = (*p, "evidence", k)
            r.keys(link, lp, ("set", "alternative", "note"), ("set", "alternative"))
            links.append(
                CaseLink(
                    r.string(link, "set", lp, REQUIRED, empty=False),
                    r.string(link, "alternative", lp, REQUIRED, empty=False),
                    r.string(link, "note", lp),
                )
            )
        out.append(
            Case(
                r.string(row, "name", p, REQUIRED, empty=False),
                actors=tuple(pairs),
                fields=r.string(row, "fields", p),
                contents=r.string(row, "contents", p),
                source=r.string(row, "source", p),
                links=tuple(links),
            )
        )
    return out


def write_cases(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[[cases]]`` (when there are any) to ``doc``."""
    if analysis.cases:
        cases = []
        for case in analysis.cases:
            row = {"name": case.name}
            if case.actors:
                row["actors"] = dict(case.actors)
            for key in ("fields", "contents", "source"):
                put(row, key, getattr(case, key))
            if case.links:
                links = []
                for link in case.links:
                    entry = {"set": link.alternative_set, "alternative": link.alternative}
                    put(entry, "note", link.note)
                    links.append(entry)
                row["evidence"] = links
            cases.append(row)
        doc["cases"] = cases
