"""What an advantage matrix yields: relations, complementarities and the derived criteria.

The functions here read a checked :class:`~pathchoice.study.matrix.AdvantageMatrix`
and derive, with the array core of ``_derive``: which relations each area (or,
for an itemised matrix, each topic) feeds, the complementarity of every area,
and the criteria of the ranking problem. The matrix's methods of the same
subject hand their work to these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...exceptions import ModelError, UnknownNameError
from ...model import Criterion
from ._derive import relation_table, stance_codes, stance_kinds, topic_label, type_phrase
from ._records import (
    COMMON_PROBLEMS,
    COMPLEMENTARITY_GROUP,
    JOINT_INNOVATION,
    SHARED_STRENGTHS,
    SHARED_WEAKNESSES,
    Challenge,
    Complementarity,
    TopicRelation,
    check_unique,
)

if TYPE_CHECKING:
    from ._matrix import AdvantageMatrix

__all__ = [
    "area_complementarities",
    "matrix_criteria",
    "relation_names",
    "relations_frame",
    "stance_array",
    "topic_relations",
]

#: An itemised matrix's topics (area order, then first appearance), their
#: strong/weak arrays (topics × parties) and the relations each feeds.
TopicTable = tuple[list[tuple[str, str]], np.ndarray, np.ndarray, np.ndarray]

# Complementarity labels of the areas that are not one-way flows.
_KIND_LABELS = {
    "mixed": "mixed",
    "shared-strength": "joint innovation",
    "shared-weakness": "common problem",
}


def stance_array(m: AdvantageMatrix) -> np.ndarray:
    """The stances as an (areas, parties) array of strings."""
    return np.array([c.stance for c in m.cells], dtype=object).reshape(len(m.areas), len(m.parties))


def relation_names(m: AdvantageMatrix) -> tuple[str, ...]:
    """All relation names for the matrix's parties (whether or not an area feeds them)."""
    if len(m.parties) == 2:
        a, b = m.parties
        flows = [f"{a} strengths meet {b} weaknesses", f"{b} strengths meet {a} weaknesses"]
    else:
        flows = [f"{p} strengths meet partner weaknesses" for p in m.parties]
    if m.items:
        return (*flows, SHARED_STRENGTHS, SHARED_WEAKNESSES)
    return (*flows, JOINT_INNOVATION, COMMON_PROBLEMS)


def topic_table(m: AdvantageMatrix) -> TopicTable:
    """Topics (area order, then first appearance), their strong/weak arrays and relations."""
    area_pos = {a: k for k, a in enumerate(m.area_names)}
    keys = sorted(dict.fromkeys((i.area, i.topic) for i in m.items), key=lambda k: area_pos[k[0]])
    t_index = {k: n for n, k in enumerate(keys)}
    p_index = {p: n for n, p in enumerate(m.parties)}
    ti = np.array([t_index[(i.area, i.topic)] for i in m.items], dtype=int)
    pi = np.array([p_index[i.party] for i in m.items], dtype=int)
    adv = np.array([i.kind == "advantage" for i in m.items], dtype=bool)
    strong = np.zeros((len(keys), len(m.parties)), dtype=bool)
    weak = np.zeros_like(strong)
    strong[ti[adv], pi[adv]] = True
    weak[ti[~adv], pi[~adv]] = True
    return keys, strong, weak, relation_table(strong, weak)


def topic_relations(m: AdvantageMatrix) -> tuple[TopicRelation, ...]:
    """What every topic of an itemised matrix yields (empty for a matrix of stances)."""
    if not m.items:
        return ()
    keys, strong, weak, table = topic_table(m)
    challenge = {(i.area, i.topic): i.challenge for i in m.items}
    names = relation_names(m)
    parties = np.array(m.parties, dtype=object)
    return tuple(
        TopicRelation(
            area=area,
            topic=topic,
            strong=tuple(parties[strong[t]]),
            weak=tuple(parties[weak[t]]),
            label=topic_label(table[t], strong[t], weak[t], m.parties)[1],
            relations=tuple(n for n, on in zip(names, table[t], strict=True) if on),
            challenge=challenge[(area, topic)],
        )
        for t, (area, topic) in enumerate(keys)
    )


def _area_relation_table(m: AdvantageMatrix) -> np.ndarray:
    """Per area, which relations its topics feed (challenge topics excluded)."""
    keys, _, _, table = topic_table(m)
    challenge = {(i.area, i.topic): i.challenge for i in m.items}
    counted = np.array([challenge[k] is None for k in keys], dtype=bool)
    area_of = np.array([m.area_names.index(a) for a, _ in keys], dtype=int)
    out = np.zeros((len(m.areas), table.shape[1]), dtype=bool)
    rows, cols = np.nonzero(table & counted[:, None])
    out[area_of[rows], cols] = True
    return out


