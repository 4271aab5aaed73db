"""Model files: one human-editable TOML file holds a whole analysis.

The schema (``format = "pathchoice-model/1"``) is documented in
``docs/model-file.md``. Files are read with the standard library's
:mod:`tomllib` (``tomli`` on Python 3.10) and written with ``tomli-w``; every
item is one record (one table per area, alternative, criterion cell, case...),
never parallel lists, and nothing in a saved file depends on the time of saving.

* :func:`load_model` / :func:`loads_model` read and check a file; any problem
  raises :class:`~pathchoice.exceptions.ModelFileError` whose message names the
  file, the location and the problem, e.g.
  ``model.toml: performance.paths."Data pilot zones".infrastructure: expected a
  number, got 'high'``. TOML syntax errors are re-raised the same way, with the
  line and column.
* :func:`save_model` / :func:`dumps_model` write an analysis; ``load_model(save_model(a))
  == a``. Saving is atomic: the text goes to a temporary file in the target's
  directory, which then replaces the target (:func:`os.replace`); if anything
  fails the old file is left as it was.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import tomli_w

from ..exceptions import ModelFileError, PathchoiceError
from ..model import Criterion
from .analysis import (
    Alternative,
    AlternativeSet,
    Analysis,
    Case,
    CaseLink,
    DirectWeight,
    HierarchyNode,
    HierarchySpec,
    Judgement,
    Metadata,
    Scenario,
    Score,
    derive_criteria,
    key_path,
)
from .files import write_atomic
from .matrix import (
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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "FORMAT",
    "SUPPORTED_FORMATS",
    "dumps_model",
    "load_model",
    "loads_model",
    "save_model",
]

#: The format this version writes.
FORMAT = "pathchoice-model/1"
#: The formats this version reads.
SUPPORTED_FORMATS: tuple[str, ...] = (FORMAT,)

_HEADER = "# pathchoice model file; the schema is described in docs/model-file.md\n"
_REQUIRED = object()
_DIRECTIONS = ("benefit", "cost")

Path_ = tuple[str | int, ...]
_R = TypeVar("_R", Judgement, DirectWeight, Score)


class _Schema(NamedTuple):
    """How a judgement, direct weight or score record is written in a model file.

    A record's table has its naming keys (less those its place in the file
    gives, e.g. the node of a judgement under ``hierarchy.nodes.<node>``), its
    number, and optionally ``reason`` and ``source``. Reader and writer both
    follow this table.
    """

    names: tuple[str, ...]  # the keys saying what the record is about, in field order
    value: str  # the key of its number
    fraction: bool  # whether the number may be written as a fraction like '1/3'


_SCHEMAS: dict[type, _Schema] = {
    Judgement: _Schema(("node", "a", "b"), "value", fraction=True),
    DirectWeight: _Schema(("node", "child"), "value", fraction=False),
    Score: _Schema(("set", "alternative", "criterion"), "score", fraction=False),
}
#: The records a scenario overlays, under their key.
_OVERLAYS: tuple[tuple[str, type], ...] = (
    ("judgements", Judgement),
    ("weights", DirectWeight),
    ("scores", Score),
)


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


class _Reader:
    """Checks the parsed TOML document item by item, naming locations in errors."""

    def __init__(self, source: str) -> None:
        self.source = source

    # -- primitives ----------------------------------------------------------------
    def fail(self, path: Path_, problem: str) -> ModelFileError:
        where = key_path(*path) if path else "(top level)"
        return ModelFileError(f"{self.source}: {where}: {problem}")

    def table(self, value: object, path: Path_) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a table, got {_show(value)}")
        return value

    def keys(
        self, table: Mapping[str, Any], path: Path_, allowed: Sequence[str], required=()
    ) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail((*path, key), f"unknown key; expected one of {list(allowed)}")
        for key in required:
            if key not in table:
                raise self.fail(path, f"missing required key {key!r}")

    def string(
        self, table: Mapping[str, Any], key: str, path: Path_, default: Any = "", *, empty=True
    ) -> Any:
        if key not in table:
            if default is _REQUIRED:
                raise self.fail(path, f"missing required key {key!r}")
            return default
        value = table[key]
        if not isinstance(value, str):
            raise self.fail((*path, key), f"expected a string, got {_show(value)}")
        if not empty and not value.strip():
            raise self.fail((*path, key), "expected a non-empty string")
        return value

    def number(self, value: object, path: Path_) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(path, f"expected a number, got {_show(value)}")
        out = float(value)
        if not math.isfinite(out):
            raise self.fail(path, f"expected a finite number, got {_show(value)}")
        return out

    def judgement_value(self, value: object, path: Path_) -> float:
        if isinstance(value, str):
            parts = value.split("/")
            try:
                if len(parts) == 2:
                    num, den = float(parts[0]), float(parts[1])
                    if den == 0:
                        raise ZeroDivisionError
                    out = num / den
                elif len(parts) == 1:
                    out = float(value)
                else:
                    raise ValueError(value)
            except (ValueError, ZeroDivisionError):
                raise self.fail(
                    path, f"expected a number or a fraction like '1/3', got {_show(value)}"
                ) from None
            if not math.isfinite(out):
                raise self.fail(path, f"expected a finite number, got {_show(value)}")
            return out
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(path, f"expected a number or a fraction like '1/3', got {_show(value)}")
        return self.number(value, path)

    def array(
        self, table: Mapping[str, Any], key: str, path: Path_, *, required: bool, of: str
    ) -> list[Any]:
        if key not in table:
            if required:
                raise self.fail(path, f"missing required key {key!r}")
            return []
        value = table[key]
        if not isinstance(value, list):
            raise self.fail((*path, key), f"expected an array of {of}, got {_show(value)}")
        return value

    def names(
        self, table: Mapping[str, Any], key: str, path: Path_, *, required: bool = True
    ) -> list[str]:
        value = self.array(table, key, path, required=required, of="strings")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail((*path, key, i), f"expected a non-empty string, got {_show(item)}")
        seen: dict[str, int] = {}
        for i, item in enumerate(value):
            if item in seen:
                raise self.fail((*path, key, i), f"{item!r} is repeated (also at [{seen[item]}])")
            seen[item] = i
        return value

    def array_of_tables(
        self, table: Mapping[str, Any], key: str, path: Path_, *, required: bool = False
    ) -> list[dict[str, Any]]:
        value = self.array(table, key, path, required=required, of="tables")
        for i, item in enumerate(value):
            self.table(item, (*path, key, i))
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        key: str,
        path: Path_,
        choices: Sequence[str],
        default: Any = _REQUIRED,
    ) -> Any:
        value = self.string(table, key, path, default)
        if key in table and value not in choices:
            raise self.fail((*path, key), f"expected one of {list(choices)}, got {value!r}")
        return value

    def unique_name(self, names: dict[str, Path_], name: str, path: Path_, what: str) -> None:
        if name in names:
            raise self.fail(path, f"duplicate {what} {name!r} (also at {key_path(*names[name])})")
        names[name] = path

    def record(self, kind: type[_R], t: Mapping[str, Any], path: Path_, **known: str) -> _R:
        """A record of ``kind`` from its table; ``known``: the naming keys its location gives."""
        schema = _SCHEMAS[kind]
        own = tuple(key for key in schema.names if key not in known)
        self.keys(t, path, (*own, schema.value, "reason", "source"), (*own, schema.value))
        names = [
            known[key] if key in known else self.string(t, key, path, _REQUIRED, empty=False)
            for key in schema.names
        ]
        read = self.judgement_value if schema.fraction else self.number
        return kind(
            *names,
            read(t[schema.value], (*path, schema.value)),
            self.string(t, "reason", path),
            self.string(t, "source", path),
        )

    # -- sections ------------------------------------------------------------------
    def document(self, doc: dict[str, Any]) -> Analysis:
        if not doc:
            raise ModelFileError(
                f"{self.source}: the file is empty; expected a pathchoice model starting with "
                f'format = "{FORMAT}"'
            )
        if "format" not in doc:
            raise self.fail(("format",), f'missing; expected format = "{FORMAT}" at the top')
        fmt = doc["format"]
        if not isinstance(fmt, str):
            raise self.fail(("format",), f"expected a string, got {_show(fmt)}")
        if fmt not in SUPPORTED_FORMATS:
            raise self.fail(
                ("format",),
                f"unsupported format {fmt!r}; this version of pathchoice reads "
                f"{list(SUPPORTED_FORMATS)}",
            )
        self.keys(
            doc,
            (),
            (
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
            ),
            ("metadata", "sets", "performance", "hierarchy"),
        )
        metadata = self.metadata(self.table(doc["metadata"], ("metadata",)))
        matrix = self.matrix(self.table(doc["matrix"], ("matrix",))) if "matrix" in doc else None
        challenges = self.challenges(doc)
        extra = self.criteria(doc)
        try:
            criteria = derive_criteria(matrix, challenges, extra)
        except ModelFileError:
            raise
        except PathchoiceError as exc:
            raise ModelFileError(f"{self.source}: {exc}") from None
        sets = self.sets(self.table(doc["sets"], ("sets",)))
        performance = self.performance(
            self.table(doc["performance"], ("performance",)), sets, [c.name for c in criteria]
        )
        hierarchy = self.hierarchy(self.table(doc["hierarchy"], ("hierarchy",)))
        scenarios = self.scenarios(doc)
        cases = self.cases(doc)
        try:
            return Analysis(
                metadata=metadata,
                alternative_sets=tuple(sets),
                performance=tuple(performance),
                hierarchy_spec=hierarchy,
                matrix=matrix,
                challenges=tuple(challenges),
                extra_criteria=tuple(extra),
                scenarios=tuple(scenarios),
                cases=tuple(cases),
            )
        except ModelFileError:
            raise
        except PathchoiceError as exc:
            raise ModelFileError(f"{self.source}: {exc}") from None

    def metadata(self, t: dict[str, Any]) -> Metadata:
        p: Path_ = ("metadata",)
        fields = ("title", "source", "notice", "description", "scale", "applied_scenarios")
        self.keys(t, p, fields, ("title",))
        return Metadata(
            title=self.string(t, "title", p, _REQUIRED, empty=False),
            source=self.string(t, "source", p),
            notice=self.string(t, "notice", p),
            description=self.string(t, "description", p),
            scale=self.string(t, "scale", p),
            applied_scenarios=tuple(self.names(t, "applied_scenarios", p, required=False)),
        )

    def matrix(self, t: dict[str, Any]) -> AdvantageMatrix:
        p: Path_ = ("matrix",)
        self.keys(t, p, ("parties", "criteria_by", "areas", "indicators"), ("parties", "areas"))
        parties = self.names(t, "parties", p)
        if len(parties) < 2:
            raise self.fail((*p, "parties"), f"expected at least two parties, got {len(parties)}")
        criteria_by = self.choice(t, "criteria_by", p, CRITERIA_BY, "relation")
        areas: list[Area] = []
        cells: list[StanceCell] = []
        seen: dict[str, Path_] = {}
        rows = self.array_of_tables(t, "areas", p, required=True)
        if not rows:
            raise self.fail((*p, "areas"), "expected at least one area")
        for i, row in enumerate(rows):
            ap: Path_ = (*p, "areas", i)
            self.keys(row, ap, ("name", "description", "source", "stances"), ("name", "stances"))
            name = self.string(row, "name", ap, _REQUIRED, empty=False)
            self.unique_name(seen, name, (*ap, "name"), "area")
            areas.append(
                Area(name, self.string(row, "description", ap), self.string(row, "source", ap))
            )
            stances = self.table(row["stances"], (*ap, "stances"))
            for party in stances:
                if party not in parties:
                    raise self.fail(
                        (*ap, "stances", party), f"unknown party; parties are {parties}"
                    )
            for party in parties:
                sp: Path_ = (*ap, "stances", party)
                if party not in stances:
                    raise self.fail((*ap, "stances"), f"missing stance for party {party!r}")
                cell = stances[party]
                if isinstance(cell, str):
                    cell = {"stance": cell}
                cell = self.table(cell, sp)
                self.keys(cell, sp, ("stance", "text", "source"), ("stance",))
                stance = self.choice(cell, "stance", sp, STANCES)
                cells.append(
                    StanceCell(
                        name,
                        party,
                        stance,
                        text=self.string(cell, "text", sp),
                        source=self.string(cell, "source", sp),
                    )
                )
        indicators = []
        for i, row in enumerate(self.array_of_tables(t, "indicators", p)):
            ip: Path_ = (*p, "indicators", i)
            self.keys(
                row,
                ip,
                ("name", "value", "unit", "year", "party", "area", "source", "note"),
                ("name", "value"),
            )
            year = row.get("year")
            if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
                raise self.fail((*ip, "year"), f"expected an integer, got {_show(year)}")
            party = self.string(row, "party", ip, None)
            if party is not None and party not in parties:
                raise self.fail((*ip, "party"), f"unknown party {party!r}; parties are {parties}")
            area = self.string(row, "area", ip, None)
            if area is not None and area not in seen:
                raise self.fail((*ip, "area"), f"unknown area {area!r}; areas are {list(seen)}")
            indicators.append(
                Indicator(
                    self.string(row, "name", ip, _REQUIRED, empty=False),
                    self.number(row["value"], (*ip, "value")),
                    unit=self.string(row, "unit", ip),
                    year=year,
                    party=party,
                    area=area,
                    source=self.string(row, "source", ip),
                    note=self.string(row, "note", ip),
                )
            )
        return AdvantageMatrix(parties, areas, cells, tuple(indicators), criteria_by=criteria_by)

    def challenges(self, doc: dict[str, Any]) -> list[Challenge]:
        out = []
        keys: dict[str, Path_] = {}
        names: dict[str, Path_] = {}
        for i, row in enumerate(self.array_of_tables(doc, "challenges", ())):
            p: Path_ = ("challenges", i)
            self.keys(
                row,
                p,
                ("key", "name", "criteria", "title", "description", "source", "items"),
                ("key", "name"),
            )
            key = self.string(row, "key", p, _REQUIRED, empty=False)
            name = self.string(row, "name", p, _REQUIRED, empty=False)
            self.unique_name(keys, key, (*p, "key"), "challenge key")
            self.unique_name(names, name, (*p, "name"), "challenge name")
            kinds = row.get("criteria", ["exposure"])
            if isinstance(kinds, str):
                kinds = [kinds]
            kinds = self.names({"criteria": kinds}, "criteria", p)
            if not kinds:
                raise self.fail((*p, "criteria"), f"expected some of {list(CHALLENGE_CRITERIA)}")
            for k, kind in enumerate(kinds):
                if kind not in CHALLENGE_CRITERIA:
                    raise self.fail(
                        (*p, "criteria", k),
                        f"expected one of {list(CHALLENGE_CRITERIA)}, got {kind!r}",
                    )
            items = []
            for k, item in enumerate(self.array_of_tables(row, "items", p)):
                ip: Path_ = (*p, "items", k)
                self.keys(item, ip, ("name", "text", "source"), ("name",))
                items.append(
                    ChallengeItem(
                        self.string(item, "name", ip, _REQUIRED, empty=False),
                        self.string(item, "text", ip),
                        self.string(item, "source", ip),
                    )
                )
            out.append(
                Challenge(
                    key,
                    name,
                    criteria=tuple(kinds),
                    title=self.string(row, "title", p),
                    description=self.string(row, "description", p),
                    source=self.string(row, "source", p),
                    items=tuple(items),
                )
            )
        return out

    def criteria(self, doc: dict[str, Any]) -> list[Criterion]:
        if "criteria" not in doc:
            return []
        t = self.table(doc["criteria"], ("criteria",))
        out = []
        for name, raw in t.items():
            p: Path_ = ("criteria", name)
            row = self.table(raw, p)
            self.keys(row, p, ("direction", "group", "description"))
            out.append(
                Criterion(
                    name,
                    direction=self.choice(row, "direction", p, _DIRECTIONS, "benefit"),
                    group=self.string(row, "group", p, None),
                    description=self.string(row, "description", p),
                )
            )
        return out

    def sets(self, t: dict[str, Any]) -> list[AlternativeSet]:
        if not t:
            raise self.fail(("sets",), "expected at least one alternative set")
        out = []
        for set_name, raw in t.items():
            p: Path_ = ("sets", set_name)
            row = self.table(raw, p)
            self.keys(row, p, ("description", "source", "alternatives"), ("alternatives",))
            alts = []
            seen: dict[str, Path_] = {}
            for i, alt in enumerate(self.array_of_tables(row, "alternatives", p, required=True)):
                ap: Path_ = (*p, "alternatives", i)
                self.keys(alt, ap, ("name", "description", "source"), ("name",))
                name = self.string(alt, "name", ap, _REQUIRED, empty=False)
                self.unique_name(seen, name, (*ap, "name"), "alternative")
                alts.append(
                    Alternative(
                        name, self.string(alt, "description", ap), self.string(alt, "source", ap)
                    )
                )
            if len(alts) < 2:
                raise self.fail((*p, "alternatives"), f"expected at least two, got {len(alts)}")
            out.append(
                AlternativeSet(
                    set_name,
                    tuple(alts),
                    description=self.string(row, "description", p),
                    source=self.string(row, "source", p),
                )
            )
        return out

    def performance(
        self, t: dict[str, Any], sets: list[AlternativeSet], criteria: list[str]
    ) -> list[Score]:
        by_name = {s.name: s for s in sets}
        for set_name in t:
            if set_name not in by_name:
                raise self.fail(
                    ("performance", set_name),
                    f"unknown alternative set; alternative sets are {list(by_name)}",
                )
        out = []
        for s in sets:
            if s.name not in t:
                raise self.fail(("performance",), f"missing performance of set {s.name!r}")
            rows = self.table(t[s.name], ("performance", s.name))
            for alt in rows:
                if alt not in s.names:
                    raise self.fail(
                        ("performance", s.name, alt),
                        f"unknown alternative; alternatives of set {s.name!r} are {list(s.names)}",
                    )
            for alt in s.names:
                if alt not in rows:
                    raise self.fail(
                        ("performance", s.name), f"missing performance of alternative {alt!r}"
                    )
                ap: Path_ = ("performance", s.name, alt)
                row = self.table(rows[alt], ap)
                for crit in row:
                    if crit not in criteria:
                        raise self.fail(
                            (*ap, crit), f"unknown criterion; criteria are {list(criteria)}"
                        )
                missing = [c for c in criteria if c not in row]
                if missing:
                    raise self.fail(ap, f"missing score for criteria {missing}")
                for crit in criteria:
                    cp: Path_ = (*ap, crit)
                    cell = row[crit]
                    if isinstance(cell, dict):
                        score = self.record(
                            Score, cell, cp, set=s.name, alternative=alt, criterion=crit
                        )
                    else:
                        if isinstance(cell, bool) or not isinstance(cell, (int, float)):
                            raise self.fail(
                                cp,
                                f"expected a number, got {_show(cell)} (a score is a number or "
                                "a table with score, reason and source)",
                            )
                        score = Score(s.name, alt, crit, self.number(cell, cp))
                    out.append(score)
        return out

    def hierarchy(self, t: dict[str, Any]) -> HierarchySpec:
        p: Path_ = ("hierarchy",)
        self.keys(t, p, ("root", "nodes"), ("root", "nodes"))
        root = self.string(t, "root", p, _REQUIRED, empty=False)
        nodes_t = self.table(t["nodes"], (*p, "nodes"))
        nodes, judgements, weights = [], [], []
        for name, raw in nodes_t.items():
            np_: Path_ = (*p, "nodes", name)
            row = self.table(raw, np_)
            self.keys(row, np_, ("children", "description", "judgements", "weights"), ("children",))
            children = self.names(row, "children", np_)
            if not children:
                raise self.fail((*np_, "children"), "expected at least one child")
            nodes.append(HierarchyNode(name, tuple(children), self.string(row, "description", np_)))
            if "judgements" in row and "weights" in row:
                raise self.fail(np_, "a node takes judgements or weights, not both")
            for i, j in enumerate(self.array_of_tables(row, "judgements", np_)):
                judgements.append(self.record(Judgement, j, (*np_, "judgements", i), node=name))
            if "weights" in row:
                wt = self.table(row["weights"], (*np_, "weights"))
                for child, cell in wt.items():
                    wp: Path_ = (*np_, "weights", child)
                    if isinstance(cell, dict):
                        weights.append(self.record(DirectWeight, cell, wp, node=name, child=child))
                    else:
                        weights.append(DirectWeight(name, child, self.number(cell, wp)))
        return HierarchySpec(root, tuple(nodes), tuple(judgements), tuple(weights))

    def scenarios(self, doc: dict[str, Any]) -> list[Scenario]:
        if "scenarios" not in doc:
            return []
        t = self.table(doc["scenarios"], ("scenarios",))
        out = []
        for name, raw in t.items():
            p: Path_ = ("scenarios", name)
            row = self.table(raw, p)
            self.keys(row, p, ("description", "source", "judgements", "weights", "scores"))
            overlays = {
                key: tuple(
                    self.record(kind, r, (*p, key, i))
                    for i, r in enumerate(self.array_of_tables(row, key, p))
                )
                for key, kind in _OVERLAYS
            }
            out.append(
                Scenario(
                    name,
                    description=self.string(row, "description", p),
                    source=self.string(row, "source", p),
                    **overlays,
                )
            )
        return out

    def cases(self, doc: dict[str, Any]) -> list[Case]:
        out = []
        for i, row in enumerate(self.array_of_tables(doc, "cases", ())):
            p: Path_ = ("cases", i)
            self.keys(
                row, p, ("name", "actors", "fields", "contents", "source", "evidence"), ("name",)
            )
            actors = self.table(row.get("actors", {}), (*p, "actors"))
            pairs = []
            for party, actor in actors.items():
                if not isinstance(actor, str):
                    raise self.fail((*p, "actors", party), f"expected a string, got {_show(actor)}")
                pairs.append((party, actor))
            links = []
            for k, link in enumerate(self.array_of_tables(row, "evidence", p)):
                lp: Path_ = (*p, "evidence", k)
                self.keys(link, lp, ("set", "alternative", "note"), ("set", "alternative"))
                links.append(
                    CaseLink(
                        self.string(link, "set", lp, _REQUIRED, empty=False),
                        self.string(link, "alternative", lp, _REQUIRED, empty=False),
                        self.string(link, "note", lp),
                    )
                )
            out.append(
                Case(
                    self.string(row, "name", p, _REQUIRED, empty=False),
                    actors=tuple(pairs),
                    fields=self.string(row, "fields", p),
                    contents=self.string(row, "contents", p),
                    source=self.string(row, "source", p),
                    links=tuple(links),
                )
            )
        return out


# -- reading -----------------------------------------------------------------------


def loads_model(text: str, *, source: str = "<string>") -> Analysis:
    """Read an analysis from the text of a model file.

    Parameters
    ----------
    text : str
        TOML text following ``docs/model-file.md``.
    source : str, default "<string>"
        Name used for the file in error messages.

    Raises
    ------
    ModelFileError
        Any problem, with the location and what was expected and found.

    Examples
    --------
    >>> text = '''
    ... format = "pathchoice-model/1"
    ... [metadata]
    ... title = "two shops"
    ... [criteria.price]
    ... direction = "cost"
    ... [sets.shops]
    ... alternatives = [{ name = "A" }, { name = "B" }]
    ... [performance.shops.A]
    ... price = { score = 3, reason = "list price", source = "catalogue" }
    ... [performance.shops.B]
    ... price = 4
    ... [hierarchy]
    ... root = "goal"
    ... nodes.goal.children = ["price"]
    ... '''
    >>> loads_model(text).performance_frame()
    criterion    price
    alternative
    A              3.0
    B              4.0
    >>> loads_model(text.replace("price = 4", "price = 'high'"), source="shops.toml")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ModelFileError: shops.toml: performance.shops.B.price: expected a number, got 'high' (a score is a number or a table with score, reason and source)
    """  # noqa: E501
    if not isinstance(text, str):
        raise ModelFileError(f"{source}: expected the file's text, got {type(text).__name__}")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelFileError(f"{source}: TOML syntax error: {exc}") from None
    try:
        return _Reader(source).document(doc)
    except ModelFileError:
        raise
    except PathchoiceError as exc:
        raise ModelFileError(f"{source}: {exc}") from None


def load_model(path: str | os.PathLike[str]) -> Analysis:
    """Read an analysis from a model file (TOML, UTF-8).

    Raises
    ------
    ModelFileError
        The file cannot be read, is not UTF-8 or not TOML, or is malformed;
        the message names the file, the location and the problem.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pathchoice.study.datasets import china_japan
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = save_model(china_japan(), pathlib.Path(tmp) / "model.toml")
    ...     load_model(path) == china_japan()
    True
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelFileError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelFileError(f"{path}: the file is not UTF-8 text (byte {exc.start})") from None
    return loads_model(text, source=str(path))


