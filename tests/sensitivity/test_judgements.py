"""Judgement-level sensitivity: reported moves checked by recomputing through the public API."""

from collections.abc import Mapping

import numpy as np
import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pathchoice import MethodError, Model, Node, PairwiseMatrix, UnknownNameError, hierarchy_weights
from pathchoice.ahp import SAATY_SCALE
from pathchoice.exceptions import ArgumentError, HierarchyError
from pathchoice.ranking import topsis
from pathchoice.sensitivity.judgements import judgement_sensitivity
from pathchoice.study.datasets import china_japan

# -- helpers (kept here: tests/sensitivity is not a package) --------------------------------


def with_judgement(node, target, row, column, value):
    """A copy of the tree with judgement (row, column) of node ``target`` set to ``value``."""
    if isinstance(node, str):
        return node
    children = [with_judgement(c, target, row, column, value) for c in node.children]
    judgements = node.judgements
    if node.name == target:
        if isinstance(judgements, PairwiseMatrix):
            judgements = judgements.with_judgement((row, column), value)
        else:
            judgements = {k: v for k, v in judgements.items() if set(k) != {row, column}}
            judgements[(row, column)] = value
    if judgements is not None:
        if isinstance(judgements, Mapping):
            judgements = dict(judgements)
        return Node(node.name, children, judgements=judgements)
    if node.weights is not None:
        return Node(node.name, children, weights=dict(node.weights))
    return Node(node.name, children)


def lead_of(model, root, top):
    """Score of ``top`` minus the best other score, through hierarchy_weights and topsis."""
    weights = hierarchy_weights(root).global_weights
    scores = topsis(model, weights).scores.to_numpy()
    return scores[top] - np.delete(scores, top).max()


@st.composite
def problems(draw):
    """A model and a two-level hierarchy of judgements drawn from Saaty's scale."""
    n_groups = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 3)) for _ in range(n_groups)]
    n = sum(sizes)
    assume(n >= 2)
    criteria = [f"c{j}" for j in range(n)]
    scale = st.sampled_from(SAATY_SCALE)
    groups, start = [], 0
    for g, size in enumerate(sizes):
        names = criteria[start : start + size]
        start += size
        if size == 1:
            groups.append(names[0])
            continue
        judgements = {
            (names[i], names[j]): draw(scale) for i in range(size) for j in range(i + 1, size)
        }
        groups.append(Node(f"g{g}", names, judgements=judgements))
    labels = [c if isinstance(c, str) else c.name for c in groups]
    if len(groups) == 1:
        root = groups[0] if isinstance(groups[0], Node) else None
        assume(root is not None)
        root = Node("goal", [root], weights={root.name: 1.0})
    else:
        judgements = {
            (labels[i], labels[j]): draw(scale)
            for i in range(len(labels))
            for j in range(i + 1, len(labels))
        }
        root = Node("goal", groups, judgements=judgements)
    m = draw(st.integers(2, 5))
    values = draw(hnp.arrays(np.float64, (m, n), elements=st.integers(1, 9).map(float)))
    assume(bool(np.all(np.ptp(values, axis=0) > 0)))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    model = Model([f"a{i}" for i in range(m)], criteria, values, directions=directions)
    return model, root


# -- the reported move changes the top, the step before it does not ------------------------


