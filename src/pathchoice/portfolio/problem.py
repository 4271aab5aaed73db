"""A portfolio problem: which alternatives can be funded together, under which rules.

:class:`PortfolioProblem` holds what does not change when the values of the
alternatives change: each alternative's use of each resource (cost, staff, ...),
the budgets, and the rules a portfolio must follow:

* ``include`` / ``exclude``: alternatives that must be in, or must stay out;
* ``requires``: pairs ``(a, b)``, "a needs b" (a can be chosen only with b);
* ``exclusive``: groups of alternatives of which at most one may be chosen;
* ``groups`` with ``at_least`` / ``at_most``: named groups and how many of each
  group a portfolio must hold at least / may hold at most.

It is checked once, at construction (names, numbers, rules that contradict each
other on their face), and is immutable afterwards. As linear constraints on the
0/1 choice vector ``x`` it is ``R^T x <= budget``, ``x_a <= x_b`` for each
requirement, ``sum_{i in g} x_i <= 1`` for an exclusive group and
``at_least_g <= sum_{i in g} x_i <= at_most_g`` for a named group
(:meth:`PortfolioProblem.linear_constraints`); :meth:`PortfolioProblem.feasible`
checks many candidate portfolios at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._validate import as_count, as_finite_array
from ..exceptions import ArgumentError, ModelError, UnknownNameError

__all__ = ["PortfolioProblem"]

#: Absolute tolerance on a budget (a portfolio may exceed it by rounding only).
BUDGET_TOLERANCE = 1e-9


def _resources_frame(resources: Any, where: str) -> pd.DataFrame:
    if isinstance(resources, pd.Series):
        frame = resources.to_frame(name=resources.name if resources.name else "cost")
    elif isinstance(resources, pd.DataFrame):
        frame = resources.copy()
    elif isinstance(resources, Mapping):
        items = list(resources.items())
        if items and all(isinstance(v, Mapping) for _, v in items):
            frame = pd.DataFrame({a: dict(v) for a, v in items}).T
        else:
            frame = pd.Series(dict(items), dtype=object).to_frame(name="cost")
    else:
        raise ArgumentError(
            f"{where}: resources must be a DataFrame (alternatives × resources), a Series or "
            f"a mapping of alternative to cost (got {type(resources).__name__})"
        )
    if frame.empty:
        raise ModelError(f"{where}: resources must name at least one alternative")
    frame.index = pd.Index([str(a) for a in frame.index], name="alternative")
    frame.columns = pd.Index([str(c) for c in frame.columns], name="resource")
    if frame.index.has_duplicates:
        raise ModelError(
            f"{where}: resources repeat alternatives "
            f"{sorted(set(frame.index[frame.index.duplicated()]))}"
        )
    if frame.columns.has_duplicates:
        raise ModelError(f"{where}: resources repeat resource names")
    values = as_finite_array(
        frame.to_numpy(dtype=object),
        "resources",
        where=where,
        ndim=2,
        labels=[list(frame.index), list(frame.columns)],
        error=ModelError,
    )
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def _names(
    value: Iterable[str] | None, known: Sequence[str], what: str, where: str
) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable):
        raise ArgumentError(f"{where}: {what} must be alternative names (got {value!r})")
    names = tuple(value)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UnknownNameError(
            f"{where}: {what} names unknown alternatives {unknown}; alternatives are {list(known)}"
        )
    return tuple(dict.fromkeys(names))


class PortfolioProblem:
    """Resources, budgets and rules of a portfolio of alternatives.

    Parameters
    ----------
    resources : DataFrame, Series or mapping
        Each alternative's use of each resource: a DataFrame indexed by alternative
        with one column per resource, a Series (one resource, named by the Series or
        ``"cost"``), a mapping alternative → amount (one resource ``"cost"``) or
        alternative → {resource: amount}. Finite numbers; a negative amount frees the
        resource (a saving or a revenue).
    budgets : float or mapping
        The limit of each resource: one number for a single resource, or a mapping
        resource → limit. Resources without a budget are reported, not limited.
    include, exclude : sequence of str, optional
        Alternatives that must be chosen, and alternatives that must not be.
    requires : sequence of (str, str), optional
        ``(a, b)``: a can be chosen only together with b.
    exclusive : sequence of sequences of str, optional
        Groups of which at most one alternative may be chosen.
    groups : mapping of str to sequence of str, optional
        Named groups of alternatives (they may overlap), for ``at_least``/``at_most``.
    at_least, at_most : mapping of str to int, optional
        Group name → the fewest / the most alternatives of that group in a portfolio.

    Raises
    ------
    ModelError
        Malformed resources, a budget that is not a finite number, a rule that can
        never be met (an alternative both included and excluded, an included
        alternative needing an excluded one, two included alternatives of one
        exclusive group, ``at_least`` above what the group can give, included
        alternatives alone over a budget).
    UnknownNameError
        A rule or budget naming an unknown alternative, resource or group.
    ArgumentError
        Arguments of the wrong kind.

    Examples
    --------
    >>> problem = PortfolioProblem(
    ...     {"A": 4.0, "B": 3.0, "C": 2.0}, budgets=6.0, requires=[("C", "B")]
    ... )
    >>> problem.alternatives, problem.resource_names
    (('A', 'B', 'C'), ('cost',))
    >>> problem.feasible([[1, 0, 1], [0, 1, 1], [1, 1, 0]]).tolist()
    [False, True, False]
    """

    __slots__ = (
        "_at_least",
        "_at_most",
        "_budgets",
        "_exclude",
        "_exclusive",
        "_groups",
        "_include",
        "_requires",
        "_resources",
    )

    def __init__(
        self,
        resources: pd.DataFrame | pd.Series | Mapping[str, Any],
        budgets: float | Mapping[str, float],
        *,
        include: Sequence[str] | None = None,
        exclude: Sequence[str] | None = None,
        requires: Sequence[tuple[str, str]] | None = None,
        exclusive: Sequence[Sequence[str]] | None = None,
        groups: Mapping[str, Sequence[str]] | None = None,
        at_least: Mapping[str, int] | None = None,
        at_most: Mapping[str, int] | None = None,
    ) -> None:
        where = "PortfolioProblem"
        frame = _resources_frame(resources, where)
        names = tuple(frame.index)
        resource_names = tuple(frame.columns)
        if isinstance(budgets, Mapping):
            unknown = [str(r) for r in budgets if r not in resource_names]
            if unknown:
                raise UnknownNameError(
                    f"{where}: budgets name unknown resources {unknown}; resources are "
                    f"{list(resource_names)}"
                )
            limits = {str(r): v for r, v in budgets.items()}
        else:
            if len(resource_names) != 1:
                raise ArgumentError(
                    f"{where}: budgets must be a mapping resource → limit when there are "
                    f"several resources ({', '.join(resource_names)})"
                )
            limits = {resource_names[0]: budgets}
        budget_values = as_finite_array(
            list(limits.values()),
            "budgets",
            where=where,
            ndim=1,
            labels=[list(limits)],
            error=ModelError,
        )
        self._resources = frame
        self._budgets = pd.Series(
            budget_values, index=pd.Index(list(limits), name="resource"), name="budget"
        )
        self._include = _names(include, names, "include", where)
        self._exclude = _names(exclude, names, "exclude", where)
        pairs = []
        for pair in requires or ():
            if isinstance(pair, str) or not isinstance(pair, Sequence) or len(pair) != 2:
                raise ArgumentError(
                    f"{where}: requires must hold pairs (a, b), 'a needs b' (got {pair!r})"
                )
            a, b = pair
            _names([a, b], names, "requires", where)
            if a == b:
                raise ModelError(f"{where}: requires pairs {pair[0]!r} with itself")
            pairs.append((a, b))
        self._requires = tuple(dict.fromkeys(pairs))
        self._exclusive = tuple(_names(g, names, "exclusive", where) for g in (exclusive or ()))
        self._groups = {
            str(k): _names(v, names, f"group {k!r}", where) for k, v in (groups or {}).items()
        }
        self._at_least = self._limits(at_least, "at_least", where)
        self._at_most = self._limits(at_most, "at_most", where)
        self._check_rules(where)

    def _limits(self, limits: Mapping[str, int] | None, what: str, where: str) -> dict[str, int]:
        out = {}
        for group, k in (limits or {}).items():
            if group not in self._groups:
                raise UnknownNameError(
                    f"{where}: {what} names unknown group {group!r}; "
                    f"groups are {sorted(self._groups)}"
                )
            out[group] = as_count(k, f"{what}[{group!r}]", where=where, minimum=0, error=ModelError)
        return out

    def _check_rules(self, where: str) -> None:
        both = sorted(set(self._include) & set(self._exclude))
        if both:
            raise ModelError(f"{where}: {both} are both included and excluded")
        # what must be in: the included alternatives and everything they need, transitively
        needed = set(self._include)
        changed = True
        while changed:
            changed = False
            for a, b in self._requires:
                if a in needed and b not in needed:
                    needed.add(b)
                    changed = True
        blocked = sorted(needed & set(self._exclude))
        if blocked:
            raise ModelError(f"{where}: included alternatives need {blocked}, which are excluded")
        for group in self._exclusive:
            inside = [a for a in group if a in needed]
            if len(inside) > 1:
                raise ModelError(
                    f"{where}: {inside} must all be chosen but are in one exclusive group"
                )
        for name, k in self._at_least.items():
            available = [a for a in self._groups[name] if a not in self._exclude]
            if k > len(available):
                raise ModelError(
                    f"{where}: group {name!r} needs at least {k} but only {len(available)} of "
                    "its alternatives are not excluded"
                )
            if name in self._at_most and self._at_most[name] < k:
                raise ModelError(
                    f"{where}: group {name!r} needs at least {k} and at most {self._at_most[name]}"
                )
        for name, k in self._at_most.items():
            forced = [a for a in self._groups[name] if a in needed]
            if len(forced) > k:
                raise ModelError(
                    f"{where}: group {name!r} allows at most {k} but {forced} must be chosen"
                )
        used = self._resources.loc[sorted(needed), self._budgets.index].sum(axis=0)
        over = [r for r in self._budgets.index if used[r] > self._budgets[r] + BUDGET_TOLERANCE]
        if over:
            r = over[0]
            raise ModelError(
                f"{where}: the alternatives that must be chosen use {used[r]:g} of {r!r}, over "
                f"its budget of {self._budgets[r]:g}"
            )

    # -- accessors ----------------------------------------------------------------
    @property
    def alternatives(self) -> tuple[str, ...]:
        """The alternatives, in the order of the resources table."""
        return tuple(self._resources.index)

    @property
    def n_alternatives(self) -> int:
        """Number of alternatives."""
        return len(self._resources)

    @property
    def resource_names(self) -> tuple[str, ...]:
        """The resources, in column order."""
        return tuple(self._resources.columns)

    @property
    def resources(self) -> pd.DataFrame:
        """A copy of the resources table, alternatives × resources."""
        return self._resources.copy()

    @property
    def budgets(self) -> pd.Series:
        """A copy of the budgets, by resource."""
        return self._budgets.copy()

    @property
    def include(self) -> tuple[str, ...]:
        """Alternatives that must be chosen."""
        return self._include

    @property
    def exclude(self) -> tuple[str, ...]:
        """Alternatives that must not be chosen."""
        return self._exclude

    @property
    def requires(self) -> tuple[tuple[str, str], ...]:
        """``(a, b)`` pairs: a needs b."""
        return self._requires

    @property
    def exclusive(self) -> tuple[tuple[str, ...], ...]:
        """Groups of which at most one alternative may be chosen."""
        return self._exclusive

    @property
    def groups(self) -> dict[str, tuple[str, ...]]:
        """A copy of the named groups."""
        return dict(self._groups)

    @property
    def at_least(self) -> dict[str, int]:
        """A copy of the group minimums."""
        return dict(self._at_least)

    @property
    def at_most(self) -> dict[str, int]:
        """A copy of the group maximums."""
        return dict(self._at_most)

    # -- the problem as linear constraints ------------------------------------------
    def linear_constraints(
        self,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(A, lower, upper, x_low, x_high)``: ``lower <= A x <= upper`` and bounds on ``x``.

        The rows are the budgets, then the requirements, the exclusive groups and the
        named groups with a limit; ``x_low``/``x_high`` fix included (1) and excluded
        (0) alternatives.
        """
        m = self.n_alternatives
        index = {a: i for i, a in enumerate(self.alternatives)}
        rows, lower, upper = [], [], []
        if len(self._budgets):
            use = self._resources[self._budgets.index].to_numpy().T
            rows.append(use)
            lower.append(np.full(len(use), -np.inf))
            upper.append(self._budgets.to_numpy() + BUDGET_TOLERANCE)
        for a, b in self._requires:
            r = np.zeros((1, m))
            r[0, index[a]], r[0, index[b]] = 1.0, -1.0
            rows.append(r)
            lower.append([-np.inf])
            upper.append([0.0])
        for group in self._exclusive:
            r = np.zeros((1, m))
            r[0, [index[a] for a in group]] = 1.0
            rows.append(r)
            lower.append([-np.inf])
            upper.append([1.0])
        for name in dict.fromkeys([*self._at_least, *self._at_most]):
            r = np.zeros((1, m))
            r[0, [index[a] for a in self._groups[name]]] = 1.0
            rows.append(r)
            lower.append([self._at_least.get(name, -np.inf)])
            upper.append([self._at_most.get(name, np.inf)])
        x_low, x_high = np.zeros(m), np.ones(m)
        x_low[[index[a] for a in self._include]] = 1.0
        x_high[[index[a] for a in self._exclude]] = 0.0
        if not rows:
            return np.zeros((0, m)), np.zeros(0), np.zeros(0), x_low, x_high
        return (
            np.vstack(rows),
            np.concatenate([np.asarray(v, float) for v in lower]),
            np.concatenate([np.asarray(v, float) for v in upper]),
            x_low,
            x_high,
        )

    def feasible(self, portfolios: Any) -> np.ndarray:
        """Which of the candidate portfolios (rows of 0/1, alternatives in order) meet every rule.

        Vectorised over the rows (no loop over candidates).
        """
        x = np.asarray(portfolios, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.n_alternatives:
            raise ArgumentError(
                f"feasible: portfolios must have one column per alternative "
                f"({self.n_alternatives}), got shape {x.shape}"
            )
        a, lower, upper, x_low, x_high = self.linear_constraints()
        ok = np.all((x >= x_low) & (x <= x_high), axis=1)
        if len(a):
            ax = x @ a.T
            ok &= np.all((ax >= lower - 1e-9) & (ax <= upper + 1e-9), axis=1)
        return ok

    def __repr__(self) -> str:
        return (
            f"<PortfolioProblem: {self.n_alternatives} alternatives, "
            f"budgets on {', '.join(self._budgets.index) or 'nothing'}>"
        )
