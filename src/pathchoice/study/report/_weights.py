"""The weights as they were obtained: given, set directly, AHP with its CRs, or an expert panel.

Never a method that was not used: given weights are called given, direct
weights direct, and an AHP hierarchy is described with the consistency ratio of
every judged node. When the weights come from the model's expert panel (or one
of its judgement sets), each set is named with its own consistency ratios and
the panel's aggregation is said in words (the geometric mean of the members'
judgements, pair by pair: AIJ, with equal or given member weights); the
weights each set would give stand beside the panel's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ...ahp import walk_nodes
from ..labels import weights_frame
from ..settings import use_judgements
from ._html import Plots, esc, fmt_value, html_section, html_table, para

if TYPE_CHECKING:
    from ...ahp import HierarchyResult
    from ..run import StudyResult

__all__ = ["member_weighting", "panel_results", "weights_in_words", "weights_section"]

_AHP_METHODS = {
    "eigenvector": "the principal eigenvector (Saaty)",
    "geometric_mean": "the geometric mean of the rows",
    "row_geometric_mean": "the geometric mean of the rows",
    "arithmetic_mean": "the mean of the normalised columns",
}


def _judged(hr: HierarchyResult) -> list[tuple[str, Any]]:
    return [(name, r) for name, r in hr.local.items() if r is not None]


def _worst(hr: HierarchyResult) -> float:
    return max((float(r.consistency_ratio) for _, r in _judged(hr)), default=0.0)


def panel_results(study: StudyResult) -> list[tuple[str, str, HierarchyResult]]:
    """``(source, title, AHP result)`` of every judgement set of the panel, then the panel's.

    Empty when the weights were given or the model has no panel. Each result
    is that set's hierarchy under the study's scenarios (a scenario's
    judgement applies to every member alike).
    """
    panel = study.analysis.panel
    if study.hierarchy is None or panel is None:
        return []
    out = [
        (m.name, m.title or m.name, use_judgements(study.analysis, m.name).weights())
        for m in panel.members
    ]
    out.append(("panel", "the panel, combined", use_judgements(study.analysis, "panel").weights()))
    return out


def member_weighting(panel: Any) -> str:
    """How the panel weighs its sets, in words: "equal weights" or each set's weight."""
    weights = panel.weights
    if len(set(weights.round(12))) == 1:
        return "equal weights"
    return "weights " + ", ".join(
        f"'{m.title or m.name}' {w:.2f}" for m, w in zip(panel.members, weights, strict=True)
    )


def _aggregation(study: StudyResult) -> str:
    how = member_weighting(study.analysis.panel)
    mean = "geometric mean" if how == "equal weights" else "weighted geometric mean"
    return (
        f"their judgements are combined pair by pair by the {mean} (aggregation of "
        f"individual judgements, AIJ, with {how})"
    )


def weights_in_words(study: StudyResult) -> tuple[str, str]:
    """How the weights were obtained: a short label and a sentence, never a method not used.

    Given weights, weights set directly in the model, AHP pairwise comparisons
    with the consistency ratio of every judged node, or an expert panel with
    each judgement set's highest consistency ratio and the aggregation.
    """
    hr = study.hierarchy
    if hr is None:
        return "given for this run", (
            "The weights were given for this run; they were not derived from pairwise comparisons."
        )
    judged = _judged(hr)
    direct = [node.name for node, _, _ in walk_nodes(hr.root) if node.weights is not None]
    if not judged:
        return "set directly in the model", (
            "The weights are set directly in the model; no pairwise comparisons were made, so "
            "there is no consistency ratio to report."
        )
    threshold = float(hr.options.get("threshold", 0.1))
    how = _AHP_METHODS.get(str(hr.options.get("method")), str(hr.options.get("method")))
    crs = "; ".join(
        f"'{name}' {float(r.consistency_ratio):.3f} "
        f"({'acceptable' if r.is_consistent else 'too inconsistent'})"
        for name, r in judged
    )
    source = study.settings.get("judgements")
    sets = panel_results(study)
    if source == "panel" and sets:
        members = "; ".join(f"'{title}' {_worst(r):.3f}" for _, title, r in sets[:-1])
        text = (
            f"The weights come from an expert panel of {len(sets) - 1} sets of AHP pairwise "
            f"judgements over one hierarchy; {_aggregation(study)}, and the combined "
            f"judgements give the weights by {how}. Highest consistency ratio of each set "
            f"(acceptable up to {threshold:g}): {members}. Consistency ratio of the combined "
            f"judgements at each node: {crs}."
        )
        label = (
            f"an expert panel of {len(sets) - 1} judgement sets (highest consistency ratios "
            + ", ".join(f"{_worst(r):.3f}" for _, _, r in sets[:-1])
            + f"), combined by the geometric mean of their judgements (AIJ, "
            f"{member_weighting(study.analysis.panel)})"
        )
    elif sets and source not in (None, "hierarchy"):
        title = next(t for s, t, _ in sets if s == source)
        text = (
            f"The weights come from one judgement set of the model's expert panel, '{title}', "
            f"by {how}, not from the panel's combined judgements. Consistency ratio of its "
            f"judgements at each node (acceptable up to {threshold:g}): {crs}."
        )
        label = f"the judgement set '{title}' (highest consistency ratio {_worst(hr):.3f})"
    else:
        text = (
            f"The weights come from AHP pairwise comparisons ({how}). Consistency ratio of the "
            f"judgements at each node (acceptable up to {threshold:g}): {crs}."
        )
        label = f"AHP pairwise comparisons (highest consistency ratio {_worst(hr):.3f})"
    if direct:
        text += " Weights set directly at " + ", ".join(f"'{n}'" for n in direct) + "."
    return label, text


