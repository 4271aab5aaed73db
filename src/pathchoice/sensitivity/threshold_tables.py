"""The tables of :func:`~pathchoice.sensitivity.thresholds.weight_thresholds`, from its crossings.

Given every crossing of every pair of alternatives found on the weight paths,
:func:`assemble_tables` builds the three tables of a
:class:`~pathchoice.sensitivity.thresholds.ThresholdResult`: ``pairs`` (every
crossing, with Triantaphyllou & Sánchez's (1997) δ and δ′ beside the new
weight), ``most_critical`` (their four "most critical criterion" measures) and
``criteria`` (per criterion, the nearest weights at which the top changes).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import Model

__all__ = ["CRITICAL_MEASURES", "assemble_tables"]

#: Triantaphyllou & Sánchez's "most critical criterion" measures, in table order.
CRITICAL_MEASURES = ("absolute-top", "absolute-any", "percent-top", "percent-any")


def _ts_delta(w_k: np.ndarray, root: np.ndarray, degenerate: np.ndarray) -> np.ndarray:
    """Triantaphyllou & Sánchez's δ (W_k* = W_k - δ, then renormalised) for a new weight."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (w_k - root) / (1.0 - root)
    return np.where(degenerate, np.nan, out)


def _percent(change: np.ndarray, w_k: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(change == 0, 0.0, 100.0 * change / w_k)


def assemble_tables(
    model: Model,
    w: np.ndarray,
    ks: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    kk: np.ndarray,
    pp: np.ndarray,
    root: np.ndarray,
    rising: np.ndarray,
    top: int,
    findings: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The pairs, most-critical and per-criterion tables from the crossings."""
    names = model.criterion_names
    alts = np.array(model.alternatives, dtype=object)
    n_pairs = first.shape[0]
    w_k = w[ks[kk]]
    degenerate_k = np.array([bool(np.all(np.delete(w, k) == 0.0)) for k in ks], dtype=bool)
    increase = (root > w_k) | ((root == w_k) & ~rising)
    # order of each crossing from the current weight, per (criterion, pair, side)
    distance = np.abs(root - w_k)
    key = np.lexsort((distance, increase, pp, kk))
    group = np.stack([kk[key], pp[key], increase[key]], axis=1)
    new_group = np.ones(key.shape[0], dtype=bool)
    new_group[1:] = np.any(group[1:] != group[:-1], axis=1)
    position = np.arange(key.shape[0])
    start = np.maximum.accumulate(np.where(new_group, position, 0))
    order = np.empty(key.shape[0], dtype=np.int64)
    order[key] = position - start + 1

    delta = root - w_k
    ts = _ts_delta(w_k, root, degenerate_k[kk])
    crossings = pd.DataFrame(
        {
            "criterion": pd.Series(np.array(names, dtype=object)[ks[kk]], dtype=object),
            "weight": w_k,
            "alternative": pd.Series(alts[first[pp]], dtype=object),
            "other": pd.Series(alts[second[pp]], dtype=object),
            "swap_weight": root,
            "direction": pd.Series(np.where(increase, "increase", "decrease"), dtype=object),
            "order": order,
            "delta": delta,
            "relative": _percent(delta, w_k),
            "ts_delta": ts,
            "ts_relative": _percent(ts, w_k),
        }
    )
    crossings["_k"], crossings["_p"] = kk, pp
    seen = np.zeros((ks.shape[0], n_pairs), dtype=bool)
    seen[kk, pp] = True
    nk, npair = np.nonzero(~seen)
    none = pd.DataFrame(
        {
            "criterion": pd.Series(np.array(names, dtype=object)[ks[nk]], dtype=object),
            "weight": w[ks[nk]],
            "alternative": pd.Series(alts[first[npair]], dtype=object),
            "other": pd.Series(alts[second[npair]], dtype=object),
            "swap_weight": np.nan,
            "direction": pd.Series([None] * nk.shape[0], dtype=object),
            "order": np.zeros(nk.shape[0], dtype=np.int64),
            "delta": np.nan,
            "relative": np.nan,
            "ts_delta": np.nan,
            "ts_relative": np.nan,
            "_k": nk,
            "_p": npair,
        }
    )
    parts = [frame for frame in (crossings, none) if len(frame)]
    pairs = pd.concat(parts, ignore_index=True) if parts else crossings
    pairs = pairs.sort_values(["_k", "_p", "order", "swap_weight"], kind="stable")
    pairs = pairs.drop(columns=["_k", "_p"]).reset_index(drop=True)

    nearest = crossings[crossings["order"] == 1]
    at_top = nearest[first[nearest["_p"].to_numpy()] == top]
    critical = _most_critical(nearest, at_top)

    up_at, up_top, down_at, down_top = [], [], [], []
    top_k, top_weight = at_top["_k"].to_numpy(), at_top["swap_weight"].to_numpy()
    top_up, top_other = (at_top["direction"] == "increase").to_numpy(), at_top["other"].to_numpy()
    for index in range(ks.shape[0]):
        mine = top_k == index
        at, who = _nearest(top_weight[mine & top_up], top_other[mine & top_up], "min")
        up_at.append(at)
        up_top.append(who)
        at, who = _nearest(top_weight[mine & ~top_up], top_other[mine & ~top_up], "max")
        down_at.append(at)
        down_top.append(who)
    table = pd.DataFrame(
        {
            "weight": w[ks],
            "increase_to": np.array(up_at, dtype=np.float64),
            "decrease_to": np.array(down_at, dtype=np.float64),
            "new_top_if_increased": pd.Series(up_top, dtype=object),
            "new_top_if_decreased": pd.Series(down_top, dtype=object),
        }
    )
    table.index = pd.Index([names[k] for k in ks], name="criterion", dtype=object)
    weight = table["weight"].to_numpy()
    table["delta_up"] = table["increase_to"] - weight
    table["delta_down"] = table["decrease_to"] - weight
    table["relative_up"] = _percent(table["delta_up"].to_numpy(), weight)
    table["relative_down"] = _percent(table["delta_down"].to_numpy(), weight)
    table["reversal_up"] = table["increase_to"].notna()
    table["reversal_down"] = table["decrease_to"].notna()
    return pairs, critical, table


def _nearest(values: np.ndarray, others: np.ndarray, which: str) -> tuple[float, str | None]:
    """The nearest top crossing on one side (of the weights ``values``, the overtaking
    paths ``others``) and the path that takes first place there.

    If several paths overtake the top at the same weight (within 1e-12), the
    one listed first is taken (they tie for first place there).
    """
    if values.size == 0:
        return np.nan, None
    best = values.min() if which == "min" else values.max()
    pick = int(np.flatnonzero(np.abs(values - best) <= 1e-12)[0])
    return float(best), str(others[pick])


def _most_critical(nearest: pd.DataFrame, at_top: pd.DataFrame) -> pd.DataFrame:
    columns = [
        "criterion",
        "alternative",
        "other",
        "weight",
        "swap_weight",
        "direction",
        "delta",
        "relative",
        "ts_delta",
        "ts_relative",
    ]
    rows = []
    for label in CRITICAL_MEASURES:
        pool = at_top if label.endswith("top") else nearest
        measure = "ts_delta" if label.startswith("absolute") else "ts_relative"
        values = pool[measure].abs().to_numpy(dtype=np.float64)
        usable = np.isfinite(values)
        if not usable.any():
            rows.append(dict.fromkeys(columns))
            continue
        pick = int(np.flatnonzero(usable)[np.argmin(values[usable])])
        rows.append(pool.iloc[pick][columns].to_dict())
    out = pd.DataFrame(rows, index=pd.Index(CRITICAL_MEASURES, name="measure"), columns=columns)
    for column in ("criterion", "alternative", "other", "direction"):
        out[column] = out[column].astype(object)
    for column in ("weight", "swap_weight", "delta", "relative", "ts_delta", "ts_relative"):
        out[column] = out[column].astype(np.float64)
    return out
