"""How a study is run by default, and the uncertainty of its scores.

:class:`StudySettings` records what a model file (format 2) says about running
the study: the ranking method and its normalisation, where the weights come
from (the hierarchy, the expert panel, or one panel member), the SMAA sample
count and seed, and whether the robustness analysis treats the scores as exact
or draws them within their ranges. :class:`ScoreBasis` names how well the
evidence pins a score down; its ``half_width`` gives the range of a score that
states none of its own, and its ``reason`` says why the range is that wide.

:func:`score_ranges` gives every score's (low, high) and
:func:`performance_sampler` the sampler SMAA uses for performance uncertainty:
each score triangular on (low, high) with its mode at the score itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..exceptions import ModelError, UnknownNameError

if TYPE_CHECKING:
    from ..sensitivity.sampling import CellSampler
    from .analysis import Analysis, Score

__all__ = [
    "PERFORMANCE_MODES",
    "WEIGHT_SOURCES",
    "ScoreBasis",
    "StudySettings",
    "judgement_sets",
    "judgements_in_words",
    "performance_sampler",
    "score_range",
    "score_ranges",
    "use_judgements",
]

#: How the robustness analysis treats the scores: drawn within their ranges, or exact.
PERFORMANCE_MODES: tuple[str, ...] = ("ranges", "exact")
#: Where the weights come from, besides the name of one panel member.
WEIGHT_SOURCES: tuple[str, ...] = ("hierarchy", "panel")


@dataclass(frozen=True)
class ScoreBasis:
    """How well the evidence pins a score down, and the range that follows.

    Parameters
    ----------
    name : str
        The key scores name it by (``"stated"``, ``"inferred"``...).
    half_width : float
        A score of this basis without its own bounds ranges over
        ``score ± half_width`` (clipped to the settings' scale).
    reason : str
        Why the range is this wide.

    Examples
    --------
    >>> ScoreBasis("stated", 1, "The text says so in so many words.").half_width
    1.0
    """

    name: str
    half_width: float
    reason: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError(f"score basis name must be a non-empty string (got {self.name!r})")
        hw = self.half_width
        if isinstance(hw, bool) or not isinstance(hw, (int, float)) or not math.isfinite(hw):
            raise ModelError(f"score basis {self.name!r}: half_width must be a finite number")
        if hw < 0:
            raise ModelError(f"score basis {self.name!r}: half_width must be >= 0 (got {hw!r})")
        object.__setattr__(self, "half_width", float(hw))
        if not isinstance(self.reason, str):
            raise ModelError(f"score basis {self.name!r}: reason must be a string")


@dataclass(frozen=True)
class StudySettings:
    """What a model file says about running its study.

    Parameters
    ----------
    method : str, default "topsis"
        The ranking method.
    normalization : str, default "vector"
        Its normalisation.
    weights : str, default "hierarchy"
        ``"hierarchy"`` (the hierarchy's judgements), ``"panel"`` (the expert
        panel's aggregated judgements) or the name of one panel member.
    smaa_samples : int, default 10,000
        Samples of the SMAA run.
    seed : int or None, default None
        Its seed.
    performance : {"ranges", "exact"}, default "exact"
        Whether SMAA draws the scores within their ranges.
    scale : (float, float) or None, default None
        The score scale; ranges derived from a basis are clipped to it.
    bases : sequence of ScoreBasis, default ()

    Examples
    --------
    >>> s = StudySettings(weights="panel", performance="ranges", scale=(0, 10),
    ...                   bases=(ScoreBasis("stated", 1),))
    >>> s.basis("stated").half_width
    1.0
    """

    method: str = "topsis"
    normalization: str = "vector"
    weights: str = "hierarchy"
    smaa_samples: int = 10_000
    seed: int | None = None
    performance: str = "exact"
    scale: tuple[float, float] | None = None
    bases: tuple[ScoreBasis, ...] = ()

    def __post_init__(self) -> None:
        for attr in ("method", "normalization", "weights"):
            value = getattr(self, attr)
            if not isinstance(value, str) or not value.strip():
                raise ModelError(f"settings: {attr} must be a non-empty string (got {value!r})")
        n = self.smaa_samples
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ModelError(f"settings: smaa_samples must be a whole number >= 1 (got {n!r})")
        object.__setattr__(self, "smaa_samples", int(n))
        seed = self.seed
        if seed is not None and (
            isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0
        ):
            raise ModelError(f"settings: seed must be a whole number >= 0 or absent (got {seed!r})")
        if self.performance not in PERFORMANCE_MODES:
            raise ModelError(
                f"settings: performance must be one of {list(PERFORMANCE_MODES)} "
                f"(got {self.performance!r})"
            )
        if self.scale is not None:
            lo, hi = (float(v) for v in self.scale)
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise ModelError("settings: scale must be two finite numbers, low < high")
            object.__setattr__(self, "scale", (lo, hi))
        bases = tuple(self.bases)
        names = [b.name for b in bases]
        for b in bases:
            if not isinstance(b, ScoreBasis):
                raise ModelError(f"settings: bases must be ScoreBasis records (got {b!r})")
            if names.count(b.name) > 1:
                raise ModelError(f"settings: basis {b.name!r} is given more than once")
        object.__setattr__(self, "bases", bases)

    def basis(self, name: str) -> ScoreBasis:
        """The basis called ``name``."""
        for b in self.bases:
            if b.name == name:
                return b
        raise UnknownNameError(
            f"unknown score basis {name!r}; bases are {[b.name for b in self.bases]}"
        )


def score_range(score: Score, settings: StudySettings | None) -> tuple[float, float]:
    """(low, high) of one score: its own bounds, else its basis's, else the score itself."""
    low, high = score.low, score.high
    if (low is None or high is None) and score.basis and settings is not None:
        hw = settings.basis(score.basis).half_width
        lo_clip, hi_clip = settings.scale if settings.scale else (-math.inf, math.inf)
        low = max(score.value - hw, lo_clip) if low is None else low
        high = min(score.value + hw, hi_clip) if high is None else high
    return (score.value if low is None else low, score.value if high is None else high)


def score_ranges(
    analysis: Analysis, alternative_set: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The low and high of every score of one set, labelled like its performance table.

    Examples
    --------
    >>> from pathchoice.study.datasets import china_japan
    >>> low, high = score_ranges(china_japan())
    >>> bool((low <= china_japan().performance_frame()).all().all())
    True
    """
    s = analysis.alternative_set(alternative_set)
    frame = analysis.performance_frame(s.name)
    settings = getattr(analysis, "settings", None)
    rows = {name: i for i, name in enumerate(frame.index)}
    columns = {name: j for j, name in enumerate(frame.columns)}
    scores = [score for score in analysis.performance if score.alternative_set == s.name]
    at = (
        np.array([rows[score.alternative] for score in scores], dtype=np.intp),
        np.array([columns[score.criterion] for score in scores], dtype=np.intp),
    )
    bounds = np.array([score_range(score, settings) for score in scores], dtype=float)
    low, high = frame.to_numpy(dtype=float, copy=True), frame.to_numpy(dtype=float, copy=True)
    if scores:
        low[at], high[at] = bounds[:, 0], bounds[:, 1]
    return (
        pd.DataFrame(low, index=frame.index, columns=frame.columns),
        pd.DataFrame(high, index=frame.index, columns=frame.columns),
    )


def performance_sampler(
    analysis: Analysis, alternative_set: str | None = None
) -> CellSampler | None:
    """SMAA's performance sampler: every score triangular on its range, mode at the score.

    ``None`` when no score has a range (nothing to draw).
    """
    from ..sensitivity.sampling import CellSampler  # on first use: loading a model needs none

    low, high = score_ranges(analysis, alternative_set)
    if (low.to_numpy() == high.to_numpy()).all():
        return None
    model = analysis.decision_model(alternative_set)
    return CellSampler(model, distributions=("triangular", low.to_numpy(), high.to_numpy()))


def judgement_sets(analysis: Analysis) -> tuple[str, ...]:
    """The names :func:`use_judgements` accepts for ``analysis``.

    ``"hierarchy"`` always; ``"panel"`` and each member's name when the
    analysis has an expert panel.

    Examples
    --------
    >>> from pathchoice.study.datasets import china_japan
    >>> judgement_sets(china_japan())
    ('hierarchy', 'panel', 'paper', 'china-side', 'japan-side')
    >>> judgement_sets(china_japan(version=1))
    ('hierarchy',)
    """
    panel = getattr(analysis, "panel", None)
    if panel is None:
        return WEIGHT_SOURCES[:1]
    return (*WEIGHT_SOURCES, *panel.names)


def use_judgements(analysis: Analysis, name: str) -> Analysis:
    """The analysis weighted by ``"hierarchy"``, ``"panel"`` or one panel member's judgements.

    Raises
    ------
    UnknownNameError
        ``name`` is not one of :func:`judgement_sets` (the message lists them).

    Examples
    --------
    >>> from pathchoice.study.datasets import china_japan
    >>> use_judgements(china_japan(), "china-side").settings.weights
    'china-side'
    """
    known = judgement_sets(analysis)
    if name not in known:
        raise UnknownNameError(
            f"use_judgements: unknown judgement set {name!r}; choose from {list(known)}"
        )
    settings: Any = getattr(analysis, "settings", None) or StudySettings()
    return replace(analysis, settings=replace(settings, weights=name))  # type: ignore[type-var]


def judgements_in_words(analysis: Analysis) -> str:
    """Whose pairwise judgements weigh the criteria, in words for a reader.

    Examples
    --------
    >>> from pathchoice.study.datasets import china_japan
    >>> import textwrap
    >>> print(textwrap.fill(judgements_in_words(china_japan()), 70))
    the expert panel's 3 judgement sets (paper, china-side, japan-side),
    combined by the geometric mean of their judgements, each set weighted
    equally
    >>> judgements_in_words(use_judgements(china_japan(), "japan-side"))
    "one judgement set, 'japan-side': A Japan-side perspective"
    >>> judgements_in_words(china_japan(version=1))
    "the hierarchy's own judgements"
    """
    settings = getattr(analysis, "settings", None)
    source = settings.weights if settings is not None else "hierarchy"
    panel = getattr(analysis, "panel", None)
    if source == "hierarchy" or panel is None:
        return "the hierarchy's own judgements"
    if source == "panel":
        weights = [m.weight for m in panel.members]
        if all(w is None for w in weights):
            weighted = "each set weighted equally"
        else:
            weighted = "weighted " + ", ".join(
                f"{m.name} {m.weight:g}" for m in panel.members if m.weight is not None
            )
        return (
            f"the expert panel's {len(panel.members)} judgement sets "
            f"({', '.join(panel.names)}), combined by the geometric mean of their "
            f"judgements, {weighted}"
        )
    member = next(m for m in panel.members if m.name == source)
    title = f": {member.title}" if member.title else ""
    return f"one judgement set, {member.name!r}{title}"
