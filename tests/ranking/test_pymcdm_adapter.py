"""The pymcdm adapter: pymcdm itself as the oracle, published reference values, errors."""

import numpy as np
import pandas as pd
import pytest
from pymcdm import methods as pm
from pymcdm.methods import SPOTIS
from pymcdm.methods.comet_tools import MethodExpert
from pymcdm.methods.mcda_method import MCDA_method
from scipy.stats import rankdata

from pathchoice import BatchRankingResult, MethodError, Model, RankingResult, UnknownNameError
from pathchoice.exceptions import ArgumentError, ZeroRangeError
from pathchoice.ranking import METHODS, PYMCDM_CLASSES, PymcdmMethod, pymcdm_method, topsis
from pathchoice.results import rank_scores

from .strategies import random_model

REQUIRED = [
    "vikor",
    "promethee_ii",
    "copras",
    "spotis",
    "waspas",
    "wsm",
    "wpm",
    "edas",
    "mabac",
    "moora",
    "aras",
    "cocoso",
    "codas",
    "marcos",
    "ocra",
    "mairca",
    "pymcdm_topsis",
]
LOWER_IS_BETTER = {"vikor", "spotis", "mairca", "balanced_spotis"}


def pymcdm_instance(name, matrix, weights=None, types=None):
    """The pymcdm object built with the adapter's documented defaults (module docstring
    of pathchoice.ranking.pymcdm_adapter)."""
    cls = PYMCDM_CLASSES[name]
    best = (
        np.where(types > 0, matrix.max(axis=0), matrix.min(axis=0)) if types is not None else None
    )
    worst = (
        np.where(types > 0, matrix.min(axis=0), matrix.max(axis=0)) if types is not None else None
    )
    bounds = SPOTIS.make_bounds(matrix)
    if name == "promethee_ii":
        return cls("usual")
    if name in ("spotis", "rim"):
        return cls(bounds)
    if name == "balanced_spotis":
        return cls(bounds, best)
    if name == "ervd":
        return cls(matrix.mean(axis=0))
    if name == "rafsi":
        return cls(best, worst)
    if name == "comet":
        return cls(bounds, MethodExpert(pm.TOPSIS(), weights, types))
    return cls()


def pymcdm_direct(name, matrix, weights, types):
    """Call pymcdm itself with the adapter's documented defaults."""
    instance = pymcdm_instance(name, matrix, weights, types)
    return instance(matrix, weights, types, validation=False)


@pytest.fixture(params=[0, 1, 2])
def problem(request):
    """Seeded random problems: positive values (sum normalisations need them), mixed
    directions (COPRAS and MOORA need a cost criterion)."""
    rng = np.random.default_rng(request.param)
    m, n = (5, 4) if request.param < 2 else (9, 7)
    model = random_model(rng, m, n)
    return model, rng.dirichlet(np.ones(n))


def test_registry_holds_the_required_pymcdm_methods():
    for name in REQUIRED:
        assert isinstance(METHODS[name], PymcdmMethod), name
        assert METHODS[name].name == name


@pytest.mark.parametrize("name", sorted(PYMCDM_CLASSES))
def test_scores_equal_pymcdm_called_directly(name, problem):
    """Oracle: the same pymcdm class called directly; scores identical to 1e-12."""
    model, w = problem
    result = METHODS[name](model, w)
    assert isinstance(result, RankingResult)
    expected = pymcdm_direct(name, model.matrix, w, model.types)
    np.testing.assert_allclose(result.scores.to_numpy(), expected, rtol=0, atol=1e-12)
    assert result.method == name
    assert result.scores.index.tolist() == list(model.alternatives)


@pytest.mark.parametrize("name", sorted(PYMCDM_CLASSES))
def test_ranks_follow_the_methods_direction(name, problem):
    """higher_is_better is pymcdm's _reverse_ranking (VIKOR's Q, SPOTIS and MAIRCA are
    lower-is-better), and our ranks order the alternatives as pymcdm's own rank()
    does, with ties given the minimum rank instead of pymcdm's average rank."""
    model, w = problem
    method = METHODS[name]
    assert method.higher_is_better is (name not in LOWER_IS_BETTER)
    result = method(model, w)
    assert result.higher_is_better is method.higher_is_better
    scores = result.scores.to_numpy()
    np.testing.assert_array_equal(
        result.ranks, rank_scores(scores, higher_is_better=method.higher_is_better)
    )
    pymcdm_ranks = pymcdm_instance(name, model.matrix, w, model.types).rank(scores)
    np.testing.assert_array_equal(result.ranks, rankdata(pymcdm_ranks, method="min"))


