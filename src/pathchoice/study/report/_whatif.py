"""The live what-if panel: a slider per criterion weight, TOPSIS recomputed in the page.

What users of AHP tools know as dynamic sensitivity. Moving one weight
rescales the others in proportion (the scheme of the weight thresholds), and
the ranking and scores update at once, with no server and no network: the page
holds the TOPSIS separation tables ``A+`` and ``A-`` of the model (the
normalised data, from :mod:`pathchoice._core.topsis`, the same arrays the
library ranks with) and a few lines of plain JavaScript compute
``D = sqrt(A @ w**2)`` and ``D- / (D+ + D-)`` as the library does. Each slider
is marked where the top path changes, at the values the weight thresholds
computed. Only for TOPSIS: other methods get no panel (the report says so).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from ..._core.topsis import TIE_SCORE, normalize, separations
from ._html import esc, html_section, para

if TYPE_CHECKING:
    from ..run import StudyResult

__all__ = ["SCRIPT", "whatif_section"]

#: The panel's script (``whatif.js`` beside this module), inlined in the report.
SCRIPT = resources.files(__package__).joinpath("whatif.js").read_text(encoding="utf-8")


def _data(study: StudyResult) -> dict[str, object]:
    model = study.model
    normalization = str(study.ranking.options.get("normalization", "vector"))
    r, ideal, anti, zero = normalize(model.matrix, model.types > 0, normalization)
    a_plus, a_minus = separations(r, ideal, anti, zero)
    thresholds = study.summary.thresholds
    marks: dict[str, list[dict[str, object]]] = {}
    if thresholds is not None:
        table = thresholds.criteria
        for name in model.criterion_names:
            row = table.loc[name]
            marks[name] = [
                {"at": float(row[at]), "top": str(row[who])}
                for at, who in (
                    ("decrease_to", "new_top_if_decreased"),
                    ("increase_to", "new_top_if_increased"),
                )
                if np.isfinite(row[at])
            ]
    return {
        "criteria": list(model.criterion_names),
        "alternatives": [str(a) for a in model.alternatives],
        "weights": [float(v) for v in study.weights.reindex(model.criterion_names)],
        "aplus": a_plus.tolist(),
        "aminus": a_minus.tolist(),
        "tie": TIE_SCORE,
        "top": study.top,
        "marks": marks,
    }


def whatif_section(study: StudyResult) -> str:
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
    data = json.dumps(_data(study), ensure_ascii=True, allow_nan=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(char, code)  # no markup can close the script element
    rows = []
    for j, name in enumerate(study.model.criterion_names):
        rows.append(
            f'<div class="wi-row" data-j="{j}"><label for="wi-n-{j}">{esc(name)}</label>'
            f'<div class="wi-track"><input type="range" id="wi-r-{j}" min="0" max="1" '
            f'step="0.001" aria-label="weight of {esc(name)}"><div class="wi-marks"></div></div>'
            f'<input type="number" id="wi-n-{j}" min="0" max="1" step="any"></div>'
        )
    parts = [
        para(
            "Move a weight: the others are rescaled in proportion, and the ranking below is "
            "recomputed at once (TOPSIS, in this page; nothing is sent anywhere). The marks on "
            "each slider are where the top path changes when that weight alone moves from the "
            "study's weights (the weight thresholds)."
        ),
        f'<script type="application/json" id="whatif-data">{data}</script>',
        '<div id="whatif-controls">',
        *rows,
        "</div>",
        '<p><button type="button" id="wi-reset">Back to the study\'s weights</button> '
        '<span id="wi-top" class="answer"></span></p>',
        '<div class="scroll"><table id="whatif-table"><thead><tr><th class="num">rank</th>'
        '<th>alternative</th><th class="num">score</th></tr></thead><tbody></tbody></table></div>',
        '<noscript><p class="muted">The what-if panel needs JavaScript.</p></noscript>',
    ]
    return html_section("whatif", "What if the weights were different?", parts)
