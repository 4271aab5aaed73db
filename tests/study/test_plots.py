"""Tests of pathchoice.study.plots: every plot renders to a non-blank PNG and shows its result.

Each plot is drawn from the China–Japan model through the public API, rendered
to PNG (non-empty, not one colour) and inspected through the Figure's artists:
tick labels, titles, legends and texts name the alternatives and criteria, and
the drawn geometry (bar widths, line positions, heatmap cells) equals the
result it shows.

Published reference values:

- Saaty, T. L. (1990). "How to make a decision: The analytic hierarchy
  process". European Journal of Operational Research 48(1), 9-26, the house
  example: C.R. = 0.169 (inconsistent), priorities printed to 3 places
  (tolerance 0.0005) — ``tests/ahp/data/reference_cases.json``.
- Saaty, T. L. (2008). "Decision making with the analytic hierarchy process".
  International Journal of Services Sciences 1(1), 83-98, drinks example:
  C.R. = 0.022 (acceptable).
- Fang, Z., Li, J., Song, R., Chen, Y. and Fan, Y. "Policy Assessment and Path
  Choice of Digital Economy Cooperation between China and Japan", Table 4:
  the stance of China and Japan in nine areas (``tests/china_japan_tables.py``).
"""

from __future__ import annotations

import base64
import importlib
import io
import sys

import matplotlib
import matplotlib.image
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from ahp.reference import case, matrix_of
from china_japan_tables import TABLE_4
from pathchoice import (
    PathchoiceError,
    UnknownNameError,
    ahp_weights,
    china_japan,
    group_weights,
    topsis,
)
from pathchoice.plotting._common import wrap_label as _wrap
from pathchoice.sensitivity.compare import compare_methods
from pathchoice.sensitivity.oat import weight_sensitivity
from pathchoice.sensitivity.smaa import smaa
from pathchoice.sensitivity.thresholds import weight_thresholds
from pathchoice.study.plots import (
    ResultTypeError,
    figure_to_data_uri,
    figure_to_png,
    plot_advantage_matrix,
    plot_method_ranks,
    plot_rank_acceptability,
    plot_ranking,
    plot_thresholds,
    plot_weight_sensitivity,
    plot_weights,
)
from ranking.strategies import models, weight_vectors

matplotlib.use("Agg")

VERMILLION = "#d55e00"


# -- fixtures and helpers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def cj():
    # Version 1 of the China–Japan model: the plots are checked against Table 4 as printed
    # (one stance per cell, tests/china_japan_tables.py) and against version 1's
    # judgements (CR 0, the nearest reversal on 'relief of social dilemmas'); the plots
    # themselves do not depend on the version.
    analysis = china_japan(version=1)
    model = analysis.decision_model()
    hierarchy = analysis.weights()
    weights = hierarchy.weights
    return {
        "analysis": analysis,
        "model": model,
        "hierarchy": hierarchy,
        "weights": weights,
        "ranking": analysis.rank(),
        "oat": weight_sensitivity(model, weights),
        "thresholds": weight_thresholds(model, weights),
        "comparison": compare_methods(model, weights),
        "smaa": smaa(model, n_samples=3000, rng=0),
    }


def flat(text: str) -> str:
    """Whitespace (line breaks from wrapping) collapsed to single spaces."""
    return " ".join(text.split())


def texts(fig: Figure) -> list[str]:
    """Every string the figure shows: titles, axis and tick labels, texts, legends."""
    out = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    for legend in fig.legends:
        out += [t.get_text() for t in legend.get_texts()]
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        out += [t.get_text() for t in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()]
            out.append(legend.get_title().get_text())
    return [flat(t) for t in out if t]


def shown(fig: Figure, name: str) -> bool:
    """Whether ``name`` appears (whole, once unwrapped) in some text of the figure."""
    return any(name in t for t in texts(fig))


def yticks(ax) -> list[str]:
    return [flat(t.get_text()) for t in ax.get_yticklabels()]


