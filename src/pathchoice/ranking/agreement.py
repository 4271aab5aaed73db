"""How far rankings agree: Kendall's tau, the Kemeny distance and the Kemeny-Young ranking.

Rankings are integer ranks, 1 = best, ties allowed (ties share the minimum
rank, as everywhere in pathchoice). Functions here take a ``(k, m)`` array --
one ranking per row, one alternative per column -- and are pure numpy (scipy
for Kendall's tau); the labelled tables are built by
:func:`pathchoice.sensitivity.compare.compare_methods`.

* **Kendall's tau-b** (Kendall 1945), from :func:`scipy.stats.kendalltau`: the
  rank correlation in [-1, 1] that corrects for ties.
* **Kemeny distance** (Kemeny & Snell 1962): for each pair of alternatives,
  ``|sign(x_a - x_b) - sign(y_a - y_b)|`` summed over the pairs -- 2 for a pair
  the two rankings order oppositely, 1 for a pair one ranking ties and the
  other orders, 0 otherwise. For two rankings without ties it is twice the
  number of discordant pairs.
* **Kemeny-Young ranking** (Kemeny 1959; Young & Levenglick 1978): the
  ranking of the alternatives (a strict order) whose total Kemeny distance to
  the given rankings is smallest. Found exactly for up to
  :data:`KEMENY_EXACT_MAX` alternatives by dynamic programming over subsets
  (``2**m * m`` steps; the problem is NP-hard in general, Bartholdi, Tovey &
  Trick 1989). Above that, the heuristic of Dwork, Kumar, Naor & Sivakumar
  (2001): start from the Borda order and apply *local Kemenisation* (swap
  adjacent alternatives while that lowers the distance), which gives a
  locally Kemeny-optimal ranking consistent with the Condorcet criterion for
  adjacent pairs, not always the optimum.

References
----------
.. [1] Kendall, M. G. (1945). The treatment of ties in ranking problems.
   *Biometrika*, 33(3), 239-251.
.. [2] Kemeny, J. G., & Snell, J. L. (1962). *Mathematical Models in the
   Social Sciences*, ch. 2. Ginn.
.. [3] Kemeny, J. G. (1959). Mathematics without numbers. *Daedalus*, 88(4),
   577-591.
.. [4] Young, H. P., & Levenglick, A. (1978). A consistent extension of
   Condorcet's election principle. *SIAM Journal on Applied Mathematics*,
   35(2), 285-300.
.. [5] Bartholdi, J., Tovey, C. A., & Trick, M. A. (1989). Voting schemes
   for which it can be difficult to tell who won the election. *Social
   Choice and Welfare*, 6(2), 157-165.
.. [6] Dwork, C., Kumar, R., Naor, M., & Sivakumar, D. (2001). Rank
   aggregation methods for the web. *Proceedings of WWW10*, 613-622.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .._validate import as_finite_array
from ..exceptions import ArgumentError

__all__ = [
    "KEMENY_EXACT_MAX",
    "kemeny_distance",
    "kemeny_distances",
    "kemeny_young",
    "kendall_taus",
]

#: Up to this many alternatives the Kemeny-Young ranking is exact; above, a heuristic.
KEMENY_EXACT_MAX = 12


def _ranks_iv(ranks: object, where: str, *, rows: int = 1) -> np.ndarray:
    """``ranks`` as a checked (k, m) float array: at least ``rows`` rankings, ranks >= 1."""
    array = as_finite_array(ranks, "ranks", where=where, ndim=2)
    if array.shape[0] < rows or array.shape[1] < 1 or (array < 1).any():
        raise ArgumentError(
            f"{where}: ranks must be a (rankings × alternatives) table of ranks >= 1 with at "
            f"least {rows} ranking(s) (got shape {array.shape})"
        )
    return array


def _signs(ranks: np.ndarray) -> np.ndarray:
    """``(k, m, m)``: +1 where alternative a is ranked above b, -1 below, 0 tied."""
    return np.sign(ranks[:, None, :] - ranks[:, :, None]).astype(np.int64)


def kemeny_distances(ranks: npt.ArrayLike) -> np.ndarray:
    """``(k, k)`` Kemeny distances between the rows of a ``(k, m)`` rank array.

    Examples
    --------
    >>> kemeny_distances(np.array([[1, 2, 3], [3, 2, 1], [1, 1, 1]]))
    array([[0, 6, 3],
           [6, 0, 3],
           [3, 3, 0]])
    """
    ranks = _ranks_iv(ranks, "kemeny_distances")
    signs = _signs(ranks).reshape(len(ranks), -1)
    # Sum over ordered pairs counts each unordered pair twice.
    return np.abs(signs[:, None, :] - signs[None, :, :]).sum(axis=2) // 2


def kemeny_distance(x: npt.ArrayLike, y: npt.ArrayLike) -> int:
    """The Kemeny distance between two rankings of the same alternatives.

    Examples
    --------
    >>> kemeny_distance(np.array([1, 2, 3, 4]), np.array([2, 1, 3, 4]))
    2
    """
    x, y = (as_finite_array(v, "rankings", where="kemeny_distance", ndim=1) for v in (x, y))
    if x.shape != y.shape:
        raise ArgumentError(
            f"kemeny_distance: the two rankings must rank the same alternatives "
            f"(got {x.size} and {y.size} ranks)"
        )
    return int(kemeny_distances(np.vstack([x, y]))[0, 1])


def kendall_taus(ranks: npt.ArrayLike) -> np.ndarray:
    """``(k, k)`` Kendall tau-b between the rows (scipy); NaN where a row ties everything.

    Examples
    --------
    >>> kendall_taus(np.array([[1, 2, 3], [1, 3, 2]])).round(4)
    array([[1.    , 0.3333],
           [0.3333, 1.    ]])
    """
    from scipy.stats import kendalltau  # on first use: scipy.stats takes ~0.4 s to import

    ranks = _ranks_iv(ranks, "kendall_taus")
    k = len(ranks)
    out = np.ones((k, k))
    for a in range(k):  # k methods: a handful of scipy calls, not a hot path
        for b in range(a + 1, k):
            if np.ptp(ranks[a]) == 0 or np.ptp(ranks[b]) == 0:
                tau = np.nan
            else:
                tau = float(kendalltau(ranks[a], ranks[b]).statistic)
            out[a, b] = out[b, a] = tau
    return out


def _pair_costs(ranks: np.ndarray) -> np.ndarray:
    """``C[a, b]``: total Kemeny distance contributed by placing a strictly above b."""
    signs = _signs(ranks)  # [k, a, b] = +1 if a above b
    ties = (signs == 0).sum(axis=0)
    below = (signs < 0).sum(axis=0)
    cost = ties + 2 * below
    np.fill_diagonal(cost, 0)
    return cost


def _exact(cost: np.ndarray) -> list[int]:
    """The order minimising ``sum over a before b of cost[a, b]``: DP over subsets."""
    m = len(cost)
    full = 1 << m
    best = np.full(full, np.iinfo(np.int64).max)
    choice = np.zeros(full, dtype=np.int64)
    best[0] = 0
    # added[S, x] = cost of putting x after every member of S = sum_{s in S} cost[s, x].
    members = ((np.arange(full)[:, None] >> np.arange(m)) & 1).astype(np.int64)
    added = members @ cost
    for subset in range(full):  # 2**m states (4,096 at m = 12)
        base = best[subset]
        for x in range(m):
            if subset >> x & 1:
                continue
            target = subset | (1 << x)
            value = base + added[subset, x]
            if value < best[target]:
                best[target], choice[target] = value, x
    order = []
    subset = full - 1
    while subset:
        x = int(choice[subset])
        order.append(x)
        subset ^= 1 << x
    return order[::-1]


def _local_kemenization(cost: np.ndarray, order: list[int]) -> list[int]:
    """Swap adjacent alternatives while that lowers the total distance (Dwork et al. 2001)."""
    improved = True
    while improved:
        improved = False
        for i in range(len(order) - 1):
            a, b = order[i], order[i + 1]
            if cost[b, a] < cost[a, b]:
                order[i], order[i + 1] = b, a
                improved = True
    return order


def kemeny_young(ranks: npt.ArrayLike) -> tuple[np.ndarray, int, bool]:
    """The Kemeny-Young ranking of the columns of a ``(k, m)`` rank array.

    Returns
    -------
    ranks : ndarray of int, shape (m,)
        The consensus as ranks 1..m (a strict order; among equally distant
        orders the one found first, favouring alternatives earlier in the
        input).
    distance : int
        Its total Kemeny distance to the k rankings.
    exact : bool
        Whether the order is the exact optimum (m <= :data:`KEMENY_EXACT_MAX`).

    Examples
    --------
    >>> kemeny_young(np.array([[1, 2, 3], [2, 1, 3], [1, 3, 2]]))
    (array([1, 2, 3]), 4, True)
    """
    ranks = _ranks_iv(ranks, "kemeny_young")
    cost = _pair_costs(ranks)
    m = ranks.shape[1]
    exact = m <= KEMENY_EXACT_MAX
    if exact:
        order = _exact(cost)
    else:
        borda = (m - ranks).sum(axis=0)
        order = _local_kemenization(cost, list(np.argsort(-borda, kind="stable")))
    positions = np.empty(m, dtype=np.int64)
    positions[order] = np.arange(1, m + 1)
    before = positions[:, None] < positions[None, :]
    return positions, int(cost[before].sum()), exact
