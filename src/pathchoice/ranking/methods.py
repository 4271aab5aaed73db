"""The registry of ranking methods and the :func:`rank` / :func:`rank_batch` dispatchers.

A ranking method is any callable ``method(model, weights, **options)``
returning a :class:`RankingResult` for one weight vector. A method that can
rank K weight vectors at once offers that as ``method.batch(model, weights_2d,
**options) -> BatchRankingResult``: :func:`~pathchoice.ranking.topsis` does
(natively vectorised), and so does every pymcdm method through the adapter
(one pymcdm call per row). :func:`rank_batch` uses ``batch`` when a method has
one and otherwise calls the method once per row; no function switches on the
shape of its input. :data:`METHODS` is a plain dict from name to method:
pathchoice's own :func:`~pathchoice.ranking.topsis` and pymcdm's 28 ranking
methods through :func:`~pathchoice.ranking.pymcdm_method`. Register your own
by assignment::

    METHODS["my_method"] = my_method                      # any conforming callable
    METHODS["vikor_v09"] = pymcdm_method("vikor", v=0.9)  # a pymcdm method with options

and :func:`rank` (and everything built on it) can use it by name.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .._validate import prefix
from ..exceptions import MethodError, WeightsError
from ..model import Model, as_model
from ..results import BatchRankingResult, RankingResult, rank_scores
from ..weights import WeightBatch, WeightVector, check_weights
from .pymcdm_adapter import PYMCDM_CLASSES, PymcdmMethod, pymcdm_method
from .topsis import topsis

__all__ = ["METHODS", "RankingMethod", "methods_frame", "rank", "rank_batch"]

#: A ranking method: ``method(model, weights, **options) -> RankingResult``.
RankingMethod = Callable[..., RankingResult]

#: Ranking methods by name: pathchoice's TOPSIS and all 28 of pymcdm's. pymcdm
#: methods keep pymcdm's defaults except PROMETHEE II (preference function
#: "usual") and where the model supplies a required option (SPOTIS/RIM bounds
#: = each criterion's observed [min, max], ...; see
#: :mod:`pathchoice.ranking.pymcdm_adapter`). "pymcdm_topsis" is pymcdm's own
#: TOPSIS (min-max normalisation), kept for cross-checks.
METHODS: dict[str, RankingMethod] = {
    "topsis": topsis,
    **{name: pymcdm_method(name) for name in PYMCDM_CLASSES},  # no pymcdm import yet
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


def _resolve(method: object, where: str) -> tuple[str, RankingMethod]:
    """(label, callable) of a method given by name or as a callable."""
    if isinstance(method, str):
        if method not in METHODS:
            raise MethodError(
                f"{where}: unknown ranking method {method!r}; known: {sorted(METHODS)}"
            )
        return method, METHODS[method]
    if callable(method):
        return getattr(method, "__name__", None) or getattr(
            method, "name", type(method).__name__
        ), method  # type: ignore[return-value]
    raise MethodError(
        f"{where}: method must be a name from METHODS or a callable (got {type(method).__name__})"
    )


def _rank_iv(
    model: object, method: object, options: dict[str, Any], where: str, *, batch: bool
) -> tuple[Model, str, RankingMethod]:
    """The checked arguments of :func:`rank` and :func:`rank_batch`."""
    model = as_model(model, where)
    label, function = _resolve(method, where)
    own_batch = getattr(function, "batch", None)
    vectorised = batch and own_batch is not None and not isinstance(function, PymcdmMethod)
    allowed = _option_names(own_batch if vectorised else function)
    if allowed is not None:
        unknown = [k for k in options if k not in allowed]
        if unknown:
            raise MethodError(
                f"method {label!r} does not take option(s) {unknown}; "
                f"its options are {list(allowed)}"
            )
    return model, label, function


def rank(
    model: Model,
    weights: WeightVector,
    method: str | RankingMethod = "topsis",
    **options: Any,
) -> RankingResult:
    """Rank the model's alternatives with one weight vector and a method chosen by name.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : Series, mapping or array_like
        One weight vector, as for :func:`~pathchoice.ranking.topsis`. For K
        vectors use :func:`rank_batch`.
    method : str or callable, default "topsis"
        A key of :data:`METHODS` or a conforming callable.
    **options
        The method's options (``normalization="minmax"`` for TOPSIS,
        ``v=0.7`` for VIKOR, ``bounds=...`` for SPOTIS, ...).

    Returns
    -------
    RankingResult
        What the method returns; ``result.higher_is_better`` says which way
        its scores point.

    Raises
    ------
    MethodError
        An unknown method name (the message lists the known ones), an option
        the method does not take (named), or a method that does not return a
        ranking result.
    WeightsError
        Malformed weights, or a 2-D batch (use :func:`rank_batch`).

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
    model, label, function = _rank_iv(model, method, options, "rank", batch=False)
    check_weights(weights, model.criterion_names, where="rank")  # type: ignore[arg-type]
    result = function(model, weights, **options)
    if not isinstance(result, RankingResult):
        raise MethodError(f"method {label!r} returned {type(result).__name__}, not a RankingResult")
    return result


