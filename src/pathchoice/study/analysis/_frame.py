"""An :class:`~pathchoice.study.analysis.Analysis` from a performance DataFrame."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ...exceptions import ModelError, UnknownNameError
from ...model import Criterion
from ..matrix import AdvantageMatrix, Challenge
from ._checks import derive_criteria
from ._records import (
    Alternative,
    AlternativeSet,
    DirectWeight,
    Metadata,
    Score,
)
from ._tree import make_node

if TYPE_CHECKING:
    from ._analysis import Analysis

__all__ = ["analysis_from_frame"]


def analysis_from_frame(
    cls: type[Analysis],
    performance: pd.DataFrame,
    *,
    directions: Mapping[str, str] | str | None = None,
    weights: Mapping[str, float] | pd.Series | None = None,
    matrix: AdvantageMatrix | None = None,
    challenges: Sequence[Challenge] = (),
    reasons: pd.DataFrame | None = None,
    source: str = "",
    title: str = "analysis",
    notice: str = "",
    set_name: str = "alternatives",
) -> Analysis:
    """The body of :meth:`Analysis.from_frame` (``cls`` is the class to build)."""
    if not isinstance(performance, pd.DataFrame):
        raise ModelError(
            f"performance must be a pandas DataFrame (got {type(performance).__name__})"
        )
    columns = [str(c) for c in performance.columns]
    derived = derive_criteria(matrix, tuple(challenges), ())
    derived_names = [c.name for c in derived]
    missing = [n for n in derived_names if n not in columns]
    if missing:
        raise ModelError(
            f"performance is missing derived criteria {missing}; columns are {columns}"
        )
    extra_names = [c for c in columns if c not in derived_names]
    if isinstance(directions, str) or directions is None:
        resolved = {n: directions or "benefit" for n in extra_names}
    else:
        unknown = [k for k in directions if k not in extra_names]
        if unknown:
            raise UnknownNameError(
                f"directions names unknown or derived criteria {unknown}; "
                f"extra criteria are {extra_names}"
            )
        resolved = {n: directions.get(n, "benefit") for n in extra_names}
    extra = tuple(Criterion(n, direction=resolved[n]) for n in extra_names)  # type: ignore[arg-type]
    names = derived_names + extra_names
    alternatives = [str(a) for a in performance.index]
    frame = performance.set_axis(columns, axis=1).set_axis(alternatives, axis=0)
    scores = []
    for alt in alternatives:
        for crit in names:
            reason = ""
            if reasons is not None and alt in reasons.index and crit in reasons.columns:
                got = reasons.loc[alt, crit]
                reason = "" if pd.isna(got) else str(got)
            value = frame.loc[alt, crit]
            scores.append(Score(set_name, alt, crit, value, reason=reason, source=source))
    if weights is None:
        w = dict.fromkeys(names, 1.0 / len(names))
        why = "equal weights (no weights given)"
    else:
        w = {str(k): v for k, v in dict(weights).items()}
        why = "weight given by the user"
    return cls(
        metadata=Metadata(title=title, source=source, notice=notice),
        alternative_sets=(AlternativeSet(set_name, tuple(Alternative(a) for a in alternatives)),),
        performance=tuple(scores),
        hierarchy_tree=make_node(
            "goal",
            names,
            weights=[DirectWeight("goal", k, v, reason=why, source=source) for k, v in w.items()],
        ),
        matrix=matrix,
        challenges=tuple(challenges),
        extra_criteria=extra,
    )
