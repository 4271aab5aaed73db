"""The registry of ranking methods and the :func:`rank` dispatcher.

A ranking method is any callable ``method(model, weights, **options)``
returning a :class:`RankingResult` for one weight vector (and, if it
supports batches, a :class:`BatchRankingResult` for a 2-D batch).
:data:`METHODS` is a plain dict from name to method: pathchoice's own
:func:`~pathchoice.ranking.topsis` and pymcdm's methods through
:func:`~pathchoice.ranking.pymcdm_method`. Register your own by assignment::

    METHODS["my_method"] = my_method                      # any conforming callable
    METHODS["vikor_v09"] = pymcdm_method("vikor", v=0.9)  # a pymcdm method with options

and :func:`rank` (and everything built on it) can use it by name.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..exceptions import MethodError, WeightsError
from ..model import Model
from ..results import BatchRankingResult, RankingResult
from .pymcdm_adapter import PymcdmMethod, pymcdm_method
from .topsis import topsis

__all__ = ["METHODS", "RankingMethod", "methods_frame", "rank", "rank_batch"]

RankingMethod = Callable[..., RankingResult | BatchRankingResult]

#: Ranking methods by name. pymcdm methods keep pymcdm's defaults except
#: PROMETHEE II (preference function "usual") and SPOTIS (bounds = each
#: criterion's observed [min, max]); "pymcdm_topsis" is pymcdm's own TOPSIS
#: (min-max normalisation), kept for cross-checks.
METHODS: dict[str, RankingMethod] = {
    "topsis": topsis,
    "aras": pymcdm_method("aras"),
    "aroman": pymcdm_method("aroman"),
    "cocoso": pymcdm_method("cocoso"),
    "codas": pymcdm_method("codas"),
    "copras": pymcdm_method("copras"),
    "edas": pymcdm_method("edas"),
    "lmaw": pymcdm_method("lmaw"),
    "mabac": pymcdm_method("mabac"),
    "mairca": pymcdm_method("mairca"),
    "marcos": pymcdm_method("marcos"),
    "moora": pymcdm_method("moora"),
    "ocra": pymcdm_method("ocra"),
    "probid": pymcdm_method("probid"),
    "promethee_ii": pymcdm_method("promethee_ii"),
    "pymcdm_topsis": pymcdm_method("pymcdm_topsis"),
    "ram": pymcdm_method("ram"),
    "spotis": pymcdm_method("spotis"),
    "sprobid": pymcdm_method("sprobid"),
    "vikor": pymcdm_method("vikor"),
    "waspas": pymcdm_method("waspas"),
    "wpm": pymcdm_method("wpm"),
    "wsm": pymcdm_method("wsm"),
}


def _option_names(method: RankingMethod) -> tuple[str, ...] | None:
    """Keyword options a method takes after (model, weights); None if it takes any."""
    if isinstance(method, PymcdmMethod):
        return method.options
    try:
        parameters = list(inspect.signature(method).parameters.values())
    except (TypeError, ValueError):
        return None
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    keywords = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return tuple(p.name for p in parameters[2:] if p.kind in keywords)


def rank(
    model: Model,
    weights: Any,
    method: str | RankingMethod = "topsis",
    **options: Any,
) -> RankingResult | BatchRankingResult:
    """Rank the model's alternatives with a method chosen by name.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : Series, mapping, DataFrame or array_like
        One weight vector or a 2-D batch, as for :func:`~pathchoice.ranking.topsis`.
    method : str or callable, default "topsis"
        A key of :data:`METHODS` or a conforming callable.
    **options
        The method's options (``normalization="minmax"`` for TOPSIS,
        ``v=0.7`` for VIKOR, ``bounds=...`` for SPOTIS, ...).

    Returns
    -------
    RankingResult or BatchRankingResult
        What the method returns; ``result.higher_is_better`` says which way
        its scores point.

    Raises
    ------
    MethodError
        An unknown method name (the message lists the known ones), an option
        the method does not take (named), or a method that does not return a
        ranking result.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(
    ...     ["A1", "A2", "A3"], ["risk", "benefit"], [[1, 3000], [2, 3750], [5, 4500]],
    ...     directions={"risk": "cost"},
    ... )
    >>> rank(model, [0.5, 0.5]).order()
    ['A1', 'A2', 'A3']
    >>> rank(model, [0.5, 0.5], "vikor", v=0.5).ranks.tolist()
    [2, 1, 2]
    >>> rank(model, [0.5, 0.5], "topsis", v=0.5)
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.MethodError: method 'topsis' does not take option(s) ['v']; ...
    """
    if isinstance(method, str):
        if method not in METHODS:
            raise MethodError(f"unknown ranking method {method!r}; known: {sorted(METHODS)}")
        label, function = method, METHODS[method]
    elif callable(method):
        label, function = getattr(method, "__name__", type(method).__name__), method
    else:
        raise MethodError(
            f"method must be a name from METHODS or a callable (got {type(method).__name__})"
        )
    allowed = _option_names(function)
    if allowed is not None:
        unknown = [k for k in options if k not in allowed]
        if unknown:
            raise MethodError(
                f"method {label!r} does not take option(s) {unknown}; "
                f"its options are {list(allowed)}"
            )
    result = function(model, weights, **options)
    if not isinstance(result, (RankingResult, BatchRankingResult)):
        raise MethodError(
            f"method {label!r} returned {type(result).__name__}, "
            "not a RankingResult or BatchRankingResult"
        )
    return result


def rank_batch(
    model: Model,
    weights: pd.DataFrame | npt.ArrayLike,
    method: str | RankingMethod = "topsis",
    **options: Any,
) -> BatchRankingResult:
    """Rank the model's alternatives under each of K weight vectors.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : DataFrame or array_like, shape (K, n_criteria)
        A DataFrame with one column per criterion (any order; aligned by name)
        or a 2-D array whose columns are in the model's criterion order.
    method : str or callable, default "topsis"
        A key of :data:`METHODS` or a conforming callable.
    **options
        The method's options.

    Returns
    -------
    BatchRankingResult
        ``scores`` and ``ranks`` of shape (K, n_alternatives).

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    >>> rank_batch(model, [[0.5, 0.5], [0.9, 0.1]]).ranks
    array([[2, 1, 2],
           [3, 2, 1]])
    """
    if np.ndim(weights) != 2:
        raise WeightsError(
            "rank_batch: weights must be 2-D, one row per weight vector "
            f"(got {np.ndim(weights)}-D); rank one vector with rank()"
        )
    result = rank(model, weights, method, **options)
    if not isinstance(result, BatchRankingResult):
        raise MethodError(f"method {method!r} did not return a BatchRankingResult for a batch")
    return result


def methods_frame() -> pd.DataFrame:
    """The registered methods: source, score direction and options, one row per name.

    ``higher_is_better`` is None for a user method that does not declare it
    (its results still carry the direction).

    Examples
    --------
    >>> methods_frame().loc[["topsis", "vikor", "spotis"], "higher_is_better"].tolist()
    [True, False, False]
    """
    rows = []
    for name, method in METHODS.items():
        if isinstance(method, PymcdmMethod):
            source, direction = (
                f"pymcdm.methods.{method.method_class.__name__}",
                (method.higher_is_better),
            )
        elif method is topsis:
            source, direction = "pathchoice", True
        else:
            source = getattr(method, "__module__", None) or "user"
            direction = getattr(method, "higher_is_better", None)
        options = _option_names(method)
        rows.append(
            {
                "method": name,
                "source": source,
                "higher_is_better": direction,
                "options": ", ".join(options) if options is not None else "any",
            }
        )
    return pd.DataFrame(rows).set_index("method")
