"""Words for the reader: the one place that turns method names and results into labels.

The command line, the report, the plots and the robustness prose all name a
ranking method, describe the weights and lay out the AHP weights the same way;
they take the words from here.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._display import method_name  # the one wording, shared with the general plots

if TYPE_CHECKING:
    from ..ahp import HierarchyResult

__all__ = [
    "alternative_noun",
    "method_name",
    "thresholds_frame",
    "weights_frame",
    "weights_origin",
]


def alternative_noun(set_name: str) -> str:
    """The analysis's word for one alternative, from its set's name, else ``"alternative"``.

    A set named by one plain plural noun (``"paths"``, ``"modes"``,
    ``"policies"``) gives its singular; any other name gives ``"alternative"``.

    Examples
    --------
    >>> alternative_noun("paths"), alternative_noun("policies"), alternative_noun("set A")
    ('path', 'policy', 'alternative')
    """
    if not re.fullmatch(r"[a-z]{3,}s", set_name) or set_name.endswith("ss"):
        return "alternative"
    if set_name.endswith("ies"):
        return set_name[:-3] + "y"
    if set_name.endswith(("ches", "shes", "xes", "sses")):
        return set_name[:-2]
    return set_name[:-1]


def weights_origin(source: str | None, member: str = "") -> str:
    """Where the weights of a run come from, as a phrase after "with".

    ``source`` is the run's ``settings["judgements"]``: None (weights given),
    ``"hierarchy"``, ``"panel"`` or a panel member's name (``member`` is its
    title).

    Examples
    --------
    >>> weights_origin(None), weights_origin("panel")
    ('the given weights', "the expert panel's weights")
    >>> weights_origin("china-side", "A China-side perspective")
    "the weights of the judgement set 'A China-side perspective'"
    """
    if source is None:
        return "the given weights"
    if source == "hierarchy":
        return "the AHP weights"
    if source == "panel":
        return "the expert panel's weights"
    return f"the weights of the judgement set '{member or source}'"


def weights_frame(result: HierarchyResult) -> pd.DataFrame:
    """An AHP hierarchy as a readable table: node (indented by level), local and global weight, CR.

    ``CR`` is the consistency ratio of the node's own pairwise judgements (NaN
    for criteria, for nodes weighted directly and for nodes with one child).

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> table = weights_frame(china_japan().weights())
    >>> list(table.columns)
    ['node', 'local weight', 'global weight', 'CR']
    >>> table["node"].iloc[1]
    '  complementarity'
    """
    table = result.to_frame()
    cr = []
    for node, leaf in zip(table["node"], table["is_leaf"], strict=True):
        local = None if leaf else result.local.get(node)
        cr.append(math.nan if local is None else float(local.consistency_ratio))
    return pd.DataFrame(
        {
            "node": [
                "  " * int(level) + str(node)
                for level, node in zip(table["level"], table["node"], strict=True)
            ],
            "local weight": table["local_weight"].to_numpy(dtype=float),
            "global weight": table["global_weight"].to_numpy(dtype=float),
            "CR": cr,
        }
    )


def thresholds_frame(result: Any) -> pd.DataFrame:
    """The weight thresholds of the top path, one row per criterion, in words.

    Columns: ``criterion``, ``weight``, ``loses first place below``, ``then
    first``, ``loses first place above``, ``then first `` (NaN and None where
    the top path never changes).
    """
    table = result.criteria
    if "criterion" in table.columns:
        table = table.set_index("criterion")
    return pd.DataFrame(
        {
            "criterion": [str(c) for c in table.index],
            "weight": table["weight"].to_numpy(dtype=float),
            "loses first place below": table["decrease_to"].to_numpy(dtype=float),
            "then first": table["new_top_if_decreased"].tolist(),
            "loses first place above": table["increase_to"].to_numpy(dtype=float),
            "then first ": table["new_top_if_increased"].tolist(),
        }
    )