@pytest.mark.parametrize("name", ["vikor", "promethee_ii", "spotis", "pymcdm_topsis"])
def test_batch_loops_over_pymcdm_calls(name, problem):
    model, _ = problem
    weights = np.random.default_rng(5).dirichlet(np.ones(model.n_criteria), size=4)
    batch = METHODS[name].batch(model, weights)
    assert isinstance(batch, BatchRankingResult)
    assert batch.scores.shape == batch.ranks.shape == (4, model.n_alternatives)
    for k, w in enumerate(weights):
        single = METHODS[name](model, w)
        np.testing.assert_array_equal(batch.scores[k], single.scores)
        np.testing.assert_array_equal(batch.ranks[k], single.ranks)
    assert batch.higher_is_better is METHODS[name].higher_is_better


# -- options --------------------------------------------------------------------------------


def test_vikor_v_option(problem):
    model, w = problem
    result = METHODS["vikor"](model, w, v=0.3)
    expected = pm.VIKOR(v=0.3)(model.matrix, w, model.types, validation=False)
    np.testing.assert_allclose(result.scores, expected, rtol=0, atol=1e-12)
    assert result.options == {"normalization_function": None, "v": 0.3}


def test_normalization_by_name_and_topsis_cross_check(problem):
    """pymcdm's TOPSIS with vector normalisation, chosen by name, equals our TOPSIS."""
    model, w = problem
    theirs = METHODS["pymcdm_topsis"](model, w, normalization_function="vector")
    assert theirs.options == {"normalization_function": "vector_normalization"}
    np.testing.assert_allclose(theirs.scores, topsis(model, w).scores, rtol=0, atol=1e-12)
    default = METHODS["pymcdm_topsis"](model, w)
    assert default.options == {"normalization_function": "minmax_normalization"}
    np.testing.assert_allclose(
        default.scores, topsis(model, w, normalization="minmax").scores, rtol=0, atol=1e-12
    )


def test_defaults_bound_at_wrapping_and_overridden_per_call(problem):
    model, w = problem
    vikor9 = pymcdm_method("vikor", v=0.9, name="vikor_v09")
    assert vikor9(model, w).options["v"] == 0.9
    assert vikor9(model, w).method == "vikor_v09"
    assert vikor9(model, w, v=0.1).options["v"] == 0.1


