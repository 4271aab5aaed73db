"""TOPSIS's labelled shell: result shape, step tables, weights by name, options, errors."""

import importlib.util
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathchoice import (
    BatchRankingResult,
    Model,
    RankingResult,
    UnknownNameError,
    WeightsError,
)
from pathchoice._core import topsis as core_topsis
from pathchoice.exceptions import ArgumentError, ZeroRangeError
from pathchoice.ranking import rank_batch, topsis, topsis_batch
from pathchoice.results import rank_scores

from .strategies import random_model


@pytest.fixture
def model():
    return Model(
        ["A1", "A2", "A3"],
        ["risk", "benefit", "reach"],
        [[1, 3000, 4], [2, 3750, 9], [5, 4500, 6]],
        directions={"risk": "cost"},
    )


def test_single_result_shape_and_labels(model):
    result = topsis(model, [0.2, 0.5, 0.3])
    assert isinstance(result, RankingResult)
    assert result.method == "topsis"
    assert result.higher_is_better is True
    assert result.options == {"normalization": "vector", "zero_range": "ignore"}
    assert result.findings == ()
    assert result.scores.index.tolist() == ["A1", "A2", "A3"]
    assert result.ranks.dtype == np.int64
    assert result.weights.to_dict() == {"risk": 0.2, "benefit": 0.5, "reach": 0.3}
    assert sorted(result.tables) == [
        "anti_ideal",
        "distance_to_anti_ideal",
        "distance_to_ideal",
        "ideal",
        "normalized",
        "weighted",
    ]
    for name in ("normalized", "weighted"):
        table = result.tables[name]
        assert table.index.tolist() == ["A1", "A2", "A3"]
        assert table.columns.tolist() == ["risk", "benefit", "reach"]
    for name in ("ideal", "anti_ideal"):
        assert result.tables[name].index.tolist() == ["risk", "benefit", "reach"]
    for name in ("distance_to_ideal", "distance_to_anti_ideal"):
        assert result.tables[name].index.tolist() == ["A1", "A2", "A3"]


def test_step_tables_follow_the_definitions(model):
    """Vector normalisation by hand: r = x/||x||, v = w*r, ideal = max (benefit) /
    min (cost) of v, distances Euclidean, score D-/(D+ + D-)."""
    w = np.array([0.2, 0.5, 0.3])
    x = model.matrix
    r = x / np.sqrt((x**2).sum(axis=0))
    v = r * w
    ideal = np.array([v[:, 0].min(), v[:, 1].max(), v[:, 2].max()])
    anti = np.array([v[:, 0].max(), v[:, 1].min(), v[:, 2].min()])
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    result = topsis(model, w)
    np.testing.assert_allclose(result.tables["normalized"], r, rtol=1e-14)
    np.testing.assert_allclose(result.tables["weighted"], v, rtol=1e-14)
    np.testing.assert_allclose(result.tables["ideal"], ideal, rtol=1e-14)
    np.testing.assert_allclose(result.tables["anti_ideal"], anti, rtol=1e-14)
    np.testing.assert_allclose(result.tables["distance_to_ideal"], d_plus, rtol=1e-13)
    np.testing.assert_allclose(result.tables["distance_to_anti_ideal"], d_minus, rtol=1e-13)
    np.testing.assert_allclose(result.scores, d_minus / (d_plus + d_minus), rtol=1e-13)


def test_minmax_tables(model):
    """Min-max: benefit (x-min)/(max-min), cost (max-x)/(max-min); ideal = weight, anti = 0."""
    w = np.array([0.2, 0.5, 0.3])
    result = topsis(model, w, normalization="minmax")
    expected = np.array([[1.0, 0.0, 0.0], [0.75, 0.5, 1.0], [0.0, 1.0, 0.4]])
    np.testing.assert_allclose(result.tables["normalized"], expected, rtol=1e-15)
    np.testing.assert_allclose(result.tables["ideal"], w, rtol=1e-15)
    np.testing.assert_allclose(result.tables["anti_ideal"], 0.0, atol=0)
    assert result.options["normalization"] == "minmax"


