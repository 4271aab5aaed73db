"""Random-index tables for Saaty's consistency ratio ``CR = CI / RI``.

The random index ``RI(n)`` is the mean consistency index of random reciprocal
matrices of size *n* with entries drawn from Saaty's scale. Different
simulations give different tables, and the same matrix gets a different CR
from each, so the table is a named, stored choice (``ri_table=``) and every
result says which one it used. The published tables are constants
(:data:`RI_TABLES`, read-only); an analysis that needs another table passes it
per call -- a number, a mapping ``{n: RI}`` or a callable -- and nothing global
is changed.

Tables
------
``"saaty_1980"`` (alias ``"saaty"``)
    Saaty (1980), n = 1..10: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45,
    1.49. Past n = 10 the last value is held (a finding says so).
``"saaty_2005"``
    Saaty (2005), *Theory and Applications of the Analytic Network Process*,
    p. 31, n = 3..15: 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52,
    1.54, 1.56, 1.58, 1.59 -- the table AHPy calls ``'saaty'``, a different
    table from the one ``"saaty"`` names here: hence the dated names.
``"donegan_dodd_1991"``
    Donegan & Dodd (1991), n = 3..20 and then 25, 30, 40, ..., 100, with linear
    interpolation between tabulated sizes (AHPy's default ``'dd'``).
``"alonso_lamata_2006"`` (alias ``"alonso_lamata"``)
    Alonso & Lamata (2006), n = 3..15, from 100,000 random matrices per size;
    past n = 15 their fitted relation ``mean λmax = 2.7699 n - 4.3513``, i.e.
    ``RI(n) = (1.7699 n - 4.3513) / (n - 1)``.

For every table RI = 0 for n <= 2 (a reciprocal matrix of one or two labels
is always consistent; its CR is defined as 0, not 0/0).

Past the end of a table
-----------------------
:meth:`RandomIndexTable.lookup` returns the value and whether it lies past the
table's last tabulated size. :func:`pathchoice.ahp.ahp_weights` turns that into
a finding naming the table, or an error under ``strict=True``.

References
----------
.. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.
.. [2] Saaty, T. L. (2005). *Theory and Applications of the Analytic Network
   Process*. RWS Publications, Pittsburgh, p. 31.
.. [3] Donegan, H. A., & Dodd, F. J. (1991). A note on Saaty's random indexes.
   *Mathematical and Computer Modelling* 15(10), 135–137.
.. [4] Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy
   process: a new approach. *International Journal of Uncertainty, Fuzziness and
   Knowledge-Based Systems* 14(4), 445–459.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .._validate import as_count, as_real, is_number
from ..exceptions import ArgumentError, UnknownNameError

__all__ = [
    "RI_ALIASES",
    "RI_REFERENCES",
    "RI_TABLES",
    "RISpec",
    "RandomIndexTable",
    "as_ri_table",
    "random_index",
    "random_index_is_extrapolated",
]


@dataclass(frozen=True)
class RandomIndexTable:
    """A random-index table: tabulated sizes, how to fill gaps, what to do past the end.

    Parameters
    ----------
    name : str
        Shown in results and messages.
    values : mapping of int to float
        Tabulated ``RI(n)`` for n >= 3 (sizes 1 and 2 are always 0).
    reference : str
        Where the values come from.
    interpolate : bool, default False
        Linear interpolation between tabulated sizes (Donegan & Dodd's table
        is sparse past n = 20); otherwise a size missing inside the table is an
        error.
    beyond : callable, optional
        ``RI(n)`` past the last tabulated size (a published fitted relation);
        default: the last value is held.
    function : callable, optional
        ``RI(n)`` for every n >= 3 (a table given as a function; ``values`` is
        then ignored and nothing is ever past the end).
    """

    name: str
    values: Mapping[int, float]
    reference: str = ""
    interpolate: bool = False
    beyond: Callable[[int], float] | None = field(default=None, compare=False)
    function: Callable[[int], float] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        items = dict(self.values)
        for n, v in items.items():
            as_count(n, "random-index table size", where=f"table {self.name!r}", minimum=1)
            as_real(
                v, f"RI({n})", where=f"table {self.name!r}", low=0.0, low_open=True, high=math.inf
            )
        if not items:
            raise ArgumentError(f"random-index table {self.name!r} holds no values")
        object.__setattr__(self, "values", MappingProxyType(dict(sorted(items.items()))))

    @property
    def max_n(self) -> int:
        """The largest tabulated size."""
        return max(self.values)

    def lookup(self, n: int) -> tuple[float, bool]:
        """``(RI(n), past_end)``: the value for size ``n`` and whether it is past the table.

        Examples
        --------
        >>> RI_TABLES["donegan_dodd_1991"].lookup(22)
        (1.54702, False)
        >>> RI_TABLES["saaty_1980"].lookup(12)
        (1.49, True)
        """
        n = as_count(n, "n", where="random_index", minimum=1)
        if n <= 2:
            return 0.0, False
        if self.function is not None:
            value = self.function(n)
            checked = as_real(
                value,
                f"RI({n})",
                where=f"table {self.name!r}",
                low=0.0,
                low_open=True,
                high=math.inf,
            )
            return checked, False
        table = self.values
        if n in table:
            return float(table[n]), False
        if n > self.max_n:
            if self.beyond is not None:
                return float(self.beyond(n)), True
            return float(table[self.max_n]), True
        sizes = list(table)
        if n < sizes[0] or not self.interpolate:
            raise UnknownNameError(
                f"random-index table {self.name!r} has no value for n = {n} "
                f"(tabulated sizes: {sizes})"
            )
        k = bisect.bisect_left(sizes, n)
        lo, hi = sizes[k - 1], sizes[k]
        value = table[lo] + (table[hi] - table[lo]) * (n - lo) / (hi - lo)
        return round(float(value), 12), False

    def __call__(self, n: int) -> float:
        return self.lookup(n)[0]


def _alonso_lamata_fit(n: int) -> float:
    return (1.7699 * n - 4.3513) / (n - 1)


_SAATY_1980 = RandomIndexTable(
    "saaty_1980",
    {3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49},
    "Saaty (1980), The Analytic Hierarchy Process; n > 10 holds RI(10) = 1.49",
)
_SAATY_2005 = RandomIndexTable(
    "saaty_2005",
    {
        3: 0.52,
        4: 0.89,
        5: 1.11,
        6: 1.25,
        7: 1.35,
        8: 1.40,
        9: 1.45,
        10: 1.49,
        11: 1.52,
        12: 1.54,
        13: 1.56,
        14: 1.58,
        15: 1.59,
    },
    "Saaty (2005), Theory and Applications of the Analytic Network Process, p. 31; "
    "n > 15 holds RI(15) = 1.59",
)
_DONEGAN_DODD_1991 = RandomIndexTable(
    "donegan_dodd_1991",
    {
        3: 0.4914,
        4: 0.8286,
        5: 1.0591,
        6: 1.1797,
        7: 1.2519,
        8: 1.3171,
        9: 1.3733,
        10: 1.4055,
        11: 1.4213,
        12: 1.4497,
        13: 1.4643,
        14: 1.4822,
        15: 1.4969,
        16: 1.5078,
        17: 1.5153,
        18: 1.5262,
        19: 1.5313,
        20: 1.5371,
        25: 1.5619,
        30: 1.5772,
        40: 1.5976,
        50: 1.6102,
        60: 1.6178,
        70: 1.6237,
        80: 1.6277,
        90: 1.6213,
        100: 1.6339,
    },
    "Donegan & Dodd (1991), Math. Comput. Modelling 15(10):135-137; linear "
    "interpolation between tabulated sizes; n > 100 holds RI(100) = 1.6339",
    interpolate=True,
)
_ALONSO_LAMATA_2006 = RandomIndexTable(
    "alonso_lamata_2006",
    {
        3: 0.5245,
        4: 0.8815,
        5: 1.1086,
        6: 1.2479,
        7: 1.3417,
        8: 1.4056,
        9: 1.4499,
        10: 1.4854,
        11: 1.5141,
        12: 1.5365,
        13: 1.5551,
        14: 1.5713,
        15: 1.5838,
    },
    "Alonso & Lamata (2006), IJUFKS 14(4):445-459; n > 15 uses their fit "
    "RI = (1.7699 n - 4.3513) / (n - 1)",
    beyond=_alonso_lamata_fit,
)

#: The published tables by name (read-only).
RI_TABLES: Mapping[str, RandomIndexTable] = MappingProxyType(
    {t.name: t for t in (_SAATY_1980, _SAATY_2005, _DONEGAN_DODD_1991, _ALONSO_LAMATA_2006)}
)

#: Short names kept for convenience: ``"saaty"`` is Saaty's 1980 table (not AHPy's
#: ``'saaty'``, which is the 2005 one), ``"alonso_lamata"`` and ``"donegan_dodd"``.
RI_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "saaty": "saaty_1980",
        "alonso_lamata": "alonso_lamata_2006",
        "donegan_dodd": "donegan_dodd_1991",
    }
)

#: Where each table comes from, and what is done past its end.
RI_REFERENCES: Mapping[str, str] = MappingProxyType(
    {name: t.reference for name, t in RI_TABLES.items()}
)

#: What ``ri_table=`` accepts: a table name, a table, a number, ``{n: RI}`` or ``n -> RI``.
RISpec = str | RandomIndexTable | float | Mapping[int, float] | Callable[[int], float]


def as_ri_table(spec: RISpec, *, where: str | None = None) -> RandomIndexTable:
    """The :class:`RandomIndexTable` that ``ri_table=`` names or describes.

    * a name of :data:`RI_TABLES` or :data:`RI_ALIASES`;
    * a :class:`RandomIndexTable`;
    * a number: that RI for every n >= 3 (e.g. the value a textbook prints);
    * a mapping ``{n: RI}`` (interpolated linearly between its sizes);
    * a callable ``n -> RI``.

    Examples
    --------
    >>> as_ri_table("saaty").name
    'saaty_1980'
    >>> as_ri_table(0.9).lookup(4)
    (0.9, False)
    >>> as_ri_table({3: 0.5, 5: 1.1}).lookup(4)
    (0.8, False)
    """
    label = f"{where}: ri_table" if where else "ri_table"
    if isinstance(spec, RandomIndexTable):
        return spec
    if isinstance(spec, str):
        name = RI_ALIASES.get(spec, spec)
        if name not in RI_TABLES:
            choices = sorted([*RI_TABLES, *RI_ALIASES])
            raise ArgumentError(f"{label} must be one of {choices} (got {spec!r})")
        return RI_TABLES[name]
    if is_number(spec):
        value = as_real(spec, "ri_table", where=where, low=0.0, low_open=True, high=math.inf)
        return RandomIndexTable(
            f"RI = {value:g}", {3: value}, "given per call", function=lambda n: value
        )
    if isinstance(spec, Mapping):
        return RandomIndexTable("custom table", spec, "given per call", interpolate=True)
    if callable(spec):
        name = getattr(spec, "__name__", "custom function")
        # values are unused when a function is given; one placeholder keeps the table valid
        return RandomIndexTable(name, {3: 1.0}, "given per call as a function", function=spec)
    raise ArgumentError(
        f"{label} must be a table name, a number, a mapping {{n: RI}} or a function of n "
        f"(got {type(spec).__name__})"
    )


def random_index_is_extrapolated(n: int, table: RISpec = "saaty_1980") -> bool:
    """Whether ``random_index(n, table)`` lies past the end of the table.

    Examples
    --------
    >>> random_index_is_extrapolated(12, "saaty"), random_index_is_extrapolated(12, "alonso_lamata")
    (True, False)
    """
    return as_ri_table(table, where="random_index").lookup(n)[1]


def random_index(n: int, table: RISpec = "saaty_1980") -> float:
    """The random index RI for an n x n pairwise matrix from the named table.

    Parameters
    ----------
    n : int
        Matrix size, ``n >= 1``.
    table : str, number, mapping or callable, default "saaty_1980"
        A published table by name (see :data:`RI_TABLES`, :data:`RI_ALIASES`),
        or a per-call table (see :func:`as_ri_table`).

    Returns
    -------
    float
        RI; 0 for ``n <= 2``. Past the end of the table: the table's published
        fit (Alonso & Lamata) or its last value.

    Raises
    ------
    ArgumentError
        Unknown table name; ``n`` is not a whole number >= 1.

    Examples
    --------
    >>> random_index(4), random_index(4, "alonso_lamata"), random_index(4, "saaty_2005")
    (0.9, 0.8815, 0.89)
    >>> random_index(2)
    0.0
    >>> round(random_index(16, "alonso_lamata"), 4), random_index(16, "saaty")
    (1.5978, 1.49)
    """
    return as_ri_table(table, where="random_index").lookup(n)[0]
