"""A whole analysis: evidence, criteria, alternatives, scores, judgements and scenarios.

An :class:`Analysis` holds everything a model file holds (see ``docs/model-file.md``):

* metadata (title, source, a notice on what the default numbers are, the scale);
* an optional :class:`~pathchoice.study.matrix.AdvantageMatrix` and the
  :class:`~pathchoice.study.matrix.Challenge` list, from which the criteria are
  derived (plus any extra, user-defined criteria);
* one or more named alternative sets (e.g. ``"paths"`` and ``"modes"``);
* the performance of every alternative on every criterion, each a
  :class:`Score` with its reason and source;
* the AHP hierarchy, a :class:`pathchoice.ahp.Node` tree: at each node either
  pairwise judgements or direct weights, each with its reason and source as a
  :class:`~pathchoice.ahp.Note` (:func:`hierarchy_records` lists them as
  :class:`Judgement` and :class:`DirectWeight` records);
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
    Judgement,
    Metadata,
    Scenario,
    Score,
    key_path,
)
from ._tree import hierarchy_records

__all__ = [
    "Alternative",
    "AlternativeSet",
    "Analysis",
    "Case",
    "CaseLink",
    "DirectWeight",
    "Judgement",
    "Metadata",
    "Scenario",
    "Score",
    "hierarchy_records",
    "key_path",
]

for _name in __all__:  # documented and pickled under this package's name
    globals()[_name].__module__ = __name__
del _name

#: Names removed from this package, and what replaces each.
MOVED: dict[str, str] = {
    "HierarchySpec": (
        "the hierarchy is a pathchoice.ahp.Node tree (Analysis.hierarchy_tree); its judgements "
        "and direct weights are Node(judgements=..., weights=..., notes=...), listed as records "
        "by pathchoice.study.analysis.hierarchy_records"
    ),
    "HierarchyNode": "a hierarchy node is a pathchoice.ahp.Node",
}


def __getattr__(name: str) -> object:
    # ImportError, not AttributeError: ``from ... import HierarchySpec`` then shows this
    # message instead of Python's generic "cannot import name".
    if name in MOVED:
        raise ImportError(f"pathchoice.study.analysis.{name} was removed: {MOVED[name]}", name=name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
