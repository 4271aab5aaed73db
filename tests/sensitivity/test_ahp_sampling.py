"""The AHP judgement-uncertainty sampler's two paths (numba kernel, numpy) and its laws.

The reference values are not ours: with no spread the sampler must give the weights of
a consistent hierarchy exactly (every priority method returns ``v / sum(v)`` for a
consistent matrix ``a_ij = v_i / v_j``; Saaty 1980, §1.4) and, for published judgements,
what ``ahp_weights`` / ``hierarchy_weights`` give (their own reference tests, e.g. Saaty
1980 and the China–Japan tables, are in tests/ahp), and for any judgements the Perron
vector of numpy's full eigen-solver. The kernel and the numpy path draw the same random
words; their samples agree to 1e-12 (the kernel's shifted inverse iteration and numpy's
power iteration both stop on a power step within ``PERRON_TOL`` = 1e-13).
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathchoice import PairwiseMatrix, hierarchy_weights
from pathchoice._core.ahp import perron_eig
from pathchoice.ahp import Node
from pathchoice.sensitivity.sampling import AHPJudgementSampler, ahp_judgements
from pathchoice.study.datasets import china_japan

pytest.importorskip("numba")

METHODS = ["eigenvector", "geometric_mean", "column_average", "row_sum"]
SIZE = ahp_judgements.NUMBA_MIN_SIZE  # draws this large use the kernel


def numpy_draw(sampler, size, seed, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(ahp_judgements, "numba_available", lambda: False)
        return sampler.draw(size, np.random.default_rng(seed))


def two_level_tree(values, labels):
    """Root over groups of three and two criteria, consistent judgements ``v_i / v_j``."""

    def judgements(names):
        return {
            (a, b): values[labels.index(a)] / values[labels.index(b)]
            for i, a in enumerate(names)
            for b in names[i + 1 :]
        }

    g1, g2 = labels[:3], labels[3:]
    return Node("goal", [Node("g1", g1, judgements=judgements(g1)),
                         Node("g2", g2, judgements=judgements(g2))],
                judgements={("g1", "g2"): 1.5})  # fmt: skip


@pytest.mark.parametrize("method", METHODS)
def test_kernel_and_numpy_path_give_the_same_samples(method, monkeypatch):
    analysis = china_japan()
    model = analysis.decision_model()
    sampler = AHPJudgementSampler(model, analysis.hierarchy(), spread=2, method=method)
    fast = sampler.draw(SIZE, np.random.default_rng(4))
    slow = numpy_draw(sampler, SIZE, 4, monkeypatch)
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-12)
    assert np.unique(fast.round(10), axis=0).shape[0] > 100


def test_incomplete_matrices_agree_and_stay_on_the_simplex(monkeypatch):
    values = [[1, 2, np.nan, 3], [1 / 2, 1, 3, np.nan], [np.nan, 1 / 3, 1, 2],
              [1 / 3, np.nan, 1 / 2, 1]]  # fmt: skip
    matrix = PairwiseMatrix(values, list("abcd"), allow_missing=True)
    sampler = AHPJudgementSampler(list("dcba"), matrix, spread=3)
    fast = sampler.draw(SIZE, np.random.default_rng(1))
    np.testing.assert_allclose(fast, numpy_draw(sampler, SIZE, 1, monkeypatch), atol=1e-12)
    np.testing.assert_allclose(fast.sum(axis=1), 1.0, atol=1e-14)
    assert np.all(fast > 0)


@settings(max_examples=20)
@given(
    st.lists(st.floats(0.05, 20.0), min_size=5, max_size=5),
    st.sampled_from(METHODS),
    st.permutations([f"c{j}" for j in range(5)]),
)
def test_consistent_judgements_without_spread_give_the_exact_weights(values, method, order):
    """Consistent local matrices: local weights v / sum(v), global = product down the tree;
    the columns follow the criterion order asked for, not the tree's."""
    labels = [f"c{j}" for j in range(5)]
    tree = two_level_tree(values, labels)
    v = np.asarray(values)
    group = np.array([1.5, 1.0]) / 2.5
    exact = np.concatenate([group[0] * v[:3] / v[:3].sum(), group[1] * v[3:] / v[3:].sum()])
    expected = exact[[labels.index(c) for c in order]]
    sampler = AHPJudgementSampler(list(order), tree, spread=0, method=method)
    for size in (3, SIZE):
        w = sampler.draw(size, np.random.default_rng(0))
        np.testing.assert_allclose(w, np.tile(expected, (size, 1)), rtol=1e-12)


