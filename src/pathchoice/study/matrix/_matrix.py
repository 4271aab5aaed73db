"""The advantage/disadvantage matrix: areas × parties, stances or items, derived criteria."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import pandas as pd

from ..._display import stance_table_html
from ...exceptions import ModelError, UnknownNameError
from ...model import Criterion
from ._derive import cell_text, check_items, stance_of
from ._records import (
    CRITERIA_BY,
    Area,
    Challenge,
    Complementarity,
    Indicator,
    Item,
    Stance,
    StanceCell,
    TopicRelation,
    check_name,
    check_unique,
)
from ._relations import (
    area_complementarities,
    matrix_criteria,
    relation_names,
    relations_frame,
    topic_relations,
)

# -- the labelled object -----------------------------------------------------------


@dataclass(frozen=True)
class AdvantageMatrix:
    """Areas × parties, each cell a stance with its text and source.

    The matrix is checked at construction and immutable; :meth:`with_stance`
    returns a new matrix. Cells are kept in area-major, party-minor order
    whatever order they were given in, so two matrices with the same content
    compare equal.

    Parameters
    ----------
    parties : sequence of str
        At least two unique party names (countries, regions, firms).
    areas : sequence of Area or str
        At least one area; unique names.
    cells : iterable of StanceCell
        Exactly one cell per (area, party).
    indicators : iterable of Indicator, default ()
        Optional numbers behind the stances; their ``party`` and ``area`` must
        be in the matrix.
    criteria_by : {"relation", "area"}, default "relation"
        How :meth:`criteria` derives the complementarity criteria.

    Raises
    ------
    ModelError
        Fewer than two parties, no area, repeated names, a bad stance, a
        missing or repeated cell.
    UnknownNameError
        A cell or indicator naming an area or party that is not in the matrix.

    Examples
    --------
    >>> m = AdvantageMatrix.from_frame(
    ...     pd.DataFrame(
    ...         {"China": ["advantage", "disadvantage"], "Japan": ["disadvantage", "disadvantage"]},
    ...         index=["infrastructure", "talent"],
    ...     )
    ... )
    >>> m.to_frame()
                        China         Japan complementarity
    area
    infrastructure      advantage  disadvantage   China → Japan
    talent           disadvantage  disadvantage  common problem
    >>> [c.name for c in m.criteria()]
    ['China strengths meet Japan weaknesses', 'common problems']
    >>> [c.name for c in m.with_stance("talent", "China", "advantage").criteria()]
    ['China strengths meet Japan weaknesses']

    References
    ----------
    .. [1] Fang, Z. et al. "Policy Assessment and Path Choice of Digital Economy
       Cooperation between China and Japan", Table 4.
    """

    parties: tuple[str, ...]
    areas: tuple[Area, ...]
    cells: tuple[StanceCell, ...]
    indicators: tuple[Indicator, ...] = ()
    criteria_by: Literal["relation", "area"] = "relation"
    items: tuple[Item, ...] = ()
    _index: Mapping[tuple[str, str], int] = field(
        default=None, init=False, repr=False, compare=False
    )  # type: ignore[assignment]

    def __post_init__(self) -> None:
        parties = tuple(check_name(p, "party name") for p in self.parties)
        check_unique(parties, "party names")
        if len(parties) < 2:
            raise ModelError(f"an advantage matrix needs at least two parties (got {len(parties)})")
        areas = tuple(
            a if isinstance(a, Area) else Area(check_name(a, "area name")) for a in self.areas
        )
        area_names = tuple(a.name for a in areas)
        check_unique(area_names, "area names")
        if not areas:
            raise ModelError("an advantage matrix needs at least one area")
        if self.criteria_by not in CRITERIA_BY:
            raise ModelError(
                f"criteria_by must be one of {list(CRITERIA_BY)} (got {self.criteria_by!r})"
            )
        slots: dict[tuple[str, str], StanceCell] = {}
        for cell in self.cells:
            if not isinstance(cell, StanceCell):
                raise ModelError(f"cells must be StanceCell objects (got {cell!r})")
            if cell.area not in area_names:
                raise UnknownNameError(
                    f"cell ({cell.area!r}, {cell.party!r}) names unknown area {cell.area!r}; "
                    f"areas are {list(area_names)}"
                )
            if cell.party not in parties:
                raise UnknownNameError(
                    f"cell ({cell.area!r}, {cell.party!r}) names unknown party {cell.party!r}; "
                    f"parties are {list(parties)}"
                )
            key = (cell.area, cell.party)
            if key in slots:
                raise ModelError(f"cell ({cell.area!r}, {cell.party!r}) is given more than once")
            slots[key] = cell
        missing = [(a, p) for a in area_names for p in parties if (a, p) not in slots]
        if missing:
            raise ModelError(
                f"every area needs a stance for every party; missing cells {missing[:5]}"
                + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            )
        indicators = tuple(self.indicators)
        for ind in indicators:
            if not isinstance(ind, Indicator):
                raise ModelError(f"indicators must be Indicator objects (got {ind!r})")
            if ind.party is not None and ind.party not in parties:
                raise UnknownNameError(
                    f"indicator {ind.name!r} names unknown party {ind.party!r}; "
                    f"parties are {list(parties)}"
                )
            if ind.area is not None and ind.area not in area_names:
                raise UnknownNameError(
                    f"indicator {ind.name!r} names unknown area {ind.area!r}; "
                    f"areas are {list(area_names)}"
                )
        ordered = tuple(slots[(a, p)] for a in area_names for p in parties)
        object.__setattr__(self, "parties", parties)
        object.__setattr__(self, "areas", areas)
        object.__setattr__(self, "cells", ordered)
        object.__setattr__(self, "indicators", indicators)
        object.__setattr__(self, "_index", {(c.area, c.party): i for i, c in enumerate(ordered)})
        items = tuple(self.items)
        if items:
            check_items(items, parties, area_names, slots)
        object.__setattr__(self, "items", items)

    @classmethod
    def from_items(
        cls,
        parties: Sequence[str],
        areas: Sequence[Area | str],
        items: Iterable[Item],
        *,
        indicators: Iterable[Indicator] = (),
        criteria_by: Literal["relation", "area"] = "relation",
    ) -> AdvantageMatrix:
        """Build an itemised matrix: each cell's stance and text follow from its items.

        Every party needs at least one item in every area. A cell is
        ``"advantage"``, ``"disadvantage"`` or ``"both"`` as its items are;
        its text lists them (``"Advantage: ...; ... Disadvantage: ..."``) and
        its source joins theirs.

        Examples
        --------
        >>> m = AdvantageMatrix.from_items(["A", "B"], ["chips"], [
        ...     Item("A", "chips", "design", "advantage"),
        ...     Item("A", "chips", "patents", "disadvantage"),
        ...     Item("B", "chips", "patents", "advantage"),
        ...     Item("B", "chips", "design", "disadvantage"),
        ... ])
        >>> m.stance("chips", "A"), m.complementarity_of("chips").label
        ('both', 'two-way')
        """
        items = tuple(items)
        for item in items:
            if not isinstance(item, Item):
                raise ModelError(f"items must be Item objects (got {item!r})")
        area_objs = tuple(
            a if isinstance(a, Area) else Area(check_name(a, "area name")) for a in areas
        )
        cells = []
        for area in area_objs:
            for party in parties:
                own = [i for i in items if i.area == area.name and i.party == party]
                if not own:
                    raise ModelError(
                        f"itemised matrix: party {party!r} has no item in area {area.name!r}; "
                        "every party needs at least one advantage or disadvantage in every area"
                    )
                cells.append(
                    StanceCell(
                        area.name,
                        party,
                        stance_of(own),
                        text=cell_text(own),
                        source="; ".join(dict.fromkeys(i.source for i in own if i.source)),
                    )
                )
        return cls(
            tuple(parties),
            area_objs,
            cells,
            indicators=tuple(indicators),
            criteria_by=criteria_by,
            items=items,
        )

    # -- constructors ----------------------------------------------------------------
    @classmethod
    def from_frame(
        cls,
        stances: pd.DataFrame,
        texts: pd.DataFrame | None = None,
        *,
        source: str = "",
        indicators: Iterable[Indicator] = (),
        criteria_by: Literal["relation", "area"] = "relation",
    ) -> AdvantageMatrix:
        """Build a matrix from a DataFrame of stances: index = areas, columns = parties.

        Parameters
        ----------
        stances : pandas.DataFrame
            ``"advantage"``, ``"disadvantage"`` or ``"both"`` in every cell.
        texts : pandas.DataFrame, optional
            Same labels; the text of each cell (missing labels give ``""``).
        source : str, default ""
            Source given to every area and cell.
        indicators, criteria_by
            As in the constructor.

        Examples
        --------
        >>> frame = pd.DataFrame({"A": ["advantage"], "B": ["both"]}, index=["ports"])
        >>> AdvantageMatrix.from_frame(frame).stance("ports", "B")
        'both'
        """
        if not isinstance(stances, pd.DataFrame):
            raise ModelError(f"stances must be a pandas DataFrame (got {type(stances).__name__})")
        parties = [str(p) for p in stances.columns]
        areas = [str(a) for a in stances.index]
        cells = []
        for area, row in zip(areas, stances.itertuples(index=False), strict=True):
            for party, stance in zip(parties, row, strict=True):
                text = ""
                if texts is not None and area in texts.index and party in texts.columns:
                    got = texts.loc[area, party]
                    text = "" if pd.isna(got) else str(got)
                cells.append(StanceCell(area, party, stance, text=text, source=source))
        return cls(
            parties,
            [Area(a, source=source) for a in areas],
            cells,
            indicators=tuple(indicators),
            criteria_by=criteria_by,
        )

    # -- accessors -------------------------------------------------------------------
    @property
    def area_names(self) -> tuple[str, ...]:
        """Names of the areas, in row order."""
        return tuple(a.name for a in self.areas)

    def _check_area(self, area: str) -> None:
        if area not in self.area_names:
            raise UnknownNameError(f"unknown area {area!r}; areas are {list(self.area_names)}")

    def _check_party(self, party: str) -> None:
        if party not in self.parties:
            raise UnknownNameError(f"unknown party {party!r}; parties are {list(self.parties)}")

    def cell(self, area: str, party: str) -> StanceCell:
        """The cell of ``party`` in ``area``."""
        self._check_area(area)
        self._check_party(party)
        return self.cells[self._index[(area, party)]]

    def stance(self, area: str, party: str) -> str:
        """The stance of ``party`` in ``area``."""
        return self.cell(area, party).stance

    # -- derived (the work is done in ``_relations``) --------------------------------
    def relation_names(self) -> tuple[str, ...]:
        """All relation names for these parties (whether or not an area feeds them)."""
        return relation_names(self)

    @property
    def itemised(self) -> bool:
        """Whether the matrix holds items (complementarity derived per topic)."""
        return bool(self.items)

    @property
    def topic_relations(self) -> tuple[TopicRelation, ...]:
        """What every topic of an itemised matrix yields (empty for a matrix of stances)."""
        return topic_relations(self)

    def topics(self) -> pd.DataFrame:
        """One row per topic of an itemised matrix: strong, weak, label, relations, challenge.

        Examples
        --------
        >>> m = AdvantageMatrix.from_items(["A", "B"], ["net"], [
        ...     Item("A", "net", "5G", "advantage"), Item("B", "net", "5G", "disadvantage")])
        >>> m.topics().loc[("net", "5G"), "label"]
        'one-way: A → B'
        """
        rel = self.topic_relations
        return pd.DataFrame(
            {
                "strong": [", ".join(r.strong) for r in rel],
                "weak": [", ".join(r.weak) for r in rel],
                "label": [r.label for r in rel],
                "relations": ["; ".join(r.relations) for r in rel],
                "challenge": [r.challenge or "" for r in rel],
            },
            index=pd.MultiIndex.from_arrays(
                [[r.area for r in rel], [r.topic for r in rel]], names=["area", "topic"]
            ),
        )

    def items_frame(self) -> pd.DataFrame:
        """One row per item: party, area, topic, kind, text, source, challenge, note."""
        columns = ["party", "area", "topic", "kind", "text", "source", "challenge", "note"]
        rows = [[getattr(i, c) or "" for c in columns] for i in self.items]
        return pd.DataFrame(rows, columns=columns)

    def relations(self) -> pd.DataFrame:
        """Boolean table: areas × relation names, True where the area feeds the relation.

        For an itemised matrix an area feeds a relation when one of its topics
        does and that topic is not the subject of a challenge.
        """
        return relations_frame(self)

    @property
    def complementarities(self) -> tuple[Complementarity, ...]:
        """The :class:`Complementarity` of every area, in row order."""
        return area_complementarities(self)

    def complementarity_of(self, area: str) -> Complementarity:
        """The :class:`Complementarity` of one area."""
        self._check_area(area)
        return self.complementarities[self.area_names.index(area)]

    def complementarity(self) -> pd.DataFrame:
        """One row per area: ``kind``, ``label``, ``strong``, ``weak``, ``relations``.

        ``strong``, ``weak`` and ``relations`` are joined with ``", "`` / ``"; "``.
        """
        comps = self.complementarities
        return pd.DataFrame(
            {
                "kind": [c.kind for c in comps],
                "label": [c.label for c in comps],
                "strong": [", ".join(c.strong) for c in comps],
                "weak": [", ".join(c.weak) for c in comps],
                "relations": ["; ".join(c.relations) for c in comps],
            },
            index=pd.Index(self.area_names, name="area"),
        )

    def criteria(self, challenges: Iterable[Challenge] = ()) -> tuple[Criterion, ...]:
        """The criteria of the ranking problem derived from the matrix and the challenges.

        Parameters
        ----------
        challenges : iterable of Challenge, default ()
            Each adds its exposure (cost) and/or relief (benefit) criterion.

        Returns
        -------
        tuple of Criterion
            Complementarity criteria first (relation order, or area order with
            ``criteria_by="area"``), then the challenges' criteria in order.

        Raises
        ------
        ModelError
            Two derived criteria with the same name (e.g. a challenge named
            like an area) or repeated challenge keys.

        Examples
        --------
        >>> m = AdvantageMatrix(
        ...     ["A", "B"],
        ...     ["market", "chips"],
        ...     [
        ...         StanceCell("market", "A", "advantage"),
        ...         StanceCell("market", "B", "disadvantage"),
        ...         StanceCell("chips", "A", "disadvantage"),
        ...         StanceCell("chips", "B", "advantage"),
        ...     ],
        ... )
        >>> crit = m.criteria([Challenge("1", "export controls")])
        >>> [(c.name, c.direction, c.group) for c in crit]  # doctest: +NORMALIZE_WHITESPACE
        [('A strengths meet B weaknesses', 'benefit', 'complementarity'),
         ('B strengths meet A weaknesses', 'benefit', 'complementarity'),
         ('exposure to export controls', 'cost', 'exposure')]
        """
        return matrix_criteria(self, challenges)

    # -- derived matrices (never mutate) ---------------------------------------------
    def with_stance(
        self,
        area: str,
        party: str,
        stance: Stance,
        *,
        text: str | None = None,
        source: str | None = None,
    ) -> AdvantageMatrix:
        """A new matrix with the stance of ``party`` in ``area`` changed.

        The cell keeps its text and source unless new ones are given.

        Examples
        --------
        >>> frame = pd.DataFrame({"A": ["advantage"], "B": ["disadvantage"]}, index=["x"])
        >>> m = AdvantageMatrix.from_frame(frame)
        >>> m.with_stance("x", "B", "advantage").complementarity_of("x").label
        'joint innovation'
        >>> m.stance("x", "B")
        'disadvantage'
        """
        if self.items:
            raise ModelError(
                "with_stance: this matrix is itemised; its stances follow from its items "
                "(change them with with_items)"
            )
        old = self.cell(area, party)
        new = StanceCell(
            area,
            party,
            stance,
            text=old.text if text is None else text,
            source=old.source if source is None else source,
        )
        cells = list(self.cells)
        cells[self._index[(area, party)]] = new
        return replace(self, cells=tuple(cells))

    def with_items(self, items: Iterable[Item]) -> AdvantageMatrix:
        """A new itemised matrix with these items; stances, texts and criteria follow them.

        Examples
        --------
        >>> m = AdvantageMatrix.from_items(["A", "B"], ["net"], [
        ...     Item("A", "net", "5G", "advantage"), Item("B", "net", "5G", "disadvantage")])
        >>> flipped = m.with_items([Item("A", "net", "5G", "advantage"),
        ...                         Item("B", "net", "5G", "advantage")])
        >>> [c.name for c in flipped.criteria()]
        ['shared strengths']
        """
        return AdvantageMatrix.from_items(
            self.parties,
            self.areas,
            items,
            indicators=self.indicators,
            criteria_by=self.criteria_by,
        )

    # -- tables ----------------------------------------------------------------------
    def to_frame(self, *, texts: bool = False) -> pd.DataFrame:
        """The matrix as a table: one row per area, a stance column per party.

        The last column, ``complementarity``, is the area's label. With
        ``texts=True`` a ``"<party> text"`` column follows each party's stance.
        """
        data: dict[str, list[str]] = {}
        for j, party in enumerate(self.parties):
            column = self.cells[j :: len(self.parties)]
            data[party] = [c.stance for c in column]
            if texts:
                data[f"{party} text"] = [c.text for c in column]
        data["complementarity"] = [c.label for c in self.complementarities]
        return pd.DataFrame(data, index=pd.Index(self.area_names, name="area"))

    def indicators_for(self, criterion: str) -> tuple[Indicator, ...]:
        """The indicators whose ``supports`` name ``criterion``: the figures behind its scores.

        Examples
        --------
        >>> flow = "A strengths meet B weaknesses"
        >>> m = AdvantageMatrix.from_items(["A", "B"], ["net"], [
        ...     Item("A", "net", "5G", "advantage"), Item("B", "net", "5G", "disadvantage")],
        ...     indicators=[Indicator("base stations", 2.3, supports=(flow,))])
        >>> [i.name for i in m.indicators_for(flow)]
        ['base stations']
        """
        return tuple(ind for ind in self.indicators if criterion in ind.supports)

    def indicators_frame(self) -> pd.DataFrame:
        """One row per indicator: name, value, unit, year, party, area, source, note,
        then how it is worded (``shown``, ``qualifier``, ``low``, ``high``) and the
        criteria it supports."""
        columns = ["name", "value", "unit", "year", "party", "area", "source", "note"]
        extra = ["shown", "qualifier", "low", "high", "supports"]
        rows = [
            [getattr(ind, c) for c in columns]
            + [ind.shown, ind.qualifier, ind.low, ind.high, "; ".join(ind.supports)]
            for ind in self.indicators
        ]
        frame = pd.DataFrame(rows, columns=columns + extra)
        for c in ("value", "low", "high"):
            frame[c] = frame[c].astype(float)
        frame["year"] = frame["year"].astype("Int64")
        return frame

    def __str__(self) -> str:
        return self.to_frame().to_string()

    def _repr_html_(self) -> str:
        """The matrix as an HTML table, party cells coloured by stance, stance texts on hover."""
        title = f"advantage matrix: {len(self.areas)} areas × {', '.join(self.parties)}"
        texts = self.to_frame(texts=True)
        tips = texts[[f"{p} text" for p in self.parties]].set_axis(list(self.parties), axis=1)
        return stance_table_html(title, self.to_frame(), self.parties, tips)
