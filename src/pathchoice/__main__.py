"""The main job: ``python -m pathchoice`` ranks a model's paths and prints the result.

With no model file it ranks the embedded China–Japan digital economy cooperation
paths: it prints the criteria weights of the AHP hierarchy with their consistency,
then the ranking with scores.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from .exceptions import PathchoiceError

EPILOG = """examples:
  python -m pathchoice                               # the embedded China–Japan paths
  python -m pathchoice --set modes                   # the nine Table 6 cooperation modes
  python -m pathchoice --scenario relations-deteriorate
  python -m pathchoice my-model.toml --method vikor
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathchoice",
        description="Rank the alternatives of a pathchoice model (default: the embedded "
        "China–Japan model) and print the weights and the ranking.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("model", nargs="?", help="a model file (TOML, pathchoice-model/1)")
    parser.add_argument("--set", dest="alternative_set", help="alternative set to rank")
    parser.add_argument("--scenario", help="apply a scenario of the model by name")
    parser.add_argument("--method", default="topsis", help="ranking method (default: topsis)")
    return parser


def run(args: argparse.Namespace) -> str:
    """Build the main job's report as text."""
    from .datasets import china_japan
    from .modelfile import load_model

    analysis = china_japan() if args.model is None else load_model(args.model)
    if args.scenario:
        analysis = analysis.with_scenario(args.scenario)
    weights = analysis.weights()
    ranking = analysis.rank(args.alternative_set, args.method)
    set_name = analysis.alternative_set(args.alternative_set).name

    lines = [analysis.metadata.title or "pathchoice model"]
    if analysis.metadata.notice:
        lines.append(f"Note: {analysis.metadata.notice}")
    if args.scenario:
        lines.append(f"Scenario: {args.scenario}")
    lines += ["", "Criteria weights (AHP)", str(weights), ""]
    table = ranking.to_frame().sort_values("rank", kind="stable")
    with pd.option_context("display.width", 160, "display.max_colwidth", 80):
        lines += [
            f"{args.method.upper()} ranking of {set_name!r} (1 = best)",
            table.to_string(float_format="{:.4f}".format),
        ]
    lines += [f"Finding: {f}" for f in ranking.findings]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m pathchoice`` and the ``pathchoice`` command."""
    args = _parser().parse_args(argv)
    try:
        report = run(args)
    except (PathchoiceError, OSError) as exc:
        print(f"pathchoice: error: {exc}", file=sys.stderr)
        return 2
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
