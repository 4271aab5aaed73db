"""Cross-method comparison: the same model and weights ranked by several methods.

:func:`compare_methods` ranks a model with TOPSIS and pymcdm's methods (or any
method registered in :data:`pathchoice.ranking.METHODS`), tabulates the ranks
and scores side by side, measures how alike the rankings are with pymcdm's
correlation coefficients, and aggregates them into one consensus ranking
(:mod:`pathchoice.sensitivity.consensus`, whose
:func:`~pathchoice.sensitivity.consensus.consensus_ranking` is the aggregation
step on its own, for any table of rankings: methods, experts, scenarios).

Similarity of two rankings ``x`` and ``y`` (``pymcdm.correlations``, called
as is, pair by pair, through ``pymcdm.helpers.correlation_matrix``):

* Spearman's ``r_s`` -- the Pearson correlation of the rank vectors;
  symmetric.
* the weighted Spearman ``r_w`` of Pinto da Costa & Soares (2005) -- a
  squared rank difference weighted by ``(N - x_i + 1) + (N - y_i + 1)``, so
  disagreements near the top count more; symmetric.
* the WS coefficient of Sałabun & Urbaniak (2020) -- ``1 - sum_i 2**-x_i
  |x_i - y_i| / max(|x_i - 1|, |x_i - N|)``. **Asymmetric**: ``x`` is the
  *reference* ranking, whose positions set the weights ``2**-x_i``. In
  :attr:`MethodComparison.ws_similarity` the **row** method is the reference
  and the column method the ranking tested against it:
  ``ws_similarity.loc[a, b] = ws(ranks[a], ranks[b])``.

Beside them, two rank statistics (:mod:`pathchoice.ranking.agreement`):
Kendall's tau-b (``scipy.stats.kendalltau``; symmetric) and the Kemeny
distance of Kemeny & Snell (1962) -- per pair of alternatives 2 if the two
rankings order it oppositely, 1 if one ties it, 0 otherwise; symmetric.

A method that cannot take the problem (COPRAS without a cost criterion, a
pymcdm method defeated by a criterion with zero range, ...: it raises
:class:`~pathchoice.ranking.MethodRefusedError` or
:class:`~pathchoice.exceptions.ZeroRangeError`) is left out of the comparison;
``MethodComparison.left_out`` names it with the reason and ``findings`` says so.
Bad options are still errors.

The consensus rules (``consensus=``) are described in
:mod:`pathchoice.sensitivity.consensus`.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice
from ..exceptions import MethodError, ZeroRangeError
from ..model import Model, as_model
from ..ranking import (
    KEMENY_EXACT_MAX,
    METHODS,
    MethodRefusedError,
    RankingMethod,
    kemeny_distance,
    kendall_taus,
    rank,
)
from ..ranking.agreement import kemeny_distances
from ..results import RankingResult, rank_scores
from ..weights import WeightVector, check_weights
from .consensus import CONSENSUS_RULES, ConsensusRule, rule_scores
from .consensus import consensus_ranking as consensus_ranking  # its home before the split

__all__ = ["DEFAULT_METHODS", "MethodComparison", "compare_methods"]

#: The methods :func:`compare_methods` compares unless told otherwise: pathchoice's
#: TOPSIS and seven pymcdm methods from different families (compromise, outranking,
#: ratio, reference-point, additive, distance-from-average, border approximation).
DEFAULT_METHODS: tuple[str, ...] = (
    "topsis",
    "vikor",
    "promethee_ii",
    "copras",
    "spotis",
    "waspas",
    "edas",
    "mabac",
)

# The pymcdm functions behind each similarity table (called, never rewritten; pymcdm is
# imported on first use because it imports matplotlib).
_SIMILARITIES: Mapping[str, str] = {
    "spearman": "spearman",
    "weighted_spearman": "weighted_spearman",
    "ws_similarity": "rank_similarity_coef",
}


# -- pure array core (no pandas, no validation) -------------------------------------------


def _similarity_tables(ranks: np.ndarray) -> tuple[dict[str, np.ndarray], bool]:
    """pymcdm's similarity matrices of the rows of a (k, m) rank array.

    Returns the tables and whether some coefficient was undefined (a ranking
    with every alternative tied has no variance for Spearman's ``r_s``).
    """
    values = ranks.astype(np.float64)
    correlations = importlib.import_module("pymcdm.correlations")
    correlation_matrix = importlib.import_module("pymcdm.helpers").correlation_matrix
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", UserWarning)
        tables = {
            name: correlation_matrix(values, getattr(correlations, fn))
            for name, fn in _SIMILARITIES.items()
        }
        tables["kendall_tau"] = kendall_taus(ranks)
    tables["kemeny_distance"] = kemeny_distances(ranks)
    undefined = any(not np.isfinite(t).all() for t in tables.values())
    return tables, undefined


# -- labelled shell -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class MethodComparison(FrozenResult, FrameDisplay):
    """The same model and weights ranked by several methods, side by side.

    Attributes
    ----------
    methods : tuple of str
        The methods compared, in the order given (column order of the tables).
    ranks : DataFrame, alternatives × methods
        Integer ranks, 1 = best; ties share the minimum rank.
    scores : DataFrame, alternatives × methods
        Each method's own scores. Directions differ: see ``higher_is_better``.
    higher_is_better : Series of bool, by method
        Whether a method's higher score is better (TOPSIS) or worse (VIKOR).
    spearman, weighted_spearman : DataFrame, methods × methods
        Spearman's ``r_s`` and the weighted Spearman ``r_w`` between the rank
        vectors (pymcdm.correlations; symmetric).
    ws_similarity : DataFrame, methods × methods
        The WS coefficient; **row = reference ranking**, column = ranking
        compared with it: ``ws_similarity.loc[a, b] = ws(ranks[a], ranks[b])``.
    kendall_tau : DataFrame, methods × methods
        Kendall's tau-b (scipy; symmetric).
    kemeny_distance : DataFrame of int, methods × methods
        The Kemeny distance (symmetric; 0 on the diagonal).
    consensus : Series of int, by alternative
        The consensus rank (1 = best; equal consensus scores share a rank).
    consensus_scores : Series, by alternative
        The consensus rule's scores (higher is better).
    consensus_rule : str
        ``"copeland"``, ``"borda"`` or ``"kemeny"``.
    consensus_distance : int
        Total Kemeny distance of the consensus ranking to the methods' rankings.
    weights : Series
        The weights used, by criterion.
    options : mapping
        Each method's options as used (from its :class:`RankingResult`).
    results : mapping of str to RankingResult
        Each method's full result.
    left_out : mapping of str to str
        Methods that could not take the problem, each with the reason.
    findings : tuple of str
        Soft findings (methods left out, an undefined coefficient, a heuristic
        Kemeny consensus, methods' own findings).
    """

    methods: tuple[str, ...]
    ranks: pd.DataFrame
    scores: pd.DataFrame
    higher_is_better: pd.Series
    spearman: pd.DataFrame
    weighted_spearman: pd.DataFrame
    ws_similarity: pd.DataFrame
    kendall_tau: pd.DataFrame
    kemeny_distance: pd.DataFrame
    consensus: pd.Series
    consensus_scores: pd.Series
    consensus_rule: str
    consensus_distance: int
    weights: pd.Series
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    results: Mapping[str, RankingResult] = field(default_factory=dict)
    left_out: Mapping[str, str] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    @property
    def best(self) -> pd.Series:
        """The alternative each method ranks first (the first in model order if several tie)."""
        return self._raw("ranks").idxmin().rename("best")

    def to_frame(self) -> pd.DataFrame:
        """The rank table: one column per method, then ``consensus``; one row per alternative."""
        return self._raw("ranks").assign(consensus=self._raw("consensus"))

    def __str__(self) -> str:
        table = self.to_frame().sort_values("consensus", kind="stable")
        return f"ranks by method ({self.consensus_rule} consensus)\n{table.to_string()}"

    def _display_frame(self) -> pd.DataFrame:
        return self.to_frame().sort_values("consensus", kind="stable")


def method_label(method: RankingMethod) -> str:
    """The column label of a callable method: its ``name`` (pymcdm adapter) or ``__name__``."""
    label = getattr(method, "name", None) or getattr(method, "__name__", None)
    return str(label or type(method).__name__)


def _method_entries(
    methods: object,
) -> list[tuple[str, str | RankingMethod]]:
    """(label, method) pairs, checked: at least two, known names, no repeats."""
    if isinstance(methods, (str, bytes)) or callable(methods):
        raise MethodError(
            "methods must be a sequence of at least two method names or callables "
            f"(got the single method {methods!r})"
        )
    if not isinstance(methods, Sequence) and not hasattr(methods, "__iter__"):
        raise MethodError(
            "methods must be a sequence of method names or callables "
            f"(got {type(methods).__name__})"
        )
    entries: list[tuple[str, str | RankingMethod]] = []
    for method in list(methods):  # type: ignore[call-overload]
        if isinstance(method, str):
            if method not in METHODS:
                raise MethodError(
                    f"methods: unknown ranking method {method!r}; known: {sorted(METHODS)}"
                )
            entries.append((method, method))
        elif callable(method):
            entries.append((method_label(method), method))
        else:
            raise MethodError(
                "methods: each entry must be a name from METHODS or a callable "
                f"(got {type(method).__name__}: {method!r})"
            )
    if len(entries) < 2:
        raise MethodError(
            f"methods: a comparison needs at least two methods (got {len(entries)}: "
            f"{[label for label, _ in entries]})"
        )
    labels = [label for label, _ in entries]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise MethodError(f"methods: each method may appear once; repeated: {repeated}")
    return entries


def _compare_iv(
    model: object, weights: object, methods: object, consensus: object, options: object
) -> tuple[Model, np.ndarray, list[tuple[str, str | RankingMethod]], str, dict[str, Any]]:
    """The checked arguments of :func:`compare_methods`."""
    where = "compare_methods"
    model = as_model(model, where)
    entries = _method_entries(methods)
    consensus = as_choice(consensus, "consensus", CONSENSUS_RULES, where=where)
    labels = [label for label, _ in entries]
    if options is not None and not isinstance(options, Mapping):
        raise MethodError(
            f"{where}: options must be a mapping of method name to options "
            f"(got {type(options).__name__})"
        )
    per_method = dict(options or {})
    unknown = [k for k in per_method if k not in labels]
    if unknown:
        raise MethodError(
            f"options: given for method(s) {unknown} that are not compared; methods are {labels}"
        )
    w = check_weights(weights, model.criterion_names, where=where)  # type: ignore[arg-type]
    return model, w, entries, consensus, per_method


def compare_methods(
    model: Model,
    weights: WeightVector,
    *,
    methods: Sequence[str | RankingMethod] = DEFAULT_METHODS,
    consensus: ConsensusRule = "copeland",
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> MethodComparison:
    """Rank one model with several methods and compare the rankings.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : Series, mapping or array_like
        One weight vector (by criterion name or in criterion order).
    methods : sequence of str or callable, default :data:`DEFAULT_METHODS`
        At least two methods: names from :data:`pathchoice.ranking.METHODS` or
        conforming callables ``method(model, weights, **options)``.
    consensus : {"copeland", "borda", "kemeny"}, default "copeland"
        How the rankings are aggregated; see :func:`consensus_ranking`.
    options : mapping of method name to mapping, optional
        Options per method, e.g. ``{"vikor": {"v": 0.7}, "topsis":
        {"normalization": "minmax"}}``. Methods not named keep their defaults
        (PROMETHEE II: "usual" preference function; SPOTIS: observed bounds).

    Returns
    -------
    MethodComparison
        Rank and score tables, the similarity and rank-statistic matrices
        (r_s, r_w, WS, Kendall's tau, Kemeny distance), the consensus, and the
        methods left out because they cannot rank this model (``left_out``,
        with a finding each).

    Raises
    ------
    MethodError
        Fewer than two methods (given, or able to rank the model), an unknown
        or repeated method, options for a method not compared, an option a
        method does not take or refuses.
    ArgumentError
        An unknown consensus rule.
    WeightsError, UnknownNameError
        Malformed weights (a batch of weight vectors is refused).

    Notes
    -----
    The similarity tables call ``pymcdm.correlations.spearman``,
    ``weighted_spearman`` and ``rank_similarity_coef`` on the integer rank
    vectors, exactly as pymcdm computes them. The WS table is not symmetric:
    its row is the reference ranking. A method that ties every alternative
    leaves Spearman's ``r_s`` undefined (NaN, reported in ``findings``).

    References
    ----------
    .. [1] Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings
       similarity in decision-making problems. In *Computational Science --
       ICCS 2020*, LNCS 12138, 632–645. Springer.
    .. [2] Pinto da Costa, J., & Soares, C. (2005). A weighted rank measure of
       correlation. *Australian & New Zealand Journal of Statistics*, 47(4),
       515–529.
    .. [3] Copeland, A. H. (1951). A "reasonable" social welfare function.
       Seminar on Applications of Mathematics to the Social Sciences,
       University of Michigan.
    .. [4] Saari, D. G., & Merlin, V. R. (1996). The Copeland method I:
       Relationships and the dictionary. *Economic Theory*, 8(1), 51–76.
    .. [5] de Borda, J.-C. (1781). Mémoire sur les élections au scrutin.
       *Histoire de l'Académie Royale des Sciences*, Paris.
    .. [6] Kizielewicz, B., Shekhovtsov, A., & Sałabun, W. (2023). pymcdm — The
       universal library for solving multi-criteria decision-making problems.
       *SoftwareX*, 22, 101368.
    .. [7] Kendall, M. G. (1945). The treatment of ties in ranking problems.
       *Biometrika*, 33(3), 239–251.
    .. [8] Kemeny, J. G., & Snell, J. L. (1962). *Mathematical Models in the
       Social Sciences*. Ginn.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(
    ...     ["A", "B", "C", "D"], ["cost", "quality", "reach"],
    ...     [[250, 7, 3], [200, 5, 4], [300, 9, 6], [275, 6, 5]],
    ...     directions={"cost": "cost"},
    ... )
    >>> comparison = compare_methods(model, [0.3, 0.4, 0.3], methods=["topsis", "vikor", "wsm"])
    >>> comparison.ranks
    method       topsis  vikor  wsm
    alternative
    A                 3      3    4
    B                 4      4    3
    C                 1      1    1
    D                 2      2    2
    >>> comparison.consensus.tolist()
    [3, 4, 1, 2]
    >>> comparison.ws_similarity.round(4)  # row = reference ranking
    method  topsis   vikor     wsm
    method
    topsis  1.0000  1.0000  0.9167
    vikor   1.0000  1.0000  0.9167
    wsm     0.9167  0.9167  1.0000
    """
    model, w, entries, consensus, per_method = _compare_iv(
        model, weights, methods, consensus, options
    )
    results: dict[str, RankingResult] = {}
    left_out: dict[str, str] = {}
    for label, method in entries:
        try:
            results[label] = rank(model, w, method, **dict(per_method.get(label, {})))
        except (MethodRefusedError, ZeroRangeError) as exc:
            left_out[label] = str(exc)
    labels = list(results)
    if len(labels) < 2:
        raise MethodError(
            f"compare_methods: fewer than two of the methods can rank this model; "
            f"left out: {left_out}"
        )

    alternatives = pd.Index(model.alternatives, name="alternative")
    columns = pd.Index(labels, name="method")
    rank_array = np.column_stack([results[k].ranks.to_numpy() for k in labels])
    score_array = np.column_stack([results[k].scores.to_numpy() for k in labels])
    tables, undefined = _similarity_tables(rank_array.T)
    consensus_scores = rule_scores(rank_array.T, consensus)
    consensus_ranks = rank_scores(consensus_scores)

    findings = [
        f"{label} was left out: it cannot rank this model ({reason})"
        for label, reason in left_out.items()
    ]
    if undefined:
        flat = [k for k in labels if np.ptp(results[k].ranks.to_numpy()) == 0]
        findings.append(
            f"method(s) {flat} tie every alternative, so Spearman's r_s and Kendall's tau "
            "with them are undefined (NaN)"
        )
    if consensus == "kemeny" and model.n_alternatives > KEMENY_EXACT_MAX:
        findings.append(
            f"the Kemeny consensus of {model.n_alternatives} alternatives is found by a "
            "heuristic (local Kemenisation from the Borda order), not proven optimal"
        )
    for label in labels:
        findings.extend(f"{label}: {f}" for f in results[label].findings)
    distance = sum(kemeny_distance(consensus_ranks, rank_array[:, k]) for k in range(len(labels)))

    def square(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=columns.copy(), columns=columns.copy())

    return MethodComparison(
        methods=tuple(labels),
        ranks=pd.DataFrame(rank_array, index=alternatives, columns=columns),
        scores=pd.DataFrame(score_array, index=alternatives.copy(), columns=columns.copy()),
        higher_is_better=pd.Series(
            [results[k].higher_is_better for k in labels],
            index=columns.copy(),
            name="higher_is_better",
        ),
        spearman=square(tables["spearman"]),
        weighted_spearman=square(tables["weighted_spearman"]),
        ws_similarity=square(tables["ws_similarity"]),
        kendall_tau=square(tables["kendall_tau"]),
        kemeny_distance=square(tables["kemeny_distance"]),
        consensus=pd.Series(consensus_ranks, index=alternatives.copy(), name="consensus"),
        consensus_scores=pd.Series(
            consensus_scores, index=alternatives.copy(), name="consensus_score"
        ),
        consensus_rule=consensus,
        consensus_distance=int(distance),
        weights=pd.Series(
            w, index=pd.Index(model.criterion_names, name="criterion"), name="weight"
        ),
        options={k: dict(results[k].options) for k in labels},
        results=results,
        left_out=left_out,
        findings=tuple(findings),
    )
