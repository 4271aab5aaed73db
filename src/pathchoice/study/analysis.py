"""A whole analysis: evidence, criteria, alternatives, scores, judgements and scenarios.

An :class:`Analysis` holds everything a model file holds (see ``docs/model-file.md``):

* metadata (title, source, a notice on what the default numbers are, the scale);
* an optional :class:`~pathchoice.study.matrix.AdvantageMatrix` and the
  :class:`~pathchoice.study.matrix.Challenge` list, from which the criteria are
  derived (plus any extra, user-defined criteria);
* one or more named alternative sets (e.g. ``"paths"`` and ``"modes"``);
* the performance of every alternative on every criterion, each a
  :class:`Score` with its reason and source;
* the AHP hierarchy (:class:`HierarchySpec`): nodes, and at each node either
  pairwise :class:`Judgement` records or :class:`DirectWeight` records, each with
  its reason and source;
* named :class:`Scenario` overlays that change judgements, weights or scores;
* :class:`Case` records (precedents linked to alternatives as evidence).

It is checked once at construction and immutable: every ``with_*`` method returns
a new analysis. Error messages name the offending item by its location in the
model file (``performance.paths."Data pilot zones".infrastructure``), so the
same message serves code and files.

The data flow is one way: ``Analysis → decision_model() → Model``,
``Analysis → hierarchy() → Node → weights()``, and ``rank()`` joins the two.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from ..exceptions import (
    ContradictoryJudgementError,
    DisconnectedJudgementsError,
    HierarchyError,
    ModelError,
    PairwiseMatrixError,
    UnknownNameError,
    WeightsError,
)
from ..model import Criterion, Model
from ..weights import SUM_TOLERANCE
from .matrix import AdvantageMatrix, Challenge

if TYPE_CHECKING:  # imported where used, so loading a model file needs neither AHP nor ranking
    from ..ahp import HierarchyResult, Node
    from ..results import RankingResult

__all__ = [
    "Alternative",
    "AlternativeSet",
    "Analysis",
    "Case",
    "CaseLink",
    "DirectWeight",
    "HierarchyNode",
    "HierarchySpec",
    "Judgement",
    "Metadata",
    "Scenario",
    "Score",
    "key_path",
]

#: Relative tolerance for two judgements of the same pair to count as reciprocal.
RECIPROCITY_TOLERANCE = 1e-9

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


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
        elif _BARE_KEY.match(str(key)):
            parts.append(str(key))
        else:
            parts.append(json.dumps(str(key), ensure_ascii=False))
    return ".".join(parts)


def _string(value: object, where: str, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        kind = "a string" if empty else "a non-empty string"
        raise ModelError(f"{where}: expected {kind}, got {value!r}")
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise ModelError(f"{where}: expected a number, got {value!r}")
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
        _string(self.title, "metadata.title", empty=False)
        for attr in ("source", "notice", "description", "scale"):
            _string(getattr(self, attr), f"metadata.{attr}")
        applied = tuple(self.applied_scenarios)
        for i, name in enumerate(applied):
            _string(name, key_path("metadata", "applied_scenarios", i), empty=False)
        object.__setattr__(self, "applied_scenarios", applied)


@dataclass(frozen=True)
class Alternative:
    """One alternative (a path, a cooperation mode) with its description and source."""

    name: str
    description: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        _string(self.name, "alternative name", empty=False)
        _string(self.description, f"alternative {self.name!r}: description")
        _string(self.source, f"alternative {self.name!r}: source")


@dataclass(frozen=True)
class AlternativeSet:
    """A named set of alternatives ranked together (e.g. ``"paths"``)."""

    name: str
    alternatives: tuple[Alternative, ...]
    description: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        where = key_path("sets", self.name) if isinstance(self.name, str) else "sets"
        _string(self.name, "alternative set name", empty=False)
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
        _string(self.description, f"{where}.description")
        _string(self.source, f"{where}.source")

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the alternatives, in order."""
        return tuple(a.name for a in self.alternatives)


@dataclass(frozen=True)
class Score:
    """The performance of one alternative on one criterion, with its reason and source."""

    alternative_set: str
    alternative: str
    criterion: str
    value: float
    reason: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        where = self.location
        object.__setattr__(self, "value", _number(self.value, where))
        _string(self.reason, f"{where}.reason")
        _string(self.source, f"{where}.source")

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
            _string(getattr(self, attr), f"{where}: {attr}", empty=False)
        object.__setattr__(self, "value", _number(self.value, f"{where}: value"))
        _string(self.reason, f"{where}: reason")
        _string(self.source, f"{where}: source")


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
        _string(self.node, f"{where}: node", empty=False)
        _string(self.child, f"{where}: child", empty=False)
        object.__setattr__(self, "value", _number(self.value, f"{where}: value"))
        _string(self.reason, f"{where}: reason")
        _string(self.source, f"{where}: source")


@dataclass(frozen=True)
class HierarchyNode:
    """A node of the AHP hierarchy; children are node names or criterion names."""

    name: str
    children: tuple[str, ...]
    description: str = ""

    def __post_init__(self) -> None:
        _string(self.name, "hierarchy node name", empty=False)
        children = (self.children,) if isinstance(self.children, str) else tuple(self.children)
        where = key_path("hierarchy", "nodes", self.name, "children")
        if not children:
            raise HierarchyError(f"{where}: a node needs at least one child")
        seen: set[str] = set()
        for i, child in enumerate(children):
            _string(child, key_path("hierarchy", "nodes", self.name, "children", i), empty=False)
            if child in seen:
                raise HierarchyError(f"{where}: child {child!r} appears more than once")
            seen.add(child)
        object.__setattr__(self, "children", children)
        _string(self.description, key_path("hierarchy", "nodes", self.name, "description"))


