"""Objective weights: criteria weighted by what the performance table itself shows.

An objective method reads only the table: a criterion on which the alternatives
differ a lot (spread, entropy), or that says something the other criteria do not
(low correlation), gets more weight. No judgement of importance goes in, so these
weights answer "which criteria discriminate between the paths", not "which
criteria matter most". They are pymcdm's implementations (``pymcdm.weights``),
called as pymcdm ships them and checked against the papers' worked examples in
the tests; pymcdm is imported on first use.

Methods by name (:data:`OBJECTIVE_METHODS`), with whether they read the criteria's
directions:

========================  ===========  =========================================
name                      directions   source
========================  ===========  =========================================
``equal``                 no           1/n each
``entropy``               no           Shannon entropy of the sum-normalised
                                       columns (Zeleny 1982; Hwang & Yoon 1981)
``standard_deviation``    no           sample standard deviation of each column
``variance``              no           variance of the min-max normalised columns
``critic``                no           CRITIC (Diakoulaki, Mavrotas &
                                       Papayannakis 1995)
``merec``                 yes          MEREC (Keshavarz-Ghorabaee et al. 2021)
``cilos``                 yes          CILOS (Zavadskas & Podvezko 2016)
``idocriw``               yes          IDOCRIW (Zavadskas & Podvezko 2016)
``angle``                 no           angular method (Shuai et al. 2012)
``gini``                  no           the Gini coefficient of each column
``lopcow``                yes          LOPCOW (Ecer & Pamucar 2022)
========================  ===========  =========================================

Methods that take logarithms or ratios of the values (entropy, MEREC, CILOS,
IDOCRIW, angle, Gini, LOPCOW) need positive values; a table they cannot weight
raises :class:`~pathchoice.exceptions.ModelError` naming the criterion, never a
NaN weight.

References
----------
.. [1] Diakoulaki, D., Mavrotas, G., & Papayannakis, L. (1995). Determining objective
   weights in multiple criteria problems: the CRITIC method. *Computers & Operations
   Research*, 22(7), 763–770.
.. [2] Keshavarz-Ghorabaee, M., Amiri, M., Zavadskas, E. K., Turskis, Z., &
   Antucheviciene, J. (2021). Determination of objective weights using a new method
   based on the removal effects of criteria (MEREC). *Symmetry*, 13(4), 525.
.. [3] Zavadskas, E. K., & Podvezko, V. (2016). Integrated determination of objective
   criteria weights in MCDM. *International Journal of Information Technology &
   Decision Making*, 15(2), 267–283.
.. [4] Shuai, D., Zongzhun, Z., Yongji, W., & Lei, L. (2012). A new angular method to
   determine the objective weights. *24th Chinese Control and Decision Conference*,
   3889–3892.
.. [5] Ecer, F., & Pamucar, D. (2022). A novel LOPCOW-DOBI multi-criteria
   sustainability performance assessment methodology. *Omega*, 112, 102690.
.. [6] Kizielewicz, B., Shekhovtsov, A., & Sałabun, W. (2023). pymcdm — The universal
   library for solving multi-criteria decision-making problems. *SoftwareX*, 22, 101368.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..exceptions import ModelError, UnknownNameError, ZeroRangeError
from ..model import Model
from .result import WeightingResult, weights_series, zero_weight_findings

__all__ = ["OBJECTIVE_METHODS", "objective_weights"]


@dataclass(frozen=True)
class _Spec:
    function: str  # the name in pymcdm.weights
    label: str  # how a person reads it
    uses_directions: bool
    needs_positive: bool
    needs_range: bool  # min-max normalisation inside: a constant criterion cannot be weighted


_SPECS: dict[str, _Spec] = {
    "equal": _Spec("equal_weights", "equal weights", False, False, False),
    "entropy": _Spec("entropy_weights", "the entropy method", False, True, False),
    "standard_deviation": _Spec(
        "standard_deviation_weights", "the standard-deviation method", False, False, False
    ),
    "variance": _Spec("variance_weights", "the variance method", False, False, True),
    "critic": _Spec("critic_weights", "the CRITIC method", False, False, True),
    "merec": _Spec("merec_weights", "the MEREC method", True, True, False),
    "cilos": _Spec("cilos_weights", "the CILOS method", True, True, False),
    "idocriw": _Spec("idocriw_weights", "the IDOCRIW method", True, True, False),
    "angle": _Spec("angle_weights", "the angular method", False, True, False),
    "gini": _Spec("gini_weights", "the Gini-coefficient method", False, True, False),
    "lopcow": _Spec("lopcow_weights", "the LOPCOW method", True, True, True),
}


def _check_table(model: Model, name: str, spec: _Spec, where: str) -> np.ndarray:
    values = model.matrix
    if spec.needs_positive:
        bad = np.argwhere(values <= 0)
        if bad.size:
            i, j = bad[0]
            raise ModelError(
                f"{where}: {spec.label} needs positive values; "
                f"[{model.alternatives[i]!r}, {model.criterion_names[j]!r}] = {values[i, j]:g}"
            )
    constant = model.zero_range_criteria()
    if constant and (spec.needs_range or len(constant) == model.n_criteria):
        raise ZeroRangeError(
            f"{where}: {spec.label} cannot weight a criterion on which every alternative "
            f"has the same value: {', '.join(constant)}"
        )
    return values


def objective_weights(model: Model, method: str = "entropy") -> WeightingResult:
    """Objective criteria weights of ``model`` by one of pymcdm's methods.

    Parameters
    ----------
    model : Model
        The decision model; only its performance table (and, for MEREC, CILOS,
        IDOCRIW and LOPCOW, the criteria's directions) is read.
    method : str, default "entropy"
        A key of :data:`OBJECTIVE_METHODS`.

    Returns
    -------
    WeightingResult
        ``weights`` in the model's criterion order.

    Raises
    ------
    UnknownNameError
        ``method`` is not a key of :data:`OBJECTIVE_METHODS`.
    ModelError
        Non-positive values for a method that takes logarithms or ratios, or a table
        the method cannot weight (pymcdm returns no finite weights for it).
    ZeroRangeError
        A constant criterion for a method that min-max normalises (CRITIC, variance,
        LOPCOW), or every criterion constant.

    References
    ----------
    See the module documentation (:mod:`pathchoice.weighting.objective`).

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1.0, 5.0], [2.0, 5.5], [9.0, 6.0]])
    >>> result = objective_weights(model, "entropy")
    >>> result.weights.round(3).tolist()
    [0.993, 0.007]
    >>> result.message
    'Weights from the entropy method on the performance table (pymcdm.weights.entropy_weights).'
    """
    where = "objective_weights"
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    if not isinstance(method, str) or method not in _SPECS:
        raise UnknownNameError(
            f"{where}: method must be one of {', '.join(sorted(_SPECS))} (got {method!r})"
        )
    spec = _SPECS[method]
    values = _check_table(model, method, spec, where)
    pymcdm_weights = importlib.import_module("pymcdm.weights")
    function = getattr(pymcdm_weights, spec.function)
    try:
        with np.errstate(all="ignore"):
            raw = np.asarray(function(values, model.types), dtype=np.float64).reshape(-1)
    except (ValueError, ZeroDivisionError, FloatingPointError, np.linalg.LinAlgError) as exc:
        raise ModelError(f"{where}: {spec.label} cannot weight this table ({exc})") from None
    if raw.shape != (model.n_criteria,) or not np.all(np.isfinite(raw)) or np.any(raw < -1e-12):
        raise ModelError(
            f"{where}: {spec.label} gives no valid weights for this table "
            f"(pymcdm returned {np.round(raw, 4).tolist()})"
        )
    weights = np.clip(raw, 0.0, None)
    weights = weights / weights.sum()
    findings = zero_weight_findings(weights, model.criterion_names)
    constant = model.zero_range_criteria()
    if constant:
        findings += (f"criteria with the same value for every alternative: {', '.join(constant)}",)
    return WeightingResult(
        weights=weights_series(weights, model.criterion_names),
        method=method,
        message=(
            f"Weights from {spec.label} on the performance table (pymcdm.weights.{spec.function})."
        ),
        options={"directions_used": spec.uses_directions},
        findings=findings,
    )


def _bound(name: str) -> Callable[[Model], WeightingResult]:
    def method(model: Model) -> WeightingResult:
        return objective_weights(model, name)

    method.__name__ = f"{name}_weights"
    method.__qualname__ = method.__name__
    method.__doc__ = f"``objective_weights(model, {name!r})``."
    return method


#: Objective weighting methods by name: ``method(model) -> WeightingResult``.
OBJECTIVE_METHODS: dict[str, Callable[[Model], WeightingResult]] = {
    name: _bound(name) for name in _SPECS
}