# -- writing -----------------------------------------------------------------------


def _num(value: float) -> int | float:
    """Integral values as integers (easier to read and edit); others as floats."""
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _judgement_value(value: float) -> int | float | str:
    if value < 1:
        k = round(1.0 / value)
        if k >= 2 and 1.0 / k == value:
            return f"1/{k}"
    return _num(value)


def _put(table: dict[str, Any], key: str, value: str) -> None:
    if value:
        table[key] = value


def _record(record: Judgement | DirectWeight | Score, *known: str, bare: bool = False) -> Any:
    """The table of a judgement, direct weight or score, without the ``known`` naming keys.

    With ``bare``, a record without reason and source is just its number.
    """
    schema = _SCHEMAS[type(record)]
    value = _judgement_value(record.value) if schema.fraction else _num(record.value)
    if bare and not (record.reason or record.source):
        return value
    fields = zip(schema.names, dataclasses.astuple(record), strict=False)
    table = {key: field for key, field in fields if key not in known}
    table[schema.value] = value
    _put(table, "reason", record.reason)
    _put(table, "source", record.source)
    return table


def _document(analysis: Analysis) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": FORMAT}
    m = analysis.metadata
    meta: dict[str, Any] = {"title": m.title}
    for key in ("source", "notice", "description", "scale"):
        _put(meta, key, getattr(m, key))
    if m.applied_scenarios:
        meta["applied_scenarios"] = list(m.applied_scenarios)
    doc["metadata"] = meta

    if analysis.matrix is not None:
        mx = analysis.matrix
        matrix: dict[str, Any] = {"parties": list(mx.parties)}
        if mx.criteria_by != "relation":
            matrix["criteria_by"] = mx.criteria_by
        areas = []
        for area in mx.areas:
            row: dict[str, Any] = {"name": area.name}
            _put(row, "description", area.description)
            _put(row, "source", area.source)
            stances = {}
            for party in mx.parties:
                cell = mx.cell(area.name, party)
                entry: dict[str, Any] = {"stance": cell.stance}
                _put(entry, "text", cell.text)
                _put(entry, "source", cell.source)
                stances[party] = entry
            row["stances"] = stances
            areas.append(row)
        matrix["areas"] = areas
        if mx.indicators:
            indicators = []
            for ind in mx.indicators:
                row = {"name": ind.name, "value": _num(ind.value)}
                _put(row, "unit", ind.unit)
                if ind.year is not None:
                    row["year"] = ind.year
                if ind.party is not None:
                    row["party"] = ind.party
                if ind.area is not None:
                    row["area"] = ind.area
                _put(row, "source", ind.source)
                _put(row, "note", ind.note)
                indicators.append(row)
            matrix["indicators"] = indicators
        doc["matrix"] = matrix

    if analysis.challenges:
        challenges = []
        for ch in analysis.challenges:
            row = {"key": ch.key, "name": ch.name, "criteria": list(ch.criteria)}
            for key in ("title", "description", "source"):
                _put(row, key, getattr(ch, key))
            if ch.items:
                items = []
                for item in ch.items:
                    entry = {"name": item.name}
                    _put(entry, "text", item.text)
                    _put(entry, "source", item.source)
                    items.append(entry)
                row["items"] = items
            challenges.append(row)
        doc["challenges"] = challenges

    if analysis.extra_criteria:
        criteria: dict[str, Any] = {}
        for c in analysis.extra_criteria:
            row = {"direction": c.direction}
            if c.group is not None:
                row["group"] = c.group
            _put(row, "description", c.description)
            criteria[c.name] = row
        doc["criteria"] = criteria

    sets: dict[str, Any] = {}
    for s in analysis.alternative_sets:
        row = {}
        _put(row, "description", s.description)
        _put(row, "source", s.source)
        alts = []
        for alt in s.alternatives:
            entry = {"name": alt.name}
            _put(entry, "description", alt.description)
            _put(entry, "source", alt.source)
            alts.append(entry)
        row["alternatives"] = alts
        sets[s.name] = row
    doc["sets"] = sets

    performance: dict[str, Any] = {}
    for score in analysis.performance:
        cells = performance.setdefault(score.alternative_set, {}).setdefault(score.alternative, {})
        cells[score.criterion] = _record(score, "set", "alternative", "criterion", bare=True)
    doc["performance"] = performance

    spec = analysis.hierarchy_spec
    nodes: dict[str, Any] = {}
    for node in spec.nodes:
        row = {"children": list(node.children)}
        _put(row, "description", node.description)
        judgements = [_record(j, "node") for j in spec.judgements_at(node.name)]
        if judgements:
            row["judgements"] = judgements
        weights = {
            w.child: _record(w, "node", "child", bare=True) for w in spec.weights_at(node.name)
        }
        if weights:
            row["weights"] = weights
        nodes[node.name] = row
    doc["hierarchy"] = {"root": spec.root, "nodes": nodes}

    if analysis.scenarios:
        scenarios: dict[str, Any] = {}
        for sc in analysis.scenarios:
            row = {}
            _put(row, "description", sc.description)
            _put(row, "source", sc.source)
            for key, _ in _OVERLAYS:
                records = getattr(sc, key)
                if records:
                    row[key] = [_record(r) for r in records]
            scenarios[sc.name] = row
        doc["scenarios"] = scenarios

    if analysis.cases:
        cases = []
        for case in analysis.cases:
            row = {"name": case.name}
            if case.actors:
                row["actors"] = dict(case.actors)
            for key in ("fields", "contents", "source"):
                _put(row, key, getattr(case, key))
            if case.links:
                links = []
                for link in case.links:
                    entry = {"set": link.alternative_set, "alternative": link.alternative}
                    _put(entry, "note", link.note)
                    links.append(entry)
                row["evidence"] = links
            cases.append(row)
        doc["cases"] = cases
    return doc


def dumps_model(analysis: Analysis) -> str:
    """The text of the model file of ``analysis`` (deterministic: no timestamps).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"price": [3.0, 4.0]}, index=["A", "B"])
    >>> a = Analysis.from_frame(frame, directions="cost", title="two shops")
    >>> loads_model(dumps_model(a)) == a
    True
    """
    if not isinstance(analysis, Analysis):
        raise ModelFileError(
            f"save_model expects an Analysis (got {type(analysis).__name__}); build one with "
            "Analysis.from_frame or load_model"
        )
    return _HEADER + tomli_w.dumps(_document(analysis))


def save_model(analysis: Analysis, path: str | os.PathLike[str]) -> Path:
    """Write ``analysis`` to ``path`` atomically and return the path.

    The text is written to a temporary file in the same directory, flushed to
    disk and moved over ``path`` with :func:`os.replace`; if anything fails the
    temporary file is removed and an existing ``path`` is left untouched. An
    existing file keeps its permission bits.

    Raises
    ------
    ModelFileError
        ``analysis`` is not an :class:`~pathchoice.study.analysis.Analysis`.
    OSError
        The directory is not writable or the disk is full (the old file survives).
    """
    text = dumps_model(analysis)
    return write_atomic(path, text)
