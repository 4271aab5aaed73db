"""The robustness summary: run the analyses, write their paragraphs, keep their results."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..._display import FrameDisplay, paragraphs_html
from ..._frozen import FrozenResult
from ..._validate import as_count, as_rng
from ...exceptions import ArgumentError, PathchoiceError, UnknownNameError
from ...ranking import rank
from ...weights import check_weights
from ..labels import method_name
from ._influence import has_salib, influence_analysis, score_bounds
from ._prose import (
    Section,
    judgements_paragraph,
    methods_paragraph,
    ranking_paragraph,
    reversal_paragraph,
    smaa_paragraph,
    thresholds_paragraph,
)

if TYPE_CHECKING:  # each analysis is imported when its section is run
    from ...model import Model
    from ...ranking import RankingMethod
    from ...results import RankingResult
    from ...sensitivity.compare import ConsensusRule, MethodComparison
    from ...sensitivity.global_sensitivity import GlobalSensitivityResult
    from ...sensitivity.judgements import JudgementSensitivityResult
    from ...sensitivity.reversal import RankReversalResult
    from ...sensitivity.smaa import SMAAResult
    from ...sensitivity.thresholds import ThresholdResult

__all__ = ["SECTIONS", "RobustnessSummary", "robustness_summary"]

#: The paragraphs of a summary, in the order they are written.
SECTIONS: tuple[str, ...] = (
    "ranking",
    "smaa",
    "thresholds",
    "methods",
    "reversal",
    "judgements",
    "influence",  # _influence.py: Sobol indices of the first place (needs SALib)
)


# -- result and entry point ---------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RobustnessSummary(FrozenResult, FrameDisplay):
    """A plain-language summary of how robust a ranking is, with its numbers.

    Attributes
    ----------
    text : str
        The summary: one paragraph per section, separated by blank lines.
    sentences : mapping of str to str
        Each section's paragraph, keyed by section name (:data:`SECTIONS`
        order; sections not run are absent).
    facts : mapping of str to mapping
        The unrounded numbers (and names) behind each paragraph, keyed like
        ``sentences``; e.g. ``facts["smaa"]["first_rank_acceptability"]``.
    top : str
        The alternative the method ranks first with the given weights.
    method : str
        The ranking method summarised.
    baseline : RankingResult
        The ranking with the given weights.
    smaa, thresholds, comparison, reversal, judgements, influence : result or None
        The analyses the paragraphs were written from (None when not run), for
        drilling down.
    """

    text: str
    sentences: Mapping[str, str]
    facts: Mapping[str, Mapping[str, Any]]
    top: str
    method: str
    baseline: RankingResult
    smaa: SMAAResult | None = None
    thresholds: ThresholdResult | None = None
    comparison: MethodComparison | None = None
    reversal: RankReversalResult | None = None
    judgements: JudgementSensitivityResult | None = None
    influence: GlobalSensitivityResult | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Long form, one row per fact: columns ``section``, ``fact``, ``value``.

        Nested facts get dotted names (``ranks.vikor``, ``by_check.remove.n_checks``).
        """
        rows = [
            {"section": section, "fact": name, "value": value}
            for section, facts in self.facts.items()
            for name, value in _flat(facts)
        ]
        return pd.DataFrame(rows, columns=["section", "fact", "value"])

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        title = f"robustness of the {method_name(self.method)} ranking (first: {self.top})"
        return paragraphs_html(title, list(self.sentences.values()))


