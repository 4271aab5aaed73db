"""The records of an analysis: metadata, alternatives, scores, judgements, scenarios, cases.

The hierarchy itself is a :class:`pathchoice.ahp.Node` tree (see ``_tree``); a
:class:`Judgement` or :class:`DirectWeight` is one item of it as a file or a
scenario gives it, with its reason and source.

Each record checks its own fields when it is made and names the offending item
by its location in a model file (``performance.paths."Data pilot zones".x``);
:func:`key_path` writes such locations.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass

import numpy as np

from ...exceptions import ModelError

__all__ = [
    "Alternative",
    "AlternativeSet",
    "Case",
    "CaseLink",
    "DirectWeight",
    "Judgement",
    "Metadata",
    "Scenario",
    "Score",
    "check_number",
    "check_string",
    "key_path",
]

BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@functools.lru_cache(maxsize=4096, typed=True)  # pure, and the same places recur in a model
def key_path(*keys: str | int) -> str:
    """A TOML-style location: bare keys where possible, quoted otherwise, ``[i]`` indices.

    Examples
    --------
    >>> key_path("performance", "paths", "Data pilot zones", "infrastructure")
    'performance.paths."Data pilot zones".infrastructure'
    >>> key_path("scenarios", "rcep-deepens", "scores", 2, "value")
    'scenarios.rcep-deepens.scores[2].value'
    """
    parts: list[str] = []
    for key in keys:
        if isinstance(key, int) and not isinstance(key, bool):
            if parts:
                parts[-1] += f"[{key}]"
            else:
                parts.append(f"[{key}]")
        elif BARE_KEY.match(str(key)):
            parts.append(str(key))
        else:
            parts.append(json.dumps(str(key), ensure_ascii=False))
    return ".".join(parts)


def check_string(value: object, where: str, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        kind = "a string" if empty else "a non-empty string"
        raise ModelError(f"{where}: expected {kind}, got {value!r}")
    return value


def check_number(value: object, where: str) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        shown = value.item() if isinstance(value, np.generic) else value
        raise ModelError(f"{where}: expected a number, got {shown!r}")
    out = float(value)
    if not math.isfinite(out):
        raise ModelError(f"{where}: expected a finite number, got {value!r}")
    return out


# -- records -----------------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    """What the analysis is, where it comes from, and what its numbers are.

    Parameters
    ----------
    title : str
        Non-empty title.
    source : str, default ""
        The work the analysis is built on.
    notice : str, default ""
        What the default numbers are (e.g. illustrative judgements to replace).
    description : str, default ""
        Free text.
    scale : str, default ""
        How the performance scores are to be read.
    applied_scenarios : tuple of str, default ()
        Names of the scenarios already applied (set by :meth:`Analysis.with_scenario`).
    """

    title: str
    source: str = ""
    notice: str = ""
    description: str = ""
    scale: str = ""
    applied_scenarios: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_string(self.title, "metadata.title", empty=False)
        for attr in ("source", "notice", "description", "scale"):
            check_string(getattr(self, attr), f"metadata.{attr}")
        applied = tuple(self.applied_scenarios)
        for i, name in enumerate(applied):
            check_string(name, key_path("metadata", "applied_scenarios", i), empty=False)
        object.__setattr__(self, "applied_scenarios", applied)


@dataclass(frozen=True)
class Alternative:
    """One alternative (a path, a cooperation mode) with its description and source."""

    name: str
    description: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        check_string(self.name, "alternative name", empty=False)
        check_string(self.description, f"alternative {self.name!r}: description")
        check_string(self.source, f"alternative {self.name!r}: source")


@dataclass(frozen=True)
class AlternativeSet:
    """A named set of alternatives ranked together (e.g. ``"paths"``)."""

    name: str
    alternatives: tuple[Alternative, ...]
    description: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        where = key_path("sets", self.name) if isinstance(self.name, str) else "sets"
        check_string(self.name, "alternative set name", empty=False)
        alts = tuple(
            a if isinstance(a, Alternative) else Alternative(a)  # type: ignore[arg-type]
            for a in self.alternatives
        )
        if len(alts) < 2:
            raise ModelError(f"{where}: a set needs at least two alternatives (got {len(alts)})")
        seen: set[str] = set()
        for i, alt in enumerate(alts):
            if alt.name in seen:
                raise ModelError(
                    f"{key_path('sets', self.name, 'alternatives', i)}: "
                    f"duplicate alternative {alt.name!r}"
                )
            seen.add(alt.name)
        object.__setattr__(self, "alternatives", alts)
        check_string(self.description, f"{where}.description")
        check_string(self.source, f"{where}.source")

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the alternatives, in order."""
        return tuple(a.name for a in self.alternatives)


