"""AHP hierarchies: published global weights, composition laws, result shape, every error.

Reference cases live in ``data/hierarchy_references.json`` with their source and
tolerance; the loaders here are shared with ``test_synthesis.py``.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.ahp import PairwiseMatrix, WeightsResult
from pathchoice.ahp.hierarchy import HierarchyResult, Node, hierarchy_weights
from pathchoice.exceptions import (
    ArgumentError,
    ContradictoryJudgementError,
    DisconnectedJudgementsError,
    HierarchyError,
    UnknownNameError,
    WeightsError,
)

DATA = Path(__file__).with_name("data")


# ---------------------------------------------------------------------- loaders


def load_references(stem: str) -> list[dict]:
    """The cases of ``data/<stem>_references.json``."""
    return json.loads((DATA / f"{stem}_references.json").read_text(encoding="utf-8"))["cases"]


def hierarchy_case(name: str) -> dict:
    """One case of ``data/hierarchy_references.json`` by name."""
    for item in load_references("hierarchy"):
        if item["name"] == name:
            return item
    raise KeyError(name)


def number(text: str) -> float:
    """A printed judgement: '3', '1/7', '1.41' or '100/113'."""
    return float(Fraction(text))


def judgements_of(rows: list[list[str]]) -> dict[tuple[str, str], float]:
    """``[[row, column, value], ...]`` as a judgements dict."""
    return {(a, b): number(v) for a, b, v in rows}


def build_node(spec: dict) -> Node:
    """A Node from its JSON description (children that are strings are criteria)."""
    children = [c if isinstance(c, str) else build_node(c) for c in spec["children"]]
    if "judgements" in spec:
        return Node(spec["name"], children, judgements=judgements_of(spec["judgements"]))
    if "weights" in spec:
        return Node(spec["name"], children, weights=spec["weights"])
    return Node(spec["name"], children)


HIERARCHY_CASES = load_references("hierarchy")


# ---------------------------------------------------------------------- published cases


@pytest.mark.parametrize("item", HIERARCHY_CASES, ids=lambda c: c["name"])
def test_global_weights_match_published_values(item):
    """Global weights of criteria and sub-nodes against the printed values.

    Sources and tolerances: see each case in data/hierarchy_references.json
    (AHPy README "Purchasing a vehicle", atol 1e-3; Wikipedia leader example,
    atol 1.5e-3; AHPy test suite four-level tree, atol 6e-5).
    """
    result = hierarchy_weights(build_node(item["root"]))
    expected = item["expected"]["global"]
    got = result.node_weights.reindex(list(expected))
    np.testing.assert_allclose(
        got.to_numpy(), list(expected.values()), atol=item["tolerance"]["global"]
    )
    np.testing.assert_allclose(result.global_weights.sum(), 1.0, atol=1e-12)


def test_vehicle_local_weights_match_ahpy():
    """AHPy README, "Purchasing a vehicle" (precision=3): local weights of Criteria,
    Cost and Capacity printed to 3 places (Cargo to 4); atol 6e-4."""
    item = hierarchy_case("ahpy_vehicle")
    result = hierarchy_weights(build_node(item["root"]))
    tol = item["tolerance"]["local"]
    for parent, expected in item["expected"]["local"].items():
        got = result.local_weights.loc[parent].reindex(list(expected))
        np.testing.assert_allclose(got.to_numpy(), list(expected.values()), atol=tol)


def test_leader_criteria_consistency_ratio_matches_ahpy():
    """AHPy README, "Choosing a leader": criteria CR 0.044 with random_index='saaty'.
    AHPy's table has RI(4) = 0.89 (Saaty 2005), ours 0.90 (Saaty 1980): both give
    0.044 to 3 places; atol 6e-4."""
    item = hierarchy_case("wikipedia_leader_criteria")
    root = build_node(item["root"])
    result = hierarchy_weights(root)
    local = result.local[root.name]
    assert isinstance(local, WeightsResult)
    np.testing.assert_allclose(local.consistency_ratio, 0.044, atol=6e-4)
    assert result.is_consistent and result.inconsistent_nodes == ()


def test_global_weight_is_product_of_printed_local_weights():
    """AHPy README vehicle case: Cost 0.51 × Price 0.488 = 0.249 (printed global).
    The product law checked on the published numbers themselves; atol 1e-3."""
    item = hierarchy_case("ahpy_vehicle")
    result = hierarchy_weights(build_node(item["root"]))
    lw = result.local_weights
    np.testing.assert_allclose(lw[("Criteria", "Cost")] * lw[("Cost", "Price")], 0.249, atol=1e-3)
    np.testing.assert_allclose(0.51 * 0.488, 0.249, atol=1e-3)


# ---------------------------------------------------------------------- result shape


def _small_tree() -> Node:
    cost = Node("cost", ["price", "upkeep"], weights={"price": 0.75, "upkeep": 0.25})
    risk = Node("risk", ["legal"])
    return Node(
        "goal",
        [cost, "safety", risk],
        judgements={("cost", "safety"): 2, ("cost", "risk"): 4, ("safety", "risk"): 2},
    )


def test_result_shape_and_frame():
    result = hierarchy_weights(_small_tree())
    assert isinstance(result, HierarchyResult)
    assert result.criteria == ("price", "upkeep", "safety", "legal")
    assert result.global_weights.index.name == "criterion"
    assert list(result.local) == ["goal", "cost", "risk"]
    assert isinstance(result.local["goal"], WeightsResult)
    assert result.local["cost"] is None and result.local["risk"] is None
    assert list(result.local_weights.index) == [
        ("goal", "cost"),
        ("cost", "price"),
        ("cost", "upkeep"),
        ("goal", "safety"),
        ("goal", "risk"),
        ("risk", "legal"),
    ]
    frame = result.to_frame()
    assert list(frame.columns) == [
        "parent",
        "node",
        "level",
        "is_leaf",
        "local_weight",
        "global_weight",
        "consistency_ratio",
    ]
    assert frame["node"].tolist() == ["goal", "cost", "price", "upkeep", "safety", "risk", "legal"]
    assert frame["parent"].tolist() == [None, "goal", "cost", "cost", "goal", "goal", "risk"]
    assert frame["level"].tolist() == [0, 1, 2, 2, 1, 1, 2]
    assert frame["is_leaf"].tolist() == [False, False, True, True, True, False, True]
    # the goal's judgements are consistent (2 * 2 = 4): weights 4/7, 2/7, 1/7 exactly
    np.testing.assert_allclose(
        frame["global_weight"], [1, 4 / 7, 3 / 7, 1 / 7, 2 / 7, 1 / 7, 1 / 7], atol=1e-12
    )
    cr = frame["consistency_ratio"]
    assert np.isnan(cr[0]) and np.isnan(cr[2]) and np.isnan(cr[6])
    np.testing.assert_allclose(cr[[1, 4, 5]], 0.0, atol=1e-12)
    frame.loc[0, "node"] = "changed"
    assert result.to_frame().loc[0, "node"] == "goal"  # a copy
    assert "goal" in str(result) and "acceptably consistent" in str(result)


def test_weights_alias_and_options_echoed():
    result = hierarchy_weights(_small_tree(), method="geometric_mean", ri_table="alonso_lamata")
    assert result.weights.equals(result.global_weights)
    assert result.options["method"] == "geometric_mean"
    assert result.options["ri_table"] == "alonso_lamata_2006"
    assert result.local["goal"].method == "geometric_mean"


def test_incomplete_judgements_are_completed():
    """Bozóki, Fülöp & Rónyai (2010) example 1 (also AHPy's test suite): with
    (c, d) missing, the lambda_max completion gives weights a 0.3738, b 0.392,
    c 0.0985, d 0.1357 (AHPy, 4 places); atol 6e-5."""
    root = Node(
        "goal",
        ["a", "b", "c", "d"],
        judgements={("a", "b"): 1, ("a", "c"): 5, ("a", "d"): 2, ("b", "c"): 3, ("b", "d"): 4},
    )
    result = hierarchy_weights(root)
    np.testing.assert_allclose(
        result.global_weights.to_numpy(), [0.3738, 0.392, 0.0985, 0.1357], atol=6e-5
    )
    assert result.local["goal"].completion == "lambda_max"


def test_inconsistent_node_is_reported_not_raised():
    root = Node(
        "goal",
        [Node("g", ["x", "y", "z"], judgements={("x", "y"): 9, ("y", "z"): 9, ("z", "x"): 9}), "w"],
        weights={"g": 0.5, "w": 0.5},
    )
    result = hierarchy_weights(root)
    assert not result.is_consistent
    assert result.inconsistent_nodes == ("g",)
    assert "inconsistent" in str(result)


def test_pairwise_matrix_and_frame_judgements_accepted_in_any_label_order():
    m = PairwiseMatrix([[1, 1 / 3], [3, 1]], ["b", "a"])
    by_matrix = hierarchy_weights(Node("goal", ["a", "b"], judgements=m))
    by_frame = hierarchy_weights(Node("goal", ["a", "b"], judgements=m.to_frame()))
    for result in (by_matrix, by_frame):
        assert list(result.global_weights.index) == ["a", "b"]
        np.testing.assert_allclose(result.global_weights.to_numpy(), [0.75, 0.25], atol=1e-12)


def test_node_is_immutable_hashable_and_copies_its_judgements():
    judgements = {("a", "b"): 2.0}
    node = Node("goal", ["a", "b"], judgements=judgements)
    judgements[("a", "b")] = 5.0
    assert node.judgements[("a", "b")] == 2.0
    assert node.matrix.judgements() == {("a", "b"): 2.0}
    with pytest.raises(AttributeError):
        node.name = "other"  # type: ignore[misc]
    assert hash(node) == hash(Node("goal", ["a", "b"], judgements={("a", "b"): 2}))
    assert node == Node("goal", ["a", "b"], judgements={("a", "b"): 2.0})
    assert node.find("goal") is node
    assert node.node_names == ["goal"]
    assert node.names == ("goal", "a", "b")


def test_single_child_needs_nothing_and_accepts_weight_one():
    assert hierarchy_weights(Node("g", ["only"])).global_weights.tolist() == [1.0]
    assert hierarchy_weights(Node("g", ["only"], weights={"only": 1})).global_weights.tolist() == [
        1.0
    ]


# ---------------------------------------------------------------------- properties


@st.composite
def hierarchies(draw, *, consistent: bool, allow_direct: bool = False, max_depth: int = 4):
    """A random tree with the local weights that generated it.

    Judged nodes get the consistent matrix ``w_a / w_b`` of their generating
    weights (``consistent=True``) or random Saaty-scale judgements.
    """
    counter = itertools.count()
    generating: dict[str, dict[str, float]] = {}
    scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9]

    def build(depth: int) -> Node:
        name = f"node{next(counter)}"
        k = draw(st.integers(1, 4 if depth == 0 else 3))
        children: list[Node | str] = []
        for _ in range(k):
            if depth < max_depth and draw(st.integers(0, 2)) == 0:
                children.append(build(depth + 1))
            else:
                children.append(f"crit{next(counter)}")
        names = [c.name if isinstance(c, Node) else c for c in children]
        raw = draw(st.lists(st.floats(0.05, 1.0), min_size=k, max_size=k))
        w = np.array(raw) / sum(raw)
        generating[name] = dict(zip(names, w.tolist(), strict=True))
        if k == 1:
            return Node(name, children)
        if allow_direct and draw(st.booleans()):
            return Node(name, children, weights=generating[name])
        pairs = itertools.combinations(range(k), 2)
        if consistent:
            judgements = {(names[i], names[j]): w[i] / w[j] for i, j in pairs}
        else:
            judgements = {(names[i], names[j]): draw(st.sampled_from(scale)) for i, j in pairs}
        return Node(name, children, judgements=judgements)

    root = build(0)
    return root, generating


def _expected_global(root: Node, generating: dict[str, dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}

    def walk(node: Node, weight: float) -> None:
        for child in node.children:
            name = child.name if isinstance(child, Node) else child
            w = weight * generating[node.name][name]
            if isinstance(child, Node):
                walk(child, w)
            else:
                out[name] = w

    walk(root, 1.0)
    return out


@given(hierarchies(consistent=False), st.sampled_from(["eigenvector", "geometric_mean"]))
def test_global_weights_positive_and_sum_to_one_at_any_depth(tree, method):
    root, _ = tree
    result = hierarchy_weights(root, method=method)
    g = result.global_weights
    assert list(g.index) == list(root.leaves)
    assert (g > 0).all()
    np.testing.assert_allclose(g.sum(), 1.0, atol=1e-12)
    # every node's global weight is the sum of its children's
    frame = result.to_frame()
    inner = frame[~frame["is_leaf"]]
    sums = frame.groupby("parent", sort=False)["global_weight"].sum()
    np.testing.assert_allclose(
        sums.reindex(inner["node"]).to_numpy(), inner["global_weight"].to_numpy(), atol=1e-12
    )


@given(
    hierarchies(consistent=True, allow_direct=True),
    st.sampled_from(["eigenvector", "geometric_mean"]),
)
def test_consistent_hierarchy_gives_product_of_generating_weights(tree, method):
    root, generating = tree
    result = hierarchy_weights(root, method=method)
    expected = _expected_global(root, generating)
    np.testing.assert_allclose(
        result.global_weights.to_numpy(), [expected[c] for c in root.leaves], rtol=1e-9, atol=1e-12
    )
    assert result.is_consistent


# ---------------------------------------------------------------------- errors


def test_error_empty_or_non_string_name():
    with pytest.raises(HierarchyError, match="node name must be a non-empty string"):
        Node("  ", ["a"])
    with pytest.raises(HierarchyError, match=r"got 3"):
        Node(3, ["a"])  # type: ignore[arg-type]


def test_error_no_children():
    with pytest.raises(HierarchyError, match="node 'goal' has no children"):
        Node("goal", [])


def test_error_children_not_a_sequence():
    with pytest.raises(HierarchyError, match="node 'goal': children must be a sequence"):
        Node("goal", "abc")  # type: ignore[arg-type]


def test_error_child_neither_node_nor_name():
    with pytest.raises(HierarchyError, match=r"node 'goal': child at position 1 .* \(got 7\)"):
        Node("goal", ["a", 7], weights={"a": 1.0})  # type: ignore[list-item]
    with pytest.raises(HierarchyError, match="position 0"):
        Node("goal", [""])


def test_error_duplicate_names_anywhere_in_the_tree():
    # Siblings and a node's own name are checked when the node is built; the
    # tree-wide rules (node names unique, no node named like a leaf) on first use.
    left = Node("left", ["x", "y"], weights={"x": 0.5, "y": 0.5})
    twin = Node("left", ["z", "w"], weights={"z": 0.5, "w": 0.5})
    root = Node("goal", [left, Node("mid", [twin])], weights={"left": 0.5, "mid": 0.5})
    with pytest.raises(HierarchyError, match=r"'left' is used for a node and for another node"):
        hierarchy_weights(root)
    with pytest.raises(HierarchyError, match=r"\['a'\]"):
        Node("g", ["a", "a"], weights={"a": 1.0})
    with pytest.raises(HierarchyError, match=r"node 'g'.*\['g'\]"):
        Node("g", ["g", "b"], weights={"g": 0.5, "b": 0.5})
    clash = Node("goal", [left, Node("mid", ["left"])], weights={"left": 0.5, "mid": 0.5})
    with pytest.raises(HierarchyError, match=r"'left' is used for a node and for a leaf"):
        _ = clash.leaves


def test_error_both_judgements_and_weights():
    with pytest.raises(HierarchyError, match="node 'goal': give either judgements or weights"):
        Node("goal", ["a", "b"], judgements={("a", "b"): 2}, weights={"a": 0.5, "b": 0.5})


def test_error_neither_judgements_nor_weights():
    with pytest.raises(
        HierarchyError, match=r"node 'goal' has 2 children \['a', 'b'\] but neither"
    ):
        Node("goal", ["a", "b"])


def test_error_judgements_name_a_non_child():
    with pytest.raises(UnknownNameError, match=r"node 'goal': judgement \('a', 'zz'\) names 'zz'"):
        Node("goal", ["a", "b"], judgements={("a", "b"): 2, ("a", "zz"): 3})
    with pytest.raises(UnknownNameError, match=r"node 'g'.*'zz'"):
        Node("g", ["only"], judgements={("only", "zz"): 3})


def test_error_matrix_with_extra_or_missing_children():
    m = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 2})
    with pytest.raises(UnknownNameError, match="node 'goal': judgements compare 'c', which is not"):
        Node("goal", ["a", "b"], judgements=m)
    with pytest.raises(
        HierarchyError, match=r"node 'goal': judgements do not compare children \['d'\]"
    ):
        Node("goal", ["a", "b", "c", "d"], judgements=m)


def test_error_judgements_leaving_a_child_out_are_disconnected():
    with pytest.raises(DisconnectedJudgementsError, match=r"node 'goal': .*\['c'\]"):
        Node("goal", ["a", "b", "c"], judgements={("a", "b"): 2})


def test_error_invalid_judgements_keep_their_type_and_name_the_node():
    with pytest.raises(ContradictoryJudgementError, match=r"node 'goal': pair \('a', 'b'\)"):
        Node("goal", ["a", "b"], judgements={("a", "b"): 3, ("b", "a"): 3})


def test_error_judgements_of_the_wrong_type():
    with pytest.raises(HierarchyError, match=r"node 'goal': judgements must be .* \(got list\)"):
        Node("goal", ["a", "b"], judgements=[(("a", "b"), 2)])  # type: ignore[arg-type]


def test_error_weights_name_a_non_child():
    with pytest.raises(
        UnknownNameError, match="node 'goal': weights name 'c', which is not a child"
    ):
        Node("goal", ["a", "b"], weights={"a": 0.5, "b": 0.25, "c": 0.25})


def test_error_weights_missing_children():
    with pytest.raises(WeightsError, match=r"node 'goal': weights are missing children \['b'\]"):
        Node("goal", ["a", "b"], weights={"a": 1.0})


@pytest.mark.parametrize(
    ("weights", "pattern"),
    [
        ({"a": -0.5, "b": 1.5}, r"weight of 'a' must be finite and non-negative \(got -0.5\)"),
        ({"a": float("nan"), "b": 0.5}, "weight of 'a' must be finite"),
        ({"a": "x", "b": 0.5}, r"weight of 'a' must be a number \(got 'x'\)"),
        ({"a": 0.5, "b": 0.6}, r"weights must sum to 1 \(got 1.1 for 2 children\)"),
    ],
)
def test_error_weights_values(weights, pattern):
    with pytest.raises(WeightsError, match=f"node 'goal': {pattern}"):
        Node("goal", ["a", "b"], weights=weights)


def test_error_weights_not_a_mapping():
    with pytest.raises(
        WeightsError, match=r"node 'goal': weights must be a mapping .* \(got list\)"
    ):
        Node("goal", ["a", "b"], weights=[0.5, 0.5])  # type: ignore[arg-type]


def test_error_root_not_a_node():
    with pytest.raises(HierarchyError, match=r"root must be a Node .*'goal'"):
        hierarchy_weights("goal")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "value", "error", "pattern"),
    [
        ("method", "power", ArgumentError, "method must be one of .*\\(got 'power'\\)"),
        ("ri_table", "nope", ArgumentError, "ri_table must be one of .*\\(got 'nope'\\)"),
        ("completion", "zero", ArgumentError, "completion must be one of .*\\(got 'zero'\\)"),
        ("threshold", 0, ArgumentError, r"threshold must be in \(0, inf\] \(got 0\)"),
        ("threshold", "x", ArgumentError, r"threshold must be a finite number \(got 'x'\)"),
    ],
)
def test_error_unknown_options_even_without_judgements(option, value, error, pattern):
    root = Node("goal", ["a", "b"], weights={"a": 0.5, "b": 0.5})
    with pytest.raises(error, match=pattern):
        hierarchy_weights(root, **{option: value})


def test_error_find_unknown_node():
    root = _small_tree()
    assert root.find("cost").leaves == ("price", "upkeep")
    with pytest.raises(UnknownNameError, match="'price' is a leaf, not a node"):
        root.find("price")
    with pytest.raises(UnknownNameError, match="'nowhere' is not in the hierarchy"):
        root.find("nowhere")


def test_frame_types():
    frame = hierarchy_weights(_small_tree()).to_frame()
    assert frame["level"].dtype == np.int64
    assert frame["is_leaf"].dtype == bool
    assert pd.api.types.is_float_dtype(frame["global_weight"])
