"""Group AHP: several experts' pairwise matrices combined into one set of weights.

Two aggregation schemes, selectable by name (Forman & Peniwati 1998):

``"aij"`` -- aggregation of individual judgements
    The group matrix is the element-wise weighted geometric mean of the
    experts' matrices, ``a_ij = prod_k a_ij(k)^λ_k``; the group weights are
    that matrix's priorities. Aczél & Saaty (1983) derive the geometric mean
    as the aggregation that is separable, unanimous, homogeneous and keeps
    the group matrix reciprocal. Natural when the experts act as one unit
    and merge their judgements.
``"aip"`` -- aggregation of individual priorities
    Each expert's priority vector is computed first; the group weights are
    their weighted geometric mean, renormalised to sum to 1:
    ``w_i ∝ prod_k w_i(k)^λ_k``. Natural when the experts act as separate
    individuals. Forman & Peniwati (1998) allow the weighted geometric or the
    weighted arithmetic mean here; pathchoice uses the geometric mean, which
    keeps the ratios between weights independent of how each expert's vector
    was normalised and agrees with AIJ for consistent matrices (arithmetic
    AIP is ``sum_k λ_k w(k)``, computable from ``expert_results``).

Expert weights ``λ_k`` are non-negative and sum to 1; by default all experts
weigh the same.

Incomplete expert matrices (NaN for a missing judgement) are aggregated pair by
pair over the experts who judged that pair, with the weights of those experts
renormalised to sum to 1: ``log a_ij = sum_{k judged ij} λ_k log a_ij(k) /
sum_{k judged ij} λ_k``. A pair nobody judged (or judged only by experts of
weight 0) stays missing and is completed as usual when the group matrix is
weighted; since every expert's own comparison graph is connected, so is the
group's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, values_by_name
from ..exceptions import PairwiseMatrixError, PathchoiceError, WeightsError
from ..weights import SUM_TOLERANCE
from .consensus import gcci, judgement_dispersion, priority_dispersion
from .pairwise import PairwiseMatrix
from .priorities import (
    CONSISTENCY_THRESHOLD,
    WeightsResult,
    as_pairwise_matrix,
    check_ahp_options,
    gci_threshold,
    weigh,
)
from .random_index import RISpec

__all__ = ["AGGREGATIONS", "GroupWeightsResult", "aggregate_judgements", "group_weights"]

Aggregation = Literal["aij", "aip"]

#: Group aggregation schemes by name.
AGGREGATIONS: tuple[str, ...] = ("aij", "aip")

MatricesLike = Mapping[str, PairwiseMatrix] | Sequence[PairwiseMatrix]
ExpertWeightsLike = Mapping[str, float] | pd.Series | npt.ArrayLike | None


# ---------------------------------------------------------------------- array core


def _aggregate_log_judgements(log_a: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean over experts of log-judgements, NaN-aware.

    ``log_a`` has shape ``(K, n, n)`` with NaN for missing judgements,
    ``weights`` shape ``(K,)``. Each pair is averaged over the experts who
    judged it, their weights renormalised; a pair with no (positively
    weighted) judgement is NaN.
    """
    known = ~np.isnan(log_a)
    w = weights[:, None, None] * known
    total = w.sum(axis=0)
    summed = (w * np.where(known, log_a, 0.0)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, summed / np.where(total > 0, total, 1.0), np.nan)


