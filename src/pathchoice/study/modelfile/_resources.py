"""Format 2's ``[resources]``: what each alternative costs, the budgets, the portfolio rules.

The section (``docs/model-file.md``)::

    [resources]
    set = "paths"                       # the alternative set the amounts are for
    notice = "Illustrative: ..."        # what the numbers are
    include = ["..."]                   # optional: always funded
    exclude = ["..."]                   # optional: never funded

    [resources.units.cost]              # one table per resource
    unit = "cost points"
    budget = 15                         # optional: no budget = reported, not limited
    description = "..."

    [resources.amounts."High-level policy dialogue"]
    cost = { amount = 1, reason = "...", source = "..." }   # or just: cost = 1

    [[resources.requires]]              # "alternative needs needs"
    alternative = "Cross-border data pilot zones"
    needs = "Data white-list mutual recognition"
    reason = "..."

    [resources.groups.social]           # the fewest / the most of a group
    alternatives = ["...", "..."]
    at_least = 1                        # at_most = 1: mutually exclusive
    reason = "..."

Read with the same checked :class:`~._base.Reader` as every section (errors name
the file and the location); written back exactly as read (a bare number stays a
bare number when the amount has no reason or source).
"""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis
from ..resources import AlternativeGroup, Requirement, Resource, Resources, ResourceUse
from ._base import REQUIRED, Path_, Reader, number_text, put, show, wrapped

__all__ = ["read_resources", "write_resources"]

_KEYS = ("set", "notice", "include", "exclude", "units", "amounts", "requires", "groups")


def _amount(r: Reader, value: Any, path: Path_) -> float:
    amount = r.number(value, path)
    if amount < 0:
        raise r.fail(path, f"expected a number >= 0, got {amount:g}")
    return amount


