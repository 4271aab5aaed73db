"""The checks an analysis makes of its parts together, and the AHP tree it builds once.

Every message carries the model-file location of the offending item, so the same
message serves code and files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ...exceptions import (
    ContradictoryJudgementError,
    HierarchyError,
    ModelError,
    PairwiseMatrixError,
    PathchoiceError,
    UnknownNameError,
    WeightsError,
)
from ...model import Criterion
from ..matrix import AdvantageMatrix, Challenge
from ._records import (
    AlternativeSet,
    Case,
    DirectWeight,
    HierarchyNode,
    HierarchySpec,
    Judgement,
    Scenario,
    Score,
    key_path,
)

if TYPE_CHECKING:
    from ...ahp import Node

__all__ = [
    "build_tree",
    "check_alternative",
    "check_cases",
    "check_hierarchy",
    "check_node_weighting",
    "check_performance",
    "check_scenarios",
    "check_score_key",
    "check_sets",
    "derive_criteria",
    "overlay",
    "set_names",
]


def build_tree(spec: HierarchySpec, scenario: Scenario | None = None) -> Node:
    """The :class:`~pathchoice.ahp.Node` tree of ``spec``, built without recursion.

    The judgements and weights of every node are checked here, and only here, by
    :class:`~pathchoice.ahp.PairwiseMatrix` and :class:`~pathchoice.ahp.Node`; their
    errors are re-raised with the node's location in a model file
    (``hierarchy.nodes.goal: ...``).
    """
    nodes = {n.name: n for n in spec.nodes}
    built: dict[str, Node] = {}
    order: list[str] = []
    stack = [spec.root]
    while stack:  # depth-first pre-order; built in reverse so children exist first
        name = stack.pop()
        order.append(name)
        stack.extend(c for c in nodes[name].children if c in nodes)
    for name in reversed(order):
        children = [built[c] if c in nodes else c for c in nodes[name].children]
        try:
            built[name] = _node(name, children, spec)
        except PathchoiceError as exc:
            where = _record_location(name, spec, str(exc), scenario)
            raise type(exc)(f"{where}: {exc}") from None
    return built[spec.root]


def _record_location(
    name: str, spec: HierarchySpec, message: str, scenario: Scenario | None = None
) -> str:
    """Where the record an AHP error names lives: its judgement or weight, else its node.

    For a pair judged twice the later record is the culprit, so the last record of
    the pair named is taken. With a ``scenario``, its own records are looked at
    first (the tree is then the baseline with the scenario overlaid).
    """

    def names_pair(j: Judgement) -> bool:
        return repr((j.a, j.b)) in message or repr((j.b, j.a)) in message

    def names_child(w: DirectWeight) -> bool:
        return f"weight of {w.child!r}" in message

    if scenario is not None:
        base = ("scenarios", scenario.name)
        for kind, records, match in (
            ("judgements", scenario.judgements, names_pair),
            ("weights", scenario.weights, names_child),
        ):
            found = [i for i, r in enumerate(records) if r.node == name and match(r)]
            if found:
                return key_path(*base, kind, found[-1])
        return f"{key_path(*base)}: {key_path('hierarchy', 'nodes', name)}"
    at = ("hierarchy", "nodes", name)
    found = [i for i, j in enumerate(spec.judgements_at(name)) if names_pair(j)]
    if found:
        return key_path(*at, "judgements", found[-1])
    for w in spec.weights_at(name):
        if names_child(w):
            return key_path(*at, "weights", w.child)
    return key_path(*at)


def _node(name: str, children: list[Node | str], spec: HierarchySpec) -> Node:
    from ...ahp import Node, PairwiseMatrix

    labels = [c.name if isinstance(c, Node) else c for c in children]
    weights = spec.weights_at(name)
    judgements = spec.judgements_at(name)
    if weights:
        given = [w.child for w in weights]
        repeated = [c for i, c in enumerate(given) if c in given[:i]]
        if repeated:  # one record per item: a second weight for a child is a slip
            raise WeightsError(f"weights: weight for {repeated[0]!r} given more than once")
        return Node(name, children, weights={w.child: w.value for w in weights})
    if judgements:
        matrix = PairwiseMatrix.from_judgements(
            [((j.a, j.b), j.value) for j in judgements], labels=labels
        )
        pairs = [frozenset((j.a, j.b)) for j in judgements]
        for i, (pair, j) in enumerate(zip(pairs, judgements, strict=True)):
            if pair in pairs[:i]:  # one record per item, even when the two agree
                raise PairwiseMatrixError(
                    f"judgements[{i}]: the pair ({j.a!r}, {j.b!r}) is judged more than once"
                )
        return Node(name, children, judgements=matrix)
    return Node(name, children)


def overlay(
    spec: HierarchySpec, judgements: Sequence[Judgement], weights: Sequence[DirectWeight]
) -> HierarchySpec:
    """``spec`` with scenario judgements (replacing the same pair) and node weights applied."""
    node_names = [n.name for n in spec.nodes]
    for rec in (*judgements, *weights):
        if rec.node not in node_names:
            raise UnknownNameError(f"unknown hierarchy node {rec.node!r}; nodes are {node_names}")
    reweighted = {w.node for w in weights}
    new_j = [j for j in spec.judgements if j.node not in reweighted]
    new_w = [w for w in spec.weights if w.node not in reweighted] + list(weights)
    for j in judgements:
        if spec.weights_at(j.node) and j.node not in reweighted:
            raise HierarchyError(
                f"node {j.node!r} uses direct weights; a judgement cannot be overlaid on it"
            )
        pair = {j.a, j.b}
        idx = [i for i, old in enumerate(new_j) if old.node == j.node and {old.a, old.b} == pair]
        if idx:
            new_j[idx[0]] = j
            for i in reversed(idx[1:]):
                del new_j[i]
        else:
            new_j.append(j)
    return HierarchySpec(spec.root, spec.nodes, tuple(new_j), tuple(new_w))


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


def set_names(sets: Sequence[AlternativeSet]) -> dict[str, tuple[str, ...]]:
    return {s.name: s.names for s in sets}


def check_sets(sets: tuple[AlternativeSet, ...]) -> dict[str, tuple[str, ...]]:
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


def check_alternative(
    set_name: str, alternative: str, sets: Mapping[str, tuple[str, ...]], where: str
) -> None:
    """An :class:`UnknownNameError` at ``where`` unless ``alternative`` is in set ``set_name``."""
    if set_name not in sets:
        raise UnknownNameError(
            f"{where}: unknown alternative set {set_name!r}; alternative sets are {list(sets)}"
        )
    if alternative not in sets[set_name]:
        raise UnknownNameError(
            f"{where}: unknown alternative {alternative!r} in set {set_name!r}; "
            f"alternatives are {list(sets[set_name])}"
        )


def check_score_key(
    score: Score, sets: Mapping[str, tuple[str, ...]], criteria: Sequence[str], prefix: str
) -> None:
    where = prefix or score.location
    check_alternative(score.alternative_set, score.alternative, sets, where)
    if score.criterion not in criteria:
        raise UnknownNameError(
            f"{where}: unknown criterion {score.criterion!r}; criteria are {list(criteria)}"
        )


def check_performance(
    scores: tuple[Score, ...], sets: Mapping[str, tuple[str, ...]], criteria: tuple[str, ...]
) -> tuple[Score, ...]:
    cells: dict[tuple[str, str, str], Score] = {}
    for s in scores:
        if not isinstance(s, Score):
            raise ModelError(f"performance: expected Score, got {s!r}")
        check_score_key(s, sets, criteria, "")
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


def check_node_weighting(
    spec: HierarchySpec,
    node: HierarchyNode,
    judgements: Sequence[Judgement],
    weights: Sequence[DirectWeight],
    where: str,
) -> None:
    if judgements and weights:
        raise HierarchyError(f"{where}: a node takes judgements or weights, not both")
    if not judgements and not weights and len(node.children) > 1:
        raise HierarchyError(
            f"{where}: node {node.name!r} has {len(node.children)} children but neither "
            "judgements nor weights"
        )


def check_hierarchy(spec: HierarchySpec, criteria: tuple[str, ...]) -> None:
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
        check_node_weighting(
            spec,
            node,
            spec.judgements_at(node.name),
            spec.weights_at(node.name),
            key_path("hierarchy", "nodes", node.name),
        )


def check_scenarios(
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
        pairs = [(j.node, frozenset((j.a, j.b))) for j in sc.judgements]
        for i, p in enumerate(pairs):
            if p in pairs[:i]:
                raise ContradictoryJudgementError(
                    f"{key_path('scenarios', sc.name, 'judgements', i)}: the pair "
                    f"{tuple(sorted(p[1]))} at node {p[0]!r} is overlaid more than once"
                )
        # the scenario's judgements and weights, checked by the AHP nodes they make
        build_tree(overlay(spec, sc.judgements, sc.weights), sc)
        keys = []
        for i, s in enumerate(sc.scores):
            loc = key_path("scenarios", sc.name, "scores", i)
            check_score_key(s, sets, criteria, loc)
            if s.key in keys:
                raise ModelError(f"{loc}: the score {s.location} is overlaid more than once")
            keys.append(s.key)


def check_cases(
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
            check_alternative(link.alternative_set, link.alternative, sets, where)
