"""A policy study from a spreadsheet: a performance sheet and a long-form judgements sheet.

:func:`analysis_from_workbook` reads an Excel workbook (or a CSV file holding only
the performance table) into an :class:`~pathchoice.study.analysis.Analysis`, which
``pathchoice import`` then saves as a model file.

The **performance** sheet (the sheet named ``performance``, else the first) is laid
out as :mod:`pathchoice.tables` describes: criteria across the first row,
alternatives down the first column, a ``direction`` row saying ``benefit`` or
``cost`` under every criterion, numbers in the other cells.

The **judgements** sheet (the sheet named ``judgements``; optional) has one row per
pairwise judgement, with a header row naming its columns:

==========  =========================================================================
``expert``  who made the judgement (optional; several experts make an expert panel)
``node``    the node of the hierarchy the pair sits under (optional; without it
            every judgement compares two criteria under one goal)
``a``       the first of the pair
``b``       the second
``value``   how many times as important ``a`` is as ``b``: a number or a fraction
            such as ``1/3``, on Saaty's 1–9 scale
``reason``  why (optional)
``source``  where the judgement comes from (optional)
==========  =========================================================================

The hierarchy is read from the judgements: the children of a node are the items
compared under it, and its root is the one node that is no other node's child.
With one expert the judgements are the hierarchy's; with several they form an
expert panel (each expert one member with their own judgements), the hierarchy
holds the panel's geometric means (aggregation of individual judgements) and the
study's weights come from the panel. Without a judgements sheet every criterion
gets the same weight.

Every problem raises :class:`~pathchoice.exceptions.ModelError` (or
:class:`~pathchoice.exceptions.UnknownNameError`) naming the file, sheet and cell.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..ahp import Node, Note
from ..exceptions import ModelError, PathchoiceError, UnknownNameError
from ..tables import Sheet, cell_name, model_from_sheet, read_sheet, sheet_names
from .analysis import Analysis, Judgement
from .panel import Panel, PanelMember
from .settings import StudySettings

__all__ = [
    "JUDGEMENT_COLUMNS",
    "WorkbookJudgement",
    "analysis_from_workbook",
    "read_judgements",
]

#: The columns a judgements sheet may have (``a``, ``b`` and ``value`` are required).
JUDGEMENT_COLUMNS: tuple[str, ...] = ("expert", "node", "a", "b", "value", "reason", "source")
_REQUIRED = ("a", "b", "value")
#: The node of every judgement when the sheet has no ``node`` column.
ROOT = "goal"
_ONE_EXPERT = "judgements"


@dataclass(frozen=True)
class WorkbookJudgement:
    """One row of a judgements sheet, with the cell it came from (for messages)."""

    expert: str
    node: str
    a: str
    b: str
    value: float
    reason: str
    source: str
    row: int


def _value(sheet: Sheet, i: int, j: int) -> float:
    """A judgement: a positive number, or a fraction ``p/q`` of positive numbers."""
    text = sheet.text(i, j)
    parts = text.split("/")
    if len(parts) == 2 and sheet.rows[i][j] is not None:
        try:
            value = float(parts[0]) / float(parts[1])
        except (ValueError, ZeroDivisionError):
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise ModelError(
                f"{sheet.where(i, j)}: expected a positive number or a fraction such as 1/3, "
                f"got {text!r}"
            )
        return value
    value = sheet.number(i, j, "judgement value")
    if value <= 0:
        raise ModelError(
            f"{sheet.where(i, j)}: a judgement must be positive (got {text}); write 1/3 for "
            "'a third as important'"
        )
    return value


def read_judgements(sheet: Sheet) -> list[WorkbookJudgement]:
    """The judgements of a long-form judgements sheet, checked cell by cell.

    Raises
    ------
    ModelError
        A missing or unknown column, an empty name, a pair of one item with
        itself, a value that is not a positive number or fraction, a pair
        judged twice by the same expert at the same node (naming both rows).
    """
    if not sheet.rows:
        raise ModelError(f"{sheet.where(0)}: the judgements sheet is empty")
    columns: dict[str, int] = {}
    for j in range(len(sheet.rows[0])):
        name = sheet.text(0, j).lower()
        if not name:
            continue
        if name not in JUDGEMENT_COLUMNS:
            raise ModelError(
                f"{sheet.where(0, j)}: unknown column {sheet.text(0, j)!r}; a judgements sheet "
                f"has the columns {', '.join(JUDGEMENT_COLUMNS)} (expert, node, reason and "
                "source optional)"
            )
        if name in columns:
            raise ModelError(
                f"{sheet.where(0, j)}: column {name!r} appears twice (also in "
                f"{cell_name(0, columns[name])})"
            )
        columns[name] = j
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        raise ModelError(
            f"{sheet.where(0)}: the judgements sheet has no column {', '.join(map(repr, missing))}"
            f"; its first row must name the columns {', '.join(JUDGEMENT_COLUMNS)}"
        )

    def text(i: int, column: str, default: str = "", *, required: bool = False) -> str:
        if column not in columns:
            return default
        got = sheet.text(i, columns[column])
        if required and not got:
            raise ModelError(f"{sheet.where(i, columns[column])}: the {column} is empty")
        return got

    out: list[WorkbookJudgement] = []
    seen: dict[tuple[str, str, frozenset[str]], int] = {}
    for i in range(1, len(sheet.rows)):
        if all(v is None for v in sheet.rows[i]):
            continue
        expert = text(i, "expert", _ONE_EXPERT, required=True)
        node = text(i, "node", ROOT, required=True)
        a, b = text(i, "a", required=True), text(i, "b", required=True)
        if a == b:
            raise ModelError(f"{sheet.where(i, columns['b'])}: {a!r} is compared with itself")
        key = (expert, node, frozenset((a, b)))
        if key in seen:
            raise ModelError(
                f"{sheet.where(i)}: {expert!r} judges {a!r} against {b!r} at node {node!r} "
                f"twice (also in row {seen[key] + 1})"
            )
        seen[key] = i
        value = _value(sheet, i, columns["value"])
        out.append(
            WorkbookJudgement(expert, node, a, b, value, text(i, "reason"), text(i, "source"), i)
        )
    if not out:
        raise ModelError(f"{sheet.where(1)}: the judgements sheet has no judgements")
    return out


def _tree(
    judgements: Sequence[WorkbookJudgement], criteria: Sequence[str], sheet: Sheet
) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The root of the hierarchy the judgements compare under, and each node's children."""
    children: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    for j in judgements:
        kids = children.setdefault(j.node, [])
        for label in (j.a, j.b):
            if label not in kids:
                kids.append(label)
            first.setdefault(label, j.row)
    nodes = set(children)
    for j in judgements:
        for label in (j.a, j.b):
            if label not in nodes and label not in criteria:
                raise UnknownNameError(
                    f"{sheet.where(j.row)}: {label!r} is neither a criterion of the performance "
                    f"sheet nor a node of the judgements (criteria: "
                    f"{', '.join(map(repr, criteria))})"
                )
    clash = sorted(nodes & set(criteria))
    if clash:
        raise ModelError(
            f"{sheet.source}: {clash[0]!r} is a criterion and also a node of the judgements; "
            "give the node another name"
        )
    child_of = {c for kids in children.values() for c in kids}
    roots = [n for n in children if n not in child_of]
    if len(roots) != 1:
        detail = (
            f"several: {', '.join(map(repr, roots))}"
            if roots
            else "every node is judged under another (a loop)"
        )
        raise ModelError(
            f"{sheet.source}: the judgements must form one hierarchy with one top node, "
            f"found {detail}"
        )
    leaves = {c for c in child_of if c not in nodes}
    unjudged = [c for c in criteria if c not in leaves]
    if unjudged:
        raise ModelError(
            f"{sheet.source}: criteria {unjudged} are compared in no judgement; every criterion "
            "of the performance sheet needs at least one"
        )
    order = {c: k for k, c in enumerate(criteria)}

    def key(label: str) -> tuple[int, int]:  # criteria in sheet order, then nodes as met
        return (order.get(label, len(order)), first[label])

    return roots[0], {name: tuple(sorted(kids, key=key)) for name, kids in children.items()}


