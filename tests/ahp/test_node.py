"""Node and hierarchy: criterion order, depth and size, repeated leaves, provenance, errors.

Issue 8 (criterion order, the node as the only authority on judgements, one
hierarchy model with provenance), issue 9 classes 4 and 5 (depth, size,
booleans) and issue 13 item 11 (leaves repeated under several parents).
"""

from __future__ import annotations

import itertools
import tracemalloc

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice import Model
from pathchoice.ahp import (
    HierarchyResult,
    Node,
    Note,
    PairwiseMatrix,
    ahp_rank,
    hierarchy_weights,
)
from pathchoice.exceptions import (
    ContradictoryJudgementError,
    DisconnectedJudgementsError,
    HierarchyError,
    PairwiseMatrixError,
    ReciprocityError,
    UnknownNameError,
)

from .test_hierarchy import build_node, hierarchy_case, judgements_of, load_references


def _goal() -> Node:
    cost = Node("cost", ["price", "upkeep"], judgements={("price", "upkeep"): 3})
    return Node("goal", [cost, "safety"], judgements={("cost", "safety"): 2})


# ---------------------------------------------------------------------- criterion order


def test_global_weights_follow_the_criteria_given():
    result = hierarchy_weights(_goal(), criteria=["safety", "upkeep", "price"])
    assert list(result.global_weights.index) == ["safety", "upkeep", "price"]
    assert result.tree_order == ("price", "upkeep", "safety")
    tree = hierarchy_weights(_goal())
    for name in result.tree_order:
        assert result.global_weights[name] == tree.global_weights[name]
    assert list(result.tree_order_weights.index) == list(result.tree_order)


def test_criteria_from_a_model_and_the_default_depth_first_order():
    model = Model(["A", "B"], ["upkeep", "safety", "price"], [[1, 2, 3], [3, 2, 1]])
    result = hierarchy_weights(_goal(), criteria=model)
    assert result.criteria == model.criterion_names
    assert hierarchy_weights(_goal()).criteria == ("price", "upkeep", "safety")


def test_criteria_that_differ_from_the_leaves_are_named():
    with pytest.raises(HierarchyError) as info:
        hierarchy_weights(_goal(), criteria=["price", "safety", "risk"])
    text = str(info.value)
    assert "leaves not among the criteria: ['upkeep']" in text
    assert "criteria that are not leaves: ['risk']" in text
    with pytest.raises(HierarchyError, match=r"criteria name \['price'\] more than once"):
        hierarchy_weights(_goal(), criteria=["price", "price", "upkeep", "safety"])
    with pytest.raises(HierarchyError, match="sequence of criterion names or a Model"):
        hierarchy_weights(_goal(), criteria="price")


@st.composite
def shuffled_trees(draw):
    """A two-level tree with random judgements and a random criterion order."""
    groups = draw(st.integers(2, 4))
    names, children = [], []
    for g in range(groups):
        size = draw(st.integers(1, 3))
        leaves = [f"c{g}{k}" for k in range(size)]
        names += leaves
        pairs = {
            (a, b): draw(st.sampled_from([1 / 3, 1 / 2, 1, 2, 3]))
            for a, b in itertools.pairwise(leaves)
        }
        children.append(
            Node(f"g{g}", leaves, judgements=pairs) if size > 1 else Node(f"g{g}", leaves)
        )
    top = [c.name for c in children]
    root = Node("goal", children, judgements={(a, b): 2.0 for a, b in itertools.pairwise(top)})
    order = draw(st.permutations(names))
    return root, list(order)


@given(shuffled_trees())
def test_criterion_order_changes_only_the_order(case):
    root, order = case
    tree = hierarchy_weights(root)
    aligned = hierarchy_weights(root, criteria=order)
    assert list(aligned.global_weights.index) == order
    np.testing.assert_array_equal(
        aligned.global_weights.to_numpy(), tree.global_weights.reindex(order).to_numpy()
    )
    assert aligned.global_weights.sum() == pytest.approx(1.0)


# ---------------------------------------------------------------------- depth and size


def _chain(levels: int) -> Node:
    node = Node(
        f"n{levels}",
        [f"leaf{levels}", f"x{levels}"],
        judgements={(f"leaf{levels}", f"x{levels}"): 2},
    )
    for k in range(levels - 1, -1, -1):
        node = Node(f"n{k}", [node, f"leaf{k}"], judgements={(f"n{k + 1}", f"leaf{k}"): 2})
    return node


