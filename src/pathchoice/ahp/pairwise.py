"""The pairwise comparison matrix: labelled judgements, checked once, immutable.

A :class:`PairwiseMatrix` holds the judgements ``a[i, j]`` ("how many times
is label *i* more important than label *j*") of one decision maker on one
node of a hierarchy. Every field is checked at construction and invalid input
raises an error that names the offending pair or label; soft findings (values
off Saaty's 1/9..9 scale, reciprocals typed with two decimals) are kept on the
matrix and passed on to the results computed from it.

Missing judgements are NaN. They are allowed when the comparison graph (one
vertex per label, one edge per judged pair) stays connected, which is exactly
when the optimal completions of :mod:`pathchoice.ahp.completion` are unique
(Bozóki, Fülöp & Rónyai 2010).
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._validate import _has_bool, as_real, is_number
from ..exceptions import (
    ContradictoryJudgementError,
    DisconnectedJudgementsError,
    PairwiseMatrixError,
    ReciprocityError,
    ScaleError,
    UnknownNameError,
)

__all__ = [
    "RECIPROCITY_TOLERANCE",
    "SAATY_SCALE",
    "PairwiseMatrix",
    "format_judgement",
    "judgement_error",
    "upper_pairs",
]

#: Saaty's fundamental scale: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9 (Saaty 1980).
SAATY_SCALE: tuple[float, ...] = tuple(
    [1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)

#: Default relative tolerance on reciprocity, ``|a[i, j] * a[j, i] - 1| <= tolerance``.
#: 0.05 accepts reciprocals typed with two decimals (1/8 as 0.13 is 4 % off, 1/7 as
#: 0.14 is 2 % off) and rejects real disagreements such as 3 against 0.3 or 0.5.
RECIPROCITY_TOLERANCE = 0.05

# Slack on the 1/9..9 range so that 1/9 typed as 0.111 is not reported off-scale.
_SCALE_SLACK = 0.01

Pair = tuple[str, str]

# How many pairs a finding lists by name before saying "and N more".
_LISTED = 10


def format_judgement(value: float) -> str:
    """Display a judgement the way it is usually written: ``3``, ``1/3`` or ``2.5``.

    Integers and reciprocals of integers (within 1e-9) are written exactly;
    anything else with four significant digits. Display only: no computation
    uses the rounded text.

    Examples
    --------
    >>> format_judgement(3.0), format_judgement(1 / 3), format_judgement(0.7302965)
    ('3', '1/3', '0.7303')
    """
    if not np.isfinite(value):
        return str(value)
    if value > 0:
        k = round(value)
        if k >= 1 and abs(value - k) <= 1e-9 * k:
            return str(k)
        k = round(1.0 / value)
        if k >= 2 and abs(1.0 / value - k) <= 1e-9 * k:
            return f"1/{k}"
    return f"{value:.4g}"


@functools.lru_cache(maxsize=64)
def upper_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``numpy.triu_indices(n, k=1)``, read-only and cached (every matrix check needs them)."""
    iu, ju = np.triu_indices(n, k=1)
    iu.setflags(write=False)
    ju.setflags(write=False)
    return iu, ju


def judgement_error(
    kind: type[PairwiseMatrixError] | type[UnknownNameError],
    message: str,
    pair: tuple[object, object] | None = None,
    **details: object,
) -> PairwiseMatrixError | UnknownNameError:
    """An error about one judgement that carries the offending ``pair``.

    Every error :class:`PairwiseMatrix` (and :class:`~pathchoice.ahp.Node`)
    raises about a judgement has the attributes ``pair`` (the pair as given, or
    None), ``node`` (the hierarchy node, set by ``Node``; None here) and
    ``reason`` (the message without any location prefix), so that a caller
    that knows where the judgement came from -- a model-file reader knows the
    file and line -- can re-raise it with its own location instead of checking
    the judgement again.
    """
    err = kind(message)
    err.pair = pair  # type: ignore[union-attr]
    err.node = None  # type: ignore[union-attr]
    err.reason = message  # type: ignore[union-attr]
    for key, value in details.items():
        setattr(err, key, value)
    return err


