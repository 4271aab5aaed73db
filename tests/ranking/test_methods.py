"""The METHODS registry and the rank() dispatcher."""

import numpy as np
import pandas as pd
import pytest

from pathchoice import BatchRankingResult, MethodError, Model, RankingResult, WeightsError
from pathchoice.ranking import METHODS, methods_frame, rank, rank_batch, topsis


@pytest.fixture
def model():
    return Model(
        ["A1", "A2", "A3"],
        ["risk", "benefit"],
        [[1, 3000], [2, 3750], [5, 4500]],
        directions={"risk": "cost"},
    )


def test_topsis_is_registered_and_the_default(model):
    assert METHODS["topsis"] is topsis
    by_rank = rank(model, [0.5, 0.5])
    np.testing.assert_array_equal(by_rank.scores, topsis(model, [0.5, 0.5]).scores)
    assert by_rank.method == "topsis"


def test_options_reach_the_method(model):
    result = rank(model, [0.5, 0.5], "topsis", normalization="minmax")
    assert result.options["normalization"] == "minmax"
    vikor = rank(model, [0.5, 0.5], "vikor", v=0.25)
    assert vikor.options["v"] == 0.25 and vikor.higher_is_better is False


def test_one_result_type_per_function(model):
    """rank() takes one vector and refuses a batch, pointing to rank_batch; rank_batch
    always returns a BatchRankingResult, even for one row."""
    for method in ("topsis", "vikor"):
        with pytest.raises(WeightsError, match=r"rank: weights must be one vector.*rank_batch"):
            rank(model, [[0.5, 0.5], [0.2, 0.8]], method)
        assert isinstance(rank_batch(model, [[0.5, 0.5]], method), BatchRankingResult)
    with pytest.raises(WeightsError, match=r"topsis: weights must be one vector.*rank_batch"):
        topsis(model, [[0.5, 0.5]])
    with pytest.raises(WeightsError, match="rank_batch: weights must be 2-D"):
        rank_batch(model, [0.5, 0.5], "vikor")


def test_rank_batch_rows_equal_single_calls_for_every_path(model):
    """TOPSIS (vectorised), a pymcdm method (adapter loop) and a user callable without a
    batch form (generic loop): row k of rank_batch equals rank() with row k."""

    def weighted_sum(model, weights):
        w = pd.Series(weights, index=model.criterion_names)
        scores = pd.Series((model.matrix * model.types) @ w.to_numpy(), index=model.alternatives)
        ranks = scores.rank(ascending=False, method="min").astype(int)
        return RankingResult("weighted_sum", scores, ranks, w)

    weights = np.random.default_rng(3).dirichlet(np.ones(2), size=5)
    for method in ("topsis", "vikor", weighted_sum):
        batch = rank_batch(model, weights, method)
        for k, w in enumerate(weights):
            single = rank(model, w, method)
            np.testing.assert_allclose(batch.scores[k], single.scores, rtol=0, atol=1e-15)
            np.testing.assert_array_equal(batch.ranks[k], single.ranks)
        assert batch.method == single.method


def test_rank_batch_checks_batch_options(model):
    assert rank_batch(model, [[0.5, 0.5]], "topsis", chunk_size=1).ranks.shape == (1, 3)
    with pytest.raises(MethodError, match=r"'topsis' does not take option\(s\) \['v'\]"):
        rank_batch(model, [[0.5, 0.5]], "topsis", v=1)


def test_every_registered_method_returns_a_result(model):
    """Smoke test over the whole registry on a problem every method accepts (positive
    values, one cost criterion)."""
    for name in METHODS:
        result = rank(model, [0.5, 0.5], name)
        assert isinstance(result, RankingResult), name
        assert result.method == name
        assert np.all(np.isfinite(result.scores)), name


def test_user_method_registered_by_assignment(model, monkeypatch):
    def weighted_sum(model, weights, *, scale=1.0):
        w = pd.Series(weights, index=model.criterion_names)
        signed = model.matrix * model.types
        scores = pd.Series(scale * signed @ w.to_numpy(), index=list(model.alternatives))
        ranks = scores.rank(ascending=False, method="min").astype(int)
        return RankingResult("weighted_sum", scores, ranks, w)

    monkeypatch.setitem(METHODS, "weighted_sum", weighted_sum)
    result = rank(model, [0.5, 0.5], "weighted_sum", scale=2.0)
    assert result.method == "weighted_sum"
    with pytest.raises(MethodError, match=r"'weighted_sum' does not take option\(s\) \['v'\]"):
        rank(model, [0.5, 0.5], "weighted_sum", v=1)
    frame = methods_frame()
    assert frame.loc["weighted_sum", "options"] == "scale"
    assert frame.loc["weighted_sum", "higher_is_better"] is None


def test_callable_method_directly(model):
    result = rank(model, [0.5, 0.5], topsis, normalization="minmax")
    assert result.options["normalization"] == "minmax"


def test_methods_frame_records_direction():
    frame = methods_frame()
    assert list(frame.index) == list(METHODS)
    lower = set(frame.index[frame["higher_is_better"] == False])  # noqa: E712
    assert lower == {"vikor", "spotis", "mairca", "balanced_spotis"}
    assert frame.loc["topsis", "source"] == "pathchoice"
    assert frame.loc["vikor", "source"] == "pymcdm.methods.VIKOR"
    assert frame.loc["topsis", "options"] == "normalization, zero_range"
    assert len(frame) == 29  # TOPSIS and all 28 of pymcdm's ranking methods


# -- errors: type, and a message naming the culprit ----------------------------------------


def test_unknown_method_lists_known_names(model):
    with pytest.raises(MethodError, match=r"unknown ranking method 'electre'; known: \[.*'topsis'"):
        rank(model, [0.5, 0.5], "electre")


def test_option_the_method_does_not_take(model):
    with pytest.raises(
        MethodError, match=r"method 'topsis' does not take option\(s\) \['v'\]; its options are"
    ):
        rank(model, [0.5, 0.5], "topsis", v=0.5)
    with pytest.raises(
        MethodError, match=r"method 'vikor' does not take option\(s\) \['normalization'\]"
    ):
        rank(model, [0.5, 0.5], "vikor", normalization="vector")


def test_method_that_is_neither_name_nor_callable(model):
    with pytest.raises(MethodError, match="got int"):
        rank(model, [0.5, 0.5], 3)


def test_method_returning_something_else(model, monkeypatch):
    monkeypatch.setitem(METHODS, "broken", lambda model, weights: [1, 2, 3])
    with pytest.raises(MethodError, match="method 'broken' returned list"):
        rank(model, [0.5, 0.5], "broken")


def test_import_does_not_import_pymcdm():
    """Issue 10, goal 4: pymcdm (which imports matplotlib.pyplot) is imported on the first
    use of a pymcdm method, not by ``import pathchoice``."""
    import subprocess
    import sys

    code = (
        "import sys, pathchoice\n"
        "from pathchoice.ranking import METHODS, methods_frame\n"
        "assert 'pymcdm' not in sys.modules and 'matplotlib' not in sys.modules\n"
        "m = pathchoice.Model(['A', 'B'], ['x'], [[1], [2]])\n"
        "METHODS['vikor'](m, [1.0])\n"
        "assert 'pymcdm' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