def assert_png(fig: Figure) -> np.ndarray:
    """Render to PNG; the image must be sizeable, varied and mostly not background."""
    png = figure_to_png(fig, dpi=60)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 5_000
    image = matplotlib.image.imread(io.BytesIO(png), format="png")
    assert image.ndim == 3 and image.shape[0] > 150 and image.shape[1] > 250
    rgb = image[..., :3]
    assert rgb.std() > 0.05  # not all one colour
    assert (rgb.min(axis=2) < 0.9).mean() > 0.03  # some ink: not a blank page
    return image


def bars(ax) -> list:
    from matplotlib.patches import Rectangle

    return [p for p in ax.patches if isinstance(p, Rectangle)]


# -- weights ----------------------------------------------------------------------------


def test_hierarchy_weights_plot_shows_every_criterion_its_weight_and_consistency(cj):
    h = cj["hierarchy"]
    fig = plot_weights(h)
    assert_png(fig)
    ax = fig.axes[0]
    assert yticks(ax) == list(h.criteria)
    np.testing.assert_allclose([b.get_width() for b in bars(ax)], h.global_weights, atol=1e-12)
    # each bar is annotated with its weight, to 3 places
    assert [t.get_text().strip() for t in ax.texts] == [f"{w:.3f}" for w in h.global_weights]
    # the title carries the root's CR and the verdict; the legend each group's CR
    assert "CR 0.000 ≤ 0.10: acceptable" in flat(ax.get_title())
    assert "all judgements acceptably consistent" in flat(ax.get_title())
    legend = [flat(t.get_text()) for t in ax.get_legend().get_texts()]
    for group in ("complementarity", "exposure", "relief"):
        cr = h.local[group].consistency_ratio
        assert f"{group} · CR {cr:.3f} ≤ 0.10: acceptable" in legend
    # bars of a group share its colour; groups differ
    colours = [to_hex(b.get_facecolor()) for b in bars(ax)]
    groups = h.to_frame().set_index("node").loc[list(h.criteria), "parent"]
    for g in set(groups):
        assert len({c for c, gg in zip(colours, groups, strict=True) if gg == g}) == 1
    assert len(set(colours)) == 3


def test_weights_plot_of_saaty_1990_house_reports_its_published_inconsistency():
    # Saaty (1990), house example: C.R. = 0.169 > 0.1; priorities to 3 places.
    ref = case("saaty1990_house")
    result = ahp_weights(matrix_of(ref))
    fig = plot_weights(result)
    assert_png(fig)
    ax = fig.axes[0]
    assert "CR 0.169 > 0.10: inconsistent" in flat(ax.get_title())
    np.testing.assert_allclose(
        [b.get_width() for b in bars(ax)], ref["weights"], atol=ref["weights_atol"]
    )
    assert yticks(ax) == ref["labels"]
    assert {to_hex(b.get_facecolor()) for b in bars(ax)} == {VERMILLION}


def test_weights_plot_of_saaty_2008_drinks_reports_its_published_consistency():
    # Saaty (2008), drinks example: C.R. = 0.022, acceptable.
    ref = case("saaty2008_drinks")
    fig = plot_weights(ahp_weights(matrix_of(ref)))
    assert "CR 0.022 ≤ 0.10: acceptable" in flat(fig.axes[0].get_title())
    assert VERMILLION not in {to_hex(b.get_facecolor()) for b in bars(fig.axes[0])}


