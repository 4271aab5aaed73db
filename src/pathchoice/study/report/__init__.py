"""A self-contained HTML report of an analysis: one file to hand to people who never open Python.

:func:`render_report` runs the study once (:func:`pathchoice.study.run.run`) and
returns the page as a string; :func:`render_study` renders a study already run;
:func:`write_report` (``write_report(analysis, path)``, the order of ``save_model``)
writes it safely (:func:`~pathchoice.study.files.write_atomic`). The page holds, in
order:

1. at a glance: the path ranked first and how robust that is, in two sentences;
2. the advantage/disadvantage matrix (when the model has one), coloured by stance;
3. the criteria, with their direction;
4. the weights of the AHP hierarchy and the consistency of its judgements
   (or the weights given, when they were given);
5. the performance table and the ranking (table ``id="ranking"``);
6. robustness in plain language
   (:func:`~pathchoice.study.summary.robustness_summary`), the weight
   thresholds, SMAA rank acceptabilities and the ranks given by other methods;
7. the cases linked to the alternatives (when the model has any);
8. provenance: every score, judgement and direct weight with its reason and
   source (:meth:`~pathchoice.study.analysis.Analysis.provenance`);
9. how the report was made (settings, version, references).

The plots of :func:`pathchoice.study.plots.plot_study` sit beside their tables when matplotlib is
installed (``pip install 'pathchoice[plot]'``); without it the report says so
and is otherwise complete.

The file needs nothing but a browser: the CSS is inline, the plots are PNG
images in ``data:`` URIs, and there are no scripts, fonts or links to other
files. All text from the model is HTML-escaped. Nothing in it depends on the
time it is made: the same analysis, options and seed give the same bytes.
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
