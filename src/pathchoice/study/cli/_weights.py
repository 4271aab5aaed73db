"""Weights given on the command line (``--weights NAME=VALUE ...``) and unknown names."""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Sequence

import pandas as pd

from ...exceptions import UnknownNameError, WeightsError

__all__ = [
    "ROUNDING",
    "parse_weights",
    "unknown_name",
]

#: How far from 1 the weights typed on the command line may sum and still be used,
#: rescaled to sum to 1 (with a note): what typing them rounded to two decimals can cause
#: (three weights of 0.33, or 0.333, say). Further off is an error.
ROUNDING = 0.01


def _number(text: str) -> float:
    """A number or a fraction like ``1/3``; NaN if it is neither."""
    parts = text.strip().split("/")
    try:
        if len(parts) == 1:
            return float(parts[0])
        if len(parts) == 2:
            return float(parts[0]) / float(parts[1])
    except (ValueError, ZeroDivisionError):
        pass
    return math.nan


_PLURALS = {"criterion": "criteria", "alternative set": "alternative sets"}


def unknown_name(kind: str, name: str, known: Sequence[str], where: str = "") -> UnknownNameError:
    lowered = {k.lower(): k for k in known}
    close = [k for k in known if k.lower().startswith(name.lower())] if name else []
    close = close or [
        lowered[k] for k in difflib.get_close_matches(name.lower(), list(lowered), n=1)
    ]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    prefix = f"{where}: " if where else ""
    plural = _PLURALS.get(kind, f"{kind}s")
    return UnknownNameError(
        f"{prefix}unknown {kind} {name!r}{hint} ({plural}: {', '.join(map(repr, known))})"
    )


def parse_weights(
    items: Sequence[str], base: pd.Series, *, notes: list[str] | None = None
) -> pd.Series:
    """Weights from ``NAME=VALUE`` items; criteria not named keep their ``base`` weight.

    The weights must sum to 1. A sum off by at most :data:`ROUNDING` (0.01, as
    rounding typed decimals does) is accepted: every weight is divided by the
    sum, and a note saying so is appended to ``notes``. One rule, whatever was
    typed: the weights used always sum to 1 (as
    :func:`pathchoice.weights.check_weights` requires).

    Parameters
    ----------
    items : sequence of str
        ``"criterion=value"``; a value is a number or a fraction such as ``1/3``.
    base : pandas.Series
        The current weight of every criterion (index: criterion names), summing to 1.
    notes : list of str, optional
        Where the note about a rescaling goes.

    Returns
    -------
    pandas.Series
        ``base`` with the named weights replaced, named ``"weight"``.

    Raises
    ------
    WeightsError
        An item is not ``NAME=VALUE``, a value is not a number, a criterion is
        named twice, a weight is negative, or the weights sum to more than 0.01
        away from 1.
    UnknownNameError
        An unknown criterion (the message suggests the closest name).

    Examples
    --------
    >>> base = pd.Series({"cost": 0.5, "quality": 0.3, "speed": 0.2})
    >>> parse_weights(["cost=0.4", "quality=0.4"], base).tolist()
    [0.4, 0.4, 0.2]
    >>> notes = []
    >>> parse_weights(["cost=0.333", "quality=0.333", "speed=0.333"], base, notes=notes).tolist()
    [0.3333333333333333, 0.3333333333333333, 0.3333333333333333]
    >>> print(notes[0])
    the weights given sum to 0.999, not 1; each was divided by 0.999 so that they sum to 1
    >>> parse_weights(["cost=0.6"], base)
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.WeightsError: --weights: the weights must sum to 1 (got 1.1: ...
    """
    from ...weights import SUM_TOLERANCE, check_weights

    names = [str(n) for n in base.index]
    given: dict[str, float] = {}
    for item in items:
        name, sep, value_text = item.rpartition("=")
        name = name.strip()
        if not sep or not name:
            hint = ""
            if item.endswith(".toml") or os.path.exists(item):
                hint = "; put the model file before --weights"
            raise WeightsError(
                f"--weights: expected NAME=VALUE (a criterion and its weight), got {item!r}{hint}"
            )
        if name not in names:
            raise unknown_name("criterion", name, names, "--weights")
        if name in given:
            raise WeightsError(f"--weights: criterion {name!r} is given more than once")
        value = _number(value_text)
        if not math.isfinite(value):
            raise WeightsError(
                f"--weights: the weight of {name!r} must be a number or a fraction like 1/3 "
                f"(got {value_text!r})"
            )
        if value < 0:
            raise WeightsError(
                f"--weights: the weight of {name!r} must not be negative (got {value:g})"
            )
        given[name] = value
    weights = base.astype(float).copy()
    for name, value in given.items():
        weights[name] = value
    total = math.fsum(weights.to_numpy())
    if SUM_TOLERANCE < abs(total - 1.0) <= ROUNDING + SUM_TOLERANCE:  # 0.33 * 3 is 0.99 - 1e-17
        weights = weights / total
        if notes is not None:
            notes.append(
                f"the weights given sum to {total:.6g}, not 1; each was divided by "
                f"{total:.6g} so that they sum to 1"
            )
    elif abs(total - 1.0) > SUM_TOLERANCE:
        named = math.fsum(given.values())
        rest = len(names) - len(given)
        detail = f"{named:.6g} given"
        if rest:
            detail += (
                f" + {total - named:.6g}, the current weights of the {rest} criteria not named"
            )
        raise WeightsError(
            f"--weights: the weights must sum to 1 (got {total:.6g}: {detail}); name every "
            "criterion, or move weight between the named ones so that the total stays 1 "
            f"(a sum within {ROUNDING:g} of 1 is rescaled to 1)"
        )
    return pd.Series(check_weights(weights, names), index=base.index, name="weight")
