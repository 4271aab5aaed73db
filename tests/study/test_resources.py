"""Tests of the study's resources: records, the ``[resources]`` model-file section, round trips.

A malformed section is one ModelFileError naming the file, the location and the
problem (negative cost, unknown alternative, unknown resource, non-numeric amount,
...); a saved analysis with resources loads back equal and its section text is
written back exactly as read.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.exceptions import ModelError, ModelFileError, UnknownNameError
from pathchoice.study.datasets import china_japan
from pathchoice.study.modelfile import dumps_model, loads_model
from pathchoice.study.resources import (
    AlternativeGroup,
    Requirement,
    Resource,
    Resources,
    ResourceUse,
)

BASE = """\
format = "pathchoice-model/2"
[metadata]
title = "three plans"
[criteria.reach]
direction = "benefit"
[criteria.risk]
direction = "cost"
[sets.plans]
alternatives = [{ name = "P" }, { name = "Q" }, { name = "R" }]
[performance.plans.P]
reach = 6
risk = 2
[performance.plans.Q]
reach = 4
risk = 1
[performance.plans.R]
reach = 9
risk = 5
[hierarchy]
root = "goal"
nodes.goal.children = ["reach", "risk"]
nodes.goal.weights = { reach = 0.5, risk = 0.5 }
"""

SECTION = """\
[resources]
set = "plans"
notice = "made up"
exclude = ["R"]

[resources.units.cost]
unit = "points"
budget = 5
description = "what it costs"

[resources.units.staff]
unit = "people"

[resources.amounts.P]
cost = { amount = 3, reason = "big", source = "memo" }
staff = 2

[resources.amounts.Q]
cost = 2.5
staff = 1

[resources.amounts.R]
cost = 4
staff = 0

[[resources.requires]]
alternative = "Q"
needs = "P"
reason = "Q builds on P"

