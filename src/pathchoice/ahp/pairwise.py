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

The rules themselves live in :mod:`pathchoice.ahp.checks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._validate import as_flag
from ..exceptions import (
    ContradictoryJudgementError,
    PairwiseMatrixError,
    ScaleError,
    UnknownNameError,
)
from .checks import (
    LISTED,
    RECIPROCITY_TOLERANCE,
    SAATY_SCALE,
    as_square,
    check_connected,
    check_entries,
    check_labels,
    check_tolerance,
    expected_reciprocal,
    format_judgement,
    judgement_error,
    judgement_value,
    make_reciprocal,
    off_scale_cells,
    pairs_at,
    upper_pairs,
)

__all__ = [
    "RECIPROCITY_TOLERANCE",
    "SAATY_SCALE",
    "PairwiseMatrix",
    "format_judgement",
    "judgement_error",
    "upper_pairs",
]

Pair = tuple[str, str]


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
    tol : float, default 0.05
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
        ``a[i, j] * a[j, i]`` differs from 1 by more than ``tol``.
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
        tol: float = RECIPROCITY_TOLERANCE,
    ) -> None:
        tol = check_tolerance(tol)
        names = check_labels(labels)
        a = as_square(values, names)
        findings: list[str] = []
        check_entries(a, names, allow_missing=allow_missing, tol=tol)
        a = make_reciprocal(a, names, tol, findings)
        np.fill_diagonal(a, 1.0)
        check_connected(a, names)
        off_rows, off_cols = off_scale_cells(a)
        if off_rows.size:
            # Only the pairs listed are named here; off_scale_pairs names all on request.
            off_scale = pairs_at(a, names, off_rows[:LISTED], off_cols[:LISTED])
            listed = ", ".join(f"{p!r} = {format_judgement(v)}" for p, v in off_scale)
            if off_rows.size > LISTED:
                listed += f" and {off_rows.size - LISTED} more"
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
        off_rows.setflags(write=False)
        off_cols.setflags(write=False)
        object.__setattr__(self, "_off_scale", (off_rows, off_cols))
        object.__setattr__(self, "_findings", tuple(findings))
        object.__setattr__(self, "_strict", bool(strict))
        object.__setattr__(self, "_tolerance", tol)

    # ------------------------------------------------------------------ builders

    @classmethod
    def from_judgements(
        cls,
        judgements: Mapping[tuple[str, str], float] | Iterable[tuple[tuple[str, str], float]],
        labels: Sequence[str] | None = None,
        *,
        strict: bool = False,
        tol: float = RECIPROCITY_TOLERANCE,
        each_pair_once: bool = False,
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
        strict, tol
            As for :class:`PairwiseMatrix`.
        each_pair_once : bool, default False
            Refuse a pair judged twice (in either direction, even with values
            that agree) and a label compared with itself, as a file format
            that lists every judgement once requires. By default agreeing
            duplicates are accepted and ``(a, a): 1`` is ignored.

        Raises
        ------
        UnknownNameError
            A judgement names a label not in ``labels``.
        ContradictoryJudgementError
            A pair judged twice with values that disagree, e.g. ``("a", "b"): 3``
            and ``("b", "a"): 3``.
        PairwiseMatrixError
            A malformed key or value, a self-comparison other than 1; with
            ``each_pair_once``, a pair judged twice or any self-comparison.
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
        tol = check_tolerance(tol)
        once = as_flag(each_pair_once, "each_pair_once", where="PairwiseMatrix.from_judgements")
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
            value = judgement_value(raw, (a, b))
            if a == b and abs(value - 1.0) > tol:
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
            names = check_labels(order)
        else:
            names = check_labels(labels)
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
                if once:
                    raise judgement_error(
                        PairwiseMatrixError,
                        f"judgement {(a, b)!r} compares a label with itself",
                        (a, b),
                    )
                continue
            i, j = index[a], index[b]
            key = (min(i, j), max(i, j))
            oriented = value if i < j else 1.0 / value
            if key in seen:
                pa, pb, pv = seen[key]
                if once:
                    raise judgement_error(
                        PairwiseMatrixError,
                        f"pair {(a, b)!r} is judged more than once (first as {(pa, pb)!r})",
                        (a, b),
                        first=(pa, pb),
                    )
                previous = pv if index[pa] < index[pb] else 1.0 / pv
                if abs(oriented / previous - 1.0) > tol:
                    if (pa, pb) == (a, b):
                        expected = format_judgement(pv)
                    else:
                        expected = expected_reciprocal(pv)
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
        return cls(values, names, strict=strict, allow_missing=True, tol=tol)

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        strict: bool = False,
        allow_missing: bool = False,
        tol: float = RECIPROCITY_TOLERANCE,
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
            tol=tol,
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
        return self.off_scale_pairs

    @property
    def off_scale_pairs(self) -> tuple[tuple[Pair, float], ...]:
        """The same as :attr:`off_scale` (named when asked for: a large matrix may have many)."""
        return tuple(pairs_at(self._values, self._labels, *self._off_scale))

    @property
    def findings(self) -> tuple[str, ...]:
        """Soft findings made at construction (off-scale values, reciprocals rounded)."""
        return self._findings

    @property
    def tol(self) -> float:
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
        v = judgement_value(value, pair)
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
        return f"PairwiseMatrix({self.n} labels, {state})\n{self._cells().to_string()}"

    def _repr_html_(self) -> str:
        from .._display import frame_html

        missing = len(self.missing_pairs())
        state = "all judgements given" if missing == 0 else f"{missing} missing"
        note = "each cell: how much more important the row is than the column; . for missing"
        title = f"Pairwise comparisons ({self.n} × {self.n}): {state}"
        return frame_html(title, self._cells(), [note])

    def _cells(self) -> pd.DataFrame:
        return self.to_frame().map(lambda v: "." if np.isnan(v) else format_judgement(float(v)))

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
            tol=self._tolerance,
        )
