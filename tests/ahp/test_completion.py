"""Completion of incomplete pairwise matrices: published values, theorems, errors."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from pathchoice.ahp import COMPLETION_METHODS, PairwiseMatrix, ahp_weights, complete
from pathchoice.exceptions import ArgumentError, PairwiseMatrixError

from .reference import case, matrix_of


def lambda_max(values: np.ndarray) -> float:
    """Perron root by numpy's general eigenvalue routine (independent of pathchoice)."""
    return float(np.max(np.linalg.eigvals(values).real))


def completed_pairs(item: dict) -> dict[tuple[str, str], float]:
    return {tuple(k.split("|")): v for k, v in item["completed"].items()}


# ---------------------------------------------------------------- lambda_max completion


def test_lambda_max_completion_of_bozoki_example_3():
    # Bozóki, Fülöp & Rónyai (2010), Example 3: x = 0.7302965066047, stated to agree
    # with van Uden's sqrt(2/5 * 4/3) = 0.73029674334 "up to 6 digits"; rtol 1e-6.
    item = case("bozoki2010_example3_incomplete")
    filled = complete(matrix_of(item), "lambda_max").judgements()
    for pair, expected in completed_pairs(item).items():
        np.testing.assert_allclose(filled[pair], expected, rtol=item["completed_rtol"])


def test_lambda_max_completion_of_bozoki_house_matrix_matches_ahpy():
    # The 8x8 matrix M of Bozóki et al. (2010) with 12 missing judgements; reference
    # completion from AHPy's test suite (cyclic coordinates, tolerance 1e-4).
    item = case("bozoki2010_house_incomplete")
    m = matrix_of(item)
    assert len(m.missing_pairs()) == 12
    ours = complete(m, "lambda_max")
    filled = ours.judgements()
    reference = m
    for pair, expected in completed_pairs(item).items():
        np.testing.assert_allclose(filled[pair], expected, rtol=item["completed_rtol"])
        reference = reference.with_judgement(pair, expected)
    # ... and ours is at least as good in the objective the method minimises.
    assert lambda_max(ours.values) <= lambda_max(reference.values) + 1e-12


@pytest.mark.parametrize("name", ["bozoki2010_example3_incomplete", "bozoki2010_house_incomplete"])
def test_lambda_max_completion_is_a_minimum(name):
    # Central finite differences of numpy's eigenvalues (not our gradient): moving
    # any completed log-entry by +-h must not lower lambda_max.
    m = matrix_of(case(name))
    best = complete(m, "lambda_max")
    base = lambda_max(best.values)
    for pair in m.missing_pairs():
        x = best.judgements()[pair]
        for factor in (np.exp(1e-3), np.exp(-1e-3)):
            assert lambda_max(best.with_judgement(pair, x * factor).values) >= base - 1e-12


def test_lambda_max_completion_beats_the_llsm_completion_in_lambda_max():
    m = matrix_of(case("bozoki2010_house_incomplete"))
    assert lambda_max(complete(m, "lambda_max").values) < lambda_max(complete(m, "llsm").values)


# ---------------------------------------------------------------- LLSM completion


def spanning_tree_weights(m: PairwiseMatrix) -> np.ndarray:
    """Geometric mean of the weight vectors of all spanning trees of the comparison graph.

    Bozóki & Tsyganok (2019, Int. J. General Systems 48(4):362-381) prove that this is
    the incomplete LLSM solution; each tree's weights follow from products of the
    judgements along its paths. Brute force over all (n - 1)-subsets of judged pairs.
    """
    labels = m.labels
    n = m.n
    index = {x: i for i, x in enumerate(labels)}
    edges = [(index[a], index[b], v) for (a, b), v in m.judgements().items()]
    logs = []
    for subset in itertools.combinations(edges, n - 1):
        log_w = np.full(n, np.nan)
        log_w[0] = 0.0
        for _ in range(n):
            for i, j, v in subset:
                if np.isnan(log_w[j]) and not np.isnan(log_w[i]):
                    log_w[j] = log_w[i] - np.log(v)
                elif np.isnan(log_w[i]) and not np.isnan(log_w[j]):
                    log_w[i] = log_w[j] + np.log(v)
        if not np.isnan(log_w).any():  # the subset is a spanning tree
            logs.append(log_w)
    w = np.exp(np.mean(logs, axis=0))
    return w / w.sum()


