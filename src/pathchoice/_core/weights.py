"""Weight vectors varied one criterion at a time (pure numpy, no validation)."""

from __future__ import annotations

import numpy as np

__all__ = ["NEGATIVE_SLACK", "varied_weights"]

#: Weights this far below zero (rounding of the "equal" scheme) count as zero.
NEGATIVE_SLACK = 1e-12


def varied_weights(
    w: np.ndarray, k: np.ndarray, t: np.ndarray, scheme: str
) -> tuple[np.ndarray, np.ndarray]:
    """Weight vectors with criterion ``k[s]`` set to ``t[s]``, the others rescaled.

    ``w`` is the (n,) base vector, ``k`` an (S,) integer array of criterion
    indices and ``t`` an (S,) array of new weights in [0, 1]. Returns the
    (S, n) weight vectors and an (S,) mask of the feasible ones (no weight
    below zero). Infeasible rows are returned as computed (with the negative
    entries), so callers can report them.

    ``"proportional"``: ``w_j' = w_j (1 - t) / sum_{i != k} w_i``, which is
    ``w_j (1 - t) / (1 - w_k)`` for weights summing to 1 and makes the result
    sum to 1 exactly. If the other weights are all zero (``w_k = 1``), their
    ratios are undefined and ``1 - t`` is shared equally among them.
    ``"equal"``: ``w_j' = w_j - (t - w_k) / (n - 1)``.
    """
    n = w.shape[0]
    rows = np.arange(k.shape[0])
    varied = np.zeros((k.shape[0], n), dtype=bool)
    varied[rows, k] = True
    if n == 1:
        out = np.ones((k.shape[0], 1))
        return out, t == 1.0
    others = np.where(varied, 0.0, w[None, :])
    if scheme == "proportional":
        rest = others.sum(axis=1)
        degenerate = rest <= 0.0
        scale = (1.0 - t) / np.where(degenerate, 1.0, rest)
        out = others * scale[:, None]
        if degenerate.any():
            share = (1.0 - t[degenerate]) / (n - 1)
            out[degenerate] = np.where(varied[degenerate], 0.0, share[:, None])
        feasible = np.ones(k.shape[0], dtype=bool)
    else:
        shift = (t - w[k]) / (n - 1)
        out = np.where(varied, 0.0, w[None, :] - shift[:, None])
        feasible = (out >= -NEGATIVE_SLACK).all(axis=1)
        noise = feasible[:, None] & (out < 0.0)
        out[noise] = 0.0
    out[rows, k] = t
    return out, feasible
