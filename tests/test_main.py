"""Tests of the main job, ``python -m pathchoice``."""

import subprocess
import sys

import pytest

from pathchoice.__main__ import main
from pathchoice.datasets import china_japan
from pathchoice.modelfile import save_model


def test_main_job_prints_weights_consistency_and_ranking(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "China–Japan" in out
    assert "consistency_ratio" in out
    assert "TOPSIS ranking of 'paths'" in out
    best = china_japan().rank().best
    # The best path is the first row of the ranking table.
    ranking = out.split("TOPSIS ranking of 'paths'")[1].splitlines()
    assert ranking[3].startswith(best)
    assert ranking[3].split()[-1] == "1"


def test_main_job_ranks_a_model_file_and_a_scenario(tmp_path, capsys):
    path = tmp_path / "model.toml"
    save_model(china_japan(), path)
    assert main([str(path), "--set", "modes", "--scenario", "rcep-deepens"]) == 0
    out = capsys.readouterr().out
    assert "Scenario: rcep-deepens" in out
    assert "TOPSIS ranking of 'modes'" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--scenario", "nope"], "unknown scenario 'nope'"),
        (["no-such-file.toml"], "no-such-file.toml: cannot read the file"),
        (["--method", "magic"], "magic"),
        (["--set", "routes"], "routes"),
    ],
)
def test_bad_input_prints_one_message_and_exits_non_zero(argv, message, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("pathchoice: error:")
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_python_dash_m_runs():
    done = subprocess.run(
        [sys.executable, "-m", "pathchoice"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "TOPSIS ranking" in done.stdout