def _expected_reciprocal(value: float) -> str:
    return format_judgement(1.0 / value) if value > 0 else "a positive number"


class PairwiseMatrix:
    """A positive reciprocal pairwise comparison matrix with labels.

    Parameters
    ----------
    values : array_like, shape (n, n)
        ``values[i][j]`` is the judgement of label *i* over label *j*. NaN (or
        None) marks a missing judgement when ``allow_missing=True``.
    labels : sequence of str
        One unique, non-empty label per row (and column), in matrix order.
    strict : bool, default False
        Raise :class:`~pathchoice.exceptions.ScaleError` for a judgement off
        Saaty's 1/9..9 scale instead of reporting it as a finding.
    allow_missing : bool, default False
        Accept NaN off the diagonal as a missing judgement (symmetric only).
    tolerance : float, default 0.05
        Relative tolerance on reciprocity (``a[i, j] * a[j, i] = 1``) and on
        the diagonal being 1. Within it the matrix is made exactly reciprocal:
        of the two entries, the one >= 1 is kept and its mirror becomes its
        reciprocal (``3`` and ``0.33`` become ``3`` and ``1/3``); the change is
        recorded in :attr:`findings`.

    Raises
    ------
    PairwiseMatrixError
        Not square, labels not matching the size, repeated or empty labels,
        non-numeric, non-positive or infinite values, NaN where not allowed,
        or a diagonal entry other than 1.
    ReciprocityError
        ``a[i, j] * a[j, i]`` differs from 1 by more than ``tolerance``.
    DisconnectedJudgementsError
        Missing judgements split the labels into separate groups.
    ScaleError
        A judgement off the 1/9..9 scale with ``strict=True``.

    See Also
    --------
    PairwiseMatrix.from_judgements : build from a dict of judged pairs.
    pathchoice.ahp.ahp_weights : priorities and consistency of a matrix.

    Notes
    -----
    The object is immutable: accessors return copies and the ``with_*``
    methods return new matrices.

    Examples
    --------
    >>> m = PairwiseMatrix([[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]], ["risk", "cost", "time"])
    >>> m.n, m.labels, m.is_complete
    (3, ('risk', 'cost', 'time'), True)
    >>> m.judgements()[("risk", "time")]
    5.0
    >>> PairwiseMatrix([[1, 3], [0.5, 1]], ["risk", "policy"])
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ReciprocityError: judgement ('risk', 'policy') = 3 but ...
    """

    __slots__ = ("_findings", "_labels", "_off_scale", "_strict", "_tolerance", "_values")

    def __init__(
        self,
        values: npt.ArrayLike,
        labels: Sequence[str],
        *,
        strict: bool = False,
        allow_missing: bool = False,
        tolerance: float = RECIPROCITY_TOLERANCE,
    ) -> None:
        tolerance = _check_tolerance(tolerance)
        names = _check_labels(labels)
        a = _as_square(values, names)
        findings: list[str] = []
        _check_entries(a, names, allow_missing=allow_missing, tolerance=tolerance)
        a = _make_reciprocal(a, names, tolerance, findings)
        np.fill_diagonal(a, 1.0)
        _check_connected(a, names)
        off_scale = _off_scale(a, names)
        if off_scale:
            shown = off_scale[:_LISTED]
            listed = ", ".join(f"{p!r} = {format_judgement(v)}" for p, v in shown)
            if len(off_scale) > _LISTED:
                listed += f" and {len(off_scale) - _LISTED} more"
            if strict:
                raise judgement_error(
                    ScaleError,
                    f"judgement {off_scale[0][0]!r} = {format_judgement(off_scale[0][1])} "
                    f"is off Saaty's 1/9..9 scale (strict=True); off-scale: {listed}",
                    off_scale[0][0],
                )
            findings.append(f"judgements off Saaty's 1/9..9 scale: {listed}")
        a.setflags(write=False)
        object.__setattr__(self, "_values", a)
        object.__setattr__(self, "_labels", names)
        object.__setattr__(self, "_off_scale", tuple(off_scale))
        object.__setattr__(self, "_findings", tuple(findings))
        object.__setattr__(self, "_strict", bool(strict))
        object.__setattr__(self, "_tolerance", tolerance)

    # ------------------------------------------------------------------ builders

    @classmethod
    def from_judgements(
        cls,
        judgements: Mapping[tuple[str, str], float] | Iterable[tuple[tuple[str, str], float]],
        labels: Sequence[str] | None = None,
        *,
        strict: bool = False,
        tolerance: float = RECIPROCITY_TOLERANCE,
    ) -> PairwiseMatrix:
        """Build a matrix from judged pairs, filling the diagonal and the reciprocals.

        Parameters
        ----------
        judgements : mapping or iterable of ``((a, b), value)``
            ``(a, b): 3`` means "a is 3 times as important as b". Each pair is
            needed in one direction only; pairs not judged are missing.
        labels : sequence of str, optional
            The labels in matrix order. Default: order of first appearance in
            ``judgements``. Every label must take part in some judgement
            (otherwise the comparison graph is disconnected).
        strict, tolerance
            As for :class:`PairwiseMatrix`.

        Raises
        ------
        UnknownNameError
            A judgement names a label not in ``labels``.
        ContradictoryJudgementError
            A pair judged twice with values that disagree, e.g. ``("a", "b"): 3``
            and ``("b", "a"): 3``.
        PairwiseMatrixError
            A malformed key or value, or a self-comparison other than 1.
        DisconnectedJudgementsError
            The judged pairs leave the labels in separate groups.

        Examples
        --------
        >>> m = PairwiseMatrix.from_judgements({("a", "b"): 3, ("b", "c"): 2, ("a", "c"): 6})
        >>> m.labels, m.is_complete
        (('a', 'b', 'c'), True)
        >>> float(m.values[2, 0])
        0.16666666666666666
        >>> PairwiseMatrix.from_judgements({("a", "b"): 3, ("b", "a"): 3})
        Traceback (most recent call last):
        ...
        pathchoice.exceptions.ContradictoryJudgementError: pair ('a', 'b') is judged twice ...
        """
        tolerance = _check_tolerance(tolerance)
        items = list(judgements.items() if isinstance(judgements, Mapping) else judgements)
        parsed: list[tuple[str, str, float]] = []
        for item in items:
            try:
                key, raw = item
            except (TypeError, ValueError):
                raise PairwiseMatrixError(
                    f"judgements must be ((a, b), value) items (got {item!r})"
                ) from None
            if not isinstance(key, tuple) or len(key) != 2:
                raise PairwiseMatrixError(
                    f"judgement keys must be pairs of labels like ('a', 'b') (got {key!r})"
                )
            a, b = key
            value = _judgement_value(raw, (a, b))
            if a == b and abs(value - 1.0) > tolerance:
                raise judgement_error(
                    PairwiseMatrixError,
                    f"self-comparison {(a, b)!r} must be 1 (a label compared with itself), "
                    f"got {format_judgement(value)}",
                    (a, b),
                )
            parsed.append((a, b, value))
        if labels is None:
            order: list[Any] = []
            for a, b, _ in parsed:
                for x in (a, b):
                    if x not in order:
                        order.append(x)
            names = _check_labels(order)
        else:
            names = _check_labels(labels)
            known = set(names)
            for a, b, _ in parsed:
                for x in (a, b):
                    if x not in known:
                        raise judgement_error(
                            UnknownNameError,
                            f"judgement {(a, b)!r} names unknown label {x!r}; "
                            f"labels are {list(names)}",
                            (a, b),
                        )
        if not names:
            raise PairwiseMatrixError("judgements must name at least one label (got none)")
        index = {x: i for i, x in enumerate(names)}
        n = len(names)
        values = np.full((n, n), np.nan)
        np.fill_diagonal(values, 1.0)
        seen: dict[tuple[int, int], tuple[str, str, float]] = {}
        for a, b, value in parsed:
            if a == b:
                continue
            i, j = index[a], index[b]
            key = (min(i, j), max(i, j))
            oriented = value if i < j else 1.0 / value
            if key in seen:
                pa, pb, pv = seen[key]
                previous = pv if index[pa] < index[pb] else 1.0 / pv
                if abs(oriented / previous - 1.0) > tolerance:
                    if (pa, pb) == (a, b):
                        expected = format_judgement(pv)
                    else:
                        expected = _expected_reciprocal(pv)
                    raise judgement_error(
                        ContradictoryJudgementError,
                        f"pair {(names[key[0]], names[key[1]])!r} is judged twice with values "
                        f"that disagree: {(pa, pb)!r} = {pv:.6g} and "
                        f"{(a, b)!r} = {value:.6g} (expected {expected})",
                        (a, b),
                        first=(pa, pb),
                    )
                # Agreeing duplicates: keep the first as given (the one >= 1 wins below).
                if pv < 1.0 <= value:
                    seen[key] = (a, b, value)
                continue
            seen[key] = (a, b, value)
        for (i, j), (a, _, value) in seen.items():
            if index[a] == i:
                values[i, j], values[j, i] = value, 1.0 / value
            else:
                values[j, i], values[i, j] = value, 1.0 / value
        return cls(values, names, strict=strict, allow_missing=True, tolerance=tolerance)

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        strict: bool = False,
        allow_missing: bool = False,
        tolerance: float = RECIPROCITY_TOLERANCE,
    ) -> PairwiseMatrix:
        """Build a matrix from a square DataFrame whose index and columns are the labels.

        Columns are reordered to the index order if they hold the same labels.

        Examples
        --------
        >>> frame = pd.DataFrame([[1, 4], [0.25, 1]], index=["x", "y"], columns=["x", "y"])
        >>> PairwiseMatrix.from_frame(frame).judgements()
        {('x', 'y'): 4.0}
        """
        if not isinstance(frame, pd.DataFrame):
            raise PairwiseMatrixError(
                f"from_frame expects a pandas DataFrame (got {type(frame).__name__})"
            )
        rows, cols = list(frame.index), list(frame.columns)
        if set(rows) != set(cols) or len(rows) != len(cols):
            raise PairwiseMatrixError(
                f"pairwise frame must have the same labels as index and columns "
                f"(index {rows}, columns {cols})"
            )
        ordered = frame.loc[:, rows] if rows != cols else frame
        return cls(
            ordered.to_numpy(dtype=np.float64, na_value=np.nan),
            rows,
            strict=strict,
            allow_missing=allow_missing,
            tolerance=tolerance,
        )

    # ------------------------------------------------------------------ accessors

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, in matrix order."""
        return self._labels

    @property
    def values(self) -> np.ndarray:
        """A float64 copy of the matrix, NaN for missing judgements."""
        return self._values.copy()

    @property
    def readonly_values(self) -> np.ndarray:
        """The matrix itself, read-only (no copy): for computations that only read it."""
        return self._values

    @property
    def n(self) -> int:
        """Number of labels."""
        return len(self._labels)

    @property
    def is_complete(self) -> bool:
        """Whether every pair is judged."""
        return not bool(np.isnan(self._values).any())

    @property
    def off_scale(self) -> tuple[tuple[Pair, float], ...]:
        """Judged pairs ``((row, column), value)`` off Saaty's 1/9..9 scale (upper triangle)."""
        return self._off_scale

    @property
    def findings(self) -> tuple[str, ...]:
        """Soft findings made at construction (off-scale values, reciprocals rounded)."""
        return self._findings

    @property
    def tolerance(self) -> float:
        """The reciprocity tolerance the matrix was checked with."""
        return self._tolerance

    @property
    def strict(self) -> bool:
        """Whether off-scale judgements were refused."""
        return self._strict

    def index(self, label: str) -> int:
        """Position of ``label`` (raises :class:`UnknownNameError` naming the labels)."""
        try:
            return self._labels.index(label)
        except ValueError:
            raise UnknownNameError(
                f"unknown label {label!r}; labels are {list(self._labels)}"
            ) from None

    def missing_pairs(self) -> list[Pair]:
        """Pairs ``(row, column)`` with no judgement, upper triangle, in matrix order.

        Examples
        --------
        >>> PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 3}).missing_pairs()
        [('a', 'c')]
        """
        i, j = np.nonzero(np.triu(np.isnan(self._values), k=1))
        return [(self._labels[r], self._labels[c]) for r, c in zip(i, j, strict=True)]

    def judgements(self) -> dict[Pair, float]:
        """The judged pairs of the upper triangle, ``{(row, column): value}``."""
        a = self._values
        i, j = upper_pairs(self.n)
        keep = ~np.isnan(a[i, j])
        return {
            (self._labels[r], self._labels[c]): float(a[r, c])
            for r, c in zip(i[keep], j[keep], strict=True)
        }

    def with_judgement(self, pair: tuple[str, str], value: float) -> PairwiseMatrix:
        """A new matrix with ``pair`` judged as ``value`` (and its reciprocal mirrored).

        Examples
        --------
        >>> m = PairwiseMatrix.from_judgements({("a", "b"): 2, ("b", "c"): 3})
        >>> m.with_judgement(("c", "a"), 1 / 6).is_complete
        True
        """
        i, j = self._pair_index(pair)
        v = _judgement_value(value, pair)
        a = self._values.copy()
        a[i, j], a[j, i] = v, 1.0 / v
        return self._rebuild(a)

    def without_judgement(self, pair: tuple[str, str]) -> PairwiseMatrix:
        """A new matrix with the judgement on ``pair`` removed (the graph must stay connected)."""
        i, j = self._pair_index(pair)
        a = self._values.copy()
        a[i, j] = a[j, i] = np.nan
        return self._rebuild(a)

    def to_frame(self) -> pd.DataFrame:
        """The matrix as a DataFrame with the labels as index and columns (NaN for missing)."""
        return pd.DataFrame(
            self._values.copy(), index=pd.Index(self._labels), columns=pd.Index(self._labels)
        )

    # ------------------------------------------------------------------ protocol

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"PairwiseMatrix is immutable; cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PairwiseMatrix):
            return NotImplemented
        return self._labels == other._labels and bool(
            np.array_equal(self._values, other._values, equal_nan=True)
        )

    def __hash__(self) -> int:
        return hash((self._labels, self._values.tobytes()))

    def __repr__(self) -> str:
        missing = len(self.missing_pairs())
        state = "complete" if missing == 0 else f"{missing} missing"
        body = self.to_frame().map(lambda v: "." if np.isnan(v) else format_judgement(float(v)))
        return f"PairwiseMatrix({self.n} labels, {state})\n{body.to_string()}"

    # ------------------------------------------------------------------ helpers

    def _pair_index(self, pair: tuple[str, str]) -> tuple[int, int]:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise PairwiseMatrixError(f"a pair must be (row, column) labels (got {pair!r})")
        i, j = self.index(pair[0]), self.index(pair[1])
        if i == j:
            raise PairwiseMatrixError(
                f"pair {pair!r} compares a label with itself; its judgement is always 1"
            )
        return i, j

    def _rebuild(self, a: np.ndarray) -> PairwiseMatrix:
        return PairwiseMatrix(
            a,
            self._labels,
            strict=self._strict,
            allow_missing=True,
            tolerance=self._tolerance,
        )


