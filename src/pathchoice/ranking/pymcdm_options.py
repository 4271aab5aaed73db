"""Options of pymcdm methods as pathchoice supplies and checks them, and their step tables.

The pieces of :mod:`pathchoice.ranking.pymcdm_adapter` that turn a call's
options into a pymcdm constructor's arguments: the values the model supplies
where pymcdm requires one (bounds, ideal points, reference points, COMET's
characteristic values and expert), per-criterion options by name, the
normalisation and PROMETHEE preference functions by name (with the Gaussian
type pymcdm lacks), and pymcdm's verbose step tables with our labels.
pymcdm is imported on first use.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .._validate import values_by_name
from ..exceptions import MethodError, ZeroRangeError
from ..model import Model

__all__ = [
    "MODEL_DEFAULTS",
    "PER_CRITERION",
    "PREFERENCE_FUNCTIONS",
    "GaussianPrometheeII",
    "checked_bounds",
    "constructor_options",
    "echo_option",
    "gaussian_tables",
    "normalization_function",
    "per_criterion",
    "preference_function",
    "pymcdm_module",
    "step_tables",
]


def pymcdm_module(module: str = "methods") -> Any:
    """``pymcdm.<module>``, imported on first use (pymcdm imports matplotlib.pyplot)."""
    return importlib.import_module(f"pymcdm.{module}")


#: PROMETHEE preference functions by their textbook names (Brans & Vincke 1985,
#: types I-VI) and pymcdm's: name -> pymcdm's name ("gaussian": pathchoice's own).
PREFERENCE_FUNCTIONS: Mapping[str, str] = MappingProxyType(
    {
        "usual": "usual",
        "u-shape": "ushape",
        "ushape": "ushape",
        "quasi": "ushape",
        "v-shape": "vshape",
        "vshape": "vshape",
        "level": "level",
        "linear": "vshape_2",
        "vshape_2": "vshape_2",
        "gaussian": "gaussian",
    }
)


#: Options that hold one value per criterion and may be given as a mapping by name.
PER_CRITERION = ("esp", "p", "q", "s", "ref_point", "ideal", "anti_ideal")


def best_values(model: Model) -> np.ndarray:
    matrix = model.matrix
    return np.where(model.types > 0, matrix.max(axis=0), matrix.min(axis=0))


def worst_values(model: Model) -> np.ndarray:
    matrix = model.matrix
    return np.where(model.types > 0, matrix.min(axis=0), matrix.max(axis=0))


def default_expert(model: Model, weights: np.ndarray) -> Any:
    comet_tools = pymcdm_module("methods.comet_tools")
    return comet_tools.MethodExpert(pymcdm_module().TOPSIS(), weights, model.types)


#: Option values the model supplies when pymcdm requires them and the call gives none.
MODEL_DEFAULTS: Mapping[str, Callable[[Model, np.ndarray], Any]] = MappingProxyType(
    {
        "esp": lambda model, w: best_values(model),
        "ref_point": lambda model, w: model.matrix.mean(axis=0),
        "ideal": lambda model, w: best_values(model),
        "anti_ideal": lambda model, w: worst_values(model),
        "cvalues": lambda model, w: np.column_stack(
            [model.matrix.min(axis=0), model.matrix.max(axis=0)]
        ),
        "expert_function": default_expert,
    }
)


def constructor_options(method_class: type) -> tuple[tuple[str, Any], ...]:
    """(name, default) for each keyword the class's constructor takes (``empty`` if none)."""
    if method_class.__init__ is object.__init__:
        return ()
    parameters = inspect.signature(method_class.__init__).parameters.values()
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return tuple((p.name, p.default) for p in parameters if p.kind in kinds and p.name != "self")


def echo_option(value: Any) -> Any:
    """A printable, immutable form of an option value for ``RankingResult.options``."""
    if callable(value):  # a function by name, an expert object by its class
        return getattr(value, "__name__", None) or type(value).__name__
    if isinstance(value, np.ndarray):
        return tuple(map(echo_option, value.tolist())) if value.ndim else value.item()
    if isinstance(value, (list, tuple)):
        return tuple(echo_option(v) for v in value)
    return value


def normalization_function(method: str, value: Any) -> Any:
    """A pymcdm normalisation given by name (``"minmax"``, ...) or as a callable; None kept."""
    if value is None or callable(value):
        return value
    normalizations = pymcdm_module("normalizations")
    if isinstance(value, str):
        key = value if value.endswith("_normalization") else f"{value}_normalization"
        if key in normalizations.__all__:
            return getattr(normalizations, key)
    known = sorted(n.removesuffix("_normalization") for n in normalizations.__all__)
    raise MethodError(
        f"method {method!r}: normalization_function must be a callable or the name of a "
        f"pymcdm normalization {known} (got {value!r})"
    )


def per_criterion(method: str, option: str, value: Any, model: Model) -> Any:
    """A per-criterion option given by criterion name (mapping or Series) as a list in order."""
    if not isinstance(value, (Mapping, pd.Series)):
        return value
    return values_by_name(
        value,
        model.criterion_names,
        f"option {option!r}",
        where=f"method {method!r}",
        error=MethodError,
    )


