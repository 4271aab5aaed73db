"""Format 2 (``format = "pathchoice-model/2"``): format 1 plus uncertainty and voices.

What format 2 adds to format 1 (``docs/model-file.md``):

* ``[matrix]`` may hold ``[[matrix.items]]`` (advantages and disadvantages, each
  with its topic) instead of stances, and indicators as worded (qualifier,
  bounds, wording, the criteria they support);
* a score table may carry ``low``, ``high`` and ``basis`` (the range of the
  score and how well the evidence pins it down), in ``[performance]`` and in a
  scenario's ``scores``;
* ``[analysis]`` (how the study runs by default), ``[bases]`` (each basis's
  half-width and reason) and ``[panel]`` (the expert panel).

Format-1 files still load (their reader is unchanged); :func:`write_v2` is used
for an analysis only when it has something format 1 cannot hold.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..analysis import Analysis, Scenario, Score
from ..analysis._checks import derive_criteria
from ..settings import score_range
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
from ._base import Path_, Reader, number_text, wrapped
from ._cases import read_cases, write_cases
from ._evidence import read_challenges, write_challenges
from ._itemised import needs_v2_matrix, read_matrix_v2, write_matrix_v2
from ._judgements import read_hierarchy, read_scenarios, write_hierarchy, write_scenarios
from ._study import read_panel, read_settings, write_panel, write_settings

__all__ = ["FORMAT_2", "SECTIONS_2", "needs_v2", "read_v2", "write_v2"]

#: The format string of format 2.
FORMAT_2 = "pathchoice-model/2"
#: The top-level keys of a format-2 file, in the order they are written.
SECTIONS_2: tuple[str, ...] = (
    "format",
    "metadata",
    "analysis",
    "bases",
    "matrix",
    "challenges",
    "criteria",
    "sets",
    "performance",
    "hierarchy",
    "panel",
    "scenarios",
    "cases",
)
_REQUIRED = ("metadata", "sets", "performance", "hierarchy")
_RANGE_KEYS = ("low", "high", "basis")

Ranges = dict[tuple[str, str, str], dict[str, Any]]


def _split_range(r: Reader, cell: Any, path: Path_) -> tuple[Any, dict[str, Any]]:
    """A score cell without its range keys, and the checked range keys."""
    if not isinstance(cell, dict):
        return cell, {}
    rest = {k: v for k, v in cell.items() if k not in _RANGE_KEYS}
    got: dict[str, Any] = {}
    for key in ("low", "high"):
        if key in cell:
            got[key] = r.number(cell[key], (*path, key))
    if "basis" in cell:
        got["basis"] = r.string(cell, "basis", path, empty=False)
    return rest, got


def _strip_performance(r: Reader, t: dict[str, Any]) -> tuple[dict[str, Any], Ranges]:
    stripped: dict[str, Any] = {}
    ranges: Ranges = {}
    for set_name, rows in t.items():
        if not isinstance(rows, dict):
            stripped[set_name] = rows
            continue
        out_rows: dict[str, Any] = {}
        for alt, row in rows.items():
            if not isinstance(row, dict):
                out_rows[alt] = row
                continue
            cells = {}
            for crit, cell in row.items():
                cells[crit], got = _split_range(r, cell, ("performance", set_name, alt, crit))
                if got:
                    ranges[(set_name, alt, crit)] = got
            out_rows[alt] = cells
        stripped[set_name] = out_rows
    return stripped, ranges


def _strip_scenarios(r: Reader, doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list]]:
    if "scenarios" not in doc or not isinstance(doc["scenarios"], dict):
        return doc, {}
    scenarios: dict[str, Any] = {}
    ranges: dict[str, list] = {}
    for name, row in doc["scenarios"].items():
        if not isinstance(row, dict) or not isinstance(row.get("scores"), list):
            scenarios[name] = row
            continue
        cells, got = [], []
        for i, cell in enumerate(row["scores"]):
            rest, extra = _split_range(r, cell, ("scenarios", name, "scores", i))
            cells.append(rest)
            got.append(extra)
        scenarios[name] = {**row, "scores": cells}
        ranges[name] = got
    return {**doc, "scenarios": scenarios}, ranges


def read_v2(r: Reader, doc: dict[str, Any]) -> Analysis:
    """The analysis of a parsed format-2 document (its ``format`` already checked)."""
    r.keys(doc, (), SECTIONS_2, _REQUIRED)
    metadata = read_metadata(r, r.table(doc["metadata"], ("metadata",)))
    settings = read_settings(r, doc)
    matrix = read_matrix_v2(r, r.table(doc["matrix"], ("matrix",))) if "matrix" in doc else None
    challenges = read_challenges(r, doc)
    extra = read_criteria(r, doc)
    criteria = wrapped(r, lambda: derive_criteria(matrix, challenges, extra))
    sets = read_sets(r, r.table(doc["sets"], ("sets",)))
    table, ranges = _strip_performance(r, r.table(doc["performance"], ("performance",)))
    performance = [
        wrapped(r, lambda s=s: replace(s, **ranges.get(s.key, {})))
        for s in read_performance(r, table, sets, [c.name for c in criteria])
    ]
    hierarchy = read_hierarchy(
        r, r.table(doc["hierarchy"], ("hierarchy",)), [c.name for c in criteria]
    )
    panel = read_panel(r, doc)
    stripped, scenario_ranges = _strip_scenarios(r, doc)
    scenarios: list[Scenario] = []
    for sc in read_scenarios(r, stripped):
        got = scenario_ranges.get(sc.name, [])
        scores = (
            tuple(
                wrapped(r, lambda s=s, g=g: replace(s, **g))
                for s, g in zip(sc.scores, got, strict=True)
            )
            if got
            else sc.scores
        )
        scenarios.append(replace(sc, scores=scores))
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
            panel=panel,
            settings=settings,
        ),
    )


def _range_keys(score: Score, analysis: Analysis) -> dict[str, Any]:
    """The range keys a score's table needs: its basis, and bounds its basis does not imply."""
    out: dict[str, Any] = {}
    if score.basis:
        out["basis"] = score.basis
    implied = score_range(replace(score, low=None, high=None), analysis.settings)
    for key, value, default in (("low", score.low, implied[0]), ("high", score.high, implied[1])):
        if value is not None and value != default:
            out[key] = number_text(value)
    return out


