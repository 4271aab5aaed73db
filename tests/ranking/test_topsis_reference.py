"""TOPSIS against published worked examples (data and citations in data/topsis_references.json).

Each test names its source and the tolerance the printed precision allows;
the expected numbers are the sources' own, never pathchoice output.
"""

import numpy as np
import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from pathchoice.ranking import topsis

from .strategies import reference_case


def test_hwang_yoon_1981_fighter_aircraft_closeness():
    """Hwang & Yoon (1981), LNEMS 186, TOPSIS example (fighter aircraft, p. 133).

    Vector normalisation, X4 (cost) minimised. Published C* = 0.643, 0.268,
    0.613, 0.312 (3 decimals); atol 1e-3 because the book rounds its
    intermediate tables (its normalised cost column is off by up to 7e-4).
    """
    model, weights, _, expected, tol = reference_case("hwang_yoon_1981_fighter_aircraft")
    result = topsis(model, weights, normalization="vector")
    np.testing.assert_allclose(result.scores, expected["scores"], atol=tol["scores"])
    assert result.ranks.tolist() == expected["ranks"]
    assert result.order() == ["A1", "A3", "A4", "A2"]


def test_hwang_yoon_1981_fighter_aircraft_step_tables():
    """Hwang & Yoon (1981), p. 133: the book's normalised matrix (atol 1e-3), weighted
    ideal and anti-ideal (atol 1.5e-4) and separation measures (atol 1e-4), all printed
    to 4 decimals from rounded intermediates."""
    model, weights, _, expected, tol = reference_case("hwang_yoon_1981_fighter_aircraft")
    tables = topsis(model, weights).tables
    for name in (
        "normalized",
        "ideal",
        "anti_ideal",
        "distance_to_ideal",
        "distance_to_anti_ideal",
    ):
        np.testing.assert_allclose(
            tables[name].to_numpy(), expected[name], atol=tol[name], err_msg=name
        )


def test_tzeng_huang_2011_closeness():
    """Tzeng & Huang (2011), Multiple Attribute Decision Making, CRC Press: TOPSIS
    example, vector normalisation, weights (0.3, 0.4, 0.3). Published to 4 decimals
    (as in scikit-criteria's test_TOPSIS_tzeng2011multiple); atol 1e-4."""
    model, weights, _, expected, tol = reference_case("tzeng_huang_2011")
    result = topsis(model, weights, normalization="vector")
    np.testing.assert_allclose(result.scores, expected["scores"], atol=tol["scores"])
    assert result.ranks.tolist() == expected["ranks"]


def test_ersoy_2021_equipment_selection_closeness():
    """Ersoy (2021), LogForum 17(3): entropy-weighted TOPSIS, vector normalisation, two
    cost criteria. Published to 3 decimals from rounded intermediates (each value
    5e-4..9e-4 above the exact one); atol 1e-3."""
    model, weights, _, expected, tol = reference_case("ersoy_2021_equipment_selection")
    result = topsis(model, weights, normalization="vector")
    np.testing.assert_allclose(result.scores, expected["scores"], atol=tol["scores"])
    assert result.ranks.tolist() == expected["ranks"]


def test_opricovic_tzeng_2004_minmax_reference_values():
    """Opricovic & Tzeng (2004), EJOR 156:445-455, numerical example (f1 minimised,
    f2 maximised, equal weights) with min-max normalisation: pymcdm's published
    reference values 0.500, 0.617, 0.500 (3 decimals); atol 5e-4. A1 and A3 tie."""
    model, weights, _, expected, tol = reference_case("opricovic_tzeng_2004_minmax")
    result = topsis(model, weights, normalization="minmax")
    np.testing.assert_allclose(result.scores, expected["scores"], atol=tol["scores"])
    assert result.ranks.tolist() == expected["ranks"]


@pytest.mark.parametrize(
    "case",
    [
        "hwang_yoon_1981_fighter_aircraft",
        "tzeng_huang_2011",
        "ersoy_2021_equipment_selection",
        "opricovic_tzeng_2004_minmax",
    ],
)
@pytest.mark.parametrize(
    ("normalization", "function"),
    [
        ("vector", normalizations.vector_normalization),
        ("minmax", normalizations.minmax_normalization),
    ],
)
def test_reference_problems_agree_with_pymcdm(case, normalization, function):
    """Second library as oracle on the same published problems, both normalisations:
    pymcdm.methods.TOPSIS with the matching normalisation, to 1e-12."""
    model, weights, _, _, _ = reference_case(case)
    expected = TOPSIS(function)(model.matrix, weights, model.types, validation=False)
    result = topsis(model, weights, normalization=normalization)
    np.testing.assert_allclose(result.scores, expected, rtol=0, atol=1e-12)