@pytest.mark.parametrize(
    "judgements",
    [
        {("a", "b"): 1, ("a", "c"): 5, ("a", "d"): 2, ("b", "c"): 3, ("b", "d"): 4},
        {("a", "b"): 2, ("b", "c"): 5, ("c", "d"): 1 / 3, ("d", "e"): 4, ("e", "a"): 1 / 2,
         ("a", "c"): 7, ("b", "e"): 3},
        {("p", "q"): 9, ("q", "r"): 1 / 7, ("r", "s"): 2, ("p", "s"): 1 / 5, ("q", "s"): 6},
    ],
)  # fmt: skip
def test_llsm_weights_are_the_spanning_tree_geometric_mean(judgements):
    m = PairwiseMatrix.from_judgements(judgements)
    result = ahp_weights(m, method="geometric_mean", completion="llsm")
    np.testing.assert_allclose(result.weights.to_numpy(), spanning_tree_weights(m), rtol=1e-10)
    # The completed entries are w_i / w_j of those weights.
    w = result.weights
    for a, b in m.missing_pairs():
        assert result.matrix.judgements()[(a, b)] == pytest.approx(w[a] / w[b], rel=1e-10)


@pytest.mark.parametrize("name", ["wikipedia_leader_criteria", "ahpy_readme_complete_abcd"])
def test_geometric_mean_weights_of_a_complete_matrix_are_the_spanning_tree_mean(name):
    # With every pair judged, the geometric mean of all spanning-tree weight vectors is
    # the row geometric mean (Lundy, Siraj & Greco 2017, EJOR 257(1):197-208).
    m = matrix_of(case(name))
    result = ahp_weights(m, method="geometric_mean")
    np.testing.assert_allclose(result.weights.to_numpy(), spanning_tree_weights(m), rtol=1e-10)


# ---------------------------------------------------------------- both methods


@pytest.mark.parametrize("method", sorted(COMPLETION_METHODS))
def test_a_spanning_tree_has_a_unique_consistent_completion(method):
    # With n - 1 judgements forming a tree there is exactly one consistent completion,
    # a_ik = a_ij a_jk along the path, and both methods find it (Bozóki et al. 2010):
    # lambda_max = n, CR = 0.
    m = PairwiseMatrix.from_judgements(
        {("a", "b"): 3, ("b", "c"): 2, ("b", "d"): 1 / 4, ("d", "e"): 5}
    )
    full = complete(m, method)
    j = full.judgements()
    assert j[("a", "c")] == pytest.approx(6.0, rel=1e-9)
    assert j[("a", "d")] == pytest.approx(3 / 4, rel=1e-9)
    assert j[("a", "e")] == pytest.approx(15 / 4, rel=1e-9)
    assert j[("c", "e")] == pytest.approx(1 / 2 * 1 / 4 * 5, rel=1e-9)
    assert lambda_max(full.values) == pytest.approx(5.0, abs=1e-9)
    assert ahp_weights(m, completion=method).consistency_ratio == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("method", sorted(COMPLETION_METHODS))
def test_completion_keeps_the_judged_entries(method):
    m = matrix_of(case("bozoki2010_house_incomplete"))
    full = complete(m, method)
    assert full.is_complete and full.labels == m.labels
    for pair, value in m.judgements().items():
        assert full.judgements()[pair] == value


@pytest.mark.parametrize("method", sorted(COMPLETION_METHODS))
def test_complete_matrix_is_returned_as_is(method):
    m = matrix_of(case("saaty2008_drinks"))
    assert complete(m, method) is m


def test_completed_values_off_the_scale_are_a_finding():
    result = ahp_weights({("a", "b"): 9, ("b", "c"): 9}, completion="llsm")
    assert result.matrix.judgements()[("a", "c")] == pytest.approx(81.0)
    assert any(
        "completed values off Saaty's 1/9..9 scale: [('a', 'c')]" in f for f in result.findings
    )


def test_unknown_completion_method():
    m = matrix_of(case("bozoki2010_example3_incomplete"))
    with pytest.raises(
        ArgumentError,
        match=re.escape("completion must be one of 'lambda_max', 'llsm' (got 'van_uden')"),
    ):
        complete(m, "van_uden")


def test_complete_needs_a_pairwise_matrix():
    with pytest.raises(PairwiseMatrixError, match="expects a PairwiseMatrix \\(got dict\\)"):
        complete({("a", "b"): 2})


def test_scipy_optimize_is_imported_on_first_use_only():
    # Issue 10: scipy.optimize costs ~0.2 s to import; no AHP module imports it at load.
    import ast
    from pathlib import Path

    import pathchoice.ahp

    for path in Path(pathchoice.ahp.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.startswith("scipy.optimize") for n in names), path.name
