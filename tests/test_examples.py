"""Every example script runs as ``python examples/<name>.py`` and prints its key line."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

KEY_LINES = {
    "rank_china_japan.py": "TOPSIS ranking of the China–Japan cooperation paths",
    "rank_cooperation_modes.py": "Ranks laid out as Table 6",
    "own_model.py": "read back: identical = True",
    "expert_panel.py": "Rank of each path (1 = best) with the default and the panel's judgements",
    "policy_model_loop.py": "best path per scenario",
    "ema_workbench_policies.py": "Most often first across the scenarios:",
}

# Examples that need an optional extra: the module they import and the extra's name.
NEEDS = {"ema_workbench_policies.py": ("ema_workbench", "ema")}


def test_every_example_is_covered():
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(KEY_LINES)


@pytest.mark.parametrize("name", sorted(KEY_LINES))
def test_example_runs(name, tmp_path):
    if name in NEEDS and importlib.util.find_spec(NEEDS[name][0]) is None:
        module, extra = NEEDS[name]
        pytest.skip(f"{name} needs the {extra} extra ({module} is not installed)")
    completed = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        cwd=tmp_path,  # not the repository: the examples must not rely on the working directory
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert KEY_LINES[name] in completed.stdout
    assert "Traceback" not in completed.stderr


def run_example(name: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``examples/<name>`` in ``cwd``; it must succeed."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )


def test_own_model_says_truly_where_it_wrote(tmp_path):
    completed = run_example("own_model.py", tmp_path)
    line = next(x for x in completed.stdout.splitlines() if x.startswith("saved to "))
    written = Path(line.removeprefix("saved to ").split(" (")[0])
    assert written.is_absolute() and written.name == "coastal_inland.toml"
    assert "temporary folder, removed" in line
    assert not written.exists()  # it was in the temporary folder, now gone
    assert list(tmp_path.iterdir()) == []  # nothing was written to the working directory


def test_ranks_print_as_whole_numbers(tmp_path):
    """policy_model_loop's rank table once printed 1.0, 2.0, ... (pivot_table averages)."""
    completed = run_example("policy_model_loop.py", tmp_path)
    table = completed.stdout.split("best path per scenario")[0]
    # the ranks of the default model's first path (version 2) in the six scenarios
    rows = [line.split()[-6:] for line in table.splitlines() if line.startswith("High-level")]
    assert rows == [["1", "1", "2", "1", "2", "1"]]
    ranks = [line.split()[-6:] for line in table.splitlines()[4:] if line.strip()]
    assert ranks and all(r.isdigit() for row in ranks for r in row)
