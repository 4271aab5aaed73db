"""Outcomes of another model in: a long-form outcome table as a model and performance samples.

Exploratory-modelling tools run a simulation model for every combination of a
policy (an alternative) and a scenario (a draw of the uncertain inputs) and
return one row per run with one column per outcome. EMA Workbench's
``perform_experiments`` returns exactly that as a pair ``(experiments,
outcomes)``: a DataFrame with a ``policy`` and a ``scenario`` column, and a
dict of one array per outcome [1]_.

:func:`from_outcomes` turns such a table into what pathchoice ranks:

* a :class:`~pathchoice.model.Model` whose performance is a stated summary of
  each (alternative, criterion) over the scenarios (the median by default);
* :class:`~pathchoice.sensitivity.PerformanceSamples`, one performance table
  per scenario, ready for :func:`~pathchoice.sensitivity.smaa` (SMAA over the
  scenarios: ``smaa(o.model, weights, performance=o.samples)``).

Alternatives and scenarios are put in sorted order of their labels, so the
result does not depend on the order of the rows.

References
----------
.. [1] Kwakkel, J. H. (2017). The Exploratory Modeling Workbench: An open
   source toolkit for exploratory modeling, scenario discovery, and
   (multi-objective) robust decision making. *Environmental Modelling &
   Software* 96, 239–250.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._display import FrameDisplay
from ._frozen import FrozenResult
from ._validate import as_choice
from .exceptions import ArgumentError, ModelError, UnknownNameError
from .model import DirectionsLike, Model
from .sensitivity import PerformanceSamples

__all__ = ["SUMMARIES", "Outcomes", "from_outcomes"]

#: How the model's performance summarises the scenarios.
SUMMARIES: tuple[str, ...] = ("median", "mean")

_WHERE = "from_outcomes"


@dataclass(frozen=True, eq=False)
class Outcomes(FrozenResult, FrameDisplay):
    """A model and its performance in every scenario, from an outcome table.

    Attributes
    ----------
    model : Model
        Alternatives × criteria; each cell the ``summary`` of its outcomes
        over the scenarios.
    samples : PerformanceSamples
        ``values[s, i, j]``: criterion ``j`` of alternative ``i`` in scenario
        ``s`` (``kind="outcomes"``), in the model's order.
    scenarios : tuple
        The scenario labels, in the order of the samples' first axis.
    summary : str
        ``"median"`` or ``"mean"``.
    """

    model: Model
    samples: PerformanceSamples
    scenarios: tuple[Any, ...]
    summary: str

    def to_frame(self) -> pd.DataFrame:
        """The model's performance table (the summaries), alternatives × criteria."""
        return self.model.performance

    def __str__(self) -> str:
        return (
            f"{self.model.n_alternatives} alternatives × {self.model.n_criteria} criteria "
            f"over {len(self.scenarios)} scenarios ({self.summary} shown)"
        )


