"""Random-index tables for Saaty's consistency ratio ``CR = CI / RI``.

The random index ``RI(n)`` is the mean consistency index of random reciprocal
matrices of size *n* with entries drawn from Saaty's scale. Different
simulations give different tables, and the same matrix gets a different CR
from each, so the table is a named, stored choice (``ri_table=``) and every
result says which one it used.

Tables
------
``"saaty"``
    Saaty's classic table for n = 1..10: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32,
    1.41, 1.45, 1.49 (Saaty 1980; Saaty 1987).
``"alonso_lamata"``
    Alonso & Lamata (2006), n = 1..15, from 100,000 random matrices
    per size: 0, 0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499,
    1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838.

Past the end of a table
-----------------------
``random_index`` is defined for every ``n >= 1`` and never raises for a large n:

* n <= 2: RI = 0. A reciprocal matrix of one or two labels is always
  consistent, and its CR is defined as 0 (not 0/0).
* ``"alonso_lamata"`` beyond n = 15: Alonso & Lamata's fitted relation for the
  mean random Perron root, ``mean lambda_max = 2.7699 n - 4.3513``, which gives
  ``RI(n) = (1.7699 n - 4.3513) / (n - 1)`` (1.598 at n = 16, continuing the
  table smoothly from 1.5838 at n = 15).
* ``"saaty"`` beyond n = 10: the last value, 1.49, is held. RI grows ever more
  slowly with n (Alonso & Lamata's values rise by less than 0.03 per step past
  n = 10), so holding it understates RI slightly and makes the CR slightly
  larger: the acceptance test errs on the strict side and no number from a
  different simulation is mixed into Saaty's table.

Either way the result of :func:`pathchoice.ahp.ahp_weights` records the
extrapolation in its ``findings``.

References
----------
.. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.
.. [2] Saaty, R. W. (1987). The analytic hierarchy process—what it is and how it is
   used. *Mathematical Modelling* 9(3–5), 161–176.
.. [3] Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy
   process: a new approach. *International Journal of Uncertainty, Fuzziness and
   Knowledge-Based Systems* 14(4), 445–459.
"""

from __future__ import annotations

from numbers import Integral

from ..exceptions import PathchoiceError, UnknownNameError

__all__ = ["RI_REFERENCES", "RI_TABLES", "random_index", "random_index_is_extrapolated"]

#: Random-index tables by name: ``RI_TABLES[name][n - 1]`` is RI for size n.
#: Adding an entry registers a table for ``ri_table=`` (past its end its last value is held).
RI_TABLES: dict[str, tuple[float, ...]] = dict(
    {
        "saaty": (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49),
        "alonso_lamata": (
            0.0,
            0.0,
            0.5245,
            0.8815,
            1.1086,
            1.2479,
            1.3417,
            1.4056,
            1.4499,
            1.4854,
            1.5141,
            1.5365,
            1.5551,
            1.5713,
            1.5838,
        ),
    }
)

#: Where each table comes from, and what is done past its end.
RI_REFERENCES: dict[str, str] = dict(
    {
        "saaty": ("Saaty (1980), The Analytic Hierarchy Process; n > 10 holds RI(10) = 1.49"),
        "alonso_lamata": (
            "Alonso & Lamata (2006), IJUFKS 14(4):445-459; n > 15 uses their fit "
            "RI = (1.7699 n - 4.3513) / (n - 1)"
        ),
    }
)


def _check(n: int, table: str) -> tuple[int, tuple[float, ...]]:
    if table not in RI_TABLES:
        raise UnknownNameError(f"ri_table must be one of {sorted(RI_TABLES)} (got {table!r})")
    if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
        raise PathchoiceError(f"matrix size n must be an integer >= 1 (got {n!r})")
    return int(n), RI_TABLES[table]


def random_index_is_extrapolated(n: int, table: str = "saaty") -> bool:
    """Whether ``random_index(n, table)`` lies past the end of the table.

    Examples
    --------
    >>> random_index_is_extrapolated(12, "saaty"), random_index_is_extrapolated(12, "alonso_lamata")
    (True, False)
    """
    n, values = _check(n, table)
    return n > len(values)


def random_index(n: int, table: str = "saaty") -> float:
    """The random index RI for an n x n pairwise matrix from the named table.

    Parameters
    ----------
    n : int
        Matrix size, ``n >= 1``.
    table : {"saaty", "alonso_lamata"}, default "saaty"
        Which published table (see :data:`RI_TABLES`).

    Returns
    -------
    float
        RI; 0 for ``n <= 2``. Past the end of the table: Alonso & Lamata's fitted
        relation for ``"alonso_lamata"``, the last value held for ``"saaty"``
        (see the module notes for why).

    Raises
    ------
    UnknownNameError
        Unknown table name.
    PathchoiceError
        ``n`` is not an integer >= 1.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    .. [2] Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy
       process: a new approach. *IJUFKS* 14(4), 445–459.

    Examples
    --------
    >>> random_index(4), random_index(4, "alonso_lamata")
    (0.9, 0.8815)
    >>> random_index(2)
    0.0
    >>> round(random_index(16, "alonso_lamata"), 4), random_index(16, "saaty")
    (1.5978, 1.49)
    """
    n, values = _check(n, table)
    if n <= 2:
        return 0.0
    if n <= len(values):
        return float(values[n - 1])
    if table == "alonso_lamata":
        return (1.7699 * n - 4.3513) / (n - 1)
    return float(values[-1])
