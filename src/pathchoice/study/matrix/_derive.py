"""How stances and items become relations: the array core and the checks of items."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ...exceptions import ModelError, UnknownNameError
from ._records import Complementarity, Item, Stance, StanceCell

# -- pure array core ---------------------------------------------------------------


def stance_codes(stances: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean (strong, weak) arrays from an (areas, parties) array of stance strings."""
    return stances != "disadvantage", stances != "advantage"


def relation_table(strong: np.ndarray, weak: np.ndarray) -> np.ndarray:
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


def stance_kinds(stances: np.ndarray) -> np.ndarray:
    """Complementarity kind per area from an (areas, parties) array of stances."""
    both = (stances == "both").any(axis=1)
    all_adv = (stances == "advantage").all(axis=1)
    all_dis = (stances == "disadvantage").all(axis=1)
    return np.select(
        [both, all_adv, all_dis],
        ["mixed", "shared-strength", "shared-weakness"],
        default="complementary",
    )


def type_phrase(comp: Complementarity) -> str:
    strong = ", ".join(comp.strong) or "no party"
    weak = ", ".join(comp.weak) or "no party"
    return f"strong: {strong}; weak: {weak}"


def stance_of(items: Sequence[Item]) -> Stance:
    kinds = {i.kind for i in items}
    if kinds == {"advantage"}:
        return "advantage"
    if kinds == {"disadvantage"}:
        return "disadvantage"
    return "both"


def cell_text(items: Sequence[Item]) -> str:
    parts = []
    for kind, label in (("advantage", "Advantage"), ("disadvantage", "Disadvantage")):
        texts = [i.text or i.topic for i in items if i.kind == kind]
        if texts:
            parts.append(f"{label}: {'; '.join(texts)}")
    return " ".join(parts)


def check_items(
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
        derived = stance_of(own)
        if cell.stance != derived:
            raise ModelError(
                f"cell ({area!r}, {party!r}): stance {cell.stance!r} does not match its items, "
                f"which make it {derived!r}"
            )


def topic_label(
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
