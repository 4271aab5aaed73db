"""Writing files atomically: the one place that does temp file + fsync + :func:`os.replace`."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8"
) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    ``data`` goes to a temporary file in the same directory (text with
    ``encoding`` and ``"\\n"`` line ends, bytes as they are), is flushed to
    disk and moved over ``path`` with :func:`os.replace`; if anything fails
    the temporary file is removed and an existing ``path`` is left as it was.
    An existing file keeps its permission bits; a new one gets ``0o644``.
    Errors of the file system (:class:`OSError`) propagate after that clean-up.

    >>> from tempfile import TemporaryDirectory
    >>> with TemporaryDirectory() as tmp:
    ...     write_atomic(Path(tmp, "out.bin"), b"\\x00\\x01").read_bytes()
    b'\\x00\\x01'
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        if isinstance(data, bytes):
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline="\n")
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
