"""Reading model files: size and nesting limits, TOML parsing, the format, then its reader."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...exceptions import ModelFileError, PathchoiceError
from ..analysis import Analysis
from ._base import Reader, show
from ._kinds import looks_like_a_table, not_a_model_file
from ._limits import check_text, read_limited
from ._v1 import FORMAT_1, read_v1
from ._v2 import FORMAT_2, read_v2

__all__ = ["FORMAT", "READERS", "SUPPORTED_FORMATS", "load_model", "loads_model"]

#: The format this version writes.
FORMAT = FORMAT_1
#: The reader of each format this version reads (a new format adds its entry here).
READERS: dict[str, Callable[[Reader, dict[str, Any]], Analysis]] = {
    FORMAT_1: read_v1,
    FORMAT_2: read_v2,
}
#: The formats this version reads.
SUPPORTED_FORMATS: tuple[str, ...] = tuple(READERS)


def _read_document(r: Reader, doc: dict[str, Any]) -> Analysis:
    if not doc:
        raise ModelFileError(
            f"{r.source}: the file is empty; expected a pathchoice model starting with "
            f'format = "{FORMAT}"'
        )
    if "format" not in doc:
        raise r.fail(("format",), f'missing; expected format = "{FORMAT}" at the top')
    fmt = doc["format"]
    if not isinstance(fmt, str):
        raise r.fail(("format",), f"expected a string, got {show(fmt)}")
    if fmt not in READERS:
        raise r.fail(
            ("format",),
            f"unsupported format {fmt!r}; this version of pathchoice reads "
            f"{list(SUPPORTED_FORMATS)}",
        )
    return READERS[fmt](r, doc)


def loads_model(text: str, *, source: str = "<string>") -> Analysis:
    """Read an analysis from the text of a model file.

    Parameters
    ----------
    text : str
        TOML text following ``docs/model-file.md``, at most
        :data:`~pathchoice.study.modelfile.MAX_BYTES` long and nested at most
        :data:`~pathchoice.study.modelfile.MAX_DEPTH` deep.
    source : str, default "<string>"
        Name used for the file in error messages.

    Raises
    ------
    ModelFileError
        Any problem, with the location and what was expected and found.

    Examples
    --------
    >>> text = '''
    ... format = "pathchoice-model/1"
    ... [metadata]
    ... title = "two shops"
    ... [criteria.price]
    ... direction = "cost"
    ... [sets.shops]
    ... alternatives = [{ name = "A" }, { name = "B" }]
    ... [performance.shops.A]
    ... price = { score = 3, reason = "list price", source = "catalogue" }
    ... [performance.shops.B]
    ... price = 4
    ... [hierarchy]
    ... root = "goal"
    ... nodes.goal.children = ["price"]
    ... '''
    >>> loads_model(text).performance_frame()
    criterion    price
    alternative
    A              3.0
    B              4.0
    >>> loads_model(text.replace("price = 4", "price = 'high'"), source="shops.toml")
    Traceback (most recent call last):
    ...
    pathchoice.exceptions.ModelFileError: shops.toml: performance.shops.B.price: expected a number, got 'high' (a score is a number or a table with score, reason and source)
    """  # noqa: E501
    if not isinstance(text, str):
        raise ModelFileError(f"{source}: expected the file's text, got {type(text).__name__}")
    check_text(text, source)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if looks_like_a_table(text):  # say what it is, not where TOML broke
            raise ModelFileError(
                f"{source}: looks like a table (CSV), not a model file; use `pathchoice "
                f"import {source} model.toml` to make one from it"
            ) from None
        raise ModelFileError(f"{source}: TOML syntax error: {exc}") from None
    except RecursionError:  # a nesting the limit's scan did not see; never a traceback
        raise ModelFileError(f"{source}: the file is nested too deeply to read") from None
    try:
        return _read_document(Reader(source), doc)
    except ModelFileError:
        raise
    except PathchoiceError as exc:
        raise ModelFileError(f"{source}: {exc}") from None


def load_model(path: str | os.PathLike[str]) -> Analysis:
    """Read an analysis from a model file (TOML, UTF-8).

    At most :data:`~pathchoice.study.modelfile.MAX_BYTES` are read, whatever
    the path names (a pipe or a device such as ``/dev/zero`` included).

    Raises
    ------
    ModelFileError
        The file cannot be read, is too large, is not UTF-8 or not TOML, or is
        malformed; the message names the file, the location and the problem.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pathchoice.study.datasets import china_japan
    >>> from pathchoice.study.modelfile import save_model
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = save_model(china_japan(), pathlib.Path(tmp) / "model.toml")
    ...     load_model(path) == china_japan()
    True
    """
    if not isinstance(path, str | os.PathLike):
        raise ModelFileError(
            f"load_model: path must be a file name or path (got {type(path).__name__} {path!r})"
        )
    path = Path(path)
    data = read_limited(path)
    other = not_a_model_file(path, data)
    if other is not None:
        raise ModelFileError(other)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelFileError(f"{path}: the file is not UTF-8 text (byte {exc.start})") from None
    return loads_model(text, source=str(path))
