"""One adapter from pymcdm's ranking methods to pathchoice's result types.

A pymcdm method is an object built with its options (``VIKOR(v=0.5)``) and
called as ``method(matrix, weights, types) -> preferences``. The adapter
turns any of them into a pathchoice ranking method,
``method(model, weights, **options) -> RankingResult``, so that they can sit
in :data:`pathchoice.ranking.METHODS` beside :func:`~pathchoice.ranking.topsis`:

>>> vikor = pymcdm_method("vikor")
>>> vikor.higher_is_better, vikor.options
(False, ('normalization_function', 'v'))

Options are the pymcdm constructor's keyword arguments, checked by name
before pymcdm sees them. Where pymcdm needs an option that the model can
supply, the adapter supplies it: SPOTIS's ``bounds`` default to each
criterion's observed ``[min, max]``. PROMETHEE II's preference function
defaults to ``"usual"``. A ``normalization_function`` may be given by name
(``"minmax"``, ``"vector"``, ``"sum"``, ... from ``pymcdm.normalizations``).
Per-criterion options (``bounds``, ``esp``, ``p``, ``q``) may be mappings
keyed by criterion name.

pymcdm methods are called once per weight vector, so a batch of K vectors
costs K pymcdm calls (a Python loop: about 3,500 vectors per second for
pymcdm's TOPSIS on a 12 × 12 problem): use :func:`~pathchoice.ranking.topsis`
itself for large batches.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
from pymcdm import methods as pm
from pymcdm import normalizations as pn
from pymcdm.methods.mcda_method import MCDA_method

from ..exceptions import MethodError, UnknownNameError, ZeroRangeError
from ..model import Model
from ..results import BatchRankingResult, RankingResult, rank_scores
from ..weights import check_weights

__all__ = ["PYMCDM_CLASSES", "PymcdmMethod", "pymcdm_method"]

#: pymcdm ranking methods available by name (``pymcdm_method("vikor")``).
PYMCDM_CLASSES: Mapping[str, type[MCDA_method]] = MappingProxyType(
    {
        "aras": pm.ARAS,
        "aroman": pm.AROMAN,
        "cocoso": pm.COCOSO,
        "codas": pm.CODAS,
        "copras": pm.COPRAS,
        "edas": pm.EDAS,
        "lmaw": pm.LMAW,
        "mabac": pm.MABAC,
        "mairca": pm.MAIRCA,
        "marcos": pm.MARCOS,
        "moora": pm.MOORA,
        "ocra": pm.OCRA,
        "probid": pm.PROBID,
        "promethee_ii": pm.PROMETHEE_II,
        "pymcdm_topsis": pm.TOPSIS,
        "ram": pm.RAM,
        "spotis": pm.SPOTIS,
        "sprobid": pm.SPROBID,
        "vikor": pm.VIKOR,
        "waspas": pm.WASPAS,
        "wpm": pm.WPM,
        "wsm": pm.WSM,
    }
)

# Defaults pathchoice chooses where pymcdm has none (documented in docs/topsis.md).
_DEFAULT_OPTIONS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {"promethee_ii": MappingProxyType({"preference_function": "usual"})}
)

# Options that hold one value per criterion and may be given as a mapping by name.
_PER_CRITERION = ("esp", "p", "q")

# Exceptions pymcdm lets out for a problem it cannot rank.
_PYMCDM_FAILURES = (ValueError, ZeroDivisionError, FloatingPointError, np.linalg.LinAlgError)


def _constructor_options(method_class: type) -> tuple[tuple[str, Any], ...]:
    """(name, default) for each keyword the class's constructor takes (``empty`` if none)."""
    if method_class.__init__ is object.__init__:
        return ()
    parameters = inspect.signature(method_class.__init__).parameters.values()
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return tuple((p.name, p.default) for p in parameters if p.kind in kinds and p.name != "self")


def _echo(value: Any) -> Any:
    """A printable, immutable form of an option value for ``RankingResult.options``."""
    if callable(value):
        return getattr(value, "__name__", repr(value))
    if isinstance(value, np.ndarray):
        return tuple(map(_echo, value.tolist())) if value.ndim else value.item()
    if isinstance(value, (list, tuple)):
        return tuple(_echo(v) for v in value)
    return value


def _normalization_function(method: str, value: Any) -> Any:
    if value is None or callable(value):
        return value
    if isinstance(value, str):
        key = value if value.endswith("_normalization") else f"{value}_normalization"
        if key in pn.__all__:
            return getattr(pn, key)
    known = sorted(n.removesuffix("_normalization") for n in pn.__all__)
    raise MethodError(
        f"method {method!r}: normalization_function must be a callable or the name of a "
        f"pymcdm normalization {known} (got {value!r})"
    )