def test_promethee_per_criterion_options_by_name_and_repeated_calls(problem):
    """p given as a mapping by criterion name equals pymcdm with the list; the wrapped
    method gives the same answer twice (pymcdm's p/q are single-use generators, so the
    adapter must build a fresh object per call)."""
    model, w = problem
    p = {name: float(np.ptp(model.matrix[:, j])) for j, name in enumerate(model.criterion_names)}
    method = pymcdm_method("promethee_ii", preference_function="vshape", p=p)
    first = method(model, w)
    second = method(model, w)
    expected = pm.PROMETHEE_II("vshape", p=list(p.values()))(
        model.matrix, w, model.types, validation=False
    )
    np.testing.assert_allclose(first.scores, expected, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(first.scores, second.scores)
    assert first.options["preference_function"] == "vshape"
    assert first.options["p"] == tuple(p.values())


def test_spotis_default_bounds_are_the_observed_range(problem):
    model, w = problem
    result = METHODS["spotis"](model, w)
    lo, hi = model.matrix.min(axis=0), model.matrix.max(axis=0)
    assert result.options["bounds"] == tuple(zip(lo.tolist(), hi.tolist(), strict=True))
    assert result.options["esp"] is None


def test_spotis_bounds_by_name(problem):
    model, w = problem
    wide = {n: (0.0, 20.0) for n in model.criterion_names}
    by_name = METHODS["spotis"](model, w, bounds=wide)
    by_array = METHODS["spotis"](model, w, bounds=np.tile([0.0, 20.0], (model.n_criteria, 1)))
    expected = SPOTIS(np.tile([0.0, 20.0], (model.n_criteria, 1)))(
        model.matrix, w, model.types, validation=False
    )
    np.testing.assert_allclose(by_name.scores, expected, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(by_name.scores, by_array.scores)


def test_wrapping_a_class_and_an_instance(problem):
    model, w = problem
    from_class = pymcdm_method(pm.WASPAS)
    assert from_class.name == "waspas"
    assert from_class(model, w, l=0.2).options["l"] == 0.2
    from_instance = pymcdm_method(pm.WASPAS(l=0.2), name="waspas_l02")
    assert from_instance.options == ()
    np.testing.assert_array_equal(
        from_instance(model, w).scores, from_class(model, w, l=0.2).scores
    )


def test_zero_range_finding_when_pymcdm_copes():
    model = Model(["A", "B", "C"], ["x", "flat", "y"], [[1, 4, 3], [2, 4, 1], [3, 4, 2]])
    result = METHODS["mabac"](model, [0.4, 0.2, 0.4])
    assert np.all(np.isfinite(result.scores))
    assert result.findings == (
        "criterion 'flat' has the same value for every alternative and cannot discriminate; "
        "pymcdm's MABAC handles it by its own rule",
    )


# -- published reference values (as recorded in pymcdm's test suite) ------------------------


def test_vikor_opricovic_tzeng_2004():
    """Opricovic & Tzeng (2004), EJOR 156:445-455, numerical example, v = 0.5:
    Q = (1, 0, 1), A2 the compromise solution (exact values)."""
    model = Model(
        ["A1", "A2", "A3"],
        ["f1", "f2"],
        [[1, 3000], [2, 3750], [5, 4500]],
        directions=["cost", "benefit"],
    )
    result = METHODS["vikor"](model, [0.5, 0.5])
    np.testing.assert_allclose(result.scores, [1.0, 0.0, 1.0], rtol=0, atol=1e-12)
    assert result.best == "A2"


def test_promethee_ii_zhao_peng_li_2013():
    """Zhao, Peng & Li (2013), Revised PROMETHEE II for improving efficiency in emergency
    response, Procedia Computer Science 17:181-188: usual preference function (the
    adapter's default), net flows 0.1, -0.3, 0.2 (2 decimals); atol 5e-3."""
    model = Model(["A1", "A2", "A3"], ["c1", "c2", "c3"], [[4, 3, 2], [3, 2, 4], [5, 1, 3]])
    result = METHODS["promethee_ii"](model, [0.5, 0.3, 0.2])
    np.testing.assert_allclose(result.scores, [0.1, -0.3, 0.2], rtol=0, atol=5e-3)
    assert result.options["preference_function"] == "usual"


def test_spotis_dezert_et_al_2020():
    """Dezert, Tchamova, Han & Tacnet (2020), The SPOTIS rank reversal free method,
    FUSION 2020: bounds given, scores 0.1989, 0.3705, 0.3063, 0.7491 (4 decimals);
    atol 5e-5. Lower is better: A1 first."""
    model = Model(
        ["A1", "A2", "A3", "A4"],
        ["c1", "c2", "c3"],
        [[10.5, -3.1, 1.7], [-4.7, 0, 3.4], [8.1, 0.3, 1.3], [3.2, 7.3, -5.3]],
        directions=["benefit", "cost", "benefit"],
    )
    bounds = [[-5, 12], [-6, 10], [-8, 5]]
    result = METHODS["spotis"](model, [0.2, 0.3, 0.5], bounds=bounds)
    np.testing.assert_allclose(result.scores, [0.1989, 0.3705, 0.3063, 0.7491], rtol=0, atol=5e-5)
    assert result.ranks.tolist() == [1, 3, 2, 4]


# -- errors: type, and a message naming the culprit ----------------------------------------


def test_unknown_pymcdm_name():
    with pytest.raises(MethodError, match=r"unknown pymcdm method 'electre'; known: \[.*'vikor'"):
        pymcdm_method("electre")


def test_not_a_pymcdm_method():
    with pytest.raises(MethodError, match="got int: 42"):
        pymcdm_method(42)


def test_unknown_option_at_call_and_at_wrap(problem):
    model, w = problem
    with pytest.raises(MethodError, match=r"'vikor' does not take option\(s\) \['alpha'\]"):
        METHODS["vikor"](model, w, alpha=1)
    with pytest.raises(MethodError, match=r"'vikor' does not take option\(s\) \['alpha'\]"):
        pymcdm_method("vikor", alpha=1)
    with pytest.raises(
        MethodError, match=r"'edas' does not take option\(s\) \['v'\]; its options are \[\]"
    ):
        METHODS["edas"](model, w, v=0.5)


def test_options_on_a_ready_instance(problem):
    model, w = problem
    wrapped = pymcdm_method(pm.VIKOR())
    with pytest.raises(MethodError, match=r"'vikor' wraps a ready pymcdm object.*\['v'\]"):
        wrapped(model, w, v=0.2)


class _NeedsGamma(MCDA_method):
    """A stand-in pymcdm method with a required option the model cannot supply."""

    def __init__(self, gamma):
        self.gamma = gamma

    def _method(self, matrix, weights, types):
        return (matrix @ weights,)


def test_missing_required_option(problem):
    model, w = problem
    with pytest.raises(MethodError, match="'_needsgamma' needs option 'gamma'"):
        pymcdm_method(_NeedsGamma)(model, w)


def test_unknown_normalization_name(problem):
    model, w = problem
    with pytest.raises(MethodError, match=r"'mabac': normalization_function .*got 'l7'"):
        METHODS["mabac"](model, w, normalization_function="l7")


def test_option_value_pymcdm_rejects(problem):
    model, w = problem
    with pytest.raises(MethodError, match=r"'vikor': pymcdm rejected the options .*'v': 2"):
        METHODS["vikor"](model, w, v=2)
    with pytest.raises(MethodError, match=r"'promethee_ii': the Gaussian .* takes s"):
        METHODS["promethee_ii"](model, w, preference_function="gaussian")
    with pytest.raises(MethodError, match=r"'promethee_ii': preference_function must be one"):
        METHODS["promethee_ii"](model, w, preference_function="sigmoid")


def test_problem_pymcdm_refuses():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 2], [2, 3], [3, 1]])
    with pytest.raises(MethodError, match=r"'copras' refused the problem: .*cost criterion"):
        METHODS["copras"](model, [0.5, 0.5])
    with pytest.raises(MethodError, match="'copras' refused the problem for weight vector 0"):
        METHODS["copras"].batch(model, [[0.5, 0.5], [0.4, 0.6]])


