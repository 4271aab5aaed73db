"""Format 1 (``format = "pathchoice-model/1"``): the whole document, section by section.

A format is a pair of functions: one turns the parsed TOML document into an
:class:`~pathchoice.study.analysis.Analysis`, the other an analysis into the
document. Each section is read and written by the module of its subject
(``_alternatives``, ``_evidence``, ``_judgements``, ``_cases``); this module
only says which sections a format-1 file has and in which order.
"""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis
from ..analysis._checks import derive_criteria
from ._alternatives import (
    read_criteria,
    read_metadata,
    read_performance,
    read_sets,
    write_criteria,
    write_metadata,
    write_performance,
    write_sets,
)
from ._base import Reader, wrapped
from ._cases import read_cases, write_cases
from ._evidence import read_challenges, read_matrix, write_challenges, write_matrix
from ._judgements import read_hierarchy, read_scenarios, write_hierarchy, write_scenarios

__all__ = ["FORMAT_1", "SECTIONS", "read_v1", "write_v1"]

#: The format string of format 1.
FORMAT_1 = "pathchoice-model/1"
#: The top-level keys of a format-1 file, in the order they are written.
SECTIONS: tuple[str, ...] = (
    "format",
    "metadata",
    "matrix",
    "challenges",
    "criteria",
    "sets",
    "performance",
    "hierarchy",
    "scenarios",
    "cases",
)
_REQUIRED_SECTIONS = ("metadata", "sets", "performance", "hierarchy")


def read_v1(r: Reader, doc: dict[str, Any]) -> Analysis:
    """The analysis of a parsed format-1 document (its ``format`` already checked)."""
    r.keys(doc, (), SECTIONS, _REQUIRED_SECTIONS)
    metadata = read_metadata(r, r.table(doc["metadata"], ("metadata",)))
    matrix = read_matrix(r, r.table(doc["matrix"], ("matrix",))) if "matrix" in doc else None
    challenges = read_challenges(r, doc)
    extra = read_criteria(r, doc)
    criteria = wrapped(r, lambda: derive_criteria(matrix, challenges, extra))
    sets = read_sets(r, r.table(doc["sets"], ("sets",)))
    performance = read_performance(
        r, r.table(doc["performance"], ("performance",)), sets, [c.name for c in criteria]
    )
    hierarchy = read_hierarchy(
        r, r.table(doc["hierarchy"], ("hierarchy",)), [c.name for c in criteria]
    )
    scenarios = read_scenarios(r, doc)
    cases = read_cases(r, doc)
    return wrapped(  # type: ignore[no-any-return]
        r,
        lambda: Analysis(
            metadata=metadata,
            alternative_sets=tuple(sets),
            performance=tuple(performance),
            hierarchy_tree=hierarchy,
            matrix=matrix,
            challenges=tuple(challenges),
            extra_criteria=tuple(extra),
            scenarios=tuple(scenarios),
            cases=tuple(cases),
        ),
    )


def write_v1(analysis: Analysis) -> dict[str, Any]:
    """The format-1 document of ``analysis`` (a dict for ``tomli_w``), sections in order."""
    doc: dict[str, Any] = {"format": FORMAT_1}
    for write in (
        write_metadata,
        write_matrix,
        write_challenges,
        write_criteria,
        write_sets,
        write_performance,
        write_hierarchy,
        write_scenarios,
        write_cases,
    ):
        write(analysis, doc)
    return doc
