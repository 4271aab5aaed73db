"""The checks of pairwise judgements: the one place where judgements are judged.

:class:`~pathchoice.ahp.PairwiseMatrix` runs these on every matrix it builds
(and :class:`~pathchoice.ahp.Node`, :class:`~pathchoice.ahp.IntervalJudgements`
and the model-file reader build their judgements through it), so every rule
has one implementation, one wording and one exception type:

* one reciprocity tolerance, :data:`RECIPROCITY_TOLERANCE` (relative, 0.05);
* one connectivity check, :func:`check_connected` (scipy's breadth-first
  search on the comparison graph);
* booleans are never judgements, whatever the entry point;
* every error about a judgement comes from :func:`judgement_error` and carries
  ``pair``, ``node`` and ``reason`` attributes.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._validate import _has_bool, as_real, is_number
from ..exceptions import (
    DisconnectedJudgementsError,
    PairwiseMatrixError,
    ReciprocityError,
    UnknownNameError,
)

__all__ = [
    "LISTED",
    "RECIPROCITY_TOLERANCE",
    "SAATY_SCALE",
    "SCALE_SLACK",
    "as_square",
    "check_connected",
    "check_entries",
    "check_labels",
    "check_tolerance",
    "comparison_components",
    "expected_reciprocal",
    "format_judgement",
    "judgement_error",
    "judgement_value",
    "make_reciprocal",
    "off_scale_cells",
    "off_scale_pairs",
    "pairs_at",
    "refuse_booleans",
    "upper_pairs",
]

#: Saaty's fundamental scale: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9 (Saaty 1980).
SAATY_SCALE: tuple[float, ...] = tuple(
    [1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)

#: Default relative tolerance on reciprocity, ``|a[i, j] * a[j, i] - 1| <= tol``.
#: 0.05 accepts reciprocals typed with two decimals (1/8 as 0.13 is 4 % off, 1/7 as
#: 0.14 is 2 % off) and rejects real disagreements such as 3 against 0.3 or 0.5.
#: The one reciprocity tolerance of pathchoice: two judgements of the same pair
#: agree when they are reciprocal within it.
RECIPROCITY_TOLERANCE = 0.05

#: Slack on the 1/9..9 range so that 1/9 typed as 0.111 is not reported off-scale.
SCALE_SLACK = 0.01

#: How many pairs a finding lists by name before saying "and N more".
LISTED = 10

Pair = tuple[str, str]


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


def expected_reciprocal(value: float) -> str:
    """How an error shows the reciprocal a judgement expected (``1/3`` for 3)."""
    return format_judgement(1.0 / value) if value > 0 else "a positive number"


def check_tolerance(tol: float) -> float:
    """``tol`` as a float in [0, 1), else :class:`~pathchoice.exceptions.ArgumentError`."""
    return as_real(tol, "tol", where="PairwiseMatrix", low=0.0, high=1.0, high_open=True)


def check_labels(labels: Sequence[Hashable] | Iterable[Hashable]) -> tuple[str, ...]:
    """Labels as a tuple of unique, non-empty strings."""
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
    if len(set(names)) != len(names):  # one hashing pass; the names only on failure
        repeated = sorted(x for x, count in Counter(names).items() if count > 1)
        raise PairwiseMatrixError(f"labels must be unique; repeated: {repeated}")
    return tuple(names)


def judgement_value(raw: object, pair: tuple[object, object]) -> float:
    """One judgement as a positive finite float (never True/False), naming ``pair``."""
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


def as_square(values: npt.ArrayLike, labels: tuple[str, ...]) -> np.ndarray:
    """``values`` as a float64 copy; True/False refused as in every other entry point."""
    if isinstance(values, pd.DataFrame):
        if any(pd.api.types.is_bool_dtype(dtype) for dtype in values.dtypes):
            raise PairwiseMatrixError("pairwise matrix values must be numbers, not True/False")
        values = values.to_numpy(dtype=np.float64, na_value=np.nan)
    raw = values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object)
    if raw.dtype == np.bool_ or (raw.dtype == object and raw.size and _has_bool(raw)):
        refuse_booleans(raw, labels)
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


def refuse_booleans(raw: np.ndarray, labels: tuple[str, ...]) -> None:
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


def check_entries(
    a: np.ndarray, labels: tuple[str, ...], *, allow_missing: bool, tol: float
) -> None:
    """Entries finite, positive, 1 on the diagonal, NaN in pairs, reciprocal within ``tol``.

    A matrix that passes is recognised in three whole-array passes (the products
    ``a * a.T`` within ``tol`` of 1 -- false for NaN and for an infinite entry --,
    positivity, the NaN pattern); only a matrix that fails goes through the
    detailed checks below, in their order, to name the first offending cell.
    """
    if _entries_pass(a, allow_missing=allow_missing, tol=tol):
        return
    n = a.shape[0]

    def pair(i: int, j: int) -> Pair:
        return (labels[i], labels[j])

    def refuse(mask: np.ndarray, text: Callable[[int, int], str]) -> None:
        """Raise about the first True cell of ``mask``, if any."""
        if mask.any():
            i, j = (int(k) for k in np.argwhere(mask)[0])
            raise judgement_error(PairwiseMatrixError, text(i, j), pair(i, j))

    refuse(np.isinf(a), lambda i, j: f"judgement {pair(i, j)!r} must be finite (got {a[i, j]})")
    diag = np.diagonal(a)
    refuse(
        np.diag(np.isnan(diag) | (np.abs(diag - 1.0) > tol)),
        lambda i, _: (
            f"diagonal entry {pair(i, i)!r} must be 1 (a label compared with itself), "
            f"got {format_judgement(float(diag[i]))}"
        ),
    )
    nan = np.isnan(a)
    if nan.any() and not allow_missing:
        refuse(
            nan,
            lambda i, j: (
                f"judgement {pair(i, j)!r} is missing (NaN); pass allow_missing=True "
                "for an incomplete matrix"
            ),
        )
    refuse(
        nan & ~nan.T,
        lambda i, j: (
            f"judgement {pair(i, j)!r} is missing but {pair(j, i)!r} = "
            f"{format_judgement(float(a[j, i]))}; a missing judgement must be missing "
            "in both directions"
        ),
    )
    refuse(
        ~nan & (a <= 0),
        lambda i, j: (
            f"judgement {pair(i, j)!r} must be positive (got {format_judgement(float(a[i, j]))})"
        ),
    )
    iu, ju = upper_pairs(n)
    upper, lower = a[iu, ju], a[ju, iu]
    with np.errstate(invalid="ignore"):
        off = ~np.isnan(upper) & (np.abs(upper * lower - 1.0) > tol)
    if off.any():
        k = np.flatnonzero(off)
        i, j = int(iu[k[0]]), int(ju[k[0]])
        more = f" (and {k.size - 1} more pairs)" if k.size > 1 else ""
        raise judgement_error(
            ReciprocityError,
            f"judgement {pair(i, j)!r} = {a[i, j]:.6g} but "
            f"{pair(j, i)!r} = {a[j, i]:.6g}, expected "
            f"{expected_reciprocal(float(a[i, j]))}{more}",
            pair(i, j),
        )


def _entries_pass(a: np.ndarray, *, allow_missing: bool, tol: float) -> bool:
    """Whether every check of :func:`check_entries` passes (True only if they would).

    One product ``a * a.T`` and reductions, no other temporary of the matrix's size:
    ``|p - 1| <= tol`` for every product ``p`` is ``max(p) - 1 <= tol`` and
    ``1 - min(p) <= tol`` (rounding is monotone), and a NaN or an infinite entry
    makes the bound fail (``fmax``/``fmin`` skip the NaNs of missing pairs).
    """
    if not bool(np.all(np.abs(np.diagonal(a) - 1.0) <= tol)):
        return False
    with np.errstate(invalid="ignore", over="ignore"):
        product = a * a.T
        np.fill_diagonal(product, 1.0)  # the diagonal is checked above
        nan = np.isnan(a) if allow_missing else None
        if nan is not None and nan.any():
            if not bool((nan == nan.T).all()):
                return False
            high, low, least = (
                np.fmax.reduce(product, axis=None),
                np.fmin.reduce(product, axis=None),
                np.fmin.reduce(a, axis=None),
            )
        else:
            high, low, least = product.max(), product.min(), a.min()
        return bool(high - 1.0 <= tol) and bool(1.0 - low <= tol) and bool(least > 0)


@functools.lru_cache(maxsize=16)
def _triangles(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of the strict upper and lower triangles, read-only and cached."""
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    lower = upper.T.copy()
    upper.setflags(write=False)
    lower.setflags(write=False)
    return upper, lower


