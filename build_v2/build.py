"""Assemble china_japan.toml (v2) from its parts; the performance tables from perf_*.py."""
import json, pathlib, sys
here = pathlib.Path(__file__).parent
sys.path.insert(0, str(here))
from perf_paths import CRIT, PATHS
from perf_modes import MODES

def q(s):
    return json.dumps(s, ensure_ascii=False)

def perf(set_name, table):
    out = [f"# Performance of the {set_name}: every score with its basis (the width of its range) and reason.\n"]
    for alt, cells in table.items():
        assert len(cells) == len(CRIT), (alt, len(cells))
        out.append(f"\n[performance.{set_name}.{q(alt)}]\n")
        for crit, (score, basis, reason, source) in zip(CRIT, cells):
            out.append(f"{q(crit)} = {{ score = {score}, basis = {q(basis)}, reason = {q(reason)}, source = {q(source)} }}\n")
    return "".join(out)

parts = [
    (here / "01_head.toml").read_text(),
    (here / "02_matrix.toml").read_text(),
    (here / "03_indicators.toml").read_text(),
    (here / "04_challenges_sets.toml").read_text(),
    "# ---------------------------------------------------------------------------------\n"
    "# Performance: illustrative scores (0-10, see metadata.scale); the rule behind each\n"
    "# criterion's scores and every departure from it: docs/china-japan-audit.md.\n"
    "# ---------------------------------------------------------------------------------\n\n",
    perf("paths", PATHS), "\n", perf("modes", MODES), "\n",
    (here / "06_hierarchy.toml").read_text(),
    (here / "07_scenarios_cases.toml").read_text(),
]
pathlib.Path(sys.argv[1]).write_text("".join(parts), encoding="utf-8")
