"""Writing files safely: the one place that writes what pathchoice saves.

:func:`write_atomic` respects what is already at the path:

* a regular file (or nothing yet) is replaced atomically: the data goes to a
  temporary file in the same directory, is flushed to disk and moved over the
  target with :func:`os.replace`, so a reader sees the old file or the new one,
  never half of one; the file keeps its permission bits;
* a symbolic link is followed: the file it points to is replaced atomically
  and the link stays a link;
* anything else that can be written — a character device such as ``/dev/null``,
  a FIFO, ``/dev/stdout`` — is written directly (a device cannot be replaced by
  a file), and an error while writing (``No space left on device``) becomes a
  :class:`WriteError` naming the path;
* a directory is refused with a :class:`WriteError` saying so.

``save_model``, ``write_report`` and the command line's ``-o``/``--html`` and
``init`` all write through it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ..exceptions import PathchoiceError

__all__ = ["WriteError", "write_atomic"]


class WriteError(PathchoiceError):
    """A file could not be written where it was asked for: a directory, or a device that failed.

    The message names the path and what went wrong; ``errno`` is the operating
    system's error number when there was one.
    """

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8"
) -> Path:
    """Write ``data`` to ``path`` safely and return the path as given.

    Text is written with ``encoding`` and ``"\\n"`` line ends, bytes as they
    are. A regular file is replaced atomically (through a temporary file and
    :func:`os.replace`; if anything fails the temporary file is removed and the
    old file is left as it was); a symbolic link is followed and its target
    replaced the same way; a device or FIFO is written directly; a directory is
    refused. A new file gets mode ``0o644``, an existing one keeps its mode.

    Raises
    ------
    WriteError
        ``path`` is a directory, or writing to a device or FIFO failed (e.g. no
        space left on it).
    OSError
        The file system refused the atomic write of a regular file (the
        directory does not exist or is not writable, the disk is full); the old
        file survives.

    Examples
    --------
    >>> from tempfile import TemporaryDirectory
    >>> with TemporaryDirectory() as tmp:
    ...     write_atomic(Path(tmp, "out.bin"), b"\\x00\\x01").read_bytes()
    b'\\x00\\x01'
    >>> with TemporaryDirectory() as tmp:
    ...     write_atomic(tmp, "text")
    Traceback (most recent call last):
    ...
    pathchoice.study.files.WriteError: ...: is a directory; give a file name such as .../report.html
    """
    if not isinstance(path, str | os.PathLike):
        raise WriteError(f"expected a file name or path to write to, got {type(path).__name__}")
    given = Path(path)
    try:
        info = os.stat(given)  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(
            f"{given}: cannot write there ({exc.strerror or exc})", exc.errno
        ) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteError(
            f"{given}: is a directory; give a file name such as {given / 'report.html'}"
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_directly(given, data, encoding)
        return given
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    _replace_atomically(target, data, encoding, None if info is None else info.st_mode & 0o777)
    return given


def _open(path: Path, data: str | bytes, encoding: str, fd: int | None = None):  # type: ignore[no-untyped-def]
    target: int | Path = path if fd is None else fd
    if isinstance(data, bytes):
        return open(target, "wb")  # closed by the caller's with
    return open(target, "w", encoding=encoding, newline="\n")


def _write_directly(path: Path, data: str | bytes, encoding: str) -> None:
    """Write to a device, FIFO or other non-regular file that cannot be replaced by a file."""
    try:
        with _open(path, data, encoding) as handle:
            handle.write(data)
            handle.flush()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WriteError(f"{path}: could not write to it ({reason})", exc.errno) from None


def _replace_atomically(target: Path, data: str | bytes, encoding: str, mode: int | None) -> None:
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with _open(target, data, encoding, fd) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 if mode is None else mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