def test_a_thousand_level_hierarchy_has_no_recursion_limit():
    root = _chain(1000)
    result = hierarchy_weights(root)
    assert len(result.global_weights) == 1002
    assert result.global_weights.sum() == pytest.approx(1.0)
    # Every level gives 1/3 to its leaf and 2/3 further down (judgement 2).
    assert result.global_weights["leaf0"] == pytest.approx(1 / 3)
    assert result.global_weights["leaf1"] == pytest.approx(2 / 9)
    assert len(root.leaves) == 1002 and root.find("n1000").name == "n1000"
    assert root == _chain(1000) and hash(root) == hash(_chain(1000))
    assert repr(root).startswith("Node('n0', [Node('n1', [Node('n2'")
    assert root != _chain(999)


def _retained_bytes(levels: int) -> int:
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        root = Node("n0", ["leaf"])
        for k in range(1, levels):
            root = Node(f"n{k}", [root])
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_building_a_chain_is_linear_in_the_number_of_nodes():
    # The memory a chain keeps grows like its number of nodes: no node holds a copy of
    # the names below it (which made building a 3,000-level chain quadratic in memory
    # and cubic in time). Time is measured in benchmarks/bench_ahp.py, not here.
    small, large = _retained_bytes(1500), _retained_bytes(3000)
    assert 1.6 < large / small < 2.4


def test_a_deep_chain_without_judgements_is_weighted():
    root = Node("n0", ["leaf"])
    for k in range(1, 3000):
        root = Node(f"n{k}", [root])
    result = hierarchy_weights(root)
    assert result.global_weights.to_dict() == {"leaf": 1.0}
    assert result.to_frame()["level"].max() == 3000


# ---------------------------------------------------------------------- repeated leaves


def test_the_same_alternatives_under_every_criterion_form_one_tree():
    """Wikipedia, 'Analytic hierarchy process - leader example': final priorities
    Dick .493, Tom .358, Harry .149 (printed to 3 places; atol 0.0011 as in
    data/synthesis_references.json). Built as one tree whose leaves Tom, Dick and
    Harry repeat under each of the four criteria; a leaf's global weight is the sum
    over its occurrences (Saaty 1980, hierarchic composition)."""
    case = next(c for c in load_references("synthesis") if c["name"] == "wikipedia_leader")
    criteria = build_node(hierarchy_case(case["hierarchy"])["root"])
    children = [
        Node(name, ["Tom", "Dick", "Harry"], judgements=judgements_of(rows))
        for name, rows in case["alternatives"].items()
    ]
    root = Node("Leader", children, judgements=dict(criteria.matrix.judgements()))
    result = hierarchy_weights(root)
    assert result.tree_order[:3] == ("Tom", "Dick", "Harry")
    expected = case["expected"]["scores"]
    for name, value in expected.items():
        assert result.global_weights[name] == pytest.approx(value, abs=case["tolerance"]["scores"])
    # The same numbers as the classic synthesis of ahp_rank:
    ranked = ahp_rank(
        hierarchy_weights(criteria),
        {c.name: c.matrix for c in children},
    )
    np.testing.assert_allclose(
        result.global_weights.reindex(list(ranked.scores.index)).to_numpy(),
        ranked.scores.to_numpy(),
        rtol=1e-12,
    )
    frame = result.to_frame()
    assert (frame["node"] == "Tom").sum() == 4
    assert result.node_weights["Tom"] == pytest.approx(result.global_weights["Tom"])


def test_node_names_must_still_be_unique_and_differ_from_leaves():
    a = Node("a", ["x", "y"], weights={"x": 0.5, "y": 0.5})
    root = Node(
        "goal",
        [a, Node("b", ["a", "x"], weights={"a": 0.5, "x": 0.5})],
        weights={"a": 0.5, "b": 0.5},
    )
    with pytest.raises(HierarchyError, match="'a' is used for a node and for a leaf"):
        hierarchy_weights(root)


# ---------------------------------------------------------------------- provenance


