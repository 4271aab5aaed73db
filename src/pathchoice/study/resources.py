"""What funding each alternative takes, the budgets, and the rules of a portfolio.

A study may say what each alternative of one set costs (and what else it uses:
staff, political capital, ...), the budget of each resource and the rules a
funded set of alternatives must follow. :class:`Resources` holds it, checked
against the analysis's alternatives, and turns it into a
:class:`~pathchoice.portfolio.PortfolioProblem` (:meth:`Resources.problem`);
model files hold it in the ``[resources]`` section (format 2).

The records:

* :class:`Resource` -- a resource, its unit, its budget (or none) and what it is;
* :class:`ResourceUse` -- one alternative's amount of one resource, with its
  reason and source;
* :class:`Requirement` -- "a needs b": a can be funded only together with b;
* :class:`AlternativeGroup` -- a named group with the fewest (``at_least``) and the
  most (``at_most``) of its alternatives a portfolio holds; ``at_most = 1`` makes
  the group mutually exclusive.

Amounts and budgets are never negative here (a study's costs are costs); the
general layer's :class:`~pathchoice.portfolio.PortfolioProblem` also takes
savings as negative amounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..exceptions import ModelError, UnknownNameError
from .analysis._checks import check_alternative
from .analysis._records import check_number, check_string, key_path

if TYPE_CHECKING:
    from ..portfolio import PortfolioProblem

__all__ = [
    "AlternativeGroup",
    "Requirement",
    "Resource",
    "ResourceUse",
    "Resources",
    "check_resources",
]


def _amount(value: object, where: str) -> float:
    out = check_number(value, where)
    if out < 0:
        raise ModelError(f"{where}: expected a number >= 0, got {out:g}")
    return out


def _names(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ModelError(f"{where}: expected a sequence of names, got the string {value!r}")
    names = tuple(value)  # type: ignore[call-overload]
    for i, name in enumerate(names):
        check_string(name, key_path(where, i), empty=False)
    for i, name in enumerate(names):
        if name in names[:i]:
            raise ModelError(f"{key_path(where, i)}: {name!r} is repeated")
    return names


@dataclass(frozen=True)
class Resource:
    """A resource the alternatives use, and its budget.

    Parameters
    ----------
    name : str
        The key amounts name it by (``"cost"``).
    unit : str, default ""
        What its amounts count (``"cost points"``, ``"million euros"``).
    budget : float or None, default None
        The most a portfolio may use; ``None``: reported, not limited.
    description : str, default ""
        What it is and where its numbers come from.

    Examples
    --------
    >>> Resource("cost", "cost points", 15).budget
    15.0
    """

    name: str
    unit: str = ""
    budget: float | None = None
    description: str = ""

    def __post_init__(self) -> None:
        check_string(self.name, "resources.units: name", empty=False)
        where = key_path("resources", "units", self.name)
        check_string(self.unit, f"{where}.unit")
        check_string(self.description, f"{where}.description")
        if self.budget is not None:
            object.__setattr__(self, "budget", _amount(self.budget, f"{where}.budget"))


@dataclass(frozen=True)
class ResourceUse:
    """How much of one resource one alternative uses.

    Examples
    --------
    >>> ResourceUse("Dialogue", "cost", 1, "meetings and workshops").amount
    1.0
    """

    alternative: str
    resource: str
    amount: float
    reason: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        check_string(self.alternative, "resources.amounts: alternative", empty=False)
        check_string(self.resource, key_path("resources", "amounts", self.alternative), empty=False)
        where = key_path("resources", "amounts", self.alternative, self.resource)
        object.__setattr__(self, "amount", _amount(self.amount, where))
        check_string(self.reason, f"{where}.reason")
        check_string(self.source, f"{where}.source")


@dataclass(frozen=True)
class Requirement:
    """``alternative`` can be funded only together with ``needs``.

    Examples
    --------
    >>> Requirement("Pilot zones", "White list", "the zones apply the list").needs
    'White list'
    """

    alternative: str
    needs: str
    reason: str = ""

    def __post_init__(self) -> None:
        check_string(self.alternative, "resources.requires: alternative", empty=False)
        check_string(self.needs, "resources.requires: needs", empty=False)
        check_string(self.reason, "resources.requires: reason")
        if self.alternative == self.needs:
            raise ModelError(f"resources.requires: {self.alternative!r} needs itself")


@dataclass(frozen=True)
class AlternativeGroup:
    """A named group of alternatives and how many of them a portfolio holds.

    Parameters
    ----------
    name : str
        The group's name.
    alternatives : sequence of str
        Its alternatives (groups may overlap).
    at_least, at_most : int or None, default None
        The fewest and the most of the group in a portfolio; ``at_most=1``: the
        group is mutually exclusive.
    reason : str, default ""
        Why the rule holds.

    Examples
    --------
    >>> AlternativeGroup("social", ("A", "B"), at_least=1).at_least
    1
    """

    name: str
    alternatives: tuple[str, ...]
    at_least: int | None = None
    at_most: int | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        check_string(self.name, "resources.groups: name", empty=False)
        where = key_path("resources", "groups", self.name)
        names = _names(self.alternatives, f"{where}.alternatives")
        if not names:
            raise ModelError(f"{where}.alternatives: expected at least one alternative")
        object.__setattr__(self, "alternatives", names)
        for attr in ("at_least", "at_most"):
            k = getattr(self, attr)
            if k is None:
                continue
            if isinstance(k, bool) or not isinstance(k, int) or k < 0:
                raise ModelError(f"{where}.{attr}: expected a whole number >= 0, got {k!r}")
            if k > len(names):
                raise ModelError(
                    f"{where}.{attr}: {k} is more than the group's {len(names)} alternatives"
                )
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ModelError(f"{where}: at_least {self.at_least} is above at_most {self.at_most}")
        check_string(self.reason, f"{where}.reason")


@dataclass(frozen=True)
class Resources:
    """The resources of one alternative set: amounts, budgets and portfolio rules.

    Parameters
    ----------
    alternative_set : str
        The set whose alternatives the amounts are for.
    units : sequence of Resource
        The resources, each with its unit and budget.
    amounts : sequence of ResourceUse
        Exactly one amount per (alternative of the set, resource).
    include, exclude : sequence of str, default ()
        Alternatives every portfolio must hold, and alternatives none may hold.
    requires : sequence of Requirement, default ()
    groups : sequence of AlternativeGroup, default ()
    notice : str, default ""
        What the numbers are (e.g. illustrative, not estimates).

    Raises
    ------
    ModelError, UnknownNameError
        Named by location (``resources.amounts."X".cost: expected a number >= 0``);
        the names are checked against the analysis by :meth:`check`.

    Examples
    --------
    >>> r = Resources(
    ...     "paths",
    ...     (Resource("cost", budget=5),),
    ...     (ResourceUse("A", "cost", 4), ResourceUse("B", "cost", 3), ResourceUse("C", "cost", 2)),
    ...     groups=(AlternativeGroup("pair", ("B", "C"), at_most=1),),
    ... )
    >>> r.frame()["cost"].tolist(), r.budgets
    ([4.0, 3.0, 2.0], {'cost': 5.0})
    """

    alternative_set: str
    units: tuple[Resource, ...]
    amounts: tuple[ResourceUse, ...]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    requires: tuple[Requirement, ...] = ()
    groups: tuple[AlternativeGroup, ...] = ()
    notice: str = ""

    def __post_init__(self) -> None:
        check_string(self.alternative_set, "resources.set", empty=False)
        check_string(self.notice, "resources.notice")
        for attr, kind in (
            ("units", Resource),
            ("amounts", ResourceUse),
            ("requires", Requirement),
            ("groups", AlternativeGroup),
        ):
            records = tuple(getattr(self, attr))
            for i, rec in enumerate(records):
                if not isinstance(rec, kind):
                    raise ModelError(
                        f"{key_path('resources', attr, i)}: expected {kind.__name__}, got {rec!r}"
                    )
            object.__setattr__(self, attr, records)
        for attr in ("include", "exclude"):
            object.__setattr__(self, attr, _names(getattr(self, attr), f"resources.{attr}"))
        if not self.units:
            raise ModelError("resources.units: expected at least one resource")
        seen: set[str] = set()
        for unit in self.units:
            if unit.name in seen:
                raise ModelError(f"{key_path('resources', 'units', unit.name)}: given twice")
            seen.add(unit.name)
        cells: set[tuple[str, str]] = set()
        for use in self.amounts:
            where = key_path("resources", "amounts", use.alternative, use.resource)
            if use.resource not in seen:
                raise UnknownNameError(
                    f"{where}: unknown resource {use.resource!r}; resources are "
                    f"{[u.name for u in self.units]}"
                )
            if (use.alternative, use.resource) in cells:
                raise ModelError(f"{where}: given twice")
            cells.add((use.alternative, use.resource))
        # one order whatever the order of writing: alternatives as first met, resources as listed
        first: dict[str, int] = {}
        for use in self.amounts:
            first.setdefault(use.alternative, len(first))
        column = {name: j for j, name in enumerate(self.resource_names)}
        ordered = sorted(self.amounts, key=lambda u: (first[u.alternative], column[u.resource]))
        object.__setattr__(self, "amounts", tuple(ordered))
        names = [g.name for g in self.groups]
        for g in self.groups:
            if names.count(g.name) > 1:
                raise ModelError(f"{key_path('resources', 'groups', g.name)}: given twice")

    # -- checked against the analysis ---------------------------------------------------
    def check(self, sets: Mapping[str, tuple[str, ...]]) -> None:
        """Check every name against the analysis's alternative sets (``set name → names``).

        Every alternative of the set needs an amount of every resource, and the rules
        must be possible to meet together on their face (as
        :class:`~pathchoice.portfolio.PortfolioProblem` checks them).
        """
        s = self.alternative_set
        if s not in sets:
            raise UnknownNameError(
                f"resources.set: unknown alternative set {s!r}; alternative sets are {list(sets)}"
            )
        for use in self.amounts:
            check_alternative(
                s, use.alternative, sets, key_path("resources", "amounts", use.alternative)
            )
        for attr in ("include", "exclude"):
            for i, name in enumerate(getattr(self, attr)):
                check_alternative(s, name, sets, key_path("resources", attr, i))
        for i, req in enumerate(self.requires):
            for name in (req.alternative, req.needs):
                check_alternative(s, name, sets, key_path("resources", "requires", i))
        for g in self.groups:
            for i, name in enumerate(g.alternatives):
                check_alternative(
                    s, name, sets, key_path("resources", "groups", g.name, "alternatives", i)
                )
        given = {(u.alternative, u.resource) for u in self.amounts}
        for alt in sets[s]:
            for unit in self.units:
                if (alt, unit.name) not in given:
                    raise ModelError(
                        f"{key_path('resources', 'amounts', alt)}: missing the amount of "
                        f"{unit.name!r}"
                    )
        try:
            self.problem(sets[s])
        except ModelError as exc:
            raise ModelError(f"resources: {exc}") from None

    # -- views ----------------------------------------------------------------------------
    @property
    def resource_names(self) -> tuple[str, ...]:
        """The resources, in order."""
        return tuple(u.name for u in self.units)

    @property
    def budgets(self) -> dict[str, float]:
        """The budget of each resource that has one."""
        return {u.name: u.budget for u in self.units if u.budget is not None}

    def resource(self, name: str) -> Resource:
        """The resource called ``name``."""
        for u in self.units:
            if u.name == name:
                return u
        raise UnknownNameError(
            f"resources: unknown resource {name!r}; resources are {list(self.resource_names)}"
        )

    def frame(self) -> pd.DataFrame:
        """Alternatives × resources: each alternative's amounts (alternatives in file order)."""
        rows: dict[str, dict[str, float]] = {}
        for use in self.amounts:
            rows.setdefault(use.alternative, {})[use.resource] = use.amount
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(self.resource_names))
        frame.index.name = "alternative"
        frame.columns.name = "resource"
        return frame

    def problem(self, alternatives: tuple[str, ...] | None = None) -> PortfolioProblem:
        """The :class:`~pathchoice.portfolio.PortfolioProblem` (alternatives in the given order).

        A group with ``at_most = 1`` becomes a mutually exclusive group of the problem.
        """
        from ..portfolio import PortfolioProblem

        frame = self.frame()
        if alternatives is not None:
            frame = frame.reindex(list(alternatives))
        limited = [g for g in self.groups if g.at_least is not None or g.at_most is not None]
        return PortfolioProblem(
            frame,
            self.budgets,
            include=self.include,
            exclude=self.exclude,
            requires=[(r.alternative, r.needs) for r in self.requires],
            groups={g.name: g.alternatives for g in limited},
            at_least={g.name: g.at_least for g in limited if g.at_least is not None},
            at_most={g.name: g.at_most for g in limited if g.at_most is not None},
        )

    # -- changed copies -------------------------------------------------------------------
    def with_budget(self, amount: Any, resource: str | None = None) -> Resources:
        """A copy with the budget of ``resource`` (default: the first resource) set to ``amount``.

        Examples
        --------
        >>> r = Resources("s", (Resource("cost", budget=5),), (ResourceUse("A", "cost", 4),))
        >>> r.with_budget(8).budgets
        {'cost': 8.0}
        """
        name = self.units[0].name if resource is None else self.resource(resource).name
        units = tuple(replace(u, budget=amount) if u.name == name else u for u in self.units)
        return replace(self, units=units)

    def with_minimums(self, minimums: Mapping[str, int]) -> Resources:
        """A copy in which each named group holds at least the given number of alternatives.

        Examples
        --------
        >>> r = Resources(
        ...     "s", (Resource("cost"),), (ResourceUse("A", "cost", 1),),
        ...     groups=(AlternativeGroup("g", ("A",)),),
        ... )
        >>> r.with_minimums({"g": 1}).groups[0].at_least
        1
        """
        known = {g.name for g in self.groups}
        unknown = [name for name in minimums if name not in known]
        if unknown:
            raise UnknownNameError(
                f"resources: unknown group {unknown[0]!r}; groups are {sorted(known)}"
            )
        groups = tuple(
            replace(g, at_least=minimums[g.name]) if g.name in minimums else g for g in self.groups
        )
        return replace(self, groups=groups)


def check_resources(resources: object, sets: Mapping[str, tuple[str, ...]]) -> Resources:
    """``resources`` checked against the analysis's sets (``set name → alternative names``)."""
    if not isinstance(resources, Resources):
        raise ModelError(f"resources: expected Resources, got {type(resources).__name__}")
    resources.check(sets)
    return resources
