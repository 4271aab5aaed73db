"""Format 2's study sections: ``[analysis]`` settings, ``[bases]`` and ``[panel]``.

``[analysis]`` says how the study runs by default (method, normalisation,
where the weights come from, SMAA samples and seed, whether scores are drawn
within their ranges, the score scale). ``[bases.<name>]`` gives each basis of
a score's range its half-width and reason. ``[panel]`` holds the expert
panel: ``[[panel.members]]`` with their judgements (each naming its node).
"""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis, Judgement
from ..panel import PANEL_AGGREGATIONS, Panel, PanelMember
from ..settings import PERFORMANCE_MODES, ScoreBasis, StudySettings
from ._base import REQUIRED, Path_, Reader, number_text, put, record_table, show

__all__ = ["read_panel", "read_settings", "write_panel", "write_settings"]

_SETTINGS_KEYS = (
    "method",
    "normalization",
    "weights",
    "smaa_samples",
    "seed",
    "performance",
    "scale",
)


def _whole(r: Reader, row: dict[str, Any], key: str, path: Path_, default: Any) -> Any:
    if key not in row:
        return default
    value = row[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise r.fail((*path, key), f"expected a whole number >= 0, got {show(value)}")
    return value


def read_settings(r: Reader, doc: dict[str, Any]) -> StudySettings | None:
    """The settings of ``[analysis]`` and ``[bases]`` (``None`` when neither is there)."""
    if "analysis" not in doc and "bases" not in doc:
        return None
    p: Path_ = ("analysis",)
    t = r.table(doc.get("analysis", {}), p)
    r.keys(t, p, _SETTINGS_KEYS)
    bases = []
    bt = r.table(doc.get("bases", {}), ("bases",))
    for name, raw in bt.items():
        bp: Path_ = ("bases", name)
        row = r.table(raw, bp)
        r.keys(row, bp, ("half_width", "reason"), ("half_width",))
        hw = r.number(row["half_width"], (*bp, "half_width"))
        if hw < 0:
            raise r.fail((*bp, "half_width"), f"expected a number >= 0, got {hw:g}")
        bases.append(ScoreBasis(name, hw, r.string(row, "reason", bp)))
    scale = None
    if "scale" in t:
        values = r.array(t, "scale", p, required=True, of="two numbers")
        if len(values) != 2:
            raise r.fail((*p, "scale"), f"expected [low, high], got {len(values)} values")
        scale = tuple(r.number(v, (*p, "scale", k)) for k, v in enumerate(values))
        if not scale[0] < scale[1]:
            raise r.fail((*p, "scale"), "expected low < high")
    samples = _whole(r, t, "smaa_samples", p, 10_000)
    if samples < 1:
        raise r.fail((*p, "smaa_samples"), "expected a whole number >= 1, got 0")
    return StudySettings(
        method=r.string(t, "method", p, "topsis", empty=False),
        normalization=r.string(t, "normalization", p, "vector", empty=False),
        weights=r.string(t, "weights", p, "hierarchy", empty=False),
        smaa_samples=samples,
        seed=_whole(r, t, "seed", p, None),
        performance=r.choice(t, "performance", p, PERFORMANCE_MODES, "exact"),
        scale=scale,  # type: ignore[arg-type]
        bases=tuple(bases),
    )


def read_panel(r: Reader, doc: dict[str, Any]) -> Panel | None:
    """The expert panel of ``[panel]`` (``None`` when there is none)."""
    if "panel" not in doc:
        return None
    p: Path_ = ("panel",)
    t = r.table(doc["panel"], p)
    r.keys(t, p, ("aggregation", "members"), ("members",))
    aggregation = r.choice(t, "aggregation", p, PANEL_AGGREGATIONS, "aij")
    members = []
    seen: dict[str, Path_] = {}
    rows = r.array_of_tables(t, "members", p, required=True)
    if not rows:
        raise r.fail((*p, "members"), "expected at least one member")
    for i, row in enumerate(rows):
        mp: Path_ = (*p, "members", i)
        r.keys(
            row, mp, ("name", "title", "description", "source", "weight", "judgements"), ("name",)
        )
        name = r.string(row, "name", mp, REQUIRED, empty=False)
        r.unique_name(seen, name, (*mp, "name"), "panel member")
        judgements = tuple(
            r.record(Judgement, j, (*mp, "judgements", k))
            for k, j in enumerate(r.array_of_tables(row, "judgements", mp))
        )
        weight = None if "weight" not in row else r.number(row["weight"], (*mp, "weight"))
        members.append(
            PanelMember(
                name,
                title=r.string(row, "title", mp),
                description=r.string(row, "description", mp),
                source=r.string(row, "source", mp),
                judgements=judgements,
                weight=weight,
            )
        )
    return Panel(tuple(members), aggregation)


def write_settings(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[analysis]`` and ``[bases]`` (when the analysis has settings) to ``doc``."""
    s = analysis.settings
    if s is None:
        return
    t: dict[str, Any] = {
        "method": s.method,
        "normalization": s.normalization,
        "weights": s.weights,
        "smaa_samples": s.smaa_samples,
    }
    if s.seed is not None:
        t["seed"] = s.seed
    t["performance"] = s.performance
    if s.scale is not None:
        t["scale"] = [number_text(v) for v in s.scale]
    doc["analysis"] = t
    if s.bases:
        bases: dict[str, Any] = {}
        for b in s.bases:
            row: dict[str, Any] = {"half_width": number_text(b.half_width)}
            put(row, "reason", b.reason)
            bases[b.name] = row
        doc["bases"] = bases


def write_panel(analysis: Analysis, doc: dict[str, Any]) -> None:
    """Add ``[panel]`` (when the analysis has one) to ``doc``."""
    panel = analysis.panel
    if panel is None:
        return
    members = []
    for m in panel.members:
        row: dict[str, Any] = {"name": m.name}
        for key in ("title", "description", "source"):
            put(row, key, getattr(m, key))
        if m.weight is not None:
            row["weight"] = number_text(m.weight)
        if m.judgements:
            row["judgements"] = [record_table(j) for j in m.judgements]
        members.append(row)
    doc["panel"] = {"aggregation": panel.aggregation, "members": members}