@dataclass(frozen=True)
class HierarchySpec:
    """The AHP hierarchy: a root, nodes, and judgements or direct weights per node.

    Judgements are kept grouped by node in node order (the order a model file
    writes them), each node's judgements in the order given; direct weights in
    node order and, within a node, in the order of its children.
    """

    root: str
    nodes: tuple[HierarchyNode, ...]
    judgements: tuple[Judgement, ...] = ()
    weights: tuple[DirectWeight, ...] = ()

    def __post_init__(self) -> None:
        _string(self.root, "hierarchy.root", empty=False)
        nodes = tuple(self.nodes)
        for node in nodes:
            if not isinstance(node, HierarchyNode):
                raise HierarchyError(f"hierarchy.nodes: expected HierarchyNode, got {node!r}")
        names = [n.name for n in nodes]
        for name in names:
            if names.count(name) > 1:
                raise HierarchyError(
                    f"{key_path('hierarchy', 'nodes', name)}: node defined more than once"
                )
        order = {n: i for i, n in enumerate(names)}

        def rank(record: Judgement | DirectWeight) -> int:
            if not isinstance(record, (Judgement, DirectWeight)):
                raise HierarchyError(f"hierarchy: expected Judgement/DirectWeight, got {record!r}")
            if record.node not in order:
                raise UnknownNameError(
                    f"{key_path('hierarchy', 'nodes', record.node)}: "
                    f"{type(record).__name__.lower()} names unknown node {record.node!r}; "
                    f"nodes are {names}"
                )
            return order[record.node]

        object.__setattr__(self, "nodes", nodes)
        object.__setattr__(self, "judgements", tuple(sorted(self.judgements, key=rank)))
        by_name = {n.name: n for n in nodes}

        def weight_rank(record: DirectWeight) -> tuple[int, int]:
            children = by_name[record.node].children if record.node in by_name else ()
            index = children.index(record.child) if record.child in children else len(children)
            return (rank(record), index)

        object.__setattr__(self, "weights", tuple(sorted(self.weights, key=weight_rank)))

    def node(self, name: str) -> HierarchyNode:
        """The node called ``name``."""
        for node in self.nodes:
            if node.name == name:
                return node
        raise UnknownNameError(
            f"unknown hierarchy node {name!r}; nodes are {[n.name for n in self.nodes]}"
        )

    def judgements_at(self, name: str) -> tuple[Judgement, ...]:
        """The judgements of node ``name``, in order."""
        return tuple(j for j in self.judgements if j.node == name)

    def weights_at(self, name: str) -> tuple[DirectWeight, ...]:
        """The direct weights of node ``name``, in order."""
        return tuple(w for w in self.weights if w.node == name)


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
        _string(self.name, "scenario name", empty=False)
        where = key_path("scenarios", self.name)
        _string(self.description, f"{where}.description")
        _string(self.source, f"{where}.source")
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
        _string(self.alternative_set, "case link set", empty=False)
        _string(self.alternative, "case link alternative", empty=False)
        _string(self.note, f"case link to {self.alternative!r}: note")


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
        _string(self.name, "case name", empty=False)
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
            _string(getattr(self, attr), f"{where}: {attr}")


# -- the analysis ------------------------------------------------------------------


