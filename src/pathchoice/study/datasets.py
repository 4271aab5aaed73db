"""Models shipped with pathchoice, ready to rank.

:func:`china_japan` is the embedded default: the digital economy cooperation
paths between China and Japan, built from Fang, Li, Song, Chen & Fan, "Policy
Assessment and Path Choice of Digital Economy Cooperation between China and
Japan" (see ``docs/china-japan.md``). It is read from the package data file
``pathchoice/study/data/china_japan_v2.toml`` (version 2, the default;
version 1 is ``china_japan.toml``), a model file like any other: copy it
(:func:`china_japan_text`), edit it, and load it with
:func:`pathchoice.study.modelfile.load_model`.

The scores and AHP judgements in it are illustrative judgements read from the
paper; the model's ``metadata.notice`` says so, and users replace them.
"""

from __future__ import annotations

import functools
from importlib import resources

from ..exceptions import ArgumentError
from .analysis import Analysis
from .modelfile import loads_model

__all__ = ["china_japan", "china_japan_text"]

#: The file of each version of the China–Japan model.
_CHINA_JAPAN = {1: "china_japan.toml", 2: "china_japan_v2.toml"}


def _version(version: object) -> str:
    if isinstance(version, bool) or version not in _CHINA_JAPAN:
        raise ArgumentError(
            f"china_japan: version must be one of {sorted(_CHINA_JAPAN)} (got {version!r})"
        )
    return _CHINA_JAPAN[version]  # type: ignore[index]


def china_japan_text(version: int = 2) -> str:
    """The text of the China–Japan model file (comments included), to copy and edit.

    ``version=1`` gives the file of version 1 (``docs/china-japan.md``).

    Examples
    --------
    >>> china_japan_text().splitlines()[0]
    '# pathchoice model file; the schema is described in docs/model-file.md'
    """
    return (
        resources.files("pathchoice.study")
        .joinpath("data", _version(version))
        .read_text(encoding="utf-8")
    )


@functools.cache
def china_japan(version: int = 2) -> Analysis:
    """The China–Japan reference model, ready to rank.

    Parameters
    ----------
    version : {1, 2}, default 2
        Version 2 itemises Table 4, keeps the indicators as worded, divides the
        paths as Section 6 does (thirteen), adds exposure to 5.3 and four
        feasibility criteria, gives every score a range and weighs by an expert
        panel of three judgement sets (``docs/china-japan.md``). Version 1 is
        the first reading: one stance per Table 4 cell, twelve paths, nine
        criteria, one judgement set.

    Returns
    -------
    Analysis
        The advantage/disadvantage matrix of Table 4, the challenges of
        Section 5, the paths of Section 6 (set ``"paths"``) and the nine modes
        of Table 6 (set ``"modes"``), the cases of Table 5, illustrative scores
        and AHP judgements with reasons, and the scenarios
        (``"relations-deteriorate"``, ``"rcep-deepens"``, ``"ageing-first"``;
        version 2 adds ``"detente-2022"``). Version 2 also holds the score
        ranges, the expert panel and the analysis settings. The object is
        immutable, so the same instance is returned on every call.

    Examples
    --------
    >>> model = china_japan()
    >>> model.set_names
    ('paths', 'modes')
    >>> len(model.alternative_set("paths").alternatives), len(model.criteria)
    (13, 14)
    >>> model.scenario_names
    ('relations-deteriorate', 'rcep-deepens', 'ageing-first', 'detente-2022')
    >>> v1 = china_japan(version=1)
    >>> len(v1.alternative_set("paths").alternatives), len(v1.criteria)
    (12, 9)

    References
    ----------
    .. [1] Fang, Z., Li, J., Song, R., Chen, Y. and Fan, Y. "Policy Assessment and
       Path Choice of Digital Economy Cooperation between China and Japan".
    """
    name = _version(version)
    return loads_model(china_japan_text(version), source=f"pathchoice/study/data/{name}")
