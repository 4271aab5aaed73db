"""Writing model files: the document of the format this version writes, then a safe write."""

from __future__ import annotations

import os
from pathlib import Path

import tomli_w

from ...exceptions import ModelFileError
from ..analysis import Analysis
from ..files import write_atomic
from ._v1 import write_v1
from ._v2 import needs_v2, write_v2

__all__ = ["dumps_model", "save_model"]

_HEADER = "# pathchoice model file; the schema is described in docs/model-file.md\n"


def dumps_model(analysis: Analysis) -> str:
    """The text of the model file of ``analysis`` (deterministic: no timestamps).

    Examples
    --------
    >>> import pandas as pd
    >>> from pathchoice.study.analysis import Analysis
    >>> from pathchoice.study.modelfile import loads_model
    >>> frame = pd.DataFrame({"price": [3.0, 4.0]}, index=["A", "B"])
    >>> a = Analysis.from_frame(frame, directions="cost", title="two shops")
    >>> loads_model(dumps_model(a)) == a
    True
    """
    if not isinstance(analysis, Analysis):
        raise ModelFileError(
            f"save_model expects an Analysis (got {type(analysis).__name__}); build one with "
            "Analysis.from_frame or load_model"
        )
    write = write_v2 if needs_v2(analysis) else write_v1
    return _HEADER + tomli_w.dumps(write(analysis))


def save_model(analysis: Analysis, path: str | os.PathLike[str]) -> Path:
    """Write ``analysis`` to ``path`` safely and return the path.

    The file is written with :func:`~pathchoice.study.files.write_atomic`: a
    regular file (or the target of a symbolic link) is replaced atomically —
    the text goes to a temporary file beside it, flushed to disk, then moved
    over it, so that if anything fails the old file is left untouched and keeps
    its permission bits; a device or a pipe is written directly.

    Raises
    ------
    ModelFileError
        ``analysis`` is not an :class:`~pathchoice.study.analysis.Analysis`.
    WriteError
        ``path`` is a directory, or a device or pipe refused the text.
    OSError
        The directory is not writable or the disk is full (the old file survives).
    """
    text = dumps_model(analysis)
    return write_atomic(path, text)