def _per_criterion(method: str, option: str, value: Any, model: Model) -> Any:
    if not isinstance(value, (Mapping, pd.Series)):
        return value
    names = model.criterion_names
    keys = list(value.index) if isinstance(value, pd.Series) else list(value)
    unknown = [str(k) for k in keys if k not in names]
    if unknown:
        raise UnknownNameError(
            f"method {method!r}: option {option!r} names unknown criteria {unknown}; "
            f"criteria are {list(names)}"
        )
    missing = [n for n in names if n not in keys]
    if missing:
        raise MethodError(f"method {method!r}: option {option!r} is missing criteria {missing}")
    return [value[n] for n in names]


def _bounds(method: str, value: Any, model: Model) -> np.ndarray:
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
        value = _per_criterion(method, "bounds", value, model)
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


@dataclass(frozen=True)
class PymcdmMethod:
    """A pymcdm ranking method as a pathchoice method ``(model, weights, **options)``.

    Build one with :func:`pymcdm_method`. Calling it checks the weights and
    the options, builds the pymcdm object, ranks, and returns a
    :class:`RankingResult` (one weight vector) or a :class:`BatchRankingResult`
    (a 2-D batch, one pymcdm call per row).

    Attributes
    ----------
    name : str
        The name results carry (``result.method``).
    method_class : type
        The pymcdm class (a subclass of ``MCDA_method``).
    defaults : mapping
        Options applied unless the call overrides them.
    instance : object or None
        A ready pymcdm object used as is (no options can be applied).
    """

    name: str
    method_class: type[MCDA_method]
    defaults: Mapping[str, Any] = field(default_factory=dict)
    instance: MCDA_method | None = None

    def __post_init__(self) -> None:
        self._check_names(self.defaults)

    @property
    def higher_is_better(self) -> bool:
        """Whether a higher pymcdm score is better (pymcdm's ``_reverse_ranking``)."""
        return bool(getattr(self.method_class, "_reverse_ranking", True))

    @property
    def options(self) -> tuple[str, ...]:
        """The option names this method takes (the pymcdm constructor's keywords)."""
        if self.instance is not None:
            return ()
        return tuple(name for name, _ in _constructor_options(self.method_class))

    def _check_names(self, options: Mapping[str, Any]) -> None:
        unknown = [k for k in options if k not in self.options]
        if not unknown:
            return
        if self.instance is not None:
            raise MethodError(
                f"method {self.name!r} wraps a ready pymcdm object and takes no options "
                f"(got {unknown}); wrap the class or the name to pass options"
            )
        raise MethodError(
            f"method {self.name!r} does not take option(s) {unknown}; "
            f"its options are {list(self.options)}"
        )

    def _build(self, model: Model, options: Mapping[str, Any]) -> tuple[MCDA_method, dict]:
        """The pymcdm object for these options, and the options as used (for the result)."""
        if self.instance is not None:
            return self.instance, {}
        given = {**_DEFAULT_OPTIONS.get(self.name, {}), **self.defaults, **options}
        kwargs: dict[str, Any] = {}
        used: dict[str, Any] = {}
        for option, default in _constructor_options(self.method_class):
            if option == "bounds":
                kwargs[option] = _bounds(self.name, given.get(option), model)
            elif option in given:
                value = given[option]
                if option == "normalization_function":
                    value = _normalization_function(self.name, value)
                elif option in _PER_CRITERION:
                    value = _per_criterion(self.name, option, value, model)
                kwargs[option] = value
            elif default is inspect.Parameter.empty:
                raise MethodError(f"method {self.name!r} needs option {option!r}")
            used[option] = _echo(kwargs.get(option, default))
        try:
            return self.method_class(**kwargs), used
        except (ValueError, TypeError, AttributeError) as exc:
            raise MethodError(
                f"method {self.name!r}: pymcdm rejected the options {used}: {exc}"
            ) from exc

    def _scores(
        self, model: Model, instance: MCDA_method, weights: np.ndarray, where: str
    ) -> np.ndarray:
        zero = model.zero_range_criteria()
        try:
            with np.errstate(all="ignore"):
                prefs = instance(model.matrix, weights, model.types, validation=False)
        except _PYMCDM_FAILURES as exc:
            if zero:
                raise ZeroRangeError(
                    f"method {self.name!r} failed{where}; criteria {list(zero)} have the same "
                    f"value for every alternative, which pymcdm's {self.method_class.__name__} "
                    f"cannot handle ({exc}); drop them with model.select(criteria=...)"
                ) from exc
            raise MethodError(f"method {self.name!r} refused the problem{where}: {exc}") from exc
        prefs = np.asarray(prefs, dtype=np.float64)
        if prefs.shape != (model.n_alternatives,):
            raise MethodError(
                f"method {self.name!r} returned preferences of shape {prefs.shape}{where}, "
                f"expected ({model.n_alternatives},)"
            )
        bad = [a for a, ok in zip(model.alternatives, np.isfinite(prefs), strict=True) if not ok]
        if bad and zero:
            raise ZeroRangeError(
                f"method {self.name!r} gave no finite score to {bad}{where} because criteria "
                f"{list(zero)} have the same value for every alternative; drop them with "
                "model.select(criteria=...) or use topsis, which ignores them"
            )
        if bad:
            raise MethodError(f"method {self.name!r} gave no finite score to {bad}{where}")
        return prefs

    def __call__(
        self, model: Model, weights: Any, **options: Any
    ) -> RankingResult | BatchRankingResult:
        """Rank ``model`` with this pymcdm method; see :func:`pymcdm_method`."""
        self._check_names(options)
        w = check_weights(weights, model.criterion_names, allow_batch=True)
        instance, used = self._build(model, options)
        hib = self.higher_is_better
        if w.ndim == 2:
            scores = np.empty((w.shape[0], model.n_alternatives))
            for k, row in enumerate(w):
                # A fresh pymcdm object per call unless one was given: PROMETHEE's
                # per-criterion p/q are single-use generators inside pymcdm.
                current = instance if self.instance is not None else self._build(model, options)[0]
                scores[k] = self._scores(model, current, row, f" for weight vector {k}")
            return BatchRankingResult(
                method=self.name,
                scores=scores,
                ranks=rank_scores(scores, higher_is_better=hib),
                weights=w,
                alternatives=model.alternatives,
                criteria=model.criterion_names,
                higher_is_better=hib,
                options=used,
            )
        scores = self._scores(model, instance, w, "")
        alternatives = pd.Index(model.alternatives, name="alternative")
        findings = tuple(
            f"criterion {n!r} has the same value for every alternative and cannot discriminate; "
            f"pymcdm's {self.method_class.__name__} handles it by its own rule"
            for n in model.zero_range_criteria()
        )
        return RankingResult(
            method=self.name,
            scores=pd.Series(scores, index=alternatives, name="score"),
            ranks=pd.Series(
                rank_scores(scores, higher_is_better=hib), index=alternatives, name="rank"
            ),
            weights=pd.Series(
                w, index=pd.Index(model.criterion_names, name="criterion"), name="weight"
            ),
            higher_is_better=hib,
            options=used,
            tables={},
            findings=findings,
        )