@settings(max_examples=15)
@given(
    st.lists(
        st.sampled_from([1 / 9, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 4, 7, 9]), min_size=6, max_size=6
    ),
    st.integers(1, 4),
    st.permutations(list("abcd")),
    st.integers(0, 2**32 - 1),
)
def test_rows_sum_to_one_and_columns_are_labelled(values, spread, order, seed):
    """Any judgements, any spread: every row on the simplex; asking for the criteria in
    another order permutes the columns of the same samples."""
    labels = list("abcd")
    pairs = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :]]
    judgements = dict(zip(pairs, values, strict=True))
    base = AHPJudgementSampler(labels, judgements, spread=spread).draw(
        SIZE, np.random.default_rng(seed)
    )
    np.testing.assert_allclose(base.sum(axis=1), 1.0, atol=1e-13)
    assert np.all(base > 0)
    moved = AHPJudgementSampler(list(order), judgements, spread=spread).draw(
        SIZE, np.random.default_rng(seed)
    )
    np.testing.assert_allclose(moved, base[:, [labels.index(c) for c in order]], atol=1e-15)


def test_the_kernel_without_spread_reproduces_the_china_japan_global_weights():
    analysis = china_japan()
    model = analysis.decision_model()
    criteria = list(model.criterion_names)
    w = AHPJudgementSampler(model, analysis.hierarchy(), spread=0).draw(
        SIZE, np.random.default_rng(0)
    )
    expected = hierarchy_weights(analysis.hierarchy()).global_weights[criteria].to_numpy()
    np.testing.assert_allclose(w, np.tile(expected, (SIZE, 1)), rtol=0, atol=1e-13)


def test_samples_whose_iteration_does_not_converge_are_recomputed(monkeypatch):
    """With a cap of 1 power-iteration step every inconsistent 4 x 4 matrix fails in the
    kernel (the inverse iteration only moves the start; a step of A must pass the test);
    those samples, and only those, are redone by the numpy path (full iteration,
    eigen-solver fallback)."""
    judgements = {("a", "b"): 3, ("a", "c"): 5, ("a", "d"): 1 / 2, ("b", "c"): 7,
                  ("b", "d"): 1 / 4, ("c", "d"): 1 / 9}  # fmt: skip
    sampler = AHPJudgementSampler(list("abcd"), judgements, spread=2)
    slow = numpy_draw(sampler, SIZE, 3, monkeypatch)
    redone = []
    numpy_weights = ahp_judgements._numpy_weights

    def spy(plan, bits, method):
        redone.append(bits.shape[0])
        return numpy_weights(plan, bits, method)

    monkeypatch.setattr(ahp_judgements, "_numpy_weights", spy)
    fast = sampler.draw(SIZE, np.random.default_rng(3))
    assert redone == []  # the full cap: every sample converges in the kernel
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-12)
    monkeypatch.setattr(ahp_judgements, "PERRON_MAX_ITER", 1)
    fast = sampler.draw(SIZE, np.random.default_rng(3))
    assert len(redone) == 1 and redone[0] > 0.99 * SIZE  # all but the consistent moves
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-12)


@settings(max_examples=20)
@given(
    st.lists(st.floats(0.05, 20.0), min_size=2, max_size=12),
    st.sampled_from(METHODS),
    st.sampled_from([5, SIZE + 37]),
)
def test_one_consistent_matrix_without_spread_gives_the_weights_that_built_it(values, method, size):
    """a_ij = v_i / v_j: every priority method returns v / sum(v) (Saaty 1980, §1.4), for
    every size of matrix (the kernel steps on A^4 up to 6 x 6 and on A above) and every
    sample, a draw not a multiple of the kernel's lanes included."""
    v = np.asarray(values)
    labels = [f"c{j}" for j in range(len(v))]
    judgements = {(a, b): v[i] / v[j] for i, a in enumerate(labels) for j, b in enumerate(labels)
                  if i < j}  # fmt: skip
    sampler = AHPJudgementSampler(labels, judgements, spread=0, method=method)
    w = sampler.draw(size, np.random.default_rng(0))
    np.testing.assert_allclose(w, np.tile(v / v.sum(), (size, 1)), rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_a_large_inconsistent_matrix_agrees_in_both_paths_to_the_last_lane(method, monkeypatch):
    """12 x 12 judgements min(9, j - i + 1) (far from consistent: power iteration needs
    about 25 steps), a draw of SIZE + 37 samples: the kernel's last, partly filled block of
    lanes agrees with the numpy path too."""
    labels = [f"c{j}" for j in range(12)]
    judgements = {(a, labels[j]): float(min(9, j - i + 1)) for i, a in enumerate(labels)
                  for j in range(i + 1, 12)}  # fmt: skip
    sampler = AHPJudgementSampler(labels, judgements, spread=1, method=method)
    fast = sampler.draw(SIZE + 37, np.random.default_rng(7))
    slow = numpy_draw(sampler, SIZE + 37, 7, monkeypatch)
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.sum(axis=1), 1.0, atol=1e-13)


SCALE = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 7, 9]


