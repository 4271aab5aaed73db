"""Model files: one human-editable TOML file holds a whole analysis.

The schema (``format = "pathchoice-model/1"``) is documented in
``docs/model-file.md``. Files are read with the standard library's
:mod:`tomllib` (``tomli`` on Python 3.10) and written with ``tomli-w``; every
item is one record (one table per area, alternative, criterion cell, case...),
never parallel lists, and nothing in a saved file depends on the time of saving.

* :func:`load_model` / :func:`loads_model` read and check a file; any problem
  raises :class:`~pathchoice.exceptions.ModelFileError` whose message names the
  file, the location and the problem, e.g.
  ``model.toml: performance.paths."Data pilot zones".infrastructure: expected a
  number, got 'high'``. TOML syntax errors are re-raised the same way, with the
  line and column. A file larger than :data:`MAX_BYTES` (16 MB) or nested deeper
  than :data:`MAX_DEPTH` is refused before it is parsed.
* :func:`save_model` / :func:`dumps_model` write an analysis; ``load_model(save_model(a))
  == a``. Saving is safe (:func:`~pathchoice.study.files.write_atomic`): a file is
  replaced atomically, a symbolic link is followed, a device or pipe is written
  directly; if anything fails the old file is left as it was.

How the code is laid out (each a private module of this package):

``_read`` / ``_write``
    :func:`loads_model`, :func:`load_model`, :func:`dumps_model`,
    :func:`save_model`; ``_read.READERS`` maps each ``format`` string to its reader.
``_limits``
    :data:`MAX_BYTES`, :data:`MAX_DEPTH` and their checks.
``_base``
    the checked reading of TOML values (``Reader``) and the record schema shared
    by reader and writer.
``_v1``
    format 1: which sections, in which order; each section is read and written by
    ``_alternatives`` (metadata, criteria, sets, performance), ``_evidence``
    (matrix, challenges), ``_judgements`` (hierarchy, scenarios) and ``_cases``.

A new format adds its own section modules and a ``_v2`` module, and registers its
reader in ``_read.READERS`` (and its writer in ``_write``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._limits import MAX_BYTES, MAX_DEPTH
from ._read import FORMAT, SUPPORTED_FORMATS, load_model, loads_model

if TYPE_CHECKING:
    from ._write import dumps_model, save_model

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "SUPPORTED_FORMATS",
    "dumps_model",
    "load_model",
    "loads_model",
    "save_model",
]

for _name in ("load_model", "loads_model"):  # documented under this name
    globals()[_name].__module__ = __name__
del _name


def __getattr__(name: str) -> object:
    # The writer (tomli_w) is imported on first use: reading a model needs none of it.
    if name in {"dumps_model", "save_model"}:
        from ._write import dumps_model, save_model

        value = {"dumps_model": dumps_model, "save_model": save_model}[name]
        value.__module__ = __name__  # documented under this name
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
