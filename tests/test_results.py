"""Tests of pathchoice.results: ranks and result tables."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.stats import rankdata

from pathchoice import RankingResult
from pathchoice.results import rank_columns_into, rank_scores

# Small integers make ties frequent, which is what the tie rule is about.
score_rows = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, max_side=9),
    elements=st.integers(-3, 3).map(float),
)


@given(score_rows)
def test_rank_scores_matches_scipy_min_rule(scores):
    """Oracle: scipy.stats.rankdata(method="min") on the negated scores, row by row."""
    expected = rankdata(-scores, method="min", axis=1)
    np.testing.assert_array_equal(rank_scores(scores), expected)
    np.testing.assert_array_equal(
        rank_scores(scores, higher_is_better=False), rankdata(scores, method="min", axis=1)
    )


def test_rank_scores_documented_tie_example():
    np.testing.assert_array_equal(rank_scores(np.array([0.7, 0.9, 0.7])), [2, 1, 2])


def test_ranking_result_frame_order_and_text():
    index = pd.Index(["A", "B", "C"])
    result = RankingResult(
        method="demo",
        scores=pd.Series([0.2, 0.9, 0.5], index=index),
        ranks=pd.Series([3, 1, 2], index=index),
        weights=pd.Series([1.0], index=["x"]),
        options={"normalization": "vector"},
    )
    assert result.best == "B"
    assert result.order() == ["B", "C", "A"]
    assert list(result.to_frame().columns) == ["score", "rank"]
    text = str(result)
    assert text.splitlines()[0] == "demo ranking (normalization='vector')"
    assert text.index("B") < text.index("C") < text.rindex("A")
    with pytest.raises(AttributeError):
        result.method = "other"  # frozen


# -- the column ranking kernel (pairwise count and sort branches) against scipy --


@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 90), st.integers(1, 6)),
        elements=st.integers(-3, 3).map(float),
    )
)
def test_column_ranks_match_scipy_min_rule(scores):
    """Oracle: scipy.stats.rankdata(method="min") on the negated scores, column by
    column; small integers make ties frequent; up to 90 alternatives exercises both
    the pairwise count (<= 64) and the sort."""
    out = np.empty(scores.shape, dtype=np.int64)
    rank_columns_into(scores, out)
    np.testing.assert_array_equal(out, rankdata(-scores, method="min", axis=0))


def test_rank_scores_checks_its_arguments():
    import pytest

    from pathchoice.exceptions import ArgumentError
    from pathchoice.results import rank_scores

    with pytest.raises(ArgumentError, match="rank_scores: scores must not be NaN"):
        rank_scores([0.5, float("nan")])
    with pytest.raises(ArgumentError, match="higher_is_better must be True or False"):
        rank_scores([0.5, 0.2], higher_is_better=1)


def test_step_tables_of_a_result_are_frozen():
    from pathchoice import Model, topsis

    result = topsis(Model(["A", "B"], ["x", "y"], [[1, 2], [2, 1]]), [0.6, 0.4])
    table = result.tables["normalized"]
    table.iloc[0, 0] = 99.0
    assert result.tables["normalized"].iloc[0, 0] != 99.0
    import pytest

    with pytest.raises(TypeError):
        result.tables["normalized"] = table  # type: ignore[index]
