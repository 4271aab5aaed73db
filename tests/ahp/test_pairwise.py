"""PairwiseMatrix: construction, accessors, immutability, and every error it raises."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from pathchoice.ahp import SAATY_SCALE, PairwiseMatrix
from pathchoice.ahp.pairwise import format_judgement
from pathchoice.exceptions import (
    ArgumentError,
    ContradictoryJudgementError,
    DisconnectedJudgementsError,
    PairwiseMatrixError,
    PathchoiceError,
    ReciprocityError,
    ScaleError,
    UnknownNameError,
)

THREE = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
LABELS = ["risk", "cost", "time"]


def test_saaty_scale_is_the_seventeen_values_from_one_ninth_to_nine():
    assert len(SAATY_SCALE) == 17
    np.testing.assert_allclose(SAATY_SCALE[:8], [1 / k for k in range(9, 1, -1)])
    np.testing.assert_allclose(SAATY_SCALE[8:], np.arange(1, 10))


# ---------------------------------------------------------------- construction


def test_full_matrix_accessors():
    m = PairwiseMatrix(THREE, LABELS)
    assert m.n == 3
    assert m.labels == ("risk", "cost", "time")
    assert m.is_complete
    assert m.missing_pairs() == []
    assert m.judgements() == {
        ("risk", "cost"): 3.0,
        ("risk", "time"): 5.0,
        ("cost", "time"): 2.0,
    }
    np.testing.assert_allclose(m.values, THREE)
    assert m.findings == ()
    assert m.off_scale == ()


def test_values_is_a_copy_and_the_matrix_is_immutable():
    m = PairwiseMatrix(THREE, LABELS)
    v = m.values
    v[0, 1] = 99.0
    assert m.values[0, 1] == 3.0
    with pytest.raises(AttributeError, match="immutable"):
        m.labels = ("a", "b", "c")
    frame = m.to_frame()
    frame.iloc[0, 1] = 99.0
    assert m.values[0, 1] == 3.0


def test_from_judgements_fills_diagonal_and_reciprocals_in_order_of_first_appearance():
    m = PairwiseMatrix.from_judgements({("b", "a"): 2, ("c", "b"): 1 / 4, ("a", "c"): 2})
    assert m.labels == ("b", "a", "c")
    expected = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]
    np.testing.assert_allclose(m.values, expected)


def test_from_judgements_with_labels_fixes_the_order():
    m = PairwiseMatrix.from_judgements(
        {("risk", "cost"): 3, ("risk", "time"): 5, ("cost", "time"): 2}, labels=LABELS[::-1]
    )
    assert m.labels == ("time", "cost", "risk")
    assert m.judgements()[("time", "risk")] == pytest.approx(1 / 5)


def test_from_judgements_accepts_agreeing_duplicates_and_unit_self_comparisons():
    m = PairwiseMatrix.from_judgements(
        [
            (("a", "b"), 3),
            (("b", "a"), 1 / 3),
            (("a", "a"), 1),
            (("b", "c"), 2),
            (("c", "a"), 1 / 6),
        ]
    )
    assert m.judgements()[("a", "b")] == 3.0


def test_two_decimal_reciprocals_are_made_exact_and_reported():
    # 1/7 typed as 0.14: within the default 5 % tolerance; the entry >= 1 is kept.
    m = PairwiseMatrix([[1, 7], [0.14, 1]], ["a", "b"])
    assert m.values[1, 0] == 1 / 7
    assert m.values[0, 1] == 7.0
    assert any("('b', 'a') = 0.14 taken as 1/7" in f for f in m.findings)


def test_matrix_round_trips_through_judgements_and_frames():
    m = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 3})
    assert PairwiseMatrix.from_judgements(m.judgements(), labels=m.labels) == m
    assert PairwiseMatrix.from_frame(m.to_frame(), allow_missing=True) == m
    shuffled = m.to_frame().loc[:, ["c", "a", "b"]]
    assert PairwiseMatrix.from_frame(shuffled, allow_missing=True) == m


def test_equality_and_hash():
    a = PairwiseMatrix(THREE, LABELS)
    b = PairwiseMatrix.from_judgements(a.judgements())
    assert a == b and hash(a) == hash(b)
    assert a != PairwiseMatrix(THREE, ["risk", "time", "cost"])
    assert a != a.with_judgement(("risk", "cost"), 4)
    assert a.__eq__("not a matrix") is NotImplemented


def test_repr_shows_judgements_as_written():
    text = repr(PairwiseMatrix.from_judgements({("a", "b"): 3, ("b", "c"): 2}))
    assert text.startswith("PairwiseMatrix(3 labels, 1 missing)")
    assert "1/3" in text and "." in text


def test_format_judgement():
    assert format_judgement(9.0) == "9"
    assert format_judgement(1 / 9) == "1/9"
    assert format_judgement(2.5) == "2.5"
    assert format_judgement(float("nan")) == "nan"


# ---------------------------------------------------------------- missing judgements


def test_missing_judgements_are_allowed_when_connected():
    nan = np.nan
    m = PairwiseMatrix(
        [[1, 2, nan], [0.5, 1, 3], [nan, 1 / 3, 1]], ["a", "b", "c"], allow_missing=True
    )
    assert not m.is_complete
    assert m.missing_pairs() == [("a", "c")]
    assert ("a", "c") not in m.judgements()
    assert np.isnan(m.values[2, 0])


def test_with_and_without_judgement_return_new_matrices():
    m = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 3})
    full = m.with_judgement(("c", "a"), 1 / 6)
    assert full.is_complete and not m.is_complete
    assert full.judgements()[("a", "c")] == pytest.approx(6.0)
    back = full.without_judgement(("a", "c"))
    assert back == m


def test_disconnected_judgements_name_the_groups():
    with pytest.raises(
        DisconnectedJudgementsError,
        match=re.escape("judgements leave the labels in separate groups: ['a', 'b'] | ['c']"),
    ):
        PairwiseMatrix.from_judgements({("a", "b"): 3}, labels=["a", "b", "c"])


def test_a_label_in_no_judgement_is_a_disconnected_group():
    with pytest.raises(DisconnectedJudgementsError, match=re.escape("| ['policy']")):
        PairwiseMatrix.from_judgements(
            {("risk", "cost"): 3, ("cost", "time"): 2}, labels=["risk", "cost", "time", "policy"]
        )


def test_removing_a_bridge_judgement_is_refused():
    m = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 3})
    with pytest.raises(DisconnectedJudgementsError, match=re.escape("['a'] | ['b', 'c']")):
        m.without_judgement(("b", "a"))


def test_nan_needs_allow_missing():
    nan = np.nan
    with pytest.raises(PairwiseMatrixError, match=re.escape("('a', 'c') is missing (NaN)")):
        PairwiseMatrix([[1, 2, nan], [0.5, 1, 3], [nan, 1 / 3, 1]], ["a", "b", "c"])


def test_nan_must_be_symmetric():
    nan = np.nan
    with pytest.raises(
        PairwiseMatrixError,
        match=re.escape("('a', 'c') is missing but ('c', 'a') = 1/6"),
    ):
        PairwiseMatrix(
            [[1, 2, nan], [0.5, 1, 3], [1 / 6, 1 / 3, 1]], ["a", "b", "c"], allow_missing=True
        )


def test_nan_on_the_diagonal_is_an_error_even_with_allow_missing():
    nan = np.nan
    with pytest.raises(PairwiseMatrixError, match=re.escape("diagonal entry ('b', 'b')")):
        PairwiseMatrix([[1, 2], [0.5, nan]], ["a", "b"], allow_missing=True)


# ---------------------------------------------------------------- errors


def test_not_square():
    with pytest.raises(PairwiseMatrixError, match=re.escape("square (got shape (2, 3))")):
        PairwiseMatrix([[1, 2, 3], [0.5, 1, 2]], ["a", "b"])


def test_empty_matrix():
    with pytest.raises(PairwiseMatrixError, match="at least one label"):
        PairwiseMatrix(np.empty((0, 0)), [])


def test_label_count_mismatch():
    with pytest.raises(PairwiseMatrixError, match=re.escape("3x3 but 2 labels")):
        PairwiseMatrix(THREE, ["risk", "cost"])


def test_duplicate_labels():
    with pytest.raises(PairwiseMatrixError, match=re.escape("repeated: ['risk']")):
        PairwiseMatrix(THREE, ["risk", "cost", "risk"])


@pytest.mark.parametrize("bad", ["", "  ", 3, None])
def test_labels_must_be_non_empty_strings(bad):
    with pytest.raises(PairwiseMatrixError, match=re.escape(f"(got {bad!r} at position 1)")):
        PairwiseMatrix(THREE, ["risk", bad, "time"])


def test_labels_must_not_be_a_single_string():
    with pytest.raises(PairwiseMatrixError, match="not one string 'abc'"):
        PairwiseMatrix(THREE, "abc")


def test_non_numeric_values():
    with pytest.raises(PairwiseMatrixError, match="must be numbers"):
        PairwiseMatrix([[1, "x"], ["y", 1]], ["a", "b"])


@pytest.mark.parametrize("value", [0.0, -3.0])
def test_non_positive_judgement_names_the_pair(value):
    with pytest.raises(PairwiseMatrixError, match=re.escape("('b', 'a') must be positive")):
        PairwiseMatrix([[1, 2], [value, 1]], ["a", "b"])


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_infinite_judgement_is_always_an_error(value):
    with pytest.raises(PairwiseMatrixError, match=re.escape("('a', 'b') must be finite")):
        PairwiseMatrix([[1, value], [0.5, 1]], ["a", "b"], allow_missing=True)


def test_diagonal_must_be_one():
    with pytest.raises(
        PairwiseMatrixError, match=re.escape("diagonal entry ('cost', 'cost') must be 1")
    ):
        PairwiseMatrix([[1, 3, 5], [1 / 3, 2, 2], [1 / 5, 1 / 2, 1]], LABELS)


def test_reciprocity_error_message_from_the_issue():
    with pytest.raises(ReciprocityError) as info:
        PairwiseMatrix([[1, 3], [0.5, 1]], ["risk", "policy"])
    assert str(info.value) == (
        "judgement ('risk', 'policy') = 3 but ('policy', 'risk') = 0.5, expected 1/3"
    )
    assert isinstance(info.value, PairwiseMatrixError)
    assert isinstance(info.value, ValueError)


def test_reciprocity_counts_further_offending_pairs():
    with pytest.raises(ReciprocityError, match=re.escape("expected 1/3 (and 1 more pairs)")):
        PairwiseMatrix([[1, 3, 5], [3, 1, 2], [5, 1 / 2, 1]], LABELS)


def test_reciprocity_tolerance_is_adjustable():
    m = PairwiseMatrix([[1, 3], [0.3, 1]], ["a", "b"], tol=0.15)
    assert m.values[1, 0] == 1 / 3
    with pytest.raises(ReciprocityError, match=re.escape("('a', 'b') = 3 but ('b', 'a') = 0.33")):
        PairwiseMatrix([[1, 3], [0.33, 1]], ["a", "b"], tol=0.0)


@pytest.mark.parametrize("tolerance", [-0.1, 1.0, np.nan, "x"])
def test_bad_tolerance(tolerance):
    with pytest.raises(ArgumentError, match="PairwiseMatrix: tol must be"):
        PairwiseMatrix(THREE, LABELS, tol=tolerance)


def test_contradictory_duplicate_judgements_name_the_pair():
    with pytest.raises(ContradictoryJudgementError) as info:
        PairwiseMatrix.from_judgements({("a", "b"): 3, ("b", "a"): 3})
    assert str(info.value) == (
        "pair ('a', 'b') is judged twice with values that disagree: "
        "('a', 'b') = 3 and ('b', 'a') = 3 (expected 1/3)"
    )


def test_contradictory_same_direction_duplicates():
    with pytest.raises(
        ContradictoryJudgementError, match=re.escape("('x', 'y') = 2 and ('x', 'y') = 5")
    ):
        PairwiseMatrix.from_judgements([(("x", "y"), 2), (("x", "y"), 5)])


def test_unknown_label_in_a_judgement():
    with pytest.raises(
        UnknownNameError, match=re.escape("('risk', 'budget') names unknown label 'budget'")
    ):
        PairwiseMatrix.from_judgements({("risk", "budget"): 3}, labels=["risk", "cost"])


def test_self_comparison_must_be_one():
    with pytest.raises(
        PairwiseMatrixError,
        match=re.escape(
            "self-comparison ('a', 'a') must be 1 (a label compared with itself), got 3"
        ),
    ):
        PairwiseMatrix.from_judgements({("a", "a"): 3, ("a", "b"): 2})


@pytest.mark.parametrize(
    ("judgements", "pattern"),
    [
        ({("a", "b"): "high"}, "('a', 'b') must be a number (got 'high')"),
        ({("a", "b"): True}, "('a', 'b') must be a number (got True)"),
        ({("a", "b"): np.nan}, "('a', 'b') must be finite"),
        ({("a", "b"): -2}, "('a', 'b') must be positive (got -2)"),
        ({"ab": 2}, "pairs of labels like ('a', 'b') (got 'ab')"),
        ({("a", "b", "c"): 2}, "(got ('a', 'b', 'c'))"),
        ({}, "at least one label"),
    ],
)
def test_malformed_judgements(judgements, pattern):
    with pytest.raises(PairwiseMatrixError, match=re.escape(pattern)):
        PairwiseMatrix.from_judgements(judgements)


def test_judgement_items_must_be_pairs():
    with pytest.raises(PairwiseMatrixError, match="must be \\(\\(a, b\\), value\\) items"):
        PairwiseMatrix.from_judgements([("a", "b", 3)])


def test_with_judgement_errors_name_the_culprit():
    m = PairwiseMatrix(THREE, LABELS)
    with pytest.raises(UnknownNameError, match="unknown label 'budget'"):
        m.with_judgement(("risk", "budget"), 2)
    with pytest.raises(
        PairwiseMatrixError, match=re.escape("('risk', 'risk') compares a label with itself")
    ):
        m.with_judgement(("risk", "risk"), 2)
    with pytest.raises(PairwiseMatrixError, match=re.escape("('risk', 'cost') must be positive")):
        m.with_judgement(("risk", "cost"), 0)
    with pytest.raises(PairwiseMatrixError, match="pair must be"):
        m.with_judgement("risk", 2)


def test_from_frame_needs_matching_index_and_columns():
    frame = pd.DataFrame(THREE, index=LABELS, columns=["risk", "cost", "budget"])
    with pytest.raises(PairwiseMatrixError, match="same labels as index and columns"):
        PairwiseMatrix.from_frame(frame)
    with pytest.raises(PairwiseMatrixError, match="expects a pandas DataFrame"):
        PairwiseMatrix.from_frame(THREE)


# ---------------------------------------------------------------- Saaty's scale


def test_off_scale_judgements_are_a_finding():
    m = PairwiseMatrix.from_judgements({("a", "b"): 12, ("b", "c"): 1 / 20, ("a", "c"): 1 / 9})
    assert m.off_scale == ((("a", "b"), 12.0), (("b", "c"), 0.05))
    assert any("off Saaty's 1/9..9 scale" in f and "('a', 'b') = 12" in f for f in m.findings)


def test_values_typed_near_the_scale_ends_are_on_scale():
    m = PairwiseMatrix.from_judgements({("a", "b"): 0.111, ("b", "c"): 9})
    assert m.off_scale == ()


def test_strict_refuses_off_scale_judgements_naming_the_pair():
    with pytest.raises(ScaleError, match=re.escape("('a', 'b') = 12 is off Saaty's 1/9..9 scale")):
        PairwiseMatrix.from_judgements({("a", "b"): 12}, strict=True)
    assert issubclass(ScaleError, PathchoiceError)
    with pytest.raises(ScaleError, match=re.escape("('b', 'a')")):
        PairwiseMatrix([[1, 1 / 10], [10, 1]], ["b", "a"], strict=True)


def test_each_pair_once_refuses_repeats_and_self_comparisons():
    # For readers of formats that list each judgement once (model files): the matrix
    # is the authority, the reader only adds its location to the error.
    agreeing = [(("a", "b"), 3), (("b", "a"), 1 / 3)]
    assert PairwiseMatrix.from_judgements(agreeing).judgements() == {("a", "b"): 3.0}
    with pytest.raises(
        PairwiseMatrixError, match=r"judged more than once \(first as \('a', 'b'\)\)"
    ) as info:
        PairwiseMatrix.from_judgements(agreeing, each_pair_once=True)
    assert info.value.pair == ("b", "a") and info.value.first == ("a", "b")
    with pytest.raises(PairwiseMatrixError, match="compares a label with itself"):
        PairwiseMatrix.from_judgements([(("a", "a"), 1), (("a", "b"), 2)], each_pair_once=True)
    with pytest.raises(ArgumentError, match="each_pair_once must be True or False"):
        PairwiseMatrix.from_judgements(agreeing, each_pair_once=1)  # type: ignore[arg-type]
