"""``pathchoice portfolio``: which paths to fund within a budget, and how robust that choice is.

The model's ``[resources]`` section gives each path's cost, the budget and the
rules; ``--budget`` and ``--min-per-group`` change them for this run. The
command runs the study once (:func:`pathchoice.study.run.run`) and prints what
its portfolio says: the best set of paths within the budget, the rules, how often
each path is in the best set under sampled weights, and the most frequent best
sets. The csv and json formats give the per-path table.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from ...exceptions import ArgumentError, ModelError
from ..labels import method_name
from ._text import header, output, text_table, wrap

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..resources import Resources

__all__ = ["PORTFOLIO_HELP", "add_portfolio_options", "cmd_portfolio", "resources_line"]

#: The command's one-line summary, description and examples (as ``_parser`` lists them).
PORTFOLIO_HELP = (
    "which paths to fund within a budget, and how robust that choice is",
    "Choose the set of paths of greatest total score that the budget and the rules of the "
    "model's [resources] section allow (solved exactly), then say how often each path is in "
    "the best set when the weights (and, if the model says so, the scores) are drawn at "
    "random, and which sets are best most often. --budget and --min-per-group change the "
    "model's budget and group minimums for this run. The csv and json formats give one "
    "record per path.",
    """\
examples:
  pathchoice portfolio
  pathchoice portfolio --budget 25
  pathchoice portfolio --budget 15 --min-per-group society=2 --samples 20000
  pathchoice portfolio my-model.toml --format csv -o portfolio.csv
""",
)


def resources_line(res: Resources) -> str:
    """What a model's resources hold, in one line (for ``pathchoice validate``)."""
    units = "; ".join(
        f"{u.name}, budget {u.budget:g} {u.unit}".rstrip()
        if u.budget is not None
        else f"{u.name}, no budget"
        for u in res.units
    )
    return (
        f"{units} for the {len(res.frame())} alternatives of {res.alternative_set!r}; "
        f"{len(res.requires)} requirements, {len(res.groups)} groups"
    )


def _amount(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}")
    return value


def add_portfolio_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the options of ``pathchoice portfolio`` to its sub-parser."""
    parser.add_argument(
        "--budget",
        type=_amount,
        metavar="AMOUNT",
        help="the budget (default: the model's); of the first resource unless --resource",
    )
    parser.add_argument(
        "--resource",
        metavar="NAME",
        help="the resource --budget is for (default: the model's first, e.g. cost)",
    )
    parser.add_argument(
        "--min-per-group",
        nargs="+",
        metavar="GROUP=K",
        help="fund at least K paths of the model's group GROUP (e.g. society=2)",
    )
    return parser


def _minimums(items: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        name, sep, k = item.rpartition("=")
        if not sep or not name.strip() or not k.strip().isdigit():
            raise ArgumentError(
                f"--min-per-group: expected GROUP=K with K a whole number >= 0, got {item!r}"
            )
        out[name.strip()] = int(k)
    return out


def _with_options(analysis: Analysis, args: argparse.Namespace) -> tuple[Analysis, Resources]:
    res = analysis.resources
    if res is None:
        raise ModelError(
            "the model has no costs: add a [resources] section with each path's cost and the "
            "budget (see the model-file documentation) to choose a portfolio"
        )
    if args.budget is not None:
        res = res.with_budget(args.budget, args.resource)
    elif args.resource is not None:
        raise ArgumentError("--resource names the resource of --budget; give --budget too")
    if args.min_per_group:
        res = res.with_minimums(_minimums(args.min_per_group))
    return replace(analysis, resources=res), res


def cmd_portfolio(args: argparse.Namespace) -> int:
    """Run ``pathchoice portfolio``."""
    from ._commands import load, study_of

    analysis, res = _with_options(load(args), args)
    chosen = analysis.alternative_set(args.alternative_set).name
    if chosen != res.alternative_set:
        raise ModelError(
            f"the model's costs are for the set {res.alternative_set!r}, not {chosen!r}; "
            f"use --set {res.alternative_set}"
        )
    study = study_of(args, analysis, sections=("ranking",))
    result = study.portfolio
    if result is None:
        for finding in study.findings:
            if finding.startswith("No portfolio was chosen: "):
                raise ModelError(finding.removeprefix("No portfolio was chosen: ").rstrip("."))
        raise ArgumentError(
            f"--method: {study.method_name} scores are better when lower, and a portfolio adds "
            "scores up; choose a method whose higher scores are better (e.g. topsis)"
        )
    frame = result.to_frame().rename_axis("path").reset_index()
    frame = frame.rename(columns={"value": "score", "in best": "funded"})

    def text() -> str:
        budgets = ", ".join(
            f"{limit:g} {res.resource(name).unit or name}" for name, limit in res.budgets.items()
        )
        lines = header(study.analysis)
        lines += [
            "",
            wrap(
                f"Portfolio of {study.alternative_set!r} within the budget ({budgets or 'none'}), "
                f"valued by {method_name(study.method)}; {study.settings['n_samples']:,} sampled "
                f"weight vectors, seed {study.settings['rng']}"
            ),
            "",
        ]
        if "notice" in result.sentences:
            lines += [wrap(f"Note: {result.sentences['notice']}"), ""]
        lines += [wrap(result.sentences[k]) + "\n" for k in ("best", "rules")]
        view = frame.copy()
        view["funded"] = ["yes" if v else "" for v in view["funded"]]
        view = view.drop(columns=["share_se"]).rename(columns={"share": "in best set (share)"})
        view = view.sort_values(["funded", "in best set (share)"], ascending=False, kind="stable")
        formats = {"score": _three, "in best set (share)": _share}
        formats.update(dict.fromkeys(res.resource_names, _amount_text))
        lines += [text_table(view, formats), ""]
        lines += [wrap(result.sentences[k]) + "\n" for k in ("robustness", "frequent")]
        return "\n".join(lines).rstrip() + "\n"

    output(args, text, frame)
    return 0


def _amount_text(value: float) -> str:
    return f"{value:g}"


def _three(value: float) -> str:
    return f"{value:.3f}"


def _share(value: float) -> str:
    return "-" if pd.isna(value) else f"{100 * value:.1f}%"
