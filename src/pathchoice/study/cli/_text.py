"""What the commands print: readable tables and text, CSV and JSON, files written."""

from __future__ import annotations

import argparse
import contextlib
import math
import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..labels import weights_frame

if TYPE_CHECKING:
    from ...ahp import HierarchyResult
    from ..analysis import Analysis
    from ..run import StudyResult

__all__ = [
    "emit",
    "header",
    "machine",
    "output",
    "ranking_text",
    "text_table",
    "verdict",
    "weights_text",
    "width",
    "wrap",
    "written",
]


def width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 100))


def wrap(text: str, indent: str = "") -> str:
    return "\n".join(
        textwrap.fill(
            p,
            width(),
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        )
        for p in text.split("\n")
    )


def cell(value: Any, fmt: Callable[[Any], str] | None) -> str:
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
    cells = [[cell(v, formats.get(c)) for v in frame[c].tolist()] for c in columns]
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


def header(analysis: Analysis) -> list[str]:
    meta = analysis.metadata
    lines = [meta.title]
    if meta.notice:
        lines.append(wrap(f"Note: {meta.notice}"))
    if meta.applied_scenarios:
        lines.append(f"Scenario: {', '.join(meta.applied_scenarios)}")
    return lines


def verdict(hr: HierarchyResult) -> str:
    if hr.is_consistent:
        return "Consistency: all judgements acceptably consistent (consistency ratio <= 0.1)."
    return (
        f"Consistency: the judgements at {list(hr.inconsistent_nodes)} are inconsistent "
        "(consistency ratio > 0.1); revise them before relying on the weights."
    )


def weights_text(study: StudyResult) -> list[str]:
    hr = study.hierarchy
    if hr is None:
        weights = study.weights
        frame = pd.DataFrame({"criterion": list(weights.index), "weight": weights.to_numpy()})
        return ["Criteria weights (given with --weights)", text_table(frame)]
    from ..settings import judgements_in_words

    method = hr.options.get("method", "eigenvector")
    return [
        f"Criteria weights (AHP, {method}; CR = consistency ratio of a node's judgements)",
        wrap(f"Judgements: {judgements_in_words(study.analysis)}."),
        text_table(weights_frame(hr)),
        verdict(hr),
    ]


def ranking_text(study: StudyResult) -> list[str]:
    ranking = study.ranking
    better = "higher" if ranking.higher_is_better else "lower"
    frame = study.to_frame().reset_index()[["rank", "alternative", "score"]]
    lines = [
        f"{study.method_name} ranking of {study.alternative_set!r} (1 = best; {better} score "
        "is better)",
        text_table(frame),
    ]
    lines += [wrap(f"Finding: {f}") for f in ranking.findings]
    return lines


# -- machine output and writing -----------------------------------------------------------


def machine(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    return frame.to_json(orient="records", force_ascii=False, indent=2, double_precision=15) + "\n"


def emit(args: argparse.Namespace, text: str) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if args.output:
        from ..files import write_atomic

        path = write_atomic(args.output, text)
        print(f"wrote {path}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def written(path: Path, seconds: float | None = None) -> str:
    """``path`` and, for a regular file, its size (and the time taken, if given)."""
    details = []
    with contextlib.suppress(OSError):
        if path.is_file():
            details.append(f"{path.stat().st_size / 1024:,.0f} KB")
    if seconds is not None:
        details.append(f"in {seconds:.1f} s")
    return f"{path} ({' '.join(details)})" if details else str(path)


def output(args: argparse.Namespace, text: Callable[[], str], frame: pd.DataFrame) -> None:
    emit(args, text() if args.format == "table" else machine(frame, args.format))