# ---------------------------------------------------------------------- validation


def _check_tolerance(tolerance: float) -> float:
    return as_real(
        tolerance, "tolerance", where="PairwiseMatrix", low=0.0, high=1.0, high_open=True
    )


def _check_labels(labels: Sequence[Hashable] | Iterable[Hashable]) -> tuple[str, ...]:
    if isinstance(labels, str):
        raise PairwiseMatrixError(
            f"labels must be a sequence of strings, not one string {labels!r}"
        )
    names = list(labels)
    for pos, x in enumerate(names):
        if not isinstance(x, str) or not x.strip():
            raise PairwiseMatrixError(
                f"labels must be non-empty strings (got {x!r} at position {pos})"
            )
    repeated = sorted({x for x in names if names.count(x) > 1})
    if repeated:
        raise PairwiseMatrixError(f"labels must be unique; repeated: {repeated}")
    return tuple(names)


def _judgement_value(raw: object, pair: tuple[object, object]) -> float:
    if not is_number(raw):
        raise judgement_error(
            PairwiseMatrixError, f"judgement {pair!r} must be a number (got {raw!r})", pair
        )
    value = float(raw)  # type: ignore[arg-type]
    if not np.isfinite(value):
        raise judgement_error(
            PairwiseMatrixError, f"judgement {pair!r} must be finite (got {value})", pair
        )
    if value <= 0:
        raise judgement_error(
            PairwiseMatrixError,
            f"judgement {pair!r} must be positive (got {format_judgement(value)})",
            pair,
        )
    return value