def _whole(r: Reader, row: dict[str, Any], key: str, path: Path_) -> int | None:
    if key not in row:
        return None
    value = row[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise r.fail((*path, key), f"expected a whole number >= 0, got {show(value)}")
    return value


def _units(r: Reader, t: dict[str, Any]) -> list[Resource]:
    p: Path_ = ("resources", "units")
    units = r.table(t.get("units", {}), p)
    if not units:
        raise r.fail(p, "expected at least one resource, e.g. [resources.units.cost]")
    out = []
    for name, raw in units.items():
        up: Path_ = (*p, name)
        row = r.table(raw, up)
        r.keys(row, up, ("unit", "budget", "description"))
        budget = None if "budget" not in row else _amount(r, row["budget"], (*up, "budget"))
        out.append(
            Resource(name, r.string(row, "unit", up), budget, r.string(row, "description", up))
        )
    return out


def _amounts(r: Reader, t: dict[str, Any], units: list[Resource]) -> list[ResourceUse]:
    p: Path_ = ("resources", "amounts")
    known = [u.name for u in units]
    out = []
    for alternative, raw in r.table(t.get("amounts", {}), p).items():
        ap: Path_ = (*p, alternative)
        for resource, cell in r.table(raw, ap).items():
            cp: Path_ = (*ap, resource)
            if resource not in known:
                raise r.fail(cp, f"unknown resource {resource!r}; resources are {known}")
            if isinstance(cell, dict):
                r.keys(cell, cp, ("amount", "reason", "source"), ("amount",))
                use = ResourceUse(
                    alternative,
                    resource,
                    _amount(r, cell["amount"], (*cp, "amount")),
                    r.string(cell, "reason", cp),
                    r.string(cell, "source", cp),
                )
            else:
                if not isinstance(cell, int | float) or isinstance(cell, bool):
                    raise r.fail(
                        cp,
                        f"expected a number, got {show(cell)} (an amount is a number or a "
                        "table with amount, reason and source)",
                    )
                use = ResourceUse(alternative, resource, _amount(r, cell, cp))
            out.append(use)
    return out


def _requires(r: Reader, t: dict[str, Any]) -> list[Requirement]:
    out = []
    for i, row in enumerate(r.array_of_tables(t, "requires", ("resources",))):
        p: Path_ = ("resources", "requires", i)
        r.keys(row, p, ("alternative", "needs", "reason"), ("alternative", "needs"))
        out.append(
            wrapped(
                r,
                lambda row=row, p=p: Requirement(
                    r.string(row, "alternative", p, REQUIRED, empty=False),
                    r.string(row, "needs", p, REQUIRED, empty=False),
                    r.string(row, "reason", p),
                ),
            )
        )
    return out


def _groups(r: Reader, t: dict[str, Any]) -> list[AlternativeGroup]:
    out = []
    p0: Path_ = ("resources", "groups")
    for name, raw in r.table(t.get("groups", {}), p0).items():
        p: Path_ = (*p0, name)
        row = r.table(raw, p)
        r.keys(row, p, ("alternatives", "at_least", "at_most", "reason"), ("alternatives",))
        names = r.names(row, "alternatives", p)
        out.append(
            wrapped(
                r,
                lambda name=name, names=names, row=row, p=p: AlternativeGroup(
                    name,
                    tuple(names),
                    _whole(r, row, "at_least", p),
                    _whole(r, row, "at_most", p),
                    r.string(row, "reason", p),
                ),
            )
        )
    return out


def read_resources(r: Reader, doc: dict[str, Any]) -> Resources | None:
    """The ``[resources]`` section of a parsed document (``None`` when there is none).

    Names are checked against the alternative sets when the analysis is built
    (the error then still names the file and the location).
    """
    if "resources" not in doc:
        return None
    p: Path_ = ("resources",)
    t = r.table(doc["resources"], p)
    r.keys(t, p, _KEYS, ("set", "units", "amounts"))
    units = _units(r, t)
    amounts = _amounts(r, t, units)
    requires = _requires(r, t)
    groups = _groups(r, t)
    return wrapped(  # type: ignore[no-any-return]
        r,
        lambda: Resources(
            r.string(t, "set", p, REQUIRED, empty=False),
            tuple(units),
            tuple(amounts),
            include=tuple(r.names(t, "include", p, required=False)),
            exclude=tuple(r.names(t, "exclude", p, required=False)),
            requires=tuple(requires),
            groups=tuple(groups),
            notice=r.string(t, "notice", p),
        ),
    )


def write_resources(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[resources]`` (when the analysis has resources) to ``doc``."""
    res = analysis.resources
    if res is None:
        return
    t: dict[str, Any] = {"set": res.alternative_set}
    put(t, "notice", res.notice)
    for key in ("include", "exclude"):
        if getattr(res, key):
            t[key] = list(getattr(res, key))
    units: dict[str, Any] = {}
    for u in res.units:
        row: dict[str, Any] = {}
        put(row, "unit", u.unit)
        if u.budget is not None:
            row["budget"] = number_text(u.budget)
        put(row, "description", u.description)
        units[u.name] = row
    t["units"] = units
    amounts: dict[str, dict[str, Any]] = {}
    for use in res.amounts:
        cell: Any = number_text(use.amount)
        if use.reason or use.source:
            cell = {"amount": cell}
            put(cell, "reason", use.reason)
            put(cell, "source", use.source)
        amounts.setdefault(use.alternative, {})[use.resource] = cell
    t["amounts"] = amounts
    if res.requires:
        requires = []
        for req in res.requires:
            entry = {"alternative": req.alternative, "needs": req.needs}
            put(entry, "reason", req.reason)
            requires.append(entry)
        t["requires"] = requires
    if res.groups:
        groups: dict[str, Any] = {}
        for g in res.groups:
            row = {"alternatives": list(g.alternatives)}
            for key in ("at_least", "at_most"):
                if getattr(g, key) is not None:
                    row[key] = getattr(g, key)
            put(row, "reason", g.reason)
            groups[g.name] = row
        t["groups"] = groups
    doc["resources"] = t
