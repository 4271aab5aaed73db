"""Plug pathchoice into another policy model and rank in a loop over scenarios.

`policy_model` stands for any model of your own (a trade model, a simulation, ...): it
maps scenario parameters to a performance table of the paths. Here it is a small
stand-in that changes the China–Japan baseline scores: higher political tension raises
exposure to de-Chinaization pressure, fastest where it is already high (the result may
pass 10: the stand-in's own open scale); deeper RCEP rules lower exposure to rule
fragmentation by up to 3 points. Not a uniform rescaling: multiplying a whole column by
a constant would not change a TOPSIS ranking, whose vector normalisation is
scale-invariant. For every combination of parameters the paths are
ranked with TOPSIS and the China–Japan model's AHP weights; all results land in one
DataFrame.

Run: python examples/policy_model_loop.py
"""

import itertools

import numpy as np
import pandas as pd

from pathchoice.ranking import topsis
from pathchoice.study.datasets import china_japan

EXP_POLITICS = "exposure to de-Chinaization pressure"
EXP_RULES = "exposure to rule fragmentation"


def policy_model(baseline: pd.DataFrame, tension: float, rcep_depth: float) -> pd.DataFrame:
    """A stand-in policy model: scenario parameters -> performance table."""
    table = baseline.copy()
    exposure = table[EXP_POLITICS]
    table[EXP_POLITICS] = exposure * (1 + tension * exposure / 10)
    table[EXP_RULES] = np.clip(table[EXP_RULES] - 3 * rcep_depth, 0, None)
    return table


def main() -> None:
    model = china_japan()
    decision_model = model.decision_model("paths")
    weights = model.weights().global_weights
    baseline = model.performance_frame("paths")

    rows = []
    for tension, rcep_depth in itertools.product([0.0, 0.5, 1.0], [0.0, 1.0]):
        table = policy_model(baseline, tension, rcep_depth)
        result = topsis(decision_model.with_performance(table), weights)
        frame = result.to_frame().reset_index()
        frame.insert(0, "rcep_depth", rcep_depth)
        frame.insert(0, "tension", tension)
        rows.append(frame)
    results = pd.concat(rows, ignore_index=True)

    print(f"{len(results)} rows: {results.columns.tolist()}")
    # pivot, not pivot_table: one rank per cell, so no averaging and the ranks stay whole
    ranks = results.pivot(index="alternative", columns=["tension", "rcep_depth"], values="rank")
    with pd.option_context("display.width", 200):
        print(ranks.sort_values(ranks.columns[0]).to_string())
    print()
    best = results[results["rank"] == 1][["tension", "rcep_depth", "alternative", "score"]]
    print("best path per scenario")
    print(best.to_string(index=False, float_format="{:.4f}".format))


if __name__ == "__main__":
    main()