def _sorted_labels(values: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Integer codes and the sorted unique labels (sorted as text when types are mixed)."""
    try:
        codes, uniques = pd.factorize(values, sort=True)
    except TypeError:
        codes, uniques = pd.factorize(values.astype(str), sort=True)
    return codes, list(uniques)


def _as_table(table: object, criteria: Sequence[str] | None) -> tuple[pd.DataFrame, list[str]]:
    """The outcome table as one DataFrame, and the criterion columns."""
    if isinstance(table, tuple) and len(table) == 2 and isinstance(table[1], Mapping):
        experiments, outcomes = table
        if not isinstance(experiments, pd.DataFrame):
            raise ArgumentError(
                f"{_WHERE}: the experiments of (experiments, outcomes) must be a DataFrame "
                f"(got {type(experiments).__name__})"
            )
        columns: dict[str, np.ndarray] = {}
        for key, value in outcomes.items():
            array = np.asarray(value)
            if array.ndim != 1:
                raise ModelError(
                    f"{_WHERE}: outcome {key!r} has shape {array.shape}; one number per "
                    "experiment is needed (reduce a time series first, e.g. to its last value)"
                )
            if len(array) != len(experiments):
                raise ModelError(
                    f"{_WHERE}: outcome {key!r} has {len(array)} values for "
                    f"{len(experiments)} experiments"
                )
            columns[str(key)] = array
        clash = [k for k in columns if k in experiments.columns]
        if clash:
            raise ModelError(f"{_WHERE}: outcomes {clash} are also columns of the experiments")
        frame = pd.concat([experiments.reset_index(drop=True), pd.DataFrame(columns)], axis=1)
        return frame, list(columns) if criteria is None else [str(c) for c in criteria]
    if not isinstance(table, pd.DataFrame):
        raise ArgumentError(
            f"{_WHERE}: table must be a DataFrame (one row per alternative and scenario) or "
            f"the pair (experiments, outcomes) of EMA Workbench (got {type(table).__name__})"
        )
    if criteria is None:
        raise ArgumentError(
            f"{_WHERE}: criteria must name the outcome columns of the table to rank by "
            f"(columns: {list(map(str, table.columns))})"
        )
    if isinstance(criteria, str):
        criteria = [criteria]
    return table, [str(c) for c in criteria]


def _check_columns(frame: pd.DataFrame, alternative: str, scenario: str, criteria: list[str]):
    columns = [str(c) for c in frame.columns]
    for what, name in (("alternative", alternative), ("scenario", scenario)):
        if name not in columns:
            raise UnknownNameError(
                f"{_WHERE}: no {what} column {name!r} in the table (columns: {columns})"
            )
    if not criteria:
        raise ModelError(f"{_WHERE}: at least one criterion column is needed")
    unknown = [c for c in criteria if c not in columns]
    if unknown:
        raise UnknownNameError(
            f"{_WHERE}: criteria {unknown} are not columns of the table (columns: {columns})"
        )
    used = [alternative, scenario, *criteria]
    repeated = sorted({c for c in used if used.count(c) > 1})
    if repeated:
        raise ArgumentError(f"{_WHERE}: columns {repeated} are given in two roles")


def from_outcomes(
    table: pd.DataFrame | tuple[pd.DataFrame, Mapping[str, Any]],
    *,
    alternative: str = "policy",
    scenario: str = "scenario",
    criteria: Sequence[str] | None = None,
    directions: DirectionsLike,
    summary: str = "median",
    name: str = "",
) -> Outcomes:
    """A model and per-scenario performance samples from a long-form outcome table.

    Parameters
    ----------
    table : DataFrame or (DataFrame, mapping)
        One row per (alternative, scenario) with a column per outcome; or the
        pair ``(experiments, outcomes)`` returned by EMA Workbench's
        ``perform_experiments`` (outcomes: one 1-D array per outcome, in the
        experiments' row order).
    alternative, scenario : str
        The columns naming the alternative and the scenario of each row
        (default EMA Workbench's ``"policy"`` and ``"scenario"``).
    criteria : sequence of str, optional
        The outcome columns to rank by, in the model's criterion order.
        Required for a DataFrame; for ``(experiments, outcomes)`` the default
        is every outcome.
    directions : {"benefit", "cost"}, mapping or sequence
        Whether more (benefit) or less (cost) of each outcome is better, as for
        :class:`~pathchoice.model.Model` (a mapping leaves the criteria it
        does not name as benefits). Required: an outcome's direction is never
        guessed.
    summary : {"median", "mean"}, default "median"
        The model's performance: the median (robust to a few extreme
        scenarios) or the mean of each cell over the scenarios.
    name : str, default ""
        The model's name.

    Returns
    -------
    Outcomes
        ``model``, ``samples`` (one table per scenario), ``scenarios``,
        ``summary``.

    Raises
    ------
    UnknownNameError
        A column that is not in the table.
    ModelError
        A pair (alternative, scenario) that appears twice or not at all, a
        missing, non-numeric or non-finite outcome (naming its alternative,
        scenario and criterion), fewer than two alternatives.
    ArgumentError
        A table of another kind, no ``criteria`` for a DataFrame, an unknown
        ``summary``, a column in two roles.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({
    ...     "policy": ["tax", "tax", "tax", "subsidy", "subsidy", "subsidy"],
    ...     "scenario": [1, 2, 3, 1, 2, 3],
    ...     "cost": [4.0, 5.0, 9.0, 6.0, 6.5, 7.0],
    ...     "emissions": [10.0, 12.0, 11.0, 8.0, 20.0, 9.0],
    ... })
    >>> o = from_outcomes(table, criteria=["cost", "emissions"], directions="cost")
    >>> o.model.performance
    criterion    cost  emissions
    alternative
    subsidy       6.5        9.0
    tax           5.0       11.0
    >>> o.samples.values.shape, o.scenarios
    ((3, 2, 2), (1, 2, 3))
    """
    frame, criteria = _as_table(table, criteria)
    summary = as_choice(summary, "summary", SUMMARIES, where=_WHERE)
    if directions is None:
        raise ArgumentError(
            f"{_WHERE}: directions must say whether more (benefit) or less (cost) of each "
            f"outcome is better, e.g. directions={{{criteria[0]!r}: 'cost'}}"
        )
    frame = frame.rename(columns=str)
    _check_columns(frame, alternative, scenario, criteria)
    for column in (alternative, scenario):
        if frame[column].isna().any():
            row = int(np.flatnonzero(frame[column].isna().to_numpy())[0])
            raise ModelError(f"{_WHERE}: row {row} has no {column} (column {column!r})")
    a_codes, alternatives = _sorted_labels(frame[alternative].astype(str))
    s_codes, scenarios = _sorted_labels(frame[scenario])
    m, s = len(alternatives), len(scenarios)
    counts = np.bincount(s_codes * m + a_codes, minlength=s * m).reshape(s, m)
    if (counts > 1).any():
        k, i = np.argwhere(counts > 1)[0]
        rows = np.flatnonzero((s_codes == k) & (a_codes == i)).tolist()
        raise ModelError(
            f"{_WHERE}: alternative {alternatives[i]!r} in scenario {scenarios[k]!r} appears "
            f"{counts[k, i]} times (rows {rows}); each pair needs exactly one row"
        )
    if (counts == 0).any():
        k, i = np.argwhere(counts == 0)[0]
        raise ModelError(
            f"{_WHERE}: alternative {alternatives[i]!r} has no row for scenario "
            f"{scenarios[k]!r} ({int((counts == 0).sum())} of {s * m} pairs missing); every "
            "alternative needs an outcome in every scenario"
        )
    numbers = np.column_stack(
        [_numbers(frame[c], c, alternatives, scenarios, a_codes, s_codes) for c in criteria]
    )
    values = np.empty((s, m, len(criteria)))
    values[s_codes, a_codes] = numbers
    central = np.median(values, axis=0) if summary == "median" else values.mean(axis=0)
    model = Model(alternatives, criteria, central, directions=directions, name=name)
    samples = PerformanceSamples(
        values,
        model.alternatives,
        model.criterion_names,
        kind="outcomes",
        description=f"the outcomes of {s} scenarios",
        params={"scenarios": tuple(scenarios)},
    )
    return Outcomes(model, samples, tuple(scenarios), summary)


def _numbers(
    column: pd.Series,
    criterion: str,
    alternatives: list[Any],
    scenarios: list[Any],
    a_codes: np.ndarray,
    s_codes: np.ndarray,
) -> np.ndarray:
    """One outcome column as finite floats, else a ModelError naming the first bad row."""
    if pd.api.types.is_bool_dtype(column.dtype):
        bad = np.ones(len(column), dtype=bool)
    else:
        numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        bad = ~np.isfinite(numbers)
        if column.dtype == object:
            bad |= column.map(lambda v: isinstance(v, bool | np.bool_)).to_numpy(dtype=bool)
        if not bad.any():
            return numbers
    r = int(np.flatnonzero(bad)[0])
    value = column.iloc[r]
    shown = "missing" if not isinstance(value, str) and pd.isna(value) else repr(value)
    raise ModelError(
        f"{_WHERE}: the outcome {criterion!r} of alternative {alternatives[a_codes[r]]!r} in "
        f"scenario {scenarios[s_codes[r]]!r} (row {r}) is {shown}; every outcome must be a "
        "finite number"
    )
