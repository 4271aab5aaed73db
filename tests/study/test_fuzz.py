"""Fuzzing the two ways text gets in (issue 9, "Also"): random model-file text and random
command lines. Whatever comes in, there is never a traceback: a model file either loads or
raises ModelFileError, and the command exits with status 0 or 2 (1 only for
``validate --strict`` with warnings), printing one line on standard error when it fails."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathchoice.exceptions import ModelFileError
from pathchoice.study.analysis import Analysis
from pathchoice.study.cli import main
from pathchoice.study.modelfile import loads_model

BASE = (Path(__file__).parent / "data" / "base_model.toml").read_text(encoding="utf-8")
LINES = BASE.splitlines()
TOML_CHARS = "[]{}=,.\"'#\n abc0123456789-+_eE/:\\"
PIECES = [
    "[",
    "]",
    "{",
    "}",
    "[[",
    "]]",
    " = ",
    '"',
    "'",
    '"""',
    "\n",
    "#",
    "1/0",
    "nan",
    "inf",
    "-1",
    "0",
    "1e400",
    "true",
    "[]",
    "{}",
    '"gain"',
    '"cost"',
    '"goal"',
    "x.y",
    "\\u0000",
    "\x00",
]


@st.composite
def model_texts(draw) -> str:
    """The base model file with lines dropped, repeated, swapped or spliced with TOML debris."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["drop", "repeat", "swap", "splice", "replace"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines.append("")
        if op == "drop":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "splice":
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(PIECES)) + line[k:]
        else:
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.text(TOML_CHARS, max_size=12))
    return "\n".join(lines) + "\n"


any_text = st.one_of(
    model_texts(),
    st.text(TOML_CHARS, max_size=200),
    st.text(max_size=100),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
)


@given(text=any_text)
def test_model_file_text_loads_or_raises_a_model_file_error(text):
    try:
        analysis = loads_model(text, source="fuzz.toml")
    except ModelFileError as exc:
        message = str(exc)
        assert message.startswith("fuzz.toml: ")
        assert "Traceback" not in message
    else:
        assert isinstance(analysis, Analysis)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=any_text)
def test_validate_on_any_text_exits_0_or_2_in_one_line(text, tmp_path_factory, capsys):
    path = tmp_path_factory.mktemp("fuzz") / "model.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    assert code in (0, 2), captured.err
    if code == 2:
        assert captured.err.count("\n") == 1 and captured.err.startswith("pathchoice: error: ")
    assert "Traceback" not in captured.err


WORDS = [
    "rank",
    "weights",
    "sensitivity",
    "compare",
    "report",
    "validate",
    "init",
    "--method",
    "topsis",
    "vikor",
    "copras",
    "magic",
    "--methods",
    "--set",
    "paths",
    "modes",
    "routes",
    "--scenario",
    "rcep-deepens",
    "ageing-first",
    "war",
    "--weights",
    "joint innovation=0.5",
    "x=1",
    "=",
    "--samples",
    "--seed",
    "20",
    "0",
    "-1",
    "1e1",
    "2.5",
    "--table",
    "smaa",
    "facts",
    "thresholds",
    "--format",
    "csv",
    "json",
    "xml",
    "-o",
    "--output",
    "--html",
    "out.txt",
    "model.toml",
    "missing.toml",
    ".",
    "--consensus",
    "borda",
    "--example",
    "--force",
    "--strict",
    "--help",
    "--version",
    "-",
    "",
]
argv_lists = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=8)


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=argv_lists)
def test_any_command_line_exits_0_or_2_without_a_traceback(argv, tmp_path_factory, capsys):
    folder = tmp_path_factory.mktemp("cli")
    # keep each run cheap: sampling commands get a small sample unless one is given
    if any(a in ("sensitivity", "report") for a in argv) and "--samples" not in argv:
        argv = [*argv, "--samples", "20"]
    argv = [a for a in argv if a not in ("--help",)] if "report" in argv else argv
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.suppress(SystemExit):
            code = main(argv)
    finally:
        os.chdir(cwd)
    captured = capsys.readouterr()
    allowed = (0, 1, 2) if "--strict" in argv else (0, 2)
    assert code in allowed, (argv, captured.err)
    assert "Traceback" not in captured.err, (argv, captured.err)
    if code == 2:
        lines = captured.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(("pathchoice", "usage")), captured.err
