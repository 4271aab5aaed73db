"""Rank-reversal thresholds: ±epsilon laws, Triantaphyllou & Sánchez's closed form, errors."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from pymcdm import helpers, normalizations

from pathchoice import MethodError, Model, PathchoiceError, UnknownNameError, WeightsError
from pathchoice.exceptions import ArgumentError
from pathchoice.ranking import rank_batch, topsis
from pathchoice.sensitivity.thresholds import weight_thresholds
from pathchoice.study.datasets import china_japan

EPS = 1e-7

# -- strategies and an independent path (kept here: tests/sensitivity is not a package) -----


@st.composite
def models(draw, max_alternatives=6, max_criteria=4):
    """Integer performance 1..100, mixed directions, no zero-range criterion."""
    m = draw(st.integers(2, max_alternatives))
    n = draw(st.integers(2, max_criteria))
    values = draw(hnp.arrays(np.float64, (m, n), elements=st.integers(1, 100).map(float)))
    assume(bool(np.all(np.ptp(values, axis=0) > 0)))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    return Model(
        [f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], values, directions=directions
    )


@st.composite
def weight_vectors(draw, n, zeros=True):
    counts = draw(hnp.arrays(np.float64, n, elements=st.integers(0 if zeros else 1, 20).map(float)))
    assume(counts.sum() > 0)
    return counts / counts.sum()


@st.composite
def problems(draw, zeros=True, **model_options):
    model = draw(models(**model_options))
    return model, draw(weight_vectors(model.n_criteria, zeros=zeros))


def path(w, k, t):
    """Criterion k's weight set to t, the others keeping their ratios (the documented path).

    If criterion k holds all the weight, the documented rule shares 1 - t equally.
    """
    w = np.asarray(w, dtype=float)
    equal = np.full(w.shape, (1 - t) / (w.size - 1))
    out = equal if w[k] >= 1 else w * (1 - t) / (1 - w[k])
    out[k] = t
    return out


# -- the threshold is where the top changes -------------------------------------------------


@given(problems())
def test_threshold_plus_epsilon_changes_the_top_and_minus_epsilon_does_not(problem):
    """Both directions: past the threshold the top path is strictly behind; before, it leads."""
    model, w = problem
    result = weight_thresholds(model, w)
    top = model.alternatives.index(result.top)
    base = topsis(model, w).scores.to_numpy()
    assume(np.sum(base == base.max()) == 1)  # a tied top has thresholds of 0 by definition
    checked = 0
    for k, name in enumerate(model.criterion_names):
        row = result.criteria.loc[name]
        for column, away in (("increase_to", 1.0), ("decrease_to", -1.0)):
            t = row[column]
            if np.isnan(t):
                continue
            assert away * (t - w[k]) > 0
            assume(abs(t - w[k]) > 10 * EPS and EPS < t < 1 - EPS)
            after = topsis(model, path(w, k, t + away * EPS)).scores.to_numpy()
            before = topsis(model, path(w, k, t - away * EPS)).scores.to_numpy()
            lead_after = after[top] - np.delete(after, top).max()
            lead_before = before[top] - np.delete(before, top).max()
            assume(abs(lead_after) > 1e-13 and abs(lead_before) > 1e-13)  # not a tangency
            assert lead_after < 0, (name, column)
            assert lead_before > 0, (name, column)
            new_top = row["new_top_if_increased" if away > 0 else "new_top_if_decreased"]
            assert model.alternatives[int(np.argmax(after))] == new_top
            checked += 1
    assume(checked > 0)


@given(problems(max_alternatives=5, max_criteria=3))
def test_no_threshold_means_the_top_keeps_first_place_on_a_dense_scan(problem):
    model, w = problem
    result = weight_thresholds(model, w)
    top = model.alternatives.index(result.top)
    base = topsis(model, w).scores.to_numpy()
    assume(np.sum(base == base.max()) == 1)
    grid = np.linspace(0, 1, 401)
    for k, name in enumerate(model.criterion_names):
        row = result.criteria.loc[name]
        if w[k] >= 1:
            continue
        weights = np.array([path(w, k, t) for t in grid])
        scores = rank_batch(model, weights).scores
        lead = scores[:, top] - np.delete(scores, top, axis=1).max(axis=1)
        if np.isnan(row["increase_to"]):
            assert (lead[grid > w[k]] >= -1e-12).all()
        if np.isnan(row["decrease_to"]):
            assert (lead[grid < w[k]] >= -1e-12).all()


def test_every_crossing_of_a_dense_scan_is_reported():
    """Oracle: a dense scan (10,001 points) of every pair's score difference, computed here.

    Each sign change it sees must be a reported swap within one dense cell,
    and no swap may be reported that it does not see. The scores can cross
    more than once; the seeds include such pairs.
    """
    dense = np.linspace(0, 1, 10_001)
    multiple = 0
    for seed in (3, 37, 94, 165):  # 37, 94 and 165 have pairs that swap twice
        rng = np.random.default_rng(seed)
        m, n = 6, 4
        model = Model(
            [f"a{i}" for i in range(m)],
            [f"c{j}" for j in range(n)],
            rng.uniform(1, 10, size=(m, n)),
            directions=["benefit", "cost", "benefit", "cost"],
        )
        w = rng.dirichlet(np.ones(n))
        result = weight_thresholds(model, w)
        for k, name in enumerate(model.criterion_names):
            scores = rank_batch(model, np.array([path(w, k, t) for t in dense])).scores
            for a in range(m):
                for b in range(a + 1, m):
                    d = scores[:, a] - scores[:, b]
                    cells = np.flatnonzero(np.sign(d[:-1]) * np.sign(d[1:]) < 0)
                    mine = result.pairs[
                        (result.pairs.criterion == name)
                        & result.pairs.alternative.isin([f"a{a}", f"a{b}"])
                        & result.pairs.other.isin([f"a{a}", f"a{b}"])
                    ].swap_weight.dropna()
                    roots = np.sort(mine.to_numpy())
                    assert len(roots) == len(cells), (name, a, b)
                    for root, cell in zip(roots, cells, strict=True):
                        assert dense[cell] <= root <= dense[cell + 1]
                    multiple += len(roots) > 1
    assert multiple > 0  # the cases do exercise several roots per pair


# -- the weighted sum: Triantaphyllou & Sánchez's closed form ----------------------------------


def ts_critical_changes(model, w):
    """δ_{k,i,j} of Triantaphyllou & Sánchez (1997), Theorem 1, for every pair and criterion.

    WSM scores ``P_i = sum_k w_k a_ik`` with ``a`` pymcdm's sum-normalised
    matrix (what pymcdm's WSM uses). For ``A_i`` ahead of ``A_j`` and the
    change ``W_k* = W_k - δ`` (then renormalised), the ranking of the pair
    reverses at ``δ = (P_j - P_i) / (a_jk - a_ik)``; the change is feasible
    (the weight stays positive) when ``δ < W_k``. Mapped to the new
    normalised weight: ``t = (W_k - δ) / (1 - δ)``.
    Returns {(k, i, j): (δ, t)} for the feasible reversals.
    """
    a = helpers.normalize_matrix(model.matrix, normalizations.sum_normalization, model.types)
    p = a @ w
    out = {}
    for k in range(model.n_criteria):
        for i in range(model.n_alternatives):
            for j in range(model.n_alternatives):
                if p[i] <= p[j] or a[j, k] == a[i, k]:
                    continue
                delta = (p[j] - p[i]) / (a[j, k] - a[i, k])
                if delta < w[k]:
                    out[(k, i, j)] = (delta, (w[k] - delta) / (1 - delta))
    return out


def _compare_with_theorem(model, w, result, tol):
    expected = ts_critical_changes(model, w)
    names = model.criterion_names
    found = result.pairs.dropna(subset=["swap_weight"])
    got = {
        (names.index(r.criterion), int(r.alternative[1:]), int(r.other[1:])): (
            r.ts_delta,
            r.swap_weight,
        )
        for r in found.itertuples()
    }
    assert set(got) == set(expected)
    for key, (delta, t) in expected.items():
        np.testing.assert_allclose(got[key][1], t, rtol=0, atol=tol)
        np.testing.assert_allclose(got[key][0], delta, rtol=tol, atol=tol)


@st.composite
def separated_wsm_problems(draw):
    """WSM problems without ties at the base and no reversal within 1e-6 of an end or a tie."""
    model, w = draw(problems(zeros=False, max_alternatives=5, max_criteria=4))
    assume(w.max() < 1)
    a = helpers.normalize_matrix(model.matrix, normalizations.sum_normalization, model.types)
    p = a @ w
    gaps = np.abs(p[:, None] - p[None, :])[np.triu_indices(len(p), 1)]
    assume(gaps.min() > 1e-9)
    for k in range(model.n_criteria):
        diff = a[:, None, k] - a[None, :, k]
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = (p[None, :] - p[:, None]) / (-diff)
        near = np.abs(delta - w[k])[np.isfinite(delta)]
        assume(near.size == 0 or near.min() > 1e-6)
    return model, w


@given(separated_wsm_problems())
def test_wsm_closed_form_is_triantaphyllou_sanchez_theorem_1(problem):
    model, w = problem
    result = weight_thresholds(model, w, method="wsm")
    assert result.solver == "closed_form"
    _compare_with_theorem(model, w, result, tol=1e-12)


@settings(max_examples=15)
@given(separated_wsm_problems())
def test_wsm_root_finder_equals_the_closed_form_to_1e_9(problem):
    """The grid scan + bisection on pymcdm's WSM agrees with Theorem 1 to 1e-9 in the weight."""
    model, w = problem
    result = weight_thresholds(model, w, method="wsm", solver="roots", grid=16)
    assert result.solver == "roots"
    _compare_with_theorem(model, w, result, tol=1e-9)


def test_wsm_worked_example_by_hand():
    """Three paths, two criteria, WSM with sum normalisation, weights (0.6, 0.4).

    Columns sum to 17 and 19, so C = (9/17, 3/19) and B = (6/17, 7/19);
    P_C - P_B = 0.6 * 3/17 - 0.4 * 4/19 = 7/323 > 0: C leads. On criterion x,
    Theorem 1: δ = (P_B - P_C) / (a_Bx - a_Cx) = (-7/323) / (-3/17) = 7/57;
    the weight after renormalising is t = (0.6 - 7/57) / (1 - 7/57) = 0.544,
    i.e. x must fall by 0.056 (9.33 %) for B to overtake C.
    """
    model = Model(["A", "B", "C"], ["x", "y"], [[2, 9], [6, 7], [9, 3]])
    for solver, tol in (("closed_form", 1e-12), ("roots", 1e-9)):
        result = weight_thresholds(model, [0.6, 0.4], method="wsm", solver=solver)
        assert result.top == "C"
        row = result.criteria.loc["x"]
        np.testing.assert_allclose(row["decrease_to"], 0.544, atol=tol)
        np.testing.assert_allclose(row["delta_down"], -0.056, atol=tol)
        np.testing.assert_allclose(row["relative_down"], -0.056 / 0.6 * 100, atol=1e-6)
        assert row["new_top_if_decreased"] == "B"
        pair = result.pairs[
            (result.pairs.criterion == "x")
            & (result.pairs.alternative == "C")
            & (result.pairs.other == "B")
        ].iloc[0]
        np.testing.assert_allclose(pair.ts_delta, float(Fraction(7, 57)), atol=tol)
        np.testing.assert_allclose(
            pair.ts_relative, float(Fraction(7, 57) / Fraction(6, 10) * 100), atol=1e-6
        )


# -- ties at the current weights ------------------------------------------------------------


def test_a_tied_top_is_overtaken_at_zero_change_on_the_side_that_favours_the_other():
    """A = (9, 1) and C = (1, 9) tie at (0.5, 0.5); A is the top (first in model order).

    Lowering x puts C strictly ahead at once (decrease_to = 0.5, a change of
    0); raising x keeps A ahead (no reversal). The documented tie rule puts a
    crossing at the current weight on the side where the other path goes ahead.
    """
    model = Model(["A", "C"], ["x", "y"], [[9, 1], [1, 9]])
    result = weight_thresholds(model, [0.5, 0.5])
    assert result.top == "A"
    row = result.criteria.loc["x"]
    assert row["decrease_to"] == 0.5 and row["delta_down"] == 0.0
    assert row["new_top_if_decreased"] == "C"
    assert np.isnan(row["increase_to"])
    assert any("ties for first place" in f for f in result.findings)
    after = topsis(model, [0.5 - EPS, 0.5 + EPS]).ranks.to_numpy()
    assert after[0] > 1


# -- most critical criterion ----------------------------------------------------------------


@given(problems(zeros=False))
def test_most_critical_follows_triantaphyllou_sanchez_definitions(problem):
    """AT/AA: smallest |δ|; PT/PA: smallest |δ'| = |100 δ / W_k|; top = pairs with the top path."""
    model, w = problem
    result = weight_thresholds(model, w)
    nearest = result.pairs[result.pairs.order == 1]
    at_top = nearest[nearest.alternative == result.top]
    for label, pool, column in (
        ("absolute-top", at_top, "ts_delta"),
        ("absolute-any", nearest, "ts_delta"),
        ("percent-top", at_top, "ts_relative"),
        ("percent-any", nearest, "ts_relative"),
    ):
        row = result.most_critical.loc[label]
        values = pool[column].abs()
        if values.dropna().empty:
            assert row.isna().all()
            continue
        assert abs(row[column]) == values.min()
        w_k = w[model.criterion_names.index(row.criterion)]
        np.testing.assert_allclose(row.ts_relative, 100 * row.ts_delta / w_k, rtol=1e-12)
        t = row.swap_weight
        np.testing.assert_allclose(row.ts_delta, (w_k - t) / (1 - t), rtol=1e-12, atol=1e-15)


# -- dominance: nothing to reverse ----------------------------------------------------------


@given(problems(), st.data())
def test_a_dominating_top_has_no_reversal_not_even_on_a_zero_weight(problem, data):
    model, w = problem
    k0 = data.draw(st.integers(0, model.n_criteria - 1))
    w = w.copy()
    w[k0] = 0.0
    assume(w.sum() > 0)
    w = w / w.sum()
    values = model.matrix
    best = np.where(model.types > 0, values.max(axis=0) + 1, values.min(axis=0) - 1)
    values[0] = best  # a0 is strictly better than every other path on every criterion
    dominated = Model(
        model.alternatives, model.criterion_names, values, directions=model.directions
    )
    result = weight_thresholds(dominated, w)
    assert result.top == "a0"
    assert result.criteria[["increase_to", "decrease_to"]].isna().all().all()
    assert not result.criteria[["reversal_up", "reversal_down"]].any().any()
    assert result.pairs[result.pairs.alternative == "a0"].swap_weight.isna().all()


# -- other methods and the China–Japan model ------------------------------------------------


def test_pymcdm_method_thresholds_hold_on_a_recomputation():
    model = Model(
        ["A", "B", "C", "D"],
        ["x", "y", "z"],
        [[7, 2, 5], [4, 6, 3], [6, 4, 6], [2, 9, 4]],
        directions={"z": "cost"},
    )
    w = np.array([0.4, 0.35, 0.25])
    result = weight_thresholds(model, w, method="vikor")
    from pathchoice.ranking import rank

    top = model.alternatives.index(result.top)
    for k, name in enumerate(model.criterion_names):
        for column, away in (("increase_to", 1.0), ("decrease_to", -1.0)):
            t = result.criteria.loc[name, column]
            if np.isnan(t):
                continue
            after = rank(model, path(w, k, t + away * 1e-6), "vikor").ranks.to_numpy()
            before = rank(model, path(w, k, t - away * 1e-6), "vikor").ranks.to_numpy()
            assert after[top] > 1 and before[top] == 1


def test_china_japan_thresholds_from_the_public_api():
    analysis = china_japan()
    model = analysis.decision_model()
    weights = analysis.weights().global_weights
    result = weight_thresholds(model, weights)
    assert result.top == topsis(model, weights).best
    assert list(result.criteria.index) == list(model.criterion_names)
    w = weights.reindex(model.criterion_names).to_numpy()
    top = model.alternatives.index(result.top)
    for k, name in enumerate(model.criterion_names):
        for column, away in (("increase_to", 1.0), ("decrease_to", -1.0)):
            t = result.criteria.loc[name, column]
            if np.isnan(t):
                continue
            after = topsis(model, path(w, k, t + away * EPS)).ranks.to_numpy()
            before = topsis(model, path(w, k, t - away * EPS)).ranks.to_numpy()
            assert after[top] > 1 and before[top] == 1
    assert set(result.most_critical.index) == {
        "absolute-top",
        "absolute-any",
        "percent-top",
        "percent-any",
    }


# -- errors ---------------------------------------------------------------------------------

MODEL = Model(["A", "B"], ["x", "y", "z"], [[1, 2, 3], [3, 1, 2]])
W = [0.2, 0.3, 0.5]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"criteria": ["x", "nope"]}, UnknownNameError, r"unknown criteria \['nope'\]"),
        ({"solver": "newton"}, ArgumentError, r"solver must be one of .* \(got 'newton'\)"),
        ({"solver": "closed_form"}, MethodError, r"only for the weighted sum.*'topsis'"),
        ({"tol": 0}, ArgumentError, r"tol must be in \(0, 0.001\] \(got 0\)"),
        ({"tol": 0.5}, PathchoiceError, "got 0.5"),
        ({"tol": "small"}, ArgumentError, "tol must be a finite number.*'small'"),
        ({"grid": 1}, ArgumentError, r"grid must be a whole number >= 2 \(got 1\)"),
        ({"grid": 10.5}, ArgumentError, r"grid must be a whole number >= 2 \(got 10.5\)"),
        ({"method": "nope"}, MethodError, "unknown ranking method 'nope'"),
        ({"v": 0.5}, MethodError, r"does not take option\(s\) \['v'\]"),
    ],
)
def test_errors_name_the_culprit(kwargs, error, match):
    with pytest.raises(error, match=match):
        weight_thresholds(MODEL, W, **kwargs)