def make_reciprocal(
    a: np.ndarray, labels: tuple[str, ...], tol: float, findings: list[str]
) -> np.ndarray:
    """Mirror the entry >= 1 of each pair as an exact reciprocal; record what changed.

    Whole-matrix passes (no gather of the triangles): the upper entry of each pair
    becomes ``a[i, j]`` if it is at least 1, else ``1 / a[j, i]``; the lower entry
    is the reciprocal of the new upper one.
    """
    n = a.shape[0]
    upper_mask, _ = _triangles(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Cell (x, y) above the diagonal: a[x, y] if it is >= 1, else 1 / a[y, x]; below
        # it, the reciprocal of the new upper entry: 1 / a[y, x] if a[y, x] >= 1, else
        # 1 / (1 / a[x, y]) -- the numbers of the pairwise formula. Few temporaries of
        # the matrix's size: each fresh one costs page faults.
        # A masked ufunc reading a transposed view is slow: transpose once.
        keep = a >= 1.0
        r = a.T.copy()
        use_r = np.where(upper_mask, ~keep, r >= 1.0)
        np.divide(1.0, r, out=r)
        out = np.divide(1.0, a)
        np.divide(1.0, out, out=out)
        np.copyto(out, r, where=use_r)
        np.copyto(out, a, where=upper_mask & keep)
        np.fill_diagonal(out, np.diagonal(a))
        nan = np.isnan(a)
        same = out == a
        if nan.any():
            same |= nan
        if same.all():
            return out
        # |out - a| > 1e-9 |a| (entries are positive), in one temporary.
        np.subtract(out, a, out=r)
        np.divide(r, a, out=r)
        np.abs(r, out=r)
        moved = r > 1e-9
    changed = upper_mask & (moved | moved.T)
    if changed.any():
        notes = []
        rows, cols = np.nonzero(changed)  # row-major: the order of upper_pairs
        for i, j in zip(rows[:LISTED].tolist(), cols[:LISTED].tolist(), strict=True):
            dst = (j, i) if a[i, j] >= 1.0 else (i, j)
            notes.append(
                f"{(labels[dst[0]], labels[dst[1]])!r} = {format_judgement(float(a[dst]))} "
                f"taken as {format_judgement(float(out[dst]))}"
            )
        if rows.size > LISTED:
            notes.append(f"and {rows.size - LISTED} more")
        findings.append(f"reciprocals made exact (within tolerance {tol:g}): " + "; ".join(notes))
    return out


def comparison_components(known: np.ndarray) -> tuple[int, np.ndarray]:
    """Connected components of the comparison graph (``known[i, j]``: pair judged).

    The one connectivity check of pathchoice (scipy's breadth-first search,
    imported here because only incomplete matrices need it).
    """
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import connected_components

    graph = csr_array(known.astype(np.int8))
    return connected_components(graph, directed=False)


def check_connected(a: np.ndarray, labels: tuple[str, ...]) -> None:
    """Raise :class:`~pathchoice.exceptions.DisconnectedJudgementsError` naming the groups."""
    n = a.shape[0]
    if n < 2:
        return
    nan = np.isnan(a)
    if not nan.any():
        return  # every pair judged: a complete graph is connected
    known = ~nan
    np.fill_diagonal(known, False)
    count, which = comparison_components(known)
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


def off_scale_cells(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the judged upper-triangle entries off Saaty's 1/9..9 scale
    (with slack), in row-major order: one whole-matrix pass."""
    high, low = 9.0 * (1 + SCALE_SLACK), (1.0 / 9.0) * (1 - SCALE_SLACK)
    if np.fmax.reduce(a, axis=None) <= high and np.fmin.reduce(a, axis=None) >= low:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)  # the usual case
    upper_mask, _ = _triangles(a.shape[0])
    with np.errstate(invalid="ignore"):
        off = (a > high) | (a < low)
    return np.nonzero(off & upper_mask)


def pairs_at(
    a: np.ndarray, labels: tuple[str, ...], rows: np.ndarray, cols: np.ndarray
) -> list[tuple[Pair, float]]:
    """``((labels[i], labels[j]), a[i, j])`` for the cells ``zip(rows, cols)``."""
    return [
        ((labels[i], labels[j]), float(a[i, j]))
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
    ]


def off_scale_pairs(a: np.ndarray, labels: tuple[str, ...]) -> list[tuple[Pair, float]]:
    """Judged pairs of the upper triangle off Saaty's 1/9..9 scale (with slack)."""
    return pairs_at(a, labels, *off_scale_cells(a))