def test_weights_by_name_in_any_order(model):
    by_name = pd.Series({"reach": 0.3, "risk": 0.2, "benefit": 0.5})
    by_position = topsis(model, [0.2, 0.5, 0.3])
    np.testing.assert_array_equal(topsis(model, by_name).scores, by_position.scores)
    np.testing.assert_array_equal(topsis(model, dict(by_name)).scores, by_position.scores)


def test_batch_from_dataframe_by_name(model):
    frame = pd.DataFrame(
        {"reach": [0.3, 0.1], "benefit": [0.5, 0.1], "risk": [0.2, 0.8]}, index=["s1", "s2"]
    )
    batch = topsis_batch(model, frame)
    assert isinstance(batch, BatchRankingResult)
    assert batch.alternatives == ("A1", "A2", "A3")
    assert batch.criteria == ("risk", "benefit", "reach")
    np.testing.assert_array_equal(batch.weights, [[0.2, 0.5, 0.3], [0.8, 0.1, 0.1]])
    np.testing.assert_allclose(batch.scores[0], topsis(model, [0.2, 0.5, 0.3]).scores, atol=1e-15)
    assert batch.options == {"normalization": "vector", "zero_range": "ignore", "engine": "numpy"}
    assert batch.method == "topsis" and batch.higher_is_better


def test_one_row_batch_is_still_a_batch(model):
    assert isinstance(topsis_batch(model, [[0.2, 0.5, 0.3]]), BatchRankingResult)
    assert isinstance(rank_batch(model, [[0.2, 0.5, 0.3]]), BatchRankingResult)
    with pytest.raises(WeightsError, match=r"topsis_batch: weights must be 2-D"):
        topsis_batch(model, [0.2, 0.5, 0.3])


@pytest.mark.parametrize("m", [2, 12, 70])
def test_chunk_size_changes_nothing_but_rounding(m):
    rng = np.random.default_rng(7)
    model = random_model(rng, m, 5)
    weights = rng.dirichlet(np.ones(5), size=257)
    reference = topsis_batch(model, weights, chunk_size=257)
    for chunk in (1, 10, 256, 10_000):
        other = topsis_batch(model, weights, chunk_size=chunk)
        np.testing.assert_allclose(other.scores, reference.scores, rtol=0, atol=1e-15)


def test_no_runtime_warning_anywhere():
    """All-zero and constant columns, all weight on them: no warning of any kind."""
    model = Model(["A", "B", "C"], ["zero", "const", "x"], [[0, 2, 1], [0, 2, 2], [0, 2, 3]])
    results = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for normalization in ("vector", "minmax"):
            results.append(topsis(model, [0.5, 0.5, 0.0], normalization=normalization))
            batch = [[0.5, 0.5, 0.0], [0.2, 0.2, 0.6]]
            results.append(topsis_batch(model, batch, normalization=normalization))
    assert [f"{w.category.__name__}: {w.message}" for w in caught] == []
    for result in results:
        assert np.isfinite(np.asarray(result.scores, dtype=np.float64)).all()


def test_zero_range_findings_name_each_criterion():
    model = Model(["A", "B"], ["x", "flat", "also flat"], [[1, 5, 0], [2, 5, 0]])
    result = topsis(model, [0.5, 0.25, 0.25])
    assert result.findings == (
        "criterion 'flat' has the same value for every alternative and cannot discriminate; "
        "it contributes nothing",
        "criterion 'also flat' has the same value for every alternative and cannot "
        "discriminate; it contributes nothing",
    )
    np.testing.assert_array_equal(result.scores, [0.0, 1.0])


# -- errors: type, and a message naming the culprit ----------------------------------------


