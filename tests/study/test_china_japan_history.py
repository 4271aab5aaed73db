"""The audit page's v1 -> v2 table is what the library computes, step by step.

``docs/china-japan-audit.md`` shows how the ranks of the paths moved from version 1 of
the China–Japan model (``china_japan(version=1)``) to version 2,
one group of fixes at a time. This test rebuilds every step from the two model files
and compares each rank with the page's table, so the page cannot drift from the model.
It checks a documented computation, not a published value.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pathchoice.study.analysis import Alternative, Score
from pathchoice.study.datasets import china_japan
from pathchoice.study.settings import use_judgements

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "china-japan-audit.md"
BUNDLE = "Industrial cooperation and wider rules"
HALVES = (
    "Cooperation in key digital industries",
    "Wider digital economy rules and third-party markets",
)
FIX = "v1 -> v2 step"
# The page abbreviates one v1 name; version 2 renamed the path.
ALIASES = {
    "Smart cities (elderly care)": (
        "Smart cities, elderly care and healthcare",
        "Smart cities and an elderly-friendly digital society",
    )
}


def _page_table() -> tuple[list[str], dict[str, list[int | None]]]:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index("| path | v1 |")
    rows = []
    for line in text[start:].splitlines():
        if not line.startswith("|"):
            break
        rows.append(line)
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    table = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        table[cells[0]] = [None if c == "–" else int(c) for c in cells[1:]]
    return header[1:], table


def _steps() -> list[list[str]]:
    v1 = china_japan(version=1)
    v2 = china_japan(version=2)
    steps = [v1.rank("paths").order()]
    b = v1.with_judgement("goal", "complementarity", "exposure", 1, reason=FIX)
    for other in (
        "China strengths meet Japan weaknesses",
        "Japan strengths meet China weaknesses",
        "common problems",
    ):
        b = b.with_judgement("complementarity", "joint innovation", other, 1, reason=FIX)
    steps.append(b.rank("paths").order())
    c = b.with_score("paths", BUNDLE, "exposure to de-Chinaization pressure", 8, reason=FIX)
    c = c.with_score("paths", BUNDLE, "exposure to rule fragmentation", 6, reason=FIX)
    steps.append(c.rank("paths").order())
    # the bundle split: the halves scored as in version 2 on the criteria both versions
    # share; "joint innovation" is version 2's "shared strengths"; "common problems" keeps
    # version 1's reading (digital healthcare touches ageing: 4; the rules half: 2)
    v2s = {(s.alternative, s.criterion): s.value for s in v2.performance}
    common = dict(zip(HALVES, (4, 2), strict=True))
    perf = [s for s in c.performance if s.alternative != BUNDLE]
    for half in HALVES:
        for crit in c.criterion_names:
            if crit == "common problems":
                value = common[half]
            else:
                value = v2s[(half, "shared strengths" if crit == "joint innovation" else crit)]
            perf.append(Score("paths", half, crit, value))
    paths = c.alternative_set("paths")
    alts = [a for a in paths.alternatives if a.name != BUNDLE] + [Alternative(h) for h in HALVES]
    d = replace(
        c,
        alternative_sets=tuple(
            replace(s, alternatives=tuple(alts)) if s.name == "paths" else s
            for s in c.alternative_sets
        ),
        performance=tuple(perf),
        cases=tuple(
            replace(k, links=tuple(x for x in k.links if x.alternative != BUNDLE)) for k in c.cases
        ),
        scenarios=tuple(
            replace(sc, scores=tuple(x for x in sc.scores if x.alternative != BUNDLE))
            for sc in c.scenarios
        ),
    )
    steps.append(d.rank("paths").order())
    # no double counting: "common problems" keeps only what version 2 calls a shared
    # weakness (digital service trade); disaster relief becomes a 5.3 topic
    renamed = {ALIASES["Smart cities (elderly care)"][0]: ALIASES["Smart cities (elderly care)"][1]}
    e = d
    for alt in d.alternative_set("paths").names:
        value = v2s[(renamed.get(alt, alt), "shared weaknesses")]
        e = e.with_score("paths", alt, "common problems", value, reason=FIX)
    e = e.with_score(
        "paths", "Digital disaster prevention and relief", "China strengths meet Japan weaknesses",
        2, reason=FIX,
    )  # fmt: skip
    steps.append(e.rank("paths").order())
    steps.append(use_judgements(v2, "hierarchy").rank("paths").order())
    steps.append(v2.rank("paths").order())
    return steps


@pytest.fixture(scope="module")
def computed() -> list[list[str]]:
    return _steps()


def test_the_page_has_one_column_per_step(computed):
    header, table = _page_table()
    assert len(header) == len(computed) == 7
    assert len(table) == 14


def test_every_rank_on_the_page_is_computed(computed):
    _, table = _page_table()
    for name, ranks in table.items():
        names = ALIASES.get(name, (name,))
        for k, (rank, order) in enumerate(zip(ranks, computed, strict=True)):
            found = [order.index(n) + 1 for n in names if n in order]
            assert found == ([] if rank is None else [rank]), (name, k)


def test_the_headline_step_by_step(computed):
    firsts = [order[0] for order in computed]
    assert firsts[0] == BUNDLE
    assert firsts[1] == firsts[2] == firsts[3] == "Joint digital-talent training and certification"
    assert firsts[-1] == "High-level policy dialogue"


MODEL_PAGE = ROOT / "docs" / "china-japan.md"


def test_the_model_pages_v1_and_v2_ranks_are_computed(computed):
    """docs/china-japan.md sums the steps up: each path's rank in version 1 and in
    version 2 (the first and the last step)."""
    text = MODEL_PAGE.read_text(encoding="utf-8")
    start = text.index("| path | v1 | v2 |")
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    assert len(rows) == 14
    renamed = {"Smart cities, elderly care and healthcare": ALIASES["Smart cities (elderly care)"]}
    for name, v1, v2, why in rows:
        names = renamed.get(name, (name,))
        first = [computed[0].index(n) + 1 for n in names if n in computed[0]]
        last = [computed[-1].index(n) + 1 for n in names if n in computed[-1]]
        assert first == ([] if v1 == "–" else [int(v1)]), name
        assert last == ([] if v2 == "–" else [int(v2)]), name
        assert why, name
