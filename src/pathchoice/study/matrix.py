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
    "INDICATOR_QUALIFIERS",
    "ITEM_KINDS",
    "RELIEF_GROUP",
    "STANCES",
    "AdvantageMatrix",
    "Area",
    "Challenge",
    "ChallengeItem",
    "Complementarity",
    "Indicator",
    "Item",
    "Stance",
    "StanceCell",
    "TopicRelation",
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
#: The relation names of an itemised matrix (named for what they are: a shared
#: strength is not yet an innovation, a shared weakness not yet a solved problem).
SHARED_STRENGTHS = "shared strengths"
SHARED_WEAKNESSES = "shared weaknesses"
#: The kinds an item may take.
ITEM_KINDS: tuple[str, ...] = ("advantage", "disadvantage")
#: How an indicator's figure is worded: exact (""), or with the paper's qualifier.
INDICATOR_QUALIFIERS: tuple[str, ...] = (
    "",
    "about",
    "more than",
    "less than",
    "nearly",
    "up to",
    "at least",
    "between",
)


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
    """A number behind a stance (e.g. 5G base stations, AI adoption rate), as worded.

    Parameters
    ----------
    name : str
        What is measured.
    value : float or None
        The figure as printed (finite); ``None`` only for a range
        (``qualifier="between"``), which has no single figure.
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
    qualifier : str, default ""
        How the source words the figure: ``""`` (as exact), ``"about"``,
        ``"more than"``, ``"less than"``, ``"nearly"``, ``"up to"``,
        ``"at least"`` or ``"between"`` (a range from ``low`` to ``high``).
    low, high : float or None, default None
        The bounds the wording implies. ``"more than"`` and ``"at least"``
        set ``low = value`` and ``"less than"``, ``"nearly"`` and ``"up to"``
        set ``high = value`` when not given; ``"between"`` needs both.
    worded : str, default ""
        The source's own wording of the figure (shown instead of the number).
    supports : tuple of str, default ()
        The criteria whose scores rest on this figure.

    Examples
    --------
    >>> gap = Indicator("Digital talent gap", None, unit="million people",
    ...                 qualifier="between", low=25, high=30)
    >>> gap.shown
    '25 to 30 million people'
    >>> Indicator("Aged 65 and over", 29, unit="%", qualifier="more than").low
    29.0
    """

    name: str
    value: float | None
    unit: str = ""
    year: int | None = None
    party: str | None = None
    area: str | None = None
    source: str = ""
    note: str = ""
    qualifier: str = ""
    low: float | None = None
    high: float | None = None
    worded: str = ""
    supports: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _name(self.name, "indicator name")
        if self.qualifier not in INDICATOR_QUALIFIERS:
            raise ModelError(
                f"indicator {self.name!r}: qualifier must be one of "
                f"{list(INDICATOR_QUALIFIERS)} (got {self.qualifier!r})"
            )
        if self.value is None and self.qualifier != "between":
            raise ModelError(
                f"indicator {self.name!r}: value may be left out only for a range "
                "(qualifier 'between')"
            )
        for attr in ("value", "low", "high"):
            got = getattr(self, attr)
            if got is not None:
                object.__setattr__(self, attr, _finite(got, f"indicator {self.name!r}: {attr}"))
        value = self.value
        if self.qualifier in ("more than", "at least") and self.low is None:
            object.__setattr__(self, "low", value)
        if self.qualifier in ("less than", "nearly", "up to") and self.high is None:
            object.__setattr__(self, "high", value)
        if self.qualifier == "between" and (self.low is None or self.high is None):
            raise ModelError(f"indicator {self.name!r}: a range ('between') needs low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ModelError(
                f"indicator {self.name!r}: low ({self.low:g}) is above high ({self.high:g})"
            )
        if value is not None and (
            (self.low is not None and value < self.low)
            or (self.high is not None and value > self.high)
        ):
            raise ModelError(
                f"indicator {self.name!r}: value {value:g} lies outside its bounds "
                f"[{self.low}, {self.high}]"
            )
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
        for attr in ("unit", "source", "note", "worded"):
            _text(getattr(self, attr), f"indicator {self.name!r}: {attr}")
        supports = (self.supports,) if isinstance(self.supports, str) else tuple(self.supports)
        for name in supports:
            _name(name, f"indicator {self.name!r}: supports")
        object.__setattr__(self, "supports", supports)

    @property
    def shown(self) -> str:
        """The figure as the source words it (``worded``, else qualifier, number and unit)."""
        if self.worded:
            return self.worded
        unit = f" {self.unit}" if self.unit and self.unit != "%" else self.unit
        if self.qualifier == "between":
            return f"{self.low:g} to {self.high:g}{unit}"
        figure = f"{self.value:g}{unit}"
        return f"{self.qualifier} {figure}" if self.qualifier else figure