def _as_square(values: npt.ArrayLike, labels: tuple[str, ...]) -> np.ndarray:
    """``values`` as a float64 copy; True/False refused as in every other entry point."""
    if isinstance(values, pd.DataFrame):
        if any(pd.api.types.is_bool_dtype(dtype) for dtype in values.dtypes):
            raise PairwiseMatrixError("pairwise matrix values must be numbers, not True/False")
        values = values.to_numpy(dtype=np.float64, na_value=np.nan)
    raw = values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object)
    if raw.dtype == np.bool_ or (raw.dtype == object and raw.size and _has_bool(raw)):
        _refuse_booleans(raw, labels)
    try:
        a = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise PairwiseMatrixError("pairwise matrix values must be numbers") from None
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise PairwiseMatrixError(f"pairwise matrix must be square (got shape {a.shape})")
    n = a.shape[0]
    if n == 0:
        raise PairwiseMatrixError("pairwise matrix must compare at least one label (got 0x0)")
    if n != len(labels):
        raise PairwiseMatrixError(
            f"pairwise matrix is {n}x{n} but {len(labels)} labels were given ({list(labels)})"
        )
    return a


def _refuse_booleans(raw: np.ndarray, labels: tuple[str, ...]) -> None:
    """Raise naming the first True/False cell (booleans are never judgements)."""
    flags = np.frompyfunc(lambda v: isinstance(v, bool | np.bool_), 1, 1)(raw).astype(bool)
    if raw.ndim == 2 and flags.any():
        i, j = (int(k) for k in np.argwhere(flags)[0])
        if i < len(labels) and j < len(labels):
            pair = (labels[i], labels[j])
            raise judgement_error(
                PairwiseMatrixError,
                f"judgement {pair!r} must be a number, not {raw[i, j]!r}",
                pair,
            )
    raise PairwiseMatrixError("pairwise matrix values must be numbers, not True/False")


