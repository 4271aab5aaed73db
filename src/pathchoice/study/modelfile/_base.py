"""The pieces every section of a model file is read and written with.

:class:`Reader` checks the parsed TOML document item by item and names the
location of every problem (``performance.paths."Data pilot zones".x``) in a
:class:`~pathchoice.exceptions.ModelFileError` that starts with the file's name.
:data:`SCHEMAS` says how a judgement, a direct weight and a score are written,
for the reader and the writer alike; :func:`record_table` writes one.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from ...exceptions import ModelFileError, PathchoiceError
from ..analysis import DirectWeight, Judgement, Score, key_path

__all__ = [
    "DIRECTIONS",
    "OVERLAYS",
    "REQUIRED",
    "SCHEMAS",
    "Path_",
    "Reader",
    "Schema",
    "judgement_text",
    "number_text",
    "put",
    "record_table",
    "show",
]

#: Marks a key without a default (reading it fails if it is missing).
REQUIRED = object()
#: The directions a criterion may have.
DIRECTIONS = ("benefit", "cost")

Path_ = tuple[str | int, ...]
_R = TypeVar("_R", Judgement, DirectWeight, Score)


class Schema(NamedTuple):
    """How a judgement, direct weight or score record is written in a model file.

    A record's table has its naming keys (less those its place in the file
    gives, e.g. the node of a judgement under ``hierarchy.nodes.<node>``), its
    number, and optionally ``reason`` and ``source``. Reader and writer both
    follow this table.
    """

    names: tuple[str, ...]  # the keys saying what the record is about, in field order
    value: str  # the key of its number
    fraction: bool  # whether the number may be written as a fraction like '1/3'


SCHEMAS: dict[type, Schema] = {
    Judgement: Schema(("node", "a", "b"), "value", fraction=True),
    DirectWeight: Schema(("node", "child"), "value", fraction=False),
    Score: Schema(("set", "alternative", "criterion"), "score", fraction=False),
}
#: The records a scenario overlays, under their key.
OVERLAYS: tuple[tuple[str, type], ...] = (
    ("judgements", Judgement),
    ("weights", DirectWeight),
    ("scores", Score),
)


def show(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


class Reader:
    """Checks the parsed TOML document item by item, naming locations in errors."""

    def __init__(self, source: str) -> None:
        self.source = source

    # -- primitives ----------------------------------------------------------------
    def fail(self, path: Path_, problem: str) -> ModelFileError:
        where = key_path(*path) if path else "(top level)"
        return ModelFileError(f"{self.source}: {where}: {problem}")

    def table(self, value: object, path: Path_) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a table, got {show(value)}")
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
            if default is REQUIRED:
                raise self.fail(path, f"missing required key {key!r}")
            return default
        value = table[key]
        if not isinstance(value, str):
            raise self.fail((*path, key), f"expected a string, got {show(value)}")
        if not empty and not value.strip():
            raise self.fail((*path, key), "expected a non-empty string")
        return value

    def number(self, value: object, path: Path_) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(path, f"expected a number, got {show(value)}")
        out = float(value)
        if not math.isfinite(out):
            raise self.fail(path, f"expected a finite number, got {show(value)}")
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
                    path, f"expected a number or a fraction like '1/3', got {show(value)}"
                ) from None
            if not math.isfinite(out):
                raise self.fail(path, f"expected a finite number, got {show(value)}")
            return out
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(path, f"expected a number or a fraction like '1/3', got {show(value)}")
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
            raise self.fail((*path, key), f"expected an array of {of}, got {show(value)}")
        return value

    def names(
        self, table: Mapping[str, Any], key: str, path: Path_, *, required: bool = True
    ) -> list[str]:
        value = self.array(table, key, path, required=required, of="strings")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail((*path, key, i), f"expected a non-empty string, got {show(item)}")
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
        default: Any = REQUIRED,
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
        schema = SCHEMAS[kind]
        own = tuple(key for key in schema.names if key not in known)
        self.keys(t, path, (*own, schema.value, "reason", "source"), (*own, schema.value))
        names = [
            known[key] if key in known else self.string(t, key, path, REQUIRED, empty=False)
            for key in schema.names
        ]
        read = self.judgement_value if schema.fraction else self.number
        return kind(
            *names,
            read(t[schema.value], (*path, schema.value)),
            self.string(t, "reason", path),
            self.string(t, "source", path),
        )


# -- writing


def wrapped(r: Reader, build: Any) -> Any:
    """``build()``, with a library error from a record or a Node prefixed with the file name."""
    try:
        return build()
    except ModelFileError:
        raise
    except PathchoiceError as exc:
        raise ModelFileError(f"{r.source}: {exc}") from None


def number_text(value: float) -> int | float:
    """Integral values as integers (easier to read and edit); others as floats."""
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def judgement_text(value: float) -> int | float | str:
    if value < 1:
        k = round(1.0 / value)
        if k >= 2 and 1.0 / k == value:
            return f"1/{k}"
    return number_text(value)


def put(table: dict[str, Any], key: str, value: str) -> None:
    if value:
        table[key] = value


def record_table(record: Judgement | DirectWeight | Score, *known: str, bare: bool = False) -> Any:
    """The table of a judgement, direct weight or score, without the ``known`` naming keys.

    With ``bare``, a record without reason and source is just its number.
    """
    schema = SCHEMAS[type(record)]
    value = judgement_text(record.value) if schema.fraction else number_text(record.value)
    if bare and not (record.reason or record.source):
        return value
    fields = zip(schema.names, dataclasses.astuple(record), strict=False)
    table = {key: field for key, field in fields if key not in known}
    table[schema.value] = value
    put(table, "reason", record.reason)
    put(table, "source", record.source)
    return table
