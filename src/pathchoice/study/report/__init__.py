"""A self-contained HTML report of an analysis: one file to hand to people who never open Python.

:func:`render_report` runs the study once (:func:`pathchoice.study.run.run`) and
returns the page as a string; :func:`render_study` renders a study already run;
:func:`write_report` (``write_report(analysis, path)``, the order of ``save_model``)
writes it safely (:func:`~pathchoice.study.files.write_atomic`). The page holds, in
order:

1. the brief, one printed page: the question, the recommended alternative(s),
   how sure (SMAA-2 first-rank acceptability, in words and a number), what
   would overturn it (the smallest single weight change, from the weight
   thresholds), how the weights were obtained, the date and the pathchoice
   version;
2. the ranking and the performance table (table ``id="ranking"``; rank 1 has
   one colour everywhere);
3. robustness in plain language
   (:func:`~pathchoice.study.summary.robustness_summary`), the weight
   thresholds, SMAA rank acceptabilities and the ranks given by other methods;
   then the live what-if panel (TOPSIS only): a slider per criterion weight, the
   others rescaled in proportion, the ranking recomputed in the page, each
   slider marked where the top alternative changes, and toggles for the
   scenarios and the judgement sets of an expert panel (not printed);
4. the weights as they were obtained: given for the run, set directly in the
   model, AHP pairwise comparisons with each node's consistency ratio, or an
   expert panel with each judgement set's consistency ratios and the
   aggregation in words;
5. the criteria, with their direction;
6. the advantage/disadvantage matrix (when the model has one), coloured by
   stance, with its items topic by topic when it is itemised;
7. the evidence behind the scores (when the model links indicators to criteria
   or gives score ranges): per criterion the indicators as worded and every
   score with its range;
8. the cases linked to the alternatives (when the model has any);
9. an appendix of collapsible parts (``<details>``): provenance (every score,
   judgement and direct weight with its reason and source,
   :meth:`~pathchoice.study.analysis.Analysis.provenance`), the indicators
   behind the matrix, and how the report was made (settings, version,
   references).

The plots of :func:`pathchoice.study.plots.plot_study` that no table already
shows (the AHP weights, the weight thresholds, the weight sensitivity) sit
beside their tables (matplotlib, a dependency of pathchoice, draws them); in an
environment without it the report says so and is otherwise complete.

The file needs nothing but a browser: the CSS is inline, the plots are PNG
images in ``data:`` URIs, the what-if panel is a few lines of inline
JavaScript over the embedded TOPSIS tables (no server, no network), and there
are no fonts or links to other files. All text from the model is HTML-escaped.
A print stylesheet lays it out on A4: the brief on one page, every section on a
new page, every table within the page width. The only thing that depends on when
it is made is the date
(``date=``, else ``SOURCE_DATE_EPOCH``, else today): the same analysis,
options, seed and date give the same bytes.
"""

from __future__ import annotations

from ..labels import weights_frame
from ._render import render_report, render_study, write_report, write_text_atomic
from ._sections import SECTIONS  # noqa: F401 - the section ids, in page order

__all__ = [
    "render_report",
    "render_study",
    "weights_frame",
    "write_report",
    "write_text_atomic",
]

for _name in (
    "render_report",
    "render_study",
    "write_report",
    "write_text_atomic",
):  # documented under this name
    globals()[_name].__module__ = __name__
del _name