def _finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise ModelError(f"{what} must be a number (got {value!r})")
    if not math.isfinite(float(value)):
        raise ModelError(f"{what} must be finite (got {value!r})")
    return float(value)


@dataclass(frozen=True)
class Item:
    """One advantage or disadvantage of one party, with the topic it is about.

    Complementarity is derived per topic (within an area): a topic where one
    party has an advantage and another a disadvantage is a one-way
    complementarity; two parties' advantages on one topic are a shared
    strength, two disadvantages a shared weakness. A topic that is the subject
    of a challenge (``challenge``) is counted under that challenge's criteria
    and not under the complementarity criteria, so it is never counted twice.

    Parameters
    ----------
    party, area : str
        The column and row of the matrix the item belongs to.
    topic : str
        What the item is about; items of different parties on the same topic
        (in the same area) meet.
    kind : {"advantage", "disadvantage"}
    text : str, default ""
        The source's wording.
    source : str, default ""
        Where it is stated (``"Table 4"``, ``"Section 5.2.3"``, ...).
    challenge : str or None, default None
        Key of the challenge whose subject this topic is (e.g. ``"5.3"``).
    note : str, default ""
        Free text (e.g. why the topic was matched so).

    Examples
    --------
    >>> Item("Japan", "Digital talents", "talent", "disadvantage", challenge="5.3").challenge
    '5.3'
    """

    party: str
    area: str
    topic: str
    kind: Literal["advantage", "disadvantage"]
    text: str = ""
    source: str = ""
    challenge: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _name(self.party, "item party")
        _name(self.area, "item area")
        _name(self.topic, f"item ({self.area!r}, {self.party!r}): topic")
        where = f"item ({self.area!r}, {self.party!r}, {self.topic!r})"
        if self.kind not in ITEM_KINDS:
            raise ModelError(f"{where}: kind must be one of {list(ITEM_KINDS)} (got {self.kind!r})")
        for attr in ("text", "source", "note"):
            _text(getattr(self, attr), f"{where}: {attr}")
        if self.challenge is not None:
            _name(self.challenge, f"{where}: challenge")


