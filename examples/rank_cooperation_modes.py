"""Rank the nine China–Japan cooperation modes of Table 6.

Ranks the modes (product output, technology output, value co-creating × products and
equipment, software services, platform ecology) with the model's default weights,
lays the ranks out in the shape of Table 6, and lists the Table 5 cases that show each
mode in practice.

Run: python examples/rank_cooperation_modes.py
"""

import pandas as pd

from pathchoice.study.datasets import china_japan

TYPES = ("Product output", "Technology output", "Value co-creating")
LEVELS = ("Platform ecology", "Software services", "Products and equipment")


def main() -> None:
    model = china_japan()
    result = model.rank("modes")
    print("TOPSIS ranking of the Table 6 cooperation modes")
    print(result.to_frame().sort_values("rank").to_string(float_format="{:.4f}".format))
    print()

    # The modes are stored type by type, each from products up to platforms.
    modes = model.alternative_set("modes").names
    grid = pd.DataFrame(index=list(LEVELS), columns=list(TYPES), dtype=object)
    for k, mode in enumerate(modes):
        level = ("Products and equipment", "Software services", "Platform ecology")[k % 3]
        grid.loc[level, TYPES[k // 3]] = f"#{result.ranks[mode]}"
    print("Ranks laid out as Table 6 (rows: level, columns: type of cooperation)")
    print(grid.to_string())
    print()

    print("Precedents (Table 5) for each mode")
    for mode in result.order():
        cases = model.cases_for(mode, "modes")
        names = ", ".join(c.name for c in cases) or "none in Table 5"
        print(f"  #{result.ranks[mode]} {mode}: {names}")


if __name__ == "__main__":
    main()
