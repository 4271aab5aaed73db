"""Labels travel with the numbers: a weight never lands on the wrong criterion.

Issue 8, item 2. On the embedded China–Japan model and on a random hierarchy
whose depth-first leaf order differs from the criterion order, the weights as a
Series, as an array in criterion order, and every sampler's output give
identical rankings and identical SMAA results.
"""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pathchoice import Model, hierarchy_weights, topsis
from pathchoice.ahp import Node
from pathchoice.sensitivity import evaluate, smaa
from pathchoice.sensitivity.sampling import (
    AHPJudgementSampler,
    DirichletSampler,
    FixedWeights,
    OrdinalSampler,
    ahp_judgement_weights,
    performance_samples,
)
from pathchoice.study.datasets import china_japan


def criterion_order_weights(tree: Node, criteria: tuple[str, ...]) -> pd.Series:
    """The hierarchy's global weights as a Series indexed in criterion order."""
    weights = hierarchy_weights(tree).global_weights
    return weights.reindex(list(criteria))


def same_statistics(a, b) -> bool:
    """Equal SMAA results, except for how the weights were described in ``options``."""
    fields = ["rank_acceptability", "central_weights", "pairwise_winning", "confidence_factors"]
    return all(getattr(a, f).equals(getattr(b, f)) for f in fields) and a.findings == b.findings


def check_one_model(model: Model, tree: Node) -> None:
    series = criterion_order_weights(tree, model.criterion_names)
    shuffled = series.iloc[::-1]  # a Series in another order: matched by name
    array = series.to_numpy()  # documented: criterion order
    by_series = topsis(model, shuffled)
    assert topsis(model, array) == by_series
    # the AHP sampler without perturbation reproduces the weights, in criterion order
    exact = ahp_judgement_weights(model, tree, spread=0, n_samples=3)
    np.testing.assert_allclose(exact.values, np.tile(array, (3, 1)), rtol=1e-13, atol=1e-15)
    ranks = evaluate(model, exact).ranks
    np.testing.assert_array_equal(ranks, np.tile(by_series.ranks.to_numpy(), (3, 1)))
    # SMAA around the weights: the same sampler from the Series or from the array
    near = DirichletSampler.around(model, shuffled, concentration=80)
    a = smaa(model, near, n_samples=600, rng=5)
    b = smaa(model, DirichletSampler.around(model, array, concentration=80), n_samples=600, rng=5)
    assert a == b
    # fixed weights, from the Series or the array, with performance noise
    noise = performance_samples(model, distributions=("normal", 0.05), n_samples=300, rng=1)
    c = smaa(model, FixedWeights(model, shuffled), performance=noise)
    d = smaa(model, FixedWeights(model, array), performance=noise)
    assert c == d
    # samples drawn beforehand, handed over labelled, as a frame in another order, as an array
    samples = AHPJudgementSampler(model, tree, spread=1).sample(n_samples=500, rng=2)
    frame = samples.to_frame().iloc[:, ::-1]
    e = smaa(model, samples)
    assert same_statistics(e, smaa(model, frame))
    assert same_statistics(e, smaa(model, np.asarray(samples.values)))
    assert e.options["weight_description"] == samples.description


def test_china_japan_series_array_and_samplers_agree():
    analysis = china_japan()
    model = analysis.decision_model()
    tree = analysis.hierarchy()
    check_one_model(model, tree)


@st.composite
def shuffled_hierarchies(draw):
    n = draw(st.integers(3, 7))
    criteria = tuple(f"c{j}" for j in range(n))
    leaves = list(draw(st.permutations(criteria)))
    cut = draw(st.integers(1, n - 1))
    judgement = st.sampled_from([1 / 5, 1 / 3, 1 / 2, 2.0, 3.0, 4.0])

    def node(name, children):
        if len(children) == 1:
            return children[0]
        names = [c.name if isinstance(c, Node) else c for c in children]
        pairs = {(names[k], names[k + 1]): draw(judgement) for k in range(len(names) - 1)}
        return Node(name, children, judgements=pairs)

    left, right = node("left", leaves[:cut]), node("right", leaves[cut:])
    names = [c.name if isinstance(c, Node) else c for c in (left, right)]
    tree = Node("goal", [left, right], judgements={tuple(names): draw(judgement)})
    values = draw(
        st.lists(st.floats(1, 9), min_size=4 * n, max_size=4 * n).map(
            lambda v: np.asarray(v).reshape(4, n)
        )
    )
    model = Model(["A", "B", "C", "D"], criteria, values)
    return model, tree


@settings(max_examples=15)
@given(shuffled_hierarchies())
def test_random_hierarchies_in_another_order_agree(problem):
    model, tree = problem
    check_one_model(model, tree)


def test_a_depth_first_order_that_differs_is_mapped_by_name():
    """Three criteria whose tree order (z, x, y) differs from the model's (x, y, z)."""
    tree = Node(
        "goal",
        [Node("g", ["z", "x"], judgements={("z", "x"): 4}), "y"],
        judgements={("g", "y"): 3},
    )
    model = Model(["A", "B"], ["x", "y", "z"], [[9.0, 1.0, 1.0], [1.0, 1.0, 9.0]])
    assert tree.leaves != model.criterion_names
    w = ahp_judgement_weights(model, tree, spread=0, n_samples=1).values[0]
    assert w[2] > w[1] > w[0]  # z: 0.75 * 0.8, y: 0.25, x: 0.75 * 0.2
    np.testing.assert_allclose(w, [0.15, 0.25, 0.6], rtol=1e-12)
    result = smaa(model, OrdinalSampler(model, ["z", "y", "x"]), n_samples=2_000, rng=0)
    assert result.first_rank_acceptability["B"] > 0.9
