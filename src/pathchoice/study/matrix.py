"""The advantage/disadvantage matrix: where each party is strong or weak, and what follows.

An :class:`AdvantageMatrix` records, for each *area* (information infrastructure,
digital talent, ...) and each *party* (two countries, or any number of regions
or firms), a *stance*: ``"advantage"``, ``"disadvantage"`` or ``"both"`` (the
party has a strength and a weakness in that area), with the text that supports
it and its source. Optional :class:`Indicator` records hold the numbers behind a
stance.

From the stances the matrix derives, in code:

* the **complementarity type** of each area (:meth:`AdvantageMatrix.complementarity`);
* the **relations** each area takes part in (:meth:`AdvantageMatrix.relations`):
  one party's strength meeting another's weakness, a shared strength (joint
  innovation) or a shared weakness (a common problem);
* the **criteria** of the ranking problem (:meth:`AdvantageMatrix.criteria`):
  benefit criteria for using each relation (or each area), plus, for every
  :class:`Challenge`, a cost criterion for exposure to it and/or a benefit
  criterion for relieving it.

Change a stance (:meth:`AdvantageMatrix.with_stance`) and the derived criteria
change with it.

Complementarity types
---------------------
Let a party be *strong* in an area when its stance is ``"advantage"`` or
``"both"`` and *weak* when it is ``"disadvantage"`` or ``"both"``. For any
number of parties (at least two) the type of an area is

* ``"mixed"`` if any party's stance is ``"both"``;
* ``"shared-strength"`` (label ``"joint innovation"``) if every party has an
  advantage;
* ``"shared-weakness"`` (label ``"common problem"``) if every party has a
  disadvantage;
* ``"complementary"`` otherwise: the parties with an advantage (the providers)
  meet the parties with a disadvantage (the receivers); the label names the
  direction, e.g. ``"China → Japan"`` or, with three parties, ``"A, B → C"``.

For two parties these are the five cases: A's strength meets B's weakness, B's
meets A's, shared strength, shared weakness, mixed.

Relations and derived criteria
------------------------------
A mixed area takes part in several relations at once, so the criteria are
built from relations, not types. An area feeds

* ``"<P> strengths meet <Q> weaknesses"`` (two parties) or ``"<P> strengths meet
  partner weaknesses"`` (more than two) when party P is strong there and at
  least one other party is weak;
* ``"joint innovation"`` when at least two parties are strong;
* ``"common problems"`` when at least two parties are weak.

With ``criteria_by="relation"`` (the default) each relation fed by at least one
area becomes a benefit criterion (group ``"complementarity"``) whose
description lists its areas; a relation no area feeds yields no criterion. With
``criteria_by="area"`` each area becomes one benefit criterion (named after the
area) whose description gives its type. Each challenge then adds
``"exposure to <name>"`` (cost, group ``"exposure"``) and/or ``"relief of <name>"``
(benefit, group ``"relief"``), as its ``criteria`` field asks.

References
----------
.. [1] Fang, Z., Li, J., Song, R., Chen, Y. and Fan, Y. "Policy Assessment and
   Path Choice of Digital Economy Cooperation between China and Japan",
   Table 4 (the advantage/disadvantage comparison) and Section 5 (challenges).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from .._display import stance_table_html
from ..exceptions import ModelError, UnknownNameError
from ..model import Criterion

__all__ = [
    "CHALLENGE_CRITERIA",
    "COMPLEMENTARITY_GROUP",
    "CRITERIA_BY",
    "EXPOSURE_GROUP",
    "RELIEF_GROUP",
    "STANCES",
    "AdvantageMatrix",
    "Area",
    "Challenge",
    "ChallengeItem",
    "Complementarity",
    "Indicator",
    "Stance",
    "StanceCell",
]

Stance = Literal["advantage", "disadvantage", "both"]
#: The stances a cell may take.
STANCES: tuple[str, ...] = ("advantage", "disadvantage", "both")
#: How complementarity criteria are derived: one per relation or one per area.
CRITERIA_BY: tuple[str, ...] = ("relation", "area")
#: The criteria a challenge can yield.
CHALLENGE_CRITERIA: tuple[str, ...] = ("exposure", "relief")
#: Group (AHP node) of the criteria derived from the matrix.
COMPLEMENTARITY_GROUP = "complementarity"
#: Group of the cost criteria for exposure to a challenge.
EXPOSURE_GROUP = "exposure"
#: Group of the benefit criteria for relieving a challenge.
RELIEF_GROUP = "relief"

JOINT_INNOVATION = "joint innovation"
COMMON_PROBLEMS = "common problems"


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ModelError(f"{what} must be a string (got {value!r})")
    return value


def _name(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ModelError(f"{what} must be a non-empty string (got {value!r})")
    return value


def _unique(names: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ModelError(f"{what} must be unique; {name!r} appears more than once")
        seen.add(name)


@dataclass(frozen=True)
class Area:
    """One area (row) of an advantage/disadvantage matrix.

    Parameters
    ----------
    name : str
        Unique, non-empty name.
    description : str, default ""
        Free text.
    source : str, default ""
        Where the area comes from (e.g. ``"Table 4"``).
    """

    name: str
    description: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        _name(self.name, "area name")
        _text(self.description, f"area {self.name!r}: description")
        _text(self.source, f"area {self.name!r}: source")


@dataclass(frozen=True)
class StanceCell:
    """The stance of one party in one area, with its supporting text and source.

    Parameters
    ----------
    area, party : str
        The row and column of the cell.
    stance : {"advantage", "disadvantage", "both"}
        ``"both"``: the party has a strength and a weakness in the area.
    text : str, default ""
        The evidence for the stance (e.g. the table's wording).
    source : str, default ""
        Where the text comes from.

    Examples
    --------
    >>> StanceCell("Information infrastructure", "Japan", "disadvantage").stance
    'disadvantage'
    """

    area: str
    party: str
    stance: Stance
    text: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        _name(self.area, "cell area")
        _name(self.party, "cell party")
        if self.stance not in STANCES:
            raise ModelError(
                f"cell ({self.area!r}, {self.party!r}): stance must be one of "
                f"{list(STANCES)} (got {self.stance!r})"
            )
        _text(self.text, f"cell ({self.area!r}, {self.party!r}): text")
        _text(self.source, f"cell ({self.area!r}, {self.party!r}): source")

    @property
    def strong(self) -> bool:
        """Whether the stance includes an advantage."""
        return self.stance != "disadvantage"

    @property
    def weak(self) -> bool:
        """Whether the stance includes a disadvantage."""
        return self.stance != "advantage"


@dataclass(frozen=True)
class Indicator:
    """A number behind a stance (e.g. 5G base stations, AI adoption rate).

    Parameters
    ----------
    name : str
        What is measured.
    value : float
        The figure (finite).
    unit : str, default ""
        Its unit (``"%"``, ``"million"``, ``"USD million"``, ``"rank"``).
    year : int or None, default None
        The year the figure refers to.
    party, area : str or None, default None
        The party and area it belongs to, if any (checked against the matrix).
    source : str, default ""
        Where the figure comes from.
    note : str, default ""
        Free text (context, comparison).
    """

    name: str
    value: float
    unit: str = ""
    year: int | None = None
    party: str | None = None
    area: str | None = None
    source: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        _name(self.name, "indicator name")
        value = self.value
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise ModelError(f"indicator {self.name!r}: value must be a number (got {value!r})")
        if not math.isfinite(float(value)):
            raise ModelError(f"indicator {self.name!r}: value must be finite (got {value!r})")
        object.__setattr__(self, "value", float(value))
        if self.year is not None and (
            isinstance(self.year, bool) or not isinstance(self.year, (int, np.integer))
        ):
            raise ModelError(f"indicator {self.name!r}: year must be an integer or None")
        if self.year is not None:
            object.__setattr__(self, "year", int(self.year))
        for attr in ("party", "area"):
            got = getattr(self, attr)
            if got is not None:
                _name(got, f"indicator {self.name!r}: {attr}")
        for attr in ("unit", "source", "note"):
            _text(getattr(self, attr), f"indicator {self.name!r}: {attr}")


@dataclass(frozen=True)
class ChallengeItem:
    """One sub-item of a challenge (e.g. 5.2.1 risks of cross-border data flow)."""

    name: str
    text: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        _name(self.name, "challenge item name")
        _text(self.text, f"challenge item {self.name!r}: text")
        _text(self.source, f"challenge item {self.name!r}: source")


@dataclass(frozen=True)
class Challenge:
    """A challenge the alternatives are exposed to, or may relieve.

    Parameters
    ----------
    key : str
        Short unique key (e.g. ``"5.1"``).
    name : str
        Unique short name used in the criterion names (``"exposure to <name>"``,
        ``"relief of <name>"``).
    criteria : sequence of {"exposure", "relief"}, default ("exposure",)
        Which criteria the challenge yields: ``"exposure"`` a cost criterion
        (how far an alternative is hit by the challenge), ``"relief"`` a
        benefit criterion (how far it eases the challenge).
    title, description, source : str, default ""
        Free text; ``source`` says where the challenge comes from.
    items : sequence of ChallengeItem, default ()
        The challenge's sub-items.

    Examples
    --------
    >>> c = Challenge("5.1", "de-Chinaization pressure", criteria=("exposure", "relief"))
    >>> c.criterion_names
    ('exposure to de-Chinaization pressure', 'relief of de-Chinaization pressure')
    """

    key: str
    name: str
    criteria: tuple[Literal["exposure", "relief"], ...] = ("exposure",)
    title: str = ""
    description: str = ""
    source: str = ""
    items: tuple[ChallengeItem, ...] = ()

    def __post_init__(self) -> None:
        _name(self.key, "challenge key")
        _name(self.name, f"challenge {self.key!r}: name")
        criteria = (self.criteria,) if isinstance(self.criteria, str) else tuple(self.criteria)
        if not criteria:
            raise ModelError(
                f"challenge {self.key!r}: criteria must name at least one of "
                f"{list(CHALLENGE_CRITERIA)}"
            )
        for kind in criteria:
            if kind not in CHALLENGE_CRITERIA:
                raise ModelError(
                    f"challenge {self.key!r}: criteria must be among {list(CHALLENGE_CRITERIA)} "
                    f"(got {kind!r})"
                )
        _unique(criteria, f"challenge {self.key!r}: criteria")
        object.__setattr__(self, "criteria", criteria)
        for attr in ("title", "description", "source"):
            _text(getattr(self, attr), f"challenge {self.key!r}: {attr}")
        items = tuple(self.items)
        for item in items:
            if not isinstance(item, ChallengeItem):
                raise ModelError(
                    f"challenge {self.key!r}: items must be ChallengeItem objects (got {item!r})"
                )
        object.__setattr__(self, "items", items)

    @property
    def criterion_names(self) -> tuple[str, ...]:
        """Names of the criteria this challenge yields, in ``criteria`` order."""
        return tuple(_challenge_criterion_name(kind, self.name) for kind in self.criteria)

    def derived_criteria(self) -> tuple[Criterion, ...]:
        """The criteria this challenge yields (see the module docstring)."""
        out = []
        for kind in self.criteria:
            label = f"challenge {self.key}" + (f" ({self.title})" if self.title else "")
            if kind == "exposure":
                out.append(
                    Criterion(
                        _challenge_criterion_name(kind, self.name),
                        direction="cost",
                        group=EXPOSURE_GROUP,
                        description=f"How far the alternative is exposed to {label}.",
                    )
                )
            else:
                out.append(
                    Criterion(
                        _challenge_criterion_name(kind, self.name),
                        direction="benefit",
                        group=RELIEF_GROUP,
                        description=f"How far the alternative relieves {label}.",
                    )
                )
        return tuple(out)


def _challenge_criterion_name(kind: str, name: str) -> str:
    return f"exposure to {name}" if kind == "exposure" else f"relief of {name}"


@dataclass(frozen=True)
class Complementarity:
    """The complementarity of one area, derived from its stances.

    Attributes
    ----------
    area : str
        The area.
    kind : {"complementary", "shared-strength", "shared-weakness", "mixed"}
        The type (see the module docstring).
    label : str
        Readable label: ``"China → Japan"``, ``"joint innovation"``,
        ``"common problem"`` or ``"mixed"``.
    strong, weak : tuple of str
        The parties with a strength / a weakness in the area (a ``"both"``
        party is in both).
    relations : tuple of str
        The relation criteria the area feeds.
    """

    area: str
    kind: Literal["complementary", "shared-strength", "shared-weakness", "mixed"]
    label: str
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    relations: tuple[str, ...]


# -- pure array core ---------------------------------------------------------------


def _stance_codes(stances: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean (strong, weak) arrays from an (areas, parties) array of stance strings."""
    return stances != "disadvantage", stances != "advantage"


def _relation_table(strong: np.ndarray, weak: np.ndarray) -> np.ndarray:
    """Which relations each area feeds, shape (areas, parties + 2).

    Column ``p < n``: party ``p`` is strong and some other party is weak.
    Column ``n``: at least two parties are strong (joint innovation).
    Column ``n + 1``: at least two parties are weak (common problems).
    """
    n_weak = weak.sum(axis=1, keepdims=True)
    flows = strong & ((n_weak - weak) > 0)
    joint = strong.sum(axis=1) >= 2
    common = n_weak[:, 0] >= 2
    return np.column_stack([flows, joint, common])


def _kinds(stances: np.ndarray) -> np.ndarray:
    """Complementarity kind per area from an (areas, parties) array of stances."""
    both = (stances == "both").any(axis=1)
    all_adv = (stances == "advantage").all(axis=1)
    all_dis = (stances == "disadvantage").all(axis=1)
    return np.select(
        [both, all_adv, all_dis],
        ["mixed", "shared-strength", "shared-weakness"],
        default="complementary",
    )


# -- the labelled object -----------------------------------------------------------


@dataclass(frozen=True)
class AdvantageMatrix:
    """Areas × parties, each cell a stance with its text and source.

    The matrix is checked at construction and immutable; :meth:`with_stance`
    returns a new matrix. Cells are kept in area-major, party-minor order
    whatever order they were given in, so two matrices with the same content
    compare equal.

    Parameters
    ----------
    parties : sequence of str
        At least two unique party names (countries, regions, firms).
    areas : sequence of Area or str
        At least one area; unique names.
    cells : iterable of StanceCell
        Exactly one cell per (area, party).
    indicators : iterable of Indicator, default ()
        Optional numbers behind the stances; their ``party`` and ``area`` must
        be in the matrix.
    criteria_by : {"relation", "area"}, default "relation"
        How :meth:`criteria` derives the complementarity criteria.

    Raises
    ------
    ModelError
        Fewer than two parties, no area, repeated names, a bad stance, a
        missing or repeated cell.
    UnknownNameError
        A cell or indicator naming an area or party that is not in the matrix.

    Examples
    --------
    >>> m = AdvantageMatrix.from_frame(
    ...     pd.DataFrame(
    ...         {"China": ["advantage", "disadvantage"], "Japan": ["disadvantage", "disadvantage"]},
    ...         index=["infrastructure", "talent"],
    ...     )
    ... )
    >>> m.to_frame()
                        China         Japan complementarity
    area
    infrastructure      advantage  disadvantage   China → Japan
    talent           disadvantage  disadvantage  common problem
    >>> [c.name for c in m.criteria()]
    ['China strengths meet Japan weaknesses', 'common problems']
    >>> [c.name for c in m.with_stance("talent", "China", "advantage").criteria()]
    ['China strengths meet Japan weaknesses']

    References
    ----------
    .. [1] Fang, Z. et al. "Policy Assessment and Path Choice of Digital Economy
       Cooperation between China and Japan", Table 4.
    """

    parties: tuple[str, ...]
    areas: tuple[Area, ...]
    cells: tuple[StanceCell, ...]
    indicators: tuple[Indicator, ...] = ()
    criteria_by: Literal["relation", "area"] = "relation"
    _index: Mapping[tuple[str, str], int] = field(
        default=None, init=False, repr=False, compare=False
    )  # type: ignore[assignment]

    def __post_init__(self) -> None:
        parties = tuple(_name(p, "party name") for p in self.parties)
        _unique(parties, "party names")
        if len(parties) < 2:
            raise ModelError(f"an advantage matrix needs at least two parties (got {len(parties)})")
        areas = tuple(a if isinstance(a, Area) else Area(_name(a, "area name")) for a in self.areas)
        area_names = tuple(a.name for a in areas)
        _unique(area_names, "area names")
        if not areas:
            raise ModelError("an advantage matrix needs at least one area")
        if self.criteria_by not in CRITERIA_BY:
            raise ModelError(
                f"criteria_by must be one of {list(CRITERIA_BY)} (got {self.criteria_by!r})"
            )
        slots: dict[tuple[str, str], StanceCell] = {}
        for cell in self.cells:
            if not isinstance(cell, StanceCell):
                raise ModelError(f"cells must be StanceCell objects (got {cell!r})")
            if cell.area not in area_names:
                raise UnknownNameError(
                    f"cell ({cell.area!r}, {cell.party!r}) names unknown area {cell.area!r}; "
                    f"areas are {list(area_names)}"
                )
            if cell.party not in parties:
                raise UnknownNameError(
                    f"cell ({cell.area!r}, {cell.party!r}) names unknown party {cell.party!r}; "
                    f"parties are {list(parties)}"
                )
            key = (cell.area, cell.party)
            if key in slots:
                raise ModelError(f"cell ({cell.area!r}, {cell.party!r}) is given more than once")
            slots[key] = cell
        missing = [(a, p) for a in area_names for p in parties if (a, p) not in slots]
        if missing:
            raise ModelError(
                f"every area needs a stance for every party; missing cells {missing[:5]}"
                + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            )
        indicators = tuple(self.indicators)
        for ind in indicators:
            if not isinstance(ind, Indicator):
                raise ModelError(f"indicators must be Indicator objects (got {ind!r})")
            if ind.party is not None and ind.party not in parties:
                raise UnknownNameError(
                    f"indicator {ind.name!r} names unknown party {ind.party!r}; "
                    f"parties are {list(parties)}"
                )
            if ind.area is not None and ind.area not in area_names:
                raise UnknownNameError(
                    f"indicator {ind.name!r} names unknown area {ind.area!r}; "
                    f"areas are {list(area_names)}"
                )
        ordered = tuple(slots[(a, p)] for a in area_names for p in parties)
        object.__setattr__(self, "parties", parties)
        object.__setattr__(self, "areas", areas)
        object.__setattr__(self, "cells", ordered)
        object.__setattr__(self, "indicators", indicators)
        object.__setattr__(self, "_index", {(c.area, c.party): i for i, c in enumerate(ordered)})

    # -- constructors ----------------------------------------------------------------
    @classmethod
    def from_frame(
        cls,
        stances: pd.DataFrame,
        texts: pd.DataFrame | None = None,
        *,
        source: str = "",
        indicators: Iterable[Indicator] = (),
        criteria_by: Literal["relation", "area"] = "relation",
    ) -> AdvantageMatrix:
        """Build a matrix from a DataFrame of stances: index = areas, columns = parties.

        Parameters
        ----------
        stances : pandas.DataFrame
            ``"advantage"``, ``"disadvantage"`` or ``"both"`` in every cell.
        texts : pandas.DataFrame, optional
            Same labels; the text of each cell (missing labels give ``""``).
        source : str, default ""
            Source given to every area and cell.
        indicators, criteria_by
            As in the constructor.

        Examples
        --------
        >>> frame = pd.DataFrame({"A": ["advantage"], "B": ["both"]}, index=["ports"])
        >>> AdvantageMatrix.from_frame(frame).stance("ports", "B")
        'both'
        """
        if not isinstance(stances, pd.DataFrame):
            raise ModelError(f"stances must be a pandas DataFrame (got {type(stances).__name__})")
        parties = [str(p) for p in stances.columns]
        areas = [str(a) for a in stances.index]
        cells = []
        for area, row in zip(areas, stances.itertuples(index=False), strict=True):
            for party, stance in zip(parties, row, strict=True):
                text = ""
                if texts is not None and area in texts.index and party in texts.columns:
                    got = texts.loc[area, party]
                    text = "" if pd.isna(got) else str(got)
                cells.append(StanceCell(area, party, stance, text=text, source=source))
        return cls(
            parties,
            [Area(a, source=source) for a in areas],
            cells,
            indicators=tuple(indicators),
            criteria_by=criteria_by,
        )

    # -- accessors -------------------------------------------------------------------
    @property
    def area_names(self) -> tuple[str, ...]:
        """Names of the areas, in row order."""
        return tuple(a.name for a in self.areas)

    def _check_area(self, area: str) -> None:
        if area not in self.area_names:
            raise UnknownNameError(f"unknown area {area!r}; areas are {list(self.area_names)}")

    def _check_party(self, party: str) -> None:
        if party not in self.parties:
            raise UnknownNameError(f"unknown party {party!r}; parties are {list(self.parties)}")

    def cell(self, area: str, party: str) -> StanceCell:
        """The cell of ``party`` in ``area``."""
        self._check_area(area)
        self._check_party(party)
        return self.cells[self._index[(area, party)]]

    def stance(self, area: str, party: str) -> str:
        """The stance of ``party`` in ``area``."""
        return self.cell(area, party).stance

    def _stance_array(self) -> np.ndarray:
        return np.array([c.stance for c in self.cells], dtype=object).reshape(
            len(self.areas), len(self.parties)
        )

    # -- derived ---------------------------------------------------------------------
    def relation_names(self) -> tuple[str, ...]:
        """All relation names for these parties (whether or not an area feeds them)."""
        if len(self.parties) == 2:
            a, b = self.parties
            flows = [f"{a} strengths meet {b} weaknesses", f"{b} strengths meet {a} weaknesses"]
        else:
            flows = [f"{p} strengths meet partner weaknesses" for p in self.parties]
        return (*flows, JOINT_INNOVATION, COMMON_PROBLEMS)

    def relations(self) -> pd.DataFrame:
        """Boolean table: areas × relation names, True where the area feeds the relation."""
        strong, weak = _stance_codes(self._stance_array())
        table = _relation_table(strong, weak)
        return pd.DataFrame(
            table,
            index=pd.Index(self.area_names, name="area"),
            columns=pd.Index(self.relation_names(), name="relation"),
        )

    @property
    def complementarities(self) -> tuple[Complementarity, ...]:
        """The :class:`Complementarity` of every area, in row order."""
        stances = self._stance_array()
        strong, weak = _stance_codes(stances)
        kinds = _kinds(stances)
        table = _relation_table(strong, weak)
        names = self.relation_names()
        parties = np.array(self.parties, dtype=object)
        out = []
        for i, area in enumerate(self.area_names):
            kind = str(kinds[i])
            if kind == "complementary":
                providers = parties[stances[i] == "advantage"]
                receivers = parties[stances[i] == "disadvantage"]
                label = f"{', '.join(providers)} → {', '.join(receivers)}"
            else:
                label = {
                    "mixed": "mixed",
                    "shared-strength": "joint innovation",
                    "shared-weakness": "common problem",
                }[kind]
            out.append(
                Complementarity(
                    area=area,
                    kind=kind,  # type: ignore[arg-type]
                    label=label,
                    strong=tuple(parties[strong[i]]),
                    weak=tuple(parties[weak[i]]),
                    relations=tuple(n for n, on in zip(names, table[i], strict=True) if on),
                )
            )
        return tuple(out)

    def complementarity_of(self, area: str) -> Complementarity:
        """The :class:`Complementarity` of one area."""
        self._check_area(area)
        return self.complementarities[self.area_names.index(area)]

    def complementarity(self) -> pd.DataFrame:
        """One row per area: ``kind``, ``label``, ``strong``, ``weak``, ``relations``.

        ``strong``, ``weak`` and ``relations`` are joined with ``", "`` / ``"; "``.
        """
        comps = self.complementarities
        return pd.DataFrame(
            {
                "kind": [c.kind for c in comps],
                "label": [c.label for c in comps],
                "strong": [", ".join(c.strong) for c in comps],
                "weak": [", ".join(c.weak) for c in comps],
                "relations": ["; ".join(c.relations) for c in comps],
            },
            index=pd.Index(self.area_names, name="area"),
        )

    def criteria(self, challenges: Iterable[Challenge] = ()) -> tuple[Criterion, ...]:
        """The criteria of the ranking problem derived from the matrix and the challenges.

        Parameters
        ----------
        challenges : iterable of Challenge, default ()
            Each adds its exposure (cost) and/or relief (benefit) criterion.

        Returns
        -------
        tuple of Criterion
            Complementarity criteria first (relation order, or area order with
            ``criteria_by="area"``), then the challenges' criteria in order.

        Raises
        ------
        ModelError
            Two derived criteria with the same name (e.g. a challenge named
            like an area) or repeated challenge keys.

        Examples
        --------
        >>> m = AdvantageMatrix(
        ...     ["A", "B"],
        ...     ["market", "chips"],
        ...     [
        ...         StanceCell("market", "A", "advantage"),
        ...         StanceCell("market", "B", "disadvantage"),
        ...         StanceCell("chips", "A", "disadvantage"),
        ...         StanceCell("chips", "B", "advantage"),
        ...     ],
        ... )
        >>> crit = m.criteria([Challenge("1", "export controls")])
        >>> [(c.name, c.direction, c.group) for c in crit]  # doctest: +NORMALIZE_WHITESPACE
        [('A strengths meet B weaknesses', 'benefit', 'complementarity'),
         ('B strengths meet A weaknesses', 'benefit', 'complementarity'),
         ('exposure to export controls', 'cost', 'exposure')]
        """
        challenges = tuple(challenges)
        for ch in challenges:
            if not isinstance(ch, Challenge):
                raise ModelError(f"challenges must be Challenge objects (got {ch!r})")
        _unique([c.key for c in challenges], "challenge keys")
        comps = self.complementarities
        out: list[Criterion] = []
        if self.criteria_by == "area":
            for comp in comps:
                detail = _type_phrase(comp)
                out.append(
                    Criterion(
                        comp.area,
                        direction="benefit",
                        group=COMPLEMENTARITY_GROUP,
                        description=(
                            f"How far the alternative uses the complementarity in {comp.area} "
                            f"({comp.label}: {detail})."
                        ),
                    )
                )
        else:
            table = self.relations()
            for k, relation in enumerate(table.columns):
                fed = [a for a, on in zip(self.area_names, table.iloc[:, k], strict=True) if on]
                if not fed:
                    continue
                out.append(
                    Criterion(
                        relation,
                        direction="benefit",
                        group=COMPLEMENTARITY_GROUP,
                        description=(
                            f"How far the alternative uses {self._relation_phrase(k)}; "
                            f"areas: {', '.join(fed)}."
                        ),
                    )
                )
        for ch in challenges:
            out.extend(ch.derived_criteria())
        _unique([c.name for c in out], "derived criterion names")
        return tuple(out)

    def _relation_phrase(self, k: int) -> str:
        n = len(self.parties)
        if k < n:
            party = self.parties[k]
            others = self.parties[1 - k] if n == 2 else "a partner"
            return f"{party}'s strengths where {others} is weak"
        if k == n:
            return "strengths shared by at least two parties (joint innovation)"
        return "weaknesses shared by at least two parties (common problems solved together)"

    # -- derived matrices (never mutate) ---------------------------------------------
    def with_stance(
        self,
        area: str,
        party: str,
        stance: Stance,
        *,
        text: str | None = None,
        source: str | None = None,
    ) -> AdvantageMatrix:
        """A new matrix with the stance of ``party`` in ``area`` changed.

        The cell keeps its text and source unless new ones are given.

        Examples
        --------
        >>> frame = pd.DataFrame({"A": ["advantage"], "B": ["disadvantage"]}, index=["x"])
        >>> m = AdvantageMatrix.from_frame(frame)
        >>> m.with_stance("x", "B", "advantage").complementarity_of("x").label
        'joint innovation'
        >>> m.stance("x", "B")
        'disadvantage'
        """
        old = self.cell(area, party)
        new = StanceCell(
            area,
            party,
            stance,
            text=old.text if text is None else text,
            source=old.source if source is None else source,
        )
        cells = list(self.cells)
        cells[self._index[(area, party)]] = new
        return replace(self, cells=tuple(cells))

    # -- tables ----------------------------------------------------------------------
    def to_frame(self, *, texts: bool = False) -> pd.DataFrame:
        """The matrix as a table: one row per area, a stance column per party.

        The last column, ``complementarity``, is the area's label. With
        ``texts=True`` a ``"<party> text"`` column follows each party's stance.
        """
        data: dict[str, list[str]] = {}
        for j, party in enumerate(self.parties):
            column = self.cells[j :: len(self.parties)]
            data[party] = [c.stance for c in column]
            if texts:
                data[f"{party} text"] = [c.text for c in column]
        data["complementarity"] = [c.label for c in self.complementarities]
        return pd.DataFrame(data, index=pd.Index(self.area_names, name="area"))

    def indicators_frame(self) -> pd.DataFrame:
        """One row per indicator: name, value, unit, year, party, area, source, note."""
        columns = ["name", "value", "unit", "year", "party", "area", "source", "note"]
        rows = [[getattr(ind, c) for c in columns] for ind in self.indicators]
        frame = pd.DataFrame(rows, columns=columns)
        frame["value"] = frame["value"].astype(float)
        frame["year"] = frame["year"].astype("Int64")
        return frame

    def __str__(self) -> str:
        return self.to_frame().to_string()

    def _repr_html_(self) -> str:
        """The matrix as an HTML table, party cells coloured by stance, stance texts on hover."""
        title = f"advantage matrix: {len(self.areas)} areas × {', '.join(self.parties)}"
        texts = self.to_frame(texts=True)
        tips = texts[[f"{p} text" for p in self.parties]].set_axis(list(self.parties), axis=1)
        return stance_table_html(title, self.to_frame(), self.parties, tips)


def _type_phrase(comp: Complementarity) -> str:
    strong = ", ".join(comp.strong) or "no party"
    weak = ", ".join(comp.weak) or "no party"
    return f"strong: {strong}; weak: {weak}"
