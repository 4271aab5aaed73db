"""The Analytic Hierarchy Process: pairwise judgements to weights, with consistency.

One module per step:

* :mod:`~pathchoice.ahp.pairwise` -- :class:`PairwiseMatrix`, the checked, immutable
  judgements of one decision maker on one node;
* :mod:`~pathchoice.ahp.random_index` -- :data:`RI_TABLES` and :func:`random_index`;
* :mod:`~pathchoice.ahp.completion` -- :func:`complete` for missing judgements;
* :mod:`~pathchoice.ahp.priorities` -- :func:`ahp_weights` and :class:`WeightsResult`;
* :mod:`~pathchoice.ahp.diagnosis` -- :func:`diagnose_inconsistency`;
* :mod:`~pathchoice.ahp.node` -- :class:`Node` (with provenance :class:`Note`);
  :mod:`~pathchoice.ahp.layout` -- :class:`TreeLayout`, the tree as flat arrays;
* :mod:`~pathchoice.ahp.hierarchy` -- :func:`hierarchy_weights` and :class:`HierarchyResult`;
* :mod:`~pathchoice.ahp.synthesis` -- :func:`ahp_rank` (classic AHP on alternatives);
* :mod:`~pathchoice.ahp.group` -- :func:`aggregate_judgements` and :func:`group_weights`
  (with the panel's consensus, :mod:`~pathchoice.ahp.consensus`);
* :mod:`~pathchoice.ahp.interval` -- :class:`IntervalJudgements` (ranges and triangular
  fuzzy judgements), :func:`interval_weight_bounds`, :func:`sample_interval_matrices`.

>>> from pathchoice.ahp import PairwiseMatrix, ahp_weights
>>> m = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 2, ("a", "c"): 4})
>>> ahp_weights(m).weights.round(4).tolist()
[0.5714, 0.2857, 0.1429]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .completion import COMPLETION_METHODS, complete
from .group import AGGREGATIONS, GroupWeightsResult, aggregate_judgements, group_weights
from .hierarchy import HierarchyResult, hierarchy_weights
from .layout import TreeLayout, walk_nodes
from .node import Node, Note
from .pairwise import RECIPROCITY_TOLERANCE, SAATY_SCALE, PairwiseMatrix
from .priorities import (
    APPROXIMATE_METHODS,
    CONSISTENCY_THRESHOLD,
    GCI_THRESHOLDS,
    PRIORITY_METHODS,
    WeightsResult,
    ahp_weights,
    gci_threshold,
)
from .random_index import (
    RI_ALIASES,
    RI_REFERENCES,
    RI_TABLES,
    RandomIndexTable,
    as_ri_table,
    random_index,
)

#: Names imported on first use (PEP 562): weighing a hierarchy needs none of them.
_LAZY: dict[str, str] = {
    **dict.fromkeys(["DIAGNOSIS_COLUMNS", "diagnose_inconsistency"], "diagnosis"),
    **dict.fromkeys(
        [
            "INTERVAL_DISTRIBUTIONS",
            "IntervalJudgements",
            "IntervalWeightsResult",
            "interval_weight_bounds",
            "interval_weight_samples",
            "sample_interval_matrices",
        ],
        "interval",
    ),
    **dict.fromkeys(["SYNTHESIS_MODES", "ahp_rank"], "synthesis"),
}

if TYPE_CHECKING:
    from .diagnosis import DIAGNOSIS_COLUMNS, diagnose_inconsistency
    from .interval import (
        INTERVAL_DISTRIBUTIONS,
        IntervalJudgements,
        IntervalWeightsResult,
        interval_weight_bounds,
        interval_weight_samples,
        sample_interval_matrices,
    )
    from .synthesis import SYNTHESIS_MODES, ahp_rank

__all__ = [
    "AGGREGATIONS",
    "APPROXIMATE_METHODS",
    "COMPLETION_METHODS",
    "CONSISTENCY_THRESHOLD",
    "DIAGNOSIS_COLUMNS",
    "GCI_THRESHOLDS",
    "INTERVAL_DISTRIBUTIONS",
    "PRIORITY_METHODS",
    "RECIPROCITY_TOLERANCE",
    "RI_ALIASES",
    "RI_REFERENCES",
    "RI_TABLES",
    "SAATY_SCALE",
    "SYNTHESIS_MODES",
    "GroupWeightsResult",
    "HierarchyResult",
    "IntervalJudgements",
    "IntervalWeightsResult",
    "Node",
    "Note",
    "PairwiseMatrix",
    "RandomIndexTable",
    "TreeLayout",
    "WeightsResult",
    "aggregate_judgements",
    "ahp_rank",
    "ahp_weights",
    "as_ri_table",
    "complete",
    "diagnose_inconsistency",
    "gci_threshold",
    "group_weights",
    "hierarchy_weights",
    "interval_weight_bounds",
    "interval_weight_samples",
    "random_index",
    "sample_interval_matrices",
    "walk_nodes",
]


def __getattr__(name: str) -> object:
    # The names above, and the modules they live in (``ahp.diagnosis``), on first use.
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _LAZY.values():
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
