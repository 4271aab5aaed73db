"""Bounded model files (issue 9, class 4): a size limit and a nesting limit, each a
ModelFileError naming the file; the command line prints one line and exits 2."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from pathchoice import china_japan
from pathchoice.exceptions import ModelFileError
from pathchoice.study.cli import main
from pathchoice.study.datasets import china_japan_text
from pathchoice.study.modelfile import MAX_BYTES, MAX_DEPTH, load_model, loads_model

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_the_limits_are_what_the_docs_say():
    assert MAX_BYTES == 16 * 1024 * 1024
    assert MAX_DEPTH == 100
    # the embedded model is far inside both
    assert len(china_japan_text().encode("utf-8")) < MAX_BYTES / 100
    assert loads_model(china_japan_text()) == china_japan()


def test_a_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path, capsys):
    path = tmp_path / "huge.toml"
    with open(path, "wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(
        ModelFileError, match=r"huge\.toml: the file is larger than the limit of 16 MB"
    ):
        load_model(path)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "larger than the limit of 16 MB" in err


def test_a_file_at_the_size_limit_is_read(tmp_path):
    text = china_japan_text()
    path = tmp_path / "padded.toml"
    path.write_text(text + "#" * (MAX_BYTES - len(text.encode("utf-8"))), encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES
    assert load_model(path) == china_japan()


def test_an_endless_pipe_is_read_only_up_to_the_limit(tmp_path):
    fifo = tmp_path / "endless.toml"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        chunk = b"#" * 65536
        try:
            with open(fifo, "wb") as handle:
                while not stop.is_set():
                    handle.write(chunk)
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    with pytest.raises(ModelFileError, match=r"endless\.toml: the file is larger than the limit"):
        load_model(fifo)
    stop.set()
    thread.join(timeout=10)


@pytest.mark.skipif(not IS_ROOT, reason="os.mknod of a device needs root")
def test_a_zero_device_is_refused(tmp_path, capsys):
    zero = tmp_path / "zero"
    try:
        os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("os.mknod is not permitted here")
    with pytest.raises(ModelFileError, match=r"zero: the file is larger than the limit"):
        load_model(zero)
    assert main(["validate", str(zero)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("x = " + "[" * 100_000 + "]" * 100_000, "100,000 nested brackets"),
        ("x = " + "{a = " * 5_000 + "1" + "}" * 5_000, "5,000 nested inline tables"),
        ("x = " + "[" * 100_000, "100,000 unclosed brackets"),
        ("x = " + "[{a = " * 3_000, "mixed and unclosed"),
    ],
)
def test_deep_nesting_is_refused_before_parsing(tmp_path, capsys, text, what):
    with pytest.raises(
        ModelFileError,
        match=rf"deep\.toml: arrays and inline tables are nested more than {MAX_DEPTH}",
    ):
        loads_model(text, source="deep.toml")
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2, what
    err = capsys.readouterr().err
    assert err.startswith("pathchoice: error:") and err.count("\n") == 1


def test_nesting_up_to_the_limit_is_a_toml_question_not_a_limit():
    deep = "x = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH
    with pytest.raises(ModelFileError, match="missing; expected format") as info:
        loads_model(deep, source="ok.toml")
    assert "nested" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        'title = "' + "[" * 500 + '"',  # brackets in a basic string
        "title = '" + "{" * 500 + "'",  # in a literal string
        'title = """\n' + "[" * 500 + '\n"""',  # in a multi-line string
        "a = 1 # " + "[" * 500,  # in a comment
        'title = "a \\" ' + "[" * 500 + '"',  # after an escaped quote
    ],
)
def test_brackets_in_strings_and_comments_do_not_count(text):
    with pytest.raises(ModelFileError, match="missing; expected format") as info:
        loads_model(text, source="s.toml")
    assert "nested" not in str(info.value)
