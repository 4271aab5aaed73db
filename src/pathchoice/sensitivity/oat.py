"""One-at-a-time weight sensitivity: set one criterion's weight, rescale the others.

:func:`weight_sensitivity` moves the weight of each criterion in turn over a
range of values and ranks the alternatives at every step. The other weights
are rescaled by a named scheme so that every weight vector stays on the
simplex:

* ``"proportional"`` (default) keeps the ratios of the other weights:
  ``w_j' = w_j (1 - t) / (1 - w_k)``;
* ``"equal"`` spreads the change equally over the other criteria:
  ``w_j' = w_j - (t - w_k) / (n - 1)``, as pyrepo-mcda's
  ``Sensitivity_analysis_weights_percentages`` and pysensmcda's
  ``percentage_modification`` do. A step that would make another weight
  negative is not computed: it is listed in ``skipped`` with the reason.

Every step of every criterion is ranked in one batched call of the method
(one matrix product per chunk for TOPSIS; one pymcdm call per step for a
pymcdm method through the adapter, which is slower).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.weights import varied_weights
from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_count
from ..exceptions import PathchoiceError, UnknownNameError, WeightsError
from ..model import Model
from ..ranking import rank, rank_batch
from ..ranking.methods import RankingMethod
from ..results import BatchRankingResult, RankingResult
from ..weights import WeightsLike, check_weights

__all__ = ["SCHEMES", "Scheme", "WeightSensitivityResult", "weight_sensitivity"]

Scheme = Literal["proportional", "equal"]

#: The rescaling schemes :func:`weight_sensitivity` accepts.
SCHEMES: tuple[str, ...] = ("proportional", "equal")


# -- labelled shell -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class WeightSensitivityResult(FrozenResult, FrameDisplay):
    """Rankings of the alternatives as one criterion's weight moves, criterion by criterion.

    Attributes
    ----------
    table : pandas.DataFrame
        Long form, one row per (criterion, step, alternative) that was
        computed, in that order: ``criterion`` (the criterion whose weight
        was set), ``step`` (0-based position in that criterion's values),
        ``weight`` (its new weight), ``alternative``, ``score`` and ``rank``
        (1 = best, ties share the minimum rank).
    weights : pandas.DataFrame
        The full weight vector of every computed step: index
        ``(criterion, step)``, one column per criterion of the model.
    skipped : pandas.DataFrame
        Steps not computed because another weight would have gone negative
        (only with ``scheme="equal"``): ``criterion``, ``step``, ``weight``,
        ``reason`` (names the criterion that would go negative and by how much).
    base : RankingResult
        The ranking at the weights given.
    scheme : str
        ``"proportional"`` or ``"equal"``.
    method : str
        The ranking method's name.
    higher_is_better : bool
        Whether a higher score is better for this method.
    options : mapping
        The method's options as used.
    findings : tuple of str
        Soft findings (the method's, and the rule applied where a criterion
        held all the weight).
    """

    table: pd.DataFrame
    weights: pd.DataFrame
    skipped: pd.DataFrame
    base: RankingResult
    scheme: str
    method: str
    higher_is_better: bool
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The long-form :attr:`table` (a copy)."""
        return self.table.copy()

    def ranks_frame(self) -> pd.DataFrame:
        """Ranks wide: index ``(criterion, step, weight)``, one column per alternative."""
        return self._wide("rank")

    def scores_frame(self) -> pd.DataFrame:
        """Scores wide: index ``(criterion, step, weight)``, one column per alternative."""
        return self._wide("score")

    def top_frame(self) -> pd.DataFrame:
        """One row per computed step: ``criterion``, ``step``, ``weight``, ``top`` and ``changed``.

        ``top`` is the alternative ranked first (the first in model order if
        several tie); ``changed`` says whether the base top has lost first
        place, i.e. its rank is no longer 1.
        """
        ranks = self.ranks_frame()
        base_top = self.base.best
        top = ranks.idxmin(axis=1) if len(ranks) else pd.Series(dtype=object)
        changed = ranks[base_top] > 1 if len(ranks) else pd.Series(dtype=bool)
        out = pd.DataFrame({"top": top.astype(object), "changed": changed.astype(bool)})
        return out.reset_index()

    def _wide(self, column: str) -> pd.DataFrame:
        keys = ["criterion", "step", "weight"]
        order = pd.MultiIndex.from_frame(self.table[keys].drop_duplicates())
        wide = self.table.pivot(index=keys, columns="alternative", values=column)
        wide = wide.reindex(order)[list(self.base.scores.index)]
        wide.columns.name = "alternative"
        return wide

    def _display_title(self) -> str:
        return f"one-at-a-time weight sensitivity ({self.method}, {self.scheme} scheme)"

    def _display_frame(self) -> pd.DataFrame:
        """Per criterion: its weight, then the top path over each run of steps it stays first."""
        rows = []
        for criterion, steps in self.top_frame().groupby("criterion", sort=False):
            run = (steps["top"] != steps["top"].shift()).cumsum()
            spans = steps.groupby(run, sort=False)["weight"].agg(["first", "last"])
            tops = steps.groupby(run, sort=False)["top"].first()
            rows.append(
                {
                    "criterion": criterion,
                    "weight": self.base.weights[criterion],
                    "top_changes": bool(steps["changed"].any()),
                    "top_by_weight": "; ".join(
                        f"{t} [{a:.2f}-{b:.2f}]"
                        for t, a, b in zip(tops, spans["first"], spans["last"], strict=True)
                    ),
                }
            )
        return pd.DataFrame(rows).set_index("criterion")


def _check_scheme(scheme: object) -> str:
    return as_choice(scheme, "scheme", SCHEMES, where="weight_sensitivity")


def check_criteria(criteria: object, names: Sequence[str], what: str = "criteria") -> list[str]:
    """Criterion names to vary, in the order given; all of them for None."""
    if criteria is None:
        return list(names)
    chosen = [criteria] if isinstance(criteria, str) else list(criteria)  # type: ignore[call-overload]
    unknown = [c for c in chosen if c not in names]
    if unknown:
        raise UnknownNameError(
            f"{what} names unknown criteria {unknown}; criteria are {list(names)}"
        )
    repeated = sorted({c for c in chosen if chosen.count(c) > 1})
    if repeated:
        raise PathchoiceError(f"{what} repeats criteria {repeated}")
    if not chosen:
        raise PathchoiceError(f"{what} must name at least one criterion (got none)")
    return chosen


def _check_values(values: object, what: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise WeightsError(f"{what} must be numbers in [0, 1] (got {values!r})") from None
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1 or arr.size == 0:
        raise WeightsError(f"{what} must be a 1-D sequence of weights in [0, 1] (got {values!r})")
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
    if bad.any():
        pos = int(np.argmax(bad))
        raise WeightsError(
            f"{what} must lie in [0, 1] (a criterion's weight); got {arr[pos]:g} at position {pos}"
        )
    return arr


def _check_steps(steps: object) -> int:
    return as_count(steps, "steps", where="weight_sensitivity", minimum=2)


def _plan(
    names: Sequence[str], criteria: object, values: object, steps: object
) -> list[tuple[str, np.ndarray]]:
    """(criterion, values) for every criterion to vary."""
    if isinstance(values, Mapping):
        keys = list(values)
        chosen = check_criteria(criteria if criteria is not None else keys, names)
        missing = [c for c in chosen if c not in values]
        if missing:
            raise PathchoiceError(f"values give no weights for criteria {missing}")
        extra = [k for k in keys if k not in chosen]
        if extra:
            check_criteria(extra, names, what="values")
        return [(c, _check_values(values[c], f"values for {c!r}")) for c in chosen]
    chosen = check_criteria(criteria, names)
    if values is None:
        grid = np.linspace(0.0, 1.0, _check_steps(steps))
    else:
        grid = _check_values(values, "values")
    return [(c, grid) for c in chosen]


def _skip_reasons(
    names: Sequence[str], w: np.ndarray, k: np.ndarray, t: np.ndarray, out: np.ndarray
) -> list[str]:
    """Why each infeasible row was skipped (only the equal scheme has such rows)."""
    n = len(names)
    if n == 1:
        return [f"{names[0]!r} is the only criterion; its weight is always 1"] * len(k)
    reasons = []
    masked = out.copy()
    masked[np.arange(len(k)), k] = np.inf
    worst = np.argmin(masked, axis=1)
    for row, (kk, tt, j) in enumerate(zip(k, t, worst, strict=True)):
        shift = (tt - w[kk]) / (n - 1)
        reasons.append(
            f"weight of {names[j]!r} would be {masked[row, j]:.6g} (equal scheme: every "
            f"other weight falls by {shift:.6g} when {names[kk]!r} goes from "
            f"{w[kk]:.6g} to {tt:.6g})"
        )
    return reasons


def weight_sensitivity(
    model: Model,
    weights: WeightsLike,
    *,
    criteria: str | Sequence[str] | None = None,
    values: npt.ArrayLike | Mapping[str, npt.ArrayLike] | None = None,
    steps: int = 21,
    scheme: Scheme = "proportional",
    method: str | RankingMethod = "topsis",
    **options: Any,
) -> WeightSensitivityResult:
    """Rank the alternatives as each criterion's weight is set to a range of values.

    Parameters
    ----------
    model : Model
        The decision model (not changed).
    weights : Series, mapping or array_like
        The base weight vector: non-negative, summing to 1 (a Series or
        mapping keyed by criterion name, or an array in criterion order; for
        AHP weights pass ``HierarchyResult.global_weights``).
    criteria : str or sequence of str, optional
        The criteria to vary, one at a time. Default: every criterion.
    values : array_like or mapping, optional
        The weights to give the varied criterion, each in [0, 1]: one
        sequence for every criterion, or a mapping from criterion name to its
        own sequence (its keys then choose the criteria unless ``criteria``
        is given). Default: ``steps`` evenly spaced values from 0 to 1.
    steps : int, default 21
        Number of evenly spaced values over [0, 1] (both ends included) when
        ``values`` is not given; ignored otherwise.
    scheme : {"proportional", "equal"}, default "proportional"
        How the other weights make room. ``"proportional"``: they keep their
        ratios, ``w_j' = w_j (1 - t) / (1 - w_k)``; never negative. If the
        varied criterion holds all the weight (``w_k = 1``, the others 0), the
        ratios are undefined and ``1 - t`` is shared equally among the others
        (a finding says so). ``"equal"``: every other weight moves by the same
        amount, ``w_j' = w_j - (t - w_k) / (n - 1)``; a step at which some
        weight would fall below 0 is skipped and reported in ``skipped``.
    method : str or callable, default "topsis"
        A key of :data:`pathchoice.ranking.METHODS` or a conforming callable
        that ranks a 2-D batch of weight vectors. TOPSIS ranks all steps in
        one batched call; a pymcdm method is called once per step (slower).
    **options
        The method's options (``normalization="minmax"`` for TOPSIS, ...).

    Returns
    -------
    WeightSensitivityResult
        ``table`` (long form: one row per criterion, step and alternative),
        ``weights`` (the weight vector of every step), ``skipped``, ``base``
        (the ranking at the given weights), ``ranks_frame()``,
        ``scores_frame()``, ``top_frame()``.

    Raises
    ------
    UnknownNameError
        An unknown criterion (in ``criteria``, ``values`` or ``weights``) or
        an unknown ``scheme``.
    WeightsError
        Base weights that are negative, non-finite or do not sum to 1;
        ``values`` outside [0, 1].
    PathchoiceError
        ``steps`` not an integer >= 2; criteria repeated or none.
    MethodError
        An unknown method or an option it does not take.

    Notes
    -----
    The varied criterion's weight equals the requested value exactly, every
    weight vector is non-negative and sums to 1, and with the proportional
    scheme the other weights keep their ratios. The value equal to the
    criterion's current weight reproduces the base ranking.

    References
    ----------
    .. [1] Bączkiewicz, A., & Wątróbski, J. pyrepo-mcda, module
       ``sensitivity_analysis_weights_percentages`` (the equal scheme:
       ``w_j - change / (n - 1)``). https://github.com/energyinpython/pyrepo-mcda
    .. [2] Więckowski, J. pysensmcda, ``criteria.percentage_modification``
       (the equal scheme, then renormalised).
       https://github.com/jwieckowski/pysensmcda
    .. [3] Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis
       approach for some deterministic multi-criteria decision-making
       methods. *Decision Sciences*, 28(1), 151–194. (One weight changed,
       then all renormalised: the proportional scheme.)

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    >>> result = weight_sensitivity(model, [0.5, 0.5], criteria="x", values=[0.0, 0.5, 1.0])
    >>> result.ranks_frame()
    alternative        A  B  C
    criterion step weight
    x         0    0.0     1  2  3
              1    0.5     2  1  2
              2    1.0     3  2  1
    >>> result.weights.loc[("x", 2)].tolist()
    [1.0, 0.0]

    With the equal scheme, raising "x" from 0.6 to 0.9 would take 0.15 from
    each other weight, and "z" has only 0.1:

    >>> three = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [3, 2, 1]])
    >>> result = weight_sensitivity(
    ...     three, [0.6, 0.3, 0.1], criteria="x", values=[0.5, 0.9], scheme="equal")
    >>> result.weights.round(3).to_numpy().tolist()
    [[0.5, 0.35, 0.15]]
    >>> result.skipped.reason.tolist()
    ["weight of 'z' would be -0.05 (equal scheme: every other weight falls by 0.15 ..."]
    """
    scheme = _check_scheme(scheme)
    names = model.criterion_names
    w = check_weights(weights, names)
    plan = _plan(names, criteria, values, steps)
    base = rank(model, w, method, **options)
    if not isinstance(base, RankingResult):
        raise WeightsError("weights must be one vector (got a batch)")

    k = np.concatenate([np.full(len(v), names.index(c)) for c, v in plan])
    t = np.concatenate([v for _, v in plan])
    step = np.concatenate([np.arange(len(v)) for _, v in plan])
    out, feasible = varied_weights(w, k, t, scheme)

    findings = list(base.findings)
    if scheme == "proportional" and len(names) > 1:
        full = sorted({names[i] for i in k if w[i] >= 1.0 and np.all(np.delete(w, i) == 0.0)})
        if full:
            findings.append(
                f"criteria {full} hold all the weight, so the other weights have no ratios "
                "to keep; when their weight is lowered, the rest is shared equally"
            )

    skipped_rows = ~feasible
    skipped = pd.DataFrame(
        {
            "criterion": pd.Series([names[i] for i in k[skipped_rows]], dtype=object),
            "step": step[skipped_rows].astype(np.int64),
            "weight": t[skipped_rows],
            "reason": pd.Series(
                _skip_reasons(names, w, k[skipped_rows], t[skipped_rows], out[skipped_rows]),
                dtype=object,
            ),
        }
    )

    kept = out[feasible]
    k_kept, t_kept, step_kept = k[feasible], t[feasible], step[feasible]
    m = model.n_alternatives
    criterion_labels = np.array(names, dtype=object)[k_kept]
    if len(kept):
        batch = rank_batch(model, kept, method, **options)
        if not isinstance(batch, BatchRankingResult):
            raise PathchoiceError(
                f"method {base.method!r} returned {type(batch).__name__} for a 2-D batch of "
                "weights; weight_sensitivity needs a method that ranks batches"
            )
        scores, ranks = np.asarray(batch.scores), np.asarray(batch.ranks)
        findings.extend(f for f in batch.findings if f not in findings)
    else:
        scores = np.empty((0, m))
        ranks = np.empty((0, m), dtype=np.int64)
    table = pd.DataFrame(
        {
            "criterion": pd.Series(np.repeat(criterion_labels, m), dtype=object),
            "step": np.repeat(step_kept, m).astype(np.int64),
            "weight": np.repeat(t_kept, m),
            "alternative": pd.Series(
                np.tile(np.array(model.alternatives, dtype=object), len(kept)), dtype=object
            ),
            "score": scores.reshape(-1),
            "rank": ranks.reshape(-1).astype(np.int64),
        }
    )
    weights_frame = pd.DataFrame(
        kept,
        index=pd.MultiIndex.from_arrays(
            [pd.Index(criterion_labels, dtype=object), step_kept.astype(np.int64)],
            names=["criterion", "step"],
        ),
        columns=pd.Index(names, name="criterion"),
    )
    return WeightSensitivityResult(
        table=table,
        weights=weights_frame,
        skipped=skipped,
        base=base,
        scheme=scheme,
        method=base.method,
        higher_is_better=base.higher_is_better,
        options=dict(base.options),
        findings=tuple(findings),
    )