[resources.groups.pair]
alternatives = ["P", "Q"]
at_least = 1
at_most = 2
reason = "one of them at least"
"""


def _load(section: str = SECTION) -> object:
    return loads_model(BASE + section, source="plans.toml")


def test_section_reads_into_records() -> None:
    res = _load().resources  # type: ignore[attr-defined]
    assert res.alternative_set == "plans"
    assert res.units == (
        Resource("cost", "points", 5.0, "what it costs"),
        Resource("staff", "people"),
    )
    assert res.amounts[0] == ResourceUse("P", "cost", 3.0, "big", "memo")
    assert res.frame().loc["Q"].tolist() == [2.5, 1.0]
    assert res.budgets == {"cost": 5.0}
    assert res.exclude == ("R",)
    assert res.requires == (Requirement("Q", "P", "Q builds on P"),)
    assert res.groups == (AlternativeGroup("pair", ("P", "Q"), 1, 2, "one of them at least"),)


def test_round_trip_equal_and_section_written_back_exactly() -> None:
    analysis = _load()
    text = dumps_model(analysis)  # type: ignore[arg-type]
    assert loads_model(text) == analysis
    assert tomllib.loads(text)["resources"] == tomllib.loads(SECTION)["resources"]


def test_china_japan_v2_round_trip_keeps_its_illustrative_costs() -> None:
    analysis = china_japan(version=2)
    res = analysis.resources
    assert res is not None and "ILLUSTRATIVE" in res.notice
    assert all(u.reason.startswith("Illustrative:") for u in res.amounts)
    assert set(res.frame().index) == set(analysis.alternative_set("paths").names)
    assert loads_model(dumps_model(analysis)) == analysis


def test_without_resources_nothing_is_written() -> None:
    analysis = replace(_load(), resources=None)  # type: ignore[type-var]
    assert "resources" not in tomllib.loads(dumps_model(analysis))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "cost = 2.5",
            "cost = -1",
            r"plans\.toml: resources\.amounts\.Q\.cost: expected a number >= 0, got -1",
        ),
        (
            "cost = 2.5",
            "cost = 'cheap'",
            r"plans\.toml: resources\.amounts\.Q\.cost: expected a number, got 'cheap'",
        ),
        (
            "cost = 2.5",
            "cost = true",
            r"plans\.toml: resources\.amounts\.Q\.cost: expected a number, got true",
        ),
        (
            "cost = 4\n",
            "cost = { amount = 'x' }\n",
            r"plans\.toml: resources\.amounts\.R\.cost\.amount: expected a number, got 'x'",
        ),
        (
            "[resources.amounts.R]",
            "[resources.amounts.S]",
            r"plans\.toml: resources\.amounts\.S: unknown alternative 'S' in set 'plans'",
        ),
        (
            "staff = 1\n",
            "staf = 1\n",
            r"plans\.toml: resources\.amounts\.Q\.staf: unknown resource 'staf'; "
            r"resources are \['cost', 'staff'\]",
        ),
        (
            "budget = 5",
            "budget = -5",
            r"plans\.toml: resources\.units\.cost\.budget: expected a number >= 0",
        ),
        (
            "budget = 5",
            "budget = 'lots'",
            r"plans\.toml: resources\.units\.cost\.budget: expected a number, got 'lots'",
        ),
        (
            'set = "plans"',
            'set = "ports"',
            r"plans\.toml: resources\.set: unknown alternative set 'ports'",
        ),
        (
            'needs = "P"',
            'needs = "Z"',
            r"plans\.toml: resources\.requires\[0\]: unknown alternative 'Z'",
        ),
        (
            'exclude = ["R"]',
            'exclude = ["R", "R"]',
            r"plans\.toml: resources\.exclude\[1\]: 'R' is repeated",
        ),
        (
            "at_least = 1\n",
            "at_least = 1.5\n",
            r"plans\.toml: resources\.groups\.pair\.at_least: expected a whole number >= 0",
        ),
        (
            "at_least = 1\n",
            "at_least = 3\n",
            r"plans\.toml: resources\.groups\.pair\.at_least: 3 is more than the group's 2",
        ),
        (
            'alternatives = ["P", "Q"]',
            'alternatives = ["P", "Y"]',
            r"plans\.toml: resources\.groups\.pair\.alternatives\[1\]: unknown alternative 'Y'",
        ),
        (
            "[resources.amounts.R]\ncost = 4\nstaff = 0\n",
            "",
            r"plans\.toml: resources\.amounts\.R: missing the amount of 'cost'",
        ),
        (
            'unit = "people"',
            'unit = "people"\nlimit = 3',
            r"plans\.toml: resources\.units\.staff\.limit: unknown key",
        ),
        (
            'exclude = ["R"]',
            'exclude = ["P", "Q"]',
            r"plans\.toml: resources: .*group 'pair' needs at least 1 but only 0",
        ),
    ],
)
def test_malformed_section_names_file_and_location(old: str, new: str, message: str) -> None:
    assert old in SECTION
    with pytest.raises(ModelFileError, match=message):
        _load(SECTION.replace(old, new, 1))


def test_missing_required_keys() -> None:
    with pytest.raises(ModelFileError, match=r"plans\.toml: resources: missing required key 'set'"):
        _load(SECTION.replace('set = "plans"\n', ""))
    with pytest.raises(ModelFileError, match=r"resources\.budget: unknown key"):
        _load(SECTION.replace('notice = "made up"', "budget = 3"))


def test_records_refuse_bad_values_by_location() -> None:
    with pytest.raises(ModelError, match=r"resources\.amounts\.A\.cost: expected a number >= 0"):
        ResourceUse("A", "cost", -2)
    with pytest.raises(ModelError, match="needs itself"):
        Requirement("A", "A")
    with pytest.raises(ModelError, match="at_least 2 is above at_most 1"):
        AlternativeGroup("g", ("A", "B"), at_least=2, at_most=1)
    with pytest.raises(UnknownNameError, match="unknown resource 'time'"):
        Resources("s", (Resource("cost"),), (ResourceUse("A", "time", 1),))
    with pytest.raises(ModelError, match="given twice"):
        Resources("s", (Resource("cost"),), (ResourceUse("A", "cost", 1),) * 2)


def test_changed_copies_and_the_problem() -> None:
    res = _load().resources  # type: ignore[attr-defined]
    assert res.with_budget(9).budgets == {"cost": 9.0}
    assert res.with_budget(4, "staff").budgets == {"cost": 5.0, "staff": 4.0}
    assert res.with_minimums({"pair": 2}).groups[0].at_least == 2
    with pytest.raises(UnknownNameError, match="unknown group 'duo'"):
        res.with_minimums({"duo": 1})
    problem = res.problem(("P", "Q", "R"))
    assert problem.exclude == ("R",) and problem.requires == (("Q", "P"),)
    assert problem.feasible([[1, 0, 0], [0, 1, 0], [1, 1, 0], [1, 1, 1]]).tolist() == [
        True,
        False,
        False,  # 3 + 2.5 > 5
        False,
    ]


@given(
    st.lists(
        st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False)), min_size=3, max_size=3
    ),
    st.booleans(),
)
def test_any_amounts_round_trip(amounts: list[float], with_reason: bool) -> None:
    uses = tuple(
        ResourceUse(a, "cost", v, "why" if with_reason else "")
        for a, v in zip("PQR", amounts, strict=True)
    )
    analysis = replace(
        _load(),  # type: ignore[type-var]
        resources=Resources("plans", (Resource("cost", budget=sum(amounts)),), uses),
    )
    again = loads_model(dumps_model(analysis))
    assert again == analysis
    assert again.resources.frame()["cost"].tolist() == [float(v) for v in amounts]


@st.composite
def rule_sets(draw):
    names = ["P", "Q", "R", "S", "T"][: draw(st.integers(2, 5))]
    amounts = draw(st.lists(st.integers(0, 6), min_size=len(names), max_size=len(names)))
    budget = draw(st.integers(0, 20))
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=2))
    requires = tuple(dict.fromkeys(Requirement(a, b) for a, b in pairs if a != b))
    members = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    low = draw(st.one_of(st.none(), st.integers(0, len(members))))
    high = draw(st.one_of(st.none(), st.integers(low or 0, len(members))))
    group = AlternativeGroup("g", tuple(members), low, high)
    return names, amounts, budget, requires, group


@given(rule_sets())
def test_the_problem_follows_every_rule(case) -> None:
    """Resources.problem() accepts exactly the subsets that meet each rule, checked directly."""
    import itertools

    import numpy as np

    names, amounts, budget, requires, group = case
    res = Resources(
        "s",
        (Resource("cost", budget=budget),),
        tuple(ResourceUse(a, "cost", v) for a, v in zip(names, amounts, strict=True)),
        requires=requires,
        groups=(group,),
    )
    try:
        problem = res.problem(tuple(names))
    except ModelError:  # contradictory on its face: then no subset may meet the rules
        problem = None
    subsets = np.array(list(itertools.product([0, 1], repeat=len(names))), dtype=bool)
    pick = {a: subsets[:, i] for i, a in enumerate(names)}
    ok = subsets @ np.array(amounts, float) <= budget
    for req in requires:
        ok &= ~pick[req.alternative] | pick[req.needs]
    count = sum(pick[a].astype(int) for a in group.alternatives)
    if group.at_least is not None:
        ok &= count >= group.at_least
    if group.at_most is not None:
        ok &= count <= group.at_most
    if problem is None:
        assert not ok.any()
    else:
        assert problem.feasible(subsets.astype(float)).tolist() == ok.tolist()
