"""The main job starts light: what ``python -m pathchoice`` imports, and the cheaper model build.

No timings here (they go in ``benchmarks/bench_startup.py``): these tests fail when an
eager import puts an optional heavy module back on the main job's path, or when the
build's shortcuts (a subtree kept by an overlay) give anything but a full rebuild.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pathchoice.study.analysis import Judgement, hierarchy_records
from pathchoice.study.analysis._tree import assemble, in_hierarchy, overlay, shapes
from pathchoice.study.datasets import china_japan

#: Modules the ranking of the embedded model never needs: plotting, the report's templates,
#: pymcdm (which imports matplotlib), SALib, scipy (its optimiser and statistics), numba,
#: the spreadsheet reader, the model writer, and pathchoice's report, plots and portfolio.
NOT_ON_THE_MAIN_PATH = (
    "matplotlib",
    "pymcdm",
    "SALib",
    "scipy",
    "scipy.optimize",
    "scipy.stats",
    "jinja2",
    "numba",
    "openpyxl",
    "tomli_w",
    "pathchoice.plotting",
    "pathchoice.study.plots",
    "pathchoice.study.report",
    "pathchoice.study.portfolio",
    "pathchoice.sensitivity",
    "pathchoice.study.workbook",
    "pathchoice.ahp.diagnosis",
    "pathchoice.ahp.interval",
)


def _modules_after(code: str) -> tuple[set[str], str]:
    """The modules loaded by ``code`` in a fresh interpreter, and what it printed."""
    script = (
        "import contextlib, io, json, sys\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + "print(json.dumps([sorted(sys.modules), out.getvalue()]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    modules, printed = json.loads(done.stdout)
    return set(modules), printed


def test_the_main_job_imports_no_optional_heavy_module():
    modules, printed = _modules_after("from pathchoice.__main__ import main\nmain([])")
    assert "TOPSIS ranking of 'paths'" in printed  # it did the main job
    assert {"numpy", "pandas", "pathchoice.study.run"} <= modules  # and the check sees modules
    loaded = sorted(m for m in NOT_ON_THE_MAIN_PATH if m in modules)
    assert not loaded, f"imported on the main job's path (import them on first use): {loaded}"


@pytest.mark.parametrize(
    ("code", "absent"),
    [
        ("import pathchoice", ("numpy", "pandas", "pathchoice.study")),
        ("import pathchoice.study", ("pandas", "pathchoice.study.analysis")),
        ("import pathchoice.study.cli", ("pathchoice.study.datasets", "pathchoice.study.run")),
    ],
)
def test_packages_import_their_names_on_first_use(code, absent):
    modules, _ = _modules_after(code)
    assert code.split()[-1] in modules
    assert not [m for m in absent if m in modules]


def test_lazy_names_resolve_to_their_home():
    import pathchoice.ahp as ahp
    import pathchoice.study as study
    import pathchoice.study.modelfile as modelfile
    from pathchoice.ahp.diagnosis import diagnose_inconsistency
    from pathchoice.study.modelfile._write import save_model
    from pathchoice.study.summary import robustness_summary

    assert ahp.diagnose_inconsistency is diagnose_inconsistency
    assert modelfile.save_model is save_model
    assert save_model.__module__ == "pathchoice.study.modelfile"  # documented there
    assert study.robustness_summary is robustness_summary
    assert study.china_japan is china_japan
    assert study.summary.robustness_summary is robustness_summary  # submodules too, as before
    assert ahp.diagnosis.diagnose_inconsistency is diagnose_inconsistency
    for package in (ahp, study, modelfile):
        assert set(package.__all__) <= set(dir(package))
        with pytest.raises(AttributeError, match="no attribute 'nothing'"):
            package.nothing


# -- the build: an overlay keeps what it does not change --------------------------------


def _full_rebuild(tree, judgements):
    """What ``overlay`` built before it kept subtrees: every node anew."""
    old_j, old_w = hierarchy_records(tree)
    new_j = list(old_j)
    for j in judgements:
        at = [i for i, o in enumerate(new_j) if o.node == j.node and {o.a, o.b} == {j.a, j.b}]
        if at:
            new_j[at[0]] = j
        else:
            new_j.append(j)
    return assemble(shapes(tree), new_j, list(old_w), in_hierarchy)


def test_an_overlay_rebuilds_the_nodes_it_changes_and_their_ancestors_only():
    tree = china_japan().hierarchy_tree
    pair = ("exposure to rule fragmentation", "exposure to social dilemmas")
    change = [Judgement("exposure", *pair, 4.0, "a test")]
    got = overlay(tree, change)
    assert got == _full_rebuild(tree, change)
    assert hierarchy_records(got) == hierarchy_records(_full_rebuild(tree, change))
    assert got is not tree and got.find("exposure") is not tree.find("exposure")
    for name in ("complementarity", "relief", "feasibility"):  # untouched: kept as they were
        assert got.find(name) is tree.find(name)
    assert dict(got.find("exposure").judgements)[pair] == 4.0
    assert overlay(tree) is tree


def test_every_scenario_and_panel_member_weighs_as_a_full_rebuild_would():
    analysis = china_japan()
    tree = analysis.hierarchy_tree
    for scenario in analysis.scenarios:
        assert overlay(tree, scenario.judgements) == _full_rebuild(tree, scenario.judgements)
    for member in analysis.panel.members:
        got = analysis.panel.member_tree(tree, member.name)
        assert got == _full_rebuild(tree, member.judgements)
