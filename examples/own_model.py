"""Build your own model for another pair of parties from tables.

Two (fictional) provinces consider three forms of cooperation. Their strengths and
weaknesses go into an advantage/disadvantage table; pathchoice derives the
complementarity of each area and the criteria from it, you score the options on those
criteria in a DataFrame, and rank them. The whole analysis is then saved as a model file
and read back. All numbers here are invented for the illustration.

Run: python examples/own_model.py
"""

import tempfile
from pathlib import Path

import pandas as pd

from pathchoice.study.analysis import Analysis
from pathchoice.study.matrix import AdvantageMatrix, Challenge
from pathchoice.study.modelfile import load_model, save_model


def main() -> None:
    stances = pd.DataFrame(
        {
            "Coastal": ["advantage", "advantage", "disadvantage", "both"],
            "Inland": ["disadvantage", "advantage", "advantage", "disadvantage"],
        },
        index=["ports and logistics", "manufacturing", "land and energy", "skilled labour"],
    )
    texts = pd.DataFrame(
        {
            "Coastal": [
                "deep-water ports",
                "electronics cluster",
                "land is scarce",
                "engineers, but ageing workforce",
            ],
            "Inland": [
                "no port access",
                "machinery cluster",
                "cheap land, hydropower",
                "young workers leave",
            ],
        },
        index=stances.index,
    )
    matrix = AdvantageMatrix.from_frame(stances, texts, source="illustration")
    print("Advantage/disadvantage table")
    print(matrix.to_frame().to_string())
    print()

    challenges = [Challenge("1", "transport costs", criteria=("exposure",))]
    criteria = matrix.criteria(challenges)
    print("Criteria derived from the table and the challenge")
    for c in criteria:
        print(f"  [{c.direction}] {c.name}: {c.description}")
    print()

    performance = pd.DataFrame(
        {
            c.name: values
            for c, values in zip(
                criteria,
                [
                    [8, 2, 5],  # Coastal strengths meet Inland weaknesses
                    [2, 8, 5],  # Inland strengths meet Coastal weaknesses
                    [5, 4, 8],  # joint innovation
                    [3, 3, 6],  # common problems
                    [7, 6, 3],  # exposure to transport costs (cost criterion)
                ],
                strict=True,
            )
        },
        index=["Dry port in Inland", "Factory relocation", "Joint training centre"],
    )
    weights = {c.name: w for c, w in zip(criteria, [0.2, 0.2, 0.25, 0.15, 0.2], strict=True)}
    analysis = Analysis.from_frame(
        performance,
        matrix=matrix,
        challenges=challenges,
        weights=weights,
        title="Coastal–Inland cooperation",
        notice="invented numbers, for illustration only",
        set_name="options",
    )
    result = analysis.rank()
    print("TOPSIS ranking of the options")
    print(result.to_frame().sort_values("rank").to_string(float_format="{:.4f}".format))
    print()

    # The model file goes to a temporary folder, removed when the example ends; give
    # save_model a path of your own (e.g. "coastal_inland.toml") to keep it.
    with tempfile.TemporaryDirectory() as tmp:
        path = save_model(analysis, Path(tmp) / "coastal_inland.toml")
        again = load_model(path)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        print(
            f"saved to {path} (a temporary folder, removed when this example ends; {lines} "
            f"lines) and read back: identical = {again == analysis}"
        )


if __name__ == "__main__":
    main()
