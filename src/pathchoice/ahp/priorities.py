"""AHP priorities and consistency of one pairwise matrix.

:func:`ahp_weights` turns a :class:`~pathchoice.ahp.PairwiseMatrix` into a
:class:`WeightsResult`: the weights, Saaty's consistency index and ratio, the
geometric consistency index, and a plain-language verdict. An inconsistent
matrix is a finding (``is_consistent=False`` and a message), never an error.

Formulas (n labels, matrix ``A``, weights ``w``):

* eigenvector method: ``A w = λmax w``, ``w`` the Perron vector (Saaty 1977, 1980);
* geometric-mean method: ``w_i ∝ (prod_j a_ij)^(1/n)`` (Crawford & Williams 1985),
  the logarithmic least squares solution;
* two approximations that textbooks compute by hand, named as such so that
  numbers printed that way can be reproduced: ``"column_average"`` (normalise
  each column to sum 1, then average the rows; also called additive
  normalisation) and ``"row_sum"`` (normalised row sums). Both equal the
  eigenvector for a consistent matrix and drift from it as consistency falls
  (Saaty 1980, §1.4);
* ``CI = (λmax - n) / (n - 1)`` and ``CR = CI / RI(n)`` with ``λmax`` the Perron
  root of the (completed) matrix, whatever the weighting method: CR is a
  property of the judgements, not of the weights derived from them;
* ``GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} log^2(a_ij w_j / w_i)`` with ``w`` the
  row geometric means (Aguarón & Moreno-Jiménez 2003). Like CR, it is computed
  for both methods, always with the geometric-mean weights of its definition;
  their thresholds (0.31 for n = 3, 0.35 for n = 4, 0.37 for n > 4) correspond
  to CR = 0.1.

λmax comes from power iteration (:func:`pathchoice._core.ahp.perron`: stop when
the Collatz–Wielandt bounds agree to 1e-13 relative, ``numpy.linalg.eig`` only
if that fails), started from the method's own weights: O(n²) per step, so
n = 500 takes about a millisecond where a full eigen-decomposition takes about
a hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._core.ahp import (
    column_average_weights,
    eigenvector_weights,
    gci,
    geometric_mean_weights,
    perron,
    row_sum_weights,
)
from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_flag, as_real
from ..exceptions import ArgumentError, PairwiseMatrixError
from .completion import COMPLETION_METHODS, complete
from .pairwise import PairwiseMatrix, format_judgement
from .random_index import RandomIndexTable, RISpec, as_ri_table

__all__ = [
    "APPROXIMATE_METHODS",
    "CONSISTENCY_THRESHOLD",
    "GCI_THRESHOLDS",
    "PRIORITY_METHODS",
    "WeightsResult",
    "ahp_weights",
    "as_pairwise_matrix",
    "check_threshold",
    "gci_threshold",
]

#: Saaty's acceptance threshold on the consistency ratio.
CONSISTENCY_THRESHOLD = 0.1

#: Aguarón & Moreno-Jiménez (2003) GCI thresholds by n; n > 4 uses the value for 5.
GCI_THRESHOLDS: Mapping[int, float] = {3: 0.31, 4: 0.35, 5: 0.37}

#: Weighting methods by name: ``method(values) -> weights``, stacks ``(..., n, n)`` allowed.
PRIORITY_METHODS: Mapping[str, Callable[[np.ndarray], np.ndarray]] = {
    "eigenvector": eigenvector_weights,
    "geometric_mean": geometric_mean_weights,
    "column_average": column_average_weights,
    "row_sum": row_sum_weights,
}

#: The methods of :data:`PRIORITY_METHODS` that only approximate the eigenvector.
APPROXIMATE_METHODS: tuple[str, ...] = ("column_average", "row_sum")

Method = Literal["eigenvector", "geometric_mean", "column_average", "row_sum"]

_CITATION = {
    "eigenvector": "Saaty (1980)",
    "geometric_mean": "Crawford & Williams (1985)",
    "column_average": "Saaty (1980), approximation by normalised column averages",
    "row_sum": "Saaty (1980), approximation by normalised row sums",
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


@dataclass(frozen=True, eq=False)
class WeightsResult(FrozenResult, FrameDisplay):
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
        A name of :data:`PRIORITY_METHODS`.
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
        filled values), random index past the end of its table, an
        approximate method used.
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
        return tuple(self._raw("weights").index)

    @property
    def n(self) -> int:
        """Number of labels."""
        return len(self._raw("weights"))

    def plot(self, *, ax: Any = None) -> Any:
        """The weights as bars, with the consistency ratio (needs matplotlib).

        Drawn by :func:`pathchoice.plotting.plot_weights`; returns the matplotlib
        Figure, which a notebook shows. ``ax``: draw on these axes instead of a new figure.
        """
        from ..plotting import plot_weights

        return plot_weights(self, ax=ax)

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


def check_threshold(threshold: float, *, where: str | None = None) -> float:
    """Return ``threshold`` as a float if it is a positive finite number, else raise."""
    # high=inf: as_real formats both bounds in its message.
    return as_real(threshold, "threshold", where=where, low=0.0, low_open=True, high=np.inf)


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
    raise PairwiseMatrixError(
        "matrix must be a PairwiseMatrix, a dict of judgements {(a, b): value} or a "
        f"square DataFrame (got {type(matrix).__name__})"
    )


@dataclass(frozen=True)
class AHPOptions:
    """The checked options of one AHP weighting (shared by every node of a hierarchy)."""

    method: str
    table: RandomIndexTable
    completion: str
    threshold: float
    strict: bool

    def as_dict(self) -> dict[str, Any]:
        """The options as a result echoes them."""
        return {
            "method": self.method,
            "ri_table": self.table.name,
            "completion": self.completion,
            "threshold": self.threshold,
        }


def check_ahp_options(
    where: str,
    method: object,
    ri_table: object,
    completion: object,
    threshold: object,
    strict: object = False,
) -> AHPOptions:
    """The input check shared by every function that weighs pairwise matrices."""
    return AHPOptions(
        method=as_choice(method, "method", PRIORITY_METHODS, where=where),
        table=as_ri_table(ri_table, where=where),  # type: ignore[arg-type]
        completion=as_choice(completion, "completion", COMPLETION_METHODS, where=where),
        threshold=check_threshold(threshold, where=where),  # type: ignore[arg-type]
        strict=as_flag(strict, "strict", where=where),
    )


def ahp_weights(
    matrix: PairwiseMatrix | Mapping[tuple[str, str], float] | pd.DataFrame,
    *,
    method: Method = "eigenvector",
    ri_table: RISpec = "saaty_1980",
    completion: str = "lambda_max",
    threshold: float = CONSISTENCY_THRESHOLD,
    strict: bool = False,
) -> WeightsResult:
    """AHP priorities of a pairwise matrix, with Saaty's CR and the GCI.

    Parameters
    ----------
    matrix : PairwiseMatrix, dict of judgements or DataFrame
        The judgements. A dict ``{(a, b): value}`` goes through
        :meth:`PairwiseMatrix.from_judgements`, a DataFrame through
        :meth:`PairwiseMatrix.from_frame` (NaN = missing).
    method : {"eigenvector", "geometric_mean", "column_average", "row_sum"}
        Saaty's principal right eigenvector (default), the row geometric mean
        (logarithmic least squares), or one of the two textbook approximations
        (see the module notes; the result's findings say it is one).
    ri_table : str, number, mapping or callable, default "saaty_1980"
        Random-index table for the CR: a name of
        :data:`~pathchoice.ahp.random_index.RI_TABLES` (or an alias such as
        ``"saaty"``), or a per-call table -- a number, ``{n: RI}`` or a
        function of n (see :func:`~pathchoice.ahp.random_index.as_ri_table`).
    completion : {"lambda_max", "llsm"}, default "lambda_max"
        How missing judgements are filled before weighting (ignored for a
        complete matrix). ``"lambda_max"`` pairs naturally with the eigenvector
        method and ``"llsm"`` with the geometric mean.
    threshold : float, default 0.1
        Acceptable CR (Saaty's 10 % rule).
    strict : bool, default False
        Raise :class:`~pathchoice.exceptions.ArgumentError` when n lies past
        the end of the random-index table, instead of a finding.

    Returns
    -------
    WeightsResult
        Weights by label, ``lambda_max``, ``consistency_index``,
        ``consistency_ratio``, ``is_consistent``, ``message``, ``gci`` and the
        choices made (``method``, ``ri_table``, ``completion``).

    Raises
    ------
    ArgumentError
        Unknown ``method``, ``ri_table`` or ``completion``; ``threshold`` not a
        positive number.
    PairwiseMatrixError
        Any error of :class:`PairwiseMatrix` when ``matrix`` is a dict or a
        DataFrame.

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
    "CR = 0.044 <= 0.10: acceptable; RI = 0.90 from the 'saaty_1980' table"
    >>> ahp_weights(leader, method="geometric_mean").weights.round(3).tolist()
    [0.546, 0.128, 0.27, 0.056]
    """
    options = check_ahp_options("ahp_weights", method, ri_table, completion, threshold, strict)
    return weigh(as_pairwise_matrix(matrix), options)


def weigh(given: PairwiseMatrix, options: AHPOptions) -> WeightsResult:
    """The body of :func:`ahp_weights` on a checked matrix and checked options."""
    method, completion = options.method, options.completion
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

    a = full.readonly_values
    n = full.n
    log_a = np.log(a) if n > 2 or method == "geometric_mean" else None
    if n <= 2:  # every method gives a_12 / (1 + a_12), 1 / (1 + a_12): no iteration
        lam, weights = float(n), a[:, 0] / a[:, 0].sum()
    elif method == "eigenvector":
        lam, weights = perron(a)
    else:
        weights = (
            geometric_mean_weights(a, log_a)
            if method == "geometric_mean"
            else PRIORITY_METHODS[method](a)
        )
        lam, _ = perron(a, weights)
    lam = float(lam)
    table = options.table
    ri, past_end = table.lookup(n)
    if n <= 2:
        ci = cr = 0.0
        lam = float(n)  # exact for a 1x1 or 2x2 reciprocal matrix
    else:
        ci = max((lam - n) / (n - 1), 0.0)  # lambda_max >= n; clip rounding noise
        cr = ci / ri
    g = float(gci(a, log_a)) if log_a is not None else 0.0
    g_thr = gci_threshold(n)
    if past_end:
        text = (
            f"n = {n} is past the end of the {table.name!r} random-index table "
            f"(n <= {table.max_n}); RI = {ri:.4f} "
            + ("from the table's published fit" if table.beyond else "holds the table's last value")
        )
        if options.strict:
            raise ArgumentError(f"ahp_weights: {text} (strict=True)")
        findings.append(text)
    if method in APPROXIMATE_METHODS:
        findings.append(
            f"weights by {_CITATION[method]}: an approximation of the eigenvector, exact only "
            f"for a consistent matrix"
        )
    threshold = options.threshold
    consistent = n <= 2 or cr <= threshold
    message = _message(n, cr, ri, table.name, threshold, method, g, g_thr)
    return WeightsResult(
        weights=pd.Series(weights, index=pd.Index(full.labels), name="weight"),
        lambda_max=lam,
        consistency_index=float(ci),
        consistency_ratio=float(cr),
        random_index=float(ri),
        ri_table=table.name,
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