@dataclass(frozen=True)
class Score:
    """The performance of one alternative on one criterion, with its reason and source.

    ``low`` and ``high`` bound the score's plausible range (``None``: not
    given); ``basis`` names how well the evidence pins it down (a key of the
    analysis settings' bases, which say why the range is as wide as it is).
    """

    alternative_set: str
    alternative: str
    criterion: str
    value: float
    reason: str = ""
    source: str = ""
    low: float | None = None
    high: float | None = None
    basis: str = ""

    def __post_init__(self) -> None:
        where = self.location
        object.__setattr__(self, "value", check_number(self.value, where))
        check_string(self.reason, f"{where}.reason")
        check_string(self.source, f"{where}.source")
        check_string(self.basis, f"{where}.basis")
        for attr in ("low", "high"):
            if getattr(self, attr) is not None:
                object.__setattr__(self, attr, check_number(getattr(self, attr), f"{where}.{attr}"))
        if (self.low is not None and self.low > self.value) or (
            self.high is not None and self.high < self.value
        ):
            raise ModelError(
                f"{where}: the range [{self.low}, {self.high}] does not contain the score "
                f"{self.value:g}"
            )

    @property
    def location(self) -> str:
        """Where this score lives in a model file."""
        return key_path("performance", self.alternative_set, self.alternative, self.criterion)

    @property
    def key(self) -> tuple[str, str, str]:
        """``(alternative_set, alternative, criterion)``."""
        return (self.alternative_set, self.alternative, self.criterion)


@dataclass(frozen=True)
class Judgement:
    """A pairwise judgement at a hierarchy node: ``a`` is ``value`` times as important as ``b``."""

    node: str
    a: str
    b: str
    value: float
    reason: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        where = f"judgement ({self.a!r}, {self.b!r}) at node {self.node!r}"
        for attr in ("node", "a", "b"):
            check_string(getattr(self, attr), f"{where}: {attr}", empty=False)
        object.__setattr__(self, "value", check_number(self.value, f"{where}: value"))
        check_string(self.reason, f"{where}: reason")
        check_string(self.source, f"{where}: source")


@dataclass(frozen=True)
class DirectWeight:
    """A directly given local weight of ``child`` under hierarchy node ``node``."""

    node: str
    child: str
    value: float
    reason: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        where = f"weight of {self.child!r} at node {self.node!r}"
        check_string(self.node, f"{where}: node", empty=False)
        check_string(self.child, f"{where}: child", empty=False)
        object.__setattr__(self, "value", check_number(self.value, f"{where}: value"))
        check_string(self.reason, f"{where}: reason")
        check_string(self.source, f"{where}: source")


@dataclass(frozen=True)
class Scenario:
    """A named overlay on the baseline: new judgements, node weights or scores.

    Judgements replace the baseline judgement of the same pair at the same node
    (in either orientation) or add it. Weights replace the whole weighting of
    their node (the node then uses direct weights). Scores replace the baseline
    score of the same cell. Every record carries its own reason and source.
    """

    name: str
    description: str = ""
    source: str = ""
    judgements: tuple[Judgement, ...] = ()
    weights: tuple[DirectWeight, ...] = ()
    scores: tuple[Score, ...] = ()

    def __post_init__(self) -> None:
        check_string(self.name, "scenario name", empty=False)
        where = key_path("scenarios", self.name)
        check_string(self.description, f"{where}.description")
        check_string(self.source, f"{where}.source")
        for attr, kind in (("judgements", Judgement), ("weights", DirectWeight), ("scores", Score)):
            records = tuple(getattr(self, attr))
            for i, rec in enumerate(records):
                if not isinstance(rec, kind):
                    raise ModelError(
                        f"{key_path('scenarios', self.name, attr, i)}: expected "
                        f"{kind.__name__}, got {rec!r}"
                    )
            object.__setattr__(self, attr, records)


@dataclass(frozen=True)
class CaseLink:
    """A case cited as evidence that an alternative is feasible."""

    alternative_set: str
    alternative: str
    note: str = ""

    def __post_init__(self) -> None:
        check_string(self.alternative_set, "case link set", empty=False)
        check_string(self.alternative, "case link alternative", empty=False)
        check_string(self.note, f"case link to {self.alternative!r}: note")


@dataclass(frozen=True)
class Case:
    """A precedent (e.g. a cooperation case of Table 5) linked to alternatives as evidence.

    Parameters
    ----------
    name : str
        Unique name.
    actors : sequence of (party, actor) pairs, default ()
        Who took part on each side, e.g. ``(("China", "Huawei"), ("Japan", "operators"))``.
    fields, contents, source : str, default ""
        The field of cooperation, what was done, and where the case comes from.
    links : sequence of CaseLink, default ()
        The alternatives the case is evidence for.
    """

    name: str
    actors: tuple[tuple[str, str], ...] = ()
    fields: str = ""
    contents: str = ""
    source: str = ""
    links: tuple[CaseLink, ...] = ()

    def __post_init__(self) -> None:
        check_string(self.name, "case name", empty=False)
        where = f"case {self.name!r}"
        actors = tuple(tuple(pair) for pair in self.actors)
        for pair in actors:
            if len(pair) != 2 or not all(isinstance(x, str) for x in pair):
                raise ModelError(f"{where}: actors must be (party, actor) string pairs, got {pair}")
        object.__setattr__(self, "actors", actors)
        links = tuple(self.links)
        for link in links:
            if not isinstance(link, CaseLink):
                raise ModelError(f"{where}: links must be CaseLink objects, got {link!r}")
        object.__setattr__(self, "links", links)
        for attr in ("fields", "contents", "source"):
            check_string(getattr(self, attr), f"{where}: {attr}")