def _check_entries(
    a: np.ndarray, labels: tuple[str, ...], *, allow_missing: bool, tolerance: float
) -> None:
    n = a.shape[0]

    def pair(i: int, j: int) -> Pair:
        return (labels[i], labels[j])

    infinite = np.isinf(a)
    if infinite.any():
        i, j = np.argwhere(infinite)[0]
        raise judgement_error(
            PairwiseMatrixError,
            f"judgement {pair(i, j)!r} must be finite (got {a[i, j]})",
            pair(i, j),
        )
    diag = np.diagonal(a)
    bad = np.isnan(diag) | (np.abs(diag - 1.0) > tolerance)
    if bad.any():
        i = int(np.argmax(bad))
        raise judgement_error(
            PairwiseMatrixError,
            f"diagonal entry {pair(i, i)!r} must be 1 (a label compared with itself), "
            f"got {format_judgement(float(diag[i]))}",
            pair(i, i),
        )
    nan = np.isnan(a)
    if nan.any():
        if not allow_missing:
            i, j = np.argwhere(nan)[0]
            raise judgement_error(
                PairwiseMatrixError,
                f"judgement {pair(i, j)!r} is missing (NaN); pass allow_missing=True "
                f"for an incomplete matrix",
                pair(i, j),
            )
        lonely = nan & ~nan.T
        if lonely.any():
            i, j = np.argwhere(lonely)[0]
            raise judgement_error(
                PairwiseMatrixError,
                f"judgement {pair(i, j)!r} is missing but {pair(j, i)!r} = "
                f"{format_judgement(float(a[j, i]))}; a missing judgement must be missing "
                f"in both directions",
                pair(i, j),
            )
    nonpositive = ~nan & (a <= 0)
    if nonpositive.any():
        i, j = np.argwhere(nonpositive)[0]
        raise judgement_error(
            PairwiseMatrixError,
            f"judgement {pair(i, j)!r} must be positive (got {format_judgement(float(a[i, j]))})",
            pair(i, j),
        )
    iu, ju = upper_pairs(n)
    upper, lower = a[iu, ju], a[ju, iu]
    with np.errstate(invalid="ignore"):
        off = ~np.isnan(upper) & (np.abs(upper * lower - 1.0) > tolerance)
    if off.any():
        k = np.flatnonzero(off)
        i, j = int(iu[k[0]]), int(ju[k[0]])
        more = f" (and {k.size - 1} more pairs)" if k.size > 1 else ""
        raise judgement_error(
            ReciprocityError,
            f"judgement {pair(i, j)!r} = {a[i, j]:.6g} but "
            f"{pair(j, i)!r} = {a[j, i]:.6g}, expected "
            f"{_expected_reciprocal(float(a[i, j]))}{more}",
            pair(i, j),
        )


