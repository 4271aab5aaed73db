"""The live what-if panel: a slider per criterion weight, TOPSIS recomputed in the page.

What users of AHP tools know as dynamic sensitivity. Moving one weight
rescales the others in proportion (the scheme of the weight thresholds), and
the ranking and scores update at once, with no server and no network: the page
holds the TOPSIS separation tables ``A+`` and ``A-`` of the model (the
normalised data, from :mod:`pathchoice._core.topsis`, the same arrays the
library ranks with) and a few lines of plain JavaScript compute
``D = sqrt(A @ w**2)`` and ``D- / (D+ + D-)`` as the library does.

Two groups of toggles choose what the sliders start from: the scenario (the
study as run, or one of the model's scenarios applied on top: its own
separation tables, since a scenario may change scores) and the judgement set
(the expert panel's aggregate, or one expert's judgements: its own weights,
since a scenario may also change judgements). Everything is computed here in
Python, per scenario and judgement set, with the same functions as
:func:`~pathchoice.study.run.run`: the separation tables, the weights, the top
path and the weight thresholds that mark each slider where the top path
changes. Only for TOPSIS: other methods get no panel (the report says so).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from ..._core.topsis import TIE_SCORE, normalize, separations
from ...ranking import topsis
from ...sensitivity.thresholds import weight_thresholds
from ..settings import use_judgements
from ._html import esc, html_section, para
from ._weights import member_weighting

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis import Analysis
    from ..run import StudyResult

__all__ = ["SCRIPT", "judgement_sets", "whatif_section"]

#: The panel's script (``whatif.js`` beside this module), inlined in the report.
SCRIPT = resources.files(__package__).joinpath("whatif.js").read_text(encoding="utf-8")


def judgement_sets(study: StudyResult) -> list[tuple[str, str]]:
    """The judgement sets the panel offers, as ``(source, label)``; the study's own first.

    ``source`` is what :func:`~pathchoice.study.settings.use_judgements` takes
    (``"hierarchy"``, ``"panel"`` or a member's name); ``""`` stands for
    weights given for the run (the only choice then).
    """
    source = str(study.settings.get("judgements") or "")
    panel = study.analysis.panel
    if study.hierarchy is None:
        return [("", "the weights given for this run")]
    if panel is None:
        return [(source or "hierarchy", "the model's judgements")]
    sets = [
        (
            "panel",
            f"the expert panel: the {len(panel.names)} sets combined by the geometric mean "
            f"of their judgements ({member_weighting(panel)})",
        )
    ]
    sets += [(m.name, m.title or m.name) for m in panel.members]
    if source == "hierarchy":
        sets.insert(0, ("hierarchy", "the model's own judgements"))
    return sets


def _weights(analysis: Analysis, source: str, given: pd.Series) -> pd.Series:
    if not source:
        return given
    return use_judgements(analysis, source).weights().global_weights  # type: ignore[no-any-return]


def _marks(thresholds: Any, names: tuple[str, ...]) -> dict[str, list[dict[str, object]]]:
    table = thresholds.criteria
    marks: dict[str, list[dict[str, object]]] = {}
    for name in names:
        row = table.loc[name]
        marks[name] = [
            {"at": float(row[at]), "top": str(row[who])}
            for at, who in (
                ("decrease_to", "new_top_if_decreased"),
                ("increase_to", "new_top_if_increased"),
            )
            if np.isfinite(row[at])
        ]
    return marks


def _scenario_label(applied: tuple[str, ...], extra: str | None) -> str:
    names = [n.replace("-", " ") for n in (*applied, *([extra] if extra else []))]
    return " + ".join(names) if names else "baseline"


def _data(study: StudyResult) -> dict[str, Any]:
    """Per scenario the separation tables, per (scenario, judgement set) weights, top and marks."""
    base = study.analysis
    names = study.model.criterion_names
    normalization = str(study.ranking.options.get("normalization", "vector"))
    applied = tuple(study.scenarios)
    choices: list[tuple[str, str, Analysis]] = [(_scenario_label(applied, None), "", base)]
    for scenario in base.scenarios:
        if scenario.name not in applied:
            choices.append(
                (
                    _scenario_label(applied, scenario.name),
                    scenario.description,
                    base.with_scenario(scenario.name),
                )
            )
    sets = judgement_sets(study)
    own = str(study.settings.get("judgements") or "")
    scenarios, cases = [], []
    for k, (label, description, analysis) in enumerate(choices):
        model = analysis.decision_model(study.alternative_set)
        r, ideal, anti, zero = normalize(model.matrix, model.types > 0, normalization)
        a_plus, a_minus = separations(r, ideal, anti, zero)
        scenarios.append(
            {
                "label": label,
                "description": description,
                "aplus": a_plus.tolist(),
                "aminus": a_minus.tolist(),
            }
        )
        row = []
        for source, _ in sets:
            if k == 0 and source == own:  # the study itself: its own results
                w, thresholds, top = study.weights, study.summary.thresholds, study.top
            else:
                w = _weights(analysis, source, study.weights)
                thresholds = weight_thresholds(model, w, normalization=normalization)
                top = str(topsis(model, w, normalization=normalization).best)
            row.append(
                {
                    "weights": [float(v) for v in w.reindex(names)],
                    "top": top,
                    "marks": {} if thresholds is None else _marks(thresholds, names),
                }
            )
        cases.append(row)
    return {
        "criteria": list(names),
        "alternatives": [str(a) for a in study.model.alternatives],
        "tie": TIE_SCORE,
        "scenarios": scenarios,
        "sets": [label for _, label in sets],
        "cases": cases,
        "start": [0, next(i for i, (s, _) in enumerate(sets) if s == own)],
    }


def _toggles(name: str, legend: str, labels: list[str], checked: int) -> str:
    if len(labels) < 2:
        return ""
    options = "".join(
        f'<label><input type="radio" name="{name}" id="{name}-{i}" value="{i}"'
        f"{' checked' if i == checked else ''}> {esc(label)}</label>"
        for i, label in enumerate(labels)
    )
    return (
        f'<fieldset id="{name}" class="wi-toggles"><legend>{esc(legend)}</legend>'
        f"{options}</fieldset>"
    )


def whatif_section(study: StudyResult, noun: str = "alternative") -> str:
    """The what-if section with its data (JSON) and controls; the script goes in the page."""
    if study.method != "topsis":
        return html_section(
            "whatif",
            "What if the weights were different?",
            [
                para(
                    f"The live what-if panel recomputes TOPSIS in the page; this report ranks "
                    f"with {study.method_name}, so it has no panel. The weight thresholds in "
                    "the robustness section say how far each weight can move."
                )
            ],
        )
    data = _data(study)
    text = json.dumps(data, ensure_ascii=True, allow_nan=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)  # no markup can close the script element
    rows = []
    for j, name in enumerate(study.model.criterion_names):
        rows.append(
            f'<div class="wi-row" data-j="{j}"><label for="wi-n-{j}">{esc(name)}</label>'
            f'<div class="wi-track"><input type="range" id="wi-r-{j}" min="0" max="1" '
            f'step="0.001" aria-label="weight of {esc(name)}"><div class="wi-marks"></div></div>'
            f'<input type="number" id="wi-n-{j}" min="0" max="1" step="any"></div>'
        )
    labels = [str(s["label"]) for s in data["scenarios"]]
    by_scenario = _toggles("wi-scenario", "Scenario", labels, data["start"][0])
    by_set = _toggles("wi-set", "Judgements the weights come from", data["sets"], data["start"][1])
    toggles = by_scenario + by_set
    choose = " or ".join(
        what
        for what, there in (("a scenario", by_scenario), ("a set of judgements", by_set))
        if there
    )
    parts = [
        para(
            "Move a weight: the others are rescaled in proportion, and the ranking below is "
            "recomputed at once (TOPSIS, in this page; nothing is sent anywhere). The marks on "
            f"each slider are where the top {noun} changes when that weight alone moves from "
            "the starting weights (the weight thresholds)."
            + (f" Choose {choose} to start from its scores and weights." if toggles else "")
        ),
        f'<script type="application/json" id="whatif-data">{text}</script>',
        toggles,
        '<p id="wi-about" class="small muted"></p>' if toggles else "",
        '<div id="whatif-controls">',
        *rows,
        "</div>",
        '<p><button type="button" id="wi-reset">Back to the starting weights</button> '
        '<span id="wi-top" class="answer"></span></p>',
        '<div class="scroll"><table id="whatif-table"><thead><tr><th class="num">rank</th>'
        '<th>alternative</th><th class="num">score</th></tr></thead><tbody></tbody></table></div>',
        '<noscript><p class="muted">The what-if panel needs JavaScript.</p></noscript>',
    ]
    return html_section("whatif", "What if the weights were different?", [p for p in parts if p])