def _judgement(j: WorkbookJudgement, sheet: Sheet) -> Judgement:
    """The record of a row; without a source of its own, its source is its row."""
    source = j.source or sheet.where(j.row).replace(f"{sheet.source}", Path(sheet.source).name, 1)
    return Judgement(j.node, j.a, j.b, j.value, reason=j.reason, source=source)


def _cell_sources(analysis: Analysis, sheet: Sheet) -> Analysis:
    """Every score with the cell it was read from as its source (``table.xlsx, ... C4``)."""
    name = Path(sheet.source).name
    rows = {sheet.text(i, 0): i for i in range(1, len(sheet.rows))}
    columns = {sheet.text(0, j): j for j in range(1, len(sheet.rows[0]))}
    scores = tuple(
        replace(
            s,
            source=sheet.where(rows[s.alternative], columns[s.criterion]).replace(
                sheet.source, name, 1
            ),
        )
        for s in analysis.performance
    )
    return replace(analysis, performance=scores)


def _sheet(path: Path, names: Sequence[str], wanted: str | None, default: str) -> str | None:
    """The sheet to read: the one asked for, else the one called ``default``."""
    if wanted is not None:
        if wanted not in names:
            raise UnknownNameError(
                f"{path}: has no sheet {wanted!r} (sheets: {', '.join(map(repr, names))})"
            )
        return wanted
    return next((n for n in names if n.strip().lower() == default), None)


