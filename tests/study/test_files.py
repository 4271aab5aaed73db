"""Writes that respect what is at a path (issue 9, class 2).

Every device is made inside a temporary directory with ``os.mknod`` (root only;
the test is skipped otherwise); the system's own ``/dev`` is never touched.
"""

from __future__ import annotations

import os
import stat
import threading

import pytest

from pathchoice import china_japan
from pathchoice.exceptions import PathchoiceError
from pathchoice.study.cli import main
from pathchoice.study.files import WriteError, write_atomic
from pathchoice.study.modelfile import dumps_model, load_model, save_model
from pathchoice.study.report import write_report

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="os.mknod of a device needs root")


def _device(tmp_path, name: str, major: int, minor: int):
    path = tmp_path / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except PermissionError:  # root without CAP_MKNOD (some containers)
        pytest.skip("os.mknod is not permitted here")
    return path


def _reader(path, out: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as handle:
            out.append(handle.read())

    thread = threading.Thread(target=read)
    thread.start()
    return thread


def test_a_new_and_an_existing_regular_file(tmp_path):
    path = tmp_path / "out.txt"
    assert write_atomic(path, "one\n") == path
    assert path.read_text() == "one\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    os.chmod(path, 0o600)
    write_atomic(path, "two\n")
    assert path.read_text() == "two\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_symlink_is_followed_and_stays_a_link(tmp_path):
    target = tmp_path / "real" / "model.toml"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    assert save_model(china_japan(), link) == link
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == dumps_model(china_japan())
    assert load_model(link) == china_japan()
    # no temporary file left beside the link or the target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "real"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["model.toml"]


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "new.txt")
    write_atomic(link, "made")
    assert link.is_symlink()
    assert (tmp_path / "new.txt").read_text() == "made"


def test_a_fifo_is_written_directly(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = _reader(fifo, got)
    write_atomic(fifo, "through the pipe\n")
    thread.join(timeout=10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not a regular file


def test_the_cli_writes_a_report_into_a_fifo(tmp_path, capsys):
    fifo = tmp_path / "report.html"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = _reader(fifo, got)
    assert main(["report", "--html", str(fifo), "--samples", "200"]) == 0
    thread.join(timeout=30)
    assert got[0].startswith(b"<!DOCTYPE html>")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    captured = capsys.readouterr()
    assert captured.out == ""  # the note is not mixed into what went down the pipe
    assert captured.err.startswith(f"wrote {fifo} (in ") and "KB" not in captured.err


@needs_root
def test_a_null_device_stays_a_device(tmp_path, capsys):
    null = _device(tmp_path, "null", 1, 3)
    assert save_model(china_japan(), null) == null
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert main(["rank", "--format", "csv", "-o", str(null)]) == 0
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert main(["init", str(null), "--force"]) == 0
    assert stat.S_ISCHR(os.stat(null).st_mode)
    write_report(china_japan(), null, n_samples=100, plots=False)
    assert stat.S_ISCHR(os.stat(null).st_mode)


@needs_root
def test_a_full_device_is_a_library_error(tmp_path, capsys):
    full = _device(tmp_path, "full", 1, 7)
    with pytest.raises(
        WriteError, match=r"full: could not write to it \(No space left on device\)"
    ):
        save_model(china_japan(), full)
    with pytest.raises(PathchoiceError, match="No space left"):
        write_report(china_japan(), full, n_samples=100, plots=False)
    capsys.readouterr()
    assert main(["rank", "-o", str(full)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert main(["report", "--html", str(full), "--samples", "100"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_directory_is_refused_clearly(tmp_path, capsys):
    with pytest.raises(WriteError, match=r": is a directory; give a file name such as"):
        save_model(china_japan(), tmp_path)
    with pytest.raises(WriteError, match=r"is a directory"):
        write_report(china_japan(), tmp_path, n_samples=100, plots=False)
    for argv in (
        ["rank", "-o", str(tmp_path)],
        ["report", "--html", str(tmp_path), "--samples", "100"],
        ["init", str(tmp_path)],
        ["init", str(tmp_path), "--force"],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("pathchoice: error:") and err.count("\n") == 1, argv
        assert "is a directory" in err, argv
    assert list(tmp_path.iterdir()) == []


def test_not_a_path(tmp_path):
    with pytest.raises(WriteError, match="expected a file name or path"):
        write_atomic(3, "x")  # type: ignore[arg-type]
