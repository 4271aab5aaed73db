"""The records of an advantage/disadvantage matrix: areas, cells, items, indicators, challenges."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ...exceptions import ModelError
from ...model import Criterion

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


def check_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ModelError(f"{what} must be a string (got {value!r})")
    return value


def check_name(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ModelError(f"{what} must be a non-empty string (got {value!r})")
    return value


def check_unique(names: Sequence[str], what: str) -> None:
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
        check_name(self.name, "area name")
        check_text(self.description, f"area {self.name!r}: description")
        check_text(self.source, f"area {self.name!r}: source")


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
        check_name(self.area, "cell area")
        check_name(self.party, "cell party")
        if self.stance not in STANCES:
            raise ModelError(
                f"cell ({self.area!r}, {self.party!r}): stance must be one of "
                f"{list(STANCES)} (got {self.stance!r})"
            )
        check_text(self.text, f"cell ({self.area!r}, {self.party!r}): text")
        check_text(self.source, f"cell ({self.area!r}, {self.party!r}): source")

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
        check_name(self.name, "indicator name")
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
                object.__setattr__(
                    self, attr, check_finite(got, f"indicator {self.name!r}: {attr}")
                )
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
                check_name(got, f"indicator {self.name!r}: {attr}")
        for attr in ("unit", "source", "note", "worded"):
            check_text(getattr(self, attr), f"indicator {self.name!r}: {attr}")
        supports = (self.supports,) if isinstance(self.supports, str) else tuple(self.supports)
        for name in supports:
            check_name(name, f"indicator {self.name!r}: supports")
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


def check_finite(value: object, what: str) -> float:
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
        check_name(self.party, "item party")
        check_name(self.area, "item area")
        check_name(self.topic, f"item ({self.area!r}, {self.party!r}): topic")
        where = f"item ({self.area!r}, {self.party!r}, {self.topic!r})"
        if self.kind not in ITEM_KINDS:
            raise ModelError(f"{where}: kind must be one of {list(ITEM_KINDS)} (got {self.kind!r})")
        for attr in ("text", "source", "note"):
            check_text(getattr(self, attr), f"{where}: {attr}")
        if self.challenge is not None:
            check_name(self.challenge, f"{where}: challenge")


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
        check_name(self.name, "challenge item name")
        check_text(self.text, f"challenge item {self.name!r}: text")
        check_text(self.source, f"challenge item {self.name!r}: source")


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
        check_name(self.key, "challenge key")
        check_name(self.name, f"challenge {self.key!r}: name")
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
        check_unique(criteria, f"challenge {self.key!r}: criteria")
        object.__setattr__(self, "criteria", criteria)
        for attr in ("title", "description", "source"):
            check_text(getattr(self, attr), f"challenge {self.key!r}: {attr}")
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
        return tuple(challenge_criterion_name(kind, self.name) for kind in self.criteria)

    def derived_criteria(self) -> tuple[Criterion, ...]:
        """The criteria this challenge yields (see the module docstring)."""
        out = []
        for kind in self.criteria:
            label = f"challenge {self.key}" + (f" ({self.title})" if self.title else "")
            if kind == "exposure":
                out.append(
                    Criterion(
                        challenge_criterion_name(kind, self.name),
                        direction="cost",
                        group=EXPOSURE_GROUP,
                        description=f"How far the alternative is exposed to {label}.",
                    )
                )
            else:
                out.append(
                    Criterion(
                        challenge_criterion_name(kind, self.name),
                        direction="benefit",
                        group=RELIEF_GROUP,
                        description=f"How far the alternative relieves {label}.",
                    )
                )
        return tuple(out)


def challenge_criterion_name(kind: str, name: str) -> str:
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
