"""The exceptions pathchoice raises for invalid input.

Every error pathchoice raises on purpose derives from :class:`PathchoiceError`,
which derives from :class:`ValueError`, so ``except ValueError`` keeps working
for callers that do not care which input was wrong. Messages name the argument,
what was expected and what was found, and the offending item (a criterion, a
pair of labels, a file location).

Soft findings (an inconsistent but valid pairwise matrix, judgements off
Saaty's scale) are not errors: they are reported in the result objects.
"""

from __future__ import annotations

__all__ = [
    "ArgumentError",
    "ContradictoryJudgementError",
    "DisconnectedJudgementsError",
    "HierarchyError",
    "MethodError",
    "ModelError",
    "ModelFileError",
    "PairwiseMatrixError",
    "PathchoiceError",
    "ReciprocityError",
    "ResultTypeError",
    "ScaleError",
    "UnknownNameError",
    "WeightsError",
    "ZeroRangeError",
]


class PathchoiceError(ValueError):
    """Base class of every error pathchoice raises for invalid input."""


class ArgumentError(PathchoiceError):
    """An option of a function is out of its range or of the wrong kind.

    A count that is not a whole number, a seed that numpy cannot use, a choice
    not among those offered, a probability outside [0, 1]. The message names the
    function, the argument, what it accepts and what it got.
    """


class ModelError(PathchoiceError):
    """A decision model is malformed (names, shapes, non-finite performance values)."""


class UnknownNameError(PathchoiceError):
    """A name (criterion, alternative, label, method, scenario) is not known."""


class WeightsError(PathchoiceError):
    """Criteria weights are malformed: wrong length, negative, non-finite, not summing to 1."""


class ZeroRangeError(PathchoiceError):
    """A criterion has the same value for every alternative where that was refused."""


class PairwiseMatrixError(PathchoiceError):
    """A pairwise comparison matrix is malformed (shape, non-positive, non-finite)."""


class ReciprocityError(PairwiseMatrixError):
    """A pairwise comparison matrix is not reciprocal: ``a[i, j] * a[j, i] != 1``."""


class ContradictoryJudgementError(PairwiseMatrixError):
    """The same pair was judged twice with values that disagree."""


class DisconnectedJudgementsError(PairwiseMatrixError):
    """An incomplete pairwise matrix whose comparison graph is not connected."""


class ScaleError(PairwiseMatrixError):
    """A judgement lies off Saaty's 1/9..9 scale and ``strict=True`` was asked for."""


class HierarchyError(PathchoiceError):
    """An AHP hierarchy is malformed (duplicate or unknown nodes, missing judgements)."""


class MethodError(PathchoiceError):
    """A ranking method is unknown or was given options it does not take."""


class ResultTypeError(PathchoiceError, TypeError):
    """A function was given an object of the wrong type, e.g. a plot of the wrong result.

    The message names the type expected (and, for plots, the function that draws
    the object given).
    """


class ModelFileError(PathchoiceError):
    """A model file is malformed; the message names the location and the problem."""