def checked_bounds(method: str, value: Any, model: Model) -> np.ndarray:
    """Checked (n_criteria, 2) bounds; ``None`` means each criterion's observed [min, max]."""
    names = model.criterion_names
    matrix = model.matrix
    if value is None:
        bounds = np.column_stack([matrix.min(axis=0), matrix.max(axis=0)])
        flat = [n for n, (lo, hi) in zip(names, bounds, strict=True) if lo == hi]
        if flat:
            raise ZeroRangeError(
                f"method {method!r}: criteria {flat} have the same value for every alternative, "
                "so their default bounds [min, max] are empty; pass bounds=... explicitly or "
                "drop them with model.select(criteria=...)"
            )
        return bounds
    if isinstance(value, (Mapping, pd.Series)):
        value = per_criterion(method, "bounds", value, model)
    try:
        bounds = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise MethodError(
            f"method {method!r}: bounds must be numbers, one [min, max] pair per criterion "
            f"(got {value!r})"
        ) from None
    if bounds.shape != (len(names), 2):
        raise MethodError(
            f"method {method!r}: bounds must have shape (n_criteria, 2) = ({len(names)}, 2), "
            f"got {bounds.shape}"
        )
    for name, (lo, hi) in zip(names, bounds, strict=True):
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise MethodError(
                f"method {method!r}: bounds for criterion {name!r} must be finite with "
                f"min < max (got [{lo:g}, {hi:g}])"
            )
    outside = (matrix < bounds[:, 0]) | (matrix > bounds[:, 1])
    if outside.any():
        i, j = np.argwhere(outside)[0]
        raise MethodError(
            f"method {method!r}: performance [{model.alternatives[i]!r}, {names[j]!r}] = "
            f"{matrix[i, j]:g} lies outside that criterion's bounds "
            f"[{bounds[j, 0]:g}, {bounds[j, 1]:g}]"
        )
    return bounds


def preference_function(method: str, value: Any) -> str:
    """pymcdm's name for a PROMETHEE preference function given by its textbook or pymcdm name."""
    if isinstance(value, str) and value.lower() in PREFERENCE_FUNCTIONS:
        return PREFERENCE_FUNCTIONS[value.lower()]
    raise MethodError(
        f"method {method!r}: preference_function must be one of "
        f"{sorted(PREFERENCE_FUNCTIONS)} (got {value!r})"
    )


class GaussianPrometheeII:
    """PROMETHEE II with the Gaussian preference function (Brans & Vincke's type VI).

    pymcdm offers types I-V only, so this one is pathchoice's own, with
    pymcdm's calling convention. For a difference ``d > 0`` on criterion ``j``
    the preference is ``1 - exp(-d**2 / (2 s_j**2))`` (0 otherwise); the
    aggregated index ``pi(a, b) = sum_j w_j P_j(a, b)``, the flows
    ``phi+ = sum_b pi(a, b) / (m - 1)``, ``phi- = sum_b pi(b, a) / (m - 1)`` and
    the net flow ``phi = phi+ - phi-`` (higher is better).
    """

    _reverse_ranking = True

    def __init__(self, s: Any) -> None:
        self.s = np.asarray(s, dtype=np.float64)

    def steps(
        self, matrix: np.ndarray, weights: np.ndarray, types: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``pi`` (m, m), ``phi+``, ``phi-`` and the net flow ``phi`` (each (m,))."""
        m = matrix.shape[0]
        d = (matrix[:, None, :] - matrix[None, :, :]) * types  # [a, b, j]
        preference = np.where(d > 0, -np.expm1(-np.square(d) / (2 * np.square(self.s))), 0.0)
        pi = preference @ weights
        plus, minus = pi.sum(axis=1) / (m - 1), pi.sum(axis=0) / (m - 1)
        return pi, plus, minus, plus - minus


def gaussian_tables(
    instance: GaussianPrometheeII, model: Model, w: np.ndarray
) -> tuple[np.ndarray, dict[str, pd.DataFrame | pd.Series]]:
    """Net flows (m,) and step tables (``pi``, ``pos_flow``, ``neg_flow``), Gaussian type."""
    pi, plus, minus, net = instance.steps(model.matrix, w, model.types.astype(np.float64))
    alternatives = pd.Index(model.alternatives, name="alternative")
    tables: dict[str, pd.DataFrame | pd.Series] = {
        "pi": pd.DataFrame(pi, index=alternatives, columns=alternatives.copy()),
        "pos_flow": pd.Series(plus, index=alternatives, name="pos_flow"),
        "neg_flow": pd.Series(minus, index=alternatives, name="neg_flow"),
    }
    return net, tables


def labelled_table(table: Any, model: Model) -> pd.DataFrame | pd.Series:
    """A pymcdm step table with our labels ('A' = alternatives, 'C' = criteria)."""
    data = np.asarray(table.data)
    names = {"A": model.alternatives, "C": model.criterion_names}
    axis_names = {"A": "alternative", "C": "criterion"}

    def index(spec: Any, size: int, fallback: Any) -> pd.Index:
        if isinstance(spec, str) and spec in names and len(names[spec]) == size:
            return pd.Index(names[spec], name=axis_names[spec])
        return pd.Index(list(fallback) if fallback is not None else range(size))

    rows = index(table.desc.rows, data.shape[0], getattr(table, "row_labels", None))
    if data.ndim == 1:
        out: pd.DataFrame | pd.Series = pd.Series(data, index=rows, name=table.desc.label)
    else:
        cols = index(table.desc.cols, data.shape[1], getattr(table, "col_labels", None))
        out = pd.DataFrame(data.reshape(data.shape[0], -1), index=rows, columns=cols)
    out.attrs = {"caption": table.desc.caption, "symbol": table.desc.symbol}
    return out


def step_tables(explained: Any, model: Model) -> tuple[np.ndarray, dict[str, Any]]:
    """Preferences (the last table) and the other step tables, by pymcdm's labels."""
    *steps, last = explained.results
    tables: dict[str, Any] = {}
    for k, table in enumerate(steps):
        label = str(table.desc.label)
        if label.startswith("diff_c{") and k < model.n_criteria:
            label = f"difference {model.criterion_names[k]}"
        while label in tables:
            label = f"{label}_{k}"
        tables[label] = labelled_table(table, model)
    return np.asarray(last.data, dtype=np.float64).reshape(-1), tables
