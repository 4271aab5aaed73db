"""How big and how deep a model file may be, checked before it is parsed.

A model file is read whole into memory and parsed by :mod:`tomllib`, which
recurses on nested arrays and inline tables. So that no file can exhaust memory
(``load_model("/dev/zero")``) or the interpreter's stack (100,000 nested
brackets), a file is refused with a :class:`~pathchoice.exceptions.ModelFileError`
naming it when it is larger than :data:`MAX_BYTES` or nests arrays and inline
tables deeper than :data:`MAX_DEPTH`. Real model files are far inside both: the
China–Japan model is about 60 KB and nests 3 deep.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ...exceptions import ModelFileError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "check_text", "read_limited"]

#: The largest model file read, in bytes (16 MiB).
MAX_BYTES = 16 * 1024 * 1024
#: The deepest nesting of arrays and inline tables (``[`` and ``{``) in a model file.
MAX_DEPTH = 100


def read_limited(path: Path) -> bytes:
    """The bytes of ``path``, reading at most :data:`MAX_BYTES` + 1 of them.

    Works on regular files and on anything else that can be read (a pipe, a
    device), which is never read past the limit.

    Raises
    ------
    ModelFileError
        The file cannot be read, is a directory, or is larger than the limit.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise ModelFileError(f"{path}: cannot read the file (it is a directory)") from None
    except OSError as exc:
        raise ModelFileError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise ModelFileError(
            f"{path}: the file is larger than the limit of {MAX_BYTES // (1024 * 1024)} MB for "
            "a model file"
        )
    return data


def check_text(text: str, source: str | os.PathLike[str]) -> None:
    """Refuse text longer than :data:`MAX_BYTES` or nested deeper than :data:`MAX_DEPTH`.

    The depth is counted over ``[``/``{`` and ``]``/``}`` outside strings and
    comments (table headers such as ``[a.b]`` count 1 and close on their line).
    """
    if len(text) > MAX_BYTES:
        raise ModelFileError(
            f"{source}: the text is larger than the limit of {MAX_BYTES // (1024 * 1024)} MB "
            "for a model file"
        )
    depth = 0
    quote = ""
    comment = False
    for match in _TOKENS.finditer(text):
        token = match.group()
        if comment:
            comment = token != "\n"
        elif quote:
            if token.startswith("\\"):
                if quote[0] == "'" and token[1:] == quote[0] and len(quote) == 1:
                    quote = ""  # a literal string ends at the quote after a backslash
            elif token == quote or (token == "\n" and len(quote) == 1):
                quote = ""
        elif token == "#":
            comment = True
        elif token in _QUOTES:
            quote = token
        elif token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ModelFileError(
                    f"{source}: arrays and inline tables are nested more than {MAX_DEPTH} "
                    "deep; a model file needs only a few levels"
                )
        elif token in "]}":
            depth = max(depth - 1, 0)


_QUOTES = ('"""', "'''", '"', "'")
#: What changes the nesting or the meaning of what follows: quotes, escapes, comments, brackets.
_TOKENS = re.compile(r'"""|\'\'\'|\\.|["\'#\[\]{}\n]', re.S)
