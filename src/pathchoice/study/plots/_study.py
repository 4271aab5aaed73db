"""Every figure of a study run, from one :class:`~pathchoice.study.run.StudyResult`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...exceptions import ResultTypeError
from ...plotting import (
    plot_method_ranks,
    plot_rank_acceptability,
    plot_ranking,
    plot_thresholds,
    plot_weight_sensitivity,
    plot_weights,
)
from ._matrix import plot_advantage_matrix

if TYPE_CHECKING:
    from ..run import StudyResult

__all__ = ["STUDY_FIGURES", "StudyFigures", "plot_study"]

#: The figures of a study, in the order the report shows them.
STUDY_FIGURES: tuple[str, ...] = (
    "advantage_matrix",
    "weights",
    "ranking",
    "thresholds",
    "weight_sensitivity",
    "rank_acceptability",
    "method_ranks",
)


class StudyFigures(dict):  # type: ignore[type-arg]
    """The figures of a study run by name: a dict that Jupyter shows as the figures, in order."""

    def _repr_html_(self) -> str:
        from html import escape

        from ...plotting import figure_to_data_uri

        return "\n".join(
            f'<figure><img alt="{escape(name.replace("_", " "))}" '
            f'src="{figure_to_data_uri(fig)}"></figure>'
            for name, fig in self.items()
        )


def plot_study(study: StudyResult) -> StudyFigures:
    """The figures of a study run, keyed by :data:`STUDY_FIGURES` name.

    A figure is left out when the run has nothing for it: the advantage matrix
    without a matrix, the weights when they were given, the thresholds, the
    weight sensitivity, SMAA and the method comparison when those analyses were
    not run.

    Parameters
    ----------
    study : StudyResult
        From :func:`pathchoice.study.run.run`.

    Returns
    -------
    StudyFigures
        A dict of str to matplotlib.figure.Figure, which a notebook shows as the
        figures one under the other.

    Examples
    --------
    >>> from pathchoice import china_japan
    >>> from pathchoice.study.run import run
    >>> figures = plot_study(run(china_japan(), n_samples=300, sections=["ranking", "smaa"]))
    >>> list(figures)
    ['advantage_matrix', 'weights', 'ranking', 'rank_acceptability']
    """
    from ..run import StudyResult

    if not isinstance(study, StudyResult):
        raise ResultTypeError(
            f"plot_study: expected a StudyResult from run(), got {type(study).__name__}"
        )
    summary = study.summary
    drawn: StudyFigures = StudyFigures()
    if study.analysis.matrix is not None:
        drawn["advantage_matrix"] = plot_advantage_matrix(study.analysis.matrix)
    if study.hierarchy is not None:
        drawn["weights"] = plot_weights(study.hierarchy)
    drawn["ranking"] = plot_ranking(study.ranking)
    if summary.thresholds is not None:
        drawn["thresholds"] = plot_thresholds(summary.thresholds)
        oat = study.weight_sensitivity
        if oat is not None:
            criterion = str(oat.table["criterion"].iloc[0])
            drawn["weight_sensitivity"] = plot_weight_sensitivity(
                oat, thresholds=summary.thresholds, criterion=criterion
            )
    if summary.smaa is not None:
        drawn["rank_acceptability"] = plot_rank_acceptability(summary.smaa)
    if summary.comparison is not None:
        drawn["method_ranks"] = plot_method_ranks(summary.comparison)
    return drawn
