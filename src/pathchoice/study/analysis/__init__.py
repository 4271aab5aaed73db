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

from ._analysis import Analysis
from ._records import (
    Alternative,
    AlternativeSet,
    Case,
    CaseLink,
    DirectWeight,
    HierarchyNode,
    HierarchySpec,
    Judgement,
    Metadata,
    Scenario,
    Score,
    key_path,
)

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

for _name in __all__:  # documented and pickled under this package's name
    globals()[_name].__module__ = __name__
del _name
