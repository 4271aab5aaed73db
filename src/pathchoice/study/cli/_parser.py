"""The ``pathchoice`` argument parser: commands, options, help texts and exit statuses."""

from __future__ import annotations

import argparse
import math
import textwrap
from collections.abc import Callable, Sequence
from typing import NoReturn

from ...exceptions import PathchoiceError
from ._portfolio import PORTFOLIO_HELP, add_portfolio_options

__all__ = [
    "COMMANDS",
    "EXIT_ERROR",
    "EXIT_WARNINGS",
    "FORMATS",
    "TEMPLATE",
    "CommandError",
    "Parser",
    "build_parser",
    "one_line",
]

#: The sub-commands, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "rank",
    "weights",
    "sensitivity",
    "compare",
    "portfolio",
    "report",
    "validate",
    "init",
    "import",
)
#: Output formats of the table-producing commands.
FORMATS: tuple[str, ...] = ("table", "csv", "json")

#: Exit status of bad input (the same as argparse's usage errors).
EXIT_ERROR = 2
#: Exit status of ``validate --strict`` when the model has warnings.
EXIT_WARNINGS = 1

TEMPLATE = "template.toml"
_SENSITIVITY_TABLES = ("thresholds", "smaa", "facts")


class CommandError(PathchoiceError):
    """A command-line problem that is neither a model nor a weights problem."""


# -- argument parsing ------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """Usage errors as one line naming the command, and a pointer to its help."""

    def error(self, message: str) -> NoReturn:
        text = one_line(f"{self.prog}: error: {message} (see '{self.prog} --help')")
        self.exit(EXIT_ERROR, text + "\n")


def one_line(text: str) -> str:
    """``text`` with control characters (newlines in a file name, say) escaped: one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse ``type=`` reading a whole number of at least ``minimum``.

    Written as an integer (``100000``, ``100_000``) or in scientific notation
    (``1e5``) as long as it is whole; ``1.5``, ``inf`` and ``nan`` are refused.
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                number = math.nan
            if not (math.isfinite(number) and number.is_integer()):
                raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
            value = int(number)
        if value < minimum:
            raise argparse.ArgumentTypeError(
                f"expected a number of at least {minimum}, got {value}"
            )
        return value

    return parse


_positive_int = _whole_number(1)
_seed = _whole_number(0)


def _model_options(*, required: bool = False) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    if required:
        parent.add_argument(
            "model", help="the model file to check (TOML, format pathchoice-model/1 or /2)"
        )
    else:
        parent.add_argument(
            "model",
            nargs="?",
            help="a model file (TOML, format pathchoice-model/1 or /2); default: the embedded "
            "China–Japan model",
        )
    return parent


def _choice_options(*, alternative_set: bool = True) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    if alternative_set:
        parent.add_argument(
            "--set",
            dest="alternative_set",
            metavar="NAME",
            help="the alternative set to rank (default: the model's first set)",
        )
    parent.add_argument(
        "--scenario",
        action="append",
        metavar="NAME",
        help="apply a scenario of the model (repeat to apply several, in order)",
    )
    parent.add_argument(
        "--judgements",
        metavar="NAME",
        help="whose pairwise judgements weigh the criteria: 'panel' (the model's expert "
        "panel, its judgement sets combined), 'hierarchy' (the hierarchy's own judgements) "
        "or the name of one judgement set of the panel, such as 'china-side'. Default: what "
        "the model file says; for the embedded China–Japan model, the panel of three "
        "judgement sets combined by the geometric mean of their judgements (AIJ), each set "
        "weighted equally",
    )
    return parent


def _method_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--method",
        metavar="NAME",
        help="ranking method: topsis or a pymcdm method such as vikor, promethee_ii, copras, "
        "spotis, waspas, edas, mabac (default: the model file's method, else topsis)",
    )
    return parent


def _weights_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--weights",
        nargs="+",
        metavar="NAME=VALUE",
        help="use these criterion weights instead of the AHP weights; criteria not named "
        "keep their AHP weight, and all weights must still sum to 1 (a sum within 0.01 of 1, "
        "as rounding gives, is rescaled to 1 with a note) "
        '(e.g. --weights "joint innovation=0.12" "common problems=0.12")',
    )
    return parent


def _sampling_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--samples",
        type=_positive_int,
        metavar="N",
        help="weight vectors sampled for SMAA (default: the model file's number, else 10,000)",
    )
    parent.add_argument(
        "--seed",
        type=_seed,
        metavar="N",
        help="random seed; the same seed gives the same numbers (default: the model file's "
        "seed, else 0)",
    )
    return parent


def _output_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (readable, default), csv or json (a list of records); csv and json "
        "load with pandas.read_csv / pandas.read_json",
    )
    parent.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )
    return parent


_DESCRIPTION = (
    "Multi-criteria decision support for policy path choices: AHP weights, TOPSIS and other "
    "rankings, robustness analysis, HTML reports. Without a model file every command works on "
    "the embedded China–Japan model; without a command, 'pathchoice [MODEL] [options]' ranks "
    "(the same as 'pathchoice rank')."
)

_TOP_EPILOG = """\
examples:
  pathchoice                                  # weights and TOPSIS ranking of the China–Japan paths
  pathchoice rank --set modes --method vikor  # the nine cooperation modes, ranked by VIKOR
  pathchoice sensitivity --samples 20000      # how robust is the ranking?
  pathchoice report --html report.html        # everything in one HTML file
  pathchoice init model.toml                  # start your own model from a template
  pathchoice rank model.toml --format csv -o ranking.csv

