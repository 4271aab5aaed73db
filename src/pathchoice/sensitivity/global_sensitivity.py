"""Global sensitivity of the ranking to every uncertain input, by Sobol indices (SALib).

Which uncertain input -- a criterion's weight, or a score known only within a
range -- moves the result most? :func:`global_sensitivity` answers with
variance-based (Sobol) indices computed by SALib (Saltelli sampling and
Jansen/Saltelli estimators; Saltelli et al. 2010), rather than written again:

* the **inputs** are one importance factor per criterion whose weight is
  uncertain (``v_j`` uniform in ``[w_j (1 - weight_spread), w_j (1 +
  weight_spread)]``; the weights used are ``v / sum(v)``, so the inputs are
  independent as Sobol indices assume, while the weights stay on the simplex)
  and one input per score with a range (uniform between its bounds);
* the **output** is, for the path first with the given weights and scores (the
  "top path"), either its score (``output="top_score"``: TOPSIS closeness by
  default) or whether it is still first (``output="top_first"``: 1 or 0, whose
  variance is the probability of a change times its complement).

``S1`` is the share of the output's variance due to an input alone; ``ST`` the
share it takes part in, with interactions (Homma & Saltelli 1996). An input
with ``ST`` near 0 can be fixed at any value in its range without changing the
output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_count, as_real, as_rng
from ..exceptions import ArgumentError, MethodError, ModelError
from ..model import Model
from ..weights import check_weights
from .evaluate import method_scores, performance_topsis, resolve_method, topsis_options
from .sampling.performance import CellSampler

__all__ = ["OUTPUTS", "GlobalSensitivityResult", "global_sensitivity"]

#: What :func:`global_sensitivity` can analyse.
OUTPUTS: tuple[str, ...] = ("top_score", "top_first")


@dataclass(frozen=True, eq=False)
class GlobalSensitivityResult(FrozenResult, FrameDisplay):
    """Sobol indices of one output of the ranking, one row per uncertain input.

    Attributes
    ----------
    indices : DataFrame
        Index ``input`` ("weight: <criterion>" or "score: <alternative> / <criterion>");
        columns ``kind`` ("weight"/"score"), ``S1``, ``S1_conf``, ``ST``,
        ``ST_conf`` (the half-widths of SALib's bootstrap confidence intervals,
        95 %), sorted by ``ST``, largest first.
    output : str
        ``"top_score"`` or ``"top_first"``.
    top : str
        The path the output is about (first with the given weights and scores).
    output_mean, output_variance : float
        Over the evaluations; a variance of 0 means nothing moved the output
        (the indices are then NaN).
    n_evaluations : int
        Model evaluations (``n_samples * (number of inputs + 2)``).
    method : str
        The ranking method.
    options : mapping
        ``weight_spread``, ``n_samples``, the method's options.
    findings : tuple of str
        Soft findings.
    """

    indices: pd.DataFrame
    output: str
    top: str
    output_mean: float
    output_variance: float
    n_evaluations: int
    method: str
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    @property
    def most_influential(self) -> tuple[str, ...]:
        """Inputs whose total index is at least 0.05, most influential first."""
        table = self._raw("indices")
        return tuple(table.index[table["ST"].to_numpy() >= 0.05])

    def to_frame(self) -> pd.DataFrame:
        """The :attr:`indices` (a copy)."""
        return self.indices

    def _display_title(self) -> str:
        return f"Sobol indices of {self.output} for {self.top!r} ({self.method})"


def global_sensitivity(
    model: Model,
    weights: Any,
    *,
    weight_spread: float = 0.5,
    score_ranges: tuple[Any, Any] | None = None,
    output: Literal["top_score", "top_first"] = "top_score",
    method: str | Callable[..., Any] = "topsis",
    n_samples: int = 1024,
    rng: Any = None,
    **options: Any,
) -> GlobalSensitivityResult:
    """Sobol indices of the top path's score (or of its staying first) for weights and scores.

    Parameters
    ----------
    model : Model
        The decision model; its values are the scores without a range.
    weights : Series, mapping or array_like
        The given weights (the centre of the weight uncertainty).
    weight_spread : float, default 0.5
        Relative half-width of each criterion's importance factor, in [0, 1):
        ``v_j ~ U(w_j (1 - s), w_j (1 + s))``, weights ``v / sum(v)``. 0 keeps
        the weights fixed (no weight inputs); criteria with weight 0 stay 0.
    score_ranges : (lower, upper), optional
        Per-cell bounds as :class:`~pathchoice.sensitivity.sampling.CellSampler`
        takes them (arrays of the model's shape, labelled DataFrames or
        scalars); every cell with ``lower < upper`` is an input, uniform between.
    output : {"top_score", "top_first"}, default "top_score"
        The top path's score, or 1 when it is still first (ties count).
    method : str or callable, default "topsis"
        As for :func:`~pathchoice.sensitivity.evaluate.evaluate`.
    n_samples : int, default 1024
        SALib's base sample size ``N`` (a power of 2 keeps the Sobol sequence
        balanced); the model is evaluated ``N (D + 2)`` times for ``D`` inputs.
    rng : None, int >= 0, SeedSequence or Generator
        Seeds SALib's scrambled Sobol sequence and its bootstrap.
    **options
        The method's options.

    Returns
    -------
    GlobalSensitivityResult

    Raises
    ------
    ArgumentError
        A bad option, or no uncertain input at all.
    ModelError
        Score ranges of the wrong shape, crossed or not containing the model's value.

    References
    ----------
    .. [1] Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., &
       Tarantola, S. (2010). Variance based sensitivity analysis of model
       output. Design and estimator for the total sensitivity index. *Computer
       Physics Communications*, 181(2), 259–270.
    .. [2] Homma, T., & Saltelli, A. (1996). Importance measures in global
       sensitivity analysis of nonlinear models. *Reliability Engineering &
       System Safety*, 52(1), 1–17.
    .. [3] Herman, J., & Usher, W. (2017). SALib: An open-source Python library
       for sensitivity analysis. *Journal of Open Source Software*, 2(9), 97.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B"], ["x", "y"], [[6.0, 4.0], [5.0, 5.0]])
    >>> gsa = global_sensitivity(model, [0.5, 0.5], n_samples=256, rng=0)
    >>> sorted(gsa.indices.index), gsa.top
    (['weight: x', 'weight: y'], 'B')
    """
    where = "global_sensitivity"
    if not isinstance(model, Model):
        raise ModelError(f"{where}: model must be a Model (got {type(model).__name__})")
    w0 = np.asarray(check_weights(weights, model.criterion_names), dtype=np.float64)
    spread = as_real(weight_spread, "weight_spread", where=where, low=0.0, high=1.0, high_open=True)
    kind = as_choice(output, "output", OUTPUTS, where=where)
    base_n = as_count(n_samples, "n_samples", where=where, minimum=2)
    seed = int(as_rng(rng, where=where).integers(2**31 - 1))
    resolved = resolve_method(method, where)
    used = topsis_options(options, where) if resolved.kind == "topsis" else dict(options)
    m, n = model.shape
    base = model.matrix
    names: list[str] = []
    kinds: list[str] = []
    bounds: list[list[float]] = []
    weight_cols = [j for j in range(n) if spread > 0 and w0[j] > 0]
    for j in weight_cols:
        names.append(f"weight: {model.criterion_names[j]}")
        kinds.append("weight")
        bounds.append([w0[j] * (1 - spread), w0[j] * (1 + spread)])
    cells: list[tuple[int, int]] = []
    if score_ranges is not None:
        ranges = CellSampler(model, intervals=score_ranges).params
        low, high = ranges["lower"], ranges["upper"]
        outside = (base < low) | (base > high)
        if outside.any():
            i, j = np.argwhere(outside)[0]
            raise ModelError(
                f"{where}: score_ranges must contain the model's value: "
                f"[{model.alternatives[i]!r}, {model.criterion_names[j]!r}] = {base[i, j]:g} "
                f"outside [{low[i, j]:g}, {high[i, j]:g}]"
            )
        for i, j in np.argwhere(high > low):
            cells.append((int(i), int(j)))
            names.append(f"score: {model.alternatives[i]} / {model.criterion_names[j]}")
            kinds.append("score")
            bounds.append([float(low[i, j]), float(high[i, j])])
    if not names:
        raise ArgumentError(
            f"{where}: nothing is uncertain: give weight_spread > 0 or score_ranges with "
            "lower < upper somewhere"
        )
    try:
        from SALib.analyze import sobol as sobol_analyze
        from SALib.sample import sobol as sobol_sample
    except ImportError:
        raise MethodError(
            f"{where} needs the SALib package, which is not installed; install it with "
            "`pip install pathchoice[gsa]`"
        ) from None

    problem = {"num_vars": len(names), "names": names, "bounds": bounds}
    x = sobol_sample.sample(problem, base_n, calc_second_order=False, seed=seed)
    k = len(x)
    w = np.broadcast_to(w0, (k, n)).copy()
    if weight_cols:
        v = x[:, : len(weight_cols)]
        w[:, weight_cols] = v
        w /= w.sum(axis=1, keepdims=True)
    tables = np.broadcast_to(base, (k, m, n)).copy()
    for col, (i, j) in enumerate(cells, start=len(weight_cols)):
        tables[:, i, j] = x[:, col]

    def keys_of(p: np.ndarray, weights_2d: np.ndarray) -> np.ndarray:
        if resolved.kind == "topsis":
            closeness, _ = performance_topsis(p, weights_2d, model.types > 0, used["normalization"])
            return closeness
        scores, higher = method_scores(resolved, model, weights_2d, p, used)
        return scores if higher else -scores

    now = keys_of(base[None], w0[None])[0]
    top = int(np.argmax(now))
    keys = keys_of(tables, w)
    if kind == "top_score":
        y = keys[:, top]
    else:
        y = (keys[:, top] >= keys.max(axis=1)).astype(np.float64)
    findings: list[str] = []
    variance = float(y.var())
    if variance == 0.0:
        findings.append("the output never changed over the evaluations: every input's index is NaN")
        s1 = s1c = st = stc = np.full(len(names), np.nan)
    else:
        res = sobol_analyze.analyze(
            problem, y, calc_second_order=False, print_to_console=False, seed=seed
        )
        s1, s1c, st, stc = (np.asarray(res[key]) for key in ("S1", "S1_conf", "ST", "ST_conf"))
    table = pd.DataFrame(
        {"kind": kinds, "S1": s1, "S1_conf": s1c, "ST": st, "ST_conf": stc},
        index=pd.Index(names, name="input"),
    ).sort_values("ST", ascending=False, kind="stable")
    return GlobalSensitivityResult(
        indices=table,
        output=kind,
        top=model.alternatives[top],
        output_mean=float(y.mean()),
        output_variance=variance,
        n_evaluations=int(k),
        method=resolved.label,
        options={**used, "weight_spread": spread, "n_samples": base_n},
        findings=tuple(findings),
    )
