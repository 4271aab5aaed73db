"""An expert panel: several judgement sets over one AHP hierarchy, aggregated (AIJ).

A :class:`Panel` holds :class:`PanelMember` records. A member's judgements
replace the hierarchy's at the same node and pair (in either orientation); the
hierarchy's other judgements stand, so a member only writes down where their
perspective differs. The panel's group hierarchy takes, at every node, the
weighted geometric mean of the members' judgements (aggregation of individual
judgements, AIJ [1]_) with :func:`pathchoice.ahp.aggregate_judgements`; equal
member weights unless given.

References
----------
.. [1] Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and
   priorities with the analytic hierarchy process. *European Journal of
   Operational Research* 108(1), 165–169.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from ..ahp import Node, PairwiseMatrix, aggregate_judgements, ahp_weights
from ..exceptions import ModelError, UnknownNameError, WeightsError
from .analysis._records import Judgement
from .analysis._tree import hierarchy_records, overlay

__all__ = ["PANEL_AGGREGATIONS", "Panel", "PanelMember", "weighting_tree"]

#: How a panel's judgements are combined into one hierarchy (AIJ: geometric mean).
PANEL_AGGREGATIONS: tuple[str, ...] = ("aij",)


def _text(value: object, what: str, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        kind = "a non-empty string" if not empty else "a string"
        raise ModelError(f"{what} must be {kind} (got {value!r})")
    return value


@dataclass(frozen=True)
class PanelMember:
    """One judgement set of a panel.

    Parameters
    ----------
    name : str
        Unique short name (``"china-side"``).
    title, description, source : str, default ""
        Who or what the set stands for, and where its judgements come from.
    judgements : sequence of Judgement, default ()
        Where the member differs from the hierarchy's judgements (empty: the
        hierarchy's judgements as they stand).
    weight : float or None, default None
        The member's weight in the panel; ``None`` for every member means equal.

    Examples
    --------
    >>> PanelMember("paper", title="A reading of the paper").judgements
    ()
    """

    name: str
    title: str = ""
    description: str = ""
    source: str = ""
    judgements: tuple[Judgement, ...] = ()
    weight: float | None = None

    def __post_init__(self) -> None:
        _text(self.name, "panel member name", empty=False)
        where = f"panel member {self.name!r}"
        for attr in ("title", "description", "source"):
            _text(getattr(self, attr), f"{where}: {attr}")
        judgements = tuple(self.judgements)
        seen: set[tuple[str, frozenset[str]]] = set()
        for j in judgements:
            if not isinstance(j, Judgement):
                raise ModelError(f"{where}: judgements must be Judgement records (got {j!r})")
            key = (j.node, frozenset((j.a, j.b)))
            if key in seen:
                raise ModelError(
                    f"{where}: the pair ({j.a!r}, {j.b!r}) at node {j.node!r} is judged twice"
                )
            seen.add(key)
        object.__setattr__(self, "judgements", judgements)
        if self.weight is not None:
            w = self.weight
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w):
                raise WeightsError(f"{where}: weight must be a finite number (got {w!r})")
            if w < 0:
                raise WeightsError(f"{where}: weight must be >= 0 (got {w!r})")
            object.__setattr__(self, "weight", float(w))


@dataclass(frozen=True)
class Panel:
    """Several judgement sets over one hierarchy, and how they are combined.

    Parameters
    ----------
    members : sequence of PanelMember
        At least one; unique names.
    aggregation : {"aij"}, default "aij"
        Geometric mean of the members' judgements at every node.

    Raises
    ------
    ModelError
        No member, repeated names, an unknown aggregation.
    WeightsError
        Weights given for some members only, or not summing to 1.

    Examples
    --------
    >>> from pathchoice.ahp import Node
    >>> from pathchoice.study.analysis import Judgement
    >>> tree = Node("goal", ["cost", "risk"], judgements={("cost", "risk"): 4})
    >>> panel = Panel((PanelMember("a"), PanelMember("b", judgements=(
    ...     Judgement("goal", "risk", "cost", 1),))))
    >>> dict(panel.group_tree(tree).judgements)
    {('cost', 'risk'): 2.0}
    """

    members: tuple[PanelMember, ...]
    aggregation: str = "aij"

    def __post_init__(self) -> None:
        members = tuple(self.members)
        if not members:
            raise ModelError("panel: needs at least one member")
        names = [m.name for m in members]
        for m in members:
            if not isinstance(m, PanelMember):
                raise ModelError(f"panel: members must be PanelMember records (got {m!r})")
            if names.count(m.name) > 1:
                raise ModelError(f"panel: member {m.name!r} appears more than once")
        if self.aggregation not in PANEL_AGGREGATIONS:
            raise ModelError(
                f"panel: aggregation must be one of {list(PANEL_AGGREGATIONS)} "
                f"(got {self.aggregation!r})"
            )
        given = [m.weight is not None for m in members]
        if any(given) and not all(given):
            missing = [m.name for m in members if m.weight is None]
            raise WeightsError(f"panel: weights are given for some members but not {missing}")
        if all(given):
            total = sum(m.weight for m in members)  # type: ignore[misc]
            if not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
                raise WeightsError(f"panel: member weights must sum to 1 (got {total:g})")
        object.__setattr__(self, "members", members)

    @property
    def names(self) -> tuple[str, ...]:
        """The members' names, in order."""
        return tuple(m.name for m in self.members)

    @property
    def weights(self) -> pd.Series:
        """The members' weights (equal unless given)."""
        if self.members[0].weight is None:
            values = np.full(len(self.members), 1 / len(self.members))
        else:
            values = np.array([m.weight for m in self.members], dtype=float)
        return pd.Series(values, index=pd.Index(self.names, name="member"), name="weight")

    def member(self, name: str) -> PanelMember:
        """The member called ``name``."""
        for m in self.members:
            if m.name == name:
                return m
        raise UnknownNameError(f"unknown panel member {name!r}; members are {list(self.names)}")

    def overridden_by(
        self, judgements: tuple[Judgement, ...], nodes: frozenset[str] = frozenset()
    ) -> Panel:
        """The panel without its members' judgements on what ``judgements`` and ``nodes`` set.

        A scenario or a user's judgement applies to every member alike: where
        it sets a pair, no member's own judgement of that pair remains; where
        direct weights replace a node's judgements (``nodes``), no member's
        judgement at that node remains.
        """
        pairs = {(j.node, frozenset((j.a, j.b))) for j in judgements}
        if not pairs and not nodes:
            return self
        members = tuple(
            replace(
                m,
                judgements=tuple(
                    j
                    for j in m.judgements
                    if (j.node, frozenset((j.a, j.b))) not in pairs and j.node not in nodes
                ),
            )
            for m in self.members
        )
        return replace(self, members=members)

    def member_tree(self, tree: Node, name: str) -> Node:
        """The hierarchy with member ``name``'s judgements in place of the hierarchy's."""
        member = self.member(name)
        weighted = {w.node for w in hierarchy_records(tree)[1]}
        for j in member.judgements:
            where = f"panel member {name!r}: judgement ({j.a!r}, {j.b!r}) at node {j.node!r}"
            if j.node not in tree.node_names:
                raise UnknownNameError(
                    f"{where}: unknown hierarchy node {j.node!r}; nodes are {tree.node_names}"
                )
            if j.node in weighted:
                raise ModelError(f"{where}: the node takes direct weights, not judgements")
            children = tree.find(j.node).child_names
            for label in (j.a, j.b):
                if label not in children:
                    raise UnknownNameError(
                        f"{where}: {label!r} is not a child of the node; children are "
                        f"{list(children)}"
                    )
        return overlay(tree, member.judgements, at=("panel", "members", name))

    def _member_trees(self, tree: Node) -> dict[str, Node]:
        """member -> :meth:`member_tree` of that member (each built and checked once)."""
        return {m.name: self.member_tree(tree, m.name) for m in self.members}

    def _matrices(
        self, tree: Node, trees: dict[str, Node] | None = None
    ) -> dict[str, dict[str, PairwiseMatrix]]:
        """node -> member -> pairwise matrix of that member's judgements there."""
        trees = self._member_trees(tree) if trees is None else trees
        return {
            node.name: {name: t.find(node.name).matrix for name, t in trees.items()}
            for node in tree.layout().nodes
            if node.weights is None and node.matrix is not None
        }

    def group_tree(self, tree: Node) -> Node:
        """The hierarchy whose judgements are the panel's geometric means (AIJ)."""
        return self._group_tree(tree, self._member_trees(tree))

    def _group_tree(self, tree: Node, trees: dict[str, Node]) -> Node:
        judgements: list[Judgement] = []
        weights = self.weights
        for node_name, matrices in self._matrices(tree, trees).items():
            group = aggregate_judgements(matrices, expert_weights=weights)
            for (a, b), value in group.judgements().items():
                given = ", ".join(
                    f"{name} {matrices[name].judgements().get((a, b), float('nan')):.3g}"
                    for name in self.names
                )
                judgements.append(
                    Judgement(
                        node_name,
                        a,
                        b,
                        float(value),
                        reason=f"Geometric mean of the panel's judgements ({given}).",
                        source="panel",
                    )
                )
        return overlay(tree, judgements, at=("panel",))

    def consistency(self, tree: Node) -> pd.DataFrame:
        """Consistency ratio of every member's matrix and the group's, node by node.

        Rows are the members then ``"panel"`` (the aggregated matrix); columns
        the nodes with at least three children (a 2×2 matrix is always
        consistent).
        """
        data: dict[str, list[float]] = {}
        weights = self.weights
        for node_name, matrices in self._matrices(tree).items():
            if len(tree.find(node_name).children) < 3:
                continue
            group = aggregate_judgements(matrices, expert_weights=weights)
            data[node_name] = [
                float(ahp_weights(m).consistency_ratio) for m in (*matrices.values(), group)
            ]
        return pd.DataFrame(data, index=pd.Index([*self.names, "panel"], name="judgements"))


