"""One adapter from pymcdm's ranking methods to pathchoice's result types.

A pymcdm method is an object built with its options (``VIKOR(v=0.5)``) and
called as ``method(matrix, weights, types) -> preferences``. The adapter
turns any of them into a pathchoice ranking method,
``method(model, weights, **options) -> RankingResult``, with a batched form
``method.batch(model, weights_2d, **options) -> BatchRankingResult``, so that
they can sit in :data:`pathchoice.ranking.METHODS` beside
:func:`~pathchoice.ranking.topsis`:

>>> vikor = pymcdm_method("vikor")
>>> vikor.higher_is_better, vikor.options
(False, ('normalization_function', 'v'))

All 28 of pymcdm's ranking methods are available by name (:data:`PYMCDM_CLASSES`).
Options are the pymcdm constructor's keyword arguments, checked by name
before pymcdm sees them. Where pymcdm needs an option that the model can
supply, the adapter supplies it (documented in ``docs/topsis.md``):

* ``bounds`` (SPOTIS, Balanced SPOTIS, RIM): each criterion's observed ``[min, max]``;
* ``esp`` (Balanced SPOTIS): the ideal point, the best observed value per criterion;
* ``ref_point`` (ERVD): each criterion's mean value;
* ``ideal`` / ``anti_ideal`` (RAFSI): the best / worst observed value per criterion;
* ``cvalues`` (COMET): each criterion's observed ``[min, max]`` (so 2**n
  characteristic objects: COMET is for a handful of criteria);
* ``expert_function`` (COMET): pymcdm's ``MethodExpert(TOPSIS(), weights, types)``,
  rating the characteristic objects by pymcdm's TOPSIS with the weights being
  ranked. Pass any pymcdm expert (``ESPExpert``, ``FunctionExpert``,
  ``ManualExpert`` ...) or callable ``expert(characteristic_objects) ->
  (mej, sj, p)`` as ``expert_function=`` to use your own.

PROMETHEE II's preference function defaults to ``"usual"`` and takes the
textbook names of Brans & Vincke (1985) besides pymcdm's: ``"usual"``,
``"u-shape"``, ``"v-shape"``, ``"level"``, ``"linear"`` (V-shape with
indifference, pymcdm's ``"vshape_2"``) and ``"gaussian"`` (type VI, which
pymcdm lacks; computed by pathchoice, option ``s``). A
``normalization_function`` may be given by name (``"minmax"``, ``"vector"``,
``"sum"``, ... from ``pymcdm.normalizations``). Per-criterion options
(``bounds``, ``esp``, ``p``, ``q``, ``s``, ``ref_point``, ``ideal``,
``anti_ideal``) may be mappings keyed by criterion name.

Every single-vector result carries pymcdm's own step tables (pymcdm's verbose
mode, used internally), labelled by alternative and criterion, each with its
pymcdm caption and symbol in ``table.attrs``.

pymcdm is imported on first use, not with pathchoice (it imports matplotlib).
pymcdm methods are called once per weight vector, so a batch of K vectors
costs K pymcdm calls (a Python loop: about 3,500 vectors per second for
pymcdm's TOPSIS on a 12 × 12 problem): use :func:`~pathchoice.ranking.topsis`
itself for large batches. pymcdm computes on the raw performance values: a
criterion whose values are beyond about 1e±150 in magnitude can overflow in
its normalisations, and the result then carries a finding saying so.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .._validate import as_real
from ..exceptions import MethodError, WeightsError, ZeroRangeError
from ..model import Model, as_model
from ..results import BatchRankingResult, RankingResult, rank_scores
from ..weights import WeightBatch, WeightVector, check_weights
from .pymcdm_options import (
    MODEL_DEFAULTS,
    PER_CRITERION,
    GaussianPrometheeII,
    checked_bounds,
    constructor_options,
    echo_option,
    gaussian_tables,
    normalization_function,
    per_criterion,
    preference_function,
    pymcdm_module,
    step_tables,
)

__all__ = [
    "PYMCDM_CLASSES",
    "MethodRefusedError",
    "PymcdmMethod",
    "pymcdm_method",
]


class MethodRefusedError(MethodError):
    """A ranking method cannot take this problem (COPRAS without a cost criterion, say).

    Raised when the method itself refuses the model, not for a bad option;
    :func:`~pathchoice.sensitivity.compare.compare_methods` leaves such a
    method out with a finding instead of failing.
    """


# Registry name -> class name in pymcdm.methods (all 28 ranking methods of pymcdm 1.4).
_CLASS_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "aras": "ARAS",
        "aroman": "AROMAN",
        "balanced_spotis": "BalancedSPOTIS",
        "cocoso": "COCOSO",
        "codas": "CODAS",
        "comet": "COMET",
        "copras": "COPRAS",
        "edas": "EDAS",
        "ervd": "ERVD",
        "lmaw": "LMAW",
        "lopm": "LoPM",
        "mabac": "MABAC",
        "mairca": "MAIRCA",
        "marcos": "MARCOS",
        "moora": "MOORA",
        "ocra": "OCRA",
        "probid": "PROBID",
        "promethee_ii": "PROMETHEE_II",
        "pymcdm_topsis": "TOPSIS",
        "rafsi": "RAFSI",
        "ram": "RAM",
        "rim": "RIM",
        "spotis": "SPOTIS",
        "sprobid": "SPROBID",
        "vikor": "VIKOR",
        "waspas": "WASPAS",
        "wpm": "WPM",
        "wsm": "WSM",
    }
)


def _is_pymcdm_method(value: object) -> bool:
    base = pymcdm_module("methods.mcda_method").MCDA_method
    return isinstance(value, base) or (isinstance(value, type) and issubclass(value, base))


class _Classes(Mapping[str, type]):
    """Registry name -> pymcdm class, resolved (and pymcdm imported) on first lookup."""

    def __getitem__(self, key: str) -> type:
        return getattr(pymcdm_module(), _CLASS_NAMES[key])

    def __iter__(self) -> Iterator[str]:
        return iter(_CLASS_NAMES)

    def __len__(self) -> int:
        return len(_CLASS_NAMES)

    def __repr__(self) -> str:
        return f"PYMCDM_CLASSES({dict(_CLASS_NAMES)})"


#: pymcdm ranking methods available by name (``pymcdm_method("vikor")``): name -> class.
PYMCDM_CLASSES: Mapping[str, type] = _Classes()

# Defaults pathchoice chooses where pymcdm has none (documented in docs/topsis.md).
_DEFAULT_OPTIONS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {"promethee_ii": MappingProxyType({"preference_function": "usual"})}
)

# Exceptions pymcdm lets out for a problem it cannot rank.
_PYMCDM_FAILURES = (
    ValueError,
    ZeroDivisionError,
    FloatingPointError,
    IndexError,
    np.linalg.LinAlgError,
)

# Beyond these magnitudes pymcdm's normalisations (squares, sums, products) can overflow.
_SAFE_MAGNITUDE = (1e-150, 1e150)


@dataclass(frozen=True)
class PymcdmMethod:
    """A pymcdm ranking method as a pathchoice method ``(model, weights, **options)``.

    Build one with :func:`pymcdm_method`. Calling it checks the weights and
    the options, builds the pymcdm object, ranks one weight vector and returns
    a :class:`RankingResult` with pymcdm's step tables; :meth:`batch` ranks K
    weight vectors (one pymcdm call each) into a :class:`BatchRankingResult`.

    Attributes
    ----------
    name : str
        The name results carry (``result.method``).
    pymcdm_class : type or str
        The pymcdm class (a subclass of ``MCDA_method``) or its name in
        ``pymcdm.methods`` (resolved, and pymcdm imported, on first use).
    defaults : mapping
        Options applied unless the call overrides them.
    instance : object or None
        A ready pymcdm object used as is (no options can be applied).
    """

    name: str
    pymcdm_class: type | str
    defaults: Mapping[str, Any] = field(default_factory=dict)
    instance: Any = None

    def __post_init__(self) -> None:
        if self.defaults:  # checking them needs the class: pymcdm is imported then
            self._check_names(self.defaults)

    @property
    def method_class(self) -> type:
        """The pymcdm class."""
        if isinstance(self.pymcdm_class, str):
            return getattr(pymcdm_module(), self.pymcdm_class)
        return self.pymcdm_class

    @property
    def higher_is_better(self) -> bool:
        """Whether a higher pymcdm score is better (pymcdm's ``_reverse_ranking``)."""
        return bool(getattr(self.method_class, "_reverse_ranking", True))

    @property
    def options(self) -> tuple[str, ...]:
        """The option names this method takes (the pymcdm constructor's keywords)."""
        if self.instance is not None:
            return ()
        names = tuple(name for name, _ in constructor_options(self.method_class))
        return (*names, "s") if "preference_function" in names else names

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

    def _build(
        self, model: Model, options: Mapping[str, Any], weights: np.ndarray
    ) -> tuple[Any, dict[str, Any]]:
        """The pymcdm object for these options, and the options as used (for the result)."""
        if self.instance is not None:
            return self.instance, {}
        given = {**_DEFAULT_OPTIONS.get(self.name, {}), **self.defaults, **options}
        kwargs: dict[str, Any] = {}
        used: dict[str, Any] = {}
        for option, default in constructor_options(self.method_class):
            if option == "bounds":
                kwargs[option] = checked_bounds(self.name, given.get(option), model)
            elif option in given:
                value = given[option]
                if option == "normalization_function":
                    value = normalization_function(self.name, value)
                elif option == "preference_function":
                    value = preference_function(self.name, value)
                elif option in PER_CRITERION:
                    value = per_criterion(self.name, option, value, model)
                kwargs[option] = value
            elif default is inspect.Parameter.empty and option in MODEL_DEFAULTS:
                kwargs[option] = MODEL_DEFAULTS[option](model, weights)
            elif default is inspect.Parameter.empty:
                raise MethodError(f"method {self.name!r} needs option {option!r}")
            used[option] = echo_option(kwargs.get(option, default))
        if kwargs.get("preference_function") == "gaussian":
            return self._gaussian(model, given, kwargs, used)
        if "s" in given:
            raise MethodError(
                f"method {self.name!r}: option 's' is for the Gaussian preference function only"
            )
        try:
            return self.method_class(**kwargs), used
        except (ValueError, TypeError, AttributeError) as exc:
            raise MethodError(
                f"method {self.name!r}: pymcdm rejected the options {used}: {exc}"
            ) from exc

    def _gaussian(
        self, model: Model, given: Mapping[str, Any], kwargs: Mapping[str, Any], used: dict
    ) -> tuple[GaussianPrometheeII, dict[str, Any]]:
        if "s" not in given or kwargs.get("p") is not None or kwargs.get("q") is not None:
            raise MethodError(
                f"method {self.name!r}: the Gaussian preference function takes s (its "
                "inflection point, one per criterion, > 0) and neither p nor q"
            )
        spread = per_criterion(self.name, "s", given["s"], model)
        values = np.broadcast_to(np.asarray(spread, dtype=object), (model.n_criteria,))
        checked = [
            as_real(
                v, f"s[{n!r}]", where=f"method {self.name!r}", low=0.0, high=np.inf, low_open=True
            )
            for n, v in zip(model.criterion_names, values, strict=True)
        ]
        used.pop("p", None), used.pop("q", None)
        used["s"] = tuple(checked)
        return GaussianPrometheeII(checked), used

    def _failure(self, model: Model, exc: Exception, where: str) -> Exception:
        zero = model.zero_range_criteria()
        if zero:
            return ZeroRangeError(
                f"method {self.name!r} failed{where}; criteria {list(zero)} have the same "
                f"value for every alternative, which pymcdm's {self.method_class.__name__} "
                f"cannot handle ({exc}); drop them with model.select(criteria=...)"
            )
        return MethodRefusedError(f"method {self.name!r} refused the problem{where}: {exc}")

    def _evaluate(
        self, model: Model, instance: Any, w: np.ndarray, where: str, *, explain: bool
    ) -> tuple[np.ndarray, dict[str, Any]]:
        """Preferences (m,) and, if ``explain``, the step tables (pymcdm's verbose mode)."""
        explain = explain and getattr(instance, "_tables", None) is not None
        try:
            with np.errstate(all="ignore"):
                if isinstance(instance, GaussianPrometheeII):
                    prefs, tables = gaussian_tables(instance, model, w)
                elif explain:
                    explained = instance(
                        model.matrix, w, model.types, validation=False, verbose=True
                    )
                    prefs, tables = step_tables(explained, model)
                else:
                    prefs = instance(model.matrix, w, model.types, validation=False)
                    tables = {}
        except _PYMCDM_FAILURES as exc:
            raise self._failure(model, exc, where) from exc
        prefs = np.asarray(prefs, dtype=np.float64)
        if prefs.shape != (model.n_alternatives,):
            raise MethodError(
                f"method {self.name!r} returned preferences of shape {prefs.shape}{where}, "
                f"expected ({model.n_alternatives},)"
            )
        bad = [a for a, ok in zip(model.alternatives, np.isfinite(prefs), strict=True) if not ok]
        zero = model.zero_range_criteria()
        if bad and zero:
            raise ZeroRangeError(
                f"method {self.name!r} gave no finite score to {bad}{where} because criteria "
                f"{list(zero)} have the same value for every alternative; drop them with "
                "model.select(criteria=...) or use topsis, which ignores them"
            )
        if bad:
            raise MethodError(f"method {self.name!r} gave no finite score to {bad}{where}")
        return prefs, tables

    def _findings(self, model: Model) -> tuple[str, ...]:
        findings = [
            f"criterion {n!r} has the same value for every alternative and cannot discriminate; "
            f"pymcdm's {self.method_class.__name__} handles it by its own rule"
            for n in model.zero_range_criteria()
        ]
        low, high = _SAFE_MAGNITUDE
        largest = np.abs(model.matrix).max(axis=0)
        for name, size in zip(model.criterion_names, largest, strict=True):
            if size > high or 0 < size < low:
                findings.append(
                    f"criterion {name!r} has values of magnitude {size:.0e}; pymcdm computes on "
                    "the raw values and may lose them to overflow or underflow: rescale the "
                    "criterion (most methods rank the same after a positive rescaling)"
                )
        return tuple(findings)

    def __call__(self, model: Model, weights: WeightVector, **options: Any) -> RankingResult:
        """Rank ``model`` with this pymcdm method and one weight vector."""
        model = as_model(model, self.name)
        self._check_names(options)
        w = check_weights(weights, model.criterion_names, where=self.name)
        instance, used = self._build(model, options, w)
        scores, tables = self._evaluate(model, instance, w, "", explain=True)
        hib = self.higher_is_better
        alternatives = pd.Index(model.alternatives, name="alternative")
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
            tables=tables,
            findings=self._findings(model),
        )

    def batch(self, model: Model, weights: WeightBatch, **options: Any) -> BatchRankingResult:
        """Rank ``model`` under K weight vectors (rows), one pymcdm call per row."""
        model = as_model(model, self.name)
        self._check_names(options)
        w = check_weights(weights, model.criterion_names, allow_batch=True, where=self.name)
        if w.ndim != 2:
            raise WeightsError(
                f"{self.name}: weights must be 2-D, one row per weight vector (got shape "
                f"{w.shape}); rank one vector by calling the method itself"
            )
        scores = np.empty((w.shape[0], model.n_alternatives))
        used: dict[str, Any] = {}
        for k, row in enumerate(w):
            # A fresh pymcdm object per call unless one was given: PROMETHEE's
            # per-criterion p/q are single-use generators inside pymcdm, and
            # COMET's default expert rates with the row's weights.
            instance, used = self._build(model, options, row)
            scores[k], _ = self._evaluate(
                model, instance, row, f" for weight vector {k}", explain=False
            )
        hib = self.higher_is_better
        return BatchRankingResult(
            method=self.name,
            scores=scores,
            ranks=rank_scores(scores, higher_is_better=hib),
            weights=w,
            alternatives=model.alternatives,
            criteria=model.criterion_names,
            higher_is_better=hib,
            options=used,
            findings=self._findings(model),
        )


def pymcdm_method(
    method: str | type | object, /, *, name: str | None = None, **defaults: Any
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
        A callable ``(model, weights, **options)`` for one weight vector,
        giving a :class:`RankingResult` with pymcdm's step tables
        (``higher_is_better`` is pymcdm's direction for that method), and
        ``.batch(model, weights_2d, **options)`` giving a
        :class:`BatchRankingResult` with one pymcdm call per row (slow: prefer
        :func:`~pathchoice.ranking.topsis` for large batches).

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
        if key not in _CLASS_NAMES:
            raise MethodError(f"unknown pymcdm method {method!r}; known: {sorted(_CLASS_NAMES)}")
        return PymcdmMethod(name or key, _CLASS_NAMES[key], MappingProxyType(dict(defaults)))
    if isinstance(method, type) and _is_pymcdm_method(method):
        return PymcdmMethod(
            name or method.__name__.lower(), method, MappingProxyType(dict(defaults))
        )
    if _is_pymcdm_method(method):
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
