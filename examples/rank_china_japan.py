"""Rank the China–Japan digital economy cooperation paths (the embedded default model).

Prints the criteria weights of the AHP hierarchy with their consistency, the TOPSIS
ranking of the twelve paths of Section 6, the reasons behind the best path's scores,
and how the ranking moves under the model's three scenarios.

Run: python examples/rank_china_japan.py
"""

import pandas as pd

from pathchoice.study.datasets import china_japan


def main() -> None:
    model = china_japan()
    print(model.metadata.title)
    print(f"NOTE: {model.metadata.notice}\n")

    weights = model.weights()
    print(weights)
    print()

    ranking = model.rank("paths")
    print("TOPSIS ranking of the China–Japan cooperation paths")
    print(ranking.to_frame().sort_values("rank").to_string(float_format="{:.4f}".format))
    print()

    best = ranking.best
    print(f"Why {best!r} scores as it does (score: reason [source]):")
    for score in model.performance:
        if score.alternative_set == "paths" and score.alternative == best:
            print(f"  {score.criterion}: {score.value:g}: {score.reason} [{score.source}]")
    print()

    ranks = {"baseline": ranking.ranks}
    for name in model.scenario_names:
        ranks[name] = model.with_scenario(name).rank("paths").ranks
    table = pd.DataFrame(ranks).sort_values("baseline")
    print("Rank of each path under each scenario (1 = best)")
    with pd.option_context("display.width", 160):
        print(table.to_string())


if __name__ == "__main__":
    main()