def test_zero_range_raise_names_the_criterion():
    model = Model(["A", "B"], ["x", "flat"], [[1, 5], [2, 5]])
    with pytest.raises(ZeroRangeError, match=r"\['flat'\].*'flat' \(= 5\)"):
        topsis(model, [0.5, 0.5], zero_range="raise")
    with pytest.raises(ZeroRangeError, match="'flat'"):
        topsis_batch(model, [[0.5, 0.5]], zero_range="raise")


def test_unknown_normalization(model):
    with pytest.raises(ArgumentError, match=r"topsis: normalization must be one of .*got 'l1'"):
        topsis(model, [0.2, 0.5, 0.3], normalization="l1")


def test_unknown_zero_range_rule(model):
    with pytest.raises(ArgumentError, match=r"zero_range must be one of .*got 'drop'"):
        topsis(model, [0.2, 0.5, 0.3], zero_range="drop")


@pytest.mark.parametrize("chunk", [0, -3, 2.5, True, "100"])
def test_bad_chunk_size(model, chunk):
    with pytest.raises(ArgumentError, match=r"topsis_batch: chunk_size must be a whole number"):
        topsis_batch(model, [[0.2, 0.5, 0.3]], chunk_size=chunk)


def test_unknown_weight_name(model):
    with pytest.raises(UnknownNameError, match="'price'"):
        topsis(model, {"risk": 0.2, "benefit": 0.5, "price": 0.3})


def test_missing_weight_name(model):
    with pytest.raises(WeightsError, match="missing criteria \\['reach'\\]"):
        topsis(model, {"risk": 0.5, "benefit": 0.5})


def test_weights_not_summing_to_one(model):
    with pytest.raises(WeightsError, match="sum to 1"):
        topsis(model, [0.2, 0.5, 0.5])


def test_bad_row_in_a_batch_is_named(model):
    with pytest.raises(WeightsError, match=r"'benefit' = -0\.5 in weight vector 1"):
        topsis_batch(model, [[0.2, 0.5, 0.3], [1.0, -0.5, 0.5]])


needs_numba = pytest.mark.skipif(
    importlib.util.find_spec("numba") is None, reason="numba (pathchoice[fast]) not installed"
)


