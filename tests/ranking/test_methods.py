"""The METHODS registry and the rank() dispatcher."""

import numpy as np
import pandas as pd
import pytest

from pathchoice import BatchRankingResult, MethodError, Model, RankingResult
from pathchoice.ranking import METHODS, methods_frame, rank, topsis


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


def test_batches_pass_through(model):
    assert isinstance(rank(model, [[0.5, 0.5], [0.2, 0.8]]), BatchRankingResult)
    assert isinstance(rank(model, [[0.5, 0.5]], "vikor"), BatchRankingResult)


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
    assert lower == {"vikor", "spotis", "mairca"}
    assert frame.loc["topsis", "source"] == "pathchoice"
    assert frame.loc["vikor", "source"] == "pymcdm.methods.VIKOR"
    assert frame.loc["topsis", "options"] == "normalization, zero_range, chunk_size"


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