def _make_reciprocal(
    a: np.ndarray, labels: tuple[str, ...], tolerance: float, findings: list[str]
) -> np.ndarray:
    """Mirror the entry >= 1 of each pair as an exact reciprocal; record what changed."""
    n = a.shape[0]
    iu, ju = upper_pairs(n)
    upper, lower = a[iu, ju], a[ju, iu]
    keep_upper = upper >= 1.0
    new_upper = np.where(keep_upper, upper, 1.0 / lower)
    with np.errstate(invalid="ignore"):
        changed = ~np.isnan(upper) & (
            (np.abs(new_upper - upper) > 1e-9 * np.abs(upper))
            | (np.abs(1.0 / new_upper - lower) > 1e-9 * np.abs(lower))
        )
    out = a.copy()
    out[iu, ju] = new_upper
    out[ju, iu] = 1.0 / new_upper
    if changed.any():
        notes = []
        which = np.flatnonzero(changed)
        for k in which[:_LISTED]:
            i, j = int(iu[k]), int(ju[k])
            dst = (j, i) if keep_upper[k] else (i, j)
            notes.append(
                f"{(labels[dst[0]], labels[dst[1]])!r} = {format_judgement(float(a[dst]))} "
                f"taken as {format_judgement(float(out[dst]))}"
            )
        if which.size > _LISTED:
            notes.append(f"and {which.size - _LISTED} more")
        findings.append(
            f"reciprocals made exact (within tolerance {tolerance:g}): " + "; ".join(notes)
        )
    return out