@needs_numba
@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_numba_engine_equals_the_numpy_engine(normalization):
    """The two engines agree to rounding (1e-15) and rank their own scores; identical
    alternatives tie in both; auto picks numba from NUMBA_MIN vectors."""
    rng = np.random.default_rng(11)
    model = random_model(rng, 9, 6)
    matrix = model.matrix
    matrix[4] = matrix[1]  # two identical alternatives
    model = model.with_performance(matrix)
    weights = rng.dirichlet(np.ones(6), size=1000)
    weights[0] = [1, 0, 0, 0, 0, 0]
    fast = topsis_batch(model, weights, normalization=normalization, engine="numba")
    slow = topsis_batch(model, weights, normalization=normalization, engine="numpy")
    np.testing.assert_allclose(fast.scores, slow.scores, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(fast.ranks, rank_scores(fast.scores))
    np.testing.assert_array_equal(fast.scores[:, 1], fast.scores[:, 4])
    assert fast.options["engine"] == "numba"
    assert topsis_batch(model, weights[:10]).options["engine"] == "numpy"


@needs_numba
def test_numba_engine_reports_a_bad_weight_row_by_name(model):
    weights = np.full((300, 3), 1 / 3)
    weights[217] = [0.5, 0.6, -0.1]
    with pytest.raises(WeightsError, match=r"'reach' = -0\.1 in weight vector 217"):
        topsis_batch(model, weights, engine="numba")
    weights[217] = [0.5, 0.5, 0.5]
    with pytest.raises(WeightsError, match=r"sum to 1 .* in weight vector 217"):
        topsis_batch(model, weights, engine="numba")


def test_batch_result_arrays_are_read_only_and_not_shared(model):
    weights = np.array([[0.2, 0.5, 0.3], [0.3, 0.3, 0.4]])
    result = topsis_batch(model, weights)
    with pytest.raises(ValueError):
        result.scores[0, 0] = 2.0
    weights[0, 0] = 0.9  # the caller's array: the result kept its own copy
    assert result.weights[0, 0] == 0.2


@needs_numba
@pytest.mark.parametrize("stream", [True, False])
@pytest.mark.parametrize("k", [64, 1000, 1003, 2053])
def test_numba_engine_at_any_batch_length(k, stream, monkeypatch):
    """Whole blocks of 64 vectors, a ragged last block, lengths that are and are not a
    multiple of 8 (the scores and ranks are streamed to memory only then), more than
    one task of 1,024 vectors, outputs streamed past the cache or not (from
    STREAM_MIN_BYTES; here forced): the numba engine equals the numpy engine, and the
    result's weights are a copy of the caller's."""
    monkeypatch.setattr(core_topsis, "STREAM_MIN_BYTES", 0 if stream else 1 << 62)
    rng = np.random.default_rng(k)
    model = random_model(rng, 12, 12)
    weights = rng.dirichlet(np.ones(12), size=k)
    fast = topsis_batch(model, weights, engine="numba")
    slow = topsis_batch(model, weights, engine="numpy")
    np.testing.assert_allclose(fast.scores, slow.scores, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(fast.ranks, rank_scores(fast.scores))
    assert fast.scores.flags.f_contiguous and fast.ranks.flags.f_contiguous
    assert fast.ranks.dtype == np.int64
    np.testing.assert_array_equal(fast.weights, weights)
    assert not np.shares_memory(fast.weights, weights)


@pytest.mark.parametrize("engine", ["numba", "numpy"])
@pytest.mark.parametrize("tiny", [1e-75, 1e-80, 1e-90, 1e-120])
def test_tiny_weights_beside_a_constant_criterion(engine, tiny):
    """Scale invariance: with almost all the weight on a criterion that cannot
    discriminate, the scores are those of the remaining weights rescaled, however
    small they are (the squared distances, near tiny**2, multiply to below float64's
    normal range, where the kernel's one-square-root closeness would lose digits)."""
    if engine == "numba" and importlib.util.find_spec("numba") is None:
        pytest.skip("numba (pathchoice[fast]) not installed")
    model = Model(
        ["A", "B", "C", "D"],
        ["flat", "x", "y"],
        [[5, 1, 9], [5, 6, 6], [5, 9, 1], [5, 4, 7]],
        directions={"y": "cost"},
    )
    weights = np.array([[1 - 3 * tiny, tiny, 2 * tiny]] * 70)
    batch = topsis_batch(model, weights, engine=engine)
    expected = topsis(model, [0.0, 1 / 3, 2 / 3]).scores.to_numpy()
    np.testing.assert_allclose(batch.scores, np.tile(expected, (70, 1)), rtol=1e-14)
    np.testing.assert_array_equal(batch.ranks[0], rank_scores(expected))


@given(
    st.integers(1, 30),
    st.integers(1, 5),
    st.integers(1, 4),
    st.randoms(use_true_random=False),
)
def test_row_groups_match_numpys_unique_rows(m, n, levels, random):
    # Oracle: numpy's np.unique(axis=0) (an independent implementation): the same
    # partition of the rows, groups numbered in order of first appearance.
    values = np.array([[random.randrange(levels) for _ in range(2 * n)] for _ in range(m)])
    values = values.astype(float)
    evens = values[::2]
    evens[evens == 0] = -0.0  # -0.0 and 0.0 are one value
    a_plus, a_minus = values[:, :n], values[:, n:]
    first, group = core_topsis.row_groups(a_plus, a_minus)
    _, where, inverse = np.unique(values, axis=0, return_index=True, return_inverse=True)
    assert np.array_equal(first, np.sort(where))
    same = group[:, None] == group[None, :]
    assert np.array_equal(same, inverse.reshape(-1)[:, None] == inverse.reshape(-1)[None, :])
    assert np.array_equal(group[first], np.arange(first.size))  # first appearance order
    assert (first[group] <= np.arange(m)).all()
