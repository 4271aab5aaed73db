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

Itemised matrices: complementarity per topic
--------------------------------------------
A matrix built with :meth:`AdvantageMatrix.from_items` holds each advantage and
disadvantage as an :class:`Item` with a *topic*; the cells' stances follow from
the items. The relations are then derived per topic (within an area), by the
same rules as above applied to the parties' items on that topic: a topic feeds
``"<P> strengths meet <Q> weaknesses"`` when P has an advantage and Q a
disadvantage on it, ``"shared strengths"`` when two parties have an advantage
on it, ``"shared weaknesses"`` when two have a disadvantage; otherwise it is
*unmatched* and feeds nothing. Labels name what a topic or an area yields
precisely: ``"one-way: China → Japan"``, ``"two-way"`` (both directions, on
different topics of one area), ``"joint strength"``, ``"shared weakness"``,
joined by ``" + "`` (:meth:`AdvantageMatrix.topics`). A topic whose items name a
challenge (``Item.challenge``) is counted under that challenge's criteria only,
never also as a relation, and the challenge criteria's descriptions list such
topics. Change an item (:meth:`AdvantageMatrix.with_items`) and the criteria
change with it.

The modules of this package: ``_records`` (areas, cells, items, indicators,
challenges), ``_derive`` (the array core that turns stances and items into
relations), ``_relations`` (what a matrix yields: relations, complementarities,
derived criteria), ``_matrix`` (:class:`AdvantageMatrix`: construction, look-up,
derived matrices, tables).

References
----------
.. [1] Fang, Z., Li, J., Song, R., Chen, Y. and Fan, Y. "Policy Assessment and
   Path Choice of Digital Economy Cooperation between China and Japan",
   Table 4 (the advantage/disadvantage comparison) and Section 5 (challenges).
"""

from typing import Literal

from ._matrix import AdvantageMatrix
from ._records import (
    CHALLENGE_CRITERIA,
    COMPLEMENTARITY_GROUP,
    CRITERIA_BY,
    EXPOSURE_GROUP,
    INDICATOR_QUALIFIERS,
    ITEM_KINDS,
    RELIEF_GROUP,
    STANCES,
    Area,
    Challenge,
    ChallengeItem,
    Complementarity,
    Indicator,
    Item,
    StanceCell,
    TopicRelation,
)

#: The stances a cell may take (the same alias the records use; defined here so that the
#: API reference shows it).
Stance = Literal["advantage", "disadvantage", "both"]

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