@dataclass(frozen=True)
class TopicRelation:
    """What one topic of an itemised matrix yields, derived from its items.

    Attributes
    ----------
    area, topic : str
    strong, weak : tuple of str
        The parties with an advantage / a disadvantage on the topic.
    label : str
        ``"one-way: China → Japan"``, ``"two-way"``, ``"joint strength"``,
        ``"shared weakness"``, combinations joined by ``" + "``, or
        ``"unmatched"`` (no party's strength meets another's weakness, no
        strength or weakness shared).
    relations : tuple of str
        The relations the topic takes part in.
    challenge : str or None
        The challenge the topic is counted under instead (then it feeds no
        complementarity criterion).
    """

    area: str
    topic: str
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    label: str
    relations: tuple[str, ...]
    challenge: str | None


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
    kind : str
        The type (see the module docstring): for a matrix of stances
        ``"complementary"``, ``"shared-strength"``, ``"shared-weakness"`` or
        ``"mixed"``; for an itemised matrix ``"one-way"``, ``"two-way"``,
        ``"multi-way"``, ``"shared-strength"``, ``"shared-weakness"``,
        ``"combined"`` or ``"unmatched"``, from its topics.
    label : str
        Readable label: ``"China → Japan"``, ``"joint innovation"``,
        ``"common problem"`` or ``"mixed"``; itemised: ``"one-way: China →
        Japan"``, ``"two-way"``, ``"joint strength"``, ``"shared weakness"``,
        combinations joined by ``" + "``, or ``"unmatched"``.
    strong, weak : tuple of str
        The parties with a strength / a weakness in the area (a ``"both"``
        party is in both).
    relations : tuple of str
        The relation criteria the area feeds.
    """

    area: str
    kind: str
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
    items: tuple[Item, ...] = ()
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
        items = tuple(self.items)
        if items:
            _check_items(items, parties, area_names, slots)
        object.__setattr__(self, "items", items)

    @classmethod
    def from_items(
        cls,
        parties: Sequence[str],
        areas: Sequence[Area | str],
        items: Iterable[Item],
        *,
        indicators: Iterable[Indicator] = (),
        criteria_by: Literal["relation", "area"] = "relation",
    ) -> AdvantageMatrix:
        """Build an itemised matrix: each cell's stance and text follow from its items.

        Every party needs at least one item in every area. A cell is
        ``"advantage"``, ``"disadvantage"`` or ``"both"`` as its items are;
        its text lists them (``"Advantage: ...; ... Disadvantage: ..."``) and
        its source joins theirs.

        Examples
        --------
        >>> m = AdvantageMatrix.from_items(["A", "B"], ["chips"], [
        ...     Item("A", "chips", "design", "advantage"),
        ...     Item("A", "chips", "patents", "disadvantage"),
        ...     Item("B", "chips", "patents", "advantage"),
        ...     Item("B", "chips", "design", "disadvantage"),
        ... ])
        >>> m.stance("chips", "A"), m.complementarity_of("chips").label
        ('both', 'two-way')
        """
        items = tuple(items)
        for item in items:
            if not isinstance(item, Item):
                raise ModelError(f"items must be Item objects (got {item!r})")
        area_objs = tuple(a if isinstance(a, Area) else Area(_name(a, "area name")) for a in areas)
        cells = []
        for area in area_objs:
            for party in parties:
                own = [i for i in items if i.area == area.name and i.party == party]
                if not own:
                    raise ModelError(
                        f"itemised matrix: party {party!r} has no item in area {area.name!r}; "
                        "every party needs at least one advantage or disadvantage in every area"
                    )
                cells.append(
                    StanceCell(
                        area.name,
                        party,
                        _stance_of(own),
                        text=_cell_text(own),
                        source="; ".join(dict.fromkeys(i.source for i in own if i.source)),
                    )
                )
        return cls(
            tuple(parties),
            area_objs,
            cells,
            indicators=tuple(indicators),
            criteria_by=criteria_by,
            items=items,
        )

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
        if self.items:
            return (*flows, SHARED_STRENGTHS, SHARED_WEAKNESSES)
        return (*flows, JOINT_INNOVATION, COMMON_PROBLEMS)

    @property
    def itemised(self) -> bool:
        """Whether the matrix holds items (complementarity derived per topic)."""
        return bool(self.items)

    def _topic_table(self) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray, np.ndarray]:
        """Topics (area order, then first appearance), their strong/weak arrays and relations."""
        area_pos = {a: k for k, a in enumerate(self.area_names)}
        keys = sorted(
            dict.fromkeys((i.area, i.topic) for i in self.items), key=lambda k: area_pos[k[0]]
        )
        t_index = {k: n for n, k in enumerate(keys)}
        p_index = {p: n for n, p in enumerate(self.parties)}
        ti = np.array([t_index[(i.area, i.topic)] for i in self.items], dtype=int)
        pi = np.array([p_index[i.party] for i in self.items], dtype=int)
        adv = np.array([i.kind == "advantage" for i in self.items], dtype=bool)
        strong = np.zeros((len(keys), len(self.parties)), dtype=bool)
        weak = np.zeros_like(strong)
        strong[ti[adv], pi[adv]] = True
        weak[ti[~adv], pi[~adv]] = True
        return keys, strong, weak, _relation_table(strong, weak)

    @property
    def topic_relations(self) -> tuple[TopicRelation, ...]:
        """What every topic of an itemised matrix yields (empty for a matrix of stances)."""
        if not self.items:
            return ()
        keys, strong, weak, table = self._topic_table()
        challenge = {(i.area, i.topic): i.challenge for i in self.items}
        names = self.relation_names()
        parties = np.array(self.parties, dtype=object)
        return tuple(
            TopicRelation(
                area=area,
                topic=topic,
                strong=tuple(parties[strong[t]]),
                weak=tuple(parties[weak[t]]),
                label=_topic_label(table[t], strong[t], weak[t], self.parties)[1],
                relations=tuple(n for n, on in zip(names, table[t], strict=True) if on),
                challenge=challenge[(area, topic)],
            )
            for t, (area, topic) in enumerate(keys)
        )

    def topics(self) -> pd.DataFrame:
        """One row per topic of an itemised matrix: strong, weak, label, relations, challenge.

        Examples
        --------
        >>> m = AdvantageMatrix.from_items(["A", "B"], ["net"], [
        ...     Item("A", "net", "5G", "advantage"), Item("B", "net", "5G", "disadvantage")])
        >>> m.topics().loc[("net", "5G"), "label"]
        'one-way: A → B'
        """
        rel = self.topic_relations
        return pd.DataFrame(
            {
                "strong": [", ".join(r.strong) for r in rel],
                "weak": [", ".join(r.weak) for r in rel],
                "label": [r.label for r in rel],
                "relations": ["; ".join(r.relations) for r in rel],
                "challenge": [r.challenge or "" for r in rel],
            },
            index=pd.MultiIndex.from_tuples(
                [(r.area, r.topic) for r in rel] or None, names=["area", "topic"]
            )
            if rel
            else pd.MultiIndex.from_arrays([[], []], names=["area", "topic"]),
        )

    def items_frame(self) -> pd.DataFrame:
        """One row per item: party, area, topic, kind, text, source, challenge, note."""
        columns = ["party", "area", "topic", "kind", "text", "source", "challenge", "note"]
        rows = [[getattr(i, c) or "" for c in columns] for i in self.items]
        return pd.DataFrame(rows, columns=columns)

    def _area_relation_table(self) -> np.ndarray:
        """Per area, which relations its topics feed (challenge topics excluded)."""
        keys, _, _, table = self._topic_table()
        challenge = {(i.area, i.topic): i.challenge for i in self.items}
        counted = np.array([challenge[k] is None for k in keys], dtype=bool)
        area_of = np.array([self.area_names.index(a) for a, _ in keys], dtype=int)
        out = np.zeros((len(self.areas), table.shape[1]), dtype=bool)
        rows, cols = np.nonzero(table & counted[:, None])
        out[area_of[rows], cols] = True
        return out

    def relations(self) -> pd.DataFrame:
        """Boolean table: areas × relation names, True where the area feeds the relation.

        For an itemised matrix an area feeds a relation when one of its topics
        does and that topic is not the subject of a challenge.
        """
        if self.items:
            table = self._area_relation_table()
        else:
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
        if self.items:
            return self._itemised_complementarities()
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

    def _itemised_complementarities(self) -> tuple[Complementarity, ...]:
        keys, strong_t, weak_t, table_t = self._topic_table()
        n_areas = len(self.areas)
        area_of = np.array([self.area_names.index(a) for a, _ in keys], dtype=int)
        strong = np.zeros((n_areas, len(self.parties)), dtype=bool)
        weak = np.zeros_like(strong)
        table = np.zeros((n_areas, table_t.shape[1]), dtype=bool)
        for arr, src in ((strong, strong_t), (weak, weak_t), (table, table_t)):
            rows, cols = np.nonzero(src)
            arr[area_of[rows], cols] = True
        counted = self._area_relation_table()
        names = self.relation_names()
        parties = np.array(self.parties, dtype=object)
        out = []
        for i, area in enumerate(self.area_names):
            kind, label = _topic_label(table[i], strong[i], weak[i], self.parties)
            out.append(
                Complementarity(
                    area=area,
                    kind=kind,
                    label=label,
                    strong=tuple(parties[strong[i]]),
                    weak=tuple(parties[weak[i]]),
                    relations=tuple(n for n, on in zip(names, counted[i], strict=True) if on),
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
        keys = {c.key for c in challenges}
        for item in self.items:
            if item.challenge is not None and item.challenge not in keys:
                raise UnknownNameError(
                    f"item ({item.area!r}, {item.party!r}, {item.topic!r}) names challenge "
                    f"{item.challenge!r}, which is not among the challenges {sorted(keys)}"
                )
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
            topics = self.topic_relations
            for k, relation in enumerate(table.columns):
                fed = [a for a, on in zip(self.area_names, table.iloc[:, k], strict=True) if on]
                if not fed:
                    continue
                if self.items:
                    listed = [
                        f"{t.area} ({t.topic})"
                        for t in topics
                        if t.challenge is None and relation in t.relations
                    ]
                    where = f"topics: {'; '.join(listed)}"
                else:
                    where = f"areas: {', '.join(fed)}"
                out.append(
                    Criterion(
                        relation,
                        direction="benefit",
                        group=COMPLEMENTARITY_GROUP,
                        description=(
                            f"How far the alternative uses {self._relation_phrase(k)}; {where}."
                        ),
                    )
                )
        for ch in challenges:
            tagged = [
                f"{t.area} ({t.topic})" for t in self.topic_relations if t.challenge == ch.key
            ]
            suffix = f"; matrix topics: {'; '.join(tagged)}." if tagged else "."
            out.extend(
                replace(crit, description=crit.description[:-1] + suffix)
                for crit in ch.derived_criteria()
            )
        _unique([c.name for c in out], "derived criterion names")
        return tuple(out)

    def _relation_phrase(self, k: int) -> str:
        n = len(self.parties)
        if k < n:
            party = self.parties[k]
            others = self.parties[1 - k] if n == 2 else "a partner"
            return f"{party}'s strengths where {others} is weak"
        if k == n:
            if self.items:
                return "strengths shared by at least two parties on the same topic"
            return "strengths shared by at least two parties (joint innovation)"
        if self.items:
            return "weaknesses shared by at least two parties on the same topic"
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
        if self.items:
            raise ModelError(
                "with_stance: this matrix is itemised; its stances follow from its items "
                "(change them with with_items)"
            )
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

    def with_items(self, items: Iterable[Item]) -> AdvantageMatrix:
        """A new itemised matrix with these items; stances, texts and criteria follow them.

        Examples
        --------
        >>> m = AdvantageMatrix.from_items(["A", "B"], ["net"], [
        ...     Item("A", "net", "5G", "advantage"), Item("B", "net", "5G", "disadvantage")])
        >>> flipped = m.with_items([Item("A", "net", "5G", "advantage"),
        ...                         Item("B", "net", "5G", "advantage")])
        >>> [c.name for c in flipped.criteria()]
        ['shared strengths']
        """
        return AdvantageMatrix.from_items(
            self.parties,
            self.areas,
            items,
            indicators=self.indicators,
            criteria_by=self.criteria_by,
        )

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

    def indicators_for(self, criterion: str) -> tuple[Indicator, ...]:
        """The indicators whose ``supports`` name ``criterion``: the figures behind its scores.

        Examples
        --------
        >>> flow = "A strengths meet B weaknesses"
        >>> m = AdvantageMatrix.from_items(["A", "B"], ["net"], [
        ...     Item("A", "net", "5G", "advantage"), Item("B", "net", "5G", "disadvantage")],
        ...     indicators=[Indicator("base stations", 2.3, supports=(flow,))])
        >>> [i.name for i in m.indicators_for(flow)]
        ['base stations']
        """
        return tuple(ind for ind in self.indicators if criterion in ind.supports)

    def indicators_frame(self) -> pd.DataFrame:
        """One row per indicator: name, value, unit, year, party, area, source, note,
        then how it is worded (``shown``, ``qualifier``, ``low``, ``high``) and the
        criteria it supports."""
        columns = ["name", "value", "unit", "year", "party", "area", "source", "note"]
        extra = ["shown", "qualifier", "low", "high", "supports"]
        rows = [
            [getattr(ind, c) for c in columns]
            + [ind.shown, ind.qualifier, ind.low, ind.high, "; ".join(ind.supports)]
            for ind in self.indicators
        ]
        frame = pd.DataFrame(rows, columns=columns + extra)
        for c in ("value", "low", "high"):
            frame[c] = frame[c].astype(float)
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


def _stance_of(items: Sequence[Item]) -> Stance:
    kinds = {i.kind for i in items}
    if kinds == {"advantage"}:
        return "advantage"
    if kinds == {"disadvantage"}:
        return "disadvantage"
    return "both"


def _cell_text(items: Sequence[Item]) -> str:
    parts = []
    for kind, label in (("advantage", "Advantage"), ("disadvantage", "Disadvantage")):
        texts = [i.text or i.topic for i in items if i.kind == kind]
        if texts:
            parts.append(f"{label}: {'; '.join(texts)}")
    return " ".join(parts)


def _check_items(
    items: tuple[Item, ...],
    parties: tuple[str, ...],
    area_names: tuple[str, ...],
    cells: Mapping[tuple[str, str], StanceCell],
) -> None:
    challenge: dict[tuple[str, str], str | None] = {}
    for item in items:
        if not isinstance(item, Item):
            raise ModelError(f"items must be Item objects (got {item!r})")
        where = f"item ({item.area!r}, {item.party!r}, {item.topic!r})"
        if item.area not in area_names:
            raise UnknownNameError(f"{where} names unknown area; areas are {list(area_names)}")
        if item.party not in parties:
            raise UnknownNameError(f"{where} names unknown party; parties are {list(parties)}")
        key = (item.area, item.topic)
        if key in challenge and challenge[key] != item.challenge:
            raise ModelError(
                f"{where}: the items of one topic must name the same challenge "
                f"(got {challenge[key]!r} and {item.challenge!r})"
            )
        challenge[key] = item.challenge
    for (area, party), cell in cells.items():
        own = [i for i in items if i.area == area and i.party == party]
        if not own:
            raise ModelError(
                f"itemised matrix: party {party!r} has no item in area {area!r}; every "
                "party needs at least one advantage or disadvantage in every area"
            )
        derived = _stance_of(own)
        if cell.stance != derived:
            raise ModelError(
                f"cell ({area!r}, {party!r}): stance {cell.stance!r} does not match its items, "
                f"which make it {derived!r}"
            )


def _topic_label(
    relations: np.ndarray, strong: np.ndarray, weak: np.ndarray, parties: Sequence[str]
) -> tuple[str, str]:
    """(kind, label) of a topic or area from its row of the relation table."""
    n = len(parties)
    providers = [parties[p] for p in range(n) if relations[p]]
    parts, kinds = [], []
    if len(providers) == 1:
        p = parties.index(providers[0])
        receivers = [parties[q] for q in range(n) if q != p and weak[q]]
        parts.append(f"one-way: {providers[0]} → {', '.join(receivers)}")
        kinds.append("one-way")
    elif providers:
        parts.append("two-way" if n == 2 else "multi-way: " + ", ".join(providers))
        kinds.append("two-way" if n == 2 else "multi-way")
    if relations[n]:
        parts.append("joint strength")
        kinds.append("shared-strength")
    if relations[n + 1]:
        parts.append("shared weakness")
        kinds.append("shared-weakness")
    if not parts:
        return "unmatched", "unmatched"
    return (kinds[0] if len(kinds) == 1 else "combined"), " + ".join(parts)
