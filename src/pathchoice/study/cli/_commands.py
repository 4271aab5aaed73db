"""The commands: each loads the model, runs the study once and prints what it shows."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..labels import method_name, thresholds_frame
from ._import import cmd_import, new_file
from ._parser import EXIT_WARNINGS, TEMPLATE, CommandError
from ._portfolio import cmd_portfolio, resources_line
from ._text import header, output, ranking_text, text_table, weights_text, wrap, written
from ._weights import parse_weights, unknown_name

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..run import StudyResult

__all__ = [
    "COMMAND_FUNCTIONS",
    "load",
    "study_of",
]


def load(args: argparse.Namespace) -> Analysis:
    """The model named on the command line (or the embedded one), its options checked."""
    from ..datasets import china_japan
    from ..modelfile import load_model
    from ..run import check_method, scenario_names
    from ..settings import judgement_sets, use_judgements

    analysis = china_japan() if args.model is None else load_model(args.model)
    judgements = getattr(args, "judgements", None)
    if judgements is not None:
        known = judgement_sets(analysis)
        if judgements not in known:
            raise unknown_name("judgement set", judgements, known, "--judgements")
        analysis = use_judgements(analysis, judgements)
    scenario_names(getattr(args, "scenario", None), analysis, where="--scenario")
    if getattr(args, "method", None) is not None:
        check_method(args.method, where="--method")
    set_name = getattr(args, "alternative_set", None)
    if set_name is not None and set_name not in analysis.set_names:
        raise unknown_name("alternative set", set_name, analysis.set_names, "--set")
    return analysis


def study_of(args: argparse.Namespace, analysis: Analysis, **options: Any) -> StudyResult:
    """The study run the command shows: :func:`pathchoice.study.run.run` with its options."""
    from ..run import run

    weights = None
    if getattr(args, "weights", None):
        base = analysis
        for name in args.scenario or ():
            base = base.with_scenario(name)
        notes: list[str] = []
        weights = parse_weights(args.weights, base.weights().global_weights, notes=notes)
        for note in notes:
            print(wrap(f"note: {note}"), file=sys.stderr)
    if getattr(args, "seed", None) is not None:  # else the model file's seed, else 0
        options["rng"] = args.seed
    return run(
        analysis,
        alternative_set=getattr(args, "alternative_set", None),
        scenario=getattr(args, "scenario", None),
        method=options.pop("method", None) or getattr(args, "method", None),
        weights=weights,
        n_samples=getattr(args, "samples", None),
        **options,
    )


def _cmd_rank(args: argparse.Namespace) -> int:
    study = study_of(args, load(args), sections=("ranking",), portfolio=False)
    frame = study.to_frame().reset_index()

    def text() -> str:
        lines = header(study.analysis)
        lines += ["", *weights_text(study), ""]
        lines += ranking_text(study)
        return "\n".join(lines)

    output(args, text, frame[["alternative", "score", "rank"]])
    return 0


def _cmd_weights(args: argparse.Namespace) -> int:
    study = study_of(args, load(args), sections=("ranking",), portfolio=False)
    hr = study.hierarchy

    def text() -> str:
        return "\n".join([*header(study.analysis), "", *weights_text(study)])

    output(args, text, hr.to_frame())  # type: ignore[union-attr]
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    study = study_of(args, load(args), portfolio=False)  # it shows no portfolio
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
        lines = header(study.analysis)
        lines += [
            "",
            f"Robustness of the {study.method_name} ranking of {study.alternative_set!r} "
            f"({study.settings['n_samples']:,} sampled weight vectors, "
            f"seed {study.settings['rng']})",
            "",
        ]
        lines += [wrap(p) + "\n" for p in summary.sentences.values()]
        lines += [wrap(f"Finding: {f}") + "\n" for f in study.findings]
        if args.table == "thresholds":
            view = thresholds_frame(summary.thresholds)
            for column in ("then first", "then first "):
                view[column] = ["-" if v is None or v != v else v for v in view[column]]
            lines += [
                wrap(
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

    output(args, text, frame)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from ...sensitivity.compare import DEFAULT_METHODS
    from ..run import check_method

    methods = list(args.methods) if args.methods else list(DEFAULT_METHODS)
    for method in methods:
        check_method(method, where="--methods")
    study = study_of(
        args,
        load(args),
        method=methods[0],
        sections=("ranking", "methods"),
        methods=methods,
        consensus=args.consensus,
        portfolio=False,
    )
    comparison: Any = study.summary.comparison
    if comparison is None:
        raise CommandError(" ".join(study.findings))
    frame = comparison.to_frame().sort_values("consensus", kind="stable")
    frame = frame.rename_axis("alternative").reset_index()

    def text() -> str:
        reference = comparison.methods[0]
        rs = comparison.spearman.loc[reference].drop(reference)
        lines = header(study.analysis)
        lines += [
            "",
            f"Ranks of {study.alternative_set!r} by {len(comparison.methods)} methods "
            f"(1 = best) and their {args.consensus.capitalize()} consensus",
            text_table(frame, dict.fromkeys(comparison.methods, str)),
            "",
            wrap(
                f"Spearman correlation with {method_name(reference)}'s ranking: "
                + ", ".join(f"{method_name(m)} {v:.2f}" for m, v in rs.items())
                + "."
            ),
        ]
        lines += [wrap(f"Finding: {f}") for f in (*study.findings, *comparison.findings)]
        return "\n".join(lines)

    output(args, text, frame)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    import time

    from ..report import write_report

    start = time.perf_counter()
    study = study_of(args, load(args))
    path = write_report(study, args.output)
    seconds = time.perf_counter() - start
    print(f"wrote {written(path, seconds)}; open it in a web browser", file=_note_stream(path))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..analysis import hierarchy_records
    from ..findings import counted, judgement_findings, member_findings, study_findings
    from ..modelfile import load_model

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
    tree = analysis.hierarchy_tree
    judgements, direct = hierarchy_records(tree)
    lines = [
        f"{args.model}: OK",
        f"  title:            {analysis.metadata.title}",
        f"  criteria:         {len(criteria)} ({len(criteria) - n_cost} benefit, {n_cost} cost)",
        "  alternative sets: "
        + ", ".join(f"{s.name} ({len(s.alternatives)})" for s in analysis.alternative_sets),
        f"  scenarios:        {', '.join(analysis.scenario_names) or '(none)'}",
        f"  hierarchy:        {counted(len(tree.node_names), 'node')}, "
        f"{counted(len(judgements), 'judgement')}, "
        f"{counted(len(direct), 'direct weight')}; "
        + ("consistent" if hr.is_consistent else "INCONSISTENT"),
        f"  scores:           {len(scores)} ({sum(bool(s.reason) for s in scores)} with a "
        f"reason, {sum(bool(s.source) for s in scores)} with a source)",
    ]
    if analysis.matrix is not None:
        m = analysis.matrix
        lines.append(f"  matrix:           {len(m.area_names)} areas × {len(m.parties)} parties")
    if analysis.cases:
        lines.append(f"  cases:            {len(analysis.cases)}")
    if analysis.resources is not None:
        lines.append(f"  resources:        {resources_line(analysis.resources)}")
    found, cautions = study_findings(analysis)
    lines.extend(found)
    warnings.extend(cautions)
    base_lines, base_warnings = judgement_findings(hr)
    lines.extend(base_lines)
    warnings.extend(base_warnings)
    warnings.extend(member_findings(analysis))
    for name in analysis.scenario_names:  # what a scenario's judgements add
        scenario_hr = analysis.with_scenario(name).weights()
        plain = judgement_findings(scenario_hr)
        named = judgement_findings(scenario_hr, where=f"scenario {name!r}: ")
        lines.extend(n for p, n in zip(plain[0], named[0], strict=True) if p not in base_lines)
        warnings.extend(
            n for p, n in zip(plain[1], named[1], strict=True) if p not in base_warnings
        )
    # the first line names the file: never wrapped, so a long path stays whole (textwrap
    # broke it at a hyphen, e.g. inside pytest-xdist's "popen-gw0")
    lines[1:] = [textwrap.fill(line, 79, subsequent_indent=" " * 20) for line in lines[1:]]
    if warnings:
        lines[0] += f", with {counted(len(warnings), 'warning')} (below)"
    print("\n".join(lines))
    for warning in warnings:
        print(wrap(f"warning: {warning}"))
    return EXIT_WARNINGS if warnings and args.strict else 0


def _cmd_init(args: argparse.Namespace) -> int:
    from ..datasets import china_japan_text
    from ..files import write_atomic

    path = new_file(args.path, args.force)
    if args.example:
        text = china_japan_text()
        what = "the China–Japan model"
    else:
        text = resources.files("pathchoice.study").joinpath("data", TEMPLATE).read_text("utf-8")
        what = "a template model"
    write_atomic(path, text)
    stream = _note_stream(path)
    print(f"wrote {path}: {what}. Edit it, then run:", file=stream)
    print(f"  pathchoice validate {path}", file=stream)
    print(f"  pathchoice rank {path}", file=stream)
    return 0


def _note_stream(path: Path) -> Any:
    """Where to say what was written: standard output, unless the file itself went there.

    A report or template written to ``/dev/stdout`` or a pipe must not have the
    note mixed into it, so the note then goes to standard error.
    """
    return sys.stdout if path.is_file() else sys.stderr


COMMAND_FUNCTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "rank": _cmd_rank,
    "weights": _cmd_weights,
    "sensitivity": _cmd_sensitivity,
    "compare": _cmd_compare,
    "portfolio": cmd_portfolio,
    "report": _cmd_report,
    "validate": _cmd_validate,
    "init": _cmd_init,
    "import": cmd_import,
}
