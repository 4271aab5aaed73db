"""Completing a pairwise matrix with missing judgements.

Two cited methods, selectable by name (:data:`COMPLETION_METHODS`):

``"lambda_max"``
    The λmax-optimal completion of Bozóki, Fülöp & Rónyai (2010): the missing
    entries are the values that make the completed matrix as consistent as
    possible in Saaty's sense, i.e. that minimise its Perron root λmax. With
    the missing upper-triangle entries written as ``a_ij = exp(x)`` (and
    ``a_ji = exp(-x)``), λmax is a convex function of ``x`` (Bozóki et al. 2010,
    after Kingman's theorem on the log-convexity of the Perron root), and
    strictly convex -- so the optimum is unique -- exactly when the comparison
    graph is connected (ibid.). It is minimised here with limited-memory BFGS
    on ``x``, using the analytic gradient ``dλ/dx = (v_i w_j a_ij - v_j w_i a_ji) / v·w``
    (``v``, ``w`` the left and right Perron vectors), started from the LLSM
    completion below.
``"llsm"``
    The logarithmic least squares completion: the incomplete LLSM weights ``w``
    (Kwiesielewicz 1996; Bozóki, Fülöp & Rónyai 2010) solve the
    Laplacian system ``L y = r`` on the log-judgements, ``y = log w``, and each
    missing ``a_ij`` is filled with ``w_i / w_j``. The row geometric means of
    the completed matrix are then the same ``w``. The solution is unique
    exactly when the graph is connected (ibid.); it equals the
    geometric mean of the weight vectors of all spanning trees of the graph
    (Bozóki & Tsyganok 2019).

The natural pairings are ``"lambda_max"`` with eigenvector weights and
``"llsm"`` with geometric-mean weights: each gives the incomplete version of
that weighting method.

References
----------
.. [1] Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of
   incomplete pairwise comparison matrices. *Mathematical and Computer Modelling*
   52(1–2), 318–333. https://doi.org/10.1016/j.mcm.2010.02.047
.. [2] Kwiesielewicz, M. (1996). The logarithmic least squares and the generalized
   pseudoinverse in estimating ratios. *European Journal of Operational Research*
   93(3), 611–619.
.. [3] Bozóki, S., & Tsyganok, V. (2019). The (logarithmic) least squares optimality
   of the arithmetic (geometric) mean of weight vectors calculated from all
   spanning trees for incomplete additive (multiplicative) pairwise comparison
   matrices. *International Journal of General Systems* 48(4), 362–381.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._core.ahp import llsm_log_weights, perron_left_right
from .._validate import as_choice
from ..exceptions import PairwiseMatrixError
from .pairwise import PairwiseMatrix

__all__ = ["COMPLETION_METHODS", "complete"]


def _complete_llsm(a: np.ndarray) -> np.ndarray:
    """Fill the NaNs of ``a`` with ``w_i / w_j`` from the incomplete LLSM weights."""
    y = llsm_log_weights(a)
    ratio = np.exp(y[:, None] - y[None, :])
    ratio = np.triu(ratio, 1) + np.tril(1.0 / ratio.T, -1) + np.eye(len(y))  # exact reciprocals
    return np.where(np.isnan(a), ratio, a)


def _complete_lambda_max(a: np.ndarray, *, gtol: float = 1e-12) -> np.ndarray:
    """Fill the NaNs of ``a`` with the values that minimise the Perron root."""
    rows, cols = np.nonzero(np.triu(np.isnan(a), k=1))
    if rows.size == 0:
        return a.copy()
    # scipy.optimize costs about 0.2 s to import: only a completion needs it.
    from scipy.optimize import minimize

    start = _complete_llsm(a)
    x0 = np.log(start[rows, cols])
    filled = start.copy()
    # Each evaluation warm-starts power iteration from the previous Perron vectors:
    # BFGS moves x a little per step, so a few matrix-vector products suffice.
    vectors: list[np.ndarray | None] = [None, None]

    def objective(x: np.ndarray) -> tuple[float, np.ndarray]:
        filled[rows, cols] = np.exp(x)
        filled[cols, rows] = np.exp(-x)
        lam, right, left = perron_left_right(filled, vectors[0], vectors[1])
        vectors[0], vectors[1] = right, left
        scale = left @ right
        grad = (
            left[rows] * right[cols] * filled[rows, cols]
            - left[cols] * right[rows] * filled[cols, rows]
        ) / scale
        return float(lam), grad

    # L-BFGS (limited memory): BFGS's dense inverse-Hessian update costs O(k^2) memory
    # and O(k^3) time per step in the k missing entries -- 90 % of the time at n = 50
    # with 30 % missing. The objective is convex and smooth, so the limited-memory
    # version reaches the same optimum. It may stop with an "abnormal termination in
    # line search" status once the gradient is at the level of rounding noise; the point
    # it returns is then optimal to working precision.
    result = minimize(
        objective,
        x0,
        jac=True,
        method="L-BFGS-B",
        options={"gtol": gtol, "ftol": 1e-15, "maxiter": 10_000, "maxcor": 20},
    )
    x = result.x
    out = a.copy()
    out[rows, cols] = np.exp(x)
    out[cols, rows] = 1.0 / out[rows, cols]  # exact reciprocals
    return out


#: Completion methods by name: ``method(values_with_nan) -> completed values``.
COMPLETION_METHODS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "lambda_max": _complete_lambda_max,
    "llsm": _complete_llsm,
}


def check_completion(method: str, *, where: str | None = None) -> str:
    """Return ``method`` if it names a completion method, else raise ArgumentError."""
    return as_choice(method, "completion", COMPLETION_METHODS, where=where)


def complete(matrix: PairwiseMatrix, method: str = "lambda_max") -> PairwiseMatrix:
    """Fill the missing judgements of a pairwise matrix.

    Parameters
    ----------
    matrix : PairwiseMatrix
        A matrix whose comparison graph is connected (guaranteed at construction).
    method : {"lambda_max", "llsm"}, default "lambda_max"
        ``"lambda_max"``: the completion with the smallest Perron root
        (Bozóki, Fülöp & Rónyai 2010). ``"llsm"``: missing ``a_ij = w_i / w_j``
        with ``w`` the incomplete logarithmic-least-squares weights.

    Returns
    -------
    PairwiseMatrix
        A complete matrix with the same labels; the judged entries are unchanged.
        A complete input is returned as is.

    Raises
    ------
    ArgumentError
        Unknown ``method``.

    References
    ----------
    .. [1] Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of
       incomplete pairwise comparison matrices. *Mathematical and Computer
       Modelling* 52(1–2), 318–333.
    .. [2] Kwiesielewicz, M. (1996). The logarithmic least squares and the
       generalized pseudoinverse in estimating ratios. *EJOR* 93(3), 611–619.

    Examples
    --------
    Bozóki, Fülöp & Rónyai (2010), Example 3: one missing judgement ``x``; its
    λmax-optimal value is printed there as 0.7302965066047, equal to the
    geometric mean of its two triad estimates, sqrt(2/5 * 4/3) = 0.7302967433,
    "up to 6 digits" (their words; here the two coincide, and so does LLSM).

    >>> m = PairwiseMatrix.from_judgements(
    ...     {("a", "b"): 1, ("a", "c"): 5, ("a", "d"): 2, ("b", "c"): 3, ("b", "d"): 4}
    ... )
    >>> m.missing_pairs()
    [('c', 'd')]
    >>> round(complete(m).judgements()[("c", "d")], 6)
    0.730297
    >>> round(complete(m, "llsm").judgements()[("c", "d")], 6)
    0.730297
    """
    check_completion(method, where="complete")
    if not isinstance(matrix, PairwiseMatrix):
        raise PairwiseMatrixError(
            f"complete expects a PairwiseMatrix (got {type(matrix).__name__})"
        )
    if matrix.is_complete:
        return matrix
    filled = COMPLETION_METHODS[method](matrix.values)
    return PairwiseMatrix(filled, matrix.labels, strict=False, allow_missing=False, tol=matrix.tol)
