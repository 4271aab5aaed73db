"""The ``pathchoice`` command line (also ``python -m pathchoice``).

Commands (``pathchoice COMMAND --help`` shows each one's options and an example):

``rank`` (the default)
    The criteria weights with their consistency, then the ranking.
``weights``
    The AHP hierarchy: local and global weights and consistency ratios.
``sensitivity``
    The plain-language robustness summary and the weight thresholds.
``compare``
    The ranks given by several methods and their consensus.
``report``
    A self-contained HTML report (:func:`pathchoice.study.report.write_report`).
``validate``
    Check a model file and report what it holds.
``init``
    Write a commented template model file to start from.

With no model file the commands work on the embedded China–Japan model
(:func:`pathchoice.china_japan`). With no command, ``pathchoice [MODEL] [options]``
is ``pathchoice rank [MODEL] [options]``.

Tables print readably in a terminal (``--format table``) or as CSV and JSON
(``--format csv|json``; JSON is a list of records) that load straight into
pandas with :func:`pandas.read_csv` and :func:`pandas.read_json`. ``--output``
writes to a file (atomically) instead of standard output.

Bad input (a missing or malformed model file, an unknown criterion, method,
scenario or set, weights that do not sum to 1) prints one line
``pathchoice: error: ...`` to standard error and exits with status 2; no
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import math
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pandas as pd

from ..exceptions import PathchoiceError, UnknownNameError, WeightsError
from .labels import method_name, thresholds_frame, weights_frame

if TYPE_CHECKING:
    from ..ahp import HierarchyResult
    from .analysis import Analysis
    from .run import StudyResult

__all__ = [
    "COMMANDS",
    "FORMATS",
    "CommandError",
    "build_parser",
    "main",
    "parse_weights",
    "text_table",
]

#: The sub-commands, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "rank",
    "weights",
    "sensitivity",
    "compare",
    "report",
    "validate",
    "init",
)
#: Output formats of the table-producing commands.
FORMATS: tuple[str, ...] = ("table", "csv", "json")

#: Exit status of bad input (the same as argparse's usage errors).
EXIT_ERROR = 2
#: Exit status of ``validate --strict`` when the model has warnings.
EXIT_WARNINGS = 1

_TEMPLATE = "template.toml"
_SENSITIVITY_TABLES = ("thresholds", "smaa", "facts")


class CommandError(PathchoiceError):
    """A command-line problem that is neither a model nor a weights problem."""


# -- argument parsing ------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line naming the command, and a pointer to its help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse ``type=`` reading a whole number of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
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
        parent.add_argument("model", help="the model file to check (TOML, pathchoice-model/1)")
    else:
        parent.add_argument(
            "model",
            nargs="?",
            help="a model file (TOML, pathchoice-model/1); default: the embedded China–Japan model",
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
    return parent


def _method_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--method",
        default="topsis",
        metavar="NAME",
        help="ranking method: topsis (default) or a pymcdm method such as vikor, "
        "promethee_ii, copras, spotis, waspas, edas, mabac",
    )
    return parent


def _weights_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--weights",
        nargs="+",
        metavar="NAME=VALUE",
        help="use these criterion weights instead of the AHP weights; criteria not named "
        "keep their AHP weight, and all weights must still sum to 1 "
        '(e.g. --weights "joint innovation=0.12" "common problems=0.12")',
    )
    return parent


def _sampling_options(default: int = 10_000) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--samples",
        type=_positive_int,
        default=default,
        metavar="N",
        help=f"weight vectors sampled for SMAA (default: {default:,})",
    )
    parent.add_argument(
        "--seed",
        type=_seed,
        default=0,
        metavar="N",
        help="random seed; the same seed gives the same numbers (default: 0)",
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
        "source of every score. It needs no network to view; the plots need matplotlib "
        "(pip install 'pathchoice[plot]').",
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
    from .. import __version__

    parser = _Parser(
        prog="pathchoice",
        description=textwrap.fill(_DESCRIPTION, 79),
        epilog=_TOP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pathchoice {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def add(name: str, parents: Sequence[argparse.ArgumentParser]) -> argparse.ArgumentParser:
        summary, description, epilog = _HELP[name]
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
    return parser


# -- weights given on the command line --------------------------------------------------


def _number(text: str) -> float:
    """A number or a fraction like ``1/3``; NaN if it is neither."""
    parts = text.strip().split("/")
    try:
        if len(parts) == 1:
            return float(parts[0])
        if len(parts) == 2:
            return float(parts[0]) / float(parts[1])
    except (ValueError, ZeroDivisionError):
        pass
    return math.nan


_PLURALS = {"criterion": "criteria", "alternative set": "alternative sets"}


def _unknown(kind: str, name: str, known: Sequence[str], where: str = "") -> UnknownNameError:
    lowered = {k.lower(): k for k in known}
    close = [k for k in known if k.lower().startswith(name.lower())] if name else []
    close = close or [
        lowered[k] for k in difflib.get_close_matches(name.lower(), list(lowered), n=1)
    ]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    prefix = f"{where}: " if where else ""
    plural = _PLURALS.get(kind, f"{kind}s")
    return UnknownNameError(
        f"{prefix}unknown {kind} {name!r}{hint} ({plural}: {', '.join(map(repr, known))})"
    )


def parse_weights(items: Sequence[str], base: pd.Series) -> pd.Series:
    """Weights from ``NAME=VALUE`` items; criteria not named keep their ``base`` weight.

    Parameters
    ----------
    items : sequence of str
        ``"criterion=value"``; a value is a number or a fraction such as ``1/3``.
    base : pandas.Series
        The current weight of every criterion (index: criterion names), summing to 1.

    Returns
    -------
    pandas.Series
        ``base`` with the named weights replaced, named ``"weight"``.

    Raises
    ------
    WeightsError
        An item is not ``NAME=VALUE``, a value is not a number, a criterion is
        named twice, a weight is negative, or the weights do not sum to 1.
    UnknownNameError
        An unknown criterion (the message suggests the closest name).

    Examples
    --------
    >>> base = pd.Series({"cost": 0.5, "quality": 0.3, "speed": 0.2})
    >>> parse_weights(["cost=0.4", "quality=0.4"], base).tolist()
    [0.4, 0.4, 0.2]
    >>> parse_weights(["cost=0.6"], base)
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.WeightsError: --weights: the weights must sum to 1 (got 1.1: ...
    """
    from ..weights import SUM_TOLERANCE, check_weights

    names = [str(n) for n in base.index]
    given: dict[str, float] = {}
    for item in items:
        name, sep, value_text = item.rpartition("=")
        name = name.strip()
        if not sep or not name:
            hint = ""
            if item.endswith(".toml") or os.path.exists(item):
                hint = "; put the model file before --weights"
            raise WeightsError(
                f"--weights: expected NAME=VALUE (a criterion and its weight), got {item!r}{hint}"
            )
        if name not in names:
            raise _unknown("criterion", name, names, "--weights")
        if name in given:
            raise WeightsError(f"--weights: criterion {name!r} is given more than once")
        value = _number(value_text)
        if not math.isfinite(value):
            raise WeightsError(
                f"--weights: the weight of {name!r} must be a number or a fraction like 1/3 "
                f"(got {value_text!r})"
            )
        if value < 0:
            raise WeightsError(
                f"--weights: the weight of {name!r} must not be negative (got {value:g})"
            )
        given[name] = value
    weights = base.astype(float).copy()
    for name, value in given.items():
        weights[name] = value
    total = math.fsum(weights.to_numpy())
    if abs(total - 1.0) > SUM_TOLERANCE:
        named = math.fsum(given.values())
        rest = len(names) - len(given)
        detail = f"{named:.6g} given"
        if rest:
            detail += (
                f" + {total - named:.6g}, the current weights of the {rest} criteria not named"
            )
        raise WeightsError(
            f"--weights: the weights must sum to 1 (got {total:.6g}: {detail}); name every "
            "criterion, or move weight between the named ones so that the total stays 1"
        )
    return pd.Series(check_weights(weights, names), index=base.index, name="weight")


# -- text output --------------------------------------------------------------------------


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 100))


def _wrap(text: str, indent: str = "") -> str:
    return "\n".join(
        textwrap.fill(p, _width(), initial_indent=indent, subsequent_indent=indent)
        for p in text.split("\n")
    )


def _cell(value: Any, fmt: Callable[[Any], str] | None) -> str:
    if fmt is not None:
        return fmt(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def text_table(
    frame: pd.DataFrame,
    formats: Mapping[str, Callable[[Any], str]] | None = None,
    *,
    gap: int = 2,
) -> str:
    """An aligned plain-text table: text left-aligned, numbers right-aligned, NaN as ``-``.

    Floats are shown to 4 places unless ``formats`` maps the column to a formatter.

    Examples
    --------
    >>> frame = pd.DataFrame({"path": ["dialogue", "pilot zones"], "score": [0.5951, 0.43]})
    >>> print(text_table(frame))
    path          score
    dialogue     0.5951
    pilot zones  0.4300
    """
    formats = dict(formats or {})
    columns = [str(c) for c in frame.columns]
    cells = [[_cell(v, formats.get(c)) for v in frame[c].tolist()] for c in columns]
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    widths = [max([len(c), *map(len, col)]) for c, col in zip(columns, cells, strict=True)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return (" " * gap).join(parts).rstrip()

    rows = [line(columns)]
    rows += [line([col[i] for col in cells]) for i in range(len(frame))]
    return "\n".join(rows)


def _header(analysis: Analysis) -> list[str]:
    meta = analysis.metadata
    lines = [meta.title]
    if meta.notice:
        lines.append(_wrap(f"Note: {meta.notice}"))
    if meta.applied_scenarios:
        lines.append(f"Scenario: {', '.join(meta.applied_scenarios)}")
    return lines


def _verdict(hr: HierarchyResult) -> str:
    if hr.is_consistent:
        return "Consistency: all judgements acceptably consistent (consistency ratio <= 0.1)."
    return (
        f"Consistency: the judgements at {list(hr.inconsistent_nodes)} are inconsistent "
        "(consistency ratio > 0.1); revise them before relying on the weights."
    )


def _weights_text(study: StudyResult) -> list[str]:
    hr = study.hierarchy
    if hr is None:
        weights = study.weights
        frame = pd.DataFrame({"criterion": list(weights.index), "weight": weights.to_numpy()})
        return ["Criteria weights (given with --weights)", text_table(frame)]
    method = hr.options.get("method", "eigenvector")
    return [
        f"Criteria weights (AHP, {method}; CR = consistency ratio of a node's judgements)",
        text_table(weights_frame(hr)),
        _verdict(hr),
    ]


def _ranking_text(study: StudyResult) -> list[str]:
    ranking = study.ranking
    better = "higher" if ranking.higher_is_better else "lower"
    frame = study.to_frame().reset_index()[["rank", "alternative", "score"]]
    lines = [
        f"{study.method_name} ranking of {study.alternative_set!r} (1 = best; {better} score "
        "is better)",
        text_table(frame),
    ]
    lines += [_wrap(f"Finding: {f}") for f in ranking.findings]
    return lines


# -- machine output and writing -----------------------------------------------------------


def _machine(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    return frame.to_json(orient="records", force_ascii=False, indent=2, double_precision=15) + "\n"


def _emit(args: argparse.Namespace, text: str) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if args.output:
        from .files import write_atomic

        path = write_atomic(args.output, text)
        print(f"wrote {path}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _written(path: Path, seconds: float | None = None) -> str:
    """``path`` and, for a regular file, its size (and the time taken, if given)."""
    details = []
    with contextlib.suppress(OSError):
        if path.is_file():
            details.append(f"{path.stat().st_size / 1024:,.0f} KB")
    if seconds is not None:
        details.append(f"in {seconds:.1f} s")
    return f"{path} ({' '.join(details)})" if details else str(path)


def _output(args: argparse.Namespace, text: Callable[[], str], frame: pd.DataFrame) -> None:
    _emit(args, text() if args.format == "table" else _machine(frame, args.format))


# -- commands ---------------------------------------------------------------------------


def _load(args: argparse.Namespace) -> Analysis:
    """The model named on the command line (or the embedded one), its options checked."""
    from .datasets import china_japan
    from .modelfile import load_model
    from .run import check_method, scenario_names

    analysis = china_japan() if args.model is None else load_model(args.model)
    scenario_names(getattr(args, "scenario", None), analysis, where="--scenario")
    if getattr(args, "method", None) is not None:
        check_method(args.method, where="--method")
    set_name = getattr(args, "alternative_set", None)
    if set_name is not None and set_name not in analysis.set_names:
        raise _unknown("alternative set", set_name, analysis.set_names, "--set")
    return analysis


def _study(args: argparse.Namespace, analysis: Analysis, **options: Any) -> StudyResult:
    """The study run the command shows: :func:`pathchoice.study.run.run` with its options."""
    from .run import run

    weights = None
    if getattr(args, "weights", None):
        base = analysis
        for name in args.scenario or ():
            base = base.with_scenario(name)
        weights = parse_weights(args.weights, base.weights().global_weights)
    return run(
        analysis,
        alternative_set=getattr(args, "alternative_set", None),
        scenario=getattr(args, "scenario", None),
        method=options.pop("method", None) or getattr(args, "method", None) or "topsis",
        weights=weights,
        n_samples=getattr(args, "samples", 10_000),
        rng=getattr(args, "seed", 0),
        **options,
    )


def _cmd_rank(args: argparse.Namespace) -> int:
    study = _study(args, _load(args), sections=("ranking",))
    frame = study.to_frame().reset_index()

    def text() -> str:
        lines = _header(study.analysis)
        lines += ["", *_weights_text(study), ""]
        lines += _ranking_text(study)
        return "\n".join(lines)

    _output(args, text, frame[["alternative", "score", "rank"]])
    return 0


def _cmd_weights(args: argparse.Namespace) -> int:
    study = _study(args, _load(args), sections=("ranking",))
    hr = study.hierarchy

    def text() -> str:
        return "\n".join([*_header(study.analysis), "", *_weights_text(study)])

    _output(args, text, hr.to_frame())  # type: ignore[union-attr]
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    study = _study(args, _load(args))
    summary = study.summary
    if args.table == "thresholds":
        frame = summary.thresholds.criteria  # type: ignore[union-attr]
        frame = frame.reset_index() if "criterion" not in frame.columns else frame.copy()
    elif args.table == "smaa":
        frame = summary.smaa.to_frame()  # type: ignore[union-attr]
        frame = frame.rename_axis("alternative").reset_index()
    else:
        frame = summary.to_frame()
        frame["value"] = [
            ", ".join(map(str, v)) if isinstance(v, tuple) else v for v in frame["value"]
        ]

    def text() -> str:
        lines = _header(study.analysis)
        lines += [
            "",
            f"Robustness of the {study.method_name} ranking of {study.alternative_set!r} "
            f"({args.samples:,} sampled weight vectors, seed {args.seed})",
            "",
        ]
        lines += [_wrap(p) + "\n" for p in summary.sentences.values()]
        if args.table == "thresholds":
            view = thresholds_frame(summary.thresholds)
            for column in ("then first", "then first "):
                view[column] = ["-" if v is None or v != v else v for v in view[column]]
            lines += [
                _wrap(
                    "Weight thresholds: the weight of one criterion at which the top path "
                    f"{summary.top!r} loses first place (the other weights rescaled in "
                    "proportion; '-' = never, on [0, 1])"
                ),
                text_table(view),
            ]
        elif args.table == "smaa":
            smaa = summary.smaa
            view = smaa.to_frame().iloc[:, :4]  # type: ignore[union-attr]
            view = view.sort_values("expected_rank", kind="stable")
            view = view.rename_axis("alternative").reset_index()
            view.columns = ["alternative", "first (share)", "± SE", "expected rank", "± SE "]
            lines += [
                f"SMAA-2 over {smaa.n_samples:,} weight vectors",  # type: ignore[union-attr]
                text_table(view),
            ]
        else:
            lines += [text_table(frame.astype({"value": str}))]
        return "\n".join(lines)

    _output(args, text, frame)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from ..sensitivity.compare import DEFAULT_METHODS
    from .run import check_method

    methods = list(args.methods) if args.methods else list(DEFAULT_METHODS)
    for method in methods:
        check_method(method, where="--methods")
    study = _study(
        args,
        _load(args),
        method=methods[0],
        sections=("ranking", "methods"),
        methods=methods,
        consensus=args.consensus,
    )
    comparison: Any = study.summary.comparison
    frame = comparison.to_frame().sort_values("consensus", kind="stable")
    frame = frame.rename_axis("alternative").reset_index()

    def text() -> str:
        reference = comparison.methods[0]
        rs = comparison.spearman.loc[reference].drop(reference)
        lines = _header(study.analysis)
        lines += [
            "",
            f"Ranks of {study.alternative_set!r} by {len(comparison.methods)} methods "
            f"(1 = best) and their {args.consensus.capitalize()} consensus",
            text_table(frame, dict.fromkeys(comparison.methods, str)),
            "",
            _wrap(
                f"Spearman correlation with {method_name(reference)}'s ranking: "
                + ", ".join(f"{method_name(m)} {v:.2f}" for m, v in rs.items())
                + "."
            ),
        ]
        lines += [_wrap(f"Finding: {f}") for f in comparison.findings]
        return "\n".join(lines)

    _output(args, text, frame)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    import time

    from .report import write_report

    start = time.perf_counter()
    study = _study(args, _load(args))
    path = write_report(study, args.output)
    seconds = time.perf_counter() - start
    print(f"wrote {_written(path, seconds)}; open it in a web browser")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .modelfile import load_model

    analysis = load_model(args.model)
    warnings: list[str] = []
    hr = analysis.weights()
    if not hr.is_consistent:
        warnings.append(
            f"inconsistent judgements (consistency ratio > 0.1) at nodes "
            f"{list(hr.inconsistent_nodes)}"
        )
    for name in analysis.scenario_names:
        scenario_hr = analysis.with_scenario(name).weights()
        if not scenario_hr.is_consistent:
            warnings.append(
                f"scenario {name!r}: inconsistent judgements at nodes "
                f"{list(scenario_hr.inconsistent_nodes)}"
            )
    for set_name in analysis.set_names:
        flat = analysis.decision_model(set_name).zero_range_criteria()
        if len(flat):
            warnings.append(
                f"set {set_name!r}: criteria {list(flat)} give every alternative the same "
                "score, so they cannot change the ranking"
            )
    criteria = analysis.criteria
    n_cost = sum(c.direction == "cost" for c in criteria)
    scores = analysis.performance
    spec = analysis.hierarchy_spec
    lines = [
        f"{args.model}: OK",
        f"  title:            {analysis.metadata.title}",
        f"  criteria:         {len(criteria)} ({len(criteria) - n_cost} benefit, {n_cost} cost)",
        "  alternative sets: "
        + ", ".join(f"{s.name} ({len(s.alternatives)})" for s in analysis.alternative_sets),
        f"  scenarios:        {', '.join(analysis.scenario_names) or '(none)'}",
        f"  hierarchy:        {len(spec.nodes)} nodes, {len(spec.judgements)} judgements, "
        f"{len(spec.weights)} direct weights; "
        + ("consistent" if hr.is_consistent else "INCONSISTENT"),
        f"  scores:           {len(scores)} ({sum(bool(s.reason) for s in scores)} with a "
        f"reason, {sum(bool(s.source) for s in scores)} with a source)",
    ]
    if analysis.matrix is not None:
        m = analysis.matrix
        lines.append(f"  matrix:           {len(m.area_names)} areas × {len(m.parties)} parties")
    if analysis.cases:
        lines.append(f"  cases:            {len(analysis.cases)}")
    print("\n".join(lines))
    for warning in warnings:
        print(_wrap(f"warning: {warning}"))
    return EXIT_WARNINGS if warnings and args.strict else 0


def _cmd_init(args: argparse.Namespace) -> int:
    from .datasets import china_japan_text
    from .files import write_atomic

    path = Path(args.path)
    if path.exists() and not args.force:
        raise CommandError(f"{path}: the file already exists; use --force to overwrite it")
    if path.is_dir():
        raise CommandError(
            f"{path}: is a directory; give a file name such as {path / 'model.toml'}"
        )
    if args.example:
        text = china_japan_text()
        what = "the China–Japan model"
    else:
        text = resources.files("pathchoice.study").joinpath("data", _TEMPLATE).read_text("utf-8")
        what = "a template model"
    write_atomic(path, text)
    print(f"wrote {path}: {what}. Edit it, then run:")
    print(f"  pathchoice validate {path}")
    print(f"  pathchoice rank {path}")
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "rank": _cmd_rank,
    "weights": _cmd_weights,
    "sensitivity": _cmd_sensitivity,
    "compare": _cmd_compare,
    "report": _cmd_report,
    "validate": _cmd_validate,
    "init": _cmd_init,
}


# -- entry point --------------------------------------------------------------------------


def _with_command(argv: list[str]) -> list[str]:
    """``argv`` with ``rank`` put first when no command is given."""
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        return argv
    first = argv[0] if argv else ""
    looks_like_a_command = (
        first and not first.startswith("-") and "." not in first and not os.path.exists(first)
    )
    if looks_like_a_command:
        close = difflib.get_close_matches(first, COMMANDS, n=1)
        if close:
            raise CommandError(
                f"unknown command {first!r}; did you mean {close[0]!r}? (commands: "
                f"{', '.join(COMMANDS)})"
            )
    return ["rank", *argv]


def _readable_output() -> None:
    """Never fail on a character the terminal cannot encode (names like 'China–Japan')."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``pathchoice`` command; return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 2 on bad input (one message on standard error), 1 for
        ``validate --strict`` with warnings.

    Examples
    --------
    >>> main(["rank", "--set", "modes", "--format", "csv"])  # doctest: +ELLIPSIS
    alternative,score,rank
    Joint innovation of platform services,0.82...,1
    ...
    0
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    _readable_output()
    try:
        args = build_parser().parse_args(_with_command(args_list))
        return _COMMANDS[args.command](args)
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:  # e.g. `pathchoice compare | head`: stop quietly
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (PathchoiceError, OSError) as exc:
        print(f"pathchoice: error: {_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("pathchoice: interrupted", file=sys.stderr)
        return 130