Run 'pathchoice COMMAND --help' for a command's options.
"""

_HELP: dict[str, tuple[str, str, str]] = {
    "portfolio": PORTFOLIO_HELP,
    # command: (one-line summary, description, examples)
    "rank": (
        "the criteria weights and the ranking (the default command)",
        "Rank the alternatives of a model with its AHP weights (or the weights given with "
        "--weights) and print the weights with their consistency, then the ranking. The "
        "csv and json formats give the ranking table: alternative, score, rank.",
        """\
examples:
  pathchoice rank
  pathchoice rank --set modes --scenario rcep-deepens
  pathchoice rank --method vikor --format csv -o ranking.csv
  pathchoice rank --judgements china-side
  pathchoice rank my-model.toml --weights "economic gain=1/3" "political feasibility=1/3"
""",
    ),
    "weights": (
        "the AHP weights and their consistency",
        "Print the AHP hierarchy of a model: every node's local and global weight and the "
        "consistency ratio of its pairwise judgements. The csv and json formats give one "
        "record per entry of the hierarchy.",
        """\
examples:
  pathchoice weights
  pathchoice weights --scenario relations-deteriorate
  pathchoice weights my-model.toml --format json -o weights.json
""",
    ),
    "sensitivity": (
        "how robust the ranking is, in plain language",
        "Summarise how far the ranking can be trusted: SMAA over sampled weights, the "
        "weight thresholds at which the top path loses first place, other methods, "
        "rank-reversal checks and (with AHP weights) the judgements closest to changing "
        "the top. Prints the summary and a table; --table chooses the table (the csv and "
        "json formats give that table only).",
        """\
examples:
  pathchoice sensitivity
  pathchoice sensitivity --samples 20000 --seed 1
  pathchoice sensitivity --table smaa --format csv -o smaa.csv
""",
    ),
    "compare": (
        "the ranks given by several methods, with their consensus",
        "Rank the same model with several methods and print each method's ranks and the "
        "consensus ranking (Copeland by default). The csv and json formats give the rank "
        "table: alternative, one column per method, consensus.",
        """\
examples:
  pathchoice compare
  pathchoice compare --methods topsis vikor promethee_ii --consensus borda
  pathchoice compare --set modes --format json -o ranks.json