def test_group_weights_plot_shows_group_bars_and_every_expert_with_cr():
    panel = {
        "expert A": {("a", "b"): 2, ("a", "c"): 4, ("b", "c"): 2},
        "expert B": {("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 1},
    }
    result = group_weights(panel)
    fig = plot_weights(result)
    assert_png(fig)
    ax = fig.axes[0]
    np.testing.assert_allclose([b.get_width() for b in bars(ax)], result.weights, atol=1e-12)
    legend = [flat(t.get_text()) for t in ax.get_legend().get_texts()]
    for name, expert in result.expert_results.items():
        assert any(t.startswith(f"{name} · CR {expert.consistency_ratio:.3f}") for t in legend), (
            legend
        )
    assert any(t.startswith("group (AIJ) · CR") for t in legend)
    # one marker per expert and label, at the expert's own weight
    offsets = [c.get_offsets()[:, 0] for c in ax.collections]
    for xs, expert in zip(offsets, result.expert_results.values(), strict=True):
        np.testing.assert_allclose(xs, expert.weights.reindex(result.labels), atol=1e-12)


# -- ranking ----------------------------------------------------------------------------


def test_ranking_plot_puts_best_on_top_with_scores_and_ranks(cj):
    result = cj["ranking"]
    fig = plot_ranking(result)
    assert_png(fig)
    ax = fig.axes[0]
    order = result.order()
    assert yticks(ax) == [f"{result.ranks[a]}. {a}" for a in order]
    assert ax.yaxis_inverted()  # first tick (best) drawn on top
    np.testing.assert_allclose([b.get_width() for b in bars(ax)], result.scores[order])
    assert [t.get_text().strip() for t in ax.texts] == [f"{result.scores[a]:.3f}" for a in order]
    assert ax.get_yticklabels()[0].get_fontweight() == "bold"
    assert "higher is better" in ax.get_xlabel()
    # the method and its options in words, never as option strings (issue 12)
    assert flat(ax.get_title()) == "TOPSIS ranking (vector normalisation, zero range: ignore)"


def test_ranking_plot_of_a_lower_is_better_method_says_so(cj):
    result = cj["analysis"].rank(method="vikor")
    fig = plot_ranking(result)
    assert "lower is better" in fig.axes[0].get_xlabel()
    assert yticks(fig.axes[0])[0] == f"1. {result.best}"


@settings(max_examples=10)
@given(data=st.data())
def test_ranking_plot_law_bars_follow_the_ranking(data):
    model = data.draw(models(max_alternatives=6, max_criteria=4))
    weights = data.draw(weight_vectors(len(model.criteria)))
    result = topsis(model, weights)
    fig = plot_ranking(result)
    ax = fig.axes[0]
    widths = np.array([b.get_width() for b in bars(ax)])
    assert np.all(np.diff(widths) <= 1e-12)  # best (highest) score first, then down
    assert [int(t.split(".")[0]) for t in yticks(ax)] == sorted(result.ranks)


# -- one-at-a-time sensitivity ----------------------------------------------------------


def test_weight_sensitivity_grid_has_a_panel_per_criterion_and_marks_thresholds(cj):
    result, th = cj["oat"], cj["thresholds"]
    fig = plot_weight_sensitivity(result, thresholds=th)
    assert_png(fig)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [flat(ax.get_title()) for ax in panels] == list(cj["model"].criterion_names)
    assert (
        "One-at-a-time weight sensitivity (TOPSIS; the other weights change in proportion)"
        in texts(fig)
    )
    legend = [flat(t.get_text()) for t in fig.legends[0].get_texts()]
    assert f"{result.base.best} (current top)" in legend
    assert "rank-reversal threshold" in legend
    for ax, name in zip(panels, cj["model"].criterion_names, strict=True):
        row = th.criteria.loc[name]
        expected = sorted(v for v in (row["decrease_to"], row["increase_to"]) if np.isfinite(v))
        dashed = sorted(
            line.get_xdata()[0]
            for line in ax.get_lines()
            if line.get_linestyle() == "--" and to_hex(line.get_color()) == VERMILLION
        )
        np.testing.assert_allclose(dashed, expected, atol=1e-12)
        dotted = [line.get_xdata()[0] for line in ax.get_lines() if line.get_linestyle() == ":"]
        np.testing.assert_allclose(dotted, [cj["weights"][name]], atol=1e-12)


def test_weight_sensitivity_single_criterion_draws_every_path_and_names_the_taker(cj):
    result, th = cj["oat"], cj["thresholds"]
    fig = plot_weight_sensitivity(result, thresholds=th, criterion="joint innovation")
    assert_png(fig)
    (ax,) = fig.axes
    assert ax.get_title() == "joint innovation"
    scores = result.scores_frame().xs("joint innovation", level="criterion")
    solid = [line for line in ax.get_lines() if line.get_linestyle() in ("-", "--", "-.", ":")]
    curves = [line for line in solid if len(line.get_xdata()) == len(scores)]
    assert len(curves) == len(cj["model"].alternatives)
    drawn = sorted(tuple(np.round(c.get_ydata(), 12)) for c in curves)
    expected = sorted(tuple(np.round(scores[a].to_numpy(), 12)) for a in scores.columns)
    assert drawn == expected
    row = th.criteria.loc["joint innovation"]
    label = [t.get_text() for t in ax.texts]
    assert label == [f" {row['decrease_to']:.3f} → {_wrap(row['new_top_if_decreased'], 22, 1)}"]


def test_weight_sensitivity_on_given_axes_returns_their_figure(cj):
    fig = Figure()
    left, right = fig.subplots(1, 2)
    out = plot_weight_sensitivity(cj["oat"], criterion="common problems", ax=right)
    assert out is fig
    assert right.get_title() == "common problems" and not left.get_lines()
    sub = Figure().subfigures(1, 2)[1]
    inner = sub.add_subplot()
    assert plot_ranking(cj["ranking"], ax=inner) is sub.figure


def test_weight_sensitivity_errors_name_the_culprit(cj):
    model, weights, result = cj["model"], cj["weights"], cj["oat"]
    with pytest.raises(UnknownNameError, match=r"'no such criterion'.*varied"):
        plot_weight_sensitivity(result, criterion="no such criterion")
    fig = Figure()
    with pytest.raises(PathchoiceError, match=r"criterion=.*varied 9"):
        plot_weight_sensitivity(result, ax=fig.add_subplot())
    equal = weight_sensitivity(model, weights, scheme="equal")
    with pytest.raises(PathchoiceError, match=r"proportional.*scheme='equal'"):
        plot_weight_sensitivity(equal, thresholds=cj["thresholds"])
    other = weight_thresholds(model, np.full(9, 1 / 9))
    with pytest.raises(PathchoiceError, match=r"other weights"):
        plot_weight_sensitivity(result, thresholds=other)
    vikor = weight_thresholds(model, weights, method="vikor")
    with pytest.raises(PathchoiceError, match=r"'vikor'.*'topsis'"):
        plot_weight_sensitivity(result, thresholds=vikor)
    with pytest.raises(ResultTypeError, match=r"thresholds: result must be a ThresholdResult"):
        plot_weight_sensitivity(result, thresholds=result)
    with pytest.raises(ResultTypeError, match=r"must be a WeightSensitivityResult.*ThresholdR"):
        plot_weight_sensitivity(cj["thresholds"])


# -- thresholds tornado -----------------------------------------------------------------


def test_thresholds_tornado_spans_decrease_to_increase_most_sensitive_first(cj):
    th = cj["thresholds"]
    fig = plot_thresholds(th)
    assert_png(fig)
    ax = fig.axes[0]
    table = th.criteria
    w = table["weight"]
    distance = np.fmin((table["increase_to"] - w).abs(), (w - table["decrease_to"]).abs())
    expected_order = list(distance.fillna(np.inf).sort_values(kind="stable").index)
    assert yticks(ax) == expected_order
    assert expected_order[0] == "relief of social dilemmas"  # nearest reversal: +0.04
    rects = bars(ax)
    assert len(rects) == 2 * len(table)
    for k, name in enumerate(expected_order):
        down, up = rects[2 * k], rects[2 * k + 1]
        lo = table.loc[name, "decrease_to"]
        hi = table.loc[name, "increase_to"]
        np.testing.assert_allclose(down.get_x(), lo if np.isfinite(lo) else 0.0, atol=1e-12)
        np.testing.assert_allclose(down.get_x() + down.get_width(), w[name], atol=1e-12)
        np.testing.assert_allclose(up.get_x(), w[name], atol=1e-12)
        np.testing.assert_allclose(up.get_x() + up.get_width(), hi if np.isfinite(hi) else 1.0)
        # an open side (no reversal on [0, 1]) is hatched
        assert bool(down.get_hatch()) == (not np.isfinite(lo))
        assert bool(up.get_hatch()) == (not np.isfinite(hi))
    for name in set(table["new_top_if_increased"].dropna()) | set(
        table["new_top_if_decreased"].dropna()
    ):
        assert shown(fig, name), name
    assert "no reversal on [0, 1]" in texts(fig)
    assert th.top in flat(ax.get_title())


def test_thresholds_tornado_rejects_other_results(cj):
    with pytest.raises(ResultTypeError, match=r"must be a ThresholdResult.*plot_weight_sensitiv"):
        plot_thresholds(cj["oat"])


# -- SMAA rank acceptability ------------------------------------------------------------


def test_rank_acceptability_stacks_each_alternatives_ranks(cj):
    result = cj["smaa"]
    fig = plot_rank_acceptability(result)
    assert_png(fig)
    ax = fig.axes[0]
    assert len(fig.axes) == 2  # the rank colour bar
    order = list(result.expected_rank.sort_values(kind="stable").index)
    assert yticks(ax) == order
    m = len(order)
    rects = bars(ax)
    assert len(rects) == m * m
    widths = np.array([r.get_width() for r in rects]).reshape(m, m).T  # [alternative, rank]
    np.testing.assert_allclose(widths, result.rank_acceptability.loc[order], atol=1e-12)
    lefts = np.array([r.get_x() for r in rects]).reshape(m, m).T
    np.testing.assert_allclose(lefts[:, 0], 0.0)
    np.testing.assert_allclose(lefts[:, 1:], np.cumsum(widths, axis=1)[:, :-1], atol=1e-12)
    assert "3,000 samples" in ax.get_title()
    b1 = result.first_rank_acceptability
    assert f"{b1[order[0]]:.0%}" in texts(fig)


def test_rank_acceptability_rejects_other_results(cj):
    with pytest.raises(ResultTypeError, match=r"must be an SMAAResult.*got RankingResult"):
        plot_rank_acceptability(cj["ranking"])


# -- ranks by method --------------------------------------------------------------------


def test_method_ranks_heatmap_annotates_every_rank(cj):
    result = cj["comparison"]
    fig = plot_method_ranks(result)
    assert_png(fig)
    ax = fig.axes[0]
    frame = result.to_frame().sort_values("consensus", kind="stable")
    xt = [flat(t.get_text()) for t in ax.get_xticklabels()]
    # the methods by their reader names (issue 12), e.g. "PROMETHEE II" for "promethee_ii"
    assert xt[:3] == ["TOPSIS", "VIKOR", "PROMETHEE II"]
    assert xt[-1] == "consensus (Copeland)" and len(xt) == len(result.methods) + 1
    assert yticks(ax) == list(frame.index)
    np.testing.assert_array_equal(ax.get_images()[0].get_array(), frame.to_numpy())
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t for t in ax.texts}
    for (i, j), v in np.ndenumerate(frame.to_numpy()):
        assert cells[(i, j)].get_text() == str(v)
    # whole ranks only on the colour bar, and rank 1 the darkest (cividis's blue end), as in
    # the rank-acceptability bars and the report (issue 12)
    bar = fig.axes[1]
    ticks = bar.get_yticks()
    np.testing.assert_array_equal(ticks, np.round(ticks))
    image = ax.get_images()[0]
    first, last = image.cmap(image.norm([1, len(frame)]))
    luminance = np.array([0.2126, 0.7152, 0.0722])
    assert first[:3] @ luminance < last[:3] @ luminance


def test_method_ranks_rejects_other_results(cj):
    with pytest.raises(ResultTypeError, match=r"must be a MethodComparison"):
        plot_method_ranks(cj["ranking"])


# -- advantage matrix -------------------------------------------------------------------


def test_advantage_matrix_grid_shows_table_4(cj):
    matrix = cj["analysis"].matrix
    fig = plot_advantage_matrix(matrix)
    assert_png(fig)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["China", "Japan", "complementarity"]
    assert yticks(ax) == [row[0] for row in TABLE_4]
    cell_text = {
        (int(t.get_position()[1]), int(t.get_position()[0])): t.get_text()
        for t in ax.texts
        if t.get_position()[0] < 2
    }
    for i, (_, china, japan) in enumerate(TABLE_4):  # Fang et al., Table 4
        assert cell_text[(i, 0)] == china
        assert cell_text[(i, 1)] == japan
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["advantage", "disadvantage", "both"]
    for label in ("China → Japan", "joint innovation", "common problem", "mixed"):
        assert label in texts(fig)
    # a "both" cell is split into the two stance colours
    from matplotlib.patches import Polygon

    halves = [to_hex(p.get_facecolor()) for p in ax.patches if isinstance(p, Polygon)]
    n_both = sum(row[1:].count("both") for row in TABLE_4)
    assert len(halves) == 2 * n_both
    assert set(halves) == {"#0072b2", "#e69f00"}


def test_advantage_matrix_rejects_an_analysis_with_a_hint(cj):
    with pytest.raises(ResultTypeError, match=r"an AdvantageMatrix.*got Analysis.*analysis.matrix"):
        plot_advantage_matrix(cj["analysis"])


# -- wrong types, output helpers, no pyplot ---------------------------------------------


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (plot_weights, "WeightsResult, HierarchyResult or GroupWeightsResult"),
        (plot_ranking, "RankingResult"),
        (plot_weight_sensitivity, "WeightSensitivityResult"),
        (plot_thresholds, "ThresholdResult"),
        (plot_rank_acceptability, "SMAAResult"),
        (plot_method_ranks, "MethodComparison"),
        (plot_advantage_matrix, "AdvantageMatrix"),
    ],
)
def test_every_plot_names_the_type_it_expected(function, expected):
    with pytest.raises(ResultTypeError, match=rf"{function.__name__}: result must be .*{expected}"):
        function({"not": "a result"})
    err = ResultTypeError("x")
    assert isinstance(err, PathchoiceError) and isinstance(err, TypeError)