def test_weights_must_sum_to_one():
    with pytest.raises(WeightsError, match=r"sum to 1 \(got 1.1"):
        weight_thresholds(MODEL, [0.3, 0.3, 0.5])


def test_closed_form_refuses_a_wsm_that_is_not_linear(monkeypatch):
    """The closed form checks that the method named "wsm" really is linear in the weights."""
    from pathchoice.ranking import METHODS

    monkeypatch.setitem(METHODS, "wsm", METHODS["topsis"])
    model = Model(["A", "B", "C"], ["x", "y"], [[2, 9], [6, 7], [9, 3]])
    with pytest.raises(MethodError, match="'wsm' is not a weighted sum here"):
        weight_thresholds(model, [0.6, 0.4], method="wsm")
    assert weight_thresholds(model, [0.6, 0.4], method="wsm", solver="roots").top == "C"


# -- the batched root finder ----------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    size=st.integers(1, 50),
    tol=st.sampled_from([1e-12, 1e-9, 1e-6]),
)
def test_bisection_of_every_bracket_at_once_finds_each_root_to_tol(seed, size, tol):
    """The refinement (bisect) halves every bracket side by side: each returned weight is within
    tol of its bracket's sign change (here a known root r of a curved difference that
    also crosses zero outside the bracket); an exact zero at an end is that end, and a
    bracket whose ends have one sign (rounding) gives the end nearer zero."""
    from pathchoice._core.roots import bisect

    rng = np.random.default_rng(seed)
    lo = rng.uniform(0.0, 0.9, size)
    hi = lo + rng.uniform(1e-6, 0.1, size)
    r = rng.uniform(lo, hi)
    kind = rng.integers(0, 3, size)  # 0: a root inside, 1: 0 at lo, 2: no sign change
    r[kind == 1] = lo[kind == 1]

    def f(i, t):
        value = (t - r[i]) * (1.0 + 40.0 * (t - r[i]) ** 2) * (t + 2.0)
        return np.where(kind[i] == 2, 1e-3 + (t - lo[i]), value)  # kind 2: positive, rising

    root = bisect(f, lo, hi, tol)
    inside = kind == 0
    assert np.all(np.abs(root[inside] - r[inside]) <= tol / 2 + 4e-16)
    np.testing.assert_array_equal(root[kind == 1], lo[kind == 1])
    np.testing.assert_array_equal(root[kind == 2], lo[kind == 2])
