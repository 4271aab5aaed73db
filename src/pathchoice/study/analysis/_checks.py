"""The checks an analysis makes of its parts together.

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
    UnknownNameError,
)
from ...model import Criterion
from ..matrix import AdvantageMatrix, Challenge
from ._records import AlternativeSet, Case, Scenario, Score, key_path
from ._tree import hierarchy_records, overlay

if TYPE_CHECKING:
    from ...ahp import Node

__all__ = [
    "check_alternative",
    "check_cases",
    "check_performance",
    "check_scenarios",
    "check_score_key",
    "check_sets",
    "derive_criteria",
    "set_names",
]


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


def check_scenarios(
    scenarios: tuple[Scenario, ...],
    tree: Node,
    sets: Mapping[str, tuple[str, ...]],
    criteria: tuple[str, ...],
) -> None:
    nodes = tree.node_names
    weighted = {w.node for w in hierarchy_records(tree)[1]}
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
                        f"{rec.node!r}; nodes are {nodes}"
                    )
        reweighted = {w.node for w in sc.weights}
        for i, j in enumerate(sc.judgements):
            loc = key_path("scenarios", sc.name, "judgements", i)
            if j.node in reweighted:
                raise HierarchyError(
                    f"{loc}: node {j.node!r} gets both judgements and weights in this scenario"
                )
            if j.node in weighted:
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
        overlay(tree, sc.judgements, sc.weights, at=("scenarios", sc.name))
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