def test_negative_values_sum_normalization_refused():
    model = Model(["A", "B"], ["x", "y"], [[-1, 2], [2, 3]])
    with pytest.raises(MethodError, match="'wsm' refused the problem: sum_normalization"):
        METHODS["wsm"](model, [0.5, 0.5])


def test_zero_range_pymcdm_cannot_handle_names_the_criterion():
    model = Model(["A", "B", "C"], ["x", "flat"], [[1, 4], [2, 4], [3, 4]])
    with pytest.raises(ZeroRangeError, match=r"'vikor' failed; criteria \['flat'\]"):
        METHODS["vikor"](model, [0.5, 0.5])
    with pytest.raises(ZeroRangeError, match=r"'spotis': criteria \['flat'\] .*default bounds"):
        METHODS["spotis"](model, [0.5, 0.5])


def test_bad_bounds(problem):
    model, w = problem
    n = model.n_criteria
    with pytest.raises(
        MethodError, match=rf"bounds must have shape \(n_criteria, 2\) = \({n}, 2\)"
    ):
        METHODS["spotis"](model, w, bounds=[[0, 1]])
    flipped = np.tile([20.0, 0.0], (n, 1))
    with pytest.raises(
        MethodError, match="bounds for criterion 'c0' must be finite with min < max"
    ):
        METHODS["spotis"](model, w, bounds=flipped)
    narrow = np.tile([0.0, 20.0], (n, 1))
    narrow[2] = [0.0, 1.0]
    with pytest.raises(MethodError, match=r"performance \['a0', 'c2'\] = .* outside .*\[0, 1\]"):
        METHODS["spotis"](model, w, bounds=narrow)
    with pytest.raises(MethodError, match="bounds must be numbers"):
        METHODS["spotis"](model, w, bounds="wide")