""",
    ),
    "report": (
        "write a self-contained HTML report",
        "Write one HTML file with the advantage/disadvantage matrix, the weights and their "
        "consistency, the ranking, the robustness summary, the plots and the reason and "
        "source of every score. It needs no network to view.",
        """\
examples:
  pathchoice report --html report.html
  pathchoice report my-model.toml --set modes --samples 20000 --html modes.html
""",
    ),
    "validate": (
        "check a model file",
        "Read a model file, check it, and say what it holds: criteria, alternative sets, "
        "scenarios, the consistency of its judgements. Problems in the file are errors "
        "(exit status 2); soft problems such as inconsistent judgements are warnings "
        "(exit status 1 with --strict).",
        """\
examples:
  pathchoice validate my-model.toml
  pathchoice validate my-model.toml --strict
""",
    ),
    "init": (
        "write a commented template model file",
        "Write a small commented model file to start your own analysis from; it loads and "
        "ranks as it is. With --example, write the full China–Japan model instead.",
        """\
examples:
  pathchoice init model.toml
  pathchoice init --example china-japan.toml
""",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``pathchoice`` command, with all sub-commands."""
    from ... import __version__
    from ._import import HELP as IMPORT_HELP
    from ._import import add_import

    parser = Parser(
        prog="pathchoice",
        description=textwrap.fill(_DESCRIPTION, 79),
        epilog=_TOP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pathchoice {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def add(
        name: str,
        parents: Sequence[argparse.ArgumentParser],
        texts: tuple[str, str, str] | None = None,
    ) -> argparse.ArgumentParser:
        summary, description, epilog = texts or _HELP[name]
        return sub.add_parser(
            name,
            parents=list(parents),
            help=summary,
            description=textwrap.fill(description, 79),
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    model, output = _model_options(), _output_options()
    add(
        "rank",
        [model, _choice_options(), _method_options(), _weights_options(), output],
    )
    add("weights", [model, _choice_options(alternative_set=False), output])
    sensitivity = add(
        "sensitivity",
        [
            model,
            _choice_options(),
            _method_options(),
            _weights_options(),
            _sampling_options(),
            output,
        ],
    )
    sensitivity.add_argument(
        "--table",
        choices=_SENSITIVITY_TABLES,
        default="thresholds",
        help="thresholds (default): the weight of each criterion at which the top path loses "
        "first place; smaa: rank acceptabilities; facts: the numbers behind the summary",
    )
    compare = add("compare", [model, _choice_options(), _weights_options(), output])
    compare.add_argument(
        "--methods",
        nargs="+",
        metavar="NAME",
        help="the methods to compare (at least two; default: topsis vikor promethee_ii copras "
        "spotis waspas edas mabac)",
    )
    compare.add_argument(
        "--consensus",
        choices=("copeland", "borda"),
        default="copeland",
        help="how the rankings are combined (default: copeland)",
    )
    add_portfolio_options(
        add(
            "portfolio",
            [
                model,
                _choice_options(),
                _method_options(),
                _weights_options(),
                _sampling_options(),
                output,
            ],
        )
    )
    report = add(
        "report",
        [model, _choice_options(), _method_options(), _weights_options(), _sampling_options()],
    )
    report.add_argument(
        "--html",
        "-o",
        "--output",
        dest="output",
        required=True,
        metavar="FILE",
        help="the HTML file to write (atomically)",
    )
    validate = add("validate", [_model_options(required=True)])
    validate.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 if there are warnings (e.g. inconsistent judgements)",
    )
    init = add("init", [])
    init.add_argument(
        "path",
        nargs="?",
        default="model.toml",
        help="the file to write (default: model.toml)",
    )
    init.add_argument(
        "--example",
        action="store_true",
        help="write the full China–Japan model (with its comments) instead of the template",
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    add_import(add("import", [], IMPORT_HELP))
    return parser