def _add_ranges(analysis: Analysis, doc: dict[str, Any]) -> None:
    for score in analysis.performance:
        keys = _range_keys(score, analysis)
        if keys:
            cells = doc["performance"][score.alternative_set][score.alternative]
            cell = cells[score.criterion]
            if not isinstance(cell, dict):
                cell = {"score": cell}
            cells[score.criterion] = {**cell, **keys}
    for sc in analysis.scenarios:
        if sc.scores:
            table = doc["scenarios"][sc.name]["scores"]
            for i, score in enumerate(sc.scores):
                table[i] = {**table[i], **_range_keys(score, analysis)}


def needs_v2(analysis: Analysis) -> bool:
    """Whether ``analysis`` holds anything format 1 cannot (then it is written as format 2)."""
    scores = [*analysis.performance, *(s for sc in analysis.scenarios for s in sc.scores)]
    return (
        analysis.panel is not None
        or analysis.settings is not None
        or needs_v2_matrix(analysis.matrix)
        or any(s.low is not None or s.high is not None or s.basis for s in scores)
    )


def write_v2(analysis: Analysis) -> dict[str, Any]:
    """The format-2 document of ``analysis`` (a dict for ``tomli_w``), sections in order."""
    doc: dict[str, Any] = {"format": FORMAT_2}
    for write in (
        write_metadata,
        write_settings,
        write_matrix_v2,
        write_challenges,
        write_criteria,
        write_sets,
        write_performance,
        write_hierarchy,
        write_panel,
        write_scenarios,
        write_cases,
    ):
        write(analysis, doc)
    _add_ranges(analysis, doc)
    return {key: doc[key] for key in SECTIONS_2 if key in doc}
