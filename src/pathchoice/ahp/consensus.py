"""How far a panel of experts agrees: dispersion, the farthest expert, a consensus index.

Computed by :func:`~pathchoice.ahp.group_weights` for every panel and kept in
its result (:class:`~pathchoice.ahp.group.GroupWeightsResult`):

* **dispersion of the judgements** -- for every pair, the weighted standard
  deviation over the experts who judged it of ``log a_ij(k)`` (judgements are
  ratios, so they spread in log terms; ``exp(sd)`` is the geometric standard
  deviation, a factor: 1.5 means the experts' values typically differ from their
  geometric mean by a factor of 1.5);
* **dispersion of the priorities** -- for every label, the weighted mean,
  standard deviation, minimum and maximum of the experts' own weights;
* **the geometric cardinal consensus index** of each expert (Dong, Zhang, Hong &
  Xu 2010), how far the expert's judgements are from the group's priorities
  ``w``::

      GCCI(k) = 2 / ((n - 1)(n - 2)) · Σ_{i<j} (log a_ij(k) − log w_i + log w_j)²

  the GCI formula with the group's weights in place of the expert's own. It is
  0 when the expert's judgements are exactly the ratios of the group's
  weights; Dong et al. read it against the GCI thresholds (0.31 for n = 3,
  0.35 for n = 4, 0.37 for n > 4). For an incomplete matrix the sum runs over
  the judged pairs and is scaled by ``n(n − 1) / 2`` over their number. The
  expert with the largest GCCI is the one farthest from the group; the panel's
  consensus index is the expert-weighted mean GCCI.

References
----------
.. [1] Dong, Y., Zhang, G., Hong, W.-C., & Xu, Y. (2010). Consensus models for
   AHP group decision making under row geometric mean prioritization method.
   *Decision Support Systems* 49(3), 281–289.
.. [2] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency
   index: Approximated thresholds. *European Journal of Operational Research*
   147(1), 137–145.
"""

from __future__ import annotations

import numpy as np

__all__ = ["gcci", "judgement_dispersion", "priority_dispersion"]


def gcci(log_a: np.ndarray, group_weights: np.ndarray) -> np.ndarray:
    """GCCI of each expert ``(K,)`` from log-judgements ``(K, n, n)`` (NaN = missing).

    Examples
    --------
    >>> w = np.array([0.5, 0.3, 0.2])
    >>> consistent = np.log(w[:, None] / w[None, :])[None]
    >>> float(gcci(consistent, w)[0]) < 1e-28
    True
    """
    n = log_a.shape[-1]
    if n <= 2:
        return np.zeros(log_a.shape[0])
    y = np.log(group_weights)
    iu, ju = np.triu_indices(n, k=1)
    resid = log_a[:, iu, ju] - y[iu] + y[ju]
    judged = ~np.isnan(resid)
    total = np.where(judged, resid, 0.0) ** 2
    scale = iu.size / np.maximum(judged.sum(axis=1), 1)
    return 2.0 / ((n - 1) * (n - 2)) * total.sum(axis=1) * scale


def judgement_dispersion(log_a: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per pair (upper triangle): weighted sd of the log-judgements and the number of experts.

    ``log_a`` is ``(K, n, n)`` with NaN where an expert did not judge; each
    pair's weights are renormalised over the experts who judged it. Returns
    ``(rows, cols, sd, count)``.
    """
    n = log_a.shape[-1]
    iu, ju = np.triu_indices(n, k=1)
    x = log_a[:, iu, ju]
    known = ~np.isnan(x)
    lam = weights[:, None] * known
    total = lam.sum(axis=0)
    safe = np.where(total > 0, total, 1.0)
    mean = (lam * np.where(known, x, 0.0)).sum(axis=0) / safe
    var = (lam * np.where(known, x - mean, 0.0) ** 2).sum(axis=0) / safe
    sd = np.where(total > 0, np.sqrt(var), np.nan)
    return iu, ju, sd, known.sum(axis=0)


def priority_dispersion(individual: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Per label: weighted mean, sd, min and max of the experts' weights ``(K, n)`` → ``(n, 4)``."""
    mean = weights @ individual
    sd = np.sqrt(weights @ (individual - mean) ** 2)
    return np.column_stack([mean, sd, individual.min(axis=0), individual.max(axis=0)])
