"""One study run: the weights, the ranking and its robustness, computed once and frozen.

:func:`run` is the application service of the policy study. It takes an
:class:`~pathchoice.study.analysis.Analysis` and the settings of a run (the
alternative set, the scenarios, the method, given weights, the SMAA sample size
and seed) and returns a :class:`StudyResult`: the weights (the AHP hierarchy's,
computed once, or the ones given), the ranking, the robustness analyses and
their plain-language summary, and the settings used. The command line, the
HTML report and the plots render a ``StudyResult``; none of them assembles the
pipeline again.

The data flow::

    Analysis ──scenarios──▶ Analysis ──weights()──▶ HierarchyResult (or given weights)
    (Model, weights) ──rank──▶ RankingResult
    (Model, weights) ──robustness_summary──▶ SMAA, thresholds, methods, reversal, judgements
    everything above ──▶ StudyResult ──▶ CLI, report, plots, to_frame()
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._display import FrameDisplay
from .._frozen import FrozenResult
from .._validate import as_choice, as_count, as_flag, as_rng
from ..exceptions import (
    ArgumentError,
    MethodError,
    PathchoiceError,
    ResultTypeError,
    UnknownNameError,
)
from ..model import Model
from ..ranking import METHODS, rank
from ..results import RankingResult
from ..weights import check_weights
from .analysis import Analysis
from .labels import alternative_noun, method_name, weights_origin
from .settings import performance_sampler
from .summary import SECTIONS, RobustnessSummary, robustness_summary

if TYPE_CHECKING:
    from ..ahp import HierarchyResult
    from ..sensitivity.oat import WeightSensitivityResult
    from .portfolio import StudyPortfolio

__all__ = [
    "FROM_SETTINGS",
    "StudyResult",
    "check_analysis",
    "check_method",
    "run",
    "scenario_names",
    "usable_methods",
]

_WHERE = "run"


def check_analysis(analysis: object, where: str) -> Analysis:
    """``analysis`` if it is an :class:`Analysis`, else a :class:`ResultTypeError` naming ``where``.

    Examples
    --------
    >>> check_analysis("model.toml", "render_report")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ResultTypeError: render_report: expected an Analysis (e.g. ...
    """
    if not isinstance(analysis, Analysis):
        raise ResultTypeError(
            f"{where}: expected an Analysis (e.g. from load_model or china_japan), "
            f"got {type(analysis).__name__} {analysis!r:.60}"
        )
    return analysis


def check_method(method: object, *, where: str) -> str:
    """``method`` if it names a ranking method, else a :class:`MethodError` suggesting one.

    This is the one check of a method name for the study layer (the command
    line's ``--method`` included).

    Examples
    --------
    >>> check_method("vikor", where="run")
    'vikor'
    >>> check_method("topsys", where="run")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.MethodError: run: unknown ranking method 'topsys'; did you mean ...
    """
    if isinstance(method, str) and method in METHODS:
        return method
    known = sorted(METHODS)
    close = (
        difflib.get_close_matches(method, known, n=1, cutoff=0.75)
        if isinstance(method, str)
        else []
    )
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise MethodError(f"{where}: unknown ranking method {method!r}{hint} (known: {known})")


def scenario_names(value: object, analysis: Analysis, *, where: str) -> tuple[str, ...]:
    """Scenario names to apply, in order: None, one name or a sequence of names, each known.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> scenario_names(["rcep-deepens"], china_japan(), where="run")
    ('rcep-deepens',)
    >>> scenario_names("war", china_japan(), where="run")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.UnknownNameError: run: unknown scenario 'war'; scenarios are [...
    """
    if value is None:
        return ()
    names = (value,) if isinstance(value, str) else value
    if not isinstance(names, Sequence) or not all(isinstance(n, str) for n in names):
        raise ResultTypeError(
            f"{where}: scenario must be a scenario name or a sequence of names (got {value!r})"
        )
    known = analysis.scenario_names
    for name in names:
        if name not in known:
            if not known:
                raise UnknownNameError(
                    f"{where}: unknown scenario {name!r}; the model has no scenarios"
                )
            raise UnknownNameError(
                f"{where}: unknown scenario {name!r}; scenarios are {list(known)}"
            )
    return tuple(names)


@dataclass(frozen=True, eq=False)
class StudyResult(FrozenResult, FrameDisplay):
    """The outcome of one study run, as the CLI, the report and the plots show it.

    Attributes
    ----------
    analysis : Analysis
        The analysis the run used (the scenarios applied).
    alternative_set : str
        The set ranked.
    model : Model
        Its decision model.
    method : str
        The ranking method's name (a key of :data:`pathchoice.ranking.METHODS`).
    weights : pandas.Series
        The criterion weights used, in criterion order.
    hierarchy : HierarchyResult or None
        The AHP result the weights came from; None when weights were given.
    ranking : RankingResult
        The ranking with ``weights``.
    summary : RobustnessSummary
        The robustness analyses that were run and their plain-language
        paragraphs (``summary.smaa``, ``summary.thresholds``, ...).
    weight_sensitivity : WeightSensitivityResult or None
        The scores as the weight of the criterion closest to changing the top
        path moves (when the thresholds were computed).
    settings : mapping
        What the run was asked for: ``alternative_set``, ``scenarios``,
        ``method``, ``normalization``, ``weights`` (``"ahp"`` or ``"given"``),
        ``judgements`` (with AHP weights: ``"hierarchy"``, ``"panel"`` or the
        panel member whose judgements were used; else None), ``n_samples``,
        ``score_ranges``, ``rng`` (the seed, or ``"generator"``), ``sections``,
        ``methods`` (those compared).
    findings : tuple of str
        What the run left out and why, in words (e.g. a method of the comparison
        that cannot rank this model).
    portfolio : StudyPortfolio or None
        When the analysis has costs for the set ranked: the best set of paths
        within the budget and how often each path is in it under sampled weights
        (:func:`pathchoice.study.portfolio.study_portfolio`).

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> result = run(china_japan(), n_samples=500, sections=["ranking", "thresholds"])
    >>> result.top
    'High-level policy dialogue'
    >>> result.method_name, result.weights_given, sorted(result.summary.sentences)
    ('TOPSIS', False, ['ranking', 'thresholds'])
    """

    analysis: Analysis
    alternative_set: str
    model: Model
    method: str
    weights: pd.Series
    hierarchy: HierarchyResult | None
    ranking: RankingResult
    summary: RobustnessSummary
    weight_sensitivity: WeightSensitivityResult | None
    settings: Mapping[str, Any]
    findings: tuple[str, ...] = ()
    portfolio: StudyPortfolio | None = None

    @property
    def top(self) -> str:
        """The alternative ranked first."""
        return str(self._raw("ranking").best)

    @property
    def weights_given(self) -> bool:
        """True when the weights were given rather than derived from the AHP hierarchy."""
        return self._raw("hierarchy") is None

    @property
    def method_name(self) -> str:
        """The method as a reader knows it (``"TOPSIS"``, ``"PROMETHEE II"``)."""
        return method_name(self.method)

    @property
    def scenarios(self) -> tuple[str, ...]:
        """The scenarios applied, in order."""
        return tuple(self._raw("analysis").metadata.applied_scenarios)

    def plot(self) -> Any:
        """Every figure of this run by name: :func:`pathchoice.study.plots.plot_study`.

        A dict of matplotlib Figures (needs matplotlib), which a notebook shows one under
        the other; ``study.plot()["ranking"]`` is one of them.
        """
        from .plots import plot_study

        return plot_study(self)

    def to_frame(self) -> pd.DataFrame:
        """The ranking: one row per alternative, in rank order (``score``, ``rank``)."""
        frame = self._raw("ranking").to_frame()
        return frame.sort_values("rank", kind="stable")

    def _display_title(self) -> str:
        return (
            f"{self._raw('analysis').metadata.title}: {self.alternative_set} ({self.method_name})"
        )

    def _display_notes(self) -> tuple[str, ...]:
        return (*self._raw("summary").sentences.values(), *self.findings)


def usable_methods(
    model: Model, weights: pd.Series, methods: Sequence[str]
) -> tuple[list[str], list[str]]:
    """The methods that can rank ``model`` with ``weights``, and a finding per method left out.

    An adapter until the comparison of the general layer leaves such methods out
    itself: a method that refuses the model (COPRAS needs a cost criterion) or
    gives no finite score (VIKOR when every alternative ties on both of its
    measures) cannot take part in the comparison.
    """
    usable: list[str] = []
    findings: list[str] = []
    for method in methods:
        try:
            rank(model, weights, method)
        except PathchoiceError as exc:
            findings.append(
                f"{method_name(method)} was left out of the comparison: it cannot rank this "
                f"model ({exc})."
            )
        else:
            usable.append(method)
    return usable, findings


def _check_sections(sections: object) -> tuple[str, ...] | None:
    if sections is None:
        return None
    if isinstance(sections, str) or not isinstance(sections, Sequence):
        raise ResultTypeError(
            f"{_WHERE}: sections must be a sequence of section names from {list(SECTIONS)} "
            f"(got {sections!r})"
        )
    for s in sections:
        as_choice(s, "sections", SECTIONS, where=_WHERE)
    return tuple(sections)


class _FromSettings:
    """The default of ``run``'s ``rng``: the analysis settings' seed, else 0."""

    def __repr__(self) -> str:
        return "<the analysis settings' seed, else 0>"


#: ``run``'s default ``rng``: take the seed from the analysis settings.
FROM_SETTINGS = _FromSettings()


def _method_and_options(
    method: object, normalization: object, study: Any
) -> tuple[str, dict[str, str]]:
    """The method to run and its normalisation option: the caller's, else the settings'.

    The settings' normalisation belongs to the settings' method, so it applies
    only when that is the method run.
    """
    if method is None:
        method = study.method if study is not None else "topsis"
    method = check_method(method, where=_WHERE)
    if normalization is None and study is not None and method == study.method:
        normalization = study.normalization
    if normalization is None:
        return method, {}
    if method == "topsis":
        from ..ranking.topsis import NORMALIZATIONS

        as_choice(normalization, "normalization", NORMALIZATIONS, where=_WHERE)
        return method, {"normalization": normalization}  # type: ignore[dict-item]
    if "normalization_function" in getattr(METHODS[method], "options", ()):
        if not isinstance(normalization, str):
            raise ArgumentError(
                f"{_WHERE}: normalization must be the name of a normalisation "
                f"(got {normalization!r})"
            )
        return method, {"normalization_function": normalization}
    raise ArgumentError(
        f"{_WHERE}: the ranking method {method!r} takes no normalisation "
        f"(got normalization={normalization!r})"
    )


def run(
    analysis: Analysis,
    *,
    alternative_set: str | None = None,
    scenario: str | Sequence[str] | None = None,
    method: str | None = None,
    normalization: str | None = None,
    weights: Mapping[str, float] | pd.Series | None = None,
    n_samples: int | None = None,
    rng: int | np.random.Generator | np.random.SeedSequence | _FromSettings | None = (
        FROM_SETTINGS
    ),
    score_ranges: bool | None = None,
    sections: Sequence[str] | None = None,
    methods: Sequence[str] | None = None,
    consensus: str = "copeland",
    portfolio: bool = True,
) -> StudyResult:
    """Run a study: weights, ranking, robustness analyses and their summary, once.

    Parameters
    ----------
    analysis : Analysis
        The analysis to run.
    alternative_set : str, optional
        The set to rank (default: the first).
    scenario : str or sequence of str, optional
        Scenarios to apply first, in order.
    method : str, optional
        The ranking method, a key of :data:`pathchoice.ranking.METHODS`
        (default: the analysis settings' method, else ``"topsis"``).
    normalization : str, optional
        The method's normalisation (``"vector"`` or ``"minmax"`` for TOPSIS, a
        pymcdm normalisation such as ``"minmax"`` for a pymcdm method that takes
        one). Default: the analysis settings' normalisation when the method is
        the settings' method, else the method's own default.
    weights : mapping or Series, optional
        Criterion weights to use instead of the AHP hierarchy's (then the
        judgement analysis is left out).
    n_samples : int, optional
        Weight vectors sampled for SMAA (default: the analysis settings'
        ``smaa_samples``, else 10,000).
    rng : None, int >= 0, SeedSequence or Generator, optional
        Seed of the SMAA sampling (the only random step); the same seed gives
        the same result. Default: the analysis settings' seed, else 0 (``None``
        draws fresh entropy from the operating system).
    score_ranges : bool, optional
        Whether SMAA also draws every score within its range (low, high),
        triangular with its mode at the score (default: as the analysis
        settings say, else no).
    sections : sequence of str, optional
        The robustness paragraphs to compute, from
        :data:`~pathchoice.study.summary.SECTIONS` (``"ranking"`` is always
        written). Default: all (``"judgements"`` only when the weights come
        from pairwise judgements).
    methods : sequence of str, optional
        The methods of the comparison paragraph (default: the comparison's own).
    consensus : {"copeland", "borda"}, default "copeland"
        How the comparison combines the rankings.
    portfolio : bool, default True
        Choose the best portfolio within the budget, and its robustness, when
        the analysis has costs; False leaves it out (a run that shows no
        portfolio, such as the ranking on the command line, is then faster).

    Returns
    -------
    StudyResult

    Raises
    ------
    ResultTypeError
        ``analysis`` is not an :class:`Analysis`.
    UnknownNameError
        Unknown alternative set or scenario.
    ArgumentError
        Unknown method or section, a bad ``n_samples`` or ``rng``, a
        normalisation the method does not take.
    WeightsError
        Weights that are not one non-negative number per criterion summing to 1.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> result = run(china_japan(), scenario="rcep-deepens", n_samples=500)
    >>> result.scenarios, result.settings["n_samples"]
    (('rcep-deepens',), 500)
    >>> result.summary.smaa.n_samples
    500
    """
    analysis = check_analysis(analysis, _WHERE)
    names = scenario_names(scenario, analysis, where=_WHERE)
    study = analysis.settings
    method, method_options = _method_and_options(method, normalization, study)
    if isinstance(rng, _FromSettings):
        rng = study.seed if study is not None and study.seed is not None else 0
    if n_samples is None:
        n_samples = study.smaa_samples if study is not None else 10_000
    n_samples = as_count(n_samples, "n_samples", minimum=1, where=_WHERE)
    if score_ranges is None:
        score_ranges = study is not None and study.performance == "ranges"
    score_ranges = as_flag(score_ranges, "score_ranges", where=_WHERE)
    as_rng(rng, where=_WHERE)  # checked here; the value itself goes on, so a seed stays a seed
    consensus = as_choice(consensus, "consensus", ("copeland", "borda"), where=_WHERE)
    wanted = _check_sections(sections)
    for name in names:
        analysis = analysis.with_scenario(name)
    chosen = analysis.alternative_set(alternative_set).name
    model = analysis.decision_model(chosen)
    if weights is None:
        hierarchy: HierarchyResult | None = analysis.weights()
        w = hierarchy.global_weights  # type: ignore[union-attr]
    else:
        hierarchy = None
        w = pd.Series(
            check_weights(weights, analysis.criterion_names),
            index=pd.Index(analysis.criterion_names, name="criterion"),
            name="weight",
        )
    judged = hierarchy is not None and analysis.has_judgements
    if wanted is not None and "judgements" in wanted and not judged:
        wanted = tuple(s for s in wanted if s != "judgements")
    findings: list[str] = []
    compared: tuple[str, ...] = ()
    if methods is not None and (
        isinstance(methods, str) or not isinstance(methods, Sequence) or len(methods) < 2
    ):
        options_methods: Any = methods  # the comparison itself says what is wrong
    elif wanted is None or "methods" in wanted:
        from ..sensitivity.compare import DEFAULT_METHODS

        chosen_methods = list(DEFAULT_METHODS if methods is None else methods)
        for name in chosen_methods:  # a name that is no method is a mistake, not a finding
            check_method(name, where=f"{_WHERE}: methods")
        if method not in chosen_methods:
            chosen_methods.insert(0, method)
        usable, findings = usable_methods(model, w, chosen_methods)
        if len(usable) < 2:
            findings.append(
                "The comparison of methods was left out: fewer than two methods can rank "
                "this model."
            )
            wanted = tuple(s for s in (wanted or SECTIONS) if s != "methods")
            if not judged:
                wanted = tuple(s for s in wanted if s != "judgements")
        compared = tuple(usable)
        options_methods = list(compared) if len(compared) >= 2 else None
    else:
        options_methods = None
    options: dict[str, Any] = {} if options_methods is None else {"methods": options_methods}
    source = None if hierarchy is None else (study.weights if study is not None else "hierarchy")
    panel = analysis.panel
    title = panel.member(source).title if panel and source in panel.names else ""
    origin = weights_origin(source, title)
    if source == "hierarchy" and not analysis.has_judgements:
        origin = "the model's weights"
    summary = robustness_summary(
        model,
        w,
        method=method,
        n_samples=n_samples,
        rng=rng,
        performance=(
            performance_sampler(analysis, chosen)
            # only SMAA and the influence analysis use the ranges
            if score_ranges and (wanted is None or {"smaa", "influence"} & set(wanted))
            else None
        ),
        hierarchy=analysis.hierarchy() if judged else None,
        consensus=consensus,  # type: ignore[arg-type]
        sections=wanted,
        weights_origin=origin,
        noun=alternative_noun(chosen),
        **options,
        **method_options,
    )
    oat = None
    if summary.thresholds is not None:
        from ..sensitivity.oat import weight_sensitivity

        critical = summary.facts.get("thresholds", {}).get("criterion")
        if critical is None:
            critical = str(w.idxmax())
        oat = weight_sensitivity(model, w, criteria=[critical], method=method, **method_options)
    settings = {
        "alternative_set": chosen,
        "scenarios": tuple(analysis.metadata.applied_scenarios),
        "method": method,
        "normalization": next(
            iter(method_options.values()), summary.baseline.options.get("normalization")
        ),
        "weights": "ahp" if hierarchy is not None else "given",
        "judgements": None if hierarchy is None else (study.weights if study else "hierarchy"),
        "n_samples": n_samples,
        "score_ranges": score_ranges,
        "rng": rng if rng is None or isinstance(rng, int | np.integer) else "generator",
        "sections": tuple(summary.sentences),
        "methods": compared if summary.comparison is not None else (),
    }
    chosen_portfolio, portfolio_findings = (
        _portfolio(analysis, chosen, model, summary, n_samples, rng, score_ranges, origin)
        if as_flag(portfolio, "portfolio", where=_WHERE)
        else (None, [])
    )
    return StudyResult(
        analysis=analysis,
        alternative_set=chosen,
        model=model,
        method=method,
        weights=w,
        hierarchy=hierarchy,
        ranking=summary.baseline,
        summary=summary,
        weight_sensitivity=oat,
        settings=settings,
        findings=(*findings, *portfolio_findings),
        portfolio=chosen_portfolio,
    )


def _portfolio(
    analysis: Analysis,
    chosen: str,
    model: Model,
    summary: RobustnessSummary,
    n_samples: int,
    rng: Any,
    score_ranges: bool,
    origin: str,
) -> tuple[StudyPortfolio | None, list[str]]:
    """The best portfolio within the budget and its robustness (when the analysis has costs).

    Rules no set of paths can meet within the budget are a finding, not a failed run.
    """
    from ..exceptions import ModelError
    from .portfolio import study_portfolio

    try:
        result = study_portfolio(
            analysis,
            chosen,
            model,
            summary.baseline,
            n_samples=n_samples,
            rng=rng,
            performance=performance_sampler(analysis, chosen) if score_ranges else None,
            sampled="weight vectors drawn uniformly from all possible weights"
            + (", each with scores drawn within their ranges" if score_ranges else ""),
            noun=alternative_noun(chosen),
            origin=origin,
        )
    except ModelError as exc:
        return None, [f"No portfolio was chosen: {exc}."]
    return result, []