def test_hint_names_the_right_plot_for_a_known_result(cj):
    with pytest.raises(ResultTypeError, match=r"got HierarchyResult.*drawn by plot_weights"):
        plot_ranking(cj["hierarchy"])


def test_wrong_ax_is_refused(cj):
    with pytest.raises(ResultTypeError, match=r"ax must be a matplotlib Axes.*got Figure"):
        plot_ranking(cj["ranking"], ax=Figure())


def test_png_and_data_uri(cj):
    fig = plot_ranking(cj["ranking"])
    png = figure_to_png(fig)
    uri = figure_to_data_uri(fig)
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1])[:8] == png[:8]
    with pytest.raises(ResultTypeError, match=r"fig must be a matplotlib Figure.*got str"):
        figure_to_png("figure")


def test_missing_matplotlib_names_the_plot_extra(cj, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ImportError, match="reinstall pathchoice"):
        plot_ranking(cj["ranking"])


def test_module_imports_without_matplotlib(monkeypatch):
    # pymcdm imports matplotlib already, so import a fresh copy of the package with it blocked
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    for name in [
        m for m in sys.modules if m.startswith(("pathchoice.study.plots", "pathchoice.plotting"))
    ]:
        monkeypatch.delitem(sys.modules, name)
    module = importlib.import_module("pathchoice.study.plots")
    with pytest.raises(ImportError, match="reinstall pathchoice"):
        module.plot_ranking(china_japan().rank())