def weighting_tree(analysis: Any) -> Node:
    """Check an analysis's panel and settings; the hierarchy its weights come from.

    The settings' ``weights`` chooses: ``"hierarchy"`` (or no settings) the
    hierarchy's own judgements, ``"panel"`` the panel's aggregate, a member's
    name that member's judgements. Every score's basis must be one of the
    settings' bases.
    """
    from .settings import StudySettings

    tree: Node = analysis.hierarchy_tree
    panel, settings = analysis.panel, analysis.settings
    if panel is not None and not isinstance(panel, Panel):
        raise ModelError(f"panel: expected Panel, got {type(panel).__name__}")
    if settings is not None and not isinstance(settings, StudySettings):
        raise ModelError(f"settings: expected StudySettings, got {type(settings).__name__}")
    # every member's tree, which names every unknown node or child; built once, also for
    # the panel's aggregate
    trees = panel._member_trees(tree) if panel is not None else {}
    bases = {b.name for b in settings.bases} if settings is not None else set()
    scores = [*analysis.performance, *(s for sc in analysis.scenarios for s in sc.scores)]
    for score in scores:
        if score.basis and score.basis not in bases:
            raise UnknownNameError(
                f"{score.location}: unknown basis {score.basis!r}; bases are {sorted(bases)}"
            )
    source = settings.weights if settings is not None else "hierarchy"
    if source == "hierarchy":
        return tree
    if panel is None:
        raise ModelError(f"settings: weights = {source!r} needs a panel, and there is none")
    if source == "panel":
        return panel._group_tree(tree, trees)
    if source not in panel.names:
        raise UnknownNameError(
            f"settings: weights must be 'hierarchy', 'panel' or a panel member "
            f"{list(panel.names)} (got {source!r})"
        )
    return trees[source]