def analysis_from_workbook(
    path: str | os.PathLike[str],
    *,
    performance_sheet: str | None = None,
    judgements_sheet: str | None = None,
    title: str | None = None,
) -> Analysis:
    """An analysis from a workbook's performance and judgements sheets.

    Parameters
    ----------
    path : str or path-like
        An Excel workbook (``.xlsx``), or a CSV file with the performance
        table only (every criterion then weighs the same).
    performance_sheet, judgements_sheet : str, optional
        The sheets to read (default: the sheets named ``performance`` and
        ``judgements``, in any case; the first sheet for the performance if
        none is so named; no judgements if no sheet is so named).
    title : str, optional
        The analysis's title (default: the file name without its suffix).

    Raises
    ------
    ModelError, UnknownNameError
        Naming the file, sheet and cell (see the module description).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "shops.csv"
    >>> _ = path.write_text("shop,price,quality\\ndirection,cost,benefit\\nA,250,7\\nB,200,5\\n")
    >>> analysis = analysis_from_workbook(path)
    >>> analysis.criterion_names, analysis.metadata.title
    (('price', 'quality'), 'shops')
    """
    path = Path(path)
    title = title if title is not None else path.stem
    if path.suffix.lower() == ".csv" or not _is_workbook(path):
        perf, judged = read_sheet(path), None
        if judgements_sheet is not None:
            raise ModelError(f"{path}: a CSV file has one table, no judgements sheet")
    else:
        names = sheet_names(path)
        perf_name = _sheet(path, names, performance_sheet, "performance") or names[0]
        judged_name = _sheet(path, names, judgements_sheet, "judgements")
        if judged_name == perf_name:
            raise ModelError(f"{path}: the performance and the judgements are the same sheet")
        perf = read_sheet(path, perf_name)
        judged = read_sheet(path, judged_name) if judged_name is not None else None
    model = model_from_sheet(perf, name=title)
    analysis = Analysis.from_frame(
        model.performance.rename_axis(index=None, columns=None),
        directions=dict(zip(model.criterion_names, model.directions, strict=True)),
        title=title,
        source=path.name,
    )
    analysis = _cell_sources(analysis, perf)
    if judged is None:
        return analysis
    judgements = read_judgements(judged)
    root, children = _tree(judgements, model.criterion_names, judged)
    try:
        return _with_judgements(analysis, root, children, judgements, judged)
    except PathchoiceError as exc:  # a node's judgements refused: say which sheet
        message = f"{judged.where(0).rsplit(',', 1)[0]}: {exc}"
        try:
            error = type(exc)(message)
        except TypeError:  # an error class that takes more than a message
            error = ModelError(message)
        raise error from None


def _build(
    root: str, children: dict[str, tuple[str, ...]], judgements: Sequence[Judgement]
) -> Node:
    """The :class:`~pathchoice.ahp.Node` tree with the judgements at their nodes."""

    def node(name: str) -> Node:
        here = [j for j in judgements if j.node == name]
        return Node(
            name,
            [node(c) if c in children else c for c in children[name]],
            judgements={(j.a, j.b): j.value for j in here},
            notes={(j.a, j.b): Note(j.reason, j.source) for j in here if j.reason or j.source},
        )

    return node(root)


def _geometric_means(judgements: Sequence[WorkbookJudgement], source: str) -> list[Judgement]:
    """Per node and pair, the geometric mean of the values of the experts who judged it."""
    logs: dict[tuple[str, frozenset[str]], tuple[str, str, list[float], list[str]]] = {}
    for j in judgements:
        key = (j.node, frozenset((j.a, j.b)))
        a, b, values, who = logs.setdefault(key, (j.a, j.b, [], []))
        values.append(math.log(j.value) if (j.a, j.b) == (a, b) else -math.log(j.value))
        who.append(j.expert)
    return [
        Judgement(
            node,
            a,
            b,
            math.exp(math.fsum(values) / len(values)),
            reason=f"Geometric mean of the judgements of {', '.join(who)}.",
            source=source,
        )
        for (node, _), (a, b, values, who) in logs.items()
    ]


def _with_judgements(
    analysis: Analysis,
    root: str,
    children: dict[str, tuple[str, ...]],
    judgements: Sequence[WorkbookJudgement],
    sheet: Sheet,
) -> Analysis:
    """``analysis`` with the hierarchy (and panel) of the judgements sheet."""
    experts = list(dict.fromkeys(j.expert for j in judgements))
    if len(experts) == 1:
        tree = _build(root, children, [_judgement(j, sheet) for j in judgements])
        return replace(analysis, hierarchy_tree=tree)
    panel = Panel(
        tuple(
            PanelMember(
                e,
                judgements=tuple(_judgement(j, sheet) for j in judgements if j.expert == e),
            )
            for e in experts
        )
    )
    # Every pair judged by some expert gets the geometric mean of those who judged it, so
    # that a member who left a pair out takes the others' mean there; the panel's own
    # aggregation (AIJ) over the members then gives the hierarchy's judgements.
    base = _build(root, children, _geometric_means(judgements, Path(sheet.source).name))
    return replace(
        analysis,
        hierarchy_tree=panel.group_tree(base),
        panel=panel,
        settings=StudySettings(weights="panel"),
    )


def _is_workbook(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"PK\x03\x04"