def test_plots_leave_pyplot_alone(cj):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    figure_to_png(plot_ranking(cj["ranking"]))
    plot_thresholds(cj["thresholds"])
    assert plt.get_fignums() == before


# -- long labels --------------------------------------------------------------------------

words = st.lists(st.text(alphabet="abcdefghij-()", min_size=1, max_size=12), max_size=12)


@given(words=words, width=st.integers(12, 40), lines=st.integers(1, 3))
def test_wrap_law_keeps_lines_short_and_text_whole_unless_cut(words, width, lines):
    text = " ".join(words)
    out = _wrap(text, width, lines)
    rows = out.split("\n")
    assert len(rows) <= max(lines, 1)
    assert all(len(r) <= width for r in rows)
    if "…" in out and "…" not in text:
        assert out.endswith("…")
        assert flat(out)[:-2] in flat(text)
    else:
        assert flat(out) == flat(text)


def test_plot_study_draws_what_the_run_has():
    from pathchoice.study.plots import STUDY_FIGURES, plot_study
    from pathchoice.study.run import run

    full = plot_study(run(china_japan(), n_samples=300))
    assert list(full) == list(STUDY_FIGURES)
    names = china_japan().criterion_names
    given = run(
        china_japan(),
        weights=dict.fromkeys(names, 1 / len(names)),
        n_samples=300,
        sections=["ranking", "thresholds"],
    )
    assert list(plot_study(given)) == [
        "advantage_matrix",
        "ranking",
        "thresholds",
        "weight_sensitivity",
    ]
    with pytest.raises(ResultTypeError, match="plot_study: expected a StudyResult"):
        plot_study(china_japan())
