"""Words for the reader: the one place that turns method names and results into labels.

The command line, the report, the plots and the robustness prose all name a
ranking method, describe the weights and lay out the AHP weights the same way;
they take the words from here.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._display import method_name  # the one wording, shared with the general plots

if TYPE_CHECKING:
    from ..ahp import HierarchyResult

__all__ = ["method_name", "thresholds_frame", "weights_frame"]


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
