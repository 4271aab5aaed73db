"""The summary's ``"influence"`` paragraph: which uncertain inputs decide the first place.

Variance-based (Sobol) indices of the first-rank outcome -- 1 when the top path
is still first, 0 when not -- computed by SALib through
:func:`pathchoice.sensitivity.global_sensitivity.global_sensitivity`. The inputs:

* every criterion's weight, each varied up to half its value either way (then
  all rescaled to sum to one);
* when the scores have ranges (the run draws them), the scores of the top path
  (:data:`CONTENDERS` = 1; with more, the next are those SMAA finds first most
  often, else the next in the ranking), each drawn uniformly within its range;
  the other scores stay as they are. Every score added is one more input for the
  same few thousand evaluations: with the China–Japan model's 14 weights and the
  top path's 14 scores (128 base samples) the leading inputs keep their order
  from seed to seed, while with the scores of three paths (56 inputs, 64 base
  samples) they did not.

The sample is kept small for a summary: SALib's base size ``N`` is the largest
power of two with ``N (D + 2)`` at most :data:`MAX_EVALUATIONS` model evaluations
for ``D`` inputs (at least 16), and the paragraph says how many evaluations were
made. An input's total index (``ST``) is the share of the outcome's variance it
takes part in, with its interactions; those of at least 0.05 are named.

References
----------
.. [1] Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., &
   Tarantola, S. (2010). Variance based sensitivity analysis of model output.
   *Computer Physics Communications*, 181(2), 259–270.
.. [2] Herman, J., & Usher, W. (2017). SALib: An open-source Python library for
   sensitivity analysis. *Journal of Open Source Software*, 2(9), 97.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ._prose import Section, join_words, pct, quote

if TYPE_CHECKING:
    from ...model import Model
    from ...results import RankingResult
    from ...sensitivity.global_sensitivity import GlobalSensitivityResult
    from ...sensitivity.smaa import SMAAResult

__all__ = [
    "CONTENDERS",
    "MAX_EVALUATIONS",
    "WEIGHT_SPREAD",
    "has_salib",
    "influence_analysis",
    "influence_paragraph",
    "score_bounds",
]

#: At most this many model evaluations for the summary's indices.
MAX_EVALUATIONS = 4096
#: How many paths' scores are inputs (the top path first), when scores have ranges.
CONTENDERS = 1
#: Each weight varies up to this share of its value either way.
WEIGHT_SPREAD = 0.5
#: Inputs with a total index at least this large are named.
NAMED = 0.05


def has_salib() -> bool:
    """Whether SALib (``pip install 'pathchoice[gsa]'``) is installed."""
    return importlib.util.find_spec("SALib") is not None


def _contenders(baseline: RankingResult, smaa: SMAAResult | None) -> list[str]:
    top = str(baseline.best)
    order: list[str] = [top]
    if smaa is not None:
        first = smaa.first_rank_acceptability.sort_values(ascending=False, kind="stable")
        order += [str(a) for a, s in first.items() if s > 0]
    order += [str(a) for a in baseline.order()]
    return list(dict.fromkeys(order))[:CONTENDERS]


def _base_size(n_inputs: int) -> int:
    n = 2 ** int(np.floor(np.log2(max(MAX_EVALUATIONS / (n_inputs + 2), 1))))
    return max(n, 16)


def influence_analysis(
    model: Model,
    weights: Any,
    baseline: RankingResult,
    *,
    method: Any = "topsis",
    ranges: tuple[np.ndarray, np.ndarray] | None = None,
    smaa: SMAAResult | None = None,
    rng: Any = None,
    noun: str = "alternative",
    **options: Any,
) -> tuple[GlobalSensitivityResult, Section]:
    """The indices of the first-rank outcome and their paragraph.

    ``ranges``: each score's (low, high) as arrays of the model's shape (None: the
    weights are the only inputs).
    """
    contenders: list[str] = []
    bounds = None
    if ranges is not None:
        low, high = (np.array(a, dtype=np.float64) for a in ranges)
        contenders = _contenders(baseline, smaa)
        keep = np.zeros(model.shape, dtype=bool)
        keep[[model.alternative_index(a) for a in contenders], :] = True
        value = model.matrix
        low, high = np.where(keep, low, value), np.where(keep, high, value)
        if (high > low).any():
            bounds = (low, high)
        else:
            contenders = []
    n_inputs = model.n_criteria + (int((bounds[1] > bounds[0]).sum()) if bounds else 0)
    from ...sensitivity.global_sensitivity import global_sensitivity  # SALib, on first use

    result = global_sensitivity(
        model,
        weights,
        weight_spread=WEIGHT_SPREAD,
        score_ranges=bounds,
        output="top_first",
        method=method,
        n_samples=_base_size(n_inputs),
        rng=rng,
        **options,
    )
    return result, influence_paragraph(result, contenders, noun)


def _input_words(name: str) -> str:
    kind, _, what = name.partition(": ")
    if kind == "weight":
        return f"the weight of {quote(what)}"
    alternative, _, criterion = what.partition(" / ")
    return f"the score of {quote(alternative)} on {quote(criterion)}"


def influence_paragraph(
    result: GlobalSensitivityResult, contenders: list[str], noun: str = "alternative"
) -> Section:
    """What the Sobol indices of the first-rank outcome say, in plain words."""
    table = result.indices
    n_weights = int((table["kind"] == "weight").sum())
    n_scores = int((table["kind"] == "score").sum())
    varied = f"the {n_weights} criterion weights (each up to half its value either way)"
    if n_scores:
        varied += (
            f" and the {n_scores} scores of {join_words([quote(a) for a in contenders])} "
            "(each within its range)"
        )
    facts: dict[str, Any] = {
        "output": result.output,
        "top": result.top,
        "n_evaluations": result.n_evaluations,
        "n_inputs": len(table),
        "stays_first": result.output_mean,
        "contenders": tuple(contenders),
        "total_index": {str(k): float(v) for k, v in table["ST"].items()},
    }
    opening = (
        f"Varying {varied} together over {result.n_evaluations:,} evaluations (Sobol indices "
        f"by SALib), {quote(result.top)} stays first in {pct(result.output_mean)} of them."
    )
    if result.output_variance == 0.0:
        facts["influential"] = ()
        return opening + f" No input changes which {noun} is first over these ranges.", facts
    named = table[table["ST"].to_numpy() >= NAMED]
    facts["influential"] = tuple(str(n) for n in named.index)
    if named.empty:
        return (
            opening + " No single input accounts for as much as 5% of whether it stays first.",
            facts,
        )
    parts = [f"{_input_words(str(n))} ({row['ST']:.2f})" for n, row in named.head(5).iterrows()]
    text = (
        f"{opening} What decides it most is {join_words(parts)}: the share of the "
        "variation in whether it stays first that each takes part in (its total index, "
        "from 0 to 1)."
    )
    others = len(table) - len(named)
    if others:
        text += f" The other {others} inputs each take part in less than 5%."
    widest = float(named["ST_conf"].head(5).max())
    facts["widest_interval"] = widest
    if np.isfinite(widest) and widest >= 0.1:
        text += (
            f" With so few evaluations these indices are rough (95% intervals up to ± "
            f"{widest:.2f}): read the order, not the exact numbers."
        )
    return text, facts


def score_bounds(performance: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """(low, high) of a performance sampler with bounds per cell (a ``CellSampler``), else None."""
    params = getattr(performance, "params", None)
    if isinstance(params, Mapping) and "lower" in params and "upper" in params:
        return np.asarray(params["lower"]), np.asarray(params["upper"])
    return None