def _aggregate_priorities(priorities: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted geometric mean of priority vectors ``(K, n)``, renormalised to sum 1."""
    log_w = weights @ np.log(priorities)
    log_w = log_w - log_w.max()
    w = np.exp(log_w)
    return w / w.sum()


# ---------------------------------------------------------------------- validation


def _panel(matrices: Any) -> tuple[list[str], list[PairwiseMatrix]]:
    """Expert names and their matrices, aligned to the first expert's label order."""
    if isinstance(matrices, Mapping):
        names = list(matrices.keys())
        raw = list(matrices.values())
    elif isinstance(matrices, Sequence) and not isinstance(matrices, (str, bytes)):
        raw = list(matrices)
        names = [f"expert {k + 1}" for k in range(len(raw))]
    else:
        raise PairwiseMatrixError(
            "matrices must be a mapping from expert name to PairwiseMatrix or a sequence "
            f"of PairwiseMatrix (got {type(matrices).__name__})"
        )
    if not raw:
        raise PairwiseMatrixError("matrices must hold at least one expert's matrix (got none)")
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise PairwiseMatrixError(f"expert names must be non-empty strings (got {name!r})")
    out: list[PairwiseMatrix] = []
    for name, m in zip(names, raw, strict=True):
        try:
            out.append(as_pairwise_matrix(m))
        except PathchoiceError as err:
            raise type(err)(f"expert {name!r}: {err}") from err
    ref = out[0].labels
    for name, m in zip(names[1:], out[1:], strict=True):
        if set(m.labels) != set(ref) or len(m.labels) != len(ref):
            missing = [x for x in ref if x not in m.labels]
            extra = [x for x in m.labels if x not in ref]
            raise PairwiseMatrixError(
                f"expert {name!r} compares {list(m.labels)} but expert {names[0]!r} compares "
                f"{list(ref)} (missing {missing}, extra {extra}); every expert must compare "
                f"the same labels"
            )
    aligned = [m if m.labels == ref else _reorder(m, ref) for m in out]
    return names, aligned


def _reorder(matrix: PairwiseMatrix, labels: tuple[str, ...]) -> PairwiseMatrix:
    idx = [matrix.labels.index(x) for x in labels]
    return PairwiseMatrix(
        matrix.values[np.ix_(idx, idx)],
        labels,
        strict=matrix.strict,
        allow_missing=True,
        tol=matrix.tol,
    )


def _expert_weights(expert_weights: Any, names: list[str]) -> np.ndarray:
    k = len(names)
    if expert_weights is None:
        return np.full(k, 1.0 / k)
    if isinstance(expert_weights, (Mapping, pd.Series)):
        raw: Any = values_by_name(
            expert_weights, names, "expert_weights", error=WeightsError, kind="experts"
        )
    else:
        raw = expert_weights
    try:
        values = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise WeightsError(f"expert_weights must be numbers (got {expert_weights!r})") from None
    if values.shape != (k,):
        raise WeightsError(
            f"expert_weights must have one value per expert ({k}: {names}), "
            f"got shape {values.shape}"
        )
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        i = int(np.argmax(bad))
        raise WeightsError(
            f"expert_weights must be finite and non-negative: expert {names[i]!r} = {values[i]:g}"
        )
    total = float(values.sum())
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise WeightsError(f"expert_weights must sum to 1 (got {total:.6g} for {k} experts)")
    return values


# ---------------------------------------------------------------------- labelled shell


def aggregate_judgements(
    matrices: MatricesLike, *, expert_weights: ExpertWeightsLike = None
) -> PairwiseMatrix:
    """One group matrix from several experts' matrices: weighted geometric mean (AIJ).

    ``a_ij = prod_k a_ij(k)^λ_k`` element by element, so the group matrix is
    reciprocal whenever the experts' are. Missing judgements are averaged over
    the experts who gave them (weights renormalised over those experts); a
    pair nobody judged stays missing.

    Parameters
    ----------
    matrices : mapping of str to PairwiseMatrix, or sequence of PairwiseMatrix
        One matrix per expert (dicts of judgements and DataFrames are accepted
        too). A sequence names the experts ``"expert 1"``, ``"expert 2"``, ...
        Every matrix must compare the same labels; the order is the first
        expert's.
    expert_weights : mapping, Series or array_like, optional
        ``λ_k``: non-negative, summing to 1, keyed by expert name or in expert
        order. Default: equal weights.

    Returns
    -------
    PairwiseMatrix

    Raises
    ------
    PairwiseMatrixError
        An empty panel; experts comparing different labels (the message names
        the expert); any error of the experts' matrices.
    UnknownNameError
        ``expert_weights`` naming an unknown expert.
    WeightsError
        ``expert_weights`` missing an expert, of the wrong length, negative or
        not summing to 1.

    References
    ----------
    .. [1] Aczél, J., & Saaty, T. L. (1983). Procedures for synthesizing ratio
       judgements. *Journal of Mathematical Psychology* 27(1), 93–102.
    .. [2] Forman, E., & Peniwati, K. (1998). Aggregating individual judgments
       and priorities with the analytic hierarchy process. *European Journal of
       Operational Research* 108(1), 165–169.

    Examples
    --------
    >>> alice = PairwiseMatrix.from_judgements({("cost", "risk"): 4})
    >>> bob = PairwiseMatrix.from_judgements({("cost", "risk"): 1})
    >>> aggregate_judgements({"alice": alice, "bob": bob}).judgements()
    {('cost', 'risk'): 2.0}
    >>> aggregate_judgements([alice, bob], expert_weights=[0.75, 0.25]).judgements()
    {('cost', 'risk'): 2.828...}
    """
    names, panel = _panel(matrices)
    weights = _expert_weights(expert_weights, names)
    return _aggregate(panel, weights)


def _aggregate(panel: list[PairwiseMatrix], weights: np.ndarray) -> PairwiseMatrix:
    log_a = np.log(np.stack([m.values for m in panel]))
    group = np.exp(_aggregate_log_judgements(log_a, weights))
    np.fill_diagonal(group, 1.0)
    return PairwiseMatrix(group, panel[0].labels, allow_missing=True)


@dataclass(frozen=True, eq=False)
class GroupWeightsResult(FrozenResult, FrameDisplay):
    """Group weights from several experts' judgements, with each expert's consistency.

    Attributes
    ----------
    weights : pandas.Series
        Group weights by label, positive, summing to 1, named ``"weight"``.
    aggregation : str
        ``"aij"`` or ``"aip"``.
    expert_weights : pandas.Series
        ``λ_k`` by expert, summing to 1.
    experts : pandas.DataFrame
        One row per expert (index ``expert``): ``expert_weight``,
        ``consistency_ratio``, ``is_consistent``, ``lambda_max``, then the
        expert's own weight for every label.
    expert_results : dict of str to WeightsResult
        Each expert's full result.
    aggregated : WeightsResult or None
        Result of the aggregated (AIJ) matrix, its consistency included; None
        for AIP.
    labels : tuple of str
        The labels compared, in order.
    options : mapping
        ``method``, ``ri_table``, ``completion``, ``threshold`` as used.
    judgement_dispersion : pandas.DataFrame
        One row per pair ``(row, column)``: ``log_sd`` (weighted sd of the
        experts' log-judgements), ``geometric_sd`` (``exp(log_sd)``, a factor)
        and ``experts`` (how many judged the pair); widest spread first.
    priority_dispersion : pandas.DataFrame
        One row per label: ``mean``, ``sd``, ``min``, ``max`` of the experts'
        own weights.
    consensus : pandas.DataFrame
        One row per expert: ``gcci`` (Dong et al. 2010, the expert's judgements
        against the group's weights), ``gcci_threshold`` and
        ``priority_distance`` (largest absolute difference between the
        expert's and the group's weights); farthest expert first.
    farthest_expert : str
        The expert with the largest GCCI.
    consensus_index : float
        The expert-weighted mean GCCI (0 = every expert's judgements are the
        ratios of the group's weights).
    """

    weights: pd.Series
    aggregation: str
    expert_weights: pd.Series
    experts: pd.DataFrame
    expert_results: Mapping[str, WeightsResult]
    aggregated: WeightsResult | None
    labels: tuple[str, ...]
    options: Mapping[str, Any]
    judgement_dispersion: pd.DataFrame
    priority_dispersion: pd.DataFrame
    consensus: pd.DataFrame
    farthest_expert: str
    consensus_index: float

    @property
    def inconsistent_experts(self) -> list[str]:
        """Experts whose own judgements exceed the CR threshold."""
        return [k for k, r in self.expert_results.items() if not r.is_consistent]

    def plot(self, *, ax: Any = None) -> Any:
        """The panel's weights and each expert's, as bars (needs matplotlib).

        Drawn by :func:`pathchoice.plotting.plot_weights`; returns the matplotlib
        Figure, which a notebook shows. ``ax``: draw on these axes instead of a new figure.
        """
        from ..plotting import plot_weights

        return plot_weights(self, ax=ax)

    def to_frame(self) -> pd.DataFrame:
        """Weights by label (rows): column ``group``, then one column per expert."""
        columns = {"group": self.weights}
        columns.update({k: r.weights.reindex(self.labels) for k, r in self.expert_results.items()})
        frame = pd.DataFrame(columns)
        frame.index.name = "label"
        return frame

    def __str__(self) -> str:
        head = f"group AHP weights ({self.aggregation.upper()}, {len(self.expert_results)} experts)"
        table = self.to_frame().to_string(float_format=lambda x: f"{x:.4f}")
        lines = [head, table]
        if self.aggregated is not None:
            lines.append(f"group matrix: {self.aggregated.message}")
        lines.append(self._consensus_note())
        bad = self.inconsistent_experts
        if bad:
            lines.append(f"inconsistent experts: {bad}")
        return "\n".join(lines)

    def _consensus_note(self) -> str:
        how = "judgements (AIJ)" if self.aggregation == "aij" else "priorities (AIP)"
        return (
            f"aggregated {how}; consensus index (mean GCCI, Dong et al. 2010) = "
            f"{self.consensus_index:.3f}; farthest from the group: {self.farthest_expert!r}"
        )

    def _display_notes(self) -> tuple[str, ...]:
        group = () if self.aggregated is None else (f"group matrix: {self.aggregated.message}",)
        experts = tuple(f"{k}: {r.message}" for k, r in self.expert_results.items())
        return (*group, self._consensus_note(), *experts)


def group_weights(
    matrices: MatricesLike,
    *,
    aggregation: Aggregation = "aij",
    expert_weights: ExpertWeightsLike = None,
    method: str = "eigenvector",
    ri_table: RISpec = "saaty_1980",
    completion: str = "lambda_max",
    threshold: float = CONSISTENCY_THRESHOLD,
) -> GroupWeightsResult:
    """Group AHP weights by aggregating judgements (AIJ) or priorities (AIP).

    Parameters
    ----------
    matrices : mapping of str to PairwiseMatrix, or sequence of PairwiseMatrix
        One matrix per expert, as for :func:`aggregate_judgements`.
    aggregation : {"aij", "aip"}, default "aij"
        ``"aij"``: weights of the weighted-geometric-mean matrix;
        ``"aip"``: weighted geometric mean of the experts' weights,
        renormalised (see the module notes).
    expert_weights : mapping, Series or array_like, optional
        Non-negative, summing to 1; default equal.
    method, ri_table, completion, threshold
        As for :func:`~pathchoice.ahp.ahp_weights`, applied to every expert's
        matrix and to the group matrix.

    Returns
    -------
    GroupWeightsResult

    Raises
    ------
    UnknownNameError
        Unknown ``aggregation``, ``method``, ``ri_table`` or ``completion``;
        ``expert_weights`` naming an unknown expert.
    PairwiseMatrixError, WeightsError
        As for :func:`aggregate_judgements`.

    References
    ----------
    .. [1] Forman, E., & Peniwati, K. (1998). Aggregating individual judgments
       and priorities with the analytic hierarchy process. *European Journal of
       Operational Research* 108(1), 165–169.
    .. [2] Aczél, J., & Saaty, T. L. (1983). Procedures for synthesizing ratio
       judgements. *Journal of Mathematical Psychology* 27(1), 93–102.

    Examples
    --------
    >>> alice = PairwiseMatrix.from_judgements({("cost", "risk"): 3, ("risk", "time"): 2,
    ...                                         ("cost", "time"): 6})
    >>> bob = PairwiseMatrix.from_judgements({("cost", "risk"): 1, ("risk", "time"): 2,
    ...                                       ("cost", "time"): 2})
    >>> panel = group_weights({"alice": alice, "bob": bob})
    >>> panel.weights.round(3).tolist()
    [0.536, 0.309, 0.155]
    >>> group_weights({"alice": alice, "bob": bob}, aggregation="aip").weights.round(3).tolist()
    [0.536, 0.309, 0.155]
    >>> panel.experts[["expert_weight", "consistency_ratio"]].round(3)
           expert_weight  consistency_ratio
    expert
    alice            0.5                0.0
    bob              0.5                0.0
    """
    aggregation = as_choice(aggregation, "aggregation", AGGREGATIONS, where="group_weights")  # type: ignore[assignment]
    checked = check_ahp_options("group_weights", method, ri_table, completion, threshold)
    threshold = checked.threshold
    names, panel = _panel(matrices)
    lam = _expert_weights(expert_weights, names)
    labels = panel[0].labels
    options = {"method": method, "ri_table": checked.table.name, "completion": completion}
    results = {k: weigh(m, checked) for k, m in zip(names, panel, strict=True)}
    individual = np.stack([results[k].weights.reindex(labels).to_numpy() for k in names])
    aggregated: WeightsResult | None = None
    if aggregation == "aij":
        aggregated = weigh(_aggregate(panel, lam), checked)
        group = aggregated.weights.reindex(labels).to_numpy()
    else:
        group = _aggregate_priorities(individual, lam)

    expert_index = pd.Index(names, name="expert")
    experts = pd.DataFrame(
        {
            "expert_weight": lam,
            "consistency_ratio": [results[k].consistency_ratio for k in names],
            "is_consistent": [results[k].is_consistent for k in names],
            "lambda_max": [results[k].lambda_max for k in names],
        },
        index=expert_index,
    )
    experts = pd.concat(
        [experts, pd.DataFrame(individual, index=expert_index, columns=list(labels))], axis=1
    )
    spread = _consensus_tables(panel, names, labels, lam, individual, group)
    return GroupWeightsResult(
        weights=pd.Series(group, index=pd.Index(labels), name="weight"),
        aggregation=aggregation,
        expert_weights=pd.Series(lam, index=expert_index, name="expert_weight"),
        experts=experts,
        expert_results=results,
        aggregated=aggregated,
        labels=labels,
        options=MappingProxyType({**options, "threshold": threshold}),
        **spread,
    )


def _consensus_tables(
    panel: list[PairwiseMatrix],
    names: list[str],
    labels: tuple[str, ...],
    lam: np.ndarray,
    individual: np.ndarray,
    group: np.ndarray,
) -> dict[str, Any]:
    """Dispersion and consensus fields of :class:`GroupWeightsResult` (see its attributes)."""
    log_a = np.log(np.stack([m.values for m in panel]))
    rows, cols, sd, count = judgement_dispersion(log_a, lam)
    names_arr = np.asarray(labels, dtype=object)
    pairs = pd.DataFrame(
        {
            "row": names_arr[rows],
            "column": names_arr[cols],
            "log_sd": sd,
            "geometric_sd": np.exp(sd),
            "experts": count,
        }
    ).sort_values("log_sd", ascending=False, kind="stable")
    priorities = pd.DataFrame(
        priority_dispersion(individual, lam),
        index=pd.Index(labels, name="label"),
        columns=["mean", "sd", "min", "max"],
    )
    index = gcci(log_a, group)
    consensus = pd.DataFrame(
        {
            "gcci": index,
            "gcci_threshold": gci_threshold(len(labels)),
            "priority_distance": np.abs(individual - group).max(axis=1),
        },
        index=pd.Index(names, name="expert"),
    ).sort_values("gcci", ascending=False, kind="stable")
    return {
        "judgement_dispersion": pairs.set_index(["row", "column"]),
        "priority_dispersion": priorities,
        "consensus": consensus,
        "farthest_expert": str(consensus.index[0]),
        "consensus_index": float(lam @ index),
    }
