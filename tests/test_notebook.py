"""pathchoice in Jupyter: figures display when returned, models and matrices as HTML tables.

The notebook ``examples/notebook.ipynb`` is executed in a real IPython kernel (nbclient and
ipykernel, the ``test`` extra); it holds exactly the Python blocks of ``docs/notebook.md``,
so the page "In a notebook" shows code that runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from pathchoice import Model, PairwiseMatrix, china_japan
from pathchoice.study.plots import plot_study

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "notebook.ipynb"
PAGE = ROOT / "docs" / "notebook.md"
PNG = b"\x89PNG\r\n\x1a\n"


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    # The kernel runs this interpreter (the "python3" kernel of ipykernel is sys.executable),
    # so it imports the pathchoice under test.
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {}}).execute()
    return nb


def _mimes(cell: nbformat.NotebookNode) -> list[str]:
    return [mime for out in cell.outputs for mime in out.get("data", {})]


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    return _execute(nbformat.read(NOTEBOOK, as_version=4))


def test_the_docs_page_shows_the_notebook_code():
    page = re.findall(r"^```python\n(.*?)^```$", PAGE.read_text(encoding="utf-8"), re.S | re.M)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    cells = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert [p.rstrip("\n") for p in page] == cells
    assert all(not c.outputs for c in notebook.cells if c.cell_type == "code"), (
        "keep the notebook without outputs: the test suite runs it"
    )


def test_the_notebook_shows_figures_as_images_and_objects_as_tables(executed):
    code = [c for c in executed.cells if c.cell_type == "code"]
    errors = [out for c in code for out in c.outputs if out.output_type == "error"]
    assert not errors, errors
    shown = {c.source.splitlines()[-1]: c for c in code}
    for line in ("weights.plot()", "ranking.plot()", "acceptability.plot()"):
        assert _mimes(shown[line]) == ["text/plain", "image/png"], line
        data = shown[line].outputs[0]["data"]["image/png"]
        assert len(data) > 10_000  # base64 of a real figure, not an empty canvas
    model = china_japan().decision_model()  # the notebook's model: the embedded default
    goal = len(china_japan().hierarchy_tree.children)
    for line, heading in (
        ("model", f"{len(model.alternatives)} alternatives × {len(model.criteria)} criteria"),
        ('weights.local["goal"].input_matrix', f"Pairwise comparisons ({goal} × {goal})"),
        ("weights", "AHP hierarchy"),
        ("ranking", "ranking"),
        ("analysis.matrix", "China"),
    ):
        html = shown[line].outputs[0]["data"]["text/html"]
        assert "<table" in html and heading in html, line


def test_a_figure_shows_once_when_pyplot_is_in_use():
    # With pyplot imported the inline backend registers its own figure formatter; it must
    # be used instead of ours, not beside it, and pyplot must not hold the figure.
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\n%matplotlib inline"),
        nbformat.v4.new_code_cell(
            "from pathchoice import china_japan\nchina_japan().rank().plot()"
        ),
        nbformat.v4.new_code_cell("print(plt.get_fignums())"),
    ]
    _execute(nb)
    assert _mimes(nb.cells[1]).count("image/png") == 1
    assert nb.cells[2].outputs[0]["text"].strip() == "[]"


def test_a_figure_renders_its_own_png_outside_jupyter():
    fig = china_japan().rank().plot()
    assert fig._repr_png_().startswith(PNG)


def test_the_figures_of_a_study_show_as_images():
    from pathchoice import run

    figures = plot_study(run(china_japan(), sections=["ranking"]))
    html = figures._repr_html_()
    assert html.count('<img alt="') == len(figures) >= 2
    assert html.count("data:image/png;base64,") == len(figures)


def test_a_model_displays_as_an_escaped_html_table_with_directions():
    model = Model.from_frame(
        pd.DataFrame(
            {"cost <b>": [3.0, 1.0], "gain & more": [0.5, 2.0]}, index=["A <script>", "B"]
        ),
        directions={"cost <b>": "cost", "gain & more": "benefit"},
        name="test <i>",
    )
    html = model._repr_html_()
    assert "<script>" not in html and "A &lt;script&gt;" in html
    assert "cost &lt;b&gt;" in html and "gain &amp; more" in html
    assert "test &lt;i&gt;" in html and "2 alternatives × 2 criteria" in html
    assert html.index("cost ↓") < html.index("benefit ↑")  # directions in criterion order
    assert "0.5000" in html and "3.0000" in html  # real numbers keep their places


def test_a_model_on_a_whole_number_scale_shows_whole_numbers():
    html = china_japan().decision_model()._repr_html_()
    assert re.search(r"<td>3</td>", html) and "3.0000" not in html


def test_a_pairwise_matrix_displays_fractions_and_missing_judgements():
    matrix = PairwiseMatrix.from_judgements({("a & b", "c"): 3, ("c", "d"): 2}, ["a & b", "c", "d"])
    html = matrix._repr_html_()
    assert "a &amp; b" in html and "<td>1/3</td>" in html and "<td>3</td>" in html
    assert "(3 × 3): 1 missing" in html and "<td>.</td>" in html


# -- plot() on the results: the natural figure, drawn by the plot functions ----------------


@pytest.fixture(scope="module")
def results():
    from pathchoice import ahp_weights, group_weights, smaa, weight_thresholds
    from pathchoice.sensitivity.compare import compare_methods

    analysis = china_japan()
    model = analysis.decision_model()
    hierarchy = analysis.weights()
    judgements = {("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2}
    return {
        "plot_ranking": analysis.rank(),
        "plot_weights": hierarchy,
        "plot_thresholds": weight_thresholds(model, hierarchy.weights),
        "plot_rank_acceptability": smaa(model, n_samples=300, rng=0),
        "plot_method_ranks": compare_methods(model, hierarchy.weights),
        "local": ahp_weights(PairwiseMatrix.from_judgements(judgements)),
        "group": group_weights({"x": judgements, "y": {**judgements, ("a", "b"): 2}}),
    }


@pytest.mark.parametrize(
    "key",
    [
        "plot_ranking",
        "plot_weights",
        "plot_thresholds",
        "plot_rank_acceptability",
        "plot_method_ranks",
        "local",
        "group",
    ],
)
def test_plot_methods_draw_what_the_plot_functions_draw(results, key):
    import pathchoice.plotting as plots

    result = results[key]
    function = getattr(plots, key if key.startswith("plot_") else "plot_weights")
    by_method, by_function = result.plot(), function(result)
    assert by_method._repr_png_().startswith(PNG)
    titles = [[ax.get_title() for ax in fig.axes] for fig in (by_method, by_function)]
    assert titles[0] == titles[1] and any(titles[0])
    # ax= draws on given axes and returns their figure
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    assert result.plot(ax=ax) is fig and ax.get_title() == by_function.axes[0].get_title()


def test_the_plot_modules_say_what_they_export():
    import pathchoice.plotting as plots
    import pathchoice.study.plots as study_plots

    drawn = {n for n in dir(plots) if n.startswith(("plot_", "figure_to_"))}
    assert drawn <= set(plots.__all__)
    assert set(plots.__all__) <= set(study_plots.__all__)  # the study layer re-exports them
    assert {"plot_advantage_matrix", "plot_study"} <= set(study_plots.__all__)


def test_rank_one_is_the_reports_blue():
    # One colour meaning for rank 1 everywhere (issue 12): the ranking's best bar is the
    # report's accent colour (study/report/report.css).
    from matplotlib.colors import to_hex

    css = (ROOT / "src" / "pathchoice" / "study" / "report" / "report.css").read_text("utf-8")
    accent = re.search(r"--accent:\s*(#[0-9A-Fa-f]{6})", css)[1].lower()
    result = china_japan().rank()
    bars = result.plot().axes[0].patches
    colours = [to_hex(bar.get_facecolor()) for bar in bars]
    assert (result.ranks == 1).sum() == 1
    assert colours[0] == accent  # the best, on top
    assert accent not in colours[1:]