def test_node_carries_description_source_and_notes():
    node = Node(
        "goal",
        ["a", "b", "c"],
        judgements={("a", "b"): 3, ("b", "c"): 2, ("a", "c"): 6},
        description="what matters most",
        source="expert panel, round 2",
        notes={("b", "a"): Note("a matters more", source="minutes p. 4"), ("b", "c"): "by vote"},
    )
    assert node.description == "what matters most" and node.source == "expert panel, round 2"
    assert node.notes[("b", "a")] == Note("a matters more", "minutes p. 4")
    assert node.notes[("b", "c")] == Note("by vote")
    with pytest.raises(TypeError):
        node.notes[("a", "c")] = Note("x")  # type: ignore[index]
    weighted = Node("w", ["a", "b"], weights={"a": 0.3, "b": 0.7}, notes={"a": "from the budget"})
    assert weighted.notes["a"].reason == "from the budget"
    # Provenance is part of equality: two trees that say different things differ.
    assert node != Node(
        "goal", ["a", "b", "c"], judgements={("a", "b"): 3, ("b", "c"): 2, ("a", "c"): 6}
    )


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        (
            {"judgements": {("a", "b"): 2}, "notes": {("a", "c"): "x"}},
            r"note on \('a', 'c'\), which is not a judged pair",
        ),
        (
            {"weights": {"a": 0.5, "b": 0.5}, "notes": {"c": "x"}},
            "note on 'c', which is not a child with a weight",
        ),
        (
            {"judgements": {("a", "b"): 2}, "notes": {"a": "x"}},
            "note on 'a', which is not a child with a weight",
        ),
        ({"judgements": {("a", "b"): 2}, "notes": {("a", "b"): 3}}, "must be a Note or text"),
        ({"judgements": {("a", "b"): 2}, "notes": [("a", "b")]}, "notes must be a mapping"),
        ({"judgements": {("a", "b"): 2}, "source": 3}, "source must be text"),
    ],
)
def test_bad_provenance_is_refused(kwargs, pattern):
    with pytest.raises(HierarchyError, match=pattern):
        Node("n", ["a", "b"], **kwargs)


# ---------------------------------------------------------------------- the authority on judgements


@pytest.mark.parametrize(
    ("judgements", "error", "pair"),
    [
        ({("a", "b"): 3, ("b", "a"): 3}, ContradictoryJudgementError, ("b", "a")),
        ({("a", "b"): -1}, PairwiseMatrixError, ("a", "b")),
        ({("a", "b"): True}, PairwiseMatrixError, ("a", "b")),
        ({("a", "b"): "x"}, PairwiseMatrixError, ("a", "b")),
        ({("a", "zz"): 2}, UnknownNameError, ("a", "zz")),
        ({("a", "a"): 2}, PairwiseMatrixError, ("a", "a")),
    ],
)
def test_judgement_errors_carry_the_node_the_pair_and_the_reason(judgements, error, pair):
    with pytest.raises(error) as info:
        Node("goal", ["a", "b", "c"], judgements=judgements)
    err = info.value
    assert err.node == "goal" and err.pair == pair
    assert str(err).startswith("node 'goal': ")
    assert not err.reason.startswith("node 'goal'")


def test_disconnected_and_non_reciprocal_errors_carry_their_details():
    with pytest.raises(DisconnectedJudgementsError) as info:
        Node("goal", ["a", "b", "c", "d"], judgements={("a", "b"): 2, ("c", "d"): 2})
    assert info.value.node == "goal" and info.value.groups == (("a", "b"), ("c", "d"))
    with pytest.raises(ReciprocityError) as info:
        PairwiseMatrix([[1, 3], [0.5, 1]], ["a", "b"])
    assert info.value.pair == ("a", "b") and info.value.node is None


@pytest.mark.parametrize(
    "values",
    [
        [[True, True], [True, True]],
        np.ones((2, 2), dtype=bool),
        [[1, 2], [0.5, True]],
        [[1, np.True_], [1, 1]],
    ],
)
def test_booleans_are_refused_by_every_entry_point(values):
    # One rule: True/False are never judgements (from_judgements refused them already).
    with pytest.raises(PairwiseMatrixError, match="must be a number"):
        PairwiseMatrix(values, ["a", "b"])


def test_results_are_frozen_with_designed_equality():
    result = hierarchy_weights(_goal())
    weights = result.global_weights
    weights.iloc[0] = 99.0
    assert result.global_weights.iloc[0] != 99.0
    again = hierarchy_weights(_goal())
    assert result == again and hash(result) == hash(again)
    assert result.equals(again, rtol=1e-12)
    with pytest.raises(TypeError):
        result.local["goal"] = None  # type: ignore[index]
    assert isinstance(result, HierarchyResult)


def test_embedded_model_weights_in_criterion_order_rank_alike_as_series_and_array():
    # Issue 8: the depth-first order of the China-Japan hierarchy is not the model's
    # criterion order; with criteria=model the bare array is in criterion order too.
    from pathchoice.ranking import topsis
    from pathchoice.study.datasets import china_japan

    analysis = china_japan()
    model = analysis.decision_model("paths")
    result = hierarchy_weights(analysis.hierarchy(), criteria=model)
    assert result.criteria == model.criterion_names
    assert result.tree_order != model.criterion_names  # the case the issue is about
    by_series = topsis(model, result.global_weights)
    by_array = topsis(model, result.global_weights.to_numpy())
    assert by_series.ranks.equals(by_array.ranks)