def _flat(facts: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(dotted name, value) pairs of a nested mapping of facts."""
    out: list[tuple[str, Any]] = []
    for name, value in facts.items():
        if isinstance(value, Mapping):
            out.extend(_flat(value, f"{prefix}{name}."))
        else:
            out.append((f"{prefix}{name}", value))
    return out


def _check_sections(sections: object, hierarchy: object) -> tuple[str, ...]:
    if sections is None:
        wanted = [s for s in SECTIONS if s != "judgements" or hierarchy is not None]
        wanted = [s for s in wanted if s != "influence" or has_salib()]
    else:
        if isinstance(sections, str):
            sections = (sections,)
        wanted = list(sections)  # type: ignore[call-overload]
        unknown = [s for s in wanted if s not in SECTIONS]
        if unknown:
            raise UnknownNameError(
                f"sections: unknown section(s) {unknown}; known: {list(SECTIONS)}"
            )
        if "judgements" in wanted and hierarchy is None:
            raise PathchoiceError(
                "sections: 'judgements' needs the AHP hierarchy the weights came from "
                "(hierarchy=...)"
            )
    return tuple(s for s in SECTIONS if s == "ranking" or s in wanted)


def robustness_summary(
    model: Model,
    weights: Any,
    *,
    method: str | RankingMethod = "topsis",
    n_samples: int = 10_000,
    rng: int | np.random.Generator | None = None,
    hierarchy: Any = None,
    samples: npt.ArrayLike | Callable[..., np.ndarray] | None = None,
    performance: Callable[..., np.ndarray] | None = None,
    methods: Sequence[str | RankingMethod] | None = None,
    consensus: ConsensusRule = "copeland",
    sections: Sequence[str] | None = None,
    weights_origin: str = "the given weights",
    noun: str = "alternative",
    **options: Any,
) -> RobustnessSummary:
    """Summarise in plain language how far a ranking of alternatives can be trusted.

    Parameters
    ----------
    model : Model
        The decision model.
    weights : Series, mapping or array_like
        The weight vector of the ranking being summarised.
    method : str or callable, default "topsis"
        The ranking method (a key of :data:`pathchoice.ranking.METHODS` or a
        conforming callable).
    n_samples : int, default 10_000
        Weight vectors sampled for SMAA when ``samples`` is None.
    rng : int, Generator or None
        Seed or generator for the SMAA sampling (the only random step).
    hierarchy : pathchoice.ahp.Node, optional
        The AHP hierarchy the weights came from; adds the ``"judgements"``
        paragraph.
    samples : WeightSamples, sampler or 2-D numpy array, optional
        Weight samples for SMAA, as :func:`~pathchoice.sensitivity.smaa.smaa`
        takes them: labelled samples (``n_samples`` is then ignored) or a
        sampler object such as ``DirichletSampler.around(model, weights)``.
        Default: uniform on the simplex, i.e. no preference information.
    performance : PerformanceSamples or performance sampler, optional
        SMAA's performance uncertainty (e.g. scores drawn within their ranges by
        a ``CellSampler``); default: the scores as given.
    methods : sequence, optional
        Methods for the comparison paragraph (``method`` is added if missing);
        default :data:`~pathchoice.sensitivity.compare.DEFAULT_METHODS`.
    consensus : {"copeland", "borda"}, default "copeland"
        Consensus rule of the comparison.
    sections : sequence of str, optional
        Paragraphs to write, from :data:`SECTIONS` (``"ranking"`` is always
        written). Default: all, ``"judgements"`` only with a hierarchy.
    weights_origin : str, default "the given weights"
        Where the weights come from, as the text names them ("Under TOPSIS
        with the AHP weights, ...").
    noun : str, default "alternative"
        The word for one alternative (``"path"``, ``"policy"``); its plural
        is formed by the regular English rules.
    **options
        The method's options, passed to every analysis.

    Returns
    -------
    RobustnessSummary
        ``text`` (also ``str(summary)``), ``sentences`` and ``facts`` per
        paragraph, and the analyses themselves.

    Raises
    ------
    MethodError, WeightsError, UnknownNameError
        As the analyses raise them (unknown method or option, bad weights);
        an unknown section.
    PathchoiceError
        The ``"judgements"`` section without a hierarchy.

    Notes
    -----
    Each paragraph comes from one analysis and is only as good as it: SMAA's
    shares are Monte Carlo estimates (their standard errors are quoted), the
    thresholds rescale the other weights proportionally, and the reversal
    checks are those of :func:`~pathchoice.sensitivity.reversal.rank_reversal_checks`.

    References
    ----------
    .. [1] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
       acceptability analysis for group decision making. *Operations Research*,
       49(3), 444–454.
    .. [2] Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis
       approach for some deterministic multi-criteria decision-making methods.
       *Decision Sciences*, 28(1), 151–194.
    .. [3] Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings
       similarity in decision-making problems. *ICCS 2020*, LNCS 12138, 632–645.
    .. [4] García-Cascales, M. S., & Lamata, M. T. (2012). On rank reversal and
       TOPSIS method. *Mathematical and Computer Modelling*, 56(5–6), 123–132.

    Examples
    --------
    >>> from pathchoice import Model
    >>> model = Model(
    ...     ["Pilot zones", "Talent", "Dialogue"], ["benefit", "exposure"],
    ...     [[8, 6], [5, 2], [3, 3]], directions={"exposure": "cost"},
    ... )
    >>> summary = robustness_summary(model, [0.6, 0.4], n_samples=2_000, rng=7)
    >>> print(summary.sentences["ranking"])
    Under TOPSIS with the given weights, 'Talent' ranks first (score 0.587), ahead of
    'Pilot zones' (0.570).
    >>> print(summary.sentences["thresholds"])
    It loses first place if the weight on 'benefit' rises above 0.61 (from 0.6), when
    'Pilot zones' takes over.
    >>> first = summary.smaa.first_rank_acceptability["Talent"]
    >>> summary.facts["smaa"]["first_rank_acceptability"] == float(first)
    True
    """
    kinds = _check_sections(sections, hierarchy)
    for name, value in (("weights_origin", weights_origin), ("noun", noun)):
        if not isinstance(value, str) or not value.strip():
            raise ArgumentError(
                f"robustness_summary: {name} must be a non-empty string (got {value!r})"
            )
    n_samples = as_count(n_samples, "n_samples", minimum=1, where="robustness_summary")
    as_rng(rng, where="robustness_summary")  # checked here; the seed itself goes on to smaa
    w = check_weights(weights, model.criterion_names)
    baseline = rank(model, w, method, **options)
    top = baseline.best  # type: ignore[union-attr]
    label = baseline.method
    parts: dict[str, Section] = {"ranking": ranking_paragraph(baseline, weights_origin)}  # type: ignore[arg-type]
    analyses: dict[str, Any] = {}

    if "smaa" in kinds:
        from ...sensitivity.smaa import smaa

        result = smaa(
            model,
            samples,
            n_samples=n_samples,
            method=method,
            rng=rng,
            performance=performance,
            **options,
        )
        if samples is None:
            sampled = "weight vectors drawn uniformly from all possible weights"
        else:
            sampled = "sampled weight vectors"
        if performance is not None:
            sampled += ", each with scores drawn within their ranges"
        analyses["smaa"] = result
        parts["smaa"] = smaa_paragraph(result, top, sampled)
    if "thresholds" in kinds:
        from ...sensitivity.thresholds import weight_thresholds

        result = weight_thresholds(model, w, method=method, **options)
        analyses["thresholds"] = result
        parts["thresholds"] = thresholds_paragraph(result, top)
    if "methods" in kinds:
        from ...sensitivity.compare import DEFAULT_METHODS, compare_methods, method_label

        if methods is None:
            methods = DEFAULT_METHODS
        own = method if isinstance(method, str) else method_label(method)
        chosen: Any = methods
        if not isinstance(methods, (str, bytes)):
            chosen = list(methods)
            labels = [
                m if isinstance(m, str) else method_label(m)
                for m in chosen
                if callable(m) or isinstance(m, str)
            ]
            if own not in labels:
                chosen.insert(0, method)
        per_method = {own: options} if options else None
        result = compare_methods(model, w, methods=chosen, consensus=consensus, options=per_method)
        analyses["comparison"] = result
        parts["methods"] = methods_paragraph(result, top, own)
    if "reversal" in kinds:
        from ...sensitivity.reversal import rank_reversal_checks

        result = rank_reversal_checks(model, w, method=method, **options)
        analyses["reversal"] = result
        parts["reversal"] = reversal_paragraph(result, baseline, noun)  # type: ignore[arg-type]
    if "judgements" in kinds:
        from ...sensitivity.judgements import judgement_sensitivity

        result = judgement_sensitivity(model, hierarchy, method=method, **options)
        analyses["judgements"] = result
        parts["judgements"] = judgements_paragraph(result, top, noun)

    if "influence" in kinds:
        analyses["influence"], parts["influence"] = influence_analysis(
            model, w, baseline, method=method, ranges=score_bounds(performance),
            smaa=analyses.get("smaa"), rng=rng, noun=noun, **options,
        )  # fmt: skip

    sentences = {k: parts[k][0] for k in SECTIONS if k in parts}
    facts = {k: parts[k][1] for k in SECTIONS if k in parts}
    return RobustnessSummary(
        text="\n\n".join(sentences.values()),
        sentences=sentences,
        facts=facts,
        top=top,
        method=label,
        baseline=baseline,  # type: ignore[arg-type]
        options=dict(baseline.options),
        **analyses,
    )