def test_bounds_by_unknown_or_missing_name(problem):
    model, w = problem
    bounds = {n: (0.0, 20.0) for n in model.criterion_names}
    with pytest.raises(UnknownNameError, match=r"'bounds' names unknown criteria \['price'\]"):
        METHODS["spotis"](model, w, bounds={**bounds, "price": (0, 1)})
    del bounds["c1"]
    with pytest.raises(MethodError, match=r"'bounds' is missing criteria \['c1'\]"):
        METHODS["spotis"](model, w, bounds=bounds)


def test_per_criterion_series_accepted(problem):
    model, w = problem
    p = pd.Series(np.ptp(model.matrix, axis=0), index=model.criterion_names)
    result = pymcdm_method("promethee_ii", preference_function="vshape")(model, w, p=p)
    assert result.options["p"] == tuple(p.tolist())


class _Constant(MCDA_method):
    """A stand-in pymcdm method returning whatever preferences it was built with."""

    def __init__(self, prefs=(0.0,)):
        self.prefs = np.asarray(prefs, dtype=float)

    def _method(self, matrix, weights, types):
        return (self.prefs,)


def test_preferences_of_the_wrong_shape():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 2], [2, 3], [3, 1]])
    with pytest.raises(MethodError, match=r"'constant' returned preferences of shape \(2,\)"):
        pymcdm_method(_Constant, name="constant")(model, [0.5, 0.5], prefs=[1.0, 2.0])


def test_non_finite_preferences_name_the_alternatives():
    model = Model(["A", "B", "C"], ["x", "y"], [[1, 2], [2, 3], [3, 1]])
    with pytest.raises(MethodError, match=r"'constant' gave no finite score to \['B'\]"):
        pymcdm_method(_Constant, name="constant")(model, [0.5, 0.5], prefs=[1.0, np.nan, 2.0])


def test_non_finite_because_of_zero_range_names_the_criterion():
    """pymcdm's TOPSIS with vector normalisation turns an all-zero column into NaN for
    every alternative; the adapter refuses with the criterion's name."""
    model = Model(["A", "B", "C"], ["x", "zeros"], [[1, 0], [2, 0], [3, 0]])
    with pytest.raises(
        ZeroRangeError, match=r"'pymcdm_topsis' gave no finite score .*criteria \['zeros'\]"
    ):
        METHODS["pymcdm_topsis"](model, [0.5, 0.5], normalization_function="vector")


# -- all of pymcdm by name, step tables, PROMETHEE textbook names (issue 13) ---------------


def test_all_28_pymcdm_ranking_methods_are_registered_by_name():
    """pymcdm 1.4 ships 28 ranking methods (subclasses of MCDA_method in pymcdm.methods);
    every one is in METHODS under its lower-case name (TOPSIS as pymcdm_topsis)."""
    classes = {
        name
        for name in dir(pm)
        if isinstance(getattr(pm, name), type)
        and issubclass(getattr(pm, name), MCDA_method)
        and getattr(pm, name) is not MCDA_method
    }
    registered = {METHODS[key].method_class.__name__ for key in PYMCDM_CLASSES}
    assert classes <= registered | {"StructuralCOMET"}
    assert len(PYMCDM_CLASSES) == 28
    for key in ("lopm", "rim", "balanced_spotis", "ervd", "rafsi", "comet"):
        assert isinstance(METHODS[key], PymcdmMethod)


@pytest.mark.parametrize("name", sorted(PYMCDM_CLASSES))
def test_every_pymcdm_method_gives_its_step_tables(name, problem):
    """pymcdm's verbose mode, used internally: one labelled table per step pymcdm
    declares (all but the final preferences, which are the scores), rows and columns
    named by alternative and criterion where pymcdm says so, caption kept."""
    model, w = problem
    result = METHODS[name](model, w)
    declared = PYMCDM_CLASSES[name]._tables or []
    assert len(result.tables) >= min(1, len(declared) - 1)
    for label, table in result.tables.items():
        assert table.attrs.get("caption"), label
        if table.index.name == "alternative":
            assert list(table.index) == list(model.alternatives)


