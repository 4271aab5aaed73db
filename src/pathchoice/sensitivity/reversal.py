"""Rank-reversal checks: does the order of two paths depend on a third?

A method whose normalisation, ideal points or outranking flows depend on the
set of alternatives can change the relative order of two alternatives when a
third one is removed or added, although nothing about those two changed
(Belton & Gear 1983 for AHP; Wang & Luo 2009 for SAW, TOPSIS and others;
García-Cascales & Lamata 2012 for TOPSIS with vector normalisation, whose
norms and ideal points move with the set). :func:`rank_reversal_checks` runs
three kinds of check, once per alternative ``X``:

``"remove"``
    Rank the model without ``X``. Compared: every pair of the other
    alternatives. (Skipped when fewer than two others remain.)
``"copy"``
    Add an exact copy of ``X`` (named ``"X (copy)"``). Compared: every pair of
    the original alternatives. A copy should tie with ``X``; whether it does is
    reported.
``"dominated"``
    Add a variant of ``X`` that is slightly worse on every criterion
    (``"X (dominated)"``): on criterion ``j`` its value is
    ``x_Xj - s_j * worsen * (max_j - min_j)``, with ``s_j = +1`` for a benefit
    and ``-1`` for a cost criterion and the range taken over the original
    alternatives, so the step is the same share of every criterion's spread
    whatever its unit and sign. A criterion with zero range is left as it is
    (the variant is then worse on the others only). This is the worse
    alternative of Wang & Triantaphyllou's (2008) first test criterion, added
    beside ``X`` rather than replacing it. Compared: every pair of the original
    alternatives; the variant should never rank above ``X`` (reported).

For each check the pairs of compared alternatives whose relative order
changed are listed: ``"reversed"`` (``a`` was strictly above ``b`` and is
now strictly below), ``"tied"`` (``a`` was strictly above ``b``, now they
tie) and ``"untied"`` (they tied, now ``a`` is strictly above ``b``). Only
``"reversed"`` pairs count as a rank reversal in the summary counts.

A check whose re-ranking the method refuses (a pymcdm method and a criterion
that becomes constant when ``X`` is removed, say) is reported with status
``"failed"`` and the method's message; it is not an error of the whole run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_real
from ..exceptions import PathchoiceError, UnknownNameError
from ..model import Model, as_model
from ..ranking import RankingMethod, rank
from ..results import RankingResult
from ..weights import WeightVector, check_weights

__all__ = ["CHECKS", "Check", "RankReversalResult", "rank_reversal_checks"]

Check = Literal["remove", "copy", "dominated"]

#: The kinds of check :func:`rank_reversal_checks` runs, in this order.
CHECKS: tuple[str, ...] = ("remove", "copy", "dominated")

_SUFFIX = {"copy": "copy", "dominated": "dominated"}


# -- pure array core (no pandas, no validation) -------------------------------------------


def _order_changes(
    before: np.ndarray, after: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs whose relative order changed, for every check at once.

    ``before`` is the (m,) baseline ranks, ``after`` a (c, m) float array of
    the ranks of the same alternatives in each check, NaN where an
    alternative takes no part (removed). Returns three (c, m, m) bool arrays,
    true at ``[k, a, b]`` when in check ``k``:

    * reversed: ``a`` was strictly above ``b`` and is now strictly below;
    * tied: ``a`` was strictly above ``b`` and now ties with it;
    * untied: they tied, now ``a`` is strictly above ``b``.

    Each unordered pair appears at most once (``a`` is the one that was, or
    now is, above).
    """
    m = before.shape[0]
    above_before = before[:, None] < before[None, :]
    tie_before = (before[:, None] == before[None, :]) & ~np.eye(m, dtype=bool)
    above_after = after[:, :, None] < after[:, None, :]
    tie_after = after[:, :, None] == after[:, None, :]
    present = ~np.isnan(after)
    both = present[:, :, None] & present[:, None, :]
    reversed_ = both & above_before[None] & above_after.transpose(0, 2, 1)
    tied = both & above_before[None] & tie_after
    untied = both & tie_before[None] & above_after
    return reversed_, tied, untied


