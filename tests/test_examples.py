"""Every example script runs as ``python examples/<name>.py`` and prints its key line."""

from __future__ import annotations

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
}


def test_every_example_is_covered():
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(KEY_LINES)


@pytest.mark.parametrize("name", sorted(KEY_LINES))
def test_example_runs(name, tmp_path):
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


def test_own_model_says_truly_where_it_wrote(tmp_path):
    completed = subprocess.run(
        [sys.executable, str(EXAMPLES / "own_model.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    line = next(x for x in completed.stdout.splitlines() if x.startswith("saved to "))
    written = Path(line.removeprefix("saved to ").split(" (")[0])
    assert written.is_absolute() and written.name == "coastal_inland.toml"
    assert "temporary folder, removed" in line
    assert not written.exists()  # it was in the temporary folder, now gone
    assert list(tmp_path.iterdir()) == []  # nothing was written to the working directory