def pymcdm_method(
    method: str | type[MCDA_method] | MCDA_method, /, *, name: str | None = None, **defaults: Any
) -> PymcdmMethod:
    """Wrap a pymcdm ranking method as ``method(model, weights, **options) -> RankingResult``.

    Parameters
    ----------
    method : str, pymcdm class or pymcdm object
        A name from :data:`PYMCDM_CLASSES` (``"vikor"``, ``"spotis"``, ...), a
        subclass of pymcdm's ``MCDA_method`` (options are applied per call),
        or a ready pymcdm object (used as is; it takes no options).
    name : str, optional
        The name results carry. Default: the registry name, or the class name
        in lower case.
    **defaults
        Options applied on every call unless the call overrides them, e.g.
        ``pymcdm_method("vikor", v=0.9)``.

    Returns
    -------
    PymcdmMethod
        A callable ``(model, weights, **options)``: a 1-D weight vector gives a
        :class:`RankingResult` (``tables`` is empty; ``higher_is_better`` is
        pymcdm's direction for that method), a 2-D batch a
        :class:`BatchRankingResult` computed with one pymcdm call per row
        (slow: prefer :func:`~pathchoice.ranking.topsis` for large batches).

    Raises
    ------
    MethodError
        An unknown name, an object that is not a pymcdm method, an option the
        method does not take, or (when called) a problem pymcdm refuses.
    ZeroRangeError
        (When called) pymcdm cannot rank because a criterion has zero range,
        or SPOTIS's default bounds would be empty.

    References
    ----------
    .. [1] Kizielewicz, B., Shekhovtsov, A., & Sałabun, W. (2023). pymcdm — The
       universal library for solving multi-criteria decision-making problems.
       *SoftwareX*, 22, 101368.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(
    ...     ["A1", "A2", "A3"], ["risk", "benefit"], [[1, 3000], [2, 3750], [5, 4500]],
    ...     directions={"risk": "cost"},
    ... )
    >>> vikor = pymcdm_method("vikor")
    >>> result = vikor(model, [0.5, 0.5])
    >>> result.scores.tolist(), result.ranks.tolist(), result.higher_is_better
    ([1.0, 0.0, 1.0], [2, 1, 2], False)
    >>> pymcdm_method("vikor")(model, [0.5, 0.5], w=1)
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.MethodError: method 'vikor' does not take option(s) ['w']; ...
    """
    if isinstance(method, str):
        key = method.lower()
        if key not in PYMCDM_CLASSES:
            raise MethodError(f"unknown pymcdm method {method!r}; known: {sorted(PYMCDM_CLASSES)}")
        return PymcdmMethod(name or key, PYMCDM_CLASSES[key], MappingProxyType(dict(defaults)))
    if isinstance(method, type) and issubclass(method, MCDA_method):
        return PymcdmMethod(
            name or method.__name__.lower(), method, MappingProxyType(dict(defaults))
        )
    if isinstance(method, MCDA_method):
        return PymcdmMethod(
            name or type(method).__name__.lower(),
            type(method),
            MappingProxyType(dict(defaults)),
            instance=method,
        )
    raise MethodError(
        "pymcdm_method expects a pymcdm method name, class or object "
        f"(got {type(method).__name__}: {method!r})"
    )