def _dominated_rows(matrix: np.ndarray, signs: np.ndarray, worsen: float) -> np.ndarray:
    """Every row worsened by ``worsen`` × the column's range, in the column's direction."""
    spread = matrix.max(axis=0) - matrix.min(axis=0)
    return matrix - signs * worsen * spread


# -- labelled shell -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RankReversalResult(FrozenResult, FrameDisplay):
    """The outcome of :func:`rank_reversal_checks`.

    Attributes
    ----------
    checks : DataFrame
        One row per check (kind × alternative), in the order remove, copy,
        dominated and model order within each kind. Columns: ``check``,
        ``alternative``, ``added`` (name of the added alternative, or None),
        ``status`` (``"ok"``, ``"skipped"`` or ``"failed"``), ``message``,
        ``n_pairs`` (pairs compared), ``n_reversed``, ``n_tied``,
        ``n_untied``, ``top_before`` / ``top_after`` (the best of the compared
        alternatives before and after; the first in model order if several
        tie), ``top_changed`` (another compared alternative is now strictly
        above ``top_before``), ``original_rank`` and ``added_rank`` (ranks of
        ``X`` and of its copy or variant after adding; NA for removals) and
        ``added_vs_original`` (``"above"``, ``"tied"`` or ``"below"``).
    pairs : DataFrame
        Long form, one row per changed pair: ``check``, ``alternative``
        (whose removal, copy or variant it is), ``a``, ``b``, ``change``
        (``"reversed"``: ``a`` was above ``b``, now below; ``"tied"``: ``a``
        was above, now tied; ``"untied"``: they tied, now ``a`` is above).
    baseline : RankingResult
        The ranking of the unchanged model.
    method : str
        The method's name.
    options : mapping
        The method's options as used.
    worsen : float
        The step of the dominated variants, as a share of each criterion's range.
    """

    checks: pd.DataFrame
    pairs: pd.DataFrame
    baseline: RankingResult
    method: str
    options: Mapping[str, Any] = field(default_factory=dict)
    worsen: float = 0.05

    @property
    def n_checks(self) -> int:
        """Checks that ran (status ``"ok"``)."""
        return int((self._raw("checks")["status"] == "ok").sum())

    @property
    def n_with_reversal(self) -> int:
        """Checks in which at least one pair of compared alternatives reversed."""
        return int((self._raw("checks")["n_reversed"] > 0).sum())

    @property
    def reversal_share(self) -> float:
        """``n_with_reversal / n_checks`` (NaN if no check ran)."""
        return self.n_with_reversal / self.n_checks if self.n_checks else float("nan")

    def summary(self) -> pd.DataFrame:
        """Per kind of check: checks run, checks with a reversal, reversed pairs, top changes."""
        checks = self._raw("checks")
        ok = checks[checks["status"] == "ok"]
        grouped = ok.groupby("check", sort=False)
        table = pd.DataFrame(
            {
                "n_checks": grouped.size(),
                "n_with_reversal": grouped["n_reversed"].apply(lambda s: int((s > 0).sum())),
                "n_reversed_pairs": grouped["n_reversed"].sum(),
                "n_top_changed": grouped["top_changed"].apply(lambda s: int(s.sum())),
            }
        )
        return table.reindex([c for c in CHECKS if c in set(checks["check"])]).fillna(0)

    def to_frame(self) -> pd.DataFrame:
        """The :attr:`checks` table."""
        return self.checks

    def __str__(self) -> str:
        return (
            f"rank-reversal checks ({self.method}): {self.n_with_reversal} of {self.n_checks} "
            f"checks reverse some pair\n{self.summary().to_string()}"
        )

    def _display_frame(self) -> pd.DataFrame:
        return self.summary()


def _fresh_name(base: str, taken: set[str]) -> str:
    name, k = base, 2
    while name in taken:
        name = f"{base[:-1]} {k})"
        k += 1
    return name


def _reversal_iv(
    model: object, weights: object, checks: object, worsen: object
) -> tuple[Model, np.ndarray, tuple[str, ...], float]:
    """The checked arguments of :func:`rank_reversal_checks`."""
    where = "rank_reversal_checks"
    model = as_model(model, where)
    kinds = _check_kinds(checks)
    share = as_real(worsen, "worsen", where=where, low=0.0, high=1.0, low_open=True)
    w = check_weights(weights, model.criterion_names, where=where)  # type: ignore[arg-type]
    return model, w, kinds, share