@given(problems())
def test_reported_move_changes_the_top_and_the_previous_step_does_not(problem):
    model, root = problem
    result = judgement_sensitivity(model, root)
    top = model.alternatives.index(result.top)
    assume(lead_of(model, root, top) > 1e-9)  # a tied top changes at once by definition
    candidates = result.candidates
    checked = 0
    for row in result.table.itertuples():
        for direction in ("up", "down"):
            steps = getattr(row, f"{direction}_steps")
            mine = candidates[
                (candidates.node == row.node)
                & (candidates.row == row.row)
                & (candidates.column == row.column)
                & (candidates.direction == direction)
            ].set_index("steps")
            if np.isinf(steps):  # never: no value on the scale changes the top path
                assert not mine.changed.any()
                continue
            steps = int(steps)
            new = getattr(row, f"{direction}_value")
            previous = row.judgement if steps == 1 else mine.loc[steps - 1, "value"]
            lead_new = lead_of(model, with_judgement(root, row.node, row.row, row.column, new), top)
            lead_previous = lead_of(
                model, with_judgement(root, row.node, row.row, row.column, previous), top
            )
            assume(abs(lead_new) > 1e-9 and abs(lead_previous) > 1e-9)
            assert lead_new < 0, (row.node, row.row, row.column, direction)
            assert lead_previous > 0, (row.node, row.row, row.column, direction)
            if steps > 1:  # the reported move is the nearest one that changes the top
                assert not mine.loc[: steps - 1].changed.any()
            checked += 1
    event(f"moves checked: {min(checked, 3)}")


@given(problems())
def test_every_candidate_agrees_with_a_recomputation(problem):
    """The stacked computation gives the top that hierarchy_weights + topsis give."""
    model, root = problem
    result = judgement_sensitivity(model, root)
    top = model.alternatives.index(result.top)
    for c in result.candidates.head(12).itertuples():
        lead = lead_of(model, with_judgement(root, c.node, c.row, c.column, c.value), top)
        assume(abs(lead) > 1e-9)
        assert c.changed == (lead < 0)


def test_moves_count_scale_values_passed_without_snapping():
    """2.5 is off the scale: 3 is 1 step up, 2 is 1 step down, 1/9 is 10 steps down."""
    model = Model(["A", "B"], ["x", "y"], [[1, 2], [2, 1]])
    root = Node("goal", ["x", "y"], judgements={("x", "y"): 2.5})
    result = judgement_sensitivity(model, root)
    up = result.candidates[result.candidates.direction == "up"]
    down = result.candidates[result.candidates.direction == "down"]
    np.testing.assert_allclose(up.value, [3, 4, 5, 6, 7, 8, 9])
    np.testing.assert_array_equal(up.steps, np.arange(1, 8))
    np.testing.assert_allclose(
        down.value, [2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9]
    )
    np.testing.assert_array_equal(down.steps, np.arange(1, 11))
    on_scale = judgement_sensitivity(
        model, Node("goal", ["x", "y"], judgements={("x", "y"): 1 / 3})
    )
    assert len(on_scale.candidates) == len(SAATY_SCALE) - 1


def test_worked_example_two_criteria():
    """x : y = 2 gives weights (2/3, 1/3); A = (9, 1) leads B = (1, 9) until x : y <= 1.

    With vector normalisation both columns are (9, 1)/sqrt(82), so by symmetry
    A and B tie exactly at equal weights (x : y = 1): a tie is not a change,
    and the first change down is 1/2, two steps away.
    """
    model = Model(["A", "B"], ["x", "y"], [[9, 1], [1, 9]])
    root = Node("goal", ["x", "y"], judgements={("x", "y"): 2})
    row = judgement_sensitivity(model, root).table.iloc[0]
    assert row["up_steps"] == np.inf and np.isnan(row["up_value"])
    assert row["down_value"] == 0.5 and row["down_steps"] == 2
    assert row["down_new_top"] == "B"
    assert row["min_steps"] == 2
    assert (
        row["verdict"] == "up: no change on the scale; down to 1/2 (2 steps): 'B' takes first place"
    )


def test_incomplete_matrix_is_completed_for_every_candidate():
    model = Model(["A", "B", "C"], ["x", "y", "z"], [[9, 1, 5], [1, 9, 5], [5, 5, 1]])
    root = Node("goal", ["x", "y", "z"], judgements={("x", "y"): 3, ("y", "z"): 2})
    result = judgement_sensitivity(model, root)
    assert any("missing judgements" in f for f in result.findings)
    top = model.alternatives.index(result.top)
    for c in result.candidates.itertuples():
        lead = lead_of(model, with_judgement(root, c.node, c.row, c.column, c.value), top)
        if abs(lead) > 1e-9:
            assert c.changed == (lead < 0)