@dataclass(frozen=True)
class Analysis(FrameDisplay):
    """A complete, checked, immutable multi-criteria analysis.

    Parameters
    ----------
    metadata : Metadata
        Title, source, notice, scale.
    alternative_sets : sequence of AlternativeSet
        At least one set; the first is the default of :meth:`rank`.
    performance : iterable of Score
        Exactly one score per (set, alternative, criterion). Kept in set,
        alternative, criterion order.
    hierarchy_spec : HierarchySpec
        The AHP hierarchy whose leaves are exactly the criteria.
    matrix : AdvantageMatrix or None, default None
        Source of the complementarity criteria (with ``challenges``).
    challenges : sequence of Challenge, default ()
        Each yields exposure and/or relief criteria.
    extra_criteria : sequence of Criterion, default ()
        Criteria not derived from the matrix and challenges.
    scenarios : sequence of Scenario, default ()
        Named overlays, applied with :meth:`with_scenario`.
    cases : sequence of Case, default ()
        Precedents linked to alternatives.

    Raises
    ------
    ModelError, UnknownNameError, HierarchyError, WeightsError, PairwiseMatrixError
        With the location of the offending item, e.g.
        ``performance.paths."Data pilot zones": missing score for criterion 'x'``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame(
    ...     {"cost": [3.0, 5.0, 4.0], "reach": [0.4, 0.9, 0.7]}, index=["X", "Y", "Z"]
    ... )
    >>> a = Analysis.from_frame(frame, directions={"cost": "cost"}, title="toy")
    >>> a.criterion_names
    ('cost', 'reach')
    >>> a.decision_model().shape
    (3, 2)
    """

    metadata: Metadata
    alternative_sets: tuple[AlternativeSet, ...]
    performance: tuple[Score, ...]
    hierarchy_spec: HierarchySpec
    matrix: AdvantageMatrix | None = None
    challenges: tuple[Challenge, ...] = ()
    extra_criteria: tuple[Criterion, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    cases: tuple[Case, ...] = ()
    _criteria: tuple[Criterion, ...] = field(default=(), init=False, repr=False, compare=False)
    _tree: Any = field(default=None, init=False, repr=False, compare=False)
    _weights: dict[tuple[str, str], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if not isinstance(self.metadata, Metadata):
            raise ModelError(f"metadata: expected Metadata, got {type(self.metadata).__name__}")
        if self.matrix is not None and not isinstance(self.matrix, AdvantageMatrix):
            raise ModelError(f"matrix: expected AdvantageMatrix, got {type(self.matrix).__name__}")
        if not isinstance(self.hierarchy_spec, HierarchySpec):
            raise ModelError(
                f"hierarchy: expected HierarchySpec, got {type(self.hierarchy_spec).__name__}"
            )
        for attr in (
            "alternative_sets",
            "performance",
            "challenges",
            "extra_criteria",
            "scenarios",
            "cases",
        ):
            object.__setattr__(self, attr, tuple(getattr(self, attr)))
        criteria = derive_criteria(self.matrix, self.challenges, self.extra_criteria)
        if not criteria:
            raise ModelError("criteria: an analysis needs at least one criterion")
        object.__setattr__(self, "_criteria", criteria)
        sets = _check_sets(self.alternative_sets)
        names = tuple(c.name for c in criteria)
        object.__setattr__(self, "performance", _check_performance(self.performance, sets, names))
        _check_hierarchy(self.hierarchy_spec, names)
        _check_scenarios(self.scenarios, self.hierarchy_spec, sets, names)
        _check_cases(self.cases, sets, self.matrix)
        object.__setattr__(self, "_tree", _build_tree(self.hierarchy_spec))
        for i, applied in enumerate(self.metadata.applied_scenarios):
            if applied not in {s.name for s in self.scenarios}:
                raise UnknownNameError(
                    f"{key_path('metadata', 'applied_scenarios', i)}: unknown scenario "
                    f"{applied!r}; scenarios are {[s.name for s in self.scenarios]}"
                )

    # -- convenience constructor --------------------------------------------------------
    @classmethod
    def from_frame(
        cls,
        performance: pd.DataFrame,
        *,
        directions: Mapping[str, str] | str | None = None,
        weights: Mapping[str, float] | pd.Series | None = None,
        matrix: AdvantageMatrix | None = None,
        challenges: Sequence[Challenge] = (),
        reasons: pd.DataFrame | None = None,
        source: str = "",
        title: str = "analysis",
        notice: str = "",
        set_name: str = "alternatives",
    ) -> Analysis:
        """An analysis from a performance DataFrame (index = alternatives, columns = criteria).

        With a ``matrix`` (and ``challenges``) the derived criteria must all be
        columns; other columns become extra criteria with the given
        ``directions`` (benefit by default). The hierarchy is flat: the root
        ``"goal"`` with the criteria as children and direct ``weights`` (equal
        weights when none are given).

        Parameters
        ----------
        performance : pandas.DataFrame
            Numbers; one row per alternative, one column per criterion.
        directions : mapping or {"benefit", "cost"}, optional
            Directions of the extra criteria.
        weights : mapping or Series, optional
            Criterion weights summing to 1.
        matrix, challenges
            Derive criteria from an advantage/disadvantage matrix.
        reasons : pandas.DataFrame, optional
            Same labels as ``performance``: a reason per score.
        source : str, default ""
            Source given to every score and weight.
        title, notice : str
            Metadata.
        set_name : str, default "alternatives"
            Name of the single alternative set.
        """
        if not isinstance(performance, pd.DataFrame):
            raise ModelError(
                f"performance must be a pandas DataFrame (got {type(performance).__name__})"
            )
        columns = [str(c) for c in performance.columns]
        derived = derive_criteria(matrix, tuple(challenges), ())
        derived_names = [c.name for c in derived]
        missing = [n for n in derived_names if n not in columns]
        if missing:
            raise ModelError(
                f"performance is missing derived criteria {missing}; columns are {columns}"
            )
        extra_names = [c for c in columns if c not in derived_names]
        if isinstance(directions, str) or directions is None:
            resolved = {n: directions or "benefit" for n in extra_names}
        else:
            unknown = [k for k in directions if k not in extra_names]
            if unknown:
                raise UnknownNameError(
                    f"directions names unknown or derived criteria {unknown}; "
                    f"extra criteria are {extra_names}"
                )
            resolved = {n: directions.get(n, "benefit") for n in extra_names}
        extra = tuple(Criterion(n, direction=resolved[n]) for n in extra_names)  # type: ignore[arg-type]
        names = derived_names + extra_names
        alternatives = [str(a) for a in performance.index]
        frame = performance.set_axis(columns, axis=1).set_axis(alternatives, axis=0)
        scores = []
        for alt in alternatives:
            for crit in names:
                reason = ""
                if reasons is not None and alt in reasons.index and crit in reasons.columns:
                    got = reasons.loc[alt, crit]
                    reason = "" if pd.isna(got) else str(got)
                value = frame.loc[alt, crit]
                scores.append(Score(set_name, alt, crit, value, reason=reason, source=source))
        if weights is None:
            w = dict.fromkeys(names, 1.0 / len(names))
            why = "equal weights (no weights given)"
        else:
            w = {str(k): v for k, v in dict(weights).items()}
            why = "weight given by the user"
        return cls(
            metadata=Metadata(title=title, source=source, notice=notice),
            alternative_sets=(
                AlternativeSet(set_name, tuple(Alternative(a) for a in alternatives)),
            ),
            performance=tuple(scores),
            hierarchy_spec=HierarchySpec(
                root="goal",
                nodes=(HierarchyNode("goal", tuple(names)),),
                weights=tuple(
                    DirectWeight("goal", k, v, reason=why, source=source) for k, v in w.items()
                ),
            ),
            matrix=matrix,
            challenges=tuple(challenges),
            extra_criteria=extra,
        )

    # -- accessors -------------------------------------------------------------------
    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """All criteria: derived from the matrix and challenges, then the extra ones."""
        return self._criteria

    @property
    def criterion_names(self) -> tuple[str, ...]:
        """Names of all criteria, in order."""
        return tuple(c.name for c in self._criteria)

    @property
    def set_names(self) -> tuple[str, ...]:
        """Names of the alternative sets, in order."""
        return tuple(s.name for s in self.alternative_sets)

    @property
    def scenario_names(self) -> tuple[str, ...]:
        """Names of the scenarios, in order."""
        return tuple(s.name for s in self.scenarios)

    @property
    def has_judgements(self) -> bool:
        """Whether the hierarchy has pairwise judgements (the judgement analysis needs some)."""
        return bool(self.hierarchy_spec.judgements)

    def alternative_set(self, name: str | None = None) -> AlternativeSet:
        """The alternative set called ``name`` (the first set if ``None``)."""
        if name is None:
            return self.alternative_sets[0]
        for s in self.alternative_sets:
            if s.name == name:
                return s
        raise UnknownNameError(
            f"unknown alternative set {name!r}; alternative sets are {list(self.set_names)}"
        )

    def scenario(self, name: str) -> Scenario:
        """The scenario called ``name``."""
        for s in self.scenarios:
            if s.name == name:
                return s
        raise UnknownNameError(
            f"unknown scenario {name!r}; scenarios are {list(self.scenario_names)}"
        )

    def alternatives_frame(self, alternative_set: str | None = None) -> pd.DataFrame:
        """One row per alternative of the set: description and source."""
        s = self.alternative_set(alternative_set)
        return pd.DataFrame(
            {
                "description": [a.description for a in s.alternatives],
                "source": [a.source for a in s.alternatives],
            },
            index=pd.Index(s.names, name="alternative"),
        )

    def criteria_frame(self) -> pd.DataFrame:
        """One row per criterion: direction, group and description."""
        return pd.DataFrame(
            {
                "direction": [c.direction for c in self._criteria],
                "group": [c.group for c in self._criteria],
                "description": [c.description for c in self._criteria],
            },
            index=pd.Index(self.criterion_names, name="criterion"),
        )

    def performance_frame(self, alternative_set: str | None = None) -> pd.DataFrame:
        """The scores of one set: alternatives × criteria (numbers only)."""
        s = self.alternative_set(alternative_set)
        values = np.array(
            [sc.value for sc in self.performance if sc.alternative_set == s.name], dtype=float
        ).reshape(len(s.alternatives), len(self._criteria))
        return pd.DataFrame(
            values,
            index=pd.Index(s.names, name="alternative"),
            columns=pd.Index(self.criterion_names, name="criterion"),
        )

    def reasons_frame(self, alternative_set: str | None = None) -> pd.DataFrame:
        """The reasons of one set's scores: alternatives × criteria (strings)."""
        s = self.alternative_set(alternative_set)
        reasons = [sc.reason for sc in self.performance if sc.alternative_set == s.name]
        n = len(self._criteria)
        return pd.DataFrame(
            [reasons[i * n : (i + 1) * n] for i in range(len(s.alternatives))],
            index=pd.Index(s.names, name="alternative"),
            columns=pd.Index(self.criterion_names, name="criterion"),
        )

    def cases_frame(self) -> pd.DataFrame:
        """One row per case: actors, fields, contents, source and linked alternatives."""
        return pd.DataFrame(
            {
                "actors": ["; ".join(f"{p}: {a}" for p, a in c.actors) for c in self.cases],
                "fields": [c.fields for c in self.cases],
                "contents": [c.contents for c in self.cases],
                "source": [c.source for c in self.cases],
                "evidence for": [
                    "; ".join(f"{ln.alternative_set}: {ln.alternative}" for ln in c.links)
                    for c in self.cases
                ],
            },
            index=pd.Index([c.name for c in self.cases], name="case"),
        )

    def cases_for(self, alternative: str, alternative_set: str | None = None) -> tuple[Case, ...]:
        """The cases linked to ``alternative`` as evidence of its feasibility."""
        s = self.alternative_set(alternative_set)
        if alternative not in s.names:
            raise UnknownNameError(
                f"unknown alternative {alternative!r} in set {s.name!r}; "
                f"alternatives are {list(s.names)}"
            )
        return tuple(
            c
            for c in self.cases
            if any(ln.alternative_set == s.name and ln.alternative == alternative for ln in c.links)
        )

    # -- the decision problem --------------------------------------------------------
    def decision_model(self, alternative_set: str | None = None) -> Model:
        """The :class:`~pathchoice.Model` of one alternative set (the first if ``None``)."""
        s = self.alternative_set(alternative_set)
        return Model(
            s.names,
            self._criteria,
            self.performance_frame(s.name).to_numpy(),
            name=f"{self.metadata.title}: {s.name}",
        )

    def hierarchy(self) -> Node:
        """The AHP hierarchy as a :class:`pathchoice.ahp.Node` tree (leaves are criteria).

        Built and checked once, when the analysis is made; the same tree is
        returned on every call.
        """
        return self._tree  # type: ignore[no-any-return]

    def weights(self, *, method: str = "eigenvector", ri_table: str = "saaty") -> HierarchyResult:
        """The AHP result of the hierarchy (``.global_weights`` per criterion, ``.local``).

        Computed once per ``(method, ri_table)`` and kept: the analysis is
        immutable, so the same result is returned on every call.

        Parameters
        ----------
        method, ri_table : str
            Passed to :func:`pathchoice.ahp.hierarchy_weights`.
        """
        from ..ahp import hierarchy_weights

        key = (method, ri_table)
        if key not in self._weights:
            self._weights[key] = hierarchy_weights(self._tree, method=method, ri_table=ri_table)
        return self._weights[key]  # type: ignore[no-any-return]

    def rank(
        self,
        alternative_set: str | None = None,
        method: str = "topsis",
        *,
        weights: Mapping[str, float] | pd.Series | None = None,
        **options: Any,
    ) -> RankingResult:
        """Rank one alternative set with the hierarchy's weights (or the given ones).

        Parameters
        ----------
        alternative_set : str, optional
            The set to rank (the first if ``None``).
        method : str, default "topsis"
            A method of :func:`pathchoice.ranking.rank`.
        weights : mapping or Series, optional
            Criterion weights to use instead of the hierarchy's global weights.
        **options
            Passed to the ranking method (e.g. ``normalization="vector"``).

        Returns
        -------
        RankingResult
        """
        from ..ranking import rank

        model = self.decision_model(alternative_set)
        w = self.weights().global_weights if weights is None else weights
        return rank(model, w, method=method, **options)

    # -- derived analyses (never mutate) ----------------------------------------------
    def with_scenario(self, name: str) -> Analysis:
        """The analysis with the named scenario's overlays applied.

        Raises
        ------
        UnknownNameError
            If there is no scenario of that name (the message lists the known ones).
        """
        scenario = self.scenario(name)
        applied = self._overlay(scenario.judgements, scenario.weights, scenario.scores)
        meta = replace(
            self.metadata, applied_scenarios=(*self.metadata.applied_scenarios, scenario.name)
        )
        return replace(applied, metadata=meta)

    def with_score(
        self,
        alternative_set: str,
        alternative: str,
        criterion: str,
        value: float,
        *,
        reason: str,
        source: str = "",
    ) -> Analysis:
        """A new analysis with one score replaced."""
        score = Score(alternative_set, alternative, criterion, value, reason=reason, source=source)
        _check_score_key(score, _set_names(self.alternative_sets), self.criterion_names, "")
        return self._overlay((), (), (score,))

    def with_judgement(
        self, node: str, a: str, b: str, value: float, *, reason: str, source: str = ""
    ) -> Analysis:
        """A new analysis with the judgement of ``(a, b)`` at ``node`` set (or added)."""
        return self._overlay((Judgement(node, a, b, value, reason=reason, source=source),), (), ())

    def with_weights(
        self, node: str, weights: Mapping[str, float], *, reason: str, source: str = ""
    ) -> Analysis:
        """A new analysis whose ``node`` uses the given direct local weights."""
        records = tuple(
            DirectWeight(node, str(k), v, reason=reason, source=source)
            for k, v in dict(weights).items()
        )
        return self._overlay((), records, ())

    def with_matrix(self, matrix: AdvantageMatrix) -> Analysis:
        """A new analysis with another matrix (its derived criteria must still be scored)."""
        return replace(self, matrix=matrix)

    def _overlay(
        self,
        judgements: Sequence[Judgement],
        weights: Sequence[DirectWeight],
        scores: Sequence[Score],
    ) -> Analysis:
        spec = self.hierarchy_spec
        node_names = {n.name for n in spec.nodes}
        for rec in (*judgements, *weights):
            if rec.node not in node_names:
                raise UnknownNameError(
                    f"unknown hierarchy node {rec.node!r}; nodes are {[n.name for n in spec.nodes]}"
                )
        new_j = list(spec.judgements)
        new_w = list(spec.weights)
        reweighted = {w.node for w in weights}
        new_j = [j for j in new_j if j.node not in reweighted]
        new_w = [w for w in new_w if w.node not in reweighted] + list(weights)
        for j in judgements:
            if spec.weights_at(j.node) and j.node not in reweighted:
                raise HierarchyError(
                    f"node {j.node!r} uses direct weights; a judgement cannot be overlaid on it"
                )
            pair = {j.a, j.b}
            idx = [
                i for i, old in enumerate(new_j) if old.node == j.node and {old.a, old.b} == pair
            ]
            if idx:
                new_j[idx[0]] = j
                for i in reversed(idx[1:]):
                    del new_j[i]
            else:
                new_j.append(j)
        by_key = {s.key: s for s in scores}
        performance = tuple(by_key.get(s.key, s) for s in self.performance)
        unknown = [s for s in scores if s.key not in {p.key for p in self.performance}]
        if unknown:
            _check_score_key(
                unknown[0], _set_names(self.alternative_sets), self.criterion_names, ""
            )
        new_spec = HierarchySpec(spec.root, spec.nodes, tuple(new_j), tuple(new_w))
        return replace(self, performance=performance, hierarchy_spec=new_spec)

    # -- provenance ------------------------------------------------------------------
    def provenance(self) -> pd.DataFrame:
        """Every score, judgement and direct weight, baseline and scenario, with reason and source.

        Columns: ``kind`` (``"score"``, ``"judgement"``, ``"weight"``), ``scenario``
        (``""`` for the baseline), ``alternative_set``, ``alternative``,
        ``criterion``, ``node``, ``a``, ``b`` (the judgement's pair or the
        weight's child in ``a``), ``value``, ``reason``, ``source`` and
        ``location`` (where the record lives in a model file).
        """
        empty = dict.fromkeys(("alternative_set", "alternative", "criterion", "node", "a", "b"), "")

        def row(
            record: Score | Judgement | DirectWeight, scenario: str, location: str
        ) -> dict[str, Any]:
            if isinstance(record, Score):
                kind = "score"
                names = {
                    "alternative_set": record.alternative_set,
                    "alternative": record.alternative,
                    "criterion": record.criterion,
                }
            elif isinstance(record, Judgement):
                kind, names = "judgement", {"node": record.node, "a": record.a, "b": record.b}
            else:
                kind, names = "weight", {"node": record.node, "a": record.child}
            return {
                **empty,
                **names,
                "kind": kind,
                "scenario": scenario,
                "value": record.value,
                "reason": record.reason,
                "source": record.source,
                "location": location,
            }

        rows = [row(s, "", s.location) for s in self.performance]
        spec = self.hierarchy_spec
        for node in spec.nodes:
            at = ("hierarchy", "nodes", node.name)
            for i, j in enumerate(spec.judgements_at(node.name)):
                rows.append(row(j, "", key_path(*at, "judgements", i)))
            for w in spec.weights_at(node.name):
                rows.append(row(w, "", key_path(*at, "weights", w.child)))
        for sc in self.scenarios:
            for key in ("judgements", "weights", "scores"):
                for i, record in enumerate(getattr(sc, key)):
                    rows.append(row(record, sc.name, key_path("scenarios", sc.name, key, i)))
        columns = [
            "kind",
            "scenario",
            "alternative_set",
            "alternative",
            "criterion",
            "node",
            "a",
            "b",
            "value",
            "reason",
            "source",
            "location",
        ]
        frame = pd.DataFrame(rows, columns=columns)
        frame["value"] = frame["value"].astype(float)
        return frame

    def __repr__(self) -> str:
        sets = ", ".join(f"{s.name}: {len(s.alternatives)}" for s in self.alternative_sets)
        return (
            f"<Analysis {self.metadata.title!r}: {len(self._criteria)} criteria; "
            f"alternatives {sets}; {len(self.scenarios)} scenarios>"
        )

    def _display_title(self) -> str:
        return self.metadata.title

    def _display_frame(self) -> pd.DataFrame:
        frame = self.criteria_frame()[["direction", "group"]]
        return frame.assign(weight=self.weights().global_weights.reindex(frame.index))

    def _display_notes(self) -> tuple[str, ...]:
        sets = ", ".join(f"{s.name} ({len(s.alternatives)})" for s in self.alternative_sets)
        notes = [f"alternative sets: {sets}"]
        if self.scenarios:
            notes.append(f"scenarios: {', '.join(s.name for s in self.scenarios)}")
        if self.metadata.applied_scenarios:
            notes.append(f"applied: {', '.join(self.metadata.applied_scenarios)}")
        if self.metadata.source:
            notes.append(f"source: {self.metadata.source}")
        return tuple(notes)


# -- validation helpers (messages carry model-file locations) -----------------------


def _build_tree(spec: HierarchySpec) -> Node:
    """The checked :class:`~pathchoice.ahp.Node` tree of ``spec``, built without recursion."""
    from ..ahp import Node

    nodes = {n.name: n for n in spec.nodes}
    built: dict[str, Node] = {}
    order: list[str] = []
    stack = [spec.root]
    while stack:  # depth-first pre-order; built in reverse so children exist first
        name = stack.pop()
        order.append(name)
        stack.extend(c for c in nodes[name].children if c in nodes)
    for name in reversed(order):
        node = nodes[name]
        children = [built[c] if c in nodes else c for c in node.children]
        weights = spec.weights_at(name)
        judgements = spec.judgements_at(name)
        if weights:
            built[name] = Node(name, children, weights={w.child: w.value for w in weights})
        elif judgements:
            built[name] = Node(name, children, judgements={(j.a, j.b): j.value for j in judgements})
        else:
            built[name] = Node(name, children)
    return built[spec.root]


def derive_criteria(
    matrix: AdvantageMatrix | None,
    challenges: tuple[Challenge, ...],
    extra: tuple[Criterion, ...],
) -> tuple[Criterion, ...]:
    for i, ch in enumerate(challenges):
        if not isinstance(ch, Challenge):
            raise ModelError(f"{key_path('challenges', i)}: expected Challenge, got {ch!r}")
    for i, c in enumerate(extra):
        if not isinstance(c, Criterion):
            raise ModelError(f"{key_path('criteria', i)}: expected Criterion, got {c!r}")
    keys = [ch.key for ch in challenges]
    for i, k in enumerate(keys):
        if k in keys[:i]:
            raise ModelError(f"{key_path('challenges', i)}: duplicate challenge key {k!r}")
    if matrix is not None:
        derived = matrix.criteria(challenges)
    else:
        derived = tuple(c for ch in challenges for c in ch.derived_criteria())
    names = [c.name for c in derived]
    for c in extra:
        if c.name in names:
            raise ModelError(
                f"{key_path('criteria', c.name)}: criterion {c.name!r} is defined more than once "
                "(it is also derived from the matrix or the challenges)"
            )
        names.append(c.name)
    return (*derived, *extra)


def _set_names(sets: Sequence[AlternativeSet]) -> dict[str, tuple[str, ...]]:
    return {s.name: s.names for s in sets}


def _check_sets(sets: tuple[AlternativeSet, ...]) -> dict[str, tuple[str, ...]]:
    if not sets:
        raise ModelError("sets: an analysis needs at least one alternative set")
    out: dict[str, tuple[str, ...]] = {}
    for s in sets:
        if not isinstance(s, AlternativeSet):
            raise ModelError(f"sets: expected AlternativeSet, got {s!r}")
        if s.name in out:
            raise ModelError(f"{key_path('sets', s.name)}: duplicate alternative set {s.name!r}")
        out[s.name] = s.names
    return out


def _check_score_key(
    score: Score, sets: Mapping[str, tuple[str, ...]], criteria: Sequence[str], prefix: str
) -> None:
    where = prefix or score.location
    if score.alternative_set not in sets:
        raise UnknownNameError(
            f"{where}: unknown alternative set {score.alternative_set!r}; "
            f"alternative sets are {list(sets)}"
        )
    if score.alternative not in sets[score.alternative_set]:
        raise UnknownNameError(
            f"{where}: unknown alternative {score.alternative!r} in set "
            f"{score.alternative_set!r}; alternatives are {list(sets[score.alternative_set])}"
        )
    if score.criterion not in criteria:
        raise UnknownNameError(
            f"{where}: unknown criterion {score.criterion!r}; criteria are {list(criteria)}"
        )


def _check_performance(
    scores: tuple[Score, ...], sets: Mapping[str, tuple[str, ...]], criteria: tuple[str, ...]
) -> tuple[Score, ...]:
    cells: dict[tuple[str, str, str], Score] = {}
    for s in scores:
        if not isinstance(s, Score):
            raise ModelError(f"performance: expected Score, got {s!r}")
        _check_score_key(s, sets, criteria, "")
        if s.key in cells:
            raise ModelError(f"{s.location}: score given more than once")
        cells[s.key] = s
    ordered = []
    for set_name, alts in sets.items():
        for alt in alts:
            missing = [c for c in criteria if (set_name, alt, c) not in cells]
            if missing:
                raise ModelError(
                    f"{key_path('performance', set_name, alt)}: missing score for criteria "
                    f"{missing}"
                )
            ordered.extend(cells[(set_name, alt, c)] for c in criteria)
    return tuple(ordered)


def _check_judgements(
    node: HierarchyNode,
    judgements: Sequence[Judgement],
    where: Sequence[str],
    *,
    connected: bool = True,
) -> None:
    """Pairs among the node's children, positive values, no contradictions, connected."""
    seen: dict[frozenset[str], Judgement] = {}
    for j, loc in zip(judgements, where, strict=True):
        for label in (j.a, j.b):
            if label not in node.children:
                raise UnknownNameError(
                    f"{loc}: judgement names {label!r}, which is not a child of node "
                    f"{node.name!r}; children are {list(node.children)}"
                )
        if j.a == j.b:
            raise PairwiseMatrixError(f"{loc}: judgement compares {j.a!r} with itself")
        if j.value <= 0:
            raise PairwiseMatrixError(
                f"{loc}: judgement ({j.a!r}, {j.b!r}) must be positive (got {j.value:g})"
            )
        pair = frozenset((j.a, j.b))
        if pair in seen:
            old = seen[pair]
            expected = old.value if old.a == j.a else 1.0 / old.value
            if not math.isclose(j.value, expected, rel_tol=RECIPROCITY_TOLERANCE):
                raise ContradictoryJudgementError(
                    f"{loc}: judgement ({j.a!r}, {j.b!r}) = {j.value:g} contradicts "
                    f"({old.a!r}, {old.b!r}) = {old.value:g} (expected {expected:.6g})"
                )
            raise PairwiseMatrixError(
                f"{loc}: the pair ({j.a!r}, {j.b!r}) is judged more than once at node {node.name!r}"
            )
        seen[pair] = j
    if connected and len(node.children) > 1:
        parent = {c: c for c in node.children}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for pair in seen:
            a, b = tuple(pair)
            parent[find(a)] = find(b)
        groups: dict[str, list[str]] = {}
        for c in node.children:
            groups.setdefault(find(c), []).append(c)
        if len(groups) > 1:
            parts = sorted(groups.values(), key=len)
            raise DisconnectedJudgementsError(
                f"{key_path('hierarchy', 'nodes', node.name, 'judgements')}: the judgements do "
                f"not connect {parts[0]} to the other children of node {node.name!r}"
            )


def _check_weights(node: HierarchyNode, weights: Sequence[DirectWeight], where: str) -> None:
    given = [w.child for w in weights]
    for w in weights:
        if w.child not in node.children:
            raise UnknownNameError(
                f"{where}.{key_path(w.child)}: weight for {w.child!r}, which is not a child of "
                f"node {node.name!r}; children are {list(node.children)}"
            )
        if given.count(w.child) > 1:
            raise WeightsError(f"{where}: weight for {w.child!r} given more than once")
        if w.value < 0:
            raise WeightsError(
                f"{where}.{key_path(w.child)}: weights must not be negative (got {w.value:g})"
            )
    missing = [c for c in node.children if c not in given]
    if missing:
        raise WeightsError(f"{where}: missing weights for children {missing}")
    total = math.fsum(w.value for w in weights)
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise WeightsError(
            f"{where}: weights must sum to 1 (got {total:.6g} for {len(weights)} children)"
        )


def _check_node_weighting(
    spec: HierarchySpec,
    node: HierarchyNode,
    judgements: Sequence[Judgement],
    weights: Sequence[DirectWeight],
    where: str,
) -> None:
    if judgements and weights:
        raise HierarchyError(f"{where}: a node takes judgements or weights, not both")
    if weights:
        _check_weights(node, weights, f"{where}.weights")
    elif judgements:
        locs = [
            key_path("hierarchy", "nodes", node.name, "judgements", i)
            for i in range(len(judgements))
        ]
        _check_judgements(node, judgements, locs)
    elif len(node.children) > 1:
        raise HierarchyError(
            f"{where}: node {node.name!r} has {len(node.children)} children but neither "
            "judgements nor weights"
        )


def _check_hierarchy(spec: HierarchySpec, criteria: tuple[str, ...]) -> None:
    nodes = {n.name: n for n in spec.nodes}
    if spec.root not in nodes:
        raise UnknownNameError(
            f"hierarchy.root: unknown node {spec.root!r}; nodes are {list(nodes)}"
        )
    for name in nodes:
        if name in criteria:
            raise HierarchyError(
                f"{key_path('hierarchy', 'nodes', name)}: node name {name!r} is also a criterion"
            )
    parent: dict[str, str] = {}
    for node in spec.nodes:
        for i, child in enumerate(node.children):
            if child not in nodes and child not in criteria:
                raise UnknownNameError(
                    f"{key_path('hierarchy', 'nodes', node.name, 'children', i)}: {child!r} is "
                    f"neither a node nor a criterion; criteria are {list(criteria)}"
                )
            if child in parent:
                raise HierarchyError(
                    f"{key_path('hierarchy', 'nodes', node.name, 'children', i)}: {child!r} is "
                    f"already a child of node {parent[child]!r}"
                )
            if child == spec.root:
                raise HierarchyError(
                    f"{key_path('hierarchy', 'nodes', node.name, 'children', i)}: the root "
                    f"{child!r} cannot be a child"
                )
            parent[child] = node.name
    # reachability (with one parent each and the root parentless, this also rules out cycles)
    reached: set[str] = set()
    stack = [spec.root]
    while stack:
        name = stack.pop()
        reached.add(name)
        stack.extend(c for c in nodes[name].children if c in nodes and c not in reached)
    unreached = [n for n in nodes if n not in reached]
    if unreached:
        raise HierarchyError(
            f"{key_path('hierarchy', 'nodes', unreached[0])}: node is not reachable from the "
            f"root {spec.root!r}"
        )
    leaves = {c for n in spec.nodes for c in n.children if c not in nodes}
    missing = [c for c in criteria if c not in leaves]
    if missing:
        raise HierarchyError(f"hierarchy: criteria {missing} are not in the hierarchy")
    for node in spec.nodes:
        _check_node_weighting(
            spec,
            node,
            spec.judgements_at(node.name),
            spec.weights_at(node.name),
            key_path("hierarchy", "nodes", node.name),
        )


def _check_scenarios(
    scenarios: tuple[Scenario, ...],
    spec: HierarchySpec,
    sets: Mapping[str, tuple[str, ...]],
    criteria: tuple[str, ...],
) -> None:
    nodes = {n.name: n for n in spec.nodes}
    seen: set[str] = set()
    for sc in scenarios:
        if not isinstance(sc, Scenario):
            raise ModelError(f"scenarios: expected Scenario, got {sc!r}")
        base = key_path("scenarios", sc.name)
        if sc.name in seen:
            raise ModelError(f"{base}: duplicate scenario {sc.name!r}")
        seen.add(sc.name)
        for kind, records in (("judgements", sc.judgements), ("weights", sc.weights)):
            for i, rec in enumerate(records):
                if rec.node not in nodes:
                    raise UnknownNameError(
                        f"{key_path('scenarios', sc.name, kind, i)}: unknown hierarchy node "
                        f"{rec.node!r}; nodes are {list(nodes)}"
                    )
        reweighted = {w.node for w in sc.weights}
        for node in reweighted:
            ws = [w for w in sc.weights if w.node == node]
            _check_weights(nodes[node], ws, f"{base}.weights (node {node!r})")
        for i, j in enumerate(sc.judgements):
            loc = key_path("scenarios", sc.name, "judgements", i)
            if j.node in reweighted:
                raise HierarchyError(
                    f"{loc}: node {j.node!r} gets both judgements and weights in this scenario"
                )
            if spec.weights_at(j.node):
                raise HierarchyError(
                    f"{loc}: node {j.node!r} uses direct weights; give the scenario weights for "
                    "it, not judgements"
                )
            _check_judgements(nodes[j.node], [j], [loc], connected=False)
        pairs = [(j.node, frozenset((j.a, j.b))) for j in sc.judgements]
        for i, p in enumerate(pairs):
            if p in pairs[:i]:
                raise ContradictoryJudgementError(
                    f"{key_path('scenarios', sc.name, 'judgements', i)}: the pair "
                    f"{tuple(sorted(p[1]))} at node {p[0]!r} is overlaid more than once"
                )
        keys = []
        for i, s in enumerate(sc.scores):
            loc = key_path("scenarios", sc.name, "scores", i)
            _check_score_key(s, sets, criteria, loc)
            if s.key in keys:
                raise ModelError(f"{loc}: the score {s.location} is overlaid more than once")
            keys.append(s.key)


def _check_cases(
    cases: tuple[Case, ...], sets: Mapping[str, tuple[str, ...]], matrix: AdvantageMatrix | None
) -> None:
    names: set[str] = set()
    for i, case in enumerate(cases):
        loc = key_path("cases", i)
        if not isinstance(case, Case):
            raise ModelError(f"{loc}: expected Case, got {case!r}")
        if case.name in names:
            raise ModelError(f"{loc}: duplicate case {case.name!r}")
        names.add(case.name)
        if matrix is not None:
            for party, _ in case.actors:
                if party not in matrix.parties:
                    raise UnknownNameError(
                        f"{key_path('cases', i, 'actors')}: unknown party {party!r}; parties "
                        f"are {list(matrix.parties)}"
                    )
        for k, link in enumerate(case.links):
            where = key_path("cases", i, "evidence", k)
            if link.alternative_set not in sets:
                raise UnknownNameError(
                    f"{where}: unknown alternative set {link.alternative_set!r}; "
                    f"alternative sets are {list(sets)}"
                )
            if link.alternative not in sets[link.alternative_set]:
                raise UnknownNameError(
                    f"{where}: unknown alternative {link.alternative!r} in set "
                    f"{link.alternative_set!r}"
                )
