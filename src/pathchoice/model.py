"""The decision model: named alternatives, named criteria and a performance table.

A :class:`Model` is checked once, at construction, and is immutable afterwards:
every accessor hands out a copy. Weights are not part of the model; they are
passed to the ranking and sensitivity functions, which vary them while the
model stays fixed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._validate import as_number_array
from .exceptions import ModelError, UnknownNameError

__all__ = ["Criterion", "Direction", "Model"]

Direction = Literal["benefit", "cost"]
_DIRECTIONS = ("benefit", "cost")

DirectionsLike = Direction | Mapping[str, Direction] | Sequence[Direction] | None


@dataclass(frozen=True)
class Criterion:
    """One criterion of a decision model.

    Parameters
    ----------
    name : str
        Unique, non-empty name of the criterion.
    direction : {"benefit", "cost"}, default "benefit"
        ``"benefit"``: more is better; ``"cost"``: less is better.
    group : str or None, default None
        Optional group the criterion belongs to (a node of an AHP hierarchy,
        say). Informational for the model itself.
    description : str, default ""
        Free text.

    Examples
    --------
    >>> c = Criterion("exposure to export controls", direction="cost", group="challenges")
    >>> c.direction, c.sign
    ('cost', -1)
    """

    name: str
    direction: Direction = "benefit"
    group: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError(f"criterion name must be a non-empty string (got {self.name!r})")
        if self.direction not in _DIRECTIONS:
            raise ModelError(
                f"criterion {self.name!r}: direction must be 'benefit' or 'cost' "
                f"(got {self.direction!r})"
            )
        if self.group is not None and not isinstance(self.group, str):
            raise ModelError(
                f"criterion {self.name!r}: group must be a string or None (got {self.group!r})"
            )
        if not isinstance(self.description, str):
            raise ModelError(
                f"criterion {self.name!r}: description must be a string "
                f"(got {type(self.description).__name__})"
            )

    @property
    def sign(self) -> int:
        """``+1`` for a benefit criterion, ``-1`` for a cost criterion (pymcdm's types)."""
        return 1 if self.direction == "benefit" else -1


def _check_names(kind: str, names: Iterable[object]) -> tuple[str, ...]:
    names = tuple(names)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise ModelError(f"{kind} names must be non-empty strings (got {name!r})")
    seen: set[str] = set()
    duplicates = [n for n in names if n in seen or seen.add(n)]  # type: ignore[func-returns-value]
    if duplicates:
        raise ModelError(f"{kind} names must be unique; repeated: {sorted(set(duplicates))}")
    return names


def _resolve_directions(names: tuple[str, ...], directions: DirectionsLike) -> list[Direction]:
    if directions is None:
        return ["benefit"] * len(names)
    if isinstance(directions, str):
        if directions not in _DIRECTIONS:
            raise ModelError(f"directions must be 'benefit' or 'cost' (got {directions!r})")
        return [directions] * len(names)  # type: ignore[list-item]
    if isinstance(directions, Mapping):
        unknown = [k for k in directions if k not in names]
        if unknown:
            raise UnknownNameError(
                f"directions names unknown criteria {unknown}; criteria are {list(names)}"
            )
        return [directions.get(n, "benefit") for n in names]
    directions = list(directions)
    if len(directions) != len(names):
        raise ModelError(
            f"directions must have one entry per criterion ({len(names)}), got {len(directions)}"
        )
    return directions


class Model:
    """A named decision problem: alternatives × criteria performance table.

    Parameters
    ----------
    alternatives : sequence of str
        Unique names of the alternatives (at least two).
    criteria : sequence of Criterion or str
        The criteria, in column order. Plain names become benefit criteria
        unless ``directions`` says otherwise.
    performance : array_like, shape (n_alternatives, n_criteria)
        Finite numbers; row ``i`` is alternative ``i``, column ``j`` criterion ``j``.
    directions : {"benefit", "cost"}, mapping or sequence, optional
        Directions for criteria given by name: one string for all, a mapping
        from criterion name to direction (criteria not named are benefit
        criteria; unknown names raise), or a sequence in criterion order. Not
        allowed together with :class:`Criterion` objects.
    name : str, default ""
        Optional name of the model.

    Raises
    ------
    ModelError
        Empty or repeated names, fewer than two alternatives or one criterion,
        a shape that does not match the names, non-numeric or non-finite values.
    UnknownNameError
        ``directions`` names a criterion that is not in ``criteria``.

    Examples
    --------
    >>> model = Model(
    ...     ["A", "B", "C"],
    ...     ["price", "quality"],
    ...     [[250, 7], [200, 5], [300, 9]],
    ...     directions={"price": "cost"},
    ... )
    >>> model.criterion_names
    ('price', 'quality')
    >>> model.performance
    criterion    price  quality
    alternative
    A            250.0      7.0
    B            200.0      5.0
    C            300.0      9.0
    """

    __slots__ = ("_alternatives", "_criteria", "_name", "_values")

    def __init__(
        self,
        alternatives: Sequence[str],
        criteria: Sequence[Criterion | str],
        performance: npt.ArrayLike,
        *,
        directions: DirectionsLike = None,
        name: str = "",
    ) -> None:
        alternatives = _check_names("alternative", alternatives)
        criteria = list(criteria)
        if any(isinstance(c, Criterion) for c in criteria):
            if not all(isinstance(c, Criterion) for c in criteria):
                raise ModelError("criteria must be all Criterion objects or all names, not a mix")
            if directions is not None:
                raise ModelError(
                    "directions cannot be given with Criterion objects; set Criterion.direction"
                )
            names = _check_names("criterion", (c.name for c in criteria))
        else:
            names = _check_names("criterion", criteria)
            criteria = [
                Criterion(n, direction=d)
                for n, d in zip(names, _resolve_directions(names, directions), strict=True)
            ]
        if len(alternatives) < 2:
            raise ModelError(f"a model needs at least two alternatives (got {len(alternatives)})")
        if len(names) < 1:
            raise ModelError("a model needs at least one criterion")
        if not isinstance(name, str):
            raise ModelError(f"name must be a string (got {type(name).__name__}: {name!r})")
        values = _as_performance(performance, alternatives, names)
        values.setflags(write=False)
        self._alternatives = alternatives
        self._criteria = tuple(criteria)
        self._values = values
        self._name = str(name)

    # -- alternative constructors -------------------------------------------------
    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        directions: DirectionsLike = None,
        *,
        groups: Mapping[str, str] | None = None,
        descriptions: Mapping[str, str] | None = None,
        name: str = "",
    ) -> Model:
        """Build a model from a DataFrame: index = alternatives, columns = criteria.

        Parameters
        ----------
        frame : pandas.DataFrame
            Performance table; index and column labels are used as names.
        directions : {"benefit", "cost"}, mapping or sequence, optional
            As in :class:`Model`.
        groups, descriptions : mapping, optional
            Criterion name to group / description; unknown names raise.
        name : str, default ""
            Optional model name.

        Examples
        --------
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"cost": [3.0, 5.0], "reach": [0.4, 0.9]}, index=["X", "Y"])
        >>> Model.from_frame(frame, directions={"cost": "cost"}).criteria[0].direction
        'cost'
        """
        if not isinstance(frame, pd.DataFrame):
            raise ModelError(f"frame must be a pandas DataFrame (got {type(frame).__name__})")
        names = tuple(_labels("criterion", frame.columns))
        _check_names("criterion", names)
        resolved = _resolve_directions(names, directions)
        for label, mapping in (("groups", groups), ("descriptions", descriptions)):
            unknown = [k for k in (mapping or {}) if k not in names]
            if unknown:
                raise UnknownNameError(
                    f"{label} names unknown criteria {unknown}; criteria are {list(names)}"
                )
        criteria = [
            Criterion(
                n,
                direction=d,
                group=(groups or {}).get(n),
                description=(descriptions or {}).get(n, ""),
            )
            for n, d in zip(names, resolved, strict=True)
        ]
        alternatives = _labels("alternative", frame.index)
        missing = np.argwhere(frame.isna().to_numpy())
        if missing.size:
            i, j = missing[0]
            count = int(frame.iloc[:, j].isna().sum())
            raise ModelError(
                f"performance must hold numbers: [{alternatives[i]!r}, {names[j]!r}] is missing "
                f"({frame.iat[i, j]!r}; column {names[j]!r} has {count} missing value(s))"
            )
        return cls(alternatives, criteria, frame.to_numpy(), name=name)

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        directions: DirectionsLike = None,
        *,
        name: str | None = None,
    ) -> Model:
        """Read a model from a CSV performance table.

        The first row names the criteria, the first column the alternatives;
        a row whose first cell is ``direction`` says ``benefit`` or ``cost``
        under every criterion (or give ``directions`` instead, as for
        :class:`Model`). The layout is described in :mod:`pathchoice.tables`.

        Parameters
        ----------
        path : str or path-like
            A CSV file (UTF-8; comma, semicolon or tab separated).
        directions : {"benefit", "cost"}, mapping or sequence, optional
            When the table has no directions row.
        name : str, optional
            The model's name (default: the file name without its suffix).

        Raises
        ------
        ModelError
            An empty or text cell, a missing or unknown direction, a repeated
            or empty name: the message names the cell (``C4``), its
            alternative and criterion.
        ArgumentError
            Both a directions row and ``directions``.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "shops.csv"
        >>> text = "shop,price,quality\\ndirection,cost,benefit\\nA,250,7\\nB,200,5\\n"
        >>> _ = path.write_text(text)
        >>> Model.from_csv(path).performance
        criterion    price  quality
        alternative
        A            250.0      7.0
        B            200.0      5.0
        """
        from .tables import model_from_csv

        return model_from_csv(path, directions, name=name)

    @classmethod
    def from_excel(
        cls,
        path: str | os.PathLike[str],
        sheet: str | int | None = None,
        directions: DirectionsLike = None,
        *,
        name: str | None = None,
    ) -> Model:
        """Read a model from a performance sheet of an Excel workbook (``.xlsx``).

        The layout is that of :meth:`from_csv`; needs openpyxl
        (``pip install "pathchoice[excel]"``).

        Parameters
        ----------
        path : str or path-like
            The workbook.
        sheet : str or int, optional
            The sheet by name or 0-based position (default: the first).
        directions : {"benefit", "cost"}, mapping or sequence, optional
            When the sheet has no directions row.
        name : str, optional
            The model's name (default: the file name without its suffix).

        Raises
        ------
        ModelError
            As :meth:`from_csv`, with the sheet named; a file that is not an
            ``.xlsx`` workbook.
        UnknownNameError
            No sheet of that name.
        ImportError
            openpyxl is not installed.
        """
        from .tables import model_from_excel

        return model_from_excel(path, sheet, directions, name=name)

    # -- accessors (copies) -------------------------------------------------------
    @property
    def name(self) -> str:
        """The model's name (may be empty)."""
        return self._name

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Names of the alternatives, in row order."""
        return self._alternatives

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The criteria, in column order."""
        return self._criteria

    @property
    def criterion_names(self) -> tuple[str, ...]:
        """Names of the criteria, in column order."""
        return tuple(c.name for c in self._criteria)

    @property
    def directions(self) -> tuple[Direction, ...]:
        """``"benefit"`` or ``"cost"`` per criterion, in column order."""
        return tuple(c.direction for c in self._criteria)

    @property
    def types(self) -> np.ndarray:
        """``+1`` (benefit) or ``-1`` (cost) per criterion: pymcdm's ``types`` array."""
        return np.array([c.sign for c in self._criteria], dtype=int)

    @property
    def matrix(self) -> np.ndarray:
        """A float64 copy of the performance values, shape (n_alternatives, n_criteria)."""
        return self._values.copy()

    @property
    def performance(self) -> pd.DataFrame:
        """A copy of the performance table, alternatives × criteria."""
        return pd.DataFrame(
            self._values.copy(),
            index=pd.Index(self._alternatives, name="alternative"),
            columns=pd.Index(self.criterion_names, name="criterion"),
        )

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_alternatives, n_criteria)``."""
        return self._values.shape  # type: ignore[return-value]

    @property
    def n_alternatives(self) -> int:
        """Number of alternatives."""
        return self._values.shape[0]

    @property
    def n_criteria(self) -> int:
        """Number of criteria."""
        return self._values.shape[1]

    def criterion(self, name: str) -> Criterion:
        """The criterion called ``name``; raises :class:`UnknownNameError` if there is none."""
        return self._criteria[self.criterion_index(name)]

    def criterion_index(self, name: str) -> int:
        """Column index of criterion ``name``."""
        try:
            return self.criterion_names.index(name)
        except ValueError:
            raise UnknownNameError(
                f"unknown criterion {name!r}; criteria are {list(self.criterion_names)}"
            ) from None

    def alternative_index(self, name: str) -> int:
        """Row index of alternative ``name``."""
        try:
            return self._alternatives.index(name)
        except ValueError:
            raise UnknownNameError(
                f"unknown alternative {name!r}; alternatives are {list(self._alternatives)}"
            ) from None

    def zero_range_criteria(self) -> tuple[str, ...]:
        """Criteria on which every alternative has the same value."""
        constant = np.ptp(self._values, axis=0) == 0
        return tuple(n for n, c in zip(self.criterion_names, constant, strict=True) if c)

    # -- derived models (never mutate) --------------------------------------------
    def select(
        self,
        alternatives: Sequence[str] | None = None,
        criteria: Sequence[str] | None = None,
    ) -> Model:
        """A new model restricted to (and ordered by) the given names.

        Examples
        --------
        >>> model = Model(["A", "B", "C"], ["x", "y"], [[1, 2], [3, 4], [5, 6]])
        >>> model.select(alternatives=["C", "A"], criteria=["y"]).matrix
        array([[6.],
               [2.]])
        """
        rows = (
            range(self.n_alternatives)
            if alternatives is None
            else [self.alternative_index(a) for a in alternatives]
        )
        cols = (
            range(self.n_criteria)
            if criteria is None
            else [self.criterion_index(c) for c in criteria]
        )
        rows, cols = list(rows), list(cols)
        return Model(
            [self._alternatives[i] for i in rows],
            [self._criteria[j] for j in cols],
            self._values[np.ix_(rows, cols)],
            name=self._name,
        )

    def with_performance(self, performance: npt.ArrayLike | pd.DataFrame) -> Model:
        """A new model with the same names and criteria and new performance values.

        A DataFrame must carry exactly this model's alternatives and criteria
        (in any order); an array must have this model's shape.
        """
        if isinstance(performance, pd.DataFrame):
            performance = _aligned(performance, self._alternatives, self.criterion_names)
        return Model(self._alternatives, self._criteria, performance, name=self._name)

    def to_frame(self) -> pd.DataFrame:
        """The performance table (same as :attr:`performance`)."""
        return self.performance

    def criteria_frame(self) -> pd.DataFrame:
        """One row per criterion: direction, group and description."""
        return pd.DataFrame(
            {
                "direction": [c.direction for c in self._criteria],
                "group": [c.group for c in self._criteria],
                "description": [c.description for c in self._criteria],
            },
            index=pd.Index(self.criterion_names, name="criterion"),
        )

    # -- dunder -------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return (
            self._alternatives == other._alternatives
            and self._criteria == other._criteria
            and self._name == other._name
            and np.array_equal(self._values, other._values)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        label = f" {self._name!r}" if self._name else ""
        return f"<Model{label}: {self.n_alternatives} alternatives × {self.n_criteria} criteria>"

    def _repr_html_(self) -> str:
        from ._display import model_html

        return model_html(self.__repr__()[1:-1], self.performance, self.directions)


def _aligned(frame: pd.DataFrame, rows: Sequence[str], cols: Sequence[str]) -> np.ndarray:
    for kind, have, want in (
        ("alternatives", frame.index, rows),
        ("criteria", frame.columns, cols),
    ):
        unknown = [str(x) for x in have if x not in want]
        missing = [x for x in want if x not in have]
        if unknown:
            raise UnknownNameError(f"performance names unknown {kind}: {unknown}")
        if missing:
            raise ModelError(f"performance is missing {kind}: {missing}")
    return frame.loc[list(rows), list(cols)].to_numpy()


def _as_performance(
    performance: npt.ArrayLike, alternatives: tuple[str, ...], criteria: tuple[str, ...]
) -> np.ndarray:
    """The performance table as float64, checked cell by cell.

    Booleans, text and missing values (``None``, ``pd.NA`` of a nullable
    column) are refused naming the first such cell; non-finite values are
    refused naming the first one and counting the rest.
    """
    raw = np.asarray(performance, dtype=object)
    expected = (len(alternatives), len(criteria))
    if raw.shape != expected:
        raise ModelError(
            f"performance must have shape (n_alternatives, n_criteria) = {expected}, "
            f"got {raw.shape}"
        )
    labels = [list(alternatives), list(criteria)]
    try:
        values = as_number_array(performance, "performance", labels=labels, error=ModelError)
    except ModelError as exc:
        raise ModelError(f"{exc} (performance must be a table of numbers)") from None
    values = np.array(values, dtype=np.float64, copy=True)
    bad = np.argwhere(~np.isfinite(values))
    if bad.size:
        i, j = bad[0]
        raise ModelError(
            f"performance must be finite: [{alternatives[i]!r}, {criteria[j]!r}] = {values[i, j]}"
            + (f" (and {len(bad) - 1} more non-finite cells)" if len(bad) > 1 else "")
        )
    return values


def _labels(kind: str, labels: Iterable[object]) -> list[str]:
    """Index or column labels of a DataFrame as names; a missing (NaN/NA) label is refused."""
    out = []
    for position, label in enumerate(labels):
        if not isinstance(label, str) and pd.isna(label):  # type: ignore[arg-type]
            raise ModelError(
                f"{kind} label at position {position} is missing ({label!r}); every "
                f"{kind} needs a name"
            )
        out.append(label if isinstance(label, str) else str(label))
    return out


def as_model(value: object, where: str) -> Model:
    """``value`` if it is a :class:`Model`, else a :class:`ModelError` naming ``where``."""
    if isinstance(value, Model):
        return value
    raise ModelError(f"{where}: model must be a pathchoice Model (got {type(value).__name__})")