def rank_batch(
    model: Model,
    weights: WeightBatch,
    method: str | RankingMethod = "topsis",
    **options: Any,
) -> BatchRankingResult:
    """Rank the model's alternatives under each of K weight vectors.

    A method with a ``batch`` form (TOPSIS natively vectorised, pymcdm's
    methods through the adapter) uses it; any other conforming callable is
    called once per weight vector.

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
        The method's options (``chunk_size=`` too for TOPSIS).

    Returns
    -------
    BatchRankingResult
        ``scores`` and ``ranks`` of shape (K, n_alternatives).

    Raises
    ------
    MethodError, WeightsError
        As for :func:`rank`; weights that are not 2-D.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 9], [6, 6], [9, 1]])
    >>> rank_batch(model, [[0.5, 0.5], [0.9, 0.1]]).ranks
    array([[2, 1, 2],
           [3, 2, 1]])
    """
    where = "rank_batch"
    model, label, function = _rank_iv(model, method, options, where, batch=True)
    if not isinstance(weights, pd.DataFrame) and np.ndim(weights) != 2:  # type: ignore[arg-type]
        raise WeightsError(
            f"{prefix(where, 'weights')} must be 2-D, one row per weight vector "
            f"(got {np.ndim(weights)}-D); rank one vector with rank()"  # type: ignore[arg-type]
        )
    batch = getattr(function, "batch", None)
    if batch is not None:
        result = batch(model, weights, **options)
        if not isinstance(result, BatchRankingResult):
            raise MethodError(
                f"method {label!r} returned {type(result).__name__} for a batch, "
                "not a BatchRankingResult"
            )
        return result
    w = check_weights(weights, model.criterion_names, allow_batch=True, where=where)
    return _loop(model, w, label, function, options)


def _loop(
    model: Model, w: np.ndarray, label: str, function: RankingMethod, options: dict[str, Any]
) -> BatchRankingResult:
    """A batch from one call per weight vector, for a method without a ``batch`` form."""
    scores = np.empty((w.shape[0], model.n_alternatives))
    first: RankingResult | None = None
    for k, row in enumerate(w):
        result = function(model, row, **options)
        if not isinstance(result, RankingResult):
            raise MethodError(
                f"method {label!r} returned {type(result).__name__}, not a RankingResult"
            )
        first = first or result
        scores[k] = result.scores.to_numpy(dtype=np.float64)
    hib = True if first is None else first.higher_is_better
    return BatchRankingResult(
        method=label if first is None else first.method,
        scores=scores,
        ranks=rank_scores(scores, higher_is_better=hib),
        weights=w,
        alternatives=model.alternatives,
        criteria=model.criterion_names,
        higher_is_better=hib,
        options={} if first is None else dict(first.options),
        findings=() if first is None else first.findings,
    )


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
            source = f"pymcdm.methods.{method.method_class.__name__}"
            direction = method.higher_is_better
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
