"""The :class:`Analysis`: everything a model file holds, checked once and immutable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..._display import FrameDisplay
from ...exceptions import ArgumentError, ModelError, UnknownNameError
from ...model import Criterion, Model
from ..matrix import AdvantageMatrix, Challenge
from ..panel import Panel, weighting_tree
from ..settings import StudySettings
from ._checks import (
    check_cases,
    check_performance,
    check_scenarios,
    check_score_key,
    check_sets,
    derive_criteria,
    set_names,
)
from ._frame import analysis_from_frame
from ._records import (
    AlternativeSet,
    Case,
    DirectWeight,
    Judgement,
    Metadata,
    Scenario,
    Score,
    key_path,
)
from ._tree import check_tree, hierarchy_records, overlay

if TYPE_CHECKING:  # imported where used, so loading a model file needs no ranking
    from ...ahp import HierarchyResult, Node
    from ...results import RankingResult

__all__ = ["Analysis"]


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
    hierarchy_tree : pathchoice.ahp.Node
        The AHP hierarchy, its leaves exactly the criteria (each once); each
        judgement's or direct weight's reason and source a
        :class:`~pathchoice.ahp.Note` of its node.
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
    hierarchy_tree: Node
    matrix: AdvantageMatrix | None = None
    challenges: tuple[Challenge, ...] = ()
    extra_criteria: tuple[Criterion, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    cases: tuple[Case, ...] = ()
    panel: Panel | None = None
    settings: StudySettings | None = None
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
        sets = check_sets(self.alternative_sets)
        names = tuple(c.name for c in criteria)
        object.__setattr__(self, "performance", check_performance(self.performance, sets, names))
        check_tree(self.hierarchy_tree, names)
        object.__setattr__(self, "_tree", weighting_tree(self))
        check_scenarios(self.scenarios, self.hierarchy_tree, sets, names)
        check_cases(self.cases, sets, self.matrix)
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
        return analysis_from_frame(
            cls,
            performance,
            directions=directions,
            weights=weights,
            matrix=matrix,
            challenges=challenges,
            reasons=reasons,
            source=source,
            title=title,
            notice=notice,
            set_name=set_name,
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
        return bool(hierarchy_records(self.hierarchy_tree)[0])

    def alternative_set(self, name: str | None = None) -> AlternativeSet:
        """The alternative set called ``name`` (the first set if ``None``)."""
        if name is None:
            return self.alternative_sets[0]
        if not isinstance(name, str):
            raise ArgumentError(f"an alternative set name must be a string (got {name!r})")
        for s in self.alternative_sets:
            if s.name == name:
                return s
        raise UnknownNameError(
            f"unknown alternative set {name!r}; alternative sets are {list(self.set_names)}"
        )

    def scenario(self, name: str) -> Scenario:
        """The scenario called ``name``.

        Raises
        ------
        ArgumentError
            ``name`` is not a string (e.g. a list of names: apply several
            scenarios one after the other).
        UnknownNameError
            There is no scenario of that name (the message lists the known ones,
            or says that the analysis has none).
        """
        if not isinstance(name, str):
            hint = ""
            if isinstance(name, list | tuple):
                hint = (
                    "; to apply several, apply them one after the other, e.g. "
                    "analysis.with_scenario('a').with_scenario('b')"
                )
            raise ArgumentError(f"a scenario name must be a string (got {name!r}){hint}")
        for s in self.scenarios:
            if s.name == name:
                return s
        if not self.scenarios:
            raise UnknownNameError(f"unknown scenario {name!r}; the analysis has no scenarios")
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

    @property
    def hierarchy_spec(self) -> Any:
        """Removed: the hierarchy is the :class:`~pathchoice.ahp.Node` :attr:`hierarchy_tree`."""
        raise AttributeError(
            "Analysis.hierarchy_spec was removed: the hierarchy is the pathchoice.ahp.Node tree "
            "Analysis.hierarchy_tree (judgement and weight records: "
            "pathchoice.study.analysis.hierarchy_records(analysis.hierarchy_tree))"
        )

    def hierarchy(self) -> Node:
        """The AHP hierarchy the weights come from, a :class:`pathchoice.ahp.Node` tree.

        :attr:`hierarchy_tree` itself, or, when the settings take the weights
        from the panel or one of its members, that hierarchy. Built and checked
        once, when the analysis is made; the same tree is returned on every call.
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
        from ...ahp import hierarchy_weights

        key = (method, ri_table)
        if key not in self._weights:
            self._weights[key] = hierarchy_weights(
                self._tree, criteria=self.criterion_names, method=method, ri_table=ri_table
            )
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
        from ...ranking import rank

        model = self.decision_model(alternative_set)
        w = self.weights().global_weights if weights is None else weights
        return rank(model, w, method=method, **options)

    # -- derived analyses (never mutate) ----------------------------------------------
    def with_scenario(self, name: str) -> Analysis:
        """The analysis with the named scenario's overlays applied.

        Raises
        ------
        ArgumentError
            ``name`` is not one scenario name (a string).
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
        check_score_key(score, set_names(self.alternative_sets), self.criterion_names, "")
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
        tree = overlay(self.hierarchy_tree, judgements, weights)
        by_key = {s.key: s for s in scores}
        performance = tuple(by_key.get(s.key, s) for s in self.performance)
        unknown = [s for s in scores if s.key not in {p.key for p in self.performance}]
        if unknown:
            check_score_key(unknown[0], set_names(self.alternative_sets), self.criterion_names, "")
        panel = None
        if self.panel is not None:
            panel = self.panel.overridden_by(tuple(judgements), frozenset(w.node for w in weights))
        return replace(self, performance=performance, hierarchy_tree=tree, panel=panel)

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
        judgements, weights = hierarchy_records(self.hierarchy_tree)
        for name in self.hierarchy_tree.node_names:
            at = ("hierarchy", "nodes", name)
            for i, j in enumerate(j for j in judgements if j.node == name):
                rows.append(row(j, "", key_path(*at, "judgements", i)))
            for w in weights:
                if w.node == name:
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
