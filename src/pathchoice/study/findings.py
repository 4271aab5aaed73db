"""What a check of a model file reports about its evidence, ranges and panel.

:func:`study_findings` returns plain-language lines (what the file holds: the
items and topics of the matrix, the indicators and what they support, the
score ranges, the panel and its consistency, the run settings) and warnings
(things to fix or look at: a panel member's inconsistent judgements, an
indicator supporting no criterion of the model, scores without a range among
scores with one). :func:`judgement_findings` says in words which judgements lie
off Saaty's scale (a warning) and which pairs were not judged and were completed
(a line). ``pathchoice validate`` prints both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ahp.checks import format_judgement
from .labels import method_name
from .settings import score_range

if TYPE_CHECKING:
    from ..ahp import HierarchyResult
    from .analysis import Analysis

__all__ = ["counted", "judgement_findings", "member_findings", "study_findings"]

#: The consistency ratio above which a member's judgements are reported.
_CR_LIMIT = 0.1


def study_findings(analysis: Analysis) -> tuple[list[str], list[str]]:
    """(lines, warnings) about the matrix items, indicators, score ranges and panel.

    Examples
    --------
    >>> from pathchoice.study.datasets import china_japan
    >>> lines, warnings = study_findings(china_japan(version=2))
    >>> lines[0].split(":")[0].strip()
    'items'
    """
    lines: list[str] = []
    warnings: list[str] = []
    m = analysis.matrix
    names = set(analysis.criterion_names)
    if m is not None and m.itemised:
        topics = m.topic_relations
        unmatched = sum(t.label == "unmatched" for t in topics)
        tagged = sum(t.challenge is not None for t in topics)
        lines.append(
            f"  items:            {len(m.items)} in {len(topics)} topics ({unmatched} unmatched, "
            f"{tagged} counted under a challenge)"
        )
    if m is not None and m.indicators:
        supporting = [i for i in m.indicators if i.supports]
        lines.append(
            f"  indicators:       {len(m.indicators)} ({len(supporting)} linked to the scores "
            f"they support, {sum(bool(i.qualifier) for i in m.indicators)} with a qualifier)"
        )
        for ind in m.indicators:
            unknown = [c for c in ind.supports if c not in names]
            if unknown:
                warnings.append(
                    f"indicator {ind.name!r} supports {unknown}, which are not criteria of "
                    "this model"
                )
    scores = analysis.performance
    ranged = [s for s in scores if score_range(s, analysis.settings) != (s.value, s.value)]
    if ranged:
        lines.append(f"  score ranges:     {len(ranged)} of {len(scores)} scores have a range")
        if len(ranged) < len(scores):
            bare = [s.location for s in scores if s not in ranged]
            warnings.append(
                f"{len(bare)} scores have no range (low, high) among scores that have one, "
                f"e.g. {bare[0]}; the robustness analysis treats them as exact"
            )
    panel = analysis.panel
    if panel is not None:
        table = panel.consistency(analysis.hierarchy_tree)
        worst = table.max(axis=1)
        lines.append(
            f"  panel:            {len(panel.members)} judgement sets ("
            + ", ".join(f"{name}: CR ≤ {worst[name]:.3f}" for name in panel.names)
            + f"), aggregated by the geometric mean (CR ≤ {worst['panel']:.3f})"
        )
        for name in panel.names:
            bad = [node for node in table.columns if table.loc[name, node] > _CR_LIMIT]
            if bad:
                warnings.append(f"panel member {name!r}: inconsistent judgements at nodes {bad}")
    s = analysis.settings
    if s is not None:
        lines.append(
            f"  runs with:        {method_name(s.method)}, weights from the {s.weights}, "
            f"{s.smaa_samples:,} SMAA samples"
            + (f" (seed {s.seed})" if s.seed is not None else "")
            + (", scores drawn within their ranges" if s.performance == "ranges" else "")
        )
    return lines, warnings


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``"1 node"``, ``"2 nodes"``: a count with its noun in the right number.

    Examples
    --------
    >>> counted(1, "node"), counted(3, "node"), counted(2, "criterion", "criteria")
    ('1 node', '3 nodes', '2 criteria')
    """
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


#: How each completion method chooses the missing values, in words.
_COMPLETED_BY = {
    "lambda_max": "the values that make the node's judgements most consistent",
    "llsm": "the ratios of the logarithmic least-squares weights of the other judgements",
}


def _pair(a: str, b: str) -> str:
    return f"{a!r} over {b!r}"


def judgement_findings(result: HierarchyResult, where: str = "") -> tuple[list[str], list[str]]:
    """(lines, warnings) about the judgements behind a hierarchy's weights, in words.

    A warning for every judgement outside Saaty's scale (1/9 to 9), which the
    weights use as given; a line for every node whose missing pairs were
    completed, naming the pairs and the values they were given.

    Parameters
    ----------
    result : HierarchyResult
        The weights of a hierarchy (``analysis.weights()``).
    where : str, default ""
        Put in front of every line and warning (``"scenario 'x': "``).

    Examples
    --------
    >>> from pathchoice import Node
    >>> from pathchoice.ahp import hierarchy_weights
    >>> root = Node("goal", ["x", "y", "z"], judgements={("x", "y"): 12, ("x", "z"): 2})
    >>> lines, warnings = judgement_findings(hierarchy_weights(root))
    >>> print(warnings[0])
    node 'goal': the judgement 'x' over 'y' = 12 is outside Saaty's scale of 1/9 to 9; it is used as given
    >>> print(lines[0])  # doctest: +NORMALIZE_WHITESPACE
      completed:        node 'goal': 1 pair not judged, completed with the values that
      make the node's judgements most consistent: 'y' over 'z' = 1/6
    """  # noqa: E501
    lines: list[str] = []
    warnings: list[str] = []
    for node, local in result.local.items():
        if local is None:
            continue
        given = local.input_matrix
        for (a, b), value in given.off_scale:
            warnings.append(
                f"{where}node {node!r}: the judgement {_pair(a, b)} = {format_judgement(value)} "
                "is outside Saaty's scale of 1/9 to 9; it is used as given"
            )
        missing = given.missing_pairs()
        if missing:
            filled = local.matrix.judgements()
            listed = ", ".join(
                f"{_pair(a, b)} = {format_judgement(filled[a, b])}" for a, b in missing
            )
            how = _COMPLETED_BY.get(str(local.completion), "the other judgements")
            lines.append(
                f"  completed:        {where}node {node!r}: {counted(len(missing), 'pair')} not "
                f"judged, completed with {how}: {listed}"
            )
    return lines, warnings


def member_findings(analysis: Analysis) -> list[str]:
    """Warnings about each panel member's judgements off Saaty's scale (empty without a panel).

    Examples
    --------
    >>> from pathchoice.study.datasets import china_japan
    >>> member_findings(china_japan(version=2))
    []
    """
    from ..ahp import hierarchy_weights

    panel = analysis.panel
    if panel is None:
        return []
    warnings: list[str] = []
    for name in panel.names:
        tree = panel.member_tree(analysis.hierarchy_tree, name)
        result = hierarchy_weights(tree, criteria=analysis.criterion_names)
        warnings += judgement_findings(result, where=f"panel member {name!r}: ")[1]
    return warnings
