"""An expert panel: three experts judge the complementarity criteria, aggregated by AIJ.

Each (hypothetical) expert compares the four complementarity criteria of the
China–Japan model pairwise. The script shows every expert's weights and consistency
ratio, aggregates the three panels by the geometric mean of judgements (AIJ), writes the
group's judgements into the model in place of the defaults (the model's own panel of
three judgement sets then takes them at that node), and ranks the paths again.
The experts' judgements are invented for the illustration.

Run: python examples/expert_panel.py
"""

import pandas as pd

from pathchoice.ahp import PairwiseMatrix, group_weights
from pathchoice.study.datasets import china_japan

CJ = "China strengths meet Japan weaknesses"
JC = "Japan strengths meet China weaknesses"
JOINT = "shared strengths"
COMMON = "shared weaknesses"

EXPERTS = {
    # values: how many times more important the first criterion is than the second
    "trade economist": {
        (CJ, JC): 1,
        (JOINT, CJ): 3,
        (JOINT, JC): 3,
        (CJ, COMMON): 2,
        (JC, COMMON): 2,
        (JOINT, COMMON): 5,
    },
    "technology analyst": {
        (JC, CJ): 2,
        (JOINT, CJ): 2,
        (JOINT, JC): 1,
        (CJ, COMMON): 1,
        (JC, COMMON): 2,
        (JOINT, COMMON): 3,
    },
    "social-policy scholar": {
        (CJ, JC): 1,
        (COMMON, CJ): 3,
        (COMMON, JC): 3,
        (COMMON, JOINT): 2,
        (JOINT, CJ): 3,
        (JOINT, JC): 1,
    },
}


def main() -> None:
    model = china_japan()
    matrices = {
        name: PairwiseMatrix.from_judgements(judgements, labels=[CJ, JC, JOINT, COMMON])
        for name, judgements in EXPERTS.items()
    }
    panel = group_weights(matrices, aggregation="aij")
    print("Each expert's consistency")
    for name, result in panel.expert_results.items():
        print(f"  {name}: {result.message}")
    print()
    print(panel)
    print()

    updated = model
    for (a, b), value in panel.aggregated.matrix.judgements().items():
        updated = updated.with_judgement(
            "complementarity",
            a,
            b,
            value,
            reason="geometric mean (AIJ) of three experts' judgements",
            source="expert panel (examples/expert_panel.py)",
        )
    before = model.rank("paths")
    after = updated.rank("paths")
    table = pd.DataFrame({"default judgements": before.ranks, "expert panel": after.ranks})
    print("Rank of each path (1 = best) with the default and the panel's judgements")
    print(table.sort_values("expert panel").to_string())


if __name__ == "__main__":
    main()