def _panel_tables(study: StudyResult) -> list[str]:
    """Each judgement set's consistency ratios (node by node) and the weights it gives."""
    sets = panel_results(study)
    if not sets:
        return []
    nodes = [name for name, r in _judged(sets[-1][2]) if r.n >= 3]
    consistency = pd.DataFrame(
        {
            "judgement set": [title for _, title, _ in sets],
            **{
                node: [float(r.local[node].consistency_ratio) for _, _, r in sets] for node in nodes
            },
        }
    )
    names = list(study.model.criterion_names)
    weights = pd.DataFrame(
        {
            "criterion": names,
            **{title: r.global_weights.reindex(names).to_numpy() for _, title, r in sets},
        }
    )
    rows = ["chosen" if s == study.settings.get("judgements") else "" for s, _, _ in sets]
    return [
        "<h3>The judgement sets of the expert panel</h3>",
        para(
            "The consistency ratio of each set's judgements at every node with three or more "
            "entries (a two-entry comparison is always consistent), and of the panel's "
            "combined judgements; the row of the judgements the weights come from is marked."
        ),
        html_table(
            consistency,
            table_id="panel-consistency-table",
            formats=dict.fromkeys(nodes, lambda v: fmt_value(v, 3)),
            row_classes=rows,
        ),
        para("The criterion weights each set of judgements gives, beside the panel's."),
        html_table(weights, table_id="panel-weights-table", classes="names"),
    ]


def weights_section(study: StudyResult, plots: Plots) -> str:
    """The weights as they were obtained, with the AHP table or the given weights."""
    hr, weights = study.hierarchy, study.weights
    _, sentence = weights_in_words(study)
    parts = [para(sentence)]
    if hr is not None and _judged(hr):
        threshold = float(hr.options.get("threshold", 0.1))
        if not hr.is_consistent:
            nodes = ", ".join(f"'{n}'" for n in hr.inconsistent_nodes)
            parts.append(
                f'<div class="notice">The judgements at {esc(nodes)} are inconsistent '
                f"(consistency ratio above {threshold:g}): revise them before relying on the "
                "weights.</div>"
            )
        frame = weights_frame(hr)
        parts += [
            para(
                "Each entry's local weight under its parent, its global weight (the product "
                "down from the goal) and CR, the consistency ratio of a node's own pairwise "
                "judgements (– where there are none)."
            ),
            html_table(
                frame,
                table_id="weights-table",
                formats={"CR": lambda v: fmt_value(v, 3)},
                cell_styles={"node": ["white-space: pre"] * len(frame)},
            ),
            plots.figure("weights", "Criteria weights with the consistency of the judgements."),
            *_panel_tables(study),
        ]
    else:
        frame = pd.DataFrame({"criterion": list(weights.index), "weight": weights.to_numpy()})
        parts.append(html_table(frame, table_id="weights-table"))
    return html_section("weights", "Weights", parts)
