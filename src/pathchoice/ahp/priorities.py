"""AHP priorities and consistency of one pairwise matrix.

:func:`ahp_weights` turns a :class:`~pathchoice.ahp.PairwiseMatrix` into a
:class:`WeightsResult`: the weights, Saaty's consistency index and ratio, the
geometric consistency index, and a plain-language verdict. An inconsistent
matrix is a finding (``is_consistent=False`` and a message), never an error.

Formulas (n labels, matrix ``A``, weights ``w``):

* eigenvector method: ``A w = λmax w``, ``w`` the Perron vector (Saaty 1977, 1980);
* geometric-mean method: ``w_i ∝ (prod_j a_ij)^(1/n)`` (Crawford & Williams 1985),
  the logarithmic least squares solution;
* ``CI = (λmax - n) / (n - 1)`` and ``CR = CI / RI(n)`` with ``λmax`` the Perron
  root of the (completed) matrix, whatever the weighting method: CR is a
  property of the judgements, not of the weights derived from them;
* ``GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} log^2(a_ij w_j / w_i)`` with ``w`` the
  row geometric means (Aguarón & Moreno-Jiménez 2003). Like CR, it is computed
  for both methods, always with the geometric-mean weights of its definition;
  their thresholds (0.31 for n = 3, 0.35 for n = 4, 0.37 for n > 4) correspond
  to CR = 0.1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .._core.ahp import eigenvector_weights, gci, geometric_mean_weights, perron
from .._display import FrameDisplay
from ..exceptions import PathchoiceError, UnknownNameError
from .completion import check_completion, complete
from .pairwise import PairwiseMatrix, format_judgement
from .random_index import RI_TABLES, random_index, random_index_is_extrapolated

__all__ = [
    "CONSISTENCY_THRESHOLD",
    "GCI_THRESHOLDS",
    "PRIORITY_METHODS",
    "WeightsResult",
    "ahp_weights",
    "gci_threshold",
]

#: Saaty's acceptance threshold on the consistency ratio.
CONSISTENCY_THRESHOLD = 0.1

#: Aguarón & Moreno-Jiménez (2003) GCI thresholds by n; n > 4 uses the value for 5.
GCI_THRESHOLDS: dict[int, float] = {3: 0.31, 4: 0.35, 5: 0.37}

#: Weighting methods by name: ``method(values) -> weights``, stacks ``(..., n, n)`` allowed.
PRIORITY_METHODS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "eigenvector": eigenvector_weights,
    "geometric_mean": geometric_mean_weights,
}

Method = Literal["eigenvector", "geometric_mean"]

_CITATION = {
    "eigenvector": "Saaty (1980)",
    "geometric_mean": "Crawford & Williams (1985)",
    "lambda_max": "Bozóki, Fülöp & Rónyai (2010)",
    "llsm": "Kwiesielewicz (1996); Bozóki, Fülöp & Rónyai (2010)",
}


def gci_threshold(n: int) -> float | None:
    """Aguarón & Moreno-Jiménez's GCI threshold for size ``n`` (None for n <= 2).

    Examples
    --------
    >>> gci_threshold(3), gci_threshold(4), gci_threshold(9), gci_threshold(2)
    (0.31, 0.35, 0.37, None)
    """
    if n <= 2:
        return None
    return GCI_THRESHOLDS[min(n, 5)]


@dataclass(frozen=True)
class WeightsResult(FrameDisplay):
    """Priorities and consistency of one pairwise matrix.

    Attributes
    ----------
    weights : pandas.Series
        Positive weights summing to 1, indexed by label, named ``"weight"``.
    lambda_max : float
        Perron root of the (completed) matrix; ``n`` for a consistent matrix.
    consistency_index : float
        ``CI = (λmax - n) / (n - 1)``; 0 for n <= 2.
    consistency_ratio : float
        ``CR = CI / RI``; 0 for n <= 2.
    random_index : float
        RI for this n from ``ri_table`` (0 for n <= 2).
    ri_table : str
        Name of the random-index table used.
    method : str
        ``"eigenvector"`` or ``"geometric_mean"``.
    is_consistent : bool
        ``consistency_ratio <= threshold`` (always True for n <= 2).
    threshold : float
        The CR threshold applied (Saaty's 0.1 by default).
    message : str
        Plain-language verdict, e.g. ``"CR = 0.034 <= 0.10: acceptable"``.
    gci : float
        Geometric consistency index (computed with row-geometric-mean weights for
        either method); 0 for n <= 2.
    gci_threshold : float or None
        Aguarón & Moreno-Jiménez's threshold for this n; None for n <= 2.
    completion : str or None
        The completion method applied, None if the matrix was complete.
    matrix : PairwiseMatrix
        The complete matrix the weights were computed from.
    input_matrix : PairwiseMatrix
        The matrix as given (possibly incomplete); its judged pairs are the
        ones :func:`~pathchoice.ahp.diagnose_inconsistency` reports.
    findings : tuple of str
        Soft findings: off-scale judgements, completion applied (with the
        filled values), random index past the end of its table.
    """

    weights: pd.Series
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    random_index: float
    ri_table: str
    method: str
    is_consistent: bool
    threshold: float
    message: str
    gci: float
    gci_threshold: float | None
    completion: str | None
    matrix: PairwiseMatrix
    input_matrix: PairwiseMatrix
    findings: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, in matrix order."""
        return tuple(self.weights.index)

    @property
    def n(self) -> int:
        """Number of labels."""
        return len(self.weights)

    def to_frame(self) -> pd.DataFrame:
        """One column ``weight``, indexed by label, in matrix order."""
        return self.weights.to_frame(name="weight")

    def __str__(self) -> str:
        table = self.to_frame().to_string(float_format=lambda x: f"{x:.4f}")
        lines = [f"AHP weights ({self.method}, RI table {self.ri_table!r})", table, self.message]
        lines += [f"note: {f}" for f in self.findings]
        return "\n".join(lines)

    def _display_notes(self) -> tuple[str, ...]:
        return (self.message, *self.findings)


def _check_method(method: str) -> str:
    if method not in PRIORITY_METHODS:
        raise UnknownNameError(f"method must be one of {sorted(PRIORITY_METHODS)} (got {method!r})")
    return method


def check_threshold(threshold: float) -> float:
    """Return ``threshold`` as a float if it is a positive finite number, else raise."""
    try:
        value = float(threshold)
    except (TypeError, ValueError):
        raise PathchoiceError(f"threshold must be a number (got {threshold!r})") from None
    if not np.isfinite(value) or value <= 0:
        raise PathchoiceError(f"threshold must be a positive number (got {threshold!r})")
    return value


def as_pairwise_matrix(
    matrix: PairwiseMatrix | Mapping[tuple[str, str], float] | pd.DataFrame,
) -> PairwiseMatrix:
    """Accept a PairwiseMatrix, a dict of judgements or a square DataFrame (NaN = missing)."""
    if isinstance(matrix, PairwiseMatrix):
        return matrix
    if isinstance(matrix, pd.DataFrame):
        return PairwiseMatrix.from_frame(matrix, allow_missing=True)
    if isinstance(matrix, Mapping):
        return PairwiseMatrix.from_judgements(matrix)
    raise PathchoiceError(
        "matrix must be a PairwiseMatrix, a dict of judgements {(a, b): value} or a "
        f"square DataFrame (got {type(matrix).__name__})"
    )


def ahp_weights(
    matrix: PairwiseMatrix | Mapping[tuple[str, str], float] | pd.DataFrame,
    *,
    method: Method = "eigenvector",
    ri_table: str = "saaty",
    completion: str = "lambda_max",
    threshold: float = CONSISTENCY_THRESHOLD,
) -> WeightsResult:
    """AHP priorities of a pairwise matrix, with Saaty's CR and the GCI.

    Parameters
    ----------
    matrix : PairwiseMatrix, dict of judgements or DataFrame
        The judgements. A dict ``{(a, b): value}`` goes through
        :meth:`PairwiseMatrix.from_judgements`, a DataFrame through
        :meth:`PairwiseMatrix.from_frame` (NaN = missing).
    method : {"eigenvector", "geometric_mean"}, default "eigenvector"
        Saaty's principal right eigenvector, or the row geometric mean
        (logarithmic least squares).
    ri_table : {"saaty", "alonso_lamata"}, default "saaty"
        Random-index table for the CR (see :mod:`pathchoice.ahp.random_index`).
    completion : {"lambda_max", "llsm"}, default "lambda_max"
        How missing judgements are filled before weighting (ignored for a
        complete matrix). ``"lambda_max"`` pairs naturally with the eigenvector
        method and ``"llsm"`` with the geometric mean.
    threshold : float, default 0.1
        Acceptable CR (Saaty's 10 % rule).

    Returns
    -------
    WeightsResult
        Weights by label, ``lambda_max``, ``consistency_index``,
        ``consistency_ratio``, ``is_consistent``, ``message``, ``gci`` and the
        choices made (``method``, ``ri_table``, ``completion``).

    Raises
    ------
    UnknownNameError
        Unknown ``method``, ``ri_table`` or ``completion``.
    PathchoiceError
        ``threshold`` not a positive number; any error of :class:`PairwiseMatrix`
        when ``matrix`` is a dict or a DataFrame.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    .. [2] Crawford, G., & Williams, C. (1985). A note on the analysis of subjective
       judgment matrices. *Journal of Mathematical Psychology* 29(4), 387–405.
    .. [3] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency
       index: Approximated thresholds. *European Journal of Operational Research*
       147(1), 137–145.
    .. [4] Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of
       incomplete pairwise comparison matrices. *Mathematical and Computer
       Modelling* 52(1–2), 318–333.

    Examples
    --------
    The criteria of Wikipedia's "choosing a leader" example (printed weights
    .547, .127, .270, .056):

    >>> leader = PairwiseMatrix.from_judgements({
    ...     ("experience", "education"): 4, ("experience", "charisma"): 3,
    ...     ("experience", "age"): 7, ("education", "charisma"): 1 / 3,
    ...     ("education", "age"): 3, ("charisma", "age"): 5})
    >>> result = ahp_weights(leader)
    >>> result.weights.round(3).tolist()
    [0.548, 0.127, 0.27, 0.056]
    >>> result.message
    "CR = 0.044 <= 0.10: acceptable; RI = 0.90 from the 'saaty' table"
    >>> ahp_weights(leader, method="geometric_mean").weights.round(3).tolist()
    [0.546, 0.128, 0.27, 0.056]
    """
    _check_method(method)
    if ri_table not in RI_TABLES:
        raise UnknownNameError(f"ri_table must be one of {sorted(RI_TABLES)} (got {ri_table!r})")
    check_completion(completion)
    threshold = check_threshold(threshold)
    given = as_pairwise_matrix(matrix)

    findings = list(given.findings)
    used_completion: str | None = None
    full = given
    if not given.is_complete:
        used_completion = completion
        full = complete(given, completion)
        filled = full.judgements()
        missing = given.missing_pairs()
        listed = ", ".join(f"{p!r} = {format_judgement(filled[p])}" for p in missing)
        findings.append(
            f"{len(missing)} missing judgement{'s' if len(missing) > 1 else ''} completed "
            f"with {completion!r} ({_CITATION[completion]}): {listed}"
        )
        off = [p for p in missing if not (1 / 9 * 0.99 <= filled[p] <= 9 * 1.01)]
        if off:
            findings.append(f"completed values off Saaty's 1/9..9 scale: {off}")

    a = full.values
    n = full.n
    lam, eigvec = perron(a)
    weights = eigvec if method == "eigenvector" else PRIORITY_METHODS[method](a)
    lam = float(lam)
    ri = random_index(n, ri_table)
    if n <= 2:
        ci = cr = 0.0
        lam = float(n)  # exact for a 1x1 or 2x2 reciprocal matrix
    else:
        ci = max((lam - n) / (n - 1), 0.0)  # lambda_max >= n; clip rounding noise
        cr = ci / ri
    g = float(gci(a))
    g_thr = gci_threshold(n)
    if random_index_is_extrapolated(n, ri_table):
        findings.append(
            f"n = {n} is past the end of the {ri_table!r} random-index table "
            f"(n <= {len(RI_TABLES[ri_table])}); RI = {ri:.4f} "
            + (
                "from Alonso & Lamata's fitted relation"
                if ri_table == "alonso_lamata"
                else "holds the table's last value"
            )
        )
    consistent = n <= 2 or cr <= threshold
    message = _message(n, cr, ri, ri_table, threshold, method, g, g_thr)
    return WeightsResult(
        weights=pd.Series(weights, index=pd.Index(full.labels), name="weight"),
        lambda_max=lam,
        consistency_index=float(ci),
        consistency_ratio=float(cr),
        random_index=float(ri),
        ri_table=ri_table,
        method=method,
        is_consistent=bool(consistent),
        threshold=threshold,
        message=message,
        gci=g,
        gci_threshold=g_thr,
        completion=used_completion,
        matrix=full,
        input_matrix=given,
        findings=tuple(findings),
    )


def _message(
    n: int,
    cr: float,
    ri: float,
    ri_table: str,
    threshold: float,
    method: str,
    g: float,
    g_thr: float | None,
) -> str:
    if n <= 2:
        plural = "s" if n > 1 else ""
        return f"n = {n}: a reciprocal matrix of {n} label{plural} is always consistent (CR = 0)"
    verdict = (
        f"CR = {cr:.3f} <= {threshold:.2f}: acceptable"
        if cr <= threshold
        else f"CR = {cr:.3f} > {threshold:.2f}: inconsistent, revisit the judgements "
        "(diagnose_inconsistency ranks them)"
    )
    text = f"{verdict}; RI = {ri:.2f} from the {ri_table!r} table"
    if method == "geometric_mean" and g_thr is not None:
        relation = "<=" if g <= g_thr else ">"
        text += f"; GCI = {g:.3f} {relation} {g_thr:.2f}"
    return text