def _check_kinds(checks: object) -> tuple[str, ...]:
    if isinstance(checks, str):
        checks = (checks,)
    try:
        kinds = tuple(checks)  # type: ignore[arg-type]
    except TypeError:
        raise UnknownNameError(
            f"checks must be a sequence of names from {list(CHECKS)} (got {checks!r})"
        ) from None
    unknown = [k for k in kinds if k not in CHECKS]
    if unknown:
        raise UnknownNameError(f"checks: unknown check(s) {unknown}; known: {list(CHECKS)}")
    if not kinds:
        raise UnknownNameError(f"checks must name at least one of {list(CHECKS)}")
    return tuple(k for k in CHECKS if k in kinds)


def rank_reversal_checks(
    model: Model,
    weights: WeightVector,
    *,
    method: str | RankingMethod = "topsis",
    checks: Sequence[Check] = CHECKS,
    worsen: float = 0.05,
    **options: Any,
) -> RankReversalResult:
    """Remove each alternative, add a copy of each, add a dominated variant of each; re-rank.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : Series, mapping or array_like
        One weight vector.
    method : str or callable, default "topsis"
        A key of :data:`pathchoice.ranking.METHODS` or a conforming callable.
    checks : sequence of {"remove", "copy", "dominated"}, default all three
        Which kinds of check to run (always in the order of :data:`CHECKS`).
    worsen : float, default 0.05
        The dominated variant's step on each criterion, as a share of that
        criterion's range (0 < worsen <= 1); see the module notes.
    **options
        The method's options (``normalization="minmax"`` for TOPSIS, ...).

    Returns
    -------
    RankReversalResult
        One row per check in ``checks``, the changed pairs in ``pairs``, and
        the summary counts (``n_checks``, ``n_with_reversal``, ``summary()``).

    Raises
    ------
    MethodError
        An unknown method or an option it does not take.
    UnknownNameError
        An unknown kind of check.
    ArgumentError
        ``worsen`` outside (0, 1] or not a number.
    WeightsError
        Malformed weights (one vector only).

    Notes
    -----
    Each check is a full re-ranking of a new model (3 × m re-rankings for m
    alternatives); the comparison of the orders is vectorised over all checks.
    A weighted sum on fixed scales (no normalisation that depends on the set)
    cannot reverse under any of these checks; TOPSIS, VIKOR, PROMETHEE II and
    pymcdm's WSM (sum normalisation) can.

    References
    ----------
    .. [1] Belton, V., & Gear, T. (1983). On a short-coming of Saaty's method of
       analytic hierarchies. *Omega*, 11(3), 228–230.
    .. [2] Wang, Y.-M., & Luo, Y. (2009). On rank reversal in decision
       analysis. *Mathematical and Computer Modelling*, 49(5–6), 1221–1229.
    .. [3] García-Cascales, M. S., & Lamata, M. T. (2012). On rank reversal and
       TOPSIS method. *Mathematical and Computer Modelling*, 56(5–6), 123–132.
    .. [4] Wang, X., & Triantaphyllou, E. (2008). Ranking irregularities when
       evaluating alternatives by using some ELECTRE methods. *Omega*, 36(1),
       45–63.

    Examples
    --------
    A fourth path sets the ideal on criterion ``y``; without it, TOPSIS
    (vector normalisation) puts A1 above A2. A second copy of A2, or a
    slightly worse A2, shifts the vector norms enough to do the same:

    >>> from pathchoice import Model
    >>> model = Model(["A1", "A2", "A3", "A4"], ["x", "y"], [[6, 3], [9, 1], [8, 6], [3, 7]])
    >>> result = rank_reversal_checks(model, [0.5, 0.5])
    >>> result.pairs
           check alternative   a   b    change
    0     remove          A4  A2  A1  reversed
    1       copy          A2  A2  A1  reversed
    2  dominated          A2  A2  A1  reversed
    >>> result.n_with_reversal, result.n_checks
    (3, 12)
    >>> dominated = result.checks[result.checks["check"] == "dominated"]
    >>> dominated["added_vs_original"].tolist()
    ['below', 'below', 'below', 'below']
    """
    model, w, kinds, worsen = _reversal_iv(model, weights, checks, worsen)
    baseline = rank(model, w, method, **options)

    names = model.alternatives
    m = len(names)
    matrix = model.matrix
    signs = model.types.astype(np.float64)
    before = baseline.ranks.to_numpy().astype(np.float64)
    variants = {"copy": matrix, "dominated": _dominated_rows(matrix, signs, worsen)}

    rows: list[dict[str, Any]] = []
    after = np.full((len(kinds) * m, m), np.nan)
    for block, kind in enumerate(kinds):
        for i, name in enumerate(names):
            k = block * m + i
            row: dict[str, Any] = {
                "check": kind,
                "alternative": name,
                "added": None,
                "status": "ok",
                "message": "",
                "original_rank": pd.NA,
                "added_rank": pd.NA,
                "added_vs_original": None,
            }
            rows.append(row)
            if kind == "remove":
                keep = [a for a in names if a != name]
                if len(keep) < 2:
                    row["status"], row["message"] = "skipped", "fewer than two others remain"
                    continue
                perturbed = model.select(alternatives=keep)
            else:
                added = _fresh_name(f"{name} ({_SUFFIX[kind]})", set(names))
                row["added"] = added
                perturbed = Model(
                    [*names, added],
                    model.criteria,
                    np.vstack([matrix, variants[kind][i]]),
                    name=model.name,
                )
            try:
                result = rank(perturbed, w, method, **options)
            except PathchoiceError as exc:
                row["status"], row["message"] = "failed", str(exc)
                continue
            ranks = result.ranks
            if kind == "remove":
                after[k, [j for j in range(m) if j != i]] = ranks.to_numpy()[: m - 1]
            else:
                after[k] = ranks.to_numpy()[:m]
                own, new = int(ranks.iloc[i]), int(ranks.iloc[m])
                row["original_rank"], row["added_rank"] = own, new
                row["added_vs_original"] = (
                    "above" if new < own else ("tied" if new == own else "below")
                )

    reversed_, tied, untied = _order_changes(before, after)
    present = ~np.isnan(after)
    n_present = present.sum(axis=1)
    pair_rows: list[dict[str, Any]] = []
    for k, row in enumerate(rows):
        if row["status"] != "ok":
            row.update(
                n_pairs=0, n_reversed=0, n_tied=0, n_untied=0,
                top_before=None, top_after=None, top_changed=False,
            )  # fmt: skip
            continue
        compared = np.flatnonzero(present[k])
        top_b = compared[np.argmin(before[compared])]
        top_a = compared[np.argmin(after[k, compared])]
        row.update(
            n_pairs=int(n_present[k] * (n_present[k] - 1) // 2),
            n_reversed=int(reversed_[k].sum()),
            n_tied=int(tied[k].sum()),
            n_untied=int(untied[k].sum()),
            top_before=names[top_b],
            top_after=names[top_a],
            top_changed=bool(after[k, top_b] > after[k, compared].min()),
        )
        for change, mask in (("reversed", reversed_[k]), ("tied", tied[k]), ("untied", untied[k])):
            for a, b in zip(*np.nonzero(mask), strict=True):
                pair_rows.append(
                    {
                        "check": row["check"],
                        "alternative": row["alternative"],
                        "a": names[a],
                        "b": names[b],
                        "change": change,
                    }
                )

    columns = [
        "check", "alternative", "added", "status", "message", "n_pairs", "n_reversed",
        "n_tied", "n_untied", "top_before", "top_after", "top_changed", "original_rank",
        "added_rank", "added_vs_original",
    ]  # fmt: skip
    checks_frame = pd.DataFrame(rows, columns=columns)
    for column in ("original_rank", "added_rank"):
        checks_frame[column] = checks_frame[column].astype("Int64")
    pairs_frame = pd.DataFrame(pair_rows, columns=["check", "alternative", "a", "b", "change"])
    return RankReversalResult(
        checks=checks_frame,
        pairs=pairs_frame,
        baseline=baseline,
        method=baseline.method,
        options=dict(baseline.options),
        worsen=worsen,
    )