def _components(known: np.ndarray) -> tuple[int, np.ndarray]:
    """Connected components of the comparison graph (``known[i, j]``: pair judged).

    The one connectivity check of pathchoice (scipy's breadth-first search,
    imported here because only incomplete matrices need it).
    """
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import connected_components

    graph = csr_array(known.astype(np.int8))
    return connected_components(graph, directed=False)


def _check_connected(a: np.ndarray, labels: tuple[str, ...]) -> None:
    n = a.shape[0]
    if n < 2:
        return
    nan = np.isnan(a)
    if not nan.any():
        return  # every pair judged: a complete graph is connected
    known = ~nan
    np.fill_diagonal(known, False)
    count, which = _components(known)
    if count > 1:
        groups = []
        for g in dict.fromkeys(which.tolist()):
            groups.append([labels[i] for i in np.flatnonzero(which == g)])
        text = " | ".join(str(g) for g in groups)
        raise judgement_error(
            DisconnectedJudgementsError,
            f"judgements leave the labels in separate groups: {text}; "
            f"judge at least one pair across the groups",
            None,
            groups=tuple(tuple(g) for g in groups),
        )


def _off_scale(a: np.ndarray, labels: tuple[str, ...]) -> list[tuple[Pair, float]]:
    n = a.shape[0]
    iu, ju = upper_pairs(n)
    upper = a[iu, ju]
    with np.errstate(invalid="ignore"):
        off = ~np.isnan(upper) & (
            (upper > 9.0 * (1 + _SCALE_SLACK)) | (upper < (1.0 / 9.0) * (1 - _SCALE_SLACK))
        )
    return [
        ((labels[int(iu[k])], labels[int(ju[k])]), float(upper[k])) for k in np.flatnonzero(off)
    ]