def test_geometric_mean_and_a_pymcdm_method():
    model = Model(["A", "B", "C"], ["x", "y", "z"], [[9, 1, 5], [1, 9, 5], [5, 5, 1]])
    root = Node("goal", ["x", "y", "z"], judgements={("x", "y"): 3, ("y", "z"): 2, ("x", "z"): 4})
    result = judgement_sensitivity(model, root, method="vikor", ahp_method="geometric_mean")
    assert result.method == "vikor" and result.ahp_method == "geometric_mean"
    from pathchoice.ranking import rank

    top = model.alternatives.index(result.top)
    for c in result.candidates.itertuples():
        changed = with_judgement(root, c.node, c.row, c.column, c.value)
        weights = hierarchy_weights(changed, method="geometric_mean").global_weights
        ranks = rank(model, weights, "vikor").ranks.to_numpy()
        assert c.changed == (ranks[top] > 1)


# -- the China–Japan model ------------------------------------------------------------------


def test_china_japan_judgements_from_the_public_api():
    analysis = china_japan()
    model = analysis.decision_model()
    root = analysis.hierarchy()
    result = judgement_sensitivity(model, root)
    assert result.top == topsis(model, analysis.weights().global_weights).best
    n_judgements = sum(
        len(node.matrix.judgements())
        for node in [root, *[c for c in root.children if isinstance(c, Node)]]
        if node.matrix is not None
    )
    assert len(result.table) == n_judgements
    top = model.alternatives.index(result.top)
    for row in result.table.itertuples():
        for direction in ("up", "down"):
            if np.isinf(getattr(row, f"{direction}_steps")):
                continue
            new = getattr(row, f"{direction}_value")
            lead = lead_of(model, with_judgement(root, row.node, row.row, row.column, new), top)
            assert lead < 0
            assert getattr(row, f"{direction}_new_top") != result.top


# -- errors ---------------------------------------------------------------------------------

MODEL = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [3, 1, 2]])
JUDGED = Node("goal", ["x", "y", "z"], judgements={("x", "y"): 2, ("y", "z"): 3, ("x", "z"): 5})


@pytest.mark.parametrize(
    ("hierarchy", "kwargs", "error", "match"),
    [
        (
            Node("goal", ["x", "y", "z"], weights={"x": 0.2, "y": 0.3, "z": 0.5}),
            {},
            HierarchyError,
            "hierarchy 'goal' has no pairwise judgements",
        ),
        ({"x": 0.5}, {}, HierarchyError, r"must be a Node .*\(got dict\)"),
        (
            Node("goal", ["x", "y", "w"], judgements={("x", "y"): 2, ("y", "w"): 3}),
            {},
            UnknownNameError,
            r"weighs criteria \['w'\] that the model does not have",
        ),
        (
            Node("goal", ["x", "y"], judgements={("x", "y"): 2}),
            {},
            HierarchyError,
            r"does not weigh model criteria \['z'\]",
        ),
        (JUDGED, {"ahp_method": "power"}, ArgumentError, "method must be one of .*'power'"),
        (JUDGED, {"completion": "zeros"}, ArgumentError, "completion must be one of .*'zeros'"),
        (JUDGED, {"method": "nope"}, MethodError, "unknown ranking method 'nope'"),
        (JUDGED, {"v": 0.5}, MethodError, r"does not take option\(s\) \['v'\]"),
    ],
)
def test_errors_name_the_culprit(hierarchy, kwargs, error, match):
    with pytest.raises(error, match=match):
        judgement_sensitivity(MODEL, hierarchy, **kwargs)


def test_a_hierarchy_result_or_a_matrix_stands_for_the_hierarchy():
    by_node = judgement_sensitivity(MODEL, JUDGED)
    by_result = judgement_sensitivity(MODEL, hierarchy_weights(JUDGED))
    by_matrix = judgement_sensitivity(MODEL, JUDGED.matrix)
    for other in (by_result, by_matrix):
        assert other.table.drop(columns="node").equals(by_node.table.drop(columns="node"))