@settings(max_examples=25)
@given(st.integers(1, 12), st.data())
def test_any_judgements_without_spread_give_the_perron_vector_of_a_full_eigen_solver(n, data):
    """Judgements drawn at random from the scale (as inconsistent as they come, where the
    inverse iteration's shift is furthest from lambda_max): every lane of the kernel returns
    the Perron vector of numpy's full eigen-decomposition (the oracle), n = 1..12; n <= 3
    takes the row geometric means, equal to it there (Crawford & Williams 1985)."""
    labels = [f"c{j}" for j in range(n)]
    values = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            values[i, j] = data.draw(st.sampled_from(SCALE))
            values[j, i] = 1.0 / values[i, j]
    sampler = AHPJudgementSampler(labels, PairwiseMatrix(values, labels), spread=0)
    w = sampler.draw(SIZE, np.random.default_rng(0))
    expected = perron_eig(values)[1]
    np.testing.assert_allclose(w, np.tile(expected, (SIZE, 1)), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("n", [5, 8, 12])
@pytest.mark.parametrize("missing", [False, True])
def test_random_judgements_agree_in_both_paths(n, missing, monkeypatch):
    """Random judgements moved by up to three steps, complete or with the pairs (i, i + 2)
    missing (LLSM completion first): the kernel's eigenvectors (shifted inverse iteration,
    then power steps) equal the numpy path's power iteration to 1e-12."""
    rng = np.random.default_rng(n)
    labels = [f"c{j}" for j in range(n)]
    values = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            values[i, j] = np.nan if missing and j == i + 2 else rng.choice(SCALE)
            values[j, i] = 1.0 / values[i, j]
    matrix = PairwiseMatrix(values, labels, allow_missing=missing)
    sampler = AHPJudgementSampler(labels, matrix, spread=3)
    fast = sampler.draw(SIZE, np.random.default_rng(5))
    np.testing.assert_allclose(fast, numpy_draw(sampler, SIZE, 5, monkeypatch), atol=1e-12)


def test_a_shift_nearer_the_second_eigenvalue_sends_the_lanes_back_to_their_start():
    """A positive matrix of two loosely coupled blocks (Perron root about 8, second
    eigenvalue about 6) and a start on the second block: the shift, the mean of the first
    step's Collatz–Wielandt ratios (about 6.5), is nearer the second eigenvalue, so the
    inverse iteration heads for its eigenvector, which has negative entries; every lane
    goes back to where the inverse iteration began, and the power steps still end at the
    Perron vector of the full eigen-solver."""
    from pathchoice._core.kernels import ahp_sampling as kernel

    lanes, n = kernel.LANES, 8
    a = np.full((n, n), 1e-4)
    a[:2, :2], a[2:, 2:] = 4.0, 1.0
    block = np.repeat(a.reshape(-1, 1), lanes, axis=1)
    start = np.array([1e-3, 1e-3] + [0.998 / 6] * 6)
    scratch = {name: np.empty((n, lanes)) for name in ("start", "old", "aw", "pivot")}
    lu, gap, total, sigma = np.empty((n * n, lanes)), *np.empty((3, lanes))
    w = np.repeat(start[:, None], lanes, axis=1)
    kernel._step(n, 0, block, w, scratch["aw"], 1e-13, gap, total, sigma, True)
    assert np.all(np.abs(sigma / n - 6.5) < 0.05)
    began = w.copy()
    kernel._inverse(n, 0, block, sigma, lu, scratch["pivot"], w, scratch["start"],
                    scratch["old"], gap, total)  # fmt: skip
    np.testing.assert_array_equal(w, began)
    w = np.repeat(start[:, None], lanes, axis=1)
    bad = np.zeros(lanes, dtype=bool)
    kernel._perron(n, 0, block, 1e-13, 500, w, scratch["start"], scratch["aw"], lu,
                   scratch["pivot"], gap, total, sigma, bad)  # fmt: skip
    assert not bad.any()
    np.testing.assert_allclose(w.T, np.tile(perron_eig(a)[1], (lanes, 1)), rtol=1e-12)


def test_a_lane_whose_solves_give_nan_goes_back_to_its_start_and_the_others_do_not():
    """One lane's matrix holds a NaN (the solves give NaN there, which a minimum would let
    through): only that lane is sent back to where the inverse iteration began."""
    from pathchoice._core.kernels import ahp_sampling as kernel

    lanes, n = kernel.LANES, 5
    a = np.array([[min(9.0, j - i + 1.0) if j >= i else 1.0 / min(9.0, i - j + 1.0)
                   for j in range(n)] for i in range(n)])  # fmt: skip
    block = np.repeat(a.reshape(-1, 1), lanes, axis=1)
    block[1, 0] = np.nan
    w = np.full((n, lanes), 1.0 / n)
    sigma = np.full(lanes, 5.3 * n)
    began = w.copy()
    work = [np.empty((n, lanes)) for _ in range(3)]
    kernel._inverse(n, 0, block, sigma, np.empty((n * n, lanes)), work[0], w, work[1],
                    work[2], np.empty(lanes), np.empty(lanes))  # fmt: skip
    np.testing.assert_array_equal(w[:, 0], began[:, 0])
    np.testing.assert_allclose(w[:, 1:].T, np.tile(perron_eig(a)[1], (lanes - 1, 1)), rtol=1e-9)
