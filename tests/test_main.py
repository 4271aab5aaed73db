"""Tests of the main job, ``python -m pathchoice`` with no arguments (= ``pathchoice rank``)."""

import subprocess
import sys

import pytest

from pathchoice.__main__ import main
from pathchoice.study.datasets import china_japan
from pathchoice.study.modelfile import save_model


def _ranking_rows(out: str, heading: str) -> list[list[str]]:
    """The rows of the ranking table printed under ``heading``: [rank, alternative..., score]."""
    lines = out.split(heading, 1)[1].splitlines()
    assert lines[1].split() == ["rank", "alternative", "score"]
    rows = []
    for line in lines[2:]:
        if not line.strip() or line.startswith("Finding"):
            break
        rows.append(line.split())
    return rows


def test_main_job_prints_weights_consistency_and_ranking(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    analysis = china_japan()
    assert out.startswith(analysis.metadata.title)
    assert "Criteria weights (AHP, eigenvector" in out
    assert "Consistency: all judgements acceptably consistent" in out
    # every criterion's global weight is printed
    weights = analysis.weights().global_weights
    for criterion, weight in weights.items():
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(criterion))
        assert f"{weight:.4f}" in line
    heading = "TOPSIS ranking of 'paths' (1 = best; higher score is better)"
    rows = _ranking_rows(out, heading)
    ranking = analysis.rank()
    assert len(rows) == len(ranking.alternatives)
    # the best path is the first row, with rank 1 and its score
    assert rows[0][0] == "1"
    assert " ".join(rows[0][1:-1]) == ranking.best
    assert rows[0][-1] == f"{ranking.scores[ranking.best]:.4f}"
    assert [" ".join(r[1:-1]) for r in rows] == ranking.order()


def test_main_job_ranks_a_model_file_and_a_scenario(tmp_path, capsys):
    path = tmp_path / "model.toml"
    save_model(china_japan(), path)
    assert main([str(path), "--set", "modes", "--scenario", "rcep-deepens"]) == 0
    out = capsys.readouterr().out
    assert "Scenario: rcep-deepens" in out
    rows = _ranking_rows(out, "TOPSIS ranking of 'modes'")
    expected = china_japan().with_scenario("rcep-deepens").rank("modes")
    assert [" ".join(r[1:-1]) for r in rows] == expected.order()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--scenario", "nope"], "unknown scenario 'nope'"),
        (["no-such-file.toml"], "no-such-file.toml: cannot read the file"),
        (["--method", "magic"], "unknown ranking method 'magic'"),
        (["--set", "routes"], "unknown alternative set 'routes'"),
    ],
)
def test_bad_input_prints_one_message_and_exits_non_zero(argv, message, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("pathchoice: error:")
    assert message in captured.err
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_python_dash_m_runs():
    done = subprocess.run(
        [sys.executable, "-m", "pathchoice"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "TOPSIS ranking of 'paths'" in done.stdout
    assert done.stderr == ""


def test_python_dash_m_bad_input_has_no_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "pathchoice", "rank", "--weights", "shared strengths=0.5"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("pathchoice: error: --weights: the weights must sum to 1")
    assert "Traceback" not in done.stderr