def test_comet_default_expert_and_a_given_one(problem):
    """COMET's documented default expert is pymcdm's MethodExpert(TOPSIS(), weights,
    types); a given expert function is used instead."""
    from pymcdm.methods.comet_tools import MethodExpert

    model, w = problem
    small = model.select(criteria=list(model.criterion_names[:3]))
    w3 = w[:3] / w[:3].sum()
    default = METHODS["comet"](small, w3)
    cvalues = np.column_stack([small.matrix.min(axis=0), small.matrix.max(axis=0)])
    expert = MethodExpert(pm.TOPSIS(), np.array([1.0, 0.0, 0.0]), small.types)
    given = METHODS["comet"](small, w3, expert_function=expert)
    direct = pm.COMET(cvalues, expert)(small.matrix, w3, small.types, validation=False)
    np.testing.assert_allclose(given.scores, direct, rtol=0, atol=1e-12)
    assert not np.allclose(default.scores, given.scores)


@pytest.mark.parametrize(
    ("alias", "pymcdm_name", "options"),
    [
        ("usual", "usual", {}),
        ("u-shape", "ushape", {"q": 1.0}),
        ("v-shape", "vshape", {"p": 5.0}),
        ("level", "level", {"q": 1.0, "p": 5.0}),
        ("linear", "vshape_2", {"q": 1.0, "p": 5.0}),
    ],
)
def test_promethee_textbook_names_are_pymcdm_functions(problem, alias, pymcdm_name, options):
    """Brans & Vincke (1985) types I-V by their textbook names equal pymcdm's functions."""
    model, w = problem
    n = model.n_criteria
    per_criterion = {k: [v] * n for k, v in options.items()}
    ours = METHODS["promethee_ii"](model, w, preference_function=alias, **per_criterion)
    theirs = pm.PROMETHEE_II(pymcdm_name, **per_criterion)(
        model.matrix, w, model.types, validation=False
    )
    np.testing.assert_allclose(ours.scores, theirs, rtol=0, atol=1e-12)
    assert ours.options["preference_function"] == pymcdm_name


def test_gaussian_preference_function_from_its_definition():
    """Brans & Vincke (1985), type VI: P(d) = 1 - exp(-d^2 / (2 s^2)) for d > 0. Hand
    computation, one benefit criterion, values (0, 1, 3), s = 1, m = 3:
    pi(a, b) = P(x_a - x_b); phi(a) = (sum_b pi(a, b) - sum_b pi(b, a)) / 2.
    With g(d) = 1 - exp(-d^2/2): phi = (-(g1 + g3), g1 - (g2), g3 + g2) / 2. atol 1e-12."""
    model = Model(["A", "B", "C"], ["x"], [[0.0], [1.0], [3.0]])
    result = METHODS["promethee_ii"](model, [1.0], preference_function="gaussian", s=[1.0])

    def g(d):
        return 1 - np.exp(-(d**2) / 2)

    expected = np.array([-(g(1) + g(3)), g(1) - g(2), g(3) + g(2)]) / 2
    np.testing.assert_allclose(result.scores, expected, rtol=0, atol=1e-12)
    assert result.options["s"] == (1.0,)
    assert set(result.tables) == {"pi", "pos_flow", "neg_flow"}


def test_gaussian_tends_to_the_usual_function_as_s_shrinks(problem):
    """Law: as s -> 0 the Gaussian preference of any d > 0 tends to 1 (type I)."""
    model, w = problem
    tiny = METHODS["promethee_ii"](
        model, w, preference_function="gaussian", s=[1e-9] * model.n_criteria
    )
    usual = METHODS["promethee_ii"](model, w)
    np.testing.assert_allclose(tiny.scores, usual.scores, rtol=0, atol=1e-12)


def test_gaussian_s_is_checked(problem):
    model, w = problem
    with pytest.raises(ArgumentError, match=r"s\['c0'\] must be in \(0, inf\]"):
        METHODS["promethee_ii"](
            model, w, preference_function="gaussian", s=[0.0] * model.n_criteria
        )
    with pytest.raises(MethodError, match="'s' is for the Gaussian preference function only"):
        METHODS["promethee_ii"](model, w, s=[1.0] * model.n_criteria)
