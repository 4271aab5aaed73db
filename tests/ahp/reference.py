"""Loading the published reference cases of ``data/reference_cases.json``."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np

from pathchoice.ahp import PairwiseMatrix

DATA = Path(__file__).with_name("data") / "reference_cases.json"


def load_cases() -> list[dict]:
    """All reference cases, each a dict with at least name, source, labels, matrix."""
    return json.loads(DATA.read_text(encoding="utf-8"))["cases"]


def case(name: str) -> dict:
    """One reference case by name."""
    for item in load_cases():
        if item["name"] == name:
            return item
    raise KeyError(name)


def values_of(item: dict) -> np.ndarray:
    """The printed matrix as floats (exact fractions, '.' as NaN)."""
    return np.array(
        [[np.nan if x == "." else float(Fraction(x)) for x in row] for row in item["matrix"]]
    )


def matrix_of(item: dict) -> PairwiseMatrix:
    """The case's PairwiseMatrix."""
    values = values_of(item)
    return PairwiseMatrix(values, item["labels"], allow_missing=bool(np.isnan(values).any()))