def relations_frame(m: AdvantageMatrix) -> pd.DataFrame:
    """Boolean table: areas × relation names, True where the area feeds the relation."""
    if m.items:
        table = _area_relation_table(m)
    else:
        strong, weak = stance_codes(stance_array(m))
        table = relation_table(strong, weak)
    return pd.DataFrame(
        table,
        index=pd.Index(m.area_names, name="area"),
        columns=pd.Index(relation_names(m), name="relation"),
    )


def area_complementarities(m: AdvantageMatrix) -> tuple[Complementarity, ...]:
    """The :class:`Complementarity` of every area, in row order."""
    if m.items:
        return _itemised_complementarities(m)
    stances = stance_array(m)
    strong, weak = stance_codes(stances)
    kinds = stance_kinds(stances)
    table = relation_table(strong, weak)
    names = relation_names(m)
    parties = np.array(m.parties, dtype=object)
    out = []
    for i, area in enumerate(m.area_names):
        kind = str(kinds[i])
        if kind == "complementary":
            providers = parties[stances[i] == "advantage"]
            receivers = parties[stances[i] == "disadvantage"]
            label = f"{', '.join(providers)} → {', '.join(receivers)}"
        else:
            label = _KIND_LABELS[kind]
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


def _itemised_complementarities(m: AdvantageMatrix) -> tuple[Complementarity, ...]:
    keys, strong_t, weak_t, table_t = topic_table(m)
    n_areas = len(m.areas)
    area_of = np.array([m.area_names.index(a) for a, _ in keys], dtype=int)
    strong = np.zeros((n_areas, len(m.parties)), dtype=bool)
    weak = np.zeros_like(strong)
    table = np.zeros((n_areas, table_t.shape[1]), dtype=bool)
    for arr, src in ((strong, strong_t), (weak, weak_t), (table, table_t)):
        rows, cols = np.nonzero(src)
        arr[area_of[rows], cols] = True
    counted = _area_relation_table(m)
    names = relation_names(m)
    parties = np.array(m.parties, dtype=object)
    out = []
    for i, area in enumerate(m.area_names):
        kind, label = topic_label(table[i], strong[i], weak[i], m.parties)
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


def matrix_criteria(m: AdvantageMatrix, challenges: Iterable[Challenge]) -> tuple[Criterion, ...]:
    """The body of :meth:`AdvantageMatrix.criteria` (see there)."""
    challenges = tuple(challenges)
    for ch in challenges:
        if not isinstance(ch, Challenge):
            raise ModelError(f"challenges must be Challenge objects (got {ch!r})")
    check_unique([c.key for c in challenges], "challenge keys")
    keys = {c.key for c in challenges}
    for item in m.items:
        if item.challenge is not None and item.challenge not in keys:
            raise UnknownNameError(
                f"item ({item.area!r}, {item.party!r}, {item.topic!r}) names challenge "
                f"{item.challenge!r}, which is not among the challenges {sorted(keys)}"
            )
    topics = topic_relations(m)
    out = _area_criteria(m) if m.criteria_by == "area" else _relation_criteria(m, topics)
    for ch in challenges:
        tagged = [f"{t.area} ({t.topic})" for t in topics if t.challenge == ch.key]
        suffix = f"; matrix topics: {'; '.join(tagged)}." if tagged else "."
        out.extend(
            replace(crit, description=crit.description[:-1] + suffix)
            for crit in ch.derived_criteria()
        )
    check_unique([c.name for c in out], "derived criterion names")
    return tuple(out)


def _area_criteria(m: AdvantageMatrix) -> list[Criterion]:
    """One complementarity criterion per area (``criteria_by="area"``)."""
    return [
        Criterion(
            comp.area,
            direction="benefit",
            group=COMPLEMENTARITY_GROUP,
            description=(
                f"How far the alternative uses the complementarity in {comp.area} "
                f"({comp.label}: {type_phrase(comp)})."
            ),
        )
        for comp in area_complementarities(m)
    ]


def _relation_criteria(m: AdvantageMatrix, topics: tuple[TopicRelation, ...]) -> list[Criterion]:
    """One complementarity criterion per relation some area feeds (``criteria_by="relation"``)."""
    table = relations_frame(m)
    out: list[Criterion] = []
    for k, relation in enumerate(table.columns):
        fed = [a for a, on in zip(m.area_names, table.iloc[:, k], strict=True) if on]
        if not fed:
            continue
        if m.items:
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
                description=f"How far the alternative uses {_relation_phrase(m, k)}; {where}.",
            )
        )
    return out


def _relation_phrase(m: AdvantageMatrix, k: int) -> str:
    n = len(m.parties)
    if k < n:
        party = m.parties[k]
        others = m.parties[1 - k] if n == 2 else "a partner"
        return f"{party}'s strengths where {others} is weak"
    if k == n:
        if m.items:
            return "strengths shared by at least two parties on the same topic"
        return "strengths shared by at least two parties (joint innovation)"
    if m.items:
        return "weaknesses shared by at least two parties on the same topic"
    return "weaknesses shared by at least two parties (common problems solved together)"
