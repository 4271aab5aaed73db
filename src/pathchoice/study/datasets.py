"""Models shipped with pathchoice, ready to rank.

:func:`china_japan` is the embedded default: the digital economy cooperation
paths between China and Japan, built from Fang, Li, Song, Chen & Fan, "Policy
Assessment and Path Choice of Digital Economy Cooperation between China and
Japan" (see ``docs/china-japan.md``). It is read from the package data file
``pathchoice/data/china_japan.toml``, a model file like any other: copy it
(:func:`china_japan_text`), edit it, and load it with
:func:`pathchoice.study.modelfile.load_model`.

The scores and AHP judgements in it are illustrative judgements read from the
paper; the model's ``metadata.notice`` says so, and users replace them.
"""

from __future__ import annotations

import functools
from importlib import resources

from .analysis import Analysis
from .modelfile import loads_model

__all__ = ["china_japan", "china_japan_text"]

_CHINA_JAPAN = "china_japan.toml"


def china_japan_text() -> str:
    """The text of the China–Japan model file (comments included), to copy and edit.

    Examples
    --------
    >>> china_japan_text().splitlines()[0]
    '# pathchoice model file; the schema is described in docs/model-file.md'
    """
    return (
        resources.files("pathchoice.study")
        .joinpath("data", _CHINA_JAPAN)
        .read_text(encoding="utf-8")
    )


@functools.cache
def china_japan() -> Analysis:
    """The China–Japan reference model, ready to rank.

    Returns
    -------
    Analysis
        The advantage/disadvantage matrix of Table 4, the challenges of
        Section 5, the twelve paths of Section 6 (set ``"paths"``) and the nine
        modes of Table 6 (set ``"modes"``), the cases of Table 5, illustrative
        scores and AHP judgements with reasons, and three scenarios
        (``"relations-deteriorate"``, ``"rcep-deepens"``, ``"ageing-first"``).
        The object is immutable, so the same instance is returned on every call.

    Examples
    --------
    >>> model = china_japan()
    >>> model.set_names
    ('paths', 'modes')
    >>> len(model.alternative_set("paths").alternatives), len(model.criteria)
    (12, 9)
    >>> model.scenario_names
    ('relations-deteriorate', 'rcep-deepens', 'ageing-first')

    References
    ----------
    .. [1] Fang, Z., Li, J., Song, R., Chen, Y. and Fan, Y. "Policy Assessment and
       Path Choice of Digital Economy Cooperation between China and Japan".
    """
    return loads_model(china_japan_text(), source=f"pathchoice/data/{_CHINA_JAPAN}")
